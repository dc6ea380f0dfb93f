//! Throughput and latency of `ampled serve` through JSON-RPC. Run with
//! `cargo run --release -p ampled-client --example node_bench`.

use ampled_client::node;
use solana_keypair::Keypair;
use solana_rpc_client::nonblocking::rpc_client::RpcClient;
use solana_signer::Signer;
use std::sync::Arc;
use std::time::{Duration, Instant};

const SOL: u64 = 1_000_000_000;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let (ready, listening) = tokio::sync::oneshot::channel();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let chain_dir = dir.path().to_path_buf();
    let served = tokio::spawn(async move {
        node::serve(
            &chain_dir,
            "127.0.0.1:0".parse().unwrap(),
            async move {
                let _ = stopped.await;
            },
            move |address, _| {
                let _ = ready.send(address);
            },
        )
        .await
    });
    let address = listening.await.unwrap();
    let url = format!("http://{address}");
    for senders in [1usize, 8] {
        let (rate, p50, p99) = transfers(&url, senders, 400).await;
        println!(
            "SOL transfers, {senders} sender(s): {rate:.0}/s, p50 {:.1} ms, p99 {:.1} ms",
            p50.as_secs_f64() * 1e3,
            p99.as_secs_f64() * 1e3
        );
    }
    let _ = stop.send(());
    served.await.unwrap().unwrap();
}

/// `count` confirmed transfers split among `senders` concurrent clients.
async fn transfers(url: &str, senders: usize, count: usize) -> (f64, Duration, Duration) {
    let rpc = RpcClient::new(url.to_string());
    let mut wallets = Vec::new();
    for _ in 0..senders {
        let wallet = Keypair::new();
        let signature = rpc
            .request_airdrop(&wallet.pubkey(), 100 * SOL)
            .await
            .unwrap();
        while !rpc.confirm_transaction(&signature).await.unwrap() {}
        wallets.push(Arc::new(wallet));
    }
    let start = Instant::now();
    let mut tasks = Vec::new();
    for wallet in wallets {
        let url = url.to_string();
        tasks.push(tokio::spawn(async move {
            let rpc = RpcClient::new(url);
            let to = Keypair::new().pubkey();
            let mut latencies = Vec::new();
            for i in 0..count / senders {
                let blockhash = rpc.get_latest_blockhash().await.unwrap();
                let transfer = anchor_lang::solana_program::system_instruction::transfer(
                    &wallet.pubkey(),
                    &to,
                    1_000_000 + i as u64,
                );
                let tx = solana_transaction::Transaction::new_signed_with_payer(
                    &[transfer],
                    Some(&wallet.pubkey()),
                    &[wallet.as_ref()],
                    blockhash,
                );
                let sent = Instant::now();
                rpc.send_transaction(&tx).await.unwrap();
                latencies.push(sent.elapsed());
            }
            latencies
        }));
    }
    let mut latencies = Vec::new();
    for task in tasks {
        latencies.extend(task.await.unwrap());
    }
    let elapsed = start.elapsed();
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)];
    (
        latencies.len() as f64 / elapsed.as_secs_f64(),
        at(0.5),
        at(0.99),
    )
}

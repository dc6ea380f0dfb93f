//! Throughput and latency of `ampled serve` through JSON-RPC, beside the command line's own paths
//! in the same run. A report, not a test:
//!
//! ```text
//! cargo run -p ampled-client --example node_bench                  # the build `cargo run` gives
//! cargo run -p ampled-client --example node_bench --profile perf   # optimised
//! ```
//!
//! Through JSON-RPC, each sender is its own client and connection, sending one transaction at a
//! time as a wallet does: fetch a blockhash, sign, `sendTransaction`, then poll
//! `getSignatureStatuses` until it says confirmed. Latency runs from `sendTransaction` to that
//! confirmation. Three kinds of transaction: SOL transfers, $AMPLED transfers (Token-2022
//! `TransferChecked`) and votes. The command line's paths are the client library's `transfer` and
//! `vote` (what `ampled send` and `ampled proposal approve` call, with their checks and reads),
//! once through the node and once on the embedded chain.

use ampled::state::{CommunityRules, MemberRole};
use ampled_client::chain::{Chain, EmbeddedChain, RpcChain};
use ampled_client::read::CommunityView;
use ampled_client::{ix, node, Client};
use anchor_lang::prelude::Pubkey;
use solana_instruction::Instruction;
use solana_keypair::Keypair;
use solana_rpc_client::nonblocking::rpc_client::RpcClient;
use solana_signer::Signer;
use solana_transaction_status_client_types::TransactionConfirmationStatus;
use std::sync::Arc;
use std::time::{Duration, Instant};

const SOL: u64 = 1_000_000_000;
const DECIMALS: u8 = 6;
const TOKEN: u64 = 1_000_000;
/// Transactions per measurement, split among the senders.
const COUNT: usize = 400;
/// Transactions per measurement of the command line's paths, which are slower on the embedded chain.
const CLI_COUNT: usize = 40;
const SENDERS: usize = 8;
const COMMUNITY: &str = "bench-coop";

fn main() {
    // The embedded bank logs every instruction at debug level, as in the command line.
    if std::env::var_os("RUST_LOG").is_none() {
        std::env::set_var("RUST_LOG", "error");
    }
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
        .block_on(run());
}

async fn run() {
    let dir = tempfile::tempdir().unwrap();
    let (ready, listening) = tokio::sync::oneshot::channel();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let chain_dir = dir.path().join("node");
    let served = tokio::spawn(async move {
        node::serve(
            &chain_dir,
            "127.0.0.1:0".parse().unwrap(),
            None,
            async move {
                let _ = stopped.await;
            },
            move |address, _| {
                let _ = ready.send(address);
            },
        )
        .await
    });
    let url = format!("http://{}", listening.await.unwrap());
    let build = if cfg!(debug_assertions) {
        "the debug build `cargo run` gives"
    } else {
        "an optimised build"
    };
    println!(
        "{COUNT} transactions per JSON-RPC row, {CLI_COUNT} per client-library row, {build}:\n"
    );
    println!("| path | transaction | senders | confirmed/s | p50 ms | p99 ms |");
    println!("|---|---|---:|---:|---:|---:|");

    let mut coop = Coop::set_up(RpcChain::new(&url)).await;
    for senders in [1, SENDERS] {
        let jobs = coop.sol_transfers(senders);
        report(
            "JSON-RPC",
            "SOL transfer",
            senders,
            send_all(&url, jobs).await,
        );
        let jobs = coop.token_transfers(senders);
        report(
            "JSON-RPC",
            "AMPLED transfer",
            senders,
            send_all(&url, jobs).await,
        );
        let jobs = coop.votes(senders).await;
        report("JSON-RPC", "vote", senders, send_all(&url, jobs).await);
    }
    coop.client_library("client library through the node").await;

    let embedded = EmbeddedChain::open(&dir.path().join("embedded"))
        .unwrap()
        .capture_program_output(true);
    let mut coop = Coop::set_up(embedded).await;
    coop.client_library("client library, embedded chain").await;

    let _ = stop.send(());
    served.await.unwrap().unwrap();
}

/// A co-op of one proposer and eight senders, every sender holding SOL and $AMPLED.
struct Coop<C: Chain> {
    client: Client<C>,
    community: CommunityView,
    proposer: Arc<Keypair>,
    senders: Vec<Arc<Keypair>>,
}

/// What one sender sends, in order, each transaction with the wallet that signs and pays for it.
type Job = Vec<(Arc<Keypair>, Vec<Instruction>)>;

impl<C: Chain> Coop<C> {
    async fn set_up(mut chain: C) -> Self {
        let proposer = Arc::new(Keypair::new());
        let senders: Vec<Arc<Keypair>> = (0..SENDERS).map(|_| Arc::new(Keypair::new())).collect();
        for wallet in std::iter::once(&proposer).chain(&senders) {
            chain.airdrop(&wallet.pubkey(), 1_000 * SOL).await.unwrap();
        }
        let rules = CommunityRules {
            approval_threshold_bps: 5_000,
            min_approvals: 1,
            voting_period_secs: 30 * 24 * 60 * 60,
            supply_cap: None,
            issuance_cap: None,
        };
        let founders = std::iter::once(&proposer)
            .chain(&senders)
            .map(|wallet| (wallet.pubkey(), MemberRole::Worker))
            .collect();
        let token = ampled_client::client::default_token_metadata(COMMUNITY);
        let mut client = Client::new(chain, proposer.insecure_clone());
        client
            .create_community(COMMUNITY, DECIMALS, token, rules, founders)
            .await
            .unwrap();
        let community = client.community(COMMUNITY).await.unwrap();
        let mut coop = Self {
            client,
            community,
            proposer,
            senders,
        };
        // The proposer earns a pool by the senders' votes, then hands each sender a share.
        let pool = 1_000_000 * TOKEN;
        let proposal = coop.open_proposals(1, pool).await[0];
        for sender in coop.senders.clone() {
            coop.signed_by(&sender);
            coop.client
                .vote(&coop.community, &proposal, true)
                .await
                .unwrap();
        }
        coop.signed_by(&coop.proposer.clone());
        coop.client
            .execute(&coop.community, &proposal)
            .await
            .unwrap();
        for sender in coop.senders.clone() {
            let share = pool / 10;
            coop.client
                .transfer(&coop.community, &sender.pubkey(), share, None)
                .await
                .unwrap();
        }
        coop
    }

    fn signed_by(&mut self, wallet: &Keypair) {
        self.client.signer = wallet.insecure_clone();
    }

    /// `count` proposals rewarding the proposer, so that every sender may approve them.
    async fn open_proposals(&mut self, count: usize, amount: u64) -> Vec<Pubkey> {
        self.signed_by(&self.proposer.clone());
        let mut proposals = Vec::with_capacity(count);
        for i in 0..count {
            let reward = ampled::state::ProposalAction::MintReward {
                recipient: self.proposer.pubkey(),
                amount,
                reason: format!("benchmark {i}"),
            };
            let proposed = self.client.propose(&self.community, reward).await.unwrap();
            proposals.push(proposed.created.unwrap());
        }
        proposals
    }

    /// `COUNT` transactions built by `build(sender, i)`, split evenly among `senders` senders.
    fn per_sender(
        &self,
        senders: usize,
        build: impl Fn(&Pubkey, usize) -> Vec<Instruction>,
    ) -> Vec<Job> {
        self.senders[..senders]
            .iter()
            .map(|wallet| {
                (0..COUNT / senders)
                    .map(|i| (wallet.clone(), build(&wallet.pubkey(), i)))
                    .collect()
            })
            .collect()
    }

    /// SOL transfers, each to a new wallet.
    fn sol_transfers(&self, senders: usize) -> Vec<Job> {
        self.per_sender(senders, |wallet, i| {
            vec![anchor_lang::solana_program::system_instruction::transfer(
                wallet,
                &Pubkey::new_unique(),
                1_000_000 + i as u64,
            )]
        })
    }

    /// $AMPLED transfers to the next sender, whose token account exists (as a member's does).
    fn token_transfers(&self, senders: usize) -> Vec<Job> {
        let wallets: Vec<Pubkey> = self.senders.iter().map(|s| s.pubkey()).collect();
        self.per_sender(senders, |wallet, i| {
            let at = wallets.iter().position(|w| w == wallet).unwrap();
            vec![self.transfer(wallet, &wallets[(at + 1) % wallets.len()], 1 + i as u64)]
        })
    }

    fn transfer(&self, from: &Pubkey, to: &Pubkey, amount: u64) -> Instruction {
        anchor_spl::token_2022::spl_token_2022::instruction::transfer_checked(
            &ix::TOKEN_PROGRAM,
            &self.community.ata(from),
            &self.community.mint(),
            &self.community.ata(to),
            from,
            &[],
            amount,
            DECIMALS,
        )
        .unwrap()
    }

    /// `COUNT` votes on new proposals: every sender approves each of `COUNT / SENDERS` proposals.
    /// With one sender, one client sends all the votes, each signed by its voter.
    async fn votes(&mut self, senders: usize) -> Vec<Job> {
        let proposals = self.open_proposals(COUNT / SENDERS, TOKEN).await;
        let vote = |sender: &Arc<Keypair>, proposal: &Pubkey| {
            let vote = ix::cast_vote(&self.community.address, proposal, &sender.pubkey(), true);
            (sender.clone(), vec![vote])
        };
        let by_sender: Vec<Job> = self
            .senders
            .iter()
            .map(|sender| proposals.iter().map(|p| vote(sender, p)).collect())
            .collect();
        if senders == 1 {
            vec![by_sender.into_iter().flatten().collect()]
        } else {
            by_sender
        }
    }

    /// `CLI_COUNT` transfers, then `CLI_COUNT` votes, one at a time through the client library's
    /// `transfer` and `vote`: what `ampled send` and `ampled proposal approve` do, checks included.
    async fn client_library(&mut self, path: &str) {
        let (from, to) = (self.senders[0].clone(), self.senders[1].pubkey());
        self.signed_by(&from);
        let start = Instant::now();
        let mut latencies = Vec::with_capacity(CLI_COUNT);
        for i in 0..CLI_COUNT {
            let sent = Instant::now();
            self.client
                .transfer(&self.community, &to, 1 + i as u64, None)
                .await
                .unwrap();
            latencies.push(sent.elapsed());
        }
        report(path, "AMPLED transfer", 1, Measured::new(start, latencies));

        let proposals = self.open_proposals(CLI_COUNT, TOKEN).await;
        self.signed_by(&from);
        let start = Instant::now();
        let mut latencies = Vec::with_capacity(CLI_COUNT);
        for proposal in &proposals {
            let sent = Instant::now();
            self.client
                .vote(&self.community, proposal, true)
                .await
                .unwrap();
            latencies.push(sent.elapsed());
        }
        report(path, "vote", 1, Measured::new(start, latencies));
    }
}

struct Measured {
    elapsed: Duration,
    latencies: Vec<Duration>,
}

impl Measured {
    fn new(start: Instant, mut latencies: Vec<Duration>) -> Self {
        latencies.sort();
        Self {
            elapsed: start.elapsed(),
            latencies,
        }
    }

    fn percentile(&self, q: f64) -> f64 {
        let at = ((self.latencies.len() as f64 * q) as usize).min(self.latencies.len() - 1);
        self.latencies[at].as_secs_f64() * 1e3
    }
}

fn report(path: &str, transaction: &str, senders: usize, measured: Measured) {
    println!(
        "| {path} | {transaction} | {senders} | {:.0} | {:.1} | {:.1} |",
        measured.latencies.len() as f64 / measured.elapsed.as_secs_f64(),
        measured.percentile(0.5),
        measured.percentile(0.99),
    );
}

/// Runs every job at once, each sender on its own connection, and waits for the last.
async fn send_all(url: &str, jobs: Vec<Job>) -> Measured {
    let start = Instant::now();
    let mut tasks = Vec::new();
    for job in jobs {
        let rpc = RpcClient::new(url.to_string());
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::with_capacity(job.len());
            for (wallet, instructions) in job {
                // As kit and web3.js clients do: a fresh blockhash for each transaction.
                let blockhash = rpc.get_latest_blockhash().await.unwrap();
                let transaction = solana_transaction::Transaction::new_signed_with_payer(
                    &instructions,
                    Some(&wallet.pubkey()),
                    &[wallet.as_ref()],
                    blockhash,
                );
                let sent = Instant::now();
                let signature = rpc.send_transaction(&transaction).await.unwrap();
                while !confirmed(&rpc, &signature).await {
                    tokio::time::sleep(Duration::from_millis(1)).await;
                }
                latencies.push(sent.elapsed());
            }
            latencies
        }));
    }
    let mut latencies = Vec::new();
    for task in tasks {
        latencies.extend(task.await.unwrap());
    }
    Measured::new(start, latencies)
}

async fn confirmed(rpc: &RpcClient, signature: &solana_signature::Signature) -> bool {
    let statuses = rpc.get_signature_statuses(&[*signature]).await.unwrap();
    match &statuses.value[0] {
        Some(status) => {
            assert!(status.err.is_none(), "{signature} failed: {:?}", status.err);
            matches!(
                status.confirmation_status,
                Some(
                    TransactionConfirmationStatus::Confirmed
                        | TransactionConfirmationStatus::Finalized
                )
            )
        }
        None => false,
    }
}

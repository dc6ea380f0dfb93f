//! `ampled serve`: the home's embedded chain as a local Solana node.

use crate::context::{default_home, Global};
use ampled_client::node::{self, NodeAddress};
use ampled_client::{ClientError, Result};
use clap::Args;
use std::net::{IpAddr, SocketAddr};

#[derive(Args)]
pub struct ServeArgs {
    /// Port of the JSON-RPC endpoint.
    #[arg(long, default_value_t = 8899)]
    pub port: u16,
    /// Address to listen on; the default reaches this machine only.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// First play the demo's story on a fresh chain in <home>/demo and serve that, so there is
    /// something to look at (its wallets: `ampled --home <home>/demo ...`).
    #[arg(long)]
    pub demo: bool,
}

pub async fn run(args: ServeArgs, global: Global) -> Result<()> {
    let mut home = global.home.clone().unwrap_or_else(default_home);
    if args.demo {
        let demo = home.join("demo");
        if let Some(running) = NodeAddress::of(&demo.join("chain")) {
            return Err(ClientError::refused(format!(
                "A node already serves the demo at {} (process {}); stop it first",
                running.url, running.pid
            )));
        }
        crate::demo::run(
            crate::demo::DemoArgs {
                dir: Some(demo.clone()),
            },
            global,
        )
        .await?;
        home = demo;
    }
    let chain_dir = home.join("chain");
    if let Some(running) = NodeAddress::of(&chain_dir) {
        return Err(ClientError::refused(format!(
            "A node already serves {} at {} (process {}); stop it first, or use it with -u {}",
            chain_dir.display(),
            running.url,
            running.pid,
            running.url
        )));
    }
    let bind = SocketAddr::new(args.bind, args.port);
    // Ctrl-C, or a service manager's SIGTERM: either way the chain is saved and the node file
    // removed before exiting.
    let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .map_err(|e| ClientError::Io(format!("cannot watch for SIGTERM: {e}")))?;
    let shutdown = async move {
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = terminate.recv() => {}
        }
    };
    node::serve(&chain_dir, bind, shutdown, |local, ws| {
        println!("Serving the chain in {} as a Solana node", chain_dir.display());
        println!("  JSON-RPC  http://{local}");
        println!("  PubSub    ws://{ws}");
        println!("  use it with: ampled -u http://{local} ... (other ampled commands on this home use it on their own)");
        println!("Ctrl-C stops it; each transaction is journaled in the chain before it is confirmed.");
    })
    .await
}

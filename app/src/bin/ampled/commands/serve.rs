//! `ampled serve`: the home's embedded chain as a local Solana node.

use crate::context::{default_home, Global};
use ampled_client::gate::GateRules;
use ampled_client::node::{self, NodeAddress};
use ampled_client::{ClientError, Result};
use clap::Args;
use solana_keypair::{read_keypair_file, write_keypair_file, Keypair};
use solana_signer::Signer;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};

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
    /// The gate rules for Sign-In With Solana (default <home>/gates.toml if it exists; else one
    /// gate, "members", for active members).
    #[arg(long)]
    pub gates: Option<PathBuf>,
    /// The key that signs passes (default <home>/gate-key.json, created on first use). Sites
    /// trust its public key: keep it.
    #[arg(long)]
    pub gate_key: Option<PathBuf>,
    /// The domain sign-in messages name, as pages are reached (default: the listening address).
    #[arg(long)]
    pub domain: Option<String>,
    /// How long a pass lasts, e.g. 10m: also the longest a removed member keeps access.
    #[arg(long, default_value = "10m")]
    pub pass_lifetime: String,
    /// How long a sign-in challenge may wait to be signed.
    #[arg(long, default_value = "5m")]
    pub challenge_lifetime: String,
}

pub async fn run(args: ServeArgs, global: Global) -> Result<()> {
    let mut home = global.home.clone().unwrap_or_else(default_home);
    let community = global.community.clone();
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
    if args.domain.is_none() && args.bind.is_unspecified() {
        return Err(ClientError::refused(format!(
            "Listening on every interface ({}), the node cannot know the domain people reach it by: name it with --domain (e.g. --domain coop.example:{}), as sign-in messages show it",
            args.bind, args.port
        )));
    }
    let gates = gates(&args, &home, community)?;
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
    let issuer = gates.issuer.pubkey();
    let gate_names: Vec<String> = gates.rules.gates.keys().cloned().collect();
    node::serve(&chain_dir, bind, Some(gates), shutdown, |local, ws| {
        println!("Serving the chain in {} as a Solana node", chain_dir.display());
        println!("  JSON-RPC  http://{local}");
        println!("  PubSub    ws://{ws}");
        println!("  web app   http://{local}/");
        println!(
            "  sign-in   http://{local}/siws/gates ({}); passes signed by {issuer}",
            gate_names.join(", ")
        );
        println!("  use it with: ampled -u http://{local} ... (other ampled commands on this home use it on their own)");
        println!("Ctrl-C stops it; each transaction is journaled in the chain before it is confirmed.");
    })
    .await
}

/// The gate rules file a home keeps, if any.
pub const GATES_FILE: &str = "gates.toml";
/// The key a home's node signs passes with.
pub const GATE_KEY_FILE: &str = "gate-key.json";

fn gates(args: &ServeArgs, home: &Path, community: Option<String>) -> Result<node::Gates> {
    let rules = match &args.gates {
        Some(path) => GateRules::load(path).map_err(ClientError::refused)?,
        None if home.join(GATES_FILE).exists() => {
            GateRules::load(&home.join(GATES_FILE)).map_err(ClientError::refused)?
        }
        None => GateRules::members_only(),
    };
    let key_path = args
        .gate_key
        .clone()
        .unwrap_or_else(|| home.join(GATE_KEY_FILE));
    let issuer = gate_key(&key_path)?;
    let settings_community = std::fs::read_to_string(home.join("settings.json"))
        .ok()
        .and_then(|text| serde_json::from_str::<crate::context::Settings>(&text).ok())
        .and_then(|settings| settings.community);
    let lifetime = |text: &str, what: &str| super::positive_duration(text, what);
    Ok(node::Gates {
        rules,
        issuer,
        community: community.or(settings_community),
        domain: args.domain.clone(),
        challenge_secs: lifetime(&args.challenge_lifetime, "The challenge lifetime")?,
        pass_secs: lifetime(&args.pass_lifetime, "The pass lifetime")?,
    })
}

/// The pass-signing key at `path`, made on first use.
pub fn gate_key(path: &Path) -> Result<Keypair> {
    if path.exists() {
        return read_keypair_file(path).map_err(|e| {
            ClientError::refused(format!("cannot read the gate key {}: {e}", path.display()))
        });
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| ClientError::Io(format!("cannot create {}: {e}", dir.display())))?;
    }
    let key = Keypair::new();
    write_keypair_file(&key, path)
        .map_err(|e| ClientError::Io(format!("cannot write {}: {e}", path.display())))?;
    Ok(key)
}

//! `ampled serve`: the embedded chain as a local Solana node. One bank runs in this process and
//! is reached over Solana's JSON-RPC, so the `ampled` client (`-u l`), wallets, web pages and
//! standard tools all use it as they would a validator.

pub(crate) mod bank;
pub(crate) mod engine;
pub(crate) mod http;
pub(crate) mod pubsub;
pub(crate) mod rpc;
pub mod siws;
mod web;

pub use rpc::ADVANCE_CLOCK;
pub use siws::Gates;

use crate::chain::embedded::ChainStore;
use crate::error::{ClientError, Result};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// How often the node moves to a new slot, as a validator's slots do (Solana's target is 400 ms).
pub const SLOT_INTERVAL: Duration = Duration::from_millis(400);
/// The file in the chain directory that says a node serves it, and where.
pub const NODE_FILE: &str = "node.json";

/// Where a running node listens, as written to [`NODE_FILE`].
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NodeAddress {
    pub url: String,
    pub ws_url: String,
    pub pid: u32,
}

impl NodeAddress {
    /// The node serving the chain in `chain_dir`, if one says so and is still running.
    pub fn of(chain_dir: &Path) -> Option<Self> {
        let text = std::fs::read_to_string(chain_dir.join(NODE_FILE)).ok()?;
        let address: Self = serde_json::from_str(&text).ok()?;
        // A node that died without cleaning up leaves its file behind; its process is gone.
        Path::new(&format!("/proc/{}", address.pid))
            .exists()
            .then_some(address)
    }
}

/// Serves the chain in `chain_dir`: JSON-RPC on `bind`, PubSub on the next port (as validators
/// do; any free port when `bind`'s port is 0), until `shutdown` completes. `on_ready` hears
/// both addresses. With `gates`, it signs people in to them (see [`siws`]). Returns once the
/// chain is saved and the node file removed.
pub async fn serve(
    chain_dir: &Path,
    bind: SocketAddr,
    gates: Option<Gates>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    on_ready: impl FnOnce(SocketAddr, SocketAddr),
) -> Result<()> {
    let store = ChainStore::open(chain_dir)?;
    let engine = Arc::new(tokio::sync::Mutex::new(engine::Engine::start(store)?));
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .map_err(|e| ClientError::Io(format!("cannot listen on {bind}: {e}")))?;
    let local = listener
        .local_addr()
        .map_err(|e| ClientError::Io(format!("cannot listen on {bind}: {e}")))?;
    let ws_bind = match bind.port() {
        0 => bind,
        port => SocketAddr::new(
            bind.ip(),
            port.checked_add(1).ok_or_else(|| {
                ClientError::refused("The port must leave room for PubSub on the next one")
            })?,
        ),
    };
    let ws_listener = tokio::net::TcpListener::bind(ws_bind)
        .await
        .map_err(|e| ClientError::Io(format!("cannot listen on {ws_bind} for PubSub: {e}")))?;
    let ws_local = ws_listener
        .local_addr()
        .map_err(|e| ClientError::Io(format!("cannot listen on {ws_bind}: {e}")))?;
    let marker = NodeFile::write(chain_dir, &local, &ws_local)?;
    let (stop_pubsub, pubsub_stopped) = tokio::sync::oneshot::channel::<()>();
    let pubsub_server = axum::serve(ws_listener, pubsub::router(engine.clone()))
        .with_graceful_shutdown(async move {
            let _ = pubsub_stopped.await;
        });
    let pubsub = tokio::spawn(async move { pubsub_server.await });

    let ticker = {
        let engine = engine.clone();
        tokio::spawn(async move {
            let mut interval = tokio::time::interval(SLOT_INTERVAL);
            loop {
                interval.tick().await;
                let mut engine = engine.lock().await;
                // Once a slot, what the journal took in reaches the disk itself.
                if let Err(e) = engine.advance_slot().and_then(|()| engine.sync()) {
                    eprintln!("node: {e}");
                }
            }
        })
    };
    on_ready(local, ws_local);
    let sign_in = gates.map(|gates| siws::router(engine.clone(), gates, &local.to_string()));
    let served = axum::serve(
        listener,
        http::router(engine.clone(), sign_in).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await;
    ticker.abort();
    let _ = stop_pubsub.send(());
    pubsub.abort();
    let saved = engine.lock().await.save();
    drop(marker);
    served.map_err(|e| ClientError::Io(format!("node: {e}")))?;
    saved
}

/// The node file, removed when the node stops.
struct NodeFile(PathBuf);

impl NodeFile {
    fn write(chain_dir: &Path, local: &SocketAddr, ws_local: &SocketAddr) -> Result<Self> {
        let path = chain_dir.join(NODE_FILE);
        let address = NodeAddress {
            url: format!("http://{local}"),
            ws_url: format!("ws://{ws_local}"),
            pid: std::process::id(),
        };
        let text = serde_json::to_string_pretty(&address).expect("plain data");
        std::fs::write(&path, text)
            .map_err(|e| ClientError::Io(format!("cannot write {}: {e}", path.display())))?;
        Ok(Self(path))
    }
}

impl Drop for NodeFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

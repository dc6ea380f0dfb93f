//! Solana's WebSocket PubSub, on the port after the JSON-RPC one as validators serve it:
//! `signatureSubscribe`, `accountSubscribe`, `programSubscribe` and `slotSubscribe`, with their
//! unsubscribe methods, so pages update live and clients confirm without polling.

use super::engine::NodeEvent;
use super::http::SharedEngine;
use super::rpc::{self, RpcError, INVALID_REQUEST, METHOD_NOT_FOUND, PARSE_ERROR};
use anchor_lang::prelude::Pubkey;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use serde_json::{json, Value};
use solana_account::Account;
use solana_account_decoder_client_types::UiAccountEncoding;
use solana_rpc_client_types::config::{RpcAccountInfoConfig, RpcProgramAccountsConfig};
use solana_signature::Signature;
use std::collections::HashMap;
use std::str::FromStr;
use tokio::sync::broadcast::error::RecvError;

pub fn router(engine: SharedEngine) -> Router {
    Router::new().route("/", get(upgrade)).with_state(engine)
}

async fn upgrade(State(engine): State<SharedEngine>, ws: WebSocketUpgrade) -> impl IntoResponse {
    ws.on_upgrade(move |socket| connection(socket, engine))
}

/// What one subscription listens for.
enum Subscription {
    Signature(Signature),
    Account(Pubkey, RpcAccountInfoConfig),
    Program(Pubkey, RpcProgramAccountsConfig),
    Slot,
}

struct Connection {
    engine: SharedEngine,
    subscriptions: HashMap<u64, Subscription>,
    next_id: u64,
}

async fn connection(mut socket: WebSocket, engine: SharedEngine) {
    // Subscribe to events before answering anything, so nothing between a request and its
    // subscription is missed.
    let mut events = engine.lock().await.subscribe();
    let mut state = Connection {
        engine,
        subscriptions: HashMap::new(),
        next_id: 0,
    };
    loop {
        tokio::select! {
            message = socket.recv() => {
                let Some(Ok(message)) = message else { return };
                let text = match message {
                    Message::Text(text) => text.to_string(),
                    Message::Binary(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                    Message::Ping(_) | Message::Pong(_) => continue,
                    // Reading on lets the library answer the close handshake, after which the
                    // stream ends; returning now would drop the connection unanswered (code 1006).
                    Message::Close(_) => continue,
                };
                for reply in state.request(&text).await {
                    if socket.send(Message::Text(reply.to_string().into())).await.is_err() {
                        return;
                    }
                }
            }
            event = events.recv() => {
                let event = match event {
                    Ok(event) => event,
                    // A subscriber that fell behind misses what it missed, as on a validator.
                    Err(RecvError::Lagged(_)) => continue,
                    Err(RecvError::Closed) => return,
                };
                for notification in state.notifications(&event).await {
                    if socket.send(Message::Text(notification.to_string().into())).await.is_err() {
                        return;
                    }
                }
            }
        }
    }
}

impl Connection {
    /// The reply to one request, and a notification at once when what it waits for has already
    /// happened (a signature already confirmed).
    async fn request(&mut self, text: &str) -> Vec<Value> {
        let request: Value = match serde_json::from_str(text) {
            Ok(request) => request,
            Err(e) => {
                let error = RpcError::new(PARSE_ERROR, format!("Parse error: {e}"));
                return vec![rpc::response(Value::Null, Err(error))];
            }
        };
        let id = request.get("id").cloned().unwrap_or(Value::Null);
        let Some(method) = request.get("method").and_then(Value::as_str) else {
            let error = RpcError::new(
                INVALID_REQUEST,
                "Invalid request: \"method\" must be a string",
            );
            return vec![rpc::response(id, Err(error))];
        };
        let params = match request.get("params") {
            Some(Value::Array(params)) => params.clone(),
            None | Some(Value::Null) => Vec::new(),
            Some(_) => {
                let error = RpcError::invalid_params("Invalid params: pass them as an array");
                return vec![rpc::response(id, Err(error))];
            }
        };
        match self.handle(method, &params).await {
            Ok((result, immediate)) => {
                let mut replies = vec![rpc::response(id, Ok(result))];
                replies.extend(immediate);
                replies
            }
            Err(error) => vec![rpc::response(id, Err(error))],
        }
    }

    async fn handle(
        &mut self,
        method: &str,
        params: &[Value],
    ) -> Result<(Value, Option<Value>), RpcError> {
        let subscription = match method {
            "signatureSubscribe" => {
                let text: String = rpc::param(params, 0, "signature")?;
                let signature = Signature::from_str(&text)
                    .map_err(|_| RpcError::invalid_params(format!("invalid signature: {text}")))?;
                Subscription::Signature(signature)
            }
            "accountSubscribe" => {
                let address = rpc::pubkey(params, 0, "address")?;
                let config = rpc::optional(params, 1, "configuration")?.unwrap_or_default();
                Subscription::Account(address, config)
            }
            "programSubscribe" => {
                let program = rpc::pubkey(params, 0, "program id")?;
                let config = rpc::optional(params, 1, "configuration")?.unwrap_or_default();
                Subscription::Program(program, config)
            }
            "slotSubscribe" => Subscription::Slot,
            "signatureUnsubscribe"
            | "accountUnsubscribe"
            | "programUnsubscribe"
            | "slotUnsubscribe" => {
                let id: u64 = rpc::param(params, 0, "subscription id")?;
                return match self.subscriptions.remove(&id) {
                    Some(_) => Ok((json!(true), None)),
                    None => Err(RpcError::invalid_params(format!(
                        "Invalid subscription id: {id}"
                    ))),
                };
            }
            _ => {
                return Err(RpcError::new(
                    METHOD_NOT_FOUND,
                    format!("Method not found: {method}"),
                ))
            }
        };
        let id = self.next_id;
        self.next_id += 1;
        // A signature already confirmed is told at once, and its one-shot subscription ends.
        if let Subscription::Signature(signature) = &subscription {
            let engine = self.engine.lock().await;
            if let Some(detail) = engine.detail(signature) {
                let err = rpc::detail_error_json(detail);
                let notification = notify(
                    "signatureNotification",
                    id,
                    json!({ "context": { "slot": detail.slot }, "value": { "err": err } }),
                );
                return Ok((json!(id), Some(notification)));
            }
        }
        self.subscriptions.insert(id, subscription);
        Ok((json!(id), None))
    }

    async fn notifications(&mut self, event: &NodeEvent) -> Vec<Value> {
        let mut out = Vec::new();
        let mut finished = Vec::new();
        for (&id, subscription) in &self.subscriptions {
            match (subscription, event) {
                (Subscription::Slot, NodeEvent::Slot { slot }) => out.push(notify(
                    "slotNotification",
                    id,
                    json!({ "parent": slot.saturating_sub(1), "root": slot, "slot": slot }),
                )),
                (
                    Subscription::Signature(wanted),
                    NodeEvent::Transaction {
                        signature,
                        slot,
                        error,
                        ..
                    },
                ) if wanted == signature => {
                    let err = error
                        .clone()
                        .map(|e| serde_json::to_value(e).unwrap_or(Value::Null));
                    out.push(notify(
                        "signatureNotification",
                        id,
                        json!({ "context": { "slot": slot }, "value": { "err": err } }),
                    ));
                    finished.push(id);
                }
                (
                    Subscription::Account(address, config),
                    NodeEvent::Transaction { slot, accounts, .. },
                ) => {
                    for (changed, account) in accounts {
                        if changed == address {
                            let account = account.clone().unwrap_or_default();
                            if let Ok(value) = self.encode(address, &account, config).await {
                                out.push(notify(
                                    "accountNotification",
                                    id,
                                    json!({ "context": { "slot": slot }, "value": value }),
                                ));
                            }
                        }
                    }
                }
                (
                    Subscription::Program(program, config),
                    NodeEvent::Transaction { slot, accounts, .. },
                ) => {
                    for (changed, account) in accounts {
                        let Some(account) = account else { continue };
                        let wanted = account.owner == *program
                            && config
                                .filters
                                .iter()
                                .flatten()
                                .all(|filter| rpc::matches(filter, &account.data));
                        if wanted {
                            if let Ok(value) =
                                self.encode(changed, account, &config.account_config).await
                            {
                                out.push(notify(
                                    "programNotification",
                                    id,
                                    json!({
                                        "context": { "slot": slot },
                                        "value": { "pubkey": changed.to_string(), "account": value },
                                    }),
                                ));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        for id in finished {
            self.subscriptions.remove(&id);
        }
        out
    }

    async fn encode(
        &self,
        address: &Pubkey,
        account: &Account,
        config: &RpcAccountInfoConfig,
    ) -> Result<Value, RpcError> {
        // Notifications cannot answer with an error: unless asked otherwise, data goes as base64,
        // which every account fits (base58 is refused above 128 bytes).
        let config = RpcAccountInfoConfig {
            encoding: config.encoding.or(Some(UiAccountEncoding::Base64)),
            ..config.clone()
        };
        let engine = self.engine.lock().await;
        let encoded = rpc::encode_account(&engine, address, account, &config)?;
        serde_json::to_value(encoded).map_err(|e| RpcError::new(rpc::INTERNAL_ERROR, e.to_string()))
    }
}

fn notify(method: &str, subscription: u64, result: Value) -> Value {
    json!({
        "jsonrpc": "2.0",
        "method": method,
        "params": { "result": result, "subscription": subscription },
    })
}

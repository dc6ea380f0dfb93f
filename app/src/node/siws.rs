//! Sign-In With Solana on the node: a page (or `ampled check --prove`) asks for a challenge to a
//! gate, has the wallet sign it, and trades the signature for a pass, once the chain shows the
//! wallet meets the gate's rule. Sites check passes offline with the key at
//! `/.well-known/jwks.json`.
//!
//! - `GET /siws/gates`: the gates, their rules in words, the domain and the issuer key.
//! - `POST /siws/challenge` `{gate, address?}`: `{input, message?}`: `input` for a wallet's
//!   `solana:signIn`; `message`, the text to sign with `signMessage`, when `address` is given.
//! - `POST /siws/verify` `{address, message, signature}` (signature in base58): `{pass, claims}`.
//!
//! Refusals answer `{"error": {"code", "message"}}` with a 4xx status.

use super::engine::Engine;
use crate::gate::{wall_clock, Facts, GateRefusal, GateRules, Gatekeeper};
use ampled::state::{Community, Member};
use anchor_lang::prelude::Pubkey;
use anchor_lang::{AccountDeserialize, Discriminator};
use anchor_spl::token_interface::{Mint, TokenAccount};
use axum::extract::ConnectInfo;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};
use solana_keypair::Keypair;
use solana_signature::Signature;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::sync::Mutex;
use tower_http::cors::CorsLayer;

/// How a node signs people in: its rules, its key, and whose co-op the rules read.
pub struct Gates {
    pub rules: GateRules,
    /// Signs passes; its public key is what sites trust.
    pub issuer: Keypair,
    /// The community when the rule file names none; without either, the chain's only one.
    pub community: Option<String>,
    /// The domain sign-in messages name; by default the address the node listens on.
    pub domain: Option<String>,
    pub challenge_secs: i64,
    pub pass_secs: i64,
}

struct Shared {
    engine: super::http::SharedEngine,
    gatekeeper: Mutex<Gatekeeper>,
    community: Option<String>,
    /// The chain's only community once found, so the search runs once, not per request.
    found: std::sync::Mutex<Option<Pubkey>>,
}

pub(crate) fn router(engine: super::http::SharedEngine, gates: Gates, local: &str) -> Router {
    let domain = gates.domain.unwrap_or_else(|| local.to_string());
    let mut gatekeeper = Gatekeeper::new(
        domain.clone(),
        format!("http://{domain}"),
        gates.rules.clone(),
        gates.issuer,
    );
    gatekeeper.challenge_secs = gates.challenge_secs;
    gatekeeper.pass_secs = gates.pass_secs;
    let shared = Arc::new(Shared {
        engine,
        gatekeeper: Mutex::new(gatekeeper),
        community: gates.rules.community.clone().or(gates.community),
        found: std::sync::Mutex::new(None),
    });
    // Only pages of the domain the messages name may sign in from a browser: another site
    // could otherwise have a wallet sign this node's challenge and carry the pass away.
    let own_origins = [format!("http://{domain}"), format!("https://{domain}")]
        .iter()
        .filter_map(|origin| origin.parse::<HeaderValue>().ok())
        .collect::<Vec<_>>();
    let sign_in_cors = CorsLayer::new()
        .allow_origin(own_origins)
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::CONTENT_TYPE]);
    Router::new()
        .route("/siws/gates", get(list_gates))
        .route("/siws/challenge", post(challenge))
        .route("/siws/verify", post(verify))
        .with_state(shared.clone())
        .layer(sign_in_cors)
        .merge(
            // Sites fetch the key from anywhere to check passes.
            Router::new()
                .route("/.well-known/jwks.json", get(jwks))
                .with_state(shared)
                .layer(CorsLayer::permissive()),
        )
}

fn refusal(refusal: GateRefusal) -> Response {
    let status = StatusCode::from_u16(refusal.status()).unwrap_or(StatusCode::BAD_REQUEST);
    let body = json!({ "error": { "code": refusal.code(), "message": refusal.to_string() } });
    (status, Json(body)).into_response()
}

fn bad_request(message: &str) -> Response {
    let body = json!({ "error": { "code": "bad_request", "message": message } });
    (StatusCode::BAD_REQUEST, Json(body)).into_response()
}

/// The co-op the gates read, with its token's decimals.
fn community(shared: &Shared, engine: &Engine) -> Result<(Pubkey, Community, u8), GateRefusal> {
    let found = match &shared.community {
        Some(name) => {
            let address = crate::ix::community_address(name);
            let community = engine
                .account(&address)
                .and_then(|a| Community::try_deserialize(&mut a.data.as_slice()).ok())
                .ok_or_else(|| {
                    GateRefusal::NoCommunity(format!(
                        "there is no community \"{name}\" on this chain"
                    ))
                })?;
            (address, community)
        }
        None if shared.found.lock().expect("not poisoned").is_some() => {
            let address = shared.found.lock().expect("not poisoned").expect("found");
            let community = engine
                .account(&address)
                .and_then(|a| Community::try_deserialize(&mut a.data.as_slice()).ok())
                .ok_or_else(|| GateRefusal::NoCommunity("the community is gone".into()))?;
            (address, community)
        }
        None => {
            let mut all: Vec<(Pubkey, Community)> = engine
                .accounts_of(&ampled::ID)
                .into_iter()
                .filter(|(_, a)| a.data.starts_with(Community::DISCRIMINATOR))
                .filter_map(|(address, a)| {
                    Community::try_deserialize(&mut a.data.as_slice())
                        .ok()
                        .map(|c| (address, c))
                })
                .collect();
            match all.len() {
                1 => {
                    let only = all.remove(0);
                    *shared.found.lock().expect("not poisoned") = Some(only.0);
                    only
                }
                0 => return Err(GateRefusal::NoCommunity("this chain has no community yet".into())),
                _ => {
                    return Err(GateRefusal::NoCommunity(
                        "this chain has several communities: name one with `community = \"...\"` in the gate rules, or `ampled serve --community`".into(),
                    ))
                }
            }
        }
    };
    let decimals = engine
        .account(&found.1.mint)
        .and_then(|a| Mint::try_deserialize(&mut a.data.as_slice()).ok())
        .map(|mint| mint.decimals)
        .ok_or_else(|| GateRefusal::NoCommunity("the community's mint cannot be read".into()))?;
    Ok((found.0, found.1, decimals))
}

fn facts(shared: &Shared, engine: &Engine, wallet: &Pubkey) -> Result<Facts, GateRefusal> {
    let (address, state, decimals) = community(shared, engine)?;
    let member = engine
        .account(&crate::ix::member_address(&address, wallet))
        .and_then(|a| Member::try_deserialize(&mut a.data.as_slice()).ok());
    let token_account = anchor_spl::associated_token::get_associated_token_address_with_program_id(
        wallet,
        &state.mint,
        &crate::ix::TOKEN_PROGRAM,
    );
    let balance = engine
        .account(&token_account)
        .and_then(|a| TokenAccount::try_deserialize(&mut a.data.as_slice()).ok())
        .map(|a| a.amount)
        .unwrap_or(0);
    Ok(Facts {
        wallet: *wallet,
        community: state.name,
        member,
        balance,
        decimals,
    })
}

async fn list_gates(State(shared): State<Arc<Shared>>) -> Response {
    let decimals = {
        let engine = shared.engine.lock().await;
        community(&shared, &engine).map(|(_, c, d)| (c.name, d))
    };
    let gatekeeper = shared.gatekeeper.lock().await;
    let (community, decimals) = match decimals {
        Ok((name, decimals)) => (Some(name), decimals),
        Err(_) => (None, ampled::state::MAX_DECIMALS),
    };
    let gates: Vec<Value> = gatekeeper
        .rules
        .gates
        .iter()
        .map(|(name, rule)| {
            json!({ "name": name, "about": rule.about, "rule": rule.describe(decimals) })
        })
        .collect();
    Json(json!({
        "domain": gatekeeper.domain,
        "issuer": gatekeeper.issuer().to_string(),
        "community": community,
        "challenge_secs": gatekeeper.challenge_secs,
        "pass_secs": gatekeeper.pass_secs,
        "gates": gates,
    }))
    .into_response()
}

async fn jwks(State(shared): State<Arc<Shared>>) -> Response {
    let issuer = shared.gatekeeper.lock().await.issuer();
    Json(crate::gate::jwks(&issuer)).into_response()
}

#[derive(Deserialize)]
struct ChallengeRequest {
    gate: String,
    address: Option<String>,
}

/// Whether a request says it carries JSON. Browsers send another site's JSON only after a
/// preflight, which CORS refuses; a form or `no-cors` post cannot say it.
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"))
}

fn not_json() -> Response {
    let body = json!({ "error": { "code": "bad_request", "message": "Send the request as JSON (Content-Type: application/json)" } });
    (StatusCode::UNSUPPORTED_MEDIA_TYPE, Json(body)).into_response()
}

async fn challenge(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    if !is_json(&headers) {
        return not_json();
    }
    let Ok(request) = serde_json::from_slice::<ChallengeRequest>(&body) else {
        return bad_request("Send {\"gate\": \"<name>\", \"address\": \"<wallet>\"} as JSON");
    };
    let address = match request.address.as_deref().map(str::parse::<Pubkey>) {
        None => None,
        Some(Ok(address)) => Some(address),
        Some(Err(_)) => return bad_request("\"address\" is not a Solana address"),
    };
    let community = {
        let engine = shared.engine.lock().await;
        match community(&shared, &engine) {
            Ok((_, c, _)) => c.name,
            Err(e) => return refusal(e),
        }
    };
    let mut gatekeeper = shared.gatekeeper.lock().await;
    match gatekeeper.challenge_from(
        Some(peer.ip()),
        &request.gate,
        &community,
        address.as_ref(),
        wall_clock(),
    ) {
        Ok(input) => {
            let message = address.map(|a| input.message(&a.to_string()));
            Json(json!({ "input": input, "message": message })).into_response()
        }
        Err(e) => refusal(e),
    }
}

#[derive(Deserialize)]
struct VerifyRequest {
    address: String,
    message: String,
    signature: String,
}

async fn verify(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    if !is_json(&headers) {
        return not_json();
    }
    let Ok(request) = serde_json::from_slice::<VerifyRequest>(&body) else {
        return bad_request(
            "Send {\"address\", \"message\", \"signature\"} as JSON, the signature in base58",
        );
    };
    let Ok(wallet) = request.address.parse::<Pubkey>() else {
        return bad_request("\"address\" is not a Solana address");
    };
    let Ok(signature) = request.signature.parse::<Signature>() else {
        return bad_request("\"signature\" is not a base58 ed25519 signature");
    };
    let now = wall_clock();
    let gate =
        match shared
            .gatekeeper
            .lock()
            .await
            .accept(&wallet, &request.message, &signature, now)
        {
            Ok(gate) => gate,
            Err(e) => return refusal(e),
        };
    let facts = {
        let engine = shared.engine.lock().await;
        match facts(&shared, &engine, &wallet) {
            Ok(facts) => facts,
            Err(e) => return refusal(e),
        }
    };
    match shared.gatekeeper.lock().await.issue(&gate, &facts, now) {
        Ok(issued) => Json(json!({ "pass": issued.pass, "claims": issued.claims })).into_response(),
        Err(e) => refusal(e),
    }
}

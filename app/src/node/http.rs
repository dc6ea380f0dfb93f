//! JSON-RPC 2.0 over HTTP: single and batch requests, parse and shape errors as the
//! specification numbers them, a body size limit, and CORS so pages on other origins can call.

use super::engine::Engine;
use super::rpc::{self, RpcError, INVALID_REQUEST, PARSE_ERROR};
use axum::extract::{DefaultBodyLimit, State};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::Value;
use std::sync::Arc;
use tokio::sync::Mutex;
use tower_http::cors::CorsLayer;

/// Largest request body accepted: far above a batch of transactions (each at most 1,232 bytes).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// Most requests in one batch.
pub const MAX_BATCH: usize = 100;

pub type SharedEngine = Arc<Mutex<Engine>>;

/// JSON-RPC at `/` beside the web app, open to pages on any origin as a validator's is, with
/// `more` routes (sign-in, which sets its own CORS) under the same size limit.
pub fn router(engine: SharedEngine, more: Option<Router>) -> Router {
    let router = Router::new()
        .route("/", post(handle).get(super::web::serve))
        .route("/health", get(|| async { "ok" }))
        .fallback(get(super::web::serve))
        .with_state(engine)
        .layer(CorsLayer::permissive());
    match more {
        Some(more) => router.merge(more),
        None => router,
    }
    .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
}

async fn handle(State(engine): State<SharedEngine>, body: axum::body::Bytes) -> impl IntoResponse {
    let request: Value = match serde_json::from_slice(&body) {
        Ok(value) => value,
        Err(e) => {
            let error = RpcError::new(PARSE_ERROR, format!("Parse error: {e}"));
            return Json(rpc::response(Value::Null, Err(error))).into_response();
        }
    };
    match request {
        Value::Array(requests) if requests.is_empty() => Json(rpc::response(
            Value::Null,
            Err(RpcError::new(
                INVALID_REQUEST,
                "Invalid request: empty batch",
            )),
        ))
        .into_response(),
        Value::Array(requests) if requests.len() > MAX_BATCH => Json(rpc::response(
            Value::Null,
            Err(RpcError::new(
                INVALID_REQUEST,
                format!("Invalid request: a batch holds at most {MAX_BATCH} requests"),
            )),
        ))
        .into_response(),
        Value::Array(requests) => {
            let mut responses = Vec::with_capacity(requests.len());
            for request in requests {
                responses.push(answer(&engine, request).await);
            }
            Json(Value::Array(responses)).into_response()
        }
        request => Json(answer(&engine, request).await).into_response(),
    }
}

/// One request's response. The engine is held for one method at a time, so requests from many
/// clients interleave but each sees and changes the chain whole.
async fn answer(engine: &SharedEngine, request: Value) -> Value {
    let id = request.get("id").cloned().unwrap_or(Value::Null);
    let result = match parse(&request) {
        Ok((method, params)) => {
            let mut engine = engine.lock().await;
            rpc::call(&mut engine, method, &params)
        }
        Err(error) => Err(error),
    };
    rpc::response(id, result)
}

fn parse(request: &Value) -> Result<(&str, Vec<Value>), RpcError> {
    let invalid = |why: &str| RpcError::new(INVALID_REQUEST, format!("Invalid request: {why}"));
    let object = request
        .as_object()
        .ok_or_else(|| invalid("a request is a JSON object"))?;
    if object.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        return Err(invalid("\"jsonrpc\" must be \"2.0\""));
    }
    let method = object
        .get("method")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid("\"method\" must be a string"))?;
    let params = match object.get("params") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(params)) => params.clone(),
        Some(_) => {
            return Err(RpcError::invalid_params(
                "Invalid params: Solana's methods take their parameters as an array",
            ))
        }
    };
    Ok((method, params))
}

//! The web app, served by the node at `/` (JSON-RPC answers POSTs on the same path), so one
//! address opens the co-op in a browser and the page talks to the node that served it.

use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

include!(concat!(env!("OUT_DIR"), "/web_app.rs"));

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        _ => "application/octet-stream",
    }
}

/// Serves the app from this directory instead of the embedded build: for working on the app
/// without rebuilding `ampled` after each `npm run web:build`.
pub const WEB_DIR_VARIABLE: &str = "AMPLED_WEB_DIR";

pub async fn serve(uri: Uri) -> Response {
    let path = match uri.path().trim_start_matches('/') {
        "" => "index.html",
        path => path,
    };
    if let Some(dir) = std::env::var_os(WEB_DIR_VARIABLE) {
        let inside = !path.split('/').any(|part| part == ".." || part.is_empty());
        return match std::fs::read(std::path::Path::new(&dir).join(path)) {
            Ok(bytes) if inside => {
                ([(header::CONTENT_TYPE, content_type(path))], bytes).into_response()
            }
            _ => (StatusCode::NOT_FOUND, "Not found").into_response(),
        };
    }
    match WEB_APP.iter().find(|(name, _)| *name == path) {
        Some((name, bytes)) => (
            [
                (header::CONTENT_TYPE, content_type(name)),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            *bytes,
        )
            .into_response(),
        None if WEB_APP.is_empty() => (
            StatusCode::NOT_FOUND,
            "This ampled was built without the web app: run `npm ci --prefix clients && npm run web:build --prefix clients`, then build ampled again.",
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "Not found").into_response(),
    }
}

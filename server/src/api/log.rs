//! The access log: method, path, status and time, and nothing about who
//! asked. No address, user agent, origin, cookie or token is ever written,
//! so an anonymous escalation leaves no trace of its sender here.

use std::time::Instant;

use axum::extract::{OriginalUri, Request};
use axum::middleware::Next;
use axum::response::Response;

pub async fn access(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    // The path only: a query string could carry anything.
    // The full path, also when the API is mounted under /api.
    let path = req
        .extensions()
        .get::<OriginalUri>()
        .map_or(req.uri().path(), |u| u.0.path())
        .to_string();
    let res = next.run(req).await;
    eprintln!(
        "{method} {path} {} {}ms",
        res.status().as_u16(),
        started.elapsed().as_millis()
    );
    res
}

//! The access log: method, path, status and time, and nothing about who
//! asked. No address, user agent, origin, cookie or token is ever written,
//! so an anonymous escalation leaves no trace of its sender here.

use std::time::Instant;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

pub async fn access(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    // The path only: a query string could carry anything.
    let path = req.uri().path().to_string();
    let res = next.run(req).await;
    eprintln!(
        "{method} {path} {} {}ms",
        res.status().as_u16(),
        started.elapsed().as_millis()
    );
    res
}

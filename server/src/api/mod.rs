//! The HTTP API of contract v1: routes, shared state, CORS and the access
//! log.

mod auth;
mod cors;
pub mod error;
mod log;
mod routes;
mod writes;

use std::sync::Arc;

use axum::routing::{get, post};
use axum::Router;

use crate::clock::Clock;
use crate::db::Pool;

pub use cors::Origins;

/// What every request can reach.
#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    pub clock: Arc<dyn Clock>,
}

/// The API's routes, relative to where it is mounted (`/api` when the
/// server also serves the portal's files).
pub fn router(state: AppState, origins: Origins) -> Router {
    Router::new()
        .route("/portal", get(routes::portal))
        .route("/approvals/{id}/decision", post(routes::decision))
        .route("/deliverables/{id}/comments", post(routes::comment))
        .route("/escalations", post(routes::escalation))
        .route("/meetings/{id}/confirmation", post(routes::confirmation))
        .route("/requests", post(routes::request))
        .fallback(routes::not_found)
        .layer(axum::middleware::from_fn_with_state(
            Arc::new(origins),
            cors::cors,
        ))
        .layer(axum::middleware::from_fn(log::access))
        .with_state(state)
}

//! Who is asking: a personal link's token (`Authorization: Bearer …`) or,
//! for anonymous feedback only, the client's `X-Anonymous-Key`.

use axum::http::{header, HeaderMap, StatusCode};
use serde_json::{json, Value};

use super::error::{Answer, ApiError};
use super::AppState;
use crate::feed;
use crate::links::{self, Holder, Refused};

/// The client's primary contact, for the client to ask for a new link.
async fn contact(state: &AppState, client_id: &str) -> Result<Option<Value>, ApiError> {
    let Some((profile, _)) = feed::profile(&state.pool, client_id).await? else {
        return Ok(None);
    };
    let contacts = profile["contacts"].as_array().cloned().unwrap_or_default();
    let primary = contacts
        .iter()
        .find(|c| c["kind"] == "primary")
        .or(contacts.first());
    Ok(primary.map(|c| {
        let mut help = json!({ "name": c["name"] });
        for key in ["email", "phone"] {
            if c[key].is_string() {
                help[key] = c[key].clone();
            }
        }
        help
    }))
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

/// The person behind the request's token, or a 401 that says why and
/// names who to ask.
pub async fn holder(state: &AppState, headers: &HeaderMap) -> Result<Holder, ApiError> {
    let unauthorized = |code, message| Answer::error(StatusCode::UNAUTHORIZED, code, message);
    let Some(token) = bearer(headers) else {
        return Err(unauthorized(
            "missing_token",
            "Please open the portal with your personal link.",
        )
        .into());
    };
    match links::check(&state.pool, token, state.clock.now()).await? {
        Ok(holder) => Ok(holder),
        Err(Refused::Unknown) => {
            Err(unauthorized("invalid_token", "This link is not valid.").into())
        }
        Err(Refused::Expired { client_id }) => {
            let c = contact(state, &client_id).await?;
            Err(unauthorized("expired_token", "This link has expired.")
                .with_contact(c)
                .into())
        }
        Err(Refused::Revoked { client_id }) => {
            let c = contact(state, &client_id).await?;
            Err(
                unauthorized("revoked_token", "This link is no longer valid.")
                    .with_contact(c)
                    .into(),
            )
        }
    }
}

/// The client company an anonymous key belongs to.
pub async fn anonymous_client(state: &AppState, key: &str) -> Result<String, ApiError> {
    let row: Option<(String,)> = sqlx::query_as("SELECT id FROM clients WHERE anonymous_key = $1")
        .bind(key)
        .fetch_optional(&state.pool)
        .await?;
    row.map(|(id,)| id).ok_or_else(|| {
        Answer::error(
            StatusCode::UNAUTHORIZED,
            "invalid_anonymous_key",
            "Anonymous feedback could not be sent from this page. Please reload it and try again.",
        )
        .into()
    })
}

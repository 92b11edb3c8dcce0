//! The handlers: read who is asking and what they sent, then answer.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use client_portal::contract::agreed::{ConfirmationRequest, NewRequest};
use client_portal::contract::json::FromJson;
use client_portal::contract::{
    self, CommentRequest, ContractError, DecisionRequest, EscalationRequest,
};

use super::auth;
use super::error::{Answer, ApiError};
use super::writes::{self, Who, Write};
use super::AppState;
use crate::feed;

pub async fn portal(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let holder = auth::holder(&state, &headers).await?;
    let Some(feed) = feed::assemble(&state.pool, &holder, state.clock.now()).await? else {
        return Err(Answer::not_found("We couldn't find your portal.").into());
    };
    let mut res = axum::Json(feed).into_response();
    // One person's data: no cache may keep it.
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

/// A request body read with the contract's types, or a 422 naming the field.
fn body<T: FromJson>(bytes: &Bytes) -> Result<T, ApiError> {
    let text = std::str::from_utf8(bytes).map_err(|_| {
        Answer::invalid("body", "Your message could not be read. Please try again.")
    })?;
    contract::parse(text).map_err(|e| {
        match e {
            ContractError::Field { field, .. } => Answer::invalid(
                &field,
                "Part of your message could not be read. Please check it and try again.",
            ),
            _ => Answer::invalid("body", "Your message could not be read. Please try again."),
        }
        .into()
    })
}

fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    match headers.get("idempotency-key") {
        None => Ok(None),
        Some(v) => match v.to_str() {
            Ok(k) if !k.trim().is_empty() && k.len() <= 200 => Ok(Some(k.trim().to_string())),
            _ => Err(Answer::invalid(
                "Idempotency-Key",
                "This request could not be read. Please try again.",
            )
            .into()),
        },
    }
}

/// A write by the link's holder: who, the key, the body as `T`, then `make`
/// names what is written.
async fn named<T: FromJson>(
    state: &AppState,
    headers: &HeaderMap,
    bytes: &Bytes,
    make: impl FnOnce(T) -> Write,
) -> Result<Answer, ApiError> {
    let holder = auth::holder(state, headers).await?;
    let key = idempotency_key(headers)?;
    let write = make(body(bytes)?);
    writes::run(state, Who::Named(holder), key, write).await
}

pub async fn decision(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Result<Answer, ApiError> {
    named(&state, &headers, &bytes, |req: DecisionRequest| {
        Write::Decision {
            approval_id: id,
            req,
        }
    })
    .await
}

pub async fn comment(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Result<Answer, ApiError> {
    named(&state, &headers, &bytes, |req: CommentRequest| {
        Write::Comment {
            deliverable_id: id,
            req,
        }
    })
    .await
}

pub async fn confirmation(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Result<Answer, ApiError> {
    named(&state, &headers, &bytes, |req: ConfirmationRequest| {
        Write::Confirmation {
            meeting_id: id,
            req,
        }
    })
    .await
}

pub async fn request(
    State(state): State<AppState>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Result<Answer, ApiError> {
    named(&state, &headers, &bytes, |req: NewRequest| Write::Request {
        req,
    })
    .await
}

pub async fn escalation(
    State(state): State<AppState>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Result<Answer, ApiError> {
    let anonymous_key = headers.get("x-anonymous-key").and_then(|v| v.to_str().ok());
    let who = match anonymous_key {
        // Anonymous: the key names the client company and nothing else is
        // read, not even a token sent along by mistake.
        Some(key) => Who::Anonymous {
            client_id: auth::anonymous_client(&state, key).await?,
        },
        None => Who::Named(auth::holder(&state, &headers).await?),
    };
    let key = idempotency_key(&headers)?;
    let req: EscalationRequest = body(&bytes)?;
    writes::run(&state, who, key, Write::Escalation { req }).await
}

pub async fn not_found() -> Answer {
    Answer::error(StatusCode::NOT_FOUND, "not_found", "We couldn't find that.")
}

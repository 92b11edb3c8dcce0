//! Every answer the API gives that is not a feed: a status and a JSON body
//! (`docs/api.md`, *Errors*), kept apart from how handlers decide on them.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

/// A status and a body: a write's result (stored with its Idempotency-Key)
/// or a refusal.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    pub status: StatusCode,
    pub body: Value,
}

impl Answer {
    pub fn ok(status: StatusCode, body: Value) -> Answer {
        Answer { status, body }
    }

    /// The contract's error body. `message` is shown to the client as it
    /// is, so it is written for them; `field` names the request field at
    /// fault for a 422.
    pub fn error(status: StatusCode, code: &str, message: &str) -> Answer {
        Answer {
            status,
            body: json!({ "error": { "code": code, "message": message } }),
        }
    }

    pub fn with_field(mut self, field: &str) -> Answer {
        self.body["error"]["field"] = json!(field);
        self
    }

    pub fn with_contact(mut self, contact: Option<Value>) -> Answer {
        if let Some(c) = contact {
            self.body["error"]["contact"] = c;
        }
        self
    }

    /// 422 for a request field the client should fix.
    pub fn invalid(field: &str, message: &str) -> Answer {
        Answer::error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_request", message)
            .with_field(field)
    }

    pub fn not_found(message: &str) -> Answer {
        Answer::error(StatusCode::NOT_FOUND, "not_found", message)
    }

    pub fn conflict(code: &str, message: &str) -> Answer {
        Answer::error(StatusCode::CONFLICT, code, message)
    }

    pub fn is_success(&self) -> bool {
        self.status.is_success()
    }
}

impl IntoResponse for Answer {
    fn into_response(self) -> Response {
        (self.status, axum::Json(self.body)).into_response()
    }
}

/// What a handler returns when it cannot give its normal answer.
#[derive(Debug)]
pub enum ApiError {
    /// A refusal with its own status and body.
    Refused(Answer),
    /// Something went wrong on our side; the details go to the log, never
    /// to the client.
    Internal(anyhow::Error),
}

impl From<Answer> for ApiError {
    fn from(a: Answer) -> ApiError {
        ApiError::Refused(a)
    }
}

impl<E: Into<anyhow::Error>> From<E> for ApiError {
    fn from(e: E) -> ApiError {
        ApiError::Internal(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::Refused(a) => a.into_response(),
            ApiError::Internal(e) => {
                eprintln!("error: {e:#}");
                Answer::error(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "server_error",
                    "Something went wrong on our side. Please try again in a few minutes.",
                )
                .into_response()
            }
        }
    }
}

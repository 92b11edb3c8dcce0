//! The one error type every backend call returns. It is rendered in one
//! place (`views::error`), in plain words.

use crate::contract::{self, ContractError, ErrorBody, HelpContact};

#[derive(Clone, PartialEq)]
pub enum ApiError {
    /// The request never got an answer: no connection, the API is down, or
    /// the API does not allow this page's origin (CORS).
    Offline,
    /// 401/403: the link (token) has expired or is not valid.
    LinkExpired { contact: Option<HelpContact> },
    /// 404: the API does not know this thing (or this address is wrong).
    NotFound,
    /// 409: someone already acted on this (an approval decided twice).
    Conflict { message: Option<String> },
    /// 400/422: the API refused what was sent, with its own explanation.
    Rejected { message: Option<String> },
    /// 429 or 5xx: a problem on the agency's side, worth retrying later.
    Unavailable,
    /// The answer could not be read: not JSON, a missing or wrong field, or
    /// a newer contract than this app knows.
    BadData(ContractError),
    /// A write the API took (2xx) but whose answer could not be read: it
    /// must not look refused, or it would be sent again.
    Unconfirmed,
}

impl ApiError {
    /// Map a non-2xx answer to an error, keeping the API's own message and
    /// help contact when its body follows the contract.
    pub fn from_status(status: u16, body: &str) -> ApiError {
        let detail = contract::parse::<ErrorBody>(body).ok().map(|b| b.error);
        let message = detail
            .as_ref()
            .map(|d| d.message.clone())
            .filter(|m| !m.trim().is_empty());
        match status {
            401 | 403 => ApiError::LinkExpired {
                contact: detail.and_then(|d| d.contact),
            },
            404 | 410 => ApiError::NotFound,
            409 => ApiError::Conflict { message },
            429 | 500..=599 => ApiError::Unavailable,
            _ => ApiError::Rejected { message },
        }
    }

    /// Would trying the same request again later plausibly work?
    pub fn is_transient(&self) -> bool {
        matches!(self, ApiError::Offline | ApiError::Unavailable)
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // For logs only; clients see `views::error`.
        f.write_str(match self {
            ApiError::Offline => "no answer from the API",
            ApiError::LinkExpired { .. } => "not authorised",
            ApiError::NotFound => "not found",
            ApiError::Conflict { .. } => "conflict",
            ApiError::Rejected { .. } => "rejected",
            ApiError::Unavailable => "API unavailable",
            ApiError::BadData(_) => "unreadable answer",
            ApiError::Unconfirmed => "taken, answer unreadable",
        })
    }
}

/// The same short words as `Display`. A derived `Debug` would be reached
/// through `dyn Error` and bring the standard library's string escaping
/// (and its Unicode tables) into the wasm for logs nobody reads.
impl std::fmt::Debug for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for ApiError {}

impl From<ContractError> for ApiError {
    fn from(e: ContractError) -> Self {
        ApiError::BadData(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_statuses_to_plain_cases() {
        let body = r#"{"error":{"code":"token_expired","message":"Expired","contact":{"name":"Ana","email":"ana@x.example"}}}"#;
        match ApiError::from_status(401, body) {
            ApiError::LinkExpired { contact: Some(c) } => assert_eq!(c.name, "Ana"),
            e => panic!("{e:?}"),
        }
        assert_eq!(
            ApiError::from_status(403, "<html>"),
            ApiError::LinkExpired { contact: None }
        );
        assert_eq!(ApiError::from_status(404, ""), ApiError::NotFound);
        assert_eq!(
            ApiError::from_status(
                409,
                r#"{"error":{"code":"already_decided","message":"Already approved"}}"#
            ),
            ApiError::Conflict {
                message: Some("Already approved".into())
            }
        );
        assert_eq!(
            ApiError::from_status(422, "oops"),
            ApiError::Rejected { message: None }
        );
        assert_eq!(ApiError::from_status(503, ""), ApiError::Unavailable);
        assert!(ApiError::from_status(500, "").is_transient());
        assert!(!ApiError::from_status(401, "").is_transient());
    }
}

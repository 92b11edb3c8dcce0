//! The demo agency: an in-browser backend seeded from `demo/portal.json`.
//! Everything the client does persists in localStorage until "Reset demo".

use chrono::{DateTime, Duration, Utc};

use super::ApiError;
use crate::contract::{
    self, ApprovalStatus, Comment, Decision, DecisionKind, EscalationReceipt, Portal,
};
use crate::domain::outbox::{add_comment, set_approval, Applied, Write};
use crate::domain::{shift, validate};

/// The sample feed shipped with the app.
pub const SEED: &str = include_str!("../../demo/portal.json");

/// Where the demo keeps its state.
pub const STATE_KEY: &str = "client-portal:demo:v1";

/// A fresh demo feed whose dates are moved so it was "generated" today.
pub fn seeded(today: chrono::NaiveDate) -> Result<Portal, ApiError> {
    let mut p = contract::parse_portal(SEED)?;
    shift::shift_to(&mut p, today);
    Ok(p)
}

/// A short reference derived from the idempotency key, so that a retried
/// write finds its first result instead of acting twice.
fn reference(prefix: &str, key: &str) -> String {
    let short: String = key
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(8)
        .collect();
    format!("{prefix}-{}", short.to_ascii_uppercase())
}

fn rejected(message: &str) -> ApiError {
    ApiError::Rejected {
        message: Some(message.to_string()),
    }
}

/// What the demo agency does with a write: the same rules as the contract
/// asks of a real API (validation, 404, 409, idempotency).
pub fn apply(
    p: &mut Portal,
    write: &Write,
    key: &str,
    now: DateTime<Utc>,
) -> Result<Applied, ApiError> {
    let at = now.fixed_offset();
    match write {
        Write::Decision { approval_id, body } => {
            let reference = reference("DEMO", key);
            let a = p.approval(approval_id).ok_or(ApiError::NotFound)?.clone();
            if a.status != ApprovalStatus::Pending {
                // The same write again gets the same answer.
                if a.decision.as_ref().and_then(|d| d.reference.as_deref())
                    == Some(reference.as_str())
                {
                    return Ok(Applied::Approval(a));
                }
                return Err(ApiError::Conflict {
                    message: Some("This approval has already been decided.".into()),
                });
            }
            let comment =
                validate::decision_comment(body.decision, body.comment.as_deref().unwrap_or(""))
                    .map_err(|_| rejected("Please say what should change."))?;
            let mut a = a;
            a.status = match body.decision {
                DecisionKind::Approve => ApprovalStatus::Approved,
                DecisionKind::RequestChanges => ApprovalStatus::ChangesRequested,
            };
            a.decision = Some(Decision {
                by: p.viewer.name.clone(),
                at,
                comment,
                reference: Some(reference),
            });
            set_approval(p, a.clone());
            Ok(Applied::Approval(a))
        }
        Write::Comment {
            deliverable_id,
            body,
        } => {
            let id = reference("cm", key);
            let d = p.deliverable(deliverable_id).ok_or(ApiError::NotFound)?;
            if let Some(c) = d.comments.iter().find(|c| c.id == id) {
                return Ok(Applied::Comment {
                    deliverable_id: deliverable_id.clone(),
                    comment: c.clone(),
                });
            }
            let text = validate::comment(&body.body)
                .map_err(|_| rejected("The comment is empty or too long."))?;
            let c = Comment {
                id,
                author: p.viewer.name.clone(),
                body: text,
                created_at: at,
                version_id: body.version_id.clone(),
            };
            add_comment(p, deliverable_id, c.clone());
            Ok(Applied::Comment {
                deliverable_id: deliverable_id.clone(),
                comment: c,
            })
        }
        Write::Escalation { .. } => Ok(Applied::Escalation(EscalationReceipt {
            reference: reference("ESC", key),
            received_at: at,
            respond_by: Some(at + Duration::hours(i64::from(p.communication.response_hours))),
        })),
    }
}

#[derive(Clone, Debug, Default)]
pub struct DemoApi;

#[cfg(target_arch = "wasm32")]
impl DemoApi {
    fn store() -> crate::storage::Store {
        crate::storage::Store::local()
    }

    fn save(p: &Portal) {
        if let Ok(json) = serde_json::to_string(p) {
            Self::store().set(STATE_KEY, &json);
        }
    }

    /// The demo's current state: what was saved, else a fresh seed.
    fn state() -> Result<Portal, ApiError> {
        if let Some(saved) = Self::store().get(STATE_KEY) {
            if let Ok(p) = contract::parse_portal(&saved) {
                return Ok(p);
            }
        }
        let p = seeded(crate::intl::today())?;
        Self::save(&p);
        Ok(p)
    }

    pub async fn portal(&self) -> Result<Portal, ApiError> {
        Self::state()
    }

    pub async fn send(&self, write: &Write, key: &str) -> Result<Applied, ApiError> {
        let mut p = Self::state()?;
        let applied = apply(&mut p, write, key, crate::intl::now())?;
        Self::save(&p);
        Ok(applied)
    }

    /// Forget everything done in the demo.
    pub fn reset(&self) {
        Self::store().remove(STATE_KEY);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::{CommentRequest, DecisionRequest};

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn decide(id: &str, kind: DecisionKind, comment: Option<&str>) -> Write {
        Write::Decision {
            approval_id: id.into(),
            body: DecisionRequest {
                decision: kind,
                version_id: "v".into(),
                comment: comment.map(String::from),
            },
        }
    }

    #[test]
    fn decisions_follow_the_contract_rules() {
        let mut p = seeded(now().date_naive()).unwrap();
        // Changes need a reason.
        let e = apply(
            &mut p,
            &decide("a-home-3", DecisionKind::RequestChanges, Some(" ")),
            "k1",
            now(),
        );
        assert!(matches!(e, Err(ApiError::Rejected { .. })));
        // Approve once…
        let ok = apply(
            &mut p,
            &decide("a-home-3", DecisionKind::Approve, None),
            "key-one",
            now(),
        )
        .unwrap();
        let Applied::Approval(a) = ok else { panic!() };
        assert_eq!(a.status, ApprovalStatus::Approved);
        assert_eq!(
            a.decision.as_ref().unwrap().reference.as_deref(),
            Some("DEMO-KEYONE")
        );
        // …the same write again gets the same answer, another one a conflict.
        let again = apply(
            &mut p,
            &decide("a-home-3", DecisionKind::Approve, None),
            "key-one",
            now(),
        )
        .unwrap();
        assert_eq!(again, Applied::Approval(a));
        let other = apply(
            &mut p,
            &decide("a-home-3", DecisionKind::Approve, None),
            "key-two",
            now(),
        );
        assert!(matches!(other, Err(ApiError::Conflict { .. })));
        assert!(matches!(
            apply(
                &mut p,
                &decide("nope", DecisionKind::Approve, None),
                "k3",
                now()
            ),
            Err(ApiError::NotFound)
        ));
    }

    #[test]
    fn comments_are_added_once_per_key() {
        let mut p = seeded(now().date_naive()).unwrap();
        let w = Write::Comment {
            deliverable_id: "d-video".into(),
            body: CommentRequest {
                body: " Nice ".into(),
                version_id: None,
            },
        };
        apply(&mut p, &w, "k1", now()).unwrap();
        apply(&mut p, &w, "k1", now()).unwrap();
        let comments = &p.deliverable("d-video").unwrap().comments;
        assert_eq!(comments.len(), 1);
        assert_eq!(comments[0].body, "Nice");
        assert_eq!(comments[0].author, "Maya Chen");
    }

    #[test]
    fn seed_is_moved_to_today() {
        let today = chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        let p = seeded(today).unwrap();
        assert_eq!(p.generated_at.date_naive(), today);
    }
}

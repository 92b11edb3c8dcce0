//! The demo agency: an in-browser backend seeded from `demo/portal.json`.
//! Everything the client does persists in localStorage until "Reset demo".

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::ApiError;
use crate::contract::agreed::{
    AgreementStatus, Confirmation, NewRequest, Request, RequestReceipt, RequestStatus,
};
use crate::contract::json::from_json;
use crate::contract::write::to_json;
use crate::contract::{
    self, ApprovalStatus, Comment, Decision, DecisionKind, EscalationReceipt, Portal,
};
use crate::domain::outbox::{add_comment, set_approval, Applied, Write};
use crate::domain::{escalation, requests, shift, validate};

/// Where the sample feed is, next to the app (the build copies `demo/`
/// there). It is fetched rather than compiled in: it ships as a file anyway.
pub const SEED_URL: &str = "demo/portal.json";

thread_local! {
    /// The folder the portal's files are served from, when the page is not
    /// in it (an inline embed: `data-assets`, which embed.js fills in).
    static ASSETS: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Fetch the sample feed from `assets` (a folder URL) instead of next to
/// the page.
pub fn seed_from(assets: Option<&str>) {
    ASSETS.with(|a| *a.borrow_mut() = assets.unwrap_or("").to_string());
}

/// The sample feed with its dates moved so it was "generated" on `day`.
pub fn seeded(seed: &str, day: chrono::NaiveDate) -> Result<Portal, ApiError> {
    let mut p = contract::parse_portal(seed)?;
    shift::shift_to(&mut p, day);
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
        Write::Confirmation { meeting_id, body } => {
            let m = p
                .meetings
                .iter_mut()
                .find(|m| m.id == *meeting_id)
                .ok_or(ApiError::NotFound)?;
            let known = |id: &String| m.agreements.iter().any(|a| a.id == *id);
            if body.agreement_ids.is_empty() || !body.agreement_ids.iter().all(known) {
                return Err(rejected("That is not in the notes of this meeting."));
            }
            let status = match body.status {
                Confirmation::Confirmed => AgreementStatus::Confirmed,
                Confirmation::Disputed => {
                    validate::comment(body.comment.as_deref().unwrap_or(""))
                        .map_err(|_| rejected("Please say what you remember."))?;
                    AgreementStatus::Disputed
                }
            };
            // The latest answer counts, so the same one again changes nothing.
            for a in &mut m.agreements {
                if body.agreement_ids.contains(&a.id) {
                    a.status = Some(status);
                }
            }
            Ok(Applied::Meeting(m.clone()))
        }
        Write::Request { body } => take_request(p, body, key, now),
        Write::Escalation {
            body,
            to_name,
            anonymous_key,
        } => {
            if !escalation::recipients(p).iter().any(|c| c.id == body.to) {
                return Err(rejected("That person is no longer on your team."));
            }
            if body.anonymous && (anonymous_key.is_none() || anonymous_key != &p.anonymous_key) {
                return Err(ApiError::LinkExpired { contact: None });
            }
            if body.message.trim().is_empty() {
                return Err(rejected("The message is empty."));
            }
            // The reference comes from the idempotency key: a retry gets
            // the same answer.
            let receipt = EscalationReceipt {
                reference: reference("ESC", key),
                received_at: at,
                respond_by: Some(
                    at + chrono::Duration::hours(i64::from(p.communication.response_hours)),
                ),
            };
            Ok(Applied::Escalation {
                key: key.to_string(),
                to_name: to_name.clone(),
                body: body.clone(),
                receipt,
            })
        }
    }
}

/// A new request, checked as the reference server checks it and listed
/// under its reference. The same request again gets the same answer.
fn take_request(
    p: &mut Portal,
    body: &NewRequest,
    key: &str,
    now: DateTime<Utc>,
) -> Result<Applied, ApiError> {
    let id = reference("REQ", key);
    if !p.requests.iter().any(|r| r.id == id) {
        // The client's "today" may still be yesterday here.
        let today = (now - chrono::Duration::days(1)).date_naive();
        let form = requests::Form::from_request(body);
        if let Err(e) = requests::check(&form, p.scope.as_ref(), today) {
            let said = match e.by_field().into_iter().find(|(_, e)| e.is_some()) {
                Some(("title", _)) => "Please give your request a short title.",
                Some(("description", _)) => "Please describe what you need.",
                Some(("wanted_by", _)) => "That day has already passed. Please choose a later one.",
                Some(("part", _)) => {
                    "That part of the agreed work is no longer listed. Please reload the page."
                }
                _ => "Please give web addresses that start with https://.",
            };
            return Err(rejected(said));
        }
        let at = now.fixed_offset();
        let hours = chrono::Duration::hours(i64::from(p.communication.response_hours));
        p.requests.push(Request {
            id: id.clone(),
            title: body.title.trim().to_string(),
            status: RequestStatus::Received,
            created_at: at,
            assessment: None,
            respond_by: Some(at + hours),
        });
    }
    let r = p
        .requests
        .iter()
        .find(|r| r.id == id)
        .ok_or(ApiError::NotFound)?;
    Ok(Applied::Request {
        key: key.to_string(),
        body: body.clone(),
        receipt: RequestReceipt {
            received_at: r.created_at,
            respond_by: r.respond_by,
            status: r.status,
            reference: id,
        },
    })
}

#[derive(Clone, Debug, Default)]
pub struct DemoApi;

/// What the demo keeps in the browser: the day it was first opened and
/// every write since, replayed over the sample feed on each visit. (Storing
/// the writes rather than the whole feed keeps a serializer for the entire
/// contract out of the app.)
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DemoLog {
    /// `YYYY-MM-DD`: the sample feed is moved to this day.
    pub seeded_on: String,
    pub events: Vec<DemoEvent>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DemoEvent {
    pub key: String,
    pub at_ms: f64,
    pub write: Write,
}

from_json! {
    DemoLog { seeded_on: req, events: req }
    DemoEvent { key: req, at_ms: req, write: req }
}

to_json! {
    DemoLog { seeded_on: req, events: req }
    DemoEvent { key: req, at_ms: req, write: req }
}

impl DemoLog {
    /// The demo's state: the sample feed on its day, with every write.
    pub fn replay(&self, seed: &str, today: chrono::NaiveDate) -> Result<Portal, ApiError> {
        let day = contract::parse_day(&self.seeded_on).unwrap_or(today);
        let mut p = seeded(seed, day)?;
        for e in &self.events {
            // A write that was refused then is refused again: no effect.
            let _ = apply(
                &mut p,
                &e.write,
                &e.key,
                crate::domain::time::from_millis(e.at_ms),
            );
        }
        Ok(p)
    }
}

#[cfg(target_arch = "wasm32")]
impl DemoApi {
    fn store() -> crate::storage::Store {
        crate::storage::Store::local()
    }

    fn log() -> DemoLog {
        let saved = Self::store()
            .get(crate::storage::keys::DEMO_STATE)
            .and_then(|s| contract::parse::<DemoLog>(&s).ok());
        saved.unwrap_or_else(|| {
            let log = DemoLog {
                seeded_on: contract::day_to_wire(crate::intl::today()),
                events: Vec::new(),
            };
            Self::save(&log);
            log
        })
    }

    fn save(log: &DemoLog) {
        Self::store().set(
            crate::storage::keys::DEMO_STATE,
            &crate::contract::write::to_string(log),
        );
    }

    /// The sample feed, fetched once per visit.
    async fn seed() -> Result<std::rc::Rc<str>, ApiError> {
        thread_local! {
            static SEED: std::cell::RefCell<Option<std::rc::Rc<str>>> = const { std::cell::RefCell::new(None) };
        }
        if let Some(s) = SEED.with(|s| s.borrow().clone()) {
            return Ok(s);
        }
        let assets = ASSETS.with(|a| a.borrow().clone());
        let url = crate::config::asset_url(&assets, SEED_URL);
        let mut text = super::http::Fetch::get(&url).text().await?;
        if !assets.is_empty() {
            // The sample's pictures sit beside the portal, not the page.
            text = crate::domain::text::replace(
                &text,
                "\"demo/",
                &["\"", &crate::config::asset_url(&assets, "demo/")].concat(),
            );
        }
        let s: std::rc::Rc<str> = text.into();
        SEED.with(|c| *c.borrow_mut() = Some(s.clone()));
        Ok(s)
    }

    pub async fn portal(&self) -> Result<Portal, ApiError> {
        Self::log().replay(&Self::seed().await?, crate::intl::today())
    }

    pub async fn send(&self, write: &Write, key: &str) -> Result<Applied, ApiError> {
        let seed = Self::seed().await?;
        let mut log = Self::log();
        let mut p = log.replay(&seed, crate::intl::today())?;
        let now = crate::intl::now();
        let applied = apply(&mut p, write, key, now)?;
        // Concerns change nothing in the feed, so they are not logged: an
        // anonymous one must not be kept on the viewer's device.
        let logged = !matches!(write, Write::Escalation { .. });
        if logged && !log.events.iter().any(|e| e.key == key) {
            log.events.push(DemoEvent {
                key: key.to_string(),
                at_ms: now.timestamp_millis() as f64,
                write: write.clone(),
            });
            Self::save(&log);
        }
        Ok(applied)
    }

    /// Forget everything done in the demo.
    pub fn reset(&self) {
        Self::store().remove(crate::storage::keys::DEMO_STATE);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::{CommentRequest, DecisionRequest};
    use crate::domain::testkit::now;

    const SEED: &str = include_str!("../../demo/portal.json");

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

    fn concern(to: &str, anonymous_key: Option<&str>) -> Write {
        Write::Escalation {
            body: crate::contract::EscalationRequest {
                to: to.into(),
                anonymous: anonymous_key.is_some(),
                topic: "Deadlines".into(),
                urgency: crate::contract::Urgency::High,
                message: "The video slipped twice.".into(),
                reply_to: None,
            },
            to_name: "Priya Nair".into(),
            anonymous_key: anonymous_key.map(String::from),
        }
    }

    #[test]
    fn concerns_get_a_reference_and_an_answer_time() {
        let mut p = seeded(SEED, now().date_naive()).unwrap();
        let before = p.clone();
        let first = apply(&mut p, &concern("c-priya", None), "ab12cd34-x", now()).unwrap();
        let Applied::Escalation { receipt, .. } = &first else {
            panic!()
        };
        assert_eq!(receipt.reference, "ESC-AB12CD34");
        assert_eq!(
            contract::moment_to_wire(receipt.respond_by.unwrap()),
            "2026-11-24T10:00:00+00:00"
        );
        // A retry with the same key gets the same answer; the feed is untouched.
        let again = apply(&mut p, &concern("c-priya", None), "ab12cd34-x", now()).unwrap();
        assert_eq!(again, first);
        assert_eq!(p, before);
        // Anonymous only with the feed's key; nobody outside the team.
        let key = p.anonymous_key.clone().unwrap();
        assert!(apply(&mut p, &concern("c-ana", Some(&key)), "k2", now()).is_ok());
        assert!(matches!(
            apply(&mut p, &concern("c-ana", Some("guess")), "k3", now()),
            Err(ApiError::LinkExpired { .. })
        ));
        assert!(matches!(
            apply(&mut p, &concern("c-nobody", None), "k4", now()),
            Err(ApiError::Rejected { .. })
        ));
    }

    #[test]
    fn decisions_follow_the_contract_rules() {
        let mut p = seeded(SEED, now().date_naive()).unwrap();
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

    fn answer(meeting: &str, ids: &[&str], status: Confirmation, comment: Option<&str>) -> Write {
        Write::Confirmation {
            meeting_id: meeting.into(),
            body: crate::contract::agreed::ConfirmationRequest {
                agreement_ids: ids.iter().map(|s| s.to_string()).collect(),
                status,
                comment: comment.map(String::from),
            },
        }
    }

    #[test]
    fn answers_to_a_meeting_follow_the_contract_rules() {
        let mut p = seeded(SEED, now().date_naive()).unwrap();
        let m = "m-2026-11-18";
        let refused = |p: &mut Portal, w: Write| {
            matches!(apply(p, &w, "k", now()), Err(ApiError::Rejected { .. }))
        };
        // A dispute needs words; only the meeting's own agreements; at least one.
        assert!(refused(
            &mut p,
            answer(m, &["ag-launch"], Confirmation::Disputed, Some("  "))
        ));
        assert!(refused(
            &mut p,
            answer(m, &["ag-fair"], Confirmation::Confirmed, None)
        ));
        assert!(refused(
            &mut p,
            answer(m, &[], Confirmation::Confirmed, None)
        ));
        assert!(matches!(
            apply(
                &mut p,
                &answer("m-nope", &["ag-hero"], Confirmation::Confirmed, None),
                "k",
                now()
            ),
            Err(ApiError::NotFound)
        ));
        let status = |p: &Portal, id: &str| {
            p.meetings
                .iter()
                .flat_map(|m| &m.agreements)
                .find(|a| a.id == id)
                .unwrap()
                .status
        };
        assert_eq!(
            status(&p, "ag-hero"),
            None,
            "nothing refused changed anything"
        );
        // Confirmed, then disputed: the latest answer counts.
        let Applied::Meeting(back) = apply(
            &mut p,
            &answer(m, &["ag-hero", "ag-launch"], Confirmation::Confirmed, None),
            "k1",
            now(),
        )
        .unwrap() else {
            panic!()
        };
        assert_eq!(back.id, m);
        assert_eq!(status(&p, "ag-launch"), Some(AgreementStatus::Confirmed));
        apply(
            &mut p,
            &answer(
                m,
                &["ag-launch"],
                Confirmation::Disputed,
                Some("Only if the photos come in time."),
            ),
            "k2",
            now(),
        )
        .unwrap();
        assert_eq!(status(&p, "ag-launch"), Some(AgreementStatus::Disputed));
        assert_eq!(status(&p, "ag-hero"), Some(AgreementStatus::Confirmed));
        assert_eq!(crate::domain::meetings::waiting(&p), 0);
    }

    #[test]
    fn the_log_replays_every_write_over_the_seed() {
        let log = DemoLog {
            seeded_on: "2026-11-23".into(),
            events: vec![
                DemoEvent {
                    key: "k1".into(),
                    at_ms: now().timestamp_millis() as f64,
                    write: decide("a-home-3", DecisionKind::Approve, None),
                },
                // A refused write (a second decision) changes nothing.
                DemoEvent {
                    key: "k2".into(),
                    at_ms: now().timestamp_millis() as f64,
                    write: decide("a-home-3", DecisionKind::RequestChanges, Some("no")),
                },
                DemoEvent {
                    key: "k3".into(),
                    at_ms: now().timestamp_millis() as f64,
                    write: answer("m-2026-11-18", &["ag-hero"], Confirmation::Confirmed, None),
                },
            ],
        };
        let json = crate::contract::write::to_string(&log);
        assert_eq!(json, serde_json::to_string(&log).unwrap());
        let back: DemoLog = contract::parse(&json).unwrap();
        let p = back.replay(SEED, now().date_naive()).unwrap();
        let a = p.approval("a-home-3").unwrap();
        assert_eq!(a.status, ApprovalStatus::Approved);
        assert_eq!(a.decision.as_ref().unwrap().at, now().fixed_offset());
        assert_eq!(p.generated_at.date_naive().to_string(), "2026-11-23");
        assert_eq!(
            crate::domain::meetings::waiting(&p),
            1,
            "the confirmation is replayed"
        );
    }

    fn ask(title: &str, part: Option<&str>, wanted_by: &str, links: &[&str]) -> Write {
        Write::Request {
            body: NewRequest {
                title: title.into(),
                description: "For the holidays".into(),
                wanted_by: contract::Due::parse(wanted_by),
                scope_item_id: part.map(String::from),
                links: links.iter().map(|l| l.to_string()).collect(),
            },
        }
    }

    #[test]
    fn requests_are_checked_listed_and_answered_once_per_key() {
        let mut p = seeded(SEED, now().date_naive()).unwrap();
        let listed = p.requests.len();
        let refused = |p: &mut Portal, w: Write| match apply(p, &w, "k", now()) {
            Err(ApiError::Rejected { message }) => message.unwrap(),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            refused(&mut p, ask(" ", None, "", &[])),
            "Please give your request a short title."
        );
        assert!(
            refused(&mut p, ask("Gift cards", Some("x-ads"), "", &[])).contains("no longer listed")
        );
        assert!(
            refused(&mut p, ask("Gift cards", None, "2026-01-01", &[])).contains("already passed")
        );
        assert!(
            refused(&mut p, ask("Gift cards", None, "", &["www.example.com"])).contains("https://")
        );
        assert_eq!(p.requests.len(), listed, "nothing refused is listed");

        let w = ask(
            "Gift cards ",
            Some("s-website"),
            "2026-12-20",
            &["https://example.com"],
        );
        let Applied::Request { receipt, .. } = apply(&mut p, &w, "key-req", now()).unwrap() else {
            panic!()
        };
        assert_eq!(receipt.reference, "REQ-KEYREQ");
        assert_eq!(receipt.status, RequestStatus::Received);
        assert_eq!(receipt.received_at, now().fixed_offset());
        assert_eq!(
            receipt.respond_by,
            Some(now().fixed_offset() + chrono::Duration::hours(24))
        );
        let again = apply(&mut p, &w, "key-req", now()).unwrap();
        assert!(matches!(again, Applied::Request { receipt: r, .. } if r == receipt));
        assert_eq!(p.requests.len(), listed + 1);
        assert_eq!(p.requests[listed].title, "Gift cards");
    }

    #[test]
    fn comments_are_added_once_per_key() {
        let mut p = seeded(SEED, now().date_naive()).unwrap();
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
        let p = seeded(SEED, today).unwrap();
        assert_eq!(p.generated_at.date_naive(), today);
    }
}

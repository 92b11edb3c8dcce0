//! Writes the client has made but the agency has not confirmed yet, and how
//! they show up before and after the agency answers.
//!
//! What a page shows is always `feed + confirmed answers + pending writes`
//! ([`overlay`]), so a decision made offline appears at once everywhere
//! (counts, statuses, deadlines), marked "not sent yet".

use serde::Serialize;

use crate::contract::agreed::{
    AgreementStatus, Confirmation, ConfirmationRequest, Meeting, NewRequest, Request,
    RequestReceipt, RequestStatus,
};
use crate::contract::json::{self, from_json, Fields, FromJson, Json, Obj, Path, Res};
use crate::contract::write::{self, to_json, ToJson};
use crate::contract::{
    Approval, ApprovalStatus, Comment, CommentRequest, Decision, DecisionKind, DecisionRequest,
    DeliverableStatus, EscalationReceipt, EscalationRequest, Portal, Timestamp,
};
use crate::domain::time::from_millis;

/// One write to the agency's API.
// Stored externally tagged (serde's default): `{"decision": {…}}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Write {
    Decision {
        approval_id: String,
        body: DecisionRequest,
    },
    Comment {
        deliverable_id: String,
        body: CommentRequest,
    },
    /// A concern for the agency. `to_name` is for the client's own
    /// acknowledgement; only `body` is sent (and, when anonymous, the
    /// agency's `anonymous_key` as a header).
    Escalation {
        body: EscalationRequest,
        to_name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        anonymous_key: Option<String>,
    },
    /// The client's answer to what was agreed in a meeting.
    Confirmation {
        meeting_id: String,
        body: ConfirmationRequest,
    },
    /// Something new the client asks for.
    Request { body: NewRequest },
}

impl Write {
    /// Anonymous concerns stay out of anything that outlives the tab.
    pub fn is_anonymous(&self) -> bool {
        matches!(self, Write::Escalation { body, .. } if body.anonymous)
    }
}

/// A write waiting to be sent (or re-sent).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Pending {
    /// The `Idempotency-Key`: the same for every retry of this write.
    pub key: String,
    pub write: Write,
    /// When the client made it (ms since the epoch).
    pub made_at: f64,
    /// Not sent before this moment (the undo window), ms since the epoch.
    pub not_before: f64,
    pub attempts: u32,
}

/// A stand-in while a stored write at fault is read (`json::Fields`).
impl Default for Write {
    fn default() -> Write {
        Write::Comment {
            deliverable_id: String::new(),
            body: CommentRequest::default(),
        }
    }
}

impl FromJson for Write {
    fn from_json(v: &Json, at: Path) -> Res<Self> {
        let o = Obj::new(v, at)?;
        let inner = |tag| o.get(tag).map(|v| Fields::new(v, Path::Key(&at, tag)));
        if let Some(w) = inner("decision") {
            let w = w?;
            let read = Write::Decision {
                approval_id: w.req("approval_id"),
                body: w.req("body"),
            };
            return w.done(read);
        }
        if let Some(w) = inner("comment") {
            let w = w?;
            let read = Write::Comment {
                deliverable_id: w.req("deliverable_id"),
                body: w.req("body"),
            };
            return w.done(read);
        }
        if let Some(w) = inner("request") {
            let w = w?;
            let read = Write::Request {
                body: w.req("body"),
            };
            return w.done(read);
        }
        if let Some(w) = inner("confirmation") {
            let w = w?;
            let read = Write::Confirmation {
                meeting_id: w.req("meeting_id"),
                body: w.req("body"),
            };
            return w.done(read);
        }
        match inner("escalation") {
            Some(w) => {
                let w = w?;
                let read = Write::Escalation {
                    body: w.req("body"),
                    to_name: w.req("to_name"),
                    anonymous_key: w.opt("anonymous_key"),
                };
                w.done(read)
            }
            None => Err(at.error("expected a decision, a comment, a concern or an answer")),
        }
    }
}

from_json! {
    Pending { key: req, write: req, made_at: req, not_before: req, attempts: req }
}

to_json! {
    Pending { key: req, write: req, made_at: req, not_before: req, attempts: req }
}

/// Externally tagged, as serde writes it: `{"decision": {…}}`.
impl ToJson for Write {
    fn to_json(&self, out: &mut String) {
        let (tag, mut inner) = (
            match self {
                Write::Decision { .. } => "decision",
                Write::Comment { .. } => "comment",
                Write::Escalation { .. } => "escalation",
                Write::Confirmation { .. } => "confirmation",
                Write::Request { .. } => "request",
            },
            String::new(),
        );
        let mut o = write::ObjWriter::new(&mut inner);
        match self {
            Write::Decision { approval_id, body } => {
                o.req("approval_id", approval_id).req("body", body)
            }
            Write::Comment {
                deliverable_id,
                body,
            } => o.req("deliverable_id", deliverable_id).req("body", body),
            Write::Escalation {
                body,
                to_name,
                anonymous_key,
            } => o
                .req("body", body)
                .req("to_name", to_name)
                .opt("anonymous_key", anonymous_key),
            Write::Confirmation { meeting_id, body } => {
                o.req("meeting_id", meeting_id).req("body", body)
            }
            Write::Request { body } => o.req("body", body),
        }
        .end();
        write::ObjWriter::new(out).req(tag, &RawJson(inner)).end();
    }
}

/// Text that is already JSON.
struct RawJson(String);

impl ToJson for RawJson {
    fn to_json(&self, out: &mut String) {
        out.push_str(&self.0)
    }
}

impl Pending {
    pub fn is_ready(&self, now_ms: f64) -> bool {
        now_ms >= self.not_before
    }
}

/// What the agency answered to a write.
#[derive(Clone, Debug, PartialEq)]
pub enum Applied {
    Approval(Approval),
    Comment {
        deliverable_id: String,
        comment: Comment,
    },
    Escalation {
        /// The idempotency key it was sent with.
        key: String,
        to_name: String,
        body: EscalationRequest,
        receipt: EscalationReceipt,
    },
    /// A meeting with the client's answers to its agreements.
    Meeting(Meeting),
    /// A request the agency has received.
    Request {
        /// The idempotency key it was sent with.
        key: String,
        body: NewRequest,
        receipt: RequestReceipt,
    },
}

/// The pending writes, in the order they were made.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outbox {
    pub items: Vec<Pending>,
}

/// The longest any write waits to be tried: the longest retry delay. A
/// saved time further ahead can only come from a clock that was wrong when
/// it was saved, or from damaged storage, and must not hold a write back
/// (nor ask the browser for a timer it cannot set).
pub const LONGEST_WAIT_MS: f64 = 60_000.0;

impl Outbox {
    /// Read a saved outbox at `now_ms`. Each write is read on its own, so a
    /// damaged one is left out and never takes the others with it; none is
    /// due later than [`LONGEST_WAIT_MS`] from now. Anything unreadable is
    /// an empty outbox (never a crash on a visit).
    pub fn from_json(s: &str, now_ms: f64) -> Outbox {
        let items = match json::value(s) {
            Ok(Json::Arr(all)) => all
                .iter()
                .filter_map(|v| Pending::from_json(v, Path::Root).ok())
                .map(|mut p| {
                    p.not_before = p.not_before.min(now_ms + LONGEST_WAIT_MS);
                    p
                })
                .collect(),
            _ => Vec::new(),
        };
        Outbox { items }
    }

    pub fn to_json(&self) -> String {
        write::to_string(&self.items)
    }

    /// Split for saving: (named writes, kept on the device; anonymous ones,
    /// kept only for this tab).
    pub fn split(&self) -> (Outbox, Outbox) {
        let (anon, named) = self
            .items
            .iter()
            .cloned()
            .partition(|p| p.write.is_anonymous());
        (Outbox { items: named }, Outbox { items: anon })
    }

    /// Both halves again, in the order they were made.
    pub fn join(named: Outbox, anon: Outbox) -> Outbox {
        let mut items = named.items;
        items.extend(anon.items);
        crate::domain::order::sort_by_i64(&mut items, |p| p.made_at as i64);
        Outbox { items }
    }

    /// Add a write. A new decision on an approval replaces one still waiting
    /// for the same approval (only the latest decision counts).
    pub fn push(&mut self, p: Pending) {
        if let Write::Decision { approval_id, .. } = &p.write {
            let id = approval_id.clone();
            self.items.retain(
                |i| !matches!(&i.write, Write::Decision { approval_id, .. } if *approval_id == id),
            );
        }
        self.items.push(p);
    }

    pub fn remove(&mut self, key: &str) -> Option<Pending> {
        let i = self.items.iter().position(|p| p.key == key)?;
        Some(self.items.remove(i))
    }

    pub fn decision_for(&self, approval_id: &str) -> Option<&Pending> {
        self.items.iter().find(
            |p| matches!(&p.write, Write::Decision { approval_id: a, .. } if a == approval_id),
        )
    }

    /// The first write that may be sent now.
    pub fn next_ready(&self, now_ms: f64) -> Option<&Pending> {
        self.items.iter().find(|p| p.is_ready(now_ms))
    }

    /// The earliest moment a waiting write becomes ready, if any is waiting.
    pub fn next_wake(&self, now_ms: f64) -> Option<f64> {
        self.items
            .iter()
            .map(|p| p.not_before.min(now_ms + LONGEST_WAIT_MS))
            .filter(|t| *t > now_ms)
            .fold(None, |acc: Option<f64>, t| {
                Some(acc.map_or(t, |a| a.min(t)))
            })
    }
}

/// Milliseconds to wait before retrying after `attempts` failures:
/// 2 s, 4 s, 8 s … capped at one minute.
pub fn backoff_ms(attempts: u32) -> f64 {
    let exp = attempts.clamp(1, 6) - 1;
    (2000.0 * f64::from(1u32 << exp)).min(LONGEST_WAIT_MS)
}

/// Id given to a comment or a request that is not sent yet.
pub fn pending_id(key: &str) -> String {
    format!("pending:{key}")
}

pub fn is_pending(id: &str) -> bool {
    id.starts_with("pending:")
}

fn ts(ms: f64) -> Timestamp {
    from_millis(ms).fixed_offset()
}

/// The status a deliverable has once an approval of it is decided.
fn status_after(kind: ApprovalStatus) -> Option<DeliverableStatus> {
    match kind {
        ApprovalStatus::Approved => Some(DeliverableStatus::Approved),
        ApprovalStatus::ChangesRequested => Some(DeliverableStatus::ChangesRequested),
        _ => None,
    }
}

pub fn set_approval(p: &mut Portal, a: Approval) {
    // A deliverable waiting for this approval moves on with it.
    if let Some(next) = status_after(a.status) {
        if let Some(d) = p.deliverables.iter_mut().find(|d| d.id == a.deliverable_id) {
            if matches!(
                d.status,
                DeliverableStatus::InReview | DeliverableStatus::ChangesRequested
            ) {
                d.status = next;
            }
        }
    }
    match p.approvals.iter_mut().find(|x| x.id == a.id) {
        Some(x) => *x = a,
        None => p.approvals.push(a),
    }
}

pub fn set_meeting(p: &mut Portal, m: Meeting) {
    if let Some(x) = p.meetings.iter_mut().find(|x| x.id == m.id) {
        *x = m;
    }
}

/// Whether a write not sent yet answers this agreement.
pub fn answer_waiting(pending: &[Pending], agreement_id: &str) -> bool {
    pending.iter().any(|p| {
        matches!(&p.write, Write::Confirmation { body, .. }
            if body.agreement_ids.iter().any(|a| a == agreement_id))
    })
}

/// A request in the client's list (once: the feed may list it already,
/// under the agency's own id, when it was loaded again since).
fn add_request(p: &mut Portal, r: Request) {
    let listed = p
        .requests
        .iter()
        .any(|x| x.id == r.id || (x.title == r.title && x.created_at == r.created_at));
    if !listed {
        p.requests.push(r);
    }
}

pub fn add_comment(p: &mut Portal, deliverable_id: &str, c: Comment) {
    if let Some(d) = p.deliverables.iter_mut().find(|d| d.id == deliverable_id) {
        if !d.comments.iter().any(|x| x.id == c.id) {
            d.comments.push(c);
        }
    }
}

/// The feed as the client should see it: with the agency's answers to
/// this visit's writes, and with writes not sent yet.
pub fn overlay(feed: &Portal, applied: &[Applied], pending: &[Pending]) -> Portal {
    let mut p = feed.clone();
    for a in applied {
        match a {
            Applied::Approval(a) => set_approval(&mut p, a.clone()),
            Applied::Comment {
                deliverable_id,
                comment,
            } => add_comment(&mut p, deliverable_id, comment.clone()),
            Applied::Meeting(m) => set_meeting(&mut p, m.clone()),
            Applied::Request { body, receipt, .. } => add_request(
                &mut p,
                Request {
                    id: receipt.reference.clone(),
                    title: body.title.clone(),
                    status: receipt.status,
                    created_at: receipt.received_at,
                    assessment: None,
                    respond_by: receipt.respond_by,
                },
            ),
            // A concern changes nothing the feed shows.
            Applied::Escalation { .. } => {}
        }
    }
    let viewer = p.viewer.name.clone();
    for item in pending {
        match &item.write {
            Write::Decision { approval_id, body } => {
                let Some(mut a) = p.approval(approval_id).cloned() else {
                    continue;
                };
                a.status = match body.decision {
                    DecisionKind::Approve => ApprovalStatus::Approved,
                    DecisionKind::RequestChanges => ApprovalStatus::ChangesRequested,
                };
                a.decision = Some(Decision {
                    by: viewer.clone(),
                    at: ts(item.made_at),
                    comment: body.comment.clone(),
                    reference: None,
                });
                set_approval(&mut p, a);
            }
            Write::Comment {
                deliverable_id,
                body,
            } => add_comment(
                &mut p,
                deliverable_id,
                Comment {
                    id: pending_id(&item.key),
                    author: viewer.clone(),
                    body: body.body.clone(),
                    created_at: ts(item.made_at),
                    version_id: body.version_id.clone(),
                },
            ),
            Write::Confirmation { meeting_id, body } => {
                let status = match body.status {
                    Confirmation::Confirmed => AgreementStatus::Confirmed,
                    Confirmation::Disputed => AgreementStatus::Disputed,
                };
                for m in p.meetings.iter_mut().filter(|m| m.id == *meeting_id) {
                    for a in &mut m.agreements {
                        if body.agreement_ids.contains(&a.id) {
                            a.status = Some(status);
                        }
                    }
                }
            }
            Write::Request { body } => add_request(
                &mut p,
                Request {
                    id: pending_id(&item.key),
                    title: body.title.clone(),
                    status: RequestStatus::Received,
                    created_at: ts(item.made_at),
                    assessment: None,
                    respond_by: None,
                },
            ),
            Write::Escalation { .. } => {}
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::overview::owed;
    use crate::domain::testkit::demo;
    use crate::domain::time::FixedZone;

    fn decision(key: &str, approval: &str, kind: DecisionKind, at: f64) -> Pending {
        Pending {
            key: key.into(),
            write: Write::Decision {
                approval_id: approval.into(),
                body: DecisionRequest {
                    decision: kind,
                    version_id: "v".into(),
                    comment: None,
                },
            },
            made_at: at,
            not_before: at + 10_000.0,
            attempts: 0,
        }
    }

    #[test]
    fn a_pending_decision_shows_everywhere_at_once() {
        let feed = demo();
        let now = feed.generated_at.with_timezone(&chrono::Utc);
        let before = owed(&feed, now, &FixedZone::utc()).len();
        let at = now.timestamp_millis() as f64;
        let p = overlay(
            &feed,
            &[],
            &[decision("k1", "a-home-3", DecisionKind::Approve, at)],
        );
        let a = p.approval("a-home-3").unwrap();
        assert_eq!(a.status, ApprovalStatus::Approved);
        assert_eq!(a.decision.as_ref().unwrap().by, "Maya Chen");
        // The deliverable moves on, and the approval's deadline is done.
        assert_eq!(
            p.deliverable("d-homepage").unwrap().status,
            DeliverableStatus::Approved
        );
        let dl = p.deadlines.iter().find(|d| d.id == "dl-home").unwrap();
        assert!(p.deadline_done(dl));
        assert_eq!(owed(&p, now, &FixedZone::utc()).len(), before - 1);
        // The feed itself is untouched.
        assert_eq!(
            feed.approval("a-home-3").unwrap().status,
            ApprovalStatus::Pending
        );
    }

    #[test]
    fn confirmed_answers_replace_and_never_duplicate() {
        let feed = demo();
        let mut a = feed.approval("a-news-2").unwrap().clone();
        a.status = ApprovalStatus::ChangesRequested;
        let c = Comment {
            id: "cm-new".into(),
            author: "Maya Chen".into(),
            body: "Hi".into(),
            created_at: feed.generated_at,
            version_id: None,
        };
        let applied = vec![
            Applied::Approval(a),
            Applied::Comment {
                deliverable_id: "d-homepage".into(),
                comment: c.clone(),
            },
            Applied::Comment {
                deliverable_id: "d-homepage".into(),
                comment: c,
            },
        ];
        let p = overlay(&feed, &applied, &[]);
        assert_eq!(
            p.approval("a-news-2").unwrap().status,
            ApprovalStatus::ChangesRequested
        );
        assert_eq!(
            p.deliverable("d-newsletter").unwrap().status,
            DeliverableStatus::ChangesRequested
        );
        let comments = &p.deliverable("d-homepage").unwrap().comments;
        assert_eq!(comments.iter().filter(|c| c.id == "cm-new").count(), 1);
    }

    #[test]
    fn pending_comments_are_marked() {
        let feed = demo();
        let item = Pending {
            key: "k9".into(),
            write: Write::Comment {
                deliverable_id: "d-video".into(),
                body: CommentRequest {
                    body: "Looks great".into(),
                    version_id: None,
                },
            },
            made_at: 0.0,
            not_before: 0.0,
            attempts: 0,
        };
        let p = overlay(&feed, &[], &[item]);
        let c = &p.deliverable("d-video").unwrap().comments[0];
        assert!(is_pending(&c.id));
        assert_eq!(c.body, "Looks great");
    }

    #[test]
    fn a_request_is_listed_before_it_is_sent_and_once_after() {
        let feed = demo();
        let body = NewRequest {
            title: "Gift cards".into(),
            description: "For the holidays".into(),
            wanted_by: None,
            scope_item_id: None,
            links: vec![],
        };
        let item = Pending {
            key: "k7".into(),
            write: Write::Request { body: body.clone() },
            made_at: 1_764_000_000_000.0,
            not_before: 0.0,
            attempts: 0,
        };
        let p = overlay(&feed, &[], std::slice::from_ref(&item));
        let r = p.requests.iter().find(|r| r.title == "Gift cards").unwrap();
        assert!(is_pending(&r.id));
        assert_eq!(r.created_at, ts(item.made_at));
        // Received: listed under its reference, with the agency's answer.
        let at = ts(item.made_at);
        let receipt = RequestReceipt {
            reference: "REQ-1".into(),
            received_at: at,
            respond_by: Some(at + chrono::Duration::hours(24)),
            status: RequestStatus::Received,
        };
        let applied = [Applied::Request {
            key: "k7".into(),
            body: body.clone(),
            receipt,
        }];
        let p = overlay(&feed, &applied, &[]);
        assert_eq!(p.requests.len(), feed.requests.len() + 1);
        let r = p.requests.last().unwrap();
        assert_eq!(
            (r.id.as_str(), r.status),
            ("REQ-1", RequestStatus::Received)
        );
        assert_eq!(r.respond_by, Some(at + chrono::Duration::hours(24)));
        // A feed loaded since lists it under the agency's own id: once.
        let mut again = feed.clone();
        again.requests.push(Request {
            id: "rq-9".into(),
            ..r.clone()
        });
        assert_eq!(overlay(&again, &applied, &[]).requests, again.requests);
    }

    #[test]
    fn only_the_latest_decision_on_an_approval_is_kept() {
        let mut o = Outbox::default();
        o.push(decision("k1", "a1", DecisionKind::Approve, 0.0));
        o.push(decision("k2", "a2", DecisionKind::Approve, 0.0));
        o.push(decision("k3", "a1", DecisionKind::RequestChanges, 1.0));
        assert_eq!(o.items.len(), 2);
        assert_eq!(o.decision_for("a1").unwrap().key, "k3");
        assert!(o.remove("k2").is_some());
        assert!(o.remove("k2").is_none());
    }

    #[test]
    fn waits_out_the_undo_window() {
        let mut o = Outbox::default();
        o.push(decision("k1", "a1", DecisionKind::Approve, 1000.0));
        assert!(o.next_ready(5000.0).is_none());
        assert_eq!(o.next_wake(5000.0), Some(11_000.0));
        assert_eq!(o.next_ready(11_000.0).unwrap().key, "k1");
        assert_eq!(o.next_wake(11_000.0), None);
    }

    #[test]
    fn survives_a_round_trip_and_garbage() {
        let mut o = Outbox::default();
        o.push(decision("k1", "a1", DecisionKind::Approve, 1.0));
        assert_eq!(Outbox::from_json(&o.to_json(), 0.0), o);
        assert_eq!(Outbox::from_json("not json", 0.0), Outbox::default());
        assert_eq!(Outbox::from_json("{}", 0.0), Outbox::default());
    }

    #[test]
    fn a_damaged_write_leaves_the_others_alone() {
        let mut o = Outbox::default();
        o.push(decision("k1", "a1", DecisionKind::Approve, 1.0));
        o.push(decision("k2", "a2", DecisionKind::Approve, 2.0));
        let saved = o.to_json();
        let damaged = saved.replacen("\"approval_id\":\"a1\"", "\"approval_id\":7", 1);
        assert_ne!(saved, damaged);
        let back = Outbox::from_json(&damaged, 0.0);
        assert_eq!(back.items.len(), 1);
        assert_eq!(back.items[0].key, "k2");
        // Not even an item at all.
        let back = Outbox::from_json(&saved.replacen('[', "[null,", 1), 0.0);
        assert_eq!(back, o);
    }

    #[test]
    fn a_write_saved_far_ahead_is_due_within_the_longest_wait() {
        let now = 1_000_000.0;
        let years = 10.0 * 365.0 * 86_400_000.0;
        let mut o = Outbox::default();
        o.push(decision("k1", "a1", DecisionKind::Approve, now + years));
        assert_eq!(o.next_wake(now), Some(now + LONGEST_WAIT_MS));
        let back = Outbox::from_json(&o.to_json(), now);
        assert_eq!(back.items[0].not_before, now + LONGEST_WAIT_MS);
        assert!(back.next_ready(now + LONGEST_WAIT_MS).is_some());
        // A write due soon keeps its time.
        let soon = Outbox::from_json(&o.to_json(), now + years);
        assert_eq!(soon.items[0].not_before, now + years + 10_000.0);
    }

    fn concern(key: &str, anonymous: bool, at: f64) -> Pending {
        Pending {
            key: key.into(),
            write: Write::Escalation {
                body: EscalationRequest {
                    to: "c-ana".into(),
                    anonymous,
                    topic: "Deadlines".into(),
                    urgency: crate::contract::Urgency::High,
                    message: "Slipped twice".into(),
                    reply_to: None,
                },
                to_name: "Ana Ruiz".into(),
                anonymous_key: anonymous.then(|| "k-anon-secret".into()),
            },
            made_at: at,
            not_before: at,
            attempts: 0,
        }
    }

    #[test]
    fn anonymous_concerns_are_saved_apart_and_come_back_in_order() {
        let mut o = Outbox::default();
        o.push(concern("k1", false, 1.0));
        o.push(concern("k2", true, 2.0));
        o.push(decision("k3", "a1", DecisionKind::Approve, 3.0));
        let (named, anon) = o.split();
        let keys = |o: &Outbox| o.items.iter().map(|p| p.key.clone()).collect::<Vec<_>>();
        assert_eq!(keys(&named), ["k1", "k3"]);
        assert_eq!(keys(&anon), ["k2"]);
        assert!(!named.to_json().contains("k-anon-secret"));
        assert!(anon.to_json().contains("k-anon-secret"));
        let back = Outbox::join(
            Outbox::from_json(&named.to_json(), 0.0),
            Outbox::from_json(&anon.to_json(), 0.0),
        );
        assert_eq!(back, o);
        // Concerns change nothing the feed shows.
        let feed = demo();
        assert_eq!(overlay(&feed, &[], &o.items[..2]), feed);
    }

    #[test]
    fn backs_off_up_to_a_minute() {
        assert_eq!(backoff_ms(1), 2000.0);
        assert_eq!(backoff_ms(3), 8000.0);
        assert_eq!(backoff_ms(40), 60_000.0);
    }
}

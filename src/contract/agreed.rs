//! Contract v1 additions, "What we agreed": the engagement's scope, notes
//! of meetings with what was agreed in them, monthly reports, and the
//! client's requests for something new, with the two writes that go with
//! them. Every part is optional, so every feed written before stays valid.
//!
//! They are read by their own type, [`Agreed`], from the same feed body as
//! [`Portal`](super::Portal): a build that does not show them does not
//! carry their reader, and the views that do can load it on demand.

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use super::json::{self, from_json, FromJson, Path};
use super::write::to_json;
use super::{parse_day, ContractError, Due, Owner, Timestamp};

/// The "What we agreed" parts of `GET {api}/portal`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Agreed {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<AgreedScope>,
    #[serde(default)]
    pub meetings: Vec<Meeting>,
    #[serde(default)]
    pub reports: Vec<Report>,
    #[serde(default)]
    pub requests: Vec<Request>,
}

/// What the engagement covers and what it does not, in the agency's words.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AgreedScope {
    pub summary: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts: Option<Due>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ends: Option<Due>,
    pub included: Vec<ScopeItem>,
    pub excluded: Vec<ScopeItem>,
    /// How extra work is handled, in plain words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_orders: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScopeItem {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// The notes of one meeting or call.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Meeting {
    pub id: String,
    pub held_at: Timestamp,
    pub title: String,
    pub attendees: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    pub agreements: Vec<Agreement>,
    pub next_steps: Vec<NextStep>,
}

/// One thing agreed in a meeting; without a status it is still open.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Agreement {
    pub id: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<AgreementStatus>,
}

super::wire_enum! {
    /// Where an agreement stands with the client.
    open AgreementStatus {
        Open = "open",
        Confirmed = "confirmed",
        Disputed = "disputed",
        | Other
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NextStep {
    pub id: String,
    pub title: String,
    pub owner: Owner,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Due>,
    pub done: bool,
}

/// A monthly report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub id: String,
    pub period: Month,
    pub published_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub summary: String,
    /// Ids of the feed's `wins`.
    pub highlights: Vec<String>,
    pub metrics: Vec<ReportMetric>,
    pub learnings: Vec<String>,
    pub next_month: Vec<String>,
}

/// A number of the month, against its target when there is one.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReportMetric {
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<f64>,
    pub after: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
}

/// A calendar month, `YYYY-MM` on the wire.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    pub fn parse(s: &str) -> Option<Month> {
        let day = parse_day(&format!("{s}-01"))?;
        (s.len() == 7).then_some(())?;
        Some(Month {
            year: chrono::Datelike::year(&day),
            month: chrono::Datelike::month(&day),
        })
    }

    /// Its first day.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("a month read from the wire")
    }

    pub fn to_wire(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_wire())
    }
}

impl FromJson for Month {
    fn from_json(v: &json::Json, at: Path) -> json::Res<Self> {
        let s = String::from_json(v, at)?;
        Month::parse(&s).ok_or_else(|| at.expected("a month as YYYY-MM", v))
    }
}

/// Something new the client asked for, and where it stands.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Request {
    pub id: String,
    pub title: String,
    pub status: RequestStatus,
    pub created_at: Timestamp,
    /// The agency's answer: inside the agreed work, or what it would cost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respond_by: Option<Timestamp>,
}

super::wire_enum! {
    open RequestStatus {
        Received = "received",
        InScope = "in_scope",
        ChangeOrder = "change_order",
        Declined = "declined",
        Done = "done",
        | Other
    }
}

// ---- Writes -------------------------------------------------------------

/// `POST {api}/meetings/{id}/confirmation`: the client confirms agreements,
/// or disputes them with a comment (required, not blank).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ConfirmationRequest {
    pub agreement_ids: Vec<String>,
    pub status: Confirmation,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

super::wire_enum! {
    closed Confirmation {
        Confirmed = "confirmed",
        Disputed = "disputed",
    }
}

/// `POST {api}/requests`
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct NewRequest {
    pub title: String,
    pub description: String,
    /// A day (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wanted_by: Option<Due>,
    /// The `scope.included` item it belongs to; none for "something new".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope_item_id: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
}

/// The answer to `POST {api}/requests`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RequestReceipt {
    pub reference: String,
    pub received_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respond_by: Option<Timestamp>,
    pub status: RequestStatus,
}

// What the portal sends: written by `write` in the browser.
to_json! {
    ConfirmationRequest { agreement_ids: req, status: req, comment: opt }
    NewRequest { title: req, description: req, wanted_by: opt, scope_item_id: opt, links: or_default }
}

/// Read the "What we agreed" parts of a feed body (the rest is ignored).
pub fn parse_agreed(body: &str) -> Result<Agreed, ContractError> {
    json::read(body)
}

from_json! {
    Agreed { scope: opt, meetings: or_default, reports: or_default, requests: or_default }
    AgreedScope { summary: req, starts: opt, ends: opt, included: req, excluded: req, change_orders: opt }
    ScopeItem { id: req, title: req, detail: opt }
    Meeting {
        id: req, held_at: req, title: req, attendees: req, summary: opt,
        agreements: req, next_steps: req,
    }
    Agreement { id: req, text: req, status: opt }
    NextStep { id: req, title: req, owner: req, due: opt, done: req }
    Report {
        id: req, period: req, published_at: req, title: opt, summary: req,
        highlights: req, metrics: req, learnings: req, next_month: req,
    }
    ReportMetric { label: req, before: opt, after: req, unit: opt, target: opt }
    Request { id: req, title: req, status: req, created_at: req, assessment: opt, respond_by: opt }
    ConfirmationRequest { agreement_ids: req, status: req, comment: opt }
    NewRequest { title: req, description: req, wanted_by: opt, scope_item_id: opt, links: or_default }
    RequestReceipt { reference: req, received_at: req, respond_by: opt, status: req }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_error(body: &str) -> String {
        match parse_agreed(body) {
            Err(ContractError::Field { field, .. }) => field,
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    #[test]
    fn a_feed_without_the_additions_has_none_of_them() {
        let a = parse_agreed(r#"{"schema_version": 1, "deliverables": []}"#).unwrap();
        assert_eq!(a, Agreed::default());
    }

    #[test]
    fn the_demo_feed_has_all_four() {
        let a = parse_agreed(include_str!("../../demo/portal.json")).unwrap();
        let scope = a.scope.expect("the demo has a scope");
        assert!(!scope.included.is_empty() && !scope.excluded.is_empty());
        assert!(a.meetings.iter().any(|m| m
            .agreements
            .iter()
            .any(|x| x.status.is_none() || x.status == Some(AgreementStatus::Open))));
        assert!(!a.reports.is_empty() && !a.requests.is_empty());
    }

    #[test]
    fn a_missing_or_mistyped_field_is_named() {
        assert_eq!(
            field_error(
                r#"{"scope": {"summary": "s", "included": [{"id": "i"}], "excluded": []}}"#
            ),
            "scope.included[0].title"
        );
        assert_eq!(
            field_error(
                r#"{"meetings": [{"id": "m", "held_at": "2026-11-02T10:00:00Z", "title": "t",
                "attendees": [], "agreements": [{"id": "a", "text": "x"}], "next_steps": [{"id": "n",
                "title": "t", "owner": "client"}]}]}"#
            ),
            "meetings[0].next_steps[0].done"
        );
        assert_eq!(
            field_error(
                r#"{"reports": [{"id": "r", "period": "2026-13", "published_at": "2026-11-02T10:00:00Z",
                "summary": "s", "highlights": [], "metrics": [], "learnings": [], "next_month": []}]}"#
            ),
            "reports[0].period"
        );
    }

    #[test]
    fn unknown_values_degrade() {
        let a = parse_agreed(
            r#"{"requests": [{"id": "r", "title": "t", "status": "escalated",
            "created_at": "2026-11-02T10:00:00Z"}],
            "meetings": [{"id": "m", "held_at": "2026-11-02T10:00:00Z", "title": "t", "attendees": [],
            "agreements": [{"id": "a", "text": "x", "status": "maybe"}], "next_steps": []}]}"#,
        )
        .unwrap();
        assert_eq!(a.requests[0].status, RequestStatus::Other);
        assert_eq!(
            a.meetings[0].agreements[0].status,
            Some(AgreementStatus::Other)
        );
    }

    #[test]
    fn months_read_and_write_as_yyyy_mm() {
        assert_eq!(
            Month::parse("2026-11"),
            Some(Month {
                year: 2026,
                month: 11
            })
        );
        for bad in [
            "2026-1",
            "2026-00",
            "2026-13",
            "26-11",
            "2026-11-01",
            "november",
        ] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
        assert_eq!(Month::parse("0999-01").unwrap().to_wire(), "0999-01");
    }

    /// The fenced example of `def` in docs/api.md.
    fn doc_example(def: &str) -> &'static str {
        let doc = include_str!("../../docs/api.md");
        let start = doc
            .find(&format!("```json {def}\n"))
            .unwrap_or_else(|| panic!("docs/api.md has an example of {def}"));
        let body = &doc[start..];
        let body = &body[body.find('\n').unwrap() + 1..];
        &body[..body.find("```").unwrap()]
    }

    #[test]
    fn the_documented_examples_read() {
        use super::super::parse;
        let m: Meeting = parse(doc_example("Meeting")).unwrap();
        assert_eq!(m.agreements[1].status, Some(AgreementStatus::Disputed));
        let c: ConfirmationRequest = parse(doc_example("ConfirmationRequest")).unwrap();
        assert_eq!(c.status, Confirmation::Disputed);
        let r: NewRequest = parse(doc_example("NewRequest")).unwrap();
        assert_eq!(r.wanted_by, Due::parse("2026-12-10"));
        let receipt: RequestReceipt = parse(doc_example("RequestReceipt")).unwrap();
        assert_eq!(receipt.status, RequestStatus::Received);
    }

    #[test]
    fn writes_are_closed_to_unknown_values() {
        let ok: ConfirmationRequest =
            super::super::parse(r#"{"agreement_ids": ["a"], "status": "confirmed"}"#).unwrap();
        assert_eq!(ok.status, Confirmation::Confirmed);
        assert!(super::super::parse::<ConfirmationRequest>(
            r#"{"agreement_ids": ["a"], "status": "open"}"#
        )
        .is_err());
        let r: NewRequest = super::super::parse(r#"{"title": "t", "description": "d"}"#).unwrap();
        assert!(r.links.is_empty() && r.wanted_by.is_none());
    }
}

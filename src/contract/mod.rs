//! The JSON contract (v1) between the portal and the agency's API.
//!
//! These types are the only way bytes from the API enter the app. They follow
//! `docs/api.md` and `docs/portal.schema.json` field for field:
//! - unknown fields are ignored (serde's default);
//! - an unknown enum value becomes `Other`, shown as a neutral state;
//! - a missing or mistyped required field is an error that names its path
//!   (see [`parse_portal`]).

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

mod locate;

/// A contract enum carried as a string. Open enums map any value this
/// version does not know to `Other` (shown as a neutral state); closed ones
/// (what the portal itself sends) reject it. Every enum shares one string
/// (de)serializer instead of a derived visitor each.
macro_rules! wire_enum {
    (@de $name:ident, $s:ident, open) => { Ok($name::from_wire(&$s).unwrap_or($name::Other)) };
    (@de $name:ident, $s:ident, closed) => {
        $name::from_wire(&$s).ok_or_else(|| serde::de::Error::custom(format!("unknown value \"{}\"", $s)))
    };
    ($(#[$m:meta])* $kind:ident $name:ident { $($(#[$vm:meta])* $v:ident = $w:literal,)* $(| $other:ident)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name {
            $($(#[$vm])* $v,)*
            $(
                /// A value this version of the portal does not know.
                $other,
            )?
        }

        impl $name {
            pub fn from_wire(s: &str) -> Option<$name> {
                match s {
                    $($w => Some($name::$v),)*
                    _ => None,
                }
            }

            pub fn to_wire(self) -> &'static str {
                match self {
                    $($name::$v => $w,)*
                    $($name::$other => "other",)?
                }
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.to_wire())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                wire_enum!(@de $name, s, $kind)
            }
        }
    };
}

/// The contract version this build understands.
pub const SCHEMA_VERSION: u32 = 1;

/// A point in time as the API sends it (RFC 3339, with an offset).
pub type Timestamp = DateTime<FixedOffset>;

/// Timestamps are read with chrono's RFC 3339 parser (its generic format
/// parser, behind `DateTime`'s own `Deserialize`, is large in wasm).
mod ts {
    use super::Timestamp;
    use serde::{Deserialize, Deserializer};

    fn parse<E: serde::de::Error>(s: &str) -> Result<Timestamp, E> {
        chrono::DateTime::parse_from_rfc3339(s.trim())
            .map_err(|_| E::custom(format!("expected a date and time (RFC 3339), got \"{s}\"")))
    }

    pub fn de<'de, D: Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
        parse(&String::deserialize(d)?)
    }

    pub fn opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|s| parse(&s))
            .transpose()
    }
}

/// `GET {api}/portal`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Portal {
    pub schema_version: u32,
    #[serde(deserialize_with = "ts::de")]
    pub generated_at: Timestamp,
    pub agency: Agency,
    pub client: Client,
    pub viewer: Viewer,
    pub contacts: Vec<Contact>,
    pub communication: Communication,
    pub deliverables: Vec<Deliverable>,
    pub approvals: Vec<Approval>,
    pub deadlines: Vec<Deadline>,
    pub wins: Vec<Win>,
    /// The agency's own explanations of its terms (with the built-in ones,
    /// see `domain::jargon`).
    #[serde(default)]
    pub glossary: Vec<GlossaryEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anonymous_key: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Agency {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand_color: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Client {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Viewer {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub id: String,
    pub name: String,
    pub role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo_url: Option<String>,
    pub kind: ContactKind,
    /// Position in the escalation chain: 1 is the first person to go to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<u32>,
}

wire_enum! {
    open ContactKind {
        Primary = "primary",
        Backup = "backup",
        Escalation = "escalation",
        | Other
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Communication {
    /// The longest the client should wait for an answer, in hours.
    pub response_hours: u32,
    pub channels: Vec<Channel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office_hours: Option<String>,
    /// IANA time zone of the agency, e.g. `Asia/Bangkok`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cadence: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "ts::opt"
    )]
    pub next_check_in: Option<Timestamp>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Channel {
    pub kind: ChannelKind,
    pub label: String,
    pub value: String,
}

wire_enum! {
    open ChannelKind {
        Email = "email",
        Phone = "phone",
        Chat = "chat",
        Meeting = "meeting",
        | Other
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Deliverable {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    pub status: DeliverableStatus,
    pub scope: Scope,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Due>,
    /// The `id` of the agency contact responsible for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<String>,
    pub versions: Vec<Version>,
    pub comments: Vec<Comment>,
}

wire_enum! {
    open DeliverableStatus {
        Planned = "planned",
        InProgress = "in_progress",
        InReview = "in_review",
        ChangesRequested = "changes_requested",
        Approved = "approved",
        Delivered = "delivered",
        | Other
    }
}

wire_enum! {
    open Scope {
        Included = "included",
        ChangeOrder = "change_order",
        OutOfScope = "out_of_scope",
        | Other
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Version {
    pub id: String,
    pub label: String,
    #[serde(deserialize_with = "ts::de")]
    pub created_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preview_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comment {
    pub id: String,
    pub author: String,
    pub body: String,
    #[serde(deserialize_with = "ts::de")]
    pub created_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_id: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Approval {
    pub id: String,
    pub deliverable_id: String,
    pub version_id: String,
    pub title: String,
    #[serde(deserialize_with = "ts::de")]
    pub requested_at: Timestamp,
    pub due: Due,
    pub status: ApprovalStatus,
    /// What happens if the client answers late, in the agency's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consequence: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
}

wire_enum! {
    open ApprovalStatus {
        Pending = "pending",
        Approved = "approved",
        ChangesRequested = "changes_requested",
        | Other
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub by: String,
    #[serde(deserialize_with = "ts::de")]
    pub at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The agency's own reference for this decision, if it keeps one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Deadline {
    pub id: String,
    pub title: String,
    pub due: Due,
    pub owner: Owner,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deliverable_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval_id: Option<String>,
    pub done: bool,
}

wire_enum! {
    /// Who owes a deadline.
    open Owner {
        Client = "client",
        Agency = "agency",
        | Other
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Win {
    pub id: String,
    pub title: String,
    pub date: Due,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    pub metrics: Vec<Metric>,
}

/// A word and what it means, in plain language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GlossaryEntry {
    pub term: String,
    pub meaning: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Metric {
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<f64>,
    pub after: f64,
    /// `%`, `$`, `฿`, `visits`… shown next to the number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// A due date: either a whole day (`YYYY-MM-DD`, "by the end of that day")
/// or an exact moment (RFC 3339).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Due {
    Day(NaiveDate),
    At(Timestamp),
}

impl Due {
    pub fn parse(s: &str) -> Option<Due> {
        let s = s.trim();
        if s.len() == 10 {
            parse_day(s).map(Due::Day)
        } else {
            DateTime::parse_from_rfc3339(s).ok().map(Due::At)
        }
    }

    pub fn to_wire(self) -> String {
        match self {
            Due::Day(d) => day_to_wire(d),
            Due::At(t) => t.to_rfc3339(),
        }
    }
}

/// `YYYY-MM-DD`, strictly (a plain parser: chrono's format machinery is
/// large in wasm).
pub fn parse_day(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + (c - b'0') as u32)
        })
    };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

/// `YYYY-MM-DD`.
pub fn day_to_wire(d: NaiveDate) -> String {
    let (y, m, day) = (d.year(), d.month(), d.day());
    let mut s = String::with_capacity(10);
    s.push_str(&y.to_string());
    for n in [m, day] {
        s.push('-');
        if n < 10 {
            s.push('0');
        }
        s.push_str(&n.to_string());
    }
    s
}

impl Serialize for Due {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_wire())
    }
}

impl<'de> Deserialize<'de> for Due {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Due::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "expected a date (YYYY-MM-DD) or a date and time (RFC 3339), got \"{s}\""
            ))
        })
    }
}

// ---- Writes -------------------------------------------------------------

/// `POST {api}/approvals/{id}/decision`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DecisionRequest {
    pub decision: DecisionKind,
    pub version_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

wire_enum! {
    closed DecisionKind {
        Approve = "approve",
        RequestChanges = "request_changes",
    }
}

/// `POST {api}/deliverables/{id}/comments`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommentRequest {
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_id: Option<String>,
}

/// `POST {api}/escalations`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EscalationRequest {
    /// A contact `id`.
    pub to: String,
    pub anonymous: bool,
    pub topic: String,
    pub urgency: Urgency,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
}

wire_enum! {
    closed Urgency {
        Low = "low",
        Normal = "normal",
        High = "high",
    }
}

/// The answer to `POST {api}/escalations`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EscalationReceipt {
    pub reference: String,
    #[serde(deserialize_with = "ts::de")]
    pub received_at: Timestamp,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "ts::opt"
    )]
    pub respond_by: Option<Timestamp>,
}

/// The body of every non-2xx answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ErrorDetail {
    pub code: String,
    pub message: String,
    /// Who the client can ask for help when the feed itself cannot be
    /// shown (an expired link, say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<HelpContact>,
}

/// Just enough to reach a person when nothing else can be shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HelpContact {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

// ---- Parsing ------------------------------------------------------------

/// Why a body from the API could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ContractError {
    /// Not JSON at all (an HTML error page, a truncated answer…).
    NotJson { detail: String },
    /// JSON, but a field is missing or of the wrong kind. `field` is its
    /// path, e.g. `deliverables[2].status`.
    Field { field: String, detail: String },
    /// A feed from a newer contract than this build understands.
    UnsupportedVersion { found: u32 },
}

/// Parse any API body into a contract type, naming the field at fault.
pub fn parse<T: serde::de::DeserializeOwned>(body: &str) -> Result<T, ContractError> {
    serde_json::from_str::<T>(body).map_err(|e| {
        let detail = strip_position(&e.to_string());
        if e.is_syntax() || e.is_eof() {
            return ContractError::NotJson { detail };
        }
        let at = locate::offset(body, e.line(), e.column());
        match missing_field_name(&detail) {
            Some(name) => {
                let parent = locate::path_at(body, at, true);
                let field = if parent.is_empty() {
                    name.to_string()
                } else {
                    format!("{parent}.{name}")
                };
                ContractError::Field { field, detail }
            }
            None => ContractError::Field {
                field: locate::path_at(body, at, false),
                detail,
            },
        }
    })
}

/// Parse the portal feed and check its contract version.
pub fn parse_portal(body: &str) -> Result<Portal, ContractError> {
    // Look at the version first, so a future feed gets an honest message
    // rather than a complaint about a field that moved.
    #[derive(Deserialize)]
    struct Head {
        schema_version: Option<u32>,
    }
    if let Ok(Head {
        schema_version: Some(v),
    }) = serde_json::from_str::<Head>(body)
    {
        if v != SCHEMA_VERSION {
            return Err(ContractError::UnsupportedVersion { found: v });
        }
    }
    parse::<Portal>(body)
}

fn missing_field_name(detail: &str) -> Option<&str> {
    let rest = detail.strip_prefix("missing field `")?;
    rest.split('`').next()
}

/// serde_json appends " at line 1 column 70"; agencies need the field, not
/// the column of a minified body.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

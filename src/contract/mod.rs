//! The JSON contract (v1) between the portal and the agency's API.
//!
//! These types are the only way bytes from the API enter the app. They follow
//! `docs/api.md` and `docs/portal.schema.json` field for field:
//! - unknown fields are ignored (serde's default);
//! - an unknown enum value becomes `Other`, shown as a neutral state;
//! - a missing or mistyped required field is an error that names its path
//!   (see [`parse_portal`]).

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use serde::{Serialize, Serializer};

pub mod agreed;
pub mod json;
pub mod write;
use json::{from_json, FromJson, Path};
use write::to_json;

/// A contract enum carried as a string. Open enums map any value this
/// version does not know to `Other` (shown as a neutral state); closed ones
/// (what the portal itself sends) reject it. Every enum shares one string
/// (de)serializer instead of a derived visitor each.
macro_rules! wire_enum {
    (@de $name:ident, $s:ident, $v:ident, $at:ident, open) => { Ok($name::from_wire(&$s).unwrap_or($name::Other)) };
    (@de $name:ident, $s:ident, $v:ident, $at:ident, closed) => {
        $name::from_wire(&$s).ok_or_else(|| $at.expected("one of the known values", $v))
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
            /// Every value this version knows, in the contract's order.
            pub const ALL: &'static [$name] = &[$($name::$v,)*];

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

        /// The first value: only a stand-in while a body that turns out to
        /// be at fault is read (`json::Fields`).
        impl Default for $name {
            fn default() -> Self {
                Self::ALL[0]
            }
        }

        impl $crate::contract::write::ToJson for $name {
            fn to_json(&self, out: &mut String) {
                $crate::contract::write::ToJson::to_json(self.to_wire(), out)
            }
        }

        impl json::FromJson for $name {
            fn from_json(v: &json::Json, at: json::Path) -> json::Res<Self> {
                let s = String::from_json(v, at)?;
                $crate::contract::wire_enum!(@de $name, s, v, at, $kind)
            }
        }
    };
}

pub(crate) use wire_enum;

/// The contract version this build understands.
pub const SCHEMA_VERSION: u32 = 1;

/// A point in time as the API sends it (RFC 3339, with an offset).
pub type Timestamp = DateTime<FixedOffset>;

/// `GET {api}/portal`
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Portal {
    pub schema_version: u32,
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
    /// What the engagement covers ("What we agreed"). Read here with the
    /// rest, because the portal shows it, as are the meetings and the
    /// reports and the client's requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<agreed::AgreedScope>,
    /// Notes of meetings: what was agreed, for the client to confirm or
    /// dispute, and next steps, which join the deadlines
    /// (`domain::deadlines::add_next_steps`).
    #[serde(default)]
    pub meetings: Vec<agreed::Meeting>,
    /// Monthly reports: the month's results against their targets, what
    /// was learned, and the plan for the next month.
    #[serde(default)]
    pub reports: Vec<agreed::Report>,
    /// What the client asked for that was not planned, and where each
    /// request stands.
    #[serde(default)]
    pub requests: Vec<agreed::Request>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Agency {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand_color: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Client {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Viewer {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
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

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_check_in: Option<Timestamp>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
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

#[derive(Clone, Debug, PartialEq, Serialize)]
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

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Version {
    pub id: String,
    pub label: String,
    pub created_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preview_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comment {
    pub id: String,
    pub author: String,
    pub body: String,
    pub created_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_id: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Approval {
    pub id: String,
    pub deliverable_id: String,
    pub version_id: String,
    pub title: String,
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

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Decision {
    pub by: String,
    pub at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The agency's own reference for this decision, if it keeps one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
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

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Win {
    pub id: String,
    pub title: String,
    pub date: Due,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    pub metrics: Vec<Metric>,
}

/// A word and what it means, in plain language.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GlossaryEntry {
    pub term: String,
    pub meaning: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
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

/// A stand-in while a body at fault is read (`json::Fields`).
impl Default for Due {
    fn default() -> Due {
        Due::Day(NaiveDate::default())
    }
}

impl Due {
    pub fn parse(s: &str) -> Option<Due> {
        let s = s.trim();
        if s.len() == 10 {
            parse_day(s).map(Due::Day)
        } else {
            parse_moment(s).map(Due::At)
        }
    }

    pub fn to_wire(self) -> String {
        match self {
            Due::Day(d) => day_to_wire(d),
            Due::At(t) => moment_to_wire(t),
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

/// A date and time with its offset (RFC 3339: `2026-11-20T17:00:00Z`,
/// `…T17:00:00.250+07:00`; `t`, `z` or a space also taken, as chrono
/// takes them). Written out instead of chrono's parser, which costs
/// 2.5 KB of wasm.
pub fn parse_moment(s: &str) -> Option<Timestamp> {
    let b = s.as_bytes();
    let day = parse_day(s.get(..10)?)?;
    if !matches!(b.get(10)?, b'T' | b't' | b' ') {
        return None;
    }
    // Two digits at `i`, then `sep` (or the end of the clock).
    let two = |i: usize| -> Option<u32> {
        let (h, l) = (*b.get(i)?, *b.get(i + 1)?);
        (h.is_ascii_digit() && l.is_ascii_digit()).then(|| ((h - b'0') * 10 + l - b'0') as u32)
    };
    let at = |i: usize, c: u8| (b.get(i) == Some(&c)).then_some(());
    let (hour, min) = (two(11)?, two(14)?);
    at(13, b':')?;
    at(16, b':')?;
    let sec = two(17)?;
    let mut i = 19;
    let mut nano = 0u32;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        for (n, c) in b[i..i + digits].iter().enumerate() {
            if n < 9 {
                nano += (c - b'0') as u32 * 10u32.pow(8 - n as u32);
            }
        }
        i += digits;
    }
    let offset = match (b.get(i)?, &b[i + 1..]) {
        (b'Z' | b'z', []) => 0,
        (sign @ (b'+' | b'-'), [_, _, b':', _, _]) => {
            let secs = (two(i + 1)? * 60 + two(i + 4)?) as i32 * 60;
            if *sign == b'-' {
                -secs
            } else {
                secs
            }
        }
        _ => return None,
    };
    // A leap second (`:60`) is chrono's 59 s plus a second of nanoseconds.
    let (sec, nano) = if sec == 60 {
        (59, nano + 1_000_000_000)
    } else {
        (sec, nano)
    };
    let naive = day.and_hms_nano_opt(hour, min, sec, nano)?;
    let offset = FixedOffset::east_opt(offset)?;
    naive
        .checked_sub_offset(offset)
        .map(|utc| DateTime::from_naive_utc_and_offset(utc, offset))
}

/// RFC 3339, as chrono's `to_rfc3339` writes it (`2026-11-20T17:00:00+07:00`,
/// fractions of a second in 3, 6 or 9 digits when there are any): written
/// out, as [`parse_moment`] is, to keep chrono's formatter out of the wasm.
pub fn moment_to_wire(t: Timestamp) -> String {
    use chrono::Timelike;
    let mut s = day_to_wire(t.date_naive());
    let two = |s: &mut String, n: u32| {
        s.push(char::from(b'0' + (n / 10) as u8));
        s.push(char::from(b'0' + (n % 10) as u8));
    };
    let nano = t.nanosecond();
    // A leap second is kept as chrono keeps it: 59 s and more than 10⁹ ns.
    let (sec, nano) = if nano >= 1_000_000_000 {
        (60, nano - 1_000_000_000)
    } else {
        (t.second(), nano)
    };
    for (sep, n) in [('T', t.hour()), (':', t.minute()), (':', sec)] {
        s.push(sep);
        two(&mut s, n);
    }
    if nano > 0 {
        let (digits, mut n) = match nano {
            n if n % 1_000_000 == 0 => (3, n / 1_000_000),
            n if n % 1_000 == 0 => (6, n / 1_000),
            n => (9, n),
        };
        let mut frac = [b'0'; 9];
        for i in (0..digits).rev() {
            frac[i] = b'0' + (n % 10) as u8;
            n /= 10;
        }
        s.push('.');
        s.push_str(std::str::from_utf8(&frac[..digits]).unwrap_or_default());
    }
    let offset = t.offset().local_minus_utc();
    s.push(if offset < 0 { '-' } else { '+' });
    let minutes = offset.unsigned_abs() / 60;
    two(&mut s, minutes / 60);
    s.push(':');
    two(&mut s, minutes % 60);
    s
}

/// `YYYY-MM-DD`.
pub fn day_to_wire(d: NaiveDate) -> String {
    let (y, m, day) = (d.year(), d.month(), d.day());
    let mut s = String::with_capacity(10);
    // Four digits, as `parse_day` reads them (year 999 is `0999`).
    let y = y.to_string();
    s.push_str(&"000"[..4usize.saturating_sub(y.len()).min(3)]);
    s.push_str(&y);
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

// ---- Writes -------------------------------------------------------------

/// `POST {api}/approvals/{id}/decision`
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
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
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CommentRequest {
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_id: Option<String>,
}

/// `POST {api}/escalations`
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
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
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EscalationReceipt {
    pub reference: String,
    pub received_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respond_by: Option<Timestamp>,
}

/// The body of every non-2xx answer.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ErrorDetail {
    pub code: String,
    pub message: String,
    /// Who the client can ask for help when the feed itself cannot be
    /// shown (an expired link, say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<HelpContact>,
}

/// Just enough to reach a person when nothing else can be shown.
#[derive(Clone, Debug, PartialEq, Serialize)]
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
pub fn parse<T: FromJson>(body: &str) -> Result<T, ContractError> {
    json::read(body)
}

/// Parse the portal feed and check its contract version.
pub fn parse_portal(body: &str) -> Result<Portal, ContractError> {
    let v = json::value(body)?;
    // Look at the version first, so a future feed gets an honest message
    // rather than a complaint about a field that moved.
    if let Some(found) = v.get("schema_version").and_then(json::Json::as_u32) {
        if found != SCHEMA_VERSION {
            return Err(ContractError::UnsupportedVersion { found });
        }
    }
    Portal::from_json(&v, Path::Root)
}

// ---- Reading --------------------------------------------------------------

from_json! {
    Portal {
        schema_version: req, generated_at: req, agency: req, client: req, viewer: req,
        contacts: req, communication: req, deliverables: req, approvals: req,
        deadlines: req, wins: req, glossary: or_default, anonymous_key: opt, scope: opt,
        meetings: or_default, reports: or_default, requests: or_default,
    }
    Agency { name: req, logo_url: opt, website: opt, brand_color: opt }
    Client { name: req, logo_url: opt }
    Viewer { name: req, email: opt }
    Contact { id: req, name: req, role: req, email: opt, phone: opt, photo_url: opt, kind: req, level: opt }
    Communication {
        response_hours: req, channels: req, office_hours: opt, time_zone: opt,
        cadence: opt, next_check_in: opt,
    }
    Channel { kind: req, label: req, value: req }
    Deliverable {
        id: req, title: req, summary: opt, status: req, scope: req, due: opt,
        owner_id: opt, versions: req, comments: req,
    }
    Version { id: req, label: req, created_at: req, url: opt, preview_url: opt, notes: opt }
    Comment { id: req, author: req, body: req, created_at: req, version_id: opt }
    Approval {
        id: req, deliverable_id: req, version_id: req, title: req, requested_at: req,
        due: req, status: req, consequence: opt, decision: opt,
    }
    Decision { by: req, at: req, comment: opt, reference: opt }
    Deadline { id: req, title: req, due: req, owner: req, deliverable_id: opt, approval_id: opt, done: req }
    Win { id: req, title: req, date: req, summary: opt, metrics: req }
    GlossaryEntry { term: req, meaning: req }
    Metric { label: req, before: opt, after: req, unit: opt }
    DecisionRequest { decision: req, version_id: req, comment: opt }
    CommentRequest { body: req, version_id: opt }
    EscalationRequest { to: req, anonymous: req, topic: req, urgency: req, message: req, reply_to: opt }
    EscalationReceipt { reference: req, received_at: req, respond_by: opt }
    ErrorBody { error: req }
    ErrorDetail { code: req, message: req, contact: opt }
    HelpContact { name: req, email: opt, phone: opt }
}

// What the portal sends: written by `write` in the browser.
to_json! {
    DecisionRequest { decision: req, version_id: req, comment: opt }
    CommentRequest { body: req, version_id: opt }
    EscalationRequest { to: req, anonymous: req, topic: req, urgency: req, message: req, reply_to: opt }
}

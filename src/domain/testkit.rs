//! Shorthands the domain tests share.

use chrono::{DateTime, Utc};

use crate::contract::{parse_portal, Due, Portal};

/// The moment every native test lives in (a Monday, 11:00 in Berlin); the
/// browser tests use the same one (`tests/e2e/support/now.mjs`). No test
/// reads the machine's clock for anything it asserts.
pub const NOW: &str = "2026-11-23T10:00:00Z";

/// [`NOW`] as an instant.
pub fn now() -> DateTime<Utc> {
    at(NOW)
}

/// An instant from RFC 3339 text.
pub fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("test instant")
        .with_timezone(&Utc)
}

/// A due date from contract text (`YYYY-MM-DD` or RFC 3339).
pub fn due(s: &str) -> Due {
    Due::parse(s).expect("test due date")
}

/// The example feed, as the demo agency ships it.
pub fn demo() -> Portal {
    parse_portal(include_str!("../../demo/portal.json")).expect("the example feed parses")
}

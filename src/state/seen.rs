//! Which monthly reports the client has opened, kept on the device for
//! this person, so a new report is marked until it is read.

use crate::domain::reports::Seen;
use crate::storage::{keys, Store};

pub fn reports_seen() -> Seen {
    Seen::decode(&Store::person().get(keys::REPORTS_SEEN).unwrap_or_default())
}

/// Note that the report `id` has been opened.
pub fn report_opened(id: &str) {
    if let Some(seen) = reports_seen().with(id) {
        Store::person().set(keys::REPORTS_SEEN, &seen.encode());
    }
}

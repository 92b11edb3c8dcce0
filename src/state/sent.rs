//! "Your messages" on this device: the concerns the client sent under their
//! own name, with their references (never anonymous ones, see
//! `domain::escalation::Sent::from_applied`).

use crate::domain::escalation::{decode, encode, remember, Sent};
use crate::domain::outbox::Applied;
use crate::storage::{keys, Store};

pub fn load() -> Vec<Sent> {
    decode(&Store::person().get(keys::MESSAGES).unwrap_or_default())
}

/// Keep a confirmed concern (if it is one, and not anonymous).
pub fn keep(a: &Applied, response_hours: u32) {
    if let Some(s) = Sent::from_applied(a, response_hours) {
        let mut list = load();
        remember(&mut list, s);
        Store::person().set(keys::MESSAGES, &encode(&list));
    }
}

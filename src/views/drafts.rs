//! What the client is typing, saved as they type so a reload or a crash
//! never loses it.

use crate::storage::Store;

pub fn comment_key(deliverable_id: &str) -> String {
    format!("client-portal:draft:comment:{deliverable_id}")
}

pub fn decision_key(approval_id: &str) -> String {
    format!("client-portal:draft:decision:{approval_id}")
}

pub fn load(key: &str) -> String {
    Store::local().get(key).unwrap_or_default()
}

/// Save (or forget, when empty) a draft.
pub fn save(key: &str, text: &str) {
    if text.is_empty() {
        Store::local().remove(key);
    } else {
        Store::local().set(key, text);
    }
}

/// Put text back into a draft without overwriting newer typing.
pub fn restore(key: &str, text: &str) {
    let current = load(key);
    if current.trim().is_empty() {
        save(key, text);
    } else if !current.contains(text) {
        save(key, &format!("{text}\n\n{current}"));
    }
}

/// Put a write's text back where it was typed (after an undo, or when the
/// agency refused it), so nothing the client wrote is lost.
pub fn give_back(write: &crate::domain::outbox::Write) {
    use crate::domain::outbox::Write;
    match write {
        Write::Comment {
            deliverable_id,
            body,
        } => restore(&comment_key(deliverable_id), &body.body),
        Write::Decision { approval_id, body } => {
            if let Some(c) = &body.comment {
                restore(&decision_key(approval_id), c);
            }
        }
    }
}

//! What the client is typing, saved as they type so a reload or a crash
//! never loses it.

use crate::domain::escalation::Form;
use crate::domain::requests;
use crate::storage::{keys, Store};

pub use crate::storage::keys::{
    draft_comment as comment_key, draft_comment_version as comment_version_key,
    draft_decision as decision_key, draft_dispute as dispute_key,
};

pub fn load(key: &str) -> String {
    Store::person().get(key).unwrap_or_default()
}

/// Save (or forget, when empty) a draft.
pub fn save(key: &str, text: &str) {
    if text.is_empty() {
        Store::person().remove(key);
    } else {
        Store::person().set(key, text);
    }
}

/// Put text back into a draft without overwriting newer typing.
pub fn restore(key: &str, text: &str) {
    let current = load(key);
    if current.trim().is_empty() {
        save(key, text);
    } else if !crate::domain::text::contains(&current, text) {
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
        } => {
            restore(&comment_key(deliverable_id), &body.body);
            let about = comment_version_key(deliverable_id);
            if let (Some(v), "") = (&body.version_id, load(&about).as_str()) {
                save(&about, v);
            }
        }
        Write::Decision { approval_id, body } => {
            if let Some(c) = &body.comment {
                restore(&decision_key(approval_id), c);
            }
        }
        // A dispute's words go back to the first agreement it was about.
        Write::Confirmation { body, .. } => {
            if let (Some(c), Some(id)) = (&body.comment, body.agreement_ids.first()) {
                restore(&dispute_key(id), c);
            }
        }
        Write::Request { body } => {
            if load_request().is_blank() {
                save_request(&requests::Form::from_request(body));
            }
        }
        Write::Escalation { body, .. } => {
            let mut f = load_concern();
            if f.message.trim().is_empty() {
                f = Form {
                    to: body.to.clone(),
                    topic: body.topic.clone(),
                    urgency: body.urgency.to_wire().into(),
                    message: body.message.clone(),
                    reply_to: body.reply_to.clone().unwrap_or_default(),
                    anonymous: body.anonymous,
                };
                save_concern(&f);
            }
        }
    }
}

/// Form fields as one query string (`title=…&links=…`).
fn encode<'a>(fields: impl IntoIterator<Item = (&'static str, &'a str)>) -> Option<String> {
    let q = web_sys::UrlSearchParams::new().ok()?;
    for (k, v) in fields {
        q.append(k, v);
    }
    Some(q.to_string().into())
}

/// A field of a form saved by [`encode`], by name.
fn decode(saved: Option<String>) -> impl Fn(&str) -> String {
    let q = saved.and_then(|s| web_sys::UrlSearchParams::new_with_str(&s).ok());
    move |k| q.as_ref().and_then(|q| q.get(k)).unwrap_or_default()
}

/// Save the concern being written. A named draft lives on the device; an
/// anonymous one only in this tab (sessionStorage), without any reply-to
/// address, and switching to anonymous removes the named copy.
pub fn save_concern(f: &Form) {
    let (keep, drop) = match f.anonymous {
        true => (Store::person_tab(), Store::person()),
        false => (Store::person(), Store::person_tab()),
    };
    drop.remove(keys::DRAFT_CONCERN);
    match encode(f.fields()) {
        Some(q) if !(f.topic.trim().is_empty() && f.message.trim().is_empty()) => {
            keep.set(keys::DRAFT_CONCERN, &q)
        }
        _ => keep.remove(keys::DRAFT_CONCERN),
    }
}

/// The saved concern: this tab's anonymous draft first, else the named one.
pub fn load_concern() -> Form {
    let saved = Store::person_tab()
        .get(keys::DRAFT_CONCERN)
        .or_else(|| Store::person().get(keys::DRAFT_CONCERN));
    Form::from_fields(decode(saved))
}

pub fn clear_concern() {
    Store::person().remove(keys::DRAFT_CONCERN);
    Store::person_tab().remove(keys::DRAFT_CONCERN);
}

/// Save the request being written (or forget it, once nothing is typed).
pub fn save_request(f: &requests::Form) {
    match encode(f.fields()) {
        Some(q) if !f.is_blank() => Store::person().set(keys::DRAFT_REQUEST, &q),
        _ => clear_request(),
    }
}

pub fn load_request() -> requests::Form {
    requests::Form::from_fields(decode(Store::person().get(keys::DRAFT_REQUEST)))
}

pub fn clear_request() {
    Store::person().remove(keys::DRAFT_REQUEST);
}

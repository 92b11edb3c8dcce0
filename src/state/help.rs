//! Who the client can ask for help, remembered from the last feed for the
//! day the link stops working.

use crate::contract::HelpContact;
use crate::storage::{keys, Store};

/// Remember who to ask for help, for the day the link stops working (as
/// three lines: name, email, phone).
pub fn remember(c: &HelpContact) {
    let line = |v: &Option<String>| v.as_deref().unwrap_or("").replace('\n', " ");
    let text = format!(
        "{}\n{}\n{}",
        c.name.replace('\n', " "),
        line(&c.email),
        line(&c.phone)
    );
    Store::person().set(keys::HELP_CONTACT, &text);
}

pub fn last() -> Option<HelpContact> {
    let text = Store::person().get(keys::HELP_CONTACT)?;
    let mut lines = text.split('\n').map(str::to_string);
    let name = lines.next().filter(|n| !n.is_empty())?;
    let mut next = || lines.next().filter(|v| !v.is_empty());
    Some(HelpContact {
        name,
        email: next(),
        phone: next(),
    })
}

//! Browser storage that never fails loudly: when localStorage or
//! sessionStorage is unavailable (private modes, sandboxed frames) or full,
//! values live in memory for the rest of the visit instead, and are read
//! from there first.

#[cfg(target_arch = "wasm32")]
mod imp {
    use std::cell::RefCell;

    thread_local! {
        /// What could not be stored, by [`Store::memory_key`]: a handful of
        /// entries at most, so a list (a map's code is not worth its bytes).
        static MEMORY: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
        /// Whose data the person stores hold (`super::person_scope`).
        static PERSON: RefCell<String> = const { RefCell::new(String::new()) };
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    enum Kind {
        Local,
        Session,
    }

    /// One of the browser's two stores, either as a whole (what belongs to
    /// the device: the language, the tab's token) or only the part that
    /// belongs to the person using the portal now.
    #[derive(Clone, Copy, Debug)]
    pub struct Store(Kind, bool);

    impl Store {
        /// localStorage, for what belongs to the device.
        pub fn local() -> Self {
            Store(Kind::Local, false)
        }
        /// sessionStorage (this tab), for what belongs to the tab.
        pub fn session() -> Self {
            Store(Kind::Session, false)
        }
        /// localStorage, this person's part.
        pub fn person() -> Self {
            Store(Kind::Local, true)
        }
        /// sessionStorage, this person's part.
        pub fn person_tab() -> Self {
            Store(Kind::Session, true)
        }

        /// Say whose data the person stores hold from now on.
        pub fn set_person(scope: String) {
            PERSON.with(|p| *p.borrow_mut() = scope);
        }

        /// The name `key` is stored under in this store.
        pub fn key(&self, key: &str) -> String {
            match self.1 {
                true => PERSON.with(|p| format!("{key}@{}", p.borrow())),
                false => key.to_string(),
            }
        }

        fn web(&self) -> Option<web_sys::Storage> {
            let w = web_sys::window()?;
            match self.0 {
                Kind::Local => w.local_storage().ok().flatten(),
                Kind::Session => w.session_storage().ok().flatten(),
            }
        }

        fn memory_key(&self, key: &str) -> String {
            let prefix = match self.0 {
                Kind::Local => "local:",
                Kind::Session => "session:",
            };
            format!("{prefix}{key}")
        }

        /// What could not be saved this visit is newer than what was, so
        /// it is read first.
        pub fn get(&self, key: &str) -> Option<String> {
            let key = &self.key(key);
            MEMORY
                .with(|m| {
                    let k = self.memory_key(key);
                    m.borrow()
                        .iter()
                        .find(|(x, _)| *x == k)
                        .map(|(_, v)| v.clone())
                })
                .or_else(|| self.web()?.get_item(key).ok().flatten())
        }

        /// Save `value`. When the store is full, the old value's room is
        /// tried before giving up on it; what still does not fit lives in
        /// memory for the rest of the visit.
        pub fn set(&self, key: &str, value: &str) {
            let key = &self.key(key);
            let saved = self.web().is_some_and(|s| {
                s.set_item(key, value).is_ok()
                    || (s.remove_item(key).is_ok() && s.set_item(key, value).is_ok())
            });
            self.forget(key);
            if !saved {
                MEMORY.with(|m| {
                    m.borrow_mut()
                        .push((self.memory_key(key), value.to_string()))
                });
            }
        }

        pub fn remove(&self, key: &str) {
            let key = &self.key(key);
            if let Some(s) = self.web() {
                let _ = s.remove_item(key);
            }
            self.forget(key);
        }

        /// Drop `key`'s value kept in memory, if any.
        fn forget(&self, key: &str) {
            let k = self.memory_key(key);
            MEMORY.with(|m| m.borrow_mut().retain(|(x, _)| *x != k));
        }
    }
}

#[cfg(target_arch = "wasm32")]
pub use imp::Store;

/// Whose data the person stores hold: everything a person writes or is
/// shown (unsent writes, drafts, "Your messages", the help contact) is kept
/// under the API and the access token it came with. On a shared browser one
/// person's drafts and unsent writes never show for another, and nothing
/// queued under one token is ever sent with another. Only a hash of the
/// token is used, never the token itself.
pub fn person_scope(api: Option<&str>, token: Option<&str>) -> String {
    let Some(api) = api else {
        return "demo".into();
    };
    // FNV-1a, 64 bits: a name, not a secret (the token is 256 random bits).
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in api
        .bytes()
        .chain([b'\n'])
        .chain(token.unwrap_or("").bytes())
    {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Everything the portal keeps in the browser, by key. The `:vN` suffix
/// is the stored format's version: a new format takes a new key, so an old
/// value is never misread. Each person's items are kept under
/// `<key>@<person_scope>` (`Store::person`, `Store::person_tab`); the
/// language and the tab's token are the device's and the tab's.
pub mod keys {
    /// Writes not confirmed yet (`domain::outbox::Outbox::to_json`).
    pub const OUTBOX: &str = "client-portal:outbox:v3";
    /// "Your messages" (`domain::escalation::encode`).
    pub const MESSAGES: &str = "client-portal:messages:v2";
    /// Who to ask for help: name, email and phone, one per line.
    pub const HELP_CONTACT: &str = "client-portal:help-contact";
    /// The language the client chose (a BCP 47 tag).
    pub const LOCALE: &str = "client-portal:locale";
    /// The access token, moved out of the address (session only).
    pub const TOKEN: &str = "client-portal:token";
    /// The demo agency's state (`api::demo::DemoLog`).
    pub const DEMO_STATE: &str = "client-portal:demo:v3";
    /// The concern form being filled in (`domain::escalation::Form`).
    pub const DRAFT_CONCERN: &str = "client-portal:draft:concern";
    /// The request for something new being written (form fields, encoded
    /// as a query string).
    pub const DRAFT_REQUEST: &str = "client-portal:draft:request";
    /// The monthly reports the client has opened (`domain::reports::Seen`).
    pub const REPORTS_SEEN: &str = "client-portal:reports-seen";

    /// A comment being written on a deliverable.
    pub fn draft_comment(deliverable_id: &str) -> String {
        format!("client-portal:draft:comment:{deliverable_id}")
    }

    /// The version a comment being written is about (its id; none: the
    /// whole deliverable).
    pub fn draft_comment_version(deliverable_id: &str) -> String {
        format!("client-portal:draft:comment-version:{deliverable_id}")
    }

    /// A decision's comment being written on an approval.
    pub fn draft_decision(approval_id: &str) -> String {
        format!("client-portal:draft:decision:{approval_id}")
    }

    /// What the client remembers instead of an agreement of a meeting.
    pub fn draft_dispute(agreement_id: &str) -> String {
        format!("client-portal:draft:dispute:{agreement_id}")
    }
}

#[cfg(test)]
mod tests {
    use super::person_scope;

    #[test]
    fn each_person_has_a_scope_of_their_own() {
        let a = person_scope(Some("https://api.example"), Some("token-a"));
        let b = person_scope(Some("https://api.example"), Some("token-b"));
        let other_api = person_scope(Some("https://other.example"), Some("token-a"));
        assert_ne!(a, b);
        assert_ne!(a, other_api);
        assert_eq!(
            a,
            person_scope(Some("https://api.example"), Some("token-a"))
        );
        assert_eq!(a.len(), 16);
        assert!(!a.contains("token"));
        assert_eq!(person_scope(None, Some("token-a")), "demo");
    }
}

//! Browser storage that never fails loudly: when localStorage or
//! sessionStorage is unavailable (private modes, sandboxed frames) or full,
//! values live in memory for the rest of the visit instead, and are read
//! from there first.

#[cfg(target_arch = "wasm32")]
mod imp {
    use std::cell::RefCell;
    use std::collections::HashMap;

    thread_local! {
        static MEMORY: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    enum Kind {
        Local,
        Session,
    }

    /// One of the browser's two stores.
    #[derive(Clone, Copy, Debug)]
    pub struct Store(Kind);

    impl Store {
        pub fn local() -> Self {
            Store(Kind::Local)
        }
        pub fn session() -> Self {
            Store(Kind::Session)
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
            MEMORY
                .with(|m| m.borrow().get(&self.memory_key(key)).cloned())
                .or_else(|| self.web()?.get_item(key).ok().flatten())
        }

        /// Save `value`. When the store is full, the old value's room is
        /// tried before giving up on it; what still does not fit lives in
        /// memory for the rest of the visit.
        pub fn set(&self, key: &str, value: &str) {
            let saved = self.web().is_some_and(|s| {
                s.set_item(key, value).is_ok()
                    || (s.remove_item(key).is_ok() && s.set_item(key, value).is_ok())
            });
            MEMORY.with(|m| {
                let mut m = m.borrow_mut();
                match saved {
                    true => m.remove(&self.memory_key(key)),
                    false => m.insert(self.memory_key(key), value.to_string()),
                }
            });
        }

        pub fn remove(&self, key: &str) {
            if let Some(s) = self.web() {
                let _ = s.remove_item(key);
            }
            MEMORY.with(|m| m.borrow_mut().remove(&self.memory_key(key)));
        }
    }
}

#[cfg(target_arch = "wasm32")]
pub use imp::Store;

/// Everything the portal keeps in the browser, by key. The `:vN` suffix
/// is the stored format's version: a new format takes a new key, so an old
/// value is never misread.
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

    /// A comment being written on a deliverable.
    pub fn draft_comment(deliverable_id: &str) -> String {
        format!("client-portal:draft:comment:{deliverable_id}")
    }

    /// A decision's comment being written on an approval.
    pub fn draft_decision(approval_id: &str) -> String {
        format!("client-portal:draft:decision:{approval_id}")
    }
}

//! The client's writes: a persisted outbox, one flush action that sends
//! what is ready, and what the agency has confirmed this visit.
//!
//! Nothing the client decides or types is lost: a write is saved on this
//! device before anything is sent, sent after its undo window, retried with
//! the same idempotency key when the connection or the API fails (on a
//! timer, when the browser comes back online, on the next visit, or by
//! hand), and only then removed.

use leptos::prelude::*;
use std::time::Duration;

use crate::api::{use_backend, ApiError, Backend};
use crate::domain::ids::uuid_v4;
use crate::domain::outbox::{backoff_ms, Applied, Outbox, Pending, Write};
use crate::state::feed::{use_portal, PortalData};
use crate::state::{drafts, sent};
use crate::storage::{keys, Store};

/// Seconds a decision waits, visibly, before it is sent.
pub const UNDO_SECONDS: f64 = 10.0;

/// A write the agency refused for good (not a passing failure).
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub key: String,
    pub write: Write,
    pub error: ApiError,
}

#[derive(Clone, Copy)]
pub struct Writes {
    pub outbox: RwSignal<Outbox>,
    pub applied: RwSignal<Vec<Applied>>,
    pub problems: RwSignal<Vec<Problem>>,
    flush: Action<(), ()>,
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// A fresh idempotency key (UUID v4 from the browser's random source).
pub fn new_key() -> String {
    let mut b = [0u8; 16];
    let ok = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut b).is_ok());
    if !ok {
        for x in b.iter_mut() {
            *x = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    uuid_v4(b)
}

impl Writes {
    /// Anonymous concerns are kept for this tab only (sessionStorage);
    /// everything else on the device, to survive a closed browser.
    fn save(&self) {
        self.outbox.with_untracked(|o| {
            let (named, anon) = o.split();
            Store::person().set(keys::OUTBOX, &named.to_json());
            match anon.items.is_empty() {
                true => Store::person_tab().remove(keys::OUTBOX),
                false => Store::person_tab().set(keys::OUTBOX, &anon.to_json()),
            }
        });
    }

    /// Change the outbox as saved, not as this tab last read it: another
    /// tab may have queued, sent or taken back writes since.
    fn update(&self, f: impl FnOnce(&mut Outbox)) {
        let mut o = saved();
        f(&mut o);
        self.outbox.set(o);
        self.save();
    }

    /// The keys of the writes of one kind (`of`) not sent yet.
    pub fn waiting(&self, of: fn(&Write) -> bool) -> Vec<String> {
        self.outbox.with_untracked(|o| {
            o.items
                .iter()
                .filter(|i| of(&i.write))
                .map(|i| i.key.clone())
                .collect()
        })
    }

    /// What the agency has answered this visit to writes of one kind
    /// (those `of` picks out), newest first.
    pub fn received<T>(&self, of: impl Fn(&Applied) -> Option<T>) -> Vec<T> {
        self.applied
            .with_untracked(|a| a.iter().rev().filter_map(of).collect())
    }

    /// Save a write and send it after `delay_secs`. Returns its key.
    pub fn queue(&self, write: Write, delay_secs: f64) -> String {
        let key = new_key();
        let now = now_ms();
        self.update(|o| {
            o.push(Pending {
                key: key.clone(),
                write,
                made_at: now,
                not_before: now + delay_secs * 1000.0,
                attempts: 0,
            })
        });
        self.kick();
        key
    }

    /// Take a write back before it is sent.
    pub fn undo(&self, key: &str) -> Option<Pending> {
        let mut taken = None;
        self.update(|o| taken = o.remove(key));
        taken
    }

    /// Skip the wait (undo window or retry delay) for one write.
    pub fn send_now(&self, key: &str) {
        let now = now_ms();
        self.update(|o| {
            if let Some(p) = o.items.iter_mut().find(|p| p.key == key) {
                p.not_before = now;
            }
        });
        self.kick();
    }

    /// Retry every write that has failed before (not those still in their
    /// undo window).
    pub fn retry_failed(&self) {
        let now = now_ms();
        self.update(|o| {
            for p in o.items.iter_mut().filter(|p| p.attempts > 0) {
                p.not_before = p.not_before.min(now);
            }
        });
        self.kick();
    }

    pub fn dismiss(&self, key: &str) {
        self.problems.update(|v| v.retain(|p| p.key != key));
    }

    /// Start sending, unless a send is already under way (a double click
    /// never sends twice).
    pub fn kick(&self) {
        if !self.flush.pending().get_untracked() {
            self.flush.dispatch(());
        }
    }
}

/// The outbox as saved on this device (and, for anonymous concerns, in
/// this tab).
fn saved() -> Outbox {
    let load = |s: Store| Outbox::from_json(&s.get(keys::OUTBOX).unwrap_or_default(), now_ms());
    Outbox::join(load(Store::person()), load(Store::person_tab()))
}

/// Run `f` while holding the browser's lock on the outbox (the Web Locks
/// API), so that of all the tabs open on this portal one sends at a time,
/// and each sees what the one before it sent. Without the API, or when the
/// lock cannot be had (an opaque origin, say), `f` runs anyway: better
/// sent from two tabs with one key than never.
async fn with_lock(f: impl std::future::Future<Output = ()> + 'static) {
    use std::{cell::RefCell, rc::Rc};
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    let f = Rc::new(RefCell::new(Some(f)));
    let locks = js_sys::Reflect::get(&window().navigator(), &"locks".into()).ok();
    let request = locks.as_ref().and_then(|l| {
        js_sys::Reflect::get(l, &"request".into())
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()
    });
    if let (Some(locks), Some(request)) = (locks, request) {
        let inside = f.clone();
        let held = Closure::once(move |_: JsValue| {
            let f = inside.borrow_mut().take();
            wasm_bindgen_futures::future_to_promise(async move {
                if let Some(f) = f {
                    f.await;
                }
                Ok(JsValue::UNDEFINED)
            })
        });
        let name = Store::person().key(keys::OUTBOX);
        if let Ok(p) = request.call2(&locks, &name.into(), held.as_ref()) {
            let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(p)).await;
        }
    }
    let left = f.borrow_mut().take();
    if let Some(f) = left {
        f.await;
    }
}

/// Send every ready write, one at a time (each gives up after
/// `api::http::TIMEOUT_MS`), then sleep until the next one is due. Each is
/// read from storage just before it goes, so a write another tab has sent
/// or taken back is not sent again.
async fn flush(w: Writes, backend: Backend, portal: PortalData) {
    while let Some(item) = {
        w.outbox.set(saved());
        w.outbox.with_untracked(|o| o.next_ready(now_ms()).cloned())
    } {
        match backend.send(&item.write, &item.key).await {
            Ok(applied) => {
                w.update(|o| {
                    o.remove(&item.key);
                });
                let hours = portal.0.with_untracked(|f| match f {
                    Some(Ok(p)) => p.communication.response_hours,
                    _ => 0,
                });
                sent::keep(&applied, hours);
                w.applied.update(|a| a.push(applied));
            }
            Err(e) if e.is_transient() => {
                let now = now_ms();
                // Tried again later; the writes after it go now, so one
                // that hangs or fails never holds the others back.
                w.update(|o| {
                    if let Some(p) = o.items.iter_mut().find(|p| p.key == item.key) {
                        p.attempts += 1;
                        p.not_before = now + backoff_ms(p.attempts);
                    }
                });
            }
            Err(error) => {
                // Keep what was typed: a refused write's text goes back to
                // the box it was typed in (before the box reappears). One
                // the agency took, whose answer could not be read, is done:
                // the feed shows what became of it.
                let taken = error == ApiError::Unconfirmed;
                if !taken {
                    drafts::give_back(&item.write);
                }
                w.update(|o| {
                    o.remove(&item.key);
                });
                if taken || matches!(error, ApiError::Conflict { .. }) {
                    portal.refetch();
                }
                w.problems.update(|v| {
                    v.push(Problem {
                        key: item.key.clone(),
                        write: item.write.clone(),
                        error,
                    })
                });
            }
        }
    }
    let now = now_ms();
    if let Some(at) = w.outbox.with_untracked(|o| o.next_wake(now)) {
        set_timeout(
            move || w.kick(),
            Duration::from_millis((at - now).max(0.0) as u64 + 50),
        );
    }
}

pub fn provide_writes() {
    let outbox = RwSignal::new(saved());
    let applied = RwSignal::new(Vec::new());
    let problems = RwSignal::new(Vec::new());
    let backend = use_backend();
    let portal = use_portal();
    let cell: StoredValue<Option<Writes>> = StoredValue::new(None);
    let flush_action = Action::new_local(move |_: &()| {
        let w = cell.get_value();
        let backend = backend.clone();
        async move {
            if let Some(w) = w {
                with_lock(flush(w, backend, portal)).await;
            }
        }
    });
    let w = Writes {
        outbox,
        applied,
        problems,
        flush: flush_action,
    };
    cell.set_value(Some(w));
    provide_context(w);
    // Back online: try again at once.
    let h = window_event_listener(leptos::ev::online, move |_| w.retry_failed());
    on_cleanup(move || h.remove());
    // Another tab queued, sent or took back a write: show the outbox as it
    // is now, and send what became due. A write gone from it was sent (or
    // taken back) there, so the feed is read again to show what it did.
    let h = window_event_listener(leptos::ev::storage, move |e| {
        if e.key() == Some(Store::person().key(keys::OUTBOX)) {
            let now = saved();
            let gone = w.outbox.with_untracked(|o| {
                o.items
                    .iter()
                    .any(|p| !now.items.iter().any(|q| q.key == p.key))
            });
            w.outbox.set(now);
            if gone {
                portal.refetch();
            }
            w.kick();
        }
    });
    on_cleanup(move || h.remove());
    // Writes left from an earlier visit go out now.
    w.retry_failed();
}

pub fn use_writes() -> Writes {
    expect_context::<Writes>()
}

//! The portal inside an iframe: the embedding page learns the portal's
//! height (so the frame never scrolls on its own) and its current page (so
//! the site's address can deep-link to it), and may send it to a page.
//!
//! Messages go only to, and are taken only from, the origins listed in
//! `data-parent-origin` (see `config::parse_origins`). The parent's half is
//! the snippet in README ("Embedding: iframe"), which checks the portal's
//! origin and the frame it came from in turn.
//!
//! To the parent: `{type: "client-portal:resize", height, hash}`.
//! From the parent: `{type: "client-portal:navigate", hash: "#/…"}`.

use js_sys::{Object, Reflect};
use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::{HtmlElement, MessageEvent, ResizeObserver};

use crate::config::origin_allowed;

fn get(o: &JsValue, key: &str) -> Option<String> {
    Reflect::get(o, &key.into()).ok()?.as_string()
}

/// Start talking to the parent page, if the portal is framed by one.
/// `app` is the element the portal is mounted in.
pub fn start(allowed: Vec<String>, host: &HtmlElement, app: HtmlElement) {
    let win = window();
    let Some(parent) = win.parent().ok().flatten() else {
        return;
    };
    if parent == win {
        return; // not in a frame
    }
    // The frame follows the content: drop the full-window minimum height.
    let _ = host.set_attribute("data-framed", "");
    if allowed.is_empty() {
        web_sys::console::warn_1(
            &"Client portal: shown in a frame, but data-parent-origin does not name the site, so its height is not shared.".into(),
        );
        return;
    }
    let targets = allowed.clone();
    let watched = app.clone();
    let send = move || {
        let msg = Object::new();
        let height = app.get_bounding_client_rect().height().ceil();
        let hash = window().location().hash().unwrap_or_default();
        let _ = Reflect::set(&msg, &"type".into(), &"client-portal:resize".into());
        let _ = Reflect::set(&msg, &"height".into(), &height.into());
        let _ = Reflect::set(&msg, &"hash".into(), &hash.into());
        for origin in &targets {
            let _ = parent.post_message(&msg, origin);
        }
    };
    let resized = Closure::<dyn Fn()>::new(send.clone());
    if let Ok(observer) = ResizeObserver::new(resized.as_ref().unchecked_ref()) {
        // The mount element stays put when a language change redraws
        // everything inside it.
        observer.observe(&watched);
    }
    resized.forget();
    let page = send.clone();
    // The listeners live as long as the page (dropping a handle keeps them).
    let _ = window_event_listener(leptos::ev::hashchange, move |_| page());
    let _ = window_event_listener(leptos::ev::message, move |ev: MessageEvent| {
        if !origin_allowed(&allowed, &ev.origin()) {
            return;
        }
        let data = ev.data();
        if get(&data, "type").as_deref() != Some("client-portal:navigate") {
            return;
        }
        if let Some(hash) = get(&data, "hash").filter(|h| h.starts_with("#/")) {
            let _ = window().location().set_hash(&hash);
        }
    });
    send();
}

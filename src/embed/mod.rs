//! Where the portal lives in the page: inside a shadow root on the element
//! with `data-client-portal`.
//!
//! The shadow root is what keeps an agency's site and the portal out of
//! each other's way (README, "Embedding"): the site's selectors
//! (`button { all: unset }`, `div { padding: 20px }`) cannot reach in, and
//! the portal's cannot reach out. Only inherited properties and custom
//! properties cross the boundary; the portal sets every inherited property
//! it relies on at its root, and reads the `--cp-*` design tokens the site
//! may set on the host element. The stylesheet ships inside the wasm, so it
//! applies before the first paint with no extra request, and it is adopted
//! rather than put in a `<style>` element, so a strict Content-Security-Policy
//! with no `'unsafe-inline'` lets it apply.
//!
//! Elements are looked up through [`by_id`] and [`focus_id`], which search
//! the shadow root: `document.getElementById` cannot see into it.

pub mod frame;

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use web_sys::{CssStyleSheet, Element, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

/// The portal's stylesheet, minified by build.rs.
const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/portal.min.css"));

thread_local! {
    static ROOT: RefCell<Option<ShadowRoot>> = const { RefCell::new(None) };
    /// The agency's brand colours (`set_brand`), a sheet of their own.
    static BRAND: RefCell<Option<Sheet>> = const { RefCell::new(None) };
}

/// A stylesheet of the shadow root. Constructed (`adoptedStyleSheets`)
/// where the browser has them, since a strict Content-Security-Policy
/// (`style-src 'self'`, no `'unsafe-inline'`) refuses `<style>` elements
/// but not stylesheets built by script; a `<style>` element elsewhere.
enum Sheet {
    Adopted(CssStyleSheet),
    Element(Element),
}

impl Sheet {
    fn add(root: &ShadowRoot, css: &str) -> Sheet {
        let adopted = root.adopted_style_sheets();
        match CssStyleSheet::new() {
            Ok(sheet) if !adopted.is_undefined() => {
                let _ = sheet.replace_sync(css);
                // A copy: older browsers hand out a frozen list.
                let list = js_sys::Array::from(&adopted);
                list.push(&sheet);
                root.set_adopted_style_sheets(&list);
                Sheet::Adopted(sheet)
            }
            _ => {
                let style = leptos::prelude::document()
                    .create_element("style")
                    .expect("style element");
                style.set_text_content(Some(css));
                let _ = root.append_child(&style);
                Sheet::Element(style)
            }
        }
    }

    fn set(&self, css: &str) {
        match self {
            Sheet::Adopted(sheet) => {
                let _ = sheet.replace_sync(css);
            }
            Sheet::Element(style) => style.set_text_content(Some(css)),
        }
    }
}

/// The brand colours as design tokens (`domain::brand::Brand::css`), or
/// none. They rank below the embedding page's own `--cp-*` settings.
pub fn set_brand(css: &str) {
    ROOT.with(|r| {
        let root = r.borrow();
        let Some(root) = root.as_ref() else { return };
        BRAND.with(|b| {
            b.borrow_mut()
                .get_or_insert_with(|| Sheet::add(root, ""))
                .set(css)
        });
    });
}

/// The element the embedding page marked with `data-client-portal` (else a
/// new one at the end of `<body>`).
pub fn host() -> HtmlElement {
    let doc = leptos::prelude::document();
    doc.query_selector("[data-client-portal]")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        .unwrap_or_else(|| {
            let e: HtmlElement = doc
                .create_element("div")
                .expect("a document can create a div")
                .unchecked_into();
            let _ = e.set_attribute("data-client-portal", "");
            if let Some(body) = doc.body() {
                let _ = body.append_child(&e);
            }
            e
        })
}

/// Open (or reuse) the host's shadow root, give it the stylesheet, and
/// return the element to mount the app into. The host's own children (the
/// static "Loading…" skeleton) are removed.
pub fn attach(host: &HtmlElement) -> HtmlElement {
    let doc = leptos::prelude::document();
    let root = host.shadow_root().unwrap_or_else(|| {
        host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
            .expect("the mount point can hold a shadow root (use a <div>)")
    });
    // Emptied without `innerHTML`, which Trusted Types refuse.
    root.set_text_content(None);
    host.set_text_content(None);
    Sheet::add(&root, CSS);
    let mount: HtmlElement = doc
        .create_element("div")
        .expect("div element")
        .unchecked_into();
    let _ = mount.set_attribute("class", "cp-root");
    let _ = root.append_child(&mount);
    ROOT.with(|r| *r.borrow_mut() = Some(root));
    mount
}

/// An element of the portal by its id.
pub fn by_id(id: &str) -> Option<HtmlElement> {
    ROOT.with(|r| {
        r.borrow()
            .as_ref()?
            .get_element_by_id(id)?
            .dyn_into::<HtmlElement>()
            .ok()
    })
}

/// The portal's element that has the focus, if one has.
pub fn focused() -> Option<web_sys::Element> {
    ROOT.with(|r| r.borrow().as_ref()?.active_element())
}

/// The first element of the portal matching a CSS selector.
pub fn query(selector: &str) -> Option<HtmlElement> {
    ROOT.with(|r| {
        r.borrow()
            .as_ref()?
            .query_selector(selector)
            .ok()??
            .dyn_into::<HtmlElement>()
            .ok()
    })
}

/// Move focus to an element once the current render has reached the page.
pub fn focus_id(id: &'static str) {
    leptos::prelude::request_animation_frame(move || {
        if let Some(e) = by_id(id) {
            let _ = e.focus();
        }
    });
}

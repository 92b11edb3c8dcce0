//! Markup that never changes once drawn, built straight into the DOM.
//!
//! Every page is drawn whole and never updated in place (`views::pages`).
//! For the parts of a page that hold no state, `view!`'s typed elements
//! (each with a state type, and code to rebuild and unmount it) buy
//! nothing and cost bytes: every distinct tree is code of its own. These
//! few functions build any markup with the same code. As in
//! `views::jargon`, text only ever becomes text nodes and values only ever
//! attributes: nothing is parsed as markup, so there is nothing to escape.
//!
//! A page puts what is built here into an element of its `view!` with
//! `use:fill`, so words, links and lists can be plain DOM while controls
//! that keep state stay Leptos components. The shell around every page
//! (`views::shell`, `views::writes`) is built here too, in the app's first
//! download: the few things in it that change (the agency's name, the
//! current section, the count of approvals owed, the outbox banner) are
//! set in place by a render effect each ([`live`]).

use leptos::prelude::{document, RenderEffect, StoredValue};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event};

/// SVG's namespace, for [`svg`].
const SVG: &str = "http://www.w3.org/2000/svg";

/// An element being built.
#[derive(Clone)]
pub struct Node(pub Element);

/// `<tag class="class">` (no class attribute when `class` is empty).
pub fn el(tag: &str, class: &str) -> Node {
    let e = document()
        .create_element(tag)
        .expect("a document can create elements");
    if !class.is_empty() {
        e.set_class_name(class);
    }
    Node(e)
}

/// `<tag class="class">` in SVG's namespace (`svg`, `rect`, `line`…).
pub fn svg(tag: &str, class: &str) -> Node {
    let e = document()
        .create_element_ns(Some(SVG), tag)
        .expect("a document can create SVG elements");
    if !class.is_empty() {
        let _ = e.set_attribute("class", class);
    }
    Node(e)
}

impl Node {
    pub fn attr(self, name: &str, value: &str) -> Node {
        let _ = self.0.set_attribute(name, value);
        self
    }

    /// Text, after what the element already holds.
    pub fn text(self, text: &str) -> Node {
        let _ = self.0.append_with_str_1(text);
        self
    }

    pub fn push(self, child: Node) -> Node {
        let _ = self.0.append_child(&child.0);
        self
    }

    pub fn push_opt(self, child: Option<Node>) -> Node {
        match child {
            Some(c) => self.push(c),
            None => self,
        }
    }

    /// Call `f` on `event`, for as long as the page that built this node
    /// is shown (the listener is dropped with the page's owner).
    pub fn on(self, event: &str, f: Box<dyn FnMut(Event)>) -> Node {
        let c = Closure::wrap(f);
        let _ = self
            .0
            .add_event_listener_with_callback(event, c.as_ref().unchecked_ref());
        StoredValue::new_local(c);
        self
    }

    pub fn push_all(self, children: Vec<Node>) -> Node {
        children.into_iter().fold(self, Node::push)
    }
}

/// `<tag class="class">text</tag>`.
pub fn text(tag: &str, class: &str, text: &str) -> Node {
    el(tag, class).text(text)
}

/// A link.
pub fn link(href: &str, class: &str, words: &str) -> Node {
    el("a", class).attr("href", href).text(words)
}

/// The form an event happened in.
pub fn form_of(target: Option<web_sys::EventTarget>) -> Option<web_sys::HtmlFormElement> {
    let el = target?.dyn_into::<Element>().ok()?;
    el.closest("form").ok()??.dyn_into().ok()
}

/// A form's fields by name, as they are now (`""` for one not there).
pub fn fields(form: &web_sys::HtmlFormElement) -> impl Fn(&str) -> String {
    let data = web_sys::FormData::new_with_form(form).ok();
    move |k| {
        data.as_ref()
            .and_then(|d| d.get(k).as_string())
            .unwrap_or_default()
    }
}

/// Run `f` now, as the view is built, and again whenever what it reads
/// changes, for as long as the owner it was made under lives. The shell's
/// few changing parts are set in place this way: a render effect, as
/// `view!`'s own are, so they are drawn with the rest rather than a task
/// later (an `Effect` each cost Lighthouse's Total Blocking Time about
/// 100 ms on the agency page).
pub fn live<T: 'static>(f: impl FnMut(Option<T>) -> T + 'static) {
    StoredValue::new_local(RenderEffect::new(f));
}

/// Make `nodes` the content of `parent` (an element of a `view!`, as
/// `use:fill=nodes`): drawn again, it holds the new nodes instead.
pub fn fill(parent: Element, nodes: Vec<Node>) {
    parent.set_text_content(None);
    for n in nodes {
        let _ = parent.append_child(&n.0);
    }
}

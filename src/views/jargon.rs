//! Jargon, explained: agency-written text with its glossary terms marked.
//! Each term is a button that opens its plain-language meaning in a
//! popover, so it is reachable by keyboard and screen reader, not only by
//! hovering. Where the terms are is found by `domain::jargon::mark`.

use std::cell::Cell;
use std::sync::Arc;

use leptos::prelude::*;
use web_sys::Element;

use crate::contract::{GlossaryEntry, Portal};
use crate::domain::jargon::{glued, mark, merge, Run};
use crate::i18n::{use_i18n, Strings};
use crate::state::shown::use_shown;
use crate::views::dom::Node;

thread_local! {
    /// Popover ids stay unique across everything on screen.
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// `node` with agency text added after what it holds, with the agency's
/// glossary and the built-in one applied. Built node by node (agency text
/// only ever as text nodes), never from markup: there is nothing to
/// escape, and Trusted Types have nothing to refuse. Plain DOM calls rather
/// than a `view!` per term, which would cost five times the bytes in the
/// wasm.
pub fn explained_in(node: Node, text: &str) -> Node {
    let t = use_i18n().t();
    let shown = use_shown().get_untracked();
    explain(&node.0, text, shown, t);
    node
}

fn explain(el: &Element, text: &str, shown: Option<Arc<Portal>>, t: &'static Strings) {
    let own: &[GlossaryEntry] = shown.as_deref().map_or(&[], |p| &p.glossary);
    let glossary = merge(own, &t.glossary());
    let terms: Vec<&str> = glossary.iter().map(|(term, _)| *term).collect();
    for run in glued(&mark(text, &terms)) {
        match run {
            Run::Text(s) => add_text(el, s),
            Run::Term {
                before,
                term: s,
                after,
                entry,
            } => {
                let n = NEXT_ID.get();
                NEXT_ID.set(n + 1);
                let id = format!("cp-term-{n}");
                let (term, meaning) = glossary[entry];
                // The term and the punctuation against it, on one line.
                let wrap = add(el, "span", &[("class", "cp-term-wrap")], "");
                add_text(&wrap, before);
                let open = add(&wrap, "button", &[("class", "cp-term")], &id);
                add_text(&open, s);
                add_text(&wrap, after);
                let note = add(
                    el,
                    "span",
                    &[("popover", ""), ("class", "cp-term-note"), ("id", &id)],
                    "",
                );
                add_text(&add(&note, "strong", &[], ""), term);
                add_text(&note, &format!(" {meaning} "));
                let close = add(
                    &note,
                    "button",
                    &[("class", "cp-term-close"), ("popovertargetaction", "hide")],
                    &id,
                );
                add_text(&close, t.close);
            }
        }
    }
}

/// A new child element of `parent`; a button gets `type="button"` and
/// opens (or closes) the popover `target`.
fn add(parent: &Element, tag: &str, attrs: &[(&str, &str)], target: &str) -> Element {
    let e = document()
        .create_element(tag)
        .expect("a document can create elements");
    if tag == "button" {
        let _ = e.set_attribute("type", "button");
        let _ = e.set_attribute("popovertarget", target);
    }
    for (k, v) in attrs {
        let _ = e.set_attribute(k, v);
    }
    let _ = parent.append_child(&e);
    e
}

fn add_text(parent: &Element, text: &str) {
    if !text.is_empty() {
        let _ = parent.append_child(&document().create_text_node(text));
    }
}

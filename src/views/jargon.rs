//! Jargon, explained: agency-written text with its glossary terms marked.
//! Each term is a button that opens its plain-language meaning in a
//! popover, so it is reachable by keyboard and screen reader, not only by
//! hovering. The markup is built by `domain::jargon::to_html`, which escapes
//! every piece of agency text.

use std::cell::Cell;

use leptos::prelude::*;

use crate::contract::GlossaryEntry;
use crate::domain::jargon::{merge, to_html};
use crate::i18n::use_i18n;
use crate::state::shown::use_shown;

thread_local! {
    /// Popover ids stay unique across everything on screen.
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// Agency text, with the agency's glossary and the built-in one applied.
pub fn explained(text: String) -> impl IntoView {
    let t = use_i18n().t();
    let shown = use_shown().get_untracked();
    let own: &[GlossaryEntry] = shown.as_deref().map_or(&[], |p| &p.glossary);
    let (html, next) = to_html(
        &text,
        &merge(own, &t.glossary()),
        "cp-term",
        NEXT_ID.get(),
        t.close,
    );
    NEXT_ID.set(next);
    view! { <span inner_html=html></span> }
}

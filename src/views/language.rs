//! The language switcher: every language listed in its own name, the
//! choice remembered on this device (see `i18n::I18n::choose`).

use leptos::prelude::*;

use crate::i18n::{use_i18n, Locale, Strings};
use crate::views::dom::{self, el, Node};

pub const SWITCHER_ID: &str = "cp-language";

/// The picker, as plain DOM (`views::dom`): the shell is drawn again in
/// the chosen language, this with it.
pub fn language_picker(t: &'static Strings) -> Node {
    let i18n = use_i18n();
    let current = i18n.locale();
    let change = move |ev: web_sys::Event| {
        let value = event_target_value(&ev);
        if let Some(l) = Locale::from_tag(&value) {
            leptos::task::spawn_local(async move {
                i18n.choose(l).await;
                // The whole shell is drawn again in the new language; keep
                // the keyboard where it was.
                crate::embed::focus_id(SWITCHER_ID);
            });
        }
    };
    let options = Locale::ALL
        .iter()
        .map(|&l| {
            let o = dom::text("option", "", l.name())
                .attr("value", l.tag())
                .attr("lang", l.tag());
            match l == current {
                true => o.attr("selected", ""),
                false => o,
            }
        })
        .collect();
    el("div", "cp-language")
        .push(dom::text("label", "", t.language_label).attr("for", SWITCHER_ID))
        .push(
            el("select", "")
                .attr("id", SWITCHER_ID)
                .push_all(options)
                .on("change", Box::new(change)),
        )
        .push_opt(i18n.failed().map(|l| {
            dom::text("p", "cp-language-failed", &t.language_failed(l.name())).attr("role", "alert")
        }))
}

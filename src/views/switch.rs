//! A link that would sign this tab in differently (`config::choose_token`):
//! the client chooses, before anything of either sign-in is shown.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::use_i18n;
use crate::views::dom::{self, el, fill};

/// The choice, with "stay signed in as before" first: `asking` turns off
/// when the client stays. One handler reads which button was pressed from
/// its `value`.
pub fn switch_sign_in(offered: String, asking: RwSignal<bool>) -> impl IntoView {
    let t = use_i18n().t();
    let choose = move |e: web_sys::Event| {
        let pressed = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|b| b.get_attribute("value"));
        match pressed.as_deref() {
            Some("use") => crate::config::use_offered(&offered),
            Some("keep") => asking.set(false),
            _ => {}
        }
    };
    let button = |class: &str, value: &str, words: &str| {
        dom::text("button", class, words)
            .attr("type", "button")
            .attr("value", value)
    };
    let card = el("section", "cp-card cp-error")
        .attr("aria-labelledby", "cp-switch-title")
        .push(dom::text("h1", "", t.switch_title).attr("id", "cp-switch-title"))
        .push(dom::text("p", "", t.switch_body))
        .push(
            el("div", "cp-actions")
                .push(button("cp-button", "keep", t.switch_keep))
                .push(button("cp-button cp-button-secondary", "use", t.switch_use))
                .on("click", Box::new(choose)),
        );
    view! {
        <div class="cp-app" lang=t.tag>
            <main id="cp-main" class="cp-main" use:fill=vec![card]></main>
        </div>
    }
}

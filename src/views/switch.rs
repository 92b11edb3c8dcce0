//! A link that would sign this tab in differently (`config::choose_token`):
//! the client chooses, before anything of either sign-in is shown.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::use_i18n;

/// The choice, with "stay signed in as before" first: `asking` turns off
/// when the client stays. One handler reads which button was pressed from
/// its `value`.
pub fn switch_sign_in(offered: String, asking: RwSignal<bool>) -> impl IntoView {
    let t = use_i18n().t();
    let choose = move |e: leptos::ev::MouseEvent| {
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
    view! {
        <div class="cp-app" lang=t.tag>
            <main id="cp-main" class="cp-main">
                <section class="cp-card cp-error" aria-labelledby="cp-switch-title">
                    <h1 id="cp-switch-title">{t.switch_title}</h1>
                    <p>{t.switch_body}</p>
                    <div class="cp-actions" on:click=choose>
                        <button type="button" class="cp-button" value="keep">
                            {t.switch_keep}
                        </button>
                        <button type="button" class="cp-button cp-button-secondary" value="use">
                            {t.switch_use}
                        </button>
                    </div>
                </section>
            </main>
        </div>
    }
}

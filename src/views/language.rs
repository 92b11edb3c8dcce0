//! The language switcher: every language listed in its own name, the
//! choice remembered on this device (see `i18n::I18n::choose`).

use leptos::prelude::*;

use crate::i18n::{use_i18n, Locale};

pub const SWITCHER_ID: &str = "cp-language";

#[component]
pub fn LanguagePicker() -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let current = i18n.locale();
    let change = move |ev: leptos::ev::Event| {
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
    view! {
        <div class="cp-language">
            <label for=SWITCHER_ID>{t.language_label}</label>
            <select id=SWITCHER_ID on:change=change>
                {Locale::ALL
                    .map(|l| {
                        view! {
                            <option value=l.tag() lang=l.tag() selected=l == current>
                                {l.name()}
                            </option>
                        }
                    })
                    .to_vec()}
            </select>
            {i18n
                .failed()
                .map(|l| view! { <p class="cp-language-failed" role="alert">{t.language_failed(l.name())}</p> })}
        </div>
    }
}

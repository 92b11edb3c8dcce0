//! What the outbox shows on every page: writes waiting for the connection,
//! and the ones the agency refused (`state::writes` keeps them).

use leptos::prelude::*;

use crate::state::writes::use_writes;
use crate::views::dom::fill;
use crate::views::widgets::{live_flag, live_text};

/// Shown on every page while writes wait for the connection, and when the
/// agency refused one.
#[component]
pub fn WritesStatus() -> impl IntoView {
    let t = crate::i18n::use_i18n().t();
    let w = use_writes();
    let waiting = move || {
        w.outbox
            .with(|o| o.items.iter().filter(|p| p.attempts > 0).count())
    };
    view! {
        <div class="cp-writes" role="status" aria-live="polite">
            <div class="cp-banner cp-banner-waiting" hidden=live_flag(move || waiting() == 0)>
                <p>{live_text(move || t.outbox_banner(waiting()))}</p>
                <button type="button" class="cp-button cp-button-small" on:click=move |_| w.retry_failed()>
                    {t.retry_now}
                </button>
            </div>
        </div>
        {move || w.problems.get().into_iter().map(|p| {
            let key = p.key.clone();
            view! {
                <div class="cp-problem">
                    <div use:fill=vec![crate::views::error::error_card(p.error.clone())]></div>
                    <button type="button" class="cp-button cp-button-small" on:click=move |_| w.dismiss(&key)>
                        {t.dismiss}
                    </button>
                </div>
            }
        }).collect_view()}
    }
}

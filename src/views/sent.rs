//! "Your messages": the concerns the client sent under their own name,
//! kept on this device with their references. Anonymous concerns are never
//! kept (see `domain::escalation::Sent::from_applied`).

use leptos::prelude::*;

use crate::domain::time::from_millis;
use crate::i18n::Strings;
use crate::intl;
use crate::state::sent::load;

fn when(ms: i64) -> String {
    intl::moment(from_millis(ms as f64).fixed_offset())
}

pub fn sent_list(t: &'static Strings) -> impl IntoView {
    let list = load();
    view! {
        <section class="cp-card" aria-labelledby="cp-sent-title">
            <h2 id="cp-sent-title">{t.concern_yours}</h2>
            {list.is_empty().then(|| view! { <p class="cp-muted">{t.concern_yours_none}</p> })}
            <ol class="cp-list cp-sent">
                {list.into_iter().map(|s| view! {
                    <li>
                        <p><strong>{s.topic}</strong> " · " <span class="cp-ref">{s.reference}</span></p>
                        <p class="cp-muted">{t.concern_line(&s.to, &when(s.received_ms))}</p>
                        <p class="cp-muted">{t.concern_answer_by} ": " {when(s.respond_by_ms)}</p>
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}

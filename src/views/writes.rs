//! What the outbox shows on every page: writes waiting for the connection,
//! and the ones the agency refused (`state::writes` keeps them).

use leptos::prelude::*;

use crate::i18n::Strings;
use crate::state::writes::use_writes;
use crate::views::dom::{self, el, fill, Node};
use crate::views::error::error_card;

/// Shown on every page while writes wait for the connection, and when the
/// agency refused one. Plain DOM (`views::dom`), updated in place as the
/// outbox changes.
pub fn writes_status(t: &'static Strings) -> Vec<Node> {
    let w = use_writes();
    let words = el("p", "");
    let banner = el("div", "cp-banner cp-banner-waiting")
        .attr("hidden", "")
        .push(words.clone())
        .push(
            dom::text("button", "cp-button cp-button-small", t.retry_now)
                .attr("type", "button")
                .on("click", Box::new(move |_| w.retry_failed())),
        );
    let status = el("div", "cp-writes")
        .attr("role", "status")
        .attr("aria-live", "polite")
        .push(banner.clone());
    dom::live(move |_| {
        let waiting = w
            .outbox
            .with(|o| o.items.iter().filter(|p| p.attempts > 0).count());
        let _ = banner.0.toggle_attribute_with_force("hidden", waiting == 0);
        words.0.set_text_content(Some(&t.outbox_banner(waiting)));
    });
    let problems = el("div", "");
    let list = problems.0.clone();
    dom::live(move |_| {
        let cards = w
            .problems
            .get()
            .into_iter()
            .map(|p| {
                let key = p.key.clone();
                el("div", "cp-problem").push(error_card(p.error)).push(
                    dom::text("button", "cp-button cp-button-small", t.dismiss)
                        .attr("type", "button")
                        .on("click", Box::new(move |_| w.dismiss(&key))),
                )
            })
            .collect();
        fill(list.clone(), cards);
    });
    vec![status, problems]
}

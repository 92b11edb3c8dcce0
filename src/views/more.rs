//! Long lists drawn a page at a time. "Show 50 more" under a list adds the
//! next items and takes keyboard and screen reader users to the first of
//! them, so thousands of items stay light and nothing is out of reach.

use leptos::prelude::*;

pub use crate::domain::finder::PAGE;
use crate::i18n::use_i18n;
use crate::views::dom::{fill, Node};

/// The button under the list `list_id`, of which `visible` items are drawn
/// and `left` are not yet (nothing when none are left). `shown` is how many
/// the list draws.
pub fn more_button(
    list_id: &'static str,
    visible: usize,
    left: usize,
    shown: RwSignal<usize>,
) -> impl IntoView {
    let t = use_i18n().t();
    let more = move |_| {
        shown.update(|n| *n += PAGE);
        request_animation_frame(move || {
            let at = format!("#{list_id} > li:nth-child({}) a", visible + 1);
            if let Some(link) = crate::embed::query(&at) {
                let _ = link.focus();
            }
        });
    };
    (left > 0).then(|| {
        view! {
            <button type="button" class="cp-button cp-button-quiet" on:click=more>
                {t.show_more(left.min(PAGE))}
            </button>
        }
    })
}

/// A list [`PAGE`] items at a time, with how many are shown when they are
/// more than one page. A page more is drawn with those before it (the
/// list is not searched or reordered, so nothing else about it changes).
pub fn paged_list<T>(
    id: &'static str,
    items: Vec<T>,
    draw: impl Fn(&T) -> Node + Send + Sync + 'static,
) -> impl IntoView
where
    T: Send + Sync + 'static,
{
    let t = use_i18n().t();
    let total = items.len();
    let shown = RwSignal::new(PAGE);
    move || {
        let visible = total.min(shown.get());
        let cards: Vec<Node> = items[..visible].iter().map(&draw).collect();
        view! {
            {(total > PAGE).then(|| view! {
                <p class="cp-finder-count" role="status">{t.shown_count(visible, total)}</p>
            })}
            <ul class="cp-cards" id=id use:fill=cards></ul>
            {more_button(id, visible, total - visible, shown)}
        }
    }
}

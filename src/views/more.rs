//! Long lists drawn a page at a time. "Show 50 more" under a list adds the
//! next items and takes keyboard and screen reader users to the first of
//! them, so thousands of items stay light and nothing is out of reach.

use leptos::prelude::*;

pub use crate::domain::finder::PAGE;
use crate::i18n::use_i18n;
use wasm_bindgen::JsCast;

use crate::views::dom::{self, el, Node};

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

/// A list [`PAGE`] items at a time, built straight into the DOM, with how
/// many are shown when they are more than one page. "Show more" adds the
/// next items to the list as it is (it is not searched or reordered, so
/// nothing else about it changes) and takes the focus to the first of them.
/// `draw` runs in that click too, outside the page's owner: it must not
/// look up a context.
pub fn paged_list<T: 'static>(
    id: &'static str,
    items: Vec<T>,
    draw: impl Fn(&T) -> Node + 'static,
) -> Vec<Node> {
    let t = use_i18n().t();
    let total = items.len();
    let visible = total.min(PAGE);
    let list = el("ul", "cp-cards")
        .attr("id", id)
        .push_all(items[..visible].iter().map(&draw).collect());
    if total == visible {
        return vec![list];
    }
    let count =
        dom::text("p", "cp-finder-count", &t.shown_count(visible, total)).attr("role", "status");
    let button =
        dom::text("button", "cp-button cp-button-quiet", &t.show_more(PAGE)).attr("type", "button");
    let (ul, status, this) = (list.0.clone(), count.0.clone(), button.0.clone());
    let shown = std::cell::Cell::new(visible);
    let more = move |_| {
        let from = shown.get();
        let to = total.min(from + PAGE);
        shown.set(to);
        for item in &items[from..to] {
            let _ = ul.append_child(&draw(item).0);
        }
        status.set_text_content(Some(&t.shown_count(to, total)));
        match total - to {
            0 => this.remove(),
            left => this.set_text_content(Some(&t.show_more(left.min(PAGE)))),
        }
        let first = format!("li:nth-child({}) a", from + 1);
        if let Some(link) = ul.query_selector(&first).ok().flatten() {
            let _ = link.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    };
    vec![count, list, button.on("click", Box::new(more))]
}

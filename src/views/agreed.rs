//! What we agreed: what the engagement covers, what it does not, its dates,
//! and how anything extra is handled, in the agency's own words. Each
//! deliverable's scope badge opens the part that explains it.

use std::sync::Arc;

use crate::contract::agreed::ScopeItem;
use crate::contract::{Due, Portal, Scope};
use crate::i18n::use_i18n;
use crate::intl;
use crate::route::Route;
use crate::views::dom::{self, el, Node};
use crate::views::widgets::{more_link, page};

pub fn agreed_page(p: Arc<Portal>, part: Option<Scope>) -> Vec<Node> {
    let t = use_i18n().t();
    let s = p.scope.as_ref();
    // The part the address names (from a scope badge) takes the focus.
    let section = |id: &str, of: Scope, title: &str| {
        let card = el("section", "cp-card")
            .attr("aria-labelledby", id)
            .attr("tabindex", "-1")
            .push(dom::text("h2", "", title).attr("id", id));
        match part == Some(of) {
            true => card.attr("data-cp-focus", ""),
            false => card,
        }
    };
    let items = |items: &[ScopeItem]| {
        el("ul", "cp-list").push_all(
            items
                .iter()
                .map(|i| {
                    el("li", "")
                        .push(dom::text("strong", "", &i.title))
                        .push_opt(i.detail.as_ref().map(|d| dom::text("p", "cp-muted", d)))
                })
                .collect(),
        )
    };
    let fact = |dt: &str, day: Option<Due>| {
        day.map(|d| {
            el("div", "")
                .push(dom::text("dt", "", dt))
                .push(dom::text("dd", "", &intl::due(d)))
        })
    };
    let body = s.map(|s| {
        [
            el("dl", "cp-facts")
                .push_opt(fact(t.agreed_starts, s.starts))
                .push_opt(fact(t.agreed_ends, s.ends)),
            el("div", "cp-overview")
                .push(
                    section("cp-a-in", Scope::Included, t.agreed_included).push(items(&s.included)),
                )
                .push(
                    section("cp-a-out", Scope::OutOfScope, t.agreed_excluded)
                        .push(items(&s.excluded)),
                )
                .push(
                    section("cp-a-extra", Scope::ChangeOrder, t.agreed_extra).push(dom::text(
                        "p",
                        "",
                        s.change_orders.as_deref().unwrap_or(t.agreed_extra_default),
                    )),
                ),
        ]
    });
    let nodes = body
        .into_iter()
        .flatten()
        .chain(
            (!p.meetings.is_empty())
                .then(|| more_link(&Route::Meetings(None).href(), t.meetings_see)),
        )
        .chain([
            more_link(&Route::Requests.href(), t.requests_see),
            more_link(&Route::Contact.href(), t.contact_and_escalate),
        ])
        .collect::<Vec<_>>();
    let intro = s.map_or(t.agreed_none, |s| &s.summary);
    page(t.agreed_title, Some(intro), "", nodes)
}

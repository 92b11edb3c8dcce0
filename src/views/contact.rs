//! Contact: the primary and backup contacts, how and when to reach them,
//! and the escalation chain.

use std::sync::Arc;

use crate::contract::{ContactKind, Portal};
use crate::domain::links::channel_href;
use crate::i18n::{use_i18n, Strings};
use crate::intl;
use crate::route::Route;
use crate::views::dom::{self, el, Node};
use crate::views::overview::person;
use crate::views::widgets::{more_link, page};

pub fn contact_page(p: Arc<Portal>) -> Vec<Node> {
    let t = use_i18n().t();
    page(
        t.nav_contact,
        Some(t.contact_intro),
        "cp-overview",
        cards(&p, t),
    )
}

/// A card titled `title` (its heading's id `id`).
fn card(id: &str, title: &str) -> Node {
    el("section", "cp-card")
        .attr("aria-labelledby", id)
        .push(dom::text("h2", "", title).attr("id", id))
}

/// A term and what it says, in a `cp-facts` list.
fn fact(term: &str, detail: Node) -> Node {
    el("div", "").push(dom::text("dt", "", term)).push(detail)
}

fn cards(p: &Portal, t: &'static Strings) -> Vec<Node> {
    let c = &p.communication;
    let mut cards = Vec::new();
    for (kind, id, title) in [
        (ContactKind::Primary, "cp-c-primary", t.primary_contact),
        (ContactKind::Backup, "cp-c-backup", t.backup_contact),
    ] {
        if let Some(who) = p.contact_of_kind(kind) {
            cards.push(card(id, title).push(person(who, t)));
        }
    }
    let channels = c.channels.iter().map(|ch| match channel_href(ch) {
        Some(h) => el("li", "")
            .push(dom::link(&h, "", &ch.label))
            .text(" ")
            .push(dom::text("span", "cp-muted", &ch.value)),
        None => dom::text("li", "", &format!("{}: {}", ch.label, ch.value)),
    });
    let mut facts = el("dl", "cp-facts");
    if let Some(h) = &c.office_hours {
        facts = facts.push(fact(t.office_hours, dom::text("dd", "", h)));
    }
    if let Some(z) = &c.time_zone {
        // Their clock against the client's, right now.
        let now = intl::now();
        let clocks = intl::time_in_zone(now, z)
            .zip(intl::own_time_zone().and_then(|o| intl::time_in_zone(now, &o)))
            .map(|(them, you)| format!(" {}", t.now_there(&them, &you)))
            .unwrap_or_default();
        let zone = format!("{}{clocks}", t.their_time_zone(z));
        facts = facts.push(fact("", dom::text("dd", "cp-muted", &zone)));
    }
    if let Some(x) = &c.cadence {
        facts = facts.push(fact(t.cadence, dom::text("dd", "", x)));
    }
    if let Some(x) = c.next_check_in {
        let when = dom::text("time", "", &intl::moment(x))
            .attr("datetime", &crate::contract::moment_to_wire(x));
        facts = facts.push(fact(t.next_check_in, el("dd", "").push(when)));
    }
    cards.push(
        card("cp-c-ways", t.ways_to_reach)
            .push(dom::text(
                "p",
                "cp-promise",
                &t.answers_within(c.response_hours),
            ))
            .push(el("ul", "cp-list").push_all(channels.collect()))
            .push(facts),
    );
    let chain = p.escalation_chain();
    if !chain.is_empty() {
        let people =
            chain.into_iter().map(|c| {
                el("li", "")
                    .push(dom::text("span", "cp-person-name", &c.name))
                    .push(dom::text("span", "cp-muted", &c.role))
                    .push_opt(c.level.map(|l| {
                        dom::text("span", "cp-badge cp-tone-neutral", &t.escalation_level(l))
                    }))
            });
        cards.push(
            card("cp-c-chain", t.escalation_title)
                .push(dom::text("p", "", t.escalation_intro))
                .push(el("ol", "cp-chain").push_all(people.collect())),
        );
    }
    // Something new to ask for: whether it is inside the agreed work is
    // said on the way.
    cards.push(
        card("cp-c-request", t.requests_title)
            .push(dom::text("p", "", t.requests_intro))
            .push(more_link(&Route::Requests.href(), t.requests_see)),
    );
    cards.push(
        card("cp-c-concern", t.concern_title)
            .push(dom::text("p", "", t.concern_intro))
            .push(el("p", "").push(dom::link(
                &Route::Concern(None).href(),
                "cp-button",
                t.concern_open,
            ))),
    );
    cards
}

//! Deadlines: who owes what by when. Overdue ones first and unmistakable,
//! then this week, next week and later; done ones folded away at the end.
//! A filter shows only the client's or only the agency's, and any deadline
//! (or all open ones) can be added to the client's own calendar.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

use crate::contract::{Deadline, Portal};
use crate::domain::calendar::{calendar, deadline_uid, CalEvent};
use crate::domain::deadlines::{group, OwnerFilter};
use crate::domain::overview::open_deadlines;
use crate::i18n::{use_i18n, Strings};
use crate::intl::{self, BrowserZone};
use crate::route::Route;
use crate::views::dom::{self, el, Node};
use crate::views::download::data_url;
use crate::views::widgets::{badge, due_line, owner_badge, page};

/// Where a deadline leads: its approval, else its deliverable.
fn route_of(d: &Deadline) -> Option<Route> {
    d.approval_id
        .clone()
        .map(Route::Approval)
        .or_else(|| d.deliverable_id.clone().map(Route::Deliverable))
}

/// A link that downloads deadlines as an `.ics` file (a `data:` address
/// holding it). `t` is passed in: this also runs in a listener, outside
/// any owner.
fn ics_href(items: &[Deadline], agency: &str, t: &'static Strings) -> String {
    let href = window().location().href().unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default();
    let events: Vec<CalEvent> = items
        .iter()
        .map(|d| CalEvent {
            uid: deadline_uid(&d.id, agency),
            summary: d.title.clone(),
            description: Some(t.owed_by(&t.owner(d.owner, agency))),
            due: d.due,
            url: route_of(d).map(|r| format!("{base}{}", r.href())),
        })
        .collect();
    let ics = calendar(&events, &t.calendar_name(agency), intl::now());
    data_url("text/calendar", &ics)
}

pub fn deadlines_page(p: Arc<Portal>) -> Vec<Node> {
    let t = use_i18n().t();
    page(
        t.nav_deadlines,
        Some(t.deadlines_intro),
        "cp-dl",
        groups(&p, t),
    )
}

/// On a calendar link of one deadline: its id, until its file is written.
const CAL: &str = "data-cal";
/// On the link for all open deadlines, until its file is written.
const CAL_ALL: &str = "data-cal-all";

/// A calendar file is written when its link is about to be used — pointed
/// at, touched, focused or clicked (a link's address is read after its
/// click listeners ran) — not for each of a thousand deadlines, nor for all
/// of them at once, when the page is drawn. "Save link as…" works too: the
/// pointer or the focus got there first.
fn calendar_when_used(list: Node, p: &Arc<Portal>, t: &'static Strings) -> Node {
    let write = {
        let p = p.clone();
        move |ev: leptos::ev::Event| {
            let link = ev
                .target()
                .and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok())
                .and_then(|e| e.closest(&format!("a[{CAL}],a[{CAL_ALL}]")).ok().flatten());
            let Some(link) = link else { return };
            let items: Vec<Deadline> = match link.get_attribute(CAL) {
                Some(id) => p.deadlines.iter().filter(|d| d.id == id).cloned().collect(),
                // Soonest first, as the page's groups list them.
                None => open_deadlines(&p, &BrowserZone)
                    .into_iter()
                    .cloned()
                    .collect(),
            };
            let _ = link.remove_attribute(CAL);
            let _ = link.remove_attribute(CAL_ALL);
            if !items.is_empty() {
                let _ = link.set_attribute("href", &ics_href(&items, &p.agency.name, t));
            }
        }
    };
    ["pointerover", "focusin", "click"]
        .into_iter()
        .fold(list, |list, event| list.on(event, Box::new(write.clone())))
}

/// The toolbar, the groups and the done ones. The owner filter is pure
/// CSS (`:has(:checked)` in portal.css): no state to keep in sync, and it
/// works before any script has run twice.
fn groups(p: &Arc<Portal>, t: &'static Strings) -> Vec<Node> {
    if p.deadlines.is_empty() {
        return vec![dom::text("p", "cp-empty", t.deadlines_none)];
    }
    let g = group(p, intl::now(), &BrowserZone, OwnerFilter::Everyone);
    let agency = p.agency.name.as_str();
    let open = [&g.overdue, &g.this_week, &g.next_week, &g.later]
        .iter()
        .any(|items| !items.is_empty());
    let choice = |value: &str, label: &str| {
        let input = el("input", "")
            .attr("type", "radio")
            .attr("name", "cp-owner")
            .attr("value", value);
        let input = if value.is_empty() {
            input.attr("checked", "")
        } else {
            input
        };
        el("label", "cp-chip cp-choice")
            .push(input)
            .push(dom::text("span", "", label))
    };
    let filter = el("fieldset", "cp-filter")
        .push(dom::text("legend", "", t.who_owes_it))
        .push(choice("", t.filter_everyone))
        .push(choice("client", t.owner_you))
        .push(choice("agency", &t.owner_agency(agency)));
    let all = open.then(|| {
        let all = el("div", "cp-calendar-all")
            .push(
                // Written when used, as each deadline's (`calendar_when_used`).
                dom::link(
                    &Route::Deadlines.href(),
                    "cp-button cp-button-secondary",
                    t.add_all_to_calendar,
                )
                .attr(CAL_ALL, "")
                .attr("aria-describedby", "cp-cal-hint")
                .attr("download", "deadlines.ics"),
            )
            .push(dom::text("p", "cp-hint", t.calendar_hint).attr("id", "cp-cal-hint"));
        calendar_when_used(all, p, t)
    });
    let mut nodes = vec![el("div", "cp-toolbar").push(filter).push_opt(all)];
    for (class, title, items) in [
        ("cp-group cp-group-overdue", t.deadlines_overdue, &g.overdue),
        ("cp-group", t.deadlines_this_week, &g.this_week),
        ("cp-group", t.deadlines_next_week, &g.next_week),
        ("cp-group", t.deadlines_later, &g.later),
    ] {
        if !items.is_empty() {
            nodes.push(
                el("section", class)
                    .push(dom::text("h2", "", title))
                    .push(list(items, p, t)),
            );
        }
    }
    if open {
        nodes.push(dom::text("p", "cp-empty cp-dl-nothing", t.filter_nothing));
    }
    if !g.done.is_empty() {
        nodes.push(
            el("details", "cp-group cp-done")
                .push(dom::text("summary", "", &t.deadlines_done(g.done.len())))
                .push(list(&g.done, p, t)),
        );
    }
    nodes
}

/// From this many items on, a list lays out only what is near the screen
/// (`.cp-long`, portal.css): a thousand deadlines open at once, while a
/// short list is read as it is drawn.
const LONG: usize = 40;

fn list(items: &[&Deadline], p: &Arc<Portal>, t: &'static Strings) -> Node {
    let agency = p.agency.name.as_str();
    let class = match items.len() >= LONG {
        true => "cp-deadlines cp-long",
        false => "cp-deadlines",
    };
    let list = el("ul", class).push_all(items.iter().map(|d| item(d, agency, t)).collect());
    calendar_when_used(list, p, t)
}

fn item(d: &Deadline, agency: &str, t: &'static Strings) -> Node {
    let title = match route_of(d) {
        Some(r) => dom::link(&r.href(), "", &d.title),
        None => dom::text("span", "", &d.title),
    };
    let state = match d.done {
        true => badge("success", t.done_label),
        false => due_line(d.due, t),
    };
    let calendar = (!d.done).then(|| {
        // Its file is written when the link is used (`calendar_when_used`);
        // until then the address is this page's.
        dom::link(
            &Route::Deadlines.href(),
            "cp-button cp-button-small cp-button-quiet",
            t.add_to_calendar,
        )
        .attr(CAL, &d.id)
        .attr("aria-label", &t.add_one_to_calendar(&d.title))
        .attr("download", "deadline.ics")
    });
    el("li", "cp-deadline")
        .attr("data-owner", d.owner.to_wire())
        .push(el("span", "cp-deadline-title").push(title))
        .push(
            el("span", "cp-list-meta")
                .push(owner_badge(d.owner, agency, t))
                .push(state)
                .push_opt(calendar),
        )
}

//! Deadlines: who owes what by when. Overdue ones first and unmistakable,
//! then this week, next week and later; done ones folded away at the end.
//! A filter shows only the client's or only the agency's, and any deadline
//! (or all open ones) can be added to the client's own calendar.

use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;

use crate::contract::{Deadline, Portal};
use crate::domain::calendar::{calendar, deadline_uid, CalEvent};
use crate::domain::deadlines::{group, OwnerFilter};
use crate::i18n::use_i18n;
use crate::intl::{self, BrowserZone};
use crate::route::Route;
use crate::views::download::data_url;
use crate::views::widgets::{DueLine, OwnerBadge, PageTitle};

/// Where a deadline leads: its approval, else its deliverable.
fn route_of(d: &Deadline) -> Option<Route> {
    d.approval_id
        .clone()
        .map(Route::Approval)
        .or_else(|| d.deliverable_id.clone().map(Route::Deliverable))
}

/// A link that downloads deadlines as an `.ics` file. The file is written
/// when the page is drawn (it is small), so the link is a plain link with
/// nothing to run on click, and "Save link as…" works too.
fn ics_href(items: &[Deadline], agency: &str) -> String {
    let t = use_i18n().t();
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

pub fn deadlines_page(p: Arc<Portal>) -> impl IntoView {
    let t = use_i18n().t();
    let g = group(&p, intl::now(), &BrowserZone, OwnerFilter::Everyone);
    let owned = |v: Vec<&Deadline>| v.into_iter().cloned().collect::<Vec<_>>();
    let open: Vec<Deadline> = [&g.overdue, &g.this_week, &g.next_week, &g.later]
        .into_iter()
        .flatten()
        .map(|d| (*d).clone())
        .collect();
    let agency = p.agency.name.clone();
    let section = |class, title, items| group_section(class, title, items, agency.clone());
    let has_open = !open.is_empty();
    // The owner filter is pure CSS (`:has(:checked)` in portal.css): no
    // state to keep in sync, and it works before any script has run twice.
    view! {
        <PageTitle title=t.nav_deadlines.to_string() intro=t.deadlines_intro />
        {p.deadlines.is_empty().then(|| view! { <p class="cp-empty">{t.deadlines_none}</p> })}
        <div class="cp-dl">
            {(!p.deadlines.is_empty()).then(|| view! {
                <div class="cp-toolbar">
                    {owner_choices(agency.clone())}
                    {has_open.then(|| view! {
                        <div class="cp-calendar-all">
                            <a class="cp-button cp-button-secondary" aria-describedby="cp-cal-hint"
                                href=ics_href(&open, &agency) download="deadlines.ics">
                                {t.add_all_to_calendar}
                            </a>
                            <p id="cp-cal-hint" class="cp-hint">{t.calendar_hint}</p>
                        </div>
                    })}
                </div>
            })}
            {section("cp-group cp-group-overdue", t.deadlines_overdue, owned(g.overdue))}
            {section("cp-group", t.deadlines_this_week, owned(g.this_week))}
            {section("cp-group", t.deadlines_next_week, owned(g.next_week))}
            {section("cp-group", t.deadlines_later, owned(g.later))}
            {has_open.then(|| view! { <p class="cp-empty cp-dl-nothing">{t.filter_nothing}</p> })}
            {(!g.done.is_empty()).then(|| {
                let done = owned(g.done);
                let n = done.len();
                view! {
                    <details class="cp-group cp-done">
                        <summary>{t.deadlines_done(n)}</summary>
                        {deadline_list(done, agency)}
                    </details>
                }
            })}
        </div>
    }
}

/// One group (overdue, this week…), left out when empty. Not inlined: it is
/// drawn four times, and one copy of its code is enough.
#[inline(never)]
fn group_section(
    class: &'static str,
    title: &'static str,
    items: Vec<Deadline>,
    agency: String,
) -> impl IntoView {
    (!items.is_empty()).then(|| {
        view! {
            <section class=class>
                <h2>{title}</h2>
                {deadline_list(items, agency)}
            </section>
        }
    })
}

#[inline(never)]
fn owner_choice(value: &'static str, label: String) -> impl IntoView {
    view! {
        <label class="cp-chip cp-choice">
            <input type="radio" name="cp-owner" value=value checked=value.is_empty() />
            <span>{label}</span>
        </label>
    }
}

/// Everyone / You / the agency, as one group of radio buttons.
fn owner_choices(agency: String) -> impl IntoView {
    let t = use_i18n().t();
    let choice = owner_choice;
    view! {
        <fieldset class="cp-filter">
            <legend>{t.who_owes_it}</legend>
            {choice("", t.filter_everyone.to_string())}
            {choice("client", t.owner_you.to_string())}
            {choice("agency", t.owner_agency(&agency))}
        </fieldset>
    }
}

fn deadline_list(items: Vec<Deadline>, agency: String) -> impl IntoView {
    view! {
        <ul class="cp-deadlines">
            {items.into_iter().map(|d| deadline_item(d, agency.clone())).collect_view()}
        </ul>
    }
}

fn deadline_item(d: Deadline, agency: String) -> impl IntoView {
    let t = use_i18n().t();
    let link = route_of(&d).map(|r| r.href());
    let title = d.title.clone();
    let owner = d.owner;
    let calendar_link = (!d.done).then(|| {
        let label = t.add_one_to_calendar(&d.title);
        let href = ics_href(std::slice::from_ref(&d), &agency);
        view! {
            <a class="cp-button cp-button-small cp-button-quiet" aria-label=label href=href download="deadline.ics">
                {t.add_to_calendar}
            </a>
        }
    });
    view! {
        <li class="cp-deadline" data-owner=owner.to_wire()>
            <span class="cp-deadline-title">
                {match link {
                    Some(href) => Either::Left(view! { <a href=href>{title}</a> }),
                    None => Either::Right(view! { <span>{title}</span> }),
                }}
            </span>
            <span class="cp-list-meta">
                <OwnerBadge owner agency />
                {if d.done {
                    Either::Left(view! { <span class="cp-badge cp-tone-success">{t.done_label}</span> })
                } else {
                    Either::Right(view! { <DueLine due=d.due /> })
                }}
                {calendar_link}
            </span>
        </li>
    }
}

//! Deadlines: who owes what by when; overdue ones first and unmistakable.

use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;

use crate::contract::{Deadline, Portal};
use crate::domain::overview::open_deadlines;
use crate::domain::time::due_state;
use crate::i18n::use_i18n;
use crate::intl::{self, BrowserZone};
use crate::route::Route;
use crate::views::widgets::{DueLine, OwnerBadge, PageTitle};

pub fn deadlines_page(p: Arc<Portal>) -> impl IntoView {
    let t = use_i18n().t();
    let now = intl::now();
    let (overdue, open): (Vec<&Deadline>, Vec<&Deadline>) = open_deadlines(&p, &BrowserZone)
        .into_iter()
        .partition(|d| due_state(d.due, now, &BrowserZone).is_overdue());
    let done: Vec<Deadline> = p
        .deadlines
        .iter()
        .filter(|d| p.deadline_done(d))
        .cloned()
        .collect();
    let agency = p.agency.name.clone();
    let list = |items: Vec<Deadline>| {
        let agency = agency.clone();
        view! {
            <ul class="cp-deadlines">
                {items.into_iter().map(|d| view! { <DeadlineItem d agency=agency.clone() /> }).collect_view()}
            </ul>
        }
    };
    let overdue: Vec<Deadline> = overdue.into_iter().cloned().collect();
    let open: Vec<Deadline> = open.into_iter().cloned().collect();
    view! {
        <PageTitle title=t.nav_deadlines.to_string() intro=t.deadlines_intro />
        {p.deadlines.is_empty().then(|| view! { <p class="cp-empty">{t.deadlines_none}</p> })}
        {(!overdue.is_empty()).then(|| view! {
            <section class="cp-group cp-group-overdue" aria-labelledby="cp-dl-overdue">
                <h2 id="cp-dl-overdue">{t.deadlines_overdue}</h2>
                {list(overdue)}
            </section>
        })}
        {(!open.is_empty()).then(|| view! {
            <section class="cp-group" aria-labelledby="cp-dl-open">
                <h2 id="cp-dl-open">{t.deadlines_open}</h2>
                {list(open)}
            </section>
        })}
        {(!done.is_empty()).then(|| {
            let n = done.len();
            view! {
                <details class="cp-group cp-done">
                    <summary>{(t.deadlines_done)(n)}</summary>
                    {list(done)}
                </details>
            }
        })}
    }
}

#[component]
fn DeadlineItem(d: Deadline, agency: String) -> impl IntoView {
    let t = use_i18n().t();
    let link = d
        .approval_id
        .clone()
        .map(Route::Approval)
        .or_else(|| d.deliverable_id.clone().map(Route::Deliverable))
        .map(|r| r.href());
    let title = d.title.clone();
    view! {
        <li class="cp-deadline">
            <span class="cp-deadline-title">
                {match link {
                    Some(href) => Either::Left(view! { <a href=href>{title}</a> }),
                    None => Either::Right(view! { <span>{title}</span> }),
                }}
            </span>
            <span class="cp-list-meta">
                <OwnerBadge owner=d.owner agency />
                {if d.done {
                    Either::Left(view! { <span class="cp-badge cp-tone-success">{t.done_label}</span> })
                } else {
                    Either::Right(view! { <DueLine due=d.due /> })
                }}
            </span>
        </li>
    }
}

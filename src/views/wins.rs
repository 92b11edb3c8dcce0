//! Wins: results worth celebrating, newest first and by month, each with
//! its numbers (before → after, and the change), a small chart, and a
//! summary the client can copy to share with their boss.

use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;

use crate::contract::{Metric, Portal, Win};
use crate::domain::wins::{by_month, is_new, metric_line, shown, summary_text, Month};
use crate::i18n::use_i18n;
use crate::intl::{self, BrowserZone};
use crate::views::jargon::explained;
use crate::views::widgets::{CopyButton, PageTitle};

pub fn wins_page(p: Arc<Portal>) -> impl IntoView {
    let t = use_i18n().t();
    let months = by_month(&p, intl::now(), &BrowserZone);
    let agency = p.agency.name.clone();
    view! {
        <PageTitle title=t.nav_wins.to_string() intro=t.wins_intro />
        {months.is_empty().then(|| view! { <p class="cp-empty">{t.wins_none}</p> })}
        {months.into_iter().enumerate().map(|(i, (month, wins))| {
            let id = format!("cp-month-{i}");
            let labelled = id.clone();
            let heading = match month {
                Month::ThisMonth => t.this_month.to_string(),
                Month::LastMonth => t.last_month.to_string(),
                Month::Named(first) => intl::month(first),
            };
            view! {
                <section class="cp-month" aria-labelledby=labelled>
                    <h2 id=id>{heading}</h2>
                    <ul class="cp-cards cp-wins">
                        {wins.into_iter().map(|w| view! { <li>{win_card(w.clone(), agency.clone())}</li> }).collect_view()}
                    </ul>
                </section>
            }
        }).collect_view()}
    }
}

fn win_card(w: Win, agency: String) -> impl IntoView {
    let t = use_i18n().t();
    let date = intl::due(w.date);
    let lines: Vec<String> = w
        .metrics
        .iter()
        .map(|m| metric_line(&m.label, &shown(m, intl::number)))
        .collect();
    let text = summary_text(&w, &date, &lines, &agency);
    view! {
        <article class="cp-card cp-win">
            {win_head(w.clone(), date, true)}
            {w.summary.clone().map(|s| view! { <p>{explained(s)}</p> })}
            {metric_list(w.metrics.clone())}
            <div class="cp-actions">
                <CopyButton label=t.copy_summary aria_label=t.copy_summary_of(&w.title) text />
            </div>
        </article>
    }
}

/// The title, the date and, for a recent win, a small celebration.
pub fn win_head(w: Win, date: String, heading: bool) -> impl IntoView {
    let t = use_i18n().t();
    let fresh = is_new(&w, intl::now(), &BrowserZone);
    let title = w.title.clone();
    view! {
        {fresh.then(|| view! {
            <p class="cp-new-win"><span class="cp-sparkle" aria-hidden="true">"✦"</span>{t.new_win}</p>
        })}
        {if heading {
            Either::Left(view! { <h3 class="cp-card-title">{explained(title)}</h3> })
        } else {
            Either::Right(view! { <p class="cp-win-title">{explained(title)}</p> })
        }}
        <p class="cp-muted"><time datetime=w.date.to_wire()>{date}</time></p>
    }
}

pub fn metric_list(metrics: Vec<Metric>) -> impl IntoView {
    view! {
        <ul class="cp-metrics">
            {metrics.into_iter().map(|m| view! { <li>{metric_line_view(m)}</li> }).collect_view()}
        </ul>
    }
}

/// "Open rate: 31% → 46% (+48%)", with two bars comparing before and now.
fn metric_line_view(metric: Metric) -> impl IntoView {
    let t = use_i18n().t();
    let s = shown(&metric, intl::number);
    view! {
        <p class="cp-metric">
            <span class="cp-metric-label">{explained(metric.label.clone())}</span>
            <span class="cp-metric-values">
                {s.before.map(|b| view! {
                    <span class="cp-visually-hidden">{t.before_label} " "</span>
                    <span class="cp-metric-before">{b}</span>
                    <span aria-hidden="true">" → "</span>
                    <span class="cp-visually-hidden">{", "} {t.after_label} " "</span>
                })}
                <span class="cp-metric-after">{s.after}</span>
                {s.change.map(|c| view! { " " <span class="cp-change">"(" {c} ")"</span> })}
            </span>
        </p>
        {s.bars.map(|(b, a)| view! {
            <svg class="cp-bars" viewBox="0 0 100 20" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <rect class="cp-bar-before" x="0" y="1" height="8" width=b.to_string() />
                <rect class="cp-bar-after" x="0" y="11" height="8" width=a.to_string() />
            </svg>
        })}
    }
}

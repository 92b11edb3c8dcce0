//! Wins: results worth celebrating, with their numbers.

use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;

use crate::contract::{Metric, Portal};
use crate::domain::metrics::{percent_change, signed_percent};
use crate::domain::overview::wins_newest_first;
use crate::i18n::use_i18n;
use crate::intl;
use crate::views::widgets::PageTitle;

pub fn wins_page(p: Arc<Portal>) -> impl IntoView {
    let t = use_i18n().t();
    let wins = wins_newest_first(&p);
    view! {
        <PageTitle title=t.nav_wins.to_string() intro=t.wins_intro />
        {if wins.is_empty() {
            Either::Left(view! { <p class="cp-empty">{t.wins_none}</p> })
        } else {
            Either::Right(view! {
                <ul class="cp-cards">
                    {wins.into_iter().map(|w| view! {
                        <li class="cp-card cp-win">
                            <h2 class="cp-card-title">{w.title.clone()}</h2>
                            <p class="cp-muted"><time datetime=w.date.to_wire()>{intl::due(w.date)}</time></p>
                            {w.summary.clone().map(|s| view! { <p>{s}</p> })}
                            <ul class="cp-metrics">
                                {w.metrics.iter().cloned().map(|m| view! { <li><MetricLine metric=m /></li> }).collect_view()}
                            </ul>
                        </li>
                    }).collect_view()}
                </ul>
            })
        }}
    }
}

fn with_unit(x: f64, unit: Option<&str>) -> String {
    let n = intl::number(x);
    match unit {
        Some("%") => format!("{n}%"),
        Some(u) if u.chars().count() == 1 && !u.chars().all(char::is_alphanumeric) => {
            format!("{u}{n}")
        }
        Some(u) => format!("{n} {u}"),
        None => n,
    }
}

/// "Open rate: 31% → 46% (+48%)".
#[component]
pub fn MetricLine(metric: Metric) -> impl IntoView {
    let t = use_i18n().t();
    let unit = metric.unit.as_deref();
    let after = with_unit(metric.after, unit);
    let before = metric.before.map(|b| with_unit(b, unit));
    let change = percent_change(metric.before, metric.after).map(signed_percent);
    view! {
        <p class="cp-metric">
            <span class="cp-metric-label">{metric.label.clone()}</span>
            <span class="cp-metric-values">
                {before.map(|b| view! {
                    <span class="cp-visually-hidden">{t.before_label} " "</span>
                    <span class="cp-metric-before">{b}</span>
                    <span aria-hidden="true">" → "</span>
                    <span class="cp-visually-hidden">{", "} {t.after_label} " "</span>
                })}
                <span class="cp-metric-after">{after}</span>
                {change.map(|c| view! { " " <span class="cp-change">"(" {c} ")"</span> })}
            </span>
        </p>
    }
}

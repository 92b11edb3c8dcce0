//! Monthly reports: a list by month, new ones marked until opened, and
//! each report on a page of its own: the summary, the month's wins, its
//! numbers against their targets (a small chart each, with the same
//! figures in words), what was learned and next month's plan. It prints as
//! a plain A4 document (`@media print` in portal.css), so the client can
//! keep it as a PDF.

use std::sync::Arc;

use crate::contract::agreed::{Report, ReportMetric};
use crate::contract::{Metric, Portal};
use crate::domain::reports::{
    chart, highlights, is_new, newest_first, plan, target_state, Plan, TargetState,
};
use crate::domain::time::Zone;
use crate::domain::wins::{shown, with_unit};
use crate::i18n::{use_i18n, Strings};
use crate::intl::{self, BrowserZone};
use crate::route::Route;
use crate::state::seen::{report_opened, reports_seen};
use crate::views::dom::{self, el, Node};
use crate::views::receipt::print_button;
use crate::views::widgets::{badge, due_line, more_link, page};
use crate::views::wins::{bar_chart, metric_figures, metric_list, win_head};

/// What a report is called: its own title, or its month.
fn name(r: &Report) -> String {
    r.title
        .clone()
        .unwrap_or_else(|| intl::month(r.period.first_day()))
}

fn published(r: &Report, t: &'static Strings) -> Node {
    let day = BrowserZone.local_date(r.published_at.to_utc());
    let date = intl::due(crate::contract::Due::Day(day));
    dom::text("p", "cp-muted", &t.report_published(&date))
}

pub fn reports_page(p: Arc<Portal>) -> Vec<Node> {
    let t = use_i18n().t();
    let seen = reports_seen();
    let reports = newest_first(&p);
    let nodes = match reports.is_empty() {
        true => vec![dom::text("p", "cp-empty", t.reports_none)],
        false => vec![el("ul", "cp-cards cp-reports").push_all(
            reports
                .iter()
                .map(|r| {
                    let card = el("article", "cp-card")
                        .push_opt(
                            is_new(r, &seen, intl::now()).then(|| badge("attention", t.report_new)),
                        )
                        .push(el("h2", "cp-card-title").push(dom::link(
                            &Route::Report(r.id.clone()).href(),
                            "",
                            &name(r),
                        )))
                        .push(published(r, t))
                        .push(dom::text("p", "", &r.summary));
                    el("li", "").push(card)
                })
                .collect(),
        )],
    };
    let mut all = page(t.reports_title, Some(t.reports_intro), "", nodes);
    all.push(more_link(&Route::Wins.href(), t.nav_wins));
    all
}

pub fn report_page(p: Arc<Portal>, id: String) -> Vec<Node> {
    let t = use_i18n().t();
    let back = || {
        el("p", "cp-breadcrumb cp-no-print").push(dom::link(
            &Route::Reports.href(),
            "",
            t.report_all,
        ))
    };
    let Some(r) = p.report(&id) else {
        let nodes = vec![dom::text("p", "", t.report_missing), back()];
        return page(t.err_not_found_title, None, "cp-report", nodes);
    };
    report_opened(&r.id);
    let section = |id: &str, title: &str| {
        el("section", "cp-card cp-report-part")
            .attr("aria-labelledby", id)
            .push(dom::text("h2", "", title).attr("id", id))
    };
    let list = |lines: &[String]| {
        el("ul", "cp-list").push_all(lines.iter().map(|l| dom::text("li", "", l)).collect())
    };
    let wins = highlights(&p, r);
    let mut nodes = vec![
        published(r, t),
        el("div", "cp-actions cp-no-print").push(print_button(t.report_print)),
    ];
    if !wins.is_empty() {
        nodes.push(
            section("cp-r-wins", t.report_highlights).push(
                el("ul", "cp-report-wins").push_all(
                    wins.iter()
                        .map(|w| {
                            el("li", "")
                                .push_all(win_head(w, intl::due(w.date), false, t))
                                .push(metric_list(&w.metrics, t))
                        })
                        .collect(),
                ),
            ),
        );
    }
    if !r.metrics.is_empty() {
        nodes.push(
            section("cp-r-numbers", t.report_numbers).push(
                el("ul", "cp-report-metrics")
                    .push_all(r.metrics.iter().map(|m| metric(m, t)).collect()),
            ),
        );
    }
    if !r.learnings.is_empty() {
        nodes.push(section("cp-r-learned", t.report_learnings).push(list(&r.learnings)));
    }
    if !r.next_month.is_empty() {
        let steps = plan(&p, r).into_iter().map(|step| match step {
            Plan::Text(s) => dom::text("li", "", s),
            Plan::Deadline(d) => el("li", "")
                .push(dom::link(&Route::Deadlines.href(), "", &d.title))
                .text(" ")
                .push(due_line(d.due, t)),
        });
        nodes.push(
            section("cp-r-next", t.report_next).push(el("ul", "cp-list").push_all(steps.collect())),
        );
    }
    nodes.push(back());
    page(&name(r), Some(&r.summary), "cp-report", nodes)
}

/// One number of the month: its figures and target in words, and a chart
/// of the same (hidden from screen readers, which have the words).
fn metric(m: &ReportMetric, t: &'static Strings) -> Node {
    let as_metric = Metric {
        label: m.label.clone(),
        before: m.before,
        after: m.after,
        unit: m.unit.clone(),
    };
    let target = m.target.map(|x| {
        let state = match target_state(m) {
            Some(TargetState::Reached) => badge("success", t.target_reached),
            _ => badge("neutral", t.target_not_yet),
        };
        el("p", "cp-report-target")
            .text(&t.report_target(&with_unit(intl::number(x), m.unit.as_deref())))
            .text(" ")
            .push(state)
    });
    let figures = metric_figures(&as_metric, &shown(&as_metric, intl::number), t);
    el("li", "cp-report-metric")
        .push(figures)
        .push_opt(target)
        .push_opt(chart(m).map(|c| bar_chart(c.before, c.after, c.target)))
}

//! Wins: results worth celebrating, newest first and by month, each with
//! its numbers (before → after, and the change), a small chart, and a
//! summary the client can copy to share with their boss.

use std::sync::Arc;

use crate::contract::{Metric, Portal, Win};
use crate::domain::wins::{by_month, is_new, metric_line, shown, summary_text, Month, Shown};
use crate::i18n::{use_i18n, Strings};
use crate::intl::{self, BrowserZone};
use crate::views::dom::{self, el, svg, Node};
use crate::views::jargon::explained_in;
use crate::views::widgets::{copy_button, more_link, page};

pub fn wins_page(p: Arc<Portal>) -> Vec<Node> {
    let t = use_i18n().t();
    let months = by_month(&p, intl::now(), &BrowserZone);
    let agency = &p.agency.name;
    let reports = (!p.reports.is_empty())
        .then(|| more_link(&crate::route::Route::Reports.href(), t.reports_see));
    let nodes: Vec<Node> = match months.is_empty() {
        true => vec![dom::text("p", "cp-empty", t.wins_none)],
        false => months
            .into_iter()
            .enumerate()
            .map(|(i, (month, wins))| {
                let id = format!("cp-month-{i}");
                let heading = match month {
                    Month::ThisMonth => t.this_month.to_string(),
                    Month::LastMonth => t.last_month.to_string(),
                    Month::Named(first) => intl::month(first),
                };
                el("section", "cp-month")
                    .attr("aria-labelledby", &id)
                    .push(dom::text("h2", "", &heading).attr("id", &id))
                    .push(
                        el("ul", "cp-cards cp-wins").push_all(
                            wins.iter()
                                .map(|w| el("li", "").push(win_card(w, agency, t)))
                                .collect(),
                        ),
                    )
            })
            .collect(),
    };
    let nodes = reports.into_iter().chain(nodes).collect::<Vec<_>>();
    page(t.nav_wins, Some(t.wins_intro), "", nodes)
}

fn win_card(w: &Win, agency: &str, t: &'static Strings) -> Node {
    let date = intl::due(w.date);
    let lines: Vec<String> = w
        .metrics
        .iter()
        .map(|m| metric_line(&m.label, &shown(m, intl::number)))
        .collect();
    let text = summary_text(w, &date, &lines, agency);
    el("article", "cp-card cp-win")
        .push_all(win_head(w, date, true, t))
        .push_opt(w.summary.as_ref().map(|s| explained_in(el("p", ""), s)))
        .push(metric_list(&w.metrics, t))
        .push(
            el("div", "cp-actions").push_all(
                copy_button(t.copy_summary, Some(&t.copy_summary_of(&w.title)), text).into(),
            ),
        )
}

/// The title, the date and, for a recent win, a small celebration.
pub fn win_head(w: &Win, date: String, heading: bool, t: &'static Strings) -> Vec<Node> {
    let fresh = is_new(w, intl::now(), &BrowserZone);
    let title = match heading {
        true => el("h3", "cp-card-title"),
        false => el("p", "cp-win-title"),
    };
    [
        fresh.then(|| {
            el("p", "cp-new-win")
                .push(dom::text("span", "cp-sparkle", "✦").attr("aria-hidden", "true"))
                .text(t.new_win)
        }),
        Some(explained_in(title, &w.title)),
        Some(
            el("p", "cp-muted")
                .push(dom::text("time", "", &date).attr("datetime", &w.date.to_wire())),
        ),
    ]
    .into_iter()
    .flatten()
    .collect()
}

pub fn metric_list(metrics: &[Metric], t: &'static Strings) -> Node {
    el("ul", "cp-metrics").push_all(
        metrics
            .iter()
            .map(|m| el("li", "").push_all(metric_line_view(m, t)))
            .collect(),
    )
}

/// "Open rate: 31% → 46% (+48%)", with two bars comparing before and now.
fn metric_line_view(metric: &Metric, t: &'static Strings) -> Vec<Node> {
    let s = shown(metric, intl::number);
    let line = metric_figures(metric, &s, t);
    [Some(line), bars(&s)].into_iter().flatten().collect()
}

/// "Open rate: 31% → 46% (+48%)", before and after said in words to
/// screen readers.
pub fn metric_figures(metric: &Metric, s: &Shown, t: &'static Strings) -> Node {
    let hidden = |words: &str| dom::text("span", "cp-visually-hidden", words);
    let values = el("span", "cp-metric-values");
    let values = match &s.before {
        Some(b) => values
            .push(hidden(&format!("{} ", t.before_label)))
            .push(dom::text("span", "cp-metric-before", b))
            .push(dom::text("span", "", " → ").attr("aria-hidden", "true"))
            .push(hidden(&format!(", {} ", t.after_label))),
        None => values,
    }
    .push(dom::text("span", "cp-metric-after", &s.after));
    let values = match &s.change {
        Some(c) => values
            .text(" ")
            .push(dom::text("span", "cp-change", &format!("({c})"))),
        None => values,
    };
    el("p", "cp-metric")
        .push(explained_in(el("span", "cp-metric-label"), &metric.label))
        .push(values)
}

/// Two bars comparing before and now.
fn bars(s: &Shown) -> Option<Node> {
    s.bars.map(|(b, a)| bar_chart(Some(b), a, None))
}

/// A small chart: a bar for before (solid) and one for now (outlined, so
/// the two differ in black and white too), and a line at the target; each
/// a percentage (0–100) of the chart's width. Hidden from screen readers,
/// which read the same figures as words beside it.
pub fn bar_chart(before: Option<u8>, after: u8, target: Option<u8>) -> Node {
    let bar = |class: &str, y: &str, width: u8| {
        svg("rect", class)
            .attr("x", "0")
            .attr("y", y)
            .attr("height", "8")
            .attr("width", &width.to_string())
    };
    let line = target.map(|x| {
        let x = x.to_string();
        svg("line", "cp-chart-target")
            .attr("x1", &x)
            .attr("x2", &x)
            .attr("y1", "0")
            .attr("y2", "20")
    });
    svg("svg", "cp-bars")
        .attr("viewBox", "0 0 100 20")
        .attr("preserveAspectRatio", "none")
        .attr("aria-hidden", "true")
        .attr("focusable", "false")
        .push_opt(before.map(|b| bar("cp-bar-before", "1", b)))
        .push(bar("cp-bar-after", "11", after))
        .push_opt(line)
}

//! Wins, the way a client wants to see and share them: newest first,
//! grouped by month, numbers shown as before → after with the change.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

use crate::contract::{Metric, Portal, Win};
use crate::domain::metrics::{percent_change, signed_percent};
use crate::domain::overview::wins_newest_first;
use crate::domain::time::{due_date, Zone};

/// A win is "new" for this many days after its date.
pub const NEW_FOR_DAYS: i64 = 14;

/// The heading of a month of wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Month {
    ThisMonth,
    LastMonth,
    /// Another month: its first day, to be named in the client's language.
    Named(NaiveDate),
}

fn first_of(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn month_of(day: NaiveDate, today: NaiveDate) -> Month {
    let this = first_of(today);
    let first = first_of(day);
    let last = first_of(this - Duration::days(1));
    if first == this {
        Month::ThisMonth
    } else if first == last {
        Month::LastMonth
    } else {
        Month::Named(first)
    }
}

/// Wins newest first, in runs of the same month (in the client's zone).
pub fn by_month<'a>(
    p: &'a Portal,
    now: DateTime<Utc>,
    zone: &impl Zone,
) -> Vec<(Month, Vec<&'a Win>)> {
    let today = zone.local_date(now);
    let mut groups: Vec<(Month, Vec<&Win>)> = Vec::new();
    for w in wins_newest_first(p) {
        let m = month_of(due_date(w.date, zone), today);
        match groups.last_mut() {
            Some((last, ws)) if *last == m => ws.push(w),
            _ => groups.push((m, vec![w])),
        }
    }
    groups
}

/// Whether a win is recent enough to celebrate (and not dated in the future).
pub fn is_new(w: &Win, now: DateTime<Utc>, zone: &impl Zone) -> bool {
    let age = (zone.local_date(now) - due_date(w.date, zone)).num_days();
    (0..NEW_FOR_DAYS).contains(&age)
}

/// A number with its unit where a reader expects it: `3.4%`, `$1,200`,
/// `4,200 visits`. `n` is the number already formatted for the locale.
pub fn with_unit(n: String, unit: Option<&str>) -> String {
    match unit.map(str::trim) {
        None | Some("") => n,
        Some("%") => n + "%",
        Some(u) if is_prefix_symbol(u) => {
            let mut s = u.to_string();
            s.push_str(&n);
            s
        }
        Some(u) => n + " " + u,
    }
}

/// Currency signs and the like go before the number (`$42`, `฿900`); words
/// and letters after it. Checked against a short list rather than Unicode
/// tables, which would weigh more in the wasm than this whole module.
fn is_prefix_symbol(u: &str) -> bool {
    let mut chars = u.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => {
            (c.is_ascii_punctuation() && c != '%') || "€£¥₩฿₹₽₺₫₱₪₦₴₸".chars().any(|s| s == c)
        }
        _ => false,
    }
}

/// A metric's numbers as shown: before (if known), after, and the change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shown {
    pub before: Option<String>,
    pub after: String,
    pub change: Option<String>,
    /// Both bars of the little chart, as percentages of the larger value
    /// (0–100), when both numbers are known and not negative.
    pub bars: Option<(u8, u8)>,
}

fn bar(x: f64, max: f64) -> u8 {
    // At least a sliver, so a small "before" is still visibly there.
    ((x / max * 100.0).round() as u8).clamp(2, 100)
}

pub fn shown(m: &Metric, number: impl Fn(f64) -> String) -> Shown {
    let unit = m.unit.as_deref();
    let bars = m.before.and_then(|b| {
        let max = b.max(m.after);
        (b >= 0.0 && m.after >= 0.0 && max > 0.0).then(|| (bar(b, max), bar(m.after, max)))
    });
    Shown {
        before: m.before.map(|b| with_unit(number(b), unit)),
        after: with_unit(number(m.after), unit),
        change: percent_change(m.before, m.after).map(signed_percent),
        bars,
    }
}

/// "Open rate: 31% → 46% (+48%)"
pub fn metric_line(label: &str, s: &Shown) -> String {
    let mut out = format!("{label}: ");
    if let Some(b) = &s.before {
        out.push_str(b);
        out.push_str(" → ");
    }
    out.push_str(&s.after);
    if let Some(c) = &s.change {
        out.push_str(" (");
        out.push_str(c);
        out.push(')');
    }
    out
}

/// The text "Copy summary" puts on the clipboard, ready to paste into an
/// email to the client's boss.
pub fn summary_text(w: &Win, date: &str, metrics: &[String], from: &str) -> String {
    let mut out = format!("{} ({date})\n", w.title);
    if let Some(s) = w.summary.as_deref().filter(|s| !s.trim().is_empty()) {
        out.push_str(s.trim());
        out.push('\n');
    }
    for m in metrics {
        out.push_str("• ");
        out.push_str(m);
        out.push('\n');
    }
    out.push_str("— ");
    out.push_str(from);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::{at, due, now};
    use crate::domain::time::FixedZone;

    fn win(id: &str, date: &str) -> Win {
        Win {
            id: id.into(),
            title: format!("Win {id}"),
            date: due(date),
            summary: None,
            metrics: vec![],
        }
    }

    fn portal(wins: Vec<Win>) -> Portal {
        let mut p = crate::domain::testkit::demo();
        p.wins = wins;
        p
    }

    #[test]
    fn groups_by_month_newest_first() {
        let p = portal(vec![
            win("a", "2026-09-30"),
            win("b", "2026-11-02"),
            win("c", "2026-10-15"),
            win("d", "2026-11-20"),
            win("e", "2025-11-20"),
        ]);
        let g = by_month(&p, now(), &FixedZone::utc());
        let shape: Vec<(Month, Vec<&str>)> = g
            .iter()
            .map(|(m, ws)| (*m, ws.iter().map(|w| w.id.as_str()).collect()))
            .collect();
        let first = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            shape,
            vec![
                (Month::ThisMonth, vec!["d", "b"]),
                (Month::LastMonth, vec!["c"]),
                (Month::Named(first("2026-09-01")), vec!["a"]),
                (Month::Named(first("2025-11-01")), vec!["e"]),
            ]
        );
    }

    #[test]
    fn last_month_across_the_new_year_and_in_the_clients_zone() {
        let p = portal(vec![win("a", "2026-12-31T23:30:00Z")]);
        // 1 January in Tokyo (UTC+9): a moment late on 31 December UTC is
        // already 1 January there, so it is "this month".
        let now = at("2027-01-01T03:00:00Z");
        assert_eq!(
            by_month(&p, now, &FixedZone::hours(9))[0].0,
            Month::ThisMonth
        );
        assert_eq!(by_month(&p, now, &FixedZone::utc())[0].0, Month::LastMonth);
    }

    #[test]
    fn new_for_two_weeks_never_in_the_future() {
        let now = now();
        let z = FixedZone::utc();
        assert!(is_new(&win("a", "2026-11-23"), now, &z));
        assert!(is_new(&win("a", "2026-11-10"), now, &z));
        assert!(!is_new(&win("a", "2026-11-09"), now, &z));
        assert!(!is_new(&win("a", "2026-11-24"), now, &z));
    }

    #[test]
    fn numbers_with_units_changes_and_bars() {
        let m = |before: Option<f64>, after: f64, unit: Option<&str>| Metric {
            label: "x".into(),
            before,
            after,
            unit: unit.map(Into::into),
        };
        let fmt = |x: f64| x.to_string();
        let s = shown(&m(Some(2.1), 3.4, Some("%")), fmt);
        assert_eq!(s.before.as_deref(), Some("2.1%"));
        assert_eq!(s.after, "3.4%");
        assert_eq!(s.change.as_deref(), Some("+62%"));
        assert_eq!(s.bars, Some((62, 100)));
        assert_eq!(
            metric_line("Conversion rate", &s),
            "Conversion rate: 2.1% → 3.4% (+62%)"
        );
        let s = shown(&m(Some(42.0), 31.0, Some("$")), fmt);
        assert_eq!(
            (s.before.as_deref(), s.after.as_str()),
            (Some("$42"), "$31")
        );
        assert_eq!(s.change.as_deref(), Some("−26%"));
        assert_eq!(s.bars, Some((100, 74)));
        let s = shown(&m(None, 4200.0, Some("visits")), fmt);
        assert_eq!(
            (s.after.as_str(), s.change.as_deref(), s.bars),
            ("4200 visits", None, None)
        );
        assert_eq!(metric_line("Visits", &s), "Visits: 4200 visits");
        assert_eq!(shown(&m(None, 900.0, Some("฿")), fmt).after, "฿900");
        assert_eq!(shown(&m(None, 12.0, Some("件")), fmt).after, "12 件");
        assert_eq!(shown(&m(None, 5.0, Some("x")), fmt).after, "5 x");
        // A tiny "before" still shows as a sliver; negatives get no chart.
        assert_eq!(shown(&m(Some(0.1), 500.0, None), fmt).bars, Some((2, 100)));
        assert_eq!(shown(&m(Some(-3.0), 5.0, None), fmt).bars, None);
    }

    #[test]
    fn summary_for_sharing() {
        let mut w = win("a", "2026-11-20");
        w.title = "Checkout conversion up".into();
        w.summary = Some(" The new checkout is live. ".into());
        let text = summary_text(
            &w,
            "20 Nov 2026",
            &["Conversion rate: 2.1% → 3.4% (+62%)".into()],
            "Lumen Studio",
        );
        assert_eq!(
            text,
            "Checkout conversion up (20 Nov 2026)\nThe new checkout is live.\n\
             • Conversion rate: 2.1% → 3.4% (+62%)\n— Lumen Studio"
        );
    }
}

//! Monthly reports: their order, which ones are new to the client, how each
//! number of the month stands against its target (and the chart that
//! shows it), and the plan for next month tied to the deadlines it names.

use chrono::{DateTime, Utc};

use crate::contract::agreed::{Report, ReportMetric};
use crate::contract::{Deadline, Portal, Win};
use crate::domain::order::sort_by_i64;

/// A report nobody opened stays marked "New" this long after it was
/// published: long enough to be seen on the next visit, not so long that a
/// first visit marks a year of reports new.
pub const NEW_FOR_DAYS: i64 = 45;

/// How many opened reports are remembered: years of monthly reports.
const SEEN_KEPT: usize = 60;

/// The reports, newest month first (and, within a month, the one published
/// last first).
pub fn newest_first(p: &Portal) -> Vec<&Report> {
    let mut all: Vec<&Report> = p.reports.iter().collect();
    sort_by_i64(&mut all, |r| -r.published_at.timestamp_millis());
    sort_by_i64(&mut all, |r| {
        -i64::from(r.period.year * 12 + r.period.month as i32)
    });
    all
}

/// The ids of the reports the client has opened, as kept on the device
/// (one id per line, the latest last).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Seen(Vec<String>);

impl Seen {
    pub fn decode(stored: &str) -> Seen {
        Seen(
            stored
                .lines()
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
        )
    }

    pub fn encode(&self) -> String {
        self.0.join("\n")
    }

    pub fn has(&self, id: &str) -> bool {
        self.0.iter().any(|s| s == id)
    }

    /// With `id` opened; `None` when it already was (nothing to store).
    pub fn with(&self, id: &str) -> Option<Seen> {
        if self.has(id) || id.contains('\n') {
            return None;
        }
        let mut ids = self.0.clone();
        ids.push(id.to_string());
        let drop = ids.len().saturating_sub(SEEN_KEPT);
        Some(Seen(ids.split_off(drop)))
    }
}

/// Marked "New": published in the last [`NEW_FOR_DAYS`] and not opened.
pub fn is_new(r: &Report, seen: &Seen, now: DateTime<Utc>) -> bool {
    let age = now.signed_duration_since(r.published_at).num_days();
    !seen.has(&r.id) && (0..NEW_FOR_DAYS).contains(&age)
}

/// How many reports are new to the client.
pub fn new_count(p: &Portal, seen: &Seen, now: DateTime<Utc>) -> usize {
    p.reports.iter().filter(|r| is_new(r, seen, now)).count()
}

/// Where a number of the month stands against its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetState {
    Reached,
    NotYet,
}

/// Smaller is better when the target is below where the number started
/// (a search position, a cost per order); otherwise bigger is.
pub fn smaller_is_better(m: &ReportMetric) -> bool {
    matches!((m.before, m.target), (Some(b), Some(t)) if t < b)
}

pub fn target_state(m: &ReportMetric) -> Option<TargetState> {
    let target = m.target?;
    let reached = match smaller_is_better(m) {
        true => m.after <= target,
        false => m.after >= target,
    };
    Some(match reached {
        true => TargetState::Reached,
        false => TargetState::NotYet,
    })
}

/// The little chart of a number: bars for before and now, and a mark at
/// the target, each as a percentage (0–100) of the largest of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chart {
    pub before: Option<u8>,
    pub after: u8,
    pub target: Option<u8>,
}

/// None when a number is negative or every one is zero: nothing a bar can
/// show honestly.
pub fn chart(m: &ReportMetric) -> Option<Chart> {
    let known = [m.before, Some(m.after), m.target];
    let values = known.iter().flatten();
    if values.clone().any(|v| *v < 0.0 || !v.is_finite()) {
        return None;
    }
    let max = values.fold(0.0_f64, |a, b| a.max(*b));
    (max > 0.0).then(|| {
        let pct = |x: f64| (x / max * 100.0).round() as u8;
        Chart {
            // At least a sliver, so a small number is still visibly there.
            before: m.before.map(|b| pct(b).max(2)),
            after: pct(m.after).max(2),
            target: m.target.map(pct),
        }
    })
}

/// The report's highlights: the wins it names, in its order (ids the feed
/// does not have are left out).
pub fn highlights<'a>(p: &'a Portal, r: &Report) -> Vec<&'a Win> {
    r.highlights
        .iter()
        .filter_map(|id| p.wins.iter().find(|w| w.id == *id))
        .collect()
}

/// One line of next month's plan: the agency's sentence, or, where it is
/// the id of a deadline, that deadline (its title and date).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Plan<'a> {
    Text(&'a str),
    Deadline(&'a Deadline),
}

pub fn plan<'a>(p: &'a Portal, r: &'a Report) -> Vec<Plan<'a>> {
    r.next_month
        .iter()
        .map(
            |line| match p.deadlines.iter().find(|d| d.id == line.trim()) {
                Some(d) => Plan::Deadline(d),
                None => Plan::Text(line),
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::agreed::Month;
    use crate::domain::testkit::{at, demo, now};

    fn metric(before: Option<f64>, after: f64, target: Option<f64>) -> ReportMetric {
        ReportMetric {
            label: "Orders".into(),
            before,
            after,
            unit: None,
            target,
        }
    }

    fn report(id: &str, period: &str, published: &str) -> Report {
        Report {
            id: id.into(),
            period: Month::parse(period).unwrap(),
            published_at: at(published).fixed_offset(),
            title: None,
            summary: "s".into(),
            highlights: vec![],
            metrics: vec![],
            learnings: vec![],
            next_month: vec![],
        }
    }

    #[test]
    fn newest_month_first_then_latest_published() {
        let mut p = demo();
        p.reports = vec![
            report("sep", "2026-09", "2026-10-02T09:00:00Z"),
            report("oct-a", "2026-10", "2026-11-01T09:00:00Z"),
            report("aug", "2026-08", "2026-11-20T09:00:00Z"),
            report("oct-b", "2026-10", "2026-11-03T09:00:00Z"),
        ];
        let ids: Vec<&str> = newest_first(&p).iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["oct-b", "oct-a", "sep", "aug"]);
    }

    #[test]
    fn new_until_opened_and_only_while_recent() {
        let r = report("oct", "2026-10", "2026-11-03T09:00:00+01:00");
        let none = Seen::default();
        assert!(is_new(&r, &none, now()));
        let opened = none.with("oct").unwrap();
        assert!(!is_new(&r, &opened, now()));
        assert_eq!(opened.with("oct"), None, "opened twice: nothing to store");
        // A report from long ago is not news to a first visit.
        let old = report("may", "2026-05", "2026-06-02T09:00:00Z");
        assert!(!is_new(&old, &none, now()));
        // Nor is one published later than now (a clock behind the agency's).
        let later = report("dec", "2026-12", "2027-01-02T09:00:00Z");
        assert!(!is_new(&later, &none, now()));
    }

    #[test]
    fn what_was_opened_survives_storage_and_stays_bounded() {
        let mut seen = Seen::default();
        for i in 0..70 {
            seen = seen.with(&format!("r-{i}")).unwrap();
        }
        let back = Seen::decode(&seen.encode());
        assert_eq!(back, seen);
        assert!(back.has("r-69") && back.has("r-10") && !back.has("r-9"));
        assert_eq!(Seen::decode(""), Seen::default());
        assert_eq!(
            Seen::default().with("a\nb"),
            None,
            "an id cannot split a line"
        );
    }

    #[test]
    fn targets_are_reached_in_the_direction_that_counts() {
        assert_eq!(
            target_state(&metric(Some(412.0), 468.0, Some(450.0))),
            Some(TargetState::Reached)
        );
        assert_eq!(
            target_state(&metric(Some(9800.0), 10400.0, Some(11000.0))),
            Some(TargetState::NotYet)
        );
        // A search position: from 7th to 1st against a target of 3rd.
        let position = metric(Some(7.0), 1.0, Some(3.0));
        assert!(smaller_is_better(&position));
        assert_eq!(target_state(&position), Some(TargetState::Reached));
        assert_eq!(
            target_state(&metric(Some(7.0), 4.0, Some(3.0))),
            Some(TargetState::NotYet)
        );
        // Exactly on target counts; no target, no verdict.
        assert_eq!(
            target_state(&metric(None, 50.0, Some(50.0))),
            Some(TargetState::Reached)
        );
        assert_eq!(target_state(&metric(Some(1.0), 2.0, None)), None);
    }

    #[test]
    fn charts_scale_to_the_largest_number() {
        assert_eq!(
            chart(&metric(Some(9800.0), 10400.0, Some(11000.0))),
            Some(Chart {
                before: Some(89),
                after: 95,
                target: Some(100)
            })
        );
        assert_eq!(
            chart(&metric(Some(7.0), 1.0, Some(3.0))),
            Some(Chart {
                before: Some(100),
                after: 14,
                target: Some(43)
            })
        );
        assert_eq!(
            chart(&metric(None, 0.1, Some(1000.0))).unwrap().after,
            2,
            "a sliver"
        );
        assert_eq!(chart(&metric(Some(-1.0), 2.0, None)), None);
        assert_eq!(chart(&metric(None, 0.0, None)), None);
    }

    #[test]
    fn highlights_and_the_plan_point_at_what_the_feed_has() {
        let mut p = demo();
        let mut r = report("oct", "2026-10", "2026-11-03T09:00:00Z");
        let win = p.wins[0].id.clone();
        r.highlights = vec!["w-gone".into(), win.clone()];
        let deadline = p.deadlines[0].id.clone();
        r.next_month = vec![format!(" {deadline} "), "Send the newsletter".into()];
        p.reports = vec![r.clone()];
        let h: Vec<&str> = highlights(&p, &r).iter().map(|w| w.id.as_str()).collect();
        assert_eq!(h, [win.as_str()]);
        let plan = plan(&p, &r);
        assert!(matches!(plan[0], Plan::Deadline(d) if d.id == deadline));
        assert_eq!(plan[1], Plan::Text("Send the newsletter"));
        assert_eq!(p.report("oct").map(|r| &r.id), Some(&r.id));
    }
}

//! Moving every date of a feed by whole days, so the demo agency always
//! looks current: its sample feed is written around one day and replayed
//! around today.

use chrono::{Duration, NaiveDate};

use chrono::Datelike;

use crate::contract::agreed::{Agreed, AgreedScope, Month, NextStep, Report};
use crate::contract::{Due, Portal, Timestamp};

fn ts(t: &mut Timestamp, d: Duration) {
    *t += d;
}

fn due(x: &mut Due, d: Duration) {
    *x = match *x {
        Due::Day(day) => Due::Day(day + d),
        Due::At(t) => Due::At(t + d),
    };
}

/// Shift every date in `p` so that `generated_at` falls on `today`.
pub fn shift_to(p: &mut Portal, today: NaiveDate) {
    shift_days(p, days_to(p, today));
}

/// How many days `p` must move for `generated_at` to fall on `today`.
pub fn days_to(p: &Portal, today: NaiveDate) -> i64 {
    (today - p.generated_at.date_naive()).num_days()
}

/// A month counted from year 0, to add and subtract months.
fn month_index(year: i32, month: u32) -> i64 {
    i64::from(year) * 12 + i64::from(month) - 1
}

fn scope(s: &mut AgreedScope, d: Duration) {
    for x in [&mut s.starts, &mut s.ends].into_iter().flatten() {
        due(x, d);
    }
}

fn next_steps(steps: &mut [NextStep], d: Duration) {
    for x in steps.iter_mut().filter_map(|s| s.due.as_mut()) {
        due(x, d);
    }
}

/// A report's month keeps its distance to the report's publication: a
/// report on October published on 3 November, moved a month on, is on
/// November.
fn report(r: &mut Report, d: Duration) {
    let published = |t: &Timestamp| month_index(t.year(), t.month());
    let gap = published(&r.published_at) - month_index(r.period.year, r.period.month);
    ts(&mut r.published_at, d);
    let index = published(&r.published_at) - gap;
    r.period = Month {
        year: index.div_euclid(12) as i32,
        month: index.rem_euclid(12) as u32 + 1,
    };
}

/// Shift every date of the "What we agreed" parts by `days` days.
pub fn shift_agreed(a: &mut Agreed, days: i64) {
    if days == 0 {
        return;
    }
    let d = Duration::days(days);
    if let Some(s) = a.scope.as_mut() {
        scope(s, d);
    }
    for m in &mut a.meetings {
        ts(&mut m.held_at, d);
        next_steps(&mut m.next_steps, d);
    }
    a.reports.iter_mut().for_each(|r| report(r, d));
    requests(&mut a.requests, d);
}

fn requests(all: &mut [crate::contract::agreed::Request], d: Duration) {
    for r in all {
        ts(&mut r.created_at, d);
        if let Some(t) = r.respond_by.as_mut() {
            ts(t, d);
        }
    }
}

/// Shift every date in `p` by `days` days.
pub fn shift_days(p: &mut Portal, days: i64) {
    if days == 0 {
        return;
    }
    let d = Duration::days(days);
    ts(&mut p.generated_at, d);
    if let Some(t) = p.communication.next_check_in.as_mut() {
        ts(t, d);
    }
    for x in &mut p.deliverables {
        if let Some(x) = x.due.as_mut() {
            due(x, d);
        }
        x.versions.iter_mut().for_each(|v| ts(&mut v.created_at, d));
        x.comments.iter_mut().for_each(|c| ts(&mut c.created_at, d));
    }
    for a in &mut p.approvals {
        ts(&mut a.requested_at, d);
        due(&mut a.due, d);
        if let Some(dec) = a.decision.as_mut() {
            ts(&mut dec.at, d);
        }
    }
    p.deadlines.iter_mut().for_each(|x| due(&mut x.due, d));
    p.wins.iter_mut().for_each(|w| due(&mut w.date, d));
    if let Some(s) = p.scope.as_mut() {
        scope(s, d);
    }
    for m in &mut p.meetings {
        ts(&mut m.held_at, d);
        next_steps(&mut m.next_steps, d);
    }
    p.reports.iter_mut().for_each(|r| report(r, d));
    requests(&mut p.requests, d);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::demo;

    #[test]
    fn moves_every_date_by_the_same_number_of_days() {
        let mut p = demo();
        let before = p.clone();
        let target = before.generated_at.date_naive() + Duration::days(10);
        shift_to(&mut p, target);
        assert_eq!(p.generated_at.date_naive(), target);
        let ten = Duration::days(10);
        let starts = |p: &Portal| p.scope.as_ref().and_then(|s| s.starts);
        match (starts(&p), starts(&before)) {
            (Some(Due::Day(x)), Some(Due::Day(y))) => assert_eq!(x, y + ten),
            other => panic!("the demo's scope starts on a day: {other:?}"),
        }
        assert_eq!(
            p.approvals[0].requested_at,
            before.approvals[0].requested_at + ten
        );
        for (a, b) in p.deadlines.iter().zip(&before.deadlines) {
            match (a.due, b.due) {
                (Due::Day(x), Due::Day(y)) => assert_eq!(x, y + ten),
                (Due::At(x), Due::At(y)) => assert_eq!(x, y + ten),
                _ => panic!("due kind changed"),
            }
        }
        assert_eq!(
            p.deliverables[0].versions[0].created_at,
            before.deliverables[0].versions[0].created_at + ten
        );
        assert_eq!(
            p.requests[1].created_at,
            before.requests[1].created_at + ten
        );
        // The meetings' next steps too: they join the deadlines.
        assert_eq!(
            p.meetings[0].next_steps[0].due,
            before.meetings[0].next_steps[0].due.map(|d| match d {
                Due::Day(x) => Due::Day(x + ten),
                Due::At(x) => Due::At(x + ten),
            })
        );
    }

    #[test]
    fn moves_what_was_agreed_and_reports_by_their_month() {
        let feed = include_str!("../../demo/portal.json");
        let before = crate::contract::agreed::parse_agreed(feed).unwrap();
        let mut a = before.clone();
        // 23 November 2026 → 2 January 2027: 40 days.
        shift_agreed(&mut a, 40);
        let forty = Duration::days(40);
        assert_eq!(a.meetings[0].held_at, before.meetings[0].held_at + forty);
        assert_eq!(
            a.requests[1].created_at,
            before.requests[1].created_at + forty
        );
        let scope = a.scope.as_ref().unwrap();
        assert_eq!(scope.starts, Due::parse("2026-10-11"));
        // October's report, published 3 November, becomes November's,
        // published 13 December; September's (2 October) becomes October's.
        assert_eq!(a.reports[0].period.to_wire(), "2026-11");
        assert_eq!(a.reports[1].period.to_wire(), "2026-10");
        shift_agreed(&mut a, -40);
        assert_eq!(a, before);
        // Across a new year.
        shift_agreed(&mut a, 62);
        assert_eq!(a.reports[0].period.to_wire(), "2026-12");
        shift_agreed(&mut a, 31);
        assert_eq!(a.reports[0].period.to_wire(), "2027-01");
    }
}

//! Grouping deadlines the way a client thinks about them: overdue, this
//! week, next week, later; and who owes each.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

use crate::contract::{Deadline, Owner, Portal};
use crate::domain::overview::open_deadlines;
use crate::domain::time::{due_date, due_state, Zone};

/// Where an open deadline falls. Weeks run Monday to Sunday.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    Overdue,
    ThisWeek,
    NextWeek,
    Later,
}

/// Whose deadlines to show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OwnerFilter {
    #[default]
    Everyone,
    Client,
    Agency,
}

impl OwnerFilter {
    pub fn admits(self, o: Owner) -> bool {
        match self {
            OwnerFilter::Everyone => true,
            OwnerFilter::Client => o == Owner::Client,
            OwnerFilter::Agency => o == Owner::Agency,
        }
    }
}

fn monday_of(d: NaiveDate) -> NaiveDate {
    d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

/// The group of one due date, seen at `now` in the client's zone.
pub fn when(due: crate::contract::Due, now: DateTime<Utc>, zone: &impl Zone) -> When {
    if due_state(due, now, zone).is_overdue() {
        return When::Overdue;
    }
    let monday = monday_of(zone.local_date(now));
    let day = due_date(due, zone);
    if day < monday + Duration::days(7) {
        When::ThisWeek
    } else if day < monday + Duration::days(14) {
        When::NextWeek
    } else {
        When::Later
    }
}

/// Open deadlines in their groups (each soonest first), and the done ones.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grouped<'a> {
    pub overdue: Vec<&'a Deadline>,
    pub this_week: Vec<&'a Deadline>,
    pub next_week: Vec<&'a Deadline>,
    pub later: Vec<&'a Deadline>,
    pub done: Vec<&'a Deadline>,
}

pub fn group<'a>(
    p: &'a Portal,
    now: DateTime<Utc>,
    zone: &impl Zone,
    who: OwnerFilter,
) -> Grouped<'a> {
    let mut g = Grouped::default();
    for d in open_deadlines(p, zone)
        .into_iter()
        .filter(|d| who.admits(d.owner))
    {
        match when(d.due, now, zone) {
            When::Overdue => g.overdue.push(d),
            When::ThisWeek => g.this_week.push(d),
            When::NextWeek => g.next_week.push(d),
            When::Later => g.later.push(d),
        }
    }
    g.done = p
        .deadlines
        .iter()
        .filter(|d| p.deadline_done(d) && who.admits(d.owner))
        .collect();
    g
}

/// Add the next steps agreed in meetings that have a due date to the
/// deadlines, after the agency's own, each once: a step listed under an id
/// the deadlines already have (the agency may list it there too) is not
/// repeated. Called once, when the feed arrives.
pub fn add_next_steps(p: &mut Portal) {
    for m in &p.meetings {
        for s in &m.next_steps {
            let Some(due) = s.due else { continue };
            if p.deadlines.iter().any(|d| d.id == s.id) {
                continue;
            }
            p.deadlines.push(Deadline {
                id: s.id.clone(),
                title: s.title.clone(),
                due,
                owner: s.owner,
                deliverable_id: None,
                approval_id: None,
                done: s.done,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::{at, demo, due, now};
    use crate::domain::time::{DueState, FixedZone};
    use chrono::{FixedOffset, TimeZone};

    /// Central European time with its real 2026 switch back from summer
    /// time: 25 October 2026 at 01:00 UTC.
    struct Berlin;
    impl Zone for Berlin {
        fn offset_at(&self, t: DateTime<Utc>) -> FixedOffset {
            let switch = Utc.with_ymd_and_hms(2026, 10, 25, 1, 0, 0).unwrap();
            FixedOffset::east_opt(if t < switch { 2 * 3600 } else { 3600 }).unwrap()
        }
    }

    #[test]
    fn groups_by_calendar_week() {
        let now = at("2026-11-25T09:00:00Z"); // a Wednesday
        let z = FixedZone::utc();
        assert_eq!(when(due("2026-11-24"), now, &z), When::Overdue);
        assert_eq!(when(due("2026-11-25"), now, &z), When::ThisWeek);
        assert_eq!(when(due("2026-11-29"), now, &z), When::ThisWeek); // Sunday
        assert_eq!(when(due("2026-11-30"), now, &z), When::NextWeek); // Monday
        assert_eq!(when(due("2026-12-06"), now, &z), When::NextWeek);
        assert_eq!(when(due("2026-12-07"), now, &z), When::Later);
    }

    #[test]
    fn daylight_saving_day_is_counted_in_the_clients_zone() {
        // 23:30 in Berlin on Saturday 24 October (summer time, +2) is
        // 21:30 UTC: for a client in Berlin it is due today…
        let d = due("2026-10-24T21:30:00Z");
        let now = at("2026-10-24T08:00:00Z");
        assert_eq!(due_state(d, now, &Berlin), DueState::Today);
        // …while in Tokyo (+9) it is already Sunday morning, tomorrow.
        assert_eq!(due_state(d, now, &FixedZone::hours(9)), DueState::Tomorrow);
        // 23:30 in Berlin on the Sunday of the switch (winter time, +1) is
        // 22:30 UTC, still that Sunday for the Berlin client.
        let d = due("2026-10-25T22:30:00Z");
        assert_eq!(
            due_state(d, at("2026-10-25T00:30:00Z"), &Berlin),
            DueState::Today
        );
        // A whole-day date ends at Berlin's midnight, in winter time.
        assert_eq!(
            crate::domain::time::due_instant(due("2026-10-25"), &Berlin),
            at("2026-10-25T22:59:59Z")
        );
        assert_eq!(
            crate::domain::time::due_instant(due("2026-10-24"), &Berlin),
            at("2026-10-24T21:59:59Z")
        );
    }

    #[test]
    fn groups_the_demo_and_filters_by_owner() {
        let p = demo();
        let now = now(); // Monday
        let g = group(&p, now, &Berlin, OwnerFilter::Everyone);
        fn ids(v: &[&Deadline]) -> Vec<String> {
            v.iter().map(|d| d.id.clone()).collect()
        }
        assert_eq!(ids(&g.overdue), ["dl-photos", "dl-news"]);
        assert_eq!(ids(&g.this_week), ["dl-home", "dl-cut"]);
        assert_eq!(ids(&g.next_week), ["dl-live", "dl-copy"]);
        assert_eq!(ids(&g.later), ["dl-fair"]);
        assert_eq!(ids(&g.done), ["dl-kickoff"]);
        let mine = group(&p, now, &Berlin, OwnerFilter::Client);
        assert!(mine
            .overdue
            .iter()
            .chain(&mine.this_week)
            .chain(&mine.next_week)
            .all(|d| d.owner == Owner::Client));
        assert!(mine.done.is_empty());
        let theirs = group(&p, now, &Berlin, OwnerFilter::Agency);
        assert_eq!(ids(&theirs.this_week), ["dl-cut"]);
    }

    #[test]
    fn next_steps_with_a_date_join_the_deadlines_once() {
        use crate::contract::agreed::NextStep;
        use crate::contract::Due;
        let mut p = demo();
        let before = p.deadlines.len();
        let step = |id: &str, due: Option<Due>, done| NextStep {
            id: id.into(),
            title: format!("Step {id}"),
            owner: Owner::Client,
            due,
            done,
        };
        let day = Some(due("2026-11-30"));
        p.meetings[0].next_steps = vec![
            step("ns-new", day, false),
            step("ns-undated", None, false),
            // The same task as a deadline of the feed: shown once, as it.
            step("dl-home", day, false),
            step("ns-done", day, true),
        ];
        p.meetings[1].next_steps = vec![step("ns-new", day, false)];
        add_next_steps(&mut p);
        let added: Vec<(&str, bool)> = p.deadlines[before..]
            .iter()
            .map(|d| (d.id.as_str(), d.done))
            .collect();
        assert_eq!(added, [("ns-new", false), ("ns-done", true)]);
        let new = &p.deadlines[before];
        assert_eq!(
            (new.title.as_str(), new.owner, new.due),
            ("Step ns-new", Owner::Client, due("2026-11-30"))
        );
        assert_eq!(p.deadlines.iter().filter(|d| d.id == "dl-home").count(), 1);
        // Grouped with the rest: due on Monday 30 November, next week.
        let g = group(&p, now(), &Berlin, OwnerFilter::Client);
        assert!(g.next_week.iter().any(|d| d.id == "ns-new"));
        assert!(g.done.iter().any(|d| d.id == "ns-done"));
    }

    #[test]
    fn the_demo_meetings_next_steps_are_its_deadlines_or_done() {
        let mut p = demo();
        let before = p.deadlines.clone();
        add_next_steps(&mut p);
        // The demo lists its open steps as deadlines too; only the done
        // quote is new.
        assert_eq!(p.deadlines[..before.len()], before[..]);
        let added: Vec<&str> = p.deadlines[before.len()..]
            .iter()
            .map(|d| d.id.as_str())
            .collect();
        assert_eq!(added, ["ns-quote"]);
    }
}

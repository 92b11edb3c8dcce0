//! Deadline maths in the client's own time zone.
//!
//! The browser knows the client's zone; native tests supply their own. A
//! [`Zone`] only has to say which UTC offset applies at a given instant, which
//! is exactly what `Date.prototype.getTimezoneOffset` answers, daylight saving
//! included.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};

use crate::contract::Due;

/// The client's time zone.
pub trait Zone {
    /// The offset from UTC in force at `at`.
    fn offset_at(&self, at: DateTime<Utc>) -> FixedOffset;

    /// The calendar date at `at` in this zone.
    fn local_date(&self, at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&self.offset_at(at)).date_naive()
    }
}

/// A zone that never changes its offset (UTC, or tests).
#[derive(Clone, Copy, Debug)]
pub struct FixedZone(pub FixedOffset);

impl FixedZone {
    pub fn utc() -> Self {
        FixedZone(FixedOffset::east_opt(0).expect("zero offset"))
    }
    pub fn hours(h: i32) -> Self {
        FixedZone(FixedOffset::east_opt(h * 3600).expect("offset within a day"))
    }
}

impl Zone for FixedZone {
    fn offset_at(&self, _: DateTime<Utc>) -> FixedOffset {
        self.0
    }
}

/// Where a due date stands relative to now, in the client's zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DueState {
    /// Past due by this many calendar days (0: earlier today).
    Overdue(i64),
    Today,
    Tomorrow,
    /// Due in this many calendar days (2 or more).
    InDays(i64),
}

impl DueState {
    pub fn is_overdue(self) -> bool {
        matches!(self, DueState::Overdue(_))
    }
}

/// The calendar day a due date falls on, in the client's zone.
pub fn due_date(due: Due, zone: &impl Zone) -> NaiveDate {
    match due {
        Due::Day(d) => d,
        Due::At(t) => zone.local_date(t.with_timezone(&Utc)),
    }
}

/// The last moment something is still on time. A whole-day due date lasts
/// until the end of that day in the client's zone.
pub fn due_instant(due: Due, zone: &impl Zone) -> DateTime<Utc> {
    match due {
        Due::At(t) => t.with_timezone(&Utc),
        Due::Day(d) => {
            let next = d.succ_opt().unwrap_or(d).and_time(NaiveTime::MIN);
            // Guess with the offset at the naive time read as UTC, then
            // correct once: enough for any real zone's transitions.
            let guess = Utc.from_utc_datetime(&next);
            let off = zone.offset_at(guess);
            let at =
                Utc.from_utc_datetime(&(next - Duration::seconds(off.local_minus_utc() as i64)));
            let off2 = zone.offset_at(at);
            Utc.from_utc_datetime(&(next - Duration::seconds(off2.local_minus_utc() as i64)))
                - Duration::seconds(1)
        }
    }
}

/// How a due date stands at `now` for a client in `zone`.
pub fn due_state(due: Due, now: DateTime<Utc>, zone: &impl Zone) -> DueState {
    let today = zone.local_date(now);
    let day = due_date(due, zone);
    let late = match due {
        Due::Day(d) => today > d,
        Due::At(t) => now > t.with_timezone(&Utc),
    };
    let days = (day - today).num_days();
    if late {
        DueState::Overdue((-days).max(0))
    } else {
        match days {
            0 => DueState::Today,
            1 => DueState::Tomorrow,
            n => DueState::InDays(n),
        }
    }
}

/// Milliseconds since the Unix epoch to a UTC instant (the browser's clock).
pub fn from_millis(ms: f64) -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp_millis(ms as i64).unwrap_or_default()
}

/// A UTC offset in minutes east of Greenwich, as an offset.
pub fn offset_from_minutes(minutes_east: i32) -> FixedOffset {
    FixedOffset::east_opt(minutes_east * 60)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::{at, due};

    #[test]
    fn whole_day_is_due_until_midnight_local() {
        let bangkok = FixedZone::hours(7);
        // 23:30 in Bangkok on the 25th is still the 25th.
        let now = at("2026-11-25T16:30:00Z");
        assert_eq!(due_state(due("2026-11-25"), now, &bangkok), DueState::Today);
        // Just after midnight in Bangkok, it is one day late.
        let now = at("2026-11-25T17:00:01Z");
        assert_eq!(
            due_state(due("2026-11-25"), now, &bangkok),
            DueState::Overdue(1)
        );
        assert_eq!(
            due_instant(due("2026-11-25"), &bangkok),
            at("2026-11-25T16:59:59Z")
        );
    }

    #[test]
    fn exact_time_is_overdue_the_moment_it_passes() {
        let utc = FixedZone::utc();
        let d = due("2026-11-25T15:00:00Z");
        assert_eq!(
            due_state(d, at("2026-11-25T14:59:00Z"), &utc),
            DueState::Today
        );
        assert_eq!(
            due_state(d, at("2026-11-25T15:01:00Z"), &utc),
            DueState::Overdue(0)
        );
        assert_eq!(
            due_state(d, at("2026-11-28T09:00:00Z"), &utc),
            DueState::Overdue(3)
        );
    }

    #[test]
    fn the_same_moment_is_a_different_day_in_another_zone() {
        // 23:30 in New York on the 24th is 04:30 on the 25th in London.
        let d = due("2026-11-24T23:30:00-05:00");
        let now = at("2026-11-24T12:00:00Z");
        assert_eq!(due_state(d, now, &FixedZone::hours(-5)), DueState::Today);
        assert_eq!(due_state(d, now, &FixedZone::utc()), DueState::Tomorrow);
        // In Tokyo it is 13:30 on the 25th, while "now" is already the
        // evening of the 24th there.
        assert_eq!(due_state(d, now, &FixedZone::hours(9)), DueState::Tomorrow);
        assert_eq!(
            due_state(d, at("2026-11-24T16:00:00Z"), &FixedZone::hours(9)),
            DueState::Today
        );
    }

    #[test]
    fn counts_calendar_days_ahead() {
        let utc = FixedZone::utc();
        let now = at("2026-11-23T08:00:00Z");
        assert_eq!(due_state(due("2026-11-24"), now, &utc), DueState::Tomorrow);
        assert_eq!(due_state(due("2026-11-30"), now, &utc), DueState::InDays(7));
        assert_eq!(
            due_state(due("2026-11-20"), now, &utc),
            DueState::Overdue(3)
        );
        assert!(due_state(due("2026-11-20"), now, &utc).is_overdue());
    }

    #[test]
    fn millis_round_trip() {
        assert_eq!(from_millis(0.0), at("1970-01-01T00:00:00Z"));
        assert_eq!(offset_from_minutes(420).local_minus_utc(), 7 * 3600);
    }
}

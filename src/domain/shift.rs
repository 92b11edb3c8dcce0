//! Moving every date of a feed by whole days, so the demo agency always
//! looks current: its sample feed is written around one day and replayed
//! around today.

use chrono::{Duration, NaiveDate};

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
    let days = (today - p.generated_at.date_naive()).num_days();
    shift_days(p, days);
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
    }
}

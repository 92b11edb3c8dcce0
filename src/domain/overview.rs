//! What the Overview answers at a glance: what I owe, what is next, the
//! latest win and who to talk to.

use chrono::{DateTime, Utc};

use crate::contract::{
    Approval, ApprovalStatus, Contact, ContactKind, Deadline, Deliverable, Due, Owner, Portal,
    Version, Win,
};
use crate::domain::order::sort_by_i64;
use crate::domain::time::{due_instant, due_state, DueState, FixedZone, Zone};

/// Sort key for a due date in the client's zone.
pub fn due_key(due: Due, zone: &impl Zone) -> i64 {
    due_instant(due, zone).timestamp_millis()
}

/// Something the client owes the agency.
#[derive(Clone, Debug, PartialEq)]
pub struct Owed {
    pub what: OwedKind,
    pub title: String,
    pub due: Due,
    pub state: DueState,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OwedKind {
    /// An approval, by id.
    Approval(String),
    /// A deadline the client owns, by id (with its deliverable, if any).
    Deadline {
        id: String,
        deliverable_id: Option<String>,
    },
}

impl Portal {
    pub fn deliverable(&self, id: &str) -> Option<&Deliverable> {
        self.deliverables.iter().find(|d| d.id == id)
    }
    pub fn approval(&self, id: &str) -> Option<&Approval> {
        self.approvals.iter().find(|a| a.id == id)
    }
    pub fn meeting(&self, id: &str) -> Option<&crate::contract::agreed::Meeting> {
        self.meetings.iter().find(|m| m.id == id)
    }
    pub fn report(&self, id: &str) -> Option<&crate::contract::agreed::Report> {
        self.reports.iter().find(|r| r.id == id)
    }
    pub fn contact(&self, id: &str) -> Option<&Contact> {
        self.contacts.iter().find(|c| c.id == id)
    }
    pub fn contact_of_kind(&self, kind: ContactKind) -> Option<&Contact> {
        self.contacts.iter().find(|c| c.kind == kind)
    }
    /// The escalation chain, lowest level first.
    pub fn escalation_chain(&self) -> Vec<&Contact> {
        let mut v: Vec<&Contact> = self
            .contacts
            .iter()
            .filter(|c| c.kind == ContactKind::Escalation)
            .collect();
        sort_by_i64(&mut v, |c| c.level.map_or(i64::MAX, i64::from));
        v
    }
    /// A deadline is done when the agency says so, or when it is the
    /// deadline of an approval that has been decided.
    pub fn deadline_done(&self, d: &Deadline) -> bool {
        d.done
            || d.approval_id
                .as_deref()
                .and_then(|id| self.approval(id))
                .is_some_and(|a| a.status != ApprovalStatus::Pending)
    }

    /// Approvals that point at this deliverable, newest request first.
    pub fn approvals_for(&self, deliverable_id: &str) -> Vec<&Approval> {
        let mut v: Vec<&Approval> = self
            .approvals
            .iter()
            .filter(|a| a.deliverable_id == deliverable_id)
            .collect();
        sort_by_i64(&mut v, |a| -a.requested_at.timestamp_millis());
        v
    }
}

impl Deliverable {
    pub fn version(&self, id: &str) -> Option<&Version> {
        self.versions.iter().find(|v| v.id == id)
    }
    /// The most recent version by creation time.
    pub fn latest_version(&self) -> Option<&Version> {
        self.versions.iter().max_by_key(|v| v.created_at)
    }
}

/// Everything the client owes, soonest first: pending approvals, and open
/// deadlines the client owns that are not just the deadline of one of those
/// approvals (counted once, not twice).
pub fn owed(p: &Portal, now: DateTime<Utc>, zone: &impl Zone) -> Vec<Owed> {
    let pending: Vec<&Approval> = p
        .approvals
        .iter()
        .filter(|a| a.status == ApprovalStatus::Pending)
        .collect();
    let mut v: Vec<Owed> = pending
        .iter()
        .map(|a| Owed {
            what: OwedKind::Approval(a.id.clone()),
            title: a.title.clone(),
            due: a.due,
            state: due_state(a.due, now, zone),
        })
        .collect();
    v.extend(
        p.deadlines
            .iter()
            .filter(|d| d.owner == Owner::Client && !p.deadline_done(d))
            .filter(|d| {
                !d.approval_id
                    .as_deref()
                    .is_some_and(|id| pending.iter().any(|a| a.id == id))
            })
            .map(|d| Owed {
                what: OwedKind::Deadline {
                    id: d.id.clone(),
                    deliverable_id: d.deliverable_id.clone(),
                },
                title: d.title.clone(),
                due: d.due,
                state: due_state(d.due, now, zone),
            }),
    );
    sort_by_i64(&mut v, |o| due_key(o.due, zone));
    v
}

/// Open deadlines (the client's and the agency's), soonest first.
pub fn open_deadlines<'a>(p: &'a Portal, zone: &impl Zone) -> Vec<&'a Deadline> {
    let mut v: Vec<&Deadline> = p.deadlines.iter().filter(|d| !p.deadline_done(d)).collect();
    sort_by_i64(&mut v, |d| due_key(d.due, zone));
    v
}

/// The next few open deadlines that are not yet late.
pub fn coming_next<'a>(
    p: &'a Portal,
    now: DateTime<Utc>,
    zone: &impl Zone,
    n: usize,
) -> Vec<&'a Deadline> {
    open_deadlines(p, zone)
        .into_iter()
        .filter(|d| !due_state(d.due, now, zone).is_overdue())
        .take(n)
        .collect()
}

/// Wins, newest first.
pub fn wins_newest_first(p: &Portal) -> Vec<&Win> {
    let mut v: Vec<&Win> = p.wins.iter().collect();
    sort_by_i64(&mut v, |w| -due_key(w.date, &FixedZone::utc()));
    v
}

pub fn latest_win(p: &Portal) -> Option<&Win> {
    wins_newest_first(p).into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::{at, demo};

    #[test]
    fn owed_counts_an_approval_and_its_deadline_once() {
        let p = demo();
        let now = p.generated_at.with_timezone(&Utc);
        let owed = owed(&p, now, &FixedZone::utc());
        let pending = p
            .approvals
            .iter()
            .filter(|a| a.status == ApprovalStatus::Pending)
            .count();
        // Deadlines tied to a pending approval are not counted again.
        let own_deadlines = p
            .deadlines
            .iter()
            .filter(|d| d.owner == Owner::Client && !d.done && d.approval_id.is_none())
            .count();
        assert_eq!(owed.len(), pending + own_deadlines);
        // Soonest first.
        let instants: Vec<_> = owed
            .iter()
            .map(|o| due_instant(o.due, &FixedZone::utc()))
            .collect();
        assert!(instants.windows(2).all(|w| w[0] <= w[1]));
        // The demo has something overdue, on purpose.
        assert!(owed.iter().any(|o| o.state.is_overdue()));
    }

    #[test]
    fn a_decided_approval_is_no_longer_owed() {
        let mut p = demo();
        let now = at("2026-11-23T09:00:00Z");
        let before = owed(&p, now, &FixedZone::utc()).len();
        let a = p
            .approvals
            .iter_mut()
            .find(|a| a.status == ApprovalStatus::Pending)
            .unwrap();
        a.status = ApprovalStatus::Approved;
        // Its linked deadline is done too, so nothing takes its place.
        assert_eq!(owed(&p, now, &FixedZone::utc()).len(), before - 1);
    }

    #[test]
    fn coming_next_skips_done_and_late_items() {
        let p = demo();
        let now = p.generated_at.with_timezone(&Utc);
        let next = coming_next(&p, now, &FixedZone::utc(), 3);
        assert!(next.len() <= 3 && !next.is_empty());
        assert!(next.iter().all(|d| !d.done));
        assert!(next
            .iter()
            .all(|d| !due_state(d.due, now, &FixedZone::utc()).is_overdue()));
    }

    #[test]
    fn latest_win_is_the_newest() {
        let p = demo();
        let latest = latest_win(&p).unwrap();
        assert!(p.wins.iter().all(|w| due_instant(w.date, &FixedZone::utc())
            <= due_instant(latest.date, &FixedZone::utc())));
    }

    #[test]
    fn escalation_chain_is_ordered_by_level() {
        let p = demo();
        let chain = p.escalation_chain();
        assert!(chain.len() >= 2);
        assert!(chain.windows(2).all(|w| w[0].level <= w[1].level));
    }
}

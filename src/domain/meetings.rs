//! Meetings' notes: which of the things agreed wait for the client's
//! answer, and the order the meetings are shown in.

use crate::contract::agreed::{Agreement, AgreementStatus, Meeting};
use crate::contract::Portal;
use crate::domain::order::sort_by_i64;

/// An agreement the client has not answered yet: open, or without a
/// status (the contract's default). A status this version does not know is
/// the agency's business, not a question for the client.
pub fn needs_answer(a: &Agreement) -> bool {
    matches!(a.status, None | Some(AgreementStatus::Open))
}

/// How many agreements, over every meeting, wait for the client.
pub fn waiting(p: &Portal) -> usize {
    p.meetings
        .iter()
        .flat_map(|m| &m.agreements)
        .filter(|a| needs_answer(a))
        .count()
}

/// The ids of a meeting's agreements that wait for the client: what "Yes,
/// that's what we agreed" confirms.
pub fn open_ids(m: &Meeting) -> Vec<String> {
    m.agreements
        .iter()
        .filter(|a| needs_answer(a))
        .map(|a| a.id.clone())
        .collect()
}

/// The meetings, newest first.
pub fn newest_first(p: &Portal) -> Vec<Meeting> {
    let mut all = p.meetings.clone();
    sort_by_i64(&mut all, |m| -m.held_at.timestamp_millis());
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::agreed::{Confirmation, ConfirmationRequest};
    use crate::domain::outbox::{overlay, set_meeting, Applied, Pending, Write};
    use crate::domain::testkit::demo;

    fn answer(key: &str, ids: &[&str], status: Confirmation) -> Pending {
        Pending {
            key: key.into(),
            write: Write::Confirmation {
                meeting_id: "m-2026-11-18".into(),
                body: ConfirmationRequest {
                    agreement_ids: ids.iter().map(|s| s.to_string()).collect(),
                    status,
                    comment: (status == Confirmation::Disputed).then(|| "Not so".into()),
                },
            },
            made_at: 0.0,
            not_before: 0.0,
            attempts: 0,
        }
    }

    #[test]
    fn open_and_unmarked_agreements_wait_for_the_client() {
        let p = demo();
        // The demo's weekly check-in has two without a status and one
        // confirmed; the monthly review's are all confirmed.
        assert_eq!(waiting(&p), 2);
        let ids: Vec<String> = p.meetings.iter().flat_map(open_ids).collect();
        assert_eq!(ids, ["ag-hero", "ag-launch"]);
        let mut p = p;
        p.meetings[0].agreements[0].status = Some(AgreementStatus::Open);
        p.meetings[0].agreements[1].status = Some(AgreementStatus::Other);
        assert_eq!(waiting(&p), 1, "an unknown status is not asked about");
    }

    #[test]
    fn answers_not_sent_yet_already_count() {
        let p = demo();
        let shown = overlay(
            &p,
            &[],
            &[
                answer("k1", &["ag-launch"], Confirmation::Disputed),
                answer("k2", &["ag-hero"], Confirmation::Confirmed),
            ],
        );
        assert_eq!(waiting(&shown), 0);
        let pending = [answer("k1", &["ag-launch"], Confirmation::Disputed)];
        assert!(crate::domain::outbox::answer_waiting(&pending, "ag-launch"));
        assert!(!crate::domain::outbox::answer_waiting(&pending, "ag-hero"));
        let m = &shown.meetings[0];
        assert_eq!(m.agreements[0].status, Some(AgreementStatus::Confirmed));
        assert_eq!(m.agreements[1].status, Some(AgreementStatus::Disputed));
        // The feed itself is untouched.
        assert_eq!(waiting(&p), 2);
    }

    #[test]
    fn the_agencys_answer_replaces_the_meeting() {
        let p = demo();
        let mut m = p.meetings[0].clone();
        for a in &mut m.agreements {
            a.status = Some(AgreementStatus::Confirmed);
        }
        let shown = overlay(&p, &[Applied::Meeting(m.clone())], &[]);
        assert_eq!(shown.meetings[0], m);
        assert_eq!(waiting(&shown), 0);
        // A meeting the feed does not have is not added.
        let mut q = p.clone();
        m.id = "m-other".into();
        set_meeting(&mut q, m);
        assert_eq!(q, p);
    }

    #[test]
    fn meetings_are_shown_newest_first() {
        let mut p = demo();
        p.meetings.reverse();
        let order: Vec<String> = newest_first(&p).into_iter().map(|m| m.id).collect();
        assert_eq!(order, ["m-2026-11-18", "m-2026-11-04"]);
    }
}

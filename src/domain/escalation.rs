//! Raising a concern: who can hear it, checking what the client wrote, and
//! when to expect an answer.
//!
//! An anonymous concern is built here without a reply-to address, whatever
//! the form held, so nothing that names the viewer can reach the request.

use crate::contract::{
    Contact, ContactKind, EscalationReceipt, EscalationRequest, Portal, Timestamp, Urgency,
};
use crate::domain::outbox::Applied;
use crate::domain::validate::{char_count, TextProblem};
use chrono::Duration;

/// Longest message the portal sends (characters).
pub const MESSAGE_LIMIT: usize = 4000;
/// Longest topic (characters).
pub const TOPIC_LIMIT: usize = 120;

/// Who can hear a concern, in the order they are offered: the primary
/// contact, the backup, then the escalation chain from the lowest level.
pub fn recipients(p: &Portal) -> Vec<&Contact> {
    let mut out: Vec<&Contact> = [ContactKind::Primary, ContactKind::Backup]
        .into_iter()
        .filter_map(|k| p.contact_of_kind(k))
        .collect();
    out.extend(p.escalation_chain());
    out
}

/// What the client filled in, as the form holds it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Form {
    /// A contact `id`.
    pub to: String,
    pub topic: String,
    /// `low`, `normal` or `high`; anything else counts as `normal`.
    pub urgency: String,
    pub message: String,
    pub reply_to: String,
    pub anonymous: bool,
}

impl Form {
    /// Read a form from named fields (the page's `FormData`, a saved
    /// draft), by the names [`Form::fields`] gives.
    pub fn from_fields(get: impl Fn(&str) -> String) -> Form {
        Form {
            to: get("to"),
            topic: get("topic"),
            urgency: get("urgency"),
            message: get("message"),
            reply_to: get("reply_to"),
            anonymous: get("anonymous") == "1",
        }
    }

    /// The fields by name; an anonymous form gives no reply-to address.
    pub fn fields(&self) -> [(&'static str, &str); 6] {
        [
            ("to", &self.to),
            ("topic", &self.topic),
            ("urgency", &self.urgency),
            ("message", &self.message),
            ("reply_to", if self.anonymous { "" } else { &self.reply_to }),
            ("anonymous", if self.anonymous { "1" } else { "" }),
        ]
    }
}

/// Why a field cannot be sent as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    Text(TextProblem),
    /// Not an email address a reply could reach.
    BadEmail,
    /// Nobody chosen, or someone no longer in the feed.
    NoRecipient,
    /// Anonymous, but the agency has not turned anonymous feedback on.
    NoAnonymous,
}

/// Every field's problem, so all of them can be shown at once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Problems {
    pub to: Option<Problem>,
    pub topic: Option<Problem>,
    pub message: Option<Problem>,
    pub reply_to: Option<Problem>,
}

impl Problems {
    pub fn is_empty(&self) -> bool {
        *self == Problems::default()
    }
}

fn text(s: &str, limit: usize) -> Result<String, Problem> {
    let t = s.trim();
    let length = char_count(t);
    if t.is_empty() {
        Err(Problem::Text(TextProblem::Empty))
    } else if length > limit {
        Err(Problem::Text(TextProblem::TooLong { limit, length }))
    } else {
        Ok(t.to_string())
    }
}

/// A plausible email address: something@domain.tld, no spaces, at most
/// 254 characters. (Whether it exists only a reply can tell.)
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    let labels_ok = domain
        .split('.')
        .all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'));
    s.len() <= 254
        && !local.is_empty()
        && !s
            .bytes()
            .any(|b| b <= b' ' || b"<>()[],;:\"\\".contains(&b))
        && !local.bytes().any(|b| b == b'@')
        && domain.bytes().any(|b| b == b'.')
        && labels_ok
}

/// Check the form against the feed and build what is sent.
pub fn check(f: &Form, p: &Portal) -> Result<EscalationRequest, Problems> {
    let mut problems = Problems::default();
    let known = recipients(p).iter().any(|c| c.id == f.to);
    if !known {
        problems.to = Some(Problem::NoRecipient);
    }
    if f.anonymous && p.anonymous_key.is_none() {
        problems.to = Some(Problem::NoAnonymous);
    }
    let topic = text(&f.topic, TOPIC_LIMIT).map_err(|e| problems.topic = Some(e));
    let message = text(&f.message, MESSAGE_LIMIT).map_err(|e| problems.message = Some(e));
    let reply = f.reply_to.trim();
    // An anonymous concern never carries a reply-to address.
    let reply_to = (!f.anonymous && !reply.is_empty()).then(|| reply.to_string());
    if reply_to.as_deref().is_some_and(|r| !is_email(r)) {
        problems.reply_to = Some(Problem::BadEmail);
    }
    match (topic, message) {
        (Ok(topic), Ok(message)) if problems.is_empty() => Ok(EscalationRequest {
            to: f.to.clone(),
            anonymous: f.anonymous,
            topic,
            urgency: Urgency::from_wire(&f.urgency).unwrap_or(Urgency::Normal),
            message,
            reply_to,
        }),
        _ => Err(problems),
    }
}

/// When the client can expect an answer: the agency's own `respond_by`,
/// else the moment it was received plus the promised hours. Hours are
/// counted as hours: a window over a weekend is not stretched into
/// "business days" the feed never promised.
pub fn respond_by(r: &EscalationReceipt, response_hours: u32) -> Timestamp {
    r.respond_by
        .unwrap_or_else(|| r.received_at + Duration::hours(i64::from(response_hours)))
}

/// A concern the client sent under their own name, kept on their device
/// for the "Your messages" list. (Anonymous ones are never kept.)
#[derive(Clone, Debug, PartialEq)]
pub struct Sent {
    pub reference: String,
    /// Who it went to (name).
    pub to: String,
    pub topic: String,
    /// When the agency received it, and when it promised an answer (ms
    /// since the epoch).
    pub received_ms: i64,
    pub respond_by_ms: i64,
}

/// The saved list: one message a line, fields separated by tabs (a few
/// lines of code instead of a derived JSON reader in the wasm). Tabs and
/// line breaks inside a field become spaces.
pub fn encode(list: &[Sent]) -> String {
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let mut out = String::new();
    for s in list {
        for f in [
            clean(&s.reference),
            clean(&s.to),
            clean(&s.topic),
            s.received_ms.to_string(),
            s.respond_by_ms.to_string(),
        ] {
            out.push_str(&f);
            out.push('\t');
        }
        out.push('\n');
    }
    out
}

/// Read the saved list back; lines that do not read are skipped.
pub fn decode(text: &str) -> Vec<Sent> {
    text.lines()
        .filter_map(|line| {
            let mut f = line.split('\t');
            let mut next = || f.next().map(str::to_string);
            Some(Sent {
                reference: next()?,
                to: next()?,
                topic: next()?,
                received_ms: next()?.parse().ok()?,
                respond_by_ms: next()?.parse().ok()?,
            })
        })
        .collect()
}

impl Sent {
    /// The record of a confirmed concern; `None` for anything else, and for
    /// anonymous concerns, which are never kept.
    pub fn from_applied(a: &Applied, response_hours: u32) -> Option<Sent> {
        let Applied::Escalation {
            to_name,
            body,
            receipt,
            ..
        } = a
        else {
            return None;
        };
        (!body.anonymous).then(|| Sent {
            reference: receipt.reference.clone(),
            to: to_name.clone(),
            topic: body.topic.clone(),
            received_ms: receipt.received_at.timestamp_millis(),
            respond_by_ms: respond_by(receipt, response_hours).timestamp_millis(),
        })
    }
}

/// Most messages the list keeps.
pub const SENT_KEPT: usize = 50;

/// Add a message to the list (newest first), once per reference.
pub fn remember(list: &mut Vec<Sent>, s: Sent) {
    list.retain(|x| x.reference != s.reference);
    list.insert(0, s);
    list.truncate(SENT_KEPT);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::parse;
    use crate::domain::testkit::demo;

    fn form(p: &Portal) -> Form {
        Form {
            to: recipients(p)[0].id.clone(),
            topic: " Deadlines ".into(),
            urgency: "high".into(),
            message: " The video slipped twice. ".into(),
            reply_to: "maya@lumen-coffee.example".into(),
            anonymous: false,
        }
    }

    #[test]
    fn recipients_are_primary_backup_then_the_chain() {
        let p = demo();
        let kinds: Vec<_> = recipients(&p).iter().map(|c| c.kind).collect();
        assert_eq!(kinds[0], ContactKind::Primary);
        assert_eq!(kinds[1], ContactKind::Backup);
        assert!(kinds[2..].iter().all(|k| *k == ContactKind::Escalation));
        let levels: Vec<_> = recipients(&p)[2..].iter().map(|c| c.level).collect();
        let mut sorted = levels.clone();
        sorted.sort();
        assert_eq!(levels, sorted);
    }

    #[test]
    fn a_named_concern_is_trimmed_and_keeps_its_reply_address() {
        let p = demo();
        let r = check(&form(&p), &p).unwrap();
        assert_eq!(r.topic, "Deadlines");
        assert_eq!(r.message, "The video slipped twice.");
        assert_eq!(r.urgency, Urgency::High);
        assert!(!r.anonymous);
        assert_eq!(r.reply_to.as_deref(), Some("maya@lumen-coffee.example"));
    }

    #[test]
    fn an_anonymous_concern_never_carries_a_reply_address() {
        let mut p = demo();
        p.anonymous_key = Some("anon-key".into());
        let f = Form {
            anonymous: true,
            reply_to: "maya@lumen-coffee.example".into(),
            ..form(&p)
        };
        let r = check(&f, &p).unwrap();
        assert!(r.anonymous);
        assert_eq!(r.reply_to, None);
        let json = serde_json::to_string(&r).unwrap();
        assert!(!json.contains("maya"), "{json}");
        assert!(!json.contains(&p.viewer.name), "{json}");
        // Even a malformed address is ignored, not complained about.
        let f = Form {
            reply_to: "not an email".into(),
            ..f
        };
        assert!(check(&f, &p).is_ok());
    }

    #[test]
    fn anonymous_needs_the_agency_to_allow_it() {
        let mut p = demo();
        p.anonymous_key = None;
        let f = Form {
            anonymous: true,
            ..form(&p)
        };
        assert_eq!(check(&f, &p).unwrap_err().to, Some(Problem::NoAnonymous));
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let p = demo();
        let f = Form {
            to: "nobody".into(),
            topic: "   ".into(),
            urgency: "whenever".into(),
            message: "x".repeat(MESSAGE_LIMIT + 1),
            reply_to: "maya@".into(),
            anonymous: false,
        };
        let e = check(&f, &p).unwrap_err();
        assert_eq!(e.to, Some(Problem::NoRecipient));
        assert_eq!(e.topic, Some(Problem::Text(TextProblem::Empty)));
        assert_eq!(
            e.message,
            Some(Problem::Text(TextProblem::TooLong {
                limit: MESSAGE_LIMIT,
                length: MESSAGE_LIMIT + 1
            }))
        );
        assert_eq!(e.reply_to, Some(Problem::BadEmail));
    }

    #[test]
    fn the_limit_counts_characters_not_bytes() {
        let p = demo();
        let f = Form {
            message: "ข".repeat(MESSAGE_LIMIT),
            urgency: String::new(),
            reply_to: String::new(),
            ..form(&p)
        };
        let r = check(&f, &p).unwrap();
        assert_eq!(r.urgency, Urgency::Normal);
        assert_eq!(r.reply_to, None);
    }

    #[test]
    fn a_form_round_trips_through_its_fields_without_an_anonymous_reply_address() {
        let p = demo();
        let named = form(&p);
        let read = |f: &Form| {
            let fields = f.fields();
            Form::from_fields(|k| {
                fields
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map_or_else(String::new, |(_, v)| v.to_string())
            })
        };
        assert_eq!(read(&named), named);
        let anon = Form {
            anonymous: true,
            ..named
        };
        let back = read(&anon);
        assert!(back.anonymous);
        assert_eq!(back.reply_to, "");
        assert_eq!(back.message, anon.message);
    }

    #[test]
    fn emails() {
        for ok in [
            "a@b.co",
            "maya.chen+portal@lumen-coffee.example",
            "x@sub.domain.org",
        ] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in [
            "", "maya", "maya@", "@b.co", "a@b", "a b@c.co", "a@b..co", "a@-b.co", "a@@b.co",
            "<a@b.co>",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    fn receipt(json: &str) -> EscalationReceipt {
        parse(json).unwrap()
    }

    #[test]
    fn the_agency_s_own_answer_time_wins() {
        let r = receipt(
            r#"{"reference":"E-1","received_at":"2026-11-23T10:06:00+01:00","respond_by":"2026-11-23T15:00:00+01:00"}"#,
        );
        assert_eq!(respond_by(&r, 24).to_rfc3339(), "2026-11-23T15:00:00+01:00");
    }

    #[test]
    fn otherwise_the_promised_hours_count_as_hours_over_a_weekend() {
        // Received on a Friday afternoon: 24 hours later is Saturday, not
        // "Monday" (the feed promises hours, not business days).
        let r = receipt(r#"{"reference":"E-2","received_at":"2026-11-27T16:30:00+01:00"}"#);
        let by = respond_by(&r, 24);
        assert_eq!(by.to_rfc3339(), "2026-11-28T16:30:00+01:00");
        assert_eq!(chrono::Datelike::weekday(&by), chrono::Weekday::Sat);
        assert_eq!(respond_by(&r, 72).to_rfc3339(), "2026-11-30T16:30:00+01:00");
        // Across a daylight-saving change the wait is still 24 real hours.
        let r = receipt(r#"{"reference":"E-3","received_at":"2026-03-28T12:00:00+01:00"}"#);
        let by = respond_by(&r, 24).with_timezone(&chrono::Utc);
        assert_eq!(by.to_rfc3339(), "2026-03-29T11:00:00+00:00");
    }

    #[test]
    fn only_named_concerns_are_kept() {
        let p = demo();
        let mut body = check(&form(&p), &p).unwrap();
        let receipt = receipt(r#"{"reference":"E-9","received_at":"2026-11-23T10:00:00Z"}"#);
        let applied = |body: EscalationRequest| Applied::Escalation {
            key: "k".into(),
            to_name: "Ana Ruiz".into(),
            body,
            receipt: receipt.clone(),
        };
        let s = Sent::from_applied(&applied(body.clone()), 24).unwrap();
        assert_eq!(s.reference, "E-9");
        assert_eq!(s.to, "Ana Ruiz");
        assert_eq!(s.respond_by_ms - s.received_ms, 24 * 3600 * 1000);
        body.anonymous = true;
        assert_eq!(Sent::from_applied(&applied(body), 24), None);
    }

    #[test]
    fn the_list_keeps_each_message_once_newest_first() {
        let s = |r: &str| Sent {
            reference: r.into(),
            to: "Ana".into(),
            topic: "T".into(),
            received_ms: 0,
            respond_by_ms: 0,
        };
        let mut list = Vec::new();
        remember(&mut list, s("A"));
        remember(&mut list, s("B"));
        remember(&mut list, s("A"));
        let refs: Vec<_> = list.iter().map(|x| x.reference.as_str()).collect();
        assert_eq!(refs, ["A", "B"]);
        for i in 0..60 {
            remember(&mut list, s(&i.to_string()));
        }
        assert_eq!(list.len(), SENT_KEPT);
    }

    #[test]
    fn the_list_survives_saving_whatever_the_topic_holds() {
        let list = vec![
            Sent {
                reference: "ESC-1".into(),
                to: "Priya Nair".into(),
                topic: "Tabs\there,\nlines — ไทย 中文".into(),
                received_ms: 1_795_000_000_000,
                respond_by_ms: -5,
            },
            Sent {
                reference: "ESC-2".into(),
                to: "Ana".into(),
                topic: String::new(),
                received_ms: 1,
                respond_by_ms: 2,
            },
        ];
        let back = decode(&encode(&list));
        assert_eq!(back.len(), 2);
        assert_eq!(back[0].topic, "Tabs here, lines — ไทย 中文");
        assert_eq!(back[0].received_ms, 1_795_000_000_000);
        assert_eq!(back[0].respond_by_ms, -5);
        assert_eq!(back[1], list[1]);
        assert_eq!(decode("garbage\nESC-3\tA\tT\tnot a number\t1\t\n"), vec![]);
    }
}

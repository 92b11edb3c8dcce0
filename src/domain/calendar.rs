//! Calendar export: deadlines as an RFC 5545 `.ics` file, generated in the
//! browser.
//!
//! - a whole-day due date is an all-day event (`VALUE=DATE`);
//! - an exact moment is written in UTC (`…Z`), with no end (a moment);
//! - each event's `UID` is derived from the deadline's id, so importing the
//!   file again updates events instead of duplicating them;
//! - text is escaped, lines are folded at 75 octets without splitting a
//!   character, and lines end in CRLF.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Timelike, Utc};

use crate::contract::Due;

/// One event to export.
#[derive(Clone, Debug, PartialEq)]
pub struct CalEvent {
    /// Stable across exports: same deadline, same UID.
    pub uid: String,
    pub summary: String,
    pub description: Option<String>,
    pub due: Due,
    pub url: Option<String>,
}

/// A UID for a deadline of a client of an agency: stable, and unique
/// across agencies.
pub fn deadline_uid(deadline_id: &str, agency: &str) -> String {
    let slug: String = agency
        .chars()
        .filter_map(|c| {
            if c.is_ascii_alphanumeric() {
                Some(c.to_ascii_lowercase())
            } else if c.is_whitespace() || c == '-' {
                Some('-')
            } else {
                None
            }
        })
        .collect();
    let id: String = deadline_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("deadline-{id}@{}.client-portal", slug.trim_matches('-'))
}

/// Escape a TEXT value (RFC 5545 §3.3.11).
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Fold a content line at 75 octets (RFC 5545 §3.1), never inside a
/// UTF-8 character, with CRLF line ends.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        // The first line holds 75 octets; continuation lines start with a
        // space, so they hold 74 more.
        if used + n > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
    out
}

fn two(out: &mut String, n: u32) {
    if n < 10 {
        out.push('0');
    }
    out.push_str(&n.to_string());
}

fn date_value(d: NaiveDate) -> String {
    let mut s = d.year().to_string();
    two(&mut s, d.month());
    two(&mut s, d.day());
    s
}

fn utc_value(t: DateTime<Utc>) -> String {
    let mut s = date_value(t.date_naive());
    s.push('T');
    two(&mut s, t.hour());
    two(&mut s, t.minute());
    two(&mut s, t.second());
    s.push('Z');
    s
}

/// The whole `.ics` file. `stamp` is when it was made (`DTSTAMP`).
pub fn calendar(events: &[CalEvent], calendar_name: &str, stamp: DateTime<Utc>) -> String {
    // Lines are joined from parts rather than `format!`ed: this runs in the
    // browser, where every formatting call site adds to the download.
    let mut out = String::new();
    let mut line = |parts: &[&str]| out.push_str(&fold(&parts.concat()));
    line(&["BEGIN:VCALENDAR"]);
    line(&["VERSION:2.0"]);
    line(&["PRODID:-//Client portal//Deadlines//EN"]);
    line(&["CALSCALE:GREGORIAN"]);
    line(&["METHOD:PUBLISH"]);
    line(&["X-WR-CALNAME:", &escape_text(calendar_name)]);
    let stamp = utc_value(stamp);
    for e in events {
        line(&["BEGIN:VEVENT"]);
        line(&["UID:", &e.uid]);
        line(&["DTSTAMP:", &stamp]);
        match e.due {
            Due::Day(d) => {
                line(&["DTSTART;VALUE=DATE:", &date_value(d)]);
                line(&["DTEND;VALUE=DATE:", &date_value(d + Duration::days(1))]);
                line(&["TRANSP:TRANSPARENT"]);
            }
            Due::At(t) => line(&["DTSTART:", &utc_value(t.with_timezone(&Utc))]),
        }
        line(&["SUMMARY:", &escape_text(&e.summary)]);
        if let Some(d) = &e.description {
            line(&["DESCRIPTION:", &escape_text(d)]);
        }
        if let Some(u) = e.url.as_deref().and_then(crate::domain::links::safe_url) {
            if u.starts_with("http") {
                line(&["URL:", &u]);
            }
        }
        line(&["END:VEVENT"]);
    }
    line(&["END:VCALENDAR"]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::{at, now};
    use icalendar::{Calendar, CalendarComponent, CalendarDateTime, Component, DatePerhapsTime};

    fn sample() -> Vec<CalEvent> {
        vec![
            CalEvent {
                uid: deadline_uid("dl-photos", "Northwind Studio"),
                summary: "Send product photos; winter, blends \\ more".into(),
                description: Some("You owe this to Northwind Studio.\nThanks!".into()),
                due: Due::parse("2026-11-21").unwrap(),
                url: Some("https://portal.example/#/deliverables/d-video".into()),
            },
            CalEvent {
                uid: deadline_uid("dl-cut", "Northwind Studio"),
                summary: "ตัดต่อวิดีโอฉบับร่าง — rough cut of the winter video, with a long title that certainly needs folding".into(),
                description: None,
                due: Due::parse("2026-11-27T16:00:00+01:00").unwrap(),
                url: Some("javascript:alert(1)".into()),
            },
        ]
    }

    #[test]
    fn a_real_parser_reads_what_we_write() {
        let ics = calendar(&sample(), "Lumen Coffee: deadlines", now());
        let cal: Calendar = ics.parse().expect("icalendar parses the export");
        let events: Vec<_> = cal
            .components
            .iter()
            .filter_map(|c| match c {
                CalendarComponent::Event(e) => Some(e),
                _ => None,
            })
            .collect();
        assert_eq!(events.len(), 2);

        let photos = events[0];
        assert_eq!(
            photos.get_uid(),
            Some("deadline-dl-photos@northwind-studio.client-portal")
        );
        assert_eq!(
            photos.get_summary(),
            Some("Send product photos; winter, blends \\ more")
        );
        assert_eq!(
            photos.get_description(),
            Some("You owe this to Northwind Studio.\nThanks!")
        );
        assert_eq!(
            photos.get_start(),
            Some(DatePerhapsTime::Date(
                NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
            ))
        );
        assert_eq!(
            photos.get_end(),
            Some(DatePerhapsTime::Date(
                NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
            ))
        );
        assert_eq!(
            photos.get_url(),
            Some("https://portal.example/#/deliverables/d-video")
        );

        let cut = events[1];
        assert!(cut.get_summary().unwrap().starts_with("ตัดต่อวิดีโอฉบับร่าง"));
        assert!(cut
            .get_summary()
            .unwrap()
            .ends_with("certainly needs folding"));
        match cut.get_start() {
            Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(t))) => {
                assert_eq!(t, at("2026-11-27T15:00:00Z"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(cut.get_url(), None, "a script address is never exported");
    }

    #[test]
    fn lines_are_folded_at_75_octets_on_character_boundaries() {
        let ics = calendar(&sample(), "x", now());
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        for l in ics.split("\r\n") {
            assert!(l.len() <= 75, "{l:?} is {} octets", l.len());
            assert!(!l.contains('\n'));
        }
        // Unfolding gives the original text back.
        assert!(ics
            .replace("\r\n ", "")
            .contains("SUMMARY:ตัดต่อวิดีโอฉบับร่าง — rough cut"));
    }

    #[test]
    fn uids_are_stable_and_distinct() {
        assert_eq!(
            deadline_uid("a 1", "Studio Ü"),
            deadline_uid("a 1", "Studio Ü")
        );
        assert_ne!(deadline_uid("a1", "One"), deadline_uid("a1", "Two"));
        assert_eq!(
            deadline_uid("a 1/x", "Studio Ü"),
            "deadline-a_1_x@studio.client-portal"
        );
    }

    #[test]
    fn escapes_text() {
        assert_eq!(escape_text("a;b,c\\d\ne\r"), "a\\;b\\,c\\\\d\\ne");
    }
}

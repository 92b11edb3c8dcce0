//! Asking for something new: checking the request the client wrote, what
//! happens next with it (inside the agreed work, or a quote first), and the
//! client's requests as they stand.
//!
//! The same checks run in the browser before anything is saved and in the
//! demo agency when it answers, and they follow the reference server's
//! (`POST {api}/requests`), so a request the form lets through is one an
//! agency takes.

use chrono::NaiveDate;

use crate::contract::agreed::{AgreedScope, NewRequest, Request, ScopeItem};
use crate::contract::{parse_day, Due, Portal};
use crate::domain::validate::{char_count, TextProblem};

/// Longest title (characters): the details go in the description.
pub const TITLE_LIMIT: usize = 200;
/// Longest description (characters).
pub const DESCRIPTION_LIMIT: usize = 4000;
/// Most links one request carries.
pub const MOST_LINKS: usize = 10;
/// The form's value for "something new" (no part of the agreed work).
pub const NEW: &str = "new";

/// What the client filled in, as the form holds it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Form {
    pub title: String,
    pub description: String,
    /// `YYYY-MM-DD`, or empty for "no particular day".
    pub wanted_by: String,
    /// An `included` scope item's id, [`NEW`], or empty (not chosen yet).
    pub part: String,
    /// Web addresses, one per line.
    pub links: String,
}

impl Form {
    /// Read a form from named fields (the page's `FormData`, a saved
    /// draft), by the names [`Form::fields`] gives.
    pub fn from_fields(get: impl Fn(&str) -> String) -> Form {
        Form {
            title: get("title"),
            description: get("description"),
            wanted_by: get("wanted_by"),
            part: get("part"),
            links: get("links"),
        }
    }

    pub fn fields(&self) -> [(&'static str, &str); 5] {
        [
            ("title", &self.title),
            ("description", &self.description),
            ("wanted_by", &self.wanted_by),
            ("part", &self.part),
            ("links", &self.links),
        ]
    }

    /// Nothing typed yet (a choice alone is not worth keeping as a draft).
    pub fn is_blank(&self) -> bool {
        [&self.title, &self.description, &self.links]
            .iter()
            .all(|s| s.trim().is_empty())
    }

    /// The form as it was, from a request that could not be sent.
    pub fn from_request(r: &NewRequest) -> Form {
        Form {
            title: r.title.clone(),
            description: r.description.clone(),
            wanted_by: match r.wanted_by {
                Some(d @ Due::Day(_)) => d.to_wire(),
                _ => String::new(),
            },
            part: r.scope_item_id.clone().unwrap_or_else(|| NEW.into()),
            links: r.links.join("\n"),
        }
    }
}

/// Why a field cannot be sent as it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    Text(TextProblem),
    /// Not a day the form can read.
    NotADay,
    /// A day before today.
    PastDay,
    /// Neither a part of the agreed work nor "something new" was chosen.
    NoChoice,
    /// A part of the agreed work the feed no longer lists.
    Unlisted,
    TooManyLinks,
    /// This line is not a web address (`https://…`).
    BadLink(String),
}

/// Every field's problem, so all of them can be shown at once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Problems {
    pub title: Option<Problem>,
    pub description: Option<Problem>,
    pub wanted_by: Option<Problem>,
    pub part: Option<Problem>,
    pub links: Option<Problem>,
}

impl Problems {
    /// Each field's problem with the form field it belongs to, in the
    /// order they are on the page.
    pub fn by_field(&self) -> [(&'static str, Option<&Problem>); 5] {
        [
            ("title", self.title.as_ref()),
            ("description", self.description.as_ref()),
            ("wanted_by", self.wanted_by.as_ref()),
            ("part", self.part.as_ref()),
            ("links", self.links.as_ref()),
        ]
    }
}

fn text(s: &str, limit: usize) -> Result<String, Problem> {
    let t = s.trim();
    let length = char_count(t);
    match (t.is_empty(), length > limit) {
        (true, _) => Err(Problem::Text(TextProblem::Empty)),
        (_, true) => Err(Problem::Text(TextProblem::TooLong { limit, length })),
        _ => Ok(t.to_string()),
    }
}

/// The links, one per line, blank lines left out.
fn links(s: &str) -> Result<Vec<String>, Problem> {
    let links: Vec<String> = s
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect();
    if links.len() > MOST_LINKS {
        return Err(Problem::TooManyLinks);
    }
    match links.iter().find(|l| !is_web_address(l)) {
        Some(bad) => Err(Problem::BadLink(bad.clone())),
        None => Ok(links),
    }
}

/// An address a browser opens as a web page: `http(s)://` and a host, no
/// spaces, at most 2,000 characters.
pub fn is_web_address(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/'))
        && s.len() <= 2000
        && !s.contains(char::is_whitespace)
}

/// Check the form against the agreed scope on the client's `today` and
/// build what is sent, or say what is wrong with each field (boxed: a
/// bad link is named in full).
pub fn check(
    f: &Form,
    scope: Option<&AgreedScope>,
    today: NaiveDate,
) -> Result<NewRequest, Box<Problems>> {
    let mut problems = Problems::default();
    let title = text(&f.title, TITLE_LIMIT).map_err(|e| problems.title = Some(e));
    let description =
        text(&f.description, DESCRIPTION_LIMIT).map_err(|e| problems.description = Some(e));
    let wanted = f.wanted_by.trim();
    let wanted_by = match (wanted.is_empty(), parse_day(wanted)) {
        (true, _) => None,
        (false, None) => {
            problems.wanted_by = Some(Problem::NotADay);
            None
        }
        (false, Some(d)) if d < today => {
            problems.wanted_by = Some(Problem::PastDay);
            None
        }
        (false, Some(d)) => Some(Due::Day(d)),
    };
    let scope_item_id = match f.part.as_str() {
        "" => {
            problems.part = Some(Problem::NoChoice);
            None
        }
        NEW => None,
        id => {
            if part(scope, id).is_none() {
                problems.part = Some(Problem::Unlisted);
            }
            Some(id.to_string())
        }
    };
    let links = links(&f.links).map_err(|e| problems.links = Some(e));
    match (title, description, links) {
        (Ok(title), Ok(description), Ok(links)) if problems == Problems::default() => {
            Ok(NewRequest {
                title,
                description,
                wanted_by,
                scope_item_id,
                links,
            })
        }
        _ => Err(Box::new(problems)),
    }
}

/// The included part of the agreed work with this id.
pub fn part<'a>(scope: Option<&'a AgreedScope>, id: &str) -> Option<&'a ScopeItem> {
    scope?.included.iter().find(|i| i.id == id)
}

/// What happens to a request, by the part of the work the client chose.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Next<'a> {
    /// Part of this agreed item: done within the agreed work, once the
    /// agency has confirmed it is.
    Agreed(&'a ScopeItem),
    /// Something new: the agency quotes it first (in its own words, when
    /// the feed gives them), and nothing starts before the client accepts.
    Quote(Option<&'a str>),
}

/// What happens next with a request about `part` (the form's value); none
/// before a choice is made.
pub fn next<'a>(scope: Option<&'a AgreedScope>, part_id: &str) -> Option<Next<'a>> {
    match part_id {
        "" => None,
        NEW => Some(Next::Quote(scope.and_then(|s| s.change_orders.as_deref()))),
        id => part(scope, id).map(Next::Agreed),
    }
}

/// The client's requests, newest first (of two made at the same moment,
/// the one listed later).
pub fn newest_first(p: &Portal) -> Vec<&Request> {
    let mut out: Vec<&Request> = p.requests.iter().rev().collect();
    crate::domain::order::sort_by_i64(&mut out, |r| -r.created_at.timestamp_millis());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::demo;

    fn day(s: &str) -> NaiveDate {
        parse_day(s).unwrap()
    }

    fn form(part: &str) -> Form {
        Form {
            title: "  Gift cards ".into(),
            description: "A page to buy gift cards.".into(),
            wanted_by: "2026-12-01".into(),
            part: part.into(),
            links: "\n https://example.com/idea \n\nhttp://shop.example/a?b=c\n".into(),
        }
    }

    #[test]
    fn a_good_request_is_built_as_sent() {
        let p = demo();
        let today = day("2026-11-23");
        let r = check(&form("s-website"), p.scope.as_ref(), today).unwrap();
        assert_eq!(r.title, "Gift cards");
        assert_eq!(r.wanted_by, Some(Due::Day(day("2026-12-01"))));
        assert_eq!(r.scope_item_id.as_deref(), Some("s-website"));
        assert_eq!(
            r.links,
            ["https://example.com/idea", "http://shop.example/a?b=c"]
        );
        // Something new has no part of the agreed work; no day is fine.
        let mut f = form(NEW);
        f.wanted_by = " ".into();
        f.links.clear();
        let r = check(&f, p.scope.as_ref(), today).unwrap();
        assert_eq!((r.scope_item_id, r.wanted_by), (None, None));
        assert!(r.links.is_empty());
        // Today is not in the past.
        f.wanted_by = "2026-11-23".into();
        assert!(check(&f, p.scope.as_ref(), today).is_ok());
    }

    #[test]
    fn every_problem_is_found_at_once() {
        let p = demo();
        let f = Form {
            title: " ".into(),
            description: "x".repeat(DESCRIPTION_LIMIT + 1),
            wanted_by: "2026-11-22".into(),
            part: String::new(),
            links: "https://ok.example\nwww.example.com".into(),
        };
        let e = check(&f, p.scope.as_ref(), day("2026-11-23")).unwrap_err();
        assert_eq!(e.title, Some(Problem::Text(TextProblem::Empty)));
        assert_eq!(
            e.description,
            Some(Problem::Text(TextProblem::TooLong {
                limit: DESCRIPTION_LIMIT,
                length: DESCRIPTION_LIMIT + 1
            }))
        );
        assert_eq!(e.wanted_by, Some(Problem::PastDay));
        assert_eq!(e.part, Some(Problem::NoChoice));
        assert_eq!(e.links, Some(Problem::BadLink("www.example.com".into())));
        assert_eq!(
            e.by_field().map(|(name, p)| (name, p.is_some())),
            [
                ("title", true),
                ("description", true),
                ("wanted_by", true),
                ("part", true),
                ("links", true)
            ]
        );
    }

    #[test]
    fn days_parts_and_links_are_checked() {
        let p = demo();
        let today = day("2026-11-23");
        let problem = |f: Form| check(&f, p.scope.as_ref(), today).unwrap_err();
        let mut f = form(NEW);
        f.wanted_by = "1 December".into();
        assert_eq!(problem(f).wanted_by, Some(Problem::NotADay));
        // A part that is not agreed (or no longer listed) is not taken.
        for id in ["x-ads", "s-gone"] {
            assert_eq!(problem(form(id)).part, Some(Problem::Unlisted));
        }
        assert_eq!(
            check(&form("s-video"), None, today).unwrap_err().part,
            Some(Problem::Unlisted)
        );
        let mut f = form(NEW);
        f.links = (0..=MOST_LINKS)
            .map(|i| format!("https://example.com/{i}"))
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(problem(f).links, Some(Problem::TooManyLinks));
        for bad in [
            "ftp://example.com",
            "https://",
            "https:///path",
            "javascript:alert(1)",
            "https://exa mple.com",
        ] {
            assert!(!is_web_address(bad), "{bad}");
        }
        assert!(is_web_address("https://drive.example/file/1"));
        let mut f = form(NEW);
        f.title = "t".repeat(TITLE_LIMIT + 1);
        assert!(matches!(
            problem(f).title,
            Some(Problem::Text(TextProblem::TooLong { .. }))
        ));
    }

    #[test]
    fn what_happens_next_follows_the_choice() {
        let p = demo();
        let s = p.scope.as_ref();
        assert_eq!(next(s, ""), None);
        match next(s, "s-video") {
            Some(Next::Agreed(item)) => assert_eq!(item.title, "Winter campaign video"),
            other => panic!("{other:?}"),
        }
        match next(s, NEW) {
            Some(Next::Quote(Some(rule))) => assert!(rule.contains("written quote")),
            other => panic!("{other:?}"),
        }
        // With no agreed scope in the feed, anything is quoted first, in
        // the portal's own words.
        assert_eq!(next(None, NEW), Some(Next::Quote(None)));
        assert_eq!(next(None, "s-video"), None);
    }

    #[test]
    fn a_request_that_failed_goes_back_into_the_form() {
        let p = demo();
        let today = day("2026-11-23");
        for f in [form("s-website"), form(NEW)] {
            let sent = check(&f, p.scope.as_ref(), today).unwrap();
            let back = Form::from_request(&sent);
            assert_eq!(check(&back, p.scope.as_ref(), today), Ok(sent));
            assert_eq!(back.part, f.part);
        }
        assert!(Form::default().is_blank());
        assert!(!form(NEW).is_blank());
    }

    #[test]
    fn requests_are_listed_newest_first() {
        let p = demo();
        let titles: Vec<&str> = newest_first(&p).iter().map(|r| r.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Add the new seasonal blends to the shop",
                "A gift card page for the holidays"
            ]
        );
        let mut p = p;
        let mut twin = p.requests[1].clone();
        twin.title = "Asked at the same moment".into();
        p.requests.push(twin);
        assert_eq!(newest_first(&p)[0].title, "Asked at the same moment");
    }
}

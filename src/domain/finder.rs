//! Finding a deliverable among thousands: words to search for, a status and
//! a scope to keep, an order, and how many are shown. All of it lives in
//! the address (`#/deliverables?q=logo&status=in_review&sort=recent`), so a
//! search can be shared and survives a reload.

use crate::contract::{Deliverable, DeliverableStatus, Scope};
use crate::domain::order::sort_by_i64;
use crate::domain::text::contains;
use crate::domain::time::{due_instant, Zone};
use crate::route::{decode, encode};

/// How many cards are added at a time: the page stays light with any
/// number of deliverables, and "Show more" adds the next ones.
pub const PAGE: usize = 50;

/// The order of the list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// Soonest due first; those without a date last.
    #[default]
    Due,
    /// Newest version or comment first; untouched ones last.
    Recent,
}

impl Sort {
    pub const ALL: [Sort; 2] = [Sort::Due, Sort::Recent];

    /// Its value in the address and in the form.
    pub fn to_wire(self) -> &'static str {
        match self {
            Sort::Due => "due",
            Sort::Recent => "recent",
        }
    }

    pub fn from_wire(s: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|o| o.to_wire() == s)
    }
}

/// What the client asked to see.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Finder {
    /// Words, as typed (each must appear, in any case).
    pub q: String,
    pub status: Option<DeliverableStatus>,
    pub scope: Option<Scope>,
    pub sort: Sort,
}

impl Finder {
    /// Read from the query part of an address (`q=…&status=…`). Values this
    /// version does not know are dropped, never an error: an old shared
    /// link still opens the list.
    pub fn from_query(query: &str) -> Finder {
        let mut f = Finder::default();
        for (k, v) in query
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| (k, decode(&v.replace('+', " "))))
        {
            match k {
                "q" => f.q = v,
                "status" => f.status = DeliverableStatus::from_wire(&v),
                "scope" => f.scope = Scope::from_wire(&v),
                "sort" => f.sort = Sort::from_wire(&v).unwrap_or_default(),
                _ => {}
            }
        }
        f
    }

    /// The query part of the address for this search (`?q=…`), empty when
    /// nothing is narrowed or reordered.
    pub fn to_query(&self) -> String {
        let q = self.q.trim();
        let parts = [
            ("q", (!q.is_empty()).then_some(q)),
            ("status", self.status.map(|s| s.to_wire())),
            ("scope", self.scope.map(|s| s.to_wire())),
            (
                "sort",
                (self.sort != Sort::Due).then(|| self.sort.to_wire()),
            ),
        ];
        let mut out = String::new();
        for (k, v) in parts {
            if let Some(v) = v {
                out.push(if out.is_empty() { '?' } else { '&' });
                out.push_str(k);
                out.push('=');
                out.push_str(&encode(v));
            }
        }
        out
    }

    /// Whether the list is narrowed at all (the order does not narrow it).
    pub fn narrows(&self) -> bool {
        !self.q.trim().is_empty() || self.status.is_some() || self.scope.is_some()
    }
}

/// What is searched and sorted, worked out once per feed rather than on
/// every keystroke.
struct Row {
    /// Title, summary, version labels and notes, in lower case.
    text: String,
    status: DeliverableStatus,
    scope: Scope,
    due: i64,
    recent: i64,
}

/// How text is compared: folded to lower case. The browser's own
/// `toLowerCase` in the app (Rust's needs Unicode tables in the wasm);
/// `str::to_lowercase` in native tests, which agrees with it.
pub type Fold = fn(&str) -> String;

/// The deliverables of a feed, ready to be searched.
pub struct Index {
    rows: Vec<Row>,
    fold: Fold,
}

impl Index {
    pub fn new(ds: &[Deliverable], zone: &impl Zone, fold: Fold) -> Index {
        let rows = ds
            .iter()
            .map(|d| {
                let mut text = d.title.clone();
                for part in d.summary.iter().chain(
                    d.versions
                        .iter()
                        .flat_map(|v| std::iter::once(&v.label).chain(v.notes.iter())),
                ) {
                    text.push('\n');
                    text.push_str(part);
                }
                let text = fold(&text);
                let touched = d
                    .versions
                    .iter()
                    .map(|v| v.created_at)
                    .chain(d.comments.iter().map(|c| c.created_at))
                    .map(|t| t.timestamp())
                    .max();
                Row {
                    text,
                    status: d.status,
                    scope: d.scope,
                    due: d
                        .due
                        .map_or(i64::MAX, |due| due_instant(due, zone).timestamp()),
                    recent: touched.map_or(i64::MAX, |t| -t),
                }
            })
            .collect();
        Index { rows, fold }
    }

    /// How many deliverables there are.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The positions (in the feed) of the deliverables that match, in the
    /// order asked for; ties keep the agency's order.
    pub fn find(&self, f: &Finder) -> Vec<usize> {
        let q = (self.fold)(&f.q);
        let words: Vec<&str> = q.split_whitespace().collect();
        let mut found: Vec<usize> = (0..self.rows.len())
            .filter(|&i| {
                let r = &self.rows[i];
                f.status.is_none_or(|s| s == r.status)
                    && f.scope.is_none_or(|s| s == r.scope)
                    && words.iter().all(|w| contains(&r.text, w))
            })
            .collect();
        let sort = f.sort;
        sort_by_i64(&mut found, |&i| match sort {
            Sort::Due => self.rows[i].due,
            Sort::Recent => self.rows[i].recent,
        });
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::{Comment, Due, Timestamp, Version};
    use crate::domain::time::FixedZone;

    fn ts(s: &str) -> Timestamp {
        chrono::DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn deliverable(id: &str, title: &str) -> Deliverable {
        Deliverable {
            id: id.into(),
            title: title.into(),
            summary: None,
            status: DeliverableStatus::InProgress,
            scope: Scope::Included,
            due: None,
            owner_id: None,
            versions: vec![],
            comments: vec![],
        }
    }

    fn version(id: &str, at: &str) -> Version {
        Version {
            id: id.into(),
            label: id.to_uppercase(),
            created_at: ts(at),
            url: None,
            preview_url: None,
            notes: None,
        }
    }

    fn feed() -> Vec<Deliverable> {
        let mut logo = deliverable("d-logo", "Logo refresh");
        logo.summary = Some("A new mark for the Café".into());
        logo.status = DeliverableStatus::InReview;
        logo.due = Due::parse("2026-12-10");
        logo.versions = vec![version("v1", "2026-11-01T09:00:00Z")];
        logo.versions[0].notes = Some("Warmer green".into());
        let mut site = deliverable("d-site", "Website");
        site.scope = Scope::OutOfScope;
        site.due = Due::parse("2026-12-03T17:00:00+01:00");
        site.comments = vec![Comment {
            id: "c1".into(),
            author: "Ana".into(),
            body: "Looks good".into(),
            created_at: ts("2026-11-20T10:00:00Z"),
            version_id: None,
        }];
        let mut video = deliverable("d-video", "Launch video");
        video.versions = vec![version("v1", "2026-11-10T09:00:00Z")];
        let report = deliverable("d-report", "Logo usage report");
        vec![logo, site, video, report]
    }

    fn ids(ds: &[Deliverable], found: &[usize]) -> Vec<String> {
        found.iter().map(|&i| ds[i].id.clone()).collect()
    }

    #[test]
    fn searches_titles_summaries_and_version_notes_in_any_case() {
        let ds = feed();
        let index = Index::new(&ds, &FixedZone::utc(), |s| s.to_lowercase());
        let find = |q: &str| {
            let f = Finder {
                q: q.into(),
                ..Finder::default()
            };
            ids(&ds, &index.find(&f))
        };
        assert_eq!(find("LOGO"), ["d-logo", "d-report"]);
        assert_eq!(find("café"), ["d-logo"]);
        assert_eq!(find("warmer"), ["d-logo"]);
        // Every word must appear, in any order.
        assert_eq!(find("green logo"), ["d-logo"]);
        assert_eq!(find("green video"), Vec::<String>::new());
        assert_eq!(find("   ").len(), 4);
    }

    #[test]
    fn filters_by_status_and_scope() {
        let ds = feed();
        let index = Index::new(&ds, &FixedZone::utc(), |s| s.to_lowercase());
        let mut f = Finder {
            status: Some(DeliverableStatus::InReview),
            ..Finder::default()
        };
        assert_eq!(ids(&ds, &index.find(&f)), ["d-logo"]);
        f.status = None;
        f.scope = Some(Scope::OutOfScope);
        assert_eq!(ids(&ds, &index.find(&f)), ["d-site"]);
        f.q = "logo".into();
        assert!(index.find(&f).is_empty());
    }

    #[test]
    fn sorts_by_due_date_or_recent_activity_undated_last() {
        let ds = feed();
        let index = Index::new(&ds, &FixedZone::utc(), |s| s.to_lowercase());
        let mut f = Finder::default();
        assert_eq!(
            ids(&ds, &index.find(&f)),
            ["d-site", "d-logo", "d-video", "d-report"]
        );
        f.sort = Sort::Recent;
        assert_eq!(
            ids(&ds, &index.find(&f)),
            ["d-site", "d-video", "d-logo", "d-report"]
        );
    }

    #[test]
    fn round_trips_through_the_address() {
        let f = Finder {
            q: "logo & café?".into(),
            status: Some(DeliverableStatus::ChangesRequested),
            scope: Some(Scope::Included),
            sort: Sort::Recent,
        };
        let query = f.to_query();
        assert_eq!(
            query,
            "?q=logo%20%26%20caf%C3%A9%3F&status=changes_requested&scope=included&sort=recent"
        );
        assert_eq!(Finder::from_query(&query[1..]), f);
        assert_eq!(Finder::default().to_query(), "");
        // What the order alone changes is kept, but it narrows nothing.
        let recent = Finder::from_query("sort=recent");
        assert_eq!(recent.to_query(), "?sort=recent");
        assert!(!recent.narrows());
    }

    #[test]
    fn an_old_or_hand_made_link_still_opens_the_list() {
        let f = Finder::from_query("q=brand+book&status=archived&scope=&sort=oldest&page=3&x");
        assert_eq!(
            f,
            Finder {
                q: "brand book".into(),
                ..Finder::default()
            }
        );
        assert!(f.narrows());
    }
}

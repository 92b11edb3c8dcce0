//! A small typed hash router.
//!
//! Deep links must work when the portal is served from a sub-path of a
//! static host with no rewrite rules, and when it is embedded in a page the
//! agency owns. Only the fragment survives all of that untouched, and
//! leptos_router has no hash mode, so routes live in `location.hash`:
//! `#/deliverables/d-homepage`.

use crate::contract::Scope;

/// The value of `key` in a query (`a=1&b=2`), decoded.
fn param(query: &str, key: &str) -> Option<String> {
    query.split('&').find_map(|kv| {
        kv.split_once('=')
            .filter(|(k, _)| *k == key)
            .map(|(_, v)| decode(v))
    })
}

/// Every page of the portal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Overview,
    Deliverables,
    Deliverable(String),
    Approvals,
    Approval(String),
    Deadlines,
    Wins,
    Contact,
    /// "Something's not right?": the concern form, its topic filled in when
    /// it was opened from a deliverable or an approval.
    Concern(Option<String>),
    /// What we agreed; with a scope, the part that explains it.
    Agreed(Option<Scope>),
    /// Notes of meetings, with what was agreed in them for the client to
    /// confirm or dispute; with an agreement's id, the form to dispute it.
    Meetings(Option<String>),
    /// Monthly reports, newest first; and one of them.
    Reports,
    Report(String),
    /// Asking for something new, and the client's requests so far.
    Requests,
    NotFound,
}

impl Route {
    /// Parse a location fragment (`#/approvals/a1`, with or without `#`).
    pub fn parse(fragment: &str) -> Route {
        let f = fragment.strip_prefix('#').unwrap_or(fragment);
        let (f, query) = f.split_once('?').unwrap_or((f, ""));
        let f = f.trim_start_matches('/').trim_end_matches('/');
        let mut parts = f.splitn(2, '/');
        let head = parts.next().unwrap_or("");
        let id = match parts.next() {
            Some(raw) if raw.is_empty() || raw.bytes().any(|b| b == b'/') => {
                return Route::NotFound
            }
            Some(raw) => Some(decode(raw)),
            None => None,
        };
        match (head, id) {
            ("", None) => Route::Overview,
            ("deliverables", None) => Route::Deliverables,
            ("deliverables", Some(id)) => Route::Deliverable(id),
            ("approvals", None) => Route::Approvals,
            ("approvals", Some(id)) => Route::Approval(id),
            ("deadlines", None) => Route::Deadlines,
            ("meetings", None) => {
                Route::Meetings(param(query, "dispute").filter(|a| !a.is_empty()))
            }
            ("wins", None) => Route::Wins,
            ("reports", None) => Route::Reports,
            ("reports", Some(id)) => Route::Report(id),
            ("requests", None) => Route::Requests,
            ("contact", None) => Route::Contact,
            ("concern", None) => {
                Route::Concern(param(query, "about").filter(|a| !a.trim().is_empty()))
            }
            ("agreed", None) => {
                Route::Agreed(param(query, "scope").and_then(|s| Scope::from_wire(&s)))
            }
            _ => Route::NotFound,
        }
    }

    /// The link to this page.
    pub fn href(&self) -> String {
        match self {
            Route::Overview | Route::NotFound => "#/".into(),
            Route::Deliverables => "#/deliverables".into(),
            Route::Deliverable(id) => format!("#/deliverables/{}", encode(id)),
            Route::Approvals => "#/approvals".into(),
            Route::Approval(id) => format!("#/approvals/{}", encode(id)),
            Route::Deadlines => "#/deadlines".into(),
            Route::Wins => "#/wins".into(),
            Route::Reports => "#/reports".into(),
            Route::Report(id) => format!("#/reports/{}", encode(id)),
            Route::Requests => "#/requests".into(),
            Route::Contact => "#/contact".into(),
            Route::Concern(None) => "#/concern".into(),
            Route::Concern(Some(about)) => format!("#/concern?about={}", encode(about)),
            Route::Agreed(None) => "#/agreed".into(),
            Route::Agreed(Some(s)) => format!("#/agreed?scope={}", s.to_wire()),
            Route::Meetings(None) => "#/meetings".into(),
            Route::Meetings(Some(a)) => format!("#/meetings?dispute={}", encode(a)),
        }
    }

    /// The top-level section this page belongs to (for the navigation).
    pub fn section(&self) -> Route {
        match self {
            Route::Deliverable(_) => Route::Deliverables,
            Route::Approval(_) => Route::Approvals,
            Route::Concern(_) => Route::Contact,
            Route::Agreed(_) | Route::Meetings(_) | Route::Requests => Route::Overview,
            Route::Reports | Route::Report(_) => Route::Wins,
            r => r.clone(),
        }
    }
}

/// Percent-encode a path segment or query value (everything but
/// unreserved ASCII).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Undo [`encode`] (and any other percent-encoding); bad escapes stay as
/// they are.
pub fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::Route;
    use leptos::prelude::*;

    /// The current route, following `hashchange`.
    #[derive(Clone, Copy)]
    pub struct Router(pub ReadSignal<Route>);

    fn current() -> Route {
        Route::parse(&window().location().hash().unwrap_or_default())
    }

    pub fn provide_router() {
        let (route, set_route) = signal(current());
        let handle = window_event_listener(leptos::ev::hashchange, move |_| {
            // A sign-in link opened in this tab (only the fragment changed,
            // so the browser did not reload): start again, so that it is
            // taken, or offered, as at the start (`config::choose_token`).
            let hash = window().location().hash().unwrap_or_default();
            if crate::config::take_token(&hash).0.is_some() {
                let _ = window().location().reload();
                return;
            }
            set_route.set(current());
            // A new page: start at its top, and tell assistive technology
            // where we are by moving focus to its heading, once it is drawn
            // (a page whose code is still on its way calls again).
            FOCUS_PENDING.set(true);
            request_animation_frame(focus_new_page);
        });
        on_cleanup(move || handle.remove());
        provide_context(Router(route));
    }

    thread_local! {
        /// The client went to another page whose heading has not had the
        /// focus yet.
        static FOCUS_PENDING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }

    /// After going to a page, and after drawing one: the focus moves to the
    /// page's heading, or to the part of it the address names, once.
    pub fn focus_new_page() {
        let target = crate::embed::query("#cp-main [data-cp-focus]")
            .or_else(|| crate::embed::query("#cp-main h1"));
        if let Some(h) = target {
            if FOCUS_PENDING.replace(false) {
                let _ = h.focus();
            }
        }
    }

    pub fn use_route() -> ReadSignal<Route> {
        expect_context::<Router>().0
    }

    /// The query part of the current address (`q=logo&status=…`).
    pub fn current_query() -> String {
        let hash = window().location().hash().unwrap_or_default();
        hash.split_once('?')
            .map(|(_, q)| q.to_string())
            .unwrap_or_default()
    }

    /// Put `query` (`?…` or empty) in the address of `route` without a new
    /// history entry or a `hashchange`: a search being typed is not a new
    /// page.
    pub fn replace_query(route: &Route, query: &str) {
        let url = format!("{}{query}", route.href());
        let _ = window()
            .history()
            .and_then(|h| h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url)));
    }
}

#[cfg(target_arch = "wasm32")]
pub use browser::{current_query, focus_new_page, provide_router, replace_query, use_route};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_page() {
        assert_eq!(Route::parse(""), Route::Overview);
        assert_eq!(Route::parse("#"), Route::Overview);
        assert_eq!(Route::parse("#/"), Route::Overview);
        assert_eq!(Route::parse("#/deliverables"), Route::Deliverables);
        assert_eq!(Route::parse("#/deliverables/"), Route::Deliverables);
        assert_eq!(
            Route::parse("#/deliverables/d-homepage"),
            Route::Deliverable("d-homepage".into())
        );
        assert_eq!(
            Route::parse("#/approvals/a%201"),
            Route::Approval("a 1".into())
        );
        assert_eq!(Route::parse("#/deadlines?owner=client"), Route::Deadlines);
        assert_eq!(Route::parse("#/wins"), Route::Wins);
        assert_eq!(Route::parse("#/contact"), Route::Contact);
        assert_eq!(Route::parse("#/concern"), Route::Concern(None));
        assert_eq!(Route::parse("#/concern?about="), Route::Concern(None));
        assert_eq!(
            Route::parse("#/concern?x=1&about=Homepage%20%E2%80%94%20v3"),
            Route::Concern(Some("Homepage — v3".into()))
        );
        assert_eq!(Route::parse("#/agreed"), Route::Agreed(None));
        assert_eq!(
            Route::parse("#/agreed?scope=out_of_scope"),
            Route::Agreed(Some(Scope::OutOfScope))
        );
        assert_eq!(Route::parse("#/agreed?scope=other"), Route::Agreed(None));
        assert_eq!(
            Route::parse("#/agreed?scopex=included"),
            Route::Agreed(None)
        );
        assert_eq!(Route::parse("#/meetings"), Route::Meetings(None));
        assert_eq!(Route::parse("#/meetings?dispute="), Route::Meetings(None));
        assert_eq!(
            Route::parse("#/meetings?dispute=ag%20launch"),
            Route::Meetings(Some("ag launch".into()))
        );
        assert_eq!(Route::parse("#/meetings/m-1"), Route::NotFound);
        assert_eq!(Route::parse("#/nope"), Route::NotFound);
        assert_eq!(Route::parse("#/approvals/a/b"), Route::NotFound);
    }

    #[test]
    fn links_round_trip() {
        for r in [
            Route::Overview,
            Route::Deliverables,
            Route::Deliverable("d 1/ü".into()),
            Route::Approvals,
            Route::Approval("a-1".into()),
            Route::Deadlines,
            Route::Wins,
            Route::Agreed(None),
            Route::Agreed(Some(Scope::ChangeOrder)),
            Route::Meetings(None),
            Route::Meetings(Some("ag-1 & 2".into())),
            Route::Reports,
            Route::Report("r 2026/10".into()),
            Route::Requests,
            Route::Contact,
            Route::Concern(None),
            Route::Concern(Some("Video & edit: v2?".into())),
        ] {
            assert_eq!(Route::parse(&r.href()), r, "{}", r.href());
        }
    }

    #[test]
    fn sections_group_detail_pages() {
        assert_eq!(
            Route::Deliverable("x".into()).section(),
            Route::Deliverables
        );
        assert_eq!(Route::Approval("x".into()).section(), Route::Approvals);
        assert_eq!(Route::Concern(None).section(), Route::Contact);
        assert_eq!(Route::Report("r".into()).section(), Route::Wins);
    }
}

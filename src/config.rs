//! Configuration comes from the embedding page only: the first element with
//! `data-client-portal` carries `data-api`, `data-token`, `data-locale` and
//! `data-parent-origin`. The API address is never read from the address bar, so a
//! crafted link cannot send the client's token elsewhere. A token may arrive
//! in the fragment (`#token=…`); it is moved to sessionStorage and removed
//! from the address bar at once. A link's token never silently replaces a
//! different one this tab already uses: it is offered, and the client
//! chooses ([`choose_token`]).

/// What the embedding page asked for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    /// Base URL of the agency's API; `None` runs the demo agency.
    pub api: Option<String>,
    pub token: Option<String>,
    /// A token from the link that differs from the one this tab already
    /// signs in with: used only if the client says so.
    pub offered: Option<String>,
    pub locale: Option<String>,
    /// When the portal is shown in an iframe: the sites allowed to embed it
    /// (`data-parent-origin`), which are told its height and page. Empty:
    /// it tells nobody.
    pub parent_origins: Vec<String>,
    /// The folder the portal's own files are in, when the page is elsewhere
    /// (`data-assets`; embed.js sets it to its own folder).
    pub assets: Option<String>,
}

/// A file of the portal's, in the `assets` folder (or next to the page).
pub fn asset_url(assets: &str, file: &str) -> String {
    let base = assets.trim();
    if base.is_empty() {
        return file.to_string();
    }
    let mut url = base.to_string();
    if !url.ends_with('/') {
        url.push('/');
    }
    url.push_str(file);
    url
}

/// Clean up a `data-api` value: trimmed, without a trailing slash. Only
/// `http(s)://` URLs and same-origin paths are accepted.
pub fn normalize_api(raw: &str) -> Option<String> {
    let s = raw.trim().trim_end_matches('/');
    let ok = s.starts_with("https://")
        || s.starts_with("http://")
        || (s.starts_with('/') && !s.starts_with("//"));
    (ok && !s.is_empty()).then(|| s.to_string())
}

/// Read `data-parent-origin`: origins separated by spaces or commas, each
/// `scheme://host[:port]` with nothing after it. Anything else is dropped,
/// `*` too: a site that frames the portal is told its page and may move it,
/// so "any site" would let every site read and drive a client's portal.
pub fn parse_origins(raw: &str) -> Vec<String> {
    raw.split([' ', ','])
        .map(|o| o.trim().trim_end_matches('/').to_ascii_lowercase())
        .filter(|o| {
            let rest = o
                .strip_prefix("https://")
                .or_else(|| o.strip_prefix("http://"))
                .unwrap_or("");
            !rest.is_empty() && !rest.contains(['/', '?', '#', '@', '*'])
        })
        .collect()
}

/// May a message go to, or come from, this origin?
pub fn origin_allowed(allowed: &[String], origin: &str) -> bool {
    allowed.iter().any(|a| a.eq_ignore_ascii_case(origin))
}

/// Take a `token=…` parameter out of a location fragment. Returns the token
/// (if any) and the fragment to keep, e.g.
/// `#/approvals/a1?token=abc` → (`abc`, `#/approvals/a1`).
pub fn take_token(fragment: &str) -> (Option<String>, String) {
    let frag = fragment.strip_prefix('#').unwrap_or(fragment);
    let (path, query) = match frag.find('?') {
        Some(i) => (&frag[..i], &frag[i + 1..]),
        None if frag.starts_with("token=") => ("", frag),
        None => (frag, ""),
    };
    let mut token = None;
    let mut kept = Vec::new();
    for part in query.split('&').filter(|p| !p.is_empty()) {
        match part.strip_prefix("token=") {
            Some(t) if !t.is_empty() => token = Some(t.to_string()),
            Some(_) => {}
            None => kept.push(part),
        }
    }
    let mut rest = String::new();
    if !path.is_empty() || !kept.is_empty() {
        rest.push('#');
        rest.push_str(path);
        if !kept.is_empty() {
            rest.push('?');
            rest.push_str(&kept.join("&"));
        }
    }
    (token, rest)
}

/// Which sign-in to use: the embedding page's `data-token`, else the
/// link's token, else the one this tab keeps. Returns the token to use now
/// and, when the link brought a different one than the tab keeps, that one
/// as an offer: a crafted link must not quietly sign the client in as
/// someone else (what they then approve or write would go under that
/// name).
pub fn choose_token(
    page: Option<String>,
    link: Option<String>,
    kept: Option<String>,
) -> (Option<String>, Option<String>) {
    match (page, link, kept) {
        (Some(page), _, _) => (Some(page), None),
        (None, Some(link), Some(kept)) if link != kept => (Some(kept), Some(link)),
        (None, link, kept) => (link.or(kept), None),
    }
}

#[cfg(target_arch = "wasm32")]
mod page {
    use super::*;
    use crate::storage::Store;

    impl Config {
        /// Read the configuration from the mount point, and move a token
        /// from the address bar into sessionStorage.
        pub fn from_page(root: &web_sys::HtmlElement) -> Config {
            let attr = |name: &str| {
                root.get_attribute(name)
                    .map(|v| v.trim().to_string())
                    .filter(|v| !v.is_empty())
            };
            let session = Store::session();
            let location = leptos::prelude::window().location();
            let hash = location.hash().unwrap_or_default();
            let (from_fragment, rest) = take_token(&hash);
            let (token, offered) = choose_token(
                attr("data-token"),
                from_fragment.clone(),
                session.get(crate::storage::keys::TOKEN),
            );
            if let Some(t) = &from_fragment {
                // Kept for the tab only when it is the one used now.
                if token.as_ref() == Some(t) {
                    session.set(crate::storage::keys::TOKEN, t);
                }
                let url = format!(
                    "{}{}{}",
                    location.pathname().unwrap_or_default(),
                    location.search().unwrap_or_default(),
                    rest
                );
                if let Ok(h) = leptos::prelude::window().history() {
                    let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
                }
            }
            Config {
                api: attr("data-api").and_then(|a| normalize_api(&a)),
                token,
                offered,
                locale: attr("data-locale"),
                assets: attr("data-assets"),
                parent_origins: attr("data-parent-origin")
                    .map(|o| parse_origins(&o))
                    .unwrap_or_default(),
            }
        }
    }
}

/// The client chose the link's sign-in over this tab's: keep it for the
/// tab and start again with it (everything kept on this device is kept per
/// person, so nothing of the other sign-in shows or is sent with it).
#[cfg(target_arch = "wasm32")]
pub fn use_offered(token: &str) {
    crate::storage::Store::session().set(crate::storage::keys::TOKEN, token);
    let _ = leptos::prelude::window().location().reload();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_never_silently_replaces_another_sign_in() {
        let s = |v: &str| Some(v.to_string());
        // The first link of a tab is used as it is.
        assert_eq!(choose_token(None, s("a"), None), (s("a"), None));
        // The same link again: nothing to ask.
        assert_eq!(choose_token(None, s("a"), s("a")), (s("a"), None));
        // A different link: the tab keeps its own until the client says.
        assert_eq!(choose_token(None, s("b"), s("a")), (s("a"), s("b")));
        // No link: the tab's own.
        assert_eq!(choose_token(None, None, s("a")), (s("a"), None));
        assert_eq!(choose_token(None, None, None), (None, None));
        // The embedding page decides, whatever the link says.
        assert_eq!(choose_token(s("p"), s("b"), s("a")), (s("p"), None));
    }

    #[test]
    fn api_must_be_http_or_a_local_path() {
        assert_eq!(
            normalize_api(" https://api.example/v1/ "),
            Some("https://api.example/v1".into())
        );
        assert_eq!(normalize_api("/portal-api"), Some("/portal-api".into()));
        assert_eq!(normalize_api("javascript:alert(1)"), None);
        assert_eq!(normalize_api("//evil.example"), None);
        assert_eq!(normalize_api(""), None);
    }

    #[test]
    fn parent_origins_are_exact_sites_never_any_site() {
        assert_eq!(
            parse_origins(
                "https://www.agency.example, http://localhost:8080  HTTPS://Shop.example"
            ),
            vec![
                "https://www.agency.example".to_string(),
                "http://localhost:8080".into(),
                "https://shop.example".into()
            ]
        );
        for bad in [
            "*",
            "https://*",
            "https://*.agency.example",
            "agency.example",
            "https://a.example/path",
            "javascript:x",
            "https://",
            "//a.example",
        ] {
            assert!(parse_origins(bad).is_empty(), "{bad}");
        }
        let allowed = parse_origins("https://www.agency.example");
        assert!(origin_allowed(&allowed, "https://www.agency.example"));
        assert!(!origin_allowed(
            &allowed,
            "https://www.agency.example.evil.example"
        ));
        assert!(!origin_allowed(&allowed, "null"));
        assert!(!origin_allowed(&[], "https://www.agency.example"));
        assert!(!origin_allowed(&["*".into()], "https://anyone.example"));
    }

    #[test]
    fn assets_are_found_in_their_folder_or_next_to_the_page() {
        assert_eq!(asset_url("", "demo/portal.json"), "demo/portal.json");
        assert_eq!(
            asset_url("https://cdn.example/portal", "demo/portal.json"),
            "https://cdn.example/portal/demo/portal.json"
        );
        assert_eq!(
            asset_url("https://cdn.example/portal/", "demo/portal.json"),
            "https://cdn.example/portal/demo/portal.json"
        );
    }

    #[test]
    fn token_is_taken_out_of_the_fragment() {
        assert_eq!(
            take_token("#token=abc"),
            (Some("abc".into()), String::new())
        );
        assert_eq!(
            take_token("#/approvals/a1?token=abc"),
            (Some("abc".into()), "#/approvals/a1".into())
        );
        assert_eq!(
            take_token("#/wins?x=1&token=abc&y=2"),
            (Some("abc".into()), "#/wins?x=1&y=2".into())
        );
        assert_eq!(take_token("#/deadlines"), (None, "#/deadlines".into()));
        assert_eq!(take_token(""), (None, String::new()));
    }
}

//! The frame around every page: header, demo notice, navigation, and the
//! page the route asks for.

use leptos::prelude::*;

use crate::api::{use_backend, Backend};
use crate::contract::ApprovalStatus;
use crate::domain::brand::Brand;
use crate::domain::links::safe_url;
use crate::i18n::{use_i18n, Strings};
use crate::route::{use_route, Route};
use crate::state::feed::use_portal;
use crate::state::shown::use_shown;
use crate::views::dom::{self, el, fill, Node};
use crate::views::language::language_picker;
use crate::views::pages;
use crate::views::portal::portal_view;
use crate::views::writes::writes_status;

#[component]
pub fn Shell() -> impl IntoView {
    // Interface words are read once: changing language re-renders the shell.
    let t = use_i18n().t();
    let backend = use_backend();
    brand_style();
    // The frame above the page is plain DOM (`views::dom`), updated in
    // place where the feed or the route changes it: a `view!` of it cost
    // several times the bytes, in the app's first download.
    // A button, not a `#cp-main` link: the fragment is the router's, and
    // checkers looking for the target in the page cannot see into the
    // shadow root.
    let mut top = vec![dom::text("button", "cp-skip", t.skip_to_content)
        .attr("type", "button")
        .on("click", Box::new(|_| skip_to_main()))];
    if let Backend::Demo(_) = backend {
        top.push(demo_banner(t));
    }
    top.extend([header(t), nav(t)]);
    view! {
        // A link pointed at, touched or focused fetches what its page needs.
        <div class="cp-app" lang=t.tag on:pointerover=|e| pages::preload_for(&e) on:focusin=|e| pages::preload_for(&e)>
            <div use:fill=top></div>
            <main id="cp-main" class="cp-main" tabindex="-1" on:focusin=note_focus>
                <div use:fill=writes_status(t)></div>
                {portal_view()}
            </main>
        </div>
    }
}

/// Note which element of the page has the focus, so that the page, drawn
/// again, gives it back (`views::pages`).
fn note_focus(ev: leptos::ev::FocusEvent) {
    use leptos::wasm_bindgen::JsCast;
    let id = ev
        .target()
        .and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok())
        .map(|e| e.id())
        .unwrap_or_default();
    if let Some(main) = crate::embed::by_id("cp-main") {
        let _ = main.set_attribute(crate::views::pages::FOCUSED, &id);
    }
}

/// The skip link must not touch the hash: the hash is the route.
fn skip_to_main() {
    if let Some(m) = crate::embed::by_id("cp-main") {
        let _ = m.focus();
    }
}

/// The agency's brand colour from the feed, as design tokens with readable
/// text colours (`domain::brand`), in a stylesheet of the shadow root
/// (`embed::set_brand`). The embedding page's own `--cp-*` settings still
/// win.
fn brand_style() {
    let shown = use_shown();
    // A stylesheet outside the view: the effect's whole output is the DOM.
    Effect::new(move || {
        let css = shown.with(|p| {
            p.as_ref()
                .and_then(|p| p.agency.brand_color.as_deref())
                .and_then(Brand::from_color)
                .map(|b| b.css())
                .unwrap_or_default()
        });
        crate::embed::set_brand(&css);
    });
}

/// Says this is the sample agency, with a way to start it afresh.
fn demo_banner(t: &'static Strings) -> Node {
    // Read here, not in the handler: a DOM event runs outside any owner.
    let (portal, backend) = (use_portal(), use_backend());
    let reset = move |_| {
        if let Backend::Demo(d) = &backend {
            d.reset();
        }
        portal.refetch();
    };
    el("aside", "cp-demo")
        .attr("aria-label", t.demo_badge)
        .push(dom::text("span", "cp-demo-badge", t.demo_badge))
        .push(dom::text("span", "cp-demo-text", t.demo_explainer))
        .push(
            dom::text("button", "cp-button cp-button-small", t.demo_reset)
                .attr("type", "button")
                .on("click", Box::new(reset)),
        )
}

/// The agency and the client, who is signed in, the language and the way
/// to raise a concern. What the feed says is filled in when it arrives and
/// whenever it changes; the language picker stays the same element (it may
/// have the focus).
fn header(t: &'static Strings) -> Node {
    let shown = use_shown();
    let brand = el("div", "cp-brand");
    // Drawn empty while the feed loads, so the header keeps its height and
    // nothing below it jumps.
    let viewer = el("p", "cp-viewer");
    let (into, viewer_line) = (brand.0.clone(), viewer.0.clone());
    dom::live(move |last: Option<[Option<String>; 4]>| {
        let now = shown.with(|p| {
            let p = p.as_deref();
            [
                p.and_then(|p| p.agency.logo_url.as_deref().and_then(safe_url)),
                p.map(|p| p.agency.name.clone()),
                p.map(|p| t.prepared_for(&p.client.name)),
                p.map(|p| t.signed_in_as(&p.viewer.name)),
            ]
        });
        if last.as_ref() != Some(&now) {
            let [logo, agency, client, signed_in] = now.clone();
            let agency = agency.unwrap_or_else(|| t.portal_name.to_string());
            let logo = logo.map(|src| {
                el("img", "cp-logo")
                    .attr("src", &src)
                    .attr("alt", &t.logo_of(&agency))
                    .attr("width", "40")
                    .attr("height", "40")
            });
            let names = el("div", "")
                .push(dom::text("p", "cp-agency", &agency))
                .push(dom::text("p", "cp-client", &client.unwrap_or_default()));
            fill(into.clone(), logo.into_iter().chain([names]).collect());
            viewer_line.set_text_content(signed_in.as_deref());
        }
        now
    });
    el("header", "cp-header").push(brand).push(
        el("div", "cp-header-end")
            .push(viewer)
            .push(language_picker(t))
            .push(dom::link(
                &Route::Concern(None).href(),
                "cp-concern-link",
                t.concern_link,
            )),
    )
}

/// The portal's sections; the one shown is marked, and Approvals counts
/// what the client still owes.
fn nav(t: &'static Strings) -> Node {
    let route = use_route();
    let shown = use_shown();
    let sections: [(Route, &str); 6] = [
        (Route::Overview, t.nav_overview),
        (Route::Deliverables, t.nav_deliverables),
        (Route::Approvals, t.nav_approvals),
        (Route::Deadlines, t.nav_deadlines),
        (Route::Wins, t.nav_wins),
        (Route::Contact, t.nav_contact),
    ];
    let links: Vec<(Route, Node)> = sections
        .into_iter()
        .map(|(r, label)| (r.clone(), dom::link(&r.href(), "", label)))
        .collect();
    let list = el("ul", "").push_all(
        links
            .iter()
            .map(|(_, a)| el("li", "").push(a.clone()))
            .collect(),
    );
    // The count beside Approvals, read as "(2)" after the word; not there
    // when nothing is owed.
    let count = dom::text("span", "cp-count", "").attr("aria-hidden", "true");
    let said = dom::text("span", "cp-visually-hidden", "");
    let approvals = links
        .iter()
        .find(|(r, _)| *r == Route::Approvals)
        .map(|(_, a)| a.0.clone());
    dom::live(move |_| {
        let section = route.with(Route::section);
        for (r, a) in &links {
            let _ = match *r == section {
                true => a.0.set_attribute("aria-current", "page"),
                false => a.0.remove_attribute("aria-current"),
            };
        }
    });
    dom::live(move |_| {
        let n = shown.with(|p| {
            p.as_ref().map_or(0, |p| {
                p.approvals
                    .iter()
                    .filter(|a| a.status == ApprovalStatus::Pending)
                    .count()
            })
        });
        match (n, &approvals) {
            (0, _) | (_, None) => {
                count.0.remove();
                said.0.remove();
            }
            (n, Some(a)) => {
                count.0.set_text_content(Some(&n.to_string()));
                said.0.set_text_content(Some(&format!(" ({n})")));
                let _ = a.append_with_node_2(&count.0, &said.0);
            }
        }
    });
    el("nav", "cp-nav")
        .attr("aria-label", t.main_nav)
        .push(list)
}

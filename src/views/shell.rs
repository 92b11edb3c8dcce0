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
use crate::views::language::LanguagePicker;
use crate::views::pages;
use crate::views::portal::portal_view;
use crate::views::writes::WritesStatus;

#[component]
pub fn Shell() -> impl IntoView {
    // Interface words are read once: changing language re-renders the shell.
    let t = use_i18n().t();
    let backend = use_backend();
    brand_style();
    view! {
        // A link pointed at, touched or focused fetches what its page needs.
        <div class="cp-app" lang=t.tag on:pointerover=|e| pages::preload_for(&e) on:focusin=|e| pages::preload_for(&e)>
            // A button, not a `#cp-main` link: the fragment is the router's,
            // and checkers looking for the target in the page cannot see
            // into the shadow root.
            <button type="button" class="cp-skip" on:click=skip_to_main>
                {t.skip_to_content}
            </button>
            <div use:fill=match backend {
                Backend::Demo(_) => vec![demo_banner(t)],
                Backend::Http(_) => vec![],
            }></div>
            <Header />
            <Nav />
            <main id="cp-main" class="cp-main" tabindex="-1" on:focusin=note_focus>
                <WritesStatus />
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
fn skip_to_main(_: leptos::ev::MouseEvent) {
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

#[component]
fn Header() -> impl IntoView {
    let t = use_i18n();
    let shown = use_shown();
    move || {
        let t = t.t();
        let p = shown.get();
        let logo = p
            .as_ref()
            .and_then(|p| p.agency.logo_url.as_deref().and_then(safe_url));
        let agency = p
            .as_ref()
            .map_or(t.portal_name.to_string(), |p| p.agency.name.clone());
        let alt = t.logo_of(&agency);
        view! {
            <header class="cp-header">
                <div class="cp-brand">
                    {logo.map(|src| view! { <img class="cp-logo" src=src alt=alt width="40" height="40" /> })}
                    <div>
                        <p class="cp-agency">{agency}</p>
                        // Drawn empty while the feed loads, so the header
                        // keeps its height and nothing below it jumps.
                        <p class="cp-client">{p.as_ref().map(|p| t.prepared_for(&p.client.name))}</p>
                    </div>
                </div>
                <div class="cp-header-end">
                    <p class="cp-viewer">{p.as_ref().map(|p| t.signed_in_as(&p.viewer.name))}</p>
                    <LanguagePicker />
                    <a class="cp-concern-link" href=Route::Concern(None).href()>{t.concern_link}</a>
                </div>
            </header>
        }
    }
}

#[component]
fn Nav() -> impl IntoView {
    let t = use_i18n().t();
    let route = use_route();
    let shown = use_shown();
    let pending = move || {
        shown
            .get()
            .map(|p| {
                p.approvals
                    .iter()
                    .filter(|a| a.status == ApprovalStatus::Pending)
                    .count()
            })
            .unwrap_or(0)
    };
    let item = move |target: Route, label: fn(&'static crate::i18n::Strings) -> &'static str| {
        let href = target.href();
        let target2 = target.clone();
        let current = move || (route.get().section() == target2).then_some("page");
        let is_approvals = target == Route::Approvals;
        view! {
            <li>
                <a href=href aria-current=current>
                    {label(t)}
                    {move || {
                        let n = pending();
                        (is_approvals && n > 0).then(|| view! {
                            <span class="cp-count" aria-hidden="true">{n}</span>
                            <span class="cp-visually-hidden">{format!(" ({n})")}</span>
                        })
                    }}
                </a>
            </li>
        }
    };
    view! {
        <nav class="cp-nav" aria-label=t.main_nav>
            <ul>
                {item(Route::Overview, |t| t.nav_overview)}
                {item(Route::Deliverables, |t| t.nav_deliverables)}
                {item(Route::Approvals, |t| t.nav_approvals)}
                {item(Route::Deadlines, |t| t.nav_deadlines)}
                {item(Route::Wins, |t| t.nav_wins)}
                {item(Route::Contact, |t| t.nav_contact)}
            </ul>
        </nav>
    }
}

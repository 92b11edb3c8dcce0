//! The frame around every page: header, demo notice, navigation, and the
//! page the route asks for.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::{use_backend, Backend};
use crate::contract::ApprovalStatus;
use crate::contract::Portal;
use crate::domain::links::safe_url;
use crate::i18n::use_i18n;
use crate::route::{use_route, Route};
use crate::views::portal::{portal_view, use_portal, use_shown};
use crate::views::writes::WritesStatus;
use crate::views::{approvals, contact, deadlines, deliverables, overview, wins};
use std::sync::Arc;

#[component]
pub fn Shell() -> impl IntoView {
    let t = use_i18n();
    let backend = use_backend();
    view! {
        <div class="cp-app">
            <a class="cp-skip" href="#cp-main" on:click=skip_to_main>
                {move || t.t().skip_to_content}
            </a>
            {match backend {
                Backend::Demo(_) => Some(view! { <DemoBanner /> }),
                Backend::Http(_) => None,
            }}
            <Header />
            <Nav />
            <main id="cp-main" class="cp-main" tabindex="-1">
                <WritesStatus />
                {portal_view(page)}
            </main>
        </div>
    }
}

/// The skip link must not touch the hash: the hash is the route.
fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    if let Some(m) = document()
        .get_element_by_id("cp-main")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = m.focus();
    }
}

#[component]
fn DemoBanner() -> impl IntoView {
    let t = use_i18n();
    let portal = use_portal();
    let reset = move |_| {
        if let Backend::Demo(d) = use_backend() {
            d.reset();
        }
        portal.refetch();
    };
    view! {
        <aside class="cp-demo" aria-label=move || t.t().demo_badge>
            <span class="cp-demo-badge">{move || t.t().demo_badge}</span>
            <span class="cp-demo-text">{move || t.t().demo_explainer}</span>
            <button type="button" class="cp-button cp-button-small" on:click=reset>
                {move || t.t().demo_reset}
            </button>
        </aside>
    }
}

#[component]
fn Header() -> impl IntoView {
    let t = use_i18n();
    let shown = use_shown();
    move || {
        let t = t.t();
        match shown.get() {
            Some(p) => {
                let logo = p.agency.logo_url.as_deref().and_then(safe_url);
                let agency = p.agency.name.clone();
                view! {
                    <header class="cp-header">
                        <div class="cp-brand">
                            {logo.map(|src| view! {
                                <img class="cp-logo" src=src alt=(t.logo_of)(&agency) width="40" height="40" />
                            })}
                            <div>
                                <p class="cp-agency">{agency.clone()}</p>
                                <p class="cp-client">{(t.prepared_for)(&p.client.name)}</p>
                            </div>
                        </div>
                        <p class="cp-viewer">{(t.signed_in_as)(&p.viewer.name)}</p>
                    </header>
                }
                .into_any()
            }
            None => view! {
                <header class="cp-header">
                    <div class="cp-brand">
                        <p class="cp-agency">{t.portal_name}</p>
                    </div>
                </header>
            }
            .into_any(),
        }
    }
}

#[component]
fn Nav() -> impl IntoView {
    let t = use_i18n();
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
                    {move || label(t.t())}
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
        <nav class="cp-nav" aria-label=move || t.t().main_nav>
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

fn page(route: Route, p: Arc<Portal>) -> AnyView {
    match route {
        Route::Overview => overview::overview_page(p),
        Route::Deliverables => deliverables::deliverables_page(p),
        Route::Deliverable(id) => deliverables::deliverable_page(p, id),
        Route::Approvals => approvals::approvals_page(p),
        Route::Approval(id) => approvals::approval_page(p, id),
        Route::Deadlines => deadlines::deadlines_page(p),
        Route::Wins => wins::wins_page(p),
        Route::Contact => contact::contact_page(p),
        Route::NotFound => view! { <NotFoundPage /> }.into_any(),
    }
}

#[component]
fn NotFoundPage() -> impl IntoView {
    let t = use_i18n().t();
    view! {
        <h1 tabindex="-1">{t.page_not_found_title}</h1>
        <p>{t.page_not_found_body}</p>
        <p><a href=Route::Overview.href()>{t.back_to_overview}</a></p>
    }
}

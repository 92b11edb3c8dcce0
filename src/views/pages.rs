//! Which code draws each page.
//!
//! Every page is built whole into an element of its own and never diffed
//! in place: the caller (`views::portal`) keys it by route and feed, and a
//! change draws it afresh. Mounting each page through one erased handle,
//! rather than returning one type that can be any of the pages, keeps a
//! second (update-in-place) copy of every page's code out of the app.
//! Most pages are plain DOM nodes (`views::dom`) and are put into their
//! element as they are (`drawn`); the few that keep reactive state (the
//! deliverables finder, deciding an approval, the cards of writes waiting
//! to be sent) are mounted by Leptos (`mount`).

use std::any::Any;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::tachys::view::Render;
use leptos::web_sys::Element;

use crate::contract::Portal;
use crate::i18n::use_i18n;
use crate::route::Route;
use crate::views::dom::{self, el, Node};
use crate::views::widgets::page_title;
use crate::views::{
    agreed, approvals, concern, contact, deadlines, deliverables, meetings, overview, reports,
    requests, wins,
};

/// The page for `route`, in an element laid out as if it were not there.
pub fn page_view(route: Route, p: Arc<Portal>) -> impl IntoView {
    view! { <div class="cp-page" use:mount_page=(route, p)></div> }
}

fn mount_page(el: Element, (route, p): (Route, Arc<Portal>)) {
    // Drawn again in place of the same page (the client's own write, or the
    // agency's answer, changed what it shows), the page keeps the focus
    // where it was: on the element of the same id (`views::shell` notes
    // which one had it last).
    let href = route.href();
    let main = crate::embed::by_id("cp-main");
    let last = |name| main.as_ref().and_then(|m| m.get_attribute(name));
    let keep = match last(ROUTE) == Some(href.clone()) {
        true => last(FOCUSED).filter(|id| !id.is_empty()),
        false => None,
    };
    if let Some(m) = &main {
        let _ = m.set_attribute(ROUTE, &href);
    }
    // Kept by this page's owner, and so dropped, taking the page down, with it.
    StoredValue::new_local(draw(route, p, &el));
    if let Some(id) = keep {
        request_animation_frame(move || {
            // Unless it has gone somewhere else meanwhile.
            if crate::embed::focused().is_none() {
                if let Some(e) = crate::embed::by_id(&id) {
                    let _ = e.focus();
                }
            }
        });
    }
}

/// On `#cp-main`: the address of the page drawn last.
const ROUTE: &str = "data-route";
/// On `#cp-main`: the id of the element of the page focused last.
pub const FOCUSED: &str = "data-focused";

fn draw(route: Route, p: Arc<Portal>, el: &Element) -> Box<dyn Any> {
    match route {
        Route::Overview => drawn(el, overview::overview_page(p)),
        Route::Deliverables => mount(el, || deliverables::deliverables_page(p)),
        Route::Deliverable(id) => drawn(el, deliverables::deliverable_page(p, id)),
        Route::Approvals => drawn(el, approvals::approvals_page(p)),
        Route::Approval(id) => mount(el, || approvals::approval_page(p, id)),
        Route::Deadlines => drawn(el, deadlines::deadlines_page(p)),
        Route::Wins => drawn(el, wins::wins_page(p)),
        Route::Contact => drawn(el, contact::contact_page(p)),
        Route::Concern(about) => mount(el, || concern::concern_page(p, about)),
        Route::Agreed(part) => drawn(el, agreed::agreed_page(p, part)),
        Route::Meetings(dispute) => drawn(el, meetings::meetings_page(p, dispute)),
        Route::Reports => drawn(el, reports::reports_page(p)),
        Route::Report(id) => drawn(el, reports::report_page(p, id)),
        Route::Requests => mount(el, || requests::requests_page(p)),
        Route::NotFound => drawn(el, not_found()),
    }
}

/// A page built straight into the DOM (`views::dom`), in `el`. What it
/// keeps (its event listeners) belongs to the current owner, and goes with
/// the page.
fn drawn(el: &Element, nodes: Vec<Node>) -> Box<dyn Any> {
    dom::fill(el.clone(), nodes);
    Box::new(())
}

/// `view` mounted into `el`, under the current owner (so with its contexts).
fn mount<V: Render + 'static>(el: &Element, view: impl FnOnce() -> V + 'static) -> Box<dyn Any> {
    Box::new(leptos::mount::mount_to_renderer(el, view))
}

/// An address that is no page of the portal.
fn not_found() -> Vec<Node> {
    let t = use_i18n().t();
    vec![
        page_title(t.page_not_found_title, Some(t.page_not_found_body)),
        el("p", "").push(dom::link(&Route::Overview.href(), "", t.back_to_overview)),
    ]
}

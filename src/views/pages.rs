//! Which code draws each page.
//!
//! Every page is built whole into an element of its own and never diffed
//! in place: the caller (`views::portal`) keys it by route and feed, and a
//! change draws it afresh. Mounting each page through one erased handle,
//! rather than returning one type that can be any of the pages, keeps a
//! second (update-in-place) copy of every page's code out of the app.

use std::any::Any;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::tachys::view::Render;
use leptos::web_sys::Element;

use crate::contract::Portal;
use crate::i18n::use_i18n;
use crate::route::Route;
use crate::views::{agreed, approvals, concern, contact, deadlines, deliverables, overview, wins};

/// The page for `route`, in an element laid out as if it were not there.
pub fn page_view(route: Route, p: Arc<Portal>) -> impl IntoView {
    view! { <div class="cp-page" use:mount_page=(route, p)></div> }
}

fn mount_page(el: Element, (route, p): (Route, Arc<Portal>)) {
    // Kept by this page's owner, and so dropped, taking the page down, with it.
    StoredValue::new_local(draw(route, p, &el));
}

fn draw(route: Route, p: Arc<Portal>, el: &Element) -> Box<dyn Any> {
    match route {
        Route::Overview => mount(el, || overview::overview_page(p)),
        Route::Deliverables => mount(el, || deliverables::deliverables_page(p)),
        Route::Deliverable(id) => mount(el, || deliverables::deliverable_page(p, id)),
        Route::Approvals => mount(el, || approvals::approvals_page(p)),
        Route::Approval(id) => mount(el, || approvals::approval_page(p, id)),
        Route::Deadlines => mount(el, || deadlines::deadlines_page(p)),
        Route::Wins => mount(el, || wins::wins_page(p)),
        Route::Contact => mount(el, || contact::contact_page(p)),
        Route::Concern(about) => mount(el, || concern::concern_page(p, about)),
        Route::Agreed(part) => mount(el, move || agreed::agreed_page(p, part)),
        Route::NotFound => mount(el, || view! { <NotFoundPage /> }),
    }
}

/// `view` mounted into `el`, under the current owner (so with its contexts).
fn mount<V: Render + 'static>(el: &Element, view: impl FnOnce() -> V + 'static) -> Box<dyn Any> {
    Box::new(leptos::mount::mount_to_renderer(el, view))
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

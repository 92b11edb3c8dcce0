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
//!
//! Only the Overview's code is in the app's first download. Every other
//! page is drawn by a part of the app fetched when it is first needed
//! (`chunks!`; release builds split them out, `scripts/release-wasm.sh`),
//! or ahead: when a link to it is pointed at or focused (`preload_for`),
//! and a few seconds after the first page (`preload_when_idle`).

use std::any::Any;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::tachys::view::Render;
use leptos::wasm_split::SplitLoaderError;
use leptos::web_sys::Element;

use crate::contract::Portal;
use crate::i18n::use_i18n;
use crate::route::Route;
use crate::views::dom::{self, el, Node};
use crate::views::widgets::{loading, page_title};
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
    // What the page keeps is kept by this page's owner, and so dropped,
    // taking the page down, with it.
    let kept = StoredValue::new_local(None::<Box<dyn Any>>);
    preload_when_idle();
    let Some(chunk) = Chunk::of(&route) else {
        kept.set_value(Some(draw_main(route, p, &el)));
        keep_focus(keep);
        return;
    };
    // Every other page's code arrives when it is first needed (and is
    // fetched ahead: `preload_when_idle`, `preload_for`).
    let owner = Owner::current().expect("a page is mounted under an owner");
    load(owner, chunk, route, p, el, kept, keep);
}

/// Fetch `chunk`, then draw `route` with it into `el`, as `owner`. If it
/// cannot be fetched (the connection dropped), the page says so and offers
/// to try again.
fn load(
    owner: Owner,
    chunk: Chunk,
    route: Route,
    p: Arc<Portal>,
    el: Element,
    kept: StoredValue<Option<Box<dyn Any>>, LocalStorage>,
    keep: Option<String>,
) {
    let t = owner.with(|| use_i18n().t());
    // Shown while the part is fetched (never painted when it is already
    // here: drawing follows in the same task).
    dom::fill(el.clone(), vec![loading(t.page_loading)]);
    let fut = owner.clone().with(|| {
        ScopedFuture::new(async move {
            let loaded = chunk.preload().await;
            // Gone meanwhile (the client went elsewhere): nothing to draw.
            if kept.is_disposed() {
                return;
            }
            if loaded.is_ok() {
                if let Ok(page) = chunk.draw(route, p, el.clone()).await {
                    kept.set_value(Some(page));
                    keep_focus(keep);
                    // Went to this page before its code was here.
                    crate::route::focus_new_page();
                }
                return;
            }
            let retry = (owner, route, p, el.clone());
            let again = dom::text("button", "cp-button", t.try_again)
                .attr("type", "button")
                .on(
                    "click",
                    Box::new(move |_| {
                        let (owner, route, p, el) = retry.clone();
                        load(owner, chunk, route, p, el, kept, None);
                    }),
                );
            dom::fill(
                el,
                vec![
                    page_title(t.page_failed_title, Some(t.page_failed_body)),
                    dom::el("p", "").push(again),
                ],
            );
            crate::route::focus_new_page();
        })
    });
    leptos::task::spawn_local(fut);
}

fn keep_focus(keep: Option<String>) {
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

/// The pages whose code is in the app's first download.
fn draw_main(route: Route, p: Arc<Portal>, el: &Element) -> Box<dyn Any> {
    match route {
        Route::Overview => drawn(el, overview::overview_page(p)),
        _ => drawn(el, not_found()),
    }
}

type Drawn = Result<Box<dyn Any>, SplitLoaderError>;

/// The parts of the app fetched when first needed, each with the pages it
/// draws. In release builds (`cfg(split)`, set by build.rs) each `draw` is
/// a split point: `scripts/release-wasm.sh` moves what only it reaches into
/// a wasm file of its own, which `preload` fetches. Elsewhere everything is
/// one module and loading is immediate.
macro_rules! chunks {
    ($($chunk:ident: $preload:ident, $draw:ident, |$route:ident, $p:ident, $el:ident| $body:expr;)*) => {
        #[derive(Clone, Copy, Debug, PartialEq)]
        #[allow(non_camel_case_types)]
        enum Chunk { $($chunk),* }

        impl Chunk {
            const ALL: &[Chunk] = &[$(Chunk::$chunk),*];

            /// Fetch this part of the app, once.
            async fn preload(self) -> Result<(), SplitLoaderError> {
                match self { $(Chunk::$chunk => $preload().await),* }
            }

            /// Draw `route` (one of this part's pages) into `el`.
            async fn draw(self, route: Route, p: Arc<Portal>, el: Element) -> Drawn {
                match self { $(Chunk::$chunk => $draw(route, p, el).await),* }
            }
        }

        $(
            #[cfg(split)]
            #[leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible, preload($preload))]
            fn $draw($route: Route, $p: Arc<Portal>, $el: Element) -> Drawn {
                Ok($body)
            }

            #[cfg(not(split))]
            async fn $preload() -> Result<(), SplitLoaderError> {
                Ok(())
            }

            #[cfg(not(split))]
            async fn $draw($route: Route, $p: Arc<Portal>, $el: Element) -> Drawn {
                Ok($body)
            }
        )*
    };
}

chunks! {
    deliverables: preload_deliverables, draw_deliverables, |route, p, el| match route {
        Route::Deliverable(id) => drawn(&el, deliverables::deliverable_page(p, id)),
        _ => mount(&el, || deliverables::deliverables_page(p)),
    };
    approvals: preload_approvals, draw_approvals, |route, p, el| match route {
        Route::Approval(id) => mount(&el, || approvals::approval_page(p, id)),
        _ => drawn(&el, approvals::approvals_page(p)),
    };
    contact: preload_contact, draw_contact, |route, p, el| match route {
        Route::Concern(about) => mount(&el, || concern::concern_page(p, about)),
        _ => drawn(&el, contact::contact_page(p)),
    };
    agreed: preload_agreed, draw_agreed, |route, p, el| match route {
        Route::Meetings(dispute) => drawn(&el, meetings::meetings_page(p, dispute)),
        Route::Requests => mount(&el, || requests::requests_page(p)),
        Route::Agreed(part) => drawn(&el, agreed::agreed_page(p, part)),
        _ => drawn(&el, not_found()),
    };
    // Three small pages that share most of their code.
    results: preload_results, draw_results, |route, p, el| match route {
        Route::Deadlines => drawn(&el, deadlines::deadlines_page(p)),
        Route::Wins => drawn(&el, wins::wins_page(p)),
        Route::Report(id) => drawn(&el, reports::report_page(p, id)),
        _ => drawn(&el, reports::reports_page(p)),
    };
}

impl Chunk {
    /// The part of the app that draws `route`; `None` for the pages in the
    /// first download.
    fn of(route: &Route) -> Option<Chunk> {
        Some(match route {
            Route::Overview | Route::NotFound => return None,
            Route::Deliverables | Route::Deliverable(_) => Chunk::deliverables,
            Route::Approvals | Route::Approval(_) => Chunk::approvals,
            Route::Contact | Route::Concern(_) => Chunk::contact,
            Route::Agreed(_) | Route::Meetings(_) | Route::Requests => Chunk::agreed,
            Route::Deadlines | Route::Wins | Route::Reports | Route::Report(_) => Chunk::results,
        })
    }
}

/// How long after the first page the rest of the app starts to be fetched
/// ahead: not in the burst of starting up, where it would hold up the
/// client's first taps (a link they point at or focus is fetched at once:
/// [`preload_for`]).
const PRELOAD_AFTER: std::time::Duration = std::time::Duration::from_secs(4);

/// Once the first page is drawn and the browser has had time to settle,
/// fetch every part of the app not fetched yet, one at a time and each
/// when the browser has nothing else to do, so that going to any page
/// later does not wait for the network. (A part that fails to arrive is
/// fetched again when its page is opened.)
fn preload_when_idle() {
    static STARTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if STARTED.swap(true, std::sync::atomic::Ordering::Relaxed) {
        return;
    }
    set_timeout(|| preload_from(0), PRELOAD_AFTER);
}

/// Fetch `Chunk::ALL[i..]`, one part per idle moment.
fn preload_from(i: usize) {
    let Some(&c) = Chunk::ALL.get(i) else { return };
    let next = move || {
        leptos::task::spawn_local(async move {
            let _ = c.preload().await;
            preload_from(i + 1);
        })
    };
    // Safari has no requestIdleCallback.
    match js_sys::Reflect::has(&window(), &"requestIdleCallback".into()).unwrap_or(false) {
        true => {
            request_idle_callback(next);
        }
        false => next(),
    }
}

/// The client points at, touches or tabs to a link: fetch the part of the
/// app its page needs now, before the click (on the shell, for every link
/// of the portal).
pub fn preload_for(ev: &leptos::web_sys::Event) {
    use leptos::wasm_bindgen::JsCast;
    let href = ev
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|e| e.closest("a[href^='#/']").ok().flatten())
        .and_then(|a| a.get_attribute("href"));
    if let Some(c) = href.and_then(|h| Chunk::of(&Route::parse(&h))) {
        leptos::task::spawn_local(async move {
            let _ = c.preload().await;
        });
    }
}

/// A page built straight into the DOM (`views::dom`), in `el`. What it
/// keeps (its event listeners) belongs to the current owner, and goes with
/// the page.
fn drawn(el: &Element, nodes: Vec<Node>) -> Box<dyn Any> {
    dom::fill(el.clone(), nodes);
    Box::new(())
}

/// `view` mounted into `el`, under the current owner (so with its contexts),
/// in place of what it held ("Opening this page…").
fn mount<V: Render + 'static>(el: &Element, view: impl FnOnce() -> V + 'static) -> Box<dyn Any> {
    el.set_text_content(None);
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

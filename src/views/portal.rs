//! The one wrapper every page renders through: Transition → ErrorBoundary
//! → Suspend, over the feed as shown (`state::shown`).

use std::sync::Arc;

use leptos::prelude::*;

use crate::api::ApiError;
use crate::route::use_route;
use crate::state::feed::use_portal;
use crate::state::shown::use_shown;
use crate::views::dom::fill;
use crate::views::error::ErrorPanel;
use crate::views::pages;
use crate::views::widgets::loading;

/// Render the page for the current route from the feed. Loading and error
/// states live here, once, for every page: Transition → ErrorBoundary →
/// Suspend. `views::pages` draws the page itself.
pub fn portal_view() -> impl IntoView {
    let data = use_portal();
    let route = use_route();
    let t = crate::i18n::use_i18n();
    view! {
        <Transition fallback=move || view! { <div use:fill=vec![loading(t.t().loading)]></div> }>
            <ErrorBoundary fallback=move |errors| view! { <ErrorPanel errors /> }>
                {move || {
                    let r = route.get();
                    Suspend::new(async move {
                        // Waiting and errors come from the feed itself…
                        let feed = data.0.await?;
                        // …what is shown also carries the client's writes.
                        let shown = use_shown();
                        // One keyed item: when the route or what is shown
                        // changes, the page is built afresh rather than
                        // diffed in place, which keeps a second (rebuild)
                        // copy of every page's code out of the app.
                        let each = move || {
                            let p = shown.get().unwrap_or_else(|| feed.clone());
                            let key = (r.href(), Arc::as_ptr(&p) as usize);
                            [(key, r.clone(), p)]
                        };
                        Ok::<_, ApiError>(view! {
                            <For each=each key=|(k, _, _)| k.clone() children=move |(_, r, p)| pages::page_view(r, p) />
                        })
                    })
                }}
            </ErrorBoundary>
        </Transition>
    }
}

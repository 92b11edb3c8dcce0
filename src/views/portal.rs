//! The portal feed as a shared, refreshable resource, and the one wrapper
//! every page renders through: Transition → ErrorBoundary → Suspend.

use std::sync::Arc;

use leptos::prelude::*;

use crate::api::{use_backend, ApiError};
use crate::contract::Portal;
use crate::domain::outbox::overlay;
use crate::route::{use_route, Route};
use crate::views::error::ErrorPanel;

pub type Feed = Result<Arc<Portal>, ApiError>;

#[derive(Clone, Copy)]
pub struct PortalData(pub LocalResource<Feed>);

impl PortalData {
    pub fn refetch(&self) {
        self.0.refetch();
    }
}

/// The feed as the client sees it: with this visit's confirmed writes and
/// the writes not sent yet laid over it. Pages, the header and the counts
/// all read this, so a decision shows everywhere at once. It only changes
/// when what is shown changes (a retry count does not re-render a page).
#[derive(Clone, Copy)]
pub struct Shown(pub Memo<Option<Arc<Portal>>>);

pub fn provide_shown() {
    let data = use_portal();
    let w = crate::views::writes::use_writes();
    // What the overlay depends on, cheaply comparable: the feed's identity,
    // how many answers arrived, and which writes are pending (a write's
    // content never changes under its key; retries and countdowns do not
    // change what is shown).
    let inputs = Memo::new(move |_| {
        let feed = data
            .0
            .get()
            .and_then(Result::ok)
            .map_or(0, |f| Arc::as_ptr(&f) as usize);
        let answers = w.applied.with(Vec::len);
        let pending: Vec<String> = w
            .outbox
            .with(|o| o.items.iter().map(|p| p.key.clone()).collect());
        (feed, answers, pending)
    });
    let memo = Memo::new_with_compare(
        move |_| {
            // Read (not just track): a memo computes lazily, and only a
            // computed memo subscribes to what it depends on.
            inputs.with(|_| ());
            let feed = data.0.get_untracked()?.ok()?;
            let shown = w
                .applied
                .with_untracked(|a| w.outbox.with_untracked(|o| overlay(&feed, a, &o.items)));
            Some(Arc::new(shown))
        },
        // Recomputed only when the inputs changed, so always news.
        |_, _| true,
    );
    provide_context(Shown(memo));
}

/// The shown feed, once loaded (for the header and navigation).
pub fn use_shown() -> Memo<Option<Arc<Portal>>> {
    expect_context::<Shown>().0
}

pub fn provide_portal() {
    let backend = use_backend();
    let res = LocalResource::new(move || {
        let b = backend.clone();
        async move {
            let feed = b.portal().await?;
            if let Some(c) = feed.contact_of_kind(crate::contract::ContactKind::Primary) {
                crate::views::error::remember_help_contact(&crate::contract::HelpContact {
                    name: c.name.clone(),
                    email: c.email.clone(),
                    phone: c.phone.clone(),
                });
            }
            Ok(Arc::new(feed))
        }
    });
    provide_context(PortalData(res));
}

pub fn use_portal() -> PortalData {
    expect_context::<PortalData>()
}

/// Render the page for the current route from the feed. Loading and error
/// states live here, once, for every page: Transition → ErrorBoundary →
/// Suspend. `page` is a plain function so there is exactly one copy of this
/// machinery in the app.
pub fn portal_view<V: IntoView + 'static>(page: fn(Route, Arc<Portal>) -> V) -> impl IntoView {
    let data = use_portal();
    let route = use_route();
    let t = crate::i18n::use_i18n();
    view! {
        <Transition fallback=move || view! { <Loading label=t.t().loading /> }>
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
                            <For each=each key=|(k, _, _)| k.clone() children=move |(_, r, p)| page(r, p) />
                        })
                    })
                }}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
pub fn Loading(label: &'static str) -> impl IntoView {
    view! {
        <div class="cp-loading" role="status" aria-live="polite">
            <span class="cp-spinner" aria-hidden="true"></span>
            <span>{label}</span>
        </div>
    }
}

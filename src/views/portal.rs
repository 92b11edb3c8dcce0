//! The portal feed as a shared, refreshable resource, and the one wrapper
//! every page renders through: Transition → ErrorBoundary → Suspend.

use std::sync::Arc;

use leptos::prelude::*;

use crate::api::{use_backend, ApiError};
use crate::contract::Portal;
use crate::route::{use_route, Route};
use crate::views::error::ErrorPanel;

pub type Feed = Result<Arc<Portal>, ApiError>;

#[derive(Clone, Copy)]
pub struct PortalData(pub LocalResource<Feed>);

impl PortalData {
    /// The feed if it has loaded without error (for the shell's header).
    pub fn loaded(&self) -> Option<Arc<Portal>> {
        self.0.get().and_then(Result::ok)
    }
    pub fn refetch(&self) {
        self.0.refetch();
    }
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
pub fn portal_view(page: fn(Route, Arc<Portal>) -> AnyView) -> impl IntoView {
    let data = use_portal();
    let route = use_route();
    let t = crate::i18n::use_i18n();
    view! {
        <Transition fallback=move || view! { <Loading label=t.t().loading /> }>
            <ErrorBoundary fallback=move |errors| view! { <ErrorPanel errors /> }>
                {move || {
                    let r = route.get();
                    Suspend::new(async move { data.0.await.map(|p| page(r, p)) })
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

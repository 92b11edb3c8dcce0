//! The portal feed: one shared resource, refetched on demand (after a
//! "Try again", or by a write that needs the agency's latest).

use std::sync::Arc;

use leptos::prelude::*;

use crate::api::{use_backend, ApiError};
use crate::contract::{ContactKind, HelpContact, Portal};

pub type Feed = Result<Arc<Portal>, ApiError>;

#[derive(Clone, Copy)]
pub struct PortalData(pub LocalResource<Feed>);

impl PortalData {
    pub fn refetch(&self) {
        self.0.refetch();
    }
}

pub fn provide_portal() {
    let backend = use_backend();
    let res = LocalResource::new(move || {
        let b = backend.clone();
        async move {
            let mut feed = b.portal().await?;
            crate::domain::deadlines::add_next_steps(&mut feed);
            if let Some(c) = feed.contact_of_kind(ContactKind::Primary) {
                crate::state::help::remember(&HelpContact {
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

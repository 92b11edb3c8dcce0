//! The feed as shown: the agency's feed with the client's writes laid over
//! it (`domain::outbox::overlay`), derived, never synced.

use std::sync::Arc;

use leptos::prelude::*;

use crate::contract::Portal;
use crate::domain::outbox::overlay;
use crate::state::feed::use_portal;
use crate::state::writes::use_writes;

/// The feed as the client sees it: with this visit's confirmed writes and
/// the writes not sent yet laid over it. Pages, the header and the counts
/// all read this, so a decision shows everywhere at once. It only changes
/// when what is shown changes (a retry count does not re-render a page).
#[derive(Clone, Copy)]
pub struct Shown(pub Memo<Option<Arc<Portal>>>);

pub fn provide_shown() {
    let data = use_portal();
    let w = use_writes();
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

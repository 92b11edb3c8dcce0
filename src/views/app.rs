//! The root: provides one context per concern, then the shell.

use leptos::either::EitherOf3;
use leptos::prelude::*;

use crate::api::{provide_backend, Backend};
use crate::config::Config;
use crate::i18n::{provide_i18n, use_i18n, EN};
use crate::route::provide_router;
use crate::state::feed::provide_portal;
use crate::state::shown::provide_shown;
use crate::state::writes::provide_writes;
use crate::storage::{person_scope, Store};
use crate::views::dom::fill;
use crate::views::shell::Shell;
use crate::views::switch::switch_sign_in;
use crate::views::widgets::loading;

pub fn app(config: Config) -> impl IntoView {
    // Whose drafts and unsent writes this is, before anything reads them.
    Store::set_person(person_scope(config.api.as_deref(), config.token.as_deref()));
    provide_i18n(config.locale.as_deref(), config.assets.as_deref());
    provide_backend(Backend::from_config(&config));
    provide_router();
    provide_portal();
    provide_writes();
    provide_shown();
    // Every view reads its words once; choosing a language draws the
    // shell again. What the client typed survives: forms keep drafts on
    // this device as they change.
    // A reader of another language waits the moment its texts take to
    // arrive, rather than seeing the portal in English first.
    let i18n = use_i18n();
    // A link that would sign in differently waits for the client's choice.
    let asking = RwSignal::new(config.offered.is_some());
    let offered = config.offered.unwrap_or_default();
    move || {
        i18n.locale();
        if !i18n.ready() {
            EitherOf3::A(view! { <div use:fill=vec![loading(EN.loading)]></div> })
        } else if asking.get() {
            EitherOf3::B(switch_sign_in(offered.clone(), asking))
        } else {
            EitherOf3::C(view! { <Shell /> })
        }
    }
}

//! The one place an [`ApiError`] becomes words on the screen.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::contract::{ContractError, HelpContact};
use crate::i18n::use_i18n;
use crate::state::feed::use_portal;
use crate::state::help;
use crate::views::dom::fill;
use crate::views::widgets::contact_links;

/// What an ErrorBoundary shows: each error, in plain words.
#[component]
pub fn ErrorPanel(errors: ArcRwSignal<Errors>) -> impl IntoView {
    move || {
        errors
            .get()
            .into_iter()
            .map(|(_, e)| {
                let api = e
                    .into_inner()
                    .downcast_ref::<ApiError>()
                    .cloned()
                    .unwrap_or(ApiError::Unavailable);
                view! { <ApiErrorView error=api /> }
            })
            .collect_view()
    }
}

/// One error, with what the client can do about it.
#[component]
pub fn ApiErrorView(error: ApiError) -> impl IntoView {
    let t = use_i18n().t();
    let portal = use_portal();
    // (title, explanation, agency's own words or details, offer a retry)
    let (title, body, detail, retry): (&str, Option<&str>, Option<String>, bool) = match &error {
        ApiError::Offline => (t.err_offline_title, Some(t.err_offline_body), None, true),
        ApiError::LinkExpired { .. } => (t.err_expired_title, None, None, false),
        ApiError::NotFound => (
            t.err_not_found_title,
            Some(t.err_not_found_body),
            None,
            false,
        ),
        ApiError::Conflict { message } => (t.err_conflict_title, None, message.clone(), true),
        ApiError::Rejected { message } => (t.err_rejected_title, None, message.clone(), true),
        ApiError::Unconfirmed => (
            t.err_unconfirmed_title,
            Some(t.err_unconfirmed_body),
            None,
            false,
        ),
        ApiError::Unavailable => (
            t.err_unavailable_title,
            Some(t.err_unavailable_body),
            None,
            true,
        ),
        ApiError::BadData(ContractError::UnsupportedVersion { .. }) => (
            t.err_new_version_title,
            Some(t.err_new_version_body),
            None,
            false,
        ),
        ApiError::BadData(ContractError::NotJson { detail }) => (
            t.err_bad_data_title,
            Some(t.err_bad_data_body),
            Some(format!("{} ({detail})", t.err_not_json)),
            true,
        ),
        ApiError::BadData(ContractError::Field { field, detail }) => (
            t.err_bad_data_title,
            Some(t.err_bad_data_body),
            Some(format!("{} — {detail}", t.err_bad_data_field(field))),
            true,
        ),
    };
    let expired = match error {
        ApiError::LinkExpired { contact } => Some(help(contact.or_else(help::last), t)),
        _ => None,
    };
    view! {
        <section class="cp-card cp-error" role="alert" aria-labelledby="cp-error-title">
            <h2 id="cp-error-title">{title}</h2>
            {body.map(|b| view! { <p>{b}</p> })}
            {detail.map(|d| view! { <p class="cp-error-detail">{d}</p> })}
            {expired}
            {retry.then(|| view! {
                <button type="button" class="cp-button" on:click=move |_| portal.refetch()>
                    {t.try_again}
                </button>
            })}
        </section>
    }
}

fn help(contact: Option<HelpContact>, t: &'static crate::i18n::Strings) -> impl IntoView {
    let generic = contact
        .is_none()
        .then(|| view! { <p>{t.err_expired_generic}</p> });
    let specific = contact.map(|c| {
        view! {
            <p>{t.err_expired_ask(&c.name)}</p>
            <div use:fill=vec![contact_links(c.email.as_deref(), c.phone.as_deref(), t)]></div>
        }
    });
    (generic, specific)
}

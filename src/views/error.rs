//! The one place an [`ApiError`] becomes words on the screen.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::contract::{ContractError, HelpContact};
use crate::domain::links::{mailto, tel};
use crate::i18n::use_i18n;
use crate::storage::Store;
use crate::views::portal::use_portal;

const HELP_KEY: &str = "client-portal:help-contact";

/// Remember who to ask for help, for the day the link stops working.
pub fn remember_help_contact(c: &HelpContact) {
    if let Ok(json) = serde_json::to_string(c) {
        Store::local().set(HELP_KEY, &json);
    }
}

fn last_help_contact() -> Option<HelpContact> {
    serde_json::from_str(&Store::local().get(HELP_KEY)?).ok()
}

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
    let retry = move || {
        view! {
            <button type="button" class="cp-button" on:click=move |_| portal.refetch()>
                {t.try_again}
            </button>
        }
    };
    let (title, body): (&str, AnyView) = match error {
        ApiError::Offline => (
            t.err_offline_title,
            view! { <p>{t.err_offline_body}</p> {retry()} }.into_any(),
        ),
        ApiError::LinkExpired { contact } => (
            t.err_expired_title,
            help(contact.or_else(last_help_contact), t).into_any(),
        ),
        ApiError::NotFound => (
            t.err_not_found_title,
            view! { <p>{t.err_not_found_body}</p> }.into_any(),
        ),
        ApiError::Conflict { message } => (
            t.err_conflict_title,
            view! { <p>{message}</p> {retry()} }.into_any(),
        ),
        ApiError::Rejected { message } => (
            t.err_rejected_title,
            view! { <p>{message}</p> {retry()} }.into_any(),
        ),
        ApiError::Unavailable => (
            t.err_unavailable_title,
            view! { <p>{t.err_unavailable_body}</p> {retry()} }.into_any(),
        ),
        ApiError::BadData(ContractError::UnsupportedVersion { .. }) => (
            t.err_new_version_title,
            view! { <p>{t.err_new_version_body}</p> }.into_any(),
        ),
        ApiError::BadData(ContractError::NotJson { detail }) => (
            t.err_bad_data_title,
            view! {
                <p>{t.err_bad_data_body}</p>
                <p class="cp-error-detail">{t.err_not_json} " (" {detail} ")"</p>
                {retry()}
            }
            .into_any(),
        ),
        ApiError::BadData(ContractError::Field { field, detail }) => (
            t.err_bad_data_title,
            view! {
                <p>{t.err_bad_data_body}</p>
                <p class="cp-error-detail">
                    <strong>{(t.err_bad_data_field)(&field)}</strong>
                    <br />
                    {detail}
                </p>
                {retry()}
            }
            .into_any(),
        ),
    };
    view! {
        <section class="cp-card cp-error" role="alert" aria-labelledby="cp-error-title">
            <h2 id="cp-error-title">{title}</h2>
            {body}
        </section>
    }
}

fn help(contact: Option<HelpContact>, t: &'static crate::i18n::Strings) -> impl IntoView {
    match contact {
        Some(c) => {
            let email = c
                .email
                .as_deref()
                .and_then(|e| mailto(e).map(|h| (h, e.to_string())));
            let phone = c
                .phone
                .as_deref()
                .and_then(|p| tel(p).map(|h| (h, p.to_string())));
            view! {
                <p>{(t.err_expired_ask)(&c.name)}</p>
                <ul class="cp-plain-list">
                    {email.map(|(h, e)| view! { <li><a href=h>{e}</a></li> })}
                    {phone.map(|(h, p)| view! { <li><a href=h>{p}</a></li> })}
                </ul>
            }
            .into_any()
        }
        None => view! { <p>{t.err_expired_generic}</p> }.into_any(),
    }
}

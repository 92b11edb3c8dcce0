//! The one place an [`ApiError`] becomes words on the screen.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::contract::{ContractError, HelpContact};
use crate::i18n::use_i18n;
use crate::state::feed::use_portal;
use crate::state::help;
use crate::views::dom::{self, el, fill, Node};
use crate::views::widgets::contact_links;

/// What an ErrorBoundary shows: each error, in plain words.
#[component]
pub fn ErrorPanel(errors: ArcRwSignal<Errors>) -> impl IntoView {
    move || {
        let nodes = errors
            .get()
            .into_iter()
            .map(|(_, e)| {
                let api = e
                    .into_inner()
                    .downcast_ref::<ApiError>()
                    .cloned()
                    .unwrap_or(ApiError::Unavailable);
                error_card(api)
            })
            .collect::<Vec<_>>();
        view! { <div use:fill=nodes></div> }
    }
}

/// One error, with what the client can do about it.
pub fn error_card(error: ApiError) -> Node {
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
    let retry = retry.then(|| {
        el("button", "cp-button")
            .attr("type", "button")
            .text(t.try_again)
            .on("click", Box::new(move |_| portal.refetch()))
    });
    el("section", "cp-card cp-error")
        .attr("role", "alert")
        .attr("aria-labelledby", "cp-error-title")
        .push(dom::text("h2", "", title).attr("id", "cp-error-title"))
        .push_opt(body.map(|b| dom::text("p", "", b)))
        .push_opt(detail.map(|d| dom::text("p", "cp-error-detail", &d)))
        .push_all(expired.unwrap_or_default())
        .push_opt(retry)
}

fn help(contact: Option<HelpContact>, t: &'static crate::i18n::Strings) -> Vec<Node> {
    match contact {
        None => vec![dom::text("p", "", t.err_expired_generic)],
        Some(c) => vec![
            dom::text("p", "", &t.err_expired_ask(&c.name)),
            el("div", "").push(contact_links(c.email.as_deref(), c.phone.as_deref(), t)),
        ],
    }
}

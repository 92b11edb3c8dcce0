//! Deliverables: what is being made, its status, scope, versions and
//! comments.

use std::sync::Arc;

use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;

use crate::contract::{Deliverable, DeliverableStatus, Portal, Version};
use crate::domain::order::sort_by_i64;
use crate::i18n::{use_i18n, Strings};
use crate::intl;
use crate::route::Route;
use crate::views::asset::Asset;
use crate::views::comments::Comments;
use crate::views::jargon::explained;
use crate::views::widgets::{
    concern_shortcut, ApprovalBadge, DueLine, PageTitle, ScopeBadge, StatusBadge,
};

pub fn deliverables_page(p: Arc<Portal>) -> impl IntoView {
    let t = use_i18n().t();
    let cards = p
        .deliverables
        .iter()
        .map(|d| view! { <DeliverableCard p=p.clone() d=d.clone() /> })
        .collect_view();
    view! {
        <PageTitle title=t.nav_deliverables.to_string() intro=t.deliverables_intro />
        {if p.deliverables.is_empty() {
            Either::Left(view! { <p class="cp-empty">{t.deliverables_none}</p> })
        } else {
            Either::Right(view! { <ul class="cp-cards">{cards}</ul> })
        }}
    }
}

fn owner_name(p: &Portal, d: &Deliverable) -> Option<String> {
    d.owner_id
        .as_deref()
        .and_then(|id| p.contact(id))
        .map(|c| c.name.clone())
}

/// Status, scope, due date and lead, as a description list.
fn facts(p: &Portal, d: &Deliverable, t: &'static Strings) -> impl IntoView {
    let finished = matches!(
        d.status,
        DeliverableStatus::Approved | DeliverableStatus::Delivered
    );
    view! {
        <dl class="cp-facts">
            <div><dt>{t.status_label}</dt><dd><StatusBadge status=d.status /></dd></div>
            <div><dt>{t.scope_label}</dt><dd><ScopeBadge scope=d.scope /></dd></div>
            <div>
                <dt>{t.due_label}</dt>
                <dd>{match (d.due, finished) {
                    (Some(due), false) => EitherOf3::A(view! { <DueLine due /> }),
                    // Finished work is never "overdue": just its date.
                    (Some(due), true) => EitherOf3::B(view! { <time datetime=due.to_wire()>{intl::due(due)}</time> }),
                    (None, _) => EitherOf3::C(view! { <span class="cp-muted">{t.no_due_date}</span> }),
                }}</dd>
            </div>
            {owner_name(p, d).map(|n| view! { <div><dt>{t.made_by}</dt><dd>{n}</dd></div> })}
        </dl>
    }
}

#[component]
fn DeliverableCard(p: Arc<Portal>, d: Deliverable) -> impl IntoView {
    let t = use_i18n().t();
    let latest = d.latest_version().map(|v| v.label.clone());
    let count = d.versions.len();
    view! {
        <li class="cp-card cp-deliverable">
            <h2 class="cp-card-title">
                <a href=Route::Deliverable(d.id.clone()).href()>{d.title.clone()}</a>
            </h2>
            {d.summary.clone().map(|s| view! { <p class="cp-summary">{explained(s)}</p> })}
            {facts(&p, &d, t)}
            {(count > 0).then(|| view! {
                <p class="cp-muted">
                    {t.version_count(count)}
                    {latest.map(|l| format!(" · {}: {l}", t.version_latest))}
                </p>
            })}
        </li>
    }
}

pub fn deliverable_page(p: Arc<Portal>, id: String) -> impl IntoView {
    let t = use_i18n().t();
    let Some(d) = p.deliverable(&id).cloned() else {
        return Either::Left(view! {
            <PageTitle title=t.err_not_found_title.to_string() />
            <p>{t.deliverable_missing}</p>
            <p><a href=Route::Deliverables.href()>{t.all_deliverables}</a></p>
        });
    };
    let approvals = p
        .approvals_for(&d.id)
        .into_iter()
        .map(|a| {
            let version = d
                .version(&a.version_id)
                .map(|v| v.label.clone())
                .unwrap_or_default();
            view! {
                <li>
                    <a href=Route::Approval(a.id.clone()).href()>{a.title.clone()}</a>
                    " "
                    <span class="cp-muted">{version}</span>
                    " "
                    <ApprovalBadge status=a.status />
                </li>
            }
        })
        .collect_view();
    let has_approvals = !p.approvals_for(&d.id).is_empty();
    let mut versions: Vec<Version> = d.versions.clone();
    sort_by_i64(&mut versions, |v| -v.created_at.timestamp_millis());
    Either::Right(view! {
        <p class="cp-breadcrumb"><a href=Route::Deliverables.href()>{t.all_deliverables}</a></p>
        <PageTitle title=d.title.clone() intro=d.summary.clone().unwrap_or_default() />
        <section class="cp-card">{facts(&p, &d, t)}{concern_shortcut(t, d.title.clone())}</section>
        {has_approvals.then(|| view! {
            <section class="cp-card" aria-labelledby="cp-d-approvals">
                <h2 id="cp-d-approvals">{t.approvals_for_this}</h2>
                <ul class="cp-list">{approvals}</ul>
            </section>
        })}
        <section class="cp-card" aria-labelledby="cp-d-versions">
            <h2 id="cp-d-versions">{t.versions_title}</h2>
            {if versions.is_empty() {
                Either::Left(view! { <p class="cp-muted">{t.versions_none}</p> })
            } else {
                let newest = versions[0].id.clone();
                Either::Right(view! {
                    <ol class="cp-versions">
                        {versions.into_iter().map(|v| {
                            let is_latest = v.id == newest;
                            view! { <VersionItem v is_latest /> }
                        }).collect_view()}
                    </ol>
                })
            }}
        </section>
        <Comments d=d.clone() />
    })
}

/// One version: its label, date, notes, a preview and a link to the file.
#[component]
pub fn VersionItem(v: Version, is_latest: bool) -> impl IntoView {
    let t = use_i18n().t();
    view! {
        <li class="cp-version">
            <div class="cp-version-head">
                <span class="cp-version-label">{v.label.clone()}</span>
                {is_latest.then(|| view! { <span class="cp-badge cp-tone-info">{t.version_latest}</span> })}
                <span class="cp-muted">{t.version_added(&intl::moment(v.created_at))}</span>
            </div>
            {v.notes.clone().map(|n| view! { <p>{n}</p> })}
            <Asset version=v />
        </li>
    }
}

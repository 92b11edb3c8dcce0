//! Approvals: what the client is asked to approve, which version, by when,
//! and what happens if it waits.

use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;

use crate::contract::Version;
use crate::contract::{Approval, ApprovalStatus, Portal};
use crate::domain::order::sort_by_i64;
use crate::domain::overview::due_key;
use crate::i18n::{use_i18n, Strings};
use crate::intl::{self, BrowserZone};
use crate::route::Route;
use crate::state::writes::use_writes;
use crate::views::asset::asset;
use crate::views::decide::DecisionArea;
use crate::views::dom::{self, el, fill, Node};
use crate::views::jargon::explained_in;
use crate::views::more::paged_list;
use crate::views::receipt::receipt_card;
use crate::views::widgets::{
    approval_badge, concern_shortcut, day, due_line, fact, live_flag, PageTitle,
};

pub fn approvals_page(p: Arc<Portal>) -> impl IntoView {
    let t = use_i18n().t();
    let mut waiting: Vec<Approval> = p
        .approvals
        .iter()
        .filter(|a| a.status == ApprovalStatus::Pending)
        .cloned()
        .collect();
    sort_by_i64(&mut waiting, |a| due_key(a.due, &BrowserZone));
    let mut decided: Vec<Approval> = p
        .approvals
        .iter()
        .filter(|a| a.status != ApprovalStatus::Pending)
        .cloned()
        .collect();
    sort_by_i64(&mut decided, |a| -a.requested_at.timestamp_millis());
    let none_at_all = p.approvals.is_empty();
    view! {
        <PageTitle title=t.nav_approvals.to_string() intro=t.approvals_intro />
        {if none_at_all {
            Either::Left(view! { <p class="cp-empty">{t.approvals_none}</p> })
        } else {
            Either::Right(view! {
                <section aria-labelledby="cp-a-waiting">
                    <h2 id="cp-a-waiting">{t.approvals_waiting}</h2>
                    {if waiting.is_empty() {
                        Either::Left(view! { <p class="cp-empty">{t.approvals_none_waiting}</p> })
                    } else {
                        Either::Right(approval_cards(p.clone(), waiting, "cp-a-waiting-list"))
                    }}
                </section>
                {(!decided.is_empty()).then(|| view! {
                    <section aria-labelledby="cp-a-decided">
                        <h2 id="cp-a-decided">{t.approvals_decided}</h2>
                        {approval_cards(p, decided, "cp-a-decided-list")}
                    </section>
                })}
            })
        }}
    }
}

/// Approvals as cards, [`PAGE`] at a time.
fn approval_cards(p: Arc<Portal>, items: Vec<Approval>, id: &'static str) -> impl IntoView {
    paged_list(id, items, move |a| approval_card(&p, a))
}

/// Which deliverable and version an approval is about.
fn subject(p: &Portal, a: &Approval) -> (Option<(String, String)>, Option<String>) {
    let d = p.deliverable(&a.deliverable_id);
    let deliverable = d.map(|d| (Route::Deliverable(d.id.clone()).href(), d.title.clone()));
    let version = d
        .and_then(|d| d.version(&a.version_id))
        .map(|v| v.label.clone());
    (deliverable, version)
}

/// One approval in a list: what, which deliverable and version, by when,
/// what happens if it waits, or who decided it.
fn approval_card(p: &Portal, a: &Approval) -> Node {
    let t = use_i18n().t();
    let (deliverable, version) = subject(p, a);
    let pending = a.status == ApprovalStatus::Pending;
    let facts = el("dl", "cp-facts")
        .push_opt(deliverable.map(|(href, title)| fact(t.part_of, dom::link(&href, "", &title))))
        .push_opt(version.map(|v| fact(t.version_label, dom::text("span", "", &v))))
        .push_opt(pending.then(|| fact(t.due_label, due_line(a.due, t))));
    let decided = a
        .decision
        .as_ref()
        .map(|d| dom::text("p", "cp-muted", &t.decided_by(&d.by, &intl::moment(d.at))));
    el("li", "cp-card cp-approval")
        .push(
            el("div", "cp-card-top")
                .push(el("h3", "cp-card-title").push(dom::link(
                    &Route::Approval(a.id.clone()).href(),
                    "",
                    &a.title,
                )))
                .push(approval_badge(a.status, t)),
        )
        .push(facts)
        .push_opt(if_late(a, t))
        .push_opt(decided)
}

/// What happens if a waiting approval is late, in the agency's words.
fn if_late(a: &Approval, t: &'static Strings) -> Option<Node> {
    let c = a.consequence.as_deref()?;
    (a.status == ApprovalStatus::Pending).then(|| {
        explained_in(
            el("p", "cp-consequence").push(dom::text("strong", "", &format!("{}: ", t.if_late))),
            c,
        )
    })
}

pub fn approval_page(p: Arc<Portal>, id: String) -> impl IntoView {
    let t = use_i18n().t();
    let all = |class| el("p", class).push(dom::link(&Route::Approvals.href(), "", t.all_approvals));
    let Some(a) = p.approval(&id).cloned() else {
        return Either::Left(view! {
            <PageTitle title=t.err_not_found_title.to_string() />
            <div use:fill=vec![dom::text("p", "", t.approval_missing), all("")]></div>
        });
    };
    let (deliverable, version_label) = subject(&p, &a);
    let version_label = version_label.unwrap_or_else(|| a.version_id.clone());
    let subject_title = p
        .deliverable(&a.deliverable_id)
        .map(|d| d.title.clone())
        .unwrap_or_else(|| a.title.clone());
    let mut versions: Vec<Version> = p
        .deliverable(&a.deliverable_id)
        .map(|d| d.versions.clone())
        .unwrap_or_default();
    sort_by_i64(&mut versions, |v| -v.created_at.timestamp_millis());
    let pending = a.status == ApprovalStatus::Pending;
    let queued = use_writes()
        .outbox
        .with_untracked(|o| o.decision_for(&a.id).is_some());
    let due = match pending {
        true => due_line(a.due, t),
        false => day(a.due),
    };
    let facts = el("dl", "cp-facts")
        .push_opt(deliverable.map(|(href, title)| fact(t.part_of, dom::link(&href, "", &title))))
        .push(fact(t.version_label, dom::text("span", "", &version_label)))
        .push(fact(t.due_label, due));
    let card = el("section", "cp-card")
        .push(el("div", "cp-card-top").push(approval_badge(a.status, t)))
        .push(facts)
        .push(dom::text(
            "p",
            "cp-muted",
            &t.requested_on(&intl::moment(a.requested_at)),
        ))
        .push_opt(if_late(&a, t))
        .push(concern_shortcut(
            t,
            format!("{} ({version_label})", a.title),
        ));
    Either::Right(view! {
        <div use:fill=vec![all("cp-breadcrumb")]></div>
        <PageTitle title=a.title.clone() />
        <div use:fill=vec![card]></div>
        <VersionViewer versions approved=a.version_id.clone() pending />
        <DecisionArea approval=a.clone() version=version_label.clone() subject=subject_title />
        <div use:fill=(!pending && !queued).then(|| receipt_card(&a, &version_label)).flatten().into_iter().collect()></div>
    })
}

/// The version being approved, with the earlier ones a click away.
#[component]
fn VersionViewer(versions: Vec<Version>, approved: String, pending: bool) -> impl IntoView {
    let t = use_i18n().t();
    let selected = RwSignal::new(approved.clone());
    let many = versions.len() > 1;
    let all = versions.clone();
    let approved2 = approved.clone();
    let labels: Vec<(String, String)> = versions
        .iter()
        .map(|v| (v.id.clone(), v.label.clone()))
        .collect();
    view! {
        <section class="cp-card" aria-labelledby="cp-asset-title">
            <h2 id="cp-asset-title">
                {move || {
                    let id = selected.get();
                    let label = labels.iter().find(|(v, _)| *v == id).map(|(_, l)| l.clone()).unwrap_or_default();
                    let note = if pending { t.being_approved } else { t.decided_version };
                    if id == approved2 { format!("{label} — {note}") } else { label }
                }}
            </h2>
            {many.then(|| view! {
                <div class="cp-version-picker" role="group" aria-label=t.choose_version>
                    {versions.iter().map(|v| {
                        let id = v.id.clone();
                        let id2 = v.id.clone();
                        let mark = if v.id == approved { " ✓" } else { "" };
                        view! {
                            <button
                                type="button"
                                class="cp-chip"
                                aria-pressed=move || (selected.get() == id).to_string()
                                on:click=move |_| selected.set(id2.clone())
                            >
                                {format!("{}{mark}", v.label)}
                            </button>
                        }
                    }).collect_view()}
                </div>
            })}
            // Every version is rendered once and only the chosen one shown:
            // switching never rebuilds the asset view.
            {all.into_iter().map(|v| {
                let id = v.id.clone();
                let shown = vec![
                    v.notes.as_deref().map(|n| dom::text("p", "", n)),
                    Some(asset(&v, t)),
                ];
                view! {
                    <div hidden=live_flag(move || selected.get() != id)
                        use:fill=shown.into_iter().flatten().collect()></div>
                }
            }).collect_view()}
        </section>
    }
}

//! Approvals: what the client is asked to approve, which version, by when,
//! and what happens if it waits.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::contract::Version;
use crate::contract::{Approval, ApprovalStatus, Portal};
use crate::domain::order::sort_by_i64;
use crate::domain::overview::due_key;
use crate::i18n::{use_i18n, Strings};
use crate::intl::{self, BrowserZone};
use crate::route::Route;
use crate::state::writes::use_writes;
use crate::views::asset::asset;
use crate::views::decide::{decision_form, Queued};
use crate::views::dom::{self, el, fill, Node};
use crate::views::jargon::explained_in;
use crate::views::more::paged_list;
use crate::views::receipt::receipt_card;
use crate::views::widgets::{
    approval_badge, concern_shortcut, day, due_line, fact, page, page_title,
};

pub fn approvals_page(p: Arc<Portal>) -> Vec<Node> {
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
    let section = |id: &str, title: &str, body: Vec<Node>| {
        el("section", "")
            .attr("aria-labelledby", id)
            .push(dom::text("h2", "", title).attr("id", id))
            .push_all(body)
    };
    let body = match (p.approvals.is_empty(), waiting.is_empty()) {
        (true, _) => vec![dom::text("p", "cp-empty", t.approvals_none)],
        (false, true) => vec![section(
            "cp-a-waiting",
            t.approvals_waiting,
            vec![dom::text("p", "cp-empty", t.approvals_none_waiting)],
        )],
        (false, false) => vec![section(
            "cp-a-waiting",
            t.approvals_waiting,
            approval_cards(p.clone(), waiting, "cp-a-waiting-list"),
        )],
    };
    let decided = (!decided.is_empty()).then(|| {
        section(
            "cp-a-decided",
            t.approvals_decided,
            approval_cards(p, decided, "cp-a-decided-list"),
        )
    });
    page(
        t.nav_approvals,
        Some(t.approvals_intro),
        "",
        body.into_iter().chain(decided).collect(),
    )
}

/// Approvals as cards, [`PAGE`](crate::views::more::PAGE) at a time.
fn approval_cards(p: Arc<Portal>, items: Vec<Approval>, id: &'static str) -> Vec<Node> {
    // Drawn again by "Show more", where no context can be looked up.
    let t = use_i18n().t();
    paged_list(id, items, move |a| approval_card(&p, a, t))
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
fn approval_card(p: &Portal, a: &Approval, t: &'static Strings) -> Node {
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

/// One approval: what it is about, its versions, the decision to make
/// (or made), and its receipt.
pub fn approval_page(p: Arc<Portal>, id: String) -> impl IntoView {
    let (top, queued, receipt) = approval_parts(&p, &id);
    view! {
        <div use:fill=top></div>
        {queued.map(|key| view! { <Queued key /> })}
        <div use:fill=receipt.into_iter().collect()></div>
    }
}

/// The parts of an approval's page drawn straight into the DOM (with the
/// decision to make, while there is one), around the decision made and
/// waiting to be sent (its outbox key), when there is one.
type Parts = (Vec<Node>, Option<String>, Option<Node>);

fn approval_parts(p: &Portal, id: &str) -> Parts {
    let t = use_i18n().t();
    let all = |class| el("p", class).push(dom::link(&Route::Approvals.href(), "", t.all_approvals));
    let Some(a) = p.approval(id).cloned() else {
        let missing = vec![
            page_title(t.err_not_found_title, None),
            dom::text("p", "", t.approval_missing),
            all(""),
        ];
        return (missing, None, None);
    };
    let (deliverable, version_label) = subject(p, &a);
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
        .with_untracked(|o| o.decision_for(&a.id).map(|p| p.key.clone()));
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
    let receipt = (!pending && queued.is_none())
        .then(|| receipt_card(&a, &version_label))
        .flatten();
    let decide = (pending && queued.is_none())
        .then(|| decision_form(&a, version_label.clone(), subject_title));
    let top = [
        all("cp-breadcrumb"),
        page_title(&a.title, None),
        card,
        version_viewer(versions, a.version_id.clone(), pending),
    ];
    (top.into_iter().chain(decide).collect(), queued, receipt)
}

/// The version being approved, with the earlier ones a click away. Every
/// version is drawn once and only the chosen one shown: switching never
/// draws an asset again, only says which one is shown.
fn version_viewer(versions: Vec<Version>, approved: String, pending: bool) -> Node {
    let t = use_i18n().t();
    let note = if pending {
        t.being_approved
    } else {
        t.decided_version
    };
    // Each version's heading, by its id.
    let headings: Vec<(String, String)> = versions
        .iter()
        .map(|v| match v.id == approved {
            true => (v.id.clone(), format!("{} — {note}", v.label)),
            false => (v.id.clone(), v.label.clone()),
        })
        .collect();
    let first = headings.iter().find(|(id, _)| *id == approved);
    let title = dom::text("h2", "", first.map_or("", |(_, h)| h)).attr("id", "cp-asset-title");
    let shown: Vec<Node> = versions
        .iter()
        .map(|v| {
            let div = el("div", "")
                .attr(VERSION, &v.id)
                .push_opt(v.notes.as_deref().map(|n| dom::text("p", "", n)))
                .push(asset(v, t));
            match v.id == approved {
                true => div,
                false => div.attr("hidden", ""),
            }
        })
        .collect();
    let chips: Vec<Node> = versions
        .iter()
        .map(|v| {
            let on = v.id == approved;
            let mark = if on { " ✓" } else { "" };
            dom::text("button", "cp-chip", &format!("{}{mark}", v.label))
                .attr("type", "button")
                .attr(VERSION, &v.id)
                .attr("aria-pressed", if on { "true" } else { "false" })
        })
        .collect();
    let head = title.0.clone();
    let parts: Vec<_> = shown.iter().chain(&chips).map(|n| n.0.clone()).collect();
    // One listener for the chips: the chosen one pressed, its version shown.
    let choose = move |ev: web_sys::Event| {
        let chosen = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.get_attribute(VERSION));
        let Some(id) = chosen else { return };
        for p in &parts {
            let on = p.get_attribute(VERSION).as_deref() == Some(id.as_str());
            let _ = match (p.tag_name().as_str(), on) {
                ("BUTTON", _) => p.set_attribute("aria-pressed", if on { "true" } else { "false" }),
                (_, true) => p.remove_attribute("hidden"),
                (_, false) => p.set_attribute("hidden", ""),
            };
        }
        if let Some((_, h)) = headings.iter().find(|(v, _)| *v == id) {
            head.set_text_content(Some(h));
        }
    };
    let picker = (versions.len() > 1).then(|| {
        el("div", "cp-version-picker")
            .attr("role", "group")
            .attr("aria-label", t.choose_version)
            .push_all(chips)
            .on("click", Box::new(choose))
    });
    el("section", "cp-card")
        .attr("aria-labelledby", "cp-asset-title")
        .push(title)
        .push_opt(picker)
        .push_all(shown)
}

/// The attribute naming the version a chip chooses, or a part shows.
const VERSION: &str = "data-version";

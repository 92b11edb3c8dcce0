//! Deliverables: what is being made, its status, scope, versions and
//! comments.

use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;

use crate::contract::{Deliverable, DeliverableStatus, Portal, Scope, Version};
use crate::domain::finder::{Finder, Index, Sort};
use crate::domain::order::sort_by_i64;
use crate::i18n::{use_i18n, Strings};
use crate::intl::{self, BrowserZone};
use crate::route::{current_query, replace_query, Route};
use crate::views::asset::asset;
use crate::views::comments::comments;
use crate::views::dom::{self, el, fill, Node};
use crate::views::jargon::explained_in;
use crate::views::more::{more_button, PAGE};
use crate::views::widgets::{
    approval_badge, badge, concern_shortcut, day, due_line, fact, page_title, scope_badge,
    status_badge, PageTitle,
};

// The finder's controls (the browser tests reach them by their labels).
const SEARCH_ID: &str = "cp-find-q";
const STATUS_ID: &str = "cp-find-status";
const SCOPE_ID: &str = "cp-find-scope";
const SORT_ID: &str = "cp-find-sort";
const LIST_ID: &str = "cp-find-list";

/// The list, with search, filters and order kept in the address, and
/// shown [`PAGE`] cards at a time so that thousands stay light.
pub fn deliverables_page(p: Arc<Portal>) -> impl IntoView {
    let t = use_i18n().t();
    let title =
        view! { <PageTitle title=t.nav_deliverables.to_string() intro=t.deliverables_intro /> };
    if p.deliverables.is_empty() {
        return Either::Left(view! { {title}<p class="cp-empty">{t.deliverables_none}</p> });
    }
    let index = Index::new(&p.deliverables, &BrowserZone, intl::lower);
    let total = index.len();
    let finder = RwSignal::new(Finder::from_query(&current_query()));
    let shown = RwSignal::new(PAGE);
    // A new search starts at the top of its results.
    let set = move |f: Finder| {
        replace_query(&Route::Deliverables, &f.to_query());
        shown.set(PAGE);
        finder.set(f);
    };
    let edit = move |change: fn(&mut Finder, String)| {
        move |ev: leptos::ev::Event| {
            let mut f = finder.get_untracked();
            change(&mut f, event_target_value(&ev));
            set(f);
        }
    };
    // The address edited by hand (or a link to another search) while here.
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        let f = Finder::from_query(&current_query());
        if finder.with_untracked(|now| *now != f) {
            show_in_form(&f);
            shown.set(PAGE);
            finder.set(f);
        }
    });
    on_cleanup(move || handle.remove());

    // One closure draws the count, the cards and what follows them; a
    // change updates them in place (the count is a live region, so it
    // must stay the same element to be announced).
    let results = move || {
        let found = finder.with(|f| index.find(f));
        let visible = found.len().min(shown.get());
        let left = found.len() - visible;
        // Said whenever the list is more than everything on one page.
        let count =
            (finder.with(Finder::narrows) || total > PAGE).then(|| t.shown_count(visible, total));
        let cards: Vec<Node> = found[..visible]
            .iter()
            .map(|&i| deliverable_card(&p, &p.deliverables[i], t))
            .collect();
        let clear = move |_| {
            show_in_form(&Finder::default());
            set(Finder::default());
            crate::embed::focus_id(SEARCH_ID);
        };
        view! {
            <p class="cp-finder-count" role="status">{count}</p>
            <ul class="cp-cards" id=LIST_ID use:fill=cards></ul>
            {found.is_empty().then(|| view! {
                <p class="cp-empty">{t.find_none}</p>
                <button type="button" class="cp-button cp-button-quiet" on:click=clear>{t.find_clear}</button>
            })}
            {more_button(LIST_ID, visible, left, shown)}
        }
    };
    let f = finder.get_untracked();
    let statuses = DeliverableStatus::ALL
        .iter()
        .map(|s| (s.to_wire(), t.deliverable_status(*s)));
    let scopes = Scope::ALL.iter().map(|s| (s.to_wire(), t.scope(*s)));
    let sorts = [(Sort::Due, t.sort_due), (Sort::Recent, t.sort_recent)];
    Either::Right(view! {
        {title}
        <form class="cp-finder" role="search" aria-label=t.find_label on:submit=|ev| ev.prevent_default()>
            <div class="cp-field cp-finder-q">
                <label for=SEARCH_ID>{t.find_search}</label>
                <input type="search" id=SEARCH_ID value=f.q.clone() autocomplete="off"
                    on:input=edit(|f, v| f.q = v) />
            </div>
            {choice(
                STATUS_ID,
                t.status_label,
                std::iter::once(("", t.find_any_status)).chain(statuses).collect(),
                f.status.map_or("", DeliverableStatus::to_wire),
                edit(|f, v| f.status = DeliverableStatus::from_wire(&v)),
            )}
            {choice(
                SCOPE_ID,
                t.scope_label,
                std::iter::once(("", t.find_any_scope)).chain(scopes).collect(),
                f.scope.map_or("", Scope::to_wire),
                edit(|f, v| f.scope = Scope::from_wire(&v)),
            )}
            {choice(
                SORT_ID,
                t.find_sort,
                sorts.iter().map(|(s, label)| (s.to_wire(), *label)).collect(),
                f.sort.to_wire(),
                edit(|f, v| f.sort = Sort::from_wire(&v).unwrap_or_default()),
            )}
        </form>
        {results}
    })
}

/// One labelled drop-down of the finder (drawn three times, one copy).
#[inline(never)]
fn choice(
    id: &'static str,
    label: &'static str,
    options: Vec<(&'static str, &'static str)>,
    chosen: &'static str,
    on_change: impl Fn(leptos::ev::Event) + 'static,
) -> impl IntoView {
    let options = options
        .into_iter()
        .map(|(value, text)| view! { <option value=value selected=value == chosen>{text}</option> })
        .collect_view();
    view! {
        <div class="cp-field">
            <label for=id>{label}</label>
            <select id=id on:change=on_change>{options}</select>
        </div>
    }
}

/// Show `f` in the form (after "Clear", or an address edited by hand: what
/// the client types or picks is already there). The controls are drawn
/// once, not bound to the search, which keeps a reactive copy of each out
/// of the app.
fn show_in_form(f: &Finder) {
    let values = [
        (SEARCH_ID, f.q.as_str()),
        (STATUS_ID, f.status.map_or("", DeliverableStatus::to_wire)),
        (SCOPE_ID, f.scope.map_or("", Scope::to_wire)),
        (SORT_ID, f.sort.to_wire()),
    ];
    for (id, value) in values {
        if let Some(control) = crate::embed::by_id(id) {
            let _ = js_sys::Reflect::set(&control, &"value".into(), &value.into());
        }
    }
}

fn owner_name(p: &Portal, d: &Deliverable) -> Option<String> {
    d.owner_id
        .as_deref()
        .and_then(|id| p.contact(id))
        .map(|c| c.name.clone())
}

/// Status, scope, due date and lead, as a description list.
/// With `linked`, the scope badge opens what the agreed work says about it.
fn facts(p: &Portal, d: &Deliverable, t: &'static Strings, linked: bool) -> Node {
    let linked = linked && p.scope.is_some();
    let finished = matches!(
        d.status,
        DeliverableStatus::Approved | DeliverableStatus::Delivered
    );
    let due = match (d.due, finished) {
        (Some(due), false) => due_line(due, t),
        // Finished work is never "overdue": just its date.
        (Some(due), true) => day(due),
        (None, _) => dom::text("span", "cp-muted", t.no_due_date),
    };
    el("dl", "cp-facts")
        .push(fact(t.status_label, status_badge(d.status, t)))
        .push(fact(t.scope_label, scope_badge(d.scope, linked, t)))
        .push(fact(t.due_label, due))
        .push_opt(owner_name(p, d).map(|n| fact(t.made_by, dom::text("span", "", &n))))
}

fn deliverable_card(p: &Portal, d: &Deliverable, t: &'static Strings) -> Node {
    let count = d.versions.len();
    let versions = (count > 0).then(|| {
        let latest = d
            .latest_version()
            .map(|v| format!(" · {}: {}", t.version_latest, v.label))
            .unwrap_or_default();
        dom::text(
            "p",
            "cp-muted",
            &format!("{}{latest}", t.version_count(count)),
        )
    });
    el("li", "cp-card cp-deliverable")
        .push(el("h2", "cp-card-title").push(dom::link(
            &Route::Deliverable(d.id.clone()).href(),
            "",
            &d.title,
        )))
        .push_opt(
            d.summary
                .as_deref()
                .map(|s| explained_in(el("p", "cp-summary"), s)),
        )
        .push(facts(p, d, t, false))
        .push_opt(versions)
}

/// One deliverable: what it is, its approvals and versions, and the
/// conversation about it.
pub fn deliverable_page(p: Arc<Portal>, id: String) -> Vec<Node> {
    let t = use_i18n().t();
    let all = |class| {
        el("p", class).push(dom::link(
            &Route::Deliverables.href(),
            "",
            t.all_deliverables,
        ))
    };
    let Some(d) = p.deliverable(&id).cloned() else {
        let missing = vec![
            page_title(t.err_not_found_title, None),
            dom::text("p", "", t.deliverable_missing),
            all(""),
        ];
        return missing;
    };
    let approvals = p.approvals_for(&d.id);
    let approvals = (!approvals.is_empty()).then(|| {
        let items = approvals.into_iter().map(|a| {
            let version = d
                .version(&a.version_id)
                .map(|v| v.label.clone())
                .unwrap_or_default();
            el("li", "")
                .push(dom::link(
                    &Route::Approval(a.id.clone()).href(),
                    "",
                    &a.title,
                ))
                .text(" ")
                .push(dom::text("span", "cp-muted", &version))
                .text(" ")
                .push(approval_badge(a.status, t))
        });
        section("cp-d-approvals", t.approvals_for_this)
            .push(el("ul", "cp-list").push_all(items.collect()))
    });
    let mut versions: Vec<&Version> = d.versions.iter().collect();
    sort_by_i64(&mut versions, |v| -v.created_at.timestamp_millis());
    let versions = section("cp-d-versions", t.versions_title).push(match versions.is_empty() {
        true => dom::text("p", "cp-muted", t.versions_none),
        false => el("ol", "cp-versions").push_all(
            versions
                .iter()
                .enumerate()
                .map(|(i, v)| version_item(v, i == 0, t))
                .collect(),
        ),
    });
    let card = el("section", "cp-card")
        .push(facts(&p, &d, t, true))
        .push(concern_shortcut(t, d.title.clone()));
    let top = [
        all("cp-breadcrumb"),
        page_title(&d.title, d.summary.as_deref()),
        card,
    ];
    top.into_iter()
        .chain(approvals)
        .chain([versions, comments(&d)])
        .collect()
}

/// A part of a deliverable's page: a card with its heading.
fn section(id: &str, title: &str) -> Node {
    el("section", "cp-card")
        .attr("aria-labelledby", id)
        .push(dom::text("h2", "", title).attr("id", id))
}

/// One version: its label, date, notes, a preview and a link to the file.
fn version_item(v: &Version, is_latest: bool, t: &'static Strings) -> Node {
    let head = el("div", "cp-version-head")
        .push(dom::text("span", "cp-version-label", &v.label))
        .push_opt(is_latest.then(|| badge("info", t.version_latest)))
        .push(dom::text(
            "span",
            "cp-muted",
            &t.version_added(&intl::moment(v.created_at)),
        ));
    el("li", "cp-version")
        .push(head)
        .push_opt(v.notes.as_deref().map(|n| dom::text("p", "", n)))
        .push(asset(v, t))
}

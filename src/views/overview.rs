//! The Overview: what I owe, what's next, the latest win, who to talk to.

use std::sync::Arc;

use crate::contract::{ContactKind, Portal};
use crate::domain::overview::{coming_next, latest_win, owed, Owed, OwedKind};
use crate::i18n::{use_i18n, Strings};
use crate::intl::{self, BrowserZone};
use crate::route::Route;
use crate::views::dom::{self, el, Node};
use crate::views::widgets::{avatar, contact_links, due_line, more_link, owner_badge, page};
use crate::views::wins::{metric_list, win_head};

pub fn overview_page(p: Arc<Portal>) -> Vec<Node> {
    let t = use_i18n().t();
    let first_name = p
        .viewer
        .name
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_string();
    let cards = [
        Some(owed_card(&p, t)),
        Some(coming_up_card(&p, t)),
        Some(latest_win_card(&p, t)),
        Some(contact_card(&p, t)),
        (p.scope.is_some() || !p.meetings.is_empty()).then(|| agreed_card(&p, t)),
    ];
    let cards = cards.into_iter().flatten().collect::<Vec<_>>();
    page(
        &t.greeting(&first_name),
        Some(t.overview_intro),
        "cp-overview",
        cards,
    )
}

/// A card of the Overview: a section named by its heading.
fn card(class: &str, id: &str, title: &str, body: impl IntoIterator<Item = Node>) -> Node {
    el("section", class)
        .attr("aria-labelledby", id)
        .push(dom::text("h2", "", title).attr("id", id))
        .push_all(body.into_iter().collect())
}

/// A way to the monthly reports, saying how many are new.
fn reports_line(p: &Portal, t: &'static Strings) -> Node {
    let new =
        crate::domain::reports::new_count(p, &crate::state::seen::reports_seen(), intl::now());
    let words = match new {
        0 => t.reports_see.to_string(),
        n => t.reports_new(n),
    };
    more_link(&Route::Reports.href(), &words)
}

/// What we agreed, and the points from meetings that wait for an answer.
fn agreed_card(p: &Portal, t: &'static Strings) -> Node {
    let waiting = crate::domain::meetings::waiting(p);
    let nodes = [
        p.scope.as_ref().map(|s| dom::text("p", "", &s.summary)),
        (waiting > 0).then(|| {
            el("p", "cp-alert-line")
                .push(dom::text("span", "", "! ").attr("aria-hidden", "true"))
                .text(&t.agreements_waiting(waiting))
        }),
        p.scope
            .is_some()
            .then(|| more_link(&Route::Agreed(None).href(), t.agreed_see)),
        (!p.meetings.is_empty()).then(|| more_link(&Route::Meetings(None).href(), t.meetings_see)),
        Some(more_link(&Route::Requests.href(), t.requests_see)),
    ];
    card(
        "cp-card",
        "cp-agreed-title",
        t.agreed_title,
        nodes.into_iter().flatten(),
    )
}

fn owed_href(o: &Owed) -> String {
    match &o.what {
        OwedKind::Approval(id) => Route::Approval(id.clone()).href(),
        OwedKind::Deadline {
            deliverable_id: Some(d),
            ..
        } => Route::Deliverable(d.clone()).href(),
        OwedKind::Deadline { .. } => Route::Deadlines.href(),
    }
}

fn owed_card(p: &Portal, t: &'static Strings) -> Node {
    let items = owed(p, intl::now(), &BrowserZone);
    let overdue = items.iter().filter(|o| o.state.is_overdue()).count();
    let count = items.len();
    let class = if overdue > 0 {
        "cp-card cp-owed cp-owed-late"
    } else {
        "cp-card cp-owed"
    };
    let mut nodes = vec![];
    if count == 0 {
        nodes.push(dom::text("p", "cp-all-clear", t.you_owe_none));
    } else {
        nodes.push(
            el("p", "cp-big-number")
                .push(dom::text("span", "cp-number", &count.to_string()))
                .text(" ")
                .push(dom::text("span", "", &t.you_owe_label(count))),
        );
        if overdue > 0 {
            nodes.push(
                el("p", "cp-alert-line")
                    .push(dom::text("span", "", "! ").attr("aria-hidden", "true"))
                    .text(&t.overdue_count(overdue)),
            );
        }
        let first = items.iter().take(4).map(|o| {
            el("li", "")
                .push(dom::link(&owed_href(o), "", &o.title))
                .push(due_line(o.due, t))
        });
        nodes.push(el("ul", "cp-list").push_all(first.collect()));
        nodes.push(more_link(&Route::Approvals.href(), t.see_all_approvals));
    }
    card(class, "cp-owed-title", t.you_owe_title, nodes)
}

fn coming_up_card(p: &Portal, t: &'static Strings) -> Node {
    let next = coming_next(p, intl::now(), &BrowserZone, 3);
    let agency = p.agency.name.as_str();
    let body = match next.is_empty() {
        true => dom::text("p", "", t.coming_up_none),
        false => el("ul", "cp-list").push_all(
            next.into_iter()
                .map(|d| {
                    el("li", "")
                        .push(dom::text("span", "cp-list-title", &d.title))
                        .push(
                            el("span", "cp-list-meta")
                                .push(owner_badge(d.owner, agency, t))
                                .push(due_line(d.due, t)),
                        )
                })
                .collect(),
        ),
    };
    let nodes = [
        body,
        more_link(&Route::Deadlines.href(), t.see_all_deadlines),
    ];
    card("cp-card", "cp-next-title", t.coming_up_title, nodes)
}

fn latest_win_card(p: &Portal, t: &'static Strings) -> Node {
    let body = match latest_win(p) {
        None => vec![dom::text("p", "", t.no_wins_yet)],
        Some(w) => {
            let mut nodes = win_head(w, intl::due(w.date), false, t);
            nodes.push(metric_list(&w.metrics[..w.metrics.len().min(1)], t));
            nodes
        }
    };
    let nodes = body
        .into_iter()
        .chain([more_link(&Route::Wins.href(), t.see_all_wins)])
        .chain((!p.reports.is_empty()).then(|| reports_line(p, t)));
    card(
        "cp-card cp-win-card",
        "cp-win-title",
        t.latest_win_title,
        nodes,
    )
}

fn contact_card(p: &Portal, t: &'static Strings) -> Node {
    let response = p.communication.response_hours;
    let person = p
        .contact_of_kind(ContactKind::Primary)
        .map(|c| person(c, t));
    let nodes = person.into_iter().chain([
        dom::text("p", "cp-promise", &t.answers_within(response)),
        more_link(&Route::Contact.href(), t.contact_and_escalate),
    ]);
    card("cp-card", "cp-contact-title", t.your_contact_title, nodes)
}

/// A contact: photo or initials, name, role, and how to reach them.
pub fn person(c: &crate::contract::Contact, t: &'static Strings) -> Node {
    el("div", "cp-person")
        .push(avatar(&c.name, c.photo_url.as_deref(), t))
        .push(
            el("div", "")
                .push(dom::text("p", "cp-person-name", &c.name))
                .push(dom::text("p", "cp-muted", &c.role))
                .push(contact_links(c.email.as_deref(), c.phone.as_deref(), t)),
        )
}

//! "Ask for something new": a request for work that was not planned, with
//! what happens to it (inside the agreed work, or a quote first) shown
//! before it is sent; then a reference and when to expect an answer; and
//! the client's requests with where each one stands.
//!
//! The form is plain DOM read with `FormData`, like the concern form: one
//! input handler saves the draft and says what happens next, one submit
//! handler checks and sends. The page is drawn again whenever the outbox
//! or the agency's answers change, so what it shows (sending, received,
//! the list) is read from them as it is built.

use std::cell::Cell;
use std::sync::Arc;

use leptos::prelude::*;
use web_sys::Event;

use crate::contract::agreed::{AgreedScope, NewRequest, Request, RequestReceipt, RequestStatus};
use crate::contract::Portal;
use crate::domain::outbox::{is_pending, Applied, Write};
use crate::domain::requests::{
    check, newest_first, next, Form, Next, Problem, DESCRIPTION_LIMIT, MOST_LINKS, NEW,
};
use crate::domain::validate::{char_count, TextProblem};
use crate::i18n::{use_i18n, Strings};
use crate::intl;
use crate::state::drafts;
use crate::state::writes::use_writes;
use crate::views::dom::{self, el, fill, Node};
use crate::views::form::{
    choice, error_line, field, follow, form, form_page, input, received_card, set_count,
    show_problems, textarea,
};
use crate::views::widgets::{badge, fact};

thread_local! {
    /// A request was just sent from this page: move focus to what happens
    /// next (sending, then the acknowledgement) when the page is drawn again.
    static ANNOUNCE: Cell<bool> = const { Cell::new(false) };
}

/// The element ids of the form's fields, `cp-request-{name}`, in the order
/// `Problems::by_field` names them.
fn field_id(name: &str) -> String {
    format!("cp-request-{name}")
}

pub fn requests_page(p: Arc<Portal>) -> impl IntoView {
    let t = use_i18n().t();
    let w = use_writes();
    let pending = w.waiting(|w| matches!(w, Write::Request { .. }));
    let acks: Vec<(NewRequest, RequestReceipt)> = w.received(|a| match a {
        Applied::Request { body, receipt, .. } => Some((body.clone(), receipt.clone())),
        _ => None,
    });
    follow(
        &ANNOUNCE,
        (&pending, &acks),
        "cp-request-sending",
        "cp-request-ack",
    );
    let hours = p.communication.response_hours;
    let mut nodes: Vec<Node> = acks
        .iter()
        .enumerate()
        .map(|(i, (body, receipt))| ack(t, &p, i, body, receipt, hours))
        .collect();
    nodes.push(request_form(t, p.clone()));
    nodes.push(list(t, &p));
    form_page(
        t,
        t.requests_title,
        t.requests_intro,
        pending,
        "cp-request-sending",
        t.request_sending,
        nodes,
    )
}

/// What happens next with a request about `part`, in plain words, with the
/// part of the agreed work it rests on.
fn what_next(t: &'static Strings, scope: Option<&AgreedScope>, part: &str) -> Vec<Node> {
    match next(scope, part) {
        None => vec![dom::text("p", "cp-muted", t.request_next_choose)],
        Some(Next::Agreed(item)) => [
            Some(&t.request_next_agreed(&item.title)),
            item.detail.as_ref(),
        ]
        .into_iter()
        .flatten()
        .map(|words| dom::text("p", "", words))
        .collect(),
        Some(Next::Quote(rule)) => {
            let excluded = scope.map_or(&[][..], |s| &s.excluded[..]);
            let mut said = vec![
                dom::text("p", "", t.request_next_quote),
                dom::text("p", "cp-muted", rule.unwrap_or(t.agreed_extra_default)),
            ];
            if !excluded.is_empty() {
                let titles = excluded.iter().map(|x| dom::text("li", "", &x.title));
                said.push(dom::text("p", "", t.agreed_excluded));
                said.push(el("ul", "cp-list").push_all(titles.collect()));
            }
            said
        }
    }
}

/// The agency has it: reference, when, when to expect an answer, and what
/// happens next.
fn ack(
    t: &'static Strings,
    p: &Portal,
    i: usize,
    body: &NewRequest,
    receipt: &RequestReceipt,
    hours: u32,
) -> Node {
    // Only the newest takes the focus.
    let id = match i {
        0 => "cp-request-ack".to_string(),
        _ => format!("cp-request-ack-{i}"),
    };
    let by = receipt
        .respond_by
        .unwrap_or_else(|| receipt.received_at + chrono::Duration::hours(i64::from(hours)));
    let part = body.scope_item_id.as_deref().unwrap_or(NEW);
    received_card(&id, t.request_received)
        .push(el("p", "").push(dom::text("strong", "", &body.title)))
        .push(
            el("dl", "cp-facts")
                .push(fact(
                    t.concern_reference,
                    dom::text("span", "cp-ref", &receipt.reference),
                ))
                .push(fact(
                    t.concern_received_at,
                    dom::text("span", "", &intl::moment(receipt.received_at)),
                ))
                .push(fact(
                    t.concern_answer_by,
                    dom::text("span", "", &intl::moment(by)),
                )),
        )
        .push_all(what_next(t, p.scope.as_ref(), part))
}

fn problem_text(t: &'static Strings, name: &str, p: &Problem) -> String {
    match p {
        Problem::Text(TextProblem::Empty) if name == "title" => t.err_request_title.into(),
        Problem::Text(TextProblem::Empty) => t.err_request_description.into(),
        Problem::Text(TextProblem::TooLong { limit, length }) => t.err_too_long(*limit, *length),
        Problem::NotADay => t.err_not_a_day.into(),
        Problem::PastDay => t.err_past_day.into(),
        Problem::NoChoice => t.err_no_part.into(),
        Problem::Unlisted => t.err_unlisted.into(),
        Problem::TooManyLinks => t.err_too_many_links(MOST_LINKS),
        Problem::BadLink(link) => t.err_bad_link(link),
    }
}

fn request_form(t: &'static Strings, p: Arc<Portal>) -> Node {
    let draft = drafts::load_request();
    let scope = p.scope.as_ref();
    let counted = |n: usize| t.char_count(n, DESCRIPTION_LIMIT);

    // The parts of the agreed work to choose from, and "something new".
    // With no agreed work listed, anything asked for is something new.
    let included = scope.map_or(&[][..], |s| &s.included[..]);
    let chosen = match (draft.part.as_str(), included.is_empty()) {
        ("", true) => NEW,
        (part, _) => part,
    };
    let part_id = field_id("part");
    let labels = included
        .iter()
        .map(|item| {
            (
                item.id.as_str(),
                el("label", "").push(dom::text("strong", "", &item.title)),
            )
        })
        .chain([(NEW, dom::text("label", "", t.request_part_new))]);
    let part = el("fieldset", "cp-field")
        .attr("aria-describedby", &format!("{part_id}-error"))
        .push(dom::text("legend", "", t.request_part))
        .push_all(
            labels
                .enumerate()
                .map(|(i, (value, label))| {
                    let id = format!("{part_id}-{i}");
                    choice(&id, "part", value, value == chosen, label)
                })
                .collect(),
        )
        .push(error_line(&part_id));
    let next_box = el("section", "cp-request-next")
        .attr("aria-labelledby", "cp-request-next")
        .attr("aria-live", "polite")
        .push(dom::text("h3", "", t.request_next).attr("id", "cp-request-next"))
        .push(
            el("div", "")
                .attr("id", NEXT_ID)
                .push_all(what_next(t, scope, chosen)),
        );

    let on_input = {
        let p = p.clone();
        move |ev: Event| {
            let Some(form) = dom::form_of(ev.target()) else {
                return;
            };
            let f = Form::from_fields(dom::fields(&form));
            drafts::save_request(&f);
            set_count(
                t,
                &field_id("description"),
                char_count(&f.description),
                DESCRIPTION_LIMIT,
            );
            if let Some(e) = crate::embed::by_id(NEXT_ID) {
                fill(e.into(), what_next(t, p.scope.as_ref(), &f.part));
            }
        }
    };
    let w = use_writes();
    let on_submit = move |ev: Event| {
        ev.prevent_default();
        let Some(form) = dom::form_of(ev.target()) else {
            return;
        };
        let f = Form::from_fields(dom::fields(&form));
        match check(&f, p.scope.as_ref(), intl::today()) {
            Err(e) => {
                let said: Vec<(String, String)> = e
                    .by_field()
                    .into_iter()
                    .map(|(name, problem)| {
                        let words = problem.map_or(String::new(), |p| problem_text(t, name, p));
                        (field_id(name), words)
                    })
                    .collect();
                show_problems(&said);
            }
            Ok(body) => {
                drafts::clear_request();
                ANNOUNCE.set(true);
                w.queue(Write::Request { body }, 0.0);
            }
        }
    };

    let description = &draft.description;
    form(
        "cp-card cp-request",
        "cp-request-form-title",
        t.requests_title,
    )
    .push(field(
        &field_id("title"),
        "title",
        t.request_title,
        Some(t.request_title_hint),
        None,
        input("text", &draft.title),
    ))
    .push(field(
        &field_id("description"),
        "description",
        t.request_description,
        Some(t.request_description_hint),
        Some(counted(char_count(description))),
        textarea("6", description),
    ))
    .push(field(
        &field_id("wanted_by"),
        "wanted_by",
        t.request_wanted_by,
        None,
        None,
        input("date", &draft.wanted_by).attr("min", &crate::contract::day_to_wire(intl::today())),
    ))
    .push(part)
    .push(next_box)
    .push(field(
        &field_id("links"),
        "links",
        t.request_links,
        Some(t.request_links_hint),
        None,
        textarea("3", &draft.links),
    ))
    .push(
        dom::text("button", "cp-button", t.request_send)
            .attr("type", "submit")
            .attr("id", "cp-request-send"),
    )
    .on("input", Box::new(on_input))
    .on("submit", Box::new(on_submit))
}

/// Where the form says what happens next.
const NEXT_ID: &str = "cp-request-next-what";

fn status_badge(r: &Request, t: &'static Strings) -> Node {
    if is_pending(&r.id) {
        return badge("warning", t.comment_not_sent);
    }
    let (tone, words) = match r.status {
        RequestStatus::Received => ("info", t.request_status_received),
        RequestStatus::InScope => ("success", t.request_status_in_scope),
        RequestStatus::ChangeOrder => ("attention", t.request_status_change_order),
        RequestStatus::Declined => ("neutral", t.request_status_declined),
        RequestStatus::Done => ("success", t.request_status_done),
        RequestStatus::Other => ("neutral", t.request_status_other),
    };
    badge(tone, words)
}

/// The client's requests, newest first, with where each one stands.
fn list(t: &'static Strings, p: &Portal) -> Node {
    let all = newest_first(p);
    let body = match all.is_empty() {
        true => dom::text("p", "cp-muted", t.requests_none),
        false => el("ul", "cp-list cp-requests").push_all(
            all.into_iter()
                .map(|r| {
                    let waiting = r.status == RequestStatus::Received && !is_pending(&r.id);
                    el("li", "")
                        .push(
                            el("p", "")
                                .push(dom::text("strong", "", &r.title))
                                .text(" ")
                                .push(status_badge(r, t)),
                        )
                        .push(dom::text(
                            "p",
                            "cp-muted",
                            &t.request_asked(&intl::moment(r.created_at)),
                        ))
                        .push_opt(r.assessment.as_deref().map(|a| dom::text("p", "", a)))
                        .push_opt(r.respond_by.filter(|_| waiting).map(|by| {
                            dom::text(
                                "p",
                                "cp-muted",
                                &format!("{}: {}", t.concern_answer_by, intl::moment(by)),
                            )
                        }))
                })
                .collect(),
        ),
    };
    el("section", "cp-card")
        .attr("aria-labelledby", "cp-requests-yours")
        .push(dom::text("h2", "", t.requests_yours).attr("id", "cp-requests-yours"))
        .push(body)
}

//! "Something's not right?": a concern for the primary contact, the backup
//! or someone higher up, under the client's name or anonymously; then an
//! acknowledgement with a reference and a time to expect an answer.
//!
//! The form is plain DOM read with `FormData` (`views::form`): one input
//! handler saves the draft, one submit handler checks and sends. The page
//! is drawn again whenever the outbox or the agency's answers change, so
//! what it shows (sending, received) is read from them as it is built.

use std::cell::Cell;
use std::sync::Arc;

use leptos::prelude::*;
use web_sys::Event;

use crate::contract::{Contact, ContactKind, Portal, Urgency};
use crate::domain::escalation::{check, recipients, respond_by, Form, Problem, MESSAGE_LIMIT};
use crate::domain::outbox::{Applied, Write};
use crate::domain::validate::{char_count, TextProblem};
use crate::i18n::{use_i18n, Strings};
use crate::intl;
use crate::state::drafts;
use crate::state::writes::use_writes;
use crate::views::dom::{self, el, Node};
use crate::views::form::{
    choice, error_line, field, follow, form, form_page, input, received_card, set_count,
    show_problems, textarea,
};
use crate::views::sent::sent_list;
use crate::views::widgets::fact;

thread_local! {
    /// A concern was just sent from this page: move focus to what happens
    /// next (sending, then the acknowledgement) when the page is rebuilt.
    static ANNOUNCE: Cell<bool> = const { Cell::new(false) };
}

pub fn concern_page(p: Arc<Portal>, about: Option<String>) -> impl IntoView {
    let t = use_i18n().t();
    let w = use_writes();
    let pending = w.waiting(|w| matches!(w, Write::Escalation { .. }));
    let hours = p.communication.response_hours;
    let acks: Vec<Applied> =
        w.received(|a| matches!(a, Applied::Escalation { .. }).then(|| a.clone()));
    follow(
        &ANNOUNCE,
        (&pending, &acks),
        "cp-concern-sending",
        "cp-concern-ack-0",
    );
    let mut nodes: Vec<Node> = acks
        .into_iter()
        .enumerate()
        .filter_map(|(i, a)| ack(t, i, a, hours))
        .collect();
    nodes.push(concern_form(t, p, about));
    nodes.push(sent_list(t));
    form_page(
        t,
        t.concern_title,
        t.concern_intro,
        pending,
        "cp-concern-sending",
        t.concern_sending,
        nodes,
    )
}

/// The agency has it: reference, when, to whom, and when to expect an answer.
fn ack(t: &'static Strings, i: usize, a: Applied, hours: u32) -> Option<Node> {
    let Applied::Escalation {
        to_name,
        body,
        receipt,
        ..
    } = a
    else {
        return None;
    };
    let by = respond_by(&receipt, hours);
    let id = format!("cp-concern-ack-{i}");
    let span = |class: &str, words: &str| dom::text("span", class, words);
    Some(
        received_card(&id, t.concern_received)
            .push(
                el("dl", "cp-facts")
                    .push(fact(
                        t.concern_reference,
                        span("cp-ref", &receipt.reference),
                    ))
                    .push(fact(
                        t.concern_received_at,
                        span("", &intl::moment(receipt.received_at)),
                    ))
                    .push(fact(t.concern_went_to, span("", &to_name)))
                    .push(fact(
                        t.concern_answer_by,
                        span(
                            "",
                            &format!("{} · {}", intl::moment(by), t.answers_within(hours)),
                        ),
                    )),
            )
            .push_opt(
                body.anonymous
                    .then(|| dom::text("p", "cp-hint", t.concern_was_anonymous)),
            ),
    )
}

fn role_label(t: &'static Strings, c: &Contact) -> String {
    match c.kind {
        ContactKind::Primary => t.primary_contact.to_string(),
        ContactKind::Backup => t.backup_contact.to_string(),
        _ => t.concern_chain_level(c.level.unwrap_or(1)),
    }
}

fn problem_text(t: &'static Strings, p: Option<Problem>, empty: &'static str) -> String {
    match p {
        None => String::new(),
        Some(Problem::Text(TextProblem::Empty)) => empty.to_string(),
        Some(Problem::Text(TextProblem::TooLong { limit, length })) => {
            t.err_too_long(limit, length)
        }
        Some(Problem::BadEmail) => t.err_bad_email.to_string(),
        Some(Problem::NoRecipient) => t.err_pick_someone.to_string(),
        Some(Problem::NoAnonymous) => t.err_no_anonymous.to_string(),
    }
}

/// What the form holds now.
fn read(form: &web_sys::HtmlFormElement) -> Form {
    Form::from_fields(dom::fields(form))
}

fn concern_form(t: &'static Strings, p: Arc<Portal>, about: Option<String>) -> Node {
    let w = use_writes();
    let mut draft = drafts::load_concern();
    if let Some(a) = about {
        draft.topic = a;
    }
    let people: Vec<&Contact> = recipients(&p);
    let chosen = match people.iter().any(|c| c.id == draft.to) {
        true => draft.to.as_str(),
        false => people.first().map_or("", |c| c.id.as_str()),
    };
    let urgency = Urgency::from_wire(&draft.urgency).unwrap_or(Urgency::Normal);
    let anon_ok = p.anonymous_key.is_some();
    let counted = |n: usize| t.char_count(n, MESSAGE_LIMIT);

    // Asked first: an anonymous draft is kept for this tab only, so
    // nothing typed after choosing it ever reaches the device's storage.
    let switch = input("checkbox", "1")
        .attr("role", "switch")
        .attr("id", "cp-concern-anon")
        .attr("name", "anonymous")
        .attr("aria-describedby", "cp-concern-anon-what");
    let switch = match (draft.anonymous && anon_ok, anon_ok) {
        (true, _) => switch.attr("checked", ""),
        (_, false) => switch.attr("disabled", ""),
        _ => switch,
    };
    let what = match anon_ok {
        true => vec![
            dom::text("p", "", &t.concern_anon_sees(&p.client.name)),
            dom::text("p", "", t.concern_anon_hidden),
        ],
        false => vec![dom::text("p", "", &t.concern_anon_off(&p.agency.name))],
    };
    let anon = el("div", "cp-field cp-anon")
        .push(
            el("div", "cp-choice-row")
                .push(switch)
                .push(dom::text("label", "", t.concern_anonymous).attr("for", "cp-concern-anon")),
        )
        .push(
            el("div", "cp-hint")
                .attr("id", "cp-concern-anon-what")
                .push_all(what),
        );
    let to = el("fieldset", "cp-field")
        .attr("aria-describedby", "cp-concern-to-error")
        .push(dom::text("legend", "", t.concern_to))
        .push_all(
            people
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let label = el("label", "")
                        .push(dom::text("strong", "", &c.name))
                        .text(&format!(" · {} ", c.role))
                        .push(dom::text(
                            "span",
                            "cp-muted",
                            &format!("({})", role_label(t, c)),
                        ));
                    let id = format!("cp-concern-to-{i}");
                    choice(&id, "to", &c.id, c.id == chosen, label)
                })
                .collect(),
        )
        .push(error_line("cp-concern-to"));
    let levels = [
        (Urgency::Low, t.urgency_low),
        (Urgency::Normal, t.urgency_normal),
        (Urgency::High, t.urgency_high),
    ];
    let urgencies = el("fieldset", "cp-field")
        .push(dom::text("legend", "", t.concern_urgency))
        .push(
            el("div", "cp-choices").push_all(
                levels
                    .into_iter()
                    .map(|(u, label)| {
                        let id = format!("cp-concern-urgency-{}", u.to_wire());
                        let label = dom::text("label", "", label);
                        choice(&id, "urgency", u.to_wire(), u == urgency, label)
                    })
                    .collect(),
            ),
        );

    let on_input = move |ev: Event| {
        if let Some(form) = dom::form_of(ev.target()) {
            let f = read(&form);
            set_count(
                t,
                "cp-concern-message",
                char_count(&f.message),
                MESSAGE_LIMIT,
            );
            drafts::save_concern(&f);
        }
    };
    let portal = p.clone();
    let submit = move |ev: Event| {
        ev.prevent_default();
        let Some(form) = dom::form_of(ev.target()) else {
            return;
        };
        match check(&read(&form), &portal) {
            Err(e) => {
                let said = |id: &str, p: Option<Problem>, empty: &'static str| {
                    (id.to_string(), problem_text(t, p, empty))
                };
                show_problems(&[
                    said("cp-concern-to", e.to, ""),
                    said("cp-concern-topic", e.topic, t.err_topic_empty),
                    said("cp-concern-message", e.message, t.err_message_empty),
                    said("cp-concern-reply", e.reply_to, ""),
                ]);
            }
            Ok(body) => {
                let to_name = portal
                    .contact(&body.to)
                    .map_or_else(String::new, |c| c.name.clone());
                let anonymous_key = portal.anonymous_key.clone().filter(|_| body.anonymous);
                drafts::clear_concern();
                ANNOUNCE.set(true);
                w.queue(
                    Write::Escalation {
                        body,
                        to_name,
                        anonymous_key,
                    },
                    0.0,
                );
            }
        }
    };
    let send = dom::text("button", "cp-button", "")
        .attr("type", "submit")
        .attr("id", "cp-concern-send")
        .push(dom::text("span", "cp-named", t.concern_send))
        .push(dom::text("span", "cp-anon-only", t.concern_send_anon));
    let message = textarea("6", &draft.message);
    form(
        "cp-card cp-concern",
        "cp-concern-form-title",
        t.concern_title,
    )
    .push(anon)
    .push(to)
    .push(field(
        "cp-concern-topic",
        "topic",
        t.concern_topic,
        Some(t.concern_topic_hint),
        None,
        input("text", &draft.topic),
    ))
    .push(urgencies)
    .push(field(
        "cp-concern-message",
        "message",
        t.concern_message,
        Some(t.concern_message_hint),
        Some(counted(char_count(&draft.message))),
        message,
    ))
    .push(
        field(
            "cp-concern-reply",
            "reply_to",
            t.concern_reply_to,
            Some(t.concern_reply_hint),
            None,
            input("email", &draft.reply_to).attr("autocomplete", "email"),
        )
        .attr("class", "cp-field cp-named"),
    )
    .push(dom::text(
        "p",
        "cp-hint cp-named",
        &t.concern_sent_as(&p.viewer.name),
    ))
    .push(send)
    .on("input", Box::new(on_input))
    .on("submit", Box::new(submit))
}

//! "Something's not right?": a concern for the primary contact, the backup
//! or someone higher up, under the client's name or anonymously; then an
//! acknowledgement with a reference and a time to expect an answer.
//!
//! The form's fields are plain (uncontrolled) inputs read with `FormData`:
//! one input handler saves the draft, one submit handler checks and sends.
//! The page is rebuilt whenever the outbox or the agency's answers change,
//! so what it shows (sending, received) is read from them as it is built.

use std::cell::Cell;
use std::sync::Arc;

use leptos::either::Either;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::contract::{Contact, ContactKind, Portal, Urgency};
use crate::domain::escalation::{check, recipients, respond_by, Form, Problem, Problems};
use crate::domain::outbox::{Applied, Write};
use crate::domain::validate::{char_count, TextProblem};
use crate::i18n::{use_i18n, Strings};
use crate::intl;
use crate::state::drafts;
use crate::state::writes::use_writes;
use crate::views::sent::sent_list;
use crate::views::widgets::{live_flag, live_text, live_word, PageTitle};

thread_local! {
    /// A concern was just sent from this page: move focus to what happens
    /// next (sending, then the acknowledgement) when the page is rebuilt.
    static ANNOUNCE: Cell<bool> = const { Cell::new(false) };
}

pub fn concern_page(p: Arc<Portal>, about: Option<String>) -> impl IntoView {
    let t = use_i18n().t();
    let w = use_writes();
    let pending: Vec<(String, bool)> = w.outbox.with_untracked(|o| {
        o.items
            .iter()
            .filter(|i| matches!(i.write, Write::Escalation { .. }))
            .map(|i| (i.key.clone(), i.write.is_anonymous()))
            .collect()
    });
    let hours = p.communication.response_hours;
    let acks: Vec<Applied> = w.applied.with_untracked(|a| {
        a.iter()
            .rev()
            .filter(|a| matches!(a, Applied::Escalation { .. }))
            .cloned()
            .collect()
    });
    if ANNOUNCE.get() {
        if !pending.is_empty() {
            crate::embed::focus_id("cp-concern-sending");
        } else if !acks.is_empty() {
            ANNOUNCE.set(false);
            crate::embed::focus_id("cp-concern-ack-0");
        }
    }
    view! {
        <PageTitle title=t.concern_title.to_string() intro=t.concern_intro />
        {pending.into_iter().map(|(key, _)| sending(t, key)).collect_view()}
        {acks.into_iter().enumerate().map(|(i, a)| ack(t, i, a, hours)).collect_view()}
        {concern_form(t, p, about)}
        {sent_list(t)}
    }
}

/// Waiting to be sent: it is saved, and will be retried.
fn sending(t: &'static Strings, key: String) -> impl IntoView {
    let w = use_writes();
    let tried = Memo::new(move |_| {
        w.outbox.with(|o| {
            o.items
                .iter()
                .find(|p| p.key == key)
                .map_or(0, |p| p.attempts)
        })
    });
    view! {
        <section class="cp-card cp-queued" role="status" aria-live="polite">
            <h2 id="cp-concern-sending" tabindex="-1">
                {live_text(move || if tried.get() > 0 { t.not_sent_yet } else { t.concern_sending }.to_string())}
            </h2>
            <button type="button" class="cp-button cp-button-secondary" hidden=live_flag(move || tried.get() == 0) on:click=move |_| w.retry_failed()>
                {t.retry_now}
            </button>
        </section>
    }
}

/// The agency has it: reference, when, to whom, and when to expect an answer.
fn ack(t: &'static Strings, i: usize, a: Applied, hours: u32) -> impl IntoView {
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
    let labelled = id.clone();
    Some(view! {
        <section class="cp-card cp-receipt" aria-labelledby=labelled>
            <h2 id=id tabindex="-1">"✓ " {t.concern_received}</h2>
            <dl class="cp-facts">
                <div><dt>{t.concern_reference}</dt><dd class="cp-ref">{receipt.reference}</dd></div>
                <div><dt>{t.concern_received_at}</dt><dd>{intl::moment(receipt.received_at)}</dd></div>
                <div><dt>{t.concern_went_to}</dt><dd>{to_name}</dd></div>
                <div><dt>{t.concern_answer_by}</dt><dd>{intl::moment(by)} " · " {t.answers_within(hours)}</dd></div>
            </dl>
            {body.anonymous.then(|| view! { <p class="cp-hint">{t.concern_was_anonymous}</p> })}
        </section>
    })
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
    let Ok(d) = web_sys::FormData::new_with_form(form) else {
        return Form::default();
    };
    Form::from_fields(|k| d.get(k).as_string().unwrap_or_default())
}

fn form_of(target: Option<web_sys::EventTarget>) -> Option<web_sys::HtmlFormElement> {
    let el = target?.dyn_into::<web_sys::Element>().ok()?;
    el.closest("form").ok()??.dyn_into().ok()
}

/// An error line under a field, and whether the field is wrong.
fn field_error(
    errors: RwSignal<Problems>,
    id: &'static str,
    pick: fn(&Problems) -> Option<Problem>,
    t: &'static Strings,
    empty: &'static str,
) -> impl IntoView {
    view! {
        <p id=id class="cp-field-error">
            {live_text(move || problem_text(t, errors.with(pick), empty))}
        </p>
    }
}

fn concern_form(t: &'static Strings, p: Arc<Portal>, about: Option<String>) -> impl IntoView {
    let w = use_writes();
    let mut draft = drafts::load_concern();
    if let Some(a) = about {
        draft.topic = a;
    }
    let people: Vec<Contact> = recipients(&p).into_iter().cloned().collect();
    let chosen = if people.iter().any(|c| c.id == draft.to) {
        draft.to.clone()
    } else {
        people.first().map(|c| c.id.clone()).unwrap_or_default()
    };
    let urgency = Urgency::from_wire(&draft.urgency).unwrap_or(Urgency::Normal);
    let anon_ok = p.anonymous_key.is_some();
    let errors = RwSignal::new(Problems::default());
    let count = RwSignal::new(char_count(&draft.message));

    let on_input = move |ev: leptos::ev::Event| {
        if let Some(form) = form_of(ev.target()) {
            let f = read(&form);
            count.set(char_count(&f.message));
            drafts::save_concern(&f);
        }
    };
    let portal = p.clone();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(form) = form_of(ev.target()) else {
            return;
        };
        match check(&read(&form), &portal) {
            Err(e) => {
                let first = [
                    (e.to, "cp-concern-to-0"),
                    (e.topic, "cp-concern-topic"),
                    (e.message, "cp-concern-message"),
                    (e.reply_to, "cp-concern-reply"),
                ]
                .into_iter()
                .find_map(|(p, id)| p.map(|_| id));
                errors.set(e);
                if let Some(id) = first {
                    crate::embed::focus_id(id);
                }
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
    let invalid = move |pick: fn(&Problems) -> Option<Problem>| {
        live_word(move || errors.with(pick).is_some().then_some("true"))
    };
    let agency = p.agency.name.clone();
    let client = p.client.name.clone();
    let viewer = p.viewer.name.clone();
    view! {
        <form class="cp-card cp-concern" novalidate on:submit=submit on:input=on_input aria-labelledby="cp-concern-form-title">
            <h2 id="cp-concern-form-title" class="cp-visually-hidden">{t.concern_title}</h2>
            // Asked first: an anonymous draft is kept for this tab only, so
            // nothing typed after choosing it ever reaches the device's storage.
            <div class="cp-field cp-anon">
                <div class="cp-choice-row">
                    <input type="checkbox" role="switch" id="cp-concern-anon" name="anonymous" value="1"
                        checked=draft.anonymous && anon_ok disabled=!anon_ok aria-describedby="cp-concern-anon-what" />
                    <label for="cp-concern-anon">{t.concern_anonymous}</label>
                </div>
                <div id="cp-concern-anon-what" class="cp-hint">
                    {if anon_ok {
                        Either::Left(view! { <p>{t.concern_anon_sees(&client)}</p><p>{t.concern_anon_hidden}</p> })
                    } else {
                        Either::Right(view! { <p>{t.concern_anon_off(&agency)}</p> })
                    }}
                </div>
            </div>
            <fieldset class="cp-field" aria-describedby="cp-concern-to-error">
                <legend>{t.concern_to}</legend>
                {people.into_iter().enumerate().map(|(i, c)| {
                    let id = format!("cp-concern-to-{i}");
                    let role = role_label(t, &c);
                    view! {
                        <div class="cp-choice-row">
                            <input type="radio" name="to" id=id.clone() value=c.id.clone() checked=c.id == chosen />
                            <label for=id><strong>{c.name}</strong> " · " {c.role} " " <span class="cp-muted">"(" {role} ")"</span></label>
                        </div>
                    }
                }).collect_view()}
                {field_error(errors, "cp-concern-to-error", |e| e.to, t, "")}
            </fieldset>
            <div class="cp-field">
                <label for="cp-concern-topic">{t.concern_topic}</label>
                <p id="cp-concern-topic-hint" class="cp-hint">{t.concern_topic_hint}</p>
                <input type="text" id="cp-concern-topic" name="topic" value=draft.topic
                    aria-describedby="cp-concern-topic-hint cp-concern-topic-error" aria-invalid=invalid(|e| e.topic) />
                {field_error(errors, "cp-concern-topic-error", |e| e.topic, t, t.err_topic_empty)}
            </div>
            <fieldset class="cp-field">
                <legend>{t.concern_urgency}</legend>
                <div class="cp-choices">
                    {[(Urgency::Low, t.urgency_low), (Urgency::Normal, t.urgency_normal), (Urgency::High, t.urgency_high)]
                        .into_iter().map(|(u, label)| {
                            let id = format!("cp-concern-urgency-{}", u.to_wire());
                            view! {
                                <span class="cp-choice-row">
                                    <input type="radio" name="urgency" id=id.clone() value=u.to_wire() checked=u == urgency />
                                    <label for=id>{label}</label>
                                </span>
                            }
                        }).collect_view()}
                </div>
            </fieldset>
            <div class="cp-field">
                <label for="cp-concern-message">{t.concern_message}</label>
                <p id="cp-concern-message-hint" class="cp-hint">{t.concern_message_hint}</p>
                <textarea id="cp-concern-message" name="message" rows="6"
                    aria-describedby="cp-concern-message-hint cp-concern-message-count cp-concern-message-error"
                    aria-invalid=invalid(|e| e.message)>{draft.message}</textarea>
                <p id="cp-concern-message-count" class="cp-hint">
                    {live_text(move || t.char_count(count.get(), crate::domain::escalation::MESSAGE_LIMIT))}
                </p>
                {field_error(errors, "cp-concern-message-error", |e| e.message, t, t.err_message_empty)}
            </div>
            <div class="cp-field cp-named">
                <label for="cp-concern-reply">{t.concern_reply_to}</label>
                <p id="cp-concern-reply-hint" class="cp-hint">{t.concern_reply_hint}</p>
                <input type="email" id="cp-concern-reply" name="reply_to" autocomplete="email" value=draft.reply_to
                    aria-describedby="cp-concern-reply-hint cp-concern-reply-error" aria-invalid=invalid(|e| e.reply_to) />
                {field_error(errors, "cp-concern-reply-error", |e| e.reply_to, t, "")}
            </div>
            <p class="cp-hint cp-named">{t.concern_sent_as(&viewer)}</p>
            <button type="submit" id="cp-concern-send" class="cp-button">
                <span class="cp-named">{t.concern_send}</span>
                <span class="cp-anon-only">{t.concern_send_anon}</span>
            </button>
        </form>
    }
}

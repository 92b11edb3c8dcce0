//! What the forms that send something to the agency share: fields with a
//! label, hint and error line built straight into the DOM, the problems
//! shown at the fields after a try to send, and the page around a form,
//! with a card for each thing it sent that waits for the connection.
//!
//! A form is plain (uncontrolled) inputs read with `FormData`: one input
//! handler saves the draft, one submit handler checks and sends, and the
//! page is drawn again when the outbox or the agency's answers change.

use std::cell::Cell;
use std::thread::LocalKey;

use leptos::prelude::*;

use crate::domain::validate::{self, char_count, TextProblem, COMMENT_LIMIT};
use crate::i18n::Strings;
use crate::state::writes::use_writes;
use crate::views::dom::{self, el, fill, Node};
use crate::views::widgets::{live_flag, live_text, PageTitle};

/// A form sending something to the agency, named by a heading only screen
/// readers need (`title_id`): the page's title says it already.
pub fn form(class: &str, title_id: &str, title: &str) -> Node {
    el("form", class)
        .attr("novalidate", "")
        .attr("aria-labelledby", title_id)
        .push(dom::text("h2", "cp-visually-hidden", title).attr("id", title_id))
}

/// Once the client has sent something from a form (`sent`), the focus
/// follows it as the page is drawn again: to its sending card
/// (`sending_id`) while it waits, then to its acknowledgement (`ack_id`).
pub fn follow<A>(
    sent: &'static LocalKey<Cell<bool>>,
    (waiting, received): (&[String], &[A]),
    sending_id: &'static str,
    ack_id: &'static str,
) {
    match (sent.get(), waiting.is_empty(), received.is_empty()) {
        (true, false, _) => crate::embed::focus_id(sending_id),
        (true, true, false) => {
            sent.set(false);
            crate::embed::focus_id(ack_id);
        }
        _ => {}
    }
}

/// `<input type="kind" value="value">`.
pub fn input(kind: &str, value: &str) -> Node {
    el("input", "").attr("type", kind).attr("value", value)
}

/// `<textarea rows="rows">value</textarea>`.
pub fn textarea(rows: &str, value: &str) -> Node {
    el("textarea", "").attr("rows", rows).text(value)
}

/// A comment box (`comment`, held to the comment rules' limit) at `id`,
/// holding `typed`: its label, hint, count and error line.
pub fn comment_field(
    t: &'static Strings,
    id: &str,
    label: &str,
    hint: Option<&str>,
    typed: &str,
) -> Node {
    let count = t.char_count(char_count(typed), COMMENT_LIMIT);
    field(
        id,
        "comment",
        label,
        hint,
        Some(count),
        textarea("4", typed),
    )
}

/// After typing in the comment box `id`: its count, and no problem shown
/// any more.
pub fn comment_typed(t: &'static Strings, id: &str, words: &str) {
    set_count(t, id, char_count(words), COMMENT_LIMIT);
    show_problems(&[(id.to_string(), String::new())]);
}

/// A field: its label, a hint, `control` (given `id` and `name`), a line
/// counting what was typed (`count`, updated with [`set_count`] at
/// `{id}-count`) and the error line `{id}-error`, all tied to the control.
pub fn field(
    id: &str,
    name: &str,
    label: &str,
    hint: Option<&str>,
    count: Option<String>,
    control: Node,
) -> Node {
    let described = [
        hint.map(|_| format!("{id}-hint")),
        count.as_ref().map(|_| format!("{id}-count")),
        Some(format!("{id}-error")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    el("div", "cp-field")
        .push(dom::text("label", "", label).attr("for", id))
        .push_opt(hint.map(|h| dom::text("p", "cp-hint", h).attr("id", &format!("{id}-hint"))))
        .push(
            control
                .attr("id", id)
                .attr("name", name)
                .attr("aria-describedby", &described),
        )
        .push_opt(count.map(|c| dom::text("p", "cp-hint", &c).attr("id", &format!("{id}-count"))))
        .push(error_line(id))
}

/// The error line of the field or group `id`.
pub fn error_line(id: &str) -> Node {
    el("p", "cp-field-error").attr("id", &format!("{id}-error"))
}

/// One option of a group (radio buttons named `name`) in a row with its
/// label. A group's first option has the id `{group}-0` ([`show_problems`]
/// focuses it).
pub fn choice(id: &str, name: &str, value: &str, checked: bool, label: Node) -> Node {
    let radio = input("radio", value).attr("name", name).attr("id", id);
    let radio = match checked {
        true => radio.attr("checked", ""),
        false => radio,
    };
    el("div", "cp-choice-row")
        .push(radio)
        .push(label.attr("for", id))
}

/// Put `text` in the portal's element `id`.
pub fn set_text(id: &str, text: &str) {
    if let Some(e) = crate::embed::by_id(id) {
        e.set_text_content(Some(text));
    }
}

/// The count of the field `id` (`{id}-count`) after typing: `n` of
/// `limit` characters, marked when it is over.
pub fn set_count(t: &'static Strings, id: &str, n: usize, limit: usize) {
    if let Some(e) = crate::embed::by_id(&format!("{id}-count")) {
        e.set_text_content(Some(&t.char_count(n, limit)));
        e.set_class_name(if n > limit {
            "cp-hint cp-over"
        } else {
            "cp-hint"
        });
    }
}

/// Words for a comment (the comment rules of `domain::validate`), or
/// none, with the problem shown at the field `id` (`empty` says what is
/// missing when nothing was typed).
pub fn checked_comment(t: &'static Strings, id: &str, words: &str, empty: &str) -> Option<String> {
    let problem = match validate::comment(words) {
        Ok(words) => return Some(words),
        Err(TextProblem::Empty) => empty.to_string(),
        Err(TextProblem::TooLong { limit, length }) => t.err_too_long(limit, length),
    };
    show_problems(&[(id.to_string(), problem)]);
    None
}

/// The acknowledgement of something the agency received: a card headed
/// "✓ `heading`" (`id`, focusable, to take the focus once it arrives).
pub fn received_card(id: &str, heading: &str) -> Node {
    el("section", "cp-card cp-receipt")
        .attr("aria-labelledby", id)
        .push(
            dom::text("h2", "", &format!("✓ {heading}"))
                .attr("id", id)
                .attr("tabindex", "-1"),
        )
}

/// After a try to send: each field's problem in words (empty when it has
/// none) on its error line, its control marked invalid (a group's options
/// are not), and the focus on the first field at fault (a group's first
/// option, `{id}-0`).
pub fn show_problems(fields: &[(String, String)]) {
    let mut first = None;
    for (id, words) in fields {
        set_text(&format!("{id}-error"), words);
        let control = crate::embed::by_id(id);
        if let Some(c) = &control {
            let _ = match words.is_empty() {
                true => c.remove_attribute("aria-invalid"),
                false => c.set_attribute("aria-invalid", "true"),
            };
        }
        if first.is_none() && !words.is_empty() {
            first = control.or_else(|| crate::embed::by_id(&format!("{id}-0")));
        }
    }
    if let Some(e) = first {
        let _ = e.focus();
    }
}

/// A page with a form: its title and introduction, a card for each write
/// of `waiting` not sent yet (its heading `sending_id`, saying
/// `sending_words`), then `nodes`.
pub fn form_page(
    t: &'static Strings,
    title: &'static str,
    intro: &'static str,
    waiting: Vec<String>,
    sending_id: &'static str,
    sending_words: &'static str,
    nodes: Vec<Node>,
) -> impl IntoView {
    view! {
        <PageTitle title=title.to_string() intro=intro />
        {waiting.into_iter().map(|key| sending(t, key, sending_id, sending_words)).collect_view()}
        <div use:fill=nodes></div>
    }
}

/// Waiting to be sent: it is saved, and will be retried. Its heading
/// (`id`, focused once it was sent) says `words` until a try has failed.
fn sending(
    t: &'static Strings,
    key: String,
    id: &'static str,
    words: &'static str,
) -> impl IntoView {
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
            <h2 id=id tabindex="-1">
                {live_text(move || if tried.get() > 0 { t.not_sent_yet } else { words }.to_string())}
            </h2>
            <button type="button" class="cp-button cp-button-secondary" hidden=live_flag(move || tried.get() == 0) on:click=move |_| w.retry_failed()>
                {t.retry_now}
            </button>
        </section>
    }
}

//! Deciding on an approval: approve or request changes, confirm, a short
//! undo window, then a receipt.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlDialogElement, HtmlFormElement};

use crate::contract::{Approval, DecisionKind, DecisionRequest};
use crate::domain::outbox::Write;
use crate::domain::validate::{self, TextProblem};
use crate::i18n::{use_i18n, Strings};
use crate::state::drafts;
use crate::state::writes::{use_writes, UNDO_SECONDS};
use crate::views::dom::{self, el, Node};
use crate::views::form::{comment_field, comment_typed, show_problems};
use crate::views::widgets::{live_flag, live_text};

fn problem_text(t: &'static Strings, p: TextProblem, kind: DecisionKind) -> String {
    match (p, kind) {
        (TextProblem::Empty, DecisionKind::RequestChanges) => {
            t.err_changes_need_comment.to_string()
        }
        (TextProblem::Empty, DecisionKind::Approve) => t.err_comment_empty.to_string(),
        (TextProblem::TooLong { limit, length }, _) => t.err_too_long(limit, length),
    }
}

/// The comment box of a decision.
const COMMENT: &str = "cp-decision-comment";
/// The attribute of a decision's button that names the decision.
const DECISION: &str = "data-decision";

/// Approve or ask for changes, with a comment (needed to ask for changes),
/// then confirm in a dialog that names the version and what it is about.
/// Built straight into the DOM: the comment is a draft as it is typed, and
/// the decision waiting for confirmation lives in the listeners.
pub fn decision_form(approval: &Approval, version: String, subject: String) -> Node {
    let t = use_i18n().t();
    let w = use_writes();
    let key = drafts::decision_key(&approval.id);
    let typed = drafts::load(&key);
    let chosen = Rc::new(Cell::new(None::<DecisionKind>));

    let question = el("h2", "").attr("id", "cp-confirm-title");
    let quote = el("blockquote", "cp-quote").attr("hidden", "");
    let yes = dom::text("button", "cp-button", "").attr("type", "button");
    let cancel = dom::text("button", "cp-button cp-button-secondary", t.confirm_cancel)
        .attr("type", "button");
    let buttons = [
        (DecisionKind::Approve, "cp-button", t.approve_button),
        (
            DecisionKind::RequestChanges,
            "cp-button cp-button-secondary",
            t.request_changes_button,
        ),
    ]
    .map(|(kind, class, label)| {
        dom::text("button", class, label)
            .attr("type", "button")
            .attr(DECISION, kind.to_wire())
    });
    let form = el("form", "")
        .attr("novalidate", "")
        .push(comment_field(
            t,
            COMMENT,
            t.decide_comment_label,
            Some(t.decide_comment_hint),
            &typed,
        ))
        .push(el("div", "cp-actions").push_all(buttons.into()));
    let dialog_el = el("dialog", "cp-dialog").attr("aria-labelledby", "cp-confirm-title");
    let dialog: HtmlDialogElement = dialog_el.0.clone().unchecked_into();
    let form_el: HtmlFormElement = form.0.clone().unchecked_into();
    let comment = move || dom::fields(&form_el)("comment");

    let draft = key.clone();
    let on_input = move |ev: Event| {
        if let Some(form) = dom::form_of(ev.target()) {
            let text = dom::fields(&form)("comment");
            drafts::save(&draft, &text);
            comment_typed(t, COMMENT, &text);
        }
    };
    // Approve or ask for changes: checked, then confirmed in the dialog.
    let choose = {
        let (chosen, comment, dialog) = (chosen.clone(), comment.clone(), dialog.clone());
        let (question, quote, yes) = (question.0.clone(), quote.0.clone(), yes.0.clone());
        move |ev: Event| {
            let kind = ev
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|e| e.get_attribute(DECISION))
                .and_then(|k| DecisionKind::from_wire(&k));
            let Some(kind) = kind else { return };
            let text = comment();
            if let Err(p) = validate::decision_comment(kind, &text) {
                return show_problems(&[(COMMENT.into(), problem_text(t, p, kind))]);
            }
            show_problems(&[(COMMENT.into(), String::new())]);
            chosen.set(Some(kind));
            let (asked, said) = match kind {
                DecisionKind::RequestChanges => {
                    (t.confirm_changes(&version, &subject), t.confirm_changes_yes)
                }
                DecisionKind::Approve => {
                    (t.confirm_approve(&version, &subject), t.confirm_approve_yes)
                }
            };
            question.set_text_content(Some(&asked));
            yes.set_text_content(Some(said));
            quote.set_text_content(Some(text.trim()));
            let _ = match text.trim().is_empty() {
                true => quote.set_attribute("hidden", ""),
                false => quote.remove_attribute("hidden"),
            };
            let _ = dialog.show_modal();
        }
    };
    let (approval_id, version_id) = (approval.id.clone(), approval.version_id.clone());
    let confirm = {
        let dialog = dialog.clone();
        move |_: Event| {
            let Some(kind) = chosen.take() else { return };
            // Checked again: the words may have changed behind the dialog.
            let Ok(text) = validate::decision_comment(kind, &comment()) else {
                return;
            };
            dialog.close();
            drafts::save(&key, "");
            w.queue(
                Write::Decision {
                    approval_id: approval_id.clone(),
                    body: DecisionRequest {
                        decision: kind,
                        version_id: version_id.clone(),
                        comment: text,
                    },
                },
                UNDO_SECONDS,
            );
        }
    };
    let close = dialog.clone();
    let dialog_el = dialog_el
        .push(question)
        .push(quote)
        .push(dom::text("p", "cp-hint", t.confirm_undo_note))
        .push(
            el("div", "cp-actions")
                .push(yes.on("click", Box::new(confirm)))
                .push(cancel.on("click", Box::new(move |_| close.close()))),
        );
    el("section", "cp-card cp-decide")
        .attr("aria-labelledby", "cp-decide-title")
        .push(dom::text("h2", "", t.decide_title).attr("id", "cp-decide-title"))
        .push(
            form.on("input", Box::new(on_input))
                .on("click", Box::new(choose))
                .on("submit", Box::new(|ev: Event| ev.prevent_default())),
        )
        .push(dialog_el)
}

/// A decision saved on this device: counting down to sending (with undo),
/// or waiting for the connection.
#[component]
pub fn Queued(key: String) -> impl IntoView {
    let t = use_i18n().t();
    let w = use_writes();
    let now = RwSignal::new(js_sys::Date::now());
    if let Ok(h) = set_interval_with_handle(
        move || now.set(js_sys::Date::now()),
        std::time::Duration::from_millis(250),
    ) {
        on_cleanup(move || h.clear());
    }
    let k = key.clone();
    let item = Memo::new(move |_| {
        w.outbox.with(|o| {
            o.items
                .iter()
                .find(|p| p.key == k)
                .map(|p| (p.not_before, p.attempts))
        })
    });
    // Counting down only before the first try; a retry's wait is not an undo window.
    let counting = Memo::new(move |_| {
        item.get()
            .and_then(|(nb, attempts)| {
                (attempts == 0).then(|| ((nb - now.get()) / 1000.0).ceil() as i64)
            })
            .filter(|s| *s > 0)
    });
    let tried = move || item.get().map_or(0, |(_, a)| a);
    // A decision just confirmed: keyboard and screen reader users land on
    // its Undo button (the page around it was rebuilt).
    let undo_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(b) = undo_button.get() {
            if counting.get_untracked().is_some() {
                let _ = b.focus();
            }
        }
    });
    let (k1, k2) = (key.clone(), key);
    let undo = move |_| {
        if let Some(p) = w.undo(&k1) {
            drafts::give_back(&p.write);
        }
    };
    view! {
        <section class="cp-card cp-queued" role="status" aria-live="polite">
            <p class="cp-countdown">
                {live_text(move || match counting.get() {
                    Some(s) => t.sending_in(s),
                    None => t.not_sent_yet.to_string(),
                })}
            </p>
            <p class="cp-hint">{live_text(move || if tried() > 0 { t.tried_times(tried()) } else { String::new() })}</p>
            <div class="cp-actions">
                <button type="button" class="cp-button" node_ref=undo_button hidden=live_flag(move || counting.get().is_none()) on:click=undo>{t.undo}</button>
                <button type="button" class="cp-button cp-button-secondary" on:click=move |_| w.send_now(&k2)>
                    {live_text(move || if counting.get().is_some() { t.send_now } else { t.retry_now }.to_string())}
                </button>
            </div>
        </section>
    }
}

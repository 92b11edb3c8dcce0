//! Deciding on an approval: approve or request changes, confirm, a short
//! undo window, then a receipt.

use leptos::prelude::*;

use crate::contract::{Approval, ApprovalStatus, DecisionKind, DecisionRequest};
use crate::domain::outbox::Write;
use crate::domain::validate::{self, TextProblem};
use crate::i18n::{use_i18n, Strings};
use crate::state::drafts;
use crate::state::writes::{use_writes, UNDO_SECONDS};
use crate::views::widgets::{live_flag, live_text, CommentField};

/// What the approval page shows under the asset. The page is rebuilt
/// whenever the outbox changes what is shown, so this reads it once.
#[component]
pub fn DecisionArea(approval: Approval, version: String, subject: String) -> impl IntoView {
    let w = use_writes();
    let queued = w
        .outbox
        .with_untracked(|o| o.decision_for(&approval.id).map(|p| p.key.clone()));
    let pending = approval.status == ApprovalStatus::Pending;
    (
        queued.clone().map(|key| view! { <Queued key /> }),
        (queued.is_none() && pending).then(|| view! { <DecisionForm approval version subject /> }),
    )
}

fn problem_text(t: &'static Strings, p: TextProblem, kind: DecisionKind) -> String {
    match (p, kind) {
        (TextProblem::Empty, DecisionKind::RequestChanges) => {
            t.err_changes_need_comment.to_string()
        }
        (TextProblem::Empty, DecisionKind::Approve) => t.err_comment_empty.to_string(),
        (TextProblem::TooLong { limit, length }, _) => t.err_too_long(limit, length),
    }
}

#[component]
fn DecisionForm(approval: Approval, version: String, subject: String) -> impl IntoView {
    let t = use_i18n().t();
    let w = use_writes();
    let draft_key = drafts::decision_key(&approval.id);
    let comment = RwSignal::new(drafts::load(&draft_key));
    let error = RwSignal::new(None::<String>);
    let confirming = RwSignal::new(None::<DecisionKind>);
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let textarea = NodeRef::<leptos::html::Textarea>::new();

    let choose = move |kind: DecisionKind| match validate::decision_comment(
        kind,
        &comment.get_untracked(),
    ) {
        Err(p) => {
            error.set(Some(problem_text(t, p, kind)));
            if let Some(el) = textarea.get_untracked() {
                let _ = el.focus();
            }
        }
        Ok(_) => {
            error.set(None);
            confirming.set(Some(kind));
            if let Some(d) = dialog.get_untracked() {
                let _ = d.show_modal();
            }
        }
    };
    let close = move || {
        confirming.set(None);
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
    };
    let (approval_id, version_id) = (approval.id.clone(), approval.version_id.clone());
    let dk = draft_key.clone();
    let confirm = move |_| {
        let Some(kind) = confirming.get_untracked() else {
            return;
        };
        // Validated again: the text may have changed behind the dialog.
        let Ok(text) = validate::decision_comment(kind, &comment.get_untracked()) else {
            return;
        };
        close();
        drafts::save(&dk, "");
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
    };
    let question = {
        let (v, s) = (version.clone(), subject.clone());
        live_text(move || match confirming.get() {
            Some(DecisionKind::RequestChanges) => t.confirm_changes(&v, &s),
            _ => t.confirm_approve(&v, &s),
        })
    };
    let yes = live_text(move || {
        match confirming.get() {
            Some(DecisionKind::RequestChanges) => t.confirm_changes_yes,
            _ => t.confirm_approve_yes,
        }
        .to_string()
    });
    view! {
        <section class="cp-card cp-decide" aria-labelledby="cp-decide-title">
            <h2 id="cp-decide-title">{t.decide_title}</h2>
            <CommentField
                id="cp-decision-comment"
                label=t.decide_comment_label
                hint=t.decide_comment_hint
                text=comment
                error
                draft_key=draft_key
                node_ref=textarea
            />
            <div class="cp-actions">
                <button type="button" class="cp-button" on:click=move |_| choose(DecisionKind::Approve)>
                    {t.approve_button}
                </button>
                <button type="button" class="cp-button cp-button-secondary" on:click=move |_| choose(DecisionKind::RequestChanges)>
                    {t.request_changes_button}
                </button>
            </div>
            <dialog node_ref=dialog class="cp-dialog" aria-labelledby="cp-confirm-title" on:close=move |_| confirming.set(None)>
                <h2 id="cp-confirm-title">{question}</h2>
                <blockquote class="cp-quote" hidden=live_flag(move || comment.with(|c| c.trim().is_empty()))>
                    {live_text(move || comment.with(|c| c.trim().to_string()))}
                </blockquote>
                <p class="cp-hint">{t.confirm_undo_note}</p>
                <div class="cp-actions">
                    <button type="button" class="cp-button" on:click=confirm>{yes}</button>
                    <button type="button" class="cp-button cp-button-secondary" on:click=move |_| close()>{t.confirm_cancel}</button>
                </div>
            </dialog>
        </section>
    }
}

/// A decision saved on this device: counting down to sending (with undo),
/// or waiting for the connection.
#[component]
fn Queued(key: String) -> impl IntoView {
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

//! Meetings: the notes of each meeting or call, newest first, with what
//! was agreed in it. The client answers: "Yes, that's what we agreed" for
//! every point of a meeting still waiting, or "That's not how I remember
//! it" for one point, with what they remember (`#/meetings?dispute=<id>`
//! opens that form, so a reload or a shared link comes back to it).
//! Answers go through the outbox like every other write, so one made
//! offline shows at once, marked "not sent yet", and a dispute's words are
//! a draft until the agency has them.

use std::sync::Arc;

use leptos::prelude::{request_animation_frame, WithUntracked};
use wasm_bindgen::JsCast;
use web_sys::Event;

use crate::contract::agreed::{AgreementStatus, Confirmation, ConfirmationRequest, Meeting};
use crate::contract::Portal;
use crate::domain::meetings::{needs_answer, newest_first, open_ids};
use crate::domain::outbox::{answer_waiting, Pending, Write};
use crate::i18n::{use_i18n, Strings};
use crate::intl;
use crate::route::{replace_query, Route};
use crate::state::drafts;
use crate::state::writes::{use_writes, Writes};
use crate::views::dom::{self, el, Node};
use crate::views::form::{checked_comment, comment_field, comment_typed};
use crate::views::widgets::{badge, more_link, page};

/// The attribute of a meeting's "Yes, that's what we agreed" button that
/// names the meeting.
const CONFIRMS: &str = "data-confirms";

pub fn meetings_page(p: Arc<Portal>, dispute: Option<String>) -> Vec<Node> {
    let t = use_i18n().t();
    let w = use_writes();
    let pending = w.outbox.with_untracked(|o| o.items.clone());
    let meetings = newest_first(&p);
    // The point being disputed, when it can be: (meeting, its place, text).
    let disputed = dispute.and_then(|id| {
        meetings.iter().enumerate().find_map(|(i, m)| {
            let j = m.agreements.iter().position(|a| a.id == id)?;
            let a = &m.agreements[j];
            can_dispute(a.status, answer_waiting(&pending, &a.id)).then(|| {
                (
                    m.clone(),
                    format!("cp-m-{i}-{j}"),
                    id.clone(),
                    a.text.clone(),
                )
            })
        })
    });
    let cards = match meetings.is_empty() {
        true => vec![dom::text("p", "", t.meetings_none)],
        false => meetings
            .iter()
            .enumerate()
            .map(|(i, m)| card(i, m, &p.agency.name, &pending, t))
            .collect(),
    };
    // One listener for every meeting's "Yes" button.
    let confirm = move |ev: Event| {
        let button = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest(&format!("[{CONFIRMS}]")).ok().flatten());
        let Some(b) = button else { return };
        let Some(m) = b.get_attribute(CONFIRMS).and_then(|id| p.meeting(&id)) else {
            return;
        };
        w.queue(
            Write::Confirmation {
                meeting_id: m.id.clone(),
                body: ConfirmationRequest {
                    agreement_ids: open_ids(m),
                    status: Confirmation::Confirmed,
                    comment: None,
                },
            },
            0.0,
        );
        // The card is drawn again with the answer: it keeps the focus.
        if let Some(card) = b.closest("article").ok().flatten() {
            focus_after_redraw(card.id());
        }
    };
    let body = disputed
        .map(|(m, item, id, text)| dispute_form(m, item, id, text, w, t))
        .into_iter()
        .chain([
            el("div", "cp-meetings")
                .push_all(cards)
                .on("click", Box::new(confirm)),
            more_link(&Route::Agreed(None).href(), t.agreed_see),
        ])
        .collect();
    page(t.meetings_title, Some(t.meetings_intro), "", body)
}

/// Answered again, the latest answer counts: what was confirmed can still
/// be disputed, but not while an answer is on its way.
fn can_dispute(status: Option<AgreementStatus>, waiting: bool) -> bool {
    !waiting
        && matches!(
            status,
            None | Some(AgreementStatus::Open | AgreementStatus::Confirmed)
        )
}

/// Focus `id` once the page has been drawn again with the answer in it.
fn focus_after_redraw(id: String) {
    request_animation_frame(move || {
        if let Some(el) = crate::embed::by_id(&id) {
            let _ = el.focus();
        }
    });
}

/// When and with whom: "Tue 18 Nov, 10:00 · With Maya Chen, Ana Ruiz".
fn held(m: &Meeting, t: &'static Strings) -> Node {
    el("p", "cp-muted")
        .push(
            dom::text("time", "", &intl::moment(m.held_at))
                .attr("datetime", &crate::contract::moment_to_wire(m.held_at)),
        )
        .text(&format!(" · {}", t.meeting_with(&m.attendees.join(", "))))
}

fn card(i: usize, m: &Meeting, agency: &str, pending: &[Pending], t: &'static Strings) -> Node {
    let id = format!("cp-m-{i}");
    let agreements = m.agreements.iter().enumerate().map(|(j, a)| {
        let waiting = answer_waiting(pending, &a.id);
        let standing = match a.status {
            None | Some(AgreementStatus::Open) => Some(badge("attention", t.agreement_open)),
            Some(AgreementStatus::Confirmed) => Some(badge("success", t.agreement_confirmed)),
            Some(AgreementStatus::Disputed) => Some(badge("warning", t.agreement_disputed)),
            Some(AgreementStatus::Other) => None,
        };
        let dispute = can_dispute(a.status, waiting).then(|| {
            dom::link(
                &Route::Meetings(Some(a.id.clone())).href(),
                "cp-button cp-button-small cp-button-quiet",
                t.agreement_dispute,
            )
        });
        el("li", "")
            .attr("id", &format!("{id}-{j}"))
            .attr("tabindex", "-1")
            .push(dom::text("p", "", &a.text))
            .push(
                el("p", "cp-list-meta")
                    .push_opt(standing)
                    .push_opt(waiting.then(|| badge("attention", t.comment_not_sent))),
            )
            .push_opt(dispute)
    });
    let open = m.agreements.iter().filter(|a| needs_answer(a)).count();
    let confirm = (open > 0).then(|| {
        el("div", "cp-actions")
            .push(dom::text("p", "cp-alert-line", &t.agreements_waiting(open)))
            .push(
                dom::text("button", "cp-button", t.agreement_confirm)
                    .attr("type", "button")
                    .attr(CONFIRMS, &m.id),
            )
    });
    // Each step in words (who, and by when or done): the Deadlines page is
    // where they are followed up, with the rest.
    let steps = m.next_steps.iter().map(|s| {
        let who = t.owner(s.owner, agency);
        let meta = match (s.done, s.due) {
            (true, _) => format!("{who} · {}", t.done_label),
            (false, Some(due)) => format!("{who} · {}", intl::due(due)),
            (false, None) => who,
        };
        el("li", "")
            .text(&s.title)
            .push(dom::text("span", "cp-list-meta", &meta))
    });
    let steps = (!m.next_steps.is_empty()).then(|| {
        el("div", "")
            .push(dom::text("h3", "", t.meeting_next_steps))
            .push(el("ul", "cp-list").push_all(steps.collect()))
    });
    el("article", "cp-card cp-meeting")
        .attr("id", &id)
        .attr("tabindex", "-1")
        .attr("aria-labelledby", &format!("{id}-t"))
        .push(dom::text("h2", "", &m.title).attr("id", &format!("{id}-t")))
        .push(held(m, t))
        .push_opt(m.summary.as_deref().map(|s| dom::text("p", "", s)))
        .push(dom::text("h3", "", t.meeting_agreed))
        .push(el("ul", "cp-list").push_all(agreements.collect()))
        .push_opt(confirm)
        .push_opt(steps)
}

/// "That's not how I remember it": the point, and what the client
/// remembers instead (required), kept as a draft as it is typed.
fn dispute_form(
    m: Meeting,
    item: String,
    agreement_id: String,
    text: String,
    w: Writes,
    t: &'static Strings,
) -> Node {
    const ID: &str = "cp-dispute";
    let key = drafts::dispute_key(&agreement_id);
    let words = drafts::load(&key);
    // Opened from its link, or drawn again (an earlier answer arriving):
    // the words being written have the focus.
    focus_after_redraw(ID.into());
    let said = |ev: &Event| {
        let form = dom::form_of(ev.target())?;
        Some(dom::fields(&form)("comment"))
    };
    let draft = key.clone();
    let meeting_id = m.id.clone();
    let on_input = move |ev: Event| {
        if let Some(v) = said(&ev) {
            drafts::save(&draft, &v);
            comment_typed(t, ID, &v);
        }
    };
    let send = move |ev: Event| {
        ev.prevent_default();
        let typed = said(&ev).unwrap_or_default();
        let Some(words) = checked_comment(t, ID, &typed, t.err_dispute_empty) else {
            return;
        };
        drafts::save(&key, "");
        // Sent: a reload shows the meetings, not this form.
        replace_query(&Route::Meetings(None), "");
        w.queue(
            Write::Confirmation {
                meeting_id: meeting_id.clone(),
                body: ConfirmationRequest {
                    agreement_ids: vec![agreement_id.clone()],
                    status: Confirmation::Disputed,
                    comment: Some(words),
                },
            },
            0.0,
        );
        focus_after_redraw(item.clone());
    };
    let field = comment_field(t, ID, t.dispute_label, Some(t.dispute_hint), &words);
    let actions = el("div", "cp-actions")
        .push(dom::text("button", "cp-button", t.dispute_send).attr("type", "submit"))
        .push(dom::link(
            &Route::Meetings(None).href(),
            "cp-button cp-button-secondary",
            t.confirm_cancel,
        ));
    el("section", "cp-card")
        .attr("aria-labelledby", "cp-dispute-title")
        .push(dom::text("h2", "", t.agreement_dispute).attr("id", "cp-dispute-title"))
        .push(dom::text("blockquote", "cp-quote", &text))
        .push(dom::text("p", "cp-muted", &m.title))
        .push(held(&m, t))
        .push(
            el("form", "cp-composer")
                .attr("novalidate", "")
                .push(field)
                .push(actions)
                .on("input", Box::new(on_input))
                .on("submit", Box::new(send)),
        )
}

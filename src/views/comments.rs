//! Feedback on a deliverable: the thread, and a composer whose draft is
//! saved as the client types.

use leptos::prelude::*;

use crate::contract::{moment_to_wire, CommentRequest, Deliverable};
use crate::domain::order::sort_by_i64;
use crate::domain::outbox::{is_pending_comment, Write};
use crate::i18n::use_i18n;
use crate::intl;
use crate::state::drafts;
use crate::state::writes::use_writes;
use crate::views::dom::{self, el, fill};
use crate::views::widgets::{badge, checked_words, CommentField};

#[component]
pub fn Comments(d: Deliverable) -> impl IntoView {
    let t = use_i18n().t();
    let labels: Vec<(String, String)> = d
        .versions
        .iter()
        .map(|v| (v.id.clone(), v.label.clone()))
        .collect();
    let mut comments = d.comments.clone();
    sort_by_i64(&mut comments, |c| c.created_at.timestamp_millis());
    let thread = match comments.is_empty() {
        true => dom::text("p", "cp-muted", t.comments_none),
        false => el("ol", "cp-comments").push_all(
            comments
                .iter()
                .map(|c| {
                    let on = c.version_id.as_deref().and_then(|id| {
                        labels
                            .iter()
                            .find(|(vid, _)| vid == id)
                            .map(|(_, l)| t.on_version(l))
                    });
                    let pending = is_pending_comment(&c.id);
                    let head = el("p", "cp-comment-head")
                        .push(dom::text("strong", "", &c.author))
                        .text(" · ")
                        .push(
                            dom::text("time", "", &intl::moment(c.created_at))
                                .attr("datetime", &moment_to_wire(c.created_at)),
                        )
                        .text(&on.map(|o| format!(" · {o}")).unwrap_or_default());
                    let head = match pending {
                        true => head
                            .text(" · ")
                            .push(badge("attention", t.comment_not_sent)),
                        false => head,
                    };
                    let class = match pending {
                        true => "cp-comment cp-comment-pending",
                        false => "cp-comment",
                    };
                    el("li", class)
                        .push(head)
                        .push(dom::text("p", "cp-comment-body", &c.body))
                })
                .collect(),
        ),
    };
    view! {
        <section class="cp-card" aria-labelledby="cp-d-comments">
            <h2 id="cp-d-comments">{t.comments_title}</h2>
            <div use:fill=vec![thread]></div>
            <Composer d=d.clone() />
        </section>
    }
}
#[component]
fn Composer(d: Deliverable) -> impl IntoView {
    let t = use_i18n().t();
    let w = use_writes();
    let key = drafts::comment_key(&d.id);
    let text = RwSignal::new(drafts::load(&key));
    // The version chosen is part of the draft: kept when the page is drawn
    // again (an earlier comment's answer arriving) and across a reload,
    // unless that version is no longer there.
    let about_key = drafts::comment_version_key(&d.id);
    let saved = drafts::load(&about_key);
    let about = RwSignal::new(if d.versions.iter().any(|v| v.id == saved) {
        saved
    } else {
        String::new()
    });
    let error = RwSignal::new(None::<String>);
    let textarea = NodeRef::<leptos::html::Textarea>::new();
    let deliverable_id = d.id.clone();
    let key2 = key.clone();
    let about_key2 = about_key.clone();
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(body) = checked_words(text, error, textarea, t.err_comment_empty) else {
            return;
        };
        let version_id = Some(about.get_untracked()).filter(|v| !v.is_empty());
        drafts::save(&key2, "");
        drafts::save(&about_key2, "");
        w.queue(
            Write::Comment {
                deliverable_id: deliverable_id.clone(),
                body: CommentRequest { body, version_id },
            },
            0.0,
        );
    };
    let mut versions = d.versions.clone();
    sort_by_i64(&mut versions, |v| -v.created_at.timestamp_millis());
    view! {
        <form class="cp-composer" on:submit=send novalidate>
            <CommentField id="cp-comment" label=t.comment_label text error draft_key=key node_ref=textarea />
            {(!versions.is_empty()).then(|| view! {
                <div class="cp-field">
                    <label for="cp-comment-about">{t.comment_about}</label>
                    <select id="cp-comment-about" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        drafts::save(&about_key, &v);
                        about.set(v);
                    } prop:value=move || about.get()>
                        <option value="">{t.comment_about_all}</option>
                        {versions.into_iter().map(|v| view! { <option value=v.id.clone()>{v.label.clone()}</option> }).collect_view()}
                    </select>
                </div>
            })}
            <button type="submit" class="cp-button">{t.comment_send}</button>
        </form>
    }
}

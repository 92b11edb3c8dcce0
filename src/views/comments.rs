//! Feedback on a deliverable: the thread, and a composer whose draft is
//! saved as the client types.

use leptos::either::Either;
use leptos::prelude::*;

use crate::contract::{CommentRequest, Deliverable};
use crate::domain::order::sort_by_i64;
use crate::domain::outbox::{is_pending_comment, Write};
use crate::i18n::use_i18n;
use crate::intl;
use crate::state::drafts;
use crate::state::writes::use_writes;
use crate::views::widgets::{checked_words, CommentField};

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
    let thread = if comments.is_empty() {
        Either::Left(view! { <p class="cp-muted">{t.comments_none}</p> })
    } else {
        Either::Right(view! {
            <ol class="cp-comments">
                {comments.into_iter().map(|c| {
                    let on = c.version_id.as_deref().and_then(|id| {
                        labels.iter().find(|(vid, _)| vid == id).map(|(_, l)| t.on_version(l))
                    });
                    let pending = is_pending_comment(&c.id);
                    view! {
                        <li class="cp-comment" class:cp-comment-pending=pending>
                            <p class="cp-comment-head">
                                <strong>{c.author.clone()}</strong>
                                " · "
                                <time datetime=crate::contract::moment_to_wire(c.created_at)>{intl::moment(c.created_at)}</time>
                                {on.map(|o| format!(" · {o}"))}
                                {pending.then(|| view! { " · " <span class="cp-badge cp-tone-attention">{t.comment_not_sent}</span> })}
                            </p>
                            <p class="cp-comment-body">{c.body.clone()}</p>
                        </li>
                    }
                }).collect_view()}
            </ol>
        })
    };
    view! {
        <section class="cp-card" aria-labelledby="cp-d-comments">
            <h2 id="cp-d-comments">{t.comments_title}</h2>
            {thread}
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

//! Feedback on a deliverable: the thread, and a composer whose draft is
//! saved as the client types.

use crate::contract::{moment_to_wire, CommentRequest, Deliverable};
use crate::domain::order::sort_by_i64;
use crate::domain::outbox::{is_pending, Write};
use crate::i18n::{use_i18n, Strings};
use crate::intl;
use crate::state::drafts;
use crate::state::writes::use_writes;
use crate::views::dom::{self, el, Node};
use crate::views::form::{checked_comment, comment_field, comment_typed};
use crate::views::widgets::badge;

/// The conversation about a deliverable, oldest first, and a box to add to it.
pub fn comments(d: &Deliverable) -> Node {
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
                    let pending = is_pending(&c.id);
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
    el("section", "cp-card")
        .attr("aria-labelledby", "cp-d-comments")
        .push(dom::text("h2", "", t.comments_title).attr("id", "cp-d-comments"))
        .push(thread)
        .push(composer(d, t))
}

/// A new comment: its words and the version it is about are a draft,
/// saved as they change, so the page drawn again (an earlier comment's
/// answer arriving) or a reload keeps them.
fn composer(d: &Deliverable, t: &'static Strings) -> Node {
    const ID: &str = "cp-comment";
    let w = use_writes();
    let key = drafts::comment_key(&d.id);
    let text = drafts::load(&key);
    // The version chosen, unless that version is no longer there.
    let about_key = drafts::comment_version_key(&d.id);
    let saved = drafts::load(&about_key);
    let about = match d.versions.iter().any(|v| v.id == saved) {
        true => saved,
        false => String::new(),
    };
    let mut versions = d.versions.clone();
    sort_by_i64(&mut versions, |v| -v.created_at.timestamp_millis());
    let option = |value: &str, label: &str| {
        let o = dom::text("option", "", label).attr("value", value);
        match value == about {
            true => o.attr("selected", ""),
            false => o,
        }
    };
    let choose = (!versions.is_empty()).then(|| {
        el("div", "cp-field")
            .push(dom::text("label", "", t.comment_about).attr("for", "cp-comment-about"))
            .push(
                el("select", "")
                    .attr("id", "cp-comment-about")
                    .attr("name", "about")
                    .push(option("", t.comment_about_all))
                    .push_all(versions.iter().map(|v| option(&v.id, &v.label)).collect()),
            )
    });
    let read = |ev: &web_sys::Event| {
        let form = dom::form_of(ev.target())?;
        let field = dom::fields(&form);
        Some((field("comment"), field("about")))
    };
    let (draft, about_draft) = (key.clone(), about_key.clone());
    let on_input = move |ev: web_sys::Event| {
        if let Some((words, about)) = read(&ev) {
            drafts::save(&draft, &words);
            drafts::save(&about_draft, &about);
            comment_typed(t, ID, &words);
        }
    };
    let deliverable_id = d.id.clone();
    let send = move |ev: web_sys::Event| {
        ev.prevent_default();
        let Some((words, about)) = read(&ev) else {
            return;
        };
        let Some(body) = checked_comment(t, ID, &words, t.err_comment_empty) else {
            return;
        };
        drafts::save(&key, "");
        drafts::save(&about_key, "");
        w.queue(
            Write::Comment {
                deliverable_id: deliverable_id.clone(),
                body: CommentRequest {
                    body,
                    version_id: Some(about).filter(|v| !v.is_empty()),
                },
            },
            0.0,
        );
    };
    el("form", "cp-composer")
        .attr("novalidate", "")
        .push(comment_field(t, ID, t.comment_label, None, &text))
        .push_opt(choose)
        .push(dom::text("button", "cp-button", t.comment_send).attr("type", "submit"))
        .on("input", Box::new(on_input))
        .on("submit", Box::new(send))
}

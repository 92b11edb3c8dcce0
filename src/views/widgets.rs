//! Small pieces shared by the pages: due dates, badges, avatars, titles.

use leptos::prelude::*;

use crate::contract::{ApprovalStatus, DeliverableStatus, Due, Owner, Scope};
use crate::domain::links::{mailto, safe_url, tel};
use crate::domain::time::{due_state, DueState};
use crate::i18n::use_i18n;
use crate::i18n::Strings;
use crate::intl::{self, BrowserZone};
use crate::views::dom::{self, el, fill, Node};
use crate::views::jargon::explained_in;

/// A page's title and one-line introduction. The title takes focus on
/// navigation (see `route`), so it is focusable from script.
fn title_parts(title: &str, intro: Option<&str>) -> Vec<Node> {
    let h1 = explained_in(el("h1", "").attr("tabindex", "-1"), title);
    let intro = intro.map(|i| explained_in(el("p", "cp-intro"), i));
    [Some(h1), intro].into_iter().flatten().collect()
}

/// [`title_parts`] for a page drawn with `view!`.
#[component]
pub fn PageTitle(title: String, #[prop(optional, into)] intro: Option<String>) -> impl IntoView {
    view! { <div class="cp-page-title" use:fill=title_parts(&title, intro.as_deref())></div> }
}

/// A page built straight into the DOM (`views::pages` draws it without
/// Leptos): its title and introduction, then `body` in a `<div>` of
/// `class`.
pub fn page(title: &str, intro: Option<&str>, class: &str, body: Vec<Node>) -> Vec<Node> {
    vec![page_title(title, intro), el("div", class).push_all(body)]
}

/// [`title_parts`] in the page's title block.
pub fn page_title(title: &str, intro: Option<&str>) -> Node {
    el("div", "cp-page-title").push_all(title_parts(title, intro))
}

/// A way on to a fuller page, at the foot of a card ("See all wins").
pub fn more_link(href: &str, words: &str) -> Node {
    el("p", "").push(dom::link(href, "cp-more", words))
}

/// A day (and time, if it has one) on its own: for what is done, which is
/// never "due" or "overdue".
pub fn day(due: Due) -> Node {
    dom::text("time", "", &intl::due(due)).attr("datetime", &due.to_wire())
}

/// One fact of a `<dl class="cp-facts">`: its name and what it is.
pub fn fact(term: &str, detail: Node) -> Node {
    el("div", "")
        .push(dom::text("dt", "", term))
        .push(el("dd", "").push(detail))
}

/// "Fri, 28 Nov · due in 5 days", unmistakable when overdue.
pub fn due_line(due: Due, t: &'static Strings) -> Node {
    let state = due_state(due, intl::now(), &BrowserZone);
    let class = match state {
        DueState::Overdue(_) => "cp-due cp-due-overdue",
        DueState::Today | DueState::Tomorrow => "cp-due cp-due-soon",
        DueState::InDays(_) => "cp-due",
    };
    el("span", class)
        .push_opt(
            state
                .is_overdue()
                .then(|| dom::text("span", "cp-due-icon", "!").attr("aria-hidden", "true")),
        )
        .push(day(due))
        .text(" · ")
        .push(dom::text("span", "cp-due-phrase", &t.due_phrase(state)))
}

/// `words` in a badge of `tone` (`cp-tone-*` in portal.css).
pub fn badge(tone: &str, words: &str) -> Node {
    dom::text("span", &format!("cp-badge cp-tone-{tone}"), words)
}

pub fn status_badge(status: DeliverableStatus, t: &'static Strings) -> Node {
    let tone = match status {
        DeliverableStatus::Planned => "neutral",
        DeliverableStatus::InProgress => "info",
        DeliverableStatus::InReview => "attention",
        DeliverableStatus::ChangesRequested => "warning",
        DeliverableStatus::Approved | DeliverableStatus::Delivered => "success",
        DeliverableStatus::Other => "neutral",
    };
    badge(tone, t.deliverable_status(status))
}

/// The scope as a badge; `linked`, it leads to what the agreed work says
/// about it (when the feed has it). Unlinked, an `a` without `href` is
/// plain text.
pub fn scope_badge(scope: Scope, linked: bool, t: &'static Strings) -> Node {
    let tone = match scope {
        Scope::Included => "outline",
        Scope::ChangeOrder => "info",
        Scope::OutOfScope => "warning",
        Scope::Other => "neutral",
    };
    let b = dom::text("a", &format!("cp-badge cp-tone-{tone}"), t.scope(scope));
    match linked {
        true => b.attr("href", &crate::route::Route::Agreed(Some(scope)).href()),
        false => b,
    }
}

pub fn approval_badge(status: ApprovalStatus, t: &'static Strings) -> Node {
    let tone = match status {
        ApprovalStatus::Pending => "attention",
        ApprovalStatus::Approved => "success",
        ApprovalStatus::ChangesRequested => "warning",
        ApprovalStatus::Other => "neutral",
    };
    badge(tone, t.approval_status(status))
}

pub fn owner_badge(owner: Owner, agency: &str, t: &'static Strings) -> Node {
    let tone = match owner {
        Owner::Client => "attention",
        _ => "neutral",
    };
    dom::text(
        "span",
        &format!("cp-badge cp-owner cp-tone-{tone}"),
        &t.owner(owner, agency),
    )
}

/// A person's photo, or their initials when there is none.
pub fn avatar(name: &str, photo: Option<&str>, t: &'static Strings) -> Node {
    match photo.and_then(safe_url) {
        Some(src) => el("img", "cp-avatar")
            .attr("src", &src)
            .attr("alt", &t.photo_of(name))
            .attr("width", "56")
            .attr("height", "56"),
        None => {
            let initials: String = name
                .split_whitespace()
                .filter_map(|w| w.chars().next())
                .take(2)
                .collect();
            dom::text("span", "cp-avatar cp-avatar-initials", &initials).attr("aria-hidden", "true")
        }
    }
}

/// Email and phone as working links, each announced with what it is.
pub fn contact_links(email: Option<&str>, phone: Option<&str>, t: &'static Strings) -> Node {
    let item = |word: &str, href: Option<String>, shown: &str| {
        href.map(|h| {
            el("li", "")
                .push(dom::text(
                    "span",
                    "cp-visually-hidden",
                    &format!("{word}: "),
                ))
                .push(dom::link(&h, "", shown))
        })
    };
    el("ul", "cp-plain-list")
        .push_opt(email.and_then(|e| item(t.email_word, mailto(e), e)))
        .push_opt(phone.and_then(|p| item(t.phone_word, tel(p), p)))
}

/// A button that copies `text` to the clipboard, and the line that says
/// whether it worked.
pub fn copy_button(label: &str, aria_label: Option<&str>, text: String) -> [Node; 2] {
    let t = use_i18n().t();
    let status = el("span", "cp-hint cp-copy-status").attr("role", "status");
    let said = status.0.clone();
    let button = el("button", "cp-button cp-button-secondary")
        .attr("type", "button")
        .text(label);
    let button = match aria_label {
        Some(a) => button.attr("aria-label", a),
        None => button,
    };
    let copy = move |_| {
        let promise = window().navigator().clipboard().write_text(&text);
        let said = said.clone();
        leptos::task::spawn_local(async move {
            let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            said.set_text_content(Some(if ok { t.copied } else { t.copy_failed }));
        });
    };
    [button.on("click", Box::new(copy)), status]
}

/// Waiting for something, said to screen readers too: a spinner and
/// `label`.
pub fn loading(label: &str) -> Node {
    el("div", "cp-loading")
        .attr("role", "status")
        .attr("aria-live", "polite")
        .push(el("span", "cp-spinner").attr("aria-hidden", "true"))
        .push(dom::text("span", "", label))
}

/// A reactive piece of text. Boxed on purpose: every reactive text in the
/// app then shares one copy of the rendering code, where each closure type
/// would otherwise get its own (about a kilobyte of wasm apiece).
pub type Text = Box<dyn Fn() -> String + Send + Sync>;

pub fn live_text(f: impl Fn() -> String + Send + Sync + 'static) -> Text {
    Box::new(f)
}

/// A reactive yes/no (for `hidden=`), boxed for the same reason as [`Text`].
pub type Flag = Box<dyn Fn() -> bool + Send + Sync>;

pub fn live_flag(f: impl Fn() -> bool + Send + Sync + 'static) -> Flag {
    Box::new(f)
}

/// A reactive attribute that is either absent or one fixed word (for
/// `aria-invalid="true"`), boxed for the same reason as [`Text`].
pub type Word = Box<dyn Fn() -> Option<&'static str> + Send + Sync>;

pub fn live_word(f: impl Fn() -> Option<&'static str> + Send + Sync + 'static) -> Word {
    Box::new(f)
}

/// "Raise a concern about this": the concern form with its topic filled in.
pub fn concern_shortcut(t: &'static Strings, about: String) -> Node {
    let href = crate::route::Route::Concern(Some(about)).href();
    el("p", "cp-concern-shortcut").push(dom::link(&href, "", t.concern_about_this))
}

//! Every word of the interface, as a typed table per language.
//!
//! A language is a `Strings` value: leaving out any entry is a compile
//! error, so no screen can show an untranslated key. Messages with numbers
//! or names are plain functions. Agency-supplied text is never translated.

use crate::contract::{ApprovalStatus, DeliverableStatus, Owner, Scope};
use crate::domain::time::DueState;

/// The languages the interface speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Locale {
    En,
}

impl Locale {
    pub const ALL: [Locale; 1] = [Locale::En];

    /// Choose from a list of language tags in order of preference
    /// (`data-locale`, then the browser's languages), else English.
    pub fn negotiate<'a>(wanted: impl IntoIterator<Item = &'a str>) -> Locale {
        Self::negotiate_tag(wanted).0
    }

    /// Like [`Locale::negotiate`], also giving the tag to format dates and
    /// numbers with: the matching preference itself (`en-GB` keeps British
    /// dates), else the language's own tag.
    pub fn negotiate_tag<'a>(wanted: impl IntoIterator<Item = &'a str>) -> (Locale, String) {
        for tag in wanted {
            let tag = tag.trim().replace('_', "-");
            let primary = tag.split('-').next().unwrap_or("").to_ascii_lowercase();
            if let Some(l) = Locale::ALL.into_iter().find(|l| l.strings().tag == primary) {
                return (l, tag);
            }
        }
        (Locale::En, Locale::En.strings().tag.to_string())
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Locale::En => &EN,
        }
    }
}

pub struct Strings {
    /// BCP 47 tag handed to the browser's `Intl` for dates and numbers.
    pub tag: &'static str,
    pub portal_name: &'static str,
    pub skip_to_content: &'static str,
    pub main_nav: &'static str,
    pub nav_overview: &'static str,
    pub nav_deliverables: &'static str,
    pub nav_approvals: &'static str,
    pub nav_deadlines: &'static str,
    pub nav_wins: &'static str,
    pub nav_contact: &'static str,
    pub prepared_for: fn(&str) -> String,
    pub signed_in_as: fn(&str) -> String,
    pub demo_badge: &'static str,
    pub demo_explainer: &'static str,
    pub demo_reset: &'static str,
    pub loading: &'static str,
    pub try_again: &'static str,
    pub back_to_overview: &'static str,
    // Errors, in plain words.
    pub err_offline_title: &'static str,
    pub err_offline_body: &'static str,
    pub err_expired_title: &'static str,
    pub err_expired_ask: fn(&str) -> String,
    pub err_expired_generic: &'static str,
    pub err_not_found_title: &'static str,
    pub err_not_found_body: &'static str,
    pub err_conflict_title: &'static str,
    pub err_rejected_title: &'static str,
    pub err_unavailable_title: &'static str,
    pub err_unavailable_body: &'static str,
    pub err_bad_data_title: &'static str,
    pub err_bad_data_body: &'static str,
    pub err_bad_data_field: fn(&str) -> String,
    pub err_not_json: &'static str,
    pub err_new_version_title: &'static str,
    pub err_new_version_body: &'static str,
    pub page_not_found_title: &'static str,
    pub page_not_found_body: &'static str,
    // Overview.
    pub greeting: fn(&str) -> String,
    pub overview_intro: &'static str,
    pub you_owe_title: &'static str,
    /// The words after the big number: "things waiting for you".
    pub you_owe_label: fn(usize) -> String,
    pub you_owe_none: &'static str,
    pub overdue_count: fn(usize) -> String,
    pub nearest_due: &'static str,
    pub coming_up_title: &'static str,
    pub coming_up_none: &'static str,
    pub latest_win_title: &'static str,
    pub no_wins_yet: &'static str,
    pub your_contact_title: &'static str,
    pub answers_within: fn(u32) -> String,
    pub see_all_approvals: &'static str,
    pub see_all_deadlines: &'static str,
    pub see_all_wins: &'static str,
    pub contact_and_escalate: &'static str,
    // Deliverables.
    pub deliverables_intro: &'static str,
    pub deliverables_none: &'static str,
    pub status_label: &'static str,
    pub scope_label: &'static str,
    pub due_label: &'static str,
    pub no_due_date: &'static str,
    pub made_by: &'static str,
    pub versions_title: &'static str,
    pub versions_none: &'static str,
    pub version_latest: &'static str,
    pub version_added: fn(&str) -> String,
    pub open_file: &'static str,
    pub preview_of: fn(&str) -> String,
    pub comments_title: &'static str,
    pub comments_none: &'static str,
    pub on_version: fn(&str) -> String,
    pub approvals_for_this: &'static str,
    pub deliverable_missing: &'static str,
    pub all_deliverables: &'static str,
    pub version_count: fn(usize) -> String,
    // Approvals.
    pub approvals_intro: &'static str,
    pub approvals_waiting: &'static str,
    pub approvals_decided: &'static str,
    pub approvals_none_waiting: &'static str,
    pub approvals_none: &'static str,
    pub version_label: &'static str,
    pub requested_on: fn(&str) -> String,
    pub if_late: &'static str,
    pub decided_by: fn(&str, &str) -> String,
    pub their_comment: &'static str,
    pub reference: fn(&str) -> String,
    pub approval_missing: &'static str,
    pub all_approvals: &'static str,
    pub part_of: &'static str,
    pub review_this: &'static str,
    // Deadlines.
    pub deadlines_intro: &'static str,
    pub deadlines_overdue: &'static str,
    pub deadlines_this_week: &'static str,
    pub deadlines_next_week: &'static str,
    pub deadlines_later: &'static str,
    pub who_owes_it: &'static str,
    pub filter_everyone: &'static str,
    pub filter_nothing: &'static str,
    pub add_to_calendar: &'static str,
    pub add_one_to_calendar: fn(&str) -> String,
    pub add_all_to_calendar: &'static str,
    pub calendar_hint: &'static str,
    pub calendar_name: fn(&str) -> String,
    pub owed_by: fn(&str) -> String,
    pub deadlines_done: fn(usize) -> String,
    pub deadlines_none: &'static str,
    pub owner_you: &'static str,
    pub owner_agency: fn(&str) -> String,
    pub owner_other: &'static str,
    pub done_label: &'static str,
    // Wins.
    pub wins_intro: &'static str,
    pub wins_none: &'static str,
    pub before_label: &'static str,
    pub after_label: &'static str,
    pub this_month: &'static str,
    pub last_month: &'static str,
    pub new_win: &'static str,
    pub copy_summary: &'static str,
    pub copy_summary_of: fn(&str) -> String,
    pub chart_of: fn(&str) -> String,
    pub close: &'static str,
    // Contact.
    pub contact_intro: &'static str,
    pub primary_contact: &'static str,
    pub backup_contact: &'static str,
    pub escalation_title: &'static str,
    pub escalation_intro: &'static str,
    pub escalation_level: fn(u32) -> String,
    pub office_hours: &'static str,
    pub their_time_zone: fn(&str) -> String,
    pub cadence: &'static str,
    pub next_check_in: &'static str,
    pub ways_to_reach: &'static str,
    pub email_word: &'static str,
    pub phone_word: &'static str,
    pub photo_of: fn(&str) -> String,
    pub logo_of: fn(&str) -> String,
    // Raising a concern.
    pub concern_link: &'static str,
    pub concern_title: &'static str,
    pub concern_intro: &'static str,
    pub concern_about_this: &'static str,
    pub concern_open: &'static str,
    pub concern_to: &'static str,
    pub concern_chain_level: fn(u32) -> String,
    pub concern_topic: &'static str,
    pub concern_topic_hint: &'static str,
    pub concern_urgency: &'static str,
    pub urgency_low: &'static str,
    pub urgency_normal: &'static str,
    pub urgency_high: &'static str,
    pub concern_message: &'static str,
    pub concern_message_hint: &'static str,
    pub concern_reply_to: &'static str,
    pub concern_reply_hint: &'static str,
    pub concern_anonymous: &'static str,
    pub concern_anon_sees: fn(&str) -> String,
    pub concern_anon_hidden: &'static str,
    pub concern_anon_off: fn(&str) -> String,
    pub concern_sent_as: fn(&str) -> String,
    pub concern_send: &'static str,
    pub concern_send_anon: &'static str,
    pub err_pick_someone: &'static str,
    pub err_topic_empty: &'static str,
    pub err_message_empty: &'static str,
    pub err_bad_email: &'static str,
    pub err_no_anonymous: &'static str,
    pub concern_sending: &'static str,
    pub concern_received: &'static str,
    pub concern_reference: &'static str,
    pub concern_received_at: &'static str,
    pub concern_went_to: &'static str,
    pub concern_answer_by: &'static str,
    pub concern_was_anonymous: &'static str,
    pub concern_yours: &'static str,
    pub concern_yours_none: &'static str,
    pub concern_line: fn(&str, &str) -> String,
    pub now_there: fn(&str, &str) -> String,
    // Deciding on an approval.
    pub decide_title: &'static str,
    pub decide_comment_label: &'static str,
    pub decide_comment_hint: &'static str,
    pub approve_button: &'static str,
    pub request_changes_button: &'static str,
    pub confirm_approve: fn(&str, &str) -> String,
    pub confirm_changes: fn(&str, &str) -> String,
    pub confirm_approve_yes: &'static str,
    pub confirm_changes_yes: &'static str,
    pub confirm_cancel: &'static str,
    pub confirm_undo_note: &'static str,
    pub err_changes_need_comment: &'static str,
    pub err_comment_empty: &'static str,
    pub err_too_long: fn(usize, usize) -> String,
    pub sending_in: fn(i64) -> String,
    pub undo: &'static str,
    pub undone: &'static str,
    pub send_now: &'static str,
    pub not_sent_yet: &'static str,
    pub tried_times: fn(u32) -> String,
    pub retry_now: &'static str,
    pub outbox_banner: fn(usize) -> String,
    pub dismiss: &'static str,
    pub receipt_title: &'static str,
    pub receipt_what: &'static str,
    pub receipt_decision: &'static str,
    pub receipt_when: &'static str,
    pub receipt_by: &'static str,
    pub receipt_reference: &'static str,
    pub print: &'static str,
    pub copy_text: &'static str,
    pub copied: &'static str,
    pub copy_failed: &'static str,
    pub being_approved: &'static str,
    pub decided_version: &'static str,
    pub choose_version: &'static str,
    pub open_new_tab: &'static str,
    pub no_preview: &'static str,
    // Comments.
    pub comment_label: &'static str,
    pub comment_about: &'static str,
    pub comment_about_all: &'static str,
    pub comment_send: &'static str,
    pub char_count: fn(usize, usize) -> String,
    pub comment_not_sent: &'static str,
    pub comment_added: &'static str,
    pub unknown_state: &'static str,
    /// Planned, in progress, in review, changes requested, approved, delivered.
    pub deliverable_statuses: [&'static str; 6],
    /// Included, change order, out of scope.
    pub scopes: [&'static str; 3],
    /// Pending, approved, changes requested.
    pub approval_statuses: [&'static str; 3],
    pub overdue_by: fn(i64) -> String,
    pub due_today: &'static str,
    pub due_tomorrow: &'static str,
    pub due_in_days: fn(i64) -> String,
}

impl Strings {
    pub fn deliverable_status(&self, s: DeliverableStatus) -> &'static str {
        let i = match s {
            DeliverableStatus::Planned => 0,
            DeliverableStatus::InProgress => 1,
            DeliverableStatus::InReview => 2,
            DeliverableStatus::ChangesRequested => 3,
            DeliverableStatus::Approved => 4,
            DeliverableStatus::Delivered => 5,
            DeliverableStatus::Other => return self.unknown_state,
        };
        self.deliverable_statuses[i]
    }

    pub fn scope(&self, s: Scope) -> &'static str {
        match s {
            Scope::Included => self.scopes[0],
            Scope::ChangeOrder => self.scopes[1],
            Scope::OutOfScope => self.scopes[2],
            Scope::Other => self.unknown_state,
        }
    }

    pub fn approval_status(&self, s: ApprovalStatus) -> &'static str {
        match s {
            ApprovalStatus::Pending => self.approval_statuses[0],
            ApprovalStatus::Approved => self.approval_statuses[1],
            ApprovalStatus::ChangesRequested => self.approval_statuses[2],
            ApprovalStatus::Other => self.unknown_state,
        }
    }

    pub fn owner(&self, o: Owner, agency: &str) -> String {
        match o {
            Owner::Client => self.owner_you.to_string(),
            Owner::Agency => (self.owner_agency)(agency),
            Owner::Other => self.owner_other.to_string(),
        }
    }

    /// "due tomorrow", "3 days overdue"…
    pub fn due_phrase(&self, s: DueState) -> String {
        match s {
            DueState::Overdue(n) => (self.overdue_by)(n),
            DueState::Today => self.due_today.to_string(),
            DueState::Tomorrow => self.due_tomorrow.to_string(),
            DueState::InDays(n) => (self.due_in_days)(n),
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

pub static EN: Strings = Strings {
    tag: "en",
    portal_name: "Client portal",
    skip_to_content: "Skip to content",
    main_nav: "Portal sections",
    nav_overview: "Overview",
    nav_deliverables: "Deliverables",
    nav_approvals: "Approvals",
    nav_deadlines: "Deadlines",
    nav_wins: "Wins",
    nav_contact: "Contact & escalate",
    prepared_for: |c| format!("Prepared for {c}"),
    signed_in_as: |n| format!("Signed in as {n}"),
    demo_badge: "Demo",
    demo_explainer: "This is a sample agency. Try anything: what you do stays in this browser.",
    demo_reset: "Reset demo",
    loading: "Loading your portal…",
    try_again: "Try again",
    back_to_overview: "Back to the overview",
    err_offline_title: "We can't reach the agency right now",
    err_offline_body: "Check your internet connection, then try again. Nothing you typed or decided is lost.",
    err_expired_title: "This link has expired or is not valid",
    err_expired_ask: |who| format!("Ask {who} for a new link:"),
    err_expired_generic: "Ask your contact at the agency for a new link.",
    err_not_found_title: "We couldn't find that",
    err_not_found_body: "It may have been moved or removed. Your other items are still here.",
    err_conflict_title: "Someone already took care of this",
    err_rejected_title: "That didn't go through",
    err_unavailable_title: "The agency's portal is having trouble",
    err_unavailable_body: "It isn't anything you did. Please try again in a few minutes.",
    err_bad_data_title: "Some of the agency's information couldn't be read",
    err_bad_data_body: "Please let your contact at the agency know, and pass on the details below.",
    err_bad_data_field: |f| format!("Problem with: {f}"),
    err_not_json: "The answer was not in the expected format.",
    err_new_version_title: "This portal needs an update",
    err_new_version_body: "The agency sends newer information than this version of the portal can show. Please reload the page; if that doesn't help, tell your contact at the agency.",
    page_not_found_title: "This page doesn't exist",
    page_not_found_body: "The link may be incomplete.",
    greeting: |n| format!("Hello, {n}"),
    overview_intro: "Here is where your project stands today.",
    you_owe_title: "Waiting for you",
    you_owe_label: |n| {
        if n == 1 {
            "thing waiting for you".into()
        } else {
            "things waiting for you".into()
        }
    },
    you_owe_none: "Nothing is waiting for you. You're all caught up.",
    overdue_count: |n| format!("{} overdue", plural(n, "item is", "items are")),
    nearest_due: "Next due",
    coming_up_title: "Coming up",
    coming_up_none: "No upcoming deadlines.",
    latest_win_title: "Latest win",
    no_wins_yet: "No wins shared yet.",
    your_contact_title: "Your contact",
    answers_within: |h| format!("You'll hear back within {}.", plural(h as usize, "hour", "hours")),
    see_all_approvals: "See all approvals",
    see_all_deadlines: "See all deadlines",
    see_all_wins: "See all wins",
    contact_and_escalate: "Contact & escalate",
    deliverables_intro: "Everything we are making for you, and where each piece stands.",
    deliverables_none: "Nothing has been planned yet.",
    status_label: "Status",
    scope_label: "Scope",
    due_label: "Due",
    no_due_date: "No date set",
    made_by: "Led by",
    versions_title: "Versions",
    versions_none: "No versions to look at yet.",
    version_latest: "Latest",
    version_added: |d| format!("Added {d}"),
    open_file: "Open",
    preview_of: |v| format!("Preview of {v}"),
    comments_title: "Comments",
    comments_none: "No comments yet.",
    on_version: |v| format!("on {v}"),
    approvals_for_this: "Approvals",
    deliverable_missing: "This deliverable isn't in your portal any more.",
    all_deliverables: "All deliverables",
    version_count: |n| plural(n, "version", "versions"),
    approvals_intro: "What we need you to look at, and what happens if it waits.",
    approvals_waiting: "Waiting for you",
    approvals_decided: "Already decided",
    approvals_none_waiting: "Nothing is waiting for your approval.",
    approvals_none: "No approvals yet.",
    version_label: "Version",
    requested_on: |d| format!("Requested {d}"),
    if_late: "If this is late",
    decided_by: |who, when| format!("{who}, {when}"),
    their_comment: "Comment",
    reference: |r| format!("Reference {r}"),
    approval_missing: "This approval isn't in your portal any more.",
    all_approvals: "All approvals",
    part_of: "Part of",
    review_this: "Review",
    deadlines_intro: "Who owes what, and by when.",
    deadlines_overdue: "Overdue",
    deadlines_this_week: "This week",
    deadlines_next_week: "Next week",
    deadlines_later: "Later",
    who_owes_it: "Who owes it",
    filter_everyone: "Everyone",
    filter_nothing: "Nothing open for this choice.",
    add_to_calendar: "Add to calendar",
    add_one_to_calendar: |t| format!("Add to calendar: {t}"),
    add_all_to_calendar: "Add all open deadlines to your calendar",
    calendar_hint: "Downloads a calendar file for Google, Apple or Outlook. Adding it again updates the same events instead of doubling them.",
    calendar_name: |a| format!("Deadlines with {a}"),
    owed_by: |who| format!("Owed by: {who}"),
    deadlines_done: |n| format!("Done ({n})"),
    deadlines_none: "No deadlines yet.",
    owner_you: "You",
    owner_agency: |a| a.to_string(),
    owner_other: "Shared",
    done_label: "Done",
    wins_intro: "Results worth celebrating together.",
    wins_none: "No wins shared yet. They'll appear here.",
    before_label: "Before",
    after_label: "Now",
    this_month: "This month",
    last_month: "Last month",
    new_win: "New",
    copy_summary: "Copy summary",
    copy_summary_of: |t| format!("Copy summary: {t}"),
    chart_of: |l| format!("{l}: before and now"),
    close: "Close",
    contact_intro: "Who to talk to, how fast they answer, and who to go to if something isn't right.",
    primary_contact: "Your main contact",
    backup_contact: "If they're away",
    escalation_title: "If something isn't right",
    escalation_intro: "You can always go higher. In order:",
    escalation_level: |n| format!("Level {n}"),
    office_hours: "Office hours",
    their_time_zone: |z| format!("Their time zone: {z}"),
    cadence: "Regular meetings",
    next_check_in: "Next check-in",
    ways_to_reach: "Ways to reach us",
    email_word: "Email",
    phone_word: "Phone",
    photo_of: |n| format!("Photo of {n}"),
    logo_of: |n| format!("{n} logo"),
    concern_link: "Something's not right?",
    concern_title: "Something's not right?",
    concern_intro: "Tell us. It goes straight to the person you choose, and you'll get a reference and a time to expect an answer.",
    concern_about_this: "Raise a concern about this",
    concern_open: "Raise a concern",
    concern_to: "Who should hear it?",
    concern_chain_level: |n| format!("Higher up, level {n}"),
    concern_topic: "What is it about?",
    concern_topic_hint: "A few words, for example \"Deadlines\" or \"The homepage design\".",
    concern_urgency: "How urgent is it?",
    urgency_low: "Not urgent",
    urgency_normal: "Normal",
    urgency_high: "Urgent",
    concern_message: "Your message",
    concern_message_hint: "Say what happened and what you would like to happen. It is saved on this device as you type.",
    concern_reply_to: "Reply to this email address (optional)",
    concern_reply_hint: "Leave it empty and they will answer you the usual way.",
    concern_anonymous: "Send anonymously",
    concern_anon_sees: |c| format!("They will see your message, its topic and urgency, who you chose, and that it came from someone at {c}."),
    concern_anon_hidden: "They will not see your name, your email address or anything else that says who you are. They cannot answer you directly, and this device keeps no copy once it is sent.",
    concern_anon_off: |a| format!("Anonymous messages are not available: {a} has not turned them on. You can still write to someone higher up."),
    concern_sent_as: |n| format!("Sent as {n}."),
    concern_send: "Send",
    concern_send_anon: "Send anonymously",
    err_pick_someone: "Please choose who should hear it.",
    err_topic_empty: "Please say in a few words what it is about.",
    err_message_empty: "Please write your message.",
    err_bad_email: "That doesn't look like an email address. Check it, or leave it empty.",
    err_no_anonymous: "Anonymous messages are not available here. Turn it off to send under your name.",
    concern_sending: "Sending your message…",
    concern_received: "We've got your message",
    concern_reference: "Reference",
    concern_received_at: "Received",
    concern_went_to: "Sent to",
    concern_answer_by: "Expect an answer by",
    concern_was_anonymous: "Sent anonymously: your name and email address were not included.",
    concern_yours: "Your messages",
    concern_yours_none: "Messages you send under your name will be listed here, with their references.",
    concern_line: |to, at| format!("To {to}, sent {at}"),
    now_there: |them, you| format!("It is {them} there now ({you} for you)."),
    decide_title: "Your decision",
    decide_comment_label: "Comment for the team",
    decide_comment_hint: "Optional when you approve. Needed when you ask for changes: say what should change.",
    approve_button: "Approve",
    request_changes_button: "Request changes",
    confirm_approve: |v, t| format!("Approve {v} of {t}?"),
    confirm_changes: |v, t| format!("Ask for changes to {v} of {t}?"),
    confirm_approve_yes: "Yes, approve",
    confirm_changes_yes: "Yes, ask for changes",
    confirm_cancel: "Go back",
    confirm_undo_note: "You can still undo it for 10 seconds.",
    err_changes_need_comment: "Please say what should change, so the team can act on it.",
    err_comment_empty: "Write a comment first.",
    err_too_long: |limit, n| format!("Please keep it to {limit} characters or fewer (it has {n})."),
    sending_in: |n| {
        if n == 1 {
            "Sending your decision in 1 second.".into()
        } else {
            format!("Sending your decision in {n} seconds.")
        }
    },
    undo: "Undo",
    undone: "Undone. Nothing was sent.",
    send_now: "Send now",
    not_sent_yet: "Not sent yet. It is saved on this device and we'll keep trying.",
    tried_times: |n| if n == 1 { "Tried once so far.".into() } else { format!("Tried {n} times so far.") },
    retry_now: "Try again now",
    outbox_banner: |n| {
        if n == 1 {
            "1 change is not sent yet. It is saved on this device and will be sent when the connection is back.".into()
        } else {
            format!("{n} changes are not sent yet. They are saved on this device and will be sent when the connection is back.")
        }
    },
    dismiss: "Dismiss",
    receipt_title: "Receipt",
    receipt_what: "What",
    receipt_decision: "Decision",
    receipt_when: "When",
    receipt_by: "By",
    receipt_reference: "Reference",
    print: "Print",
    copy_text: "Copy as text",
    copied: "Copied.",
    copy_failed: "Couldn't copy. You can select the text and copy it yourself.",
    being_approved: "the one to approve",
    decided_version: "the version you decided on",
    choose_version: "Look at another version",
    open_new_tab: "Open in a new tab",
    no_preview: "There is no preview of this version.",
    comment_label: "Add a comment",
    comment_about: "About",
    comment_about_all: "The whole deliverable",
    comment_send: "Send comment",
    char_count: |n, limit| format!("{n} of {limit} characters"),
    comment_not_sent: "Not sent yet",
    comment_added: "Comment added.",
    unknown_state: "Other",
    deliverable_statuses: [
        "Planned",
        "In progress",
        "Ready for your review",
        "Changes requested",
        "Approved",
        "Delivered",
    ],
    scopes: ["In the agreed work", "Extra, agreed separately", "Not in the agreed work"],
    approval_statuses: ["Waiting for you", "Approved", "Changes requested"],
    overdue_by: |n| match n {
        0 => "overdue since today".into(),
        1 => "1 day overdue".into(),
        n => format!("{n} days overdue"),
    },
    due_today: "due today",
    due_tomorrow: "due tomorrow",
    due_in_days: |n| format!("due in {n} days"),
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_with_english_as_the_fallback() {
        assert_eq!(Locale::negotiate(["en-GB"]), Locale::En);
        assert_eq!(Locale::negotiate(["xx", "en"]), Locale::En);
        assert_eq!(Locale::negotiate([]), Locale::En);
        assert_eq!(
            Locale::negotiate_tag(["en_GB"]),
            (Locale::En, "en-GB".to_string())
        );
        assert_eq!(
            Locale::negotiate_tag(["xx-YY"]),
            (Locale::En, "en".to_string())
        );
    }

    #[test]
    fn plurals_and_phrases() {
        assert_eq!((EN.you_owe_label)(1), "thing waiting for you");
        assert_eq!((EN.you_owe_label)(3), "things waiting for you");
        assert_eq!((EN.overdue_count)(1), "1 item is overdue");
        assert_eq!(EN.due_phrase(DueState::Overdue(3)), "3 days overdue");
        assert_eq!(EN.due_phrase(DueState::Tomorrow), "due tomorrow");
        assert_eq!((EN.answers_within)(24), "You'll hear back within 24 hours.");
    }
}

#[cfg(target_arch = "wasm32")]
mod context {
    use super::{Locale, Strings};
    use leptos::prelude::*;

    /// The interface language, shared by every view.
    #[derive(Clone, Copy)]
    pub struct I18n(RwSignal<Locale>);

    impl I18n {
        /// The strings of the current language (tracked).
        pub fn t(&self) -> &'static Strings {
            self.0.get().strings()
        }
        pub fn locale(&self) -> Locale {
            self.0.get()
        }
    }

    /// Pick the language from `data-locale`, then the browser's languages.
    pub fn provide_i18n(requested: Option<&str>) {
        let nav = window().navigator();
        let browser: Vec<String> = nav
            .languages()
            .iter()
            .filter_map(|v| v.as_string())
            .collect();
        let wanted = requested
            .into_iter()
            .chain(browser.iter().map(String::as_str));
        let (locale, tag) = Locale::negotiate_tag(wanted);
        crate::intl::set_locale(&tag);
        provide_context(I18n(RwSignal::new(locale)));
    }

    pub fn use_i18n() -> I18n {
        expect_context::<I18n>()
    }
}

#[cfg(target_arch = "wasm32")]
pub use context::{provide_i18n, use_i18n, I18n};

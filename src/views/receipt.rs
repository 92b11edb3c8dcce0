//! The receipt of a decision: kept by printing or copying it as text.

use crate::contract::Approval;
use crate::domain::receipt::{as_text, receipt, ReceiptLabels};
use crate::i18n::use_i18n;
use crate::intl;
use crate::views::dom::{self, el, Node};
use crate::views::widgets::copy_button;

pub fn receipt_card(approval: &Approval, version: &str) -> Option<Node> {
    let t = use_i18n().t();
    let when = approval
        .decision
        .as_ref()
        .map(|d| intl::moment(d.at))
        .unwrap_or_default();
    let labels = ReceiptLabels {
        heading: t.receipt_title,
        what: t.receipt_what,
        version: t.version_label,
        decision: t.receipt_decision,
        when: t.receipt_when,
        by: t.receipt_by,
        comment: t.their_comment,
        reference: t.receipt_reference,
    };
    let r = receipt(
        approval,
        version,
        t.approval_status(approval.status),
        &when,
        &labels,
    )?;
    let text = as_text(&r, t.receipt_title);
    let print = print_button(t.print);
    Some(
        el("section", "cp-card cp-receipt")
            .attr("aria-labelledby", "cp-receipt-title")
            .push(dom::text("h2", "", t.receipt_title).attr("id", "cp-receipt-title"))
            .push(
                el("dl", "cp-receipt-lines").push_all(
                    r.lines
                        .iter()
                        .map(|(k, v)| {
                            el("div", "")
                                .push(dom::text("dt", "", k))
                                .push(dom::text("dd", "", v))
                        })
                        .collect(),
                ),
            )
            .push(
                el("div", "cp-actions cp-no-print")
                    .push(print)
                    .push_all(copy_button(t.copy_text, None, text).into()),
            ),
    )
}

/// A button that opens the browser's print dialog (where the client can
/// also save a PDF).
pub fn print_button(words: &str) -> Node {
    el("button", "cp-button cp-button-secondary")
        .attr("type", "button")
        .text(words)
        .on(
            "click",
            Box::new(|_| {
                let _ = leptos::prelude::window().print();
            }),
        )
}

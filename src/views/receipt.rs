//! The receipt of a decision: kept by printing or copying it as text.

use leptos::prelude::*;

use crate::contract::Approval;
use crate::domain::receipt::{as_text, receipt, ReceiptLabels};
use crate::i18n::use_i18n;
use crate::intl;
use crate::views::widgets::CopyButton;

#[component]
pub fn ReceiptCard(approval: Approval, version: String) -> Option<impl IntoView> {
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
        &approval,
        &version,
        t.approval_status(approval.status),
        &when,
        &labels,
    )?;
    let text = as_text(&r, t.receipt_title);
    Some(view! {
        <section class="cp-card cp-receipt" aria-labelledby="cp-receipt-title">
            <h2 id="cp-receipt-title">{t.receipt_title}</h2>
            <dl class="cp-receipt-lines">
                {r.lines.into_iter().map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> }).collect_view()}
            </dl>
            <div class="cp-actions cp-no-print">
                <button type="button" class="cp-button cp-button-secondary" on:click=move |_| { let _ = window().print(); }>
                    {t.print}
                </button>
                <CopyButton label=t.copy_text text />
            </div>
        </section>
    })
}

//! The receipt a client keeps after deciding on an approval.

use crate::contract::{Approval, ApprovalStatus};

/// The labelled lines of a receipt, ready to show or copy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Receipt {
    pub lines: Vec<(String, String)>,
}

/// Labels in the client's language.
pub struct ReceiptLabels<'a> {
    pub heading: &'a str,
    pub what: &'a str,
    pub version: &'a str,
    pub decision: &'a str,
    pub when: &'a str,
    pub by: &'a str,
    pub comment: &'a str,
    pub reference: &'a str,
}

/// Build the receipt of a decided approval. `decision_word` and `when` come
/// from the view (translated and formatted in the client's zone).
pub fn receipt(
    a: &Approval,
    version_label: &str,
    decision_word: &str,
    when: &str,
    l: &ReceiptLabels,
) -> Option<Receipt> {
    if a.status == ApprovalStatus::Pending {
        return None;
    }
    let d = a.decision.as_ref()?;
    let mut lines = vec![
        (l.what.to_string(), a.title.clone()),
        (l.version.to_string(), version_label.to_string()),
        (l.decision.to_string(), decision_word.to_string()),
        (l.when.to_string(), when.to_string()),
        (l.by.to_string(), d.by.clone()),
    ];
    if let Some(c) = d.comment.as_ref().filter(|c| !c.trim().is_empty()) {
        lines.push((l.comment.to_string(), c.clone()));
    }
    if let Some(r) = &d.reference {
        lines.push((l.reference.to_string(), r.clone()));
    }
    Some(Receipt { lines })
}

/// Plain text, one "Label: value" per line, under a heading.
pub fn as_text(r: &Receipt, heading: &str) -> String {
    let mut s = String::from(heading);
    s.push('\n');
    for (k, v) in &r.lines {
        s.push_str(k);
        s.push_str(": ");
        s.push_str(v);
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::demo;

    const L: ReceiptLabels = ReceiptLabels {
        heading: "Receipt",
        what: "What",
        version: "Version",
        decision: "Decision",
        when: "When",
        by: "By",
        comment: "Comment",
        reference: "Reference",
    };

    #[test]
    fn lists_what_version_when_who_and_reference() {
        let p = demo();
        let a = p.approval("a-guide-1").unwrap();
        let r = receipt(a, "Final", "Approved", "Sat 7 Nov, 16:41", &L).unwrap();
        let text = as_text(&r, L.heading);
        assert_eq!(
            text,
            "Receipt\nWhat: Brand guidelines — final PDF\nVersion: Final\nDecision: Approved\n\
             When: Sat 7 Nov, 16:41\nBy: Maya Chen\nComment: Perfect, thank you!\nReference: NW-2026-0412\n"
        );
    }

    #[test]
    fn no_receipt_before_a_decision() {
        let p = demo();
        assert!(receipt(p.approval("a-home-3").unwrap(), "v3", "", "", &L).is_none());
    }
}

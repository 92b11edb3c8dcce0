//! Checking what the client typed, with a reason a person understands.

use crate::contract::DecisionKind;

/// Longest comment the portal sends.
pub const COMMENT_LIMIT: usize = 2000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextProblem {
    /// Required, but empty or only spaces.
    Empty,
    /// Longer than the limit (characters, not bytes).
    TooLong { limit: usize, length: usize },
}

/// Characters as a person counts them (not bytes).
pub fn char_count(s: &str) -> usize {
    s.chars().count()
}

/// A comment body: required, at most [`COMMENT_LIMIT`] characters.
pub fn comment(body: &str) -> Result<String, TextProblem> {
    let t = body.trim();
    if t.is_empty() {
        return Err(TextProblem::Empty);
    }
    let length = char_count(t);
    if length > COMMENT_LIMIT {
        return Err(TextProblem::TooLong {
            limit: COMMENT_LIMIT,
            length,
        });
    }
    Ok(t.to_string())
}

/// The comment of a decision: required to request changes, optional to
/// approve. Returns what to send.
pub fn decision_comment(kind: DecisionKind, text: &str) -> Result<Option<String>, TextProblem> {
    match (kind, text.trim().is_empty()) {
        (DecisionKind::Approve, true) => Ok(None),
        _ => comment(text).map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_need_a_reason_approvals_do_not() {
        assert_eq!(
            decision_comment(DecisionKind::RequestChanges, "  \n "),
            Err(TextProblem::Empty)
        );
        assert_eq!(decision_comment(DecisionKind::Approve, "   "), Ok(None));
        assert_eq!(
            decision_comment(DecisionKind::RequestChanges, " Darker blue "),
            Ok(Some("Darker blue".into()))
        );
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        let thai = "ก".repeat(COMMENT_LIMIT);
        assert!(comment(&thai).is_ok());
        let long = "a".repeat(COMMENT_LIMIT + 1);
        assert_eq!(
            comment(&long),
            Err(TextProblem::TooLong {
                limit: COMMENT_LIMIT,
                length: COMMENT_LIMIT + 1
            })
        );
    }
}

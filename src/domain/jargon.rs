//! Jargon, explained: find the terms of a glossary in agency-written text so
//! the view can mark each one with its plain-language meaning.
//!
//! Matching rules, chosen for how agencies write:
//! - a term written in capitals (`CTR`, `A/B`) matches only in capitals, so
//!   "ctrl" or "Roi" (a name) are left alone; other terms ignore (Latin)
//!   case;
//! - a term matches whole words only: "CTR" in "CTRL" is not marked. Only
//!   Latin letters and digits count as word characters, so a term right next
//!   to Thai or Chinese text (which has no spaces) is still found;
//! - an all-capitals term also matches its plural (`KPIs`);
//! - the longest term wins where two overlap, and each term is marked once
//!   per text (the first time), so a paragraph is not a sea of underlines.

use crate::contract::GlossaryEntry;

/// One piece of a marked text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    /// The words as written, and the index of the glossary entry.
    Term(&'a str, usize),
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric())
}

// ASCII case only: Unicode case tables would cost more in the wasm than
// the whole jargon feature, and the terms agencies abbreviate are Latin.
fn capitals_only(term: &str) -> bool {
    term.bytes().any(|c| c.is_ascii_uppercase()) && !term.bytes().any(|c| c.is_ascii_lowercase())
}

/// The length in bytes of `term` at the start of `rest`, if it is there as
/// a whole word.
fn match_at(rest: &str, term: &str) -> Option<usize> {
    let exact = capitals_only(term);
    let mut len = 0;
    let mut chars = rest.chars();
    for want in term.chars() {
        let got = chars.next()?;
        let same = if exact {
            got == want
        } else {
            got.eq_ignore_ascii_case(&want)
        };
        if !same {
            return None;
        }
        len += got.len_utf8();
    }
    let mut next = chars.next();
    if exact && next == Some('s') && !is_word(chars.next()) {
        len += 1;
        next = None;
    }
    let edge_is_word = term
        .chars()
        .last()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    (!edge_is_word || !is_word(next)).then_some(len)
}

/// Split `text` into plain pieces and glossary terms. `terms[i]` is the
/// term of entry `i`; empty terms are ignored.
pub fn mark<'a>(text: &'a str, terms: &[&str]) -> Vec<Piece<'a>> {
    // Longest first, so "A/B test" is preferred over a shorter overlap.
    let mut order: Vec<usize> = (0..terms.len())
        .filter(|&i| !terms[i].trim().is_empty())
        .collect();
    crate::domain::order::sort_by_i64(&mut order, |&i| -(terms[i].len() as i64));
    let mut used = vec![false; terms.len()];
    let mut pieces = Vec::new();
    let mut plain_from = 0;
    let mut i = 0;
    let mut prev: Option<char> = None;
    while i < text.len() {
        let rest = &text[i..];
        let c = rest.chars().next().unwrap_or(' ');
        let mut found = None;
        if !(is_word(prev) && c.is_ascii_alphanumeric()) {
            found = order
                .iter()
                .filter(|&&k| !used[k])
                .find_map(|&k| match_at(rest, terms[k]).map(|len| (k, len)));
        }
        match found {
            Some((k, len)) => {
                if plain_from < i {
                    pieces.push(Piece::Text(&text[plain_from..i]));
                }
                pieces.push(Piece::Term(&text[i..i + len], k));
                used[k] = true;
                i += len;
                plain_from = i;
                prev = text[..i].chars().last();
            }
            None => {
                i += c.len_utf8();
                prev = Some(c);
            }
        }
    }
    if plain_from < text.len() {
        pieces.push(Piece::Text(&text[plain_from..]));
    }
    pieces
}

/// A term with the punctuation written right against it (a bracket, a
/// comma, a full stop), which the view keeps on one line with it: a term is a
/// button, and a line may break on either side of one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Run<'a> {
    Text(&'a str),
    Term {
        before: &'a str,
        term: &'a str,
        after: &'a str,
        entry: usize,
    },
}

/// The pieces of [`mark`], each term with the characters glued to it.
pub fn glued<'a>(pieces: &[Piece<'a>]) -> Vec<Run<'a>> {
    // Punctuation only: Thai and Chinese are written without spaces, and
    // a whole sentence kept on one line would not fit a phone. A short
    // list rather than Unicode's categories, whose tables would cost more
    // in the wasm than this whole feature.
    let glue = |c: char| {
        c.is_ascii_punctuation()
            || matches!(
                c,
                '«' | '»'
                    | '“'
                    | '”'
                    | '‘'
                    | '’'
                    | '…'
                    | '–'
                    | '—'
                    | '。'
                    | '，'
                    | '、'
                    | '：'
                    | '；'
                    | '！'
                    | '？'
                    | '（'
                    | '）'
                    | '「'
                    | '」'
                    | '『'
                    | '』'
            )
    };
    let mut runs = Vec::new();
    // What the term before has taken from the start of this text, and
    // what the term after takes from the end of the last one.
    let (mut taken, mut tail) = (0, "");
    for (i, piece) in pieces.iter().enumerate() {
        match *piece {
            Piece::Text(s) => {
                let s = &s[taken..];
                taken = 0;
                let keep = match pieces.get(i + 1) {
                    Some(Piece::Term(..)) => s.trim_end_matches(glue),
                    _ => s,
                };
                tail = &s[keep.len()..];
                if !keep.is_empty() {
                    runs.push(Run::Text(keep));
                }
            }
            Piece::Term(term, entry) => {
                let after = match pieces.get(i + 1) {
                    Some(Piece::Text(s)) => &s[..s.len() - s.trim_start_matches(glue).len()],
                    _ => "",
                };
                taken = after.len();
                runs.push(Run::Term {
                    before: std::mem::take(&mut tail),
                    term,
                    after,
                    entry,
                });
            }
        }
    }
    runs
}

/// The terms to look for: the agency's own first, then the built-in ones it
/// did not redefine (compared without regard to case).
pub fn merge<'a>(
    agency: &'a [GlossaryEntry],
    built_in: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut all: Vec<(&str, &str)> = agency
        .iter()
        .filter(|g| !g.term.trim().is_empty() && !g.meaning.trim().is_empty())
        .map(|g| (g.term.as_str(), g.meaning.as_str()))
        .collect();
    for &(t, m) in built_in {
        if !all.iter().any(|(a, _)| a.eq_ignore_ascii_case(t)) {
            all.push((t, m));
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use Piece::{Term, Text};

    const TERMS: [&str; 5] = ["CTR", "A/B test", "ROI", "conversion rate", "KPI"];

    #[test]
    fn what_is_written_against_a_term_stays_with_it() {
        let runs = |text| glued(&mark(text, &["CTR", "CPC", "conversion rate"]));
        assert_eq!(
            runs("Orders (conversion rate), then CTR/CPC."),
            [
                Run::Text("Orders "),
                Run::Term {
                    before: "(",
                    term: "conversion rate",
                    after: "),",
                    entry: 2
                },
                Run::Text(" then "),
                Run::Term {
                    before: "",
                    term: "CTR",
                    after: "/",
                    entry: 0
                },
                Run::Term {
                    before: "",
                    term: "CPC",
                    after: ".",
                    entry: 1
                },
            ]
        );
        assert_eq!(
            runs("CTR"),
            [Run::Term {
                before: "",
                term: "CTR",
                after: "",
                entry: 0
            }]
        );
        assert_eq!(
            runs("«CTR» rose"),
            [
                Run::Term {
                    before: "«",
                    term: "CTR",
                    after: "»",
                    entry: 0
                },
                Run::Text(" rose"),
            ]
        );
        assert_eq!(runs("no terms here"), [Run::Text("no terms here")]);
        // Letters are never glued: a sentence without spaces still wraps.
        assert_eq!(
            runs("点击率CTR提高。"),
            [
                Run::Text("点击率"),
                Run::Term {
                    before: "",
                    term: "CTR",
                    after: "",
                    entry: 0
                },
                Run::Text("提高。"),
            ]
        );
    }

    #[test]
    fn marks_whole_words_only() {
        assert_eq!(
            mark("Our CTR rose", &TERMS),
            vec![Text("Our "), Term("CTR", 0), Text(" rose")]
        );
        assert_eq!(mark("Press CTRL+C", &TERMS), vec![Text("Press CTRL+C")]);
        assert_eq!(mark("XCTR went up", &TERMS), vec![Text("XCTR went up")]);
        assert_eq!(mark("CTR2 campaign", &TERMS), vec![Text("CTR2 campaign")]);
        assert_eq!(
            mark("(CTR).", &TERMS),
            vec![Text("("), Term("CTR", 0), Text(").")]
        );
    }

    #[test]
    fn capitals_match_only_in_capitals_other_terms_ignore_case() {
        assert_eq!(mark("ctr and Roi", &TERMS), vec![Text("ctr and Roi")]);
        assert_eq!(
            mark("Conversion Rate up", &TERMS),
            vec![Term("Conversion Rate", 3), Text(" up")]
        );
    }

    #[test]
    fn plurals_of_acronyms_and_longest_first() {
        assert_eq!(
            mark("Three KPIs", &TERMS),
            vec![Text("Three "), Term("KPIs", 4)]
        );
        assert_eq!(
            mark("An A/B test ran", &TERMS),
            vec![Text("An "), Term("A/B test", 1), Text(" ran")]
        );
        // "A/B testing" is not the whole word "test".
        assert_eq!(mark("A/B testing", &TERMS), vec![Text("A/B testing")]);
    }

    #[test]
    fn each_term_once_and_next_to_thai_or_chinese() {
        assert_eq!(
            mark("ROI, then ROI again", &TERMS),
            vec![Term("ROI", 2), Text(", then ROI again")]
        );
        assert_eq!(
            mark("อัตรา CTRสูงขึ้น", &TERMS),
            vec![Text("อัตรา "), Term("CTR", 0), Text("สูงขึ้น")]
        );
        assert_eq!(
            mark("点击率CTR提升", &TERMS),
            vec![Text("点击率"), Term("CTR", 0), Text("提升")]
        );
    }

    #[test]
    fn empty_terms_and_text() {
        assert_eq!(mark("", &TERMS), vec![]);
        assert_eq!(mark("CTR", &["", " "]), vec![Text("CTR")]);
    }

    #[test]
    fn built_ins_cover_the_common_terms_and_each_is_found() {
        // The built-in glossary comes in every interface language.
        for t in crate::i18n::Locale::ALL.map(crate::i18n::Locale::strings) {
            assert!(t.glossary().iter().all(|(_, meaning)| !meaning.is_empty()));
        }
        let built_in = crate::i18n::EN.glossary();
        let terms: Vec<&str> = built_in.iter().map(|(t, _)| *t).collect();
        for want in [
            "CTR", "CPC", "CPA", "CPM", "CRO", "KPI", "ROI", "ROAS", "SEO", "SEM", "CRM", "SOW",
            "A/B test",
        ] {
            let text = format!("We track {want} weekly.");
            let found = mark(&text, &terms)
                .into_iter()
                .any(|p| matches!(p, Piece::Term(s, _) if s == want));
            assert!(found, "{want} is explained and marked");
        }
        // ROAS is not mistaken for ROI, nor CPA for CPC.
        assert_eq!(
            mark("ROAS", &terms),
            vec![Term(
                "ROAS",
                terms.iter().position(|t| *t == "ROAS").unwrap()
            )]
        );
    }

    #[test]
    fn agency_words_come_first_and_replace_built_ins() {
        let entry = |term: &str, meaning: &str| GlossaryEntry {
            term: term.into(),
            meaning: meaning.into(),
        };
        let agency = vec![entry("roi", "What we earned you"), entry("", "ignored")];
        let built_in = [
            ("ROI", "Return on investment"),
            ("CTR", "Click-through rate"),
        ];
        assert_eq!(
            merge(&agency, &built_in),
            vec![("roi", "What we earned you"), ("CTR", "Click-through rate")]
        );
    }
}

//! Text search, done one way across the app.
//!
//! `str::contains(&str)` and `str::replace` bring the standard library's
//! Two-Way searcher into the wasm (about 2 KB of code). The texts searched
//! here are short (a deliverable's words, a draft, the demo's feed once a
//! visit), so comparing at each position is as fast in practice.

/// Where `needle` first occurs in `hay`. An empty needle is at 0.
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    match needle.split_first() {
        None => Some(0),
        Some((first, rest)) => hay
            .iter()
            .enumerate()
            .position(|(i, b)| b == first && hay[i + 1..].starts_with(rest)),
    }
}

/// Does `hay` contain `needle`?
pub fn contains(hay: &str, needle: &str) -> bool {
    find(hay, needle).is_some()
}

/// `hay` with every `from` replaced by `to` (`from` must not be empty).
pub fn replace(hay: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(hay.len());
    let mut rest = hay;
    while let Some(i) = find(rest, from).filter(|_| !from.is_empty()) {
        out.push_str(&rest[..i]);
        out.push_str(to);
        rest = &rest[i + from.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const HAYS: [&str; 8] = [
        "",
        "a",
        "abc",
        "aab",
        "café logo",
        "ตัดต่อวิดีโอ",
        "abab abc",
        "ééé",
    ];
    const NEEDLES: [&str; 12] = [
        "",
        "a",
        "b",
        "ab",
        "abc",
        "abcd",
        "é",
        "é logo",
        "วิดีโอ",
        "c",
        " ",
        "éé",
    ];

    #[test]
    fn finds_what_the_standard_search_finds() {
        for hay in HAYS {
            for needle in NEEDLES {
                assert_eq!(find(hay, needle), hay.find(needle), "{hay:?} / {needle:?}");
                assert_eq!(
                    contains(hay, needle),
                    hay.contains(needle),
                    "{hay:?} / {needle:?}"
                );
            }
        }
    }

    #[test]
    fn replaces_what_the_standard_replace_replaces() {
        for hay in HAYS {
            for from in NEEDLES.iter().filter(|n| !n.is_empty()) {
                assert_eq!(
                    replace(hay, from, "<$>"),
                    hay.replace(from, "<$>"),
                    "{hay:?} / {from:?}"
                );
            }
        }
        assert_eq!(replace("a", "", "x"), "a");
        assert_eq!(
            replace(
                r#"{"a":"demo/x.png","b":"demo/y"}"#,
                "\"demo/",
                "\"/p/demo/"
            ),
            r#"{"a":"/p/demo/x.png","b":"/p/demo/y"}"#
        );
    }
}

//! Random and mutated input where the portal reads what it did not write
//! itself: the agency's feed, the answers to writes, and what it stored in
//! the browser on an earlier visit (maybe by an older version, maybe
//! damaged). Whatever comes in, reading it never panics (a panic in the
//! browser is a blank portal), a feed the portal refuses names the field at
//! fault, and stored state comes back as the part of it that still reads.
//!
//! The cases are generated from fixed seeds, so a failure is the same on
//! every run and prints the seed and the input that broke. To search
//! further: `CP_FUZZ_CASES=200000 cargo test --test robustness`.

use std::panic::{catch_unwind, AssertUnwindSafe};

use client_portal::contract::*;
use client_portal::domain::escalation::{decode, encode};
use client_portal::domain::finder::Finder;
use client_portal::domain::outbox::{Outbox, LONGEST_WAIT_MS};
use client_portal::route::Route;
use serde_json::{json, Map, Value};

const DEMO: &str = include_str!("../demo/portal.json");
const NOW_MS: f64 = 1_795_000_000_000.0;

/// How many cases each property tries (more with `CP_FUZZ_CASES`).
fn cases(default: u64) -> u64 {
    std::env::var("CP_FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// A small, well-known generator (xorshift64*): the same seed gives the
/// same cases on every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, one_in: u64) -> bool {
        self.next().is_multiple_of(one_in)
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// Text that real feeds and damaged storage are made of: plain words,
    /// the contract's own words, dates, markup, control characters,
    /// scripts of other languages, and the odd very long string.
    fn text(&mut self) -> String {
        const PIECES: &[&str] = &[
            "",
            "a",
            " ",
            "Landing page",
            "approved",
            "changes_requested",
            "in_review",
            "included",
            "change_order",
            "decision",
            "comment",
            "escalation",
            "2026-11-24",
            "2026-11-24T09:30:00Z",
            "2026-13-45T99:99:99Z",
            "1970-01-01T00:00:00+14:00",
            "+275760-09-13T00:00:00Z",
            "-0001-01-01",
            "#0b5fff",
            "#fff",
            "rgb(1,2,3)",
            "https://example.com/a.pdf",
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "\"'><svg onload=alert(1)>",
            "&amp;&lt;&#0;",
            "\u{0}",
            "\t\n\r",
            "\u{202E}",
            "\u{FEFF}",
            "é",
            "ภาษาไทย",
            "한국어",
            "中文",
            "👩‍👩‍👧",
            "%",
            "%zz",
            "%E0%A4%A",
            "&q=",
            "=",
            "?",
            "#/",
            "\\u0000",
            "NaN",
            "-0",
            "1e309",
        ];
        let mut s = String::new();
        for _ in 0..self.below(4) {
            let piece = *self.pick::<&str>(PIECES);
            s.push_str(piece);
        }
        if self.chance(50) {
            s.push_str(&"x".repeat(self.below(20_000)));
        }
        s
    }

    /// Any JSON value, nested a little.
    fn value(&mut self, depth: u32) -> Value {
        match self.below(if depth > 2 { 6 } else { 8 }) {
            0 => Value::Null,
            1 => Value::Bool(self.chance(2)),
            2 => json!(self.next() as i64 >> self.below(64)),
            3 => json!(*self.pick(&[0.5, -1.0, 1e300, -1e-300, 8.64e15, 1.7976931348623157e308])),
            4 | 5 => Value::String(self.text()),
            6 => Value::Array((0..self.below(4)).map(|_| self.value(depth + 1)).collect()),
            _ => {
                let mut m = Map::new();
                for _ in 0..self.below(4) {
                    m.insert(self.text(), self.value(depth + 1));
                }
                Value::Object(m)
            }
        }
    }
}

/// Every place in a document, as the portal writes paths
/// (`deliverables[2].status`), with a way back to the value.
fn places(v: &Value) -> Vec<(String, Vec<Step>)> {
    fn walk(v: &Value, path: String, steps: Vec<Step>, out: &mut Vec<(String, Vec<Step>)>) {
        match v {
            Value::Object(m) => {
                for (k, child) in m {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    let mut s = steps.clone();
                    s.push(Step::Key(k.clone()));
                    out.push((p.clone(), s.clone()));
                    walk(child, p, s, out);
                }
            }
            Value::Array(xs) => {
                for (i, child) in xs.iter().enumerate() {
                    let p = format!("{path}[{i}]");
                    let mut s = steps.clone();
                    s.push(Step::Index(i));
                    out.push((p.clone(), s.clone()));
                    walk(child, p, s, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(v, String::new(), Vec::new(), &mut out);
    out
}

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

fn at<'a>(v: &'a mut Value, steps: &[Step]) -> &'a mut Value {
    steps.iter().fold(v, |v, s| match s {
        Step::Key(k) => &mut v[k.as_str()],
        Step::Index(i) => &mut v[*i],
    })
}

/// One change to one place: removed, replaced by anything, or made empty.
fn mutate(rng: &mut Rng, doc: &mut Value) -> String {
    let all = places(doc);
    let (path, steps) = rng.pick(&all).clone();
    let (last, parent) = steps.split_last().expect("a place has a step");
    match rng.below(3) {
        0 => match (at(doc, parent), last) {
            (Value::Object(m), Step::Key(k)) => {
                m.remove(k);
            }
            (Value::Array(xs), Step::Index(i)) => {
                xs.remove(*i);
            }
            _ => unreachable!("a step matches its container"),
        },
        1 => *at(doc, &steps) = rng.value(0),
        _ => {
            let empty = match at(doc, &steps) {
                Value::Array(_) => json!([]),
                Value::Object(_) => json!({}),
                Value::String(_) => json!(""),
                _ => Value::Null,
            };
            *at(doc, &steps) = empty;
        }
    }
    path
}

/// Run `f`, failing with the seed and input when it panics.
fn no_panic<T>(what: &str, seed: u64, input: &str, f: impl FnOnce() -> T) -> T {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(t) => t,
        Err(_) => {
            let shown: String = input.chars().take(2_000).collect();
            panic!("{what} panicked on case {seed}; input:\n{shown}")
        }
    }
}

/// The field an error names lies at or inside the changed place, or is a
/// field the change removed from an object a list item or object needs.
fn names_the_change(field: &str, changed: &str) -> bool {
    field == changed
        || field.starts_with(&format!("{changed}."))
        || field.starts_with(&format!("{changed}["))
        // A list item removed or replaced: the items after it may have
        // moved up one place, so the error names an item of that list.
        || changed
            .strip_suffix(']')
            .and_then(|s| s.rsplit_once('['))
            .is_some_and(|(list, _)| field.starts_with(&format!("{list}[")))
}

#[test]
fn one_change_anywhere_in_the_feed_is_read_or_named() {
    let demo: Value = serde_json::from_str(DEMO).unwrap();
    let mut refused = 0;
    for seed in 0..cases(3_000) {
        let mut rng = Rng::new(seed);
        let mut doc = demo.clone();
        let changed = mutate(&mut rng, &mut doc);
        let body = doc.to_string();
        match no_panic("parse_portal", seed, &body, || parse_portal(&body)) {
            Ok(_) => {}
            Err(ContractError::Field { field, detail }) => {
                refused += 1;
                assert!(!detail.is_empty(), "case {seed}: an empty explanation");
                assert!(
                    names_the_change(&field, &changed),
                    "case {seed}: changed `{changed}`, but the error names `{field}` ({detail})"
                );
            }
            Err(ContractError::UnsupportedVersion { .. }) => {
                assert_eq!(changed, "schema_version", "case {seed}");
            }
            Err(ContractError::NotJson { detail }) => {
                panic!("case {seed}: valid JSON called not JSON: {detail}")
            }
        }
    }
    // The generator reaches required fields, not only optional ones.
    assert!(refused > 100, "only {refused} refusals: the mutations miss");
}

#[test]
fn many_changes_never_panic_and_errors_name_a_field() {
    let demo: Value = serde_json::from_str(DEMO).unwrap();
    for seed in 0..cases(2_000) {
        let mut rng = Rng::new(seed ^ 0xFEED);
        let mut doc = demo.clone();
        for _ in 0..1 + rng.below(12) {
            mutate(&mut rng, &mut doc);
        }
        let body = doc.to_string();
        if let Err(ContractError::Field { field, .. }) =
            no_panic("parse_portal", seed, &body, || parse_portal(&body))
        {
            assert!(!field.is_empty(), "case {seed}: an error naming no field");
        }
    }
}

#[test]
fn damaged_text_is_never_a_panic() {
    let bytes = DEMO.as_bytes();
    for seed in 0..cases(2_000) {
        let mut rng = Rng::new(seed ^ 0xBAD);
        let mut b = bytes.to_vec();
        match rng.below(3) {
            // Cut short, as a dropped connection leaves it.
            0 => b.truncate(rng.below(b.len())),
            // A few bytes flipped.
            1 => {
                for _ in 0..1 + rng.below(8) {
                    let i = rng.below(b.len());
                    b[i] = rng.next() as u8;
                }
            }
            // Something else inserted: markup, a BOM, a second document.
            _ => {
                let i = rng.below(b.len());
                let extra = rng.text();
                b.splice(i..i, extra.bytes());
            }
        }
        let body = String::from_utf8_lossy(&b).into_owned();
        let r = no_panic("parse_portal", seed, &body, || parse_portal(&body));
        if let Err(ContractError::NotJson { detail }) = r {
            assert!(!detail.is_empty(), "case {seed}");
            // The agency reads this: no Rust type names in it.
            assert!(!detail.contains("serde"), "case {seed}: {detail}");
        }
    }
}

#[test]
fn answers_to_writes_never_panic() {
    // What the API answers to a decision, a comment and a concern.
    for seed in 0..cases(3_000) {
        let mut rng = Rng::new(seed ^ 0xA5);
        let body = rng.value(0).to_string();
        no_panic("answers", seed, &body, || {
            let _ = parse::<Approval>(&body);
            let _ = parse::<Comment>(&body);
            let _ = parse::<EscalationReceipt>(&body);
        });
    }
}

/// An outbox as the portal saves it: one write of each kind.
fn saved_outbox() -> Value {
    json!([
        {"key": "k-1", "made_at": NOW_MS - 5_000.0, "not_before": NOW_MS, "attempts": 0,
         "write": {"decision": {"approval_id": "apr-1",
            "body": {"decision": "approve", "version_id": "v2", "comment": "Lovely"}}}},
        {"key": "k-2", "made_at": NOW_MS - 4_000.0, "not_before": NOW_MS + 2_000.0, "attempts": 3,
         "write": {"comment": {"deliverable_id": "del-1", "body": {"body": "Can the logo be bigger?"}}}},
        {"key": "k-3", "made_at": NOW_MS - 3_000.0, "not_before": NOW_MS, "attempts": 1,
         "write": {"escalation": {"to_name": "Dana", "body": {"to": "c-2",
            "topic": "timeline", "urgency": "normal", "message": "We keep missing dates.",
            "anonymous": false}}}}
    ])
}

#[test]
fn a_damaged_outbox_keeps_every_write_that_still_reads() {
    let saved = saved_outbox();
    let whole = Outbox::from_json(&saved.to_string(), NOW_MS);
    assert_eq!(whole.items.len(), 3, "the sample outbox itself reads");
    for seed in 0..cases(3_000) {
        let mut rng = Rng::new(seed ^ 0x0B0);
        let mut doc = saved.clone();
        let changed = mutate(&mut rng, &mut doc);
        let text = doc.to_string();
        let o = no_panic("Outbox::from_json", seed, &text, || {
            Outbox::from_json(&text, NOW_MS)
        });
        // A change inside one write costs at most that write.
        if let Some(i) = changed
            .strip_prefix('[')
            .and_then(|s| s.split(']').next())
            .and_then(|i| i.parse::<usize>().ok())
        {
            let untouched = whole
                .items
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != i)
                .filter(|(_, p)| o.items.contains(p))
                .count();
            assert_eq!(
                untouched, 2,
                "case {seed}: changing `{changed}` lost another write"
            );
        }
        // Nothing read is held back beyond the longest wait, nor lost when
        // saved and read again.
        for p in &o.items {
            assert!(p.not_before <= NOW_MS + LONGEST_WAIT_MS, "case {seed}");
        }
        assert_same(&Outbox::from_json(&o.to_json(), NOW_MS), &o, seed);
    }
}

/// Saved and read again, an outbox holds the same writes at the same
/// times (a time no clock could give, like year 200,000 in milliseconds,
/// may come back a millisecond off: serde_json reads long decimals to the
/// nearest double but one).
fn assert_same(again: &Outbox, o: &Outbox, seed: u64) {
    assert_eq!(again.items.len(), o.items.len(), "case {seed}");
    let close = |a: f64, b: f64| a == b || (a - b).abs() <= b.abs() * 1e-15;
    for (a, b) in again.items.iter().zip(&o.items) {
        assert_eq!(
            (&a.key, &a.write, a.attempts),
            (&b.key, &b.write, b.attempts),
            "case {seed}"
        );
        assert!(
            close(a.made_at, b.made_at) && close(a.not_before, b.not_before),
            "case {seed}"
        );
    }
}

#[test]
fn any_stored_text_is_an_outbox_or_none() {
    for seed in 0..cases(3_000) {
        let mut rng = Rng::new(seed ^ 0x51);
        let text = if rng.chance(2) {
            rng.value(0).to_string()
        } else {
            rng.text()
        };
        let o = no_panic("Outbox::from_json", seed, &text, || {
            Outbox::from_json(&text, NOW_MS)
        });
        assert_same(&Outbox::from_json(&o.to_json(), NOW_MS), &o, seed);
    }
}

#[test]
fn stored_messages_read_back_as_saved_whatever_the_text() {
    for seed in 0..cases(3_000) {
        let mut rng = Rng::new(seed ^ 0x3E55);
        let text: String = (0..rng.below(6))
            .map(|_| {
                let fields: Vec<String> = (0..rng.below(7)).map(|_| rng.text()).collect();
                fields.join("\t")
            })
            .collect::<Vec<_>>()
            .join(if rng.chance(2) { "\n" } else { "\r\n" });
        let list = no_panic("decode", seed, &text, || decode(&text));
        // What was read is saved and read back the same.
        assert_eq!(decode(&encode(&list)), list, "case {seed}");
    }
}

#[test]
fn any_address_opens_a_page_and_any_search_link_opens_the_list() {
    let mut pages = 0;
    for seed in 0..cases(5_000) {
        let mut rng = Rng::new(seed ^ 0x4A54);
        let head = *rng.pick::<&str>(&[
            "",
            "deliverables",
            "deliverables/",
            "approvals/",
            "concern?about=",
            "wins",
            "deadlines?",
        ]);
        let fragment = format!("#/{head}{}", rng.text());
        let route = no_panic("Route::parse", seed, &fragment, || Route::parse(&fragment));
        // A page's own address leads back to it ("not found" has none).
        if route != Route::NotFound {
            pages += 1;
            assert_eq!(
                Route::parse(&route.href()),
                route,
                "case {seed}: {fragment}"
            );
        }

        let query: String = (0..rng.below(5))
            .map(|_| {
                let k = *rng.pick(&["q", "status", "scope", "sort", "page", "", "q="]);
                format!("{k}={}", rng.text())
            })
            .collect::<Vec<_>>()
            .join("&");
        let f = no_panic("Finder::from_query", seed, &query, || {
            Finder::from_query(&query)
        });
        let again = Finder::from_query(f.to_query().trim_start_matches('?'));
        let trimmed = Finder {
            q: f.q.trim().to_string(),
            ..f
        };
        assert_eq!(again, trimmed, "case {seed}: {query}");
    }
    assert!(pages > 1_000, "only {pages} addresses named a page");
}

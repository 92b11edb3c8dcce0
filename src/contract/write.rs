//! Writing JSON: the few bodies the portal sends (decisions, comments,
//! concerns) and what it keeps in the browser (the outbox, the demo's log).
//!
//! The types also derive serde's `Serialize`, which the reference server
//! uses for everything it writes; in the browser this writer takes its
//! place, so serde_json's serializer (and its float formatting) does not
//! ship in the wasm. A native test holds both to the same bytes (numbers
//! aside, which the browser writes in JavaScript's form: `1764000000000`
//! where serde_json writes `1764000000000.0`, the same number).

/// A value that writes itself as JSON.
pub trait ToJson {
    fn to_json(&self, out: &mut String);
}

/// `v` as JSON text.
pub fn to_string<T: ToJson + ?Sized>(v: &T) -> String {
    let mut out = String::new();
    v.to_json(&mut out);
    out
}

impl ToJson for str {
    /// Quoted, escaping what JSON requires and nothing more (as serde_json
    /// does): `"`, `\` and control characters.
    fn to_json(&self, out: &mut String) {
        out.push('"');
        for c in self.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                '\u{8}' => out.push_str("\\b"),
                '\u{c}' => out.push_str("\\f"),
                c if c < ' ' => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    out.push_str("\\u00");
                    out.push(HEX[c as usize >> 4] as char);
                    out.push(HEX[c as usize & 15] as char);
                }
                c => out.push(c),
            }
        }
        out.push('"');
    }
}

impl ToJson for String {
    fn to_json(&self, out: &mut String) {
        self.as_str().to_json(out)
    }
}

impl ToJson for bool {
    fn to_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" })
    }
}

impl ToJson for u32 {
    fn to_json(&self, out: &mut String) {
        out.push_str(&self.to_string())
    }
}

/// Times in milliseconds, the only numbers written: exactly, in the
/// platform's shortest form that reads back as the same number (in the
/// browser JavaScript's, `1764000000000`; natively Rust's,
/// `1764000000000.0`, as serde_json writes it). What is not a number at
/// all is written as 0: a time that cannot be read means "now".
impl ToJson for f64 {
    fn to_json(&self, out: &mut String) {
        match self.is_finite() {
            true => out.push_str(&shortest(*self)),
            false => out.push('0'),
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn shortest(x: f64) -> String {
    js_sys::JSON::stringify(&x.into()).map_or_else(|_| "0".into(), String::from)
}

#[cfg(not(target_arch = "wasm32"))]
fn shortest(x: f64) -> String {
    format!("{x:?}")
}

/// A day or a moment, as the contract writes it.
impl ToJson for crate::contract::Due {
    fn to_json(&self, out: &mut String) {
        self.to_wire().to_json(out)
    }
}

impl<T: ToJson> ToJson for [T] {
    fn to_json(&self, out: &mut String) {
        out.push('[');
        for (i, v) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            v.to_json(out);
        }
        out.push(']');
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self, out: &mut String) {
        self.as_slice().to_json(out)
    }
}

/// An object being written, field by field.
pub struct ObjWriter<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> ObjWriter<'a> {
    pub fn new(out: &'a mut String) -> Self {
        out.push('{');
        ObjWriter { out, first: true }
    }

    pub fn req<T: ToJson + ?Sized>(&mut self, key: &str, v: &T) -> &mut Self {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        key.to_json(self.out);
        self.out.push(':');
        v.to_json(self.out);
        self
    }

    /// A field left out when it is `None`.
    pub fn opt<T: ToJson>(&mut self, key: &str, v: &Option<T>) -> &mut Self {
        if let Some(v) = v {
            self.req(key, v);
        }
        self
    }

    /// A list left out when it is empty (serde's
    /// `skip_serializing_if = "Vec::is_empty"`; read back `or_default`).
    pub fn or_default<T: ToJson>(&mut self, key: &str, v: &Vec<T>) -> &mut Self {
        if !v.is_empty() {
            self.req(key, v);
        }
        self
    }

    pub fn end(&mut self) {
        self.out.push('}');
    }
}

/// `ToJson` for structs, field by field in declaration order: `req`
/// fields always, `opt` ones unless `None` and `or_default` lists unless
/// empty (as serde's `skip_serializing_if` leaves them out).
macro_rules! to_json {
    ($($name:ident { $($field:ident: $how:ident),* $(,)? })*) => {$(
        impl $crate::contract::write::ToJson for $name {
            fn to_json(&self, out: &mut String) {
                $crate::contract::write::ObjWriter::new(out)
                    $(.$how(stringify!($field), &self.$field))*
                    .end();
            }
        }
    )*};
}
pub(crate) use to_json;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::{
        CommentRequest, DecisionKind, DecisionRequest, EscalationRequest, Urgency,
    };
    use crate::domain::outbox::{Outbox, Pending, Write};

    /// Every character class JSON treats specially, and some it does not.
    const AWKWARD: &str =
        "\"quoted\" back\\slash\n\r\t\u{8}\u{c}\u{0}\u{1f}\u{7f} / é ก 漢 🙂 </script>";

    #[test]
    fn writes_what_serde_json_writes() {
        let writes = [
            Write::Decision {
                approval_id: AWKWARD.into(),
                body: DecisionRequest {
                    decision: DecisionKind::RequestChanges,
                    version_id: "v3".into(),
                    comment: Some(AWKWARD.into()),
                },
            },
            Write::Decision {
                approval_id: "a".into(),
                body: DecisionRequest {
                    decision: DecisionKind::Approve,
                    version_id: "".into(),
                    comment: None,
                },
            },
            Write::Comment {
                deliverable_id: "d".into(),
                body: CommentRequest {
                    body: AWKWARD.into(),
                    version_id: None,
                },
            },
            Write::Escalation {
                body: EscalationRequest {
                    to: "c-ana".into(),
                    anonymous: true,
                    topic: "t".into(),
                    urgency: Urgency::High,
                    message: AWKWARD.into(),
                    reply_to: Some("me@example.com".into()),
                },
                to_name: "Ana".into(),
                anonymous_key: Some("k".into()),
            },
            Write::Escalation {
                body: EscalationRequest {
                    to: "c-ana".into(),
                    anonymous: false,
                    topic: "".into(),
                    urgency: Urgency::Low,
                    message: "".into(),
                    reply_to: None,
                },
                to_name: "".into(),
                anonymous_key: None,
            },
            Write::Confirmation {
                meeting_id: AWKWARD.into(),
                body: crate::contract::agreed::ConfirmationRequest {
                    agreement_ids: vec!["ag-1".into(), AWKWARD.into()],
                    status: crate::contract::agreed::Confirmation::Disputed,
                    comment: Some(AWKWARD.into()),
                },
            },
            Write::Request {
                body: crate::contract::agreed::NewRequest {
                    title: AWKWARD.into(),
                    description: AWKWARD.into(),
                    wanted_by: crate::contract::Due::parse("2026-12-01"),
                    scope_item_id: Some(AWKWARD.into()),
                    links: vec!["https://example.com/a?b=c".into(), AWKWARD.into()],
                },
            },
            Write::Request {
                body: crate::contract::agreed::NewRequest {
                    title: "t".into(),
                    description: "d".into(),
                    wanted_by: None,
                    scope_item_id: None,
                    links: vec![],
                },
            },
            Write::Confirmation {
                meeting_id: "m".into(),
                body: crate::contract::agreed::ConfirmationRequest {
                    agreement_ids: vec![],
                    status: crate::contract::agreed::Confirmation::Confirmed,
                    comment: None,
                },
            },
        ];
        let items: Vec<Pending> = writes
            .into_iter()
            .enumerate()
            .map(|(i, write)| Pending {
                key: format!("key-{i}"),
                write,
                made_at: 1_764_000_000_000.0 + i as f64,
                not_before: 0.0,
                attempts: i as u32,
            })
            .collect();
        for p in &items {
            assert_eq!(to_string(p), serde_json::to_string(p).unwrap());
            if let Write::Decision { body, .. } = &p.write {
                assert_eq!(to_string(body), serde_json::to_string(body).unwrap());
            }
            if let Write::Confirmation { body, .. } = &p.write {
                assert_eq!(to_string(body), serde_json::to_string(body).unwrap());
            }
            if let Write::Request { body } = &p.write {
                assert_eq!(to_string(body), serde_json::to_string(body).unwrap());
            }
        }
        let outbox = Outbox { items };
        assert_eq!(
            outbox.to_json(),
            serde_json::to_string(&outbox.items).unwrap()
        );
        // And it reads back as it was.
        assert_eq!(Outbox::from_json(&outbox.to_json(), 0.0), outbox);
        assert_eq!(to_string(&Vec::<Pending>::new()), "[]");
    }

    #[test]
    fn times_read_back_as_they_were_saved() {
        assert_eq!(to_string(&-3.0), "-3.0");
        assert_eq!(to_string(&f64::NAN), "0");
        assert_eq!(to_string(&f64::INFINITY), "0");
        for x in [
            1.6,
            1_764_000_000_000.5,
            1e300,
            -2.5e-7,
            9_007_199_254_740_993.0,
            1e22,
        ] {
            let back: f64 = serde_json::from_str(&to_string(&x)).unwrap();
            assert_eq!(back, x, "{x}");
        }
    }
}

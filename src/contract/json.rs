//! Reading JSON into contract types, naming the field at fault.
//!
//! A body is parsed once into a `serde_json::Value`; each type then takes
//! what it needs from it with [`Obj`]. Derived deserializers would be
//! shorter to write but cost a generated visitor per type and per container
//! in the wasm (about a third of the app's code); this costs one small
//! function per type. Where a value is ([`Path`]) is kept as a chain of
//! borrowed steps and only written out when something is wrong.

use serde_json::{Map, Value};

use super::{ContractError, Due, Timestamp};

/// Where a value sits in the body: `deliverables[2].status`.
#[derive(Clone, Copy)]
pub enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    fn write(&self, out: &mut String) {
        match *self {
            Path::Root => {}
            Path::Key(parent, key) => {
                parent.write(out);
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Path::Index(parent, i) => {
                parent.write(out);
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }

    /// The error for the value here.
    pub fn error(&self, detail: impl Into<String>) -> ContractError {
        let mut field = String::new();
        self.write(&mut field);
        ContractError::Field {
            field,
            detail: detail.into(),
        }
    }

    /// "expected …, got …" for a value of the wrong kind.
    pub fn expected(&self, what: &str, got: &Value) -> ContractError {
        self.error(format!("expected {what}, got {}", shown(got)))
    }
}

/// A short picture of `v` for an error message: text (cut at 40
/// characters), a whole number, or what kind of value it is. Written
/// rather than serialized, which would bring serde_json's writer and
/// float formatting into the wasm for error messages alone.
fn shown(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.as_i64().map_or("a number".into(), |i| i.to_string()),
        Value::String(s) => {
            let mut shown = format!("\"{s}\"");
            if shown.len() > 40 {
                let cut = (0..=40).rev().find(|&i| shown.is_char_boundary(i));
                shown.truncate(cut.unwrap_or(0));
                shown.push('…');
            }
            shown
        }
        Value::Array(a) if a.is_empty() => "[]".into(),
        Value::Array(_) => "[…]".into(),
        Value::Object(o) if o.is_empty() => "{}".into(),
        Value::Object(_) => "{…}".into(),
    }
}

pub type Res<T> = Result<T, ContractError>;

/// A type that can be read from a JSON value of the contract.
pub trait FromJson: Sized {
    fn from_json(v: &Value, at: Path) -> Res<Self>;
}

/// An object being read, field by field.
pub struct Obj<'a> {
    map: &'a Map<String, Value>,
    at: Path<'a>,
}

impl<'a> Obj<'a> {
    pub fn new(v: &'a Value, at: Path<'a>) -> Res<Obj<'a>> {
        match v {
            Value::Object(map) => Ok(Obj { map, at }),
            other => Err(at.expected("an object", other)),
        }
    }

    /// The value of `key`, unless it is absent or `null`.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// A field the contract requires.
    #[inline(never)]
    pub fn req<T: FromJson>(&self, key: &str) -> Res<T> {
        let at = Path::Key(&self.at, key);
        match self.get(key) {
            Some(v) => T::from_json(v, at),
            None => Err(missing(at, key)),
        }
    }

    /// An optional list (or other value with an empty form).
    pub fn or_default<T: FromJson + Default>(&self, key: &str) -> Res<T> {
        Ok(self.opt(key)?.unwrap_or_default())
    }

    /// An optional field: absent and `null` are both "not given".
    #[inline(never)]
    pub fn opt<T: FromJson>(&self, key: &str) -> Res<Option<T>> {
        self.get(key)
            .map(|v| T::from_json(v, Path::Key(&self.at, key)))
            .transpose()
    }
}

/// Out of line: one copy, rather than one in every `req` of every type.
#[inline(never)]
fn missing(at: Path, key: &str) -> ContractError {
    at.error(format!("missing field `{key}`"))
}

/// How a struct is read: each field `req`uired, `opt`ional or
/// `or_default`, as the contract says (the compiler checks none is left
/// out). `from_json! { Client { name: req, logo_url: opt } }`
macro_rules! from_json {
    ($($name:ident { $($field:ident: $how:ident),* $(,)? })*) => {$(
        impl $crate::contract::json::FromJson for $name {
            #[inline(never)]
            fn from_json(
                v: &serde_json::Value,
                at: $crate::contract::json::Path,
            ) -> $crate::contract::json::Res<Self> {
                let o = $crate::contract::json::Obj::new(v, at)?;
                Ok($name { $($field: o.$how(stringify!($field))?,)* })
            }
        }
    )*};
}
pub(crate) use from_json;

/// Parse a body and read it as `T`.
pub fn read<T: FromJson>(body: &str) -> Res<T> {
    T::from_json(&value(body)?, Path::Root)
}

/// Parse a body into a JSON value.
pub fn value(body: &str) -> Res<Value> {
    parse(body).map_err(|detail| ContractError::NotJson { detail })
}

#[cfg(not(target_arch = "wasm32"))]
fn parse(body: &str) -> Result<Value, String> {
    serde_json::from_str(body).map_err(|e| {
        // serde_json adds where it went wrong ("at line 1 column 70");
        // agencies need to know what is wrong, not the column of a
        // minified body.
        let mut msg = e.to_string();
        if let Some(i) = msg.rfind(" at line ") {
            msg.truncate(i);
        }
        msg
    })
}

/// In the browser its own `JSON.parse` reads the body, so serde_json's
/// parser (and the float parsing under it) does not ship in the wasm; the
/// result becomes the same `Value` the native build reads.
#[cfg(target_arch = "wasm32")]
fn parse(body: &str) -> Result<Value, String> {
    use wasm_bindgen::JsCast;
    js_sys::JSON::parse(body)
        .map(|v| from_js(&v, 0))
        .map_err(|e| {
            e.dyn_ref::<js_sys::Error>()
                .map_or_else(String::new, |e| e.message().into())
        })
}

/// What `JSON.parse` gave, as a `Value`: only strings, numbers, booleans,
/// null, arrays and plain objects can come out of it. Below serde_json's
/// depth limit (128) everything is `null`, so a hostile body cannot exhaust
/// the wasm's stack: the reader then names the field it did not find.
#[cfg(target_arch = "wasm32")]
fn from_js(v: &wasm_bindgen::JsValue, depth: u8) -> Value {
    use js_sys::{Array, Object};
    use wasm_bindgen::JsCast;
    if depth > 128 {
        Value::Null
    } else if let Some(s) = v.as_string() {
        Value::String(s)
    } else if let Some(n) = v.as_f64() {
        number(n)
    } else if let Some(b) = v.as_bool() {
        Value::Bool(b)
    } else if v.is_null() {
        Value::Null
    } else if Array::is_array(v) {
        Value::Array(
            v.unchecked_ref::<Array>()
                .iter()
                .map(|x| from_js(&x, depth + 1))
                .collect(),
        )
    } else {
        let mut map = Map::new();
        for pair in Object::entries(v.unchecked_ref()).iter() {
            let pair: Array = pair.unchecked_into();
            map.insert(
                pair.get(0).as_string().unwrap_or_default(),
                from_js(&pair.get(1), depth + 1),
            );
        }
        Value::Object(map)
    }
}

/// A JavaScript number as JSON's: whole numbers as integers (what the
/// native parser makes of `3`), the rest as floats.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        if n >= 0.0 {
            Value::from(n as u64)
        } else {
            Value::from(n as i64)
        }
    } else {
        serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)
    }
}

impl FromJson for String {
    fn from_json(v: &Value, at: Path) -> Res<Self> {
        match v {
            Value::String(s) => Ok(s.clone()),
            other => Err(at.expected("text", other)),
        }
    }
}

impl FromJson for bool {
    fn from_json(v: &Value, at: Path) -> Res<Self> {
        v.as_bool().ok_or_else(|| at.expected("true or false", v))
    }
}

impl FromJson for f64 {
    fn from_json(v: &Value, at: Path) -> Res<Self> {
        v.as_f64().ok_or_else(|| at.expected("a number", v))
    }
}

impl FromJson for u32 {
    fn from_json(v: &Value, at: Path) -> Res<Self> {
        v.as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| at.expected("a whole number", v))
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(v: &Value, at: Path) -> Res<Self> {
        match v {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| T::from_json(item, Path::Index(&at, i)))
                .collect(),
            other => Err(at.expected("a list", other)),
        }
    }
}

impl FromJson for Timestamp {
    fn from_json(v: &Value, at: Path) -> Res<Self> {
        let s = String::from_json(v, at)?;
        super::parse_moment(s.trim()).ok_or_else(|| at.expected("a date and time (RFC 3339)", v))
    }
}

impl FromJson for Due {
    fn from_json(v: &Value, at: Path) -> Res<Self> {
        let s = String::from_json(v, at)?;
        Due::parse(&s)
            .ok_or_else(|| at.expected("a date (YYYY-MM-DD) or a date and time (RFC 3339)", v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Item {
        name: String,
        tags: Vec<String>,
        size: Option<u32>,
    }

    from_json! { Item { name: req, tags: req, size: opt } }

    fn field(r: Res<Vec<Item>>) -> (String, String) {
        match r {
            Err(ContractError::Field { field, detail }) => (field, detail),
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    #[test]
    fn reads_nested_values_and_treats_null_as_absent() {
        let items: Vec<Item> = read(
            r#"[{"name":"a","tags":["x"],"size":null,"extra":1},{"name":"b","tags":[],"size":3}]"#,
        )
        .unwrap();
        assert_eq!(items[0].size, None);
        assert_eq!(items[1].size, Some(3));
        assert_eq!(items[0].tags, ["x"]);
    }

    #[test]
    fn names_the_path_of_a_missing_or_wrong_value() {
        let (f, d) = field(read(r#"[{"name":"a","tags":[]},{"tags":[]}]"#));
        assert_eq!(
            (f.as_str(), d.as_str()),
            ("[1].name", "missing field `name`")
        );
        let (f, d) = field(read(r#"[{"name":"a","tags":["x", 7]}]"#));
        assert_eq!(
            (f.as_str(), d.as_str()),
            ("[0].tags[1]", "expected text, got 7")
        );
        let (f, _) = field(read(r#"[{"name":"a","tags":[],"size":-1}]"#));
        assert_eq!(f, "[0].size");
        let (f, d) = field(read(r#"[{"name":null,"tags":[]}]"#));
        assert_eq!(
            (f.as_str(), d.as_str()),
            ("[0].name", "missing field `name`")
        );
        let long = format!(r#"[{{"name":"{}","tags":{{}}}}]"#, "é".repeat(50));
        let (_, d) = field(read(&long));
        assert_eq!(d, "expected a list, got {}");
        let (f, d) = field(read(&format!(
            r#"[{{"name":"a","tags":"{}"}}]"#,
            "ก".repeat(60)
        )));
        assert_eq!(f, "[0].tags");
        assert!(d.ends_with('…') && d.chars().count() < 70, "{d}");
        let (f, d) = field(read(r#"[{"name":["a"],"tags":[]}]"#));
        assert_eq!(
            (f.as_str(), d.as_str()),
            ("[0].name", "expected text, got […]")
        );
        let (_, d) = field(read(r#"[{"name":2.5,"tags":[]}]"#));
        assert_eq!(d, "expected text, got a number");
    }

    #[test]
    fn numbers_from_the_browsers_parser_read_as_the_native_ones() {
        // JSON.parse gives every number as an f64.
        for text in ["3", "0", "-3", "4294967295", "2.5", "-0.25"] {
            let native: Value = serde_json::from_str(text).unwrap();
            assert_eq!(number(native.as_f64().unwrap()), native, "{text}");
        }
        assert_eq!(u32::from_json(&number(7.0), Path::Root).ok(), Some(7));
        assert!(u32::from_json(&number(7.5), Path::Root).is_err());
    }

    #[test]
    fn what_is_not_json_says_so() {
        match read::<Vec<Item>>("<html>Bad gateway</html>") {
            Err(ContractError::NotJson { detail }) => {
                assert!(!detail.contains("line"), "{detail}")
            }
            other => panic!("{other:?}"),
        }
    }
}

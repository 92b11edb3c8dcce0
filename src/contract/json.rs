//! Reading JSON into contract types, naming the field at fault.
//!
//! A body is parsed once into a [`Json`] value; each type then takes what
//! it needs from it with [`Obj`]. Derived deserializers would be
//! shorter to write but cost a generated visitor per type and per container
//! in the wasm (about a third of the app's code); this costs one small
//! function per type. Where a value is ([`Path`]) is kept as a chain of
//! borrowed steps and only written out when something is wrong.

use super::{ContractError, Due, Timestamp};

/// A parsed JSON value. Our own rather than `serde_json::Value`: in the
/// browser `JSON.parse` reads the body, numbers are JavaScript's (`f64`),
/// and an object's few fields are a list searched in order rather than a
/// B-tree map, whose code cost the wasm more than the lookups save.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

impl Json {
    /// The value of `key` in an object (`None` for anything else).
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// A whole number from 0 to `u32::MAX`.
    pub fn as_u32(&self) -> Option<u32> {
        match *self {
            Json::Num(n) if n.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(&n) => {
                Some(n as u32)
            }
            _ => None,
        }
    }
}

/// What a native parse gives (the reference server reads bodies with
/// serde_json), as the same value the browser's parse gives.
#[cfg(not(target_arch = "wasm32"))]
impl From<&serde_json::Value> for Json {
    fn from(v: &serde_json::Value) -> Json {
        use serde_json::Value;
        match v {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => n.as_f64().map_or(Json::Null, Json::Num),
            Value::String(s) => Json::Str(s.clone()),
            Value::Array(a) => Json::Arr(a.iter().map(Json::from).collect()),
            Value::Object(o) => Json::Obj(o.iter().map(|(k, v)| (k.clone(), v.into())).collect()),
        }
    }
}

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
    pub fn expected(&self, what: &str, got: &Json) -> ContractError {
        self.error(format!("expected {what}, got {}", shown(got)))
    }
}

/// A short picture of `v` for an error message: text (cut at 40
/// characters), a whole number, or what kind of value it is. Written
/// rather than serialized, which would bring serde_json's writer and
/// float formatting into the wasm for error messages alone.
fn shown(v: &Json) -> String {
    match *v {
        Json::Null => "null".into(),
        Json::Bool(b) => b.to_string(),
        Json::Num(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => (n as i64).to_string(),
        Json::Num(_) => "a number".into(),
        Json::Str(ref s) => {
            let mut shown = format!("\"{s}\"");
            if shown.len() > 40 {
                let cut = (0..=40).rev().find(|&i| shown.is_char_boundary(i));
                shown.truncate(cut.unwrap_or(0));
                shown.push('…');
            }
            shown
        }
        Json::Arr(ref a) if a.is_empty() => "[]".into(),
        Json::Arr(_) => "[…]".into(),
        Json::Obj(ref o) if o.is_empty() => "{}".into(),
        Json::Obj(_) => "{…}".into(),
    }
}

pub type Res<T> = Result<T, ContractError>;

/// A type that can be read from a JSON value of the contract.
pub trait FromJson: Sized {
    fn from_json(v: &Json, at: Path) -> Res<Self>;
}

/// A JSON object, checked to be one, whose fields are looked up by name.
pub struct Obj<'a> {
    map: &'a Json,
    at: Path<'a>,
}

impl<'a> Obj<'a> {
    pub fn new(v: &'a Json, at: Path<'a>) -> Res<Obj<'a>> {
        match v {
            Json::Obj(_) => Ok(Obj { map: v, at }),
            other => Err(at.expected("an object", other)),
        }
    }

    /// The value of `key`, unless it is absent or `null`.
    pub fn get(&self, key: &str) -> Option<&'a Json> {
        self.map.get(key).filter(|v| **v != Json::Null)
    }
}

/// A struct being read by [`from_json!`]: every field is read in turn and
/// the first problem is kept, to be returned once all are read. With no
/// early return after each field there is no code, per field and per
/// struct, to drop the fields read before it; a field at fault reads as its
/// `Default` meanwhile, and the struct is then dropped whole.
pub struct Fields<'a> {
    obj: Obj<'a>,
    first: core::cell::Cell<Option<ContractError>>,
}

impl<'a> Fields<'a> {
    pub fn new(v: &'a Json, at: Path<'a>) -> Res<Fields<'a>> {
        Ok(Fields {
            obj: Obj::new(v, at)?,
            first: Default::default(),
        })
    }

    #[inline(never)]
    fn fail(&self, e: ContractError) {
        let first = self.first.take();
        self.first.set(Some(first.unwrap_or(e)));
    }

    /// The value of a required field, or `None` with its absence noted.
    #[inline(never)]
    fn required(&self, key: &str) -> Option<&'a Json> {
        let v = self.obj.get(key);
        if v.is_none() {
            self.fail(missing(Path::Key(&self.obj.at, key), key));
        }
        v
    }

    /// A field the contract requires.
    #[inline(never)]
    pub fn req<T: FromJson + Default>(&self, key: &str) -> T {
        match self
            .required(key)
            .map(|v| T::from_json(v, Path::Key(&self.obj.at, key)))
        {
            Some(Ok(v)) => v,
            Some(Err(e)) => {
                self.fail(e);
                T::default()
            }
            None => T::default(),
        }
    }

    /// An optional field: absent and `null` are both "not given".
    #[inline(never)]
    pub fn opt<T: FromJson>(&self, key: &str) -> Option<T> {
        let v = self.obj.get(key)?;
        match T::from_json(v, Path::Key(&self.obj.at, key)) {
            Ok(v) => Some(v),
            Err(e) => {
                self.fail(e);
                None
            }
        }
    }

    /// An optional list (or other value with an empty form).
    pub fn or_default<T: FromJson + Default>(&self, key: &str) -> T {
        self.opt(key).unwrap_or_default()
    }

    /// `read` if every field was read, else the first problem.
    pub fn done<T>(self, read: T) -> Res<T> {
        match self.first.into_inner() {
            None => Ok(read),
            Some(e) => Err(e),
        }
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
                v: &$crate::contract::json::Json,
                at: $crate::contract::json::Path,
            ) -> $crate::contract::json::Res<Self> {
                let o = $crate::contract::json::Fields::new(v, at)?;
                let read = $name { $($field: o.$how(stringify!($field)),)* };
                o.done(read)
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
pub fn value(body: &str) -> Res<Json> {
    parse(body).map_err(|detail| ContractError::NotJson { detail })
}

#[cfg(not(target_arch = "wasm32"))]
fn parse(body: &str) -> Result<Json, String> {
    serde_json::from_str::<serde_json::Value>(body)
        .map(|v| Json::from(&v))
        .map_err(|e| {
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
/// result becomes the same [`Json`] the native build reads.
#[cfg(target_arch = "wasm32")]
fn parse(body: &str) -> Result<Json, String> {
    use wasm_bindgen::JsCast;
    js_sys::JSON::parse(body)
        .map(|v| from_js(&v, 0))
        .map_err(|e| {
            e.dyn_ref::<js_sys::Error>()
                .map_or_else(String::new, |e| e.message().into())
        })
}

/// What `JSON.parse` gave, as [`Json`]: only strings, numbers, booleans,
/// null, arrays and plain objects can come out of it. Below serde_json's
/// depth limit (128) everything is `null`, so a hostile body cannot exhaust
/// the wasm's stack: the reader then names the field it did not find.
#[cfg(target_arch = "wasm32")]
fn from_js(v: &wasm_bindgen::JsValue, depth: u8) -> Json {
    use js_sys::{Array, Object};
    use wasm_bindgen::JsCast;
    if depth > 128 {
        Json::Null
    } else if let Some(s) = v.as_string() {
        Json::Str(s)
    } else if let Some(n) = v.as_f64() {
        Json::Num(n)
    } else if let Some(b) = v.as_bool() {
        Json::Bool(b)
    } else if v.is_null() {
        Json::Null
    } else if Array::is_array(v) {
        Json::Arr(
            v.unchecked_ref::<Array>()
                .iter()
                .map(|x| from_js(&x, depth + 1))
                .collect(),
        )
    } else {
        Json::Obj(
            Object::entries(v.unchecked_ref())
                .iter()
                .map(|pair| {
                    let pair: Array = pair.unchecked_into();
                    (
                        pair.get(0).as_string().unwrap_or_default(),
                        from_js(&pair.get(1), depth + 1),
                    )
                })
                .collect(),
        )
    }
}

impl FromJson for String {
    fn from_json(v: &Json, at: Path) -> Res<Self> {
        match v {
            Json::Str(s) => Ok(s.clone()),
            other => Err(at.expected("text", other)),
        }
    }
}

impl FromJson for bool {
    fn from_json(v: &Json, at: Path) -> Res<Self> {
        match *v {
            Json::Bool(b) => Ok(b),
            _ => Err(at.expected("true or false", v)),
        }
    }
}

impl FromJson for f64 {
    fn from_json(v: &Json, at: Path) -> Res<Self> {
        match *v {
            Json::Num(n) => Ok(n),
            _ => Err(at.expected("a number", v)),
        }
    }
}

impl FromJson for u32 {
    fn from_json(v: &Json, at: Path) -> Res<Self> {
        v.as_u32().ok_or_else(|| at.expected("a whole number", v))
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    #[inline(never)]
    fn from_json(v: &Json, at: Path) -> Res<Self> {
        let items = list(v, at)?;
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            out.push(T::from_json(item, Path::Index(&at, i))?);
        }
        Ok(out)
    }
}

/// The items of a list (out of line: one copy for every `Vec<T>`).
#[inline(never)]
fn list<'a>(v: &'a Json, at: Path) -> Res<&'a [Json]> {
    match v {
        Json::Arr(items) => Ok(items),
        other => Err(at.expected("a list", other)),
    }
}

impl FromJson for Timestamp {
    fn from_json(v: &Json, at: Path) -> Res<Self> {
        let s = String::from_json(v, at)?;
        super::parse_moment(s.trim()).ok_or_else(|| at.expected("a date and time (RFC 3339)", v))
    }
}

impl FromJson for Due {
    fn from_json(v: &Json, at: Path) -> Res<Self> {
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
    fn numbers_read_as_javascript_numbers() {
        // JSON.parse gives every number as an f64; the native parse too.
        for (text, n) in [
            ("3", 3.0),
            ("-3", -3.0),
            ("4294967295", 4294967295.0),
            ("2.5", 2.5),
            ("1e2", 100.0),
        ] {
            assert_eq!(value(text).unwrap(), Json::Num(n), "{text}");
        }
        assert_eq!(u32::from_json(&Json::Num(7.0), Path::Root).ok(), Some(7));
        for n in [7.5, -1.0, 4294967296.0, f64::NAN] {
            assert!(u32::from_json(&Json::Num(n), Path::Root).is_err(), "{n}");
        }
        assert!(f64::from_json(&Json::Str("1".into()), Path::Root).is_err());
    }

    #[test]
    fn objects_keep_their_fields_and_find_them_by_name() {
        let v = value(r#"{"b":1,"a":{"c":[true,null,"x"]}}"#).unwrap();
        assert_eq!(v.get("b"), Some(&Json::Num(1.0)));
        assert_eq!(
            v.get("a").and_then(|a| a.get("c")),
            Some(&Json::Arr(vec![
                Json::Bool(true),
                Json::Null,
                Json::Str("x".into())
            ]))
        );
        assert_eq!(v.get("z"), None);
        assert_eq!(Json::Num(1.0).get("b"), None);
    }

    #[test]
    fn the_first_field_at_fault_is_named_though_every_field_is_read() {
        // Both `name` and `tags` are wrong: the first, in the contract's
        // order, is the one named.
        let (f, d) = field(read(r#"[{"tags":5,"size":"x"}]"#));
        assert_eq!(
            (f.as_str(), d.as_str()),
            ("[0].name", "missing field `name`")
        );
        let (f, _) = field(read(r#"[{"name":"a","tags":[1],"size":"x"}]"#));
        assert_eq!(f, "[0].tags[0]");
        let (f, _) = field(read(r#"[{"name":"a","tags":[],"size":"x"}]"#));
        assert_eq!(f, "[0].size");
        // And a later item's fault after a good one.
        let (f, _) = field(read(
            r#"[{"name":"a","tags":[]},{"name":"b","tags":[],"size":1.5}]"#,
        ));
        assert_eq!(f, "[1].size");
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

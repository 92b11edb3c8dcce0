//! Compiles the interface texts in `i18n/*.txt` into typed Rust.
//!
//! `i18n/en.txt` is the source of every key and of each message's values;
//! every other language must give exactly the same keys, and each of its
//! messages must use the same named values. Anything else stops the build
//! with the file, line and key, so a missing or misspelt translation can
//! never reach a client. The output (`$OUT_DIR/strings.rs`) is a `Strings`
//! struct with one field per key, one static per language, and a typed
//! method per message that takes values. Templates are stored with each
//! `{value}` replaced by a control character (`\u{1}` for the first value,
//! and so on), so filling one in at run time is a single pass.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// (file stem, static name) of every language, English first.
const LANGUAGES: &[(&str, &str)] = &[
    ("en", "EN"),
    ("th", "TH"),
    ("zh-Hans", "ZH_HANS"),
    ("zh-Hant", "ZH_HANT"),
    ("ko", "KO"),
];

const FORMS: [&str; 3] = ["0", "one", "other"];

/// One message's signature, from English.
struct Signature {
    /// (name, is a number)
    params: Vec<(String, bool)>,
    plural: bool,
}

/// A language file: key → form → (text, line).
type Messages = BTreeMap<String, BTreeMap<String, (String, usize)>>;

fn fail(file: &str, line: usize, why: String) -> ! {
    panic!("\n\ni18n/{file}.txt line {line}: {why}\n\n");
}

/// Parse a file. For English, also collect each key's signature and order.
fn parse(file: &str, text: &str, mut sigs: Option<&mut Vec<(String, Signature)>>) -> Messages {
    let mut out = Messages::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let raw = raw.trim();
        if raw.is_empty() || raw.starts_with('#') {
            continue;
        }
        let Some((lhs, value)) = raw
            .split_once(" = ")
            .or_else(|| raw.strip_suffix(" =").map(|l| (l, "")))
        else {
            fail(file, line, "expected `key = text`".into());
        };
        let (lhs, form) = match lhs.split_once('[') {
            Some((l, f)) => (
                l,
                f.strip_suffix(']')
                    .unwrap_or_else(|| fail(file, line, "unclosed `[`".into())),
            ),
            None => (lhs, "other"),
        };
        if !FORMS.contains(&form) {
            fail(
                file,
                line,
                format!("unknown form `[{form}]` (use [0], [one] or [other])"),
            );
        }
        let (key, params) = match lhs.split_once('(') {
            Some((k, p)) => (
                k.trim(),
                Some(
                    p.strip_suffix(')')
                        .unwrap_or_else(|| fail(file, line, "unclosed `(`".into())),
                ),
            ),
            None => (lhs.trim(), None),
        };
        if key.is_empty()
            || !key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            fail(
                file,
                line,
                format!("`{key}` is not a key (lower case, digits and _)"),
            );
        }
        if let Some(sigs) = sigs.as_deref_mut() {
            let params: Vec<(String, bool)> = params
                .unwrap_or("")
                .split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(|p| match p.strip_prefix('#') {
                    Some(n) => (n.to_string(), true),
                    None => (p.to_string(), false),
                })
                .collect();
            match sigs.iter_mut().find(|(k, _)| k == key) {
                Some((_, s)) => {
                    if s.params != params {
                        fail(
                            file,
                            line,
                            format!("`{key}` names different values than before"),
                        );
                    }
                    s.plural = true;
                }
                None => {
                    let plural = form != "other";
                    if plural && !params.iter().any(|p| p.1) {
                        fail(
                            file,
                            line,
                            format!("`{key}` has count forms but no #number value"),
                        );
                    }
                    sigs.push((key.to_string(), Signature { params, plural }));
                }
            }
        } else if params.is_some() {
            fail(
                file,
                line,
                format!("`{key}`: only en.txt names the values; write `{key} = …`"),
            );
        }
        let forms = out.entry(key.to_string()).or_default();
        if forms
            .insert(form.to_string(), (value.to_string(), line))
            .is_some()
        {
            fail(file, line, format!("`{key}` [{form}] is given twice"));
        }
    }
    out
}

/// Replace `{name}` by the value's position, checking every name.
fn template(file: &str, line: usize, key: &str, text: &str, sig: &Signature) -> String {
    let mut out = String::new();
    let mut used = vec![false; sig.params.len()];
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            fail(file, line, format!("`{key}`: `{{` without `}}`"));
        };
        let name = &rest[open + 1..open + close];
        let Some(i) = sig.params.iter().position(|(p, _)| p == name) else {
            fail(
                file,
                line,
                format!("`{key}` has no value called {{{name}}}"),
            );
        };
        used[i] = true;
        out.push(char::from(i as u8 + 1));
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    // Numbers may be left out ("1 hour" spells its count); names may not.
    for ((name, number), used) in sig.params.iter().zip(used) {
        if !used && !number {
            fail(file, line, format!("`{key}` must use {{{name}}}"));
        }
    }
    out
}

/// `cfg(split)`: this is the release build of the wasm, whose pages
/// `scripts/release-wasm.sh` splits into files fetched when first needed
/// (`views::pages`). Debug builds and native tests stay one module.
fn split_cfg() {
    println!("cargo:rustc-check-cfg=cfg(split)");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32");
    let release = std::env::var("PROFILE").as_deref() == Ok("release");
    if wasm && release {
        println!("cargo:rustc-cfg=split");
    }
}

fn main() {
    split_cfg();
    println!("cargo:rerun-if-changed=i18n");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("i18n");
    let read = |stem: &str| {
        std::fs::read_to_string(dir.join(format!("{stem}.txt")))
            .unwrap_or_else(|e| panic!("i18n/{stem}.txt: {e}"))
    };
    let mut sigs = Vec::new();
    let english = parse("en", &read("en"), Some(&mut sigs));

    let mut code = String::from("#[cfg_attr(test, derive(Debug, PartialEq))]\n// In declared order, so `from_pack` is one straight copy.\n#[repr(C)]\npub struct Strings {\n    /// BCP 47 tag handed to the browser's `Intl`.\n    pub tag: &'static str,\n");
    for (key, sig) in &sigs {
        let vis = if sig.params.is_empty() { "pub " } else { "" };
        let ty = if sig.plural {
            "[&'static str; 3]"
        } else {
            "&'static str"
        };
        let _ = writeln!(code, "    {vis}{key}: {ty},");
    }
    code.push_str("}\n\nimpl Strings {\n");
    for (key, sig) in sigs.iter().filter(|(_, s)| !s.params.is_empty()) {
        let params: Vec<String> = sig
            .params
            .iter()
            .map(|(p, n)| format!("{p}: {}", if *n { "impl Number" } else { "&str" }))
            .collect();
        let mut body = String::new();
        for (p, n) in &sig.params {
            if *n {
                let _ = write!(body, "let {p} = {p}.value(); let {p}_ = {p}.to_string(); ");
            }
        }
        let args: Vec<String> = sig
            .params
            .iter()
            .map(|(p, n)| if *n { format!("&{p}_") } else { p.clone() })
            .collect();
        let tpl = if sig.plural {
            let count = &sig.params.iter().find(|p| p.1).expect("checked").0;
            format!("pick(&self.{key}, {count})")
        } else {
            format!("self.{key}")
        };
        let _ = writeln!(
            code,
            "    pub fn {key}(&self, {}) -> String {{ {body}fill({tpl}, &[{}]) }}",
            params.join(", "),
            args.join(", ")
        );
    }
    code.push_str("}\n");

    // The language packs: every text of a language but English, in the
    // order of en.txt's keys, one per line (a counted message gives its
    // [0], [one] and [other] lines). English is compiled in; the others
    // are fetched when chosen (`Strings::from_pack`), and compiled in only
    // for native builds, so the tests can compare each pack with its source.
    let header = pack_header(&sigs);
    let _ = writeln!(
        code,
        "\n/// First line of every language pack: a pack from another build is refused.\npub const PACK_HEADER: &str = {header:?};"
    );
    let mut names = Vec::new();
    let mut packs = Vec::new();
    for (stem, name) in LANGUAGES {
        let messages = if *stem == "en" {
            english.clone()
        } else {
            parse(stem, &read(stem), None)
        };
        for (key, forms) in &messages {
            if !sigs.iter().any(|(k, _)| k == key) {
                let line = forms.values().next().map_or(0, |v| v.1);
                fail(
                    stem,
                    line,
                    format!("`{key}` is not a key in en.txt (misspelt, or left over?)"),
                );
            }
        }
        let mut texts: Vec<String> = Vec::new();
        for (key, sig) in &sigs {
            let Some(forms) = messages.get(key) else {
                fail(
                    stem,
                    0,
                    format!("`{key}` is missing (every key of en.txt must be translated)"),
                );
            };
            let Some((_, other_line)) = forms.get("other") else {
                fail(stem, 0, format!("`{key}` needs its [other] form"));
            };
            if !sig.plural && forms.len() > 1 {
                fail(
                    stem,
                    *other_line,
                    format!("`{key}` takes no count, so it has one form only"),
                );
            }
            let text = |form: &str| {
                forms
                    .get(form)
                    .map(|(t, l)| template(stem, *l, key, t, sig))
                    .unwrap_or_default()
            };
            if sig.plural {
                texts.extend(["0", "one", "other"].map(text));
            } else {
                texts.push(text("other"));
            }
        }
        let name_of = |m: &Messages| {
            m.get("language_name")
                .and_then(|f| f.get("other"))
                .map(|t| t.0.clone())
        };
        names.push(
            name_of(&messages)
                .unwrap_or_else(|| fail(stem, 0, "`language_name` is missing".into())),
        );
        let cfg = if *stem == "en" {
            ""
        } else {
            "#[cfg(not(target_arch = \"wasm32\"))]\n"
        };
        let _ = writeln!(
            code,
            "\n{cfg}pub static {name}: Strings = Strings {{\n    tag: {stem:?},"
        );
        let mut it = texts.iter();
        for (key, sig) in &sigs {
            if sig.plural {
                let f: Vec<_> = it.by_ref().take(3).collect();
                let _ = writeln!(code, "    {key}: [{:?}, {:?}, {:?}],", f[0], f[1], f[2]);
            } else {
                let _ = writeln!(
                    code,
                    "    {key}: {:?},",
                    it.next().expect("one text per key")
                );
            }
        }
        code.push_str("};\n");
        if *stem != "en" {
            packs.push((*stem, format!("{header}\n{stem}\n{}\n", texts.join("\n"))));
        }
    }
    let _ = writeln!(
        code,
        "\n/// Each language's tag and its name in itself, in `Locale::ALL` order.\npub const LANGUAGES: [(&str, &str); {}] = [{}];",
        LANGUAGES.len(),
        LANGUAGES
            .iter()
            .zip(&names)
            .map(|((stem, _), name)| format!("({stem:?}, {name:?})"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    code.push_str(&from_pack(&sigs));
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out_dir);
    std::fs::write(out.join("strings.rs"), code).expect("OUT_DIR is writable");
    // The packs go beside the build's other output, where the release
    // build and `trunk serve` copy them to `i18n/` (scripts/i18n-packs.sh):
    // <target>/<triple>/<profile>/i18n/<tag>.txt. OUT_DIR is
    // <target>/<triple>/<profile>/build/<package>-<hash>/out.
    let profile_dir = out
        .ancestors()
        .nth(3)
        .expect("OUT_DIR is inside the target folder");
    for dir in [out.join("i18n"), profile_dir.join("i18n")] {
        std::fs::create_dir_all(&dir).expect("the target folder is writable");
        for (stem, pack) in &packs {
            std::fs::write(dir.join(format!("{stem}.txt")), pack)
                .expect("the target folder is writable");
        }
    }
    std::fs::write(out.join("srgb.rs"), srgb_table()).expect("OUT_DIR is writable");
    println!("cargo:rerun-if-changed=style/portal.css");
    let css =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("style/portal.css"))
            .expect("style/portal.css");
    std::fs::write(out.join("portal.min.css"), minify_css(&css)).expect("OUT_DIR is writable");
}

/// A pack's first line names the format and a hash of the English keys,
/// their forms and values (FNV-1a), so a pack left over from another
/// release is never read into the wrong fields.
fn pack_header(sigs: &[(String, Signature)]) -> String {
    let mut hash: u32 = 0x811c_9dc5;
    for (key, sig) in sigs {
        let params: Vec<&str> = sig.params.iter().map(|(p, _)| p.as_str()).collect();
        let line = format!("{key}|{}|{}\n", sig.plural, params.join(","));
        for b in line.bytes() {
            hash = (hash ^ u32::from(b)).wrapping_mul(0x0100_0193);
        }
    }
    format!("client-portal-language-pack 1 {hash:08x}")
}

/// `Strings::from_pack`: the texts of a pack, in key order, into the fields.
///
/// `Strings` is `#[repr(C)]` and made of `&'static str` and
/// `[&'static str; 3]` fields only, so it is laid out exactly as an array of
/// all its texts; the pack's texts become one without a copy per field
/// (which cost 11 KB of wasm written out field by field).
fn from_pack(sigs: &[(String, Signature)]) -> String {
    let count: usize = 1 + sigs
        .iter()
        .map(|(_, s)| if s.plural { 3 } else { 1 })
        .sum::<usize>();
    format!(
        r#"
/// How many texts a `Strings` holds, its tag first.
const TEXTS: usize = {count};

// `from_pack` relies on this: the struct is exactly an array of its texts.
const _: () = assert!(
    std::mem::size_of::<Strings>() == TEXTS * std::mem::size_of::<&str>()
        && std::mem::align_of::<Strings>() == std::mem::align_of::<&str>()
);

impl Strings {{
    /// A language pack (see build.rs) as strings; `None` unless it is
    /// whole and made from this build's keys.
    pub fn from_pack(pack: &'static str) -> Option<Box<Strings>> {{
        let mut lines = pack.strip_suffix('\n').unwrap_or(pack).split('\n');
        if lines.next()? != PACK_HEADER {{
            return None;
        }}
        let texts: Box<[&'static str]> = lines.collect();
        let texts: Box<[&'static str; TEXTS]> = texts.try_into().ok()?;
        // SAFETY: `Strings` is `#[repr(C)]` with only `&'static str` and
        // `[&'static str; 3]` fields, in key order with `tag` first, as
        // the pack is: the same size and alignment (asserted above), and
        // any texts are valid fields. The tests compare every field of
        // every pack with its compiled-in source.
        Some(unsafe {{ Box::from_raw(Box::into_raw(texts).cast::<Strings>()) }})
    }}
}}
"#
    )
}

/// sRGB channel value → linear light, scaled to 0..=65535 (WCAG 2.2's
/// relative luminance formula), so the wasm needs no `powf`.
fn srgb_table() -> String {
    let mut s =
        String::from("/// sRGB 0..=255 → linear light × 65535.\nconst LINEAR: [u16; 256] = [");
    for i in 0..256 {
        let c = i as f64 / 255.0;
        let l = if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        };
        let _ = write!(s, "{},", (l * 65535.0).round() as u32);
    }
    s.push_str("];\n");
    s
}

/// The portal's stylesheet goes into its shadow root from the wasm; drop
/// comments and needless white space on the way (no string in it holds
/// them, which `minified_css_keeps_every_rule` checks).
fn minify_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(i) = rest.find("/*") {
        out.push_str(&rest[..i]);
        rest = rest[i..].find("*/").map_or("", |j| &rest[i + j + 2..]);
    }
    out.push_str(rest);
    let words: Vec<&str> = out.split_whitespace().collect();
    let mut min = String::with_capacity(out.len());
    for w in words {
        let glue =
            min.ends_with(['{', '}', ';', ',', '>']) || w.starts_with(['{', '}', ';', ',', '>']);
        if !min.is_empty() && !glue {
            min.push(' ');
        }
        min.push_str(w);
    }
    min.replace(";}", "}")
}

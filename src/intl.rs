//! Dates and numbers in the client's language and time zone, through the
//! browser's own `Intl` (no formatting tables shipped in the wasm).

use chrono::{DateTime, NaiveDate, Utc};
use js_sys::{Date, Object, Reflect};
use wasm_bindgen::JsValue;

use std::cell::RefCell;

use crate::contract::{Due, Timestamp};
use crate::domain::time::{from_millis, offset_from_minutes, Zone};

/// The client's time zone, as the browser knows it.
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserZone;

impl Zone for BrowserZone {
    fn offset_at(&self, at: DateTime<Utc>) -> chrono::FixedOffset {
        let d = Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
        // getTimezoneOffset is minutes *behind* UTC.
        offset_from_minutes(-(d.get_timezone_offset() as i32))
    }
}

thread_local! {
    static TAG: RefCell<String> = RefCell::new("en".into());
}

/// The language tag dates and numbers are formatted in: the viewer's own
/// regional variant (`en-GB`) when it matches the interface language.
pub fn set_locale(tag: &str) {
    TAG.with(|t| *t.borrow_mut() = tag.to_string());
    FORMATS.with(|f| *f.borrow_mut() = Default::default());
}

fn tag() -> String {
    TAG.with(|t| t.borrow().clone())
}

pub fn now() -> DateTime<Utc> {
    from_millis(Date::now())
}

pub fn today() -> NaiveDate {
    BrowserZone.local_date(now())
}

/// The name of the client's own time zone (`Europe/Berlin`), if known.
pub fn own_time_zone() -> Option<String> {
    let f = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &Object::new());
    let o = f.resolved_options();
    Reflect::get(&o, &"timeZone".into()).ok()?.as_string()
}

/// `s` in lower case, by the browser's Unicode rules (for searching).
/// Plain ASCII, the common case, needs no trip to JavaScript.
pub fn lower(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        js_sys::JsString::from(s).to_lower_case().into()
    }
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &(*k).into(), &(*v).into());
    }
    o
}

fn js_date(at: DateTime<Utc>) -> Date {
    Date::new(&JsValue::from_f64(at.timestamp_millis() as f64))
}

fn same_year(y: i32) -> bool {
    use chrono::Datelike;
    today().year() == y
}

/// The kinds of dates the portal writes (an index into [`STYLES`]).
const DAY: usize = 0;
const MONTH: usize = 1;
const MOMENT: usize = 2;

/// Their `Intl` options: "Fri, 28 Nov"; "October 2026"; "Fri, 28 Nov,
/// 16:00" in the client's zone.
const STYLES: [&[(&str, &str)]; 3] = [
    &[
        ("weekday", "short"),
        ("day", "numeric"),
        ("month", "short"),
        ("timeZone", "UTC"),
    ],
    &[("month", "long"), ("timeZone", "UTC")],
    &[
        ("weekday", "short"),
        ("day", "numeric"),
        ("month", "short"),
        ("hour", "numeric"),
        ("minute", "2-digit"),
    ],
];

thread_local! {
    /// Formatters made so far for the current language, by style and with
    /// or without the year: making one costs about a tenth of a
    /// millisecond, using one almost nothing, and a list of a thousand
    /// deadlines writes a thousand dates.
    static FORMATS: RefCell<[Option<js_sys::Function>; 6]> = RefCell::new(Default::default());
}

/// Write `at` in one of the [`STYLES`] ([`DAY`], [`MONTH`], [`MOMENT`]), with the year when `with_year`.
fn format(style: usize, with_year: bool, at: DateTime<Utc>) -> String {
    let slot = style * 2 + usize::from(with_year);
    let format = FORMATS.with(|f| {
        f.borrow_mut()[slot]
            .get_or_insert_with(|| {
                let o = options(STYLES[style]);
                if with_year {
                    let _ = Reflect::set(&o, &"year".into(), &"numeric".into());
                }
                let tags = js_sys::Array::of1(&tag().into());
                js_sys::Intl::DateTimeFormat::new(&tags, &o).format()
            })
            .clone()
    });
    format
        .call1(&JsValue::NULL, &js_date(at))
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

/// "Fri, 28 Nov" (with the year when it is not this year).
pub fn day(d: NaiveDate) -> String {
    use chrono::Datelike;
    let noon = d.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc();
    format(DAY, !same_year(d.year()), noon)
}

/// "October 2026": the heading of a month of wins.
pub fn month(first: NaiveDate) -> String {
    let noon = first.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc();
    format(MONTH, true, noon)
}

/// "Fri, 28 Nov, 16:00" in the client's zone.
pub fn moment(t: Timestamp) -> String {
    use chrono::Datelike;
    let at = t.with_timezone(&Utc);
    format(MOMENT, !same_year(at.year()), at)
}

/// A due date: a whole day, or a moment.
pub fn due(d: Due) -> String {
    match d {
        Due::Day(d) => day(d),
        Due::At(t) => moment(t),
    }
}

/// "16:00" in a named IANA zone (for "their time" next to "your time").
pub fn time_in_zone(at: DateTime<Utc>, zone: &str) -> Option<String> {
    let o = options(&[
        ("hour", "numeric"),
        ("minute", "2-digit"),
        ("timeZone", zone),
    ]);
    let d = js_date(at);
    // An unknown zone name throws a RangeError; catch it rather than trap.
    let f = Reflect::get(&d, &"toLocaleTimeString".into()).ok()?;
    let f: js_sys::Function = f.into();
    f.call2(&d, &tag().into(), &o).ok()?.as_string()
}

/// A number in the client's language: "4,200", "3.4", "4 200"…
pub fn number(x: f64) -> String {
    js_sys::Number::from(x).to_locale_string(&tag()).into()
}

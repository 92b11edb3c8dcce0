//! Every word of the interface, in five languages.
//!
//! The texts live in `i18n/<language>.txt`; build.rs turns them into the
//! typed `Strings` and refuses to build if any language misses a key, has
//! one English lacks, or drops a value from a message, so no screen can
//! show an untranslated key. English is compiled in (`EN`); each other
//! language is a pack of its texts in key order that the browser fetches
//! only when the reader chooses it (`Strings::from_pack`, and the wasm
//! context below). Native builds compile every language in, so the tests
//! can hold each pack against its source. A message with values is a typed
//! method (`t.greeting(name)`); the rest are plain fields. Agency-supplied
//! text is never translated.

use crate::contract::{ApprovalStatus, DeliverableStatus, Owner, Scope};
use crate::domain::time::DueState;

/// The languages the interface speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Locale {
    En,
    Th,
    ZhHans,
    ZhHant,
    Ko,
}

impl Locale {
    /// In the order the language switcher lists them.
    pub const ALL: [Locale; 5] = [
        Locale::En,
        Locale::Th,
        Locale::ZhHans,
        Locale::ZhHant,
        Locale::Ko,
    ];

    /// The language a BCP 47 tag asks for, if we speak it. Chinese follows
    /// the script, else the region: `zh-TW`, `zh-HK` and `zh-MO` read
    /// Traditional characters, other Chinese reads Simplified.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let tag = tag.trim().replace('_', "-").to_ascii_lowercase();
        let mut parts = tag.split('-');
        Some(match parts.next()? {
            "en" => Locale::En,
            "th" => Locale::Th,
            "ko" => Locale::Ko,
            "zh" => {
                let rest: Vec<&str> = parts.collect();
                let traditional = if rest.contains(&"hant") {
                    true
                } else if rest.contains(&"hans") {
                    false
                } else {
                    rest.iter().any(|p| matches!(*p, "tw" | "hk" | "mo"))
                };
                if traditional {
                    Locale::ZhHant
                } else {
                    Locale::ZhHans
                }
            }
            _ => return None,
        })
    }

    /// Choose from a list of language tags in order of preference
    /// (`data-locale`, then the browser's languages), else English.
    pub fn negotiate<'a>(wanted: impl IntoIterator<Item = &'a str>) -> Locale {
        wanted
            .into_iter()
            .find_map(Locale::from_tag)
            .unwrap_or(Locale::En)
    }

    /// The tag to format dates and numbers with once `self` is chosen: the
    /// first of the viewer's own languages that is `self` (so English keeps
    /// the viewer's British or American dates), else `self`'s own tag.
    pub fn format_tag<'a>(self, browser: impl IntoIterator<Item = &'a str>) -> String {
        browser
            .into_iter()
            .find(|t| Locale::from_tag(t) == Some(self))
            .map_or_else(|| self.tag().to_string(), |t| t.trim().replace('_', "-"))
    }

    /// The language's own tag, also the name of its pack (`i18n/th.txt`).
    pub fn tag(self) -> &'static str {
        LANGUAGES[self as usize].0
    }

    /// The language's name in itself ("ไทย"), for the switcher.
    pub fn name(self) -> &'static str {
        LANGUAGES[self as usize].1
    }

    /// Every language's strings, compiled in (native builds only: the
    /// browser fetches all but English as packs).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn strings(self) -> &'static Strings {
        match self {
            Locale::En => &EN,
            Locale::Th => &TH,
            Locale::ZhHans => &ZH_HANS,
            Locale::ZhHant => &ZH_HANT,
            Locale::Ko => &KO,
        }
    }
}

// The generated `Strings` struct and one static per language (build.rs).
include!(concat!(env!("OUT_DIR"), "/strings.rs"));

/// A count or number a message can show.
pub trait Number: Copy {
    fn value(self) -> i64;
}
impl Number for i64 {
    fn value(self) -> i64 {
        self
    }
}
impl Number for i32 {
    fn value(self) -> i64 {
        self.into()
    }
}
impl Number for u32 {
    fn value(self) -> i64 {
        self.into()
    }
}
impl Number for usize {
    fn value(self) -> i64 {
        i64::try_from(self).unwrap_or(i64::MAX)
    }
}

/// Fill a template: `\u{1}` is the first value, `\u{2}` the second…
fn fill(template: &str, values: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut from = 0;
    for (i, b) in template.bytes().enumerate() {
        if (1..=8).contains(&b) {
            out.push_str(&template[from..i]);
            out.push_str(values.get(usize::from(b - 1)).copied().unwrap_or(""));
            from = i + 1;
        }
    }
    out.push_str(&template[from..]);
    out
}

/// The form of a counted message: `[0]` for none, `[one]` for exactly one
/// (where the language has them), else `[other]`.
fn pick(forms: &[&'static str; 3], n: i64) -> &'static str {
    match n {
        0 if !forms[0].is_empty() => forms[0],
        1 if !forms[1].is_empty() => forms[1],
        _ => forms[2],
    }
}

impl Strings {
    pub fn deliverable_status(&self, s: DeliverableStatus) -> &'static str {
        match s {
            DeliverableStatus::Planned => self.status_planned,
            DeliverableStatus::InProgress => self.status_in_progress,
            DeliverableStatus::InReview => self.status_in_review,
            DeliverableStatus::ChangesRequested => self.status_changes_requested,
            DeliverableStatus::Approved => self.status_approved,
            DeliverableStatus::Delivered => self.status_delivered,
            DeliverableStatus::Other => self.unknown_state,
        }
    }

    pub fn scope(&self, s: Scope) -> &'static str {
        match s {
            Scope::Included => self.scope_included,
            Scope::ChangeOrder => self.scope_change_order,
            Scope::OutOfScope => self.scope_out,
            Scope::Other => self.unknown_state,
        }
    }

    pub fn approval_status(&self, s: ApprovalStatus) -> &'static str {
        match s {
            ApprovalStatus::Pending => self.approval_pending,
            ApprovalStatus::Approved => self.approval_approved,
            ApprovalStatus::ChangesRequested => self.approval_changes,
            ApprovalStatus::Other => self.unknown_state,
        }
    }

    pub fn owner(&self, o: Owner, agency: &str) -> String {
        match o {
            Owner::Client => self.owner_you.to_string(),
            Owner::Agency => self.owner_agency(agency),
            Owner::Other => self.owner_other.to_string(),
        }
    }

    /// "due tomorrow", "3 days overdue"…
    pub fn due_phrase(&self, s: DueState) -> String {
        match s {
            DueState::Overdue(n) => self.overdue_by(n),
            DueState::Today => self.due_today.to_string(),
            DueState::Tomorrow => self.due_tomorrow.to_string(),
            DueState::InDays(n) => self.due_in_days(n),
        }
    }

    /// The built-in glossary in this language: common marketing terms as
    /// agencies write them, with what they mean.
    pub fn glossary(&self) -> [(&'static str, &'static str); 13] {
        [
            ("A/B test", self.jargon_ab_test),
            ("CPA", self.jargon_cpa),
            ("CPC", self.jargon_cpc),
            ("CPM", self.jargon_cpm),
            ("CRM", self.jargon_crm),
            ("CRO", self.jargon_cro),
            ("CTR", self.jargon_ctr),
            ("KPI", self.jargon_kpi),
            ("ROAS", self.jargon_roas),
            ("ROI", self.jargon_roi),
            ("SEM", self.jargon_sem),
            ("SEO", self.jargon_seo),
            ("SOW", self.jargon_sow),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_with_english_as_the_fallback() {
        assert_eq!(Locale::negotiate(["en-GB"]), Locale::En);
        assert_eq!(Locale::negotiate(["xx", "en"]), Locale::En);
        assert_eq!(Locale::negotiate([]), Locale::En);
    }

    #[test]
    fn finds_each_language_and_the_right_chinese_script() {
        assert_eq!(Locale::negotiate(["fr", "th-TH"]), Locale::Th);
        assert_eq!(Locale::negotiate(["ko"]), Locale::Ko);
        assert_eq!(Locale::negotiate(["zh"]), Locale::ZhHans);
        assert_eq!(Locale::negotiate(["zh-CN"]), Locale::ZhHans);
        assert_eq!(Locale::negotiate(["zh-SG"]), Locale::ZhHans);
        assert_eq!(Locale::negotiate(["zh-TW"]), Locale::ZhHant);
        assert_eq!(Locale::negotiate(["zh-HK"]), Locale::ZhHant);
        assert_eq!(Locale::negotiate(["zh-Hant-HK"]), Locale::ZhHant);
        assert_eq!(Locale::negotiate(["zh-Hans-HK"]), Locale::ZhHans);
        assert_eq!(Locale::negotiate(["ZH_hant"]), Locale::ZhHant);
        for l in Locale::ALL {
            assert_eq!(Locale::from_tag(l.tag()), Some(l));
            assert_eq!(l.strings().tag, l.tag());
            assert_eq!(l.name(), l.strings().language_name);
        }
    }

    #[test]
    fn each_pack_gives_back_its_language_exactly() {
        for l in &Locale::ALL[1..] {
            let path = concat!(env!("OUT_DIR"), "/i18n/").to_string() + l.tag() + ".txt";
            let pack: &'static str = std::fs::read_to_string(&path)
                .expect("build.rs wrote the pack")
                .leak();
            assert_eq!(
                Strings::from_pack(pack).as_deref(),
                Some(l.strings()),
                "{path}"
            );
        }
    }

    #[test]
    fn a_pack_that_is_cut_short_or_from_another_build_is_refused() {
        let path = concat!(env!("OUT_DIR"), "/i18n/th.txt");
        let pack: &'static str = std::fs::read_to_string(path)
            .expect("build.rs wrote the pack")
            .leak();
        assert!(Strings::from_pack(pack).is_some());
        let short = &pack[..pack.trim_end().rfind('\n').expect("many lines")];
        assert_eq!(Strings::from_pack(short), None);
        let longer: &'static str = format!("{pack}one more\n").leak();
        assert_eq!(Strings::from_pack(longer), None);
        let other_build: &'static str = pack.replacen("pack 1 ", "pack 1 0", 1).leak();
        assert_eq!(Strings::from_pack(other_build), None);
        assert_eq!(Strings::from_pack(""), None);
        assert_eq!(Strings::from_pack("<!doctype html><p>Not found</p>"), None);
    }

    #[test]
    fn dates_keep_the_viewers_own_variant_of_a_language() {
        let browser = ["en-GB", "ko-KR", "zh-TW"];
        assert_eq!(Locale::En.format_tag(browser), "en-GB");
        assert_eq!(Locale::Ko.format_tag(browser), "ko-KR");
        assert_eq!(Locale::ZhHant.format_tag(browser), "zh-TW");
        assert_eq!(Locale::ZhHans.format_tag(browser), "zh-Hans");
        assert_eq!(Locale::Th.format_tag([]), "th");
        assert_eq!(Locale::En.format_tag(["en_GB"]), "en-GB");
    }

    #[test]
    fn plurals_and_phrases() {
        assert_eq!(EN.you_owe_label(1), "thing waiting for you");
        assert_eq!(EN.you_owe_label(3), "things waiting for you");
        assert_eq!(EN.overdue_count(1), "1 item is overdue");
        assert_eq!(EN.due_phrase(DueState::Overdue(0)), "overdue since today");
        assert_eq!(EN.due_phrase(DueState::Overdue(3)), "3 days overdue");
        assert_eq!(EN.due_phrase(DueState::Tomorrow), "due tomorrow");
        assert_eq!(EN.answers_within(24), "You'll hear back within 24 hours.");
        assert_eq!(EN.answers_within(1), "You'll hear back within 1 hour.");
        // Languages without a singular use their one form for every count.
        assert_eq!(KO.version_count(1), KO.version_count(2).replace('2', "1"));
    }

    #[test]
    fn values_land_in_the_translated_order() {
        assert_eq!(
            EN.err_too_long(4000, 4001),
            "Please keep it to 4000 characters or fewer (it has 4001)."
        );
        assert_eq!(EN.decided_by("Sam", "today"), "Sam, today");
        for l in Locale::ALL {
            let t = l.strings();
            let s = t.confirm_approve("v3", "Homepage");
            assert!(s.contains("v3") && s.contains("Homepage"), "{s}");
            assert!(!s.bytes().any(|b| b < 9), "{s}");
        }
    }

    #[test]
    fn every_language_is_complete_and_its_own() {
        // build.rs has already refused missing keys; here: no language is
        // English under another name.
        for l in &Locale::ALL[1..] {
            let t = l.strings();
            assert_ne!(t.nav_overview, EN.nav_overview, "{}", t.tag);
            assert_ne!(t.concern_intro, EN.concern_intro, "{}", t.tag);
            assert_ne!(t.jargon_kpi, EN.jargon_kpi, "{}", t.tag);
        }
    }

    #[test]
    fn fill_ignores_missing_values() {
        assert_eq!(fill("a\u{1}b\u{2}c", &["X"]), "aXbc");
        assert_eq!(fill("plain", &[]), "plain");
        assert_eq!(fill("\u{1}", &["ไทย"]), "ไทย");
    }
}

#[cfg(target_arch = "wasm32")]
mod context {
    use std::cell::RefCell;

    use super::{Locale, Strings, EN};
    use crate::storage::{keys, Store};
    use leptos::prelude::*;

    thread_local! {
        /// The language packs fetched so far on this visit.
        static LOADED: RefCell<Vec<(Locale, &'static Strings)>> = const { RefCell::new(Vec::new()) };
    }

    /// The language on screen and its strings.
    #[derive(Clone, Copy)]
    struct Shown {
        locale: Locale,
        strings: &'static Strings,
    }

    /// The interface language, shared by every view.
    #[derive(Clone, Copy)]
    pub struct I18n {
        shown: RwSignal<Shown>,
        /// False while the first language's pack is on its way.
        ready: RwSignal<bool>,
        /// A language whose pack could not be fetched, to say so.
        failed: RwSignal<Option<Locale>>,
        /// The folder the packs are in (`data-assets`, else the page's).
        assets: StoredValue<String>,
    }

    impl I18n {
        /// The strings of the current language (tracked).
        pub fn t(&self) -> &'static Strings {
            self.shown.get().strings
        }
        pub fn locale(&self) -> Locale {
            self.shown.get().locale
        }
        /// Whether the reader's language is here, so nothing is drawn in
        /// English first and then again in theirs.
        pub fn ready(&self) -> bool {
            self.ready.get()
        }
        /// The language the reader chose last that could not be fetched.
        pub fn failed(&self) -> Option<Locale> {
            self.failed.get()
        }
        /// Switch language once its texts are here, and remember the choice
        /// on this device. If they cannot be fetched, the current language
        /// stays and [`I18n::failed`] says so. Either way the shell is drawn
        /// again when this returns.
        pub async fn choose(self, locale: Locale) {
            self.show(locale, true).await;
        }

        async fn show(self, locale: Locale, remember: bool) {
            match strings_of(locale, &self.assets.get_value()).await {
                Some(strings) => {
                    if remember {
                        Store::local().set(keys::LOCALE, locale.tag());
                    }
                    apply(locale, strings);
                    self.failed.set(None);
                    self.shown.set(Shown { locale, strings });
                }
                None => {
                    self.failed.set(Some(locale));
                    // Draw the current language again, so the switcher
                    // shows what is on screen.
                    self.shown.update(|_| ());
                }
            }
            self.ready.set(true);
        }
    }

    /// A language's strings: English at once, any other from its pack
    /// (fetched once per visit). `None` when the pack cannot be fetched or
    /// is not this build's.
    async fn strings_of(locale: Locale, assets: &str) -> Option<&'static Strings> {
        if locale == Locale::En {
            return Some(&EN);
        }
        let cached = LOADED.with(|l| {
            l.borrow()
                .iter()
                .find(|(l, _)| *l == locale)
                .map(|(_, s)| *s)
        });
        if cached.is_some() {
            return cached;
        }
        let url = crate::config::asset_url(assets, &["i18n/", locale.tag(), ".txt"].concat());
        // Kept for the rest of the visit, like English's compiled-in texts.
        let pack: &'static str = crate::api::http::Fetch::get(&url).text().await.ok()?.leak();
        let strings: &'static Strings = Box::leak(Strings::from_pack(pack)?);
        LOADED.with(|l| l.borrow_mut().push((locale, strings)));
        Some(strings)
    }

    fn browser_languages() -> Vec<String> {
        window()
            .navigator()
            .languages()
            .iter()
            .filter_map(|v| v.as_string())
            .collect()
    }

    /// Dates and numbers follow the language; so does the page's own
    /// `lang` and title when the portal is the whole page (index.html marks
    /// its `<html>` with `data-client-portal-page`), never a host's.
    fn apply(locale: Locale, strings: &Strings) {
        let browser = browser_languages();
        crate::intl::set_locale(&locale.format_tag(browser.iter().map(String::as_str)));
        let doc = document();
        if let Some(html) = doc.document_element() {
            if html.has_attribute("data-client-portal-page") {
                let _ = html.set_attribute("lang", locale.tag());
                doc.set_title(strings.portal_name);
            }
        }
    }

    /// Pick the language: the viewer's remembered choice, then the page's
    /// `data-locale`, then the browser's languages, then English; and
    /// start fetching its texts if it is not English.
    pub fn provide_i18n(requested: Option<&str>, assets: Option<&str>) {
        let remembered = Store::local().get(keys::LOCALE);
        let browser = browser_languages();
        let wanted = remembered
            .as_deref()
            .into_iter()
            .chain(requested)
            .chain(browser.iter().map(String::as_str));
        let locale = Locale::negotiate(wanted);
        let english = Shown {
            locale: Locale::En,
            strings: &EN,
        };
        let i18n = I18n {
            shown: RwSignal::new(english),
            ready: RwSignal::new(locale == Locale::En),
            failed: RwSignal::new(None),
            assets: StoredValue::new(assets.unwrap_or_default().to_string()),
        };
        if locale == Locale::En {
            apply(locale, &EN);
        } else {
            leptos::task::spawn_local(i18n.show(locale, false));
        }
        provide_context(i18n);
    }

    pub fn use_i18n() -> I18n {
        expect_context::<I18n>()
    }
}

#[cfg(target_arch = "wasm32")]
pub use context::{provide_i18n, use_i18n, I18n};

//! The app's strings in English, German, Spanish and Japanese.
//!
//! `t(k::area::key)` gives the current language's text. English is compiled
//! in; another language's catalogue is downloaded at start (index.html) or
//! when chosen, and [`load`] puts it in place. Keys and catalogues are
//! checked by build.rs: a missing key or translation fails the build.
//! Numbers, plurals, dates and "3 days ago" use the browser's `Intl`.

mod format;

use std::cell::RefCell;

pub use format::{date_time, decimal, decimal_mark, list, number, relative_time};

include!(concat!(env!("OUT_DIR"), "/i18n_keys.rs"));

/// `k::<area>::<key>`, one module per catalogue file.
pub mod k {
    include!(concat!(env!("OUT_DIR"), "/i18n_key_modules.rs"));
}

/// A string's place in the catalogue files and its English text. The text
/// rides in the key (not in one table) so that each wasm bundle carries only
/// the English strings its own pages use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key(usize, &'static str);

/// Where the chosen language is kept (localStorage); index.html reads it before the first paint.
pub const LANG_KEY: &str = "argilla-lite.lang";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    De,
    Es,
    Ja,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::En, Lang::De, Lang::Es, Lang::Ja];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
            Lang::Es => "es",
            Lang::Ja => "ja",
        }
    }

    /// The language's own name for itself, the same in every language.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::De => "Deutsch",
            Lang::Es => "Español",
            Lang::Ja => "日本語",
        }
    }

    /// "de", "de-AT", "DE" → German; anything else → None.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }
}

struct Current {
    lang: Lang,
    /// The downloaded translations by position; `None` is English.
    texts: Vec<Option<&'static str>>,
}

thread_local! {
    static CURRENT: RefCell<Current> = RefCell::new(Current { lang: Lang::En, texts: Vec::new() });
}

pub fn lang() -> Lang {
    CURRENT.with(|c| c.borrow().lang)
}

/// Switches to `lang` with its downloaded catalogue files, one per group the
/// running bundle reads (`app`, then `owner`); groups not given stay English.
/// A file that does not fit the build's keys is refused whole.
pub fn load(lang: Lang, files: &[String]) -> Result<(), String> {
    let mut texts: Vec<Option<&'static str>> = Vec::new();
    if lang != Lang::En {
        texts.resize(KEY_COUNT, None);
        for (file, &(start, end)) in files.iter().zip(GROUPS.iter()) {
            let values: Vec<&str> = file.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).filter_map(|l| l.split_once(" = ").map(|(_, v)| v)).collect();
            if values.len() != end - start {
                return Err(format!("the {} catalogue has {} strings, this build needs {}", lang.code(), values.len(), end - start));
            }
            for (slot, value) in texts[start..end].iter_mut().zip(values) {
                *slot = Some(Box::leak(value.replace("\\n", "\n").into_boxed_str()));
            }
        }
    }
    CURRENT.with(|c| *c.borrow_mut() = Current { lang, texts });
    Ok(())
}

/// The text for `key` in the current language.
pub fn t(key: Key) -> &'static str {
    CURRENT.with(|c| c.borrow().texts.get(key.0).copied().flatten()).unwrap_or(key.1)
}

/// The text with its `{placeholders}` filled in, for a reader: a value in a
/// right-to-left script or with direction marks is isolated (U+2068…U+2069),
/// so a Hebrew dataset name cannot reorder the sentence around it.
pub fn tf(key: Key, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    fill(t(key), args)
}

/// Two sentences one after the other, as the language writes them.
pub fn sentences(first: &str, second: &str) -> String {
    fill_with(t(k::common::sentences), &[("first", &first), ("second", &second)], false)
}

/// The same filled in as is, for a name the server keeps (no isolating marks).
pub fn tf_plain(key: Key, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    fill_with(t(key), args, false)
}

/// A count: picks the plural form for `n` (`one: … || other: …`) and fills
/// `{n}` with the number in the current language's format.
pub fn tn(key: Key, n: usize, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let text = t(key);
    let category = format::plural_category(n);
    let mut other = text;
    let mut chosen = None;
    for form in text.split(" || ") {
        if let Some((cat, body)) = form.split_once(": ") {
            if cat == category {
                chosen = Some(body);
            }
            if cat == "other" {
                other = body;
            }
        }
    }
    let formatted = number(n as f64);
    let mut all: Vec<(&str, &dyn std::fmt::Display)> = vec![("n", &formatted)];
    all.extend_from_slice(args);
    fill(chosen.unwrap_or(other), &all)
}

fn fill(template: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    fill_with(template, args, true)
}

fn fill_with(template: &str, args: &[(&str, &dyn std::fmt::Display)], isolate: bool) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| args.iter().find(|(name, _)| *name == &after[..close]).map(|(_, v)| (close, v))) {
            Some((close, value)) => {
                let value = value.to_string();
                if isolate && needs_isolation(&value) {
                    out.extend(['\u{2068}'].into_iter().chain(value.chars()).chain(['\u{2069}']));
                } else {
                    out.push_str(&value);
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko… and their
/// presentation forms) or explicit direction controls.
fn needs_isolation(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFC | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF
            | 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_is_built_in() {
        assert_eq!(lang(), Lang::En);
        assert_eq!(t(k::common::loading), "Loading…");
    }

    #[test]
    fn fills_placeholders_and_leaves_unknown_ones() {
        assert_eq!(fill("Hello {name}, {x}", &[("name", &"Ana")]), "Hello Ana, {x}");
        assert_eq!(fill("{a}{a}", &[("a", &1)]), "11");
    }

    #[test]
    fn isolates_right_to_left_values_for_readers_only() {
        assert_eq!(fill("Saved {name} for {n}", &[("name", &"שלום 3"), ("n", &"Ana")]), "Saved \u{2068}שלום 3\u{2069} for Ana");
        assert_eq!(fill("{x}", &[("x", &"a\u{202E}b")]), "\u{2068}a\u{202E}b\u{2069}", "a direction override is contained");
        assert_eq!(fill_with("{name} (restored)", &[("name", &"مرحبا")], false), "مرحبا (restored)");
        assert_eq!(sentences("Stopped.", "Nothing was lost."), "Stopped. Nothing was lost.");
    }

    #[test]
    fn picks_the_english_plural_form() {
        assert_eq!(tn(k::common::records_count, 1, &[]), "1 record");
        assert_eq!(tn(k::common::records_count, 2, &[]), "2 records");
        assert_eq!(tn(k::common::records_count, 12_345, &[]), "12,345 records");
    }

    #[test]
    fn reads_language_tags() {
        assert_eq!(Lang::parse("de-AT"), Some(Lang::De));
        assert_eq!(Lang::parse("JA"), Some(Lang::Ja));
        assert_eq!(Lang::parse("fr"), None);
    }

    #[test]
    fn loads_a_catalogue_by_position_and_refuses_one_that_does_not_fit() {
        let (start, end) = GROUPS[0];
        let lines: Vec<String> = (start..end).map(|i| format!("key = text {i}")).collect();
        load(Lang::De, &[lines.join("\n")]).unwrap();
        assert_eq!(lang(), Lang::De);
        assert_eq!(t(Key(start + 1, "English")), format!("text {}", start + 1));
        assert!(load(Lang::Es, &["a = b".to_owned()]).is_err(), "a short file");
        assert_eq!(lang(), Lang::De, "a refused file changes nothing");
        load(Lang::En, &[]).unwrap();
        assert_eq!(t(k::common::loading), "Loading…");
    }
}

//! Languages (#19): on every page and state of the tour, in each language,
//! every text the app shows (and every aria-label, title, placeholder, alt)
//! is one of that language's catalogue texts with its placeholders filled,
//! read from `i18n/` on disk: no raw key, no English left, nothing written
//! in the code that the catalogue does not have. What the owner, users or
//! the server wrote is marked `translate="no"` and skipped, as are `<time>`
//! elements (the browser's Intl writes them) and texts without letters.

use crate::browser::*;
use crate::tour::tour;
use crate::{Ctx, Test};
use fantoccini::Client;
use std::sync::Mutex;

pub fn tests() -> Vec<Test> {
    vec![
        test!(languages_german_on_every_page),
        test!(languages_spanish_on_every_page),
        test!(languages_japanese_on_every_page),
        test!(languages_english_on_every_page),
    ]
}

async fn languages_german_on_every_page(ctx: &Ctx, c: &Client) {
    speaks(ctx, c, "de").await;
}

async fn languages_spanish_on_every_page(ctx: &Ctx, c: &Client) {
    speaks(ctx, c, "es").await;
}

async fn languages_japanese_on_every_page(ctx: &Ctx, c: &Client) {
    speaks(ctx, c, "ja").await;
}

async fn languages_english_on_every_page(ctx: &Ctx, c: &Client) {
    speaks(ctx, c, "en").await;
}

/// The texts shown, as segments: a run of an element's own text, where a
/// skipped child (`translate=no`, `<time>`) stands as U+FFFC and any other
/// child element ends the segment.
const SHOWN_TEXTS: &str = r#"
const SKIP = '[translate=no], time, script, style, noscript, template';
const shown = (el) => el.getClientRects().length > 0 || (el.matches('option, optgroup') && !!el.closest('select') && el.closest('select').getClientRects().length > 0);
const out = new Set();
const add = (text) => { const t = text.replace(/\s+/g, ' ').trim(); if (/\p{L}/u.test(t.replace(/\ufffc/g, ''))) out.add(t); };
for (const el of document.body.querySelectorAll('*')) {
  if (el.closest(SKIP) || !shown(el)) continue;
  let segment = '';
  for (const n of el.childNodes) {
    if (n.nodeType === 3) segment += n.nodeValue;
    else if (n.nodeType === 1 && n.matches(SKIP)) segment += '\ufffc';
    else if (n.nodeType === 1) { add(segment); segment = ''; }
  }
  add(segment);
  for (const a of ['aria-label', 'title', 'placeholder', 'alt', 'label']) { const v = el.getAttribute(a); if (v && !(a === 'label' && el.tagName !== 'OPTGROUP')) add(v); }
}
return [...out];
"#;

/// A catalogue text split at its placeholders: the literal parts.
struct Template(Vec<String>);

impl Template {
    fn parse(text: &str) -> Template {
        let mut parts = vec![String::new()];
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            match rest[open..].find('}') {
                Some(close) => {
                    parts.last_mut().unwrap().push_str(&rest[..open]);
                    parts.push(String::new());
                    rest = &rest[open + close + 1..];
                }
                None => break,
            }
        }
        parts.last_mut().unwrap().push_str(rest);
        Template(parts.into_iter().map(|p| collapse(&p)).collect())
    }

    /// Whether `text` is this template with something in each placeholder.
    fn matches(&self, text: &str) -> bool {
        let parts = &self.0;
        if parts.len() == 1 {
            return parts[0].trim() == text;
        }
        // A template that is nothing but placeholders would match anything.
        if !parts.iter().any(|p| p.chars().any(char::is_alphabetic)) {
            return false;
        }
        let (first, last) = (parts[0].trim_start(), parts[parts.len() - 1].trim_end());
        let Some(mut rest) = text.strip_prefix(first) else { return false };
        for middle in &parts[1..parts.len() - 1] {
            match rest.find(middle.as_str()) {
                Some(i) => rest = &rest[i + middle.len()..],
                None => return false,
            }
        }
        rest.ends_with(last)
    }
}

fn collapse(text: &str) -> String {
    let mut out = String::new();
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
    if text.starts_with(char::is_whitespace) && !out.is_empty() {
        out.insert(0, ' ');
    }
    if text.ends_with(char::is_whitespace) && !out.is_empty() {
        out.push(' ');
    }
    out
}

/// Every text of `lang`'s catalogue files (each plural form on its own).
fn catalogue(lang: &str) -> Vec<Template> {
    let root = harness::paths::project_root().join("i18n").join(lang);
    let mut templates = vec![];
    for group in std::fs::read_dir(&root).unwrap_or_else(|e| panic!("{}: {e}", root.display())) {
        for file in std::fs::read_dir(group.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                for line in std::fs::read_to_string(&path).unwrap().lines().filter(|l| !l.starts_with('#')) {
                    let Some((_, text)) = line.split_once(" = ") else { continue };
                    for form in text.split(" || ") {
                        let form = form.split_once(": ").filter(|(cat, _)| ["zero", "one", "two", "few", "many", "other"].contains(cat)).map_or(form, |(_, f)| f);
                        templates.push(Template::parse(&form.replace("\\n", "\n")));
                    }
                }
            }
        }
    }
    templates
}

async fn speaks(ctx: &Ctx, c: &Client, lang: &str) {
    // The matcher itself, on texts it must tell apart.
    let delete = Template::parse("Delete {name}? This removes {n} records");
    assert!(delete.matches("Delete \u{fffc}? This removes 5 records") && !delete.matches("Delete x? This removes 5 entries"));
    assert!(!Template::parse("{a} {b}").matches("anything") && !Template::parse("Save").matches("Save draft"));
    let own = catalogue(lang);
    let english = catalogue("en");
    let failures = Mutex::new(Vec::<String>::new());
    let check = |page: &'static str| {
        let (own, english, failures) = (&own, &english, &failures);
        async move {
            let document_lang = js(c, "return document.documentElement.lang").await;
            if document_lang != lang {
                failures.lock().unwrap().push(format!("{page}: <html lang={document_lang}>"));
            }
            let texts = js(c, SHOWN_TEXTS).await;
            for text in texts.as_array().into_iter().flatten().filter_map(|t| t.as_str()) {
                if own.iter().any(|t| t.matches(text)) {
                    continue;
                }
                let hint = if english.iter().any(|t| t.matches(text)) { "English left" } else { "in no catalogue" };
                failures.lock().unwrap().push(format!("{page}: {text:?} ({hint})"));
            }
        }
    };
    tour(ctx, c, &format!("localStorage.setItem('argilla-lite.lang', '{lang}')"), check).await;
    let failures = failures.into_inner().unwrap();
    assert!(failures.is_empty(), "{} texts not in the {lang} catalogue:\n{}", failures.len(), failures.join("\n"));
}

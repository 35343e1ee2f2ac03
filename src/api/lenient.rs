//! Reading what a server sends that strict JSON does not allow, or that one
//! unusual record would otherwise spoil for a whole page.

use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

/// An object, or nothing for any other JSON (null, a list, a string): a record's
/// metadata or vectors of an odd shape do not make the record unreadable.
pub fn object_or_none<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Map<String, Value>>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Object(m) => Some(m),
        _ => None,
    })
}

/// An object, or an empty one for any other JSON.
pub fn object_or_empty<'de, D: Deserializer<'de>>(d: D) -> Result<Map<String, Value>, D::Error> {
    Ok(object_or_none(d)?.unwrap_or_default())
}

/// A text (a number written as one), or nothing for any other JSON.
pub fn text_or_none<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

/// The text with the bare `NaN`, `Infinity` and `-Infinity` that Python's
/// `json` writes for such floats (a record's metadata or custom field, say)
/// turned into `null`; `None` when it has none.
pub fn without_non_finite(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped, mut changed, mut copied) = (false, false, false, 0);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            i += 1;
            continue;
        }
        if b == b'"' {
            in_string = true;
            i += 1;
            continue;
        }
        let token = ["-Infinity", "Infinity", "NaN"].into_iter().find(|t| bytes[i..].starts_with(t.as_bytes()));
        match token {
            Some(t) => {
                out.push_str(&text[copied..i]);
                out.push_str("null");
                i += t.len();
                copied = i;
                changed = true;
            }
            None => i += 1,
        }
    }
    out.push_str(&text[copied..]);
    changed.then_some(out)
}

/// The text with each `\uD800`–`\uDFFF` escape that is not half of a pair written as
/// `\uFFFD`: Python writes such lone halves (`surrogateescape`), and serde refuses them.
/// `None` when it has none.
pub fn without_lone_surrogates(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let unit = |at: usize| text.get(at + 2..at + 6).filter(|_| bytes.get(at..at + 2) == Some(b"\\u")).and_then(|h| u16::from_str_radix(h, 16).ok());
    let (mut out, mut copied, mut i, mut changed) = (String::new(), 0, 0, false);
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        let Some(n) = unit(i) else {
            i += 2; // another escape (an escaped backslash among them)
            continue;
        };
        let paired = (0xD800..0xDC00).contains(&n) && unit(i + 6).is_some_and(|m| (0xDC00..0xE000).contains(&m));
        if paired {
            i += 12;
        } else if (0xD800..0xE000).contains(&n) {
            out.push_str(&text[copied..i]);
            out.push_str("\\uFFFD");
            i += 6;
            copied = i;
            changed = true;
        } else {
            i += 6;
        }
    }
    out.push_str(&text[copied..]);
    changed.then_some(out)
}

/// The text mended of what Python writes and strict JSON refuses (bare NaN and
/// Infinity, lone surrogate halves); `None` when it has neither.
pub fn repaired(text: &str) -> Option<String> {
    let finite = without_non_finite(text);
    without_lone_surrogates(finite.as_deref().unwrap_or(text)).or(finite)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_surrogate_halves_become_replacement_characters_and_pairs_stay() {
        let text = r#"{"a": "x\udc80y", "b": "\ud83d\ude00", "c": "\\ud800", "d": "\ud800", "e": NaN}"#;
        let fixed = repaired(text).unwrap();
        let v: serde_json::Value = serde_json::from_str(&fixed).unwrap();
        assert_eq!(v["a"], "x\u{fffd}y");
        assert_eq!(v["b"], "😀", "a pair is kept");
        assert_eq!(v["c"], "\\ud800", "an escaped backslash is no escape");
        assert_eq!(v["d"], "\u{fffd}");
        assert!(v["e"].is_null());
        assert!(without_lone_surrogates(r#"{"ok": "\u00e9 \ud83d\ude00"}"#).is_none(), "nothing to mend");
    }

    #[test]
    fn bare_non_finite_numbers_become_null_and_strings_stay() {
        let text = r#"{"a": NaN, "b": [Infinity, -Infinity, 1.5], "c": "NaN and \"Infinity\"", "d": "x\\", "e": NaN}"#;
        let fixed = without_non_finite(text).unwrap();
        assert_eq!(fixed, r#"{"a": null, "b": [null, null, 1.5], "c": "NaN and \"Infinity\"", "d": "x\\", "e": null}"#);
        assert!(serde_json::from_str::<serde_json::Value>(&fixed).is_ok());
        assert_eq!(without_non_finite(r#"{"a": "NaN", "b": 1}"#), None);
    }
}

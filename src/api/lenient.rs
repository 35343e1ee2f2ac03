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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_non_finite_numbers_become_null_and_strings_stay() {
        let text = r#"{"a": NaN, "b": [Infinity, -Infinity, 1.5], "c": "NaN and \"Infinity\"", "d": "x\\", "e": NaN}"#;
        let fixed = without_non_finite(text).unwrap();
        assert_eq!(fixed, r#"{"a": null, "b": [null, null, 1.5], "c": "NaN and \"Infinity\"", "d": "x\\", "e": null}"#);
        assert!(serde_json::from_str::<serde_json::Value>(&fixed).is_ok());
        assert_eq!(without_non_finite(r#"{"a": "NaN", "b": 1}"#), None);
    }
}

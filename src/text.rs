//! Unicode case mapping. In the browser the JS engine's `toLowerCase` and
//! `toUpperCase` do it, so the wasm carries none of Rust's case tables (about
//! 25 KB); native builds (the unit tests) use the standard library's. Both
//! follow Unicode's default, locale-free mappings.

/// `s` in lower case.
pub fn lowercase(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    lowercase_by_platform(s)
}

/// `s` in upper case.
pub fn uppercase(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_uppercase();
    }
    uppercase_by_platform(s)
}

/// A case-insensitive search term, trimmed: whether any of some texts contains it.
pub struct SearchTerm(String);

impl SearchTerm {
    pub fn new(term: &str) -> SearchTerm {
        SearchTerm(lowercase(term.trim()))
    }

    /// An empty term matches everything.
    pub fn found_in(&self, texts: &[&str]) -> bool {
        self.0.is_empty() || texts.iter().any(|t| lowercase(t).contains(&self.0))
    }
}

/// Each character of `s` lowered to one character (the first of its mapping),
/// so that positions still match `s`'s: for case-insensitive matching.
pub fn lowercase_each(s: &str) -> Vec<char> {
    if s.is_ascii() {
        return s.chars().map(|c| c.to_ascii_lowercase()).collect();
    }
    let whole: Vec<char> = lowercase(s).chars().map(no_final_sigma).collect();
    if whole.len() == s.chars().count() {
        return whole;
    }
    // A mapping that is longer than its character (İ → i̇): one at a time.
    let mut one = [0u8; 4];
    s.chars()
        .map(|c| if c.is_ascii() { c.to_ascii_lowercase() } else { lowercase(c.encode_utf8(&mut one)).chars().next().map_or(c, no_final_sigma) })
        .collect()
}

/// A whole-text mapping writes σ as ς at the end of a word; one character at a time gives σ.
fn no_final_sigma(c: char) -> char {
    if c == 'ς' { 'σ' } else { c }
}

#[cfg(target_arch = "wasm32")]
fn lowercase_by_platform(s: &str) -> String {
    js_sys::JsString::from(s).to_lower_case().into()
}

#[cfg(target_arch = "wasm32")]
fn uppercase_by_platform(s: &str) -> String {
    js_sys::JsString::from(s).to_upper_case().into()
}

#[cfg(not(target_arch = "wasm32"))]
fn lowercase_by_platform(s: &str) -> String {
    s.to_lowercase()
}

#[cfg(not(target_arch = "wasm32"))]
fn uppercase_by_platform(s: &str) -> String {
    s.to_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_term_is_trimmed_and_found_in_any_text_whatever_the_case() {
        let term = SearchTerm::new("  straSSE ");
        assert!(term.found_in(&["Bahnhof", "Hauptstrasse 1"]));
        assert!(!term.found_in(&["Hauptstraße"]), "ß is not expanded: no locale-specific folding");
        assert!(SearchTerm::new("ΣΟΦ").found_in(&["σοφία"]));
        assert!(!SearchTerm::new("x").found_in(&[]));
        assert!(SearchTerm::new("  ").found_in(&[]), "an empty term matches everything");
    }

    #[test]
    fn ascii_and_unicode_map_as_the_standard_library_does() {
        for s in ["Ada LOVELACE", "ÀÉÎõü", "Straße", "ΟΔΟΣ", "İstanbul", "", "日本語"] {
            assert_eq!(lowercase(s), s.to_lowercase(), "{s}");
            assert_eq!(uppercase(s), s.to_uppercase(), "{s}");
        }
    }

    #[test]
    fn lowercase_each_keeps_one_character_per_character() {
        for s in ["Hello World", "ÀÉÎõü", "ΟΔΟΣ ΟΔΟΣ.", "İstanbul İ", "日本語 Ab"] {
            let each = lowercase_each(s);
            let expected: Vec<char> = s.chars().map(|c| c.to_lowercase().next().unwrap_or(c)).collect();
            assert_eq!(each, expected, "{s}");
        }
    }
}

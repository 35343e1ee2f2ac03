//! Text search over a dataset's records: the URL form (`?search=…&search_field=…`),
//! the search request body, and where matches are in a field's text.

use serde_json::{json, Value};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Find {
    pub text: String,
    /// Search this field only; `None`: all fields.
    pub field: Option<String>,
}

impl Find {
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Find {
        Find {
            text: get("search").map(|s| s.trim().to_owned()).unwrap_or_default(),
            field: get("search_field").filter(|f| !f.is_empty()),
        }
    }

    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut out = vec![];
        if !self.text.is_empty() {
            out.push(("search", self.text.clone()));
            if let Some(field) = &self.field {
                out.push(("search_field", field.clone()));
            }
        }
        out
    }

    pub fn is_active(&self) -> bool {
        !self.text.trim().is_empty()
    }

    /// Adds the text query to a records-search body.
    pub fn apply(&self, body: &mut Value) {
        if !self.is_active() {
            return;
        }
        let mut text = json!({"q": self.text.trim()});
        if let Some(field) = &self.field {
            text["field"] = json!(field);
        }
        body["query"]["text"] = text;
    }
}

/// Character ranges of case-insensitive matches of the query's words in `text`.
pub fn match_ranges(text: &str, query: &str) -> Vec<(usize, usize)> {
    let words: Vec<Vec<char>> = query
        .split_whitespace()
        .map(|w| w.chars().flat_map(char::to_lowercase).collect::<Vec<char>>())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return vec![];
    }
    // Lower-casing can change lengths; compare character by character on the original positions.
    let chars: Vec<char> = text.chars().collect();
    let lower: Vec<char> = chars.iter().map(|c| c.to_lowercase().next().unwrap_or(*c)).collect();
    let mut ranges = vec![];
    let mut i = 0;
    while i < lower.len() {
        let hit = words.iter().filter(|w| lower[i..].starts_with(w)).map(Vec::len).max();
        match hit {
            Some(len) => {
                ranges.push((i, i + len));
                i += len;
            }
            None => i += 1,
        }
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn url_round_trip() {
        let find = Find { text: "Ada Paris".into(), field: Some("text".into()) };
        let q: HashMap<_, _> = find.to_query().into_iter().collect();
        assert_eq!(Find::from_query(|k| q.get(k).cloned()), find);
        assert!(Find::default().to_query().is_empty());
    }

    #[test]
    fn body_gets_the_text_query() {
        let mut body = json!({"query": {}, "filters": {"and": []}});
        Find { text: " tokyo ".into(), field: None }.apply(&mut body);
        assert_eq!(body["query"], json!({"text": {"q": "tokyo"}}));
        let mut body = json!({"query": {}});
        Find { text: "x".into(), field: Some("context".into()) }.apply(&mut body);
        assert_eq!(body["query"], json!({"text": {"q": "x", "field": "context"}}));
        let mut untouched = json!({"query": {}});
        Find::default().apply(&mut untouched);
        assert_eq!(untouched, json!({"query": {}}));
    }

    #[test]
    fn matches_are_case_insensitive_per_word() {
        assert_eq!(match_ranges("Ada met ADA in Paris", "ada paris"), vec![(0, 3), (8, 11), (15, 20)]);
        assert_eq!(match_ranges("é😀É", "é"), vec![(0, 1), (2, 3)]);
        assert!(match_ranges("abc", "  ").is_empty());
    }
}

//! Finding records: text search and sort, their URL form
//! (`?search=…&search_field=…&sort=metadata.length:desc`), the search request
//! body, and where matches are in a field's text.

use serde_json::{json, Value};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Find {
    pub text: String,
    /// Search this field only; `None`: all fields.
    pub field: Option<String>,
    /// Sort keys, most significant first; empty: the server's own order.
    pub sort: Vec<SortKey>,
}

/// `record.inserted_at`, `record.updated_at` or `metadata.<property>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortKey {
    pub by: String,
    pub descending: bool,
}

impl SortKey {
    pub fn parse(text: &str) -> Option<SortKey> {
        let (by, order) = text.rsplit_once(':').unwrap_or((text, "asc"));
        let valid = matches!(by, "record.inserted_at" | "record.updated_at")
            || by.strip_prefix("metadata.").is_some_and(|name| !name.is_empty());
        let descending = match order {
            "asc" => false,
            "desc" => true,
            _ => return None,
        };
        valid.then(|| SortKey { by: by.to_owned(), descending })
    }

    pub fn to_param(&self) -> String {
        format!("{}:{}", self.by, if self.descending { "desc" } else { "asc" })
    }

    fn to_body(&self) -> Value {
        let scope = match self.by.strip_prefix("metadata.") {
            Some(name) => json!({"entity": "metadata", "metadata_property": name}),
            None => json!({"entity": "record", "property": self.by.trim_start_matches("record.")}),
        };
        json!({"scope": scope, "order": if self.descending { "desc" } else { "asc" }})
    }
}

impl Find {
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Find {
        Find {
            text: get("search").map(|s| s.trim().to_owned()).unwrap_or_default(),
            field: get("search_field").filter(|f| !f.is_empty()),
            sort: get("sort").map(|s| s.split(',').filter_map(SortKey::parse).collect()).unwrap_or_default(),
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
        if !self.sort.is_empty() {
            out.push(("sort", self.sort.iter().map(SortKey::to_param).collect::<Vec<_>>().join(",")));
        }
        out
    }

    pub fn is_active(&self) -> bool {
        !self.text.trim().is_empty()
    }

    /// Adds the text query and the sort to a records-search body.
    pub fn apply(&self, body: &mut Value) {
        if !self.sort.is_empty() {
            body["sort"] = Value::Array(self.sort.iter().map(SortKey::to_body).collect());
        }
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
    fn sort_keys_parse_print_and_become_the_body() {
        let find = Find::from_query(|k| (k == "sort").then(|| "metadata.length:desc,record.inserted_at:asc,bogus:up".to_owned()));
        assert_eq!(find.sort.len(), 2, "the invalid key is dropped");
        let mut body = json!({"query": {}});
        find.apply(&mut body);
        assert_eq!(
            body["sort"],
            json!([
                {"scope": {"entity": "metadata", "metadata_property": "length"}, "order": "desc"},
                {"scope": {"entity": "record", "property": "inserted_at"}, "order": "asc"}
            ])
        );
        assert_eq!(find.to_query(), vec![("sort", "metadata.length:desc,record.inserted_at:asc".to_owned())]);
        assert_eq!(SortKey::parse("metadata.:asc"), None);
        assert_eq!(SortKey::parse("record.updated_at").map(|k| k.descending), Some(false));
    }

    #[test]
    fn url_round_trip() {
        let find = Find {
            text: "Ada Paris".into(),
            field: Some("text".into()),
            sort: vec![SortKey { by: "record.updated_at".into(), descending: true }],
        };
        let q: HashMap<_, _> = find.to_query().into_iter().collect();
        assert_eq!(Find::from_query(|k| q.get(k).cloned()), find);
        assert!(Find::default().to_query().is_empty());
    }

    #[test]
    fn body_gets_the_text_query() {
        let mut body = json!({"query": {}, "filters": {"and": []}});
        Find { text: " tokyo ".into(), ..Default::default() }.apply(&mut body);
        assert_eq!(body["query"], json!({"text": {"q": "tokyo"}}));
        let mut body = json!({"query": {}});
        Find { text: "x".into(), field: Some("context".into()), ..Default::default() }.apply(&mut body);
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

//! Finding records: text search, filters, sort and similarity, their URL form
//! (`?search=…&search_field=…&filter=…&sort=metadata.length:desc`), the search
//! request body, and where matches are in a field's text.

use crate::text::lowercase_each;
use super::filter::{Filter, Scope};
use serde_json::{json, Value};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Find {
    pub text: String,
    /// Search this field only; `None`: all fields.
    pub field: Option<String>,
    pub filters: Vec<Filter>,
    /// Sort keys, most significant first; empty: the server's own order.
    pub sort: Vec<SortKey>,
    pub similar: Option<Similar>,
}

/// `record.inserted_at`, `record.updated_at`, or a filter scope
/// (`metadata.<name>`, `response.<question>`, `suggestion.<question>.score`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortKey {
    pub by: String,
    pub descending: bool,
}

impl SortKey {
    pub fn parse(text: &str) -> Option<SortKey> {
        let (by, order) = text.rsplit_once(':').unwrap_or((text, "asc"));
        let valid = matches!(by, "record.inserted_at" | "record.updated_at") || Scope::parse(by).is_some();
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
        let scope = match Scope::parse(&self.by) {
            Some(scope) => scope.to_body(),
            None => json!({"entity": "record", "property": self.by.trim_start_matches("record.")}),
        };
        json!({"scope": scope, "order": if self.descending { "desc" } else { "asc" }})
    }
}

/// Records most (or least) like one record by one of the dataset's vectors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Similar {
    pub record_id: String,
    pub vector: String,
    pub least: bool,
    /// How many records to show.
    pub count: usize,
}

impl Similar {
    pub const COUNTS: [usize; 4] = [10, 25, 50, 100];
    pub const DEFAULT_COUNT: usize = 25;

    fn to_body(&self) -> Value {
        json!({
            "name": self.vector,
            "record_id": self.record_id,
            "order": if self.least { "least_similar" } else { "most_similar" },
            "max_results": self.count,
        })
    }
}

impl Find {
    /// From the URL query; `get` gives every value of a key.
    pub fn from_query(get: impl Fn(&str) -> Vec<String>) -> Find {
        let last = |key: &str| get(key).pop().filter(|v| !v.trim().is_empty());
        let similar = match (last("similar_to"), last("vector")) {
            (Some(record_id), Some(vector)) => Some(Similar {
                record_id,
                vector,
                least: last("similarity").as_deref() == Some("least"),
                count: last("similar_count")
                    .and_then(|c| c.parse().ok())
                    .filter(|c| (1..=1000).contains(c))
                    .unwrap_or(Similar::DEFAULT_COUNT),
            }),
            _ => None,
        };
        Find {
            text: last("search").map(|s| s.trim().to_owned()).unwrap_or_default(),
            field: last("search_field"),
            filters: get("filter").iter().filter_map(|f| Filter::parse(f)).collect(),
            sort: last("sort").map(|s| s.split(',').filter_map(SortKey::parse).collect()).unwrap_or_default(),
            similar,
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
        out.extend(self.filters.iter().map(|f| ("filter", f.to_param())));
        if !self.sort.is_empty() {
            out.push(("sort", self.sort.iter().map(SortKey::to_param).collect::<Vec<_>>().join(",")));
        }
        if let Some(similar) = &self.similar {
            out.push(("similar_to", similar.record_id.clone()));
            out.push(("vector", similar.vector.clone()));
            if similar.least {
                out.push(("similarity", "least".to_owned()));
            }
            out.push(("similar_count", similar.count.to_string()));
        }
        out
    }

    pub fn is_active(&self) -> bool {
        !self.text.trim().is_empty()
    }

    /// Anything that narrows the records (not the sort).
    pub fn narrows(&self) -> bool {
        self.is_active() || !self.filters.is_empty() || self.similar.is_some()
    }

    /// This find without any narrowing; the sort stays.
    pub fn cleared(&self) -> Find {
        Find { sort: self.sort.clone(), ..Default::default() }
    }

    /// Replaces the filter on `scope` (or removes it when `filter` is empty).
    pub fn with_filter(&self, scope: &Scope, filter: Option<Filter>) -> Find {
        let mut find = self.clone();
        match (find.filters.iter().position(|f| &f.scope == scope), filter.filter(|f| !f.is_empty())) {
            (Some(i), Some(f)) => find.filters[i] = f,
            (Some(i), None) => {
                find.filters.remove(i);
            }
            (None, Some(f)) => find.filters.push(f),
            (None, None) => {}
        }
        find
    }

    pub fn filter_on(&self, scope: &Scope) -> Option<&Filter> {
        self.filters.iter().find(|f| &f.scope == scope)
    }

    /// Adds the text query, the filters, the sort and the similarity query to a records-search body.
    pub fn apply(&self, body: &mut Value) {
        if !self.filters.is_empty() {
            if !body["filters"]["and"].is_array() {
                body["filters"]["and"] = json!([]);
            }
            if let Some(and) = body["filters"]["and"].as_array_mut() {
                and.extend(self.filters.iter().map(Filter::to_body));
            }
        }
        // The server ignores the sort of a similarity search: results come by similarity.
        if !self.sort.is_empty() && self.similar.is_none() {
            body["sort"] = Value::Array(self.sort.iter().map(SortKey::to_body).collect());
        }
        if let Some(similar) = &self.similar {
            body["query"]["vector"] = similar.to_body();
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
        .map(lowercase_each)
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return vec![];
    }
    // Lower-casing can change lengths; compare character by character on the original positions.
    let lower = lowercase_each(text);
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
    use crate::domain::filter::SuggestionPart;

    #[test]
    fn sort_keys_parse_print_and_become_the_body() {
        let find = Find::from_query(|k| if k == "sort" { vec!["metadata.length:desc,record.inserted_at:asc,bogus:up".to_owned()] } else { vec![] });
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

    fn from_pairs(pairs: &[(&str, String)]) -> Find {
        Find::from_query(|k| pairs.iter().filter(|(key, _)| *key == k).map(|(_, v)| v.clone()).collect())
    }

    fn everything() -> Find {
        Find {
            text: "Ada Paris".into(),
            field: Some("text".into()),
            filters: vec![
                Filter::terms(Scope::Metadata("language".into()), vec!["en".into(), "es".into()]),
                Filter::range(Scope::Metadata("model_score".into()), Some(0.2), Some(0.9)),
                Filter::terms(Scope::Response("sentiment".into()), vec!["positive".into()]),
                Filter::range(Scope::Suggestion("sentiment".into(), SuggestionPart::Score), Some(0.5), None),
            ],
            sort: vec![
                SortKey { by: "suggestion.sentiment.score".into(), descending: true },
                SortKey { by: "record.updated_at".into(), descending: false },
            ],
            similar: None,
        }
    }

    #[test]
    fn url_round_trip() {
        let find = everything();
        assert_eq!(from_pairs(&find.to_query()), find);
        let similar = Find {
            similar: Some(Similar { record_id: "r1".into(), vector: "embedding".into(), least: true, count: 50 }),
            ..Default::default()
        };
        assert_eq!(from_pairs(&similar.to_query()), similar);
        assert!(Find::default().to_query().is_empty());
        let odd = from_pairs(&[("similar_to", "r".into()), ("vector", "v".into()), ("similar_count", "99999".into())]);
        assert_eq!(odd.similar.map(|s| (s.count, s.least)), Some((Similar::DEFAULT_COUNT, false)));
    }

    #[test]
    fn the_whole_state_becomes_one_exact_body() {
        let mut body = crate::domain::queue::Queue::Draft.search_body();
        everything().apply(&mut body);
        assert_eq!(
            body,
            json!({
                "query": {"text": {"q": "Ada Paris", "field": "text"}},
                "filters": {"and": [
                    {"type": "terms", "scope": {"entity": "response", "property": "status"}, "values": ["draft"]},
                    {"type": "terms", "scope": {"entity": "metadata", "metadata_property": "language"}, "values": ["en", "es"]},
                    {"type": "range", "scope": {"entity": "metadata", "metadata_property": "model_score"}, "ge": 0.2, "le": 0.9},
                    {"type": "terms", "scope": {"entity": "response", "question": "sentiment"}, "values": ["positive"]},
                    {"type": "range", "scope": {"entity": "suggestion", "question": "sentiment", "property": "score"}, "ge": 0.5}
                ]},
                "sort": [
                    {"scope": {"entity": "suggestion", "question": "sentiment", "property": "score"}, "order": "desc"},
                    {"scope": {"entity": "record", "property": "updated_at"}, "order": "asc"}
                ]
            })
        );
    }

    #[test]
    fn similarity_goes_into_the_query_and_drops_the_sort() {
        let find = Find {
            sort: vec![SortKey { by: "metadata.length".into(), descending: false }],
            similar: Some(Similar { record_id: "r1".into(), vector: "embedding".into(), least: false, count: 10 }),
            ..Default::default()
        };
        let mut body = json!({"query": {}});
        find.apply(&mut body);
        assert_eq!(
            body,
            json!({"query": {"vector": {"name": "embedding", "record_id": "r1", "order": "most_similar", "max_results": 10}}})
        );
    }

    #[test]
    fn filters_are_replaced_per_scope_and_cleared_together() {
        let language = Scope::Metadata("language".into());
        let find = everything().with_filter(&language, Some(Filter::terms(language.clone(), vec!["fr".into()])));
        assert_eq!(find.filters.len(), 4);
        assert_eq!(find.filter_on(&language), Some(&Filter::terms(language.clone(), vec!["fr".into()])));
        let find = find.with_filter(&language, Some(Filter::terms(language.clone(), vec![])));
        assert_eq!(find.filters.len(), 3, "an empty filter removes it");
        let cleared = find.cleared();
        assert!(!cleared.narrows());
        assert_eq!(cleared.sort, find.sort, "clearing filters keeps the order");
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

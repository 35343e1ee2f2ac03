//! Record filters: what they are, their URL form
//! (`filter=metadata.language:in:en,es`, `filter=metadata.length:range:10..200`)
//! and their search-body form.

use crate::api::types::{MetadataProperty, MetadataSettings, Question, QuestionSettings};
use crate::i18n::{k, t, tf, Key};
use serde_json::{json, Value};

/// What a filter (or a sort key) looks at.
#[derive(Debug, Clone, PartialEq)]
pub enum Scope {
    Metadata(String),
    /// The current user's answer to this question.
    Response(String),
    Suggestion(String, SuggestionPart),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuggestionPart {
    Value,
    Score,
    Agent,
}

impl SuggestionPart {
    fn as_str(self) -> &'static str {
        match self {
            SuggestionPart::Value => "value",
            SuggestionPart::Score => "score",
            SuggestionPart::Agent => "agent",
        }
    }
}

/// Names the server accepts for fields, questions and metadata properties.
fn is_name(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

impl Scope {
    /// `metadata.<name>`, `response.<question>`, `suggestion.<question>.value|score|agent`.
    pub fn parse(text: &str) -> Option<Scope> {
        let mut parts = text.split('.');
        let scope = match (parts.next()?, parts.next()?, parts.next()) {
            ("metadata", name, None) if is_name(name) => Scope::Metadata(name.to_owned()),
            ("response", question, None) if is_name(question) => Scope::Response(question.to_owned()),
            ("suggestion", question, Some(part)) if is_name(question) => {
                let part = match part {
                    "value" => SuggestionPart::Value,
                    "score" => SuggestionPart::Score,
                    "agent" => SuggestionPart::Agent,
                    _ => return None,
                };
                Scope::Suggestion(question.to_owned(), part)
            }
            _ => return None,
        };
        parts.next().is_none().then_some(scope)
    }

    pub fn to_param(&self) -> String {
        match self {
            Scope::Metadata(name) => format!("metadata.{name}"),
            Scope::Response(question) => format!("response.{question}"),
            Scope::Suggestion(question, part) => format!("suggestion.{question}.{}", part.as_str()),
        }
    }

    pub fn to_body(&self) -> Value {
        match self {
            Scope::Metadata(name) => json!({"entity": "metadata", "metadata_property": name}),
            Scope::Response(question) => json!({"entity": "response", "question": question}),
            Scope::Suggestion(question, part) => {
                json!({"entity": "suggestion", "question": question, "property": part.as_str()})
            }
        }
    }

    /// The question or metadata property this scope is about.
    pub fn subject(&self) -> &str {
        match self {
            Scope::Metadata(name) | Scope::Response(name) | Scope::Suggestion(name, _) => name,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// Any of these values.
    Terms(Vec<String>),
    /// Between the bounds, both included; at least one bound is set.
    Range { ge: Option<f64>, le: Option<f64> },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Filter {
    pub scope: Scope,
    pub condition: Condition,
}

impl Filter {
    pub fn terms(scope: Scope, values: Vec<String>) -> Filter {
        Filter { scope, condition: Condition::Terms(values) }
    }

    pub fn range(scope: Scope, ge: Option<f64>, le: Option<f64>) -> Filter {
        Filter { scope, condition: Condition::Range { ge, le } }
    }

    /// A filter that would match everything (no values, no bounds) is no filter.
    pub fn is_empty(&self) -> bool {
        match &self.condition {
            Condition::Terms(values) => values.is_empty(),
            Condition::Range { ge, le } => ge.is_none() && le.is_none(),
        }
    }

    pub fn parse(text: &str) -> Option<Filter> {
        let (scope, rest) = text.split_once(':')?;
        let scope = Scope::parse(scope)?;
        let filter = if let Some(values) = rest.strip_prefix("in:") {
            Filter::terms(scope, split_escaped(values))
        } else {
            let (ge, le) = rest.strip_prefix("range:")?.split_once("..")?;
            let bound = |s: &str| -> Option<Option<f64>> {
                if s.is_empty() {
                    Some(None)
                } else {
                    s.parse::<f64>().ok().filter(|v| v.is_finite()).map(Some)
                }
            };
            let (ge, le) = (bound(ge)?, bound(le)?);
            if let (Some(a), Some(b)) = (ge, le) {
                if a > b {
                    return None;
                }
            }
            Filter::range(scope, ge, le)
        };
        (!filter.is_empty()).then_some(filter)
    }

    pub fn to_param(&self) -> String {
        let scope = self.scope.to_param();
        match &self.condition {
            Condition::Terms(values) => format!("{scope}:in:{}", join_escaped(values)),
            Condition::Range { ge, le } => format!("{scope}:range:{}..{}", bound_text(*ge), bound_text(*le)),
        }
    }

    pub fn to_body(&self) -> Value {
        match &self.condition {
            Condition::Terms(values) => json!({"type": "terms", "scope": self.scope.to_body(), "values": values}),
            Condition::Range { ge, le } => {
                let mut body = json!({"type": "range", "scope": self.scope.to_body()});
                if let Some(ge) = ge {
                    body["ge"] = json!(ge);
                }
                if let Some(le) = le {
                    body["le"] = json!(le);
                }
                body
            }
        }
    }

    /// A short text for a chip: `Language: en, es`, `Length: 10 – 200`, `Score ≥ 0.5`;
    /// `number` writes a bound in the reader's format, `labels` (value, text) names a value
    /// as its option does (`Positive` for `pos`).
    pub fn describe(&self, title: &str, number: impl Fn(f64) -> String, labels: &[(String, String)]) -> String {
        let (key, values) = self.chip(number, labels);
        let mut args: Vec<(&str, &dyn std::fmt::Display)> = vec![("title", &title)];
        args.extend(values.iter().map(|(name, value)| (*name, value as &dyn std::fmt::Display)));
        tf(key, &args)
    }

    /// The chip's catalogue text (`{title}` and these placeholders) and the values that fill it.
    pub fn chip(&self, number: impl Fn(f64) -> String, labels: &[(String, String)]) -> (Key, Vec<(&'static str, String)>) {
        match &self.condition {
            Condition::Terms(values) => {
                let label = |v: &str| labels.iter().find(|(value, _)| value == v).map_or(v.to_owned(), |(_, text)| text.clone());
                let shown: Vec<String> = values.iter().map(|v| if v.is_empty() { t(k::find::empty_value).to_owned() } else { label(v) }).collect();
                (k::find::chip_terms, vec![("values", shown.join(", "))])
            }
            Condition::Range { ge: Some(ge), le: Some(le) } => (k::find::chip_between, vec![("low", number(*ge)), ("high", number(*le))]),
            Condition::Range { ge: Some(ge), le: None } => (k::find::chip_at_least, vec![("low", number(*ge))]),
            Condition::Range { ge: None, le: Some(le) } => (k::find::chip_at_most, vec![("high", number(*le))]),
            Condition::Range { .. } => (k::find::chip_any, vec![]),
        }
    }
}

/// What a filter can choose from.
#[derive(Debug, Clone, PartialEq)]
pub enum Choices {
    /// (value, label) pairs; empty: known only once loaded (metrics, agents).
    Terms(Vec<(String, String)>),
    Range { min: Option<f64>, max: Option<f64>, integer: bool },
}

/// One thing the user can filter on, as offered in the filter menu.
#[derive(Debug, Clone, PartialEq)]
pub struct FilterChoice {
    pub scope: Scope,
    pub title: String,
    /// What the dataset calls it (the property's or the question's title) and,
    /// for a question, the catalogue text the title is made from (`Your answer · {question}`).
    pub subject: String,
    pub title_key: Option<Key>,
    pub choices: Choices,
    /// For metadata: the property id, whose metrics give the real values or bounds.
    pub metrics_of: Option<String>,
}

/// Everything this dataset can be filtered on: its visible metadata, the
/// user's answers, and the suggestions (value, score, agent) per question.
pub fn filter_choices(metadata: &[MetadataProperty], questions: &[Question]) -> Vec<FilterChoice> {
    let mut out = vec![];
    for m in metadata {
        let choices = match &m.settings {
            Some(MetadataSettings::Terms { values }) => {
                Choices::Terms(values.iter().flatten().map(|v| (v.clone(), v.clone())).collect())
            }
            Some(MetadataSettings::Integer(b)) => Choices::Range { min: b.min, max: b.max, integer: true },
            Some(MetadataSettings::Float(b)) => Choices::Range { min: b.min, max: b.max, integer: false },
            _ => continue,
        };
        let (title, subject) = (m.label(), m.label());
        out.push(FilterChoice { scope: Scope::Metadata(m.name.clone()), title, subject, title_key: None, choices, metrics_of: Some(m.id.clone()) });
    }
    for q in questions {
        let choice = |scope: Scope, key: Key, choices: Choices| FilterChoice {
            scope,
            title: tf(key, &[("question", &q.title)]),
            subject: q.title.clone(),
            title_key: Some(key),
            choices,
            metrics_of: None,
        };
        let value_choices = match &q.settings {
            QuestionSettings::LabelSelection { options, .. } | QuestionSettings::MultiLabelSelection { options, .. } => {
                Some(Choices::Terms(options.iter().map(|o| (o.value.clone(), o.label().to_owned())).collect()))
            }
            QuestionSettings::Rating { options } => Some(Choices::Range {
                min: options.iter().map(|o| o.value).min().map(|v| v as f64),
                max: options.iter().map(|o| o.value).max().map(|v| v as f64),
                integer: true,
            }),
            _ => None,
        };
        if let Some(values) = value_choices {
            out.push(choice(Scope::Response(q.name.clone()), k::find::filter_your_answer, values.clone()));
            out.push(choice(Scope::Suggestion(q.name.clone(), SuggestionPart::Value), k::find::filter_suggested, values));
        }
        if !matches!(q.settings, QuestionSettings::Unknown) {
            let score = Choices::Range { min: Some(0.0), max: Some(1.0), integer: false };
            out.push(choice(Scope::Suggestion(q.name.clone(), SuggestionPart::Score), k::find::filter_suggestion_score, score));
            out.push(choice(Scope::Suggestion(q.name.clone(), SuggestionPart::Agent), k::find::filter_suggestion_agent, Choices::Terms(vec![])));
        }
    }
    out
}

/// Sort keys offered for this dataset: (key without order, label).
pub fn sort_choices(metadata: &[MetadataProperty], questions: &[Question]) -> Vec<(String, String)> {
    let mut out = vec![
        ("record.inserted_at".to_owned(), t(k::find::sort_created).to_owned()),
        ("record.updated_at".to_owned(), t(k::find::sort_updated).to_owned()),
    ];
    out.extend(metadata.iter().map(|m| (format!("metadata.{}", m.name), m.label())));
    for q in questions {
        let titled = |key| tf(key, &[("question", &q.title)]);
        if matches!(q.settings, QuestionSettings::Rating { .. } | QuestionSettings::LabelSelection { .. }) {
            out.push((format!("response.{}", q.name), titled(k::find::filter_your_answer)));
            out.push((format!("suggestion.{}.value", q.name), titled(k::find::filter_suggested)));
        }
        if !matches!(q.settings, QuestionSettings::Unknown) {
            out.push((format!("suggestion.{}.score", q.name), titled(k::find::filter_suggestion_score)));
        }
    }
    out
}

fn bound_text(bound: Option<f64>) -> String {
    bound.map(|b| b.to_string()).unwrap_or_default()
}

/// Values joined by `,`; a `,` or `\` inside a value is escaped with `\`.
fn join_escaped(values: &[String]) -> String {
    // An empty value is `\e` (no value escapes to it): `in:` alone would be no value at all.
    values.iter().map(|v| if v.is_empty() { "\\e".to_owned() } else { v.replace('\\', "\\\\").replace(',', "\\,") }).collect::<Vec<_>>().join(",")
}

fn split_escaped(text: &str) -> Vec<String> {
    let mut values = vec![];
    let (mut current, mut empty) = (String::new(), false);
    let mut chars = text.chars();
    // Empty items from a hand-typed address (`a,,b`) are dropped; `\e` is an empty value.
    let mut end_item = |current: &mut String, empty: &mut bool| {
        if !current.is_empty() || std::mem::take(empty) {
            values.push(std::mem::take(current));
        }
    };
    while let Some(c) = chars.next() {
        match (c, chars.clone().next()) {
            ('\\', Some('e')) if current.is_empty() => {
                chars.next();
                empty = true;
            }
            ('\\', _) => current.extend(chars.next()),
            (',', _) => end_item(&mut current, &mut empty),
            (c, _) => current.push(c),
        }
    }
    end_item(&mut current, &mut empty);
    values
}

/// A number typed in a range box, in the reader's format (`decimal` is their decimal mark):
/// "1,000.5" in English, "1.000,5" in German. A mark followed by groups of exactly three digits
/// groups them; otherwise either mark is taken as the decimal one ("0,5" is a half anywhere).
pub fn typed_number(text: &str, decimal: char) -> Option<f64> {
    let text: String = text.chars().filter(|c| !c.is_whitespace() && *c != '\u{2009}' && *c != '\u{202f}' && *c != '\'').collect();
    let grouping = if decimal == ',' { '.' } else { ',' };
    let groups_three = |mark: char| {
        let mut parts = text.split(mark);
        let first = parts.next().unwrap_or_default().trim_start_matches(['-', '+']);
        let rest: Vec<&str> = parts.collect();
        !rest.is_empty() && !first.is_empty() && first.len() <= 3 && rest.iter().enumerate().all(|(i, p)| {
            let digits = if i + 1 == rest.len() { p.split([decimal]).next().unwrap_or_default() } else { p };
            digits.len() == 3 && digits.chars().all(|c| c.is_ascii_digit())
        })
    };
    let plain = if text.contains(grouping) && text.contains(decimal) {
        // Both marks: the last one is the decimal mark.
        let last = text.rfind([',', '.']).unwrap_or(0);
        let (int, frac) = text.split_at(last);
        format!("{}.{}", int.replace([',', '.'], ""), &frac[1..])
    } else if text.contains(grouping) && groups_three(grouping) {
        text.replace(grouping, "")
    } else {
        text.replace(',', ".")
    };
    plain.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_round_trip_with_commas_and_backslashes() {
        let f = Filter::terms(Scope::Metadata("language".into()), vec!["en".into(), "a,b".into(), "c\\d".into()]);
        let param = f.to_param();
        assert_eq!(param, "metadata.language:in:en,a\\,b,c\\\\d");
        assert_eq!(Filter::parse(&param), Some(f));
    }

    #[test]
    fn an_empty_value_round_trips_and_stray_commas_add_none() {
        for values in [vec![""], vec!["", "en"], vec!["en", ""], vec!["e", "\\e", ""]] {
            let f = Filter::terms(Scope::Metadata("language".into()), values.iter().map(|v| v.to_string()).collect());
            assert_eq!(Filter::parse(&f.to_param()), Some(f.clone()), "{}", f.to_param());
        }
        let typed = Filter::parse("metadata.language:in:en,,es,").unwrap();
        assert_eq!(typed.condition, Condition::Terms(vec!["en".into(), "es".into()]));
    }

    #[test]
    fn ranges_round_trip_open_on_either_side() {
        for f in [
            Filter::range(Scope::Metadata("length".into()), Some(10.0), Some(200.0)),
            Filter::range(Scope::Suggestion("sentiment".into(), SuggestionPart::Score), Some(0.25), None),
            Filter::range(Scope::Response("quality".into()), None, Some(3.0)),
        ] {
            assert_eq!(Filter::parse(&f.to_param()), Some(f.clone()), "{}", f.to_param());
        }
        assert_eq!(Filter::range(Scope::Metadata("x".into()), Some(0.5), None).to_param(), "metadata.x:range:0.5..");
    }

    #[test]
    fn bad_params_are_dropped() {
        for bad in [
            "metadata.length:range:5..1",
            "metadata.length:range:..",
            "metadata.length:range:a..3",
            "metadata.length:range:NaN..3",
            "metadata.language:in:",
            "metadata.:in:x",
            "metadata.a.b:in:x",
            "record.status:in:x",
            "suggestion.q:in:x",
            "suggestion.q.rank:in:x",
            "response.q:between:1..2",
            "nothing",
        ] {
            assert_eq!(Filter::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn bodies_match_the_server_schema() {
        assert_eq!(
            Filter::terms(Scope::Metadata("language".into()), vec!["en".into(), "es".into()]).to_body(),
            json!({"type": "terms", "scope": {"entity": "metadata", "metadata_property": "language"}, "values": ["en", "es"]})
        );
        assert_eq!(
            Filter::range(Scope::Metadata("model_score".into()), Some(0.2), Some(0.9)).to_body(),
            json!({"type": "range", "scope": {"entity": "metadata", "metadata_property": "model_score"}, "ge": 0.2, "le": 0.9})
        );
        assert_eq!(
            Filter::range(Scope::Response("quality".into()), Some(4.0), None).to_body(),
            json!({"type": "range", "scope": {"entity": "response", "question": "quality"}, "ge": 4.0})
        );
        assert_eq!(
            Filter::terms(Scope::Suggestion("sentiment".into(), SuggestionPart::Agent), vec!["m1".into()]).to_body(),
            json!({"type": "terms", "scope": {"entity": "suggestion", "question": "sentiment", "property": "agent"}, "values": ["m1"]})
        );
        assert_eq!(
            Filter::range(Scope::Suggestion("sentiment".into(), SuggestionPart::Score), None, Some(0.5)).to_body(),
            json!({"type": "range", "scope": {"entity": "suggestion", "question": "sentiment", "property": "score"}, "le": 0.5})
        );
    }

    fn dataset() -> (Vec<MetadataProperty>, Vec<Question>) {
        let metadata = serde_json::from_value(json!([
            {"id": "m1", "name": "language", "title": "Language", "settings": {"type": "terms", "values": ["en", "es"]}},
            {"id": "m2", "name": "length", "title": null, "settings": {"type": "integer", "min": 0, "max": 2000}}
        ]))
        .unwrap();
        let questions = serde_json::from_value(json!([
            {"id": "q1", "name": "sentiment", "title": "Sentiment", "settings": {"type": "label_selection", "options": [{"value": "pos", "text": "Positive"}]}},
            {"id": "q2", "name": "quality", "title": "Quality", "settings": {"type": "rating", "options": [{"value": 1}, {"value": 5}]}},
            {"id": "q3", "name": "comment", "title": "Comment", "settings": {"type": "text"}}
        ]))
        .unwrap();
        (metadata, questions)
    }

    #[test]
    fn every_filterable_thing_is_offered() {
        let (metadata, questions) = dataset();
        let choices = filter_choices(&metadata, &questions);
        let params: Vec<String> = choices.iter().map(|c| c.scope.to_param()).collect();
        assert_eq!(
            params,
            [
                "metadata.language", "metadata.length",
                "response.sentiment", "suggestion.sentiment.value", "suggestion.sentiment.score", "suggestion.sentiment.agent",
                "response.quality", "suggestion.quality.value", "suggestion.quality.score", "suggestion.quality.agent",
                "suggestion.comment.score", "suggestion.comment.agent",
            ]
        );
        assert_eq!(choices[0].choices, Choices::Terms(vec![("en".into(), "en".into()), ("es".into(), "es".into())]));
        assert_eq!(choices[1].title, "length", "a property without a title is named by its name");
        assert_eq!(choices[1].metrics_of.as_deref(), Some("m2"));
        assert_eq!(choices[2].choices, Choices::Terms(vec![("pos".into(), "Positive".into())]));
        assert_eq!((choices[2].title.as_str(), choices[2].subject.as_str()), ("Your answer · Sentiment", "Sentiment"));
        assert_eq!(choices[6].choices, Choices::Range { min: Some(1.0), max: Some(5.0), integer: true });
        let sorts = sort_choices(&metadata, &questions);
        assert!(sorts.iter().all(|(key, _)| crate::domain::find::SortKey::parse(key).is_some()), "{sorts:?}");
        assert_eq!(sorts.len(), 2 + 2 + 3 + 3 + 1);
    }

    #[test]
    fn chips_say_what_the_filter_keeps() {
        let plain = |v: f64| v.to_string();
        assert_eq!(Filter::terms(Scope::Response("s".into()), vec!["a".into(), "b".into()]).describe("Sentiment", plain, &[]), "Sentiment: a, b");
        let texts = [("pos".to_owned(), "Positive".to_owned())];
        assert_eq!(Filter::terms(Scope::Response("s".into()), vec!["pos".into(), "x".into()]).describe("Sentiment", plain, &texts), "Sentiment: Positive, x", "an option's text");
        assert_eq!(Filter::range(Scope::Metadata("l".into()), Some(1.0), Some(2.5)).describe("Length", plain, &[]), "Length: 1 – 2.5");
        assert_eq!(Filter::range(Scope::Metadata("l".into()), None, Some(2.0)).describe("Length", plain, &[]), "Length ≤ 2");
        let german = |v: f64| v.to_string().replace('.', ",");
        assert_eq!(Filter::range(Scope::Metadata("l".into()), Some(0.25), None).describe("Score", german, &[]), "Score ≥ 0,25", "bounds in the reader's format");
    }

    #[test]
    fn numbers_are_read_in_the_readers_format() {
        assert_eq!(typed_number("1,000", '.'), Some(1000.0), "English grouping");
        assert_eq!(typed_number("12,345,678.25", '.'), Some(12345678.25));
        assert_eq!(typed_number("1.000", ','), Some(1000.0), "German grouping");
        assert_eq!(typed_number("1.000,5", ','), Some(1000.5));
        assert_eq!(typed_number("0,5", '.'), Some(0.5), "a comma that groups nothing is a decimal mark");
        assert_eq!(typed_number("0.5", ','), Some(0.5), "a dot that groups nothing is a decimal mark");
        assert_eq!(typed_number("-1 000,25", ','), Some(-1000.25), "spaces group too");
        assert_eq!(typed_number("2.5e3", '.'), Some(2500.0));
        assert_eq!(typed_number("1,00", '.'), Some(1.0), "two digits after a comma: a decimal");
        assert_eq!(typed_number("abc", '.'), None);
        assert_eq!(typed_number("1,2,3", '.'), None);
        assert_eq!(typed_number("inf", '.'), None);
    }
}

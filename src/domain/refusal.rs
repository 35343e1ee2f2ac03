//! Which questions a server refusal is about, so its reason can stand next to
//! them. argilla-server names a question in quotes (`name='quality'`), in a
//! 422's `loc`, or only by its type and field ("span question response value
//! `end` must ... record field `text` ...").

use crate::api::types::{Question, QuestionSettings};

/// The names of the questions `detail` (and the 422 `loc` paths) speak of.
pub fn questions_concerned(detail: &str, locs: &[Vec<String>], questions: &[Question]) -> Vec<String> {
    let named: Vec<String> = questions
        .iter()
        .filter(|q| {
            let quoted = [format!("'{}'", q.name), format!("`{}`", q.name), format!("\"{}\"", q.name)];
            quoted.iter().any(|n| detail.contains(n.as_str())) || locs.iter().any(|l| l.iter().any(|p| p == &q.name))
        })
        .map(|q| q.name.clone())
        .collect();
    if !named.is_empty() {
        return named;
    }
    let lower = crate::text::lowercase(detail);
    let by_kind: Vec<&Question> = questions.iter().filter(|q| lower.starts_with(&format!("{} question", kind(&q.settings)))).collect();
    // A span question is told apart by its field.
    let by_field: Vec<&Question> = by_kind
        .iter()
        .copied()
        .filter(|q| matches!(&q.settings, QuestionSettings::Span { field, .. } if detail.contains(&format!("`{field}`"))))
        .collect();
    let chosen = if by_field.is_empty() { by_kind } else { by_field };
    if chosen.len() == 1 {
        vec![chosen[0].name.clone()]
    } else {
        vec![]
    }
}

/// How argilla-server's messages name a question type.
fn kind(settings: &QuestionSettings) -> &'static str {
    match settings {
        QuestionSettings::LabelSelection { .. } => "label selection",
        QuestionSettings::MultiLabelSelection { .. } => "multi label selection",
        QuestionSettings::Rating { .. } => "rating",
        QuestionSettings::Text { .. } => "text",
        QuestionSettings::Ranking { .. } => "ranking",
        QuestionSettings::Span { .. } => "span",
        QuestionSettings::Unknown => "\u{0}",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn questions() -> Vec<Question> {
        serde_json::from_value(serde_json::json!([
            {"id": "1", "name": "quality", "title": "Q", "required": true, "settings": {"type": "rating", "options": [{"value": 1}]}},
            {"id": "2", "name": "entities", "title": "E", "required": false, "settings": {"type": "span", "field": "text", "options": []}},
            {"id": "3", "name": "places", "title": "P", "required": false, "settings": {"type": "span", "field": "context", "options": []}},
            {"id": "4", "name": "comment", "title": "C", "required": false, "settings": {"type": "text"}}
        ]))
        .unwrap()
    }

    #[test]
    fn a_quoted_name_or_loc_names_the_question() {
        let qs = questions();
        assert_eq!(questions_concerned("missing response value for required question with name='quality'", &[], &qs), ["quality"]);
        assert_eq!(questions_concerned("bad value", &[vec!["body".into(), "values".into(), "comment".into()]], &qs), ["comment"]);
    }

    #[test]
    fn a_span_message_is_matched_by_its_field() {
        let qs = questions();
        let detail = "span question response value `end` must have a value lower or equal than record field `text` length that is `13`";
        assert_eq!(questions_concerned(detail, &[], &qs), ["entities"]);
        let other = "span question response value `start` must have a value lower than record field `context` length that is `5`";
        assert_eq!(questions_concerned(other, &[], &qs), ["places"]);
    }

    #[test]
    fn an_unclear_message_points_nowhere() {
        let qs = questions();
        assert!(questions_concerned("something went wrong", &[], &qs).is_empty());
        assert!(questions_concerned("span question response value is invalid", &[], &qs).is_empty(), "two span questions: no guess");
    }
}

//! What a suggestion says about one option of a label question: whether it
//! suggests that option, with which score, from which agent.

use crate::api::types::Suggestion;
use serde_json::Value;

/// The suggestion's score for `option` when it suggests it: a label
/// suggestion has one score, a multi-label one a score per value (in order).
/// `Some(None)` is suggested without a score.
pub fn option_score(suggestion: &Suggestion, option: &str) -> Option<Option<f64>> {
    let score = suggestion.score.as_ref();
    match &suggestion.value {
        Value::String(v) if v == option => Some(score.and_then(Value::as_f64)),
        // A rating's value is a number; its option is written as one.
        Value::Number(n) if n.to_string() == option => Some(score.and_then(Value::as_f64)),
        Value::Array(values) => {
            let at = values.iter().position(|v| v.as_str() == Some(option))?;
            Some(score.and_then(|s| s.as_array().map_or_else(|| s.as_f64(), |all| all.get(at).and_then(Value::as_f64))))
        }
        _ => None,
    }
}

/// The order a multi-label question set to "suggestion first" shows its options
/// in, as positions in `options`: the suggested ones first, highest score first
/// (unscored ones after the scored, in the suggestion's order), then the rest in
/// their own order. Without a suggestion, the options' own order.
pub fn suggestion_first(options: &[&str], suggestion: Option<&Suggestion>) -> Vec<usize> {
    let mut suggested: Vec<(usize, Option<f64>, usize)> = Vec::new();
    let mut rest = Vec::new();
    for (i, option) in options.iter().enumerate() {
        match suggestion.and_then(|s| option_score(s, option).map(|score| (s, score))) {
            Some((s, score)) => {
                let at = s.value.as_array().and_then(|v| v.iter().position(|v| v.as_str() == Some(option))).unwrap_or(0);
                suggested.push((i, score.filter(|x| x.is_finite()), at));
            }
            None => rest.push(i),
        }
    }
    suggested.sort_by(|a, b| match (a.1, b.1) {
        (Some(x), Some(y)) => y.total_cmp(&x).then(a.2.cmp(&b.2)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.2.cmp(&b.2),
    });
    suggested.into_iter().map(|(i, ..)| i).chain(rest).collect()
}

/// Two decimals at most, in the reader's number format: 0.852 → "0.85", 0.7 → "0.7", 1 → "1".
pub fn score_text(score: f64) -> String {
    crate::i18n::decimal(score, 2)
}

/// The hover text: who suggested it, and the exact score.
pub fn suggestion_title(agent: Option<&str>, score: Option<f64>) -> String {
    use crate::i18n::{k, t, tf};
    let score = score.map(|s| crate::i18n::decimal(s, 4));
    match (agent.filter(|a| !a.is_empty()), score) {
        (Some(agent), Some(score)) => tf(k::questions::suggested_by_score, &[("agent", &agent), ("score", &score)]),
        (Some(agent), None) => tf(k::questions::suggested_by, &[("agent", &agent)]),
        (None, Some(score)) => tf(k::questions::suggested_score, &[("score", &score)]),
        (None, None) => t(k::questions::suggested_plain).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn suggestion(value: Value, score: Value) -> Suggestion {
        Suggestion { question_id: "q".into(), value, score: Some(score), agent: Some("demo-model-v1".into()) }
    }

    #[test]
    fn a_label_suggestion_scores_only_its_option() {
        let s = suggestion(json!("positive"), json!(0.852));
        assert_eq!(option_score(&s, "positive"), Some(Some(0.852)));
        assert_eq!(option_score(&s, "negative"), None);
    }

    #[test]
    fn a_rating_suggestion_marks_its_value() {
        let s = suggestion(json!(3), json!(0.8));
        assert_eq!(option_score(&s, "3"), Some(Some(0.8)));
        assert_eq!(option_score(&s, "4"), None);
    }

    #[test]
    fn a_multi_label_suggestion_has_a_score_per_value() {
        let s = suggestion(json!(["science", "politics"]), json!([0.9, 0.6]));
        assert_eq!(option_score(&s, "politics"), Some(Some(0.6)));
        assert_eq!(option_score(&s, "food"), None);
        let unscored = suggestion(json!(["science"]), Value::Null);
        assert_eq!(option_score(&unscored, "science"), Some(None));
    }

    #[test]
    fn suggestion_first_puts_the_suggested_options_first_by_score() {
        let options = ["food", "politics", "science", "sport", "travel"];
        let s = suggestion(json!(["travel", "politics", "sport"]), json!([0.2, 0.9, 0.5]));
        assert_eq!(suggestion_first(&options, Some(&s)), vec![1, 3, 4, 0, 2]);
        // Unscored: the suggestion's own order, after any scored one.
        let unscored = suggestion(json!(["sport", "food"]), Value::Null);
        assert_eq!(suggestion_first(&options, Some(&unscored)), vec![3, 0, 1, 2, 4]);
        let partly = suggestion(json!(["sport", "food"]), json!([null, 0.1]));
        assert_eq!(suggestion_first(&options, Some(&partly)), vec![0, 3, 1, 2, 4]);
        // Nothing suggested, or values this question does not have: the natural order.
        assert_eq!(suggestion_first(&options, None), vec![0, 1, 2, 3, 4]);
        let unknown = suggestion(json!(["cooking"]), json!([1.0]));
        assert_eq!(suggestion_first(&options, Some(&unknown)), vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn texts_for_the_mark_and_its_hover() {
        assert_eq!(score_text(0.852), "0.85");
        assert_eq!(score_text(0.7), "0.7");
        assert_eq!(score_text(1.0), "1");
        assert_eq!(suggestion_title(Some("demo-model-v1"), Some(0.852)), "Suggested by demo-model-v1, score 0.852");
        assert_eq!(suggestion_title(None, None), "Suggested");
        assert_eq!(suggestion_title(Some(""), Some(0.5)), "Suggested, score 0.5");
    }
}

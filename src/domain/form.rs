//! The answer form of one record: one answer per question, pre-filled from the
//! user's saved response or from suggestions, with undo/redo.

use crate::api::types::{Question, QuestionSettings, Record, ValueItem};
pub use super::ranking::Ranking;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Label(Option<String>),
    MultiLabel(Vec<String>),
    Rating(Option<i64>),
    Text(String),
    /// Empty: not ranked yet.
    Ranking(Ranking),
    Spans(Vec<Span>),
    /// A question type this app does not know: its value is kept as is.
    Other(Option<Value>),
}

impl Answer {
    pub fn empty_for(question: &Question) -> Answer {
        match question.settings {
            QuestionSettings::LabelSelection { .. } => Answer::Label(None),
            QuestionSettings::MultiLabelSelection { .. } => Answer::MultiLabel(vec![]),
            QuestionSettings::Rating { .. } => Answer::Rating(None),
            QuestionSettings::Text { .. } => Answer::Text(String::new()),
            QuestionSettings::Ranking { .. } => Answer::Ranking(Ranking::default()),
            QuestionSettings::Span { .. } => Answer::Spans(vec![]),
            QuestionSettings::Unknown => Answer::Other(None),
        }
    }

    /// Reads a stored or suggested value; `None` if it does not fit the question.
    pub fn from_value(question: &Question, value: &Value) -> Option<Answer> {
        let strings = |v: &Value| -> Option<Vec<String>> {
            v.as_array()?.iter().map(|x| x.as_str().map(str::to_owned)).collect()
        };
        Some(match question.settings {
            QuestionSettings::LabelSelection { .. } => Answer::Label(Some(value.as_str()?.to_owned())),
            QuestionSettings::MultiLabelSelection { .. } => Answer::MultiLabel(strings(value)?),
            QuestionSettings::Rating { .. } => Answer::Rating(Some(value.as_i64()?)),
            QuestionSettings::Text { .. } => Answer::Text(value.as_str()?.to_owned()),
            QuestionSettings::Ranking { ref options } => {
                let ranking = match strings(value) {
                    Some(plain) => Ranking::in_order(plain),
                    None => Ranking::from_ranks(
                        value.as_array()?.iter().map(|i| Some((i.get("rank").and_then(Value::as_i64), i.get("value")?.as_str()?.to_owned()))).collect::<Option<_>>()?,
                    ),
                };
                Answer::Ranking(ranking.completed(&options.iter().map(|o| o.value.clone()).collect::<Vec<_>>()))
            }
            QuestionSettings::Span { .. } => Answer::Spans(serde_json::from_value(value.clone()).ok()?),
            QuestionSettings::Unknown => Answer::Other(Some(value.clone())),
        })
    }

    /// This answer as far as the question takes it: options it does not have go (a
    /// suggestion from another model, an option removed since the answer was saved), and
    /// spans must lie inside the text (`chars`: its length, when the record has it) and
    /// not overlap where the question forbids it. `None` if nothing is left. The server
    /// refuses a value with any of these, whatever the answer's status.
    pub fn fits(self, question: &Question, chars: Option<usize>) -> Option<Answer> {
        let fitted = match (&question.settings, self) {
            (QuestionSettings::LabelSelection { options, .. }, Answer::Label(Some(v))) => Answer::Label(options.iter().any(|o| o.value == v).then_some(v)),
            (QuestionSettings::MultiLabelSelection { options, .. }, Answer::MultiLabel(mut v)) => {
                let mut seen = std::collections::BTreeSet::new();
                v.retain(|x| options.iter().any(|o| o.value == *x) && seen.insert(x.clone()));
                Answer::MultiLabel(v)
            }
            (QuestionSettings::Rating { options }, Answer::Rating(Some(r))) => Answer::Rating(options.iter().any(|o| o.value == r).then_some(r)),
            (QuestionSettings::Span { options, allow_overlapping, .. }, Answer::Spans(spans)) => {
                let inside = |s: &Span| s.start < s.end && chars.is_none_or(|n| s.end <= n) && options.iter().any(|o| o.value == s.label);
                let mut fitted: Vec<Span> = spans.iter().filter(|s| inside(s)).cloned().collect();
                fitted.sort();
                fitted.dedup();
                // Sorted and apart (the usual case, thousands of token spans from another client):
                // nothing to replace. Otherwise a later span replaces those it overlaps, one by one.
                if !*allow_overlapping && fitted.windows(2).any(|w| w[0].end > w[1].start) {
                    fitted = spans.iter().filter(|s| inside(s)).cloned().fold(vec![], |kept, s| add_span(&kept, s, false));
                }
                match fitted.len() {
                    // Every span fits: the list as it came, in its own order.
                    n if n == spans.len() => Answer::Spans(spans),
                    // Spans given, none of them fits: no answer, rather than "nothing to mark".
                    0 => return None,
                    _ => Answer::Spans(fitted),
                }
            }
            (_, other) => other,
        };
        (!fitted.is_empty()).then_some(fitted)
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Answer::Label(v) => v.is_none(),
            Answer::MultiLabel(v) => v.is_empty(),
            Answer::Rating(v) => v.is_none(),
            Answer::Text(v) => v.trim().is_empty(),
            Answer::Ranking(v) => v.is_empty(),
            // An empty span list is a real answer ("no entities here").
            Answer::Spans(_) => false,
            Answer::Other(v) => v.is_none(),
        }
    }

    /// The JSON the server stores for this answer.
    pub fn to_value(&self) -> Option<Value> {
        if self.is_empty() {
            return None;
        }
        Some(match self {
            Answer::Label(Some(v)) => json!(v),
            Answer::MultiLabel(v) => json!(v),
            Answer::Rating(Some(v)) => json!(v),
            Answer::Text(v) => json!(v),
            Answer::Ranking(ranking) => Value::Array(ranking.ranks().into_iter().map(|(v, rank)| json!({"value": v, "rank": rank})).collect()),
            Answer::Spans(spans) => json!(spans),
            Answer::Other(Some(v)) => v.clone(),
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AnswerState {
    pub answer: Answer,
    /// Pre-filled from a suggestion and not changed since.
    pub from_suggestion: bool,
    /// The saved value as the server has it, while this question is not edited: sent back
    /// as it is (a ranking with ties, a value this app reads differently), never rewritten.
    pub kept: Option<Value>,
}

impl AnswerState {
    fn new(answer: Answer, from_suggestion: bool) -> AnswerState {
        AnswerState { answer, from_suggestion, kept: None }
    }

    /// `answer`, keeping `value` to send back as it is where the server takes it back: a
    /// ranking only when it ranks every option once, 1 to N (ties allowed); one that ranks
    /// some goes as the app completed it, as the server wants a submitted ranking whole.
    fn saved(question: &Question, answer: Answer, value: Option<Value>) -> AnswerState {
        let kept = value.filter(|v| match &question.settings {
            QuestionSettings::Ranking { options } => ranks_every_option(v, options),
            _ => true,
        });
        AnswerState { kept, ..AnswerState::new(answer, false) }
    }
}

/// A saved value as the question takes it now: kept, to go back exactly as stored, when
/// it fits whole; else what is left of it (see [`Answer::fits`]), sent as read.
fn saved_state(question: &Question, value: Option<Value>, chars: Option<usize>) -> AnswerState {
    // A value of null (or none) is no answer: sent back, the server refuses it.
    let value = value.filter(|v| !v.is_null());
    match value.as_ref().and_then(|v| Answer::from_value(question, v)) {
        Some(answer) if answer.is_empty() => AnswerState::saved(question, answer, value),
        Some(answer) => match answer.clone().fits(question, chars) {
            Some(fitted) if fitted == answer => AnswerState::saved(question, answer, value),
            fitted => AnswerState::saved(question, fitted.unwrap_or_else(|| Answer::empty_for(question)), None),
        },
        None => AnswerState::saved(question, Answer::empty_for(question), value),
    }
}

/// The length in characters of the text a span question marks, if the record has it.
fn span_text_length(question: &Question, record: &Record) -> Option<usize> {
    match &question.settings {
        QuestionSettings::Span { field, .. } => record.fields.get(field).and_then(Value::as_str).map(|t| t.chars().count()),
        _ => None,
    }
}

fn ranks_every_option(value: &Value, options: &[crate::api::types::OptionItem]) -> bool {
    let Some(items) = value.as_array() else { return false };
    let n = options.len() as i64;
    let mut values: Vec<&str> = items.iter().filter_map(|i| i.get("value")?.as_str()).collect();
    let ranks_fit = items.iter().all(|i| i.get("rank").and_then(Value::as_i64).is_some_and(|r| (1..=n).contains(&r)));
    values.sort_unstable();
    values.dedup();
    ranks_fit && items.len() == options.len() && values.len() == options.len() && options.iter().all(|o| values.contains(&o.value.as_str()))
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Form {
    pub answers: BTreeMap<String, AnswerState>,
}

impl Form {
    /// The user's saved answers if they have a response, else the suggestions; either
    /// as far as the question takes it (see [`Answer::fits`]). A response without
    /// values (a discard) is still the user's: no suggestion is put in their mouth.
    pub fn for_record(questions: &[Question], record: &Record) -> Form {
        let saved = record.responses.first().map(|r| r.values.clone().unwrap_or_default());
        let mut answers = BTreeMap::new();
        for q in questions {
            let chars = span_text_length(q, record);
            let state = match &saved {
                Some(values) => saved_state(q, values.get(&q.name).map(|v| v.value.clone()), chars),
                // A question this app cannot show gets no suggestion as an answer nobody saw.
                None if matches!(q.settings, QuestionSettings::Unknown) => AnswerState::new(Answer::empty_for(q), false),
                None => match record
                    .suggestions
                    .iter()
                    .find(|s| s.question_id == q.id)
                    .and_then(|s| Answer::from_value(q, &s.value))
                    .and_then(|answer| answer.fits(q, chars))
                {
                    Some(answer) => AnswerState::new(answer, true),
                    None => AnswerState::new(Answer::empty_for(q), false),
                },
            };
            answers.insert(q.name.clone(), state);
        }
        Form { answers }
    }

    /// A form from stored values (e.g. unsaved local edits).
    pub fn from_values(questions: &[Question], values: &BTreeMap<String, ValueItem>) -> Form {
        let answers = questions
            .iter()
            .map(|q| (q.name.clone(), saved_state(q, values.get(&q.name).map(|v| v.value.clone()), None)))
            .collect();
        Form { answers }
    }

    pub fn answer(&self, question: &str) -> Option<&Answer> {
        self.answers.get(question).map(|s| &s.answer)
    }

    pub fn set(&mut self, question: &str, answer: Answer) {
        self.answers.insert(question.to_owned(), AnswerState::new(answer, false));
    }

    /// The `values` of a response body: every non-empty answer.
    pub fn values(&self) -> BTreeMap<String, ValueItem> {
        self.answers
            .iter()
            .filter_map(|(name, s)| s.kept.clone().or_else(|| s.answer.to_value()).map(|value| (name.clone(), ValueItem { value })))
            .collect()
    }

    /// The `values` for this record: a span question whose text field the record lacks (or
    /// has empty, as null) has nothing to mark, and the server refuses any value for it.
    pub fn values_for(&self, questions: &[Question], record: &Record) -> BTreeMap<String, ValueItem> {
        let mut values = self.values();
        for q in questions {
            if let QuestionSettings::Span { field, .. } = &q.settings {
                if !record.fields.get(field).is_some_and(Value::is_string) {
                    values.remove(&q.name);
                }
            }
        }
        values
    }

    /// Names of required questions without an answer, in question order (a question of a
    /// type this app cannot show is left to the server).
    pub fn missing_required(&self, questions: &[Question]) -> Vec<String> {
        questions
            .iter()
            .filter(|q| q.required && !matches!(q.settings, QuestionSettings::Unknown))
            .filter(|q| self.answer(&q.name).is_none_or(Answer::is_empty))
            .map(|q| q.name.clone())
            .collect()
    }
}

/// Toggles `value` in a multi-label answer, keeping option order.
pub fn toggle_label(selected: &[String], value: &str, option_order: &[String]) -> Vec<String> {
    let mut next: Vec<String> = if selected.iter().any(|s| s == value) {
        selected.iter().filter(|s| *s != value).cloned().collect()
    } else {
        let mut v = selected.to_vec();
        v.push(value.to_owned());
        v
    };
    next.sort_by_key(|v| option_order.iter().position(|o| o == v).unwrap_or(usize::MAX));
    next
}

/// Adds a span. Without overlapping, spans it overlaps are replaced; the same span twice is kept once.
pub fn add_span(spans: &[Span], new: Span, allow_overlapping: bool) -> Vec<Span> {
    if new.start >= new.end {
        return spans.to_vec();
    }
    let mut out: Vec<Span> = spans
        .iter()
        .filter(|s| *s != &new)
        .filter(|s| allow_overlapping || s.end <= new.start || s.start >= new.end)
        .cloned()
        .collect();
    out.push(new);
    out.sort();
    out
}

/// Converts a UTF-16 offset (what the browser's Selection gives) to a
/// character offset (what argilla stores: Python string indices).
pub fn utf16_to_char_offset(text: &str, utf16: usize) -> usize {
    let mut units = 0;
    for (i, c) in text.chars().enumerate() {
        if units >= utf16 {
            return i;
        }
        units += c.len_utf16();
    }
    text.chars().count()
}

/// Undo/redo of form edits on the current record.
#[derive(Debug, Clone, Default)]
pub struct History {
    past: Vec<Form>,
    future: Vec<Form>,
}

impl History {
    const LIMIT: usize = 200;

    /// Call before applying an edit, with the form as it was.
    pub fn record(&mut self, before: &Form) {
        self.past.push(before.clone());
        if self.past.len() > Self::LIMIT {
            self.past.remove(0);
        }
        self.future.clear();
    }

    pub fn undo(&mut self, current: &Form) -> Option<Form> {
        let previous = self.past.pop()?;
        self.future.push(current.clone());
        Some(previous)
    }

    pub fn redo(&mut self, current: &Form) -> Option<Form> {
        let next = self.future.pop()?;
        self.past.push(current.clone());
        Some(next)
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }
}

/// A choice made by a number key, as words for a screen reader: the options
/// chosen now, by their text (`Some("")` when none is); `None` for question
/// types whose keys say it otherwise.
pub fn chosen_now(question: &Question, answer: Option<&Answer>) -> Option<String> {
    let text_of = |options: &[crate::api::types::OptionItem], value: &str| {
        options.iter().find(|o| o.value == value).map_or(value, |o| o.label()).to_owned()
    };
    match (&question.settings, answer) {
        (QuestionSettings::LabelSelection { options, .. }, Some(Answer::Label(Some(v)))) => Some(text_of(options, v)),
        (QuestionSettings::MultiLabelSelection { options, .. }, Some(Answer::MultiLabel(values))) => {
            Some(crate::i18n::list(&values.iter().map(|v| text_of(options, v)).collect::<Vec<_>>()))
        }
        (QuestionSettings::Rating { .. }, Some(Answer::Rating(Some(v)))) => Some(v.to_string()),
        (QuestionSettings::LabelSelection { .. } | QuestionSettings::MultiLabelSelection { .. } | QuestionSettings::Rating { .. }, _) => Some(String::new()),
        _ => None,
    }
}

/// The rating a digit key gives (`digit` 0–9): the value written on it, so that 5 is a rating
/// of 5 on a 0–10 scale as on a 1–5 one; 0 is 10 where there is no 0.
pub fn rating_for_digit(values: &[i64], digit: u32) -> Option<i64> {
    let wanted = i64::from(digit);
    if values.contains(&wanted) {
        return Some(wanted);
    }
    (digit == 0 && values.contains(&10)).then_some(10)
}

/// The digit key that gives the rating `value`, when one does (see `rating_for_digit`).
pub fn digit_for_rating(values: &[i64], value: i64) -> Option<u32> {
    (0..=9).find(|&d| rating_for_digit(values, d) == Some(value))
}

/// ↓ or ↑ (`down` or not) in a single-choice question: the answer with the next or previous
/// option chosen, going round; from none, the first or the last. Every option is reached
/// this way, past the tenth that number keys stop at.
pub fn stepped_choice(question: &Question, answer: Option<&Answer>, down: bool) -> Option<Answer> {
    let step = |count: usize, at: Option<usize>| match (at, down) {
        (None, true) => 0,
        (None, false) => count - 1,
        (Some(i), true) => (i + 1) % count,
        (Some(i), false) => (i + count - 1) % count,
    };
    match (&question.settings, answer) {
        (QuestionSettings::LabelSelection { options, .. }, answer) if !options.is_empty() => {
            let at = match answer {
                Some(Answer::Label(Some(v))) => options.iter().position(|o| o.value == *v),
                _ => None,
            };
            Some(Answer::Label(Some(options[step(options.len(), at)].value.clone())))
        }
        (QuestionSettings::Rating { options }, answer) if !options.is_empty() => {
            let at = match answer {
                Some(Answer::Rating(Some(v))) => options.iter().position(|o| o.value == *v),
                _ => None,
            };
            Some(Answer::Rating(Some(options[step(options.len(), at)].value)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::types::{Items, Record};

    #[test]
    fn a_digit_gives_the_rating_written_on_it() {
        let zero_to_ten: Vec<i64> = (0..=10).collect();
        assert_eq!(rating_for_digit(&zero_to_ten, 5), Some(5));
        assert_eq!(rating_for_digit(&zero_to_ten, 0), Some(0));
        assert_eq!(digit_for_rating(&zero_to_ten, 10), None, "10 by the arrows only, 0 is taken");
        let one_to_ten: Vec<i64> = (1..=10).collect();
        assert_eq!(rating_for_digit(&one_to_ten, 0), Some(10));
        assert_eq!(digit_for_rating(&one_to_ten, 10), Some(0));
        assert_eq!(rating_for_digit(&[1, 2, 3, 4, 5], 7), None);
        assert_eq!(digit_for_rating(&[1, 2, 3, 4, 5], 3), Some(3));
    }

    #[test]
    fn arrow_keys_step_through_every_option_of_a_single_choice_and_go_round() {
        let qs = questions();
        let rating = Question {
            settings: QuestionSettings::Rating { options: (0..=10).map(|value| crate::api::types::RatingOption { value }).collect() },
            ..qs[2].clone()
        };
        assert_eq!(stepped_choice(&rating, None, true), Some(Answer::Rating(Some(0))));
        assert_eq!(stepped_choice(&rating, None, false), Some(Answer::Rating(Some(10))), "the eleventh, which no number key reaches");
        assert_eq!(stepped_choice(&rating, Some(&Answer::Rating(Some(9))), true), Some(Answer::Rating(Some(10))));
        assert_eq!(stepped_choice(&rating, Some(&Answer::Rating(Some(10))), true), Some(Answer::Rating(Some(0))));
        assert_eq!(stepped_choice(&rating, Some(&Answer::Rating(Some(0))), false), Some(Answer::Rating(Some(10))));
        let QuestionSettings::LabelSelection { options, .. } = &qs[0].settings else { panic!("a label question first") };
        let last = options.last().unwrap().value.clone();
        assert_eq!(stepped_choice(&qs[0], Some(&Answer::Label(None)), false), Some(Answer::Label(Some(last))));
        assert_eq!(stepped_choice(&qs[0], Some(&Answer::Label(Some(options[0].value.clone()))), true), Some(Answer::Label(Some(options[1].value.clone()))));
        assert_eq!(stepped_choice(&qs[1], None, true), None, "not a single choice");
    }

    #[test]
    fn a_number_key_choice_is_said_by_the_options_text() {
        let mut qs = questions();
        if let QuestionSettings::MultiLabelSelection { options, .. } = &mut qs[1].settings {
            options[1].text = Some("Bee".into());
        }
        assert_eq!(chosen_now(&qs[0], Some(&Answer::Label(Some("positive".into())))).as_deref(), Some("positive"));
        assert_eq!(chosen_now(&qs[1], Some(&Answer::MultiLabel(vec!["a".into(), "b".into()]))).as_deref(), Some("a, Bee"));
        assert_eq!(chosen_now(&qs[1], Some(&Answer::MultiLabel(vec![]))).as_deref(), Some(""));
        assert_eq!(chosen_now(&qs[2], Some(&Answer::Rating(Some(3)))).as_deref(), Some("3"));
        assert_eq!(chosen_now(&qs[2], None).as_deref(), Some(""));
        assert_eq!(chosen_now(&qs[3], Some(&Answer::Ranking(Ranking::default()))), None, "ranking says it otherwise");
    }

    fn questions() -> Vec<Question> {
        let body = r#"{"items":[
          {"id":"q1","name":"sentiment","title":"S","required":true,"settings":{"type":"label_selection","options":[{"value":"positive"},{"value":"negative"}]}},
          {"id":"q2","name":"topics","title":"T","required":false,"settings":{"type":"multi_label_selection","options":[{"value":"a"},{"value":"b"},{"value":"c"}]}},
          {"id":"q3","name":"quality","title":"Q","required":true,"settings":{"type":"rating","options":[{"value":1},{"value":2},{"value":3}]}},
          {"id":"q4","name":"ranking","title":"R","required":false,"settings":{"type":"ranking","options":[{"value":"x"},{"value":"y"},{"value":"z"}]}},
          {"id":"q5","name":"entities","title":"E","required":false,"settings":{"type":"span","field":"text","options":[{"value":"PER"},{"value":"LOC"}],"allow_overlapping":false}},
          {"id":"q6","name":"comment","title":"C","required":false,"settings":{"type":"text","use_markdown":true}}]}"#;
        serde_json::from_str::<Items<Question>>(body).unwrap().items
    }

    fn record(json: &str) -> Record {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn value_json_for_each_type_matches_the_api() {
        let qs = questions();
        let mut form = Form::for_record(&qs, &record(r#"{"id":"r"}"#));
        form.set("sentiment", Answer::Label(Some("positive".into())));
        form.set("topics", Answer::MultiLabel(vec!["a".into(), "b".into()]));
        form.set("quality", Answer::Rating(Some(3)));
        form.set("ranking", Answer::Ranking(Ranking::in_order(["y", "x", "z"])));
        form.set("entities", Answer::Spans(vec![Span { start: 12, end: 24, label: "PER".into() }]));
        form.set("comment", Answer::Text("fine".into()));
        let values = serde_json::to_value(form.values()).unwrap();
        assert_eq!(
            values,
            json!({
                "sentiment": {"value": "positive"},
                "topics": {"value": ["a", "b"]},
                "quality": {"value": 3},
                "ranking": {"value": [{"value": "y", "rank": 1}, {"value": "x", "rank": 2}, {"value": "z", "rank": 3}]},
                "entities": {"value": [{"start": 12, "end": 24, "label": "PER"}]},
                "comment": {"value": "fine"}
            })
        );
    }

    #[test]
    fn a_span_question_whose_field_the_record_lacks_sends_nothing() {
        let qs = questions();
        for fields in [r#"{}"#, r#"{"text": null}"#, r#"{"text": 4}"#] {
            let r = record(&format!(r#"{{"id":"r","fields":{fields}}}"#));
            let form = Form::for_record(&qs, &r);
            assert_eq!(serde_json::to_value(form.values_for(&qs, &r)).unwrap(), json!({}), "{fields}");
        }
        let r = record(r#"{"id":"r","fields":{"text":"Ada"}}"#);
        assert_eq!(serde_json::to_value(Form::for_record(&qs, &r).values_for(&qs, &r)).unwrap(), json!({"entities": {"value": []}}));
    }

    #[test]
    fn suggestions_and_saved_answers_outside_the_questions_options_are_not_taken() {
        let qs = questions();
        let r = record(
            r#"{"id":"r","fields":{"text":"Ada Lovelace"},"suggestions":[
              {"question_id":"q1","value":"unknown"},
              {"question_id":"q2","value":["a","bogus","a"]},
              {"question_id":"q3","value":7},
              {"question_id":"q5","value":[{"start":0,"end":3,"label":"PER"},{"start":4,"end":40,"label":"PER"},{"start":4,"end":12,"label":"ORG"}]}]}"#,
        );
        let form = Form::for_record(&qs, &r);
        assert_eq!(form.answer("sentiment"), Some(&Answer::Label(None)));
        assert_eq!(form.answer("topics"), Some(&Answer::MultiLabel(vec!["a".into()])));
        assert_eq!(form.answer("quality"), Some(&Answer::Rating(None)));
        assert_eq!(form.answer("entities"), Some(&Answer::Spans(vec![Span { start: 0, end: 3, label: "PER".into() }])), "inside the text, with a label the question has");
        assert_eq!(form.missing_required(&qs), ["sentiment", "quality"], "asked for, not taken as answered");

        let none_fit = record(r#"{"id":"r","fields":{"text":"Ada"},"suggestions":[{"question_id":"q5","value":[{"start":0,"end":9,"label":"PER"}]}]}"#);
        let entities = &Form::for_record(&qs, &none_fit).answers["entities"];
        assert!(!entities.from_suggestion, "no fitting span: no suggestion, rather than 'nothing to mark'");

        let overlapping = record(r#"{"id":"r","fields":{"text":"Ada Lovelace"},"suggestions":[{"question_id":"q5","value":[{"start":0,"end":5,"label":"PER"},{"start":4,"end":12,"label":"LOC"}]}]}"#);
        assert_eq!(Form::for_record(&qs, &overlapping).answer("entities"), Some(&Answer::Spans(vec![Span { start: 4, end: 12, label: "LOC".into() }])), "the question forbids overlaps");

        let saved = record(r#"{"id":"r","responses":[{"id":"a","status":"draft","values":{"sentiment":{"value":"gone"},"topics":{"value":["b","gone"]},"quality":{"value":2}}}]}"#);
        let values = serde_json::to_value(Form::for_record(&qs, &saved).values_for(&qs, &saved)).unwrap();
        assert_eq!(values, json!({"topics": {"value": ["b"]}, "quality": {"value": 2}}), "an option removed since is not sent back");
    }

    #[test]
    fn a_question_of_an_unknown_type_takes_no_suggestion_and_is_not_asked_for() {
        let body = r#"{"items":[{"id":"q9","name":"future","title":"F","required":true,"settings":{"type":"hologram"}}]}"#;
        let qs = serde_json::from_str::<Items<Question>>(body).unwrap().items;
        let r = record(r#"{"id":"r","suggestions":[{"question_id":"q9","value":"x"}]}"#);
        let form = Form::for_record(&qs, &r);
        assert_eq!(form.values(), BTreeMap::new(), "the suggestion is not an answer");
        assert!(form.missing_required(&qs).is_empty());
        let saved = record(r#"{"id":"r","responses":[{"id":"x","status":"draft","values":{"future":{"value":[1,2]}}}]}"#);
        assert_eq!(serde_json::to_value(Form::for_record(&qs, &saved).values()).unwrap(), json!({"future": {"value": [1, 2]}}), "a saved value is kept");
    }

    #[test]
    fn a_saved_value_goes_back_as_it_is_until_its_question_is_edited() {
        let qs = questions();
        let tied = r#"[{"value":"x","rank":1},{"value":"y","rank":1},{"value":"z","rank":2}]"#;
        let r = record(&format!(r#"{{"id":"r","responses":[{{"id":"a","status":"draft","values":{{"ranking":{{"value":{tied}}},"quality":{{"value":2.0}}}}}}]}}"#));
        let mut form = Form::for_record(&qs, &r);
        form.set("sentiment", Answer::Label(Some("positive".into())));
        let values = serde_json::to_value(form.values()).unwrap();
        assert_eq!(values["ranking"]["value"], serde_json::from_str::<Value>(tied).unwrap(), "the tie stays");
        assert_eq!(values["quality"]["value"], json!(2.0), "a value read otherwise stays as saved");
        form.set("ranking", Answer::Ranking(Ranking::in_order(["z", "y", "x"])));
        let values = serde_json::to_value(form.values()).unwrap();
        assert_eq!(values["ranking"]["value"][0], json!({"value": "z", "rank": 1}), "an edit is sent as made");
    }

    #[test]
    fn a_suggested_tie_is_sent_as_a_tie() {
        let qs = questions();
        let r = record(r#"{"id":"r","suggestions":[{"question_id":"q4","value":[{"value":"z","rank":1},{"value":"x","rank":1},{"value":"y","rank":3}]}]}"#);
        let values = serde_json::to_value(Form::for_record(&qs, &r).values()).unwrap();
        assert_eq!(values["ranking"]["value"], json!([{"value": "z", "rank": 1}, {"value": "x", "rank": 1}, {"value": "y", "rank": 2}]));
    }

    #[test]
    fn a_saved_ranking_that_ranks_only_some_options_goes_back_completed() {
        let qs = questions();
        let partial = record(r#"{"id":"r","responses":[{"id":"a","status":"draft","values":{"ranking":{"value":[{"value":"y","rank":1}]}}}]}"#);
        let values = serde_json::to_value(Form::for_record(&qs, &partial).values()).unwrap();
        assert_eq!(values["ranking"]["value"], json!([{"value": "y", "rank": 1}, {"value": "x", "rank": 2}, {"value": "z", "rank": 3}]));
        let unranked = record(r#"{"id":"r","responses":[{"id":"a","status":"draft","values":{"ranking":{"value":[{"value":"x","rank":null},{"value":"y","rank":1},{"value":"z","rank":2}]}}}]}"#);
        let values = serde_json::to_value(Form::for_record(&qs, &unranked).values()).unwrap();
        assert_eq!(values["ranking"]["value"][0], json!({"value": "y", "rank": 1}), "a null rank is not sent back");
    }

    #[test]
    fn empty_answers_are_left_out_but_an_empty_span_list_is_sent() {
        let qs = questions();
        let form = Form::for_record(&qs, &record(r#"{"id":"r"}"#));
        assert_eq!(serde_json::to_value(form.values()).unwrap(), json!({"entities": {"value": []}}));
    }

    #[test]
    fn suggestions_prefill_and_are_marked_until_changed() {
        let qs = questions();
        let r = record(
            r#"{"id":"r","suggestions":[{"question_id":"q1","value":"negative","score":0.9,"agent":"m"},
               {"question_id":"q5","value":[{"start":0,"end":3,"label":"PER"}]}]}"#,
        );
        let mut form = Form::for_record(&qs, &r);
        assert_eq!(form.answer("sentiment"), Some(&Answer::Label(Some("negative".into()))));
        assert!(form.answers["sentiment"].from_suggestion);
        assert!(form.answers["entities"].from_suggestion);
        assert!(!form.answers["quality"].from_suggestion);
        form.set("sentiment", Answer::Label(Some("positive".into())));
        assert!(!form.answers["sentiment"].from_suggestion);
    }

    #[test]
    fn saved_response_wins_over_suggestions() {
        let qs = questions();
        let r = record(
            r#"{"id":"r","responses":[{"id":"resp","status":"draft","values":{"quality":{"value":2},
                 "ranking":{"value":[{"value":"z","rank":1},{"value":"x","rank":2},{"value":"y","rank":3}]}}}],
               "suggestions":[{"question_id":"q1","value":"negative"}]}"#,
        );
        let form = Form::for_record(&qs, &r);
        assert_eq!(form.answer("quality"), Some(&Answer::Rating(Some(2))));
        assert_eq!(form.answer("sentiment"), Some(&Answer::Label(None)), "a saved response is not mixed with suggestions");
        assert_eq!(form.answer("ranking"), Some(&Answer::Ranking(Ranking::in_order(["z", "x", "y"]))));
    }

    #[test]
    fn a_response_without_values_takes_no_suggestion() {
        let qs = questions();
        let r = record(r#"{"id":"r","responses":[{"id":"resp","status":"discarded","values":null}],"suggestions":[{"question_id":"q1","value":"negative"}]}"#);
        let form = Form::for_record(&qs, &r);
        assert_eq!(form.answer("sentiment"), Some(&Answer::Label(None)));
        assert!(!form.answers["sentiment"].from_suggestion);
    }

    #[test]
    fn required_questions_must_be_answered() {
        let qs = questions();
        let mut form = Form::for_record(&qs, &record(r#"{"id":"r"}"#));
        assert_eq!(form.missing_required(&qs), ["sentiment", "quality"]);
        form.set("sentiment", Answer::Label(Some("positive".into())));
        form.set("quality", Answer::Rating(Some(1)));
        assert!(form.missing_required(&qs).is_empty());
        form.set("comment", Answer::Text("   ".into()));
        assert!(!form.values().contains_key("comment"), "blank text is no answer");
    }

    #[test]
    fn values_round_trip_through_from_values() {
        let qs = questions();
        let mut form = Form::for_record(&qs, &record(r#"{"id":"r"}"#));
        form.set("topics", Answer::MultiLabel(vec!["c".into()]));
        form.set("ranking", Answer::Ranking(Ranking::in_order(["z", "y", "x"])));
        let back = Form::from_values(&qs, &form.values());
        assert_eq!(back.values(), form.values());
    }

    #[test]
    fn spans_replace_overlaps_unless_allowed() {
        let a = Span { start: 0, end: 5, label: "PER".into() };
        let b = Span { start: 3, end: 8, label: "LOC".into() };
        let c = Span { start: 10, end: 12, label: "LOC".into() };
        let spans = add_span(&[a.clone(), c.clone()], b.clone(), false);
        assert_eq!(spans, vec![b.clone(), c.clone()]);
        let spans = add_span(&[a.clone(), c.clone()], b.clone(), true);
        assert_eq!(spans, vec![a.clone(), b.clone(), c.clone()]);
        assert_eq!(add_span(std::slice::from_ref(&a), a.clone(), true), vec![a.clone()], "no duplicates");
        assert_eq!(add_span(std::slice::from_ref(&a), Span { start: 4, end: 4, label: "X".into() }, false), vec![a]);
    }

    #[test]
    fn a_partial_ranking_suggestion_ranks_every_option() {
        let q = questions().into_iter().find(|q| q.name == "ranking").unwrap();
        let ranking = |v: serde_json::Value| Answer::from_value(&q, &v);
        let order = |v: &[&str]| Some(Answer::Ranking(Ranking::in_order(v.iter().copied())));
        assert_eq!(ranking(serde_json::json!([{"value": "y", "rank": 1}])), order(&["y", "x", "z"]), "the left-out options follow");
        assert_eq!(ranking(serde_json::json!([{"value": "z"}, {"value": "y", "rank": 1}])), order(&["y", "z", "x"]), "no rank goes last, kept");
        assert_eq!(ranking(serde_json::json!(["z", "z", "w", "x"])), order(&["z", "x", "y"]), "repeats and non-options dropped");
        assert_eq!(ranking(serde_json::json!(["w"])), order(&[]), "nothing rankable is no answer");
    }

    #[test]
    fn multi_label_toggle_keeps_option_order() {
        let order: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        let s = toggle_label(&[], "c", &order);
        let s = toggle_label(&s, "a", &order);
        assert_eq!(s, ["a", "c"]);
        assert_eq!(toggle_label(&s, "a", &order), ["c"]);
    }

    #[test]
    fn browser_offsets_become_character_offsets() {
        let text = "a😀b é";
        assert_eq!(utf16_to_char_offset(text, 0), 0);
        assert_eq!(utf16_to_char_offset(text, 1), 1);
        assert_eq!(utf16_to_char_offset(text, 3), 2, "the emoji is two UTF-16 units, one character");
        assert_eq!(utf16_to_char_offset(text, 6), 5);
        assert_eq!(utf16_to_char_offset(text, 99), 5);
    }

    #[test]
    fn undo_and_redo_walk_the_edits() {
        let qs = questions();
        let mut form = Form::for_record(&qs, &record(r#"{"id":"r"}"#));
        let mut history = History::default();
        let original = form.clone();
        history.record(&form);
        form.set("quality", Answer::Rating(Some(2)));
        let after_first = form.clone();
        history.record(&form);
        form.set("entities", Answer::Spans(vec![Span { start: 0, end: 1, label: "PER".into() }]));
        let undone = history.undo(&form).unwrap();
        assert_eq!(undone, after_first);
        let undone_twice = history.undo(&undone).unwrap();
        assert_eq!(undone_twice, original);
        assert!(history.undo(&undone_twice).is_none());
        let redone = history.redo(&undone_twice).unwrap();
        assert_eq!(redone, after_first);
        history.record(&redone);
        assert!(!history.can_redo(), "a new edit clears redo");
    }
}

use crate::api::types::{Question, QuestionSettings};
use crate::domain::form::{add_span, Answer, Span};
use crate::domain::span::{excerpts, tokens};
use std::cell::RefCell;
use std::sync::Arc;
use crate::ui::annotator::Annotator;
use crate::i18n::{k, t, tf};
use leptos::prelude::*;

pub struct SpanSetup {
    pub field: String,
    pub labels: Vec<String>,
    pub allow_overlapping: bool,
    pub allow_character_annotation: bool,
}

pub fn setup(question: &Question) -> Option<SpanSetup> {
    match &question.settings {
        QuestionSettings::Span { field, options, allow_overlapping, allow_character_annotation, .. } => Some(SpanSetup {
            field: field.clone(),
            labels: options.iter().map(|o| o.value.clone()).collect(),
            allow_overlapping: *allow_overlapping,
            allow_character_annotation: *allow_character_annotation,
        }),
        _ => None,
    }
}

pub fn spans_of(annotator: Annotator, question: &str) -> Vec<Span> {
    match annotator.form.with_untracked(|f| f.answer(question).cloned()) {
        Some(Answer::Spans(s)) => s,
        _ => vec![],
    }
}

/// One text's words, as `(start, end)` character offsets.
pub type Words = Arc<Vec<(usize, usize)>>;

thread_local! {
    /// The shown record's words per field, worked out once: a key in a span question must not
    /// walk a text of megabytes again, and the drawn text reads the same list.
    static WORDS: RefCell<(String, Vec<(String, usize, Words)>)> = const { RefCell::new((String::new(), Vec::new())) };
}

/// The words of the shown record's `field`.
pub fn words(annotator: Annotator, field: &str) -> Words {
    let id = annotator.current_id_untracked().unwrap_or_default();
    let len = annotator.with_field_text_untracked(field, str::len);
    let known = WORDS.with_borrow(|(i, all)| {
        all.iter().find(|(f, l, _)| *i == id && f == field && *l == len).map(|(.., words)| words.clone())
    });
    known.unwrap_or_else(|| {
        let words: Words = Arc::new(annotator.with_field_text_untracked(field, tokens));
        WORDS.with_borrow_mut(|(i, all)| {
            if *i != id {
                *i = id;
                all.clear();
            }
            all.retain(|(f, ..)| f != field);
            all.push((field.to_owned(), len, words.clone()));
        });
        words
    })
}

/// Adds a span `start..end` (characters) with `label`.
pub fn add(annotator: Annotator, question: &Question, start: usize, end: usize, label: &str) {
    let Some(s) = setup(question) else { return };
    let spans = add_span(&spans_of(annotator, &question.name), Span { start, end, label: label.to_owned() }, s.allow_overlapping);
    annotator.edit(&question.name, Answer::Spans(spans));
}

pub fn remove(annotator: Annotator, question: &str, span: &Span) {
    let spans: Vec<Span> = spans_of(annotator, question).into_iter().filter(|s| s != span).collect();
    annotator.edit(question, Answer::Spans(spans));
}

/// Number key: label the words under the keyboard cursor.
pub fn apply_label_to_cursor(annotator: Annotator, question: &Question, n: usize) {
    label_cursor(annotator, question, n, None);
}

/// Labels the words under the keyboard cursor with label `n` (1-based); with `replace`, the
/// span over exactly those words with that label changes its label instead of another being
/// added beside it.
fn label_cursor(annotator: Annotator, question: &Question, n: usize, replace: Option<&str>) {
    let Some(s) = setup(question) else { return };
    let Some(label) = s.labels.get(n - 1).cloned() else { return };
    annotator.span_label.update(|m| {
        m.insert(question.name.clone(), label.clone());
    });
    let Some((a, b)) = annotator.span_cursor.get_untracked() else { return };
    let toks = words(annotator, &s.field);
    if let (Some(first), Some(last)) = (toks.get(a), toks.get(b)) {
        let (start, end) = (first.0, last.1);
        let mut spans = spans_of(annotator, &question.name);
        if let Some(old) = replace {
            spans.retain(|sp| (sp.start, sp.end, sp.label.as_str()) != (start, end, old));
        }
        let spans = add_span(&spans, Span { start, end, label }, s.allow_overlapping);
        annotator.edit(&question.name, Answer::Spans(spans));
        say_cursor(annotator, question, &s.field, start, end, false);
    }
}

/// Says the words `start..end` of the question's field and the labels now on them.
pub fn say_words(annotator: Annotator, question: &Question, start: usize, end: usize) {
    if let Some(s) = setup(question) {
        say_cursor(annotator, question, &s.field, start, end, false);
    }
}

/// Says the words `start..end` and the labels on them: the cursor is drawn, not focused.
fn say_cursor(annotator: Annotator, question: &Question, field: &str, start: usize, end: usize, removed: bool) {
    let under = Span { start, end, label: String::new() };
    let words = annotator.with_field_text_untracked(field, |t| excerpts(t, std::slice::from_ref(&under), 200)).pop().unwrap_or_default();
    let mut labels: Vec<String> = spans_of(annotator, &question.name).into_iter().filter(|sp| sp.start < end && sp.end > start).map(|sp| sp.label).collect();
    labels.dedup();
    let said = match (removed, labels.is_empty()) {
        (true, _) => tf(k::questions::spoken_spans_removed, &[("words", &words)]),
        (false, true) => tf(k::questions::spoken_words, &[("words", &words)]),
        (false, false) => tf(k::questions::spoken_span, &[("words", &words), ("labels", &crate::i18n::list(&labels))]),
    };
    annotator.spoken.set(said);
}

/// ↑ ↓: the previous or next label (every label, past the tenth too), given to the words
/// under the cursor in place of the one ↑ ↓ gave them. The label's number (1-based), or None.
pub fn label_key(annotator: Annotator, question: &Question, key: &str) -> Option<usize> {
    let s = setup(question)?;
    let count = s.labels.len();
    if count == 0 {
        return None;
    }
    // Until one is picked, the first label is the active one (as the label buttons show).
    let active = annotator.span_label.with_untracked(|m| m.get(&question.name).cloned());
    let at = active.and_then(|l| s.labels.iter().position(|x| *x == l)).unwrap_or(0);
    let next = match key {
        "ArrowDown" => (at + 1) % count,
        "ArrowUp" => (at + count - 1) % count,
        _ => return None,
    };
    label_cursor(annotator, question, next + 1, Some(&s.labels[at]));
    Some(next + 1)
}

/// Arrow keys over words; returns true when the key was used.
pub fn cursor_key(annotator: Annotator, question: &Question, key: &str, shift: bool) -> bool {
    let Some(s) = setup(question) else { return false };
    let count = words(annotator, &s.field).len();
    if count == 0 {
        return false;
    }
    // A cursor left by another span question over a longer field starts again.
    let current = annotator.span_cursor.get_untracked().filter(|&(_, b)| b < count);
    let next = match (key, shift, current) {
        ("ArrowRight", false, None) | ("ArrowLeft", false, None) => (0, 0),
        ("ArrowRight", false, Some((_, b))) => ((b + 1).min(count - 1), (b + 1).min(count - 1)),
        ("ArrowLeft", false, Some((a, _))) => (a.saturating_sub(1), a.saturating_sub(1)),
        ("ArrowRight", true, None) => (0, 0),
        ("ArrowRight", true, Some((a, b))) => (a, (b + 1).min(count - 1)),
        ("ArrowLeft", true, Some((a, b))) => (a, b.saturating_sub(1).max(a)),
        ("Delete" | "Backspace", _, Some((a, b))) => {
            let toks = words(annotator, &s.field);
            // The cursor may have been set in another span question's (longer) field.
            let (Some(first), Some(last)) = (toks.get(a), toks.get(b)) else { return false };
            let (start, end) = (first.0, last.1);
            let kept: Vec<Span> =
                spans_of(annotator, &question.name).into_iter().filter(|sp| sp.end <= start || sp.start >= end).collect();
            annotator.edit(&question.name, Answer::Spans(kept));
            say_cursor(annotator, question, &s.field, start, end, true);
            return true;
        }
        _ => return false,
    };
    annotator.span_cursor.set(Some(next));
    let toks = words(annotator, &s.field);
    if let (Some(first), Some(last)) = (toks.get(next.0), toks.get(next.1)) {
        say_cursor(annotator, question, &s.field, first.0, last.1, false);
    }
    true
}

#[component]
pub fn SpanQuestion(annotator: Annotator, question: Question) -> impl IntoView {
    let Some(s) = setup(&question) else { return ().into_any() };
    let name = question.name.clone();
    let first = s.labels.first().cloned().unwrap_or_default();
    let active = {
        let name = name.clone();
        move || annotator.span_label.with(|m| m.get(&name).cloned()).unwrap_or_else(|| first.clone())
    };
    let spans = {
        let answer = super::answer_of(annotator, &name);
        move || match answer() {
            Some(Answer::Spans(s)) => s,
            _ => vec![],
        }
    };
    let (options, visible_options) = match &question.settings {
        QuestionSettings::Span { options, visible_options, .. } => (options.clone(), *visible_options),
        _ => (vec![], None),
    };
    let (total, show_all) = (options.len(), RwSignal::new(false));
    let visible = super::visible_count(visible_options, total);
    // People know the field by its title (its name is the owner's key).
    let field = annotator.fields.with_value(|fs| fs.iter().find(|f| f.name == s.field).map(|f| f.title.clone())).unwrap_or_else(|| s.field.clone());
    let question = StoredValue::new(question);
    // A span stores the option's value; people read its text.
    let text_of = {
        let options = options.clone();
        move |value: &str| options.iter().find(|o| o.value == value).map_or_else(|| value.to_owned(), |o| o.label().to_owned())
    };
    view! {
        <p class="hint">{tf(k::questions::span_hint, &[("field", &field)])}</p>
        <p class="hint touch-only">{t(k::questions::span_hint_touch)}</p>
        {s.allow_character_annotation.then(|| view! { <p class="hint">{t(k::questions::span_hint_characters)}</p> })}
        <div class="options" role="radiogroup" aria-label=t(k::questions::span_labels)>
            {options.into_iter().enumerate().map(|(i, o)| {
                let value = o.value.clone();
                let name = name.clone();
                let active = active.clone();
                let is_active = move || active() == value;
                let value = o.value.clone();
                let cut = {
                    let is_active = is_active.clone();
                    move || i >= visible && !show_all.get() && !is_active()
                };
                view! {
                    <button type="button" role="radio" tabindex="-1" class="option span-label" class:selected=is_active.clone()
                        data-label=value.clone() aria-checked=move || is_active().to_string() hidden=cut
                        on:click=move |_| annotator.span_label.update(|m| { m.insert(name.clone(), value.clone()); })>
                        {super::option_key(i).map(|key| view! { <kbd>{key}</kbd> })}
                        {super::option_text(&o)}
                    </button>
                }
            }).collect_view()}
        </div>
        {(visible < total).then(|| view! { <super::ShowMore show_all=show_all hidden=total - visible/> })}
        <ul class="span-list">
            {move || {
                let spans = spans();
                let field = question.with_value(|q| setup(q).map(|s| s.field).unwrap_or_default());
                let shown = annotator.with_field_text_untracked(&field, |text| excerpts(text, &spans, 60));
                spans.into_iter().zip(shown).map(|(sp, shown)| {
                    let label = sp.label.clone();
                    let label_attr = label.clone();
                    let name = question.with_value(|q| q.name.clone());
                    let remove_span = sp.clone();
                    view! {
                        <li class="span-chip" data-label=label_attr>
                            <span class="span-chip-label" translate="no">{text_of(&label)}</span>" "<span translate="no">"“"{shown}"”"</span>
                            <button type="button" tabindex="-1" class="icon-button" aria-label=t(k::questions::remove_span)
                                on:click=move |_| remove(annotator, &name, &remove_span)>"×"</button>
                        </li>
                    }
                }).collect_view()
            }}
        </ul>
    }
    .into_any()
}

//! One component per question type, inside a common frame that shows the
//! title, required mark, suggestion mark and errors, and takes keyboard focus.

pub mod label;
pub mod multi_label;
pub mod ranking;
pub mod rating;
pub mod span;
pub mod text;

use crate::text::SearchTerm;
use crate::api::types::{Question, QuestionSettings};
use crate::domain::form::Answer;
use crate::i18n::{k, t, tf, tn};
use crate::ui::annotator::Annotator;
use leptos::prelude::*;

#[component]
pub fn QuestionFrame(annotator: Annotator, question: Question, index: usize) -> impl IntoView {
    let name = question.name.clone();
    let name_for_suggestion = name.clone();
    let name_for_error = name.clone();
    let suggested = move || annotator.form.with(|f| f.answers.get(&name_for_suggestion).is_some_and(|s| s.from_suggestion));
    let error = move || annotator.question_errors.with(|e| e.get(&name_for_error).cloned());
    let has_error = error.clone();
    let title_id = format!("question-{index}-title");
    let error_id = format!("question-{index}-error");
    let described_by = {
        let (id, has_error) = (error_id.clone(), has_error.clone());
        move || has_error().is_some().then(|| id.clone())
    };
    let labelled_by = title_id.clone();
    // The owner's title alone (no required mark, no badge) names the answer's controls.
    let name_id = format!("question-{index}-name");
    let by = name_id.clone();
    let body = match &question.settings {
        QuestionSettings::LabelSelection { .. } => view! { <label::LabelQuestion annotator=annotator question=question.clone() labelled_by=by/> }.into_any(),
        QuestionSettings::MultiLabelSelection { .. } => view! { <multi_label::MultiLabelQuestion annotator=annotator question=question.clone() labelled_by=by/> }.into_any(),
        QuestionSettings::Rating { .. } => view! { <rating::RatingQuestion annotator=annotator question=question.clone() labelled_by=by/> }.into_any(),
        QuestionSettings::Text { .. } => view! { <text::TextQuestion annotator=annotator question=question.clone() labelled_by=by/> }.into_any(),
        QuestionSettings::Ranking { .. } => view! { <ranking::RankingQuestion annotator=annotator question=question.clone() labelled_by=by/> }.into_any(),
        QuestionSettings::Span { .. } => view! { <span::SpanQuestion annotator=annotator question=question.clone()/> }.into_any(),
        QuestionSettings::Unknown => view! { <p class="muted">{t(k::questions::unsupported)}</p> }.into_any(),
    };
    view! {
        <section
            class="question"
            class:focused=move || annotator.focused_question.get() == index
            class:has-error=move || has_error().is_some()
            tabindex="0"
            data-question-index=index
            data-question=name.clone()
            aria-labelledby=labelled_by
            aria-describedby=described_by
            on:focusin=move |_| {
                if annotator.focused_question.get_untracked() != index {
                    annotator.rank_prefix.set(0);
                    annotator.rank_cursor.set(None);
                    // A span cursor is one question's: another's keys must not mark at its words.
                    annotator.span_cursor.set(None);
                }
                annotator.focused_question.set(index)
            }
        >
            <h2 class="question-title" id=title_id>
                <span id=name_id translate="no">{question.title.clone()}</span>
                {question.required.then(|| view! { <span class="required" aria-hidden="true">" *"</span><span class="sr-only">" "{t(k::questions::required)}</span> })}
                <Show when=suggested>
                    <span class="suggested-badge" title=t(k::questions::suggested_title)>{t(k::questions::suggested)}</span>
                </Show>
            </h2>
            {question.description.clone().map(|d| view! { <p class="question-description" translate="no">{d}</p> })}
            {body}
            // Ours, or the server's own reason for refusing the answer (shown as written). Not an
            // alert: the notice says it once for every question; here it describes the question.
            {move || error().map(|e| {
                let servers = e != t(k::questions::needs_answer);
                view! { <p class="question-error" id=error_id.clone() translate=servers.then_some("no")>{e}</p> }
            })}
        </section>
    }
}

/// An option's label, with its description as a hover title and, on a touch screen
/// (no hover), written out under it.
pub fn option_text(option: &crate::api::types::OptionItem) -> impl IntoView {
    let description = option.description.clone().filter(|d| !d.trim().is_empty());
    view! {
        <span translate="no" title=description.clone()>{option.label().to_owned()}</span>
        {description.map(|d| view! { <small class="option-description touch-only" translate="no">{d}</small> })}
    }
}

/// `aria-invalid` for a question's controls: while it has an error.
pub fn invalid(annotator: Annotator, question: &str) -> impl Fn() -> Option<&'static str> + Clone + Send + Sync + 'static {
    let name = question.to_owned();
    move || annotator.question_errors.with(|e| e.contains_key(&name)).then_some("true")
}

/// The current answer to `question`, reactively.
pub fn answer_of(annotator: Annotator, question: &str) -> impl Fn() -> Option<Answer> + Clone + Send + Sync + 'static {
    let name = question.to_owned();
    move || annotator.form.with(|f| f.answer(&name).cloned())
}

/// Number key `n` (1-based) pressed while `question` has the focus.
pub fn on_number_key(annotator: Annotator, question: &Question, n: usize) {
    match &question.settings {
        QuestionSettings::LabelSelection { options, .. } => {
            if let Some(o) = options.get(n - 1) {
                label::pick(annotator, &question.name, &o.value);
            }
        }
        QuestionSettings::MultiLabelSelection { options, .. } => {
            let shown = multi_label::display_order(annotator, question);
            if let Some(o) = shown.get(n - 1).and_then(|&i| options.get(i)) {
                multi_label::toggle(annotator, question, &o.value);
            }
        }
        QuestionSettings::Rating { options } => {
            let values: Vec<i64> = options.iter().map(|o| o.value).collect();
            if let Some(value) = crate::domain::form::rating_for_digit(&values, (n % 10) as u32) {
                annotator.edit(&question.name, Answer::Rating(Some(value)));
            }
        }
        QuestionSettings::Ranking { .. } => ranking::place_by_number(annotator, question, n),
        QuestionSettings::Span { .. } => span::apply_label_to_cursor(annotator, question, n),
        _ => {}
    }
    say_answer(annotator, question);
}

/// ↑ ↓ in a label or rating question: the previous or next option. True when the key was used.
pub fn choice_key(annotator: Annotator, question: &Question, key: &str) -> bool {
    let answer = annotator.form.with_untracked(|f| f.answer(&question.name).cloned());
    let Some(next) = crate::domain::form::stepped_choice(question, answer.as_ref(), key == "ArrowDown") else { return false };
    annotator.edit(&question.name, next);
    say_answer(annotator, question);
    true
}

/// The option changed is not the focused element, so its state is not read out: say it.
pub fn say_answer(annotator: Annotator, question: &Question) {
    let answer = annotator.form.with_untracked(|f| f.answer(&question.name).cloned());
    if let Some(chosen) = crate::domain::form::chosen_now(question, answer.as_ref()) {
        let chosen = if chosen.is_empty() { t(k::questions::spoken_none).to_owned() } else { chosen };
        annotator.spoken.set(tf(k::questions::spoken_answer, &[("question", &question.title), ("answer", &chosen)]));
    }
}

/// The key that picks option `i` (0-based): 1–9, then 0 for the tenth.
pub fn option_key(i: usize) -> Option<usize> {
    match i {
        0..=8 => Some(i + 1),
        9 => Some(0),
        _ => None,
    }
}

/// "Show 3 more" / "Show fewer" under a list cut to its question's `visible_options`.
#[component]
pub fn ShowMore(show_all: RwSignal<bool>, hidden: usize) -> impl IntoView {
    view! {
        <button type="button" class="link-button" aria-expanded=move || show_all.get().to_string() on:click=move |_| show_all.update(|s| *s = !*s)>
            {move || if show_all.get() { t(k::questions::show_fewer).to_owned() } else { tn(k::questions::show_more, hidden, &[]) }}
        </button>
    }
}

/// How many of `total` options a question shows before "show more": all without a limit.
pub fn visible_count(visible_options: Option<usize>, total: usize) -> usize {
    visible_options.filter(|&n| n > 0).unwrap_or(total).min(total)
}

/// With more labels than this, a search box helps find them.
pub const SEARCH_FROM: usize = 10;

/// Whether a label option matches what was typed in its question's search box.
pub fn matches_search(option: &crate::api::types::OptionItem, needle: &str) -> bool {
    SearchTerm::new(needle).found_in(&[&option.label(), &option.value])
}

/// The value of the first option the search matches.
pub fn first_match(options: &[crate::api::types::OptionItem], needle: &str) -> Option<String> {
    options.iter().find(|o| matches_search(o, needle)).map(|o| o.value.clone())
}

/// The search box of a long label list; Enter picks the first match (with
/// the box empty, Enter submits the record as anywhere else).
#[component]
pub fn LabelSearch(search: RwSignal<String>, on_enter: impl Fn() + Send + Sync + 'static) -> impl IntoView {
    view! {
        <input type="search" class="label-filter" placeholder=t(k::questions::search_labels) aria-label=t(k::questions::search_labels)
            prop:value=move || search.get() on:input=move |ev| search.set(event_target_value(&ev))
            on:keydown=move |ev| if ev.key() == "Enter" && !search.get_untracked().trim().is_empty() {
                ev.prevent_default();
                ev.stop_propagation();
                on_enter();
            }/>
    }
}

/// A sparkle and "0.85" on an option the record's suggestion proposes; the agent on hover.
#[component]
pub fn SuggestionMark(annotator: Annotator, question_id: String, value: String) -> impl IntoView {
    use crate::domain::suggestion::{option_score, score_text, suggestion_title};
    use crate::ui::components::icons::{Icon, IconKind};
    let marked = value.clone();
    let mark = move || {
        annotator
            .with_current(|r| {
                let s = r.suggestions.iter().find(|s| s.question_id == question_id)?;
                option_score(s, &value).map(|score| (score, s.agent.clone()))
            })
            .flatten()
    };
    move || {
        mark().map(|(score, agent)| {
            let title = suggestion_title(agent.as_deref(), score);
            let hover = title.clone();
            view! {
                <span class="suggestion-mark" title=hover data-testid="suggestion-score" data-value=marked.clone()>
                    <Icon kind=IconKind::Sparkle/>
                    <span class="sr-only">{title}</span>
                    {score.map(|s| view! { <span class="score" aria-hidden="true">{score_text(s)}</span> })}
                </span>
            }
        })
    }
}

use crate::api::types::{Question, QuestionSettings};
use crate::domain::form::{toggle_label, Answer};
use crate::domain::suggestion::suggestion_first;
use crate::ui::annotator::Annotator;
use leptos::prelude::*;

pub fn toggle(annotator: Annotator, question: &Question, value: &str) {
    let QuestionSettings::MultiLabelSelection { options, .. } = &question.settings else { return };
    let order: Vec<String> = options.iter().map(|o| o.value.clone()).collect();
    let selected = match annotator.form.with_untracked(|f| f.answer(&question.name).cloned()) {
        Some(Answer::MultiLabel(v)) => v,
        _ => vec![],
    };
    annotator.edit(&question.name, Answer::MultiLabel(toggle_label(&selected, value, &order)));
}

/// The options' positions in the order shown: the record's suggested ones first
/// when the question says so (`options_order: "suggestion"`), else their own order.
pub fn display_order(annotator: Annotator, question: &Question) -> Vec<usize> {
    let QuestionSettings::MultiLabelSelection { options, options_order, .. } = &question.settings else { return vec![] };
    if options_order.as_deref() != Some("suggestion") {
        return (0..options.len()).collect();
    }
    let values: Vec<&str> = options.iter().map(|o| o.value.as_str()).collect();
    annotator
        .with_current(|r| suggestion_first(&values, r.suggestions.iter().find(|s| s.question_id == question.id)))
        .unwrap_or_else(|| (0..options.len()).collect())
}

#[component]
pub fn MultiLabelQuestion(annotator: Annotator, question: Question, labelled_by: String) -> impl IntoView {
    let QuestionSettings::MultiLabelSelection { options, visible_options, .. } = question.settings.clone() else {
        return ().into_any();
    };
    let answer = super::answer_of(annotator, &question.name);
    let show_all = RwSignal::new(false);
    let filter = RwSignal::new(String::new());
    let total = options.len();
    let visible = super::visible_count(visible_options, total);
    let question = StoredValue::new(question);
    let options = StoredValue::new(options);
    let shown = move || {
        let needle = filter.get();
        let all = show_all.get() || !needle.trim().is_empty();
        let order = question.with_value(|q| display_order(annotator, q));
        options.with_value(|opts| {
            order
                .into_iter()
                .enumerate()
                .filter_map(|(at, i)| Some((at, i, opts.get(i)?)))
                .filter(|(at, _, o)| {
                    let selected = matches!(answer(), Some(Answer::MultiLabel(ref v)) if v.contains(&o.value));
                    (all || *at < visible || selected) && super::matches_search(o, &needle)
                })
                .map(|(at, i, o)| (at, i, o.clone()))
                .collect::<Vec<_>>()
        })
    };
    let first_shown = shown.clone();
    view! {
        {(total > super::SEARCH_FROM).then(|| view! {
            <super::LabelSearch search=filter on_enter=move || {
                if let Some((_, _, o)) = untrack(&first_shown).into_iter().next() {
                    question.with_value(|q| toggle(annotator, q, &o.value));
                }
            }/>
        })}
        <div class="options" role="group" aria-labelledby=labelled_by>
            // Keyed by place too: the key shown (1–9, 0) is the place's.
            <For each=shown key=|(at, i, _)| (*at, *i) let((at, _i, o))>
                {
                    let value = o.value.clone();
                    let checked = move || matches!(super::answer_of(annotator, &question.with_value(|q| q.name.clone()))(), Some(Answer::MultiLabel(ref v)) if v.contains(&value));
                    let checked_attr = checked.clone();
                    let value = o.value.clone();
                    view! {
                        <button type="button" role="checkbox" tabindex="-1" class="option" class:selected=checked
                            aria-checked=move || checked_attr().to_string()
                            on:click=move |_| question.with_value(|q| toggle(annotator, q, &value))>
                            {super::option_key(at).map(|key| view! { <kbd>{key}</kbd> })}
                            {super::option_text(&o)}
                            <super::SuggestionMark annotator=annotator question_id=question.with_value(|q| q.id.clone()) value=o.value.clone()/>
                        </button>
                    }
                }
            </For>
        </div>
        {(visible < total).then(|| view! { <super::ShowMore show_all=show_all hidden=total - visible/> })}
    }
    .into_any()
}

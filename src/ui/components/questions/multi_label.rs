use crate::api::types::{Question, QuestionSettings};
use crate::domain::form::{toggle_label, Answer};
use crate::ui::annotator::Annotator;
use crate::i18n::{k, t, tn};
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

#[component]
pub fn MultiLabelQuestion(annotator: Annotator, question: Question, labelled_by: String) -> impl IntoView {
    let QuestionSettings::MultiLabelSelection { options, visible_options } = question.settings.clone() else {
        return ().into_any();
    };
    let answer = super::answer_of(annotator, &question.name);
    let show_all = RwSignal::new(false);
    let filter = RwSignal::new(String::new());
    let total = options.len();
    let visible = visible_options.unwrap_or(total).min(total);
    let question = StoredValue::new(question);
    let options = StoredValue::new(options);
    let shown = move || {
        let needle = filter.get();
        let all = show_all.get() || !needle.trim().is_empty();
        options.with_value(|opts| {
            opts.iter()
                .enumerate()
                .filter(|(i, o)| {
                    let selected = matches!(answer(), Some(Answer::MultiLabel(ref v)) if v.contains(&o.value));
                    (all || *i < visible || selected) && super::matches_search(o, &needle)
                })
                .map(|(i, o)| (i, o.clone()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        {(total > super::SEARCH_FROM).then(|| view! {
            <super::LabelSearch search=filter on_enter=move || {
                if let Some(value) = options.with_value(|opts| super::first_match(opts, &filter.get_untracked())) {
                    question.with_value(|q| toggle(annotator, q, &value));
                }
            }/>
        })}
        <div class="options" role="group" aria-labelledby=labelled_by>
            <For each=shown key=|(i, _)| *i let((i, o))>
                {
                    let value = o.value.clone();
                    let checked = move || matches!(super::answer_of(annotator, &question.with_value(|q| q.name.clone()))(), Some(Answer::MultiLabel(ref v)) if v.contains(&value));
                    let checked_attr = checked.clone();
                    let value = o.value.clone();
                    view! {
                        <button type="button" role="checkbox" tabindex="-1" class="option" class:selected=checked
                            aria-checked=move || checked_attr().to_string()
                            on:click=move |_| question.with_value(|q| toggle(annotator, q, &value))>
                            {super::option_key(i).map(|key| view! { <kbd>{key}</kbd> })}
                            <span translate="no">{o.label().to_owned()}</span>
                            <super::SuggestionMark annotator=annotator question_id=question.with_value(|q| q.id.clone()) value=o.value.clone()/>
                        </button>
                    }
                }
            </For>
        </div>
        {(visible < total).then(|| view! {
            <button type="button" class="link-button" on:click=move |_| show_all.update(|s| *s = !*s)>
                {move || if show_all.get() { t(k::questions::show_fewer).to_owned() } else { tn(k::questions::show_more, total - visible, &[]) }}
            </button>
        })}
    }
    .into_any()
}

use crate::api::types::{Question, QuestionSettings};
use crate::domain::form::Answer;
use crate::ui::annotator::Annotator;
use leptos::prelude::*;

pub fn pick(annotator: Annotator, question: &str, value: &str) {
    let (current, suggested) = annotator
        .form
        .with_untracked(|f| (f.answer(question).cloned(), f.answers.get(question).is_some_and(|s| s.from_suggestion)));
    // Picking the chosen label again clears it; picking a suggested one confirms it.
    let again = current == Some(Answer::Label(Some(value.to_owned())));
    let next = if again && !suggested { None } else { Some(value.to_owned()) };
    annotator.edit(question, Answer::Label(next));
}

#[component]
pub fn LabelQuestion(annotator: Annotator, question: Question, labelled_by: String) -> impl IntoView {
    let QuestionSettings::LabelSelection { options, visible_options } = question.settings.clone() else { return ().into_any() };
    let answer = super::answer_of(annotator, &question.name);
    let search = RwSignal::new(String::new());
    let searchable = options.len() > super::SEARCH_FROM;
    let (total, show_all) = (options.len(), RwSignal::new(false));
    let visible = super::visible_count(visible_options, total);
    let first_match = {
        let (name, options) = (question.name.clone(), options.clone());
        move || {
            if let Some(value) = super::first_match(&options, &search.get_untracked()) {
                pick(annotator, &name, &value);
            }
        }
    };
    view! {
        {searchable.then(|| view! { <super::LabelSearch search=search on_enter=first_match/> })}
        <div class="options" role="radiogroup" aria-labelledby=labelled_by
            aria-required=question.required.then_some("true") aria-invalid=super::invalid(annotator, &question.name)>
            {options.into_iter().enumerate().map(|(i, o)| {
                let name = question.name.clone();
                let value = o.value.clone();
                let answer = answer.clone();
                let checked = move || answer() == Some(Answer::Label(Some(value.clone())));
                let value = o.value.clone();
                let hidden_option = o.clone();
                // Past the question's visible labels: shown when asked for, searched for, or chosen.
                let cut = {
                    let checked = checked.clone();
                    move || i >= visible && !show_all.get() && search.with(|s| s.trim().is_empty()) && !checked()
                };
                view! {
                    <button type="button" role="radio" tabindex="-1" class="option" class:selected=checked.clone()
                        aria-checked=move || checked().to_string()
                        hidden=move || (searchable && !super::matches_search(&hidden_option, &search.get())) || cut()
                        on:click=move |_| pick(annotator, &name, &value)>
                        {super::option_key(i).map(|key| view! { <kbd>{key}</kbd> })}
                        {super::option_text(&o)}
                        <super::SuggestionMark annotator=annotator question_id=question.id.clone() value=o.value.clone()/>
                    </button>
                }
            }).collect_view()}
        </div>
        {(visible < total).then(|| view! { <super::ShowMore show_all=show_all hidden=total - visible/> })}
    }
    .into_any()
}

use crate::api::types::{Question, QuestionSettings};
use crate::domain::form::Answer;
use crate::ui::annotator::Annotator;
use crate::i18n::{k, tf};
use leptos::prelude::*;

#[component]
pub fn RatingQuestion(annotator: Annotator, question: Question, labelled_by: String) -> impl IntoView {
    let QuestionSettings::Rating { options } = question.settings.clone() else { return ().into_any() };
    let answer = super::answer_of(annotator, &question.name);
    let values: Vec<i64> = options.iter().map(|o| o.value).collect();
    view! {
        <div class="options rating" role="radiogroup" aria-labelledby=labelled_by
            aria-required=question.required.then_some("true") aria-invalid=super::invalid(annotator, &question.name)>
            {options.into_iter().map(|o| {
                let name = question.name.clone();
                let answer = answer.clone();
                let value = o.value;
                let checked = move || answer() == Some(Answer::Rating(Some(value)));
                let checked_attr = checked.clone();
                let checked_click = checked.clone();
                view! {
                    <button type="button" role="radio" tabindex="-1" class="option" class:selected=checked.clone()
                        aria-checked=move || checked_attr().to_string()
                        aria-label=match crate::domain::form::digit_for_rating(&values, value) { Some(key) => tf(k::questions::rating_key, &[("value", &value), ("key", &key)]), None => value.to_string() }
                        on:click=move |_| {
                            let suggested = annotator.form.with_untracked(|f| f.answers.get(&name).is_some_and(|s| s.from_suggestion));
                            let again = checked_click() && !suggested;
                            annotator.edit(&name, Answer::Rating(if again { None } else { Some(value) }))
                        }>
                        {value}
                        <super::SuggestionMark annotator=annotator question_id=question.id.clone() value=value.to_string()/>
                    </button>
                }
            }).collect_view()}
        </div>
    }
    .into_any()
}

use crate::api::types::{Question, QuestionSettings};
use crate::domain::form::Answer;
use crate::browser::sanitize::safe_markdown;
use crate::ui::annotator::Annotator;
use crate::i18n::{k, t};
use leptos::prelude::*;

#[component]
pub fn TextQuestion(annotator: Annotator, question: Question, labelled_by: String) -> impl IntoView {
    let QuestionSettings::Text { use_markdown } = question.settings else { return ().into_any() };
    let answer = super::answer_of(annotator, &question.name);
    let text = move || match answer() {
        Some(Answer::Text(t)) => t,
        _ => String::new(),
    };
    let preview = RwSignal::new(false);
    let name = question.name.clone();
    let (required, invalid) = (question.required, super::invalid(annotator, &question.name));
    view! {
        {use_markdown.then(|| view! {
            <div class="text-tabs">
                <button type="button" class="link-button" aria-pressed=move || (!preview.get()).to_string() on:click=move |_| preview.set(false)>{t(k::questions::write)}</button>
                <button type="button" class="link-button" aria-pressed=move || preview.get().to_string() on:click=move |_| preview.set(true)>{t(k::questions::preview)}</button>
            </div>
        })}
        <Show when=move || !preview.get() fallback={
            let text = text.clone();
            move || view! { <div class="markdown preview" translate="no" inner_html=safe_markdown(&text())></div> }
        }>
            <textarea class="text-answer" rows="3" dir="auto" aria-labelledby=labelled_by.clone()
                aria-required=required.then_some("true") aria-invalid=invalid.clone()
                prop:value=text.clone()
                on:input={
                    let name = name.clone();
                    move |ev| annotator.edit(&name, Answer::Text(event_target_value(&ev)))
                }></textarea>
        </Show>
    }
    .into_any()
}

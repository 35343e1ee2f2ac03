//! One component per field type; `RecordFields` picks the right one.

pub mod chat;
pub mod custom;
pub mod image;
pub mod text;

use crate::api::types::{Field, FieldSettings, QuestionSettings};
use crate::ui::annotator::Annotator;
use leptos::prelude::*;

#[component]
pub fn RecordFields(annotator: Annotator) -> impl IntoView {
    let fields = annotator.fields.get_value();
    let span_questions = annotator.questions.with_value(|qs| {
        qs.iter()
            .filter_map(|q| match &q.settings {
                QuestionSettings::Span { field, .. } => Some((field.clone(), q.clone())),
                _ => None,
            })
            .collect::<Vec<_>>()
    });
    fields
        .into_iter()
        .map(|field| {
            let span_question = span_questions.iter().find(|(f, _)| *f == field.name).map(|(_, q)| q.clone());
            view! { <FieldView annotator=annotator field=field span_question=span_question/> }
        })
        .collect_view()
}

#[component]
fn FieldView(annotator: Annotator, field: Field, span_question: Option<crate::api::types::Question>) -> impl IntoView {
    let name = field.name.clone();
    let value = move || annotator.with_current(|r| r.fields.get(&name).cloned()).flatten();
    let body = match field.settings.clone() {
        FieldSettings::Text { use_markdown } => {
            view! { <text::TextField annotator=annotator value=value markdown=use_markdown span_question=span_question/> }.into_any()
        }
        FieldSettings::Image => view! { <image::ImageField value=value alt=field.title.clone()/> }.into_any(),
        FieldSettings::Chat { use_markdown } => view! { <chat::ChatField value=value markdown=use_markdown/> }.into_any(),
        FieldSettings::Custom { template } => {
            view! { <custom::CustomField annotator=annotator template=template title=field.title.clone()/> }.into_any()
        }
        FieldSettings::Unknown => view! { <text::TextField annotator=annotator value=value markdown=false span_question=None/> }.into_any(),
    };
    view! {
        <section class="field" data-field=field.name.clone()>
            <h3 class="field-title">{field.title.clone()}</h3>
            {body}
        </section>
    }
}

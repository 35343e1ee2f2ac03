//! One component per field type. `RecordFields` shows the focus view's record;
//! `field_body` renders one value the same way wherever it appears (the bulk
//! view's rows too).

pub mod chat;
pub mod custom;
pub mod image;
pub mod text;

use crate::api::types::{Field, FieldSettings, Question, QuestionSettings, Record};
use crate::ui::annotator::Annotator;
use leptos::prelude::*;
use serde_json::Value;

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
fn FieldView(annotator: Annotator, field: Field, span_question: Option<Question>) -> impl IntoView {
    let name = field.name.clone();
    let value = move || annotator.with_current(|r| r.fields.get(&name).cloned()).flatten();
    let search = Signal::derive(move || annotator.list.with(|l| l.find.text.clone()));
    let body = match (span_question, &field.settings) {
        (Some(question), FieldSettings::Text { .. }) => {
            let text = Memo::new(move |_| text::as_text(value()));
            view! { <text::SpanText annotator=annotator text=text question=question/> }.into_any()
        }
        _ => field_body(&field, value, move || annotator.with_current(custom_record).unwrap_or(Value::Null), search),
    };
    view! {
        <section class="field" data-field=field.name.clone()>
            <h3 class="field-title" translate="no">{field.title.clone()}</h3>
            {body}
        </section>
    }
}

/// One field's value as its type shows it: text as text, markdown rendered
/// and sanitised, images, chat, custom HTML in its sandbox. `search` marks
/// matches in plain text.
pub fn field_body(
    field: &Field,
    value: impl Fn() -> Option<Value> + Send + Sync + 'static,
    record: impl Fn() -> Value + Send + Sync + 'static,
    search: Signal<String>,
) -> AnyView {
    match field.settings.clone() {
        FieldSettings::Text { use_markdown } => view! { <text::TextField value=value markdown=use_markdown search=search/> }.into_any(),
        FieldSettings::Image => view! { <image::ImageField value=value alt=field.title.clone()/> }.into_any(),
        FieldSettings::Chat { use_markdown } => view! { <chat::ChatField value=value markdown=use_markdown/> }.into_any(),
        FieldSettings::Custom { template, advanced_mode } => {
            view! { <custom::CustomField record=record template=template advanced=advanced_mode title=field.title.clone()/> }.into_any()
        }
        FieldSettings::Unknown => view! { <text::TextField value=value markdown=false search=search/> }.into_any(),
    }
}

/// What a custom field's template sees as `record`.
pub fn custom_record(r: &Record) -> Value {
    serde_json::json!({"id": r.id, "fields": r.fields, "metadata": r.metadata, "external_id": r.external_id})
}

/// Whether a value is long enough to fold in a compact view.
pub fn is_long(value: &Value) -> bool {
    match value {
        Value::String(s) => s.len() > 400 || s.lines().count() > 6,
        Value::Array(items) => items.len() > 2 || value.to_string().len() > 400,
        _ => false,
    }
}

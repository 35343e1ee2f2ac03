//! One component per field type. `RecordFields` shows the focus view's record;
//! `field_body` renders one value the same way wherever it appears (the bulk
//! view's rows too).

pub mod chat;
pub mod custom;
pub mod image;
pub mod text;

use crate::api::types::{Field, FieldSettings, MetadataProperty, Question, QuestionSettings, Record};
use crate::i18n::{k, t};
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

/// The shown record's metadata, for the properties this user may see (the
/// server lists only those), under their titles; open or closed as last left.
#[component]
pub fn RecordMetadata(annotator: Annotator, properties: Vec<MetadataProperty>) -> impl IntoView {
    let properties = StoredValue::new(properties);
    let open = RwSignal::new(false);
    let rows = move || {
        annotator
            .with_current(|r| {
                let values = r.metadata.as_ref();
                properties.with_value(|ps| {
                    let mut rows: Vec<(String, String)> =
                        ps.iter().filter_map(|p| values?.get(&p.name).filter(|v| !v.is_null()).map(|v| (p.label().to_owned(), metadata_text(v)))).collect();
                    // Metadata without a property (a dataset that allows extra metadata), which the
                    // server shows to owners and admins only: under its own name.
                    let extra = values.into_iter().flatten().filter(|(name, v)| !v.is_null() && !ps.iter().any(|p| p.name == **name));
                    rows.extend(extra.map(|(name, v)| (name.clone(), metadata_text(v))));
                    rows
                })
            })
            .unwrap_or_default()
    };
    move || {
        let rows = rows();
        (!rows.is_empty()).then(|| view! {
            <details class="record-metadata" data-testid="record-metadata" prop:open=open on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
                <summary>{t(k::annotate::metadata)}</summary>
                <dl>{rows.into_iter().map(|(name, value)| view! { <div><dt translate="no">{name}</dt><dd translate="no">{value}</dd></div> }).collect_view()}</dl>
            </details>
        })
    }
}

fn metadata_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(metadata_text).collect::<Vec<_>>().join(", "),
        // Every digit as stored, with the reader's decimal mark (0,5 in German), as the filters show it.
        Value::Number(n) => n.to_string().replace('.', &crate::i18n::decimal_mark().to_string()),
        other => other.to_string(),
    }
}

#[component]
fn FieldView(annotator: Annotator, field: Field, span_question: Option<Question>) -> impl IntoView {
    let name = field.name.clone();
    // Memos: a save confirmed or a page of records arriving changes the list, not this value;
    // a chat, an image or a custom field is not drawn anew for it (a playing video goes on).
    let value = Memo::new(move |_| annotator.with_current(|r| r.fields.get(&name).cloned()).flatten());
    let search = Memo::new(move |_| annotator.list.with(|l| l.find.text.clone()));
    let body = match (span_question, &field.settings) {
        (Some(question), FieldSettings::Text { .. }) => {
            let text = Memo::new(move |_| text::as_text(value.get()));
            view! { <text::SpanText annotator=annotator text=text question=question/> }.into_any()
        }
        _ => {
            let record = Memo::new(move |_| annotator.with_current(custom_record).unwrap_or(Value::Null));
            field_body(&field, move || value.get(), move || record.get(), search.into())
        }
    };
    // As in Argilla, a field this record has no value for (an optional one left out) is not shown.
    let name = field.name.clone();
    let has_value = move || annotator.with_current(|r| r.fields.get(&name).is_some_and(|v| !v.is_null() && v.as_str() != Some(""))).unwrap_or(false);
    view! {
        <section class="field" data-field=field.name.clone() hidden=move || !has_value()>
            <h2 class="field-title" translate="no">{field.title.clone()}</h2>
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

/// What a custom field's template sees as `record`: the record as the API gives it, but for its
/// responses (saving an answer would reload the frame under the person's hands).
pub fn custom_record(r: &Record) -> Value {
    let suggestions: Vec<Value> = r
        .suggestions
        .iter()
        .map(|s| serde_json::json!({"question_id": s.question_id, "value": s.value, "score": s.score, "agent": s.agent}))
        .collect();
    serde_json::json!({"id": r.id, "status": r.status, "fields": r.fields, "metadata": r.metadata, "external_id": r.external_id, "suggestions": suggestions})
}

/// Whether a value is long enough to fold in a compact view.
pub fn is_long(value: &Value) -> bool {
    match value {
        Value::String(s) => s.len() > 400 || s.lines().count() > 6,
        Value::Array(items) => items.len() > 2 || value.to_string().len() > 400,
        _ => false,
    }
}

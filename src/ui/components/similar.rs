//! "Find similar": records most (or least) like the shown one by one of the
//! dataset's vectors, with the reference record pinned above the results.

use crate::api::types::{FieldSettings, VectorSettings};
use crate::domain::find::{Find, Similar};
use crate::i18n::{k, t, tf};
use crate::ui::annotator::{Annotator, Notice};
use crate::ui::components::find_panel::refind;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The button and its small form, shown next to a record.
#[component]
pub fn FindSimilar(annotator: Annotator, vectors: Vec<VectorSettings>) -> impl IntoView {
    let open = RwSignal::new(false);
    let vector = RwSignal::new(vectors.first().map(|v| v.name.clone()).unwrap_or_default());
    let least = RwSignal::new(false);
    let count = RwSignal::new(Similar::DEFAULT_COUNT);
    let busy = RwSignal::new(false);
    let titles = StoredValue::new(vectors.iter().map(|v| (v.name.clone(), v.title.clone().unwrap_or_else(|| v.name.clone()))).collect::<Vec<_>>());
    let opener = NodeRef::<leptos::html::Button>::new();
    let find = move || {
        let Some(record_id) = annotator.current_id_untracked() else { return };
        let name = vector.get_untracked();
        let title = titles.with_value(|t| t.iter().find(|(n, _)| *n == name).map(|(_, t)| t.clone())).unwrap_or_default();
        // Read now: this panel may be gone when the answer comes.
        let (least, count) = (least.get_untracked(), count.get_untracked());
        busy.set(true);
        spawn_local(async move {
            // Ask first whether the record has this vector: the server answers a
            // vector query on a record without one with a bare error.
            let found = annotator.app.client().my_record(&annotator.dataset_id.get_value(), &record_id, &["vectors"]).await;
            busy.set(false);
            if annotator.is_left() {
                return;
            }
            match found {
                Ok(Some(item)) if item.record.vectors.as_ref().is_some_and(|v| v.get(&name).is_some_and(|x| !x.is_null())) => {
                    open.set(false);
                    // The form pressed is gone: the focus goes back to the button that opened it.
                    if let Some(b) = opener.try_get_untracked().flatten() { let _ = b.focus(); }
                    let similar = Similar { record_id, vector: name, least, count };
                    refind(annotator, |f| Find { similar: Some(similar), ..f.clone() });
                }
                Ok(_) => annotator.notice.set(Some(Notice::Problem(tf(k::find::no_vector, &[("vector", &title)])))),
                Err(e) => {
                    annotator.app.check(&e);
                    annotator.notice.set(Some(Notice::Problem(tf(k::find::similar_failed, &[("error", &e.user_message())]))));
                }
            }
        });
    };
    view! {
        <button type="button" class="button subtle" data-action="find-similar" node_ref=opener aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|o| *o = !*o)>{t(k::find::find_similar)}</button>
        <Show when=move || open.get()>
            <div class="similar-form" role="group" aria-label=t(k::find::find_similar_records)>
                <label>{t(k::find::similar_by)}" "<select class="similar-vector" prop:value=move || vector.get() on:change=move |ev| vector.set(event_target_value(&ev))>
                    {titles.get_value().into_iter().map(|(name, title)| view! { <option value=name translate="no">{title}</option> }).collect_view()}
                </select></label>
                <label>" "<select class="similar-order" aria-label=t(k::find::most_or_least) prop:value=move || if least.get() { "least" } else { "most" }
                    on:change=move |ev| least.set(event_target_value(&ev) == "least")>
                    <option value="most">{t(k::find::most_similar)}</option>
                    <option value="least">{t(k::find::least_similar)}</option>
                </select></label>
                <label>" "{t(k::find::similar_show)}" "<select class="similar-count" prop:value=move || count.get().to_string()
                    on:change=move |ev| count.set(event_target_value(&ev).parse().unwrap_or(Similar::DEFAULT_COUNT))>
                    {Similar::COUNTS.into_iter().map(|n| view! { <option value=n.to_string()>{crate::i18n::number(n as f64)}</option> }).collect_view()}
                </select></label>
                <button type="button" class="button primary" data-action="run-similar" disabled=move || busy.get() on:click=move |_| find()>{t(k::find::find)}</button>
            </div>
        </Show>
    }
}

/// The record the results are compared with, pinned above them.
#[component]
pub fn SimilarReference(annotator: Annotator) -> impl IntoView {
    let reference = Memo::new(move |_| annotator.list.with(|l| l.find.similar.clone()));
    let text = LocalResource::new(move || {
        let similar = reference.get();
        async move {
            let similar = similar?;
            let found = annotator.app.client().my_record(&annotator.dataset_id.get_value(), &similar.record_id, &[]).await.ok()??;
            // The first text field in the dataset's order (the record's map is alphabetical: an
            // image's data URL could come first).
            let text = annotator.fields.with_value(|fields| {
                fields.iter().filter(|f| matches!(f.settings, FieldSettings::Text { .. })).find_map(|f| found.record.fields.get(&f.name)?.as_str().map(str::to_owned))
            });
            let text = text.unwrap_or_default();
            Some(text.chars().take(400).collect::<String>())
        }
    });
    move || {
        reference.get().map(|similar| {
            let heading = t(if similar.least { k::find::least_similar_to_this } else { k::find::most_similar_to_this });
            view! {
                <aside class="similar-reference" data-testid="similar-reference" data-record-id=similar.record_id.clone()>
                    <div class="similar-reference-head">
                        <strong>{heading}</strong>
                        <button type="button" class="link-button" on:click=move |_| {
                            refind(annotator, |f| Find { similar: None, ..f.clone() });
                            // This panel goes: the focus goes to the button that finds similar records.
                            crate::browser::focus_first("[data-action=find-similar]");
                        }>{t(k::find::back_to_all)}</button>
                    </div>
                    <p class="similar-reference-text" translate="no">{move || text.get().flatten().unwrap_or_default()}</p>
                </aside>
            }
        })
    }
}

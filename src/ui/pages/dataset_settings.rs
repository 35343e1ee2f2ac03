//! `/dataset/:id/settings`: everything the server lets a dataset change after
//! it is created, one card per item, each saved on its own. Annotators see the
//! same settings read-only.

use crate::api::client::items_of;
use crate::api::{ApiError, Client};
use crate::browser::app_href;
use crate::browser::storage::{self, Scope};
use crate::domain::dataset_settings::*;
use crate::browser::sanitize::safe_markdown;
use crate::i18n::{k, number, t, tf, tn, Key};
use crate::ui::components::error_panel::ErrorPanel;
use crate::ui::components::fields::custom::CustomField;
use crate::ui::components::linked_text::linked_text;
use crate::ui::components::team_progress::TeamProgress;
use crate::ui::components::header::show_dataset_in_header;
use crate::ui::leave_guard::ask_before_leaving;
use crate::ui::state::{use_app, AppNotice, DatasetPlace};
use crate::url::encode_component;
use leptos::prelude::*;
use leptos::task::spawn_local;
use crate::ui::router::{use_navigate, use_params_map};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use wasm_bindgen::JsCast;

#[derive(Clone)]
struct Loaded {
    general: General,
    fields: Vec<FieldEdit>,
    questions: Vec<QuestionEdit>,
    /// Why they could not be read, if so: the section says it instead of going missing.
    metadata: Result<Vec<MetadataEdit>, String>,
    vectors: Result<Vec<VectorEdit>, String>,
    /// One record as a custom template sees it, for the template preview.
    sample: Value,
    records: Option<u64>,
    /// Answers of every user, when the server tells this user.
    answers: Option<u64>,
    workspace_id: String,
}

async fn list(client: &Client, path: &str) -> Result<Vec<Value>, ApiError> {
    Ok(items_of(client.get::<Value>(path).await?))
}

async fn load(client: Client, id: String) -> Result<Loaded, ApiError> {
    let id = encode_component(&id);
    let at = |p: &str| if p.is_empty() { format!("/datasets/{id}") } else { format!("/datasets/{id}/{p}") };
    let paths = [at(""), at("fields"), at("questions"), format!("/me/datasets/{id}/metadata-properties"), at("vectors-settings")];
    let (progress_path, users_path) = (at("progress"), at("users/progress"));
    let sample_path = format!("/me/datasets/{id}/records/search?limit=1");
    let any = serde_json::json!({"query": {}});
    // Nothing here waits on anything else: one round trip.
    let (dataset, fields, questions, metadata, vectors, progress, users, sample, datasets) = futures::join!(
        client.get::<Value>(&paths[0]),
        list(&client, &paths[1]),
        list(&client, &paths[2]),
        list(&client, &paths[3]),
        list(&client, &paths[4]),
        client.get::<Value>(&progress_path),
        client.get::<Value>(&users_path),
        client.send_json::<_, Value>("POST", &sample_path, &any),
        list(&client, "/me/datasets"),
    );
    let datasets = datasets.unwrap_or_default();
    let answers = users.ok().map(|u| {
        let sum = |part: &Value| ["submitted", "discarded", "draft"].iter().map(|k| part[k].as_u64().unwrap_or(0)).sum::<u64>();
        u["users"].as_array().map(|all| all.iter().map(|x| sum(&x["completed"]) + sum(&x["pending"])).sum()).unwrap_or(0)
    });
    let sample = sample.ok().map(|s| s["items"][0]["record"].clone()).unwrap_or(Value::Null);
    let dataset = dataset?;
    let workspace_id = dataset["workspace_id"].as_str().unwrap_or_default().to_owned();
    let mut general = General::from_json(&dataset);
    let workspace = datasets.iter().find(|d| d["id"] == general.id.as_str()).map(|d| d["workspace_id"].clone());
    general.taken = datasets
        .iter()
        .filter(|d| Some(&d["workspace_id"]) == workspace.as_ref() && d["id"] != general.id.as_str())
        .map(|d| d["name"].as_str().unwrap_or_default().to_owned())
        .collect();
    Ok(Loaded {
        general,
        workspace_id,
        fields: fields?.iter().map(FieldEdit::from_json).collect(),
        questions: questions?.iter().map(QuestionEdit::from_json).collect(),
        metadata: metadata.map(|m| m.iter().map(MetadataEdit::from_json).collect()).map_err(|e| e.user_message()),
        vectors: vectors.map(|v| v.iter().map(VectorEdit::from_json).collect()).map_err(|e| e.user_message()),
        sample: serde_json::json!({"id": sample["id"], "fields": sample["fields"], "metadata": sample["metadata"], "external_id": sample["external_id"]}),
        records: progress.ok().and_then(|p| p["total"].as_u64()),
        answers,
    })
}

#[component]
pub fn DatasetSettings() -> impl IntoView {
    let state = use_app();
    let params = use_params_map();
    let data = LocalResource::new(move || {
        let id = params.get("id").unwrap_or_default();
        async move {
            let result = load(state.client(), id).await;
            if let Err(e) = &result {
                state.check(e);
            }
            result
        }
    });
    view! {
        <section class="settings-page">
            <Transition fallback=|| view! { <p class="loading">{t(k::settings::loading_settings)}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <ErrorPanel error=error on_retry=move |_| data.refetch()/> }.into_any(),
                        // Drawn once the role is known: an owner never gets the read-only page.
                        Ok(loaded) => {
                            let loaded = StoredValue::new(loaded);
                            let known = Memo::new(move |_| state.user_known());
                            // Drawn again when the role comes after all (a /me that failed while the
                            // Space restarted, then answered): an owner is not left on the read-only page.
                            let can_manage = Memo::new(move |_| state.user.with(|u| u.as_ref().is_some_and(|u| u.role.can_manage())));
                            (move || {
                                can_manage.track();
                                known.get().then(|| view! { <SettingsBody loaded=loaded.get_value()/> })
                            })
                            .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

/// Where a card's edits not saved yet wait, per user and card.
const DRAFT_KEY: &str = "argilla-lite.settings-draft.";

/// The dataset's name as the page shows it: a rename saved in its card shows at once.
#[derive(Clone, Copy)]
struct DatasetName(RwSignal<String>);

/// Cards with edits not saved yet, by key: the page asks before leaving.
#[derive(Clone, Copy)]
struct Unsaved(RwSignal<BTreeSet<String>>);

#[component]
fn SettingsBody(loaded: Loaded) -> impl IntoView {
    let state = use_app();
    let can_edit = state.user.with_untracked(|u| u.as_ref().is_some_and(|u| u.role.can_manage()));
    let unsaved = Unsaved(RwSignal::new(BTreeSet::new()));
    // Leaving on purpose lets the edits go, as the question says; only a new sign-in keeps them.
    let let_go = || {
        for key in storage::keys_starting_with(Scope::Session, DRAFT_KEY) {
            storage::remove(Scope::Session, &key);
        }
    };
    let leave_question = ask_before_leaving(move || unsaved.0.try_with_untracked(|s| !s.is_empty()).unwrap_or(false), k::settings::leave_confirm, let_go);
    let id = loaded.general.id.clone();
    let name = RwSignal::new(loaded.general.name.clone());
    provide_context(DatasetName(name));
    let annotate = format!("/dataset/{}/annotation-mode", encode_component(&id));
    let (place_id, workspace_id) = (id.clone(), loaded.workspace_id.clone());
    Effect::new(move |_| {
        show_dataset_in_header(DatasetPlace { id: place_id.clone(), name: name.get(), workspace_id: workspace_id.clone(), settings: true });
    });
    let sample = StoredValue::new(loaded.sample.clone());
    let section = |title: Key, key: &'static str, items: Vec<AnyView>| {
        (!items.is_empty()).then(|| view! {
            <section class="settings-section" data-section=key>
                <h2 tabindex="-1">{t(title)}</h2>
                {items}
            </section>
        })
    };
    let general = card(unsaved, can_edit, "general".into(), Heading::Ours(t(k::settings::general)), loaded.general.clone(), general_inputs, general_read);
    let fields: Vec<AnyView> = loaded
        .fields
        .iter()
        .map(|f| card(unsaved, can_edit, format!("field-{}", f.name), Heading::AsWritten(f.title.clone()), f.clone(), move |d, e| field_inputs(d, e, sample), field_read))
        .collect();
    let questions: Vec<AnyView> = loaded
        .questions
        .iter()
        .map(|q| card(unsaved, can_edit, format!("question-{}", q.name), Heading::AsWritten(q.title.clone()), q.clone(), question_inputs, question_read))
        .collect();
    let metadata: Vec<AnyView> = match &loaded.metadata {
        Ok(list) => list
            .iter()
            .map(|m| card(unsaved, can_edit, format!("metadata-{}", m.name), Heading::AsWritten(m.name.clone()), m.clone(), metadata_inputs, metadata_read))
            .collect(),
        Err(reason) => unreadable(k::settings::metadata_unreadable, reason),
    };
    let vectors: Vec<AnyView> = match &loaded.vectors {
        Ok(list) => list
            .iter()
            .map(|v| card(unsaved, can_edit, format!("vector-{}", v.name), Heading::AsWritten(v.name.clone()), v.clone(), title_inputs, vector_read))
            .collect(),
        Err(reason) => unreadable(k::settings::vectors_unreadable, reason),
    };
    let present = [
        (k::settings::progress, "progress", can_edit),
        (k::settings::general, "general", true),
        (k::settings::fields, "fields", !fields.is_empty()),
        (k::settings::questions, "questions", !questions.is_empty()),
        (k::settings::metadata, "metadata", !metadata.is_empty()),
        (k::settings::vectors, "vectors", !vectors.is_empty()),
        (k::settings::danger_zone, "danger", can_edit),
    ];
    view! {
        {leave_question}
        <div class="annotation-head">
            <h1>{linked_text(t(k::settings::settings_of), "name", view! { <span translate="no">{move || name.get()}</span> })}</h1>
            <a class="button subtle" href=app_href(&annotate)>{t(k::settings::back_to_annotation)}</a>
        </div>
        <SectionNav sections=present.into_iter().filter(|s| s.2).map(|s| (t(s.0), s.1)).collect()/>
        {(!can_edit).then(|| view! { <p class="notice info" data-testid="read-only">{t(k::settings::read_only)}</p> })}
        {can_edit.then(|| view! { <TeamProgress dataset_id=id.clone()/> })}
        {section(k::settings::general, "general", vec![general])}
        {section(k::settings::fields, "fields", fields)}
        {section(k::settings::questions, "questions", questions)}
        {section(k::settings::metadata, "metadata", metadata)}
        {section(k::settings::vectors, "vectors", vectors)}
        {can_edit.then(|| view! { <DangerZone id=id.clone() name=name records=loaded.records answers=loaded.answers unsaved=unsaved/> })}
    }
}

/// A section's content when its part of the settings could not be read.
fn unreadable(what: Key, reason: &str) -> Vec<AnyView> {
    vec![view! { <p class="notice problem" data-testid="section-unreadable">{tf(what, &[("reason", &reason)])}</p> }.into_any()]
}

/// The page's sections as tabs that scroll to them: the page stays one long
/// page, so edits waiting in several sections are never hidden behind a tab.
#[component]
fn SectionNav(sections: Vec<(&'static str, &'static str)>) -> impl IntoView {
    view! {
        <nav class="section-nav" aria-label=t(k::settings::sections)>
            {sections.into_iter().map(|(title, key)| view! { <button type="button" on:click=move |_| jump_to(key)>{title}</button> }).collect_view()}
        </nav>
    }
}

/// Scrolls to a section and puts the focus on its heading, so that the
/// keyboard and screen readers go on from there.
fn jump_to(key: &str) {
    let Ok(Some(section)) = document().query_selector(&format!("[data-section={key}]")) else { return };
    section.scroll_into_view();
    let Some(heading) = section.query_selector("h2").ok().flatten().and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok()) else { return };
    // Headings drawn elsewhere (the team's progress) are made focusable here.
    if !heading.has_attribute("tabindex") {
        let _ = heading.set_attribute("tabindex", "-1");
    }
    let _ = heading.focus();
}

/// A card's heading: ours (translated), or a title the owner wrote.
enum Heading {
    Ours(&'static str),
    AsWritten(String),
}

impl Heading {
    fn view(self) -> AnyView {
        match self {
            Heading::Ours(text) => view! { <h3>{text}</h3> }.into_any(),
            Heading::AsWritten(text) => view! { <h3 translate="no">{text}</h3> }.into_any(),
        }
    }
}

/// A read-only row: its label, its value, and whether the owner wrote the value.
type Row = (&'static str, String, bool);

/// Problems per input name; `""` is the card as a whole.
type Problems = BTreeMap<String, String>;

/// One item: its inputs bound to a draft, Save and Cancel, what changed and
/// what the server refused. Read-only users get the values as text.
fn card<T: Editable>(
    unsaved: Unsaved,
    can_edit: bool,
    key: String,
    heading: Heading,
    saved: T,
    inputs: impl Fn(RwSignal<T>, RwSignal<Problems>) -> AnyView + Send + Sync + 'static,
    read: fn(&T) -> Vec<Row>,
) -> AnyView {
    if !can_edit {
        let rows = read(&saved);
        return view! {
            <article class="settings-card" data-settings-item=key>
                {heading.view()}
                <dl class="settings-values">
                    {rows.into_iter().map(|(label, value, as_written)| view! { <dt>{label}</dt><dd translate=as_written.then_some("no")>{value}</dd> }).collect_view()}
                </dl>
            </article>
        }
        .into_any();
    }
    let state = use_app();
    let page_name = use_context::<DatasetName>();
    let saved = RwSignal::new(saved);
    let draft = RwSignal::new(saved.get_untracked());
    let problems = RwSignal::new(Problems::new());
    let status = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let dirty = Memo::new(move |_| draft.with(|d| saved.with(|s| d.changes(s).is_some())));
    // Edits not saved yet outlive the page in this tab (an expired session sends the person
    // to sign in and back), and come back while the server's settings are the ones they were made on.
    let user = state.user.with_untracked(|u| u.as_ref().map(|u| u.username.clone())).unwrap_or_default();
    let kept_key = format!("{DRAFT_KEY}{user}.{}", saved.with_untracked(Editable::path));
    let kept = storage::get(Scope::Session, &kept_key).and_then(|t| serde_json::from_str::<(T, T)>(&t).ok());
    if let Some((_, edits)) = kept.filter(|(base, _)| saved.with_untracked(|s| base.changes(s).is_none() && s.changes(base).is_none())) {
        draft.set(edits);
    }
    Effect::new(move |_| {
        let kept = dirty.get().then(|| draft.with(|d| saved.with(|s| serde_json::to_string(&(s, d)).ok()))).flatten();
        match kept {
            Some(text) => storage::set(Scope::Session, &kept_key, &text),
            None => storage::remove(Scope::Session, &kept_key),
        }
    });
    let k = key.clone();
    let card_key = StoredValue::new(key.clone());
    Effect::new(move |_| {
        let is_dirty = dirty.get();
        unsaved.0.update(|set| {
            if is_dirty {
                set.insert(k.clone());
            } else {
                set.remove(&k);
            }
        });
    });
    let save = move |_| {
        let now = draft.get_untracked();
        let found = now.problems();
        if !found.is_empty() {
            problems.set(found.into_iter().map(|(k, v)| (k.to_owned(), v)).collect());
            return;
        }
        let Some(body) = saved.with_untracked(|s| now.changes(s)) else { return };
        let changed = saved_list(&body);
        problems.set(Problems::new());
        busy.set(true);
        spawn_local(async move {
            let result = state.client().send_json::<_, Value>("PATCH", &now.path(), &body).await;
            busy.set(false);
            match result {
                Ok(_) => {
                    if let (Some(renamed), Some(page_name)) = (now.dataset_name(), page_name) {
                        page_name.0.set(renamed.to_owned());
                    }
                    saved.set(now);
                    status.set(Some(tf(k::settings::saved, &[("what", &changed)])));
                    // Save went disabled under the focus: the card's heading takes it, "Saved" is said.
                    if let Some(key) = card_key.try_get_value() {
                        crate::ui::dialog::refocus_if_lost(&format!("[data-settings-item='{key}'] h3"));
                    }
                }
                Err(e) => {
                    state.check(&e);
                    let locs: Vec<Vec<String>> = e.field_errors().iter().map(|f| f.loc.clone()).collect();
                    let message = e.user_message();
                    let (target, message) = match explain_refusal(&message) {
                        Some((input, plain)) => (input.to_owned(), plain),
                        None => (refused_input(e.status(), &locs, INPUTS).unwrap_or_default(), message),
                    };
                    status.set(None);
                    // A refusal about an input this card does not have is told by the card as a whole.
                    let shown_here = card_key.try_with_value(|key| card_has_input(key, &target)).unwrap_or(false);
                    let target = if shown_here { target } else { String::new() };
                    problems.set([(target, message)].into_iter().collect());
                }
            }
        });
    };
    let cancel = move |_| {
        draft.set(saved.get_untracked());
        problems.set(Problems::new());
        status.set(None);
    };
    view! {
        <article class="settings-card" class:dirty=move || dirty.get() data-settings-item=key>
            {heading.view()}
            {inputs(draft, problems)}
            {move || problems.with(|p| p.get("").cloned()).map(|m| view! { <p class="field-error" role="alert" data-error-for="">{m}</p> })}
            <div class="card-actions">
                <button type="button" class="button" data-action="cancel" disabled=move || !dirty.get() || busy.get() on:click=cancel>{t(k::settings::cancel)}</button>
                <button type="button" class="button primary" data-action="save" disabled=move || !dirty.get() || busy.get() on:click=save>
                    {move || t(if busy.get() { k::settings::saving } else { k::settings::save })}
                </button>
                <span class="card-status" role="status">{move || if dirty.get() { t(k::settings::unsaved).to_owned() } else { status.get().unwrap_or_default() }}</span>
            </div>
        </article>
    }
    .into_any()
}

/// "Name, Guidelines": what a change body saves, by the labels the reader sees.
fn saved_list(body: &Value) -> String {
    let labels = saved_inputs(body).into_iter().map(|input| t(saved_label(input)).to_owned());
    labels.reduce(|list, item| tf(k::data::list_more, &[("list", &list), ("item", &item)])).unwrap_or_default()
}

fn saved_label(input: &str) -> Key {
    match input {
        "name" => k::settings::name,
        "guidelines" => k::settings::guidelines,
        "allow_extra_metadata" => k::settings::extra_metadata,
        "min_submitted" => k::settings::submitted_per_record,
        "description" => k::settings::description,
        "options" => k::settings::options,
        "visible_options" => k::settings::options_shown,
        "options_order" => k::settings::options_order,
        "use_markdown" => k::settings::markdown,
        "template" => k::settings::template,
        "visible_for_annotators" => k::settings::visible_to_annotators,
        _ => k::settings::title,
    }
}

/// Whether the card `key` has an input named `input`.
fn card_has_input(key: &str, input: &str) -> bool {
    let selector = format!("[data-settings-item=\"{key}\"] [name=\"{input}\"]");
    !input.is_empty() && document().query_selector(&selector).ok().flatten().is_some()
}

/// Every input name the cards use, for placing a server refusal.
const INPUTS: &[&str] =
    &["name", "guidelines", "allow_extra_metadata", "min_submitted", "distribution", "title", "description", "use_markdown", "template", "options", "visible_options", "options_order", "visible_for_annotators"];

fn problem(problems: RwSignal<Problems>, input: &'static str) -> impl IntoView {
    let message = Signal::derive(move || problems.with(|p| p.get(input).map(|m| (m.clone(), false))));
    view! { <crate::ui::components::field_error::FieldError input=input message=message/> }
}

fn text_input<T: Editable>(
    draft: RwSignal<T>,
    problems: RwSignal<Problems>,
    name: &'static str,
    label: &'static str,
    get: fn(&T) -> String,
    set: fn(&mut T, String),
) -> impl IntoView {
    view! {
        <label class="setting">
            <span>{label}</span>
            <input type="text" name=name prop:value=move || draft.with(get) on:input=move |ev| draft.update(|d| set(d, event_target_value(&ev)))/>
        </label>
        {problem(problems, name)}
    }
}

fn check_input<T: Editable>(
    draft: RwSignal<T>,
    name: &'static str,
    label: &'static str,
    get: fn(&T) -> bool,
    set: fn(&mut T, bool),
) -> impl IntoView {
    view! {
        <label class="setting check">
            <input type="checkbox" name=name prop:checked=move || draft.with(get) on:change=move |ev| draft.update(|d| set(d, event_target_checked(&ev)))/>
            <span>{label}</span>
        </label>
    }
}

fn general_inputs(draft: RwSignal<General>, problems: RwSignal<Problems>) -> AnyView {
    // The box keeps what is typed (empty, or not a number: the card says what is wrong);
    // it follows the draft only when that changes otherwise (Cancel).
    let typed = RwSignal::new(draft.with_untracked(|d| d.min_submitted.to_string()));
    Effect::new(move |_| {
        let value = draft.with(|d| d.min_submitted);
        if typed.with_untracked(|t| t.trim().parse::<u32>().unwrap_or(0)) != value {
            typed.set(value.to_string());
        }
    });
    view! {
        {text_input(draft, problems, "name", t(k::settings::name), |d| d.name.clone(), |d, v| d.name = v)}
        <div class="setting guidelines-editor">
            <label for="guidelines">{t(k::settings::guidelines_markdown)}</label>
            <div class="editor-pair">
                <textarea id="guidelines" name="guidelines" rows="8" prop:value=move || draft.with(|d| d.guidelines.clone())
                    on:input=move |ev| draft.update(|d| d.guidelines = event_target_value(&ev))></textarea>
                <div class="markdown preview" role="region" tabindex="0" aria-label=t(k::settings::guidelines_preview) translate="no" data-testid="guidelines-preview"
                    inner_html=move || draft.with(|d| safe_markdown(&d.guidelines))></div>
            </div>
        </div>
        {problem(problems, "guidelines")}
        {check_input(draft, "allow_extra_metadata", t(k::settings::allow_extra_metadata), |d| d.allow_extra_metadata, |d, v| d.allow_extra_metadata = v)}
        <label class="setting">
            <span>{t(k::settings::min_submitted)}</span>
            <input type="number" name="min_submitted" min="1" prop:value=typed
                on:input=move |ev| { let text = event_target_value(&ev); draft.update(|d| d.min_submitted = text.trim().parse().unwrap_or(0)); typed.set(text) }/>
        </label>
        {problem(problems, "min_submitted")}
        {problem(problems, "distribution")}
    }
    .into_any()
}

fn general_read(g: &General) -> Vec<Row> {
    let guidelines = if g.guidelines.is_empty() {
        (t(k::settings::guidelines), t(k::settings::none).to_owned(), false)
    } else {
        (t(k::settings::guidelines), g.guidelines.clone(), true)
    };
    vec![
        (t(k::settings::name), g.name.clone(), true),
        guidelines,
        (t(k::settings::extra_metadata), t(if g.allow_extra_metadata { k::settings::allowed } else { k::settings::not_allowed }).to_owned(), false),
        (t(k::settings::submitted_per_record), number(g.min_submitted.into()), false),
    ]
}

fn field_inputs(draft: RwSignal<FieldEdit>, problems: RwSignal<Problems>, sample: StoredValue<Value>) -> AnyView {
    let kind = draft.with_untracked(|d| d.kind.clone());
    let extra = match kind {
        FieldKind::Text { .. } | FieldKind::Chat { .. } => check_input(
            draft,
            "use_markdown",
            t(k::settings::render_markdown),
            |d| matches!(d.kind, FieldKind::Text { markdown: true } | FieldKind::Chat { markdown: true }),
            |d, v| match &mut d.kind {
                FieldKind::Text { markdown } | FieldKind::Chat { markdown } => *markdown = v,
                _ => {}
            },
        )
        .into_any(),
        FieldKind::Custom { .. } => {
            let template = move || draft.with(|d| match &d.kind {
                FieldKind::Custom { template, .. } => template.clone(),
                _ => String::new(),
            });
            let advanced = move || draft.with(|d| matches!(d.kind, FieldKind::Custom { advanced_mode: true, .. }));
            view! {
                <div class="setting">
                    <label for=move || format!("template-{}", draft.with(|d| d.name.clone()))>{t(k::settings::template_html)}</label>
                    <textarea name="template" rows="6" translate="no" id=move || format!("template-{}", draft.with(|d| d.name.clone())) prop:value=template
                        on:input=move |ev| draft.update(|d| if let FieldKind::Custom { template, .. } = &mut d.kind { *template = event_target_value(&ev) })></textarea>
                </div>
                {problem(problems, "template")}
                <p class="muted">{t(k::settings::template_preview_note)}</p>
                {move || { let html = template(); view! { <CustomField record=move || sample.get_value() template=html advanced=advanced() title=t(k::settings::template_preview).to_owned()/> } }}
            }
            .into_any()
        }
        FieldKind::Image | FieldKind::Other => ().into_any(),
    };
    view! {
        {text_input(draft, problems, "title", t(k::settings::title), |d| d.title.clone(), |d, v| d.title = v)}
        {extra}
    }
    .into_any()
}

fn field_read(f: &FieldEdit) -> Vec<Row> {
    let mut rows = vec![(t(k::settings::title), f.title.clone(), true)];
    match &f.kind {
        FieldKind::Text { markdown } | FieldKind::Chat { markdown } => {
            rows.push((t(k::settings::markdown), t(if *markdown { k::settings::yes } else { k::settings::no }).to_owned(), false))
        }
        FieldKind::Custom { template, .. } => rows.push((t(k::settings::template), template.clone(), true)),
        _ => {}
    }
    rows
}

fn question_inputs(draft: RwSignal<QuestionEdit>, problems: RwSignal<Problems>) -> AnyView {
    let kind = draft.with_untracked(|d| d.kind.clone());
    let options = kind.options().map(|list| {
        let count = list.len();
        let announced = RwSignal::new(String::new());
        let shift = move |ev: leptos::ev::MouseEvent, i: usize, delta: isize| {
            let Some(to) = i.checked_add_signed(delta).filter(|to| *to < count) else { return };
            draft.update(|d| if let Some(o) = d.kind.options_mut() { move_option(o, i, delta) });
            let text = draft.with_untracked(|d| d.kind.options().and_then(|o| o.get(to)).map(|o| o.text.clone()).unwrap_or_default());
            announced.set(tf(k::settings::option_moved, &[("option", &text), ("n", &number((to + 1) as f64)), ("count", &number(count as f64))]));
            focus_moved(&ev, to, delta);
        };
        view! {
            <fieldset class="setting options-editor">
                <legend>{t(k::settings::options_editor)}</legend>
                <ol>
                    {(0..count).map(|i| view! {
                        <li class="option-row">
                            <code class="option-value" translate="no">{move || draft.with(|d| d.kind.options().and_then(|o| o.get(i)).map(|o| o.value.clone()).unwrap_or_default())}</code>
                            <input type="text" name="option-text" aria-label=move || tf(k::settings::option_text, &[("n", &number((i + 1) as f64))])
                                prop:value=move || draft.with(|d| d.kind.options().and_then(|o| o.get(i)).map(|o| o.text.clone()).unwrap_or_default())
                                on:input=move |ev| draft.update(|d| if let Some(o) = d.kind.options_mut().and_then(|o| o.get_mut(i)) { o.text = event_target_value(&ev) })/>
                            <button type="button" class="button subtle" aria-label=tf(k::settings::move_option_up, &[("n", &number((i + 1) as f64))]) disabled=i == 0
                                data-move="up" data-row=i on:click=move |ev| shift(ev, i, -1)>"↑"</button>
                            <button type="button" class="button subtle" aria-label=tf(k::settings::move_option_down, &[("n", &number((i + 1) as f64))]) disabled=i + 1 == count
                                data-move="down" data-row=i on:click=move |ev| shift(ev, i, 1)>"↓"</button>
                        </li>
                    }).collect_view()}
                </ol>
                <p class="sr-only" role="status" data-testid="option-moved">{move || announced.get()}</p>
            </fieldset>
            {problem(problems, "options")}
            <label class="setting">
                <span>{t(k::settings::visible_options)}</span>
                <input type="number" name="visible_options" min=MIN_VISIBLE_OPTIONS max=count
                    prop:value=move || draft.with(|d| d.kind.visible().flatten().map(|n| n.to_string()).unwrap_or_default())
                    on:input=move |ev| draft.update(|d| d.kind.set_visible(event_target_value(&ev).trim().parse().ok()))/>
            </label>
            {problem(problems, "visible_options")}
        }
    });
    let extra = match kind {
        QuestionKind::MultiLabel { .. } => view! {
            <label class="setting">
                <span>{t(k::settings::options_order)}</span>
                <select name="options_order" prop:value=move || draft.with(|d| match &d.kind { QuestionKind::MultiLabel { order, .. } => order.clone(), _ => String::new() })
                    on:change=move |ev| draft.update(|d| if let QuestionKind::MultiLabel { order, .. } = &mut d.kind { *order = event_target_value(&ev) })>
                    <option value="natural">{t(k::settings::order_natural)}</option>
                    <option value="suggestion">{t(k::settings::order_suggestion)}</option>
                </select>
            </label>
        }
        .into_any(),
        QuestionKind::Text { .. } => check_input(
            draft,
            "use_markdown",
            t(k::settings::text_markdown),
            |d| matches!(d.kind, QuestionKind::Text { markdown: true }),
            |d, v| d.kind = QuestionKind::Text { markdown: v },
        )
        .into_any(),
        QuestionKind::Fixed => view! { <p class="muted">{t(k::settings::fixed_question)}</p> }.into_any(),
        _ => ().into_any(),
    };
    view! {
        {text_input(draft, problems, "title", t(k::settings::title), |d| d.title.clone(), |d, v| d.title = v)}
        <label class="setting">
            <span>{t(k::settings::description)}</span>
            <textarea name="description" rows="2" prop:value=move || draft.with(|d| d.description.clone())
                on:input=move |ev| draft.update(|d| d.description = event_target_value(&ev))></textarea>
        </label>
        {problem(problems, "description")}
        {options}
        {extra}
    }
    .into_any()
}

/// After a move the focus follows the option: the same button on its new
/// row, or that row's other one at the top or bottom (where this one is disabled).
fn focus_moved(ev: &leptos::ev::MouseEvent, row: usize, delta: isize) {
    let list = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|b| b.closest("ol").ok().flatten());
    let Some(list) = list else { return };
    let button = |direction: &str| list.query_selector(&format!("button[data-move={direction}][data-row='{row}']")).ok().flatten();
    let (same, other) = if delta < 0 { ("up", "down") } else { ("down", "up") };
    let target = button(same).filter(|b| !b.has_attribute("disabled")).or_else(|| button(other));
    if let Some(target) = target.and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = target.focus();
    }
}

fn question_read(q: &QuestionEdit) -> Vec<Row> {
    let mut rows = vec![(t(k::settings::title), q.title.clone(), true), (t(k::settings::description), q.description.clone(), true)];
    if let Some(options) = q.kind.options() {
        rows.push((t(k::settings::options), options.iter().map(|o| o.text.clone()).collect::<Vec<_>>().join(", "), true));
    }
    rows
}

fn metadata_inputs(draft: RwSignal<MetadataEdit>, problems: RwSignal<Problems>) -> AnyView {
    view! {
        {text_input(draft, problems, "title", t(k::settings::title), |d| d.title.clone(), |d, v| d.title = v)}
        {check_input(draft, "visible_for_annotators", t(k::settings::visible_to_annotators), |d| d.visible, |d, v| d.visible = v)}
    }
    .into_any()
}

fn metadata_read(m: &MetadataEdit) -> Vec<Row> {
    vec![(t(k::settings::title), m.title.clone(), true)]
}

fn vector_read(v: &VectorEdit) -> Vec<Row> {
    vec![(t(k::settings::title), v.title.clone(), true)]
}

fn title_inputs<T: Editable + HasTitle>(draft: RwSignal<T>, problems: RwSignal<Problems>) -> AnyView {
    text_input(draft, problems, "title", t(k::settings::title), |d| d.title().to_owned(), |d, v| d.set_title(v)).into_any()
}

trait HasTitle {
    fn title(&self) -> &str;
    fn set_title(&mut self, title: String);
}

impl HasTitle for VectorEdit {
    fn title(&self) -> &str {
        &self.title
    }
    fn set_title(&mut self, title: String) {
        self.title = title;
    }
}

/// Delete the dataset, only after its name is typed; says what goes with it.
#[component]
fn DangerZone(id: String, name: RwSignal<String>, records: Option<u64>, answers: Option<u64>, unsaved: Unsaved) -> impl IntoView {
    let state = use_app();
    let navigate = use_navigate();
    let typed = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let leave_question = ask_before_leaving(move || busy.try_get_untracked().unwrap_or(false), k::settings::delete_leave, || {});
    let backup = format!("/backup?dataset={}", encode_component(&id));
    // The record count could not be read: no number is better than a wrong one.
    let what = match (records.map(|r| tn(k::common::records_count, r as usize, &[])), answers) {
        (Some(records), Some(a)) => tf(k::settings::deleted_with_answers, &[("records", &records), ("answers", &tn(k::settings::answers_count, a as usize, &[]))]),
        (Some(records), None) => tf(k::settings::deleted_with_every_answer, &[("records", &records)]),
        (None, _) => t(k::settings::deleted_with_everything).to_owned(),
    };
    let delete = move |_| {
        let path = format!("/datasets/{}", encode_component(&id));
        let navigate = navigate.clone();
        let dataset = name.get_untracked();
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            // The long time limit: a large dataset can take the server long to delete.
            let deleted = state.client().patient().delete(&path).await;
            // Not found: deleted already (by someone else, or by a request whose answer was lost).
            let deleted = deleted.or_else(|e| if e.status() == Some(404) { Ok(()) } else { Err(e) });
            // Left while it ran: the outcome is told on the page shown now, which stays.
            let here = busy.try_set(false).is_none();
            match deleted {
                Ok(()) if here => {
                    unsaved.0.set(BTreeSet::new());
                    navigate("/", Default::default());
                }
                Ok(()) => state.notice.set(Some(AppNotice { text: tf(k::settings::deleted_notice, &[("name", &dataset)]), link: None })),
                Err(e) => {
                    state.check(&e);
                    if here {
                        error.set(Some(e.user_message()));
                    } else {
                        let text = tf(k::settings::delete_failed_notice, &[("name", &dataset), ("error", &e.user_message())]);
                        state.notice.set(Some(AppNotice { text, link: None }));
                    }
                }
            }
        });
    };
    view! {
        <section class="settings-section danger-zone" data-section="danger">
            {leave_question}
            <h2 tabindex="-1">{t(k::settings::danger_zone)}</h2>
            <p><strong>{t(k::settings::delete_this)}</strong>" "<span>{what}</span>" "<a href=app_href(&backup)>{t(k::settings::backup_first)}</a></p>
            <label class="setting">
                <span>{linked_text(t(k::settings::type_name_to_confirm), "name", view! { <code translate="no">{move || name.get()}</code> })}</span>
                <input type="text" name="confirm-delete" autocomplete="off" prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))/>
            </label>
            <button type="button" class="button danger" data-action="delete-dataset"
                disabled=move || busy.get() || !name.with(|n| delete_confirmed(&typed.get(), n)) on:click=delete>
                {move || t(if busy.get() { k::settings::deleting } else { k::settings::delete_dataset })}
            </button>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </section>
    }
}


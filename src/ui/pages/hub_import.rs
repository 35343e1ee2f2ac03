//! `/new` and `/new/<org>/<name>`: create a dataset from a Hugging Face Hub
//! dataset (owners and admins). The Hub's dataset viewer says what the split
//! holds; each column gets a proposed use the owner can change; then the
//! dataset is created, published and filled by argilla-server's import job.

use crate::domain::hub::{argilla_name, columns, creation, problems, propose, repo_id, uses_for, Column, ColumnChoice, ColumnKind, ExtraQuestion, JobState, KeptImport, Use, MAX_IMPORTED_ROWS, skipped_rows};
use crate::browser::app_href;
use crate::domain::queue::Latest;
use crate::i18n::{k, t, tf, tn};
use crate::ui::hub_job::{create_and_import, viewer, wait_for_job, JobEnd, Started};
use crate::ui::state::use_app;
use crate::url::encode_component;
use leptos::prelude::*;
use leptos::task::spawn_local;
use crate::ui::router::use_params_map;
use serde_json::Value;

#[derive(Clone, Debug, PartialEq)]
enum Run {
    Idle,
    Working(String),
    Importing { id: String, records: u64 },
    Done { id: String, records: u64, skipped: Option<u64> },
    Failed { message: String, created: Option<String> },
    /// The job could not be followed to its end: it may still be filling the dataset.
    Unknown { id: String, message: String },
}

#[derive(Clone, Copy)]
struct Import {
    repo: RwSignal<Option<String>>,
    splits: RwSignal<Vec<(String, String)>>,
    subset: RwSignal<String>,
    split: RwSignal<String>,
    problem: RwSignal<Option<String>>,
    loading: RwSignal<bool>,
    rows: RwSignal<Vec<Value>>,
    choices: RwSignal<Vec<ColumnChoice>>,
    extra: RwSignal<Vec<ExtraQuestion>>,
    /// Bumped when the column or question lists are replaced, to redraw them.
    generation: RwSignal<u32>,
    /// Only the newest viewer request's answer is used (another dataset or
    /// split may have been picked while an older one was on its way).
    latest: StoredValue<Latest>,
    /// The split's size, from the viewer's statistics.
    rows_in_split: RwSignal<Option<u64>>,
    /// An import is on its way: another look or split would take its status off the page.
    importing: RwSignal<bool>,
    /// The create form stays from a dataset's first columns on: another split being
    /// read (or failing) disables it and keeps what was typed; another dataset replaces it.
    create_shown: RwSignal<bool>,
    /// The form as edited, kept in this tab (see `KeptImport`); None while it is as proposed.
    kept: RwSignal<Option<KeptImport>>,
    /// The split's columns as read, and what was proposed for them.
    read: StoredValue<(Vec<Column>, Vec<ColumnChoice>)>,
}

impl Import {
    fn load_repo(self, id: String) {
        self.repo.set(Some(id.clone()));
        // The last dataset's pickers and columns go now: a failed look must not leave them to import from.
        self.splits.set(vec![]);
        self.create_shown.set(false);
        self.clear_columns();
        self.loading.set(true);
        self.problem.set(None);
        let ticket = self.latest.try_update_value(Latest::issue).unwrap_or_default();
        spawn_local(async move {
            let answer = viewer("splits", &[("dataset", &id)]).await;
            // Not when another look replaced this one, nor once the page has gone.
            if self.latest.try_with_value(|l| l.is_current(ticket)) != Some(true) {
                return;
            }
            match answer {
                Ok(answer) => {
                    let splits: Vec<(String, String)> = answer["splits"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|s| (s["config"].as_str().unwrap_or_default().to_owned(), s["split"].as_str().unwrap_or_default().to_owned()))
                        .collect();
                    let Some((subset, _)) = splits.first().cloned() else {
                        self.loading.set(false);
                        return self.problem.set(Some(tf(k::data::no_split, &[("hub_id", &id)])));
                    };
                    // The subset and split of a form kept for this dataset, if it still has them.
                    let kept = self.kept.get_untracked().filter(|k| k.repo == id && splits.iter().any(|(c, s)| *c == k.subset && *s == k.split));
                    self.splits.set(splits);
                    match kept {
                        Some(k) => {
                            self.subset.set(k.subset);
                            self.pick_split(k.split);
                        }
                        None => self.pick_subset(subset),
                    }
                }
                Err(e) => {
                    self.loading.set(false);
                    self.problem.set(Some(e));
                }
            }
        });
    }

    fn pick_subset(self, subset: String) {
        let splits: Vec<String> = self.splits.with_untracked(|s| s.iter().filter(|(c, _)| *c == subset).map(|(_, s)| s.clone()).collect());
        let split = splits.iter().find(|s| *s == "train").or(splits.first()).cloned().unwrap_or_default();
        self.subset.set(subset);
        self.pick_split(split);
    }

    fn pick_split(self, split: String) {
        self.split.set(split.clone());
        let (Some(id), subset) = (self.repo.get_untracked(), self.subset.get_untracked()) else { return };
        // The columns of the split shown before are not this one's.
        self.clear_columns();
        self.loading.set(true);
        self.problem.set(None);
        let ticket = self.latest.try_update_value(Latest::issue).unwrap_or_default();
        spawn_local(async move {
            let pairs = [("dataset", id.as_str()), ("config", subset.as_str()), ("split", split.as_str())];
            let (first, stats) = futures::join!(viewer("first-rows", &pairs), viewer("statistics", &pairs));
            if self.latest.try_with_value(|l| l.is_current(ticket)) != Some(true) {
                return;
            }
            self.loading.set(false);
            match first {
                Ok(first) => {
                    // Statistics are optional: without them, no ranges or terms are proposed.
                    let stats = stats.unwrap_or(Value::Null);
                    self.rows_in_split.set(stats["num_examples"].as_u64());
                    self.rows.set(first["rows"].as_array().cloned().unwrap_or_default());
                    let read = columns(&first, &stats);
                    let proposed = propose(&read);
                    let kept = self.kept.get_untracked().and_then(|k| k.for_split(&id, &subset, &split, &read));
                    self.read.set_value((read, proposed.clone()));
                    match kept {
                        Some((choices, extra)) => {
                            self.choices.set(choices);
                            self.extra.set(extra);
                        }
                        None => self.choices.set(proposed),
                    }
                    self.generation.update(|g| *g += 1);
                    self.create_shown.set(true);
                }
                Err(e) => self.problem.set(Some(e)),
            }
        });
    }

    fn clear_columns(self) {
        self.choices.set(vec![]);
        self.rows.set(vec![]);
        self.rows_in_split.set(None);
    }

    /// Columns read for the split picked, and nothing being read or refused.
    fn ready(self) -> bool {
        !self.loading.get() && self.problem.with(Option::is_none) && !self.choices.with(Vec::is_empty)
    }
}

#[component]
pub fn HubImport() -> impl IntoView {
    let state = use_app();
    let role = Memo::new(move |_| state.user.with(|u| u.as_ref().map(|u| u.role)));
    view! {
        <section class="settings-page hub-import">
            <h1>{t(k::data::import_title)}</h1>
            {move || match role.get() {
                None => view! { <p class="loading">{t(k::common::loading)}</p> }.into_any(),
                Some(r) if !r.can_manage() => view! {
                    <p class="notice info" data-testid="owners-only">{t(k::data::import_owners_only)}</p>
                }.into_any(),
                Some(_) => view! { <ImportBody/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn ImportBody() -> impl IntoView {
    let params = use_params_map();
    let from_route = params.get("org").zip(params.get("name")).map(|(o, n)| format!("{o}/{n}"));
    let typed = RwSignal::new(from_route.clone().unwrap_or_default());
    let import = Import {
        repo: RwSignal::new(None),
        splits: RwSignal::new(vec![]),
        subset: RwSignal::new(String::new()),
        split: RwSignal::new(String::new()),
        problem: RwSignal::new(None),
        loading: RwSignal::new(false),
        rows: RwSignal::new(vec![]),
        choices: RwSignal::new(vec![]),
        extra: RwSignal::new(vec![]),
        generation: RwSignal::new(0),
        latest: StoredValue::new(Latest::default()),
        rows_in_split: RwSignal::new(None),
        importing: RwSignal::new(false),
        create_shown: RwSignal::new(false),
        kept: RwSignal::new(None),
        read: StoredValue::new((vec![], vec![])),
    };
    // Through a session that ends (signing in again comes back here) or a reload.
    crate::ui::typed::keep_typed(import.kept, "hub-import", Clone::clone);
    let from_route = from_route.or_else(|| import.kept.with_untracked(|k| k.as_ref().map(|k| k.repo.clone())));
    if let Some(id) = &from_route {
        typed.set(id.clone());
    }
    if let Some(id) = from_route {
        import.load_repo(id);
    }
    let look = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if import.importing.get_untracked() {
            return;
        }
        match repo_id(&typed.get_untracked()) {
            Some(id) => {
                let _ = web_sys::window().and_then(|w| w.history().ok()).map(|h| h.replace_state_with_url(&h.state().unwrap_or(wasm_bindgen::JsValue::NULL), "", Some(&app_href(&format!("/new/{id}")))));
                import.load_repo(id);
            }
            None => import.problem.set(Some(t(k::data::hub_id_help).into())),
        }
    };
    let subsets = move || {
        let mut seen: Vec<String> = vec![];
        import.splits.with(|s| s.iter().for_each(|(c, _)| if !seen.contains(c) { seen.push(c.clone()) }));
        seen
    };
    let splits_of = move || import.splits.with(|s| s.iter().filter(|(c, _)| *c == import.subset.get()).map(|(_, s)| s.clone()).collect::<Vec<_>>());
    view! {
        <p class="muted">{tn(k::data::import_limit, MAX_IMPORTED_ROWS as usize, &[])}</p>
        <form class="hub-lookup" on:submit=look>
            <label>{t(k::data::hub_lookup)}
                <input type="text" name="hub-dataset" prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))
                    placeholder=t(k::data::hub_lookup_example) autocomplete="off"/>
            </label>
            <button type="submit" class="button" data-testid="hub-look" disabled=move || import.importing.get()>{t(k::data::look)}</button>
        </form>
        {move || import.problem.get().map(|p| view! { <p class="notice problem" role="alert" data-testid="hub-problem">{p}</p> })}
        {move || import.loading.get().then(|| view! { <p class="loading" role="status">{t(k::data::reading_hub)}</p> })}
        <Show when=move || !import.splits.with(Vec::is_empty)>
            <div class="hub-pickers">
                <label>{t(k::data::subset)}
                    <select name="subset" disabled=move || import.importing.get() prop:value=move || import.subset.get() on:change=move |ev| import.pick_subset(event_target_value(&ev))>
                        {move || subsets().into_iter().map(|s| view! { <option value=s.clone() translate="no">{s.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <label>{t(k::data::split)}
                    <select name="split" disabled=move || import.importing.get() prop:value=move || import.split.get() on:change=move |ev| import.pick_split(event_target_value(&ev))>
                        {move || splits_of().into_iter().map(|s| view! { <option value=s.clone() translate="no">{s.clone()}</option> }).collect_view()}
                    </select>
                </label>
            </div>
        </Show>
        <Show when=move || !import.choices.with(Vec::is_empty)>
            <Columns import=import/>
        </Show>
        <Show when=move || import.create_shown.get()>
            <ExtraQuestions import=import/>
            <Create import=import/>
        </Show>
    }
}

fn kind_text(kind: &ColumnKind) -> String {
    match kind {
        ColumnKind::Text => t(k::data::kind_text).into(),
        ColumnKind::ClassLabel(names) => tf(k::data::kind_class_label, &[("labels", &crate::i18n::list(names))]),
        ColumnKind::LabelList(names) => tf(k::data::kind_label_list, &[("labels", &crate::i18n::list(names))]),
        ColumnKind::Image => t(k::data::kind_image).into(),
        ColumnKind::Chat => t(k::data::kind_chat).into(),
        ColumnKind::Integer => t(k::data::kind_integer).into(),
        ColumnKind::Float => t(k::data::kind_float).into(),
        ColumnKind::Other(other) => tf(k::data::kind_other, &[("type", other)]),
    }
}

fn sample_view(cell: &Value) -> AnyView {
    // Only https images: the viewer's answer must not send the browser elsewhere (a local address, a tracker on plain http).
    if let Some(src) = cell["src"].as_str().filter(|s| s.starts_with("https://")) {
        return view! { <img class="hub-sample-image" src=src.to_owned() alt=t(k::data::sample_image) width="40" height="40"/> }.into_any();
    }
    let text = match cell {
        Value::String(s) => s.clone(),
        Value::Null => "—".into(),
        other => other.to_string(),
    };
    let short: String = text.chars().take(80).collect();
    view! { <span class="hub-sample" translate="no">{short}</span> }.into_any()
}

#[component]
fn Columns(import: Import) -> impl IntoView {
    let rows = move || {
        import.generation.track();
        let count = import.choices.with_untracked(Vec::len);
        (0..count).map(|i| view! { <ColumnRow import=import i=i/> }).collect_view()
    };
    view! {
        <section class="settings-section" aria-labelledby="hub-columns-title">
            <h2 id="hub-columns-title">{t(k::data::columns_title)}</h2>
            <p class="muted">{t(k::data::columns_help)}</p>
            <div class="table-scroll">
                <table class="hub-columns" data-testid="hub-columns">
                    <thead><tr>
                        <th scope="col">{t(k::data::column)}</th><th scope="col">{t(k::data::first_rows)}</th><th scope="col">{t(k::data::becomes)}</th>
                        <th scope="col">{t(k::data::name_in_argilla)}</th><th scope="col">{t(k::data::options)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn ColumnRow(import: Import, i: usize) -> impl IntoView {
    let Some(choice) = import.choices.with_untracked(|c| c.get(i).cloned()) else { return ().into_any() };
    let column = choice.column.name.clone();
    let samples: Vec<AnyView> = import.rows.with_untracked(|rows| rows.iter().take(2).map(|r| sample_view(&r["row"][&column])).collect());
    let uses = uses_for(&choice.column);
    let usage = move || import.choices.with(|c| c.get(i).map(|c| c.usage).unwrap_or(Use::Ignore));
    let set = move |f: &dyn Fn(&mut ColumnChoice)| import.choices.update(|c| if let Some(c) = c.get_mut(i) { f(c) });
    let has_options = move || matches!(usage(), Use::Label | Use::MultiLabel);
    let label = tf(k::data::use_of_column, &[("column", &column)]);
    let options_label = tf(k::data::options_for_column, &[("column", &column)]);
    view! {
        <tr data-column=column.clone()>
            <th scope="row"><span translate="no">{column.clone()}</span><br/><span class="muted">{kind_text(&choice.column.kind)}</span></th>
            <td>{samples}</td>
            <td>
                <select name="use" aria-label=label prop:value=move || usage().key()
                    on:change=move |ev| { let u = Use::from_key(&event_target_value(&ev)); set(&|c| c.usage = u) }>
                    {uses.into_iter().map(|u| view! { <option value=u.key()>{u.label()}</option> }).collect_view()}
                </select>
            </td>
            <td>
                <input type="text" name="target" aria-label=tf(k::data::name_for_column, &[("column", &column)]) prop:value=move || import.choices.with(|c| c.get(i).map(|c| c.name.clone()).unwrap_or_default())
                    disabled=move || matches!(usage(), Use::Ignore | Use::ExternalId)
                    on:input=move |ev| { let v = event_target_value(&ev); set(&|c| c.name = v.clone()) }/>
            </td>
            <td>
                <Show when=has_options fallback=|| "—">
                    <input type="text" name="options" aria-label=options_label.clone()
                        prop:value=move || import.choices.with(|c| c.get(i).map(|c| c.options.join(", ")).unwrap_or_default())
                        on:change=move |ev| { let v = split_options(&event_target_value(&ev)); set(&|c| c.options = v.clone()) }/>
                </Show>
            </td>
        </tr>
    }
    .into_any()
}

/// Options typed with commas, Japanese and Chinese ones (、，) too.
fn split_options(text: &str) -> Vec<String> {
    text.split([',', '、', '，']).map(|o| o.trim().to_owned()).filter(|o| !o.is_empty()).collect()
}

#[component]
fn ExtraQuestions(import: Import) -> impl IntoView {
    let add = move |_| {
        let n = import.extra.with_untracked(Vec::len) + 1;
        import.extra.update(|e| e.push(ExtraQuestion { name: format!("question_{n}"), usage: Use::Label, options: vec![t(k::data::new_option_yes).into(), t(k::data::new_option_no).into()] }));
        import.generation.update(|g| *g += 1);
    };
    let rows = move || {
        import.generation.track();
        let count = import.extra.with_untracked(Vec::len);
        (0..count).map(|i| view! { <ExtraRow import=import i=i/> }).collect_view()
    };
    view! {
        <section class="settings-section" aria-labelledby="hub-extra-title">
            <h2 id="hub-extra-title">{t(k::data::extra_title)}</h2>
            <ul class="hub-extra">{rows}</ul>
            <button type="button" class="button subtle" data-testid="hub-add-question" on:click=add>{t(k::data::add_question)}</button>
        </section>
    }
}

#[component]
fn ExtraRow(import: Import, i: usize) -> impl IntoView {
    let get = move |f: fn(&ExtraQuestion) -> String| import.extra.with(|e| e.get(i).map(f).unwrap_or_default());
    let set = move |f: &dyn Fn(&mut ExtraQuestion)| import.extra.update(|e| if let Some(q) = e.get_mut(i) { f(q) });
    let remove = move |_| {
        import.extra.update(|e| { e.remove(i); });
        import.generation.update(|g| *g += 1);
    };
    let n = i + 1;
    view! {
        <li data-extra=i.to_string()>
            <label>{t(k::data::extra_name)}" "<input type="text" name="extra-name" prop:value=move || get(|q| q.name.clone())
                on:input=move |ev| { let v = event_target_value(&ev); set(&|q| q.name = v.clone()) }/></label>
            <label>{t(k::data::extra_type)}" "<select name="extra-type" prop:value=move || get(|q| q.usage.key().to_owned())
                on:change=move |ev| { let u = Use::from_key(&event_target_value(&ev)); set(&|q| q.usage = u) }>
                {[Use::Label, Use::MultiLabel, Use::Rating, Use::TextQuestion].into_iter().map(|u| view! { <option value=u.key()>{u.question_type()}</option> }).collect_view()}
            </select></label>
            <label>{t(k::data::extra_options)}" "<input type="text" name="extra-options" prop:value=move || get(|q| q.options.join(", "))
                on:change=move |ev| { let v = split_options(&event_target_value(&ev)); set(&|q| q.options = v.clone()) }/></label>
            <button type="button" class="button subtle" on:click=remove aria-label=tf(k::data::remove_question, &[("number", &n)])>{t(k::data::remove)}</button>
        </li>
    }
}

#[component]
fn Create(import: Import) -> impl IntoView {
    let state = use_app();
    let workspaces = LocalResource::new(move || async move {
        let listed = state.client().my_workspaces().await;
        if let Err(e) = &listed {
            state.check(e);
        }
        listed
    });
    let proposed_name = import.repo.get_untracked().map(|r| argilla_name(r.rsplit('/').next().unwrap_or_default())).unwrap_or_default();
    let kept = import.kept.get_untracked().filter(|k| Some(&k.repo) == import.repo.get_untracked().as_ref());
    let workspace = RwSignal::new(kept.as_ref().map(|k| k.workspace.clone()).unwrap_or_default());
    // Picked by the owner (or kept from before), not the first one listed.
    let workspace_picked = RwSignal::new(kept.as_ref().is_some_and(|k| !k.workspace.is_empty()));
    let name = RwSignal::new(kept.map(|k| k.name).unwrap_or_else(|| proposed_name.clone()));
    let run = RwSignal::new(Run::Idle);
    let step = RwSignal::new(String::new());
    let problems_now = RwSignal::new(Vec::<String>::new());
    Effect::new(move |_| {
        if let Some(Ok(list)) = workspaces.get() {
            if workspace.with_untracked(String::is_empty) {
                workspace.set(list.first().map(|w| w.id.clone()).unwrap_or_default());
            }
        }
    });
    Effect::new(move |_| {
        if let Run::Working(_) = run.get_untracked() {
            run.set(Run::Working(step.get()));
        }
    });
    // What the owner changed, kept until the import starts.
    Effect::new(move |_| {
        let (choices, extra, typed_name, ws) = (import.choices.get(), import.extra.get(), name.get(), workspace.get());
        if choices.is_empty() || !matches!(run.get_untracked(), Run::Idle | Run::Failed { created: None, .. }) {
            return; // a split being read, or an import on its way
        }
        let (columns, proposed) = import.read.get_value();
        let edited = choices != proposed || !extra.is_empty() || typed_name != proposed_name || workspace_picked.get();
        let place = (import.repo.get_untracked().unwrap_or_default(), import.subset.get_untracked(), import.split.get_untracked());
        import.kept.set(edited.then(|| KeptImport { repo: place.0, subset: place.1, split: place.2, columns, choices, extra, name: typed_name, workspace: ws }));
    });
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !untrack(|| import.ready()) {
            return;
        }
        let (choices, extra, name) = (import.choices.get_untracked(), import.extra.get_untracked(), name.get_untracked());
        let found = problems(&choices, &extra, &name);
        problems_now.set(found.clone());
        if !found.is_empty() {
            return;
        }
        let ws = workspace.get_untracked();
        if ws.is_empty() {
            // No workspace listed (none yet, or the list could not be read): said at the picker too.
            problems_now.set(vec![t(k::data::import_needs_workspace).into()]);
            return;
        }
        let hub = (import.repo.get_untracked().unwrap_or_default(), import.subset.get_untracked(), import.split.get_untracked());
        let client = state.client();
        run.set(Run::Working(t(k::data::checking_name).into()));
        spawn_local(async move {
            let name_was_free = match client.my_datasets().await {
                Ok(list) if list.iter().any(|d| d.workspace_id == ws && d.name == name.trim()) => {
                    problems_now.set(vec![tf(k::data::name_taken, &[("dataset", &name.trim())])]);
                    return run.set(Run::Idle);
                }
                Ok(_) => true,
                Err(e) if e.is_unauthorized() => {
                    state.check(&e);
                    return run.set(Run::Idle);
                }
                Err(_) => false,
            };
            let made = creation(&choices, &extra);
            let count = async |client: &crate::api::Client, id: &str| client.dataset_progress(id).await.map(|p| p.total).unwrap_or(0);
            let (id, job) = match create_and_import(state, (&hub.0, &hub.1, &hub.2), &ws, &name, name_was_free, &made, step).await {
                Ok((id, Started::Job(job))) => (id, job),
                Ok((id, Started::ReplyLost(reason))) => {
                    let records = count(&client, &id).await;
                    return run.set(Run::Unknown { message: tn(k::data::import_state_unknown, records as usize, &[("reason", &reason)]), id });
                }
                Err((message, created)) => return run.set(Run::Failed { message, created }),
            };
            run.set(Run::Importing { id: id.clone(), records: 0 });
            import.kept.try_set(None);
            // Polled while this form is shown (`run` goes with it).
            let shown = move || run.try_with_untracked(|_| ()).is_some();
            let outcome = wait_for_job(state, &job, shown, async |s: JobState| {
                if s != JobState::Finished {
                    let records = count(&client, &id).await;
                    run.set(Run::Importing { id: id.clone(), records });
                }
            })
            .await;
            if outcome == Err(JobEnd::Left) {
                return; // nobody is left to tell: the records are not counted either
            }
            let records = count(&client, &id).await;
            run.set(match outcome {
                Ok(()) => Run::Done { id, records, skipped: skipped_rows(import.rows_in_split.try_get_untracked().flatten(), records) },
                Err(JobEnd::Failed(e)) => Run::Failed { message: tn(k::data::import_failed, records as usize, &[("reason", &e)]), created: Some(id) },
                // Not offered for deletion: the job may still be writing to it.
                Err(JobEnd::Unknown(e)) => Run::Unknown { message: tn(k::data::import_state_unknown, records as usize, &[("reason", &e)]), id },
                Err(JobEnd::Left) => return,
            });
        });
    };
    let busy = move || matches!(run.get(), Run::Working(_) | Run::Importing { .. });
    Effect::new(move |_| import.importing.set(busy()));
    view! {
        <form class="settings-section hub-create" on:submit=start aria-labelledby="hub-create-title">
            <h2 id="hub-create-title">{t(k::data::create_title)}</h2>
            <label>{t(k::data::workspace)}
                <select name="workspace" prop:value=move || workspace.get() on:change=move |ev| { workspace_picked.set(true); workspace.set(event_target_value(&ev)) }>
                    {move || workspaces.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|w| view! { <option value=w.id.clone() translate="no">{w.name.clone()}</option> }).collect_view()}
                </select>
            </label>
            {move || match workspaces.get() {
                Some(Err(e)) => Some(view! {
                    <p class="field-error" data-error-for="workspace">{tf(k::data::workspaces_unreadable, &[("reason", &e.user_message())])}" "
                        <button type="button" class="button subtle" data-action="reload-workspaces" on:click=move |_| workspaces.refetch()>{t(k::common::try_again)}</button></p>
                }.into_any()),
                Some(Ok(list)) if list.is_empty() => Some(view! { <p class="field-error" data-error-for="workspace">{t(k::data::import_no_workspace)}</p> }.into_any()),
                _ => None,
            }}
            <label>{t(k::data::dataset_name)}
                <input type="text" name="dataset-name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            </label>
            {move || (!problems_now.with(Vec::is_empty)).then(|| view! {
                // The alert wraps the list: a role on the <ul> would take its items' list away.
                <div class="notice problem" role="alert" data-testid="hub-create-problems">
                    <ul>{problems_now.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                </div>
            })}
            <button type="submit" class="button primary" data-testid="hub-create" disabled=move || busy() || !import.ready()>{t(k::data::create_and_import)}</button>
            // Always there, so a screen reader hears each step and the end as they come.
            <div aria-live="polite" data-testid="run-status"><RunStatus run=run/></div>
        </form>
    }
}

#[component]
fn RunStatus(run: RwSignal<Run>) -> impl IntoView {
    let state = use_app();
    let deleted = RwSignal::new(None::<Result<(), String>>);
    let annotate = |id: &str| app_href(&format!("/dataset/{}/annotation-mode", encode_component(id)));
    move || match run.get() {
        Run::Idle => ().into_any(),
        Run::Working(step) => view! { <p class="loading">{step}</p> }.into_any(),
        Run::Importing { records, .. } => view! {
            <p data-testid="hub-importing">{tn(k::data::importing, records as usize, &[])}</p>
        }.into_any(),
        Run::Done { id, records, skipped } => view! {
            <p class="notice info" data-testid="hub-import-done">{tn(k::data::imported, records as usize, &[])}" "
                <a href=annotate(&id)>{t(k::data::open_dataset)}</a></p>
            {skipped.map(|n| view! {
                <p class="notice problem" role="alert" data-testid="hub-import-skipped">
                    {tn(k::data::rows_left_out, n as usize, &[])}
                </p>
            })}
        }.into_any(),
        Run::Unknown { id, message } => view! {
            <div class="notice problem" role="alert" data-testid="hub-import-unknown">
                <p>{message}</p>
                <p><a href=annotate(&id)>{t(k::data::open_dataset)}</a></p>
            </div>
        }.into_any(),
        Run::Failed { message, created } => {
            // A new failure is about a new dataset: what was said of the last one goes.
            deleted.set(None);
            let created_id = StoredValue::new(created.clone());
            let remove = move || created_id.get_value().map(|id| view! {
                <button type="button" class="button subtle" data-testid="hub-delete-created" on:click=move |_| {
                    let (client, id) = (state.client(), id.clone());
                    spawn_local(async move {
                        let result = client.delete(&format!("/datasets/{}", encode_component(&id))).await;
                        // Not found: a second click's request after the first one deleted it.
                        deleted.set(Some(match result {
                            Err(e) if e.status() != Some(404) => {
                                state.check(&e);
                                Err(e.user_message())
                            }
                            _ => Ok(()),
                        }));
                    });
                }>{t(k::data::delete_dataset)}</button>
            });
            // Its own element: a second sentence, not part of the message's text.
            let exists = created.is_some().then(|| view! { " " <span>{t(k::data::created_exists)}</span> });
            view! {
                <div class="notice problem" role="alert" data-testid="hub-import-failed">
                    <p>{message}{exists}</p>
                    {move || match deleted.get() {
                        Some(Ok(())) => view! { <p>{t(k::data::deleted)}</p> }.into_any(),
                        Some(Err(e)) => view! { <p>{tf(k::data::not_deleted, &[("reason", &e)])}</p> }.into_any(),
                        None => remove().into_any(),
                    }}
                </div>
            }.into_any()
        }
    }
}

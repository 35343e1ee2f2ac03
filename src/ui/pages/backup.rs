//! `/backup`: download a backup of the datasets (owners and admins) and
//! restore one (owners). `?dataset=<id>` preselects one dataset.

use crate::api::types::{Dataset, Role, Workspace};
use crate::api::ApiError;
use crate::domain::backup::{plan, restored_name, Clash, Manifest};
use crate::domain::queue::Latest;
use crate::i18n::{date_time, k, number, t, tf, tn};
use crate::ui::backup_job::{BackupJob, BackupProgress};
use crate::ui::restore_job::{restore, saved_log, server_state, BackupFile, RestoreProgress, RestoreReport};
use crate::ui::state::use_app;
use leptos::prelude::*;
use crate::ui::leave_guard::ask_before_leaving;
use crate::ui::tasks::PageTasks;
use leptos::task::spawn_local;
use crate::ui::router::use_query_map;
use std::collections::{BTreeMap, BTreeSet};
use wasm_bindgen::JsCast;

#[component]
pub fn Backup() -> impl IntoView {
    let state = use_app();
    let role = move || state.user.with(|u| u.as_ref().map(|u| u.role));
    let lists = LocalResource::new(move || async move {
        let client = state.client();
        let (datasets, workspaces) = futures::join!(client.my_datasets(), client.my_workspaces());
        if let Some(e) = datasets.as_ref().err().or(workspaces.as_ref().err()) {
            state.check(e);
        }
        (datasets, workspaces.unwrap_or_default())
    });
    // The page paints once with its list, so the restore part below does not move down after.
    view! {
        <section class="backup-page">
            <h1>{t(k::data::backup_title)}</h1>
            {move || match (role(), lists.get()) {
                (Some(Role::Annotator | Role::Other), _) => view! { <p data-testid="backup-forbidden">{t(k::data::backup_forbidden)}</p> }.into_any(),
                (Some(role), Some((datasets, workspaces))) => view! {
                    <p class="muted">{t(k::data::backup_intro)}</p>
                    <Download datasets=datasets workspaces=workspaces/>
                    {(role == Role::Owner).then(|| view! { <Restore/> })}
                }.into_any(),
                _ => view! { <p class="loading">{t(k::common::loading)}</p> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Download(datasets: Result<Vec<Dataset>, ApiError>, workspaces: Vec<Workspace>) -> impl IntoView {
    let state = use_app();
    let query = use_query_map();
    let only = query.with_untracked(|q| q.get("dataset"));
    let all: Result<BTreeSet<String>, _> = datasets.as_ref().map(|list| list.iter().filter(|d| only.as_ref().is_none_or(|id| *id == d.id)).map(|d| d.id.clone()).collect());
    let chosen = RwSignal::new(all.ok());
    let listed = StoredValue::new(datasets.clone().unwrap_or_default());
    let job = BackupJob { progress: RwSignal::new(None), cancelled: RwSignal::new(false), state };
    let running = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Result<String, String>>);
    // The last backup's file (address, name), for the link that offers it again.
    let saved = RwSignal::new(None::<(String, String)>);
    let forget_saved = move || {
        if let Some((url, _)) = saved.try_get_untracked().flatten() {
            crate::browser::files::forget_file(&url);
        }
    };
    on_cleanup(forget_saved);
    // Leaving stops the backup (after asking): nothing of the page is read once it has gone.
    let tasks = PageTasks::new();
    // Ends the running backup's request at once (its pages have the long time limit), on Cancel or leaving.
    let requests = StoredValue::new_local(None::<web_sys::AbortController>);
    let stop_requests = move || {
        requests.try_with_value(|r| r.as_ref().map(web_sys::AbortController::abort));
    };
    on_cleanup(stop_requests);
    let leave_question = ask_before_leaving(move || running.try_get_untracked().unwrap_or(false), k::data::backup_leave, || {});
    let start = move |_| {
        let list = listed.get_value();
        let picked = chosen.get_untracked().unwrap_or_default();
        let selected: Vec<Dataset> = list.into_iter().filter(|d| picked.contains(&d.id)).collect();
        let me = state.user.with_untracked(|u| u.as_ref().map(|u| u.username.clone())).unwrap_or_default();
        running.set(true);
        outcome.set(None);
        forget_saved();
        saved.set(None);
        job.cancelled.set(false);
        let abort = web_sys::AbortController::new().ok();
        let client = match &abort {
            Some(abort) => state.client().patient().cancelled_by(&abort.signal()),
            None => state.client().patient(),
        };
        requests.set_value(abort);
        tasks.spawn(async move {
            let result = job.run(client, me, selected).await;
            running.set(false);
            outcome.set(Some(match result {
                Ok((chunks, name)) => match chunks.download(&name, "application/zip") {
                    Ok(url) => {
                        let text = tf(k::data::backup_saved, &[("file", &name), ("size", &number((chunks.len as f64 / 1e5).round() / 10.0))]);
                        saved.set(Some((url, name)));
                        Ok(text)
                    }
                    Err(e) => Err(tf(k::data::backup_not_offered, &[("reason", &e)])),
                },
                // A cancelled backup's last request failed as aborted: say why it stopped.
                Err(_) if job.cancelled.get_untracked() => Err(tf(k::data::backup_not_saved, &[("reason", &t(k::data::backup_cancelled))])),
                Err(e) => Err(tf(k::data::backup_not_saved, &[("reason", &e)])),
            }));
        });
    };
    let name_of = move |id: &str| workspaces.iter().find(|w| w.id == id).map(|w| w.name.clone()).unwrap_or_default();
    view! {
        <section class="backup-section" aria-labelledby="download-title">
            {leave_question}
            <h2 id="download-title">{t(k::data::download_title)}</h2>
            {match datasets {
                Err(e) => view! { <p class="form-error" role="alert">{e.user_message()}</p> }.into_any(),
                Ok(list) => view! {
                    <ul class="backup-datasets">
                        {list.into_iter().map(|d| {
                            let id = d.id.clone();
                            let toggle_id = d.id.clone();
                            view! { <li><label>
                                <input type="checkbox" data-dataset=d.name.clone() prop:checked=move || chosen.with(|c| c.as_ref().is_some_and(|c| c.contains(&id)))
                                    on:change=move |_| chosen.update(|c| { let c = c.get_or_insert_with(Default::default); if !c.remove(&toggle_id) { c.insert(toggle_id.clone()); } })/>
                                " " <span translate="no">{name_of(&d.workspace_id)} " / " <strong>{d.name.clone()}</strong></span>
                            </label></li> }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
            <div class="form-actions">
                <button type="button" class="button primary" data-action="download-backup"
                    disabled=move || running.get() || chosen.with(|c| c.as_ref().is_none_or(BTreeSet::is_empty)) on:click=start>
                    {move || tn(k::data::download_button, chosen.with(|c| c.as_ref().map_or(0, BTreeSet::len)), &[])}
                </button>
                <Show when=move || running.get()>
                    <button type="button" class="button" data-action="cancel-backup" on:click=move |_| { job.cancelled.set(true); stop_requests() }>{t(k::data::cancel)}</button>
                </Show>
            </div>
            {move || running.get().then(|| job.progress.get().map(|p| view! { <BackupBar progress=p/> })).flatten()}
            // Always there, so a screen reader hears the end when it comes.
            <div aria-live="polite">{move || outcome.get().map(|o| match o {
                Ok(text) => view! {
                    <p class="notice info" data-testid="backup-done">{text}" "
                        {saved.get().map(|(url, name)| view! { <a href=url download=name data-testid="backup-save-again">{t(k::data::backup_save_again)}</a> })}
                    </p>
                }.into_any(),
                Err(text) => view! { <p class="notice problem" role="alert" data-testid="backup-error">{text}</p> }.into_any(),
            })}</div>
        </section>
    }
}

#[component]
fn BackupBar(progress: BackupProgress) -> impl IntoView {
    let percent = (progress.done * 100).checked_div(progress.total).unwrap_or(0);
    view! {
        <div class="bulk-progress" data-testid="backup-progress">
            <div class="progress-bar" role="progressbar" aria-label=t(k::data::backup_title) aria-valuemin="0" aria-valuemax="100" aria-valuenow=percent.to_string() style=format!("--done: {percent}%")></div>
            <p>{tn(k::data::backup_progress, progress.total as usize, &[
                ("dataset", &progress.dataset),
                ("done", &number(progress.done as f64)),
                ("current", &number((progress.datasets_done + 1).min(progress.datasets_total) as f64)),
                ("count", &number(progress.datasets_total as f64)),
            ])}</p>
        </div>
    }
}

#[component]
fn Restore() -> impl IntoView {
    let state = use_app();
    let file = StoredValue::new_local(None::<BackupFile>);
    let opened = RwSignal::new(None::<Manifest>);
    let problem = RwSignal::new(None::<String>);
    let existing = RwSignal::new(BTreeSet::<(String, String)>::new());
    let choices = RwSignal::new(BTreeMap::<String, Clash>::new());
    let progress = RwSignal::new(None::<RestoreProgress>);
    let running = RwSignal::new(false);
    let stopping = RwSignal::new(false);
    let report = RwSignal::new(None::<Result<RestoreReport, String>>);
    let resuming = RwSignal::new(false);
    let made = RwSignal::new(Vec::<(String, String)>::new());
    // A restore goes on after its page has gone (stopping it halfway would leave datasets
    // half made and new users' passwords unseen): leaving asks, since its result is then not shown.
    let leave_question = ask_before_leaving(move || running.try_get_untracked().unwrap_or(false), k::data::restore_leave, || {});

    // Only the file picked last is shown: one picked before it may take longer to read.
    let picks = StoredValue::new(Latest::default());
    let is_latest = move |ticket: u64| picks.try_with_value(|p| p.is_current(ticket)) == Some(true);
    let pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
        let Some(picked) = input.files().and_then(|f| f.get(0)) else { return };
        let ticket = picks.try_update_value(Latest::issue).unwrap_or_default();
        problem.set(None);
        opened.set(None);
        report.set(None);
        file.set_value(None);
        spawn_local(async move {
            let blob: web_sys::Blob = picked.into();
            let backup = BackupFile::open(blob).await;
            if !is_latest(ticket) {
                return;
            }
            match backup {
                Err(e) => problem.set(Some(e)),
                Ok(backup) => {
                    let here = server_state(&state.client()).await;
                    if !is_latest(ticket) {
                        return;
                    }
                    match here {
                        Ok(s) => existing.set(s.dataset_names()),
                        Err(e) => {
                            state.check(&e);
                            problem.set(Some(tf(k::data::server_unreadable, &[("reason", &e.user_message())])));
                            return;
                        }
                    }
                    // An interrupted restore continues into the datasets it was writing.
                    let defaults = saved_log(&backup.manifest).resume_choices();
                    resuming.set(!defaults.is_empty());
                    choices.set(defaults);
                    opened.set(Some(backup.manifest.clone()));
                    file.set_value(Some(backup));
                }
            }
        });
    };
    let start = move |_| {
        let Some(backup) = file.get_value() else { return };
        let planned = plan(&backup.manifest, &existing.get_untracked(), &choices.get_untracked());
        if planned.iter().any(|p| p.name.is_empty()) {
            problem.set(Some(t(k::data::clash_name_missing).to_owned()));
            return;
        }
        problem.set(None);
        running.set(true);
        stopping.set(false);
        made.set(vec![]);
        spawn_local(async move {
            // A page gone does not stop it (see ask_before_leaving above).
            let stop = move || stopping.try_get_untracked().unwrap_or(false);
            let result = restore(state.client(), backup, planned, progress, made, stop).await;
            running.set(false);
            // On the page before anything else: it may hold the only copy of new users' passwords.
            report.set(Some(result));
            match server_state(&state.client()).await {
                Ok(s) => existing.set(s.dataset_names()),
                // A session that ended meanwhile is not ended from here: signing in again
                // would take the report (and its passwords) off the page. The next page asks.
                Err(e) if e.is_unauthorized() => {}
                Err(e) => state.check(&e),
            }
        });
    };
    view! {
        <section class="backup-section" aria-labelledby="restore-title">
            {leave_question}
            <h2 id="restore-title">{t(k::data::restore_title)}</h2>
            <label class="file-pick">{t(k::data::backup_file)}" "<input type="file" accept=".zip,application/zip" data-action="pick-backup" prop:disabled=move || running.get() on:change=pick/></label>
            {move || problem.get().map(|p| view! { <p class="notice problem" role="alert" data-testid="restore-problem">{p}</p> })}
            {move || opened.get().map(|m| {
                // Each row reads its own line of the plan: a choice made, or a name typed,
                // must not draw the table again (the name box would lose what is typed).
                let planned = Memo::new(move |_| opened.with(|m| m.as_ref().map(|m| plan(m, &existing.get(), &choices.get())).unwrap_or_default()));
                let summary = summary(&m);
                let existing_now = existing.get();
                view! {
                    <p data-testid="restore-summary">{summary}</p>
                    {move || resuming.get().then(|| view! { <p class="notice info">{t(k::data::restore_resumes)}</p> })}
                    <table class="restore-plan">
                        <thead><tr><th>{t(k::data::column_dataset)}</th><th>{t(k::data::column_records)}</th><th>{t(k::data::column_here)}</th></tr></thead>
                        <tbody>
                            {m.datasets.iter().enumerate().map(|(i, d)| {
                                let clash = existing_now.contains(&(d.workspace.clone(), d.name.clone()));
                                let folder = d.folder.clone();
                                let suggestion = restored_name(&d.name, &d.workspace, &existing_now);
                                view! {
                                    <tr data-folder=d.folder.clone()>
                                        <th scope="row" translate="no">{format!("{} / {}", d.workspace, d.name)}</th>
                                        <td>{number(d.records as f64)}</td>
                                        <td>{if clash {
                                            view! { <ClashChoice folder=folder shown=format!("{} / {}", d.workspace, d.name) suggestion=suggestion choices=choices/> }.into_any()
                                        } else {
                                            view! { <span class="muted">{t(k::data::dataset_new)}</span> }.into_any()
                                        }}
                                        {move || planned.with(|p| p.get(i).is_some_and(|p| p.skip)).then(|| view! { " " <span class="badge">{t(k::data::dataset_skipped)}</span> })}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    <button type="button" class="button primary" data-action="restore" disabled=move || running.get() on:click=start>{t(k::data::restore)}</button>
                }
            })}
            {move || progress.get().filter(|_| running.get()).map(|p| {
                let percent = (p.done * 100).checked_div(p.total).unwrap_or(0);
                view! {
                    <div class="bulk-progress" data-testid="restore-progress">
                        <div class="progress-bar" role="progressbar" aria-label=t(k::data::restore_title) aria-valuemin="0" aria-valuemax="100" aria-valuenow=percent.to_string() style=format!("--done: {percent}%")></div>
                        <p>{p.step}</p>
                        <button type="button" class="button" data-action="stop-restore" disabled=move || stopping.get() on:click=move |_| stopping.set(true)>
                            {move || if stopping.get() { t(k::data::restore_stopping) } else { t(k::data::restore_stop) }}
                        </button>
                    </div>
                }
            })}
            <div aria-live="polite">{move || report.get().map(|r| match r {
                Err(e) => view! {
                    <p class="notice problem" role="alert" data-testid="restore-error">{e}</p>
                    {passwords_view(made.get())}
                }.into_any(),
                Ok(r) => view! { <RestoreDone report=r/> }.into_any(),
            })}</div>
        </section>
    }
}

/// "Made on … by … from Argilla …: 3 dataset(s), 2 user(s), 1 workspace(s)."
fn summary(m: &Manifest) -> String {
    let made = js_sys::Date::parse(&m.created_at);
    let date = if made.is_nan() { m.created_at.clone() } else { date_time(made) };
    tf(k::data::backup_summary, &[
        ("date", &date),
        ("user", &m.created_by),
        ("version", &m.server_version),
        ("datasets", &tn(k::data::summary_datasets, m.datasets.len(), &[])),
        ("users", &tn(k::data::summary_users, m.users.len(), &[])),
        ("workspaces", &tn(k::data::summary_workspaces, m.workspaces.len(), &[])),
    ])
}

#[component]
fn ClashChoice(folder: String, shown: String, suggestion: String, choices: RwSignal<BTreeMap<String, Clash>>) -> impl IntoView {
    let key = StoredValue::new(folder);
    let current = move || choices.with(|c| c.get(&key.get_value()).cloned().unwrap_or(Clash::Skip));
    let kind = move || match current() {
        Clash::Skip => "skip",
        Clash::Merge | Clash::Resume(_) => "merge",
        Clash::Rename(_) => "rename",
    };
    let name = RwSignal::new(choices.with_untracked(|c| match c.get(&key.get_value()) {
        Some(Clash::Rename(typed)) => typed.clone(),
        _ => suggestion,
    }));
    let set = move |value: &str| {
        let choice = match value {
            "merge" => Clash::Merge,
            "rename" => Clash::Rename(name.get_untracked()),
            _ => Clash::Skip,
        };
        choices.update(|c| {
            c.insert(key.get_value(), choice);
        });
    };
    view! {
        <select class="clash-choice" aria-label=tf(k::data::clash_label_for, &[("dataset", &shown)]) prop:value=kind on:change=move |ev| set(&event_target_value(&ev))>
            <option value="skip">{t(k::data::clash_skip)}</option>
            <option value="merge">{t(k::data::clash_merge)}</option>
            <option value="rename">{t(k::data::clash_rename)}</option>
        </select>
        <Show when=move || kind() == "rename">
            <input type="text" class="clash-name" aria-label=tf(k::data::clash_new_name_for, &[("dataset", &shown)]) prop:value=move || name.get()
                on:input=move |ev| { name.set(event_target_value(&ev)); set("rename") }/>
        </Show>
    }
}

#[component]
fn RestoreDone(report: RestoreReport) -> impl IntoView {
    let datasets = report.datasets.iter().map(|(name, n)| tn(k::data::restored_dataset, *n, &[("dataset", name)]));
    let summary = match datasets.reduce(|list, item| tf(k::data::list_more, &[("list", &list), ("item", &item)])) {
        None => t(k::data::nothing_restored).to_owned(),
        Some(list) => tf(k::data::restored, &[("datasets", &list)]),
    };
    view! {
        <div class="notice info" data-testid="restore-done">
            <p>{summary}</p>
            {(report.skipped_responses > 0).then(|| view! { <p>{tn(k::data::answers_left_out, report.skipped_responses, &[])}</p> })}
        </div>
        {passwords_view(report.passwords)}
    }
}

/// Passwords of restored users, shown once, each with Copy.
fn passwords_view(passwords: Vec<(String, String)>) -> impl IntoView {
    (!passwords.is_empty()).then(|| view! {
            <div class="passwords" data-testid="restore-passwords">
                <p><strong>{t(k::data::passwords_once)}</strong>" "{t(k::data::passwords_how)}" "
                    <a href=crate::browser::app_href("/people") data-testid="restore-people">{t(k::data::passwords_people)}</a></p>
                <table>
                    <tbody>
                        {passwords.into_iter().map(|(user, password)| {
                            let copy = password.clone();
                            view! { <tr data-username=user.clone()><td translate="no">{user.clone()}</td><td><code class="password" translate="no">{password}</code></td>
                                <td><crate::ui::components::people_data::PasswordCopy password=copy/></td></tr> }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
    })
}

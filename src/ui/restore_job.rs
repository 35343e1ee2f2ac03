//! Restoring a backup: reads the zip the user picked piece by piece, checks
//! everything before creating anything, then creates workspaces, users,
//! memberships and datasets (rolled back if the server refuses a dataset's
//! settings), and upserts records in batches, remembering how far it got.

use crate::api::client::{items_of, text_of};
use crate::api::{ApiError, Client};
use crate::browser::files::read_range;
use crate::browser::storage::{self, Scope};
use crate::domain::backup::{self, Manifest, ManifestError, Planned, RestoreLog, MANIFEST};
use crate::domain::zip::{self, ZipEntry};
use crate::i18n::{k, number, t, tf, Key};
use leptos::prelude::*;
use serde_json::{json, Value};
use std::collections::{BTreeSet, HashMap};

/// Records per upsert request (the server takes up to 500).
const BATCH: usize = 100;

/// A backup file the user picked, with its directory read.
#[derive(Clone)]
pub struct BackupFile {
    file: web_sys::Blob,
    entries: Vec<ZipEntry>,
    pub manifest: Manifest,
}

impl BackupFile {
    pub async fn open(file: web_sys::Blob) -> Result<BackupFile, String> {
        let size = file.size() as u64;
        let tail_start = size.saturating_sub(zip::TAIL_LEN as u64);
        let tail = read_range(&file, tail_start, size).await?;
        let explain = |e: zip::ZipError| tf(k::data::cannot_restore, &[("reason", &e)]);
        let (offset, len) = zip::find_directory(&tail).map_err(explain)?;
        let dir = read_range(&file, offset as u64, offset as u64 + len as u64).await?;
        let entries = zip::read_directory(&dir).map_err(explain)?;
        let mut backup = BackupFile { file, entries, manifest: placeholder() };
        let manifest = match backup.read(MANIFEST).await {
            Ok(bytes) => Manifest::parse(&bytes).map_err(|e| e.to_string())?,
            Err(_) if !backup.has(MANIFEST) => return Err(ManifestError::Missing.to_string()),
            Err(e) => return Err(e),
        };
        for d in &manifest.datasets {
            for file in [".argilla/dataset.json", ".argilla/settings.json", "records.json"] {
                let name = format!("{}/{file}", d.folder);
                if !backup.has(&name) {
                    return Err(tf(k::data::backup_incomplete, &[("file", &name)]));
                }
            }
        }
        backup.manifest = manifest;
        Ok(backup)
    }

    fn has(&self, name: &str) -> bool {
        self.entries.iter().any(|e| e.name == name)
    }

    pub async fn read(&self, name: &str) -> Result<Vec<u8>, String> {
        let entry = self.entries.iter().find(|e| e.name == name).ok_or_else(|| tf(k::data::missing_from_backup, &[("file", &name)]))?;
        let start = entry.header_offset as u64;
        let header = read_range(&self.file, start, start + 30).await?;
        let data_at = entry.data_offset(&header).map_err(|e| e.to_string())?;
        let data = read_range(&self.file, data_at, data_at + entry.compressed_size as u64).await?;
        entry.check(&data).map_err(|e| tf(k::data::cannot_restore, &[("reason", &e)]))?;
        Ok(data)
    }

    async fn json(&self, name: &str) -> Result<Value, String> {
        serde_json::from_slice(&self.read(name).await?).map_err(|e| tf(k::data::not_json, &[("file", &name), ("reason", &e)]))
    }
}

fn placeholder() -> Manifest {
    Manifest {
        format: String::new(),
        version: 0,
        created_at: String::new(),
        server_version: String::new(),
        created_by: String::new(),
        users: vec![],
        workspaces: vec![],
        datasets: vec![],
    }
}

/// What exists on this server, to plan against.
pub struct ServerState {
    pub workspaces: HashMap<String, String>,
    pub users: HashMap<String, String>,
    /// (workspace name, dataset name) → dataset id.
    pub datasets: HashMap<(String, String), String>,
}

pub async fn server_state(client: &Client) -> Result<ServerState, ApiError> {
    let workspaces: HashMap<String, String> =
        items_of(client.get("/me/workspaces").await?).iter().map(|w| (text_of(w, "name"), text_of(w, "id"))).collect();
    let users = items_of(client.get("/users").await?).iter().map(|u| (text_of(u, "username"), text_of(u, "id"))).collect();
    let by_id: HashMap<&String, &String> = workspaces.iter().map(|(name, id)| (id, name)).collect();
    let datasets = items_of(client.get("/me/datasets").await?)
        .iter()
        .filter_map(|d| Some(((by_id.get(&text_of(d, "workspace_id"))?.to_string(), text_of(d, "name")), text_of(d, "id"))))
        .collect();
    Ok(ServerState { workspaces, users, datasets })
}

impl ServerState {
    pub fn dataset_names(&self) -> BTreeSet<(String, String)> {
        self.datasets.keys().cloned().collect()
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct RestoreProgress {
    pub step: String,
    pub done: usize,
    pub total: usize,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct RestoreReport {
    /// New password users, with the password shown once.
    pub passwords: Vec<(String, String)>,
    pub datasets: Vec<(String, usize)>,
    /// Answers left out because their user could not be created.
    pub skipped_responses: usize,
}

/// Everything created in this run before the records (id, name), to undo on a refusal.
#[derive(Default)]
struct Created {
    workspaces: Vec<(String, String)>,
    users: Vec<(String, String)>,
    datasets: Vec<(String, String)>,
}

fn log_key(manifest: &Manifest) -> String {
    format!("argilla-lite.restore.{}", RestoreLog::key(manifest))
}

pub fn saved_log(manifest: &Manifest) -> RestoreLog {
    let saved = storage::get(Scope::Persistent, &log_key(manifest)).and_then(|t| serde_json::from_str(&t).ok());
    RestoreLog::for_backup(manifest, saved)
}

pub fn random_password() -> String {
    let mut bytes = [0u8; 16];
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    backup::password_from(&bytes)
}

async fn post(client: &Client, path: &str, body: Value) -> Result<Value, ApiError> {
    client.send_json("POST", path, &body).await
}

pub async fn restore(
    client: Client,
    file: BackupFile,
    plan: Vec<Planned>,
    progress: RwSignal<Option<RestoreProgress>>,
    // Passwords of the users made so far: shown even when the restore stops later.
    passwords: RwSignal<Vec<(String, String)>>,
    // The person pressed Stop: checked between requests, never in the middle of one (a
    // request cut off could still be carried out, unseen).
    stop: impl Fn() -> bool,
) -> Result<RestoreReport, String> {
    let stopped = || stop().then(|| t(k::data::restore_you_stopped).to_owned());
    let manifest = file.manifest.clone();
    let step = |text: String, done: usize, total: usize| progress.set(Some(RestoreProgress { step: text, done, total }));
    let todo: Vec<&Planned> = plan.iter().filter(|p| !p.skip).collect();
    // Read and check every dataset's files before creating anything.
    let mut settings = HashMap::new();
    for p in &todo {
        step(tf(k::data::step_checking, &[("dataset", &p.name)]), 0, 0);
        let dataset = file.json(&format!("{}/.argilla/dataset.json", p.folder)).await?;
        let settings_file = format!("{}/.argilla/settings.json", p.folder);
        let s = file.json(&settings_file).await?;
        if !s["fields"].is_array() || !s["questions"].is_array() {
            return Err(tf(k::data::no_fields_or_questions, &[("file", &settings_file)]));
        }
        settings.insert(p.folder.clone(), (dataset, s));
    }
    let state = server_state(&client).await.map_err(|e| tf(k::data::server_unreadable, &[("reason", &e.user_message())]))?;
    let mut workspaces = state.workspaces.clone();
    let mut users = state.users.clone();
    let mut created = Created::default();
    let mut tried = Tried::default();
    let mut report = RestoreReport::default();

    let structure: Result<HashMap<String, String>, String> = async {
        // The backup's workspaces, and any a dataset names that the backup's list left out.
        let listed = manifest.workspaces.iter().map(|w| (w.name.clone(), w.id.clone()));
        let unlisted = todo.iter().filter(|p| !manifest.workspaces.iter().any(|w| w.name == p.workspace)).map(|p| (p.workspace.clone(), None));
        for (name, id) in listed.chain(unlisted) {
            if let Some(why) = stopped() {
                return Err(why);
            }
            if !workspaces.contains_key(&name) {
                step(tf(k::data::step_workspace, &[("workspace", &name)]), 0, 0);
                let made = create_keeping_id(&client, "/workspaces", json!({"name": name}), &id).await.map_err(|e| {
                    if e.reply_lost() {
                        tried.workspaces.push(name.clone());
                    }
                    tf(k::data::workspace_problem, &[("workspace", &name), ("reason", &e.user_message())])
                })?;
                created.workspaces.push((text_of(&made, "id"), name.clone()));
                workspaces.insert(name, text_of(&made, "id"));
            }
        }
        for u in &manifest.users {
            if users.contains_key(&u.username) {
                continue;
            }
            if let Some(why) = stopped() {
                return Err(why);
            }
            step(tf(k::data::step_user, &[("user", &u.username)]), 0, 0);
            let password = random_password();
            let body = json!({"username": u.username, "password": password, "first_name": u.first_name.clone().unwrap_or_else(|| u.username.clone()),
                "last_name": u.last_name, "role": u.role});
            let made = create_keeping_id(&client, "/users", body, &u.id).await.map_err(|e| {
                if e.reply_lost() {
                    tried.users.push(u.username.clone());
                }
                tf(k::data::user_problem, &[("user", &u.username), ("reason", &e.user_message())])
            })?;
            created.users.push((text_of(&made, "id"), u.username.clone()));
            users.insert(u.username.clone(), text_of(&made, "id"));
            report.passwords.push((u.username.clone(), password.clone()));
            passwords.update(|p| p.push((u.username.clone(), password)));
        }
        for w in &manifest.workspaces {
            let workspace_id = &workspaces[&w.name];
            for member in &w.members {
                if let Some(user_id) = users.get(member) {
                    // Already a member answers 409: that is fine; any other refusal stops the restore.
                    match post(&client, &format!("/workspaces/{workspace_id}/users"), json!({"user_id": user_id})).await {
                        Ok(_) => {}
                        Err(e) if e.status() == Some(409) => {}
                        Err(e) => return Err(tf(k::data::member_problem, &[("workspace", &w.name), ("user", member), ("reason", &e.user_message())])),
                    }
                }
            }
        }
        let mut targets = HashMap::new();
        for p in &todo {
            if let Some(id) = state.datasets.get(&(p.workspace.clone(), p.name.clone())) {
                targets.insert(p.folder.clone(), id.clone());
                continue;
            }
            if let Some(why) = stopped() {
                return Err(why);
            }
            step(tf(k::data::step_dataset, &[("dataset", &p.name)]), 0, 0);
            let (dataset, s) = &settings[&p.folder];
            let id = create_dataset(&client, &workspaces[&p.workspace], (&p.workspace, &p.name), dataset, s, &mut created, &mut tried).await.map_err(|e| tf(k::data::dataset_problem, &[("dataset", &p.name), ("reason", &e)]))?;
            targets.insert(p.folder.clone(), id);
        }
        Ok(targets)
    }
    .await;
    let targets = match structure {
        Ok(t) => t,
        Err(e) => {
            // A create whose reply was lost (a timeout, a dropped connection) may have been made.
            if let Ok(now) = server_state(&client).await {
                created.adopt_unanswered(&tried, &state, &now);
            }
            let left = rollback(&client, &created).await;
            // Those users are gone again, but for any that could not be removed.
            passwords.update(|p| p.retain(|(user, _)| left.users.contains(user)));
            let mut told = tf(k::data::nothing_was_restored, &[("reason", &e)]);
            if !left.is_empty() {
                told = crate::i18n::sentences(&told, &tf(k::data::rollback_left, &[("names", &crate::i18n::list(&left.names()))]));
            }
            return Err(told);
        }
    };

    let mut log = saved_log(&manifest);
    // Every dataset's target is kept before any record goes: a restore stopped from here
    // on resumes into the datasets it made. A new one, or another than last time, starts at 0.
    for p in &todo {
        let elsewhere = log.names.get(&p.folder).is_some_and(|name| *name != p.name);
        if created.datasets.iter().any(|(id, _)| *id == targets[&p.folder]) || elsewhere {
            log.records_done.remove(&p.folder);
            log.finished.remove(&p.folder);
        }
        log.names.insert(p.folder.clone(), p.name.clone());
        log.records_done.entry(p.folder.clone()).or_insert(0);
    }
    if let Ok(text) = serde_json::to_string(&log) {
        storage::set(Scope::Persistent, &log_key(&manifest), &text);
    }
    for p in &todo {
        let dataset_id = &targets[&p.folder];
        let questions: HashMap<String, String> = items_of(client.get(&format!("/datasets/{dataset_id}/questions")).await.map_err(|e| e.user_message())?)
            .iter()
            .map(|q| (text_of(q, "name"), text_of(q, "id")))
            .collect();
        step(tf(k::data::step_reading, &[("dataset", &p.name)]), 0, 0);
        let records_file = format!("{}/records.json", p.folder);
        let records: Vec<Value> =
            serde_json::from_slice(&file.read(&records_file).await?).map_err(|e| tf(k::data::not_json, &[("file", &records_file), ("reason", &e)]))?;
        // Records never go into a draft dataset: argilla 2.8 would index them unmapped.
        let start = if settings[&p.folder].0["status"] == "draft" { records.len() } else { log.resume_at(&p.folder).min(records.len()) };
        for (n, batch) in records[start..].chunks(BATCH).enumerate() {
            let from = start + n * BATCH;
            let (done, total) = (number(from as f64), number(records.len() as f64));
            if stop() {
                let at = number((from + 1) as f64);
                return Err(tf(k::data::restore_stopped_here, &[("at", &at), ("total", &total), ("dataset", &p.name)]));
            }
            step(tf(k::data::step_restoring, &[("dataset", &p.name), ("done", &done), ("total", &total)]), from, records.len());
            let mut skipped = 0;
            let items: Vec<Value> = batch
                .iter()
                .map(|r| {
                    let (item, missing) = backup::upsert_item(r, &questions, &users);
                    skipped += missing;
                    item
                })
                .collect();
            report.skipped_responses += skipped;
            // A big batch may take the server long: the long time limit (the small requests have the short one).
            let sent: Result<Value, ApiError> = client.clone().patient().send_json("PUT", &format!("/datasets/{dataset_id}/records/bulk"), &json!({"items": items})).await;
            if let Err(e) = sent {
                let at = number((from + 1) as f64);
                return Err(tf(k::data::restore_stopped, &[("at", &at), ("total", &total), ("dataset", &p.name), ("reason", &e.user_message())]));
            }
            log.sent(&p.folder, from + batch.len());
            if let Ok(text) = serde_json::to_string(&log) {
                storage::set(Scope::Persistent, &log_key(&manifest), &text);
            }
        }
        log.finish(&p.folder);
        if let Ok(text) = serde_json::to_string(&log) {
            storage::set(Scope::Persistent, &log_key(&manifest), &text);
        }
        report.datasets.push((p.name.clone(), records.len()));
    }
    step(t(k::data::step_done).into(), 1, 1);
    Ok(report)
}

/// Creates with the backup's id when the server still has it free, so the SDK
/// files' ids stay valid; with a new id otherwise.
async fn create_keeping_id(client: &Client, path: &str, body: Value, id: &Option<String>) -> Result<Value, ApiError> {
    if let Some(id) = id {
        let mut with_id = body.clone();
        with_id["id"] = json!(id);
        match post(client, path, with_id).await {
            Err(ApiError::Http { status: 409 | 422, .. }) => {}
            other => return other,
        }
    }
    post(client, path, body).await
}

/// A dataset with every setting of the backup, published. Any refusal is told with what was refused.
async fn create_dataset(
    client: &Client,
    workspace_id: &str,
    (workspace, name): (&str, &str),
    dataset: &Value,
    s: &Value,
    created: &mut Created,
    tried: &mut Tried,
) -> Result<String, String> {
    let guidelines = s["guidelines"].as_str().filter(|g| !g.trim().is_empty());
    let body = json!({"name": name, "workspace_id": workspace_id, "guidelines": guidelines,
        "allow_extra_metadata": s["allow_extra_metadata"].as_bool().unwrap_or(false),
        "distribution": s.get("distribution").filter(|d| !d.is_null()).or(dataset.get("distribution")).cloned().unwrap_or(json!({"strategy": "overlap", "min_submitted": 1}))});
    let made = post(client, "/datasets", body).await.map_err(|e| {
        if e.reply_lost() {
            tried.datasets.push((workspace.to_owned(), name.to_owned()));
        }
        e.user_message()
    })?;
    let id = text_of(&made, "id");
    created.datasets.push((id.clone(), name.to_owned()));
    let parts: [(&str, Key, &[&str]); 4] = [
        ("fields", k::data::field_refused, &["name", "title", "required", "settings"]),
        ("questions", k::data::question_refused, &["name", "title", "description", "required", "settings"]),
        ("metadata", k::data::metadata_refused, &["name", "title", "settings", "visible_for_annotators"]),
        ("vectors", k::data::vector_refused, &["name", "title", "dimensions"]),
    ];
    for (key, refused, keep) in parts {
        let path = match key {
            "metadata" => "metadata-properties",
            "vectors" => "vectors-settings",
            other => other,
        };
        for item in s[key].as_array().into_iter().flatten() {
            let body: serde_json::Map<String, Value> =
                keep.iter().filter_map(|k| item.get(*k).filter(|v| !v.is_null()).map(|v| ((*k).to_owned(), v.clone()))).collect();
            post(client, &format!("/datasets/{id}/{path}"), Value::Object(body))
                .await
                .map_err(|e| tf(refused, &[("name", &item["name"].as_str().unwrap_or("?")), ("reason", &e.user_message())]))?;
        }
    }
    // A draft stays a draft (it may lack what publishing needs, and has no records).
    if dataset["status"] != "draft" {
        client.clone().patient().send_json::<_, Value>("PUT", &format!("/datasets/{id}/publish"), &json!({})).await.map_err(|e| tf(k::data::not_published, &[("reason", &e.user_message())]))?;
    }
    Ok(id)
}
/// The names of the creates whose reply was lost (see [`ApiError::reply_lost`]): the server may have
/// made them all the same. (A create the server refused was not made.)
#[derive(Default)]
struct Tried {
    workspaces: Vec<String>,
    users: Vec<String>,
    datasets: Vec<(String, String)>,
}

impl Created {
    /// Adds what the server has `now` and had not `before`, among the creates `tried` without a
    /// reply: made by a request whose reply never came.
    fn adopt_unanswered(&mut self, tried: &Tried, before: &ServerState, now: &ServerState) {
        fn adopt<K: Eq + std::hash::Hash>(mine: &mut Vec<(String, String)>, tried: &[K], before: &HashMap<K, String>, now: &HashMap<K, String>, name: impl Fn(&K) -> String) {
            for key in tried.iter().filter(|k| !before.contains_key(k)) {
                if let Some(id) = now.get(key).filter(|id| !mine.iter().any(|(m, _)| m == *id)) {
                    mine.push((id.clone(), name(key)));
                }
            }
        }
        adopt(&mut self.datasets, &tried.datasets, &before.datasets, &now.datasets, |(_, name)| name.clone());
        adopt(&mut self.users, &tried.users, &before.users, &now.users, String::clone);
        adopt(&mut self.workspaces, &tried.workspaces, &before.workspaces, &now.workspaces, String::clone);
    }
}

/// What a rollback could not remove, by name.
#[derive(Default)]
struct Left {
    workspaces: Vec<String>,
    users: Vec<String>,
    datasets: Vec<String>,
}

impl Left {
    fn is_empty(&self) -> bool {
        self.workspaces.is_empty() && self.users.is_empty() && self.datasets.is_empty()
    }

    fn names(&self) -> Vec<String> {
        let quoted = |names: &[String]| names.iter().map(|n| format!("“{n}”")).collect::<Vec<_>>();
        [quoted(&self.datasets), quoted(&self.users), quoted(&self.workspaces)].concat()
    }
}

/// Removes what this run created; says what it could not.
async fn rollback(client: &Client, created: &Created) -> Left {
    let mut left = Left::default();
    for (id, name) in &created.datasets {
        // Deleting a dataset with its records may take the server long.
        if client.clone().patient().delete(&format!("/datasets/{id}")).await.is_err() {
            left.datasets.push(name.clone());
        }
    }
    for (id, name) in &created.users {
        if client.delete(&format!("/users/{id}")).await.is_err() {
            left.users.push(name.clone());
        }
    }
    for (id, name) in &created.workspaces {
        if client.delete(&format!("/workspaces/{id}")).await.is_err() {
            left.workspaces.push(name.clone());
        }
    }
    left
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(workspaces: &[(&str, &str)], users: &[(&str, &str)], datasets: &[(&str, &str, &str)]) -> ServerState {
        let map = |pairs: &[(&str, &str)]| pairs.iter().map(|(n, id)| (n.to_string(), id.to_string())).collect();
        ServerState {
            workspaces: map(workspaces),
            users: map(users),
            datasets: datasets.iter().map(|(w, n, id)| ((w.to_string(), n.to_string()), id.to_string())).collect(),
        }
    }

    #[test]
    fn a_create_without_reply_is_undone_with_the_rest_and_nothing_else_is() {
        let before = state(&[("argilla", "w0")], &[("owner", "u0")], &[("argilla", "old", "d0")]);
        let now = state(
            &[("argilla", "w0"), ("team", "w1"), ("someone-elses", "w9")],
            &[("owner", "u0"), ("ann", "u1"), ("bob", "u9")],
            &[("argilla", "old", "d0"), ("team", "notes", "d1"), ("argilla", "theirs", "d9")],
        );
        let tried = Tried {
            workspaces: vec!["team".into()],
            users: vec!["ann".into()],
            datasets: vec![("team".into(), "notes".into()), ("argilla".into(), "never-made".into()), ("argilla".into(), "old".into())],
        };
        // The workspace's reply came; the user's and the dataset's did not.
        let mut created = Created { workspaces: vec![("w1".into(), "team".into())], ..Created::default() };
        created.adopt_unanswered(&tried, &before, &now);
        assert_eq!(created.workspaces, vec![("w1".to_string(), "team".to_string())], "not twice");
        assert_eq!(created.users, vec![("u1".to_string(), "ann".to_string())]);
        assert_eq!(created.datasets, vec![("d1".to_string(), "notes".to_string())], "neither the one there before nor another's");
    }
}

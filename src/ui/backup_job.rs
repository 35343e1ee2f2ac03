//! Making a backup: reads the server through the API, page by page, and
//! streams the zip into browser-held chunks. Progress and cancelling go
//! through signals; the rules (layout, manifest, record form) are in
//! `domain::backup`.

use crate::browser::sleep_ms;
use crate::api::types::Dataset;
use crate::api::client::items_of;
use crate::api::{ApiError, Client};
use crate::browser::files::Chunks;
use crate::domain::backup::{self, BackupDataset, BackupUser, BackupWorkspace, Manifest, FORMAT, MANIFEST, PAGE, VERSION};
use crate::domain::save::retry_delay_ms;
use crate::domain::zip::ZipWriter;
use crate::i18n::{k, number, t, tf, Key};
use crate::ui::state::AppState;
use leptos::prelude::*;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct BackupProgress {
    pub dataset: String,
    pub done: u64,
    pub total: u64,
    pub datasets_done: usize,
    pub datasets_total: usize,
}

/// Signals a running backup reports to.
#[derive(Clone, Copy)]
pub struct BackupJob {
    pub progress: RwSignal<Option<BackupProgress>>,
    pub cancelled: RwSignal<bool>,
    /// Told of every read that failed: a 401 ends the session.
    pub state: AppState,
}

/// Tries a read a few times before giving up: a backup should survive a hiccup,
/// not a Cancel (whose aborted request fails as a lost connection does).
async fn read(job: BackupJob, client: &Client, path: &str) -> Result<Value, ApiError> {
    let mut attempt = 0;
    loop {
        match client.get::<Value>(path).await {
            Err(e) if e.is_transient() && attempt < 4 && !job.is_cancelled() => {
                // In short steps: a Cancel meanwhile ends the backup at once.
                let mut left = retry_delay_ms(attempt);
                while left > 0 && !job.is_cancelled() {
                    sleep_ms(left.min(250)).await;
                    left = left.saturating_sub(250);
                }
                attempt += 1;
            }
            Err(e) => {
                job.state.check(&e);
                return Err(e);
            }
            ok => return ok,
        }
    }
}

/// Every user, by id, for an owner; none for an admin (the server keeps the
/// list to owners: the members of their workspaces are read instead). Any
/// other refusal stops the backup, whose manifest would miss people.
async fn all_users(job: BackupJob, client: &Client) -> Result<HashMap<String, Value>, String> {
    match read(job, client, "/users").await {
        Ok(all) => Ok(items_of(all).into_iter().map(|u| (u["id"].as_str().unwrap_or_default().to_owned(), u)).collect()),
        Err(e) if e.status() == Some(403) => Ok(HashMap::new()),
        Err(e) => Err(tf(k::data::users_unreadable, &[("reason", &e.user_message())])),
    }
}

struct Emitter {
    zip: ZipWriter,
    out: Chunks,
}

impl Emitter {
    fn file(&mut self, name: &str, value: &Value) -> Result<(), String> {
        let bytes = serde_json::to_vec(value).map_err(|e| e.to_string())?;
        let entry = self.zip.entry(name, &bytes).map_err(|e| e.to_string())?;
        self.out.push(&entry);
        Ok(())
    }

    fn data(&mut self, bytes: &[u8]) {
        self.zip.data(bytes);
        self.out.push(bytes);
    }
}

impl BackupJob {
    /// Cancelled, or its page gone.
    fn is_cancelled(self) -> bool {
        self.cancelled.try_get_untracked().unwrap_or(true)
    }

    /// Builds the backup of `datasets`; `Err` says exactly what could not be read.
    pub async fn run(self, client: Client, me: String, datasets: Vec<Dataset>) -> Result<(Chunks, String), String> {
        let version = read(self, &client, "/version").await.ok().and_then(|v| v["version"].as_str().map(str::to_owned)).unwrap_or_default();
        let workspaces = items_of(read(self, &client, "/me/workspaces").await.map_err(|e| tf(k::data::workspaces_unreadable, &[("reason", &e.user_message())]))?);
        let mut users = all_users(self, &client).await?;
        let mut backup_workspaces = vec![];
        let mut workspace_names = HashMap::new();
        for w in &workspaces {
            let (id, name) = (w["id"].as_str().unwrap_or_default(), w["name"].as_str().unwrap_or_default());
            workspace_names.insert(id.to_owned(), name.to_owned());
            let members = items_of(read(self, &client, &format!("/workspaces/{id}/users")).await.map_err(|e| tf(k::data::members_unreadable, &[("workspace", &name), ("reason", &e.user_message())]))?);
            let mut names = vec![];
            for m in members {
                names.push(m["username"].as_str().unwrap_or_default().to_owned());
                users.entry(m["id"].as_str().unwrap_or_default().to_owned()).or_insert(m);
            }
            backup_workspaces.push(BackupWorkspace { id: Some(id.to_owned()), name: name.to_owned(), members: names });
        }
        let usernames: HashMap<String, String> =
            users.iter().map(|(id, u)| (id.clone(), u["username"].as_str().unwrap_or_default().to_owned())).collect();

        let mut out = Emitter { zip: ZipWriter::default(), out: Chunks::default() };
        let mut listed = vec![];
        let mut folders = BTreeSet::new();
        let count = datasets.len();
        for (n, dataset) in datasets.into_iter().enumerate() {
            let workspace = workspace_names.get(&dataset.workspace_id).cloned().unwrap_or_else(|| dataset.workspace_id.clone());
            let folder = backup::dataset_folder(&workspace, &dataset.name, &folders);
            folders.insert(folder.clone());
            let what = format!("{workspace}/{}", dataset.name);
            let records = self.dataset(&client, &mut out, &dataset, &folder, &usernames, n, count).await.map_err(|e| tf(k::data::dataset_problem, &[("dataset", &what), ("reason", &e)]))?;
            listed.push(BackupDataset { workspace, name: dataset.name, folder, records });
        }
        let created_at = js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default();
        let mut people: Vec<BackupUser> = users
            .values()
            .map(|u| BackupUser {
                id: u["id"].as_str().map(str::to_owned),
                username: u["username"].as_str().unwrap_or_default().to_owned(),
                first_name: u["first_name"].as_str().map(str::to_owned),
                last_name: u["last_name"].as_str().map(str::to_owned),
                role: u["role"].as_str().unwrap_or("annotator").to_owned(),
            })
            .collect();
        people.sort_by(|a, b| a.username.cmp(&b.username));
        let manifest = Manifest {
            format: FORMAT.into(),
            version: VERSION,
            created_at: created_at.clone(),
            server_version: version,
            created_by: me,
            users: people,
            workspaces: backup_workspaces,
            datasets: listed,
        };
        out.file(MANIFEST, &serde_json::to_value(&manifest).map_err(|e| e.to_string())?)?;
        let tail = out.zip.finish().map_err(|e| e.to_string())?;
        out.out.push(&tail);
        let day = created_at.get(..10).unwrap_or("backup").to_owned();
        Ok((out.out, format!("argilla-backup-{day}.zip")))
    }

    #[allow(clippy::too_many_arguments)]
    async fn dataset(
        self,
        client: &Client,
        out: &mut Emitter,
        dataset: &Dataset,
        folder: &str,
        usernames: &HashMap<String, String>,
        n: usize,
        count: usize,
    ) -> Result<u64, String> {
        let id = &dataset.id;
        let settings_error = |what: Key, e: ApiError| tf(what, &[("reason", &e.user_message())]);
        let raw = read(self, client, &format!("/datasets/{id}")).await.map_err(|e| settings_error(k::data::settings_unreadable, e))?;
        let fields = items_of(read(self, client, &format!("/datasets/{id}/fields")).await.map_err(|e| settings_error(k::data::fields_unreadable, e))?);
        let questions = items_of(read(self, client, &format!("/datasets/{id}/questions")).await.map_err(|e| settings_error(k::data::questions_unreadable, e))?);
        let metadata = items_of(read(self, client, &format!("/me/datasets/{id}/metadata-properties")).await.map_err(|e| settings_error(k::data::metadata_unreadable, e))?);
        let vectors = items_of(read(self, client, &format!("/datasets/{id}/vectors-settings")).await.map_err(|e| settings_error(k::data::vectors_unreadable, e))?);
        out.file(&format!("{folder}/.argilla/dataset.json"), &backup::sdk_dataset(&raw))?;
        out.file(&format!("{folder}/.argilla/settings.json"), &backup::sdk_settings(&raw, &fields, &questions, &metadata, &vectors))?;
        let question_names: HashMap<String, String> = questions
            .iter()
            .map(|q| (q["id"].as_str().unwrap_or_default().to_owned(), q["name"].as_str().unwrap_or_default().to_owned()))
            .collect();

        let header = out.zip.start(&format!("{folder}/records.json"));
        out.out.push(&header);
        out.data(b"[");
        let mut done = 0u64;
        let mut total = 0u64;
        loop {
            if self.cancelled.get_untracked() {
                return Err(t(k::data::backup_cancelled).into());
            }
            self.progress.set(Some(BackupProgress { dataset: dataset.name.clone(), done, total, datasets_done: n, datasets_total: count }));
            let path = format!(
                "/datasets/{id}/records?include=responses&include=suggestions&include=vectors&offset={done}&limit={PAGE}"
            );
            let page = read(self, client, &path).await.map_err(|e| {
                let (from, to) = (number((done + 1) as f64), number((done + PAGE as u64) as f64));
                tf(k::data::records_unreadable, &[("from", &from), ("to", &to), ("reason", &e.user_message())])
            })?;
            total = page["total"].as_u64().unwrap_or(total);
            let records = items_of(page);
            let got = records.len();
            for record in records {
                if done > 0 {
                    out.data(b",");
                }
                let bytes = serde_json::to_vec(&backup::sdk_record(&record, &question_names, usernames)).map_err(|e| e.to_string())?;
                out.data(&bytes);
                done += 1;
            }
            if got < PAGE || (total > 0 && done >= total) {
                break;
            }
        }
        out.data(b"]");
        let descriptor = out.zip.end().map_err(|e| e.to_string())?;
        out.out.push(&descriptor);
        self.progress.set(Some(BackupProgress { dataset: dataset.name.clone(), done, total: total.max(done), datasets_done: n + 1, datasets_total: count }));
        Ok(done)
    }
}

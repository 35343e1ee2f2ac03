//! Backups of a whole server: the zip's layout, its manifest, each dataset in
//! the Python SDK's `Dataset.to_disk` layout, and what the SDK format loses
//! (each response's status and the username that gave it), kept beside it.

use crate::i18n::{k, t, tf, tf_plain};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub const FORMAT: &str = "argilla-lite-backup";
pub const VERSION: u32 = 1;
pub const MANIFEST: &str = "manifest.json";
/// Records are read and restored in pages of this many.
pub const PAGE: usize = 200;
/// The key each SDK record carries with what the SDK format leaves out.
pub const EXTRA: &str = "_argilla_lite";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    pub created_at: String,
    pub server_version: String,
    pub created_by: String,
    pub users: Vec<BackupUser>,
    pub workspaces: Vec<BackupWorkspace>,
    pub datasets: Vec<BackupDataset>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackupUser {
    /// Kept so that the SDK files' `user_id`s stay valid after a restore.
    #[serde(default)]
    pub id: Option<String>,
    pub username: String,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackupWorkspace {
    #[serde(default)]
    pub id: Option<String>,
    pub name: String,
    pub members: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackupDataset {
    pub workspace: String,
    pub name: String,
    /// Its folder in the zip, e.g. `argilla/demo`.
    pub folder: String,
    pub records: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ManifestError {
    Missing,
    NotOurs,
    Newer(u32),
    Unreadable(String),
}

impl std::fmt::Display for ManifestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ManifestError::Missing => f.write_str(&tf(k::data::manifest_missing, &[("file", &MANIFEST)])),
            ManifestError::NotOurs => f.write_str(&tf(k::data::manifest_not_ours, &[("file", &MANIFEST)])),
            ManifestError::Newer(v) => f.write_str(&tf(k::data::manifest_newer, &[("version", v), ("supported", &VERSION)])),
            ManifestError::Unreadable(why) => f.write_str(&tf(k::data::manifest_unreadable, &[("file", &MANIFEST), ("reason", why)])),
        }
    }
}

impl Manifest {
    pub fn parse(bytes: &[u8]) -> Result<Manifest, ManifestError> {
        let value: Value = serde_json::from_slice(bytes).map_err(|e| ManifestError::Unreadable(e.to_string()))?;
        if value.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(ManifestError::NotOurs);
        }
        match value.get("version").and_then(Value::as_u64) {
            Some(v) if v > VERSION as u64 => return Err(ManifestError::Newer(v as u32)),
            Some(_) => {}
            None => return Err(ManifestError::Unreadable(t(k::data::manifest_no_version).into())),
        }
        serde_json::from_value(value).map_err(|e| ManifestError::Unreadable(e.to_string()))
    }
}

/// A name as a safe folder name: no separators, no `.`/`..`, no control characters.
pub fn folder_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| if c == '/' || c == '\\' || c == ':' || c.is_control() { '_' } else { c })
        .collect();
    match clean.trim() {
        "" | "." | ".." => "_".to_owned(),
        s => s.to_owned(),
    }
}

/// The folder of a dataset in the zip; unique even when two names clean up alike.
pub fn dataset_folder(workspace: &str, dataset: &str, taken: &BTreeSet<String>) -> String {
    let base = format!("{}/{}", folder_name(workspace), folder_name(dataset));
    let mut folder = base.clone();
    let mut n = 2;
    while taken.contains(&folder) {
        folder = format!("{base}-{n}");
        n += 1;
    }
    folder
}

/// `.argilla/dataset.json`: the dataset as the API gives it (the SDK's `DatasetModel`).
pub fn sdk_dataset(dataset: &Value) -> Value {
    let keep = ["id", "name", "status", "guidelines", "allow_extra_metadata", "distribution", "workspace_id", "last_activity_at", "inserted_at", "updated_at"];
    Value::Object(keep.iter().filter_map(|k| dataset.get(*k).map(|v| ((*k).to_owned(), v.clone()))).collect())
}

/// `.argilla/settings.json`, as `Settings.serialize()` writes it.
pub fn sdk_settings(dataset: &Value, fields: &[Value], questions: &[Value], metadata: &[Value], vectors: &[Value]) -> Value {
    json!({
        "guidelines": dataset.get("guidelines").cloned().unwrap_or(Value::Null),
        "questions": questions,
        "fields": fields,
        "vectors": vectors,
        "metadata": metadata,
        "allow_extra_metadata": dataset.get("allow_extra_metadata").cloned().unwrap_or(json!(false)),
        "distribution": dataset.get("distribution").cloned().unwrap_or(json!({"strategy": "overlap", "min_submitted": 1})),
        "mapping": null,
    })
}

/// One record of `records.json` from a record as the API gives it (with
/// responses, suggestions and vectors). The SDK reads each response's
/// `status` and each suggestion's `type` when present; the usernames go
/// under `EXTRA`, which the SDK ignores.
pub fn sdk_record(record: &Value, question_names: &HashMap<String, String>, usernames: &HashMap<String, String>) -> Value {
    let name_of = |qid: &Value| qid.as_str().and_then(|id| question_names.get(id)).cloned();
    let mut suggestions = Map::new();
    for s in record["suggestions"].as_array().into_iter().flatten() {
        if let Some(name) = name_of(&s["question_id"]) {
            let mut item = json!({"value": s["value"], "score": s["score"], "agent": s["agent"]});
            if !s["type"].is_null() {
                item["type"] = s["type"].clone();
            }
            suggestions.insert(name, item);
        }
    }
    let mut responses: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    let mut with_status = vec![];
    for r in record["responses"].as_array().into_iter().flatten() {
        let user_id = r["user_id"].as_str().unwrap_or_default();
        for (question, value) in r["values"].as_object().into_iter().flatten() {
            responses.entry(question.clone()).or_default().push(json!({"value": value["value"], "user_id": user_id, "status": r["status"]}));
        }
        with_status.push(json!({
            "username": usernames.get(user_id).cloned().unwrap_or_else(|| user_id.to_owned()),
            "status": r["status"],
            "values": r.get("values").cloned().filter(|v| !v.is_null()).unwrap_or_else(|| json!({})),
        }));
    }
    json!({
        "id": record["external_id"],
        "fields": record["fields"],
        "metadata": record.get("metadata").cloned().filter(|m| !m.is_null()).unwrap_or_else(|| json!({})),
        "suggestions": suggestions,
        "responses": responses,
        "vectors": record.get("vectors").cloned().filter(|v| !v.is_null()).unwrap_or_else(|| json!({})),
        "_server_id": record["id"],
        EXTRA: {"responses": with_status},
    })
}

/// The external id a restored record gets: its own, or its old server id, so
/// that restoring twice finds the records of the first time.
pub fn restore_key(sdk_record: &Value) -> Option<String> {
    sdk_record["id"].as_str().or_else(|| sdk_record["_server_id"].as_str()).map(str::to_owned)
}

/// A `records/bulk` upsert item for an SDK record, with this server's ids.
/// Responses of users this server does not have are left out and counted.
pub fn upsert_item(sdk_record: &Value, question_ids: &HashMap<String, String>, user_ids: &HashMap<String, String>) -> (Value, usize) {
    let extra = &sdk_record[EXTRA];
    let suggestions: Vec<Value> = sdk_record["suggestions"]
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(name, s)| {
            let mut item = json!({"question_id": question_ids.get(name)?, "value": s["value"]});
            for key in ["score", "agent", "type"] {
                if !s[key].is_null() {
                    item[key] = s[key].clone();
                }
            }
            Some(item)
        })
        .collect();
    let mut missing_users = 0;
    let responses: Vec<Value> = extra["responses"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| match r["username"].as_str().and_then(|u| user_ids.get(u)) {
            Some(user_id) => Some(json!({"user_id": user_id, "status": r["status"], "values": r["values"]})),
            None => {
                missing_users += 1;
                None
            }
        })
        .collect();
    let mut item = json!({
        "external_id": restore_key(sdk_record),
        "fields": sdk_record["fields"],
        "suggestions": suggestions,
        "responses": responses,
    });
    for key in ["metadata", "vectors"] {
        if sdk_record[key].as_object().is_some_and(|m| !m.is_empty()) {
            item[key] = sdk_record[key].clone();
        }
    }
    (item, missing_users)
}

/// What to do with a dataset of the backup whose name is already taken here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clash {
    Skip,
    /// Add the backup's records to the existing dataset; records already
    /// there (same external id) are updated, never duplicated. Also how an
    /// interrupted restore is resumed.
    Merge,
    Rename(String),
    /// Go on with an interrupted restore, into the dataset it was writing
    /// (named so then: a renamed copy stays the renamed copy).
    Resume(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub folder: String,
    pub workspace: String,
    /// The name it gets here.
    pub name: String,
    pub exists: bool,
    pub skip: bool,
}

/// Decides, per dataset of the backup, where it goes. `existing` holds the
/// (workspace, dataset) names on this server; `choices` the user's answers
/// for clashes, by folder (a clash without an answer is skipped).
pub fn plan(manifest: &Manifest, existing: &BTreeSet<(String, String)>, choices: &BTreeMap<String, Clash>) -> Vec<Planned> {
    manifest
        .datasets
        .iter()
        .map(|d| {
            let exists = existing.contains(&(d.workspace.clone(), d.name.clone()));
            let choice = match choices.get(&d.folder) {
                Some(resume @ Clash::Resume(_)) => resume.clone(),
                Some(choice) if exists => choice.clone(),
                _ if exists => Clash::Skip,
                _ => Clash::Merge,
            };
            let (name, skip, exists) = match choice {
                Clash::Skip => (d.name.clone(), exists, exists),
                Clash::Merge => (d.name.clone(), false, exists),
                Clash::Rename(new) => {
                    let new = new.trim().to_owned();
                    let taken = existing.contains(&(d.workspace.clone(), new.clone()));
                    (new, taken, taken)
                }
                Clash::Resume(name) => {
                    let there = existing.contains(&(d.workspace.clone(), name.clone()));
                    (name, false, there)
                }
            };
            Planned { folder: d.folder.clone(), workspace: d.workspace.clone(), name, exists, skip }
        })
        .collect()
}

/// A free name for a restored copy: `name (restored)`, `name (restored 2)`, …
pub fn restored_name(name: &str, workspace: &str, existing: &BTreeSet<(String, String)>) -> String {
    let mut candidate = tf_plain(k::data::restored_copy, &[("name", &name)]);
    let mut n = 2;
    while existing.contains(&(workspace.to_owned(), candidate.clone())) {
        candidate = tf_plain(k::data::restored_copy_n, &[("name", &name), ("n", &n.to_string())]);
        n += 1;
    }
    candidate
}

/// How far a restore got, kept in the browser so an interrupted one resumes
/// where it stopped.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RestoreLog {
    /// The backup this is about: its creation time and server.
    pub backup: String,
    /// Records sent, per dataset folder.
    pub records_done: BTreeMap<String, usize>,
    pub finished: BTreeSet<String>,
    /// The name each dataset was restored under, per folder.
    #[serde(default)]
    pub names: BTreeMap<String, String>,
}

impl RestoreLog {
    pub fn key(manifest: &Manifest) -> String {
        format!("{}@{}", manifest.created_at, manifest.created_by)
    }

    pub fn for_backup(manifest: &Manifest, saved: Option<RestoreLog>) -> RestoreLog {
        let backup = RestoreLog::key(manifest);
        saved.filter(|l| l.backup == backup).unwrap_or(RestoreLog { backup, ..Default::default() })
    }

    /// Where to start sending this dataset's records.
    pub fn resume_at(&self, folder: &str) -> usize {
        if self.finished.contains(folder) {
            usize::MAX
        } else {
            self.records_done.get(folder).copied().unwrap_or(0)
        }
    }

    pub fn sent(&mut self, folder: &str, upto: usize) {
        self.records_done.insert(folder.to_owned(), upto);
    }

    pub fn finish(&mut self, folder: &str) {
        self.finished.insert(folder.to_owned());
    }

    /// Datasets whose restore began but did not finish.
    pub fn unfinished(&self) -> BTreeSet<String> {
        self.records_done.keys().filter(|f| !self.finished.contains(*f)).cloned().collect()
    }

    /// What to do with each unfinished dataset when the same backup is picked
    /// again: go on into the dataset it was writing.
    pub fn resume_choices(&self) -> BTreeMap<String, Clash> {
        self.unfinished()
            .into_iter()
            .map(|folder| {
                let choice = self.names.get(&folder).map_or(Clash::Merge, |name| Clash::Resume(name.clone()));
                (folder, choice)
            })
            .collect()
    }
}

/// A password for a restored user, from 24 random bytes (shown once to the owner).
pub fn password_from(random: &[u8]) -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    random.iter().map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest() -> Manifest {
        Manifest {
            format: FORMAT.into(),
            version: VERSION,
            created_at: "2026-11-25T12:00:00Z".into(),
            server_version: "2.8.0".into(),
            created_by: "owner".into(),
            users: vec![BackupUser { id: Some("u-ana".into()), username: "ana".into(), first_name: Some("Ana".into()), last_name: None, role: "annotator".into() }],
            workspaces: vec![BackupWorkspace { id: None, name: "argilla".into(), members: vec!["ana".into()] }],
            datasets: vec![
                BackupDataset { workspace: "argilla".into(), name: "demo".into(), folder: "argilla/demo".into(), records: 3 },
                BackupDataset { workspace: "argilla".into(), name: "other".into(), folder: "argilla/other".into(), records: 0 },
            ],
        }
    }

    #[test]
    fn manifest_round_trip_and_version_check() {
        let m = manifest();
        let bytes = serde_json::to_vec(&m).unwrap();
        assert_eq!(Manifest::parse(&bytes), Ok(m));
        assert_eq!(Manifest::parse(br#"{"format":"argilla-lite-backup","version":2}"#), Err(ManifestError::Newer(2)));
        assert_eq!(Manifest::parse(br#"{"name":"something else"}"#), Err(ManifestError::NotOurs));
        assert!(matches!(Manifest::parse(b"not json"), Err(ManifestError::Unreadable(_))));
        assert!(ManifestError::Newer(2).to_string().contains("newer version"));
    }

    #[test]
    fn folders_are_safe_and_unique() {
        assert_eq!(folder_name("../x/y"), ".._x_y");
        assert_eq!(folder_name(".."), "_");
        let taken: BTreeSet<String> = ["ws/a_b".to_owned()].into();
        assert_eq!(dataset_folder("ws", "a/b", &taken), "ws/a_b-2");
    }

    fn api_record() -> Value {
        json!({
            "id": "r-1", "external_id": null, "status": "completed",
            "fields": {"text": "Ada in Paris"}, "metadata": {"length": 12},
            "vectors": {"embedding": [1.0, 0.0]},
            "suggestions": [
                {"question_id": "q-s", "value": "positive", "score": 0.9, "agent": "m1", "type": "model"},
                {"question_id": "q-e", "value": [{"start": 0, "end": 3, "label": "PER"}], "score": null, "agent": null, "type": null}
            ],
            "responses": [
                {"id": "x", "user_id": "u-ana", "status": "submitted", "values": {"sentiment": {"value": "positive"}, "entities": {"value": [{"start": 7, "end": 12, "label": "LOC"}]}}},
                {"id": "y", "user_id": "u-bo", "status": "discarded", "values": null}
            ]
        })
    }

    fn names() -> (HashMap<String, String>, HashMap<String, String>) {
        let questions = [("q-s", "sentiment"), ("q-e", "entities")].map(|(a, b)| (a.to_owned(), b.to_owned())).into();
        let users = [("u-ana", "ana"), ("u-bo", "bo")].map(|(a, b)| (a.to_owned(), b.to_owned())).into();
        (questions, users)
    }

    #[test]
    fn records_in_the_sdk_layout_keep_status_and_usernames_aside() {
        let (questions, users) = names();
        let sdk = sdk_record(&api_record(), &questions, &users);
        assert_eq!(sdk["id"], Value::Null);
        assert_eq!(sdk["_server_id"], "r-1");
        assert_eq!(sdk["suggestions"]["sentiment"], json!({"value": "positive", "score": 0.9, "agent": "m1", "type": "model"}));
        assert_eq!(sdk["suggestions"]["entities"].get("type"), None);
        assert_eq!(sdk["responses"]["sentiment"], json!([{"value": "positive", "user_id": "u-ana", "status": "submitted"}]));
        assert_eq!(sdk["responses"]["entities"][0]["value"][0]["label"], "LOC");
        assert_eq!(sdk["vectors"]["embedding"], json!([1.0, 0.0]));
        assert_eq!(
            sdk[EXTRA]["responses"],
            json!([
                {"username": "ana", "status": "submitted", "values": {"sentiment": {"value": "positive"}, "entities": {"value": [{"start": 7, "end": 12, "label": "LOC"}]}}},
                {"username": "bo", "status": "discarded", "values": {}}
            ])
        );
    }

    #[test]
    fn every_question_types_answer_keeps_its_exact_value_both_ways() {
        let values = json!({
            "sentiment": {"value": "positive"},
            "topics": {"value": ["science", "music"]},
            "quality": {"value": 4},
            "ranking": {"value": [{"value": "reply-b", "rank": 1}, {"value": "reply-a", "rank": 2}, {"value": "reply-c", "rank": 2}]},
            "entities": {"value": [{"start": 0, "end": 3, "label": "PER"}]},
            "comment": {"value": "owner **says** hi"}
        });
        let record = json!({"id": "r", "external_id": "e-1", "fields": {"text": "Ada"}, "suggestions": [],
            "responses": [{"user_id": "u-ana", "status": "draft", "values": values}]});
        let (questions, users) = names();
        let sdk = sdk_record(&record, &questions, &users);
        for (question, value) in values.as_object().unwrap() {
            assert_eq!(sdk["responses"][question], json!([{"value": value["value"], "user_id": "u-ana", "status": "draft"}]), "{question}");
        }
        let (item, _) = upsert_item(&sdk, &HashMap::new(), &[("ana".to_owned(), "U".to_owned())].into());
        assert_eq!(item["responses"][0]["values"], values, "ties in a ranking and spans come back as they were");
        assert_eq!(item["external_id"], "e-1");
    }

    #[test]
    fn an_sdk_record_becomes_an_upsert_with_this_servers_ids() {
        let (questions, users) = names();
        let sdk = sdk_record(&api_record(), &questions, &users);
        let new_questions: HashMap<String, String> = [("sentiment", "Q1"), ("entities", "Q2")].map(|(a, b)| (a.to_owned(), b.to_owned())).into();
        let new_users: HashMap<String, String> = [("ana".to_owned(), "U1".to_owned())].into();
        let (item, missing) = upsert_item(&sdk, &new_questions, &new_users);
        assert_eq!(missing, 1, "bo is not on this server");
        assert_eq!(item["external_id"], "r-1", "a record without an external id is keyed by its old id");
        assert_eq!(item["metadata"], json!({"length": 12}));
        assert_eq!(item["responses"], json!([{"user_id": "U1", "status": "submitted", "values": sdk[EXTRA]["responses"][0]["values"]}]));
        assert_eq!(
            item["suggestions"],
            json!([
                {"question_id": "Q2", "value": [{"start": 0, "end": 3, "label": "PER"}]},
                {"question_id": "Q1", "value": "positive", "score": 0.9, "agent": "m1", "type": "model"}
            ])
        );
    }

    #[test]
    fn settings_and_dataset_files() {
        let dataset = json!({"id": "d", "name": "demo", "guidelines": "# G", "allow_extra_metadata": false,
            "status": "ready", "distribution": {"strategy": "overlap", "min_submitted": 2}, "workspace_id": "w", "secret": 1});
        assert!(sdk_dataset(&dataset).get("secret").is_none());
        let settings = sdk_settings(&dataset, &[json!({"name": "text"})], &[], &[], &[]);
        assert_eq!(settings["distribution"]["min_submitted"], 2);
        assert_eq!(settings["fields"][0]["name"], "text");
        assert_eq!(settings["guidelines"], "# G");
    }

    #[test]
    fn clashes_are_skipped_merged_or_renamed() {
        let m = manifest();
        let existing: BTreeSet<(String, String)> = [("argilla".to_owned(), "demo".to_owned())].into();
        let planned = plan(&m, &existing, &BTreeMap::new());
        assert_eq!((planned[0].skip, planned[0].exists), (true, true), "a clash without an answer is skipped");
        assert_eq!((planned[1].skip, planned[1].exists), (false, false));
        let rename: BTreeMap<String, Clash> = [("argilla/demo".to_owned(), Clash::Rename(restored_name("demo", "argilla", &existing)))].into();
        let planned = plan(&m, &existing, &rename);
        assert_eq!((planned[0].name.as_str(), planned[0].skip), ("demo (restored)", false));
        let merge: BTreeMap<String, Clash> = [("argilla/demo".to_owned(), Clash::Merge)].into();
        assert_eq!((plan(&m, &existing, &merge)[0].skip, plan(&m, &existing, &merge)[0].exists), (false, true));
        let taken: BTreeSet<(String, String)> = [("argilla", "demo"), ("argilla", "demo (restored)")].map(|(a, b)| (a.to_owned(), b.to_owned())).into();
        assert_eq!(restored_name("demo", "argilla", &taken), "demo (restored 2)");
    }

    #[test]
    fn an_interrupted_restore_resumes_where_it_stopped() {
        let m = manifest();
        let mut log = RestoreLog::for_backup(&m, None);
        assert!(log.unfinished().is_empty());
        log.sent("argilla/demo", 400);
        log.sent("argilla/other", 10);
        log.finish("argilla/other");
        assert_eq!(log.unfinished(), ["argilla/demo".to_owned()].into());
        let saved = serde_json::from_str(&serde_json::to_string(&log).unwrap()).unwrap();
        let resumed = RestoreLog::for_backup(&m, Some(saved));
        assert_eq!(resumed.resume_at("argilla/demo"), 400);
        assert_eq!(resumed.resume_at("argilla/other"), usize::MAX);
        let other_backup = Manifest { created_at: "later".into(), ..m };
        assert!(RestoreLog::for_backup(&other_backup, Some(resumed)).records_done.is_empty(), "another backup starts afresh");
    }

    #[test]
    fn a_restore_under_a_new_name_resumes_into_the_renamed_copy() {
        let m = manifest();
        let mut log = RestoreLog::for_backup(&m, None);
        log.names.insert("argilla/demo".into(), "demo (restored)".into());
        log.sent("argilla/demo", 400);
        let existing: BTreeSet<(String, String)> = [("argilla", "demo"), ("argilla", "demo (restored)")].map(|(a, b)| (a.to_owned(), b.to_owned())).into();
        let choices = log.resume_choices();
        assert_eq!(choices["argilla/demo"], Clash::Resume("demo (restored)".into()));
        let planned = plan(&m, &existing, &choices);
        assert_eq!((planned[0].name.as_str(), planned[0].skip, planned[0].exists), ("demo (restored)", false, true), "never the original");
        let old_log: RestoreLog = serde_json::from_str(r#"{"backup":"x","records_done":{"argilla/demo":5},"finished":[]}"#).unwrap();
        assert_eq!(old_log.resume_choices()["argilla/demo"], Clash::Merge, "a log from before names were kept");
    }

    #[test]
    fn passwords_use_an_unambiguous_alphabet() {
        let p = password_from(&[0, 1, 255, 56, 57, 100]);
        assert_eq!(p.len(), 6);
        assert!(p.chars().all(|c| c.is_ascii_alphanumeric() && !"l1O0I".contains(c)), "{p}");
    }
}

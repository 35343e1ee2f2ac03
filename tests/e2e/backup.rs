//! Backup and restore on a Space without persistent storage: annotate as two
//! users, download the backup through the UI, wipe the server as a restart
//! would, restore through the UI, and compare everything through the API.

use crate::browser::*;
use crate::{items, Ctx, Test};
use argilla_lite::domain::zip;
use fantoccini::Client;
use harness::seed::ANNOTATOR;
use harness::server::OWNER;
use harness::Api;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub fn tests() -> Vec<Test> {
    vec![test!(a_backup_downloaded_before_a_restart_restores_everything_after_it)]
}

fn pick(v: &Value, keys: &[&str]) -> Value {
    Value::Object(keys.iter().map(|k| ((*k).to_owned(), v[*k].clone())).collect())
}

/// Everything a restore must bring back, without server ids or times.
fn snapshot(api: &Api) -> Value {
    let users = items(api.get("/users").unwrap());
    let username: BTreeMap<String, String> =
        users.iter().map(|u| (u["id"].as_str().unwrap().to_owned(), u["username"].as_str().unwrap().to_owned())).collect();
    let people: BTreeMap<String, Value> =
        users.iter().map(|u| (u["username"].as_str().unwrap().to_owned(), pick(u, &["first_name", "last_name", "role"]))).collect();
    let mut workspaces = BTreeMap::new();
    let mut workspace_name = BTreeMap::new();
    for w in items(api.get("/me/workspaces").unwrap()) {
        let id = w["id"].as_str().unwrap();
        let mut members: Vec<String> =
            items(api.get(&format!("/workspaces/{id}/users")).unwrap()).iter().map(|u| u["username"].as_str().unwrap().to_owned()).collect();
        members.sort();
        workspace_name.insert(id.to_owned(), w["name"].as_str().unwrap().to_owned());
        workspaces.insert(w["name"].as_str().unwrap().to_owned(), members);
    }
    let mut datasets = BTreeMap::new();
    for d in items(api.get("/me/datasets").unwrap()) {
        let id = d["id"].as_str().unwrap();
        let part = |p: &str, keys: &[&str]| -> Vec<Value> { items(api.get(p).unwrap()).iter().map(|x| pick(x, keys)).collect() };
        let questions = items(api.get(&format!("/datasets/{id}/questions")).unwrap());
        let question_name: BTreeMap<String, String> =
            questions.iter().map(|q| (q["id"].as_str().unwrap().to_owned(), q["name"].as_str().unwrap().to_owned())).collect();
        let mut records = BTreeMap::new();
        let mut offset = 0;
        loop {
            let page = items(api.get(&format!("/datasets/{id}/records?include=responses&include=suggestions&include=vectors&offset={offset}&limit=100")).unwrap());
            for r in &page {
                let mut suggestions: Vec<Value> = r["suggestions"].as_array().unwrap().iter().map(|s| {
                    json!({"question": question_name[s["question_id"].as_str().unwrap()], "value": s["value"], "score": s["score"], "agent": s["agent"], "type": s["type"]})
                }).collect();
                suggestions.sort_by_key(|s| s["question"].as_str().unwrap().to_owned());
                let mut responses: Vec<Value> = r["responses"].as_array().unwrap().iter().map(|x| {
                    json!({"user": username[x["user_id"].as_str().unwrap()], "status": x["status"], "values": x["values"]})
                }).collect();
                responses.sort_by_key(|x| x["user"].as_str().unwrap().to_owned());
                records.insert(r["external_id"].as_str().unwrap().to_owned(), json!({
                    "fields": r["fields"], "metadata": r["metadata"], "vectors": r["vectors"], "suggestions": suggestions, "responses": responses}));
            }
            if page.len() < 100 {
                break;
            }
            offset += 100;
        }
        datasets.insert(format!("{}/{}", workspace_name[d["workspace_id"].as_str().unwrap()], d["name"].as_str().unwrap()), json!({
            "dataset": pick(&d, &["guidelines", "allow_extra_metadata", "status", "distribution"]),
            "fields": part(&format!("/datasets/{id}/fields"), &["name", "title", "required", "settings"]),
            "questions": questions.iter().map(|q| pick(q, &["name", "title", "description", "required", "settings"])).collect::<Vec<_>>(),
            "metadata": part(&format!("/me/datasets/{id}/metadata-properties"), &["name", "title", "settings", "visible_for_annotators"]),
            "vectors": part(&format!("/datasets/{id}/vectors-settings"), &["name", "title", "dimensions"]),
            "records": records,
        }));
    }
    json!({"users": people, "workspaces": workspaces, "datasets": datasets})
}

fn find_dataset(api: &Api, name: &str) -> String {
    items(api.get("/me/datasets").unwrap()).iter().find(|d| d["name"] == name).expect("dataset")["id"].as_str().unwrap().to_owned()
}

fn record_ids(api: &Api, ds: &str, n: usize) -> Vec<String> {
    items(api.get(&format!("/datasets/{ds}/records?limit={n}")).unwrap()).iter().map(|r| r["id"].as_str().unwrap().to_owned()).collect()
}

/// Two users answer: submitted (every question type, spans and a ranking), draft and discarded.
fn annotate(ctx: &Ctx) {
    let owner = ctx.space.owner_api();
    let annotator = Api::sign_in(&ctx.space.url(), ANNOTATOR.0, ANNOTATOR.1).unwrap();
    let ds = find_dataset(&owner, "demo-all-questions");
    let r = record_ids(&owner, &ds, 4);
    let full = json!({"sentiment": {"value": "positive"}, "topics": {"value": ["science", "music"]}, "quality": {"value": 4},
        "ranking": {"value": [{"value": "reply-b", "rank": 1}, {"value": "reply-a", "rank": 2}, {"value": "reply-c", "rank": 2}]},
        "entities": {"value": [{"start": 10, "end": 22, "label": "PER"}]}, "comment": {"value": "owner **says** hi"}});
    owner.post(&format!("/records/{}/responses", r[0]), json!({"status": "submitted", "values": full})).unwrap();
    annotator.post(&format!("/records/{}/responses", r[0]), json!({"status": "submitted", "values": {"sentiment": {"value": "negative"}, "entities": {"value": [{"start": 0, "end": 6, "label": "ORG"}]}}})).unwrap();
    annotator.post(&format!("/records/{}/responses", r[1]), json!({"status": "draft", "values": {"topics": {"value": ["travel"]}}})).unwrap();
    annotator.post(&format!("/records/{}/responses", r[2]), json!({"status": "discarded", "values": {}})).unwrap();
    owner.post(&format!("/records/{}/responses", r[3]), json!({"status": "draft", "values": {"comment": {"value": "later"}}})).unwrap();
}

async fn wait_file(dir: &Path, suffix: &str) -> PathBuf {
    let deadline = Instant::now() + WAIT * 3;
    while Instant::now() < deadline {
        let found = std::fs::read_dir(dir).into_iter().flatten().flatten().map(|e| e.path()).find(|p| p.to_string_lossy().ends_with(suffix));
        if let Some(path) = found {
            return path;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("no {suffix} file appeared in {}", dir.display());
}

/// The files of a zip, read with the app's own reader (it checks every CRC).
fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let (offset, len) = zip::find_directory(&bytes[bytes.len().saturating_sub(zip::TAIL_LEN)..]).expect("a zip");
    zip::read_directory(&bytes[offset as usize..(offset + len) as usize])
        .unwrap()
        .into_iter()
        .map(|e| {
            let at = e.data_offset(&bytes[e.header_offset as usize..]).unwrap() as usize;
            let data = bytes[at..at + e.size as usize].to_vec();
            e.check(&data).unwrap();
            (e.name, data)
        })
        .collect()
}

fn rezip(files: &BTreeMap<String, Vec<u8>>) -> Vec<u8> {
    let mut writer = zip::ZipWriter::default();
    let mut out = vec![];
    for (name, data) in files {
        out.extend(writer.entry(name, data).unwrap());
    }
    out.extend(writer.finish().unwrap());
    out
}

/// The official Python SDK loads one dataset folder of the backup.
fn sdk_loads(ctx: &Ctx, files: &BTreeMap<String, Vec<u8>>, folder: &str, dir: &Path) -> Value {
    let root = dir.join("sdk-folder");
    for (name, data) in files.iter().filter(|(n, _)| n.starts_with(&format!("{folder}/"))) {
        let path = root.join(&name[folder.len() + 1..]);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, data).unwrap();
    }
    let out = std::process::Command::new(harness::paths::sdk_python())
        .arg(harness::paths::project_root().join("harness/py/sdk_from_disk.py"))
        .args(["--api-url", &ctx.space.url(), "--api-key", harness::server::OWNER_API_KEY, "--path"])
        .arg(&root)
        .args(["--workspace", "argilla", "--name", "loaded-by-the-sdk"])
        .output()
        .expect("the SDK venv (scripts/setup.sh makes it)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "from_disk failed: {stdout} {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_str(stdout.lines().last().unwrap_or_default()).expect("one JSON line")
}

async fn pick_file(c: &Client, path: &Path) {
    let input = find(c, "input[data-action=pick-backup]").await;
    input.send_keys(&path.to_string_lossy()).await.expect("choose the file");
}

async fn a_backup_downloaded_before_a_restart_restores_everything_after_it(ctx: &Ctx, _c: &Client) {
    let owner = ctx.space.owner_api();
    annotate(ctx);
    let before = snapshot(&owner);
    let downloads = ctx.space.run_dir.join(format!("downloads-{}", std::process::id()));
    std::fs::create_dir_all(&downloads).unwrap();
    let c = ctx.driver.browser(json!({"download": {"default_directory": downloads.to_string_lossy(), "prompt_for_download": false}})).await;
    let app = ctx.space.url();

    // The owner's banner offers the backup; the page downloads it.
    sign_in(&c, &app, OWNER.0, OWNER.1).await;
    find(&c, "[data-testid=banner-backup]").await.click().await.unwrap();
    wait_url(&c, "the backup page", |u| u.ends_with("/backup")).await;
    find(&c, ".backup-datasets input[data-dataset=demo-all-questions]").await;
    // The users cannot be listed (not for want of the owner role): no backup that would miss them.
    js(&c, "window.realFetch = window.fetch; window.fetch = async (r) => { \
            if (r.method === 'GET' && new URL(r.url).pathname.endsWith('/api/v1/users')) \
              return new Response(JSON.stringify({detail: 'users not now'}), {status: 400, headers: {'Content-Type': 'application/json'}}); \
            return window.realFetch(r); }; return null").await;
    find(&c, "[data-action=download-backup]").await.click().await.unwrap();
    wait_text(&c, "[data-testid=backup-error]", "the unreadable users", |t| t.contains("No backup was saved") && t.contains("users could not be read")).await;
    js(&c, "window.fetch = window.realFetch; return null").await;
    find(&c, "[data-action=download-backup]").await.click().await.unwrap();
    wait_text(&c, "[data-testid=backup-done]", "the saved backup", |t| t.contains("argilla-backup-")).await;
    let zip_path = wait_file(&downloads, ".zip").await;
    let bytes = std::fs::read(&zip_path).unwrap();
    // The file is offered again by a link: a download started long after the click (a long
    // backup) may be refused, as in a cross-site frame.
    find(&c, "[data-testid=backup-save-again]").await.click().await.unwrap();
    let deadline = Instant::now() + WAIT * 3;
    loop {
        let again = std::fs::read_dir(&downloads).into_iter().flatten().flatten().map(|e| e.path())
            .find(|p| *p != zip_path && p.to_string_lossy().ends_with(".zip") && std::fs::read(p).is_ok_and(|b| b == bytes));
        if again.is_some() {
            break;
        }
        assert!(Instant::now() < deadline, "the link saved no second copy of the backup");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let files = unzip(&bytes);
    let manifest: Value = serde_json::from_slice(&files["manifest.json"]).unwrap();
    assert_eq!(manifest["format"], "argilla-lite-backup");
    assert_eq!(manifest["server_version"], "2.8.0");
    for name in ["argilla/demo-all-questions/.argilla/dataset.json", "argilla/demo-all-questions/.argilla/settings.json", "argilla/demo-all-questions/records.json"] {
        assert!(files.contains_key(name), "{name} in {:?}", files.keys().collect::<Vec<_>>());
    }
    let loaded = sdk_loads(ctx, &files, "argilla/demo-all-questions", &downloads);
    assert_eq!(loaded["records"], 10, "the SDK loads every record: {loaded}");

    // A Space restart without persistent storage: everything is gone.
    ctx.space.restart_empty().expect("an empty server");
    assert!(items(owner.get("/me/datasets").unwrap()).is_empty());

    // The new server signs sessions with a new key: sign in afresh.
    js(&c, "localStorage.clear(); sessionStorage.clear()").await;
    sign_in(&c, &app, OWNER.0, OWNER.1).await;
    c.goto(&format!("{app}/backup")).await.unwrap();
    // Bad input first: nothing is created.
    let junk = downloads.join("not-a-backup.zip");
    std::fs::write(&junk, b"this is not a zip at all, just text").unwrap();
    pick_file(&c, &junk).await;
    wait_text(&c, "[data-testid=restore-problem]", "a clear refusal", |t| t.contains("not a zip")).await;
    let foreign = rezip(&[("notes.txt".to_owned(), b"hello".to_vec())].into());
    let foreign_path = downloads.join("other-tool.zip");
    std::fs::write(&foreign_path, foreign).unwrap();
    pick_file(&c, &foreign_path).await;
    wait_text(&c, "[data-testid=restore-problem]", "not our backup", |t| t.contains("not a backup made by this app")).await;
    // The reply to the first dataset's create is lost, though the server made it: the restore
    // stops, and that dataset goes with the rest, though the app never learnt its id.
    pick_file(&c, &zip_path).await;
    wait_text(&c, "[data-testid=restore-summary]", "the backup's contents", |t| t.contains("3 dataset(s)")).await;
    js(&c, "const real = window.fetch; window.fetch = async (r) => { const res = await real(r); \
            if (r.method === 'POST' && new URL(r.url).pathname.endsWith('/api/v1/datasets')) throw new TypeError('Failed to fetch'); return res; }").await;
    find(&c, "[data-action=restore]").await.click().await.unwrap();
    wait_text(&c, "[data-testid=restore-error]", "the stop", |t| t.contains("Nothing was restored")).await;
    assert!(items(owner.get("/me/datasets").unwrap()).is_empty(), "the dataset made without a reply is removed");
    assert!(items(owner.get("/me/workspaces").unwrap()).is_empty(), "no workspace left behind after the lost reply");
    assert_eq!(items(owner.get("/users").unwrap()).len(), 1, "only the owner after the lost reply");
    c.refresh().await.unwrap();
    // Stopped by the person while the first workspace is being made: that request ends, then
    // the restore stops and undoes what it made.
    pick_file(&c, &zip_path).await;
    wait_text(&c, "[data-testid=restore-summary]", "the backup's contents", |t| t.contains("3 dataset(s)")).await;
    js(&c, "const real = window.fetch; window.fetch = async (r, init) => { \
            if (r.method === 'POST' && new URL(r.url).pathname.endsWith('/api/v1/workspaces') && !window.held) { \
              window.held = true; await new Promise(go => window.release = go); } \
            return real(r, init); }; return null").await;
    find(&c, "[data-action=restore]").await.click().await.unwrap();
    wait_until(&c, "the first workspace's create held", "return window.held === true").await;
    find(&c, "[data-action=stop-restore]").await.click().await.unwrap();
    wait_text(&c, "[data-action=stop-restore]", "the stop said", |t| t.contains("Stopping")).await;
    js(&c, "window.release(); return null").await;
    let stopped = wait_text(&c, "[data-testid=restore-error]", "the stop", |t| t.contains("Nothing was restored")).await;
    assert!(stopped.contains("You stopped the restore"), "{stopped}");
    assert!(items(owner.get("/me/workspaces").unwrap()).is_empty(), "the workspace made before the stop is removed");
    assert!(items(owner.get("/me/datasets").unwrap()).is_empty());
    assert_eq!(items(owner.get("/users").unwrap()).len(), 1, "no user made after the stop");
    c.refresh().await.unwrap();
    // A dataset whose settings the server refuses: told which and why, and what was created is undone.
    let mut broken = files.clone();
    let settings = "private/private-notes/.argilla/settings.json";
    let mut bad: Value = serde_json::from_slice(&broken[settings]).unwrap();
    bad["questions"][0]["settings"]["options"] = json!([]);
    broken.insert(settings.to_owned(), serde_json::to_vec(&bad).unwrap());
    let broken_path = downloads.join("broken-settings.zip");
    std::fs::write(&broken_path, rezip(&broken)).unwrap();
    pick_file(&c, &broken_path).await;
    wait_text(&c, "[data-testid=restore-summary]", "the broken backup's contents", |t| t.contains("3 dataset(s)")).await;
    // The users it makes cannot be removed again (their deletes fail): the refusal names them.
    cdp(ctx.driver.port, &c, "Network.enable", json!({})).await;
    cdp(ctx.driver.port, &c, "Network.setBlockedURLs", json!({"urls": ["*/api/v1/users/*"]})).await;
    find(&c, "[data-action=restore]").await.click().await.unwrap();
    let refused = wait_text(&c, "[data-testid=restore-error]", "the refusal", |t| t.contains("Nothing was restored")).await;
    assert!(refused.contains("private-notes") && refused.contains("question"), "says which dataset and what: {refused}");
    assert!(refused.contains("could not be removed again") && refused.contains("“annotator”"), "says what was left: {refused}");
    cdp(ctx.driver.port, &c, "Network.setBlockedURLs", json!({"urls": []})).await;
    for user in items(owner.get("/users").unwrap()).iter().filter(|u| u["username"] != OWNER.0) {
        owner.delete(&format!("/users/{}", user["id"].as_str().unwrap())).unwrap();
    }
    assert!(items(owner.get("/me/datasets").unwrap()).is_empty(), "bad input created nothing");
    assert!(items(owner.get("/me/workspaces").unwrap()).is_empty(), "no workspace left behind");
    assert_eq!(items(owner.get("/users").unwrap()).len(), 1, "only the owner");
    c.refresh().await.unwrap();

    pick_file(&c, &zip_path).await;
    wait_text(&c, "[data-testid=restore-summary]", "the backup's contents", |t| t.contains("3 dataset(s)")).await;
    find(&c, "[data-action=restore]").await.click().await.unwrap();
    let done = wait_text(&c, "[data-testid=restore-done]", "the restore", |t| t.contains("Restored")).await;
    assert!(done.contains("demo-all-questions (10 records)"), "{done}");
    let password = find(&c, "[data-testid=restore-passwords] tr[data-username=annotator] .password").await.text().await.unwrap();
    Api::sign_in(&app, ANNOTATOR.0, &password).expect("the annotator signs in with the password shown once");
    let people = find(&c, "[data-testid=restore-passwords] [data-testid=restore-people]").await.attr("href").await.unwrap().unwrap_or_default();
    assert!(people.ends_with("/people"), "the recreated users are a link away: {people}");

    let after = snapshot(&owner);
    assert_eq!(after["users"], before["users"], "users");
    assert_eq!(after["workspaces"], before["workspaces"], "workspaces and members");
    for (name, dataset) in before["datasets"].as_object().unwrap() {
        assert_eq!(&after["datasets"][name], dataset, "dataset {name}");
    }
    assert_eq!(after["datasets"].as_object().unwrap().len(), before["datasets"].as_object().unwrap().len());

    // The same zip again creates nothing new.
    c.refresh().await.unwrap();
    pick_file(&c, &zip_path).await;
    wait_text(&c, "[data-testid=restore-summary]", "the backup again", |t| t.contains("3 dataset(s)")).await;
    find(&c, "[data-action=restore]").await.click().await.unwrap();
    wait_text(&c, "[data-testid=restore-done]", "nothing new", |t| t.contains("Nothing new was restored")).await;
    assert_eq!(snapshot(&owner), after, "a second restore changed nothing");

    // Restored under a new name, typed key by key: the box keeps every key, and an empty name is refused.
    c.refresh().await.unwrap();
    pick_file(&c, &zip_path).await;
    wait_text(&c, "[data-testid=restore-summary]", "the backup a third time", |t| t.contains("3 dataset(s)")).await;
    let row = "tr[data-folder='argilla/demo-all-questions']";
    find(&c, &format!("{row} select.clash-choice")).await.select_by_value("rename").await.unwrap();
    let name_box = format!("{row} input.clash-name");
    // Each row's controls name their dataset: tabbing from one to the next tells them apart.
    let names = js(&c, &format!("return [document.querySelector(\"{row} select.clash-choice\").getAttribute('aria-label'), document.querySelector(\"{name_box}\").getAttribute('aria-label')]")).await;
    assert!(names[0].as_str().unwrap_or_default().ends_with("/ demo-all-questions exists here"), "{names}");
    assert!(names[1].as_str().unwrap_or_default().starts_with("New name for ") && names[1].as_str().unwrap_or_default().ends_with("/ demo-all-questions"), "{names}");
    find(&c, &name_box).await.send_keys("\u{E009}a\u{E000}\u{E003}").await.unwrap();
    find(&c, "[data-action=restore]").await.click().await.unwrap();
    wait_text(&c, "[data-testid=restore-problem]", "the missing name", |t| t.contains("Give a new name")).await;
    find(&c, &name_box).await.send_keys("demo copy").await.unwrap();
    assert_eq!(find(&c, &name_box).await.prop("value").await.unwrap().as_deref(), Some("demo copy"), "every key typed is kept");
    find(&c, "[data-action=restore]").await.click().await.unwrap();
    let done = wait_text(&c, "[data-testid=restore-done]", "the renamed restore", |t| t.contains("Restored")).await;
    assert!(done.contains("demo copy (10 records)"), "{done}");
    let copy = items(owner.get("/me/datasets").unwrap()).into_iter().find(|d| d["name"] == "demo copy").expect("the copy, under the name typed");
    owner.delete(&format!("/datasets/{}", copy["id"].as_str().unwrap())).unwrap();
    let _ = c.close().await;
}

//! Hugging Face Hub import and export through the pages, against a real
//! argilla-server whose real rq worker runs the real `datasets` library
//! against the harness's stand-in for huggingface.co (`harness/py/hub_standin.py`).
//! What arrived is read back through the API (import) or from the parquet
//! files the stand-in stored (export), and compared with the source for
//! every record.

use crate::browser::*;
use crate::{Ctx, Test};
use fantoccini::Client;
use harness::hub::{BROKEN, GATED, KITCHEN, SAMPLE, WRITE_TOKEN};
use harness::seed::{DEMO_DATASET, MAIN_WORKSPACE};
use harness::server::OWNER;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

pub fn tests() -> Vec<Test> {
    vec![
        test!(hub_import_through_the_page_fills_fields_questions_suggestions_and_metadata_from_the_right_columns),
        test!(hub_import_refuses_a_gated_dataset_and_a_taken_name_and_creates_nothing),
        test!(hub_import_of_another_subset_shows_its_splits_rows_and_columns_and_imports_its_rows),
        test!(hub_import_create_waits_for_the_split_and_a_failed_read_leaves_no_columns_or_pickers),
        test!(hub_import_job_that_fails_says_the_dataset_exists_and_deletes_it_on_request),
        test!(hub_import_opens_at_the_bare_owner_name_address_and_leaves_our_own_addresses_alone),
        test!(hub_export_through_the_page_writes_every_record_to_the_hub_and_keeps_no_token),
        test!(hub_export_with_a_token_the_hub_refuses_says_it_failed),
        test!(hub_import_and_export_whose_replies_are_lost_do_each_step_once),
    ]
}

/// The server's jobs start Python and the `datasets` library: slower than a page.
const JOB_WAIT: Duration = Duration::from_secs(180);

async fn wait_for(c: &Client, css: &str, failed_css: &str) -> String {
    let deadline = Instant::now() + JOB_WAIT;
    while Instant::now() < deadline {
        if let Ok(el) = c.find(fantoccini::Locator::Css(failed_css)).await {
            panic!("{failed_css} shown instead of {css}: {}", el.text().await.unwrap_or_default());
        }
        if let Ok(el) = c.find(fantoccini::Locator::Css(css)).await {
            return el.text().await.unwrap_or_default();
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("{css} not shown within {JOB_WAIT:?}");
}

/// Runs a Python snippet in the server's venv; its stdout is JSON.
fn python_json(script: &str, arg: &std::path::Path) -> Value {
    let out = std::process::Command::new(harness::paths::python()).arg("-c").arg(script).arg(arg).output().expect("python");
    assert!(out.status.success(), "python failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("python printed JSON")
}

/// The sample's train split as stored, with class labels as names and
/// images as the data URLs argilla-server makes of them (PNG re-encoded as RGB).
const SOURCE_ROWS: &str = r#"
import base64, io, json, sys
import pyarrow.parquet as pq
from datasets import Features
from PIL import Image
table = pq.read_table(sys.argv[1])
features = Features.from_dict(json.loads(table.schema.metadata[b"huggingface"])["info"]["features"])
rows = []
for row in table.to_pylist():
    row["sentiment"] = features["sentiment"].int2str(row["sentiment"])
    image = Image.open(io.BytesIO(row["photo"]["bytes"]))
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format=image.format)
    row["photo"] = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    rows.append(row)
print(json.dumps(rows))
"#;

fn names(list: &Value) -> Vec<String> {
    list["items"].as_array().unwrap().iter().map(|i| i["name"].as_str().unwrap().to_owned()).collect()
}

/// `column=use` for each column, as the page proposes them.
async fn proposed_uses(c: &Client, columns: &[&str]) -> Vec<String> {
    let mut proposed = vec![];
    for column in columns {
        let value = find(c, &format!("tr[data-column={column}] select[name=use]")).await.prop("value").await.unwrap().unwrap_or_default();
        proposed.push(format!("{column}={value}"));
    }
    proposed
}

fn dataset_named(api: &harness::api::Api, name: &str) -> Option<Value> {
    api.get("/me/datasets").unwrap()["items"].as_array().unwrap().iter().find(|d| d["name"] == name).cloned()
}

/// Names the dataset, creates it and waits for the import's end.
async fn create_and_wait(c: &Client, name: &str, css: &str, other_css: &str) -> String {
    type_into(c, "input[name=dataset-name]", name).await;
    find(c, "[data-testid=hub-create]").await.click().await.unwrap();
    wait_for(c, css, other_css).await
}

async fn open_import(c: &Client, ctx: &Ctx) {
    sign_in(c, &ctx.hub.url(), OWNER.0, OWNER.1).await;
    find(c, "[data-testid=hub-import-link]").await.click().await.unwrap();
    find(c, "section.hub-import input[name=hub-dataset]").await;
}

async fn hub_import_through_the_page_fills_fields_questions_suggestions_and_metadata_from_the_right_columns(ctx: &Ctx, c: &Client) {
    open_import(c, ctx).await;
    type_into(c, "input[name=hub-dataset]", &format!("https://huggingface.co/datasets/{SAMPLE}/viewer/default/train")).await;
    find(c, "[data-testid=hub-look]").await.click().await.unwrap();
    find(c, "tr[data-column=conversation]").await;
    wait_url(c, "/new/<id>", |u| u.ends_with(&format!("/new/{SAMPLE}"))).await;
    // The proposal, from the viewer's features and statistics.
    assert_eq!(
        proposed_uses(c, &["review", "sentiment", "topics", "photo", "conversation", "stars", "helpfulness", "source"]).await,
        ["review=text-field", "sentiment=label", "topics=multi-label", "photo=image-field", "conversation=chat-field", "stars=integer", "helpfulness=float", "source=terms"]
    );
    let options = find(c, "tr[data-column=sentiment] input[name=options]").await.prop("value").await.unwrap().unwrap_or_default();
    assert_eq!(options, "negative, neutral, positive");
    // The owner's changes: markdown for the review, a renamed metadata property, a question no column feeds.
    find(c, "tr[data-column=review] select[name=use]").await.select_by_value("markdown-field").await.unwrap();
    type_into(c, "tr[data-column=helpfulness] input[name=target]", "helpful").await;
    find(c, "[data-testid=hub-add-question]").await.click().await.unwrap();
    type_into(c, "[data-extra='0'] input[name=extra-name]", "notes").await;
    find(c, "[data-extra='0'] select[name=extra-type]").await.select_by_value("text-question").await.unwrap();
    let done = create_and_wait(c, "reviews-from-hub", "[data-testid=hub-import-done]", "[data-testid=hub-import-failed]").await;
    assert!(done.contains("Imported 12 records"), "{done}");

    let api = ctx.hub.owner_api();
    let dataset = dataset_named(&api, "reviews-from-hub").expect("dataset created");
    let id = dataset["id"].as_str().unwrap();
    assert_eq!(dataset["status"], "ready");
    let fields = api.get(&format!("/datasets/{id}/fields")).unwrap();
    assert_eq!(names(&fields), ["review", "photo", "conversation"]);
    let types: Vec<(&str, bool)> = fields["items"].as_array().unwrap().iter().map(|f| (f["settings"]["type"].as_str().unwrap(), f["settings"]["use_markdown"] == true)).collect();
    assert_eq!(types, [("text", true), ("image", false), ("chat", true)]);
    let questions = api.get(&format!("/datasets/{id}/questions")).unwrap();
    assert_eq!(names(&questions), ["sentiment", "topics", "notes"]);
    let q = questions["items"].as_array().unwrap();
    assert_eq!(q[0]["settings"]["type"], "label_selection");
    assert_eq!(q[0]["settings"]["options"].as_array().unwrap().iter().map(|o| o["value"].as_str().unwrap()).collect::<Vec<_>>(), ["negative", "neutral", "positive"]);
    assert_eq!(q[1]["settings"]["type"], "multi_label_selection");
    assert_eq!(q[2]["settings"]["type"], "text");
    let metadata = api.get(&format!("/me/datasets/{id}/metadata-properties")).unwrap();
    assert_eq!(names(&metadata), ["stars", "helpful", "source"]);
    let m = metadata["items"].as_array().unwrap();
    assert_eq!((m[0]["settings"]["min"].clone(), m[0]["settings"]["max"].clone()), (json!(1), json!(5)));
    assert_eq!((m[1]["settings"]["min"].clone(), m[1]["settings"]["max"].clone()), (json!(0.0), json!(1.1)));
    assert_eq!(m[2]["settings"]["values"], json!(["app", "mail", "web"]));

    let source = python_json(SOURCE_ROWS, &ctx.hub_standin.repo_dir(SAMPLE).join("data/train-00000-of-00001.parquet"));
    let source = source.as_array().unwrap();
    let records = api.get(&format!("/datasets/{id}/records?include=suggestions&limit=100")).unwrap();
    let records = records["items"].as_array().unwrap();
    assert_eq!(records.len(), source.len());
    let question_name = |qid: &Value| q.iter().find(|x| x["id"] == *qid).map(|x| x["name"].as_str().unwrap().to_owned()).unwrap();
    for record in records {
        let external = record["external_id"].as_str().unwrap();
        let row = &source[external.strip_prefix("train_").expect("train_<row>").parse::<usize>().unwrap()];
        let f = &record["fields"];
        assert_eq!(f["review"], row["review"], "{external}");
        assert_eq!(f["photo"], row["photo"], "{external}: image from the photo column");
        assert_eq!(f["conversation"], row["conversation"], "{external}");
        let md = &record["metadata"];
        assert_eq!((&md["stars"], &md["helpful"], &md["source"]), (&row["stars"], &row["helpfulness"], &row["source"]), "{external}");
        let mut suggested: Vec<(String, Value)> = record["suggestions"].as_array().unwrap().iter().map(|s| (question_name(&s["question_id"]), s["value"].clone())).collect();
        suggested.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(suggested, vec![("sentiment".to_owned(), row["sentiment"].clone()), ("topics".to_owned(), row["topics"].clone())], "{external}");
    }
    // The annotation page shows the imported record.
    find(c, "[data-testid=hub-import-done] a").await.click().await.unwrap();
    wait_text(c, ".record-pane", "an imported review", |t| t.contains("train review")).await;
}

async fn hub_import_refuses_a_gated_dataset_and_a_taken_name_and_creates_nothing(ctx: &Ctx, c: &Client) {
    let api = ctx.hub.owner_api();
    let before = api.get("/me/datasets").unwrap()["items"].as_array().unwrap().len();
    open_import(c, ctx).await;
    type_into(c, "input[name=hub-dataset]", GATED).await;
    find(c, "[data-testid=hub-look]").await.click().await.unwrap();
    wait_text(c, "[data-testid=hub-problem]", "the gated refusal", |t| t.contains(GATED) && t.contains("private or gated") && t.contains("401")).await;
    assert!(!exists_now(c, "[data-testid=hub-columns]").await);
    type_into(c, "input[name=hub-dataset]", "not a dataset").await;
    find(c, "[data-testid=hub-look]").await.click().await.unwrap();
    wait_text(c, "[data-testid=hub-problem]", "how to write an id", |t| t.contains("owner/name")).await;

    // The workspaces cannot be read: said at the picker with a way to ask again, and Create
    // sends nothing without one.
    cdp(ctx.driver.port, c, "Network.enable", json!({})).await;
    cdp(ctx.driver.port, c, "Network.setBlockedURLs", json!({"urls": ["*/api/v1/me/workspaces"]})).await;
    type_into(c, "input[name=hub-dataset]", SAMPLE).await;
    find(c, "[data-testid=hub-look]").await.click().await.unwrap();
    find(c, "tr[data-column=review]").await;
    wait_text(c, "[data-error-for=workspace]", "the unreadable workspaces", |t| t.contains("could not be read")).await;
    type_into(c, "input[name=dataset-name]", "no-workspace").await;
    find(c, "[data-testid=hub-create]").await.click().await.unwrap();
    wait_text(c, "[data-testid=hub-create-problems]", "a workspace needed", |t| t.contains("Choose a workspace")).await;
    cdp(ctx.driver.port, c, "Network.setBlockedURLs", json!({"urls": []})).await;
    find(c, "[data-action=reload-workspaces]").await.click().await.unwrap();
    wait_until(c, "the workspaces listed", &format!("return !!document.querySelector(\"select[name=workspace] option[value='{}']\")", ctx.hub_demo.main_workspace_id)).await;
    assert!(!exists_now(c, "[data-error-for=workspace]").await);
    let workspace = find(c, "select[name=workspace]").await;
    workspace.select_by_value(&ctx.hub_demo.main_workspace_id).await.unwrap();
    type_into(c, "input[name=dataset-name]", DEMO_DATASET).await;
    find(c, "[data-testid=hub-create]").await.click().await.unwrap();
    wait_text(c, "[data-testid=hub-create-problems]", "the taken name", |t| t.contains(DEMO_DATASET) && t.contains("already exists")).await;
    // A mapping without any field is refused before anything is sent.
    for column in ["review", "photo", "conversation"] {
        find(c, &format!("tr[data-column={column}] select[name=use]")).await.select_by_value("ignore").await.unwrap();
    }
    type_into(c, "input[name=dataset-name]", "never-created").await;
    find(c, "[data-testid=hub-create]").await.click().await.unwrap();
    wait_text(c, "[data-testid=hub-create-problems]", "the missing field", |t| t.contains("at least one column to a field")).await;
    assert_eq!(api.get("/me/datasets").unwrap()["items"].as_array().unwrap().len(), before, "nothing created in {MAIN_WORKSPACE}");
}

async fn options_of(c: &Client, select: &str) -> Vec<String> {
    let script = format!("return [...document.querySelectorAll('{select} option')].map(o => o.value)");
    js(c, &script).await.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect()
}

async fn hub_import_of_another_subset_shows_its_splits_rows_and_columns_and_imports_its_rows(ctx: &Ctx, c: &Client) {
    open_import(c, ctx).await;
    type_into(c, "input[name=hub-dataset]", KITCHEN).await;
    find(c, "[data-testid=hub-look]").await.click().await.unwrap();
    find(c, "tr[data-column=dish]").await;
    assert_eq!(options_of(c, "select[name=subset]").await, ["dishes", "drinks"]);
    assert_eq!(options_of(c, "select[name=split]").await, ["train"]);
    wait_text(c, "tr[data-column=dish]", "the first dishes", |t| t.contains("dish 0")).await;

    find(c, "select[name=subset]").await.select_by_value("drinks").await.unwrap();
    wait_text(c, "tr[data-column=drink]", "the first summer drinks", |t| t.contains("summer drink 0")).await;
    assert_eq!(options_of(c, "select[name=split]").await, ["summer", "winter"]);
    assert_eq!(find(c, "select[name=split]").await.prop("value").await.unwrap().unwrap_or_default(), "summer");
    for gone in ["dish", "course", "price"] {
        assert!(!exists_now(c, &format!("tr[data-column={gone}]")).await, "the dishes column {gone} is still shown");
    }
    find(c, "select[name=split]").await.select_by_value("winter").await.unwrap();
    wait_text(c, "tr[data-column=drink]", "the first winter drinks", |t| t.contains("winter drink 0") && !t.contains("summer")).await;
    assert_eq!(proposed_uses(c, &["drink", "kind", "volume"]).await, ["drink=text-field", "kind=label", "volume=integer"]);
    // The owner's changes outlive a reload (or a session that ends: signing in again comes back here).
    type_into(c, "tr[data-column=volume] input[name=target]", "ml").await;
    type_into(c, "input[name=dataset-name]", "winter-drinks").await;
    c.refresh().await.unwrap();
    wait_text(c, "tr[data-column=drink]", "the winter drinks again", |t| t.contains("winter drink 0")).await;
    assert_eq!(find(c, "select[name=subset]").await.prop("value").await.unwrap().as_deref(), Some("drinks"));
    assert_eq!(find(c, "select[name=split]").await.prop("value").await.unwrap().as_deref(), Some("winter"));
    assert_eq!(find(c, "tr[data-column=volume] input[name=target]").await.prop("value").await.unwrap().as_deref(), Some("ml"));
    assert_eq!(find(c, "input[name=dataset-name]").await.prop("value").await.unwrap().as_deref(), Some("winter-drinks"));
    let done = create_and_wait(c, "winter-drinks", "[data-testid=hub-import-done]", "[data-testid=hub-import-failed]").await;
    assert!(done.contains("Imported 2 records"), "{done}");

    let api = ctx.hub.owner_api();
    let dataset = dataset_named(&api, "winter-drinks").expect("dataset created");
    let id = dataset["id"].as_str().unwrap();
    assert_eq!(names(&api.get(&format!("/datasets/{id}/fields")).unwrap()), ["drink"]);
    let questions = api.get(&format!("/datasets/{id}/questions")).unwrap();
    assert_eq!(names(&questions), ["kind"]);
    assert_eq!(names(&api.get(&format!("/me/datasets/{id}/metadata-properties")).unwrap()), ["ml"], "the name kept through the reload");
    let records = api.get(&format!("/datasets/{id}/records?include=suggestions&limit=100")).unwrap();
    let mut got: Vec<(String, Value, Value, Value)> = records["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["external_id"].as_str().unwrap().to_owned(), r["fields"]["drink"].clone(), r["suggestions"][0]["value"].clone(), r["metadata"]["ml"].clone()))
        .collect();
    got.sort_by(|a, b| a.0.cmp(&b.0));
    // The winter split of the drinks subset, as hub_standin.py wrote it.
    assert_eq!(
        got,
        [
            ("winter_0".to_owned(), json!("winter drink 0"), json!("hot"), json!(150)),
            ("winter_1".to_owned(), json!("winter drink 1"), json!("cold"), json!(200)),
        ]
    );
}

async fn create_disabled(c: &Client) -> bool {
    js(c, "return document.querySelector('[data-testid=hub-create]')?.disabled === true").await == json!(true)
}

async fn hub_import_create_waits_for_the_split_and_a_failed_read_leaves_no_columns_or_pickers(ctx: &Ctx, c: &Client) {
    open_import(c, ctx).await;
    type_into(c, "input[name=hub-dataset]", KITCHEN).await;
    find(c, "[data-testid=hub-look]").await.click().await.unwrap();
    wait_text(c, "tr[data-column=dish]", "the first dishes", |t| t.contains("dish 0")).await;
    assert!(!create_disabled(c).await, "the columns are read: create is offered");
    type_into(c, "input[name=dataset-name]", "kept-name").await;

    // The drinks' first rows hang, then cannot be had: meanwhile nothing can be created from the dishes' columns.
    js(c, "window.realFetch = window.fetch; window.releaseDrinks = null; \
           window.fetch = (r) => { const url = typeof r === 'string' ? r : r.url; \
             if (url.includes('/first-rows') && url.includes('config=drinks')) \
               return new Promise((_, reject) => { window.releaseDrinks = () => reject(new TypeError('Failed to fetch')); }); \
             return window.realFetch(r); }; return null").await;
    find(c, "select[name=subset]").await.select_by_value("drinks").await.unwrap();
    wait_until(c, "the drinks asked for", "return typeof window.releaseDrinks === 'function'").await;
    assert!(create_disabled(c).await, "create is disabled while the split is read");
    assert!(!exists_now(c, "tr[data-column]").await, "the dishes' columns went when the drinks were asked for");
    js(c, "window.releaseDrinks(); return null").await;
    wait_text(c, "[data-testid=hub-problem]", "the failed read", |t| t.contains("cannot be reached")).await;
    assert!(create_disabled(c).await, "create stays disabled after the failed read");
    assert!(!exists_now(c, "tr[data-column]").await, "no columns after the failed read");
    // Even submitted some other way, the form sends nothing.
    js(c, "document.querySelector('[data-testid=hub-create]').form.requestSubmit(); return null").await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert!(!exists_now(c, ".hub-create [data-testid=run-status] > *, [data-testid=hub-create-problems]").await, "the submitted form started something");
    assert!(dataset_named(&ctx.hub.owner_api(), "kept-name").is_none(), "nothing created");

    // Read again: create is offered, with the name typed before.
    js(c, "window.fetch = window.realFetch; return null").await;
    find(c, "select[name=split]").await.select_by_value("winter").await.unwrap();
    wait_text(c, "tr[data-column=drink]", "the first winter drinks", |t| t.contains("winter drink 0")).await;
    assert!(!create_disabled(c).await, "the columns are read again");
    assert_eq!(find(c, "input[name=dataset-name]").await.prop("value").await.unwrap().as_deref(), Some("kept-name"));

    // A dataset that cannot be looked up leaves no pickers, columns or create form of the last one.
    type_into(c, "input[name=hub-dataset]", GATED).await;
    find(c, "[data-testid=hub-look]").await.click().await.unwrap();
    wait_text(c, "[data-testid=hub-problem]", "the gated refusal", |t| t.contains("private or gated")).await;
    for gone in ["select[name=subset]", "select[name=split]", "tr[data-column]", "[data-testid=hub-create]"] {
        assert!(!exists_now(c, gone).await, "{gone} is still shown");
    }
}

async fn hub_import_job_that_fails_says_the_dataset_exists_and_deletes_it_on_request(ctx: &Ctx, c: &Client) {
    open_import(c, ctx).await;
    type_into(c, "input[name=hub-dataset]", BROKEN).await;
    find(c, "[data-testid=hub-look]").await.click().await.unwrap();
    wait_text(c, "tr[data-column=text]", "the viewer's first rows", |t| t.contains("broken row 0")).await;
    let failed = create_and_wait(c, "broken-import", "[data-testid=hub-import-failed]", "[data-testid=hub-import-done]").await;
    assert!(failed.contains("job failed") && failed.contains("exists with 0 records") && failed.contains("delete it"), "{failed}");

    let api = ctx.hub.owner_api();
    let dataset = dataset_named(&api, "broken-import").expect("the page says the dataset exists: it does");
    assert_eq!(dataset["status"], "ready");
    find(c, "[data-testid=hub-delete-created]").await.click().await.unwrap();
    wait_text(c, "[data-testid=hub-import-failed]", "the deletion", |t| t.contains("Deleted.")).await;
    assert!(dataset_named(&api, "broken-import").is_none(), "the dataset is still there after “Delete this dataset”");
}

async fn hub_import_opens_at_the_bare_owner_name_address_and_leaves_our_own_addresses_alone(ctx: &Ctx, c: &Client) {
    sign_in(c, &ctx.hub.url(), OWNER.0, OWNER.1).await;
    // Argilla's own `/:id` import address, as links to a Space use it.
    c.goto(&format!("{}/{KITCHEN}", ctx.hub.url())).await.unwrap();
    wait_text(c, "tr[data-column=dish]", "the kitchen's first subset", |t| t.contains("dish 0")).await;
    assert_eq!(find(c, "input[name=hub-dataset]").await.prop("value").await.unwrap().unwrap_or_default(), KITCHEN);
    // A two-part address of our own is not taken for a Hub dataset.
    let id = ctx.hub_demo.dataset_id.clone();
    c.goto(&format!("{}/dataset/{id}", ctx.hub.url())).await.unwrap();
    wait_text(c, "section.not-found h1", "not found", |t| t.contains("Page not found")).await;
    assert!(!exists_now(c, "section.hub-import").await);
    // And the addresses around it still open their pages.
    c.goto(&format!("{}/dataset/{id}/annotation-mode", ctx.hub.url())).await.unwrap();
    find(c, ".record-pane").await;
    c.goto(&format!("{}/new/{KITCHEN}", ctx.hub.url())).await.unwrap();
    wait_text(c, "tr[data-column=dish]", "the /new/ address", |t| t.contains("dish 0")).await;
}

/// The exported split as the stand-in stored it.
const EXPORTED_ROWS: &str = r#"
import glob, json, sys
import pyarrow.parquet as pq
files = sorted(glob.glob(sys.argv[1] + "/data/train-*.parquet"))
print(json.dumps([row for f in files for row in pq.read_table(f).to_pylist()], default=str))
"#;

async fn open_export(c: &Client, ctx: &Ctx, dataset_id: &str) {
    sign_in(c, &ctx.hub.url(), OWNER.0, OWNER.1).await;
    c.goto(&format!("{}/dataset/{dataset_id}/annotation-mode", ctx.hub.url())).await.unwrap();
    find(c, "[data-testid=dataset-export]").await.click().await.unwrap();
    find(c, "section.hub-export input[name=hf-token]").await;
}

/// A dataset argilla-server 2.8.0 can export: its exporter needs every
/// record to carry a suggestion for the same questions (rows with different
/// columns make `datasets` fail), so each record has one for `label`.
fn exportable_dataset(ctx: &Ctx, name: &str) -> (String, String) {
    let api = ctx.hub.owner_api();
    let me = api.get("/me").unwrap();
    let dataset = api.post("/datasets", json!({"name": name, "workspace_id": ctx.hub_demo.main_workspace_id})).unwrap();
    let id = dataset["id"].as_str().unwrap().to_owned();
    api.post(&format!("/datasets/{id}/fields"), json!({"name": "text", "title": "Text", "required": true, "settings": {"type": "text"}})).unwrap();
    let options = json!([{"value": "yes", "text": "Yes"}, {"value": "no", "text": "No"}]);
    let question = api.post(&format!("/datasets/{id}/questions"), json!({"name": "label", "title": "Label", "required": true, "settings": {"type": "label_selection", "options": options}})).unwrap();
    api.post(&format!("/datasets/{id}/metadata-properties"), json!({"name": "n", "title": "N", "settings": {"type": "integer"}})).unwrap();
    api.put(&format!("/datasets/{id}/publish"), json!({})).unwrap();
    let items: Vec<Value> = (0..5)
        .map(|i| {
            let mut item = json!({
                "external_id": format!("row-{i}"),
                "fields": {"text": format!("exported text {i}")},
                "metadata": {"n": i * 10},
                "suggestions": [{"question_id": question["id"], "value": if i % 2 == 0 { "yes" } else { "no" }, "agent": "model-x", "score": 0.5}],
            });
            if i == 0 {
                item["responses"] = json!([{"user_id": me["id"], "status": "submitted", "values": {"label": {"value": "no"}}}]);
            }
            item
        })
        .collect();
    api.post(&format!("/datasets/{id}/records/bulk"), json!({"items": items})).unwrap();
    (id, question["id"].as_str().unwrap().to_owned())
}

async fn hub_export_through_the_page_writes_every_record_to_the_hub_and_keeps_no_token(ctx: &Ctx, c: &Client) {
    let (id, question_id) = exportable_dataset(ctx, "export-me");
    open_export(c, ctx, &id).await;
    wait_text(c, "[data-testid=token-note]", "the warning about argilla's worker log", |t| t.contains("not keep it") && t.contains("log")).await;
    type_into(c, "input[name=repo]", "local/exported").await;
    type_into(c, "input[name=hf-token]", WRITE_TOKEN).await;
    find(c, "[data-testid=export-start]").await.click().await.unwrap();
    wait_for(c, "[data-testid=export-done]", "[data-testid=export-failed]").await;
    assert_eq!(find(c, "input[name=hf-token]").await.prop("value").await.unwrap().unwrap_or_default(), "", "the token leaves the form once the server has the job");
    let href = find(c, "[data-testid=export-done] a").await.attr("href").await.unwrap().unwrap_or_default();
    assert_eq!(href, "https://huggingface.co/datasets/local/exported");
    let kept = js(c, "return [location.href, JSON.stringify(localStorage), JSON.stringify(sessionStorage), document.cookie].join(' ')").await;
    assert!(!kept.as_str().unwrap().contains(WRITE_TOKEN), "the token is stored or in the address: {kept}");

    let repo = ctx.hub_standin.repo_dir("local/exported");
    let rows = python_json(EXPORTED_ROWS, &repo);
    let rows = rows.as_array().unwrap();
    let api = ctx.hub.owner_api();
    let records = api.get(&format!("/datasets/{id}/records?include=suggestions,responses&limit=100")).unwrap();
    let records = records["items"].as_array().unwrap();
    assert_eq!((rows.len(), records.len()), (5, 5));
    for record in records {
        let row = rows.iter().find(|r| r["_server_id"] == record["id"]).expect("every record exported");
        assert_eq!(row["id"], record["external_id"]);
        assert_eq!(row["text"], record["fields"]["text"]);
        assert_eq!(row["metadata.n"], record["metadata"]["n"]);
        let suggestion = record["suggestions"].as_array().unwrap().iter().find(|s| s["question_id"] == question_id.as_str()).unwrap();
        assert_eq!((&row["label.suggestion"], &row["label.suggestion.agent"]), (&suggestion["value"], &suggestion["agent"]));
        let answers: Vec<Value> = record["responses"].as_array().unwrap().iter().map(|r| r["values"]["label"]["value"].clone()).collect();
        let exported = row["label.responses"].as_array().cloned().unwrap_or_default();
        assert_eq!(exported, answers, "{}", record["external_id"]);
    }
    let settings: Value = serde_json::from_str(&std::fs::read_to_string(repo.join(".argilla/settings.json")).unwrap()).unwrap();
    let questions: Vec<&str> = settings["questions"].as_array().unwrap().iter().map(|q| q["name"].as_str().unwrap()).collect();
    assert_eq!(questions, ["label"]);
    let private = std::fs::read_to_string(ctx.hub_standin.data_dir.join("private/local/exported")).unwrap();
    assert_eq!(private.trim(), "true", "exported as private, the form's default");
}

async fn hub_export_with_a_token_the_hub_refuses_says_it_failed(ctx: &Ctx, c: &Client) {
    let (id, _) = exportable_dataset(ctx, "export-refused");
    open_export(c, ctx, &id).await;
    // The session ends as the export starts: after signing in again the form is back, but
    // for the token, which is never kept.
    type_into(c, "input[name=repo]", "local/kept-repo").await;
    type_into(c, "input[name=hf-token]", "hf_not_kept").await;
    js(c, "const real = window.fetch; window.fetch = async (r, init) => { \
            if (r.method === 'POST' && new URL(r.url).pathname.endsWith('/export')) \
              return new Response(JSON.stringify({detail: 'Could not validate credentials'}), {status: 401, headers: {'Content-Type': 'application/json'}}); \
            return real(r, init); }; return null").await;
    find(c, "[data-testid=export-start]").await.click().await.unwrap();
    wait_url(c, "sign-in", |u| u.contains("/sign-in")).await;
    submit_sign_in(c, OWNER.0, OWNER.1).await;
    wait_url(c, "back on the export page", |u| u.ends_with("/export")).await;
    wait_until(c, "the typed repo back", "return document.querySelector('input[name=repo]')?.value === 'local/kept-repo'").await;
    assert_eq!(find(c, "input[name=hf-token]").await.prop("value").await.unwrap().unwrap_or_default(), "", "a token is never kept");
    assert!(!ctx.hub_standin.repo_dir("local/kept-repo").exists());
    type_into(c, "input[name=repo]", "local/never-written").await;
    type_into(c, "input[name=hf-token]", "hf_not_a_valid_token").await;
    find(c, "[data-testid=export-start]").await.click().await.unwrap();
    let failed = wait_for(c, "[data-testid=export-failed]", "[data-testid=export-done]").await;
    assert!(failed.contains("job failed") && failed.contains("local/never-written"), "{failed}");
    assert!(!ctx.hub_standin.repo_dir("local/never-written").exists());
    // A bad form is refused on the page, next to its inputs.
    type_into(c, "input[name=repo]", "no-owner").await;
    find(c, "[data-testid=export-start]").await.click().await.unwrap();
    wait_texts(c, ".field-problem", "the repo and token problems", |t| t.iter().any(|p| p.contains("owner/name")) && t.iter().any(|p| p.contains("hf_"))).await;
}

/// Each create whose reply was lost is found on the server and not made twice: the import
/// goes on to its end with one dataset. An export whose start lost its reply says it may be
/// running (it is) instead of inviting a second one.
async fn hub_import_and_export_whose_replies_are_lost_do_each_step_once(ctx: &Ctx, c: &Client) {
    open_import(c, ctx).await;
    type_into(c, "input[name=hub-dataset]", SAMPLE).await;
    find(c, "[data-testid=hub-look]").await.click().await.unwrap();
    find(c, "tr[data-column=conversation]").await;
    lose_replies(c, json!([["POST", "/api/v1/datasets"], ["POST", "/questions"], ["POST", "/fields"], ["PUT", "/publish"]])).await;
    let done = create_and_wait(c, "lost-replies", "[data-testid=hub-import-done]", "[data-testid=hub-import-failed]").await;
    assert!(done.contains("Imported 12 records"), "{done}");
    assert_eq!(js(c, "return window.lostReplies").await, json!([]), "every reply meant to be lost was");
    let api = ctx.hub.owner_api();
    let all = api.get("/me/datasets").unwrap();
    assert_eq!(all["items"].as_array().unwrap().iter().filter(|d| d["name"] == "lost-replies").count(), 1);
    let id = dataset_named(&api, "lost-replies").unwrap()["id"].as_str().unwrap().to_owned();
    let fields = names(&api.get(&format!("/datasets/{id}/fields")).unwrap());
    let questions = names(&api.get(&format!("/datasets/{id}/questions")).unwrap());
    assert_eq!(fields.iter().filter(|f| *f == "review").count(), 1, "{fields:?}");
    assert_eq!(questions.iter().filter(|q| *q == "sentiment").count(), 1, "{questions:?}");

    let (export_id, _) = exportable_dataset(ctx, "export-lost-reply");
    c.goto(&format!("{}/dataset/{export_id}/export", ctx.hub.url())).await.unwrap();
    find(c, "section.hub-export input[name=hf-token]").await;
    type_into(c, "input[name=repo]", "local/lost-reply").await;
    type_into(c, "input[name=hf-token]", WRITE_TOKEN).await;
    lose_replies(c, json!([["POST", "/export"]])).await;
    find(c, "[data-testid=export-start]").await.click().await.unwrap();
    let unknown = wait_for(c, "[data-testid=export-unknown]", "[data-testid=export-failed]").await;
    assert!(unknown.contains("local/lost-reply") && unknown.contains("later"), "{unknown}");
    assert_eq!(find(c, "input[name=hf-token]").await.prop("value").await.unwrap().unwrap_or_default(), "", "the server may have the job: the token leaves the form");
    assert_eq!(js(c, "return window.lostReplies").await, json!([]));
    // It was running all along: the Hub gets the dataset.
    let repo = ctx.hub_standin.repo_dir("local/lost-reply");
    let deadline = Instant::now() + JOB_WAIT;
    while !repo.join(".argilla/settings.json").exists() {
        assert!(Instant::now() < deadline, "the export never reached the Hub");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

//! The benchmark's data: a dataset with all six question types and some long
//! fields, a one-record dataset whose text is 1 MB, a large dataset (20,000
//! records by default) of the same records for opening, paging, searching and
//! filtering, and one fresh annotator per measured run so every run starts
//! from the same full queue.

use harness::seed::{create_dataset, ensure_workspace};
use harness::Api;
use serde_json::{json, Value};
use std::collections::HashMap;

pub const WORKSPACE: &str = "bench";
pub const PASSWORD: &str = "12345678";

pub struct Data {
    pub workspace_id: String,
    pub dataset_id: String,
    pub big_dataset_id: String,
    /// The large dataset and its size, unless `--large 0`.
    pub large: Option<(String, usize)>,
}

const PEOPLE: [&str; 5] = ["Ada Lovelace", "Alan Turing", "Grace Hopper", "Katherine Johnson", "Margaret Hamilton"];
const PLACES: [&str; 5] = ["London", "Paris", "Tokyo", "Nairobi", "Lima"];
const VERDICTS: [&str; 3] = ["loved every minute of it", "found it rather disappointing", "thought it was fine"];
const TOPICS: [&str; 8] = ["science", "history", "travel", "food", "music", "sport", "politics", "technology"];
const FILLER: &str = "The committee reviewed the proposal in detail, compared it with last year's figures and asked for a second opinion before the vote. ";

pub fn seed(api: &Api, records: usize, big_field_bytes: usize, large_records: usize) -> harness::Result<Data> {
    let workspace_id = ensure_workspace(api, WORKSPACE)?;
    let dataset_id = create_dataset(api, &workspace_id, "bench-records", &record, records)?;
    let big = move |_: usize, _: &HashMap<String, String>| big_record(big_field_bytes);
    let big_dataset_id = create_dataset(api, &workspace_id, "bench-one-megabyte", &big, 1)?;
    for id in [&dataset_id, &big_dataset_id] {
        // Submitting must not complete records for everyone (the default,
        // min_submitted = 1), or each run would shrink the next run's queue.
        patch(api, &format!("/datasets/{id}"), json!({"distribution": {"strategy": "overlap", "min_submitted": 10000}}))?;
    }
    let large = match large_records {
        0 => None,
        n => {
            println!("seeding the large dataset ({n} records)…");
            Some((create_dataset(api, &workspace_id, "bench-large", &record, n)?, n))
        }
    };
    Ok(Data { workspace_id, dataset_id, big_dataset_id, large })
}

/// `harness::Api` has no PATCH; the owner's API key is fixed by the harness.
fn patch(api: &Api, path: &str, body: Value) -> harness::Result<()> {
    ureq::patch(&format!("{}/api/v1{path}", api.base))
        .set("X-Argilla-Api-Key", harness::server::OWNER_API_KEY)
        .send_json(body)
        .map(|_| ())
        .map_err(|e| format!("PATCH {path}: {e}"))
}

/// A fresh annotator with access to the benchmark workspace.
pub fn annotator(api: &Api, data: &Data, username: &str) -> harness::Result<()> {
    let user = api.post(
        "/users",
        json!({"username": username, "password": PASSWORD, "first_name": username, "role": "annotator"}),
    )?;
    let user_id = user["id"].as_str().ok_or("no user id")?;
    api.post(&format!("/workspaces/{}/users", data.workspace_id), json!({"user_id": user_id}))?;
    Ok(())
}

/// Record `i`: a sentence naming a person and a place; every tenth record
/// about 4 KB long and every hundredth about 40 KB. Suggestions for topics and
/// entities only, so the label and rating keys a run presses always set a
/// fresh answer.
fn record(i: usize, question_ids: &HashMap<String, String>) -> Value {
    let person = PEOPLE[i % PEOPLE.len()];
    let place = PLACES[(i / 2) % PLACES.len()];
    let mut text = format!("Record {i}: {person} visited {place} and {}.", VERDICTS[i % VERDICTS.len()]);
    let extra = match i % 100 {
        99 => 40_000,
        _ if i % 10 == 9 => 4_000,
        _ => 0,
    };
    while text.len() < extra {
        text.push(' ');
        text.push_str(FILLER.trim_end());
    }
    let topic = TOPICS[i % TOPICS.len()];
    let source = ["news", "review", "forum", "blog"][i % 4];
    let q = |name: &str| question_ids.get(name).cloned().unwrap_or_default();
    let span = |name: &str, label: &str| {
        let start = text.find(name).unwrap_or(0);
        json!({"start": start, "end": start + name.len(), "label": label})
    };
    json!({
        "external_id": format!("bench-{i:05}"),
        "fields": {"text": text, "context": format!("**Topic**: *{topic}*\n\n- place: `{place}`")},
        "metadata": {"source": source, "length": text.len(), "score": (i % 100) as f64 / 100.0},
        "vectors": {"embedding": [(i as f64 / 7.0).cos(), (i as f64 / 7.0).sin(), 0.5, 1.0]},
        "suggestions": [
            {"question_id": q("topics"), "value": [topic], "agent": "bench-model"},
            {"question_id": q("entities"), "value": [span(person, "PER"), span(place, "LOC")], "agent": "bench-ner"},
        ],
    })
}

fn big_record(bytes: usize) -> Value {
    let mut text = String::from("Record 0: one megabyte of plain text.");
    while text.len() + FILLER.len() <= bytes {
        text.push(' ');
        text.push_str(FILLER.trim_end());
    }
    json!({"external_id": "bench-big", "fields": {"text": text, "context": "A very long record."}})
}

//! Demo data, created through the REST API as the owner.

use crate::Api;
use serde_json::{json, Value};

pub const ANNOTATOR: (&str, &str) = ("annotator", "12345678");
pub const MAIN_WORKSPACE: &str = "argilla";
pub const PRIVATE_WORKSPACE: &str = "private";
pub const DEMO_DATASET: &str = "demo-all-questions";
pub const PRIVATE_DATASET: &str = "private-notes";
pub const DRAFT_DATASET: &str = "draft-not-published";

/// What the seed created, for tests to refer to.
#[derive(Debug, Clone)]
pub struct Demo {
    pub annotator_id: String,
    pub main_workspace_id: String,
    pub private_workspace_id: String,
    pub dataset_id: String,
    pub private_dataset_id: String,
    pub draft_dataset_id: String,
    pub records: usize,
}

const GUIDELINES: &str = "# Annotation guidelines\n\nRead the **text** and the *context*, then answer every question.\n\n1. **Sentiment**: overall polarity of the text.\n2. **Topics**: pick all that apply.\n3. **Quality**: 1 (bad) to 5 (excellent).\n4. **Ranking**: order the candidate replies, best first.\n5. **Entities**: highlight people (PER), places (LOC) and organisations (ORG) in the text.\n6. **Comment**: optional free text.\n\n> Records with suggestions show the model's guess; correct it if it is wrong.\n";

const PEOPLE: [&str; 6] = ["Ada Lovelace", "Alan Turing", "Grace Hopper", "Katherine Johnson", "Tim Berners-Lee", "Margaret Hamilton"];
const PLACES: [&str; 6] = ["London", "Paris", "Madrid", "Tokyo", "Nairobi", "Lima"];
const ORGS: [&str; 4] = ["the museum", "the city council", "the university", "the library"];
const VERDICTS: [(&str, &str); 3] = [
    ("loved every minute of it", "positive"),
    ("found it rather disappointing", "negative"),
    ("thought it was fine, nothing special", "neutral"),
];
const TOPICS: [&str; 8] = ["science", "history", "travel", "food", "music", "sport", "politics", "technology"];

/// Creates users, workspaces and datasets. `records` goes into the main dataset.
pub fn seed_demo(api: &Api, records: usize) -> crate::Result<Demo> {
    let annotator = api.post(
        "/users",
        json!({"username": ANNOTATOR.0, "password": ANNOTATOR.1, "first_name": "Annotator", "role": "annotator"}),
    )?;
    let annotator_id = id(&annotator)?;
    let main_ws = ensure_workspace(api, MAIN_WORKSPACE)?;
    let private_ws = ensure_workspace(api, PRIVATE_WORKSPACE)?;
    api.post(&format!("/workspaces/{main_ws}/users"), json!({"user_id": annotator_id}))?;

    let dataset_id = create_demo_dataset(api, &main_ws, DEMO_DATASET, records)?;
    let private_dataset_id = create_simple_dataset(api, &private_ws, PRIVATE_DATASET, true)?;
    let draft_dataset_id = create_simple_dataset(api, &main_ws, DRAFT_DATASET, false)?;
    Ok(Demo {
        annotator_id,
        main_workspace_id: main_ws,
        private_workspace_id: private_ws,
        dataset_id,
        private_dataset_id,
        draft_dataset_id,
        records,
    })
}

/// Creates a workspace, or finds it (argilla creates OAuth's allowed workspaces itself).
pub fn ensure_workspace(api: &Api, name: &str) -> crate::Result<String> {
    match api.post("/workspaces", json!({"name": name})) {
        Ok(created) => id(&created),
        Err(e) if e.contains("HTTP 409") => {
            let list = api.get("/me/workspaces")?;
            list["items"]
                .as_array()
                .and_then(|items| items.iter().find(|w| w["name"] == name))
                .map(id)
                .unwrap_or_else(|| Err(format!("workspace {name} exists but is not listed")))
        }
        Err(e) => Err(e),
    }
}

fn id(value: &Value) -> crate::Result<String> {
    value["id"].as_str().map(str::to_owned).ok_or_else(|| format!("no id in {value}"))
}

fn options(values: &[&str]) -> Value {
    Value::Array(values.iter().map(|v| json!({"value": v, "text": v})).collect())
}

/// A published dataset with text + markdown fields, one question of each type,
/// metadata (one property hidden from annotators), a vector, guidelines,
/// suggestions and `records` records.
pub fn create_demo_dataset(api: &Api, workspace_id: &str, name: &str, records: usize) -> crate::Result<String> {
    create_dataset(api, workspace_id, name, &|i, ids| demo_record(i, ids), records)
}

/// The demo dataset's settings with records made by `make(i, question ids by name)`.
pub fn create_dataset(
    api: &Api,
    workspace_id: &str,
    name: &str,
    make: &dyn Fn(usize, &std::collections::HashMap<String, String>) -> Value,
    records: usize,
) -> crate::Result<String> {
    let ds = id(&api.post(
        "/datasets",
        json!({"name": name, "workspace_id": workspace_id, "guidelines": GUIDELINES}),
    )?)?;
    let path = |p: &str| format!("/datasets/{ds}/{p}");
    api.post(&path("fields"), json!({"name": "text", "title": "Text", "required": true, "settings": {"type": "text", "use_markdown": false}}))?;
    api.post(&path("fields"), json!({"name": "context", "title": "Context", "required": false, "settings": {"type": "text", "use_markdown": true}}))?;
    let questions = [
        json!({"name": "sentiment", "title": "What is the sentiment?", "required": true,
               "settings": {"type": "label_selection", "options": options(&["positive", "negative", "neutral"])}}),
        json!({"name": "topics", "title": "Which topics apply?", "required": false,
               "settings": {"type": "multi_label_selection", "options": options(&TOPICS), "visible_options": 5}}),
        json!({"name": "quality", "title": "How good is the text?", "required": false,
               "settings": {"type": "rating", "options": [{"value": 1}, {"value": 2}, {"value": 3}, {"value": 4}, {"value": 5}]}}),
        json!({"name": "ranking", "title": "Order the replies, best first", "required": false,
               "settings": {"type": "ranking", "options": options(&["reply-a", "reply-b", "reply-c"])}}),
        json!({"name": "entities", "title": "Mark the entities", "required": false,
               "settings": {"type": "span", "field": "text", "options": options(&["PER", "LOC", "ORG"]), "allow_overlapping": false}}),
        json!({"name": "comment", "title": "Anything to add?", "required": false,
               "settings": {"type": "text", "use_markdown": true}}),
    ];
    let mut question_ids = std::collections::HashMap::new();
    for q in questions {
        let created = api.post(&path("questions"), q.clone())?;
        question_ids.insert(q["name"].as_str().unwrap_or_default().to_owned(), id(&created)?);
    }
    api.post(&path("metadata-properties"), json!({"name": "source", "title": "Source", "settings": {"type": "terms", "values": ["news", "review", "forum", "blog"]}}))?;
    api.post(&path("metadata-properties"), json!({"name": "length", "title": "Length", "settings": {"type": "integer", "min": 0, "max": 100000}}))?;
    api.post(&path("metadata-properties"), json!({"name": "score", "title": "Score", "settings": {"type": "float", "min": 0.0, "max": 1.0}}))?;
    api.post(&path("metadata-properties"), json!({"name": "internal_note", "title": "Internal note", "visible_for_annotators": false, "settings": {"type": "terms"}}))?;
    api.post(&path("vectors-settings"), json!({"name": "embedding", "title": "Embedding", "dimensions": 4}))?;
    api.put(&format!("/datasets/{ds}/publish"), json!({}))?;

    let items: Vec<Value> = (0..records).map(|i| make(i, &question_ids)).collect();
    for chunk in items.chunks(250) {
        api.post(&path("records/bulk"), json!({"items": chunk}))?;
    }
    Ok(ds)
}

/// One deterministic record; every third has no suggestions.
pub fn demo_record(i: usize, question_ids: &std::collections::HashMap<String, String>) -> Value {
    let person = PEOPLE[i % PEOPLE.len()];
    let place = PLACES[(i / 2) % PLACES.len()];
    let org = ORGS[(i / 3) % ORGS.len()];
    let (verdict, sentiment) = VERDICTS[i % VERDICTS.len()];
    let text = format!("Record {i}: {person} visited {org} in {place} and {verdict}.");
    let person_start = text.find(person).unwrap_or(0);
    let place_start = text.find(place).unwrap_or(0);
    let topic_a = TOPICS[i % TOPICS.len()];
    let topic_b = TOPICS[(i + 3) % TOPICS.len()];
    let source = ["news", "review", "forum", "blog"][i % 4];
    let context = format!(
        "**Source**: {source}\n\n- first topic: *{topic_a}*\n- second topic: `{topic_b}`\n\n[More about {place}](https://example.org/{place})"
    );
    let angle = i as f64 / 7.0;
    let mut record = json!({
        "external_id": format!("demo-{i:05}"),
        "fields": {"text": text, "context": context},
        "metadata": {"source": source, "length": text.len(), "score": ((i * 37) % 100) as f64 / 100.0, "internal_note": "seed"},
        "vectors": {"embedding": [angle.cos(), angle.sin(), (i % 5) as f64 / 5.0, 1.0]},
    });
    if i % 3 != 2 {
        let q = |name: &str| question_ids.get(name).cloned().unwrap_or_default();
        record["suggestions"] = json!([
            {"question_id": q("sentiment"), "value": sentiment, "score": 0.5 + (i % 5) as f64 / 10.0, "agent": "demo-model-v1"},
            {"question_id": q("topics"), "value": [topic_a, topic_b], "agent": "demo-model-v1"},
            {"question_id": q("entities"), "value": [
                {"start": person_start, "end": person_start + person.len(), "label": "PER"},
                {"start": place_start, "end": place_start + place.len(), "label": "LOC"}
            ], "agent": "demo-ner"},
        ]);
    }
    record
}

/// A small published (or draft) dataset with one text field and one question.
pub fn create_simple_dataset(api: &Api, workspace_id: &str, name: &str, publish: bool) -> crate::Result<String> {
    let ds = id(&api.post(
        "/datasets",
        json!({"name": name, "workspace_id": workspace_id, "guidelines": format!("Guidelines of {name}.")}),
    )?)?;
    api.post(&format!("/datasets/{ds}/fields"), json!({"name": "text", "title": "Text", "settings": {"type": "text"}}))?;
    api.post(
        &format!("/datasets/{ds}/questions"),
        json!({"name": "ok", "title": "Is it fine?", "required": true,
               "settings": {"type": "label_selection", "options": options(&["yes", "no"])}}),
    )?;
    if publish {
        api.put(&format!("/datasets/{ds}/publish"), json!({}))?;
        let items: Vec<Value> =
            (0..5).map(|i| json!({"external_id": format!("{name}-{i}"), "fields": {"text": format!("{name} note {i}")}})).collect();
        api.post(&format!("/datasets/{ds}/records/bulk"), json!({"items": items}))?;
    }
    Ok(ds)
}

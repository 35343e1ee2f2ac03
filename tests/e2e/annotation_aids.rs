//! What helps an annotator on the annotation page: each suggested option's
//! score and agent, a search box in long label lists, the keys on the action
//! bar, the record's status chip and menu, the progress bar.

use crate::annotation::{annotator_api, keyboard_record, keys, open_at_a_suggested_record, open_dataset, stored_response, tab_to_question, wait_response};
use crate::browser::*;
use crate::{Ctx, Test};
use fantoccini::key::Key;
use fantoccini::Client;
use serde_json::{json, Value};

pub fn tests() -> Vec<Test> {
    vec![
        test!(suggested_options_show_the_score_and_the_agent_on_hover),
        test!(a_suggestion_first_label_list_shows_the_suggested_labels_first_and_its_keys_follow),
        test!(label_search_narrows_long_lists_and_enter_picks_the_first_match),
        test!(visible_labels_cut_label_and_span_lists_and_a_field_without_a_value_is_not_shown),
        test!(action_bar_shows_keys_and_record_menu_copies_link_and_id),
    ]
}

async fn suggested_options_show_the_score_and_the_agent_on_hover(ctx: &Ctx, c: &Client) {
    let ds = &ctx.demo.dataset_id;
    let record_id = open_at_a_suggested_record(c, ctx).await;
    find(c, "[data-testid=suggestion-score]").await;
    let api = annotator_api(ctx);
    let found = api.post(
        &format!("/me/datasets/{ds}/records/search?include=suggestions&limit=1"),
        json!({"query": {}, "filters": {"and": [{"type": "terms", "scope": {"entity": "record", "property": "id"}, "values": [record_id]}]}}),
    ).unwrap();
    let suggestions = found["items"][0]["record"]["suggestions"].as_array().cloned().unwrap();
    let questions = api.get(&format!("/datasets/{ds}/questions")).unwrap();
    let id_of = |name: &str| questions["items"].as_array().unwrap().iter().find(|q| q["name"] == name).unwrap()["id"].clone();
    let suggestion = |name: &str| suggestions.iter().find(|s| s["question_id"] == id_of(name)).cloned().unwrap();

    // Sentiment: one option marked, with the score and, on hover, the agent.
    let sentiment = suggestion("sentiment");
    let score = sentiment["score"].as_f64().unwrap();
    let marks = "[data-question=sentiment] [data-testid=suggestion-score]";
    assert_eq!(js(c, &format!("return [...document.querySelectorAll('{marks}')].map(m => m.dataset.value)")).await, json!([sentiment["value"]]));
    // The demo scores are 0.5 to 0.9: one decimal.
    assert_eq!(find(c, &format!("{marks} .score")).await.text().await.unwrap(), format!("{score:.1}"));
    let title = find(c, marks).await.attr("title").await.unwrap().unwrap();
    assert_eq!(title, format!("Suggested by {}, score {score}", sentiment["agent"].as_str().unwrap()));

    // Topics: a multi-label suggestion without scores marks each suggested label, with no number.
    find(c, "[data-question=topics] .link-button").await.click().await.unwrap(); // show every label
    let topics = suggestion("topics");
    let mut wanted: Vec<String> = topics["value"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect();
    let shown = js(c, "return [...document.querySelectorAll('[data-question=topics] [data-testid=suggestion-score]')].map(m => m.dataset.value)").await;
    let mut shown: Vec<String> = shown.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect();
    wanted.sort();
    shown.sort();
    assert_eq!(shown, wanted);
    assert!(!exists_now(c, "[data-question=topics] [data-testid=suggestion-score] .score").await, "no score to show");

    // In German the same record's score has a decimal comma, on the mark and in its hover text.
    js(c, "localStorage.setItem('argilla-lite.lang', 'de')").await;
    c.refresh().await.unwrap();
    find(c, "html[lang=de] [data-question=sentiment] [data-testid=suggestion-score]").await;
    assert_eq!(current_record(c).await, record_id, "a reload keeps the record");
    let german = |n: String| n.replace('.', ",");
    assert_eq!(find(c, &format!("{marks} .score")).await.text().await.unwrap(), german(format!("{score:.1}")));
    let title = find(c, marks).await.attr("title").await.unwrap().unwrap();
    assert_eq!(title, format!("Vorgeschlagen von {}, Score {}", sentiment["agent"].as_str().unwrap(), german(score.to_string())));
    js(c, "localStorage.removeItem('argilla-lite.lang')").await;
}

fn topics_suggested(i: usize, ids: &std::collections::HashMap<String, String>) -> Value {
    let mut record = keyboard_record(i, ids);
    // Scores out of order. The suggested sentiment answers the required question.
    record["suggestions"] = json!([
        {"question_id": ids["topics"], "value": ["sport", "politics", "history"], "score": [0.4, 0.95, 0.7]},
        {"question_id": ids["sentiment"], "value": "neutral"}
    ]);
    record
}

/// A multi-label question set to "suggestion first" (as the SDK's `options_order="suggestion"`):
/// the record's suggested labels come first, best score first, and number keys pick by
/// the order shown. A record without a suggestion shows the labels in their own order.
async fn a_suggestion_first_label_list_shows_the_suggested_labels_first_and_its_keys_follow(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = harness::seed::create_dataset(&owner, &ctx.demo.main_workspace_id, "suggestion-first", &topics_suggested, 2).unwrap();
    let questions = owner.get(&format!("/datasets/{ds}/questions")).unwrap();
    let topics = questions["items"].as_array().unwrap().iter().find(|q| q["name"] == "topics").unwrap()["id"].as_str().unwrap().to_owned();
    owner.patch(&format!("/questions/{topics}"), json!({"settings": {"type": "multi_label_selection", "options_order": "suggestion"}})).unwrap();
    let plain = owner.post(&format!("/datasets/{ds}/records/bulk"), json!({"items": [keyboard_record(9, &Default::default())]})).unwrap();
    let plain_id = plain["items"][0]["id"].as_str().unwrap().to_owned();

    open_dataset(c, ctx, &ds).await;
    let labels = "[data-question=topics] .option [translate=no]";
    let selected = "[data-question=topics] .option.selected [translate=no]";
    let moved_from = |id: &str| format!("const p = document.querySelector('.record-pane[data-record-id]'); return !!p && p.dataset.recordId !== '{id}'");
    let mut picked_by_keys = false;
    for n in 0..3 {
        let record_id = current_record(c).await;
        if record_id == plain_id {
            let shown = wait_texts(c, labels, "the natural order", |t| t.first().map(String::as_str) == Some("science")).await;
            assert_eq!(shown, ["science", "history", "travel", "food", "music"]);
            find(c, "body").await.send_keys("1").await.unwrap(); // the first question: sentiment
        } else {
            // Five shown (visible_options), the three suggested first, best score first.
            let shown = wait_texts(c, labels, "the suggested labels first", |t| t.first().map(String::as_str) == Some("politics")).await;
            assert_eq!(shown, ["politics", "history", "sport", "science", "travel"]);
            assert_eq!(js(c, "return [...document.querySelectorAll('[data-question=topics] .option kbd')].map(k => k.textContent)").await, json!(["1", "2", "3", "4", "5"]));
            // The suggestion fills the answer in; 2 and 4 are the second and fourth shown.
            wait_texts(c, selected, "the suggested labels picked", |t| t == ["politics", "history", "sport"]).await;
            if !picked_by_keys {
                picked_by_keys = true;
                find(c, "body").await.send_keys("1").await.unwrap(); // sentiment, and the focus in the form
                tab_to_question(c, "topics").await;
                keys(c, "24").await; // history off, science on
                wait_texts(c, selected, "history off, science on", |t| t == ["politics", "sport", "science"]).await;
                find(c, "body").await.send_keys(&Key::Enter.to_string()).await.unwrap();
                let stored = wait_response(&annotator_api(ctx), &ds, &record_id, "submitted").await;
                let mut picked: Vec<String> =
                    stored["values"]["topics"]["value"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect();
                picked.sort();
                assert_eq!(picked, ["politics", "science", "sport"]);
                wait_until(c, "the next record", &moved_from(&record_id)).await;
                continue;
            }
        }
        find(c, "body").await.send_keys(&Key::Enter.to_string()).await.unwrap();
        wait_response(&annotator_api(ctx), &ds, &record_id, "submitted").await;
        if n < 2 {
            wait_until(c, "the next record", &moved_from(&record_id)).await;
        }
    }
    assert!(picked_by_keys);
}

fn labels(prefix: &str) -> Value {
    Value::Array((1..=20).map(|i| json!({"value": format!("{prefix}-{i:02}"), "text": format!("{prefix} {i:02}")})).collect())
}

/// The SDK's `visible_labels` on a single-label and a span question (Argilla shows that many,
/// then "show more"); an optional field a record leaves out is not shown, as in Argilla.
async fn visible_labels_cut_label_and_span_lists_and_a_field_without_a_value_is_not_shown(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = owner.post("/datasets", json!({"name": "cut-label-lists", "workspace_id": ctx.demo.main_workspace_id})).unwrap()["id"]
        .as_str().unwrap().to_owned();
    owner.post(&format!("/datasets/{ds}/fields"), json!({"name": "text", "title": "Text", "settings": {"type": "text"}})).unwrap();
    owner.post(&format!("/datasets/{ds}/fields"), json!({"name": "note", "title": "Note", "required": false, "settings": {"type": "text"}})).unwrap();
    let six = |prefix: &str| Value::Array((1..=6).map(|i| json!({"value": format!("{prefix}{i}"), "text": format!("{prefix} {i}")})).collect());
    owner.post(&format!("/datasets/{ds}/questions"), json!({"name": "animal", "title": "Animal", "required": true,
        "settings": {"type": "label_selection", "options": six("animal"), "visible_options": 3}})).unwrap();
    owner.post(&format!("/datasets/{ds}/questions"), json!({"name": "kind", "title": "Kind", "required": false,
        "settings": {"type": "span", "field": "text", "options": six("kind"), "visible_options": 4}})).unwrap();
    owner.put(&format!("/datasets/{ds}/publish"), json!({})).unwrap();
    owner.post(&format!("/datasets/{ds}/records/bulk"), json!({"items": [
        {"external_id": "a", "fields": {"text": "No note here"}},
        {"external_id": "b", "fields": {"text": "With a note", "note": "Read me"}}
    ]})).unwrap();

    open_dataset(c, ctx, &ds).await;
    let visible = |css: &str| format!("{css}:not([hidden])");
    let animals = visible("[data-question=animal] .option");
    assert_eq!(wait_texts(c, &animals, "three animals", |t| t.len() == 3).await, ["1\nanimal 1", "2\nanimal 2", "3\nanimal 3"]);
    let kinds = visible("[data-question=kind] .option");
    wait_texts(c, &kinds, "four kinds", |t| t.len() == 4).await;
    // A key picks a label past the cut: it shows, chosen.
    find(c, "body").await.send_keys("5").await.unwrap();
    wait_texts(c, &animals, "the fifth too, chosen", |t| t.len() == 4 && t[3] == "5\nanimal 5").await;
    find(c, "[data-question=animal] .link-button").await.click().await.unwrap();
    wait_texts(c, &animals, "all six", |t| t.len() == 6).await;
    // Enter on a focused "Show more" shows more; it does not submit the answered record.
    let before = current_record(c).await;
    js(c, "document.querySelector('[data-question=kind] .link-button').focus(); return null").await;
    c.active_element().await.unwrap().send_keys(&Key::Enter.to_string()).await.unwrap();
    wait_texts(c, &kinds, "all six kinds", |t| t.len() == 6).await;
    assert_eq!(current_record(c).await, before, "still the same record");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(current_record(c).await, before, "still the same record a moment later");
    assert_eq!(stored_response(&annotator_api(ctx), &ds, &before), None, "nothing submitted");
    // The record without a note has no empty box for it; the one with a note shows it.
    let records = owner.get(&format!("/datasets/{ds}/records")).unwrap();
    let with_note = records["items"].as_array().unwrap().iter().find(|r| r["external_id"] == "b").unwrap()["id"].as_str().unwrap().to_owned();
    for n in 0..2 {
        let record_id = current_record(c).await;
        let note = find(c, ".record-pane .field[data-field=note]").await;
        assert_eq!(note.is_displayed().await.unwrap(), record_id == with_note, "record {n}");
        assert!(find(c, ".record-pane .field[data-field=text]").await.is_displayed().await.unwrap());
        if n == 0 {
            find(c, "body").await.send_keys(&Key::Enter.to_string()).await.unwrap();
            let moved = format!("const p = document.querySelector('.record-pane[data-record-id]'); return !!p && p.dataset.recordId !== '{record_id}'");
            wait_until(c, "the other record", &moved).await;
        }
    }
}

async fn label_search_narrows_long_lists_and_enter_picks_the_first_match(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = owner.post("/datasets", json!({"name": "long-label-lists", "workspace_id": ctx.demo.main_workspace_id})).unwrap()["id"]
        .as_str().unwrap().to_owned();
    owner.post(&format!("/datasets/{ds}/fields"), json!({"name": "text", "title": "Text", "settings": {"type": "text"}})).unwrap();
    owner.post(&format!("/datasets/{ds}/questions"), json!({"name": "animal", "title": "Animal", "required": true,
        "settings": {"type": "label_selection", "options": labels("animal")}})).unwrap();
    owner.post(&format!("/datasets/{ds}/questions"), json!({"name": "colours", "title": "Colours", "required": false,
        "settings": {"type": "multi_label_selection", "options": labels("colour")}})).unwrap();
    owner.put(&format!("/datasets/{ds}/publish"), json!({})).unwrap();
    owner.post(&format!("/datasets/{ds}/records/bulk"), json!({"items": [{"fields": {"text": "A long list"}}]})).unwrap();

    let record_id = open_dataset(c, ctx, &ds).await;
    let visible = |q: &str| format!("[data-question={q}] .option:not([hidden])");
    wait_texts(c, &visible("animal"), "all twenty animals", |t| t.len() == 20).await;
    type_into(c, "[data-question=animal] .label-filter", "AL 1").await;
    let narrowed = wait_texts(c, &visible("animal"), "the ten animals 10–19", |t| t.len() == 10).await;
    assert!(narrowed.iter().all(|t| t.contains("animal 1")), "{narrowed:?}");
    keys(c, &Key::Enter.to_string()).await; // in the search box: picks the first match, does not submit
    wait_text(c, "[data-question=animal] .option[aria-checked=true]", "animal 10 picked", |t| t.ends_with("animal 10")).await;

    type_into(c, "[data-question=colours] .label-filter", "our 07").await;
    wait_texts(c, &visible("colours"), "one colour", |t| t.len() == 1 && t[0].ends_with("colour 07")).await;
    keys(c, &Key::Enter.to_string()).await;
    wait_text(c, "[data-question=colours] .option[aria-checked=true]", "colour 07 picked", |t| t.ends_with("colour 07")).await;

    // Clearing the search shows every option again, and the number keys still answer.
    find(c, "[data-question=animal] .label-filter").await.send_keys(&Key::Backspace.to_string().repeat(4)).await.unwrap();
    wait_texts(c, &visible("animal"), "all animals again", |t| t.len() == 20).await;
    js(c, "document.querySelector('.question[data-question=animal]').focus(); return null").await;
    keys(c, "3").await;
    wait_text(c, "[data-question=animal] .option[aria-checked=true]", "animal 03 by its key", |t| t.ends_with("animal 03")).await;
    keys(c, &Key::Enter.to_string()).await;
    let stored = wait_response(&annotator_api(ctx), &ds, &record_id, "submitted").await;
    assert_eq!(stored["values"]["animal"]["value"], "animal-03");
    assert_eq!(stored["values"]["colours"]["value"], json!(["colour-07"]));
}

async fn action_bar_shows_keys_and_record_menu_copies_link_and_id(ctx: &Ctx, c: &Client) {
    let ds = &ctx.demo.dataset_id;
    let record_id = open_dataset(c, ctx, ds).await;
    let shown_keys = texts(c, ".form-actions kbd").await;
    assert_eq!(shown_keys, ["⌫", "Ctrl S", "↵"]);
    let shortcuts = js(c, "return [...document.querySelectorAll('.form-actions button')].map(b => b.getAttribute('aria-keyshortcuts'))").await;
    assert_eq!(shortcuts, json!(["Backspace", "Control+S", "Enter"]));
    let status = find(c, "[data-testid=record-status]").await;
    assert_eq!(status.text().await.unwrap(), "pending");
    assert!(status.attr("class").await.unwrap().unwrap().contains("status-pending"));

    // The progress bar holds the user's counts from the API.
    let mine = annotator_api(ctx).get(&format!("/me/datasets/{ds}/metrics")).unwrap()["responses"].clone();
    let pending = mine["pending"].as_u64().unwrap();
    let count = find(c, ".progress-panel .stacked-bar .part.pending").await.attr("data-count").await.unwrap().unwrap();
    assert_eq!(count, pending.to_string());

    js(c, "window.__copied = []; navigator.clipboard.writeText = t => { window.__copied.push(t); return Promise.resolve(); }").await;
    find(c, "[data-action=record-menu]").await.click().await.unwrap();
    find(c, "[data-action=copy-record-id]").await.click().await.unwrap();
    wait_text(c, "[data-testid=record-menu-status]", "a confirmation", |t| t == "Record ID copied.").await;
    assert!(!find(c, ".record-menu").await.prop("open").await.unwrap().is_some_and(|o| o == "true"), "the menu closes");
    find(c, "[data-action=record-menu]").await.click().await.unwrap();
    find(c, "[data-action=copy-record-link]").await.click().await.unwrap();
    wait_text(c, "[data-testid=record-menu-status]", "a confirmation", |t| t == "Link copied.").await;
    let copied = js(c, "return window.__copied").await;
    let link = copied[1].as_str().unwrap().to_owned();
    assert_eq!(copied[0], json!(record_id));
    assert!(link.contains(&format!("/dataset/{ds}/annotation-mode")), "{link}");
    // The link opens the same record.
    let fresh = ctx.driver.browser(json!({})).await;
    crate::browser::sign_in(&fresh, &ctx.main.url(), harness::seed::ANNOTATOR.0, harness::seed::ANNOTATOR.1).await;
    fresh.goto(&link).await.unwrap();
    let opened = current_record(&fresh).await;
    let _ = fresh.close().await;
    assert_eq!(opened, record_id);
}

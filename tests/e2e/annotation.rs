//! The annotation page against the real server: every question type by
//! keyboard, drafts, discards, suggestions, hostile records (answers that
//! survive a server restart: saving.rs).

use crate::browser::*;
use crate::{Ctx, Test};
use fantoccini::key::Key;
use fantoccini::Client;
use harness::seed::{create_dataset, create_simple_dataset, ANNOTATOR};
use harness::server::OWNER;
use harness::Api;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

pub fn tests() -> Vec<Test> {
    vec![
        test!(all_six_question_types_answered_by_keyboard_are_stored_exactly),
        test!(draft_survives_reload_and_is_submitted_from_the_draft_queue),
        test!(discard_by_keyboard_is_stored_and_moves_on),
        test!(an_answer_to_a_record_deleted_meanwhile_is_said_and_the_record_does_not_come_back),
        test!(untouched_suggestions_are_submitted_unchanged),
        test!(a_partial_ranking_suggestion_ranks_every_option_and_submits),
        test!(a_ranking_keeps_saved_ties_and_makes_new_ones_with_the_button_or_key),
        test!(a_suggested_tie_is_shown_and_submitted_as_a_tie),
        test!(a_suggested_span_the_text_no_longer_holds_is_not_taken_and_the_record_submits),
        test!(a_mouse_selection_takes_whole_words_and_with_shift_the_characters),
        test!(a_touch_selection_is_marked_from_the_bar_of_labels),
        test!(a_draft_on_a_record_the_team_has_completed_says_so),
        test!(required_question_blocks_submit_with_a_message),
        test!(hostile_record_executes_nothing),
        test!(the_records_metadata_shows_what_annotators_may_see),
        test!(metadata_without_a_property_shows_under_its_name_to_whom_the_server_gives_it),
        test!(a_record_answered_again_shows_the_new_answer_when_shown_again),
        test!(a_record_nested_too_deep_to_read_is_skipped_and_the_span_question_on_a_missing_field_does_not_block_the_rest),
        test!(undo_redo_of_edits_including_spans_and_unsaved_edits_survive_reload),
        test!(delete_in_a_span_question_after_the_cursor_went_far_in_another_keeps_the_app_working),
        test!(a_one_megabyte_text_field_renders),
        test!(span_keys_in_a_long_text_redraw_only_the_blocks_they_change),
        test!(an_empty_queue_says_all_done_with_the_totals),
        test!(fast_submits_across_pages_never_show_a_record_twice),
        test!(text_search_narrows_the_queue_to_what_the_api_returns_and_survives_reload),
        test!(a_link_far_into_the_queue_loads_that_page_and_earlier_ones_on_the_way_back),
    ]
}

pub(crate) fn annotator_api(ctx: &Ctx) -> Api {
    Api::sign_in(&ctx.main.url(), ANNOTATOR.0, ANNOTATOR.1).expect("annotator API")
}

/// The user's response on a record, through the API (search by id: argilla
/// 2.8's `GET /records/{id}` fails for records with vectors).
pub(crate) fn stored_response(api: &Api, dataset_id: &str, record_id: &str) -> Option<Value> {
    let found = api.post(
        &format!("/me/datasets/{dataset_id}/records/search?include=responses&include=suggestions&limit=1"),
        json!({"query": {}, "filters": {"and": [{"type": "terms", "scope": {"entity": "record", "property": "id"}, "values": [record_id]}]}}),
    ).ok()?;
    found["items"][0]["record"]["responses"].as_array()?.first().cloned()
}

fn record_suggestions(api: &Api, dataset_id: &str, record_id: &str) -> Vec<Value> {
    let found = api.post(
        &format!("/me/datasets/{dataset_id}/records/search?include=suggestions&limit=1"),
        json!({"query": {}, "filters": {"and": [{"type": "terms", "scope": {"entity": "record", "property": "id"}, "values": [record_id]}]}}),
    ).expect("search by id");
    found["items"][0]["record"]["suggestions"].as_array().cloned().unwrap_or_default()
}

pub(crate) async fn wait_response(api: &Api, dataset_id: &str, record_id: &str, status: &str) -> Value {
    wait_response_where(api, dataset_id, record_id, &format!("a {status} response"), |r| r["status"] == status).await
}

/// The user's response on a record once `check` holds for it (`what` it should be).
pub(crate) async fn wait_response_where(api: &Api, dataset_id: &str, record_id: &str, what: &str, check: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + WAIT * 3;
    let mut last = None;
    while Instant::now() < deadline {
        last = stored_response(api, dataset_id, record_id);
        if last.as_ref().is_some_and(&check) {
            return last.unwrap();
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("record {record_id} never got {what}; last: {last:?}");
}

pub(crate) async fn open_dataset(c: &Client, ctx: &Ctx, dataset_id: &str) -> String {
    sign_in(c, &ctx.main.url(), ANNOTATOR.0, ANNOTATOR.1).await;
    c.goto(&format!("{}/dataset/{dataset_id}/annotation-mode", ctx.main.url())).await.unwrap();
    current_record(c).await
}

/// Opens the demo dataset at its first pending record with suggestions, found
/// through the API in the queue's own order (every third demo record has none,
/// and other tests answer some). The id of the record shown.
pub(crate) async fn open_at_a_suggested_record(c: &Client, ctx: &Ctx) -> String {
    let ds = &ctx.demo.dataset_id;
    let pending = json!({"query": {}, "filters": {"and": [
        {"type": "terms", "scope": {"entity": "response", "property": "status"}, "values": ["pending"]},
        {"type": "terms", "scope": {"entity": "record", "property": "status"}, "values": ["pending"]}]}});
    let found = annotator_api(ctx).post(&format!("/me/datasets/{ds}/records/search?include=suggestions&offset=0&limit=50"), pending).unwrap();
    let items = found["items"].as_array().cloned().unwrap_or_default();
    let position = items
        .iter()
        .position(|i| i["record"]["suggestions"].as_array().is_some_and(|s| !s.is_empty()))
        .expect("a pending demo record with suggestions");
    let id = items[position]["record"]["id"].as_str().unwrap().to_owned();
    sign_in(c, &ctx.main.url(), ANNOTATOR.0, ANNOTATOR.1).await;
    c.goto(&format!("{}/dataset/{ds}/annotation-mode?page={}", ctx.main.url(), position + 1)).await.unwrap();
    assert_eq!(current_record(c).await, id, "the queue shows records in the API's order");
    id
}

pub(crate) async fn wait_other_record(c: &Client, previous: &str) -> String {
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        let id = current_record(c).await;
        if id != previous {
            return id;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the record {previous} is still shown");
}

/// Sends keys to whatever has the focus, as a person typing.
pub(crate) async fn keys(c: &Client, text: &str) {
    c.active_element().await.unwrap().send_keys(text).await.unwrap();
}

pub(crate) async fn focused_question(c: &Client) -> Option<String> {
    js(c, "const q = document.activeElement && document.activeElement.closest('.question'); return q ? q.dataset.question : null")
        .await
        .as_str()
        .map(str::to_owned)
}

/// Presses Tab until the focus is inside question `name`.
pub(crate) async fn tab_to_question(c: &Client, name: &str) {
    for _ in 0..12 {
        if focused_question(c).await.as_deref() == Some(name) {
            return;
        }
        keys(c, &Key::Tab.to_string()).await;
    }
    panic!("Tab never reached question {name}");
}

pub(crate) fn keyboard_record(i: usize, _ids: &std::collections::HashMap<String, String>) -> Value {
    json!({
        "external_id": format!("kbd-{i}"),
        "fields": {"text": format!("Ada Lovelace met Alan Turing in London, visit {i}."), "context": "*Context* here"},
    })
}

async fn all_six_question_types_answered_by_keyboard_are_stored_exactly(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "keyboard-only", &keyboard_record, 3).unwrap();
    let record_id = open_dataset(c, ctx, &ds).await;
    find(c, "[data-question=sentiment]").await;
    let body = find(c, "body").await;
    body.send_keys("1").await.unwrap(); // the first question: sentiment = positive
    assert_eq!(focused_question(c).await.as_deref(), Some("sentiment"));
    tab_to_question(c, "topics").await;
    keys(c, "13").await; // science, travel
    tab_to_question(c, "quality").await;
    keys(c, "4").await;
    tab_to_question(c, "ranking").await;
    keys(c, "31").await; // reply-c first, then reply-a
    tab_to_question(c, "entities").await;
    // Words: Ada(0) Lovelace(1) met(2) Alan(3) Turing(4): put the cursor on "Alan Turing".
    let right = Key::Right.to_string();
    keys(c, &right.repeat(4)).await;
    keys(c, &format!("{}{}", Key::Shift, right)).await;
    keys(c, "1").await; // PER
    keys(c, &right.repeat(2)).await; // in(5), London(6)
    keys(c, "2").await; // LOC
    wait_texts(c, ".span-chip", "two spans", |t| t.len() == 2).await;
    tab_to_question(c, "comment").await;
    for _ in 0..6 {
        let tag = js(c, "return document.activeElement.tagName").await;
        if tag == "TEXTAREA" {
            break;
        }
        keys(c, &Key::Tab.to_string()).await;
    }
    keys(c, "Looks *fine*").await;
    keys(c, &format!("{}{}", Key::Control, Key::Enter)).await;
    wait_other_record(c, &record_id).await;
    js(c, "document.activeElement && document.activeElement.blur()").await;
    find(c, "body").await.send_keys("?").await.unwrap();
    let help = find(c, "[role=dialog][aria-label='Keyboard shortcuts']").await.text().await.unwrap();
    assert!(help.contains("Undo") && help.contains("Save as draft"), "the shortcuts overlay lists the keys: {help}");

    let api = annotator_api(ctx);
    let stored = wait_response(&api, &ds, &record_id, "submitted").await;
    assert_eq!(
        stored["values"],
        json!({
            "sentiment": {"value": "positive"},
            "topics": {"value": ["science", "travel"]},
            "quality": {"value": 4},
            "ranking": {"value": [{"value": "reply-c", "rank": 1}, {"value": "reply-a", "rank": 2}, {"value": "reply-b", "rank": 3}]},
            "entities": {"value": [{"start": 17, "end": 28, "label": "PER"}, {"start": 32, "end": 38, "label": "LOC"}]},
            "comment": {"value": "Looks *fine*"}
        })
    );
}

async fn draft_survives_reload_and_is_submitted_from_the_draft_queue(ctx: &Ctx, c: &Client) {
    let record_id = open_dataset(c, ctx, &ctx.demo.dataset_id).await;
    find(c, "[data-question=sentiment] .option:nth-child(2)").await.click().await.unwrap(); // negative
    find(c, "[data-question=quality] .option:nth-child(2)").await.click().await.unwrap(); // 2
    keys(c, &format!("{}s", Key::Control)).await;
    let api = annotator_api(ctx);
    let draft = wait_response(&api, &ctx.demo.dataset_id, &record_id, "draft").await;
    assert_eq!(draft["values"]["sentiment"]["value"], "negative");
    assert_eq!(draft["values"]["quality"]["value"], 2);

    c.refresh().await.unwrap();
    current_record(c).await;
    find(c, ".queue-tab[data-queue=draft]").await.click().await.unwrap();
    wait_url(c, "the draft queue in the URL", |u| u.contains("status=draft")).await;
    // Find our record in the draft queue.
    for _ in 0..50 {
        if current_record(c).await == record_id {
            break;
        }
        keys(c, &Key::Right.to_string()).await;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(current_record(c).await, record_id, "the draft is in the Draft queue");
    wait_text(c, "[data-testid=record-status]", "draft", |t| t == "draft").await;
    let selected = find(c, "[data-question=sentiment] .option.selected").await.text().await.unwrap();
    assert!(selected.contains("negative"), "the draft answer is shown: {selected}");
    find(c, "body").await.send_keys(&Key::Enter.to_string()).await.unwrap();
    let submitted = wait_response(&api, &ctx.demo.dataset_id, &record_id, "submitted").await;
    assert_eq!(submitted["id"], draft["id"], "the same response was updated (PUT), not a new one");
    assert_eq!(submitted["values"]["sentiment"]["value"], "negative");
}

async fn discard_by_keyboard_is_stored_and_moves_on(ctx: &Ctx, c: &Client) {
    let record_id = open_dataset(c, ctx, &ctx.demo.dataset_id).await;
    find(c, "body").await.send_keys(&Key::Backspace.to_string()).await.unwrap();
    wait_other_record(c, &record_id).await;
    wait_response(&annotator_api(ctx), &ctx.demo.dataset_id, &record_id, "discarded").await;
}

async fn untouched_suggestions_are_submitted_unchanged(ctx: &Ctx, c: &Client) {
    let api = annotator_api(ctx);
    let record_id = open_at_a_suggested_record(c, ctx).await;
    find(c, "[data-question=sentiment] .suggested-badge").await;
    let suggestions = record_suggestions(&api, &ctx.demo.dataset_id, &record_id);
    assert!(!suggestions.is_empty());
    let questions = api.get(&format!("/datasets/{}/questions", ctx.demo.dataset_id)).unwrap();
    let name_of = |qid: &str| {
        questions["items"].as_array().unwrap().iter().find(|q| q["id"] == qid).unwrap()["name"].as_str().unwrap().to_owned()
    };
    find(c, "body").await.send_keys(&Key::Enter.to_string()).await.unwrap();
    let stored = wait_response(&api, &ctx.demo.dataset_id, &record_id, "submitted").await;
    for s in &suggestions {
        let name = name_of(s["question_id"].as_str().unwrap());
        assert_eq!(stored["values"][&name]["value"], s["value"], "suggestion for {name} submitted unchanged");
    }
}

/// A ranking suggestion that names one of three options (the server takes it).
fn partly_ranked_record(i: usize, ids: &std::collections::HashMap<String, String>) -> Value {
    let mut record = keyboard_record(i, ids);
    record["suggestions"] = json!([
        {"question_id": ids["sentiment"], "value": "neutral"},
        {"question_id": ids["ranking"], "value": [{"value": "reply-b", "rank": 1}]}
    ]);
    record
}

async fn a_partial_ranking_suggestion_ranks_every_option_and_submits(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "partly-ranked", &partly_ranked_record, 2).unwrap();
    let record_id = open_dataset(c, ctx, &ds).await;
    let shown = wait_texts(c, "[data-question=ranking] .rank-label [translate=no]", "every option", |t| t.len() == 3).await;
    assert_eq!(shown, ["reply-b", "reply-a", "reply-c"], "the suggested one first, then the others in their order");
    find(c, "body").await.send_keys(&Key::Enter.to_string()).await.unwrap();
    let stored = wait_response(&annotator_api(ctx), &ds, &record_id, "submitted").await;
    assert_eq!(
        stored["values"]["ranking"]["value"],
        json!([{"value": "reply-b", "rank": 1}, {"value": "reply-a", "rank": 2}, {"value": "reply-c", "rank": 3}])
    );
}

/// A draft ranked elsewhere with a tie (the SDK allows it) shows the tie; moving an option
/// passes the tie whole and keeps it; the = button and the = key make and undo ties, and a
/// tie made here is stored as one.
async fn a_ranking_keeps_saved_ties_and_makes_new_ones_with_the_button_or_key(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "tied-ranking", &keyboard_record, 2).unwrap();
    let record_id = open_dataset(c, ctx, &ds).await;
    let tied = json!([{"value": "reply-b", "rank": 1}, {"value": "reply-a", "rank": 1}, {"value": "reply-c", "rank": 2}]);
    let api = annotator_api(ctx);
    api.post(&format!("/records/{record_id}/responses"), json!({"status": "draft", "values": {"ranking": {"value": tied}}})).unwrap();
    c.goto(&format!("{}/dataset/{ds}/annotation-mode?status=draft", ctx.main.url())).await.unwrap();
    assert_eq!(current_record(c).await, record_id);
    let ranks = wait_texts(c, "[data-question=ranking] .rank", "the tied ranks", |t| t.len() == 3).await;
    assert_eq!(ranks, ["1", "1", "2"]);
    let pressed = |c: &Client| {
        let c = c.clone();
        async move { js(&c, "return [...document.querySelectorAll('[data-question=ranking] .tie')].map(b => b.getAttribute('aria-pressed'))").await }
    };
    assert_eq!(pressed(c).await, json!(["false", "true", "false"]), "the second shares the first's rank");
    // The required questions answered, by key.
    find(c, "body").await.send_keys("1").await.unwrap();
    tab_to_question(c, "quality").await;
    keys(c, "4").await;
    // Scrolled to, as a person would (the action bar stays over the pane's lower edge).
    js(c, "document.querySelector('[data-question=ranking]').scrollIntoView({block: 'center'}); return null").await;
    find(c, "[data-question=ranking] .rank-item:last-child [aria-label='Move reply-c up']").await.click().await.unwrap();
    wait_texts(c, "[data-question=ranking] .rank", "reply-c above the tie, which stays", |t| t == ["1", "2", "2"]).await;
    let labels = texts(c, "[data-question=ranking] .rank-label [translate=no]").await;
    assert_eq!(labels, ["reply-c", "reply-b", "reply-a"]);
    // The tie undone with its button: a strict order.
    find(c, "[data-question=ranking] .rank-item:last-child .tie").await.click().await.unwrap();
    wait_texts(c, "[data-question=ranking] .rank", "no tie left", |t| t == ["1", "2", "3"]).await;
    // Made again with it, and undone again.
    find(c, "[data-question=ranking] .rank-item:last-child .tie").await.click().await.unwrap();
    wait_texts(c, "[data-question=ranking] .rank", "reply-a tied with reply-b", |t| t == ["1", "2", "2"]).await;
    assert_eq!(pressed(c).await, json!(["false", "false", "true"]));
    find(c, "[data-question=ranking] .rank-item:last-child .tie").await.click().await.unwrap();
    wait_texts(c, "[data-question=ranking] .rank", "no tie again", |t| t == ["1", "2", "3"]).await;
    // A tie made by key: the cursor on the second, then =.
    tab_to_question(c, "ranking").await;
    keys(c, &Key::Down.to_string().repeat(2)).await;
    wait_text(c, "[data-question=ranking] .rank-item.cursor .rank-label", "the cursor on the second", |t| t.ends_with("reply-b")).await;
    keys(c, "=").await;
    wait_texts(c, "[data-question=ranking] .rank", "reply-b tied with reply-c", |t| t == ["1", "1", "2"]).await;
    assert_eq!(find(c, "[data-testid=spoken]").await.text().await.unwrap(), "reply-b, rank 1 of 2", "two ranks: the tie shares one");
    assert_eq!(pressed(c).await, json!(["false", "true", "false"]));
    keys(c, &Key::Enter.to_string()).await;
    let stored = wait_response(&api, &ds, &record_id, "submitted").await;
    assert_eq!(stored["values"]["ranking"]["value"], json!([{"value": "reply-c", "rank": 1}, {"value": "reply-b", "rank": 1}, {"value": "reply-a", "rank": 2}]));
}

/// A ranking suggestion with a tie is shown with it and submitted with it unchanged; number
/// keys pressed on it rank the options in the order pressed, the tie ending.
async fn a_suggested_tie_is_shown_and_submitted_as_a_tie(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let suggested = json!([{"value": "reply-c", "rank": 1}, {"value": "reply-a", "rank": 1}, {"value": "reply-b", "rank": 2}]);
    let tied_suggestion = |i: usize, ids: &std::collections::HashMap<String, String>| {
        let mut record = keyboard_record(i, ids);
        record["suggestions"] = json!([{"question_id": ids["sentiment"], "value": "neutral"}, {"question_id": ids["ranking"], "value": suggested}]);
        record
    };
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "tied-suggestion", &tied_suggestion, 2).unwrap();
    let api = annotator_api(ctx);
    let first = open_dataset(c, ctx, &ds).await;
    let ranks = wait_texts(c, "[data-question=ranking] .rank", "the suggested ranks", |t| t.len() == 3).await;
    assert_eq!(ranks, ["1", "1", "2"]);
    assert_eq!(texts(c, "[data-question=ranking] .rank-label [translate=no]").await, ["reply-c", "reply-a", "reply-b"]);
    let pressed = js(c, "return [...document.querySelectorAll('[data-question=ranking] .tie')].map(b => b.getAttribute('aria-pressed'))").await;
    assert_eq!(pressed, json!(["false", "true", "false"]));
    find(c, "body").await.send_keys(&Key::Enter.to_string()).await.unwrap();
    let stored = wait_response(&api, &ds, &first, "submitted").await;
    assert_eq!(stored["values"]["ranking"]["value"], suggested);

    // The other record: reply-c (3), then reply-b (2), then reply-a (1).
    let second = wait_other_record(c, &first).await;
    tab_to_question(c, "ranking").await;
    keys(c, "321").await;
    wait_texts(c, "[data-question=ranking] .rank-label [translate=no]", "the order pressed", |t| t == ["reply-c", "reply-b", "reply-a"]).await;
    assert_eq!(texts(c, "[data-question=ranking] .rank").await, ["1", "2", "3"]);
    keys(c, &Key::Enter.to_string()).await;
    let stored = wait_response(&api, &ds, &second, "submitted").await;
    assert_eq!(stored["values"]["ranking"]["value"], json!([{"value": "reply-c", "rank": 1}, {"value": "reply-b", "rank": 2}, {"value": "reply-a", "rank": 3}]));
}

/// A draft whose record the team has finished (min_submitted reached by another person's
/// submit) is marked complete, as Argilla marks it; a draft on an unfinished record is not.
async fn a_draft_on_a_record_the_team_has_completed_says_so(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "completed-by-the-team", &keyboard_record, 2).unwrap();
    let records = owner.get(&format!("/datasets/{ds}/records")).unwrap();
    let ids: Vec<String> = records["items"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_owned()).collect();
    let draft = json!({"status": "draft", "values": {"sentiment": {"value": "neutral"}}});
    for id in &ids {
        annotator_api(ctx).post(&format!("/records/{id}/responses"), draft.clone()).unwrap();
    }
    owner.post(&format!("/records/{}/responses", ids[0]), json!({"status": "submitted", "values": {"sentiment": {"value": "positive"}}})).unwrap();
    let mut finished = String::new();
    for _ in 0..50 {
        finished = owner.get(&format!("/datasets/{ds}/records")).unwrap()["items"].as_array().unwrap().iter()
            .find(|r| r["id"] == ids[0].as_str()).unwrap()["status"].as_str().unwrap_or_default().to_owned();
        if finished == "completed" { break; }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(finished, "completed", "the server counts the owner's submit");
    sign_in(c, &ctx.main.url(), ANNOTATOR.0, ANNOTATOR.1).await;
    c.goto(&format!("{}/dataset/{ds}/annotation-mode?status=draft", ctx.main.url())).await.unwrap();
    for n in 0..2 {
        let record_id = current_record(c).await;
        wait_text(c, "[data-testid=record-status]", "the draft chip", |t| t == "draft").await;
        let marked = exists_now(c, "[data-testid=record-complete]").await;
        assert_eq!(marked, record_id == ids[0], "record {n}");
        if marked {
            assert_eq!(find(c, "[data-testid=record-complete]").await.text().await.unwrap(), "✓ complete");
        }
        if n == 0 {
            find(c, "button[aria-label='Next record (→)']").await.click().await.unwrap();
            let moved = format!("const p = document.querySelector('.record-pane[data-record-id]'); return !!p && p.dataset.recordId !== '{record_id}'");
            wait_until(c, "the other draft", &moved).await;
        }
    }
}

/// Drags the mouse over the span text from the start of character `from` to the start of
/// character `to` (a pixel into each: the caret goes before it), with Shift held or not.
async fn drag_select(c: &Client, from: usize, to: usize, shift: bool) {
    use fantoccini::actions::{Actions, InputSource, KeyAction, KeyActions, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
    let at = |n: usize| format!(
        "const n = {n}; for (const p of document.querySelectorAll('.record-pane .span-text [data-start]')) {{ \
           const s = +p.dataset.start, t = p.firstChild; if (!t || n < s || n >= s + t.length) continue; \
           const r = document.createRange(); r.setStart(t, n - s); r.setEnd(t, n - s + 1); const b = r.getBoundingClientRect(); \
           return [b.left + 1, b.top + b.height / 2]; }} return null");
    let point = |v: Value| (v[0].as_f64().unwrap(), v[1].as_f64().unwrap());
    js(c, "document.querySelector('.record-pane .span-text').scrollIntoView({block: 'center'}); return null").await;
    let (x0, y0) = point(js(c, &at(from)).await);
    let (x1, y1) = point(js(c, &at(to)).await);
    let pause = || PointerAction::Pause { duration: Duration::from_millis(50) };
    let mouse = MouseActions::new("mouse".into())
        .then(PointerAction::MoveTo { duration: None, x: x0, y: y0 })
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::MoveTo { duration: Some(Duration::from_millis(100)), x: x1, y: y1 })
        .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT })
        .then(pause());
    let key_pause = || KeyAction::Pause { duration: Duration::from_millis(50) };
    let shift_key = if shift { KeyAction::Down { value: Key::Shift.into() } } else { key_pause() };
    let shift_up = if shift { KeyAction::Up { value: Key::Shift.into() } } else { key_pause() };
    let keyboard = KeyActions::new("keyboard".into()).then(shift_key).then(key_pause()).then(key_pause()).then(key_pause()).then(shift_up);
    c.perform_actions(Actions::from(keyboard).and(mouse)).await.unwrap();
    c.release_actions().await.unwrap();
}

/// As in Argilla: a sloppy drag over part of a word labels the whole word; with Shift held
/// (the question allows character spans, the server's default) it labels just the characters.
async fn a_mouse_selection_takes_whole_words_and_with_shift_the_characters(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "mouse-spans", &keyboard_record, 1).unwrap();
    let record_id = open_dataset(c, ctx, &ds).await;
    wait_texts(c, "[data-question=entities] .hint", "the Shift hint", |t| t.iter().any(|h| h.starts_with("Hold Shift"))).await;
    // "Ada Lovelace met Alan Turing in London, visit 0.": from the "o" of "Lovelace" to its "l".
    drag_select(c, 5, 8, false).await;
    wait_texts(c, ".span-chip", "one span", |t| t.len() == 1).await;
    // A click on a question leaves a caret there; Shift must not stretch the selection from it.
    find(c, "[data-question=sentiment] .question-title span").await.click().await.unwrap();
    let caret = js(c, "const s = getSelection(); return !!s.anchorNode && !!s.anchorNode.parentElement.closest('[data-question=sentiment]')").await;
    drag_select(c, 17, 19, true).await; // "Al" of "Alan", characters
    wait_texts(c, ".span-chip", "two spans", |t| t.len() == 2).await;
    find(c, "body").await.send_keys("1").await.unwrap(); // the required sentiment
    find(c, "body").await.send_keys(&Key::Enter.to_string()).await.unwrap();
    let stored = wait_response(&annotator_api(ctx), &ds, &record_id, "submitted").await;
    let mut spans = stored["values"]["entities"]["value"].as_array().unwrap().clone();
    spans.sort_by_key(|s| s["start"].as_u64());
    assert_eq!(spans, [json!({"start": 4, "end": 12, "label": "PER"}), json!({"start": 17, "end": 19, "label": "PER"})]);
    assert_eq!(caret, json!(true), "the click left a caret in the question, as meant");
}

/// A finger on the span text, then a selection made the way a long press and its handles
/// make one (no mouseup follows): the bar of labels marks it, by words or, asked, characters.
async fn a_touch_selection_is_marked_from_the_bar_of_labels(ctx: &Ctx, c: &Client) {
    use fantoccini::actions::{Actions, InputSource, PointerAction, TouchActions};
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "touch-spans", &keyboard_record, 1).unwrap();
    let record_id = open_dataset(c, ctx, &ds).await;
    let at = js(c, "const t = document.querySelector('.record-pane .span-text'); t.scrollIntoView({block: 'center'}); \
                    const b = t.getBoundingClientRect(); return [b.left + 4, b.top + 4]").await;
    let (x, y) = (at[0].as_f64().unwrap(), at[1].as_f64().unwrap());
    let tap = |x: f64, y: f64| {
        TouchActions::new("finger".into())
            .then(PointerAction::MoveTo { duration: None, x, y })
            .then(PointerAction::Down { button: 0 })
            .then(PointerAction::Up { button: 0 })
    };
    // Characters `from..to` of the text selected, as the handles leave them.
    let select = |from: usize, to: usize| format!(
        "const at = n => {{ for (const p of document.querySelectorAll('.record-pane .span-text [data-start]')) {{ \
           const s = +p.dataset.start, t = p.firstChild; if (t && n >= s && n <= s + t.length) return [t, n - s]; }} }}; \
         const r = document.createRange(); r.setStart(...at({from})); r.setEnd(...at({to})); \
         getSelection().removeAllRanges(); getSelection().addRange(r); return null");
    c.perform_actions(Actions::from(tap(x, y))).await.unwrap();
    c.release_actions().await.unwrap();
    assert!(!exists_now(c, "[data-testid=span-mark-bar]").await, "no bar without a selection");
    // "Ada Lovelace met…": from the "o" of "Lovelace" to its "l", taken as the whole word.
    js(c, &select(5, 8)).await;
    find(c, "[data-testid=span-mark-bar] button[data-label=LOC]").await.click().await.unwrap();
    wait_texts(c, ".span-chip", "the word marked", |t| t.len() == 1 && t[0].contains("Lovelace")).await;
    assert!(!exists_now(c, "[data-testid=span-mark-bar]").await, "the bar goes once the span is made");
    let said = wait_text(c, "[data-testid=spoken]", "the new span said", |t| t.contains("Lovelace")).await;
    // The "Al" of "Alan", as characters.
    js(c, &select(17, 19)).await;
    let exact = find(c, "[data-testid=span-mark-bar] button[aria-pressed]").await;
    exact.click().await.unwrap();
    assert_eq!(exact.attr("aria-pressed").await.unwrap().as_deref(), Some("true"));
    find(c, "[data-testid=span-mark-bar] button[data-label=PER]").await.click().await.unwrap();
    wait_texts(c, ".span-chip", "two spans", |t| t.len() == 2).await;
    // A selection given up: Cancel takes the bar away and marks nothing.
    js(c, &select(0, 3)).await;
    find(c, "[data-testid=span-mark-bar] button.subtle").await.click().await.unwrap();
    wait_until(c, "the bar gone", "return !document.querySelector('[data-testid=span-mark-bar]')").await;
    find(c, "[data-question=sentiment] .question-title span").await.click().await.unwrap();
    find(c, "body").await.send_keys("1").await.unwrap();
    find(c, "body").await.send_keys(&Key::Enter.to_string()).await.unwrap();
    let stored = wait_response(&annotator_api(ctx), &ds, &record_id, "submitted").await;
    let mut spans = stored["values"]["entities"]["value"].as_array().unwrap().clone();
    spans.sort_by_key(|s| s["start"].as_u64());
    assert_eq!(spans, [json!({"start": 4, "end": 12, "label": "LOC"}), json!({"start": 17, "end": 19, "label": "PER"})]);
    assert!(said.contains("Lovelace") && said.contains("LOC"), "the new span is said: {said}");
}

/// The text was shortened after the suggestions were made: the span past its end is
/// not taken (the server would refuse the whole answer), the one inside it is.
async fn a_suggested_span_the_text_no_longer_holds_is_not_taken_and_the_record_submits(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let suggested = |i: usize, ids: &std::collections::HashMap<String, String>| {
        json!({
            "external_id": format!("shortened-{i}"),
            "fields": {"text": "Ada Lovelace met Alan Turing in London.", "context": "c"},
            "suggestions": [{"question_id": ids["entities"], "value": [{"start": 0, "end": 3, "label": "PER"}, {"start": 32, "end": 38, "label": "LOC"}]}],
        })
    };
    // One record: the search engine may list a record edited since after the others.
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "span-past-the-text", &suggested, 1).unwrap();
    let record_id = open_dataset(c, ctx, &ds).await;
    owner.patch(&format!("/records/{record_id}"), json!({"fields": {"text": "Ada met Alan.", "context": "c"}})).unwrap();
    c.refresh().await.unwrap();
    assert_eq!(current_record(c).await, record_id);
    let chips = wait_texts(c, ".span-chip", "the span inside the text", |t| t.len() == 1).await;
    assert!(chips[0].contains("Ada"), "{chips:?}");
    find(c, "body").await.send_keys("1").await.unwrap(); // sentiment: positive
    find(c, "form.questions button[type=submit]").await.click().await.unwrap();
    let stored = wait_response(&annotator_api(ctx), &ds, &record_id, "submitted").await;
    assert_eq!(stored["values"]["entities"]["value"], json!([{"start": 0, "end": 3, "label": "PER"}]), "{stored}");
}

async fn required_question_blocks_submit_with_a_message(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "required-check", &keyboard_record, 2).unwrap();
    let record_id = open_dataset(c, ctx, &ds).await;
    find(c, "form.questions button[type=submit]").await.click().await.unwrap();
    wait_text(c, "[data-testid=notice]", "the required message", |t| t.contains("required")).await;
    find(c, "[data-question=sentiment].has-error .question-error").await;
    let group = js(c, "const g = document.querySelector('[data-question=sentiment] [role=radiogroup]'); return [g.getAttribute('aria-required'), g.getAttribute('aria-invalid')]").await;
    assert_eq!(group, json!(["true", "true"]), "the options say they are required and missing");
    assert_eq!(focused_question(c).await.as_deref(), Some("sentiment"), "the missing question gets the focus");
    assert_eq!(current_record(c).await, record_id, "still on the same record");
    assert!(stored_response(&annotator_api(ctx), &ds, &record_id).is_none(), "nothing was sent");
}

async fn the_records_metadata_shows_what_annotators_may_see(ctx: &Ctx, c: &Client) {
    let shown = open_dataset(c, ctx, &ctx.demo.dataset_id).await;
    find(c, "[data-testid=record-metadata] summary").await.click().await.unwrap();
    let names = wait_texts(c, "[data-testid=record-metadata] dt", "the metadata's names", |t| !t.is_empty()).await;
    assert_eq!(names, ["Source", "Length", "Score"], "titles, and not the property hidden from annotators");
    let values = wait_texts(c, "[data-testid=record-metadata] dd", "the metadata's values", |t| t.len() == 3).await;
    let found = ctx.main.owner_api().post(
        &format!("/me/datasets/{}/records/search?limit=1", ctx.demo.dataset_id),
        json!({"query": {}, "filters": {"and": [{"type": "terms", "scope": {"entity": "record", "property": "id"}, "values": [shown]}]}}),
    ).unwrap();
    let record = &found["items"][0]["record"];
    let metadata = &record["metadata"];
    assert_eq!(values, [metadata["source"].as_str().unwrap().to_owned(), metadata["length"].to_string(), metadata["score"].to_string()], "{record}");
    // Still open on the next record.
    find(c, ".record-nav > button:nth-of-type(2)").await.click().await.unwrap();
    wait_other_record(c, &shown).await;
    assert!(exists_now(c, "[data-testid=record-metadata][open]").await, "open as left");
}

/// A dataset that allows extra metadata (the SDK's default): keys without a property show
/// under their own name, to whomever the server gives them (owners; not annotators).
async fn metadata_without_a_property_shows_under_its_name_to_whom_the_server_gives_it(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = harness::seed::create_simple_dataset(&owner, &ctx.demo.main_workspace_id, "extra-metadata", false).unwrap();
    owner.post(&format!("/datasets/{ds}/metadata-properties"), json!({"name": "lang", "title": "Language", "settings": {"type": "terms", "values": ["en", "de"]}})).unwrap();
    owner.put(&format!("/datasets/{ds}/publish"), json!({})).unwrap();
    owner.post(&format!("/datasets/{ds}/records/bulk"), json!({"items": [{"fields": {"text": "x"}, "metadata": {"lang": "en", "source": "web"}}]})).unwrap();
    let names = |api: &Api| -> Vec<String> {
        let found = api.post(&format!("/me/datasets/{ds}/records/search?limit=1"), json!({"query": {}})).unwrap();
        let metadata = found["items"][0]["record"]["metadata"].as_object().cloned().unwrap_or_default();
        metadata.keys().map(|k| if k == "lang" { "Language".to_owned() } else { k.clone() }).collect()
    };
    for (user, api) in [(OWNER, owner.clone()), (ANNOTATOR, annotator_api(ctx))] {
        sign_in(c, &ctx.main.url(), user.0, user.1).await;
        c.goto(&format!("{}/dataset/{ds}/annotation-mode", ctx.main.url())).await.unwrap();
        current_record(c).await;
        find(c, "[data-testid=record-metadata] summary").await.click().await.unwrap();
        let shown = wait_texts(c, "[data-testid=record-metadata] dt", "the metadata's names", |t| !t.is_empty()).await;
        assert_eq!(shown, names(&api), "{}: what the server gives this user, each once", user.0);
        if user.0 == OWNER.0 {
            assert_eq!(shown, ["Language", "source"], "the owner sees the extra key");
        }
        sign_out(c).await;
    }
}

/// A form whose named controls shadow its own tagName and removeChild (DOM
/// clobbering), with a frame that would run script in the app's origin.
const CLOBBERED: &str = "<form><iframe srcdoc=\"&lt;script&gt;parent.document.body.dataset.pwned='clobber'&lt;/script&gt;\"></iframe><select name=\"tagName\"></select><input name=\"removeChild\"></form><form name=\"body\"><iframe srcdoc=\"&lt;script&gt;parent.document.body.dataset.pwned='body'&lt;/script&gt;\"></iframe><input name=\"removeChild\"></form>";

/// A 1×1 PNG as the SDK's `image_to_html` writes it into a markdown field.
const PIXEL: &str = "<img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==\" alt=\"pixel\">";

/// What the SDK's `pdf_to_html` writes for a PDF carried in the record, and an <embed> aimed at a script.
const PDFS: &str = "<object id=\"pdf\" data=\"data:application/pdf;base64,JVBERi0xLjQKJcOkw7zDtsOfCjEgMCBvYmoKPDwvVHlwZS9DYXRhbG9nPj4KZW5kb2JqCnRyYWlsZXIKPDwvUm9vdCAxIDAgUj4+CiUlRU9GCg==\" type=\"application/pdf\" width=\"1000px\" height=\"1000px\"></object>\
<embed src=\"javascript:document.body.dataset.pwned='embed'\" type=\"application/pdf\">";

async fn hostile_record_executes_nothing(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ws = &ctx.demo.main_workspace_id;
    let ds = owner.post("/datasets", json!({"name": "hostile", "workspace_id": ws})).unwrap()["id"].as_str().unwrap().to_owned();
    let p = |x: &str| format!("/datasets/{ds}/{x}");
    owner.post(&p("fields"), json!({"name": "text", "title": "Text", "settings": {"type": "text"}})).unwrap();
    owner.post(&p("fields"), json!({"name": "md", "title": "Markdown", "settings": {"type": "text", "use_markdown": true}})).unwrap();
    owner.post(&p("fields"), json!({"name": "chat", "title": "Chat", "settings": {"type": "chat", "use_markdown": true}})).unwrap();
    owner.post(&p("fields"), json!({"name": "custom", "title": "Custom", "settings": {"type": "custom",
        "template": "<p id=c>{{record.fields.text}}</p><script>try{parent.document.body.dataset.pwned='custom'}catch(e){}try{localStorage.setItem('x','1');parent.document.body.dataset.storage='1'}catch(e){}</script>"}})).unwrap();
    owner.post(&p("questions"), json!({"name": "ok", "title": "OK?", "required": true, "settings": {"type": "label_selection", "options": [{"value": "yes", "text": "yes"}, {"value": "no", "text": "no"}]}})).unwrap();
    owner.put(&format!("/datasets/{ds}/publish"), json!({})).unwrap();
    let evil = "<script>document.body.dataset.pwned='script'</script><img src=x onerror=\"document.body.dataset.pwned='img'\"><a href=\"javascript:document.body.dataset.pwned='link'\">click</a>";
    owner.post(&p("records/bulk"), json!({"items": [{"fields": {
        "text": evil,
        "md": format!("{evil}\n\n[click me](javascript:document.body.dataset.pwned='mdlink') <b onmouseover=\"document.body.dataset.pwned='b'\">b</b>\n\n{PIXEL}\n\n{PDFS}"),
        "chat": [{"role": "user", "content": evil}, {"role": "assistant", "content": "[x](javascript:document.body.dataset.pwned='chat')"}, {"role": "user", "content": CLOBBERED}],
        "custom": {"note": evil}
    }}]})).unwrap();

    open_dataset(c, ctx, &ds).await;
    let text = wait_text(c, "[data-field=text] .field-text", "the raw text", |t| t.contains("<script>")).await;
    assert!(text.contains("<img src=x onerror="), "plain text is shown as text: {text}");
    // HTML in markdown is markup (the SDK's helpers put images there), cut down to what cannot run.
    find(c, "[data-field=md] .markdown img[src^='data:image/png'][referrerpolicy=no-referrer]").await;
    find(c, "[data-field=md] .markdown b").await;
    // The SDK's pdf_to_html: a PDF carried in the record opens from a link, always as a PDF;
    // an <embed> pointing at a script is dropped.
    let pdfs = js(c, "return [...document.querySelectorAll('[data-field=md] .markdown a.pdf-link')].map(a => [a.href.slice(0, 5), a.target, a.textContent])").await;
    assert_eq!(pdfs, json!([["blob:", "_blank", "Open the PDF in a new tab"]]));
    assert!(!exists_now(c, ".record-pane object, .record-pane embed").await, "no plugin element is left");
    find(c, ".chat-message").await;
    let iframe = find(c, "iframe.field-custom").await;
    assert_eq!(iframe.attr("sandbox").await.unwrap().as_deref(), Some("allow-scripts"), "no allow-same-origin");
    // As tall as its content said (a short one: the least height).
    wait_until(c, "the custom field sized to its content", "return document.querySelector('iframe.field-custom').style.getPropertyValue('--content-height') === '120px'").await;
    // Click every link in the record; none may run script.
    let links = c.find_all(fantoccini::Locator::Css(".record-pane a")).await.unwrap();
    for link in links {
        let _ = link.click().await;
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let pwned = js(c, "return [document.body.dataset.pwned || null, document.body.dataset.storage || null, document.querySelectorAll('.record-pane img[src=x], .record-pane script, .record-pane [onerror], .record-pane [onmouseover], .record-pane .markdown iframe, .record-pane form').length, document.querySelectorAll('.record-pane a[href^=javascript]').length]").await;
    assert_eq!(pwned, json!([null, null, 0, 0]), "nothing from the record ran or became markup");
}

/// One record this app cannot read (a custom field nested past serde_json's limit) is
/// named and skipped, not the end of the queue; a record without the text a span question
/// marks is still answered (the server refuses any span value for it).
async fn a_record_nested_too_deep_to_read_is_skipped_and_the_span_question_on_a_missing_field_does_not_block_the_rest(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ws = &ctx.demo.main_workspace_id;
    let ds = owner.post("/datasets", json!({"name": "deep-and-missing", "workspace_id": ws})).unwrap()["id"].as_str().unwrap().to_owned();
    let p = |x: &str| format!("/datasets/{ds}/{x}");
    owner.post(&p("fields"), json!({"name": "title", "title": "Title", "settings": {"type": "text"}})).unwrap();
    owner.post(&p("fields"), json!({"name": "body", "title": "Body", "required": false, "settings": {"type": "text"}})).unwrap();
    owner.post(&p("fields"), json!({"name": "extra", "title": "Extra", "required": false, "settings": {"type": "custom", "template": "<p>{{record.fields.title}}</p>"}})).unwrap();
    owner.post(&p("questions"), json!({"name": "ok", "title": "OK?", "required": true, "settings": {"type": "label_selection", "options": [{"value": "yes", "text": "yes"}, {"value": "no", "text": "no"}]}})).unwrap();
    owner.post(&p("questions"), json!({"name": "marks", "title": "Marks", "required": false, "settings": {"type": "span", "field": "body", "options": [{"value": "X", "text": "X"}]}})).unwrap();
    owner.put(&format!("/datasets/{ds}/publish"), json!({})).unwrap();
    let mut deep = json!(1);
    for _ in 0..140 {
        deep = json!({"d": deep});
    }
    owner.post(&p("records/bulk"), json!({"items": [
        {"external_id": "first", "fields": {"title": "First", "body": "Some body text"}},
        {"external_id": "deep", "fields": {"title": "Deep", "body": "x", "extra": deep}},
        {"external_id": "no-body", "fields": {"title": "No body"}},
    ]})).unwrap();
    let api = annotator_api(ctx);
    let first = open_dataset(c, ctx, &ds).await;
    let told = wait_text(c, "[data-testid=notice]", "the unreadable record named", |t| t.contains("could not be read")).await;
    assert!(told.starts_with("1 record"), "{told}");
    let title = || async { find(c, "[data-field=title] .field-text").await.text().await.unwrap() };
    let mut shown = vec![(first.clone(), title().await)];
    keys(c, "1").await;
    keys(c, &Key::Enter.to_string()).await;
    let second = wait_other_record(c, &first).await;
    wait_text(c, "[data-field=title] .field-text", "the next record's title", |t| t != shown[0].1).await;
    shown.push((second, title().await));
    keys(c, "1").await;
    keys(c, &Key::Enter.to_string()).await;
    let mut titles: Vec<&str> = shown.iter().map(|(_, t)| t.as_str()).collect();
    titles.sort();
    assert_eq!(titles, ["First", "No body"], "the deep record is skipped, the others shown");
    for (id, title) in &shown {
        let stored = wait_response(&api, &ds, id, "submitted").await;
        let expected = if title == "First" { json!({"ok": {"value": "yes"}, "marks": {"value": []}}) } else { json!({"ok": {"value": "yes"}}) };
        assert_eq!(stored["values"], expected, "{title}: no span value for a record without the text");
    }
}

/// In the Submitted queue a changed answer goes (the record stays on screen); once the
/// server has it, the record shown again shows the new answer, not the one it was loaded with.
async fn a_record_answered_again_shows_the_new_answer_when_shown_again(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "answered-again", &keyboard_record, 3).unwrap();
    let api = annotator_api(ctx);
    for item in api.post(&format!("/me/datasets/{ds}/records/search?limit=10"), json!({"query": {}})).unwrap()["items"].as_array().unwrap() {
        let id = item["record"]["id"].as_str().unwrap();
        api.post(&format!("/records/{id}/responses"), json!({"status": "submitted", "values": {"sentiment": {"value": "positive"}}})).unwrap();
    }
    sign_in(c, &ctx.main.url(), ANNOTATOR.0, ANNOTATOR.1).await;
    c.goto(&format!("{}/dataset/{ds}/annotation-mode?status=submitted", ctx.main.url())).await.unwrap();
    let first = current_record(c).await;
    wait_texts(c, "[data-question=sentiment] .option.selected", "the stored answer", |t| t.len() == 1 && t[0].contains("positive")).await;
    keys(c, "2").await;
    keys(c, &Key::Enter.to_string()).await;
    let stored = wait_response_where(&api, &ds, &first, "the negative answer", |r| r["values"]["sentiment"]["value"] == "negative").await;
    assert_eq!(stored["status"], "submitted");
    wait_until(c, "the answer confirmed", "return document.querySelector('[data-testid=saving-count]')?.textContent === ''").await;
    keys(c, &Key::Right.to_string()).await;
    wait_other_record(c, &first).await;
    keys(c, &Key::Left.to_string()).await;
    wait_until(c, "back on the first", &format!("return document.querySelector('.record-pane')?.dataset.recordId === '{first}'")).await;
    wait_texts(c, "[data-question=sentiment] .option.selected", "the new answer", |t| t.len() == 1 && t[0].contains("negative")).await;
}

async fn selected_sentiment(c: &Client) -> Vec<String> {
    texts(c, "[data-question=sentiment] .option.selected").await
}

/// Two span questions over a long and a short field: the keyboard cursor left on
/// the tenth word of the first must not reach into the second (it stopped the app).
async fn delete_in_a_span_question_after_the_cursor_went_far_in_another_keeps_the_app_working(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = create_simple_dataset(&owner, &ctx.demo.main_workspace_id, "two-span-questions", false).unwrap();
    let path = |p: &str| format!("/datasets/{ds}/{p}");
    owner.post(&path("fields"), json!({"name": "title", "title": "Title", "settings": {"type": "text"}})).unwrap();
    let span = |name: &str, field: &str| {
        json!({"name": name, "title": name, "required": false,
               "settings": {"type": "span", "field": field, "options": [{"value": "PER", "text": "Person"}, {"value": "LOC", "text": "Location"}], "allow_overlapping": false}})
    };
    owner.post(&path("questions"), span("long_spans", "text")).unwrap();
    owner.post(&path("questions"), span("short_spans", "title")).unwrap();
    owner.put(&path("publish"), json!({})).unwrap();
    let text = "one two three four five six seven eight nine ten eleven twelve";
    owner.post(&path("records/bulk"), json!({"items": [{"fields": {"text": text, "title": "Hi there"}}]})).unwrap();

    let record_id = open_dataset(c, ctx, &ds).await;
    find(c, "[data-question=short_spans]").await;
    keys(c, "1").await; // the first question, "ok": yes
    tab_to_question(c, "long_spans").await;
    keys(c, &Key::Right.to_string().repeat(10)).await;
    tab_to_question(c, "short_spans").await;
    keys(c, &Key::Delete.to_string()).await;
    // The app still takes keys: the cursor starts again at the short field's first word.
    keys(c, &Key::Right.to_string().repeat(2)).await;
    keys(c, "2").await; // LOC on "there"
    let chips = wait_texts(c, "[data-question=short_spans] .span-chip-label", "the span on 'there'", |t| t.len() == 1).await;
    assert_eq!(chips, ["Location"], "the chip names the option by its text");
    let superscript = js(c, "const m = document.querySelector('[data-field=title] .span-mark'); return m && getComputedStyle(m, '::after').content").await;
    assert_eq!(superscript, json!("\"Location\""), "so does the highlight's superscript");
    assert!(!exists_now(c, "#app-stopped").await, "the app did not stop");
    keys(c, &Key::Enter.to_string()).await;
    let stored = wait_response(&annotator_api(ctx), &ds, &record_id, "submitted").await;
    assert_eq!(stored["values"]["short_spans"]["value"], json!([{"start": 3, "end": 8, "label": "LOC"}]));
}

async fn undo_redo_of_edits_including_spans_and_unsaved_edits_survive_reload(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "undo-check", &keyboard_record, 2).unwrap();
    open_dataset(c, ctx, &ds).await;
    find(c, "[data-question=sentiment]").await;
    find(c, "body").await.send_keys("2").await.unwrap();
    wait_texts(c, "[data-question=sentiment] .option.selected", "negative", |t| t.len() == 1 && t[0].contains("negative")).await;
    tab_to_question(c, "entities").await;
    keys(c, &Key::Right.to_string()).await;
    keys(c, "1").await;
    wait_texts(c, ".span-chip", "one span", |t| t.len() == 1).await;
    let undo = format!("{}z", Key::Control);
    let redo = format!("{}{}z", Key::Control, Key::Shift);
    keys(c, &undo).await;
    wait_texts(c, ".span-chip", "the span undone", |t| t.is_empty()).await;
    keys(c, &undo).await;
    wait_texts(c, "[data-question=sentiment] .option.selected", "the label undone", |t| t.is_empty()).await;
    // Said, like every change made by a key.
    wait_text(c, "[data-testid=spoken]", "the undo said", |t| t == "Undone: What is the sentiment?: no answer").await;
    keys(c, &redo).await;
    wait_texts(c, "[data-question=sentiment] .option.selected", "the label redone", |t| t.len() == 1).await;
    wait_text(c, "[data-testid=spoken]", "the redo said", |t| t == "Redone: What is the sentiment?: negative").await;
    keys(c, &redo).await;
    wait_texts(c, ".span-chip", "the span redone", |t| t.len() == 1).await;
    // Nothing was saved, yet a reload brings the edits back, marked as unsaved.
    c.refresh().await.unwrap();
    find(c, "[data-testid=unsaved]").await;
    assert!(selected_sentiment(c).await[0].contains("negative"));
    wait_texts(c, ".span-chip", "the kept span", |t| t.len() == 1).await;
}

async fn a_one_megabyte_text_field_renders(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let big = "All work and no play makes a long record. ".repeat(25_000);
    assert!(big.len() >= 1_000_000);
    let make = |i: usize, _ids: &std::collections::HashMap<String, String>| {
        json!({"external_id": format!("big-{i}"), "fields": {"text": format!("{i} {big}"), "context": "big"}})
    };
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "one-megabyte", &make, 2).unwrap();
    open_dataset(c, ctx, &ds).await;
    let length = wait_for_js_number(c, "const f = document.querySelector('[data-field=text] .field-text'); return f ? f.textContent.length : 0", |n| n >= 1_000_000).await;
    assert_eq!(length as usize, big.len() + 2, "the whole text, nothing more");
    // Drawn in blocks the browser lays out only near the screen.
    let blocks = js(c, "return document.querySelectorAll('[data-field=text] .field-text > .text-block').length").await.as_u64().unwrap();
    assert!(blocks > 100, "{blocks} blocks");
    find(c, "body").await.send_keys("1").await.unwrap();
    wait_texts(c, "[data-question=sentiment] .option.selected", "a label picked on the big record", |t| t.len() == 1).await;
}

/// A long text is drawn in blocks; moving the span cursor and labelling a word redraws the
/// block it is in, not the whole text (which took every key over megabytes).
async fn span_keys_in_a_long_text_redraw_only_the_blocks_they_change(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = create_simple_dataset(&owner, &ctx.demo.main_workspace_id, "long-span-text", false).unwrap();
    let path = |p: &str| format!("/datasets/{ds}/{p}");
    owner
        .post(&path("questions"), json!({"name": "entities", "title": "Entities", "required": false,
            "settings": {"type": "span", "field": "text", "options": [{"value": "PER", "text": "Person"}, {"value": "LOC", "text": "Location"}], "allow_overlapping": false}}))
        .unwrap();
    owner.put(&path("publish"), json!({})).unwrap();
    let text: String = (0..12_000).map(|i| format!("word{i} ")).collect();
    owner.post(&path("records/bulk"), json!({"items": [{"fields": {"text": text}}]})).unwrap();

    let record_id = open_dataset(c, ctx, &ds).await;
    keys(c, "1").await; // the first question, "ok": yes
    tab_to_question(c, "entities").await;
    keys(c, &Key::Right.to_string()).await;
    find(c, "[data-field=text] .span-cursor").await;
    let blocks = js(c, "return document.querySelectorAll('[data-field=text] .text-block').length").await.as_u64().unwrap();
    assert!(blocks > 3, "{blocks} blocks");
    // A piece of the last block, and the first block's piece after the cursor.
    js(c, "const b = document.querySelectorAll('[data-field=text] .text-block');
        window.farPiece = b[b.length - 1].firstElementChild; return 0").await;
    keys(c, &Key::Right.to_string().repeat(2)).await;
    wait_text(c, "[data-field=text] .span-cursor", "the cursor on the third word", |t| t == "word2").await;
    keys(c, "1").await; // Person
    wait_texts(c, "[data-question=entities] .span-chip", "the span", |t| t.len() == 1).await;
    assert_eq!(texts(c, "[data-field=text] .span-mark").await, ["word2"]);
    let kept = js(c, "return window.farPiece.isConnected").await;
    assert_eq!(kept, json!(true), "the last block was not drawn again");
    keys(c, &Key::Enter.to_string()).await;
    let stored = wait_response(&annotator_api(ctx), &ds, &record_id, "submitted").await;
    assert_eq!(stored["values"]["entities"]["value"], json!([{"start": 12, "end": 17, "label": "PER"}]));
}

async fn wait_for_js_number(c: &Client, script: &str, ok: impl Fn(u64) -> bool) -> u64 {
    let deadline = Instant::now() + WAIT;
    let mut last = 0;
    while Instant::now() < deadline {
        last = js(c, script).await.as_u64().unwrap_or(0);
        if ok(last) {
            return last;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("script never satisfied the check; last {last}");
}

async fn an_empty_queue_says_all_done_with_the_totals(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "one-record", &keyboard_record, 1).unwrap();
    let record_id = open_dataset(c, ctx, &ds).await;
    find(c, "body").await.send_keys(&Key::Backspace.to_string()).await.unwrap();
    wait_text(c, "[data-testid=empty-queue]", "all done", |t| t.contains("All done") && t.contains("1 discarded")).await;
    // The form that had the focus has gone: the focus is on what replaced it, for a screen reader to read.
    crate::browser::wait_until(c, "the focus on the all-done panel", "return document.activeElement === document.querySelector('[data-testid=empty-queue]')").await;
    wait_response(&annotator_api(ctx), &ds, &record_id, "discarded").await;
}

async fn text_search_narrows_the_queue_to_what_the_api_returns_and_survives_reload(ctx: &Ctx, c: &Client) {
    let ds = &ctx.demo.dataset_id;
    let api = annotator_api(ctx);
    let mut body = json!({"query": {"text": {"q": "Nairobi"}}, "filters": {"and": [
        {"type": "terms", "scope": {"entity": "response", "property": "status"}, "values": ["pending"]},
        {"type": "terms", "scope": {"entity": "record", "property": "status"}, "values": ["pending"]}]}});
    let expected = api.post(&format!("/me/datasets/{ds}/records/search?limit=1"), body.clone()).unwrap()["total"].as_u64().unwrap();
    assert!(expected > 0);
    open_dataset(c, ctx, ds).await;
    type_into(c, ".find-text", "Nairobi").await;
    let label = format!("{expected} matching records");
    wait_text(c, "[data-testid=match-count]", "the API's count", |t| t == label).await;
    wait_url(c, "the search in the URL", |u| u.contains("search=Nairobi")).await;
    let text = wait_text(c, "[data-field=text] .field-text", "a matching record", |t| t.contains("Nairobi")).await;
    assert!(text.contains("Nairobi"));
    assert_eq!(find(c, "[data-field=text] .search-match").await.text().await.unwrap(), "Nairobi");

    // One field only: "context" also names the place, so the count is the API's for that field.
    body["query"]["text"]["field"] = json!("context");
    let in_context = api.post(&format!("/me/datasets/{ds}/records/search?limit=1"), body).unwrap()["total"].as_u64().unwrap();
    find(c, ".find-field").await.select_by_value("context").await.unwrap();
    let label = format!("{in_context} matching records");
    wait_text(c, "[data-testid=match-count]", "the count in one field", |t| t == label).await;
    wait_url(c, "the field in the URL", |u| u.contains("search_field=context")).await;

    c.refresh().await.unwrap();
    wait_text(c, "[data-testid=match-count]", "the same count after reload", |t| t == label).await;
    assert_eq!(find(c, ".find-text").await.prop("value").await.unwrap().as_deref(), Some("Nairobi"));
}

/// Answers travel while the next pages load: a record answered here must not
/// come back in the Pending queue, however far behind the server is.
async fn fast_submits_across_pages_never_show_a_record_twice(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "fast-submits", &keyboard_record, 35).unwrap();
    let mut shown = vec![open_dataset(c, ctx, &ds).await];
    for _ in 0..25 {
        find(c, "body").await.send_keys("1").await.unwrap();
        find(c, "body").await.send_keys(&Key::Enter.to_string()).await.unwrap();
        let previous = shown.last().unwrap().clone();
        shown.push(wait_other_record(c, &previous).await);
    }
    let distinct: std::collections::BTreeSet<&String> = shown.iter().collect();
    assert_eq!(distinct.len(), shown.len(), "a record came back: {shown:?}");
    let api = annotator_api(ctx);
    let deadline = Instant::now() + WAIT * 2;
    let mut metrics = Value::Null;
    while Instant::now() < deadline {
        metrics = api.get(&format!("/me/datasets/{ds}/metrics")).unwrap();
        if metrics["responses"]["submitted"] == 25 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!((metrics["responses"]["submitted"].clone(), metrics["responses"]["pending"].clone()), (json!(25), json!(10)), "{metrics}");
}

/// The search requests the page has made, as "offset,limit".
async fn search_requests(c: &Client) -> Vec<String> {
    let found = js(c, "return performance.getEntriesByType('resource').map(e => new URL(e.name)).filter(u => u.pathname.endsWith('/records/search')).map(u => u.searchParams.get('offset') + ',' + u.searchParams.get('limit'))").await;
    found.as_array().into_iter().flatten().filter_map(|v| v.as_str().map(str::to_owned)).collect()
}

async fn a_link_far_into_the_queue_loads_that_page_and_earlier_ones_on_the_way_back(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "far-page", &keyboard_record, 60).unwrap();
    sign_in(c, &ctx.main.url(), ANNOTATOR.0, ANNOTATOR.1).await;
    c.goto(&format!("{}/dataset/{ds}/annotation-mode?status=pending&page=45", ctx.main.url())).await.unwrap();
    wait_text(c, "[data-testid=position]", "record 45 of 60", |t| t.contains("45 of 60")).await;
    let requests = search_requests(c).await;
    assert_eq!(requests, vec!["40,10".to_owned()], "only the page that holds record 45 is loaded");
    // Back to the first loaded record (41), then one more: the page before is fetched.
    for _ in 0..4 {
        find(c, "body").await.send_keys(&Key::Left.to_string()).await.unwrap();
    }
    wait_text(c, "[data-testid=position]", "record 41 of 60", |t| t.contains("41 of 60")).await;
    find(c, "body").await.send_keys(&Key::Left.to_string()).await.unwrap();
    wait_text(c, "[data-testid=position]", "record 40 of 60", |t| t.contains("40 of 60")).await;
    assert!(search_requests(c).await.contains(&"30,10".to_owned()), "the page before was fetched: {:?}", search_requests(c).await);
    wait_url(c, "page=40 in the address", |u| u.contains("page=40")).await;
    // Forward again through what is loaded, and on past the end of the first page fetched.
    for _ in 0..11 {
        find(c, "body").await.send_keys(&Key::Right.to_string()).await.unwrap();
    }
    wait_text(c, "[data-testid=position]", "record 51 of 60", |t| t.contains("51 of 60")).await;
    c.refresh().await.unwrap();
    wait_text(c, "[data-testid=position]", "record 51 of 60 after a reload", |t| t.contains("51 of 60")).await;
}

/// The owner deletes the record on screen; its answer meets a 404: the person is told, and
/// the record is not brought back to be "fixed" and sent again.
async fn an_answer_to_a_record_deleted_meanwhile_is_said_and_the_record_does_not_come_back(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "deleted-meanwhile", &keyboard_record, 3).unwrap();
    let gone = open_dataset(c, ctx, &ds).await;
    owner.delete(&format!("/datasets/{ds}/records?ids={gone}")).unwrap();
    find(c, "body").await.send_keys("1").await.unwrap();
    keys(c, &Key::Enter.to_string()).await;
    wait_text(c, "[data-testid=notice]", "the deletion said", |t| t.contains("was deleted from the dataset")).await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_ne!(current_record(c).await, gone, "the deleted record is not shown again");
    let kept = js(c, &format!("return Object.keys(localStorage).filter(k => k.includes('{gone}'))")).await;
    assert_eq!(kept, json!([]), "nothing of it kept in the browser");
}

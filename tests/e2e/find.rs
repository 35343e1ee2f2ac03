//! Finding records and the bulk view against the real server: every count and
//! order shown is compared with what the API returns for the same request.

use crate::annotation::{annotator_api, keyboard_record, keys, open_dataset, stored_response, wait_other_record, wait_response_where};
use crate::browser::*;
use crate::{Ctx, Test};
use fantoccini::key::Key;
use fantoccini::Client;
use harness::seed::create_dataset;
use harness::Api;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

pub fn tests() -> Vec<Test> {
    vec![
        test!(text_metadata_range_and_suggestion_filters_match_the_api_and_back_forward_restore_them),
        test!(sorting_by_two_keys_follows_the_api_order),
        test!(sorting_by_suggestion_score_follows_the_api_order),
        test!(find_similar_shows_what_the_api_returns_for_the_vector_query),
        test!(bulk_submit_of_thirty_filtered_records_stores_the_same_answer_on_each),
        test!(selecting_more_than_a_hundred_matching_records_asks_in_the_page_first),
        test!(bulk_submit_answers_a_required_span_question_without_rules_with_no_spans),
        test!(a_bulk_item_the_server_refuses_is_reported_and_the_others_are_stored),
        test!(a_bulk_run_stopped_by_the_network_waits_to_be_retried_after_the_view_is_closed_and_opened),
        test!(a_bulk_runs_unsent_answers_are_sent_on_the_next_visit_after_a_reload),
        test!(a_bulk_answer_on_drafts_keeps_the_answers_the_bulk_form_leaves_alone),
        test!(a_bulk_run_that_ends_while_the_focus_view_is_in_use_leaves_the_person_on_their_record),
    ]
}

fn pending(query: Value, extra: Vec<Value>) -> Value {
    let mut filters = vec![
        json!({"type": "terms", "scope": {"entity": "response", "property": "status"}, "values": ["pending"]}),
        json!({"type": "terms", "scope": {"entity": "record", "property": "status"}, "values": ["pending"]}),
    ];
    filters.extend(extra);
    json!({"query": query, "filters": {"and": filters}})
}

fn search(api: &Api, ds: &str, body: &Value, limit: usize) -> Value {
    api.post(&format!("/me/datasets/{ds}/records/search?limit={limit}"), body.clone()).expect("search")
}

fn ids(found: &Value) -> Vec<String> {
    found["items"].as_array().unwrap().iter().map(|i| i["record"]["id"].as_str().unwrap().to_owned()).collect()
}

async fn wait_count(c: &Client, expected: u64, what: &str) {
    let label = format!("{expected} matching records");
    wait_text(c, "[data-testid=match-count]", what, |t| t == label).await;
}

/// Opens the editor of the filter on `scope` from the "+ Filter…" menu.
pub(crate) async fn open_filter(c: &Client, scope: &str) {
    let option = find(c, &format!(".add-filter option[data-scope='{scope}']")).await;
    let value = option.attr("value").await.unwrap().expect("option value");
    find(c, ".add-filter").await.select_by_value(&value).await.unwrap();
    find(c, ".filter-editor").await;
}

async fn chips(c: &Client) -> Vec<String> {
    js(c, "return [...document.querySelectorAll('.chips [data-chip]')].map(e => e.dataset.chip)")
        .await
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

async fn wait_chips(c: &Client, expected: &[&str]) {
    let deadline = Instant::now() + WAIT;
    let mut last = vec![];
    while Instant::now() < deadline {
        last = chips(c).await;
        if last == expected {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("chips never became {expected:?}; last {last:?}");
}

/// Waits until the shown record is the one `expected` accepts (the new order has arrived).
async fn wait_first(c: &Client, expected: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + WAIT;
    loop {
        let id = current_record(c).await;
        if expected(&id) || Instant::now() > deadline {
            return id;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The shown record and the next ones, `n` in all, moving on by keyboard.
async fn walk(c: &Client, first: String, n: usize) -> Vec<String> {
    js(c, "document.activeElement && document.activeElement.blur()").await;
    let mut shown = vec![first];
    while shown.len() < n {
        find(c, "body").await.send_keys(&Key::Right.to_string()).await.unwrap();
        let previous = shown.last().unwrap().clone();
        shown.push(wait_other_record(c, &previous).await);
    }
    shown
}

async fn text_metadata_range_and_suggestion_filters_match_the_api_and_back_forward_restore_them(ctx: &Ctx, c: &Client) {
    let ds = &ctx.demo.dataset_id;
    let api = annotator_api(ctx);
    let text = json!({"text": {"q": "Nairobi"}});
    let by_text = search(&api, ds, &pending(text.clone(), vec![]), 200);
    let text_total = by_text["total"].as_u64().unwrap();
    let mut lengths: Vec<u64> =
        by_text["items"].as_array().unwrap().iter().map(|i| i["record"]["metadata"]["length"].as_u64().unwrap()).collect();
    lengths.sort();
    assert!(lengths.len() >= 3, "the demo data has several records naming Nairobi");
    // From the second-smallest length up: leaves out at least the shortest record (two may share a length).
    let ge = *lengths.iter().find(|&&l| l > lengths[0]).expect("records naming Nairobi of different lengths");
    let le = lengths[lengths.len() - 1];
    let range = json!({"type": "range", "scope": {"entity": "metadata", "metadata_property": "length"}, "ge": ge, "le": le});
    let range_total = search(&api, ds, &pending(text.clone(), vec![range.clone()]), 1)["total"].as_u64().unwrap();
    let positive = json!({"type": "terms", "scope": {"entity": "suggestion", "question": "sentiment", "property": "value"}, "values": ["positive"]});
    let all_three = search(&api, ds, &pending(text.clone(), vec![range.clone(), positive]), 200);
    let all_total = all_three["total"].as_u64().unwrap();
    assert!(range_total < text_total && all_total < range_total && all_total > 0, "{text_total} > {range_total} > {all_total} > 0");

    open_dataset(c, ctx, ds).await;
    type_into(c, ".find-text", "Nairobi").await;
    wait_count(c, text_total, "the API's count for the text").await;

    open_filter(c, "metadata.length").await;
    type_into(c, ".range-min", &ge.to_string()).await;
    type_into(c, ".range-max", &le.to_string()).await;
    find(c, "[data-action=apply-range]").await.click().await.unwrap();
    wait_count(c, range_total, "the API's count with the length range").await;

    open_filter(c, "suggestion.sentiment.value").await;
    js(c, "window.picked = document.querySelector('.filter-editor input[data-value=positive]'); return null").await;
    find(c, ".filter-editor input[data-value=positive]").await.click().await.unwrap();
    wait_count(c, all_total, "the API's count with all three").await;
    // The box ticked is the same element, not one drawn again (which would drop the focus).
    assert_eq!(js(c, "return window.picked.isConnected && window.picked.checked").await, json!(true), "the ticked box was redrawn");
    wait_chips(c, &["search", "metadata.length", "suggestion.sentiment.value"]).await;
    let shown = current_record(c).await;
    assert!(ids(&all_three).contains(&shown), "the shown record {shown} is one the API returns");
    let url = wait_url(c, "the filters in the URL", |u| u.contains("filter=")).await;
    assert!(url.contains("search=Nairobi"), "{url}");

    c.back().await.unwrap();
    wait_count(c, range_total, "the range-only count after Back").await;
    wait_chips(c, &["search", "metadata.length"]).await;
    c.back().await.unwrap();
    wait_count(c, text_total, "the text-only count after Back again").await;
    c.forward().await.unwrap();
    c.forward().await.unwrap();
    wait_count(c, all_total, "all three again after Forward").await;
    wait_chips(c, &["search", "metadata.length", "suggestion.sentiment.value"]).await;

    c.refresh().await.unwrap();
    wait_count(c, all_total, "the same count after reload").await;
    find(c, "[data-action=clear-all]").await.click().await.unwrap();
    wait_chips(c, &[]).await;
    let everything = search(&api, ds, &pending(json!({}), vec![]), 1)["total"].as_u64().unwrap();
    wait_text(c, "[data-testid=match-count]", "the whole queue", |t| t == format!("{everything} records")).await;
}

/// (source, length) of each record, through the API.
fn source_and_length(api: &Api, ds: &str, record_ids: &[String]) -> Vec<(String, u64)> {
    let body = json!({"query": {}, "filters": {"and": [{"type": "terms", "scope": {"entity": "record", "property": "id"}, "values": record_ids}]}});
    let found = search(api, ds, &body, record_ids.len());
    record_ids
        .iter()
        .map(|id| {
            let item = found["items"].as_array().unwrap().iter().find(|i| i["record"]["id"] == id.as_str()).expect("record");
            let m = &item["record"]["metadata"];
            (m["source"].as_str().unwrap().to_owned(), m["length"].as_u64().unwrap())
        })
        .collect()
}

async fn sorting_by_two_keys_follows_the_api_order(ctx: &Ctx, c: &Client) {
    let ds = &ctx.demo.dataset_id;
    let api = annotator_api(ctx);
    let mut body = pending(json!({}), vec![]);
    body["sort"] = json!([
        {"scope": {"entity": "metadata", "metadata_property": "source"}, "order": "asc"},
        {"scope": {"entity": "metadata", "metadata_property": "length"}, "order": "desc"}]);
    let expected = source_and_length(&api, ds, &ids(&search(&api, ds, &body, 5)));

    open_dataset(c, ctx, ds).await;
    find(c, ".find-row .button").await.click().await.unwrap();
    find(c, ".add-sort").await.select_by_value("metadata.source").await.unwrap();
    wait_texts(c, ".sort-key", "one sort key", |k| k.len() == 1).await;
    find(c, ".add-sort").await.select_by_value("metadata.length").await.unwrap();
    wait_texts(c, ".sort-key", "two sort keys", |k| k.len() == 2).await;
    js(c, "window.order = document.querySelectorAll('.sort-order')[1]; return null").await;
    let orders = c.find_all(fantoccini::Locator::Css(".sort-order")).await.unwrap();
    orders[1].clone().select_by_value("desc").await.unwrap();
    wait_url(c, "both keys in the URL", |u| u.contains("metadata.source%3Aasc%2Cmetadata.length%3Adesc") || u.contains("metadata.source:asc,metadata.length:desc")).await;
    assert_eq!(js(c, "return window.order.isConnected && window.order.value").await, json!("desc"), "the order changed was redrawn");

    // The first record of the sorted queue, then the next four.
    let first = wait_first(c, |id| source_and_length(&api, ds, &[id.to_owned()])[0] == expected[0]).await;
    let shown = walk(c, first, expected.len()).await;
    assert_eq!(source_and_length(&api, ds, &shown), expected, "the page shows the API's order");
}

/// The sentiment suggestion's score of each record, through the API.
fn sentiment_scores(api: &Api, ds: &str, record_ids: &[String]) -> Vec<Option<f64>> {
    let body = json!({"query": {}, "filters": {"and": [{"type": "terms", "scope": {"entity": "record", "property": "id"}, "values": record_ids}]}});
    let found = api.post(&format!("/me/datasets/{ds}/records/search?include=suggestions&limit={}", record_ids.len()), body).unwrap();
    let sentiment = api.get(&format!("/datasets/{ds}/questions")).unwrap()["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["name"] == "sentiment")
        .unwrap()["id"]
        .clone();
    record_ids
        .iter()
        .map(|id| {
            let item = found["items"].as_array().unwrap().iter().find(|i| i["record"]["id"] == id.as_str()).expect("record");
            item["record"]["suggestions"].as_array().unwrap().iter().find(|s| s["question_id"] == sentiment).and_then(|s| s["score"].as_f64())
        })
        .collect()
}

async fn sorting_by_suggestion_score_follows_the_api_order(ctx: &Ctx, c: &Client) {
    let ds = &ctx.demo.dataset_id;
    let api = annotator_api(ctx);
    let mut body = pending(json!({}), vec![]);
    body["sort"] = json!([{"scope": {"entity": "suggestion", "question": "sentiment", "property": "score"}, "order": "desc"}]);
    let expected = sentiment_scores(&api, ds, &ids(&search(&api, ds, &body, 4)));
    assert!(expected[0].is_some(), "records with suggestions come first: {expected:?}");

    open_dataset(c, ctx, ds).await;
    find(c, ".find-row .button").await.click().await.unwrap();
    find(c, ".add-sort").await.select_by_value("suggestion.sentiment.score").await.unwrap();
    find(c, ".sort-order").await.select_by_value("desc").await.unwrap();
    wait_url(c, "the sort in the URL", |u| u.contains("suggestion.sentiment.score%3Adesc") || u.contains("suggestion.sentiment.score:desc")).await;
    let first = wait_first(c, |id| sentiment_scores(&api, ds, &[id.to_owned()])[0] == expected[0]).await;
    let shown = walk(c, first, expected.len()).await;
    assert_eq!(sentiment_scores(&api, ds, &shown), expected, "highest suggestion score first, as the API sorts");
}

async fn find_similar_shows_what_the_api_returns_for_the_vector_query(ctx: &Ctx, c: &Client) {
    let ds = &ctx.demo.dataset_id;
    let api = annotator_api(ctx);
    let reference = open_dataset(c, ctx, ds).await;
    let vector = json!({"vector": {"name": "embedding", "record_id": reference, "order": "most_similar"}});
    let found = search(&api, ds, &pending(vector, vec![]), 10);
    let expected = ids(&found);
    assert_eq!(expected.len(), 10);
    assert!(!expected.contains(&reference), "the reference itself is not a result");
    let first_score = found["items"][0]["query_score"].as_f64().unwrap();

    find(c, "[data-action=find-similar]").await.click().await.unwrap();
    find(c, ".similar-count").await.select_by_value("10").await.unwrap();
    find(c, "[data-action=run-similar]").await.click().await.unwrap();
    let pinned = find(c, &format!("[data-testid=similar-reference][data-record-id='{reference}']")).await;
    assert!(!pinned.text().await.unwrap().trim().is_empty(), "the reference record's text is shown");
    wait_url(c, "the similarity in the URL", |u| u.contains(&format!("similar_to={reference}"))).await;
    wait_text(c, "[data-testid=match-count]", "ten results", |t| t == "10 matching records").await;
    let score = format!("similarity {first_score:.3}");
    wait_text(c, "[data-testid=similarity]", "the first result's score", |t| t == score).await;

    let first = current_record(c).await;
    let shown = walk(c, first, expected.len()).await;
    assert_eq!(shown, expected, "the records and their order are the API's");
    // Back to all records: the pinned reference goes, and the focus does not fall to the page.
    find(c, "[data-testid=similar-reference] .link-button").await.click().await.unwrap();
    wait_until(c, "the reference gone", "return !document.querySelector('[data-testid=similar-reference]')").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let focused = js(c, "const a = document.activeElement; return a && a !== document.body ? (a.dataset.action || a.dataset.question || a.tagName) : null").await;
    assert!(!focused.is_null(), "the focus fell to the page");

    // A record without a vector says so instead of failing.
    let owner = ctx.main.owner_api();
    let plain = create_dataset(&owner, &ctx.demo.main_workspace_id, "no-vectors", &keyboard_record, 2).unwrap();
    c.goto(&format!("{}/dataset/{plain}/annotation-mode", ctx.main.url())).await.unwrap();
    current_record(c).await;
    find(c, "[data-action=find-similar]").await.click().await.unwrap();
    find(c, "[data-action=run-similar]").await.click().await.unwrap();
    wait_text(c, "[data-testid=notice]", "the no-vector message", |t| t.contains("has no “Embedding” vector")).await;
    assert!(!exists_now(c, "[data-testid=similar-reference]").await);
}

fn alpha_or_beta(i: usize, _ids: &std::collections::HashMap<String, String>) -> Value {
    let text = if i < 30 { format!("Alpha report {i}: Ada met Grace in Paris, then Paris again.") } else { format!("Beta note {i}.") };
    json!({"external_id": format!("ab-{i}"), "fields": {"text": text}})
}

async fn pending_tab_count(c: &Client, expected: u64) {
    let want = expected.to_string();
    wait_text(c, ".queue-tab[data-queue=pending] .count", "the pending count", |t| t == want).await;
}

async fn bulk_submit_of_thirty_filtered_records_stores_the_same_answer_on_each(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "bulk-thirty", &alpha_or_beta, 45).unwrap();
    let api = annotator_api(ctx);
    let alpha = search(&api, &ds, &pending(json!({"text": {"q": "alpha"}}), vec![]), 100);
    assert_eq!(alpha["total"], 30);

    open_dataset(c, ctx, &ds).await;
    pending_tab_count(c, 45).await;
    type_into(c, ".find-text", "alpha").await;
    wait_count(c, 30, "thirty alpha records").await;
    find(c, "[data-view=bulk]").await.click().await.unwrap();
    wait_url(c, "the bulk view in the URL", |u| u.contains("view=bulk") && u.contains("per_page=25")).await;
    wait_texts(c, ".bulk-row", "a page of 25", |rows| rows.len() == 25).await;
    // The form's action bar is in sight without scrolling, and stays so as the page scrolls.
    let bar_in_sight = "const b = document.querySelector('[data-action=bulk-submit]').getBoundingClientRect();
        const form = document.querySelector('.bulk-form');
        const onTop = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
        return [form.scrollHeight > form.clientHeight, b.top >= 0 && b.bottom <= innerHeight && onTop && onTop.closest('[data-action=bulk-submit]') !== null, Math.round(b.bottom), innerHeight]";
    let seen = js(c, bar_in_sight).await;
    assert_eq!(seen[0], true, "the form is taller than the window, or the test shows nothing: {seen}");
    assert_eq!(seen[1], true, "bulk Submit in sight at first paint: {seen}");
    js(c, "window.scrollBy(0, 300); return 0").await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let seen = js(c, bar_in_sight).await;
    assert_eq!(seen[1], true, "bulk Submit in sight after scrolling: {seen}");
    find(c, "[data-action=select-all-matching]").await.click().await.unwrap();
    wait_text(c, "[data-testid=selected-count]", "thirty selected", |t| t == "30 selected").await;

    find(c, ".bulk-form [data-question=sentiment] .option").await.click().await.unwrap();
    let ratings = c.find_all(fantoccini::Locator::Css(".bulk-form [data-question=quality] .option")).await.unwrap();
    ratings[3].clone().click().await.unwrap();
    type_into(c, ".span-phrase", "Paris").await;
    find(c, ".span-rule-label").await.select_by_value("LOC").await.unwrap();
    find(c, "[data-action=add-span-rule]").await.click().await.unwrap();
    find(c, "[data-action=bulk-submit]").await.click().await.unwrap();
    wait_text(c, "[data-testid=bulk-summary]", "all thirty answered", |t| t == "30 of 30 records answered").await;

    for item in alpha["items"].as_array().unwrap() {
        let id = item["record"]["id"].as_str().unwrap();
        let text = item["record"]["fields"]["text"].as_str().unwrap();
        let first = text.find("Paris").unwrap();
        let second = text.rfind("Paris").unwrap();
        let response = stored_response(&api, &ds, id).expect("a response on every selected record");
        assert_eq!(response["status"], "submitted", "{id}");
        assert_eq!(
            response["values"],
            json!({
                "sentiment": {"value": "positive"},
                "quality": {"value": 4},
                "entities": {"value": [
                    {"start": first, "end": first + 5, "label": "LOC"},
                    {"start": second, "end": second + 5, "label": "LOC"}]}
            }),
            "{id}: {text}"
        );
    }
    let metrics = api.get(&format!("/me/datasets/{ds}/metrics")).unwrap();
    assert_eq!(metrics["responses"]["pending"], 15);
    assert_eq!(metrics["responses"]["submitted"], 30);
    pending_tab_count(c, 15).await;
}

/// In the bulk view: waits for its `n` rows, then selects the page.
/// Over a hundred records are asked about in the page (not the browser's own dialog, which a
/// frame may suppress): Escape keeps the selection, the answer selects them all.
async fn selecting_more_than_a_hundred_matching_records_asks_in_the_page_first(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "bulk-many", &alpha_or_beta, 105).unwrap();
    open_dataset(c, ctx, &ds).await;
    find(c, "[data-view=bulk]").await.click().await.unwrap();
    wait_texts(c, ".bulk-row", "a page of records", |rows| !rows.is_empty()).await;
    find(c, "[data-action=select-all-matching]").await.click().await.unwrap();
    let question = find(c, "[data-testid=confirm-all-matching]").await;
    assert_eq!(question.text().await.unwrap().lines().next(), Some("Apply the next answer to all 105 matching records?"));
    wait_until(c, "the question focused", "return document.activeElement?.dataset.testid === 'confirm-all-matching'").await;
    assert_eq!(find(c, "[data-testid=selected-count]").await.text().await.unwrap(), "0 selected", "nothing selected while asked");
    keys(c, &Key::Escape.to_string()).await;
    wait_until(c, "the question gone", "return !document.querySelector('[data-testid=confirm-all-matching]')").await;
    wait_until(c, "the focus back on the button", "return document.activeElement?.dataset.action === 'select-all-matching'").await;
    assert_eq!(find(c, "[data-testid=selected-count]").await.text().await.unwrap(), "0 selected", "Escape selects nothing");
    find(c, "[data-action=select-all-matching]").await.click().await.unwrap();
    find(c, "[data-action=select-all-confirmed]").await.click().await.unwrap();
    wait_text(c, "[data-testid=selected-count]", "all of them selected", |t| t == "105 selected").await;
    assert!(!exists_now(c, "[data-testid=confirm-all-matching]").await, "the question answered");
    assert_eq!(c.get_alert_text().await.ok(), None, "no browser dialog");
    // The shared answer by keys, as in the focus view: the focused question's number keys.
    let press_in = |question: &'static str, key: String| {
        let c = c.clone();
        async move {
            js(&c, &format!("document.querySelector('.bulk-form [data-question={question}]').focus(); return null")).await;
            c.active_element().await.unwrap().send_keys(&key).await.unwrap();
        }
    };
    press_in("sentiment", "2".into()).await;
    wait_texts(c, ".bulk-form [data-question=sentiment] .option.selected", "the second label by key", |t| t.len() == 1 && t[0].ends_with("negative")).await;
    press_in("quality", "4".into()).await;
    wait_texts(c, ".bulk-form [data-question=quality] .option.selected", "a rating of 4 by key", |t| t.len() == 1 && t[0].ends_with('4')).await;
    press_in("quality", Key::Down.to_string()).await;
    wait_texts(c, ".bulk-form [data-question=quality] .option.selected", "the next rating by ↓", |t| t.len() == 1 && t[0].ends_with('5')).await;
    // The shortcuts open and close by key here too.
    press_in("quality", "?".into()).await;
    find(c, "[role=dialog][aria-label='Keyboard shortcuts']").await;
    c.active_element().await.unwrap().send_keys(&Key::Escape.to_string()).await.unwrap();
    wait_until(c, "the shortcuts closed by Escape", "return !document.querySelector('[role=dialog][aria-label=\"Keyboard shortcuts\"]')").await;
    assert_eq!(find(c, "[data-testid=selected-count]").await.text().await.unwrap(), "105 selected", "keys kept the selection");
}

/// The SDK makes span questions required by default: bulk Submit without span rules sends
/// "no entities" for them (as the focus view does), instead of refusing to go.
async fn bulk_submit_answers_a_required_span_question_without_rules_with_no_spans(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = owner.post("/datasets", json!({"name": "bulk-required-spans", "workspace_id": ctx.demo.main_workspace_id})).unwrap()["id"]
        .as_str().unwrap().to_owned();
    owner.post(&format!("/datasets/{ds}/fields"), json!({"name": "text", "title": "Text", "settings": {"type": "text"}})).unwrap();
    owner.post(&format!("/datasets/{ds}/questions"), json!({"name": "sentiment", "title": "Sentiment", "required": true,
        "settings": {"type": "label_selection", "options": [{"value": "positive", "text": "positive"}, {"value": "negative", "text": "negative"}]}})).unwrap();
    owner.post(&format!("/datasets/{ds}/questions"), json!({"name": "entities", "title": "Entities", "required": true,
        "settings": {"type": "span", "field": "text", "options": [{"value": "PER", "text": "PER"}, {"value": "LOC", "text": "LOC"}]}})).unwrap();
    owner.put(&format!("/datasets/{ds}/publish"), json!({})).unwrap();
    owner.post(&format!("/datasets/{ds}/records/bulk"), json!({"items": [
        {"fields": {"text": "Ada wrote."}}, {"fields": {"text": "Grace ran."}}, {"fields": {"text": "Nobody here."}}]})).unwrap();
    let api = annotator_api(ctx);
    open_dataset(c, ctx, &ds).await;
    find(c, "[data-view=bulk]").await.click().await.unwrap();
    select_the_bulk_page(c, 3).await;
    let ids: Vec<String> = js(c, "return [...document.querySelectorAll('.bulk-row')].map(r => r.dataset.recordId)").await
        .as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect();
    find(c, ".bulk-form [data-question=sentiment] .option").await.click().await.unwrap();
    find(c, "[data-action=bulk-submit]").await.click().await.unwrap();
    wait_text(c, "[data-testid=bulk-summary]", "all three answered", |t| t == "3 of 3 records answered").await;
    for id in &ids {
        let response = stored_response(&api, &ds, id).expect("stored");
        assert_eq!((response["status"].clone(), response["values"].clone()),
            (json!("submitted"), json!({"sentiment": {"value": "positive"}, "entities": {"value": []}})), "{id}");
    }
}

async fn select_the_bulk_page(c: &Client, n: usize) {
    wait_texts(c, ".bulk-row", "the page's records", |rows| rows.len() == n).await;
    find(c, ".select-page input").await.click().await.unwrap();
    let selected = format!("{n} selected");
    wait_text(c, "[data-testid=selected-count]", "the page selected", |t| t == selected).await;
}

async fn a_bulk_item_the_server_refuses_is_reported_and_the_others_are_stored(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "bulk-refused", &alpha_or_beta, 5).unwrap();
    let api = annotator_api(ctx);
    open_dataset(c, ctx, &ds).await;
    find(c, "[data-view=bulk]").await.click().await.unwrap();
    select_the_bulk_page(c, 5).await;
    let row_ids: Vec<String> = js(c, "return [...document.querySelectorAll('.bulk-row')].map(r => r.dataset.recordId)")
        .await
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    // Another user deletes one of them meanwhile: the server refuses that item only.
    let gone = row_ids[2].clone();
    owner.delete(&format!("/datasets/{ds}/records?ids={gone}")).unwrap();

    find(c, ".bulk-form [data-question=sentiment] .option").await.click().await.unwrap();
    find(c, "[data-action=bulk-submit]").await.click().await.unwrap();
    wait_text(c, "[data-testid=bulk-summary]", "four stored", |t| t == "4 of 5 records answered").await;
    let why = find(c, &format!("[data-testid=bulk-refused] li[data-record-id='{gone}']")).await.text().await.unwrap();
    assert!(why.contains("not found"), "the server's reason is shown: {why}");
    for id in row_ids.iter().filter(|id| **id != gone) {
        let response = stored_response(&api, &ds, id).expect("stored");
        assert_eq!((response["status"].clone(), response["values"].clone()), (json!("submitted"), json!({"sentiment": {"value": "positive"}})));
    }
}

/// A dataset of `n` records, all selected in the bulk view and submitted with one answer
/// while the network refuses bulk requests: the run has stopped with all `n` waiting.
async fn start_a_bulk_run_the_network_stops(ctx: &Ctx, c: &Client, name: &str, n: usize) -> (String, Api) {
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, name, &alpha_or_beta, n).unwrap();
    let api = annotator_api(ctx);
    open_dataset(c, ctx, &ds).await;
    find(c, "[data-view=bulk]").await.click().await.unwrap();
    select_the_bulk_page(c, n).await;
    find(c, ".bulk-form [data-question=sentiment] .option").await.click().await.unwrap();
    cdp(ctx.driver.port, c, "Network.enable", json!({})).await;
    cdp(ctx.driver.port, c, "Network.setBlockedURLs", json!({"urls": ["*/responses/bulk*"]})).await;
    find(c, "[data-action=bulk-submit]").await.click().await.unwrap();
    let waiting = format!("{n} records still wait");
    wait_text(c, "[data-testid=bulk-progress] .notice", "the run stopped", |t| t.contains(&waiting)).await;
    (ds, api)
}

async fn a_bulk_run_stopped_by_the_network_waits_to_be_retried_after_the_view_is_closed_and_opened(ctx: &Ctx, c: &Client) {
    let (ds, api) = start_a_bulk_run_the_network_stops(ctx, c, "bulk-reopened", 4).await;

    // The view closed and opened again: the stopped run is there, with its Retry.
    find(c, "[data-view=focus]").await.click().await.unwrap();
    wait_until(c, "the bulk view closed", "return !document.querySelector('[data-testid=bulk-view]')").await;
    // Meanwhile one of its records is answered otherwise, one by one: that newer answer stands.
    let answered = current_record(c).await;
    find(c, "body").await.send_keys("2").await.unwrap();
    find(c, "body").await.send_keys(&Key::Enter.to_string()).await.unwrap();
    wait_response_where(&api, &ds, &answered, "the focus view's answer", |r| r["values"]["sentiment"]["value"] == "negative").await;
    find(c, "[data-view=bulk]").await.click().await.unwrap();
    wait_text(c, "[data-testid=bulk-progress] .notice", "the run still stopped", |t| t.contains("4 records still wait")).await;
    assert!(leave_would_ask(c).await, "closing the tab now would lose the run's answers: asked");
    cdp(ctx.driver.port, c, "Network.setBlockedURLs", json!({"urls": []})).await;
    find(c, "[data-action=bulk-retry]").await.click().await.unwrap();
    wait_text(c, "[data-testid=bulk-summary]", "all four answered", |t| t == "4 of 4 records answered").await;
    let metrics = api.get(&format!("/me/datasets/{ds}/metrics")).unwrap();
    assert_eq!(metrics["responses"]["submitted"], 4, "{metrics}");
    let kept = stored_response(&api, &ds, &answered).expect("stored");
    assert_eq!(kept["values"]["sentiment"]["value"], "negative", "the run did not replace the newer answer: {kept}");
    assert!(!leave_would_ask(c).await, "the run has ended: nothing to ask");

    // Closed and opened once it has ended: a fresh start, nothing selected.
    find(c, "[data-view=focus]").await.click().await.unwrap();
    wait_until(c, "the bulk view closed", "return !document.querySelector('[data-testid=bulk-view]')").await;
    find(c, "[data-view=bulk]").await.click().await.unwrap();
    find(c, "[data-testid=bulk-view]").await;
    assert!(!exists_now(c, "[data-testid=bulk-progress]").await, "an ended run is not shown again");
}

/// The page goes (a reload, the tab closed after its question) while a run waits for the
/// network: its answers are kept with the others, and the next visit sends them.
async fn a_bulk_runs_unsent_answers_are_sent_on_the_next_visit_after_a_reload(ctx: &Ctx, c: &Client) {
    let (ds, api) = start_a_bulk_run_the_network_stops(ctx, c, "bulk-reloaded", 3).await;
    assert_eq!(api.get(&format!("/me/datasets/{ds}/metrics")).unwrap()["responses"]["submitted"], 0, "nothing got through");
    cdp(ctx.driver.port, c, "Network.setBlockedURLs", json!({"urls": []})).await;
    // Gone without Retry; the browser's own leave question is answered Leave.
    c.refresh().await.unwrap();
    find(c, "[data-testid=bulk-view]").await;
    for _ in 0..100 {
        if api.get(&format!("/me/datasets/{ds}/metrics")).unwrap()["responses"]["submitted"] == 3 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let metrics = api.get(&format!("/me/datasets/{ds}/metrics")).unwrap();
    assert_eq!(metrics["responses"]["submitted"], 3, "the run's answers were sent on the next visit: {metrics}");
}

/// A bulk run ends while the person answers a record in the focus view: the records
/// it answered leave the queue, and the person stays on their record with their answer.
async fn a_bulk_run_that_ends_while_the_focus_view_is_in_use_leaves_the_person_on_their_record(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "bulk-behind", &alpha_or_beta, 6).unwrap();
    let api = annotator_api(ctx);
    let first = open_dataset(c, ctx, &ds).await;
    find(c, ".record-nav > button:nth-child(2)").await.click().await.unwrap();
    let mine = wait_other_record(c, &first).await;
    find(c, "[data-view=bulk]").await.click().await.unwrap();
    let rows = wait_texts(c, ".bulk-row", "the page's records", |rows| rows.len() == 6).await;
    assert_eq!(rows.len(), 6);
    let ids: Vec<String> = js(c, "return [...document.querySelectorAll('.bulk-row')].map(r => r.dataset.recordId)").await
        .as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect();
    for id in ids.iter().filter(|id| **id != first && **id != mine) {
        find(c, &format!(".bulk-row[data-record-id='{id}'] input[type=checkbox]")).await.click().await.unwrap();
    }
    wait_text(c, "[data-testid=selected-count]", "four selected", |t| t == "4 selected").await;
    find(c, ".bulk-form [data-question=sentiment] .option").await.click().await.unwrap();
    cdp(ctx.driver.port, c, "Network.enable", json!({})).await;
    let slow = json!({"offline": false, "latency": 3000, "downloadThroughput": -1, "uploadThroughput": -1});
    cdp(ctx.driver.port, c, "Network.emulateNetworkConditions", slow).await;
    find(c, "[data-action=bulk-submit]").await.click().await.unwrap();
    find(c, "[data-view=focus]").await.click().await.unwrap();
    wait_until(c, "the bulk view closed", "return !document.querySelector('[data-testid=bulk-view]')").await;
    assert_eq!(current_record(c).await, mine);
    find(c, "[data-question=sentiment] .option").await.click().await.unwrap();
    find(c, "[data-testid=unsaved]").await;
    // The run ends: the four leave the Pending queue, the person stays where they were.
    let deadline = Instant::now() + WAIT;
    while api.get(&format!("/me/datasets/{ds}/metrics")).unwrap()["responses"]["submitted"] != 4 {
        assert!(Instant::now() < deadline, "the bulk run never stored its four answers");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let fast = json!({"offline": false, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1});
    cdp(ctx.driver.port, c, "Network.emulateNetworkConditions", fast).await;
    wait_text(c, "[data-testid=position] [aria-hidden]", "the queue without the four", |t| t.ends_with("of 2")).await;
    assert_eq!(current_record(c).await, mine, "still on the record being answered");
    assert_eq!(texts(c, "[data-question=sentiment] .option.selected").await.len(), 1, "with the answer chosen");
    find(c, "[data-testid=unsaved]").await;
}

async fn a_bulk_answer_on_drafts_keeps_the_answers_the_bulk_form_leaves_alone(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "bulk-drafts", &alpha_or_beta, 3).unwrap();
    let api = annotator_api(ctx);
    let found = search(&api, &ds, &json!({"query": {}}), 10);
    let ids: Vec<String> = found["items"].as_array().unwrap().iter().map(|i| i["record"]["id"].as_str().unwrap().to_owned()).collect();
    let first = &found["items"][0]["record"]["fields"]["text"];
    let paris = first.as_str().unwrap().find("Paris").unwrap();
    let span = json!([{"start": paris, "end": paris + 5, "label": "LOC"}]);
    for id in &ids {
        api.post(&format!("/records/{id}/responses"), json!({"status": "draft", "values": {
            "sentiment": {"value": "negative"}, "quality": {"value": 4}, "entities": {"value": span}}})).unwrap();
    }
    sign_in(c, &ctx.main.url(), harness::seed::ANNOTATOR.0, harness::seed::ANNOTATOR.1).await;
    c.goto(&format!("{}/dataset/{ds}/annotation-mode?status=draft&view=bulk", ctx.main.url())).await.unwrap();
    select_the_bulk_page(c, 3).await;
    find(c, ".bulk-form [data-question=topics] .option").await.click().await.unwrap();
    // A span rule added and taken back again: no rule, so the drafts' own spans stay.
    type_into(c, ".span-phrase", "Paris").await;
    find(c, "[data-action=add-span-rule]").await.click().await.unwrap();
    find(c, ".span-rule-list .chip-remove").await.click().await.unwrap();
    wait_until(c, "the rule gone", "return !document.querySelector('.span-rule-list .chip')").await;
    find(c, "[data-action=bulk-draft]").await.click().await.unwrap();
    wait_text(c, "[data-testid=bulk-summary]", "all three answered", |t| t == "3 of 3 records answered").await;
    for id in &ids {
        let response = stored_response(&api, &ds, id).expect("a draft");
        assert_eq!(response["status"], "draft", "{id}");
        let values = &response["values"];
        assert_eq!((&values["sentiment"]["value"], &values["quality"]["value"], &values["entities"]["value"]), (&json!("negative"), &json!(4), &span), "{id}: {values}");
        assert_eq!(values["topics"]["value"].as_array().map(Vec::len), Some(1), "the bulk form's answer is added: {values}");
    }
}

//! Nothing lost: answers still on their way when the tab closes reach the
//! server exactly once, the page says how many are still saving, the leave
//! warning asks only then, a refusal lands next to its question, and the bulk
//! view shows fields as the focus view does.

use crate::annotation::{
    annotator_api, focused_question, keyboard_record, keys, open_dataset, tab_to_question, wait_other_record, wait_response, wait_response_where,
};
use crate::browser::*;
use crate::{Ctx, Test};
use fantoccini::key::Key;
use fantoccini::Client;
use harness::seed::{create_dataset, ANNOTATOR};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

pub fn tests() -> Vec<Test> {
    vec![
        test!(answers_still_saving_when_the_tab_closes_are_stored_exactly_once),
        test!(answers_still_saving_when_the_annotator_signs_out_reach_the_server),
        test!(the_still_saving_count_appears_on_a_slow_link_and_clears),
        test!(the_leave_warning_asks_only_while_answers_are_queued),
        test!(answers_on_their_way_keep_going_after_the_annotator_goes_home_and_back),
        test!(a_refused_answer_is_shown_next_to_its_question_and_kept),
        test!(an_answer_refused_after_its_page_was_left_is_told_on_the_page_shown),
        test!(a_refusal_that_comes_while_another_record_is_answered_leaves_the_keys_there),
        test!(answers_queued_during_an_outage_arrive_once_after_restart_and_sign_in),
        test!(a_server_that_fails_saves_is_quoted_while_the_answers_wait_and_they_arrive_after),
        test!(records_answered_before_a_reload_are_not_shown_again_while_their_answers_travel),
        test!(two_tabs_answering_offline_keep_each_others_answers),
        test!(an_answer_left_in_the_browser_yields_to_one_given_elsewhere_since),
        test!(unsaved_edits_yield_to_an_answer_saved_elsewhere_after_they_began),
        test!(a_plain_queue_shows_no_similarity),
        test!(after_a_submit_the_keyboard_starts_at_the_first_question_and_the_record_is_announced),
        test!(a_record_that_arrives_while_the_annotator_waits_has_its_suggestion_and_the_focus),
        test!(the_bulk_view_renders_fields_as_the_focus_view_does),
        test!(an_older_answer_that_lands_late_does_not_stay_over_the_newer_one),
    ]
}

/// Chrome's own network throttling for this page: every request waits `latency_ms`.
async fn slow_network(ctx: &Ctx, c: &Client, latency_ms: u64) {
    cdp(ctx.driver.port, c, "Network.enable", json!({})).await;
    cdp(
        ctx.driver.port,
        c,
        "Network.emulateNetworkConditions",
        json!({"offline": false, "latency": latency_ms, "downloadThroughput": -1, "uploadThroughput": -1}),
    )
    .await;
}

async fn saving_count(c: &Client) -> usize {
    let text = find(c, "[data-testid=saving-count]").await.text().await.unwrap_or_default();
    text.split_whitespace().next().and_then(|n| n.parse().ok()).unwrap_or(0)
}

/// Submits `n` records by keyboard as fast as the page moves on; the ids submitted.
async fn submit_quickly(c: &Client, first: String, n: usize) -> Vec<String> {
    let mut submitted = vec![];
    let mut shown = first;
    for _ in 0..n {
        find(c, "body").await.send_keys("1").await.unwrap();
        find(c, "body").await.send_keys(&Key::Enter.to_string()).await.unwrap();
        submitted.push(shown.clone());
        shown = wait_other_record(c, &shown).await;
    }
    submitted
}

/// The annotator's responses on the dataset, counted by the server per status.
async fn wait_metrics(ctx: &Ctx, ds: &str, submitted: u64) -> Value {
    let api = annotator_api(ctx);
    let deadline = Instant::now() + WAIT * 2;
    let mut metrics = Value::Null;
    while Instant::now() < deadline {
        metrics = api.get(&format!("/me/datasets/{ds}/metrics")).unwrap();
        if metrics["responses"]["submitted"].as_u64() == Some(submitted) {
            // Keep watching a moment: a duplicate or late write would change nothing, a loss would show.
            tokio::time::sleep(Duration::from_millis(500)).await;
            return api.get(&format!("/me/datasets/{ds}/metrics")).unwrap();
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("the server never had {submitted} submitted answers: {metrics}");
}

/// A new dataset of `records`, `submits` of them answered by keyboard behind a slow link
/// (each answer takes over a second, so the queue falls behind the screen) and at least
/// two still travelling `when` what follows happens: (the dataset, the ids submitted).
async fn answers_left_travelling(ctx: &Ctx, c: &Client, name: &str, records: usize, submits: usize, when: &str) -> (String, Vec<String>) {
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, name, &keyboard_record, records).unwrap();
    let first = open_dataset(c, ctx, &ds).await;
    slow_network(ctx, c, 700).await;
    let submitted = submit_quickly(c, first, submits).await;
    let behind = saving_count(c).await;
    assert!(behind >= 2, "the test needs answers still travelling {when} (saw {behind})");
    (ds, submitted)
}

async fn answers_still_saving_when_the_tab_closes_are_stored_exactly_once(ctx: &Ctx, c: &Client) {
    let (ds, submitted) = answers_left_travelling(ctx, c, "closing-tab", 14, 10, "when the tab closes").await;
    // Close the page at once, as a person closing the tab (a second window keeps the session).
    let app = c.window().await.unwrap();
    c.new_window(true).await.unwrap();
    c.switch_to_window(app).await.unwrap();
    c.close_window().await.unwrap();

    let metrics = wait_metrics(ctx, &ds, 10).await;
    assert_eq!(metrics["responses"]["submitted"], 10, "{metrics}");
    assert_eq!(metrics["responses"]["pending"], 4, "{metrics}");
    let api = annotator_api(ctx);
    for id in &submitted {
        let response = crate::annotation::stored_response(&api, &ds, id).expect("a response");
        assert_eq!(response["status"], "submitted");
        assert_eq!(response["values"]["sentiment"]["value"], "positive");
    }
}

async fn answers_still_saving_when_the_annotator_signs_out_reach_the_server(ctx: &Ctx, c: &Client) {
    let (ds, _) = answers_left_travelling(ctx, c, "signing-out", 8, 6, "at sign-out").await;
    // The page after signing out has no token: what waits must go before it ends.
    sign_out(c).await;
    find(c, "#username").await;
    let metrics = wait_metrics(ctx, &ds, 6).await;
    assert_eq!(metrics["responses"]["submitted"], 6, "{metrics}");
}

async fn the_still_saving_count_appears_on_a_slow_link_and_clears(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "still-saving", &keyboard_record, 6).unwrap();
    let first = open_dataset(c, ctx, &ds).await;
    slow_network(ctx, c, 800).await;
    submit_quickly(c, first, 4).await;
    wait_text(c, "[data-testid=saving-count]", "answers still saving", |t| t.contains("still saving")).await;
    // Shown, not read out after every submit (the record's position is); a failure is said by the notice.
    let live = js(c, "const s = document.querySelector('[data-testid=saving-count]'); return [s.getAttribute('role'), s.closest('[aria-live], [role=status], [role=alert]') === null]").await;
    assert_eq!(live, json!([null, true]), "not a live region");
    slow_network(ctx, c, 0).await;
    wait_text(c, "[data-testid=saving-count]", "nothing left to save", str::is_empty).await;
    wait_metrics(ctx, &ds, 4).await;
    // Answers that queued up behind a slow link share requests.
    let writes = js(c, "return performance.getEntriesByType('resource').filter(e => /\\/responses(\\/|\\?|$)|\\/responses\\/bulk/.test(e.name)).length").await;
    let writes = writes.as_u64().unwrap();
    println!("    4 answers behind a slow link took {writes} write requests");
    assert!((1..4).contains(&writes), "the queue sends what waited together: {writes} writes for 4 answers");
}

async fn the_leave_warning_asks_only_while_answers_are_queued(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "leave-warning", &keyboard_record, 4).unwrap();
    let first = open_dataset(c, ctx, &ds).await;
    find(c, "body").await.send_keys("1").await.unwrap();
    assert!(!leave_would_ask(c).await, "an edit kept in this browser is no reason to ask");
    cdp(ctx.driver.port, c, "Network.enable", json!({})).await;
    cdp(ctx.driver.port, c, "Network.emulateNetworkConditions", json!({"offline": true, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})).await;
    find(c, "body").await.send_keys(&Key::Enter.to_string()).await.unwrap();
    wait_other_record(c, &first).await;
    wait_text(c, "[data-testid=saving-count]", "one answer waiting", |t| t.starts_with("1 answer")).await;
    assert!(leave_would_ask(c).await, "an answer not on the server yet: ask before leaving");
    slow_network(ctx, c, 0).await;
    c.execute("window.dispatchEvent(new Event('online'))", vec![]).await.unwrap();
    wait_response(&annotator_api(ctx), &ds, &first, "submitted").await;
    wait_text(c, "[data-testid=saving-count]", "all saved", str::is_empty).await;
    assert!(!leave_would_ask(c).await, "everything is saved: leave without asking");
}

/// Home through the header's link: the app's own navigation, no page load.
async fn go_home(c: &Client) {
    find(c, "a.brand").await.click().await.unwrap();
    wait_texts(c, ".dataset-card .dataset-name", "the home page's datasets", |names| !names.is_empty()).await;
}

/// Opens the dataset from its card on the home page (no page load).
async fn open_from_home(c: &Client, ds: &str) -> String {
    let link = format!("a.card-link[href*='{ds}']");
    find(c, &link).await;
    js(c, &format!("document.querySelector(\"{link}\").click()")).await;
    current_record(c).await
}

async fn answers_on_their_way_keep_going_after_the_annotator_goes_home_and_back(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "going-home", &keyboard_record, 12).unwrap();
    let first = open_dataset(c, ctx, &ds).await;
    slow_network(ctx, c, 1200).await;
    let mut submitted = submit_quickly(c, first, 4).await;
    let behind = saving_count(c).await;
    assert!(behind >= 2, "the test needs answers still travelling when the page goes (saw {behind})");
    go_home(c).await;
    assert!(leave_would_ask(c).await, "closing the tab from home still asks while answers travel");
    wait_metrics(ctx, &ds, 4).await;
    // The server has them; the page knows once the last reply has come over the slow link.
    wait_until(c, "everything saved: leave without asking",
        &LEAVE_WOULD_ASK.replace("return e.defaultPrevented", "return !e.defaultPrevented")).await;

    // Back to the dataset while answers travel: the new page takes them over, and each lands once.
    let shown = open_from_home(c, &ds).await;
    assert!(!submitted.contains(&shown), "a record answered before is not shown again");
    submitted.extend(submit_quickly(c, shown, 3).await);
    go_home(c).await;
    let shown = open_from_home(c, &ds).await;
    slow_network(ctx, c, 0).await;
    let metrics = wait_metrics(ctx, &ds, 7).await;
    assert_eq!(metrics["responses"]["pending"], 5, "{metrics}");
    assert!(!submitted.contains(&shown), "{shown} was answered already");
    let api = annotator_api(ctx);
    for id in &submitted {
        let response = crate::annotation::stored_response(&api, &ds, id).expect("a response");
        assert_eq!((response["status"].as_str(), response["values"]["sentiment"]["value"].as_str()), (Some("submitted"), Some("positive")), "{id}");
    }
    // The app still answers: the next record can be submitted.
    find(c, "body").await.send_keys("1").await.unwrap();
    find(c, "body").await.send_keys(&Key::Enter.to_string()).await.unwrap();
    wait_other_record(c, &shown).await;
    wait_response(&api, &ds, &shown, "submitted").await;
}

/// Answers the shown record with a span on its last token, then the owner shortens
/// its text: the span now ends past it, and the server refuses the answer. The span chips.
async fn answer_the_server_will_refuse(c: &Client, owner: &harness::Api, record_id: &str) -> Vec<String> {
    find(c, "body").await.send_keys("2").await.unwrap(); // sentiment: negative
    // Mark the last word as a place (the cursor stops at the end).
    tab_to_question(c, "entities").await;
    keys(c, &Key::Right.to_string().repeat(20)).await;
    keys(c, "2").await;
    let chips = wait_texts(c, ".span-chip", "one span", |t| t.len() == 1).await;
    owner
        .patch(&format!("/records/{record_id}"), json!({"fields": {"text": "Ada met Alan.", "context": "short"}}))
        .unwrap();
    chips
}

async fn a_refused_answer_is_shown_next_to_its_question_and_kept(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "refused-answer", &keyboard_record, 3).unwrap();
    let record_id = open_dataset(c, ctx, &ds).await;
    let chips = answer_the_server_will_refuse(c, &owner, &record_id).await;
    assert!(chips[0].contains("“.”"), "the span is on the last token, the full stop: {chips:?}");
    find(c, "form.questions button[type=submit]").await.click().await.unwrap();
    let message = wait_text(c, "[data-question=entities] .question-error", "the server's reason", |t| !t.is_empty()).await;
    assert!(message.contains("span question") && message.contains("`text`"), "the server's own reason: {message}");
    wait_text(c, "[data-testid=notice]", "a refusal", |t| t.contains("refused")).await;
    // Nothing typed is lost: the record and both answers are still there.
    assert_eq!(current_record(c).await, record_id);
    assert_eq!(texts(c, "[data-question=sentiment] .option.selected").await.len(), 1);
    assert_eq!(texts(c, ".span-chip").await.len(), 1);
    assert!(crate::annotation::stored_response(&annotator_api(ctx), &ds, &record_id).is_none());
    // After a reload the server lists the queue in its own order: walk to the record.
    c.refresh().await.unwrap();
    for _ in 0..3 {
        if current_record(c).await == record_id {
            break;
        }
        let shown = current_record(c).await;
        find(c, "button[aria-label='Next record (→)']").await.click().await.unwrap();
        crate::annotation::wait_other_record(c, &shown).await;
    }
    assert_eq!(current_record(c).await, record_id);
    find(c, "[data-testid=unsaved]").await;
    wait_texts(c, ".span-chip", "the span kept after reload", |t| t.len() == 1).await;
}

/// In a new dataset `name`, the first record gets an answer the server will refuse, and
/// it is submitted while answers cannot reach the server. The dataset, the first and the next record.
async fn submit_offline_what_the_server_will_refuse(ctx: &Ctx, c: &Client, name: &str) -> (String, String, String) {
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, name, &keyboard_record, 3).unwrap();
    let first = open_dataset(c, ctx, &ds).await;
    answer_the_server_will_refuse(c, &owner, &first).await;
    let writes = json!({"urls": ["*/records/*/responses*", "*/responses/bulk*", "*/api/v1/responses/*"]});
    cdp(ctx.driver.port, c, "Network.enable", json!({})).await;
    cdp(ctx.driver.port, c, "Network.setBlockedURLs", writes).await;
    find(c, "form.questions button[type=submit]").await.click().await.unwrap();
    let next = wait_other_record(c, &first).await;
    (ds, first, next)
}

/// Answers reach the server again, and the page hears so.
async fn back_online(ctx: &Ctx, c: &Client) {
    cdp(ctx.driver.port, c, "Network.setBlockedURLs", json!({"urls": []})).await;
    c.execute("window.dispatchEvent(new Event('online'))", vec![]).await.unwrap();
}

/// The refusal comes while the person is answering the next record: they stay on it,
/// with what they chose, and the refused record comes next with its reason.
async fn a_refusal_that_comes_while_another_record_is_answered_leaves_the_keys_there(ctx: &Ctx, c: &Client) {
    let (_, first, second) = submit_offline_what_the_server_will_refuse(ctx, c, "refused-while-busy").await;
    find(c, "[data-question=sentiment] .option").await.click().await.unwrap();
    find(c, "[data-testid=unsaved]").await;
    back_online(ctx, c).await;
    wait_text(c, "[data-testid=notice]", "the refusal, saying the record comes next", |t| t.contains("comes next")).await;
    assert_eq!(current_record(c).await, second, "the person stays on the record they are answering");
    assert_eq!(texts(c, "[data-question=sentiment] .option.selected").await.len(), 1, "with what they chose");
    find(c, ".record-nav > button:nth-child(2)").await.click().await.unwrap();
    assert_eq!(wait_other_record(c, &second).await, first, "the refused record is next");
    let message = wait_text(c, "[data-question=entities] .question-error", "the server's reason by its question", |t| !t.is_empty()).await;
    assert!(message.contains("span question"), "{message}");
    wait_texts(c, ".span-chip", "the refused answer's span, kept", |t| t.len() == 1).await;
}

/// The answer is refused only once the person has gone home: the home page says
/// so, and its link leads back to the record with the answer kept.
async fn an_answer_refused_after_its_page_was_left_is_told_on_the_page_shown(ctx: &Ctx, c: &Client) {
    let (ds, record_id, _) = submit_offline_what_the_server_will_refuse(ctx, c, "refused-after-leaving").await;
    go_home(c).await;
    assert!(!exists_now(c, "[data-testid=app-notice]").await, "nothing to tell yet");
    back_online(ctx, c).await;
    let told = wait_text(c, "[data-testid=app-notice]", "the refusal, on the home page", |t| t.contains("refused")).await;
    assert!(told.contains("refused-after-leaving") && told.contains("`text`"), "names the dataset and the server's reason: {told}");
    assert_eq!(find(c, "[data-testid=app-notice]").await.attr("role").await.unwrap().as_deref(), Some("alert"));
    assert!(crate::annotation::stored_response(&annotator_api(ctx), &ds, &record_id).is_none());
    find(c, "[data-testid=app-notice] a").await.click().await.unwrap();
    wait_url(c, "the dataset", |u| u.contains(&format!("/dataset/{ds}/annotation-mode"))).await;
    assert!(!exists_now(c, "[data-testid=app-notice]").await, "the link takes the notice away");
    for _ in 0..3 {
        let shown = current_record(c).await;
        if shown == record_id {
            break;
        }
        find(c, "button[aria-label='Next record (→)']").await.click().await.unwrap();
        wait_other_record(c, &shown).await;
    }
    assert_eq!(current_record(c).await, record_id);
    find(c, "[data-testid=unsaved]").await;
    wait_texts(c, ".span-chip", "the span kept", |t| t.len() == 1).await;
}

/// The server answers saves with a 500 and its reason (a locked database): the notice says
/// that reason, not "can't be reached", and the answers arrive once it stores them again.
async fn a_server_that_fails_saves_is_quoted_while_the_answers_wait_and_they_arrive_after(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "server-fails-saves", &keyboard_record, 4).unwrap();
    let first = open_dataset(c, ctx, &ds).await;
    js(c, "window.realFetch = window.realFetch || window.fetch;
        window.fetch = (input, init) => {
            const request = new Request(input, init);
            if (request.method === 'POST' && /[/]responses([/]bulk)?$/.test(new URL(request.url).pathname))
                return Promise.resolve(new Response(JSON.stringify({detail: 'database is locked'}), {status: 500, headers: {'content-type': 'application/json'}}));
            return window.realFetch(input, init);
        };
        return null").await;
    let submitted = submit_quickly(c, first, 2).await;
    let told = wait_text(c, "[data-testid=notice]", "the server's reason", |t| t.contains("database is locked")).await;
    assert!(told.starts_with("Not saved yet") && !told.contains("can't be reached"), "{told}");
    js(c, "window.fetch = window.realFetch; return null").await;
    let api = annotator_api(ctx);
    for id in &submitted {
        wait_response(&api, &ds, id, "submitted").await;
    }
}

async fn answers_queued_during_an_outage_arrive_once_after_restart_and_sign_in(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "outage-queue", &keyboard_record, 6).unwrap();
    let first = open_dataset(c, ctx, &ds).await;
    let server = &ctx.main;
    server.stop_server();
    let submitted = submit_quickly(c, first, 3).await;
    wait_text(c, "[data-testid=notice]", "a not-saved notice", |t| t.contains("Not saved yet")).await;
    wait_text(c, "[data-testid=saving-count]", "three waiting", |t| t.starts_with("3 answers")).await;
    // A restart with a new signing key, as on a Space: the retry meets a 401.
    server.restart_server().expect("restart argilla-server");
    wait_url(c, "sign-in", |u| u.contains("/sign-in")).await;
    submit_sign_in(c, ANNOTATOR.0, ANNOTATOR.1).await;
    wait_url(c, "back on the dataset", |u| u.contains("/annotation-mode")).await;
    let metrics = wait_metrics(ctx, &ds, 3).await;
    assert_eq!(metrics["responses"]["pending"], 3, "{metrics}");
    let api = annotator_api(ctx);
    for id in &submitted {
        wait_response(&api, &ds, id, "submitted").await;
    }
}

async fn records_answered_before_a_reload_are_not_shown_again_while_their_answers_travel(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "reload-queued", &keyboard_record, 6).unwrap();
    let first = open_dataset(c, ctx, &ds).await;
    let url = c.current_url().await.unwrap().to_string();
    // The server gets no answers from this page (its reads still work): two wait in this browser.
    let writes = json!({"urls": ["*/records/*/responses*", "*/responses/bulk*", "*/api/v1/responses/*"]});
    cdp(ctx.driver.port, c, "Network.enable", json!({})).await;
    cdp(ctx.driver.port, c, "Network.setBlockedURLs", writes.clone()).await;
    let submitted = submit_quickly(c, first, 2).await;
    wait_text(c, "[data-testid=saving-count]", "two waiting", |t| t.starts_with("2 answers")).await;
    // The same queue opened again in this browser (a second tab; a reload races the answers
    // it sends as it closes), still without answers reaching the server: they are pending there.
    let first_tab = c.window().await.unwrap();
    let second = c.new_window(true).await.unwrap();
    c.switch_to_window(second.handle).await.unwrap();
    cdp(ctx.driver.port, c, "Network.enable", json!({})).await;
    cdp(ctx.driver.port, c, "Network.setBlockedURLs", writes).await;
    c.goto(&url).await.unwrap();
    let shown = current_record(c).await;
    assert!(!submitted.contains(&shown), "{shown} was answered before and is shown again");
    wait_text(c, "[data-testid=saving-count]", "the two still waiting", |t| t.starts_with("2 answers")).await;
    let api = annotator_api(ctx);
    for id in &submitted {
        assert!(crate::annotation::stored_response(&api, &ds, id).is_none(), "the server has an answer for {id} already");
    }
    // Once answers go through, the second tab sends them.
    cdp(ctx.driver.port, c, "Network.setBlockedURLs", json!({"urls": []})).await;
    c.execute("window.dispatchEvent(new Event('online'))", vec![]).await.unwrap();
    for id in &submitted {
        wait_response(&api, &ds, id, "submitted").await;
    }
    wait_text(c, "[data-testid=saving-count]", "all saved", str::is_empty).await;
    c.close_window().await.unwrap();
    c.switch_to_window(first_tab).await.unwrap();
}

/// Both tabs open on the same queue before either answers, each answers a different
/// record while the server gets no answers, and the first tab closes without sending:
/// its answer waits in this browser and goes when the dataset is opened again, even
/// though the second tab has stored and sent its own answer meanwhile.
async fn two_tabs_answering_offline_keep_each_others_answers(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "two-tabs", &keyboard_record, 6).unwrap();
    let first = open_dataset(c, ctx, &ds).await;
    let at = |page: usize| format!("{}/dataset/{ds}/annotation-mode?page={page}", ctx.main.url());
    let writes = json!({"urls": ["*/records/*/responses*", "*/responses/bulk*", "*/api/v1/responses/*"]});
    let tab_a = c.window().await.unwrap();
    cdp(ctx.driver.port, c, "Network.enable", json!({})).await;
    cdp(ctx.driver.port, c, "Network.setBlockedURLs", writes.clone()).await;
    let tab_b = c.new_window(true).await.unwrap().handle;
    c.switch_to_window(tab_b.clone()).await.unwrap();
    cdp(ctx.driver.port, c, "Network.enable", json!({})).await;
    cdp(ctx.driver.port, c, "Network.setBlockedURLs", writes).await;
    c.goto(&at(3)).await.unwrap();
    let b_record = current_record(c).await;
    assert_ne!(b_record, first, "the second tab answers another record");

    c.switch_to_window(tab_a.clone()).await.unwrap();
    let a_answered = submit_quickly(c, first, 1).await;
    wait_text(c, "[data-testid=saving-count]", "tab A's answer waiting", |t| t.starts_with("1 answer")).await;
    c.switch_to_window(tab_b.clone()).await.unwrap();
    let b_answered = submit_quickly(c, b_record, 1).await;
    wait_text(c, "[data-testid=saving-count]", "tab B's answer waiting", |t| t.starts_with("1 answer")).await;
    // Tab A closes; its answers cannot reach the server as it goes.
    c.switch_to_window(tab_a).await.unwrap();
    c.close_window().await.unwrap();
    c.switch_to_window(tab_b).await.unwrap();
    let api = annotator_api(ctx);
    assert!(crate::annotation::stored_response(&api, &ds, &a_answered[0]).is_none(), "tab A's answer left with it");

    cdp(ctx.driver.port, c, "Network.setBlockedURLs", json!({"urls": []})).await;
    c.execute("window.dispatchEvent(new Event('online'))", vec![]).await.unwrap();
    wait_response(&api, &ds, &b_answered[0], "submitted").await;
    wait_text(c, "[data-testid=saving-count]", "tab B's answer sent", str::is_empty).await;
    // Opened again, the dataset sends what tab A left behind.
    c.goto(&at(1)).await.unwrap();
    wait_response(&api, &ds, &a_answered[0], "submitted").await;
    wait_text(c, "[data-testid=saving-count]", "all saved", str::is_empty).await;
}

async fn an_answer_left_in_the_browser_yields_to_one_given_elsewhere_since(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "left-behind", &keyboard_record, 4).unwrap();
    let first = open_dataset(c, ctx, &ds).await;
    // Offline: the answer stays in this browser, and the tab goes without sending it.
    let writes = json!({"urls": ["*/records/*/responses*", "*/responses/bulk*", "*/api/v1/responses/*"]});
    cdp(ctx.driver.port, c, "Network.enable", json!({})).await;
    cdp(ctx.driver.port, c, "Network.setBlockedURLs", writes).await;
    let answered = submit_quickly(c, first, 2).await;
    wait_text(c, "[data-testid=saving-count]", "both answers waiting", |t| t.starts_with("2 answers")).await;
    // They were given two minutes ago (a change elsewhere counts only from a minute after).
    js(c, "for (const k of Object.keys(localStorage).filter((k) => k.startsWith('argilla-lite.save.'))) {
        const v = JSON.parse(localStorage.getItem(k)); v.at -= 120000; localStorage.setItem(k, JSON.stringify(v)); } return 0").await;
    c.goto("about:blank").await.unwrap();
    cdp(ctx.driver.port, c, "Network.setBlockedURLs", json!({"urls": []})).await;
    // What the tab sent as it went (the browser may let that through the block) lands first.
    tokio::time::sleep(Duration::from_secs(1)).await;
    // Since, the first record was answered again elsewhere (the SDK, another browser).
    let api = annotator_api(ctx);
    let elsewhere = json!({"status": "submitted", "values": {"sentiment": {"value": "negative"}}});
    // (The answer may have reached the server as the tab went, its reply unread, even while
    // this runs: then it is changed.)
    if api.post(&format!("/records/{}/responses", answered[0]), elsewhere.clone()).is_err() {
        let there = crate::annotation::stored_response(&api, &ds, &answered[0]).expect("the answer the tab sent as it went");
        api.put(&format!("/responses/{}", there["id"].as_str().unwrap()), elsewhere).unwrap();
    }

    // Back on the dataset: the older answer in this browser yields; the other one goes.
    c.goto(&format!("{}/dataset/{ds}/annotation-mode", ctx.main.url())).await.unwrap();
    wait_response(&api, &ds, &answered[1], "submitted").await;
    wait_text(c, "[data-testid=saving-count]", "nothing left to send", str::is_empty).await;
    let told = wait_text(c, "[data-testid=notice]", "the answer that yielded", |t| t.contains("not sent")).await;
    assert!(told.starts_with("1 answer kept in this browser"), "{told}");
    let kept = crate::annotation::stored_response(&api, &ds, &answered[0]).expect("the newer answer");
    assert_eq!(kept["values"]["sentiment"]["value"], "negative", "the newer answer stays: {kept}");
    let sent = crate::annotation::stored_response(&api, &ds, &answered[1]).expect("the other answer");
    assert_eq!(sent["values"]["sentiment"]["value"], "positive", "{sent}");
}

/// Edits begun on a draft and left unsaved; the draft is then saved again elsewhere: back
/// on the record, the newer answer is shown (and said), not the older edits.
async fn unsaved_edits_yield_to_an_answer_saved_elsewhere_after_they_began(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "edits-overtaken", &keyboard_record, 2).unwrap();
    let api = annotator_api(ctx);
    let record_id = open_dataset(c, ctx, &ds).await;
    let draft = api.post(&format!("/records/{record_id}/responses"), json!({"status": "draft", "values": {"sentiment": {"value": "neutral"}}})).unwrap();
    c.goto(&format!("{}/dataset/{ds}/annotation-mode?status=draft", ctx.main.url())).await.unwrap();
    assert_eq!(current_record(c).await, record_id);
    wait_texts(c, "[data-question=sentiment] .option.selected", "the draft's answer", |t| t.len() == 1 && t[0].contains("neutral")).await;
    find(c, "[data-question=sentiment] .option").await.click().await.unwrap(); // positive, not saved
    find(c, "[data-testid=unsaved]").await;
    c.refresh().await.unwrap();
    wait_texts(c, "[data-question=sentiment] .option.selected", "the edit kept over a reload", |t| t.len() == 1 && t[0].contains("positive")).await;
    // Elsewhere (another browser, the SDK), the draft is saved again.
    tokio::time::sleep(Duration::from_millis(50)).await;
    api.put(&format!("/responses/{}", draft["id"].as_str().unwrap()), json!({"status": "draft", "values": {"sentiment": {"value": "negative"}}})).unwrap();
    c.refresh().await.unwrap();
    wait_text(c, "[data-testid=notice]", "the edits that yielded", |t| t.contains("older than the answer saved")).await;
    wait_texts(c, "[data-question=sentiment] .option.selected", "the newer answer", |t| t.len() == 1 && t[0].contains("negative")).await;
    assert!(!exists_now(c, "[data-testid=unsaved]").await, "no edits left unsaved");
}

async fn a_plain_queue_shows_no_similarity(ctx: &Ctx, c: &Client) {
    open_dataset(c, ctx, &ctx.demo.dataset_id).await;
    find(c, "[data-testid=position]").await;
    assert!(!exists_now(c, "[data-testid=similarity]").await, "no similarity without find similar");
    type_into(c, ".find-text", "Nairobi").await;
    wait_text(c, "[data-testid=match-count]", "a text search", |t| t.contains("matching")).await;
    wait_text(c, "[data-field=text] .field-text", "a match", |t| t.contains("Nairobi")).await;
    assert!(!exists_now(c, "[data-testid=similarity]").await, "a text search's relevance is not a similarity");
}

async fn the_bulk_view_renders_fields_as_the_focus_view_does(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ws = &ctx.demo.main_workspace_id;
    let ds = owner.post("/datasets", json!({"name": "bulk-fields", "workspace_id": ws})).unwrap()["id"].as_str().unwrap().to_owned();
    let p = |x: &str| format!("/datasets/{ds}/{x}");
    owner.post(&p("fields"), json!({"name": "md", "title": "Context", "settings": {"type": "text", "use_markdown": true}})).unwrap();
    owner.post(&p("fields"), json!({"name": "chat", "title": "Chat", "settings": {"type": "chat", "use_markdown": true}})).unwrap();
    owner.post(&p("fields"), json!({"name": "image", "title": "Picture", "settings": {"type": "image"}})).unwrap();
    owner.post(&p("fields"), json!({"name": "custom", "title": "Card", "settings": {"type": "custom", "template": "<b>{{record.fields.custom.name}}</b><ul>{{#each record.fields.custom.pets}}<li>{{@index}}:{{this}}</li>{{else}}<li>none</li>{{/each}}</ul>"}})).unwrap();
    owner.post(&p("questions"), json!({"name": "ok", "title": "OK?", "required": true, "settings": {"type": "label_selection", "options": [{"value": "yes", "text": "yes"}, {"value": "no", "text": "no"}]}})).unwrap();
    owner.put(&format!("/datasets/{ds}/publish"), json!({})).unwrap();
    let long_story = "A line of the story.\n".repeat(40);
    let pixel = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    owner.post(&p("records/bulk"), json!({"items": [{"fields": {
        "md": format!("### Context\n\n| key | value |\n|---|---|\n| a | **1** |\n\n{long_story}"),
        "chat": [{"role": "user", "content": "Hi *there*"}, {"role": "assistant", "content": "Hello"}],
        "image": pixel,
        "custom": {"name": "Ada", "pets": ["cat", "<dog>"]}
    }}]})).unwrap();

    open_dataset(c, ctx, &ds).await;
    find(c, "[data-field=md] .markdown table").await;
    let snapshot = "const root = document.querySelector(arguments[0]); const at = s => root.querySelector(s); return {
        md: at('[data-field=md] .field-text').innerHTML,
        chat: [...root.querySelectorAll('[data-field=chat] .chat-message')].map(m => m.dataset.role + ':' + m.querySelector('.chat-content').innerHTML),
        image: at('[data-field=image] img').getAttribute('src'),
        custom: at('[data-field=custom] iframe').getAttribute('srcdoc'),
        sandbox: at('[data-field=custom] iframe').getAttribute('sandbox'),
        titles: [...root.querySelectorAll('.field-title')].map(t => t.textContent)
    }";
    let focus = c.execute(snapshot, vec![json!(".record-pane")]).await.unwrap();
    find(c, "[data-view=bulk]").await.click().await.unwrap();
    find(c, ".bulk-row [data-field=md] .markdown table").await;
    let bulk = c.execute(snapshot, vec![json!(".bulk-row")]).await.unwrap();
    assert_eq!(bulk, focus, "the bulk row renders every field as the focus view");
    assert_eq!(focus["sandbox"], "allow-scripts");
    let custom = focus["custom"].as_str().unwrap();
    assert!(custom.contains("<b>Ada</b><ul><li>0:cat</li><li>1:&lt;dog&gt;</li></ul>"), "the template's blocks are filled: {custom}");
    assert!(focus["md"].as_str().unwrap().contains("<h3>Context</h3>"), "markdown is rendered, not printed: {}", focus["md"]);
    assert!(!find(c, ".bulk-row").await.text().await.unwrap().contains("| key |"), "no markdown source in the bulk view");
    // The long field is folded and opens with "Show more".
    find(c, ".bulk-field.folded[data-field=md]").await;
    let more = find(c, ".bulk-field[data-field=md] .link-button").await;
    assert_eq!(more.text().await.unwrap(), "Show more");
    more.click().await.unwrap();
    wait_text(c, ".bulk-field[data-field=md] .link-button", "Show less", |t| t == "Show less").await;
    assert!(!exists_now(c, ".bulk-field.folded[data-field=md]").await);
}

/// A keyboard record with a suggestion: "topics" is "science".
fn suggested_record(i: usize, ids: &std::collections::HashMap<String, String>) -> Value {
    let mut record = keyboard_record(i, ids);
    record["suggestions"] = json!([{"question_id": ids["topics"], "value": ["science"], "agent": "test-model"}]);
    record
}

/// Submitting faster than the next records load: the one that arrives while the
/// annotator waits gets its suggestion and the keyboard, like every other one.
async fn a_record_that_arrives_while_the_annotator_waits_has_its_suggestion_and_the_focus(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "outrun-the-pages", &suggested_record, 16).unwrap();
    let mut shown = open_dataset(c, ctx, &ds).await;
    // Every request takes four seconds: the submits after the next page was asked for reach the
    // end of the loaded records long before it comes, however slow the machine.
    slow_network(ctx, c, 4000).await;
    let mut waited = false;
    for n in 1..=12 {
        find(c, "body").await.send_keys("1").await.unwrap();
        find(c, "body").await.send_keys(&Key::Enter.to_string()).await.unwrap();
        let asked = Instant::now();
        shown = wait_other_record(c, &shown).await;
        waited |= asked.elapsed() > Duration::from_millis(1000);
        let deadline = Instant::now() + WAIT;
        while focused_question(c).await.as_deref() != Some("sentiment") && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let focus = js(c, "const a = document.activeElement; return a ? a.tagName + ' ' + a.className : null").await;
        assert_eq!(focused_question(c).await.as_deref(), Some("sentiment"), "record {n}: the focus is at its first question, not {focus}");
        let suggested = texts(c, ".question[data-question=topics] .option.selected").await;
        assert!(suggested.len() == 1 && suggested[0].contains("science"), "record {n}: its suggestion is chosen: {suggested:?}");
    }
    assert!(waited, "the submits never outran the loaded records, so this tested nothing");
}

async fn after_a_submit_the_keyboard_starts_at_the_first_question_and_the_record_is_announced(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "focus-after-submit", &keyboard_record, 3).unwrap();
    let first = open_dataset(c, ctx, &ds).await;
    find(c, "body").await.send_keys("1").await.unwrap();
    tab_to_question(c, "quality").await;
    keys(c, "4").await;
    find(c, "form.questions button[type=submit]").await.click().await.unwrap();
    wait_other_record(c, &first).await;
    let deadline = Instant::now() + WAIT;
    let mut focused = Value::Null;
    while Instant::now() < deadline {
        focused = js(c, "const q = document.activeElement && document.activeElement.closest('.question'); return q ? q.dataset.question : null").await;
        if focused == json!("sentiment") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(focused, json!("sentiment"), "the focus is on the new record's first question");
    let live = find(c, "[data-testid=position]").await;
    assert_eq!(live.attr("aria-live").await.unwrap().as_deref(), Some("polite"));
    let said = live.text().await.unwrap();
    assert!(said.contains("1 of 2") && said.contains("pending"), "{said}");
}

/// A save the app had no reply to may still reach the server after a newer answer to
/// the same record (a stalled server or proxy lets it through late), and the API has no
/// version check to refuse it. The app looks again shortly after the newer answer is
/// saved and sends it back. Here the late request is played by the API.
async fn an_older_answer_that_lands_late_does_not_stay_over_the_newer_one(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "late-landing", &keyboard_record, 3).unwrap();
    let api = annotator_api(ctx);
    let first = open_dataset(c, ctx, &ds).await;
    find(c, "[data-question=sentiment]").await;
    // Submitted while no answer gets through: the app cannot tell whether it arrived.
    let writes = json!({"urls": ["*/records/*/responses*", "*/responses/bulk*", "*/api/v1/responses/*"]});
    cdp(ctx.driver.port, c, "Network.enable", json!({})).await;
    cdp(ctx.driver.port, c, "Network.setBlockedURLs", writes).await;
    keys(c, "1").await; // positive
    keys(c, &Key::Enter.to_string()).await;
    wait_other_record(c, &first).await;
    find(c, "[data-testid=saving-count]").await;
    back_online(ctx, c).await;
    let sentiment = |label: &'static str| move |r: &Value| r["status"] == "submitted" && r["values"]["sentiment"]["value"] == label;
    let older = wait_response_where(&api, &ds, &first, "the first answer", sentiment("positive")).await;
    // The person opens their submitted records and changes their mind.
    find(c, "[data-queue=submitted]").await.click().await.unwrap();
    wait_until(c, "the first record shown", &format!("return document.querySelector('.record-pane')?.dataset.recordId === '{first}'")).await;
    wait_texts(c, "[data-question=sentiment] .option.selected", "its answer", |t| t.len() == 1 && t[0].contains("positive")).await;
    keys(c, "2").await; // negative
    keys(c, &Key::Enter.to_string()).await;
    let newer = wait_response_where(&api, &ds, &first, "the newer answer", sentiment("negative")).await;
    // Now the request of the first answer lands, late.
    api.put(&format!("/responses/{}", newer["id"].as_str().unwrap()), json!({"status": older["status"], "values": older["values"]})).unwrap();
    assert_eq!(crate::annotation::stored_response(&api, &ds, &first).unwrap()["values"]["sentiment"]["value"], "positive");
    let kept = wait_response_where(&api, &ds, &first, "the newer answer back", sentiment("negative")).await;
    assert_eq!(kept["id"], newer["id"], "the same response, answered again: {kept}");
}

//! Dataset settings against the real server: every editable attribute changed
//! through the page and read back through the API and the annotation page;
//! refusals next to their input; delete; read-only for annotators; leaving
//! with unsaved edits asks first.

use crate::annotation::open_dataset;
use crate::browser::*;
use crate::{Ctx, Test};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use harness::server::OWNER;
use harness::Api;
use serde_json::{json, Value};

pub fn tests() -> Vec<Test> {
    vec![
        test!(every_setting_saved_on_the_page_is_what_the_api_and_the_annotation_page_show),
        test!(a_refused_setting_shows_the_reason_next_to_its_input_and_keeps_the_edits),
        test!(deleting_a_dataset_needs_its_exact_name_and_says_what_goes),
        test!(an_annotator_sees_the_settings_without_any_edit_control),
        test!(leaving_with_unsaved_settings_asks_first),
        test!(settings_typed_when_the_session_ends_are_there_after_signing_in_again),
        test!(the_section_nav_focuses_each_heading_and_an_unreadable_section_says_so),
    ]
}

fn options(values: &[&str]) -> Value {
    json!(values.iter().map(|v| json!({"value": v, "text": v.to_uppercase()})).collect::<Vec<_>>())
}

/// A published dataset with every field and question type the page edits.
fn settings_dataset(owner: &Api, ctx: &Ctx, name: &str) -> String {
    let ws = &ctx.demo.main_workspace_id;
    let ds = owner.post("/datasets", json!({"name": name, "workspace_id": ws, "guidelines": "Old guidelines"})).unwrap()["id"].as_str().unwrap().to_owned();
    let p = |x: &str| format!("/datasets/{ds}/{x}");
    owner.post(&p("fields"), json!({"name": "text", "title": "Text", "settings": {"type": "text", "use_markdown": false}})).unwrap();
    owner.post(&p("fields"), json!({"name": "chat", "title": "Chat", "required": false, "settings": {"type": "chat", "use_markdown": true}})).unwrap();
    owner.post(&p("fields"), json!({"name": "card", "title": "Card", "required": false, "settings": {"type": "custom", "template": "<b>{{record.fields.text}}</b>"}})).unwrap();
    owner.post(&p("questions"), json!({"name": "label", "title": "Label?", "required": true, "settings": {"type": "label_selection", "options": options(&["a", "b", "c", "d"])}})).unwrap();
    owner.post(&p("questions"), json!({"name": "multi", "title": "Multi?", "required": false, "settings": {"type": "multi_label_selection", "options": options(&["x", "y", "z"])}})).unwrap();
    owner.post(&p("questions"), json!({"name": "spans", "title": "Spans?", "required": false, "settings": {"type": "span", "field": "text", "options": options(&["per", "loc", "org"])}})).unwrap();
    owner.post(&p("questions"), json!({"name": "note", "title": "Note?", "required": false, "settings": {"type": "text", "use_markdown": false}})).unwrap();
    owner.post(&p("questions"), json!({"name": "stars", "title": "Stars?", "required": false, "settings": {"type": "rating", "options": [{"value": 1}, {"value": 2}, {"value": 3}]}})).unwrap();
    owner.post(&p("metadata-properties"), json!({"name": "source", "title": "Source", "settings": {"type": "terms", "values": ["a", "b"]}})).unwrap();
    owner.post(&p("vectors-settings"), json!({"name": "emb", "title": "Emb", "dimensions": 2})).unwrap();
    owner.put(&format!("/datasets/{ds}/publish"), json!({})).unwrap();
    owner.post(&p("records/bulk"), json!({"items": [
        {"fields": {"text": "Ada met Alan in London.", "chat": [{"role": "user", "content": "hi"}], "card": {}}, "metadata": {"source": "a"}},
        {"fields": {"text": "Grace wrote a compiler.", "chat": [{"role": "user", "content": "yo"}], "card": {}}, "metadata": {"source": "b"}}
    ]})).unwrap();
    ds
}

async fn open_settings(c: &Client, ctx: &Ctx, user: (&str, &str), ds: &str) {
    sign_in(c, &ctx.main.url(), user.0, user.1).await;
    c.goto(&format!("{}/dataset/{ds}/settings", ctx.main.url())).await.unwrap();
    find(c, "[data-section=general]").await;
}

fn item(key: &str, css: &str) -> String {
    format!("[data-settings-item='{key}'] {css}")
}

async fn save(c: &Client, key: &str) {
    find(c, &item(key, "[data-action=save]")).await.click().await.unwrap();
    wait_text(c, &item(key, ".card-status"), "saved", |t| t.starts_with("Saved")).await;
    // Save is disabled now: the focus is on the card's heading, not lost.
    let on_heading = format!("return document.activeElement === document.querySelector({:?})", item(key, "h3"));
    wait_until(c, "the focus on the card's heading", &on_heading).await;
}

async fn set_checkbox(c: &Client, css: &str, on: bool) {
    let el = find(c, css).await;
    if el.prop("checked").await.unwrap().as_deref() != Some(if on { "true" } else { "false" }) {
        el.click().await.unwrap();
    }
}

async fn every_setting_saved_on_the_page_is_what_the_api_and_the_annotation_page_show(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = settings_dataset(&owner, ctx, "settings-roundtrip");
    open_settings(c, ctx, OWNER, &ds).await;

    // General.
    type_into(c, &item("general", "input[name=name]"), "settings-renamed").await;
    type_into(c, &item("general", "textarea[name=guidelines]"), "## Read this\n\nBe **kind**.").await;
    wait_text(c, "[data-testid=guidelines-preview] h2", "the live preview", |t| t == "Read this").await;
    set_checkbox(c, &item("general", "input[name=allow_extra_metadata]"), true).await;
    type_into(c, &item("general", "input[name=min_submitted]"), "2").await;
    save(c, "general").await;
    // What was saved, by the labels the page shows (not the API's keys).
    let said = find(c, &item("general", ".card-status")).await.text().await.unwrap();
    assert!(said.starts_with("Saved: Name, Guidelines, ") && said.ends_with("Submitted answers per record.") && !said.contains('_'), "{said}");
    let dataset = owner.get(&format!("/datasets/{ds}")).unwrap();
    assert_eq!(dataset["name"], "settings-renamed");
    assert_eq!(dataset["guidelines"], "## Read this\n\nBe **kind**.");
    assert_eq!(dataset["allow_extra_metadata"], true);
    assert_eq!(dataset["distribution"]["min_submitted"], 2);
    // The page follows the new name: its heading, and the name the danger zone asks for.
    wait_text(c, ".settings-page h1", "the new name in the heading", |t| t.contains("settings-renamed")).await;
    assert_eq!(find(c, "[data-section=danger] code").await.text().await.unwrap(), "settings-renamed");
    // An emptied count keeps the box empty (it said 0 before) and the card says what is wrong.
    let count = find(c, &item("general", "input[name=min_submitted]")).await;
    count.send_keys(&format!("{}{}", fantoccini::key::Key::End, fantoccini::key::Key::Backspace)).await.unwrap();
    find(c, "[data-settings-item='general'].dirty").await;
    assert_eq!(find(c, &item("general", "input[name=min_submitted]")).await.prop("value").await.unwrap().as_deref(), Some(""));
    find(c, &item("general", "[data-action=cancel]")).await.click().await.unwrap();
    let back = format!("return document.querySelector({:?}).value === '2'", item("general", "input[name=min_submitted]"));
    wait_until(c, "Cancel puts the saved count back in the box", &back).await;

    // Fields.
    type_into(c, &item("field-text", "input[name=title]"), "Story").await;
    set_checkbox(c, &item("field-text", "input[name=use_markdown]"), true).await;
    save(c, "field-text").await;
    set_checkbox(c, &item("field-chat", "input[name=use_markdown]"), false).await;
    save(c, "field-chat").await;
    type_into(c, &item("field-card", "textarea[name=template]"), "<i>{{record.fields.text}}</i>").await;
    let srcdoc = find(c, &item("field-card", "iframe.field-custom")).await.attr("srcdoc").await.unwrap().unwrap_or_default();
    assert!(srcdoc.contains("<i>Ada met Alan in London.</i>") || srcdoc.contains("<i>Grace wrote a compiler.</i>"), "preview with a real record: {srcdoc}");
    assert_eq!(find(c, &item("field-card", "iframe.field-custom")).await.attr("sandbox").await.unwrap().as_deref(), Some("allow-scripts"));
    save(c, "field-card").await;
    let fields = owner.get(&format!("/datasets/{ds}/fields")).unwrap();
    let field = |name: &str| fields["items"].as_array().unwrap().iter().find(|f| f["name"] == name).unwrap().clone();
    assert_eq!(field("text")["title"], "Story");
    assert_eq!(field("text")["settings"]["use_markdown"], true);
    assert_eq!(field("chat")["settings"]["use_markdown"], false);
    assert_eq!(field("card")["settings"]["template"], "<i>{{record.fields.text}}</i>");

    // Questions.
    type_into(c, &item("question-label", "input[name=title]"), "Which label?").await;
    type_into(c, &item("question-label", "textarea[name=description]"), "Pick one.").await;
    let texts = c.find_all(Locator::Css(&item("question-label", "input[name=option-text]"))).await.unwrap();
    texts[0].clear().await.unwrap();
    texts[0].send_keys("Alpha").await.unwrap();
    find(c, &item("question-label", "button[aria-label='Move option 3 up']")).await.click().await.unwrap();
    // The focus follows the option (pressing again moves it further, not back), and the move is told.
    let focused = format!("return document.activeElement?.matches({:?}) === true", item("question-label", "button[aria-label='Move option 2 up']"));
    wait_until(c, "the focus on the moved option's button", &focused).await;
    let told = format!("return document.querySelector({:?})?.textContent === '“C” is now option 2 of 4.'", item("question-label", "[role=status][data-testid=option-moved]"));
    wait_until(c, "the new place told", &told).await;
    type_into(c, &item("question-label", "input[name=visible_options]"), "3").await;
    save(c, "question-label").await;
    find(c, &item("question-multi", "select[name=options_order]")).await.select_by_value("suggestion").await.unwrap();
    save(c, "question-multi").await;
    let span_texts = c.find_all(Locator::Css(&item("question-spans", "input[name=option-text]"))).await.unwrap();
    span_texts[1].clear().await.unwrap();
    span_texts[1].send_keys("Place").await.unwrap();
    save(c, "question-spans").await;
    set_checkbox(c, &item("question-note", "input[name=use_markdown]"), true).await;
    save(c, "question-note").await;
    type_into(c, &item("question-stars", "input[name=title]"), "How many stars?").await;
    save(c, "question-stars").await;
    let questions = owner.get(&format!("/datasets/{ds}/questions")).unwrap();
    let question = |name: &str| questions["items"].as_array().unwrap().iter().find(|q| q["name"] == name).unwrap().clone();
    let label = question("label");
    assert_eq!((label["title"].clone(), label["description"].clone()), (json!("Which label?"), json!("Pick one.")));
    let order: Vec<(String, String)> = label["settings"]["options"].as_array().unwrap().iter()
        .map(|o| (o["value"].as_str().unwrap().to_owned(), o["text"].as_str().unwrap().to_owned())).collect();
    assert_eq!(order, [("a", "Alpha"), ("c", "C"), ("b", "B"), ("d", "D")].map(|(v, t)| (v.to_owned(), t.to_owned())));
    assert_eq!(label["settings"]["visible_options"], 3);
    assert_eq!(question("multi")["settings"]["options_order"], "suggestion");
    assert_eq!(question("spans")["settings"]["options"][1]["text"], "Place");
    assert_eq!(question("note")["settings"]["use_markdown"], true);
    assert_eq!(question("stars")["title"], "How many stars?");

    // Metadata and vectors.
    type_into(c, &item("metadata-source", "input[name=title]"), "Origin").await;
    set_checkbox(c, &item("metadata-source", "input[name=visible_for_annotators]"), false).await;
    save(c, "metadata-source").await;
    type_into(c, &item("vector-emb", "input[name=title]"), "Embedding").await;
    save(c, "vector-emb").await;
    let metadata = owner.get(&format!("/me/datasets/{ds}/metadata-properties")).unwrap();
    assert_eq!(metadata["items"][0]["title"], "Origin");
    assert_eq!(metadata["items"][0]["visible_for_annotators"], false);
    assert_eq!(owner.get(&format!("/datasets/{ds}/vectors-settings")).unwrap()["items"][0]["title"], "Embedding");

    // A reload shows what was saved; the annotation page shows it to annotators.
    c.refresh().await.unwrap();
    assert_eq!(find(c, &item("question-label", "input[name=title]")).await.prop("value").await.unwrap().as_deref(), Some("Which label?"));
    c.delete_all_cookies().await.ok();
    js(c, "localStorage.clear(); sessionStorage.clear(); return null").await;
    open_dataset(c, ctx, &ds).await;
    wait_text(c, "[data-testid=dataset-title]", "the new name", |t| t == "settings-renamed").await;
    wait_text(c, "[data-field=text] .field-title", "the field title", |t| t.eq_ignore_ascii_case("Story")).await;
    let labels = wait_texts(c, "[data-question=label] .option", "the options in the new order", |t| t.len() >= 3).await;
    assert!(labels[0].contains("Alpha") && labels[1].contains('C') && labels[2].contains('B'), "{labels:?}");
    wait_text(c, "[data-question=stars] .question-title", "the rating title", |t| t.eq_ignore_ascii_case("How many stars?")).await;
    find(c, ".head-actions button[aria-expanded]").await.click().await.unwrap(); // Guidelines
    wait_text(c, ".guidelines h2", "the guidelines", |t| t == "Read this").await;
}

async fn a_refused_setting_shows_the_reason_next_to_its_input_and_keeps_the_edits(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = settings_dataset(&owner, ctx, "settings-refused");
    open_settings(c, ctx, OWNER, &ds).await;

    // A name another dataset of the workspace has.
    type_into(c, &item("general", "input[name=name]"), harness::seed::DEMO_DATASET).await;
    type_into(c, &item("general", "textarea[name=guidelines]"), "Kept guidelines").await;
    find(c, &item("general", "[data-action=save]")).await.click().await.unwrap();
    let reason = wait_text(c, &item("general", "[data-error-for=name]"), "the reason by the name", |t| !t.is_empty()).await;
    assert_eq!(reason, "Another dataset in this workspace has this name.");
    assert_eq!(find(c, &item("general", "textarea[name=guidelines]")).await.prop("value").await.unwrap().as_deref(), Some("Kept guidelines"));
    assert_eq!(find(c, &item("general", "input[name=name]")).await.prop("value").await.unwrap().as_deref(), Some(harness::seed::DEMO_DATASET));
    assert_eq!(owner.get(&format!("/datasets/{ds}")).unwrap()["guidelines"], "Old guidelines", "nothing saved half-way");

    // Fix the name; now the server refuses guidelines over its 10,000 characters.
    type_into(c, &item("general", "input[name=name]"), "settings-refused-2").await;
    js(c, "const t = document.querySelector(\"[data-settings-item='general'] textarea[name=guidelines]\"); t.value = 'x'.repeat(10001); t.dispatchEvent(new Event('input', {bubbles: true})); return null").await;
    find(c, &item("general", "[data-action=save]")).await.click().await.unwrap();
    let reason = wait_text(c, &item("general", "[data-error-for=guidelines]"), "the server's reason by the guidelines", |t| !t.is_empty()).await;
    assert!(reason.contains("10000"), "{reason}");
    assert_eq!(find(c, &item("general", "input[name=name]")).await.prop("value").await.unwrap().as_deref(), Some("settings-refused-2"), "the other edit is kept");
    assert_eq!(owner.get(&format!("/datasets/{ds}")).unwrap()["name"], "settings-refused", "nothing saved half-way");

    // A check made before sending: too few visible options.
    type_into(c, &item("question-label", "input[name=visible_options]"), "2").await;
    find(c, &item("question-label", "[data-action=save]")).await.click().await.unwrap();
    wait_text(c, &item("question-label", "[data-error-for=visible_options]"), "the rule", |t| t.contains("Between 3")).await;
    assert!(owner.get(&format!("/datasets/{ds}/questions")).unwrap()["items"][0]["settings"]["visible_options"].is_null());
}

async fn deleting_a_dataset_needs_its_exact_name_and_says_what_goes(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = settings_dataset(&owner, ctx, "settings-delete-me");
    open_settings(c, ctx, OWNER, &ds).await;
    let zone = find(c, "[data-section=danger]").await.text().await.unwrap();
    assert!(zone.contains("2 records") && zone.contains("0 answers"), "{zone}");
    find(c, "[data-section=danger] a[href*='/backup?dataset=']").await;
    let button = find(c, "[data-action=delete-dataset]").await;
    type_into(c, "input[name=confirm-delete]", "settings-delete-m").await;
    assert_eq!(button.attr("disabled").await.unwrap().is_some(), true, "not the exact name");
    type_into(c, "input[name=confirm-delete]", "settings-delete-me").await;
    assert!(button.attr("disabled").await.unwrap().is_none());
    button.click().await.unwrap();
    wait_url(c, "home", |u| u.trim_end_matches('/') == ctx.main.url().trim_end_matches('/')).await;
    assert_eq!(owner.status_of(&format!("/datasets/{ds}")), 404);
}

async fn an_annotator_sees_the_settings_without_any_edit_control(ctx: &Ctx, c: &Client) {
    let ds = &ctx.demo.dataset_id;
    open_settings(c, ctx, harness::seed::ANNOTATOR, ds).await;
    find(c, "[data-testid=read-only]").await;
    find(c, "[data-settings-item='question-sentiment'] dd").await;
    let controls = js(c, "return document.querySelectorAll('.settings-page input, .settings-page textarea, .settings-page select, .settings-page [data-action]').length").await;
    assert_eq!(controls, json!(0), "no edit control for an annotator");
    assert!(!exists_now(c, "[data-section=danger]").await);

    // An owner whose "who am I" cannot be read (a Space restarting) sees the settings read-only
    // at first, and the edit controls by themselves once the server says who they are.
    sign_out(c).await;
    sign_in(c, &ctx.main.url(), OWNER.0, OWNER.1).await;
    find(c, ".dataset-card").await;
    cdp(ctx.driver.port, c, "Network.enable", json!({})).await;
    cdp(ctx.driver.port, c, "Network.setBlockedURLs", json!({"urls": ["*/api/v1/me"]})).await;
    c.goto(&format!("{}/dataset/{ds}/settings", ctx.main.url())).await.unwrap();
    find(c, "[data-testid=read-only]").await;
    cdp(ctx.driver.port, c, "Network.setBlockedURLs", json!({"urls": []})).await;
    find(c, "[data-section=danger]").await;
    assert!(!exists_now(c, "[data-testid=read-only]").await, "no longer read-only");
}

async fn leaving_with_unsaved_settings_asks_first(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = settings_dataset(&owner, ctx, "settings-unsaved");
    open_settings(c, ctx, OWNER, &ds).await;
    assert!(!leave_would_ask(c).await, "nothing edited: leave freely");
    // My settings and back, within the page's bundle: a Forward to come back to.
    find(c, ".user-menu-button").await.click().await.unwrap();
    find(c, "#user-menu a[href$='/user-settings']").await.click().await.unwrap();
    wait_url(c, "my settings", |u| u.ends_with("/user-settings")).await;
    c.back().await.unwrap();
    wait_url(c, "the settings again", |u| u.ends_with("/settings")).await;
    type_into(c, &item("vector-emb", "input[name=title]"), "Half-typed").await;
    assert!(leave_would_ask(c).await, "an unsaved edit: ask before the tab closes");
    find(c, "a.button.subtle[href*='annotation-mode']").await.click().await.unwrap();
    // Asked in the page, in the app's words (a frame may suppress the browser's dialog).
    let question = leave_question(c).await;
    assert!(question.contains("unsaved"), "{question}");
    wait_until(c, "Stay focused", "return document.activeElement?.dataset.action === 'stay'").await;
    find(c, "[data-action=stay]").await.click().await.unwrap();
    wait_until(c, "the question gone", "return !document.querySelector('[data-testid=leave-question]')").await;
    assert!(c.current_url().await.unwrap().as_str().ends_with("/settings"), "stayed on the page");
    assert_eq!(find(c, &item("vector-emb", "input[name=title]")).await.prop("value").await.unwrap().as_deref(), Some("Half-typed"));
    // Forward asks too; Escape stays and keeps the address and the edit.
    c.forward().await.unwrap();
    let question = leave_question(c).await;
    assert!(question.contains("unsaved"), "{question}");
    press(c, &Key::Escape.to_string()).await;
    wait_until(c, "the question gone", "return !document.querySelector('[data-testid=leave-question]')").await;
    assert!(c.current_url().await.unwrap().as_str().ends_with("/settings"), "stayed on the page after Forward");
    assert_eq!(find(c, &item("vector-emb", "input[name=title]")).await.prop("value").await.unwrap().as_deref(), Some("Half-typed"));
    // Forward again, and leave: the move is made, the edit let go.
    c.forward().await.unwrap();
    leave_question(c).await;
    find(c, "[data-action=leave-anyway]").await.click().await.unwrap();
    wait_url(c, "my settings by Forward after all", |u| u.ends_with("/user-settings")).await;
    c.back().await.unwrap();
    wait_url(c, "the settings by Back", |u| u.ends_with("/settings")).await;
    assert_eq!(find(c, &item("vector-emb", "input[name=title]")).await.prop("value").await.unwrap().as_deref(), Some("Emb"), "left: the edit went, as asked");
    assert!(!leave_would_ask(c).await, "nothing left to lose");
    // An edit again, cancelled: nothing asks.
    type_into(c, &item("vector-emb", "input[name=title]"), "Again").await;
    find(c, &item("vector-emb", "[data-action=cancel]")).await.click().await.unwrap();
    assert!(!leave_would_ask(c).await, "cancelled: nothing left to lose");
    // Staying kept the history as it was: Forward now goes where it went, and Back returns.
    c.forward().await.unwrap();
    wait_url(c, "my settings by Forward", |u| u.ends_with("/user-settings")).await;
    c.back().await.unwrap();
    wait_url(c, "the settings by Back", |u| u.ends_with("/settings")).await;
    // A link with an edit in hand, left anyway: the annotation page.
    type_into(c, &item("vector-emb", "input[name=title]"), "Let go").await;
    find(c, "a.button.subtle[href*='annotation-mode']").await.click().await.unwrap();
    leave_question(c).await;
    find(c, "[data-action=leave-anyway]").await.click().await.unwrap();
    wait_url(c, "the annotation page", |u| u.contains("/annotation-mode")).await;
    assert_eq!(c.get_alert_text().await.ok(), None, "no browser dialog at any point");
}

/// The app's question before leaving, once shown: its text.
async fn leave_question(c: &Client) -> String {
    find(c, "[data-testid=leave-question]").await.text().await.unwrap()
}

/// The server restarts with a new signing key (as a Space does) while edits wait:
/// Save meets a 401 and the sign-in page; back on the settings, the edits are there.
async fn settings_typed_when_the_session_ends_are_there_after_signing_in_again(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = settings_dataset(&owner, ctx, "settings-after-401");
    open_settings(c, ctx, OWNER, &ds).await;
    type_into(c, &item("general", "textarea[name=guidelines]"), "Typed before the restart").await;
    type_into(c, &item("field-text", "input[name=title]"), "Kept title").await;
    ctx.main.restart_server().expect("restart argilla-server");
    find(c, &item("general", "[data-action=save]")).await.click().await.unwrap();
    wait_url(c, "sign-in", |u| u.contains("/sign-in")).await;
    submit_sign_in(c, OWNER.0, OWNER.1).await;
    wait_url(c, "back on the settings", |u| u.contains("/settings")).await;
    let guidelines = format!("return document.querySelector({:?})?.value === 'Typed before the restart'", item("general", "textarea[name=guidelines]"));
    wait_until(c, "the typed guidelines back in their box", &guidelines).await;
    let title = format!("return document.querySelector({:?})?.value === 'Kept title'", item("field-text", "input[name=title]"));
    wait_until(c, "the typed title back in its box", &title).await;
    find(c, "[data-settings-item='general'].dirty").await;
    save(c, "general").await;
    assert_eq!(ctx.main.owner_api().get(&format!("/datasets/{ds}")).unwrap()["guidelines"], "Typed before the restart");
}

/// Clicks the section nav's button named `title`.
async fn jump(c: &Client, title: &str) {
    let script = format!("const b = [...document.querySelectorAll('nav.section-nav button')].find(b => b.textContent === {title:?}); b.click(); return null");
    js(c, &script).await;
}

async fn the_section_nav_focuses_each_heading_and_an_unreadable_section_says_so(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = settings_dataset(&owner, ctx, "settings-sections");
    open_settings(c, ctx, OWNER, &ds).await;
    for (title, key) in [("Vectors", "vectors"), ("Questions", "questions"), ("Progress", "progress"), ("Danger zone", "danger")] {
        jump(c, title).await;
        let focused = format!("return document.activeElement?.matches('[data-section={key}] h2') === true");
        wait_until(c, &format!("the focus on the {key} heading"), &focused).await;
    }

    // The metadata and vector settings cannot be read: their sections say so instead of going missing.
    js(c, "const real = window.fetch; window.fetch = async (r) => { const path = new URL(r.url ?? String(r), document.baseURI).pathname; \
           if (path.endsWith('/metadata-properties') || path.endsWith('/vectors-settings')) \
             return new Response(JSON.stringify({detail: 'not now'}), {status: 500, headers: {'Content-Type': 'application/json'}}); \
           return real(r); }; return null").await;
    // Away and back within the page's bundle: the settings are read again, through the wrapped fetch.
    find(c, ".user-menu-button").await.click().await.unwrap();
    find(c, "#user-menu a[href$='/user-settings']").await.click().await.unwrap();
    wait_url(c, "my settings", |u| u.ends_with("/user-settings")).await;
    c.back().await.unwrap();
    wait_url(c, "the settings again", |u| u.ends_with("/settings")).await;
    wait_text(c, "[data-section=metadata] [data-testid=section-unreadable]", "the metadata refusal", |t| t.contains("metadata properties could not be read")).await;
    wait_text(c, "[data-section=vectors] [data-testid=section-unreadable]", "the vectors refusal", |t| t.contains("vector settings could not be read")).await;
    assert!(!exists_now(c, "[data-settings-item='vector-emb']").await);
    jump(c, "Metadata").await;
    wait_until(c, "the focus on the metadata heading", "return document.activeElement?.matches('[data-section=metadata] h2') === true").await;
    find(c, "[data-settings-item='question-label'] input[name=title]").await;
}

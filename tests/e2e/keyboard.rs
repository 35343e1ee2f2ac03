//! Without a mouse, and on a narrow phone (#19): modal dialogs keep Tab
//! inside and give the focus back to what opened them; the main pages fit
//! 320 px with every control on screen. (Answering all six question types
//! by keyboard alone is `all_six_question_types_answered_by_keyboard_are_stored_exactly`.)

use crate::annotation::{keyboard_record, keys, open_dataset, wait_other_record};
use crate::browser::*;
use crate::{Ctx, Test};
use fantoccini::key::Key;
use fantoccini::Client;
use harness::seed::create_dataset;
use harness::server::OWNER;
use serde_json::json;

pub fn tests() -> Vec<Test> {
    vec![
        test!(dialogs_keep_the_focus_inside_and_give_it_back_when_closed),
        test!(the_main_pages_fit_320_px_with_every_control_on_screen),
        test!(on_a_touch_screen_key_hints_give_way_and_options_are_finger_sized_and_described),
        test!(every_page_and_state_works_at_200_percent_zoom_in_german),
        test!(after_a_discard_and_moving_on_the_focus_is_on_the_first_question_and_the_place_is_announced),
        test!(enter_on_a_link_or_the_record_menu_does_what_they_do_and_submits_nothing),
        test!(keys_on_a_records_audio_player_play_and_seek_and_answer_nothing),
        test!(zero_picks_the_tenth_option_of_a_one_to_ten_rating),
        test!(arrow_keys_reach_options_past_the_tenth_in_a_ranking_and_a_span_question),
        test!(arrow_keys_choose_every_value_of_a_zero_to_ten_rating),
        test!(on_a_focused_queue_tab_arrows_move_between_tabs_and_backspace_discards_nothing),
        test!(with_one_key_shortcuts_kept_to_questions_a_number_outside_one_answers_nothing),
        test!(a_span_cut_in_pieces_by_the_cursor_shows_its_label_once_at_its_end),
    ]
}

/// Whether the focused element is inside `css`.
async fn focus_inside(c: &Client, css: &str) -> bool {
    js(c, &format!("return !!(document.activeElement && document.activeElement.closest({css:?}))")).await == json!(true)
}

async fn focused_is(c: &Client, css: &str) -> bool {
    js(c, &format!("return document.activeElement === document.querySelector({css:?})")).await == json!(true)
}

/// Tab and Shift+Tab, several rounds each, never leave the dialog.
async fn tab_stays_in(c: &Client, dialog: &str) {
    let (tab, back) = (Key::Tab.to_string(), format!("{}{}", Key::Shift, Key::Tab));
    for keys in [&tab, &back] {
        for i in 0..8 {
            press(c, keys).await;
            let at = js(c, "const a = document.activeElement; return a ? a.outerHTML.slice(0, 80) : null").await;
            assert!(focus_inside(c, dialog).await, "press {i} of {keys:?} left {dialog}: focus on {at}");
        }
    }
}

async fn dialogs_keep_the_focus_inside_and_give_it_back_when_closed(ctx: &Ctx, c: &Client) {
    // Import from Python on the home page, opened and closed by keyboard.
    sign_in(c, &ctx.main.url(), OWNER.0, OWNER.1).await;
    let opener = "[data-action=import-python]";
    find(c, opener).await;
    js(c, &format!("document.querySelector({opener:?}).focus(); return null")).await;
    press(c, &Key::Enter.to_string()).await;
    let dialog = "[data-testid=import-python]";
    find(c, &format!("{dialog} [data-testid=import-code]")).await;
    assert!(focus_inside(c, dialog).await, "the focus moves into the dialog");
    tab_stays_in(c, dialog).await;
    press(c, &Key::Escape.to_string()).await;
    wait_texts(c, dialog, "the dialog closed", |d| d.is_empty()).await;
    assert!(focused_is(c, opener).await, "the focus is back on Import from Python");
    sign_out(c).await;

    // The shortcuts on the annotation page: the record behind takes no keys while it is open.
    let ds = create_dataset(&ctx.main.owner_api(), &ctx.demo.main_workspace_id, "keyboard-dialogs", &keyboard_record, 2).unwrap();
    let record = open_dataset(c, ctx, &ds).await;
    let opener = "[data-action=shortcuts]";
    find(c, opener).await;
    js(c, &format!("document.querySelector({opener:?}).focus(); return null")).await;
    press(c, &Key::Enter.to_string()).await;
    let dialog = "[role=dialog][aria-label='Keyboard shortcuts']";
    find(c, dialog).await;
    assert!(focus_inside(c, dialog).await, "the focus moves into the shortcuts");
    tab_stays_in(c, dialog).await;
    press(c, "1").await;
    press(c, &Key::Enter.to_string()).await; // Close has the focus: Enter closes, it does not submit
    wait_texts(c, dialog, "the shortcuts closed", |d| d.is_empty()).await;
    assert!(focused_is(c, opener).await, "the focus is back on the Shortcuts button");
    assert!(!exists_now(c, "[data-question=sentiment] .option.selected").await, "1 did not answer behind the dialog");
    assert_eq!(current_record(c).await, record, "nothing was submitted");
    find(c, "body").await.send_keys("?").await.unwrap();
    find(c, dialog).await;
    press(c, &Key::Escape.to_string()).await;
    wait_texts(c, dialog, "closed by Escape", |d| d.is_empty()).await;
}

/// What does not fit: sideways scrolling of the page, or a control outside
/// the viewport that no scrolling container can bring in.
async fn overflow(c: &Client) -> Vec<String> {
    let found = js(
        c,
        "const w = document.documentElement.clientWidth, bad = [];
         if (document.documentElement.scrollWidth > w + 1) bad.push('the page is ' + document.documentElement.scrollWidth + ' px wide');
         const scroller = el => { for (let p = el.parentElement; p; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };
         for (const el of document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]:not([tabindex=\"-1\"])')) {
           const r = el.getBoundingClientRect(), s = getComputedStyle(el);
           // Not drawn: hidden, or inside a closed <details> (laid out, but not shown).
           if ((r.width === 0 && r.height === 0) || !el.checkVisibility({visibilityProperty: true}) || el.closest('.sr-only')) continue;
           if ((r.left < -1 || r.right > w + 1) && !scroller(el)) bad.push(el.outerHTML.slice(0, 90) + ' at ' + Math.round(r.left) + '..' + Math.round(r.right));
         }
         return bad;",
    )
    .await;
    found.as_array().unwrap().iter().map(|v| v.as_str().unwrap_or_default().to_owned()).collect()
}

async fn check(c: &Client, page: &str, failures: &mut Vec<String>) {
    failures.extend(overflow(c).await.into_iter().map(|f| format!("{page}: {f}")));
}

/// A phone (touch only: no hover, no keyboard): the key hints give way, a label's
/// description (a hover title elsewhere) is written out, and options are finger-sized.
async fn on_a_touch_screen_key_hints_give_way_and_options_are_finger_sized_and_described(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = harness::seed::create_simple_dataset(&owner, &ctx.demo.main_workspace_id, "touch-labels", false).unwrap();
    owner
        .post(&format!("/datasets/{ds}/questions"), json!({"name": "tone", "title": "Tone", "required": false, "settings": {"type": "label_selection",
            "options": [{"value": "calm", "text": "Calm", "description": "No exclamation marks"}, {"value": "loud", "text": "Loud"}]}}))
        .unwrap();
    owner.put(&format!("/datasets/{ds}/publish"), json!({})).unwrap();
    owner.post(&format!("/datasets/{ds}/records/bulk"), json!({"items": [{"external_id": "t-0", "fields": {"text": "Fine."}}]})).unwrap();
    cdp(ctx.driver.port, c, "Emulation.setTouchEmulationEnabled", json!({"enabled": true, "maxTouchPoints": 5})).await;
    cdp(ctx.driver.port, c, "Emulation.setDeviceMetricsOverride", json!({"width": 390, "height": 800, "deviceScaleFactor": 1, "mobile": true})).await;
    open_dataset(c, ctx, &ds).await;
    let media = js(c, "return [matchMedia('(any-pointer: coarse)').matches, matchMedia('(any-pointer: fine)').matches]").await;
    assert_eq!(media, json!([true, false]), "the browser is a touch-only device here");
    let described = find(c, "[data-question=tone] .option[aria-checked] .option-description").await;
    assert_eq!(described.text().await.unwrap(), "No exclamation marks");
    let shown = js(c, "return [...document.querySelectorAll('.option kbd, [data-action=shortcuts]')].filter(e => e.offsetParent !== null).length").await;
    assert_eq!(shown, json!(0), "no key hints on a touch-only device");
    let small = js(c, "return [...document.querySelectorAll('[data-question] .option')].filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 44).map(e => e.textContent)").await;
    assert_eq!(small, json!([]), "every option is at least 44 px tall");
}

async fn the_main_pages_fit_320_px_with_every_control_on_screen(ctx: &Ctx, c: &Client) {
    cdp(ctx.driver.port, c, "Emulation.setDeviceMetricsOverride", json!({"width": 320, "height": 720, "deviceScaleFactor": 1, "mobile": false})).await;
    // Phones draw scrollbars over the page instead of beside it.
    cdp(ctx.driver.port, c, "Emulation.setScrollbarsHidden", json!({"hidden": true})).await;
    let app = ctx.main.url();
    let mut failures = vec![];
    c.goto(&format!("{app}/sign-in")).await.unwrap();
    find(c, "#username").await;
    assert_eq!(js(c, "return document.documentElement.clientWidth").await, json!(320), "the viewport is 320 px wide");
    check(c, "sign-in", &mut failures).await;
    submit_sign_in(c, OWNER.0, OWNER.1).await;
    find(c, "[data-testid=dataset-card]").await;
    check(c, "home", &mut failures).await;
    for (path, ready, page) in [
        (format!("/dataset/{}/annotation-mode", ctx.demo.dataset_id), "[data-question=sentiment] .option", "annotation"),
        (format!("/dataset/{}/annotation-mode?view=bulk", ctx.demo.dataset_id), ".bulk-row", "bulk view"),
        (format!("/dataset/{}/settings", ctx.demo.dataset_id), "[data-section=general]", "dataset settings"),
        ("/user-settings".to_owned(), "[data-testid=my-username]", "my settings"),
        ("/backup".to_owned(), "main h1", "backup"),
        ("/people".to_owned(), "[data-testid=users] tbody tr[data-user]", "people"),
    ] {
        c.goto(&format!("{app}{path}")).await.unwrap();
        find(c, ready).await;
        check(c, page, &mut failures).await;
    }
    find(c, "tr[data-user=owner] [data-action=manage]").await.click().await.unwrap();
    find(c, "[data-testid=user-editor]").await;
    check(c, "people with a user's editor open", &mut failures).await;
    assert!(failures.is_empty(), "{} things do not fit 320 px:\n{}", failures.len(), failures.join("\n"));
}

/// 200% zoom of a 1280 × 800 window is a 640 × 400 CSS-pixel viewport drawn
/// at twice the density. The whole tour (every page and state, reached by
/// clicking through it) in German, the language with the longest words.
async fn every_page_and_state_works_at_200_percent_zoom_in_german(ctx: &Ctx, c: &Client) {
    cdp(ctx.driver.port, c, "Emulation.setDeviceMetricsOverride", json!({"width": 640, "height": 400, "deviceScaleFactor": 2, "mobile": false})).await;
    let failures = std::sync::Mutex::new(vec![]);
    crate::tour::tour(ctx, c, "localStorage.setItem('argilla-lite.lang', 'de')", |page| {
        let failures = &failures;
        async move {
            assert_eq!(js(c, "return document.documentElement.clientWidth <= 640").await, json!(true), "the viewport is 640 px wide");
            let found = overflow(c).await;
            failures.lock().unwrap().extend(found.into_iter().map(|f| format!("{page}: {f}")));
        }
    })
    .await;
    let failures = failures.into_inner().unwrap();
    assert!(failures.is_empty(), "{} things do not fit at 200% zoom:\n{}", failures.len(), failures.join("\n"));
}

/// Waits for the focus on the record's first question; then the polite live
/// region's "Record N of M, status", as (N, M, text).
async fn focus_and_announcement(c: &Client) -> (u64, u64, String) {
    let deadline = std::time::Instant::now() + WAIT;
    let mut focused = serde_json::Value::Null;
    while std::time::Instant::now() < deadline && focused != json!("sentiment") {
        focused = js(c, "const q = document.activeElement && document.activeElement.closest('.question'); return q ? q.dataset.question : null").await;
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(focused, json!("sentiment"), "the focus is on the new record's first question");
    let live = find(c, "[data-testid=position]").await;
    assert_eq!(live.attr("aria-live").await.unwrap().as_deref(), Some("polite"));
    let said = live.text().await.unwrap();
    let numbers: Vec<u64> = said.split(|ch: char| !ch.is_ascii_digit()).filter_map(|n| n.parse().ok()).collect();
    assert!(numbers.len() >= 2 && said.contains("pending"), "announced: {said:?}");
    (numbers[0], numbers[1], said)
}

/// As after a submit (saving.rs): a discard by keyboard and the arrows to the
/// next and previous record each put the focus on the first question of the
/// record now shown and announce where you are.
async fn after_a_discard_and_moving_on_the_focus_is_on_the_first_question_and_the_place_is_announced(ctx: &Ctx, c: &Client) {
    let ds = create_dataset(&ctx.main.owner_api(), &ctx.demo.main_workspace_id, "focus-after-discard", &keyboard_record, 4).unwrap();
    let first = open_dataset(c, ctx, &ds).await;
    find(c, "body").await.send_keys(&Key::Backspace.to_string()).await.unwrap();
    let second = wait_other_record(c, &first).await;
    let (at, total, said) = focus_and_announcement(c).await;
    assert_eq!((at, total), (1, 3), "after the discard the pending queue has 3 left: {said:?}");
    keys(c, &Key::Right.to_string()).await;
    let third = wait_other_record(c, &second).await;
    let (at, _, said) = focus_and_announcement(c).await;
    assert_eq!(at, 2, "the next record: {said:?}");
    keys(c, &Key::Left.to_string()).await;
    assert_eq!(wait_other_record(c, &third).await, second, "back to the record before");
    let (at, _, said) = focus_and_announcement(c).await;
    assert_eq!(at, 1, "the previous record: {said:?}");
}

/// Enter submits the record from the form, not from the page's links and menus:
/// on the record menu it opens the menu, on a link it follows it.
async fn enter_on_a_link_or_the_record_menu_does_what_they_do_and_submits_nothing(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = create_dataset(&owner, &ctx.demo.main_workspace_id, "enter-on-links", &keyboard_record, 3).unwrap();
    let first = open_dataset(c, ctx, &ds).await;
    keys(c, "1").await; // an answer ready to submit
    js(c, "document.querySelector('[data-action=record-menu]').focus()").await;
    keys(c, &Key::Enter.to_string()).await;
    wait_until(c, "the record menu open", "return document.querySelector('details.record-menu').open === true").await;
    assert_eq!(current_record(c).await, first, "the record is still shown");
    js(c, "document.querySelector('details.record-menu').open = false; document.querySelector('a.brand').focus()").await;
    keys(c, &Key::Enter.to_string()).await;
    wait_texts(c, ".dataset-card .dataset-name", "the home page, by the link", |names| !names.is_empty()).await;
    // Time for a submit to have landed, had there been one.
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    let api = crate::annotation::annotator_api(ctx);
    assert!(crate::annotation::stored_response(&api, &ds, &first).is_none(), "Enter on a link or a menu submitted the record");
}

/// The SDK's audio helper puts a player in a markdown field: Enter, Backspace and the arrows
/// on it are the player's, not submit, discard and the next record.
async fn keys_on_a_records_audio_player_play_and_seek_and_answer_nothing(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = owner.post("/datasets", json!({"name": "audio-keys", "workspace_id": ctx.demo.main_workspace_id})).unwrap()["id"].as_str().unwrap().to_owned();
    owner.post(&format!("/datasets/{ds}/fields"), json!({"name": "clip", "title": "Clip", "settings": {"type": "text", "use_markdown": true}})).unwrap();
    owner.post(&format!("/datasets/{ds}/questions"), json!({"name": "ok", "title": "Ok?", "required": true,
        "settings": {"type": "label_selection", "options": [{"value": "yes", "text": "yes"}, {"value": "no", "text": "no"}]}})).unwrap();
    owner.put(&format!("/datasets/{ds}/publish"), json!({})).unwrap();
    let player = r#"<audio controls src="data:audio/wav;base64,UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQAAAAA="></audio>"#;
    // Each with a player: the queue's order is not the order of creation.
    let again = format!("Another {player}");
    owner.post(&format!("/datasets/{ds}/records/bulk"), json!({"items": [{"fields": {"clip": player}}, {"fields": {"clip": again}}]})).unwrap();
    let first = open_dataset(c, ctx, &ds).await;
    find(c, "[data-field=clip] audio").await;
    keys(c, "1").await; // an answer ready to submit
    js(c, "document.querySelector('[data-field=clip] audio').focus(); return null").await;
    assert!(focused_is(c, "[data-field=clip] audio").await, "the player has the focus");
    for key in [Key::Enter, Key::Right, Key::Backspace] {
        press(c, &key.to_string()).await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    assert_eq!(current_record(c).await, first, "the record is still shown");
    let api = crate::annotation::annotator_api(ctx);
    assert!(crate::annotation::stored_response(&api, &ds, &first).is_none(), "a key on the player answered the record");
}

/// A dataset `name` with a yes/no question and a rating of `values`, opened on its one
/// record with the focus on the rating: (dataset id, record id).
async fn rating_record(ctx: &Ctx, c: &Client, name: &str, values: std::ops::RangeInclusive<i64>) -> (String, String) {
    let owner = ctx.main.owner_api();
    let ds = harness::seed::create_simple_dataset(&owner, &ctx.demo.main_workspace_id, name, false).unwrap();
    let values: Vec<_> = values.map(|v| json!({"value": v})).collect();
    owner.post(&format!("/datasets/{ds}/questions"), json!({"name": "score", "title": "Score", "required": true, "settings": {"type": "rating", "options": values}})).unwrap();
    owner.put(&format!("/datasets/{ds}/publish"), json!({})).unwrap();
    owner.post(&format!("/datasets/{ds}/records/bulk"), json!({"items": [{"fields": {"text": "Rate me"}}]})).unwrap();
    let record = open_dataset(c, ctx, &ds).await;
    keys(c, "1").await; // ok: yes
    keys(c, &Key::Tab.to_string()).await;
    (ds, record)
}

/// A rating of 1 to 10: 1–9 pick the first nine values and 0 the tenth.
async fn zero_picks_the_tenth_option_of_a_one_to_ten_rating(ctx: &Ctx, c: &Client) {
    let (ds, record) = rating_record(ctx, c, "rating-to-ten", 1..=10).await;
    keys(c, "0").await;
    wait_texts(c, "[data-question=score] .option.selected", "10 chosen", |t| t == ["10"]).await;
    // The option is not focused, so its new state is said through the page's live region.
    let spoken = js(c, "const r = document.querySelector('[data-testid=spoken]'); return [r.textContent, r.getAttribute('aria-live')]").await;
    assert_eq!(spoken, json!(["Score: 10", "polite"]));
    let label = find(c, "[data-question=score] .option.selected").await.attr("aria-label").await.unwrap().unwrap_or_default();
    assert_eq!(label, "10 (key 0)", "the option names its key");
    keys(c, &Key::Enter.to_string()).await;
    let stored = crate::annotation::wait_response(&crate::annotation::annotator_api(ctx), &ds, &record, "submitted").await;
    assert_eq!(stored["values"]["score"]["value"], 10);
}

async fn arrow_keys_reach_options_past_the_tenth_in_a_ranking_and_a_span_question(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = harness::seed::create_simple_dataset(&owner, &ctx.demo.main_workspace_id, "twelve-options", false).unwrap();
    let options = |prefix: &str| (1..=12).map(|i| json!({"value": format!("{prefix}{i}"), "text": format!("{prefix}{i}")})).collect::<Vec<_>>();
    owner.post(&format!("/datasets/{ds}/questions"), json!({"name": "order", "title": "Order", "required": true, "settings": {"type": "ranking", "options": options("o")}})).unwrap();
    owner.post(&format!("/datasets/{ds}/questions"), json!({"name": "marks", "title": "Marks", "required": false, "settings": {"type": "span", "field": "text", "options": options("L")}})).unwrap();
    owner.put(&format!("/datasets/{ds}/publish"), json!({})).unwrap();
    owner.post(&format!("/datasets/{ds}/records/bulk"), json!({"items": [{"fields": {"text": "Alpha beta gamma"}}]})).unwrap();
    let record = open_dataset(c, ctx, &ds).await;
    keys(c, "1").await; // ok: yes
    keys(c, &Key::Tab.to_string()).await;
    // The twelfth option, by ↓, taken to the top by Shift+↑.
    keys(c, &Key::Down.to_string().repeat(12)).await;
    wait_text(c, "[data-question=order] .rank-item.cursor .rank-label", "the cursor on the twelfth", |t| t.ends_with("o12")).await;
    for _ in 0..11 {
        keys(c, &format!("{}{}{}", Key::Shift, Key::Up, Key::Null)).await;
    }
    wait_text(c, "[data-question=order] .rank-item:first-child .rank-label", "o12 first", |t| t.ends_with("o12")).await;
    assert_eq!(find(c, "[data-testid=spoken]").await.text().await.unwrap(), "o12, rank 1 of 12");
    // The span question: the first word, then ↑ from no label gives it the last, the twelfth.
    keys(c, &Key::Tab.to_string()).await;
    keys(c, &Key::Right.to_string()).await;
    // The cursor is drawn, not focused: the words under it, and then their label, are said.
    wait_text(c, "[data-testid=spoken]", "the word under the cursor said", |t| t == "“Alpha”").await;
    keys(c, &Key::Up.to_string()).await;
    wait_text(c, "[data-testid=spoken]", "the word and its label said", |t| t == "“Alpha”, L12").await;
    keys(c, &Key::Enter.to_string()).await;
    let stored = crate::annotation::wait_response(&crate::annotation::annotator_api(ctx), &ds, &record, "submitted").await;
    let order: Vec<&str> = stored["values"]["order"]["value"].as_array().unwrap().iter().map(|r| r["value"].as_str().unwrap()).collect();
    assert_eq!(order[0], "o12", "{stored}");
    assert_eq!(order[1..], ["o1", "o2", "o3", "o4", "o5", "o6", "o7", "o8", "o9", "o10", "o11"], "{stored}");
    assert_eq!(stored["values"]["marks"]["value"], json!([{"start": 0, "end": 5, "label": "L12"}]), "{stored}");
}

/// A rating of 0 to 10 has eleven values, one more than the number keys: ↑ ↓ choose
/// every one, going round, and say it.
async fn arrow_keys_choose_every_value_of_a_zero_to_ten_rating(ctx: &Ctx, c: &Client) {
    let (ds, record) = rating_record(ctx, c, "rating-zero-to-ten", 0..=10).await;
    keys(c, &Key::Up.to_string()).await;
    wait_texts(c, "[data-question=score] .option.selected", "from none, ↑ chooses the last", |t| t == ["10"]).await;
    assert_eq!(find(c, "[data-testid=spoken]").await.text().await.unwrap(), "Score: 10");
    keys(c, &Key::Down.to_string()).await;
    wait_texts(c, "[data-question=score] .option.selected", "↓ goes round to the first", |t| t == ["0"]).await;
    keys(c, &Key::Down.to_string().repeat(3)).await;
    wait_texts(c, "[data-question=score] .option.selected", "three on", |t| t == ["3"]).await;
    assert_eq!(current_record(c).await, record, "the arrows answer, they do not change the record");
    // A digit gives the rating written on it (the sixth option here), and each option names its key.
    keys(c, "5").await;
    wait_texts(c, "[data-question=score] .option.selected", "5 by its key", |t| t == ["5"]).await;
    let labels = js(c, "return [...document.querySelectorAll('[data-question=score] .option')].map(o => o.getAttribute('aria-label'))").await;
    assert_eq!(labels[5], "5 (key 5)");
    assert_eq!(labels[0], "0 (key 0)");
    assert_eq!(labels[10], "10", "no key is left for 10 on a scale with 0");
    keys(c, &Key::Enter.to_string()).await;
    let stored = crate::annotation::wait_response(&crate::annotation::annotator_api(ctx), &ds, &record, "submitted").await;
    assert_eq!(stored["values"]["score"]["value"], 5);
}

/// The queue tabs are one stop for Tab; ← → move between them as in any tab list, not
/// to another record, and Backspace on them discards nothing.
async fn on_a_focused_queue_tab_arrows_move_between_tabs_and_backspace_discards_nothing(ctx: &Ctx, c: &Client) {
    let ds = create_dataset(&ctx.main.owner_api(), &ctx.demo.main_workspace_id, "tabs-by-keyboard", &keyboard_record, 3).unwrap();
    let first = open_dataset(c, ctx, &ds).await;
    let stops = js(c, "return [...document.querySelectorAll('.queue-tabs [role=tab]')].map(t => t.tabIndex)").await;
    assert_eq!(stops, json!([0, -1, -1, -1]), "only the selected tab is a Tab stop");
    js(c, "document.querySelector('.queue-tabs [role=tab][aria-selected=true]').focus()").await;
    keys(c, &Key::Right.to_string()).await;
    assert!(focused_is(c, ".queue-tabs [role=tab]:nth-child(2)").await, "→ moves to the next tab");
    keys(c, &Key::Left.to_string()).await;
    keys(c, &Key::Left.to_string()).await;
    assert!(focused_is(c, ".queue-tabs [role=tab]:last-child").await, "← from the first goes round to the last");
    keys(c, &Key::Backspace.to_string()).await;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    assert_eq!(current_record(c).await, first, "no other record was opened");
    let api = crate::annotation::annotator_api(ctx);
    assert!(crate::annotation::stored_response(&api, &ds, &first).is_none(), "Backspace on a tab discarded the record");
    // Enter opens the focused tab.
    keys(c, &Key::Enter.to_string()).await;
    wait_until(c, "the last queue open", "return document.querySelector('.queue-tabs [role=tab]:last-child').getAttribute('aria-selected') === 'true'").await;
}

/// My settings can keep the one-character keys to questions (WCAG 2.1.4): a number typed
/// with the focus elsewhere (speech input, a stray key) then answers nothing.
async fn with_one_key_shortcuts_kept_to_questions_a_number_outside_one_answers_nothing(ctx: &Ctx, c: &Client) {
    let ds = create_dataset(&ctx.main.owner_api(), &ctx.demo.main_workspace_id, "keys-in-questions", &keyboard_record, 2).unwrap();
    let record = open_dataset(c, ctx, &ds).await;
    c.goto(&format!("{}/user-settings", ctx.main.url())).await.unwrap();
    let anywhere = find(c, "[data-testid=keys-anywhere]").await;
    assert_eq!(anywhere.prop("checked").await.unwrap().as_deref(), Some("true"), "on by default");
    anywhere.click().await.unwrap();
    c.goto(&format!("{}/dataset/{ds}/annotation-mode", ctx.main.url())).await.unwrap();
    assert_eq!(current_record(c).await, record);
    let selected = "[data-question=sentiment] .option.selected";
    js(c, "document.activeElement.blur()").await;
    find(c, "body").await.send_keys("1").await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert!(!exists_now(c, selected).await, "a number outside a question answered");
    js(c, "document.querySelector('[data-question=sentiment]').focus()").await;
    keys(c, "1").await;
    find(c, selected).await;
    js(c, "localStorage.removeItem('argilla-lite.keys-anywhere')").await;
}

/// The keyboard cursor over part of a span cuts it in pieces: the label is written once,
/// after the span's last piece, not after every piece.
async fn a_span_cut_in_pieces_by_the_cursor_shows_its_label_once_at_its_end(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ds = harness::seed::create_simple_dataset(&owner, &ctx.demo.main_workspace_id, "span-label-once", false).unwrap();
    let options: Vec<_> = ["PER", "LOC"].iter().map(|v| json!({"value": v, "text": v})).collect();
    owner.post(&format!("/datasets/{ds}/questions"), json!({"name": "marks", "title": "Marks", "required": false, "settings": {"type": "span", "field": "text", "options": options}})).unwrap();
    owner.put(&format!("/datasets/{ds}/publish"), json!({})).unwrap();
    owner.post(&format!("/datasets/{ds}/records/bulk"), json!({"items": [{"fields": {"text": "Alpha beta gamma"}}]})).unwrap();
    open_dataset(c, ctx, &ds).await;
    keys(c, "1").await; // ok: yes
    keys(c, &Key::Tab.to_string()).await;
    keys(c, &Key::Right.to_string()).await;
    keys(c, &format!("{}{}{}", Key::Shift, Key::Right, Key::Null)).await;
    keys(c, "1").await; // PER on "Alpha beta"
    wait_texts(c, "[data-field=text] .span-mark", "the span drawn", |t| t.concat() == "Alpha beta").await;
    keys(c, &Key::Left.to_string()).await; // the cursor on "Alpha" alone: the span is cut in two
    wait_texts(c, "[data-field=text] .span-mark", "the span in two pieces", |t| t.len() == 2 && t[0] == "Alpha").await;
    let written = js(c, "return [...document.querySelectorAll('[data-field=text] .span-mark')].map(m => getComputedStyle(m, '::after').content)").await;
    assert_eq!(written, json!(["none", "\"PER\""]), "the label once, after the last piece");
}

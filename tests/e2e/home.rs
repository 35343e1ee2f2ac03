//! The home page's filters and progress, and the persistent-storage banner.

use crate::annotation::keyboard_record;
use crate::browser::*;
use crate::{Ctx, Test};
use fantoccini::Client;
use harness::seed::{create_dataset, ANNOTATOR, DEMO_DATASET, DRAFT_DATASET, PRIVATE_DATASET};
use harness::server::OWNER;
use harness::Api;
use serde_json::json;

pub fn tests() -> Vec<Test> {
    vec![
        test!(banner_warns_everyone_on_a_space_without_storage_with_text_by_role),
        test!(no_banner_on_a_server_that_is_not_a_space),
        test!(a_cards_numbers_that_fail_to_load_come_on_a_later_try),
        test!(dismissed_banner_stays_hidden_until_a_new_browser_session),
        test!(workspace_filter_and_search_narrow_the_list_and_survive_reload),
        test!(the_dataset_search_ignores_case_in_any_alphabet),
        test!(card_progress_matches_the_api_after_an_answer),
        test!(draft_datasets_are_marked_and_not_clickable_for_annotators),
        test!(last_activity_reads_as_time_ago_with_the_exact_local_time_on_hover),
        test!(table_layout_is_remembered_in_this_browser),
        test!(import_from_python_gives_working_sdk_code_with_this_servers_url_and_my_key),
    ]
}

async fn banner_text(c: &Client) -> String {
    wait_text(c, "[data-testid=storage-banner]", "the storage banner", |t| !t.is_empty()).await
}

async fn banner_warns_everyone_on_a_space_without_storage_with_text_by_role(ctx: &Ctx, c: &Client) {
    c.goto(&format!("{}/sign-in", ctx.space.url())).await.unwrap();
    let signed_out = banner_text(c).await;
    assert!(signed_out.contains("will be lost when the Space restarts"), "{signed_out}");
    let role = find(c, "[data-testid=storage-banner]").await.attr("role").await.unwrap();
    assert_eq!(role.as_deref(), Some("alert"));
    let learn_more = find(c, "[data-testid=storage-banner] a").await;
    assert_eq!(learn_more.attr("target").await.unwrap().as_deref(), Some("_blank"));
    assert!(learn_more.attr("href").await.unwrap().unwrap().contains("#persistent-storage"));

    sign_in(c, &ctx.space.url(), ANNOTATOR.0, ANNOTATOR.1).await;
    let annotator = wait_text(c, "[data-testid=storage-banner]", "the annotator's text", |t| {
        t.contains("will be lost") && !t.contains("If you own")
    })
    .await;
    assert!(!annotator.contains("enable persistent storage"), "annotators get no owner instructions: {annotator}");

    sign_out(c).await;
    wait_url(c, "sign-in", |u| u.ends_with("/sign-in")).await;
    sign_in(c, &ctx.space.url(), OWNER.0, OWNER.1).await;
    wait_text(c, "[data-testid=storage-banner]", "the owner's instructions", |t| {
        t.contains("will be lost")
            && t.contains("enable persistent storage in the Space settings")
            && t.contains("make a copy of your datasets")
    })
    .await;
}

async fn no_banner_on_a_server_that_is_not_a_space(ctx: &Ctx, c: &Client) {
    c.goto(&format!("{}/sign-in", ctx.main.url())).await.unwrap();
    find(c, "main[data-settings=checked]").await;
    assert!(!exists_now(c, "[data-testid=storage-banner]").await);
    sign_in(c, &ctx.main.url(), OWNER.0, OWNER.1).await;
    find(c, ".dataset-card").await;
    assert!(!exists_now(c, "[data-testid=storage-banner]").await);
}

async fn dismissed_banner_stays_hidden_until_a_new_browser_session(ctx: &Ctx, c: &Client) {
    c.goto(&format!("{}/sign-in", ctx.space.url())).await.unwrap();
    banner_text(c).await;
    find(c, "[data-testid=storage-banner] button").await.click().await.unwrap();
    assert!(!exists_now(c, "[data-testid=storage-banner]").await);
    c.refresh().await.unwrap();
    find(c, "main[data-settings=checked]").await;
    assert!(!exists_now(c, "[data-testid=storage-banner]").await, "still dismissed after a reload");

    let fresh = ctx.driver.browser(json!({})).await;
    fresh.goto(&format!("{}/sign-in", ctx.space.url())).await.unwrap();
    let back = banner_text(&fresh).await;
    let _ = fresh.close().await;
    assert!(back.contains("will be lost"), "a new browser session shows it again");
}

async fn workspace_filter_and_search_narrow_the_list_and_survive_reload(ctx: &Ctx, c: &Client) {
    sign_in(c, &ctx.main.url(), OWNER.0, OWNER.1).await;
    find(c, ".dataset-card").await;
    let private_box = find(c, ".workspace-option:has(input) input").await;
    // The options are sorted by name: "argilla", then "private".
    let options = c.find_all(fantoccini::Locator::Css(".workspace-option")).await.unwrap();
    assert_eq!(options.len(), 2);
    drop(private_box);
    let private_label = texts(c, ".workspace-option").await;
    assert!(private_label[1].contains("private") && private_label[1].contains('1'), "count per workspace: {private_label:?}");
    options[1].find(fantoccini::Locator::Css("input")).await.unwrap().click().await.unwrap();
    wait_texts(c, ".dataset-card .dataset-name", "only the private dataset", |t| t == [PRIVATE_DATASET]).await;
    wait_url(c, "the filter in the URL", |u| u.contains("workspaces=private")).await;
    c.refresh().await.unwrap();
    wait_texts(c, ".dataset-card .dataset-name", "still only the private dataset", |t| t == [PRIVATE_DATASET]).await;

    c.goto(&format!("{}/", ctx.main.url())).await.unwrap();
    type_into(c, ".dataset-search", "all-quest").await;
    wait_texts(c, ".dataset-card .dataset-name", "only the demo dataset", |t| t == [DEMO_DATASET]).await;
    wait_url(c, "the search in the URL", |u| u.contains("q=all-quest")).await;
    c.refresh().await.unwrap();
    wait_texts(c, ".dataset-card .dataset-name", "still only the demo dataset", |t| t == [DEMO_DATASET]).await;
    type_into(c, ".dataset-search", "zzz-nothing").await;
    find(c, "[data-testid=no-match]").await;
}

/// Case folding beyond ASCII (the browser's own, see src/text.rs): "écOLE STR" finds "ÉCOLE Straße".
async fn the_dataset_search_ignores_case_in_any_alphabet(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let name = "ÉCOLE Straße Ωmega";
    // Published, as the other tests expect the only draft dataset to be the demo's.
    create_dataset(&owner, &ctx.demo.main_workspace_id, name, &keyboard_record, 1).unwrap();
    sign_in(c, &ctx.main.url(), OWNER.0, OWNER.1).await;
    find(c, ".dataset-card").await;
    type_into(c, ".dataset-search", "écOLE STR").await;
    wait_texts(c, ".dataset-card .dataset-name", "the dataset whatever the case", |t| t == [name]).await;
    type_into(c, ".dataset-search", "ωMEGA").await;
    wait_texts(c, ".dataset-card .dataset-name", "a Greek capital too", |t| t == [name]).await;
    type_into(c, ".dataset-search", "ecole").await;
    find(c, "[data-testid=no-match]").await;
    // Cards come and go as the search changes: what they read once is not asked again.
    let reads = "return performance.getEntriesByType('resource').filter(e => /\\/(progress|metrics)(\\?|$)/.test(e.name)).length";
    type_into(c, ".dataset-search", "é").await;
    wait_texts(c, ".dataset-card:has([data-testid=field-types]) .dataset-name", "a card with its numbers", |t| t.contains(&name.to_owned())).await;
    let before = js(c, reads).await.as_u64().unwrap();
    assert!(before > 0, "the cards read their numbers");
    for search in ["éc", "éco", "é", "", "é"] {
        type_into(c, ".dataset-search", search).await;
    }
    wait_texts(c, ".dataset-card:has([data-testid=field-types]) .dataset-name", "the card with its numbers again", |t| t.contains(&name.to_owned())).await;
    assert_eq!(js(c, reads).await.as_u64().unwrap(), before, "numbers asked again as the search changed");
}

/// The id of a record the user behind `api` has not answered yet.
pub(crate) fn pending_record(api: &Api, dataset_id: &str) -> String {
    let found = api
        .post(
            &format!("/me/datasets/{dataset_id}/records/search?limit=1"),
            json!({"query": {}, "filters": {"and": [
                {"type": "terms", "scope": {"entity": "response", "property": "status"}, "values": ["pending"]}]}}),
        )
        .unwrap();
    found["items"][0]["record"]["id"].as_str().unwrap().to_owned()
}

async fn card_progress_matches_the_api_after_an_answer(ctx: &Ctx, c: &Client) {
    let api = Api::sign_in(&ctx.main.url(), ANNOTATOR.0, ANNOTATOR.1).unwrap();
    let ds = &ctx.demo.dataset_id;
    let record_id = pending_record(&api, ds);
    api.post(
        &format!("/records/{record_id}/responses"),
        json!({"status": "submitted", "values": {"sentiment": {"value": "positive"}}}),
    )
    .unwrap();
    let mine = api.get(&format!("/me/datasets/{ds}/metrics")).unwrap()["responses"].clone();
    let team = api.get(&format!("/datasets/{ds}/progress")).unwrap();
    assert!(mine["submitted"].as_u64().unwrap() >= 1);

    sign_in(c, &ctx.main.url(), ANNOTATOR.0, ANNOTATOR.1).await;
    let card = format!(".dataset-card:has([href$='{ds}/annotation-mode'])");
    let expected_mine = format!(
        "You: {} submitted · {} draft · {} discarded · {} pending",
        mine["submitted"], mine["draft"], mine["discarded"], mine["pending"]
    );
    wait_text(c, &format!("{card} [data-testid=my-progress]"), "the user's counts", |t| t == expected_mine).await;
    let questions = api.get(&format!("/datasets/{ds}/questions")).unwrap();
    let mut types: Vec<&str> = vec![];
    for q in questions["items"].as_array().unwrap() {
        let label = match q["settings"]["type"].as_str().unwrap() {
            "label_selection" => "Label",
            "multi_label_selection" => "Multi-label",
            "rating" => "Rating",
            "text" => "Text",
            "ranking" => "Ranking",
            "span" => "Span",
            other => panic!("unexpected question type {other}"),
        };
        if !types.contains(&label) {
            types.push(label);
        }
    }
    assert_eq!(types.len(), 6, "the demo dataset has one question of each type");
    wait_texts(c, &format!("{card} [data-testid=question-types] .type-chip"), "the question type chips", |t| t == types).await;
    // The demo dataset's two fields are text fields: one chip.
    let fields = api.get(&format!("/datasets/{ds}/fields")).unwrap();
    assert!(fields["items"].as_array().unwrap().iter().all(|f| f["settings"]["type"] == "text"));
    wait_texts(c, &format!("{card} [data-testid=field-types] .type-chip"), "the field type chips", |t| t == ["Text"]).await;
    let (completed, total) = (team["completed"].as_u64().unwrap(), team["total"].as_u64().unwrap());
    let expected_team = format!("Team: {}% completed of {} records", completed * 100 / total, total);
    wait_text(c, &format!("{card} [data-testid=team-progress]"), "the team's progress", |t| t == expected_team).await;

    // The stacked bar has one part per non-zero count, holding that count.
    let mut expected_parts = vec![];
    for status in ["submitted", "draft", "discarded", "pending"] {
        let n = mine[status].as_u64().unwrap();
        if n > 0 {
            expected_parts.push(format!("{status}={n}"));
        }
    }
    let parts = js(c, &format!(
        "return [...document.querySelectorAll(\"{card} .stacked-bar .part\")].map(p => p.classList[1] + '=' + p.dataset.count)"
    )).await;
    assert_eq!(parts, json!(expected_parts));
    // The avatars are the initials of who answered, as /progress lists them.
    let contributors: Vec<String> = team["users"].as_array().unwrap().iter().map(|u| u["username"].as_str().unwrap().to_owned()).collect();
    assert!(contributors.contains(&ANNOTATOR.0.to_owned()), "{contributors:?}");
    let avatars = js(c, &format!("return [...document.querySelectorAll(\"{card} .avatar[data-username]\")].map(a => a.dataset.username)")).await;
    let expected_avatars: Vec<&String> = contributors.iter().take(5).collect();
    assert_eq!(avatars, json!(expected_avatars));
    let initials = find(c, &format!("{card} .avatar[data-username={}]", ANNOTATOR.0)).await.text().await.unwrap();
    assert_eq!(initials, "AN");
}

async fn last_activity_reads_as_time_ago_with_the_exact_local_time_on_hover(ctx: &Ctx, c: &Client) {
    let api = Api::sign_in(&ctx.main.url(), OWNER.0, OWNER.1).unwrap();
    let ds = &ctx.demo.dataset_id;
    let dataset = api.get(&format!("/datasets/{ds}")).unwrap();
    let activity = dataset["last_activity_at"].as_str().or(dataset["updated_at"].as_str()).unwrap().to_owned();
    sign_in(c, &ctx.main.url(), OWNER.0, OWNER.1).await;
    let updated = format!(".dataset-card:has([href$='{ds}/annotation-mode']) [data-testid=updated]");
    let text = wait_text(c, &updated, "the relative time", |t| t.starts_with("Updated ")).await;
    // The server's time is UTC without a zone: the page must read it as UTC.
    let datetime = find(c, &updated).await.attr("datetime").await.unwrap().unwrap();
    assert_eq!(&datetime[..19], &activity[..19], "same instant as the API's {activity}");
    assert!(datetime.ends_with('Z'), "{datetime}");
    let minutes = js(c, &format!("return Math.round((Date.now() - Date.parse('{datetime}')) / 60000)")).await.as_i64().unwrap();
    let expected = match minutes {
        0 => "Updated just now".to_owned(),
        1 => "Updated 1 minute ago".to_owned(),
        n if n < 60 => format!("Updated {n} minutes ago"),
        _ => panic!("the demo data was written {minutes} minutes ago?"),
    };
    // The boundary (45 s, half a minute) may fall between the two readings.
    assert!(text == expected || minutes <= 1 || text == format!("Updated {} minutes ago", minutes - 1), "{text:?} vs {expected:?}");
    let title = find(c, &updated).await.attr("title").await.unwrap().unwrap();
    // Medium date, short time, in the page's language (English here).
    let local = js(c, &format!(
        "return new Date('{datetime}').toLocaleString(document.documentElement.lang, {{dateStyle: 'medium', timeStyle: 'short'}})"
    )).await;
    assert_eq!(json!(title), local, "the exact local time on hover");
}

async fn table_layout_is_remembered_in_this_browser(ctx: &Ctx, c: &Client) {
    sign_in(c, &ctx.main.url(), ANNOTATOR.0, ANNOTATOR.1).await;
    find(c, ".dataset-card").await;
    assert!(exists_now(c, "ul.dataset-list:not(.table)").await, "cards by default");
    assert_eq!(find(c, "[data-layout=cards]").await.attr("aria-pressed").await.unwrap().as_deref(), Some("true"));
    find(c, "[data-layout=table]").await.click().await.unwrap();
    find(c, "ul.dataset-list.table").await;
    assert_eq!(find(c, "[data-layout=table]").await.attr("aria-pressed").await.unwrap().as_deref(), Some("true"));
    c.refresh().await.unwrap();
    find(c, "ul.dataset-list.table .dataset-card").await;
    // A row is one line at desktop width: name, meta and progress side by side.
    let one_line = js(c, "const r = document.querySelector('.dataset-list.table .card-body'); const [a, b] = ['.dataset-name', '.dataset-meta'].map(s => r.querySelector(s).getBoundingClientRect()); return a.top < b.bottom && b.top < a.bottom && a.right <= b.left").await;
    assert_eq!(one_line, json!(true));
    find(c, "[data-layout=cards]").await.click().await.unwrap();
    c.refresh().await.unwrap();
    find(c, ".dataset-card").await;
    assert!(exists_now(c, "ul.dataset-list:not(.table)").await, "back to cards after a reload");
}

async fn import_from_python_gives_working_sdk_code_with_this_servers_url_and_my_key(ctx: &Ctx, c: &Client) {
    // The based server: its URL has a base path, and the code is run for real.
    let app = ctx.based.url();
    sign_in(c, &app, ANNOTATOR.0, ANNOTATOR.1).await;
    find(c, ".dataset-card").await;
    assert!(!exists_now(c, "[data-action=import-python]").await, "annotators cannot create datasets");
    sign_out(c).await;
    wait_url(c, "sign-in", |u| u.ends_with("/sign-in")).await;

    sign_in(c, &app, OWNER.0, OWNER.1).await;
    find(c, "[data-action=import-python]").await.click().await.unwrap();
    let owner = Api::sign_in(&app, OWNER.0, OWNER.1).unwrap();
    let key = owner.get("/me").unwrap()["api_key"].as_str().unwrap().to_owned();
    let hidden = wait_text(c, "[data-testid=import-code]", "the code", |t| t.contains("rg.Argilla(")).await;
    assert!(!hidden.contains(&key), "the key is hidden until asked for: {hidden}");
    find(c, "[data-testid=import-python] [data-action=show-api-key]").await.click().await.unwrap();
    let code = wait_text(c, "[data-testid=import-code]", "the code with the key", |t| t.contains(&key)).await;
    assert!(code.contains(&format!("api_url=\"{app}\"")), "this server's URL with its base path: {code}");

    js(c, "window.__copied = []; navigator.clipboard.writeText = t => { window.__copied.push(t); return Promise.resolve(); }").await;
    find(c, "[data-action=copy-import-code]").await.click().await.unwrap();
    wait_text(c, "[data-testid=import-python] [data-testid=copied]", "a confirmation", |t| t == "Code copied.").await;
    // (WebDriver's text drops the code's final newline.)
    assert_eq!(js(c, "return window.__copied").await, json!([format!("{code}\n")]));

    let out = std::process::Command::new(harness::paths::sdk_python())
        .args(["-W", "ignore", "-c", &code])
        .output()
        .expect("the SDK venv (scripts/setup.sh makes it)");
    assert!(out.status.success(), "the dialog's code failed: {} {}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let created = owner.get("/me/datasets").unwrap()["items"].as_array().unwrap().iter()
        .find(|d| d["name"] == "my-first-dataset").cloned().expect("the code created the dataset");
    let progress = owner.get(&format!("/datasets/{}/progress", created["id"].as_str().unwrap())).unwrap();
    owner.delete(&format!("/datasets/{}", created["id"].as_str().unwrap())).unwrap();
    assert_eq!(progress["total"], 2, "and logged its two records");

    c.active_element().await.unwrap().send_keys(&fantoccini::key::Key::Escape.to_string()).await.unwrap();
    assert!(!exists_now(c, "[data-testid=import-python]").await, "Escape closes the dialog");
}

async fn draft_datasets_are_marked_and_not_clickable_for_annotators(ctx: &Ctx, c: &Client) {
    sign_in(c, &ctx.main.url(), ANNOTATOR.0, ANNOTATOR.1).await;
    // The demo's draft dataset's card, found by its name (other tests may add drafts of their own).
    let card_state = || async {
        wait_texts(c, ".dataset-card .dataset-name", "the draft dataset's card", |names| names.iter().any(|n| n == DRAFT_DATASET)).await;
        let script = format!(
            "const card = [...document.querySelectorAll('.dataset-card')].find((c) => c.querySelector('.dataset-name')?.textContent.trim() === {name:?});
             return [!!card.querySelector('.badge.draft'), !!card.querySelector('a'), !!card.querySelector('a.card-link'), !!card.querySelector('[aria-disabled=true]')];",
            name = DRAFT_DATASET
        );
        serde_json::from_value::<[bool; 4]>(js(c, &script).await).unwrap()
    };
    let [draft, link, _, disabled] = card_state().await;
    assert!(draft, "the draft dataset is marked as a draft");
    assert!(!link, "no link on a draft dataset for annotators");
    assert!(disabled, "the draft dataset's card is disabled for annotators");
    c.goto(&format!("{}/", ctx.main.url())).await.unwrap();
    sign_out(c).await;
    wait_url(c, "sign-in", |u| u.ends_with("/sign-in")).await;
    sign_in(c, &ctx.main.url(), OWNER.0, OWNER.1).await;
    let [draft, _, card_link, _] = card_state().await;
    assert!(draft, "the draft dataset is marked as a draft for the owner");
    assert!(card_link, "owners can open a draft dataset");
}

/// A Space restarting fails a card's requests for a moment: the card asks again and shows
/// its numbers, instead of staying without them.
async fn a_cards_numbers_that_fail_to_load_come_on_a_later_try(ctx: &Ctx, c: &Client) {
    c.goto(&format!("{}/sign-in", ctx.main.url())).await.unwrap();
    cdp(ctx.driver.port, c, "Network.enable", serde_json::json!({})).await;
    cdp(ctx.driver.port, c, "Network.setBlockedURLs", json!({"urls": ["*/progress"]})).await;
    find(c, "#username").await;
    submit_sign_in(c, ANNOTATOR.0, ANNOTATOR.1).await;
    let team_of_demo = format!("const card = [...document.querySelectorAll('.dataset-card')].find(c => c.querySelector('.dataset-name').textContent.trim() === {DEMO_DATASET:?}); \
        const p = card && card.querySelector('[data-testid=team-progress]'); return p ? p.textContent : null");
    // The card's first try has failed.
    wait_until(c, "a card's first try", "return performance.getEntriesByType('resource').some(e => e.name.endsWith('/progress'))").await;
    assert_eq!(js(c, &team_of_demo).await, json!(null), "no numbers while the server fails");
    cdp(ctx.driver.port, c, "Network.setBlockedURLs", json!({"urls": []})).await;
    wait_until(c, "the team's numbers on a later try", &format!("const f = () => {{ {team_of_demo} }}; const t = f(); return !!t && t.startsWith('Team:')")).await;
    let team = js(c, &team_of_demo).await.as_str().unwrap_or_default().to_owned();
    assert!(team.contains("records"), "{team}");
}

//! The home page's filters and progress, and the persistent-storage banner.

use crate::browser::*;
use crate::{Ctx, Test};
use fantoccini::Client;
use harness::seed::{ANNOTATOR, DEMO_DATASET, DRAFT_DATASET, PRIVATE_DATASET};
use harness::server::OWNER;
use harness::Api;
use serde_json::json;

pub fn tests() -> Vec<Test> {
    vec![
        test!(banner_warns_everyone_on_a_space_without_storage_with_text_by_role),
        test!(no_banner_on_a_server_that_is_not_a_space),
        test!(dismissed_banner_stays_hidden_until_a_new_browser_session),
        test!(workspace_filter_and_search_narrow_the_list_and_survive_reload),
        test!(card_progress_matches_the_api_after_an_answer),
        test!(draft_datasets_are_marked_and_not_clickable_for_annotators),
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

async fn card_progress_matches_the_api_after_an_answer(ctx: &Ctx, c: &Client) {
    let api = Api::sign_in(&ctx.main.url(), ANNOTATOR.0, ANNOTATOR.1).unwrap();
    let ds = &ctx.demo.dataset_id;
    let found = api
        .post(
            &format!("/me/datasets/{ds}/records/search?limit=1"),
            json!({"query": {}, "filters": {"and": [
                {"type": "terms", "scope": {"entity": "response", "property": "status"}, "values": ["pending"]}]}}),
        )
        .unwrap();
    let record_id = found["items"][0]["record"]["id"].as_str().unwrap().to_owned();
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
    let expected_types = types.join(" · ");
    wait_text(c, &format!("{card} [data-testid=question-types]"), "the question types", |t| t == expected_types).await;
    let (completed, total) = (team["completed"].as_u64().unwrap(), team["total"].as_u64().unwrap());
    let expected_team = format!("Team: {}% completed of {} records", completed * 100 / total, total);
    wait_text(c, &format!("{card} [data-testid=team-progress]"), "the team's progress", |t| t == expected_team).await;
}

async fn draft_datasets_are_marked_and_not_clickable_for_annotators(ctx: &Ctx, c: &Client) {
    sign_in(c, &ctx.main.url(), ANNOTATOR.0, ANNOTATOR.1).await;
    let draft = ".dataset-card:has(.badge.draft)";
    wait_text(c, &format!("{draft} .dataset-name"), "the draft dataset", |t| t == DRAFT_DATASET).await;
    assert!(!exists_now(c, &format!("{draft} a")).await, "no link on a draft dataset for annotators");
    assert!(exists_now(c, &format!("{draft} [aria-disabled=true]")).await);
    c.goto(&format!("{}/", ctx.main.url())).await.unwrap();
    sign_out(c).await;
    wait_url(c, "sign-in", |u| u.ends_with("/sign-in")).await;
    sign_in(c, &ctx.main.url(), OWNER.0, OWNER.1).await;
    wait_text(c, &format!("{draft} .dataset-name"), "the draft dataset for the owner", |t| t == DRAFT_DATASET).await;
    assert!(exists_now(c, &format!("{draft} a.card-link")).await, "owners can open a draft dataset");
}

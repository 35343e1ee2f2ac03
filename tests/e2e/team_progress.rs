//! The team's progress on the dataset settings page (owners and admins): the
//! records' status mix and each annotator's answers, as the server counts them.

use crate::annotation::annotator_api;
use crate::browser::*;
use crate::{Ctx, Test};
use fantoccini::Client;
use harness::seed::ANNOTATOR;
use harness::server::OWNER;
use serde_json::json;

pub fn tests() -> Vec<Test> {
    vec![test!(team_chart_numbers_match_users_progress_and_annotators_do_not_see_it)]
}

async fn team_chart_numbers_match_users_progress_and_annotators_do_not_see_it(ctx: &Ctx, c: &Client) {
    let ds = &ctx.demo.dataset_id;
    // At least one draft, so the annotator's bar has two parts.
    let annotator = annotator_api(ctx);
    let record_id = crate::home::pending_record(&annotator, ds);
    annotator.post(&format!("/records/{record_id}/responses"), json!({"status": "draft", "values": {"sentiment": {"value": "neutral"}}})).unwrap();

    let owner = ctx.main.owner_api();
    let users = owner.get(&format!("/datasets/{ds}/users/progress")).unwrap();
    let records = owner.get(&format!("/datasets/{ds}/progress")).unwrap();
    sign_in(c, &ctx.main.url(), OWNER.0, OWNER.1).await;
    c.goto(&format!("{}/dataset/{ds}/settings", ctx.main.url())).await.unwrap();
    find(c, "[data-testid=annotator-chart]").await;

    let people = users["users"].as_array().unwrap();
    assert!(people.iter().any(|u| u["username"] == ANNOTATOR.0));
    for user in people {
        let name = user["username"].as_str().unwrap();
        let n = |status: &str| user["completed"][status].as_u64().unwrap_or(0) + user["pending"][status].as_u64().unwrap_or(0);
        let expected = format!("{} submitted · {} draft · {} discarded", n("submitted"), n("draft"), n("discarded"));
        let row = format!("[data-testid=annotator-chart] li[data-username='{name}']");
        wait_text(c, &format!("{row} [data-testid=annotator-counts]"), "the server's counts", |t| t == expected).await;
        let parts = js(c, &format!("return [...document.querySelectorAll(\"{row} .part\")].map(p => p.classList[1] + '=' + p.dataset.count)")).await;
        let expected_parts: Vec<String> =
            ["submitted", "draft", "discarded"].iter().filter(|s| n(s) > 0).map(|s| format!("{s}={}", n(s))).collect();
        assert_eq!(parts, json!(expected_parts), "{name}'s bar");
    }
    assert_eq!(texts(c, "[data-testid=annotator-chart] li[data-username]").await.len(), people.len());

    let mix = find(c, "[data-testid=record-status-mix]").await.text().await.unwrap();
    let (completed, pending, total) = (&records["completed"], &records["pending"], &records["total"]);
    assert!(mix.contains(&format!("{completed} completed")) && mix.contains(&format!("{pending} pending")) && mix.contains(&format!("of {total} records")), "{mix}");

    sign_out(c).await;
    wait_url(c, "sign-in", |u| u.ends_with("/sign-in")).await;
    sign_in(c, &ctx.main.url(), ANNOTATOR.0, ANNOTATOR.1).await;
    c.goto(&format!("{}/dataset/{ds}/settings", ctx.main.url())).await.unwrap();
    find(c, "[data-testid=read-only]").await;
    assert!(!exists_now(c, "[data-section=progress]").await, "annotators see no one's progress");
}

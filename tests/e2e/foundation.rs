//! Sign-in, the home list, sessions and guards: the stack end to end.

use crate::browser::*;
use crate::{Ctx, Test};
use fantoccini::Client;
use harness::seed::{ANNOTATOR, DEMO_DATASET, DRAFT_DATASET, PRIVATE_DATASET};
use harness::server::OWNER;
use harness::Api;
use std::collections::BTreeSet;

pub fn tests() -> Vec<Test> {
    vec![
        test!(wrong_password_shows_a_clear_error_and_stays_on_sign_in),
        test!(a_session_the_server_no_longer_accepts_ends_with_a_word_on_the_sign_in_page),
        test!(annotator_sees_exactly_the_datasets_of_their_workspace),
        test!(owner_sees_datasets_of_every_workspace),
        test!(reload_keeps_the_session),
        test!(sign_out_returns_to_sign_in_and_pages_need_a_session_again),
        test!(signing_out_in_one_tab_signs_out_the_others),
        test!(a_redirect_the_browser_would_fold_into_another_site_stays_in_the_app),
        test!(deep_link_while_signed_out_signs_in_and_lands_on_the_deep_link),
        test!(a_rejected_token_ends_the_session_and_returns_to_the_page_after_sign_in),
        test!(app_works_under_a_base_url_with_deep_links),
        test!(unknown_path_shows_not_found),
    ]
}

fn card_names(names: &[String]) -> BTreeSet<String> {
    names.iter().map(|s| s.trim().to_owned()).collect()
}

fn api_dataset_names(base: &str, user: &str, password: &str) -> BTreeSet<String> {
    let api = Api::sign_in(base, user, password).expect("API sign-in");
    let list = api.get("/me/datasets").expect("datasets");
    list["items"].as_array().unwrap().iter().map(|d| d["name"].as_str().unwrap().to_owned()).collect()
}

async fn wrong_password_shows_a_clear_error_and_stays_on_sign_in(ctx: &Ctx, c: &Client) {
    c.goto(&format!("{}/sign-in", ctx.main.url())).await.unwrap();
    type_into(c, "#username", ANNOTATOR.0).await;
    type_into(c, "#password", "not-the-password").await;
    find(c, "form.sign-in-form button[type=submit]").await.click().await.unwrap();
    wait_text(c, "[data-testid=sign-in-error]", "a wrong-password message", |t| {
        t.contains("Wrong username or password")
    })
    .await;
    let url = c.current_url().await.unwrap();
    assert_eq!(url.path(), "/sign-in");
    let kept = find(c, "#username").await.prop("value").await.unwrap();
    assert_eq!(kept.as_deref(), Some(ANNOTATOR.0), "the username must be kept");
    let focused = js(c, "return document.activeElement && document.activeElement.id").await;
    assert_eq!(focused, "password", "the password field gets the focus");
    assert!(!exists_now(c, "[data-testid=current-user]").await);
}

async fn annotator_sees_exactly_the_datasets_of_their_workspace(ctx: &Ctx, c: &Client) {
    sign_in(c, &ctx.main.url(), ANNOTATOR.0, ANNOTATOR.1).await;
    let expected = api_dataset_names(&ctx.main.url(), ANNOTATOR.0, ANNOTATOR.1);
    assert!(expected.contains(DEMO_DATASET) && !expected.contains(PRIVATE_DATASET));
    let shown = wait_texts(c, ".dataset-card .dataset-name", "the annotator's datasets", |t| {
        card_names(t) == expected
    })
    .await;
    assert!(!card_names(&shown).contains(PRIVATE_DATASET));
    let workspaces = texts(c, "[data-testid=dataset-workspace]").await;
    assert!(workspaces.iter().all(|w| w == "argilla"), "workspace names shown: {workspaces:?}");
    let user = find(c, "[data-testid=current-user]").await.text().await.unwrap();
    assert!(user.contains("Annotator") && user.contains("annotator"), "header shows name and role: {user}");
}

async fn owner_sees_datasets_of_every_workspace(ctx: &Ctx, c: &Client) {
    sign_in(c, &ctx.main.url(), OWNER.0, OWNER.1).await;
    let expected = api_dataset_names(&ctx.main.url(), OWNER.0, OWNER.1);
    for name in [DEMO_DATASET, PRIVATE_DATASET, DRAFT_DATASET] {
        assert!(expected.contains(name), "seed has {name}");
    }
    wait_texts(c, ".dataset-card .dataset-name", "all datasets", |t| card_names(t) == expected).await;
    let workspaces: BTreeSet<String> = texts(c, "[data-testid=dataset-workspace]").await.into_iter().collect();
    assert_eq!(workspaces, BTreeSet::from(["argilla".to_owned(), "private".to_owned()]));
}

async fn reload_keeps_the_session(ctx: &Ctx, c: &Client) {
    sign_in(c, &ctx.main.url(), ANNOTATOR.0, ANNOTATOR.1).await;
    let page = format!("{}/dataset/{}/annotation-mode", ctx.main.url(), ctx.demo.dataset_id);
    c.goto(&page).await.unwrap();
    wait_text(c, "[data-testid=dataset-title]", "the dataset name", |t| t == DEMO_DATASET).await;
    c.refresh().await.unwrap();
    wait_text(c, "[data-testid=dataset-title]", "the dataset name after reload", |t| t == DEMO_DATASET).await;
    // Still on the dataset page (the page adds its queue and position to the query).
    let url = c.current_url().await.unwrap().to_string();
    assert!(url == page || url.starts_with(&format!("{page}?status=pending")), "{url}");
    find(c, "[data-testid=current-user]").await;
}

async fn sign_out_returns_to_sign_in_and_pages_need_a_session_again(ctx: &Ctx, c: &Client) {
    sign_in(c, &ctx.main.url(), ANNOTATOR.0, ANNOTATOR.1).await;
    find(c, ".dataset-card").await;
    sign_out(c).await;
    let url = wait_url(c, "/sign-in", |u| u.ends_with("/sign-in")).await;
    assert!(!url.contains("redirect="), "a deliberate sign-out keeps no redirect: {url}");
    let stored = js(c, "return localStorage.getItem('argilla-lite.token')").await;
    assert!(stored.is_null(), "the token is gone from storage");
    let page = format!("{}/dataset/{}/annotation-mode", ctx.main.url(), ctx.demo.dataset_id);
    c.goto(&page).await.unwrap();
    wait_url(c, "sign-in with a redirect", |u| u.contains("/sign-in?redirect=")).await;
    find(c, "#username").await;
    assert!(!exists_now(c, "[data-testid=dataset-title]").await);
}

async fn signing_out_in_one_tab_signs_out_the_others(ctx: &Ctx, c: &Client) {
    sign_in(c, &ctx.main.url(), ANNOTATOR.0, ANNOTATOR.1).await;
    find(c, ".dataset-card").await;
    let first = c.window().await.unwrap();
    let second = c.new_window(true).await.unwrap().handle;
    c.switch_to_window(second.clone()).await.unwrap();
    c.goto(&ctx.main.url()).await.unwrap();
    find(c, ".dataset-card").await;
    sign_out(c).await;
    wait_url(c, "/sign-in", |u| u.ends_with("/sign-in")).await;
    c.close_window().await.unwrap();
    c.switch_to_window(first).await.unwrap();
    // The first tab is not left showing data and sending with a session signed out elsewhere.
    wait_url(c, "sign-in in the other tab", |u| u.contains("/sign-in")).await;
    find(c, "#username").await;
}

async fn a_redirect_the_browser_would_fold_into_another_site_stays_in_the_app(ctx: &Ctx, c: &Client) {
    sign_in(c, &ctx.main.url(), ANNOTATOR.0, ANNOTATOR.1).await;
    find(c, ".dataset-card").await;
    // `/..//evil.example/x` is folded by the browser into `//evil.example/x`: another site.
    for page in ["sign-in", "welcome-hf-sign-in"] {
        c.goto(&format!("{}/{page}?redirect=%2F..%2F%2Fevil.example%2Fx", ctx.main.url())).await.unwrap();
        let url = wait_url(c, "a page of the app, not the redirect's", |u| !u.contains(&format!("/{page}"))).await;
        find(c, ".dataset-card").await;
        let url_now = c.current_url().await.unwrap().to_string();
        assert!(url.starts_with(&ctx.main.url()) && url_now.starts_with(&ctx.main.url()), "left the app: {url} then {url_now}");
        assert!(!url_now.contains("evil.example"), "{url_now}");
    }
}

async fn deep_link_while_signed_out_signs_in_and_lands_on_the_deep_link(ctx: &Ctx, c: &Client) {
    let path = format!("/dataset/{}/annotation-mode", ctx.demo.dataset_id);
    c.goto(&format!("{}{path}", ctx.main.url())).await.unwrap();
    wait_url(c, "sign-in with a redirect", |u| u.contains("/sign-in?redirect=%2Fdataset%2F")).await;
    submit_sign_in(c, ANNOTATOR.0, ANNOTATOR.1).await;
    wait_url(c, "the deep link", |u| u.ends_with(&path)).await;
    wait_text(c, "[data-testid=dataset-title]", "the dataset name", |t| t == DEMO_DATASET).await;
}

async fn a_rejected_token_ends_the_session_and_returns_to_the_page_after_sign_in(ctx: &Ctx, c: &Client) {
    sign_in(c, &ctx.main.url(), ANNOTATOR.0, ANNOTATOR.1).await;
    // A well-formed, unexpired token the server did not sign: every call answers 401.
    js(
        c,
        "localStorage.setItem('argilla-lite.token', 'eyJhbGciOiJIUzI1NiJ9.' + btoa(JSON.stringify({username:'annotator',role:'annotator',exp:Math.floor(Date.now()/1000)+3600})).replace(/=+$/,'') + '.forged')",
    )
    .await;
    let path = format!("/dataset/{}/annotation-mode", ctx.demo.dataset_id);
    c.goto(&format!("{}{path}", ctx.main.url())).await.unwrap();
    wait_url(c, "sign-in after the 401", |u| u.contains("/sign-in?redirect=%2Fdataset%2F")).await;
    submit_sign_in(c, ANNOTATOR.0, ANNOTATOR.1).await;
    wait_url(c, "back on the page", |u| u.ends_with(&path)).await;
    wait_text(c, "[data-testid=dataset-title]", "the dataset name", |t| t == DEMO_DATASET).await;
}

async fn app_works_under_a_base_url_with_deep_links(ctx: &Ctx, c: &Client) {
    let base = ctx.based.url();
    assert!(base.ends_with("/argilla"));
    let page = format!("{base}/dataset/{}/annotation-mode", ctx.based_demo.dataset_id);
    c.goto(&page).await.unwrap();
    let url = wait_url(c, "sign-in under the base", |u| u.contains("/argilla/sign-in?redirect=")).await;
    assert!(url.contains("redirect=%2Fdataset%2F"), "the redirect is app-relative: {url}");
    submit_sign_in(c, ANNOTATOR.0, ANNOTATOR.1).await;
    wait_url(c, "the deep link under the base", |u| u.starts_with(&page)).await;
    wait_text(c, "[data-testid=dataset-title]", "the dataset name", |t| t == DEMO_DATASET).await;
    // The sign-in is this deployment's: another app under the same origin keeps its own.
    let kept = js(c, "return Object.keys(localStorage).filter(k => k.startsWith('argilla-lite.token'))").await;
    assert_eq!(kept, serde_json::json!(["argilla-lite.token@/argilla"]));
    // index.html finds it too: a reload goes straight to the page's own bundle, not by the sign-in one.
    c.refresh().await.unwrap();
    wait_text(c, "[data-testid=dataset-title]", "the dataset name", |t| t == DEMO_DATASET).await;
    let loaded = js(c, "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname).filter(p => p.endsWith('.wasm'))").await;
    let loaded: Vec<&str> = loaded.as_array().unwrap().iter().filter_map(|p| p.as_str()).collect();
    assert!(loaded.len() == 1 && loaded[0].contains("/argilla/argilla-lite-"), "{loaded:?}");
    // One answer under the base path reaches the server.
    let record_id = current_record(c).await;
    find(c, "[data-question=sentiment] .option:nth-child(1)").await.click().await.unwrap();
    find(c, "form.questions button[type=submit]").await.click().await.unwrap();
    let api = Api::sign_in(&base, ANNOTATOR.0, ANNOTATOR.1).unwrap();
    let ds = &ctx.based_demo.dataset_id;
    let body = serde_json::json!({"query": {}, "filters": {"and": [{"type": "terms", "scope": {"entity": "record", "property": "id"}, "values": [record_id]}]}});
    let mut stored = serde_json::Value::Null;
    for _ in 0..100 {
        stored = api.post(&format!("/me/datasets/{ds}/records/search?include=responses"), body.clone()).unwrap()["items"][0]["record"]["responses"][0].clone();
        if stored["status"] == "submitted" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(stored["values"]["sentiment"]["value"], "positive", "the answer under the base path was stored");
    find(c, ".breadcrumbs a").await.click().await.unwrap();
    wait_url(c, "home under the base", |u| u == format!("{base}/")).await;
    let expected = api_dataset_names(&base, ANNOTATOR.0, ANNOTATOR.1);
    wait_texts(c, ".dataset-card .dataset-name", "the datasets", |t| card_names(t) == expected).await;
}

async fn unknown_path_shows_not_found(ctx: &Ctx, c: &Client) {
    c.goto(&format!("{}/no/such/page", ctx.main.url())).await.unwrap();
    wait_text(c, ".not-found h1", "not found", |t| t == "Page not found").await;
}

/// The server refuses a token that still looks valid (restarted with a new secret key):
/// the sign-in page it leads to says the session ended, once.
async fn a_session_the_server_no_longer_accepts_ends_with_a_word_on_the_sign_in_page(ctx: &Ctx, c: &Client) {
    sign_in(c, &ctx.main.url(), ANNOTATOR.0, ANNOTATOR.1).await;
    // Its signature spoiled: what a new secret key makes of every old token.
    js(c, "const k = 'argilla-lite.token', t = localStorage.getItem(k).split('.'); \
           t[2] = t[2].split('').reverse().join(''); localStorage.setItem(k, t.join('.')); return 0").await;
    c.refresh().await.unwrap();
    wait_url(c, "the sign-in page", |u| u.contains("/sign-in")).await;
    let said = wait_text(c, "[data-testid=session-ended]", "why the session ended", |t| !t.is_empty()).await;
    assert_eq!(said, "Your session has ended. Please sign in again.");
    assert!(!exists_now(c, "[data-testid=current-user]").await);
    c.refresh().await.unwrap();
    find(c, "#username").await;
    assert!(!exists_now(c, "[data-testid=session-ended]").await, "said once");
}

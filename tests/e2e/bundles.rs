//! Two wasm bundles: the annotator's pages never download the owner pages'
//! code, links between them load the other bundle, and a bundle that fails to
//! download says so with Retry instead of leaving a dead page.

use crate::browser::*;
use crate::{Ctx, Test};
use fantoccini::Client;
use harness::server::OWNER;
use serde_json::json;

pub fn tests() -> Vec<Test> {
    vec![
        test!(the_annotation_page_never_downloads_the_owner_pages),
        test!(a_bundle_that_fails_to_download_offers_retry_and_then_loads),
    ]
}

/// The app's script and wasm files this page downloaded.
async fn bundles_loaded(c: &Client) -> Vec<String> {
    let names = js(c, "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname.split('/').pop()).filter(n => /\\.(js|wasm)$/.test(n))").await;
    serde_json::from_value(names).unwrap()
}

async fn the_annotation_page_never_downloads_the_owner_pages(ctx: &Ctx, c: &Client) {
    sign_in(c, &ctx.main.url(), OWNER.0, OWNER.1).await;
    c.goto(&format!("{}/dataset/{}/annotation-mode", ctx.main.url(), ctx.demo.dataset_id)).await.unwrap();
    crate::browser::current_record(c).await;
    let loaded = bundles_loaded(c).await;
    assert!(loaded.iter().any(|n| n.starts_with("argilla-lite-") && n.ends_with("_bg.wasm")), "{loaded:?}");
    assert!(!loaded.iter().any(|n| n.starts_with("owner-pages")), "the annotation page loaded owner code: {loaded:?}");
    // A link to the settings loads the owner pages' bundle, and it shows them.
    find(c, "[data-testid=dataset-settings]").await.click().await.unwrap();
    find(c, "[data-section=general]").await;
    let loaded = bundles_loaded(c).await;
    assert!(loaded.iter().any(|n| n.starts_with("owner-pages-") && n.ends_with("_bg.wasm")), "{loaded:?}");
    assert!(!loaded.iter().any(|n| n.starts_with("argilla-lite-")), "the settings page loaded the annotator's bundle: {loaded:?}");
    // And back.
    find(c, "a.button.subtle[href*='annotation-mode']").await.click().await.unwrap();
    crate::browser::current_record(c).await;
}

async fn a_bundle_that_fails_to_download_offers_retry_and_then_loads(ctx: &Ctx, c: &Client) {
    sign_in(c, &ctx.main.url(), OWNER.0, OWNER.1).await;
    cdp(ctx.driver.port, c, "Network.enable", json!({})).await;
    cdp(ctx.driver.port, c, "Network.setBlockedURLs", json!({"urls": ["*owner-pages*"]})).await;
    find(c, "[data-testid=backup-link]").await.click().await.unwrap();
    let message = wait_text(c, "#boot", "a failed load", |t| t.contains("could not be loaded")).await;
    assert!(message.contains("try again"), "{message}");
    assert_eq!(find(c, "#boot").await.attr("role").await.unwrap().as_deref(), Some("alert"));
    cdp(ctx.driver.port, c, "Network.setBlockedURLs", json!({"urls": []})).await;
    find(c, "[data-action=retry-load]").await.click().await.unwrap();
    wait_text(c, "main h1", "the backup page", |t| t == "Backup and restore").await;
    assert!(!exists_now(c, "#boot").await, "the loading message is gone");
}

//! Two wasm bundles: the annotator's pages never download the owner pages'
//! code, links between them load the other bundle, and a bundle that fails to
//! download says so with Retry instead of leaving a dead page.

use crate::browser::*;
use crate::{Ctx, Test};
use fantoccini::Client;
use harness::seed::ANNOTATOR;
use harness::server::OWNER;
use serde_json::json;

pub fn tests() -> Vec<Test> {
    vec![
        test!(the_annotation_page_never_downloads_the_owner_pages),
        test!(a_bundle_that_fails_to_download_offers_retry_and_then_loads),
        test!(the_first_records_are_asked_for_while_the_code_loads_and_only_once),
        test!(the_sign_in_pages_load_only_the_shared_stylesheet),
        test!(an_app_stopped_by_a_bug_says_so_and_reloads),
        test!(a_private_spaces_signed_parameter_rides_along_to_the_other_bundles),
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

/// huggingface.co frames a private Space at `…?__sign=<jwt>`, and its proxy wants that on
/// every page load: in-app links leave it behind, so a load of another bundle adds it.
async fn a_private_spaces_signed_parameter_rides_along_to_the_other_bundles(ctx: &Ctx, c: &Client) {
    sign_in(c, &ctx.main.url(), OWNER.0, OWNER.1).await;
    c.goto(&format!("{}/?__sign=a.b-c_d", ctx.main.url())).await.unwrap();
    find(c, &format!("a[href$='/dataset/{}/annotation-mode']", ctx.demo.dataset_id)).await.click().await.unwrap();
    crate::browser::current_record(c).await;
    // The settings are the owner pages' bundle: a new page load.
    find(c, "[data-testid=dataset-settings]").await.click().await.unwrap();
    find(c, "[data-section=general]").await;
    // The address the page was loaded at (a page may then tidy its own query).
    let loaded_at = "return performance.getEntriesByType('navigation')[0].name";
    let url = js(c, loaded_at).await.as_str().unwrap_or_default().to_owned();
    assert!(url.contains("/settings") && url.contains("__sign=a.b-c_d"), "{url}");
    // And back, to the annotator's bundle.
    find(c, "a.button.subtle[href*='annotation-mode']").await.click().await.unwrap();
    crate::browser::current_record(c).await;
    let url = js(c, loaded_at).await.as_str().unwrap_or_default().to_owned();
    assert!(url.contains("annotation-mode") && url.contains("__sign=a.b-c_d"), "{url}");
}

/// The stylesheets of the page, in the order they apply.
/// What the panic hook (src/ui/mod.rs) announces; index.html shows the notice.
async fn an_app_stopped_by_a_bug_says_so_and_reloads(ctx: &Ctx, c: &Client) {
    sign_in(c, &ctx.main.url(), ANNOTATOR.0, ANNOTATOR.1).await;
    js(c, "window.notReloaded = true; dispatchEvent(new Event('argilla-lite-stopped')); dispatchEvent(new Event('argilla-lite-stopped'))").await;
    assert_eq!(texts(c, "#app-stopped[role=alert] p").await.len(), 1, "one notice, however often it is announced");
    wait_text(c, "#app-stopped p", "the stopped notice", |t| t.contains("reload the page")).await;
    let focused = js(c, "return document.activeElement.closest('#app-stopped') !== null").await;
    assert_eq!(focused, json!(true), "the Reload button has the focus");
    find(c, "#app-stopped button").await.click().await.unwrap();
    wait_until(c, "the page reloaded", "return window.notReloaded === undefined && !!document.querySelector('[data-testid=current-user]')").await;
    assert!(!exists_now(c, "#app-stopped").await);
}

async fn stylesheets(c: &Client) -> Vec<String> {
    let names = js(c, "return [...document.styleSheets].filter(s => s.href).map(s => new URL(s.href).pathname.split('/').pop())").await;
    serde_json::from_value(names).unwrap()
}

async fn the_sign_in_pages_load_only_the_shared_stylesheet(ctx: &Ctx, c: &Client) {
    c.goto(&format!("{}/sign-in", ctx.main.url())).await.unwrap();
    find(c, "form.sign-in-form").await;
    let sheets = stylesheets(c).await;
    assert!(sheets.len() == 1 && sheets[0].starts_with("base-"), "the sign-in page's stylesheets: {sheets:?}");
    // Styled all the same: the card and its primary button.
    let card = js(c, "return getComputedStyle(document.querySelector('.sign-in')).boxShadow").await;
    assert_ne!(card, json!("none"), "the sign-in card has no style");
    let button = js(c, "const b = getComputedStyle(document.querySelector('.sign-in-form .button.primary')); return [b.backgroundColor, b.color]").await;
    assert_ne!(button[0], button[1], "the Sign in button has no colours of its own: {button}");
    // Signed in, a page has both, the shared one first, and the second's rules apply.
    submit_sign_in(c, OWNER.0, OWNER.1).await;
    find(c, "html:not([data-bundle=sign-in]) [data-testid=current-user]").await;
    c.goto(&format!("{}/dataset/{}/annotation-mode", ctx.main.url(), ctx.demo.dataset_id)).await.unwrap();
    crate::browser::current_record(c).await;
    let sheets = stylesheets(c).await;
    assert!(sheets.len() == 2 && sheets[0].starts_with("base-") && sheets[1].starts_with("pages-"), "the annotation page's stylesheets: {sheets:?}");
    let position = js(c, "return getComputedStyle(document.querySelector('.annotation')).position").await;
    assert_eq!(position, json!("relative"), "pages.css does not apply");
}

/// The API requests of the page's first load: (path and query, start, end) in ms.
async fn api_requests(c: &Client) -> Vec<(String, f64, f64)> {
    let list = js(c, "return performance.getEntriesByType('resource').filter(e => new URL(e.name).pathname.includes('/api/v1/'))
        .map(e => { const u = new URL(e.name); return [u.pathname + u.search, e.startTime, e.responseEnd]; })").await;
    serde_json::from_value(list).unwrap()
}

/// When the app's wasm had arrived: nothing the app's code asks for can start before.
async fn wasm_arrived(c: &Client, bundle: &str) -> f64 {
    let at = js(c, &format!("const e = performance.getEntriesByType('resource').find(e => /\\/{bundle}-[0-9a-f]+_bg\\.wasm$/.test(new URL(e.name).pathname)); return e ? e.responseEnd : null")).await;
    at.as_f64().unwrap_or_else(|| panic!("no {bundle} wasm loaded"))
}

async fn the_first_records_are_asked_for_while_the_code_loads_and_only_once(ctx: &Ctx, c: &Client) {
    sign_in(c, &ctx.main.url(), ANNOTATOR.0, ANNOTATOR.1).await;
    for query in ["", "?status=pending&page=12"] {
        c.goto(&format!("{}/dataset/{}/annotation-mode{query}", ctx.main.url(), ctx.demo.dataset_id)).await.unwrap();
        crate::browser::current_record(c).await;
        let wasm = wasm_arrived(c, "argilla-lite").await;
        let requests = api_requests(c).await;
        let mut seen = std::collections::BTreeSet::new();
        for (path, _, _) in &requests {
            assert!(seen.insert(path.as_str()), "{path} was asked twice at {query:?}: {requests:?}");
        }
        for wanted in ["/records/search?", "/metrics", "/questions", "/fields", "/settings"] {
            let (path, start, _) = requests.iter().find(|(p, _, _)| p.contains(wanted)).unwrap_or_else(|| panic!("no {wanted} request: {requests:?}"));
            assert!(*start < wasm, "{path} went out at {start} ms, after the code arrived at {wasm} ms");
        }
        let offset = if query.is_empty() { "offset=0&" } else { "offset=10&" };
        assert!(requests.iter().any(|(p, _, _)| p.contains(offset)), "the page's own offset ({offset}): {requests:?}");
    }
    // Signed out at the app's root: the sign-in pages' bundle asks for the
    // settings (is this a Space?) and the sign-in choices early too.
    sign_out(c).await;
    find(c, "#username").await;
    c.goto(&format!("{}/", ctx.main.url())).await.unwrap();
    find(c, "#username").await;
    let wasm = wasm_arrived(c, "sign-in-pages").await;
    let requests = api_requests(c).await;
    for wanted in ["/api/v1/settings", "/api/v1/oauth2/providers"] {
        let matching: Vec<_> = requests.iter().filter(|(p, _, _)| p.ends_with(wanted)).collect();
        assert_eq!(matching.len(), 1, "{wanted}: {requests:?}");
        assert!(matching[0].1 < wasm, "{wanted} went out after the code arrived ({wasm} ms): {requests:?}");
    }
}

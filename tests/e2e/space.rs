//! "Sign in with Hugging Face" against a local stand-in provider, and the app
//! inside a cross-site iframe the way huggingface.co shows a Space.

use crate::browser::*;
use crate::{Ctx, Test};
use fantoccini::Client;
use harness::oidc::NO_USERNAME;
use harness::seed::{ANNOTATOR, DEMO_DATASET};
use harness::server::OWNER;
use harness::Api;
use serde_json::json;
use std::time::Duration;

pub fn tests() -> Vec<Test> {
    vec![
        test!(a_space_whose_sign_in_providers_cannot_be_read_still_offers_hugging_face),
        test!(hugging_face_sign_in_creates_a_new_user_as_annotator),
        test!(hugging_face_sign_in_as_the_space_owner_gives_the_owner_role),
        test!(deep_link_survives_the_hugging_face_round_trip),
        test!(denied_missing_username_and_expired_state_each_explain_themselves),
        test!(framed_password_sign_in_survives_a_reload_of_the_host_page),
        test!(framed_hugging_face_sign_in_signs_the_frame_in_and_survives_reload),
        test!(framed_hugging_face_sign_in_with_coop_explains_where_to_continue),
        test!(a_framed_hugging_face_window_that_fails_or_closes_tells_the_frame),
        test!(framed_annotator_submits_a_record),
        test!(framed_space_shows_the_storage_banner),
        test!(narrow_frame_has_no_horizontal_scrolling),
        test!(framed_sign_in_works_when_the_browser_blocks_storage),
    ]
}

/// The host page on another site (hf-host.test, mapped to 127.0.0.1) framing `src`.
pub fn host_page(ctx: &Ctx, src: &str) -> String {
    let encoded: String = src
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!("http://hf-host.test:{}/host?src={encoded}", ctx.provider.port)
}

pub async fn enter_space_frame(c: &Client) {
    c.enter_parent_frame().await.ok();
    let frame = find(c, "iframe#space").await;
    frame.enter_frame().await.expect("enter the Space frame");
}

pub async fn pick_identity(c: &Client, user: &str) {
    find(c, &format!("a.identity[data-user='{user}']")).await.click().await.unwrap();
}

fn user_role(ctx: &Ctx, username: &str) -> Option<String> {
    let users = ctx.oauth.owner_api().get("/users").ok()?;
    users["items"].as_array()?.iter().find(|u| u["username"] == username).map(|u| u["role"].as_str().unwrap_or("").to_owned())
}

async fn hugging_face_sign_in_creates_a_new_user_as_annotator(ctx: &Ctx, c: &Client) {
    c.goto(&format!("{}/sign-in", ctx.oauth.url())).await.unwrap();
    find(c, "[data-testid=hf-sign-in]").await.click().await.unwrap();
    pick_identity(c, "hf-alice").await;
    wait_text(c, "[data-testid=current-user]", "hf-alice signed in", |t| t.contains("hf-alice") && t.contains("annotator")).await;
    assert_eq!(user_role(ctx, "hf-alice").as_deref(), Some("annotator"));
    wait_texts(c, ".dataset-card .dataset-name", "the allowed workspace's datasets", |t| t.iter().any(|n| n == DEMO_DATASET)).await;
}

async fn hugging_face_sign_in_as_the_space_owner_gives_the_owner_role(ctx: &Ctx, c: &Client) {
    c.goto(&format!("{}/sign-in", ctx.oauth.url())).await.unwrap();
    find(c, "[data-testid=hf-sign-in]").await.click().await.unwrap();
    pick_identity(c, "hf-owner").await;
    wait_text(c, "[data-testid=current-user]", "the owner signed in", |t| t.contains("hf-owner") && t.contains("owner")).await;
    assert_eq!(user_role(ctx, "hf-owner").as_deref(), Some("owner"));
}

async fn deep_link_survives_the_hugging_face_round_trip(ctx: &Ctx, c: &Client) {
    let path = format!("/dataset/{}/annotation-mode", ctx.oauth_demo.dataset_id);
    c.goto(&format!("{}{path}", ctx.oauth.url())).await.unwrap();
    wait_url(c, "sign-in with a redirect", |u| u.contains("/sign-in?redirect=")).await;
    find(c, "[data-testid=hf-sign-in]").await.click().await.unwrap();
    pick_identity(c, "hf-alice").await;
    wait_url(c, "the deep link", |u| u.contains(&path)).await;
    wait_text(c, "[data-testid=dataset-title]", "the dataset", |t| t == DEMO_DATASET).await;
}

async fn denied_missing_username_and_expired_state_each_explain_themselves(ctx: &Ctx, c: &Client) {
    let sign_in_page = format!("{}/sign-in", ctx.oauth.url());
    c.goto(&sign_in_page).await.unwrap();
    find(c, "[data-testid=hf-sign-in]").await.click().await.unwrap();
    find(c, "#deny").await.click().await.unwrap();
    wait_text(c, "[data-testid=oauth-error]", "the denial", |t| t.contains("declined")).await;
    find(c, ".oauth-callback a.button").await;

    c.goto(&sign_in_page).await.unwrap();
    find(c, "[data-testid=hf-sign-in]").await.click().await.unwrap();
    pick_identity(c, NO_USERNAME).await;
    wait_text(c, "[data-testid=oauth-error]", "the missing username", |t| t.contains("did not share a username")).await;

    c.goto(&sign_in_page).await.unwrap();
    find(c, "[data-testid=hf-sign-in]").await.click().await.unwrap();
    find(c, "a.identity").await;
    // What 90 seconds on the provider's page do: the state cookie expires.
    c.delete_cookie("huggingface_oauth2_state").await.expect("delete the state cookie");
    pick_identity(c, "hf-alice").await;
    wait_text(c, "[data-testid=oauth-error]", "the expired state", |t| t.contains("took too long or cookies are blocked")).await;
    assert!(!exists_now(c, "[data-testid=current-user]").await);
}

async fn framed_password_sign_in_survives_a_reload_of_the_host_page(ctx: &Ctx, c: &Client) {
    c.goto(&host_page(ctx, &format!("{}/", ctx.main.url()))).await.unwrap();
    enter_space_frame(c).await;
    find(c, "#username").await;
    submit_sign_in(c, ANNOTATOR.0, ANNOTATOR.1).await;
    wait_texts(c, ".dataset-card .dataset-name", "the datasets in the frame", |t| t.iter().any(|n| n == DEMO_DATASET)).await;
    assert!(exists_now(c, ".open-new-tab").await, "framed: an 'open in a new tab' link is offered");
    c.enter_parent_frame().await.unwrap();
    c.refresh().await.unwrap();
    enter_space_frame(c).await;
    find(c, "[data-testid=current-user]").await;
    wait_texts(c, ".dataset-card .dataset-name", "still signed in after reload", |t| t.iter().any(|n| n == DEMO_DATASET)).await;
}

/// Clicks "Sign in with Hugging Face" in the frame showing `src` and switches to the new window.
pub async fn start_framed_hugging_face(ctx: &Ctx, c: &Client, src: &str) -> (fantoccini::wd::WindowHandle, fantoccini::wd::WindowHandle) {
    c.goto(&host_page(ctx, src)).await.unwrap();
    enter_space_frame(c).await;
    open_hugging_face_window(c).await
}

/// Clicks "Sign in with Hugging Face" in the frame and switches to the window it opens.
async fn open_hugging_face_window(c: &Client) -> (fantoccini::wd::WindowHandle, fantoccini::wd::WindowHandle) {
    let main = c.window().await.unwrap();
    // A window an earlier test left open is not the sign-in window.
    let before = c.windows().await.unwrap();
    find(c, "[data-testid=hf-sign-in]").await.click().await.unwrap();
    // A provider that sends COOP cuts the window off from the frame at once: then it says so.
    find(c, "[data-testid=hf-waiting], [data-testid=hf-closed]").await;
    let mut popup = None;
    for _ in 0..50 {
        let handles = c.windows().await.unwrap();
        popup = handles.into_iter().find(|h| *h != main && !before.contains(h));
        if popup.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let popup = popup.expect("the sign-in window opened (popup blocker allows it from the click)");
    c.switch_to_window(popup.clone()).await.unwrap();
    (main, popup)
}

async fn framed_hugging_face_sign_in_signs_the_frame_in_and_survives_reload(ctx: &Ctx, c: &Client) {
    // The Space's own storage (outside the frame) starts empty.
    c.goto(&format!("{}/sign-in", ctx.oauth.url())).await.unwrap();
    js(c, "localStorage.clear(); sessionStorage.clear(); return 0").await;
    let (main, _popup) = start_framed_hugging_face(ctx, c, &format!("{}/sign-in", ctx.oauth.url())).await;
    pick_identity(c, "hf-alice").await;
    c.switch_to_window(main).await.unwrap();
    enter_space_frame(c).await;
    wait_text(c, "[data-testid=current-user]", "the frame signed in", |t| t.contains("hf-alice")).await;
    for _ in 0..50 {
        if c.windows().await.unwrap().len() == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(c.windows().await.unwrap().len(), 1, "the sign-in window closed itself after the hand-off");
    c.refresh().await.unwrap();
    enter_space_frame(c).await;
    wait_text(c, "[data-testid=current-user]", "still signed in after reload", |t| t.contains("hf-alice")).await;
    // The sign-in window left no session behind in the Space's own storage: opened
    // directly, the Space asks to sign in (signing out in the frame could not clear it).
    c.goto(&format!("{}/user-settings", ctx.oauth.url())).await.unwrap();
    wait_url(c, "the sign-in page, outside the frame", |u| u.contains("sign-in")).await;
    assert!(!exists_now(c, "[data-testid=current-user]").await, "not signed in outside the frame");
}

async fn framed_hugging_face_sign_in_with_coop_explains_where_to_continue(ctx: &Ctx, c: &Client) {
    struct CoopOff<'a>(&'a harness::oidc::Provider);
    impl Drop for CoopOff<'_> {
        fn drop(&mut self) {
            self.0.set_coop(false);
        }
    }
    ctx.provider.set_coop(true);
    let _restore = CoopOff(&ctx.provider);
    let (main, popup) = start_framed_hugging_face(ctx, c, &format!("{}/sign-in", ctx.oauth.url())).await;
    pick_identity(c, "hf-alice").await;
    // No opener after a COOP page: the new window signs in as a full page.
    c.switch_to_window(popup).await.unwrap();
    wait_text(c, "[data-testid=current-user]", "the new window signed in", |t| t.contains("hf-alice")).await;
    c.switch_to_window(main).await.unwrap();
    enter_space_frame(c).await;
    // The window is cut off from the frame (it reads as closed): the frame says where to go on.
    let note = wait_text(c, "[data-testid=hf-closed]", "the note on the lost window", |t| !t.is_empty()).await;
    // Reloading the frame cannot reach that window's session: it is not suggested.
    assert!(note.contains("continue in that tab") && !note.contains("reload"), "{note}");
    assert!(exists_now(c, "[data-testid=hf-closed] a[target=_blank]").await, "the new-tab link is offered");
    assert!(!exists_now(c, "[data-testid=current-user]").await, "the frame did not pretend to be signed in");
}

/// The frame waits for a token from the sign-in window: a refusal there, or the window
/// closed before the end, is said in the frame instead of waiting forever.
async fn a_framed_hugging_face_window_that_fails_or_closes_tells_the_frame(ctx: &Ctx, c: &Client) {
    let sign_in_page = format!("{}/sign-in", ctx.oauth.url());
    let (main, _popup) = start_framed_hugging_face(ctx, c, &sign_in_page).await;
    find(c, "#deny").await.click().await.unwrap();
    wait_text(c, "[data-testid=oauth-error]", "the denial in the window", |t| t.contains("declined")).await;
    // Closed after saying why: the reason stays in the frame.
    c.close_window().await.unwrap();
    c.switch_to_window(main).await.unwrap();
    enter_space_frame(c).await;
    tokio::time::sleep(Duration::from_millis(1500)).await; // past the frame's look at the window
    let said = wait_text(c, "[data-testid=hf-failed]", "the denial in the frame", |t| t.contains("declined")).await;
    assert!(!exists_now(c, "[data-testid=hf-waiting]").await, "no longer waiting: {said}");

    let (main, _popup) = start_framed_hugging_face(ctx, c, &sign_in_page).await;
    find(c, "a.identity").await;
    c.close_window().await.unwrap();
    c.switch_to_window(main).await.unwrap();
    enter_space_frame(c).await;
    let note = wait_text(c, "[data-testid=hf-closed]", "the closed window in the frame", |t| t.contains("closed")).await;
    assert!(!exists_now(c, "[data-testid=current-user]").await, "not signed in: {note}");
    // Trying again is offered and works.
    let (main, _popup) = open_hugging_face_window(c).await;
    pick_identity(c, "hf-alice").await;
    c.switch_to_window(main).await.unwrap();
    enter_space_frame(c).await;
    wait_text(c, "[data-testid=current-user]", "the frame signed in on the second try", |t| t.contains("hf-alice")).await;
}

async fn framed_annotator_submits_a_record(ctx: &Ctx, c: &Client) {
    let page = format!("{}/dataset/{}/annotation-mode", ctx.main.url(), ctx.demo.dataset_id);
    c.goto(&host_page(ctx, &page)).await.unwrap();
    enter_space_frame(c).await;
    submit_sign_in(c, ANNOTATOR.0, ANNOTATOR.1).await;
    let record_id = current_record(c).await;
    assert!(!exists_now(c, "[data-testid=frame-keys]").await, "the frame has the focus: no hint");
    // The focus goes to the page around the frame: the keys would go there, and the frame says so.
    c.enter_parent_frame().await.unwrap();
    js(c, "const i = document.createElement('input'); document.body.prepend(i); i.focus(); return null").await;
    enter_space_frame(c).await;
    wait_text(c, "[data-testid=frame-keys]", "the hint to click in the frame", |t| t.contains("Click in this page")).await;
    find(c, "[data-question=sentiment] .option:nth-child(3)").await.click().await.unwrap();
    wait_until(c, "the hint gone once the frame is clicked", "return !document.querySelector('[data-testid=frame-keys]')").await;
    find(c, "form.questions button[type=submit]").await.click().await.unwrap();
    let api = Api::sign_in(&ctx.main.url(), ANNOTATOR.0, ANNOTATOR.1).unwrap();
    let body = json!({"query": {}, "filters": {"and": [{"type": "terms", "scope": {"entity": "record", "property": "id"}, "values": [record_id]}]}});
    for _ in 0..100 {
        let found = api.post(&format!("/me/datasets/{}/records/search?include=responses", ctx.demo.dataset_id), body.clone()).unwrap();
        let response = &found["items"][0]["record"]["responses"][0];
        if response["status"] == "submitted" {
            assert_eq!(response["values"]["sentiment"]["value"], "neutral");
            return;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("the framed submit never reached the server");
}

async fn framed_space_shows_the_storage_banner(ctx: &Ctx, c: &Client) {
    c.goto(&host_page(ctx, &format!("{}/sign-in", ctx.space.url()))).await.unwrap();
    enter_space_frame(c).await;
    wait_text(c, "[data-testid=storage-banner]", "the banner in the frame", |t| t.contains("will be lost")).await;
    submit_sign_in(c, OWNER.0, OWNER.1).await;
    wait_text(c, "[data-testid=storage-banner]", "the owner's text in the frame", |t| t.contains("enable persistent storage")).await;
}

async fn narrow_frame_has_no_horizontal_scrolling(ctx: &Ctx, c: &Client) {
    c.set_window_size(380, 800).await.unwrap();
    let page = format!("{}/dataset/{}/annotation-mode", ctx.main.url(), ctx.demo.dataset_id);
    c.goto(&host_page(ctx, &page)).await.unwrap();
    enter_space_frame(c).await;
    submit_sign_in(c, ANNOTATOR.0, ANNOTATOR.1).await;
    find(c, "[data-question=sentiment]").await;
    let widths = js(c, "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]").await;
    let (scroll, client) = (widths[0].as_u64().unwrap(), widths[1].as_u64().unwrap());
    assert!(client <= 380, "the frame is narrow: {client}");
    assert!(scroll <= client, "no horizontal scrolling at {client}px: content is {scroll}px wide");
}

async fn framed_sign_in_works_when_the_browser_blocks_storage(ctx: &Ctx, _c: &Client) {
    // A profile that blocks site data: storage in the frame throws (with only
    // third-party cookies blocked, Chromium still gives frames partitioned storage).
    let client = ctx.driver.browser(json!({"profile": {"default_content_setting_values": {"cookies": 2}}})).await;
    let c = &client;
    let result = async {
        c.goto(&host_page(ctx, &format!("{}/", ctx.main.url()))).await.unwrap();
        enter_space_frame(c).await;
        let blocked = js(c, "try { localStorage.setItem('probe', '1'); return false } catch (e) { return true }").await;
        assert_eq!(blocked, true, "this profile really blocks the frame's storage");
        submit_sign_in(c, ANNOTATOR.0, ANNOTATOR.1).await;
        wait_texts(c, ".dataset-card .dataset-name", "the datasets", |t| t.iter().any(|n| n == DEMO_DATASET)).await;
        // Nothing survives a reload here, and the page says so.
        wait_text(c, "[data-testid=app-notice]", "the storage warning", |t| t.contains("blocks storage") && t.contains("own tab")).await;
        // The session lives in memory: moving around the app keeps it.
        find(c, ".dataset-card a.card-link").await.click().await.unwrap();
        find(c, "[data-question=sentiment]").await;
        find(c, "[data-testid=current-user]").await;
        // A language chosen in My settings (the owner pages' bundle) is still the language
        // back in the annotator's bundle: it rides along with the session.
        find(c, "[data-testid=current-user]").await.click().await.unwrap();
        find(c, "#user-menu a[href$='/user-settings']").await.click().await.unwrap();
        find(c, "[data-testid=language-choice]").await.select_by_value("de").await.unwrap();
        wait_until(c, "the page in German", "return document.documentElement.lang === 'de'").await;
        find(c, "a.brand").await.click().await.unwrap();
        wait_texts(c, ".dataset-card .dataset-name", "the datasets again", |t| t.iter().any(|n| n == DEMO_DATASET)).await;
        assert_eq!(js(c, "return document.documentElement.lang").await, "de", "the choice crossed to the other bundle");
        assert_eq!(js(c, "return document.documentElement.dataset.bundle").await, "annotate");
    };
    let outcome = futures::FutureExt::catch_unwind(std::panic::AssertUnwindSafe(result)).await;
    let _ = client.close().await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

/// The welcome page of a Space asks the server which sign-in providers it offers. When that
/// keeps failing (a restart, a proxy's error page), the Hugging Face button still shows
/// after a few tries: a Space's people usually have no password. Where the answer comes,
/// it decides (this Space offers none).
async fn a_space_whose_sign_in_providers_cannot_be_read_still_offers_hugging_face(ctx: &Ctx, c: &Client) {
    let welcome = format!("{}/welcome-hf-sign-in", ctx.space.url());
    c.goto(&welcome).await.unwrap();
    find(c, "[data-testid=username-sign-in]").await;
    assert!(!exists_now(c, "[data-testid=hf-sign-in]").await, "this Space offers no Hugging Face sign-in");
    cdp(ctx.driver.port, c, "Network.enable", json!({})).await;
    cdp(ctx.driver.port, c, "Network.setBlockedURLs", json!({"urls": ["*/oauth2/providers"]})).await;
    c.goto(&welcome).await.unwrap();
    find(c, ".welcome-actions .loading").await;
    // Meanwhile the username is offered already.
    assert!(exists_now(c, "[data-testid=username-sign-in]").await, "signing in with a username waits for nothing");
    let started = std::time::Instant::now();
    find(c, "[data-testid=hf-sign-in]").await;
    cdp(ctx.driver.port, c, "Network.setBlockedURLs", json!({"urls": []})).await;
    assert!(started.elapsed() >= Duration::from_secs(5), "asked again before giving up: {:?}", started.elapsed());
    find(c, "[data-testid=username-sign-in]").await;
}

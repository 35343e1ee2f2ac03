//! My settings and the Space welcome page against the real servers.

use crate::browser::*;
use crate::space::{enter_space_frame, host_page, pick_identity, start_framed_hugging_face};
use crate::{Ctx, Test};
use fantoccini::key::Key;
use fantoccini::Client;
use harness::seed::{ANNOTATOR, DEMO_DATASET};
use harness::server::OWNER;
use harness::{Api, Argilla, OAuthSetup, ServerOptions, SpaceSettings};
use futures::FutureExt;
use std::collections::BTreeSet;
use std::panic::AssertUnwindSafe;

pub fn tests() -> Vec<Test> {
    vec![
        test!(my_settings_shows_who_i_am_my_workspaces_and_my_real_api_key),
        test!(python_lines_on_my_settings_connect_with_the_sdk_under_a_base_path),
        test!(theme_choice_sets_data_theme_and_survives_a_reload),
        test!(user_menu_works_by_keyboard_and_leads_to_my_settings),
        test!(language_choice_translates_the_app_and_survives_a_reload),
        test!(the_last_language_chosen_wins_over_a_slower_earlier_download),
        test!(a_browser_in_german_gets_german_by_default),
        test!(welcome_on_a_space_shows_the_space_and_keeps_the_page_through_username_sign_in),
        test!(framed_welcome_on_a_space_signs_in_with_a_username_and_keeps_the_page),
        test!(welcome_off_a_space_goes_to_sign_in_and_signed_in_goes_home),
        test!(hugging_face_sign_in_from_the_welcome_page_of_a_space_top_level_and_framed),
    ]
}

fn api_key_of(base: &str, user: (&str, &str)) -> String {
    let me = Api::sign_in(base, user.0, user.1).expect("API sign-in").get("/me").expect("GET /me");
    me["api_key"].as_str().expect("an api_key").to_owned()
}

async fn my_settings_shows_who_i_am_my_workspaces_and_my_real_api_key(ctx: &Ctx, c: &Client) {
    let app = ctx.main.url();
    sign_in(c, &app, ANNOTATOR.0, ANNOTATOR.1).await;
    c.goto(&format!("{app}/user-settings")).await.unwrap();
    wait_text(c, "[data-testid=my-username]", "the username", |t| t == ANNOTATOR.0).await;
    wait_text(c, "[data-testid=my-name]", "the name", |t| t == "Annotator").await;
    wait_text(c, "[data-testid=my-role]", "the role", |t| t == "annotator").await;
    let method = find(c, "[data-testid=my-sign-in-method]").await.text().await.unwrap();
    assert!(method.starts_with("Username and password"), "{method}");

    let api = Api::sign_in(&app, ANNOTATOR.0, ANNOTATOR.1).unwrap();
    let expected: BTreeSet<String> =
        api.get("/me/workspaces").unwrap()["items"].as_array().unwrap().iter().map(|w| w["name"].as_str().unwrap().to_owned()).collect();
    assert!(!expected.is_empty());
    wait_texts(c, "[data-testid=my-workspaces] li", "the annotator's workspaces", |t| t.iter().cloned().collect::<BTreeSet<_>>() == expected).await;

    let key = api_key_of(&app, ANNOTATOR);
    let hidden = wait_text(c, "[data-testid=api-key]", "the hidden key", |t| !t.is_empty()).await;
    assert!(!hidden.contains(&key) && hidden.chars().all(|ch| ch == '•'), "hidden by default: {hidden}");
    let code = find(c, "[data-testid=sdk-snippet]").await.text().await.unwrap();
    assert!(!code.contains(&key), "the code hides the key too: {code}");
    find(c, "[data-action=show-api-key]").await.click().await.unwrap();
    wait_text(c, "[data-testid=api-key]", "the real key", |t| t == key).await;

    // Copy hands the real key to the clipboard API.
    js(c, "window.__copied = []; navigator.clipboard.writeText = t => { window.__copied.push(t); return Promise.resolve(); }").await;
    find(c, "[data-action=copy-api-key]").await.click().await.unwrap();
    wait_text(c, "[data-testid=copied]", "a confirmation", |t| t == "API key copied.").await;
    assert_eq!(js(c, "return window.__copied").await, serde_json::json!([key]));
    assert!(!exists_now(c, "[data-testid=sdk-private-snippet]").await, "no private-Space variant off a Space");
}

async fn python_lines_on_my_settings_connect_with_the_sdk_under_a_base_path(ctx: &Ctx, c: &Client) {
    let app = ctx.based.url();
    sign_in(c, &app, ANNOTATOR.0, ANNOTATOR.1).await;
    c.goto(&format!("{app}/user-settings")).await.unwrap();
    find(c, "[data-action=show-api-key]").await.click().await.unwrap();
    let key = api_key_of(&app, ANNOTATOR);
    let code = wait_text(c, "[data-testid=sdk-snippet]", "the code with the key", |t| t.contains(&key)).await;
    assert!(code.contains(&format!("api_url=\"{app}\"")), "this server's URL with its base path: {code}");
    let script = format!("{code}\nprint(client.me.username)\n");
    let out = std::process::Command::new(harness::paths::sdk_python())
        .args(["-W", "ignore", "-c", &script])
        .output()
        .expect("the SDK venv (scripts/setup.sh makes it)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "the page's code failed: {stdout} {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(stdout.lines().last(), Some(ANNOTATOR.0), "the SDK connected as the annotator");
}

async fn theme_of(c: &Client) -> serde_json::Value {
    js(c, "return document.documentElement.getAttribute('data-theme')").await
}

async fn theme_choice_sets_data_theme_and_survives_a_reload(ctx: &Ctx, c: &Client) {
    let app = ctx.main.url();
    sign_in(c, &app, ANNOTATOR.0, ANNOTATOR.1).await;
    c.goto(&format!("{app}/user-settings")).await.unwrap();
    assert!(theme_of(c).await.is_null(), "System by default: no data-theme");
    find(c, "#theme").await.select_by_value("contrast").await.unwrap();
    assert_eq!(theme_of(c).await, "contrast");
    let background = js(c, "return getComputedStyle(document.body.parentElement).backgroundColor").await;
    assert_eq!(background, "rgb(0, 0, 0)", "high contrast is black");
    find(c, "#theme").await.select_by_value("dark").await.unwrap();
    assert_eq!(theme_of(c).await, "dark");
    assert_eq!(js(c, "return localStorage.getItem('argilla-lite.theme')").await, "dark");

    // Before the app starts (index.html), and on every page.
    c.goto(&format!("{app}/")).await.unwrap();
    assert_eq!(theme_of(c).await, "dark");
    find(c, ".dataset-card").await;
    assert_eq!(js(c, "return getComputedStyle(document.documentElement).getPropertyValue('--bg').trim()").await, "#14151c", "the dark theme's background (--color-bg)");
    c.goto(&format!("{app}/user-settings")).await.unwrap();
    let selected = find(c, "#theme").await.prop("value").await.unwrap();
    assert_eq!(selected.as_deref(), Some("dark"), "the selector shows the kept choice");
    find(c, "#theme").await.select_by_value("light").await.unwrap();
    c.refresh().await.unwrap();
    assert_eq!(theme_of(c).await, "light");
    find(c, "#theme").await.select_by_value("system").await.unwrap();
    assert!(theme_of(c).await.is_null(), "System leaves the OS preference in charge");
}

/// The text of `key` in `i18n/<lang>/<file>.txt`, as the build reads it.
fn catalogue(lang: &str, file: &str, key: &str) -> String {
    let path = format!("{}/i18n/{lang}/{file}.txt", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines().find_map(|l| l.strip_prefix(key)?.strip_prefix(" = ")).unwrap_or_else(|| panic!("no {key} in {path}")).to_owned()
}

async fn page_lang(c: &Client) -> serde_json::Value {
    js(c, "return document.documentElement.lang").await
}

async fn language_choice_translates_the_app_and_survives_a_reload(ctx: &Ctx, c: &Client) {
    let app = ctx.main.url();
    let (profile, contrast) = (catalogue("de", "owner/settings", "profile"), catalogue("de", "owner/settings", "theme_contrast"));
    sign_in(c, &app, ANNOTATOR.0, ANNOTATOR.1).await;
    c.goto(&format!("{app}/user-settings")).await.unwrap();
    wait_text(c, "#profile-title", "English first", |t| t == "Profile").await;
    assert_eq!(page_lang(c).await, "en");
    let names = texts(c, "[data-testid=language-choice] option").await;
    assert_eq!(names, ["English", "Deutsch", "Español", "日本語"], "each language by its own name");

    // A download that fails says why and keeps the language.
    js(c, "window.argillaLiteStrings = () => Promise.reject(new Error('the strings are offline'))").await;
    find(c, "[data-testid=language-choice]").await.select_by_value("de").await.unwrap();
    let error = wait_text(c, "[data-error-for=language]", "the reason", |t| t.contains("the strings are offline")).await;
    assert!(error.starts_with("The language could not be loaded"), "{error}");
    assert_eq!(find(c, "#profile-title").await.text().await.unwrap(), "Profile");
    assert_eq!(page_lang(c).await, "en");
    let selected = find(c, "[data-testid=language-choice]").await.prop("value").await.unwrap();
    assert_eq!(selected.as_deref(), Some("en"), "the selector is back on the language in use");
    c.refresh().await.unwrap();
    wait_text(c, "#profile-title", "English after the failure", |t| t == "Profile").await;

    find(c, "[data-testid=language-choice]").await.select_by_value("de").await.unwrap();
    wait_text(c, "#profile-title", "German at once", |t| t == profile).await;
    assert_eq!(page_lang(c).await, "de");
    // The page is drawn anew in German; the focus is on the language choice again, not lost.
    wait_until(c, "the focus back on the choice", "return document.activeElement?.id === 'language'").await;
    let heading = find(c, "main h1").await.text().await.unwrap();
    wait_until(c, "the German title", &format!("return document.title === {:?}", format!("{heading} – Argilla"))).await;
    assert_eq!(find(c, "#theme option[value=contrast]").await.text().await.unwrap(), contrast, "the theme names too");
    assert_eq!(js(c, "return localStorage.getItem('argilla-lite.lang')").await, "de");

    c.refresh().await.unwrap();
    wait_text(c, "#profile-title", "German after a reload", |t| t == profile).await;
    assert_eq!(page_lang(c).await, "de");
    let selected = find(c, "[data-testid=language-choice]").await.prop("value").await.unwrap();
    assert_eq!(selected.as_deref(), Some("de"), "the selector shows the kept choice");

    // The annotation page is the other bundle, with its own strings.
    c.goto(&format!("{app}/dataset/{}/annotation-mode", ctx.demo.dataset_id)).await.unwrap();
    let home = catalogue("de", "app/common", "home");
    wait_text(c, "nav.breadcrumbs li:first-child a", "the German breadcrumb", |t| t == home).await;
    assert_eq!(page_lang(c).await, "de");

    c.goto(&format!("{app}/user-settings")).await.unwrap();
    wait_text(c, "#profile-title", "German", |t| t == profile).await;
    find(c, "[data-testid=language-choice]").await.select_by_value("en").await.unwrap();
    wait_text(c, "#profile-title", "English again", |t| t == "Profile").await;
    assert_eq!(page_lang(c).await, "en");
    c.refresh().await.unwrap();
    wait_text(c, "#profile-title", "English after a reload", |t| t == "Profile").await;

    // The chosen language's texts cannot be had as the page loads: English, and the page says so.
    js(c, "localStorage.setItem('argilla-lite.lang', 'de'); return null").await;
    crate::browser::cdp(ctx.driver.port, c, "Network.enable", serde_json::json!({})).await;
    crate::browser::cdp(ctx.driver.port, c, "Network.setBlockedURLs", serde_json::json!({"urls": ["*/i18n/de-*"]})).await;
    c.refresh().await.unwrap();
    let said = wait_text(c, "[data-testid=app-notice]", "the fallback said", |t| t.contains("Deutsch")).await;
    assert!(said.contains("in English") && said.contains("Reload"), "{said}");
    assert_eq!(page_lang(c).await, "en");
    assert_eq!(find(c, "#profile-title").await.text().await.unwrap(), "Profile");
    crate::browser::cdp(ctx.driver.port, c, "Network.setBlockedURLs", serde_json::json!({"urls": []})).await;
    js(c, "localStorage.setItem('argilla-lite.lang', 'en'); return null").await;
}

async fn the_last_language_chosen_wins_over_a_slower_earlier_download(ctx: &Ctx, c: &Client) {
    let app = ctx.main.url();
    let spanish = catalogue("es", "owner/settings", "profile");
    sign_in(c, &app, ANNOTATOR.0, ANNOTATOR.1).await;
    c.goto(&format!("{app}/user-settings")).await.unwrap();
    wait_text(c, "#profile-title", "English first", |t| t == "Profile").await;
    // German arrives two seconds late; Spanish, chosen after it, at once.
    js(c, "const real = window.argillaLiteStrings; \
           window.argillaLiteStrings = (lang) => lang === 'de' ? new Promise((done) => setTimeout(done, 2000)).then(() => real(lang)) : real(lang); \
           return null").await;
    let choice = find(c, "[data-testid=language-choice]").await;
    choice.select_by_value("de").await.unwrap();
    find(c, "[data-testid=language-choice]").await.select_by_value("es").await.unwrap();
    wait_text(c, "#profile-title", "Spanish", |t| t == spanish).await;
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    assert_eq!(find(c, "#profile-title").await.text().await.unwrap(), spanish, "the late German download did not win");
    assert_eq!(page_lang(c).await, "es");
    assert_eq!(js(c, "return localStorage.getItem('argilla-lite.lang')").await, "es");
    assert_eq!(find(c, "[data-testid=language-choice]").await.prop("value").await.unwrap().as_deref(), Some("es"));
    assert!(!exists_now(c, "[data-error-for=language]").await);
}

async fn a_browser_in_german_gets_german_by_default(ctx: &Ctx, _c: &Client) {
    let german = ctx.driver.browser(serde_json::json!({"intl": {"accept_languages": "de-DE,de"}})).await;
    german.goto(&format!("{}/sign-in", ctx.main.url())).await.unwrap();
    let heading = catalogue("de", "app/signin", "sign_in");
    let languages = js(&german, "return navigator.languages").await;
    let shown = async {
        wait_text(&german, "h1", "the German sign-in", |t| t == heading).await;
        page_lang(&german).await
    };
    let result = AssertUnwindSafe(shown).catch_unwind().await;
    let _ = german.close().await;
    assert_eq!(result.unwrap_or_else(|_| panic!("no German sign-in page; navigator.languages: {languages}")), "de");
}

/// Waits until the focused element is the menu item `label`.
async fn wait_focused_item(c: &Client, label: &str) {
    let script = "const a = document.activeElement; return a && a.getAttribute('role') === 'menuitem' ? a.textContent.trim() : ''";
    let deadline = std::time::Instant::now() + WAIT;
    let mut last = serde_json::Value::Null;
    while std::time::Instant::now() < deadline {
        last = js(c, script).await;
        if last == label {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the focus never reached {label:?}; last: {last}");
}

async fn user_menu_works_by_keyboard_and_leads_to_my_settings(ctx: &Ctx, c: &Client) {
    let app = ctx.main.url();
    sign_in(c, &app, OWNER.0, OWNER.1).await;
    let button = find(c, "[data-testid=current-user]").await;
    wait_text(c, "[data-testid=current-user]", "initials, name and role", |t| t.contains("OW") && t.contains("owner")).await;
    assert_eq!(button.attr("aria-expanded").await.unwrap().as_deref(), Some("false"));
    button.send_keys(&Key::Enter.to_string()).await.unwrap();
    let items = wait_texts(c, "#user-menu [role=menuitem]", "the menu", |t| !t.is_empty()).await;
    assert_eq!(items, ["My settings", "Backup and restore", "People", "Sign out"]);
    assert_eq!(button.attr("aria-expanded").await.unwrap().as_deref(), Some("true"));
    wait_focused_item(c, "My settings").await;
    c.active_element().await.unwrap().send_keys(&Key::Down.to_string()).await.unwrap();
    wait_focused_item(c, "Backup and restore").await;
    c.active_element().await.unwrap().send_keys(&Key::Up.to_string()).await.unwrap();
    c.active_element().await.unwrap().send_keys(&Key::Up.to_string()).await.unwrap();
    wait_focused_item(c, "Sign out").await;
    c.active_element().await.unwrap().send_keys(&Key::Escape.to_string()).await.unwrap();
    assert!(!exists_now(c, "#user-menu").await, "Escape closes the menu");
    let focused = js(c, "return document.activeElement.dataset.testid").await;
    assert_eq!(focused, "current-user", "the focus is back on the button");

    button.send_keys(&Key::Down.to_string()).await.unwrap();
    find(c, "#user-menu").await;
    wait_focused_item(c, "My settings").await;
    c.active_element().await.unwrap().send_keys(&Key::Enter.to_string()).await.unwrap();
    wait_url(c, "my settings", |u| u.ends_with("/user-settings")).await;
    wait_text(c, "[data-testid=my-username]", "the owner's settings", |t| t == OWNER.0).await;
    assert!(!exists_now(c, "#user-menu").await, "the menu closed on the way");
    // A page loaded anew (another bundle) is named after its heading in the tab's title.
    let heading = find(c, "main h1").await.text().await.unwrap();
    assert!(!heading.is_empty());
    wait_until(c, "the tab's title", &format!("return document.title === {:?}", format!("{heading} – Argilla"))).await;
    // Within the page's bundle (People), the menu goes with its item: the focus goes to the new
    // page's heading, and the title follows it.
    find(c, "[data-testid=current-user]").await.send_keys(&Key::Down.to_string()).await.unwrap();
    wait_focused_item(c, "My settings").await;
    for _ in 0..2 {
        c.active_element().await.unwrap().send_keys(&Key::Down.to_string()).await.unwrap();
    }
    wait_focused_item(c, "People").await;
    c.active_element().await.unwrap().send_keys(&Key::Enter.to_string()).await.unwrap();
    wait_url(c, "people", |u| u.ends_with("/people")).await;
    wait_until(c, "the focus on the heading", "return document.activeElement?.tagName === 'H1' && document.activeElement.closest('main') !== null").await;
    let heading = find(c, "main h1").await.text().await.unwrap();
    wait_until(c, "the People title", &format!("return document.title === {:?}", format!("{heading} – Argilla"))).await;
    c.back().await.unwrap();
    wait_url(c, "my settings again", |u| u.ends_with("/user-settings")).await;

    // A click outside closes it; Backup and restore only for those who may.
    find(c, "[data-testid=current-user]").await.click().await.unwrap();
    find(c, "#user-menu").await;
    find(c, "h1").await.click().await.unwrap();
    assert!(!exists_now(c, "#user-menu").await, "a click outside closes the menu");
    find(c, "[data-testid=settings-sign-out]").await.click().await.unwrap();
    wait_url(c, "sign-in", |u| u.ends_with("/sign-in")).await;
    sign_in(c, &app, ANNOTATOR.0, ANNOTATOR.1).await;
    find(c, "[data-testid=current-user]").await.click().await.unwrap();
    let items = wait_texts(c, "#user-menu [role=menuitem]", "the annotator's menu", |t| !t.is_empty()).await;
    assert_eq!(items, ["My settings", "Sign out"]);
}

fn space_dataset_id(ctx: &Ctx) -> String {
    let list = ctx.space.owner_api().get("/me/datasets").unwrap();
    let found = list["items"].as_array().unwrap().iter().find(|d| d["name"] == DEMO_DATASET).expect("the demo dataset on the Space");
    found["id"].as_str().unwrap().to_owned()
}

/// The Space's title and owner as `GET /api/v1/settings` gives them.
fn space_title_and_owner(server: &Argilla) -> (String, String) {
    let settings = Api::anonymous(&server.url()).get("/settings").unwrap();
    let hf = &settings["huggingface"];
    (hf["space_title"].as_str().unwrap().to_owned(), hf["space_author_name"].as_str().unwrap().to_owned())
}

async fn welcome_shows(c: &Client, server: &Argilla) {
    let (title, owner) = space_title_and_owner(server);
    wait_text(c, "[data-testid=space-title]", "the Space's title", |t| t == title).await;
    let join = find(c, "[data-testid=space-owner]").await.text().await.unwrap();
    assert!(join.starts_with(&format!("Join {owner} ")), "{join}");
    find(c, ".welcome p.muted").await;
}

async fn welcome_on_a_space_shows_the_space_and_keeps_the_page_through_username_sign_in(ctx: &Ctx, c: &Client) {
    let app = ctx.space.url();
    let path = format!("/dataset/{}/annotation-mode", space_dataset_id(ctx));
    // A signed-out visitor of a page of the Space is greeted first, as Argilla does there.
    c.goto(&format!("{app}{path}")).await.unwrap();
    wait_url(c, "the welcome page with the page kept", |u| u.contains("/space/welcome-hf-sign-in?redirect=%2Fdataset%2F")).await;
    welcome_shows(c, &ctx.space).await;
    // This Space has no Hugging Face sign-in: the username is the main action.
    let username = find(c, "[data-testid=username-sign-in]").await;
    assert_eq!(username.attr("class").await.unwrap().as_deref(), Some("button primary"));
    assert!(!exists_now(c, "[data-testid=hf-sign-in]").await);
    username.click().await.unwrap();
    wait_url(c, "sign-in with the page kept", |u| u.contains("/space/sign-in?redirect=%2Fdataset%2F")).await;
    // The owner: the backup test restores this server's other users with new passwords.
    submit_sign_in(c, OWNER.0, OWNER.1).await;
    wait_url(c, "the page", |u| u.contains(&path)).await;
    wait_text(c, "[data-testid=dataset-title]", "the dataset", |t| t == DEMO_DATASET).await;
    // Signed in, the welcome page moves on.
    c.goto(&format!("{app}/welcome-hf-sign-in")).await.unwrap();
    wait_url(c, "home", |u| u == app || u == format!("{app}/")).await;
}

async fn framed_welcome_on_a_space_signs_in_with_a_username_and_keeps_the_page(ctx: &Ctx, c: &Client) {
    c.goto(&host_page(ctx, &format!("{}/welcome-hf-sign-in?redirect=%2Fuser-settings", ctx.space.url()))).await.unwrap();
    enter_space_frame(c).await;
    welcome_shows(c, &ctx.space).await;
    find(c, "[data-testid=username-sign-in]").await.click().await.unwrap();
    submit_sign_in(c, OWNER.0, OWNER.1).await;
    wait_text(c, "[data-testid=my-username]", "my settings in the frame", |t| t == OWNER.0).await;
    // On a Space the private-Space variant is offered too.
    find(c, "[data-action=show-api-key]").await.click().await.unwrap();
    let private = wait_text(c, "[data-testid=sdk-private-snippet]", "the private-Space code", |t| t.contains(harness::server::OWNER_API_KEY)).await;
    assert!(private.contains("headers={\"Authorization\": f\"Bearer {HF_TOKEN}\"}"), "{private}");
    assert!(private.contains(&format!("api_url=\"{}\"", ctx.space.url())), "{private}");
}

async fn welcome_off_a_space_goes_to_sign_in_and_signed_in_goes_home(ctx: &Ctx, c: &Client) {
    let app = ctx.main.url();
    c.goto(&format!("{app}/welcome-hf-sign-in?redirect=%2Fbackup")).await.unwrap();
    let url = wait_url(c, "sign-in", |u| u.contains("/sign-in")).await;
    assert_eq!(url, format!("{app}/sign-in?redirect=%2Fbackup"));
    // Off a Space, protected pages still send visitors to sign in.
    c.goto(&format!("{app}/user-settings")).await.unwrap();
    wait_url(c, "sign-in", |u| u == format!("{app}/sign-in?redirect=%2Fuser-settings")).await;
    submit_sign_in(c, ANNOTATOR.0, ANNOTATOR.1).await;
    wait_url(c, "my settings", |u| u.ends_with("/user-settings")).await;
    c.goto(&format!("{app}/welcome-hf-sign-in")).await.unwrap();
    wait_url(c, "home", |u| u == format!("{app}/")).await;
    find(c, ".dataset-card").await;
}

/// A Space with "Sign in with Hugging Face" (none of the shared servers is
/// both): started for this test against the same stand-in provider.
async fn hugging_face_sign_in_from_the_welcome_page_of_a_space_top_level_and_framed(ctx: &Ctx, c: &Client) {
    let mut options = ServerOptions::named("e2e-space-oauth").with_app();
    options.space = Some(SpaceSettings { persistent_storage: true, show_warning: None });
    options.oauth = Some(OAuthSetup {
        provider_url: ctx.provider.url(),
        owner_username: "hf-owner".into(),
        allowed_workspaces: vec!["argilla".into()],
    });
    let server = Argilla::start(options).expect("a Space with Hugging Face sign-in");
    let app = server.url();

    c.goto(&format!("{app}/user-settings")).await.unwrap();
    wait_url(c, "the welcome page", |u| u == format!("{app}/welcome-hf-sign-in?redirect=%2Fuser-settings")).await;
    welcome_shows(c, &server).await;
    let username = find(c, "[data-testid=username-sign-in]").await;
    assert_eq!(username.attr("class").await.unwrap().as_deref(), Some("button"), "username sign-in is the other action");
    assert_eq!(username.attr("href").await.unwrap().as_deref(), Some("/sign-in?redirect=%2Fuser-settings"));
    find(c, "[data-testid=hf-sign-in]").await.click().await.unwrap();
    pick_identity(c, "hf-alice").await;
    wait_url(c, "the kept page", |u| u.ends_with("/user-settings")).await;
    wait_text(c, "[data-testid=my-username]", "hf-alice's settings", |t| t == "hf-alice").await;
    let method = find(c, "[data-testid=my-sign-in-method]").await.text().await.unwrap();
    assert!(method.starts_with("Hugging Face"), "{method}");

    // Framed, through the sign-in window.
    js(c, "localStorage.clear()").await;
    let src = format!("{app}/welcome-hf-sign-in?redirect=%2Fuser-settings");
    let (main, _popup) = start_framed_hugging_face(ctx, c, &src).await;
    pick_identity(c, "hf-owner").await;
    c.switch_to_window(main).await.unwrap();
    enter_space_frame(c).await;
    wait_text(c, "[data-testid=my-username]", "the frame signed in on the kept page", |t| t == "hf-owner").await;
    let method = find(c, "[data-testid=my-sign-in-method]").await.text().await.unwrap();
    assert!(method.starts_with("Hugging Face"), "{method}");
}

//! People and workspaces against the real servers: users added on the page
//! sign in with the password shown; names and roles change; refusals stand
//! next to their input; the Space is never locked out; workspaces, members
//! and datasets; Hugging Face users ahead of their sign-in; annotators see no
//! controls.

use crate::browser::*;
use crate::{items, Ctx, Test};
use fantoccini::Client;
use harness::seed::{ANNOTATOR, MAIN_WORKSPACE};
use harness::server::OWNER;
use harness::{Api, Argilla, OAuthSetup, ServerOptions};
use serde_json::{json, Value};

pub fn tests() -> Vec<Test> {
    vec![
        test!(a_user_added_on_the_people_page_signs_in_with_the_password_shown),
        test!(a_users_name_and_role_changed_on_the_page_are_what_the_api_shows),
        test!(a_taken_username_shows_the_servers_reason_by_the_username_and_keeps_the_form),
        test!(a_new_user_typed_when_the_session_ends_is_there_after_signing_in_again),
        test!(nobody_deletes_or_demotes_themself_or_the_last_owner),
        test!(a_username_and_workspaces_changed_on_the_user_row_are_what_the_api_shows),
        test!(the_user_list_keeps_its_view_in_the_url_and_stays_fast_with_hundreds_of_users),
        test!(fifty_hugging_face_users_are_added_with_progress_and_each_refusal_is_named),
        test!(owners_are_sent_to_people_from_the_storage_banner),
        test!(the_people_page_comes_by_itself_once_a_restarting_server_says_who_i_am),
        test!(a_workspace_is_created_and_members_added_and_removed),
        test!(a_workspace_with_datasets_is_not_deleted_and_its_datasets_are_named),
        test!(a_workspace_deleted_while_the_page_loads_is_left_out_rather_than_failing_the_page),
        test!(hugging_face_usernames_are_added_with_progress_and_the_chosen_role),
        test!(an_annotator_is_told_only_owners_manage_people_and_gets_no_controls),
        test!(an_admin_only_removes_members_of_their_workspaces_and_a_forced_403_is_explained),
        test!(a_hugging_face_user_added_ahead_signs_in_with_the_chosen_role_and_workspace),
    ]
}

fn user(api: &Api, username: &str) -> Option<Value> {
    items(api.get("/users").unwrap()).into_iter().find(|u| u["username"] == username)
}

async fn open_people(c: &Client, ctx: &Ctx, who: (&str, &str)) {
    sign_in(c, &ctx.main.url(), who.0, who.1).await;
    c.goto(&format!("{}/people", ctx.main.url())).await.unwrap();
    find(c, "section.people h1").await;
}

async fn the_people_page_comes_by_itself_once_a_restarting_server_says_who_i_am(ctx: &Ctx, c: &Client) {
    sign_in(c, &ctx.main.url(), OWNER.0, OWNER.1).await;
    find(c, ".dataset-card").await;
    // Who am I cannot be read (a Space restarting): the page cannot know it is for an owner yet.
    cdp(ctx.driver.port, c, "Network.enable", serde_json::json!({})).await;
    cdp(ctx.driver.port, c, "Network.setBlockedURLs", serde_json::json!({"urls": ["*/api/v1/me"]})).await;
    c.goto(&format!("{}/people", ctx.main.url())).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    assert!(!exists_now(c, ADD).await, "no owner controls before the role is known");
    cdp(ctx.driver.port, c, "Network.setBlockedURLs", serde_json::json!({"urls": []})).await;
    // Back without a reload.
    find(c, ADD).await;
    find(c, "[data-testid=current-user]").await;
}

async fn value_of(c: &Client, css: &str) -> String {
    find(c, css).await.prop("value").await.unwrap().unwrap_or_default()
}

const ADD: &str = "[data-testid=add-user]";

async fn a_user_added_on_the_people_page_signs_in_with_the_password_shown(ctx: &Ctx, c: &Client) {
    open_people(c, ctx, OWNER).await;
    type_into(c, &format!("{ADD} input[name=username]"), "people-ada").await;
    type_into(c, &format!("{ADD} input[name=first_name]"), "Ada").await;
    find(c, &format!("{ADD} select[name=role]")).await.select_by_value("admin").await.unwrap();
    find(c, &format!("{ADD} input[name=workspace][value={MAIN_WORKSPACE}]")).await.click().await.unwrap();
    find(c, &format!("{ADD} [data-action=add-user]")).await.click().await.unwrap();
    let shown = find(c, "[data-testid=new-password][data-username=people-ada] code").await.text().await.unwrap();
    assert!(shown.len() >= 16, "a strong generated password: {shown:?}");
    // Copy says whether the browser took it: a refusal (a frame without clipboard access) is told.
    js(c, "window.__copied = []; navigator.clipboard.writeText = t => { window.__copied.push(t); return Promise.resolve(); }; return null").await;
    let ada_row = "[data-testid=new-password][data-username=people-ada]";
    find(c, &format!("{ada_row} button")).await.click().await.unwrap();
    wait_text(c, &format!("{ada_row} [data-testid=password-copied]"), "the copy confirmed", |t| t == "Password copied.").await;
    assert_eq!(js(c, "return window.__copied").await, json!([shown]));
    js(c, "navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')); return null").await;
    find(c, &format!("{ada_row} button")).await.click().await.unwrap();
    wait_text(c, &format!("{ada_row} [data-testid=password-copied]"), "the refusal told", |t| t.contains("did not allow copying")).await;
    let ada = Api::sign_in(&ctx.main.url(), "people-ada", &shown).expect("signs in with the shown password");
    let me = ada.get("/me").unwrap();
    assert_eq!((me["role"].as_str(), me["first_name"].as_str()), (Some("admin"), Some("Ada")));
    let names: Vec<Value> = items(ada.get("/me/workspaces").unwrap()).iter().map(|w| w["name"].clone()).collect();
    assert_eq!(names, vec![json!(MAIN_WORKSPACE)]);
    wait_text(c, "tr[data-user=people-ada]", "the new row", |t| t.contains("admin") && t.contains(MAIN_WORKSPACE)).await;

    // A typed password is checked against the server's rule before anything is sent.
    type_into(c, &format!("{ADD} input[name=username]"), "people-bob").await;
    type_into(c, &format!("{ADD} input[name=first_name]"), "Bob").await;
    type_into(c, &format!("{ADD} input[name=password]"), "short").await;
    find(c, &format!("{ADD} [data-action=add-user]")).await.click().await.unwrap();
    wait_text(c, &format!("{ADD} [data-error-for=password]"), "the length rule", |t| t.contains("8 to 100")).await;
    assert!(user(&ctx.main.owner_api(), "people-bob").is_none(), "nothing was sent");
    type_into(c, &format!("{ADD} input[name=password]"), "bob-password-1").await;
    find(c, &format!("{ADD} [data-action=add-user]")).await.click().await.unwrap();
    find(c, "[data-testid=new-password][data-username=people-bob]").await;
    Api::sign_in(&ctx.main.url(), "people-bob", "bob-password-1").expect("signs in with the typed password");

    // The server made the user but its reply was lost: the page finds it by name, adds it to the
    // workspace and shows its password, rather than failing and inviting a second create.
    lose_replies(c, json!([["POST", "/api/v1/users"]])).await;
    type_into(c, &format!("{ADD} input[name=username]"), "people-lost").await;
    type_into(c, &format!("{ADD} input[name=first_name]"), "Lost").await;
    type_into(c, &format!("{ADD} input[name=password]"), "lost-password-1").await;
    find(c, &format!("{ADD} input[name=workspace][value={MAIN_WORKSPACE}]")).await.click().await.unwrap();
    find(c, &format!("{ADD} [data-action=add-user]")).await.click().await.unwrap();
    find(c, "[data-testid=new-password][data-username=people-lost]").await;
    assert_eq!(js(c, "return window.lostReplies").await, json!([]), "the create's reply was lost");
    let lost = Api::sign_in(&ctx.main.url(), "people-lost", "lost-password-1").expect("signs in with the typed password");
    let names: Vec<Value> = items(lost.get("/me/workspaces").unwrap()).iter().map(|w| w["name"].clone()).collect();
    assert_eq!(names, vec![json!(MAIN_WORKSPACE)], "and added to the workspace after the lost reply");
}

/// The session ends as the owner adds a user (the server refuses the token): after signing in
/// again the form is back as typed, but for the password, which is never kept.
async fn a_new_user_typed_when_the_session_ends_is_there_after_signing_in_again(ctx: &Ctx, c: &Client) {
    open_people(c, ctx, OWNER).await;
    type_into(c, &format!("{ADD} input[name=username]"), "people-kept").await;
    type_into(c, &format!("{ADD} input[name=first_name]"), "Kept").await;
    type_into(c, &format!("{ADD} input[name=password]"), "kept-password-1").await;
    find(c, &format!("{ADD} input[name=workspace][value={MAIN_WORKSPACE}]")).await.click().await.unwrap();
    js(c, "const real = window.fetch; window.fetch = async (r, init) => { \
            if (r.method === 'POST' && new URL(r.url).pathname.endsWith('/api/v1/users')) \
              return new Response(JSON.stringify({detail: 'Could not validate credentials'}), {status: 401, headers: {'Content-Type': 'application/json'}}); \
            return real(r, init); }; return null").await;
    find(c, &format!("{ADD} [data-action=add-user]")).await.click().await.unwrap();
    wait_url(c, "sign-in", |u| u.contains("/sign-in")).await;
    submit_sign_in(c, OWNER.0, OWNER.1).await;
    wait_url(c, "back on the people page", |u| u.ends_with("/people")).await;
    wait_until(c, "the typed username back", &format!("return document.querySelector({:?})?.value === 'people-kept'", format!("{ADD} input[name=username]"))).await;
    assert_eq!(value_of(c, &format!("{ADD} input[name=first_name]")).await, "Kept");
    assert_eq!(value_of(c, &format!("{ADD} input[name=password]")).await, "", "a password is never kept");
    let ticked = find(c, &format!("{ADD} input[name=workspace][value={MAIN_WORKSPACE}]")).await.prop("checked").await.unwrap();
    assert_eq!(ticked.as_deref(), Some("true"), "the ticked workspace is back");
    assert!(user(&ctx.main.owner_api(), "people-kept").is_none(), "nothing was made");
    // Added now, the form empties and nothing is kept for next time.
    find(c, &format!("{ADD} [data-action=add-user]")).await.click().await.unwrap();
    find(c, "[data-testid=new-password][data-username=people-kept]").await;
    assert_eq!(value_of(c, &format!("{ADD} input[name=username]")).await, "");
    c.refresh().await.unwrap();
    find(c, &format!("{ADD} input[name=username]")).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(value_of(c, &format!("{ADD} input[name=username]")).await, "", "nothing kept once added");
}

async fn manage(c: &Client, username: &str) -> String {
    find(c, &format!("tr[data-user='{username}'] [data-action=manage]")).await.click().await.unwrap();
    format!("[data-testid=user-editor][data-username='{username}']")
}

async fn a_users_name_and_role_changed_on_the_page_are_what_the_api_shows(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    owner.post("/users", json!({"username": "people-carl", "first_name": "Carl", "role": "annotator", "password": "12345678"})).unwrap();
    open_people(c, ctx, OWNER).await;
    type_into(c, "[data-testid=users] input[name=search]", "CARL").await;
    wait_texts(c, "[data-testid=users] tbody tr[data-user]", "only Carl", |rows| rows.len() == 1 && rows[0].contains("people-carl")).await;
    let editor = manage(c, "people-carl").await;
    // An empty first name: the server's 422, next to the input; the rest as typed.
    type_into(c, &format!("{editor} input[name=first_name]"), " ").await;
    type_into(c, &format!("{editor} input[name=last_name]"), "Diaz").await;
    find(c, &format!("{editor} [data-action=save-user]")).await.click().await.unwrap();
    wait_text(c, &format!("{editor} [data-error-for=first_name]"), "the server's 422", |t| t.contains("first_name") && t.contains("at least 1 character")).await;
    assert_eq!(value_of(c, &format!("{editor} input[name=last_name]")).await, "Diaz");
    assert_eq!(user(&owner, "people-carl").unwrap()["first_name"], "Carl");
    type_into(c, &format!("{editor} input[name=first_name]"), "Carlos").await;
    type_into(c, &format!("{editor} input[name=last_name]"), "Diaz").await;
    find(c, &format!("{editor} select[name=role]")).await.select_by_value("admin").await.unwrap();
    find(c, &format!("{editor} [data-action=save-user]")).await.click().await.unwrap();
    wait_text(c, &format!("{editor} .card-status"), "saved", |t| t == "Saved.").await;
    let carl = user(&owner, "people-carl").unwrap();
    assert_eq!((carl["first_name"].as_str(), carl["last_name"].as_str(), carl["role"].as_str()), (Some("Carlos"), Some("Diaz"), Some("admin")));
    wait_text(c, "tr[data-user=people-carl] [data-col=name]", "the new name", |t| t == "Carlos Diaz").await;
    // An edit since takes "Saved." away: it is about what was saved.
    find(c, &format!("{editor} input[name=last_name]")).await.send_keys("z").await.unwrap();
    wait_text(c, &format!("{editor} .card-status"), "no longer saved", |t| t.is_empty()).await;
    type_into(c, &format!("{editor} input[name=last_name]"), "Diaz").await;
    // The role filter adds to the search: Carl is an admin now, no longer an annotator.
    let role_filter = find(c, "[data-testid=users] select[name=role-filter]").await;
    role_filter.select_by_value("annotator").await.unwrap();
    wait_texts(c, "[data-testid=users] tbody tr[data-user]", "no annotator Carl", |rows| rows.is_empty()).await;
    role_filter.select_by_value("admin").await.unwrap();
    wait_texts(c, "[data-testid=users] tbody tr[data-user]", "admin Carl", |rows| rows.len() == 1 && rows[0].contains("people-carl")).await;

    // A new password, generated and shown once, then deletion after a confirmation that says what goes.
    find(c, &format!("{editor} [data-action=set-password]")).await.click().await.unwrap();
    let shown = find(c, &format!("{editor} [data-testid=new-password] code")).await.text().await.unwrap();
    Api::sign_in(&ctx.main.url(), "people-carl", &shown).expect("signs in with the new password");
    assert!(Api::sign_in(&ctx.main.url(), "people-carl", "12345678").is_err(), "the old password is gone");
    // Set again, and the page left before the server answers: the password is told above the page shown.
    let latency = |ms: u64| json!({"offline": false, "latency": ms, "downloadThroughput": -1, "uploadThroughput": -1});
    cdp(ctx.driver.port, c, "Network.enable", json!({})).await;
    cdp(ctx.driver.port, c, "Network.emulateNetworkConditions", latency(1500)).await;
    find(c, &format!("{editor} [data-action=set-password]")).await.click().await.unwrap();
    find(c, ".user-menu-button").await.click().await.unwrap();
    find(c, "#user-menu a[href$='/user-settings']").await.click().await.unwrap();
    wait_url(c, "my settings", |u| u.ends_with("/user-settings")).await;
    let told = wait_text(c, "[data-testid=app-notice]", "the new password", |t| t.contains("people-carl")).await;
    let again = told.split(" is now ").nth(1).and_then(|rest| rest.split(" (").next()).unwrap_or_default();
    assert!(again.len() >= 16 && again != shown, "a new generated password: {told}");
    Api::sign_in(&ctx.main.url(), "people-carl", again).expect("signs in with the password told after leaving");
    cdp(ctx.driver.port, c, "Network.emulateNetworkConditions", latency(0)).await;
    c.back().await.unwrap();
    let editor = manage(c, "people-carl").await;
    find(c, &format!("{editor} [data-action=delete-user]")).await.click().await.unwrap();
    wait_text(c, "[data-testid=confirm-delete-user]", "what happens to the answers", |t| t.contains("answer they gave") && t.contains("deleted")).await;
    // The confirmation takes the focus, says what it asks; Escape keeps Carl and gives the focus back.
    wait_until(c, "the confirmation focused", &focused_is("[role=alertdialog][data-testid=confirm-delete-user][aria-label='Delete user people-carl?']")).await;
    c.active_element().await.unwrap().send_keys("\u{E00C}").await.unwrap();
    wait_until(c, "the focus back on Delete user", &focused_is(&format!("{editor} [data-action=delete-user]"))).await;
    assert!(!exists_now(c, "[data-testid=confirm-delete-user]").await);
    find(c, &format!("{editor} [data-action=delete-user]")).await.click().await.unwrap();
    find(c, "[data-action=confirm-delete-user]").await.click().await.unwrap();
    wait_texts(c, "[data-testid=users] tbody tr[data-user]", "Carl gone", |rows| rows.is_empty()).await;
    assert!(user(&owner, "people-carl").is_none());
    wait_until(c, "the focus on the users' heading", &focused_is("[data-testid=users] h2")).await;
}

/// A script for `wait_until`: the focused element matches `css`.
fn focused_is(css: &str) -> String {
    format!("return document.activeElement?.matches({css:?}) === true")
}

async fn a_taken_username_shows_the_servers_reason_by_the_username_and_keeps_the_form(ctx: &Ctx, c: &Client) {
    open_people(c, ctx, OWNER).await;
    type_into(c, &format!("{ADD} input[name=username]"), ANNOTATOR.0).await;
    type_into(c, &format!("{ADD} input[name=first_name]"), "Someone Else").await;
    find(c, &format!("{ADD} [data-action=add-user]")).await.click().await.unwrap();
    let reason = wait_text(c, &format!("{ADD} [data-error-for=username]"), "the server's reason", |t| t.contains("not unique")).await;
    assert!(reason.contains(ANNOTATOR.0), "{reason}");
    assert_eq!(value_of(c, &format!("{ADD} input[name=username]")).await, ANNOTATOR.0);
    assert_eq!(value_of(c, &format!("{ADD} input[name=first_name]")).await, "Someone Else");
    assert!(!exists_now(c, "[data-testid=new-password]").await);
}

fn owners(api: &Api) -> Vec<String> {
    items(api.get("/users").unwrap()).iter().filter(|u| u["role"] == "owner").map(|u| u["username"].as_str().unwrap().to_owned()).collect()
}

async fn nobody_deletes_or_demotes_themself_or_the_last_owner(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    assert_eq!(owners(&owner), vec![OWNER.0], "the seeded owner starts as the only owner");
    open_people(c, ctx, OWNER).await;
    let editor = manage(c, OWNER.0).await;
    find(c, &format!("{editor} select[name=role]")).await.select_by_value("annotator").await.unwrap();
    find(c, &format!("{editor} [data-action=save-user]")).await.click().await.unwrap();
    wait_text(c, &format!("{editor} [data-error-for=role]"), "the last-owner guard", |t| t.contains("You are the last owner")).await;
    find(c, &format!("{editor} [data-action=delete-user]")).await.click().await.unwrap();
    wait_text(c, &format!("{editor} [data-error-for=delete]"), "the last-owner guard", |t| t.contains("You are the last owner")).await;
    assert!(!exists_now(c, "[data-testid=confirm-delete-user]").await, "no confirmation is offered");

    // With a second owner (added on the page) the guard is about yourself.
    type_into(c, &format!("{ADD} input[name=username]"), "people-owner2").await;
    type_into(c, &format!("{ADD} input[name=first_name]"), "Second").await;
    find(c, &format!("{ADD} select[name=role]")).await.select_by_value("owner").await.unwrap();
    find(c, &format!("{ADD} [data-action=add-user]")).await.click().await.unwrap();
    find(c, "[data-testid=new-password][data-username=people-owner2]").await;
    assert_eq!(owners(&owner).len(), 2);
    find(c, &format!("{editor} [data-action=save-user]")).await.click().await.unwrap();
    wait_text(c, &format!("{editor} [data-error-for=role]"), "the self-demotion guard", |t| t.contains("your own role")).await;
    find(c, &format!("{editor} [data-action=delete-user]")).await.click().await.unwrap();
    wait_text(c, &format!("{editor} [data-error-for=delete]"), "the self-deletion guard", |t| t.contains("your own account")).await;
    let me = Api::sign_in(&ctx.main.url(), OWNER.0, OWNER.1).unwrap().get("/me").unwrap();
    assert_eq!(me["role"], "owner");

    // The other owner may be demoted; then the seeded owner is the last one again.
    let second = manage(c, "people-owner2").await;
    find(c, &format!("{second} select[name=role]")).await.select_by_value("admin").await.unwrap();
    find(c, &format!("{second} [data-action=save-user]")).await.click().await.unwrap();
    wait_text(c, &format!("{second} .card-status"), "saved", |t| t == "Saved.").await;
    assert_eq!(user(&owner, "people-owner2").unwrap()["role"], "admin");
    let editor = manage(c, OWNER.0).await;
    find(c, &format!("{editor} [data-action=delete-user]")).await.click().await.unwrap();
    wait_text(c, &format!("{editor} [data-error-for=delete]"), "the last-owner guard again", |t| t.contains("You are the last owner")).await;
    assert_eq!(owners(&owner), vec![OWNER.0]);
}

async fn a_username_and_workspaces_changed_on_the_user_row_are_what_the_api_shows(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let dora = owner.post("/users", json!({"username": "people-dora", "first_name": "Dora", "role": "annotator", "password": "dora-password"})).unwrap();
    let id = dora["id"].as_str().unwrap().to_owned();
    owner.post("/workspaces", json!({"name": "people-dora-team"})).unwrap();
    open_people(c, ctx, OWNER).await;
    let editor = manage(c, "people-dora").await;
    let username = format!("{editor} input[name=username]");
    let save = format!("{editor} [data-action=save-user]");
    type_into(c, &username, ANNOTATOR.0).await;
    find(c, &format!("{editor} [data-testid=rename-note]")).await;
    find(c, &save).await.click().await.unwrap();
    wait_text(c, &format!("{editor} [data-error-for=username]"), "a name the page knows is taken", |t| t.contains("already taken")).await;

    // Taken since the page loaded: the server's own refusal, by the input, the name kept.
    owner.post("/users", json!({"username": "people-dora-late", "first_name": "Late", "password": "12345678"})).unwrap();
    type_into(c, &username, "people-dora-late").await;
    find(c, &save).await.click().await.unwrap();
    wait_text(c, &format!("{editor} [data-error-for=username]"), "the server's refusal", |t| t.contains("already exists")).await;
    assert_eq!(value_of(c, &username).await, "people-dora-late");
    assert_eq!(owner.get(&format!("/users/{id}")).unwrap()["username"], "people-dora");

    type_into(c, &username, "people-dorothea").await;
    find(c, &save).await.click().await.unwrap();
    wait_text(c, &format!("{editor} .card-status"), "saved", |t| t == "Saved.").await;
    assert_eq!(owner.get(&format!("/users/{id}")).unwrap()["username"], "people-dorothea");
    Api::sign_in(&ctx.main.url(), "people-dorothea", "dora-password").expect("signs in with the new username");
    find(c, "tr[data-user=people-dorothea]").await;

    // Her workspaces, from her row: two joined, then one left.
    let workspaces_of = || {
        let mut names: Vec<String> = items(owner.get(&format!("/users/{id}/workspaces")).unwrap()).iter().map(|w| w["name"].as_str().unwrap().to_owned()).collect();
        names.sort();
        names
    };
    let pick = |name: &str| format!("{editor} input[name=user_workspace][value='{name}']");
    find(c, &pick(MAIN_WORKSPACE)).await.click().await.unwrap();
    find(c, &pick("people-dora-team")).await.click().await.unwrap();
    find(c, &format!("{editor} [data-action=save-workspaces]")).await.click().await.unwrap();
    wait_text(c, &format!("{editor} [data-testid=user-workspaces] .card-status"), "saved", |t| t == "Workspaces saved.").await;
    assert_eq!(workspaces_of(), vec![MAIN_WORKSPACE, "people-dora-team"]);
    wait_text(c, "tr[data-user=people-dorothea] [data-col=workspaces]", "both", |t| t == format!("{MAIN_WORKSPACE}, people-dora-team")).await;
    find(c, &pick(MAIN_WORKSPACE)).await.click().await.unwrap();
    find(c, &format!("{editor} [data-action=save-workspaces]")).await.click().await.unwrap();
    wait_text(c, "tr[data-user=people-dorothea] [data-col=workspaces]", "one left", |t| t == "people-dora-team").await;
    assert_eq!(workspaces_of(), vec!["people-dora-team"]);

    // Added to the main workspace in the Workspaces card while her editor is open: leaving the
    // team in the editor leaves only the team (the editor does not undo the card's change).
    let main_row = format!("[data-workspace='{MAIN_WORKSPACE}']");
    find(c, &format!("{main_row} select[name=add-member]")).await.select_by_value(&id).await.unwrap();
    find(c, &format!("{main_row} [data-action=add-member]")).await.click().await.unwrap();
    find(c, &format!("{main_row} [data-member=people-dorothea]")).await;
    find(c, &pick("people-dora-team")).await.click().await.unwrap();
    find(c, &format!("{editor} [data-action=save-workspaces]")).await.click().await.unwrap();
    wait_text(c, "tr[data-user=people-dorothea] [data-col=workspaces]", "the card's change kept", |t| t == MAIN_WORKSPACE).await;
    assert_eq!(workspaces_of(), vec![MAIN_WORKSPACE]);
    owner.delete(&format!("/workspaces/{}/users/{id}", ctx.demo.main_workspace_id)).unwrap();
}

/// The API requests the page made so far (paths after `/api/v1`).
async fn api_requests(c: &Client) -> Vec<String> {
    let found = js(c, "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname).filter(p => p.includes('/api/v1/')).map(p => p.split('/api/v1')[1])").await;
    found.as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_owned()).collect()
}

/// Its own server, so hundreds of users stay out of the other tests.
async fn the_user_list_keeps_its_view_in_the_url_and_stays_fast_with_hundreds_of_users(_ctx: &Ctx, c: &Client) {
    let server = Argilla::start(ServerOptions::named("e2e-people-many").with_app()).expect("a server");
    let owner = server.owner_api();
    let teams: Vec<String> = (0..3).map(|i| owner.post("/workspaces", json!({"name": format!("team-{i}")})).unwrap()["id"].as_str().unwrap().to_owned()).collect();
    const MANY: usize = 300;
    std::thread::scope(|s| {
        for t in 0..3 {
            let (owner, teams) = (owner.clone(), teams.clone());
            s.spawn(move || {
                for i in (t..MANY).step_by(3) {
                    let role = if i % 10 == 0 { "admin" } else { "annotator" };
                    let u = owner.post("/users", json!({"username": format!("many-{i:03}"), "first_name": format!("Person {i:03}"), "role": role, "password": "12345678"})).unwrap();
                    owner.post(&format!("/workspaces/{}/users", teams[i % 3]), json!({"user_id": u["id"]})).unwrap();
                }
            });
        }
    });
    let everyone = items(owner.get("/users").unwrap());
    assert_eq!(everyone.len(), MANY + 1);
    let app = server.url();
    sign_in(c, &app, OWNER.0, OWNER.1).await;
    c.goto(&format!("{app}/people")).await.unwrap();
    let count = "[data-testid=user-count]";
    wait_text(c, count, "every user", |t| t == format!("{} of {} users", MANY + 1, MANY + 1)).await;
    let requests = api_requests(c).await;
    assert_eq!(requests.iter().filter(|p| *p == "/users").count(), 1, "one list of users: {requests:?}");
    assert!(!requests.iter().any(|p| p.starts_with("/users/")), "no request per user: {requests:?}");
    assert!(requests.len() <= 12, "a few requests for {} users: {requests:?}", MANY + 1);

    // Search, role and workspace narrow the list and go into the URL.
    type_into(c, "[data-testid=users] input[name=search]", "ny-12").await;
    wait_texts(c, "[data-testid=users] tbody tr[data-user]", "many-120 to 129", |r| r.len() == 10 && r.iter().all(|t| t.starts_with("many-12"))).await;
    find(c, "[data-testid=users] select[name=role-filter]").await.select_by_value("admin").await.unwrap();
    find(c, "[data-testid=users] select[name=workspace-filter]").await.select_by_value("team-0").await.unwrap();
    wait_texts(c, "[data-testid=users] tbody tr[data-user]", "many-120 alone", |r| r.len() == 1 && r[0].starts_with("many-120")).await;
    wait_url(c, "the view in the URL", |u| u.ends_with("/people?q=ny-12&role=admin&workspace=team-0")).await;
    c.refresh().await.unwrap();
    wait_texts(c, "[data-testid=users] tbody tr[data-user]", "the same view after a reload", |r| r.len() == 1 && r[0].starts_with("many-120")).await;
    assert_eq!(value_of(c, "[data-testid=users] input[name=search]").await, "ny-12");
    assert_eq!(value_of(c, "[data-testid=users] select[name=role-filter]").await, "admin");
    assert_eq!(value_of(c, "[data-testid=users] select[name=workspace-filter]").await, "team-0");

    // A shared link with a sort: annotators by name, last first.
    c.goto(&format!("{app}/people?role=annotator&sort=name-desc")).await.unwrap();
    let annotators = everyone.iter().filter(|u| u["role"] == "annotator").count();
    wait_text(c, count, "the annotators", |t| t == format!("{annotators} of {} users", MANY + 1)).await;
    let rows = texts(c, "[data-testid=users] tbody tr[data-user] td:first-child").await;
    assert_eq!(rows.first().map(String::as_str), Some("many-299"));
    assert_eq!(value_of(c, "[data-testid=users] select[name=sort]").await, "name");
    assert_eq!(find(c, "[data-testid=users] input[name=descending]").await.prop("checked").await.unwrap().as_deref(), Some("true"));

    // Responsive: a keystroke re-filters 300 rows within a frame or two, not seconds.
    let took = c
        .execute_async(
            "const done = arguments[0]; const input = document.querySelector('[data-testid=users] input[name=search]');
             const count = document.querySelector('[data-testid=user-count]'); const before = count.textContent; const t0 = performance.now();
             input.value = 'many-2'; input.dispatchEvent(new Event('input', {bubbles: true}));
             const check = () => count.textContent !== before ? done(performance.now() - t0) : requestAnimationFrame(check); check();",
            vec![],
        )
        .await
        .unwrap();
    let took = took.as_f64().unwrap();
    wait_text(c, count, "the annotators from 200 on", |t| t.starts_with(&format!("{} of", (200..MANY).filter(|i| i % 10 != 0).count()))).await;
    assert!(took < 1000.0, "filtering {} users took {took:.0} ms", MANY + 1);
    println!("    filtering {} users: {took:.0} ms", MANY + 1);
}

async fn fifty_hugging_face_users_are_added_with_progress_and_each_refusal_is_named(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let team = owner.post("/workspaces", json!({"name": "people-bulk-team"})).unwrap()["id"].as_str().unwrap().to_owned();
    let names: Vec<String> = (0..50).map(|i| format!("people-bulk-{i:02}")).collect();
    open_people(c, ctx, OWNER).await;
    let card = "[data-testid=add-hf-users]";
    type_into(c, &format!("{card} textarea[name=hf_usernames]"), &names.join("\n")).await;
    find(c, &format!("{card} input[name=hf_workspace][value=people-bulk-team]")).await.click().await.unwrap();
    // Two of them get an account elsewhere after the page loaded: the server refuses those only.
    for taken in ["people-bulk-07", "people-bulk-31"] {
        owner.post("/users", json!({"username": taken, "first_name": "Taken", "password": "12345678"})).unwrap();
    }
    find(c, &format!("{card} [data-action=add-hf-users]")).await.click().await.unwrap();
    let mut seen = std::collections::BTreeSet::new();
    let mut editable_while_running = false;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    loop {
        let value = js(c, "const p = document.querySelector('[data-testid=hf-progress] progress'); return p ? p.value : -1").await.as_f64().unwrap_or(-1.0);
        if (1.0..49.0).contains(&value) {
            let read_only = js(c, &format!("return document.querySelector('{card} textarea[name=hf_usernames]').readOnly")).await;
            editable_while_running |= read_only != json!(true);
        }
        seen.insert(value as i64);
        if value >= 50.0 || std::time::Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(seen.iter().any(|v| (1..50).contains(v)), "progress in between was shown: {seen:?}");
    assert!(!editable_while_running, "the names could be edited while they were added");
    wait_text(c, &format!("{card} [data-testid=hf-progress]"), "the outcome", |t| t.contains("48 of 50 added, 2 refused")).await;
    let failed = texts(c, &format!("{card} [data-failed]")).await;
    assert_eq!(failed.len(), 2, "{failed:?}");
    assert!(failed[0].starts_with("people-bulk-07: ") && failed[0].contains("not unique"), "{failed:?}");
    assert!(failed[1].starts_with("people-bulk-31: "), "{failed:?}");
    assert_eq!(value_of(c, &format!("{card} textarea[name=hf_usernames]")).await, "people-bulk-07\npeople-bulk-31", "the refused names stay to retry");
    let in_team = members(&owner, &team);
    assert_eq!(in_team.len(), 48);
    for name in names.iter().filter(|n| !n.ends_with("07") && !n.ends_with("31")) {
        assert!(in_team.contains(name), "{name} saved and in the team");
    }
}

async fn owners_are_sent_to_people_from_the_storage_banner(ctx: &Ctx, c: &Client) {
    let app = ctx.space.url();
    sign_in(c, &app, OWNER.0, OWNER.1).await;
    let link = find(c, "[data-testid=storage-banner] [data-testid=banner-people]").await;
    assert_eq!(link.text().await.unwrap(), "Manage users and workspaces.");
    link.click().await.unwrap();
    find(c, "section.people [data-testid=users]").await;
    assert!(c.current_url().await.unwrap().path().ends_with("/space/people"));

    let owner = ctx.space.owner_api();
    owner.post("/users", json!({"username": "people-banner-admin", "first_name": "A", "role": "admin", "password": "12345678"})).unwrap();
    sign_out(c).await;
    sign_in(c, &app, "people-banner-admin", "12345678").await;
    find(c, "[data-testid=storage-banner] [data-testid=banner-backup]").await;
    assert!(!exists_now(c, "[data-testid=banner-people]").await, "only owners manage users");
}

fn workspace_id(api: &Api, name: &str) -> Option<String> {
    items(api.get("/me/workspaces").unwrap()).iter().find(|w| w["name"] == name).map(|w| w["id"].as_str().unwrap().to_owned())
}

fn members(api: &Api, ws: &str) -> Vec<String> {
    items(api.get(&format!("/workspaces/{ws}/users")).unwrap()).iter().map(|u| u["username"].as_str().unwrap().to_owned()).collect()
}

async fn a_workspace_is_created_and_members_added_and_removed(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    open_people(c, ctx, OWNER).await;
    type_into(c, "[data-testid=workspaces] input[name=workspace_name]", "people-team").await;
    find(c, "[data-action=create-workspace]").await.click().await.unwrap();
    let row = "[data-workspace=people-team]";
    find(c, row).await;
    let ws = workspace_id(&owner, "people-team").expect("created");
    assert_eq!(value_of(c, "[data-testid=workspaces] input[name=workspace_name]").await, "");
    // Create went disabled under the focus while it ran: the focus is on its card's heading, not lost.
    wait_until(c, "the focus on the card's heading after Create", &focused_is("[data-testid=workspaces] h2")).await;

    // The same name again: the server's 409 by the input, the name kept.
    type_into(c, "[data-testid=workspaces] input[name=workspace_name]", "people-team").await;
    find(c, "[data-action=create-workspace]").await.click().await.unwrap();
    wait_text(c, "[data-testid=workspaces] [data-error-for=workspace_name]", "the 409", |t| t.contains("not unique")).await;
    assert_eq!(value_of(c, "[data-testid=workspaces] input[name=workspace_name]").await, "people-team");
    // The field says it is refused, and why, to a screen reader on it.
    wait_until(c, "the name field tied to its error", "const i = document.querySelector('[data-testid=workspaces] input[name=workspace_name]'); \
        const e = document.getElementById(i.getAttribute('aria-describedby')); \
        return i.getAttribute('aria-invalid') === 'true' && !!e && e.dataset.errorFor === 'workspace_name'").await;

    find(c, &format!("{row} select[name=add-member]")).await.select_by_value(&ctx.demo.annotator_id).await.unwrap();
    find(c, &format!("{row} [data-action=add-member]")).await.click().await.unwrap();
    find(c, &format!("{row} [data-member={}]", ANNOTATOR.0)).await;
    wait_text(c, &format!("{row} [data-testid=member-count]"), "one member", |t| t == "1 member").await;
    assert_eq!(members(&owner, &ws), vec![ANNOTATOR.0]);
    let said = format!("{row} [data-testid=member-said][role=status]");
    wait_text(c, &said, "the addition said", |t| t == format!("{} added to people-team", ANNOTATOR.0)).await;
    find(c, &format!("{row} [data-member={}] [data-action=remove-member]", ANNOTATOR.0)).await.click().await.unwrap();
    wait_text(c, &format!("{row} [data-testid=member-count]"), "no member", |t| t == "0 members").await;
    assert!(members(&owner, &ws).is_empty());
    wait_text(c, &said, "the removal said", |t| t == format!("{} removed from people-team", ANNOTATOR.0)).await;

    // Remove clicked twice in a row: one removal, and no error.
    let add_annotator = move || async move {
        find(c, &format!("{row} select[name=add-member]")).await.select_by_value(&ctx.demo.annotator_id).await.unwrap();
        find(c, &format!("{row} [data-action=add-member]")).await.click().await.unwrap();
        wait_text(c, &format!("{row} [data-testid=member-count]"), "one member again", |t| t == "1 member").await;
    };
    add_annotator().await;
    let remove = format!("{row} [data-member={}] [data-action=remove-member]", ANNOTATOR.0);
    js(c, &format!("const b = document.querySelector({remove:?}); b.click(); b.click(); return null")).await;
    wait_text(c, &format!("{row} [data-testid=member-count]"), "no member after two clicks", |t| t == "0 members").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert!(!exists_now(c, &format!("{row} [data-error-for=member]")).await, "an error after two clicks");
    // Removed elsewhere first: the page's removal finds it gone, and says nothing.
    add_annotator().await;
    owner.delete(&format!("/workspaces/{ws}/users/{}", ctx.demo.annotator_id)).unwrap();
    find(c, &remove).await.click().await.unwrap();
    wait_text(c, &format!("{row} [data-testid=member-count]"), "no member after a removal elsewhere", |t| t == "0 members").await;
    assert!(!exists_now(c, &format!("{row} [data-error-for=member]")).await, "an error for a member removed elsewhere");

    // Empty: deleted after a confirmation, which takes the focus; kept with Escape, the focus goes back.
    find(c, &format!("{row} [data-action=delete-workspace]")).await.click().await.unwrap();
    wait_until(c, "the confirmation focused", &focused_is(&format!("{row} [role=alertdialog][aria-label='Delete workspace people-team?']"))).await;
    c.active_element().await.unwrap().send_keys("\u{E00C}").await.unwrap();
    wait_until(c, "the focus back on Delete workspace", &focused_is(&format!("{row} [data-action=delete-workspace]"))).await;
    find(c, &format!("{row} [data-action=delete-workspace]")).await.click().await.unwrap();
    find(c, &format!("{row} [data-action=confirm-delete-workspace]")).await.click().await.unwrap();
    wait_texts(c, "[data-workspace]", "the row gone", |r| !r.iter().any(|t| t.starts_with("people-team"))).await;
    assert!(workspace_id(&owner, "people-team").is_none());
    wait_until(c, "the focus on the workspaces' heading", &focused_is("[data-testid=workspaces] h2")).await;

    // Replies lost after the server did the work (a proxy's 502): the workspace and the member are
    // found on the server and shown, not refused as taken on the next try.
    lose_replies(c, json!([["POST", "/api/v1/workspaces"], ["POST", "/users"]])).await;
    type_into(c, "[data-testid=workspaces] input[name=workspace_name]", "people-lost").await;
    find(c, "[data-action=create-workspace]").await.click().await.unwrap();
    let row = "[data-workspace=people-lost]";
    find(c, row).await;
    assert!(!exists_now(c, "[data-testid=workspaces] [data-error-for=workspace_name]").await, "no refusal for a workspace made");
    wait_until(c, "the name field no longer refused", "const i = document.querySelector('[data-testid=workspaces] input[name=workspace_name]'); \
        return !i.hasAttribute('aria-invalid') && !i.hasAttribute('aria-describedby')").await;
    assert_eq!(value_of(c, "[data-testid=workspaces] input[name=workspace_name]").await, "");
    let lost = workspace_id(&owner, "people-lost").expect("made once");
    find(c, &format!("{row} select[name=add-member]")).await.select_by_value(&ctx.demo.annotator_id).await.unwrap();
    find(c, &format!("{row} [data-action=add-member]")).await.click().await.unwrap();
    wait_text(c, &format!("{row} [data-testid=member-count]"), "the member added", |t| t == "1 member").await;
    assert!(!exists_now(c, &format!("{row} [data-error-for=member]")).await, "no refusal for a member added");
    assert_eq!(js(c, "return window.lostReplies").await, json!([]), "both replies were lost");
    assert_eq!(members(&owner, &lost), vec![ANNOTATOR.0]);
    owner.delete(&format!("/workspaces/{lost}/users/{}", ctx.demo.annotator_id)).unwrap();
    owner.delete(&format!("/workspaces/{lost}")).unwrap();
}

/// Another owner deletes a workspace between the list and its members: the page leaves it
/// out instead of failing whole.
async fn a_workspace_deleted_while_the_page_loads_is_left_out_rather_than_failing_the_page(ctx: &Ctx, c: &Client) {
    sign_in(c, &ctx.main.url(), OWNER.0, OWNER.1).await;
    c.goto(&format!("{}/user-settings", ctx.main.url())).await.unwrap();
    find(c, "[data-testid=my-username]").await;
    let gone = &ctx.demo.main_workspace_id;
    js(c, &format!("const real = window.fetch; window.fetch = async (r, init) => {{ \
            if (new URL(r.url).pathname.endsWith('/api/v1/workspaces/{gone}/users')) \
              return new Response(JSON.stringify({{detail: 'Workspace not found'}}), {{status: 404, headers: {{'Content-Type': 'application/json'}}}}); \
            return real(r, init); }}; return null")).await;
    // Within the bundle, so the page's fetch stays the one above.
    find(c, "[data-testid=current-user]").await.click().await.unwrap();
    find(c, "[data-testid=menu-people]").await.click().await.unwrap();
    find(c, ADD).await;
    find(c, "[data-testid=workspaces] [data-workspace]").await;
    assert!(!exists_now(c, &format!("[data-workspace={MAIN_WORKSPACE}]")).await, "the deleted workspace is left out");
    assert!(!exists_now(c, "[data-testid=people-error], .error-panel").await, "the page is shown, not an error");
}

async fn a_workspace_with_datasets_is_not_deleted_and_its_datasets_are_named(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ws = owner.post("/workspaces", json!({"name": "people-full"})).unwrap()["id"].as_str().unwrap().to_owned();
    owner.post("/datasets", json!({"name": "people-ds-one", "workspace_id": ws})).unwrap();
    open_people(c, ctx, OWNER).await;
    let row = "[data-workspace=people-full]";
    wait_text(c, &format!("{row} [data-testid=dataset-count]"), "one dataset", |t| t == "1 dataset").await;
    find(c, &format!("{row} [data-action=delete-workspace]")).await.click().await.unwrap();
    let why = wait_text(c, &format!("{row} [data-error-for=delete]"), "the refusal", |t| t.contains("people-ds-one")).await;
    assert!(why.contains("nothing was deleted"), "{why}");
    assert!(!exists_now(c, &format!("{row} [data-action=confirm-delete-workspace]")).await);

    // A dataset added after the page loaded: the server refuses, the page names it.
    owner.post("/datasets", json!({"name": "people-ds-two", "workspace_id": ws})).unwrap();
    let other = owner.post("/workspaces", json!({"name": "people-late"})).unwrap()["id"].as_str().unwrap().to_owned();
    c.refresh().await.unwrap();
    let late = "[data-workspace=people-late]";
    find(c, late).await;
    owner.post("/datasets", json!({"name": "people-ds-late", "workspace_id": other})).unwrap();
    find(c, &format!("{late} [data-action=delete-workspace]")).await.click().await.unwrap();
    find(c, &format!("{late} [data-action=confirm-delete-workspace]")).await.click().await.unwrap();
    wait_text(c, &format!("{late} [data-error-for=delete]"), "the late dataset named", |t| t.contains("people-ds-late")).await;
    assert!(workspace_id(&owner, "people-full").is_some() && workspace_id(&owner, "people-late").is_some());
}

async fn hugging_face_usernames_are_added_with_progress_and_the_chosen_role(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    open_people(c, ctx, OWNER).await;
    let card = "[data-testid=add-hf-users]";
    type_into(c, &format!("{card} textarea[name=hf_usernames]"), &format!("people-hf-a, @people-hf-b\nhttps://huggingface.co/people-hf-c bad/name {}", ANNOTATOR.0)).await;
    find(c, &format!("{card} select[name=hf_role]")).await.select_by_value("admin").await.unwrap();
    find(c, &format!("{card} input[name=hf_workspace][value={MAIN_WORKSPACE}]")).await.click().await.unwrap();
    // A reload (or a session that ends and is signed into again) keeps the names, the role and the workspaces.
    c.refresh().await.unwrap();
    let ticked = format!("{card} input[name=hf_workspace][value={MAIN_WORKSPACE}]");
    wait_until(c, "the form as it was", &format!("const c = document.querySelector({ticked:?}); \
        return !!c && c.checked && document.querySelector('{card} select[name=hf_role]').value === 'admin' \
        && document.querySelector('{card} textarea[name=hf_usernames]').value.includes('people-hf-c')")).await;
    find(c, &format!("{card} [data-action=add-hf-users]")).await.click().await.unwrap();
    wait_text(c, &format!("{card} [data-testid=hf-progress]"), "all three added", |t| t.contains("3 of 3 added")).await;
    wait_text(c, &format!("{card} [data-testid=hf-existing]"), "the existing user", |t| t.contains(ANNOTATOR.0)).await;
    wait_text(c, &format!("{card} [data-testid=hf-invalid]"), "the bad name", |t| t.contains("bad/name")).await;
    assert_eq!(value_of(c, &format!("{card} textarea[name=hf_usernames]")).await, "bad/name", "what was not added stays");
    let main_ws = ctx.demo.main_workspace_id.clone();
    for name in ["people-hf-a", "people-hf-b", "people-hf-c"] {
        let u = user(&owner, name).unwrap_or_else(|| panic!("{name} created"));
        assert_eq!(u["role"], "admin");
        assert!(members(&owner, &main_ws).contains(&name.to_owned()), "{name} is in the workspace");
    }
    assert_eq!(user(&owner, ANNOTATOR.0).unwrap()["role"], "annotator", "an existing user is left alone");
}

async fn an_annotator_is_told_only_owners_manage_people_and_gets_no_controls(ctx: &Ctx, c: &Client) {
    open_people(c, ctx, ANNOTATOR).await;
    wait_text(c, "[data-testid=owners-only]", "the owners-only message", |t| t.contains("Only owners")).await;
    let controls = js(c, "return document.querySelectorAll('section.people :is(button, input, select, textarea)').length").await;
    assert_eq!(controls, 0);
}

/// Its own server with "Sign in with Hugging Face" against the stand-in
/// provider (whose default would make hf-alice an annotator in `argilla`).
async fn a_hugging_face_user_added_ahead_signs_in_with_the_chosen_role_and_workspace(ctx: &Ctx, c: &Client) {
    let mut options = ServerOptions::named("e2e-people-oauth").with_app();
    options.oauth = Some(OAuthSetup { provider_url: ctx.provider.url(), owner_username: "hf-owner".into(), allowed_workspaces: vec!["argilla".into()] });
    let server = Argilla::start(options).expect("a server with Hugging Face sign-in");
    let owner = server.owner_api();
    owner.post("/workspaces", json!({"name": "people-hf-team"})).unwrap();
    let app = server.url();
    sign_in(c, &app, OWNER.0, OWNER.1).await;
    c.goto(&format!("{app}/people")).await.unwrap();
    let card = "[data-testid=add-hf-users]";
    type_into(c, &format!("{card} textarea[name=hf_usernames]"), "hf-alice").await;
    find(c, &format!("{card} select[name=hf_role]")).await.select_by_value("admin").await.unwrap();
    find(c, &format!("{card} input[name=hf_workspace][value=people-hf-team]")).await.click().await.unwrap();
    find(c, &format!("{card} [data-action=add-hf-users]")).await.click().await.unwrap();
    wait_text(c, &format!("{card} [data-testid=hf-progress]"), "added", |t| t.contains("1 of 1 added")).await;

    sign_out(c).await;
    c.goto(&format!("{app}/sign-in")).await.unwrap();
    find(c, "[data-testid=hf-sign-in]").await.click().await.unwrap();
    crate::space::pick_identity(c, "hf-alice").await;
    wait_text(c, "[data-testid=current-user]", "hf-alice signed in as an admin", |t| t.contains("hf-alice") && t.contains("admin")).await;
    let alice = items(owner.get("/users").unwrap()).into_iter().find(|u| u["username"] == "hf-alice").unwrap();
    assert_eq!(alice["role"], "admin");
    let id = alice["id"].as_str().unwrap();
    let names: Vec<Value> = items(owner.get(&format!("/users/{id}/workspaces")).unwrap()).iter().map(|w| w["name"].clone()).collect();
    assert_eq!(names, vec![json!("people-hf-team")]);
}

async fn an_admin_only_removes_members_of_their_workspaces_and_a_forced_403_is_explained(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let main_ws = &ctx.demo.main_workspace_id;
    let admin = owner.post("/users", json!({"username": "people-admin", "first_name": "Ad", "role": "admin", "password": "12345678"})).unwrap();
    let member = owner.post("/users", json!({"username": "people-member", "first_name": "Mem", "password": "12345678"})).unwrap();
    for u in [&admin, &member] {
        owner.post(&format!("/workspaces/{main_ws}/users"), json!({"user_id": u["id"]})).unwrap();
    }
    open_people(c, ctx, ("people-admin", "12345678")).await;
    find(c, "[data-testid=read-only]").await;
    let row = format!("[data-workspace={MAIN_WORKSPACE}]");
    wait_texts(c, &format!("{row} [data-member]"), "the members", |m| m.iter().any(|t| t.starts_with(ANNOTATOR.0)) && m.iter().any(|t| t.starts_with("people-admin"))).await;
    let workspaces = texts(c, "[data-workspace] h3").await;
    assert_eq!(workspaces, vec![MAIN_WORKSPACE], "only the workspaces the admin belongs to");
    // argilla-server lets an admin remove members of their workspaces, nothing else.
    let controls = js(c, "return [...document.querySelectorAll('section.people :is(button, input, select, textarea)')].map(e => e.dataset.action || e.tagName)").await;
    assert!(controls.as_array().unwrap().iter().all(|a| a == "remove-member"), "{controls}");
    assert!(!controls.as_array().unwrap().is_empty());

    let remove = |who: &str| format!("{row} [data-member='{who}'] [data-action=remove-member]");
    find(c, &remove("people-admin")).await.click().await.unwrap();
    wait_text(c, &format!("{row} [data-error-for=member]"), "the self-removal guard", |t| t.contains("lose access")).await;
    assert!(members(&owner, main_ws).contains(&"people-admin".to_owned()));
    find(c, &remove("people-member")).await.click().await.unwrap();
    wait_texts(c, &format!("{row} [data-member]"), "the member gone", |m| !m.iter().any(|t| t.starts_with("people-member"))).await;
    assert!(!members(&owner, main_ws).contains(&"people-member".to_owned()));

    // Demoted while the page is open: the server's 403 is explained by the member, who stays.
    owner.post(&format!("/workspaces/{main_ws}/users"), json!({"user_id": member["id"]})).unwrap();
    c.refresh().await.unwrap();
    find(c, &remove("people-member")).await;
    owner.patch(&format!("/users/{}", admin["id"].as_str().unwrap()), json!({"role": "annotator"})).unwrap();
    find(c, &remove("people-member")).await.click().await.unwrap();
    wait_text(c, &format!("{row} [data-error-for=member]"), "the 403 explained", |t| t.contains("refused") && t.contains("role may have changed")).await;
    assert!(exists_now(c, &format!("{row} [data-member='people-member']")).await);
    assert!(members(&owner, main_ws).contains(&"people-member".to_owned()));
    for u in [&admin, &member] {
        owner.delete(&format!("/users/{}", u["id"].as_str().unwrap())).unwrap();
    }
}

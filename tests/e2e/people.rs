//! People and workspaces against the real servers: users added on the page
//! sign in with the password shown; names and roles change; refusals stand
//! next to their input; the Space is never locked out; workspaces, members
//! and datasets; Hugging Face users ahead of their sign-in; annotators see no
//! controls.

use crate::browser::*;
use crate::{Ctx, Test};
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
        test!(an_owner_cannot_delete_or_demote_themself),
        test!(a_workspace_is_created_and_members_added_and_removed),
        test!(a_workspace_with_datasets_is_not_deleted_and_its_datasets_are_named),
        test!(hugging_face_usernames_are_added_with_progress_and_the_chosen_role),
        test!(an_annotator_is_told_only_owners_manage_people_and_gets_no_controls),
        test!(an_admin_sees_the_members_of_their_workspaces_read_only),
        test!(a_hugging_face_user_added_ahead_signs_in_with_the_chosen_role_and_workspace),
    ]
}

fn items(v: Value) -> Vec<Value> {
    v["items"].as_array().cloned().unwrap_or_default()
}

fn user(api: &Api, username: &str) -> Option<Value> {
    items(api.get("/users").unwrap()).into_iter().find(|u| u["username"] == username)
}

async fn open_people(c: &Client, ctx: &Ctx, who: (&str, &str)) {
    sign_in(c, &ctx.main.url(), who.0, who.1).await;
    c.goto(&format!("{}/people", ctx.main.url())).await.unwrap();
    find(c, "section.people h1").await;
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
    wait_texts(c, "[data-testid=users] tbody tr", "only Carl", |rows| rows.len() == 1 && rows[0].contains("people-carl")).await;
    let editor = manage(c, "people-carl").await;
    type_into(c, &format!("{editor} input[name=first_name]"), "Carlos").await;
    type_into(c, &format!("{editor} input[name=last_name]"), "Diaz").await;
    find(c, &format!("{editor} select[name=role]")).await.select_by_value("admin").await.unwrap();
    find(c, &format!("{editor} [data-action=save-user]")).await.click().await.unwrap();
    wait_text(c, &format!("{editor} .card-status"), "saved", |t| t == "Saved.").await;
    let carl = user(&owner, "people-carl").unwrap();
    assert_eq!((carl["first_name"].as_str(), carl["last_name"].as_str(), carl["role"].as_str()), (Some("Carlos"), Some("Diaz"), Some("admin")));
    wait_text(c, "tr[data-user=people-carl] [data-col=name]", "the new name", |t| t == "Carlos Diaz").await;
    // The role filter adds to the search: Carl is an admin now, no longer an annotator.
    let role_filter = find(c, "[data-testid=users] select[name=role-filter]").await;
    role_filter.select_by_value("annotator").await.unwrap();
    wait_texts(c, "[data-testid=users] tbody tr", "no annotator Carl", |rows| rows.is_empty()).await;
    role_filter.select_by_value("admin").await.unwrap();
    wait_texts(c, "[data-testid=users] tbody tr", "admin Carl", |rows| rows.len() == 1 && rows[0].contains("people-carl")).await;

    // A new password, generated and shown once, then deletion after a confirmation that says what goes.
    find(c, &format!("{editor} [data-action=set-password]")).await.click().await.unwrap();
    let shown = find(c, &format!("{editor} [data-testid=new-password] code")).await.text().await.unwrap();
    Api::sign_in(&ctx.main.url(), "people-carl", &shown).expect("signs in with the new password");
    assert!(Api::sign_in(&ctx.main.url(), "people-carl", "12345678").is_err(), "the old password is gone");
    find(c, &format!("{editor} [data-action=delete-user]")).await.click().await.unwrap();
    wait_text(c, "[data-testid=confirm-delete-user]", "what happens to the answers", |t| t.contains("answer they gave") && t.contains("deleted")).await;
    find(c, "[data-action=confirm-delete-user]").await.click().await.unwrap();
    wait_texts(c, "[data-testid=users] tbody tr", "Carl gone", |rows| rows.is_empty()).await;
    assert!(user(&owner, "people-carl").is_none());
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

async fn an_owner_cannot_delete_or_demote_themself(ctx: &Ctx, c: &Client) {
    open_people(c, ctx, OWNER).await;
    let editor = manage(c, OWNER.0).await;
    find(c, &format!("{editor} select[name=role]")).await.select_by_value("annotator").await.unwrap();
    find(c, &format!("{editor} [data-action=save-user]")).await.click().await.unwrap();
    wait_text(c, &format!("{editor} [data-error-for=role]"), "the self-demotion guard", |t| t.contains("your own role")).await;
    find(c, &format!("{editor} [data-action=delete-user]")).await.click().await.unwrap();
    wait_text(c, &format!("{editor} [data-error-for=delete]"), "the self-deletion guard", |t| t.contains("your own account")).await;
    assert!(!exists_now(c, "[data-testid=confirm-delete-user]").await, "no confirmation is offered");
    let me = Api::sign_in(&ctx.main.url(), OWNER.0, OWNER.1).unwrap().get("/me").unwrap();
    assert_eq!(me["role"], "owner");
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

    // The same name again: the server's 409 by the input, the name kept.
    type_into(c, "[data-testid=workspaces] input[name=workspace_name]", "people-team").await;
    find(c, "[data-action=create-workspace]").await.click().await.unwrap();
    wait_text(c, "[data-testid=workspaces] [data-error-for=workspace_name]", "the 409", |t| t.contains("not unique")).await;
    assert_eq!(value_of(c, "[data-testid=workspaces] input[name=workspace_name]").await, "people-team");

    find(c, &format!("{row} select[name=add-member]")).await.select_by_value(&ctx.demo.annotator_id).await.unwrap();
    find(c, &format!("{row} [data-action=add-member]")).await.click().await.unwrap();
    find(c, &format!("{row} [data-member={}]", ANNOTATOR.0)).await;
    wait_text(c, &format!("{row} [data-testid=member-count]"), "one member", |t| t == "1").await;
    assert_eq!(members(&owner, &ws), vec![ANNOTATOR.0]);
    find(c, &format!("{row} [data-member={}] [data-action=remove-member]", ANNOTATOR.0)).await.click().await.unwrap();
    wait_text(c, &format!("{row} [data-testid=member-count]"), "no member", |t| t == "0").await;
    assert!(members(&owner, &ws).is_empty());

    // Empty: deleted after a confirmation.
    find(c, &format!("{row} [data-action=delete-workspace]")).await.click().await.unwrap();
    find(c, &format!("{row} [data-action=confirm-delete-workspace]")).await.click().await.unwrap();
    wait_texts(c, "[data-workspace]", "the row gone", |r| !r.iter().any(|t| t.starts_with("people-team"))).await;
    assert!(workspace_id(&owner, "people-team").is_none());
}

async fn a_workspace_with_datasets_is_not_deleted_and_its_datasets_are_named(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let ws = owner.post("/workspaces", json!({"name": "people-full"})).unwrap()["id"].as_str().unwrap().to_owned();
    owner.post("/datasets", json!({"name": "people-ds-one", "workspace_id": ws})).unwrap();
    open_people(c, ctx, OWNER).await;
    let row = "[data-workspace=people-full]";
    wait_text(c, &format!("{row} [data-testid=dataset-count]"), "one dataset", |t| t == "1").await;
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

async fn an_admin_sees_the_members_of_their_workspaces_read_only(ctx: &Ctx, c: &Client) {
    let owner = ctx.main.owner_api();
    let admin = owner.post("/users", json!({"username": "people-admin", "first_name": "Ad", "role": "admin", "password": "12345678"})).unwrap();
    owner.post(&format!("/workspaces/{}/users", ctx.demo.main_workspace_id), json!({"user_id": admin["id"]})).unwrap();
    open_people(c, ctx, ("people-admin", "12345678")).await;
    find(c, "[data-testid=read-only]").await;
    let row = format!("[data-workspace={MAIN_WORKSPACE}]");
    wait_texts(c, &format!("{row} [data-member]"), "the members", |m| m.iter().any(|t| t == ANNOTATOR.0) && m.iter().any(|t| t == "people-admin")).await;
    let workspaces = texts(c, "[data-workspace] h3").await;
    assert_eq!(workspaces, vec![MAIN_WORKSPACE], "only the workspaces the admin belongs to");
    let controls = js(c, "return document.querySelectorAll('section.people :is(button, input, select, textarea)').length").await;
    assert_eq!(controls, 0);
}

//! The users of the people page: the list with search, filters and sort; one
//! user's name, role, password and deletion; adding a user.

use super::people_data::*;
use crate::ui::dialog::{confirmation, focus_element};
use crate::api::types::Role;
use crate::api::{ApiError, Client};
use crate::domain::people::*;
use crate::domain::time::timestamp_ms;
use crate::i18n::{self, k, t, tf, tn};
use crate::ui::restore_job::random_password;
use crate::ui::state::{use_app, AppNotice, AppState};
use crate::url::{encode_component, with_query};
use leptos::prelude::*;
use crate::ui::router::{use_navigate, use_query_map, NavigateOptions};
use leptos::task::spawn_local;
use serde_json::{json, Value};

#[component]
pub fn UsersCard(dir: RwSignal<Directory>) -> impl IntoView {
    let query = use_query_map();
    let view_state = Memo::new(move |_| query.with(|q| Query::from_query(|k| q.get(k))));
    let navigate = StoredValue::new(use_navigate());
    let update = move |change: &dyn Fn(&mut Query)| {
        let mut q = view_state.get_untracked();
        change(&mut q);
        let url = with_query("/people", &q.to_query());
        navigate.with_value(|go| go(&url, NavigateOptions { replace: true, scroll: false, ..Default::default() }));
    };
    let selected = RwSignal::new(None::<String>);
    let shown = Memo::new(move |_| {
        let q = view_state.get();
        dir.with(|d| select(&d.people, &q).into_iter().map(|p| p.id.clone()).collect::<Vec<_>>())
    });
    let total = move || dir.with(|d| d.people.len());
    let workspace_names = move || dir.with(|d| d.workspaces.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>());
    view! {
        <article class="settings-card" data-testid="users">
            <h2 id=USERS_HEADING tabindex="-1">{t(k::people::users)}</h2>
            <div class="people-filters">
                <label class="setting"><span>{t(k::people::search_by_name)}</span>
                    <input type="search" name="search" prop:value=move || view_state.with(|q| q.search.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); update(&|q| q.search = v.clone()) }/></label>
                <label class="setting"><span>{t(k::people::role)}</span>
                    <select name="role-filter" on:change=move |ev| { let r = Role::offered(&event_target_value(&ev)); update(&|q| q.role = r) }>
                        <option value="">{t(k::people::any_role)}</option>
                        {Role::OFFERED.into_iter().map(|r| view! {
                            <option value=r.label() prop:selected=move || view_state.with(|q| q.role == Some(r))>{r.name()}</option>
                        }).collect_view()}
                    </select></label>
                <label class="setting"><span>{t(k::people::workspace)}</span>
                    <select name="workspace-filter" on:change=move |ev| { let w = Some(event_target_value(&ev)).filter(|w| !w.is_empty()); update(&|q| q.workspace = w.clone()) }>
                        <option value="">{t(k::people::any_workspace)}</option>
                        {move || workspace_names().into_iter().map(|n| {
                            let on = n.clone();
                            view! { <option value=n.clone() translate="no" prop:selected=move || view_state.with(|q| q.workspace.as_ref() == Some(&on))>{n.clone()}</option> }
                        }).collect_view()}
                    </select></label>
                <label class="setting"><span>{t(k::people::sort_by)}</span>
                    <select name="sort" on:change=move |ev| { let k = SortKey::parse(&event_target_value(&ev)); update(&|q| q.sort = k) }>
                        {SortKey::ALL.into_iter().map(|k| view! { <option value=k.key() prop:selected=move || view_state.with(|q| q.sort == k)>{sort_name(k)}</option> }).collect_view()}
                    </select></label>
                <label class="setting check"><input type="checkbox" name="descending" prop:checked=move || view_state.with(|q| q.descending)
                    on:change=move |ev| { let d = event_target_checked(&ev); update(&|q| q.descending = d) }/><span>{t(k::people::descending)}</span></label>
            </div>
            <p class="people-count" role="status" data-testid="user-count">{move || tn(k::people::users_shown, total(), &[("shown", &i18n::number(shown.with(Vec::len) as f64))])}</p>
            <div class="table-scroll"><table class="people-table">
                <thead><tr>
                    <th scope="col">{t(k::people::username)}</th><th scope="col">{t(k::people::name)}</th><th scope="col">{t(k::people::role)}</th>
                    <th scope="col">{t(k::people::workspaces)}</th><th scope="col">{t(k::people::created)}</th><th scope="col"><span class="sr-only">{t(k::people::actions)}</span></th>
                </tr></thead>
                <tbody>
                    <For each=move || shown.get() key=|id| id.clone() let:id>
                        <UserRow id=id dir=dir selected=selected/>
                    </For>
                </tbody>
            </table></div>
        </article>
    }
}

/// The users list's heading: the focus goes there when the user it was on is deleted.
const USERS_HEADING: &str = "people-users-title";

fn sort_name(key: SortKey) -> &'static str {
    t(match key {
        SortKey::Username => k::people::sort_username,
        SortKey::Name => k::people::sort_name,
        SortKey::Role => k::people::sort_role,
        SortKey::Created => k::people::sort_created,
    })
}

/// One user's row, and their editor below it while it is open. Keyed by id,
/// so filtering hundreds of users moves rows instead of rebuilding them.
#[component]
fn UserRow(id: String, dir: RwSignal<Directory>, selected: RwSignal<Option<String>>) -> impl IntoView {
    let key = StoredValue::new(id.clone());
    let person = Memo::new(move |_| key.with_value(|id| dir.with(|d| d.people.iter().find(|p| &p.id == id).cloned())));
    let open = move || selected.with(|s| s.as_deref() == Some(key.get_value().as_str()));
    let cell = move |f: fn(&Person) -> String| move || person.with(|p| p.as_ref().map(f).unwrap_or_default());
    let username = cell(|p| p.username.clone());
    let manage = NodeRef::<leptos::html::Button>::new();
    view! {
        <tr data-user=username>
            <td translate="no">{username}</td><td data-col="name" translate="no">{cell(|p| p.name())}</td><td data-col="role">{cell(|p| p.role.name().to_owned())}</td>
            <td data-col="workspaces" translate="no">{cell(|p| p.workspaces.join(", "))}</td><td><time datetime=cell(|p| p.inserted_at.clone())>{cell(|p| timestamp_ms(&p.inserted_at).map(i18n::date_time).unwrap_or_default())}</time></td>
            <td><button type="button" class="button subtle" data-action="manage" node_ref=manage aria-expanded=move || open().to_string()
                on:click=move |_| selected.set((!open()).then(|| key.get_value()))>{t(k::people::manage)}</button></td>
        </tr>
        <Show when=open>
            <tr class="editor-row"><td colspan="6"><UserEditor id=key.get_value() dir=dir selected=selected manage=manage/></td></tr>
        </Show>
    }
}

#[component]
fn UserEditor(id: String, dir: RwSignal<Directory>, selected: RwSignal<Option<String>>, manage: NodeRef<leptos::html::Button>) -> impl IntoView {
    let state = use_app();
    let me = state.user.with_untracked(|u| u.as_ref().map(|u| u.id.clone()).unwrap_or_default());
    let Some(person) = dir.with_untracked(|d| d.people.iter().find(|p| p.id == id).cloned()) else {
        return ().into_any();
    };
    let target = StoredValue::new(person.clone());
    let me = StoredValue::new(me);
    let path = StoredValue::new(format!("/users/{}", encode_component(&id)));
    let username = RwSignal::new(person.username.clone());
    let first = RwSignal::new(person.first_name.clone());
    let last = RwSignal::new(person.last_name.clone().unwrap_or_default());
    let role = RwSignal::new(person.role);
    let password = RwSignal::new(String::new());
    let shown = RwSignal::new(None::<(String, String)>);
    let problems = RwSignal::new(Problems::new());
    let status = RwSignal::new(String::new());
    // "Saved." is about what was saved: an edit since takes it away.
    Effect::new(move |_| {
        (username.track(), first.track(), last.track(), role.track());
        status.set(String::new());
    });
    let confirming = RwSignal::new(false);
    // One request at a time: two password requests in flight could show a password the server did not keep.
    let busy = RwSignal::new(false);
    let guard = move |change: Change| dir.with_untracked(|d| refusal(&me.get_value(), &target.get_value(), &d.people, change));
    let save = move |_| {
        let new_role = role.get_untracked();
        let new_name = username.get_untracked().trim().to_owned();
        let renamed = new_name != target.get_value().username;
        let found: Problems = [
            ("role", guard(Change::Role(new_role))),
            ("username", dir.with_untracked(|d| username_problem(&me.get_value(), &target.get_value(), &d.people, &new_name))),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.into())))
        .collect();
        if !found.is_empty() {
            problems.set(found);
            return;
        }
        if busy.get_untracked() {
            return;
        }
        let last_name = last.get_untracked().trim().to_owned();
        let mut body = json!({"first_name": first.get_untracked().trim(), "last_name": (!last_name.is_empty()).then_some(last_name)});
        // Sent only when changed: a role this page does not know is not replaced by the one it shows.
        if new_role != target.get_value().role {
            body["role"] = json!(new_role.label());
        }
        if renamed {
            body["username"] = json!(new_name);
        }
        problems.set(Problems::new());
        status.set(String::new());
        busy.set(true);
        let path = path.get_value();
        spawn_local(async move {
            let saved = state.client().send_json::<_, Value>("PATCH", &path, &body).await;
            busy.set(false);
            match saved {
                Ok(v) => {
                    let p = person_of(&v);
                    target.set_value(p.clone());
                    dir.update(|d| d.add_person(p));
                    status.set(t(k::people::saved).into());
                }
                Err(e) => {
                    state.check(&e);
                    // argilla-server refuses a taken username with a 422 that names no field.
                    let fallback = if renamed && e.status() == Some(422) && e.field_errors().is_empty() { "username" } else { "" };
                    problems.set(placed(&e, &["username", "first_name", "last_name", "role"], "username", fallback));
                }
            }
        });
    };
    let set_password = move |_| {
        let typed = password.get_untracked();
        if !typed.is_empty() {
            if let Some(p) = password_problem(&typed) {
                problems.set(one("password", p));
                return;
            }
        }
        if busy.get_untracked() {
            return;
        }
        let new = if typed.is_empty() { random_password() } else { typed };
        problems.set(Problems::new());
        busy.set(true);
        let (who, path) = (target.get_value().username, path.get_value());
        spawn_local(async move {
            // The long time limit: one that ran out after the server set it would leave a password nobody knows.
            let set = state.client().patient().send_json::<_, Value>("PATCH", &path, &json!({"password": new})).await;
            busy.set(false);
            match set {
                Ok(_) => {
                    password.set(String::new());
                    reveal(state, shown, who, new);
                }
                Err(e) => {
                    state.check(&e);
                    problems.set(placed(&e, &["password"], "password", "password"));
                }
            }
        });
    };
    let ask_delete = move |_| match guard(Change::Delete) {
        Some(reason) => problems.set(one("delete", reason)),
        None => confirming.set(true),
    };
    let editor = NodeRef::<leptos::html::Section>::new();
    let (confirm, delete_button, keep) = confirmation(confirming);
    let close = move |_| {
        selected.set(None);
        focus_element(manage.try_get_untracked().flatten().map(Into::into));
    };
    let delete = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let (path, gone) = (path.get_value(), target.get_value().id);
        spawn_local(async move {
            let deleted = state.client().delete(&path).await;
            busy.set(false);
            match deleted {
                // Not found: deleted already (by another tab, or a request this page lost the answer to).
                Ok(()) | Err(ApiError::Http { status: 404, .. }) => {
                    dir.update(|d| {
                        d.people.retain(|p| p.id != gone);
                        d.members.values_mut().for_each(|ids| ids.retain(|u| *u != gone));
                    });
                    selected.set(None);
                    refocus_after(editor.try_get_untracked().flatten().map(Into::into), USERS_HEADING);
                }
                Err(e) => {
                    state.check(&e);
                    keep();
                    problems.set(one("delete", refused(&e)));
                }
            }
        });
    };
    let heading = tf(k::people::manage_user, &[("name", &person.username)]);
    let gone_name = person.username.clone();
    let confirm_label = tf(k::people::confirm_delete_user_label, &[("name", &person.username)]);
    view! {
        <section class="user-editor" node_ref=editor data-testid="user-editor" data-username=person.username.clone() aria-label=heading.clone()>
            <h3>{woven(t(k::people::manage_user), |_| as_written(person.username.clone()))}</h3>
            <label class="setting"><span>{t(k::people::username)}</span>
                <input type="text" name="username" autocomplete="off" prop:value=username on:input=move |ev| username.set(event_target_value(&ev))/></label>
            {problem_at(problems, "username")}
            <Show when=move || username.with(|u| u.trim() != target.get_value().username)>
                <p class="hint" data-testid="rename-note">{t(k::people::rename_note)}</p>
            </Show>
            <label class="setting"><span>{t(k::people::first_name)}</span>
                <input type="text" name="first_name" prop:value=first on:input=move |ev| first.set(event_target_value(&ev))/></label>
            {problem_at(problems, "first_name")}
            <label class="setting"><span>{t(k::people::last_name)}</span>
                <input type="text" name="last_name" prop:value=last on:input=move |ev| last.set(event_target_value(&ev))/></label>
            {problem_at(problems, "last_name")}
            <label class="setting"><span>{t(k::people::role)}</span>
                <select name="role" on:change=move |ev| if let Some(r) = Role::offered(&event_target_value(&ev)) { role.set(r) }>{role_options(Some(person.role))}</select></label>
            {problem_at(problems, "role")}
            {problem_at(problems, "")}
            <div class="card-actions">
                <button type="button" class="button" on:click=close>{t(k::people::close)}</button>
                <button type="button" class="button primary" data-action="save-user" disabled=move || busy.get() on:click=save>{t(k::people::save_user)}</button>
                <span class="card-status" role="status">{move || status.get()}</span>
            </div>
            <UserWorkspaces id=id.clone() dir=dir/>
            <label class="setting"><span>{t(k::people::new_password)}</span>
                <input type="text" name="new_password" autocomplete="new-password" prop:value=password on:input=move |ev| password.set(event_target_value(&ev))/></label>
            {problem_at(problems, "password")}
            <div class="card-actions">
                <button type="button" class="button" data-action="set-password" disabled=move || busy.get() on:click=set_password>{t(k::people::set_password)}</button>
            </div>
            {move || shown.get().map(|(u, p)| view! { <ShownPassword username=u password=p/> })}
            <div class="card-actions">
                <button type="button" class="button danger" data-action="delete-user" node_ref=delete_button on:click=ask_delete>{t(k::people::delete_user)}</button>
            </div>
            {problem_at(problems, "delete")}
            <Show when=move || confirming.get()>
                <div class="notice problem" role="alertdialog" aria-label=confirm_label.clone() tabindex="-1" node_ref=confirm data-testid="confirm-delete-user"
                    on:keydown=move |ev| if ev.key() == "Escape" { keep() }>
                    // argilla-server 2.8 deletes a user's responses with them (`ondelete="CASCADE"`).
                    <p>{woven(t(k::people::confirm_delete_user), |_| view! { <strong translate="no">{gone_name.clone()}</strong> }.into_any())}</p>
                    <div class="card-actions">
                        <button type="button" class="button" on:click=move |_| keep()>{t(k::people::keep_them)}</button>
                        <button type="button" class="button danger" data-action="confirm-delete-user" disabled=move || busy.get() on:click=delete>{tf(k::people::delete_named, &[("name", &gone_name)])}</button>
                    </div>
                </div>
            </Show>
        </section>
    }
    .into_any()
}

/// One user's workspaces, ticked and saved as joins and leaves; each
/// refusal is named, the rest saved.
#[component]
fn UserWorkspaces(id: String, dir: RwSignal<Directory>) -> impl IntoView {
    let state = use_app();
    let user = StoredValue::new(id);
    let have = move || dir.with_untracked(|d| user.with_value(|u| d.memberships_of(u)));
    let picked = RwSignal::new(have());
    // What the boxes showed when the editor opened: only what is ticked or unticked here is
    // sent, so a change made meanwhile in the Workspaces card is not undone.
    let started = StoredValue::new(picked.get_untracked());
    let status = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let is_owner = move || dir.with(|d| user.with_value(|u| d.people.iter().any(|p| &p.id == u && p.role == Role::Owner)));
    let save = move |_| {
        let (join, leave) = edited_membership_changes(&started.get_value(), &picked.get_untracked(), &have());
        if join.is_empty() && leave.is_empty() {
            status.set(t(k::people::nothing_to_change).into());
            return;
        }
        busy.set(true);
        status.set(String::new());
        let asked = picked.get_untracked();
        spawn_local(async move {
            let client = state.client();
            let uid = user.get_value();
            let mut refused = join_workspaces(client.clone(), dir, &uid, &join).await;
            refused.extend(leave_workspaces(client, dir, &uid, &leave).await);
            if let Some(e) = refused.first().and_then(|r| r.1.as_ref()) {
                state.check(e);
            }
            status.set(if refused.is_empty() {
                t(k::people::workspaces_saved).into()
            } else {
                tf(k::people::not_saved, &[("list", &refused.iter().map(|r| r.0.clone()).collect::<Vec<_>>().join("; "))])
            });
            if let Some(now) = dir.try_with_untracked(|d| d.memberships_of(&uid)) {
                started.set_value(now.clone());
                // The boxes show the server's state, with what was ticked or unticked meanwhile kept.
                picked.update(|p| {
                    let (ticked, unticked): (Vec<String>, Vec<String>) = (p.difference(&asked).cloned().collect(), asked.difference(p).cloned().collect());
                    *p = now.into_iter().chain(ticked).filter(|w| !unticked.contains(w)).collect();
                });
            }
            busy.set(false);
        });
    };
    view! {
        <div class="user-workspaces" data-testid="user-workspaces">
            {workspace_picks(dir, picked, "user_workspace")}
            <Show when=is_owner><p class="hint">{t(k::people::owners_see_all)}</p></Show>
            <div class="card-actions">
                <button type="button" class="button" data-action="save-workspaces" disabled=move || busy.get() on:click=save>{t(k::people::save_workspaces)}</button>
                <span class="card-status" role="status">{move || status.get()}</span>
            </div>
        </div>
    }
}

/// A workspace membership the server refused: "workspace: reason", and the error.
pub type Refused = (String, Option<ApiError>);

/// Adds a member to each picked workspace; the refusals.
pub async fn join_workspaces(client: Client, dir: RwSignal<Directory>, user_id: &str, workspace_ids: &[String]) -> Vec<Refused> {
    let mut refused = vec![];
    for w in workspace_ids {
        let path = format!("/workspaces/{}/users", encode_component(w));
        match add_member(&client, &path, user_id).await {
            Ok(()) => dir.update(|d| d.add_member(w, user_id)),
            Err(e) => refused.push((named_refusal(&workspace_name(dir, w), &refusal_text(&e)), Some(e))),
        }
    }
    refused
}

/// Removes a member from each workspace; the refusals.
pub async fn leave_workspaces(client: Client, dir: RwSignal<Directory>, user_id: &str, workspace_ids: &[String]) -> Vec<Refused> {
    let mut refused = vec![];
    for w in workspace_ids {
        let path = format!("/workspaces/{}/users/{}", encode_component(w), encode_component(user_id));
        match client.delete(&path).await {
            Ok(()) => dir.update(|d| d.remove_member(w, user_id)),
            Err(e) => refused.push((named_refusal(&workspace_name(dir, w), &refusal_text(&e)), Some(e))),
        }
    }
    refused
}

/// A workspace's name for a message (its id once the page has gone).
fn workspace_name(dir: RwSignal<Directory>, id: &str) -> String {
    dir.try_with_untracked(|d| d.workspace_name(id)).unwrap_or_else(|| id.to_owned())
}

/// Workspace checkboxes bound to a set of ids.
pub fn workspace_picks(dir: RwSignal<Directory>, picked: RwSignal<std::collections::BTreeSet<String>>, name: &'static str) -> impl IntoView {
    view! {
        <fieldset class="setting workspace-picks"><legend>{t(k::people::workspaces)}</legend>
            {move || dir.with(|d| d.workspaces.clone()).into_iter().map(|(id, n)| {
                let (a, b) = (id.clone(), id.clone());
                view! { <label class="check"><input type="checkbox" name=name value=n.clone() prop:checked=move || picked.with(|p| p.contains(&a))
                    on:change=move |ev| { let on = event_target_checked(&ev); let id = b.clone(); picked.update(|p| { if on { p.insert(id); } else { p.remove(&id); } }); }/><span translate="no">{n.clone()}</span></label> }
            }).collect_view()}
        </fieldset>
    }
}

#[component]
pub fn AddUser(dir: RwSignal<Directory>) -> impl IntoView {
    let state = use_app();
    let draft = RwSignal::new(NewUser { role: Some(Role::Annotator), ..Default::default() });
    let picked = RwSignal::new(std::collections::BTreeSet::<String>::new());
    // Kept through a sign-in, but for the password.
    crate::ui::typed::keep_typed(draft, "add-user", |d| NewUser { password: String::new(), ..d.clone() });
    crate::ui::typed::keep_typed(picked, "add-user-workspaces", Clone::clone);
    let problems = RwSignal::new(Problems::new());
    let shown = RwSignal::new(None::<(String, String)>);
    let status = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let add = move |_| {
        let user = draft.get_untracked();
        let found = new_user_problems(&user);
        if !found.is_empty() {
            problems.set(found.into_iter().map(|(k, v)| (k.to_owned(), v.into())).collect());
            return;
        }
        let password = if user.password.is_empty() { random_password() } else { user.password.clone() };
        let role = user.role.unwrap_or(Role::Annotator);
        let body = json!({"username": user.username.trim(), "first_name": user.first_name.trim(), "role": role.label(), "password": password});
        let workspaces: Vec<String> = picked.get_untracked().into_iter().collect();
        let username = user.username.trim().to_owned();
        let listed_before = dir.with_untracked(|d| d.people.iter().any(|p| p.username == username));
        let (sent_draft, sent_picked) = (user.clone(), picked.get_untracked());
        problems.set(Problems::new());
        shown.set(None);
        busy.set(true);
        spawn_local(async move {
            // The long time limit, as for a new password.
            let client = state.client().patient();
            let answer = client.send_json::<_, Value>("POST", "/users", &body).await;
            match created_user(&client, answer, &username, listed_before).await {
                Ok(v) => {
                    let person = person_of(&v);
                    dir.update(|d| d.add_person(person.clone()));
                    let refused = join_workspaces(state.client(), dir, &person.id, &workspaces).await;
                    if let Some(e) = refused.first().and_then(|r| r.1.as_ref()) {
                        state.check(e);
                    }
                    let refused: Vec<String> = refused.into_iter().map(|r| r.0).collect();
                    status.set(if refused.is_empty() {
                        tf(k::people::added, &[("name", &person.username)])
                    } else {
                        tf(k::people::added_not_to, &[("name", &person.username), ("list", &refused.join("; "))])
                    });
                    reveal(state, shown, person.username, password);
                    // Not what was typed since, for the next person.
                    if draft.get_untracked() == sent_draft {
                        draft.set(NewUser { role: Some(Role::Annotator), ..Default::default() });
                    }
                    picked.update(|p| if *p == sent_picked { p.clear() });
                }
                Err(e) => {
                    state.check(&e);
                    problems.set(placed(&e, &["username", "first_name", "role", "password"], "username", ""));
                }
            }
            busy.set(false);
        });
    };
    let text = move |name: &'static str, label: &'static str, get: fn(&NewUser) -> String, set: fn(&mut NewUser, String)| {
        view! {
            <label class="setting"><span>{label}</span>
                <input type="text" name=name prop:value=move || draft.with(get) on:input=move |ev| draft.update(|d| set(d, event_target_value(&ev)))/></label>
            {problem_at(problems, name)}
        }
    };
    view! {
        <article class="settings-card" data-testid="add-user">
            <h2>{t(k::people::add_a_user)}</h2>
            {text("username", t(k::people::username), |d| d.username.clone(), |d, v| d.username = v)}
            {text("first_name", t(k::people::first_name), |d| d.first_name.clone(), |d, v| d.first_name = v)}
            <label class="setting"><span>{t(k::people::role)}</span>
                <select name="role" prop:value=move || draft.with(|d| d.role.map(|r| r.label()).unwrap_or_default())
                    on:change=move |ev| draft.update(|d| d.role = Role::offered(&event_target_value(&ev)))>{role_options(Some(Role::Annotator))}</select></label>
            {problem_at(problems, "role")}
            {workspace_picks(dir, picked, "workspace")}
            {text("password", t(k::people::password_optional), |d| d.password.clone(), |d, v| d.password = v)}
            {problem_at(problems, "")}
            <div class="card-actions">
                <button type="button" class="button primary" data-action="add-user" disabled=move || busy.get() on:click=add>{t(k::people::add_user)}</button>
                <span class="card-status" role="status">{move || status.get()}</span>
            </div>
            {move || shown.get().map(|(u, p)| view! { <ShownPassword username=u password=p/> })}
        </article>
    }
}

/// Shows a password just set where it was asked for, or, when that has gone (the editor
/// closed, the page left) before the server answered, above whatever page is shown: it is
/// shown only this once.
fn reveal(state: AppState, shown: RwSignal<Option<(String, String)>>, username: String, password: String) {
    if let Some(Some((username, password))) = shown.try_set(Some((username, password))) {
        let text = tf(k::people::password_after_leaving, &[("user", &username), ("password", &password)]);
        // Added to a notice already shown (another password, say), never in its place.
        state.notice.update(|notice| match notice {
            Some(shown) => shown.text = crate::i18n::sentences(&shown.text, &text),
            None => *notice = Some(AppNotice { text, link: None }),
        });
    }
}

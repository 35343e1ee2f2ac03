//! The users of the people page: the list with search, filters and sort; one
//! user's name, role, password and deletion; adding a user.

use super::people_data::*;
use crate::api::types::Role;
use crate::api::Client;
use crate::domain::home::short_date;
use crate::domain::people::*;
use crate::ui::restore_job::random_password;
use crate::ui::state::use_app;
use crate::url::encode_component;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{json, Value};

#[component]
pub fn UsersCard(dir: RwSignal<Directory>) -> impl IntoView {
    let search = RwSignal::new(String::new());
    let role = RwSignal::new(String::new());
    let workspace = RwSignal::new(String::new());
    let sort = RwSignal::new(String::from("username"));
    let descending = RwSignal::new(false);
    let selected = RwSignal::new(None::<String>);
    let rows = move || {
        let q = Query {
            search: search.get(),
            role: role_of(&role.get()),
            workspace: Some(workspace.get()).filter(|w| !w.is_empty()),
            sort: SortKey::parse(&sort.get()),
            descending: descending.get(),
        };
        dir.with(|d| select(&d.people, &q).into_iter().cloned().collect::<Vec<_>>())
    };
    let workspace_names = move || dir.with(|d| d.workspaces.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>());
    view! {
        <article class="settings-card" data-testid="users">
            <h2>"Users"</h2>
            <div class="people-filters">
                <label class="setting"><span>"Search by name"</span>
                    <input type="text" name="search" prop:value=search on:input=move |ev| search.set(event_target_value(&ev))/></label>
                <label class="setting"><span>"Role"</span>
                    <select name="role-filter" on:change=move |ev| role.set(event_target_value(&ev))>
                        <option value="">"Any role"</option>{role_options(None)}
                    </select></label>
                <label class="setting"><span>"Workspace"</span>
                    <select name="workspace-filter" on:change=move |ev| workspace.set(event_target_value(&ev))>
                        <option value="">"Any workspace"</option>
                        {move || workspace_names().into_iter().map(|n| view! { <option value=n.clone()>{n.clone()}</option> }).collect_view()}
                    </select></label>
                <label class="setting"><span>"Sort by"</span>
                    <select name="sort" on:change=move |ev| sort.set(event_target_value(&ev))>
                        {SortKey::ALL.into_iter().map(|k| view! { <option value=k.key()>{k.key()}</option> }).collect_view()}
                    </select></label>
                <label class="setting check"><input type="checkbox" name="descending" on:change=move |ev| descending.set(event_target_checked(&ev))/><span>"Descending"</span></label>
            </div>
            <table class="people-table">
                <thead><tr><th>"Username"</th><th>"Name"</th><th>"Role"</th><th>"Workspaces"</th><th>"Created"</th><th></th></tr></thead>
                <tbody>
                    {move || rows().into_iter().map(|p| {
                        let id = p.id.clone();
                        view! {
                            <tr data-user=p.username.clone()>
                                <td>{p.username.clone()}</td><td data-col="name">{p.name()}</td><td data-col="role">{p.role.label()}</td>
                                <td>{p.workspaces.join(", ")}</td><td>{short_date(&p.inserted_at)}</td>
                                <td><button type="button" class="button subtle" data-action="manage" on:click=move |_| selected.set(Some(id.clone()))>"Manage"</button></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {move || selected.get().map(|id| view! { <UserEditor id=id dir=dir selected=selected/> })}
        </article>
    }
}

#[component]
fn UserEditor(id: String, dir: RwSignal<Directory>, selected: RwSignal<Option<String>>) -> impl IntoView {
    let state = use_app();
    let me = state.user.with_untracked(|u| u.as_ref().map(|u| u.id.clone()).unwrap_or_default());
    let Some(person) = dir.with_untracked(|d| d.people.iter().find(|p| p.id == id).cloned()) else {
        return ().into_any();
    };
    let target = StoredValue::new(person.clone());
    let me = StoredValue::new(me);
    let path = StoredValue::new(format!("/users/{}", encode_component(&id)));
    let first = RwSignal::new(person.first_name.clone());
    let last = RwSignal::new(person.last_name.clone().unwrap_or_default());
    let role = RwSignal::new(person.role);
    let password = RwSignal::new(String::new());
    let shown = RwSignal::new(None::<String>);
    let problems = RwSignal::new(Problems::new());
    let status = RwSignal::new(String::new());
    let confirming = RwSignal::new(false);
    let guard = move |change: Change| dir.with_untracked(|d| refusal(&me.get_value(), &target.get_value(), &d.people, change));
    let save = move |_| {
        let new_role = role.get_untracked();
        if let Some(reason) = guard(Change::Role(new_role)) {
            problems.set(one("role", reason));
            return;
        }
        let last_name = last.get_untracked().trim().to_owned();
        let body = json!({"first_name": first.get_untracked().trim(), "last_name": (!last_name.is_empty()).then_some(last_name), "role": new_role.label()});
        problems.set(Problems::new());
        spawn_local(async move {
            match state.client().send_json::<_, Value>("PATCH", &path.get_value(), &body).await {
                Ok(v) => {
                    let mut p = person_of(&v);
                    p.workspaces = target.get_value().workspaces;
                    target.set_value(p.clone());
                    dir.update(|d| d.add_person(p));
                    status.set("Saved.".into());
                }
                Err(e) => {
                    state.check(&e);
                    problems.set(placed(&e, &["first_name", "last_name", "role"], "first_name", ""));
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
        let new = if typed.is_empty() { random_password() } else { typed };
        problems.set(Problems::new());
        spawn_local(async move {
            match state.client().send_json::<_, Value>("PATCH", &path.get_value(), &json!({"password": new})).await {
                Ok(_) => {
                    password.set(String::new());
                    shown.set(Some(new));
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
    let delete = move |_| {
        spawn_local(async move {
            match state.client().delete(&path.get_value()).await {
                Ok(()) => {
                    let gone = target.get_value().id;
                    dir.update(|d| {
                        d.people.retain(|p| p.id != gone);
                        d.members.values_mut().for_each(|ids| ids.retain(|u| *u != gone));
                    });
                    selected.set(None);
                }
                Err(e) => {
                    state.check(&e);
                    confirming.set(false);
                    problems.set(one("delete", e.user_message()));
                }
            }
        });
    };
    let username = person.username.clone();
    let (who, heading) = (username.clone(), username.clone());
    view! {
        <section class="settings-card user-editor" data-testid="user-editor" data-username=who>
            <h3>"Manage " {heading}</h3>
            <label class="setting"><span>"First name"</span>
                <input type="text" name="first_name" prop:value=first on:input=move |ev| first.set(event_target_value(&ev))/></label>
            {problem_at(problems, "first_name")}
            <label class="setting"><span>"Last name"</span>
                <input type="text" name="last_name" prop:value=last on:input=move |ev| last.set(event_target_value(&ev))/></label>
            {problem_at(problems, "last_name")}
            <label class="setting"><span>"Role"</span>
                <select name="role" on:change=move |ev| if let Some(r) = role_of(&event_target_value(&ev)) { role.set(r) }>{role_options(Some(person.role))}</select></label>
            {problem_at(problems, "role")}
            {problem_at(problems, "")}
            <div class="card-actions">
                <button type="button" class="button" on:click=move |_| selected.set(None)>"Close"</button>
                <button type="button" class="button primary" data-action="save-user" on:click=save>"Save name and role"</button>
                <span class="card-status" role="status">{move || status.get()}</span>
            </div>
            <label class="setting"><span>"New password (leave empty to generate a strong one)"</span>
                <input type="text" name="new_password" autocomplete="new-password" prop:value=password on:input=move |ev| password.set(event_target_value(&ev))/></label>
            {problem_at(problems, "password")}
            <div class="card-actions">
                <button type="button" class="button" data-action="set-password" on:click=set_password>"Set new password"</button>
            </div>
            {move || shown.get().map(|p| view! { <ShownPassword username=target.get_value().username password=p/> })}
            <div class="card-actions">
                <button type="button" class="button danger" data-action="delete-user" on:click=ask_delete>"Delete user…"</button>
            </div>
            {problem_at(problems, "delete")}
            <Show when=move || confirming.get()>
                <div class="notice problem" data-testid="confirm-delete-user">
                    <p>"Delete " <strong>{username.clone()}</strong> "? " {DELETE_CONSEQUENCE}</p>
                    <div class="card-actions">
                        <button type="button" class="button" on:click=move |_| confirming.set(false)>"Keep them"</button>
                        <button type="button" class="button danger" data-action="confirm-delete-user" on:click=delete>"Delete " {username.clone()}</button>
                    </div>
                </div>
            </Show>
        </section>
    }
    .into_any()
}

/// Adds a member to each picked workspace; the refusals, as text.
pub async fn join_workspaces(client: Client, dir: RwSignal<Directory>, user_id: &str, workspace_ids: &[String]) -> Vec<String> {
    let mut refused = vec![];
    for w in workspace_ids {
        let path = format!("/workspaces/{}/users", encode_component(w));
        match client.send_json::<_, Value>("POST", &path, &json!({"user_id": user_id})).await {
            Ok(_) => dir.update(|d| d.add_member(w, user_id)),
            Err(e) => refused.push(format!("{}: {}", dir.with_untracked(|d| d.workspace_name(w)), e.user_message())),
        }
    }
    refused
}

/// Workspace checkboxes bound to a set of ids.
pub fn workspace_picks(dir: RwSignal<Directory>, picked: RwSignal<std::collections::BTreeSet<String>>, name: &'static str) -> impl IntoView {
    view! {
        <fieldset class="setting workspace-picks"><legend>"Workspaces"</legend>
            {move || dir.with(|d| d.workspaces.clone()).into_iter().map(|(id, n)| {
                let (a, b) = (id.clone(), id.clone());
                view! { <label class="check"><input type="checkbox" name=name value=n.clone() prop:checked=move || picked.with(|p| p.contains(&a))
                    on:change=move |ev| { let on = event_target_checked(&ev); let id = b.clone(); picked.update(|p| { if on { p.insert(id); } else { p.remove(&id); } }); }/>{n.clone()}</label> }
            }).collect_view()}
        </fieldset>
    }
}

#[component]
pub fn AddUser(dir: RwSignal<Directory>) -> impl IntoView {
    let state = use_app();
    let draft = RwSignal::new(NewUser { role: Some(Role::Annotator), ..Default::default() });
    let picked = RwSignal::new(std::collections::BTreeSet::<String>::new());
    let problems = RwSignal::new(Problems::new());
    let shown = RwSignal::new(None::<(String, String)>);
    let status = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let add = move |_| {
        let user = draft.get_untracked();
        let found = new_user_problems(&user);
        if !found.is_empty() {
            problems.set(found.into_iter().map(|(k, v)| (k.to_owned(), v)).collect());
            return;
        }
        let password = if user.password.is_empty() { random_password() } else { user.password.clone() };
        let role = user.role.unwrap_or(Role::Annotator);
        let body = json!({"username": user.username.trim(), "first_name": user.first_name.trim(), "role": role.label(), "password": password});
        let workspaces: Vec<String> = picked.get_untracked().into_iter().collect();
        problems.set(Problems::new());
        shown.set(None);
        busy.set(true);
        spawn_local(async move {
            match state.client().send_json::<_, Value>("POST", "/users", &body).await {
                Ok(v) => {
                    let person = person_of(&v);
                    dir.update(|d| d.add_person(person.clone()));
                    let refused = join_workspaces(state.client(), dir, &person.id, &workspaces).await;
                    status.set(if refused.is_empty() { format!("Added {}.", person.username) } else { format!("Added {}, but not to: {}", person.username, refused.join("; ")) });
                    shown.set(Some((person.username, password)));
                    draft.set(NewUser { role: Some(Role::Annotator), ..Default::default() });
                    picked.set(Default::default());
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
            <h2>"Add a user"</h2>
            {text("username", "Username", |d| d.username.clone(), |d, v| d.username = v)}
            {text("first_name", "First name", |d| d.first_name.clone(), |d, v| d.first_name = v)}
            <label class="setting"><span>"Role"</span>
                <select name="role" prop:value=move || draft.with(|d| d.role.map(|r| r.label()).unwrap_or_default())
                    on:change=move |ev| draft.update(|d| d.role = role_of(&event_target_value(&ev)))>{role_options(Some(Role::Annotator))}</select></label>
            {problem_at(problems, "role")}
            {workspace_picks(dir, picked, "workspace")}
            {text("password", "Password (leave empty to generate a strong one)", |d| d.password.clone(), |d, v| d.password = v)}
            {problem_at(problems, "")}
            <div class="card-actions">
                <button type="button" class="button primary" data-action="add-user" disabled=move || busy.get() on:click=add>"Add user"</button>
                <span class="card-status" role="status">{move || status.get()}</span>
            </div>
            {move || shown.get().map(|(u, p)| view! { <ShownPassword username=u password=p/> })}
        </article>
    }
}

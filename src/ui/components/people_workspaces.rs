//! Workspaces on the people page: members and datasets counted, create,
//! delete (never one that holds datasets), add and remove members. Admins
//! may only remove members of their workspaces (argilla-server's
//! `WorkspaceUserPolicy`); the rest is theirs to read.

use super::people_data::*;
use crate::ui::dialog::confirmation;
use crate::domain::people::{blocking_datasets, delete_workspace_refusal, member_removal_refusal};
use crate::api::types::Role;
use crate::api::client::{find_by, items_of, made_anyway, text_of};
use crate::api::ApiError;
use crate::i18n::{k, t, tf, tn};
use crate::ui::state::use_app;
use crate::url::encode_component;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// The workspaces list's heading: the focus goes there when the workspace it was on is deleted.
const WORKSPACES_HEADING: &str = "people-workspaces-title";

#[component]
pub fn WorkspacesCard(dir: RwSignal<Directory>, owner: bool) -> impl IntoView {
    let state = use_app();
    let name = RwSignal::new(String::new());
    crate::ui::typed::keep_typed(name, "new-workspace", Clone::clone);
    let problems = RwSignal::new(Problems::new());
    // One request at a time: a second click would meet "already exists" for the first one's workspace.
    let creating = RwSignal::new(false);
    let create = move |_| {
        let typed = name.get_untracked().trim().to_owned();
        if typed.is_empty() {
            problems.set(one("workspace_name", t(k::people::name_needed)));
            return;
        }
        if creating.get_untracked() {
            return;
        }
        problems.set(Problems::new());
        creating.set(true);
        let listed_before = dir.with_untracked(|d| d.workspaces.iter().any(|(_, n)| *n == typed));
        spawn_local(async move {
            let client = state.client();
            let sent = client.send_json::<_, Value>("POST", "/workspaces", &json!({"name": typed})).await;
            // A reply lost after the server made it (a proxy's 502): found by its name, not refused
            // on the next try as taken.
            let created = made_anyway(sent, async || {
                if listed_before {
                    return None;
                }
                find_by(client.get::<Value>("/me/workspaces").await.ok()?, "name", &typed)
            })
            .await;
            creating.set(false);
            match created {
                Ok(v) => {
                    let (id, n) = (v["id"].as_str().unwrap_or_default().to_owned(), v["name"].as_str().unwrap_or_default().to_owned());
                    dir.update(|d| {
                        d.workspaces.push((id.clone(), n));
                        d.workspaces.sort_by(|a, b| a.1.cmp(&b.1));
                        d.members.insert(id, vec![]);
                    });
                    // Not what was typed since.
                    name.update(|n| if n.trim() == typed { n.clear() });
                }
                Err(e) => {
                    state.check(&e);
                    problems.set(placed(&e, &[], "workspace_name", "workspace_name"));
                }
            }
        });
    };
    view! {
        <article class="settings-card" data-testid="workspaces">
            <h2 id=WORKSPACES_HEADING tabindex="-1">{t(k::people::workspaces)}</h2>
            {owner.then(|| view! {
                <label class="setting"><span>{t(k::people::new_workspace)}</span>
                    <input type="text" name="workspace_name" prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/></label>
                {problem_at(problems, "workspace_name")}
                <div class="card-actions"><button type="button" class="button primary" data-action="create-workspace" disabled=move || creating.get() on:click=create>{t(k::people::create_workspace)}</button></div>
            })}
            <ul class="workspace-list">
                <For each=move || dir.with(|d| d.workspaces.clone()) key=|w| w.0.clone() let:w>
                    <WorkspaceRow id=w.0 name=w.1 dir=dir owner=owner/>
                </For>
            </ul>
        </article>
    }
}

#[component]
fn WorkspaceRow(id: String, name: String, dir: RwSignal<Directory>, owner: bool) -> impl IntoView {
    let state = use_app();
    let id = StoredValue::new(id);
    let label = StoredValue::new(name.clone());
    let problems = RwSignal::new(Problems::new());
    let pick = RwSignal::new(String::new());
    let confirming = RwSignal::new(false);
    let members = move || {
        dir.with(|d| {
            let ids = d.members.get(&id.get_value()).cloned().unwrap_or_default();
            let mut found: Vec<(String, String)> = d.people.iter().filter(|p| ids.contains(&p.id)).map(|p| (p.id.clone(), p.username.clone())).collect();
            found.sort_by(|a, b| a.1.cmp(&b.1));
            found
        })
    };
    let others = move || {
        let inside: Vec<String> = members().into_iter().map(|m| m.0).collect();
        dir.with(|d| d.people.iter().filter(|p| !inside.contains(&p.id)).map(|p| (p.id.clone(), p.username.clone())).collect::<Vec<_>>())
    };
    let datasets = move || dir.with(|d| blocking_datasets(&id.get_value(), &d.datasets));
    let members_path = move || format!("/workspaces/{}/users", encode_component(&id.get_value()));
    let adding = RwSignal::new(false);
    // What a member change did, said: the list changing is not read out.
    let said = RwSignal::new(String::new());
    // Read when a reply comes: the page may have gone meanwhile.
    let username_of = move |uid: &str| dir.try_with_untracked(|d| d.people.iter().find(|p| p.id == uid).map(|p| p.username.clone())).flatten().unwrap_or_default();
    let add = move |_| {
        let user = pick.get_untracked();
        if user.is_empty() {
            problems.set(one("member", t(k::people::choose_user_to_add)));
            return;
        }
        if adding.get_untracked() {
            return;
        }
        problems.set(Problems::new());
        adding.set(true);
        // Read now: this row may be gone (its workspace deleted) when the answer comes.
        let (workspace, path) = (id.get_value(), members_path());
        spawn_local(async move {
            let added = add_member(&state.client(), &path, &user).await;
            adding.set(false);
            match added {
                Ok(_) => {
                    dir.update(|d| d.add_member(&workspace, &user));
                    pick.update(|p| if *p == user { p.clear() });
                    if let Some(name) = label.try_get_value() {
                        said.set(tf(k::people::member_added, &[("name", &username_of(&user)), ("workspace", &name)]));
                    }
                }
                Err(e) => {
                    state.check(&e);
                    problems.set(one("member", refused(&e)));
                }
            }
        });
    };
    let me = state.user.with_untracked(|u| u.as_ref().map(|u| (u.id.clone(), u.role)));
    let me = StoredValue::new(me.unwrap_or((String::new(), Role::Annotator)));
    // Members whose removal is on its way: a second click sends nothing.
    let removing = RwSignal::new(BTreeSet::<String>::new());
    let remove = move |user: String| {
        if let Some(reason) = me.with_value(|(id, role)| member_removal_refusal(id, *role, &user)) {
            problems.set(one("member", reason));
            return;
        }
        if removing.with_untracked(|r| r.contains(&user)) {
            return;
        }
        problems.set(Problems::new());
        removing.update(|r| { r.insert(user.clone()); });
        let (workspace, path) = (id.get_value(), format!("{}/{}", members_path(), encode_component(&user)));
        spawn_local(async move {
            let removed = state.client().delete(&path).await;
            removing.update(|r| { r.remove(&user); });
            match removed {
                // Not found: removed already (by another tab, or a request this page lost the answer to).
                Ok(()) | Err(ApiError::Http { status: 404, .. }) => {
                    let username = username_of(&user);
                    dir.update(|d| d.remove_member(&workspace, &user));
                    if let Some(name) = label.try_get_value() {
                        said.set(tf(k::people::member_removed, &[("name", &username), ("workspace", &name)]));
                    }
                }
                Err(e) => {
                    state.check(&e);
                    problems.set(one("member", refused(&e)));
                }
            }
        });
    };
    let ask_delete = move |_| match delete_workspace_refusal(&label.get_value(), &datasets()) {
        Some(reason) => problems.set(one("delete", reason)),
        None => confirming.set(true),
    };
    let row = NodeRef::<leptos::html::Li>::new();
    let (confirm, delete_button, keep) = confirmation(confirming);
    let delete = move |_| {
        keep();
        let workspace = id.get_value();
        spawn_local(async move {
            let client = state.client();
            match client.delete(&format!("/workspaces/{}", encode_component(&workspace))).await {
                // Not found: deleted already (by another tab, or a request this page lost the answer to).
                Ok(()) | Err(ApiError::Http { status: 404, .. }) => {
                    let gone = row.try_get_untracked().flatten().map(Into::into);
                    dir.update(|d| {
                        d.workspaces.retain(|w| w.0 != workspace);
                        d.members.remove(&workspace);
                        d.refresh();
                    });
                    refocus_after(gone, WORKSPACES_HEADING);
                }
                Err(e) => {
                    state.check(&e);
                    // Datasets created since the page loaded: name them.
                    if let Ok(all) = client.get::<Value>("/me/datasets").await {
                        let found = items_of(all).iter().map(|d| (text_of(d, "workspace_id"), text_of(d, "name"))).collect();
                        dir.update(|d| d.datasets = found);
                    }
                    // The page may have gone while the server answered.
                    let (Some(name), Some(blocking)) = (label.try_get_value(), dir.try_with_untracked(|d| blocking_datasets(&workspace, &d.datasets))) else { return };
                    let message = delete_workspace_refusal(&name, &blocking).map(Problem::from).unwrap_or_else(|| refused(&e));
                    problems.set(one("delete", message));
                }
            }
        });
    };
    view! {
        <li class="settings-card" node_ref=row data-workspace=name.clone()>
            <h3 translate="no">{name.clone()}</h3>
            <p class="workspace-counts">
                <span data-testid="member-count">{move || tn(k::people::members_count, members().len(), &[])}</span>
                <span data-testid="dataset-count">{move || tn(k::people::datasets_count, datasets().len(), &[])}</span>
            </p>
            <ul class="members">
                {move || members().into_iter().map(|(uid, username)| view! {
                    <li data-member=username.clone()><span translate="no">{username.clone()}</span>
                        <button type="button" class="button subtle" data-action="remove-member" aria-label=tf(k::people::remove_member, &[("name", &username), ("workspace", &label.get_value())])
                            disabled={ let uid = uid.clone(); move || removing.with(|r| r.contains(&uid)) }
                            on:click=move |_| remove(uid.clone())>{t(k::people::remove)}</button>
                    </li>
                }).collect_view()}
            </ul>
            {owner.then(|| view! {
                <div class="card-actions">
                    <select name="add-member" aria-label=tf(k::people::user_to_add_to, &[("workspace", &label.get_value())]) prop:value=pick on:change=move |ev| pick.set(event_target_value(&ev))>
                        <option value="">{t(k::people::choose_user)}</option>
                        {move || others().into_iter().map(|(uid, username)| view! { <option value=uid translate="no">{username}</option> }).collect_view()}
                    </select>
                    <button type="button" class="button" data-action="add-member" disabled=move || adding.get() on:click=add>{t(k::people::add_member)}</button>
                    <button type="button" class="button danger" data-action="delete-workspace" node_ref=delete_button on:click=ask_delete>{t(k::people::delete_workspace)}</button>
                </div>
            })}
            <p class="sr-only" role="status" data-testid="member-said">{move || said.get()}</p>
            {problem_at(problems, "member")}
            {problem_at(problems, "delete")}
            <Show when=move || confirming.get()>
                <div class="notice problem" role="alertdialog" aria-label=tf(k::people::confirm_delete_workspace_label, &[("name", &label.get_value())])
                    tabindex="-1" node_ref=confirm data-testid="confirm-delete-workspace" on:keydown=move |ev| if ev.key() == "Escape" { keep() }>
                    <p>{woven(t(k::people::confirm_delete_workspace), |_| as_written(label.get_value()))}</p>
                    <div class="card-actions">
                        <button type="button" class="button" on:click=move |_| keep()>{t(k::people::keep_it)}</button>
                        <button type="button" class="button danger" data-action="confirm-delete-workspace" on:click=delete>{t(k::people::delete)}</button>
                    </div>
                </div>
            </Show>
        </li>
    }
}

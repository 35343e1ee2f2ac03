//! What the people page loads once and its cards share and update: users,
//! workspaces, members and datasets; and where a refusal is shown.

pub use super::linked_text::{as_written, woven};
use crate::api::client::{find_by, items_of, made_anyway, text_of};
use crate::api::types::Role;
use crate::api::{ApiError, Client};
use crate::domain::dataset_settings::refused_input;
use crate::domain::people::Person;
use crate::i18n::{k, t, tf};
use crate::url::encode_component;
use leptos::prelude::*;
use serde_json::{json, Value};
use wasm_bindgen::JsCast;
use std::collections::{BTreeMap, BTreeSet};
use crate::ui::dialog::focus_element;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Directory {
    pub people: Vec<Person>,
    /// (id, name), sorted by name.
    pub workspaces: Vec<(String, String)>,
    /// Workspace id → member user ids.
    pub members: BTreeMap<String, Vec<String>>,
    /// (workspace id, dataset name).
    pub datasets: Vec<(String, String)>,
}

/// The answer to creating the user `username`: where its reply was lost, the
/// user is looked for by name, since the server may have made it all the same
/// (not when the name was listed before the create: that user is not this one).
pub async fn created_user(client: &Client, answer: Result<Value, ApiError>, username: &str, listed_before: bool) -> Result<Value, ApiError> {
    made_anyway(answer, async || {
        if listed_before {
            return None;
        }
        find_by(client.get::<Value>("/users").await.ok()?, "username", username)
    })
    .await
}

/// Makes `user_id` a member of the workspace at `members_path` (`/workspaces/{id}/users`).
/// Already a member (409), or made one before a reply was lost (found in the list): done.
pub async fn add_member(client: &Client, members_path: &str, user_id: &str) -> Result<(), ApiError> {
    let sent = match client.send_json::<_, Value>("POST", members_path, &json!({"user_id": user_id})).await {
        Err(e) if e.status() == Some(409) => Ok(Value::Null),
        other => other,
    };
    made_anyway(sent, async || items_of(client.get::<Value>(members_path).await.ok()?).into_iter().find(|u| text_of(u, "id") == user_id)).await.map(drop)
}

pub fn person_of(v: &Value) -> Person {
    Person {
        id: text_of(v, "id"),
        username: text_of(v, "username"),
        first_name: text_of(v, "first_name"),
        last_name: v["last_name"].as_str().map(str::to_owned),
        role: Role::offered(&text_of(v, "role")).unwrap_or(Role::Other),
        inserted_at: text_of(v, "inserted_at"),
        workspaces: vec![],
    }
}

impl Directory {
    pub fn workspace_name(&self, id: &str) -> String {
        self.workspaces.iter().find(|(w, _)| w == id).map(|(_, n)| n.clone()).unwrap_or_default()
    }

    pub fn usernames(&self) -> Vec<String> {
        self.people.iter().map(|p| p.username.clone()).collect()
    }

    /// Recomputes each person's workspace names from the members, in one
    /// pass over the memberships (hundreds of users stay fast).
    pub fn refresh(&mut self) {
        let names: BTreeMap<&String, &String> = self.workspaces.iter().map(|(id, n)| (id, n)).collect();
        let mut by_user: BTreeMap<&String, Vec<String>> = BTreeMap::new();
        for (w, ids) in &self.members {
            if let Some(name) = names.get(w) {
                ids.iter().for_each(|u| by_user.entry(u).or_default().push(name.to_string()));
            }
        }
        let mut found: BTreeMap<String, Vec<String>> = by_user.into_iter().map(|(u, mut n)| (u.clone(), { n.sort(); n })).collect();
        for p in &mut self.people {
            p.workspaces = found.remove(&p.id).unwrap_or_default();
        }
    }

    /// The ids of the workspaces `user` belongs to.
    pub fn memberships_of(&self, user: &str) -> BTreeSet<String> {
        self.members.iter().filter(|(_, ids)| ids.iter().any(|u| u == user)).map(|(w, _)| w.clone()).collect()
    }

    /// Adds or replaces a person; their workspaces are read from the memberships.
    pub fn add_person(&mut self, person: Person) {
        self.people.retain(|p| p.id != person.id);
        self.people.push(person);
        self.refresh();
    }

    pub fn add_member(&mut self, workspace: &str, user: &str) {
        let ids = self.members.entry(workspace.to_owned()).or_default();
        if !ids.iter().any(|u| u == user) {
            ids.push(user.to_owned());
        }
        self.refresh();
    }

    pub fn remove_member(&mut self, workspace: &str, user: &str) {
        if let Some(ids) = self.members.get_mut(workspace) {
            ids.retain(|u| u != user);
        }
        self.refresh();
    }
}

/// Everything an owner manages; an admin gets the workspaces they belong to
/// and their members (the server lets admins read no more).
pub async fn load(client: &Client, owner: bool) -> Result<Directory, ApiError> {
    use futures::StreamExt;
    let (workspaces, datasets) = futures::join!(client.get::<Value>("/me/workspaces"), client.get::<Value>("/me/datasets"));
    let mut workspaces: Vec<(String, String)> = items_of(workspaces?).iter().map(|w| (text_of(w, "id"), text_of(w, "name"))).collect();
    workspaces.sort_by(|a, b| a.1.cmp(&b.1));
    let paths: Vec<String> = workspaces.iter().map(|(id, _)| format!("/workspaces/{}/users", encode_component(id))).collect();
    // A few at a time: with hundreds of workspaces, all at once would share one time limit.
    let lists: Vec<Result<Value, ApiError>> = futures::stream::iter(paths.iter().map(|p| client.get::<Value>(p))).buffered(6).collect().await;
    let mut members = BTreeMap::new();
    let mut people: BTreeMap<String, Person> = BTreeMap::new();
    let mut gone = BTreeSet::new();
    for ((id, _), list) in workspaces.iter().zip(lists) {
        let users = match list {
            // Deleted since it was listed (by another owner): not shown, rather than no page at all.
            Err(e) if e.status() == Some(404) => {
                gone.insert(id.clone());
                continue;
            }
            other => items_of(other?),
        };
        members.insert(id.clone(), users.iter().map(|u| text_of(u, "id")).collect());
        for u in &users {
            people.insert(text_of(u, "id"), person_of(u));
        }
    }
    if owner {
        people = items_of(client.get::<Value>("/users").await?).iter().map(|u| (text_of(u, "id"), person_of(u))).collect();
    }
    workspaces.retain(|(id, _)| !gone.contains(id));
    let datasets = items_of(datasets?).iter().map(|d| (text_of(d, "workspace_id"), text_of(d, "name"))).collect();
    let mut dir = Directory { people: people.into_values().collect(), workspaces, members, datasets };
    dir.refresh();
    Ok(dir)
}

/// Problems per input name; `""` is the card as a whole.
pub type Problems = BTreeMap<String, Problem>;

#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub text: String,
    /// The server's own words, shown as written (`translate="no"`).
    pub as_written: bool,
}

impl From<String> for Problem {
    fn from(text: String) -> Problem {
        Problem { text, as_written: false }
    }
}

impl From<&str> for Problem {
    fn from(text: &str) -> Problem {
        text.to_owned().into()
    }
}

/// A refusal as a problem to show.
pub fn refused(error: &ApiError) -> Problem {
    Problem { text: refusal_text(error), as_written: error.status() != Some(403) && error.is_server_wording() }
}

/// Where a refusal goes: the input a 422 names, `conflict` for a 409, else
/// `fallback`; with the server's own words.
pub fn placed(error: &ApiError, inputs: &[&str], conflict: &str, fallback: &str) -> Problems {
    let locs: Vec<Vec<String>> = error.field_errors().iter().map(|f| f.loc.clone()).collect();
    let input = refused_input(error.status(), &locs, inputs)
        .or_else(|| (error.status() == Some(409)).then(|| conflict.to_owned()))
        .unwrap_or_else(|| fallback.to_owned());
    [(input, refused(error))].into_iter().collect()
}

/// The server's refusal in words; a 403 says what most likely happened
/// (the role changed since the page loaded, or the server keeps this to owners).
pub fn refusal_text(error: &ApiError) -> String {
    if error.status() == Some(403) {
        t(k::people::forbidden).to_owned()
    } else {
        error.user_message()
    }
}

/// "workspace: reason" or "username: reason", for a list of refusals.
pub fn named_refusal(name: &str, reason: &str) -> String {
    tf(k::people::named_refusal, &[("name", &name), ("reason", &reason)])
}

pub fn one(input: &str, problem: impl Into<Problem>) -> Problems {
    [(input.to_owned(), problem.into())].into_iter().collect()
}

/// The problem for `input`, next to it.
pub fn problem_at(problems: RwSignal<Problems>, input: &'static str) -> impl IntoView {
    let message = Signal::derive(move || problems.with(|p| p.get(input).map(|m| (m.text.clone(), m.as_written))));
    view! { <crate::ui::components::field_error::FieldError input=input message=message/> }
}

/// Once `gone` (a deleted row, a closed editor) leaves the page, the focus it
/// held, or lost to the page's body, goes to the list's heading `heading_id`.
pub fn refocus_after(gone: Option<web_sys::HtmlElement>, heading_id: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let lost = match (document.active_element(), gone) {
        (None, _) => true,
        (Some(active), _) if active.tag_name() == "BODY" => true,
        (Some(active), Some(gone)) => gone.contains(Some(&active)),
        (Some(_), None) => false,
    };
    let heading = document.get_element_by_id(heading_id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if lost {
        focus_element(heading);
    }
}

/// A shown-once password with its Copy button.
#[component]
pub fn ShownPassword(username: String, password: String) -> impl IntoView {
    let (copy, who) = (password.clone(), username.clone());
    view! {
        <p class="notice info" data-testid="new-password" data-username=who>
            <span>{woven(t(k::people::password_for), move |_| view! { <strong translate="no">{username.clone()}</strong> }.into_any())}</span>
            " " <code class="password" translate="no">{password}</code> " "
            <PasswordCopy password=copy/>
            " " {t(k::people::shown_once)}
        </p>
    }
}

/// Copy for a password shown once, saying whether the browser took it: one refused (a frame
/// without clipboard access) must not leave the owner thinking it is on the clipboard.
#[component]
pub fn PasswordCopy(password: String) -> impl IntoView {
    let said = RwSignal::new(None::<&'static str>);
    let copy = move |_| {
        let copying = crate::browser::copy_text(&password);
        leptos::task::spawn_local(async move {
            said.try_set(Some(t(if copying.await { k::people::password_copied } else { k::people::password_copy_refused })));
        });
    };
    view! {
        <button type="button" class="button subtle" on:click=copy>{t(k::people::copy)}</button>
        <span class="muted" role="status" data-testid="password-copied">{move || said.get()}</span>
    }
}

/// Role choices as `<option>`s.
pub fn role_options(current: Option<Role>) -> impl IntoView {
    Role::OFFERED
        .into_iter()
        .map(|r| view! { <option value=r.label() selected=current == Some(r)>{r.name()}</option> })
        .collect_view()
}

//! Adding Hugging Face users before their first sign-in: argilla-server's
//! OAuth callback finds an existing user by username, so each one lands with
//! the role and workspaces chosen here.

use super::people_data::*;
use super::people_users::{join_workspaces, workspace_picks};
use crate::api::types::Role;
use crate::domain::people::{plan_hf_users, BulkProgress, HfPlan};
use crate::i18n::{k, t, tf};
use crate::ui::restore_job::random_password;
use crate::ui::state::use_app;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{json, Value};

#[component]
pub fn AddHfUsers(dir: RwSignal<Directory>) -> impl IntoView {
    let state = use_app();
    let pasted = RwSignal::new(String::new());
    crate::ui::typed::keep_typed(pasted, "hf-users", Clone::clone);
    let role = RwSignal::new(Role::Annotator);
    let picked = RwSignal::new(std::collections::BTreeSet::<String>::new());
    // With the names: after signing in again, Add must not make them with another role or no workspace.
    crate::ui::typed::keep_typed(role, "hf-users-role", |r| *r);
    crate::ui::typed::keep_typed(picked, "hf-users-workspaces", Clone::clone);
    let plan = RwSignal::new(None::<HfPlan>);
    let progress = RwSignal::new(None::<BulkProgress>);
    let running = move || progress.with(|p| p.as_ref().is_some_and(|p| !p.finished()));
    let add = move |_| {
        let found = plan_hf_users(&pasted.get_untracked(), &dir.with_untracked(|d| d.usernames()));
        let names = found.create.clone();
        let invalid = found.invalid.clone();
        plan.set(Some(found));
        if names.is_empty() {
            return;
        }
        progress.set(Some(BulkProgress::new(names.len())));
        let (role, workspaces): (Role, Vec<String>) = (role.get_untracked(), picked.get_untracked().into_iter().collect());
        spawn_local(async move {
            let client = state.client();
            for name in names {
                // They sign in with Hugging Face: the password is never shown nor used.
                let body = json!({"username": name, "first_name": name, "role": role.label(), "password": random_password()});
                let answer = client.send_json::<_, Value>("POST", "/users", &body).await;
                // Planned only where the name was not listed (see plan_hf_users).
                match created_user(&client, answer, &name, false).await {
                    Ok(v) => {
                        let person = person_of(&v);
                        dir.update(|d| d.add_person(person.clone()));
                        let refused = join_workspaces(client.clone(), dir, &person.id, &workspaces).await;
                        if let Some(e) = refused.first().and_then(|r| r.1.as_ref()) {
                            state.check(e);
                        }
                        let refused: Vec<String> = refused.into_iter().map(|r| r.0).collect();
                        progress.update(|p| if let Some(p) = p {
                            if refused.is_empty() { p.created.push(name) } else { p.failed.push((name, tf(k::people::hf_added_not_to, &[("list", &refused.join("; "))]))) }
                        });
                    }
                    Err(e) => {
                        state.check(&e);
                        progress.update(|p| if let Some(p) = p { p.failed.push((name, refusal_text(&e))) });
                    }
                }
            }
            // What was not saved stays in the box, to fix and send again.
            // (Nothing to fill once the page has gone.)
            let Some(left) = progress.try_with_untracked(|p| p.as_ref().map(|p| p.failed.iter().map(|f| f.0.clone()).collect::<Vec<_>>()).unwrap_or_default()) else { return };
            pasted.set(left.into_iter().chain(invalid).collect::<Vec<_>>().join("\n"));
        });
    };
    view! {
        <article class="settings-card" data-testid="add-hf-users">
            <h2>{t(k::people::hf_title)}</h2>
            <p>{t(k::people::hf_intro)}</p>
            <p class="hint" data-testid="hf-defaults">{woven(t(k::people::hf_defaults), |setting| {
                let shown = match setting { "allowed" => "allowed_workspaces", "file" => ".oauth.yaml", _ => "sync_user: true" };
                view! { <code translate="no">{shown}</code> }.into_any()
            })}</p>
            // Read-only while the names are added: what is left to retry replaces the text at the end.
            <label class="setting"><span>{t(k::people::hf_usernames)}</span>
                <textarea name="hf_usernames" rows="4" prop:value=pasted on:input=move |ev| pasted.set(event_target_value(&ev))
                    prop:readOnly=running></textarea></label>
            <label class="setting"><span>{t(k::people::role)}</span>
                <select name="hf_role" prop:value=move || role.get().label() on:change=move |ev| if let Some(r) = Role::offered(&event_target_value(&ev)) { role.set(r) }>{role_options(Some(Role::Annotator))}</select></label>
            {workspace_picks(dir, picked, "hf_workspace")}
            <div class="card-actions">
                <button type="button" class="button primary" data-action="add-hf-users" disabled=running on:click=add>{t(k::people::add_these_users)}</button>
            </div>
            {move || plan.get().map(|p| view! {
                {(!p.existing.is_empty()).then(|| view! { <p class="notice info" data-testid="hf-existing">{woven(t(k::people::hf_existing), |_| as_written(crate::i18n::list(&p.existing)))}</p> })}
                {(!p.invalid.is_empty()).then(|| view! { <p class="field-error" data-testid="hf-invalid">{woven(t(k::people::hf_invalid), |_| as_written(crate::i18n::list(&p.invalid)))}</p> })}
            })}
            {move || progress.get().map(|p| view! {
                <div data-testid="hf-progress" role="status">
                    <progress max=p.total value=p.done()></progress>
                    <span>{p.summary()}</span>
                    <ul class="bulk-failures">
                        {p.failed.iter().map(|(n, why)| view! { <li class="field-error" data-failed=n.clone()><span translate="no">{n.clone()}</span>": "<span>{why.clone()}</span></li> }).collect_view()}
                    </ul>
                </div>
            })}
        </article>
    }
}

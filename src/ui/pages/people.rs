//! `/people`: users, roles and workspace members, for owners. Admins see the
//! workspaces they belong to, read-only; annotators are told who can help.

use crate::api::types::Role;
use crate::api::ApiError;
use crate::i18n::{k, t};
use crate::ui::components::error_panel::ErrorPanel;
use crate::ui::components::people_data::{load, Directory};
use crate::ui::components::people_hf::AddHfUsers;
use crate::ui::components::people_users::{AddUser, UsersCard};
use crate::ui::components::people_workspaces::WorkspacesCard;
use crate::ui::state::use_app;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn People() -> impl IntoView {
    let state = use_app();
    let role = Memo::new(move |_| state.user.with(|u| u.as_ref().map(|u| u.role)));
    view! {
        <section class="people settings-page">
            <h1>{t(k::people::title)}</h1>
            {move || match role.get() {
                None => view! { <p class="loading">{t(k::common::loading)}</p> }.into_any(),
                Some(Role::Annotator | Role::Other) => view! {
                    <p class="notice info" data-testid="owners-only">{t(k::people::owners_only)}</p>
                }.into_any(),
                Some(role) => view! { <PeopleBody owner=role == Role::Owner/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn PeopleBody(owner: bool) -> impl IntoView {
    let state = use_app();
    let dir = RwSignal::new(Directory::default());
    let loaded = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let fetch = move || {
        spawn_local(async move {
            match load(&state.client(), owner).await {
                Ok(found) => {
                    dir.set(found);
                    error.set(None);
                    loaded.set(true);
                }
                Err(e) => {
                    state.check(&e);
                    error.set(Some(e));
                }
            }
        })
    };
    fetch();
    view! {
        {move || error.get().map(|e| view! { <ErrorPanel error=e on_retry=move |_| fetch()/> })}
        {move || (!loaded.get() && error.with(Option::is_none)).then(|| view! { <p class="loading">{t(k::people::loading_people)}</p> })}
        {move || loaded.get().then(|| if owner {
            view! { <UsersCard dir=dir/> <AddUser dir=dir/> <AddHfUsers dir=dir/> <WorkspacesCard dir=dir owner=true/> }.into_any()
        } else {
            view! {
                <p class="notice info" data-testid="read-only">{t(k::people::read_only)}</p>
                <WorkspacesCard dir=dir owner=false/>
            }.into_any()
        })}
    }
}

//! Leptos UI: the app shell, one file per page, one per component.

pub mod annotator;
pub mod backup_job;
pub mod components;
pub mod pages;
pub mod restore_job;
pub mod state;

use crate::browser;
use crate::domain::redirect::sign_in_path;
use components::{header::Header, storage_banner::StorageBanner};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_navigate;
use leptos_router::{path, NavigateOptions};
use pages::{
    annotation::Annotation, backup::Backup, dataset_settings::DatasetSettings, home::Home, not_found::NotFound,
    oauth_callback::OAuthCallback, sign_in::SignIn, user_settings::UserSettings, welcome::Welcome,
};
use state::{use_app, AppState};

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    state.load_settings();
    state.load_user();
    let base = browser::base_path();
    view! {
        <Router base=base>
            <StorageBanner/>
            <Header/>
            <main id="main" data-settings=move || if state.settings_checked.get() { "checked" } else { "pending" }>
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/sign-in") view=SignIn/>
                    <Route path=path!("/oauth/:provider/callback") view=OAuthCallback/>
                    <Route path=path!("/") view=|| view! { <Protected><Home/></Protected> }/>
                    <Route path=path!("/backup") view=|| view! { <Protected><Backup/></Protected> }/>
                    <Route path=path!("/welcome-hf-sign-in") view=Welcome/>
                    <Route path=path!("/user-settings") view=|| view! { <Protected><UserSettings/></Protected> }/>
                    <Route path=path!("/dataset/:id/settings") view=|| view! { <Protected><DatasetSettings/></Protected> }/>
                    <Route
                        path=path!("/dataset/:id/annotation-mode")
                        view=|| view! { <Protected><Annotation/></Protected> }
                    />
                </Routes>
            </main>
        </Router>
    }
}

/// Shows its children only with a session; otherwise sends the user to sign in
/// and back here afterwards.
#[component]
fn Protected(children: ChildrenFn) -> impl IntoView {
    let state = use_app();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if state.session.get().is_none() {
            let target = if state.signed_out.get_untracked() {
                "/sign-in".to_owned()
            } else {
                sign_in_path(&browser::current_app_path())
            };
            navigate(&target, NavigateOptions { replace: true, ..Default::default() });
        }
    });
    view! { <Show when=move || state.session.with(Option::is_some)>{children()}</Show> }
}

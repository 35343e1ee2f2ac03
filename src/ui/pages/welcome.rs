//! `/welcome-hf-sign-in`: who a signed-out person is joining on a Space.
//! Off a Space it sends people to `/sign-in`, and anyone signed in on to the
//! kept page (`/` without one), like Argilla's page of that name.

use crate::browser;
use crate::domain::redirect::{safe_redirect, sign_in_path};
use crate::domain::welcome::{space_info, welcome_route, WelcomeRoute};
use crate::i18n::{k, t};
use crate::ui::components::linked_text::linked_text;
use crate::ui::components::hf_sign_in::{huggingface_offered, HuggingFaceSignIn};
use crate::ui::state::{arriving, use_app};
use leptos::prelude::*;
use crate::ui::router::{use_navigate, use_query_map, NavigateOptions};

#[component]
pub fn Welcome() -> impl IntoView {
    let state = use_app();
    let query = use_query_map();
    let navigate = use_navigate();
    let target = Signal::derive(move || {
        query.with(|q| q.get("redirect")).and_then(|r| safe_redirect(&r)).unwrap_or_else(|| "/".into())
    });
    let route = Memo::new(move |_| {
        let on_space = state.settings.with(|s| s.as_ref().is_some_and(|s| s.huggingface.is_some()));
        welcome_route(state.session.with(Option::is_some), state.settings_checked.get(), on_space, &target.get())
    });
    Effect::new(move |_| {
        if let WelcomeRoute::Go(path) = route.get() {
            navigate(&path, NavigateOptions { replace: true, ..Default::default() });
        }
    });
    view! {
        <Show when=move || route.get() == WelcomeRoute::Show fallback=|| view! { <p class="loading">{t(k::common::loading)}</p> }>
            <SpaceWelcome target=target/>
        </Show>
    }
}

#[component]
fn SpaceWelcome(target: Signal<String>) -> impl IntoView {
    let state = use_app();
    // The title and owner are not among the settings the app keeps: read them here.
    let client = state.client();
    let space = arriving(async move { client.get::<serde_json::Value>("/settings").await.ok().as_ref().and_then(space_info) });
    let huggingface = huggingface_offered();
    let username_href = move || browser::app_href(&sign_in_path(&target.get()));
    view! {
        <section class="welcome" data-testid="welcome">
            {move || space.get().flatten().map(|space| view! {
                <h1 data-testid="space-title" translate="no">{space.title}</h1>
                {(!space.owner.is_empty()).then(|| view! {
                    <p class="welcome-owner" data-testid="space-owner">
                        {linked_text(t(k::signin::join), "owner", view! { <strong translate="no">{space.owner}</strong> })}
                    </p>
                })}
            })}
            {crate::ui::state::take_session_ended().then(|| view! { <p class="notice info" role="status" data-testid="session-ended">{t(k::common::error_session_ended)}</p> })}
            <p class="muted">{t(k::signin::annotator_intro)}</p>
            <div class="welcome-actions">
                // Signing in with a username does not wait for the server's list of providers
                // (a slow or restarting Space); the Hugging Face button comes with the list.
                {move || match huggingface.get() {
                    None => view! {
                        <p class="loading">{t(k::common::loading)}</p>
                        <a class="button" href=username_href data-testid="username-sign-in">{t(k::signin::with_username)}</a>
                    }.into_any(),
                    Some(true) => view! {
                        <HuggingFaceSignIn target=target/>
                        <a class="button" href=username_href data-testid="username-sign-in">{t(k::signin::with_username)}</a>
                    }.into_any(),
                    Some(false) => view! {
                        <a class="button primary" href=username_href data-testid="username-sign-in">{t(k::signin::with_username)}</a>
                    }.into_any(),
                }}
            </div>
        </section>
    }
}

use crate::api::ApiError;
use crate::browser;
use crate::domain::oauth::{ack_message, authentication_path, token_from_message};
use crate::domain::redirect::safe_redirect;
use crate::domain::session::Session;
use crate::ui::state::{keep_redirect, use_app};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// What to tell the user when signing in failed.
pub fn sign_in_error_message(error: &ApiError) -> String {
    match error {
        ApiError::Network(_) => {
            "The Argilla server can't be reached. Check your connection and try again.".into()
        }
        e if e.status() == Some(401) => "Wrong username or password. Try again.".into(),
        e if e.status() == Some(422) => "Please enter both a username and a password.".into(),
        e => e.user_message(),
    }
}

#[component]
pub fn SignIn() -> impl IntoView {
    let state = use_app();
    let query = use_query_map();
    let navigate = use_navigate();
    let target = move || {
        query.with_untracked(|q| q.get("redirect")).and_then(|r| safe_redirect(&r)).unwrap_or_else(|| "/".into())
    };

    // Already signed in: nothing to do here.
    let go_on = navigate.clone();
    Effect::new(move |_| {
        if state.session.with(Option::is_some) {
            go_on(&target(), NavigateOptions { replace: true, ..Default::default() });
        }
    });

    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let password_input = NodeRef::<leptos::html::Input>::new();

    let providers = LocalResource::new(move || async move { state.client().oauth_providers().await.unwrap_or_default() });
    let has_huggingface = move || {
        providers.get().is_some_and(|list| list.iter().any(|p| p.name == "huggingface"))
    };

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let (user, pass) = (username.get_untracked().trim().to_owned(), password.get_untracked());
        if user.is_empty() || pass.is_empty() {
            error.set(Some("Please enter both a username and a password.".into()));
            return;
        }
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let result = state.client().sign_in(&user, &pass).await;
            busy.set(false);
            match result {
                Ok(token) => match Session::from_token(&token.access_token, browser::now_secs()) {
                    Some(session) => state.start_session(session),
                    None => error.set(Some("The server sent a session this app can't read. Try again.".into())),
                },
                Err(e) => {
                    error.set(Some(sign_in_error_message(&e)));
                    if let Some(input) = password_input.get_untracked() {
                        let _ = input.focus();
                        input.select();
                    }
                }
            }
        });
    };

    // Sign in with Hugging Face. Framed (e.g. on huggingface.co) the browser
    // blocks the server's state cookie, so the flow runs in a new window that
    // hands the token back with postMessage.
    let hf_state = RwSignal::new(HfState::Idle);
    let start_huggingface = move |_| {
        let target = target();
        keep_redirect(&target);
        let query: Vec<(String, String)> = query.with_untracked(|q| {
            q.clone().into_iter().map(|(k, v)| (k.to_string(), v)).collect()
        });
        let url = format!("{}{}", state.api_base(), authentication_path("huggingface", &query));
        let Some(window) = web_sys::window() else { return };
        if browser::is_framed() {
            match window.open_with_url_and_target(&url, "_blank") {
                Ok(Some(_)) => hf_state.set(HfState::Waiting),
                _ => hf_state.set(HfState::Blocked),
            }
        } else {
            let _ = window.location().set_href(&url);
        }
    };
    let go_after_message = navigate.clone();
    let listener = window_event_listener(leptos::ev::message, move |ev| {
        let own_origin = browser::own_origin();
        let Some(token) = token_from_message(&ev.origin(), &own_origin, &browser::message_json(&ev)) else { return };
        if let Some(session) = Session::from_token(&token, browser::now_secs()) {
            // Tell the sign-in window it can close.
            if let (Some(source), Ok(ack)) = (ev.source(), js_sys::JSON::parse(&ack_message().to_string())) {
                use wasm_bindgen::JsCast;
                let _ = source.unchecked_into::<web_sys::Window>().post_message(&ack, &own_origin);
            }
            crate::ui::state::take_redirect();
            hf_state.set(HfState::Idle);
            state.start_session(session);
            go_after_message(&target(), NavigateOptions { replace: true, ..Default::default() });
        }
    });
    on_cleanup(move || listener.remove());
    let new_tab_href = move || web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();

    view! {
        <section class="sign-in">
            <h1>"Sign in"</h1>
            <form class="sign-in-form" on:submit=submit novalidate>
                <label for="username">"Username"</label>
                <input
                    id="username"
                    name="username"
                    autocomplete="username"
                    autofocus
                    prop:value=move || username.get()
                    on:input=move |ev| username.set(event_target_value(&ev))
                />
                <label for="password">"Password"</label>
                <input
                    id="password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    node_ref=password_input
                    prop:value=move || password.get()
                    on:input=move |ev| password.set(event_target_value(&ev))
                />
                <Show when=move || error.with(Option::is_some)>
                    <p class="form-error" role="alert" data-testid="sign-in-error">{move || error.get()}</p>
                </Show>
                <button type="submit" class="button primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                    {move || if busy.get() { "Signing in…" } else { "Sign in" }}
                </button>
            </form>
            <Show when=has_huggingface>
                <div class="oauth">
                    <button type="button" class="button huggingface" data-testid="hf-sign-in" on:click=start_huggingface>
                        "Sign in with Hugging Face"
                    </button>
                    {move || match hf_state.get() {
                        HfState::Idle => None,
                        HfState::Waiting => Some(view! {
                            <p class="oauth-note" role="status" data-testid="hf-waiting">
                                "Finish signing in in the new window; this page signs in by itself when you are done. "
                                "If that window stays open and signed in instead, continue in that tab, or "
                                <a href=new_tab_href target="_blank" rel="noopener">"open Argilla in a new tab"</a>
                                " and reload this page."
                            </p>
                        }.into_any()),
                        HfState::Blocked => Some(view! {
                            <p class="form-error" role="alert" data-testid="hf-blocked">
                                "The browser blocked the sign-in window. Allow pop-ups for this site and try again, or "
                                <a href=new_tab_href target="_blank" rel="noopener">"open Argilla in a new tab"</a>"."
                            </p>
                        }.into_any()),
                    }}
                </div>
            </Show>
        </section>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum HfState {
    Idle,
    Waiting,
    Blocked,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_password_says_so() {
        let e = ApiError::from_response(
            401,
            r#"{"detail":{"code":"argilla.api.errors::UnauthorizedError","params":{"detail":"Could not validate credentials"}}}"#,
        );
        assert_eq!(sign_in_error_message(&e), "Wrong username or password. Try again.");
    }

    #[test]
    fn unreachable_server_says_so() {
        assert!(sign_in_error_message(&ApiError::Network("x".into())).contains("can't be reached"));
    }

    #[test]
    fn other_errors_use_the_servers_words() {
        let e = ApiError::from_response(500, r#"{"detail":{"code":"argilla.api.errors::GenericServerError","params":{"detail":"boom"}}}"#);
        assert!(sign_in_error_message(&e).contains("boom"));
    }
}

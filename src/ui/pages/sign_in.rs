use crate::api::ApiError;
use crate::browser;
use crate::domain::redirect::safe_redirect;
use crate::domain::session::Session;
use crate::i18n::{k, t};
use crate::ui::components::hf_sign_in::{huggingface_offered, HuggingFaceSignIn};
use crate::ui::state::use_app;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use crate::ui::router::{use_navigate, use_query_map, NavigateOptions};

/// What to tell the user when signing in failed, and whether it is the
/// server's own wording (shown as written).
pub fn sign_in_error_message(error: &ApiError) -> (String, bool) {
    match error {
        ApiError::Network(_) => (t(k::signin::unreachable).into(), false),
        e if e.status() == Some(401) => (t(k::signin::wrong_password).into(), false),
        e if e.status() == Some(422) => (t(k::signin::both_required).into(), false),
        e => (e.user_message(), e.is_server_wording()),
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
    Effect::new(move |_| {
        if state.session.with(Option::is_some) {
            navigate(&target(), NavigateOptions { replace: true, ..Default::default() });
        }
    });

    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<(String, bool)>);
    let password_input = NodeRef::<leptos::html::Input>::new();

    let huggingface = huggingface_offered();

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let (user, pass) = (username.get_untracked().trim().to_owned(), password.get_untracked());
        if user.is_empty() || pass.is_empty() {
            error.set(Some((t(k::signin::both_required).into(), false)));
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
                    None => error.set(Some((t(k::signin::unreadable_session).into(), false))),
                },
                Err(e) => {
                    error.set(Some(sign_in_error_message(&e)));
                    if let Some(input) = password_input.try_get_untracked().flatten() {
                        let _ = input.focus();
                        input.select();
                    }
                }
            }
        });
    };

    view! {
        <section class="sign-in">
            <h1>{t(k::signin::sign_in)}</h1>
            {crate::ui::state::take_session_ended().then(|| view! { <p class="notice info" role="status" data-testid="session-ended">{t(k::common::error_session_ended)}</p> })}
            <p class="intro">{t(k::signin::intro)}</p>
            <form class="sign-in-form" on:submit=submit novalidate>
                <label for="username">{t(k::signin::username)}</label>
                <input
                    id="username"
                    name="username"
                    autocomplete="username"
                    autofocus
                    prop:value=move || username.get()
                    on:input=move |ev| username.set(event_target_value(&ev))
                />
                <label for="password">{t(k::signin::password)}</label>
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
                    <p class="form-error" role="alert" data-testid="sign-in-error" translate=move || error.with(|e| e.as_ref().is_some_and(|e| e.1).then_some("no"))>
                        {move || error.get().map(|e| e.0)}
                    </p>
                </Show>
                <button type="submit" class="button primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                    {move || t(if busy.get() { k::signin::signing_in } else { k::signin::sign_in })}
                </button>
            </form>
            <Show when=move || huggingface.get() == Some(true)>
                <HuggingFaceSignIn target=Signal::derive(target)/>
            </Show>
        </section>
    }
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
        assert_eq!(sign_in_error_message(&e).0, "Wrong username or password. Try again.");
    }

    #[test]
    fn unreachable_server_says_so() {
        assert!(sign_in_error_message(&ApiError::Network("x".into())).0.contains("can't be reached"));
    }

    #[test]
    fn other_errors_use_the_servers_words() {
        let e = ApiError::from_response(500, r#"{"detail":{"code":"argilla.api.errors::GenericServerError","params":{"detail":"boom"}}}"#);
        assert!(sign_in_error_message(&e).0.contains("boom"));
    }
}

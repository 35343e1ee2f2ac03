use crate::api::types::Token;
use crate::api::ApiError;
use crate::browser;
use crate::domain::oauth::{failed_message, is_ack, token_message};
use crate::url::encode_component;
use crate::domain::session::Session;
use crate::i18n::{k, t, tf};
use crate::ui::state::{take_redirect, use_app};
use leptos::prelude::*;
use crate::ui::router::{use_navigate, use_params_map, use_query_map, NavigateOptions};

/// What went wrong on the way back from the identity provider, in words, and
/// whether they are the server's own (shown as written).
pub fn oauth_error_message(provider_error: Option<&str>, api_error: Option<&ApiError>) -> (String, bool) {
    if let Some(code) = provider_error {
        return match code {
            "access_denied" => (t(k::signin::declined).into(), false),
            // A code as providers send them; anything else in the address is not shown.
            other if !other.is_empty() && other.len() <= 40 && other.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') => {
                (tf(k::signin::provider_failed, &[("code", &other)]), false)
            }
            _ => (tf(k::signin::provider_failed, &[("code", &"?")]), false),
        };
    }
    match api_error {
        Some(ApiError::Http { status: 422, detail: Some(d), .. }) if d.contains("state") => (t(k::signin::state_expired).into(), false),
        Some(ApiError::Http { status: 500, detail: Some(d), .. }) if d.contains("Missing username") => (t(k::signin::no_username).into(), false),
        Some(e) => (e.user_message(), e.is_server_wording()),
        None => (t(k::signin::link_incomplete).into(), false),
    }
}

/// `/oauth/:provider/callback?code=…&state=…`
#[component]
pub fn OAuthCallback() -> impl IntoView {
    let state = use_app();
    let params = use_params_map();
    let query = use_query_map();
    let navigate = use_navigate();
    let failure = RwSignal::new(None::<(String, bool)>);
    let handed_off = RwSignal::new(false);
    // The framed app that opened this window answers when it has the token.
    let ack = window_event_listener(leptos::ev::message, move |ev| {
        if is_ack(&ev.origin(), &browser::own_origin(), &browser::message_json(&ev)) && !handed_off.get_untracked() {
            handed_off.set(true);
            take_redirect();
            if let Some(w) = web_sys::window() {
                let _ = w.close();
            }
        }
    });
    on_cleanup(move || ack.remove());
    let provider = params.get("provider").unwrap_or_default();
    let (code, oauth_state, provider_error) =
        query.with_untracked(|q| (q.get("code"), q.get("state"), q.get("error")));

    match (provider_error, code, oauth_state) {
        (Some(err), _, _) => failure.set(Some(oauth_error_message(Some(&err), None))),
        (None, Some(code), Some(st)) => {
            let provider = provider.clone();
            leptos::task::spawn_local(async move {
                let path = format!(
                    "/oauth2/providers/{}/access-token?code={}&state={}",
                    encode_component(&provider),
                    encode_component(&code),
                    encode_component(&st)
                );
                match state.client().get::<Token>(&path).await {
                    Ok(token) => match Session::from_token(&token.access_token, browser::now_secs()) {
                        Some(session) => {
                            // The session starts in this window only when it carries on as a full
                            // page: handed to the frame, it must not stay behind in this site's own
                            // storage, which signing out in the frame does not clear.
                            let go_on = move || {
                                state.start_oauth_session(session, &provider);
                                let target = take_redirect().unwrap_or_else(|| "/".into());
                                navigate(&target, NavigateOptions { replace: true, ..Default::default() });
                            };
                            if post_to_opener(&token_message(&token.access_token)) {
                                // Without an answer from the opener soon, carry on here as a full page.
                                set_timeout(
                                    move || {
                                        if handed_off.try_get_untracked() == Some(false) {
                                            go_on()
                                        }
                                    },
                                    std::time::Duration::from_millis(3000),
                                );
                            } else {
                                go_on();
                            }
                        }
                        None => failure.set(Some((t(k::signin::unreadable_token).into(), false))),
                    },
                    Err(e) => failure.set(Some(oauth_error_message(None, Some(&e)))),
                }
            });
        }
        _ => failure.set(Some(oauth_error_message(None, None))),
    }

    // The framed app that opened this window is told too: it would wait for a token forever.
    Effect::new(move |_| {
        if let Some((message, _)) = failure.get() {
            post_to_opener(&failed_message(&message));
        }
    });
    // Back to where signing in starts, still bound for the page the person was going to.
    let try_again_href = move || {
        let on_space = state.settings.with(|s| s.as_ref().is_some_and(|s| s.huggingface.is_some()));
        let kept = crate::ui::state::kept_redirect().unwrap_or_else(|| "/".into());
        browser::app_href(&crate::domain::welcome::guard_path(false, on_space, &kept))
    };
    view! {
        <section class="oauth-callback">
            {move || match failure.get() {
                None if handed_off.get() => view! {
                    <p role="status" data-testid="oauth-handed-off">{t(k::signin::handed_off)}</p>
                }.into_any(),
                None => view! { <p class="loading" aria-live="polite">{t(k::signin::signing_you_in)}</p> }.into_any(),
                Some((message, servers)) => view! {
                    <div class="error-panel" role="alert">
                        <p data-testid="oauth-error" translate=servers.then_some("no")>{message}</p>
                        <a href=try_again_href class="button">{t(k::common::try_again)}</a>
                    </div>
                }.into_any(),
            }}
        </section>
    }
}

/// Posts a message (the token, or why there is none) to the window that opened this one;
/// the browser delivers it only if that window is this app's origin. Never through a URL.
/// False when there is no opener (e.g. the provider sent COOP).
fn post_to_opener(message: &serde_json::Value) -> bool {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else { return false };
    let Ok(opener) = window.opener() else { return false };
    if opener.is_null() || opener.is_undefined() {
        return false;
    }
    // A framed opener lives in another storage partition: `instanceof Window` fails there.
    let opener = opener.unchecked_into::<web_sys::Window>();
    let (Ok(own_origin), Ok(message)) = (window.location().origin(), js_sys::JSON::parse(&message.to_string()))
    else {
        return false;
    };
    opener.post_message(&message, &own_origin).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_failure_has_its_own_message() {
        assert!(oauth_error_message(Some("access_denied"), None).0.contains("declined"));
        let state = ApiError::from_response(422, r#"{"detail":"'state' parameter does not match"}"#);
        assert!(oauth_error_message(None, Some(&state)).0.contains("took too long or cookies are blocked"));
        let missing = ApiError::from_response(500, r#"{"detail":{"code":"argilla.api.errors::GenericServerError","params":{"detail":"OAuth error: Missing username"}}}"#);
        assert!(oauth_error_message(None, Some(&missing)).0.contains("did not share a username"));
        assert!(oauth_error_message(None, None).0.contains("incomplete"));
        assert!(oauth_error_message(None, Some(&ApiError::Network("x".into()))).0.contains("can't be reached"));
        assert_eq!(oauth_error_message(Some("server_error"), None), ("Hugging Face could not sign you in (server_error).".to_owned(), false));
    }
}

//! "Sign in with Hugging Face", shared by the sign-in and welcome pages.

use crate::browser;
use crate::domain::oauth::{ack_message, authentication_path, failure_from_message, token_from_message};
use crate::domain::session::Session;
use crate::i18n::{k, t};
use crate::ui::state::{arriving, keep_redirect, take_redirect, use_app};
use leptos::prelude::*;
use crate::ui::router::{use_navigate, use_query_map, NavigateOptions};

const PROVIDER: &str = "huggingface";

/// Whether the server offers Hugging Face sign-in; `None` until it answered. A lookup
/// that keeps failing (a server restarting, a proxy's error page) is tried again a few
/// times; then the button shows on a Space, where the people it is for have no password.
pub fn huggingface_offered() -> Signal<Option<bool>> {
    let state = use_app();
    let client = state.client();
    let offered = arriving(async move {
        for wait in [1000, 2000, 4000, 0] {
            if let Ok(list) = client.oauth_providers().await {
                return Some(list.iter().any(|p| p.name == PROVIDER));
            }
            if wait > 0 {
                browser::sleep_ms(wait).await;
            }
        }
        None
    });
    let on_space = move || state.settings.with(|s| s.as_ref().is_some_and(|s| s.huggingface.is_some()));
    Signal::derive(move || offered.get().map(|known| known.unwrap_or_else(on_space)))
}

#[derive(Clone, PartialEq, Eq)]
enum HfState {
    Idle,
    Waiting,
    Blocked,
    /// The sign-in window closed (or lost contact) without handing a token over.
    Closed,
    /// The sign-in window says why it failed.
    Failed(String),
}

/// The button and what happens after it, ending on `target`. At the top level
/// the browser goes to Hugging Face and back through `/oauth/huggingface/callback`.
/// Framed (e.g. on huggingface.co) the browser blocks the server's state
/// cookie, so the flow runs in a new window that hands the token back with postMessage.
#[component]
pub fn HuggingFaceSignIn(target: Signal<String>) -> impl IntoView {
    let state = use_app();
    let query = use_query_map();
    let navigate = use_navigate();
    let hf_state = RwSignal::new(HfState::Idle);
    // The sign-in window, looked at while the frame waits for it.
    let popup = StoredValue::new_local(None::<web_sys::Window>);
    let watch = StoredValue::new(None::<IntervalHandle>);
    let stop_watching = move || {
        if let Some(handle) = watch.try_get_value().flatten() {
            handle.clear();
            watch.set_value(None);
        }
    };
    let start = move |_| {
        keep_redirect(&target.get_untracked());
        let mut query: Vec<(String, String)> = query.with_untracked(|q| q.pairs().to_vec());
        // A private Space's signed parameter the address no longer shows (an in-app page change dropped it).
        let has_sign = query.iter().any(|(k, v)| k == "__sign" || (k == "redirect" && v.contains("__sign=")));
        // Only to this Space's own server (an API elsewhere, set at build time, has no use for it).
        let own_server = !state.api_base().contains("://") || state.api_base().starts_with(&browser::own_origin());
        if let Some(sign) = browser::space_sign().filter(|_| !has_sign && own_server) {
            query.push(("__sign".into(), sign));
        }
        let url = format!("{}{}", state.api_base(), authentication_path(PROVIDER, &query));
        let Some(window) = web_sys::window() else { return };
        if browser::is_framed() {
            // Named: pressing again uses the same window rather than opening another.
            match window.open_with_url_and_target(&url, "argilla-lite-hf-sign-in") {
                Ok(Some(opened)) => {
                    stop_watching();
                    popup.set_value(Some(opened));
                    hf_state.set(HfState::Waiting);
                    let handle = set_interval_with_handle(
                        move || {
                            let closed = popup.try_with_value(|p| p.as_ref().is_none_or(|w| w.closed().unwrap_or(true))).unwrap_or(true);
                            if closed {
                                stop_watching();
                                if hf_state.try_get_untracked() == Some(HfState::Waiting) {
                                    hf_state.set(HfState::Closed);
                                }
                            }
                        },
                        std::time::Duration::from_millis(1000),
                    );
                    watch.set_value(handle.ok());
                }
                _ => hf_state.set(HfState::Blocked),
            }
        } else {
            let _ = window.location().set_href(&url);
        }
    };
    let listener = window_event_listener(leptos::ev::message, move |ev| {
        let own_origin = browser::own_origin();
        let data = browser::message_json(&ev);
        if let Some(reason) = failure_from_message(&ev.origin(), &own_origin, &data) {
            stop_watching();
            hf_state.set(HfState::Failed(reason));
            return;
        }
        let Some(token) = token_from_message(&ev.origin(), &own_origin, &data) else { return };
        if let Some(session) = Session::from_token(&token, browser::now_secs()) {
            // Tell the sign-in window it can close.
            if let (Some(source), Ok(ack)) = (ev.source(), js_sys::JSON::parse(&ack_message().to_string())) {
                use wasm_bindgen::JsCast;
                let _ = source.unchecked_into::<web_sys::Window>().post_message(&ack, &own_origin);
            }
            take_redirect();
            stop_watching();
            hf_state.set(HfState::Idle);
            state.start_oauth_session(session, PROVIDER);
            navigate(&target.get_untracked(), NavigateOptions { replace: true, ..Default::default() });
        }
    });
    on_cleanup(move || {
        listener.remove();
        stop_watching();
    });
    let new_tab_href = move || web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let open_link = move || view! {
        <a href=new_tab_href target="_blank" rel="noopener" on:click=move |ev| browser::open_signed_in_new_tab(&ev, &new_tab_href())>{t(k::signin::open_in_new_tab)}</a>
    };
    view! {
        <div class="oauth">
            <button type="button" class="button huggingface" data-testid="hf-sign-in" on:click=start>
                {t(k::signin::with_hugging_face)}
            </button>
            {move || match hf_state.get() {
                HfState::Idle => None,
                HfState::Waiting => Some(view! {
                    <p class="oauth-note" role="status" data-testid="hf-waiting">
                        {t(k::signin::hf_waiting)} " " {open_link()}
                    </p>
                }.into_any()),
                HfState::Blocked => Some(view! {
                    <p class="form-error" role="alert" data-testid="hf-blocked">
                        {t(k::signin::hf_blocked)} " " {open_link()}
                    </p>
                }.into_any()),
                HfState::Closed => Some(view! {
                    <p class="oauth-note" role="status" data-testid="hf-closed">
                        {t(k::signin::hf_closed)} " " {open_link()}
                    </p>
                }.into_any()),
                HfState::Failed(reason) => Some(view! {
                    <p class="form-error" role="alert" data-testid="hf-failed">
                        {crate::ui::components::linked_text::woven(t(k::signin::hf_failed), move |_| crate::ui::components::linked_text::as_written(reason.clone()))}
                    </p>
                }.into_any()),
            }}
        </div>
    }
}

//! "Sign in with Hugging Face", shared by the sign-in and welcome pages.

use crate::browser;
use crate::domain::oauth::{ack_message, authentication_path, token_from_message};
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

#[derive(Clone, Copy, PartialEq, Eq)]
enum HfState {
    Idle,
    Waiting,
    Blocked,
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
    let start = move |_| {
        keep_redirect(&target.get_untracked());
        let query: Vec<(String, String)> = query.with_untracked(|q| q.pairs().to_vec());
        let url = format!("{}{}", state.api_base(), authentication_path(PROVIDER, &query));
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
    let listener = window_event_listener(leptos::ev::message, move |ev| {
        let own_origin = browser::own_origin();
        let Some(token) = token_from_message(&ev.origin(), &own_origin, &browser::message_json(&ev)) else { return };
        if let Some(session) = Session::from_token(&token, browser::now_secs()) {
            // Tell the sign-in window it can close.
            if let (Some(source), Ok(ack)) = (ev.source(), js_sys::JSON::parse(&ack_message().to_string())) {
                use wasm_bindgen::JsCast;
                let _ = source.unchecked_into::<web_sys::Window>().post_message(&ack, &own_origin);
            }
            take_redirect();
            hf_state.set(HfState::Idle);
            state.start_oauth_session(session, PROVIDER);
            navigate(&target.get_untracked(), NavigateOptions { replace: true, ..Default::default() });
        }
    });
    on_cleanup(move || listener.remove());
    let new_tab_href = move || web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let open_link = move || view! { <a href=new_tab_href target="_blank" rel="noopener">{t(k::signin::open_in_new_tab)}</a> };
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
            }}
        </div>
    }
}

//! `/user-settings`: who I am, my workspaces, my API key with the Python SDK
//! lines that use it, the theme and language, sign out.

use crate::api::types::Workspace;
use crate::browser;
use crate::domain::account::{masked, private_space_snippet, python_snippet, sdk_api_url};
use crate::domain::theme::Theme;
use crate::api::ApiError;
use crate::i18n::{self, k, t, tf, Lang};
use crate::ui::language::{Chosen, NotLoaded};
use crate::ui::state::{use_app, AppState};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Deserialize;

/// The part of `GET /api/v1/me` only this page needs.
#[derive(Clone, Deserialize)]
struct MyKey {
    api_key: String,
}

/// Passes an answer through, ending the session on a 401.
fn checked<T>(state: AppState, result: Result<T, ApiError>) -> Result<T, ApiError> {
    if let Err(e) = &result {
        state.check(e);
    }
    result
}

/// The page paints once, when its answers are in (the workspaces, the key,
/// and the server's settings that decide the Space lines), so no section
/// grows and pushes the others down after the first paint.
#[component]
pub fn UserSettings() -> impl IntoView {
    let state = use_app();
    let user = move || state.user.get();
    let answers = LocalResource::new(move || async move {
        let client = state.client();
        let (workspaces, me) = futures::join!(client.my_workspaces(), client.get::<MyKey>("/me"));
        (checked(state, workspaces), checked(state, me).map(|me| me.api_key))
    });
    let ready = Memo::new(move |_| answers.with(Option::is_some) && state.settings_checked.get());
    view! {
        <section class="settings user-settings">
            <h1>{t(k::common::my_settings)}</h1>
            <Show when=move || ready.get() fallback=|| view! { <p class="loading">{t(k::common::loading)}</p> }>
                <section aria-labelledby="profile-title">
                    <h2 id="profile-title">{t(k::settings::profile)}</h2>
                    <dl class="profile">
                        <dt>{t(k::settings::username)}</dt><dd data-testid="my-username" translate="no">{move || user().map(|u| u.username)}</dd>
                        <dt>{t(k::settings::name)}</dt><dd data-testid="my-name" translate="no">{move || user().map(|u| u.display_name())}</dd>
                        <dt>{t(k::settings::role)}</dt><dd data-testid="my-role">{move || user().map(|u| u.role.name())}</dd>
                        <dt>{t(k::settings::signed_in_with)}</dt><dd data-testid="my-sign-in-method"><SignInMethod/></dd>
                    </dl>
                </section>
                {move || answers.get().map(|(workspaces, key)| view! {
                    <MyWorkspaces workspaces=workspaces/>
                    <ApiKey key=key/>
                })}
                <ThemeChoice/>
                <KeyboardChoice/>
                <section aria-labelledby="session-title">
                    <h2 id="session-title">{t(k::settings::session)}</h2>
                    <button type="button" class="button" data-testid="settings-sign-out" on:click=move |_| state.sign_out()>{t(k::common::sign_out)}</button>
                </section>
            </Show>
        </section>
    }
}

/// How this browser signed in. argilla-server does not record how an account
/// signs in (Hugging Face sign-in creates users with a random password), so the
/// app remembers whether this session came back from the Hugging Face sign-in
/// (the OAuth callback, or the token handed over to a framed app) and says only that.
#[component]
fn SignInMethod() -> impl IntoView {
    let state = use_app();
    match state.signed_in_with().as_deref() {
        Some("huggingface") => t(k::settings::signed_in_hugging_face).into_any(),
        Some(other) => tf(k::settings::signed_in_other, &[("method", &other)]).into_any(),
        None => t(k::settings::signed_in_password).into_any(),
    }
}

#[component]
fn MyWorkspaces(workspaces: Result<Vec<Workspace>, ApiError>) -> impl IntoView {
    view! {
        <section aria-labelledby="workspaces-title">
            <h2 id="workspaces-title">{t(k::settings::workspaces)}</h2>
            {match workspaces {
                Err(e) => view! { <p class="form-error" role="alert">{e.user_message()}</p> }.into_any(),
                Ok(list) if list.is_empty() => view! {
                    <p data-testid="my-workspaces">{t(k::settings::no_workspace)}</p>
                }.into_any(),
                Ok(list) => view! {
                    <ul class="workspace-list" data-testid="my-workspaces" translate="no">
                        {list.into_iter().map(|w: Workspace| view! { <li>{w.name}</li> }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
    }
}

/// The API key, hidden until asked for, and the Python lines that use it.
#[component]
fn ApiKey(key: Result<String, ApiError>) -> impl IntoView {
    let state = use_app();
    let shown = RwSignal::new(false);
    let copied = RwSignal::new(None::<&'static str>);
    let copy = Callback::new(move |(what, text): (&'static str, String)| {
        // Asked for during the click itself: Safari refuses a clipboard write that comes later.
        let copying = browser::copy_text(&text);
        spawn_local(async move {
            copied.set(Some(if copying.await { what } else { t(k::settings::copy_refused) }));
        });
    });
    let on_space = move || state.settings.with(|s| s.as_ref().is_some_and(|s| s.huggingface.is_some()));
    view! {
        <section aria-labelledby="api-key-title">
            <h2 id="api-key-title">{t(k::settings::api_key)}</h2>
            {match key {
                Err(e) => view! { <p class="form-error" role="alert">{e.user_message()}</p> }.into_any(),
                Ok(api_key) => {
                    let url = sdk_api_url(&browser::own_origin(), &state.api_base());
                    let hidden = masked(&api_key);
                    let (public, public_hidden) = (python_snippet(&url, &api_key), python_snippet(&url, &hidden));
                    let (private, private_hidden) = (private_space_snippet(&url, &api_key), private_space_snippet(&url, &hidden));
                    let for_copy = api_key.clone();
                    view! {
                        <p class="muted">{t(k::settings::api_key_secret)}</p>
                        <p class="api-key-row">
                            <code class="api-key" data-testid="api-key" translate="no">{move || if shown.get() { api_key.clone() } else { hidden.clone() }}</code>
                            <button type="button" class="button subtle" data-action="show-api-key" aria-pressed=move || shown.get().to_string()
                                on:click=move |_| shown.update(|s| *s = !*s)>
                                {move || t(if shown.get() { k::settings::hide } else { k::settings::show })}
                            </button>
                            <button type="button" class="button subtle" data-action="copy-api-key"
                                on:click=move |_| copy.run((t(k::settings::api_key_copied), for_copy.clone()))>{t(k::settings::copy)}</button>
                        </p>
                        <h3>{t(k::settings::connect_sdk)}</h3>
                        <CodeBlock full=public hidden=public_hidden shown=shown copy=copy name="sdk-snippet"/>
                        <Show when=on_space>
                            <p>{t(k::settings::private_space_token)}</p>
                            <CodeBlock full=private.clone() hidden=private_hidden.clone() shown=shown copy=copy name="sdk-private-snippet"/>
                        </Show>
                    }.into_any()
                }
            }}
            <p class="muted" role="status" data-testid="copied">{move || copied.get()}</p>
        </section>
    }
}

/// Code that shows the key only while it is shown; Copy always copies the real thing.
#[component]
fn CodeBlock(
    full: String,
    hidden: String,
    shown: RwSignal<bool>,
    copy: Callback<(&'static str, String)>,
    name: &'static str,
) -> impl IntoView {
    let for_copy = full.clone();
    view! {
        <pre class="code" translate="no"><code data-testid=name>{move || if shown.get() { full.clone() } else { hidden.clone() }}</code></pre>
        <button type="button" class="button subtle" data-action=format!("copy-{name}")
            on:click=move |_| copy.run((t(k::settings::code_copied), for_copy.clone()))>{t(k::settings::copy_code)}</button>
    }
}

/// System, Light, Dark or High contrast, kept in this browser; the language beside it.
#[component]
fn ThemeChoice() -> impl IntoView {
    let theme = RwSignal::new(browser::stored_theme());
    let pick = move |ev| {
        let chosen = Theme::parse(Some(&event_target_value(&ev)));
        theme.set(chosen);
        browser::choose_theme(chosen);
    };
    view! {
        <section aria-labelledby="appearance-title">
            <h2 id="appearance-title">{t(k::settings::appearance)}</h2>
            <label for="theme">{t(k::settings::theme)}</label>" "
            <select id="theme" on:change=pick>
                {Theme::ALL.into_iter().map(|t| view! {
                    <option value=t.key() selected=move || theme.get() == t>{t.label()}</option>
                }).collect_view()}
            </select>
            <p class="muted">{t(k::settings::theme_kept)}</p>
            <LanguageChoice/>
        </section>
    }
}

/// One-character shortcuts anywhere on the annotation page, or only in a question
/// (WCAG 2.1.4: speech input types letters and numbers that must not answer by mistake).
#[component]
fn KeyboardChoice() -> impl IntoView {
    view! {
        <section aria-labelledby="keyboard-title">
            <h2 id="keyboard-title">{t(k::settings::keyboard)}</h2>
            <label class="setting check">
                <input type="checkbox" data-testid="keys-anywhere" prop:checked=browser::keys_anywhere()
                    on:change=move |ev| browser::set_keys_anywhere(event_target_checked(&ev))/>
                <span>{t(k::settings::keys_anywhere)}</span>
            </label>
            <p class="muted">{t(k::settings::keys_anywhere_off)}</p>
        </section>
    }
}

/// English, Deutsch, Español or 日本語, kept in this browser; the whole app
/// redraws in the chosen one. A failed download keeps the old language; of
/// two quick choices the last one counts, however the downloads arrive.
#[component]
fn LanguageChoice() -> impl IntoView {
    let state = use_app();
    let failed = RwSignal::new(None::<NotLoaded>);
    let select = NodeRef::<leptos::html::Select>::new();
    let pick = move |ev| {
        let Some(chosen) = Lang::parse(&event_target_value(&ev)) else { return };
        spawn_local(async move {
            match crate::ui::language::choose(chosen).await {
                Ok(Chosen::Switched) => {
                    failed.set(None);
                    state.lang.set(chosen);
                }
                Ok(Chosen::Overtaken) => {}
                Err(reason) => {
                    failed.set(Some(reason));
                    if let Some(select) = select.try_get_untracked().flatten() {
                        select.set_value(i18n::lang().code());
                    }
                }
            }
        });
    };
    let current = i18n::lang();
    view! {
        <p>
            <label for="language">{t(k::settings::language)}</label>" "
            <select id="language" data-testid="language-choice" node_ref=select on:change=pick>
                {Lang::ALL.into_iter().map(|l| view! {
                    <option value=l.code() lang=l.code() translate="no" selected=l == current>{l.name()}</option>
                }).collect_view()}
            </select>
        </p>
        {move || failed.get().map(|reason| view! {
            <p class="field-error" role="alert" data-error-for="language">{language_failed(reason)}</p>
        })}
    }
}

/// "The language could not be loaded: {reason}", the browser's reason shown as written.
fn language_failed(reason: NotLoaded) -> AnyView {
    let message = t(k::settings::language_failed);
    let (before, after) = message.split_once("{reason}").unwrap_or((message, ""));
    match reason {
        NotLoaded::Browser(said) => view! { {before}<span translate="no">{said}</span>{after} }.into_any(),
        NotLoaded::App(ours) => view! { {before}<span>{ours}</span>{after} }.into_any(),
    }
}

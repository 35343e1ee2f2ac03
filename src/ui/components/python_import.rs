//! "Import from Python" on the home page (owners and admins): the SDK code
//! that connects to this server with the person's own API key, creates a
//! dataset and logs records, ready to copy.

use crate::api::client::text_of;
use crate::browser;
use crate::domain::account::{masked, sdk_api_url};
use crate::domain::home::import_snippet;
use crate::i18n::{k, t};
use crate::ui::components::icons::{Icon, IconKind};
use crate::ui::state::use_app;
use leptos::prelude::*;

#[component]
pub fn ImportFromPython() -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <button type="button" class="button subtle" data-action="import-python" aria-haspopup="dialog"
            on:click=move |_| open.set(true)>
            <Icon kind=IconKind::Code/>{t(k::home::import_from_python)}
        </button>
        <Show when=move || open.get()>
            <ImportDialog on_close=move || open.set(false)/>
        </Show>
    }
}

#[component]
fn ImportDialog(on_close: impl Fn() + Clone + Send + Sync + 'static) -> impl IntoView {
    let state = use_app();
    // The key, and the first of the person's workspaces for the new dataset.
    let key = LocalResource::new(move || async move {
        let client = state.client();
        let (me, workspaces) = futures::join!(client.get::<serde_json::Value>("/me"), client.my_workspaces());
        if let Err(e) = &me {
            state.check(e);
        }
        let workspace = workspaces.ok().and_then(|w| w.into_iter().map(|w| w.name).min());
        me.map(|m| (text_of(&m, "api_key"), workspace))
    });
    let shown = RwSignal::new(false);
    let copied = RwSignal::new(None::<&'static str>);
    let close = on_close.clone();
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            close();
        }
    };
    let close = on_close.clone();
    // The focus moves into the dialog, so Escape and Tab work from the start.
    let close_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(b) = close_button.get() {
            let _ = b.focus();
        }
    });
    let dialog = NodeRef::<leptos::html::Div>::new();
    let trap = crate::ui::dialog::focus_trap(dialog);
    // The install command sits inside the sentence, where the translation puts it.
    let intro = t(k::home::python_intro);
    let (intro_before, intro_after) = intro.split_once("{command}").unwrap_or((intro, ""));
    view! {
        <div class="overlay" on:click=move |_| close() on:keydown=move |ev| { trap(ev.clone()); on_key(ev) }>
            <div class="overlay-card import-dialog" role="dialog" aria-modal="true" aria-labelledby="import-title" node_ref=dialog
                data-testid="import-python" on:click=|ev| ev.stop_propagation()>
                <h2 id="import-title">{t(k::home::import_from_python)}</h2>
                <p>{intro_before}<code translate="no">"pip install argilla"</code>{intro_after}</p>
                {move || match key.get() {
                    None => view! { <p class="loading">{t(k::home::loading_key)}</p> }.into_any(),
                    Some(Err(e)) => view! { <p class="form-error" role="alert">{e.user_message()}</p> }.into_any(),
                    Some(Ok((api_key, workspace))) => {
                        let url = sdk_api_url(&browser::own_origin(), &state.api_base());
                        let workspace = workspace.as_deref();
                        let (code, hidden) = (import_snippet(&url, &api_key, workspace), import_snippet(&url, &masked(&api_key), workspace));
                        let for_copy = code.clone();
                        view! {
                            <pre class="code" translate="no"><code data-testid="import-code">{move || if shown.get() { code.clone() } else { hidden.clone() }}</code></pre>
                            <div class="dialog-actions">
                                <button type="button" class="button subtle" data-action="show-api-key" aria-pressed=move || shown.get().to_string()
                                    on:click=move |_| shown.update(|s| *s = !*s)>
                                    <Icon kind=IconKind::Eye/>{move || t(if shown.get() { k::home::hide_key } else { k::home::show_key })}
                                </button>
                                <button type="button" class="button" data-action="copy-import-code" on:click=move |_| {
                                    let copying = browser::copy_text(&for_copy);
                                    leptos::task::spawn_local(async move {
                                        copied.set(Some(t(if copying.await { k::home::code_copied } else { k::home::copy_refused })));
                                    });
                                }><Icon kind=IconKind::Copy/>{t(k::home::copy_code)}</button>
                            </div>
                        }.into_any()
                    }
                }}
                <p class="muted" role="status" data-testid="copied">{move || copied.get()}</p>
                <div class="dialog-actions">
                    <a href="https://docs.argilla.io/latest/" target="_blank" rel="noopener">{t(k::home::sdk_docs)}</a>
                    <button type="button" class="button primary" node_ref=close_button on:click=move |_| on_close()>{t(k::home::close)}</button>
                </div>
            </div>
        </div>
    }
}

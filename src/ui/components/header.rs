use crate::browser;
use crate::ui::state::use_app;
use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
    let state = use_app();
    let framed = browser::is_framed();
    let new_tab_href = move || {
        web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default()
    };
    view! {
        <header class="app-header">
            <a href=browser::app_href("/") class="brand">"Argilla"</a>
            <div class="header-right">
                {framed.then(|| view! {
                    <a class="open-new-tab" href=new_tab_href target="_blank" rel="noopener">"Open in a new tab"</a>
                })}
                <Show when=move || state.session.with(Option::is_some)>
                    <span class="user" data-testid="current-user">
                        {move || state.user.with(|u| u.as_ref().map(|u| u.display_name()).unwrap_or_default())}
                        <span class="role">
                            {move || state.user.with(|u| u.as_ref().map(|u| u.role.label()).unwrap_or_default())}
                        </span>
                    </span>
                    <button type="button" class="button subtle" on:click=move |_| state.sign_out()>"Sign out"</button>
                </Show>
            </div>
        </header>
    }
}

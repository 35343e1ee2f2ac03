use crate::i18n::{k, t};
use crate::ui::state::use_app;
use leptos::prelude::*;

/// The app's own notice (see `AppState::notice`), above the page.
#[component]
pub fn AppNotice() -> impl IntoView {
    let state = use_app();
    let dismiss = move |_| {
        state.notice.set(None);
        crate::ui::dialog::refocus_if_lost("main h1");
    };
    move || {
        state.notice.get().map(|notice| {
            view! {
                <div class="notice problem app-notice" role="alert" data-testid="app-notice">
                    <span>{notice.text}</span>
                    {notice.link.map(|(href, label)| view! { " " <a href=href on:click=dismiss>{label}</a> })}
                    " "
                    <button type="button" class="button subtle" on:click=dismiss>{t(k::common::dismiss)}</button>
                </div>
            }
        })
    }
}

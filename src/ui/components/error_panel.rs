use crate::api::ApiError;
use crate::i18n::{k, t};
use crate::ui::components::icons::{Icon, IconKind};
use leptos::prelude::*;

/// An error a person can read, with a way to try again.
#[component]
pub fn ErrorPanel(error: ApiError, #[prop(into)] on_retry: Callback<()>) -> impl IntoView {
    view! {
        <div class="error-panel" role="alert">
            <Icon kind=IconKind::Warning/>
            <p translate=error.is_server_wording().then_some("no")>{error.user_message()}</p>
            <button type="button" class="button" on:click=move |_| on_retry.run(())>{t(k::common::try_again)}</button>
        </div>
    }
}

use crate::api::ApiError;
use crate::ui::components::icons::{Icon, IconKind};
use leptos::prelude::*;

/// An error a person can read, with a way to try again.
#[component]
pub fn ErrorPanel(error: ApiError, #[prop(into)] on_retry: Callback<()>) -> impl IntoView {
    view! {
        <div class="error-panel" role="alert">
            <Icon kind=IconKind::Warning/>
            <p>{error.user_message()}</p>
            <button type="button" class="button" on:click=move |_| on_retry.run(())>"Try again"</button>
        </div>
    }
}

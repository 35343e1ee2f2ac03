//! `/dataset/:id/settings`: everything the server lets a dataset change.

use leptos::prelude::*;

#[component]
pub fn DatasetSettings() -> impl IntoView {
    view! { <section class="settings"><h1>"Dataset settings"</h1></section> }
}

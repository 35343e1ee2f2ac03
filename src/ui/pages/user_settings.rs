//! `/user-settings`: who I am, my API key, theme, sign out.

use leptos::prelude::*;

#[component]
pub fn UserSettings() -> impl IntoView {
    view! { <section class="settings"><h1>"My settings"</h1></section> }
}

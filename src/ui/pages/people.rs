//! `/people`: users, roles and workspace members, for owners.

use leptos::prelude::*;

#[component]
pub fn People() -> impl IntoView {
    view! { <section class="people"><h1>"People and workspaces"</h1></section> }
}

//! `/welcome-hf-sign-in`: who a signed-out person is joining on a Space.

use leptos::prelude::*;

#[component]
pub fn Welcome() -> impl IntoView {
    view! { <section class="welcome"><h1>"Welcome"</h1></section> }
}

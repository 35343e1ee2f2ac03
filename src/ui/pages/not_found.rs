use leptos::prelude::*;
use crate::browser::app_href;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="not-found">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address."</p>
            <a href=app_href("/")>"Go to your datasets"</a>
        </section>
    }
}

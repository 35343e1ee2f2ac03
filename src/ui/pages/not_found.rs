use leptos::prelude::*;
use crate::browser::app_href;
use crate::i18n::{k, t};

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="not-found">
            <h1>{t(k::common::not_found_title)}</h1>
            <p>{t(k::common::not_found_text)}</p>
            <a href=app_href("/")>{t(k::common::not_found_home)}</a>
        </section>
    }
}

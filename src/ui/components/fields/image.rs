use crate::domain::markdown::is_safe_url;
use crate::i18n::{k, t};
use leptos::prelude::*;
use serde_json::Value;

#[component]
pub fn ImageField(value: impl Fn() -> Option<Value> + Send + Sync + 'static, alt: String) -> impl IntoView {
    view! {
        // An optional image left out comes as null or "": no image, not a bad one.
        {move || match value().filter(|v| !v.is_null() && v.as_str() != Some("")) {
            Some(Value::String(src)) if is_safe_url(&src, true) => {
                view! { <img class="field-image" translate="no" src=src alt=alt.clone() loading="lazy" referrerpolicy="no-referrer"/> }.into_any()
            }
            Some(_) => view! { <p class="muted">{t(k::annotate::image_unsupported)}</p> }.into_any(),
            None => view! { <p class="muted">{t(k::annotate::no_image)}</p> }.into_any(),
        }}
    }
}

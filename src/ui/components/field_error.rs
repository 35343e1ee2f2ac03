//! A refusal shown under a form field, tied to the field for assistive technology.

use leptos::prelude::*;
use std::cell::Cell;
use wasm_bindgen::JsCast;

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// Where one card's inputs end: their names repeat from card to card (every option has a `title`).
const SCOPE: &str = "[data-settings-item], li, .settings-card, form, article, section";

/// The error for the input named `input` in the same card while `message` has one (its text,
/// and whether it is the server's own words): meanwhile the input is `aria-invalid` and
/// described by it, so a screen reader on the field hears why.
#[component]
pub fn FieldError(input: &'static str, #[prop(into)] message: Signal<Option<(String, bool)>>) -> impl IntoView {
    let id = format!("field-error-{}", NEXT_ID.with(|n| n.replace(n.get() + 1)));
    let anchor = NodeRef::<leptos::html::Span>::new();
    let tied = id.clone();
    Effect::new(move |_| {
        let shown = message.with(Option::is_some);
        let id = tied.clone();
        // After the error is drawn (and the input with it, on a card's first draw).
        request_animation_frame(move || {
            // "" is the card as a whole: no one field.
            let Some(anchor) = anchor.try_get_untracked().flatten().filter(|_| !input.is_empty()) else { return };
            let Some(field) = anchor
                .closest(SCOPE)
                .ok()
                .flatten()
                .and_then(|scope| scope.query_selector(&format!("[name='{input}']")).ok().flatten())
                .and_then(|f| f.dyn_into::<web_sys::Element>().ok())
            else {
                return;
            };
            let others: Vec<String> = field.get_attribute("aria-describedby").unwrap_or_default().split_whitespace().filter(|d| *d != id).map(str::to_owned).collect();
            let described: Vec<String> = others.into_iter().chain(shown.then(|| id.clone())).collect();
            if described.is_empty() {
                let _ = field.remove_attribute("aria-describedby");
            } else {
                let _ = field.set_attribute("aria-describedby", &described.join(" "));
            }
            if shown {
                let _ = field.set_attribute("aria-invalid", "true");
            } else {
                let _ = field.remove_attribute("aria-invalid");
            }
        });
    });
    view! {
        <span hidden node_ref=anchor></span>
        {move || message.get().map(|(text, as_written)| view! {
            <p class="field-error" role="alert" id=id.clone() data-error-for=input translate=as_written.then_some("no")>{text}</p>
        })}
    }
}

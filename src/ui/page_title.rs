//! The tab's title follows the page's heading ("Settings of reviews – Argilla"),
//! so a screen reader, the tab strip and the history list tell pages apart.
//! Watched rather than set by each page: a heading often arrives with its data.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

const APP: &str = "Argilla";

pub fn follow_heading() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(body) = document.body() else { return };
    let update = Closure::<dyn Fn()>::new(move || {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
        let heading = document.query_selector("main h1").ok().flatten().and_then(|h| h.text_content()).unwrap_or_default();
        let heading = heading.split_whitespace().collect::<Vec<_>>().join(" ");
        let title = if heading.is_empty() { APP.to_owned() } else { format!("{heading} – {APP}") };
        if document.title() != title {
            document.set_title(&title);
        }
    });
    let Ok(observer) = web_sys::MutationObserver::new(update.as_ref().unchecked_ref()) else { return };
    let options = web_sys::MutationObserverInit::new();
    options.set_child_list(true);
    options.set_subtree(true);
    options.set_character_data(true);
    if observer.observe_with_options(&body, &options).is_ok() {
        // Watches for the page's life.
        update.forget();
    }
}

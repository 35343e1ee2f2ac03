//! Asking before a page with work in hand is left: closing or reloading the
//! tab, and links in the app (the router only sees a click this lets through).

use crate::i18n::{t, Key};
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// While `busy()` says so, leaving this page asks `question` first. Lasts as
/// long as the component that calls it.
pub fn ask_before_leaving(busy: impl Fn() -> bool + Copy + Send + Sync + 'static, question: Key) {
    let beforeunload = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if busy() && !crate::browser::loading_other_bundle() {
            ev.prevent_default();
            ev.set_return_value(t(question));
        }
    });
    // Captured before the router sees the click: a refused link does nothing.
    let on_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
        let link = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|el| el.closest("a[href]").ok().flatten());
        if link.is_some() && busy() && !window().confirm_with_message(t(question)).unwrap_or(false) {
            ev.prevent_default();
            ev.stop_propagation();
        }
    });
    let listener: js_sys::Function = on_click.as_ref().unchecked_ref::<js_sys::Function>().clone();
    let _ = window().add_event_listener_with_callback_and_bool("click", &listener, true);
    let keep = StoredValue::new_local(Some(on_click));
    on_cleanup(move || {
        beforeunload.remove();
        let _ = window().remove_event_listener_with_callback_and_bool("click", &listener, true);
        keep.set_value(None);
    });
}

//! Asking before a page with work in hand is left: closing or reloading the
//! tab, links in the app (the router only sees a click this lets through), and
//! Back and Forward between the app's pages.

use crate::i18n::{t, Key};
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// While `busy()` says so, leaving this page asks `question` first; `left()`
/// runs when the person leaves anyway (by a link in the app, Back or Forward,
/// or closing the tab; not the app's own move to sign in again). Lasts as long
/// as the component that calls it.
pub fn ask_before_leaving(busy: impl Fn() -> bool + Copy + Send + Sync + 'static, question: Key, left: impl Fn() + Copy + Send + Sync + 'static) {
    let beforeunload = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if busy() && !crate::browser::loading_other_bundle() {
            ev.prevent_default();
            ev.set_return_value(t(question));
        }
    });
    let pagehide = window_event_listener_untyped("pagehide", move |_| {
        if !crate::browser::loading_other_bundle() {
            left();
        }
    });
    let may_leave = move || {
        if !busy() {
            return true;
        }
        let leave = window().confirm_with_message(t(question)).unwrap_or(false);
        if leave {
            left();
        }
        leave
    };
    let back_forward = crate::ui::router::guard(may_leave);
    // Captured before the router sees the click, and only for the links it would follow
    // here (not a new tab, a download or a #place): a refused link does nothing.
    let on_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
        if crate::ui::router::in_app_link(&ev).is_some() && !may_leave() {
            ev.prevent_default();
            ev.stop_propagation();
        }
    });
    let listener: js_sys::Function = on_click.as_ref().unchecked_ref::<js_sys::Function>().clone();
    let _ = window().add_event_listener_with_callback_and_bool("click", &listener, true);
    let keep = StoredValue::new_local(Some(on_click));
    on_cleanup(move || {
        beforeunload.remove();
        pagehide.remove();
        crate::ui::router::unguard(back_forward);
        let _ = window().remove_event_listener_with_callback_and_bool("click", &listener, true);
        keep.set_value(None);
    });
}

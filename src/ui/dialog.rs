//! Modal dialogs keep the keyboard inside while open and give the focus back
//! to whatever opened them when they close (WCAG 2.4.3).

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};

const FOCUSABLE: &str =
    "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

fn focused() -> Option<HtmlElement> {
    web_sys::window()?.document()?.active_element()?.dyn_into().ok()
}

fn focusables(container: &HtmlElement) -> Vec<HtmlElement> {
    let Ok(list) = container.query_selector_all(FOCUSABLE) else { return vec![] };
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<HtmlElement>().ok()).filter(|e| e.offset_parent().is_some()).collect()
}

/// Call in the dialog's component with its container; put the returned
/// handler on the container's `on:keydown`. Moves the focus in when the
/// dialog appears (unless something inside already has it), wraps Tab and
/// Shift+Tab around its controls, and on close focuses the opener again.
pub fn focus_trap<E>(container: NodeRef<E>) -> impl Fn(KeyboardEvent) + Copy + 'static
where
    E: leptos::html::ElementType,
    E::Output: JsCast + Clone + 'static,
{
    let opener = StoredValue::new_local(focused());
    on_cleanup(move || {
        if let Some(el) = opener.try_get_value().flatten().filter(|el| el.is_connected()) {
            let _ = el.focus();
        }
    });
    let element = move || container.get_untracked().and_then(|e| e.dyn_into::<HtmlElement>().ok());
    Effect::new(move |_| {
        if container.get().is_some() {
            if let Some(dialog) = element() {
                if !dialog.contains(focused().as_deref().map(AsRef::as_ref)) {
                    if let Some(first) = focusables(&dialog).first() {
                        let _ = first.focus();
                    }
                }
            }
        }
    });
    move |ev: KeyboardEvent| {
        if ev.key() != "Tab" {
            return;
        }
        let Some(dialog) = element() else { return };
        let items = focusables(&dialog);
        let (Some(first), Some(last)) = (items.first(), items.last()) else {
            ev.prevent_default();
            return;
        };
        let now = focused();
        let inside = dialog.contains(now.as_deref().map(AsRef::as_ref));
        let wrap_to = if ev.shift_key() && (!inside || now.as_ref() == Some(first)) {
            Some(last)
        } else if !ev.shift_key() && (!inside || now.as_ref() == Some(last)) {
            Some(first)
        } else {
            None
        };
        if let Some(target) = wrap_to {
            ev.prevent_default();
            let _ = target.focus();
        }
    }
}

/// Focuses a confirmation each time it appears, so that it is read out and
/// Escape reaches it.
pub fn focus_when_shown(panel: NodeRef<leptos::html::Div>) {
    Effect::new(move |_| {
        if let Some(el) = panel.get() {
            let _ = el.focus();
        }
    });
}

/// A delete confirmation: its panel takes the focus when it appears; the closure returned
/// closes it and gives the focus back to the button that opened it.
pub fn confirmation(confirming: RwSignal<bool>) -> (NodeRef<leptos::html::Div>, NodeRef<leptos::html::Button>, impl Fn() + Copy + Send + Sync + 'static) {
    let (panel, opener) = (NodeRef::new(), NodeRef::<leptos::html::Button>::new());
    focus_when_shown(panel);
    let keep = move || {
        confirming.set(false);
        // The row may have gone while the server answered: then nothing is there to focus.
        focus_element(opener.try_get_untracked().flatten().map(Into::into));
    };
    (panel, opener, keep)
}

/// Gives the focus back to a control (the one that opened what just closed).
pub fn focus_element(el: Option<web_sys::HtmlElement>) {
    if let Some(el) = el.filter(|e| e.is_connected()) {
        let _ = el.focus();
    }
}

/// Once drawn: a focus left on nothing (the clicked link, menu or dismiss button went)
/// goes to the first element matching `css` (the new page's heading, the search box),
/// which a screen reader then reads. A page whose heading comes with its data is waited
/// for a little while; a focus the person has placed meanwhile stays.
pub fn refocus_if_lost(css: &str) {
    refocus_until(css.to_owned(), js_sys::Date::now() + 2000.0);
}

fn refocus_until(css: String, deadline: f64) {
    request_animation_frame(move || {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
        if !document.active_element().is_none_or(|e| e.tag_name() == "BODY" || !e.is_connected()) {
            return;
        }
        if let Some(target) = document.query_selector(&css).ok().flatten().and_then(|h| h.dyn_into::<HtmlElement>().ok()) {
            if target.tab_index() < 0 && !target.has_attribute("tabindex") {
                let _ = target.set_attribute("tabindex", "-1");
            }
            // Not where the browser put the page (Back restores a scroll position).
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = target.focus_with_options(&options);
        }
        // Not there yet, or not focusable yet (a page drawn hidden until its data came).
        let focused = document.active_element().is_some_and(|e| e.matches(&css).unwrap_or(false));
        if !focused && js_sys::Date::now() < deadline {
            refocus_until(css, deadline);
        }
    });
}

/// A focused button that goes disabled while its action runs drops the focus to the page's
/// body, where a screen reader starts again from the top: the focus goes to the heading of
/// the part of the page the button is in (its card, form or dialog) instead. Once per page.
pub fn keep_focus_when_disabled() {
    use wasm_bindgen::closure::Closure;
    let on_out = Closure::<dyn Fn(web_sys::FocusEvent)>::new(|ev: web_sys::FocusEvent| {
        // Focus going somewhere, or the window losing it, is not this.
        if ev.related_target().is_some() {
            return;
        }
        let Some(left) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        if !left.matches(":disabled").unwrap_or(false) {
            return;
        }
        request_animation_frame(move || {
            let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
            if !document.active_element().is_none_or(|e| e.tag_name() == "BODY") {
                return;
            }
            if let Some(heading) = heading_near(&left) {
                if !heading.has_attribute("tabindex") {
                    let _ = heading.set_attribute("tabindex", "-1");
                }
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = heading.focus_with_options(&options);
            }
        });
    });
    if let Some(window) = web_sys::window() {
        let _ = window.add_event_listener_with_callback_and_bool("focusout", on_out.as_ref().unchecked_ref(), true);
    }
    on_out.forget();
}

/// The first heading of the closest card, form, dialog or section around `element` that has
/// one; a question's own title only for a control of that question.
fn heading_near(element: &web_sys::Element) -> Option<HtmlElement> {
    let question = element.closest(".question").ok().flatten();
    let mut around = element.parent_element();
    while let Some(part) = around {
        if part.matches("section, form, fieldset, article, li, main, [role=dialog], [role=alertdialog], [data-settings-item]").unwrap_or(false) {
            let headings = part.query_selector_all("h1, h2, h3, h4").ok()?;
            let found = (0..headings.length()).filter_map(|i| headings.item(i)?.dyn_into::<HtmlElement>().ok()).find(|h| {
                h.closest(".question").ok().flatten() == question && h.is_connected() && h.offset_parent().is_some()
            });
            if found.is_some() {
                return found;
            }
            // A confirmation without a heading takes the focus itself: its keys (Escape) stay with it.
            if part.matches("[role=dialog][tabindex], [role=alertdialog][tabindex]").unwrap_or(false) {
                return part.dyn_into().ok();
            }
        }
        around = part.parent_element();
    }
    None
}

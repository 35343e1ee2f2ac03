//! The "⋯" next to the record: copy a link to it, copy its id. A native
//! disclosure (`<details>`), so it opens from the keyboard without a script.

use crate::browser;
use crate::i18n::{k, t};
use crate::ui::annotator::Annotator;
use crate::ui::components::icons::{Icon, IconKind};
use leptos::prelude::*;

#[component]
pub fn RecordMenu(annotator: Annotator) -> impl IntoView {
    let menu = NodeRef::<leptos::html::Details>::new();
    let done = RwSignal::new(None::<&'static str>);
    let copy = move |text: String, what: &'static str| {
        if let Some(m) = menu.get_untracked() {
            m.set_open(false);
            // The focused button is hidden with the list: the focus goes back to the "⋯".
            if let Ok(Some(summary)) = m.query_selector("summary") {
                if let Ok(summary) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(summary) {
                    let _ = summary.focus();
                }
            }
        }
        let copying = browser::copy_text(&text);
        leptos::task::spawn_local(async move {
            done.set(Some(if copying.await { what } else { t(k::find::copy_refused) }));
        });
    };
    let href = || web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    view! {
        <details class="record-menu" node_ref=menu on:toggle=move |_| {
            // Opening clears the last confirmation; closing (after a copy) keeps it.
            if let Some(m) = menu.get_untracked().filter(|m| m.open()) {
                done.set(None);
                keep_on_screen(&m);
            }
        }>
            <summary class="button subtle" aria-label=t(k::find::record_actions) title=t(k::find::record_actions) data-action="record-menu">
                <Icon kind=IconKind::More/>
            </summary>
            <div class="menu-list">
                <button type="button" data-action="copy-record-link" on:click=move |_| copy(href(), t(k::find::link_copied))>
                    <Icon kind=IconKind::Copy/>{t(k::find::copy_link)}
                </button>
                <button type="button" data-action="copy-record-id"
                    on:click=move |_| copy(annotator.current_id_untracked().unwrap_or_default(), t(k::find::record_id_copied))>
                    <Icon kind=IconKind::Copy/>{t(k::find::copy_record_id)}
                </button>
            </div>
        </details>
        <span class="menu-status" role="status" data-testid="record-menu-status">{move || done.get()}</span>
    }
}

/// The list opens leftwards from the button; where that would leave the
/// screen (a narrow window, 200% zoom) it opens rightwards instead.
fn keep_on_screen(menu: &web_sys::HtmlElement) {
    let Ok(Some(list)) = menu.query_selector(".menu-list") else { return };
    let _ = list.class_list().remove_1("start");
    if list.get_bounding_client_rect().left() < 0.0 {
        let _ = list.class_list().add_1("start");
    }
}

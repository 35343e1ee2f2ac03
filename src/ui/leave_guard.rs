//! Asking before a page with work in hand is left: closing or reloading the
//! tab (the browser asks), links in the app and Back and Forward between the
//! app's pages (the app asks, in its own dialog: a frame may not show the
//! browser's, and its buttons would not be in the app's language).

use crate::i18n::{k, t, Key};
use crate::ui::router::{guard, unguard, use_move_anyway, Move};
use leptos::prelude::*;

/// While `busy()` says so, leaving this page asks `question` first; `left()`
/// runs when the person leaves anyway (by a link in the app, Back or Forward,
/// or closing the tab; not the app's own move to sign in again). Lasts as long
/// as the component that calls it, which shows the returned view (the question
/// when it is asked).
pub fn ask_before_leaving(busy: impl Fn() -> bool + Copy + Send + Sync + 'static, question: Key, left: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
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
    let asked = RwSignal::new(None::<Move>);
    let id = guard(move |wanted| {
        if !busy() {
            return true;
        }
        asked.try_set(Some(wanted.clone()));
        false
    });
    on_cleanup(move || {
        beforeunload.remove();
        pagehide.remove();
        unguard(id);
    });
    let move_anyway = use_move_anyway();
    let leave = move || {
        if let Some(Some(wanted)) = asked.try_get_untracked() {
            asked.set(None);
            left();
            move_anyway(wanted);
        }
    };
    let stay = move || asked.set(None);
    move || asked.with(Option::is_some).then(|| view! { <LeaveQuestion question=t(question) leave=leave stay=stay/> })
}

#[component]
fn LeaveQuestion(question: &'static str, leave: impl Fn() + Copy + Send + Sync + 'static, stay: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Div>::new();
    let trap = crate::ui::dialog::focus_trap(dialog);
    view! {
        <div class="overlay" on:click=move |_| stay()
            on:keydown=move |ev| if ev.key() == "Escape" { stay() } else { trap(ev) }>
            <div class="overlay-card leave-question" role="alertdialog" aria-modal="true" aria-describedby="leave-question-text"
                aria-label=t(k::common::leave_title) node_ref=dialog data-testid="leave-question" on:click=|ev| ev.stop_propagation()>
                <p id="leave-question-text">{question}</p>
                <div class="dialog-actions">
                    <button type="button" class="button" data-action="stay" on:click=move |_| stay()>{t(k::common::stay_here)}</button>
                    <button type="button" class="button danger" data-action="leave-anyway" on:click=move |_| leave()>{t(k::common::leave_anyway)}</button>
                </div>
            </div>
        </div>
    }
}

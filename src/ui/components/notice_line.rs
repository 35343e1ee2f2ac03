//! The annotation page's notice. Beside a record it sits in the record's pane,
//! under its buttons: coming or going, it never moves the questions or the
//! buttons. A problem stays until it is dismissed or replaced; a brief
//! confirmation goes by itself.

use crate::i18n::{k, t};
use crate::ui::annotator::{Annotator, Notice};
use crate::ui::components::icons::{Icon, IconKind};
use leptos::prelude::*;
use std::time::Duration;

const BRIEF_FOR: Duration = Duration::from_secs(6);

#[component]
pub fn NoticeLine(annotator: Annotator) -> impl IntoView {
    // Every notice shown is numbered, so a brief one's timer ends only that one.
    let shown = StoredValue::new(0u32);
    // The live regions are always there and only their text changes: a region that arrives
    // already filled is often not read out. The visible line repeats them for the eye.
    let (polite, assertive) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    Effect::new(move |_| {
        let (brief, said, problem) = annotator.notice.with(|n| match n {
            Some(Notice::Brief(text)) => (true, text.clone(), false),
            Some(Notice::Info(text)) => (false, text.clone(), false),
            Some(Notice::Problem(text) | Notice::Retrying(text)) => (false, text.clone(), true),
            None => (false, String::new(), false),
        });
        // try_: a notice may come as the page goes (signing out), when these are let go.
        let Some(number) = shown.try_get_value().map(|n| n + 1) else { return };
        shown.try_set_value(number);
        // Every other notice ends in an invisible joiner: the same text told again still
        // changes the region, so it is read again.
        let said = if said.is_empty() || number % 2 == 0 { said } else { said + "\u{2060}" };
        polite.try_set(if problem { String::new() } else { said.clone() });
        assertive.try_set(if problem { said } else { String::new() });
        if brief {
            set_timeout(
                move || {
                    if shown.try_get_value() == Some(number) {
                        annotator.notice.try_set(None);
                    }
                },
                BRIEF_FOR,
            );
        }
    });
    let line = move || {
        annotator.notice.get().map(|notice| {
            let (class, text) = match notice {
                Notice::Info(text) | Notice::Brief(text) => ("notice-line notice info", text),
                Notice::Problem(text) | Notice::Retrying(text) => ("notice-line notice problem", text),
            };
            view! {
                <div class=class>
                    <p aria-hidden="true" data-testid="notice">{text}</p>
                    <button type="button" class="button subtle" aria-label=t(k::common::dismiss) title=t(k::common::dismiss)
                        on:click=move |_| {
                            annotator.notice.set(None);
                            crate::ui::dialog::refocus_if_lost("main h1");
                        }><Icon kind=IconKind::Close/></button>
                </div>
            }
        })
    };
    view! {
        <p class="sr-only" role="status" data-testid="notice-said">{move || polite.try_get().unwrap_or_default()}</p>
        <p class="sr-only" role="alert" data-testid="problem-said">{move || assertive.try_get().unwrap_or_default()}</p>
        {line}
    }
}

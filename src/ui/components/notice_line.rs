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
    Effect::new(move |_| {
        let brief = annotator.notice.with(|n| matches!(n, Some(Notice::Brief(_))));
        let number = shown.get_value() + 1;
        shown.set_value(number);
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
    // The live regions are always there and only their text changes: a region that arrives
    // already filled is often not read out. The visible line repeats them for the eye.
    let said = move |problem: bool| {
        annotator.notice.with(|n| match n {
            Some(Notice::Info(text) | Notice::Brief(text)) if !problem => text.clone(),
            Some(Notice::Problem(text) | Notice::Retrying(text)) if problem => text.clone(),
            _ => String::new(),
        })
    };
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
                        on:click=move |_| annotator.notice.set(None)><Icon kind=IconKind::Close/></button>
                </div>
            }
        })
    };
    view! {
        <p class="sr-only" role="status" data-testid="notice-said">{move || said(false)}</p>
        <p class="sr-only" role="alert" data-testid="problem-said">{move || said(true)}</p>
        {line}
    }
}

//! A thin bar of coloured parts (submitted, draft, discarded, pending…), the
//! way progress is drawn on the home cards, the annotation page and the team chart.

use crate::domain::progress::Segment;
use crate::i18n::{k, tn, Key};
use leptos::prelude::*;

/// `label` is what a screen reader hears instead of the picture.
#[component]
pub fn StackedBar(segments: Vec<Segment>, label: String) -> impl IntoView {
    view! {
        <div class="stacked-bar" role="img" aria-label=label>
            {segments.into_iter().map(|s| view! {
                <span class=format!("part {}", s.status) style=format!("width:{}%", s.percent)
                    title=tn(part_key(s.status), s.count as usize, &[]) data-count=s.count></span>
            }).collect_view()}
        </div>
    }
}

/// "5 submitted": a part's tooltip, by its status.
fn part_key(status: &str) -> Key {
    match status {
        "submitted" => k::home::bar_submitted,
        "draft" => k::home::bar_draft,
        "discarded" => k::home::bar_discarded,
        "completed" => k::home::bar_completed,
        _ => k::home::bar_pending,
    }
}

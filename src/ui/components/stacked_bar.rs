//! A thin bar of coloured parts (submitted, draft, discarded, pending…), the
//! way progress is drawn on the home cards, the annotation page and the team chart.

use crate::domain::progress::Segment;
use leptos::prelude::*;

/// `label` is what a screen reader hears instead of the picture.
#[component]
pub fn StackedBar(segments: Vec<Segment>, label: String) -> impl IntoView {
    view! {
        <div class="stacked-bar" role="img" aria-label=label>
            {segments.into_iter().map(|s| view! {
                <span class=format!("part {}", s.status) style=format!("width:{}%", s.percent)
                    title=format!("{} {}", s.count, s.status) data-count=s.count></span>
            }).collect_view()}
        </div>
    }
}

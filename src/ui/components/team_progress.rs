//! Owners and admins see how the team is doing on a dataset: the records'
//! status mix and a bar per annotator of submitted, draft and discarded
//! answers (`GET /datasets/{id}/users/progress`, which Argilla's UI never shows).

use crate::domain::progress::{annotators, segments};
use crate::ui::components::stacked_bar::StackedBar;
use crate::ui::state::use_app;
use crate::url::encode_component;
use leptos::prelude::*;
use serde_json::Value;

#[component]
pub fn TeamProgress(dataset_id: String) -> impl IntoView {
    let state = use_app();
    let id = encode_component(&dataset_id);
    let data = LocalResource::new(move || {
        let (records, users) = (format!("/datasets/{id}/progress"), format!("/datasets/{id}/users/progress"));
        async move {
            let client = state.client();
            let (records, users) = futures::join!(client.get::<Value>(&records), client.get::<Value>(&users));
            let result = records.and_then(|r| users.map(|u| (r, u)));
            if let Err(e) = &result {
                state.check(e);
            }
            result
        }
    });
    view! {
        <section class="settings-section team-progress-section" data-section="progress" aria-labelledby="team-progress-title">
            <h2 id="team-progress-title">"Progress"</h2>
            {move || match data.get() {
                None => view! { <p class="loading">"Loading the team's progress…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="form-error" role="alert">{e.user_message()}</p> }.into_any(),
                Some(Ok((records, users))) => view! { <TeamChart records=records users=users/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn TeamChart(records: Value, users: Value) -> impl IntoView {
    let count = |k: &str| records[k].as_u64().unwrap_or(0);
    let (total, completed, pending) = (count("total"), count("completed"), count("pending"));
    let people = annotators(&users);
    let longest = people.first().map(|a| a.total()).unwrap_or(0);
    view! {
        <article class="settings-card" data-testid="record-status-mix">
            <h3>"Records"</h3>
            <StackedBar segments=segments(&[("completed", completed), ("pending", pending)], total)
                label=format!("{completed} of {total} records completed, {pending} pending")/>
            <p class="legend">
                <span class="key completed">{format!("{completed} completed")}</span>
                <span class="key pending">{format!("{pending} pending")}</span>
                <span>{format!("of {total} records")}</span>
            </p>
        </article>
        <article class="settings-card" data-testid="annotator-chart">
            <h3>"Answers by annotator"</h3>
            {if people.is_empty() {
                view! { <p class="muted">"Nobody has answered yet."</p> }.into_any()
            } else {
                view! {
                    <p class="legend" aria-hidden="true">
                        <span class="key submitted">"submitted"</span>
                        <span class="key draft">"draft"</span>
                        <span class="key discarded">"discarded"</span>
                    </p>
                    <ul class="annotator-rows">
                        {people.into_iter().map(|a| {
                            let summary = format!("{} submitted · {} draft · {} discarded", a.submitted, a.draft, a.discarded);
                            view! {
                                <li class="annotator-row" data-username=a.username.clone()>
                                    <span class="annotator-name">{a.username.clone()}</span>
                                    <StackedBar segments=a.segments(longest) label=format!("{}: {summary}", a.username)/>
                                    <span class="annotator-counts" data-testid="annotator-counts">{summary}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </article>
    }
}

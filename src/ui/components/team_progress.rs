//! Owners and admins see how the team is doing on a dataset: the records'
//! status mix and a bar per annotator of submitted, draft and discarded
//! answers (`GET /datasets/{id}/users/progress`, which Argilla's UI never shows).

use crate::domain::progress::{annotators, segments};
use crate::i18n::{k, number, t, tf, tn};
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
            <h2 id="team-progress-title">{t(k::settings::progress)}</h2>
            {move || match data.get() {
                None => view! { <p class="loading">{t(k::settings::loading_team)}</p> }.into_any(),
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
    let (shown_completed, shown_pending) = (number(completed as f64), number(pending as f64));
    let bar_label = tn(k::settings::records_bar, total as usize, &[("completed", &shown_completed), ("pending", &shown_pending)]);
    view! {
        <article class="settings-card" data-testid="record-status-mix">
            <h3>{t(k::settings::records)}</h3>
            <StackedBar segments=segments(&[("completed", completed), ("pending", pending)], total)
                label=bar_label/>
            <p class="legend">
                <span class="key completed">{tn(k::settings::completed_count, completed as usize, &[])}</span>
                <span class="key pending">{tn(k::settings::pending_count, pending as usize, &[])}</span>
                <span>{tn(k::settings::of_records, total as usize, &[])}</span>
            </p>
        </article>
        <article class="settings-card" data-testid="annotator-chart">
            <h3>{t(k::settings::answers_by_annotator)}</h3>
            {if people.is_empty() {
                view! { <p class="muted">{t(k::settings::nobody_answered)}</p> }.into_any()
            } else {
                view! {
                    <p class="legend" aria-hidden="true">
                        <span class="key submitted">{t(k::settings::legend_submitted)}</span>
                        <span class="key draft">{t(k::settings::legend_draft)}</span>
                        <span class="key discarded">{t(k::settings::legend_discarded)}</span>
                    </p>
                    <ul class="annotator-rows">
                        {people.into_iter().map(|a| {
                            let (submitted, draft, discarded) = (number(a.submitted as f64), number(a.draft as f64), number(a.discarded as f64));
                            let counts: [(&str, &dyn std::fmt::Display); 4] = [("submitted", &submitted), ("draft", &draft), ("discarded", &discarded), ("name", &a.username)];
                            let summary = tf(k::settings::annotator_counts, &counts);
                            let bar_label = tf(k::settings::annotator_bar, &counts);
                            view! {
                                <li class="annotator-row" data-username=a.username.clone()>
                                    <span class="annotator-name" translate="no">{a.username.clone()}</span>
                                    <StackedBar segments=a.segments(longest) label=bar_label/>
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

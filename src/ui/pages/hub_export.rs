//! `/dataset/<id>/export`: push a dataset to the Hugging Face Hub through
//! argilla-server's export job (owners and admins). The token rides in that
//! one request body: it is cleared from the form as it is sent and never
//! stored, logged or put in an address.

use crate::domain::hub::{export_body, export_problems, JobState};
use crate::browser::app_href;
use crate::i18n::{k, t, tf};
use crate::ui::hub_job::{wait_for_job, JobEnd};
use crate::ui::state::use_app;
use crate::url::encode_component;
use leptos::prelude::*;
use leptos::task::spawn_local;
use crate::ui::router::use_params_map;
use serde_json::Value;

#[derive(Clone, Debug, PartialEq)]
enum Run {
    Idle,
    Running(&'static str),
    Done(String),
    Failed(String),
    /// The job could not be followed to its end: the Hub may get the dataset yet.
    Unknown(String),
}

#[component]
pub fn HubExport() -> impl IntoView {
    let state = use_app();
    let params = use_params_map();
    let id = params.get("id").unwrap_or_default();
    let can_manage = Memo::new(move |_| state.user.with(|u| u.as_ref().map(|u| u.role.can_manage())));
    let for_dataset = id.clone();
    let dataset = LocalResource::new(move || {
        let id = for_dataset.clone();
        async move {
            let found = state.client().dataset(&id).await;
            if let Err(e) = &found {
                state.check(e);
            }
            found
        }
    });
    let back = app_href(&format!("/dataset/{}/annotation-mode", encode_component(&id)));
    view! {
        <section class="settings-page hub-export">
            <h1>{t(k::data::export_title)}</h1>
            <p><a href=back>{t(k::data::back_to_dataset)}</a></p>
            {move || match (can_manage.get(), dataset.get()) {
                (Some(false), _) => view! { <p class="notice info" data-testid="owners-only">{t(k::data::export_owners_only)}</p> }.into_any(),
                (_, Some(Err(e))) => view! { <p class="notice problem" role="alert">{e.user_message()}</p> }.into_any(),
                (Some(true), Some(Ok(d))) => view! { <ExportForm id=id.clone() name=d.name.clone()/> }.into_any(),
                _ => view! { <p class="loading">{t(k::common::loading)}</p> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn ExportForm(id: String, name: String) -> impl IntoView {
    let state = use_app();
    let repo = RwSignal::new(String::new());
    let subset = RwSignal::new("default".to_owned());
    let split = RwSignal::new("train".to_owned());
    let private = RwSignal::new(true);
    // Kept through a sign-in (never the token).
    for (signal, what) in [(repo, "repo"), (subset, "subset"), (split, "split")] {
        crate::ui::typed::keep_typed(signal, &format!("hub-export.{id}.{what}"), Clone::clone);
    }
    crate::ui::typed::keep_typed(private, &format!("hub-export.{id}.private"), Clone::clone);
    let token = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<(&'static str, String)>::new());
    let run = RwSignal::new(Run::Idle);
    let problem_of = move |key: &'static str| move || problems.with(|p| p.iter().find(|(k, _)| *k == key).map(|(_, m)| view! { <span class="field-problem" role="alert">{m.clone()}</span> }));
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (r, sub, sp, secret) = (repo.get_untracked(), subset.get_untracked(), split.get_untracked(), token.get_untracked());
        let found = export_problems(&r, &sub, &sp, &secret);
        problems.set(found.clone());
        if !found.is_empty() {
            return;
        }
        let body = export_body(&r, &sub, &sp, private.get_untracked(), &secret);
        let (client, id) = (state.client(), id.clone());
        run.set(Run::Running(t(k::data::starting_export)));
        spawn_local(async move {
            let job: Value = match client.send_json("POST", &format!("/datasets/{}/export", encode_component(&id)), &body).await {
                Ok(job) => job,
                // The token stays in the form so a refused request can be sent again without typing it.
                Err(e) => {
                    state.check(&e);
                    // The reply was lost, not the request: the export may be running, and a
                    // second one would write the same repository again. The token goes, as
                    // when the server has the job.
                    let end = if e.job_may_have_started() {
                        token.set(String::new());
                        Run::Unknown(tf(k::data::export_state_unknown, &[("reason", &e.user_message()), ("hub_id", &r.trim())]))
                    } else {
                        Run::Failed(tf(k::data::export_refused, &[("reason", &e.user_message())]))
                    };
                    return run.set(end);
                }
            };
            // The server has the job: the token leaves the form and this page's memory.
            token.set(String::new());
            drop(body);
            let job_id = job["id"].as_str().unwrap_or_default().to_owned();
            // Polled while this form is shown (`run` goes with it).
            let shown = move || run.try_with_untracked(|_| ()).is_some();
            let outcome = wait_for_job(state, &job_id, shown, async |s: JobState| {
                run.set(Run::Running(t(if s == JobState::Running { k::data::writing_to_hub } else { k::data::waiting_for_worker })));
            })
            .await;
            run.set(match outcome {
                Ok(()) => Run::Done(r.trim().to_owned()),
                Err(JobEnd::Failed(e)) => Run::Failed(tf(k::data::export_failed, &[("reason", &e), ("hub_id", &r.trim())])),
                Err(JobEnd::Unknown(e)) => Run::Unknown(tf(k::data::export_state_unknown, &[("reason", &e), ("hub_id", &r.trim())])),
                Err(JobEnd::Left) => return,
            });
        });
    };
    let busy = move || matches!(run.get(), Run::Running(_));
    view! {
        <form class="settings-section" on:submit=start aria-labelledby="export-title" autocomplete="off">
            <h2 id="export-title" translate="no">{tf(k::data::export_of, &[("name", &name)])}</h2>
            <p class="muted">{t(k::data::export_intro)}</p>
            <label>{t(k::data::export_repo)}
                <input type="text" name="repo" placeholder=t(k::data::export_repo_example) prop:value=move || repo.get() on:input=move |ev| repo.set(event_target_value(&ev))/>
                {problem_of("repo")}
            </label>
            <label>{t(k::data::subset)}" "<input type="text" name="subset" prop:value=move || subset.get() on:input=move |ev| subset.set(event_target_value(&ev))/>{problem_of("subset")}</label>
            <label>{t(k::data::split)}" "<input type="text" name="split" prop:value=move || split.get() on:input=move |ev| split.set(event_target_value(&ev))/>{problem_of("split")}</label>
            <label class="checkbox"><input type="checkbox" name="private" prop:checked=move || private.get() on:change=move |ev| private.set(event_target_checked(&ev))/>" "{t(k::data::private_dataset)}</label>
            <label>{t(k::data::token)}
                <input type="password" name="hf-token" autocomplete="off" prop:value=move || token.get() on:input=move |ev| token.set(event_target_value(&ev))/>
                {problem_of("token")}
            </label>
            <p class="muted" data-testid="token-note">{t(k::data::token_note)}</p>
            <button type="submit" class="button primary" data-testid="export-start" disabled=busy>{t(k::data::export)}</button>
            // Always there, so a screen reader hears the end when it comes.
            <div aria-live="polite" data-testid="run-status">{move || match run.get() {
                Run::Idle => ().into_any(),
                Run::Running(text) => view! { <p class="loading" data-testid="export-running">{text}</p> }.into_any(),
                Run::Done(repo) => view! {
                    <p class="notice info" data-testid="export-done">{t(k::data::exported)}" "
                        <a href=format!("https://huggingface.co/datasets/{repo}") target="_blank" rel="noopener">{tf(k::data::open_on_hub, &[("hub_id", &repo)])}</a></p>
                }.into_any(),
                Run::Failed(e) => view! { <p class="notice problem" role="alert" data-testid="export-failed">{e}</p> }.into_any(),
                Run::Unknown(e) => view! { <p class="notice problem" role="alert" data-testid="export-unknown">{e}</p> }.into_any(),
            }}</div>
        </form>
    }
}

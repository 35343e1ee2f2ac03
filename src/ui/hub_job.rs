//! The network side of the Hub import and export: the Hub's dataset viewer
//! (read from the browser), creating the dataset, and argilla-server's jobs.

use crate::api::client::{find_by, made_anyway, text_of};
use crate::api::ApiError;
use crate::domain::hub::{job_state, poll_delay_ms, Creation, JobState, PollMisses};
use crate::i18n::{k, t, tf};
use crate::ui::state::AppState;
use crate::browser::sleep_ms;
use crate::url::with_query;
use gloo_net::http::Request;
use leptos::prelude::*;
use serde_json::{json, Value};

/// The dataset viewer API's address: `<meta name="argilla-lite-datasets-server">`
/// in index.html (https://datasets-server.huggingface.co unless a server rewrote it).
pub fn datasets_server() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("meta[name=argilla-lite-datasets-server]").ok().flatten())
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_else(|| "https://datasets-server.huggingface.co".into())
        .trim_end_matches('/')
        .to_owned()
}

/// `GET <viewer>/<endpoint>?…`; an error is a sentence for the page.
pub async fn viewer(endpoint: &str, pairs: &[(&str, &str)]) -> Result<Value, String> {
    let url = with_query(&format!("{}/{endpoint}", datasets_server()), pairs);
    let dataset = pairs.iter().find(|(k, _)| *k == "dataset").map(|(_, v)| *v).unwrap_or_default();
    let limit = crate::api::client::timeout_signal(crate::api::client::REQUEST_TIMEOUT_MS);
    let response = Request::get(&url)
        .abort_signal(limit.as_ref())
        .send()
        .await
        .map_err(|_| t(k::data::viewer_unreachable).to_owned())?;
    let status = response.status();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    match status {
        200..=299 => Ok(body),
        401 | 403 | 404 => Err(tf(k::data::hub_private, &[("hub_id", &dataset), ("status", &status)])),
        _ => Err(tf(k::data::viewer_refused, &[("endpoint", &endpoint), ("status", &status), ("reason", &text_of(&body, "error"))])),
    }
}

/// How [`create_and_import`] started the import: with the job to follow, or with
/// the reply to the import's start lost (it may be running; there is no job to follow).
pub enum Started {
    Job(String),
    ReplyLost(String),
}

/// Creates the dataset with its settings, publishes it, and starts the
/// import. On failure: why, and the id of the dataset if one was created.
/// A step whose reply was lost (a proxy's 502, a dropped connection) may have been
/// done all the same: the server is asked, and a step it has is not done twice. A
/// dataset of that name is taken for the one just created only when `name_was_free`
/// (the server said so just before) and it is still a draft.
pub async fn create_and_import(
    app: AppState,
    hub: (&str, &str, &str),
    workspace_id: &str,
    name: &str,
    name_was_free: bool,
    made: &Creation,
    step: RwSignal<String>,
) -> Result<(String, Started), (String, Option<String>)> {
    let client = app.client();
    // Why a request failed; a 401 ends the session.
    let reason = |e: ApiError| {
        app.check(&e);
        e.user_message()
    };
    step.set(t(k::data::creating_dataset).into());
    let name = name.trim();
    let sent = client.send_json("POST", "/datasets", &json!({"name": name, "workspace_id": workspace_id})).await;
    let created: Value = made_anyway(sent, async || {
        if !name_was_free {
            return None;
        }
        let mine = client.get::<Value>("/me/datasets").await.ok()?;
        let found = find_by(mine, "name", name).filter(|d| d["workspace_id"] == workspace_id && d["status"] == "draft")?;
        Some(json!({"id": found["id"]}))
    })
    .await
    .map_err(|e| (tf(k::data::dataset_not_created, &[("reason", &reason(e))]), None))?;
    let id = text_of(&created, "id");
    let kept = |e: String| (e, Some(id.clone()));
    let parts = [
        ("fields", &made.fields, k::data::adding_field, k::data::field_not_accepted),
        ("questions", &made.questions, k::data::adding_question, k::data::question_not_accepted),
        ("metadata-properties", &made.metadata, k::data::adding_metadata, k::data::metadata_not_accepted),
    ];
    for (path, items, adding, refused) in parts {
        for item in items.iter() {
            let name = text_of(item, "name");
            step.set(tf(adding, &[("name", &name)]));
            let path = format!("/datasets/{id}/{path}");
            let sent = client.send_json::<_, Value>("POST", &path, item).await;
            made_anyway(sent, async || find_by(client.get::<Value>(&path).await.ok()?, "name", &name))
                .await
                .map_err(|e| kept(tf(refused, &[("name", &name), ("reason", &reason(e))])))?;
        }
    }
    step.set(t(k::data::publishing).into());
    let sent = client.send_json::<_, Value>("PUT", &format!("/datasets/{id}/publish"), &json!({})).await;
    made_anyway(sent, async || client.get::<Value>(&format!("/datasets/{id}")).await.ok().filter(|d| d["status"] == "ready"))
        .await
        .map_err(|e| kept(tf(k::data::dataset_not_published, &[("reason", &reason(e))])))?;
    step.set(t(k::data::starting_import).into());
    let (repo, subset, split) = hub;
    let body = json!({"name": repo, "subset": subset, "split": split, "mapping": made.mapping});
    match client.send_json::<_, Value>("POST", &format!("/datasets/{id}/import"), &body).await {
        Ok(job) => Ok((id, Started::Job(text_of(&job, "id")))),
        // The server has no list of jobs to look in: sending it again could import the rows twice.
        Err(e) if e.job_may_have_started() => Ok((id, Started::ReplyLost(e.user_message()))),
        Err(e) => Err(kept(tf(k::data::import_not_started, &[("reason", &reason(e))]))),
    }
}

/// How a job's wait ended, when not with its success.
#[derive(Debug, Clone, PartialEq)]
pub enum JobEnd {
    /// The server says the job failed.
    Failed(String),
    /// Its progress could not be read for two minutes, or the session ended: it may still be running.
    Unknown(String),
    /// The page that showed it has gone: nobody is left to tell.
    Left,
}

/// Polls `GET /jobs/{id}` until the job ends, or until `shown()` says its page
/// has gone; `tick` runs after each answer while it waits (e.g. to count the
/// records so far). Polls that fail (a Space restarting takes a while) are asked
/// again, less and less often, for two minutes; a 401 ends the session and the wait.
pub async fn wait_for_job(app: AppState, job_id: &str, shown: impl Fn() -> bool, mut tick: impl AsyncFnMut(JobState)) -> Result<(), JobEnd> {
    let mut misses = PollMisses::default();
    loop {
        if !shown() {
            return Err(JobEnd::Left);
        }
        let wait = match app.client().get::<Value>(&format!("/jobs/{job_id}")).await {
            Ok(job) => {
                misses.answered();
                let state = job_state(&text_of(&job, "status"));
                tick(state).await;
                match state {
                    JobState::Finished => return Ok(()),
                    JobState::Failed => return Err(JobEnd::Failed(t(k::data::job_failed).into())),
                    _ => poll_delay_ms(0),
                }
            }
            Err(e) if e.is_unauthorized() => {
                app.check(&e);
                return Err(JobEnd::Unknown(e.user_message()));
            }
            Err(e) => match misses.missed(js_sys::Date::now()) {
                Some(wait) => wait,
                None => return Err(JobEnd::Unknown(tf(k::data::job_state_unknown, &[("reason", &e.user_message())]))),
            },
        };
        sleep_ms(wait).await;
    }
}

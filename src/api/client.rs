//! HTTP calls to `<base>/api/v1/...` with the session's bearer token.

use super::early::{self, EarlyAnswers};
use super::error::ApiError;
use super::types::*;
use crate::url::{encode_component, form_encode};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::RefCell;

thread_local! {
    /// Requests sent by [`Client::send_early`], by [`early::key`].
    static EARLY: RefCell<EarlyAnswers<js_sys::Promise>> = RefCell::new(EarlyAnswers::default());
}

/// How long a request may take, its answer read whole, before it counts as failed (a server
/// or proxy that stops answering must not leave a page loading for ever).
pub const REQUEST_TIMEOUT_MS: u32 = 60_000;

/// The same for a patient client's requests: a large page of a backup or a restore on a slow
/// link may take minutes, a server that stopped answering must still not hold a restore for ever.
pub const PATIENT_TIMEOUT_MS: u32 = 600_000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Client {
    /// Prefix before `/api/v1`: `""` (same origin, root), `"/argilla"`, or a full origin.
    base: String,
    token: Option<String>,
    /// A long time limit ([`PATIENT_TIMEOUT_MS`]): for a backup's or a restore's large pages,
    /// which a slow link may need longer for.
    patient: bool,
    /// Ends every request of this client (a page's, when it goes).
    cancel: Option<web_sys::AbortSignal>,
}

impl Client {
    pub fn new(base: &str, token: Option<String>) -> Client {
        Client { base: base.trim_end_matches('/').to_owned(), token, patient: false, cancel: None }
    }

    /// This client with the long time limit on its requests.
    pub fn patient(self) -> Client {
        Client { patient: true, ..self }
    }

    /// This client, its requests ended by `signal` too: what a page asked for and no longer
    /// needs must not hold the browser's few connections to the server from the next page.
    pub fn cancelled_by(self, signal: &web_sys::AbortSignal) -> Client {
        Client { cancel: Some(signal.clone()), ..self }
    }

    /// The signal that ends a request after [`REQUEST_TIMEOUT_MS`], or [`PATIENT_TIMEOUT_MS`].
    fn time_limit(&self) -> Option<web_sys::AbortSignal> {
        timeout_signal(if self.patient { PATIENT_TIMEOUT_MS } else { REQUEST_TIMEOUT_MS })
    }

    /// The caller's signal (a newer search cancelling an older one), the client's, and the
    /// time limit, all at once.
    fn limited(&self, signal: Option<&web_sys::AbortSignal>) -> Option<web_sys::AbortSignal> {
        let all: Vec<web_sys::AbortSignal> = signal.cloned().into_iter().chain(self.cancel.clone()).chain(self.time_limit()).collect();
        if all.len() > 1 {
            return any_signal(&all);
        }
        all.into_iter().next()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.base)
    }

    fn authorized(&self, builder: RequestBuilder) -> RequestBuilder {
        match &self.token {
            Some(token) => builder.header("Authorization", &format!("Bearer {token}")),
            None => builder,
        }
    }

    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        if let Some(sent) = self.take_early("GET", path, None) {
            return read_json(answer_of(sent).await).await;
        }
        let request = self.authorized(Request::get(&self.url(path))).abort_signal(self.limited(None).as_ref()).build();
        read_json(request.map_err(network)?.send().await.map_err(network)).await
    }

    pub async fn send_json<B: Serialize, T: DeserializeOwned>(
        &self,
        method: &str,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        self.send_json_with(method, path, body, None).await
    }

    /// `send_json` that the signal can cancel.
    pub async fn send_json_with<B: Serialize, T: DeserializeOwned>(
        &self,
        method: &str,
        path: &str,
        body: &B,
        signal: Option<&web_sys::AbortSignal>,
    ) -> Result<T, ApiError> {
        let body = serde_json::to_string(body).map_err(|e| ApiError::Network(e.to_string()))?;
        if let Some(sent) = self.take_early(method, path, Some(&body)) {
            return read_json(answer_of(sent).await).await;
        }
        let request = self.json_request(method, path, body, signal)?;
        read_json(request.send().await.map_err(network)).await
    }

    /// `method path` with a JSON `body`, the token, and the time limit (with `signal`, if any).
    fn json_request(&self, method: &str, path: &str, body: String, signal: Option<&web_sys::AbortSignal>) -> Result<Request, ApiError> {
        let builder = match method {
            "PUT" => Request::put(&self.url(path)),
            "PATCH" => Request::patch(&self.url(path)),
            _ => Request::post(&self.url(path)),
        };
        let signal = self.limited(signal);
        self.authorized(builder)
            .abort_signal(signal.as_ref())
            .header("Content-Type", "application/json")
            .body(body)
            .map_err(network)
    }

    /// Sends `method path` (with a JSON `body`) now, for a later `get` or
    /// `send_json` of the same request to take its answer (see [`early`]);
    /// not again if it is already on its way.
    pub fn send_early(&self, method: &str, path: &str, body: Option<&serde_json::Value>) {
        let body = body.map(serde_json::Value::to_string);
        let key = early::key(method, &self.url(path), body.as_deref(), self.token.as_deref());
        if EARLY.with(|e| e.borrow().has(&key, js_sys::Date::now())) {
            return;
        }
        if let Ok(sent) = self.fetch_now(method, path, body.as_deref(), false) {
            EARLY.with(|e| e.borrow_mut().put(key, js_sys::Date::now(), sent));
        }
    }

    fn take_early(&self, method: &str, path: &str, body: Option<&str>) -> Option<js_sys::Promise> {
        let request = early::request(method, &self.url(path), self.token.as_deref());
        if !EARLY.with(|e| e.borrow().expects(&request)) {
            return None;
        }
        let key = request + &body.map(canonical_json).unwrap_or_default();
        EARLY.with(|e| e.borrow_mut().take(&key, js_sys::Date::now()))
    }

    pub async fn delete(&self, path: &str) -> Result<(), ApiError> {
        let request = self.authorized(Request::delete(&self.url(path))).abort_signal(self.limited(None).as_ref()).build().map_err(network)?;
        let response = request.send().await.map_err(network)?;
        let status = response.status();
        if (200..300).contains(&status) {
            return Ok(());
        }
        Err(ApiError::from_response(status, &response.text().await.unwrap_or_default()))
    }

    /// `POST /token`, form-encoded as the server requires.
    pub async fn sign_in(&self, username: &str, password: &str) -> Result<Token, ApiError> {
        let request = Request::post(&self.url("/token"))
            .abort_signal(self.limited(None).as_ref())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(form_encode(&[("username", username), ("password", password)]))
            .map_err(network)?;
        read_json(request.send().await.map_err(network)).await
    }

    pub async fn me(&self) -> Result<User, ApiError> {
        self.get("/me").await
    }

    pub async fn settings(&self) -> Result<ServerSettings, ApiError> {
        self.get("/settings").await
    }

    pub async fn oauth_providers(&self) -> Result<Vec<OAuthProvider>, ApiError> {
        Ok(self.get::<Items<OAuthProvider>>("/oauth2/providers").await?.items)
    }

    pub async fn my_datasets(&self) -> Result<Vec<Dataset>, ApiError> {
        Ok(self.get::<Items<Dataset>>("/me/datasets").await?.items)
    }

    pub async fn my_workspaces(&self) -> Result<Vec<Workspace>, ApiError> {
        Ok(self.get::<Items<Workspace>>("/me/workspaces").await?.items)
    }

    pub async fn dataset(&self, id: &str) -> Result<Dataset, ApiError> {
        self.get(&format!("/datasets/{}", encode_component(id))).await
    }

    pub async fn fields(&self, id: &str) -> Result<Vec<Field>, ApiError> {
        Ok(self.get::<Items<Field>>(&format!("/datasets/{}/fields", encode_component(id))).await?.items)
    }

    pub async fn questions(&self, id: &str) -> Result<Vec<Question>, ApiError> {
        Ok(self.get::<Items<Question>>(&format!("/datasets/{}/questions", encode_component(id))).await?.items)
    }

    pub async fn my_metadata_properties(&self, id: &str) -> Result<Vec<MetadataProperty>, ApiError> {
        let path = format!("/me/datasets/{}/metadata-properties", encode_component(id));
        Ok(self.get::<ReadableItems<MetadataProperty>>(&path).await?.items)
    }

    pub async fn vectors_settings(&self, id: &str) -> Result<Vec<VectorSettings>, ApiError> {
        let path = format!("/datasets/{}/vectors-settings", encode_component(id));
        Ok(self.get::<ReadableItems<VectorSettings>>(&path).await?.items)
    }

    pub async fn metadata_metrics(&self, property_id: &str) -> Result<MetadataMetrics, ApiError> {
        self.get(&format!("/metadata-properties/{}/metrics", encode_component(property_id))).await
    }

    /// One record by id, with what `include` names (`responses`, `suggestions`, `vectors`).
    /// Through search: `GET /records/{id}` fails on argilla 2.8 for records with vectors.
    pub async fn my_record(&self, dataset_id: &str, record_id: &str, include: &[&str]) -> Result<Option<SearchItem>, ApiError> {
        let include: String = include.iter().map(|i| format!("&include={i}")).collect();
        let path = format!("/me/datasets/{}/records/search?limit=1{include}", encode_component(dataset_id));
        Ok(self.send_json::<_, SearchResult>("POST", &path, &records_by_id(&[record_id])).await?.items.into_iter().next())
    }

    /// The records with these ids and the user's responses on them as the server has them
    /// now, with how far the server's clock runs ahead of this browser's (from the reply's
    /// `Date`, which a server on another origin does not show).
    pub async fn my_responses_now(&self, dataset_id: &str, record_ids: &[&str]) -> Result<(Vec<SearchItem>, Option<f64>), ApiError> {
        let path = format!("/me/datasets/{}/records/search?include=responses&limit={}", encode_component(dataset_id), record_ids.len());
        let asked = js_sys::Date::now();
        let request = self.json_request("POST", &path, records_by_id(record_ids).to_string(), None)?;
        let response = request.send().await.map_err(network)?;
        let answered = js_sys::Date::now();
        // `Date` is cut to the second: its middle is half a second later.
        let server_ahead = response.headers().get("date").and_then(|d| crate::domain::time::http_date_ms(&d))
            .map(|server| server + 500.0 - (asked + answered) / 2.0);
        let found: SearchResult = read_json(Ok(response)).await?;
        Ok((found.items, server_ahead))
    }

    /// The agents that gave suggestions, per question name.
    pub async fn suggestion_agents(&self, id: &str) -> Result<Vec<(String, Vec<String>)>, ApiError> {
        let path = format!("/datasets/{}/records/search/suggestions/options", encode_component(id));
        let found = self.get::<Items<SuggestionOptions>>(&path).await?.items;
        Ok(found.into_iter().map(|o| (o.question.name, o.agents)).collect())
    }

    pub async fn bulk_responses(&self, body: &serde_json::Value) -> Result<Vec<BulkOutcome>, ApiError> {
        Ok(self.send_json::<_, BulkAnswer>("POST", "/me/responses/bulk", body).await?.items)
    }

    /// Starts `POST /me/responses/bulk` with a ready body at once (not on the
    /// next poll); with `keepalive` the request outlives the page, so answers
    /// still go when the tab closes. Await the answer with [`bulk_answer`].
    pub fn start_bulk_responses(&self, body: &str, keepalive: bool) -> Result<js_sys::Promise, ApiError> {
        self.fetch_now("POST", "/me/responses/bulk", Some(body), keepalive)
    }

    /// `fetch` called now (a Rust future would start on its first poll).
    fn fetch_now(&self, method: &str, path: &str, body: Option<&str>, keepalive: bool) -> Result<js_sys::Promise, ApiError> {
        use wasm_bindgen::{JsCast, JsValue};
        let set = |target: &js_sys::Object, key: &str, value: &JsValue| {
            let _ = js_sys::Reflect::set(target, &JsValue::from_str(key), value);
        };
        let headers = js_sys::Object::new();
        if body.is_some() {
            set(&headers, "Content-Type", &"application/json".into());
        }
        if let Some(token) = &self.token {
            set(&headers, "Authorization", &format!("Bearer {token}").into());
        }
        // web-sys has no setter for `keepalive`: the init is a plain object.
        let init = js_sys::Object::new();
        set(&init, "method", &method.into());
        set(&init, "keepalive", &JsValue::from_bool(keepalive));
        // Limited while the page lives (a send as the tab was hidden must not hang the one
        // at close); the timer goes with the page, so a send that outlives it is not cut.
        if let Some(limit) = timeout_signal(crate::domain::save::SAVE_TIMEOUT_MS) {
            set(&init, "signal", &limit);
        }
        set(&init, "headers", &headers);
        if let Some(body) = body {
            set(&init, "body", &body.into());
        }
        let window = web_sys::window().ok_or_else(|| ApiError::Network("no window".into()))?;
        Ok(window.fetch_with_str_and_init(&self.url(path), init.unchecked_ref()))
    }

    pub async fn dataset_progress(&self, id: &str) -> Result<DatasetProgress, ApiError> {
        self.get(&dataset_progress_path(id)).await
    }

    pub async fn my_metrics(&self, id: &str) -> Result<MyMetrics, ApiError> {
        self.get(&my_metrics_path(id)).await
    }

    /// What [`my_metrics`](Self::my_metrics) asks, sent now.
    pub fn send_my_metrics_early(&self, id: &str) {
        self.send_early("GET", &my_metrics_path(id), None);
    }
}

/// Whether this browser's `AbortSignal` has the static method `name` (`timeout`: 2022, `any`: 2024).
fn abort_signal_has(name: &str) -> bool {
    js_sys::Reflect::get(&js_sys::global(), &"AbortSignal".into())
        .and_then(|class| js_sys::Reflect::has(&class, &name.into()))
        .unwrap_or(false)
}

/// A signal that aborts when any of `signals` does (`AbortSignal.any`, or the
/// same by hand where the browser is older than 2024).
fn any_signal(signals: &[web_sys::AbortSignal]) -> Option<web_sys::AbortSignal> {
    use wasm_bindgen::JsCast;
    if abort_signal_has("any") {
        return Some(web_sys::AbortSignal::any(&signals.iter().collect::<js_sys::Array>()));
    }
    let all = web_sys::AbortController::new().ok()?;
    for signal in signals {
        if signal.aborted() {
            all.abort();
        }
        let all = all.clone();
        let on_abort = wasm_bindgen::closure::Closure::once_into_js(move || all.abort());
        let _ = signal.add_event_listener_with_callback("abort", on_abort.unchecked_ref());
    }
    Some(all.signal())
}

/// A signal that aborts after `ms`, where the browser can make one.
pub fn timeout_signal(ms: u32) -> Option<web_sys::AbortSignal> {
    abort_signal_has("timeout").then(|| web_sys::AbortSignal::timeout_with_u32(ms))
}

fn network(error: gloo_net::Error) -> ApiError {
    ApiError::Network(error.to_string())
}

async fn read_json<T: DeserializeOwned>(sent: Result<Response, ApiError>) -> Result<T, ApiError> {
    let response = sent?;
    let status = response.status();
    let body = response.text().await.map_err(network)?;
    if !(200..300).contains(&status) {
        return Err(ApiError::from_response(status, &body));
    }
    serde_json::from_str(&body).or_else(|e| {
        // Python writes NaN and Infinity bare, and lone surrogate halves: mend them rather than lose the answer.
        let fixed = super::lenient::repaired(&body).ok_or(e)?;
        serde_json::from_str(&fixed)
    })
    .map_err(|e| ApiError::Malformed { status, reason: e.to_string() })
}

/// A create's result, or what `find` finds on the server when its reply was lost:
/// the server may have made it all the same.
pub async fn made_anyway<T>(sent: Result<T, ApiError>, find: impl AsyncFnOnce() -> Option<T>) -> Result<T, ApiError> {
    match sent {
        Err(e) if e.reply_lost() => find().await.ok_or(e),
        other => other,
    }
}

/// The `items` of a list answer (`{"items": [...]}`), or the array itself.
pub fn items_of(value: serde_json::Value) -> Vec<serde_json::Value> {
    match value {
        serde_json::Value::Object(mut m) => match m.remove("items") {
            Some(serde_json::Value::Array(a)) => a,
            _ => vec![],
        },
        serde_json::Value::Array(a) => a,
        _ => vec![],
    }
}

/// Takes in the requests `index.html` sent while the code loaded
/// (`window.argillaLiteEarly`), for the app's own requests to take their answers.
pub fn adopt_page_requests() {
    use js_sys::Reflect;
    use wasm_bindgen::{JsCast, JsValue};
    let Some(window) = web_sys::window() else { return };
    let name = JsValue::from_str("argillaLiteEarly");
    let Ok(sent) = Reflect::get(&window, &name).and_then(|v| v.dyn_into::<js_sys::Array>()) else { return };
    let _ = Reflect::delete_property(&window, &name);
    EARLY.with(|e| {
        let mut early = e.borrow_mut();
        for request in sent.iter() {
            let text = |key: &str| Reflect::get(&request, &JsValue::from_str(key)).ok().and_then(|v| v.as_string());
            let (Some(method), Some(url)) = (text("method"), text("url")) else { continue };
            let at = Reflect::get(&request, &JsValue::from_str("at")).ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
            let Ok(answer) = Reflect::get(&request, &JsValue::from_str("answer")).and_then(|v| v.dyn_into::<js_sys::Promise>()) else { continue };
            let body = text("body").map(|b| canonical_json(&b));
            early.put(early::key(&method, &url, body.as_deref(), text("token").as_deref()), at, answer);
        }
    });
}

/// JSON text as serde_json writes its value (keys sorted, no spaces), so two
/// writings of one body compare equal.
fn canonical_json(text: &str) -> String {
    serde_json::from_str::<serde_json::Value>(text).map(|v| v.to_string()).unwrap_or_else(|_| text.to_owned())
}

/// A records search body for these ids.
fn records_by_id(ids: &[&str]) -> serde_json::Value {
    serde_json::json!({"query": {}, "filters": {"and": [
        {"type": "terms", "scope": {"entity": "record", "property": "id"}, "values": ids}]}})
}

fn dataset_progress_path(id: &str) -> String {
    format!("/datasets/{}/progress", encode_component(id))
}

fn my_metrics_path(id: &str) -> String {
    format!("/me/datasets/{}/metrics", encode_component(id))
}

/// A string member of a JSON object, or `""`.
/// The listed item whose `key` is `wanted` (a name, a username).
pub fn find_by(list: serde_json::Value, key: &str, wanted: &str) -> Option<serde_json::Value> {
    items_of(list).into_iter().find(|i| i[key].as_str() == Some(wanted))
}

pub fn text_of(value: &serde_json::Value, key: &str) -> String {
    value[key].as_str().unwrap_or_default().to_owned()
}

/// The answer to a request from [`Client::start_bulk_responses`].
pub async fn bulk_answer(sent: js_sys::Promise) -> Result<Vec<BulkOutcome>, ApiError> {
    Ok(read_json::<BulkAnswer>(answer_of(sent).await).await?.items)
}

/// The response to a `fetch` started with [`Client::fetch_now`].
async fn answer_of(sent: js_sys::Promise) -> Result<Response, ApiError> {
    use wasm_bindgen::JsCast;
    let response = wasm_bindgen_futures::JsFuture::from(sent).await.map_err(|e| {
        // As gloo-net words a failed fetch ("TypeError: Failed to fetch").
        let message = match e.dyn_ref::<js_sys::Error>() {
            Some(error) => format!("{}: {}", String::from(error.name()), String::from(error.message())),
            None => e.as_string().unwrap_or_else(|| "the request did not go".into()),
        };
        ApiError::Network(message)
    })?;
    response.dyn_into::<web_sys::Response>().map(Response::from).map_err(|_| ApiError::Network("no response".into()))
}

//! Answers on their way to the server. Every save waits in this queue (kept in
//! local storage) until the server has it, so a lost network, a server restart
//! or an expired session never loses an answer.

use crate::api::types::{ResponseUpsert, UserResponse};
use crate::api::ApiError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PendingSave {
    pub record_id: String,
    /// Known once the user has a response on the record: then it is a PUT.
    pub response_id: Option<String>,
    pub body: ResponseUpsert,
    /// A bulk request could not save it: it goes on its own, where the server's
    /// answer tells a passing fault (kept, retried) from a refusal (shown).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub alone: bool,
}

impl PendingSave {
    pub fn new(record_id: String, response_id: Option<String>, body: ResponseUpsert) -> PendingSave {
        PendingSave { record_id, response_id, body, alone: false }
    }

    /// Method and API path: POST the first answer, PUT an existing response.
    pub fn request(&self) -> (&'static str, String) {
        match &self.response_id {
            Some(id) => ("PUT", format!("/responses/{id}")),
            None => ("POST", format!("/records/{}/responses", self.record_id)),
        }
    }
}

/// What to do after a save attempt.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Saved,
    /// The server already has a response (a stale view): look up its id, then PUT.
    Conflict,
    /// No answer or a server failure: keep it and try again later.
    RetryLater,
    /// The session ended: keep it, sign in again, then send it.
    SignedOut,
    /// The server refused this answer (e.g. 422): show why; it stays unsaved locally.
    Rejected(ApiError),
}

pub fn classify(result: Result<(), ApiError>) -> Outcome {
    match result {
        Ok(()) => Outcome::Saved,
        Err(e) if e.status() == Some(409) => Outcome::Conflict,
        Err(e) if e.is_unauthorized() => Outcome::SignedOut,
        Err(e) if e.is_transient() => Outcome::RetryLater,
        // A success that is not the server's answer (a captive portal's or a proxy's page)
        // is no proof the answer landed: keep it and try again.
        Err(ApiError::Malformed { status: 200..=299, .. }) => Outcome::RetryLater,
        // Nor is a refusal without the server's words (a proxy's 404 page): the answer is kept.
        Err(e) if e.is_unexplained_refusal() => Outcome::RetryLater,
        Err(e) => Outcome::Rejected(e),
    }
}

/// Milliseconds to wait before retry number `attempt` (0-based): 1 s, 2 s, 4 s … 30 s.
pub fn retry_delay_ms(attempt: u32) -> u32 {
    1000u32.saturating_mul(1 << attempt.min(5)).min(30_000)
}

/// A save unanswered this long is taken as lost on the way (a connection that
/// hung, a laptop that slept) and tried again; a repeat is harmless (409 → PUT).
pub const SAVE_TIMEOUT_MS: u32 = 30_000;

/// What to do with an answer found waiting in storage when a dataset opens
/// (left by a tab that closed, an earlier visit, or another open tab), once
/// the user's response on its record as the server has it now is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leftover {
    /// The server has no answer, or an older one: send it.
    Send,
    /// The server has this very answer (sent as a tab closed, its reply never read).
    Arrived,
    /// The record was answered again after this answer was given, elsewhere (another
    /// browser, the SDK): sending it would overwrite the newer one, so it yields.
    Overtaken,
}

/// How much later than a stored answer the server's must be to count as given
/// elsewhere. An earlier answer of this browser's to the same record, sent
/// before this one was given, reaches the server within [`SAVE_TIMEOUT_MS`]
/// of its sending; the rest covers the clocks' estimate (the reply's `Date`
/// is to the second, and half the round trip).
pub const OVERTAKEN_AFTER_MS: f64 = SAVE_TIMEOUT_MS as f64 + 30_000.0;
/// The same when the server's clock is not shown (an API on another origin): only a
/// change clearly later counts (an answer left for days), whatever the clocks say.
pub const OVERTAKEN_AFTER_UNKNOWN_CLOCK_MS: f64 = 60.0 * 60_000.0;

/// Judges a stored answer given at `stored_at` (this browser's clock, ms)
/// against the server's `response` now; `server_ahead_ms` is how far the
/// server's clock runs ahead of this browser's, when known. In doubt (the
/// clocks not known, a change too close to tell) it is sent.
pub fn judge_leftover(stored: &ResponseUpsert, stored_at: f64, response: Option<&UserResponse>, server_ahead_ms: Option<f64>) -> Leftover {
    let Some(response) = response else { return Leftover::Send };
    if super::late_save::holds(response, stored) {
        return Leftover::Arrived;
    }
    let Some(updated) = response.updated_at.as_deref().and_then(super::time::timestamp_ms) else { return Leftover::Send };
    let margin = if server_ahead_ms.is_some() { OVERTAKEN_AFTER_MS } else { OVERTAKEN_AFTER_UNKNOWN_CLOCK_MS };
    if updated - server_ahead_ms.unwrap_or(0.0) > stored_at + margin {
        Leftover::Overtaken
    } else {
        Leftover::Send
    }
}

/// Most answers one `/me/responses/bulk` request carries.
pub const BATCH_ITEMS: usize = 50;
/// Largest bulk body sent while the page stays (the server reads it whole).
pub const BATCH_BYTES: usize = 512 * 1024;
/// Chrome lets requests that outlive their page (`keepalive`) carry 64 KiB in
/// all; keep a margin for headers.
pub const KEEPALIVE_BYTES: usize = 60 * 1024;

/// Answers sent together in one `/me/responses/bulk` request.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    pub saves: Vec<PendingSave>,
    pub body: String,
}

/// What a bulk answer did to the queue.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BulkResult {
    /// Saved: (the save, its response id).
    pub saved: Vec<(PendingSave, String)>,
}

fn bulk_item(save: &PendingSave) -> serde_json::Value {
    serde_json::json!({"record_id": save.record_id, "status": save.body.status, "values": save.body.values})
}

fn bulk_body(items: &[serde_json::Value]) -> String {
    serde_json::json!({ "items": items }).to_string()
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SaveQueue {
    pub items: Vec<PendingSave>,
    /// record id -> the user's response id, learnt from records and saves.
    pub response_ids: BTreeMap<String, String>,
}

impl SaveQueue {
    /// Queues a save; a newer save for the same record replaces the older one.
    pub fn push(&mut self, mut save: PendingSave) {
        if save.response_id.is_none() {
            save.response_id = self.response_ids.get(&save.record_id).cloned();
        }
        self.items.retain(|s| s.record_id != save.record_id);
        self.items.push(save);
    }

    pub fn next(&self) -> Option<&PendingSave> {
        self.items.first()
    }

    pub fn learn_response_id(&mut self, record_id: &str, response_id: &str) {
        self.response_ids.insert(record_id.to_owned(), response_id.to_owned());
        for s in self.items.iter_mut().filter(|s| s.record_id == record_id) {
            s.response_id = Some(response_id.to_owned());
        }
    }

    /// The server has it: drop it, unless a newer save for that record came in meanwhile.
    pub fn saved(&mut self, sent: &PendingSave, response_id: &str) {
        self.learn_response_id(&sent.record_id, response_id);
        self.items.retain(|s| !(s.record_id == sent.record_id && s.body == sent.body));
    }

    /// The server has no response with the id we knew for this record (it was
    /// deleted): the next save creates one.
    pub fn forget_response_id(&mut self, record_id: &str) {
        self.response_ids.remove(record_id);
        for s in self.items.iter_mut().filter(|s| s.record_id == record_id) {
            s.response_id = None;
        }
    }

    /// Drops every save for these records (the server has newer answers to them).
    pub fn drop_records(&mut self, record_ids: &[String]) {
        self.items.retain(|s| !record_ids.contains(&s.record_id));
    }

    pub fn is_waiting(&self, record_id: &str) -> bool {
        self.items.iter().any(|s| s.record_id == record_id)
    }

    /// The waiting answers, oldest first, as bulk requests of at most `max_items`
    /// answers and `max_bytes` each, `total_bytes` in all. An answer too big
    /// for what is left is skipped (it goes later on its own).
    pub fn batches(&self, max_items: usize, max_bytes: usize, total_bytes: usize) -> Vec<Batch> {
        // `{"items":[]}`: what a body weighs besides its items and their commas.
        const FRAME: usize = 12;
        let mut batches = vec![];
        let (mut saves, mut items, mut body_len) = (vec![], vec![], FRAME);
        let mut left = total_bytes;
        for save in self.items.iter().filter(|s| !s.alone) {
            let item = bulk_item(save);
            let size = item.to_string().len();
            if !items.is_empty() && (items.len() == max_items || body_len + 1 + size > max_bytes.min(left)) {
                let body = bulk_body(&std::mem::take(&mut items));
                left = left.saturating_sub(body.len());
                batches.push(Batch { saves: std::mem::take(&mut saves), body });
                body_len = FRAME;
            }
            let added = size + usize::from(!items.is_empty());
            if body_len + added > max_bytes.min(left) {
                continue; // too big for what is left: it goes later on its own
            }
            body_len += added;
            saves.push(save.clone());
            items.push(item);
        }
        if !items.is_empty() {
            batches.push(Batch { saves, body: bulk_body(&items) });
        }
        batches
    }

    /// Applies the server's per-answer outcomes (in request order) to the queue.
    pub fn bulk_answered(&mut self, sent: &[PendingSave], outcomes: &[crate::api::types::BulkOutcome]) -> BulkResult {
        let mut result = BulkResult::default();
        for (save, outcome) in sent.iter().zip(outcomes) {
            match (&outcome.item, &outcome.error) {
                (Some(item), _) => {
                    self.saved(save, &item.id);
                    result.saved.push((save.clone(), item.id.clone()));
                }
                // The server reports any failure of an item this way, a passing one
                // (its database busy, its search engine restarting) as much as a refusal.
                (None, _) => {
                    for waiting in self.items.iter_mut().filter(|s| s.record_id == save.record_id && s.body == save.body) {
                        waiting.alone = true;
                    }
                }
            }
        }
        result
    }

    /// Puts this save last: one that keeps failing (a server error on that answer alone)
    /// must not hold back the answers queued after it.
    pub fn to_back(&mut self, save: &PendingSave) {
        if let Some(i) = self.items.iter().position(|s| s.record_id == save.record_id && s.body == save.body) {
            let save = self.items.remove(i);
            self.items.push(save);
        }
    }

    /// Drops exactly this save (a newer one for the record stays).
    pub fn drop_sent(&mut self, sent: &PendingSave) {
        self.items.retain(|s| !(s.record_id == sent.record_id && s.body == sent.body));
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// Edits kept in this browser were begun on the record's answer as saved at `base`; the
/// server's answer is now `now`. Saved again since (elsewhere): the edits are older than
/// it. Unknown either way (no answer then, or a time not shown): they are not.
pub fn edits_overtaken(base: Option<&str>, now: Option<&str>) -> bool {
    matches!((base, now), (Some(base), Some(now)) if base != now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_edits_yield_only_to_an_answer_saved_after_they_began() {
        let t0 = "2026-11-29T10:00:00.000001";
        assert!(!edits_overtaken(Some(t0), Some(t0)), "the answer they began on");
        assert!(edits_overtaken(Some(t0), Some("2026-11-29T10:05:00.000001")), "saved again since");
        assert!(!edits_overtaken(None, Some(t0)), "begun on no saved answer, or on one saved here");
        assert!(!edits_overtaken(Some(t0), None), "no time shown now");
    }
    use crate::api::types::{ResponseStatus, ValueItem};

    fn response(status: ResponseStatus, rating: i64, updated_at: &str) -> UserResponse {
        let values = BTreeMap::from([("rating".to_owned(), ValueItem { value: rating.into() })]);
        UserResponse { id: "r".into(), values: Some(values), status, user_id: None, updated_at: Some(updated_at.into()) }
    }

    #[test]
    fn a_leftover_yields_only_to_an_answer_given_after_it() {
        let stored = response(ResponseStatus::Submitted, 4, "");
        let stored = ResponseUpsert { status: stored.status, values: stored.values.unwrap() };
        // 2026-12-01T12:00:00 UTC
        let noon = crate::domain::time::timestamp_ms("2026-12-01T12:00:00").unwrap();
        let judge = |r: Option<&UserResponse>, ahead| judge_leftover(&stored, noon, r, ahead);
        assert_eq!(judge(None, Some(0.0)), Leftover::Send, "nothing on the server");
        let same_later = response(ResponseStatus::Submitted, 4, "2026-12-01T13:00:00");
        assert_eq!(judge(Some(&same_later), Some(0.0)), Leftover::Arrived, "the answer itself arrived");
        let draft = response(ResponseStatus::Draft, 4, "2026-12-01T11:00:00");
        assert_eq!(judge(Some(&draft), Some(0.0)), Leftover::Send, "an older draft of the same values");
        let older = response(ResponseStatus::Submitted, 2, "2026-12-01T11:59:00");
        assert_eq!(judge(Some(&older), Some(0.0)), Leftover::Send, "an older answer is replaced");
        let newer = response(ResponseStatus::Submitted, 2, "2026-12-01T12:02:00");
        assert_eq!(judge(Some(&newer), Some(0.0)), Leftover::Overtaken, "answered again two minutes later");
        assert_eq!(judge(Some(&newer), Some(180_000.0)), Leftover::Send, "by a server clock three minutes ahead, it came first");
        assert_eq!(judge(Some(&older), Some(-180_000.0)), Leftover::Overtaken, "by a server clock three minutes behind, it came later");
        // An earlier answer of this browser's, sent before this one was given, can land up to
        // SAVE_TIMEOUT_MS later: not "elsewhere".
        let own_earlier_landing_late = response(ResponseStatus::Submitted, 2, "2026-12-01T12:00:29");
        assert_eq!(judge(Some(&own_earlier_landing_late), Some(0.0)), Leftover::Send, "within the margin: in doubt, sent");
        let later = response(ResponseStatus::Submitted, 2, "2026-12-01T12:50:00");
        assert_eq!(judge(Some(&later), None), Leftover::Send, "clocks not known: within the hour, sent");
        let days_later = response(ResponseStatus::Submitted, 2, "2026-12-03T12:00:00");
        assert_eq!(judge(Some(&days_later), None), Leftover::Overtaken, "clocks not known: answered again days later");
        let undated = UserResponse { updated_at: None, ..newer };
        assert_eq!(judge(Some(&undated), Some(0.0)), Leftover::Send, "no time on the server's: sent");
    }

    #[test]
    fn a_save_that_keeps_failing_goes_last() {
        let mut q = SaveQueue::default();
        for r in ["a", "b", "c"] {
            q.push(save(r, ResponseStatus::Submitted));
        }
        let failing = q.next().cloned().unwrap();
        q.to_back(&failing);
        let order: Vec<&str> = q.items.iter().map(|s| s.record_id.as_str()).collect();
        assert_eq!(order, ["b", "c", "a"]);
        assert_eq!(q.next().map(|s| s.record_id.as_str()), Some("b"));
    }

    fn save(record: &str, status: ResponseStatus) -> PendingSave {
        PendingSave::new(record.into(), None, ResponseUpsert { status, values: BTreeMap::new() })
    }

    #[test]
    fn post_first_put_afterwards() {
        let mut q = SaveQueue::default();
        q.push(save("r1", ResponseStatus::Draft));
        assert_eq!(q.next().unwrap().request(), ("POST", "/records/r1/responses".into()));
        let sent = q.next().unwrap().clone();
        q.saved(&sent, "resp1");
        assert!(q.is_empty());
        q.push(save("r1", ResponseStatus::Submitted));
        assert_eq!(q.next().unwrap().request(), ("PUT", "/responses/resp1".into()));
    }

    #[test]
    fn a_conflict_switches_to_put_once_the_id_is_known() {
        let mut q = SaveQueue::default();
        q.push(save("r1", ResponseStatus::Submitted));
        assert_eq!(classify(Err(ApiError::from_response(409, r#"{"detail":"exists"}"#))), Outcome::Conflict);
        q.learn_response_id("r1", "resp9");
        assert_eq!(q.next().unwrap().request(), ("PUT", "/responses/resp9".into()));
    }

    #[test]
    fn newer_save_replaces_older_and_keeps_order_of_records() {
        let mut q = SaveQueue::default();
        q.push(save("r1", ResponseStatus::Draft));
        q.push(save("r2", ResponseStatus::Draft));
        q.push(save("r1", ResponseStatus::Submitted));
        assert_eq!(q.len(), 2);
        assert_eq!(q.next().unwrap().record_id, "r2");
        assert_eq!(q.items[1].body.status, ResponseStatus::Submitted);
    }

    #[test]
    fn a_save_overtaken_while_in_flight_is_kept() {
        let mut q = SaveQueue::default();
        q.push(save("r1", ResponseStatus::Draft));
        let in_flight = q.next().unwrap().clone();
        q.push(save("r1", ResponseStatus::Submitted));
        q.saved(&in_flight, "resp1");
        assert_eq!(q.len(), 1, "the newer submit still has to go");
        assert_eq!(q.next().unwrap().request().0, "PUT");
    }

    #[test]
    fn outcomes_by_error() {
        assert_eq!(classify(Ok(())), Outcome::Saved);
        assert_eq!(classify(Err(ApiError::Network("down".into()))), Outcome::RetryLater);
        assert_eq!(classify(Err(ApiError::from_response(503, ""))), Outcome::RetryLater);
        assert_eq!(classify(Err(ApiError::from_response(401, "{}"))), Outcome::SignedOut);
        assert!(matches!(classify(Err(ApiError::from_response(422, r#"{"detail":"bad"}"#))), Outcome::Rejected(_)));
        // A proxy's page, not the server's verdict: kept and tried again.
        assert_eq!(classify(Err(ApiError::from_response(404, "<html><h1>404 Not Found</h1></html>"))), Outcome::RetryLater);
        assert_eq!(classify(Err(ApiError::from_response(403, "<!doctype html><p>Sign in to see this Space</p>"))), Outcome::RetryLater);
        assert!(matches!(classify(Err(ApiError::from_response(404, r#"{"detail":"Record with id `x` not found"}"#))), Outcome::Rejected(_)));
        assert!(matches!(classify(Err(ApiError::from_response(413, "<html>Request Entity Too Large</html>"))), Outcome::Rejected(_)));
    }

    #[test]
    fn queue_survives_serialisation() {
        let mut q = SaveQueue::default();
        q.push(save("r1", ResponseStatus::Discarded));
        q.learn_response_id("r0", "x");
        let text = serde_json::to_string(&q).unwrap();
        assert_eq!(serde_json::from_str::<SaveQueue>(&text).unwrap(), q);
    }

    fn with_text(record: &str, text: &str) -> PendingSave {
        let mut values = BTreeMap::new();
        values.insert("comment".to_owned(), crate::api::types::ValueItem { value: serde_json::json!(text) });
        PendingSave::new(record.into(), None, ResponseUpsert { status: ResponseStatus::Submitted, values })
    }

    #[test]
    fn batches_keep_order_and_respect_item_and_byte_limits() {
        let mut q = SaveQueue::default();
        for i in 0..7 {
            q.push(with_text(&format!("r{i}"), &"x".repeat(100)));
        }
        let by_items = q.batches(3, usize::MAX, usize::MAX);
        let ids: Vec<Vec<&str>> = by_items.iter().map(|b| b.saves.iter().map(|s| s.record_id.as_str()).collect()).collect();
        assert_eq!(ids, vec![vec!["r0", "r1", "r2"], vec!["r3", "r4", "r5"], vec!["r6"]]);
        let body: serde_json::Value = serde_json::from_str(&by_items[0].body).unwrap();
        assert_eq!(body["items"][1]["record_id"], "r1");
        assert_eq!(body["items"][1]["status"], "submitted");
        assert_eq!(body["items"][1]["values"]["comment"]["value"], "x".repeat(100));
        let by_bytes = q.batches(50, 400, usize::MAX);
        assert!(by_bytes.iter().all(|b| b.body.len() <= 400), "{:?}", by_bytes.iter().map(|b| b.body.len()).collect::<Vec<_>>());
        assert_eq!(by_bytes.iter().map(|b| b.saves.len()).sum::<usize>(), 7);
    }

    #[test]
    fn keepalive_budget_is_shared_and_oversized_answers_wait() {
        let mut q = SaveQueue::default();
        q.push(with_text("small1", "a"));
        q.push(with_text("huge", &"y".repeat(70 * 1024)));
        q.push(with_text("small2", "b"));
        let batches = q.batches(BATCH_ITEMS, KEEPALIVE_BYTES, KEEPALIVE_BYTES);
        let sent: Vec<&str> = batches.iter().flat_map(|b| b.saves.iter().map(|s| s.record_id.as_str())).collect();
        assert_eq!(sent, vec!["small1", "small2"], "the huge answer waits for a normal request");
        assert!(batches.iter().map(|b| b.body.len()).sum::<usize>() <= KEEPALIVE_BYTES);
        let tight = q.batches(BATCH_ITEMS, KEEPALIVE_BYTES, 120);
        assert_eq!(tight.iter().map(|b| b.saves.len()).sum::<usize>(), 1, "only what fits the total budget");
    }

    #[test]
    fn bulk_outcomes_save_and_send_failed_items_alone_keeping_newer_edits() {
        let mut q = SaveQueue::default();
        q.push(save("r1", ResponseStatus::Submitted));
        q.push(save("r2", ResponseStatus::Submitted));
        q.push(save("r3", ResponseStatus::Discarded));
        let sent = q.items.clone();
        q.push(save("r3", ResponseStatus::Submitted)); // changed while the batch travelled
        let outcomes: Vec<crate::api::types::BulkOutcome> = serde_json::from_value(serde_json::json!([
            {"item": {"id": "a", "status": "submitted"}},
            {"error": {"detail": "missing response value for required question with name='quality'"}},
            {"item": {"id": "c", "status": "discarded"}}
        ]))
        .unwrap();
        let result = q.bulk_answered(&sent, &outcomes);
        assert_eq!(result.saved.iter().map(|(s, id)| (s.record_id.as_str(), id.as_str())).collect::<Vec<_>>(), vec![("r1", "a"), ("r3", "c")]);
        let waiting: Vec<(&str, bool)> = q.items.iter().map(|s| (s.record_id.as_str(), s.alone)).collect();
        assert_eq!(waiting, vec![("r2", true), ("r3", false)], "r2 waits to go alone; the newer r3 answer waits too");
        assert_eq!(q.items[1].request(), ("PUT", "/responses/c".into()));
        let batched: Vec<String> = q.batches(BATCH_ITEMS, BATCH_BYTES, usize::MAX).iter().flat_map(|b| b.saves.iter().map(|s| s.record_id.clone())).collect();
        assert_eq!(batched, vec!["r3"], "an answer a bulk request failed is not batched again");
        let restored: SaveQueue = serde_json::from_str(&serde_json::to_string(&q).unwrap()).unwrap();
        assert_eq!(restored, q, "kept across a reload");
        q.push(save("r2", ResponseStatus::Draft));
        assert!(!q.items.iter().any(|s| s.alone), "a newer answer for the record tries the bulk request again");
    }

    #[test]
    fn a_deleted_response_id_is_forgotten_so_the_next_save_creates_one() {
        let mut q = SaveQueue::default();
        q.learn_response_id("r1", "gone");
        q.push(save("r1", ResponseStatus::Submitted));
        assert_eq!(q.next().unwrap().request(), ("PUT", "/responses/gone".into()));
        q.forget_response_id("r1");
        assert_eq!(q.next().unwrap().request(), ("POST", "/records/r1/responses".into()));
        q.push(save("r1", ResponseStatus::Draft));
        assert_eq!(q.next().unwrap().request(), ("POST", "/records/r1/responses".into()), "not learnt back from the old id");
    }

    #[test]
    fn a_success_that_is_not_the_servers_answer_is_tried_again() {
        // What client.rs's read_json makes of a 200 with a portal's HTML page.
        let portal = ApiError::Malformed { status: 200, reason: "expected value at line 1 column 1".into() };
        assert_eq!(classify(Err(portal)), Outcome::RetryLater);
        assert!(matches!(classify(Err(ApiError::from_response(422, r#"{"detail":"bad value"}"#))), Outcome::Rejected(_)));
    }

    #[test]
    fn retry_backs_off_to_thirty_seconds() {
        assert_eq!(retry_delay_ms(0), 1000);
        assert_eq!(retry_delay_ms(2), 4000);
        assert_eq!(retry_delay_ms(40), 30_000);
    }
}

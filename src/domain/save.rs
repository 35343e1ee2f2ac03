//! Answers on their way to the server. Every save waits in this queue (kept in
//! local storage) until the server has it, so a lost network, a server restart
//! or an expired session never loses an answer.

use crate::api::types::ResponseUpsert;
use crate::api::ApiError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PendingSave {
    pub record_id: String,
    /// Known once the user has a response on the record: then it is a PUT.
    pub response_id: Option<String>,
    pub body: ResponseUpsert,
}

impl PendingSave {
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
        Err(e) => Outcome::Rejected(e),
    }
}

/// Milliseconds to wait before retry number `attempt` (0-based): 1 s, 2 s, 4 s … 30 s.
pub fn retry_delay_ms(attempt: u32) -> u32 {
    1000u32.saturating_mul(1 << attempt.min(5)).min(30_000)
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

    /// Refused for good: drop it from the queue (the edits stay in local storage).
    pub fn drop_record(&mut self, record_id: &str) {
        self.items.retain(|s| s.record_id != record_id);
    }

    pub fn is_waiting(&self, record_id: &str) -> bool {
        self.items.iter().any(|s| s.record_id == record_id)
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::types::ResponseStatus;

    fn save(record: &str, status: ResponseStatus) -> PendingSave {
        PendingSave {
            record_id: record.into(),
            response_id: None,
            body: ResponseUpsert { status, values: BTreeMap::new() },
        }
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
    }

    #[test]
    fn queue_survives_serialisation() {
        let mut q = SaveQueue::default();
        q.push(save("r1", ResponseStatus::Discarded));
        q.learn_response_id("r0", "x");
        let text = serde_json::to_string(&q).unwrap();
        assert_eq!(serde_json::from_str::<SaveQueue>(&text).unwrap(), q);
    }

    #[test]
    fn retry_backs_off_to_thirty_seconds() {
        assert_eq!(retry_delay_ms(0), 1000);
        assert_eq!(retry_delay_ms(2), 4000);
        assert_eq!(retry_delay_ms(40), 30_000);
    }
}

//! Answers sent without a word back (the time limit, a lost connection, a gateway's
//! error) may still reach the server, late: a stalled server or proxy can store one
//! after a newer answer to the same record that the app saw saved. The API has no
//! version check to refuse it, so the app looks again a little after the newer
//! answer is saved, and sends it again if an older one landed over it.

use crate::api::types::{ResponseUpsert, UserResponse};

/// When to look, after an answer to a record with answers in doubt is saved: soon
/// (a server that was stalled stores what it held as it wakes, around the same time),
/// and once past the time after which the app gives a save up as lost.
pub const CHECKS_AFTER_MS: [u32; 2] = [5_000, super::save::SAVE_TIMEOUT_MS + 10_000];

/// At most this many answers in doubt are remembered per record (the newest).
const KEPT_PER_RECORD: usize = 8;
/// How long an answer sent without a word back stays in doubt: past this, a request
/// still held somewhere is not expected to land any more.
pub const DOUBT_FOR_MS: f64 = 10.0 * 60_000.0;

/// Whether the server's response is this very answer.
pub fn holds(response: &UserResponse, answer: &ResponseUpsert) -> bool {
    response.status == answer.status && response.values.as_ref().map_or(answer.values.is_empty(), |v| *v == answer.values)
}

/// What a look at the server found.
#[derive(Debug, Clone, PartialEq)]
pub enum Look {
    /// The saved answer is there (or the look is not needed any more).
    Fine,
    /// An older answer in doubt landed over it: send the saved one again.
    Landed(ResponseUpsert),
    /// Something else is there (answered again elsewhere, or deleted): leave it.
    Moved,
}

/// Flat lists rather than maps: a few entries at most, and less code in the wasm.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InDoubt {
    /// The answers sent without a word back: record, answer, when (ms).
    sent: Vec<(String, ResponseUpsert, f64)>,
    /// Per record, the answer last saved while some were in doubt: the one to keep.
    saved: Vec<(String, ResponseUpsert)>,
}

impl InDoubt {
    /// An answer went at `now` and no answer came back.
    pub fn sent_unanswered(&mut self, record_id: &str, answer: &ResponseUpsert, now: f64) {
        self.sent.retain(|(id, a, _)| !(id == record_id && a == answer));
        self.sent.push((record_id.to_owned(), answer.clone(), now));
        if self.sent.iter().filter(|(id, ..)| id == record_id).count() > KEPT_PER_RECORD {
            if let Some(oldest) = self.sent.iter().position(|(id, ..)| id == record_id) {
                self.sent.remove(oldest);
            }
        }
    }

    fn in_doubt<'a>(&'a self, record_id: &'a str) -> impl Iterator<Item = &'a ResponseUpsert> + 'a {
        self.sent.iter().filter(move |(id, ..)| id == record_id).map(|(_, a, _)| a)
    }

    /// The server has `answer` at `now`. True when it must be looked at again later: an
    /// answer in doubt for the record differs from it. (One that is the same stays in
    /// doubt: a later answer may still be overwritten by it.)
    pub fn saved(&mut self, record_id: &str, answer: &ResponseUpsert, now: f64) -> bool {
        self.sent.retain(|(.., at)| now - at < DOUBT_FOR_MS);
        self.saved.retain(|(id, _)| id != record_id);
        if !self.in_doubt(record_id).any(|a| a != answer) {
            return false;
        }
        self.saved.push((record_id.to_owned(), answer.clone()));
        true
    }

    /// True while `answer` is still the one to keep on the record (no later one saved since).
    pub fn still_kept(&self, record_id: &str, answer: &ResponseUpsert) -> bool {
        self.saved.iter().any(|(id, a)| id == record_id && a == answer)
    }

    /// Judges the server's `response` on the record against `kept`, the answer saved
    /// last when the look was planned; `last` for the final look after it.
    pub fn look(&mut self, record_id: &str, kept: &ResponseUpsert, response: Option<&UserResponse>, last: bool) -> Look {
        // Another answer was saved since (its own looks follow), or nothing is in doubt now.
        if !self.still_kept(record_id, kept) {
            return Look::Fine;
        }
        let found = match response {
            Some(r) if holds(r, kept) => Look::Fine,
            Some(r) if self.in_doubt(record_id).any(|a| holds(r, a)) => {
                // Repaired once: should the same answer be there again, it was given again
                // (another device, the SDK), and two writers must not take turns for ever.
                self.sent.retain(|(id, a, _)| !(id == record_id && holds(r, a)));
                Look::Landed(kept.clone())
            }
            _ => Look::Moved,
        };
        match found {
            // Answered elsewhere since: what this browser sent before is no concern of it.
            Look::Moved => self.forget(record_id),
            _ if last => self.saved.retain(|(id, _)| id != record_id),
            _ => {}
        }
        found
    }

    /// The looks planned: each record's answer to look for.
    pub fn planned(&self) -> Vec<(String, ResponseUpsert)> {
        self.saved.clone()
    }

    /// The record was answered anew some other way (the bulk view): nothing to look for.
    pub fn forget(&mut self, record_id: &str) {
        self.sent.retain(|(id, ..)| id != record_id);
        self.saved.retain(|(id, _)| id != record_id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use crate::api::types::{ResponseStatus, ValueItem};

    fn answer(label: &str, status: ResponseStatus) -> ResponseUpsert {
        ResponseUpsert { status, values: BTreeMap::from([("sentiment".to_owned(), ValueItem { value: label.into() })]) }
    }

    fn on_server(a: &ResponseUpsert) -> UserResponse {
        UserResponse { id: "r1".into(), values: Some(a.values.clone()), status: a.status, user_id: None, updated_at: None }
    }

    #[test]
    fn an_older_answer_that_lands_late_is_answered_by_the_newer_one_again() {
        let (old, new) = (answer("positive", ResponseStatus::Submitted), answer("negative", ResponseStatus::Submitted));
        let mut doubt = InDoubt::default();
        doubt.sent_unanswered("a", &old, 0.0);
        assert!(!doubt.saved("a", &old, 1_000.0), "the same answer saved by a repeat: nothing to look for");
        assert!(doubt.saved("a", &new, 60_000.0), "the older answer may still land");
        assert!(doubt.still_kept("a", &new));
        assert_eq!(doubt.look("a", &new, Some(&on_server(&new)), false), Look::Fine, "not yet");
        assert_eq!(doubt.look("a", &new, Some(&on_server(&old)), false), Look::Landed(new.clone()));
        // Sent again and saved: repaired once, the older answer is in doubt no more.
        assert!(!doubt.saved("a", &new, 70_000.0));
        assert_eq!(doubt.look("a", &new, Some(&on_server(&old)), true), Look::Fine, "no look planned");
        assert_eq!(doubt, InDoubt::default());
    }

    #[test]
    fn doubt_ends_after_ten_minutes() {
        let (old, new) = (answer("positive", ResponseStatus::Submitted), answer("negative", ResponseStatus::Submitted));
        let mut doubt = InDoubt::default();
        doubt.sent_unanswered("a", &old, 0.0);
        assert!(doubt.saved("a", &new, DOUBT_FOR_MS - 1.0), "still in doubt");
        assert!(!doubt.saved("a", &new, DOUBT_FOR_MS), "in doubt no longer");
        assert_eq!(doubt, InDoubt::default());
    }

    #[test]
    fn a_look_planned_for_an_answer_since_replaced_leaves_it_to_the_newer_ones() {
        let (old, mid, new) = (answer("positive", ResponseStatus::Submitted), answer("negative", ResponseStatus::Submitted), answer("neutral", ResponseStatus::Submitted));
        let mut doubt = InDoubt::default();
        doubt.sent_unanswered("a", &old, 0.0);
        assert!(doubt.saved("a", &mid, 1.0));
        assert!(doubt.saved("a", &new, 2.0));
        // The look planned for the middle answer finds it: not judged against the newer one.
        assert_eq!(doubt.planned(), [("a".to_owned(), new.clone())], "the newest answer is looked for");
        assert_eq!(doubt.look("a", &mid, Some(&on_server(&mid)), false), Look::Fine);
        assert_eq!(doubt.look("a", &new, Some(&on_server(&old)), false), Look::Landed(new.clone()));
    }

    #[test]
    fn an_answer_given_anew_in_the_bulk_view_is_not_looked_after() {
        let (old, new) = (answer("positive", ResponseStatus::Submitted), answer("negative", ResponseStatus::Submitted));
        let mut doubt = InDoubt::default();
        doubt.sent_unanswered("a", &old, 0.0);
        doubt.saved("a", &new, 1.0);
        doubt.forget("a");
        assert_eq!(doubt.look("a", &new, Some(&on_server(&old)), false), Look::Fine);
    }

    #[test]
    fn only_the_saved_answer_in_doubt_needs_no_look() {
        let a = answer("positive", ResponseStatus::Draft);
        let mut doubt = InDoubt::default();
        doubt.sent_unanswered("a", &a, 0.0);
        doubt.sent_unanswered("a", &a, 1.0);
        assert!(!doubt.saved("a", &a, 2.0));
        assert!(!doubt.saved("b", &answer("negative", ResponseStatus::Draft), 2.0), "nothing in doubt for another record");
    }

    #[test]
    fn a_newer_answer_from_elsewhere_or_a_deletion_is_left_alone() {
        let (old, new, other) = (answer("positive", ResponseStatus::Submitted), answer("negative", ResponseStatus::Submitted), answer("neutral", ResponseStatus::Submitted));
        for server in [Some(on_server(&other)), None] {
            let mut doubt = InDoubt::default();
            doubt.sent_unanswered("a", &old, 0.0);
            doubt.saved("a", &new, 0.0);
            assert_eq!(doubt.look("a", &new, server.as_ref(), false), Look::Moved);
            assert_eq!(doubt, InDoubt::default(), "nothing more to look for");
        }
    }

    #[test]
    fn the_same_values_with_another_status_is_another_answer() {
        let (draft, submitted) = (answer("positive", ResponseStatus::Draft), answer("positive", ResponseStatus::Submitted));
        let mut doubt = InDoubt::default();
        doubt.sent_unanswered("a", &draft, 0.0);
        assert!(doubt.saved("a", &submitted, 0.0));
        assert_eq!(doubt.look("a", &submitted, Some(&on_server(&draft)), false), Look::Landed(submitted.clone()));
        assert!(!doubt.still_kept("a", &draft));
    }

    #[test]
    fn a_discarded_answer_without_values_matches_a_response_without_them() {
        let discarded = ResponseUpsert { status: ResponseStatus::Discarded, values: BTreeMap::new() };
        let response = UserResponse { id: "r".into(), values: None, status: ResponseStatus::Discarded, user_id: None, updated_at: None };
        assert!(holds(&response, &discarded));
        assert!(!holds(&response, &answer("positive", ResponseStatus::Discarded)));
    }
}

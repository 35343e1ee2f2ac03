//! The bulk view: page sizes, the selection, span rules applied to each
//! record's own text, and sending one answer to many records in chunks with
//! per-record results (`POST /me/responses/bulk`).

use crate::text::lowercase_each;
use super::form::Span;
use crate::api::types::{BulkOutcome, ResponseStatus, ValueItem};
use crate::api::ApiError;
use serde::Serialize;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

pub const PAGE_SIZES: [usize; 4] = [10, 25, 50, 100];
pub const DEFAULT_PAGE_SIZE: usize = 25;
/// The server takes at most this many items per bulk request.
pub const CHUNK: usize = 100;
/// Selecting every matching record asks first above this many.
pub const CONFIRM_ABOVE: u64 = 100;

pub fn page_size(param: Option<&str>) -> usize {
    param.and_then(|p| p.parse().ok()).filter(|n| PAGE_SIZES.contains(n)).unwrap_or(DEFAULT_PAGE_SIZE)
}

/// Which records the bulk form applies to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Selection {
    pub ids: BTreeSet<String>,
    /// Every record matching the filters, `total` of them (ids loaded when applied).
    pub all_matching: Option<u64>,
}

impl Selection {
    pub fn count(&self) -> u64 {
        self.all_matching.unwrap_or(self.ids.len() as u64)
    }

    pub fn is_empty(&self) -> bool {
        self.count() == 0
    }

    pub fn contains(&self, id: &str) -> bool {
        self.all_matching.is_some() || self.ids.contains(id)
    }

    pub fn toggle(&mut self, id: &str) {
        self.all_matching = None;
        if !self.ids.remove(id) {
            self.ids.insert(id.to_owned());
        }
    }

    /// Selects the page, or clears it when all of it is already selected.
    pub fn toggle_page(&mut self, page: &[String]) {
        self.all_matching = None;
        if page.iter().all(|id| self.ids.contains(id)) {
            for id in page {
                self.ids.remove(id);
            }
        } else {
            self.ids.extend(page.iter().cloned());
        }
    }

    pub fn page_state(&self, page: &[String]) -> (bool, bool) {
        let selected = page.iter().filter(|id| self.contains(id)).count();
        (selected > 0 && selected == page.len(), selected > 0 && selected < page.len())
    }
}

/// "Mark every `phrase` in the field as `label`": how a span question is
/// answered in bulk, since each record has its own text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpanRule {
    pub phrase: String,
    pub label: String,
}

/// Character ranges of case-insensitive, non-overlapping occurrences of `phrase`
/// that start and end on word boundaries.
pub fn phrase_ranges(text: &str, phrase: &str) -> Vec<(usize, usize)> {
    let needle = lowercase_each(phrase.trim());
    if needle.is_empty() {
        return vec![];
    }
    let chars: Vec<char> = text.chars().collect();
    let lower = lowercase_each(text);
    let word = |i: usize| chars.get(i).is_some_and(|c| c.is_alphanumeric() || super::span::continues_word(*c));
    let mut out = vec![];
    let mut i = 0;
    while i + needle.len() <= lower.len() {
        let end = i + needle.len();
        let starts_inside_a_word = i > 0 && word(i - 1) && word(i);
        let ends_inside_a_word = word(end - 1) && word(end);
        let bounded = !starts_inside_a_word && !ends_inside_a_word;
        if lower[i..end] == needle[..] && bounded {
            out.push((i, end));
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// The spans the rules give on one record's text: as if each match were added
/// in turn by hand (a later rule's match replaces the earlier ones it
/// overlaps), without a pass over the list per match — a common word in a
/// long text matches thousands of times.
pub fn spans_for(text: &str, rules: &[SpanRule], allow_overlapping: bool) -> Vec<Span> {
    if allow_overlapping {
        let mut spans: Vec<Span> = rules
            .iter()
            .flat_map(|rule| phrase_ranges(text, &rule.phrase).into_iter().map(move |(start, end)| Span { start, end, label: rule.label.clone() }))
            .collect();
        spans.sort();
        spans.dedup();
        return spans;
    }
    // One rule's matches never overlap each other, so each rule in turn is laid
    // over what the earlier ones left, in one pass.
    let mut kept: Vec<Span> = vec![];
    for rule in rules {
        let matches = phrase_ranges(text, &rule.phrase).into_iter().map(|(start, end)| Span { start, end, label: rule.label.clone() });
        kept = overlay(kept, matches);
    }
    kept
}

/// `new` added to `kept` (each in order and never overlapping, so both their
/// starts and their ends are sorted): an earlier span that a new one overlaps goes.
fn overlay(kept: Vec<Span>, new: impl Iterator<Item = Span>) -> Vec<Span> {
    let mut out = Vec::with_capacity(kept.len());
    let mut new = new.peekable();
    for old in kept {
        while let Some(span) = new.next_if(|s| s.end <= old.start) {
            out.push(span);
        }
        // The next new span ends after `old` starts: they overlap if it starts before `old` ends.
        if new.peek().is_none_or(|s| s.start >= old.end) {
            out.push(old);
        }
    }
    out.extend(new);
    out
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BulkItem {
    pub record_id: String,
    pub status: ResponseStatus,
    pub values: BTreeMap<String, ValueItem>,
}

/// One bulk action under way: items still to send, what was stored, what the
/// server refused (per record), and why the last attempt stopped, if it did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BulkRun {
    pub waiting: Vec<BulkItem>,
    pub stored: Vec<String>,
    pub refused: BTreeMap<String, String>,
    pub interrupted: Option<String>,
    pub total: usize,
    /// When the run began (ms): answers queued here before then are older than its own.
    pub started_at: f64,
    /// Records answered one by one since the run began: their newer answer stands.
    pub answered_since: BTreeSet<String>,
    /// Those the run left out for that: done, though not by the run.
    pub left_out: Vec<String>,
}

impl BulkRun {
    pub fn new(items: Vec<BulkItem>) -> BulkRun {
        BulkRun { total: items.len(), waiting: items, ..Default::default() }
    }

    /// A record answered in the focus view while the run waits or goes on: the run leaves it.
    pub fn answered_here(&mut self, record_id: &str) {
        self.answered_since.insert(record_id.to_owned());
    }

    /// Leaves out the records answered since (not while their chunk is on its way: call it
    /// just before `next_chunk`); they count as done, with their own answer and status.
    pub fn prune(&mut self) {
        let (left, waiting): (Vec<BulkItem>, Vec<BulkItem>) = std::mem::take(&mut self.waiting).into_iter().partition(|i| self.answered_since.contains(&i.record_id));
        self.left_out.extend(left.into_iter().map(|i| i.record_id));
        self.waiting = waiting;
    }

    /// The next request body, at most `CHUNK` items.
    pub fn next_chunk(&self) -> Option<serde_json::Value> {
        (!self.waiting.is_empty()).then(|| json!({"items": &self.waiting[..self.waiting.len().min(CHUNK)]}))
    }

    /// Takes the server's answer to the chunk `next_chunk` gave. A failed
    /// request keeps its items waiting, to be retried.
    pub fn merge(&mut self, answer: Result<Vec<BulkOutcome>, ApiError>) {
        let sent = self.waiting.len().min(CHUNK);
        match answer {
            Ok(outcomes) => {
                let chunk: Vec<BulkItem> = self.waiting.drain(..sent).collect();
                for (i, item) in chunk.into_iter().enumerate() {
                    match outcomes.get(i) {
                        Some(BulkOutcome { error: None, item: Some(_) }) => self.stored.push(item.record_id),
                        Some(BulkOutcome { error: Some(e), .. }) => {
                            self.refused.insert(item.record_id, e.message());
                        }
                        _ => {
                            self.refused.insert(item.record_id, crate::i18n::t(crate::i18n::k::find::no_outcome).to_owned());
                        }
                    }
                }
                self.interrupted = None;
            }
            Err(error) => self.interrupted = Some(error.user_message()),
        }
    }

    pub fn done(&self) -> usize {
        self.stored.len() + self.refused.len() + self.left_out.len()
    }

    pub fn finished(&self) -> bool {
        self.waiting.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_answered_one_by_one_meanwhile_are_left_out_of_the_rest_of_the_run() {
        let mut run = BulkRun::new(vec![item("a"), item("b"), item("c")]);
        run.answered_here("c");
        run.prune();
        assert_eq!(run.waiting.iter().map(|i| i.record_id.as_str()).collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!((run.left_out.clone(), run.stored.len(), run.done(), run.finished()), (vec!["c".to_owned()], 0, 1, false));
        run.merge(Ok(vec![]));
        assert!(run.finished());
    }

    fn item(id: &str) -> BulkItem {
        BulkItem { record_id: id.into(), status: ResponseStatus::Submitted, values: BTreeMap::new() }
    }

    fn outcomes(json: serde_json::Value) -> Vec<BulkOutcome> {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn page_sizes_come_from_a_fixed_list() {
        assert_eq!(page_size(Some("50")), 50);
        assert_eq!(page_size(Some("7")), DEFAULT_PAGE_SIZE);
        assert_eq!(page_size(None), DEFAULT_PAGE_SIZE);
    }

    #[test]
    fn selecting_one_by_one_by_page_and_everything() {
        let page: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        let mut s = Selection::default();
        s.toggle("a");
        assert_eq!(s.page_state(&page), (false, true));
        s.toggle_page(&page);
        assert_eq!((s.count(), s.page_state(&page)), (3, (true, false)));
        s.toggle_page(&page);
        assert!(s.is_empty());
        s.all_matching = Some(340);
        assert!(s.contains("zzz"));
        assert_eq!(s.count(), 340);
        s.toggle("a");
        assert_eq!((s.all_matching, s.count()), (None, 1), "picking one record leaves 'everything'");
    }

    #[test]
    fn span_rules_apply_to_each_records_own_text() {
        let rules = [SpanRule { phrase: "paris".into(), label: "LOC".into() }, SpanRule { phrase: "Ada Lovelace".into(), label: "PER".into() }];
        let a = spans_for("Ada Lovelace met Paris in Paris.", &rules, false);
        assert_eq!(
            a,
            vec![
                Span { start: 0, end: 12, label: "PER".into() },
                Span { start: 17, end: 22, label: "LOC".into() },
                Span { start: 26, end: 31, label: "LOC".into() },
            ]
        );
        assert!(spans_for("Parisian comparison", &rules, false).is_empty(), "whole words only");
        assert_eq!(phrase_ranges("é Paris", "PARIS"), vec![(2, 7)], "character offsets, not bytes");
    }

    #[test]
    fn span_rules_give_what_adding_each_match_by_hand_gives() {
        let by_hand = |text: &str, rules: &[SpanRule], overlapping: bool| {
            let mut spans = vec![];
            for rule in rules {
                for (start, end) in phrase_ranges(text, &rule.phrase) {
                    spans = crate::domain::form::add_span(&spans, Span { start, end, label: rule.label.clone() }, overlapping);
                }
            }
            spans
        };
        let text = "New York and York and New York City, York New York";
        let rule = |p: &str, l: &str| SpanRule { phrase: p.into(), label: l.into() };
        let rules = [rule("York", "A"), rule("New York", "B"), rule("York City", "C"), rule("york", "A"), rule("and York and", "D"), rule("and", "E")];
        for overlapping in [false, true] {
            for n in 0..=rules.len() {
                for first in 0..n {
                    let mut these = rules[..n].to_vec();
                    these.rotate_left(first);
                    assert_eq!(spans_for(text, &these, overlapping), by_hand(text, &these, overlapping), "{these:?} {overlapping}");
                }
            }
        }
        let long = "a b ".repeat(50_000);
        // Interleaved rules over many matches (a pass per match would take minutes here).
        let spans = spans_for(&long, &[rule("a", "X"), rule("b", "Y"), rule("a b", "Z")], false);
        assert_eq!((spans.len(), spans[0].label.as_str(), spans[49_999].start), (50_000, "Z", 199_996));
    }

    #[test]
    fn chunks_hold_at_most_the_server_limit() {
        let mut run = BulkRun::new((0..230).map(|i| item(&i.to_string())).collect());
        let mut sizes = vec![];
        while let Some(body) = run.next_chunk() {
            let n = body["items"].as_array().unwrap().len();
            sizes.push(n);
            let ok: Vec<serde_json::Value> = (0..n).map(|i| json!({"item": {"id": format!("r{i}"), "status": "submitted"}, "error": null})).collect();
            run.merge(Ok(outcomes(json!(ok))));
        }
        assert_eq!(sizes, vec![100, 100, 30]);
        assert_eq!((run.stored.len(), run.done(), run.finished()), (230, 230, true));
    }

    #[test]
    fn per_item_errors_are_kept_per_record() {
        let mut run = BulkRun::new(vec![item("a"), item("b"), item("c")]);
        run.merge(Ok(outcomes(json!([
            {"item": {"id": "x", "status": "submitted"}, "error": null},
            {"item": null, "error": {"detail": "missing response value for required question with name='quality'"}},
            {"item": {"id": "y", "status": "submitted"}, "error": null}
        ]))));
        assert_eq!(run.stored, vec!["a".to_owned(), "c".to_owned()]);
        assert_eq!(run.refused.get("b").map(String::as_str), Some("missing response value for required question with name='quality'"));
        assert!(run.finished());
    }

    #[test]
    fn a_network_failure_halfway_keeps_the_rest_for_a_retry() {
        let mut run = BulkRun::new((0..150).map(|i| item(&i.to_string())).collect());
        let ok: Vec<serde_json::Value> = (0..100).map(|_| json!({"item": {"id": "r", "status": "submitted"}, "error": null})).collect();
        run.merge(Ok(outcomes(json!(ok))));
        run.merge(Err(ApiError::Network("offline".into())));
        assert_eq!((run.stored.len(), run.waiting.len()), (100, 50));
        assert!(run.interrupted.is_some());
        assert_eq!(run.next_chunk().unwrap()["items"][0]["record_id"], "100", "the retry starts where it stopped");
    }
}

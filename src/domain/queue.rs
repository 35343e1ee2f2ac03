//! Status queues and the position in them: which records, in what order, and
//! what `?status=…&page=N` means.

use super::find::Find;
use crate::api::types::{Record, ResponseCounts, ResponseStatus, SearchItem};
use std::collections::{BTreeMap, BTreeSet};
use serde_json::{json, Value};

pub const PAGE_SIZE: usize = 10;
/// Fetch the next page when the user is this close to the end of what is loaded.
pub const PREFETCH_AHEAD: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Queue {
    #[default]
    Pending,
    Draft,
    Submitted,
    Discarded,
}

impl Queue {
    pub const ALL: [Queue; 4] = [Queue::Pending, Queue::Draft, Queue::Submitted, Queue::Discarded];

    pub fn parse(value: &str) -> Option<Queue> {
        Queue::ALL.into_iter().find(|q| q.as_str() == value)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Queue::Pending => "pending",
            Queue::Draft => "draft",
            Queue::Submitted => "submitted",
            Queue::Discarded => "discarded",
        }
    }

    pub fn label(self) -> &'static str {
        use crate::i18n::{k, t};
        t(match self {
            Queue::Pending => k::common::status_pending,
            Queue::Draft => k::common::status_draft,
            Queue::Submitted => k::common::status_submitted,
            Queue::Discarded => k::common::status_discarded,
        })
    }

    pub fn count(self, counts: &ResponseCounts) -> u64 {
        match self {
            Queue::Pending => counts.pending,
            Queue::Draft => counts.draft,
            Queue::Submitted => counts.submitted,
            Queue::Discarded => counts.discarded,
        }
    }

    /// Does a record answered with `status` still belong to this queue?
    pub fn keeps(self, status: ResponseStatus) -> bool {
        matches!(
            (self, status),
            (Queue::Draft, ResponseStatus::Draft)
                | (Queue::Submitted, ResponseStatus::Submitted)
                | (Queue::Discarded, ResponseStatus::Discarded)
        )
    }

    /// The search body for this queue, as the official frontend sends it. The
    /// Pending queue also hides records the team already completed.
    pub fn search_body(self) -> Value {
        let response = json!({"type": "terms", "scope": {"entity": "response", "property": "status"}, "values": [self.as_str()]});
        let mut filters = vec![response];
        if self == Queue::Pending {
            filters.push(json!({"type": "terms", "scope": {"entity": "record", "property": "status"}, "values": ["pending"]}));
        }
        json!({"query": {}, "filters": {"and": filters}})
    }
}

/// The records of one queue as loaded so far, kept in step with what the
/// user did locally (answered records leave the queue at once).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RecordList {
    pub queue: Queue,
    pub find: Find,
    /// The queue position (0-based) of `items[0]`: a link far into a large
    /// queue loads the page around it, and earlier pages only when asked.
    pub start: usize,
    pub items: Vec<Record>,
    /// How many records the queue has, as far as we know.
    pub total: u64,
    /// What the server said the last time, counting answers it does not have yet.
    server_total: u64,
    /// Every record loaded into this list: the server's order, from the start.
    seen: BTreeSet<String>,
    /// Records answered here that leave the queue (the answer may still be on its way).
    left: BTreeSet<String>,
    /// Of `left`, those the server has confirmed: it no longer lists them here.
    gone: BTreeSet<String>,
    pub loaded_once: bool,
    /// Records answered out of this list whose answer the server has not
    /// confirmed: a refused answer brings its record back.
    departed: BTreeMap<String, Record>,
    /// Similarity to the reference record, per record id (find similar only).
    pub scores: BTreeMap<String, f64>,
}

impl RecordList {
    pub fn new(queue: Queue) -> RecordList {
        RecordList { queue, ..Default::default() }
    }

    /// A list that will show queue position `position` (0-based), and that
    /// position's index in it once its page is loaded.
    pub fn at(queue: Queue, find: Find, position: usize) -> (RecordList, usize) {
        let start = if find.similar.is_some() { 0 } else { position - position % PAGE_SIZE };
        (RecordList { queue, find, start, ..Default::default() }, position - start)
    }

    /// The queue position (0-based) of the record at `index`.
    pub fn position(&self, index: usize) -> usize {
        self.start + index
    }

    /// The index of queue position `position`, if it is loaded.
    pub fn index_of(&self, position: usize) -> Option<usize> {
        position.checked_sub(self.start).filter(|i| *i < self.items.len())
    }

    /// Where to open instead when a page far into the queue came back empty
    /// (the link pointed past the end, or every record of it was answered):
    /// the queue's last position, or `None` when nothing lies before.
    pub fn past_the_end(&self) -> Option<usize> {
        (self.loaded_once && self.items.is_empty() && self.start > 0).then(|| (self.total as usize).min(self.start).saturating_sub(1))
    }

    /// The records-search body for this list: its queue and its text search.
    pub fn search_body(&self) -> Value {
        let mut body = self.queue.search_body();
        self.find.apply(&mut body);
        body
    }

    /// The offset for the next page request: what the server still lists of
    /// what was loaded (answers it has not confirmed yet are still listed).
    pub fn next_offset(&self) -> usize {
        (self.start + self.seen.len()).saturating_sub(self.gone.len())
    }

    /// Offset and limit of the page before the loaded ones, if there is one.
    pub fn previous_request(&self) -> Option<(usize, usize)> {
        let n = self.start.min(PAGE_SIZE);
        (n > 0).then(|| (self.start - n, n))
    }

    /// Adds the page before the loaded ones (asked for with
    /// [`previous_request`](Self::previous_request)), and the ids of its records
    /// that could not be read (they hold their places in the queue). Returns how
    /// many records were put in front, by which every loaded index moves up.
    /// Adds the page before the first loaded record; returns how many records were added
    /// and the unreadable ones met for the first time (to be named once).
    pub fn prepend_found(&mut self, found: Vec<SearchItem>, unreadable: &[String], total: u64) -> (usize, Vec<String>) {
        let n = self.start.min(PAGE_SIZE);
        let unreadable = self.skip_unreadable(self.start - n, unreadable);
        let skipped = unreadable.len();
        let before: Vec<Record> = found
            .into_iter()
            .map(|item| item.record)
            .filter(|r| !self.seen.contains(&r.id) && !self.left.contains(&r.id))
            .collect();
        for r in &before {
            self.seen.insert(r.id.clone());
        }
        let added = before.len();
        self.items.splice(0..0, before);
        // Records already loaded (the queue moved since) are not added twice:
        // the loaded ones keep their positions.
        self.start -= if added + skipped == 0 { n } else { (added + skipped).min(self.start) };
        self.server_total = total;
        self.total = self.total.max(total);
        (added, unreadable)
    }

    pub fn has_more(&self) -> bool {
        (self.next_offset() as u64) < self.server_total
    }

    pub fn wants_more(&self, index: usize) -> bool {
        self.has_more() && index + PREFETCH_AHEAD >= self.items.len()
    }

    /// Offset and limit of the next page request; `show` asks for every page up
    /// to that index at once (deep links). A similarity search is one request.
    pub fn next_request(&self, show: Option<usize>) -> (usize, usize) {
        if let Some(similar) = &self.find.similar {
            return (0, similar.count);
        }
        let limit = show.map(|i| (i + 1).max(PAGE_SIZE).div_ceil(PAGE_SIZE) * PAGE_SIZE).unwrap_or(PAGE_SIZE).min(1000);
        // Answers on their way may land before the server runs this search, and the records
        // after them move up: the request reaches back over them (the loaded ones are not
        // shown twice), so none is skipped.
        let unconfirmed = self.left.iter().filter(|id| self.seen.contains(*id) && !self.gone.contains(*id)).count();
        let offset = self.next_offset();
        let back = unconfirmed.min(offset);
        (offset - back, (limit + back).min(1000))
    }

    /// Adds a page of search results, keeping their similarity scores. Only a
    /// find-similar search scores similarity: any other `query_score` (text
    /// relevance, or a constant on a plain queue) is not one.
    pub fn append_found(&mut self, found: Vec<SearchItem>, total: u64) {
        let mut records = Vec::with_capacity(found.len());
        let similar = self.find.similar.is_some();
        for item in found {
            if let (true, Some(score)) = (similar, item.query_score) {
                self.scores.insert(item.record.id.clone(), score);
            }
            records.push(item.record);
        }
        self.append(records, total);
        if self.find.similar.is_some() {
            self.total = self.items.len() as u64;
        }
    }

    /// Records of a page fetched from `offset` that could not be read: not shown, but
    /// counted as loaded, so the next page starts after them (one record never blocks a
    /// queue). The ones not met before, to be named.
    pub fn skip_unreadable(&mut self, offset: usize, ids: &[String]) -> Vec<String> {
        let mut new = vec![];
        for (i, id) in ids.iter().enumerate() {
            let key = if id.is_empty() { format!("unreadable at {}", offset + i) } else { id.clone() };
            if self.seen.insert(key) {
                new.push(id.clone());
            }
        }
        new
    }

    /// Adds a fetched page. Records already loaded, and records answered here
    /// whose answer the server does not have yet, are not shown again.
    pub fn append(&mut self, records: Vec<Record>, total: u64) {
        for r in records {
            if !self.seen.insert(r.id.clone()) {
                continue;
            }
            if self.left.contains(&r.id) {
                // Answered before this list loaded: kept aside in case the server refuses the answer.
                self.departed.insert(r.id.clone(), r);
            } else {
                self.items.push(r);
            }
        }
        self.server_total = total;
        let unconfirmed = self.left.len() - self.left.intersection(&self.gone).count();
        let still_listed = self.items.iter().filter(|r| !self.left.contains(&r.id)).count() as u64;
        self.total = total.saturating_sub(unconfirmed as u64).max(still_listed);
        self.loaded_once = true;
    }

    /// An answer given before this list was loaded (in this browser, kept
    /// until the server confirms it): if it takes its record out of this
    /// queue, the record is not shown here even while the server lists it.
    pub fn answered_before(&mut self, record_id: &str, status: ResponseStatus) {
        if !self.queue.keeps(status) {
            self.left.insert(record_id.to_owned());
        }
    }

    /// Answers stored for these records elsewhere on the page (a bulk run): they leave
    /// this queue as if answered here and confirmed, but for the record shown at
    /// `current`, which stays under the person's hands. Its index afterwards.
    pub fn answered_elsewhere(&mut self, ids: &[String], status: ResponseStatus, current: usize) -> usize {
        let shown = self.items.get(current).map(|r| r.id.clone());
        let leaving = if self.queue.keeps(status) { &[][..] } else { ids };
        for id in leaving {
            match self.items.iter().position(|r| r.id == *id) {
                Some(i) => {
                    if self.left.insert(id.clone()) {
                        self.total = self.total.saturating_sub(1);
                    }
                    // The record on screen stays there, as a draft saved here does; any other
                    // (a draft too) leaves the list.
                    if Some(id) != shown.as_ref() {
                        self.depart(i);
                    }
                }
                None => self.answered_before(id, status),
            }
            self.confirmed(id);
        }
        shown.and_then(|id| self.items.iter().position(|r| r.id == id)).unwrap_or(current.min(self.items.len().saturating_sub(1)))
    }

    /// The server has this answer of the user's on the record: shown again, the record
    /// shows it (not the response it was loaded with).
    pub fn store_answer(&mut self, record_id: &str, response: crate::api::types::UserResponse) {
        for record in self.items.iter_mut().chain(self.departed.values_mut()).filter(|r| r.id == record_id) {
            record.responses = vec![response.clone()];
        }
    }

    /// The server has the answer that took `record_id` out of this queue.
    pub fn confirmed(&mut self, record_id: &str) {
        self.departed.remove(record_id);
        if !self.left.contains(record_id) {
            return;
        }
        if self.seen.contains(record_id) {
            self.gone.insert(record_id.to_owned());
        } else {
            // Answered before and never listed here: the server will not list it now.
            self.left.remove(record_id);
        }
    }

    /// The server refused the answer that took `record_id` out of this list:
    /// the record comes back at `at` (the place to show it). Returns that
    /// index, or `None` when the record is still listed or unknown.
    pub fn refused(&mut self, record_id: &str, at: usize) -> Option<usize> {
        let Some(record) = self.departed.remove(record_id) else {
            // Answered before this list loaded and not listed yet: the next pages list it.
            if !self.seen.contains(record_id) {
                self.left.remove(record_id);
            }
            return None;
        };
        self.left.remove(record_id);
        self.gone.remove(record_id);
        let at = at.min(self.items.len());
        self.items.insert(at, record);
        self.total += 1;
        Some(at)
    }

    /// The user answered the record at `index` with `status`. Returns the index to show next.
    pub fn answered(&mut self, index: usize, status: ResponseStatus) -> usize {
        if index >= self.items.len() || self.queue.keeps(status) {
            return index;
        }
        if !self.left.insert(self.items[index].id.clone()) {
            // Answered here before (a draft, then a submit): it already left.
            if status != ResponseStatus::Draft {
                self.depart(index);
            }
            return index.min(self.items.len().saturating_sub(1));
        }
        if status == ResponseStatus::Draft {
            // A draft stays on screen (the user may go on editing) but has left the queue.
            self.total = self.total.saturating_sub(1);
            return index;
        }
        self.depart(index);
        self.total = self.total.saturating_sub(1);
        index.min(self.items.len().saturating_sub(1))
    }

    fn depart(&mut self, index: usize) {
        let record = self.items.remove(index);
        self.departed.insert(record.id.clone(), record);
    }

    /// The position shown to people, "record N of M": (N, M), N 1-based.
    pub fn position_of(&self, index: usize) -> (usize, u64) {
        let of = self.total.max((self.start + self.items.len()) as u64);
        (self.start + (index + 1).min(self.items.len()), of)
    }
}

/// Orders the answers of requests that replace each other (a new search, a
/// new page): only the newest request's answer may be shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Latest(u64);

impl Latest {
    /// A ticket for a new request; every older ticket becomes stale.
    pub fn issue(&mut self) -> u64 {
        self.0 += 1;
        self.0
    }

    /// The ticket of the newest request: another request that belongs with it
    /// (an earlier page of the same search) is dropped too when a newer one starts.
    pub fn current(&self) -> u64 {
        self.0
    }

    pub fn is_current(&self, ticket: u64) -> bool {
        self.0 == ticket
    }
}

/// `page` in the URL is the 1-based position in the queue.
pub fn index_from_page(page: Option<&str>) -> usize {
    page.and_then(|p| p.parse::<usize>().ok()).filter(|p| *p >= 1).map(|p| p - 1).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_confirmed_answer_is_what_the_record_shows_when_shown_again() {
        let mut list = RecordList::new(Queue::Submitted);
        list.append(vec![rec("a"), rec("b")], 2);
        let values = std::collections::BTreeMap::from([("q".to_owned(), crate::api::types::ValueItem { value: serde_json::json!("new") })]);
        let answer = crate::api::types::UserResponse { id: "r".into(), values: Some(values), status: crate::api::types::ResponseStatus::Submitted, user_id: None, updated_at: None };
        list.store_answer("a", answer.clone());
        assert_eq!(list.items[0].responses, vec![answer]);
        assert!(list.items[1].responses.is_empty());
    }

    #[test]
    fn unreadable_records_are_skipped_and_the_next_page_starts_after_them() {
        let mut list = RecordList::new(Queue::Pending);
        let named = list.skip_unreadable(0, &["x".into(), String::new(), String::new()]);
        assert_eq!(named.len(), 3);
        assert!(list.skip_unreadable(0, &["x".into()]).is_empty(), "met again (a request reaching back): not named twice");
        list.append(vec![rec("a"), rec("b")], 20);
        assert_eq!(list.items.len(), 2);
        assert_eq!(list.next_offset(), 5, "five records of the server's page, two of them shown");
    }

    #[test]
    fn unreadable_records_on_the_page_before_keep_their_places() {
        let (mut list, _) = RecordList::at(Queue::Pending, Find::default(), 12);
        list.append_found(found(10..20), 100);
        // Records 0 to 9, of which 3 and 7 could not be read (7 without an id).
        let readable = found(0..10).into_iter().filter(|i| i.record.id != "3" && i.record.id != "7").collect();
        let (added, unreadable) = list.prepend_found(readable, &["3".into(), String::new()], 100);
        assert_eq!(added, 8);
        assert_eq!(unreadable, ["3", ""], "both named");
        assert_eq!(list.start, 0, "the first record of the queue is loaded");
        assert_eq!(list.previous_request(), None, "nothing is asked for again");
    }

    #[test]
    fn records_answered_by_a_bulk_run_leave_the_list_but_the_one_shown_stays() {
        let (mut list, _) = RecordList::at(Queue::Pending, Find::default(), 0);
        list.append_found(found(0..10), 30);
        let ids: Vec<String> = ["1", "3", "4", "25"].map(String::from).to_vec();
        let index = list.answered_elsewhere(&ids, ResponseStatus::Submitted, 3);
        assert_eq!(list.items[index].id, "3", "the record shown stays");
        assert_eq!(list.items.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["0", "2", "3", "5", "6", "7", "8", "9"]);
        assert_eq!(list.total, 27, "three loaded records left the queue (one still on screen); 25 was never listed here");
        assert_eq!(list.next_request(None), (7, PAGE_SIZE), "the server lists three fewer of what was loaded");
        let drafts = list.answered_elsewhere(&["5".into()], ResponseStatus::Draft, index);
        assert!(list.items.iter().all(|r| r.id != "5") && list.items[drafts].id == "3", "a draft leaves the Pending queue too");
    }

    #[test]
    fn the_next_page_reaches_back_over_answers_the_server_may_already_have() {
        let (mut list, _) = RecordList::at(Queue::Pending, Find::default(), 0);
        list.append_found(found(0..10), 30);
        list.answered(0, ResponseStatus::Submitted);
        list.answered(0, ResponseStatus::Submitted);
        assert_eq!(list.next_request(None), (8, PAGE_SIZE + 2), "two answers not confirmed yet");
        // The server had one of them already: its list starts one earlier than we counted.
        list.append_found(found(9..19), 29);
        assert_eq!(list.items.iter().filter(|r| r.id == "9").count(), 1, "a record loaded before is not shown twice");
        assert!(list.items.iter().any(|r| r.id == "18"), "the one that moved up is there");
        list.confirmed("0");
        list.confirmed("1");
        assert_eq!(list.next_request(None), (list.next_offset(), PAGE_SIZE), "nothing on its way: no reach back");
    }

    fn rec(id: &str) -> Record {
        serde_json::from_value(json!({"id": id})).unwrap()
    }

    #[test]
    fn a_record_answered_before_the_list_loaded_is_not_shown_again() {
        let mut list = RecordList::new(Queue::Pending);
        list.answered_before("b", ResponseStatus::Submitted);
        list.answered_before("c", ResponseStatus::Draft);
        list.answered_before("z", ResponseStatus::Discarded);
        // The server has not got the answers to b and c yet, and already has z's.
        list.append(vec![rec("a"), rec("b"), rec("c"), rec("d")], 4);
        assert_eq!(list.items.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["a", "d"]);
        assert_eq!(list.total, 2, "b and c are on their way out, z was never listed");
        list.confirmed("b");
        list.confirmed("c");
        list.confirmed("z");
        assert_eq!(list.next_offset(), 2, "the server no longer lists b and c");
        list.append(vec![], 2);
        assert_eq!(list.total, 2);
        // Refused after all: it comes back where asked.
        let mut refused = RecordList::new(Queue::Pending);
        refused.answered_before("b", ResponseStatus::Submitted);
        refused.answered_before("z", ResponseStatus::Submitted);
        refused.append(vec![rec("a"), rec("b")], 2);
        assert_eq!(refused.refused("b", 0), Some(0));
        assert_eq!(refused.items.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["b", "a"]);
        assert_eq!(refused.refused("z", 0), None);
        refused.append(vec![rec("z")], 3);
        assert_eq!(refused.items.len(), 3, "z is listed from the next page on");
        // In the Submitted queue a submitted answer keeps its record.
        let mut submitted = RecordList::new(Queue::Submitted);
        submitted.answered_before("b", ResponseStatus::Submitted);
        submitted.append(vec![rec("b")], 1);
        assert_eq!(submitted.items.len(), 1);
    }

    #[test]
    fn a_refused_answer_brings_its_record_back_where_asked() {
        let mut list = RecordList::new(Queue::Pending);
        list.append(vec![rec("a"), rec("b"), rec("c")], 3);
        let next = list.answered(0, ResponseStatus::Submitted);
        assert_eq!((next, list.items[next].id.as_str(), list.total), (0, "b", 2));
        assert_eq!(list.refused("a", next), Some(0));
        assert_eq!(list.items.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["a", "b", "c"]);
        assert_eq!(list.total, 3);
        assert_eq!(list.refused("a", 0), None, "already back");
        // A confirmed answer's record is gone for good.
        list.answered(0, ResponseStatus::Submitted);
        list.confirmed("a");
        assert_eq!(list.refused("a", 0), None);
    }

    #[test]
    fn pending_queue_also_filters_record_status() {
        let body = Queue::Pending.search_body();
        assert_eq!(body["filters"]["and"].as_array().unwrap().len(), 2);
        assert_eq!(body["filters"]["and"][1]["scope"]["entity"], "record");
        let body = Queue::Draft.search_body();
        assert_eq!(body["filters"]["and"].as_array().unwrap().len(), 1);
        assert_eq!(body["filters"]["and"][0]["values"], json!(["draft"]));
    }

    #[test]
    fn queues_parse_and_print() {
        for q in Queue::ALL {
            assert_eq!(Queue::parse(q.as_str()), Some(q));
        }
        assert_eq!(Queue::parse("nope"), None);
    }

    #[test]
    fn submitting_removes_the_record_and_shows_the_next() {
        let mut list = RecordList::new(Queue::Pending);
        list.append(vec![rec("a"), rec("b"), rec("c")], 30);
        assert_eq!(list.answered(1, ResponseStatus::Submitted), 1);
        assert_eq!(list.items.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["a", "c"]);
        assert_eq!(list.total, 29);
        assert_eq!(list.next_offset(), 3, "until the server has the answer");
        list.confirmed("b");
        assert_eq!(list.next_offset(), 2);
        assert_eq!(list.answered(1, ResponseStatus::Discarded), 0, "after the last, show the one before");
    }

    #[test]
    fn a_draft_stays_on_screen_and_shifts_the_offset_once_the_server_has_it() {
        let mut list = RecordList::new(Queue::Pending);
        list.append(vec![rec("a"), rec("b")], 5);
        assert_eq!(list.answered(0, ResponseStatus::Draft), 0);
        assert_eq!(list.items.len(), 2);
        assert_eq!(list.total, 4);
        assert_eq!(list.next_offset(), 2, "the server still lists it until it has the draft");
        list.confirmed("a");
        assert_eq!(list.next_offset(), 1);
        assert!(list.has_more());
        assert_eq!(list.answered(0, ResponseStatus::Submitted), 0, "submitting the draft later");
        assert_eq!(list.items.len(), 1);
        assert_eq!(list.total, 4, "it left the queue only once");
    }

    #[test]
    fn records_answered_here_never_come_back_while_their_answers_travel() {
        let mut list = RecordList::new(Queue::Pending);
        list.append((0..10).map(|i| rec(&i.to_string())).collect(), 30);
        // Five answered; the server has two of them so far.
        for _ in 0..5 {
            list.answered(0, ResponseStatus::Submitted);
        }
        list.confirmed("0");
        list.confirmed("1");
        assert_eq!(list.next_offset(), 8, "the server still lists the three it does not have");
        // The next page, as the server lists it now: its 28 records from offset 8.
        list.append((10..20).map(|i| rec(&i.to_string())).collect(), 28);
        assert_eq!(list.items.len(), 15);
        assert_eq!(list.total, 25, "30 minus the five answered");
        // A page that overlaps (the server had not caught up): no record comes back.
        list.append(["2", "3", "19", "20"].map(rec).to_vec(), 26);
        assert_eq!(list.items.iter().filter(|r| ["2", "3"].contains(&r.id.as_str())).count(), 0);
        assert_eq!(list.items.len(), 16);
        list.confirmed("unknown");
        assert_eq!(list.next_offset(), 21 - 2);
    }

    #[test]
    fn saving_within_the_same_queue_keeps_it() {
        let mut list = RecordList::new(Queue::Draft);
        list.append(vec![rec("a"), rec("b")], 2);
        assert_eq!(list.answered(0, ResponseStatus::Draft), 0);
        assert_eq!(list.items.len(), 2);
        assert_eq!(list.answered(0, ResponseStatus::Submitted), 0);
        assert_eq!(list.items.len(), 1);
    }

    #[test]
    fn pages_are_not_duplicated_and_prefetch_starts_near_the_end() {
        let mut list = RecordList::new(Queue::Pending);
        list.append((0..10).map(|i| rec(&i.to_string())).collect(), 25);
        assert!(!list.wants_more(0));
        assert!(list.wants_more(6));
        list.append(vec![rec("9"), rec("10")], 25);
        assert_eq!(list.items.len(), 11);
        let mut done = RecordList::new(Queue::Pending);
        done.append(vec![rec("x")], 1);
        assert!(!done.wants_more(0));
    }

    #[test]
    fn a_similarity_search_is_one_request_of_the_chosen_size() {
        use crate::domain::find::{Find, Similar};
        let find = Find {
            similar: Some(Similar { record_id: "ref".into(), vector: "v".into(), least: false, count: 25 }),
            ..Default::default()
        };
        let (mut list, _) = RecordList::at(Queue::Pending, find, 0);
        assert_eq!(list.next_request(Some(3)), (0, 25));
        let found = serde_json::from_value(json!([{"record": {"id": "a"}, "query_score": 0.9}, {"record": {"id": "b"}, "query_score": 0.5}])).unwrap();
        list.append_found(found, 2);
        assert_eq!(list.scores.get("a"), Some(&0.9));
        assert!(!list.has_more());
        let mut plain = RecordList::new(Queue::Pending);
        assert_eq!(plain.next_request(None), (0, PAGE_SIZE));
        assert_eq!(plain.next_request(Some(36)), (0, 40), "a deep link loads the pages up to it");
        let scored = serde_json::from_value(json!([{"record": {"id": "a"}, "query_score": 1.0}])).unwrap();
        plain.append_found(scored, 1);
        assert!(plain.scores.is_empty(), "a plain queue's query_score is no similarity");
    }

    #[test]
    fn only_the_newest_requests_answer_counts_whatever_order_answers_arrive_in() {
        let mut latest = Latest::default();
        let first = latest.issue();
        let second = latest.issue();
        // The second answer arrives first, then the first one: only the second is shown.
        assert!(latest.is_current(second));
        assert!(!latest.is_current(first));
        let third = latest.issue();
        assert!(!latest.is_current(second) && latest.is_current(third));
    }

    fn found(ids: std::ops::Range<usize>) -> Vec<SearchItem> {
        serde_json::from_value(json!(ids.map(|i| json!({"record": {"id": i.to_string()}})).collect::<Vec<_>>())).unwrap()
    }

    #[test]
    fn a_link_far_into_a_large_queue_loads_one_page_there_and_earlier_pages_on_the_way_back() {
        let (mut list, index) = RecordList::at(Queue::Pending, Find::default(), 14_999);
        assert_eq!((list.start, index), (14_990, 9));
        assert_eq!(list.next_request(Some(index)), (14_990, PAGE_SIZE), "one page, not fifteen thousand records");
        list.append_found(found(14_990..15_000), 20_000);
        assert_eq!(list.position_of(index), (15000, 20000));
        assert_eq!(list.position(index), 14_999);
        assert_eq!(list.index_of(14_995), Some(5));
        assert_eq!(list.index_of(14_000), None);
        assert_eq!(list.next_offset(), 15_000);

        assert_eq!(list.previous_request(), Some((14_980, PAGE_SIZE)));
        let (added, _) = list.prepend_found(found(14_980..14_990), &[], 20_000);
        assert_eq!(added, 10);
        assert_eq!(list.start, 14_980);
        assert_eq!(list.items[0].id, "14980");
        assert_eq!(list.position_of(index + added), (15000, 20000), "the same record keeps its position");
        assert_eq!(list.next_offset(), 15_000, "the next page still follows the last loaded one");

        let (mut near, index) = RecordList::at(Queue::Pending, Find::default(), 3);
        assert_eq!((near.start, index), (0, 3));
        near.append_found(found(0..10), 12);
        assert_eq!(near.previous_request(), None);
    }

    #[test]
    fn a_page_before_that_overlaps_what_is_loaded_keeps_every_position() {
        let (mut list, _) = RecordList::at(Queue::Pending, Find::default(), 25);
        list.append_found(found(20..30), 100);
        // Three records were completed meanwhile: the page before now ends with three already loaded.
        let (added, _) = list.prepend_found(found(13..23), &[], 97);
        assert_eq!(added, 7);
        assert_eq!((list.start, list.items[0].id.as_str()), (13, "13"));
        assert_eq!(list.position_of(added), (21, 100), "record 20 is still at position 21");
    }

    #[test]
    fn a_far_page_that_comes_back_empty_opens_the_last_position_instead() {
        let (mut past, _) = RecordList::at(Queue::Pending, Find::default(), 499);
        assert_eq!(past.past_the_end(), None, "not before the answer");
        past.append_found(vec![], 100);
        assert_eq!(past.past_the_end(), Some(99));
        let (mut done, index) = RecordList::at(Queue::Pending, Find::default(), 55);
        done.append_found(found(50..60), 60);
        for _ in 0..10 {
            done.answered(index.min(done.items.len().saturating_sub(1)), ResponseStatus::Submitted);
        }
        for id in 50..60 {
            done.confirmed(&id.to_string());
        }
        done.append_found(vec![], 50);
        assert_eq!(done.past_the_end(), Some(49), "the records before the window are still there");
        let (mut empty, _) = RecordList::at(Queue::Pending, Find::default(), 30);
        empty.append_found(vec![], 0);
        assert_eq!(empty.past_the_end(), Some(0));
        let mut start = RecordList::new(Queue::Pending);
        start.append_found(vec![], 0);
        assert_eq!(start.past_the_end(), None, "all done really is all done");
    }

    #[test]
    fn answering_far_into_the_queue_keeps_the_offsets_right() {
        let (mut list, index) = RecordList::at(Queue::Pending, Find::default(), 25);
        list.append_found(found(20..30), 100);
        let next = list.answered(index, ResponseStatus::Submitted);
        assert_eq!(list.items[next].id, "26");
        assert_eq!(list.position_of(next), (26, 99), "the next record takes the answered one's place");
        assert_eq!(list.next_offset(), 30, "until the server has the answer");
        list.confirmed("25");
        assert_eq!(list.next_offset(), 29);
    }

    #[test]
    fn page_parameter_is_one_based_and_forgiving() {
        assert_eq!(index_from_page(None), 0);
        assert_eq!(index_from_page(Some("1")), 0);
        assert_eq!(index_from_page(Some("7")), 6);
        assert_eq!(index_from_page(Some("0")), 0);
        assert_eq!(index_from_page(Some("x")), 0);
    }
}

//! Where queued answers wait across reloads: one storage key per record, so
//! two tabs on the same dataset never overwrite each other's answers.
//!
//! Storage holds the newest answer any tab queued for a record. A tab writes
//! its own new answers over whatever is there; an answer it only carries (one
//! it loaded, or an older one of its own) yields when storage shows that
//! another tab has since written a newer answer for that record, or has sent
//! it and removed it. A tab removes a record's key only while the key still
//! holds the answer the server just confirmed.

use super::save::{PendingSave, SaveQueue};
use crate::api::types::ResponseUpsert;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The storage the queue is kept in (localStorage in the browser).
pub trait KeyValue {
    fn get(&self, key: &str) -> Option<String>;
    fn set(&mut self, key: &str, value: &str);
    fn remove(&mut self, key: &str);
    fn keys_starting_with(&self, prefix: &str) -> Vec<String>;
}

/// One stored answer; `at` (ms since the epoch) keeps the queue's order across loads.
#[derive(Serialize, Deserialize)]
struct Stored {
    at: f64,
    save: PendingSave,
}

fn parse(text: &str) -> Option<Stored> {
    serde_json::from_str(text).ok()
}

/// What this tab last wrote (or loaded) for a record.
#[derive(Debug, Clone)]
struct Written {
    at: f64,
    body: ResponseUpsert,
    text: String,
}

#[derive(Debug, Clone)]
pub struct SaveStore {
    prefix: String,
    /// Before one key per record: the whole queue under one key.
    legacy_key: String,
    written: BTreeMap<String, Written>,
}

impl SaveStore {
    pub fn new(user: &str, dataset: &str) -> SaveStore {
        SaveStore {
            prefix: format!("argilla-lite.save.{user}.{dataset}."),
            legacy_key: format!("argilla-lite.saves.{user}.{dataset}"),
            written: BTreeMap::new(),
        }
    }

    /// Names the store's keys: an annotator of the same user and dataset takes them over.
    pub fn name(&self) -> &str {
        &self.prefix
    }

    fn key(&self, record_id: &str) -> String {
        format!("{}{record_id}", self.prefix)
    }

    /// Every answer waiting in storage for this user and dataset, oldest first.
    pub fn load(&mut self, kv: &mut impl KeyValue, now: f64) -> SaveQueue {
        self.migrate(kv, now);
        let mut stored: Vec<(Stored, String)> = kv
            .keys_starting_with(&self.prefix)
            .into_iter()
            .filter_map(|key| kv.get(&key))
            .filter_map(|text| parse(&text).map(|s| (s, text)))
            .collect();
        stored.sort_by(|(a, _), (b, _)| a.at.total_cmp(&b.at).then_with(|| a.save.record_id.cmp(&b.save.record_id)));
        let mut queue = SaveQueue::default();
        self.written.clear();
        for (s, text) in stored {
            self.written.insert(s.save.record_id.clone(), Written { at: s.at, body: s.save.body.clone(), text });
            queue.items.push(s.save);
        }
        queue
    }

    fn migrate(&self, kv: &mut impl KeyValue, now: f64) {
        let Some(text) = kv.get(&self.legacy_key) else { return };
        if let Ok(old) = serde_json::from_str::<SaveQueue>(&text) {
            for (i, save) in old.items.into_iter().enumerate() {
                let key = self.key(&save.record_id);
                if kv.get(&key).is_none() {
                    if let Ok(text) = serde_json::to_string(&Stored { at: now + i as f64, save }) {
                        kv.set(&key, &text);
                    }
                }
            }
        }
        kv.remove(&self.legacy_key);
    }

    /// When the answer this tab loaded or last wrote for a record was given.
    pub fn stored_at(&self, record_id: &str) -> Option<f64> {
        self.written.get(record_id).map(|w| w.at)
    }

    /// The person answered this record in this tab: that answer is the newest,
    /// whatever storage holds (even one equal to what this tab loaded).
    pub fn answered_here(&mut self, record_id: &str) {
        self.written.remove(record_id);
    }

    /// Brings storage and `queue` in line: writes this tab's new answers, drops
    /// from `queue` what another tab has overtaken, and removes what the server
    /// has. Run after every change to the queue and before every send.
    pub fn sync(&mut self, kv: &mut impl KeyValue, queue: &mut SaveQueue, now: f64) {
        let mut overtaken = vec![];
        for save in &queue.items {
            let key = self.key(&save.record_id);
            let known = self.written.get(&save.record_id);
            let ours_is_new = known.is_none_or(|w| w.body != save.body);
            if let (false, Some(w)) = (ours_is_new, known) {
                // Written over since (text differs) with another answer: overtaken.
                let stored = kv.get(&key);
                if stored.as_deref() != Some(w.text.as_str()) && stored.as_deref().and_then(parse).map(|s| s.save.body).as_ref() != Some(&save.body) {
                    overtaken.push(save.record_id.clone());
                    continue;
                }
            }
            let at = known.filter(|_| !ours_is_new).map_or(now, |w| w.at);
            let Ok(text) = serde_json::to_string(&Stored { at, save: save.clone() }) else { continue };
            if known.is_none_or(|w| w.text != text) {
                kv.set(&key, &text);
                self.written.insert(save.record_id.clone(), Written { at, body: save.body.clone(), text });
            }
        }
        for record_id in &overtaken {
            self.written.remove(record_id);
        }
        queue.items.retain(|s| !overtaken.contains(&s.record_id));
        let gone: Vec<String> = self.written.keys().filter(|id| !queue.is_waiting(id)).cloned().collect();
        for record_id in gone {
            let Some(w) = self.written.remove(&record_id) else { continue };
            // Only our own write: another tab's (even of the same answer) stays.
            if kv.get(&self.key(&record_id)).as_deref() == Some(w.text.as_str()) {
                kv.remove(&self.key(&record_id));
            }
        }
    }

    /// Answers that only lived in the page (a bulk run's unsent ones, given at `at`) kept for
    /// the next visit as the page goes: a record with a newer answer stored keeps that one.
    /// This tab does not take them as its own, so nothing here removes them before then.
    pub fn keep_unsent(&self, kv: &mut impl KeyValue, saves: &[PendingSave], at: f64) {
        for save in saves {
            let key = self.key(&save.record_id);
            if kv.get(&key).as_deref().and_then(parse).is_some_and(|stored| stored.at >= at) {
                continue;
            }
            if let Ok(text) = serde_json::to_string(&Stored { at, save: save.clone() }) {
                kv.set(&key, &text);
            }
        }
    }

    /// The server has answers to these records from a moment `at` (the bulk
    /// view's): answers stored for them before then, by any tab, are older and
    /// go. Returns the records retired; one answered again since stays.
    pub fn answered_on_server(&mut self, kv: &mut impl KeyValue, record_ids: &[String], at: f64) -> Vec<String> {
        let mut retired = vec![];
        for record_id in record_ids {
            let key = self.key(record_id);
            match kv.get(&key).as_deref().and_then(parse) {
                Some(stored) if stored.at >= at => continue,
                Some(_) => kv.remove(&key),
                None => {}
            }
            self.written.remove(record_id);
            retired.push(record_id.clone());
        }
        retired
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::types::{ResponseStatus, ValueItem};
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::rc::Rc;

    /// One localStorage, shared by the tabs of a test.
    #[derive(Clone, Default)]
    struct Shared(Rc<RefCell<HashMap<String, String>>>);

    impl KeyValue for Shared {
        fn get(&self, key: &str) -> Option<String> {
            self.0.borrow().get(key).cloned()
        }
        fn set(&mut self, key: &str, value: &str) {
            self.0.borrow_mut().insert(key.into(), value.into());
        }
        fn remove(&mut self, key: &str) {
            self.0.borrow_mut().remove(key);
        }
        fn keys_starting_with(&self, prefix: &str) -> Vec<String> {
            self.0.borrow().keys().filter(|k| k.starts_with(prefix)).cloned().collect()
        }
    }

    struct Tab {
        store: SaveStore,
        queue: SaveQueue,
        kv: Shared,
    }

    impl Tab {
        fn open(kv: &Shared, now: f64) -> Tab {
            let mut kv = kv.clone();
            let mut store = SaveStore::new("ann", "d1");
            let queue = store.load(&mut kv, now);
            Tab { store, queue, kv }
        }
        fn answer(&mut self, record: &str, label: &str, now: f64) {
            self.queue.push(save(record, label));
            self.store.answered_here(record);
            self.sync(now);
        }
        fn sync(&mut self, now: f64) {
            self.store.sync(&mut self.kv, &mut self.queue, now);
        }
        /// The server confirmed this tab's answer for `record`.
        fn sent(&mut self, record: &str, now: f64) {
            let s = self.queue.items.iter().find(|s| s.record_id == record).unwrap().clone();
            self.queue.saved(&s, "resp");
            self.sync(now);
        }
        fn labels(&self) -> Vec<(String, String)> {
            self.queue.items.iter().map(|s| (s.record_id.clone(), label_of(&s.body))).collect()
        }
    }

    fn save(record: &str, label: &str) -> PendingSave {
        let mut values = BTreeMap::new();
        values.insert("label".to_owned(), ValueItem { value: serde_json::json!(label) });
        PendingSave::new(record.into(), None, ResponseUpsert { status: ResponseStatus::Submitted, values })
    }

    fn label_of(body: &ResponseUpsert) -> String {
        body.values["label"].value.as_str().unwrap().to_owned()
    }

    fn stored(kv: &Shared) -> Vec<(String, String)> {
        let mut all: Vec<(String, String)> = kv
            .0
            .borrow()
            .values()
            .filter_map(|t| parse(t))
            .map(|s| (s.save.record_id.clone(), label_of(&s.save.body)))
            .collect();
        all.sort();
        all
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn a_bulk_runs_unsent_answers_come_back_next_visit_unless_a_newer_answer_is_stored() {
        let kv = Shared::default();
        let mut tab = Tab::open(&kv, 1.0);
        tab.answer("r2", "mine", 20.0); // given one by one after the run began
        tab.store.keep_unsent(&mut tab.kv.clone(), &[save("r1", "bulk"), save("r2", "bulk")], 10.0);
        tab.sync(30.0);
        assert_eq!(stored(&kv), pairs(&[("r1", "bulk"), ("r2", "mine")]), "this tab leaves them alone");
        let next = Tab::open(&kv, 40.0);
        assert_eq!(next.labels(), pairs(&[("r1", "bulk"), ("r2", "mine")]));
    }

    #[test]
    fn two_tabs_keep_each_others_answers() {
        let kv = Shared::default();
        let mut a = Tab::open(&kv, 1.0);
        let mut b = Tab::open(&kv, 1.0);
        a.answer("r1", "pos", 2.0);
        b.answer("r2", "neg", 3.0);
        a.answer("r3", "pos", 4.0);
        assert_eq!(stored(&kv), pairs(&[("r1", "pos"), ("r2", "neg"), ("r3", "pos")]));
        a.sent("r1", 5.0);
        assert_eq!(stored(&kv), pairs(&[("r2", "neg"), ("r3", "pos")]), "A removes only what the server has");
        // A closes without sending r3: the next tab finds it, and B's, oldest first.
        let c = Tab::open(&kv, 6.0);
        assert_eq!(c.labels(), pairs(&[("r2", "neg"), ("r3", "pos")]));
    }

    #[test]
    fn an_answer_overtaken_in_another_tab_is_not_sent() {
        let kv = Shared::default();
        let mut a = Tab::open(&kv, 1.0);
        a.answer("r1", "pos", 2.0);
        let mut b = Tab::open(&kv, 3.0);
        assert_eq!(b.labels(), pairs(&[("r1", "pos")]), "B carries A's answer too");
        b.answer("r1", "neg", 4.0);
        a.sync(5.0);
        assert!(a.labels().is_empty(), "A's older answer yields to B's newer one");
        assert_eq!(stored(&kv), pairs(&[("r1", "neg")]));
        b.sent("r1", 6.0);
        assert!(stored(&kv).is_empty());
    }

    #[test]
    fn a_tabs_own_newer_answer_replaces_the_stored_one() {
        let kv = Shared::default();
        let mut a = Tab::open(&kv, 1.0);
        let mut b = Tab::open(&kv, 1.0);
        b.answer("r1", "neg", 2.0);
        a.answer("r1", "pos", 3.0);
        assert_eq!(stored(&kv), pairs(&[("r1", "pos")]));
        b.sync(4.0);
        assert!(b.labels().is_empty());
        assert_eq!(a.labels(), pairs(&[("r1", "pos")]));
    }

    #[test]
    fn the_same_answer_given_again_after_another_tab_changed_it_wins() {
        let kv = Shared::default();
        let mut first = Tab::open(&kv, 1.0);
        first.answer("r1", "pos", 2.0);
        let mut a = Tab::open(&kv, 3.0);
        let mut b = Tab::open(&kv, 3.0);
        b.answer("r1", "neg", 4.0);
        a.answer("r1", "pos", 5.0);
        assert_eq!(a.labels(), pairs(&[("r1", "pos")]));
        assert_eq!(stored(&kv), pairs(&[("r1", "pos")]));
    }

    #[test]
    fn a_bulk_answer_retires_older_answers_stored_by_any_tab() {
        let kv = Shared::default();
        let mut a = Tab::open(&kv, 1.0);
        let mut b = Tab::open(&kv, 1.0);
        b.answer("r1", "pos", 2.0);
        b.answer("r2", "pos", 2.5);
        assert_eq!(a.store.answered_on_server(&mut a.kv.clone(), &["r1".into()], 3.0), ["r1"]);
        b.answer("r3", "neg", 4.0);
        assert_eq!(b.labels(), pairs(&[("r2", "pos"), ("r3", "neg")]), "B lets go of r1: the bulk answer is newer");
        assert_eq!(stored(&kv), pairs(&[("r2", "pos"), ("r3", "neg")]));
        b.answer("r1", "neg", 5.0);
        assert!(a.store.answered_on_server(&mut a.kv.clone(), &["r1".into()], 4.5).is_empty());
        assert_eq!(stored(&kv), pairs(&[("r1", "neg"), ("r2", "pos"), ("r3", "neg")]), "an answer given after the bulk one stays");
    }

    #[test]
    fn the_same_answer_written_anew_by_its_tab_is_not_removed_by_another() {
        let kv = Shared::default();
        let mut a = Tab::open(&kv, 1.0);
        a.answer("r1", "pos", 2.0);
        let mut b = Tab::open(&kv, 3.0);
        a.answer("r1", "neg", 4.0);
        a.answer("r1", "pos", 5.0);
        b.sent("r1", 6.0);
        assert_eq!(stored(&kv), pairs(&[("r1", "pos")]), "A's newest write stays for A to send");
        a.sync(7.0);
        assert_eq!(a.labels(), pairs(&[("r1", "pos")]));
    }

    #[test]
    fn a_tab_that_saved_an_older_answer_leaves_the_newer_one_stored() {
        let kv = Shared::default();
        let mut a = Tab::open(&kv, 1.0);
        let mut b = Tab::open(&kv, 1.0);
        a.answer("r1", "pos", 2.0);
        let in_flight = a.queue.items[0].clone();
        b.answer("r1", "neg", 3.0);
        a.queue.saved(&in_flight, "resp");
        a.sync(4.0);
        assert_eq!(stored(&kv), pairs(&[("r1", "neg")]));
    }

    #[test]
    fn an_answer_both_tabs_loaded_goes_once() {
        let kv = Shared::default();
        let mut first = Tab::open(&kv, 1.0);
        first.answer("r1", "pos", 2.0);
        let mut a = Tab::open(&kv, 3.0);
        let mut b = Tab::open(&kv, 3.0);
        a.sent("r1", 4.0);
        b.sync(5.0);
        assert!(b.labels().is_empty(), "B does not send what A has sent");
    }

    #[test]
    fn the_single_key_queue_moves_to_one_key_per_record() {
        let mut kv = Shared::default();
        let mut old = SaveQueue::default();
        old.push(save("r2", "neg"));
        old.push(save("r1", "pos"));
        old.learn_response_id("r0", "x");
        kv.set("argilla-lite.saves.ann.d1", &serde_json::to_string(&old).unwrap());
        kv.set("argilla-lite.save.ann.d1.bad", "{not json");
        let a = Tab::open(&kv, 10.0);
        assert_eq!(a.labels(), pairs(&[("r2", "neg"), ("r1", "pos")]), "in the old queue's order");
        assert_eq!(kv.get("argilla-lite.saves.ann.d1"), None);
        assert_eq!(stored(&kv), pairs(&[("r1", "pos"), ("r2", "neg")]));
    }

    #[test]
    fn a_change_of_response_id_is_stored_without_yielding() {
        let kv = Shared::default();
        let mut a = Tab::open(&kv, 1.0);
        a.answer("r1", "pos", 2.0);
        a.queue.learn_response_id("r1", "resp7");
        a.sync(3.0);
        let b = Tab::open(&kv, 4.0);
        assert_eq!(b.queue.items[0].response_id.as_deref(), Some("resp7"));
        assert_eq!(a.labels(), pairs(&[("r1", "pos")]));
    }
}

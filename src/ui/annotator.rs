//! The annotation page's state and actions: which record is shown, the form,
//! and the answers on their way to the server. Rules live in `domain`; this
//! wires them to signals, the API and local storage.

use crate::api::types::{
    DatasetProgress, Field, Question, Record, ResponseCounts, ResponseStatus, ResponseUpsert, SavedResponse,
    SearchResult, UserResponse, ValueItem,
};
use crate::api::{ApiError, Client};
use crate::browser::storage::{self, Scope};
use crate::domain::bulk::BulkRun;
use crate::domain::find::Find;
use crate::domain::form::{Answer, Form, History};
use crate::domain::queue::{Latest, Queue, RecordList};
use crate::domain::late_save::{InDoubt, Look, CHECKS_AFTER_MS};
use crate::domain::refusal::questions_concerned;
use crate::api::client::bulk_answer;
use crate::i18n::{k, t, tf, tn};
use crate::domain::save_store::{KeyValue, SaveStore};
use crate::domain::save::{
    classify, edits_overtaken, judge_leftover, retry_delay_ms, Batch, Leftover, Outcome, PendingSave, SaveQueue, BATCH_BYTES, BATCH_ITEMS,
    KEEPALIVE_BYTES, SAVE_TIMEOUT_MS,
};
use crate::ui::state::{AppNotice, AppState};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::leptos_dom::helpers::WindowListenerHandle;
use std::collections::BTreeMap;

fn search_path(dataset_id: &str, offset: usize, limit: usize) -> String {
    let dataset_id = crate::url::encode_component(dataset_id);
    format!("/me/datasets/{dataset_id}/records/search?include=responses&include=suggestions&offset={offset}&limit={limit}")
}

#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    Info(String),
    /// A confirmation that goes by itself after a moment.
    Brief(String),
    Problem(String),
    /// Answers waiting for the server: the one problem that "all saved" ends.
    Retrying(String),
}

#[derive(Clone, Copy)]
pub struct Annotator {
    pub app: AppState,
    pub dataset_id: StoredValue<String>,
    dataset_name: StoredValue<String>,
    user: StoredValue<String>,
    pub questions: StoredValue<Vec<Question>>,
    pub fields: StoredValue<Vec<Field>>,
    pub list: RwSignal<RecordList>,
    pub index: RwSignal<usize>,
    pub form: RwSignal<Form>,
    history: StoredValue<History>,
    /// The shown record has edits the server does not have yet.
    pub unsaved: RwSignal<bool>,
    pub saves: RwSignal<SaveQueue>,
    store: StoredValue<SaveStore>,
    /// Answers found in storage as the page opened, with when each was given: checked
    /// against the server before they go (see [`judge_leftover`]).
    leftovers: StoredValue<Vec<(PendingSave, f64)>>,
    /// Answers sent without a word back, which may still land over newer ones.
    in_doubt: StoredValue<InDoubt>,
    /// Looks for late landings still to come: the annotator stays until they are done.
    looks_due: StoredValue<usize>,
    pub question_errors: RwSignal<BTreeMap<String, String>>,
    /// Per record, the questions a refusal named while the person was on another record.
    refusals: StoredValue<BTreeMap<String, BTreeMap<String, String>>>,
    /// Said to screen readers by the page's live region (a choice made by a number key).
    pub spoken: RwSignal<String>,
    pub notice: RwSignal<Option<Notice>>,
    /// The bulk view's run of answers, kept while the view is closed and opened again.
    pub bulk_run: RwSignal<Option<BulkRun>>,
    pub counts: RwSignal<ResponseCounts>,
    pub team: RwSignal<Option<DatasetProgress>>,
    /// The first answer for the queue counts is in, or failed.
    pub counts_known: RwSignal<bool>,
    pub loading: RwSignal<bool>,
    pub load_error: RwSignal<Option<ApiError>>,
    /// Index of the question that number keys act on.
    pub focused_question: RwSignal<usize>,
    /// Keyboard span selection: a range of token indices in the span question's field.
    pub span_cursor: RwSignal<Option<(usize, usize)>>,
    /// The label that mouse selections get, per span question.
    pub span_label: RwSignal<BTreeMap<String, String>>,
    /// How many options were placed by number keys in the focused ranking question.
    pub rank_prefix: RwSignal<usize>,
    /// The position ↑ ↓ are on in the focused ranking question (Shift+↑ ↓ move its option).
    pub rank_cursor: RwSignal<Option<usize>>,
    sending: StoredValue<bool>,
    /// Answers sent as the page went away (the tab hidden), still unanswered.
    leaving_sends: StoredValue<Vec<PendingSave>>,
    /// False once the server refused a bulk request as a whole.
    bulk_works: StoredValue<bool>,
    search_abort: StoredValue<Option<web_sys::AbortController>, LocalStorage>,
    searches: StoredValue<Latest>,
    progress_asked: StoredValue<Latest>,
    retry_attempt: StoredValue<u32>,
    /// A retry is due later: one at a time, however many saves fail meanwhile, so a
    /// restarting server is asked less often as it stays down, not more.
    retry_due: StoredValue<bool>,
    /// Which retry timer counts: a newer one (online again) makes an older one do nothing.
    retry_timer: StoredValue<u32>,
    progress_busy: StoredValue<bool>,
    /// Answers per batch: halved after a batch went unanswered (a slow Space may not store
    /// fifty within the time limit, and the same fifty would be tried forever), doubled back
    /// after one is stored.
    batch_items: StoredValue<usize>,
    /// What the server said when it last answered a save with a failure (a 500's detail); none
    /// when it could not be reached. Said while answers wait, instead of "can't be reached".
    last_failure: StoredValue<Option<String>>,
    progress_again: StoredValue<bool>,
    /// The page that showed this is gone; answers still on their way keep going.
    left: StoredValue<bool>,
    /// Done: a newer page took over its answers, or it left with none waiting.
    stopped: StoredValue<bool>,
    /// The page's leave warning and sends at tab close, kept while answers travel after it left.
    leave_listeners: StoredValue<Vec<WindowListenerHandle>>,
}

thread_local! {
    /// Annotators whose page has gone while answers were on their way, with their saves' key.
    static LEFT: std::cell::RefCell<Vec<(String, Annotator)>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Annotator {
    pub fn new(app: AppState, dataset_id: String, dataset_name: String, questions: Vec<Question>, fields: Vec<Field>, queue: Queue) -> Self {
        let user = app.session.with_untracked(|s| {
            s.as_ref().and_then(|s| s.claims.username.clone()).unwrap_or_else(|| "anonymous".into())
        });
        let mut store = SaveStore::new(&user, &dataset_id);
        let key = store.name().to_owned();
        // An earlier page's annotator still sending these answers hands them over: it stops,
        // and what it last stored (the ones on their way included) is read here.
        // So do the answers it had in doubt, and the looks it had planned.
        let mut in_doubt = InDoubt::default();
        LEFT.with(|left| left.borrow_mut().retain(|(k, a)| {
            if *k == key {
                in_doubt = a.in_doubt.get_value();
                a.stop();
            }
            *k != key
        }));
        let planned = in_doubt.planned();
        let saves = store.load(&mut LocalKeys, js_sys::Date::now());
        let leftovers: Vec<(PendingSave, f64)> =
            saves.items.iter().filter_map(|s| store.stored_at(&s.record_id).map(|at| (s.clone(), at))).collect();
        // Owned by the app, not the page: a save or a load still on its way when the page goes
        // then finds its values (reading a disposed one stops the whole app).
        let create = move || Annotator {
            app,
            dataset_id: StoredValue::new(dataset_id),
            dataset_name: StoredValue::new(dataset_name),
            user: StoredValue::new(user),
            questions: StoredValue::new(questions),
            fields: StoredValue::new(fields),
            list: RwSignal::new(RecordList::new(queue)),
            index: RwSignal::new(0),
            form: RwSignal::new(Form::default()),
            history: StoredValue::new(History::default()),
            unsaved: RwSignal::new(false),
            saves: RwSignal::new(saves),
            store: StoredValue::new(store),
            leftovers: StoredValue::new(leftovers),
            in_doubt: StoredValue::new(in_doubt),
            looks_due: StoredValue::new(0),
            question_errors: RwSignal::new(BTreeMap::new()),
            refusals: StoredValue::new(BTreeMap::new()),
            spoken: RwSignal::new(String::new()),
            notice: RwSignal::new(None),
            bulk_run: RwSignal::new(None),
            counts: RwSignal::new(ResponseCounts::default()),
            team: RwSignal::new(None),
            counts_known: RwSignal::new(false),
            loading: RwSignal::new(false),
            load_error: RwSignal::new(None),
            focused_question: RwSignal::new(0),
            span_cursor: RwSignal::new(None),
            span_label: RwSignal::new(BTreeMap::new()),
            rank_prefix: RwSignal::new(0),
            rank_cursor: RwSignal::new(None),
            sending: StoredValue::new(false),
            leaving_sends: StoredValue::new(vec![]),
            bulk_works: StoredValue::new(true),
            search_abort: StoredValue::new_local(None),
            searches: StoredValue::new(Latest::default()),
            progress_asked: StoredValue::new(Latest::default()),
            retry_attempt: StoredValue::new(0),
            retry_due: StoredValue::new(false),
            retry_timer: StoredValue::new(0),
            progress_busy: StoredValue::new(false),
            batch_items: StoredValue::new(BATCH_ITEMS),
            last_failure: StoredValue::new(None),
            progress_again: StoredValue::new(false),
            left: StoredValue::new(false),
            stopped: StoredValue::new(false),
            leave_listeners: StoredValue::new(Vec::new()),
        };
        let annotator = crate::ui::owned_by_app(create);
        for (record_id, answer) in planned {
            annotator.plan_looks(&PendingSave::new(record_id, None, answer));
        }
        annotator
    }

    /// The page is gone (the person went to another page of the app). What it
    /// showed is let go; answers on their way keep going, with the leave warning
    /// and the send at tab close in `listeners`, until none is left.
    pub fn leave(&self, listeners: Vec<WindowListenerHandle>) {
        self.left.set_value(true);
        self.leave_listeners.set_value(listeners);
        self.searches.update_value(|l| {
            l.issue();
        });
        if let Some(search) = self.search_abort.try_update_value(Option::take).flatten() {
            search.abort();
        }
        // Untracked: the page's views and effects are being disposed, and must not run for this.
        self.list.update_untracked(|l| *l = RecordList::new(l.queue));
        self.form.update_untracked(|f| *f = Form::default());
        self.history.set_value(History::default());
        let key = self.store.with_value(|s| s.name().to_owned());
        LEFT.with(|left| left.borrow_mut().push((key, *self)));
        self.stop_if_done();
    }

    /// Sends nothing more and stores nothing more.
    pub fn stop(&self) {
        self.stopped.set_value(true);
        for listener in self.leave_listeners.try_update_value(std::mem::take).unwrap_or_default() {
            listener.remove();
        }
    }

    fn stop_if_done(&self) {
        let idle = !self.sending.get_value() && self.leaving_sends.with_value(Vec::is_empty) && self.looks_due.get_value() == 0 && !self.has_queued_answers();
        if self.left.get_value() && idle && !self.stopped.get_value() {
            self.stop();
            LEFT.with(|left| left.borrow_mut().retain(|(_, a)| !a.stopped.get_value()));
        }
    }

    /// Reads the shown record without copying it (fields can be megabytes).
    pub fn with_current<T>(&self, f: impl FnOnce(&Record) -> T) -> Option<T> {
        let i = self.index.get();
        self.list.with(|l| l.items.get(i).map(f))
    }

    pub fn current_id_untracked(&self) -> Option<String> {
        self.current_ids_untracked().map(|(id, _)| id)
    }

    /// One field of the shown record, as text.
    pub fn field_text_untracked(&self, field: &str) -> String {
        self.with_field_text_untracked(field, str::to_owned)
    }

    /// Reads a text field of the shown record without copying it ("" when there is none).
    pub fn with_field_text_untracked<T>(&self, field: &str, f: impl FnOnce(&str) -> T) -> T {
        let i = self.index.get_untracked();
        self.list.with_untracked(|l| f(l.items.get(i).and_then(|r| r.fields.get(field)).and_then(|v| v.as_str()).unwrap_or_default()))
    }

    /// The shown record's id and the user's response id on it, without copying the record.
    fn current_ids_untracked(&self) -> Option<(String, Option<String>)> {
        let i = self.index.get_untracked();
        self.list.with_untracked(|l| {
            l.items.get(i).map(|r| (r.id.clone(), r.responses.first().map(|x| x.id.clone())))
        })
    }

    /// Loads `queue` (with the current search) at queue position `position`.
    pub fn open_queue(&self, queue: Queue, position: usize) {
        let find = self.list.with_untracked(|l| l.find.clone());
        self.open(queue, find, position);
    }

    /// Loads the page of `queue` matching `find` that holds queue position
    /// `position` (0-based) and shows that record.
    pub fn open(&self, queue: Queue, find: Find, position: usize) {
        self.searches.update_value(|l| {
            l.issue();
        });
        self.loading.set(false);
        self.load_error.set(None);
        let (mut list, index) = RecordList::at(queue, find, position);
        // Answers still on their way (sent as the last page closed, or queued offline).
        self.saves.with_untracked(|q| q.items.iter().for_each(|s| list.answered_before(&s.record_id, s.body.status)));
        self.list.set(list);
        self.index.set(index);
        // Until a record is shown, the form is nobody's: it shows no earlier record's answers.
        self.form.set(Form::default());
        self.load_more(Some(index));
    }

    fn search_path(&self, offset: usize, limit: usize) -> String {
        search_path(&self.dataset_id.get_value(), offset, limit)
    }

    /// Sends what [`open`](Self::open) and [`refresh_progress`](Self::refresh_progress)
    /// will ask first for this place (the records and the queue counts, which
    /// the first paint waits for) before an annotator exists, as the page
    /// loads the dataset's settings; they then take these answers.
    pub fn send_first_requests(client: &Client, dataset_id: &str, queue: Queue, find: Find, position: usize) {
        client.send_my_metrics_early(dataset_id);
        // A similarity search is the heavy kind: only once it is surely wanted.
        if find.similar.is_some() {
            return;
        }
        let (list, index) = RecordList::at(queue, find, position);
        let (offset, limit) = list.next_request(Some(index));
        client.send_early("POST", &search_path(dataset_id, offset, limit), Some(&list.search_body()));
    }

    /// Fetches the next page; with `show`, shows that index once it arrives.
    pub fn load_more(&self, show: Option<usize>) {
        if self.loading.get_untracked() {
            return;
        }
        let this = *self;
        let ((offset, limit), body) = self.list.with_untracked(|l| (l.next_request(show), l.search_body()));
        let ticket = self.searches.try_update_value(Latest::issue).unwrap_or_default();
        self.loading.set(true);
        // A newer search replaces an older one still on its way: cancel that.
        let abort = web_sys::AbortController::new().ok();
        if let Some(previous) = self.search_abort.try_update_value(|a| std::mem::replace(a, abort.clone())).flatten() {
            previous.abort();
        }
        spawn_local(async move {
            let path = this.search_path(offset, limit);
            let signal = abort.as_ref().map(|a| a.signal());
            let result: Result<SearchResult, ApiError> =
                this.app.client().send_json_with("POST", &path, &body, signal.as_ref()).await;
            // An answer to an older queue or search is dropped: never show stale results.
            if !this.searches.with_value(|l| l.is_current(ticket)) {
                return;
            }
            this.loading.set(false);
            match result {
                Ok(page) => {
                    this.load_error.set(None);
                    // The person went past the loaded records and waited on an empty page.
                    let waited = this.current_id_untracked().is_none();
                    let none_readable = page.items.is_empty() && !page.unreadable.is_empty();
                    let met_now = this
                        .list
                        .try_update(|l| {
                            let met_now = l.skip_unreadable(offset, &page.unreadable);
                            l.append_found(page.items, page.total);
                            met_now
                        })
                        .unwrap_or_default();
                    this.tell_unreadable(&met_now);
                    // A page of nothing but unreadable records is not the end: the next one is asked for.
                    if none_readable && this.list.with_untracked(RecordList::has_more) {
                        this.load_more(show);
                        return;
                    }
                    if let Some(position) = this.list.with_untracked(RecordList::past_the_end) {
                        let (queue, find) = this.list.with_untracked(|l| (l.queue, l.find.clone()));
                        this.open(queue, find, position);
                        return;
                    }
                    if let Some(i) = show {
                        let last = this.list.with_untracked(|l| l.items.len().saturating_sub(1));
                        this.show(i.min(last));
                    } else if waited && this.current_id_untracked().is_some() {
                        // The record arriving there gets its suggestions, answers and kept edits
                        // (an empty page had an empty form), and the keyboard starts at its first
                        // question, as after any move, unless the person went elsewhere meanwhile.
                        this.show(this.index.get_untracked());
                        if focus_is_nowhere() {
                            this.start_at_first_question();
                        }
                    }
                }
                Err(e) => {
                    this.app.check(&e);
                    this.load_error.set(Some(e));
                }
            }
        });
    }

    /// Fetches the page before the loaded ones (a link led far into the
    /// queue) and shows the record just before the one shown.
    fn load_previous(&self) {
        let Some((offset, limit)) = self.list.with_untracked(RecordList::previous_request) else { return };
        if self.loading.get_untracked() {
            return;
        }
        let this = *self;
        let body = self.list.with_untracked(RecordList::search_body);
        let ticket = self.searches.with_value(Latest::current);
        // The person may move on while it loads: step back from the record shown now.
        let shown = self.current_id_untracked();
        self.loading.set(true);
        spawn_local(async move {
            let path = this.search_path(offset, limit);
            let result: Result<SearchResult, ApiError> = this.app.client().send_json("POST", &path, &body).await;
            if !this.searches.with_value(|l| l.is_current(ticket)) {
                return;
            }
            this.loading.set(false);
            match result {
                Ok(page) => {
                    let unreadable = this.list.try_update(|l| l.prepend_found(page.items, &page.unreadable, page.total).1).unwrap_or_default();
                    this.tell_unreadable(&unreadable);
                    let here = this.list.with_untracked(|l| l.items.iter().position(|r| Some(&r.id) == shown.as_ref())).unwrap_or(0);
                    this.show(here.saturating_sub(1));
                    this.start_at_first_question();
                }
                Err(e) => {
                    this.app.check(&e);
                    this.load_error.set(Some(e));
                }
            }
        });
    }

    /// Names the records of a page that could not be read (they are skipped).
    fn tell_unreadable(&self, unreadable: &[String]) {
        if !unreadable.is_empty() {
            let ids = unreadable.iter().filter(|id| !id.is_empty()).cloned().collect::<Vec<_>>().join(", ");
            self.notice.set(Some(Notice::Problem(tn(k::annotate::records_unreadable, unreadable.len(), &[("ids", &ids)]))));
        }
    }

    /// Shows the record at `index` with the user's unsaved edits if there are any.
    pub fn show(&self, index: usize) {
        // A choice said on the last record is not said again on this one.
        self.spoken.set(String::new());
        self.index.set(index);
        self.history.set_value(History::default());
        // A refusal that came while another record was being answered shows with its record.
        let refused = self.list.with_untracked(|l| l.items.get(index).map(|r| r.id.clone())).and_then(|id| self.refusals.try_update_value(|r| r.remove(&id)).flatten());
        self.question_errors.set(refused.unwrap_or_default());
        self.span_cursor.set(None);
        self.rank_prefix.set(0);
        self.rank_cursor.set(None);
        let Some((record_id, response_id)) = self.current_ids_untracked() else {
            self.form.set(Form::default());
            self.unsaved.set(false);
            return;
        };
        if let Some(id) = response_id {
            self.saves.update(|q| {
                q.response_ids.entry(record_id.clone()).or_insert(id);
            });
        }
        let questions = self.questions.get_value();
        let mut kept = storage::get(Scope::Persistent, &self.edits_key(&record_id))
            .and_then(|text| serde_json::from_str::<BTreeMap<String, ValueItem>>(&text).ok());
        let answered_at = self.list.with_untracked(|l| l.items.get(index).and_then(|r| r.responses.first()).and_then(|r| r.updated_at.clone()));
        if kept.is_some() && edits_overtaken(storage::get(Scope::Persistent, &self.edits_base_key(&record_id)).as_deref(), answered_at.as_deref()) {
            self.let_go_of_edits(&record_id);
            self.notice.set(Some(Notice::Info(t(k::annotate::edits_overtaken).into())));
            kept = None;
        }
        match kept {
            Some(values) => {
                self.form.set(Form::from_values(&questions, &values));
                self.unsaved.set(true);
            }
            None => {
                let form = self.list.with_untracked(|l| l.items.get(index).map(|r| Form::for_record(&questions, r)));
                self.form.set(form.unwrap_or_default());
                self.unsaved.set(false);
            }
        }
        if self.list.with_untracked(|l| l.wants_more(index)) {
            self.load_more(None);
        }
    }

    pub fn go(&self, delta: isize) {
        let len = self.list.with_untracked(|l| l.items.len());
        if len == 0 {
            return;
        }
        if delta < 0 && self.index.get_untracked() == 0 && self.list.with_untracked(|l| l.start > 0) {
            self.load_previous();
            return;
        }
        let next = (self.index.get_untracked() as isize + delta).clamp(0, len as isize - 1) as usize;
        if next != self.index.get_untracked() {
            self.show(next);
            // Arrow keys move a span question's word cursor: leave the focus where it is then.
            if !self.questions.with_value(|qs| qs.first().is_some_and(|q| crate::ui::components::questions::span::setup(q).is_some())) {
                self.start_at_first_question();
            }
        }
    }

    /// An edit from a question component.
    pub fn edit(&self, question: &str, answer: Answer) {
        let before = self.form.get_untracked();
        if before.answer(question) == Some(&answer) && !before.answers.get(question).is_some_and(|s| s.from_suggestion) {
            return;
        }
        self.history.update_value(|h| h.record(&before));
        self.form.update(|f| f.set(question, answer));
        self.question_errors.update(|e| {
            e.remove(question);
        });
        self.keep_edits_locally();
    }

    pub fn undo(&self) {
        let current = self.form.get_untracked();
        if let Some(previous) = self.history.try_update_value(|h| h.undo(&current)).flatten() {
            self.form.set(previous);
            self.keep_edits_locally();
            self.say_changed(&current, k::annotate::spoken_undone);
        }
    }

    pub fn redo(&self) {
        let current = self.form.get_untracked();
        if let Some(next) = self.history.try_update_value(|h| h.redo(&current)).flatten() {
            self.form.set(next);
            self.keep_edits_locally();
            self.say_changed(&current, k::annotate::spoken_redone);
        }
    }

    /// Says which answer an undo or redo changed, and to what ("Undone: Sentiment: positive").
    fn say_changed(&self, before: &Form, key: crate::i18n::Key) {
        let questions = self.questions.get_value();
        let Some(question) = questions.iter().find(|q| self.form.with_untracked(|f| f.answer(&q.name) != before.answer(&q.name))) else { return };
        self.spoken.set(question.title.clone());
        crate::ui::components::questions::say_answer(*self, question);
        self.spoken.update(|said| *said = tf(key, &[("what", said)]));
    }

    fn keep_edits_locally(&self) {
        if let Some(record_id) = self.current_id_untracked() {
            let values = self.form.with_untracked(Form::values);
            // The answer these edits began on, as the server dated it (see `show`).
            let base_key = self.edits_base_key(&record_id);
            if storage::get(Scope::Persistent, &self.edits_key(&record_id)).is_none() {
                match self.with_current(|r| r.responses.first().and_then(|x| x.updated_at.clone())).flatten() {
                    Some(base) => storage::set(Scope::Persistent, &base_key, &base),
                    None => storage::remove(Scope::Persistent, &base_key),
                }
            }
            if let Ok(text) = serde_json::to_string(&values) {
                storage::set(Scope::Persistent, &self.edits_key(&record_id), &text);
            }
            self.unsaved.set(true);
        }
    }

    /// Submit, save a draft or discard the shown record.
    pub fn save(&self, status: ResponseStatus) {
        let Some((record_id, response_id)) = self.current_ids_untracked() else { return };
        let questions = self.questions.get_value();
        let form = self.form.get_untracked();
        if status == ResponseStatus::Submitted {
            let missing = form.missing_required(&questions);
            if !missing.is_empty() {
                let errors = missing.iter().map(|m| (m.clone(), t(k::questions::needs_answer).to_owned())).collect();
                self.question_errors.set(errors);
                let titles: Vec<String> = questions
                    .iter()
                    .filter(|q| missing.contains(&q.name))
                    .map(|q| q.title.clone())
                    .collect();
                let list = crate::i18n::list(&titles);
                // A title that ends a sentence itself gets no second full stop.
                let key = if list.ends_with(['.', '?', '!']) { k::annotate::required_first_ends } else { k::annotate::required_first };
                self.notice.set(Some(Notice::Problem(tf(key, &[("questions", &list)]))));
                if let Some(i) = questions.iter().position(|q| missing.contains(&q.name)) {
                    self.focused_question.set(i);
                    focus_question(i);
                }
                return;
            }
        }
        // Keep exactly what is sent until the server confirms it. Edits from now on rest on
        // this answer of the person's own: no older base for them.
        let values = self.with_current(|r| form.values_for(&questions, r)).unwrap_or_else(|| form.values());
        // Nothing to send (no optional question answered, the required ones of a type this
        // app cannot show): the server refuses a submit with no value.
        if status == ResponseStatus::Submitted && values.is_empty() {
            self.notice.set(Some(Notice::Problem(t(k::annotate::answer_one_first).into())));
            if !questions.is_empty() {
                self.focused_question.set(0);
                focus_question(0);
            }
            return;
        }
        if let Ok(text) = serde_json::to_string(&values) {
            storage::set(Scope::Persistent, &self.edits_key(&record_id), &text);
            storage::remove(Scope::Persistent, &self.edits_base_key(&record_id));
        }
        self.store.update_value(|s| s.answered_here(&record_id));
        // A bulk run still to send this record would replace the newer answer.
        if self.bulk_run.with_untracked(|run| run.as_ref().is_some_and(|r| !r.finished())) {
            self.bulk_run.update(|run| run.iter_mut().for_each(|r| r.answered_here(&record_id)));
        }
        // Answered here and now: whatever was found in storage for the record is not checked or kept.
        self.leftovers.update_value(|l| l.retain(|(s, _)| s.record_id != record_id));
        self.saves.update(|q| q.push(PendingSave::new(record_id, response_id, ResponseUpsert { status, values })));
        self.persist_saves();
        self.notice.set(None);
        let index = self.index.get_untracked();
        let next = self.list.try_update(|l| l.answered(index, status)).unwrap_or(index);
        if status == ResponseStatus::Draft {
            self.unsaved.set(false);
            self.notice.set(Some(Notice::Brief(t(k::annotate::draft_saved).into())));
        } else {
            self.show(next);
            self.start_at_first_question();
        }
        self.process_saves();
    }

    /// Sends waiting answers: one by one, or several per bulk request when the
    /// queue is behind. Keeps them on failure and retries.
    pub fn process_saves(&self) {
        if self.sending.get_value() || self.stopped.get_value() {
            return;
        }
        let this = *self;
        self.sending.set_value(true);
        spawn_local(async move {
            loop {
                // Another tab may have sent or overtaken some meanwhile.
                this.persist_saves();
                if this.leftovers.with_value(|l| !l.is_empty()) {
                    match this.check_leftovers().await {
                        Step::Next => {}
                        Step::Stop => break,
                        Step::RetryLater => {
                            this.retry_later();
                            return;
                        }
                    }
                    continue;
                }
                let batch = this
                    .saves
                    .with_untracked(|q| q.batches(this.batch_items.get_value(), BATCH_BYTES, usize::MAX).into_iter().next())
                    .filter(|b| b.saves.len() >= 2 && this.bulk_works.get_value());
                let step = match batch {
                    Some(batch) => this.send_batch(batch, false).await,
                    None => match this.saves.with_untracked(|q| q.next().cloned()) {
                        Some(save) => this.send_one(save).await,
                        None => break,
                    },
                };
                if this.stopped.get_value() {
                    return;
                }
                match step {
                    Step::Next => {}
                    Step::Stop => break,
                    Step::RetryLater => {
                        this.retry_later();
                        return;
                    }
                }
            }
            this.sending.set_value(false);
            this.stop_if_done();
        });
    }

    /// The page is being hidden or closed: send every waiting answer that fits
    /// in requests that outlive the page. What does not fit, or fails, stays
    /// queued here and goes when the app is open again.
    /// Sends what waits, but answers already on their way from an earlier hide of the tab
    /// (those given since go too: a tab closed right after coming back loses none).
    pub fn send_before_leaving(&self) {
        self.send_outliving_the_page(true);
    }

    /// Signing out: every waiting answer goes now, with the token that is ending,
    /// even while sends from hiding the tab are still on their way (a repeat is harmless).
    pub fn send_at_sign_out(&self) {
        self.send_outliving_the_page(false);
    }

    fn send_outliving_the_page(&self, skip_on_their_way: bool) {
        self.persist_saves();
        self.keep_bulk_unsent();
        // Answers found in storage and not yet checked against the server stay for the next visit.
        let mut queue = self.saves.get_untracked();
        self.leftovers.with_value(|l| queue.items.retain(|s| !l.iter().any(|(left, _)| left == s)));
        if skip_on_their_way {
            self.leaving_sends.with_value(|sent| queue.items.retain(|s| !sent.contains(s)));
        }
        let batches = queue.batches(BATCH_ITEMS, KEEPALIVE_BYTES, KEEPALIVE_BYTES);
        let client = self.app.client();
        // Started here, synchronously: the page may be gone before the next task.
        let started: Vec<_> = batches
            .into_iter()
            .filter_map(|b| client.start_bulk_responses(&b.body, true).ok().map(|p| (b, p)))
            .collect();
        if started.is_empty() {
            return;
        }
        self.leaving_sends.update_value(|sent| started.iter().for_each(|(b, _)| sent.extend(b.saves.iter().cloned())));
        for (batch, promise) in started {
            let this = *self;
            spawn_local(async move {
                let answer = bulk_answer(promise).await;
                if this.stopped.get_value() {
                    return;
                }
                match answer {
                    Ok(outcomes) if outcomes.len() == batch.saves.len() => this.apply_bulk(&batch.saves, &outcomes),
                    _ => {
                        this.batch_in_doubt(&batch);
                    }
                }
                this.leaving_sends.update_value(|sent| {
                    for save in &batch.saves {
                        if let Some(i) = sent.iter().position(|s| s == save) {
                            sent.swap_remove(i);
                        }
                    }
                });
                this.stop_if_done();
            });
        }
    }

    /// Answers found in storage as the page opened go only where the server has not moved
    /// on: one the server already has is let go, one answered again elsewhere since yields
    /// (and the page says so).
    async fn check_leftovers(&self) -> Step {
        let waiting: Vec<(PendingSave, f64)> = self.leftovers.get_value();
        let mut overtaken = 0;
        for chunk in waiting.chunks(BATCH_ITEMS) {
            let ids: Vec<&str> = chunk.iter().map(|(s, _)| s.record_id.as_str()).collect();
            let found = self.app.client().my_responses_now(&self.dataset_id.get_value(), &ids).await;
            if self.stopped.get_value() {
                return Step::Stop;
            }
            let (items, server_ahead) = match found {
                Ok(found) => found,
                Err(e) => match classify(Err(e.clone())) {
                    Outcome::SignedOut => return self.signed_out(),
                    Outcome::RetryLater => {
                        self.note_failure(Some(&e));
                        return Step::RetryLater;
                    }
                    // Refused (the dataset gone, say): nothing to judge by; sending will tell.
                    _ => break,
                },
            };
            for (save, at) in chunk {
                if !self.saves.with_untracked(|q| q.items.contains(save)) {
                    continue;
                }
                let response = items.iter().find(|i| i.record.id == save.record_id).and_then(|i| i.record.responses.first());
                match judge_leftover(&save.body, *at, response, server_ahead) {
                    Leftover::Send => {}
                    Leftover::Arrived => {
                        let id = response.map(|r| r.id.clone()).unwrap_or_default();
                        self.saves.update(|q| q.saved(save, &id));
                        self.after_saved(save);
                    }
                    Leftover::Overtaken => {
                        self.saves.update(|q| q.drop_sent(save));
                        self.persist_saves();
                        // Shown with that answer: shown again as the server has it.
                        if self.let_go_of_kept_edits(save) && self.current_id_untracked().is_some_and(|id| id == save.record_id) {
                            self.show(self.index.get_untracked());
                        }
                        overtaken += 1;
                    }
                }
            }
            self.leftovers.update_value(|l| l.retain(|(s, _)| !chunk.iter().any(|(c, _)| c == s)));
        }
        self.leftovers.set_value(Vec::new());
        if overtaken > 0 {
            self.notice.set(Some(Notice::Info(tn(k::annotate::leftover_overtaken, overtaken, &[]))));
        }
        Step::Next
    }

    async fn send_one(&self, save: PendingSave) -> Step {
        let (method, path) = save.request();
        let timeout = crate::api::client::timeout_signal(SAVE_TIMEOUT_MS);
        let result: Result<SavedResponse, ApiError> = self.app.client().send_json_with(method, &path, &save.body, timeout.as_ref()).await;
        if self.stopped.get_value() {
            return Step::Stop;
        }
        let response_id = result.as_ref().ok().map(|r| r.id.clone());
        self.note_failure(result.as_ref().err());
        match classify(result.map(|_| ())) {
            Outcome::Saved => {
                self.retry_attempt.set_value(0);
                self.saves.update(|q| q.saved(&save, response_id.as_deref().unwrap_or_default()));
                self.after_saved(&save);
                Step::Next
            }
            Outcome::Conflict => match self.learn_response_id(&save.record_id).await {
                Ok(found) => {
                    if !found {
                        self.saves.update(|q| q.drop_sent(&save));
                        self.notice.set(Some(Notice::Problem(t(k::annotate::exists_not_shown).into())));
                    }
                    self.persist_saves();
                    Step::Next
                }
                // The look-up failed: the answer stays, and is tried again.
                Err(e) => match classify(Err(e)) {
                    Outcome::SignedOut => self.signed_out(),
                    _ => Step::RetryLater,
                },
            },
            Outcome::SignedOut => self.signed_out(),
            Outcome::RetryLater => {
                self.in_doubt.update_value(|d| d.sent_unanswered(&save.record_id, &save.body, js_sys::Date::now()));
                // The others go first next time: this one may fail for a reason of its own.
                self.saves.update(|q| q.to_back(&save));
                self.persist_saves();
                Step::RetryLater
            }
            // The response we knew is gone (deleted on the server): create one instead.
            Outcome::Rejected(error) if error.status() == Some(404) && save.response_id.is_some() => {
                self.saves.update(|q| q.forget_response_id(&save.record_id));
                self.persist_saves();
                Step::Next
            }
            // The record itself is gone (deleted on the server meanwhile): nothing to fix and
            // send again; it is said, and the record does not come back.
            Outcome::Rejected(error) if error.is_record_not_found() => {
                self.saves.update(|q| q.drop_sent(&save));
                self.persist_saves();
                self.let_go_of_edits(&save.record_id);
                self.list.update(|l| l.confirmed(&save.record_id));
                let told = t(k::annotate::answered_record_deleted).to_owned();
                if self.left.get_value() {
                    self.app.notice.set(Some(AppNotice { text: told, link: None }));
                } else {
                    self.notice.set(Some(Notice::Problem(told)));
                }
                Step::Next
            }
            Outcome::Rejected(error) => {
                self.saves.update(|q| q.drop_sent(&save));
                self.persist_saves();
                self.show_rejection(&save, &error.user_message(), error.field_errors());
                Step::Next
            }
        }
    }

    async fn send_batch(&self, batch: Batch, keepalive: bool) -> Step {
        let sent = self.app.client().start_bulk_responses(&batch.body, keepalive);
        let answer = match sent {
            Ok(promise) => bulk_answer(promise).await,
            Err(e) => Err(e),
        };
        if self.stopped.get_value() {
            return Step::Stop;
        }
        if let Err(e) = &answer {
            self.note_failure(Some(e));
        }
        match answer {
            // One outcome per answer sent, in order; anything else is no proof: try again later.
            Ok(outcomes) if outcomes.len() != batch.saves.len() => self.batch_in_doubt(&batch),
            Ok(outcomes) => {
                self.retry_attempt.set_value(0);
                self.batch_items.update_value(|n| *n = (*n * 2).min(BATCH_ITEMS));
                self.apply_bulk(&batch.saves, &outcomes);
                Step::Next
            }
            Err(e) => match classify(Err(e.clone())) {
                Outcome::SignedOut => self.signed_out(),
                // A proxy in front that refuses the bulk request itself (a firewall's page): the
                // answers go one by one, as after any refusal of the request as a whole.
                Outcome::RetryLater if e.is_unexplained_refusal() => {
                    self.bulk_works.set_value(false);
                    Step::Next
                }
                Outcome::RetryLater => self.batch_in_doubt(&batch),
                // The server refused the request as a whole: send the answers one by one.
                _ => {
                    self.bulk_works.set_value(false);
                    Step::Next
                }
            },
        }
    }

    fn batch_in_doubt(&self, batch: &Batch) -> Step {
        self.batch_items.update_value(|n| *n = (*n / 2).max(2));
        let now = js_sys::Date::now();
        self.in_doubt.update_value(|d| batch.saves.iter().for_each(|s| d.sent_unanswered(&s.record_id, &s.body, now)));
        Step::RetryLater
    }

    /// After an answer to a record with answers in doubt is saved: looks at the server a
    /// little later, and sends it again if an older one landed over it.
    fn look_for_late_landings(&self, save: &PendingSave) {
        if self.in_doubt.try_update_value(|d| d.saved(&save.record_id, &save.body, js_sys::Date::now())).unwrap_or(false) {
            self.plan_looks(save);
        }
    }

    fn plan_looks(&self, save: &PendingSave) {
        for (i, after) in CHECKS_AFTER_MS.into_iter().enumerate() {
            let (this, save, last) = (*self, save.clone(), i + 1 == CHECKS_AFTER_MS.len());
            self.looks_due.update_value(|n| *n += 1);
            let look = async move {
                this.look_once(save, last).await;
                this.looks_due.update_value(|n| *n = n.saturating_sub(1));
                this.stop_if_done();
            };
            set_timeout(move || spawn_local(look), std::time::Duration::from_millis(after as u64));
        }
    }

    async fn look_once(&self, save: PendingSave, last: bool) {
        // A newer answer to the record is on its way or saved since: its own looks follow.
        let current = !self.stopped.get_value()
            && self.in_doubt.with_value(|d| d.still_kept(&save.record_id, &save.body))
            && !self.saves.with_untracked(|q| q.is_waiting(&save.record_id));
        if !current {
            return;
        }
        let found = self.app.client().my_record(&self.dataset_id.get_value(), &save.record_id, &["responses"]).await;
        let Ok(found) = found else { return };
        if self.stopped.get_value() || self.saves.with_untracked(|q| q.is_waiting(&save.record_id)) {
            return;
        }
        let response = found.and_then(|i| i.record.responses.into_iter().next());
        let look = self.in_doubt.try_update_value(|d| d.look(&save.record_id, &save.body, response.as_ref(), last));
        if let Some(Look::Landed(answer)) = look {
            self.saves.update(|q| q.push(PendingSave::new(save.record_id.clone(), response.map(|r| r.id), answer)));
            self.persist_saves();
            self.process_saves();
        }
    }

    fn apply_bulk(&self, sent: &[PendingSave], outcomes: &[crate::api::types::BulkOutcome]) {
        let result = self.saves.try_update(|q| q.bulk_answered(sent, outcomes)).unwrap_or_default();
        for (save, _) in &result.saved {
            self.record_saved(save);
        }
        self.persist_saves();
        if !result.saved.is_empty() {
            self.saves_settled();
        }
    }

    fn signed_out(&self) -> Step {
        self.notice.set(Some(Notice::Problem(t(k::annotate::session_ended).into())));
        self.app.end_session();
        Step::Stop
    }

    fn retry_later(&self) {
        let attempt = self.retry_attempt.get_value();
        self.retry_attempt.set_value(attempt + 1);
        let waiting = self.saves.with_untracked(SaveQueue::len);
        // A refusal shown (another record's, to be fixed) is not replaced by a passing failure.
        if !matches!(self.notice.get_untracked(), Some(Notice::Problem(_))) {
            let text = match self.last_failure.get_value() {
                Some(reason) => tn(k::annotate::not_saved_server_failed, waiting, &[("reason", &reason)]),
                None => tn(k::annotate::not_saved_yet, waiting, &[]),
            };
            self.notice.set(Some(Notice::Retrying(text)));
        }
        let delay = retry_delay_ms(attempt);
        self.sending.set_value(false);
        if self.retry_due.get_value() {
            return;
        }
        self.retry_due.set_value(true);
        let this = *self;
        let timer = self.retry_timer.get_value();
        set_timeout(
            move || {
                if this.retry_timer.try_get_value() == Some(timer) && this.retry_due.try_set_value(false).is_none() {
                    this.process_saves();
                }
            },
            std::time::Duration::from_millis(delay as u64),
        );
    }

    fn note_failure(&self, error: Option<&ApiError>) {
        self.last_failure.set_value(error.filter(|e| e.status().is_some()).map(ApiError::user_message));
    }

    /// The browser is online again: try now (a retry waiting for later is dropped), and
    /// wait the shortest time again if that fails.
    pub fn back_online(&self) {
        self.retry_attempt.set_value(0);
        self.retry_timer.update_value(|t| *t = t.wrapping_add(1));
        self.retry_due.set_value(false);
        self.process_saves();
    }

    /// After a 409: the user already has a response on this record; find its id.
    /// False when the record (or a response of the user's on it) is not there.
    async fn learn_response_id(&self, record_id: &str) -> Result<bool, ApiError> {
        let found = self.app.client().my_record(&self.dataset_id.get_value(), record_id, &["responses"]).await?;
        match found.and_then(|i| i.record.responses.into_iter().next()) {
            Some(r) => {
                self.saves.update(|q| q.learn_response_id(record_id, &r.id));
                Ok(true)
            }
            None => Ok(false),
        }
    }

    fn after_saved(&self, save: &PendingSave) {
        self.record_saved(save);
        self.persist_saves();
        self.saves_settled();
    }

    /// One answer the server has: shown as stored, its kept edits let go.
    fn record_saved(&self, save: &PendingSave) {
        self.look_for_late_landings(save);
        let id = self.saves.with_untracked(|q| q.response_ids.get(&save.record_id).cloned()).unwrap_or_default();
        let answer = UserResponse { id, values: Some(save.body.values.clone()), status: save.body.status, user_id: None, updated_at: None };
        self.list.update(|l| {
            l.store_answer(&save.record_id, answer);
            l.confirmed(&save.record_id);
        });
        if self.let_go_of_kept_edits(save) && self.current_id_untracked().is_some_and(|id| id == save.record_id) {
            self.unsaved.set(false);
        }
    }

    /// After one answer or a batch of them was stored: the notice and the counts, once.
    fn saves_settled(&self) {
        if self.saves.with_untracked(SaveQueue::is_empty) {
            if let Some(Notice::Retrying(_)) = self.notice.get_untracked() {
                self.notice.set(Some(Notice::Brief(t(k::annotate::all_saved).into())));
            }
        }
        self.refresh_progress();
    }

    /// The record's edits kept in this browser go when they are this answer's and no other
    /// answer waits for it; true if they went.
    fn let_go_of_kept_edits(&self, save: &PendingSave) -> bool {
        let still_waiting = self.saves.with_untracked(|q| q.is_waiting(&save.record_id));
        let key = self.edits_key(&save.record_id);
        let kept_matches = storage::get(Scope::Persistent, &key)
            .and_then(|t| serde_json::from_str::<BTreeMap<String, ValueItem>>(&t).ok())
            .is_some_and(|v| v == save.body.values);
        if still_waiting || !kept_matches {
            return false;
        }
        self.let_go_of_edits(&save.record_id);
        true
    }

    fn let_go_of_edits(&self, record_id: &str) {
        storage::remove(Scope::Persistent, &self.edits_key(record_id));
        storage::remove(Scope::Persistent, &self.edits_base_key(record_id));
    }

    fn show_rejection(&self, save: &PendingSave, detail: &str, field_errors: &[crate::api::error::FieldError]) {
        if self.left.get_value() {
            // Its page is gone: the app says it, with the way back to the dataset, where
            // the record comes back with the answer kept in this browser.
            let dataset = self.dataset_name.get_value();
            let href = crate::browser::app_href(&format!("/dataset/{}/annotation-mode", crate::url::encode_component(&self.dataset_id.get_value())));
            let text = tf(k::annotate::refused_after_leaving, &[("dataset", &dataset), ("detail", &detail)]);
            let link = Some((href, tf(k::annotate::refused_open, &[("dataset", &dataset)])));
            self.app.notice.set(Some(AppNotice { text, link }));
            return;
        }
        let questions = self.questions.get_value();
        let locs: Vec<Vec<String>> = field_errors.iter().map(|f| f.loc.clone()).collect();
        let by_question: BTreeMap<String, String> =
            questions_concerned(detail, &locs, &questions).into_iter().map(|q| (q, detail.to_owned())).collect();
        // The record comes back with the answer as it was sent: on screen, unless the person
        // is answering another one (their keys must not land on it); then it comes next.
        let here = self.index.get_untracked();
        let busy_elsewhere = self.unsaved.get_untracked() && self.current_id_untracked().is_some_and(|id| id != save.record_id);
        let at = if busy_elsewhere { here + 1 } else { here };
        if let Some(back) = self.list.try_update(|l| l.refused(&save.record_id, at)).flatten() {
            if busy_elsewhere {
                self.refusals.update_value(|r| {
                    r.insert(save.record_id.clone(), by_question.clone());
                });
                self.notice.set(Some(Notice::Problem(tf(k::annotate::refused_comes_next, &[("detail", &detail)]))));
                return;
            }
            self.show(back);
        }
        let is_current = self.current_id_untracked().is_some_and(|id| id == save.record_id);
        if is_current {
            self.question_errors.set(by_question);
            if let Some(i) = questions.iter().position(|q| self.question_errors.with_untracked(|e| e.contains_key(&q.name))) {
                self.focused_question.set(i);
                focus_question(i);
            }
        }
        let key = if is_current { k::annotate::refused } else { k::annotate::refused_other_record };
        self.notice.set(Some(Notice::Problem(tf(key, &[("detail", &detail)]))));
    }

    pub fn refresh_progress(&self) {
        // One request at a time, and one more after it for whatever was saved meanwhile.
        if self.progress_busy.get_value() {
            self.progress_again.set_value(true);
            return;
        }
        self.progress_busy.set_value(true);
        let this = *self;
        // After fast submits, an older count may come back last: only the newest is shown.
        let ticket = self.progress_asked.try_update_value(Latest::issue).unwrap_or_default();
        let newest = move || this.progress_asked.with_value(|l| l.is_current(ticket));
        spawn_local(async move {
            let client = this.app.client();
            let id = this.dataset_id.get_value();
            let mine = async {
                match client.my_metrics(&id).await {
                    Ok(m) if newest() => this.counts.set(m.responses),
                    Ok(_) => {}
                    Err(e) => this.app.check(&e),
                }
                this.counts_known.set(true);
            };
            let team = async {
                if let Ok(t) = client.dataset_progress(&id).await {
                    if newest() {
                        this.team.set(Some(t));
                    }
                }
            };
            futures::join!(mine, team);
            if this.progress_busy.try_set_value(false).is_none() && this.progress_again.try_update_value(std::mem::take) == Some(true) {
                this.refresh_progress();
            }
        });
    }

    /// A bulk run's answers not sent yet live only in the page: as it goes they are stored
    /// with the others, and the next visit sends them (after a look at the server).
    fn keep_bulk_unsent(&self) {
        let Some((saves, at)) = self.bulk_run.with_untracked(|r| {
            let r = r.as_ref().filter(|r| !r.waiting.is_empty())?;
            let saves: Vec<PendingSave> = r
                .waiting
                .iter()
                .filter(|i| !r.answered_since.contains(&i.record_id))
                .map(|i| PendingSave::new(i.record_id.clone(), None, ResponseUpsert { status: i.status, values: i.values.clone() }))
                .collect();
            Some((saves, r.started_at))
        }) else {
            return;
        };
        self.store.with_value(|store| store.keep_unsent(&mut LocalKeys, &saves, at));
    }

    /// Stores the queue's changes, and lets go of answers another tab has
    /// overtaken (see [`SaveStore`]).
    fn persist_saves(&self) {
        if self.stopped.get_value() {
            return;
        }
        let mut queue = self.saves.get_untracked();
        let before = queue.len();
        self.store.update_value(|store| store.sync(&mut LocalKeys, &mut queue, js_sys::Date::now()));
        if queue.len() == before {
            self.saves.update_untracked(|q| *q = queue);
        } else {
            self.saves.set(queue);
        }
    }

    /// After moving to another record: the keyboard starts at its first question,
    /// the number keys at once, the focus once the new record is drawn.
    fn start_at_first_question(&self) {
        self.focused_question.set(0);
        request_animation_frame(|| focus_question(0));
    }

    fn edits_key(&self, record_id: &str) -> String {
        format!("argilla-lite.edits.{}.{}.{record_id}", self.user.get_value(), self.dataset_id.get_value())
    }

    fn edits_base_key(&self, record_id: &str) -> String {
        format!("argilla-lite.edits-base.{}.{}.{record_id}", self.user.get_value(), self.dataset_id.get_value())
    }

    /// Answers the server does not have yet (the leave warning asks only then).
    /// The server has newer answers to these records (the bulk view's): the
    /// queued ones, and the edits kept for them, go.
    /// `sent_at`: when the newer answers left (older ones stored by any tab go too).
    pub fn forget_queued(&self, record_ids: &[String], sent_at: f64) {
        // Answered anew: an older answer of this page's landing now is no concern of it.
        self.in_doubt.update_value(|d| record_ids.iter().for_each(|id| d.forget(id)));
        // Storage first, even when stopped: a newer annotator on these answers then lets them go.
        let retired = self.store.try_update_value(|s| s.answered_on_server(&mut LocalKeys, record_ids, sent_at)).unwrap_or_default();
        for id in &retired {
            self.let_go_of_edits(id);
        }
        if self.stopped.get_value() {
            return;
        }
        if self.saves.with_untracked(|q| retired.iter().any(|id| q.is_waiting(id))) {
            self.saves.update(|q| q.drop_records(&retired));
            self.persist_saves();
        }
    }

    /// Its page has gone (answers may still be on their way).
    pub fn is_left(&self) -> bool {
        self.left.get_value()
    }

    /// An answer whose older request may still land over it is being watched
    /// (see [`Self::look_for_late_landings`]); closing the tab would end that.
    pub fn watching_late_landings(&self) -> bool {
        self.looks_due.get_value() > 0
    }

    pub fn has_queued_answers(&self) -> bool {
        !self.saves.with_untracked(SaveQueue::is_empty)
    }
}

/// What the save loop does after one request.
enum Step {
    Next,
    Stop,
    RetryLater,
}

/// The queue's storage: localStorage, or memory where it is blocked.
struct LocalKeys;

impl KeyValue for LocalKeys {
    fn get(&self, key: &str) -> Option<String> {
        storage::get(Scope::Persistent, key)
    }
    fn set(&mut self, key: &str, value: &str) {
        storage::set(Scope::Persistent, key, value);
    }
    fn remove(&mut self, key: &str) {
        storage::remove(Scope::Persistent, key);
    }
    fn keys_starting_with(&self, prefix: &str) -> Vec<String> {
        storage::keys_starting_with(Scope::Persistent, prefix)
    }
}

/// No element has the keyboard focus (the one that had it left the page).
pub fn focus_is_nowhere() -> bool {
    let document = web_sys::window().and_then(|w| w.document());
    let active = document.as_ref().and_then(|d| d.active_element());
    active.is_none() || active == document.and_then(|d| d.body()).map(Into::into)
}

/// Moves keyboard focus to question `index` (its container is focusable).
pub fn focus_question(index: usize) {
    crate::browser::focus_first(&format!("[data-question-index='{index}']"));
}

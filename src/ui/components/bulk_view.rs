//! The bulk view: a page of records from the current queue and filters,
//! a selection, and one form whose answer goes to every selected record
//! through `POST /me/responses/bulk`, in chunks, with per-record results.

use crate::api::types::{Field, FieldSettings, Question, QuestionSettings, Record, ResponseStatus, SearchResult};
use crate::api::ApiError;
use crate::domain::bulk::{spans_for, BulkItem, BulkRun, Selection, SpanRule, CONFIRM_ABOVE, PAGE_SIZES};
use crate::domain::form::{Answer, Form};
use crate::domain::queue::Latest;
use crate::i18n::{k, number, t, tf, tn};
use crate::ui::annotator::{Annotator, Notice};
use crate::ui::components::fields::{custom_record, field_body, is_long};
use crate::ui::components::linked_text::{as_written, woven};
use crate::ui::components::questions::QuestionFrame;
use crate::ui::dialog::confirmation;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeMap;

/// Where the bulk view is: page size and 0-based page, both kept in the URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BulkPlace {
    pub per_page: usize,
    pub page: usize,
}

#[component]
pub fn BulkView(annotator: Annotator, form: Annotator, place: RwSignal<Option<BulkPlace>>) -> impl IntoView {
    let records = RwSignal::new(Vec::<Record>::new());
    let total = RwSignal::new(0u64);
    let loaded = RwSignal::new(false);
    let load_error = RwSignal::new(None::<ApiError>);
    let selection = RwSignal::new(Selection::default());
    // The page's (app-owned): a run keeps sending its answers after the view or the page is
    // left, and the view opened again shows it. One that ended is not shown again, unless
    // it stopped with answers waiting (its Retry).
    let run = annotator.bulk_run;
    if run.with_untracked(|r| r.as_ref().is_some_and(|r| r.finished() && r.interrupted.is_none())) {
        run.set(None);
    }
    let rules = RwSignal::new(BTreeMap::<String, Vec<SpanRule>>::new());
    // A run is being made ready (every matching record listed): a second click meanwhile would start a second run.
    let preparing = RwSignal::new(false);
    let latest = StoredValue::new(Latest::default());
    let questions = form.questions.get_value();
    let fields = form.fields.get_value();
    let search = Signal::derive(move || annotator.list.with(|l| l.find.text.clone()));

    let load = move || {
        // (Not once the page has gone: a run that ended after it calls this.)
        let Some(Some(BulkPlace { per_page, page })) = place.try_get_untracked() else { return };
        let body = annotator.list.with_untracked(|l| l.search_body());
        let ticket = latest.try_update_value(Latest::issue).unwrap_or_default();
        spawn_local(async move {
            let path = format!(
                "/me/datasets/{}/records/search?include=responses&include=suggestions&offset={}&limit={per_page}",
                annotator.dataset_id.get_value(),
                page * per_page
            );
            let result: Result<SearchResult, ApiError> = annotator.app.client().send_json("POST", &path, &body).await;
            if latest.try_with_value(|l| l.is_current(ticket)) != Some(true) {
                return; // a newer page or filter was asked for, or the view has gone
            }
            match result {
                Ok(found) => {
                    load_error.set(None);
                    total.set(found.total);
                    records.set(found.items.into_iter().map(|i| i.record).collect());
                    loaded.set(true);
                }
                Err(e) => {
                    annotator.app.check(&e);
                    load_error.set(Some(e));
                }
            }
        });
    };
    // The queue and filters only, not every change of the focus view's list.
    let wanted = Memo::new(move |_| annotator.list.with(|l| (l.queue, l.find.clone())));
    // Reload on a new queue, filter, page or page size.
    Effect::new(move |_| {
        wanted.track();
        place.track();
        load();
    });
    // A new queue or filter makes a new selection.
    Effect::new(move |previous: Option<(crate::domain::queue::Queue, crate::domain::find::Find)>| {
        let now = wanted.get();
        if previous.is_some_and(|p| p != now) {
            selection.set(Selection::default());
        }
        now
    });

    let page_ids = move || records.with(|r| r.iter().map(|r| r.id.clone()).collect::<Vec<_>>());
    // Many records are asked about first, in the page (a frame may not show the browser's own question).
    let asking = RwSignal::new(false);
    let (question, select_all_button, keep) = confirmation(asking);
    let select_all = move || {
        keep();
        selection.set(Selection { ids: Default::default(), all_matching: Some(total.get_untracked()) });
    };
    let select_all_matching = move |_| {
        if total.get_untracked() <= CONFIRM_ABOVE {
            select_all();
        } else {
            asking.set(true);
        }
    };

    let apply = move |status: ResponseStatus| {
        if preparing.get_untracked() {
            return;
        }
        let questions = form.questions.get_value();
        let shared = form.form.get_untracked();
        if status == ResponseStatus::Submitted {
            // Span questions are answered by rules, per record (see values_for), not in the shared form.
            let mut missing = shared.missing_required(&questions);
            missing.retain(|m| questions.iter().any(|q| q.name == *m && !matches!(q.settings, QuestionSettings::Span { .. })));
            if !missing.is_empty() {
                let titles: Vec<String> = questions.iter().filter(|q| missing.contains(&q.name)).map(|q| q.title.clone()).collect();
                form.question_errors.set(missing.iter().map(|m| (m.clone(), t(k::questions::needs_answer).to_owned())).collect());
                annotator.notice.set(Some(Notice::Problem(tf(k::find::answer_required_first, &[("questions", &crate::i18n::list(&titles))]))));
                return;
            }
        }
        let chosen = selection.get_untracked();
        let rules = rules.get_untracked();
        preparing.set(true);
        spawn_local(async move {
            let targets = if chosen.all_matching.is_some() {
                let listed = all_matching(annotator).await;
                preparing.set(false);
                match listed {
                    Ok(all) => all,
                    Err(e) => {
                        annotator.app.check(&e);
                        annotator.notice.set(Some(Notice::Problem(tf(k::find::matching_not_listed, &[("error", &e.user_message())]))));
                        return;
                    }
                }
            } else {
                preparing.set(false);
                match records.try_with_untracked(|r| r.iter().filter(|r| chosen.ids.contains(&r.id)).cloned().collect()) {
                    Some(chosen) => chosen,
                    None => return, // the view went before anything was sent
                }
            };
            let items: Vec<BulkItem> = targets.iter().map(|r| BulkItem { record_id: r.id.clone(), status, values: values_for(&questions, &shared, &rules, r) }).collect();
            // The server refuses a submit with no value (nothing answered that it would take):
            // such records are told as refused here, and none is sent.
            let (empty, items): (Vec<BulkItem>, Vec<BulkItem>) = items.into_iter().partition(|i| status == ResponseStatus::Submitted && i.values.is_empty());
            if items.is_empty() && !empty.is_empty() {
                annotator.notice.set(Some(Notice::Problem(t(k::annotate::answer_one_first).into())));
                return;
            }
            let mut started = BulkRun { started_at: js_sys::Date::now(), ..BulkRun::new(items) };
            started.total += empty.len();
            started.refused.extend(empty.into_iter().map(|i| (i.record_id, t(k::annotate::answer_one_first).to_owned())));
            run.set(Some(started));
            send(annotator, run, place).await;
        });
    };

    // The form is as tall as the window below where it starts on screen, so its
    // action bar is in sight from the first paint, before the page is scrolled.
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let fit_form = move || {
        if let Some(form) = form_ref.get_untracked() {
            let style = format!("--form-top: {:.0}px", form.get_bounding_client_rect().top().max(0.0));
            if form.get_attribute("style").as_deref() != Some(&style) {
                let _ = form.set_attribute("style", &style);
            }
        }
    };
    // Before the paint that shows the view, and again when something above it comes or goes.
    Effect::new(move |_| {
        (loaded.get(), load_error.with(Option::is_some), run.with(Option::is_some), annotator.notice.with(Option::is_some));
        fit_form();
    });
    let scrolled = window_event_listener_untyped("scroll", move |_| fit_form());
    let resized = window_event_listener(leptos::ev::resize, move |_| fit_form());
    on_cleanup(move || {
        scrolled.remove();
        resized.remove();
    });

    let busy = Memo::new(move |_| run.with(|r| r.as_ref().is_some_and(|r| !r.finished() && r.interrupted.is_none())));
    // A stopped run's waiting answers go by its Retry first: a new run would drop them.
    let held = Memo::new(move |_| run.with(|r| r.as_ref().is_some_and(|r| r.interrupted.is_some() && !r.waiting.is_empty())));
    // The action buttons wait while a run goes, waits for its Retry, or is made ready, and need a selection.
    let blocked = move || busy.get() || held.get() || preparing.get() || selection.with(Selection::is_empty);
    // A run that ends while the view is shown (whichever view started it): what is left
    // selected is what the server refused, and the page is read again.
    Effect::new(move |was: Option<bool>| {
        let now = busy.get();
        if was == Some(true) && !now {
            selection.set(Selection { ids: run.with_untracked(|r| r.as_ref().map(|r| r.refused.keys().cloned().collect()).unwrap_or_default()), all_matching: None });
            load();
        }
        now
    });
    view! {
        // Shown with its first page (or the reason it did not come), so the toolbar's count does not grow after.
        <Show when=move || !loaded.get() && load_error.with(Option::is_none)>
            <p class="loading">{t(k::annotate::loading_records)}</p>
        </Show>
        <div class="bulk" data-testid="bulk-view" hidden=move || !loaded.get() && load_error.with(Option::is_none)>
            <div class="bulk-toolbar">
                <label class="select-page">
                    <input type="checkbox" aria-label=t(k::find::select_page)
                        prop:checked=move || selection.with(|s| s.page_state(&page_ids()).0)
                        prop:indeterminate=move || selection.with(|s| s.page_state(&page_ids()).1)
                        on:change=move |_| selection.update(|s| s.toggle_page(&page_ids()))/>
                    " "{t(k::find::page)}
                </label>
                <button type="button" class="button subtle" data-action="select-all-matching" node_ref=select_all_button on:click=select_all_matching>
                    {move || tn(k::find::select_all_matching, total.get() as usize, &[])}
                </button>
                <span class="selected-count" data-testid="selected-count">{move || tn(k::find::selected_count, selection.with(Selection::count) as usize, &[])}</span>
                <label>" "{t(k::find::per_page)}" "<select class="per-page" prop:value=move || place.get().map(|p| p.per_page.to_string()).unwrap_or_default()
                    on:change=move |ev| {
                        let per_page = event_target_value(&ev).parse().unwrap_or(crate::domain::bulk::DEFAULT_PAGE_SIZE);
                        place.set(Some(BulkPlace { per_page, page: 0 }));
                    }>
                    {PAGE_SIZES.into_iter().map(|n| view! { <option value=n.to_string()>{number(n as f64)}</option> }).collect_view()}
                </select></label>
                <Pager place=place total=total/>
            </div>
            <Show when=move || asking.get()>
                <div class="notice" role="alertdialog" aria-describedby="select-all-question" tabindex="-1" node_ref=question data-testid="confirm-all-matching"
                    on:keydown=move |ev| if ev.key() == "Escape" { keep() }>
                    <p id="select-all-question">{move || tn(k::find::confirm_all_matching, total.get() as usize, &[])}</p>
                    <div class="card-actions">
                        <button type="button" class="button" data-action="keep-selection" on:click=move |_| keep()>{t(k::find::keep_selection)}</button>
                        <button type="button" class="button primary" data-action="select-all-confirmed" on:click=move |_| select_all()>
                            {move || tn(k::find::select_all_matching, total.get() as usize, &[])}
                        </button>
                    </div>
                </div>
            </Show>
            <BulkProgress run=run on_retry=move || spawn_local(send(annotator, run, place))/>
            {move || load_error.get().map(|e| view! { <p class="notice problem" role="alert">{tf(k::find::records_not_loaded, &[("error", &e.user_message())])}</p> })}
            <div class="bulk-layout">
                <ol class="bulk-list">
                    {move || {
                        let refused = run.with(|r| r.as_ref().map(|r| r.refused.clone()).unwrap_or_default());
                        records.get().into_iter().map(|record| {
                            let error = refused.get(&record.id).cloned();
                            view! { <BulkRow record=record fields=fields.clone() search=search questions=questions.clone() selection=selection error=error rules=rules/> }
                        }).collect_view()
                    }}
                    {move || (loaded.get() && records.with(Vec::is_empty)).then(|| view! { <li class="empty" data-testid="bulk-empty">{t(k::find::no_records_here)}</li> })}
                </ol>
                <form class="questions bulk-form" node_ref=form_ref on:submit=move |ev| { ev.prevent_default(); apply(ResponseStatus::Submitted) }>
                    <p class="muted">{t(k::find::one_answer_for_all)}</p>
                    {form.questions.get_value().into_iter().enumerate().map(|(i, q)| {
                        if matches!(q.settings, QuestionSettings::Span { .. }) {
                            view! { <SpanRules question=q rules=rules/> }.into_any()
                        } else {
                            view! { <QuestionFrame annotator=form question=q index=i/> }.into_any()
                        }
                    }).collect_view()}
                    <div class="form-actions">
                        <button type="button" class="button" data-action="bulk-discard" disabled=blocked
                            on:click=move |_| apply(ResponseStatus::Discarded)>{t(k::find::discard)}</button>
                        <button type="button" class="button" data-action="bulk-draft" disabled=blocked
                            on:click=move |_| apply(ResponseStatus::Draft)>{t(k::find::save_draft)}</button>
                        <button type="submit" class="button primary" data-action="bulk-submit" disabled=blocked>
                            {move || tn(k::find::submit_count, selection.with(Selection::count) as usize, &[])}
                        </button>
                    </div>
                </form>
            </div>
        </div>
    }
}

/// Every record matching the queue and filters, in pages.
async fn all_matching(annotator: Annotator) -> Result<Vec<Record>, ApiError> {
    const LIMIT: usize = 500;
    let body = annotator.list.with_untracked(|l| l.search_body());
    let mut out: Vec<Record> = vec![];
    // Records this app cannot read are counted for the paging, and left out.
    let mut offset = 0;
    loop {
        // With the answers already given: a draft keeps those the bulk form leaves alone.
        let path = format!(
            "/me/datasets/{}/records/search?include=responses&offset={offset}&limit={LIMIT}",
            annotator.dataset_id.get_value(),
        );
        let page: SearchResult = annotator.app.client().send_json("POST", &path, &body).await?;
        let got = page.items.len() + page.unreadable.len();
        offset += got;
        out.extend(page.items.into_iter().map(|i| i.record));
        if got < LIMIT || offset as u64 >= page.total {
            return Ok(out);
        }
    }
}

/// What a record gets: its own answers so far (a draft's), with the bulk form's answers
/// over them; span questions get the phrase rules' spans, else keep their own.
fn values_for(questions: &[Question], shared: &Form, rules: &BTreeMap<String, Vec<SpanRule>>, record: &Record) -> BTreeMap<String, crate::api::types::ValueItem> {
    // A record's own answers as the focus view would send them back (a partial ranking completed).
    let mut values = match record.responses.first() {
        Some(_) => Form::for_record(questions, record).values_for(questions, record),
        None => BTreeMap::new(),
    };
    let spans: Vec<&str> = questions.iter().filter(|q| matches!(q.settings, QuestionSettings::Span { .. })).map(|q| q.name.as_str()).collect();
    values.extend(shared.values().into_iter().filter(|(name, _)| !spans.contains(&name.as_str())));
    for q in questions {
        if let QuestionSettings::Span { field, allow_overlapping, .. } = &q.settings {
            // A record without that text has nothing to mark (the server refuses any value then).
            let Some(text) = record.fields.get(field).and_then(|v| v.as_str()) else { continue };
            let found = rules.get(&q.name).filter(|r| !r.is_empty()).and_then(|rules| Answer::Spans(spans_for(text, rules, *allow_overlapping)).to_value());
            match found {
                Some(value) => {
                    values.insert(q.name.clone(), crate::api::types::ValueItem { value });
                }
                // A required one with nothing found nor marked before: "no entities", as the focus
                // view sends it (the server refuses the record's answer without it).
                None if q.required => {
                    values.entry(q.name.clone()).or_insert_with(|| crate::api::types::ValueItem { value: serde_json::json!([]) });
                }
                None => {}
            }
        }
    }
    values
}

/// Sends what is waiting, chunk by chunk; stops (keeping the rest) when a request fails.
async fn send(annotator: Annotator, run: RwSignal<Option<BulkRun>>, place: RwSignal<Option<BulkPlace>>) {
    run.update(|r| if let Some(r) = r { r.interrupted = None });
    let status = run.with_untracked(|r| r.as_ref().and_then(|r| r.waiting.first().map(|i| i.status)));
    // Answers queued here before the run began are older than its own (a Retry's too).
    let sent_at = run.with_untracked(|r| r.as_ref().map_or_else(js_sys::Date::now, |r| r.started_at));
    // A run started meanwhile replaces this one, and its own call sends it (and tells how it went).
    let started = run.with_untracked(|r| r.as_ref().map(|r| r.started_at));
    let replaced = move || run.try_with_untracked(|r| r.as_ref().map(|r| r.started_at)) != Some(started);
    while let Some(body) = run.try_update(|r| r.as_mut().and_then(|r| {
        r.prune();
        r.next_chunk()
    })).flatten() {
        let answer = annotator.app.client().bulk_responses(&body).await;
        if let Err(e) = &answer {
            annotator.app.check(e);
        }
        if replaced() {
            return;
        }
        let failed = answer.is_err();
        let stored_before = run.with_untracked(|r| r.as_ref().map_or(0, |r| r.stored.len()));
        run.update(|r| if let Some(r) = r { r.merge(answer) });
        // An older answer to the same records still queued (waiting for a retry) must not overwrite these.
        let stored: Vec<String> = run.with_untracked(|r| r.as_ref().map(|r| r.stored[stored_before..].to_vec()).unwrap_or_default());
        annotator.forget_queued(&stored, sent_at);
        if failed {
            break;
        }
    }
    annotator.refresh_progress();
    // The focus view must not show the answered records as still to do (while the page is
    // there, even when this view has gone).
    if annotator.is_left() {
        return;
    }
    if place.try_with_untracked(Option::is_some).unwrap_or(false) {
        annotator.open_queue(annotator.list.with_untracked(|l| l.queue), 0);
    } else if let Some(status) = status {
        // The person went on in the focus view: the records answered leave its list, and the
        // one they are on stays under their hands.
        let stored = run.with_untracked(|r| r.as_ref().map(|r| r.stored.clone()).unwrap_or_default());
        let here = annotator.index.get_untracked();
        let index = annotator.list.try_update(|l| l.answered_elsewhere(&stored, status, here)).unwrap_or(here);
        annotator.index.set(index);
        if annotator.list.with_untracked(|l| l.wants_more(index)) {
            annotator.load_more(None);
        }
    }
}

#[component]
fn BulkProgress(run: RwSignal<Option<BulkRun>>, on_retry: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    // Said once the run ends, by a region that is always there (the buttons it started from are
    // disabled meanwhile, so the focus cannot tell).
    let said = move || {
        run.with(|r| match r {
            Some(r) if r.done() == r.total => tn(k::find::answered_of, r.total, &[("done", &number((r.stored.len() + r.left_out.len()) as f64))]),
            _ => String::new(),
        })
    };
    let shown = move || {
        run.get().map(|r| {
            let percent = (r.done() * 100).checked_div(r.total).unwrap_or(100);
            let summary = tn(k::find::answered_of, r.total, &[("done", &number((r.stored.len() + r.left_out.len()) as f64))]);
            view! {
                <div class="bulk-progress" data-testid="bulk-progress">
                    <div class="progress-bar" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow=percent.to_string()
                        aria-label=t(k::find::bulk_progress)
                        style=format!("--done: {percent}%")></div>
                    <p data-testid="bulk-summary" aria-hidden="true">{summary}</p>
                    {(!r.refused.is_empty()).then(|| view! {
                        <div class="notice problem" role="alert" data-testid="bulk-refused">
                            <p>{tn(k::find::not_saved, r.refused.len(), &[])}</p>
                            <ul>{r.refused.iter().map(|(id, why)| view! { <li data-record-id=id.clone()>{woven(t(k::find::refused_record), |name| as_written(if name == "id" { id.clone() } else { why.clone() }))}</li> }).collect_view()}</ul>
                        </div>
                    })}
                    {r.interrupted.clone().map(|why| view! {
                        <p class="notice problem" role="alert">{tn(k::find::stopped, r.waiting.len(), &[("reason", &why)])}" "
                            <button type="button" class="button" data-action="bulk-retry" on:click=move |_| on_retry()>{t(k::find::retry)}</button>" "
                            <button type="button" class="button subtle" data-action="bulk-dismiss" on:click=move |_| run.set(None)>{t(k::common::dismiss)}</button></p>
                    })}
                </div>
            }
        })
    };
    view! {
        <p class="sr-only" role="status" data-testid="bulk-said">{said}</p>
        {shown}
    }
}

#[component]
fn Pager(place: RwSignal<Option<BulkPlace>>, total: RwSignal<u64>) -> impl IntoView {
    let pages = move || place.get().map(|p| (total.get() as usize).div_ceil(p.per_page).max(1)).unwrap_or(1);
    let page = move || place.get().map(|p| p.page).unwrap_or(0);
    let go = move |delta: isize| {
        place.update(|p| if let Some(p) = p {
            p.page = (p.page as isize + delta).clamp(0, pages() as isize - 1) as usize;
        })
    };
    view! {
        <span class="pager">
            <button type="button" class="button subtle" aria-label=t(k::find::previous_page) disabled=move || page() == 0 on:click=move |_| go(-1)>"‹"</button>
            <span data-testid="bulk-page" aria-live="polite">{move || tf(k::find::page_of, &[("page", &number((page() + 1) as f64)), ("pages", &number(pages() as f64))])}</span>
            <button type="button" class="button subtle" aria-label=t(k::find::next_page) disabled=move || { page() + 1 >= pages() } on:click=move |_| go(1)>"›"</button>
        </span>
    }
}

#[component]
fn BulkRow(record: Record, fields: Vec<Field>, search: Signal<String>, questions: Vec<Question>, selection: RwSignal<Selection>, error: Option<String>, rules: RwSignal<BTreeMap<String, Vec<SpanRule>>>) -> impl IntoView {
    let id = record.id.clone();
    let toggle_id = id.clone();
    let checked_id = id.clone();
    // What a custom template sees: built once per row, and only when a template needs it
    // (fields can be megabytes).
    let has_custom = fields.iter().any(|f| matches!(f.settings, FieldSettings::Custom { .. }));
    let custom = StoredValue::new(if has_custom { custom_record(&record) } else { serde_json::Value::Null });
    // What the checkbox is said with: the record's status and the first words of its first
    // plain text field, not all of it (nor markdown's source).
    let gist: String = fields
        .iter()
        .filter(|f| matches!(f.settings, FieldSettings::Text { use_markdown: false }))
        .find_map(|f| record.fields.get(&f.name)?.as_str().map(|text| text.split_whitespace().take(12).collect::<Vec<_>>().join(" ")))
        .unwrap_or_default();
    let shown_fields = fields
        .iter()
        .map(|field| {
            let value = record.fields.get(&field.name).cloned();
            let long = value.as_ref().is_some_and(is_long);
            let body = field_body(field, move || value.clone(), move || custom.get_value(), search);
            view! { <BulkField name=field.name.clone() title=field.title.clone() long=long body=body/> }
        })
        .collect_view();
    // (question title, value, score) of each suggestion.
    let suggestions: Vec<(String, String, Option<String>)> = record
        .suggestions
        .iter()
        .filter_map(|s| {
            let q = questions.iter().find(|q| q.id == s.question_id)?;
            let value = match &s.value {
                serde_json::Value::String(v) => v.clone(),
                serde_json::Value::Array(items) if items.iter().all(|i| i.is_string()) => {
                    crate::i18n::list(&items.iter().filter_map(|i| i.as_str().map(str::to_owned)).collect::<Vec<_>>())
                }
                serde_json::Value::Array(items) => tn(k::find::items_count, items.len(), &[]),
                other => other.to_string(),
            };
            let score = s.score.as_ref().and_then(|v| v.as_f64()).map(|v| crate::i18n::decimal(v, 2));
            Some((q.title.clone(), value, score))
        })
        .collect();
    let span_fields: Vec<(String, String, bool)> = questions
        .iter()
        .filter_map(|q| match &q.settings {
            QuestionSettings::Span { field, allow_overlapping, .. } => Some((q.name.clone(), field.clone(), *allow_overlapping)),
            _ => None,
        })
        .collect();
    let fields = record.fields.clone();
    let span_preview = move || {
        rules.with(|all| {
            span_fields
                .iter()
                .filter_map(|(q, field, overlap)| {
                    let r = all.get(q).filter(|r| !r.is_empty())?;
                    let text = fields.get(field).and_then(|v| v.as_str()).unwrap_or_default();
                    Some(spans_for(text, r, *overlap).len())
                })
                .sum::<usize>()
        })
    };
    let status = t(match record.responses.first().map(|r| r.status) {
        Some(ResponseStatus::Submitted) => k::common::status_submitted,
        Some(ResponseStatus::Draft) => k::common::status_draft,
        Some(ResponseStatus::Discarded) => k::common::status_discarded,
        _ => k::common::status_pending,
    });
    let refused = error.is_some();
    view! {
        <li class="bulk-row" class:refused=refused data-record-id=id.clone()>
            <label class="bulk-check">
                <input type="checkbox" aria-label=t(k::find::select_record) aria-describedby=format!("bulk-{id}-gist") prop:checked=move || selection.with(|s| s.contains(&checked_id))
                    on:change=move |_| selection.update(|s| s.toggle(&toggle_id))/>
            </label>
            <span class="sr-only" id=format!("bulk-{id}-gist")><span>{status}</span>" "<span translate="no">{gist}</span></span>
            <div class="bulk-record" id=format!("bulk-{id}")>
                <span class="record-status">{status}</span>
                {shown_fields}
                {(!suggestions.is_empty()).then(|| view! {
                    <ul class="bulk-suggestions" aria-label=t(k::find::suggestions)>
                        {suggestions.into_iter().map(|(question, value, score)| {
                            let text = t(if score.is_some() { k::find::suggestion_chip_scored } else { k::find::suggestion_chip });
                            let part = move |name: &str| match name {
                                "question" => as_written(question.clone()),
                                "value" => as_written(value.clone()),
                                _ => score.clone().unwrap_or_default().into_any(),
                            };
                            view! { <li class="suggestion-chip">{woven(text, part)}</li> }
                        }).collect_view()}
                    </ul>
                })}
                {move || match span_preview() { 0 => None, n => Some(view! { <p class="muted span-preview">{tn(k::find::spans_from_rules, n, &[])}</p> }) }}
                {error.map(|e| view! { <p class="question-error" role="alert" data-testid="bulk-row-error">{e}</p> })}
            </div>
        </li>
    }
}

/// A field in a bulk row: compact, titled, and folded with "Show more" when long.
#[component]
fn BulkField(name: String, title: String, long: bool, body: AnyView) -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <section class="field bulk-field" class:folded=move || long && !open.get() data-field=name>
            <h4 class="field-title" translate="no">{title}</h4>
            <div class="field-fold">{body}</div>
            {long.then(|| view! {
                <button type="button" class="link-button" aria-expanded=move || open.get().to_string()
                    on:click=move |_| open.update(|o| *o = !*o)>
                    {move || t(if open.get() { k::find::show_less } else { k::find::show_more })}
                </button>
            })}
        </section>
    }
}

/// A span question in bulk: "mark every <phrase> as <label>", applied to each record's own text.
#[component]
fn SpanRules(question: Question, rules: RwSignal<BTreeMap<String, Vec<SpanRule>>>) -> impl IntoView {
    let QuestionSettings::Span { options, .. } = question.settings.clone() else { return ().into_any() };
    let name = StoredValue::new(question.name.clone());
    let phrase = RwSignal::new(String::new());
    let label = RwSignal::new(options.first().map(|o| o.value.clone()).unwrap_or_default());
    let labels = StoredValue::new(options.iter().map(|o| (o.value.clone(), o.label().to_owned())).collect::<Vec<_>>());
    let add = move || {
        let p = phrase.get_untracked().trim().to_owned();
        if p.is_empty() {
            return;
        }
        rules.update(|all| all.entry(name.get_value()).or_default().push(SpanRule { phrase: p, label: label.get_untracked() }));
        phrase.set(String::new());
    };
    view! {
        <section class="question span-rules" data-question=question.name.clone()>
            <h2 class="question-title" translate="no">{question.title.clone()}</h2>
            <p class="question-description">{t(k::find::span_rules_help)}</p>
            <div class="span-rule-form">
                <input type="text" class="span-phrase" aria-label=t(k::find::word_or_phrase) placeholder=t(k::find::word_or_phrase) prop:value=move || phrase.get()
                    on:input=move |ev| phrase.set(event_target_value(&ev))
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" { ev.prevent_default(); ev.stop_propagation(); add() }/>
                <select class="span-rule-label" aria-label=t(k::find::label) prop:value=move || label.get() on:change=move |ev| label.set(event_target_value(&ev))>
                    {labels.get_value().into_iter().map(|(v, l)| view! { <option value=v translate="no">{l}</option> }).collect_view()}
                </select>
                <button type="button" class="button" data-action="add-span-rule" on:click=move |_| add()>{t(k::find::add)}</button>
            </div>
            <ul class="span-rule-list">
                {move || rules.with(|all| all.get(&name.get_value()).cloned().unwrap_or_default()).into_iter().enumerate().map(|(i, rule)| view! {
                    <li class="chip">{woven(t(k::find::span_rule), move |name| as_written(if name == "phrase" { rule.phrase.clone() } else { rule.label.clone() }))}
                        <button type="button" class="chip-remove" aria-label=t(k::find::remove_rule)
                            on:click=move |_| rules.update(|all| { if let Some(r) = all.get_mut(&name.get_value()) { r.remove(i); } })>"×"</button>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

use crate::api::types::{Dataset, Field, MetadataProperty, Question, QuestionSettings, ResponseStatus, VectorSettings};
use crate::domain::find::Find;
use crate::url::{encode_component, with_query};
use crate::browser::app_href;
use crate::browser::sanitize::safe_markdown;
use crate::domain::queue::{index_from_page, Queue};
use crate::i18n::{k, number, t, tf, tn};
use crate::ui::annotator::{focus_question, Annotator};
use crate::ui::components::error_panel::ErrorPanel;
use crate::ui::components::fields::{RecordFields, RecordMetadata};
use crate::domain::bulk::page_size;
use crate::ui::components::bulk_view::{BulkPlace, BulkView};
use crate::ui::components::find_panel::{refind, FindPanel};
use crate::ui::components::notice_line::NoticeLine;
use crate::ui::components::similar::{FindSimilar, SimilarReference};
use crate::domain::progress::{response_segments, response_summary};
use crate::ui::components::icons::{Icon, IconKind};
use crate::ui::components::record_menu::RecordMenu;
use crate::ui::components::stacked_bar::StackedBar;
use crate::ui::components::questions::{on_number_key, span, QuestionFrame};
use crate::ui::components::header::show_dataset_in_header;
use crate::ui::state::{use_app, DatasetPlace};
use leptos::ev;
use leptos::prelude::*;
use crate::ui::router::{use_navigate, use_params_map, use_query_map, NavigateOptions};

#[derive(Clone)]
struct Meta {
    dataset: Dataset,
    fields: Vec<Field>,
    questions: Vec<Question>,
    metadata: Vec<MetadataProperty>,
    vectors: Vec<VectorSettings>,
}

/// `/dataset/:id/annotation-mode?status=pending&page=N`
#[component]
pub fn Annotation() -> impl IntoView {
    let state = use_app();
    let params = use_params_map();
    let query = use_query_map();
    let dataset_id = move || params.get("id").unwrap_or_default();
    let meta = LocalResource::new(move || {
        let id = dataset_id();
        let (queue, position, find) = query.with_untracked(place_in_queue);
        Annotator::send_first_requests(&state.client(), &id, queue, find, position);
        async move {
            let client = state.client();
            let (dataset, fields, questions, metadata, vectors) = futures::join!(
                client.dataset(&id),
                client.fields(&id),
                client.questions(&id),
                client.my_metadata_properties(&id),
                client.vectors_settings(&id)
            );
            // Metadata and vectors only add ways to find records: the page works without them.
            let metadata = metadata.unwrap_or_default();
            let vectors = vectors.unwrap_or_default();
            let result = (|| Ok(Meta { dataset: dataset?, fields: fields?, questions: questions?, metadata, vectors }))();
            if let Err(e) = &result {
                state.check(e);
            }
            result
        }
    });
    view! {
        <section class="annotation">
            <Transition fallback=|| view! { <p class="loading">{t(k::annotate::loading_dataset)}</p> }>
                {move || Suspend::new(async move {
                    match meta.await {
                        Err(error) => view! { <ErrorPanel error=error on_retry=move |_| meta.refetch()/> }.into_any(),
                        Ok(meta) => view! { <Workspace meta=meta/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Workspace(meta: Meta) -> impl IntoView {
    let state = use_app();
    let query = use_query_map();
    let navigate = use_navigate();
    let (queue, page, find) = query.with_untracked(place_in_queue);
    let place = RwSignal::new(query.with_untracked(bulk_place));
    let annotator = Annotator::new(state, meta.dataset.id.clone(), meta.dataset.name.clone(), meta.questions.clone(), meta.fields.clone(), queue);
    // The bulk view's shared form reuses the question components through an annotator of its own.
    let bulk_form = Annotator::new(state, meta.dataset.id.clone(), meta.dataset.name.clone(), meta.questions.clone(), meta.fields.clone(), queue);
    annotator.open(queue, find, page);
    annotator.refresh_progress();
    annotator.process_saves();

    // Keep the URL on the shown record, so a reload or a shared link lands here.
    let nav = navigate.clone();
    let dataset_path = format!("/dataset/{}/annotation-mode", encode_component(&meta.dataset.id));
    let path_for_url = dataset_path.clone();
    // What the URL last said: a new queue, search or view is a new history
    // entry (back/forward restore it); moving between records only replaces it.
    let synced = StoredValue::new(None::<(Queue, Find, Option<BulkPlace>)>);
    Effect::new(move |_| {
        let (queue, find) = annotator.list.with(|l| (l.queue, l.find.clone()));
        let position = annotator.list.with(|l| l.position(annotator.index.get()));
        if !annotator.list.with(|l| l.loaded_once) {
            return;
        }
        let state = Some((queue, find.clone(), place.get()));
        let replace = synced.with_value(|s| s.is_none() || *s == state);
        synced.set_value(state);
        let mut pairs = vec![("status", queue.as_str().to_owned()), ("page", (position + 1).to_string())];
        pairs.extend(find.to_query());
        if let Some(p) = place.get() {
            pairs.extend([("view", "bulk".to_owned()), ("per_page", p.per_page.to_string()), ("bulk_page", (p.page + 1).to_string())]);
        }
        let url = with_query(&path_for_url, &pairs);
        nav(&url, NavigateOptions { replace, scroll: false, ..Default::default() });
    });
    // Back/forward to another queue or position.
    Effect::new(move |_| {
        let (status, page, find) = query.with(|q| (q.get("status"), q.get("page"), Find::from_query(|k| q.get_all(k).unwrap_or_default())));
        let wanted = status.and_then(|s| Queue::parse(&s)).unwrap_or_default();
        let position = index_from_page(page.as_deref());
        let wanted_place = query.with(bulk_place);
        synced.set_value(Some((wanted, find.clone(), wanted_place)));
        if place.get_untracked() != wanted_place {
            place.set(wanted_place);
        }
        if annotator.list.with_untracked(|l| l.queue != wanted || l.find != find) {
            annotator.open(wanted, find, position);
        } else if let Some(index) = annotator.list.with_untracked(|l| l.index_of(position)) {
            if index != annotator.index.get_untracked() {
                annotator.show(index);
            }
        } else if annotator.list.with_untracked(|l| l.loaded_once && l.position(annotator.index.get_untracked()) != position) {
            // A position outside the loaded pages (the address was edited, or history).
            annotator.open(wanted, find, position);
        }
    });

    let help_open = RwSignal::new(false);
    let keydown = window_event_listener(ev::keydown, move |ev| match place.get_untracked() {
        None => on_key(annotator, help_open, ev),
        Some(_) => on_bulk_key(bulk_form, help_open, ev),
    });
    // Ask before leaving only while answers are on their way or watched for an older
    // one landing late (or edits, where the browser keeps nothing across a reload);
    // send them as the page goes.
    let beforeunload = window_event_listener(ev::beforeunload, move |ev| {
        let would_lose = annotator.has_queued_answers()
            || annotator.watching_late_landings()
            || (annotator.unsaved.get_untracked() && !crate::browser::storage::lasting());
        // A bulk run's unsent answers live in this page only: asked about on any way out.
        let run_unsent = annotator.bulk_run.try_with_untracked(|r| r.as_ref().is_some_and(|r| !r.finished())).unwrap_or(false);
        if (would_lose && !crate::browser::loading_other_bundle()) || run_unsent {
            ev.prevent_default();
            ev.set_return_value(t(k::annotate::leave_warning));
        }
    });
    let pagehide = window_event_listener_untyped("pagehide", move |_| annotator.send_before_leaving());
    // Sent while the token still holds: the page that follows has none.
    let signing_out = window_event_listener_untyped(crate::ui::state::SIGNING_OUT, move |_| annotator.send_at_sign_out());
    let hidden = window_event_listener_untyped("visibilitychange", move |_| {
        if document().hidden() {
            annotator.send_before_leaving();
        } else {
            annotator.process_saves();
        }
    });
    let online = window_event_listener(ev::online, move |_| annotator.back_online());
    on_cleanup(move || {
        keydown.remove();
        // Answers on their way keep going after the page, warned about and sent at tab close.
        annotator.leave(vec![beforeunload, pagehide, hidden, online, signing_out]);
        bulk_form.stop();
    });

    // The page paints once its first records and counts are in, so nothing
    // it shows (tab counts, the position, suggestion marks) grows after; it
    // stays shown while another queue or search loads.
    let ready = Memo::new(move |was: Option<&bool>| {
        was == Some(&true)
            || annotator.counts_known.get() && (annotator.list.with(|l| l.loaded_once) || annotator.load_error.with(Option::is_some))
    });
    let bulk_on = Memo::new(move |_| place.with(Option::is_some));
    // Past the loaded records while the next ones are on their way is not an empty
    // queue: the form stays (and keeps the keyboard) until they come.
    let list_empty = Memo::new(move |_| {
        annotator.list.with(|l| l.loaded_once && l.items.is_empty() && !(annotator.loading.get() && l.has_more()))
    });
    let guidelines_open = RwSignal::new(false);
    let guidelines_button = NodeRef::<leptos::html::Button>::new();
    let guidelines = meta.dataset.guidelines.clone().unwrap_or_default();
    let questions = meta.questions.clone();
    let vectors = meta.vectors.clone();
    let metadata = meta.metadata.clone();
    let name = meta.dataset.name.clone();
    show_dataset_in_header(DatasetPlace { id: meta.dataset.id.clone(), name: name.clone(), workspace_id: meta.dataset.workspace_id.clone(), settings: false });
    let backup_path = format!("/backup?dataset={}", encode_component(&meta.dataset.id));
    let settings_path = format!("/dataset/{}/settings", encode_component(&meta.dataset.id));
    let export_path = format!("/dataset/{}/export", encode_component(&meta.dataset.id));

    view! {
        <Show when=move || !ready.get()>
            <p class="loading list-pending">{t(k::annotate::loading_records)}</p>
        </Show>
        // Laid out while it fills in (a long record's text too, as it comes), painted once ready.
        <div class="annotation-ready" class:pending=move || !ready.get()>
            <div class="annotation-head">
                <h1 data-testid="dataset-title" translate="no">{name}</h1>
                <div class="head-actions">
                    <button type="button" class="button subtle" aria-expanded=move || guidelines_open.get().to_string() node_ref=guidelines_button
                        on:click=move |_| guidelines_open.update(|o| *o = !*o)>{t(k::annotate::guidelines)}</button>
                    <button type="button" class="button subtle" data-action="shortcuts" aria-haspopup="dialog" on:click=move |_| help_open.set(true)>{t(k::annotate::shortcuts)}</button>
                    <Show when=move || state.can_manage()>
                        <a class="button subtle" href=app_href(&backup_path) data-testid="dataset-backup">{t(k::annotate::download_backup)}</a>
                        <a class="button subtle" href=app_href(&export_path) data-testid="dataset-export">{t(k::annotate::export_to_hub)}</a>
                        <a class="button subtle" href=app_href(&settings_path) data-testid="dataset-settings">{t(k::annotate::settings)}</a>
                    </Show>
                </div>
            </div>
            <Show when=move || guidelines_open.get()>
                <aside class="guidelines markdown" aria-label=t(k::annotate::guidelines)>
                    <div class="panel-head">
                        <strong>{t(k::annotate::guidelines)}</strong>
                        <button type="button" class="button subtle" aria-label=t(k::annotate::close_guidelines) title=t(k::annotate::close)
                            on:click=move |_| {
                                guidelines_open.set(false);
                                // The button pressed goes with the panel: the focus goes back to where it opened.
                                if let Some(b) = guidelines_button.get_untracked() { let _ = b.focus(); }
                            }><Icon kind=IconKind::Close/></button>
                    </div>
                    {if guidelines.trim().is_empty() {
                        view! { <p>{t(k::annotate::no_guidelines)}</p> }.into_any()
                    } else {
                        view! { <div translate="no" inner_html=safe_markdown(&guidelines)></div> }.into_any()
                    }}
                </aside>
            </Show>
            <div class="queue-row">
                <QueueTabs annotator=annotator place=place/>
                <ViewSwitch annotator=annotator place=place/>
            </div>
            <FindPanel annotator=annotator fields=meta.fields.clone() metadata=meta.metadata.clone() questions=meta.questions.clone()/>
            <SimilarReference annotator=annotator/>
            // Beside a record, the notice is in the record's pane (see Focus).
            {move || (bulk_on.get() || list_empty.get()).then(|| view! { <NoticeLine annotator=annotator/> })}
            {move || annotator.load_error.get().map(|e| view! { <ErrorPanel error=e on_retry=move |_| annotator.load_more(Some(annotator.index.get_untracked()))/> })}
            {move || {
                // Memos: a new page of records or an answer must not rebuild the whole view.
                if bulk_on.get() {
                    view! { <BulkView annotator=annotator form=bulk_form place=place/> }.into_any()
                } else if list_empty.get() {
                    view! { <EmptyQueue annotator=annotator/> }.into_any()
                } else {
                    let questions = questions.clone();
                    view! { <Focus annotator=annotator questions=questions vectors=vectors.clone() metadata=metadata.clone()/> }.into_any()
                }
            }}
        </div>
        <Show when=move || help_open.get()>
            <ShortcutsHelp on_close=move || help_open.set(false)/>
        </Show>
    }
}

/// The queue, position and search that the address asks for.
fn place_in_queue(q: &crate::url::QueryMap) -> (Queue, usize, Find) {
    (
        q.get("status").and_then(|s| Queue::parse(&s)).unwrap_or_default(),
        index_from_page(q.get("page").as_deref()),
        Find::from_query(|k| q.get_all(k).unwrap_or_default()),
    )
}

/// `?view=bulk&per_page=25&bulk_page=2`
fn bulk_place(q: &crate::url::QueryMap) -> Option<BulkPlace> {
    let queue = q.get("status").and_then(|s| Queue::parse(&s)).unwrap_or_default();
    (q.get("view").as_deref() == Some("bulk") && bulk_allowed(queue)).then(|| BulkPlace {
        per_page: page_size(q.get("per_page").as_deref()),
        page: index_from_page(q.get("bulk_page").as_deref()),
    })
}

/// Bulk answers go to records still to do: the Pending and Draft queues.
fn bulk_allowed(queue: Queue) -> bool {
    matches!(queue, Queue::Pending | Queue::Draft)
}

#[component]
fn ViewSwitch(annotator: Annotator, place: RwSignal<Option<BulkPlace>>) -> impl IntoView {
    let allowed = move || annotator.list.with(|l| bulk_allowed(l.queue));
    view! {
        <Show when=allowed>
            <div class="view-switch" role="group" aria-label=t(k::annotate::view)>
                <button type="button" class="button subtle" data-view="focus" aria-pressed=move || place.with(Option::is_none).to_string()
                    on:click=move |_| place.set(None)>{t(k::annotate::view_focus)}</button>
                <button type="button" class="button subtle" data-view="bulk" aria-pressed=move || place.with(Option::is_some).to_string()
                    on:click=move |_| if place.with_untracked(Option::is_none) {
                        place.set(Some(BulkPlace { per_page: page_size(None), page: 0 }))
                    }>{t(k::annotate::view_bulk)}</button>
            </div>
        </Show>
    }
}

/// The bulk view's keys: undo and redo, the queue tabs, the shortcuts, and the focused
/// question's keys in the shared answer form (its options take no Tab stop).
fn on_bulk_key(form: Annotator, help_open: RwSignal<bool>, ev: web_sys::KeyboardEvent) {
    let key = ev.key();
    let command = ev.ctrl_key() || ev.meta_key();
    let typing = in_text_input(&ev);
    if help_open.get_untracked() {
        if matches!(key.as_str(), "Escape" | "?") {
            help_open.set(false);
            ev.prevent_default();
        }
        return;
    }
    let question = target_element(&ev)
        .and_then(|el| el.closest(".bulk-form [data-question-index]").ok().flatten())
        .and_then(|el| el.get_attribute("data-question-index")?.parse::<usize>().ok())
        .and_then(|i| form.questions.get_value().get(i).cloned());
    let handled = match key.as_str() {
        "z" | "Z" if command && ev.shift_key() => {
            form.redo();
            true
        }
        "y" | "Y" if command => {
            form.redo();
            true
        }
        "z" | "Z" if command && !typing => {
            form.undo();
            true
        }
        "ArrowRight" | "ArrowLeft" if on_tab(&ev) => move_among_tabs(&ev, key == "ArrowRight"),
        _ if typing || command || ev.alt_key() || ev.repeat() => false,
        "?" if question.is_some() || crate::browser::keys_anywhere() => {
            help_open.set(true);
            true
        }
        _ => question.is_some_and(|q| question_key(form, &q, &key, ev.shift_key())),
    };
    if handled {
        ev.prevent_default();
    }
}

/// A key on a focused question: 1–9 and 0 pick an option (0 the tenth; in a rating, the
/// value written on the key, 0 being 10 on a scale without 0),
/// ↑ ↓ move among options or ranks, = ties ranks. True when the key was used.
fn question_key(annotator: Annotator, question: &Question, key: &str, shift: bool) -> bool {
    use crate::ui::components::questions::{choice_key, ranking, say_answer};
    let ranked = matches!(question.settings, QuestionSettings::Ranking { .. });
    match key {
        k if k.len() == 1 && k.as_bytes()[0].is_ascii_digit() => {
            let n = match (k.as_bytes()[0] - b'0') as usize {
                0 => 10,
                n => n,
            };
            on_number_key(annotator, question, n);
            true
        }
        "=" if ranked => ranking::tie_key(annotator, question),
        "ArrowUp" | "ArrowDown" if ranked => ranking::cursor_key(annotator, question, key, shift),
        "ArrowUp" | "ArrowDown" => match span::label_key(annotator, question, key) {
            Some(_) => {
                say_answer(annotator, question);
                true
            }
            None => choice_key(annotator, question, key),
        },
        _ => false,
    }
}

#[component]
fn QueueTabs(annotator: Annotator, place: RwSignal<Option<BulkPlace>>) -> impl IntoView {
    view! {
        <div class="queue-tabs" role="tablist" aria-label=t(k::annotate::queues)>
            {Queue::ALL.into_iter().map(|queue| {
                let selected = move || annotator.list.with(|l| l.queue) == queue;
                view! {
                    <button type="button" role="tab" class="queue-tab" class:selected=selected
                        aria-selected=move || selected().to_string() data-queue=queue.as_str()
                        tabindex=move || if selected() { "0" } else { "-1" }
                        on:click=move |_| if !selected() {
                            if !bulk_allowed(queue) { place.set(None) }
                            annotator.open_queue(queue, 0)
                        }>
                        {queue.label()}
                        " "<span class="count">{move || annotator.counts.with(|c| number(queue.count(c) as f64))}</span>
                    </button>
                }
            }).collect_view()}
        </div>
    }
}

#[component]
fn Focus(annotator: Annotator, questions: Vec<Question>, vectors: Vec<VectorSettings>, metadata: Vec<MetadataProperty>) -> impl IntoView {
    let position = move || {
        let (at, of) = annotator.list.with(|l| l.position_of(annotator.index.get()));
        (number(at as f64), number(of as f64))
    };
    let record_status = move || {
        annotator.with_current(|r| r.responses.first().map(|x| x.status.as_str().to_owned()).unwrap_or_else(|| "pending".into()))
    };
    let status_text = move || record_status().map(|s| status_chip(&s)).unwrap_or_default();
    let complete_for_others = move || {
        annotator.with_current(|r| r.status.as_deref() == Some("completed") && r.responses.first().is_none_or(|x| x.status.as_str() != "submitted")).unwrap_or(false)
    };
    view! {
        <div class="annotation-layout">
            <section class="record-pane" aria-label=t(k::annotate::record) data-record-id=move || annotator.with_current(|r| r.id.clone()).unwrap_or_default()>
                <p class="sr-only" aria-live="polite" data-testid="spoken">{move || annotator.spoken.get()}</p>
                <div class="record-nav">
                    <button type="button" class="button subtle" aria-label=t(k::annotate::previous_record)
                        disabled=move || annotator.index.get() == 0 && annotator.list.with(|l| l.start == 0) on:click=move |_| annotator.go(-1)>{t(k::annotate::previous)}</button>
                    // Next beside Previous, and the tools at the far end (one unit, wrapping whole):
                    // what changes width (position, status) never moves a button from under the pointer.
                    <button type="button" class="button subtle" aria-label=t(k::annotate::next_record)
                        disabled=move || annotator.list.with(|l| annotator.index.get() + 1 >= l.items.len())
                        on:click=move |_| annotator.go(1)>{t(k::annotate::next)}</button>
                    // Seen: "Record 3 of 40"; heard on every move: "Record 3 of 40, pending".
                    <span class="position" data-testid="position" aria-live="polite" aria-atomic="true">
                        <span aria-hidden="true">{move || { let (at, of) = position(); tf(k::annotate::position, &[("position", &at), ("total", &of)]) }}</span>
                        <span class="sr-only">{move || { let (at, of) = position(); tf(k::annotate::position_announced, &[("position", &at), ("total", &of), ("status", &status_text())]) }}</span>
                    </span>
                    <span class=move || format!("record-status status-{}", record_status().unwrap_or_default()) data-testid="record-status">{status_text}</span>
                    // As Argilla says on a draft: the team has finished this record (min_submitted reached).
                    {move || complete_for_others().then(|| view! {
                        <span class="record-status status-complete" data-testid="record-complete" title=t(k::annotate::chip_complete_title)>"✓ "{t(k::annotate::chip_complete)}</span>
                    })}
                    {move || annotator.with_current(|r| r.id.clone()).and_then(|id| annotator.list.with(|l| l.scores.get(&id).copied())).map(|score| view! {
                        <span class="similarity" data-testid="similarity" title=t(k::annotate::similarity_title)>{tf(k::annotate::similarity, &[("score", &crate::i18n::decimal(score, 3))])}</span>
                    })}
                    <span class="record-tools">
                        {(!vectors.is_empty()).then(|| view! { <FindSimilar annotator=annotator vectors=vectors.clone()/> })}
                        <RecordMenu annotator=annotator/>
                    </span>
                </div>
                <NoticeLine annotator=annotator/>
                <Show when=move || annotator.with_current(|_| ()).is_some() fallback=|| view! { <p class="loading">{t(k::annotate::loading_records)}</p> }>
                    <RecordFields annotator=annotator/>
                    <RecordMetadata annotator=annotator properties=metadata.clone()/>
                </Show>
            </section>
            <section class="form-pane" aria-label=t(k::annotate::questions)>
                <form class="questions" on:submit=move |ev| { ev.prevent_default(); annotator.save(ResponseStatus::Submitted) }>
                    // No record shown (the next ones are on their way): nothing to answer yet.
                    <fieldset class="question-list" disabled=move || annotator.with_current(|_| ()).is_none()>
                        {questions.iter().cloned().enumerate().map(|(i, q)| view! { <QuestionFrame annotator=annotator question=q index=i/> }).collect_view()}
                    </fieldset>
                    <div class="form-actions">
                        <button type="button" class="button" data-action="discard" aria-keyshortcuts="Backspace"
                            on:click=move |ev| if !second_click(&ev) { annotator.save(ResponseStatus::Discarded) }>{t(k::annotate::discard)}<kbd aria-hidden="true">"⌫"</kbd></button>
                        <button type="button" class="button" data-action="draft" aria-keyshortcuts="Control+S"
                            on:click=move |_| annotator.save(ResponseStatus::Draft)>{t(k::annotate::save_draft)}<kbd aria-hidden="true">{t(k::annotate::key_save_draft)}</kbd></button>
                        <button type="submit" class="button primary" data-action="submit" aria-keyshortcuts="Enter"
                            on:click=move |ev| if second_click(&ev) { ev.prevent_default() }>{t(k::annotate::submit)}<kbd aria-hidden="true">"↵"</kbd></button>
                        // Over the bar's top edge, taking no room: these come and go as answers are saved.
                        <p class="save-state">
                            <span class="saving" data-testid="saving-count">{move || match annotator.saves.with(|q| q.len()) {
                                0 => String::new(),
                                n => tn(k::annotate::still_saving, n, &[]),
                            }}</span>
                            <Show when=move || annotator.unsaved.get()>
                                <span class="unsaved" data-testid="unsaved" title=t(k::annotate::unsaved_title)>{t(k::annotate::unsaved)}</span>
                            </Show>
                            <FrameKeysHint/>
                        </p>
                    </div>
                </form>
                <Progress annotator=annotator/>
            </section>
        </div>
    }
}

/// In a frame (a Space on huggingface.co) the keys go to the page around it until the frame
/// has been clicked: said while it lacks the focus.
#[component]
fn FrameKeysHint() -> impl IntoView {
    let framed = crate::browser::is_framed();
    let focused = move || !framed || document().has_focus().unwrap_or(true);
    let has_focus = RwSignal::new(focused());
    let focus_in = window_event_listener(ev::focus, move |_| has_focus.set(true));
    let focus_out = window_event_listener(ev::blur, move |_| has_focus.set(focused()));
    on_cleanup(move || {
        focus_in.remove();
        focus_out.remove();
    });
    view! {
        <Show when=move || !has_focus.get()>
            <span class="frame-keys" data-testid="frame-keys">{t(k::annotate::frame_keys)}</span>
        </Show>
    }
}

#[component]
fn Progress(annotator: Annotator) -> impl IntoView {
    view! {
        <div class="progress-panel" data-testid="progress">
            {move || annotator.counts.with(|c| view! {
                <StackedBar segments=response_segments(c) label=tf(k::annotate::progress_label, &[("summary", &response_summary(c))])/>
            })}
            <p data-testid="my-progress">{move || annotator.counts.with(|c| tf(k::annotate::my_progress, &[("summary", &response_summary(c))]))}</p>
            {move || annotator.team.get().map(|t| view! {
                <p data-testid="team-progress">{tn(k::annotate::team_progress, t.total as usize, &[("completed", &number(t.completed as f64))])}</p>
            })}
        </div>
    }
}

#[component]
fn EmptyQueue(annotator: Annotator) -> impl IntoView {
    let queue = move || annotator.list.with(|l| l.queue);
    let narrowed = move || annotator.list.with(|l| l.find.narrows());
    // The form that had the focus is gone: the focus comes here, so a screen reader reads why
    // (not when it is elsewhere, e.g. in the search box being typed in).
    let panel = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(panel) = panel.get() {
            if crate::ui::annotator::focus_is_nowhere() {
                let _ = panel.focus();
            }
        }
    });
    view! {
        <div class="empty" data-testid="empty-queue" tabindex="-1" node_ref=panel>
            {move || if narrowed() {
                view! { <p data-testid="no-match"><strong>{t(k::annotate::no_match_title)}</strong>" "{t(k::annotate::no_match)}" "
                    <button type="button" class="button" data-action="clear-filters" on:click=move |_| {
                        refind(annotator, Find::cleared);
                        crate::ui::dialog::refocus_if_lost(".find-text");
                    }>{t(k::annotate::clear_filters)}</button></p> }.into_any()
            } else {
                match queue() {
                    Queue::Pending => view! { <p><strong>{t(k::annotate::all_done_title)}</strong>" "{t(k::annotate::all_done)}</p> }.into_any(),
                    Queue::Draft => view! { <p>{t(k::annotate::none_draft)}</p> }.into_any(),
                    Queue::Submitted => view! { <p>{t(k::annotate::none_submitted)}</p> }.into_any(),
                    Queue::Discarded => view! { <p>{t(k::annotate::none_discarded)}</p> }.into_any(),
                }
            }}
            <p>{move || annotator.counts.with(|c| tf(k::annotate::totals, &[
                ("submitted", &number(c.submitted as f64)), ("draft", &number(c.draft as f64)), ("discarded", &number(c.discarded as f64)),
            ]))}</p>
        </div>
    }
}

#[component]
fn ShortcutsHelp(on_close: impl Fn() + Clone + Send + Sync + 'static) -> impl IntoView {
    let close = on_close.clone();
    let dialog = NodeRef::<leptos::html::Div>::new();
    let trap = crate::ui::dialog::focus_trap(dialog);
    view! {
        <div class="overlay" role="dialog" aria-modal="true" aria-label=t(k::annotate::shortcuts_title) node_ref=dialog on:keydown=move |ev| trap(ev) on:click=move |_| close()>
            <div class="overlay-card" on:click=|ev| ev.stop_propagation()>
                <h2>{t(k::annotate::shortcuts_title)}</h2>
                <dl class="shortcuts">
                    <dt>"1–9, 0"</dt><dd>{t(k::annotate::help_numbers)}</dd>
                    <dt>{t(k::annotate::keys_tab)}</dt><dd>{t(k::annotate::help_tab)}</dd>
                    <dt>{t(k::annotate::keys_span)}</dt><dd>{t(k::annotate::help_span)}</dd>
                    <dt>"↑ ↓"</dt><dd>{t(k::annotate::help_up_down)}</dd>
                    <dt>"="</dt><dd>{t(k::annotate::help_tie)}</dd>
                    <dt>{t(k::annotate::keys_enter)}</dt><dd>{t(k::annotate::help_enter)}</dd>
                    <dt>{t(k::annotate::keys_save)}</dt><dd>{t(k::annotate::help_save)}</dd>
                    <dt>{t(k::annotate::keys_backspace)}</dt><dd>{t(k::annotate::help_backspace)}</dd>
                    <dt>{t(k::annotate::keys_records)}</dt><dd>{t(k::annotate::help_records)}</dd>
                    <dt>{t(k::annotate::keys_undo)}</dt><dd>{t(k::annotate::help_undo)}</dd>
                    <dt>"?"</dt><dd>{t(k::annotate::help_help)}</dd>
                </dl>
                <button type="button" class="button primary" autofocus on:click=move |_| on_close()>{t(k::annotate::close)}</button>
            </div>
        </div>
    }
}

/// The record's status chip, from the API's status name.
fn status_chip(status: &str) -> &'static str {
    t(match status {
        "draft" => k::annotate::chip_draft,
        "submitted" => k::annotate::chip_submitted,
        "discarded" => k::annotate::chip_discarded,
        _ => k::annotate::chip_pending,
    })
}

fn in_text_input(ev: &web_sys::KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.has_attribute("contenteditable"))
        .unwrap_or(false)
}

/// The key's target: a control that acts on its own (a link, a menu, an action button, a tab;
/// in a question, one with a Tab stop such as "Show more" or Write/Preview, not an option,
/// which a click focuses and Enter then submits).
fn on_own_control(ev: &web_sys::KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    target_element(ev).is_some_and(|el| {
        let Some(control) = el.closest("a[href], button, summary, select, audio, video, [role=menuitem], [role=tab]").ok().flatten() else { return false };
        el.closest(".question").ok().flatten().is_none() || control.dyn_ref::<web_sys::HtmlElement>().is_some_and(|c| c.tab_index() >= 0)
    })
}

fn keeps_its_keys(ev: &web_sys::KeyboardEvent, key: &str) -> bool {
    target_element(ev).is_some_and(|el| {
        el.closest("audio, video, [role=menu]").ok().flatten().is_some()
            || matches!(key, "ArrowLeft" | "ArrowRight") && el.matches(".markdown pre, .markdown table").unwrap_or(false) && el.scroll_width() > el.client_width()
    })
}

fn target_element(ev: &web_sys::KeyboardEvent) -> Option<web_sys::Element> {
    ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
}

fn on_tab(ev: &web_sys::KeyboardEvent) -> bool {
    target_element(ev).is_some_and(|el| el.get_attribute("role").as_deref() == Some("tab"))
}

/// ← → in a tab list move the focus to the previous or next tab, going round; Enter or Space opens it.
fn move_among_tabs(ev: &web_sys::KeyboardEvent, forward: bool) -> bool {
    use wasm_bindgen::JsCast;
    let Some(tab) = target_element(ev) else { return false };
    let Some(list) = tab.closest("[role=tablist]").ok().flatten() else { return false };
    let Ok(tabs) = list.query_selector_all("[role=tab]") else { return false };
    let count = tabs.length();
    let at = (0..count).find(|&i| tabs.get(i).is_some_and(|t| t == *tab)).unwrap_or(0);
    let next = if forward { (at + 1) % count.max(1) } else { (at + count - 1) % count.max(1) };
    if let Some(next) = tabs.get(next).and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = next.focus();
    }
    true
}

/// The second click of a double click: the first one already moved on to the next record.
fn second_click(ev: &web_sys::MouseEvent) -> bool {
    ev.detail() > 1
}

fn on_key(annotator: Annotator, help_open: RwSignal<bool>, ev: web_sys::KeyboardEvent) {
    let key = ev.key();
    let command = ev.ctrl_key() || ev.meta_key();
    let typing = in_text_input(&ev);
    let questions = annotator.questions.get_value();
    let focused = questions.get(annotator.focused_question.get_untracked()).cloned();
    let question_has_focus = {
        use wasm_bindgen::JsCast;
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .and_then(|e| e.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|e| e.closest(".question").ok().flatten().is_some())
    };
    // A modal is open: the record behind it takes no keys.
    if help_open.get_untracked() && !matches!(key.as_str(), "Escape" | "?") {
        return;
    }
    // A player or an open menu takes its own keys (Enter plays, arrows seek or move);
    // a box that scrolls sideways keeps ← →.
    if !command && keeps_its_keys(&ev, &key) {
        return;
    }
    // No record shown (the next ones are on their way): keys that answer wait for one.
    if annotator.current_id_untracked().is_none() && !matches!(key.as_str(), "Escape" | "?" | "ArrowRight" | "ArrowLeft" | "PageDown" | "PageUp") {
        return;
    }
    let handled = match key.as_str() {
        // A key held down answers one record, not every record that follows.
        "Enter" | "Backspace" | "s" | "S" if ev.repeat() && (command || !typing) => true,
        "s" | "S" if command => {
            annotator.save(ResponseStatus::Draft);
            true
        }
        "z" | "Z" if command && ev.shift_key() && !typing => {
            annotator.redo();
            true
        }
        "y" | "Y" if command && !typing => {
            annotator.redo();
            true
        }
        "z" | "Z" if command && !typing => {
            annotator.undo();
            true
        }
        "Enter" if command || !typing => {
            if on_own_control(&ev) {
                false // a focused link, menu or action button does its own thing
            } else {
                annotator.save(ResponseStatus::Submitted);
                true
            }
        }
        _ if typing || command || ev.alt_key() => false,
        // One-character keys outside a question only where the person allows it (WCAG 2.1.4).
        k if k.chars().count() == 1 && !question_has_focus && !crate::browser::keys_anywhere() => false,
        "?" => {
            help_open.update(|o| *o = !*o);
            true
        }
        "Escape" => {
            help_open.set(false);
            false
        }
        k if k.len() == 1 && k.as_bytes()[0].is_ascii_digit() => {
            // Without a question focused, the first one's.
            let question = focused.clone().or_else(|| questions.first().cloned());
            if let Some(q) = question {
                question_key(annotator, &q, k, false);
                if !question_has_focus {
                    focus_question(annotator.focused_question.get_untracked());
                }
            }
            true
        }
        "ArrowRight" | "ArrowLeft" | "Delete" | "Backspace"
            if question_has_focus && focused.as_ref().is_some_and(|q| span::setup(q).is_some()) =>
        {
            focused.as_ref().is_some_and(|q| span::cursor_key(annotator, q, &key, ev.shift_key()))
        }
        "=" | "ArrowUp" | "ArrowDown" if question_has_focus => focused.as_ref().is_some_and(|q| question_key(annotator, q, &key, ev.shift_key())),
        "ArrowRight" | "ArrowLeft" if on_tab(&ev) => move_among_tabs(&ev, key == "ArrowRight"),
        // A focused button or link outside the form: Backspace does not discard behind it.
        "Backspace" if on_own_control(&ev) => false,
        "ArrowRight" | "PageDown" => {
            annotator.go(1);
            true
        }
        "ArrowLeft" | "PageUp" => {
            annotator.go(-1);
            true
        }
        "Backspace" => {
            annotator.save(ResponseStatus::Discarded);
            true
        }
        _ => false,
    };
    if handled {
        ev.prevent_default();
    }
}

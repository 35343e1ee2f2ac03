//! Finding records on the dataset page: text search, filters (metadata,
//! answers, suggestions), several sort keys, and the active filters as chips.
//! Every change reopens the queue with the new `Find`; the page keeps the URL
//! in step, and only the newest search's results are ever shown.

use crate::api::types::{Field, FieldSettings, MetadataMetrics, MetadataProperty, Question};
use crate::domain::filter::{filter_choices, sort_choices, Choices, Filter, FilterChoice, Scope, SuggestionPart};
use crate::domain::find::{Find, SortKey};
use crate::i18n::{k, number, t, tf, tn, Key};
use crate::text::SearchTerm;
use crate::ui::annotator::Annotator;
use crate::ui::components::linked_text::{as_written, woven};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Reopens the queue with a changed find, at its first record.
pub fn refind(annotator: Annotator, change: impl FnOnce(&Find) -> Find) {
    let (queue, find) = annotator.list.with_untracked(|l| (l.queue, l.find.clone()));
    let next = change(&find);
    if next != find {
        annotator.open(queue, next, 0);
    }
}

#[component]
pub fn FindPanel(annotator: Annotator, fields: Vec<Field>, metadata: Vec<MetadataProperty>, questions: Vec<Question>) -> impl IntoView {
    let choices = StoredValue::new(filter_choices(&metadata, &questions));
    let sorts = StoredValue::new(sort_choices(&metadata, &questions));
    let editing = RwSignal::new(None::<usize>);
    let filter_picker = NodeRef::<leptos::html::Select>::new();
    let sort_open = RwSignal::new(false);
    let find = Memo::new(move |_| annotator.list.with(|l| l.find.clone()));
    let add_filter = move |ev| {
        let value = event_target_value(&ev);
        editing.set(value.parse::<usize>().ok());
    };
    let count_of = |l: &crate::domain::queue::RecordList| {
        l.loaded_once.then(|| tn(if l.find.narrows() { k::find::records_matching } else { k::common::records_count }, l.total as usize, &[]))
    };
    let count = move || annotator.list.with(count_of);
    // Said once a new search, filter or sort has its count; not each time an answer takes a
    // record out of the queue (that would be said after every submit).
    let said = RwSignal::new(String::new());
    Effect::new(move |state: Option<(Find, bool)>| {
        annotator.list.with(|l| {
            let (last, pending) = state.unwrap_or_else(|| (l.find.clone(), false));
            let pending = pending || l.find != last;
            match count_of(l) {
                Some(text) if pending => {
                    said.set(text);
                    (l.find.clone(), false)
                }
                _ => (l.find.clone(), pending),
            }
        })
    });
    view! {
        <div class="find-panel">
            <SearchBox annotator=annotator fields=fields/>
            <div class="find-row">
                <select class="add-filter" node_ref=filter_picker aria-label=t(k::find::add_filter) prop:value=move || editing.get().map(|i| i.to_string()).unwrap_or_default() on:change=add_filter>
                    <option value="">{t(k::find::add_filter_option)}</option>
                    {choices.get_value().into_iter().enumerate().map(|(i, c)| view! {
                        <option value=i.to_string() data-scope=c.scope.to_param() translate=is_content(&c.scope)>{c.title}</option>
                    }).collect_view()}
                </select>
                <button type="button" class="button subtle" aria-expanded=move || sort_open.get().to_string()
                    on:click=move |_| sort_open.update(|o| *o = !*o)>
                    {move || match find.with(|f| f.sort.len()) { 0 => t(k::find::sort).to_owned(), n => tf(k::find::sort_count, &[("n", &number(n as f64))]) }}
                </button>
                <span class="find-count" data-testid="match-count">{count}</span>
                <span class="sr-only" role="status" data-testid="match-count-said">{move || said.get()}</span>
            </div>
            <Chips annotator=annotator choices=choices editing=editing after_remove=filter_picker/>
            {move || editing.get().and_then(|i| choices.get_value().get(i).cloned()).map(|choice| view! {
                <FilterEditor annotator=annotator choice=choice on_close=move || {
                    editing.set(None);
                    // "Done" goes with the editor: the focus goes back to the filter picker.
                    if let Some(picker) = filter_picker.get_untracked() { let _ = picker.focus(); }
                }/>
            })}
            <Show when=move || sort_open.get()>
                <SortEditor annotator=annotator sorts=sorts/>
            </Show>
        </div>
    }
}

/// Typing waits a moment before searching.
#[component]
fn SearchBox(annotator: Annotator, fields: Vec<Field>) -> impl IntoView {
    let text = RwSignal::new(annotator.list.with_untracked(|l| l.find.text.clone()));
    let field = RwSignal::new(annotator.list.with_untracked(|l| l.find.field.clone()).unwrap_or_default());
    let typed = StoredValue::new(0u32);
    // Typing not searched for yet: the box keeps it whatever the list does meanwhile.
    let pending = StoredValue::new(false);
    // Back/forward or "clear all" change the find from outside: follow it
    // (only the search itself: pages of records arriving change nothing here).
    let applied = Memo::new(move |_| annotator.list.with(|l| (l.find.text.clone(), l.find.field.clone().unwrap_or_default())));
    Effect::new(move |_| {
        let (t, f) = applied.get();
        if !pending.get_value() && text.get_untracked().trim() != t {
            text.set(t);
        }
        field.set(f);
    });
    let apply = move || {
        pending.set_value(false);
        let text = text.get_untracked().trim().to_owned();
        let field = Some(field.get_untracked()).filter(|f| !f.is_empty());
        refind(annotator, |f| Find { text, field, ..f.clone() });
    };
    let on_input = move |ev| {
        text.set(event_target_value(&ev));
        pending.set_value(true);
        typed.update_value(|n| *n += 1);
        let mine = typed.get_value();
        // Not once the box has gone (the page was left meanwhile).
        set_timeout(move || if typed.try_get_value() == Some(mine) { apply() }, std::time::Duration::from_millis(300));
    };
    let text_fields: Vec<(String, String)> = fields
        .into_iter()
        .filter(|f| matches!(f.settings, FieldSettings::Text { .. } | FieldSettings::Chat { .. }))
        .map(|f| (f.name, f.title))
        .collect();
    view! {
        <div class="find-bar" role="search">
            <input type="search" class="find-text" placeholder=t(k::find::search_records) aria-label=t(k::find::search_records)
                prop:value=move || text.get() on:input=on_input
                on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" { ev.prevent_default(); ev.stop_propagation(); apply() }/>
            <select class="find-field" aria-label=t(k::find::search_in) prop:value=move || field.get()
                on:change=move |ev| { field.set(event_target_value(&ev)); apply() }>
                <option value="">{t(k::find::all_fields)}</option>
                {text_fields.into_iter().map(|(name, title)| view! { <option value=name translate="no">{title}</option> }).collect_view()}
            </select>
        </div>
    }
}

/// `change` made by a chip's ×: the chip goes, so the focus goes to `picker`.
fn remove_chip(annotator: Annotator, picker: NodeRef<leptos::html::Select>, change: impl FnOnce(&Find) -> Find) {
    refind(annotator, change);
    if let Some(picker) = picker.get_untracked() {
        let _ = picker.focus();
    }
}

/// The active search, filters and similarity as removable chips.
#[component]
fn Chips(annotator: Annotator, choices: StoredValue<Vec<FilterChoice>>, editing: RwSignal<Option<usize>>, after_remove: NodeRef<leptos::html::Select>) -> impl IntoView {
    // A memo: records arriving must not redraw the chips under the focus.
    let find = Memo::new(move |_| annotator.list.with(|l| l.find.clone()));
    let chips = move || {
        let find = find.get();
        let all = choices.get_value();
        let mut out = vec![];
        if find.is_active() {
            out.push(view! {
                <span class="chip" data-chip="search">
                    {woven(t(k::find::chip_text), |_| as_written(find.text.clone()))}
                    <button type="button" class="chip-remove" aria-label=t(k::find::remove_text_search)
                        on:click=move |_| remove_chip(annotator, after_remove, |f| Find { text: String::new(), field: None, ..f.clone() })>"×"</button>
                </span>
            }.into_any());
        }
        for filter in find.filters.iter().cloned() {
            let index = all.iter().position(|c| c.scope == filter.scope);
            let title = index.map(|i| all[i].title.clone()).unwrap_or_else(|| filter.scope.to_param());
            // Values named as their options are (`Positive` for `pos`).
            let labels = match index.map(|i| &all[i].choices) {
                Some(Choices::Terms(pairs)) => pairs.clone(),
                _ => vec![],
            };
            let label = filter.describe(&title, number, &labels);
            let scope = filter.scope.clone();
            let (key, values) = filter.chip(number, &labels);
            let choice = index.map(|i| all[i].clone());
            let part = move |name: &str| match (name, &choice) {
                ("title", Some(FilterChoice { title_key: Some(key), subject, .. })) => {
                    let subject = subject.clone();
                    view! { <span>{woven(t(*key), move |_| as_written(subject.clone()))}</span> }.into_any()
                }
                ("title", _) => as_written(title.clone()),
                (name, _) => as_written(values.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone()).unwrap_or_default()),
            };
            out.push(view! {
                <span class="chip" data-chip=filter.scope.to_param()>
                    <button type="button" class="chip-label" title=t(k::find::change_filter) on:click=move |_| editing.set(index)>{woven(t(key), part)}</button>
                    <button type="button" class="chip-remove" aria-label=tf(k::find::remove_filter, &[("filter", &label)])
                        on:click=move |_| remove_chip(annotator, after_remove, |f| f.with_filter(&scope, None))>"×"</button>
                </span>
            }.into_any());
        }
        if let Some(similar) = &find.similar {
            let vector = similar.vector.clone();
            let text = woven(t(if similar.least { k::find::chip_least_similar } else { k::find::chip_most_similar }), move |_| as_written(vector.clone()));
            out.push(view! {
                <span class="chip" data-chip="similar">
                    {text}
                    <button type="button" class="chip-remove" aria-label=t(k::find::stop_similar)
                        on:click=move |_| remove_chip(annotator, after_remove, |f| Find { similar: None, ..f.clone() })>"×"</button>
                </span>
            }.into_any());
        }
        if find.narrows() {
            out.push(view! {
                <button type="button" class="link-button" data-action="clear-all" on:click=move |_| remove_chip(annotator, after_remove, Find::cleared)>{t(k::find::clear_all)}</button>
            }.into_any());
        }
        out
    };
    view! { <div class="chips" role="group" aria-label=t(k::find::active_filters)>{chips}</div> }
}

#[component]
fn FilterEditor(annotator: Annotator, choice: FilterChoice, on_close: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let title = choice.title.clone();
    let choice_scope = choice.scope.clone();
    let body = match choice.choices.clone() {
        Choices::Terms(options) => view! { <TermsEditor annotator=annotator choice=choice options=options/> }.into_any(),
        Choices::Range { min, max, integer } => {
            view! { <RangeEditor annotator=annotator choice=choice min=min max=max integer=integer/> }.into_any()
        }
    };
    view! {
        <div class="filter-editor" role="group" aria-label=tf(k::find::filter_named, &[("title", &title)])>
            <div class="filter-editor-head">
                <strong translate=is_content(&choice_scope)>{title.clone()}</strong>
                <button type="button" class="link-button" on:click=move |_| on_close()>{t(k::find::done)}</button>
            </div>
            {body}
        </div>
    }
}

/// Values to pick from: the question's options, the property's values with
/// their counts, or the agents that gave suggestions.
#[component]
fn TermsEditor(annotator: Annotator, choice: FilterChoice, options: Vec<(String, String)>) -> impl IntoView {
    let scope = StoredValue::new(choice.scope.clone());
    let options = RwSignal::new(options.into_iter().map(|(v, l)| (v, l, None::<u64>)).collect::<Vec<_>>());
    let dataset_id = annotator.dataset_id.get_value();
    let metrics_of = choice.metrics_of.clone();
    let is_agent = matches!(choice.scope, Scope::Suggestion(_, SuggestionPart::Agent));
    let loading_error = RwSignal::new(None::<String>);
    leptos::task::spawn_local(async move {
        let client = annotator.app.client();
        if let Some(id) = metrics_of {
            match client.metadata_metrics(&id).await {
                Ok(MetadataMetrics::Terms { values }) => {
                    options.set(values.into_iter().map(|t| (t.term.clone(), t.term, Some(t.count))).collect())
                }
                Ok(_) => {}
                Err(e) => loading_error.set(Some(e.user_message())),
            }
        } else if is_agent {
            let question = scope.with_value(|s| s.subject().to_owned());
            match client.suggestion_agents(&dataset_id).await {
                Ok(all) => {
                    let agents = all.into_iter().find(|(q, _)| *q == question).map(|(_, a)| a).unwrap_or_default();
                    options.set(agents.into_iter().map(|a| (a.clone(), a, None)).collect());
                }
                Err(e) => loading_error.set(Some(e.user_message())),
            }
        }
    });
    let query = RwSignal::new(String::new());
    // A memo: a page of records arriving, or a tick, must not redraw the boxes under the focus.
    let selected = Memo::new(move |_| {
        annotator.list.with(|l| match l.find.filter_on(&scope.get_value()).map(|f| f.condition.clone()) {
            Some(crate::domain::filter::Condition::Terms(values)) => values,
            _ => vec![],
        })
    });
    let toggle = move |value: String| {
        let mut values = selected.get_untracked();
        if let Some(i) = values.iter().position(|v| *v == value) {
            values.remove(i);
        } else {
            values.push(value);
        }
        let scope = scope.get_value();
        refind(annotator, |f| f.with_filter(&scope, Some(Filter::terms(scope.clone(), values))));
    };
    let shown = move || {
        let term = SearchTerm::new(&query.get());
        options.get().into_iter().filter(|(v, l, _)| term.found_in(&[l, v])).collect::<Vec<_>>()
    };
    view! {
        <input type="search" class="terms-search" placeholder=t(k::find::find_value) aria-label=t(k::find::find_value)
            prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
        {move || loading_error.get().map(|e| view! { <p class="form-error" role="alert">{tf(k::find::values_not_loaded, &[("error", &e)])}</p> })}
        <ul class="terms-list">
            {move || {
                let list = shown();
                if list.is_empty() {
                    return view! { <li class="muted">{t(k::find::no_values)}</li> }.into_any();
                }
                list.into_iter().map(|(value, label, count)| {
                    let (v, mine) = (value.clone(), value.clone());
                    let checked = move || selected.with(|s| s.contains(&mine));
                    view! {
                        <li><label>
                            <input type="checkbox" prop:checked=checked data-value=value.clone() on:change=move |_| toggle(v.clone())/>
                            " "{if label.is_empty() {
                                view! { <em>{t(k::find::empty_value)}</em> }.into_any()
                            } else {
                                view! { <span translate="no">{label}</span> }.into_any()
                            }}
                            {count.map(|c| view! { " "<span class="count">{number(c as f64)}</span> })}
                        </label></li>
                    }
                }).collect_view().into_any()
            }}
        </ul>
    }
}

/// A range with both ends optional; the real bounds come from the metrics.
#[component]
fn RangeEditor(annotator: Annotator, choice: FilterChoice, min: Option<f64>, max: Option<f64>, integer: bool) -> impl IntoView {
    let scope = StoredValue::new(choice.scope.clone());
    let bounds = RwSignal::new((min, max));
    if let Some(id) = choice.metrics_of.clone() {
        leptos::task::spawn_local(async move {
            if let Ok(MetadataMetrics::Integer(b) | MetadataMetrics::Float(b)) = annotator.app.client().metadata_metrics(&id).await {
                bounds.set((b.min, b.max));
            }
        });
    }
    let current = annotator.list.with_untracked(|l| match l.find.filter_on(&choice.scope).map(|f| f.condition.clone()) {
        Some(crate::domain::filter::Condition::Range { ge, le }) => (ge, le),
        _ => (None, None),
    });
    let shown = |v: f64| crate::i18n::decimal(v, 10);
    let text = move |v: Option<f64>| v.map(shown).unwrap_or_default();
    let low = RwSignal::new(text(current.0));
    let high = RwSignal::new(text(current.1));
    let problem = RwSignal::new(None::<&'static str>);
    let apply = move || {
        // `which`: the messages for this end (not a whole number, not a number).
        let parse = |s: String, which: (Key, Key)| -> Result<Option<f64>, &'static str> {
            if s.trim().is_empty() {
                return Ok(None);
            }
            match crate::domain::filter::typed_number(&s, crate::i18n::decimal_mark()) {
                Some(v) if !integer || v.fract() == 0.0 => Ok(Some(v)),
                Some(_) => Err(t(which.0)),
                None => Err(t(which.1)),
            }
        };
        let low_text = parse(low.get_untracked(), (k::find::minimum_not_whole, k::find::minimum_not_number));
        let result = low_text.and_then(|ge| Ok((ge, parse(high.get_untracked(), (k::find::maximum_not_whole, k::find::maximum_not_number))?)));
        match result {
            Err(e) => problem.set(Some(e)),
            Ok((Some(ge), Some(le))) if ge > le => problem.set(Some(t(k::find::minimum_above_maximum))),
            Ok((ge, le)) => {
                problem.set(None);
                let scope = scope.get_value();
                refind(annotator, |f| f.with_filter(&scope, Some(Filter::range(scope.clone(), ge, le))));
            }
        }
    };
    let hint = move || match bounds.get() {
        (Some(a), Some(b)) => tf(k::find::range_hint, &[("min", &shown(a)), ("max", &shown(b))]),
        _ => String::new(),
    };
    let on_enter = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" {
            ev.prevent_default();
            ev.stop_propagation();
            apply();
        }
    };
    view! {
        <div class="range-editor">
            <label>{t(k::find::range_from)}" "<input type="text" inputmode="decimal" class="range-min"
                placeholder=move || bounds.get().0.map(shown).unwrap_or_default()
                prop:value=move || low.get() on:input=move |ev| low.set(event_target_value(&ev)) on:keydown=on_enter/></label>
            <label>" "{t(k::find::range_to)}" "<input type="text" inputmode="decimal" class="range-max"
                placeholder=move || bounds.get().1.map(shown).unwrap_or_default()
                prop:value=move || high.get() on:input=move |ev| high.set(event_target_value(&ev)) on:keydown=on_enter/></label>
            <button type="button" class="button" data-action="apply-range" on:click=move |_| apply()>{t(k::find::apply)}</button>
            <p class="muted range-hint">{hint}</p>
            {move || problem.get().map(|p| view! { <p class="form-error" role="alert">{p}</p> })}
        </div>
    }
}

/// Several sort keys, most significant first.
#[component]
fn SortEditor(annotator: Annotator, sorts: StoredValue<Vec<(String, String)>>) -> impl IntoView {
    // Memos, and rows drawn by count with their values read live: changing a key's field or
    // order must not redraw the row under the focus.
    let sort = Memo::new(move |_| annotator.list.with(|l| l.find.sort.clone()));
    let keys = move || sort.get_untracked();
    let count = Memo::new(move |_| sort.with(Vec::len));
    let add_sort = NodeRef::<leptos::html::Select>::new();
    let set_keys = move |keys: Vec<SortKey>| refind(annotator, |f| Find { sort: keys, ..f.clone() });
    let labels: BTreeMap<String, String> = sorts.get_value().into_iter().collect();
    let labels = StoredValue::new(labels);
    view! {
        <div class="sort-editor" role="group" aria-label=t(k::find::sort)>
            <ol class="sort-keys">
                {move || (0..count.get()).map(|i| {
                    let by = move || sort.with(|s| s.get(i).map(|k| k.by.clone()).unwrap_or_default());
                    let descending = move || sort.with(|s| s.get(i).is_some_and(|k| k.descending));
                    view! {
                        <li class="sort-key">
                            <select aria-label=tf(k::find::sort_key, &[("n", &number((i + 1) as f64))]) class="sort-by" prop:value=by
                                on:change=move |ev| { let mut k = keys(); if let Some(key) = k.get_mut(i) { key.by = event_target_value(&ev) } set_keys(k) }>
                                {sorts.get_value().into_iter().map(|(value, label)| view! { <option translate=is_content_key(&value) value=value>{label}</option> }).collect_view()}
                            </select>
                            <select aria-label=tf(k::find::sort_key_order, &[("n", &number((i + 1) as f64))]) class="sort-order" prop:value=move || if descending() { "desc" } else { "asc" }
                                on:change=move |ev| { let mut k = keys(); if let Some(key) = k.get_mut(i) { key.descending = event_target_value(&ev) == "desc" } set_keys(k) }>
                                <option value="asc">{t(k::find::ascending)}</option>
                                <option value="desc">{t(k::find::descending)}</option>
                            </select>
                            <button type="button" class="chip-remove" aria-label=move || tf(k::find::remove_sort, &[("key", &labels.with_value(|l| l.get(&by()).cloned().unwrap_or_default()))])
                                on:click=move |_| {
                                    let mut k = keys();
                                    if i < k.len() { k.remove(i); }
                                    set_keys(k);
                                    // The row goes: the focus goes to the key picker.
                                    if let Some(add) = add_sort.get_untracked() { let _ = add.focus(); }
                                }>"×"</button>
                        </li>
                    }
                }).collect_view()}
            </ol>
            <select class="add-sort" node_ref=add_sort aria-label=t(k::find::add_sort_key) prop:value=move || { sort.track(); "" }
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    if value.is_empty() { return }
                    let mut k = keys();
                    k.retain(|key| key.by != value);
                    k.push(SortKey { by: value, descending: false });
                    set_keys(k)
                }>
                <option value="">{t(k::find::add_sort_option)}</option>
                {sorts.get_value().into_iter().map(|(value, label)| view! { <option translate=is_content_key(&value) value=value>{label}</option> }).collect_view()}
            </select>
            {move || (count.get() > 0).then(|| view! {
                <button type="button" class="link-button" on:click=move |_| set_keys(vec![])>{t(k::find::server_order)}</button>
            })}
        </div>
    }
}

/// `translate="no"` for a choice named by the dataset alone (a metadata property's title).
fn is_content(scope: &Scope) -> Option<&'static str> {
    matches!(scope, Scope::Metadata(_)).then_some("no")
}

fn is_content_key(sort_key: &str) -> Option<&'static str> {
    sort_key.starts_with("metadata.").then_some("no")
}

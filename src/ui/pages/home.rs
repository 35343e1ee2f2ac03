use crate::api::types::{Dataset, DatasetProgress, DatasetStatus, MyMetrics, Role, Workspace};
use crate::domain::account::initials;
use crate::domain::home::{distinct, field_type_label, percent, workspace_counts, HomeView, Layout, SortBy};
use crate::domain::progress::{response_segments, response_summary};
use crate::domain::time::timestamp_ms;
use crate::i18n::{date_time, k, number, relative_time, t, tf, tn};
use crate::ui::components::icons::{Icon, IconKind};
use crate::ui::components::python_import::ImportFromPython;
use crate::ui::components::stacked_bar::StackedBar;
use crate::url::with_query;
use crate::ui::components::error_panel::ErrorPanel;
use crate::ui::state::use_app;
use leptos::prelude::*;
use crate::browser::app_href;
use crate::browser::storage::{self, Scope};
use crate::ui::router::{use_navigate, use_query_map, NavigateOptions};
use std::collections::HashMap;

#[derive(Clone)]
struct HomeData {
    datasets: Vec<Dataset>,
    workspace_names: HashMap<String, String>,
}

impl HomeData {
    fn workspace_name(&self, id: &str) -> String {
        self.workspace_names.get(id).cloned().unwrap_or_else(|| id.to_owned())
    }
}

/// Ends what the cards asked for once the page goes: on a slow link, the dataset opened
/// next must not wait behind their requests for the browser's few connections.
#[derive(Clone, Copy)]
struct CardRequests(StoredValue<Option<web_sys::AbortController>, LocalStorage>);

impl CardRequests {
    fn client(self, client: crate::api::Client) -> crate::api::Client {
        match self.0.try_with_value(|c| c.as_ref().map(web_sys::AbortController::signal)).flatten() {
            Some(signal) => client.cancelled_by(&signal),
            None => client,
        }
    }
}

#[component]
pub fn Home() -> impl IntoView {
    let state = use_app();
    let card_requests = CardRequests(StoredValue::new_local(web_sys::AbortController::new().ok()));
    provide_context(card_requests);
    on_cleanup(move || {
        card_requests.0.try_with_value(|c| c.as_ref().map(web_sys::AbortController::abort));
    });
    let data = LocalResource::new(move || async move {
        let client = state.client();
        let (datasets, workspaces) = futures::join!(client.my_datasets(), client.my_workspaces());
        let result = datasets.and_then(|d| workspaces.map(|w| (d, w)));
        if let Err(e) = &result {
            state.check(e);
        }
        result.map(|(datasets, workspaces): (Vec<Dataset>, Vec<Workspace>)| HomeData {
            datasets,
            workspace_names: workspaces.into_iter().map(|w| (w.id, w.name)).collect(),
        })
    });

    let query = use_query_map();
    let view_state = Memo::new(move |_| query.with(|q| HomeView::from_query(|k| q.get(k))));
    let navigate = use_navigate();
    let set_view = Callback::new(move |view: HomeView| {
        let url = with_query("/", &view.to_query());
        navigate(&url, NavigateOptions { replace: true, scroll: false, ..Default::default() });
    });
    let first_screen = FirstScreen::new();
    provide_context(first_screen);

    view! {
        <section class="home">
            // Whether owner actions show is known once the user is: the page waits for it.
            <Show when=move || state.user_known() fallback=|| view! { <p class="loading">{t(k::home::loading_datasets)}</p> }>
                <div class="annotation-head">
                    <h1>{t(k::home::title)}</h1>
                    <Show when=move || state.can_manage()>
                        <div class="head-actions">
                            <ImportFromPython/>
                            <a class="button subtle" href=crate::browser::app_href("/new") data-testid="hub-import-link">{t(k::common::hub_import)}</a>
                            <a class="button subtle" href=crate::browser::app_href("/backup") data-testid="backup-link">{t(k::common::backup_and_restore)}</a>
                        </div>
                    </Show>
                </div>
                <div class="home-body">
                    <Show when=move || !first_screen.shown.get()>
                        <p class="loading list-pending" aria-live="polite">{t(k::home::loading_datasets)}</p>
                    </Show>
                    <div class="home-list" class:pending=move || !first_screen.shown.get()>
                        <Transition>
                            {move || Suspend::new(async move {
                                match data.await {
                                    Err(error) => {
                                        first_screen.shown.set(true);
                                        view! { <ErrorPanel error=error on_retry=move |_| data.refetch()/> }.into_any()
                                    }
                                    Ok(home) => view! { <DatasetList home=home view_state=view_state set_view=set_view/> }.into_any(),
                                }
                            })}
                        </Transition>
                    </div>
                </div>
            </Show>
        </section>
    }
}

/// The list is shown once the cards on the first screen have their numbers
/// (the cards further down load theirs before they are scrolled to), so no
/// card grows and pushes the others after the first paint. A server that
/// has not answered in eight seconds is not waited for: the list then shows
/// as it is.
#[derive(Clone, Copy)]
struct FirstScreen {
    /// Cards not yet known to be off screen or loaded.
    waiting: RwSignal<usize>,
    shown: RwSignal<bool>,
}

impl FirstScreen {
    fn new() -> FirstScreen {
        let shown = RwSignal::new(false);
        set_timeout(move || shown.set(true), std::time::Duration::from_secs(8));
        FirstScreen { waiting: RwSignal::new(0), shown }
    }

    fn wait(&self) {
        self.waiting.update(|n| *n += 1);
    }

    /// (Also called as the cards go: the page may be gone by then.)
    fn settled(&self) {
        let left = self.waiting.try_update(|n| {
            *n = n.saturating_sub(1);
            *n
        });
        if left == Some(0) {
            self.shown.set(true);
        }
    }
}

#[component]
fn DatasetList(
    home: HomeData,
    view_state: Memo<HomeView>,
    set_view: Callback<HomeView>,
) -> impl IntoView {
    let state = use_app();
    let home = StoredValue::new(home);
    let counts = home.with_value(|h| workspace_counts(&h.datasets, |id| h.workspace_name(id)));
    let total = home.with_value(|h| h.datasets.len());
    let can_manage = move || state.can_manage();
    let is_annotator = move || state.user.with(|u| u.as_ref().is_some_and(|u| matches!(u.role, Role::Annotator | Role::Other)));
    // Cards are drawn anew as the search or the filters change: their numbers, once read, are not asked again.
    provide_context(CardNumbers(StoredValue::new(std::collections::HashMap::new())));

    let shown = move || {
        let view = view_state.get();
        home.with_value(|h| view.apply(&h.datasets, |id| h.workspace_name(id)).into_iter().cloned().collect::<Vec<_>>())
    };

    let on_search = move |ev| {
        let mut v = view_state.get_untracked();
        v.search = event_target_value(&ev);
        set_view.run(v);
    };
    let on_sort = {
        move |ev| {
            let mut v = view_state.get_untracked();
            let value = event_target_value(&ev);
            let (key, dir) = value.split_once('-').unwrap_or(("activity", "desc"));
            v.sort = match key {
                "name" => SortBy::Name,
                "created" => SortBy::Created,
                _ => SortBy::LastActivity,
            };
            v.descending = dir == "desc";
            set_view.run(v);
        }
    };
    let sort_value = move || {
        let v = view_state.get();
        let key = match v.sort {
            SortBy::Name => "name",
            SortBy::LastActivity => "activity",
            SortBy::Created => "created",
        };
        format!("{key}-{}", if v.descending { "desc" } else { "asc" })
    };

    let workspace_filter = counts
        .into_iter()
        .map(|(name, count)| {
            let checked_name = name.clone();
            let toggle_name = name.clone();
            view! {
                <label class="workspace-option">
                    <input
                        type="checkbox"
                        prop:checked=move || view_state.with(|v| v.workspaces.contains(&checked_name))
                        on:change=move |_| {
                            let mut v = view_state.get_untracked();
                            if let Some(i) = v.workspaces.iter().position(|w| *w == toggle_name) {
                                v.workspaces.remove(i);
                            } else {
                                v.workspaces.push(toggle_name.clone());
                            }
                            set_view.run(v);
                        }
                    />
                    <span class="workspace-name" translate="no">{name}</span>
                    <span class="count">{number(count as f64)}</span>
                </label>
            }
        })
        .collect_view();

    let clear = move |_| {
        set_view.run(HomeView::default());
        crate::ui::dialog::refocus_if_lost(".dataset-search");
    };
    let layout = RwSignal::new(Layout::parse(storage::get(Scope::Persistent, Layout::STORAGE_KEY).as_deref()));
    let choose = move |chosen: Layout| {
        layout.set(chosen);
        storage::set(Scope::Persistent, Layout::STORAGE_KEY, chosen.key());
    };

    // No card waits (none on screen, or none at all): the list shows as soon as it is laid out.
    if let Some(first_screen) = use_context::<FirstScreen>() {
        request_animation_frame(move || {
            if first_screen.waiting.try_get_untracked() == Some(0) {
                first_screen.shown.set(true);
            }
        });
    }
    view! {
        <div class="home-toolbar">
            <input
                type="search"
                class="dataset-search"
                placeholder=t(k::home::search_placeholder)
                aria-label=t(k::home::search_label)
                prop:value=move || view_state.with(|v| v.search.clone())
                on:input=on_search
            />
            <select class="dataset-sort" aria-label=t(k::home::sort_label) prop:value=sort_value on:change=on_sort>
                <option value="activity-desc">{t(k::home::sort_activity_desc)}</option>
                <option value="activity-asc">{t(k::home::sort_activity_asc)}</option>
                <option value="name-asc">{t(k::home::sort_name_asc)}</option>
                <option value="name-desc">{t(k::home::sort_name_desc)}</option>
                <option value="created-desc">{t(k::home::sort_created_desc)}</option>
                <option value="created-asc">{t(k::home::sort_created_asc)}</option>
            </select>
            <div class="layout-switch" role="group" aria-label=t(k::home::layout_label)>
                <button type="button" class="button subtle" data-layout="cards" title=t(k::home::layout_cards) aria-label=t(k::home::layout_cards)
                    aria-pressed=move || (layout.get() == Layout::Cards).to_string() on:click=move |_| choose(Layout::Cards)>
                    <Icon kind=IconKind::Grid/>
                </button>
                <button type="button" class="button subtle" data-layout="table" title=t(k::home::layout_table) aria-label=t(k::home::layout_table)
                    aria-pressed=move || (layout.get() == Layout::Table).to_string() on:click=move |_| choose(Layout::Table)>
                    <Icon kind=IconKind::List/>
                </button>
            </div>
        </div>
        <fieldset class="workspace-filter">
            <legend>{t(k::home::workspaces)}</legend>
            {workspace_filter}
        </fieldset>
        // Always there, so each search's result is read out (a region that comes filled often is not).
        <p class="sr-only" role="status" data-testid="result-said">{move || match shown().len() {
            _ if total == 0 => String::new(),
            0 => t(k::home::no_match).to_owned(),
            n => tn(k::home::result_count, total, &[("shown", &number(n as f64))]),
        }}</p>
        {move || {
            let list = shown();
            if total == 0 {
                view! {
                    <div class="empty" data-testid="no-datasets">
                        <p><strong>{t(k::home::no_datasets)}</strong></p>
                        {if can_manage() {
                            view! {
                                <p>{t(k::home::no_datasets_manager)}</p>
                            }.into_any()
                        } else {
                            view! { <p>{t(k::home::no_datasets_annotator)}</p> }.into_any()
                        }}
                    </div>
                }.into_any()
            } else if list.is_empty() {
                view! {
                    <div class="empty" data-testid="no-match">
                        <p>{t(k::home::no_match)}</p>
                        <button type="button" class="button" on:click=clear>{t(k::home::clear_filters)}</button>
                    </div>
                }.into_any()
            } else {
                view! {
                    <p class="result-count" aria-hidden="true">{tn(k::home::result_count, total, &[("shown", &number(list.len() as f64))])}</p>
                    <ul class="dataset-list" class:table=move || layout.get() == Layout::Table>
                        {list.into_iter().map(|d| {
                            let workspace = home.with_value(|h| h.workspace_name(&d.workspace_id));
                            view! { <DatasetCard dataset=d workspace=workspace clickable=move || !is_annotator()/> }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }
        }}
    }
}

type Numbers = (Option<DatasetProgress>, Option<MyMetrics>, Vec<&'static str>, Vec<&'static str>);

/// The numbers each card read, by dataset id, for as long as the list is shown.
#[derive(Clone, Copy)]
struct CardNumbers(StoredValue<std::collections::HashMap<String, Numbers>>);

#[component]
fn DatasetCard(
    dataset: Dataset,
    workspace: String,
    /// Draft datasets open only for those who can finish them.
    clickable: impl Fn() -> bool + Send + Sync + 'static,
) -> impl IntoView {
    let state = use_app();
    let is_draft = dataset.status == DatasetStatus::Draft;
    let id = dataset.id.clone();
    let card = NodeRef::<leptos::html::Li>::new();
    let on_screen = use_on_screen(card);
    let known = use_context::<CardNumbers>();
    let requests = use_context::<CardRequests>();
    let stats = LocalResource::new(move || {
        let id = id.clone();
        let visible = on_screen.get() == Some(true);
        async move {
            if is_draft || !visible {
                return None;
            }
            if let Some(numbers) = known.and_then(|k| k.0.try_with_value(|m| m.get(&id).cloned()).flatten()) {
                return Some(numbers);
            }
            // A Space restarting answers a card or two with a proxy's 502: asked again a few times,
            // or the card would stay without its numbers.
            let mut attempt = 0;
            let (progress, mine, fields, questions) = loop {
                let client = requests.map_or_else(|| state.client(), |r| r.client(state.client()));
                let answers = futures::join!(client.dataset_progress(&id), client.my_metrics(&id), client.fields(&id), client.questions(&id));
                let again = [answers.0.as_ref().err(), answers.1.as_ref().err(), answers.2.as_ref().err(), answers.3.as_ref().err()]
                    .into_iter()
                    .flatten()
                    .any(|e| e.worth_asking_again());
                // The home page gone: its requests were cancelled, nobody waits for the card.
                let gone = requests.is_some_and(|r| r.0.try_with_value(|c| c.as_ref().is_some_and(|c| c.signal().aborted())).unwrap_or(true));
                if !again || attempt >= 3 || gone {
                    break answers;
                }
                crate::browser::sleep_ms(crate::domain::save::retry_delay_ms(attempt)).await;
                attempt += 1;
            };
            if let Err(e) = &progress {
                state.check(e);
            }
            let fields = distinct(fields.unwrap_or_default().iter().map(|f| field_type_label(&f.settings)));
            let questions = distinct(questions.unwrap_or_default().iter().map(|q| q.settings.type_label()));
            let numbers: Numbers = (progress.ok(), mine.ok(), fields, questions);
            if let (Some(known), Some(_), Some(_)) = (known, &numbers.0, &numbers.1) {
                known.0.try_update_value(|m| m.insert(id, numbers.clone()));
            }
            Some(numbers)
        }
    });
    if let Some(first_screen) = use_context::<FirstScreen>() {
        first_screen.wait();
        let settled = StoredValue::new(false);
        let settle = move || {
            if !settled.get_value() {
                settled.set_value(true);
                first_screen.settled();
            }
        };
        Effect::new(move |_| {
            let done = match on_screen.get() {
                None => false,
                Some(false) => true,
                Some(true) => is_draft || stats.with(|s| matches!(s, Some(Some(_)))),
            };
            if done {
                settle();
            }
        });
        on_cleanup(settle);
    }
    let href = app_href(&format!("/dataset/{}/annotation-mode", crate::url::encode_component(&dataset.id)));
    let activity = dataset.last_activity_at.clone().or(dataset.updated_at.clone());
    let name = dataset.name.clone();
    // Only the name is the link (a screen reader reads the link as the name,
    // not as the whole card); its ::after stretches it over the card for the mouse.
    let body = move |link: Option<String>| view! {
        <h2 class="dataset-name" translate="no">{match link {
            Some(href) => view! { <a href=href class="card-link">{name.clone()}</a> }.into_any(),
            None => name.clone().into_any(),
        }}</h2>
        <p class="dataset-meta">
            <span class="workspace" data-testid="dataset-workspace" translate="no">{workspace.clone()}</span>
            {is_draft.then(|| view! { <span class="badge draft">{t(k::home::draft_badge)}</span> })}
            {activity.clone().map(|a| view! { <UpdatedAgo timestamp=a/> })}
        </p>
        <div class="dataset-progress">
            {move || stats.get().flatten().map(|(progress, mine, fields, questions)| view! {
                <p class="type-chips">
                    <span class="chips" data-testid="field-types">
                        <span class="sr-only">{t(k::home::fields_label)}" "</span>
                        {fields.into_iter().map(|t| view! { <span class="type-chip field">{t}</span> }).collect_view()}
                    </span>
                    <span class="chips" data-testid="question-types">
                        <span class="sr-only">{t(k::home::questions_label)}" "</span>
                        {questions.into_iter().map(|t| view! { <span class="type-chip">{t}</span> }).collect_view()}
                    </span>
                </p>
                {mine.map(|m| view! {
                    <StackedBar segments=response_segments(&m.responses) label=tf(k::home::my_answers_label, &[("summary", &response_summary(&m.responses))])/>
                    <p class="my-progress" data-testid="my-progress">{tf(k::home::my_progress, &[("summary", &response_summary(&m.responses))])}</p>
                })}
                {progress.map(|p| view! {
                    <p class="team-progress">
                        <Contributors names=p.users.iter().map(|u| u.username.clone()).collect()/>
                        <span data-testid="team-progress">{tn(k::home::team_progress, p.total as usize, &[("percent", &number(percent(p.completed, p.total) as f64))])}</span>
                    </p>
                })}
            })}
        </div>
    };
    let href_for_link = href.clone();
    let settings = crate::browser::app_href(&format!("/dataset/{}/settings", crate::url::encode_component(&dataset.id)));
    let settings_label = tf(k::home::settings_of, &[("name", &dataset.name)]);
    let can_manage = move || state.can_manage();
    view! {
        <li class="dataset-card" class:draft=is_draft data-testid="dataset-card" node_ref=card>
            {move || if !is_draft || clickable() {
                view! { <div class="card-body">{body(Some(href_for_link.clone()))}</div> }.into_any()
            } else {
                view! { <div class="card-body disabled" aria-disabled="true">{body(None)}</div> }.into_any()
            }}
            <Show when=can_manage>
                <a class="card-settings" href=settings.clone() aria-label=settings_label.clone() title=t(k::common::settings) data-action="dataset-settings"><Icon kind=IconKind::Settings/></a>
            </Show>
        </li>
    }
}

/// "Updated 8 minutes ago", the exact local time on hover.
#[component]
fn UpdatedAgo(timestamp: String) -> impl IntoView {
    let Some(ms) = timestamp_ms(&timestamp) else { return ().into_any() };
    let iso = String::from(js_sys::Date::new(&ms.into()).to_iso_string());
    let title = date_time(ms);
    view! {
        <time class="activity" datetime=iso title=title data-testid="updated">
            {tf(k::home::updated, &[("time", &relative_time(ms, js_sys::Date::now()))])}
        </time>
    }
    .into_any()
}

/// The initials of who has answered, five at most and "+N" for the rest.
#[component]
fn Contributors(names: Vec<String>) -> impl IntoView {
    const SHOWN: usize = 5;
    let more = names.len().saturating_sub(SHOWN);
    let answered_by = tf(k::home::answered_by, &[("names", &crate::i18n::list(&names))]);
    let title = answered_by.clone();
    (!names.is_empty()).then(|| view! {
        <span class="avatars" data-testid="contributors" title=title>
            <span class="sr-only">{answered_by}" "</span>
            {names.into_iter().take(SHOWN).map(|n| view! {
                <span class="avatar" aria-hidden="true" translate="no" data-username=n.clone()>{initials(&n)}</span>
            }).collect_view()}
            {(more > 0).then(|| view! { <span class="avatar more" aria-hidden="true">{tf(k::home::more_people, &[("n", &number(more as f64))])}</span> })}
        </span>
    })
}

/// Whether the element has come near the screen (None until the browser has
/// said): cards load their numbers only then, so a home page with hundreds of
/// datasets opens at once.
fn use_on_screen(target: NodeRef<leptos::html::Li>) -> RwSignal<Option<bool>> {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let seen = RwSignal::new(None);
    Effect::new(move |_| {
        let Some(element) = target.get() else { return };
        let callback = Closure::<dyn Fn(js_sys::Array, web_sys::IntersectionObserver)>::new(
            move |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
                let visible = entries.iter().any(|e| {
                    e.dyn_into::<web_sys::IntersectionObserverEntry>().is_ok_and(|e| e.is_intersecting())
                });
                seen.set(Some(visible));
                if visible {
                    observer.disconnect();
                }
            },
        );
        let options = web_sys::IntersectionObserverInit::new();
        options.set_root_margin("200px");
        match web_sys::IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options) {
            Ok(observer) => {
                observer.observe(&element);
                // Watched while the card is there (a card never scrolled to stops watching as it goes).
                let kept = StoredValue::new_local(Some((observer, callback)));
                on_cleanup(move || {
                    if let Some(Some((observer, _))) = kept.try_update_value(Option::take) {
                        observer.disconnect();
                    }
                });
            }
            // No IntersectionObserver: load right away.
            Err(_) => seen.set(Some(true)),
        }
    });
    seen
}

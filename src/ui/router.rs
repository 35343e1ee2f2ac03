//! The app's own client-side routing: the address as a signal, links and
//! back/forward handled in place, and a route table per bundle. Our routes
//! are flat and few; leptos_router was a tenth of the sign-in wasm for that.

use crate::browser;
use crate::url::{match_route, QueryMap};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsCast;

thread_local! {
    /// Pages that may ask before they are left (see `leave_guard`), by id: each says
    /// whether the move may go on.
    static GUARDS: RefCell<Vec<(u64, Rc<dyn Fn(&Move) -> bool>)>> = const { RefCell::new(Vec::new()) };
    static NEXT_GUARD: Cell<u64> = const { Cell::new(0) };
    /// This history entry's place among the app's (kept in each entry's state), so a
    /// refused Back or Forward can step back by as many entries as it moved.
    static AT: Cell<f64> = const { Cell::new(0.0) };
    /// The next popstate is the app stepping back after a refusal.
    static RETURNING: Cell<bool> = const { Cell::new(false) };
    /// The next popstate is a refused move made after all: no guard asks again.
    static LET_THROUGH: Cell<bool> = const { Cell::new(false) };
}

const INDEX: &str = "argillaLiteIndex";

fn entry_state(index: f64) -> wasm_bindgen::JsValue {
    let state = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&state, &INDEX.into(), &index.into());
    state.into()
}

fn index_of(state: &wasm_bindgen::JsValue) -> Option<f64> {
    if !state.is_object() {
        return None;
    }
    js_sys::Reflect::get(state, &INDEX.into()).ok()?.as_f64()
}

/// Where the person asked to go: a link's app path, or Back and Forward by so many entries.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Move {
    To(String),
    Steps(i32),
}

/// Links in the app and Back and Forward ask `may_leave` before the page changes; until
/// [`unguard`]. A refused move can be made later with [`use_move_anyway`].
pub(crate) fn guard(may_leave: impl Fn(&Move) -> bool + 'static) -> u64 {
    let id = NEXT_GUARD.with(|n| n.replace(n.get() + 1));
    GUARDS.with(|g| g.borrow_mut().push((id, Rc::new(may_leave))));
    id
}

pub(crate) fn unguard(id: u64) {
    GUARDS.with(|g| g.borrow_mut().retain(|(i, _)| *i != id));
}

fn may_leave(asked: &Move) -> bool {
    // Called outside the borrow: a guard's question may run anything.
    let guards: Vec<Rc<dyn Fn(&Move) -> bool>> = GUARDS.with(|g| g.borrow().iter().map(|(_, f)| f.clone()).collect());
    guards.iter().all(|may| may(asked))
}

/// Makes a move a guard refused, now that the person has said to go anyway.
pub(crate) fn use_move_anyway() -> impl Fn(Move) + Copy + 'static {
    let here = here();
    move |asked| match asked {
        Move::To(path) => go(here, &path, NavigateOptions::default()),
        Move::Steps(steps) => {
            if let Ok(history) = window().history() {
                LET_THROUGH.set(true);
                let _ = history.go_with_delta(steps);
                // A move that made no popstate (the entry gone meanwhile) must not let a later one through.
                set_timeout(|| LET_THROUGH.set(false), std::time::Duration::from_millis(1000));
            }
        }
    }
}

/// Where the app is: its path and query, without the base path.
#[derive(Clone, Copy)]
struct Here(RwSignal<String>);

/// The page a route shows: its `:name` parts, and the query while the
/// address is still this page's (a page on its way out never sees the next one's).
#[derive(Clone)]
struct Page {
    params: QueryMap,
    query: Memo<QueryMap>,
}

#[derive(Clone, Copy)]
pub struct NavigateOptions {
    /// Replace the current history entry instead of adding one.
    pub replace: bool,
    /// Scroll to the top afterwards.
    pub scroll: bool,
}

impl Default for NavigateOptions {
    fn default() -> Self {
        NavigateOptions { replace: false, scroll: true }
    }
}

/// Follows the address for the views inside: in-app links and back/forward
/// change the page without loading it anew.
pub fn provide_router() {
    let here = Here(RwSignal::new(browser::current_app_path()));
    provide_context(here);
    if let Ok(history) = window().history() {
        match history.state().ok().as_ref().and_then(index_of) {
            Some(at) => AT.set(at),
            None => drop(history.replace_state(&entry_state(AT.get()), "")),
        }
    }
    let back_forward = window_event_listener(leptos::ev::popstate, move |ev| {
        let target = index_of(&ev.state());
        if RETURNING.replace(false) {
            return;
        }
        let through = LET_THROUGH.replace(false);
        let next = browser::current_app_path();
        if here.0.with_untracked(|now| *now == next) {
            if let Some(t) = target {
                AT.set(t);
            }
            return;
        }
        let asked = match target.map(|t| (t - AT.get()) as i32).filter(|steps| *steps != 0) {
            Some(steps) => Move::Steps(steps),
            None => Move::To(next.clone()),
        };
        if through || may_leave(&asked) {
            if let Some(t) = target {
                AT.set(t);
            }
            let other_page = here.0.with_untracked(|now| path_part(now) != path_part(&next));
            here.0.set(next);
            if other_page {
                crate::ui::dialog::refocus_if_lost("main h1");
            }
            return;
        }
        let Ok(history) = window().history() else { return };
        // Stayed: back to this page's entry, as many steps as Back or Forward went.
        match asked {
            Move::Steps(steps) => {
                RETURNING.set(true);
                let _ = history.go_with_delta(-steps);
            }
            // An entry the app did not make: the address is this page's again, as a new entry.
            Move::To(_) => {
                AT.set(AT.get() + 1.0);
                let _ = history.push_state_with_url(&entry_state(AT.get()), "", Some(&browser::app_href(&here.0.get_untracked())));
            }
        }
    });
    // A new entry for another `#place` on this page (the browser made it) gets its number;
    // one already numbered (Back, Forward) or the same place again (no new entry) does not.
    let places = window_event_listener(leptos::ev::hashchange, move |_| {
        let Ok(history) = window().history() else { return };
        if history.state().ok().as_ref().and_then(index_of).is_none() {
            AT.set(AT.get() + 1.0);
            let _ = history.replace_state(&entry_state(AT.get()), "");
        }
    });
    let clicks = window_event_listener(leptos::ev::click, move |ev| {
        if let Some(path) = in_app_link(&ev) {
            ev.prevent_default();
            go(here, &path, NavigateOptions::default());
        }
    });
    // Asked in the capture phase, before anything else sees the click: a refused link does nothing.
    let guarded = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
        if let Some(path) = in_app_link(&ev) {
            if !may_leave(&Move::To(path)) {
                ev.prevent_default();
                ev.stop_propagation();
            }
        }
    });
    let listener: js_sys::Function = guarded.as_ref().unchecked_ref::<js_sys::Function>().clone();
    let _ = window().add_event_listener_with_callback_and_bool("click", &listener, true);
    let keep = StoredValue::new_local(Some(guarded));
    on_cleanup(move || {
        back_forward.remove();
        places.remove();
        clicks.remove();
        let _ = window().remove_event_listener_with_callback_and_bool("click", &listener, true);
        keep.set_value(None);
    });
}

/// The app path a click on a link asks for, when the app should show it
/// itself: a plain left click on a link to this origin, under the base path,
/// and not only to another `#place` on this page.
pub(crate) fn in_app_link(ev: &web_sys::MouseEvent) -> Option<String> {
    if ev.default_prevented() || ev.button() != 0 || ev.meta_key() || ev.alt_key() || ev.ctrl_key() || ev.shift_key() {
        return None;
    }
    let element = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let link = element.closest("a[href]").ok()??;
    let external = link.get_attribute("rel").is_some_and(|rel| rel.split_ascii_whitespace().any(|r| r == "external"));
    if link.has_attribute("download") || external || !link.get_attribute("target").unwrap_or_default().is_empty() {
        return None;
    }
    let url = web_sys::Url::new(&link.dyn_into::<web_sys::HtmlAnchorElement>().ok()?.href()).ok()?;
    let location = window().location();
    if url.origin() != location.origin().ok()? {
        return None;
    }
    let same_page = url.pathname() == location.pathname().ok()? && url.search() == location.search().ok()?;
    if same_page && !url.hash().is_empty() {
        return None;
    }
    let base = browser::base_path();
    let pathname = url.pathname();
    let inner = pathname.strip_prefix(&base).filter(|rest| rest.is_empty() || rest.starts_with('/'))?;
    let inner = if inner.is_empty() { "/" } else { inner };
    Some(format!("{inner}{}", url.search()))
}

fn path_part(path: &str) -> &str {
    path.split(['?', '#']).next().unwrap_or(path)
}

fn go(here: Here, path: &str, options: NavigateOptions) {
    let other_page = here.0.with_untracked(|now| path_part(now) != path_part(path));
    let history = window().history();
    let href = browser::app_href(path);
    // The same address again adds no history entry.
    let replace = options.replace || here.0.with_untracked(|now| now == path);
    let _ = match history {
        Ok(h) if replace => h.replace_state_with_url(&entry_state(AT.get()), "", Some(&href)),
        Ok(h) => {
            AT.set(AT.get() + 1.0);
            h.push_state_with_url(&entry_state(AT.get()), "", Some(&href))
        }
        Err(e) => Err(e),
    };
    here.0.set(path.to_owned());
    if options.scroll {
        window().scroll_to_with_x_and_y(0.0, 0.0);
    }
    if other_page {
        crate::ui::dialog::refocus_if_lost("main h1");
    }
}

fn here() -> Here {
    use_context::<Here>().expect("inside provide_router")
}

/// Goes to an app path (with its query), like following a link.
pub fn use_navigate() -> impl Fn(&str, NavigateOptions) + Clone + Send + Sync + 'static {
    let here = here();
    move |path, options| go(here, path, options)
}

/// The address's query (on a page, while the address is the page's).
pub fn use_query_map() -> Memo<QueryMap> {
    use_context::<Page>().map(|page| page.query).unwrap_or_else(|| query_of(here()))
}

fn query_of(here: Here) -> Memo<QueryMap> {
    Memo::new(move |_| here.0.with(|p| QueryMap::parse(p.split_once('?').map_or("", |(_, q)| q))))
}

/// The app's address (path and query, without the base path), to follow its changes.
pub fn use_address() -> Signal<String> {
    let here = here();
    Signal::derive(move || here.0.get())
}

/// The address's path, without the base path or the query.
pub fn use_pathname() -> Memo<String> {
    let here = here();
    Memo::new(move |_| here.0.with(|p| p.split('?').next().unwrap_or("/").to_owned()))
}

/// The `:name` parts of the route showing this page.
pub fn use_params_map() -> QueryMap {
    use_context::<Page>().map(|page| page.params).unwrap_or_default()
}

/// One page of a bundle: an address pattern and what it shows.
pub type Route = (&'static str, fn() -> AnyView);

/// The first route that matches the path shows, or the fallback. A page
/// stays while only the query changes; another path makes it anew.
pub fn routes(table: &'static [Route], fallback: fn() -> AnyView) -> impl IntoView {
    let pathname = use_pathname();
    let matched = Memo::new(move |_| {
        pathname.with(|path| table.iter().enumerate().find_map(|(i, (route, _))| match_route(route, path).map(|p| (i, p))))
    });
    let address_query = query_of(here());
    move || match matched.get() {
        Some(this) => {
            let mine = this.clone();
            let query = Memo::new(move |before: Option<&QueryMap>| match before {
                Some(before) if matched.with(|now| now.as_ref() != Some(&mine)) => before.clone(),
                _ => address_query.get(),
            });
            let (i, params) = this;
            provide_context(Page { params, query });
            (table[i].1)()
        }
        None => fallback(),
    }
}

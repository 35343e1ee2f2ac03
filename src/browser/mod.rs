//! The few places the app touches the browser directly.

pub mod files;
pub mod sanitize;
pub mod storage;

use crate::domain::theme::{Theme, THEME_KEY};

/// Waits `ms` milliseconds.
pub async fn sleep_ms(ms: u32) {
    let (tx, rx) = futures::channel::oneshot::channel::<()>();
    leptos::prelude::set_timeout(move || { let _ = tx.send(()); }, std::time::Duration::from_millis(ms as u64));
    let _ = rx.await;
}

/// Seconds since the Unix epoch, from the browser's clock.
pub fn now_secs() -> u64 {
    (js_sys::Date::now() / 1000.0) as u64
}

/// The path the app is served under: `""` at the root, `"/argilla"` under a base URL.
/// Read from `<base href>`, which argilla-server fills in from `ARGILLA_BASE_URL`.
pub fn base_path() -> String {
    let href = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("base").ok().flatten())
        .and_then(|b| b.get_attribute("href"))
        .unwrap_or_default();
    normalize_base(&href)
}

/// An `href` for an app path, under the base path. Plain `<a>` elements with
/// these are routed client-side (see `ui::router`).
pub fn app_href(path: &str) -> String {
    // One leading slash only: `//host/x` would be an address on another site.
    let path = match path.trim_start_matches('/') {
        rest if rest.len() < path.len() => format!("/{rest}"),
        _ => path.to_owned(),
    };
    format!("{}{path}", base_path())
}

/// Where the API lives: the build-time `ARGILLA_API_URL` if set, else the app's own origin and base.
pub fn api_base() -> String {
    match option_env!("ARGILLA_API_URL") {
        Some(url) if !url.is_empty() => url.trim_end_matches('/').to_owned(),
        _ => base_path(),
    }
}

/// The storage key of what belongs to this deployment of the app, as its sign-in: two
/// apps under one origin (`/team-a`, `/team-b`) each keep their own. At the root, `name`.
pub fn deployment_key(name: &str) -> String {
    scoped_key(name, &base_path())
}

fn scoped_key(name: &str, base: &str) -> String {
    if base.is_empty() { name.to_owned() } else { format!("{name}@{base}") }
}

fn normalize_base(href: &str) -> String {
    // Not rewritten (e.g. a plain static server): assume the root.
    if href.contains("@@") {
        return String::new();
    }
    let path = match href.find("://") {
        Some(i) => href[i + 3..].find('/').map(|j| &href[i + 3 + j..]).unwrap_or(""),
        None => href,
    };
    path.trim_end_matches('/').to_owned()
}

/// This page's origin, e.g. `https://owner-space.hf.space`.
pub fn own_origin() -> String {
    web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}

/// A posted message's data as JSON (`Null` when it is not plain data).
pub fn message_json(ev: &web_sys::MessageEvent) -> serde_json::Value {
    js_sys::JSON::stringify(&ev.data())
        .ok()
        .and_then(|s| s.as_string())
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}

/// True when the app runs inside a frame (e.g. the Space page on huggingface.co).
pub fn is_framed() -> bool {
    let Some(window) = web_sys::window() else { return false };
    match window.top() {
        Ok(Some(top)) => top != window,
        // Reading `top` can throw across origins: that means framed.
        _ => true,
    }
}

thread_local! {
    static LOADING_ANOTHER_BUNDLE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Loads the app anew at `path` in this tab (another bundle has its page).
/// Values kept only in memory ride along; the page's leave warning does not
/// ask, as this is the app moving on (answers still on their way are sent as
/// the page goes, and stay stored until the server has them).
pub fn load_other_bundle(path: &str) {
    storage::hand_off();
    LOADING_ANOTHER_BUNDLE.with(|l| l.set(true));
    if let Some(window) = web_sys::window() {
        let _ = window.location().replace(&signed_href(&app_href(path)));
    }
}

fn space_sign_key() -> String {
    deployment_key("argilla-lite.space-sign")
}

/// Keeps a private Space's signed parameter from the address the page was opened at (a
/// newer one replaces an older): the in-app links leave it behind, and a later page load
/// in the frame needs it.
pub fn remember_space_sign() {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    if let Some(sign) = crate::domain::oauth::space_sign_in(&search) {
        storage::set(storage::Scope::Session, &space_sign_key(), &sign);
    }
}

/// The private Space's signed parameter, when the app was opened with one.
pub fn space_sign() -> Option<String> {
    storage::get(storage::Scope::Session, &space_sign_key())
}

/// A link that opens this app in a new tab shows (and copies as) the plain address; the tab
/// itself opens with the Space's signed parameter. Put on the link's `click`.
pub fn open_signed_in_new_tab(ev: &web_sys::MouseEvent, href: &str) {
    let Some(window) = web_sys::window() else { return };
    if space_sign().is_none() || ev.ctrl_key() || ev.meta_key() || ev.shift_key() {
        return; // the link as it is
    }
    ev.prevent_default();
    let _ = window.open_with_url_and_target_and_features(&signed_href(href), "_blank", "noopener");
}

/// `href` to load as a new page in this frame: with the Space's signed parameter.
pub fn signed_href(href: &str) -> String {
    crate::domain::oauth::with_space_sign(href, space_sign().as_deref())
}

/// Whether the page is going because the app loads another bundle.
pub fn loading_other_bundle() -> bool {
    LOADING_ANOTHER_BUNDLE.with(|l| l.get())
}

/// The page's current path and query, without the base path.
pub fn current_app_path() -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else { return "/".into() };
    let path = location.pathname().unwrap_or_default();
    let search = location.search().unwrap_or_default();
    let base = base_path();
    let inner = path.strip_prefix(&base).unwrap_or(&path);
    let inner = if inner.is_empty() { "/" } else { inner };
    format!("{inner}{search}")
}

/// This browser's theme choice (System when none).
pub fn stored_theme() -> Theme {
    Theme::parse(storage::get(storage::Scope::Persistent, THEME_KEY).as_deref())
}

/// Moves the keyboard focus to the first element matching `css`, if there is one.
pub fn focus_first(css: &str) {
    use wasm_bindgen::JsCast;
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(css).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = element {
        let _ = el.focus();
    }
}

const KEYS_ANYWHERE_KEY: &str = "argilla-lite.keys-anywhere";

/// Whether the annotation page's one-character keys (numbers, ?) work wherever the focus
/// is (the default), or only inside a question: speech input can type them by mistake.
pub fn keys_anywhere() -> bool {
    storage::get(storage::Scope::Persistent, KEYS_ANYWHERE_KEY).as_deref() != Some("off")
}

pub fn set_keys_anywhere(on: bool) {
    storage::set(storage::Scope::Persistent, KEYS_ANYWHERE_KEY, if on { "on" } else { "off" });
}

/// Keeps the choice for this browser and applies it.
pub fn choose_theme(theme: Theme) {
    storage::set(storage::Scope::Persistent, THEME_KEY, theme.key());
    apply_theme(theme);
}

/// Puts `data-theme` on `<html>` (or removes it, leaving the OS preference in charge).
pub fn apply_theme(theme: Theme) {
    let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) else { return };
    let _ = match theme.attribute() {
        Some(value) => root.set_attribute("data-theme", value),
        None => root.remove_attribute("data-theme"),
    };
}

/// Copies `text` to the clipboard; resolves to false when the browser refused.
pub fn copy_text(text: &str) -> impl std::future::Future<Output = bool> + 'static {
    let promise = web_sys::window().map(|w| w.navigator().clipboard().write_text(text));
    async move {
        match promise {
            Some(p) => wasm_bindgen_futures::JsFuture::from(p).await.is_ok(),
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{normalize_base, scoped_key};

    #[test]
    fn keys_per_deployment() {
        assert_eq!(scoped_key("argilla-lite.token", &normalize_base("/")), "argilla-lite.token");
        assert_eq!(scoped_key("argilla-lite.token", &normalize_base("@@baseUrl@@/")), "argilla-lite.token");
        assert_eq!(scoped_key("argilla-lite.token", &normalize_base("/team-a/")), "argilla-lite.token@/team-a");
        assert_eq!(scoped_key("argilla-lite.token", &normalize_base("https://x.example/team-b/")), "argilla-lite.token@/team-b");
    }

    #[test]
    fn base_href_forms() {
        assert_eq!(normalize_base("/"), "");
        assert_eq!(normalize_base("/argilla/"), "/argilla");
        assert_eq!(normalize_base("@@baseUrl@@/"), "");
        assert_eq!(normalize_base("http://h:1/x/"), "/x");
        assert_eq!(normalize_base(""), "");
    }
}

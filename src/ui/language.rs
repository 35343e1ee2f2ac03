//! Loading the chosen language's strings: at start (index.html has already
//! started the download) and when the user picks another one.

use crate::browser::{storage, storage::Scope};
use crate::domain::queue::Latest;
use crate::i18n::{self, k, t, Lang, LANG_KEY};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The language index.html chose (stored choice, else the browser's), with
/// its strings; English if they cannot be had.
pub async fn load_initial() {
    let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element());
    let lang = root.as_ref().and_then(|r| Lang::parse(&r.get_attribute("lang").unwrap_or_default())).unwrap_or_default();
    if lang == Lang::En {
        return;
    }
    let download = js_sys::Reflect::get(&js_sys::global(), &"argillaLiteInitialStrings".into()).ok().and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
    let loaded = match download {
        Some(promise) => files(promise).await.map_err(|e| format!("{e:?}")).and_then(|files| i18n::load(lang, &files)),
        None => Err("no download started".to_owned()),
    };
    if let Err(reason) = loaded {
        web_sys::console::warn_1(&format!("showing English: the {} strings could not be loaded ({reason})", lang.code()).into());
        set_document_lang(Lang::En);
        NOT_LOADED_AT_START.with(|n| n.set(Some(lang)));
    }
}

thread_local! {
    static NOT_LOADED_AT_START: std::cell::Cell<Option<Lang>> = const { std::cell::Cell::new(None) };
}

/// The language chosen that could not be had at start (the page shows English): said once.
pub fn not_loaded_at_start() -> Option<Lang> {
    NOT_LOADED_AT_START.with(|n| n.take())
}

/// Why a language could not be had.
#[derive(Debug, Clone, PartialEq)]
pub enum NotLoaded {
    /// Said by the browser (a failed request's message): shown as written.
    Browser(String),
    /// Said by the app, in the reader's language.
    App(&'static str),
}

/// How a choice ended when nothing went wrong.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Chosen {
    Switched,
    /// Another language was picked while this one downloaded: that one counts.
    Overtaken,
}

thread_local! {
    /// The newest choice: a slow download for an earlier one must not win over it.
    static LATEST: std::cell::RefCell<Latest> = std::cell::RefCell::new(Latest::default());
}

/// Downloads `lang`'s strings for this bundle, switches to them and keeps the
/// choice for this browser, unless another choice came after this one (its
/// outcome, success or failure, is then left to that one). The caller
/// redraws (`AppState::lang`).
pub async fn choose(lang: Lang) -> Result<Chosen, NotLoaded> {
    let ticket = LATEST.with(|l| l.borrow_mut().issue());
    let files = download(lang).await;
    if !LATEST.with(|l| l.borrow().is_current(ticket)) {
        return Ok(Chosen::Overtaken);
    }
    i18n::load(lang, &files?).map_err(|reason| {
        web_sys::console::warn_1(&reason.into());
        NotLoaded::App(t(k::settings::language_out_of_step))
    })?;
    storage::set(Scope::Persistent, LANG_KEY, lang.code());
    set_document_lang(lang);
    Ok(Chosen::Switched)
}

async fn download(lang: Lang) -> Result<Vec<String>, NotLoaded> {
    if lang == Lang::En {
        return Ok(Vec::new());
    }
    let download = js_sys::Reflect::get(&js_sys::global(), &"argillaLiteStrings".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or(NotLoaded::App(t(k::settings::language_cannot_download)))?;
    let promise = download.call1(&JsValue::NULL, &lang.code().into()).map_err(refusal)?;
    files(promise.unchecked_into()).await.map_err(refusal)
}

async fn files(promise: js_sys::Promise) -> Result<Vec<String>, JsValue> {
    let value = JsFuture::from(promise).await?;
    Ok(js_sys::Array::from(&value).iter().filter_map(|f| f.as_string()).collect())
}

fn set_document_lang(lang: Lang) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", lang.code());
    }
}

/// A failed download's own message, or ours when it has none.
fn refusal(error: JsValue) -> NotLoaded {
    let message = error.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).or_else(|| error.as_string());
    match message.filter(|m| !m.trim().is_empty()) {
        Some(message) => NotLoaded::Browser(message),
        None => NotLoaded::App(t(k::settings::language_download_failed)),
    }
}

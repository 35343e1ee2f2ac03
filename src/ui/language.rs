//! Loading the chosen language's strings: at start (index.html has already
//! started the download) and when the user picks another one.

use crate::browser::{storage, storage::Scope};
use crate::i18n::{self, Lang, LANG_KEY};
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
        Some(promise) => files(promise).await.and_then(|files| i18n::load(lang, &files)),
        None => Err("no download started".to_owned()),
    };
    if let Err(reason) = loaded {
        web_sys::console::warn_1(&format!("showing English: the {} strings could not be loaded ({reason})", lang.code()).into());
        set_document_lang(Lang::En);
    }
}

/// Downloads `lang`'s strings for this bundle, switches to them and keeps the
/// choice for this browser. The caller redraws (`AppState::lang`).
pub async fn choose(lang: Lang) -> Result<(), String> {
    let files = if lang == Lang::En {
        Vec::new()
    } else {
        let download = js_sys::Reflect::get(&js_sys::global(), &"argillaLiteStrings".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .ok_or("this page cannot download strings")?;
        let promise = download.call1(&JsValue::NULL, &lang.code().into()).map_err(describe)?;
        files(promise.unchecked_into()).await?
    };
    i18n::load(lang, &files)?;
    storage::set(Scope::Persistent, LANG_KEY, lang.code());
    set_document_lang(lang);
    Ok(())
}

async fn files(promise: js_sys::Promise) -> Result<Vec<String>, String> {
    let value = JsFuture::from(promise).await.map_err(describe)?;
    Ok(js_sys::Array::from(&value).iter().filter_map(|f| f.as_string()).collect())
}

fn set_document_lang(lang: Lang) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", lang.code());
    }
}

fn describe(error: JsValue) -> String {
    error.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).or_else(|| error.as_string()).unwrap_or_else(|| "download failed".to_owned())
}

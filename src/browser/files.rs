//! Files in the browser: building a download from byte chunks (kept by the
//! browser, not in wasm memory) and reading pieces of a file the user picked.

use crate::i18n::{k, t};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The chunks of a file being built; the browser holds them (and may keep
/// large ones on disk), so the app's own memory stays small.
#[derive(Clone, Default)]
pub struct Chunks {
    parts: js_sys::Array,
    pub len: u64,
}

impl Chunks {
    pub fn push(&mut self, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        self.parts.push(&js_sys::Uint8Array::from(bytes));
        self.len += bytes.len() as u64;
    }

    /// Offers the chunks as a download named `filename`; gives the file's address, for a link
    /// that offers it again (a download started long after the click may be refused, as in a
    /// cross-site frame). Free it with [`forget_file`] once that link is gone.
    pub fn download(&self, filename: &str, mime: &str) -> Result<String, String> {
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&self.parts, &options).map_err(js_error)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js_error)?;
        let document = web_sys::window().and_then(|w| w.document()).ok_or(t(k::data::no_download_here))?;
        let a: web_sys::HtmlAnchorElement = document.create_element("a").map_err(js_error)?.unchecked_into();
        a.set_href(&url);
        a.set_download(filename);
        a.set_attribute("hidden", "").ok();
        document.body().ok_or(t(k::data::no_download_here))?.append_child(&a).map_err(js_error)?;
        a.click();
        a.remove();
        Ok(url)
    }
}

/// Frees a file made by [`Chunks::download`].
pub fn forget_file(url: &str) {
    let _ = web_sys::Url::revoke_object_url(url);
}

fn js_error(e: wasm_bindgen::JsValue) -> String {
    e.as_string().or_else(|| js_sys::Reflect::get(&e, &"message".into()).ok().and_then(|m| m.as_string())).unwrap_or_else(|| t(k::data::browser_error).into())
}

/// Bytes `start..end` of a file.
pub async fn read_range(file: &web_sys::Blob, start: u64, end: u64) -> Result<Vec<u8>, String> {
    let piece = file.slice_with_f64_and_f64(start as f64, end as f64).map_err(js_error)?;
    let buffer = JsFuture::from(piece.array_buffer()).await.map_err(js_error)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

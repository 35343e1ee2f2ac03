use leptos::prelude::*;

/// `value` as a JavaScript literal inside a `<script>`: nothing in it can end the
/// script or open a comment (`</script>`, `<!--`), and the line separators are escaped.
fn script_json(value: &serde_json::Value) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
    json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026").replace('\u{2028}', "\\u2028").replace('\u{2029}', "\\u2029")
}

/// Tells the page how tall the frame's content is, as it loads and changes.
/// (The root's own height, not its scroll height: that is never less than the frame.)
const TELL_HEIGHT: &str = "<script>(()=>{const d=document,h=()=>parent.postMessage({argillaLiteHeight:Math.max(d.documentElement.offsetHeight,d.body?d.body.scrollHeight:0)},'*');addEventListener('load',h);new ResizeObserver(h).observe(d.documentElement)})()</script>";

/// A custom field's HTML in a sandboxed frame: it may run its own scripts but
/// has an opaque origin, so it can't read the app, its storage or its session.
/// The frame is as tall as its content (within bounds), as Argilla's is.
#[component]
pub fn CustomField(
    record: impl Fn() -> serde_json::Value + Send + Sync + 'static,
    template: String,
    #[prop(optional)] advanced: bool,
    title: String,
) -> impl IntoView {
    let srcdoc = move || {
        let record = record();
        let body = if advanced { template.clone() } else { crate::domain::template::fill(&template, &record) };
        format!("<!doctype html><meta charset=utf-8><script>const record = {};</script>{body}{TELL_HEIGHT}", script_json(&record))
    };
    let frame = NodeRef::<leptos::html::Iframe>::new();
    let height = RwSignal::new(None::<f64>);
    let listener = window_event_listener(leptos::ev::message, move |ev| {
        // Only this frame's own word counts (any frame may post any message).
        let Some(own) = frame.get_untracked().and_then(|f| f.content_window()) else { return };
        let from_own = ev.source().is_some_and(|source| js_sys::Object::is(&source, &own));
        let told = js_sys::Reflect::get(&ev.data(), &"argillaLiteHeight".into()).ok().and_then(|h| h.as_f64()).filter(|h| h.is_finite());
        if let (true, Some(told)) = (from_own, told) {
            let told = told.clamp(120.0, 4000.0);
            // Content sized by the frame itself (`min-height: 100vh`) would grow it a margin
            // at a time: a small growth is left alone.
            if height.get_untracked().is_none_or(|now| told < now || told > now + 24.0) {
                height.set(Some(told));
            }
        }
    });
    on_cleanup(move || listener.remove());
    view! {
        <iframe class="field-custom" translate="no" title=title sandbox="allow-scripts" referrerpolicy="no-referrer" srcdoc=srcdoc node_ref=frame
            style=move || height.get().map(|h| format!("--content-height: {}px", h.ceil()))></iframe>
    }
}

#[cfg(test)]
mod tests {
    use super::script_json;

    #[test]
    fn record_data_cannot_leave_its_script() {
        let record = serde_json::json!({"text": "</script><!--<script>x & y\u{2028}"});
        let js = script_json(&record);
        assert!(!js.contains('<') && !js.contains('>') && !js.contains('&') && !js.contains('\u{2028}'), "{js}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&js).unwrap(), record, "still the same value");
    }
}

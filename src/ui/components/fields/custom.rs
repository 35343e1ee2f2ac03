use leptos::prelude::*;

/// `value` as a JavaScript literal inside a `<script>`: nothing in it can end the
/// script or open a comment (`</script>`, `<!--`), and the line separators are escaped.
fn script_json(value: &serde_json::Value) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
    json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026").replace('\u{2028}', "\\u2028").replace('\u{2029}', "\\u2029")
}

/// A custom field's HTML in a sandboxed frame: it may run its own scripts but
/// has an opaque origin, so it can't read the app, its storage or its session.
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
        format!("<!doctype html><meta charset=utf-8><script>const record = {};</script>{body}", script_json(&record))
    };
    view! { <iframe class="field-custom" translate="no" title=title sandbox="allow-scripts" referrerpolicy="no-referrer" srcdoc=srcdoc></iframe> }
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

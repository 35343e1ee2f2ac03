use leptos::prelude::*;

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

/// Fills `{{record.fields.x}}`, `{{record.metadata.x}}` and `{{record.id}}` with escaped values.
pub fn fill_template(template: &str, record: &serde_json::Value) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find("}}") else {
            out.push_str(&rest[open..]);
            return out;
        };
        let path = rest[open + 2..open + close].trim();
        let mut value = record;
        for part in path.trim_start_matches("record.").split('.') {
            value = value.get(part).unwrap_or(&serde_json::Value::Null);
        }
        let shown = match value {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Null => String::new(),
            other => other.to_string(),
        };
        out.push_str(&escape_html(&shown));
        rest = &rest[open + close + 2..];
    }
    out.push_str(rest);
    out
}

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
        let body = if advanced { template.clone() } else { fill_template(&template, &record) };
        format!("<!doctype html><meta charset=utf-8><script>const record = {};</script>{body}", script_json(&record))
    };
    view! { <iframe class="field-custom" translate="no" title=title sandbox="allow-scripts" referrerpolicy="no-referrer" srcdoc=srcdoc></iframe> }
}

#[cfg(test)]
mod tests {
    use super::{fill_template, script_json};

    #[test]
    fn record_data_cannot_leave_its_script() {
        let record = serde_json::json!({"text": "</script><!--<script>x & y\u{2028}"});
        let js = script_json(&record);
        assert!(!js.contains('<') && !js.contains('>') && !js.contains('&') && !js.contains('\u{2028}'), "{js}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&js).unwrap(), record, "still the same value");
    }

    #[test]
    fn template_values_are_escaped() {
        let record = serde_json::json!({"fields": {"text": "<img src=x onerror=alert(1)>"}, "id": "r1"});
        let html = fill_template("<p>{{record.fields.text}}</p><i>{{ record.id }}</i>{{record.fields.none}}", &record);
        assert_eq!(html, "<p>&lt;img src=x onerror=alert(1)&gt;</p><i>r1</i>");
    }
}

use crate::domain::markdown::to_safe_html;
use leptos::prelude::*;
use serde_json::Value;

#[component]
pub fn ChatField(value: impl Fn() -> Option<Value> + Send + Sync + 'static, markdown: bool) -> impl IntoView {
    view! {
        <ol class="chat">
            {move || {
                let messages = value().and_then(|v| v.as_array().cloned()).unwrap_or_default();
                messages.into_iter().map(|m| {
                    let role = m.get("role").and_then(Value::as_str).unwrap_or("message").to_owned();
                    let role_attr = role.clone();
                    let content = m.get("content").and_then(Value::as_str).unwrap_or_default().to_owned();
                    let body = if markdown {
                        view! { <div class="chat-content markdown" inner_html=to_safe_html(&content)></div> }.into_any()
                    } else {
                        view! { <div class="chat-content">{content}</div> }.into_any()
                    };
                    view! {
                        <li class="chat-message" data-role=role_attr>
                            <span class="chat-role">{role}</span>
                            {body}
                        </li>
                    }
                }).collect_view()
            }}
        </ol>
    }
}

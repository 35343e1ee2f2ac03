use crate::domain::markdown::to_safe_html;
use crate::i18n::{k, t};
use leptos::prelude::*;
use serde_json::Value;

#[component]
pub fn ChatField(value: impl Fn() -> Option<Value> + Send + Sync + 'static, markdown: bool) -> impl IntoView {
    view! {
        <ol class="chat">
            {move || {
                let messages = value().and_then(|v| v.as_array().cloned()).unwrap_or_default();
                messages.into_iter().map(|m| {
                    let role = m.get("role").and_then(Value::as_str).map(str::to_owned);
                    let role_attr = role.clone().unwrap_or_else(|| "message".into());
                    let content = m.get("content").and_then(Value::as_str).unwrap_or_default().to_owned();
                    let body = if markdown {
                        view! { <div class="chat-content markdown" translate="no" inner_html=to_safe_html(&content)></div> }.into_any()
                    } else {
                        view! { <div class="chat-content" translate="no">{content}</div> }.into_any()
                    };
                    view! {
                        <li class="chat-message" data-role=role_attr dir="auto">
                            {match role {
                                Some(role) => view! { <span class="chat-role" translate="no">{role}</span> }.into_any(),
                                None => view! { <span class="chat-role">{t(k::annotate::chat_message)}</span> }.into_any(),
                            }}
                            {body}
                        </li>
                    }
                }).collect_view()
            }}
        </ol>
    }
}

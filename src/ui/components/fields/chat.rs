use crate::browser::sanitize::safe_markdown;
use crate::i18n::{k, t};
use leptos::prelude::*;
use serde_json::Value;

#[component]
pub fn ChatField(value: impl Fn() -> Option<Value> + Send + Sync + 'static, markdown: bool) -> impl IntoView {
    // Not a list of messages: shown as it is, rather than as an empty conversation.
    let messages = move || match value() {
        Some(serde_json::Value::Array(messages)) => Ok(messages),
        None | Some(serde_json::Value::Null) => Ok(vec![]),
        other => Err(super::text::as_text(other)),
    };
    view! {
        <ol class="chat">
            {move || {
                let messages = match messages() {
                    Ok(messages) => messages,
                    Err(text) => return view! { <li class="chat-message"><pre class="chat-content" translate="no">{text}</pre></li> }.into_any(),
                };
                messages.into_iter().map(|m| {
                    let role = m.get("role").and_then(Value::as_str).map(str::to_owned);
                    let role_attr = role.clone().unwrap_or_else(|| "message".into());
                    // Content given as parts (a list, an object) is shown as written.
                    let content = match &m {
                        Value::Object(_) => super::text::as_text(m.get("content").cloned()),
                        other => super::text::as_text(Some(other.clone())),
                    };
                    let body = if markdown {
                        view! { <div class="chat-content markdown" translate="no" inner_html=safe_markdown(&content)></div> }.into_any()
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
                }).collect_view().into_any()
            }}
        </ol>
    }
}

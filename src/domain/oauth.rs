//! "Sign in with Hugging Face": the authentication URL, and the hand-off of
//! the token from the sign-in window to the framed app that opened it.

use crate::url::encode_component;
use serde_json::{json, Value};

pub const TOKEN_MESSAGE: &str = "argilla-lite:oauth-token";
/// The opener's answer: it took the token, the sign-in window may close.
pub const ACK_MESSAGE: &str = "argilla-lite:oauth-ack";

/// Where the browser starts the flow. The page's own query is passed along
/// (private Spaces add a signed parameter the server needs), except our `redirect`.
pub fn authentication_path(provider: &str, page_query: &[(String, String)]) -> String {
    let mut forwarded: Vec<String> = page_query
        .iter()
        .filter(|(k, _)| k != "redirect")
        .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
        .collect();
    // A private Space's signed parameter can ride inside the kept page
    // (`?redirect=/dataset/x?__sign=…`) when a guard sent the visitor here.
    if !page_query.iter().any(|(k, _)| k == SPACE_SIGN) {
        let kept = page_query.iter().filter(|(k, _)| k == "redirect").filter_map(|(_, v)| v.split_once('?')).map(|(_, q)| q);
        for pair in kept.flat_map(|q| q.split('&')) {
            if let Some((SPACE_SIGN, value)) = pair.split_once('=') {
                forwarded.push(format!("{SPACE_SIGN}={value}"));
            }
        }
    }
    let path = format!("/api/v1/oauth2/providers/{}/authentication", encode_component(provider));
    if forwarded.is_empty() {
        path
    } else {
        format!("{path}?{}", forwarded.join("&"))
    }
}

/// The query parameter Hugging Face adds to the address of a private Space.
const SPACE_SIGN: &str = "__sign";

/// A private Space's signed parameter in a page's query: its own, or the one inside the
/// page kept in `redirect` (where a guard put the visitor's first address).
pub fn space_sign_in(search: &str) -> Option<String> {
    let query = crate::url::QueryMap::parse(search);
    query.get(SPACE_SIGN).filter(|s| !s.is_empty()).or_else(|| {
        let kept = query.get("redirect")?;
        crate::url::QueryMap::parse(kept.split_once('?')?.1).get(SPACE_SIGN).filter(|s| !s.is_empty())
    })
}

/// `href` with the Space's signed parameter (hf.space's proxy wants it on every page load
/// in the frame), unless it has one; before any `#`.
pub fn with_space_sign(href: &str, sign: Option<&str>) -> String {
    let Some(sign) = sign else { return href.to_owned() };
    let (main, hash) = href.split_once('#').map_or((href, None), |(m, h)| (m, Some(h)));
    if crate::url::QueryMap::parse(main.split_once('?').map_or("", |(_, q)| q)).get(SPACE_SIGN).is_some() {
        return href.to_owned();
    }
    let joint = if !main.contains('?') { "?" } else if main.ends_with('?') || main.ends_with('&') { "" } else { "&" };
    let hash = hash.map(|h| format!("#{h}")).unwrap_or_default();
    format!("{main}{joint}{SPACE_SIGN}={}{hash}", encode_component(sign))
}

/// The sign-in window's word to its opener that the sign-in failed there, and why.
pub const FAILED_MESSAGE: &str = "argilla-lite:oauth-failed";

pub fn failed_message(reason: &str) -> Value {
    json!({"type": FAILED_MESSAGE, "reason": reason})
}

/// Accepts a failure posted by the sign-in window: from this app's own origin only.
pub fn failure_from_message(event_origin: &str, own_origin: &str, data: &Value) -> Option<String> {
    if event_origin != own_origin || own_origin.is_empty() || own_origin == "null" {
        return None;
    }
    if data.get("type")?.as_str()? != FAILED_MESSAGE {
        return None;
    }
    let reason: String = data.get("reason")?.as_str()?.chars().take(500).collect();
    Some(reason)
}

/// The message the sign-in window posts to its opener.
pub fn token_message(token: &str) -> Value {
    json!({"type": TOKEN_MESSAGE, "token": token})
}

pub fn ack_message() -> Value {
    json!({"type": ACK_MESSAGE})
}

/// True for our acknowledgement, from our own origin only.
pub fn is_ack(event_origin: &str, own_origin: &str, data: &Value) -> bool {
    event_origin == own_origin && own_origin != "null" && data.get("type").and_then(Value::as_str) == Some(ACK_MESSAGE)
}

/// Accepts a posted token only from this app's own origin and in our shape.
pub fn token_from_message(event_origin: &str, own_origin: &str, data: &Value) -> Option<String> {
    if event_origin != own_origin || own_origin.is_empty() || own_origin == "null" {
        return None;
    }
    if data.get("type")?.as_str()? != TOKEN_MESSAGE {
        return None;
    }
    let token = data.get("token")?.as_str()?;
    let looks_like_jwt = token.split('.').count() == 3 && token.len() < 8192 && !token.contains(char::is_whitespace);
    looks_like_jwt.then(|| token.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_is_taken_from_this_origin_only_and_cut_short() {
        let own = "https://me.hf.space";
        let data = failed_message("declined");
        assert_eq!(failure_from_message(own, own, &data).as_deref(), Some("declined"));
        assert_eq!(failure_from_message("https://evil.example", own, &data), None);
        assert_eq!(failure_from_message("null", "null", &data), None);
        assert_eq!(failure_from_message(own, own, &token_message("a.b.c")), None);
        let long = failure_from_message(own, own, &failed_message(&"x".repeat(2000))).unwrap_or_default();
        assert_eq!(long.chars().count(), 500);
    }

    #[test]
    fn the_space_sign_is_read_from_the_page_or_the_kept_page_and_added_once_before_the_hash() {
        assert_eq!(space_sign_in("?__sign=a.b.c&x=1").as_deref(), Some("a.b.c"));
        assert_eq!(space_sign_in("?redirect=%2Fdataset%2F1%3F__sign%3Dd.e.f").as_deref(), Some("d.e.f"));
        assert_eq!(space_sign_in("?redirect=%2Fdataset%2F1"), None);
        assert_eq!(space_sign_in("?__sign="), None);
        assert_eq!(with_space_sign("/b/dataset/1", Some("a.b+c")), "/b/dataset/1?__sign=a.b%2Bc");
        assert_eq!(with_space_sign("/?page=2#top", Some("s")), "/?page=2&__sign=s#top");
        assert_eq!(with_space_sign("/x?", Some("s")), "/x?__sign=s");
        assert_eq!(with_space_sign("/x?__sign=old", Some("new")), "/x?__sign=old");
        assert_eq!(with_space_sign("/x", None), "/x");
    }

    const ORIGIN: &str = "https://owner-space.hf.space";

    #[test]
    fn accepts_our_message_from_our_origin() {
        let msg = token_message("a.b.c");
        assert_eq!(token_from_message(ORIGIN, ORIGIN, &msg).as_deref(), Some("a.b.c"));
    }

    #[test]
    fn refuses_other_origins_and_shapes() {
        let msg = token_message("a.b.c");
        assert_eq!(token_from_message("https://huggingface.co", ORIGIN, &msg), None);
        assert_eq!(token_from_message("null", "null", &msg), None);
        assert_eq!(token_from_message(ORIGIN, ORIGIN, &json!({"type": "other", "token": "a.b.c"})), None);
        assert_eq!(token_from_message(ORIGIN, ORIGIN, &json!({"type": TOKEN_MESSAGE})), None);
        assert_eq!(token_from_message(ORIGIN, ORIGIN, &json!("a.b.c")), None);
        assert_eq!(token_from_message(ORIGIN, ORIGIN, &token_message("not a jwt")), None);
    }

    #[test]
    fn acknowledgement_only_from_our_origin() {
        assert!(is_ack(ORIGIN, ORIGIN, &ack_message()));
        assert!(!is_ack("https://evil.example", ORIGIN, &ack_message()));
        assert!(!is_ack(ORIGIN, ORIGIN, &token_message("a.b.c")));
    }

    #[test]
    fn authentication_path_forwards_the_page_query_but_not_our_redirect() {
        assert_eq!(authentication_path("huggingface", &[]), "/api/v1/oauth2/providers/huggingface/authentication");
        let q = vec![("redirect".to_owned(), "/x".to_owned()), ("__sign".to_owned(), "a b".to_owned())];
        assert_eq!(
            authentication_path("huggingface", &q),
            "/api/v1/oauth2/providers/huggingface/authentication?__sign=a%20b"
        );
        // Sent to the welcome page by a guard: the signed parameter is inside the kept page.
        let q = vec![("redirect".to_owned(), "/dataset/x/annotation-mode?page=2&__sign=eyJ.x%2By".to_owned())];
        assert_eq!(
            authentication_path("huggingface", &q),
            "/api/v1/oauth2/providers/huggingface/authentication?__sign=eyJ.x%2By"
        );
    }
}

//! `/welcome-hf-sign-in`: whom a signed-out visitor of a Hugging Face Space
//! is joining, and where the route sends everyone else (as Argilla's does).

use crate::domain::redirect::{safe_redirect, sign_in_path};
use crate::url::encode_component;
use serde_json::Value;

pub const WELCOME_PATH: &str = "/welcome-hf-sign-in";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WelcomeRoute {
    /// The server's settings are not known yet.
    Wait,
    Show,
    Go(String),
}

/// Signed in: on to the kept page (`/` without one). Not a Space: sign in
/// with a username, keeping the page. Otherwise the welcome page.
pub fn welcome_route(signed_in: bool, settings_known: bool, on_space: bool, target: &str) -> WelcomeRoute {
    if signed_in {
        WelcomeRoute::Go(target.to_owned())
    } else if !settings_known {
        WelcomeRoute::Wait
    } else if on_space {
        WelcomeRoute::Show
    } else {
        WelcomeRoute::Go(sign_in_path(target))
    }
}

/// The welcome page that brings the visitor back to `current` afterwards.
pub fn welcome_path(current: &str) -> String {
    match safe_redirect(current) {
        Some(target) if target != "/" => format!("{WELCOME_PATH}?redirect={}", encode_component(&target)),
        _ => WELCOME_PATH.to_owned(),
    }
}

/// Where a protected page sends someone without a session. Like Argilla on
/// Hugging Face, a Space greets visitors with the welcome page; a deliberate
/// sign-out goes to the plain sign-in form.
pub fn guard_path(signed_out_on_purpose: bool, on_space: bool, current: &str) -> String {
    match (signed_out_on_purpose, on_space) {
        (true, _) => "/sign-in".to_owned(),
        (false, true) => welcome_path(current),
        (false, false) => sign_in_path(current),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpaceInfo {
    pub title: String,
    pub owner: String,
}

/// The Space's title and owner from `GET /api/v1/settings`; `None` off a Space.
pub fn space_info(settings: &Value) -> Option<SpaceInfo> {
    let hf = settings.get("huggingface").filter(|h| h.is_object())?;
    let text = |key: &str| hf.get(key).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    let id = text("space_id");
    let (id_owner, id_name) = match id.as_deref().and_then(|id| id.split_once('/')) {
        Some((owner, name)) => (Some(owner.to_owned()), Some(name.to_owned())),
        None => (None, id.clone()),
    };
    let title = text("space_title").or(text("space_repo_name")).or(id_name)?;
    let owner = text("space_author_name").or(id_owner).unwrap_or_default();
    Some(SpaceInfo { title, owner })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn route_by_session_and_server() {
        assert_eq!(welcome_route(true, false, false, "/"), WelcomeRoute::Go("/".into()));
        assert_eq!(welcome_route(true, true, true, "/dataset/1/annotation-mode"), WelcomeRoute::Go("/dataset/1/annotation-mode".into()));
        assert_eq!(welcome_route(false, false, true, "/"), WelcomeRoute::Wait);
        assert_eq!(welcome_route(false, true, true, "/"), WelcomeRoute::Show);
        assert_eq!(welcome_route(false, true, false, "/"), WelcomeRoute::Go("/sign-in".into()));
        assert_eq!(welcome_route(false, true, false, "/backup"), WelcomeRoute::Go("/sign-in?redirect=%2Fbackup".into()));
    }

    #[test]
    fn guard_greets_space_visitors_and_keeps_the_page() {
        assert_eq!(guard_path(false, true, "/dataset/x/annotation-mode"), "/welcome-hf-sign-in?redirect=%2Fdataset%2Fx%2Fannotation-mode");
        assert_eq!(guard_path(false, true, "/"), "/welcome-hf-sign-in");
        assert_eq!(guard_path(false, false, "/backup"), "/sign-in?redirect=%2Fbackup");
        assert_eq!(guard_path(true, true, "/backup"), "/sign-in");
    }

    #[test]
    fn space_title_and_owner_from_real_settings() {
        // GET /api/v1/settings of argilla-server 2.8.0 on a Space.
        let real = json!({"argilla": {"show_huggingface_space_persistent_storage_warning": true, "share_your_progress_enabled": false},
            "huggingface": {"space_id": "local/argilla-space", "space_title": "Argilla (local Space)", "space_subdomain": "local-argilla-space",
            "space_host": "local-argilla-space.hf.space", "space_repo_name": "argilla-space", "space_author_name": "local",
            "space_persistent_storage_enabled": false}});
        assert_eq!(space_info(&real), Some(SpaceInfo { title: "Argilla (local Space)".into(), owner: "local".into() }));
        let sparse = json!({"huggingface": {"space_id": "team/labels", "space_title": null, "space_author_name": ""}});
        assert_eq!(space_info(&sparse), Some(SpaceInfo { title: "labels".into(), owner: "team".into() }));
        assert_eq!(space_info(&json!({"argilla": {}, "huggingface": null})), None);
        assert_eq!(space_info(&json!({"huggingface": {}})), None);
    }
}

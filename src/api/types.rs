//! Typed bodies of the Argilla REST API (argilla-server 2.x, `/api/v1`).
//!
//! Fields the app does not use are ignored; optional ones default, so a newer
//! server that adds fields keeps working.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Token {
    pub access_token: String,
    #[serde(default)]
    pub token_type: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Owner,
    Admin,
    Annotator,
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Admin => "admin",
            Role::Annotator => "annotator",
        }
    }

    /// Owners and admins manage datasets; annotators only label.
    pub fn can_manage(self) -> bool {
        matches!(self, Role::Owner | Role::Admin)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct User {
    pub id: String,
    pub username: String,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    pub role: Role,
}

impl User {
    pub fn display_name(&self) -> String {
        let full = [self.first_name.as_deref(), self.last_name.as_deref()]
            .into_iter()
            .flatten()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if full.is_empty() {
            self.username.clone()
        } else {
            full
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Items<T> {
    pub items: Vec<T>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Workspace {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatasetStatus {
    Draft,
    Ready,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Dataset {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub guidelines: Option<String>,
    pub status: DatasetStatus,
    pub workspace_id: String,
    #[serde(default)]
    pub last_activity_at: Option<String>,
    #[serde(default)]
    pub inserted_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
}

/// `GET /datasets/{id}/progress`: the team's view.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
pub struct DatasetProgress {
    #[serde(default)]
    pub total: u64,
    #[serde(default)]
    pub completed: u64,
    #[serde(default)]
    pub pending: u64,
}

/// `GET /me/datasets/{id}/metrics`: the signed-in user's own counts.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
pub struct MyMetrics {
    pub responses: ResponseCounts,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
pub struct ResponseCounts {
    #[serde(default)]
    pub total: u64,
    #[serde(default)]
    pub submitted: u64,
    #[serde(default)]
    pub discarded: u64,
    #[serde(default)]
    pub draft: u64,
    #[serde(default)]
    pub pending: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
pub struct ServerSettings {
    #[serde(default)]
    pub argilla: Option<ArgillaSettings>,
    #[serde(default)]
    pub huggingface: Option<HuggingfaceSettings>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
pub struct ArgillaSettings {
    #[serde(default)]
    pub show_huggingface_space_persistent_storage_warning: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
pub struct HuggingfaceSettings {
    #[serde(default)]
    pub space_id: Option<String>,
    #[serde(default)]
    pub space_persistent_storage_enabled: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct OAuthProvider {
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_from_real_me_response() {
        let body = r#"{"id":"b433fcd0-8e2e-4c9c-8be3-63f46a137493","first_name":"Annotator","last_name":null,
            "username":"annotator","role":"annotator","api_key":"k","inserted_at":"2026-11-22T13:05:51.083686",
            "updated_at":"2026-11-22T13:05:51.083686"}"#;
        let user: User = serde_json::from_str(body).unwrap();
        assert_eq!(user.role, Role::Annotator);
        assert_eq!(user.display_name(), "Annotator");
        assert!(!user.role.can_manage());
    }

    #[test]
    fn display_name_falls_back_to_username() {
        let user: User =
            serde_json::from_str(r#"{"id":"1","username":"ana","first_name":" ","role":"owner"}"#).unwrap();
        assert_eq!(user.display_name(), "ana");
    }

    #[test]
    fn datasets_list_from_real_response() {
        let body = r##"{"items":[{"id":"045a","name":"demo","guidelines":"# G","allow_extra_metadata":false,
            "status":"ready","distribution":{"strategy":"overlap","min_submitted":1},"metadata":null,
            "workspace_id":"3c2d","last_activity_at":"2026-11-22T13:07:16.999503",
            "inserted_at":"2026-11-22T13:06:34.486465","updated_at":"2026-11-22T13:06:34.883406"}]}"##;
        let list: Items<Dataset> = serde_json::from_str(body).unwrap();
        assert_eq!(list.items[0].status, DatasetStatus::Ready);
        assert_eq!(list.items[0].workspace_id, "3c2d");
    }

    #[test]
    fn settings_on_a_space_and_off_a_space() {
        let plain: ServerSettings =
            serde_json::from_str(r#"{"argilla":{"share_your_progress_enabled":false}}"#).unwrap();
        assert!(plain.huggingface.is_none());
        let space: ServerSettings = serde_json::from_str(
            r#"{"argilla":{"show_huggingface_space_persistent_storage_warning":true,"share_your_progress_enabled":false},
                "huggingface":{"space_id":"a/b","space_persistent_storage_enabled":false}}"#,
        )
        .unwrap();
        assert_eq!(space.huggingface.unwrap().space_persistent_storage_enabled, Some(false));
    }

    #[test]
    fn metrics_and_progress() {
        let m: MyMetrics = serde_json::from_str(
            r#"{"responses":{"total":500,"submitted":4,"discarded":1,"draft":0,"pending":495}}"#,
        )
        .unwrap();
        assert_eq!(m.responses.pending, 495);
        let p: DatasetProgress =
            serde_json::from_str(r#"{"total":500,"completed":4,"pending":496,"users":[{"username":"a"}]}"#).unwrap();
        assert_eq!(p.completed, 4);
    }
}

//! The "your data dies with the next restart" warning for Hugging Face Spaces.
//!
//! Decided from `GET /api/v1/settings` alone, never from the page's host name,
//! so it works behind custom domains and on loopback.

use crate::api::types::{Role, ServerSettings};
use crate::i18n::{k, t};

pub const LEARN_MORE_URL: &str =
    "https://docs.argilla.io/latest/getting_started/how-to-configure-argilla-on-huggingface/#persistent-storage";

/// Show it when the server runs on a Space, that Space has no persistent
/// storage, and the owner has not turned the warning off.
pub fn should_warn(settings: &ServerSettings) -> bool {
    let Some(hf) = &settings.huggingface else {
        return false;
    };
    let storage_enabled = hf.space_persistent_storage_enabled.unwrap_or(false);
    let warning_allowed = settings
        .argilla
        .as_ref()
        .and_then(|a| a.show_huggingface_space_persistent_storage_warning)
        != Some(false);
    !storage_enabled && warning_allowed
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BannerText {
    pub headline: &'static str,
    pub detail: &'static str,
    /// What to do about it: only for those who can (owners, admins).
    pub action: Option<&'static str>,
}

/// The words for this role; `None` before anyone signed in (sign-in page).
pub fn banner_text(role: Option<Role>) -> BannerText {
    BannerText {
        headline: t(k::common::banner_headline),
        detail: t(k::common::banner_detail),
        action: match role {
            Some(r) if r.can_manage() => Some(t(k::common::banner_action_manager)),
            Some(_) => None,
            None => Some(t(k::common::banner_action_signed_out)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::types::{ArgillaSettings, HuggingfaceSettings};

    fn settings(space: Option<Option<bool>>, show: Option<bool>) -> ServerSettings {
        ServerSettings {
            argilla: Some(ArgillaSettings { show_huggingface_space_persistent_storage_warning: show }),
            huggingface: space.map(|storage| HuggingfaceSettings {
                space_id: Some("a/b".into()),
                space_persistent_storage_enabled: storage,
            }),
        }
    }

    #[test]
    fn every_combination_of_the_three_settings() {
        // (huggingface present?, storage enabled, show warning) -> banner
        let storage_values = [None, Some(true), Some(false)];
        let show_values = [None, Some(true), Some(false)];
        for storage in storage_values {
            for show in show_values {
                let expected = storage != Some(true) && show != Some(false);
                assert_eq!(
                    should_warn(&settings(Some(storage), show)),
                    expected,
                    "space with storage={storage:?}, show={show:?}"
                );
                assert!(!should_warn(&settings(None, show)), "not a space, show={show:?}");
            }
        }
    }

    #[test]
    fn empty_settings_mean_no_banner() {
        assert!(!should_warn(&ServerSettings::default()));
    }

    #[test]
    fn real_space_settings_without_storage_warn() {
        let s: ServerSettings = serde_json::from_str(
            r#"{"argilla":{"show_huggingface_space_persistent_storage_warning":true,"share_your_progress_enabled":false},
               "huggingface":{"space_id":"refstack/argilla-demo","space_persistent_storage_enabled":false}}"#,
        )
        .unwrap();
        assert!(should_warn(&s));
    }

    #[test]
    fn owners_and_admins_learn_what_to_do_annotators_do_not() {
        assert!(banner_text(Some(Role::Owner)).action.unwrap().contains("enable persistent storage"));
        assert!(banner_text(Some(Role::Admin)).action.unwrap().contains("make a copy of your datasets"));
        assert_eq!(banner_text(Some(Role::Annotator)).action, None);
        assert!(banner_text(Some(Role::Annotator)).detail.contains("will be lost"));
    }
}

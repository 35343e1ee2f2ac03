//! The header's breadcrumbs on pages that show no dataset: Home / <page>.

use crate::domain::bundle::is_bare_hub_import;
use crate::i18n::{k, Key};

/// The name that follows "Home" for the page at `path` (query allowed);
/// `None` for home itself, signed-out pages and unknown addresses.
pub fn page_crumb(path: &str) -> Option<Key> {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let path = if path.len() > 1 { path.trim_end_matches('/') } else { path };
    match path {
        "/user-settings" => Some(k::common::my_settings),
        "/people" => Some(k::common::people),
        "/backup" => Some(k::common::backup_and_restore),
        "/new" => Some(k::common::hub_import),
        p if p.starts_with("/new/") || is_bare_hub_import(p) => Some(k::common::hub_import),
        p if p.starts_with("/dataset/") && p.ends_with("/export") => Some(k::common::hub_export),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_without_a_dataset_has_its_crumb() {
        assert_eq!(page_crumb("/user-settings"), Some(k::common::my_settings));
        assert_eq!(page_crumb("/people?tab=workspaces"), Some(k::common::people));
        assert_eq!(page_crumb("/backup/"), Some(k::common::backup_and_restore));
        assert_eq!(page_crumb("/new"), Some(k::common::hub_import));
        assert_eq!(page_crumb("/new/stanfordnlp/imdb"), Some(k::common::hub_import));
        assert_eq!(page_crumb("/stanfordnlp/imdb"), Some(k::common::hub_import));
        assert_eq!(page_crumb("/dataset/5e1/export"), Some(k::common::hub_export));
    }

    #[test]
    fn home_dataset_and_signed_out_pages_have_none() {
        for path in ["/", "/?workspaces=a", "/sign-in", "/welcome-hf-sign-in", "/oauth/huggingface/callback", "/dataset/5e1/annotation-mode", "/dataset/5e1/settings"] {
            assert_eq!(page_crumb(path), None, "{path}");
        }
    }
}

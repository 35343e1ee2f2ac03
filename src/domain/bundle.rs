//! The app ships as two wasm bundles: the annotator's (sign-in, home,
//! annotation, bulk) and the owner's pages that annotators never open
//! (settings, my settings, backup, people, Hub import and export). Each page belongs to one;
//! `index.html` loads the one for the address it opens at, by the same rule.

/// The rule as `index.html`'s loader writes it (a JavaScript RegExp, tested
/// against that file below so the two never disagree).
pub const OWNER_PATHS: &str = r"^\/(backup|user-settings|people|new)(\/|$)|^\/dataset\/[^\/]+\/(settings|export)(\/|$)|^\/(?!(dataset|oauth|sign-in|welcome-hf-sign-in|api)\/)[^\/]+\/[^\/]+\/?$";

/// First segments that are never a Hub owner in a bare `/<owner>/<name>`
/// import address (Argilla's `/:id`): they lead to our own pages or the API.
const NOT_HUB_OWNERS: [&str; 9] = ["dataset", "oauth", "sign-in", "welcome-hf-sign-in", "api", "new", "backup", "people", "user-settings"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bundle {
    Annotate,
    Owner,
}

fn parts(path: &str) -> Vec<&str> {
    path.split(['?', '#']).next().unwrap_or_default().trim_start_matches('/').split('/').collect()
}

/// Which bundle serves an app path (under the base path, query excluded).
pub fn bundle_for(path: &str) -> Bundle {
    let parts = parts(path);
    let owner = matches!(parts.first(), Some(&("backup" | "user-settings" | "people" | "new")))
        || (parts.len() >= 3 && parts[0] == "dataset" && !parts[1].is_empty() && matches!(parts[2], "settings" | "export"))
        || bare_hub_import(&parts);
    if owner {
        Bundle::Owner
    } else {
        Bundle::Annotate
    }
}

/// Whether an app path is `/<owner>/<name>` (a trailing slash allowed): a
/// Hub dataset to import, unless the first part is one of this app's own.
pub fn is_bare_hub_import(path: &str) -> bool {
    bare_hub_import(&parts(path))
}

fn bare_hub_import(parts: &[&str]) -> bool {
    let two = parts.len() == 2 || (parts.len() == 3 && parts[2].is_empty());
    two && !parts[0].is_empty() && !parts[1].is_empty() && !NOT_HUB_OWNERS.contains(&parts[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owner_pages_and_the_rest() {
        for owner in ["/backup", "/backup?dataset=x", "/user-settings", "/people", "/people/workspaces", "/dataset/abc/settings", "/new", "/new/org/name", "/dataset/abc/export", "/stanfordnlp/imdb", "/local/kitchen/"] {
            assert_eq!(bundle_for(owner), Bundle::Owner, "{owner}");
        }
        for annotate in ["/", "/sign-in", "/dataset/abc/annotation-mode", "/oauth/huggingface/callback", "/backups", "/welcome-hf-sign-in", "/dataset/settings", "/news", "/dataset/export", "/dataset/abc", "/oauth/huggingface", "/sign-in/x", "/api/v1", "/a/b/c", "//b"] {
            assert_eq!(bundle_for(annotate), Bundle::Annotate, "{annotate}");
        }
    }

    #[test]
    fn our_own_addresses_are_no_hub_import() {
        assert!(is_bare_hub_import("/local/kitchen"));
        assert!(is_bare_hub_import("/local/kitchen/?x=1"));
        for ours in ["/people/x", "/backup/x", "/new/x", "/user-settings/x", "/dataset/x", "/oauth/huggingface", "/a", "/a/b/c"] {
            assert!(!is_bare_hub_import(ours), "{ours}");
        }
    }

    #[test]
    fn the_loader_in_index_html_uses_the_same_rule() {
        let html = include_str!("../../index.html");
        assert!(html.contains(&format!("/{OWNER_PATHS}/")), "index.html must test paths with {OWNER_PATHS}");
    }
}

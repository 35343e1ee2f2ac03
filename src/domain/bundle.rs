//! The app ships as three wasm bundles: the sign-in pages (small, so the
//! first thing a visitor meets arrives fast), the annotator's (home,
//! annotation, bulk) and the owner's pages that annotators never open
//! (settings, my settings, backup, people, Hub import and export). Each page
//! belongs to one; `index.html` loads the one for the address it opens at, by
//! the same rule, and the sign-in bundle for any page while nobody is signed in.

/// The rule as `index.html`'s loader writes it (a JavaScript RegExp, tested
/// against that file below so the two never disagree).
pub const OWNER_PATHS: &str = r"^\/(backup|user-settings|people|new)(\/|$)|^\/dataset\/[^\/]+\/(settings|export)(\/|$)|^\/(?!(dataset|oauth|sign-in|welcome-hf-sign-in|api)\/)[^\/]+\/[^\/]+\/?$";

/// The sign-in pages, as `index.html` writes the rule.
pub const SIGN_IN_PATHS: &str = r"^\/(sign-in|welcome-hf-sign-in)\/?$|^\/oauth\/[^\/]+\/callback\/?$";

/// First segments that are never a Hub owner in a bare `/<owner>/<name>`
/// import address (Argilla's `/:id`): they lead to our own pages or the API.
const NOT_HUB_OWNERS: [&str; 9] = ["dataset", "oauth", "sign-in", "welcome-hf-sign-in", "api", "new", "backup", "people", "user-settings"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bundle {
    SignIn,
    Annotate,
    Owner,
}

impl Bundle {
    /// Its name on `<html data-bundle>`, for tests that wait for the right one.
    pub fn name(self) -> &'static str {
        match self {
            Bundle::SignIn => "sign-in",
            Bundle::Annotate => "annotate",
            Bundle::Owner => "owner",
        }
    }
}

fn parts(path: &str) -> Vec<&str> {
    path.split(['?', '#']).next().unwrap_or_default().trim_start_matches('/').split('/').collect()
}

/// Which bundle serves an app path (under the base path, query excluded).
pub fn bundle_for(path: &str) -> Bundle {
    let parts = parts(path);
    let sign_in = matches!(parts.as_slice(), ["sign-in" | "welcome-hf-sign-in"] | ["sign-in" | "welcome-hf-sign-in", ""])
        || matches!(parts.as_slice(), ["oauth", provider, "callback"] | ["oauth", provider, "callback", ""] if !provider.is_empty());
    if sign_in {
        return Bundle::SignIn;
    }
    let owner = matches!(parts.first(), Some(&("backup" | "user-settings" | "people" | "new")))
        || (parts.len() >= 3 && parts[0] == "dataset" && !parts[1].is_empty() && matches!(parts[2], "settings" | "export"))
        || bare_hub_import(&parts);
    if owner {
        Bundle::Owner
    } else {
        Bundle::Annotate
    }
}

/// Whether some bundle has a page at this app path: the sign-in pages show
/// "Page not found" for the rest instead of asking to sign in first.
pub fn has_page(path: &str) -> bool {
    let all = parts(path);
    let parts = match all.as_slice() {
        [rest @ .., ""] if rest.len() > 0 => rest,
        whole => whole,
    };
    match parts {
        [""] | ["sign-in" | "welcome-hf-sign-in" | "backup" | "user-settings" | "people" | "new"] => true,
        ["oauth", provider, "callback"] => !provider.is_empty(),
        ["dataset", id, "annotation-mode" | "settings" | "export"] => !id.is_empty(),
        ["new", owner, name] => !owner.is_empty() && !name.is_empty(),
        _ => bare_hub_import(&all),
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
        for sign_in in ["/sign-in", "/sign-in/", "/sign-in?redirect=/x", "/welcome-hf-sign-in", "/oauth/huggingface/callback", "/oauth/huggingface/callback?code=1"] {
            assert_eq!(bundle_for(sign_in), Bundle::SignIn, "{sign_in}");
        }
        for annotate in ["/", "/dataset/abc/annotation-mode", "/backups", "/oauth//callback", "/oauth/x/callback/y", "/dataset/settings", "/news", "/dataset/export", "/dataset/abc", "/oauth/huggingface", "/sign-in/x", "/api/v1", "/a/b/c", "//b"] {
            assert_eq!(bundle_for(annotate), Bundle::Annotate, "{annotate}");
        }
    }

    #[test]
    fn knows_which_addresses_have_a_page() {
        for page in ["/", "/sign-in", "/people/", "/dataset/abc/annotation-mode?page=3", "/dataset/abc/export", "/new/org/name", "/org/name", "/oauth/huggingface/callback"] {
            assert!(has_page(page), "{page}");
        }
        for none in ["/no/such/page", "/dataset/abc", "/dataset//settings", "/people/x", "/oauth/huggingface", "/sign-in/x", "/dataset/abc/annotation-mode/x"] {
            assert!(!has_page(none), "{none}");
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
        assert!(html.contains(&format!("/{SIGN_IN_PATHS}/")), "index.html must test paths with {SIGN_IN_PATHS}");
    }
}

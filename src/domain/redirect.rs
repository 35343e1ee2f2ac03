//! Where to go after signing in. Only paths inside this app are accepted,
//! so a crafted `?redirect=` can't send anyone to another site.

use crate::url::encode_component;

/// Returns the target if it is a same-app path such as `/dataset/1/annotation-mode?page=3`.
pub fn safe_redirect(target: &str) -> Option<String> {
    let target = target.trim();
    let ok = target.starts_with('/')
        && !target.starts_with("//")
        && !target.starts_with("/\\")
        && !target.chars().any(|c| c.is_control() || c == '\\')
        && plain_path(target)
        && !target.starts_with("/sign-in")
        && !target.starts_with("/oauth/")
        && !target.starts_with("/welcome-hf-sign-in")
        // Room for a search in a non-Latin script (9 characters an encoded letter), while the
        // sign-in address that carries it, encoded again, stays well inside servers' limits.
        && target.len() <= 4096;
    ok.then(|| target.to_owned())
}

/// No empty, `.` or `..` segment (`%2e` counts as a dot): the browser folds
/// `/..//evil.example` into `//evil.example`, an address on another site.
fn plain_path(target: &str) -> bool {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let last = segments.len().saturating_sub(1);
    segments.iter().enumerate().all(|(i, segment)| {
        let dots = segment.to_ascii_lowercase().replace("%2e", ".");
        // Empty only last (`/people/`) or alone (`/`).
        (i == last || !segment.is_empty()) && dots != "." && dots != ".."
    })
}

/// The sign-in path that brings the user back to `current` afterwards.
pub fn sign_in_path(current: &str) -> String {
    match safe_redirect(current) {
        Some(target) if target != "/" => format!("/sign-in?redirect={}", encode_component(&target)),
        _ => "/sign-in".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_search_is_kept_and_an_endless_address_is_not() {
        let search = "%E6%9D%B1%E4%BA%AC".repeat(200); // 400 letters
        let target = format!("/dataset/1/annotation-mode?q={search}");
        assert_eq!(safe_redirect(&target).as_deref(), Some(target.as_str()));
        assert!(sign_in_path(&target).len() < 8192);
        assert_eq!(safe_redirect(&format!("/{}", "a".repeat(5000))), None);
    }

    #[test]
    fn same_app_paths_are_accepted() {
        assert_eq!(safe_redirect("/").as_deref(), Some("/"));
        assert_eq!(
            safe_redirect("/dataset/1/annotation-mode?page=3").as_deref(),
            Some("/dataset/1/annotation-mode?page=3")
        );
        assert!(safe_redirect("/dataset/1/annotation-mode?q=a//b/../c").is_some(), "the query may hold anything");
        assert!(safe_redirect("/dataset/a.b/annotation-mode").is_some());
        assert!(safe_redirect("/people/").is_some(), "a trailing slash is the same page");
    }

    #[test]
    fn other_origins_and_tricks_are_refused() {
        for bad in [
            "https://evil.example/",
            "//evil.example/x",
            "/\\evil.example",
            "javascript:alert(1)",
            "evil.example",
            "",
            "/a\nb",
            "/sign-in?redirect=/x",
            "/oauth/huggingface/callback",
            "/welcome-hf-sign-in?redirect=/x",
            "/..//evil.example/x",
            "/.//evil.example/x",
            "/%2e%2e//evil.example/x",
            "/%2E//evil.example",
            "/dataset//evil.example",
            "/a/../..//evil.example",
        ] {
            assert_eq!(safe_redirect(bad), None, "{bad:?} must be refused");
        }
    }

    #[test]
    fn sign_in_path_keeps_the_page() {
        assert_eq!(sign_in_path("/"), "/sign-in");
        assert_eq!(
            sign_in_path("/dataset/x/annotation-mode?page=2"),
            "/sign-in?redirect=%2Fdataset%2Fx%2Fannotation-mode%3Fpage%3D2"
        );
        assert_eq!(sign_in_path("//evil"), "/sign-in");
    }
}

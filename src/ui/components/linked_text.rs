//! A translated sentence with a link (or a name) inside: the catalogue text
//! marks the spot with `{placeholder}`, so each language puts it where it belongs.

use leptos::prelude::*;

/// `text` with its `{name}` replaced by `inner`, as three nodes.
pub fn linked_text(text: &'static str, name: &str, inner: impl IntoView) -> impl IntoView {
    let (before, after) = around(text, name);
    view! { {before} {inner} {after} }
}

/// The text before and after `{name}` (all of it before when it has none).
fn around<'a>(text: &'a str, name: &str) -> (&'a str, &'a str) {
    text.split_once(&format!("{{{name}}}")).unwrap_or((text, ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_around_the_placeholder() {
        assert_eq!(around("Join {owner} to label.", "owner"), ("Join ", " to label."));
        assert_eq!(around("{owner} に参加", "owner"), ("", " に参加"));
        assert_eq!(around("No place", "owner"), ("No place", ""));
    }
}

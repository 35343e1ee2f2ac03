//! A translated sentence with a link or a name inside: the catalogue text
//! marks the spot with `{placeholder}`, so each language puts it where it
//! belongs; names the owner or a user wrote are shown as written.

use leptos::prelude::*;

/// `text` with its `{name}` replaced by `inner`, as three nodes.
pub fn linked_text(text: &'static str, name: &str, inner: impl IntoView) -> impl IntoView {
    let (before, after) = around(text, name);
    view! { {before} {inner} {after} }
}

/// A catalogue text with each `{placeholder}` drawn by `show` (a name in a
/// `translate="no"` element, a setting in `<code>`) where the translation puts it.
pub fn woven(text: &'static str, show: impl Fn(&str) -> AnyView) -> Vec<AnyView> {
    let mut out = vec![];
    let mut rest = text;
    while let Some((before, after)) = rest.split_once('{') {
        let Some((name, tail)) = after.split_once('}') else { break };
        out.push(before.into_any());
        out.push(show(name));
        rest = tail;
    }
    out.push(rest.into_any());
    out
}

/// A name the owner or a user chose, shown as written.
pub fn as_written(name: String) -> AnyView {
    // Isolated: a name in another script, or with direction marks, cannot reorder the sentence.
    view! { <bdi translate="no">{name}</bdi> }.into_any()
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

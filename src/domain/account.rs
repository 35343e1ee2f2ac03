//! My settings: the initials in the user menu and the Python SDK lines that
//! connect to this server.

/// Up to two capitals: the first letters of the first two words of the name
/// ("Ada Lovelace" → "AL", "hf-alice" → "HA"), or the first two letters of one word.
pub fn initials(name: &str) -> String {
    let words: Vec<&str> = name.split(|c: char| c.is_whitespace() || "-_.".contains(c)).filter(|w| !w.is_empty()).collect();
    let picked: String = match words.as_slice() {
        [] => String::new(),
        [one] => one.chars().take(2).collect(),
        [first, second, ..] => first.chars().take(1).chain(second.chars().take(1)).collect(),
    };
    crate::text::uppercase(&picked)
}

/// The URL the SDK talks to: the API base when it is absolute (a build for
/// another origin), else this page's origin plus the base path.
pub fn sdk_api_url(origin: &str, api_base: &str) -> String {
    if api_base.starts_with("http://") || api_base.starts_with("https://") {
        api_base.trim_end_matches('/').to_owned()
    } else {
        format!("{}{}", origin.trim_end_matches('/'), api_base.trim_end_matches('/'))
    }
}

/// A Python string literal for `value`.
fn py_str(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Connects with the SDK (`pip install argilla`).
pub fn python_snippet(api_url: &str, api_key: &str) -> String {
    format!("import argilla as rg\n\nclient = rg.Argilla(api_url={}, api_key={})\n", py_str(api_url), py_str(api_key))
}

/// The same for a private Space: Hugging Face lets the request through only
/// with a token of someone who can read the Space (as the Space docs show).
pub fn private_space_snippet(api_url: &str, api_key: &str) -> String {
    format!(
        "import argilla as rg\n\nHF_TOKEN = \"hf_...\"  # {}\n\nclient = rg.Argilla(\n    api_url={},\n    api_key={},\n    headers={{\"Authorization\": f\"Bearer {{HF_TOKEN}}\"}},\n)\n",
        crate::i18n::t(crate::i18n::k::people::token_comment),
        py_str(api_url),
        py_str(api_key)
    )
}

/// What is shown while the key is hidden: its length, none of its characters.
pub fn masked(api_key: &str) -> String {
    "•".repeat(api_key.chars().count().clamp(8, 32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_of_names() {
        assert_eq!(initials("Ada Lovelace"), "AL");
        assert_eq!(initials("hf-alice"), "HA");
        assert_eq!(initials("Annotator"), "AN");
        assert_eq!(initials("  "), "");
        assert_eq!(initials("élodie"), "ÉL");
    }

    #[test]
    fn api_url_is_origin_and_base_or_the_absolute_api() {
        assert_eq!(sdk_api_url("http://127.0.0.1:4000", ""), "http://127.0.0.1:4000");
        assert_eq!(sdk_api_url("https://o-s.hf.space", "/space"), "https://o-s.hf.space/space");
        assert_eq!(sdk_api_url("http://localhost:8080", "https://o-s.hf.space/"), "https://o-s.hf.space");
    }

    #[test]
    fn snippets_carry_url_and_key_as_python_strings() {
        let s = python_snippet("http://h:1/base", "owner.apikey");
        assert_eq!(s, "import argilla as rg\n\nclient = rg.Argilla(api_url=\"http://h:1/base\", api_key=\"owner.apikey\")\n");
        assert!(python_snippet("u", "a\"b\\c").contains(r#"api_key="a\"b\\c""#));
        let p = private_space_snippet("https://o-s.hf.space", "k");
        assert!(p.contains("api_url=\"https://o-s.hf.space\",\n    api_key=\"k\",\n"));
        assert!(p.contains("headers={\"Authorization\": f\"Bearer {HF_TOKEN}\"},"));
    }

    #[test]
    fn masked_key_shows_no_character() {
        assert_eq!(masked("abc"), "••••••••");
        assert!(!masked("owner.apikey").contains('o'));
    }
}

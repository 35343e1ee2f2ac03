//! Markdown to HTML. Links and images keep only harmless URL schemes. The HTML
//! written in the markdown is kept only for `browser::sanitize`, which cuts it
//! down before it reaches the page; without that it is shown as text.

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag};

/// With `keep_raw_html` false the result is safe as it is; with it true it
/// must go through `browser::sanitize::safe_markdown`.
pub fn to_html(markdown: &str, keep_raw_html: bool) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) if !keep_raw_html => Event::Text(raw),
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => Event::Start(Tag::Link {
            link_type,
            dest_url: safe_url(dest_url, false),
            title,
            id,
        }),
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => Event::Start(Tag::Image {
            link_type,
            dest_url: safe_url(dest_url, true),
            title,
            id,
        }),
        other => other,
    });
    let mut out = String::with_capacity(markdown.len() + markdown.len() / 4);
    html::push_html(&mut out, events);
    // Every <a> here was generated above: links open outside the annotation page.
    out.replace("<a href=", "<a target=\"_blank\" rel=\"noopener noreferrer nofollow\" href=")
}

/// Keeps http(s), mailto, relative URLs and (for images) data:image URLs.
pub fn is_safe_url(url: &str, image: bool) -> bool {
    let cleaned: String = url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    let lower = cleaned.to_ascii_lowercase();
    let scheme_end = lower.find(':');
    let first_slash = lower.find(['/', '?', '#']);
    let has_scheme = matches!((scheme_end, first_slash), (Some(c), Some(s)) if c < s) || (scheme_end.is_some() && first_slash.is_none());
    if !has_scheme {
        return true;
    }
    lower.starts_with("http://")
        || lower.starts_with("https://")
        || (!image && lower.starts_with("mailto:"))
        || (image && lower.starts_with("data:image/"))
}

fn safe_url(url: CowStr<'_>, image: bool) -> CowStr<'_> {
    if is_safe_url(&url, image) {
        url
    } else {
        CowStr::Borrowed("#")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to_html_as_text(markdown: &str) -> String {
        to_html(markdown, false)
    }

    #[test]
    fn raw_html_is_kept_only_for_the_sanitizer_and_markdown_links_are_still_cleaned() {
        let html = to_html("<audio controls><source src=\"https://x.org/a.mp3\"></audio>\n\n[a](javascript:alert(1))", true);
        assert!(html.contains("<audio controls><source src=\"https://x.org/a.mp3\"></audio>"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
    }

    #[test]
    fn renders_ordinary_markdown() {
        let html = to_html_as_text("# Title\n\n**bold** and *it*\n\n- a\n- b\n\n| x | y |\n|---|---|\n| 1 | 2 |\n");
        assert!(html.contains("<h1>Title</h1>"));
        assert!(html.contains("<strong>bold</strong>"));
        assert!(html.contains("<li>a</li>"));
        assert!(html.contains("<table>"));
    }

    #[test]
    fn raw_html_is_text_not_markup() {
        let html = to_html_as_text("<script>alert(1)</script>\n\nhi <img src=x onerror=alert(1)> <b onclick=\"x()\">b</b>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img src=x"), "{html}");
        assert!(!html.contains("<b onclick"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn dangerous_link_schemes_are_removed() {
        for bad in ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "vbscript:x", "data:text/html,<script>"] {
            let html = to_html_as_text(&format!("[click](<{bad}>)"));
            assert!(!html.contains("<a") || html.contains("href=\"#\""), "{bad} -> {html}");
            assert!(!html.to_ascii_lowercase().contains("href=\"java"), "{bad} -> {html}");
        }
        let img = to_html_as_text("![x](javascript:alert(1))");
        assert!(img.contains("src=\"#\""), "{img}");
    }

    #[test]
    fn safe_links_and_images_stay_and_open_in_a_new_tab() {
        let html = to_html_as_text("[a](https://example.org/x) [b](/rel) [c](mailto:a@b.c) ![i](data:image/png;base64,AAAA)");
        assert!(html.contains("target=\"_blank\" rel=\"noopener noreferrer nofollow\" href=\"https://example.org/x\""));
        assert!(html.contains("href=\"/rel\""));
        assert!(html.contains("href=\"mailto:a@b.c\""));
        assert!(html.contains("src=\"data:image/png;base64,AAAA\""));
    }

    #[test]
    fn url_rules() {
        assert!(is_safe_url("page?a=b:c", false));
        assert!(!is_safe_url("javascript:void(0)", false));
        assert!(!is_safe_url("data:image/png;base64,AA", false));
        assert!(is_safe_url("data:image/png;base64,AA", true));
    }
}

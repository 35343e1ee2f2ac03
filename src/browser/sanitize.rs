//! Markdown as HTML that is safe to put in the page. Markdown fields may hold
//! HTML (the SDK's helpers put images, audio and video there as tags), and
//! records may be hostile: the browser's own parser reads the HTML, in a
//! document that runs and loads nothing, and only known tags and attributes
//! stay, links and media only with harmless addresses.

use crate::domain::markdown::{is_safe_url, to_html};
use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

/// Gone with everything inside: what runs, loads a page, takes input or
/// changes how the rest is parsed.
const DROPPED: &[&str] = &[
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "template", "noscript",
    "form", "button", "textarea", "select", "option", "link", "meta", "base", "title", "head", "dialog",
    "canvas", "portal", "slot", "noembed", "noframes", "xmp", "plaintext", "param", "picture",
];

/// Kept (other tags are unwrapped: their content stays).
const KEPT: &[&str] = &[
    "a", "abbr", "audio", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "input", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp", "small", "source", "span", "strong",
    "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "video", "wbr",
];

const ATTRIBUTES: &[&str] = &[
    "title", "lang", "dir", "alt", "width", "height", "colspan", "rowspan", "scope", "start", "reversed", "open", "controls",
    "loop", "muted", "type", "datetime", "href", "src", "poster", "checked", "disabled",
];

/// Markdown to HTML with only harmless markup (see the module's comment).
pub fn safe_markdown(markdown: &str) -> String {
    let html = to_html(markdown, true);
    let parsed = web_sys::DomParser::new().and_then(|p| p.parse_from_string(&html, web_sys::SupportedType::TextHtml));
    match parsed.ok().and_then(|doc| doc.body()) {
        Some(body) => {
            clean(&body);
            body.inner_html()
        }
        // No parser to check it with: the HTML in the markdown is shown as text.
        None => to_html(markdown, false),
    }
}

fn clean(parent: &Node) {
    let mut child = parent.first_child();
    while let Some(node) = child {
        child = node.next_sibling();
        if node.node_type() == Node::TEXT_NODE {
            continue;
        }
        let Some(element) = node.dyn_ref::<Element>() else {
            // Comments and the like.
            let _ = parent.remove_child(&node);
            continue;
        };
        let tag = element.tag_name().to_ascii_lowercase();
        if DROPPED.contains(&tag.as_str()) || element.namespace_uri().as_deref() != Some("http://www.w3.org/1999/xhtml") {
            let _ = parent.remove_child(&node);
            continue;
        }
        clean(&node);
        if !KEPT.contains(&tag.as_str()) {
            while let Some(inner) = node.first_child() {
                let _ = parent.insert_before(&inner, Some(&node));
            }
            let _ = parent.remove_child(&node);
            continue;
        }
        keep_safe_attributes(element, &tag);
        // An image with nowhere safe to load from; an input other than a task list's tick.
        let useless = match tag.as_str() {
            "img" => !element.has_attribute("src"),
            "input" => element.get_attribute("type").as_deref() != Some("checkbox"),
            _ => false,
        };
        if useless {
            let _ = parent.remove_child(&node);
        }
    }
}

fn keep_safe_attributes(element: &Element, tag: &str) {
    for name in element.get_attribute_names().iter().filter_map(|n| n.as_string()) {
        let value = element.get_attribute(&name).unwrap_or_default();
        let keep = ATTRIBUTES.contains(&name.as_str())
            && match name.as_str() {
                "href" => tag == "a" && is_safe_url(&value, false),
                "src" | "poster" => media_address(&value),
                _ => true,
            };
        if !keep {
            let _ = element.remove_attribute(&name);
        }
    }
    match tag {
        "a" => {
            let _ = element.set_attribute("target", "_blank");
            let _ = element.set_attribute("rel", "noopener noreferrer nofollow");
        }
        "input" => {
            let _ = element.set_attribute("disabled", "");
        }
        "img" | "video" | "audio" | "source" => {
            let _ = element.set_attribute("referrerpolicy", "no-referrer");
            if tag == "img" {
                let _ = element.set_attribute("loading", "lazy");
            }
        }
        _ => {}
    }
}

/// Media from the web or carried in the record itself; a relative address
/// would ask this app's own server.
fn media_address(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://")
        || lower.starts_with("http://")
        || ["data:image/", "data:audio/", "data:video/"].iter().any(|p| lower.starts_with(p)) && !lower.starts_with("data:image/svg")
}

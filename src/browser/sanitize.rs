//! Markdown as HTML that is safe to put in the page. Markdown fields may hold
//! HTML (the SDK's helpers put images, audio and video there as tags), and
//! records may be hostile: the browser's own parser reads the HTML, in a
//! document that runs and loads nothing, and only known tags and attributes
//! stay, links and media only with harmless addresses.

use crate::domain::markdown::{is_safe_url, to_html};
use std::collections::VecDeque;
use wasm_bindgen::{JsCast, JsValue};
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
    // `document.body` itself can be shadowed by a named element (`<form name=body>`).
    let body = parsed.ok().and_then(|doc| doc.body()).filter(|b| b.is_instance_of::<web_sys::HtmlBodyElement>());
    match body {
        Some(body) if clean(&body).is_ok() => body.inner_html(),
        // No parser to check it with, or a step that failed: the HTML is shown as text.
        _ => to_html(markdown, false),
    }
}

fn children(node: &Node) -> VecDeque<Node> {
    let list = node.child_nodes();
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

/// Works through `parent`'s children in order. An unwrapped element's children
/// take its place and are worked through next, so each node moves once at most.
fn clean(parent: &Node) -> Result<(), JsValue> {
    let mut waiting = children(parent);
    while let Some(node) = waiting.pop_front() {
        // First, before reading anything of it: a form's properties (tagName,
        // removeChild…) can be shadowed by the named controls inside it.
        if node.is_instance_of::<web_sys::HtmlFormElement>() {
            parent.remove_child(&node)?;
            continue;
        }
        if node.node_type() == Node::TEXT_NODE {
            continue;
        }
        let Some(element) = node.dyn_ref::<Element>() else {
            // Comments and the like.
            parent.remove_child(&node)?;
            continue;
        };
        let tag = element.tag_name().to_ascii_lowercase();
        // The SDK's `pdf_to_html` shows a PDF in an <object> or <embed>: a link opens it instead.
        if tag == "object" || tag == "embed" {
            if let Some(link) = pdf_link(element, &tag) {
                parent.replace_child(&link, &node)?;
                continue;
            }
        }
        if DROPPED.contains(&tag.as_str()) || element.namespace_uri().as_deref() != Some("http://www.w3.org/1999/xhtml") {
            parent.remove_child(&node)?;
            continue;
        }
        if !KEPT.contains(&tag.as_str()) {
            let lifted = children(&node);
            for inner in &lifted {
                parent.insert_before(inner, Some(&node))?;
            }
            parent.remove_child(&node)?;
            for inner in lifted.into_iter().rev() {
                waiting.push_front(inner);
            }
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
            parent.remove_child(&node)?;
        } else {
            clean(&node)?;
        }
    }
    Ok(())
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
        "img" => {
            let _ = element.set_attribute("referrerpolicy", "no-referrer");
            let _ = element.set_attribute("loading", "lazy");
        }
        // Nothing is fetched until the person plays it.
        "video" | "audio" => {
            let _ = element.set_attribute("preload", "none");
        }
        _ => {}
    }
}

/// A link that opens the PDF an <object data> or <embed src> shows; one carried in the
/// record (a data: address) opens from a copy made here, always read as a PDF.
fn pdf_link(element: &Element, tag: &str) -> Option<Element> {
    let address = element.get_attribute(if tag == "object" { "data" } else { "src" })?;
    let lower = address.trim().to_ascii_lowercase();
    let declared = element.get_attribute("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/pdf"));
    let href = if let Some(data) = lower.strip_prefix("data:application/pdf").map(|_| address.trim()) {
        let (_, encoded) = data.split_once(";base64,")?;
        use base64::Engine;
        let bytes = base64::engine::general_purpose::STANDARD.decode(encoded.trim()).ok()?;
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("application/pdf");
        let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
        web_sys::Url::create_object_url_with_blob(&blob).ok()?
    } else if (lower.starts_with("https://") || lower.starts_with("http://")) && (declared || lower.split(['?', '#']).next()?.ends_with(".pdf")) {
        address.trim().to_owned()
    } else {
        return None;
    };
    let link = element.owner_document()?.create_element("a").ok()?;
    link.set_attribute("href", &href).ok()?;
    link.set_attribute("target", "_blank").ok()?;
    link.set_attribute("rel", "noopener noreferrer nofollow").ok()?;
    link.set_attribute("class", "pdf-link").ok()?;
    link.set_text_content(Some(crate::i18n::t(crate::i18n::k::annotate::open_pdf)));
    Some(link)
}

/// Media from the web or carried in the record itself, read as the browser
/// reads the address; a relative one would ask this app's own server.
fn media_address(url: &str) -> bool {
    let Ok(parsed) = web_sys::Url::new(url) else { return false };
    match parsed.protocol().as_str() {
        "https:" | "http:" => true,
        "data:" => {
            let kind = parsed.pathname().to_ascii_lowercase();
            ["image/", "audio/", "video/"].iter().any(|p| kind.starts_with(p)) && !kind.starts_with("image/svg")
        }
        _ => false,
    }
}

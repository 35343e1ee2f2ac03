//! Custom fields' templates: the part of Handlebars that Argilla's templates
//! use. `{{path}}` (escaped) and `{{{path}}}` (as written), the blocks
//! `#each`, `#if`, `#unless` and `#with` with `{{else}}`, `this`, `../`,
//! `@index`, `@key`, `@first`, `@last`, `@root`, comments and `~`. The
//! template sees `{ record }`, as in Argilla.

use serde_json::Value;

#[derive(Debug)]
enum Node {
    Text(String),
    Show { path: String, raw: bool },
    Block { helper: String, path: String, body: Vec<Node>, inverse: Vec<Node> },
}

/// A tag's inside, with whether it trims the whitespace before and after it (`~`).
struct Tag<'a> {
    inner: &'a str,
    raw: bool,
    trim_before: bool,
    trim_after: bool,
}

/// Splits a template into text and tags; an unclosed `{{` is text.
fn lex(template: &str) -> Vec<Result<&str, Tag<'_>>> {
    let mut out = vec![];
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        let after = &rest[open..];
        let (raw, close_mark) = if after.starts_with("{{{") { (true, "}}}") } else { (false, "}}") };
        let start = if raw { 3 } else { 2 };
        let opened = &after[start..];
        let comment_at = start + usize::from(opened.starts_with('~'));
        // (end of the inside, end of the tag); every index is at an ASCII `}`.
        let ends = if after[comment_at..].starts_with("!--") {
            // A long comment may hold `}}`: it ends at `--}}` (or `--~}}`).
            after[comment_at + 3..]
                .match_indices("}}")
                .map(|(i, _)| comment_at + 3 + i)
                .find(|&i| after[..i].ends_with("--") || after[..i].ends_with("--~"))
                .map(|i| (i, i + 2 + usize::from(raw && after[i + 2..].starts_with('}'))))
        } else {
            opened.find(close_mark).map(|i| (start + i, start + i + close_mark.len()))
        };
        let Some((close, tag_end)) = ends else { break };
        out.push(Ok(&rest[..open]));
        let inner = &after[start..close];
        let trim_before = inner.starts_with('~');
        let trim_after = inner.ends_with('~');
        let inner = inner.trim_start_matches('~').trim_end_matches('~').trim();
        out.push(Err(Tag { inner, raw, trim_before, trim_after }));
        rest = &after[tag_end..];
    }
    out.push(Ok(rest));
    out
}

/// A block whose `{{/…}}` has not come yet.
struct Open {
    helper: String,
    path: String,
    body: Vec<Node>,
    inverse: Vec<Node>,
    in_inverse: bool,
    /// Opened by `{{else if …}}`: it closes with the block it continues.
    chained: bool,
}

impl Open {
    fn new(tag: &str, chained: bool) -> Open {
        let (helper, path) = tag.split_once(char::is_whitespace).unwrap_or((tag, ""));
        Open { helper: helper.to_owned(), path: path.trim().to_owned(), body: vec![], inverse: vec![], in_inverse: false, chained }
    }

    fn nodes(&mut self) -> &mut Vec<Node> {
        if self.in_inverse { &mut self.inverse } else { &mut self.body }
    }

    fn close(self) -> Node {
        Node::Block { helper: self.helper, path: self.path, body: self.body, inverse: self.inverse }
    }
}

/// Blocks nested deeper than this are shown as written: rendering (and freeing) a
/// template goes one call deeper per level, and the stack is small.
const MAX_DEPTH: usize = 64;

fn parse(template: &str) -> Vec<Node> {
    let mut stack: Vec<Open> = vec![];
    let mut top: Vec<Node> = vec![];
    let mut trim_next = false;
    fn nodes<'a>(stack: &'a mut [Open], top: &'a mut Vec<Node>) -> &'a mut Vec<Node> {
        match stack.last_mut() {
            Some(open) => open.nodes(),
            None => top,
        }
    }
    // Closes the innermost block, and the blocks `{{else if}}` chained it to.
    fn close(stack: &mut Vec<Open>, top: &mut Vec<Node>) {
        while let Some(open) = stack.pop() {
            let chained = open.chained;
            nodes(stack, top).push(open.close());
            if !chained {
                break;
            }
        }
    }
    for piece in lex(template) {
        match piece {
            Ok(text) => {
                let text = if std::mem::take(&mut trim_next) { text.trim_start() } else { text };
                nodes(&mut stack, &mut top).push(Node::Text(text.to_owned()));
            }
            Err(tag) => {
                if tag.trim_before {
                    if let Some(Node::Text(t)) = nodes(&mut stack, &mut top).last_mut() {
                        t.truncate(t.trim_end().len());
                    }
                }
                trim_next = tag.trim_after;
                let inner = tag.inner;
                if inner.starts_with('!') {
                    continue;
                }
                let opens = inner.starts_with('#') || (inner.starts_with("else ") && !stack.is_empty());
                if opens && stack.len() >= MAX_DEPTH {
                    nodes(&mut stack, &mut top).push(Node::Text(format!("{{{{{inner}}}}}")));
                } else if let Some(open) = inner.strip_prefix('#') {
                    stack.push(Open::new(open, false));
                } else if inner == "else" || inner == "^" {
                    if let Some(open) = stack.last_mut() {
                        open.in_inverse = true;
                    }
                } else if let Some(chained) = inner.strip_prefix("else ").filter(|_| !stack.is_empty()) {
                    // `{{else if x}}`: the rest of the block is a block of its own, in the inverse.
                    if let Some(open) = stack.last_mut() {
                        open.in_inverse = true;
                    }
                    stack.push(Open::new(chained.trim(), true));
                } else if inner.starts_with('/') {
                    close(&mut stack, &mut top);
                } else {
                    nodes(&mut stack, &mut top).push(Node::Show { path: inner.to_owned(), raw: tag.raw });
                }
            }
        }
    }
    // Blocks left open end with the template.
    while !stack.is_empty() {
        close(&mut stack, &mut top);
    }
    top
}

/// Where a path is read: the contexts from the root in, and the loop's `@` values.
struct Scope<'a> {
    contexts: Vec<&'a Value>,
    data: Vec<(&'static str, Value)>,
}

impl<'a> Scope<'a> {
    fn lookup(&self, path: &str) -> Value {
        if let Some(name) = path.strip_prefix('@') {
            if let Some(rest) = name.strip_prefix("root") {
                return walk(self.contexts[0], rest.trim_start_matches('.'));
            }
            return self.data.iter().rev().find(|(n, _)| *n == name).map(|(_, v)| v.clone()).unwrap_or(Value::Null);
        }
        let mut rest = path;
        let mut depth = self.contexts.len() - 1;
        while let Some(up) = rest.strip_prefix("../") {
            depth = depth.saturating_sub(1);
            rest = up;
        }
        let rest = if rest == "this" { "" } else { rest.strip_prefix("this.").or_else(|| rest.strip_prefix("this/")).unwrap_or(rest) };
        let rest = rest.strip_prefix("./").unwrap_or(rest);
        walk(self.contexts[depth], if rest == "." { "" } else { rest })
    }
}

fn walk(value: &Value, path: &str) -> Value {
    let mut value = value;
    for part in path.split(['.', '/']).filter(|p| !p.is_empty()) {
        let part = part.trim_start_matches('[').trim_end_matches(']');
        value = match value {
            Value::Array(items) => part.parse::<usize>().ok().and_then(|i| items.get(i)).unwrap_or(&Value::Null),
            _ => value.get(part).unwrap_or(&Value::Null),
        };
    }
    value.clone()
}

/// Handlebars' falsy: false, nothing, "", 0 and [].
fn truthy(value: &Value) -> bool {
    match value {
        Value::Null | Value::Bool(false) => false,
        Value::String(s) => !s.is_empty(),
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::Array(a) => !a.is_empty(),
        _ => true,
    }
}

/// A value as JavaScript writes it into a page.
fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Array(items) => items.iter().map(shown).collect::<Vec<_>>().join(","),
        Value::Object(_) => "[object Object]".into(),
        other => other.to_string(),
    }
}

pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            '`' => out.push_str("&#x60;"),
            '=' => out.push_str("&#x3D;"),
            c => out.push(c),
        }
    }
    out
}

fn render(nodes: &[Node], scope: &mut Scope<'_>, out: &mut String) {
    for node in nodes {
        match node {
            Node::Text(t) => out.push_str(t),
            Node::Show { path, raw } => {
                // `{{json path}}`: Argilla's own helper, the value as indented JSON.
                let text = match path.strip_prefix("json ") {
                    Some(inner) => pretty_json(&scope.lookup(inner.trim())),
                    None => shown(&scope.lookup(path)),
                };
                out.push_str(&if *raw { text } else { escape_html(&text) });
            }
            Node::Block { helper, path, body, inverse } => {
                let value = scope.lookup(path);
                match helper.as_str() {
                    "if" => render(if truthy(&value) { body } else { inverse }, scope, out),
                    "unless" => render(if truthy(&value) { inverse } else { body }, scope, out),
                    "with" if truthy(&value) => in_context(&value, vec![], body, scope, out),
                    "with" => render(inverse, scope, out),
                    "each" => each(&value, body, inverse, scope, out),
                    // An unknown helper: its block is left out.
                    _ => {}
                }
            }
        }
    }
}

/// As `JSON.stringify(value, null, 4)`.
fn pretty_json(value: &Value) -> String {
    use serde::Serialize;
    let mut out = Vec::new();
    let mut writer = serde_json::Serializer::with_formatter(&mut out, serde_json::ser::PrettyFormatter::with_indent(b"    "));
    match value.serialize(&mut writer) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

fn in_context(value: &Value, data: Vec<(&'static str, Value)>, body: &[Node], scope: &mut Scope<'_>, out: &mut String) {
    let mut inner = Scope { contexts: scope.contexts.clone(), data: scope.data.clone() };
    inner.contexts.push(value);
    inner.data.extend(data);
    render(body, &mut inner, out);
}

fn each(value: &Value, body: &[Node], inverse: &[Node], scope: &mut Scope<'_>, out: &mut String) {
    let entries: Vec<(Value, &Value)> = match value {
        Value::Array(items) => items.iter().enumerate().map(|(i, v)| (Value::from(i), v)).collect(),
        Value::Object(map) => map.iter().map(|(k, v)| (Value::from(k.as_str()), v)).collect(),
        _ => vec![],
    };
    if entries.is_empty() {
        return render(inverse, scope, out);
    }
    let last = entries.len() - 1;
    for (i, (key, item)) in entries.iter().enumerate() {
        let data = vec![("index", Value::from(i)), ("key", key.clone()), ("first", Value::from(i == 0)), ("last", Value::from(i == last))];
        in_context(item, data, body, scope, out);
    }
}

/// The template filled with the record: values escaped unless in `{{{…}}}`.
pub fn fill(template: &str, record: &Value) -> String {
    let root = serde_json::json!({ "record": record });
    let mut out = String::with_capacity(template.len());
    render(&parse(template), &mut Scope { contexts: vec![&root], data: vec![] }, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::fill;
    use serde_json::json;

    #[test]
    fn the_json_helper_shows_a_value_as_indented_json() {
        let record = json!({"fields": {"profile": {"name": "<Ada>", "tags": [1]}}});
        assert_eq!(fill("{{json record.fields.profile}}", &record), "{\n    &quot;name&quot;: &quot;&lt;Ada&gt;&quot;,\n    &quot;tags&quot;: [\n        1\n    ]\n}");
        assert_eq!(fill("{{{json record.fields.profile.tags}}}", &record), "[\n    1\n]");
    }

    #[test]
    fn blocks_nested_past_the_limit_are_text_and_nothing_overflows() {
        let deep = format!("{}x{}", "{{#if record.a}}".repeat(100_000), "{{/if}}".repeat(100_000));
        let out = fill(&deep, &serde_json::json!({"a": true}));
        assert!(out.contains('x') && out.contains("{{#if record.a}}"), "{}", &out[..80.min(out.len())]);
        let chain = format!("{{{{#if record.b}}}}{}{{{{/if}}}}", "{{else if record.b}}".repeat(100_000));
        fill(&chain, &serde_json::json!({"b": false}));
    }

    #[test]
    fn values_are_escaped_and_missing_ones_empty() {
        let record = json!({"fields": {"text": "<img src=x onerror=alert(1)>"}, "id": "r1"});
        let html = fill("<p>{{record.fields.text}}</p><i>{{ record.id }}</i>{{record.fields.none}}", &record);
        assert_eq!(html, "<p>&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;</p><i>r1</i>");
        assert_eq!(fill("{{{record.fields.text}}}", &record), "<img src=x onerror=alert(1)>");
    }

    #[test]
    fn each_walks_lists_and_objects() {
        let record = json!({"fields": {"images": [{"src": "a.png", "alt": "A"}, {"src": "b.png", "alt": "B"}], "tags": ["x", "y"], "scores": {"f1": 0.5}}});
        let list = "{{#each record.fields.images}}<img src=\"{{this.src}}\" alt=\"{{alt}}\" data-i={{@index}}{{#if @last}} last{{/if}}>{{/each}}";
        assert_eq!(fill(list, &record), "<img src=\"a.png\" alt=\"A\" data-i=0><img src=\"b.png\" alt=\"B\" data-i=1 last>");
        assert_eq!(fill("{{#each record.fields.tags}}{{this}};{{/each}}", &record), "x;y;");
        assert_eq!(fill("{{#each record.fields.scores}}{{@key}}={{this}}{{/each}}", &record), "f1=0.5");
        assert_eq!(fill("{{#each record.fields.none}}x{{else}}none{{/each}}", &record), "none");
        assert_eq!(fill("{{#each record.fields.tags}}{{../record.fields.scores.f1}}{{/each}}", &record), "0.50.5", "../ reads the outer context");
    }

    #[test]
    fn conditions_follow_handlebars_truthiness() {
        let record = json!({"fields": {"zero": 0, "empty": [], "text": "hi", "obj": {"n": "in"}}});
        assert_eq!(fill("{{#if record.fields.zero}}y{{else}}n{{/if}}", &record), "n");
        assert_eq!(fill("{{#if record.fields.empty}}y{{else}}n{{/if}}", &record), "n");
        assert_eq!(fill("{{#unless record.fields.text}}y{{else}}n{{/unless}}", &record), "n");
        assert_eq!(fill("{{#with record.fields.obj}}{{n}}{{/with}}", &record), "in");
        let chain = "{{#if record.fields.zero}}zero{{else if record.fields.text}}text{{else}}none{{/if}}!";
        assert_eq!(fill(chain, &record), "text!");
        assert_eq!(fill(chain, &json!({"fields": {}})), "none!");
        assert_eq!(fill("{{#if record.fields.text}}{{#each record.fields.empty}}x{{else}}nested{{/each}}{{/if}}", &record), "nested");
    }

    #[test]
    fn comments_whitespace_control_and_broken_templates() {
        let record = json!({"id": "r1"});
        assert_eq!(fill("a{{! note }}b{{!-- has }} inside --}}c", &record), "abc");
        assert_eq!(fill("<p>  {{~record.id~}}  </p>", &record), "<p>r1</p>");
        assert_eq!(fill("{{#if record.id}}open", &record), "open", "an unclosed block ends with the template");
        assert_eq!(fill("x{{/if}}y {{record.id", &record), "xy {{record.id", "a stray close and an unclosed tag");
        assert_eq!(fill("{{#custom record.id}}x{{/custom}}z", &record), "z");
        assert_eq!(fill("{{record.fields}}|{{@root.record.id}}", &json!({"id": "r1", "fields": {"a": 1}})), "[object Object]|r1");
        for broken in ["{{{!--}}", "{{{!-- note --}}", "{{{!-- x --}}é", "{{{!-- x --}}}é", "a{{!--", "{{~!-- a }} b --~}}c", "{{{", "{{}}", "é{{{é}}}"] {
            let _ = fill(broken, &record); // never panics
        }
        assert_eq!(fill("{{{!-- x --}}}é", &record), "é");
        assert_eq!(fill("{{~!-- a }} b --~}}c", &record), "c");
        assert_eq!(fill("{{thistle}}", &json!({"id": "r1"})), "", "not `this`");
    }
}

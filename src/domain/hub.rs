//! Hugging Face Hub import and export, without the network: a pasted id or
//! URL → the repo id; the dataset viewer's answers (`/splits`, `/first-rows`,
//! `/statistics`) → columns with a proposed use each; the owner's choices →
//! the dataset's settings and argilla-server 2.8.0's `HubDatasetMapping`
//! (`fields` at least one, `metadata`, `suggestions`, `external_id`); job status.

use crate::i18n::{k, t, tf};
use serde_json::{json, Value};

/// The server's import job takes the first rows only (`HUB_DATASET_TAKE_ROWS`).
pub const MAX_IMPORTED_ROWS: u64 = 10_000;

/// How many rows of the split an import left out, when the split's size is
/// known: argilla-server skips, without failing the job, a row whose value
/// does not fit a question's options or a metadata property.
pub fn skipped_rows(rows_in_split: Option<u64>, imported: u64) -> Option<u64> {
    let expected = rows_in_split?.min(MAX_IMPORTED_ROWS);
    (imported < expected).then(|| expected - imported)
}

/// `org/name` from what someone typed or pasted: the id itself, or a
/// huggingface.co / hf.co dataset address (viewer and tree paths included).
pub fn repo_id(input: &str) -> Option<String> {
    let text = input.trim().trim_end_matches('/');
    let path = ["https://", "http://"].iter().fold(text, |t, p| t.strip_prefix(p).unwrap_or(t));
    let path = ["huggingface.co/", "www.huggingface.co/", "hf.co/"]
        .iter()
        .find_map(|host| path.strip_prefix(host))
        .map(|rest| rest.strip_prefix("datasets/"))
        .unwrap_or(Some(path))?;
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let mut parts = path.split('/');
    let (org, name) = (parts.next()?, parts.next()?);
    let valid = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    (valid(org) && valid(name)).then(|| format!("{org}/{name}"))
}

/// What a column holds, from its feature type in the dataset viewer.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum ColumnKind {
    Text,
    /// A `ClassLabel`, with its names.
    ClassLabel(Vec<String>),
    /// A list of `ClassLabel`s (names known) or of strings (names unknown).
    LabelList(Vec<String>),
    Image,
    /// A list of `{role, content}` messages.
    Chat,
    Integer,
    Float,
    Other(String),
}

pub fn column_kind(feature: &Value) -> ColumnKind {
    let names = |f: &Value| f["names"].as_array().map(|n| n.iter().filter_map(|x| x.as_str().map(str::to_owned)).collect());
    let item = match &feature {
        Value::Array(items) => items.first().cloned(),
        _ if matches!(feature["_type"].as_str(), Some("List" | "Sequence" | "LargeList")) => Some(feature["feature"].clone()),
        _ => None,
    };
    if let Some(item) = item {
        return if item.get("role").is_some() && item.get("content").is_some() {
            ColumnKind::Chat
        } else if item["_type"] == "ClassLabel" {
            ColumnKind::LabelList(names(&item).unwrap_or_default())
        } else if item["_type"] == "Value" && item["dtype"].as_str().is_some_and(|d| d.contains("string")) {
            ColumnKind::LabelList(vec![])
        } else {
            ColumnKind::Other("list".into())
        };
    }
    match (feature["_type"].as_str().unwrap_or_default(), feature["dtype"].as_str().unwrap_or_default()) {
        ("ClassLabel", _) => ColumnKind::ClassLabel(names(feature).unwrap_or_default()),
        ("Image", _) => ColumnKind::Image,
        ("Value", d) if d.contains("string") => ColumnKind::Text,
        ("Value", d) if d.starts_with("int") || d.starts_with("uint") => ColumnKind::Integer,
        ("Value", d) if d.starts_with("float") => ColumnKind::Float,
        (t, d) => ColumnKind::Other(if d.is_empty() { t.to_owned() } else { d.to_owned() }),
    }
}

/// A column of the split, with what the viewer's statistics say about it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Column {
    pub name: String,
    pub kind: ColumnKind,
    /// Distinct values of a low-cardinality string column (`string_label`).
    pub terms: Option<Vec<String>>,
    /// Bounds of a numeric column.
    pub range: Option<(f64, f64)>,
}

/// Columns in the split's order, from `/first-rows` and `/statistics`.
pub fn columns(first_rows: &Value, statistics: &Value) -> Vec<Column> {
    let stats = statistics["statistics"].as_array().cloned().unwrap_or_default();
    let stat = |name: &str| stats.iter().find(|s| s["column_name"] == name).cloned().unwrap_or(Value::Null);
    let rows = first_rows["rows"].as_array().cloned().unwrap_or_default();
    first_rows["features"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            let name = f["name"].as_str().unwrap_or_default().to_owned();
            let s = stat(&name);
            let mut kind = column_kind(&f["type"]);
            if let ColumnKind::LabelList(names) = &mut kind {
                if names.is_empty() {
                    *names = distinct_list_values(&rows, &name);
                }
            }
            let terms = (s["column_type"] == "string_label").then(|| {
                let mut t: Vec<String> = s["column_statistics"]["frequencies"].as_object().map(|m| m.keys().cloned().collect()).unwrap_or_default();
                t.sort();
                t
            });
            let bounds = &s["column_statistics"];
            let range = matches!(s["column_type"].as_str(), Some("int" | "float"))
                .then(|| bounds["min"].as_f64().zip(bounds["max"].as_f64()))
                .flatten();
            Column { name, kind, terms, range }
        })
        .collect()
}

/// Options for a list-of-strings column: what its first rows hold.
fn distinct_list_values(rows: &[Value], column: &str) -> Vec<String> {
    let mut seen: Vec<String> = vec![];
    for value in rows.iter().filter_map(|r| r["row"][column].as_array()).flatten() {
        if let Some(v) = value.as_str().filter(|v| !seen.iter().any(|s| s == v)) {
            seen.push(v.to_owned());
        }
    }
    seen
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Use {
    TextField,
    MarkdownField,
    ImageField,
    ChatField,
    /// A label question; the column's values are its suggestions.
    Label,
    MultiLabel,
    Rating,
    TextQuestion,
    TermsMetadata,
    IntegerMetadata,
    FloatMetadata,
    ExternalId,
    Ignore,
}

impl Use {
    pub const ALL: [Use; 13] = [
        Use::TextField, Use::MarkdownField, Use::ImageField, Use::ChatField, Use::Label, Use::MultiLabel,
        Use::Rating, Use::TextQuestion, Use::TermsMetadata, Use::IntegerMetadata, Use::FloatMetadata,
        Use::ExternalId, Use::Ignore,
    ];

    pub fn label(self) -> &'static str {
        t(match self {
            Use::TextField => k::data::use_text_field,
            Use::MarkdownField => k::data::use_markdown_field,
            Use::ImageField => k::data::use_image_field,
            Use::ChatField => k::data::use_chat_field,
            Use::Label => k::data::use_label,
            Use::MultiLabel => k::data::use_multi_label,
            Use::Rating => k::data::use_rating,
            Use::TextQuestion => k::data::use_text_question,
            Use::TermsMetadata => k::data::use_terms,
            Use::IntegerMetadata => k::data::use_integer,
            Use::FloatMetadata => k::data::use_float,
            Use::ExternalId => k::data::use_record_id,
            Use::Ignore => k::data::use_ignore,
        })
    }

    /// A question type's name on its own, for a question no column feeds.
    pub fn question_type(self) -> &'static str {
        t(match self {
            Use::MultiLabel => k::data::type_multi_label,
            Use::Rating => k::data::type_rating,
            Use::TextQuestion => k::data::type_text,
            _ => k::data::type_label,
        })
    }

    pub fn key(self) -> &'static str {
        match self {
            Use::TextField => "text-field",
            Use::MarkdownField => "markdown-field",
            Use::ImageField => "image-field",
            Use::ChatField => "chat-field",
            Use::Label => "label",
            Use::MultiLabel => "multi-label",
            Use::Rating => "rating",
            Use::TextQuestion => "text-question",
            Use::TermsMetadata => "terms",
            Use::IntegerMetadata => "integer",
            Use::FloatMetadata => "float",
            Use::ExternalId => "external-id",
            Use::Ignore => "ignore",
        }
    }

    pub fn from_key(key: &str) -> Use {
        Use::ALL.into_iter().find(|u| u.key() == key).unwrap_or(Use::Ignore)
    }

    fn is_field(self) -> bool {
        matches!(self, Use::TextField | Use::MarkdownField | Use::ImageField | Use::ChatField)
    }

    fn is_question(self) -> bool {
        matches!(self, Use::Label | Use::MultiLabel | Use::Rating | Use::TextQuestion)
    }
}

/// The uses that make sense for a column's kind, the proposed one first.
pub fn uses_for(column: &Column) -> Vec<Use> {
    let mut uses = match &column.kind {
        ColumnKind::Text => {
            let mut u = vec![Use::TextField, Use::MarkdownField, Use::ImageField, Use::Label, Use::TextQuestion, Use::ExternalId];
            if column.terms.is_some() {
                u.insert(0, Use::TermsMetadata);
            } else {
                u.push(Use::TermsMetadata);
            }
            u
        }
        ColumnKind::ClassLabel(_) => vec![Use::Label, Use::TermsMetadata, Use::TextField],
        ColumnKind::LabelList(_) => vec![Use::MultiLabel],
        ColumnKind::Image => vec![Use::ImageField],
        ColumnKind::Chat => vec![Use::ChatField],
        ColumnKind::Integer => vec![Use::IntegerMetadata, Use::Rating, Use::TextField, Use::ExternalId],
        ColumnKind::Float => vec![Use::FloatMetadata, Use::TextField],
        ColumnKind::Other(_) => vec![],
    };
    uses.push(Use::Ignore);
    uses
}

/// What one column becomes.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ColumnChoice {
    pub column: Column,
    pub usage: Use,
    /// The field, question or metadata name in Argilla.
    pub name: String,
    /// Label options (label and multi-label questions).
    pub options: Vec<String>,
}

/// Argilla's rule for field, question and metadata names: lowercase letters,
/// digits, `-` and `_`, with at least one letter or digit.
pub fn argilla_name(column: &str) -> String {
    let name: String = crate::text::lowercase(column)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
        .collect();
    if name.chars().any(|c| c.is_ascii_alphanumeric()) {
        name
    } else {
        "column".into()
    }
}

/// The proposed mapping: each column's first sensible use; a string column
/// becomes metadata only when another text column already is a field. Names are
/// unique: columns that come to the same name (本文 and 題名 both have no Latin
/// letter) are told apart by a number.
pub fn propose(columns: &[Column]) -> Vec<ColumnChoice> {
    let has_text_field = columns.iter().filter(|c| c.kind == ColumnKind::Text).any(|c| c.terms.is_none());
    let mut taken: Vec<String> = vec![];
    let mut unique = move |name: String| {
        let free = std::iter::once(name.clone()).chain((2..).map(|n| format!("{name}_{n}"))).find(|n| !taken.contains(n)).unwrap_or(name);
        taken.push(free.clone());
        free
    };
    columns
        .iter()
        .map(|column| {
            let mut usage = uses_for(column)[0];
            if usage == Use::TermsMetadata && !has_text_field {
                usage = Use::TextField;
            }
            let options = match &column.kind {
                ColumnKind::ClassLabel(names) | ColumnKind::LabelList(names) => names.clone(),
                _ => column.terms.clone().unwrap_or_default(),
            };
            ColumnChoice { name: unique(argilla_name(&column.name)), column: column.clone(), usage, options }
        })
        .collect()
}

/// A question that no column feeds.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ExtraQuestion {
    pub name: String,
    /// `label`, `multi-label`, `rating` or `text-question` (a `Use` key).
    pub usage: Use,
    pub options: Vec<String>,
}

/// The import form as the owner left it (a session that ends mid-edit, a reload): it comes
/// back only over the same split with the same columns, or it would map other data.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct KeptImport {
    pub repo: String,
    pub subset: String,
    pub split: String,
    /// The columns as the viewer described them when the form was edited.
    pub columns: Vec<Column>,
    pub choices: Vec<ColumnChoice>,
    pub extra: Vec<ExtraQuestion>,
    pub name: String,
    pub workspace: String,
}

impl KeptImport {
    /// The kept choices and questions for `repo`'s `subset`/`split` read now with `columns`.
    pub fn for_split(&self, repo: &str, subset: &str, split: &str, columns: &[Column]) -> Option<(Vec<ColumnChoice>, Vec<ExtraQuestion>)> {
        // Names and kinds: the statistics (terms, ranges) may have failed to load on one read.
        let same = self.columns.iter().map(|c| (&c.name, &c.kind)).eq(columns.iter().map(|c| (&c.name, &c.kind)));
        (self.repo == repo && self.subset == subset && self.split == split && same).then(|| (self.choices.clone(), self.extra.clone()))
    }
}

/// What would stop the import before anything is created, one sentence each.
pub fn problems(choices: &[ColumnChoice], extra: &[ExtraQuestion], name: &str) -> Vec<String> {
    let mut out = vec![];
    if name.trim().is_empty() {
        out.push(t(k::data::needs_name).into());
    }
    if !choices.iter().any(|c| c.usage.is_field()) {
        out.push(t(k::data::needs_field).into());
    }
    if !choices.iter().any(|c| c.usage.is_question()) && extra.is_empty() {
        out.push(t(k::data::needs_question).into());
    }
    let mut names: Vec<(&str, &str)> = vec![];
    let all = choices
        .iter()
        .filter(|c| c.usage != Use::Ignore && c.usage != Use::ExternalId)
        .map(|c| (c.usage, c.name.as_str(), &c.options))
        .chain(extra.iter().map(|q| (q.usage, q.name.as_str(), &q.options)));
    for (usage, item, options) in all {
        let (group, bad_name, same_name) = if usage.is_field() {
            ("field", k::data::bad_field_name, k::data::same_field_name)
        } else if usage.is_question() {
            ("question", k::data::bad_question_name, k::data::same_question_name)
        } else {
            ("metadata", k::data::bad_metadata_name, k::data::same_metadata_name)
        };
        if argilla_name(item) != item {
            out.push(tf(bad_name, &[("name", &item)]));
        } else if names.contains(&(group, item)) {
            out.push(tf(same_name, &[("name", &item)]));
        }
        names.push((group, item));
        if matches!(usage, Use::Label | Use::MultiLabel) && options.len() < 2 {
            out.push(tf(k::data::needs_two_options, &[("name", &item)]));
        }
    }
    if choices.iter().filter(|c| c.usage == Use::ExternalId).count() > 1 {
        out.push(t(k::data::one_record_id).into());
    }
    out
}

/// A column's title: from its Argilla name where the column's is plain ASCII ("review_text" →
/// "Review text"), else the column's own name (本文, Título), which the name could not keep.
fn column_title(choice: &ColumnChoice) -> String {
    if choice.column.name.is_ascii() {
        title_of(&choice.name)
    } else {
        choice.column.name.clone()
    }
}

fn title_of(name: &str) -> String {
    let spaced = name.replace(['_', '-'], " ");
    let mut chars = spaced.chars();
    chars.next().map(|c| crate::text::uppercase(c.encode_utf8(&mut [0; 4])) + chars.as_str()).unwrap_or_default()
}

fn options_json(options: &[String]) -> Value {
    options.iter().map(|o| json!({"value": o, "text": o})).collect()
}

fn question_settings(usage: Use, options: &[String]) -> Value {
    match usage {
        Use::Label => json!({"type": "label_selection", "options": options_json(options)}),
        Use::MultiLabel => json!({"type": "multi_label_selection", "options": options_json(options)}),
        Use::Rating => json!({"type": "rating", "options": (1..=10).map(|v| json!({"value": v})).collect::<Vec<_>>()}),
        _ => json!({"type": "text", "use_markdown": false}),
    }
}

/// The bodies to create, in order: fields, questions and metadata
/// properties (`POST /datasets/{id}/fields|questions|metadata-properties`).
pub struct Creation {
    pub fields: Vec<Value>,
    pub questions: Vec<Value>,
    pub metadata: Vec<Value>,
    pub mapping: Value,
}

pub fn creation(choices: &[ColumnChoice], extra: &[ExtraQuestion]) -> Creation {
    let mut fields = vec![];
    let mut questions = vec![];
    let mut metadata = vec![];
    let (mut map_fields, mut map_suggestions, mut map_metadata) = (vec![], vec![], vec![]);
    let mut external_id = Value::Null;
    for choice in choices {
        let (name, source) = (choice.name.as_str(), choice.column.name.as_str());
        let item = json!({"source": source, "target": name});
        match choice.usage {
            Use::TextField | Use::MarkdownField => {
                let markdown = choice.usage == Use::MarkdownField;
                fields.push(json!({"name": name, "title": column_title(choice), "required": fields.is_empty(), "settings": {"type": "text", "use_markdown": markdown}}));
                map_fields.push(item);
            }
            Use::ImageField | Use::ChatField => {
                let kind = if choice.usage == Use::ImageField { "image" } else { "chat" };
                let mut settings = json!({"type": kind});
                if kind == "chat" {
                    settings["use_markdown"] = json!(true);
                }
                fields.push(json!({"name": name, "title": column_title(choice), "required": fields.is_empty(), "settings": settings}));
                map_fields.push(item);
            }
            Use::Label | Use::MultiLabel | Use::Rating | Use::TextQuestion => {
                questions.push(json!({"name": name, "title": column_title(choice), "required": questions.is_empty(), "settings": question_settings(choice.usage, &choice.options)}));
                map_suggestions.push(item);
            }
            Use::TermsMetadata => {
                let values = if choice.options.is_empty() { Value::Null } else { json!(choice.options) };
                metadata.push(json!({"name": name, "title": column_title(choice), "settings": {"type": "terms", "values": values}, "visible_for_annotators": true}));
                map_metadata.push(item);
            }
            Use::IntegerMetadata | Use::FloatMetadata => {
                let (kind, bounds) = match (choice.usage, choice.column.range) {
                    (Use::IntegerMetadata, Some((min, max))) => ("integer", (json!(min.floor() as i64), json!(max.ceil() as i64))),
                    (Use::FloatMetadata, Some((min, max))) => ("float", (json!(min), json!(max))),
                    (Use::IntegerMetadata, None) => ("integer", (Value::Null, Value::Null)),
                    _ => ("float", (Value::Null, Value::Null)),
                };
                metadata.push(json!({"name": name, "title": column_title(choice), "settings": {"type": kind, "min": bounds.0, "max": bounds.1}, "visible_for_annotators": true}));
                map_metadata.push(item);
            }
            Use::ExternalId => external_id = json!(source),
            Use::Ignore => {}
        }
    }
    for q in extra {
        questions.push(json!({"name": q.name, "title": title_of(&q.name), "required": questions.is_empty(), "settings": question_settings(q.usage, &q.options)}));
    }
    let mapping = json!({"fields": map_fields, "suggestions": map_suggestions, "metadata": map_metadata, "external_id": external_id});
    Creation { fields, questions, metadata, mapping }
}

/// An rq job's status as `GET /jobs/{id}` reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobState {
    Waiting,
    Running,
    Finished,
    Failed,
}

pub fn job_state(status: &str) -> JobState {
    match status {
        "finished" => JobState::Finished,
        "failed" | "stopped" | "canceled" => JobState::Failed,
        "started" => JobState::Running,
        _ => JobState::Waiting,
    }
}

/// How long a job's progress may stay unreadable (a Space restarting, a
/// proxy blip) before the page stops asking and says its state is unknown.
pub const JOB_UNREADABLE_LIMIT_MS: f64 = 120_000.0;

/// The wait before polling a job again: 1 s while it answers; after `misses`
/// failed polls in a row 2 s, 4 s, 8 s, then 15 s each.
pub fn poll_delay_ms(misses: u32) -> u32 {
    if misses == 0 {
        return 1000;
    }
    1000u32.saturating_mul(1 << misses.min(4)).min(15_000)
}

/// Failed polls in a row, and when the first of them was.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct PollMisses {
    first_at_ms: Option<f64>,
    count: u32,
}

impl PollMisses {
    pub fn answered(&mut self) {
        *self = PollMisses::default();
    }

    /// A failed poll at `now_ms`: the wait before the next one, or `None`
    /// once the job has been unreadable for `JOB_UNREADABLE_LIMIT_MS`.
    pub fn missed(&mut self, now_ms: f64) -> Option<u32> {
        let first = *self.first_at_ms.get_or_insert(now_ms);
        self.count += 1;
        (now_ms - first < JOB_UNREADABLE_LIMIT_MS).then(|| poll_delay_ms(self.count))
    }
}

/// Export form: `POST /datasets/{id}/export`'s body. The token goes there only.
pub fn export_body(repo: &str, subset: &str, split: &str, private: bool, token: &str) -> Value {
    json!({"name": repo.trim(), "subset": subset.trim(), "split": split.trim(), "private": private, "token": token.trim()})
}

/// What stops an export before it is sent.
pub fn export_problems(repo: &str, subset: &str, split: &str, token: &str) -> Vec<(&'static str, String)> {
    let mut out = vec![];
    if repo_id(repo).is_none_or(|id| id != repo.trim()) {
        out.push(("repo", t(k::data::repo_help).into()));
    }
    if subset.trim().is_empty() {
        out.push(("subset", t(k::data::subset_needed).into()));
    }
    if split.trim().is_empty() {
        out.push(("split", t(k::data::split_needed).into()));
    }
    if !token.trim().starts_with("hf_") {
        out.push(("token", t(k::data::token_help).into()));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn rows_left_out_are_counted_up_to_the_servers_limit() {
        assert_eq!(skipped_rows(Some(12), 12), None);
        assert_eq!(skipped_rows(Some(12), 9), Some(3));
        assert_eq!(skipped_rows(Some(50_000), 10_000), None, "the server takes 10,000 at most");
        assert_eq!(skipped_rows(Some(50_000), 9_990), Some(10));
        assert_eq!(skipped_rows(None, 3), None, "unknown size: nothing to say");
    }

    use super::*;

    #[test]
    fn a_kept_form_comes_back_only_over_the_same_split_and_columns_and_survives_json() {
        let columns = vec![
            Column { name: "text".into(), kind: ColumnKind::Text, terms: None, range: None },
            Column { name: "label".into(), kind: ColumnKind::ClassLabel(vec!["a".into(), "b".into()]), terms: None, range: Some((0.0, 1.1)) },
        ];
        let mut choices = propose(&columns);
        choices[0].name = "renamed".into();
        let kept = KeptImport { repo: "o/d".into(), subset: "default".into(), split: "train".into(), columns: columns.clone(), choices: choices.clone(), extra: vec![], name: "mine".into(), workspace: "w".into() };
        let back: KeptImport = serde_json::from_str(&serde_json::to_string(&kept).unwrap()).unwrap();
        assert_eq!(back.for_split("o/d", "default", "train", &columns).map(|c| c.0), Some(choices));
        assert_eq!((back.name.as_str(), back.workspace.as_str()), ("mine", "w"));
        assert_eq!(back.for_split("o/d", "default", "test", &columns), None);
        assert_eq!(back.for_split("o/e", "default", "train", &columns), None);
        assert_eq!(back.for_split("o/d", "default", "train", &columns[..1]), None, "the split's columns changed since");
        let without_statistics: Vec<Column> = columns.iter().map(|c| Column { range: None, terms: None, ..c.clone() }).collect();
        assert!(back.for_split("o/d", "default", "train", &without_statistics).is_some(), "statistics missing this time");
    }

    /// Shaped like the dataset viewer's `/first-rows` and `/statistics` answers.
    fn viewer() -> (Value, Value) {
        let first_rows = json!({
            "dataset": "org/reviews", "config": "default", "split": "train",
            "features": [
                {"feature_idx": 0, "name": "Review Text", "type": {"dtype": "string", "_type": "Value"}},
                {"feature_idx": 1, "name": "sentiment", "type": {"names": ["neg", "pos"], "_type": "ClassLabel"}},
                {"feature_idx": 2, "name": "topics", "type": {"feature": {"dtype": "string", "_type": "Value"}, "_type": "List"}},
                {"feature_idx": 3, "name": "photo", "type": {"_type": "Image"}},
                {"feature_idx": 4, "name": "messages", "type": [{"role": {"dtype": "string", "_type": "Value"}, "content": {"dtype": "string", "_type": "Value"}}]},
                {"feature_idx": 5, "name": "stars", "type": {"dtype": "int32", "_type": "Value"}},
                {"feature_idx": 6, "name": "score", "type": {"dtype": "float64", "_type": "Value"}},
                {"feature_idx": 7, "name": "source", "type": {"dtype": "string", "_type": "Value"}},
                {"feature_idx": 8, "name": "audio", "type": {"_type": "Audio", "sampling_rate": 16000}}
            ],
            "rows": [
                {"row_idx": 0, "row": {"topics": ["food", "price"]}, "truncated_cells": []},
                {"row_idx": 1, "row": {"topics": ["food", "place"]}, "truncated_cells": []}
            ],
            "truncated": false
        });
        let statistics = json!({"num_examples": 2, "statistics": [
            {"column_name": "Review Text", "column_type": "string_text", "column_statistics": {"min": 3, "max": 9}},
            {"column_name": "sentiment", "column_type": "class_label", "column_statistics": {"frequencies": {"neg": 1, "pos": 1}}},
            {"column_name": "stars", "column_type": "int", "column_statistics": {"min": 1, "max": 5, "mean": 3.0}},
            {"column_name": "score", "column_type": "float", "column_statistics": {"min": 0.25, "max": 0.75}},
            {"column_name": "source", "column_type": "string_label", "column_statistics": {"n_unique": 2, "frequencies": {"web": 1, "app": 1}}}
        ], "partial": false});
        (first_rows, statistics)
    }

    #[test]
    fn ids_from_ids_and_addresses() {
        for input in [
            "stanfordnlp/imdb",
            " stanfordnlp/imdb ",
            "https://huggingface.co/datasets/stanfordnlp/imdb",
            "https://huggingface.co/datasets/stanfordnlp/imdb/viewer/plain_text/train?row=3",
            "huggingface.co/datasets/stanfordnlp/imdb/",
            "https://hf.co/datasets/stanfordnlp/imdb",
        ] {
            assert_eq!(repo_id(input).as_deref(), Some("stanfordnlp/imdb"), "{input}");
        }
        for input in ["", "imdb", "https://huggingface.co/datasets/", "a b/c", "https://huggingface.co/spaces"] {
            assert_eq!(repo_id(input), None, "{input}");
        }
    }

    #[test]
    fn feature_types_become_kinds() {
        let cols = columns(&viewer().0, &viewer().1);
        let kinds: Vec<&ColumnKind> = cols.iter().map(|c| &c.kind).collect();
        assert_eq!(kinds[0], &ColumnKind::Text);
        assert_eq!(kinds[1], &ColumnKind::ClassLabel(vec!["neg".into(), "pos".into()]));
        assert_eq!(kinds[2], &ColumnKind::LabelList(vec!["food".into(), "price".into(), "place".into()]));
        assert_eq!(kinds[3], &ColumnKind::Image);
        assert_eq!(kinds[4], &ColumnKind::Chat);
        assert_eq!(kinds[5], &ColumnKind::Integer);
        assert_eq!(kinds[6], &ColumnKind::Float);
        assert_eq!(cols[7].terms, Some(vec!["app".into(), "web".into()]));
        assert_eq!(cols[5].range, Some((1.0, 5.0)));
        assert_eq!(kinds[8], &ColumnKind::Other("Audio".into()));
        // The newer `List` shape of a chat column, too.
        let chat = json!({"feature": {"role": {"dtype": "string", "_type": "Value"}, "content": {"dtype": "string", "_type": "Value"}}, "_type": "List"});
        assert_eq!(column_kind(&chat), ColumnKind::Chat);
        let labels = json!({"feature": {"names": ["a", "b"], "_type": "ClassLabel"}, "_type": "Sequence"});
        assert_eq!(column_kind(&labels), ColumnKind::LabelList(vec!["a".into(), "b".into()]));
    }

    #[test]
    fn the_proposal_follows_the_features() {
        let choices = propose(&columns(&viewer().0, &viewer().1));
        let uses: Vec<(String, Use)> = choices.iter().map(|c| (c.name.clone(), c.usage)).collect();
        assert_eq!(
            uses,
            vec![
                ("review_text".into(), Use::TextField),
                ("sentiment".into(), Use::Label),
                ("topics".into(), Use::MultiLabel),
                ("photo".into(), Use::ImageField),
                ("messages".into(), Use::ChatField),
                ("stars".into(), Use::IntegerMetadata),
                ("score".into(), Use::FloatMetadata),
                ("source".into(), Use::TermsMetadata),
                ("audio".into(), Use::Ignore),
            ]
        );
        assert_eq!(choices[1].options, vec!["neg", "pos"]);
        assert!(problems(&choices, &[], "reviews").is_empty());
    }

    #[test]
    fn columns_without_latin_letters_get_apart_names_and_keep_their_own_titles() {
        let first_rows = json!({"features": [
            {"name": "本文", "type": {"dtype": "string", "_type": "Value"}},
            {"name": "題名", "type": {"dtype": "string", "_type": "Value"}},
            {"name": "Título", "type": {"dtype": "string", "_type": "Value"}},
            {"name": "review_text", "type": {"dtype": "string", "_type": "Value"}}]});
        let choices = propose(&columns(&first_rows, &json!({"statistics": []})));
        let names: Vec<&str> = choices.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["column", "column_2", "t_tulo", "review_text"]);
        let extra = [ExtraQuestion { name: "notes".into(), usage: Use::TextQuestion, options: vec![] }];
        assert!(problems(&choices, &extra, "jp").is_empty(), "{:?}", problems(&choices, &extra, "jp"));
        let made = creation(&choices, &[]);
        let titles: Vec<&str> = made.fields.iter().map(|f| f["title"].as_str().unwrap()).collect();
        assert_eq!(titles, ["本文", "題名", "Título", "Review text"]);
    }

    #[test]
    fn a_lone_low_cardinality_string_is_a_field() {
        let first_rows = json!({"features": [{"name": "kind", "type": {"dtype": "string", "_type": "Value"}}]});
        let statistics = json!({"statistics": [{"column_name": "kind", "column_type": "string_label", "column_statistics": {"frequencies": {"a": 1}}}]});
        assert_eq!(propose(&columns(&first_rows, &statistics))[0].usage, Use::TextField);
    }

    #[test]
    fn settings_and_mapping_come_from_the_choices() {
        let mut choices = propose(&columns(&viewer().0, &viewer().1));
        choices[7].usage = Use::ExternalId;
        let extra = [ExtraQuestion { name: "notes".into(), usage: Use::TextQuestion, options: vec![] }];
        let made = creation(&choices, &extra);
        let names = |v: &[Value]| v.iter().map(|x| x["name"].as_str().unwrap().to_owned()).collect::<Vec<_>>();
        assert_eq!(names(&made.fields), vec!["review_text", "photo", "messages"]);
        assert_eq!(made.fields[0]["required"], true);
        assert_eq!(made.fields[1]["settings"]["type"], "image");
        assert_eq!(made.fields[2]["settings"]["type"], "chat");
        assert_eq!(names(&made.questions), vec!["sentiment", "topics", "notes"]);
        assert_eq!(made.questions[0]["settings"]["options"], json!([{"value": "neg", "text": "neg"}, {"value": "pos", "text": "pos"}]));
        assert_eq!(made.questions[1]["settings"]["type"], "multi_label_selection");
        assert_eq!(made.questions[2]["settings"]["type"], "text");
        assert_eq!(made.metadata[0]["settings"], json!({"type": "integer", "min": 1, "max": 5}));
        assert_eq!(made.metadata[1]["settings"], json!({"type": "float", "min": 0.25, "max": 0.75}));
        assert_eq!(
            made.mapping,
            json!({
                "fields": [{"source": "Review Text", "target": "review_text"}, {"source": "photo", "target": "photo"}, {"source": "messages", "target": "messages"}],
                "suggestions": [{"source": "sentiment", "target": "sentiment"}, {"source": "topics", "target": "topics"}],
                "metadata": [{"source": "stars", "target": "stars"}, {"source": "score", "target": "score"}],
                "external_id": "source"
            })
        );
    }

    #[test]
    fn problems_are_named() {
        let mut choices = propose(&columns(&viewer().0, &viewer().1));
        for c in &mut choices {
            if c.usage.is_field() {
                c.usage = Use::Ignore;
            }
        }
        choices[1].name = "Bad Name".into();
        let found = problems(&choices, &[ExtraQuestion { name: "topics".into(), usage: Use::Label, options: vec!["x".into()] }], " ");
        assert!(found.iter().any(|p| p.contains("needs a name")));
        assert!(found.iter().any(|p| p.contains("at least one column to a field")));
        assert!(found.iter().any(|p| p.contains("“Bad Name”")));
        assert!(found.iter().any(|p| p.contains("Two of the questions are named “topics”")));
        assert!(found.iter().any(|p| p.contains("“topics” needs at least two options")));
    }

    #[test]
    fn unreadable_job_polls_back_off_for_two_minutes_then_stop() {
        assert_eq!(poll_delay_ms(0), 1000);
        assert_eq!((1..=6).map(poll_delay_ms).collect::<Vec<_>>(), [2000, 4000, 8000, 15_000, 15_000, 15_000]);
        let mut misses = PollMisses::default();
        let mut now = 0.0;
        let mut asked = 0;
        while let Some(wait) = misses.missed(now) {
            now += f64::from(wait);
            asked += 1;
        }
        assert!(now >= JOB_UNREADABLE_LIMIT_MS && now < JOB_UNREADABLE_LIMIT_MS + 16_000.0, "gave up after {now} ms");
        assert!(asked >= 8, "asked again {asked} times");
        // An answer in between starts the count again: a restart of 1 minute, twice, is waited out.
        let mut misses = PollMisses::default();
        assert_eq!(misses.missed(0.0), Some(2000));
        assert_eq!(misses.missed(60_000.0), Some(4000));
        misses.answered();
        assert_eq!(misses.missed(200_000.0), Some(2000));
        assert_eq!(misses.missed(319_999.0), Some(4000));
        assert_eq!(misses.missed(320_000.0), None);
    }

    #[test]
    fn job_states_and_export() {
        assert_eq!(job_state("queued"), JobState::Waiting);
        assert_eq!(job_state("started"), JobState::Running);
        assert_eq!(job_state("finished"), JobState::Finished);
        assert_eq!(job_state("failed"), JobState::Failed);
        assert_eq!(export_body(" me/out ", "default", "train", true, "hf_x")["name"], "me/out");
        assert!(export_problems("me/out", "default", "train", "hf_x").is_empty());
        let keys: Vec<&str> = export_problems("https://huggingface.co/datasets/me/out", "", " ", "x").iter().map(|p| p.0).collect();
        assert_eq!(keys, vec!["repo", "subset", "split", "token"]);
    }
}

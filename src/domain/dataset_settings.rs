//! What an owner may change in a published dataset, and the `PATCH` bodies
//! that change it. Taken from argilla-server 2.8.0's update schemas:
//! `DatasetUpdate` (name, guidelines, allow_extra_metadata, distribution),
//! `FieldUpdate` (title; markdown for text and chat; a custom template),
//! `QuestionUpdate` (title, description; option texts and order, visible
//! options, multi-label order, markdown for text questions),
//! `MetadataPropertyUpdate` (title, visible_for_annotators) and
//! `VectorSettingsUpdate` (title). Each edit is read from the server's JSON and
//! answers the body of only what changed.

use crate::i18n::{k, number, t, tf, tn};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// One editable item of the settings page.
pub trait Editable: Clone + PartialEq + Send + Sync + Serialize + DeserializeOwned + 'static {
    /// `PATCH` path under `/api/v1`.
    fn path(&self) -> String;
    /// What changed from `saved`, as the server's update body; `None` if nothing.
    fn changes(&self, saved: &Self) -> Option<Value>;
    /// A problem to fix before sending, per input name.
    fn problems(&self) -> Vec<(&'static str, String)>;
    /// The dataset's name, when this is what names it (the general settings).
    fn dataset_name(&self) -> Option<&str> {
        None
    }
}

fn text(v: &Value, key: &str) -> String {
    v[key].as_str().unwrap_or_default().to_owned()
}

fn body(pairs: Map<String, Value>) -> Option<Value> {
    (!pairs.is_empty()).then_some(Value::Object(pairs))
}

/// Longest title the server accepts.
const MAX_TITLE: usize = 500;

fn title_problem(title: &str) -> Option<(&'static str, String)> {
    if title.trim().is_empty() {
        Some(("title", t(k::settings::title_needed).into()))
    } else if title.chars().count() > MAX_TITLE {
        Some(("title", tn(k::settings::title_too_long, MAX_TITLE, &[])))
    } else {
        None
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct General {
    pub id: String,
    pub name: String,
    pub guidelines: String,
    pub allow_extra_metadata: bool,
    pub min_submitted: u32,
    /// Names of the workspace's other datasets: a name must be unique there.
    pub taken: Vec<String>,
}

impl General {
    pub fn from_json(v: &Value) -> General {
        General {
            taken: vec![],
            id: text(v, "id"),
            name: text(v, "name"),
            guidelines: text(v, "guidelines"),
            allow_extra_metadata: v["allow_extra_metadata"].as_bool().unwrap_or(false),
            min_submitted: v["distribution"]["min_submitted"].as_u64().unwrap_or(1) as u32,
        }
    }
}

impl Editable for General {
    fn path(&self) -> String {
        format!("/datasets/{}", self.id)
    }

    fn dataset_name(&self) -> Option<&str> {
        Some(self.name.trim())
    }

    fn changes(&self, saved: &Self) -> Option<Value> {
        let mut out = Map::new();
        if self.name != saved.name {
            out.insert("name".into(), json!(self.name.trim()));
        }
        if self.guidelines != saved.guidelines {
            // An empty text removes the guidelines (the server stores null).
            let g = if self.guidelines.trim().is_empty() { Value::Null } else { json!(self.guidelines) };
            out.insert("guidelines".into(), g);
        }
        if self.allow_extra_metadata != saved.allow_extra_metadata {
            out.insert("allow_extra_metadata".into(), json!(self.allow_extra_metadata));
        }
        if self.min_submitted != saved.min_submitted {
            out.insert("distribution".into(), json!({"strategy": "overlap", "min_submitted": self.min_submitted}));
        }
        body(out)
    }

    fn problems(&self) -> Vec<(&'static str, String)> {
        let mut out = vec![];
        if self.name.trim().is_empty() {
            out.push(("name", t(k::settings::name_needed).into()));
        } else if self.taken.iter().any(|taken| taken == self.name.trim()) {
            out.push(("name", name_taken()));
        }
        if self.min_submitted == 0 {
            out.push(("min_submitted", tf(k::settings::at_least, &[("n", &number(1.0))])));
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FieldKind {
    Text { markdown: bool },
    Chat { markdown: bool },
    Image,
    Custom { template: String, advanced_mode: bool },
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldEdit {
    pub id: String,
    pub name: String,
    pub title: String,
    pub kind: FieldKind,
}

impl FieldEdit {
    pub fn from_json(v: &Value) -> FieldEdit {
        let s = &v["settings"];
        let markdown = s["use_markdown"].as_bool().unwrap_or(false);
        let kind = match s["type"].as_str() {
            Some("text") => FieldKind::Text { markdown },
            Some("chat") => FieldKind::Chat { markdown },
            Some("image") => FieldKind::Image,
            Some("custom") => FieldKind::Custom {
                template: text(s, "template"),
                advanced_mode: s["advanced_mode"].as_bool().unwrap_or(false),
            },
            _ => FieldKind::Other,
        };
        FieldEdit { id: text(v, "id"), name: text(v, "name"), title: text(v, "title"), kind }
    }
}

impl Editable for FieldEdit {
    fn path(&self) -> String {
        format!("/fields/{}", self.id)
    }

    fn changes(&self, saved: &Self) -> Option<Value> {
        let mut out = Map::new();
        if self.title != saved.title {
            out.insert("title".into(), json!(self.title.trim()));
        }
        if self.kind != saved.kind {
            let settings = match &self.kind {
                FieldKind::Text { markdown } => Some(json!({"type": "text", "use_markdown": markdown})),
                FieldKind::Chat { markdown } => Some(json!({"type": "chat", "use_markdown": markdown})),
                FieldKind::Custom { template, advanced_mode } => {
                    Some(json!({"type": "custom", "template": template, "advanced_mode": advanced_mode}))
                }
                FieldKind::Image | FieldKind::Other => None,
            };
            if let Some(s) = settings {
                out.insert("settings".into(), s);
            }
        }
        body(out)
    }

    fn problems(&self) -> Vec<(&'static str, String)> {
        let mut out: Vec<_> = title_problem(&self.title).into_iter().collect();
        if let FieldKind::Custom { template, .. } = &self.kind {
            if template.trim().is_empty() {
                out.push(("template", t(k::settings::template_needed).into()));
            }
        }
        out
    }
}

/// A label, multi-label or span option: its value is fixed, its text is not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OptionEdit {
    pub value: String,
    pub text: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum QuestionKind {
    Label { options: Vec<OptionEdit>, visible: Option<u32> },
    MultiLabel { options: Vec<OptionEdit>, visible: Option<u32>, order: String },
    Span { options: Vec<OptionEdit>, visible: Option<u32> },
    Text { markdown: bool },
    /// Rating and ranking: the server lets only title and description change.
    Fixed,
}

impl QuestionKind {
    pub fn options(&self) -> Option<&[OptionEdit]> {
        match self {
            QuestionKind::Label { options, .. } | QuestionKind::MultiLabel { options, .. } | QuestionKind::Span { options, .. } => {
                Some(options)
            }
            _ => None,
        }
    }

    pub fn options_mut(&mut self) -> Option<&mut Vec<OptionEdit>> {
        match self {
            QuestionKind::Label { options, .. } | QuestionKind::MultiLabel { options, .. } | QuestionKind::Span { options, .. } => {
                Some(options)
            }
            _ => None,
        }
    }

    pub fn visible(&self) -> Option<Option<u32>> {
        match self {
            QuestionKind::Label { visible, .. } | QuestionKind::MultiLabel { visible, .. } | QuestionKind::Span { visible, .. } => {
                Some(*visible)
            }
            _ => None,
        }
    }

    pub fn set_visible(&mut self, value: Option<u32>) {
        if let QuestionKind::Label { visible, .. } | QuestionKind::MultiLabel { visible, .. } | QuestionKind::Span { visible, .. } =
            self
        {
            *visible = value;
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionEdit {
    pub id: String,
    pub name: String,
    pub title: String,
    pub description: String,
    /// The server's type name (`label_selection`, …).
    pub type_name: String,
    pub kind: QuestionKind,
}

fn options_of(s: &Value) -> Vec<OptionEdit> {
    s["options"]
        .as_array()
        .map(|all| {
            all.iter()
                .map(|o| OptionEdit {
                    value: o["value"].as_str().map(str::to_owned).unwrap_or_else(|| o["value"].to_string()),
                    text: o["text"].as_str().map(str::to_owned).unwrap_or_else(|| text(o, "value")),
                    description: o["description"].as_str().map(str::to_owned),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Fewest visible options the server accepts.
pub const MIN_VISIBLE_OPTIONS: u32 = 3;

impl QuestionEdit {
    pub fn from_json(v: &Value) -> QuestionEdit {
        let s = &v["settings"];
        let visible = s["visible_options"].as_u64().map(|n| n as u32);
        let type_name = text(s, "type");
        let kind = match type_name.as_str() {
            "label_selection" => QuestionKind::Label { options: options_of(s), visible },
            "multi_label_selection" => QuestionKind::MultiLabel {
                options: options_of(s),
                visible,
                order: s["options_order"].as_str().unwrap_or("natural").to_owned(),
            },
            "span" => QuestionKind::Span { options: options_of(s), visible },
            "text" => QuestionKind::Text { markdown: s["use_markdown"].as_bool().unwrap_or(false) },
            _ => QuestionKind::Fixed,
        };
        QuestionEdit {
            id: text(v, "id"),
            name: text(v, "name"),
            title: text(v, "title"),
            description: text(v, "description"),
            type_name,
            kind,
        }
    }
}

impl Editable for QuestionEdit {
    fn path(&self) -> String {
        format!("/questions/{}", self.id)
    }

    fn changes(&self, saved: &Self) -> Option<Value> {
        let mut out = Map::new();
        if self.title != saved.title {
            out.insert("title".into(), json!(self.title.trim()));
        }
        if self.description != saved.description {
            let d = if self.description.trim().is_empty() { Value::Null } else { json!(self.description) };
            out.insert("description".into(), d);
        }
        if self.kind != saved.kind {
            let mut settings = Map::new();
            settings.insert("type".into(), json!(self.type_name));
            if let (Some(now), Some(before)) = (self.kind.options(), saved.kind.options()) {
                if now != before {
                    let options: Vec<Value> = now
                        .iter()
                        .map(|o| json!({"value": o.value, "text": o.text.trim(), "description": o.description}))
                        .collect();
                    settings.insert("options".into(), json!(options));
                }
            }
            if let (Some(now), Some(before)) = (self.kind.visible(), saved.kind.visible()) {
                if now != before {
                    settings.insert("visible_options".into(), json!(now));
                }
            }
            match (&self.kind, &saved.kind) {
                (QuestionKind::MultiLabel { order, .. }, QuestionKind::MultiLabel { order: before, .. }) if order != before => {
                    settings.insert("options_order".into(), json!(order));
                }
                (QuestionKind::Text { markdown }, QuestionKind::Text { markdown: before }) if markdown != before => {
                    settings.insert("use_markdown".into(), json!(markdown));
                }
                _ => {}
            }
            out.insert("settings".into(), Value::Object(settings));
        }
        body(out)
    }

    fn problems(&self) -> Vec<(&'static str, String)> {
        let mut out: Vec<_> = title_problem(&self.title).into_iter().collect();
        if let Some(options) = self.kind.options() {
            if options.iter().any(|o| o.text.trim().is_empty()) {
                out.push(("options", t(k::settings::option_text_needed).into()));
            }
            if let Some(Some(n)) = self.kind.visible() {
                if n < MIN_VISIBLE_OPTIONS || n as usize > options.len() {
                    let (min, max) = (number(MIN_VISIBLE_OPTIONS.into()), number(options.len() as f64));
                    out.push(("visible_options", tf(k::settings::visible_between, &[("min", &min), ("max", &max)])));
                }
            }
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetadataEdit {
    pub id: String,
    pub name: String,
    pub title: String,
    pub visible: bool,
}

impl MetadataEdit {
    pub fn from_json(v: &Value) -> MetadataEdit {
        MetadataEdit {
            id: text(v, "id"),
            name: text(v, "name"),
            title: text(v, "title"),
            visible: v["visible_for_annotators"].as_bool().unwrap_or(true),
        }
    }
}

impl Editable for MetadataEdit {
    fn path(&self) -> String {
        format!("/metadata-properties/{}", self.id)
    }

    fn changes(&self, saved: &Self) -> Option<Value> {
        let mut out = Map::new();
        if self.title != saved.title {
            out.insert("title".into(), json!(self.title.trim()));
        }
        if self.visible != saved.visible {
            out.insert("visible_for_annotators".into(), json!(self.visible));
        }
        body(out)
    }

    fn problems(&self) -> Vec<(&'static str, String)> {
        title_problem(&self.title).into_iter().collect()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VectorEdit {
    pub id: String,
    pub name: String,
    pub title: String,
}

impl VectorEdit {
    pub fn from_json(v: &Value) -> VectorEdit {
        VectorEdit { id: text(v, "id"), name: text(v, "name"), title: text(v, "title") }
    }
}

impl Editable for VectorEdit {
    fn path(&self) -> String {
        format!("/vectors-settings/{}", self.id)
    }

    fn changes(&self, saved: &Self) -> Option<Value> {
        (self.title != saved.title).then(|| json!({"title": self.title.trim()}))
    }

    fn problems(&self) -> Vec<(&'static str, String)> {
        title_problem(&self.title).into_iter().collect()
    }
}

fn name_taken() -> String {
    t(k::settings::name_taken).to_owned()
}

/// argilla-server 2.8 answers a rename onto a taken name with a 500 carrying
/// the database's unique-constraint error (SQLite's or PostgreSQL's wording), a
/// create with a 409: say what it means, by the name. Nothing else is taken for it.
pub fn explain_refusal(detail: &str) -> Option<(&'static str, String)> {
    let taken = detail.contains("UNIQUE constraint failed: datasets.name")
        || (detail.contains("duplicate key value violates unique constraint") && detail.contains("dataset_name_workspace_id"))
        || (detail.contains("Dataset with name") && detail.contains("already exists"));
    taken.then(|| ("name", name_taken()))
}

/// Which input a server refusal is about: the last name in a 422's `loc`
/// that the form has, else for a 409 the name (the only unique attribute).
pub fn refused_input(status: Option<u16>, locs: &[Vec<String>], inputs: &[&str]) -> Option<String> {
    for loc in locs {
        if let Some(hit) = loc.iter().rev().find(|p| inputs.contains(&p.as_str())) {
            return Some(hit.clone());
        }
    }
    (status == Some(409) && inputs.contains(&"name")).then(|| "name".to_owned())
}

/// The inputs a card's change body saves, by the names the cards give them, in
/// the order they are shown; for "Saved: …" (the API's keys mean nothing to a reader).
pub fn saved_inputs(body: &Value) -> Vec<&'static str> {
    const SHOWN: [&str; 12] = [
        "name", "guidelines", "allow_extra_metadata", "min_submitted", "title", "description",
        "options", "visible_options", "options_order", "use_markdown", "template", "visible_for_annotators",
    ];
    let as_input = |key: &str| match key {
        "distribution" => "min_submitted".to_owned(),
        "advanced_mode" => "template".to_owned(),
        other => other.to_owned(),
    };
    let mut keys: Vec<String> = body.as_object().map(|o| o.keys().filter(|k| *k != "settings").map(|k| as_input(k)).collect()).unwrap_or_default();
    if let Some(settings) = body["settings"].as_object() {
        keys.extend(settings.keys().map(|k| as_input(k)));
    }
    SHOWN.into_iter().filter(|input| keys.iter().any(|k| k == input)).collect()
}

/// Moves option `index` one place up (`-1`) or down (`1`).
pub fn move_option(options: &mut [OptionEdit], index: usize, delta: isize) {
    let to = index as isize + delta;
    if index < options.len() && to >= 0 && (to as usize) < options.len() {
        options.swap(index, to as usize);
    }
}

/// Whether the typed confirmation matches the dataset's name exactly.
pub fn delete_confirmed(typed: &str, name: &str) -> bool {
    !name.is_empty() && typed == name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_was_saved_is_named_by_its_inputs() {
        let general = json!({"name": "n", "guidelines": null, "allow_extra_metadata": true, "distribution": {"strategy": "overlap", "min_submitted": 2}});
        assert_eq!(saved_inputs(&general), ["name", "guidelines", "allow_extra_metadata", "min_submitted"]);
        let question = json!({"title": "T", "settings": {"type": "label_selection", "options": [], "visible_options": 3}});
        assert_eq!(saved_inputs(&question), ["title", "options", "visible_options"]);
        let field = json!({"settings": {"type": "custom", "template": "<b/>", "advanced_mode": false}});
        assert_eq!(saved_inputs(&field), ["template"]);
        assert_eq!(saved_inputs(&json!({"visible_for_annotators": false, "something_new": 1})), ["visible_for_annotators"]);
    }

    fn label_question() -> Value {
        json!({"id": "q1", "name": "sentiment", "title": "Sentiment", "description": null, "required": true,
               "settings": {"type": "label_selection", "options": [
                   {"value": "positive", "text": "Positive", "description": null},
                   {"value": "negative", "text": "Negative", "description": null},
                   {"value": "neutral", "text": "Neutral", "description": null}], "visible_options": null}})
    }

    #[test]
    fn unchanged_items_send_nothing() {
        let q = QuestionEdit::from_json(&label_question());
        assert_eq!(q.changes(&q), None);
        let g = General::from_json(&json!({"id": "d", "name": "n", "guidelines": null, "allow_extra_metadata": true, "distribution": {"strategy": "overlap", "min_submitted": 1}}));
        assert_eq!(g.changes(&g), None);
    }

    #[test]
    fn general_changes_are_the_update_schema() {
        let saved = General::from_json(&json!({"id": "d", "name": "n", "guidelines": "old", "allow_extra_metadata": true, "distribution": {"strategy": "overlap", "min_submitted": 1}}));
        let mut now = saved.clone();
        now.name = " renamed ".into();
        now.guidelines = "  ".into();
        now.allow_extra_metadata = false;
        now.min_submitted = 2;
        assert_eq!(
            now.changes(&saved),
            Some(json!({"name": "renamed", "guidelines": null, "allow_extra_metadata": false, "distribution": {"strategy": "overlap", "min_submitted": 2}}))
        );
        assert_eq!(saved.path(), "/datasets/d");
        now.name = "".into();
        now.min_submitted = 0;
        assert_eq!(now.problems().iter().map(|p| p.0).collect::<Vec<_>>(), ["name", "min_submitted"]);
    }

    #[test]
    fn option_texts_and_order_change_values_never() {
        let saved = QuestionEdit::from_json(&label_question());
        let mut now = saved.clone();
        let options = now.kind.options_mut().unwrap();
        options[0].text = "Good".into();
        move_option(options, 2, -1);
        now.kind.set_visible(Some(3));
        let body = now.changes(&saved).unwrap();
        assert_eq!(body["settings"]["type"], "label_selection");
        assert_eq!(body["settings"]["visible_options"], 3);
        let values: Vec<&str> = body["settings"]["options"].as_array().unwrap().iter().map(|o| o["value"].as_str().unwrap()).collect();
        assert_eq!(values, ["positive", "neutral", "negative"]);
        assert_eq!(body["settings"]["options"][0]["text"], "Good");
        assert!(body.get("title").is_none());
    }

    #[test]
    fn multi_label_order_and_text_markdown() {
        let saved = QuestionEdit::from_json(&json!({"id": "q", "name": "t", "title": "T", "settings": {"type": "multi_label_selection", "options": [{"value": "a", "text": "A"}], "options_order": "natural"}}));
        let mut now = saved.clone();
        if let QuestionKind::MultiLabel { order, .. } = &mut now.kind {
            *order = "suggestion".into();
        }
        assert_eq!(now.changes(&saved), Some(json!({"settings": {"type": "multi_label_selection", "options_order": "suggestion"}})));
        let text = QuestionEdit::from_json(&json!({"id": "q", "name": "c", "title": "C", "settings": {"type": "text", "use_markdown": false}}));
        let mut md = text.clone();
        md.kind = QuestionKind::Text { markdown: true };
        md.description = "Say more".into();
        assert_eq!(md.changes(&text), Some(json!({"description": "Say more", "settings": {"type": "text", "use_markdown": true}})));
    }

    #[test]
    fn rating_questions_change_only_title_and_description() {
        let saved = QuestionEdit::from_json(&json!({"id": "q", "name": "r", "title": "R", "settings": {"type": "rating", "options": [{"value": 1}]}}));
        assert_eq!(saved.kind, QuestionKind::Fixed);
        let mut now = saved.clone();
        now.title = "Rate".into();
        assert_eq!(now.changes(&saved), Some(json!({"title": "Rate"})));
    }

    #[test]
    fn visible_options_are_checked_before_sending() {
        let mut q = QuestionEdit::from_json(&label_question());
        q.kind.set_visible(Some(2));
        assert_eq!(q.problems()[0].0, "visible_options");
        q.kind.set_visible(Some(4));
        assert_eq!(q.problems()[0].0, "visible_options", "more than there are options");
        q.kind.set_visible(Some(3));
        assert!(q.problems().is_empty());
    }

    #[test]
    fn fields_metadata_and_vectors() {
        let saved = FieldEdit::from_json(&json!({"id": "f", "name": "c", "title": "Card", "settings": {"type": "custom", "template": "<b>x</b>", "advanced_mode": false}}));
        let mut now = saved.clone();
        now.kind = FieldKind::Custom { template: "<i>{{record.fields.x}}</i>".into(), advanced_mode: false };
        assert_eq!(now.changes(&saved), Some(json!({"settings": {"type": "custom", "template": "<i>{{record.fields.x}}</i>", "advanced_mode": false}})));
        assert_eq!(now.path(), "/fields/f");
        let m = MetadataEdit::from_json(&json!({"id": "m", "name": "source", "title": "Source", "visible_for_annotators": true}));
        let mut hidden = m.clone();
        hidden.visible = false;
        assert_eq!(hidden.changes(&m), Some(json!({"visible_for_annotators": false})));
        let v = VectorEdit::from_json(&json!({"id": "v", "name": "e", "title": "E"}));
        let mut renamed = v.clone();
        renamed.title = "".into();
        assert_eq!(renamed.problems()[0].0, "title");
    }

    #[test]
    fn refusals_point_at_their_input() {
        let loc = vec![vec!["body".to_owned(), "settings".to_owned(), "visible_options".to_owned()]];
        assert_eq!(refused_input(Some(422), &loc, &["title", "visible_options"]).as_deref(), Some("visible_options"));
        assert_eq!(refused_input(Some(409), &[], &["name", "guidelines"]).as_deref(), Some("name"));
        assert_eq!(refused_input(Some(422), &[], &["title"]), None);
    }

    #[test]
    fn a_taken_name_is_caught_before_sending_and_explained_after() {
        let mut g = General::from_json(&json!({"id": "d", "name": "mine"}));
        g.taken = vec!["other".into()];
        g.name = "other".into();
        assert_eq!(g.problems()[0], ("name", "Another dataset in this workspace has this name.".to_owned()));
        let detail = "(sqlite3.IntegrityError) UNIQUE constraint failed: datasets.name, datasets.workspace_id [SQL: UPDATE datasets ...]";
        assert_eq!(explain_refusal(detail).map(|e| e.0), Some("name"));
        let postgres = r#"(psycopg2.errors.UniqueViolation) duplicate key value violates unique constraint "dataset_name_workspace_id_uq""#;
        assert_eq!(explain_refusal(postgres).map(|e| e.0), Some("name"));
        assert_eq!(explain_refusal("Distribution settings can't be modified"), None);
        assert_eq!(explain_refusal("Question with name `q` already exists"), None, "only a dataset's name");
    }

    #[test]
    fn deleting_needs_the_exact_name() {
        assert!(delete_confirmed("my-data", "my-data"));
        assert!(!delete_confirmed("my-dat", "my-data"));
        assert!(!delete_confirmed("", ""));
    }
}

//! Typed bodies of the Argilla REST API (argilla-server 2.x, `/api/v1`).
//!
//! Fields the app does not use are ignored; optional ones default, so a newer
//! server that adds fields keeps working.

use crate::api::lenient;
use crate::i18n::{k, t};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Token {
    pub access_token: String,
    #[serde(default)]
    pub token_type: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Owner,
    Admin,
    Annotator,
    /// A role a newer server has and this app does not know: treated as an annotator's
    /// (the least it can be), so the person still gets in.
    #[serde(other)]
    Other,
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Admin => "admin",
            Role::Annotator | Role::Other => "annotator",
        }
    }

    /// The role's name for people, in the app's language (`label` is the API's value).
    pub fn name(self) -> &'static str {
        t(match self {
            Role::Owner => k::common::role_owner,
            Role::Admin => k::common::role_admin,
            Role::Annotator => k::common::role_annotator,
            Role::Other => k::common::role_other,
        })
    }

    /// The roles this app offers, in the order it lists them.
    pub const OFFERED: [Role; 3] = [Role::Annotator, Role::Admin, Role::Owner];

    /// One of the offered roles, from its API word.
    pub fn offered(label: &str) -> Option<Role> {
        Role::OFFERED.into_iter().find(|r| r.label() == label)
    }

    /// Owners and admins manage datasets; annotators only label.
    pub fn can_manage(self) -> bool {
        matches!(self, Role::Owner | Role::Admin)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct User {
    pub id: String,
    pub username: String,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    pub role: Role,
}

impl User {
    pub fn display_name(&self) -> String {
        let full = [self.first_name.as_deref(), self.last_name.as_deref()]
            .into_iter()
            .flatten()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if full.is_empty() {
            self.username.clone()
        } else {
            full
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Items<T> {
    pub items: Vec<T>,
}

/// A list whose items are each optional to the page (a metadata filter, a
/// vector): one the app cannot read is left out, and the rest are shown.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ReadableItems<T: serde::de::DeserializeOwned> {
    #[serde(deserialize_with = "each_readable")]
    pub items: Vec<T>,
}

fn each_readable<'de, D: serde::Deserializer<'de>, T: serde::de::DeserializeOwned>(d: D) -> Result<Vec<T>, D::Error> {
    let values = Vec::<serde_json::Value>::deserialize(d)?;
    Ok(values.into_iter().filter_map(|v| serde_json::from_value(v).ok()).collect())
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Workspace {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatasetStatus {
    Draft,
    Ready,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Dataset {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub guidelines: Option<String>,
    pub status: DatasetStatus,
    pub workspace_id: String,
    #[serde(default)]
    pub last_activity_at: Option<String>,
    #[serde(default)]
    pub inserted_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
}

/// `GET /datasets/{id}/progress`: the team's view.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
pub struct DatasetProgress {
    #[serde(default)]
    pub total: u64,
    #[serde(default)]
    pub completed: u64,
    #[serde(default)]
    pub pending: u64,
    /// Who has answered in this dataset.
    #[serde(default)]
    pub users: Vec<Contributor>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
pub struct Contributor {
    pub username: String,
}

/// `GET /me/datasets/{id}/metrics`: the signed-in user's own counts.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
pub struct MyMetrics {
    pub responses: ResponseCounts,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
pub struct ResponseCounts {
    #[serde(default)]
    pub total: u64,
    #[serde(default)]
    pub submitted: u64,
    #[serde(default)]
    pub discarded: u64,
    #[serde(default)]
    pub draft: u64,
    #[serde(default)]
    pub pending: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
pub struct ServerSettings {
    #[serde(default)]
    pub argilla: Option<ArgillaSettings>,
    #[serde(default)]
    pub huggingface: Option<HuggingfaceSettings>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
pub struct ArgillaSettings {
    #[serde(default)]
    pub show_huggingface_space_persistent_storage_warning: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
pub struct HuggingfaceSettings {
    #[serde(default)]
    pub space_id: Option<String>,
    #[serde(default)]
    pub space_persistent_storage_enabled: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct OAuthProvider {
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Field {
    pub id: String,
    pub name: String,
    pub title: String,
    #[serde(default)]
    pub required: bool,
    pub settings: FieldSettings,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldSettings {
    Text {
        #[serde(default)]
        use_markdown: bool,
    },
    Image,
    Chat {
        #[serde(default)]
        use_markdown: bool,
    },
    Custom {
        #[serde(default)]
        template: String,
        /// The template is a whole page that reads `record` itself: no `{{…}}` filling.
        #[serde(default)]
        advanced_mode: bool,
    },
    #[serde(other)]
    Unknown,
}

/// A metadata property the user can see (`GET /me/datasets/{id}/metadata-properties`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct MetadataProperty {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub settings: Option<MetadataSettings>,
}

impl MetadataProperty {
    pub fn label(&self) -> String {
        self.title.clone().filter(|t| !t.trim().is_empty()).unwrap_or_else(|| self.name.clone())
    }

    pub fn is_numeric(&self) -> bool {
        matches!(self.settings, Some(MetadataSettings::Integer(_) | MetadataSettings::Float(_)))
    }
}

/// The lowest and highest value of a numeric metadata property.
#[derive(Debug, Clone, Copy, PartialEq, Default, Deserialize)]
pub struct Bounds {
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum MetadataSettings {
    Terms {
        #[serde(default, deserialize_with = "optional_terms")]
        values: Option<Vec<String>>,
    },
    Integer(Bounds),
    Float(Bounds),
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct OptionItem {
    pub value: String,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
}

impl OptionItem {
    /// What people read: the text, or the value when the text is missing or blank
    /// (a blank one would leave the option's button without a name).
    pub fn label(&self) -> &str {
        self.text.as_deref().filter(|t| !t.trim().is_empty()).unwrap_or(&self.value)
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct RatingOption {
    pub value: i64,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum QuestionSettings {
    LabelSelection {
        options: Vec<OptionItem>,
        #[serde(default)]
        visible_options: Option<usize>,
    },
    MultiLabelSelection {
        options: Vec<OptionItem>,
        #[serde(default)]
        visible_options: Option<usize>,
        /// `"suggestion"`: the record's suggested options come first.
        #[serde(default, deserialize_with = "lenient::text_or_none")]
        options_order: Option<String>,
    },
    Rating {
        options: Vec<RatingOption>,
    },
    Text {
        #[serde(default)]
        use_markdown: bool,
    },
    Ranking {
        options: Vec<OptionItem>,
    },
    Span {
        field: String,
        options: Vec<OptionItem>,
        #[serde(default)]
        visible_options: Option<usize>,
        #[serde(default)]
        allow_overlapping: bool,
        /// Whether a selection may cut words (with Shift held); else it takes whole words.
        #[serde(default = "yes")]
        allow_character_annotation: bool,
    },
    #[serde(other)]
    Unknown,
}

impl QuestionSettings {
    /// A short name of the question type, for people.
    pub fn type_label(&self) -> &'static str {
        t(match self {
            QuestionSettings::LabelSelection { .. } => k::common::question_type_label,
            QuestionSettings::MultiLabelSelection { .. } => k::common::question_type_multi_label,
            QuestionSettings::Rating { .. } => k::common::question_type_rating,
            QuestionSettings::Text { .. } => k::common::question_type_text,
            QuestionSettings::Ranking { .. } => k::common::question_type_ranking,
            QuestionSettings::Span { .. } => k::common::question_type_span,
            QuestionSettings::Unknown => k::common::question_type_other,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Question {
    pub id: String,
    pub name: String,
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub required: bool,
    pub settings: QuestionSettings,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ResponseStatus {
    Draft,
    Submitted,
    Discarded,
}

impl ResponseStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ResponseStatus::Draft => "draft",
            ResponseStatus::Submitted => "submitted",
            ResponseStatus::Discarded => "discarded",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct ValueItem {
    #[serde(default)]
    pub value: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct UserResponse {
    pub id: String,
    #[serde(default)]
    pub values: Option<std::collections::BTreeMap<String, ValueItem>>,
    pub status: ResponseStatus,
    #[serde(default)]
    pub user_id: Option<String>,
    /// The server's clock, UTC without a zone.
    #[serde(default, deserialize_with = "lenient::text_or_none")]
    pub updated_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Suggestion {
    pub question_id: String,
    pub value: serde_json::Value,
    #[serde(default)]
    pub score: Option<serde_json::Value>,
    #[serde(default, deserialize_with = "lenient::text_or_none")]
    pub agent: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Record {
    pub id: String,
    #[serde(default, deserialize_with = "lenient::text_or_none")]
    pub status: Option<String>,
    #[serde(default, deserialize_with = "lenient::object_or_empty")]
    pub fields: serde_json::Map<String, serde_json::Value>,
    #[serde(default, deserialize_with = "lenient::object_or_none")]
    pub metadata: Option<serde_json::Map<String, serde_json::Value>>,
    #[serde(default, deserialize_with = "lenient::text_or_none")]
    pub external_id: Option<String>,
    #[serde(default)]
    pub responses: Vec<UserResponse>,
    #[serde(default)]
    pub suggestions: Vec<Suggestion>,
    /// Only with `include=vectors`.
    #[serde(default, deserialize_with = "lenient::object_or_none")]
    pub vectors: Option<serde_json::Map<String, serde_json::Value>>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SearchItem {
    pub record: Record,
    #[serde(default)]
    pub query_score: Option<f64>,
}

/// A page of records. Each record is read on its own: one the app cannot read
/// (nested past serde_json's 128 levels, a number too large for a float) is
/// counted in `unreadable` by its id instead of failing the whole page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchResult {
    pub items: Vec<SearchItem>,
    pub total: u64,
    /// Ids of the records that could not be read (`""` where not even the id could).
    pub unreadable: Vec<String>,
}

impl<'de> Deserialize<'de> for SearchResult {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Page {
            items: Vec<Box<serde_json::value::RawValue>>,
            #[serde(default)]
            total: u64,
        }
        #[derive(Deserialize)]
        struct IdOnly {
            record: Id,
        }
        #[derive(Deserialize)]
        struct Id {
            id: String,
        }
        let page = Page::deserialize(deserializer)?;
        let mut result = SearchResult { total: page.total, ..Default::default() };
        for raw in page.items {
            let read = serde_json::from_str::<SearchItem>(raw.get())
                .or_else(|e| crate::api::lenient::repaired(raw.get()).ok_or(e).and_then(|text| serde_json::from_str(&text)));
            match read {
                Ok(item) => result.items.push(item),
                Err(_) => result.unreadable.push(serde_json::from_str::<IdOnly>(raw.get()).map(|i| i.record.id).unwrap_or_default()),
            }
        }
        Ok(result)
    }
}

/// Body of `POST /records/{id}/responses` and `PUT /responses/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResponseUpsert {
    pub status: ResponseStatus,
    pub values: std::collections::BTreeMap<String, ValueItem>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SavedResponse {
    pub id: String,
    pub status: ResponseStatus,
}

/// One item of the answer to `POST /me/responses/bulk`, in request order.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct BulkOutcome {
    #[serde(default)]
    pub item: Option<SavedResponse>,
    #[serde(default)]
    pub error: Option<BulkError>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct BulkError {
    #[serde(default)]
    pub detail: serde_json::Value,
}

impl BulkError {
    pub fn message(&self) -> String {
        match &self.detail {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Null => t(k::common::error_record_refused).to_owned(),
            other => other.to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct BulkAnswer {
    pub items: Vec<BulkOutcome>,
}

/// `GET /metadata-properties/{id}/metrics`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum MetadataMetrics {
    Terms {
        #[serde(default)]
        values: Vec<TermCount>,
    },
    Integer(Bounds),
    Float(Bounds),
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct TermCount {
    #[serde(deserialize_with = "term")]
    pub term: String,
    #[serde(default)]
    pub count: u64,
}

/// `GET /datasets/{id}/records/search/suggestions/options`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SuggestionOptions {
    pub question: NamedRef,
    #[serde(default)]
    pub agents: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct NamedRef {
    pub name: String,
}

/// `GET /datasets/{id}/vectors-settings`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct VectorSettings {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub dimensions: Option<u64>,
}

/// A terms property's value as the filters send it: the server takes any JSON
/// value there (`List[Any]`), so a number or a boolean is read as its text.
fn term_text(value: serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn term<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(term_text(serde_json::Value::deserialize(d)?).unwrap_or_default())
}

fn optional_terms<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    let values = Option::<Vec<serde_json::Value>>::deserialize(d)?;
    Ok(values.map(|v| v.into_iter().filter_map(term_text).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_from_real_me_response() {
        let body = r#"{"id":"b433fcd0-8e2e-4c9c-8be3-63f46a137493","first_name":"Annotator","last_name":null,
            "username":"annotator","role":"annotator","api_key":"k","inserted_at":"2026-11-22T13:05:51.083686",
            "updated_at":"2026-11-22T13:05:51.083686"}"#;
        let user: User = serde_json::from_str(body).unwrap();
        assert_eq!(user.role, Role::Annotator);
        assert_eq!(user.display_name(), "Annotator");
        assert!(!user.role.can_manage());
    }

    #[test]
    fn a_role_a_newer_server_has_signs_in_with_an_annotators_rights() {
        let user: User = serde_json::from_str(r#"{"id":"u","username":"rev","role":"reviewer"}"#).unwrap();
        assert_eq!(user.role, Role::Other);
        assert!(!user.role.can_manage());
        assert_eq!(user.role.label(), "annotator");
    }

    #[test]
    fn an_option_with_a_blank_text_is_named_by_its_value() {
        let option = |json: &str| serde_json::from_str::<OptionItem>(json).unwrap();
        assert_eq!(option(r#"{"value":"pos","text":"Positive"}"#).label(), "Positive");
        assert_eq!(option(r#"{"value":"pos","text":"  "}"#).label(), "pos");
        assert_eq!(option(r#"{"value":"pos"}"#).label(), "pos");
    }

    #[test]
    fn display_name_falls_back_to_username() {
        let user: User =
            serde_json::from_str(r#"{"id":"1","username":"ana","first_name":" ","role":"owner"}"#).unwrap();
        assert_eq!(user.display_name(), "ana");
    }

    #[test]
    fn datasets_list_from_real_response() {
        let body = r##"{"items":[{"id":"045a","name":"demo","guidelines":"# G","allow_extra_metadata":false,
            "status":"ready","distribution":{"strategy":"overlap","min_submitted":1},"metadata":null,
            "workspace_id":"3c2d","last_activity_at":"2026-11-22T13:07:16.999503",
            "inserted_at":"2026-11-22T13:06:34.486465","updated_at":"2026-11-22T13:06:34.883406"}]}"##;
        let list: Items<Dataset> = serde_json::from_str(body).unwrap();
        assert_eq!(list.items[0].status, DatasetStatus::Ready);
        assert_eq!(list.items[0].workspace_id, "3c2d");
    }

    #[test]
    fn settings_on_a_space_and_off_a_space() {
        let plain: ServerSettings =
            serde_json::from_str(r#"{"argilla":{"share_your_progress_enabled":false}}"#).unwrap();
        assert!(plain.huggingface.is_none());
        let space: ServerSettings = serde_json::from_str(
            r#"{"argilla":{"show_huggingface_space_persistent_storage_warning":true,"share_your_progress_enabled":false},
                "huggingface":{"space_id":"a/b","space_persistent_storage_enabled":false}}"#,
        )
        .unwrap();
        assert_eq!(space.huggingface.unwrap().space_persistent_storage_enabled, Some(false));
    }

    #[test]
    fn metrics_and_progress() {
        let m: MyMetrics = serde_json::from_str(
            r#"{"responses":{"total":500,"submitted":4,"discarded":1,"draft":0,"pending":495}}"#,
        )
        .unwrap();
        assert_eq!(m.responses.pending, 495);
        let p: DatasetProgress =
            serde_json::from_str(r#"{"total":500,"completed":4,"pending":496,"users":[{"username":"a"}]}"#).unwrap();
        assert_eq!(p.completed, 4);
    }

    #[test]
    fn questions_of_every_type_from_real_samples() {
        let body = r#"{"items":[
          {"id":"1","name":"sentiment","title":"S","description":"Pick one label.","required":true,"settings":{"type":"label_selection","options":[{"value":"positive","text":"Positive","description":"Favourable"}],"visible_options":3}},
          {"id":"2","name":"topics","title":"T","required":false,"settings":{"type":"multi_label_selection","options":[{"value":"tech","text":"Technology","description":null}],"visible_options":4,"options_order":"natural"}},
          {"id":"3","name":"quality","title":"Q","required":true,"settings":{"type":"rating","options":[{"value":1},{"value":2}]}},
          {"id":"4","name":"ranking","title":"R","required":false,"settings":{"type":"ranking","options":[{"value":"reply-a","text":"Reply A","description":"Short reply"}]}},
          {"id":"5","name":"entities","title":"E","required":false,"settings":{"type":"span","field":"text","options":[{"value":"PER","text":"Person","description":"A person"}],"visible_options":null,"allow_overlapping":false,"allow_character_annotation":true}},
          {"id":"6","name":"comment","title":"C","required":false,"settings":{"type":"text","use_markdown":true}},
          {"id":"7","name":"future","title":"F","required":false,"settings":{"type":"something_new"}}]}"#;
        let list: Items<Question> = serde_json::from_str(body).unwrap();
        assert!(matches!(list.items[0].settings, QuestionSettings::LabelSelection { visible_options: Some(3), .. }));
        assert!(matches!(list.items[4].settings, QuestionSettings::Span { ref field, allow_overlapping: false, .. } if field == "text"));
        assert!(matches!(list.items[5].settings, QuestionSettings::Text { use_markdown: true }));
        assert_eq!(list.items[6].settings, QuestionSettings::Unknown);
    }

    #[test]
    fn fields_of_every_type() {
        let body = r#"{"items":[
          {"id":"1","name":"text","title":"Text","required":true,"settings":{"type":"text","use_markdown":false}},
          {"id":"2","name":"img","title":"I","settings":{"type":"image"}},
          {"id":"3","name":"chat","title":"C","settings":{"type":"chat","use_markdown":true}},
          {"id":"4","name":"custom","title":"X","settings":{"type":"custom","template":"<b>{{record.fields.text}}</b>","advanced_mode":false}}]}"#;
        let list: Items<Field> = serde_json::from_str(body).unwrap();
        assert_eq!(list.items[1].settings, FieldSettings::Image);
        assert!(matches!(list.items[3].settings, FieldSettings::Custom { .. }));
    }

    #[test]
    fn search_result_with_responses_and_suggestions() {
        let body = r#"{"items":[{"record":{"id":"r1","status":"completed","fields":{"text":"Hi"},"metadata":{"length":2},
          "external_id":"demo-1","responses":[{"id":"resp","values":{"sentiment":{"value":"neutral"},"quality":{"value":3}},
          "status":"submitted","record_id":"r1","user_id":"u"}],
          "suggestions":[{"question_id":"q","type":null,"value":"negative","agent":"m","score":0.7,"id":"s"}],
          "dataset_id":"d"},"query_score":0.5}],"total":41}"#;
        let result: SearchResult = serde_json::from_str(body).unwrap();
        assert_eq!(result.total, 41);
        let record = &result.items[0].record;
        assert_eq!(record.responses[0].status, ResponseStatus::Submitted);
        assert_eq!(record.suggestions[0].value, serde_json::json!("negative"));
    }

    #[test]
    fn one_unreadable_record_leaves_the_rest_of_its_page() {
        let deep = format!("{}1{}", "[".repeat(200), "]".repeat(200));
        let body = format!(
            r#"{{"items":[{{"record":{{"id":"ok1","fields":{{"text":"a"}}}}}},
              {{"record":{{"id":"deep","fields":{{"custom":{deep}}}}}}},
              {{"record":{{"id":"huge","metadata":{{"n":1{zeros}}}}}}},
              {{"record":{{"fields":{{}}}}}},
              {{"record":{{"id":"ok2","fields":{{"text":"b"}}}}}}],"total":5}}"#,
            zeros = "0".repeat(400)
        );
        let result: SearchResult = serde_json::from_str(&body).unwrap();
        let ids: Vec<&str> = result.items.iter().map(|i| i.record.id.as_str()).collect();
        assert_eq!(ids, ["ok1", "ok2"]);
        assert_eq!(result.unreadable, ["deep", "huge", ""]);
        assert_eq!(result.total, 5);
    }

    #[test]
    fn a_record_with_a_lone_surrogate_half_is_read_with_a_replacement_character() {
        let body = r#"{"items":[{"record":{"id":"py","fields":{"text":"caf\udce9 ok"}}}],"total":1}"#;
        let result: SearchResult = serde_json::from_str(body).unwrap();
        assert!(result.unreadable.is_empty(), "{:?}", result.unreadable);
        assert_eq!(result.items[0].record.fields["text"], "caf\u{fffd} ok");
    }

    #[test]
    fn metadata_properties_metrics_and_vectors_from_real_samples() {
        let props: Items<MetadataProperty> = serde_json::from_str(r#"{"items":[
          {"id":"1","name":"language","title":"Language","settings":{"type":"terms","values":["en","es","fr"]},"visible_for_annotators":true},
          {"id":"2","name":"length","title":"Text length","settings":{"type":"integer","min":0,"max":2000}},
          {"id":"3","name":"model_score","title":"Model score","settings":{"type":"float","min":0.0,"max":1.0}}]}"#).unwrap();
        assert!(!props.items[0].is_numeric() && props.items[1].is_numeric() && props.items[2].is_numeric());
        let terms: MetadataMetrics = serde_json::from_str(r#"{"type":"terms","total":500,"values":[{"term":"en","count":171}]}"#).unwrap();
        assert_eq!(terms, MetadataMetrics::Terms { values: vec![TermCount { term: "en".into(), count: 171 }] });
        let int: MetadataMetrics = serde_json::from_str(r#"{"min":94,"max":323,"type":"integer"}"#).unwrap();
        assert_eq!(int, MetadataMetrics::Integer(Bounds { min: Some(94.0), max: Some(323.0) }));
        let vectors: Items<VectorSettings> = serde_json::from_str(r#"{"items":[{"id":"4e","name":"emb","title":"Embedding","dimensions":4,"dataset_id":"d"}]}"#).unwrap();
        assert_eq!(vectors.items[0].name, "emb");
    }

    #[test]
    fn odd_metadata_agents_ids_and_values_leave_the_record_readable() {
        let body = r#"{"items":[{"record":{"id":"r","fields":null,"metadata":["a"],"external_id":42,"vectors":"none","status":true,
            "suggestions":[{"question_id":"q","value":"x","agent":3}],
            "responses":[{"id":"a","status":"draft","updated_at":null,"values":{"q":{}}}]}}],"total":1}"#;
        let result: SearchResult = serde_json::from_str(body).unwrap();
        assert!(result.unreadable.is_empty());
        let r = &result.items[0].record;
        assert!(r.fields.is_empty() && r.metadata.is_none() && r.vectors.is_none() && r.status.is_none());
        assert_eq!(r.external_id.as_deref(), Some("42"));
        assert_eq!(r.suggestions[0].agent.as_deref(), Some("3"));
        assert_eq!(r.responses[0].values.as_ref().unwrap()["q"].value, serde_json::Value::Null);
    }

    #[test]
    fn an_unreadable_metadata_property_leaves_the_others_shown() {
        let props: ReadableItems<MetadataProperty> = serde_json::from_str(r#"{"items":[
          {"id":"1","name":"language","settings":{"type":"terms","values":["en"]}},
          {"id":"2","name":{"odd":true},"settings":{"type":"integer"}},
          {"id":"3","name":"score","settings":{"type":"float","min":"low"}}]}"#).unwrap();
        let names: Vec<&str> = props.items.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["language"]);
        assert!(serde_json::from_str::<Items<MetadataProperty>>(r#"{"items":[{"id":"2","name":{"odd":true}}]}"#).is_err(), "a plain list fails whole");
    }

    #[test]
    fn terms_that_are_numbers_or_booleans_are_read_as_text() {
        let props: Items<MetadataProperty> = serde_json::from_str(r#"{"items":[
          {"id":"1","name":"year","title":"Year","settings":{"type":"terms","values":[2020,2021.5,true,"x",null]}}]}"#).unwrap();
        let expected = vec!["2020".to_owned(), "2021.5".into(), "true".into(), "x".into()];
        assert_eq!(props.items[0].settings, Some(MetadataSettings::Terms { values: Some(expected) }));
        let terms: MetadataMetrics = serde_json::from_str(r#"{"type":"terms","total":3,"values":[{"term":2020,"count":3}]}"#).unwrap();
        assert_eq!(terms, MetadataMetrics::Terms { values: vec![TermCount { term: "2020".into(), count: 3 }] });
    }

    #[test]
    fn bulk_answer_from_the_real_sample() {
        let body = r#"{"items":[{"item":{"id":"f8","values":{"sentiment":{"value":"negative"}},"status":"submitted","record_id":"c9","user_id":"b4"},"error":null},
            {"item":null,"error":{"detail":"missing response value for required question with name='quality'"}}]}"#;
        let answer: BulkAnswer = serde_json::from_str(body).unwrap();
        assert_eq!(answer.items[0].item.as_ref().map(|i| i.status), Some(ResponseStatus::Submitted));
        assert_eq!(answer.items[1].error.as_ref().unwrap().message(), "missing response value for required question with name='quality'");
    }
}


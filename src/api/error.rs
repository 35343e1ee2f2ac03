//! One error type for every way an Argilla call can fail.
//!
//! argilla-server answers errors in three body shapes:
//! 1. `{"detail": "plain text"}` (404, 409, some 422, FastAPI's own "Not Found");
//! 2. `{"detail": {"code": "argilla.api.errors::X", "params": {...}}}` (401, 403, 500);
//! 3. the same with code `ValidationError` and `params.errors = [{type, loc, msg}]`.
//!
//! FastAPI's stock shape `{"detail": [{loc, msg, type}]}` is accepted too.

use crate::i18n::{k, t, tf};
use serde_json::Value;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Where the problem is, e.g. `["body", "values", "sentiment"]`.
    pub loc: Vec<String>,
    pub msg: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// No answer at all: server down, DNS, CORS, connection reset.
    Network(String),
    /// The server answered with an error status.
    Http {
        status: u16,
        /// `argilla.api.errors::X` when the server sent a code.
        code: Option<String>,
        /// The server's own words, when it gave any.
        detail: Option<String>,
        errors: Vec<FieldError>,
    },
    /// The server answered, but not with the JSON we expected.
    Malformed { status: u16, reason: String },
}

impl ApiError {
    /// Builds the error for a non-success answer from its status and raw body.
    pub fn from_response(status: u16, body: &str) -> Self {
        let Ok(json) = serde_json::from_str::<Value>(body) else {
            return ApiError::Http {
                status,
                code: None,
                detail: plain_text_detail(body),
                errors: vec![],
            };
        };
        let mut code = None;
        let mut detail = None;
        let mut errors = vec![];
        match json.get("detail") {
            Some(Value::String(text)) => detail = Some(text.clone()),
            Some(Value::Object(obj)) => {
                code = obj.get("code").and_then(Value::as_str).map(str::to_owned);
                let params = obj.get("params");
                detail = params
                    .and_then(|p| p.get("detail"))
                    .and_then(Value::as_str)
                    .or_else(|| params.and_then(|p| p.get("message")).and_then(Value::as_str))
                    .map(str::to_owned);
                if let Some(list) = params.and_then(|p| p.get("errors")).and_then(Value::as_array) {
                    errors = list.iter().filter_map(field_error).collect();
                }
            }
            Some(Value::Array(list)) => errors = list.iter().filter_map(field_error).collect(),
            _ => {}
        }
        ApiError::Http { status, code, detail, errors }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Network(_) => None,
            ApiError::Http { status, .. } | ApiError::Malformed { status, .. } => Some(*status),
        }
    }

    /// The session is no longer valid: sign in again.
    pub fn is_unauthorized(&self) -> bool {
        self.status() == Some(401)
    }

    /// Worth retrying later without changing anything: no answer, or a server-side failure.
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Network(_) => true,
            ApiError::Http { status, .. } => *status >= 500 || *status == 429 || *status == 408,
            ApiError::Malformed { status, .. } => *status >= 500,
        }
    }

    /// A read of what the app cannot do without (the server's settings, who is signed in)
    /// that may answer next time: a passing fault, a reply that did not parse, or a proxy's
    /// page in place of the server's verdict.
    pub fn worth_asking_again(&self) -> bool {
        self.is_transient() || matches!(self, ApiError::Malformed { .. }) || self.is_unexplained_refusal()
    }

    /// A refusal with none of the server's words: a page from a proxy or gateway in front
    /// of it (a Space's access check, a captive portal), not argilla-server's verdict, which
    /// always comes as JSON with a detail. 409, 413 and 422 are verdicts whatever their body.
    pub fn is_unexplained_refusal(&self) -> bool {
        matches!(self, ApiError::Http { status: 400..=499, code: None, detail: None, errors } if errors.is_empty())
            && !matches!(self.status(), Some(401 | 409 | 413 | 422))
    }

    /// The server says the record itself is not there (deleted meanwhile): its own words
    /// name the record, unlike a route that does not exist ("Not Found").
    pub fn is_record_not_found(&self) -> bool {
        matches!(self, ApiError::Http { status: 404, detail: Some(detail), .. } if detail.contains("Record") && detail.contains("not found"))
    }

    /// The request may have been carried out all the same: its reply was lost (no
    /// answer, a server or gateway failure such as a proxy's 502/504 after it gave up
    /// waiting) or unreadable (a 2xx whose body did not parse). One refused with a 4xx was not.
    pub fn reply_lost(&self) -> bool {
        matches!(self, ApiError::Malformed { .. }) || self.status().is_none_or(|status| status >= 500)
    }

    /// A job's start whose reply was lost: the job may be running. (A plain 500 is the
    /// server's own failure to start it.)
    pub fn job_may_have_started(&self) -> bool {
        self.reply_lost() && self.status() != Some(500)
    }

    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            ApiError::Http { errors, .. } => errors,
            _ => &[],
        }
    }

    /// A sentence a person can act on, in the app's language; the server's
    /// own words stay as written.
    pub fn user_message(&self) -> String {
        match self {
            ApiError::Network(_) => t(k::common::error_network).into(),
            ApiError::Malformed { status, .. } => tf(k::common::error_malformed, &[("status", status)]),
            ApiError::Http { status, code, detail, errors } => {
                let code_name = code.as_deref().map(|c| c.rsplit("::").next().unwrap_or(c));
                match (status, code_name) {
                    (401, _) => t(k::common::error_session_ended).into(),
                    (403, _) | (_, Some("ForbiddenOperationError")) => t(k::common::error_forbidden).into(),
                    (404, _) => match detail.as_deref() {
                        Some(d) if d != "Not Found" => d.to_owned(),
                        _ => t(k::common::error_not_found).into(),
                    },
                    (422, _) if !errors.is_empty() => {
                        let parts: Vec<String> = errors
                            .iter()
                            .map(|e| match e.loc.last() {
                                Some(field) => format!("{field}: {}", e.msg),
                                None => e.msg.clone(),
                            })
                            .collect();
                        tf(k::common::error_refused, &[("reasons", &parts.join("; "))])
                    }
                    (s, _) if *s >= 500 => match detail {
                        Some(d) => tf(k::common::error_server_problem_detail, &[("status", s), ("detail", d)]),
                        None => tf(k::common::error_server_problem, &[("status", s)]),
                    },
                    (s, _) => match detail {
                        Some(d) => d.clone(),
                        None => tf(k::common::error_request_failed, &[("status", s)]),
                    },
                }
            }
        }
    }

    /// True when [`Self::user_message`] is the server's own text and nothing
    /// else: its element is then marked `translate="no"`.
    pub fn is_server_wording(&self) -> bool {
        match self {
            ApiError::Http { status: 404, detail: Some(d), .. } => d != "Not Found",
            ApiError::Http { status, code, detail: Some(_), errors } => {
                let forbidden = *status == 403 || code.as_deref().is_some_and(|c| c.ends_with("::ForbiddenOperationError"));
                !forbidden && *status != 401 && *status < 500 && !(*status == 422 && !errors.is_empty())
            }
            _ => false,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.user_message())
    }
}

impl std::error::Error for ApiError {}

fn field_error(value: &Value) -> Option<FieldError> {
    let msg = value.get("msg")?.as_str()?.to_owned();
    let loc = value
        .get("loc")
        .and_then(Value::as_array)
        .map(|parts| {
            parts
                .iter()
                .map(|p| match p {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect()
        })
        .unwrap_or_default();
    Some(FieldError { loc, msg })
}

/// A proxy's HTML error page is not worth showing, nor JSON cut short on the
/// way; a short plain-text body is.
fn plain_text_detail(body: &str) -> Option<String> {
    let text = body.trim();
    if text.is_empty() || text.starts_with(['<', '{', '[', '"']) || text.len() > 300 {
        None
    } else {
        Some(text.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_record_is_told_from_a_missing_route() {
        assert!(ApiError::from_response(404, r#"{"detail":"Record with id `7e85` not found"}"#).is_record_not_found());
        assert!(!ApiError::from_response(404, r#"{"detail":"Not Found"}"#).is_record_not_found(), "a route the server does not have");
        assert!(!ApiError::from_response(404, "<html>404</html>").is_record_not_found());
    }

    #[test]
    fn only_a_lost_or_unreadable_reply_may_hide_a_done_request() {
        assert!(ApiError::Network("x".into()).reply_lost());
        assert!(ApiError::from_response(502, "<html>Bad gateway</html>").reply_lost());
        assert!(ApiError::from_response(504, "").reply_lost());
        assert!(ApiError::Malformed { status: 201, reason: "x".into() }.reply_lost());
        assert!(!ApiError::from_response(409, r#"{"detail":"exists"}"#).reply_lost());
        assert!(!ApiError::from_response(422, "{}").reply_lost());
        assert!(!ApiError::from_response(429, "").reply_lost());
    }

    #[test]
    fn settings_and_the_user_are_asked_again_after_anything_but_the_servers_verdict() {
        assert!(ApiError::Network("x".into()).worth_asking_again());
        assert!(ApiError::from_response(503, "<html>Restarting</html>").worth_asking_again());
        assert!(ApiError::Malformed { status: 200, reason: "cut short".into() }.worth_asking_again());
        assert!(ApiError::from_response(403, "<html>Space access</html>").worth_asking_again(), "a proxy's page");
        assert!(!ApiError::from_response(401, r#"{"detail":"Could not validate credentials"}"#).worth_asking_again());
        assert!(!ApiError::from_response(404, r#"{"detail":"Not Found"}"#).worth_asking_again(), "a server without the route");
    }

    #[test]
    fn a_job_may_have_started_unless_the_server_said_it_failed() {
        assert!(ApiError::Network("x".into()).job_may_have_started());
        assert!(ApiError::from_response(502, "").job_may_have_started());
        assert!(!ApiError::from_response(500, r#"{"detail":"boom"}"#).job_may_have_started());
        assert!(!ApiError::from_response(422, "{}").job_may_have_started());
    }

    #[test]
    fn json_cut_short_is_not_shown() {
        for body in [r#"{"detail":"Dataset with id `1` not fo"#, r#"[{"loc":"#, r#""half a str"#] {
            let e = ApiError::from_response(404, body);
            assert_eq!(e.status(), Some(404));
            assert!(!e.user_message().contains(['{', '[', '"']), "{body}: {}", e.user_message());
        }
        assert!(ApiError::from_response(503, "Service Unavailable").user_message().contains("Service Unavailable"));
    }

    #[test]
    fn plain_string_detail_is_kept() {
        let e = ApiError::from_response(409, r#"{"detail":"Response already exists for record"}"#);
        assert_eq!(e.status(), Some(409));
        assert_eq!(e.user_message(), "Response already exists for record");
        assert!(e.is_server_wording());
    }

    #[test]
    fn coded_detail_reads_code_and_params() {
        let body = r#"{"detail":{"code":"argilla.api.errors::UnauthorizedError","params":{"detail":"Could not validate credentials"}}}"#;
        let e = ApiError::from_response(401, body);
        assert!(e.is_unauthorized());
        match &e {
            ApiError::Http { code, detail, .. } => {
                assert_eq!(code.as_deref(), Some("argilla.api.errors::UnauthorizedError"));
                assert_eq!(detail.as_deref(), Some("Could not validate credentials"));
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn validation_errors_are_listed_with_their_field() {
        let body = r#"{"detail":{"code":"argilla.api.errors::ValidationError","params":{"errors":[
            {"type":"missing","loc":["body","username"],"msg":"Field required"},
            {"type":"missing","loc":["body","password"],"msg":"Field required"}]}}}"#;
        let e = ApiError::from_response(422, body);
        assert_eq!(e.field_errors().len(), 2);
        assert_eq!(e.field_errors()[0].loc, vec!["body", "username"]);
        assert_eq!(
            e.user_message(),
            "The server refused the request: username: Field required; password: Field required"
        );
    }

    #[test]
    fn fastapi_list_detail_is_understood() {
        let body = r#"{"detail":[{"loc":["body",0],"msg":"bad","type":"x"}]}"#;
        let e = ApiError::from_response(422, body);
        assert_eq!(e.field_errors()[0].loc, vec!["body", "0"]);
    }

    #[test]
    fn forbidden_is_a_permission_message() {
        let body = r#"{"detail":{"code":"argilla.api.errors::ForbiddenOperationError","params":{"detail":"Operation not allowed"}}}"#;
        assert_eq!(
            ApiError::from_response(403, body).user_message(),
            "You don't have permission to do this."
        );
    }

    #[test]
    fn html_error_pages_are_not_shown_raw() {
        let e = ApiError::from_response(502, "<html><body>Bad gateway</body></html>");
        assert_eq!(e.user_message(), "The server had a problem (HTTP 502). Try again in a moment.");
        assert!(!e.is_server_wording());
        assert!(e.is_transient());
    }

    #[test]
    fn server_errors_and_network_are_transient_but_client_errors_are_not() {
        assert!(ApiError::Network("x".into()).is_transient());
        assert!(ApiError::from_response(500, "{}").is_transient());
        assert!(!ApiError::from_response(422, r#"{"detail":"no"}"#).is_transient());
        assert!(!ApiError::from_response(401, "{}").is_transient());
    }

    #[test]
    fn only_the_servers_bare_words_are_its_wording() {
        let with_detail = |status, body| ApiError::from_response(status, body);
        assert!(with_detail(404, r#"{"detail":"Dataset with id `x` not found"}"#).is_server_wording());
        assert!(with_detail(400, "plain text").is_server_wording());
        let coded_500 = r#"{"detail":{"code":"argilla.api.errors::GenericServerError","params":{"detail":"boom"}}}"#;
        assert_eq!(with_detail(500, coded_500).user_message(), "The server had a problem (HTTP 500): boom. Try again in a moment.");
        assert!(!with_detail(500, coded_500).is_server_wording(), "the app's sentence around it");
        assert!(!with_detail(401, coded_500).is_server_wording());
        assert!(!with_detail(403, coded_500).is_server_wording());
        assert!(!with_detail(409, "").is_server_wording());
        assert_eq!(with_detail(409, "").user_message(), "The request failed (HTTP 409).");
        assert!(!ApiError::Network("x".into()).is_server_wording());
    }

    #[test]
    fn unknown_route_gets_a_not_found_sentence() {
        let e = ApiError::from_response(404, r#"{"detail":"Not Found"}"#);
        assert_eq!(e.user_message(), "Not found. It may have been deleted.");
        assert!(!e.is_server_wording());
    }
}

//! The two frontends under test: where each is served, its page model (DOM
//! predicates, in JavaScript) and the keys a person uses to move between
//! questions.

use crate::webdriver::{DOWN, SHIFT, TAB, UP};

/// Where the same server serves this app, beside Argilla's own UI at `/`.
pub const LITE_PATH: &str = "/lite";

pub struct Frontend {
    /// Short id used in file names and JSON: `lite` or `argilla`.
    pub id: &'static str,
    pub label: &'static str,
    /// Origin plus path prefix, no trailing slash.
    pub base: String,
    pub page_model: &'static str,
    pub username_css: &'static str,
    pub password_css: &'static str,
    pub submit_css: &'static str,
    pub next_question: &'static [&'static str],
    pub previous_question: &'static [&'static str],
    /// Keys that put the focus on the form when nothing in it has focus;
    /// None when number keys already answer the first question.
    pub activate_form: Option<&'static [&'static str]>,
}

/// Served by the same argilla-server: Argilla's own UI at `/`, ours under `LITE_PATH`.
pub fn both(origin: &str) -> [Frontend; 2] {
    [
        Frontend {
            id: "lite",
            label: "argilla-lite",
            base: format!("{origin}{LITE_PATH}"),
            page_model: include_str!("pages/lite.js"),
            username_css: "#username",
            password_css: "#password",
            submit_css: "form.sign-in-form button[type=submit]",
            // Tab moves through the focusable parts of the form, question by question.
            next_question: &[TAB],
            previous_question: &[SHIFT, TAB],
            activate_form: None,
        },
        Frontend {
            id: "argilla",
            label: "Argilla 2.8.0 UI",
            base: origin.to_owned(),
            page_model: include_str!("pages/argilla.js"),
            username_css: "input[name=Username]",
            password_css: "input[name=Password]",
            submit_css: "form.form button[type=submit]",
            // Its shortcuts: ↓/↑ between questions, Tab between labels, Tab activates the form.
            next_question: &[DOWN],
            previous_question: &[UP],
            activate_form: Some(&[TAB]),
        },
    ]
}

impl Frontend {
    pub fn sign_in_url(&self) -> String {
        format!("{}/sign-in", self.base)
    }

    pub fn dataset_url(&self, dataset_id: &str) -> String {
        format!("{}/dataset/{dataset_id}/annotation-mode", self.base)
    }

    /// The instrumentation script with this frontend's page model in it.
    pub fn probe(&self) -> String {
        include_str!("probe.js").replace("const ui = UI;", &format!("const ui = {};", self.page_model.trim()))
    }
}

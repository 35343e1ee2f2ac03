//! The two frontends under test: where each is served, its page model (DOM
//! predicates, in JavaScript) and the keys a person uses to move between
//! questions.

use crate::webdriver::{DOWN, RETURN, SHIFT, TAB, UP};

/// One thing a person does: click the element matching the CSS selector
/// (and, if given, showing exactly this text), or type into it.
pub enum Step {
    Click(String, Option<String>),
    Type(String, String),
}

fn click(css: &str, text: Option<&str>) -> Step {
    Step::Click(css.to_owned(), text.map(str::to_owned))
}

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
    /// A text search for a word, ending with Enter.
    pub search: fn(&str) -> Vec<Step>,
    /// Opening the filter of a terms metadata property, by its title.
    pub open_filter: fn(&str) -> Vec<Step>,
    /// Choosing one of the values the open filter lists.
    pub apply_filter: fn(&str) -> Vec<Step>,
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
            search: |word| vec![Step::Type("input.find-text".into(), format!("{word}{RETURN}"))],
            // Typing an option's first letters into the list picks it, as a person does from the keyboard.
            open_filter: |title| vec![Step::Type("select.add-filter".into(), title.to_owned())],
            apply_filter: |value| vec![click(&format!(".terms-list input[data-value=\"{value}\"]"), None)],
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
            // The search box opens from its icon (the first one: the others search labels).
            search: |word| vec![click(".search-area__icon", None), Step::Type("input.search-area__input".into(), format!("{word}{RETURN}"))],
            open_filter: |title| {
                vec![click(".filter-button__button", Some("Filters")), click(".dropdown__header", Some("Metadata")), click("button.category__item", Some(title))]
            },
            apply_filter: |value| vec![click(".labels-selector__item", Some(value))],
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

    /// Focus-mode page `n` (1-based) of the Pending queue: both UIs keep it in the URL.
    pub fn far_page_url(&self, dataset_id: &str, n: usize) -> String {
        format!("{}?status=pending&page={n}", self.dataset_url(dataset_id))
    }

    /// The instrumentation script with this frontend's page model in it.
    pub fn probe(&self) -> String {
        include_str!("probe.js").replace("const ui = UI;", &format!("const ui = {};", self.page_model.trim()))
    }
}

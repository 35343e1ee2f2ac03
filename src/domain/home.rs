//! The home page's list: which datasets to show, in what order, and the
//! URL query that keeps that view shareable (`?workspaces=a,b&q=x&sort=name-asc`).

use crate::text::lowercase;
use crate::api::types::{Dataset, FieldSettings};
use crate::i18n::{k, t};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    Name,
    #[default]
    LastActivity,
    Created,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HomeView {
    /// Workspace names to keep; empty means all.
    pub workspaces: Vec<String>,
    pub search: String,
    pub sort: SortBy,
    pub descending: bool,
}

impl Default for HomeView {
    fn default() -> Self {
        HomeView { workspaces: vec![], search: String::new(), sort: SortBy::LastActivity, descending: true }
    }
}

impl HomeView {
    /// Reads the view from URL query parameters; unknown values fall back to defaults.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> HomeView {
        let mut view = HomeView::default();
        if let Some(list) = get("workspaces") {
            view.workspaces = list.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect();
        }
        view.search = get("q").unwrap_or_default();
        if let Some(sort) = get("sort") {
            let (key, dir) = sort.split_once('-').unwrap_or((sort.as_str(), ""));
            let parsed = match key {
                "name" => Some(SortBy::Name),
                "activity" => Some(SortBy::LastActivity),
                "created" => Some(SortBy::Created),
                _ => None,
            };
            if let Some(by) = parsed {
                view.sort = by;
                view.descending = match dir {
                    "asc" => false,
                    "desc" => true,
                    _ => by != SortBy::Name,
                };
            }
        }
        view
    }

    /// The query parameters for this view; defaults are left out to keep URLs short.
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut out = vec![];
        if !self.workspaces.is_empty() {
            out.push(("workspaces", self.workspaces.join(",")));
        }
        if !self.search.is_empty() {
            out.push(("q", self.search.clone()));
        }
        if (self.sort, self.descending) != (SortBy::LastActivity, true) {
            let key = match self.sort {
                SortBy::Name => "name",
                SortBy::LastActivity => "activity",
                SortBy::Created => "created",
            };
            out.push(("sort", format!("{key}-{}", if self.descending { "desc" } else { "asc" })));
        }
        out
    }

    /// The datasets to show, filtered and sorted. `workspace_name` maps a workspace id to its name.
    pub fn apply<'a>(&self, datasets: &'a [Dataset], workspace_name: impl Fn(&str) -> String) -> Vec<&'a Dataset> {
        let needle = lowercase(self.search.trim());
        // Each name lower-cased once, for the search and the sort.
        let mut shown: Vec<(String, &Dataset)> = datasets
            .iter()
            .filter(|d| self.workspaces.is_empty() || self.workspaces.contains(&workspace_name(&d.workspace_id)))
            .map(|d| (lowercase(&d.name), d))
            .filter(|(name, _)| name.contains(&needle))
            .collect();
        shown.sort_by(|(a_name, a), (b_name, b)| {
            let ord = match self.sort {
                SortBy::Name => a_name.cmp(b_name),
                SortBy::LastActivity => activity(a).cmp(activity(b)),
                SortBy::Created => a.inserted_at.cmp(&b.inserted_at),
            };
            let ord = ord.then_with(|| a.name.cmp(&b.name));
            if self.descending {
                ord.reverse()
            } else {
                ord
            }
        });
        shown.into_iter().map(|(_, d)| d).collect()
    }
}

fn activity(d: &Dataset) -> &Option<String> {
    if d.last_activity_at.is_some() {
        &d.last_activity_at
    } else {
        &d.updated_at
    }
}

/// How many datasets each workspace has (by name), for the filter's counts.
pub fn workspace_counts(datasets: &[Dataset], workspace_name: impl Fn(&str) -> String) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for d in datasets {
        *counts.entry(workspace_name(&d.workspace_id)).or_insert(0) += 1;
    }
    counts
}

/// Whole-number percentage, 0 for an empty dataset.
pub fn percent(part: u64, total: u64) -> u64 {
    (part.min(total) * 100).checked_div(total).unwrap_or(0)
}

/// "2026-11-22T13:07:16.999503" -> "2026-11-22 13:07".
pub fn short_date(timestamp: &str) -> String {
    let t = timestamp.replace('T', " ");
    t.chars().take(16).collect()
}

/// Cards, or one dense row per dataset for people with hundreds of them;
/// kept per browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    #[default]
    Cards,
    Table,
}

impl Layout {
    pub const STORAGE_KEY: &'static str = "argilla-lite.home-layout";

    pub fn parse(stored: Option<&str>) -> Layout {
        if stored == Some("table") {
            Layout::Table
        } else {
            Layout::Cards
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Layout::Cards => "cards",
            Layout::Table => "table",
        }
    }
}

/// A short name of the field type, for a chip.
pub fn field_type_label(settings: &FieldSettings) -> &'static str {
    t(match settings {
        FieldSettings::Text { .. } => k::home::field_text,
        FieldSettings::Image => k::home::field_image,
        FieldSettings::Chat { .. } => k::home::field_chat,
        FieldSettings::Custom { .. } => k::home::field_custom,
        FieldSettings::Unknown => k::home::field_other,
    })
}

/// Each label once, in the order first seen.
pub fn distinct(labels: impl IntoIterator<Item = &'static str>) -> Vec<&'static str> {
    let mut seen = vec![];
    for label in labels {
        if !seen.contains(&label) {
            seen.push(label);
        }
    }
    seen
}

/// What "Import from Python" shows: connect with this user's key, then
/// create a dataset (in `workspace`, else the SDK's default) and log records.
pub fn import_snippet(api_url: &str, api_key: &str, workspace: Option<&str>) -> String {
    let connect = crate::domain::account::python_snippet(api_url, api_key);
    let workspace = workspace.map(|w| format!("workspace={}, ", serde_json::Value::from(w))).unwrap_or_default();
    format!(
        "{connect}\nsettings = rg.Settings(\n    guidelines=\"Classify the reviews as positive or negative.\",\n    fields=[rg.TextField(name=\"review\")],\n    questions=[rg.LabelQuestion(name=\"sentiment\", labels=[\"positive\", \"negative\"])],\n)\ndataset = rg.Dataset(name=\"my-first-dataset\", {workspace}settings=settings, client=client)\ndataset.create()\n\ndataset.records.log([{{\"review\": \"Great food, friendly staff.\"}}, {{\"review\": \"Cold and late.\"}}])\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::types::DatasetStatus;
    use std::collections::HashMap;

    fn ds(name: &str, ws: &str, created: &str, activity: &str) -> Dataset {
        Dataset {
            id: name.into(),
            name: name.into(),
            guidelines: None,
            status: DatasetStatus::Ready,
            workspace_id: ws.into(),
            last_activity_at: Some(activity.into()),
            inserted_at: Some(created.into()),
            updated_at: None,
        }
    }

    fn names(list: &[&Dataset]) -> Vec<String> {
        list.iter().map(|d| d.name.clone()).collect()
    }

    fn sample() -> (Vec<Dataset>, HashMap<&'static str, &'static str>) {
        let data = vec![
            ds("beta", "w1", "2026-01-02", "2026-03-01"),
            ds("Alpha", "w2", "2026-01-03", "2026-02-01"),
            ds("gamma", "w1", "2026-01-01", "2026-04-01"),
        ];
        (data, HashMap::from([("w1", "team"), ("w2", "private")]))
    }

    #[test]
    fn query_round_trip() {
        let view = HomeView {
            workspaces: vec!["team".into(), "other ws".into()],
            search: "alp".into(),
            sort: SortBy::Name,
            descending: false,
        };
        let query: HashMap<_, _> = view.to_query().into_iter().collect();
        let back = HomeView::from_query(|k| query.get(k).cloned());
        assert_eq!(back, view);
    }

    #[test]
    fn default_view_has_an_empty_query_and_bad_values_fall_back() {
        assert!(HomeView::default().to_query().is_empty());
        let v = HomeView::from_query(|k| (k == "sort").then(|| "bogus-up".to_owned()));
        assert_eq!(v, HomeView::default());
    }

    #[test]
    fn filter_by_workspace_and_search() {
        let (data, ws) = sample();
        let name = |id: &str| ws[id].to_owned();
        let view = HomeView { workspaces: vec!["team".into()], ..Default::default() };
        assert_eq!(names(&view.apply(&data, name)), ["gamma", "beta"]);
        let view = HomeView { search: "ALP".into(), ..Default::default() };
        assert_eq!(names(&view.apply(&data, name)), ["Alpha"]);
    }

    #[test]
    fn sorts_in_both_directions() {
        let (data, ws) = sample();
        let name = |id: &str| ws[id].to_owned();
        let mut view = HomeView { sort: SortBy::Name, descending: false, ..Default::default() };
        assert_eq!(names(&view.apply(&data, name)), ["Alpha", "beta", "gamma"]);
        view.descending = true;
        assert_eq!(names(&view.apply(&data, name)), ["gamma", "beta", "Alpha"]);
        view.sort = SortBy::Created;
        assert_eq!(names(&view.apply(&data, name)), ["Alpha", "beta", "gamma"]);
        view.sort = SortBy::LastActivity;
        view.descending = false;
        assert_eq!(names(&view.apply(&data, name)), ["Alpha", "beta", "gamma"]);
    }

    #[test]
    fn counts_per_workspace() {
        let (data, ws) = sample();
        let counts = workspace_counts(&data, |id| ws[id].to_owned());
        assert_eq!(counts["team"], 2);
        assert_eq!(counts["private"], 1);
    }

    #[test]
    fn layout_is_cards_unless_table_was_chosen() {
        assert_eq!(Layout::parse(None), Layout::Cards);
        assert_eq!(Layout::parse(Some("bogus")), Layout::Cards);
        assert_eq!(Layout::parse(Some(Layout::Table.key())), Layout::Table);
    }

    #[test]
    fn type_chips_list_each_type_once_in_order() {
        let fields = [FieldSettings::Text { use_markdown: false }, FieldSettings::Image, FieldSettings::Text { use_markdown: true }];
        assert_eq!(distinct(fields.iter().map(field_type_label)), ["Text", "Image"]);
    }

    #[test]
    fn import_snippet_connects_with_the_users_key_then_creates_and_logs() {
        let code = import_snippet("http://127.0.0.1:6900/api", "owner.apikey", Some("team \"a\""));
        assert!(code.starts_with("import argilla as rg\n"), "{code}");
        assert!(code.contains("rg.Dataset(name=\"my-first-dataset\", workspace=\"team \\\"a\\\"\", settings=settings"), "{code}");
        assert!(import_snippet("u", "k", None).contains("rg.Dataset(name=\"my-first-dataset\", settings=settings"));
        assert!(code.contains("rg.Argilla(api_url=\"http://127.0.0.1:6900/api\", api_key=\"owner.apikey\")"), "{code}");
        assert!(code.contains("dataset.create()") && code.contains("dataset.records.log("), "{code}");
    }

    #[test]
    fn percent_never_divides_by_zero() {
        assert_eq!(percent(0, 0), 0);
        assert_eq!(percent(5, 0), 0);
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(7, 5), 100);
    }
}

//! The large dataset, where argilla #4287 says "filter and sort take too long
//! to show": opening it, a page far into the queue, a text search, and a
//! metadata filter (opening it, then choosing a value). Each result the page
//! shows is checked against the API, so a fast wrong answer does not count.

use crate::page::Page;
use harness::Api;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// A place named in one record of five (`dataset::PLACES`).
const SEARCH_WORD: &str = "Nairobi";
/// A terms metadata property (its title and name) and a value one record in four has.
const FILTER_TITLE: &str = "Source";
const FILTER_PROPERTY: &str = "source";
const FILTER_VALUE: &str = "news";

/// `api` is the visiting annotator's: the queue is theirs.
pub fn measure(page: &Page, api: &Api, dataset_id: &str, records: usize, v: &mut BTreeMap<&'static str, f64>) -> harness::Result<()> {
    let frontend = page.frontend;
    let label = frontend.label;
    let url = frontend.dataset_url(dataset_id);
    v.insert("large_open_ms", page.load(&url, "recordReady")?.interactive_ms);

    // The server's order of equal records is not stable from one request to
    // the next, so the check is the position and count the page shows.
    let far = (records * 3 / 4).max(1);
    let total = pending(api, dataset_id, json!({}), vec![])?;
    let load = page.load(&frontend.far_page_url(dataset_id, far), "recordReady")?;
    let shown = page.ui("position()")?;
    if shown != json!([far, total]) {
        return Err(format!("{label}: page {far} of {total} shows position {shown}"));
    }
    v.insert("large_far_page_ms", load.interactive_ms);

    page.load(&url, "recordReady")?;
    let matching = pending(api, dataset_id, json!({"text": {"q": SEARCH_WORD}}), vec![])?;
    let holds = format!("ui.total() === {matching} && ui.recordReady() && ui.recordText().includes({})", json!(SEARCH_WORD));
    v.insert("large_search_ms", page.time_steps(&(frontend.search)(SEARCH_WORD), &holds)?);

    page.load(&url, "recordReady")?;
    let holds = format!("ui.filterValueShown({})", json!(FILTER_VALUE));
    v.insert("large_filter_open_ms", page.time_steps(&(frontend.open_filter)(FILTER_TITLE), &holds)?);
    let filter = json!({"type": "terms", "scope": {"entity": "metadata", "metadata_property": FILTER_PROPERTY}, "values": [FILTER_VALUE]});
    let matching = pending(api, dataset_id, json!({}), vec![filter])?;
    let holds = format!("ui.total() === {matching} && ui.recordReady()");
    let ms = page.time_steps(&(frontend.apply_filter)(FILTER_VALUE), &holds)?;
    let shown = page.ui("recordKey()")?;
    // By id through the search: argilla-server 2.8's GET /records/{id} fails for records with vectors.
    let by_id = json!({"type": "terms", "scope": {"entity": "record", "property": "id"}, "values": [shown]});
    let found = api.post(&format!("/me/datasets/{dataset_id}/records/search?limit=1"), json!({"query": {}, "filters": {"and": [by_id]}}))?;
    let value = &found["items"][0]["record"]["metadata"][FILTER_PROPERTY];
    if value != FILTER_VALUE {
        return Err(format!("{label}: the filter shows record {shown}, whose {FILTER_PROPERTY} is {value}"));
    }
    v.insert("large_filter_apply_ms", ms);
    Ok(())
}

/// The size of the Pending queue for this query and filters.
fn pending(api: &Api, dataset_id: &str, query: Value, mut filters: Vec<Value>) -> harness::Result<u64> {
    filters.push(json!({"type": "terms", "scope": {"entity": "response", "property": "status"}, "values": ["pending"]}));
    let found = api.post(
        &format!("/me/datasets/{dataset_id}/records/search?limit=1"),
        json!({"query": query, "filters": {"and": filters}}),
    )?;
    found["total"].as_u64().ok_or_else(|| "no total in the search answer".into())
}

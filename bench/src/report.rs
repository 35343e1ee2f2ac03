//! What is reported: each metric's medians and ranges for both frontends, the
//! ratio ours/theirs, and whether the target is met; as a terminal
//! table, Markdown and JSON.

use crate::frontend::Frontend;
use crate::page::Transfer;
use crate::stats::Summary;
use crate::visit::Visit;
use serde_json::{json, Value};

pub enum Target {
    /// ours/theirs of the medians at most this.
    RatioAtMost(f64),
    /// Ours at most this in every run.
    OursAtMost(f64),
}

pub struct Metric {
    pub key: &'static str,
    /// `{n}` stands for the number of records annotated.
    pub label: &'static str,
    pub unit: &'static str,
    pub decimals: usize,
    pub target: Option<Target>,
}

const fn metric(key: &'static str, label: &'static str, unit: &'static str, decimals: usize, target: Option<Target>) -> Metric {
    Metric { key, label, unit, decimals, target }
}

pub const METRICS: &[Metric] = &[
    metric("bytes_cold_kb", "Bytes on the wire until the first record is answerable, cold cache", "KB", 0, Some(Target::RatioAtMost(0.5))),
    metric("requests_cold", "Network requests until then, cold cache", "", 0, None),
    metric("bytes_warm_kb", "Bytes on the wire until then, warm cache", "KB", 1, None),
    metric("requests_warm", "Network requests until then, warm cache (revalidations included)", "", 0, None),
    metric("first_record_cold_ms", "Navigation to the dataset → first record answerable, cold cache", "ms", 0, Some(Target::RatioAtMost(0.5))),
    metric("first_record_warm_ms", "Navigation to the dataset → first record answerable, warm cache", "ms", 0, Some(Target::RatioAtMost(0.5))),
    metric("slow_first_record_cold_ms", "Over a slow link*: navigation to the dataset → first record answerable, cold cache", "ms", 0, Some(Target::RatioAtMost(0.5))),
    metric("slow_first_record_warm_ms", "Over a slow link*: the same, warm cache", "ms", 0, None),
    metric("sign_in_bytes_cold_kb", "Bytes on the wire until the sign-in page is interactive, cold cache", "KB", 0, Some(Target::RatioAtMost(1.0 / 3.0))),
    metric("sign_in_cold_ms", "Navigation → sign-in page interactive, cold cache", "ms", 0, Some(Target::RatioAtMost(1.0 / 3.0))),
    metric("sign_in_warm_ms", "Navigation → sign-in page interactive, warm cache", "ms", 0, None),
    metric("slow_sign_in_cold_ms", "Over a slow link*: navigation → sign-in page interactive, cold cache", "ms", 0, None),
    metric("slow_sign_in_warm_ms", "Over a slow link*: the same, warm cache", "ms", 0, None),
    metric("large_open_ms", "Large dataset**: navigation → first record answerable (warm cache)", "ms", 0, None),
    metric("large_far_page_ms", "Large dataset**: navigation to page ¾ of the way → that record answerable", "ms", 0, None),
    metric("large_search_ms", "Large dataset**: text search, Enter → first match answerable, count shown", "ms", 0, None),
    metric("large_filter_open_ms", "Large dataset**: opening a metadata filter, click → its values listed", "ms", 0, None),
    metric("large_filter_apply_ms", "Large dataset**: choosing a value, click → first match answerable, count shown", "ms", 0, None),
    metric("annotate_total_s", "Annotating {n} records by keyboard: total time", "s", 1, None),
    metric("client_ms_per_record", "Client main-thread time per record (server waits excluded)", "ms", 1, Some(Target::RatioAtMost(1.0 / 3.0))),
    metric("client_ms_per_shown", "  the same per record shown (records shown again count each time)", "ms", 1, None),
    metric("client_cpu_ms_per_record", "Client main-thread CPU time per record", "ms", 1, None),
    metric("script_ms_per_record", "  task time in JavaScript/WebAssembly", "ms", 1, None),
    metric("layout_and_style_ms_per_record", "  task time in style and layout", "ms", 1, None),
    metric("submit_to_next_ms", "Enter → next record answerable (median of {n})", "ms", 0, None),
    metric("api_requests_per_record", "API requests per record", "", 2, None),
    metric("writes_per_record", "Write requests per submitted record", "", 2, Some(Target::OursAtMost(1.0))),
    metric("shown_again", "Submitted records shown again in the Pending queue", "", 0, None),
    metric("reentered", "Submits refused because a pressed answer had not stuck", "", 0, None),
    metric("big_interactive_ms", "1 MB text field: navigation → record interactive (warm cache)", "ms", 0, None),
    metric("big_longest_task_ms", "1 MB text field: longest main-thread task or frame", "ms", 0, Some(Target::OursAtMost(200.0))),
    metric("js_heap_mb", "JS heap after {n} records (after GC)", "MB", 1, None),
    metric("wasm_mb", "WASM linear memory after {n} records", "MB", 1, None),
    metric("memory_mb", "JS heap + WASM memory after {n} records", "MB", 1, None),
    metric("dom_nodes", "DOM nodes after {n} records", "", 0, None),
];

pub struct Row {
    pub metric: &'static Metric,
    pub ours: Summary,
    pub theirs: Summary,
}

pub fn rows(ours: &[Visit], theirs: &[Visit]) -> Vec<Row> {
    let summary = |visits: &[Visit], key| Summary::of(visits.iter().filter_map(|v| v.values.get(key).copied()).collect());
    METRICS
        .iter()
        .map(|metric| Row { metric, ours: summary(ours, metric.key), theirs: summary(theirs, metric.key) })
        .collect()
}

impl Row {
    pub fn ratio(&self) -> Option<f64> {
        (self.theirs.median > 0.0 && self.ours.median.is_finite()).then(|| self.ours.median / self.theirs.median)
    }

    pub fn met(&self) -> Option<bool> {
        match self.metric.target.as_ref()? {
            Target::RatioAtMost(limit) => self.ratio().map(|r| r <= *limit),
            Target::OursAtMost(limit) => Some(self.ours.max <= *limit),
        }
    }

    pub fn target_text(&self) -> String {
        match &self.metric.target {
            Some(Target::RatioAtMost(limit)) if (*limit - 1.0 / 3.0).abs() < 1e-9 => "ratio ≤ 1/3".into(),
            Some(Target::RatioAtMost(limit)) => format!("ratio ≤ {limit}"),
            Some(Target::OursAtMost(limit)) => format!("ours ≤ {limit} {}in every run", unit_space(self.metric.unit)),
            None => String::new(),
        }
    }

    pub fn label(&self, annotated: usize) -> String {
        let label = self.metric.label.replace("{n}", &annotated.to_string());
        if self.metric.unit.is_empty() { label } else { format!("{label} ({})", self.metric.unit) }
    }

    fn value(&self, s: &Summary) -> String {
        let d = self.metric.decimals;
        if s.values.is_empty() {
            return "—".into();
        }
        format!("{:.d$} [{:.d$}–{:.d$}]", s.median, s.min, s.max)
    }

    fn ratio_text(&self) -> String {
        self.ratio().map(|r| format!("{r:.2}×")).unwrap_or_else(|| "—".into())
    }

    fn verdict(&self) -> &'static str {
        match self.met() {
            Some(true) => "met",
            Some(false) => "MISSED",
            None => "",
        }
    }
}

fn unit_space(unit: &str) -> String {
    if unit.is_empty() { String::new() } else { format!("{unit} ") }
}

/// Facts about the run, as (name, value) lines.
pub type About = Vec<(String, String)>;

pub fn terminal(rows: &[Row], about: &About, annotated: usize) -> String {
    let table: Vec<[String; 5]> = rows
        .iter()
        .map(|r| [r.label(annotated), r.value(&r.ours), r.value(&r.theirs), r.ratio_text(), format!("{} {}", r.target_text(), r.verdict())])
        .collect();
    let header = ["metric (median [min–max])".to_owned(), "argilla-lite".into(), "Argilla UI".into(), "ours/theirs".into(), "target".into()];
    let mut widths = [0; 5];
    for line in std::iter::once(&header).chain(&table) {
        for (w, cell) in widths.iter_mut().zip(line) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let format_line = |cells: &[String; 5]| {
        let padded: Vec<String> = cells.iter().zip(widths).map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count()))).collect();
        padded.join("  ").trim_end().to_owned()
    };
    let mut out: String = about.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
    out.push('\n');
    out.push_str(&format_line(&header));
    out.push('\n');
    out.push_str(&"-".repeat(widths.iter().sum::<usize>() + 8));
    out.push('\n');
    for line in &table {
        out.push_str(&format_line(line));
        out.push('\n');
    }
    out
}

/// Each visit's errors, as "frontend, repetition n: error".
pub fn problems(frontends: &[Frontend; 2], results: &[Vec<Visit>; 2]) -> Vec<String> {
    let mut out = vec![];
    for (frontend, visits) in frontends.iter().zip(results) {
        for (i, visit) in visits.iter().enumerate() {
            for error in &visit.errors {
                let short: String = error.chars().take(400).collect();
                out.push(format!("{}, repetition {}: {short}", frontend.label, i + 1));
            }
        }
    }
    out
}

pub fn markdown(rows: &[Row], about: &About, annotated: usize, largest: &[(&str, &[Transfer])], problems: &[String]) -> String {
    let mut out = String::from("# argilla-lite vs Argilla 2.8.0's UI\n\n");
    for (k, v) in about {
        out.push_str(&format!("- **{k}**: {v}\n"));
    }
    out.push_str("\nMedian [min–max] over the repetitions; ratio = ours/theirs of the medians.\n\n");
    out.push_str("| Metric | argilla-lite | Argilla UI | ours/theirs | Target |\n|---|---:|---:|---:|---|\n");
    for r in rows {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            r.label(annotated),
            r.value(&r.ours),
            r.value(&r.theirs),
            r.ratio_text(),
            match r.met() {
                Some(true) => format!("{} — **met**", r.target_text()),
                Some(false) => format!("{} — **missed**", r.target_text()),
                None => String::new(),
            }
        ));
    }
    out.push_str("\n## Largest transfers of a cold load (first repetition)\n\n| Frontend | Path | On the wire (KB) | Decoded (KB) |\n|---|---|---:|---:|\n");
    for (frontend, list) in largest {
        for t in list.iter() {
            out.push_str(&format!("| {frontend} | `{}` | {:.1} | {:.1} |\n", t.path, t.wire / 1024.0, t.decoded / 1024.0));
        }
    }
    if !problems.is_empty() {
        out.push_str("\n## Problems met (those parts of a visit were not measured)\n\n");
        for problem in problems {
            out.push_str(&format!("- {problem}\n"));
        }
    }
    out.push_str("\n![ratios](ratios.svg)\n");
    out
}

pub fn json(rows: &[Row], about: &About, ours: &[Visit], theirs: &[Visit]) -> Value {
    let summary = |s: &Summary| json!({"median": s.median, "min": s.min, "max": s.max, "values": s.values});
    let visits = |list: &[Visit]| -> Vec<Value> {
        let transfers = |v: &Visit| -> Vec<Value> {
            v.largest.iter().map(|t| json!({"path": t.path, "wire_bytes": t.wire, "decoded_bytes": t.decoded})).collect()
        };
        list.iter().map(|v| json!({"values": v.values, "largest_cold_transfers": transfers(v), "errors": v.errors})).collect()
    };
    json!({
        "about": about.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect::<serde_json::Map<_, _>>(),
        "metrics": rows.iter().map(|r| json!({
            "key": r.metric.key,
            "label": r.metric.label,
            "unit": r.metric.unit,
            "argilla_lite": summary(&r.ours),
            "argilla_ui": summary(&r.theirs),
            "ratio": r.ratio(),
            "target": r.target_text(),
            "met": r.met(),
        })).collect::<Vec<_>>(),
        "runs": {"argilla_lite": visits(ours), "argilla_ui": visits(theirs)},
    })
}

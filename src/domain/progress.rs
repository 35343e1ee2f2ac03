//! Progress as stacked bars: how many answers are submitted, draft,
//! discarded or still pending, as parts of one whole; and each annotator's
//! answers from `GET /datasets/{id}/users/progress`.

use crate::api::types::ResponseCounts;
use crate::i18n::{k, number, tf};
use serde_json::Value;

/// One coloured part of a stacked bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// submitted, draft, discarded, pending (or completed): also its CSS class.
    pub status: &'static str,
    pub count: u64,
    /// Share of the bar's whole, 0–100.
    pub percent: f64,
}

/// The non-empty parts of `parts`, each with its share of `whole` (at least
/// their sum, so a bar never overflows).
pub fn segments(parts: &[(&'static str, u64)], whole: u64) -> Vec<Segment> {
    let whole = whole.max(parts.iter().map(|p| p.1).sum());
    parts
        .iter()
        .filter(|(_, count)| *count > 0)
        .map(|&(status, count)| Segment { status, count, percent: (count as f64 * 1000.0 / whole as f64).round() / 10.0 })
        .collect()
}

/// Someone's own answers: submitted, draft, discarded, pending.
pub fn response_segments(c: &ResponseCounts) -> Vec<Segment> {
    segments(&[("submitted", c.submitted), ("draft", c.draft), ("discarded", c.discarded), ("pending", c.pending)], 0)
}

/// "4 submitted · 1 draft · 0 discarded · 7 pending", in the reader's language.
pub fn response_summary(c: &ResponseCounts) -> String {
    let n = |count: u64| number(count as f64);
    tf(
        k::home::answers_summary,
        &[("submitted", &n(c.submitted)), ("draft", &n(c.draft)), ("discarded", &n(c.discarded)), ("pending", &n(c.pending))],
    )
}

/// One annotator's answers, over completed and pending records together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnotatorProgress {
    pub username: String,
    pub submitted: u64,
    pub draft: u64,
    pub discarded: u64,
}

impl AnnotatorProgress {
    pub fn total(&self) -> u64 {
        self.submitted + self.draft + self.discarded
    }

    /// Parts of a bar whose whole is `longest` (the busiest annotator), so bars compare.
    pub fn segments(&self, longest: u64) -> Vec<Segment> {
        segments(&[("submitted", self.submitted), ("draft", self.draft), ("discarded", self.discarded)], longest)
    }
}

/// `{"users": [{"username", "completed": {submitted, discarded, draft}, "pending": {...}}]}`
/// → busiest annotator first, then by name.
pub fn annotators(users_progress: &Value) -> Vec<AnnotatorProgress> {
    let count = |user: &Value, status: &str| {
        ["completed", "pending"].iter().map(|part| user[part][status].as_u64().unwrap_or(0)).sum::<u64>()
    };
    let mut all: Vec<AnnotatorProgress> = users_progress["users"]
        .as_array()
        .map(|users| {
            users
                .iter()
                .map(|u| AnnotatorProgress {
                    username: u["username"].as_str().unwrap_or_default().to_owned(),
                    submitted: count(u, "submitted"),
                    draft: count(u, "draft"),
                    discarded: count(u, "discarded"),
                })
                .collect()
        })
        .unwrap_or_default();
    all.sort_by(|a, b| b.total().cmp(&a.total()).then_with(|| a.username.cmp(&b.username)));
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn segments_skip_empty_parts_and_share_the_whole() {
        let c = ResponseCounts { total: 10, submitted: 5, draft: 0, discarded: 1, pending: 4 };
        let parts = response_segments(&c);
        let shares: Vec<(&str, u64, f64)> = parts.iter().map(|s| (s.status, s.count, s.percent)).collect();
        assert_eq!(shares, [("submitted", 5, 50.0), ("discarded", 1, 10.0), ("pending", 4, 40.0)]);
        assert_eq!(response_summary(&c), "5 submitted · 0 draft · 1 discarded · 4 pending");
    }

    #[test]
    fn segments_round_to_tenths_and_never_overflow() {
        let parts = segments(&[("completed", 1), ("pending", 2)], 3);
        assert_eq!(parts.iter().map(|s| s.percent).collect::<Vec<_>>(), [33.3, 66.7]);
        // A whole smaller than its parts (counts read at different moments) grows to fit.
        let parts = segments(&[("completed", 3), ("pending", 1)], 2);
        assert_eq!(parts.iter().map(|s| s.percent).collect::<Vec<_>>(), [75.0, 25.0]);
        assert!(segments(&[("pending", 0)], 0).is_empty(), "an empty dataset has no bar parts and no division by zero");
    }

    #[test]
    fn annotators_add_completed_and_pending_records_and_busiest_come_first() {
        let progress = json!({"users": [
            {"username": "bea", "completed": {"submitted": 1, "discarded": 0, "draft": 0}, "pending": {"submitted": 0, "discarded": 0, "draft": 1}},
            {"username": "annotator", "completed": {"submitted": 4, "discarded": 0, "draft": 0}, "pending": {"submitted": 0, "discarded": 1, "draft": 0}},
            {"username": "al", "completed": {"submitted": 2}, "pending": {}}
        ]});
        let all = annotators(&progress);
        let rows: Vec<(&str, u64, u64, u64)> = all.iter().map(|a| (a.username.as_str(), a.submitted, a.draft, a.discarded)).collect();
        assert_eq!(rows, [("annotator", 4, 0, 1), ("al", 2, 0, 0), ("bea", 1, 1, 0)]);
        // Bars are scaled to the busiest annotator's five answers.
        let bea = all[2].segments(all[0].total());
        assert_eq!(bea.iter().map(|s| (s.status, s.percent)).collect::<Vec<_>>(), [("submitted", 20.0), ("draft", 20.0)]);
        assert!(annotators(&json!({})).is_empty());
    }
}

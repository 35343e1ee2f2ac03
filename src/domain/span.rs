//! Span annotation over a text field: words to move over by keyboard, and the
//! segments to draw highlighted spans without the CSS Custom Highlight API.

use super::form::Span;

/// Words and single punctuation marks, as `(start, end)` character offsets.
pub fn tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = vec![];
    let mut word_start: Option<usize> = None;
    let mut count = 0;
    for (i, c) in text.chars().enumerate() {
        count = i + 1;
        if c.is_alphanumeric() || c == '_' || c == '\'' {
            word_start.get_or_insert(i);
            continue;
        }
        if let Some(s) = word_start.take() {
            out.push((s, i));
        }
        if !c.is_whitespace() {
            out.push((i, i + 1));
        }
    }
    if let Some(s) = word_start {
        out.push((s, count));
    }
    out
}

/// A piece of the text with the labels of the spans covering it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub labels: Vec<String>,
}

/// Cuts `0..len` at every span boundary.
pub fn segments(len: usize, spans: &[Span]) -> Vec<Segment> {
    let mut cuts: Vec<usize> = vec![0, len];
    for s in spans {
        cuts.push(s.start.min(len));
        cuts.push(s.end.min(len));
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .filter(|w| w[0] < w[1])
        .map(|w| Segment {
            start: w[0],
            end: w[1],
            labels: spans.iter().filter(|s| s.start <= w[0] && s.end >= w[1]).map(|s| s.label.clone()).collect(),
        })
        .collect()
}

/// The characters `start..end` of `text`.
pub fn char_slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end.saturating_sub(start)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_words_and_punctuation() {
        let t = tokens("Ada visited Paris, then Tokyo.");
        assert_eq!(t, vec![(0, 3), (4, 11), (12, 17), (17, 18), (19, 23), (24, 29), (29, 30)]);
        assert_eq!(tokens("é😀x"), vec![(0, 1), (1, 2), (2, 3)]);
        assert!(tokens("   ").is_empty());
    }

    #[test]
    fn segments_cut_at_every_boundary() {
        let spans = vec![
            Span { start: 0, end: 5, label: "A".into() },
            Span { start: 3, end: 8, label: "B".into() },
        ];
        let segs = segments(10, &spans);
        assert_eq!(
            segs,
            vec![
                Segment { start: 0, end: 3, labels: vec!["A".into()] },
                Segment { start: 3, end: 5, labels: vec!["A".into(), "B".into()] },
                Segment { start: 5, end: 8, labels: vec!["B".into()] },
                Segment { start: 8, end: 10, labels: vec![] },
            ]
        );
        assert_eq!(segments(4, &[]), vec![Segment { start: 0, end: 4, labels: vec![] }]);
        assert_eq!(segments(0, &[]), vec![]);
    }

    #[test]
    fn slices_by_characters() {
        assert_eq!(char_slice("a😀bc", 1, 3), "😀b");
    }
}

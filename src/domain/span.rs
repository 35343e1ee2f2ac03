//! Span annotation over a text field: words to move over by keyboard, and the
//! segments to draw highlighted spans without the CSS Custom Highlight API.

use super::form::Span;

/// Words, emoji and single punctuation marks, as `(start, end)` character offsets.
pub fn tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = vec![];
    let mut word_start: Option<usize> = None;
    let mut emoji = Emoji::default();
    let mut count = 0;
    for (i, c) in text.chars().enumerate() {
        count = i + 1;
        if emoji.takes(c) {
            continue;
        }
        if let Some(s) = emoji.start.take() {
            out.push((s, i));
        }
        if is_pictographic(c) {
            if let Some(s) = word_start.take() {
                out.push((s, i));
            }
            emoji = Emoji { start: Some(i), flag_half: is_regional(c), joined: false };
            continue;
        }
        if c.is_alphanumeric() || c == '_' || c == '\'' {
            word_start.get_or_insert(i);
            continue;
        }
        if word_start.is_some() && continues_word(c) {
            continue;
        }
        if let Some(s) = word_start.take() {
            out.push((s, i));
        }
        if !c.is_whitespace() {
            out.push((i, i + 1));
        }
    }
    if let Some(s) = word_start.or(emoji.start) {
        out.push((s, count));
    }
    out
}

/// A mouse selection `start..end` widened to the whole words (and emoji) it touches, as
/// Argilla selects them: a sloppy drag still labels whole words. `words` in text order.
pub fn snap_to_words(words: &[(usize, usize)], start: usize, end: usize) -> (usize, usize) {
    let first = words.partition_point(|w| w.1 <= start);
    let start = words.get(first).filter(|w| w.0 < end).map_or(start, |w| w.0.min(start));
    let last = words.partition_point(|w| w.0 < end);
    let end = last.checked_sub(1).and_then(|i| words.get(i)).filter(|w| w.1 > start).map_or(end, |w| w.1.max(end));
    (start, end)
}

/// An emoji being read: a family (👨‍👩‍👧), a skin tone (👍🏽) or a flag (🇩🇪) is one token,
/// so a number key never labels half of one.
#[derive(Default)]
struct Emoji {
    start: Option<usize>,
    /// A first regional indicator: the next one makes the flag.
    flag_half: bool,
    /// After a zero-width joiner: the next pictograph belongs to this one.
    joined: bool,
}

impl Emoji {
    fn takes(&mut self, c: char) -> bool {
        if self.start.is_none() {
            return false;
        }
        let u = c as u32;
        if u == 0x200D {
            self.joined = true;
            return true;
        }
        if matches!(u, 0xFE0F | 0x20E3 | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F) {
            return true;
        }
        if std::mem::take(&mut self.joined) && is_pictographic(c) {
            return true;
        }
        if std::mem::take(&mut self.flag_half) && is_regional(c) {
            return true;
        }
        false
    }
}

fn is_regional(c: char) -> bool {
    matches!(c as u32, 0x1F1E6..=0x1F1FF)
}

/// Emoji and other pictographs (most of Unicode's Extended_Pictographic).
fn is_pictographic(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B50..=0x2B55 | 0x231A..=0x231B | 0x23E9..=0x23FA)
}

/// A mark or joiner that belongs to the letter before it though it is no letter
/// itself: combining accents (decomposed "é"), a virama or nukta in Indic
/// scripts, Thai tone marks, zero-width joiners, variation selectors.
pub fn continues_word(c: char) -> bool {
    let u = c as u32;
    let combining = matches!(u, 0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F
        | 0x0670 | 0x06D6..=0x06ED | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x200C | 0x200D | 0x20D0..=0x20FF
        | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F | 0xE0100..=0xE01EF);
    // South and South-East Asian scripts: what is neither a letter, a digit nor their
    // punctuation (danda, Thai and Myanmar section marks, Khmer signs) is a mark.
    let brahmic = matches!(u, 0x0900..=0x0DFF | 0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF)
        && !c.is_whitespace()
        && !matches!(u, 0x0964 | 0x0965 | 0x0970 | 0x0DF4 | 0x0E2F | 0x0E4F | 0x0E5A | 0x0E5B | 0x104A..=0x104F | 0x17D4..=0x17DA);
    combining || brahmic
}

/// A piece of the text with the labels of the spans covering it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub labels: Vec<String>,
    /// Of those, the spans that end with this piece (a span's label is shown once, at its end).
    pub ending: Vec<String>,
}

/// Cuts `0..len` at every span boundary.
pub fn segments(len: usize, spans: &[Span]) -> Vec<Segment> {
    segments_within(0, len, spans)
}

/// Cuts `start..end` at every span boundary inside it.
pub fn segments_within(start: usize, end: usize, spans: &[Span]) -> Vec<Segment> {
    let mut cuts: Vec<usize> = vec![start, end];
    for s in spans {
        cuts.push(s.start.clamp(start, end));
        cuts.push(s.end.clamp(start, end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    // One sweep: the spans open over each piece, in their own order (a search can mark
    // tens of thousands of matches in a long text; asking every span for every piece froze it).
    let mut by_start: Vec<usize> = (0..spans.len()).filter(|&i| spans[i].start < spans[i].end).collect();
    by_start.sort_by_key(|&i| spans[i].start);
    let (mut next, mut open) = (0, Vec::<usize>::new());
    let mut out = vec![];
    for w in cuts.windows(2).filter(|w| w[0] < w[1]) {
        while let Some(&i) = by_start.get(next).filter(|&&i| spans[i].start <= w[0]) {
            open.insert(open.binary_search(&i).unwrap_or_else(|at| at), i);
            next += 1;
        }
        open.retain(|&i| spans[i].end >= w[1]);
        let labels = open.iter().map(|&i| spans[i].label.clone()).collect();
        let ending = open.iter().filter(|&&i| spans[i].end == w[1]).map(|&i| spans[i].label.clone()).collect();
        out.push(Segment { start: w[0], end: w[1], labels, ending });
    }
    out
}

/// The characters `start..end` of `text`.
pub fn char_slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end.saturating_sub(start)).collect()
}

/// The text under each span, at most `max` characters of it, in one walk over the text
/// (a field can be megabytes and carry many spans).
pub fn excerpts(text: &str, spans: &[Span], max: usize) -> Vec<String> {
    let ends = |s: &Span| (s.start, s.end.max(s.start).min(s.start.saturating_add(max)));
    let mut wanted: Vec<usize> = spans.iter().flat_map(|s| { let (a, b) = ends(s); [a, b] }).collect();
    wanted.sort_unstable();
    wanted.dedup();
    // Character offset → byte offset, for the offsets wanted; past the end, the end.
    let mut bytes = std::collections::HashMap::with_capacity(wanted.len());
    let mut next = wanted.iter().peekable();
    for (i, (at, _)) in text.char_indices().chain(std::iter::once((text.len(), ' '))).enumerate() {
        while next.peek().is_some_and(|&&w| w <= i) {
            bytes.insert(*next.next().unwrap_or(&0), at);
        }
        if next.peek().is_none() {
            break;
        }
    }
    let byte = |c: usize| bytes.get(&c).copied().unwrap_or(text.len());
    spans.iter().map(|s| { let (a, b) = ends(s); text[byte(a)..byte(b)].to_owned() }).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_selection_snaps_to_the_words_it_touches() {
        let text = "Ada Lovelace met Alan, in 1843 😀!";
        let words = tokens(text);
        let snap = |a, b| {
            let (s, e) = snap_to_words(&words, a, b);
            char_slice(text, s, e)
        };
        assert_eq!(snap(5, 8), "Lovelace", "inside one word");
        assert_eq!(snap(2, 6), "Ada Lovelace", "across two");
        assert_eq!(snap(0, 3), "Ada", "a whole word stays");
        assert_eq!(snap(18, 21), "Alan", "the end of a word");
        assert_eq!(snap(19, 22), "Alan,", "a punctuation mark is a word of its own");
        let family = "hi 👨\u{200d}👩\u{200d}👧 there";
        let family_words = tokens(family);
        let (s, e) = snap_to_words(&family_words, 5, 6);
        assert_eq!(char_slice(family, s, e), "👨\u{200d}👩\u{200d}👧", "an emoji is one, joined ones too");
        let words = tokens("a  b");
        assert_eq!(snap_to_words(&words, 1, 3), (1, 3), "only spaces: nothing to widen to");
    }

    use super::*;

    #[test]
    fn a_block_is_cut_as_the_whole_text_is_there() {
        let span = |start, end, label: &str| Span { start, end, label: label.into() };
        let spans = [span(2, 12, "a"), span(8, 9, "b"), span(20, 30, "c")];
        let whole = segments(40, &spans);
        let blocks: Vec<Segment> = [(0, 10), (10, 25), (25, 40)].iter().flat_map(|&(a, b)| segments_within(a, b, &spans)).collect();
        let joined: Vec<Segment> = into_blocks_flat(&whole, &[10, 25, 40]);
        assert_eq!(blocks, joined);
    }

    /// The whole text's segments cut again at the blocks' ends.
    fn into_blocks_flat(segs: &[Segment], ends: &[usize]) -> Vec<Segment> {
        crate::domain::long_text::into_blocks(segs.to_vec(), ends).concat()
    }

    #[test]
    fn excerpts_are_the_characters_under_each_span() {
        let text = "Ada 😀 visited Zürich.";
        let span = |start, end| Span { start, end, label: "x".into() };
        let spans = [span(14, 20), span(0, 3), span(4, 5), span(6, 21), span(19, 40), span(3, 2)];
        assert_eq!(excerpts(text, &spans, 60), ["Zürich", "Ada", "😀", "visited Zürich.", "h.", ""]);
        assert_eq!(excerpts(text, &spans[..1], 3), ["Zür"], "at most max characters");
        for s in &spans[..4] {
            assert_eq!(excerpts(text, std::slice::from_ref(s), 60)[0], char_slice(text, s.start, s.end));
        }
    }

    #[test]
    fn tokens_are_words_and_punctuation() {
        let t = tokens("Ada visited Paris, then Tokyo.");
        assert_eq!(t, vec![(0, 3), (4, 11), (12, 17), (17, 18), (19, 23), (24, 29), (29, 30)]);
        assert_eq!(tokens("é😀x"), vec![(0, 1), (1, 2), (2, 3)]);
        assert!(tokens("   ").is_empty());
    }

    #[test]
    fn marks_and_joiners_stay_in_their_word() {
        // "café" with a combining accent, then Hindi with a virama (हिन्दी), then a danda.
        let text = "cafe\u{301} \u{939}\u{93f}\u{928}\u{94d}\u{926}\u{940}\u{964}";
        assert_eq!(tokens(text), vec![(0, 5), (6, 12), (12, 13)]);
        // A family emoji joined by zero-width joiners after a word, and a flag-free emoji alone.
        assert_eq!(tokens("ok\u{200d}x 😀"), vec![(0, 4), (5, 6)]);
        assert_eq!(tokens("\u{301}a"), vec![(0, 1), (1, 2)], "a mark with no letter before it stands alone");
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
                Segment { start: 0, end: 3, labels: vec!["A".into()], ending: vec![] },
                Segment { start: 3, end: 5, labels: vec!["A".into(), "B".into()], ending: vec!["A".into()] },
                Segment { start: 5, end: 8, labels: vec!["B".into()], ending: vec!["B".into()] },
                Segment { start: 8, end: 10, labels: vec![], ending: vec![] },
            ]
        );
        assert_eq!(segments(4, &[]), vec![Segment { start: 0, end: 4, labels: vec![], ending: vec![] }]);
        assert_eq!(segments(0, &[]), vec![]);
    }

    #[test]
    fn slices_by_characters() {
        assert_eq!(char_slice("a😀bc", 1, 3), "😀b");
    }

    #[test]
    fn pieces_carry_the_labels_of_every_span_over_them_in_the_spans_order() {
        // A fixed pseudo-random mix: overlapping, nested, empty, reversed and outside spans.
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((seed >> 33) % n) as usize
        };
        let spans: Vec<Span> = (0..300).map(|i| Span { start: next(120), end: next(120), label: format!("L{i}") }).collect();
        for (start, end) in [(0, 100), (10, 60), (95, 100)] {
            let brute: Vec<Segment> = {
                let mut cuts: Vec<usize> = vec![start, end];
                cuts.extend(spans.iter().flat_map(|s| [s.start.clamp(start, end), s.end.clamp(start, end)]));
                cuts.sort_unstable();
                cuts.dedup();
                cuts.windows(2)
                    .filter(|w| w[0] < w[1])
                    .map(|w| {
                        let over = || spans.iter().filter(|s| s.start <= w[0] && s.end >= w[1]);
                        let ending = over().filter(|s| s.end == w[1]).map(|s| s.label.clone()).collect();
                        Segment { start: w[0], end: w[1], labels: over().map(|s| s.label.clone()).collect(), ending }
                    })
                    .collect()
            };
            assert_eq!(segments_within(start, end, &spans), brute, "{start}..{end}");
        }
    }

    #[test]
    fn an_emoji_family_a_skin_tone_and_a_flag_are_one_token_each() {
        let text = "👨\u{200d}👩\u{200d}👧 👍🏽 🇩🇪🇫🇷 ok👋";
        assert_eq!(tokens(text), [(0, 5), (6, 8), (9, 11), (11, 13), (14, 16), (16, 17)]);
    }
}

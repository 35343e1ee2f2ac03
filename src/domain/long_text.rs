//! A very long text is drawn as blocks the browser lays out only when they
//! come near the screen (`content-visibility: auto`): a 1 MB record would
//! otherwise be laid out whole, in one frame of a third of a second.

use super::span::Segment;

/// Texts up to this many characters are drawn as one block, exactly as written.
pub const ONE_BLOCK_MAX: usize = 20_000;
/// About how many characters a block of a long text holds.
const BLOCK: usize = 6_000;

/// Where the blocks of `text` end, as character offsets (the last is its length).
/// A block ends after a line break when there is one in its second half, else
/// after a sentence, else after a space, so a cut rarely falls mid-sentence.
pub fn block_ends(text: &[char]) -> Vec<usize> {
    if text.len() <= ONE_BLOCK_MAX {
        return vec![text.len()];
    }
    let mut ends = vec![];
    let mut start = 0;
    while text.len() - start > BLOCK {
        let window = start + BLOCK / 2..start + BLOCK;
        let after = |found: Option<usize>| found.map(|i| i + 1);
        let end = after(text[window.clone()].iter().rposition(|&c| c == '\n').map(|i| window.start + i))
            // Chinese and Japanese end a sentence with no space after it.
            .or_else(|| {
                window.clone().rev().find_map(|i| match text[i] {
                    '。' | '！' | '？' => Some(i + 1),
                    // (Not at the very end: that would leave an empty last block.)
                    '.' | '!' | '?' if text[i + 1].is_whitespace() => Some(i + 2).filter(|&end| end < text.len()),
                    _ => None,
                })
            })
            .or_else(|| after(text[window.clone()].iter().rposition(|c| c.is_whitespace()).map(|i| window.start + i)))
            .unwrap_or_else(|| {
                // No break anywhere: cut, but not between a letter and its marks.
                let mut end = window.end;
                while end > window.start && super::span::continues_word(text[end]) {
                    end -= 1;
                }
                end
            });
        ends.push(end);
        start = end;
    }
    ends.push(text.len());
    ends
}

/// `segments` (which cover the text in order) grouped into the blocks ending
/// at `ends`; a segment across a block's end is cut in two.
pub fn into_blocks(segments: Vec<Segment>, ends: &[usize]) -> Vec<Vec<Segment>> {
    let mut blocks: Vec<Vec<Segment>> = ends.iter().map(|_| vec![]).collect();
    let mut block = 0;
    for mut seg in segments {
        while block + 1 < ends.len() && seg.start >= ends[block] {
            block += 1;
        }
        while block + 1 < ends.len() && seg.end > ends[block] {
            blocks[block].push(Segment { start: seg.start, end: ends[block], labels: seg.labels.clone(), ending: vec![] });
            seg.start = ends[block];
            block += 1;
        }
        blocks[block].push(seg);
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::span::segments;
    use crate::domain::form::Span;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn a_text_of_ordinary_length_is_one_block() {
        assert_eq!(block_ends(&chars("A short record.\nTwo lines.")), vec![26]);
        assert_eq!(block_ends(&[]), vec![0]);
        assert_eq!(block_ends(&vec!['x'; ONE_BLOCK_MAX]), vec![ONE_BLOCK_MAX]);
    }

    #[test]
    fn long_text_is_cut_after_lines_then_sentences_then_spaces() {
        let lines = chars(&"word ".repeat(999).chars().chain("end\n".chars()).collect::<String>().repeat(20));
        let ends = block_ends(&lines);
        assert!(ends.len() > 3);
        assert_eq!(*ends.last().unwrap(), lines.len());
        for &end in &ends[..ends.len() - 1] {
            assert_eq!(lines[end - 1], '\n', "cut after a line break at {end}");
        }
        let sentences = chars(&"No line breaks here at all. ".repeat(1_000));
        for &end in &block_ends(&sentences)[..1] {
            assert_eq!((sentences[end - 2], sentences[end - 1]), ('.', ' '));
        }
        let words = chars(&"wordy ".repeat(5_000));
        let ends = block_ends(&words);
        assert!(ends[..ends.len() - 1].iter().all(|&e| words[e - 1] == ' '));
        let solid = vec!['x'; 30_000];
        let ends = block_ends(&solid);
        assert_eq!(ends, vec![6_000, 12_000, 18_000, 24_000, 30_000]);
    }

    #[test]
    fn every_character_is_in_exactly_one_block_in_order() {
        let text = chars(&"Ünïcode 😀 sentence. ".repeat(3_000));
        let ends = block_ends(&text);
        assert!(ends.windows(2).all(|w| w[0] < w[1] && w[1] - w[0] <= BLOCK));
        let spans = vec![Span { start: ends[0] - 3, end: ends[1] + 2, label: "A".into() }];
        let blocks = into_blocks(segments(text.len(), &spans), &ends);
        assert_eq!(blocks.len(), ends.len());
        let mut at = 0;
        for (block, &end) in blocks.iter().zip(&ends) {
            for seg in block {
                assert_eq!(seg.start, at);
                at = seg.end;
            }
            assert_eq!(at, end, "the block ends where it should");
        }
        // The span across two block ends is drawn in three pieces, each labelled.
        let labelled: Vec<(usize, usize)> = blocks.iter().flatten().filter(|s| !s.labels.is_empty()).map(|s| (s.start, s.end)).collect();
        assert_eq!(labelled, vec![(ends[0] - 3, ends[0]), (ends[0], ends[1]), (ends[1], ends[1] + 2)]);
    }

    #[test]
    fn a_long_chinese_or_japanese_text_is_cut_after_a_full_stop_and_never_inside_a_letter() {
        let text: Vec<char> = "これは長い文章です。".repeat(3_000).chars().collect();
        let ends = block_ends(&text);
        assert!(ends.len() > 1);
        for &end in &ends[..ends.len() - 1] {
            assert_eq!(text[end - 1], '。', "cut after a full stop, at {end}");
        }
        // No break at all, and accents written as combining marks: never cut between them.
        let text: Vec<char> = "e\u{301}".repeat(15_000).chars().collect();
        for &end in &block_ends(&text)[..] {
            assert!(end == text.len() || text[end] == 'e', "cut before a mark at {end}");
        }
    }
}

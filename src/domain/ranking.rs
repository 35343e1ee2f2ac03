//! A ranking answer: the options in tiers, best first. Options in one tier share a rank
//! (a tie), as the server, the SDK and Argilla's own UI allow.

/// Tiers of option values, best first; no tier is empty. No tiers: not ranked yet.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ranking(Vec<Vec<String>>);

impl Ranking {
    /// A strict order: one option per rank.
    pub fn in_order<S: Into<String>>(values: impl IntoIterator<Item = S>) -> Ranking {
        Ranking(values.into_iter().map(|v| vec![v.into()]).collect())
    }

    /// From `(rank, value)` pairs: equal ranks make a tie. A missing rank goes last, on its
    /// own, as the server takes it.
    pub fn from_ranks(mut items: Vec<(Option<i64>, String)>) -> Ranking {
        items.sort_by_key(|(rank, _)| rank.unwrap_or(i64::MAX));
        let mut tiers: Vec<(Option<i64>, Vec<String>)> = vec![];
        for (rank, value) in items {
            match tiers.last_mut() {
                Some((last, tier)) if rank.is_some() && *last == rank => tier.push(value),
                _ => tiers.push((rank, vec![value])),
            }
        }
        Ranking(tiers.into_iter().map(|(_, tier)| tier).collect())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.iter().map(Vec::len).sum()
    }

    /// How many ranks there are: options in a tie share one.
    pub fn rank_count(&self) -> usize {
        self.0.len()
    }

    /// Every option, best first.
    pub fn order(&self) -> Vec<String> {
        self.0.iter().flatten().cloned().collect()
    }

    /// `(value, rank)` in order; ranks count tiers from 1, so a tie does not leave a gap.
    pub fn ranks(&self) -> Vec<(String, usize)> {
        self.0.iter().enumerate().flat_map(|(i, tier)| tier.iter().map(move |v| (v.clone(), i + 1))).collect()
    }

    /// The rank of the option at `pos` in [`Ranking::order`].
    pub fn rank_at(&self, pos: usize) -> usize {
        self.place(pos).map_or(pos + 1, |(tier, _)| tier + 1)
    }

    /// The option at `pos` shares its rank with the one above it.
    pub fn tied_with_above(&self, pos: usize) -> bool {
        self.place(pos).is_some_and(|(_, within)| within > 0)
    }

    /// (tier, place within the tier) of the option at `pos`.
    fn place(&self, pos: usize) -> Option<(usize, usize)> {
        let mut seen = 0;
        for (i, tier) in self.0.iter().enumerate() {
            if pos < seen + tier.len() {
                return Some((i, pos - seen));
            }
            seen += tier.len();
        }
        None
    }

    /// Only the question's `options`, each once; those left out follow, each on its own rank,
    /// as the server wants a submitted ranking whole. Nothing rankable stays unranked.
    pub fn completed(self, options: &[String]) -> Ranking {
        let mut seen: Vec<String> = vec![];
        let mut tiers: Vec<Vec<String>> = vec![];
        for tier in self.0 {
            let mut kept = vec![];
            for v in tier {
                if options.contains(&v) && !seen.contains(&v) {
                    seen.push(v.clone());
                    kept.push(v);
                }
            }
            if !kept.is_empty() {
                tiers.push(kept);
            }
        }
        if tiers.is_empty() {
            return Ranking::default();
        }
        let rest: Vec<Vec<String>> = options.iter().filter(|o| !seen.contains(o)).map(|o| vec![o.clone()]).collect();
        tiers.extend(rest);
        Ranking(tiers)
    }

    /// The option at `from` moved by `delta` places (negative: towards the top). It leaves its
    /// tie, and passes a tie whole rather than landing inside it; the others keep theirs.
    pub fn moved(&self, from: usize, delta: isize) -> Ranking {
        let len = self.len();
        let Some((tier, within)) = self.place(from) else { return self.clone() };
        let to = (from as isize + delta).clamp(0, len as isize - 1) as usize;
        if to == from {
            return self.clone();
        }
        let mut tiers = self.0.clone();
        let value = tiers[tier].remove(within);
        if tiers[tier].is_empty() {
            tiers.remove(tier);
        }
        let mut seen = 0;
        let mut at = tiers.len();
        for (i, t) in tiers.iter().enumerate() {
            if to == seen {
                at = i;
                break;
            }
            if to < seen + t.len() {
                at = if delta < 0 { i } else { i + 1 };
                break;
            }
            seen += t.len();
        }
        tiers.insert(at, vec![value]);
        Ranking(tiers)
    }

    /// A number key's placing: the option at `from` goes to place `slot`, after the `slot`
    /// options placed before it, each on a rank of its own (a tie among them ends); the
    /// options after it keep their ties.
    pub fn placed(&self, from: usize, slot: usize) -> Ranking {
        let order = self.order();
        let (Some(value), true) = (order.get(from), slot <= from) else { return self.clone() };
        let before = &order[..slot];
        let mut tiers: Vec<Vec<String>> = before.iter().map(|v| vec![v.clone()]).collect();
        tiers.push(vec![value.clone()]);
        for tier in &self.0 {
            let rest: Vec<String> = tier.iter().filter(|v| *v != value && !before.contains(v)).cloned().collect();
            if !rest.is_empty() {
                tiers.push(rest);
            }
        }
        Ranking(tiers)
    }

    /// The option at `pos` tied with the one above it, or, if it was, ranked below it
    /// (with the rest of the tie after it).
    pub fn tie_toggled(&self, pos: usize) -> Ranking {
        let Some((tier, within)) = self.place(pos) else { return self.clone() };
        let mut tiers = self.0.clone();
        if within > 0 {
            let rest = tiers[tier].split_off(within);
            tiers.insert(tier + 1, rest);
        } else if tier > 0 {
            let value = tiers[tier].remove(0);
            tiers[tier - 1].push(value);
            if tiers[tier].is_empty() {
                tiers.remove(tier);
            }
        }
        Ranking(tiers)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiers(r: &Ranking) -> Vec<Vec<&str>> {
        r.0.iter().map(|t| t.iter().map(String::as_str).collect()).collect()
    }

    #[test]
    fn equal_ranks_are_a_tie_and_a_missing_rank_goes_last_alone() {
        let r = Ranking::from_ranks(vec![(Some(2), "c".into()), (None, "d".into()), (Some(1), "a".into()), (Some(1), "b".into()), (None, "e".into())]);
        assert_eq!(tiers(&r), [vec!["a", "b"], vec!["c"], vec!["d"], vec!["e"]]);
        assert_eq!(r.ranks(), [("a".into(), 1), ("b".into(), 1), ("c".into(), 2), ("d".into(), 3), ("e".into(), 4)]);
        assert_eq!((r.rank_at(1), r.rank_at(2)), (1, 2));
        assert!(r.tied_with_above(1) && !r.tied_with_above(0) && !r.tied_with_above(2));
        assert_eq!((r.len(), r.rank_count()), (5, 4), "five options on four ranks");
        let gap = Ranking::from_ranks(vec![(Some(1), "a".into()), (Some(1), "b".into()), (Some(3), "c".into())]);
        assert_eq!(gap.ranks().last(), Some(&("c".into(), 2)), "Argilla's UI leaves a gap after a tie; it is closed");
    }

    #[test]
    fn completing_keeps_ties_drops_repeats_and_strangers_and_adds_the_rest() {
        let options: Vec<String> = ["x", "y", "z", "w"].map(String::from).into();
        let r = Ranking(vec![vec!["y".into(), "q".into(), "z".into()], vec!["y".into()], vec!["q".into()]]).completed(&options);
        assert_eq!(tiers(&r), [vec!["y", "z"], vec!["x"], vec!["w"]]);
        assert!(Ranking::in_order(["q"]).completed(&options).is_empty(), "nothing rankable is no answer");
    }

    #[test]
    fn a_move_in_a_strict_order_swaps_places() {
        let r = Ranking::in_order(["x", "y", "z"]);
        assert_eq!(r.moved(2, -1).order(), ["x", "z", "y"]);
        assert_eq!(r.moved(0, -1), r);
        assert_eq!(r.moved(0, 5).order(), ["y", "z", "x"]);
        assert_eq!(r.moved(9, 1), r);
    }

    #[test]
    fn a_move_leaves_a_tie_and_passes_a_tie_whole() {
        let r = Ranking(vec![vec!["a".into(), "b".into()], vec!["c".into()]]);
        assert_eq!(tiers(&r.moved(1, -1)), [vec!["b"], vec!["a"]].into_iter().chain([vec!["c"]]).collect::<Vec<_>>());
        assert_eq!(tiers(&r.moved(0, 1)), [vec!["b"], vec!["a"], vec!["c"]]);
        assert_eq!(tiers(&r.moved(2, -1)), [vec!["c"], vec!["a", "b"]], "over the tie, which stays");
        let r = Ranking(vec![vec!["c".into()], vec!["a".into(), "b".into()]]);
        assert_eq!(tiers(&r.moved(0, 1)), [vec!["a", "b"], vec!["c"]]);
    }

    #[test]
    fn number_keys_place_in_the_order_pressed_even_through_a_tie() {
        // Suggested: c and a tied first, then b. Pressed: c, b, a.
        let r = Ranking(vec![vec!["c".into(), "a".into()], vec!["b".into()]]);
        let r = r.placed(0, 0);
        assert_eq!(tiers(&r), [vec!["c"], vec!["a"], vec!["b"]], "c first, on its own");
        let r = r.placed(2, 1);
        assert_eq!(tiers(&r), [vec!["c"], vec!["b"], vec!["a"]]);
        assert_eq!(r.rank_at(1), 2);
        let tied_after = Ranking(vec![vec!["a".into()], vec!["b".into()], vec!["c".into(), "d".into()]]);
        assert_eq!(tiers(&tied_after.placed(1, 0)), [vec!["b"], vec!["a"], vec!["c", "d"]], "a tie further down stays");
        assert_eq!(tied_after.placed(0, 1), tied_after, "already placed: nothing changes");
    }

    #[test]
    fn a_tie_is_made_with_the_option_above_and_undone_the_same_way() {
        let r = Ranking::in_order(["a", "b", "c", "d"]);
        let tied = r.tie_toggled(2);
        assert_eq!(tiers(&tied), [vec!["a"], vec!["b", "c"], vec!["d"]]);
        let three = tied.tie_toggled(3);
        assert_eq!(tiers(&three), [vec!["a"], vec!["b", "c", "d"]]);
        assert_eq!(tiers(&three.tie_toggled(2)), [vec!["a"], vec!["b"], vec!["c", "d"]], "the rest of the tie goes with it");
        assert_eq!(tied.tie_toggled(2), r);
        assert_eq!(r.tie_toggled(0), r, "the first has nothing above");
    }
}

//! Finding a row label that its key phrases miss: a typo or an OCR slip in the very words
//! the phrases are made of (`本机关不掌提相关政府信息`). Used only as a fallback, between the rows
//! found exactly before and after it, so a loose match cannot wander off.

use crate::contract;

/// Share of a label's character pairs a stretch of text must contain to count as that label.
const MIN_SCORE: f64 = 0.6;

/// The stretch of `text[from..to]` most like `label` (normalised), if one is like enough:
/// its start and end byte offsets.
///
/// Each stretch is as long as the label (shorter at the end of the text) and scores the
/// share of the label's distinct character pairs it contains; the first of the best scores
/// wins. The window slides one character at a time keeping a count of each label pair in it,
/// so the search takes time in proportion to the text, whatever the label's length: a
/// document that repeats a row's words thousands of times is searched from many places.
pub fn fuzzy(text: &str, label: &str, from: usize, to: usize) -> Option<(usize, usize)> {
    let want: Vec<char> = contract::strip_numbering(&contract::normalize_label(label))
        .chars()
        .collect();
    if want.len() < 4 {
        return None;
    }
    // The label's distinct pairs; a label is a few dozen characters, so a list is quickest.
    let mut pairs: Vec<(char, char)> = Vec::with_capacity(want.len());
    for w in want.windows(2) {
        if !pairs.contains(&(w[0], w[1])) {
            pairs.push((w[0], w[1]));
        }
    }
    let hay = text.get(from..to.min(text.len()))?;
    let chars: Vec<(usize, char)> = hay.char_indices().collect();
    let n = chars.len();
    let w = want.len();
    // The label pair (if any) that starts at each character of the text.
    let pair_at: Vec<Option<usize>> = (0..n)
        .map(|i| {
            let next = chars.get(i + 1)?.1;
            pairs.iter().position(|p| *p == (chars[i].1, next))
        })
        .collect();
    let mut count = vec![0u32; pairs.len()];
    let mut seen = 0usize;
    // The pairs counted start at `lo..hi`; a window `start..end` holds those at start..end-1.
    let (mut lo, mut hi) = (0usize, 0usize);
    let mut best: Option<(usize, usize, usize)> = None;
    for start in 0..n {
        let end = (start + w).min(n);
        if end - start < 2 {
            break;
        }
        while hi < end - 1 {
            if let Some(p) = pair_at[hi] {
                count[p] += 1;
                seen += usize::from(count[p] == 1);
            }
            hi += 1;
        }
        while lo < start {
            if let Some(p) = pair_at[lo] {
                count[p] -= 1;
                seen -= usize::from(count[p] == 0);
            }
            lo += 1;
        }
        let score = seen as f64 / pairs.len() as f64;
        if score >= MIN_SCORE && best.is_none_or(|b| seen > b.0) {
            let end_byte = chars.get(end).map_or(hay.len(), |c| c.0);
            best = Some((seen, from + chars[start].0, from + end_byte));
        }
    }
    best.map(|b| (b.1, b.2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashSet;

    #[test]
    fn a_slip_in_the_key_words_is_still_found() {
        let text = contract::normalize_label(
            "（三）不予公开 1.本机关不掌提相关政府信息 46 0 2.没有现成信息需要另行制作",
        );
        let (s, _) = fuzzy(&text, "本机关不掌握相关政府信息", 0, text.len()).unwrap();
        assert!(text[s..].starts_with("本机关不掌提"), "{}", &text[s..]);
        assert_eq!(fuzzy(&text, "要求提供公开出版物", 0, text.len()), None);
    }

    /// The search as first written: every stretch's pairs collected afresh, in time the
    /// text's length times the label's. The sliding count must find the same stretch.
    fn fuzzy_by_sets(text: &str, label: &str, from: usize, to: usize) -> Option<(usize, usize)> {
        let want: Vec<char> = contract::strip_numbering(&contract::normalize_label(label))
            .chars()
            .collect();
        if want.len() < 4 {
            return None;
        }
        let pairs: HashSet<(char, char)> = want.windows(2).map(|w| (w[0], w[1])).collect();
        let hay = text.get(from..to.min(text.len()))?;
        let chars: Vec<(usize, char)> = hay.char_indices().collect();
        let w = want.len();
        let mut best: Option<(f64, usize, usize)> = None;
        for start in 0..chars.len() {
            let end = (start + w).min(chars.len());
            if end - start < 2 {
                break;
            }
            let mut seen = HashSet::new();
            for p in chars[start..end].windows(2) {
                let pair = (p[0].1, p[1].1);
                if pairs.contains(&pair) {
                    seen.insert(pair);
                }
            }
            let score = seen.len() as f64 / pairs.len() as f64;
            if score >= MIN_SCORE && best.is_none_or(|b| score > b.0) {
                let end_byte = chars.get(end).map_or(hay.len(), |c| c.0);
                best = Some((score, from + chars[start].0, from + end_byte));
            }
        }
        best.map(|b| (b.1, b.2))
    }

    /// Text made of a label's own characters (and a few others), so that near matches,
    /// repeated pairs and ties are common.
    fn text_like(label: &'static str) -> impl Strategy<Value = String> {
        let mut alphabet: Vec<char> = label.chars().collect();
        alphabet.extend(['政', '府', '信', '息', ' ', '1', 'x']);
        prop::collection::vec(prop::sample::select(alphabet), 0..120)
            .prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn the_sliding_count_finds_what_the_sets_found(
            label in prop::sample::select(vec![
                "本机关不掌握相关政府信息",
                "上年结转政府信息公开申请数量",
                "要求提供公开出版物",
                "重复申请",
                "政府信息政府信息",
            ]),
            text in text_like("本机关不掌握相关政府信息上年结转申请数量重复出版物"),
            from in 0usize..400,
            len in 0usize..400,
        ) {
            let to = from + len;
            prop_assert_eq!(fuzzy(&text, label, from, to), fuzzy_by_sets(&text, label, from, to));
            let whole = text.len();
            prop_assert_eq!(fuzzy(&text, label, 0, whole), fuzzy_by_sets(&text, label, 0, whole));
        }
    }

    #[test]
    fn a_long_text_is_searched_in_time_proportional_to_it() {
        // 200,000 characters of the label's words: the set-per-stretch search took seconds.
        let text = "政府信息公开申请数量".repeat(20_000);
        let started = std::time::Instant::now();
        let found = fuzzy(&text, "上年结转政府信息公开申请数量", 0, text.len());
        assert!(found.is_some());
        let took = started.elapsed();
        assert!(took < std::time::Duration::from_millis(500), "{took:?}");
    }
}

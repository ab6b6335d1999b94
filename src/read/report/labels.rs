//! Finding a row label that its key phrases miss: a typo or an OCR slip in the very words
//! the phrases are made of (`本机关不掌提相关政府信息`). Used only as a fallback, between the rows
//! found exactly before and after it, so a loose match cannot wander off.

use crate::contract;
use std::collections::HashSet;

/// Share of a label's character pairs a stretch of text must contain to count as that label.
const MIN_SCORE: f64 = 0.6;

/// The stretch of `text[from..to]` most like `label` (normalised), if one is like enough:
/// its start and end byte offsets.
pub fn fuzzy(text: &str, label: &str, from: usize, to: usize) -> Option<(usize, usize)> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slip_in_the_key_words_is_still_found() {
        let text = contract::normalize_label(
            "（三）不予公开 1.本机关不掌提相关政府信息 46 0 2.没有现成信息需要另行制作",
        );
        let (s, _) = fuzzy(&text, "本机关不掌握相关政府信息", 0, text.len()).unwrap();
        assert!(text[s..].starts_with("本机关不掌提"), "{}", &text[s..]);
        assert_eq!(fuzzy(&text, "要求提供公开出版物", 0, text.len()), None);
    }
}

//! The labels of a token stream joined into one text, searched by key phrase: where a row's
//! phrase is printed, which token a place in the text falls in, and the value tokens between
//! two places.

use super::token::{Kind, Tok};
use super::vocab::{APPEALS_HEAD, REQUESTS};
use crate::contract;

/// The labels' normalised text joined, and where each label token starts in it.
pub(super) struct Index {
    pub(super) text: String,
    starts: Vec<(usize, usize)>,
    /// The source's lines, when the tokens are of space-aligned text (`Origin::Line(n)` is
    /// `lines[n - 1]`), for placing numbers by the header's positions; empty otherwise.
    pub(super) lines: Vec<String>,
    /// A partial reading: a 表三 row or 表四 that cannot be read is listed in
    /// `Tables::unread` instead of failing the tables (`partial.rs`).
    pub(super) partial: bool,
}

impl Index {
    pub(super) fn new(toks: &[Tok]) -> Index {
        let mut text = String::new();
        let mut starts = Vec::new();
        let headers = header_rows(toks);
        for (i, t) in toks.iter().enumerate() {
            if t.kind == Kind::Label && !headers.contains(&t.row) {
                starts.push((text.len(), i));
                text.push_str(&contract::normalize_label(&t.text));
            }
        }
        Index {
            text,
            starts,
            lines: Vec::new(),
            partial: false,
        }
    }

    /// Earliest position of any of `keys` in `from..to`, and the end of that match.
    pub(super) fn find(&self, keys: &[&str], from: usize, to: usize) -> Option<(usize, usize)> {
        let hay = self.text.get(from..to.min(self.text.len()))?;
        keys.iter()
            .filter_map(|k| hay.find(k).map(|p| (from + p, from + p + k.len())))
            .min()
    }

    pub(super) fn rfind(&self, keys: &[&str], to: usize) -> Option<usize> {
        let hay = self.text.get(..to)?;
        keys.iter().filter_map(|k| hay.rfind(k)).max()
    }

    /// The token a text position falls in.
    pub(super) fn tok(&self, pos: usize) -> usize {
        let i = self.starts.partition_point(|(s, _)| *s <= pos);
        self.starts[i.saturating_sub(1)].1
    }

    /// Where a label token starts in the text.
    pub(super) fn start_of(&self, tok: usize) -> Option<usize> {
        let i = self.starts.partition_point(|(_, t)| *t < tok);
        self.starts
            .get(i)
            .filter(|(_, t)| *t == tok)
            .map(|(s, _)| *s)
    }

    /// The first token at or after a text position (the end of the stream past the end).
    pub(super) fn tok_from(&self, pos: usize, len: usize) -> usize {
        if pos >= self.text.len() {
            return len;
        }
        self.tok(pos)
    }
}

/// 表三's column headings, whole and as wrapped in narrow cells.
const HEADER_WORDS: &[&str] = &[
    "本列数据的勾稽关系为第一项加第二项之和等于第三项加第四项之和",
    "申请人情况",
    "法人或其他组织",
    "社会公益组织",
    "法律服务机构",
    "商业企业",
    "科研机构",
    "社会公益",
    "法律服务",
    "自然人",
    "商业企",
    "科研机",
    "商业",
    "企业",
    "科研",
    "机构",
    "组织",
    "其他",
    "总计",
    "业",
    "构",
];
const HEADER_STRONG: &[&str] = &[
    "申请人情况",
    "法人或其他组织",
    "自然人",
    "商业企",
    "科研机",
    "社会公益",
    "法律服务",
];

/// Physical rows that print nothing but 表三's column headings. A PDF repeats them at the top
/// of each page the table runs onto; their 其他 and 总计 are not rows.
fn header_rows(toks: &[Tok]) -> std::collections::HashSet<u32> {
    let mut by_row: std::collections::HashMap<u32, String> = std::collections::HashMap::new();
    let mut has_value = std::collections::HashSet::new();
    for t in toks {
        match t.kind {
            Kind::Label => by_row
                .entry(t.row)
                .or_default()
                .push_str(&contract::normalize_label(&t.text)),
            Kind::Num | Kind::Blank => {
                has_value.insert(t.row);
            }
            Kind::Pad => {}
        }
    }
    by_row
        .into_iter()
        .filter(|(row, text)| {
            if has_value.contains(row) || !HEADER_STRONG.iter().any(|w| text.contains(w)) {
                return false;
            }
            let mut rest = text.clone();
            for w in HEADER_WORDS {
                rest = rest.replace(w, "");
            }
            rest.is_empty()
        })
        .map(|(row, _)| row)
        .collect()
}

/// How many places 表三 is looked for at: each try reads on to the end of the text, so a
/// text repeating the first row's words thousands of times would take time in the square of
/// its length. Real reports print the words once in the table and rarely more than twice in
/// the narrative before it.
pub(super) const MAX_STARTS: usize = 16;

/// Where the first row's phrase is printed, the first [`MAX_STARTS`] of them.
pub(super) struct Starts {
    pub(super) at: Vec<usize>,
    /// Whether it is printed more often than that.
    pub(super) more: bool,
}

impl Index {
    pub(super) fn starts_of_requests(&self) -> Starts {
        let mut at = Vec::new();
        let mut from = 0;
        while let Some((pos, end)) = self.find(REQUESTS[0].1, from, self.text.len()) {
            if at.len() == MAX_STARTS {
                return Starts { at, more: true };
            }
            at.push(pos);
            from = end;
        }
        Starts { at, more: false }
    }
}

/// The value tokens between two text positions, stopping at prose after the first value.
pub(super) fn values_between<'t>(
    toks: &'t [Tok],
    ix: &Index,
    from: usize,
    to: usize,
    stop_at_prose: bool,
) -> Vec<&'t Tok> {
    let a = ix.tok(from);
    let b = ix.tok_from(to, toks.len());
    let mut out = Vec::new();
    for t in &toks[(a + 1).min(b)..b] {
        match t.kind {
            Kind::Label => {
                if stop_at_prose
                    && out.iter().any(|v: &&Tok| v.kind != Kind::Pad)
                    && is_prose(&t.text)
                {
                    break;
                }
            }
            _ => out.push(t),
        }
    }
    out
}

/// Text that is not a 表四 header word: narrative after the last table.
pub(super) fn is_prose(text: &str) -> bool {
    let mut t = contract::normalize_label(text);
    for w in APPEALS_HEAD {
        t = t.replace(w, "");
    }
    t.chars().count() >= 6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_is_told_from_header_words() {
        assert!(!is_prose("结 果 维持 总计"));
        assert!(is_prose("五、存在的主要问题及改进情况"));
    }
}

//! Space-aligned text (`pdftotext -layout`) whose numeric line is short because cells were
//! left blank, with no complete row to take the columns' positions from: the positions of the
//! table's own header words place the numbers.
//!
//! Positions are character columns of the line, as `text.rs` measures them (one per
//! character, a CJK character included: `pdftotext -layout` pads by characters, which the
//! huaian fixture confirms — its header words stand over their numbers only counted that way).
//!
//! A header column is the set of header pieces (runs of non-space text on the lines between
//! the table's heading and its numbers) that overlap horizontally, across lines: `结果` over
//! `维持` is one column. The columns are accepted only when their words, read top to bottom,
//! are exactly the expected headings in order. A number goes to the one column it overlaps by
//! at least half the narrower of the two; a number under no heading, under two, or two
//! numbers under one column is no placement (see `assign` for why nearness is not enough).

use super::cells::Slot;
use super::token::{Kind, Origin, Tok, fold_char};

/// One header column: its character span and its words as read top to bottom.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct HeadCol {
    pub l: usize,
    pub r: usize,
    pub text: String,
}

/// Runs of non-space characters of a line with their inclusive character spans; runs
/// separated by one space are one run (`结 果`).
fn pieces(line: &str) -> Vec<(usize, usize, String)> {
    let chars: Vec<char> = line.chars().map(fold_char).collect();
    let mut out: Vec<(usize, usize, String)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let s = i;
        while i < chars.len() && !chars[i].is_whitespace() {
            i += 1;
        }
        let word: String = chars[s..i].iter().collect();
        match out.last_mut() {
            Some(last) if last.1 + 2 == s => {
                last.1 = i - 1;
                last.2.push_str(&word);
            }
            _ => out.push((s, i - 1, word)),
        }
    }
    out
}

/// The header columns printed on `lines` (top to bottom), leaving out pieces for which `skip`
/// holds (group titles spanning several columns). Columns sorted left to right, each span
/// disjoint from the next, or None.
pub(super) fn head_columns(lines: &[&str], skip: &dyn Fn(&str) -> bool) -> Option<Vec<HeadCol>> {
    let mut all: Vec<(usize, usize, usize, String)> = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        for (l, r, t) in pieces(line) {
            if !skip(&t) {
                all.push((n, l, r, t));
            }
        }
    }
    // Union of pieces on different lines that overlap.
    let mut group: Vec<usize> = (0..all.len()).collect();
    fn root(g: &mut [usize], mut i: usize) -> usize {
        while g[i] != i {
            g[i] = g[g[i]];
            i = g[i];
        }
        i
    }
    for i in 0..all.len() {
        for j in i + 1..all.len() {
            if all[i].0 != all[j].0 && all[i].1 <= all[j].2 && all[j].1 <= all[i].2 {
                let (a, b) = (root(&mut group, i), root(&mut group, j));
                group[a] = b;
            }
        }
    }
    let mut cols: Vec<(usize, HeadCol)> = Vec::new();
    let mut members: Vec<(usize, usize, usize, usize)> = Vec::new();
    for (i, p) in all.iter().enumerate() {
        members.push((root(&mut group, i), p.0, p.1, i));
    }
    members.sort_unstable();
    for (g, _, _, i) in members {
        let (_, l, r, t) = &all[i];
        match cols.iter_mut().find(|c| c.0 == g) {
            Some((_, c)) => {
                c.l = c.l.min(*l);
                c.r = c.r.max(*r);
                c.text.push_str(t);
            }
            None => cols.push((
                g,
                HeadCol {
                    l: *l,
                    r: *r,
                    text: t.clone(),
                },
            )),
        }
    }
    let mut cols: Vec<HeadCol> = cols.into_iter().map(|c| c.1).collect();
    cols.sort_by_key(|c| c.l);
    cols.windows(2).all(|w| w[0].r < w[1].l).then_some(cols)
}

/// The inclusive character spans of the numbers standing alone on `line` (label text left
/// out).
fn number_spans(line: &str) -> Vec<(usize, usize, String)> {
    let chars: Vec<char> = line.chars().map(fold_char).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let s = i;
        while i < chars.len() && !chars[i].is_whitespace() {
            i += 1;
        }
        if chars[s..i].iter().all(char::is_ascii_digit) {
            out.push((s, i - 1, chars[s..i].iter().collect()));
        }
    }
    out
}

/// The numbers of one printed line placed under `cols`: None when the tokens are not the
/// line's standalone numbers (nothing to place by position), `Err` when the positions do not
/// settle them.
fn place_line(
    printed: &[&Tok],
    lines: &[String],
    cols: &[HeadCol],
) -> Option<Result<Vec<Slot>, String>> {
    let first = printed.first()?;
    let Origin::Line(n) = first.origin else {
        return None;
    };
    let one_line = printed
        .iter()
        .all(|t| t.kind == Kind::Num && t.atomic && !t.grid && t.origin == Origin::Line(n));
    let line = lines.get((n as usize).checked_sub(1)?)?;
    let nums = number_spans(line);
    if !one_line
        || nums.len() != printed.len()
        || nums.iter().zip(printed).any(|(a, t)| a.2 != t.text)
    {
        return None;
    }
    let at = match assign(&nums, cols) {
        Ok(at) => at,
        Err(why) => return Some(Err(why)),
    };
    let mut slots = vec![
        Slot {
            text: None,
            origin: first.origin,
        };
        cols.len()
    ];
    for (t, j) in printed.iter().zip(&at) {
        slots[*j] = Slot {
            text: Some(t.text.clone()),
            origin: t.origin,
        };
    }
    Some(Ok(slots))
}

/// A cell's number, a blank read as 0.
fn or_zero(s: &Slot) -> Option<i64> {
    s.text.as_deref().map_or(Some(0), super::values::count)
}

/// 表三's column identities with every blank read as 0 (`settle::columns_hold` leaves an
/// identity with a blank unchecked; a placement by position must meet them all).
pub(super) fn columns_hold_blank_zero(
    defs: &[&'static crate::contract::RowDef],
    rows: &[Vec<Slot>],
) -> bool {
    let zeroed: Vec<Vec<Slot>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|s| Slot {
                    text: Some(s.text.clone().unwrap_or_else(|| "0".into())),
                    origin: s.origin,
                })
                .collect()
        })
        .collect();
    super::settle::columns_hold(defs, &zeroed)
}

/// 表三's column headings, as printed run together.
const REQUEST_HEADS: [&str; 7] = [
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
];

/// Headings over several columns, and the table's title and note: not a column.
fn request_title(t: &str) -> bool {
    [
        "收到和处理",
        "申请人情况",
        "法人或其他组织",
        "勾稽",
        "本列数据",
        "第一项",
        "第三项",
    ]
    .iter()
    .any(|w| t.contains(w))
}

/// 表三 when no row prints all seven cells (a report filling only 自然人 and 总计): every
/// row's numbers placed under the header's columns, found on the lines above the first row's
/// label (`labels[0]`) back to the table's title. Not this case unless every row prints its
/// numbers on one line (or none at all: a blank row) and the header's columns are exactly
/// 表三's seven; each
/// row's six applicant columns, blanks as 0, must add up to its total (the caller checks the
/// columns' identities). `Err(None)`: not this case; `Err(Some((row, why)))`: refused.
pub(super) fn place_requests(
    rows: &[Vec<&Tok>],
    labels: &[Origin],
    lines: &[String],
) -> Result<Vec<Vec<Slot>>, Option<(usize, String)>> {
    let printed: Vec<Vec<&Tok>> = rows
        .iter()
        .map(|v| v.iter().copied().filter(|t| t.kind != Kind::Pad).collect())
        .collect();
    let Some(Origin::Line(first)) = labels.first().copied() else {
        return Err(None);
    };
    let top = (1..first)
        .rev()
        .take(16)
        .find(|n| {
            lines
                .get(*n as usize - 1)
                .is_some_and(|l| l.contains("收到和处理") || l.contains("申请人情况"))
        })
        .ok_or(None)?;
    let head: Vec<&str> = lines[top as usize - 1..first as usize - 1]
        .iter()
        .map(String::as_str)
        .collect();
    let cols = head_columns(&head, &request_title).ok_or(None)?;
    if cols.len() != 7 || cols.iter().zip(REQUEST_HEADS).any(|(c, w)| c.text != w) {
        return Err(None);
    }
    let mut out = Vec::new();
    for (i, r) in printed.iter().enumerate() {
        // A row printing nothing under its label is blank throughout (the columns'
        // identities, blanks as 0, still check it).
        if r.is_empty() {
            let origin = labels.get(i).copied().ok_or(None)?;
            out.push(vec![Slot { text: None, origin }; 7]);
            continue;
        }
        let slots = match place_line(r, lines, &cols) {
            None => return Err(None),
            Some(Err(why)) => return Err(Some((i, why))),
            Some(Ok(s)) => s,
        };
        let six: Option<i64> = slots[..6].iter().map(or_zero).sum();
        if six.is_none() || six != or_zero(&slots[6]) {
            let shown: Vec<&str> = slots
                .iter()
                .map(|s| s.text.as_deref().unwrap_or("·"))
                .collect();
            return Err(Some((
                i,
                format!(
                    "placed under the header's columns it reads [{}] (· blank), whose six applicant columns do not add up to its total",
                    shown.join(", ")
                ),
            )));
        }
        out.push(slots);
    }
    Ok(out)
}

/// Each number of `nums` (inclusive spans) to the index of its column, or why not. A number
/// belongs to the one column it overlaps by at least half the narrower of the two, touching
/// no other. Nearness alone is not enough: the identities cannot tell a number one column off
/// (the six applicant columns, or four results, add up the same in any order), and
/// `pdftotext -layout` shifts a line's numbers by a few characters with its label's width.
pub(super) fn assign(
    nums: &[(usize, usize, String)],
    cols: &[HeadCol],
) -> Result<Vec<usize>, String> {
    let mut out: Vec<usize> = Vec::new();
    for (a, b, text) in nums {
        let over: Vec<usize> = (0..cols.len())
            .filter(|j| *a <= cols[*j].r && cols[*j].l <= *b)
            .collect();
        let j = match over.as_slice() {
            [j] => {
                let c = &cols[*j];
                let shared = (*b).min(c.r) - (*a).max(c.l) + 1;
                let narrower = (b - a + 1).min(c.r - c.l + 1);
                if 2 * shared < narrower {
                    return Err(format!(
                        "{text} at columns {a}–{b} only touches “{}” ({}–{})",
                        c.text, c.l, c.r
                    ));
                }
                *j
            }
            [] => {
                return Err(format!(
                    "{text} at columns {a}–{b} stands under no column heading"
                ));
            }
            many => {
                let names: Vec<&str> = many.iter().map(|j| cols[*j].text.as_str()).collect();
                return Err(format!(
                    "{text} at columns {a}–{b} stands under both “{}”",
                    names.join("” and “")
                ));
            }
        };
        if let Some(k) = out.iter().position(|x| *x == j) {
            return Err(format!(
                "{} and {text} both stand under “{}”",
                nums[k].2, cols[j].text
            ));
        }
        out.push(j);
    }
    Ok(out)
}

/// 表四's header words, per group of five, as printed run together.
const APPEAL_HEADS: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

/// Group titles and the table's heading: printed over several columns, not a column.
fn appeal_title(t: &str) -> bool {
    ["行政复议", "行政诉讼", "起诉", "情况"]
        .iter()
        .any(|w| t.contains(w))
}

/// What the header positions say about 表四's short numeric line.
pub(super) enum Placed {
    /// Not this case: no line of its own, no header to place by.
    NotApplicable,
    Slots(Vec<Slot>),
    Refused(String),
}

/// Places a 表四 numeric line printing fewer than 15 numbers under the header columns on
/// the lines from `head_row` (1-based, the heading's line) to the numbers' line. Accepted
/// only when each group's four results, blanks read as 0, add up to its total (a blank total
/// read as 0 too).
pub(super) fn place_appeals(vals: &[&Tok], lines: &[String], head_row: u32) -> Placed {
    let printed: Vec<&Tok> = vals
        .iter()
        .copied()
        .filter(|t| t.kind != Kind::Pad)
        .collect();
    let Some(first) = printed.first() else {
        return Placed::NotApplicable;
    };
    let Origin::Line(n) = first.origin else {
        return Placed::NotApplicable;
    };
    let one_line = printed
        .iter()
        .all(|t| t.kind == Kind::Num && t.atomic && !t.grid && t.origin == Origin::Line(n));
    if !one_line || printed.len() >= 15 || head_row == 0 || head_row >= n {
        return Placed::NotApplicable;
    }
    let head: Vec<&str> = lines[head_row as usize - 1..n as usize - 1]
        .iter()
        .map(String::as_str)
        .collect();
    let Some(cols) = head_columns(&head, &appeal_title) else {
        return Placed::NotApplicable;
    };
    let want: Vec<&str> = APPEAL_HEADS.iter().cycle().take(15).copied().collect();
    let is_heads = cols.len() == 15
        && cols
            .iter()
            .zip(&want)
            .all(|(c, w)| c.text == *w || (*w == "总计" && c.text == "合计"));
    if !is_heads {
        return Placed::NotApplicable;
    }
    let count = printed.len();
    let slots = match place_line(&printed, lines, &cols) {
        None => return Placed::NotApplicable,
        Some(Err(why)) => {
            return Placed::Refused(format!(
                "{count} numbers for 15 cells, and the header's columns do not place them: {why}"
            ));
        }
        Some(Ok(s)) => s,
    };
    let num = or_zero;
    for (g, chunk) in slots.chunks(5).enumerate() {
        let parts: Option<i64> = chunk[..4].iter().map(num).sum();
        let total = num(&chunk[4]);
        if parts.is_none() || parts != total {
            let shown: Vec<&str> = chunk
                .iter()
                .map(|s| s.text.as_deref().unwrap_or("·"))
                .collect();
            return Placed::Refused(format!(
                "{count} numbers for 15 cells; placed under the header's columns, group {} reads [{}] (· blank), whose four results do not add up to its total",
                g + 1,
                shown.join(", ")
            ));
        }
    }
    Placed::Slots(slots)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_words_split_over_lines_are_one_column() {
        let head = [
            "结果   其他结    尚未",
            "                    总计",
            "维持   果      审结",
        ];
        let cols = head_columns(&head, &|_| false).unwrap();
        let got: Vec<(usize, usize, &str)> =
            cols.iter().map(|c| (c.l, c.r, c.text.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (0, 1, "结果维持"),
                (5, 7, "其他结果"),
                (12, 13, "尚未审结"),
                (20, 21, "总计")
            ]
        );
    }

    #[test]
    fn a_number_between_two_columns_is_no_placement() {
        let cols = head_columns(&["结果  其他"], &|_| false).unwrap();
        assert_eq!((cols[0].l, cols[0].r, cols[1].l, cols[1].r), (0, 1, 4, 5));
        assert_eq!(assign(&[(0, 0, "1".into())], &cols), Ok(vec![0]));
        assert!(assign(&[(1, 4, "1234".into())], &cols).is_err());
        assert!(assign(&[(0, 0, "1".into()), (1, 1, "2".into())], &cols).is_err());
        // Between two headings, touching neither, or only touching one: no placement.
        let apart = head_columns(&["结果    其他"], &|_| false).unwrap();
        assert!(assign(&[(3, 4, "12".into())], &apart).is_err());
        assert!(assign(&[(3, 3, "1".into())], &apart).is_err());
        assert_eq!(assign(&[(0, 2, "123".into())], &apart), Ok(vec![0]));
        let wide = head_columns(&["结果维持    其他"], &|_| false).unwrap();
        assert!(assign(&[(3, 7, "12345".into())], &wide).is_err());
        assert_eq!(assign(&[(2, 6, "12345".into())], &wide), Ok(vec![0]));
    }
}

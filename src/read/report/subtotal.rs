//! Lines the template does not have: a subtotal of a group of 表三's rows printed with its own
//! numbers (`（三）不予公开 …`, `小计 …`, `三、本年度办理结果 …`), above or below its rows.
//!
//! A subtotal has no code in the contract and is not stored. It is accepted only when its
//! numbers are its group's sums, column by column; when they are not, the report contradicts
//! itself and fails, naming the line, its numbers and the sums.

use super::cells::{self, Reading, Slot};
use super::index::{Index, values_between};
use super::token::{Kind, Tok};
use super::vocab::{TableError, err};
use crate::contract::{RowDef, Section};

/// Which rows a subtotal line adds up.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Group {
    /// Every outcome row: what 三、本年度办理结果 adds up, like （七）总计.
    Outcomes,
    /// The rows of one contract group (`withheld`, `unavailable`, …).
    Rows(&'static str),
}

impl Group {
    fn name(self) -> &'static str {
        match self {
            Group::Outcomes => "三、本年度办理结果",
            Group::Rows("withheld") => "（三）不予公开",
            Group::Rows("unavailable") => "（四）无法提供",
            Group::Rows("not_processed") => "（五）不予处理",
            Group::Rows("other") => "（六）其他处理",
            Group::Rows(g) => g,
        }
    }

    /// The rows of `defs` the group adds up.
    pub(super) fn members(self, defs: &[&'static RowDef]) -> Vec<usize> {
        // （六） printed both as its line and as its three rows counts once, by its rows.
        let both = defs.iter().any(|d| d.code == "other_misc");
        (0..defs.len())
            .filter(|i| match self {
                Group::Outcomes => !matches!(defs[*i].group, "intake" | "total" | "carry"),
                Group::Rows(g) => defs[*i].group == g,
            })
            .filter(|i| !(both && defs[*i].code == "other_processing"))
            .collect()
    }
}

/// A group's heading and the groups it may be the subtotal of (`小计` says nothing itself: the
/// rows above and below it do).
const PHRASES: &[(&str, Option<Group>)] = &[
    ("办理结果", Some(Group::Outcomes)),
    ("不予公开", Some(Group::Rows("withheld"))),
    ("无法提供", Some(Group::Rows("unavailable"))),
    ("不予处理", Some(Group::Rows("not_processed"))),
    ("小计", None),
];

/// A subtotal line found between two of 表三's rows.
#[derive(Debug)]
pub(super) struct Subtotal {
    /// Where its label starts in the index text.
    pub pos: usize,
    label: String,
    pub(super) groups: Vec<Group>,
}

/// Subtotal lines between the anchors: a group's heading or `小计` lying between two rows, next
/// to the group it names, with numbers of its own after it and numbers of the row before it
/// above it. A heading printed without numbers is the table's layout, not a subtotal.
pub(super) fn find(
    toks: &[Tok],
    ix: &Index,
    anchors: &[(&'static RowDef, usize, usize)],
) -> Vec<Subtotal> {
    let keys: Vec<&str> = PHRASES.iter().map(|p| p.0).collect();
    let mut found: Vec<(usize, Vec<Group>)> = Vec::new();
    for w in anchors.windows(2) {
        let (before, after) = (w[0].0, w[1].0);
        let mut from = w[0].2;
        while let Some((p, e)) = ix.find(&keys, from, w[1].1) {
            from = e;
            let phrase = &ix.text[p..e];
            let named = PHRASES.iter().find(|k| k.0 == phrase).and_then(|k| k.1);
            let adjacent = |g: Group| match g {
                Group::Outcomes => before.code == "carried_in" || after.code == "total_processed",
                Group::Rows(name) => before.group == name || after.group == name,
            };
            let groups: Vec<Group> = match named {
                Some(g) => vec![g].into_iter().filter(|g| adjacent(*g)).collect(),
                None => [before.group, after.group]
                    .into_iter()
                    .filter(|g| {
                        matches!(*g, "withheld" | "unavailable" | "not_processed" | "other")
                    })
                    .map(Group::Rows)
                    .fold(Vec::new(), |mut v, g| {
                        if !v.contains(&g) {
                            v.push(g);
                        }
                        v
                    }),
            };
            if groups.is_empty() {
                continue;
            }
            // `（三）不予公开小计` is one line: its phrases' groups are the line's.
            match found.last_mut() {
                Some((q, gs)) if ix.tok(*q) == ix.tok(p) => {
                    for g in groups {
                        if !gs.contains(&g) {
                            gs.push(g);
                        }
                    }
                }
                _ => found.push((p, groups)),
            }
        }
    }
    let mut bounds: Vec<usize> = anchors
        .iter()
        .map(|a| a.1)
        .chain(found.iter().map(|f| f.0))
        .collect();
    bounds.sort_unstable();
    let has_num = |from: usize, to: usize| {
        values_between(toks, ix, from, to, false)
            .iter()
            .any(|t| t.kind == Kind::Num)
    };
    found
        .into_iter()
        .filter(|(p, _)| {
            let next = bounds
                .iter()
                .copied()
                .find(|b| b > p)
                .unwrap_or(ix.text.len());
            let prev = bounds.iter().copied().rfind(|b| b < p).unwrap_or(0);
            // The line's own token must not be the previous row's label.
            ix.tok(*p) != ix.tok(prev) && has_num(*p, next) && has_num(prev, *p)
        })
        .map(|(pos, groups)| Subtotal {
            pos,
            label: toks[ix.tok(pos)].text.trim().to_string(),
            groups,
        })
        .collect()
}

fn int(s: &Slot) -> Option<i64> {
    s.text.as_deref().and_then(super::values::count)
}

/// Checks one subtotal's readings against the rows as read. `Ok(note)` when a reading is its
/// group's sums, column by column (a blank on either side leaves that column unchecked).
pub(super) fn check(
    sub: &Subtotal,
    vals: &[&Tok],
    reading: &Reading,
    defs: &[&'static RowDef],
    rows: &[Vec<Slot>],
) -> Result<String, TableError> {
    let fail = |m: String| err(Section::Requests, None, m);
    let candidates: Vec<&Vec<Slot>> = match reading {
        Reading::One(s) => vec![s],
        Reading::Many(m) => m.iter().collect(),
        Reading::None(why) => {
            return Err(fail(crate::t!(
                "read-subtotal",
                label = sub.label.as_str(),
                why = why.with_printed(&cells::raw(vals))
            )));
        }
    };
    let mut sums_text = Vec::new();
    for g in &sub.groups {
        let members = g.members(defs);
        let sums: Vec<Option<i64>> = (0..7)
            .map(|c| {
                members
                    .iter()
                    .map(|r| rows[*r].get(c).and_then(int))
                    .sum::<Option<i64>>()
            })
            .collect();
        let fits = |cand: &Vec<Slot>| {
            cand.len() == 7
                && cand.iter().zip(&sums).all(|(s, sum)| match (&s.text, sum) {
                    (None, _) | (_, None) => true,
                    (Some(_), Some(v)) => int(s) == Some(*v),
                })
        };
        if candidates.iter().any(|c| fits(c)) {
            return Ok(format!(
                "表三: subtotal line “{}” ({}) left out: its numbers are its rows' sums",
                sub.label,
                g.name()
            ));
        }
        let shown: Vec<String> = sums
            .iter()
            .map(|s| s.map_or("(blank)".into(), |v| v.to_string()))
            .collect();
        sums_text.push(format!("{} sum to {}", g.name(), shown.join(", ")));
    }
    Err(fail(format!(
        "subtotal line “{}” printed {} but its rows {}: the report contradicts itself",
        sub.label,
        cells::raw(vals),
        sums_text.join("; or ")
    )))
}

//! 表三 as `pdftotext` without `-layout` writes it: one cell a line, and some rows' labels
//! printed away from their numbers (the merged cells of （一）予以公开 and （二）部分公开 come
//! after the rows below them), leaving their numbers as bare runs of seven after the row
//! above.
//!
//! Such a run is taken for the template rows missing at that place only when everything
//! fits: every labelled row is in template order with exactly seven numbers, the runs after
//! it are as many as the rows missing before the next labelled one, the missing rows' labels
//! are printed elsewhere without numbers and in template order, every row's six columns sum
//! to its total, and 表三's column identities hold (checked by the caller).
//!
//! What the identities cannot check: swapping two bare runs within the outcome rows keeps
//! every identity. The runs are taken in the order printed, as the extractor keeps the rows'
//! order and moves only the merged label cells.

use super::index::Index;
use super::token::{Kind, Tok};
use super::vocab::{CLOSING, OTHER_ONE, OTHER_THREE, REQUESTS, row_def};
use crate::contract::{self, RowDef, Section};

/// Whether （六） is printed as three rows, the rows in template order, and each row's seven
/// number tokens.
type Rows<'t> = (bool, Vec<&'static RowDef>, Vec<Vec<&'t Tok>>);

/// 表三's rows between `start` and `end`, or `None` when the text does not fit the pattern
/// exactly.
pub(super) fn rows<'t>(toks: &'t [Tok], ix: &Index, start: usize, end: usize) -> Option<Rows<'t>> {
    let three = ix.find(OTHER_THREE[0].1, start, end).is_some();
    let other = if three { OTHER_THREE } else { OTHER_ONE };
    let template: Vec<(&'static RowDef, &[&str])> = REQUESTS
        .iter()
        .chain(other)
        .chain(CLOSING)
        .map(|(code, keys)| (row_def(Section::Requests, code), *keys))
        .collect();
    let a = ix.tok(start);
    let b = ix.tok_from(end, toks.len());
    // Each label with the values printed after it, up to the next label.
    let mut groups: Vec<(usize, Vec<&Tok>)> = Vec::new();
    for (i, t) in toks.iter().enumerate().take(b).skip(a) {
        match t.kind {
            Kind::Label => groups.push((i, Vec::new())),
            Kind::Pad => {}
            _ => groups.last_mut()?.1.push(t),
        }
    }
    // Labels followed by values name rows, in template order; labels without values (the
    // moved labels, headings wrapped over lines) name none.
    let moved: Vec<String> = groups
        .iter()
        .filter(|g| g.1.is_empty())
        .map(|g| contract::normalize_label(&toks[g.0].text))
        .collect();
    let mut labelled: Vec<(usize, Vec<&Tok>)> = Vec::new();
    let mut next = 0;
    for (i, vals) in groups.into_iter().filter(|g| !g.1.is_empty()) {
        if !vals.iter().all(|t| t.kind == Kind::Num && t.atomic) || vals.len() % 7 != 0 {
            return None;
        }
        let text = contract::normalize_label(&toks[i].text);
        let at =
            (next..template.len()).find(|r| template[*r].1.iter().any(|k| text.contains(k)))?;
        labelled.push((at, vals));
        next = at + 1;
    }
    if labelled.first()?.0 != 0 || labelled.last()?.0 != template.len() - 1 {
        return None;
    }
    let mut rows = Vec::with_capacity(template.len());
    let mut bare = 0;
    for (k, (at, vals)) in labelled.iter().enumerate() {
        let missing = labelled.get(k + 1).map_or(0, |n| n.0 - at - 1);
        if vals.len() != 7 * (1 + missing) {
            return None;
        }
        // The missing rows' labels are printed elsewhere, without numbers, in template order.
        let mut from = 0;
        for (_, keys) in &template[at + 1..at + 1 + missing] {
            from = 1 + (from..moved.len()).find(|m| keys.iter().any(|k| moved[*m].contains(k)))?;
        }
        bare += missing;
        rows.extend(vals.chunks(7).map(<[&Tok]>::to_vec));
    }
    if bare == 0 {
        return None;
    }
    let sums = rows.iter().all(|r| {
        let v: Vec<i64> = r
            .iter()
            .filter_map(|t| super::values::count(&t.text))
            .collect();
        v.len() == 7 && v[..6].iter().sum::<i64>() == v[6]
    });
    sums.then(|| (three, template.iter().map(|t| t.0).collect(), rows))
}

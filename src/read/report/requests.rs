//! 表三's rows' cells, read between the rows' anchors once `table.rs` has found them:
//! each row's printed values split into seven cells, the rows whose digits read more than one
//! way settled by the table's identities, and the subtotal lines checked and left out.

use super::cells::{self, Columns, Reading};
use super::index::{Index, values_between};
use super::settle::settle;
use super::split;
use super::subtotal::Subtotal;
use super::token::Tok;
use super::vocab::{RowRead, TableError, err, to_row};
use crate::contract::{self, ColDef, RowDef, Section};

/// 表三's rows' cells, a note for each subtotal line checked and left out, and (in a partial
/// reading) the rows that could not be read, left out of the cells.
#[allow(clippy::type_complexity)]
pub(super) fn read_requests(
    toks: &[Tok],
    ix: &Index,
    anchors: &[(&'static RowDef, usize, usize)],
    subtotals: &[Subtotal],
    end: usize,
) -> Result<(Vec<RowRead>, Vec<String>, Vec<TableError>), TableError> {
    let n = 7;
    let mut vals = Vec::new();
    let mut refs: Vec<Columns> = Vec::new();
    // A row's cells end where the next row or subtotal line starts.
    let mut bounds: Vec<usize> = anchors
        .iter()
        .map(|a| a.1)
        .chain(subtotals.iter().map(|s| s.pos))
        .collect();
    bounds.sort_unstable();
    let next_bound = |p: usize| bounds.iter().copied().find(|b| *b > p).unwrap_or(end);
    for (i, (_, p, _)) in anchors.iter().enumerate() {
        let next = if i + 1 == anchors.len() {
            end
        } else {
            next_bound(*p)
        };
        let v = values_between(toks, ix, *p, next, i + 1 == anchors.len());
        refs.extend(cells::columns_of(&v, n));
        vals.push(v);
    }
    let defs: Vec<&'static RowDef> = anchors.iter().map(|a| a.0).collect();
    let cols: Vec<&ColDef> = contract::COLS
        .iter()
        .filter(|c| c.section == Section::Requests)
        .collect();
    // No row prints all seven cells (only 自然人 and 总计 filled, say): in space-aligned text
    // the header's own columns place each row's numbers, if every identity then holds.
    if refs.is_empty() && subtotals.is_empty() && !ix.lines.is_empty() {
        let labels: Vec<_> = anchors.iter().map(|a| toks[ix.tok(a.1)].origin).collect();
        match super::aligned::place_requests(&vals, &labels, &ix.lines) {
            Ok(rows) if super::aligned::columns_hold_blank_zero(&defs, &rows) => {
                let rows = defs
                    .iter()
                    .zip(rows)
                    .map(|(row, slots)| to_row(row, &cols, slots))
                    .collect::<Result<Vec<_>, _>>()?;
                return Ok((rows, Vec::new(), Vec::new()));
            }
            Ok(_) => {
                return Err(err(
                    Section::Requests,
                    None,
                    "no row prints all seven cells; placed under the header's columns, the columns' identities (一 + 二 = （七） + 四, the outcome rows adding up to （七）) do not hold",
                ));
            }
            Err(Some((i, why))) => {
                return Err(err(
                    Section::Requests,
                    Some(defs[i]),
                    format!(
                        "no row prints all seven cells, and {why}; printed: {}",
                        cells::raw(&vals[i])
                    ),
                ));
            }
            Err(None) => {}
        }
    }
    let mut readings = Vec::new();
    let mut unread = Vec::new();
    for (v, (row, p, _)) in vals.iter().zip(anchors) {
        let r = cells::resolve(v, n, n, &split::sums_to_last, &refs, true);
        if let Reading::None(why) = &r {
            let e = err(
                Section::Requests,
                Some(row),
                why.with_printed(&cells::raw(v)),
            );
            if !ix.partial {
                return Err(e);
            }
            let at = toks[ix.tok(*p)].origin;
            unread.push(super::partial::located(e, at));
            readings.push(Reading::One(super::partial::blank_row(n, at)));
            continue;
        }
        readings.push(r);
    }
    let rows = match settle(&readings, anchors, &vals) {
        Ok(rows) => rows,
        Err(e) if ix.partial => {
            super::partial::unsettled(e, toks, ix, anchors, &mut readings, &mut unread);
            settle(&readings, anchors, &vals)?
        }
        Err(e) => return Err(e),
    };
    let mut notes = Vec::new();
    for sub in subtotals {
        let v = values_between(toks, ix, sub.pos, next_bound(sub.pos), false);
        let r = cells::resolve(&v, n, n, &split::sums_to_last, &refs, true);
        match super::subtotal::check(sub, &v, &r, &defs, &rows) {
            Ok(note) => notes.push(note),
            Err(e) if ix.partial => {
                super::partial::unchecked_subtotal(e, sub, toks, ix, anchors, &mut unread)
            }
            Err(e) => return Err(e),
        }
    }
    let mut read = Vec::with_capacity(rows.len());
    for ((row, _, _), slots) in anchors.iter().zip(rows) {
        if unread
            .iter()
            .any(|e: &TableError| e.row.is_some_and(|r| r.id == row.id))
        {
            continue;
        }
        match to_row(row, &cols, slots) {
            Ok(r) => read.push(r),
            Err(e) if ix.partial => unread.push(e),
            Err(e) => return Err(e),
        }
    }
    Ok((read, notes, unread))
}

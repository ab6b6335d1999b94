//! From the value tokens printed after a row's label to that row's cells. Three cases, tried in
//! order: the tokens are the row's cells one for one; blanks left the row short and the
//! columns' positions (from a complete row nearby) place what is there; or cells ran together
//! and `split.rs` lists the readings for the table's identities to choose from.

use super::split::{self, Piece};
use super::token::{Kind, Origin, Tok};

/// One cell as read: its text (None = blank) and where it was printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    pub text: Option<String>,
    pub origin: Origin,
}

#[derive(Debug)]
pub enum Reading {
    One(Vec<Slot>),
    /// Several readings; the caller's identities must pick one.
    Many(Vec<Vec<Slot>>),
    /// No reading at all; the reason says why.
    None(Why),
}

/// Why a row's printed digits give no reading: kept as the reason and its numbers, and said
/// in the reader's language when the refusal is written (`read-…` in the catalogs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Why {
    /// Fewer or more numbers than the row has cells, and no cut of the digits that fits.
    CellCount { expected: usize, found: usize },
    /// The digits run together with too many cuts to choose among.
    TooManyCuts { cells: usize },
    /// Cuts exist, but none meets the table's identities (`reading`: one of them).
    NoCutFits { cells: usize, reading: String },
}

impl std::fmt::Display for Why {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Why::CellCount { expected, found } => {
                crate::t!("read-cell-count", expected = *expected, found = *found)
            }
            Why::TooManyCuts { cells } => crate::t!("read-too-many-cuts", cells = *cells),
            Why::NoCutFits { cells, reading } => {
                crate::t!(
                    "read-no-cut-fits",
                    cells = *cells,
                    reading = reading.as_str()
                )
            }
        };
        f.write_str(&text)
    }
}

impl Why {
    /// The reason with the digits as printed (`…; printed: 60 0 0 0 06`).
    pub fn with_printed(&self, printed: &str) -> String {
        crate::t!("read-printed", why = self.to_string(), printed = printed)
    }
}

/// A complete row's column positions, for placing the cells of short rows.
#[derive(Clone, Debug)]
pub struct Columns {
    pub row: u32,
    pub grid: bool,
    pub xs: Vec<u32>,
}

/// How the row's raw tokens print in an error message: the first [`RAW_PIECES`] of them, each
/// cut at [`RAW_CHARS`] characters. A row or 表四 prints a few dozen at most; a file that
/// prints thousands (or one run of digits a megabyte long) gets an error of bounded size.
pub fn raw(vals: &[&Tok]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut more = 0usize;
    for t in vals.iter().filter(|t| t.kind != Kind::Pad) {
        if parts.len() == RAW_PIECES {
            more += 1;
            continue;
        }
        parts.push(if t.text.is_empty() {
            "(empty)".into()
        } else if t.text.chars().count() > RAW_CHARS {
            let head: String = t.text.chars().take(RAW_CHARS).collect();
            format!("{head}…")
        } else {
            t.text.clone()
        });
    }
    if parts.is_empty() {
        return "(nothing)".into();
    }
    let mut out = parts.join(" ");
    if more > 0 {
        out.push_str(&format!(" … and {more} more"));
    }
    out
}

const RAW_PIECES: usize = 64;
const RAW_CHARS: usize = 80;

/// Reads `vals` as `n` cells in groups of `group`, each group meeting `check` when the cells
/// must be cut apart. `refs` are complete rows of the same table.
pub fn resolve(
    vals: &[&Tok],
    n: usize,
    group: usize,
    check: &dyn Fn(&[split::Cell]) -> bool,
    refs: &[Columns],
    identity: bool,
) -> Reading {
    let printed: Vec<&Tok> = vals
        .iter()
        .copied()
        .filter(|t| t.kind != Kind::Pad)
        .collect();
    let pieces: Vec<Piece> = printed
        .iter()
        .map(|t| Piece {
            text: t.text.clone(),
            blank: t.kind == Kind::Blank,
            atomic: t.atomic,
        })
        .collect();
    let to_slots = |r: &[split::Cell]| -> Vec<Slot> {
        r.iter()
            .map(|(i, text)| Slot {
                text: text.clone(),
                origin: printed[*i].origin,
            })
            .collect()
    };
    let (any, settled) = split::readings(&pieces, n, group, &split::any, 2);
    if !settled && any.len() < 2 {
        return Reading::None(Why::TooManyCuts { cells: n });
    }
    // One way to make the count. Read as printed when nothing was cut; a reading that cut
    // digits apart must also meet the identity, since in a cramped layout a spaced number can
    // be two cells (`27100` for 27 and 100) and the cut then falls elsewhere.
    if any.len() == 1 && (any[0].len() == printed.len() || any[0].chunks(group.max(1)).all(check)) {
        return Reading::One(to_slots(&any[0]));
    }
    if any.is_empty() {
        if let Some(slots) = place(vals, n, group, refs, identity) {
            return Reading::One(slots);
        }
        if let Some(slots) = unspan(&printed, n, group, check) {
            return Reading::One(slots);
        }
        if vals.len() == n && vals.iter().all(|t| t.kind != Kind::Num || t.atomic) {
            return Reading::One(
                vals.iter()
                    .map(|t| Slot {
                        text: (t.kind == Kind::Num).then(|| t.text.clone()),
                        origin: t.origin,
                    })
                    .collect(),
            );
        }
        if let Some(r) = loose(&printed, &pieces, n, group, check, identity) {
            return Reading::Many(vec![to_slots(&r)]);
        }
        return Reading::None(Why::CellCount {
            expected: n,
            found: printed.len(),
        });
    }
    let (fitting, complete) = split::readings(&pieces, n, group, check, 1000);
    if !complete {
        return Reading::None(Why::TooManyCuts { cells: n });
    }
    if fitting.is_empty()
        && let Some(r) = loose(&printed, &pieces, n, group, check, identity)
    {
        return Reading::Many(vec![to_slots(&r)]);
    }
    match fitting.len() {
        0 => Reading::None(Why::NoCutFits {
            cells: n,
            reading: split::describe(&any[0]),
        }),
        1 => Reading::One(to_slots(&fitting[0])),
        _ => Reading::Many(fitting.iter().map(|r| to_slots(r)).collect()),
    }
}

/// Narrow columns in extracted text can close the gap between two cells (`178 37` as
/// `17837`): with an identity to check, a cut inside a spaced number is accepted when it is the
/// only one that meets it. Returned for the caller's table-wide identities to confirm.
fn loose(
    printed: &[&Tok],
    pieces: &[Piece],
    n: usize,
    group: usize,
    check: &dyn Fn(&[split::Cell]) -> bool,
    identity: bool,
) -> Option<Vec<split::Cell>> {
    if !identity || printed.len() >= n || printed.iter().any(|t| t.grid) {
        return None;
    }
    let loose: Vec<Piece> = pieces
        .iter()
        .map(|p| Piece {
            atomic: false,
            ..p.clone()
        })
        .collect();
    let (mut fit, complete) = split::readings(&loose, n, group, check, 2);
    (complete && fit.len() == 1).then(|| fit.remove(0))
}

/// A converter that expanded a spanning cell prints its number once per grid column it
/// covered (`4529 | 4529 | 4529`): side by side, equal copies are one cell, when that makes
/// the row's count.
fn unspan(
    printed: &[&Tok],
    n: usize,
    group: usize,
    check: &dyn Fn(&[split::Cell]) -> bool,
) -> Option<Vec<Slot>> {
    // Only text grids (Markdown, tabs) come from converters that expand spans; an HTML
    // table's cells are each printed once.
    let text_grid = |t: &&Tok| t.grid && t.atomic && matches!(t.origin, Origin::Line(_));
    if printed.len() <= n || !printed.iter().all(text_grid) {
        return None;
    }
    let mut out: Vec<&Tok> = Vec::new();
    let mut last_x = u32::MAX;
    for t in printed {
        let copy = out.last().is_some_and(|l| {
            l.row == t.row
                && last_x.checked_add(1) == Some(t.x)
                && l.text == t.text
                && l.kind == t.kind
        });
        if !copy {
            out.push(t);
        }
        last_x = t.x;
    }
    let cells: Vec<split::Cell> = out
        .iter()
        .enumerate()
        .map(|(i, t)| (i, (t.kind == Kind::Num).then(|| t.text.clone())))
        .collect();
    let holds = out.len() == n && cells.chunks(group.max(1)).all(check);
    holds.then(|| {
        out.iter()
            .map(|t| Slot {
                text: (t.kind == Kind::Num).then(|| t.text.clone()),
                origin: t.origin,
            })
            .collect()
    })
}

/// Places the tokens of a short row under the columns of the nearest complete row.
///
/// In a delimited table the positions are exact. In space-aligned text they are not (a wide
/// number, or two cells closed up into one, sits between columns), so there a placement must
/// also meet the row's identity, blanks counting as nothing; without an identity (表二) text
/// rows are not placed at all.
fn place(
    vals: &[&Tok],
    n: usize,
    group: usize,
    refs: &[Columns],
    identity: bool,
) -> Option<Vec<Slot>> {
    let slots = place_by_position(vals, n, refs)?;
    if vals.first()?.grid {
        return Some(slots);
    }
    if !identity {
        return None;
    }
    let sums = slots.chunks(group.max(1)).all(|g| {
        let Some((last, parts)) = g.split_last() else {
            return false;
        };
        let total: Option<i64> = last.text.as_deref().and_then(super::values::count);
        let parts: Option<i64> = parts
            .iter()
            .map(|s| s.text.as_deref().map_or(Some(0), super::values::count))
            .sum();
        total.is_some() && total == parts
    });
    sums.then_some(slots)
}

fn place_by_position(vals: &[&Tok], n: usize, refs: &[Columns]) -> Option<Vec<Slot>> {
    let first = vals.first()?;
    let grid = first.grid;
    let here = first.row;
    let cols = refs
        .iter()
        .filter(|c| c.grid == grid && c.xs.len() == n)
        .min_by_key(|c| c.row.abs_diff(here))?;
    let mut slots: Vec<Option<Slot>> = vec![None; n];
    let min_gap = cols
        .xs
        .windows(2)
        .map(|w| w[1].abs_diff(w[0]))
        .min()
        .unwrap_or(u32::MAX);
    for t in vals {
        let (j, d) = cols
            .xs
            .iter()
            .enumerate()
            .map(|(j, x)| (j, x.abs_diff(t.x)))
            .min_by_key(|p| p.1)?;
        let fits = if grid { d == 0 } else { 2 * d < min_gap };
        if !fits {
            if t.kind == Kind::Pad {
                continue;
            }
            return None;
        }
        let slot = Slot {
            text: (t.kind == Kind::Num).then(|| t.text.clone()),
            origin: t.origin,
        };
        if t.kind == Kind::Num && !t.atomic {
            return None;
        }
        match &slots[j] {
            Some(_) if t.kind == Kind::Pad => {}
            Some(_) => return None,
            None => slots[j] = Some(slot),
        }
    }
    // A column nothing was printed under is a blank cell, located at the row's first token.
    let origin = first.origin;
    Some(
        slots
            .into_iter()
            .map(|s| s.unwrap_or(Slot { text: None, origin }))
            .collect(),
    )
}

/// The columns of a row read one token per cell, for `place`.
pub fn columns_of(vals: &[&Tok], n: usize) -> Option<Columns> {
    let printed: Vec<&&Tok> = vals.iter().filter(|t| t.kind != Kind::Pad).collect();
    if printed.len() != n || !printed.iter().all(|t| t.atomic) {
        return None;
    }
    let first = printed.first()?;
    if printed.iter().any(|t| t.grid != first.grid) {
        return None;
    }
    Some(Columns {
        row: first.row,
        grid: first.grid,
        xs: printed.iter().map(|t| t.x).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tok(kind: Kind, text: &str, row: u32, x: u32, grid: bool) -> Tok {
        Tok {
            kind,
            text: text.into(),
            origin: Origin::Line(row),
            row,
            x,
            grid,
            atomic: true,
        }
    }

    fn texts(r: Reading) -> Vec<Option<String>> {
        match r {
            Reading::One(s) => s.into_iter().map(|s| s.text).collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn short_spaced_row_is_placed_by_position() {
        let full: Vec<Tok> = [10, 20, 30]
            .iter()
            .map(|x| tok(Kind::Num, "1", 1, *x, false))
            .collect();
        let refs = vec![columns_of(&full.iter().collect::<Vec<_>>(), 3).unwrap()];
        let short = [
            tok(Kind::Num, "5", 3, 11, false),
            tok(Kind::Num, "5", 3, 29, false),
        ];
        let r = resolve(
            &short.iter().collect::<Vec<_>>(),
            3,
            3,
            &split::sums_to_last,
            &refs,
            true,
        );
        assert_eq!(texts(r), vec![Some("5".into()), None, Some("5".into())]);
        // A placement that breaks the row's identity is no reading; nor is one with no identity.
        let wide = [
            tok(Kind::Num, "300153", 3, 14, false),
            tok(Kind::Num, "7", 3, 29, false),
        ];
        let r = resolve(
            &wide.iter().collect::<Vec<_>>(),
            3,
            3,
            &split::sums_to_last,
            &refs,
            true,
        );
        assert!(matches!(r, Reading::None(_)), "{r:?}");
        let r = resolve(
            &short.iter().collect::<Vec<_>>(),
            3,
            3,
            &split::any,
            &refs,
            false,
        );
        assert!(matches!(r, Reading::None(_)), "{r:?}");
    }

    #[test]
    fn spanning_pads_are_dropped_and_blank_pads_kept() {
        let full: Vec<Tok> = (3..6).map(|x| tok(Kind::Num, "1", 1, x, true)).collect();
        let refs = vec![columns_of(&full.iter().collect::<Vec<_>>(), 3).unwrap()];
        let row = [
            tok(Kind::Pad, "", 2, 1, true),
            tok(Kind::Pad, "", 2, 2, true),
            tok(Kind::Num, "4", 2, 3, true),
            tok(Kind::Pad, "", 2, 4, true),
            tok(Kind::Num, "4", 2, 5, true),
        ];
        let r = resolve(
            &row.iter().collect::<Vec<_>>(),
            3,
            3,
            &split::any,
            &refs,
            false,
        );
        assert_eq!(texts(r), vec![Some("4".into()), None, Some("4".into())]);
    }

    #[test]
    fn a_row_of_pads_without_references_counts_them() {
        let row = [
            tok(Kind::Num, "26", 2, 3, true),
            tok(Kind::Pad, "", 2, 4, true),
            tok(Kind::Num, "26", 2, 5, true),
        ];
        let r = resolve(
            &row.iter().collect::<Vec<_>>(),
            3,
            3,
            &split::any,
            &[],
            false,
        );
        assert_eq!(texts(r), vec![Some("26".into()), None, Some("26".into())]);
    }

    #[test]
    fn copies_of_an_expanded_span_are_one_cell() {
        let row: Vec<Tok> = (1..4).map(|x| tok(Kind::Num, "4529", 2, x, true)).collect();
        let r = resolve(
            &row.iter().collect::<Vec<_>>(),
            1,
            1,
            &split::any,
            &[],
            false,
        );
        assert_eq!(texts(r), vec![Some("4529".into())]);
        // Equal neighbours that make the count already are separate cells.
        let row: Vec<Tok> = (1..4).map(|x| tok(Kind::Num, "0", 2, x, true)).collect();
        let r = resolve(
            &row.iter().collect::<Vec<_>>(),
            3,
            3,
            &split::any,
            &[],
            false,
        );
        assert_eq!(texts(r), vec![Some("0".into()); 3]);
    }

    #[test]
    fn cells_closed_up_in_narrow_columns_are_cut_by_the_identity() {
        let row: Vec<Tok> = ["72", "64", "17837", "351"]
            .iter()
            .map(|t| tok(Kind::Num, t, 1, 0, false))
            .collect();
        let r = resolve(
            &row.iter().collect::<Vec<_>>(),
            5,
            5,
            &split::sums_to_last,
            &[],
            true,
        );
        // One reading, still to be confirmed by the table (Many of one).
        let Reading::Many(mut m) = r else {
            panic!("{r:?}")
        };
        assert_eq!(m.len(), 1);
        assert_eq!(
            texts(Reading::One(m.remove(0))),
            ["72", "64", "178", "37", "351"]
                .map(|s| Some(s.to_string()))
                .to_vec()
        );
        // Without an identity to check, no cut.
        let r = resolve(
            &row.iter().collect::<Vec<_>>(),
            5,
            5,
            &split::any,
            &[],
            false,
        );
        assert!(matches!(r, Reading::None(_)));
    }

    #[test]
    fn too_few_cells_is_no_reading() {
        let row = [tok(Kind::Num, "26", 2, 3, false)];
        assert!(matches!(
            resolve(
                &row.iter().collect::<Vec<_>>(),
                3,
                3,
                &split::any,
                &[],
                false
            ),
            Reading::None(_)
        ));
    }
}

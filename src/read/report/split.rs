//! Cells run together with no separator (`713000074` for 71, 3, 0, 0, 0, 0, 74). Every way of
//! cutting the digits into the row's number of cells is enumerated; the table's own
//! identities pick one, and a split is accepted only when exactly one reading survives.

/// One printed piece of a row: a number (maybe several run together) or a blank cell.
#[derive(Clone, Debug)]
pub struct Piece {
    pub text: String,
    pub blank: bool,
    /// Stands alone: one number, never cut.
    pub atomic: bool,
}

/// One cell of a reading: the piece it came from and its text (None = blank).
pub type Cell = (usize, Option<String>);

/// The most digits one count can plausibly have; bounds the search.
const MAX_DIGITS: usize = 12;

/// Every reading of `pieces` as exactly `n` cells, cut into groups of `group` cells, each
/// group accepted by `check` (which sees the group's cells). Stops after `limit` readings.
pub fn readings(
    pieces: &[Piece],
    n: usize,
    group: usize,
    check: &dyn Fn(&[Cell]) -> bool,
    limit: usize,
) -> (Vec<Vec<Cell>>, bool) {
    // The fewest and most cells the pieces from i on can make.
    let mut min_rest = vec![0usize; pieces.len() + 1];
    let mut max_rest = vec![0usize; pieces.len() + 1];
    for i in (0..pieces.len()).rev() {
        let p = &pieces[i];
        let (lo, hi) = if p.blank || p.atomic {
            (1, 1)
        } else {
            (
                int_len(&p.text).div_ceil(MAX_DIGITS).max(1),
                int_len(&p.text).max(1),
            )
        };
        min_rest[i] = min_rest[i + 1] + lo;
        max_rest[i] = max_rest[i + 1] + hi;
    }
    let mut out = Vec::new();
    let mut cur = Vec::with_capacity(n);
    let ctx = Ctx {
        pieces,
        n,
        group: group.max(1),
        check,
        limit,
        min_rest,
        max_rest,
        budget: std::cell::Cell::new(BUDGET),
    };
    ctx.walk(0, 0, &mut cur, &mut out);
    let complete = ctx.budget.get() > 0;
    (out, complete)
}

struct Ctx<'a> {
    pieces: &'a [Piece],
    n: usize,
    group: usize,
    check: &'a dyn Fn(&[Cell]) -> bool,
    limit: usize,
    min_rest: Vec<usize>,
    max_rest: Vec<usize>,
    /// Steps left before the search gives up (a digit run too long to cut with certainty).
    budget: std::cell::Cell<usize>,
}

/// The most cuts tried for one row; past it the row counts as unreadable.
const BUDGET: usize = 200_000;

/// Length of the integer digits a piece may be cut in (a decimal part and unit stay whole).
fn int_len(text: &str) -> usize {
    text.find(['.', '元']).unwrap_or(text.len())
}

impl Ctx<'_> {
    fn push(&self, cell: Cell, cur: &mut Vec<Cell>) -> bool {
        cur.push(cell);
        if cur.len().is_multiple_of(self.group) {
            let g = &cur[cur.len() - self.group..];
            if !(self.check)(g) {
                cur.pop();
                return false;
            }
        }
        true
    }

    /// `pos` is the byte offset inside piece `i` where the next number starts.
    fn walk(&self, i: usize, pos: usize, cur: &mut Vec<Cell>, out: &mut Vec<Vec<Cell>>) {
        let left = self.budget.get();
        if out.len() >= self.limit || left == 0 {
            return;
        }
        self.budget.set(left - 1);
        if i == self.pieces.len() {
            if cur.len() == self.n {
                out.push(cur.clone());
            }
            return;
        }
        let p = &self.pieces[i];
        // Prune: the cells still to come must fit.
        let need = self.n.saturating_sub(cur.len());
        if pos == 0 && (need < self.min_rest[i] || need > self.max_rest[i]) {
            return;
        }
        // Inside a piece: its remaining digits need at least this many more cells.
        if pos > 0 {
            let here = int_len(&p.text)
                .saturating_sub(pos)
                .div_ceil(MAX_DIGITS)
                .max(1);
            if need < here + self.min_rest[i + 1] {
                return;
            }
        }
        if p.blank || p.atomic {
            let cell = (i, (!p.blank).then(|| p.text.clone()));
            if self.push(cell, cur) {
                self.walk(i + 1, 0, cur, out);
                cur.pop();
            }
            return;
        }
        let text = p.text.as_str();
        let il = int_len(text);
        let rest = &text[pos..];
        // The last number of this piece takes the decimals and unit with it.
        let mut ends: Vec<usize> = (pos + 1..il).filter(|e| e - pos <= MAX_DIGITS).collect();
        ends.push(text.len());
        for e in ends {
            let part = &text[pos..e];
            let leading_zero = part.len() > 1 && part.starts_with('0') && !part.starts_with("0.");
            if leading_zero || (e == text.len() && int_len(rest) > MAX_DIGITS) {
                continue;
            }
            if cur.len() >= self.n {
                break;
            }
            if self.push((i, Some(part.to_string())), cur) {
                if e == text.len() {
                    self.walk(i + 1, 0, cur, out);
                } else {
                    self.walk(i, e, cur, out);
                }
                cur.pop();
            }
            if out.len() >= self.limit {
                return;
            }
        }
    }
}

/// Parses a cell's text as a whole number, if it is one.
pub fn int(cell: &Cell) -> Option<i64> {
    cell.1.as_deref().and_then(super::values::count)
}

/// The identity of a row whose last cell is the total of the others; blanks cannot be checked.
pub fn sums_to_last(g: &[Cell]) -> bool {
    let Some((last, parts)) = g.split_last() else {
        return true;
    };
    let (Some(total), Some(parts)) = (
        int(last),
        parts.iter().map(int).collect::<Option<Vec<i64>>>(),
    ) else {
        return true;
    };
    parts.iter().sum::<i64>() == total
}

pub fn any(_: &[Cell]) -> bool {
    true
}

pub fn describe(r: &[Cell]) -> String {
    r.iter()
        .map(|c| c.1.clone().unwrap_or_else(|| "(blank)".into()))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(s: &str) -> Vec<Piece> {
        s.split(' ')
            .map(|t| Piece {
                text: t.to_string(),
                blank: t == "/",
                atomic: t.starts_with('!'),
            })
            .map(|mut p| {
                p.text = p.text.trim_start_matches('!').to_string();
                p
            })
            .collect()
    }

    fn read(s: &str, n: usize, group: usize, check: &dyn Fn(&[Cell]) -> bool) -> Vec<String> {
        readings(&pieces(s), n, group, check, 100)
            .0
            .iter()
            .map(|r| describe(r))
            .collect()
    }

    #[test]
    fn run_together_row_has_one_reading_that_sums() {
        assert_eq!(
            read("713000074", 7, 7, &sums_to_last),
            vec!["71, 3, 0, 0, 0, 0, 74"]
        );
        assert_eq!(
            read("230 000023", 7, 7, &sums_to_last),
            vec!["23, 0, 0, 0, 0, 0, 23"]
        );
        assert_eq!(
            read("21710000218", 7, 7, &sums_to_last),
            vec!["217, 1, 0, 0, 0, 0, 218"]
        );
    }

    #[test]
    fn spaced_pieces_are_cut_only_where_they_must_be() {
        assert_eq!(
            read("!23 !0 00 !0 023", 7, 7, &any),
            vec!["23, 0, 0, 0, 0, 0, 23"]
        );
        assert_eq!(
            read("!0 !0 00 00 !0", 7, 7, &any),
            vec!["0, 0, 0, 0, 0, 0, 0"]
        );
    }

    #[test]
    fn ambiguous_rows_keep_every_reading() {
        let r = read("8855698", 3, 3, &any);
        assert!(r.len() > 1, "{r:?}");
        assert!(r.contains(&"88, 55, 698".to_string()));
    }

    #[test]
    fn appeals_split_by_groups_of_five() {
        let r = read("21317000001324019", 15, 5, &sums_to_last);
        assert_eq!(r, vec!["2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19"]);
    }

    #[test]
    fn decimals_and_units_stay_in_the_last_cell() {
        let r = read("13575394432.52元", 2, 2, &any);
        assert!(r.contains(&"135, 75394432.52元".to_string()));
        assert!(r.iter().all(|x| x.ends_with(".52元")));
        assert_eq!(read("9116.36", 1, 1, &any), vec!["9116.36"]);
    }

    #[test]
    fn long_digit_runs_end_quickly() {
        let long = "1".repeat(5000);
        assert!(read(&long, 7, 7, &sums_to_last).is_empty());
        let (_, complete) = readings(&pieces(&"1".repeat(60)), 7, 7, &sums_to_last, 100);
        assert!(!complete);
    }

    #[test]
    fn blanks_hold_their_place() {
        assert_eq!(read("!5 / !5", 3, 3, &sums_to_last), vec!["5, (blank), 5"]);
        assert!(read("!1 !2", 3, 3, &any).is_empty());
    }
}

//! Two readings of one report compared: two forms of it in one import (its web page and its
//! text, say) are the same report when they agree wherever both state a cell; a later reading
//! that agrees but states fewer cells leaves the fuller one current; one that differs is a new
//! version, described by the cells that changed.

use crate::contract;
use crate::model::{Cell, Value};
use std::collections::HashMap;

/// How a second form of a report stands to the first.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Forms {
    /// It states a subset of the first's cells, with the same values.
    NewStatesLess,
    /// It states every cell of the first with the same values, and more.
    NewStatesMore,
    /// A cell has two values, or each states cells the other does not.
    Differ(String),
}

pub(super) fn compare_forms(stored: &[Cell], new: &[Cell]) -> Forms {
    let name = |c: &Cell| {
        let r = contract::row_by_id(c.row).map_or("?", |d| d.code);
        let k = contract::col_by_id(c.col).map_or("?", |d| d.code);
        format!("{r}/{k}")
    };
    let shown = |v: &Value| match v {
        Value::Blank => "blank".to_string(),
        other => other.to_string(),
    };
    let by_cell: HashMap<(u8, u8), &Value> =
        stored.iter().map(|c| ((c.row, c.col), &c.value)).collect();
    let mut only_new = None;
    for c in new {
        match by_cell.get(&(c.row, c.col)) {
            Some(v) if **v != c.value => {
                return Forms::Differ(format!(
                    "{} is {} in the first and {} in the second",
                    name(c),
                    shown(v),
                    shown(&c.value)
                ));
            }
            Some(_) => {}
            None => {
                only_new.get_or_insert_with(|| name(c));
            }
        }
    }
    let new_keys: std::collections::HashSet<(u8, u8)> =
        new.iter().map(|c| (c.row, c.col)).collect();
    let only_stored = stored.iter().find(|c| !new_keys.contains(&(c.row, c.col)));
    match (only_new, only_stored) {
        (None, _) => Forms::NewStatesLess,
        (Some(_), None) => Forms::NewStatesMore,
        (Some(n), Some(o)) => Forms::Differ(format!(
            "the first states {} and the second does not; the second states {n} and the first does not",
            name(o)
        )),
    }
}

/// A cell as `gov-db correct` and the change lists name it: `requests.received_new.total`.
pub fn cell_name(row: u8, col: u8) -> String {
    let r = contract::row_by_id(row);
    let section = r.map_or("?", |d| d.section.code());
    let r = r.map_or("?", |d| d.code);
    let k = contract::col_by_id(col).map_or("?", |d| d.code);
    format!("{section}.{r}.{k}")
}

/// A value in words: a blank cell says so.
pub fn shown(v: &Value) -> String {
    match v {
        Value::Blank => "blank".to_string(),
        other => other.to_string(),
    }
}

/// How a later reading of a report differs from an earlier one, cell by cell (both sorted by
/// row and column).
#[derive(Debug, Default)]
pub struct CellDiff<'a> {
    pub changed: Vec<(&'a Cell, &'a Cell)>,
    /// Stated by the later reading only.
    pub added: Vec<&'a Cell>,
    /// Stated by the earlier reading only.
    pub dropped: Vec<&'a Cell>,
}

impl<'a> CellDiff<'a> {
    pub fn new(earlier: &'a [Cell], later: &'a [Cell]) -> CellDiff<'a> {
        let mut diff = CellDiff::default();
        let (mut i, mut j) = (0, 0);
        while i < earlier.len() || j < later.len() {
            let (a, b) = (earlier.get(i), later.get(j));
            let order = match (a, b) {
                (Some(a), Some(b)) => (a.row, a.col).cmp(&(b.row, b.col)),
                (Some(_), None) => std::cmp::Ordering::Less,
                _ => std::cmp::Ordering::Greater,
            };
            match order {
                std::cmp::Ordering::Less => {
                    diff.dropped.extend(a);
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    diff.added.extend(b);
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    let (a, b) = (a.expect("both"), b.expect("both"));
                    if a.value != b.value {
                        diff.changed.push((a, b));
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
        diff
    }

    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.added.is_empty() && self.dropped.is_empty()
    }

    /// The later reading agrees wherever both state a cell and states fewer cells.
    pub fn later_states_less(&self) -> bool {
        self.changed.is_empty() && self.added.is_empty() && !self.dropped.is_empty()
    }

    /// `2 cells changed: requests.received_new.total 218 → 219, …; 1 cell added: …`, each
    /// list naming a few cells, then how many more, in `lang` (English where it is kept, as in
    /// the import's log); `correction`: cells added are said to be added by a correction.
    pub fn describe_in(&self, lang: crate::i18n::Lang, correction: bool) -> String {
        let mut parts = Vec::new();
        let changed: Vec<String> = self
            .changed
            .iter()
            .map(|(a, b)| {
                format!(
                    "{} {} → {}",
                    cell_name(a.row, a.col),
                    shown(&a.value),
                    shown(&b.value)
                )
            })
            .collect();
        let listed = |c: &&Cell| format!("{} {}", cell_name(c.row, c.col), shown(&c.value));
        let added: Vec<String> = self.added.iter().map(listed).collect();
        let dropped: Vec<String> = self.dropped.iter().map(listed).collect();
        let added_as = if correction { "corrected" } else { "added" };
        for (items, what) in [
            (changed, "changed"),
            (added, added_as),
            (dropped, "dropped"),
        ] {
            if !items.is_empty() {
                parts.push(crate::t!(in lang, "history-cells",
                    n = items.len(),
                    what = what,
                    cells = a_few_in(lang, &items)
                ));
            }
        }
        parts.join(&crate::t!(in lang, "history-separator"))
    }
}

/// How many of a list are named before "and N more".
const NAMED: usize = 3;

/// The first few items, then `and N more`, in `lang`.
pub fn a_few_in(lang: crate::i18n::Lang, items: &[String]) -> String {
    let mut text = items[..items.len().min(NAMED)].join(&crate::t!(in lang, "list-separator"));
    if items.len() > NAMED {
        text.push_str(&crate::t!(in lang, "list-more", n = items.len() - NAMED));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(row: u8, col: u8, v: i64) -> Cell {
        Cell {
            row,
            col,
            value: Value::Int(v),
            origin: None,
        }
    }

    #[test]
    fn two_forms_of_one_report() {
        let full = vec![cell(1, 20, 3), cell(10, 7, 5), cell(11, 7, 0)];
        let tables_only = vec![cell(10, 7, 5), cell(11, 7, 0)];
        assert_eq!(compare_forms(&full, &tables_only), Forms::NewStatesLess);
        assert_eq!(compare_forms(&tables_only, &full), Forms::NewStatesMore);
        assert_eq!(compare_forms(&full, &full), Forms::NewStatesLess);
        let other = vec![cell(10, 7, 6)];
        assert!(
            matches!(compare_forms(&full, &other), Forms::Differ(d) if d.contains("received_new/total is 5 in the first and 6"))
        );
        let crossed = vec![cell(1, 20, 3), cell(12, 7, 1)];
        assert!(matches!(
            compare_forms(&tables_only, &crossed),
            Forms::Differ(_)
        ));
    }

    #[test]
    fn a_diff_names_a_few_cells_then_how_many_more() {
        let earlier: Vec<Cell> = (1..=6).map(|c| cell(10, c, 1)).collect();
        let mut later: Vec<Cell> = (1..=6).map(|c| cell(10, c, 2)).collect();
        later.push(cell(11, 7, 4));
        let diff = CellDiff::new(&earlier, &later);
        assert_eq!(
            diff.describe_in(crate::i18n::Lang::En, false),
            "6 cells changed: requests.received_new.natural_person 1 → 2, \
             requests.received_new.commercial_enterprise 1 → 2, \
             requests.received_new.research_institution 1 → 2 and 3 more; \
             1 cell added: requests.carried_in.total 4"
        );
        let fewer = CellDiff::new(&later, &later[1..]);
        assert!(fewer.later_states_less());
        assert_eq!(
            fewer.describe_in(crate::i18n::Lang::En, false),
            "1 cell no longer stated: requests.received_new.natural_person 2"
        );
        assert!(CellDiff::new(&later, &later).is_empty());
    }
}

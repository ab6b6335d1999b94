//! Two forms of one report in one import (its web page and its text, say): the same report
//! when they agree wherever both state a cell.

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
}

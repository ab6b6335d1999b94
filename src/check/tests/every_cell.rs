//! Every cell of every fixture changed alone, or made blank: caught at that cell, and a
//! blank never an error.

use super::*;

/// The error findings a change to one cell of a clean report must raise, and no other.
pub(super) fn expected_for(
    row: u8,
    col: u8,
) -> Vec<(&'static str, Option<&'static str>, Option<&'static str>)> {
    let rc = |id| contract::row_by_id(id).unwrap().code;
    let cc = |id| contract::col_by_id(id).unwrap().code;
    let mut out = Vec::new();
    if (40..=42).contains(&row) {
        out.push(("appeals-total", Some(rc(row)), Some("total")));
        return out;
    }
    if matches!(row, 10 | 11 | 34 | 35) {
        out.push(("intake-equals-outcome", None, Some(cc(col))));
    }
    out.push(("row-total", Some(rc(row)), Some("total")));
    if (12..=34).contains(&row) {
        out.push(("outcome-sum", Some("total_processed"), Some(cc(col))));
    }
    out
}

#[test]
fn every_cell_of_every_fixture_changed_alone_is_caught_at_that_cell() {
    let mut cases = 0;
    for name in FIXTURES {
        let clean = fixture(name);
        for (i, cell) in clean.cells.iter().enumerate() {
            if cell.row < 10 {
                continue; // 表二 has no within-report identity
            }
            let Value::Int(v) = cell.value else { continue };
            for changed in [v + 1, if v > 0 { 0 } else { 7 }] {
                let mut r = clean.clone();
                r.cells[i].value = Value::Int(changed);
                let found = check_report(&r);
                let mut got: Vec<_> = found
                    .iter()
                    .filter(|f| f.severity == Severity::Error)
                    .map(|f| (f.rule, f.row, f.column))
                    .collect();
                let mut want = expected_for(cell.row, cell.col);
                got.sort();
                want.sort();
                let rd = contract::row_by_id(cell.row).unwrap().code;
                let cd = contract::col_by_id(cell.col).unwrap().code;
                assert_eq!(got, want, "{name} {rd}/{cd} {v} → {changed}: {found:#?}");
                assert!(
                    found.iter().all(|f| f.severity == Severity::Error),
                    "{name} {rd}/{cd}: {found:#?}"
                );
                cases += 1;
            }
        }
    }
    assert!(cases > 900, "{cases}");
}

#[test]
fn every_cell_made_blank_never_raises_an_error() {
    for name in FIXTURES {
        let clean = fixture(name);
        for i in 0..clean.cells.len() {
            let mut r = clean.clone();
            r.cells[i].value = Value::Blank;
            let found = check_report(&r);
            assert!(
                found.iter().all(|f| f.severity == Severity::Info),
                "{name} cell {i}: {found:#?}"
            );
        }
    }
}

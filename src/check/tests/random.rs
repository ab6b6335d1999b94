//! Random reports that satisfy every identity, made blank or perturbed at random.

use super::every_cell::expected_for;
use super::*;
use proptest::prelude::*;

/// A 2021-template report (表三 with （六） split, 表四) built from random counts so that
/// every identity holds: `outcomes[col][i]` for the 21 outcome rows, `out` and `carried`
/// per applicant column, 表四 parts per row.
fn build(outcomes: &[Vec<i64>], out: &[i64], carried: &[i64], appeals: &[Vec<i64>]) -> Report {
    let mut cells = Vec::new();
    let mut push = |row: u8, col: u8, v: i64| {
        cells.push(Cell {
            row,
            col,
            value: Value::Int(v),
            origin: None,
        });
    };
    let outcome_rows: Vec<u8> = (12..=32).collect();
    let mut totals = [[0i64; 8]; 43];
    for c in 0..6 {
        let col = c as u8 + 1;
        let processed: i64 = outcomes[c].iter().sum();
        let carried_in = carried[c].min(processed + out[c]);
        let received = processed + out[c] - carried_in;
        for (row, v) in [
            (10u8, received),
            (11, carried_in),
            (34, processed),
            (35, out[c]),
        ]
        .into_iter()
        .chain(
            outcome_rows
                .iter()
                .copied()
                .zip(outcomes[c].iter().copied()),
        ) {
            push(row, col, v);
            totals[usize::from(row)][0] += v;
        }
    }
    for row in [10u8, 11, 34, 35]
        .into_iter()
        .chain(outcome_rows.iter().copied())
    {
        push(row, 7, totals[usize::from(row)][0]);
    }
    for (i, parts) in appeals.iter().enumerate() {
        let row = 40 + i as u8;
        for (j, v) in parts.iter().enumerate() {
            push(row, 10 + j as u8, *v);
        }
        push(row, 14, parts.iter().sum());
    }
    let mut r = Report {
        agency: "随机".into(),
        year: 2024,
        template: Template::T2021,
        region_code: None,
        source: None,
        format: "csv".into(),
        cells,
    };
    r.sort_cells();
    r
}

fn counts(n: usize) -> impl Strategy<Value = Vec<i64>> {
    prop::collection::vec(
        prop_oneof![3 => Just(0i64), 2 => 0i64..5, 1 => 0i64..500],
        n,
    )
}

fn report() -> impl Strategy<Value = Report> {
    (
        prop::collection::vec(counts(21), 6),
        counts(6),
        counts(6),
        prop::collection::vec(counts(4), 3),
    )
        .prop_map(|(o, out, carried, a)| build(&o, &out, &carried, &a))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn valid_reports_are_clean(r in report()) {
        prop_assert_eq!(check_report(&r), vec![]);
    }

    /// Blanks (for zero or for "not stated") never make an error.
    #[test]
    fn blanks_never_make_an_error(r in report(), mask in prop::collection::vec(any::<bool>(), 200)) {
        let mut r = r;
        for (c, blank) in r.cells.iter_mut().zip(mask.iter().cycle()) {
            if *blank {
                c.value = Value::Blank;
            }
        }
        let found = check_report(&r);
        prop_assert!(found.iter().all(|f| f.severity == Severity::Info), "{:#?}", found);
    }

    /// Nor do cells left out altogether.
    #[test]
    fn missing_cells_never_make_an_error(r in report(), keep in prop::collection::vec(any::<bool>(), 200)) {
        let mut r = r;
        let mut it = keep.iter().cycle();
        r.cells.retain(|_| *it.next().unwrap());
        let found = check_report(&r);
        prop_assert!(found.iter().all(|f| f.severity == Severity::Info), "{:#?}", found);
    }

    /// One cell changed is caught at that cell, and nowhere else.
    #[test]
    fn one_cell_changed_is_caught_there(r in report(), i in any::<prop::sample::Index>(), delta in 1i64..50) {
        let mut r = r;
        let i = i.index(r.cells.len());
        let Value::Int(v) = r.cells[i].value else { unreachable!() };
        r.cells[i].value = Value::Int(if v >= delta && delta % 2 == 0 { v - delta } else { v + delta });
        let (row, col) = (r.cells[i].row, r.cells[i].col);
        let mut got: Vec<_> = check_report(&r)
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| (f.rule, f.row, f.column))
            .collect();
        let mut want = expected_for(row, col);
        got.sort();
        want.sort();
        prop_assert_eq!(got, want);
    }
}

//! Values of every size through the CSV reader into the store: a value past the ceiling is
//! refused with its line, and the per-year totals kept for the national view are the exact
//! sums of what was stored (never wrapped).

use crate::read::{self, Problems};
use crate::store::{Prepared, Store};
use proptest::prelude::*;
use std::path::Path;

/// Values as printed: small, at and around the ceiling, past i64, and i64's own extremes.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u64..1000).prop_map(|v| v.to_string()),
        (0u64..3).prop_map(|d| (999_999_999_999 - d).to_string()),
        Just("1000000000000".to_string()),
        Just("5000000000000000000".to_string()),
        Just(i64::MAX.to_string()),
        Just("9223372036854775808".to_string()),
        "[1-9][0-9]{12,30}",
    ]
}

/// One case: the values as CSV lines of their own agencies, read into a store. Err says what
/// went wrong.
fn case(values: Vec<String>) -> Result<(), String> {
    let mut text = String::from("agency,year,section,row,column,value\n");
    for (i, v) in values.iter().enumerate() {
        text.push_str(&format!("机构{i},2024,requests,received_new,total,{v}\n"));
    }
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    let mut importer = store.begin_import("test").unwrap();
    importer.begin_file().unwrap();
    let mut problems = Problems::default();
    let mut put_error = None;
    read::csv::read(
        Box::new(std::io::Cursor::new(text.into_bytes())),
        Path::new("v.csv"),
        &mut problems,
        &mut |r| {
            if let Err(e) = importer.put(&Prepared::new(r)) {
                put_error = Some(e.to_string());
            }
            Ok(())
        },
    )
    .unwrap();
    if let Some(e) = put_error {
        return Err(format!("the store refused a report the reader passed: {e}"));
    }
    // Each value past the ceiling is named by its line, and nothing else is a problem.
    let lines: Vec<u64> = problems.list.iter().filter_map(|p| p.line).collect();
    let want: Vec<u64> = values
        .iter()
        .enumerate()
        .filter(|(_, v)| v.parse::<i128>().unwrap() > 999_999_999_999)
        .map(|(i, _)| i as u64 + 2)
        .collect();
    if lines != want
        || problems
            .list
            .iter()
            .any(|p| !p.message.contains("is more than a cell may hold"))
    {
        return Err(format!("lines {lines:?}, expected {want:?}:\n{problems}"));
    }
    if !problems.is_empty() {
        return Ok(());
    }
    importer.end_file(true).unwrap();
    importer.commit("v.csv").unwrap();
    let total: i64 = store
        .conn
        .query_row(
            "SELECT total FROM year_cell_total t JOIN row_dim r ON r.id = t.row_id
             JOIN col_dim c ON c.id = t.col_id
             WHERE year = 2024 AND r.code = 'received_new' AND c.code = 'total'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let exact: i128 = values.iter().map(|v| v.parse::<i128>().unwrap()).sum();
    if i128::from(total) != exact {
        return Err(format!(
            "the national total is {total}, the values add up to {exact}"
        ));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    /// Each case on a thread given 20 seconds (hostile values must not hang the import).
    #[test]
    fn values_past_the_ceiling_are_refused_and_totals_never_wrap(
        values in prop::collection::vec(value(), 1..8),
    ) {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(case(values));
        });
        match rx.recv_timeout(std::time::Duration::from_secs(20)) {
            Ok(result) => result.map_err(TestCaseError::fail)?,
            Err(_) => return Err(TestCaseError::fail("the import did not finish within 20 s")),
        }
    }
}

//! One number rule for every view in every format, checked over every canned view on the
//! bundled data: a table and Markdown print REAL values and every value of a rate column
//! with 4 decimals and integers as integers; CSV and JSON carry the full number, a REAL or a
//! rate is always a JSON float, and JSON keeps the columns in the query's order.

use crate::harness::{Env, raw_objects, records_in_order, repo};
use serde_json::Value as Json;

/// The bundled data, as the README's examples run it.
fn bundled() -> Env {
    let env = Env::new();
    env.run(["import".as_ref(), repo().join("data").as_os_str()])
        .success();
    env
}

/// A column whose name says it holds a fraction, a percentage, percentage points or an
/// average (the renderer's rule, restated here as the README states it).
fn fractional(column: &str) -> bool {
    column
        .split('_')
        .any(|w| matches!(w, "rate" | "share" | "pct" | "pp" | "per"))
}

/// What a table or Markdown cell must show for a value as JSON gave it (`raw`: its text).
fn shown(v: &Json, raw: &str) -> String {
    match v {
        Json::Null => String::new(),
        Json::Number(n) if n.is_f64() => {
            let s = format!("{:.4}", raw.parse::<f64>().unwrap());
            if s == "-0.0000" { "0.0000".into() } else { s }
        }
        other => other
            .as_str()
            .map_or_else(|| other.to_string(), str::to_string),
    }
}

fn table_cells(table: &str) -> Vec<Vec<String>> {
    table
        .lines()
        .filter(|l| l.starts_with('│'))
        .skip(1)
        .map(|l| {
            let cells: Vec<&str> = l.split('│').collect();
            cells[1..cells.len() - 1]
                .iter()
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect()
}

fn markdown_cells(md: &str) -> Vec<Vec<String>> {
    md.lines()
        .skip(2)
        .map(|l| {
            l.trim_start_matches("| ")
                .trim_end_matches(" |")
                .split(" | ")
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn every_view_prints_numbers_by_one_rule_in_every_format() {
    let env = bundled();
    let list = env
        .run(["query", "--list", "--format", "csv"])
        .success()
        .stdout();
    let views: Vec<String> = records_in_order(&list)
        .into_iter()
        .map(|r| r[0].clone())
        .collect();
    assert!(views.len() >= 17, "{views:?}");
    let mut fraction_values = 0;
    for view in &views {
        let run = |format: &str| {
            env.run(["query", view, "--format", format])
                .success()
                .stdout()
        };
        let (csv, json, md, table) = (run("csv"), run("json"), run("markdown"), run("table"));
        let header: Vec<String> = csv
            .lines()
            .next()
            .unwrap()
            .split(',')
            .map(str::to_string)
            .collect();
        let raw = raw_objects(&json);
        for keys in &raw {
            let keys: Vec<&String> = keys.iter().map(|(k, _)| k).collect();
            assert_eq!(
                keys,
                header.iter().collect::<Vec<_>>(),
                "{view}: JSON keys in column order"
            );
        }
        let objects: Vec<serde_json::Map<String, Json>> = serde_json::from_str(&json).unwrap();
        let csv_rows = records_in_order(&csv);
        let (md_rows, table_rows) = (markdown_cells(&md), table_cells(&table));
        assert_eq!(objects.len(), csv_rows.len(), "{view}");
        assert_eq!(objects.len(), md_rows.len(), "{view}");
        assert_eq!(objects.len(), table_rows.len(), "{view}");
        for (i, object) in objects.iter().enumerate() {
            for (c, column) in header.iter().enumerate() {
                let v = &object[column];
                let at = format!("{view} row {i} column {column}");
                if fractional(column) {
                    assert!(v.is_null() || v.is_f64(), "{at}: {v} is not a JSON float");
                    fraction_values += usize::from(v.is_f64());
                }
                // CSV: the same number as JSON, every digit of it; a REAL keeps its point.
                let cell = &csv_rows[i][c];
                match v {
                    Json::Null => assert_eq!(cell, "", "{at}"),
                    Json::Number(n) if n.is_f64() => {
                        assert_eq!(*cell, raw[i][c].1, "{at}");
                        assert!(
                            cell.contains(['.', 'e']),
                            "{at}: {cell} reads as an integer"
                        );
                    }
                    other => assert_eq!(*cell, shown(other, &raw[i][c].1), "{at}"),
                }
                let want = shown(v, &raw[i][c].1);
                assert_eq!(md_rows[i][c], want, "{at} (Markdown)");
                assert_eq!(table_rows[i][c], want, "{at} (table)");
            }
        }
    }
    // The views do have rates, and SQLite gives some of them as integers (1, 0).
    assert!(fraction_values > 50, "{fraction_values}");
}

/// The README's examples: a rate of 1 is `1.0000` in a table as in the rows beside it, and
/// Markdown is rounded the same way.
#[test]
fn a_rate_of_one_prints_as_a_rate() {
    let env = bundled();
    env.run(["query", "resolution-rates", "--year", "2024"])
        .success()
        .stdout_has("│ 平潭综合实验区 │ 2024 │          218 │          0 │       218 │           0 │          1.0000 │          0.4587 │");
    env.run([
        "query",
        "resolution-rates",
        "--agency",
        "平潭综合实验区",
        "--format",
        "markdown",
    ])
    .success()
    .stdout_has("| 平潭综合实验区 | 2019 | 23 | 0 | 23 | 0 | 1.0000 | 0.3478 |");
    let json = env
        .run([
            "query",
            "resolution-rates",
            "--year",
            "2024",
            "--format",
            "json",
        ])
        .success()
        .stdout();
    assert!(json.contains("\"resolution_rate\": 1.0,"), "{json}");
    // Ad hoc SQL follows the same rule.
    env.run([
        "sql",
        "SELECT agency, resolution_rate FROM resolution_rates WHERE year = 2024",
        "--format",
        "csv",
    ])
    .success()
    .stdout_has("平潭综合实验区,1.0\n");
}

/// An amount of money is a number wherever it is printed, with the digits of the report:
/// `show` as `export` (both keep the text stored), the views as a REAL.
#[test]
fn an_amount_is_a_json_number_everywhere() {
    let env = bundled();
    let fee = |args: &[&str]| -> Json {
        let mut all = args.to_vec();
        all.extend(["--format", "json"]);
        let rows: Vec<Json> = serde_json::from_str(&env.run(all).success().stdout()).unwrap();
        rows.into_iter()
            .find(|r| r["column"] == "amount_10k_yuan")
            .map(|r| r["value"].clone())
            .expect("the fee is printed")
    };
    let jinjiang = ["--agency", "晋江市人民政府"];
    for args in [
        &["show", "--year", "2024"][..],
        &["export"][..],
        &["query", "proactive"][..],
        &["query", "cells"][..],
    ] {
        let mut all = args.to_vec();
        all.extend(jinjiang);
        let v = fee(&all);
        assert!(v.is_number(), "{args:?}: {v}");
        assert_eq!(v.as_f64(), Some(1002.3819), "{args:?}");
    }
    env.run([
        "show",
        "--agency",
        "晋江市人民政府",
        "--year",
        "2024",
        "--format",
        "json",
    ])
    .success()
    .stdout_has("\"value\": 1002.3819,\n");
}

//! `export --format xlsx` and `--format parquet`, read back by the programs people open them
//! with: the parquet crate itself (always), pyarrow, pandas and DuckDB, openpyxl, and
//! LibreOffice. Each Python module or LibreOffice missing skips its part with a printed reason
//! (`pip install openpyxl pyarrow pandas duckdb` brings them); every number is checked against
//! the CSV export.

use crate::harness::{Env, fixture, records_in_order, repo};
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

/// The bundled reports (平潭 2019 of the 2019 template among them), the seed report with its fee
/// of 1002.3819 万元, one report with an amount printed 01.50 and a blank cell, and region
/// codes and levels for two agencies.
fn env() -> Env {
    let env = Env::new();
    env.run(["import".as_ref(), repo().join("data").as_os_str()])
        .success();
    env.run([
        "import".as_ref(),
        fixture("expected/jinjiang-2024.csv").as_os_str(),
    ])
    .success();
    env.write(
        "odd.csv",
        "agency,year,section,row,column,value\n\
         某县人民政府,2023,proactive,fees,amount_10k_yuan,01.50\n\
         某县人民政府,2023,requests,received_new,natural_person,\n\
         某县人民政府,2023,requests,received_new,total,7\n",
    );
    env.run(["import", "odd.csv"]).success();
    env.run([
        "agency",
        "set",
        "晋江市人民政府",
        "--region",
        "350582",
        "--level",
        "county",
    ])
    .success();
    env.run(["agency", "set", "淮安市人民政府", "--region", "320800"])
        .success();
    env
}

/// Runs a Python script with arguments; None (saying why) when Python or a module it imports
/// is missing.
fn python(modules: &[&str], script: &str, args: &[&Path]) -> Option<String> {
    let check = format!("import {}", modules.join(", "));
    match Command::new("python3").args(["-c", &check]).output() {
        Ok(o) if o.status.success() => {}
        _ => {
            eprintln!(
                "skipped: python3 with {} is not installed (pip install {})",
                modules.join(", "),
                modules.join(" ")
            );
            return None;
        }
    }
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "python failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).unwrap())
}

/// A number's text as an exact value to compare (`01.50` = `1.5` = `1.500000`).
fn exact(text: &str) -> Option<(i128, u32)> {
    let (neg, t) = match text.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, text),
    };
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    let frac = frac.trim_end_matches('0');
    let digits = format!("{int}{frac}");
    let m: i128 = if digits.is_empty() {
        0
    } else {
        digits.parse().ok()?
    };
    let m = if neg { -m } else { m };
    Some(if m == 0 {
        (0, 0)
    } else {
        (m, frac.len() as u32)
    })
}

/// The CSV export (--full) as records keyed by agency, year, section, row and column, the
/// value's text beside.
fn csv_cells(env: &Env, args: &[&str]) -> Vec<Vec<String>> {
    let mut all = vec!["export", "--full"];
    all.extend(args);
    records_in_order(&env.run(&all).success().stdout())
}

#[test]
fn xlsx_lays_out_each_report_and_holds_the_csv_numbers() {
    let env = env();
    env.run(["export", "-o", "all.xlsx"]).success();
    let xlsx = env.path("all.xlsx");
    let csv = csv_cells(&env, &[]);
    // One report alone: no comparison sheet.
    env.run([
        "export",
        "--agency",
        "晋江市人民政府",
        "--format",
        "xlsx",
        "-o",
        "one.xlsx",
    ])
    .success();
    libreoffice(&env, &xlsx, &csv);
    let script = r#"
import json, sys, openpyxl
out = {}
for path in sys.argv[1:]:
    wb = openpyxl.load_workbook(path)
    sheets = {}
    for ws in wb.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    cells[c.coordinate] = [c.value, c.number_format]
        sheets[ws.title] = {
            "cells": cells,
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "rows": [[c for c in r] for r in ws.iter_rows(values_only=True)],
        }
    out[path] = {"names": wb.sheetnames, "sheets": sheets}
print(json.dumps(out, default=str))
"#;
    let one = env.path("one.xlsx");
    let Some(text) = python(&["openpyxl"], script, &[&xlsx, &one]) else {
        return;
    };
    let books: serde_json::Value = serde_json::from_str(&text).unwrap();
    let book = &books[xlsx.to_str().unwrap()];
    let names: Vec<&str> = book["names"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert_eq!(names.first(), Some(&"对比 compare"));
    assert_eq!(names.last(), Some(&"长表 long"));
    assert!(names.contains(&"晋江市人民政府 2024"), "{names:?}");
    assert!(names.contains(&"平潭综合实验区 2019"), "{names:?}");
    assert_eq!(
        books[one.to_str().unwrap()]["names"],
        serde_json::json!(["晋江市人民政府 2024", "长表 long"])
    );

    // The long sheet is the CSV, number for number.
    let long = book["sheets"]["长表 long"]["rows"].as_array().unwrap();
    assert_eq!(
        long[0],
        serde_json::json!([
            "agency",
            "year",
            "section",
            "row",
            "column",
            "value",
            "region_code",
            "template",
            "source"
        ])
    );
    assert_eq!(long.len() - 1, csv.len());
    for (row, record) in long[1..].iter().zip(&csv) {
        let row = row.as_array().unwrap();
        let text = |v: &serde_json::Value| match v {
            serde_json::Value::Null => String::new(),
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            other => other.to_string(),
        };
        for i in [0, 2, 3, 4, 6, 8] {
            assert_eq!(text(&row[i]), record[i], "{record:?}");
        }
        assert_eq!(row[1].as_i64(), record[1].parse().ok(), "{record:?}");
        if record[5].is_empty() {
            assert!(row[5].is_null(), "a blank cell stays blank: {record:?}");
        } else {
            assert_eq!(exact(&text(&row[5])), exact(&record[5]), "{record:?}");
            assert!(row[5].is_number(), "{record:?}");
        }
    }

    // A report sheet: the template's layout, the numbers where it prints them.
    let sheet = &book["sheets"]["晋江市人民政府 2024"];
    let rows = sheet["rows"].as_array().unwrap();
    let find = |label: &str| {
        rows.iter()
            .find(|r| r.as_array().unwrap().iter().any(|c| c == label))
            .unwrap_or_else(|| panic!("no line labelled {label}"))
            .as_array()
            .unwrap()
            .clone()
    };
    let value = |row: &str, col: &str| -> String {
        csv.iter()
            .find(|r| r[0] == "晋江市人民政府" && r[1] == "2024" && r[3] == row && r[4] == col)
            .map(|r| r[5].clone())
            .unwrap_or_else(|| panic!("{row} {col}"))
    };
    let intake = find("一、本年新收政府信息公开申请数量");
    let columns = [
        "natural_person",
        "commercial_enterprise",
        "research_institution",
        "social_welfare_org",
        "legal_service_org",
        "other_org",
        "total",
    ];
    for (i, col) in columns.iter().enumerate() {
        assert_eq!(
            intake[3 + i].to_string(),
            value("received_new", col),
            "{col}"
        );
    }
    let secret = find("1.属于国家秘密");
    assert_eq!(
        secret[9].to_string(),
        value("withheld_state_secret", "total")
    );
    let fee = find("行政事业性收费");
    assert_eq!(fee[3].as_f64(), Some(1002.3819));
    let merged: Vec<&str> = sheet["merged"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    let cells = sheet["cells"].as_object().unwrap();
    let at = |label: &str| {
        cells
            .iter()
            .find(|(_, v)| v[0] == label)
            .map(|(k, _)| k.clone())
            .unwrap_or_else(|| panic!("no cell {label}"))
    };
    // 三、本年度办理结果 down the side of the 22 outcome rows, （三）不予公开 beside its eight.
    let outcome = at("三、本年度办理结果");
    let withheld = at("（三）不予公开");
    let row_of = |cell: &str| -> u32 {
        cell.trim_start_matches(char::is_alphabetic)
            .parse()
            .unwrap()
    };
    assert!(
        merged.contains(&format!("{outcome}:A{}", row_of(&outcome) + 21).as_str()),
        "{merged:?}"
    );
    assert!(
        merged.contains(&format!("{withheld}:B{}", row_of(&withheld) + 7).as_str()),
        "{merged:?}"
    );
    assert!(
        merged.iter().any(|m| m.starts_with(&at("申请人情况"))),
        "{merged:?}"
    );
    let fee_cell = cells
        .iter()
        .find(|(_, v)| v[0].as_f64() == Some(1002.3819))
        .unwrap();
    assert_eq!(fee_cell.1[1], "0.0000", "the amount shows its 4 decimals");
    // A blank cell is empty; 7 beside it is the number.
    let odd = &book["sheets"]["某县人民政府 2023"]["rows"];
    let line = odd
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r[0] == "一、本年新收政府信息公开申请数量")
        .unwrap();
    assert!(line[3].is_null(), "{line}");
    assert_eq!(line[9], 7);
    // The 2019 template prints its own 表二.
    let old = &book["sheets"]["平潭综合实验区 2019"]["cells"];
    assert!(
        old.as_object()
            .unwrap()
            .values()
            .any(|v| v[0] == "政府集中采购")
    );

    // The comparison sheet: the compare view's line for every report.
    let compare = book["sheets"]["对比 compare"]["rows"].as_array().unwrap();
    let view = records_in_order(
        &env.run(["query", "compare", "--format", "csv"])
            .success()
            .stdout(),
    );
    let view: Vec<&Vec<String>> = view
        .iter()
        .filter(|r| !r[0].starts_with("median"))
        .collect();
    assert_eq!(compare.len() - 1, view.len());
    assert_eq!(compare[0][3], "level");
    let jinjiang = compare.iter().find(|r| r[0] == "晋江市人民政府").unwrap();
    let from_view = view.iter().find(|r| r[0] == "晋江市人民政府").unwrap();
    assert_eq!(jinjiang[2], "350582");
    assert_eq!(jinjiang[3], "county");
    assert_eq!(jinjiang[4].to_string(), from_view[3]);
    let rate: f64 = from_view[5].parse().unwrap();
    assert!((jinjiang[6].as_f64().unwrap() - rate).abs() < 1e-12);
}

/// LibreOffice (headless) converts every sheet to CSV: the long sheet gives the export's
/// numbers, and a report sheet its 表三 line.
fn libreoffice(env: &Env, xlsx: &Path, csv: &[Vec<String>]) {
    if Command::new("soffice").arg("--version").output().is_err() {
        eprintln!("skipped: LibreOffice (soffice) is not installed");
        return;
    }
    let out = env.path("lo");
    let profile = format!("file://{}", env.path("lo-profile").display());
    let run = Command::new("soffice")
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--convert-to"])
        // UTF-8 (76), every sheet to its own file (-1), numbers as shown.
        .arg("csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1")
        .arg("--outdir")
        .arg(&out)
        .arg(xlsx)
        .output()
        .expect("soffice runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let read = |sheet: &str| {
        std::fs::read_to_string(out.join(format!("all-{sheet}.csv")))
            .unwrap_or_else(|e| panic!("{sheet}: {e}"))
    };
    let long = records_in_order(&read("长表 long"));
    assert_eq!(long.len(), csv.len());
    for (row, record) in long.iter().zip(csv) {
        assert_eq!(row[..5], record[..5]);
        assert_eq!(exact(&row[5]), exact(&record[5]), "{record:?}");
    }
    let sheet = read("晋江市人民政府 2024");
    let intake: Vec<&str> = sheet
        .lines()
        .find(|l| l.starts_with("一、本年新收政府信息公开申请数量"))
        .unwrap()
        .split(',')
        .collect();
    assert_eq!(intake[3..10], ["203", "9", "0", "0", "4", "3", "219"]);
    assert!(sheet.contains("1002.3819"), "{sheet}");
    let names: HashMap<_, _> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| (e.unwrap().file_name(), ()))
        .collect();
    assert!(names.len() >= 3, "a file per sheet: {names:?}");
}

/// A parquet file's columns: (name, type) each, and each column's values as text.
type Columns = (Vec<(String, String)>, Vec<Vec<Option<String>>>);

/// The columns of a parquet file read back with the parquet crate, each value as text (a
/// decimal with its scale's digits), None for null.
fn parquet_columns(path: &Path) -> Columns {
    use arrow_array::types::Int32Type;
    use arrow_array::{
        Array, Decimal128Array, DictionaryArray, Int32Array, Int64Array, StringArray,
    };
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    let file = std::fs::File::open(path).unwrap();
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
    let schema: Vec<(String, String)> = builder
        .schema()
        .fields()
        .iter()
        .map(|f| (f.name().clone(), f.data_type().to_string()))
        .collect();
    let mut columns = vec![Vec::new(); schema.len()];
    for batch in builder.build().unwrap() {
        let batch = batch.unwrap();
        for (i, col) in batch.columns().iter().enumerate() {
            let any = col.as_any();
            let texts: Vec<Option<String>> =
                if let Some(d) = any.downcast_ref::<DictionaryArray<Int32Type>>() {
                    let values = d.values().as_any().downcast_ref::<StringArray>().unwrap();
                    (0..d.len())
                        .map(|j| {
                            d.is_valid(j)
                                .then(|| values.value(d.keys().value(j) as usize).to_string())
                        })
                        .collect()
                } else if let Some(a) = any.downcast_ref::<Int32Array>() {
                    (0..a.len())
                        .map(|j| a.is_valid(j).then(|| a.value(j).to_string()))
                        .collect()
                } else if let Some(a) = any.downcast_ref::<Int64Array>() {
                    (0..a.len())
                        .map(|j| a.is_valid(j).then(|| a.value(j).to_string()))
                        .collect()
                } else if let Some(a) = any.downcast_ref::<Decimal128Array>() {
                    (0..a.len())
                        .map(|j| a.is_valid(j).then(|| a.value_as_string(j)))
                        .collect()
                } else {
                    panic!("column {i}: {:?}", col.data_type());
                };
            columns[i].extend(texts);
        }
    }
    (schema, columns)
}

#[test]
fn parquet_is_the_csv_typed_with_labels_and_regions() {
    let env = env();
    env.run(["export", "-o", "all.parquet"]).success();
    let csv = csv_cells(&env, &[]);
    let (schema, columns) = parquet_columns(&env.path("all.parquet"));
    let names: Vec<&str> = schema.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "agency",
            "year",
            "section",
            "row",
            "column",
            "value",
            "value_money",
            "section_label",
            "row_label",
            "column_label",
            "region_code",
            "level",
            "template",
            "source"
        ]
    );
    let types: HashMap<&str, &str> = schema
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    assert_eq!(types["year"], "Int32");
    assert_eq!(types["value"], "Int64");
    // The most decimals of any amount stored: 7539.443252 万元 in 平潭's 2019 report.
    assert_eq!(types["value_money"], "Decimal128(38, 6)");
    assert_eq!(types["row"], "Dictionary(Int32, Utf8)");
    let col = |name: &str| &columns[names.iter().position(|n| *n == name).unwrap()];
    assert_eq!(col("agency").len(), csv.len());
    for (i, record) in csv.iter().enumerate() {
        let text = |name: &str| col(name)[i].clone().unwrap_or_default();
        for (j, name) in ["agency", "year", "section", "row", "column"]
            .iter()
            .enumerate()
        {
            assert_eq!(text(name), record[j], "{record:?}");
        }
        assert_eq!(text("region_code"), record[6]);
        assert_eq!(text("template"), record[7]);
        assert_eq!(text("source"), record[8]);
        let (count, money) = (col("value")[i].clone(), col("value_money")[i].clone());
        match (record[5].as_str(), record[4].as_str()) {
            ("", _) => assert_eq!((count, money), (None, None), "{record:?}"),
            (v, "amount_10k_yuan") => {
                assert_eq!(count, None);
                assert_eq!(exact(&money.unwrap()), exact(v), "{record:?}");
            }
            (v, _) => {
                assert_eq!(count.as_deref(), Some(v), "{record:?}");
                assert_eq!(money, None);
            }
        }
    }
    let line = |row: &str, column: &str, agency: &str| {
        (0..csv.len())
            .find(|&i| csv[i][0] == agency && csv[i][3] == row && csv[i][4] == column)
            .unwrap()
    };
    let i = line(
        "withheld_state_secret",
        "commercial_enterprise",
        "晋江市人民政府",
    );
    assert_eq!(
        col("row_label")[i].as_deref(),
        Some("三（三）1.属于国家秘密")
    );
    assert_eq!(
        col("column_label")[i].as_deref(),
        Some("法人或其他组织 · 商业企业")
    );
    assert_eq!(
        col("section_label")[i].as_deref(),
        Some("收到和处理政府信息公开申请情况")
    );
    assert_eq!(col("level")[i].as_deref(), Some("county"));
    let i = line("fees", "amount_10k_yuan", "晋江市人民政府");
    assert_eq!(col("value_money")[i].as_deref(), Some("1002.381900"));
    assert_eq!(
        col("column_label")[i].as_deref(),
        Some("本年收费金额（单位：万元）")
    );
    let i = line("received_new", "total", "淮安市人民政府");
    assert_eq!(col("level")[i].as_deref(), Some("prefecture"));
    assert_eq!(col("region_code")[i].as_deref(), Some("320800"));
    let i = line("fees", "amount_10k_yuan", "某县人民政府");
    assert_eq!(col("value_money")[i].as_deref(), Some("1.500000"));
    assert_eq!(col("level")[i], None);

    // Nothing selected: a file with the columns and no line.
    env.run([
        "export", "--region", "99", "--format", "parquet", "-o", "none.pq",
    ])
    .success();
    let (empty_schema, empty) = parquet_columns(&env.path("none.pq"));
    assert_eq!(empty_schema.len(), names.len());
    assert!(empty.iter().all(Vec::is_empty));

    // Python's tools read it as it is: pandas (categories, integers, exact decimals), DuckDB.
    let script = r#"
import sys, decimal, json, pandas, duckdb
path = sys.argv[1]
df = pandas.read_parquet(path)
money = df.loc[df["column"] == "amount_10k_yuan", "value_money"].dropna()
intake = df[(df["row"] == "received_new") & (df["column"] == "total")]
con = duckdb.connect()
n, total, fees = con.execute(
    """SELECT count(*), sum(value) FILTER (WHERE "row" = 'received_new' AND "column" = 'total'),
              sum(value_money) FROM read_parquet(?)""", [path]).fetchone()
kind = con.execute("SELECT typeof(value_money), typeof(year), typeof(value) FROM read_parquet(?) LIMIT 1", [path]).fetchone()
print(json.dumps({
    "rows": len(df), "year": str(df["year"].dtype), "row": str(df["row"].dtype),
    "money": str(sum(money, decimal.Decimal(0))), "intake": int(intake["value"].sum()),
    "duckdb": [n, int(total), str(fees)], "types": list(kind),
}))
"#;
    let path = env.path("all.parquet");
    let Some(text) = python(&["pandas", "pyarrow", "duckdb"], script, &[&path]) else {
        return;
    };
    let got: serde_json::Value = serde_json::from_str(&text).unwrap();
    fn stated<'a>(
        csv: &'a [Vec<String>],
        row: &'a str,
        column: &'a str,
    ) -> impl Iterator<Item = &'a Vec<String>> {
        csv.iter()
            .filter(move |r| r[3] == row && r[4] == column && !r[5].is_empty())
    }
    let intake: i64 = stated(&csv, "received_new", "total")
        .map(|r| r[5].parse::<i64>().unwrap())
        .sum();
    let money = stated(&csv, "fees", "amount_10k_yuan")
        .chain(stated(&csv, "procurement", "amount_10k_yuan"))
        .map(|r| exact(&r[5]).unwrap())
        .fold(0i128, |acc, (m, s)| acc + m * 10i128.pow(6 - s));
    let money = format!("{}.{:06}", money / 1_000_000, money % 1_000_000);
    assert_eq!(got["rows"], csv.len());
    assert_eq!(got["year"], "int32");
    assert_eq!(got["row"], "category");
    assert_eq!(got["intake"], intake);
    assert_eq!(exact(got["money"].as_str().unwrap()), exact(&money));
    assert_eq!(got["duckdb"][0], csv.len());
    assert_eq!(got["duckdb"][1], intake);
    assert_eq!(exact(got["duckdb"][2].as_str().unwrap()), exact(&money));
    assert_eq!(
        got["types"],
        serde_json::json!(["DECIMAL(38,6)", "INTEGER", "BIGINT"])
    );
}

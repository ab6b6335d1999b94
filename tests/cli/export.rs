//! `gov-db export` in every format: the canonical CSV (the default, unchanged), and the same
//! records as JSON, a table or Markdown.

use crate::harness::{Env, fixture, raw_objects, records_in_order, repo};
use serde_json::Value as Json;

/// The bundled data and the real reports' ground truth (a fee in 万元 among them), plus one
/// report whose amount is printed with a leading zero and a trailing one, and a blank cell.
fn env_with_amounts() -> Env {
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
    env
}

#[test]
fn export_as_json_is_the_csv_records_typed() {
    let env = env_with_amounts();
    for extra in [
        &[][..],
        &["--full"][..],
        &["--year", "2023"][..],
        &["--agency", "平潭综合实验区"][..],
    ] {
        let run = |format: &str| {
            let mut args = vec!["export", "--format", format];
            args.extend(extra);
            env.run(&args).success().stdout()
        };
        let csv = run("csv");
        let json = run("json");
        let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
        let records = records_in_order(&csv);
        assert!(!records.is_empty(), "{extra:?}");
        let parsed: Vec<serde_json::Map<String, Json>> =
            serde_json::from_str(&json).unwrap_or_else(|e| panic!("{extra:?}: {e}\n{json}"));
        let raw = raw_objects(&json);
        assert_eq!(parsed.len(), records.len(), "{extra:?}");
        assert_eq!(raw.len(), records.len(), "{extra:?}");
        for ((record, object), raw) in records.iter().zip(&parsed).zip(&raw) {
            let keys: Vec<&str> = raw.iter().map(|(k, _)| k.as_str()).collect();
            assert_eq!(
                keys, header,
                "{extra:?}: keys are the CSV's columns, in order"
            );
            for (column, cell) in header.iter().zip(record) {
                let v = &object[*column];
                let text = &raw.iter().find(|(k, _)| k == column).unwrap().1;
                match *column {
                    "year" | "template" => {
                        assert!(v.is_u64(), "{column}: {v}");
                        assert_eq!(text, cell);
                    }
                    "value" if cell.is_empty() => assert!(v.is_null(), "{record:?}"),
                    // The number as printed, every digit of it; only what JSON cannot write
                    // (a leading zero) is left out.
                    "value" => {
                        assert!(v.is_number(), "{record:?}: {v}");
                        let digits = cell.trim_start_matches('0');
                        let want = if digits.is_empty() || digits.starts_with('.') {
                            format!("0{digits}")
                        } else {
                            digits.to_string()
                        };
                        assert_eq!(*text, want, "{record:?}");
                    }
                    _ if cell.is_empty() => assert!(v.is_null(), "{column}: {record:?}"),
                    _ => assert_eq!(v.as_str(), Some(cell.as_str()), "{column}"),
                }
            }
        }
    }
    // The amounts as printed, as JSON numbers: a fee in 万元 and one printed 01.50.
    let json = env
        .run(["export", "--format", "json", "--agency", "晋江市人民政府"])
        .success()
        .stdout();
    assert!(json.contains("\"value\": 1002.3819\n"), "{json}");
    let json = env
        .run(["export", "--format", "json", "--agency", "某县人民政府"])
        .success()
        .stdout();
    assert!(json.contains("\"value\": 1.50\n"), "{json}");
}

#[test]
fn export_prints_a_table_and_markdown_too() {
    let env = env_with_amounts();
    let table = env
        .run(["export", "--format", "table", "--agency", "某县人民政府"])
        .success()
        .stdout();
    assert!(
        table.contains(
            "│ 某县人民政府 │ 2023 │ proactive │ fees         │ amount_10k_yuan │ 01.50 │"
        ),
        "{table}"
    );
    let md = env
        .run(["export", "--format", "markdown", "--agency", "某县人民政府"])
        .success()
        .stdout();
    assert_eq!(
        md,
        "| agency | year | section | row | column | value |\n\
         | --- | ---: | --- | --- | --- | ---: |\n\
         | 某县人民政府 | 2023 | proactive | fees | amount_10k_yuan | 01.50 |\n\
         | 某县人民政府 | 2023 | requests | received_new | natural_person |  |\n\
         | 某县人民政府 | 2023 | requests | received_new | total | 7 |\n"
    );
    // CSV stays the default, byte for byte.
    assert_eq!(
        env.run(["export"]).success().stdout(),
        env.run(["export", "--format", "csv"]).success().stdout()
    );
}

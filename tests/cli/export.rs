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

/// --bom puts the UTF-8 byte order mark Excel wants before the same CSV, which gov-db imports
/// back as it was; it is for CSV alone.
#[test]
fn export_bom_is_the_csv_behind_a_byte_order_mark() {
    let env = env_with_amounts();
    let plain = env.run(["export"]).success().stdout();
    let bom = env.run(["export", "--bom"]).success().output.stdout.clone();
    assert_eq!(&bom[..3], b"\xEF\xBB\xBF");
    assert_eq!(String::from_utf8(bom[3..].to_vec()).unwrap(), plain);
    env.write("bom.csv", &bom);
    let again = Env::new();
    again
        .run(["import".as_ref(), env.path("bom.csv").as_os_str()])
        .success();
    assert_eq!(again.run(["export"]).success().stdout(), plain);
    env.run(["export", "--bom", "--format", "json"])
        .failure(2)
        .stderr_has("--bom is for CSV");
}

/// --wide: one line per report row, the row's label beside its code, its numbers side by side
/// under their column codes; read back into one number per line it is the long form (a blank
/// cell is empty in both).
#[test]
fn export_wide_is_the_long_form_side_by_side() {
    let env = env_with_amounts();
    let long = env.run(["export"]).success().stdout();
    let wide = env.run(["export", "--wide"]).success().stdout();
    let header: Vec<String> = wide
        .lines()
        .next()
        .unwrap()
        .split(',')
        .map(String::from)
        .collect();
    assert_eq!(
        header[..12].join(","),
        "agency,year,section,row,row_label,natural_person,commercial_enterprise,\
         research_institution,social_welfare_org,legal_service_org,other_org,total"
    );
    let mut from_wide = Vec::new();
    let mut lines = std::collections::HashSet::new();
    for line in records_in_order(&wide) {
        assert!(
            lines.insert(line[..4].to_vec()),
            "one line per row: {line:?}"
        );
        for (column, value) in header.iter().zip(&line).skip(5) {
            if !value.is_empty() {
                let mut record = line[..4].to_vec();
                record.push(column.clone());
                record.push(value.clone());
                from_wide.push(record);
            }
        }
    }
    let mut stated: Vec<Vec<String>> = records_in_order(&long)
        .into_iter()
        .filter(|r| !r[5].is_empty())
        .collect();
    let rows: std::collections::HashSet<Vec<String>> = records_in_order(&long)
        .iter()
        .map(|r| r[..4].to_vec())
        .collect();
    assert_eq!(lines, rows);
    stated.sort();
    from_wide.sort();
    assert_eq!(from_wide, stated);
    // Labels as the template prints them, and 表四 under its own columns.
    assert!(wide.contains(
        "晋江市人民政府,2024,requests,withheld_state_secret,三（三）1.属于国家秘密,1,0,0,0,0,0,1,,,,,"
    ));
    assert!(wide.contains("某县人民政府,2023,proactive,fees,行政事业性收费,"));
    let json = env
        .run([
            "export",
            "--wide",
            "--format",
            "json",
            "--agency",
            "晋江市人民政府",
        ])
        .success()
        .stdout();
    let objects: Vec<serde_json::Map<String, Json>> = serde_json::from_str(&json).unwrap();
    let review = objects
        .iter()
        .find(|o| o["row"] == "admin_review")
        .expect("a 表四 line");
    assert!(review["upheld"].is_u64() && review["natural_person"].is_null());
    let fees = objects.iter().find(|o| o["row"] == "fees").unwrap();
    assert!(json.contains("\"amount_10k_yuan\": 1002.3819,"), "{fees:?}");
    env.run(["export", "--wide", "--format", "xlsx", "-o", "w.xlsx"])
        .failure(2)
        .stderr_has("--wide is for csv");
}

/// --region (a code prefix or a region's name) and --level select reports by their agency, as
/// in gov-db query; -o writes a file (its format told by its extension) and prints nothing.
#[test]
fn export_selects_by_region_and_level_and_writes_a_file() {
    let env = env_with_amounts();
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
    let agencies = |args: &[&str]| {
        let mut all = vec!["export"];
        all.extend(args);
        let mut names: Vec<String> = records_in_order(&env.run(&all).success().stdout())
            .into_iter()
            .map(|r| r[0].clone())
            .collect();
        names.dedup();
        names
    };
    // 平潭综合实验区 was placed in 350128 by its import.
    assert_eq!(
        agencies(&["--region", "35"]),
        ["平潭综合实验区", "晋江市人民政府"]
    );
    assert_eq!(
        agencies(&["--region", "350000"]),
        ["平潭综合实验区", "晋江市人民政府"]
    );
    // 沭阳县发展和改革局 was placed in 321322, a county department, by its import.
    assert_eq!(
        agencies(&["--region", "32"]),
        ["沭阳县发展和改革局", "淮安市人民政府"]
    );
    // 320800 is read as a prefecture where no level was set.
    assert_eq!(agencies(&["--level", "prefecture"]), ["淮安市人民政府"]);
    assert_eq!(
        agencies(&["--level", "county", "--region", "32"]),
        ["沭阳县发展和改革局"]
    );
    assert!(agencies(&["--region", "44"]).is_empty());
    env.run(["export", "--level", "city"]).failure(2);
    env.run(["export", "--region", "无此地"]).failure(2);
    assert_eq!(agencies(&["--region", "泉州市"]), ["晋江市人民政府"]);
    assert_eq!(
        agencies(&["--region", "福建"]),
        ["平潭综合实验区", "晋江市人民政府"]
    );
    // -o: the file, nothing printed; JSON told by the extension.
    let run = env.run(["export", "--region", "35", "-o", "fj.json"]);
    assert_eq!(run.success().stdout(), "");
    let file = std::fs::read_to_string(env.path("fj.json")).unwrap();
    assert_eq!(
        file,
        env.run(["export", "--region", "35", "--format", "json"])
            .success()
            .stdout()
    );
    env.run(["export", "--level", "county", "-o", "c.csv"])
        .success();
    assert_eq!(
        std::fs::read_to_string(env.path("c.csv")).unwrap(),
        env.run(["export", "--level", "county"]).success().stdout()
    );
    // Nothing is left behind under another name.
    let names: Vec<String> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("partial"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

/// xlsx and parquet are binary: refused on a terminal without -o (run under `script`, which
/// gives gov-db a terminal; skipped where it is missing), written when standard output is
/// redirected.
#[test]
fn binary_formats_are_not_written_to_a_terminal() {
    let env = env_with_amounts();
    let redirected = env
        .run(["export", "--format", "xlsx", "--agency", "晋江市人民政府"])
        .success()
        .output
        .stdout
        .clone();
    assert_eq!(&redirected[..2], b"PK", "a zip file");
    // A closed pipe (`| head -c 0`) is success, as for every command.
    for format in ["xlsx", "parquet"] {
        env.run_closed_stdout(["export", "--format", format], "")
            .success();
    }
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: no `script` to give gov-db a terminal");
        return;
    }
    let bin = assert_cmd::cargo::cargo_bin("gov-db");
    for format in ["xlsx", "parquet"] {
        let command = format!(
            "{} --db {} export --format {format}; echo \"exit $?\"",
            bin.display(),
            env.db().display()
        );
        let out = std::process::Command::new("script")
            .args(["-qec", &command, "/dev/null"])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains(&format!("{format} is binary: give -o FILE")),
            "{text}"
        );
        assert!(text.contains("exit 2"), "{text}");
    }
}

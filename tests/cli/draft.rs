//! A way in for the reports gov-db refuses: `import --dry-run FILE --draft OUT.csv` writes what
//! could be read with every other cell left to fill, a person completes it, and
//! `import --source FILE OUT.csv` stores it, every number exact, with `show` telling the cells
//! read from those completed by hand.

use crate::harness::{Env, fixture, records, records_in_order};

/// The real 晋江 2024 report with one 表三 row scrambled: `6 0 0 0 0 0 6` printed as
/// `60 0 0 0 06`, digits run together past reading.
fn scrambled(env: &Env) -> std::path::PathBuf {
    let text = std::fs::read_to_string(fixture("reports").join("jinjiang-2024.txt")).unwrap();
    let row = "4.保护第三方合法权益\t6\t0\t0\t0\t0\t0\t6";
    assert!(text.contains(row));
    env.write(
        "jinjiang-2024.txt",
        text.replacen(row, "4.保护第三方合法权益\t60\t0\t0\t0\t06", 1),
    )
}

fn truth() -> String {
    std::fs::read_to_string(fixture("expected").join("jinjiang-2024.csv")).unwrap()
}

/// The draft with each empty cell under a `not read:` note filled from the ground truth.
fn completed(draft: &str) -> String {
    let truth = records(&truth());
    let value = |key: &[String]| {
        truth
            .iter()
            .find(|t| t[2..5] == key[2..5])
            .map(|t| t[5].clone())
            .unwrap()
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "agency", "year", "section", "row", "column", "value", "template", "note",
    ])
    .unwrap();
    for mut r in records_in_order(draft) {
        if r[7].starts_with("not read: ") {
            assert_eq!(r[5], "");
            r[5] = value(&r);
        }
        w.write_record(&r).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

#[test]
fn a_refused_report_goes_in_by_a_draft_completed_by_hand() {
    let env = Env::new();
    let report = scrambled(&env);
    // Refused today, naming the row and what it printed.
    env.run(["import".as_ref(), report.as_os_str()])
        .failure(1)
        .stderr_has("表三, row “保护第三方合法权益” (withheld_third_party): expected 7 cells, found 5; printed: 60 0 0 0 06");

    // The draft: the dry run still refuses the report, and writes what it could read.
    env.run(["import", "--dry-run", "jinjiang-2024.txt", "--draft", "draft.csv"])
        .failure(1)
        .stdout_has("not read: 表三, row “保护第三方合法权益” (withheld_third_party): expected 7 cells, found 5; printed: 60 0 0 0 06 (line 98)")
        .stderr_has("wrote the draft of jinjiang-2024.txt to draft.csv: 200 cells, 7 left to fill")
        .stderr_has("then: gov-db import --source jinjiang-2024.txt draft.csv");
    let draft = std::fs::read_to_string(env.path("draft.csv")).unwrap();
    // Every cell of the template, in the ground truth's (the contract's) order.
    let keys = |text: &str| -> Vec<Vec<String>> {
        records_in_order(text)
            .into_iter()
            .map(|r| r[..5].to_vec())
            .collect()
    };
    assert_eq!(keys(&draft), keys(&truth()));
    let to_fill: Vec<Vec<String>> = records_in_order(&draft)
        .into_iter()
        .filter(|r| r[5].is_empty())
        .collect();
    assert_eq!(to_fill.len(), 7);
    assert!(to_fill.iter().all(
        |r| r[3] == "withheld_third_party" && r[7].ends_with("printed: 60 0 0 0 06 (line 98)")
    ));

    // Not completed: refused, cell by cell, and nothing is imported.
    env.run(["import", "--source", "jinjiang-2024.txt", "draft.csv"])
        .failure(1)
        .stderr_has("7 problems")
        .stderr_has("draft.csv:61: column value: left to fill: the draft could not read this cell");
    env.run(["sql", "SELECT count(*) FROM report", "--format", "csv"])
        .success()
        .stdout_has("0");

    // Completed by hand: every number exact.
    env.write("completed.csv", completed(&draft));
    env.run(["import", "--source", "jinjiang-2024.txt", "completed.csv"])
        .success()
        .stdout_has("1 new")
        .stdout_has("checks: 0 errors, 0 warnings, 0 notes");
    let exported = env.run(["export"]).success().stdout();
    assert_eq!(records(&exported), records(&truth()));

    // show: the cells completed by hand, and the line each other cell was read from.
    let shown = env
        .run([
            "show",
            "--agency",
            "晋江市人民政府",
            "--year",
            "2024",
            "--format",
            "csv",
        ])
        .success()
        .stdout();
    let hand = "completed by hand (draft of jinjiang-2024.txt)";
    let cells = records_in_order(&shown);
    assert_eq!(cells.len(), 200);
    for c in &cells {
        if c[1] == "withheld_third_party" {
            assert_eq!(c[6], hand, "{c:?}");
        } else {
            assert!(c[6].starts_with("line "), "{c:?}");
        }
    }
    assert!(shown.contains(
        "requests,received_new,本年新收政府信息公开申请数量,natural_person,自然人,203,line 91"
    ));
    env.run(["show", "--agency", "晋江市人民政府", "--year", "2024"])
        .success()
        .stdout_has("source:         jinjiang-2024.txt");
}

#[test]
fn draft_and_source_take_one_file_of_their_kind() {
    let env = Env::new();
    let report = scrambled(&env);
    let csv = fixture("expected").join("jinjiang-2024.csv");
    // --draft only with --dry-run, and of one published report.
    env.run([
        "import".as_ref(),
        report.as_os_str(),
        "--draft".as_ref(),
        "d.csv".as_ref(),
    ])
    .failure(2);
    env.run([
        "import".as_ref(),
        "--dry-run".as_ref(),
        csv.as_os_str(),
        "--draft".as_ref(),
        "d.csv".as_ref(),
    ])
    .failure(2)
    .stderr_has("--draft writes the draft of one published report");
    // --source with one CSV file, and a source that is there.
    env.run([
        "import".as_ref(),
        "--source".as_ref(),
        report.as_os_str(),
        report.as_os_str(),
    ])
    .failure(2)
    .stderr_has("give one CSV file");
    env.run([
        "import".as_ref(),
        "--source".as_ref(),
        "gone.txt".as_ref(),
        csv.as_os_str(),
    ])
    .failure(1)
    .stderr_has("--source gone.txt: no such file");
    assert!(!env.path("d.csv").exists());
}

/// A closed stdout (`| head`) loses the reading printed, not the draft nor what stderr says.
#[test]
fn a_closed_stdout_still_gets_the_draft_written() {
    let env = Env::new();
    scrambled(&env);
    let run = env.run_closed_stdout(
        [
            "import",
            "--dry-run",
            "jinjiang-2024.txt",
            "--draft",
            "draft.csv",
        ],
        "",
    );
    run.failure(1)
        .stderr_has("wrote the draft of jinjiang-2024.txt to draft.csv: 200 cells, 7 left to fill")
        .stderr_has("expected 7 cells, found 5");
    let draft = std::fs::read_to_string(env.path("draft.csv")).unwrap();
    assert_eq!(records_in_order(&draft).len(), 200);
}

//! `gov-db check FILE…`: a draft checked without a database. Each real report of the
//! fixtures, as published and with one cell changed, gives the findings an import followed by
//! `gov-db check` lists, and no database file is made; `--previous` adds the rules across
//! years; a single changed cell is hinted at with its value; the exit code gates on errors.

use crate::harness::{Env, fixture};
use serde_json::Value as Json;
use std::path::{Path, PathBuf};

/// What both listings say of a finding: everything but the database's id and review.
const SHARED: [&str; 10] = [
    "severity", "rule", "agency", "year", "section", "row", "column", "expected", "actual",
    "message",
];

type Key = Vec<String>;

fn keys(found: &[Json]) -> Vec<Key> {
    let mut out: Vec<Key> = found
        .iter()
        .map(|f| SHARED.iter().map(|k| f[*k].to_string()).collect())
        .collect();
    out.sort();
    out
}

fn json_list(run: &crate::harness::Run) -> Vec<Json> {
    let list: Json = serde_json::from_str(&run.stdout())
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", run.stdout(), run.stderr()));
    list.as_array().unwrap().clone()
}

/// `gov-db --db DB check --format json ARGS…` on drafts: the findings and the exit code.
/// The database named is never made.
fn check_draft(env: &Env, db: &Path, args: &[&str]) -> (Vec<Json>, i32) {
    let before = listing(env.dir.path());
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let run = env.run_on(db, &all);
    assert!(
        [0, 1].contains(&run.code()),
        "{}",
        run.transcript(env.dir.path())
    );
    assert!(!db.exists(), "check FILE made {}", db.display());
    assert_eq!(listing(env.dir.path()), before, "check FILE wrote a file");
    (json_list(&run), run.code())
}

fn listing(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

/// Imports `files` (each `import` call's arguments) into a new database and lists
/// `gov-db check ARGS`.
fn import_then_check(imports: &[Vec<&str>], args: &[&str]) -> (Vec<Json>, i32) {
    let env = Env::new();
    for i in imports {
        let mut all = vec!["import"];
        all.extend_from_slice(i);
        env.run(&all).success();
    }
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let run = env.run(&all);
    (json_list(&run), run.code())
}

fn reports() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(fixture("reports"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

/// The text with the first count printed after `（一）予以公开` (the first cell of 表三's row,
/// skipping markup and entities) raised by 3: one cell changed, the rest of the report as published.
fn one_cell_changed(text: &str) -> String {
    let mut at = 0;
    while let Some(i) = text[at..].find("予以公开") {
        let from = at + i + "予以公开".len();
        let (mut in_tag, mut in_entity) = (false, false);
        for (j, ch) in text[from..].char_indices() {
            match ch {
                '<' => in_tag = true,
                '>' => in_tag = false,
                '&' if !in_tag => in_entity = true,
                ';' if in_entity => in_entity = false,
                _ if in_tag || in_entity || ch.is_whitespace() => {}
                '0'..='9' => {
                    let start = from + j;
                    let end = start
                        + text[start..]
                            .find(|c: char| !c.is_ascii_digit())
                            .unwrap_or(text.len() - start);
                    let n: i64 = text[start..end].parse().unwrap();
                    return format!("{}{}{}", &text[..start], n + 3, &text[end..]);
                }
                _ => break,
            }
        }
        at = from;
    }
    panic!("no count after 予以公开");
}

/// Each real report as published, and each text or page with one cell changed, gives the
/// findings of `import` then `check`, and writes nothing. The changed copies make errors, so
/// that what is compared is not only empty lists.
#[test]
fn a_draft_gives_the_findings_of_import_then_check() {
    let env = Env::new();
    let db = env.path("never.db");
    let office = fixture("office");
    let mut files: Vec<PathBuf> = reports();
    files.extend(
        [
            "pingtan-2024.docx",
            "jinjiang-2024.xlsx",
            "shuyang-fgj-2023.ods",
        ]
        .iter()
        .map(|f| office.join(f)),
    );
    let (mut refused, mut changed_with_errors) = (Vec::new(), Vec::new());
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let path = file.to_str().unwrap();
        let (draft, code) = check_draft(&env, &db, &[path]);
        let (stored, stored_code) = import_then_check(&[vec![path]], &[]);
        assert_eq!(keys(&draft), keys(&stored), "{name}");
        assert_eq!(code, stored_code, "{name}");
        if name.ends_with(".txt") || name.ends_with(".html") {
            let text = std::fs::read_to_string(file).unwrap();
            let changed = env.write(&format!("changed-{name}"), one_cell_changed(&text));
            let changed = changed.to_str().unwrap();
            let run = env.run_on(&db, ["check", "--format", "json", changed]);
            assert!(!db.exists());
            let import = Env::new();
            let imported = import.run(["import", changed]);
            if run.code() == 1 && run.stdout().is_empty() {
                // Digits printed run together are cut by the identities: a changed one may
                // leave no cut that adds up, and the report is refused as import refuses it.
                assert_eq!(imported.code(), 1, "{name}");
                let problem =
                    |r: &crate::harness::Run| r.stderr().lines().nth(1).map(str::to_string);
                assert_eq!(problem(&run), problem(&imported), "{name}");
                refused.push(name);
            } else {
                imported.success();
                let (draft, code) = (json_list(&run), run.code());
                let stored = import.run(["check", "--format", "json"]);
                assert_eq!(
                    keys(&draft),
                    keys(&json_list(&stored)),
                    "{name} with one cell changed"
                );
                assert_eq!((code, stored.code()), (1, 1), "{name}: {draft:?}");
                assert!(draft.iter().any(|f| f["severity"] == "error"));
                changed_with_errors.push(name);
            }
            std::fs::remove_file(changed).unwrap();
        }
    }
    assert_eq!(
        refused,
        ["pingtan-2019.txt", "pingtan-2022.txt", "pingtan-2024.txt"],
        "changed with errors: {changed_with_errors:?}"
    );
    assert_eq!(changed_with_errors.len(), 7, "{changed_with_errors:?}");
}

/// The real 晋江 2024 report with （三）4.保护第三方合法权益 自然人 printed 9 instead of 6.
fn jinjiang_changed(env: &Env) -> PathBuf {
    let text = std::fs::read_to_string(fixture("reports").join("jinjiang-2024.txt")).unwrap();
    let row = "4.保护第三方合法权益\t6\t0\t0\t0\t0\t0\t6";
    assert!(text.contains(row));
    env.write(
        "jinjiang-draft.txt",
        text.replacen(row, "4.保护第三方合法权益\t9\t0\t0\t0\t0\t0\t6", 1),
    )
}

const HINT: &str = "its row and its column would both add up if 表三 row （三）不予公开 4.保护第三方合法权益, column 自然人 were 6 (printed: 9); a hint to check against the source, not a correction";

/// The changed cell breaks its row (总计) and its column (（七）总计); both findings name the
/// labels as printed, the lines the numbers were read on, and the value that would make both
/// add up.
#[test]
fn a_single_changed_cell_is_hinted_at() {
    let env = Env::new();
    let draft = jinjiang_changed(&env);
    let (found, code) = check_draft(&env, &env.db(), &[draft.to_str().unwrap()]);
    assert_eq!(code, 1);
    let s = |f: &Json, k: &str| f[k].as_str().unwrap_or_default().to_string();
    let got: Vec<[String; 7]> = found
        .iter()
        .map(|f| {
            [
                s(f, "rule"),
                s(f, "table"),
                s(f, "row_label"),
                s(f, "column_label"),
                format!("{} {}", f["expected"], f["actual"]),
                s(f, "read_at"),
                s(f, "hint"),
            ]
        })
        .collect();
    let row = "（三）不予公开 4.保护第三方合法权益";
    let want: Vec<[String; 7]> = [
        ["row-total", "表三", row, "总计", "9 6", "line 98", HINT],
        [
            "outcome-sum",
            "表三",
            "（七）总计",
            "自然人",
            "208 205",
            "lines 93–114",
            HINT,
        ],
    ]
    .iter()
    .map(|r| r.map(str::to_string))
    .collect();
    assert_eq!(got, want);
}

/// A workbook as `export --format xlsx` writes it reads back: checking it gives the findings
/// and hints of the report it was exported from, each number's place a cell of its sheet.
/// So does the canonical CSV of the same report.
#[test]
fn an_exported_workbook_and_the_csv_check_as_the_report() {
    let env = Env::new();
    let draft = jinjiang_changed(&env);
    env.run(["import", draft.to_str().unwrap()]).success();
    let xlsx = env.path("draft.xlsx");
    let csv = env.path("draft.csv");
    env.run(["export", "--format", "xlsx", "-o", xlsx.to_str().unwrap()])
        .success();
    env.run(["export", "-o", csv.to_str().unwrap()]).success();
    let (stored, _) = {
        let run = env.run(["check", "--format", "json"]);
        (json_list(&run), run.code())
    };
    let elsewhere = env.path("elsewhere.db");
    let (from_text, _) = check_draft(&env, &elsewhere, &[draft.to_str().unwrap()]);
    for file in [&xlsx, &csv] {
        let (found, code) = check_draft(&env, &elsewhere, &[file.to_str().unwrap()]);
        assert_eq!(code, 1);
        assert_eq!(keys(&found), keys(&stored), "{}", file.display());
        let hints =
            |l: &[Json]| -> Vec<String> { l.iter().map(|f| f["hint"].to_string()).collect() };
        assert_eq!(hints(&found), hints(&from_text));
        let places: Vec<&str> = found
            .iter()
            .map(|f| f["read_at"].as_str().unwrap_or_default())
            .collect();
        if file == &xlsx {
            assert_eq!(
                places,
                ["sheet 1 row 32 cells 4–10", "sheet 1 rows 27–48 cell 4"]
            );
        } else {
            // Canonical CSV carries no place.
            assert_eq!(places, ["", ""]);
        }
    }
}

/// `--previous` adds carry-over, in-force and the jump in new requests, as an import of both
/// years would: here the 2024 report again as a 2025 draft.
#[test]
fn previous_adds_the_rules_across_years() {
    let env = Env::new();
    let report = fixture("reports").join("jinjiang-2024.txt");
    let report = report.to_str().unwrap();
    let (alone, code) = check_draft(&env, &env.db(), &["--year", "2025", report]);
    assert_eq!((alone.len(), code), (0, 0), "{alone:?}");
    let (found, code) = check_draft(
        &env,
        &env.db(),
        &["--year", "2025", "--previous", report, report],
    );
    assert_eq!(code, 1);
    let (stored, stored_code) = import_then_check(
        &[vec![report], vec!["--year", "2025", report]],
        &["--year", "2025"],
    );
    assert_eq!(keys(&found), keys(&stored));
    assert_eq!(stored_code, 1);
    let rules: Vec<&str> = found.iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, ["carry-over", "carry-over", "in-force"]);
    assert_eq!(
        found[0]["read_at"].as_str().unwrap(),
        "line 92; the 2024 report: line 115"
    );
    // The findings of last year's report are not the draft's.
    assert!(found.iter().all(|f| f["year"] == 2025));
}

/// Exit codes: 0 without an error (warnings and notes included), 1 with one or when a file
/// cannot be read, 2 for a command line that cannot mean anything.
#[test]
fn the_exit_code_gates_on_errors() {
    let env = Env::new();
    let draft = jinjiang_changed(&env);
    let draft = draft.to_str().unwrap();
    let clean = fixture("reports").join("jinjiang-2024.txt");
    let clean = clean.to_str().unwrap();
    env.run(["check", clean])
        .success()
        .stderr_has("checked 1 draft report from 1 file, nothing written: 0 errors");
    env.run(["check", draft])
        .failure(1)
        .stderr_has("2 errors, 0 warnings, 0 notes");
    // Only what is listed counts, as for the database.
    env.run(["check", "--rule", "carry-over", draft]).success();
    env.run(["check", "--rule", "carry-ovr", draft])
        .failure(2)
        .stderr_has("carry-over");
    env.run(["check", "--year", "2025", "--previous", clean, clean])
        .failure(1);
    env.run([
        "check",
        "--year",
        "2025",
        "--severity",
        "warning",
        "--previous",
        clean,
        clean,
    ])
    .failure(1);
    env.run(["check", env.path("missing.txt").to_str().unwrap()])
        .failure(1)
        .stderr_has("missing.txt")
        .stderr_has("nothing was checked");
    // Last year's report is not the year before any draft; nor the draft's own year.
    let pingtan = fixture("reports").join("pingtan-2019.html");
    env.run(["check", "--previous", pingtan.to_str().unwrap(), clean])
        .failure(2)
        .stderr_has("平潭综合实验区 2019");
    env.run(["check", "--previous", clean, clean]).failure(2);
    env.run(["check", "--previous", clean]).failure(2);
    env.run(["check", "--unreviewed", clean]).failure(2);
    assert!(!env.db().exists());
    // Without FILEs, check reads the database as before.
    env.run(["check"]).failure(3).stderr_has("no database at");
    env.run(["import", draft]).success();
    env.run(["check"]).failure(1);
}

//! `gov-db check` and the checks `gov-db import` runs: the fixtures are clean, and a corpus
//! of perturbed fixtures (one cell changed, a total zeroed, a row shifted, last year's
//! carry-over changed) is caught at the right cells, one case per test.

use crate::harness::{Env, fixture};
use serde_json::Value as Json;

/// A ground-truth CSV of `tests/fixtures/expected/`.
pub(crate) fn expected(name: &str) -> String {
    std::fs::read_to_string(fixture("expected").join(format!("{name}.csv"))).unwrap()
}

/// Replaces the value of one cell (section/row/column) in a canonical CSV text.
pub(crate) fn with_cell(csv: &str, section: &str, row: &str, column: &str, value: &str) -> String {
    let mut hit = false;
    let out: Vec<String> = csv
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            if f.len() >= 6 && f[2] == section && f[3] == row && f[4] == column {
                hit = true;
                format!("{},{},{},{},{},{}", f[0], f[1], f[2], f[3], f[4], value)
            } else {
                l.to_string()
            }
        })
        .collect();
    assert!(hit, "no cell {section}/{row}/{column}");
    out.join("\n") + "\n"
}

fn cell(csv: &str, section: &str, row: &str, column: &str) -> String {
    csv.lines()
        .map(|l| l.split(',').collect::<Vec<_>>())
        .find(|f| f.len() >= 6 && f[2] == section && f[3] == row && f[4] == column)
        .map(|f| f[5].to_string())
        .unwrap_or_else(|| panic!("no cell {section}/{row}/{column}"))
}

pub(crate) fn with_year(csv: &str, year: i64) -> String {
    let mut out = String::new();
    for (i, l) in csv.lines().enumerate() {
        if i == 0 {
            out.push_str(l);
        } else {
            let f: Vec<&str> = l.splitn(3, ',').collect();
            out.push_str(&format!("{},{year},{}", f[0], f[2]));
        }
        out.push('\n');
    }
    out
}

/// `gov-db check --format json ARGS…` as a list of findings, and the exit code.
pub(crate) fn check(env: &Env, args: &[&str]) -> (Vec<Json>, i32) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let run = env.run(&all);
    let list: Json = serde_json::from_str(&run.stdout())
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", run.stdout(), run.stderr()));
    (list.as_array().unwrap().clone(), run.code())
}

/// (year, rule, row, column) of every error, sorted.
pub(crate) fn errors(found: &[Json]) -> Vec<(i64, String, Option<String>, Option<String>)> {
    let s = |v: &Json| v.as_str().map(str::to_string);
    let mut out: Vec<_> = found
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| {
            (
                f["year"].as_i64().unwrap(),
                f["rule"].as_str().unwrap().to_string(),
                s(&f["row"]),
                s(&f["column"]),
            )
        })
        .collect();
    out.sort();
    out
}

pub(crate) fn e(
    year: i64,
    rule: &str,
    row: Option<&str>,
    column: Option<&str>,
) -> (i64, String, Option<String>, Option<String>) {
    (
        year,
        rule.into(),
        row.map(Into::into),
        column.map(Into::into),
    )
}

pub(crate) fn import(env: &Env, name: &str, csv: &str) -> crate::harness::Run {
    let path = env.write(name, csv);
    env.run(["import".as_ref(), path.as_os_str()])
}

#[test]
fn the_fixtures_yield_no_finding() {
    let env = Env::new();
    env.run(["import".as_ref(), fixture("expected").as_os_str()])
        .success()
        .stdout_has("checks: 0 errors, 0 warnings, 0 notes");
    let (found, code) = check(&env, &[]);
    assert_eq!(found, Vec::<Json>::new());
    assert_eq!(code, 0);
    env.run(["check"])
        .success()
        .stderr_has("checked 3 reports: 0 errors, 0 warnings, 0 notes");
}

#[test]
fn one_cell_changed_is_caught_at_its_row_and_column() {
    let env = Env::new();
    let clean = expected("jinjiang-2024");
    let granted: i64 = cell(&clean, "requests", "granted", "natural_person")
        .parse()
        .unwrap();
    let csv = with_cell(
        &clean,
        "requests",
        "granted",
        "natural_person",
        &(granted + 1).to_string(),
    );
    import(&env, "j.csv", &csv)
        .success()
        .stdout_has("checks: 2 errors, 0 warnings, 0 notes");
    let (found, code) = check(&env, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        errors(&found),
        vec![
            e(
                2024,
                "outcome-sum",
                Some("total_processed"),
                Some("natural_person")
            ),
            e(2024, "row-total", Some("granted"), Some("total")),
        ]
    );
    let row_total = found.iter().find(|f| f["rule"] == "row-total").unwrap();
    assert_eq!(row_total["agency"], "晋江市人民政府");
    assert_eq!(row_total["section"], "requests");
    let granted_total: i64 = cell(&csv, "requests", "granted", "total").parse().unwrap();
    assert_eq!(row_total["expected"], granted_total + 1);
    assert_eq!(row_total["actual"], granted_total);
    let message = row_total["message"].as_str().unwrap();
    assert!(
        message.contains("三、本年度办理结果（一）予以公开"),
        "{message}"
    );
    assert!(message.contains("总计"), "{message}");
}

#[test]
fn json_findings_have_exactly_the_documented_keys() {
    let env = Env::new();
    let csv = with_cell(
        &expected("huaian-2024"),
        "appeals",
        "admin_review",
        "total",
        "0",
    );
    import(&env, "h.csv", &csv).success();
    let (found, _) = check(&env, &[]);
    assert!(!found.is_empty());
    for f in &found {
        let mut keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "actual", "agency", "column", "expected", "id", "message", "review", "row", "rule",
                "section", "severity", "year"
            ]
        );
    }
}

#[test]
fn an_appeals_total_printed_as_zero_under_non_zero_cells() {
    let env = Env::new();
    let csv = with_cell(
        &expected("huaian-2024"),
        "appeals",
        "admin_review",
        "total",
        "0",
    );
    import(&env, "h.csv", &csv).success();
    let (found, code) = check(&env, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        errors(&found),
        vec![e(
            2024,
            "appeals-total",
            Some("admin_review"),
            Some("total")
        )]
    );
    assert_eq!(found[0]["expected"], 351);
    assert_eq!(found[0]["actual"], 0);
    assert_eq!(found[0]["section"], "appeals");
    let message = found[0]["message"].as_str().unwrap();
    assert!(message.contains("表四 row 行政复议"), "{message}");
    assert!(
        message.contains("结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 72 + 64 + 178 + 37 = 351"),
        "{message}"
    );
}

#[test]
fn a_zeroed_grand_total_is_caught_by_three_identities() {
    let env = Env::new();
    let csv = with_cell(
        &expected("huaian-2024"),
        "requests",
        "total_processed",
        "total",
        "0",
    );
    import(&env, "h.csv", &csv).success();
    let (found, code) = check(&env, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        errors(&found),
        vec![
            e(2024, "intake-equals-outcome", None, Some("total")),
            e(2024, "outcome-sum", Some("total_processed"), Some("total")),
            e(2024, "row-total", Some("total_processed"), Some("total")),
        ]
    );
}

#[test]
fn outcomes_that_miss_the_grand_total_while_intake_equals_outcome_holds() {
    // 予以公开 short by 5 in 自然人 and 总计: 一+二 = 三+四 still holds, the rows do not add up.
    let env = Env::new();
    let mut csv = expected("huaian-2024");
    csv = with_cell(&csv, "requests", "granted", "natural_person", "1283");
    csv = with_cell(&csv, "requests", "granted", "total", "1357");
    import(&env, "h.csv", &csv).success();
    let (found, code) = check(&env, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        errors(&found),
        vec![
            e(
                2024,
                "outcome-sum",
                Some("total_processed"),
                Some("natural_person")
            ),
            e(2024, "outcome-sum", Some("total_processed"), Some("total")),
        ]
    );
    let f = &found[0];
    assert_eq!(
        (f["expected"].as_i64(), f["actual"].as_i64()),
        (Some(2927), Some(2932))
    );
}

#[test]
fn a_row_shifted_one_column_right() {
    // 平潭 2019 一、本年新收: 23 0 0 0 0 0 | 23 printed as 0 23 0 0 0 0 | 0.
    let env = Env::new();
    let mut csv = expected("pingtan-2019");
    let cols = [
        "natural_person",
        "commercial_enterprise",
        "research_institution",
        "social_welfare_org",
        "legal_service_org",
        "other_org",
        "total",
    ];
    let old: Vec<String> = cols
        .iter()
        .map(|c| cell(&csv, "requests", "received_new", c))
        .collect();
    csv = with_cell(&csv, "requests", "received_new", cols[0], "0");
    for i in 1..cols.len() {
        csv = with_cell(&csv, "requests", "received_new", cols[i], &old[i - 1]);
    }
    import(&env, "p.csv", &csv).success();
    let (found, code) = check(&env, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        errors(&found),
        vec![
            e(
                2019,
                "intake-equals-outcome",
                None,
                Some("commercial_enterprise")
            ),
            e(2019, "intake-equals-outcome", None, Some("natural_person")),
            e(2019, "intake-equals-outcome", None, Some("total")),
            e(2019, "row-total", Some("received_new"), Some("total")),
        ]
    );
}

/// Next year's report of the same agency whose 二、上年结转 is this year's 四 (and whose 四 grows
/// by as much, so that it satisfies identity 1 on its own).
pub(crate) fn next_year(csv: &str) -> String {
    let year: i64 = csv
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let mut next = with_year(csv, year + 1);
    for c in [
        "natural_person",
        "commercial_enterprise",
        "research_institution",
        "social_welfare_org",
        "legal_service_org",
        "other_org",
        "total",
    ] {
        let out: i64 = cell(csv, "requests", "carried_out", c).parse().unwrap();
        let was_in: i64 = cell(csv, "requests", "carried_in", c).parse().unwrap();
        next = with_cell(&next, "requests", "carried_in", c, &out.to_string());
        next = with_cell(
            &next,
            "requests",
            "carried_out",
            c,
            &(out + out - was_in).to_string(),
        );
    }
    next
}

#[test]
fn consecutive_years_that_carry_over_are_clean() {
    let env = Env::new();
    let y2024 = expected("huaian-2024");
    import(&env, "a.csv", &y2024).success();
    import(&env, "b.csv", &next_year(&y2024))
        .success()
        .stdout_has("checks: 0 errors");
    let (found, code) = check(&env, &[]);
    assert_eq!((found, code), (vec![], 0));
}

#[test]
fn last_years_carry_over_changed_is_caught_in_this_years_column() {
    let env = Env::new();
    let y2024 = expected("huaian-2024");
    let y2025 = next_year(&y2024);
    // 2025's 二、上年结转 自然人 says 103; 2024's 四 is changed to 100 (its 总计 kept at 103).
    let changed = with_cell(&y2024, "requests", "carried_out", "natural_person", "100");
    import(&env, "a.csv", &changed).success();
    import(&env, "b.csv", &y2025).success();
    let (found, code) = check(&env, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        errors(&found),
        vec![
            e(2024, "intake-equals-outcome", None, Some("natural_person")),
            e(2024, "row-total", Some("carried_out"), Some("total")),
            e(
                2025,
                "carry-over",
                Some("carried_in"),
                Some("natural_person")
            ),
        ]
    );
    let carry = found.iter().find(|f| f["rule"] == "carry-over").unwrap();
    assert_eq!(
        (carry["expected"].as_i64(), carry["actual"].as_i64()),
        (Some(100), Some(103))
    );
    let message = carry["message"].as_str().unwrap();
    assert!(
        message.contains("二、上年结转政府信息公开申请数量 is 103, but the 2024 report's 四、结转下年度继续办理 is 100"),
        "{message}"
    );

    // Correcting 2024 drops the cross-year finding: findings never go stale.
    import(&env, "a.csv", &y2024)
        .success()
        .stdout_has("1 replaced");
    let (found, code) = check(&env, &[]);
    assert_eq!((found, code), (vec![], 0));
}

#[test]
fn carry_over_is_found_whichever_year_is_imported_first() {
    let env = Env::new();
    let y2024 = expected("huaian-2024");
    let y2025 = with_cell(&next_year(&y2024), "requests", "carried_in", "total", "100");
    // 2025 alone: its own identities only.
    import(&env, "b.csv", &y2025).success();
    let (alone, _) = check(&env, &[]);
    assert!(!errors(&alone).iter().any(|e| e.1 == "carry-over"));
    import(&env, "a.csv", &y2024)
        .success()
        .stdout_has("checks: 1 error");
    let (found, _) = check(&env, &["--rule", "carry-over"]);
    assert_eq!(
        errors(&found),
        vec![e(2025, "carry-over", Some("carried_in"), Some("total"))]
    );
}

#[test]
fn reports_with_errors_are_stored_unless_strict() {
    let env = Env::new();
    let bad = with_cell(
        &expected("jinjiang-2024"),
        "requests",
        "granted",
        "natural_person",
        "97",
    );
    let bad_path = env.write("bad.csv", &bad);
    let good_path = env.write("good.csv", expected("huaian-2024"));

    // --strict: refused, and (without --keep-going) nothing is imported.
    env.run([
        "import".as_ref(),
        "--strict".as_ref(),
        bad_path.as_os_str(),
        good_path.as_os_str(),
    ])
    .failure(1)
    .stderr_has("refused under --strict: 2 errors")
    .stderr_has("nothing was imported");
    env.run(["sql", "SELECT count(*) AS n FROM report"])
        .success()
        .stdout_has("0");

    // --strict --keep-going: the clean file lands, the other does not.
    env.run([
        "import".as_ref(),
        "--strict".as_ref(),
        "--keep-going".as_ref(),
        bad_path.as_os_str(),
        good_path.as_os_str(),
    ])
    .failure(1)
    .stdout_has("imported 1 report");
    let (found, code) = check(&env, &[]);
    assert_eq!((found.len(), code), (0, 0));

    // Without --strict the report is stored: it is the public record.
    env.run(["import".as_ref(), bad_path.as_os_str()])
        .success()
        .stdout_has("1 new")
        .stdout_has("checks: 2 errors, 0 warnings, 0 notes in the reports written (gov-db check lists them)");
    let (found, code) = check(&env, &[]);
    assert_eq!((found.len(), code), (2, 1));
}

#[test]
fn filters_select_agency_year_and_severity() {
    let env = Env::new();
    let j = with_cell(
        &expected("jinjiang-2024"),
        "requests",
        "granted",
        "natural_person",
        "97",
    );
    // 平潭 2019 with its 总计 column left blank except on the total rows: infos, no error.
    let mut p = expected("pingtan-2019");
    for row in [
        "granted",
        "partly_granted",
        "unavailable_not_held",
        "carried_in",
    ] {
        p = with_cell(&p, "requests", row, "total", "");
    }
    p = with_cell(&p, "requests", "carried_out", "total", "");
    import(&env, "j.csv", &j).success();
    import(&env, "p.csv", &p).success();

    let (all, code) = check(&env, &[]);
    assert_eq!(code, 1);
    assert!(
        all.iter()
            .any(|f| f["severity"] == "info" && f["agency"] == "平潭综合实验区")
    );

    let (p_only, code) = check(&env, &["--agency", "平潭综合实验区"]);
    assert_eq!(code, 0, "infos do not fail the check");
    assert!(!p_only.is_empty());
    assert!(
        p_only
            .iter()
            .all(|f| f["agency"] == "平潭综合实验区" && f["severity"] == "info")
    );
    let message = p_only[0]["message"].as_str().unwrap();
    assert!(message.contains("not assessable"), "{message}");

    let (y2019, _) = check(&env, &["--year", "2019"]);
    assert_eq!(y2019, p_only);

    let (errors_only, code) = check(&env, &["--severity", "error"]);
    assert_eq!(code, 1);
    assert_eq!(errors_only.len(), 2);
    assert!(errors_only.iter().all(|f| f["agency"] == "晋江市人民政府"));

    let (warnings_up, _) = check(&env, &["--severity", "warning"]);
    assert_eq!(warnings_up, errors_only);

    env.run(["check", "--rule", "no-such-rule"])
        .failure(2)
        .stderr_has("no rule named");
}

#[test]
fn warnings_do_not_fail_the_check() {
    let env = Env::new();
    // A 2019-template report filed for 2021.
    let p: String = with_year(&expected("pingtan-2019"), 2021)
        .lines()
        .enumerate()
        .map(|(i, l)| format!("{l},{}\n", if i == 0 { "template" } else { "2019" }))
        .collect();
    let path = env.write("p.csv", &p);
    env.run(["import".as_ref(), path.as_os_str()])
        .success()
        .stdout_has("checks: 0 errors, 1 warning");
    let (found, code) = check(&env, &[]);
    assert_eq!(code, 0);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["rule"], "template-year");
    assert_eq!(found[0]["severity"], "warning");
    assert_eq!(found[0]["section"], Json::Null);
    assert_eq!(found[0]["row"], Json::Null);
    assert_eq!(found[0]["column"], Json::Null);
    assert_eq!(
        (found[0]["expected"].as_i64(), found[0]["actual"].as_i64()),
        (Some(2021), Some(2019))
    );
}

#[test]
fn quality_ranks_agencies_by_findings_per_report() {
    let env = Env::new();
    env.run(["import".as_ref(), fixture("expected").as_os_str()])
        .success();
    let bad = with_cell(
        &expected("huaian-2024"),
        "appeals",
        "admin_review",
        "total",
        "0",
    );
    import(&env, "h.csv", &bad)
        .success()
        .stdout_has("1 replaced");
    let run = env.run(["query", "quality", "--format", "json"]);
    run.success();
    let rows: Json = serde_json::from_str(&run.stdout()).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["agency"], "淮安市人民政府");
    assert_eq!(rows[0]["rank"], 1);
    assert_eq!(rows[0]["errors"], 1);
    assert_eq!(rows[0]["errors_per_report"], 1.0);
    assert_eq!(rows[0]["findings_per_report"], 1.0);
    assert_eq!(rows[1]["errors"], 0);

    // The view itself has agency and year, one row per report; the findings are plain SQL.
    env.run([
        "sql",
        "SELECT agency, year, findings, errors, rules FROM quality WHERE errors > 0",
        "--format",
        "csv",
    ])
    .success()
    .stdout_has("淮安市人民政府,2024,1,1,appeals-total");
    env.run([
        "sql",
        "SELECT f.rule, f.row_code, f.col_code, f.expected, f.actual FROM finding f \
         JOIN report r ON r.id = f.report_id WHERE f.severity = 'error'",
        "--format",
        "csv",
    ])
    .success()
    .stdout_has("appeals-total,admin_review,total,351,0");
}

#[test]
fn findings_are_recomputed_when_the_rules_change() {
    let env = Env::new();
    let bad = with_cell(
        &expected("huaian-2024"),
        "appeals",
        "admin_review",
        "total",
        "0",
    );
    import(&env, "h.csv", &bad).success();
    // As a database written before the findings existed (or by older rules) looks.
    env.run(["sql", "--write", "DELETE FROM finding"]).success();
    env.run([
        "sql",
        "--write",
        "UPDATE meta SET value = 'old' WHERE key = 'checks_version'",
    ])
    .success();
    let (found, code) = check(&env, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        errors(&found),
        vec![e(
            2024,
            "appeals-total",
            Some("admin_review"),
            Some("total")
        )]
    );
}

#[test]
fn table_output_transcript() {
    let env = Env::new();
    let bad = with_cell(
        &expected("huaian-2024"),
        "appeals",
        "litigation_direct",
        "total",
        "0",
    );
    import(&env, "h.csv", &bad).success();
    let run = env.run(["check", "--format", "csv"]);
    insta::assert_snapshot!(run.transcript(env.dir.path()));
}

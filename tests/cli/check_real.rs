//! `gov-db check` on real published reports with one printed error each (晋江 2024's text as
//! extracted from its page: its review total printed as zero, outcomes that miss the total,
//! carry-overs that do not match), findings that follow a moved report, and a synthetic
//! national sample in which every changed cell is caught where it was changed. Split from
//! check.rs, which holds the perturbed-CSV corpus and the helpers both use.

use crate::check::{check, e, errors, expected, import, next_year, with_cell};
use crate::harness::{Env, fixture};
use crate::synth;
use serde_json::Value as Json;

/// A real published report (晋江 2024, text as extracted from its page) with one change.
fn real_report(env: &Env, name: &str, from: &str, to: &str) -> std::path::PathBuf {
    let text = std::fs::read_to_string(fixture("reports").join("jinjiang-2024.txt")).unwrap();
    let changed = text.replacen(from, to, 1);
    assert_ne!(changed, text, "{from:?} not in the report");
    env.write(name, changed)
}

#[test]
fn a_real_report_is_clean() {
    let env = Env::new();
    let path = fixture("reports").join("jinjiang-2024.txt");
    env.run(["import".as_ref(), path.as_os_str()])
        .success()
        .stdout_has("checks: 0 errors, 0 warnings, 0 notes");
    let (found, code) = check(&env, &[]);
    assert_eq!((found, code), (vec![], 0));
}

#[test]
fn a_real_report_with_its_review_total_printed_as_zero() {
    let env = Env::new();
    // 表四 行政复议: 8 0 3 1 | 12 printed as 8 0 3 1 | 0.
    let path = real_report(&env, "j.txt", "8\t0\t3\t1\t12\t1", "8\t0\t3\t1\t0\t1");
    env.run(["import".as_ref(), path.as_os_str()]).success();
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
    assert_eq!(
        (found[0]["expected"].as_i64(), found[0]["actual"].as_i64()),
        (Some(12), Some(0))
    );
    assert_eq!(found.len(), 1, "{found:#?}");
}

#[test]
fn a_real_report_whose_outcomes_miss_the_total_while_intake_equals_outcome() {
    let env = Env::new();
    // （一）予以公开 91 … 98 printed as 90 … 97; （七）总计 205 … 221 kept.
    let path = real_report(
        &env,
        "j.txt",
        "(一) 予以公开\t\t91\t6\t0\t0\t0\t1\t98",
        "(一) 予以公开\t\t90\t6\t0\t0\t0\t1\t97",
    );
    env.run(["import".as_ref(), path.as_os_str()]).success();
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
    assert_eq!(found.len(), 2, "{found:#?}");
}

#[test]
fn real_reports_whose_carry_over_does_not_match_last_years() {
    let env = Env::new();
    let path = fixture("reports").join("jinjiang-2024.txt");
    env.run(["import".as_ref(), path.as_os_str()]).success();
    // The same report filed again as 2025: its 上年结转 (5) is not 2024's 结转下年度 (3).
    env.run([
        "import".as_ref(),
        "--year".as_ref(),
        "2025".as_ref(),
        path.as_os_str(),
    ])
    .success()
    .stdout_has("checks: 2 errors, 1 warning");
    let (found, code) = check(&env, &["--year", "2025"]);
    assert_eq!(code, 1);
    assert_eq!(
        errors(&found),
        vec![
            e(
                2025,
                "carry-over",
                Some("carried_in"),
                Some("natural_person")
            ),
            e(2025, "carry-over", Some("carried_in"), Some("total")),
        ]
    );
    // 现行有效件数 225 against 225 + 34 − 54: documents lapse, a warning.
    let in_force = found.iter().find(|f| f["rule"] == "in-force").unwrap();
    assert_eq!(in_force["severity"], "warning");
    assert_eq!(in_force["row"], "normative_documents");
}

#[test]
fn a_real_reports_text_that_differs_from_its_tables_is_a_warning() {
    let env = Env::new();
    let path = real_report(&env, "j.txt", "依法办结 221 件", "依法办结 212 件");
    env.run(["import".as_ref(), path.as_os_str()])
        .success()
        .stdout_has("checks: 0 errors, 1 warning");
    let (found, code) = check(&env, &[]);
    assert_eq!(code, 0);
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = &found[0];
    assert_eq!(f["rule"], "narrative");
    assert_eq!(
        (f["row"].as_str(), f["column"].as_str()),
        (Some("total_processed"), Some("total"))
    );
    assert_eq!(
        (f["expected"].as_i64(), f["actual"].as_i64()),
        (Some(221), Some(212))
    );
    let message = f["message"].as_str().unwrap();
    assert!(message.contains("依法办结 212 件"), "{message}");
    env.run([
        "sql",
        "SELECT kind, value FROM narrative_claim ORDER BY seq",
        "--format",
        "csv",
    ])
    .success()
    .stdout_has("received,224\nprocessed,212\ncarried_out,3\n");
}

#[test]
fn findings_follow_a_report_moved_to_another_year_or_agency() {
    let env = Env::new();
    let y2024 = expected("huaian-2024");
    let y2025 = with_cell(&next_year(&y2024), "requests", "carried_in", "total", "100");
    import(&env, "a.csv", &y2024).success();
    import(&env, "b.csv", &y2025).success();
    let (found, _) = check(&env, &["--rule", "carry-over"]);
    assert_eq!(found.len(), 1);
    // As `gov-db agency split` would: 2025 now belongs to another identity.
    env.run([
        "sql",
        "--write",
        "INSERT INTO agency (name) VALUES ('淮安市人民政府（新）')",
    ])
    .success();
    env.run([
        "sql",
        "--write",
        "UPDATE report SET agency_id = (SELECT id FROM agency WHERE name = '淮安市人民政府（新）') \
         WHERE year = 2025",
    ])
    .success();
    let (found, _) = check(&env, &["--rule", "carry-over"]);
    assert_eq!(found, Vec::<Json>::new());
    // And back: the finding returns.
    env.run([
        "sql",
        "--write",
        "UPDATE report SET agency_id = (SELECT id FROM agency WHERE name = '淮安市人民政府') \
         WHERE year = 2025",
    ])
    .success();
    let (found, _) = check(&env, &["--rule", "carry-over"]);
    assert_eq!(
        errors(&found),
        vec![e(2025, "carry-over", Some("carried_in"), Some("total"))]
    );
}

#[test]
fn agency_filter_takes_any_name_of_the_agency() {
    let env = Env::new();
    let bad = with_cell(
        &expected("huaian-2024"),
        "appeals",
        "admin_review",
        "total",
        "0",
    );
    import(&env, "h.csv", &bad).success();
    env.run(["agency", "alias", "淮安市政府", "淮安市人民政府"])
        .success();
    let (found, code) = check(&env, &["--agency", "淮安市政府"]);
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
    assert_eq!(found[0]["agency"], "淮安市人民政府");
}

#[test]
fn a_carry_over_across_a_rename_is_a_warning() {
    // 5 is an error "unless the agency was reorganised": 2025 is filed under another name of
    // the same identity.
    let env = Env::new();
    let y2024 = expected("huaian-2024");
    let y2025 = with_cell(&next_year(&y2024), "requests", "carried_in", "total", "100")
        .replace("淮安市人民政府,", "淮安市政府,");
    import(&env, "a.csv", &y2024).success();
    env.run(["agency", "alias", "淮安市政府", "淮安市人民政府"])
        .success();
    import(&env, "b.csv", &y2025)
        .success()
        .stdout_has("checks: 2 errors, 1 warning");
    // 2025's own 上年结转 row (100 against 103) breaks identities 1 and 2 as well.
    let (found, _) = check(&env, &["--rule", "carry-over"]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["rule"], "carry-over");
    assert_eq!(found[0]["severity"], "warning");
    assert_eq!(found[0]["agency"], "淮安市人民政府");
    let message = found[0]["message"].as_str().unwrap();
    assert!(message.contains("filed as 淮安市人民政府"), "{message}");
}

type Place = (String, i64, String, String, String);

/// The error findings one changed cell must raise (rule, row, column) at its own report, and
/// the carry-over it breaks with a neighbouring year.
fn pinning(
    agency: &str,
    year: i64,
    years: (i64, i64),
    section: &str,
    row: &str,
    col: &str,
) -> Vec<Place> {
    let p = |y: i64, rule: &str, r: &str, c: &str| {
        (
            agency.to_string(),
            y,
            rule.to_string(),
            r.to_string(),
            c.to_string(),
        )
    };
    if section == "appeals" {
        return vec![p(year, "appeals-total", row, "total")];
    }
    let mut out = vec![p(year, "row-total", row, "total")];
    if [
        "received_new",
        "carried_in",
        "total_processed",
        "carried_out",
    ]
    .contains(&row)
    {
        out.push(p(year, "intake-equals-outcome", "", col));
    }
    if !["received_new", "carried_in", "carried_out"].contains(&row) {
        out.push(p(year, "outcome-sum", "total_processed", col));
    }
    if row == "carried_out" && year < years.1 {
        out.push(p(year + 1, "carry-over", "carried_in", col));
    }
    if row == "carried_in" && year > years.0 {
        out.push(p(year, "carry-over", "carried_in", col));
    }
    out
}

#[test]
fn a_synthetic_national_sample_is_clean_and_every_changed_cell_is_caught() {
    let env = Env::new();
    let mut bytes = Vec::new();
    synth::generate(60, 6, 11, &mut bytes).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    import(&env, "clean.csv", &text)
        .success()
        .stdout_has("checks: 0 errors, 0 warnings");

    // One cell of 表三 or 表四 changed in 80 reports, by ±1 or to 0.
    let mut rng = synth::Rng::new(2026);
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let mut touched = std::collections::HashSet::new();
    let mut want: Vec<Place> = Vec::new();
    while touched.len() < 80 {
        let i = 1 + rng.below(lines.len() as u64 - 1) as usize;
        let f: Vec<String> = lines[i].split(',').map(str::to_string).collect();
        let Ok(v) = f[5].parse::<i64>() else { continue };
        if f[2] == "proactive" || !touched.insert((f[0].clone(), f[1].clone())) {
            continue;
        }
        let changed = match (v, rng.below(3)) {
            (0, _) | (_, 0) => v + 1,
            (_, 1) => v - 1,
            _ => 0,
        };
        lines[i] = format!("{},{},{},{},{},{changed}", f[0], f[1], f[2], f[3], f[4]);
        let year: i64 = f[1].parse().unwrap();
        want.extend(pinning(&f[0], year, (2019, 2024), &f[2], &f[3], &f[4]));
    }
    let changed = lines.join("\n") + "\n";
    import(&env, "changed.csv", &changed)
        .success()
        .stdout_has("80 replaced");
    let (found, code) = check(&env, &["--severity", "error"]);
    assert_eq!(code, 1);
    let mut got: Vec<Place> = found
        .iter()
        .map(|f| {
            (
                f["agency"].as_str().unwrap().to_string(),
                f["year"].as_i64().unwrap(),
                f["rule"].as_str().unwrap().to_string(),
                f["row"].as_str().unwrap_or("").to_string(),
                f["column"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    got.sort();
    want.sort();
    want.dedup();
    assert_eq!(got.len(), want.len());
    assert_eq!(got, want);
}

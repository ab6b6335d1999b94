//! Agency identity: aliases, merge, split, undo, suggest, regions and levels.
//!
//! TEST DATA: the renamed agencies here are copies of the seed report (晋江市人民政府 2024) filed
//! under another name and an earlier year. Their numbers are the seed's, not those of any
//! report of that name and year; they only give the identity code two names to join.

use crate::harness::{Env, fixture};

/// A copy of the seed report as test data: agency `name`, statistics year `year`, and 一、本年
/// 新收 (总计) set to `received` so that years differ.
pub fn seed_as(env: &Env, file: &str, name: &str, year: i64, received: i64) -> std::path::PathBuf {
    let seed = std::fs::read_to_string(fixture("expected/jinjiang-2024.csv")).unwrap();
    let text = seed
        .replace("晋江市人民政府,2024,", &format!("{name},{year},"))
        .replace(
            "requests,received_new,total,219",
            &format!("requests,received_new,total,{received}"),
        );
    env.write(file, text)
}

fn json(env: &Env, args: &[&str]) -> serde_json::Value {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&env.run(all).success().stdout()).unwrap()
}

fn import(env: &Env, paths: &[std::path::PathBuf]) {
    let mut args: Vec<std::ffi::OsString> = vec!["import".into()];
    args.extend(paths.iter().map(|p| p.as_os_str().to_owned()));
    env.run(args).success();
}

#[test]
fn one_alias_joins_a_renamed_agency_into_one_trend() {
    let env = Env::new();
    let old = seed_as(&env, "old.csv", "泉州市晋江市人民政府", 2023, 109);
    import(&env, &[old, fixture("expected/jinjiang-2024.csv")]);
    // Two names, two series: no previous year for 2024.
    let trend = json(&env, &["query", "trend"]);
    assert_eq!(trend.as_array().unwrap().len(), 2);
    assert!(trend[0]["prev_year"].is_null() && trend[1]["prev_year"].is_null());
    // suggest sees the prefix and proposes the alias, changing nothing.
    env.run(["agency", "suggest"])
        .success()
        .stdout_has("泉州市")
        .stdout_has("gov-db agency alias 泉州市晋江市人民政府 晋江市人民政府");
    assert_eq!(json(&env, &["query", "trend"]).as_array().unwrap().len(), 2);
    assert!(!env.run(["check"]).stdout().contains("carry-over"));
    // One alias: the 2023 report joins the identity named 晋江市人民政府.
    env.run(["agency", "alias", "泉州市晋江市人民政府", "晋江市人民政府"])
        .success()
        .stdout_has("泉州市晋江市人民政府 is a name of 晋江市人民政府");
    let trend = json(&env, &["query", "trend"]);
    let rows = trend.as_array().unwrap();
    assert_eq!(rows.len(), 2, "{trend}");
    assert_eq!(rows[1]["agency"], "晋江市人民政府");
    assert_eq!(rows[1]["prev_year"], 2023);
    assert_eq!(rows[1]["requests_change"], 110);
    // ((224 / 114)^(1/1) − 1) × 100, a percentage
    let cagr = rows[1]["requests_cagr_pct"].as_f64().unwrap();
    assert!(
        (cagr - (224.0 / 114.0 - 1.0) * 100.0).abs() < 1e-9,
        "{cagr}"
    );
    // The cross-year checks follow the identity: 2023's carried_out against 2024's carried_in.
    env.run(["check"]).stdout_has("carry-over");
    // Export keeps the name each report printed (the data contract's `agency`), and any
    // name selects the identity's reports.
    let exported = env
        .run(["export", "--agency", "泉州市晋江市人民政府"])
        .success()
        .stdout();
    assert!(exported.contains("\n泉州市晋江市人民政府,2023,requests,"));
    assert!(exported.contains("\n晋江市人民政府,2024,requests,"));
    // Any name selects the identity.
    let by_old = json(
        &env,
        &["query", "trend", "--agency", "泉州市晋江市人民政府"],
    );
    assert_eq!(by_old.as_array().unwrap().len(), 2);
    env.run(["agency", "list"])
        .success()
        .stdout_has("泉州市晋江市人民政府")
        .stdout_has("2023 2024");
    env.run(["agency", "suggest"])
        .success()
        .stdout_has("no likely duplicates");
    // Reversible: undo splits them again.
    env.run(["agency", "undo"]).success().stdout_has("undid #1");
    let trend = json(&env, &["query", "trend"]);
    assert!(trend[1]["prev_year"].is_null(), "{trend}");
    env.run(["agency", "undo"])
        .failure(1)
        .stderr_has("no change to undo");
}

#[test]
fn an_alias_given_first_catches_later_imports() {
    let env = Env::new();
    import(&env, &[fixture("expected/jinjiang-2024.csv")]);
    env.run([
        "agency",
        "alias",
        "晋江市政府",
        "晋江市人民政府",
        "--from",
        "2023",
        "--to",
        "2023",
    ])
    .success();
    let old = seed_as(&env, "old.csv", "晋江市政府", 2023, 109);
    import(&env, &[old]);
    let list = json(&env, &["agency", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    assert_eq!(list[0]["names"], "晋江市政府");
    assert_eq!(list[0]["years"], "2023 2024");
    // The canonical name is what views show; the printed name is kept per report.
    let names = env
        .run([
            "sql",
            "SELECT year, name FROM report_name JOIN report ON report.id = report_id ORDER BY year",
            "--format",
            "csv",
        ])
        .success()
        .stdout();
    assert_eq!(names, "year,name\n2023,晋江市政府\n2024,晋江市人民政府\n");
}

#[test]
fn merge_and_split_move_reports_and_are_reversible() {
    let env = Env::new();
    let a = seed_as(&env, "a.csv", "洪泽区人民政府", 2021, 50);
    let b = seed_as(&env, "b.csv", "淮安市洪泽区人民政府", 2022, 60);
    let c = seed_as(&env, "c.csv", "淮安市洪泽区人民政府", 2023, 70);
    import(&env, &[a, b, c]);
    let before = env.run(["export", "--full"]).success().stdout();
    env.run(["agency", "merge", "洪泽区人民政府", "淮安市洪泽区人民政府"])
        .success()
        .stdout_has("merged 洪泽区人民政府 into 淮安市洪泽区人民政府");
    let trend = json(&env, &["query", "trend"]);
    assert_eq!(trend.as_array().unwrap().len(), 3);
    assert!(
        trend
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["agency"] == "淮安市洪泽区人民政府")
    );
    assert_eq!(trend[1]["prev_year"], 2021);
    // Split by name: the reports printed under it go back out.
    env.run([
        "agency",
        "split",
        "淮安市洪泽区人民政府",
        "--name",
        "洪泽区人民政府",
    ])
    .success()
    .stdout_has("reports 2021");
    let list = json(&env, &["agency", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 2, "{list}");
    // Split by year into a new identity, then undo everything in reverse.
    env.run([
        "agency",
        "split",
        "淮安市洪泽区人民政府",
        "--year",
        "2023",
        "--into",
        "洪泽区政府（测试）",
    ])
    .success()
    .stdout_has("reports 2023");
    assert_eq!(json(&env, &["agency", "list"]).as_array().unwrap().len(), 3);
    // #2 moved back what #1 moved: #1 cannot be undone before #2.
    env.run(["agency", "undo", "1"])
        .failure(1)
        .stderr_has("a later change touched what change #1 did");
    env.run(["agency", "undo"]).success().stdout_has("undid #3");
    env.run(["agency", "undo"]).success().stdout_has("undid #2");
    env.run(["agency", "undo"]).success().stdout_has("undid #1");
    assert_eq!(json(&env, &["agency", "list"]).as_array().unwrap().len(), 2);
    assert_eq!(env.run(["export", "--full"]).success().stdout(), before);
    let log = json(&env, &["agency", "log"]);
    assert_eq!(log.as_array().unwrap().len(), 3);
    assert!(
        log.as_array()
            .unwrap()
            .iter()
            .all(|e| !e["undone_at"].is_null())
    );
}

#[test]
fn a_merge_that_would_give_one_agency_two_reports_a_year_is_refused() {
    let env = Env::new();
    let copy = seed_as(&env, "copy.csv", "泉州市晋江市人民政府", 2024, 219);
    import(&env, &[copy, fixture("expected/jinjiang-2024.csv")]);
    env.run(["agency", "merge", "泉州市晋江市人民政府", "晋江市人民政府"])
        .failure(1)
        .stderr_has("both have a report for 2024");
    env.run(["agency", "alias", "泉州市晋江市人民政府", "晋江市人民政府"])
        .failure(1)
        .stderr_has("both have a report for 2024");
    // Nothing changed, nothing logged.
    assert_eq!(json(&env, &["agency", "list"]).as_array().unwrap().len(), 2);
    assert_eq!(json(&env, &["agency", "log"]).as_array().unwrap().len(), 0);
    env.run(["agency", "merge", "无此机关", "晋江市人民政府"])
        .failure(1)
        .stderr_has("no agency is known as");
    env.run(["agency", "split", "晋江市人民政府"]).failure(2);
}

#[test]
fn suggest_finds_one_character_apart_with_the_region_as_evidence() {
    let env = Env::new();
    let ocr = seed_as(&env, "ocr.csv", "沐阳县发展和改革局", 2022, 30);
    let right = seed_as(&env, "right.csv", "沭阳县发展和改革局", 2023, 40);
    let other = seed_as(&env, "other.csv", "晋江市人民政府", 2023, 40);
    import(&env, &[ocr, right, other]);
    env.run(["region", "import"])
        .success()
        .stdout_has("loaded 44700 regions from the bundled list");
    let s = json(&env, &["agency", "suggest"]);
    let s = s.as_array().unwrap();
    assert_eq!(s.len(), 1, "{s:?}");
    assert_eq!(s[0]["name"], "沐阳县发展和改革局");
    assert_eq!(s[0]["canonical"], "沭阳县发展和改革局");
    let evidence = s[0]["evidence"].as_str().unwrap();
    assert!(evidence.contains("one character"), "{evidence}");
    assert!(evidence.contains("321322"), "{evidence}");
    assert!(evidence.contains("do not overlap"), "{evidence}");
    // Codes that contradict rule a pair out.
    env.run(["agency", "set", "沐阳县发展和改革局", "--region", "350582"])
        .success();
    env.run(["agency", "set", "沭阳县发展和改革局", "--region", "321322"])
        .success();
    env.run(["agency", "suggest"])
        .success()
        .stdout_has("no likely duplicates");
}

#[test]
fn regions_levels_and_parents_are_set_by_command_and_csv() {
    let env = Env::new();
    import(&env, &[fixture("expected")]);
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
    env.run(["agency", "set", "晋江市人民政府", "--level", "city"])
        .failure(1)
        .stderr_has("not a level");
    env.run(["agency", "set", "晋江市人民政府", "--region", "35058"])
        .failure(1)
        .stderr_has("6 digits");
    let csv = env.write(
        "agencies.csv",
        "name,region_code,level,parent\n\
         淮安市人民政府,320800,prefecture,\n\
         泉州市人民政府,350500,prefecture,\n\
         晋江市人民政府,,,泉州市人民政府\n",
    );
    env.run(["agency".as_ref(), "import".as_ref(), csv.as_os_str()])
        .success();
    // 平潭综合实验区 of the fixtures was placed by the import itself.
    let list = json(&env, &["agency", "list", "--region", "35"]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 3, "{list:?}");
    let jj = list
        .iter()
        .find(|a| a["agency"] == "晋江市人民政府")
        .unwrap();
    assert_eq!(jj["region_code"], "350582");
    assert_eq!(jj["level"], "county");
    assert_eq!(jj["parent"], "泉州市人民政府");
    // An agency loaded from the list with no report shows in coverage as missing every year.
    let cov = json(
        &env,
        &[
            "query", "coverage", "--from", "2023", "--to", "2024", "--region", "3505",
        ],
    );
    let qz = cov
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["agency"] == "泉州市人民政府")
        .unwrap();
    assert_eq!(qz["missing"], "2023 2024");
    let counties = json(&env, &["agency", "list", "--level", "county"]);
    assert_eq!(counties.as_array().unwrap().len(), 2);
    // Regions by name: the list is there from the first use.
    env.run(["region", "list", "3505", "--format", "csv"])
        .success()
        .stdout_has("350582,晋江市,county,350500");
    let by_name = json(&env, &["agency", "list", "--region", "泉州市"]);
    assert_eq!(by_name.as_array().unwrap().len(), 2);
    // Undo the CSV import as one change.
    env.run(["agency", "undo"]).success();
    let list = json(&env, &["agency", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 3, "{list}");
}

#[test]
fn a_merge_moves_the_agencies_that_belong_to_it() {
    let env = Env::new();
    let a = seed_as(&env, "a.csv", "洪泽区人民政府", 2021, 50);
    let b = seed_as(&env, "b.csv", "淮安市洪泽区人民政府", 2022, 60);
    let c = seed_as(&env, "c.csv", "洪泽区发展和改革局", 2022, 10);
    env.run([
        "import".as_ref(),
        a.as_os_str(),
        b.as_os_str(),
        c.as_os_str(),
    ])
    .success();
    env.run([
        "agency",
        "set",
        "洪泽区发展和改革局",
        "--parent",
        "洪泽区人民政府",
    ])
    .success();
    env.run(["agency", "set", "洪泽区人民政府", "--region", "320813"])
        .success();
    env.run(["agency", "merge", "洪泽区人民政府", "淮安市洪泽区人民政府"])
        .success();
    let list = json(&env, &["agency", "list"]);
    // The region code the merged name had now belongs to the identity.
    let hz = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["agency"] == "淮安市洪泽区人民政府")
        .unwrap();
    assert_eq!(hz["region_code"], "320813");
    let dept = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["agency"] == "洪泽区发展和改革局")
        .unwrap();
    assert_eq!(dept["parent"], "淮安市洪泽区人民政府");
    env.run(["agency", "undo"]).success();
    let list = json(&env, &["agency", "list"]);
    let dept = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["agency"] == "洪泽区发展和改革局")
        .unwrap();
    assert_eq!(dept["parent"], "洪泽区人民政府");
}

#[test]
fn aliasing_one_name_of_an_agency_moves_only_that_name() {
    let env = Env::new();
    let a = seed_as(&env, "a.csv", "晋江市人民政府", 2022, 50);
    let b = seed_as(&env, "b.csv", "晋江市政府", 2023, 60);
    let c = seed_as(&env, "c.csv", "石狮市人民政府", 2021, 70);
    env.run([
        "import".as_ref(),
        a.as_os_str(),
        b.as_os_str(),
        c.as_os_str(),
    ])
    .success();
    env.run(["agency", "alias", "晋江市政府", "晋江市人民政府"])
        .success();
    // A mistake: 晋江市政府 is said to be 石狮市's. Only that name and its 2023 report move.
    env.run(["agency", "alias", "晋江市政府", "石狮市人民政府"])
        .success();
    let list = json(&env, &["agency", "list"]);
    let by = |n: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|a| a["agency"] == n)
            .cloned()
            .unwrap()
    };
    assert_eq!(by("晋江市人民政府")["years"], "2022");
    assert_eq!(by("石狮市人民政府")["years"], "2021 2023");
    assert_eq!(by("石狮市人民政府")["names"], "晋江市政府");
    env.run(["agency", "undo"]).success();
    let list = json(&env, &["agency", "list"]);
    let jj = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["agency"] == "晋江市人民政府")
        .unwrap();
    assert_eq!(jj["years"], "2022 2023");
}

/// After a merge, an undo or a split, only the agencies whose reports moved are rechecked
/// (migrations/V7); what that gives is what rechecking the whole database gives.
#[test]
fn findings_after_agency_changes_are_those_of_a_full_recheck() {
    let env = Env::new();
    let a = seed_as(&env, "a.csv", "洪泽区人民政府", 2021, 50);
    let b = seed_as(&env, "b.csv", "淮安市洪泽区人民政府", 2022, 60);
    let c = seed_as(&env, "c.csv", "淮安市洪泽区人民政府", 2023, 70);
    let d = seed_as(&env, "d.csv", "晋江市人民政府", 2023, 90);
    let e = seed_as(&env, "e.csv", "晋江市人民政府", 2024, 219);
    import(&env, &[a, b, c, d, e]);
    let findings = |env: &Env| env.run(["check", "--format", "csv"]).stdout();
    let full_recheck = |env: &Env| {
        env.run([
            "sql",
            "--write",
            "UPDATE meta SET value = 'stale' WHERE key = 'checks_version'",
        ])
        .success();
        findings(env)
    };
    let mut before = findings(&env);
    assert_eq!(before, full_recheck(&env));
    let steps: [&[&str]; 4] = [
        &["agency", "merge", "洪泽区人民政府", "淮安市洪泽区人民政府"],
        &["agency", "undo"],
        &["agency", "merge", "洪泽区人民政府", "淮安市洪泽区人民政府"],
        &[
            "agency",
            "split",
            "淮安市洪泽区人民政府",
            "--name",
            "洪泽区人民政府",
        ],
    ];
    for step in steps {
        env.run(step).success();
        let after = findings(&env);
        assert_ne!(
            after, before,
            "{step:?} moved a report between consecutive years"
        );
        assert_eq!(after, full_recheck(&env), "after {step:?}");
        before = after;
    }
}

/// What SQLite's CHECK constraints would refuse is refused first, saying why: an empty
/// name or a year no report can be for on the command line (exit 2; before, a raw "CHECK
/// constraint failed", exit 3), years in the wrong order (exit 2).
#[test]
fn names_and_years_are_checked_before_sql() {
    let env = Env::new();
    import(&env, &[fixture("expected/jinjiang-2024.csv")]);
    for (args, message) in [
        (
            vec!["agency", "alias", "", "晋江市人民政府"],
            "error: invalid value '' for '<NAME>': a name cannot be empty",
        ),
        (
            vec!["agency", "alias", "  ", "晋江市人民政府"],
            "error: invalid value '  ' for '<NAME>': a name cannot be empty",
        ),
        (
            vec![
                "agency",
                "alias",
                "晋江",
                "晋江市人民政府",
                "--from",
                "3000",
                "--to",
                "1000",
            ],
            "error: invalid value '3000' for '--from <FROM>': 3000 is not a statistics year (1990–2100)",
        ),
        (
            vec!["agency", "alias", "晋江", "晋江市人民政府", "--to", "1989"],
            "error: invalid value '1989' for '--to <TO>': 1989 is not a statistics year (1990–2100)",
        ),
        (
            vec![
                "agency",
                "alias",
                "晋江",
                "晋江市人民政府",
                "--from",
                "2024",
                "--to",
                "2019",
            ],
            "error: --from 2024 is after --to 2019: the first year the name was used comes first",
        ),
        (
            vec![
                "agency",
                "split",
                "晋江市人民政府",
                "--year",
                "2024",
                "--into",
                " ",
            ],
            "error: invalid value ' ' for '--into <INTO>': a name cannot be empty",
        ),
        (
            vec!["import", "--year", "3000", "x.txt"],
            "error: invalid value '3000' for '--year <YEAR>': 3000 is not a statistics year (1990–2100)",
        ),
        (
            vec!["import", "--agency", "", "x.txt"],
            "error: invalid value '' for '--agency <AGENCY>': a name cannot be empty",
        ),
    ] {
        env.run(&args).failure(2).stderr_has(message);
    }
    let log = json(&env, &["agency", "log"]);
    assert_eq!(log, serde_json::json!([]), "nothing was changed");
}

/// An agency cannot come to belong to itself, by `agency set` or by a merge: refused (exit
/// 1) naming the agencies around the cycle; before, both `set`s were accepted.
#[test]
fn parent_cycles_are_refused_naming_the_cycle() {
    let env = Env::new();
    let a = seed_as(&env, "a.csv", "甲局", 2024, 10);
    let b = seed_as(&env, "b.csv", "乙局", 2024, 11);
    let c = seed_as(&env, "c.csv", "丙局", 2023, 12);
    import(&env, &[a, b, c]);
    env.run(["agency", "set", "甲局", "--parent", "乙局"])
        .success();
    env.run(["agency", "set", "乙局", "--parent", "甲局"])
        .failure(1)
        .stderr_has("error: 乙局 would be its own ancestor: 乙局 → 甲局 → 乙局 (each belonging to the next); clear a parent first (gov-db agency set NAME --parent '')");
    env.run(["agency", "set", "乙局", "--parent", "丙局"])
        .success();
    env.run(["agency", "set", "丙局", "--parent", "甲局"])
        .failure(1)
        .stderr_has("error: 丙局 would be its own ancestor: 丙局 → 甲局 → 乙局 → 丙局");
    // 丙局 (2023) merged into 甲局 (2024): 甲局 would take over 丙局's place, under 乙局,
    // which belongs to 丙局.
    for name in ["甲局", "乙局"] {
        env.run(["agency", "set", name, "--parent", ""]).success();
    }
    env.run(["agency", "set", "丙局", "--parent", "乙局"])
        .success();
    env.run(["agency", "set", "乙局", "--parent", "甲局"])
        .success();
    env.run(["agency", "merge", "丙局", "甲局"])
        .failure(1)
        .stderr_has("error: 甲局 would be its own ancestor: 甲局 → 乙局 → 甲局");
    let list = json(&env, &["agency", "list"]);
    let parents: Vec<(String, String)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["agency"].as_str().unwrap().to_string(),
                a["parent"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert!(
        parents.contains(&("乙局".into(), "甲局".into()))
            && parents.contains(&("丙局".into(), "乙局".into()))
            && parents.contains(&("甲局".into(), "".into())),
        "{parents:?}"
    );
}

//! The canned views, ad hoc SQL and the shell over the fixtures: every output format prints
//! the same rows, every view runs and answers with the right numbers, trend and ranking
//! compare years and agencies, `sql` is read-only unless asked, a newer or foreign database is
//! refused. Split from core.rs.

use crate::harness::{Env, fixture};

#[test]
fn every_format_prints_the_same_rows() {
    let env = Env::new();
    env.run([
        "import".as_ref(),
        fixture("expected/jinjiang-2024.csv").as_os_str(),
    ])
    .success();
    let json = env
        .run(["query", "resolution-rates", "--format", "json"])
        .success()
        .stdout();
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed[0]["agency"], "晋江市人民政府");
    assert_eq!(parsed[0]["received_new"], 219);
    assert!((parsed[0]["resolution_rate"].as_f64().unwrap() - 221.0 / 224.0).abs() < 1e-12);
    env.run(["query", "resolution-rates", "--format", "markdown"])
        .success()
        .stdout_has("| 晋江市人民政府 | 2024 | 219 | 5 | 221 | 3 |");
    env.run(["query", "resolution-rates"])
        .success()
        .stdout_has("0.9866")
        .stdout_has("0.6018");
}

#[test]
fn every_canned_view_runs() {
    let env = Env::new();
    env.run(["import".as_ref(), fixture("expected").as_os_str()])
        .success();
    let list = env
        .run(["query", "--list", "--format", "csv"])
        .success()
        .stdout();
    let names: Vec<String> = list
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect();
    for required in [
        "resolution-rates",
        "outcomes",
        "applicant-mix",
        "outcomes-by-applicant",
        "refusal-reasons",
        "trend",
        "ranking",
        "appeals",
        "proactive",
    ] {
        assert!(
            names.iter().any(|n| n == required),
            "{required} missing from {names:?}"
        );
    }
    for name in &names {
        let run = env.run(["query", name, "--format", "json"]);
        run.success();
        let rows: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
        assert!(
            rows.as_array().is_some_and(|a| !a.is_empty()),
            "{name} returned no rows"
        );
    }
    env.run(["query", "no-such-view"])
        .failure(2)
        .stderr_has("no view named");
}

#[test]
fn canned_views_answer_with_the_right_numbers() {
    let env = Env::new();
    env.run([
        "import".as_ref(),
        fixture("expected/jinjiang-2024.csv").as_os_str(),
    ])
    .success();
    let rows = |view: &str| -> serde_json::Value {
        serde_json::from_str(
            &env.run(["query", view, "--format", "json"])
                .success()
                .stdout(),
        )
        .unwrap()
    };
    let appeals = rows("appeals");
    assert_eq!(appeals[0]["review_total"], 12);
    assert_eq!(appeals[0]["review_correction_rate"], 0.0);
    let outcomes = rows("outcomes");
    assert_eq!(outcomes[0]["withheld"], 21);
    assert_eq!(outcomes[0]["unavailable"], 49);
    assert_eq!(outcomes[0]["other"], 13);
    let reasons = rows("refusal-reasons");
    let not_held = reasons
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["reason"] == "unavailable_not_held")
        .unwrap();
    assert_eq!(not_held["count"], 48);
    let by_applicant = rows("outcomes-by-applicant");
    let natural = by_applicant
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["category"] == "natural_person")
        .unwrap();
    assert_eq!(natural["processed"], 205);
    assert_eq!(natural["granted"], 91);
    let proactive = rows("proactive");
    let fees = proactive
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["row"] == "fees")
        .unwrap();
    assert_eq!(fees["value"], 1002.3819);
}

#[test]
fn trend_and_ranking_compare_years_and_agencies() {
    let env = Env::new();
    let seed = std::fs::read_to_string(fixture("expected/jinjiang-2024.csv")).unwrap();
    let earlier = seed
        .replace(",2024,", ",2023,")
        .replace("received_new,total,219", "received_new,total,109");
    env.write("2023.csv", earlier);
    env.run([
        "import".as_ref(),
        env.path("2023.csv").as_os_str(),
        fixture("expected").as_os_str(),
    ])
    .success();
    let trend: serde_json::Value = serde_json::from_str(
        &env.run([
            "query",
            "trend",
            "--agency",
            "晋江市人民政府",
            "--format",
            "json",
        ])
        .success()
        .stdout(),
    )
    .unwrap();
    assert_eq!(trend[1]["year"], 2024);
    assert_eq!(trend[1]["prev_year"], 2023);
    assert_eq!(trend[1]["requests_change"], 110);
    let ranking = env
        .run([
            "query", "ranking", "--year", "2024", "--metric", "requests", "--format", "csv",
        ])
        .success()
        .stdout();
    let lines: Vec<&str> = ranking.lines().collect();
    assert!(
        lines[1].starts_with("2024,1,淮安市人民政府,requests,3153"),
        "{ranking}"
    );
    assert!(
        lines[2].starts_with("2024,2,晋江市人民政府,requests,224"),
        "{ranking}"
    );
}

#[test]
fn sql_is_read_only_unless_asked() {
    let env = Env::new();
    env.run([
        "import".as_ref(),
        fixture("expected/jinjiang-2024.csv").as_os_str(),
    ])
    .success();
    env.run(["sql", "DELETE FROM fact"])
        .failure(2)
        .stderr_has("add --write");
    env.run(["sql", "SELECT count(*) AS n FROM report", "--format", "csv"])
        .success()
        .stdout_has("n\n1\n");
    env.run(["sql", "--write", "UPDATE agency SET region_code = '350582'"])
        .success();
    env.run(["sql", "SELECT region_code FROM agency", "--format", "csv"])
        .success()
        .stdout_has("350582");
}

#[test]
fn a_newer_or_foreign_database_is_refused() {
    let env = Env::new();
    env.run(["sql", "--write", "INSERT INTO refinery_schema_history (version, name, applied_on, checksum) VALUES (999, 'future', '', '0')"])
        .success();
    env.run(["query", "resolution-rates"])
        .failure(3)
        .stderr_has("made by a newer gov-db (schema version 999");
    let foreign = env.path("other.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    env.run_on(&foreign, ["query", "trend"])
        .failure(3)
        .stderr_has("is not a gov-db database");
}

#[test]
fn completions_are_printed() {
    Env::new()
        .run(["completions", "bash"])
        .success()
        .stdout_has("gov-db");
}

#[test]
fn the_shell_runs_statements_and_dot_commands() {
    let env = Env::new();
    env.run([
        "import".as_ref(),
        fixture("expected/jinjiang-2024.csv").as_os_str(),
    ])
    .success();
    let run = env.run_stdin(
        ["shell"],
        ".tables\nSELECT agency,\n       year FROM resolution_rates;\n.mode csv\nSELECT count(*) AS n FROM report;\n.schema agency\nSELECT nonsense;\n.quit\n",
    );
    // The failed statement makes the script fail, after the rest has run.
    run.failure(1)
        .stdout_has("resolution_rates")
        .stdout_has("│ 晋江市人民政府 │ 2024 │")
        .stdout_has("n\n1\n")
        .stdout_has("CREATE TABLE agency")
        .stderr_has("no such column: nonsense");
}

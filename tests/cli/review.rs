//! `gov-db review`: a verdict on a finding stays with the finding through re-imports of the
//! same numbers, goes stale when a number it is about changes or the finding goes away,
//! `check --unreviewed` lists what is left, and `quality` counts confirmed errors apart.

use crate::check::{check, expected, import, with_cell, with_year};
use crate::harness::Env;
use serde_json::Value as Json;

/// 晋江 2024, and the same numbers again as 2025: 2025's 上年结转 (5) is not 2024's 结转下年度
/// (3), in the 自然人 and 总计 columns: two carry-over errors.
fn two_years(env: &Env) -> String {
    let y2024 = expected("jinjiang-2024");
    import(env, "j2024.csv", &y2024).success();
    let y2025 = with_year(&y2024, 2025);
    import(env, "j2025.csv", &y2025)
        .success()
        .stdout_has("checks: 2 errors");
    y2025
}

/// The finding of `rule` at row/column, from `gov-db check --format json`.
fn finding(env: &Env, rule: &str, row: &str, column: &str) -> Option<Json> {
    let (found, _) = check(env, &[]);
    found
        .into_iter()
        .find(|f| f["rule"] == rule && f["row"] == row && f["column"] == column)
}

fn carry_over(env: &Env) -> Json {
    finding(env, "carry-over", "carried_in", "natural_person").expect("the carry-over error")
}

/// One column of `gov-db review --list --format json`, per review.
fn reviews(env: &Env, args: &[&str]) -> Vec<Json> {
    let mut all = vec!["review", "--list", "--format", "json"];
    all.extend_from_slice(args);
    let run = env.run(&all);
    run.success();
    serde_json::from_str::<Json>(&run.stdout())
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn sql(env: &Env, query: &str) -> String {
    env.run(["sql", query, "--format", "csv"])
        .success()
        .stdout()
        .lines()
        .skip(1)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_review_survives_a_reimport_of_the_same_numbers_and_goes_stale_when_its_cell_changes() {
    let env = Env::new();
    let y2025 = two_years(&env);
    let f = carry_over(&env);
    let id = f["id"].as_str().unwrap().to_string();
    assert_eq!(id.len(), 10, "{f}");
    assert_eq!(f["review"], Json::Null);
    env.run([
        "review",
        &id[..7],
        "--status",
        "confirmed",
        "--note",
        "the 2025 report prints 5; the 2024 report printed 3",
    ])
    .success()
    .stdout_has(&format!(
        "confirmed: {id} error carry-over 晋江市人民政府 2025 requests/carried_in/natural_person (expected 3, actual 5)"
    ));
    assert_eq!(carry_over(&env)["review"], "confirmed");
    // The total column's finding is another finding: not reviewed.
    let total = finding(&env, "carry-over", "carried_in", "total").unwrap();
    assert_eq!(total["review"], Json::Null);

    // 2025 again, one number changed that no rule involves: the report is replaced and its
    // findings are written again (new rows: the mark put on the old ones is gone), with the
    // same key.
    env.run([
        "sql",
        "--write",
        "UPDATE finding SET message = message || ' (old row)'",
    ])
    .success();
    let other = with_cell(&y2025, "proactive", "licensing", "decisions", "12340");
    import(&env, "j2025b.csv", &other)
        .success()
        .stdout_has("1 replaced");
    let old_rows = "SELECT count(*) FROM finding WHERE message LIKE '%(old row)'";
    assert_eq!(sql(&env, old_rows), "0");
    let again = carry_over(&env);
    assert_eq!(again["id"], id.as_str());
    assert_eq!(again["review"], "confirmed");
    let list = reviews(&env, &[]);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["id"], id.as_str());
    assert_eq!(list[0]["stale"], "no");
    assert_eq!(
        list[0]["note"],
        "the 2025 report prints 5; the 2024 report printed 3"
    );
    assert_eq!(reviews(&env, &["--stale"]), Vec::<Json>::new());

    // The reviewed cell changes: the finding has other numbers, another id, no review; the
    // review is stale, and says why.
    let changed = with_cell(&other, "requests", "carried_in", "natural_person", "6");
    import(&env, "j2025c.csv", &changed).success();
    let now = carry_over(&env);
    assert_eq!(now["actual"], 6);
    assert_ne!(now["id"], id.as_str());
    assert_eq!(now["review"], Json::Null);
    let stale = reviews(&env, &["--stale"]);
    assert_eq!(stale.len(), 1, "{stale:?}");
    assert_eq!(stale[0]["id"], id.as_str());
    assert_eq!(stale[0]["stale"], "yes");
    assert_eq!(
        stale[0]["why"],
        "the numbers changed: the finding is now expected 3, actual 6"
    );
    // Its id names no finding now, and the refusal says where to look.
    env.run(["review", &id, "--status", "explained", "--note", "n"])
        .failure(1)
        .stderr_has("its review is stale (gov-db review --list --stale says why)");

    // The numbers agree again: no finding at all.
    let fixed = with_cell(&changed, "requests", "carried_in", "natural_person", "3");
    let fixed = with_cell(&fixed, "requests", "carried_in", "total", "3");
    let fixed = with_cell(&fixed, "requests", "received_new", "natural_person", "205");
    let fixed = with_cell(&fixed, "requests", "received_new", "total", "221");
    import(&env, "j2025d.csv", &fixed).success();
    assert_eq!(
        finding(&env, "carry-over", "carried_in", "natural_person"),
        None
    );
    let stale = reviews(&env, &["--stale"]);
    assert_eq!(
        stale[0]["why"],
        "the finding is gone: the report as it stands does not break carry-over here"
    );

    // The same numbers as when it was reviewed: the review holds again.
    import(&env, "j2025e.csv", &other).success();
    assert_eq!(carry_over(&env)["review"], "confirmed");
    assert_eq!(reviews(&env, &["--stale"]), Vec::<Json>::new());
}

#[test]
fn unreviewed_lists_what_is_left_and_exits_by_it() {
    let env = Env::new();
    two_years(&env);
    let (all, code) = check(&env, &[]);
    assert_eq!(code, 1);
    assert_eq!(all.len(), 3, "{all:?}");
    let errors: Vec<&Json> = all.iter().filter(|f| f["severity"] == "error").collect();
    for (f, status) in errors.iter().zip(["confirmed", "explained"]) {
        let id = f["id"].as_str().unwrap();
        env.run(["review", id, "--status", status, "--note", "seen"])
            .success();
    }
    // Listed, reviewed: the errors are still errors.
    let (listed, code) = check(&env, &["--severity", "error"]);
    assert_eq!(code, 1);
    let verdicts: Vec<&Json> = listed.iter().map(|f| &f["review"]).collect();
    assert_eq!(verdicts, ["confirmed", "explained"]);
    // What is left: the warning alone, and no error listed, so exit 0.
    let (left, code) = check(&env, &["--unreviewed"]);
    assert_eq!(code, 0);
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(left[0]["rule"], "in-force");
    assert_eq!(left[0]["review"], Json::Null);
    let (none, code) = check(&env, &["--unreviewed", "--severity", "error"]);
    assert_eq!((none, code), (vec![], 0));
    env.run(["check", "--unreviewed", "--format", "csv"])
        .success()
        .stdout_has(
            "id,severity,rule,agency,year,section,row,column,expected,actual,review,message",
        )
        .stderr_has("checked 2 reports: 0 errors, 1 warning, 0 notes");
}

#[test]
fn quality_counts_confirmed_errors_apart_from_unreviewed_ones() {
    let env = Env::new();
    two_years(&env);
    let per_report = "SELECT year, errors, confirmed_errors, explained_errors, reading_errors, \
                      unreviewed_errors FROM quality ORDER BY year";
    assert_eq!(sql(&env, per_report), "2024,0,0,0,0,0\n2025,2,0,0,0,2");
    let (found, _) = check(&env, &["--severity", "error"]);
    let id = found[0]["id"].as_str().unwrap();
    env.run(["review", id, "--status", "confirmed", "--note", "seen"])
        .success();
    assert_eq!(sql(&env, per_report), "2024,0,0,0,0,0\n2025,2,1,0,0,1");
    let id = found[1]["id"].as_str().unwrap();
    env.run([
        "review",
        id,
        "--status",
        "reading-error",
        "--note",
        "misread",
    ])
    .success();
    assert_eq!(sql(&env, per_report), "2024,0,0,0,0,0\n2025,2,1,0,1,0");
    // A review of a warning counts in no error column.
    let (warnings, _) = check(&env, &["--unreviewed"]);
    let id = warnings[0]["id"].as_str().unwrap();
    env.run(["review", id, "--status", "explained", "--note", "lapsed"])
        .success();
    assert_eq!(sql(&env, per_report), "2024,0,0,0,0,0\n2025,2,1,0,1,0");
    let ranked = env
        .run(["query", "quality", "--format", "json"])
        .success()
        .stdout();
    let ranked: Json = serde_json::from_str(&ranked).unwrap();
    assert_eq!(ranked[0]["errors"], 2);
    assert_eq!(ranked[0]["confirmed_errors"], 1);
    assert_eq!(ranked[0]["unreviewed_errors"], 0);
}

#[test]
fn a_review_needs_a_finding_a_verdict_and_a_note() {
    let env = Env::new();
    // No database: nothing to review, and none is created.
    env.run(["review", "abcdef", "--status", "confirmed", "--note", "n"])
        .failure(3)
        .stderr_has("no database at");
    assert!(!env.db().exists());
    two_years(&env);
    env.run([
        "review",
        "abcdef0123",
        "--status",
        "confirmed",
        "--note",
        "n",
    ])
    .failure(1)
    .stderr_has("no finding has the id abcdef0123 (gov-db check lists the findings");
    env.run(["review", "abc", "--status", "confirmed", "--note", "n"])
        .failure(2)
        .stderr_has("at least 6");
    let id = carry_over(&env)["id"].as_str().unwrap().to_string();
    env.run(["review", &id, "--status", "confirmed", "--note", "  "])
        .failure(2)
        .stderr_has("--note is empty");
    env.run(["review", &id, "--status", "wrong", "--note", "n"])
        .failure(2);
    env.run(["review", &id, "--note", "n"]).failure(2);
    env.run(["review", "--list", "--status", "confirmed"])
        .failure(2);
    // Upper case as typed from a printout works too; a second verdict replaces the first.
    env.run([
        "review",
        &id.to_uppercase(),
        "--status",
        "explained",
        "--note",
        "n",
    ])
    .success();
    env.run(["review", &id, "--status", "confirmed", "--note", "n2"])
        .success()
        .stdout_has("(was explained)");
    let list = reviews(&env, &[]);
    assert_eq!(list.len(), 1);
    assert_eq!(
        (&list[0]["status"], &list[0]["note"]),
        (&"confirmed".into(), &"n2".into())
    );
}

/// A closed stdout (`| head`): the review is committed before it is printed.
#[test]
fn a_review_is_committed_whoever_reads_what_it_prints() {
    let env = Env::new();
    two_years(&env);
    let id = carry_over(&env)["id"].as_str().unwrap().to_string();
    let run = env.run_closed_stdout(["review", &id, "--status", "confirmed", "--note", "n"], "");
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert_eq!(carry_over(&env)["review"], "confirmed");
    let run = env.run_closed_stdout(["review", "--list"], "");
    assert_eq!((run.code(), run.stderr()), (0, String::new()));
}

/// History and reviews: a review goes stale when a new version changes its cell and holds
/// again when `import undo` puts the reviewed numbers back; a correction of the cell leaves
/// the finding of the current version gone (stale), while `check --as-printed` still shows the
/// printed finding with its verdict.
#[test]
fn a_review_follows_versions_undo_and_corrections() {
    let env = Env::new();
    let y2025 = two_years(&env);
    let id = carry_over(&env)["id"].as_str().unwrap().to_string();
    env.run([
        "review",
        &id,
        "--status",
        "confirmed",
        "--note",
        "printed so",
    ])
    .success();

    // A new reading of 2025 with the reviewed cell changed: its version 2; the review is stale.
    let changed = with_cell(&y2025, "requests", "carried_in", "natural_person", "6");
    import(&env, "j2025b.csv", &changed)
        .success()
        .stdout_has("1 replaced");
    assert_eq!(carry_over(&env)["actual"], 6);
    assert_eq!(reviews(&env, &["--stale"]).len(), 1);

    // That import undone: version 1 is current again, and so is the review.
    env.run(["import", "undo"]).success();
    assert_eq!(carry_over(&env)["id"], id.as_str());
    assert_eq!(carry_over(&env)["review"], "confirmed");
    assert_eq!(reviews(&env, &["--stale"]), Vec::<Json>::new());

    // A person corrects the cell: the current version no longer breaks carry-over here, and
    // the review is stale; as printed, the finding is still there, with its verdict.
    env.run([
        "correct",
        "--agency",
        "晋江市人民政府",
        "--year",
        "2025",
        "requests.carried_in.natural_person=3",
        "requests.carried_in.total=3",
        "--reason",
        "the 2024 report carried 3 over",
    ])
    .success();
    assert_eq!(
        finding(&env, "carry-over", "carried_in", "natural_person"),
        None
    );
    let stale = reviews(&env, &["--stale"]);
    assert_eq!(stale.len(), 1, "{stale:?}");
    assert_eq!(stale[0]["id"], id.as_str());
    let (printed, _) = check(&env, &["--as-printed"]);
    let printed = printed
        .into_iter()
        .find(|f| f["rule"] == "carry-over" && f["column"] == "natural_person")
        .expect("the printed carry-over error");
    assert_eq!(printed["id"], id.as_str());
    assert_eq!(printed["review"], "confirmed");
    assert_eq!(printed["actual"], 5);
}

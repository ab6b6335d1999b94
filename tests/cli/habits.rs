//! The command-line habits people bring from other tools: a misspelt view, rule or agency
//! gets the right name offered; the shell reads `exit`, `quit` and `help`, runs a last
//! statement without `;` and fails a failing script; `sql` says to add --write and what a
//! write changed; bash completion works for a name with a hyphen.

use crate::harness::{Env, fixture};

/// 平潭综合实验区 (2019) and 晋江市人民政府 (2024).
fn two_agencies() -> Env {
    let env = Env::new();
    env.run([
        "import".as_ref(),
        fixture("expected/pingtan-2019.csv").as_os_str(),
        fixture("expected/jinjiang-2024.csv").as_os_str(),
    ])
    .success();
    env
}

#[test]
fn a_misspelt_view_or_rule_is_offered_the_right_one() {
    let env = two_agencies();
    env.run(["query", "resolution-rate"])
        .failure(2)
        .stderr_has("no view named \"resolution-rate\"; did you mean resolution-rates?");
    env.run(["check", "--rule", "row-totals"])
        .failure(2)
        .stderr_has("no rule named \"row-totals\"; did you mean row-total?");
    // Nothing close: every name, as before.
    env.run(["query", "nonsense"])
        .failure(2)
        .stderr_has("no view named \"nonsense\"; the views are: ")
        .stderr_has("resolution-rates");
}

#[test]
fn an_agency_name_that_names_nothing_is_refused_with_the_close_names() {
    let env = two_agencies();
    let offer = "no agency is known as \"平潭\"; did you mean 平潭综合实验区?";
    for args in [
        &["query", "trend", "--agency", "平潭"][..],
        &["export", "--agency", "平潭"],
        &["check", "--agency", "平潭"],
        &["show", "--agency", "平潭", "--year", "2019"],
    ] {
        let run = env.run(args);
        run.failure(1).stderr_has(offer);
        assert_eq!(
            run.stdout(),
            "",
            "{args:?} printed rows for a name nobody has"
        );
    }
    // A character wrong or left out.
    env.run(["query", "resolution-rates", "--agency", "晋江人民政府"])
        .failure(1)
        .stderr_has("did you mean 晋江市人民政府?");
    // One unknown name among several is refused too, rather than left out of the answer.
    env.run([
        "query",
        "compare",
        "--agency",
        "晋江市人民政府",
        "--agency",
        "无此机关",
    ])
    .failure(1)
    .stderr_has("no agency is known as \"无此机关\" (gov-db agency list names them)");
    // Other names count, one per agency; the agency commands offer them too.
    env.run(["agency", "alias", "福建省平潭综合实验区", "平潭综合实验区"])
        .success();
    env.run(["query", "trend", "--agency", "福建省平潭"])
        .failure(1)
        .stderr_has("did you mean 福建省平潭综合实验区?");
    env.run(["query", "trend", "--agency", "平潭"])
        .failure(1)
        .stderr_has(offer);
    env.run(["agency", "merge", "平潭", "晋江市人民政府"])
        .failure(1)
        .stderr_has(offer);
}

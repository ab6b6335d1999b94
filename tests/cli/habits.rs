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

#[test]
fn the_shell_reads_help_exit_and_quit_without_a_dot() {
    let env = two_agencies();
    let run = env.run_stdin(
        ["shell"],
        "help\nSELECT 1 AS one;\nquit\nSELECT 2 AS two;\n",
    );
    run.success()
        .stdout_has(".schema [NAME]")
        .stdout_has("│ one │");
    assert!(
        !run.stdout().contains("two"),
        "ran past quit:\n{}",
        run.stdout()
    );
    let run = env.run_stdin(["shell"], "exit;\nSELECT 2 AS two;\n");
    run.success();
    assert!(
        !run.stdout().contains("two"),
        "ran past exit:\n{}",
        run.stdout()
    );
}

#[test]
fn a_script_prints_its_answers_alone_and_its_last_statement_needs_no_semicolon() {
    let env = two_agencies();
    env.run_stdin(["shell"], ".mode csv\nSELECT count(*) AS n\n  FROM report")
        .success()
        .stdout_has("n\n2\n");
    let run = env.run_stdin(
        ["shell", "--format", "csv"],
        "SELECT count(*) AS n FROM report",
    );
    run.success();
    // No banner before the answer: a script's output is its answers.
    assert_eq!(run.stdout(), "n\n2\n");
}

#[test]
fn a_script_with_a_failed_statement_fails_after_running_the_rest() {
    let env = two_agencies();
    env.run_stdin(
        ["shell", "--format", "csv"],
        "SELECT nonsense;\nSELECT 1 AS one;\n",
    )
    .failure(1)
    .stderr_has("no such column: nonsense")
    .stdout_has("one\n1\n");
    env.run_stdin(["shell"], ".mode bogus\n")
        .failure(1)
        .stderr_has("usage: .mode table|csv|json|markdown");
}

#[test]
fn a_write_without_write_says_to_add_it_and_a_write_says_what_it_changed() {
    let env = two_agencies();
    env.run(["sql", "DELETE FROM fact"])
        .failure(2)
        .stderr_has("gov-db sql opens the database read-only: add --write to change it");
    env.run_stdin(["shell"], "DELETE FROM fact;\n")
        .failure(1)
        .stderr_has("start it with --write (gov-db shell --write)");
    env.run(["sql", "--write", "UPDATE agency SET level = 'county'"])
        .success()
        .stderr_has("2 rows changed");
    env.run(["sql", "--write", "CREATE TABLE note (x)"])
        .success()
        .stderr_has("0 rows changed");
    // RETURNING rows are the answer on stdout; the count stays on stderr.
    let run = env.run([
        "sql",
        "--write",
        "INSERT INTO note VALUES (7) RETURNING x",
        "--format",
        "csv",
    ]);
    run.success().stderr_has("1 row changed");
    assert_eq!(run.stdout(), "x\n7\n");
    env.run_stdin(["shell", "--write"], "DELETE FROM note;\n")
        .success()
        .stderr_has("1 row changed");
    // A read says nothing of changes.
    let run = env.run(["sql", "SELECT count(*) AS n FROM note"]);
    assert!(
        !run.success().stderr().contains("changed"),
        "{}",
        run.stderr()
    );
}

/// What bash offers for `words` (the last one being completed), through the function the
/// generated script registers for gov-db; None when bash is not installed.
fn bash_completes(script: &std::path::Path, words: &[&str]) -> Option<Vec<String>> {
    // As bash's programmable completion calls the function: the command's name, the word
    // being completed, the word before it, with COMP_WORDS, COMP_CWORD, COMP_LINE and
    // COMP_POINT set.
    let driver = r#"
source "$1"; shift
function_name=$(complete -p gov-db | sed -E 's/.*-F ([^ ]+) .*/\1/')
COMP_WORDS=("$@")
COMP_CWORD=$(( $# - 1 ))
COMP_LINE="$*"
COMP_POINT=${#COMP_LINE}
COMPREPLY=()
"$function_name" gov-db "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
"#;
    let out = std::process::Command::new("bash")
        .args(["-c", driver, "bash"])
        .arg(script)
        .args(words)
        .output();
    let out = match out {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => panic!("bash does not run: {e}"),
    };
    assert!(
        out.status.success(),
        "bash failed on {words:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
    )
}

#[test]
fn bash_completes_options_views_and_rules_of_a_hyphenated_binary() {
    let env = Env::new();
    let script = env.write(
        "gov-db.bash",
        env.run(["completions", "bash"]).success().stdout(),
    );
    let Some(top) = bash_completes(&script, &["gov-db", "que"]) else {
        eprintln!("skipped: bash is not installed, so the completion script cannot be run");
        return;
    };
    assert_eq!(top, ["query"]);
    let cases: [(&[&str], &str); 4] = [
        (&["gov-db", "query", "--fo"], "--format"),
        (&["gov-db", "query", "res"], "resolution-rates"),
        (&["gov-db", "query", "--year", "2024", "ran"], "ranking"),
        (&["gov-db", "check", "--rule", "row"], "row-total"),
    ];
    for (words, expected) in cases {
        let offered = bash_completes(&script, words).expect("bash ran before");
        assert!(
            offered.iter().any(|o| o == expected),
            "{words:?} offers {offered:?}, not {expected}"
        );
    }
    let offered = bash_completes(&script, &["gov-db", "query", "res"]).unwrap();
    assert_eq!(offered, ["resolution-rates"], "only the views starting so");
}

/// An empty statement is said to be one (exit 2), where SQLite said "bad parameter or other
/// API misuse" (exit 3); in the shell a stray `;` is nothing to run, as in sqlite3.
#[test]
fn no_statement_is_said_to_be_none() {
    let env = two_agencies();
    for sql in ["", "  ", ";", "/* just a comment */"] {
        let run = env.run(["sql", sql]);
        run.failure(2);
        assert_eq!(
            run.stderr(),
            "error: no SQL statement given (e.g. gov-db sql 'SELECT * FROM resolution_rates')\n",
            "{sql:?}"
        );
    }
    env.run_stdin(["shell", "--format", "csv"], ";\nSELECT 1 AS one;\n;\n")
        .success()
        .stdout_has("one\n1\n");
}

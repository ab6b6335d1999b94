//! A closed standard output (`gov-db … | head`, `| true`) is success for every command: the
//! commands that write have committed by then, and nothing panics (`println!` used to, exit
//! code 101, after an import or an agency change had been committed).

use crate::harness::{Env, Run, fixture, repo};

/// Exit 0 with nothing on stderr but what the command says there anyway (`sql --write`'s
/// `N rows changed`): no panic, no "Broken pipe" error.
#[track_caller]
fn quietly(run: Run) {
    let what = format!("gov-db {:?} with stdout closed", run.args);
    assert_eq!(run.code(), 0, "{what}\n{}", run.stderr());
    let stderr = run.stderr();
    let unexpected: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.ends_with(" rows changed") && !l.ends_with(" row changed"))
        .collect();
    assert!(unexpected.is_empty(), "{what}\n{stderr}");
}

/// One number from the database, asked with stdout open.
fn count(env: &Env, sql: &str) -> String {
    env.run(["sql", sql, "--format", "csv"])
        .success()
        .stdout()
        .lines()
        .nth(1)
        .unwrap_or_default()
        .to_string()
}

#[test]
fn every_command_succeeds_on_a_closed_stdout_and_writes_commit() {
    let env = Env::new();
    let data = repo().join("data");
    let report = data.join("jinjiang-2024.txt");

    // A dry run of a published report prints its reading first (the panic of `| head -1`).
    quietly(env.run_closed_stdout(
        ["import".as_ref(), "--dry-run".as_ref(), report.as_os_str()],
        "",
    ));
    assert!(!env.db().exists(), "a dry run writes nothing");
    quietly(env.run_closed_stdout(["import".as_ref(), data.as_os_str()], ""));
    assert_eq!(count(&env, "SELECT count(*) FROM report"), "6");

    let agencies = env.write("agencies.csv", "name,region_code\n平潭综合实验区,350128\n");
    let ops = "SELECT count(*) FROM agency_op WHERE undone_at IS NULL";
    for (args, done) in [
        (vec!["agency", "alias", "晋江", "晋江市人民政府"], "1"),
        (
            vec!["agency", "set", "晋江市人民政府", "--region", "350582"],
            "2",
        ),
        (vec!["agency", "import", "agencies.csv"], "3"),
        (
            vec!["agency", "merge", "沭阳县发展和改革局", "晋江市人民政府"],
            "4",
        ),
        (
            vec![
                "agency",
                "split",
                "晋江市人民政府",
                "--name",
                "沭阳县发展和改革局",
            ],
            "5",
        ),
        (vec!["agency", "undo"], "4"),
    ] {
        quietly(env.run_closed_stdout(&args, ""));
        assert_eq!(count(&env, ops), done, "{args:?} was not committed");
    }
    assert!(agencies.exists());
    quietly(env.run_closed_stdout(["region", "import"], ""));
    assert!(
        count(&env, "SELECT count(*) FROM region")
            .parse::<i64>()
            .unwrap()
            > 3000
    );
    quietly(env.run_closed_stdout(["sql", "--write", "UPDATE agency SET level = 'county'"], ""));
    assert_eq!(
        count(&env, "SELECT count(*) FROM agency WHERE level IS NULL"),
        "0"
    );

    for args in [
        vec!["query", "resolution-rates"],
        vec!["query", "--list"],
        vec!["query", "trend", "--chart"],
        vec!["query", "coverage", "--format", "markdown"],
        vec!["sql", "SELECT * FROM agency"],
        vec!["check", "--list-rules"],
        vec!["show", "--agency", "晋江市人民政府", "--year", "2024"],
        vec!["export", "--full"],
        vec!["agency", "list"],
        vec!["agency", "log"],
        vec!["agency", "suggest"],
        vec!["region", "list", "35"],
        vec!["datasette"],
        vec!["completions", "bash"],
        vec!["completions", "fish"],
    ] {
        quietly(env.run_closed_stdout(&args, ""));
    }
    quietly(env.run_closed_stdout(["shell"], ".help\n.tables\nSELECT 1;\n"));
    quietly(env.run_closed_stdout(["shell"], "SELECT 1;\n"));
    quietly(env.run_closed_stdout(["check"], ""));
}

/// `import --keep-going` with a bad file: the good files are committed, and the failed ones
/// are still listed on stderr with exit code 1 when nobody reads the summary.
#[test]
fn a_closed_stdout_hides_no_failed_file_of_an_import() {
    let env = Env::new();
    let bad = env.write(
        "bad.csv",
        "agency,year,section,row,column,value\n某局,2024,requests,nonsense,total,1\n",
    );
    let good = fixture("expected/jinjiang-2024.csv");
    let run = env.run_closed_stdout(
        [
            "import".as_ref(),
            "--keep-going".as_ref(),
            good.as_os_str(),
            bad.as_os_str(),
        ],
        "",
    );
    run.failure(1)
        .stderr_has("error: 1 of 2 files failed and were not imported")
        .stderr_has("bad.csv");
    assert!(!run.stderr().contains("panicked"), "{}", run.stderr());
    assert_eq!(count(&env, "SELECT count(*) FROM report"), "1");
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let env = Env::new();
    env.run(["import".as_ref(), fixture("expected").as_os_str()])
        .success();
    for args in [
        vec!["query", "cells", "--format", "csv"],
        vec!["query", "cells", "--format", "json"],
        vec!["sql", "SELECT * FROM cells", "--format", "json"],
        vec!["export"],
        vec!["export", "--format", "json"],
    ] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("gov-db"))
            .arg("--db")
            .arg(env.db())
            .args(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 16];
        use std::io::Read;
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        // stdout is dropped here: the pipe closes with most of the output unread.
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {:?} {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

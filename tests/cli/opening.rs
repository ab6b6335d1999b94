//! Which commands create a database: only those that write. A command that only reads, on a
//! path with no database, fails with exit code 3 naming the path and leaves no file behind
//! (a typo in `--db` used to create an empty database and answer `(no rows)`).

use crate::harness::{Env, fixture, repo};
use std::path::Path;

/// The files in `dir` (a database leaves `-wal` and `-shm` files beside it too).
fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn read_only_commands_refuse_a_missing_database_and_create_nothing() {
    let env = Env::new();
    let typo = env.path("typo.db");
    let message = format!(
        "error: no database at {} (gov-db import creates one; --db or GOV_DB names another)\n",
        typo.display()
    );
    for args in [
        vec!["query", "resolution-rates"],
        vec!["query", "cells", "--format", "csv"],
        vec!["query", "ranking", "--format", "json"],
        vec!["sql", "SELECT 1"],
        vec!["sql", "SELECT 1", "--format", "csv"],
        vec!["check"],
        vec!["show", "--agency", "晋江市人民政府", "--year", "2024"],
        vec!["export"],
        vec!["datasette"],
        vec!["shell"],
        vec!["agency", "list"],
        vec!["agency", "log"],
        vec!["agency", "suggest"],
        vec!["region", "list"],
    ] {
        let run = env.run_on(&typo, &args);
        run.failure(3);
        assert_eq!(run.stderr(), message, "{args:?}");
        assert!(run.stdout().is_empty(), "{args:?}: {}", run.stdout());
        assert_eq!(files_in(env.dir.path()), Vec::<String>::new(), "{args:?}");
    }
    // The path is named as it was given, relative or not.
    env.run_on(Path::new("gvo.db"), ["query", "trend"])
        .failure(3)
        .stderr_has("error: no database at gvo.db (");
    // What needs no database still runs without one.
    env.run_on(&typo, ["query", "--list"]).success();
    env.run_on(&typo, ["check", "--list-rules"]).success();
    assert_eq!(files_in(env.dir.path()), Vec::<String>::new());
}

#[test]
fn a_dry_run_with_no_database_checks_against_an_empty_one_and_creates_nothing() {
    let env = Env::new();
    let data = repo().join("data");
    env.run(["import".as_ref(), "--dry-run".as_ref(), data.as_os_str()])
        .success()
        .stdout_has("would import 6 reports from 6 files into ")
        .stdout_has(": 6 new, 0 replaced, 0 unchanged");
    assert_eq!(files_in(env.dir.path()), Vec::<String>::new());
    // A bad file is found as before, and still nothing is created.
    let bad = env.write(
        "bad.csv",
        "agency,year,section,row,column,value\n某局,2024,requests,nonsense,total,1\n",
    );
    env.run(["import".as_ref(), "--dry-run".as_ref(), bad.as_os_str()])
        .failure(1)
        .stderr_has("bad.csv");
    assert_eq!(files_in(env.dir.path()), vec!["bad.csv".to_string()]);
}

#[test]
fn commands_that_write_create_the_database() {
    let env = Env::new();
    let agencies = env.write("agencies.csv", "name,region_code\n晋江市人民政府,350582\n");
    let report = fixture("expected/jinjiang-2024.csv");
    let cases: [(&str, Vec<&std::ffi::OsStr>); 5] = [
        ("import.db", vec!["import".as_ref(), report.as_os_str()]),
        ("region.db", vec!["region".as_ref(), "import".as_ref()]),
        (
            "agency.db",
            vec!["agency".as_ref(), "import".as_ref(), agencies.as_os_str()],
        ),
        (
            "sql.db",
            vec!["sql".as_ref(), "--write".as_ref(), "SELECT 1".as_ref()],
        ),
        ("shell.db", vec!["shell".as_ref(), "--write".as_ref()]),
    ];
    for (name, args) in cases {
        let db = env.path(name);
        env.run_on(&db, &args).success();
        assert!(db.exists(), "{args:?} did not create {name}");
        // Created and migrated: the read-only commands take it.
        env.run_on(&db, ["sql", "SELECT count(*) FROM report"])
            .success();
    }
}

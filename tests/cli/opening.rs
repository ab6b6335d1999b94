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

/// The bytes of `path` and of whatever files beside it share its name (`-wal`, `-shm`,
/// `-journal`): a file nobody changed reads the same.
fn snapshot(path: &Path) -> Vec<(String, Vec<u8>)> {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let dir = path.parent().unwrap();
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_name().to_string_lossy().starts_with(&name))
        .map(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            (n, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// Every command, those that write and those that read, on a file that is not gov-db's.
fn every_command(report: &Path) -> Vec<Vec<std::ffi::OsString>> {
    [
        vec!["export"],
        vec!["query", "resolution-rates"],
        vec!["check"],
        vec!["sql", "SELECT 1"],
        vec!["sql", "--write", "SELECT 1"],
        vec!["agency", "list"],
        vec!["agency", "set", "某局", "--level", "county"],
        vec!["region", "import"],
    ]
    .into_iter()
    .map(|a| a.into_iter().map(Into::into).collect())
    .chain([vec!["import".into(), report.as_os_str().to_owned()]])
    .collect()
}

/// A file that is not a gov-db database is refused by every command before anything in it
/// changes: another program's tables, a file holding only views (which an import took over,
/// dropping the views), a database of a newer gov-db, and a file that is not SQLite. Before,
/// each was switched to WAL mode first, even by `export`.
#[test]
fn a_file_that_is_not_ours_is_refused_unchanged_by_every_command() {
    let env = Env::new();
    let report = fixture("expected/jinjiang-2024.csv");
    let newer = "CREATE TABLE refinery_schema_history (version INT4 PRIMARY KEY, name VARCHAR(255),
                     applied_on VARCHAR(255), checksum VARCHAR(255));
                 INSERT INTO refinery_schema_history VALUES
                     (1, 'schema', '2025-01-01T00:00:00Z', '1'), (99, 'future', '2030-01-01T00:00:00Z', '2');";
    let cases: [(&str, Option<&str>, &str); 4] = [
        (
            "tables.db",
            Some("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');"),
            "is not a gov-db database (it holds tables, views or other schema of another program); nothing in it was changed",
        ),
        (
            "views.db",
            Some("CREATE VIEW answer AS SELECT 42 AS n;"),
            "is not a gov-db database",
        ),
        (
            "newer.db",
            Some(newer),
            "was made by a newer gov-db (schema version 99, this build knows up to",
        ),
        (
            "text.db",
            None,
            "is not a SQLite database; nothing in it was changed",
        ),
    ];
    for (name, sql, message) in cases {
        let db = env.path(name);
        match sql {
            Some(sql) => rusqlite::Connection::open(&db)
                .unwrap()
                .execute_batch(sql)
                .unwrap(),
            None => std::fs::write(&db, "agency,year\n某局,2024\n".repeat(200)).unwrap(),
        }
        let before = snapshot(&db);
        for args in every_command(&report) {
            env.run_on(&db, &args).failure(3).stderr_has(message);
            assert_eq!(snapshot(&db), before, "{name}: {args:?} changed it");
        }
    }
}

/// An empty file (zero bytes, or SQLite with no schema object at all) is the one file a
/// command that writes makes a database of; a command that only reads says it is empty and
/// leaves it so.
#[test]
fn only_an_empty_file_is_taken_over_and_only_by_a_command_that_writes() {
    let env = Env::new();
    let report = fixture("expected/jinjiang-2024.csv");
    let zero = env.write("zero.db", "");
    let bare = env.path("bare.db");
    rusqlite::Connection::open(&bare)
        .unwrap()
        .execute_batch("PRAGMA user_version = 3; PRAGMA application_id = 7;")
        .unwrap();
    assert!(std::fs::metadata(&bare).unwrap().len() > 0);
    for db in [&zero, &bare] {
        let before = snapshot(db);
        env.run_on(db, ["query", "resolution-rates"])
            .failure(3)
            .stderr_has(
                "is empty: there is no gov-db database in it yet (gov-db import creates one;",
            );
        assert_eq!(snapshot(db), before);
        env.run_on(
            db,
            ["import", "--dry-run"]
                .map(std::ffi::OsStr::new)
                .into_iter()
                .chain([report.as_os_str()]),
        )
        .success()
        .stdout_has("would import 1 report");
        assert_eq!(snapshot(db), before, "a dry run wrote to {}", db.display());
        env.run_on(db, ["import".as_ref(), report.as_os_str()])
            .success()
            .stdout_has("1 new");
        env.run_on(db, ["query", "resolution-rates", "--format", "csv"])
            .success()
            .stdout_has("晋江市人民政府,2024");
    }
}

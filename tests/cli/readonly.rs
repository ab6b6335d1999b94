//! A database that cannot be written (a file of mode 444, a read-only directory) can be
//! read by every command that only reads, and nothing is written to it: findings left stale
//! by `gov-db agency merge` are said to be stale rather than refreshed (before, every command
//! failed with "attempt to write a readonly database"), another build's views are replaced
//! by the command's own in memory, and a schema too old to read is refused with what to do.
//!
//! File modes bind everyone but root; as root these tests run gov-db through `setpriv`
//! without the capabilities that override them, and are skipped (saying so) where neither
//! works.

use crate::harness::{Env, Run, repo};
use rusqlite::Connection;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

/// How to run gov-db so that file modes apply to it: directly, or as root through setpriv.
fn modes_apply() -> Option<Vec<String>> {
    let uid = Command::new("id").arg("-u").output().ok()?;
    if String::from_utf8_lossy(&uid.stdout).trim() != "0" {
        return Some(Vec::new());
    }
    let setpriv = [
        "setpriv".to_string(),
        "--bounding-set=-dac_override,-dac_read_search".to_string(),
    ];
    let works = Command::new(&setpriv[0])
        .args(&setpriv[1..])
        .arg("true")
        .status()
        .is_ok_and(|s| s.success());
    works.then(|| setpriv.to_vec())
}

/// `gov-db --db DB ARGS…`, with file modes applying.
fn run(prefix: &[String], env: &Env, db: &Path, args: &[&str]) -> Run {
    let mut cmd = match prefix.split_first() {
        Some((first, rest)) => {
            let mut c = assert_cmd::Command::new(first);
            c.args(rest).arg(assert_cmd::cargo::cargo_bin("gov-db"));
            c
        }
        None => assert_cmd::Command::cargo_bin("gov-db").unwrap(),
    };
    cmd.arg("--db")
        .arg(db)
        .args(args)
        .env_remove("GOV_DB")
        .env("HOME", env.dir.path())
        .current_dir(env.dir.path());
    let output = cmd.output().expect("gov-db runs");
    Run {
        args: args.iter().map(Into::into).collect(),
        output,
    }
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// A database with stale findings: the bundled reports, then a merge (沭阳's 2023 report
/// moves to 平潭, between its 2022 and 2024 ones).
fn merged(env: &Env, db: &Path) {
    let data = repo().join("data");
    env.run_on(db, ["import".as_ref(), data.as_os_str()])
        .success();
    env.run_on(
        db,
        ["agency", "merge", "沭阳县发展和改革局", "平潭综合实验区"],
    )
    .success();
    let stale: i64 = Connection::open(db)
        .unwrap()
        .query_row("SELECT count(*) FROM finding_stale", [], |r| r.get(0))
        .unwrap();
    assert_eq!(stale, 2);
}

/// What every command that only reads answers on the database; writes are refused clearly.
fn reads_work(prefix: &[String], env: &Env, db: &Path) {
    let note = "note: the findings of 4 reports are stale (agencies or rules changed since they were checked) and will be refreshed by the next gov-db command that can write to";
    run(prefix, env, db, &["check"]).success().stderr_has(note);
    run(prefix, env, db, &["query", "quality"])
        .success()
        .stderr_has(note);
    let rates = run(
        prefix,
        env,
        db,
        &["query", "resolution-rates", "--format", "csv"],
    );
    rates.success();
    assert_eq!(rates.stdout().lines().count(), 7, "{}", rates.stdout());
    assert!(!rates.stderr().contains("stale"), "{}", rates.stderr());
    for args in [
        &["export"][..],
        &["sql", "SELECT count(*) FROM report"],
        &["show", "--agency", "晋江市人民政府", "--year", "2024"],
        &["agency", "list"],
        &["agency", "log"],
        &["region", "list"],
    ] {
        run(prefix, env, db, args).success();
    }
    let data = repo().join("data/huaian-2024.csv");
    run(prefix, env, db, &["import", data.to_str().unwrap()])
        .failure(3)
        .stderr_has("cannot write to")
        .stderr_has("is read-only; the commands that only read work on it");
}

fn stale_rows(db: &Path) -> i64 {
    Connection::open(db)
        .unwrap()
        .query_row("SELECT count(*) FROM finding_stale", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_read_only_file_is_read_and_its_stale_findings_are_said_to_be_stale() {
    let Some(prefix) = modes_apply() else {
        eprintln!("file modes cannot be made to apply here: skipped");
        return;
    };
    let env = Env::new();
    let db = env.db();
    merged(&env, &db);
    let before = std::fs::read(&db).unwrap();
    set_mode(&db, 0o444);
    reads_work(&prefix, &env, &db);
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the database was written"
    );
    // Writable again: the next command refreshes them, and says nothing.
    set_mode(&db, 0o644);
    let check = env.run_on(&db, ["check"]);
    check.success();
    assert!(!check.stderr().contains("stale"), "{}", check.stderr());
    assert_eq!(stale_rows(&db), 0);
}

#[test]
fn a_database_in_a_read_only_directory_is_read_and_nothing_is_created() {
    let Some(prefix) = modes_apply() else {
        eprintln!("file modes cannot be made to apply here: skipped");
        return;
    };
    let env = Env::new();
    let dir = env.path("ro");
    std::fs::create_dir(&dir).unwrap();
    let db = dir.join("gov.db");
    merged(&env, &db);
    let listing = || {
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    // Closed cleanly: no -wal or -shm, and none can be made now.
    assert_eq!(listing(), ["gov.db"]);
    let before = std::fs::read(&db).unwrap();
    set_mode(&dir, 0o555);
    reads_work(&prefix, &env, &db);
    set_mode(&dir, 0o755);
    assert_eq!(listing(), ["gov.db"]);
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the database was written"
    );
    assert_eq!(stale_rows(&db), 2);
}

/// Another build's views on a file this command cannot write are replaced in its own
/// connection only; a schema too old to read is refused (exit 3) saying what to do, and the
/// file is left as it was.
#[test]
fn views_and_schema_of_another_build_on_a_read_only_file() {
    let Some(prefix) = modes_apply() else {
        eprintln!("file modes cannot be made to apply here: skipped");
        return;
    };
    let env = Env::new();
    let db = env.db();
    env.run(["import".as_ref(), repo().join("data").as_os_str()])
        .success();
    Connection::open(&db)
        .unwrap()
        .execute_batch(
            "UPDATE meta SET value = 'another build' WHERE key = 'views_digest';
             DROP VIEW trend;",
        )
        .unwrap();
    set_mode(&db, 0o444);
    run(&prefix, &env, &db, &["query", "trend", "--format", "csv"])
        .success()
        .stdout_has("平潭综合实验区,2024,2022,218,");
    run(&prefix, &env, &db, &["sql", "SELECT count(*) FROM trend"]).success();
    let digest: String = Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT value FROM meta WHERE key = 'views_digest'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(digest, "another build");

    mod v6 {
        refinery::embed_migrations!("migrations");
    }
    let old = env.path("old.db");
    {
        let mut conn = Connection::open(&old).unwrap();
        conn.execute_batch("PRAGMA journal_mode = WAL;").unwrap();
        v6::migrations::runner()
            .set_target(refinery::Target::Version(6))
            .run(&mut conn)
            .unwrap();
    }
    let before = std::fs::read(&old).unwrap();
    set_mode(&old, 0o444);
    run(&prefix, &env, &old, &["query", "resolution-rates"])
        .failure(3)
        .stderr_has(&format!(
            "was made by an older gov-db (schema version 6; this build needs {}) and needs upgrading, which writes to it, but it cannot be written here",
            crate::harness::latest_schema_version()
        ));
    assert_eq!(std::fs::read(&old).unwrap(), before);
    // Where it can be written, any command upgrades it, as always.
    set_mode(&old, 0o644);
    env.run_on(&old, ["query", "resolution-rates"]).success();
}

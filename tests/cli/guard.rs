//! Read-only means nothing is written anywhere: `gov-db sql` and `gov-db shell` without
//! --write refuse, through SQLite's authorizer, every statement that would write, ATTACH
//! and VACUUM (INTO), and the pragmas that set something, however the session tries (before,
//! `PRAGMA query_only = OFF;` then `VACUUM INTO 'copy.db'` wrote a copy of the database, and
//! `sql "VACUUM INTO 'x.db'"`, refused, left an empty x.db). With --write everything works
//! but a change of journal mode: gov-db keeps WAL.

use crate::harness::{Env, repo};
use std::path::Path;

fn imported() -> Env {
    let env = Env::new();
    env.run(["import".as_ref(), repo().join("data").as_os_str()])
        .success();
    env
}

/// The files in the environment's directory, but the database's own.
fn other_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("gov.db"))
        .collect();
    names.sort();
    names
}

#[test]
fn a_read_only_shell_cannot_be_talked_into_writing() {
    let env = imported();
    let script = "PRAGMA query_only = OFF;\n\
                  VACUUM INTO 'copy.db';\n\
                  ATTACH 'other.db' AS other;\n\
                  CREATE TEMP TABLE scratch (x);\n\
                  PRAGMA user_version = 9;\n\
                  DELETE FROM agency_name;\n\
                  VACUUM;\n\
                  SELECT count(*) AS reports FROM report;\n";
    let run = env.run_stdin(["shell", "--format", "csv"], script);
    run.failure(1).stdout_has("reports\n6\n");
    let hint = "error: the shell opened the database read-only: start it with --write (gov-db shell --write) to change it";
    for refusal in [
        "(PRAGMA query_only = OFF sets something; the pragmas that only read work, such as table_info, index_list or integrity_check)",
        "(ATTACH and VACUUM INTO open or write the file \"copy.db\")",
        "(ATTACH and VACUUM INTO open or write the file \"other.db\")",
        "(PRAGMA user_version = 9 sets something;",
        "(VACUUM rewrites the database)",
    ] {
        run.stderr_has(&format!("{hint} {refusal}"));
    }
    // The temporary table and the DELETE: the plain hint.
    assert_eq!(
        run.stderr().matches(&format!("{hint}\n")).count(),
        2,
        "{}",
        run.stderr()
    );
    assert_eq!(other_files(env.dir.path()), Vec::<String>::new());
    env.run(["sql", "SELECT count(*) FROM agency_name", "--format", "csv"])
        .success()
        .stdout_has("\n4\n");
}

#[test]
fn sql_without_write_refuses_vacuum_into_and_makes_no_file() {
    let env = imported();
    env.run(["sql", "VACUUM INTO 'x.db'"])
        .failure(2)
        .stderr_has("error: gov-db sql opens the database read-only: add --write to change it (ATTACH and VACUUM INTO open or write the file \"x.db\")");
    assert_eq!(other_files(env.dir.path()), Vec::<String>::new());
    // The pragmas people read a database with still work.
    for sql in [
        "PRAGMA table_info(report)",
        "PRAGMA index_list(report)",
        "PRAGMA foreign_key_list(report)",
        "PRAGMA integrity_check",
        "PRAGMA user_version",
        "PRAGMA journal_mode",
        "SELECT name FROM pragma_table_info('report')",
    ] {
        env.run(["sql", sql]).success();
    }
}

#[test]
fn with_write_everything_works_but_changing_the_journal_mode() {
    let env = imported();
    env.run(["sql", "--write", "VACUUM INTO 'copy.db'"])
        .success();
    assert_eq!(other_files(env.dir.path()), ["copy.db"]);
    env.run(["sql", "--write", "PRAGMA user_version = 9"])
        .success();
    for mode in ["DELETE", "off", "truncate"] {
        env.run(["sql", "--write", &format!("PRAGMA journal_mode = {mode}")])
            .failure(2)
            .stderr_has(&format!("error: PRAGMA journal_mode = {mode} is refused: gov-db keeps its database in WAL mode, so that readers answer while another command writes"));
    }
    env.run_stdin(["shell", "--write"], "PRAGMA journal_mode=DELETE;\n")
        .failure(1)
        .stderr_has("error: PRAGMA journal_mode = DELETE is refused");
    env.run([
        "sql",
        "--write",
        "PRAGMA journal_mode = wal",
        "--format",
        "csv",
    ])
    .success()
    .stdout_has("wal");
    env.run(["sql", "SELECT load_extension('x')"])
        .failure(2)
        .stderr_has("load_extension() is not allowed");
}

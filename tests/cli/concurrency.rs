//! Many gov-db processes started at once on one database, each of which must succeed: on a
//! new path (the first import creates the database, migrates it and installs the views
//! while the others wait for its write lock, then find the work done), on a database whose
//! views must be reinstalled (another build's, as after an upgrade), and on one whose schema
//! is older (a reader migrates it, or waits for whoever does). Before, 8 processes on a new
//! path failed a quarter of the time ("table finding already exists", "not a gov-db
//! database", "database is locked") and 8 readers reinstalling views 60% of the time
//! ("database is locked").
//!
//! Bounded: a few rounds of 8 processes, each given 60 s (the busy timeout is 30 s).

use crate::harness::{Env, repo};
use rusqlite::Connection;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const ROUNDS: usize = 3;
const PROCESSES: usize = 8;

/// A process started, with the files its output goes to (files, not pipes: a process
/// printing more than a pipe holds would wait for a reader).
struct Started {
    what: String,
    child: Child,
    stdout: PathBuf,
    stderr: PathBuf,
}

/// What a process did.
struct Done {
    what: String,
    status: ExitStatus,
    stdout: String,
    stderr: String,
}

/// `gov-db --db DB ARGS…`, started and left running.
fn spawn(db: &Path, args: &[&str]) -> Started {
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let dir = db.parent().unwrap();
    let (stdout, stderr) = (dir.join(format!("out-{n}")), dir.join(format!("err-{n}")));
    let child = Command::new(assert_cmd::cargo::cargo_bin("gov-db"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("GOV_DB")
        .stdin(Stdio::null())
        .stdout(File::create(&stdout).unwrap())
        .stderr(File::create(&stderr).unwrap())
        .spawn()
        .expect("gov-db starts");
    Started {
        what: args.join(" "),
        child,
        stdout,
        stderr,
    }
}

/// Waits for every process, killing what is still running after 60 s; panics with each
/// failure's command and stderr.
fn all_succeed(children: Vec<Started>) -> Vec<Done> {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut done = Vec::new();
    for mut s in children {
        while s.child.try_wait().expect("wait").is_none() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        if s.child.try_wait().expect("wait").is_none() {
            let _ = s.child.kill();
        }
        let status = s.child.wait().expect("wait");
        done.push(Done {
            what: s.what,
            status,
            stdout: std::fs::read_to_string(&s.stdout).unwrap(),
            stderr: std::fs::read_to_string(&s.stderr).unwrap(),
        });
    }
    let failed: Vec<String> = done
        .iter()
        .filter(|d| !d.status.success())
        .map(|d| format!("gov-db {}: {:?}\n{}", d.what, d.status.code(), d.stderr))
        .collect();
    assert!(
        failed.is_empty(),
        "{} of {} processes failed:\n{}",
        failed.len(),
        done.len(),
        failed.join("\n")
    );
    done
}

fn data() -> String {
    repo().join("data").display().to_string()
}

fn one(db: &Path, sql: &str) -> String {
    Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get::<_, rusqlite::types::Value>(0))
        .map(|v| format!("{v:?}"))
        .unwrap()
}

#[test]
fn eight_processes_on_a_new_path_all_succeed() {
    let env = Env::new();
    // The bundled CSV only: what is raced for is the database's creation, and six imports
    // that each read the published pages too (slow in a debug build on a loaded machine)
    // could wait past the busy timeout for one another, which is what it is for.
    let files: Vec<String> = ["huaian-2024.csv", "pingtan-2019.csv", "pingtan-2022.csv"]
        .iter()
        .map(|f| repo().join("data").join(f).display().to_string())
        .collect();
    for round in 0..ROUNDS {
        let db = env.path(&format!("new-{round}.db"));
        let mut children = Vec::new();
        for i in 0..PROCESSES {
            // Only commands that write create a database; --list needs none.
            let mut import = vec!["import"];
            import.extend(files.iter().map(String::as_str));
            let args: &[&str] = if i % 4 == 3 {
                &["query", "--list"]
            } else {
                &import
            };
            children.push(spawn(&db, args));
        }
        let done = all_succeed(children);
        let imports = done.iter().filter(|d| d.what.starts_with("import"));
        let new: usize = imports
            .map(|d| d.stdout.contains(": 3 new,") as usize)
            .sum();
        assert_eq!(new, 1, "exactly one import found the reports new");
        assert_eq!(one(&db, "SELECT count(*) FROM report"), "Integer(3)");
        // Readers right after, while nothing needs doing any more.
        let readers = (0..PROCESSES)
            .map(|_| spawn(&db, &["query", "resolution-rates", "--format", "csv"]))
            .collect();
        for d in all_succeed(readers) {
            assert_eq!(d.stdout.lines().count(), 4, "{}", d.stdout);
        }
    }
}

/// Readers and imports started together on a database whose views are another build's:
/// one of them reinstalls the views under the write lock, the others wait and find it done.
#[test]
fn readers_wait_while_the_views_are_reinstalled() {
    let env = Env::new();
    let db = env.db();
    let data = data();
    env.run(["import", &data]).success();
    let ours = one(&db, "SELECT value FROM meta WHERE key = 'views_digest'");
    let readers: [&[&str]; 6] = [
        &["query", "resolution-rates", "--format", "csv"],
        &["query", "trend", "--format", "csv"],
        &["sql", "SELECT count(*) FROM cells"],
        &["check"],
        &["export"],
        &["agency", "list"],
    ];
    for _ in 0..ROUNDS {
        Connection::open(&db)
            .unwrap()
            .execute_batch(
                "UPDATE meta SET value = 'another build' WHERE key = 'views_digest';
                 DROP VIEW trend;",
            )
            .unwrap();
        let mut children: Vec<_> = readers.iter().map(|args| spawn(&db, args)).collect();
        children.push(spawn(&db, &["import", &data]));
        children.push(spawn(&db, &["import", &data]));
        let done = all_succeed(children);
        assert!(
            done[1].stdout.contains("requests_cagr_pct"),
            "the reinstalled trend view answered: {}",
            done[1].stdout
        );
        assert_eq!(
            one(&db, "SELECT value FROM meta WHERE key = 'views_digest'"),
            ours
        );
    }
}

/// Readers and imports started together on a database of schema version 6: the first to
/// hold the write lock migrates it, the others wait, then find it migrated.
#[test]
fn readers_wait_while_an_older_database_is_migrated() {
    mod v6 {
        refinery::embed_migrations!("migrations");
    }
    let env = Env::new();
    let data = data();
    for round in 0..ROUNDS {
        let db = env.path(&format!("old-{round}.db"));
        {
            let mut conn = Connection::open(&db).unwrap();
            conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;")
                .unwrap();
            v6::migrations::runner()
                .set_target(refinery::Target::Version(6))
                .run(&mut conn)
                .unwrap();
        }
        let mut children = Vec::new();
        for i in 0..PROCESSES {
            let args: &[&str] = match i % 4 {
                0 => &["import", &data],
                1 => &["query", "resolution-rates", "--format", "csv"],
                2 => &["check"],
                _ => &["sql", "SELECT count(*) FROM finding_stale"],
            };
            children.push(spawn(&db, args));
        }
        all_succeed(children);
        assert_eq!(
            one(&db, "SELECT max(version) FROM refinery_schema_history"),
            format!("Integer({})", crate::harness::latest_schema_version())
        );
        assert_eq!(one(&db, "SELECT count(*) FROM report"), "Integer(6)");
    }
}

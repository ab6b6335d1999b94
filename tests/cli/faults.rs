//! Faults: kill -9 in the middle of an import, readers and a second writer during an import,
//! a full disk, arbitrary bytes into every reader, and a database made by an older gov-db.
//! Each is bounded in time (a few seconds in a debug build); the data comes from the
//! benchmark's deterministic generator, at a small size.

use crate::harness::{Env, fixture, synth_csv};
use proptest::prelude::*;
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::synth;

fn gov_db() -> PathBuf {
    assert_cmd::cargo::cargo_bin("gov-db")
}

/// `gov-db --db DB import FILE` as a child process, output discarded.
fn spawn_import(db: &Path, file: &Path) -> Child {
    Command::new(gov_db())
        .arg("--db")
        .arg(db)
        .arg("import")
        .arg(file)
        .env_remove("GOV_DB")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("gov-db starts")
}

/// What a database holds, in a few sums: the reports, their cells, and the totals kept
/// beside them. Panics unless `PRAGMA integrity_check` says ok.
fn fingerprint(db: &Path) -> [i64; 6] {
    let conn = Connection::open(db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok", "integrity_check of {}", db.display());
    let stray: Vec<i64> = conn
        .prepare(
            "SELECT count(*) FROM report_summary s JOIN report r ON r.id = s.report_id
             WHERE s.year IS NOT r.year
             UNION ALL SELECT count(*) FROM import_seen
             UNION ALL SELECT count(*) FROM import_source",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    // No summary without its report's year; nothing left of an import's scratch tables.
    assert_eq!(stray, [0, 0, 0], "stray rows in {}", db.display());
    conn.query_row(
        "SELECT (SELECT count(*) FROM report),
                (SELECT count(*) FROM fact),
                (SELECT coalesce(sum(value), 0) FROM fact),
                (SELECT coalesce(sum(received_new), 0) + coalesce(sum(carried_out), 0)
                 FROM report_summary),
                (SELECT coalesce(sum(total), 0) + coalesce(sum(reports), 0) FROM year_cell_total),
                (SELECT count(*) FROM import_run)",
        [],
        |r| {
            Ok([
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ])
        },
    )
    .unwrap()
}

/// Copies a closed database (and its WAL, if any) to `to`.
fn copy_db(from: &Path, to: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let src = PathBuf::from(format!("{}{suffix}", from.display()));
        let dst = PathBuf::from(format!("{}{suffix}", to.display()));
        let _ = std::fs::remove_file(&dst);
        if src.exists() {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

/// An old state (some reports) and a file that replaces part of it and adds more: big
/// enough that importing it takes about a second in a debug build.
struct Scenario {
    env: Env,
    old_db: PathBuf,
    new_csv: PathBuf,
    old: [i64; 6],
}

fn scenario() -> Scenario {
    let env = Env::new();
    let old_csv = synth_csv(&env, "old.csv", 40, 2, 7);
    let new_csv = synth_csv(&env, "new.csv", 300, 4, 8);
    let old_db = env.path("old.db");
    env.run_on(&old_db, ["import".as_ref(), old_csv.as_os_str()])
        .success();
    let old = fingerprint(&old_db);
    assert_eq!(old[0], 80);
    Scenario {
        env,
        old_db,
        new_csv,
        old,
    }
}

#[test]
fn kill_9_during_an_import_leaves_the_old_or_the_new_data() {
    let s = scenario();
    // The new state, and how long the whole import takes here.
    let reference = s.env.path("reference.db");
    copy_db(&s.old_db, &reference);
    let started = Instant::now();
    let out = spawn_import(&reference, &s.new_csv)
        .wait_with_output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let full = started.elapsed();
    let new = fingerprint(&reference);
    assert_eq!(new[0], 300 * 4);
    assert_ne!(new, s.old);

    let mut rng = synth::Rng::new(20_260_127);
    let trial = s.env.path("trial.db");
    let (mut saw_old, mut saw_new) = (0, 0);
    for i in 0..20 {
        copy_db(&s.old_db, &trial);
        let mut child = spawn_import(&trial, &s.new_csv);
        // Anywhere from before the first write to well after the commit.
        let delay = full.mul_f64(rng.unit() * 1.4);
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let found = fingerprint(&trial);
        if found == s.old {
            saw_old += 1;
        } else if found == new {
            saw_new += 1;
        } else {
            panic!(
                "trial {i} (killed after {delay:?}): the database holds part of the import: {found:?}, old {:?}, new {new:?}",
                s.old
            );
        }
        // And gov-db itself carries on with it.
        s.env
            .run_on(&trial, ["sql", "SELECT count(*) FROM report"])
            .success();
    }
    eprintln!("kill -9: {saw_old} trials left the old data, {saw_new} the new");
    assert!(
        saw_old > 0,
        "no kill landed inside the import: make it bigger"
    );
}

#[test]
fn readers_answer_and_a_second_writer_waits_during_an_import() {
    let s = scenario();
    let db = s.env.path("gov.db");
    copy_db(&s.old_db, &db);
    // The state after both imports, made one after the other.
    let other_csv = synth_csv(&s.env, "other.csv", 20, 1, 9);
    let reference = s.env.path("reference.db");
    copy_db(&s.old_db, &reference);
    for f in [&s.new_csv, &other_csv] {
        s.env
            .run_on(&reference, ["import".as_ref(), f.as_os_str()])
            .success();
    }
    let both = fingerprint(&reference);

    let mut child = spawn_import(&db, &s.new_csv);
    std::thread::sleep(Duration::from_millis(150));
    let mut reads = 0;
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() && Instant::now() < deadline {
        // Readers see the last committed state: the old reports, every time.
        let count = s.env.run_on(
            &db,
            ["sql", "SELECT count(*) AS n FROM report", "--format", "csv"],
        );
        let running = child.try_wait().unwrap().is_none();
        count.success();
        if running {
            assert_eq!(
                count.stdout().trim(),
                "n\n80",
                "a reader saw a part of the import"
            );
        }
        let rates = s
            .env
            .run_on(&db, ["query", "resolution-rates", "--format", "csv"]);
        let running = running && child.try_wait().unwrap().is_none();
        rates.success();
        if running {
            assert_eq!(rates.stdout().lines().count(), 81, "{}", rates.stdout());
            reads += 1;
        }
        if reads == 2 {
            break;
        }
    }
    assert!(
        reads > 0,
        "the import ended before a reader could ask: make it bigger"
    );
    // A second import meanwhile waits for the first (or says the database is busy).
    let second = s
        .env
        .run_on(&db, ["import".as_ref(), other_csv.as_os_str()]);
    let first = child.wait_with_output().unwrap();
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    if second.code() == 0 {
        assert_eq!(fingerprint(&db), both);
    } else {
        second.stderr_has("busy");
        s.env
            .run_on(&db, ["import".as_ref(), other_csv.as_os_str()])
            .success();
        assert_eq!(fingerprint(&db), both);
    }
}

#[test]
fn a_full_disk_is_a_clear_error_and_loses_nothing() {
    let s = scenario();
    let db = s.env.path("gov.db");
    copy_db(&s.old_db, &db);
    let pages: i64 = Connection::open(&db)
        .unwrap()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    // GOV_DB_MAX_PAGES caps the database as a full disk would (a testing aid).
    let mut cmd = assert_cmd::Command::cargo_bin("gov-db").unwrap();
    let out = cmd
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(&s.new_csv)
        .env_remove("GOV_DB")
        .env("GOV_DB_MAX_PAGES", (pages + 8).to_string())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "the import should not fit");
    assert!(stderr.contains("disk is full"), "{stderr}");
    assert!(
        stderr.lines().count() <= 3,
        "one clear error, not a list:\n{stderr}"
    );
    assert_eq!(fingerprint(&db), s.old);
    // With room again, the same import goes through.
    s.env
        .run_on(&db, ["import".as_ref(), s.new_csv.as_os_str()])
        .success();

    // A real full filesystem, where the test may mount one (root, Linux); skipped elsewhere.
    // 3 MB: a new database holds the region list (2.3 MB) and the small import, and the new
    // import's 1.1 MB and its log do not fit beside them.
    let mnt = s.env.path("small-fs");
    std::fs::create_dir(&mnt).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=3m", "tmpfs"])
        .arg(&mnt)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("no tmpfs could be mounted here: the real full-disk case is skipped");
        return;
    }
    struct Unmount(PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(&self.0).status();
        }
    }
    let _unmount = Unmount(mnt.clone());
    let small = mnt.join("gov.db");
    let small_csv = synth_csv(&s.env, "small.csv", 10, 1, 3);
    s.env
        .run_on(&small, ["import".as_ref(), small_csv.as_os_str()])
        .success();
    let before = fingerprint(&small);
    let big = s
        .env
        .run_on(&small, ["import".as_ref(), s.new_csv.as_os_str()]);
    assert_ne!(big.code(), 0, "the import should not fit in 3 MB");
    big.stderr_has("disk is full");
    assert_eq!(fingerprint(&small), before);
}

/// Runs `f` on another thread and fails if it panics or takes longer than `limit`.
fn in_time(what: &str, limit: Duration, f: impl FnOnce() + Send + 'static) -> Result<(), String> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).is_ok();
        let _ = tx.send(ok);
    });
    match rx.recv_timeout(limit) {
        Ok(true) => Ok(()),
        Ok(false) => Err(format!("{what} panicked")),
        Err(_) => Err(format!("{what} did not finish within {limit:?}")),
    }
}

/// The CSV reader and the store behind it, on any bytes: problems or reports, never a panic.
fn import_csv_bytes(bytes: Vec<u8>) -> Result<(), String> {
    in_time("the CSV importer", Duration::from_secs(20), move || {
        let dir = tempfile::tempdir().unwrap();
        let mut store = gov_db::store::Store::open(&dir.path().join("f.db")).unwrap();
        let mut importer = store.begin_import("fuzz").unwrap();
        importer.begin_file().unwrap();
        let mut problems = gov_db::read::Problems::default();
        let input = Box::new(std::io::Cursor::new(bytes));
        gov_db::read::csv::read(input, Path::new("fuzz.csv"), &mut problems, &mut |r| {
            importer
                .put(&gov_db::store::Prepared::new(r))
                .map(|_| ())
                .map_err(|e| {
                    gov_db::read::Problem::new(Path::new("fuzz.csv"), None, None, e.to_string())
                })
        })
        .unwrap();
        let _ = problems.to_string();
        importer.end_file(problems.is_empty()).unwrap();
        importer.rollback().unwrap();
    })
}

/// The published-report reader (text, HTML, Markdown) on any bytes.
fn read_report_bytes(bytes: Vec<u8>, ext: &'static str) -> Result<(), String> {
    in_time("the report reader", Duration::from_secs(20), move || {
        let path = PathBuf::from(format!("fuzz.{ext}"));
        let overrides = gov_db::read::report::Overrides::default();
        let _ = gov_db::read::report::read_report(&path, &bytes, &overrides);
    })
}

/// Seeds for mutation: a synthetic CSV (two templates), the contract's fixtures, and the
/// published reports that are text.
fn seeds() -> Vec<(Vec<u8>, &'static str)> {
    let mut out = Vec::new();
    let mut csv = Vec::new();
    synth::generate(2, 4, 5, &mut csv).unwrap();
    out.push((csv, "csv"));
    for name in ["huaian-2024.csv", "jinjiang-2024.csv", "pingtan-2019.csv"] {
        if let Ok(b) = std::fs::read(fixture("expected").join(name)) {
            out.push((b, "csv"));
        }
    }
    for (name, ext) in [
        ("jinjiang-2024.txt", "txt"),
        ("pingtan-2019.html", "html"),
        ("pingtan-2022.txt", "txt"),
        ("pingtan-2024.html", "html"),
    ] {
        if let Ok(b) = std::fs::read(fixture("reports").join(name)) {
            out.push((b, ext));
        }
    }
    out
}

/// Applies edits to bytes: overwrite, insert, delete, duplicate a span, or plant one of the
/// characters CSV and the readers care about.
fn mutate(mut bytes: Vec<u8>, edits: &[(u8, usize, usize, u8)]) -> Vec<u8> {
    const SPECIAL: &[u8] = b",\"\n\r\t 0-.;\xef\xbb\xbf\xe4\xb8\x80";
    for &(op, at, len, b) in edits {
        let n = bytes.len();
        let at = if n == 0 { 0 } else { at % (n + 1) };
        let len = len % 64;
        match op % 6 {
            0 if at < n => bytes[at] = b,
            1 => bytes.insert(at, b),
            2 => {
                let end = (at + len).min(n);
                bytes.drain(at..end);
            }
            3 => {
                let end = (at + len).min(n);
                let span = bytes[at..end].to_vec();
                bytes.splice(at..at, span);
            }
            4 => bytes.insert(at, SPECIAL[usize::from(b) % SPECIAL.len()]),
            _ => bytes.truncate(at),
        }
    }
    bytes
}

fn edits() -> impl Strategy<Value = Vec<(u8, usize, usize, u8)>> {
    prop::collection::vec(
        (any::<u8>(), any::<usize>(), any::<usize>(), any::<u8>()),
        1..12,
    )
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 48,
        max_shrink_iters: 200,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_bytes_into_the_csv_importer(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        import_csv_bytes(bytes).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn random_bytes_behind_a_csv_header(body in prop::collection::vec(any::<u8>(), 0..2048)) {
        let mut bytes = b"agency,year,section,row,column,value\n".to_vec();
        bytes.extend(body);
        import_csv_bytes(bytes).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn random_bytes_into_the_report_reader(
        bytes in prop::collection::vec(any::<u8>(), 0..4096),
        ext in prop::sample::select(vec!["txt", "html", "md"]),
    ) {
        read_report_bytes(bytes, ext).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn mutated_inputs_into_every_importer(seed in any::<prop::sample::Index>(), edits in edits()) {
        let all = seeds();
        let (bytes, ext) = all[seed.index(all.len())].clone();
        let bytes = mutate(bytes, &edits);
        if ext == "csv" {
            import_csv_bytes(bytes).map_err(TestCaseError::fail)?;
        } else {
            read_report_bytes(bytes, ext).map_err(TestCaseError::fail)?;
        }
    }
}

/// A database made by gov-db 0.1's first schema (V1 only), with a report in it, opens under
/// this build: it is migrated forward, keeps its numbers, and the newer tables are filled.
#[test]
fn a_database_from_an_older_gov_db_is_migrated_forward() {
    mod v1 {
        refinery::embed_migrations!("migrations");
    }
    let env = Env::new();
    let db = env.db();
    {
        let mut conn = Connection::open(&db).unwrap();
        conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;")
            .unwrap();
        v1::migrations::runner()
            .set_target(refinery::Target::Version(1))
            .run(&mut conn)
            .unwrap();
        // What gov-db 0.1 wrote for a small report: received_new 10 + 2 (total 12),
        // carried_in 0, processed 11 = granted 9 + not_held 2, carried_out 1; one blank.
        conn.execute_batch(
            "INSERT INTO agency (id, name) VALUES (1, '旧库市人民政府');
             INSERT INTO shape (id, digest, cells) VALUES (1, 'v1-test', 9);
             INSERT INTO shape_cell (shape_id, row_id, col_id) VALUES
                 (1, 10, 1), (1, 10, 2), (1, 10, 7), (1, 11, 7), (1, 12, 7), (1, 22, 7),
                 (1, 34, 7), (1, 35, 7), (1, 3, 26);
             INSERT INTO report (id, agency_id, year, template, shape_id, format, source,
                                 content_hash, parser_version, imported_at)
                 VALUES (1, 1, 2022, 2021, 1, 'csv', 'old.csv', 'x', '0.1', '2025-01-01T00:00:00Z');
             INSERT INTO fact (report_id, row_id, col_id, value) VALUES
                 (1, 10, 1, 10), (1, 10, 2, 2), (1, 10, 7, 12), (1, 12, 7, 9), (1, 22, 7, 2),
                 (1, 34, 7, 11), (1, 35, 7, 1), (1, 3, 26, NULL);
             INSERT INTO report_summary (report_id, received_new, carried_in, total_processed,
                                         carried_out, granted, partly_granted)
                 VALUES (1, 12, 0, 11, 1, 9, 0);",
        )
        .unwrap();
        let version: i64 = conn
            .query_row(
                "SELECT max(version) FROM refinery_schema_history",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(version, 1);
    }
    // Any command opens and migrates it.
    env.run(["query", "resolution-rates", "--format", "csv"])
        .success()
        .stdout_has("旧库市人民政府,2022,12,0,11,1,");
    // The V5 ranking indexes cover the old report (its year copied into the summary).
    env.run([
        "query",
        "ranking",
        "--metric",
        "resolution_rate",
        "--year",
        "2022",
    ])
    .success()
    .stdout_has("旧库市人民政府");
    let conn = Connection::open(&db).unwrap();
    let (version, expected): (i64, i64) = (
        conn.query_row(
            "SELECT max(version) FROM refinery_schema_history",
            [],
            |r| r.get(0),
        )
        .unwrap(),
        std::fs::read_dir(crate::harness::repo().join("migrations"))
            .unwrap()
            .filter_map(|e| {
                let name = e.ok()?.file_name().into_string().ok()?;
                name.strip_prefix('V')?
                    .split("__")
                    .next()?
                    .parse::<i64>()
                    .ok()
            })
            .max()
            .unwrap(),
    );
    assert_eq!(version, expected, "migrated to the newest schema");
    drop(conn);
    // Its numbers are intact, blank and zero apart, and the per-year totals were filled in.
    let export = env.run(["export"]).success().stdout();
    for line in [
        "旧库市人民政府,2022,requests,received_new,natural_person,10",
        "旧库市人民政府,2022,requests,carried_in,total,0",
        "旧库市人民政府,2022,proactive,licensing,decisions,\n",
    ] {
        assert!(export.contains(line), "{line:?} missing from\n{export}");
    }
    env.run(["query", "national", "--format", "csv"])
        .success()
        .stdout_has("2022,requests,received_new,total,")
        .stdout_has(",1,0,12,");
    // And it takes new imports.
    env.run(["import".as_ref(), fixture("expected").as_os_str()])
        .success();
}

/// The per-year totals kept at import (`year_cell_total`, read by the `national` view) equal
/// the sums over the stored cells, through new reports, replaced ones, and two forms of one
/// report in one import.
#[test]
fn per_year_totals_stay_equal_to_the_cells() {
    let env = Env::new();
    let a = synth_csv(&env, "a.csv", 30, 3, 11);
    let b = synth_csv(&env, "b.csv", 20, 4, 12);
    env.run(["import".as_ref(), a.as_os_str()]).success();
    env.run(["import".as_ref(), b.as_os_str()]).success();
    env.run(["import".as_ref(), fixture("reports").as_os_str()])
        .success();
    let conn = Connection::open(env.db()).unwrap();
    let differ: i64 = conn
        .query_row(
            "SELECT count(*) FROM (
                 SELECT year, row_id, col_id, reports, blanks, total
                 FROM year_cell_total WHERE reports > 0
                 EXCEPT
                 SELECT r.year, sc.row_id, sc.col_id, count(*),
                        sum(f.report_id IS NOT NULL AND f.value IS NULL),
                        coalesce(sum(f.value), 0)
                 FROM report r
                 JOIN shape_cell sc ON sc.shape_id = r.shape_id
                 JOIN col_dim cd ON cd.id = sc.col_id AND cd.kind <> 'money'
                 LEFT JOIN fact f ON f.report_id = r.id AND f.row_id = sc.row_id
                                 AND f.col_id = sc.col_id
                 GROUP BY 1, 2, 3)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(differ, 0, "year_cell_total differs from the cells");
    let (rows, stated): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM year_cell_total WHERE reports > 0),
                    (SELECT count(*) FROM (SELECT DISTINCT r.year, sc.row_id, sc.col_id
                     FROM report r JOIN shape_cell sc ON sc.shape_id = r.shape_id
                     JOIN col_dim cd ON cd.id = sc.col_id AND cd.kind <> 'money'))",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(rows, stated);
}

//! Reading on every core: a folder of many reports imports the same whatever the number of
//! reading threads (`--jobs`, `GOV_DB_JOBS`): the database, byte for byte in its rows and
//! their order, what is printed, and the problems in file order.

use crate::harness::{Env, fixture};
use rusqlite::Connection;
use rusqlite::types::ValueRef;
use std::path::{Path, PathBuf};

/// A folder of 37 files, every fixture report three times over under names that interleave
/// them (so each agency-year is written several times, the pingtan .txt and .html readings
/// differing: the last file of each must win), with files that fail among them: a report
/// whose 表三 reads no way, one without tables, an empty one.
fn folder(env: &Env) -> PathBuf {
    let dir = env.path("reports");
    std::fs::create_dir(&dir).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(fixture("reports"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for copy in 0..3 {
        for (i, name) in names.iter().enumerate() {
            std::fs::copy(
                fixture("reports").join(name),
                dir.join(format!("{i:02}-{copy}-{name}")),
            )
            .unwrap();
        }
    }
    let text = std::fs::read_to_string(fixture("reports").join("pingtan-2022.txt")).unwrap();
    std::fs::write(
        dir.join("00-9-broken.txt"),
        text.replace("713000074二", "713000075二"),
    )
    .unwrap();
    std::fs::write(
        dir.join("05-9-note.txt"),
        "晋江市人民政府2024年政府信息公开工作年度报告\n\n无表格。\n",
    )
    .unwrap();
    std::fs::write(dir.join("10-9-empty.html"), "").unwrap();
    std::fs::write(
        dir.join("10-9-broken.txt"),
        text.replace("713000074二", "713000075二"),
    )
    .unwrap();
    dir
}

/// Every row of every table, in rowid order where tables have one, each value as SQLite
/// holds it; the times of day an import ran are the only values left out.
fn dump(db: &Path) -> String {
    let conn = Connection::open(db).unwrap();
    let tables: Vec<(String, bool)> = conn
        .prepare(
            "SELECT name, sql LIKE '%WITHOUT ROWID%' FROM sqlite_schema
             WHERE type = 'table' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut out = String::new();
    for (table, without_rowid) in tables {
        let sql = if without_rowid {
            format!("SELECT * FROM \"{table}\" ORDER BY 1, 2")
        } else {
            format!("SELECT rowid, * FROM \"{table}\" ORDER BY rowid")
        };
        let mut stmt = conn.prepare(&sql).unwrap();
        let names: Vec<String> = stmt.column_names().map(|s| s.to_string()).collect();
        out.push_str(&format!("== {table} ({})\n", names.join(", ")));
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            let cells: Vec<String> = (0..names.len())
                .map(|i| {
                    if names[i].ends_with("_at") || names[i] == "applied_on" {
                        return "<time>".into();
                    }
                    match row.get_ref(i).unwrap() {
                        ValueRef::Text(t) => format!("{:?}", String::from_utf8_lossy(t)),
                        other => format!("{other:?}"),
                    }
                })
                .collect();
            out.push_str(&cells.join(" | "));
            out.push('\n');
        }
    }
    out
}

/// What a run printed, with its database's name made the same.
fn printed(out: &str, db: &Path) -> String {
    out.replace(&db.display().to_string(), "DB")
}

#[test]
fn many_reports_import_the_same_on_one_thread_and_on_several() {
    let env = Env::new();
    let dir = folder(&env);
    let mut runs = Vec::new();
    for jobs in ["1", "3", "8"] {
        let db = env.path(&format!("jobs-{jobs}.db"));
        let run = env.run_on(
            &db,
            [
                "import".as_ref(),
                "--keep-going".as_ref(),
                "--jobs".as_ref(),
                jobs.as_ref(),
                dir.as_os_str(),
            ],
        );
        run.failure(1).stdout_has("from 33 files");
        runs.push((
            jobs,
            printed(&run.stdout(), &db),
            printed(&run.stderr(), &db),
            dump(&db),
        ));
    }
    // The dump holds each report's source: the first of the files that read to its
    // numbers (the later ones change nothing), which a writer out of file order would change.
    assert!(
        runs[0].3.contains("/reports/00-0-huaian-2024.layout.txt\""),
        "{}",
        runs[0].3
    );
    for (jobs, stdout, stderr, dump) in &runs[1..] {
        assert_eq!(stdout, &runs[0].1, "stdout with --jobs {jobs}");
        assert_eq!(stderr, &runs[0].2, "stderr with --jobs {jobs}");
        assert!(
            dump == &runs[0].3,
            "the database differs with --jobs {jobs}"
        );
    }
    // The problems name the failed files in file order, each once per problem.
    let stderr = &runs[0].2;
    let failed = [
        "00-9-broken.txt",
        "05-9-note.txt",
        "10-9-broken.txt",
        "10-9-empty.html",
    ];
    let at: Vec<usize> = failed
        .iter()
        .map(|f| {
            stderr
                .find(&format!("{f}:"))
                .unwrap_or_else(|| panic!("{f} in {stderr}"))
        })
        .collect();
    assert!(at.is_sorted(), "problems out of file order: {stderr}");
    assert!(
        stderr.contains(&format!(
            "4 of 37 files failed and were not imported: {}",
            failed
                .iter()
                .map(|f| dir.join(f).display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )),
        "{stderr}"
    );
}

#[test]
fn without_keep_going_the_problems_are_the_same_and_nothing_is_imported() {
    let env = Env::new();
    let dir = folder(&env);
    let mut seen = Vec::new();
    for jobs in ["1", "4"] {
        let db = env.path(&format!("jobs-{jobs}.db"));
        let run = env.run_on(
            &db,
            [
                "import".as_ref(),
                "-j".as_ref(),
                jobs.as_ref(),
                dir.as_os_str(),
            ],
        );
        run.failure(1).stderr_has("nothing was imported");
        let count: i64 = Connection::open(&db)
            .unwrap()
            .query_row("SELECT count(*) FROM report", [], |r| r.get(0))
            .unwrap();
        assert_eq!(count, 0);
        seen.push(printed(&run.stderr(), &db));
    }
    assert_eq!(seen[0], seen[1]);
}

#[test]
fn a_dry_run_prints_each_reading_in_file_order_whatever_the_threads() {
    let env = Env::new();
    let dir = folder(&env);
    let run = |jobs: &str| {
        let mut cmd = assert_cmd::Command::cargo_bin("gov-db").unwrap();
        cmd.arg("--db")
            .arg(env.db())
            .args(["import", "--dry-run", "--keep-going"])
            .arg(&dir)
            .env_remove("GOV_DB")
            .env("GOV_DB_JOBS", jobs)
            .env("HOME", env.dir.path());
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8(out.stdout).unwrap()
    };
    let one = run("1");
    assert_eq!(one, run("6"));
    let headings: Vec<&str> = one.lines().filter(|l| l.starts_with("== ")).collect();
    assert_eq!(headings.len(), 33, "{one}");
    assert!(headings.is_sorted(), "{one}");
    // Each file's reading is printed under its own name.
    for block in one.split("== ").skip(1) {
        let (path, reading) = block.split_once('\n').unwrap();
        let agency = [
            ("huaian", "淮安市人民政府"),
            ("jinjiang", "晋江市人民政府"),
            ("pingtan", "平潭综合实验区"),
            ("shuyang", "沭阳县发展和改革局"),
        ]
        .into_iter()
        .find(|(name, _)| path.contains(name))
        .map(|(_, agency)| agency)
        .unwrap_or_else(|| panic!("{path}"));
        let year = &path[path.rfind('-').unwrap() + 1..][..4];
        assert!(
            reading.contains(&format!("agency:   {agency}")) && reading.contains(year),
            "{path}: {reading}"
        );
    }
}

#[test]
fn jobs_must_be_a_positive_number() {
    let env = Env::new();
    let file = fixture("reports").join("jinjiang-2024.txt");
    env.run([
        "import".as_ref(),
        "--jobs".as_ref(),
        "0".as_ref(),
        file.as_os_str(),
    ])
    .failure(2)
    .stderr_has("--jobs");
}

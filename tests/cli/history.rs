//! History (issue 12, "Nothing lost"): every reading kept as a version, the fuller reading kept
//! current, every import reversible, deletions reversible, a person's corrections recorded
//! beside what was printed, and what an import did with each file.

use crate::harness::{Env, fixture, repo};

const PINGTAN: &str = "平潭综合实验区";

/// data/pingtan-2022.csv with cells set: (row/column key as in the CSV, value).
fn pingtan_2022(env: &Env, file: &str, set: &[(&str, &str)]) -> std::path::PathBuf {
    let seed = std::fs::read_to_string(repo().join("data/pingtan-2022.csv")).unwrap();
    let text: String = seed
        .lines()
        .map(|l| {
            let mut l = l.to_string();
            for (key, value) in set {
                if let Some((k, _)) = l.rsplit_once(',')
                    && k.ends_with(key)
                {
                    l = format!("{k},{value}");
                }
            }
            l + "\n"
        })
        .collect();
    env.write(file, text)
}

fn import(env: &Env, args: &[&std::ffi::OsStr]) -> crate::harness::Run {
    let mut all: Vec<&std::ffi::OsStr> = vec!["import".as_ref()];
    all.extend(args);
    env.run(all)
}

fn history(env: &Env, year: &str) -> Vec<Vec<String>> {
    let out = env
        .run([
            "history", "--agency", PINGTAN, "--year", year, "--format", "csv",
        ])
        .success()
        .stdout();
    crate::harness::records_in_order(&out)
}

fn export(env: &Env) -> String {
    env.run(["export", "--full"]).success().stdout()
}

#[test]
fn html_then_txt_keeps_the_fuller_reading() {
    let env = Env::new();
    let html = fixture("reports/pingtan-2024.html");
    let txt = fixture("reports/pingtan-2024.txt");
    import(&env, &[html.as_os_str()]).success();
    let before = export(&env);
    // The text reading leaves three cells of 表二 out and agrees on every other one.
    import(&env, &["--list".as_ref(), txt.as_os_str()])
        .success()
        .stdout_has("0 new, 0 replaced, 1 unchanged (1 left the fuller reading current")
        .stdout_has("kept the fuller reading stored: this one states 197 of its 200 cells");
    assert_eq!(export(&env), before);
    let versions = history(&env, "2024");
    assert_eq!(versions.len(), 1, "{versions:?}");
    assert!(
        versions[0][4].ends_with("pingtan-2024.html"),
        "{versions:?}"
    );
    // The other way round, the fuller reading replaces the poorer one as its next version.
    let env = Env::new();
    import(&env, &[txt.as_os_str()]).success();
    import(&env, &["--list".as_ref(), html.as_os_str()])
        .success()
        .stdout_has("0 new, 1 replaced, 0 unchanged")
        .stdout_has("version 2: 3 cells added: proactive.normative_documents.issued");
    assert_eq!(history(&env, "2024").len(), 2);
}

#[test]
fn a_changed_reading_is_a_new_version_listing_its_changed_cells() {
    let env = Env::new();
    let first = pingtan_2022(&env, "first.csv", &[]);
    import(&env, &[first.as_os_str()]).success();
    let changed = pingtan_2022(
        &env,
        "changed.csv",
        &[
            ("requests,received_new,natural_person", "72"),
            ("requests,received_new,total", "75"),
            ("requests,granted,natural_person", "31"),
            ("requests,granted,total", "31"),
            ("requests,total_processed,total", "76"),
        ],
    );
    import(&env, &["--list".as_ref(), changed.as_os_str()])
        .success()
        .stdout_has("0 new, 1 replaced, 0 unchanged")
        .stdout_has("version 2: 5 cells changed: requests.received_new.natural_person 71 → 72, requests.received_new.total 74 → 75,")
        .stdout_has(" and 2 more");
    let versions = history(&env, "2022");
    assert_eq!(
        versions
            .iter()
            .map(|v| (v[0].as_str(), v[1].as_str(), v[3].as_str()))
            .collect::<Vec<_>>(),
        [
            ("1", "superseded", "import #1"),
            ("2", "current", "import #2")
        ]
    );
    assert!(
        versions[1][7].starts_with("5 cells changed"),
        "{versions:?}"
    );
    // Any version's cells, as shown.
    let v1 = env
        .run([
            "show",
            "--agency",
            PINGTAN,
            "--year",
            "2022",
            "--version",
            "1",
            "--format",
            "csv",
        ])
        .success()
        .stdout();
    assert!(v1.contains("requests,received_new,本年新收政府信息公开申请数量,total,总计,74,"));
    env.run([
        "show", "--agency", PINGTAN, "--year", "2022", "--format", "csv",
    ])
    .success()
    .stdout_has("requests,received_new,本年新收政府信息公开申请数量,total,总计,75,");
    env.run([
        "show",
        "--agency",
        PINGTAN,
        "--year",
        "2022",
        "--version",
        "3",
    ])
    .failure(1)
    .stderr_has("has no version 3 (gov-db history lists its versions)");
}

#[test]
fn import_undo_after_replace_after_new_and_refused_after_a_later_change() {
    let env = Env::new();
    let first = pingtan_2022(&env, "first.csv", &[]);
    let second = pingtan_2022(&env, "second.csv", &[("requests,received_new,total", "75")]);
    let third = pingtan_2022(&env, "third.csv", &[("requests,received_new,total", "76")]);
    import(&env, &[first.as_os_str()]).success();
    let original = export(&env);
    import(&env, &[second.as_os_str()])
        .success()
        .stdout_has("1 replaced");
    import(&env, &[third.as_os_str()])
        .success()
        .stdout_has("1 replaced");
    // #2 wrote the version #3 replaced: undoing #2 would lose #3's reading.
    env.run(["import", "undo", "2"])
        .failure(1)
        .stderr_has("cannot undo import #2: it wrote version 2 of 平潭综合实验区 2022, and import #3 replaced it since; undo #3 first");
    // After a replace: the version it replaced comes back.
    env.run(["import", "undo"])
        .success()
        .stdout_has("undid import #3")
        .stdout_has("1 replaced report put back (平潭综合实验区 2022 to version 2)");
    env.run(["import", "undo"]).success();
    assert_eq!(export(&env), original);
    assert_eq!(history(&env, "2022").len(), 1);
    env.run(["check", "--severity", "error"]).success();
    // After a new report: it goes, with the agency the import created for it.
    env.run(["import", "undo"])
        .success()
        .stdout_has("1 new report taken out")
        .stdout_has("1 agency it created taken out");
    assert_eq!(
        export(&env),
        "agency,year,section,row,column,value,region_code,template,source,status\n"
    );
    env.run(["agency", "list", "--format", "csv"])
        .success()
        .stdout_has("agency,names");
    assert!(
        !env.run(["agency", "list"])
            .success()
            .stdout()
            .contains(PINGTAN)
    );
    env.run(["import", "undo"])
        .failure(1)
        .stderr_has("there is no import to undo");
    env.run(["import", "log", "--format", "csv"])
        .success()
        .stdout_has("3,");
    // Refused after a correction, and after an agency change that moved the report.
    import(&env, &[first.as_os_str()])
        .success()
        .stdout_has("1 new");
    env.run([
        "correct",
        "--agency",
        PINGTAN,
        "--year",
        "2022",
        "requests.received_new.total=70",
        "--reason",
        "test",
    ])
    .success();
    env.run(["import", "undo"])
        .failure(1)
        .stderr_has("it was corrected since");
    let other = crate::agency::seed_as(&env, "other.csv", "晋江市人民政府", 2020, 219);
    import(&env, &[other.as_os_str()]).success();
    env.run(["agency", "merge", "晋江市人民政府", PINGTAN])
        .success();
    env.run(["import", "undo"])
        .failure(1)
        .stderr_has("was moved by an agency change since; undo that first");
    env.run(["agency", "undo"]).success();
    env.run(["import", "undo"])
        .success()
        .stdout_has("1 new report taken out");
}

#[test]
fn delete_and_undo() {
    let env = Env::new();
    let first = pingtan_2022(&env, "first.csv", &[]);
    import(&env, &[first.as_os_str()]).success();
    let original = export(&env);
    env.run(["delete", "--agency", PINGTAN, "--year", "2022"])
        .success()
        .stdout_has("deleted 平潭综合实验区 2022 (version 1 is kept in its history");
    env.run(["show", "--agency", PINGTAN, "--year", "2022"])
        .failure(1)
        .stderr_has("has no report for 2022");
    assert!(!export(&env).contains("2022"));
    let versions = history(&env, "2022");
    assert_eq!(versions[0][1], "deleted");
    assert_eq!(versions[1][1], "deletion");
    // Undoing the import that brought it waits for the deletion to be taken back.
    env.run(["import", "undo"])
        .failure(1)
        .stderr_has("it was deleted since");
    env.run(["delete", "--undo", "--agency", PINGTAN, "--year", "2022"])
        .success()
        .stdout_has("brought back 平潭综合实验区 2022 (version 1");
    assert_eq!(export(&env), original);
    env.run(["delete", "--undo", "--agency", PINGTAN, "--year", "2022"])
        .failure(1)
        .stderr_has("has no deleted report for 2022");
    // Brought back while the agency-year has a report again: refused.
    env.run(["delete", "--agency", PINGTAN, "--year", "2022"])
        .success();
    import(&env, &[first.as_os_str()])
        .success()
        .stdout_has("1 new");
    env.run(["delete", "--undo", "--agency", PINGTAN, "--year", "2022"])
        .failure(1)
        .stderr_has("has a report for 2022 again");
}

#[test]
fn a_correction_keeps_what_was_printed() {
    let env = Env::new();
    // Printed with 总计 75 where the six columns add up to 74: two errors.
    let printed = pingtan_2022(
        &env,
        "printed.csv",
        &[("requests,received_new,total", "75")],
    );
    import(&env, &[printed.as_os_str()]).success();
    let plain = env.run(["export"]).success().stdout();
    env.run(["check"]).failure(1);
    env.run([
        "correct",
        "--agency",
        PINGTAN,
        "--year",
        "2022",
        "requests.received_new.total=74",
        "--reason",
        "the six columns add up to 74",
    ])
    .success()
    .stdout_has("corrected 平潭综合实验区 2022: version 2: 1 cell changed: requests.received_new.total 75 → 74 (reason: the six columns add up to 74)");
    env.run(["check", "--severity", "error"])
        .success()
        .stderr_has("0 errors");
    let as_printed = env
        .run(["check", "--as-printed", "--format", "csv"])
        .failure(1)
        .stdout();
    assert!(
        as_printed
            .contains("error,row-total,平潭综合实验区,2022,requests,received_new,total,74,75,"),
        "{as_printed}"
    );
    env.run([
        "show", "--agency", PINGTAN, "--year", "2022", "--format", "csv",
    ])
    .success()
    .stdout_has("section,row,row_label,column,column_label,value,origin,printed,reason\n")
    .stdout_has(",total,总计,74,,75,the six columns add up to 74\n");
    let full = export(&env);
    assert!(full.contains(",source,status\n"));
    let line = |start: &str| {
        full.lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("{start}\n{full}"))
            .to_string()
    };
    assert!(
        line("平潭综合实验区,2022,requests,received_new,total,74,350128,2021,")
            .ends_with("printed.csv,corrected")
    );
    assert!(
        line("平潭综合实验区,2022,requests,received_new,natural_person,71,350128,2021,")
            .ends_with("printed.csv,printed")
    );
    // The default export has its six columns, the corrected value in its place.
    assert_eq!(
        env.run(["export"]).success().stdout(),
        plain.replace("received_new,total,75", "received_new,total,74")
    );
    // The printed reading is in history; re-importing it changes nothing.
    assert_eq!(history(&env, "2022").len(), 2);
    import(&env, &[printed.as_os_str()])
        .success()
        .stdout_has("1 unchanged");
    // Bad cells and values are refused before anything is written.
    env.run([
        "correct",
        "--agency",
        PINGTAN,
        "--year",
        "2022",
        "requests.nothing.total=1",
        "--reason",
        "x",
    ])
    .failure(2)
    .stderr_has("is not a cell of the data contract");
    env.run([
        "correct",
        "--agency",
        PINGTAN,
        "--year",
        "2022",
        "requests.received_new.total=-1",
        "--reason",
        "x",
    ])
    .failure(2)
    .stderr_has("a count is a whole number of 0 or more");
    env.run([
        "correct",
        "--agency",
        PINGTAN,
        "--year",
        "2022",
        "requests.received_new.total=74",
        "--reason",
        "x",
    ])
    .failure(1)
    .stderr_has("holds these values already");
}

#[test]
fn the_per_file_list_names_each_file_and_is_stored() {
    let env = Env::new();
    let dir = env.path("batch");
    std::fs::create_dir(&dir).unwrap();
    std::fs::copy(repo().join("data/pingtan-2022.csv"), dir.join("a.csv")).unwrap();
    std::fs::copy(fixture("reports/pingtan-2024.html"), dir.join("b.html")).unwrap();
    std::fs::write(dir.join("c.txt"), "not a report at all").unwrap();
    std::fs::write(dir.join("README.md"), "notes").unwrap();
    std::fs::write(dir.join("d.zip"), "x").unwrap();
    let run = env.run([
        "import".as_ref(),
        "--keep-going".as_ref(),
        "--list".as_ref(),
        "--format".as_ref(),
        "csv".as_ref(),
        dir.as_os_str(),
    ]);
    run.failure(1)
        .stderr_has("imported 2 reports from 2 files into")
        .stderr_has("1 of 3 files failed");
    let lines = crate::harness::records_in_order(&run.stdout());
    let short: Vec<(String, String, String, String)> = lines
        .iter()
        .map(|l| {
            (
                l[0].rsplit('/').next().unwrap().to_string(),
                l[1].clone(),
                l[3].clone(),
                l[5].clone(),
            )
        })
        .collect();
    let s = |a: &str| a.to_string();
    assert_eq!(
        short,
        [
            (s("a.csv"), s(PINGTAN), s("csv"), s("new")),
            (s("b.html"), s(PINGTAN), s("html"), s("new")),
            (s("c.txt"), s(""), s(""), s("refused")),
            (s("README.md"), s(""), s(""), s("skipped")),
            (s("d.zip"), s(""), s(""), s("skipped")),
        ]
    );
    assert_eq!(lines[4][6], "not a report format (.zip)");
    // Stored: the same lines later.
    let log = env
        .run(["import", "log", "1", "--format", "csv"])
        .success()
        .stdout();
    assert_eq!(crate::harness::records_in_order(&log), lines);
    env.run(["import", "log", "7"])
        .failure(1)
        .stderr_has("there is no import #7");
    // Not a terminal and no --list: the summary alone, as before.
    let copy = env.write("again.csv", std::fs::read(dir.join("a.csv")).unwrap());
    let quiet = import(&env, &[copy.as_os_str()]).success().stdout();
    assert_eq!(quiet.lines().count(), 2, "{quiet}");
    // A dry run records nothing.
    import(&env, &["--dry-run".as_ref(), copy.as_os_str()]).success();
    assert_eq!(
        crate::harness::records_in_order(
            &env.run(["import", "log", "--format", "csv"])
                .success()
                .stdout()
        )
        .len(),
        2
    );
}

#[test]
fn a_file_named_undo_is_imported_as_a_path() {
    let env = Env::new();
    std::fs::copy(repo().join("data/pingtan-2022.csv"), env.path("undo")).unwrap();
    env.run(["import", "./undo"]).success().stdout_has("1 new");
    env.run(["import", "undo"])
        .success()
        .stdout_has("undid import #1 (./undo)");
}

#[test]
fn history_commands_need_a_database_and_commit_before_they_print() {
    let env = Env::new();
    for args in [
        vec!["history", "--agency", PINGTAN, "--year", "2022"],
        vec!["import", "log"],
        vec!["import", "undo"],
        vec!["delete", "--agency", PINGTAN, "--year", "2022"],
    ] {
        env.run(&args)
            .failure(3)
            .stderr_has("error: no database at");
        assert!(!env.db().exists(), "{args:?}");
    }
    let first = pingtan_2022(&env, "first.csv", &[]);
    import(&env, &[first.as_os_str()]).success();
    // A closed standard output loses the words, not the change.
    env.run_closed_stdout(
        [
            "correct",
            "--agency",
            PINGTAN,
            "--year",
            "2022",
            "requests.received_new.total=70",
            "--reason",
            "x",
        ],
        "",
    )
    .success();
    env.run_closed_stdout(["delete", "--agency", PINGTAN, "--year", "2022"], "")
        .success();
    assert_eq!(history(&env, "2022").len(), 3);
    env.run_closed_stdout(["history", "--agency", PINGTAN, "--year", "2022"], "")
        .success();
}

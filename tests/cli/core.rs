//! The core: canonical CSV import and export, canned queries, ad hoc SQL, output formats, and
//! bad input that leaves the database as it was.

use crate::harness::{Env, fixture, records, repo};

const HEADER: &str = "agency,year,section,row,column,value\n";

#[test]
fn quick_start_answers_the_seed_report() {
    let env = Env::new();
    env.run(
        [repo().join("data").as_os_str(), "import".as_ref()]
            .iter()
            .rev(),
    )
    .success();
    let run = env.run([
        "query",
        "resolution-rates",
        "--year",
        "2024",
        "--format",
        "csv",
    ]);
    run.success();
    let line = run
        .stdout()
        .lines()
        .find(|l| l.starts_with("晋江市人民政府,2024,"))
        .map(str::to_string)
        .unwrap_or_else(|| panic!("no 晋江 row in\n{}", run.stdout()));
    let fields: Vec<&str> = line.split(',').collect();
    assert_eq!(&fields[2..6], &["219", "5", "221", "3"], "{line}");
    assert!(fields[6].starts_with("0.9866"), "{line}");
    assert!(fields[7].starts_with("0.6018"), "{line}");
}

#[test]
fn expected_files_export_back_exactly() {
    for name in ["jinjiang-2024.csv", "huaian-2024.csv", "pingtan-2019.csv"] {
        let env = Env::new();
        let file = fixture("expected").join(name);
        env.run(["import".as_ref(), file.as_os_str()]).success();
        let original = std::fs::read_to_string(&file).unwrap();
        let exported = env.run(["export"]).success().stdout();
        assert_eq!(records(&exported), records(&original), "{name}");
    }
}

#[test]
fn import_export_import_is_the_identity() {
    let env = Env::new();
    env.run(["import".as_ref(), fixture("expected").as_os_str()])
        .success();
    let first = env.run(["export", "--full"]).success().stdout();
    let copy = env.write("copy.csv", &first);
    env.run(["import".as_ref(), copy.as_os_str()])
        .success()
        .stdout_has("3 unchanged");
    let second = env.run(["export", "--full"]).success().stdout();
    assert_eq!(first, second);
    assert!(first.contains("1002.3819"));
}

/// The region code `export --full` writes is the agency's (a person's, or placed by the
/// import): importing the export again changes nothing. It replaced every report whose
/// agency had a code, since the code was hashed as part of the report.
#[test]
fn an_exported_region_code_imported_again_changes_nothing() {
    let env = Env::new();
    let seed = fixture("expected/jinjiang-2024.csv");
    env.run(["import".as_ref(), seed.as_os_str()]).success();
    env.run(["agency", "set", "晋江市人民政府", "--region", "350500"])
        .success();
    let full = env.run(["export", "--full"]).success().stdout();
    assert!(full.contains(",350500,"), "{full}");
    let copy = env.write("copy.csv", &full);
    env.run(["import".as_ref(), copy.as_os_str()])
        .success()
        .stdout_has("0 new, 0 replaced, 1 unchanged");
    // A code that is not the agency's is news: the report is replaced.
    let other = env.write("other.csv", full.replace(",350500,", ",350582,"));
    env.run(["import".as_ref(), other.as_os_str()])
        .success()
        .stdout_has("0 new, 1 replaced, 0 unchanged");
}

#[test]
fn reimport_is_unchanged_and_a_correction_replaces() {
    let env = Env::new();
    let seed = fixture("expected/jinjiang-2024.csv");
    env.run(["import".as_ref(), seed.as_os_str()])
        .success()
        .stdout_has("1 new, 0 replaced, 0 unchanged");
    env.run(["import".as_ref(), seed.as_os_str()])
        .success()
        .stdout_has("0 new, 0 replaced, 1 unchanged");
    let corrected = std::fs::read_to_string(&seed).unwrap().replace(
        "requests,granted,natural_person,91",
        "requests,granted,natural_person,92",
    );
    let fixed = env.write("fixed.csv", corrected);
    env.run(["import".as_ref(), fixed.as_os_str()])
        .success()
        .stdout_has("0 new, 1 replaced, 0 unchanged");
    env.run([
        "sql",
        "SELECT value FROM cells WHERE row = 'granted' AND \"column\" = 'natural_person'",
        "--format",
        "csv",
    ])
    .success()
    .stdout_has("92");
}

#[test]
fn blank_stays_blank_and_zero_stays_zero() {
    let env = Env::new();
    let file = env.write(
        "b.csv",
        format!("{HEADER}某县人民政府,2023,requests,received_new,natural_person,\n某县人民政府,2023,requests,received_new,total,0\n"),
    );
    env.run(["import".as_ref(), file.as_os_str()]).success();
    let out = env.run(["export"]).success().stdout();
    assert!(
        out.contains("某县人民政府,2023,requests,received_new,natural_person,\n"),
        "{out}"
    );
    assert!(
        out.contains("某县人民政府,2023,requests,received_new,total,0\n"),
        "{out}"
    );
    env.run([
        "sql",
        "SELECT count(*) AS n FROM cells WHERE value IS NULL",
        "--format",
        "csv",
    ])
    .success()
    .stdout_has("n\n1\n");
}

#[test]
fn gbk_and_bom_and_labels_are_read() {
    let env = Env::new();
    let text =
        format!("{HEADER}某县人民政府,2023,requests,一、本年新收政府信息公开申请数量,自然人,7\n");
    let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
    let gbk = env.write("gbk.csv", gbk);
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.replace("2023", "2022").as_bytes());
    let bom = env.write("bom.csv", bom);
    env.run(["import".as_ref(), gbk.as_os_str(), bom.as_os_str()])
        .success()
        .stdout_has("2 new");
    env.run(["export"])
        .success()
        .stdout_has("某县人民政府,2023,requests,received_new,natural_person,7")
        .stdout_has("某县人民政府,2022,requests,received_new,natural_person,7");
}

/// Each bad input fails with its file and line named, exit code 1, and no change at all.
#[test]
fn bad_inputs_fail_and_leave_the_database_as_it_was() {
    let env = Env::new();
    env.run([
        "import".as_ref(),
        fixture("expected/jinjiang-2024.csv").as_os_str(),
    ])
    .success();
    let before = env.run(["export"]).success().stdout();
    let row = "某县人民政府,2023,requests,received_new,total";
    let cases: &[(&str, String, &str)] = &[
        (
            "negative.csv",
            format!("{HEADER}{row},-3\n"),
            "negative.csv:2: column value: -3 is negative",
        ),
        (
            "text.csv",
            format!("{HEADER}{row},七\n"),
            "text.csv:2: column value: \"七\" is not a whole number",
        ),
        (
            "code.csv",
            format!("{HEADER}某县人民政府,2023,requests,received_old,total,1\n"),
            "code.csv:2: column row: unknown row \"received_old\"",
        ),
        (
            "header.csv",
            format!("agency,year,section,row,col,value\n{row},1\n"),
            "header.csv:1: header field 5 is \"col\"",
        ),
        (
            "short.csv",
            format!("{HEADER}{row}\n"),
            "short.csv:2: expected 6 fields, found 5",
        ),
        (
            "quote.csv",
            format!("{HEADER}{row},1\n某县人民政府,2023,requests,\"carried_in,total,1\n"),
            "quote.csv:3: expected 6 fields, found 4",
        ),
        (
            "twice.csv",
            format!("{HEADER}{row},1\n{row},2\n"),
            "twice.csv:3: column value: cell requests/received_new/total is given twice",
        ),
        (
            "year.csv",
            format!("{HEADER}某县人民政府,二〇二三,requests,received_new,total,1\n"),
            "year.csv:2: column year: \"二〇二三\" is not a year",
        ),
        ("empty.csv", String::new(), "empty.csv: the file is empty"),
    ];
    for (name, text, message) in cases {
        let file = env.write(name, text);
        env.run(["import".as_ref(), file.as_os_str()])
            .failure(1)
            .stderr_has(message)
            .stderr_has("nothing was imported");
        assert_eq!(
            env.run(["export"]).success().stdout(),
            before,
            "{name} changed the database"
        );
    }
    // Several bad files and one good one: every problem reported, still nothing imported.
    let good = env.write("good.csv", format!("{HEADER}{row},1\n"));
    let run = env.run([
        "import".as_ref(),
        good.as_os_str(),
        env.path("negative.csv").as_os_str(),
        env.path("code.csv").as_os_str(),
    ]);
    run.failure(1)
        .stderr_has("negative.csv:2")
        .stderr_has("code.csv:2")
        .stderr_has("in 2 of 3 files");
    assert_eq!(env.run(["export"]).success().stdout(), before);
}

#[test]
fn bad_input_transcript() {
    let env = Env::new();
    let file = env.write(
        "bad.csv",
        format!("{HEADER}A,2024,requests,granted,total,x\nA,2024,appeals,granted,total,1\nA,1800,requests,granted,total,1\n"),
    );
    let run = env.run(["import", "bad.csv"]);
    let _ = file;
    insta::assert_snapshot!(run.transcript(env.dir.path()));
}

#[test]
fn keep_going_imports_the_clean_files() {
    let env = Env::new();
    let good = env.write(
        "good.csv",
        format!("{HEADER}某县人民政府,2023,requests,received_new,total,4\n"),
    );
    // The bad file puts 2023 before it fails: undone with the file, it is not "given twice".
    let bad = env.write(
        "bad.csv",
        format!(
            "{HEADER}某县人民政府,2023,requests,received_new,total,5\n\
             某县人民政府,2022,requests,received_new,total,-4\n"
        ),
    );
    env.run([
        "import".as_ref(),
        "--keep-going".as_ref(),
        bad.as_os_str(),
        good.as_os_str(),
    ])
    .failure(1)
    .stdout_has("imported 1 report from 1 file")
    .stderr_has("bad.csv:3")
    .stderr_has("1 of 2 files failed");
    env.run([
        "sql",
        "SELECT year, received_new FROM report_summary",
        "--format",
        "csv",
    ])
    .success()
    .stdout_has("year,received_new\n2023,4\n");
}

#[test]
fn dry_run_writes_nothing() {
    let env = Env::new();
    env.run([
        "import".as_ref(),
        "--dry-run".as_ref(),
        fixture("expected").as_os_str(),
    ])
    .success()
    .stdout_has("would import 3 reports from 3 files");
    // Not even the database file: there was none before.
    assert!(!env.db().exists());
    env.run(["import".as_ref(), fixture("expected").as_os_str()])
        .success();
    let before = env.run(["export"]).success().stdout();
    env.run([
        "import".as_ref(),
        "--dry-run".as_ref(),
        repo().join("data").as_os_str(),
    ])
    .success()
    .stdout_has("would import 6 reports from 6 files");
    assert_eq!(env.run(["export"]).success().stdout(), before);
}

#[test]
fn bundled_data_exports_back_exactly() {
    let env = Env::new();
    let data = repo().join("data");
    env.run(["import".as_ref(), data.as_os_str()])
        .success()
        .stdout_has("6 new");
    // The bundled CSV as it is, and each bundled published report as its ground truth (or its
    // checked reading, for the pages that have no hand-made ground truth).
    let mut bundled = String::from(HEADER);
    let mut truth: Vec<std::path::PathBuf> = Vec::new();
    for entry in std::fs::read_dir(&data).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        match path.extension().and_then(|e| e.to_str()) {
            Some("csv") => truth.push(path),
            Some("txt" | "html") => {
                let expected = fixture("expected").join(format!("{stem}.csv"));
                let reading = fixture("readings").join(format!("{stem}.csv"));
                truth.push(if expected.exists() { expected } else { reading });
            }
            _ => {}
        }
    }
    assert_eq!(truth.len(), 6, "{truth:?}");
    for path in truth {
        let text = std::fs::read_to_string(&path).unwrap();
        bundled.extend(text.lines().skip(1).map(|l| format!("{l}\n")));
    }
    let exported = env.run(["export"]).success().stdout();
    assert_eq!(records(&exported), records(&bundled));
    env.run(["check"]).success();
}

/// The fixtures hold some reports in two forms (text and HTML, PDF and its text extractions):
/// forms that agree wherever both state a cell are one report, kept in its fuller form.
#[test]
fn two_forms_of_one_report_in_one_import_are_one_report() {
    let env = Env::new();
    env.run(["import".as_ref(), fixture("reports").as_os_str()])
        .success()
        .stdout_has("imported 11 reports from 11 files")
        .stdout_has("6 new, 0 replaced, 5 unchanged");
    let reimported = env.run(["export"]).success().stdout();
    let bundled = Env::new();
    bundled
        .run(["import".as_ref(), repo().join("data").as_os_str()])
        .success();
    assert_eq!(
        records(&reimported),
        records(&bundled.run(["export"]).success().stdout())
    );
    // Forms that disagree on a cell are refused, naming the cell and both values.
    let seed = std::fs::read_to_string(fixture("expected/jinjiang-2024.csv")).unwrap();
    env.write(
        "other.csv",
        seed.replace(
            "requests,granted,natural_person,91",
            "requests,granted,natural_person,90",
        ),
    );
    let empty = Env::new();
    empty
        .run([
            "import".as_ref(),
            fixture("reports/jinjiang-2024.txt").as_os_str(),
            env.path("other.csv").as_os_str(),
        ])
        .failure(1)
        .stderr_has("晋江市人民政府 2024 is given twice with different numbers: in ")
        .stderr_has("reports/jinjiang-2024.txt and in ")
        .stderr_has("granted/natural_person is 91 in the first and 90 in the second");
}

#[test]
fn show_prints_each_number_with_where_it_was_read() {
    let env = Env::new();
    let text = fixture("reports/jinjiang-2024.txt");
    env.run(["import".as_ref(), text.as_os_str()]).success();
    // The line numbers are the file's own: line 91 is 一、本年新收… 203 9 0 0 4 3 219.
    let line_91 = std::fs::read_to_string(&text)
        .unwrap()
        .lines()
        .nth(90)
        .unwrap()
        .to_string();
    assert!(line_91.starts_with("一、本年新收政府信息公开申请数量") && line_91.ends_with("219"));
    env.run([
        "show",
        "--agency",
        "晋江市人民政府",
        "--year",
        "2024",
        "--format",
        "csv",
    ])
    .success()
    .stdout_has("requests,received_new,本年新收政府信息公开申请数量,total,总计,219,line 91\n")
    .stdout_has("proactive,fees,行政事业性收费,amount_10k_yuan,收费金额（单位：万元）,1002.3819,");
    env.run(["show", "--agency", "晋江市人民政府", "--year", "2024"])
        .success()
        .stdout_has("format:         text")
        .stdout_has("parser_version: gov-db-report/1");
    env.run(["show", "--agency", "晋江市人民政府", "--year", "2023"])
        .failure(1)
        .stderr_has("晋江市人民政府 has no report for 2023");
    env.run(["show", "--agency", "无此机关", "--year", "2024"])
        .failure(1)
        .stderr_has("no agency is known as \"无此机关\"");
}

/// Problems name the line as an editor shows it, whatever the line ends (the csv crate put a
/// CRLF file's lines one behind, and a line after a blank one at the blank).
#[test]
fn lines_are_numbered_as_shown_with_crlf_and_blank_lines() {
    let env = Env::new();
    env.write(
        "crlf.csv",
        HEADER.replace('\n', "\r\n")
            + "某县人民政府,2023,requests,received_new,total,4\r\n\r\n\
               某县人民政府,2023,requests,granted,total,x\r\n",
    );
    env.run(["import", "crlf.csv"])
        .failure(1)
        .stderr_has("crlf.csv:4: column value: \"x\" is not a whole number");
}

/// `year_cell_total` (and `region_cell_total` beside it) is kept in memory during an import
/// and written every 256 files and at the commit: whatever files are kept, undone or replaced,
/// it must equal the totals of the stored cells.
#[test]
fn per_year_totals_always_match_the_stored_cells() {
    let env = Env::new();
    let recomputed = "SELECT r.year, sc.row_id, sc.col_id, count(*),
                             sum(f.report_id IS NOT NULL AND f.value IS NULL), coalesce(sum(f.value), 0)
                      FROM report r
                      JOIN shape_cell sc ON sc.shape_id = r.shape_id
                      JOIN col_dim cd ON cd.id = sc.col_id AND cd.kind <> 'money'
                      LEFT JOIN fact f ON f.report_id = r.id AND f.row_id = sc.row_id AND f.col_id = sc.col_id
                      GROUP BY r.year, sc.row_id, sc.col_id";
    let stored = "SELECT year, row_id, col_id, reports, blanks, total FROM year_cell_total WHERE reports > 0";
    let differences = format!(
        "SELECT (SELECT count(*) FROM ({stored} EXCEPT {recomputed}))
              + (SELECT count(*) FROM ({recomputed} EXCEPT {stored})) AS n,
                (SELECT count(*) FROM report) AS reports"
    );
    let check = |env: &Env, reports: usize| {
        env.run(["sql", differences.as_str(), "--format", "csv"])
            .success()
            .stdout_has(&format!("n,reports\n0,{reports}\n"));
        // And the same per province and level (region_cell_total), kept beside it.
        env.run(["sql", crate::rollups::ROLLUP_DIFFERENCES, "--format", "csv"])
            .success()
            .stdout_has(&format!("n,reports\n0,{reports}\n"));
    };
    // 300 one-report files (more than one flush of the kept totals) with a bad one among them.
    let csv =
        std::fs::read_to_string(crate::harness::synth_csv(&env, "all.csv", 100, 3, 5)).unwrap();
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    let dir = env.path("files");
    std::fs::create_dir(&dir).unwrap();
    let mut files: Vec<(String, String)> = Vec::new();
    for line in lines {
        let key: String = line.split(',').take(2).collect::<Vec<_>>().join(",");
        match files.last_mut() {
            Some((k, text)) if *k == key => text.push_str(&format!("{line}\n")),
            _ => files.push((key, format!("{header}\n{line}\n"))),
        }
    }
    for (i, (_, text)) in files.iter().enumerate() {
        std::fs::write(dir.join(format!("{i:04}.csv")), text).unwrap();
    }
    std::fs::write(
        dir.join("0150-bad.csv"),
        format!("{header}\n某县,2024,requests,granted,total,x\n"),
    )
    .unwrap();
    env.run(["import".as_ref(), "--keep-going".as_ref(), dir.as_os_str()])
        .failure(1);
    check(&env, 300);
    // A report given again in fuller form (two forms of one report: the fuller replaces the
    // first), in a file then undone for a bad line: the kept totals flushed for the
    // replacement come back with the undo.
    let text = &files[7].1;
    let mut fewer: Vec<&str> = text.lines().collect();
    fewer.retain(|l| !l.contains(",proactive,"));
    let other = env.path("other");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("a.csv"), fewer.join("\n") + "\n").unwrap();
    std::fs::write(
        other.join("b.csv"),
        format!("{text}某县,2024,requests,granted,total,x\n"),
    )
    .unwrap();
    std::fs::write(
        other.join("c.csv"),
        files[9].1.replace(
            ",requests,granted,natural_person,",
            ",requests,granted,natural_person,1",
        ),
    )
    .unwrap();
    env.run([
        "import".as_ref(),
        "--keep-going".as_ref(),
        other.as_os_str(),
    ])
    .failure(1);
    check(&env, 300);
    // Without the bad line, the fuller form replaces the first one.
    std::fs::write(other.join("b.csv"), text).unwrap();
    env.run(["import".as_ref(), other.as_os_str()]).success();
    check(&env, 300);
}

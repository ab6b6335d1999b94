//! `gov-db import` on Word, WPS and Excel files (tests/fixtures/office/, made from the real
//! reports by its make.sh): each reads to the same cells as its source's ground truth, with
//! the place each was read; .doc goes through LibreOffice; a folder of every format imports
//! in one call; a file that is no report, and a hostile zip, fail naming the file.

use crate::harness::{Env, fixture, records, repo};
use crate::zips::{rezip, unzip, zip_of};
use std::path::{Path, PathBuf};

fn office(name: &str) -> PathBuf {
    fixture("office").join(name)
}

/// The ground truth of a report, as sorted records.
fn truth(path: &Path) -> Vec<Vec<String>> {
    records(&std::fs::read_to_string(path).expect("ground truth"))
}

fn exported(env: &Env) -> Vec<Vec<String>> {
    records(&env.run(["export"]).success().stdout())
}

/// `row,col,origin` of every stored number, and the formats of the reports.
fn origins(env: &Env) -> Vec<Vec<String>> {
    let sql = "SELECT row_id, col_id, origin FROM fact_origin ORDER BY 1, 2";
    records(&env.run(["sql", sql, "--format", "csv"]).success().stdout())
}

fn formats(env: &Env) -> String {
    let sql = "SELECT group_concat(format) FROM (SELECT format FROM report ORDER BY id)";
    env.run(["sql", sql, "--format", "csv"]).success().stdout()
}

fn import(env: &Env, file: &Path, extra: &[&str]) {
    let mut args: Vec<std::ffi::OsString> = vec!["import".into()];
    args.extend(extra.iter().map(Into::into));
    args.push(file.into());
    env.run(&args).success();
}

/// Is LibreOffice installed here? When it is not, the tests that need it say so and stop.
fn soffice() -> bool {
    let found = std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths)
            .any(|d| d.join("soffice").is_file() || d.join("libreoffice").is_file())
    });
    if !found {
        eprintln!(
            "skipped: LibreOffice (soffice) is not installed; .ci/run installs it (apt-get install libreoffice-writer-nogui)"
        );
    }
    found
}

/// A Word file reads to its page's ground truth, and every number to the same table, row and
/// cell as the page it was made from.
fn word_reads_as_its_page(file: &str, page: &str, ground: &Path, format: &str) {
    let env = Env::new();
    import(&env, &office(file), &[]);
    assert_eq!(exported(&env), truth(ground), "{file}");
    assert!(formats(&env).contains(format), "{file}: {}", formats(&env));
    let from_page = Env::new();
    import(&from_page, &fixture("reports").join(page), &[]);
    let got = origins(&env);
    assert_eq!(got, origins(&from_page), "{file}");
    assert!(got.iter().all(|r| r[2].starts_with("table ")), "{got:?}");
}

#[test]
fn each_docx_reads_to_its_ground_truth_with_the_pages_provenance() {
    for (stem, ground) in [
        ("pingtan-2019", repo().join("data/pingtan-2019.csv")),
        ("pingtan-2022", repo().join("data/pingtan-2022.csv")),
        ("pingtan-2024", fixture("readings/pingtan-2024.csv")),
        ("shuyang-fgj-2023", fixture("readings/shuyang-fgj-2023.csv")),
    ] {
        word_reads_as_its_page(
            &format!("{stem}.docx"),
            &format!("{stem}.html"),
            &ground,
            "docx",
        );
    }
    // 表三 and 表四 of 2019 against the hand-made ground truth too.
    let env = Env::new();
    import(&env, &office("pingtan-2019.docx"), &[]);
    let tables: Vec<Vec<String>> = exported(&env)
        .into_iter()
        .filter(|r| r[2] != "proactive")
        .collect();
    assert_eq!(tables, truth(&fixture("expected/pingtan-2019.csv")));
}

#[test]
fn word_97_files_go_through_libreoffice() {
    if !soffice() {
        return;
    }
    word_reads_as_its_page(
        "pingtan-2019.doc",
        "pingtan-2019.html",
        &repo().join("data/pingtan-2019.csv"),
        "doc",
    );
    // A WPS file is the same format under another name: its content decides.
    let env = Env::new();
    let wps = env.path("沭阳县发改局年报.wps");
    std::fs::copy(office("shuyang-fgj-2023.doc"), &wps).unwrap();
    import(&env, &wps, &[]);
    assert_eq!(
        exported(&env),
        truth(&fixture("readings/shuyang-fgj-2023.csv"))
    );
    assert_eq!(formats(&env).trim(), "group_concat(format)\ndoc");
}

#[test]
fn each_workbook_reads_to_its_ground_truth_with_sheet_rows_and_cells() {
    let jinjiang = fixture("expected/jinjiang-2024.csv");
    let shuyang = fixture("readings/shuyang-fgj-2023.csv");
    for (file, ground, format) in [
        ("jinjiang-2024.xlsx", &jinjiang, "xlsx"),
        ("jinjiang-2024.xls", &jinjiang, "xls"),
        ("shuyang-fgj-2023.xlsx", &shuyang, "xlsx"),
        ("shuyang-fgj-2023.ods", &shuyang, "ods"),
        (
            "pingtan-2024.xlsx",
            &fixture("readings/pingtan-2024.csv"),
            "xlsx",
        ),
    ] {
        let env = Env::new();
        import(&env, &office(file), &[]);
        assert_eq!(exported(&env), truth(ground), "{file}");
        assert!(formats(&env).contains(format), "{file}");
        let got = origins(&env);
        assert!(got.iter().all(|r| r[2].starts_with("sheet ")), "{got:?}");
    }
    // One table to a sheet: 表三's first number is on the second sheet, row 5, column D, as
    // the workbook shows it.
    let env = Env::new();
    import(&env, &office("jinjiang-2024.xlsx"), &[]);
    let got = origins(&env);
    assert!(
        got.contains(&vec![
            "10".into(),
            "1".into(),
            "sheet 2 row 5 cell 4".into()
        ]),
        "{got:?}"
    );
}

#[test]
fn a_wps_spreadsheet_is_read_by_its_content() {
    let env = Env::new();
    let et = env.path("年报.et");
    std::fs::copy(office("jinjiang-2024.xls"), &et).unwrap();
    import(&env, &et, &[]);
    assert_eq!(
        exported(&env),
        truth(&fixture("expected/jinjiang-2024.csv"))
    );
    let wps = env.path("年报.wps");
    std::fs::copy(office("pingtan-2024.docx"), &wps).unwrap();
    let other = Env::new();
    import(&other, &wps, &[]);
    assert_eq!(
        exported(&other),
        truth(&fixture("readings/pingtan-2024.csv"))
    );
}

#[test]
fn a_workbook_without_a_title_asks_for_the_agency_and_year() {
    let env = Env::new();
    let file = office("huaian-2024.xlsx");
    env.run(["import".as_ref(), file.as_os_str()])
        .failure(1)
        .stderr_has("huaian-2024.xlsx")
        .stderr_has("names neither the agency nor the statistics year")
        .stderr_has("--agency and --year");
    import(
        &env,
        &file,
        &["--agency", "淮安市人民政府", "--year", "2024"],
    );
    assert_eq!(exported(&env), truth(&fixture("expected/huaian-2024.csv")));
}

/// A fraction where a count belongs is refused, naming the sheet, row and cell.
#[test]
fn a_fraction_in_a_count_cell_is_refused_naming_the_cell() {
    let env = Env::new();
    let book = std::fs::read(office("jinjiang-2024.xlsx")).unwrap();
    let sheet = "xl/worksheets/sheet2.xml";
    let xml = String::from_utf8(unzip(&book, sheet)).unwrap();
    // 表三's 上年结转, 自然人 (D6, a number; the row above is typed as text) stored as 2.5.
    let cell = xml.find("<c r=\"D6\"").expect("D6 in sheet 2");
    let v = cell + xml[cell..].find("<v>").unwrap() + 3;
    let end = v + xml[v..].find("</v>").unwrap();
    let changed = format!("{}2.5{}", &xml[..v], &xml[end..]);
    let file = env.write("broken.xlsx", rezip(&book, sheet, changed.as_bytes()));
    env.run(["import".as_ref(), file.as_os_str()])
        .failure(1)
        .stderr_has("broken.xlsx")
        .stderr_has("2.5")
        .stderr_has("not a whole number")
        .stderr_has("上年结转")
        .stderr_has("sheet 2 row 6 cell 4");
}

#[test]
fn a_folder_of_every_format_imports_in_one_call() {
    let env = Env::new();
    let dir = env.path("reports");
    std::fs::create_dir(&dir).unwrap();
    let copy = |from: PathBuf, to: &str| std::fs::copy(from, dir.join(to)).unwrap();
    copy(office("pingtan-2022.docx"), "pingtan-2022.docx");
    copy(office("shuyang-fgj-2023.docx"), "shuyang.wps");
    copy(office("shuyang-fgj-2023.ods"), "shuyang.ods");
    copy(office("jinjiang-2024.xls"), "jinjiang.et");
    copy(office("jinjiang-2024.xlsx"), "jinjiang.xlsx");
    copy(office("pingtan-2024.xlsx"), "pingtan-2024.xlsx");
    copy(fixture("reports/jinjiang-2024.txt"), "jinjiang.txt");
    copy(repo().join("data/huaian-2024.csv"), "huaian.csv");
    copy(fixture("reports/pingtan-2024.html"), "pingtan-2024.html");
    let files = if soffice() {
        copy(office("pingtan-2019.doc"), "pingtan-2019.doc");
        10
    } else {
        copy(repo().join("data/pingtan-2019.csv"), "pingtan-2019.csv");
        10
    };
    env.run(["import".as_ref(), dir.as_os_str()])
        .success()
        .stdout_has(&format!("from {files} files"))
        .stdout_has("6 new");
    // The same six reports as the bundled data, cell for cell.
    let bundled = Env::new();
    bundled
        .run(["import".as_ref(), repo().join("data").as_os_str()])
        .success();
    assert_eq!(exported(&env), exported(&bundled));
}

/// A `.docx` with paragraphs and no table.
fn docx(body: &str) -> Vec<u8> {
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document \
         xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    zip_of(&[("word/document.xml", xml.as_bytes())])
}

#[test]
fn a_word_file_that_is_not_a_report_fails_naming_what_is_missing() {
    let env = Env::new();
    let file = env.write(
        "notice.docx",
        docx("<w:p><w:r><w:t>关于召开会议的通知</w:t></w:r></w:p><w:p><w:r><w:t>各单位：请准时参会。</w:t></w:r></w:p>"),
    );
    env.run(["import".as_ref(), file.as_os_str()])
        .failure(1)
        .stderr_has("notice.docx")
        .stderr_has("no table 三 found")
        .stderr_has("the document has no tables at all");
    // Not a zip at all under a Word name, and a zip that is no Office file.
    let junk = env.write("junk.docx", b"PK\x03\x04 not really a zip");
    env.run(["import".as_ref(), junk.as_os_str()])
        .failure(1)
        .stderr_has("junk.docx")
        .stderr_has("not a readable zip");
    let other = env.write("photos.xlsx", zip_of(&[("a.txt", b"x")]));
    env.run(["import".as_ref(), other.as_os_str()])
        .failure(1)
        .stderr_has("photos.xlsx")
        .stderr_has("neither a Word document");
}

#[test]
fn without_libreoffice_a_doc_says_how_to_install_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = assert_cmd::Command::cargo_bin("gov-db")
        .unwrap()
        .arg("--db")
        .arg(dir.path().join("gov.db"))
        .arg("import")
        .arg(office("shuyang-fgj-2023.doc"))
        .env("PATH", dir.path())
        .env_remove("GOV_DB")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for word in [
        "shuyang-fgj-2023.doc",
        "LibreOffice",
        "libreoffice-writer-nogui",
        "brew install --cask libreoffice",
    ] {
        assert!(stderr.contains(word), "{word}: {stderr}");
    }
}

/// Mutated Word files and workbooks: a problem or a report, never a crash or a hang.
#[test]
fn damaged_office_files_fail_as_problems() {
    let env = Env::new();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for name in [
        "pingtan-2024.docx",
        "jinjiang-2024.xlsx",
        "jinjiang-2024.xls",
        "shuyang-fgj-2023.ods",
    ] {
        let original = std::fs::read(office(name)).unwrap();
        for i in 0..6 {
            let mut bytes = original.clone();
            for _ in 0..1 + next() % 8 {
                let at = (next() as usize) % bytes.len();
                bytes[at] = next() as u8;
            }
            let file = env.write(&format!("{i}-{name}"), bytes);
            let run = env.run(["import".as_ref(), "--dry-run".as_ref(), file.as_os_str()]);
            assert!(
                matches!(run.code(), 0 | 1),
                "{name} #{i}: exit {}\n{}",
                run.code(),
                run.stderr()
            );
        }
    }
}

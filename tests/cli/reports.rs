//! `gov-db import` on published reports (text, HTML, PDF): the fixtures import with their
//! ground-truth numbers, `--dry-run` shows what was read, and a number that cannot be read
//! fails the report with a message that says where.

use crate::harness::{Env, fixture, records};

/// Export records of one agency, without 表二 when `requests_only`.
fn exported(env: &Env, agency: &str, requests_only: bool) -> Vec<Vec<String>> {
    let out = env.run(["export", "--agency", agency]).success().stdout();
    records(&out)
        .into_iter()
        .filter(|r| !requests_only || r[2] != "proactive")
        .collect()
}

fn expected(name: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(fixture("expected").join(name)).expect("expected file");
    records(&text)
}

/// Every fixture imports; the ground truth comes back out. The pingtan .txt files are
/// imported apart from their .html: their 表二 rows run together past reading (see
/// `each_pingtan_year_imports_the_same_from_text_and_html`), so in one import the two forms
/// of one report would differ.
#[test]
fn the_fixtures_import_with_their_ground_truth() {
    let env = Env::new();
    let mut args = vec!["import".into()];
    for e in std::fs::read_dir(fixture("reports")).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if !(name.starts_with("pingtan") && name.ends_with(".txt")) {
            args.push(p.into_os_string());
        }
    }
    env.run(&args).success().stdout_has("from 8 files");
    assert_eq!(
        exported(&env, "晋江市人民政府", false),
        expected("jinjiang-2024.csv")
    );
    assert_eq!(
        exported(&env, "淮安市人民政府", true),
        expected("huaian-2024.csv")
    );
    let pingtan: Vec<Vec<String>> = exported(&env, "平潭综合实验区", true)
        .into_iter()
        .filter(|r| r[1] == "2019")
        .collect();
    assert_eq!(pingtan, expected("pingtan-2019.csv"));
    assert!(!exported(&env, "沭阳县发展和改革局", false).is_empty());
}

#[test]
fn each_pingtan_year_imports_the_same_from_text_and_html() {
    for year in ["2019", "2022", "2024"] {
        let mut seen = Vec::new();
        for ext in ["txt", "html"] {
            let env = Env::new();
            let file = fixture("reports").join(format!("pingtan-{year}.{ext}"));
            env.run(["import".as_ref(), file.as_os_str()]).success();
            seen.push(exported(&env, "平潭综合实验区", true));
        }
        assert_eq!(seen[0], seen[1], "{year}");
        assert_eq!(
            seen[0].len(),
            if year == "2019" {
                23 * 7 + 15
            } else {
                25 * 7 + 15
            }
        );
    }
}

#[test]
fn each_form_of_a_report_imports_the_same_numbers() {
    let mut seen = Vec::new();
    for name in [
        "huaian-2024.pdf",
        "huaian-2024.layout.txt",
        "huaian-2024.pypdf.txt",
    ] {
        let env = Env::new();
        env.run(["import".as_ref(), fixture("reports").join(name).as_os_str()])
            .success();
        seen.push(exported(&env, "淮安市人民政府", false));
    }
    assert_eq!(seen[0], seen[1]);
    assert_eq!(seen[0], seen[2]);
    // The same report again, from another form: nothing changes.
    let env = Env::new();
    for name in ["huaian-2024.layout.txt", "huaian-2024.pypdf.txt"] {
        env.run(["import".as_ref(), fixture("reports").join(name).as_os_str()])
            .success();
    }
    env.run([
        "import".as_ref(),
        fixture("reports").join("huaian-2024.pdf").as_os_str(),
    ])
    .success()
    .stdout_has("1 unchanged");
}

#[test]
fn origins_are_stored() {
    let env = Env::new();
    let file = fixture("reports").join("jinjiang-2024.txt");
    env.run(["import".as_ref(), file.as_os_str()]).success();
    env.run([
        "sql",
        "SELECT origin FROM fact_origin WHERE row_id = 10 AND col_id = 1",
        "--format",
        "csv",
    ])
    .success()
    .stdout_has("line 91");
}

#[test]
fn dry_run_shows_the_tables_and_writes_nothing() {
    let env = Env::new();
    let file = fixture("reports").join("shuyang-fgj-2023.html");
    env.run(["import".as_ref(), "--dry-run".as_ref(), file.as_os_str()])
        .success()
        .stdout_has("format:   html (UTF-8)")
        .stdout_has("agency:   沭阳县发展和改革局 (from title)")
        .stdout_has("year:     2023")
        .stdout_has("template: 2021")
        .stdout_has("received_new")
        .stdout_has("·")
        .stdout_has("would import 1 report");
    // Not even the database file: there was none before.
    assert!(!env.db().exists());
}

#[test]
fn overrides_name_the_agency_and_year() {
    let env = Env::new();
    let file = fixture("reports").join("pingtan-2024.html");
    env.run([
        "import".as_ref(),
        "--agency".as_ref(),
        "平潭综合实验区管委会".as_ref(),
        "--year".as_ref(),
        "2024".as_ref(),
        file.as_os_str(),
    ])
    .success();
    assert!(!exported(&env, "平潭综合实验区管委会", false).is_empty());
}

#[test]
fn ambiguous_proactive_rows_are_left_out_with_a_warning() {
    let env = Env::new();
    let file = fixture("reports").join("pingtan-2022.txt");
    env.run(["import".as_ref(), file.as_os_str()])
        .success()
        .stderr_has("warning")
        .stderr_has("行政规范性文件")
        .stderr_has("8855698");
}

#[test]
fn an_unreadable_number_fails_the_report_and_says_where() {
    let env = Env::new();
    let text = std::fs::read_to_string(fixture("reports").join("pingtan-2022.txt")).unwrap();
    // 713000074 reads one way only (71 3 0 0 0 0 74); with its total changed, no way.
    let broken = env.write("broken.txt", text.replace("713000074二", "713000075二"));
    env.run(["import".as_ref(), broken.as_os_str()])
        .failure(1)
        .stderr_has("broken.txt")
        .stderr_has("表三")
        .stderr_has("本年新收政府信息公开申请数量")
        .stderr_has("713000075")
        .stderr_has("nothing was imported");
    let out = env.run(["export"]).success().stdout();
    assert!(records(&out).is_empty());
}

#[test]
fn a_file_without_the_tables_fails_plainly() {
    let env = Env::new();
    let file = env.write(
        "note.txt",
        "晋江市人民政府2024年政府信息公开工作年度报告\n\n无表格。\n",
    );
    env.run(["import".as_ref(), file.as_os_str()])
        .failure(1)
        .stderr_has("本年新收");
}

#[test]
fn pdf_without_pdftotext_says_how_to_install_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = assert_cmd::Command::cargo_bin("gov-db")
        .unwrap()
        .arg("--db")
        .arg(dir.path().join("gov.db"))
        .arg("import")
        .arg(fixture("reports").join("huaian-2024.pdf"))
        .env("PATH", dir.path())
        .env_remove("GOV_DB")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("pdftotext") && stderr.contains("poppler-utils"),
        "{stderr}"
    );
}

/// Government sites serve their pages as `.shtml` (沭阳's report is one), `.xhtml` or
/// `.jhtml`, and a page saved from them keeps the name: a folder of them is read, and a
/// folder with nothing to read names what it left aside and why, in the reader's language.
#[test]
fn pages_saved_under_a_sites_names_are_read_and_what_is_left_aside_is_named() {
    let env = Env::new();
    let dir = env.path("saved");
    std::fs::create_dir(&dir).unwrap();
    let page = std::fs::read(fixture("reports").join("shuyang-fgj-2023.html")).unwrap();
    std::fs::write(dir.join("2ecfb31a335f4d689220a3a23e24a986.shtml"), &page).unwrap();
    let pingtan = std::fs::read(fixture("reports").join("pingtan-2024.html")).unwrap();
    std::fs::write(dir.join("t20250115_1.xhtml"), &pingtan).unwrap();
    env.run(["import".as_ref(), "--list".as_ref(), dir.as_os_str()])
        .success()
        .stdout_has("imported 2 reports from 2 files");

    let aside = env.path("aside");
    std::fs::create_dir(&aside).unwrap();
    std::fs::write(aside.join("content.jsp"), &page).unwrap();
    std::fs::write(aside.join("README.md"), "notes\n").unwrap();
    std::fs::write(aside.join("noext"), "x\n").unwrap();
    let before = std::fs::read(env.db()).unwrap();
    let run = env.run(["import".as_ref(), aside.as_os_str()]);
    run.failure(1)
        .stderr_has("no CSV or report files found")
        .stderr_has("content.jsp: not a report format (.jsp)")
        .stderr_has("README.md: README: a folder's own notes")
        .stderr_has("noext: not a report format (no extension)");
    assert_eq!(std::fs::read(env.db()).unwrap(), before);
    env.run_in("zh_CN.UTF-8", ["import".as_ref(), aside.as_os_str()])
        .failure(1)
        .stderr_has("content.jsp：不是报告格式（.jsp）")
        .stderr_has("README：文件夹自身的说明");
}

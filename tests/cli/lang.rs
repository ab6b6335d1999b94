//! gov-db in Chinese and in English: the language follows the locale (`LANG=zh_CN.UTF-8`),
//! `--lang` and `GOV_DB_LANG` override it, and the same commands are held by snapshots in both
//! languages: help, an import's summary, check's findings, a view as a table, an error.

use crate::check::{expected, with_cell};
use crate::harness::{Env, fixture};

const ZH: &str = "zh_CN.UTF-8";
const EN: &str = "C";

/// Whether a text has Chinese characters beyond the report's own (agency names, labels).
fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// `huaian-2024` with one cell changed so that 表四 does not add up: one error finding.
fn broken_report(env: &Env) -> std::path::PathBuf {
    let bad = with_cell(
        &expected("huaian-2024"),
        "appeals",
        "litigation_direct",
        "total",
        "0",
    );
    env.write("h.csv", bad)
}

#[test]
fn help_in_both_languages() {
    let env = Env::new();
    for (locale, name) in [(EN, "en"), (ZH, "zh")] {
        let root = env.run_in(locale, ["--help"]);
        root.success();
        insta::assert_snapshot!(format!("help_root_{name}"), root.stdout());
        let check = env.run_in(locale, ["check", "-h"]);
        check.success();
        insta::assert_snapshot!(format!("help_check_{name}"), check.stdout());
    }
    // No English sentence left in the Chinese help of any command.
    for command in [
        "import",
        "export",
        "query",
        "show",
        "agency",
        "region",
        "sql",
        "shell",
        "completions",
        "datasette",
        "check",
        "review",
        "page",
        "history",
        "delete",
        "correct",
    ] {
        let zh = env.run_in(ZH, [command, "--help"]);
        zh.success();
        for english in ["Print help", "Options:", "Usage:", "Output format"] {
            assert!(!zh.stdout().contains(english), "{command}: {}", zh.stdout());
        }
    }
}

#[test]
fn import_check_and_a_view_in_both_languages() {
    for (locale, name) in [(EN, "en"), (ZH, "zh")] {
        let env = Env::new();
        let bad = broken_report(&env);
        let import = env.run_in(locale, ["import".as_ref(), bad.as_os_str()]);
        insta::assert_snapshot!(format!("import_{name}"), import.transcript(env.dir.path()));
        let check = env.run_in(locale, ["check"]);
        insta::assert_snapshot!(format!("check_{name}"), check.transcript(env.dir.path()));
        let view = env.run_in(locale, ["query", "resolution-rates"]);
        insta::assert_snapshot!(format!("view_{name}"), view.transcript(env.dir.path()));
        let error = env.run_in(locale, ["query", "resolution-rate"]);
        insta::assert_snapshot!(format!("error_{name}"), error.transcript(env.dir.path()));
    }
}

#[test]
fn the_flag_and_gov_db_lang_override_the_locale() {
    let env = Env::new();
    let zh = env.run_in(EN, ["--lang", "zh", "query", "--list"]);
    zh.success();
    assert!(zh.stdout().contains("│ 视图"), "{}", zh.stdout());
    assert!(zh.stdout().contains("附办结率和公开率"), "{}", zh.stdout());
    let en = env.run_in(ZH, ["query", "--list", "--lang", "en"]);
    en.success();
    assert!(en.stdout().contains("│ view"), "{}", en.stdout());
    let missing = env.run_on(&env.path("none.db"), ["--lang", "zh", "check"]);
    missing.failure(3).stderr_has("没有数据库");
    // GOV_DB_LANG, through the child's environment.
    let run = assert_cmd::Command::cargo_bin("gov-db")
        .unwrap()
        .args(["--db", "none.db", "check"])
        .current_dir(env.dir.path())
        .env("LANG", "C")
        .env("GOV_DB_LANG", "zh")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("没有数据库"), "{stderr}");
    // LC_ALL beats LANG.
    let run = assert_cmd::Command::cargo_bin("gov-db")
        .unwrap()
        .args(["--db", "none.db", "check"])
        .current_dir(env.dir.path())
        .env("LANG", "zh_CN.UTF-8")
        .env("LC_ALL", "C")
        .env_remove("GOV_DB_LANG")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("no database"), "{stderr}");
}

/// CSV and JSON keep the codes as keys in Chinese too; `--labels` puts the labels in them.
#[test]
fn csv_and_json_keep_the_codes_unless_labels_are_asked_for() {
    let env = Env::new();
    env.run([
        "import".as_ref(),
        fixture("expected/jinjiang-2024.csv").as_os_str(),
    ])
    .success();
    let csv = env.run_in(ZH, ["query", "resolution-rates", "--format", "csv"]);
    assert!(
        csv.stdout().starts_with("agency,year,received_new,"),
        "{}",
        csv.stdout()
    );
    let labelled = env.run_in(
        ZH,
        ["query", "resolution-rates", "--format", "csv", "--labels"],
    );
    assert!(
        labelled
            .stdout()
            .starts_with("机关,年度,本年新收,上年结转,"),
        "{}",
        labelled.stdout()
    );
    let json = env.run_in(
        ZH,
        ["query", "resolution-rates", "--format", "json", "--labels"],
    );
    assert!(
        json.stdout().contains("\"办结率\": 0.98"),
        "{}",
        json.stdout()
    );
    // Rates stay rates under their label: the number is written as a real number.
    let english = env.run_in(
        EN,
        ["query", "resolution-rates", "--format", "csv", "--labels"],
    );
    assert!(
        english
            .stdout()
            .starts_with("agency,year,received new,carried in,"),
        "{}",
        english.stdout()
    );
    // English tables keep the codes.
    let table = env.run_in(EN, ["query", "resolution-rates"]);
    assert!(
        table.stdout().contains("received_new"),
        "{}",
        table.stdout()
    );
    assert!(!has_chinese(&table.stdout().replace("晋江市人民政府", "")));
}

/// `gov-db check FILE…` says its findings in the chosen language too (made in memory, never
/// stored), and its summary line.
#[test]
fn a_draft_is_checked_in_chinese() {
    let env = Env::new();
    let bad = broken_report(&env);
    let zh = env.run_in(ZH, ["check".as_ref(), bad.as_os_str()]);
    zh.failure(1)
        .stdout_has("表四“行政诉讼·未经复议直接起诉”行“总计”列：结果维持 + 结果纠正")
        .stderr_has("份草稿报告，未写入任何内容：错误 1 个");
    let en = env.run_in(EN, ["check".as_ref(), bad.as_os_str()]);
    en.failure(1)
        .stdout_has("表四 row 行政诉讼·未经复议直接起诉, column 总计: 结果维持")
        .stderr_has("checked 1 draft report from 1 file, nothing written: 1 error");
}

/// History's answers (delete, its undo, import undo) in Chinese too.
#[test]
fn history_speaks_chinese() {
    let env = Env::new();
    let report = fixture("expected/jinjiang-2024.csv");
    env.run_in(ZH, ["import".as_ref(), report.as_os_str()])
        .success();
    let agency = ["--agency", "晋江市人民政府", "--year", "2024"];
    env.run_in(ZH, [&["delete"][..], &agency[..]].concat())
        .success()
        .stdout_has("已删除 晋江市人民政府 2024（版本 1 保留在其历史中");
    env.run_in(ZH, [&["delete", "--undo"][..], &agency[..]].concat())
        .success()
        .stdout_has("已恢复 晋江市人民政府 2024（版本 1，与删除前相同）");
    env.run_in(ZH, ["import", "undo"])
        .success()
        .stdout_has("已撤销第 1 次导入（")
        .stdout_has("移除新增报告 1 份");
    env.run_in(ZH, ["import", "undo"])
        .failure(1)
        .stderr_has("错误：没有可撤销的导入");
    env.run_in(EN, ["import", "undo"])
        .failure(1)
        .stderr_has("error: there is no import to undo");
}

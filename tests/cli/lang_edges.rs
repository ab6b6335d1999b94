//! The corners of the Chinese interface that the README's examples do not reach: clap's own
//! errors on the command line, help wrapped by display width, a dry run's printout, the page's
//! own words. Each in both languages.

use crate::harness::{Env, fixture};
use gov_db::i18n::wrap::width;

const ZH: &str = "zh_CN.UTF-8";
const EN: &str = "C";

#[test]
fn clap_errors_are_said_in_chinese() {
    let env = Env::new();
    let unknown = env.run_in(ZH, ["query", "--formt", "csv"]);
    unknown
        .failure(2)
        .stderr_has("错误：意外的参数 '--formt'")
        .stderr_has("提示：有相近的参数：'--format'")
        .stderr_has("用法：gov-db query")
        .stderr_has("更多信息请用 '--help'。");
    let missing = env.run_in(ZH, ["import", "--year"]);
    missing
        .failure(2)
        .stderr_has("'--year <YEAR>' 需要一个值，但没有给出");
    let invalid = env.run_in(ZH, ["query", "--format", "xml"]);
    invalid
        .failure(2)
        .stderr_has("'--format <FORMAT>' 的值 'xml' 无效")
        .stderr_has("[可选值：table, csv, json, markdown]");
    let subcommand = env.run_in(ZH, ["frob"]);
    subcommand.failure(2).stderr_has("无法识别的子命令 'frob'");
    for run in [unknown, missing, invalid, subcommand] {
        for english in [
            "error:",
            "Usage:",
            "For more information",
            "tip:",
            "possible values",
        ] {
            assert!(!run.stderr().contains(english), "{}", run.stderr());
        }
    }
    // English keeps clap's own words.
    env.run_in(EN, ["query", "--formt", "csv"])
        .failure(2)
        .stderr_has("error: unexpected argument '--formt' found")
        .stderr_has("Usage: gov-db query");
}

fn help_at(locale: &str, columns: &str, args: &[&str]) -> String {
    let out = assert_cmd::Command::cargo_bin("gov-db")
        .unwrap()
        .args(args)
        .env("LANG", locale)
        .env("LC_ALL", locale)
        .env_remove("GOV_DB_LANG")
        .env("COLUMNS", columns)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// Chinese help fits the terminal as the English does: no line wider than `COLUMNS` (a
/// Chinese character two columns), and the continuation under the help column.
#[test]
fn chinese_help_wraps_by_display_width() {
    for args in [&["--help"][..], &["agency", "--help"], &["import", "-h"]] {
        for columns in ["60", "100"] {
            let max: usize = columns.parse().unwrap();
            for locale in [ZH, EN] {
                let help = help_at(locale, columns, args);
                for line in help.lines() {
                    assert!(
                        width(line) <= max,
                        "{args:?} at {columns} under {locale}: {} columns: {line:?}\n{help}",
                        width(line)
                    );
                }
            }
        }
    }
    // The text of a wrapped line goes on under its own column, nothing lost.
    let help = help_at(ZH, "60", &["agency", "--help"]);
    let lines: Vec<&str> = help.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("  suggest"))
        .expect("suggest is listed");
    let column = lines[at].find("提出").expect("its help");
    assert!(lines[at + 1].starts_with(&" ".repeat(column)), "{help}");
    assert!(!lines[at + 1][column..].starts_with(' '), "{help}");
    let wide = help_at(ZH, "1000", &["agency", "--help"]);
    let joined = |t: &str| t.split_whitespace().collect::<String>();
    assert_eq!(joined(&help), joined(&wide));
}

#[test]
fn a_dry_run_prints_the_reading_in_chinese() {
    let env = Env::new();
    let report = fixture("reports/jinjiang-2024.txt");
    let zh = env.run_in(
        ZH,
        ["import".as_ref(), "--dry-run".as_ref(), report.as_os_str()],
    );
    zh.success()
        .stdout_has("格式：text（UTF-8）")
        .stdout_has("机关：晋江市人民政府（取自标题）")
        .stdout_has("年度：2024（取自统计期限）")
        .stdout_has("模板：2021 年版")
        .stdout_has("requests 收到和处理政府信息公开申请情况（25 行）");
    let en = env.run_in(
        EN,
        ["import".as_ref(), "--dry-run".as_ref(), report.as_os_str()],
    );
    en.success()
        .stdout_has("agency:   晋江市人民政府 (from title)")
        .stdout_has("year:     2024 (from statistics period)")
        .stdout_has("(25 rows)");
}

#[test]
fn the_page_speaks_the_reader_s_language() {
    let env = Env::new();
    env.run([
        "import".as_ref(),
        fixture("reports/jinjiang-2024.txt").as_os_str(),
    ])
    .success();
    let zh = env
        .run_in(ZH, ["page", "--agency", "晋江市人民政府"])
        .success()
        .stdout();
    for said in [
        "<h2>趋势</h2>",
        "<h2>同级比较</h2>",
        "检查：错误 0 个",
        "jinjiang-2024.txt: 第 ",
    ] {
        assert!(zh.contains(said), "{said} not in the page");
    }
    for english in ["Trend", "Peers", "txt: line", "nationally", "this agency"] {
        assert!(!zh.contains(english), "{english} in the Chinese page");
    }
    let en = env
        .run_in(EN, ["page", "--agency", "晋江市人民政府"])
        .success()
        .stdout();
    for said in [
        "<h2>趋势 Trend</h2>",
        "check: 0 errors",
        "jinjiang-2024.txt: line ",
    ] {
        assert!(en.contains(said), "{said} not in the English page");
    }
}

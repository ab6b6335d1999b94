//! Agency names as identities: spellings that differ only invisibly (a BOM or a zero-width
//! space inside, a compatibility ideograph or NFD, full-width Latin letters and digits,
//! spaces) are one agency, however the name came (CSV, a report's title, a command's
//! argument); a control character in any CSV field is refused with its line and column.

use crate::bounded::{accepted, refused};
use crate::harness::{Env, repo};
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(20);
const HEADER: &str = "agency,year,section,row,column,value\n";

fn line(agency: &str, year: i64, value: i64) -> String {
    format!("{agency},{year},requests,received_new,total,{value}\n")
}

fn agencies(env: &Env) -> Vec<String> {
    let out = env
        .run(["agency", "list", "--format", "csv"])
        .success()
        .stdout();
    // In name order, whatever order `agency list` gives (by region, once placed).
    let mut names: Vec<String> = crate::harness::records_in_order(&out)
        .into_iter()
        .map(|r| r[0].clone())
        .collect();
    names.sort();
    names
}

/// Each group of spellings was one agency per spelling; now one agency, under the name
/// normalised (NFC, no format characters, half-width ASCII, no spaces next to Chinese).
#[test]
fn invisible_differences_make_one_agency() {
    let env = Env::new();
    let mut text = String::from(HEADER);
    // 2024 under the plain name, the other years under invisible variants; a BOM in the
    // middle of the file (two files concatenated) stands before a name.
    text.push_str(&line("淮安市人民政府", 2024, 1));
    text.push_str(&line("\u{feff}淮安市人民政府", 2023, 2));
    text.push_str(&line("淮安市\u{200b}人民政府", 2022, 3));
    text.push_str(&line("淮安市 人民政府\u{200d}", 2021, 4));
    text.push_str(&line("\u{f90a}门县人民政府", 2024, 5)); // a compatibility ideograph of 金
    text.push_str(&line("金门县人民政府", 2023, 6));
    text.push_str(&line("ＸＸ市第１中学", 2024, 7));
    text.push_str(&line("XX市第1中学", 2023, 8));
    text.push_str(&line("Cafe\u{301} 局", 2024, 9)); // NFD
    text.push_str(&line("Caf\u{e9}局", 2023, 10)); // NFC
    env.write("names.csv", text);
    let out = accepted(&env, ["import", "names.csv"], LIMIT);
    assert!(out.contains("10 new"), "{out}");
    assert_eq!(
        agencies(&env),
        [
            "Caf\u{e9}局",
            "XX市第1中学",
            "淮安市人民政府",
            "金门县人民政府"
        ]
    );
    // No stored name keeps an invisible character.
    env.run([
        "sql",
        "SELECT count(*) AS n FROM agency_name WHERE name GLOB '*[\u{200b}\u{200d}\u{feff} ]*'",
        "--format",
        "csv",
    ])
    .success()
    .stdout_has("n\n0\n");
}

/// A report's title and --agency go through the same normalisation.
#[test]
fn a_reports_title_and_agency_override_are_normalised() {
    let env = Env::new();
    env.run([
        "import".as_ref(),
        repo().join("data/pingtan-2022.csv").as_os_str(),
    ])
    .success();
    let page = repo().join("tests/fixtures/reports/pingtan-2019.html");
    accepted(
        &env,
        [
            "import".as_ref(),
            "--agency".as_ref(),
            "平潭综合\u{200b}实验区 ".as_ref(),
            page.as_os_str(),
        ],
        LIMIT,
    );
    assert_eq!(agencies(&env), ["平潭综合实验区"]);
}

/// Names typed at the command line find the names imported.
#[test]
fn typed_names_find_imported_names() {
    let env = Env::new();
    env.run(["import".as_ref(), repo().join("data").as_os_str()])
        .success();
    env.run([
        "agency",
        "set",
        "淮安市\u{200b}人民政府 ",
        "--level",
        "prefecture",
    ])
    .success()
    .stdout_has("淮安市人民政府: level prefecture");
    env.run(["agency", "alias", "\u{feff}淮安市政府", "淮安市　人民政府"])
        .success()
        .stdout_has("淮安市政府 is a name of 淮安市人民政府");
    env.run(["show", "--agency", "淮安市政府\u{200b}", "--year", "2024"])
        .success();
    env.run([
        "query",
        "resolution-rates",
        "--agency",
        "淮安市 人民政府",
        "--format",
        "csv",
    ])
    .success()
    .stdout_has("淮安市人民政府,2024,");
    // A control character typed is refused, and nothing changes.
    let run = refused(
        &env,
        ["agency", "alias", "淮安\u{1}市", "淮安市人民政府"],
        LIMIT,
        &["the agency name has a control character U+0001 at character 3"],
    );
    assert!(run.stderr.len() < 300, "{}", run.stderr);
}

/// A NUL in a name made an agency of its own, exit 0; any control character in any field
/// (other than the tab) is now refused with its line and column.
#[test]
fn control_characters_in_fields_are_refused_with_line_and_column() {
    let env = Env::new();
    env.run(["import".as_ref(), repo().join("data").as_os_str()])
        .success();
    let mut text = String::from("agency,year,section,row,column,value,source\n");
    text.push_str("淮安市人民政府,2030,requests,received_new,total,1,a\n");
    text.push_str("淮安\0市人民政府,2030,requests,carried_in,total,1,a\n");
    text.push_str("淮安市人民政府,2030,requests,granted,total,1,note\u{1b}[31m\n");
    text.push_str("淮安市人民政府,2030,requests,carried_out,total,\u{85}1,a\n");
    text.push_str("\"淮安市人民政府\r\n\",2030,requests,partly_granted,total,1,a\n");
    // A tab is white space: trimmed from a value, folded in a name.
    text.push_str("淮安市人民政府\t,2031,requests,received_new,total,\t1\t,a\n");
    env.write("controls.csv", text);
    refused(
        &env,
        ["import", "controls.csv"],
        LIMIT,
        &[
            "error: 4 problems in 1 of 1 files",
            "controls.csv:3: column agency: a control character U+0000 at character 3 (an invisible byte; remove it)",
            "controls.csv:4: column source: a control character U+001B at character 5",
            "controls.csv:5: column value: a control character U+0085 at character 1",
            "controls.csv:6: column agency: a control character U+000D at character 8",
        ],
    );
}

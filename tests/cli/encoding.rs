//! Encodings: each file is read in one encoding, decided on evidence (UTF-8 with a stray byte
//! is UTF-8 with an error, not GBK); a line that is not text of it is refused with its file,
//! line, column and byte offset, and the database is left as it was. Nothing is garbled.

use crate::bounded::{accepted, refused};
use crate::harness::{Env, repo};
use std::time::Duration;

/// Generous for a debug build on a shared machine; each case takes well under a second.
const LIMIT: Duration = Duration::from_secs(20);

/// A database holding the bundled data.
fn imported() -> Env {
    let env = Env::new();
    env.run(["import".as_ref(), repo().join("data").as_os_str()])
        .success();
    env
}

fn lines_of(name: &str) -> Vec<Vec<u8>> {
    std::fs::read(repo().join("data").join(name))
        .unwrap()
        .split(|b| *b == b'\n')
        .map(<[u8]>::to_vec)
        .collect()
}

/// The byte offset of `line` (0-based) in the lines joined by \n.
fn offset_of(lines: &[Vec<u8>], line: usize) -> usize {
    lines[..line].iter().map(|l| l.len() + 1).sum()
}

fn gbk(bytes: &[u8]) -> Vec<u8> {
    let text = std::str::from_utf8(bytes).unwrap();
    encoding_rs::GB18030.encode(text).0.into_owned()
}

/// The defect: one byte 0xA0 in line 51 of a UTF-8 file made the whole file GBK, every name
/// garbled (淮安市人民政府 as 娣畨甯備汉姘戞斂搴), exit 0.
#[test]
fn a_stray_byte_in_a_utf8_csv_is_refused_with_its_line_and_offset() {
    let env = imported();
    let mut lines = lines_of("huaian-2024.csv");
    let at = lines[50].windows(6).position(|w| w == b",2024,").unwrap();
    lines[50].insert(at, 0xA0);
    env.write("bad.csv", lines.join(&b'\n'));
    let offset = offset_of(&lines, 50) + at;
    refused(
        &env,
        ["import", "bad.csv"],
        LIMIT,
        &[
            "error: 1 problem in 1 of 1 files; nothing was imported",
            &format!(
                "bad.csv:51: column agency: byte 0xA0 at byte offset {offset} is not valid UTF-8, the file's encoding"
            ),
        ],
    );
}

/// Past the first 64 KiB too: the same error, at its line.
#[test]
fn a_stray_byte_past_the_first_64_kib_is_refused_the_same_way() {
    let env = imported();
    let body = lines_of("huaian-2024.csv");
    let mut lines = vec![body[0].clone()];
    for copy in 0..8 {
        for l in body[1..].iter().filter(|l| !l.is_empty()) {
            let text = String::from_utf8(l.clone()).unwrap();
            lines.push(
                text.replacen("人民政府", &format!("人民政府{copy}"), 1)
                    .into_bytes(),
            );
        }
    }
    let line = lines.len() - 10;
    assert!(offset_of(&lines, line) > 64 * 1024);
    lines[line].insert(3, 0xFF);
    env.write("big.csv", lines.join(&b'\n'));
    let offset = offset_of(&lines, line) + 3;
    refused(
        &env,
        ["import", "big.csv"],
        LIMIT,
        &[&format!(
            "big.csv:{}: column agency: byte 0xFF at byte offset {offset} is not valid UTF-8",
            line + 1
        )],
    );
}

/// A file mixing UTF-8 and GBK lines: the GBK lines are refused, each by its line, instead
/// of the whole file being read as GBK.
#[test]
fn a_file_mixing_utf8_and_gbk_lines_is_refused_by_line() {
    let env = imported();
    let mut lines = lines_of("huaian-2024.csv");
    for i in [3, 10, 17] {
        lines[i] = gbk(&lines[i]);
    }
    env.write("mixed.csv", lines.join(&b'\n'));
    refused(
        &env,
        ["import", "mixed.csv"],
        LIMIT,
        &[
            "3 problems in 1 of 1 files",
            &format!(
                "mixed.csv:4: column agency: byte 0xBB at byte offset {} is not valid UTF-8",
                offset_of(&lines, 3)
            ),
            "mixed.csv:11: column agency:",
            "mixed.csv:18: column agency:",
        ],
    );
}

/// And the other way: a UTF-8 line in a GBK file (as a UTF-8 tool appending to an Excel
/// file would make it) is refused, not read as GBK.
#[test]
fn a_utf8_line_in_a_gbk_file_is_refused() {
    let env = imported();
    let mut lines: Vec<Vec<u8>> = lines_of("huaian-2024.csv").iter().map(|l| gbk(l)).collect();
    lines[29] = lines_of("huaian-2024.csv")[29].clone();
    env.write("gbk-mixed.csv", lines.join(&b'\n'));
    refused(
        &env,
        ["import", "gbk-mixed.csv"],
        LIMIT,
        &[&format!(
            "gbk-mixed.csv:30: column agency: the line is UTF-8 text (from byte offset {}) but the file is GBK/GB18030",
            offset_of(&lines, 29)
        )],
    );
}

/// Whole files in GBK, as Excel on Chinese Windows saves "CSV (逗号分隔)", still import to
/// exactly the numbers their UTF-8 originals give.
#[test]
fn whole_gbk_files_import_exactly_as_their_utf8_originals() {
    let utf8 = Env::new();
    let gbk_env = Env::new();
    for name in ["huaian-2024.csv", "pingtan-2019.csv", "pingtan-2022.csv"] {
        let bytes = std::fs::read(repo().join("data").join(name)).unwrap();
        let u = utf8.write(name, &bytes);
        let g = gbk_env.write(name, gbk(&bytes));
        utf8.run(["import".as_ref(), u.as_os_str()]).success();
        accepted(&gbk_env, ["import".as_ref(), g.as_os_str()], LIMIT);
    }
    let want = utf8.run(["export"]).success().stdout();
    assert!(want.contains("淮安市人民政府,2024,"));
    assert_eq!(gbk_env.run(["export"]).success().stdout(), want);
}

/// A published report with a stray byte failed as "no table 三 found"; it now names the
/// encoding problem, its line and offset.
#[test]
fn a_report_with_a_stray_byte_names_the_encoding_problem() {
    let env = imported();
    let mut lines = lines_of("jinjiang-2024.txt");
    let line = lines
        .iter()
        .position(|l| String::from_utf8_lossy(l).contains("本年新收"))
        .unwrap();
    lines[line].insert(0, 0xA0);
    env.write("stray.txt", lines.join(&b'\n'));
    let run = refused(
        &env,
        ["import", "stray.txt"],
        LIMIT,
        &[&format!(
            "stray.txt:{}: byte 0xA0 at byte offset {} is not valid UTF-8, the file's encoding",
            line + 1,
            offset_of(&lines, line)
        )],
    );
    assert!(!run.stderr.contains("no table"), "{}", run.stderr);
}

/// UTF-16 CSV (commas of two bytes) is named, not read as noise.
#[test]
fn a_utf16_csv_is_named() {
    let env = imported();
    let mut bytes = vec![0xFF, 0xFE];
    for u in "agency,year,section,row,column,value\n".encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    env.write("wide.csv", bytes);
    refused(
        &env,
        ["import", "wide.csv"],
        LIMIT,
        &["wide.csv:1: the file is UTF-16"],
    );
}

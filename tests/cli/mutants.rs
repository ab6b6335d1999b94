//! Mutants of the bundled reports that a sweep of hostile inputs found stored garbled or in
//! part, with exit 0 (each under the bounds of `bounded.rs`, the database compared before and
//! after every refusal):
//! - old Mac line ends (a carriage return alone) made the report one line: its agency was
//!   stored as `晋江市人民政府晋江市人民政府`;
//! - 表三 printed twice with other numbers, or two reports in one file, stored the first and
//!   dropped the other without a word; 表二 printed twice stored the second;
//! - a 表二 number that no count can be (negative, past the ceiling, a fraction) left its row
//!   out with a warning, and the report was stored without it;
//! - a title and a statistics period naming two years stored the report under the period's;
//! - an HTML page cut short before 表四 was stored without 表四;
//! - a count with its unit in a delimited cell read as words (a blank cell: `-5件`,
//!   `1,234件`) or as its first digits (`1,23件` as 1);
//! - a footnote mark (`217<sup>1</sup>`, a superscript run in Word) read into the number.
//!
//! And a property of the reader: a cell printed in any of the ways reports print numbers
//! (thousands separators, full-width digits, `件`, signs) reads as its number exactly, or the
//! report fails; never as another number.

use crate::bounded::{accepted, refused, refused_with};
use crate::harness::{Env, repo};
use proptest::prelude::*;
use std::ffi::OsStr;
use std::path::Path;
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(30);

/// 晋江's report as published (text, tab-separated tables).
fn jinjiang() -> String {
    std::fs::read_to_string(repo().join("data/jinjiang-2024.txt")).unwrap()
}

/// 淮安's report as `pdftotext -layout` gives it.
fn huaian() -> String {
    std::fs::read_to_string(repo().join("tests/fixtures/reports/huaian-2024.layout.txt")).unwrap()
}

/// An environment whose database holds the bundled data.
fn imported() -> Env {
    let env = Env::new();
    env.run(["import".as_ref(), repo().join("data").as_os_str()])
        .success();
    env
}

/// The canonical CSV of `text` imported alone, as `name`.
fn export_of(name: &str, text: &[u8], args: &[&str]) -> String {
    let env = Env::new();
    env.write(name, text);
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    all.push(name);
    accepted(&env, all, LIMIT);
    env.run(["export"]).success().stdout()
}

fn replaced(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from:?} is not in the text");
    text.replacen(from, to, 1)
}

#[test]
fn carriage_returns_alone_end_lines() {
    let want = export_of("jinjiang.txt", jinjiang().as_bytes(), &[]);
    assert!(want.contains("\n晋江市人民政府,2024,requests,received_new,total,219\n"));
    let cr = jinjiang().replace('\n', "\r");
    assert_eq!(export_of("cr.txt", cr.as_bytes(), &[]), want);
    // In UTF-16 (Notepad's "Unicode") too.
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(cr.encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(export_of("cr16.txt", &utf16, &[]), want);
}

/// 表三, from its heading to 表四's.
fn table_three(text: &str) -> (usize, usize) {
    (
        text.find("三、收到和处理政府信息公开申请情况").unwrap(),
        text.find("四、政府信息公开行政复议").unwrap(),
    )
}

#[test]
fn table_three_printed_twice_with_other_numbers_is_refused() {
    let env = imported();
    let text = jinjiang();
    let (start, end) = table_three(&text);
    let again = text[start..end]
        .replace("\t203\t", "\t204\t")
        .replace("\t219\n", "\t220\n");
    env.write(
        "twice.txt",
        format!("{}{again}{}", &text[..end], &text[end..]),
    );
    refused(
        &env,
        ["import", "twice.txt"],
        LIMIT,
        &["twice.txt: 表三: printed twice with different numbers (from line 91 and from line 122)"],
    );
    // The same table printed again reads as it did once.
    let same = format!("{}{}{}", &text[..end], &text[start..end], &text[end..]);
    assert_eq!(
        export_of("same.txt", same.as_bytes(), &[]),
        export_of("jinjiang.txt", text.as_bytes(), &[])
    );
}

#[test]
fn two_reports_in_one_file_are_refused() {
    let env = imported();
    env.write("two.txt", format!("{}\n\n{}", jinjiang(), huaian()));
    env.write("two-rev.txt", format!("{}\n\n{}", huaian(), jinjiang()));
    refused(
        &env,
        ["import", "two.txt", "two-rev.txt"],
        LIMIT,
        &[
            "error: 2 problems in 2 of 2 files; nothing was imported",
            "two.txt: 表三: printed twice with different numbers (from line 91 and from line 261)",
            "two-rev.txt: 表三: printed twice with different numbers (from line 123 and from line 339)",
            "import each report on its own",
        ],
    );
}

#[test]
fn table_two_printed_twice_with_other_numbers_is_refused() {
    let env = imported();
    let text = jinjiang();
    let start = text.find("二、主动公开政府信息情况").unwrap();
    let (end, _) = table_three(&text);
    let again = text[start..end].replace("12339", "12340");
    env.write(
        "twice2.txt",
        format!("{}{again}{}", &text[..end], &text[end..]),
    );
    refused(
        &env,
        ["import", "twice2.txt"],
        LIMIT,
        &["twice2.txt: 表二: printed twice with different numbers (from line 73 and from line 90)"],
    );
}

#[test]
fn a_table_two_number_no_count_can_be_is_refused_not_left_out() {
    let env = imported();
    for (value, says) in [
        ("-12339", "-12339 is negative where a count belongs"),
        ("－12339", "-12339 is negative where a count belongs"),
        (
            "9223372036854775808",
            "\"9223372036854775808\" is more than a cell may hold",
        ),
        ("12339.5", "\"12339.5\" is not a whole number"),
    ] {
        env.write(
            "bad2.txt",
            replaced(
                &jinjiang(),
                "行政许可\t12339",
                &format!("行政许可\t{value}"),
            ),
        );
        let run = refused(
            &env,
            ["import", "bad2.txt"],
            LIMIT,
            &[&format!(
                "bad2.txt: 表二, row “行政许可” (licensing): 处理决定数量 at line 77: {says}"
            )],
        );
        assert!(!run.stderr.contains("left out"), "{}", run.stderr);
    }
}

#[test]
fn a_count_with_its_unit_in_a_cell_reads_as_printed_or_is_refused() {
    let env = imported();
    let row = "一、本年新收政府信息公开申请数量\t\t\t203\t";
    let with = |cell: &str| replaced(&jinjiang(), row, &row.replace("203", cell));
    // Were stored as a blank cell (`-5件`, words to the reader) or as 1 (`1,23件`), exit 0.
    for (cell, says) in [
        ("-5件", "-5 is negative where a count belongs"),
        ("1,23件", "\"1,23\" is not a whole number"),
        ("5.5件", "\"5.5\" is not a whole number"),
    ] {
        env.write("unit.txt", with(cell));
        refused(
            &env,
            ["import", "unit.txt"],
            LIMIT,
            &[&format!(
                "unit.txt: 表三, row “本年新收政府信息公开申请数量” (received_new): 自然人 at line 91: {says}"
            )],
        );
    }
    // Thousands separators and 人次 read as the number (here 1203, so 表三 no longer adds up:
    // imported, and gov-db check names the identities).
    let want = export_of("jinjiang.txt", jinjiang().as_bytes(), &[]).replace(
        "requests,received_new,natural_person,203\n",
        "requests,received_new,natural_person,1203\n",
    );
    for cell in ["1,203件", "1，203件", "1203人次"] {
        assert_eq!(
            export_of("unit.txt", with(cell).as_bytes(), &[]),
            want,
            "{cell}"
        );
    }
}

#[test]
fn a_footnote_mark_beside_a_number_is_not_read_into_it() {
    // `217` and a superscript `1` were read as 2171, in a web page and in a Word file.
    let env = imported();
    let page = std::fs::read_to_string(repo().join("data/pingtan-2024.html")).unwrap();
    let cell = "<p style=\"text-indent: 0em;\">217</p>";
    let (head, row) = page.split_at(page.find("一、本年新收政府信息公开申请数量").unwrap());
    let marked = replaced(row, cell, &cell.replace("217", "217<sup>1</sup>"));
    env.write("sup.html", format!("{head}{marked}"));
    let docx = std::fs::read(repo().join("tests/fixtures/office/pingtan-2024.docx")).unwrap();
    let xml = String::from_utf8(crate::zips::unzip(&docx, "word/document.xml")).unwrap();
    let run = "<w:r><w:rPr></w:rPr><w:t>217</w:t></w:r>";
    let raised = "<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:t>1</w:t></w:r>";
    let xml = replaced(&xml, run, &format!("{run}{raised}"));
    env.write(
        "sup.docx",
        crate::zips::rezip(&docx, "word/document.xml", xml.as_bytes()),
    );
    let says = "表三, row “本年新收政府信息公开申请数量” (received_new): expected 7 cells, found 8";
    refused(
        &env,
        ["import", "sup.html", "sup.docx"],
        LIMIT,
        &[&format!("sup.html: {says}"), &format!("sup.docx: {says}")],
    );
}

#[test]
fn a_title_and_a_period_naming_two_years_are_refused() {
    let env = imported();
    let text = replaced(
        &jinjiang(),
        "自 2024 年 1 月 1 日至 2024 年 12 月 31 日",
        "自 2023 年 1 月 1 日至 2023 年 12 月 31 日",
    );
    env.write("years.txt", &text);
    refused(
        &env,
        ["import", "years.txt"],
        LIMIT,
        &[
            "years.txt: the title says 2024 but the statistics period says 2023; give the report's year with --year",
        ],
    );
    refused_with(
        &env,
        ["import", "years.txt"],
        &[("GOV_DB_LANG", OsStr::new("zh"))],
        LIMIT,
        &["标题写的是 2024 年，统计期限写的却是 2023 年；请用 --year 给出报告的年度"],
    );
    // --year settles it.
    assert_eq!(
        export_of("years.txt", text.as_bytes(), &["--year", "2024"]),
        export_of("jinjiang.txt", jinjiang().as_bytes(), &[])
    );
}

#[test]
fn an_html_page_cut_short_before_a_table_is_refused() {
    let env = imported();
    let page = std::fs::read(repo().join("data/pingtan-2024.html")).unwrap();
    let appeals = String::from_utf8_lossy(&page)
        .find("四、政府信息公开行政复议")
        .expect("表四's heading");
    env.write("cut.html", &page[..appeals]);
    refused(
        &env,
        ["import", "cut.html"],
        LIMIT,
        &[
            "cut.html: the page ends before its </html>: cut short (a download that stopped?), and a table is missing",
        ],
    );
    // Cut after its tables, it holds them all and reads as the whole page.
    let tail = page.len() - 200;
    assert!(!String::from_utf8_lossy(&page[tail..]).contains("行政复议"));
    assert_eq!(
        export_of("tail.html", &page[..tail], &[]),
        export_of("whole.html", &page, &[])
    );
}

/// `n` as a report may print it: plain, with thousands separators (ASCII or full-width),
/// in full-width digits, with its unit, padded with spaces.
fn printed(n: u64, form: u8) -> String {
    let plain = n.to_string();
    let grouped = |sep: char| {
        let mut out = String::new();
        for (i, c) in plain.chars().enumerate() {
            if i > 0 && (plain.len() - i).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(c);
        }
        out
    };
    let wide = |s: &str| -> String {
        s.chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
                ',' => '，',
                c => c,
            })
            .collect()
    };
    match form % 10 {
        0 => plain,
        1 => grouped(','),
        2 => wide(&plain),
        3 => wide(&grouped(',')),
        4 => format!("{plain}件"),
        5 => format!("  {plain} "),
        6 => grouped('，'),
        7 => format!("{}件", grouped(',')),
        8 => format!("{}人次", wide(&plain)),
        // A separator out of place: `1,23件`, `12,3`.
        _ => {
            let at = 1 + usize::from(form) % plain.len().max(1);
            let (a, b) = plain.split_at(at.min(plain.len()));
            format!("{a},{b}件")
        }
    }
}

/// 晋江's report read with `from` replaced by `to`.
fn read_with(from: &str, to: &str) -> Result<gov_db::model::Report, String> {
    let text = replaced(&jinjiang(), from, to);
    gov_db::read::report::read_report(
        Path::new("jinjiang.txt"),
        text.as_bytes(),
        &gov_db::read::report::Overrides::default(),
    )
    .map_err(|e| e.to_string())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// A 表三 cell reads as its number or fails the report.
    #[test]
    fn a_table_three_number_reads_exactly_or_fails(n in 0u64..10_000_000_000_000, form in any::<u8>(), negative in any::<bool>()) {
        let mut cell = printed(n, form);
        if negative {
            cell = format!("-{}", cell.trim_start());
        }
        let row = "一、本年新收政府信息公开申请数量\t\t\t203\t";
        let read = read_with(row, &format!("一、本年新收政府信息公开申请数量\t\t\t{cell}\t"));
        if let Ok(report) = read {
            prop_assert!(!negative || n == 0, "{cell:?} read as {:?}", report.get("received_new", "natural_person"));
            prop_assert!(n <= 999_999_999_999, "{cell:?} past the ceiling read");
            prop_assert_eq!(
                report.get("received_new", "natural_person"),
                Some(&gov_db::model::Value::Int(n as i64)),
                "{:?}", cell
            );
        }
    }

    /// A 表二 cell reads as its number, or fails the report, or is left out with a warning
    /// naming its row (表二 has no identity to split cells run together by).
    #[test]
    fn a_table_two_number_reads_exactly_fails_or_is_left_out_saying_so(n in 0u64..10_000_000_000_000, form in any::<u8>(), negative in any::<bool>()) {
        let mut cell = printed(n, form);
        if negative {
            cell = format!("-{}", cell.trim_start());
        }
        let text = replaced(&jinjiang(), "行政许可\t12339", &format!("行政许可\t{cell}"));
        let read = gov_db::read::report::read_report_detailed(
            Path::new("jinjiang.txt"),
            text.as_bytes(),
            &gov_db::read::report::Overrides::default(),
        );
        if let Ok(reading) = read {
            match reading.report.get("licensing", "decisions") {
                None => prop_assert!(
                    reading.warnings().iter().any(|w| w.contains("行政许可")),
                    "{cell:?} left out unsaid"
                ),
                Some(v) => {
                    prop_assert!(!negative || n == 0, "{cell:?} read as {v:?}");
                    prop_assert_eq!(v, &gov_db::model::Value::Int(n as i64), "{:?}", cell);
                }
            }
        }
    }
}

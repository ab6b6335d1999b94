//! The fixtures mutated the ways conversions mangle reports (footers and page numbers inside
//! tables, white space reflowed, labels wrapped or misspelt, cells blanked, other encodings
//! and markup) read to the numbers they held before.

use super::tests::{cells, fixture_text, read_text};
use super::*;
use crate::model::Value;
use std::collections::BTreeMap;

fn read_cells(text: &str) -> BTreeMap<(u8, u8), Value> {
    cells(&read_text(text).unwrap_or_else(|e| panic!("{e}")).report)
}

#[test]
fn footers_inserted_anywhere_change_nothing() {
    for name in [
        "jinjiang-2024.txt",
        "huaian-2024.layout.txt",
        "huaian-2024.pypdf.txt",
    ] {
        let text = fixture_text(name);
        let want = read_cells(&text);
        for (every, footer) in [(5, "- 3 -"), (7, "-12-"), (11, "  第 2 页  "), (3, "— 4 —")]
        {
            let mutated: String = text
                .lines()
                .enumerate()
                .flat_map(|(i, l)| {
                    if i % every == every - 1 {
                        vec![l, footer]
                    } else {
                        vec![l]
                    }
                })
                .map(|l| format!("{l}\n"))
                .collect();
            assert_eq!(
                read_cells(&mutated),
                want,
                "{name} with {footer:?} every {every} lines"
            );
        }
    }
}

#[test]
fn reflowed_white_space_changes_nothing() {
    let text = fixture_text("huaian-2024.layout.txt");
    let want = read_cells(&text);
    // Runs of spaces narrowed and widened, as another extractor would lay them out.
    for width in [2, 3, 9] {
        let mut out = String::new();
        for line in text.lines() {
            let words: Vec<&str> = line.split("  ").filter(|w| !w.trim().is_empty()).collect();
            out.push_str(
                &words
                    .iter()
                    .map(|w| w.trim())
                    .collect::<Vec<_>>()
                    .join(&" ".repeat(width)),
            );
            out.push('\n');
        }
        assert_eq!(read_cells(&out), want, "gaps of {width}");
    }
    // Tabs turned to spaces: the delimited rows become aligned ones.
    let text = fixture_text("jinjiang-2024.txt");
    let want = read_cells(&text);
    assert_eq!(read_cells(&text.replace('\t', "    ")), want);
    // CRLF line ends, full-width digits, GBK bytes.
    assert_eq!(read_cells(&text.replace('\n', "\r\n")), want);
    let wide: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_digit() {
                char::from_u32(c as u32 + 0xFEE0).unwrap()
            } else {
                c
            }
        })
        .collect();
    assert_eq!(read_cells(&wide), want);
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let r = read_report_detailed(Path::new("g.txt"), &gbk, &Overrides::default()).unwrap();
    assert_eq!(cells(&r.report), want);
    assert_eq!(r.detected.encoding, "gb18030");
}

#[test]
fn labels_wrapped_over_two_lines_change_nothing() {
    let text = fixture_text("jinjiang-2024.txt");
    let want = read_cells(&text);
    let mut out = String::new();
    for line in text.lines() {
        let mut fields: Vec<String> = line.split('\t').map(str::to_string).collect();
        // Move the tail of each long label to a line of its own under the numbers.
        let long = fields
            .iter()
            .position(|f| f.chars().count() > 8 && !f.is_ascii());
        let mut tail = String::new();
        if let Some(i) = long.filter(|_| line.contains('\t')) {
            let chars: Vec<char> = fields[i].chars().collect();
            let cut = chars.len() / 2;
            tail = chars[cut..].iter().collect();
            fields[i] = chars[..cut].iter().collect();
        }
        out.push_str(&fields.join("\t"));
        out.push('\n');
        if !tail.is_empty() {
            out.push_str(&tail);
            out.push('\n');
        }
    }
    assert_eq!(read_cells(&out), want);
}

#[test]
fn blanked_cells_read_as_blank_and_the_rest_unchanged() {
    let text = fixture_text("jinjiang-2024.txt");
    let mut want = read_cells(&text);
    // 表三 row “2.重复申请”: 0 0 0 0 2 0 2 — blank its 科研机构 and 总计 cells.
    let line = "2.重复申请\t0\t0\t0\t0\t2\t0\t2";
    assert!(text.contains(line));
    for marker in ["", "/", "—", "-", "无"] {
        let mutated = text.replace(
            line,
            &format!("2.重复申请\t0\t0\t{marker}\t0\t2\t0\t{marker}"),
        );
        let r = contract::row(Section::Requests, "rejected_duplicate")
            .unwrap()
            .id;
        want.insert((r, 3), Value::Blank);
        want.insert((r, 7), Value::Blank);
        assert_eq!(read_cells(&mutated), want, "marker {marker:?}");
    }
    // In aligned text a blank is only white space; the columns of the rows around place it.
    let text = fixture_text("huaian-2024.layout.txt");
    let mut want = read_cells(&text);
    let line = "               2.重复申请                   25        0        0         0        0         0    25";
    assert!(text.contains(line), "fixture changed");
    let mutated = text.replace(line, "               2.重复申请                   25        0                  0        0         0    25");
    let r = contract::row(Section::Requests, "rejected_duplicate")
        .unwrap()
        .id;
    want.insert((r, 3), Value::Blank);
    assert_eq!(read_cells(&mutated), want);
}

#[test]
fn a_cell_that_cannot_be_read_fails_the_report_naming_it() {
    let text = fixture_text("pingtan-2022.txt");
    // 一、本年新收: 713000074 has one reading (71, 3, 0, 0, 0, 0, 74); break its total.
    let mutated = text.replace("713000074二", "713000075二");
    let e = read_text(&mutated).unwrap_err().message;
    assert!(
        e.contains("表三") && e.contains("本年新收政府信息公开申请数量") && e.contains("713000075"),
        "{e}"
    );
}

#[test]
fn label_typos_and_spelling_variants_change_nothing() {
    let text = fixture_text("jinjiang-2024.txt");
    let want = read_cells(&text);
    for (from, to) in [
        ("本机关不掌握相关政府信息", "本机关不掌提相关政府信息"),
        ("其他法律行政法规禁止公开", "其他法律行政止公开"),
        ("（区分处理的", "(区分处理的"),
        ("(七) 总计", "（七）总  计"),
        ("1.属于国家秘密", "1、属于国家秘密"),
        ("6.属于四类过程性信息", "6．属于四类过程性信息"),
        ("社会公益组织", "社会公益 组织"),
        ("3.补正后申请内容仍不明确", "3.补正后申请内容仍不明"),
    ] {
        assert!(text.contains(from), "{from}");
        assert_eq!(read_cells(&text.replace(from, to)), want, "{from} -> {to}");
    }
}

#[test]
fn markdown_tables_read_like_the_text() {
    let text = fixture_text("jinjiang-2024.txt");
    let want = read_cells(&text);
    // Pipe rows as a PDF-to-Markdown converter writes them, with a made-up header row.
    let mut md = String::new();
    let mut in_table = false;
    for line in text.lines() {
        if line.contains('\t') {
            if !in_table {
                md.push_str("| 列1 | 列2 | 列3 | 列4 | 列5 | 列6 | 列7 | 列8 | 列9 | 列10 |\n|---|---|---|---|---|---|---|---|---|---|\n");
                in_table = true;
            }
            md.push_str(&format!("| {} |\n", line.replace('\t', " | ")));
        } else {
            in_table = false;
            md.push_str(&format!("{line}\n"));
        }
    }
    let r = read_report_detailed(Path::new("r.md"), md.as_bytes(), &Overrides::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.report.format, "markdown");
    assert_eq!(cells(&r.report), want);
}

#[test]
fn a_bare_page_number_at_a_page_break_is_furniture() {
    let text = fixture_text("huaian-2024.layout.txt");
    let want = read_cells(&text);
    let mutated = text
        .replace(
            "                                          -1-\n",
            "                 7\n",
        )
        .replace("-4-\n\u{c}", "4\n\u{c}");
    assert_ne!(mutated, text);
    assert_eq!(read_cells(&mutated), want);
}

#[test]
fn an_old_proactive_header_over_a_new_requests_table_is_left_out_not_misread() {
    let text = fixture_text("jinjiang-2024.txt");
    let mut want = read_cells(&text);
    want.retain(|k, _| k.0 >= 10);
    let old = text.replace(
        "本年制发件数\t本年废止件数\t现行有效件数",
        "本年新制作数量\t本年新公开数量\t对外公开总数量",
    );
    let r = read_text(&old).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.report.template, Template::T2021);
    assert_eq!(cells(&r.report), want);
    assert!(r.warnings().iter().any(|w| w.contains("表二 left out")));
}

#[test]
fn gbk_html_with_a_wrong_extension_reads_the_same() {
    let html = fixture_text("shuyang-fgj-2023.html");
    let want = cells(&read_text(&html).unwrap().report);
    let declared = html.replace("charset=\"utf-8\"", "charset=\"gbk\"");
    let (gbk, _, _) = encoding_rs::GBK.encode(&declared);
    let r = read_report_detailed(Path::new("page.txt"), &gbk, &Overrides::default()).unwrap();
    assert_eq!(
        (r.report.format.as_str(), r.detected.encoding),
        ("html", "gb18030")
    );
    assert_eq!(cells(&r.report), want);
}

/// A 2021 report that prints （六）其他处理 as one row keeps the 2021 template and stores the
/// row as `other_processing`.
#[test]
fn a_collapsed_other_row_in_a_2021_report_is_other_processing() {
    let text = fixture_text("jinjiang-2024.txt");
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("(六) 其他处理"))
        .unwrap();
    let mut out: Vec<String> = lines[..at].iter().map(|l| l.to_string()).collect();
    out.push("\t(六) 其他处理\t\t12\t0\t0\t0\t1\t0\t13".into());
    out.extend(lines[at + 3..].iter().map(|l| l.to_string()));
    let r = read_text(&out.join("\n")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.report.template, Template::T2021);
    assert_eq!(
        r.report.get("other_processing", "total"),
        Some(&Value::Int(13))
    );
    assert_eq!(r.report.get("other_misc", "total"), None);
    assert_eq!(
        r.report.get("total_processed", "total"),
        Some(&Value::Int(221))
    );
}

/// A PDF repeats 表三's heading rows at the top of each page; their 其他 and 总计 are not rows.
#[test]
fn repeated_column_headings_on_a_new_page_change_nothing() {
    let text = fixture_text("huaian-2024.layout.txt");
    let want = read_cells(&text);
    let header = "\u{c}                                        商业企      科研机     社会公益     法律服务\n                               自然人                                              总计\n                                                                           其他\n                                        业        构       组织       机构\n";
    for before in ["               3、其他", "     （七）总计"] {
        let at = text.find(before).unwrap();
        let mutated = format!("{}- 5 -\n{header}{}", &text[..at], &text[at..]);
        let r = read_text(&mutated).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(cells(&r.report), want, "before {before}");
        assert!(r.warnings().is_empty(), "{:?}", r.warnings());
    }
    let text = fixture_text("jinjiang-2024.txt");
    let want = read_cells(&text);
    let at = text.find("\t\t3.其他").unwrap();
    let header = "\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计\n\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\n";
    let mutated = format!("{}{header}{}", &text[..at], &text[at..]);
    let r = read_text(&mutated).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(cells(&r.report), want);
    assert!(r.warnings().is_empty(), "{:?}", r.warnings());
}

/// Some reports print （六）其他处理 with its own numbers above its three rows: both are kept.
#[test]
fn an_other_line_above_its_three_rows_is_kept_beside_them() {
    let text = fixture_text("jinjiang-2024.txt");
    let mut want = read_cells(&text);
    let row = "三、本年度办理结果\t(六) 其他处理\t1.申请人";
    assert!(text.contains(row));
    let mutated = text.replace(
        row,
        "\t(六) 其他处理\t\t12\t0\t0\t0\t1\t0\t13\n三、本年度办理结果\t\t1.申请人",
    );
    let r = read_text(&mutated).unwrap_or_else(|e| panic!("{e}"));
    let id = contract::row(Section::Requests, "other_processing")
        .unwrap()
        .id;
    for (col, v) in [(1, 12), (5, 1), (7, 13)] {
        want.insert((id, col), Value::Int(v));
    }
    for col in [2, 3, 4, 6] {
        want.insert((id, col), Value::Int(0));
    }
    assert_eq!(cells(&r.report), want);
}

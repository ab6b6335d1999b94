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

/// The jinjiang fixture with subtotal lines the template does not have: 三、本年度办理结果
/// and （三）不予公开 above their rows, `小计` below （四） and （五）, each with its group's sums
/// (`wrong` adds one to the （四） subtotal's first and last columns).
fn with_subtotals(text: &str, wrong: bool) -> String {
    let got = read_cells(text);
    let sums = |codes: &[&str], bump: i64| -> String {
        (1..=7u8)
            .map(|col| {
                let s: i64 = codes
                    .iter()
                    .map(|c| {
                        let id = contract::row(Section::Requests, c).unwrap().id;
                        got[&(id, col)].as_int().unwrap()
                    })
                    .sum();
                (s + if col == 1 || col == 7 { bump } else { 0 }).to_string()
            })
            .collect::<Vec<_>>()
            .join("\t")
    };
    let requests = || {
        contract::ROWS
            .iter()
            .filter(|r| r.section == Section::Requests)
    };
    let group = |g: &str| -> Vec<&str> {
        requests()
            .filter(|r| r.group == g)
            .map(|r| r.code)
            .collect()
    };
    let outcomes: Vec<&str> = requests()
        .filter(|r| !matches!(r.group, "intake" | "total" | "carry"))
        .filter(|r| r.code != "other_processing")
        .map(|r| r.code)
        .collect();
    let mut out = text.to_string();
    let mut insert = |before: &str, line: String| {
        let at = out.find(before).unwrap_or_else(|| panic!("{before}"));
        out.insert_str(at, &format!("{line}\n"));
    };
    insert(
        "三、本年度办理结果\t(一) 予以公开",
        format!("三、本年度办理结果\t\t\t{}", sums(&outcomes, 0)),
    );
    insert(
        "\t(三) 不予公开\t1.属于国家秘密",
        format!("\t(三) 不予公开\t\t{}", sums(&group("withheld"), 0)),
    );
    insert(
        "\t(五) 不予处理\t1.",
        format!(
            "\t\t小计\t{}",
            sums(&group("unavailable"), i64::from(wrong))
        ),
    );
    insert(
        "三、本年度办理结果\t(六) 其他处理",
        format!("\t\t小计\t{}", sums(&group("not_processed"), 0)),
    );
    out
}

/// Tab-separated lines as the cells of an HTML table, the rest as paragraphs.
fn as_html(text: &str) -> String {
    let mut html = String::from("<html><head><meta charset=\"utf-8\"></head><body>\n");
    let mut in_table = false;
    for line in text.lines() {
        if line.contains('\t') {
            if !in_table {
                html.push_str("<table>\n");
                in_table = true;
            }
            html.push_str("<tr>");
            for cell in line.split('\t') {
                html.push_str(&format!("<td>{cell}</td>"));
            }
            html.push_str("</tr>\n");
        } else {
            if in_table {
                html.push_str("</table>\n");
                in_table = false;
            }
            html.push_str(&format!("<p>{line}</p>\n"));
        }
    }
    if in_table {
        html.push_str("</table>\n");
    }
    html.push_str("</body></html>\n");
    html
}

fn read_html(html: &str) -> Result<Reading, ReportError> {
    read_report_detailed(Path::new("r.html"), html.as_bytes(), &Overrides::default())
}

/// Subtotal lines that are their groups' sums are checked and left out: the numbers read are
/// the original's, from text and from HTML.
#[test]
fn subtotal_lines_that_add_up_are_left_out() {
    let text = fixture_text("jinjiang-2024.txt");
    let want = read_cells(&text);
    let mutated = with_subtotals(&text, false);
    let r = read_text(&mutated).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(cells(&r.report), want);
    let notes = r
        .warnings()
        .iter()
        .filter(|w| w.contains("subtotal"))
        .count();
    assert_eq!(notes, 4, "{:?}", r.warnings());
    let html = read_html(&as_html(&mutated)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(html.report.format, "html");
    assert_eq!(cells(&html.report), want);
    // A heading and 小计 on one line are one subtotal line.
    let one_line = mutated.replacen("\t(三) 不予公开\t\t", "\t(三) 不予公开小计\t\t", 1);
    assert_ne!(one_line, mutated);
    assert_eq!(read_cells(&one_line), want);
    // The HTML rendering of the original reads the same too.
    assert_eq!(cells(&read_html(&as_html(&text)).unwrap().report), want);
}

/// A subtotal line that is not its rows' sums fails the report, naming the line, what it
/// prints and what its rows add up to.
#[test]
fn a_subtotal_line_that_does_not_add_up_fails_naming_it() {
    let text = fixture_text("jinjiang-2024.txt");
    let mutated = with_subtotals(&text, true);
    for r in [read_text(&mutated), read_html(&as_html(&mutated))] {
        let e = r.expect_err("a wrong subtotal must fail").to_string();
        assert!(e.contains("表三"), "{e}");
        assert!(e.contains("subtotal line “小计”"), "{e}");
        assert!(e.contains("（四）无法提供 sum to 47"), "{e}");
        assert!(e.contains("printed 48"), "{e}");
        assert!(e.contains("contradicts"), "{e}");
    }
}

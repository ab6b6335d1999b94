//! Round trips: a known report rendered the ways reports are found (tab-separated,
//! space-aligned, HTML, Markdown, cells run together, labels moved away) reads back to the same
//! numbers, or (where the rendering loses what tells cells apart) not at all.

use super::tests::{cells, read_text};
use super::*;
use crate::model::Value;
use proptest::prelude::*;
use std::collections::BTreeMap;

/// One printed line of a rendered report: a label and its cells (None = blank), or a heading.
#[derive(Clone, Debug)]
struct Line {
    label: String,
    cells: Vec<Option<String>>,
}

fn head(label: &str) -> Line {
    Line {
        label: label.into(),
        cells: Vec::new(),
    }
}

/// Printed labels of 表三 (2021 template), in order, as agencies number them.
const REQUEST_LABELS: &[(&str, &str)] = &[
    ("received_new", "一、本年新收政府信息公开申请数量"),
    ("carried_in", "二、上年结转政府信息公开申请数量"),
    ("granted", "（一）予以公开"),
    (
        "partly_granted",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    ),
    ("withheld_state_secret", "（三）不予公开 1.属于国家秘密"),
    ("withheld_law_forbidden", "2.其他法律行政法规禁止公开"),
    ("withheld_security_stability", "3.危及“三安全一稳定”"),
    ("withheld_third_party", "4.保护第三方合法权益"),
    ("withheld_internal_affairs", "5.属于三类内部事务信息"),
    ("withheld_process_info", "6.属于四类过程性信息"),
    ("withheld_enforcement_file", "7.属于行政执法案卷"),
    ("withheld_admin_query", "8.属于行政查询事项"),
    (
        "unavailable_not_held",
        "（四）无法提供 1.本机关不掌握相关政府信息",
    ),
    ("unavailable_needs_creation", "2.没有现成信息需要另行制作"),
    ("unavailable_unclear", "3.补正后申请内容仍不明确"),
    ("rejected_petition", "（五）不予处理 1.信访举报投诉类申请"),
    ("rejected_duplicate", "2.重复申请"),
    ("rejected_publication", "3.要求提供公开出版物"),
    ("rejected_excessive", "4.无正当理由大量反复申请"),
    (
        "rejected_confirmation",
        "5.要求行政机关确认或重新出具已获取信息",
    ),
    (
        "other_no_correction",
        "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    (
        "other_unpaid_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    ("other_misc", "3.其他"),
    ("total_processed", "（七）总计"),
    ("carried_out", "四、结转下年度继续办理"),
];

/// A report's numbers, generated to meet 表三's and 表四's identities.
#[derive(Clone, Debug)]
struct Known {
    /// 表三 rows in print order, 7 cells each (None = blank).
    requests: Vec<Vec<Option<i64>>>,
    appeals: Vec<Option<i64>>,
    proactive: [i64; 9],
    fee: String,
    /// Set for a report on the 2019 template: its 表二 (18 counts, 4 of them signed changes,
    /// 2 for fees, the procurement items and amount), and （六） as one row.
    old: Option<([i64; 21], String)>,
}

/// The same numbers on the 2019 template.
fn known_2019() -> impl Strategy<Value = Known> {
    let pro = prop::collection::vec(-40i64..3000, 21);
    let amount = (0u32..100_000, 0u32..100).prop_map(|(a, b)| format!("{a}.{b}"));
    (known(), pro, amount).prop_map(|(mut k, pro, amount)| {
        let mut nums = [0i64; 21];
        for (i, v) in pro.into_iter().enumerate() {
            // Only 本年增/减 (the middle of each three, the second of fees) may be negative.
            let signed = matches!(i, 7 | 10 | 13 | 16 | 19);
            nums[i] = if signed { v } else { v.abs() };
        }
        k.old = Some((nums, amount));
        k
    })
}

fn known() -> impl Strategy<Value = Known> {
    let outcomes = prop::collection::vec(prop::collection::vec(0i64..40, 6), 21);
    let carry = prop::collection::vec((0i64..30, 0i64..30), 6);
    let appeals = prop::collection::vec(0i64..50, 12);
    let proactive = prop::array::uniform9(0i64..5000);
    let fee = (0u32..100_000, 0u32..10_000).prop_map(|(a, b)| format!("{a}.{b}"));
    (outcomes, carry, appeals, proactive, fee).prop_map(|(outcomes, carry, a, proactive, fee)| {
        // Per applicant column: 一 + 二 = (七) + 四, and (七) = the outcome rows' sum.
        let mut rows: Vec<Vec<i64>> = vec![vec![0; 6]; 25];
        for c in 0..6 {
            let total: i64 = outcomes.iter().map(|r| r[c]).sum();
            let (carried_out, carried_in) = carry[c];
            let carried_in = carried_in.min(total + carried_out);
            for (i, r) in outcomes.iter().enumerate() {
                rows[2 + i][c] = r[c];
            }
            rows[0][c] = total + carried_out - carried_in;
            rows[1][c] = carried_in;
            rows[23][c] = total;
            rows[24][c] = carried_out;
        }
        let requests = rows
            .into_iter()
            .map(|r| {
                let sum = r.iter().sum();
                r.into_iter().chain([sum]).map(Some).collect()
            })
            .collect();
        let mut appeals = Vec::new();
        for g in a.chunks(4) {
            appeals.extend(g.iter().map(|v| Some(*v)));
            appeals.push(Some(g.iter().sum()));
        }
        Known {
            requests,
            appeals,
            proactive,
            fee,
            old: None,
        }
    })
}

impl Known {
    /// 表三 as printed: (code, label, cells); the 2019 template prints （六） as one row.
    fn request_rows(&self) -> Vec<(&'static str, &'static str, Vec<Option<i64>>)> {
        let all: Vec<_> = REQUEST_LABELS
            .iter()
            .zip(&self.requests)
            .map(|((c, l), r)| (*c, *l, r.clone()))
            .collect();
        if self.old.is_none() {
            return all;
        }
        let merged: Vec<Option<i64>> = (0..7)
            .map(|c| {
                let parts: Vec<i64> = all[20..23].iter().filter_map(|r| r.2[c]).collect();
                (!parts.is_empty()).then(|| parts.iter().sum())
            })
            .collect();
        let mut out = all[..20].to_vec();
        out.push(("other_processing", "（六）其他处理", merged));
        out.extend(all[23..].iter().cloned());
        out
    }

    fn old_lines(nums: &[i64; 21], amount: &str) -> Vec<Line> {
        let n = |i: usize| Some(nums[i].to_string());
        let row = |label: &str, from: usize, k: usize| Line {
            label: label.into(),
            cells: (from..from + k).map(n).collect(),
        };
        vec![
            head("第二十条第（一）项"),
            head("信息内容 本年新制作数量 本年新公开数量 对外公开总数量"),
            row("规章", 0, 3),
            row("规范性文件", 3, 3),
            head("第二十条第（五）项"),
            head("信息内容 上一年项目数量 本年增/减 处理决定数量"),
            row("行政许可", 6, 3),
            row("其他对外管理服务事项", 9, 3),
            head("第二十条第（六）项"),
            head("信息内容 上一年项目数量 本年增/减 处理决定数量"),
            row("行政处罚", 12, 3),
            row("行政强制", 15, 3),
            head("第二十条第（八）项"),
            head("信息内容 上一年项目数量 本年增/减"),
            row("行政事业性收费", 18, 2),
            head("第二十条第（九）项"),
            head("信息内容 采购项目数量 采购总金额"),
            Line {
                label: "政府集中采购".into(),
                cells: vec![n(20), Some(amount.to_string())],
            },
        ]
    }

    fn lines(&self) -> Vec<Line> {
        let s = |v: &Option<i64>| v.map(|v| v.to_string());
        let p = |i: usize| Some(self.proactive[i].to_string());
        let mut out = vec![
            head("测试市人民政府2024年政府信息公开工作年度报告"),
            head("本报告所列数据统计期限自2024年1月1日至2024年12月31日。"),
            head("二、主动公开政府信息情况"),
            head("第二十条第（一）项"),
            head("信息内容 本年制发件数 本年废止件数 现行有效件数"),
            Line {
                label: "规章".into(),
                cells: vec![p(0), p(1), p(2)],
            },
            Line {
                label: "行政规范性文件".into(),
                cells: vec![p(3), p(4), p(5)],
            },
            head("第二十条第（五）项"),
            head("信息内容 本年处理决定数量"),
            Line {
                label: "行政许可".into(),
                cells: vec![p(6)],
            },
            head("第二十条第（六）项"),
            head("信息内容 本年处理决定数量"),
            Line {
                label: "行政处罚".into(),
                cells: vec![p(7)],
            },
            Line {
                label: "行政强制".into(),
                cells: vec![p(8)],
            },
            head("第二十条第（八）项"),
            head("信息内容 本年收费金额（单位：万元）"),
            Line {
                label: "行政事业性收费".into(),
                cells: vec![Some(self.fee.clone())],
            },
            head("三、收到和处理政府信息公开申请情况"),
            head("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） 申请人情况"),
            head("自然人 法人或其他组织 总计"),
            head("商业企业 科研机构 社会公益组织 法律服务机构 其他"),
        ];
        if let Some((nums, amount)) = &self.old {
            // 表二 sits between its heading (line 2) and 表三's heading (line 17).
            let tail = out.split_off(17);
            out.truncate(3);
            out.extend(Known::old_lines(nums, amount));
            out.extend(tail);
        }
        for (_, label, row) in self.request_rows() {
            out.push(Line {
                label: label.to_string(),
                cells: row.iter().map(s).collect(),
            });
        }
        out.push(head("四、政府信息公开行政复议、行政诉讼情况"));
        out.push(head("行政复议 行政诉讼"));
        out.push(head(
            "结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉",
        ));
        out.push(Line {
            label: String::new(),
            cells: self.appeals.iter().map(s).collect(),
        });
        out.push(head("五、存在的主要问题及改进情况"));
        out
    }

    fn expected(&self) -> BTreeMap<(u8, u8), Value> {
        let mut m = BTreeMap::new();
        let v = |x: &Option<i64>| x.map_or(Value::Blank, Value::Int);
        for (code, _, row) in self.request_rows() {
            let r = contract::row(Section::Requests, code).unwrap();
            for (i, x) in row.iter().enumerate() {
                let c = contract::COLS
                    .iter()
                    .filter(|c| c.section == Section::Requests)
                    .nth(i)
                    .unwrap();
                m.insert((r.id, c.id), v(x));
            }
        }
        for (i, x) in self.appeals.iter().enumerate() {
            let code = [
                "admin_review",
                "litigation_direct",
                "litigation_after_review",
            ][i / 5];
            let r = contract::row(Section::Appeals, code).unwrap();
            let c = contract::COLS
                .iter()
                .filter(|c| c.section == Section::Appeals)
                .nth(i % 5)
                .unwrap();
            m.insert((r.id, c.id), v(x));
        }
        let pro: [(&str, &str, usize); 9] = [
            ("rules", "issued", 0),
            ("rules", "repealed", 1),
            ("rules", "in_force", 2),
            ("normative_documents", "issued", 3),
            ("normative_documents", "repealed", 4),
            ("normative_documents", "in_force", 5),
            ("licensing", "decisions", 6),
            ("penalties", "decisions", 7),
            ("coercive_measures", "decisions", 8),
        ];
        if let Some((nums, amount)) = &self.old {
            let cells: [(&str, &[&str]); 8] = [
                ("rules", &["made", "published", "published_total"]),
                (
                    "normative_documents",
                    &["made", "published", "published_total"],
                ),
                ("licensing", &["prior_items", "change", "decisions"]),
                (
                    "other_admin_services",
                    &["prior_items", "change", "decisions"],
                ),
                ("penalties", &["prior_items", "change", "decisions"]),
                ("coercive_measures", &["prior_items", "change", "decisions"]),
                ("fees", &["prior_items", "change"]),
                ("procurement", &["items"]),
            ];
            let mut i = 0;
            for (row, cols) in cells {
                let r = contract::row(Section::Proactive, row).unwrap();
                for col in cols {
                    let c = contract::col(Section::Proactive, col).unwrap();
                    m.insert((r.id, c.id), Value::Int(nums[i]));
                    i += 1;
                }
            }
            let r = contract::row(Section::Proactive, "procurement").unwrap();
            let c = contract::col(Section::Proactive, "amount_10k_yuan").unwrap();
            m.insert((r.id, c.id), Value::Money(amount.clone()));
            return m;
        }
        for (row, col, i) in pro {
            let r = contract::row(Section::Proactive, row).unwrap();
            let c = contract::col(Section::Proactive, col).unwrap();
            m.insert((r.id, c.id), Value::Int(self.proactive[i]));
        }
        let r = contract::row(Section::Proactive, "fees").unwrap();
        let c = contract::col(Section::Proactive, "amount_10k_yuan").unwrap();
        m.insert((r.id, c.id), Value::Money(self.fee.clone()));
        m
    }
}

fn tabs(lines: &[Line], blank: &str) -> String {
    let mut s = String::new();
    for l in lines {
        s.push_str(&l.label);
        if !l.cells.is_empty() {
            s.push_str("\t\t");
        }
        for c in &l.cells {
            s.push('\t');
            s.push_str(c.as_deref().unwrap_or(blank));
        }
        s.push('\n');
    }
    s
}

fn spaced(lines: &[Line], gap: usize) -> String {
    let mut s = String::new();
    for l in lines {
        let width = l.label.chars().count();
        s.push_str(&l.label);
        if !l.cells.is_empty() {
            s.push_str(&" ".repeat(60usize.saturating_sub(width) + 2));
        }
        for c in &l.cells {
            let t = c.as_deref().unwrap_or("");
            s.push_str(&format!(" {:>w$}", t, w = gap));
        }
        s.push('\n');
    }
    s
}

/// Columns too narrow for their numbers, as a PDF extractor lays them out: a cell wider than
/// `width` touches its neighbour (`178` and `37` print as `17837`).
fn cramped(lines: &[Line], width: usize) -> String {
    let mut s = String::new();
    for l in lines {
        s.push_str(&l.label);
        if !l.cells.is_empty() {
            s.push_str("   ");
        }
        for c in &l.cells {
            s.push_str(&format!("{:>w$}", c.as_deref().unwrap_or(""), w = width));
        }
        s.push('\n');
    }
    s
}

/// Labels wrapped at `cut` characters, the cells on the label's first line (`first`) or on its
/// last, as PDF extractors print a tall row.
fn wrapped(lines: &[Line], cut: usize, first: bool) -> String {
    let mut s = String::new();
    for l in lines {
        let chars: Vec<char> = l.label.chars().collect();
        let cells: String = l
            .cells
            .iter()
            .map(|c| format!(" {:>6}", c.as_deref().unwrap_or("")))
            .collect();
        if l.cells.is_empty() || chars.len() <= cut {
            s.push_str(&format!("{}{}\n", l.label, cells));
            continue;
        }
        let (a, b): (String, String) =
            (chars[..cut].iter().collect(), chars[cut..].iter().collect());
        if first {
            s.push_str(&format!("{a:<40}{cells}\n{b}\n"));
        } else {
            s.push_str(&format!("{a}\n{b:<40}{cells}\n"));
        }
    }
    s
}

fn html(lines: &[Line], blank: &str) -> String {
    let mut s = String::from("<html><head><title>x</title></head><body>");
    let mut in_table = false;
    for l in lines {
        if l.cells.is_empty() {
            if in_table {
                s.push_str("</table>");
                in_table = false;
            }
            s.push_str(&format!("<p>{}</p>", l.label));
            continue;
        }
        if !in_table {
            s.push_str("<table border=1>");
            in_table = true;
        }
        s.push_str(&format!(
            "<tr><td colspan=\"2\"><p><span>{}</span></p></td>",
            l.label
        ));
        for c in &l.cells {
            s.push_str(&format!(
                "<td>&nbsp;{}&nbsp;</td>",
                c.as_deref().unwrap_or(blank)
            ));
        }
        s.push_str("</tr>");
    }
    s + "</table></body></html>"
}

/// Markdown as a converter writes a table whose spans it expanded: every covered grid cell
/// repeats the spanning cell's text, under a made-up header row.
fn markdown_expanded(lines: &[Line], blank: &str) -> String {
    let mut s = String::new();
    let mut in_table = false;
    for l in lines {
        if l.cells.is_empty() {
            in_table = false;
            s.push_str(&format!("\n{}\n\n", l.label));
            continue;
        }
        if !in_table {
            s.push_str(
                "| Column1 | Column2 | Column3 | Column4 | Column5 |\n|---|---|---|---|---|\n",
            );
            in_table = true;
        }
        let label = if l.label.is_empty() { "" } else { &l.label };
        s.push_str(&format!("| {label} | {label} |"));
        let copies = if l.cells.len() == 1 { 3 } else { 1 };
        for c in &l.cells {
            for _ in 0..copies {
                s.push_str(&format!(" {} |", c.as_deref().unwrap_or(blank)));
            }
        }
        s.push('\n');
    }
    s
}

fn run_together(lines: &[Line]) -> String {
    lines
        .iter()
        .map(|l| {
            format!(
                "{}{}",
                l.label,
                l.cells
                    .iter()
                    .map(|c| c.clone().unwrap_or_default())
                    .collect::<String>()
            )
        })
        .collect()
}

/// 表四's header as `pdftotext -layout` prints it: each heading over its cell's field, the
/// group titles on a line of their own.
fn aligned_appeals_header(lines: &mut Vec<Line>) {
    let i = lines
        .iter()
        .position(|l| l.label.starts_with("结果维持"))
        .expect("表四 header");
    lines[i] = Line {
        label: String::new(),
        cells: ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
            .iter()
            .cycle()
            .take(15)
            .map(|w| Some(w.to_string()))
            .collect(),
    };
    lines.insert(i, head("未经复议直接起诉 复议后起诉"));
}

/// 表三's header as `pdftotext -layout` prints it: each applicant column's heading over its
/// cells' field.
fn aligned_requests_header(lines: &mut [Line]) {
    let i = lines
        .iter()
        .position(|l| l.label == "自然人 法人或其他组织 总计")
        .expect("表三 header");
    lines[i] = head("法人或其他组织");
    lines[i + 1] = Line {
        label: String::new(),
        cells: [
            "自然人",
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
            "总计",
        ]
        .iter()
        .map(|w| Some(w.to_string()))
        .collect(),
    };
}

/// A department's 表三: only 自然人 and 总计 filled, on every row.
fn sparse_requests(k: &mut Known) {
    for r in &mut k.requests {
        for c in &mut r[1..6] {
            *c = None;
        }
        r[6] = r[0];
    }
}

#[test]
fn sparse_aligned_table_three_that_does_not_add_up_fails() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut k = known().new_tree(&mut runner).unwrap().current();
    sparse_requests(&mut k);
    let mut lines = k.lines();
    aligned_requests_header(&mut lines);
    let good = spaced(&lines, 8);
    read_text(&good).unwrap_or_else(|e| panic!("{e}\n{good}"));
    // One row's total no longer its 自然人: no reading, the row named.
    let i = lines
        .iter()
        .position(|l| l.label == "（一）予以公开")
        .unwrap();
    let v = lines[i].cells[6].clone().unwrap().parse::<i64>().unwrap();
    lines[i].cells[6] = Some((v + 1).to_string());
    let bad = spaced(&lines, 8);
    let e = read_text(&bad).expect_err("must fail");
    assert!(e.message.contains("表三, row “予以公开”"), "{e}");
    assert!(e.message.contains("do not add up to its total"), "{e}");
    // A 自然人 number moved right, between its heading and 商业企业's: under none, no reading.
    lines[i].cells[6] = Some(v.to_string());
    let mut text = String::new();
    for (n, l) in spaced(&lines, 8).lines().enumerate() {
        if n == i {
            let digits = v.to_string();
            let at = l.find(&format!(" {digits} ")).unwrap() + 1;
            let mut c: Vec<char> = l.chars().collect();
            let start = l[..at].chars().count();
            for k in 0..digits.len() {
                c[start + k] = ' ';
            }
            let end = start + digits.len() - 1 + 5;
            for (k, ch) in digits.chars().rev().enumerate() {
                c[end - k] = ch;
            }
            text.push_str(&c.into_iter().collect::<String>());
        } else {
            text.push_str(l);
        }
        text.push('\n');
    }
    let e = read_text(&text).expect_err("must fail");
    assert!(e.message.contains("表三"), "{e}");
    assert!(e.message.contains("stands under no column heading"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    /// A space-aligned 表三 filling only 自然人 and 总计, no row complete: every row placed
    /// under the header's columns and read back exactly, blanks as blanks.
    #[test]
    // Fields of 7 or more: in a field of 6, `社会公益组织` and `法律服务机构` print one space
    // apart, which reads as one heading (`结 果`), and the header is not placed by.
    fn sparse_aligned_table_three_is_placed_by_its_header(k in known(), gap in 7usize..11) {
        let mut k = k;
        sparse_requests(&mut k);
        let want = k.expected();
        let mut lines = k.lines();
        aligned_requests_header(&mut lines);
        let text = spaced(&lines, gap);
        let r = read_text(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&cells(&r.report), &want, "{}", text);
    }

    /// Space-aligned 表四 with cells left blank (no cases): its numbers are placed under its
    /// header's columns and read back exactly, blanks as blanks.
    #[test]
    fn aligned_table_four_with_blanks_is_placed_by_its_header(
        k in known(),
        masks in prop::collection::vec(prop::collection::vec(any::<bool>(), 5), 3),
        gap in 6usize..10,
    ) {
        // A 表四 printing no number at all is not this case (nothing to place).
        prop_assume!(masks.iter().any(|m| !m[4]));
        let mut k = k;
        for (g, mask) in masks.iter().enumerate() {
            let group = &mut k.appeals[g * 5..g * 5 + 5];
            if mask[4] {
                group.iter_mut().for_each(|c| *c = None);
            } else {
                for (c, blank) in group[..4].iter_mut().zip(mask) {
                    if *blank {
                        *c = None;
                    }
                }
                group[4] = Some(group[..4].iter().map(|c| c.unwrap_or(0)).sum());
            }
        }
        let want = k.expected();
        let mut lines = k.lines();
        aligned_appeals_header(&mut lines);
        let text = spaced(&lines, gap);
        let r = read_text(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&cells(&r.report), &want, "{}", text);
    }

    #[test]
    fn delimited_and_aligned_renderings_read_back(k in prop_oneof![known(), known_2019()], blanks in prop::collection::vec((0usize..25, 0usize..7), 0..6), gap in 6usize..10, marker in 0usize..3) {
        let mut k = k;
        // Blank some cells, never a total: a blank counts as nothing, so its row's total drops
        // by what it held.
        for (r, c) in blanks {
            let c = c % 6;
            if let Some(v) = k.requests[r][c].take() {
                k.requests[r][6] = k.requests[r][6].map(|t| t - v);
            }
        }
        let want = k.expected();
        let lines = k.lines();
        let blank = ["", "/", "—"][marker];
        for (what, text) in [("tabs", tabs(&lines, blank)), ("spaced", spaced(&lines, gap)), ("html", html(&lines, blank)), ("markdown", markdown_expanded(&lines, blank))] {
            let r = read_text(&text).map_err(|e| TestCaseError::fail(format!("{what}: {e}\n{text}")))?;
            prop_assert_eq!(&cells(&r.report), &want, "{}", what);
            prop_assert_eq!(r.report.agency.as_str(), "测试市人民政府");
        }
    }

    /// Narrow columns, some cells blank anywhere, read back right or not at all: never to
    /// other numbers.
    #[test]
    fn cramped_columns_read_right_or_fail(
        k in prop_oneof![known(), known_2019()],
        width in 2usize..6,
        blanks in prop::collection::vec((0usize..25, 0usize..7), 0..8),
    ) {
        let mut k = k;
        for (r, c) in blanks {
            k.requests[r][c] = None;
        }
        let want = k.expected();
        let text = cramped(&k.lines(), width);
        if let Ok(r) = read_text(&text) {
            for (key, v) in &cells(&r.report) {
                prop_assert_eq!(Some(v), want.get(key), "{}", text);
            }
        }
    }

    /// Labels wrapped anywhere, with their cells on the first or the last line, read back
    /// right or not at all.
    #[test]
    fn wrapped_labels_read_right_or_fail(k in prop_oneof![known(), known_2019()], cut in 2usize..12, first in any::<bool>()) {
        let want = k.expected();
        let text = wrapped(&k.lines(), cut, first);
        if let Ok(r) = read_text(&text) {
            for (key, v) in &cells(&r.report) {
                prop_assert_eq!(Some(v), want.get(key), "{}", text);
            }
        }
    }

    /// Cells run together read back right or not at all: never to other numbers.
    #[test]
    fn run_together_reads_right_or_fails(k in prop_oneof![known(), known_2019()]) {
        let want = k.expected();
        let text = run_together(&k.lines());
        if let Ok(r) = read_text(&text) {
            let got = cells(&r.report);
            for (key, v) in &got {
                prop_assert_eq!(Some(v), want.get(key), "{}", text);
            }
            // 表三 and 表四 are complete whenever the report reads.
            prop_assert_eq!(got.keys().filter(|k| k.0 >= 10).count(), want.keys().filter(|k| k.0 >= 10).count());
        }
    }
}

/// An extractor that prints 表三's numbers in order but its labels elsewhere.
fn labels_moved(lines: &[Line]) -> String {
    let first = lines
        .iter()
        .position(|l| l.label.starts_with("一、本年新收"))
        .unwrap();
    let last = lines
        .iter()
        .position(|l| l.label.starts_with("四、结转下年度"))
        .unwrap();
    let mut s = String::new();
    for (i, l) in lines.iter().enumerate() {
        if (first..=last).contains(&i) {
            if i == first {
                s.push_str(&format!("{}\n", l.label));
            }
            for c in &l.cells {
                s.push_str(&format!("{}\n", c.as_deref().unwrap_or("")));
            }
            continue;
        }
        s.push_str(&l.label);
        for c in &l.cells {
            s.push_str(&format!(" {}", c.as_deref().unwrap_or("")));
        }
        s.push('\n');
    }
    // The labels after the numbers, as a block.
    let labels: Vec<String> = lines[first + 1..=last]
        .iter()
        .map(|l| l.label.clone())
        .collect();
    s.replace(
        "四、政府信息公开行政复议",
        &format!("{}\n四、政府信息公开行政复议", labels.join("\n")),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, .. ProptestConfig::default() })]

    /// Numbers in order, labels elsewhere: read by position only when every identity holds.
    #[test]
    fn labels_out_of_order_read_by_position_or_not_at_all(k in known(), bump in 0usize..25) {
        let text = labels_moved(&k.lines());
        let r = read_text(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&cells(&r.report), &k.expected());
        prop_assert!(r.warnings().iter().any(|w| w.contains("out of order")));
        // One number off and an identity fails: no reading.
        let mut k2 = k.clone();
        let v = k2.requests[bump][0].unwrap_or(0);
        k2.requests[bump][0] = Some(v + 1);
        prop_assert!(read_text(&labels_moved(&k2.lines())).is_err());
    }
}

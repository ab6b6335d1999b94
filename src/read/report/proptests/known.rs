//! A known report for the round trips: its numbers, generated to meet 表三's and 表四's
//! identities (on the 2021 or the 2019 template), printed as lines of labels and cells, and
//! the cells a reading must give back.

use super::super::*;
use crate::model::Value;
use proptest::prelude::*;
use std::collections::BTreeMap;

/// One printed line of a rendered report: a label and its cells (None = blank), or a heading.
#[derive(Clone, Debug)]
pub(super) struct Line {
    pub(super) label: String,
    pub(super) cells: Vec<Option<String>>,
}

pub(super) fn head(label: &str) -> Line {
    Line {
        label: label.into(),
        cells: Vec::new(),
    }
}

/// Printed labels of 表三 (2021 template), in order, as agencies number them.
pub(super) const REQUEST_LABELS: &[(&str, &str)] = &[
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
pub(super) struct Known {
    /// 表三 rows in print order, 7 cells each (None = blank).
    pub(super) requests: Vec<Vec<Option<i64>>>,
    pub(super) appeals: Vec<Option<i64>>,
    pub(super) proactive: [i64; 9],
    pub(super) fee: String,
    /// Set for a report on the 2019 template: its 表二 (18 counts, 4 of them signed changes,
    /// 2 for fees, the procurement items and amount), and （六） as one row.
    pub(super) old: Option<([i64; 21], String)>,
}

/// The same numbers on the 2019 template.
pub(super) fn known_2019() -> impl Strategy<Value = Known> {
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

pub(super) fn known() -> impl Strategy<Value = Known> {
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
    pub(super) fn request_rows(&self) -> Vec<(&'static str, &'static str, Vec<Option<i64>>)> {
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

    pub(super) fn old_lines(nums: &[i64; 21], amount: &str) -> Vec<Line> {
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

    pub(super) fn lines(&self) -> Vec<Line> {
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

    pub(super) fn expected(&self) -> BTreeMap<(u8, u8), Value> {
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

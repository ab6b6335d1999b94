//! The rules as data: each rule's id, severity and what it states, the identities 1–4 of the
//! data contract (and the （六） subtotal) as lists of terms, and the labels as the template
//! prints them, for messages.

use super::Severity;
use crate::contract::{Section, Template};

/// One rule of `gov-db check`.
#[derive(Debug)]
pub struct Rule {
    pub id: &'static str,
    /// The identity's number in data-contract.md, if it is one.
    pub identity: Option<u8>,
    pub severity: Severity,
    pub states: &'static str,
}

pub static RULES: &[Rule] = &[
    Rule {
        id: "intake-equals-outcome",
        identity: Some(1),
        severity: Severity::Error,
        states: "per column of 表三: 一 + 二 = 三（七）总计 + 四",
    },
    Rule {
        id: "row-total",
        identity: Some(2),
        severity: Severity::Error,
        states: "per row of 表三: 总计 = the six applicant columns",
    },
    Rule {
        id: "outcome-sum",
        identity: Some(3),
        severity: Severity::Error,
        states: "per column of 表三: （七）总计 = the outcome rows （一）…（六）",
    },
    Rule {
        id: "appeals-total",
        identity: Some(4),
        severity: Severity::Error,
        states: "per row of 表四: 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计",
    },
    Rule {
        id: "carry-over",
        identity: Some(5),
        severity: Severity::Error,
        states: "per column of 表三: this year's 二、上年结转 = last year's 四、结转下年度继续办理 (a warning across two printed agency names)",
    },
    Rule {
        id: "in-force",
        identity: Some(6),
        severity: Severity::Warning,
        states: "表二: 现行有效件数 = last year's 现行有效件数 + 本年制发件数 − 本年废止件数",
    },
    Rule {
        id: "group-subtotal",
        identity: None,
        severity: Severity::Error,
        states: "per column of 表三: a printed （六）其他处理 = its rows 1–3",
    },
    Rule {
        id: "template-year",
        identity: None,
        severity: Severity::Warning,
        states: "the 2019 template for 2019–2020 reports, the 2021 template from 2021",
    },
    Rule {
        id: "yoy-jump",
        identity: None,
        severity: Severity::Warning,
        states: "一、本年新收 changes at most 10× from last year when either year has 50 or more",
    },
    Rule {
        id: "appeals-without-requests",
        identity: None,
        severity: Severity::Warning,
        states: "no review or litigation cases in a year without any request",
    },
    Rule {
        id: "narrative",
        identity: None,
        severity: Severity::Warning,
        states: "counts quoted in the text match the tables",
    },
];

pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// Row ids of 表三 (contract.rs).
pub(super) const RECEIVED_NEW: u8 = 10;
pub(super) const CARRIED_IN: u8 = 11;
pub(super) const OTHER_NO_CORRECTION: u8 = 30;
pub(super) const OTHER_UNPAID_FEE: u8 = 31;
pub(super) const OTHER_MISC: u8 = 32;
pub(super) const OTHER_PROCESSING: u8 = 33;
pub(super) const TOTAL_PROCESSED: u8 = 34;
pub(super) const CARRIED_OUT: u8 = 35;
/// The outcome rows （一）…（五） of 表三, before the （六） group.
pub(super) const OUTCOME_ROWS: std::ops::RangeInclusive<u8> = 12..=29;
pub(super) const OTHER_SPLIT: [u8; 3] = [OTHER_NO_CORRECTION, OTHER_UNPAID_FEE, OTHER_MISC];
/// 表三 columns: the six applicant categories, then 总计.
pub(super) const REQUEST_PARTS: [u8; 6] = [1, 2, 3, 4, 5, 6];
pub(super) const REQUEST_TOTAL: u8 = 7;
/// 表四 rows and columns.
pub(super) const APPEAL_ROWS: [u8; 3] = [40, 41, 42];
pub(super) const APPEAL_PARTS: [u8; 4] = [10, 11, 12, 13];
pub(super) const APPEAL_TOTAL: u8 = 14;
/// 表二 rows and columns of the 2021 template used by identity 6.
pub(super) const DOCUMENT_ROWS: [u8; 2] = [1, 2];
pub(super) const ISSUED: u8 = 20;
pub(super) const REPEALED: u8 = 21;
pub(super) const IN_FORCE: u8 = 22;
/// The rows a cross-year rule reads from last year's report.
pub const CROSS_YEAR_ROWS: [u8; 5] = [1, 2, RECEIVED_NEW, CARRIED_IN, CARRIED_OUT];

/// One term of an identity: a cell.
pub(super) type Term = (u8, u8);

/// One instance of an identity: `left` (the parts) must add up to `right` (the total as
/// printed). `row`/`col` name the cell or line the finding is about.
#[derive(Debug)]
pub(super) struct Identity {
    pub rule: &'static str,
    pub section: Section,
    pub row: Option<u8>,
    pub col: Option<u8>,
    pub left: Vec<Term>,
    pub right: Vec<Term>,
    /// How the message names the left side when listing every term would be too long: the id
    /// of its message in the catalogs.
    pub left_name: Option<String>,
}

/// Every identity instance for a report whose （六） is printed as three rows (`split`) or as
/// one row, and whether a printed （六） subtotal is to be checked against its rows. Built once.
pub(super) fn identities(split: bool, subtotal: bool) -> &'static [Identity] {
    static ALL: std::sync::OnceLock<[Vec<Identity>; 3]> = std::sync::OnceLock::new();
    let all = ALL.get_or_init(|| [build(false, false), build(true, false), build(true, true)]);
    match (split, subtotal) {
        (false, _) => &all[0],
        (true, false) => &all[1],
        (true, true) => &all[2],
    }
}

fn build(split: bool, subtotal: bool) -> Vec<Identity> {
    let mut out = Vec::new();
    let cols: Vec<u8> = REQUEST_PARTS
        .iter()
        .copied()
        .chain([REQUEST_TOTAL])
        .collect();
    // 1. 一 + 二 = 三（七） + 四, per column.
    for &c in &cols {
        out.push(Identity {
            rule: "intake-equals-outcome",
            section: Section::Requests,
            row: None,
            col: Some(c),
            left: vec![(RECEIVED_NEW, c), (CARRIED_IN, c)],
            right: vec![(TOTAL_PROCESSED, c), (CARRIED_OUT, c)],
            left_name: None,
        });
    }
    // 2. 总计 = the six applicant columns, per row.
    let mut rows: Vec<u8> = vec![RECEIVED_NEW, CARRIED_IN];
    rows.extend(OUTCOME_ROWS);
    if split {
        rows.extend(OTHER_SPLIT);
    }
    if !split || subtotal {
        rows.push(OTHER_PROCESSING);
    }
    rows.extend([TOTAL_PROCESSED, CARRIED_OUT]);
    for &r in &rows {
        out.push(Identity {
            rule: "row-total",
            section: Section::Requests,
            row: Some(r),
            col: Some(REQUEST_TOTAL),
            left: REQUEST_PARTS.iter().map(|&c| (r, c)).collect(),
            right: vec![(r, REQUEST_TOTAL)],
            left_name: Some("check-side-applicant-columns".into()),
        });
    }
    // 3. 三（七）总计 = the outcome rows, per column.
    for &c in &cols {
        let mut left: Vec<Term> = OUTCOME_ROWS.map(|r| (r, c)).collect();
        if split {
            left.extend(OTHER_SPLIT.iter().map(|&r| (r, c)));
        } else {
            left.push((OTHER_PROCESSING, c));
        }
        out.push(Identity {
            rule: "outcome-sum",
            section: Section::Requests,
            row: Some(TOTAL_PROCESSED),
            col: Some(c),
            left,
            right: vec![(TOTAL_PROCESSED, c)],
            left_name: Some("check-side-outcome-rows".into()),
        });
    }
    // The printed （六）其他处理 subtotal = its rows 1–3, per column.
    if split && subtotal {
        for &c in &cols {
            out.push(Identity {
                rule: "group-subtotal",
                section: Section::Requests,
                row: Some(OTHER_PROCESSING),
                col: Some(c),
                left: OTHER_SPLIT.iter().map(|&r| (r, c)).collect(),
                right: vec![(OTHER_PROCESSING, c)],
                left_name: None,
            });
        }
    }
    // 4. 表四 per row: the four results = 总计.
    for &r in &APPEAL_ROWS {
        out.push(Identity {
            rule: "appeals-total",
            section: Section::Appeals,
            row: Some(r),
            col: Some(APPEAL_TOTAL),
            left: APPEAL_PARTS.iter().map(|&c| (r, c)).collect(),
            right: vec![(r, APPEAL_TOTAL)],
            left_name: None,
        });
    }
    out
}

/// A 表三/表四 row's label as the template prints it, numbering included.
pub fn row_label(id: u8, template: Template) -> &'static str {
    match id {
        1 => "规章",
        2 if template == Template::T2019 => "规范性文件",
        2 => "行政规范性文件",
        10 => "一、本年新收政府信息公开申请数量",
        11 => "二、上年结转政府信息公开申请数量",
        12 => "三、本年度办理结果（一）予以公开",
        13 => "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        14 => "（三）不予公开 1.属于国家秘密",
        15 => "（三）不予公开 2.其他法律行政法规禁止公开",
        16 => "（三）不予公开 3.危及“三安全一稳定”",
        17 => "（三）不予公开 4.保护第三方合法权益",
        18 => "（三）不予公开 5.属于三类内部事务信息",
        19 => "（三）不予公开 6.属于四类过程性信息",
        20 => "（三）不予公开 7.属于行政执法案卷",
        21 => "（三）不予公开 8.属于行政查询事项",
        22 => "（四）无法提供 1.本机关不掌握相关政府信息",
        23 => "（四）无法提供 2.没有现成信息需要另行制作",
        24 => "（四）无法提供 3.补正后申请内容仍不明确",
        25 => "（五）不予处理 1.信访举报投诉类申请",
        26 => "（五）不予处理 2.重复申请",
        27 => "（五）不予处理 3.要求提供公开出版物",
        28 => "（五）不予处理 4.无正当理由大量反复申请",
        29 => "（五）不予处理 5.要求行政机关确认或重新出具已获取信息",
        30 => "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        31 => {
            "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
        }
        32 => "（六）其他处理 3.其他",
        33 => "（六）其他处理",
        34 => "（七）总计",
        35 => "四、结转下年度继续办理",
        40 => "行政复议",
        41 => "行政诉讼·未经复议直接起诉",
        42 => "行政诉讼·复议后起诉",
        _ => crate::contract::row_by_id(id).map_or("?", |r| r.label_zh),
    }
}

/// A column's label as printed.
pub fn col_label(id: u8) -> &'static str {
    match id {
        1 => "自然人",
        2 => "法人或其他组织·商业企业",
        3 => "法人或其他组织·科研机构",
        4 => "法人或其他组织·社会公益组织",
        5 => "法人或其他组织·法律服务机构",
        6 => "法人或其他组织·其他",
        7 => "总计",
        14 => "总计",
        _ => crate::contract::col_by_id(id).map_or("?", |c| c.label_zh),
    }
}

/// The table number as printed: 表二, 表三, 表四.
pub fn table_label(section: Section) -> &'static str {
    match section {
        Section::Proactive => "表二",
        Section::Requests => "表三",
        Section::Appeals => "表四",
    }
}

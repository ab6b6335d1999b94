//! The table reader's shared vocabulary: what a reading gives (`Tables`, rows and cells), how
//! it fails (`TableError`), and the key phrases of 表三's rows and of the headings around it.
//! Every part of the reader uses these; this module uses none of them, so the reader's
//! dependencies run one way, down to here.

use super::cells::Slot;
use super::token::Origin;
use super::values::value;
use crate::contract::{self, ColDef, RowDef, Section, Template};
use crate::model::Value;

/// One cell read and normalised to the contract.
#[derive(Clone, Debug)]
pub struct CellRead {
    pub col: &'static ColDef,
    pub value: Value,
    pub origin: Origin,
}

#[derive(Clone, Debug)]
pub struct RowRead {
    pub row: &'static RowDef,
    pub cells: Vec<CellRead>,
}

#[derive(Debug, Default)]
pub struct Tables {
    pub template: Option<Template>,
    pub proactive: Vec<RowRead>,
    pub requests: Vec<RowRead>,
    pub appeals: Vec<RowRead>,
    /// Rows left out, and why (only 表二, which has no identity to settle a split by).
    pub warnings: Vec<String>,
    /// What a partial reading (`partial.rs`) could not read: a row of 表三, or a whole table;
    /// always empty otherwise, where any of these fails the tables.
    pub unread: Vec<TableError>,
}

pub(super) const REQUESTS: &[(&str, &[&str])] = &[
    ("received_new", &["本年新收", "新收政府信息公开申请"]),
    ("carried_in", &["上年结转", "上年度结转"]),
    ("granted", &["予以公开"]),
    ("partly_granted", &["部分公开"]),
    ("withheld_state_secret", &["国家秘密"]),
    (
        "withheld_law_forbidden",
        &["其他法律", "禁止公开", "行政法规"],
    ),
    ("withheld_security_stability", &["三安全", "一稳定"]),
    ("withheld_third_party", &["第三方"]),
    ("withheld_internal_affairs", &["内部事务"]),
    ("withheld_process_info", &["过程性"]),
    ("withheld_enforcement_file", &["执法案卷"]),
    ("withheld_admin_query", &["行政查询", "查询事项"]),
    ("unavailable_not_held", &["不掌握"]),
    ("unavailable_needs_creation", &["另行制作", "没有现成"]),
    ("unavailable_unclear", &["仍不明确", "补正后"]),
    ("rejected_petition", &["信访", "举报投诉"]),
    ("rejected_duplicate", &["重复申请"]),
    ("rejected_publication", &["出版物"]),
    ("rejected_excessive", &["大量反复", "无正当理由大量"]),
    (
        "rejected_confirmation",
        &["确认或重新", "重新出具", "要求行政机关确认"],
    ),
];
pub(super) const OTHER_THREE: &[(&str, &[&str])] = &[
    ("other_no_correction", &["逾期不补", "不补正"]),
    ("other_unpaid_fee", &["收费通知", "缴纳费用", "逾期未按"]),
    ("other_misc", &["其他"]),
];
pub(super) const OTHER_ONE: &[(&str, &[&str])] = &[("other_processing", &["其他处理", "其他"])];
pub(super) const CLOSING: &[(&str, &[&str])] = &[
    ("total_processed", &["总计", "合计"]),
    ("carried_out", &["结转下年", "继续办理"]),
];

pub(super) const APPEALS_START: &[&str] = &["行政复议", "行政诉讼"];
pub(super) const AFTER_TABLES: &[&str] = &["存在的主要问题", "主要问题及改进", "其他需要报告"];
pub(super) const APPEALS_HEAD: &[&str] = &[
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "总计",
    "行政复议",
    "行政诉讼",
    "未经复议直接起诉",
    "复议后起诉",
    "合计",
];

/// A failure to read, located in the table and row.
#[derive(Debug)]
pub struct TableError {
    pub section: Section,
    pub row: Option<&'static RowDef>,
    pub message: String,
}

impl std::fmt::Display for TableError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let table = match self.section {
            Section::Proactive => "表二",
            Section::Requests => "表三",
            Section::Appeals => "表四",
        };
        let text = match self.row {
            Some(r) => crate::t!(
                "read-table-row",
                table = table,
                label = r.label_zh,
                code = r.code,
                message = self.message.as_str()
            ),
            None => crate::t!("read-table", table = table, message = self.message.as_str()),
        };
        f.write_str(&text)
    }
}

pub(super) fn err(
    section: Section,
    row: Option<&'static RowDef>,
    message: impl Into<String>,
) -> TableError {
    TableError {
        section,
        row,
        message: message.into(),
    }
}

pub(super) fn row_def(section: Section, code: &str) -> &'static RowDef {
    contract::row(section, code).expect("row codes above are the contract's")
}

pub(super) fn col_def(section: Section, code: &str) -> &'static ColDef {
    contract::col(section, code).expect("column codes above are the contract's")
}

pub(super) fn not_found(section: Section, code: &str) -> TableError {
    err(
        section,
        Some(row_def(section, code)),
        crate::t!("read-row-not-found"),
    )
}

/// How far into the template a failed reading got, to report the most telling failure.
pub(super) fn progress(e: &TableError) -> u8 {
    match (e.section, e.row) {
        (Section::Appeals, _) => 200,
        (_, Some(r)) => r.id,
        (Section::Requests, None) => 100,
        (Section::Proactive, None) => 0,
    }
}

pub(super) fn to_row(
    row: &'static RowDef,
    cols: &[&'static ColDef],
    slots: Vec<Slot>,
) -> Result<RowRead, TableError> {
    let mut cells = Vec::with_capacity(cols.len());
    for (col, slot) in cols.iter().zip(slots) {
        let value = match &slot.text {
            None => Value::Blank,
            Some(t) => value(t, col.kind).map_err(|m| {
                err(
                    row.section,
                    Some(row),
                    format!("{} at {}: {m}", col.label_zh, slot.origin),
                )
            })?,
        };
        cells.push(CellRead {
            col,
            value,
            origin: slot.origin,
        });
    }
    Ok(RowRead { row, cells })
}

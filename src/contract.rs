//! The public names of `data-contract.md`: sections, rows, columns, their labels and the
//! templates they belong to.
//!
//! Everything that turns a printed label or a CSV code into a number's address goes through
//! this module, and the V1 migration seeds the same ids into the dimension tables (a unit test
//! keeps the two in step). The ids are part of the on-disk format: never renumber them.

use std::fmt;

/// One of the three fixed tables of a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    /// 表二 主动公开政府信息情况
    Proactive,
    /// 表三 收到和处理政府信息公开申请情况
    Requests,
    /// 表四 政府信息公开行政复议、行政诉讼情况
    Appeals,
}

impl Section {
    pub const ALL: [Section; 3] = [Section::Proactive, Section::Requests, Section::Appeals];

    pub fn id(self) -> u8 {
        match self {
            Section::Proactive => 1,
            Section::Requests => 2,
            Section::Appeals => 3,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Section::Proactive => "proactive",
            Section::Requests => "requests",
            Section::Appeals => "appeals",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Section::Proactive => "主动公开政府信息情况",
            Section::Requests => "收到和处理政府信息公开申请情况",
            Section::Appeals => "政府信息公开行政复议、行政诉讼情况",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Section::Proactive => "Proactive disclosure",
            Section::Requests => "Requests received and processed",
            Section::Appeals => "Administrative review and litigation",
        }
    }

    /// Accepts the contract code, the table number (表二) or the Chinese title.
    pub fn parse(text: &str) -> Option<Section> {
        let t = normalize_label(text);
        Section::ALL.into_iter().find(|s| {
            t == s.code()
                || t == normalize_label(s.label_zh())
                || t == s.table_number()
                || t == format!("{}{}", s.table_number(), normalize_label(s.label_zh()))
        })
    }

    /// How the report names the table: 表二, 表三, 表四.
    pub fn table_number(self) -> &'static str {
        match self {
            Section::Proactive => "表二",
            Section::Requests => "表三",
            Section::Appeals => "表四",
        }
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The two report templates fixed by the State Council's notices.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Template {
    /// 国办公开办函〔2019〕60号, used for the 2019 and 2020 reports.
    T2019,
    /// 国办公开办函〔2021〕30号, used from 2021 on.
    T2021,
}

impl Template {
    pub fn year(self) -> i64 {
        match self {
            Template::T2019 => 2019,
            Template::T2021 => 2021,
        }
    }

    pub fn parse(text: &str) -> Option<Template> {
        match text.trim() {
            "2019" => Some(Template::T2019),
            "2021" => Some(Template::T2021),
            _ => None,
        }
    }

    /// The template a report of this statistics year was meant to use, for when its labels
    /// say nothing either way.
    pub fn expected_for_year(year: i64) -> Template {
        if year <= 2020 {
            Template::T2019
        } else {
            Template::T2021
        }
    }

    fn bit(self) -> u8 {
        match self {
            Template::T2019 => 1,
            Template::T2021 => 2,
        }
    }
}

impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.year())
    }
}

/// Bit set of templates: 1 = 2019, 2 = 2021, 3 = both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Templates(pub u8);

impl Templates {
    pub const T2019: Templates = Templates(1);
    pub const T2021: Templates = Templates(2);
    pub const BOTH: Templates = Templates(3);

    pub fn contains(self, t: Template) -> bool {
        self.0 & t.bit() != 0
    }
}

/// The columns of the canonical long CSV, in order: the six every line has, then the optional
/// ones `gov-db export --full` writes.
pub const CSV_COLUMNS: [&str; 9] = [
    "agency",
    "year",
    "section",
    "row",
    "column",
    "value",
    "region_code",
    "template",
    "source",
];

/// The largest count a cell may state, and the largest whole part of an amount (in 万元).
/// No agency counts a trillion of anything in a year: the largest counts of any report are
/// tens of millions (行政处罚 decisions of a province), and the whole state budget is about
/// 3×10^9 万元. Past it, a value is a typo or garbage, refused on reading; up to it, the sums
/// the store keeps over every report of a year stay exact for 9 million reports per cell,
/// hundreds of times the country's agencies.
pub const MAX_VALUE: i64 = 999_999_999_999;

/// How a cell's value is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A non-negative whole number.
    Count,
    /// A whole number that may be negative (本年增/减).
    Signed,
    /// A decimal amount of money, kept exactly as printed.
    Money,
}

#[derive(Debug, PartialEq, Eq)]
pub struct RowDef {
    pub id: u8,
    pub section: Section,
    pub code: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    pub group: &'static str,
    pub templates: Templates,
}

#[derive(Debug, PartialEq, Eq)]
pub struct ColDef {
    pub id: u8,
    pub section: Section,
    pub code: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    pub kind: Kind,
}

macro_rules! rows {
    ($( $id:literal $sec:ident $code:literal $zh:literal $en:literal $grp:literal $tpl:ident ;)*) => {
        pub static ROWS: &[RowDef] = &[$(RowDef {
            id: $id, section: Section::$sec, code: $code, label_zh: $zh, label_en: $en,
            group: $grp, templates: Templates::$tpl,
        },)*];
    };
}

macro_rules! cols {
    ($( $id:literal $sec:ident $code:literal $zh:literal $en:literal $kind:ident ;)*) => {
        pub static COLS: &[ColDef] = &[$(ColDef {
            id: $id, section: Section::$sec, code: $code, label_zh: $zh, label_en: $en,
            kind: Kind::$kind,
        },)*];
    };
}

rows! {
    1 Proactive "rules" "规章" "Rules" "documents" BOTH;
    2 Proactive "normative_documents" "行政规范性文件" "Normative documents" "documents" BOTH;
    3 Proactive "licensing" "行政许可" "Administrative licensing" "decisions" BOTH;
    4 Proactive "other_admin_services" "其他对外管理服务事项" "Other external administrative services" "decisions" T2019;
    5 Proactive "penalties" "行政处罚" "Administrative penalties" "decisions" BOTH;
    6 Proactive "coercive_measures" "行政强制" "Administrative coercive measures" "decisions" BOTH;
    7 Proactive "fees" "行政事业性收费" "Administrative fees" "fees" BOTH;
    8 Proactive "procurement" "政府集中采购" "Centralised government procurement" "procurement" T2019;
    10 Requests "received_new" "本年新收政府信息公开申请数量" "New requests received this year" "intake" BOTH;
    11 Requests "carried_in" "上年结转政府信息公开申请数量" "Requests carried over from last year" "intake" BOTH;
    12 Requests "granted" "予以公开" "Granted" "outcome" BOTH;
    13 Requests "partly_granted" "部分公开" "Partly granted" "outcome" BOTH;
    14 Requests "withheld_state_secret" "属于国家秘密" "Withheld: state secret" "withheld" BOTH;
    15 Requests "withheld_law_forbidden" "其他法律行政法规禁止公开" "Withheld: forbidden by other laws" "withheld" BOTH;
    16 Requests "withheld_security_stability" "危及“三安全一稳定”" "Withheld: endangers security or stability" "withheld" BOTH;
    17 Requests "withheld_third_party" "保护第三方合法权益" "Withheld: third-party rights" "withheld" BOTH;
    18 Requests "withheld_internal_affairs" "属于三类内部事务信息" "Withheld: internal affairs" "withheld" BOTH;
    19 Requests "withheld_process_info" "属于四类过程性信息" "Withheld: process information" "withheld" BOTH;
    20 Requests "withheld_enforcement_file" "属于行政执法案卷" "Withheld: enforcement file" "withheld" BOTH;
    21 Requests "withheld_admin_query" "属于行政查询事项" "Withheld: administrative query" "withheld" BOTH;
    22 Requests "unavailable_not_held" "本机关不掌握相关政府信息" "Unavailable: not held" "unavailable" BOTH;
    23 Requests "unavailable_needs_creation" "没有现成信息需要另行制作" "Unavailable: would need creating" "unavailable" BOTH;
    24 Requests "unavailable_unclear" "补正后申请内容仍不明确" "Unavailable: still unclear after correction" "unavailable" BOTH;
    25 Requests "rejected_petition" "信访举报投诉类申请" "Not processed: petition or complaint" "not_processed" BOTH;
    26 Requests "rejected_duplicate" "重复申请" "Not processed: duplicate" "not_processed" BOTH;
    27 Requests "rejected_publication" "要求提供公开出版物" "Not processed: asks for publications" "not_processed" BOTH;
    28 Requests "rejected_excessive" "无正当理由大量反复申请" "Not processed: excessive repetition" "not_processed" BOTH;
    29 Requests "rejected_confirmation" "要求行政机关确认或重新出具已获取信息" "Not processed: asks to confirm or reissue" "not_processed" BOTH;
    30 Requests "other_no_correction" "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" "Other: no correction in time" "other" T2021;
    31 Requests "other_unpaid_fee" "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请" "Other: fee not paid" "other" T2021;
    32 Requests "other_misc" "其他" "Other: miscellaneous" "other" T2021;
    33 Requests "other_processing" "其他处理" "Other processing (one row)" "other" BOTH;
    34 Requests "total_processed" "总计" "Total processed" "total" BOTH;
    35 Requests "carried_out" "结转下年度继续办理" "Carried over to next year" "carry" BOTH;
    40 Appeals "admin_review" "行政复议" "Administrative review" "review" BOTH;
    41 Appeals "litigation_direct" "未经复议直接起诉" "Litigation without prior review" "litigation" BOTH;
    42 Appeals "litigation_after_review" "复议后起诉" "Litigation after review" "litigation" BOTH;
}

cols! {
    1 Requests "natural_person" "自然人" "Natural persons" Count;
    2 Requests "commercial_enterprise" "商业企业" "Commercial enterprises" Count;
    3 Requests "research_institution" "科研机构" "Research institutions" Count;
    4 Requests "social_welfare_org" "社会公益组织" "Social welfare organisations" Count;
    5 Requests "legal_service_org" "法律服务机构" "Legal service organisations" Count;
    6 Requests "other_org" "其他" "Other organisations" Count;
    7 Requests "total" "总计" "Total" Count;
    10 Appeals "upheld" "结果维持" "Upheld" Count;
    11 Appeals "corrected" "结果纠正" "Corrected" Count;
    12 Appeals "other" "其他结果" "Other result" Count;
    13 Appeals "pending" "尚未审结" "Pending" Count;
    14 Appeals "total" "总计" "Total" Count;
    20 Proactive "issued" "本年制发件数" "Issued this year" Count;
    21 Proactive "repealed" "本年废止件数" "Repealed this year" Count;
    22 Proactive "in_force" "现行有效件数" "In force" Count;
    23 Proactive "made" "本年新制作数量" "Made this year" Count;
    24 Proactive "published" "本年新公开数量" "Published this year" Count;
    25 Proactive "published_total" "对外公开总数量" "Published in total" Count;
    26 Proactive "decisions" "处理决定数量" "Decisions" Count;
    27 Proactive "prior_items" "上一年项目数量" "Items last year" Count;
    28 Proactive "change" "本年增/减" "Change this year" Signed;
    29 Proactive "amount_10k_yuan" "收费金额（单位：万元）" "Amount (10k yuan)" Money;
    30 Proactive "items" "采购项目数量" "Procurement items" Count;
}

/// Which (row, column) pairs of 表二 exist in which template; 表三 and 表四 are full grids.
static PROACTIVE_CELLS: &[(&str, &[&str], Templates)] = &[
    (
        "rules",
        &["issued", "repealed", "in_force"],
        Templates::T2021,
    ),
    (
        "normative_documents",
        &["issued", "repealed", "in_force"],
        Templates::T2021,
    ),
    ("licensing", &["decisions"], Templates::T2021),
    ("penalties", &["decisions"], Templates::T2021),
    ("coercive_measures", &["decisions"], Templates::T2021),
    ("fees", &["amount_10k_yuan"], Templates::T2021),
    (
        "rules",
        &["made", "published", "published_total"],
        Templates::T2019,
    ),
    (
        "normative_documents",
        &["made", "published", "published_total"],
        Templates::T2019,
    ),
    (
        "licensing",
        &["prior_items", "change", "decisions"],
        Templates::T2019,
    ),
    (
        "other_admin_services",
        &["prior_items", "change", "decisions"],
        Templates::T2019,
    ),
    (
        "penalties",
        &["prior_items", "change", "decisions"],
        Templates::T2019,
    ),
    (
        "coercive_measures",
        &["prior_items", "change", "decisions"],
        Templates::T2019,
    ),
    ("fees", &["prior_items", "change"], Templates::T2019),
    (
        "procurement",
        &["items", "amount_10k_yuan"],
        Templates::T2019,
    ),
];

/// By id, through a table built once: the importer asks for every cell of every report.
pub fn row_by_id(id: u8) -> Option<&'static RowDef> {
    static BY_ID: std::sync::OnceLock<[Option<&'static RowDef>; 256]> = std::sync::OnceLock::new();
    BY_ID.get_or_init(|| {
        let mut table = [None; 256];
        for r in ROWS {
            table[usize::from(r.id)] = Some(r);
        }
        table
    })[usize::from(id)]
}

/// By id, through a table built once.
pub fn col_by_id(id: u8) -> Option<&'static ColDef> {
    static BY_ID: std::sync::OnceLock<[Option<&'static ColDef>; 256]> = std::sync::OnceLock::new();
    BY_ID.get_or_init(|| {
        let mut table = [None; 256];
        for c in COLS {
            table[usize::from(c.id)] = Some(c);
        }
        table
    })[usize::from(id)]
}

pub fn row(section: Section, code: &str) -> Option<&'static RowDef> {
    ROWS.iter().find(|r| r.section == section && r.code == code)
}

pub fn col(section: Section, code: &str) -> Option<&'static ColDef> {
    COLS.iter().find(|c| c.section == section && c.code == code)
}

/// Finds a row by its code or by its Chinese label as printed, numbering and all
/// (`三（三）1.属于国家秘密`, `（一）予以公开`, `2019: 规范性文件`).
///
/// ```
/// use gov_db::contract::{Section, row_by_name};
///
/// let row = |label| row_by_name(Section::Requests, label).map(|r| r.code);
/// assert_eq!(row("三（三）1.属于国家秘密"), Some("withheld_state_secret"));
/// assert_eq!(row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"), Some("partly_granted"));
/// assert_eq!(row("四、结转下年度继续办理"), Some("carried_out"));
/// assert_eq!(row("本年新收"), None);
/// ```
pub fn row_by_name(section: Section, text: &str) -> Option<&'static RowDef> {
    if let Some(r) = row(section, text.trim()) {
        return Some(r);
    }
    let label = strip_numbering(&normalize_label(text));
    let found = ROWS
        .iter()
        .find(|r| r.section == section && strip_numbering(&normalize_label(r.label_zh)) == label);
    found.or_else(|| match (section, label.as_str()) {
        (Section::Proactive, "规范性文件") => row(section, "normative_documents"),
        (Section::Requests, "部分公开区分处理的只计这一情形不计其他情形") => {
            row(section, "partly_granted")
        }
        (Section::Requests, "本年度办理结果总计") => row(section, "total_processed"),
        _ => None,
    })
}

/// Finds a column by its code or its Chinese label (`法人或其他组织·商业企业`, `结果 维持`).
pub fn col_by_name(section: Section, text: &str) -> Option<&'static ColDef> {
    if let Some(c) = col(section, text.trim()) {
        return Some(c);
    }
    let mut label = normalize_label(text);
    for prefix in ["法人或其他组织", "申请人情况"] {
        if let Some(rest) = label.strip_prefix(prefix) {
            label = rest.trim_start_matches(['·', '-', '/']).to_string();
        }
    }
    COLS.iter()
        .find(|c| c.section == section && normalize_label(c.label_zh) == label)
        .or_else(|| match (section, label.as_str()) {
            (Section::Proactive, "本年处理决定数量") => col(section, "decisions"),
            (Section::Proactive, "本年收费金额" | "本年收费金额单位万元") => {
                col(section, "amount_10k_yuan")
            }
            (Section::Proactive, "采购总金额") => col(section, "amount_10k_yuan"),
            _ => None,
        })
}

/// Is this (row, column) a cell of the given template?
pub fn cell_in_template(row: &RowDef, col: &ColDef, template: Template) -> bool {
    if row.section != col.section || !row.templates.contains(template) {
        return false;
    }
    match row.section {
        Section::Proactive => PROACTIVE_CELLS
            .iter()
            .any(|(r, cols, t)| *r == row.code && t.contains(template) && cols.contains(&col.code)),
        _ => true,
    }
}

/// Every cell of a template, in the contract's order: section, row, column.
pub fn template_cells(template: Template) -> Vec<(&'static RowDef, &'static ColDef)> {
    let mut out = Vec::new();
    for section in [Section::Proactive, Section::Requests, Section::Appeals] {
        for r in ROWS.iter().filter(|r| r.section == section) {
            // A 2021 report prints （六） as three rows; other_processing is its collapsed form.
            if template == Template::T2021 && r.code == "other_processing" {
                continue;
            }
            for c in COLS.iter().filter(|c| c.section == section) {
                if cell_in_template(r, c, template) {
                    out.push((r, c));
                }
            }
        }
    }
    out
}

/// Folds the ways one label gets printed into one spelling: full-width letters, digits and
/// brackets to half-width, all white space and the usual separators dropped.
pub fn normalize_label(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        let ch = match ch {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(ch as u32 - 0xFEE0).unwrap_or(ch),
            '\u{3000}' => ' ',
            '“' | '”' | '"' | '「' | '」' => '"',
            _ => ch,
        };
        if ch.is_whitespace() || matches!(ch, '(' | ')' | ':' | '、' | ',' | '，' | '"' | '：') {
            continue;
        }
        out.push(ch);
    }
    out
}

/// Drops the numbering that precedes a label once normalised: `一`, `三(三)1.`, `(一)`, `1.`.
pub fn strip_numbering(label: &str) -> String {
    let numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
    let mut s = label;
    loop {
        let before = s.len();
        s = s.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '．');
        if let Some(rest) = s.strip_prefix("本年度办理结果") {
            s = rest;
        }
        // A run of Chinese numerals (`三(三)` folds to `三三`) is numbering only when a label
        // follows it, and not the 三/四 of 三类, 四类 or 三安全一稳定.
        let run: usize = s
            .chars()
            .take_while(|c| numerals.contains(c))
            .map(char::len_utf8)
            .sum();
        let rest = &s[run..];
        if run > 0
            && rest.chars().count() > 1
            && !rest.starts_with('类')
            && !rest.starts_with("安全")
        {
            s = rest;
        }
        if s.len() == before {
            break;
        }
    }
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique() {
        let mut ids: Vec<u8> = ROWS.iter().map(|r| r.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), ROWS.len());
        let mut ids: Vec<u8> = COLS.iter().map(|c| c.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), COLS.len());
    }

    #[test]
    fn template_cell_counts() {
        // 表二 10 + 表三 25×7 + 表四 3×5 for 2021; 表二 22 + 表三 23×7 + 表四 15 for 2019.
        assert_eq!(template_cells(Template::T2021).len(), 10 + 175 + 15);
        assert_eq!(template_cells(Template::T2019).len(), 22 + 161 + 15);
    }

    #[test]
    fn labels_as_printed_find_their_rows() {
        let cases = [
            ("三（三）1.属于国家秘密", "withheld_state_secret"),
            ("(一) 予以公开", "granted"),
            (
                "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                "partly_granted",
            ),
            ("一、本年新收政府信息公开申请数量", "received_new"),
            ("四、结转下年度继续办理", "carried_out"),
            ("3.危及“三安全一稳定”", "withheld_security_stability"),
            ("5.属于三类内部事务信息", "withheld_internal_affairs"),
            ("(七) 总计", "total_processed"),
            ("（六）其他处理", "other_processing"),
            ("3.其他", "other_misc"),
            ("granted", "granted"),
        ];
        for (label, code) in cases {
            let r = row_by_name(Section::Requests, label);
            assert_eq!(r.map(|r| r.code), Some(code), "{label}");
        }
        assert_eq!(
            row_by_name(Section::Proactive, "规范性文件").map(|r| r.code),
            Some("normative_documents")
        );
    }

    #[test]
    fn labels_as_printed_find_their_columns() {
        assert_eq!(
            col_by_name(Section::Requests, "法人或其他组织·商业企业").map(|c| c.code),
            Some("commercial_enterprise")
        );
        assert_eq!(
            col_by_name(Section::Appeals, "结果 维持").map(|c| c.code),
            Some("upheld")
        );
        assert_eq!(
            col_by_name(Section::Requests, "总 计").map(|c| c.code),
            Some("total")
        );
        assert_eq!(Section::parse("表三"), Some(Section::Requests));
    }
}

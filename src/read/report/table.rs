//! Finds 表二, 表三 and 表四 in a token stream and reads each row's cells.
//!
//! Rows are found by short key phrases of their labels, searched in the fixed order the
//! templates print them, over the labels' text joined together: a label wrapped over lines,
//! split by a page break, printed around its numbers or with a typo in its tail is still found
//! by its phrase. A row's cells are the values printed between its phrase and the next row's.

use super::cells::{self, Columns, Reading, Slot};
use super::sections::{HEAD_2019, HEAD_2021, read_appeals, read_proactive};
use super::settle::settle;
use super::split;
use super::token::{Kind, Tok};
use super::values::value;
use crate::contract::{self, ColDef, RowDef, Section, Template};
use crate::model::Value;

/// One cell read and normalised to the contract.
#[derive(Clone, Debug)]
pub struct CellRead {
    pub col: &'static ColDef,
    pub value: Value,
    pub origin: super::token::Origin,
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

/// The labels' normalised text joined, and where each label token starts in it.
pub(super) struct Index {
    pub(super) text: String,
    starts: Vec<(usize, usize)>,
    /// The source's lines, when the tokens are of space-aligned text (`Origin::Line(n)` is
    /// `lines[n - 1]`), for placing numbers by the header's positions; empty otherwise.
    pub(super) lines: Vec<String>,
    /// A partial reading: a 表三 row or 表四 that cannot be read is listed in
    /// `Tables::unread` instead of failing the tables (`partial.rs`).
    pub(super) partial: bool,
}

impl Index {
    pub(super) fn new(toks: &[Tok]) -> Index {
        let mut text = String::new();
        let mut starts = Vec::new();
        let headers = header_rows(toks);
        for (i, t) in toks.iter().enumerate() {
            if t.kind == Kind::Label && !headers.contains(&t.row) {
                starts.push((text.len(), i));
                text.push_str(&contract::normalize_label(&t.text));
            }
        }
        Index {
            text,
            starts,
            lines: Vec::new(),
            partial: false,
        }
    }

    /// Earliest position of any of `keys` in `from..to`, and the end of that match.
    pub(super) fn find(&self, keys: &[&str], from: usize, to: usize) -> Option<(usize, usize)> {
        let hay = self.text.get(from..to.min(self.text.len()))?;
        keys.iter()
            .filter_map(|k| hay.find(k).map(|p| (from + p, from + p + k.len())))
            .min()
    }

    pub(super) fn rfind(&self, keys: &[&str], to: usize) -> Option<usize> {
        let hay = self.text.get(..to)?;
        keys.iter().filter_map(|k| hay.rfind(k)).max()
    }

    /// The token a text position falls in.
    pub(super) fn tok(&self, pos: usize) -> usize {
        let i = self.starts.partition_point(|(s, _)| *s <= pos);
        self.starts[i.saturating_sub(1)].1
    }

    /// Where a label token starts in the text.
    pub(super) fn start_of(&self, tok: usize) -> Option<usize> {
        let i = self.starts.partition_point(|(_, t)| *t < tok);
        self.starts
            .get(i)
            .filter(|(_, t)| *t == tok)
            .map(|(s, _)| *s)
    }

    /// The first token at or after a text position (the end of the stream past the end).
    pub(super) fn tok_from(&self, pos: usize, len: usize) -> usize {
        if pos >= self.text.len() {
            return len;
        }
        self.tok(pos)
    }
}

/// 表三's column headings, whole and as wrapped in narrow cells.
const HEADER_WORDS: &[&str] = &[
    "本列数据的勾稽关系为第一项加第二项之和等于第三项加第四项之和",
    "申请人情况",
    "法人或其他组织",
    "社会公益组织",
    "法律服务机构",
    "商业企业",
    "科研机构",
    "社会公益",
    "法律服务",
    "自然人",
    "商业企",
    "科研机",
    "商业",
    "企业",
    "科研",
    "机构",
    "组织",
    "其他",
    "总计",
    "业",
    "构",
];
const HEADER_STRONG: &[&str] = &[
    "申请人情况",
    "法人或其他组织",
    "自然人",
    "商业企",
    "科研机",
    "社会公益",
    "法律服务",
];

/// Physical rows that print nothing but 表三's column headings. A PDF repeats them at the top
/// of each page the table runs onto; their 其他 and 总计 are not rows.
fn header_rows(toks: &[Tok]) -> std::collections::HashSet<u32> {
    let mut by_row: std::collections::HashMap<u32, String> = std::collections::HashMap::new();
    let mut has_value = std::collections::HashSet::new();
    for t in toks {
        match t.kind {
            Kind::Label => by_row
                .entry(t.row)
                .or_default()
                .push_str(&contract::normalize_label(&t.text)),
            Kind::Num | Kind::Blank => {
                has_value.insert(t.row);
            }
            Kind::Pad => {}
        }
    }
    by_row
        .into_iter()
        .filter(|(row, text)| {
            if has_value.contains(row) || !HEADER_STRONG.iter().any(|w| text.contains(w)) {
                return false;
            }
            let mut rest = text.clone();
            for w in HEADER_WORDS {
                rest = rest.replace(w, "");
            }
            rest.is_empty()
        })
        .map(|(row, _)| row)
        .collect()
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
        match self.row {
            Some(r) => write!(
                f,
                "{table}, row “{}” ({}): {}",
                r.label_zh, r.code, self.message
            ),
            None => write!(f, "{table}: {}", self.message),
        }
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

/// Reads the three tables. `year` only settles the template when no label does.
pub fn read(toks: &[Tok], year: Option<i64>) -> Result<Tables, TableError> {
    read_lines(toks, &[], year)
}

/// Reads the three tables of plain text, whose `lines` (`Origin::Line(n)` is `lines[n - 1]`)
/// give the header words' positions for numeric lines left short by blank cells.
pub fn read_lines(toks: &[Tok], lines: &[String], year: Option<i64>) -> Result<Tables, TableError> {
    let mut ix = Index::new(toks);
    ix.lines = lines.to_vec();
    let mut first_err = None;
    let starts = ix.starts_of_requests();
    // The phrase of the first row may also occur in the narrative: try each occurrence.
    for &pos in &starts.at {
        match read_at(toks, &ix, pos, year) {
            Ok(t) => return Ok(t),
            // Keep the failure that got furthest into the template: that is the table.
            Err(e) => {
                if first_err
                    .as_ref()
                    .is_none_or(|f: &TableError| progress(&e) > progress(f))
                {
                    first_err = Some(e);
                }
            }
        }
    }
    if let Some(t) = read_in_order(toks, &ix, year) {
        return Ok(t);
    }
    if let Some(t) = read_unlabeled(toks, &ix, &starts.at, year) {
        return t;
    }
    let found = first_err.unwrap_or_else(|| {
        err(
            Section::Requests,
            None,
            "no table 三 found (no row “一、本年新收政府信息公开申请数量”)",
        )
    });
    if starts.more {
        return Err(err(
            Section::Requests,
            None,
            format!(
                "the first row's words (“本年新收”) are printed more than {MAX_STARTS} times (a report prints them in its table and at most a few times in its text); 表三 was looked for at the first {MAX_STARTS}, and none reads: {found}"
            ),
        ));
    }
    Err(found)
}

/// How many places 表三 is looked for at: each try reads on to the end of the text, so a
/// text repeating the first row's words thousands of times would take time in the square of
/// its length. Real reports print the words once in the table and rarely more than twice in
/// the narrative before it.
pub(super) const MAX_STARTS: usize = 16;

/// Where the first row's phrase is printed, the first [`MAX_STARTS`] of them.
pub(super) struct Starts {
    pub(super) at: Vec<usize>,
    /// Whether it is printed more often than that.
    pub(super) more: bool,
}

impl Index {
    fn starts_of_requests(&self) -> Starts {
        let mut at = Vec::new();
        let mut from = 0;
        while let Some((pos, end)) = self.find(REQUESTS[0].1, from, self.text.len()) {
            if at.len() == MAX_STARTS {
                return Starts { at, more: true };
            }
            at.push(pos);
            from = end;
        }
        Starts { at, more: false }
    }
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

pub(super) fn read_at(
    toks: &[Tok],
    ix: &Index,
    start: usize,
    year: Option<i64>,
) -> Result<Tables, TableError> {
    let len = ix.text.len();
    // 表三's anchors, in order.
    let mut anchors: Vec<(&'static RowDef, usize, usize)> = Vec::new();
    let mut pos = start;
    for (i, (code, keys)) in REQUESTS.iter().enumerate() {
        let row = row_def(Section::Requests, code);
        // The next row's phrase bounds where this one may be.
        let next: &[&str] = match REQUESTS.get(i + 1) {
            Some(n) => n.1,
            None => &["其他处理", "逾期不补", "不补正", "总计"],
        };
        let limit = ix.find(next, pos, len).map_or(len, |f| f.0);
        let (p, e) = match ix.find(keys, pos, len) {
            Some(f) if f.0 < limit => f,
            found => super::labels::fuzzy(&ix.text, row.label_zh, pos, limit)
                .or(found)
                .ok_or_else(|| not_found(Section::Requests, code))?,
        };
        anchors.push((row, p, e));
        pos = e;
    }
    let total_at = ix.find(CLOSING[0].1, pos, len).map_or(len, |f| f.0);
    let three_at = ix.find(OTHER_THREE[0].1, pos, total_at);
    let three = three_at.is_some();
    // Some reports print （六）其他处理 as a line of its own with numbers, above its three
    // rows: that line is `other_processing`, kept beside them.
    if let Some((first, _)) = three_at
        && let Some((p, e)) = ix.find(&["其他处理"], pos, first)
        && values_between(toks, ix, p, first, false)
            .iter()
            .any(|t| t.kind == Kind::Num)
    {
        anchors.push((row_def(Section::Requests, "other_processing"), p, e));
        pos = e;
    }
    let other_rows = if three { OTHER_THREE } else { OTHER_ONE };
    for (code, keys) in other_rows.iter().chain(CLOSING) {
        // 3.其他 misread (an OCR reading of a scan: 3、洪他) is the row numbered 3 after
        // the other two, before the total.
        let misc = || {
            let limit = ix.find(CLOSING[0].1, pos, len).map_or(len, |f| f.0);
            ix.find(&["3、", "3."], pos, limit)
        };
        let (p, e) = ix
            .find(keys, pos, len)
            .filter(|f| *code != "other_misc" || f.0 < total_at)
            .or_else(|| (*code == "other_misc").then(misc).flatten())
            .ok_or_else(|| not_found(Section::Requests, code))?;
        anchors.push((row_def(Section::Requests, code), p, e));
        pos = e;
    }
    let subtotals = super::subtotal::find(toks, ix, &anchors);
    pull_back_wrapped(toks, ix, &mut anchors);
    let req_end = ix
        .find(APPEALS_START, pos, len)
        .or_else(|| ix.find(AFTER_TABLES, pos, len))
        .map_or(len, |f| f.0);
    let (requests, notes, unread) = read_requests(toks, ix, &anchors, &subtotals, req_end)?;
    let mut t = finish(toks, ix, start, three, requests, req_end, year)?;
    t.warnings.extend(notes);
    t.unread.splice(0..0, unread);
    Ok(t)
}

/// 表二 and 表四 around a 表三 already read, and the template all three say.
fn finish(
    toks: &[Tok],
    ix: &Index,
    start: usize,
    three: bool,
    requests: Vec<RowRead>,
    req_end: usize,
    year: Option<i64>,
) -> Result<Tables, TableError> {
    // 表二 lies before 表三's heading.
    let req_head = ix
        .rfind(
            &[
                "收到和处理政府信息公开申请",
                "本列数据的勾稽关系",
                "申请人情况",
            ],
            start,
        )
        .map_or(start, |p| p.min(start));
    let pro_start = ix
        .rfind(&["主动公开政府信息情况"], req_head)
        .or_else(|| ix.find(&["第二十条", "信息内容"], 0, req_head).map(|f| f.0));

    let head_tpl = pro_start.and_then(|s| {
        let region = &ix.text[s..req_head];
        let new = HEAD_2021.iter().any(|k| region.contains(k));
        let old = HEAD_2019.iter().any(|k| region.contains(k));
        match (new, old) {
            (true, false) => Some(Ok(Template::T2021)),
            (false, true) => Some(Ok(Template::T2019)),
            (true, true) => Some(Err(())),
            _ => None,
        }
    });
    // 表三 decides when 表二's header disagrees with it or with itself (real reports mix the
    // templates); 表二 is then left out rather than read under the wrong columns.
    let by_requests = if three {
        Template::T2021
    } else {
        year.map_or(Template::T2021, Template::expected_for_year)
    };
    let (template, proactive_problem) = match (head_tpl, three) {
        (Some(Err(())), _) => (
            by_requests,
            Some("表二 left out: its header mixes the 2019 and 2021 templates' columns"),
        ),
        (Some(Ok(Template::T2019)), true) => (
            Template::T2021,
            Some(
                "表二 left out: it has the 2019 template's columns, but 表三 prints （六） as the 2021 template's three rows",
            ),
        ),
        (Some(Ok(t)), _) => (t, None),
        (None, _) => (by_requests, None),
    };

    let mut tables = Tables {
        template: Some(template),
        ..Tables::default()
    };
    tables.requests = requests;
    // A report that does not print 表四 at all keeps its other tables; one that prints it
    // unreadably fails.
    if ix.find(APPEALS_START, req_end, ix.text.len()).is_some() {
        match read_appeals(toks, ix, req_end) {
            Ok(rows) => tables.appeals = rows,
            Err(e) if ix.partial => tables.unread.push(e),
            Err(e) => return Err(e),
        }
    } else {
        tables
            .warnings
            .push("表四 not found: no heading with 行政复议 after 表三".into());
    }
    if let Some(why) = proactive_problem {
        tables.warnings.push(why.into());
    } else if let Some(s) = pro_start {
        read_proactive(toks, ix, s, req_head, template, &mut tables);
    } else {
        tables
            .warnings
            .push("表二 not found: no heading “主动公开政府信息情况” before 表三".into());
    }
    Ok(tables)
}

/// The last resort for 表三 when its labels are not where its numbers are (an extractor that
/// moved the first column elsewhere): exactly the template's count of plain numbers between
/// its first row and 表四, taken row by row, and accepted only if every identity of the table
/// holds — row totals, 一 + 二 = (七) + 四, and (七) = the outcome rows.
fn read_in_order(toks: &[Tok], ix: &Index, year: Option<i64>) -> Option<Tables> {
    let len = ix.text.len();
    let (start, _) = ix.find(REQUESTS[0].1, 0, len)?;
    let (app, _) = ix.find(APPEALS_START, start, len)?;
    let vals: Vec<&Tok> = values_between(toks, ix, start, app, false)
        .into_iter()
        .filter(|t| t.kind != Kind::Pad)
        .collect();
    if !vals.iter().all(|t| t.kind == Kind::Num && t.atomic) {
        return None;
    }
    let three = ix.find(OTHER_THREE[0].1, start, app).is_some();
    let other = if three { OTHER_THREE } else { OTHER_ONE };
    let defs: Vec<&'static RowDef> = REQUESTS
        .iter()
        .chain(other)
        .chain(CLOSING)
        .map(|(code, _)| row_def(Section::Requests, code))
        .collect();
    if vals.len() != defs.len() * 7 {
        return None;
    }
    let rows: Vec<Vec<Slot>> = vals
        .chunks(7)
        .map(|c| {
            c.iter()
                .map(|t| Slot {
                    text: Some(t.text.clone()),
                    origin: t.origin,
                })
                .collect()
        })
        .collect();
    let row_sums = rows.iter().all(|r| {
        let v: Vec<i64> = r
            .iter()
            .filter_map(|s| super::values::count(s.text.as_deref()?))
            .collect();
        v.len() == 7 && v[..6].iter().sum::<i64>() == v[6]
    });
    if !row_sums {
        return None;
    }
    accept(
        toks,
        ix,
        (start, app),
        three,
        &defs,
        rows,
        year,
        "表三's labels are out of order in the text: its numbers were taken in the template's row order, every identity of the table holding",
    )
    .ok()
}

/// 表三 when some rows' labels were printed away from their numbers, leaving bare runs of
/// seven numbers (`unlabeled.rs`): accepted only if every identity of the tables holds.
fn read_unlabeled(
    toks: &[Tok],
    ix: &Index,
    starts: &[usize],
    year: Option<i64>,
) -> Option<Result<Tables, TableError>> {
    let len = ix.text.len();
    // The first row's phrase may also occur in the narrative: try each occurrence.
    let (start, app, (three, defs, vals)) = starts.iter().find_map(|&start| {
        let app = ix
            .find(APPEALS_START, start, len)
            .or_else(|| ix.find(AFTER_TABLES, start, len))
            .map_or(len, |f| f.0);
        super::unlabeled::rows(toks, ix, start, app).map(|found| (start, app, found))
    })?;
    let rows: Vec<Vec<Slot>> = vals
        .iter()
        .map(|r| {
            r.iter()
                .map(|t| Slot {
                    text: Some(t.text.clone()),
                    origin: t.origin,
                })
                .collect()
        })
        .collect();
    let read = accept(
        toks,
        ix,
        (start, app),
        three,
        &defs,
        rows,
        year,
        "表三: some rows' labels are printed away from their numbers: their bare runs of seven numbers were taken for the template rows missing where they stand, every identity of the table holding",
    );
    match read {
        Ok(t) => Some(Ok(t)),
        Err(Some(e)) => Some(Err(e)),
        Err(None) => None,
    }
}

/// 表三 read as `rows` under `defs`, kept only when its column identities and 表四's row
/// identities hold: `Err(None)` when 表三's do not, `Err(Some(_))` when 表三's hold but 表四
/// cannot be read or its rows do not add up.
#[allow(clippy::too_many_arguments)]
fn accept(
    toks: &[Tok],
    ix: &Index,
    (start, app): (usize, usize),
    three: bool,
    defs: &[&'static RowDef],
    rows: Vec<Vec<Slot>>,
    year: Option<i64>,
    note: &str,
) -> Result<Tables, Option<TableError>> {
    if !super::settle::columns_hold(defs, &rows) {
        return Err(None);
    }
    let cols: Vec<&ColDef> = contract::COLS
        .iter()
        .filter(|c| c.section == Section::Requests)
        .collect();
    let requests = defs
        .iter()
        .zip(rows)
        .map(|(row, slots)| to_row(row, &cols, slots))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| None)?;
    let mut t = finish(toks, ix, start, three, requests, app, year).map_err(Some)?;
    // The extractor that moved 表三's labels may have moved 表四's cells too.
    let broken = t.appeals.iter().find(|r| {
        let v: Vec<i64> = r.cells.iter().filter_map(|c| c.value.as_int()).collect();
        v.len() != 5 || v[..4].iter().sum::<i64>() != v[4]
    });
    if let Some(r) = broken {
        let printed: Vec<&Tok> = values_between(toks, ix, app, ix.text.len(), true)
            .into_iter()
            .filter(|t| t.kind != Kind::Pad)
            .collect();
        let read: Vec<String> = r.cells.iter().map(|c| c.value.to_string()).collect();
        return Err(Some(err(
            Section::Appeals,
            Some(r.row),
            format!(
                "表三 read with its labels out of order, but 表四's numbers are out of order too and nothing settles which row each belongs to: in the order printed they make this row [{}], whose four results do not add up to its total; printed: {}",
                read.join(", "),
                cells::raw(&printed)
            ),
        )));
    }
    t.warnings.push(note.into());
    Ok(t)
}

/// A label wrapped with its numbers on the first line (`5.属于三类 7 0 … / 内部事务信息`) has its
/// key phrase after the numbers: the anchor moves back to the label's first line when that
/// line is the start of the row's label.
fn pull_back_wrapped(toks: &[Tok], ix: &Index, anchors: &mut [(&'static RowDef, usize, usize)]) {
    for i in 0..anchors.len() {
        let k = ix.tok(anchors[i].1);
        let prev_tok = if i == 0 {
            0
        } else {
            ix.tok(anchors[i - 1].1) + 1
        };
        let Some(j) = (prev_tok..k).rev().find(|j| toks[*j].kind == Kind::Label) else {
            continue;
        };
        if !toks[j + 1..k].iter().any(|t| t.kind == Kind::Num) {
            continue;
        }
        let full = contract::strip_numbering(&contract::normalize_label(anchors[i].0.label_zh));
        if starts_label(&contract::normalize_label(&toks[j].text), &full)
            && let Some(start) = ix.start_of(j)
        {
            anchors[i].1 = start;
        }
    }
}

/// Does a line of label text end with the start of this row's label: its numbering alone
/// (`四、`, `（三）不予公开 1.`), or numbering and the label's first words (`5.属于三类`)?
fn starts_label(line: &str, full: &str) -> bool {
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    let chars: Vec<char> = line.chars().collect();
    (0..chars.len()).any(|p| {
        // The tail must begin where a label begins: at the line's start or at its numbering.
        let starts_numbering = numeral(chars[p]) && (p == 0 || !numeral(chars[p - 1]));
        if p > 0 && !starts_numbering {
            return false;
        }
        let tail: String = chars[p..].iter().collect();
        if tail.chars().all(|c| numeral(c) || c == '.') {
            return true;
        }
        let words = contract::strip_numbering(&tail);
        if p > 0 && words.len() == tail.len() {
            return false;
        }
        words.chars().count() >= 2 && words != full && full.starts_with(&words)
    })
}

fn not_found(section: Section, code: &str) -> TableError {
    err(
        section,
        Some(row_def(section, code)),
        "row not found where the template puts it",
    )
}

/// The value tokens between two text positions, stopping at prose after the first value.
pub(super) fn values_between<'t>(
    toks: &'t [Tok],
    ix: &Index,
    from: usize,
    to: usize,
    stop_at_prose: bool,
) -> Vec<&'t Tok> {
    let a = ix.tok(from);
    let b = ix.tok_from(to, toks.len());
    let mut out = Vec::new();
    for t in &toks[(a + 1).min(b)..b] {
        match t.kind {
            Kind::Label => {
                if stop_at_prose
                    && out.iter().any(|v: &&Tok| v.kind != Kind::Pad)
                    && is_prose(&t.text)
                {
                    break;
                }
            }
            _ => out.push(t),
        }
    }
    out
}

/// Text that is not a 表四 header word: narrative after the last table.
pub(super) fn is_prose(text: &str) -> bool {
    let mut t = contract::normalize_label(text);
    for w in APPEALS_HEAD {
        t = t.replace(w, "");
    }
    t.chars().count() >= 6
}

/// 表三's rows' cells, a note for each subtotal line checked and left out, and (in a partial
/// reading) the rows that could not be read, left out of the cells.
#[allow(clippy::type_complexity)]
fn read_requests(
    toks: &[Tok],
    ix: &Index,
    anchors: &[(&'static RowDef, usize, usize)],
    subtotals: &[super::subtotal::Subtotal],
    end: usize,
) -> Result<(Vec<RowRead>, Vec<String>, Vec<TableError>), TableError> {
    let n = 7;
    let mut vals = Vec::new();
    let mut refs: Vec<Columns> = Vec::new();
    // A row's cells end where the next row or subtotal line starts.
    let mut bounds: Vec<usize> = anchors
        .iter()
        .map(|a| a.1)
        .chain(subtotals.iter().map(|s| s.pos))
        .collect();
    bounds.sort_unstable();
    let next_bound = |p: usize| bounds.iter().copied().find(|b| *b > p).unwrap_or(end);
    for (i, (_, p, _)) in anchors.iter().enumerate() {
        let next = if i + 1 == anchors.len() {
            end
        } else {
            next_bound(*p)
        };
        let v = values_between(toks, ix, *p, next, i + 1 == anchors.len());
        refs.extend(cells::columns_of(&v, n));
        vals.push(v);
    }
    let defs: Vec<&'static RowDef> = anchors.iter().map(|a| a.0).collect();
    let cols: Vec<&ColDef> = contract::COLS
        .iter()
        .filter(|c| c.section == Section::Requests)
        .collect();
    // No row prints all seven cells (only 自然人 and 总计 filled, say): in space-aligned text
    // the header's own columns place each row's numbers, if every identity then holds.
    if refs.is_empty() && subtotals.is_empty() && !ix.lines.is_empty() {
        let labels: Vec<_> = anchors.iter().map(|a| toks[ix.tok(a.1)].origin).collect();
        match super::aligned::place_requests(&vals, &labels, &ix.lines) {
            Ok(rows) if super::aligned::columns_hold_blank_zero(&defs, &rows) => {
                let rows = defs
                    .iter()
                    .zip(rows)
                    .map(|(row, slots)| to_row(row, &cols, slots))
                    .collect::<Result<Vec<_>, _>>()?;
                return Ok((rows, Vec::new(), Vec::new()));
            }
            Ok(_) => {
                return Err(err(
                    Section::Requests,
                    None,
                    "no row prints all seven cells; placed under the header's columns, the columns' identities (一 + 二 = （七） + 四, the outcome rows adding up to （七）) do not hold",
                ));
            }
            Err(Some((i, why))) => {
                return Err(err(
                    Section::Requests,
                    Some(defs[i]),
                    format!(
                        "no row prints all seven cells, and {why}; printed: {}",
                        cells::raw(&vals[i])
                    ),
                ));
            }
            Err(None) => {}
        }
    }
    let mut readings = Vec::new();
    let mut unread = Vec::new();
    for (v, (row, p, _)) in vals.iter().zip(anchors) {
        let r = cells::resolve(v, n, n, &split::sums_to_last, &refs, true);
        if let Reading::None(why) = &r {
            let e = err(
                Section::Requests,
                Some(row),
                format!("{why}; printed: {}", cells::raw(v)),
            );
            if !ix.partial {
                return Err(e);
            }
            let at = toks[ix.tok(*p)].origin;
            unread.push(super::partial::located(e, at));
            readings.push(Reading::One(super::partial::blank_row(n, at)));
            continue;
        }
        readings.push(r);
    }
    let rows = match settle(&readings, anchors, &vals) {
        Ok(rows) => rows,
        Err(e) if ix.partial => {
            super::partial::unsettled(e, toks, ix, anchors, &mut readings, &mut unread);
            settle(&readings, anchors, &vals)?
        }
        Err(e) => return Err(e),
    };
    let mut notes = Vec::new();
    for sub in subtotals {
        let v = values_between(toks, ix, sub.pos, next_bound(sub.pos), false);
        let r = cells::resolve(&v, n, n, &split::sums_to_last, &refs, true);
        match super::subtotal::check(sub, &v, &r, &defs, &rows) {
            Ok(note) => notes.push(note),
            Err(e) if ix.partial => {
                super::partial::unchecked_subtotal(e, sub, toks, ix, anchors, &mut unread)
            }
            Err(e) => return Err(e),
        }
    }
    let mut read = Vec::with_capacity(rows.len());
    for ((row, _, _), slots) in anchors.iter().zip(rows) {
        if unread
            .iter()
            .any(|e: &TableError| e.row.is_some_and(|r| r.id == row.id))
        {
            continue;
        }
        match to_row(row, &cols, slots) {
            Ok(r) => read.push(r),
            Err(e) if ix.partial => unread.push(e),
            Err(e) => return Err(e),
        }
    }
    Ok((read, notes, unread))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_line_of_a_wrapped_label_is_known_by_its_start() {
        let full = "属于国家秘密";
        for line in [
            "1.属于国家",
            "三不予公开1.",
            "三不予公开1.属于",
            "1.",
            "属于国家",
        ] {
            assert!(starts_label(line, full), "{line}");
        }
        for line in ["国家秘密", "2.重复申请", "不予公开", "三不予公开", ""] {
            assert!(!starts_label(line, full), "{line}");
        }
        assert!(starts_label("四", "结转下年度继续办理"));
    }

    #[test]
    fn prose_is_told_from_header_words() {
        assert!(!is_prose("结 果 维持 总计"));
        assert!(is_prose("五、存在的主要问题及改进情况"));
    }
}

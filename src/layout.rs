//! How the two templates print the three tables: which heading stands over which cells, the
//! numbering of the rows, and the labels a reader knows them by.
//!
//! The contract (`contract.rs`) names every number; a person reading a report sees it under
//! headings the contract does not carry (三、本年度办理结果, （三）不予公开, 第二十条第（一）项) and
//! with its row's numbering (三（三）1.). An export meant for reading (the xlsx sheets, the wide
//! CSV, the labels of parquet) lays the numbers out as the templates print them, from here,
//! so that every format says the same thing the same way.

use crate::contract::{self, ColDef, RowDef, Section, Template};
use std::borrow::Cow;

/// What one cell of a printed table holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Content {
    /// A heading or a row's label.
    Label(Cow<'static, str>),
    /// The number the report states at this row and column of the section.
    Value {
        row: &'static RowDef,
        col: &'static ColDef,
    },
    /// Nothing (a merged margin that keeps the columns of the sheet aligned).
    Empty,
}

/// One cell of a printed table, spanning `rows` × `cols` grid cells from (`row`, `col`):
/// a span of more than one is a merged cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub row: u32,
    pub col: u16,
    pub rows: u32,
    pub cols: u16,
    pub content: Content,
    /// A heading (table head, group heading) rather than a row label or a number.
    pub heading: bool,
}

/// One table as printed: its title and its cells, rows and columns counted from its top left.
#[derive(Clone, Debug)]
pub struct Table {
    pub section: Section,
    /// `三、收到和处理政府信息公开申请情况`: the chapter number the reports give it, and the
    /// contract's title.
    pub title: String,
    pub items: Vec<Item>,
}

impl Table {
    /// How many grid rows the table takes.
    pub fn height(&self) -> u32 {
        self.items.iter().map(|i| i.row + i.rows).max().unwrap_or(0)
    }

    /// How many grid columns the table takes.
    pub fn width(&self) -> u16 {
        self.items.iter().map(|i| i.col + i.cols).max().unwrap_or(0)
    }

    fn put(&mut self, row: u32, col: u16, rows: u32, cols: u16, content: Content, heading: bool) {
        self.items.push(Item {
            row,
            col,
            rows,
            cols,
            content,
            heading,
        });
    }

    fn label(
        &mut self,
        row: u32,
        col: u16,
        rows: u32,
        cols: u16,
        text: impl Into<Cow<'static, str>>,
    ) {
        self.put(row, col, rows, cols, Content::Label(text.into()), false);
    }

    fn heading(
        &mut self,
        row: u32,
        col: u16,
        rows: u32,
        cols: u16,
        text: impl Into<Cow<'static, str>>,
    ) {
        self.put(row, col, rows, cols, Content::Label(text.into()), true);
    }

    fn value(&mut self, row: u32, col: u16, cols: u16, r: &'static RowDef, c: &'static ColDef) {
        self.put(row, col, 1, cols, Content::Value { row: r, col: c }, false);
    }
}

/// The grid columns every table shares: three for the labels of 表三 (its nested headings),
/// then one per number. 表二 and 表四 keep their numbers in the number columns too, so that a
/// sheet's columns line up from one table to the next.
pub const LABEL_COLS: u16 = 3;

fn row(section: Section, code: &str) -> &'static RowDef {
    contract::row(section, code).unwrap_or_else(|| panic!("the contract has row {code}"))
}

fn col(section: Section, code: &str) -> &'static ColDef {
    contract::col(section, code).unwrap_or_else(|| panic!("the contract has column {code}"))
}

fn title(section: Section) -> String {
    let number = match section {
        Section::Proactive => "二",
        Section::Requests => "三",
        Section::Appeals => "四",
    };
    format!("{number}、{}", section.label_zh())
}

/// The numbering and heading of 表三's outcome groups, as the templates print them.
fn group_heading(group: &str) -> Option<(&'static str, &'static str)> {
    match group {
        "withheld" => Some(("（三）", "不予公开")),
        "unavailable" => Some(("（四）", "无法提供")),
        "not_processed" => Some(("（五）", "不予处理")),
        "other" => Some(("（六）", "其他处理")),
        _ => None,
    }
}

/// 表三 rows as printed: the row's own numbering, the heading it sits under and its place in
/// that group (1-based), e.g. `三（三）1.属于国家秘密`. `other_processing` is （六） printed as
/// one row.
pub fn row_label(r: &RowDef) -> Cow<'static, str> {
    match (r.section, r.code) {
        (Section::Requests, "received_new") => format!("一、{}", r.label_zh).into(),
        (Section::Requests, "carried_in") => format!("二、{}", r.label_zh).into(),
        (Section::Requests, "carried_out") => format!("四、{}", r.label_zh).into(),
        (Section::Requests, _) => format!("三{}", outcome_label(r)).into(),
        (Section::Appeals, "litigation_direct" | "litigation_after_review") => {
            format!("行政诉讼 · {}", r.label_zh).into()
        }
        _ => Cow::Borrowed(r.label_zh),
    }
}

/// An outcome row of 表三 under 三、本年度办理结果: `（一）予以公开`, `（三）1.属于国家秘密`.
fn outcome_label(r: &RowDef) -> String {
    match (r.code, group_heading(r.group)) {
        ("granted", _) => format!("（一）{}", r.label_zh),
        ("partly_granted", _) => {
            format!(
                "（二）{}（区分处理的，只计这一情形，不计其他情形）",
                r.label_zh
            )
        }
        ("other_processing", _) => format!("（六）{}", r.label_zh),
        ("total_processed", _) => format!("（七）{}", r.label_zh),
        (_, Some((number, _))) => format!("{number}{}.{}", group_position(r), r.label_zh),
        (_, None) => r.label_zh.to_string(),
    }
}

/// A row's place (1-based) among the rows of its group that a template prints one by one.
fn group_position(r: &RowDef) -> usize {
    contract::ROWS
        .iter()
        .filter(|o| o.section == r.section && o.group == r.group && o.code != "other_processing")
        .position(|o| o.code == r.code)
        .map_or(0, |i| i + 1)
}

/// A column as its template prints it over the numbers: the 2021 template says
/// `本年处理决定数量` and `本年收费金额（单位：万元）` where 2019 says `处理决定数量`; 表三's
/// organisations are `法人或其他组织 · 商业企业`.
pub fn col_label(c: &ColDef, template: Option<Template>) -> Cow<'static, str> {
    match (c.section, c.code, template) {
        (Section::Requests, "natural_person" | "total", _) => Cow::Borrowed(c.label_zh),
        (Section::Requests, _, _) => format!("法人或其他组织 · {}", c.label_zh).into(),
        (Section::Proactive, "decisions" | "amount_10k_yuan", Some(Template::T2021)) => {
            format!("本年{}", c.label_zh).into()
        }
        _ => Cow::Borrowed(c.label_zh),
    }
}

/// 表二 of a template: blocks headed by the article of the 条例 they report on, each with a
/// `信息内容` head over its rows. A row's numbers share the three number columns: one number
/// spans all three, two take one and two.
pub fn proactive(template: Template) -> Table {
    let s = Section::Proactive;
    let mut t = Table {
        section: s,
        title: title(s),
        items: Vec::new(),
    };
    let blocks: &[(&str, &[&str], &[&str])] = match template {
        Template::T2021 => &[
            (
                "第二十条第（一）项",
                &["rules", "normative_documents"],
                &["issued", "repealed", "in_force"],
            ),
            ("第二十条第（五）项", &["licensing"], &["decisions"]),
            (
                "第二十条第（六）项",
                &["penalties", "coercive_measures"],
                &["decisions"],
            ),
            ("第二十条第（八）项", &["fees"], &["amount_10k_yuan"]),
        ],
        Template::T2019 => &[
            (
                "第二十条第（一）项",
                &["rules", "normative_documents"],
                &["made", "published", "published_total"],
            ),
            (
                "第二十条第（五）项",
                &["licensing", "other_admin_services"],
                &["prior_items", "change", "decisions"],
            ),
            (
                "第二十条第（六）项",
                &["penalties", "coercive_measures"],
                &["prior_items", "change", "decisions"],
            ),
            ("第二十条第（八）项", &["fees"], &["prior_items", "change"]),
            (
                "第二十条第（九）项",
                &["procurement"],
                &["items", "amount_10k_yuan"],
            ),
        ],
    };
    let mut at = 0;
    for (article, rows, cols) in blocks {
        t.heading(at, 0, 1, LABEL_COLS + 3, *article);
        t.heading(at + 1, 0, 1, LABEL_COLS, "信息内容");
        let spans = spans(cols.len());
        for (c, (start, width)) in cols.iter().zip(&spans) {
            t.heading(
                at + 1,
                LABEL_COLS + start,
                1,
                *width,
                col_label(col(s, c), Some(template)),
            );
        }
        for (i, code) in rows.iter().enumerate() {
            let r = row(s, code);
            let y = at + 2 + i as u32;
            let label = match (template, *code) {
                (Template::T2019, "normative_documents") => Cow::Borrowed("规范性文件"),
                _ => row_label(r),
            };
            t.label(y, 0, 1, LABEL_COLS, label);
            for (c, (start, width)) in cols.iter().zip(&spans) {
                t.value(y, LABEL_COLS + start, *width, r, col(s, c));
            }
        }
        at += 2 + rows.len() as u32;
    }
    t
}

/// How `n` numbers share the three number columns of 表二: (first column, width) each.
fn spans(n: usize) -> Vec<(u16, u16)> {
    match n {
        1 => vec![(0, 3)],
        2 => vec![(0, 1), (1, 2)],
        _ => (0..n as u16).map(|i| (i, 1)).collect(),
    }
}

/// 表三: three rows of column heads (申请人情况 over 自然人, 法人或其他组织 and its five kinds, and
/// 总计), then the rows with their labels nested over three columns: 三、本年度办理结果 down the
/// side of every outcome, （三）不予公开 beside its eight reasons, and so on. `six_as_one`
/// prints （六）其他处理 as one row (the 2019 template, or a 2021 report that collapsed it).
pub fn requests(six_as_one: bool) -> Table {
    let s = Section::Requests;
    let mut t = Table {
        section: s,
        title: title(s),
        items: Vec::new(),
    };
    let cols: Vec<&'static ColDef> = contract::COLS.iter().filter(|c| c.section == s).collect();
    t.heading(
        0,
        0,
        3,
        LABEL_COLS,
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    );
    t.heading(0, LABEL_COLS, 1, cols.len() as u16, "申请人情况");
    let organisations = cols.len() as u16 - 2;
    for (i, c) in cols.iter().enumerate() {
        let x = LABEL_COLS + i as u16;
        match c.code {
            "natural_person" | "total" => t.heading(1, x, 2, 1, c.label_zh),
            _ => t.heading(2, x, 1, 1, c.label_zh),
        }
    }
    t.heading(1, LABEL_COLS + 1, 1, organisations, "法人或其他组织");
    let printed: Vec<&'static RowDef> = contract::ROWS
        .iter()
        .filter(|r| r.section == s)
        .filter(|r| match r.group {
            "other" if six_as_one => r.code == "other_processing",
            "other" => r.code != "other_processing",
            _ => true,
        })
        .collect();
    let outcomes = printed
        .iter()
        .filter(|r| !matches!(r.group, "intake" | "carry"))
        .count() as u32;
    let mut group_open = "";
    for (y, r) in (3..).zip(&printed) {
        match r.group {
            "intake" | "carry" => t.label(y, 0, 1, LABEL_COLS, row_label(r)),
            group => {
                if r.code == "granted" {
                    t.heading(y, 0, outcomes, 1, "三、本年度办理结果");
                }
                let members = printed.iter().filter(|o| o.group == group).count() as u32;
                match group_heading(group) {
                    Some((number, name)) if members > 1 => {
                        if group_open != group {
                            t.heading(y, 1, members, 1, format!("{number}{name}"));
                        }
                        t.label(y, 2, 1, 1, format!("{}.{}", group_position(r), r.label_zh));
                    }
                    _ => t.label(y, 1, 1, 2, outcome_label(r)),
                }
                group_open = r.group;
            }
        }
        for (i, c) in cols.iter().enumerate() {
            t.value(y, LABEL_COLS + i as u16, 1, r, c);
        }
    }
    t
}

/// 表四: 行政复议 and 行政诉讼 side by side in one row of fifteen numbers, under two rows of
/// heads (行政诉讼 split into 未经复议直接起诉 and 复议后起诉), in the number columns; the label
/// columns are one merged margin.
pub fn appeals() -> Table {
    let s = Section::Appeals;
    let mut t = Table {
        section: s,
        title: title(s),
        items: Vec::new(),
    };
    let cols: Vec<&'static ColDef> = contract::COLS.iter().filter(|c| c.section == s).collect();
    let n = cols.len() as u16;
    t.put(0, 0, 4, LABEL_COLS, Content::Empty, false);
    let review = row(s, "admin_review");
    t.heading(0, LABEL_COLS, 1, n, review.label_zh);
    t.heading(0, LABEL_COLS + n, 1, 2 * n, "行政诉讼");
    for (i, r) in [
        review,
        row(s, "litigation_direct"),
        row(s, "litigation_after_review"),
    ]
    .into_iter()
    .enumerate()
    {
        let x0 = LABEL_COLS + i as u16 * n;
        if i > 0 {
            t.heading(1, x0, 1, n, r.label_zh);
        }
        for (j, c) in cols.iter().enumerate() {
            let x = x0 + j as u16;
            if i == 0 {
                t.heading(1, x, 2, 1, c.label_zh);
            } else {
                t.heading(2, x, 1, 1, c.label_zh);
            }
            t.value(3, x, 1, r, c);
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn values(t: &Table) -> HashSet<(&'static str, &'static str)> {
        t.items
            .iter()
            .filter_map(|i| match i.content {
                Content::Value { row, col } => Some((row.code, col.code)),
                _ => None,
            })
            .collect()
    }

    /// Every cell of a template is printed once, and nothing else: the layout and the contract
    /// agree (表三 of a 2021 report collapsed to one （六） row prints other_processing instead).
    #[test]
    fn each_template_prints_its_cells_once() {
        for template in [Template::T2019, Template::T2021] {
            let tables = [
                proactive(template),
                requests(template == Template::T2019),
                appeals(),
            ];
            let printed: Vec<(&str, &str)> = tables
                .iter()
                .flat_map(|t| {
                    t.items.iter().filter_map(|i| match i.content {
                        Content::Value { row, col } => Some((row.code, col.code)),
                        _ => None,
                    })
                })
                .collect();
            let unique: HashSet<_> = printed.iter().copied().collect();
            assert_eq!(
                unique.len(),
                printed.len(),
                "{template}: a cell printed twice"
            );
            let cells: HashSet<_> = contract::template_cells(template)
                .into_iter()
                .map(|(r, c)| (r.code, c.code))
                .collect();
            assert_eq!(unique, cells, "{template}");
        }
        let collapsed = values(&requests(true));
        assert!(collapsed.contains(&("other_processing", "total")));
        assert!(!collapsed.contains(&("other_misc", "total")));
    }

    /// No two items of a table cover the same grid cell: merges cannot overlap.
    #[test]
    fn merged_cells_do_not_overlap() {
        for t in [
            proactive(Template::T2021),
            proactive(Template::T2019),
            requests(false),
            requests(true),
            appeals(),
        ] {
            let mut seen = HashSet::new();
            for i in &t.items {
                for y in i.row..i.row + i.rows {
                    for x in i.col..i.col + i.cols {
                        assert!(seen.insert((y, x)), "{}: ({y}, {x}) twice", t.title);
                    }
                }
            }
        }
    }

    #[test]
    fn labels_as_printed() {
        let r = |code| row_label(contract::row(Section::Requests, code).unwrap()).into_owned();
        assert_eq!(r("received_new"), "一、本年新收政府信息公开申请数量");
        assert_eq!(r("withheld_state_secret"), "三（三）1.属于国家秘密");
        assert_eq!(r("withheld_admin_query"), "三（三）8.属于行政查询事项");
        assert_eq!(
            r("rejected_confirmation"),
            "三（五）5.要求行政机关确认或重新出具已获取信息"
        );
        assert_eq!(r("other_misc"), "三（六）3.其他");
        assert_eq!(r("other_processing"), "三（六）其他处理");
        assert_eq!(r("total_processed"), "三（七）总计");
        assert_eq!(r("carried_out"), "四、结转下年度继续办理");
        // Each is read back as its row by the importer.
        for row in contract::ROWS
            .iter()
            .filter(|r| r.section == Section::Requests)
        {
            let label = row_label(row);
            assert_eq!(
                contract::row_by_name(Section::Requests, &label).map(|r| r.code),
                Some(row.code),
                "{label}"
            );
        }
        let t = requests(false);
        let heads: Vec<&str> = t
            .items
            .iter()
            .filter_map(|i| match &i.content {
                Content::Label(l) if i.heading => Some(l.as_ref()),
                _ => None,
            })
            .collect();
        for h in [
            "三、本年度办理结果",
            "（三）不予公开",
            "（四）无法提供",
            "（五）不予处理",
            "（六）其他处理",
            "法人或其他组织",
        ] {
            assert!(heads.contains(&h), "{h}: {heads:?}");
        }
        let fee = contract::col(Section::Proactive, "amount_10k_yuan").unwrap();
        assert_eq!(
            col_label(fee, Some(Template::T2021)),
            "本年收费金额（单位：万元）"
        );
        assert_eq!(
            col_label(fee, Some(Template::T2019)),
            "收费金额（单位：万元）"
        );
    }
}

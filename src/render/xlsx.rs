//! `export --format xlsx`: a workbook a person opens, reads and prints, where the CSV is for
//! programs.
//!
//! One sheet per report with 表二, 表三 and 表四 laid out as the template prints them (the
//! layout is `crate::layout`'s: merged group cells, labels as printed), numbers as numbers and
//! blank cells blank; a sheet of the long form (the columns of `export --full`, so that saving
//! it as CSV gives a file `gov-db import` reads); and, when more than one report is selected, a
//! comparison sheet first with the `compare` view's line for each report.

use super::record::{Number, Record, reports};
use crate::contract::Template;
use crate::layout::{self, Content, LABEL_COLS, Table};
use crate::store::{Rows, SqlValue};
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use std::collections::{HashMap, HashSet};

/// The most lines one sheet holds (Excel's limit, header included).
pub const MAX_LINES: usize = 1_048_576;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "an xlsx sheet holds at most {} lines, and the long form of this selection has {lines}: select fewer reports (--agency, --year, --region, --level), or export csv or parquet",
        MAX_LINES - 1
    )]
    TooLong { lines: usize },
    #[error("cannot write the workbook")]
    Xlsx(#[from] XlsxError),
}

/// The columns of the long sheet: the canonical CSV's with `--full`.
pub const LONG_COLUMNS: [&str; 9] = crate::contract::CSV_COLUMNS;

/// The names of the sheets other than the reports'.
pub const COMPARE_SHEET: &str = "对比 compare";
pub const LONG_SHEET: &str = "长表 long";

/// The workbook of the records of an export (in the export's order: a report's cells
/// together), with the comparison sheet when `compare` is given.
pub fn workbook(records: &[Record], compare: Option<&Rows>) -> Result<Vec<u8>, Error> {
    fits(records.len())?;
    let reports = reports(records);
    let mut wanted: Vec<String> = Vec::new();
    if compare.is_some() {
        wanted.push(COMPARE_SHEET.into());
    }
    wanted.extend(
        reports
            .iter()
            .map(|r| format!("{} {}", r[0].agency, r[0].year)),
    );
    wanted.push(LONG_SHEET.into());
    let mut names = sheet_names(&wanted).into_iter();
    let f = Formats::new();
    let mut book = Workbook::new();
    if let Some(rows) = compare {
        let sheet = book.add_worksheet();
        sheet.set_name(names.next().expect("a name per sheet"))?;
        compare_sheet(sheet, rows, &f)?;
    }
    for report in &reports {
        let sheet = book.add_worksheet();
        sheet.set_name(names.next().expect("a name per sheet"))?;
        report_sheet(sheet, report, &f)?;
    }
    // Written row by row, streamed to a temporary file rather than held as cells in memory.
    let sheet = book.add_worksheet_with_constant_memory()?;
    sheet.set_name(names.next().expect("a name per sheet"))?;
    long_sheet(sheet, records, &f)?;
    Ok(book.save_to_buffer()?)
}

/// Whether a long form of `lines` records fits one sheet under its header line.
pub fn fits(lines: usize) -> Result<(), Error> {
    match lines {
        n if n < MAX_LINES => Ok(()),
        lines => Err(Error::TooLong { lines }),
    }
}

/// Sheet names Excel takes for the names wanted, in order: at most 31 characters (UTF-16
/// units), none of `[]:*?/\`, not starting or ending with `'`, not `History` (Excel's own),
/// and unique without regard to case; a name cut short or taken gets ` (2)`, ` (3)`, ….
pub fn sheet_names(wanted: &[String]) -> Vec<String> {
    const MAX: usize = 31;
    let fit = |s: &str, room: usize| -> String {
        let mut out = String::new();
        let mut units = 0;
        for ch in s.chars() {
            units += ch.len_utf16();
            if units > room {
                break;
            }
            out.push(ch);
        }
        out
    };
    let mut taken: HashSet<String> = HashSet::new();
    let mut out = Vec::with_capacity(wanted.len());
    for w in wanted {
        let clean: String = w
            .chars()
            .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
            .collect();
        let clean = clean.trim_matches(|c: char| c == '\'' || c.is_whitespace());
        let base = match clean {
            "" => "Sheet".to_string(),
            c if c.eq_ignore_ascii_case("history") => format!("{c}_"),
            c => c.to_string(),
        };
        let mut name = fit(&base, MAX).trim_end_matches('\'').to_string();
        let mut k = 2;
        while !taken.insert(name.to_lowercase()) {
            let suffix = format!(" ({k})");
            name = format!(
                "{}{suffix}",
                fit(&base, MAX - suffix.len()).trim_end_matches('\'')
            );
            k += 1;
        }
        out.push(name);
    }
    out
}

struct Formats {
    title: Format,
    note: Format,
    section: Format,
    heading: Format,
    label: Format,
    count: Format,
    blank: Format,
    header: Format,
    fraction: Format,
    plain_count: Format,
}

impl Formats {
    fn new() -> Formats {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap();
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            note: Format::new().set_font_color(Color::Gray),
            section: Format::new().set_bold().set_font_size(12),
            heading: cell
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xEEEEEE)),
            label: cell.clone(),
            count: cell
                .clone()
                .set_align(FormatAlign::Right)
                .set_num_format("0"),
            blank: cell,
            header: Format::new()
                .set_bold()
                .set_border(FormatBorder::Thin)
                .set_background_color(Color::RGB(0xEEEEEE)),
            fraction: Format::new().set_num_format("0.0000"),
            plain_count: Format::new().set_num_format("0"),
        }
    }

    /// An amount shown with as many decimals as were printed (`1002.3819`: 4).
    fn money(&self, scale: u32, framed: bool) -> Format {
        let base = if framed {
            self.count.clone()
        } else {
            Format::new()
        };
        match scale {
            0 => base.set_num_format("0"),
            n => base.set_num_format(format!("0.{}", "0".repeat(n as usize))),
        }
    }
}

/// The notice that fixed a template, as a report cites it.
fn notice(t: Template) -> &'static str {
    match t {
        Template::T2019 => "国办公开办函〔2019〕60号",
        Template::T2021 => "国办公开办函〔2021〕30号",
    }
}

/// A report's three tables, one under the other, in the number columns they share.
fn report_sheet(sheet: &mut Worksheet, cells: &[Record], f: &Formats) -> Result<(), Error> {
    let first = &cells[0];
    let template = first
        .template
        .unwrap_or_else(|| Template::expected_for_year(first.year));
    let values: HashMap<(&str, &str), &Option<Number>> = cells
        .iter()
        .map(|c| ((c.row.code, c.col.code), &c.value))
        .collect();
    let six_as_one =
        template == Template::T2019 || cells.iter().any(|c| c.row.code == "other_processing");
    let tables = [
        layout::proactive(template),
        layout::requests(six_as_one),
        layout::appeals(),
    ];
    let width = tables.iter().map(Table::width).max().unwrap_or(LABEL_COLS);
    sheet.set_column_width(0, 6)?;
    sheet.set_column_width(1, 12)?;
    sheet.set_column_width(2, 40)?;
    for c in LABEL_COLS..width {
        sheet.set_column_width(c, 11)?;
    }
    sheet.write_string_with_format(
        0,
        0,
        format!("{}{}年政府信息公开工作年度报告", first.agency, first.year),
        &f.title,
    )?;
    let mut facts = vec![
        format!("统计年度 {}", first.year),
        format!("模板 {} ({})", template, notice(template)),
    ];
    if let Some(code) = &first.region_code {
        facts.push(format!("行政区划代码 {code}"));
    }
    if let Some(level) = &first.level {
        facts.push(format!("层级 {level}"));
    }
    if let Some(source) = &first.source {
        facts.push(format!("来源 {source}"));
    }
    sheet.write_string_with_format(1, 0, facts.join(" · "), &f.note)?;
    let mut top = 3;
    for table in &tables {
        sheet.write_string_with_format(top, 0, &table.title, &f.section)?;
        write_table(sheet, table, top + 1, &values, f)?;
        top += table.height() + 3;
    }
    print_wide(sheet);
    Ok(())
}

/// Printed on A4 across, every column on the page (as many pages down as it takes).
fn print_wide(sheet: &mut Worksheet) {
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_center_horizontally(true);
}

fn write_table(
    sheet: &mut Worksheet,
    table: &Table,
    top: u32,
    values: &HashMap<(&str, &str), &Option<Number>>,
    f: &Formats,
) -> Result<(), Error> {
    for item in &table.items {
        let (r0, c0) = (top + item.row, item.col);
        let (r1, c1) = (r0 + item.rows - 1, c0 + item.cols - 1);
        let merged = item.rows > 1 || item.cols > 1;
        let (text, format) = match &item.content {
            Content::Label(t) if item.heading => (t.as_ref(), &f.heading),
            Content::Label(t) => (t.as_ref(), &f.label),
            Content::Empty | Content::Value { .. } => ("", &f.blank),
        };
        let value = match &item.content {
            Content::Value { row, col } => values.get(&(row.code, col.code)).copied(),
            _ => None,
        };
        let money;
        let format = match value {
            Some(Some(Number::Count(_))) => &f.count,
            Some(Some(Number::Money { scale, .. })) => {
                money = f.money(*scale, true);
                &money
            }
            _ => format,
        };
        if merged {
            sheet.merge_range(r0, c0, r1, c1, text, format)?;
        }
        match value {
            Some(Some(n)) => {
                sheet.write_number_with_format(r0, c0, n.as_f64(), format)?;
            }
            // A blank cell, or one the report does not state: nothing in it but the frame.
            Some(None) | None if text.is_empty() => {
                if !merged {
                    sheet.write_blank(r0, c0, format)?;
                }
            }
            _ => {
                if !merged {
                    sheet.write_string_with_format(r0, c0, text, format)?;
                }
            }
        }
    }
    Ok(())
}

/// The long form: one line per stated cell, the columns of `export --full`, numbers as
/// numbers and a blank cell empty.
fn long_sheet(sheet: &mut Worksheet, records: &[Record], f: &Formats) -> Result<(), Error> {
    // The sheet is written in row order (constant memory): its settings first.
    sheet.set_column_width(0, 24)?;
    sheet.set_column_width(3, 28)?;
    sheet.set_column_width(4, 22)?;
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, records.len() as u32, LONG_COLUMNS.len() as u16 - 1)?;
    sheet.set_repeat_rows(0, 0)?;
    print_wide(sheet);
    for (c, name) in LONG_COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *name, &f.header)?;
    }
    let mut money: HashMap<u32, Format> = HashMap::new();
    for (i, r) in records.iter().enumerate() {
        let y = i as u32 + 1;
        sheet.write_string(y, 0, &r.agency)?;
        sheet.write_number_with_format(y, 1, r.year as f64, &f.plain_count)?;
        sheet.write_string(y, 2, r.row.section.code())?;
        sheet.write_string(y, 3, r.row.code)?;
        sheet.write_string(y, 4, r.col.code)?;
        match &r.value {
            Some(Number::Count(n)) => {
                sheet.write_number_with_format(y, 5, *n as f64, &f.plain_count)?;
            }
            Some(m @ Number::Money { scale, .. }) => {
                let format = money
                    .entry(*scale)
                    .or_insert_with(|| f.money(*scale, false));
                sheet.write_number_with_format(y, 5, m.as_f64(), format)?;
            }
            None => {}
        }
        if let Some(code) = &r.region_code {
            sheet.write_string(y, 6, code)?;
        }
        if let Some(t) = r.template {
            sheet.write_number_with_format(y, 7, t.year() as f64, &f.plain_count)?;
        }
        if let Some(s) = &r.source {
            sheet.write_string(y, 8, s)?;
        }
    }
    Ok(())
}

/// The `compare` view's line for each report: counts as whole numbers, rates as the
/// fractions `compare` gives, shown with 4 decimals as its table shows them.
fn compare_sheet(sheet: &mut Worksheet, rows: &Rows, f: &Formats) -> Result<(), Error> {
    for (c, name) in rows.columns.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, name, &f.header)?;
        let width = if c == 0 {
            24.0
        } else {
            (name.len() as f64).max(10.0)
        };
        sheet.set_column_width(c as u16, width)?;
    }
    let fraction: Vec<bool> = rows.columns.iter().map(|c| super::fractional(c)).collect();
    for (i, row) in rows.rows.iter().enumerate() {
        let y = i as u32 + 1;
        for (c, v) in row.iter().enumerate() {
            let x = c as u16;
            match v {
                SqlValue::Null => {}
                SqlValue::Int(n) if fraction[c] => {
                    sheet.write_number_with_format(y, x, *n as f64, &f.fraction)?;
                }
                SqlValue::Int(n) => {
                    sheet.write_number_with_format(y, x, *n as f64, &f.plain_count)?;
                }
                SqlValue::Real(n) => {
                    sheet.write_number_with_format(y, x, *n, &f.fraction)?;
                }
                SqlValue::Text(t) | SqlValue::Decimal(t) => {
                    sheet.write_string(y, x, t)?;
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 1)?;
    sheet.autofilter(0, 0, rows.rows.len() as u32, rows.columns.len() as u16 - 1)?;
    print_wide(sheet);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Excel's 1,048,576 lines hold the header and 1,048,575 records; one more is refused,
    /// naming the filters that select fewer.
    #[test]
    fn a_long_form_past_excels_lines_is_refused() {
        assert!(fits(0).is_ok());
        assert!(fits(MAX_LINES - 1).is_ok());
        let message = fits(MAX_LINES).unwrap_err().to_string();
        assert!(message.contains("at most 1048575 lines"), "{message}");
        assert!(message.contains("--region, --level"), "{message}");
    }

    #[test]
    fn sheet_names_excel_takes() {
        let long = "江苏省淮安市洪泽区人民政府办公室关于某某事项的专门机构名称很长很长";
        let wanted: Vec<String> = [
            "晋江市人民政府 2024",
            "a/b:c*d?e[f]g\\h 2024",
            "'quoted' 2024",
            &format!("{long} 2023"),
            &format!("{long} 2024"),
            "History",
            "对比 compare",
            "对比 COMPARE",
            "",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let names = sheet_names(&wanted);
        assert_eq!(names[0], "晋江市人民政府 2024");
        assert_eq!(names[1], "a_b_c_d_e_f_g_h 2024");
        assert_eq!(names[2], "quoted' 2024");
        assert_eq!(names[3].encode_utf16().count(), 31);
        assert!(names[4].ends_with(" (2)"), "{}", names[4]);
        assert_eq!(names[5], "History_");
        assert_eq!(names[7], "对比 COMPARE (2)");
        assert_eq!(names[8], "Sheet");
    }

    proptest! {
        /// Whatever the names, the sheet names are valid for Excel and unique without regard
        /// to case.
        #[test]
        fn sheet_names_are_valid_and_unique(
            wanted in proptest::collection::vec("[a-zA-Z'\\[\\]:*?/\\\\ 人民政府𠀀]{0,40}", 1..12)
        ) {
            let names = sheet_names(&wanted);
            prop_assert_eq!(names.len(), wanted.len());
            let mut seen = HashSet::new();
            for n in &names {
                prop_assert!(rust_xlsxwriter::utility::check_sheet_name(n).is_ok(), "{:?}", n);
                prop_assert!(!n.eq_ignore_ascii_case("history"));
                prop_assert!(seen.insert(n.to_lowercase()), "{:?} twice", n);
            }
        }
    }
}

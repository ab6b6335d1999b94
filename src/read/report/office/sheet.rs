//! Workbooks (`.xlsx`, `.xls`, `.ods`, WPS `.et`) through calamine: each visible sheet's used
//! range is a grid, handed to the table reader as an HTML table is (`page.rs`), so the tables
//! may stand on one sheet or one to a sheet. A merged range is one cell, where it starts (as
//! calamine tells merges for `.xlsx` and `.xls`, and `ods.rs` for `.ods`).
//! Each cell's place is `sheet S row R cell C`, the sheet in tab order and the row and column
//! numbers the spreadsheet shows.
//!
//! A number stored as a number is written out as the spreadsheet shows it at most (15
//! significant digits, so a formula's 2.0000000000000004 is 2): a whole one is a count, and a
//! fraction is refused by the table reader in a count cell, naming the cell; a number stored
//! as text is read as printed text. Each row's text is also a line, for the title and the
//! statistics period; a workbook often has neither, and the import then asks for --agency
//! and --year. A sheet's name is a heading when it is words (`表三 收到和处理…`), not
//! `Sheet1`.
//!
//! Hidden sheets are not read: they hold drafts and lookups, not what the agency published.

use super::zipped::Archive;
use super::{OfficeError, Read};
use crate::read::report::detect::Format;
use crate::read::report::page::Builder;
use crate::read::report::token::Origin;
use calamine::{Data, DataRef, Dimensions, Reader, SheetType, SheetVisible};
use std::collections::{BTreeMap, HashSet};
use std::io::Cursor;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Book {
    Xlsx,
    Xls,
    Ods,
}

/// A sheet holding more cells than this, or a used range wider and longer than
/// [`MAX_AREA`], is not a report's tables (three tables take about 500 cells) and is refused
/// before it is laid out.
const MAX_CELLS: usize = 200_000;
const MAX_AREA: u64 = 2_000_000;

/// One sheet's cells that hold something, by (row, column) from 0, and its merged ranges.
struct Grid {
    name: String,
    cells: BTreeMap<(u32, u32), String>,
    merges: Vec<Dimensions>,
}

pub fn read(bytes: &[u8], book: Book) -> Result<Read, OfficeError> {
    let bad = |e: &dyn std::fmt::Display| OfficeError::Workbook(e.to_string());
    // The bytes of text taken from the workbook's cells so far: a shared string is one in
    // the file and a copy in every cell that shows it.
    let mut copied = 0u64;
    let grids = match book {
        Book::Xlsx => {
            // calamine inflates parts without a cap: inflate them once within ours first.
            Archive::open(bytes)?.check_xml_parts()?;
            let mut wb = calamine::Xlsx::new(Cursor::new(bytes)).map_err(|e| bad(&e))?;
            let mut grids = Vec::new();
            for name in visible(wb.sheets_metadata()) {
                let merges = wb.merge_cells_by_sheet_name(&name).map_err(|e| bad(&e))?;
                let mut cells = BTreeMap::new();
                let mut reader = wb.worksheet_cells_reader(&name).map_err(|e| bad(&e))?;
                while let Some(cell) = reader.next_cell().map_err(|e| bad(&e))? {
                    if let Some(text) = text_ref(cell.get_value()) {
                        insert(&mut cells, cell.get_position(), text, &name, &mut copied)?;
                    }
                }
                grids.push(Grid {
                    name,
                    cells,
                    merges,
                });
            }
            grids
        }
        Book::Xls => {
            // calamine lays out every sheet as it opens the workbook: measured first.
            super::biff::check(bytes)?;
            let mut wb = calamine::Xls::new(Cursor::new(bytes)).map_err(|e| bad(&e))?;
            let mut grids = Vec::new();
            for name in visible(wb.sheets_metadata()) {
                let merges = wb.merge_cells_by_sheet_name(&name).map_err(|e| bad(&e))?;
                let range = wb.worksheet_range(&name).map_err(|e| bad(&e))?;
                grids.push(from_range(name, &range, merges, &mut copied)?);
            }
            grids
        }
        Book::Ods => {
            Archive::open(bytes)?.check_xml_parts()?;
            let mut merges = super::ods::merges(bytes)?;
            let mut wb = calamine::Ods::new(Cursor::new(bytes)).map_err(|e| bad(&e))?;
            let mut grids = Vec::new();
            for name in visible(wb.sheets_metadata()) {
                let range = wb.worksheet_range(&name).map_err(|e| bad(&e))?;
                let merges = merges.remove(&name).unwrap_or_default();
                grids.push(from_range(name, &range, merges, &mut copied)?);
            }
            grids
        }
    };
    let mut page = Builder::new();
    let mut tables = 0;
    for (i, grid) in grids.iter().enumerate() {
        if !grid.cells.is_empty() {
            tables += 1;
            lay_out(grid, i as u32 + 1, &mut page)?;
        }
    }
    Ok(Read {
        format: match book {
            Book::Xlsx => Format::Xlsx,
            Book::Xls => Format::Xls,
            Book::Ods => Format::Ods,
        },
        encoding: match book {
            Book::Xls => "BIFF",
            _ => "UTF-8",
        },
        page: page.finish(),
        tables,
    })
}

/// The worksheets a person sees, in tab order.
fn visible(sheets: &[calamine::Sheet]) -> Vec<String> {
    sheets
        .iter()
        .filter(|s| s.visible == SheetVisible::Visible && s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect()
}

fn insert(
    cells: &mut BTreeMap<(u32, u32), String>,
    at: (u32, u32),
    text: String,
    sheet: &str,
    copied: &mut u64,
) -> Result<(), OfficeError> {
    *copied += text.len() as u64;
    if *copied > super::biff::MAX_TEXT {
        return Err(OfficeError::Refused(crate::t!(
            "office-too-much-text",
            sheet = sheet,
            mb = (super::biff::MAX_TEXT >> 20).to_string()
        )));
    }
    if cells.len() >= MAX_CELLS {
        return Err(OfficeError::Refused(crate::t!(
            "office-too-many-cells",
            sheet = sheet,
            max = MAX_CELLS.to_string()
        )));
    }
    cells.insert(at, text);
    Ok(())
}

fn from_range(
    name: String,
    range: &calamine::Range<Data>,
    merges: Vec<Dimensions>,
    copied: &mut u64,
) -> Result<Grid, OfficeError> {
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let mut cells = BTreeMap::new();
    for (r, c, v) in range.used_cells() {
        if let Some(text) = text(v) {
            insert(
                &mut cells,
                (r0 + r as u32, c0 + c as u32),
                text,
                &name,
                copied,
            )?;
        }
    }
    Ok(Grid {
        name,
        cells,
        merges,
    })
}

/// A cell's content as the table reader reads printed text; `None` for an empty cell.
fn text(v: &Data) -> Option<String> {
    Some(match v {
        Data::Empty => return None,
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::String(s) => s.clone(),
        Data::Bool(b) => b.to_string().to_uppercase(),
        Data::DateTime(d) if d.is_duration() => number(d.as_f64()),
        Data::DateTime(d) => date(d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    })
}

fn text_ref(v: &DataRef<'_>) -> Option<String> {
    Some(match v {
        DataRef::Empty => return None,
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number(*f),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => s.to_string(),
        DataRef::Bool(b) => b.to_string().to_uppercase(),
        DataRef::DateTime(d) if d.is_duration() => number(d.as_f64()),
        DataRef::DateTime(d) => date(d.as_f64()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => e.to_string(),
    })
}

/// A stored number as the spreadsheet shows it in General format: whole numbers without a
/// point, others to 15 significant digits (what is past them is binary noise).
fn number(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    let shown: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    if shown.fract() == 0.0 && shown.abs() < 1e15 {
        format!("{}", shown as i64)
    } else {
        format!("{shown}")
    }
}

/// A date cell (a serial day number from 1899-12-30) as the date it shows, 2024-01-01: a
/// date is never one of the tables' numbers.
fn date(serial: f64) -> String {
    let days = serial.floor() as i64 - 25_569; // days from 1970-01-01
    // Civil from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y}-{m:02}-{d:02}")
}

/// One sheet into the page: its name as a heading when it is one, then each row that holds
/// something, from the used range's first column to its last, a merged range once.
fn lay_out(grid: &Grid, sheet: u32, page: &mut Builder) -> Result<(), OfficeError> {
    let first_col = grid.cells.keys().map(|k| k.1).min().unwrap_or(0);
    let last_col = grid.cells.keys().map(|k| k.1).max().unwrap_or(0);
    let rows: Vec<u32> = {
        let mut r: Vec<u32> = grid.cells.keys().map(|k| k.0).collect();
        r.dedup();
        r
    };
    let width = u64::from(last_col - first_col) + 1;
    if width * rows.len() as u64 > MAX_AREA {
        return Err(OfficeError::Refused(format!(
            "sheet “{}” uses {} rows by {width} columns: too large to be a report's tables",
            grid.name,
            rows.len()
        )));
    }
    // Cells a merged range covers, past its first: within the used range only, so a huge
    // merge costs no more than the range.
    let mut covered: HashSet<(u32, u32)> = HashSet::new();
    let mut visits = 0u64;
    for m in &grid.merges {
        for &r in rows.iter().filter(|r| (m.start.0..=m.end.0).contains(*r)) {
            let (from, to) = (m.start.1.max(first_col), m.end.1.min(last_col));
            visits += u64::from(to.saturating_sub(from)) + 1;
            // Ranges over one another could make this loop the cost of a file: bounded too.
            if visits > 2 * MAX_AREA {
                return Err(OfficeError::Refused(format!(
                    "sheet “{}” has merged ranges covering more than {} cells: not a report's tables",
                    grid.name,
                    2 * MAX_AREA
                )));
            }
            for c in from..=to {
                if (r, c) != m.start {
                    covered.insert((r, c));
                }
            }
        }
    }
    if is_heading(&grid.name) {
        page.text(&grid.name);
        page.flush();
    }
    let ends = block_ends(grid, &rows);
    for (&r, &end) in rows.iter().zip(&ends) {
        page.row();
        let mut line: Vec<&str> = Vec::new();
        for c in first_col..=end {
            if covered.contains(&(r, c)) {
                continue;
            }
            let text = grid.cells.get(&(r, c)).map_or("", String::as_str);
            if !text.trim().is_empty() {
                line.push(text.trim());
            }
            let origin = Origin::Sheet {
                sheet,
                row: r + 1,
                cell: c + 1,
            };
            page.cell(text, origin, c - first_col);
        }
        page.line_only(&line.join(" "));
    }
    Ok(())
}

/// The last column of each row's table: rows that follow one another without an empty row
/// between are one table (with its heading), whose rows all reach its widest row or merge.
/// An HTML table's rows all have its width, a blank cell at the end of a row included; a
/// sheet's used range is as wide as its widest table, and the cells past a narrower table's
/// end are not blanks of its rows.
fn block_ends(grid: &Grid, rows: &[u32]) -> Vec<u32> {
    let last_in_row = |r: u32| {
        let cells = grid.cells.range((r, 0)..=(r, u32::MAX)).map(|(k, _)| k.1);
        let merges = grid
            .merges
            .iter()
            .filter(|m| m.start.0 == r)
            .map(|m| m.end.1);
        cells.chain(merges).max().unwrap_or(0)
    };
    let mut ends = vec![0; rows.len()];
    let mut start = 0;
    for i in 0..=rows.len() {
        let breaks = i == rows.len() || (i > start && rows[i] != rows[i - 1] + 1);
        if breaks {
            let end = rows[start..i]
                .iter()
                .map(|r| last_in_row(*r))
                .max()
                .unwrap_or(0);
            ends[start..i].fill(end);
            start = i;
        }
    }
    ends
}

/// Is a sheet's name words a person gave it (`表三`, `收到和处理政府信息公开申请情况`), not a
/// spreadsheet's default (`Sheet1`, `工作表1`)? Only words with Chinese characters are taken,
/// and no digits (a stray number between tables would be read as a cell).
fn is_heading(name: &str) -> bool {
    let cjk = name.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    cjk && !name.starts_with("工作表") && !name.chars().any(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_shown() {
        assert_eq!(number(203.0), "203");
        assert_eq!(number(2.0000000000000004), "2");
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(number(1002.3819), "1002.3819");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(-3.0), "-3");
        assert_eq!(date(45292.0), "2024-01-01");
    }

    #[test]
    fn sheet_names_that_are_headings() {
        assert!(is_heading("表三 收到和处理政府信息公开申请情况"));
        assert!(!is_heading("Sheet1"));
        assert!(!is_heading("工作表1"));
        assert!(!is_heading("2024年"));
    }
}

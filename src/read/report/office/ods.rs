//! The merged ranges of an OpenDocument spreadsheet, which calamine does not tell: a cell of
//! `content.xml` that spans (`table:number-columns-spanned`, `table:number-rows-spanned`)
//! covers the cells after and below it, and those must not be read as blank cells of the
//! table (an HTML table has no cell there at all).
//!
//! The same pass measures what calamine would lay out, before it does: calamine reads every
//! sheet when the workbook is opened, copies a repeated cell (`table:number-columns-repeated`,
//! `table:number-rows-repeated`) into each place it repeats to, and makes each sheet a dense
//! range from its first cell to its last (and a second one for formulas). A `content.xml` of
//! a few hundred bytes can repeat a cell over 1,048,576 rows × 16,384 columns; calamine caps
//! that at 100 million cells, gigabytes. Past [`MAX_AREA`] cells, or [`MAX_TEXT`] bytes of
//! text copied into cells, the workbook is refused here.

use super::OfficeError;
use super::biff::{MAX_AREA, MAX_TEXT};
use super::zipped::{self, Archive};
use calamine::Dimensions;
use quick_xml::events::Event;
use std::collections::HashMap;

/// What calamine would lay out for one sheet, as far as it is read.
#[derive(Default)]
struct Extent {
    /// The cells calamine collects row by row (up to each row's last cell with something).
    collected: u64,
    rows: Option<(u64, u64)>,
    cols: Option<(u64, u64)>,
}

impl Extent {
    /// The cells of the sheet's range (twice: values and formulas) and those collected.
    fn area(&self) -> u64 {
        match (self.rows, self.cols) {
            (Some(r), Some(c)) => (r.1 - r.0 + 1)
                .saturating_mul(c.1 - c.0 + 1)
                .saturating_mul(2)
                .saturating_add(self.collected),
            _ => self.collected,
        }
    }
}

/// calamine's cap on a row's columns, and so on what one row collects.
const MAX_COLUMNS: u64 = 16_384;

/// Merged ranges by sheet name, positions from 0 as calamine gives cells; refused when
/// calamine would lay out too much (see the module's comment).
pub fn merges(bytes: &[u8]) -> Result<HashMap<String, Vec<Dimensions>>, OfficeError> {
    let mut zip = Archive::open(bytes)?;
    let xml = zip.part("content.xml")?;
    let bad = |e: quick_xml::Error| OfficeError::Xml {
        part: "content.xml".into(),
        message: e.to_string(),
    };
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut buf = Vec::new();
    let mut out: HashMap<String, Vec<Dimensions>> = HashMap::new();
    let mut sheet = String::new();
    // The row being read, the next row's number, and the column of the next cell.
    let (mut row, mut next, mut col) = (0u32, 0u32, 0u32);
    let count = |e: &quick_xml::events::BytesStart<'_>, name: &str| -> u32 {
        zipped::attr(e, name)
            .and_then(|v| v.trim().parse::<u32>().ok())
            .unwrap_or(1)
            .max(1)
    };
    // The sheets measured so far, the sheet being read, its row's repeats and the end of its
    // last cell with something, the cell being read (its column, repeats, whether it has a
    // value type, the bytes of its text), and the text copied into cells.
    let (mut area, mut text) = (0u64, 0u64);
    let mut extent = Extent::default();
    let (mut row_repeats, mut row_end) = (1u64, 0u64);
    let mut cell: Option<(u64, u64, bool, u64)> = None;
    let mut valued = |extent: &mut Extent,
                      row: u32,
                      row_repeats: u64,
                      row_end: &mut u64,
                      (at, repeats, typed, len): (u64, u64, bool, u64)|
     -> bool {
        if !typed && len == 0 {
            return true;
        }
        let row = u64::from(row);
        *row_end = (*row_end).max(at.saturating_add(repeats)).min(MAX_COLUMNS);
        let last_row = row.saturating_add(row_repeats - 1);
        extent.rows = Some(
            extent
                .rows
                .map_or((row, last_row), |r| (r.0.min(row), r.1.max(last_row))),
        );
        let last_col = at.saturating_add(repeats - 1).min(MAX_COLUMNS - 1);
        extent.cols = Some(
            extent
                .cols
                .map_or((at, last_col), |c| (c.0.min(at), c.1.max(last_col))),
        );
        text = text.saturating_add(len.saturating_mul(repeats).saturating_mul(row_repeats));
        text <= MAX_TEXT
    };
    let too_much_text = |sheet: &str| {
        OfficeError::Refused(format!(
            "sheet “{sheet}” repeats cells holding more than {} MB of text: not a report's tables",
            MAX_TEXT >> 20
        ))
    };
    let too_large = |sheet: &str, extent: &Extent| {
        let (r, c) = (extent.rows.unwrap_or((0, 0)), extent.cols.unwrap_or((0, 0)));
        OfficeError::Refused(format!(
            "sheet “{sheet}” (with those before it) would be laid out as more than {MAX_AREA} cells (rows {} to {}, columns {} to {}, repeated cells counted): too large to be a report's tables",
            r.0 + 1,
            r.1 + 1,
            c.0 + 1,
            c.1 + 1
        ))
    };
    loop {
        let event = reader.read_event_into(&mut buf).map_err(bad)?;
        let e = match &event {
            Event::Start(e) | Event::Empty(e) => e,
            Event::Text(t) => {
                if let Some(c) = cell.as_mut() {
                    c.3 += t.len() as u64;
                }
                buf.clear();
                continue;
            }
            Event::End(e) => {
                match e.local_name().as_ref() {
                    "table-cell" | "covered-table-cell" => {
                        if let Some(c) = cell.take()
                            && !valued(&mut extent, row, row_repeats, &mut row_end, c)
                        {
                            return Err(too_much_text(&sheet));
                        }
                    }
                    "table-row" => {
                        extent.collected = extent.collected.saturating_add(row_end);
                        if area.saturating_add(extent.area()) > MAX_AREA {
                            return Err(too_large(&sheet, &extent));
                        }
                    }
                    "table" => {
                        area = area.saturating_add(extent.area());
                        if area > MAX_AREA {
                            return Err(too_large(&sheet, &extent));
                        }
                        extent = Extent::default();
                    }
                    _ => {}
                }
                buf.clear();
                continue;
            }
            Event::Eof => break,
            _ => {
                buf.clear();
                continue;
            }
        };
        match e.local_name().as_ref() {
            "table" => {
                sheet = zipped::attr(e, "name").unwrap_or_default();
                (row, next) = (0, 0);
            }
            "table-row" => {
                // This row is `next`; the rows it repeats (empty ones, usually) follow it.
                row = next;
                col = 0;
                row_repeats = u64::from(count(e, "number-rows-repeated"));
                row_end = 0;
                next = next.saturating_add(count(e, "number-rows-repeated"));
            }
            "table-cell" | "covered-table-cell" => {
                let repeats = u64::from(count(e, "number-columns-repeated"));
                let typed = zipped::attr(e, "value-type").is_some();
                let c = (u64::from(col), repeats, typed, 0);
                if matches!(event, Event::Start(_)) {
                    cell = Some(c);
                } else if !valued(&mut extent, row, row_repeats, &mut row_end, c) {
                    return Err(too_much_text(&sheet));
                }
                let cols = count(e, "number-columns-spanned");
                let rows = count(e, "number-rows-spanned");
                if (cols > 1 || rows > 1) && e.local_name().as_ref() == "table-cell" {
                    out.entry(sheet.clone()).or_default().push(Dimensions {
                        start: (row, col),
                        end: (row.saturating_add(rows - 1), col.saturating_add(cols - 1)),
                    });
                }
                col = col.saturating_add(count(e, "number-columns-repeated"));
            }
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

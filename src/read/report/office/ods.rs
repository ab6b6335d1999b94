//! The merged ranges of an OpenDocument spreadsheet, which calamine does not tell: a cell of
//! `content.xml` that spans (`table:number-columns-spanned`, `table:number-rows-spanned`)
//! covers the cells after and below it, and those must not be read as blank cells of the
//! table (an HTML table has no cell there at all).

use super::OfficeError;
use super::zipped::{self, Archive};
use calamine::Dimensions;
use quick_xml::events::Event;
use std::collections::HashMap;

/// Merged ranges by sheet name, positions from 0 as calamine gives cells.
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
    loop {
        let event = reader.read_event_into(&mut buf).map_err(bad)?;
        let e = match &event {
            Event::Start(e) | Event::Empty(e) => e,
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
                next = next.saturating_add(count(e, "number-rows-repeated"));
            }
            "table-cell" | "covered-table-cell" => {
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

//! A PDF with a text layer whose tables are pictures: a report written in Word with its
//! tables pasted as images (a spreadsheet's, or a web page's screenshots), then printed. Its
//! text layer holds the title, the headings and the narrative exactly; each picture placed
//! large enough to be a table is taken out of the PDF at its own resolution (`pdf.rs`,
//! poppler's `pdftohtml`), read by OCR as a table image is (`ocr/`), and put among its page's
//! lines by its height on the page. A cell read so names its page and picture:
//! `page 4 picture 1 cell (x,y,w,h) OCR conf NN`, the box in the picture's pixels.

use super::detect::Format;
use super::page::{Builder, Page};
use super::{Overrides, Reading, ReportError, ocr, pdf, scanned};
use std::path::Path;

/// Reads the PDF at `path` (`bytes`; `texts`, pdftotext's `-layout` text of each page) with
/// the tables its pictures hold, or `None` when no picture in it holds a ruled table.
pub(super) fn read(
    path: &Path,
    bytes: &[u8],
    texts: &[String],
    overrides: &Overrides,
    partial: bool,
) -> Option<Result<Reading, ReportError>> {
    let fail = |message: String| ReportError {
        file: path.display().to_string(),
        line: None,
        message,
    };
    // A picture too large to take out may be a table: the PDF is refused naming it.
    let pictures = match pdf::pictures(bytes) {
        Ok(pictures) => pictures,
        Err(pdf::PicturesError::TooLarge(why)) => return Some(Err(fail(why))),
        Err(pdf::PicturesError::Other) => return None,
    };
    if pictures.len() > scanned::MAX_PICTURES {
        return Some(Err(fail(crate::t!(
            "pictures-too-many",
            n = pictures.len().to_string(),
            max = scanned::MAX_PICTURES.to_string()
        ))));
    }
    // Each picture holding a ruled table: its page and its top.
    let mut places: Vec<(usize, f64)> = Vec::new();
    let mut tables = Vec::new();
    for p in pictures {
        if !ocr::is_image(&p.bytes) || !ocr::has_table(&p.bytes).unwrap_or(false) {
            continue;
        }
        let number = 1 + places.iter().filter(|(page, _)| *page == p.page).count();
        let name = format!("page {} picture {number}", p.page);
        tables.push((places.len(), name, p.bytes));
        places.push((p.page, p.top));
    }
    let scans = match scanned::Pictures::read(tables) {
        Ok(scans) => scans,
        Err(e) => return Some(Err(fail(e))),
    };
    if scans.is_empty() {
        return None;
    }
    let lines = match pdf::word_boxes(bytes) {
        Ok(xhtml) => pdf::page_lines(&xhtml),
        Err(e) => return Some(Err(fail(e))),
    };
    let page = |pick: &[usize]| -> Page {
        let mut b = Builder::new();
        for (i, text) in texts.iter().enumerate() {
            let here: Vec<usize> = (0..places.len())
                .filter(|&k| places[k].0 == i + 1)
                .collect();
            if here.is_empty() {
                for l in text.lines() {
                    b.text(l);
                    b.flush();
                }
                continue;
            }
            // The page's lines and pictures down the page; a line level with a picture's top
            // goes before it (a heading printed at its edge).
            let page_lines = lines.get(i).map_or(&[][..], Vec::as_slice);
            let mut order: Vec<(f64, u8, usize)> = page_lines
                .iter()
                .enumerate()
                .map(|(j, (top, _))| (*top, 0, j))
                .chain(here.iter().map(|&k| (places[k].1, 1, k)))
                .collect();
            order.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            for (_, kind, j) in order {
                if kind == 0 {
                    b.text(&page_lines[j].1);
                    b.flush();
                } else {
                    scans.emit(j, &mut b, pick);
                }
            }
        }
        b.finish()
    };
    Some(scans.settle(path, overrides, Format::Pdf, &page, partial))
}

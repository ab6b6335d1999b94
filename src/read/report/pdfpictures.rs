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

/// A picture of a table, read.
struct Read {
    page: usize,
    /// Its number among its page's pictures of tables, from 1.
    number: usize,
    top: f64,
    scanned: ocr::Scanned,
}

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
    let pictures = pdf::pictures(bytes).ok()?;
    let mut reads: Vec<Read> = Vec::new();
    for p in pictures {
        if !ocr::is_image(&p.bytes) || !ocr::has_table(&p.bytes).unwrap_or(false) {
            continue;
        }
        let number = 1 + reads.iter().filter(|r| r.page == p.page).count();
        match ocr::read_image_as(&p.bytes, reads.len() + 1) {
            Ok(scanned) => reads.push(Read {
                page: p.page,
                number,
                top: p.top,
                scanned,
            }),
            Err(e) => {
                return Some(Err(fail(format!("page {} picture {number}: {e}", p.page))));
            }
        }
    }
    if reads.is_empty() {
        return None;
    }
    let lines = match pdf::word_boxes(bytes) {
        Ok(xhtml) => pdf::page_lines(&xhtml),
        Err(e) => return Some(Err(fail(e))),
    };
    // The doubtful cells of all the pictures, in order: picture k's are from offset[k].
    let mut doubts = Vec::new();
    let mut offset = Vec::new();
    for r in &reads {
        offset.push(doubts.len());
        doubts.extend(r.scanned.doubts.iter().cloned());
    }
    let page = |pick: &[usize]| -> Page {
        let mut b = Builder::new();
        for (i, text) in texts.iter().enumerate() {
            let here: Vec<usize> = (0..reads.len())
                .filter(|&k| reads[k].page == i + 1)
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
                .chain(here.iter().map(|&k| (reads[k].top, 1, k)))
                .collect();
            order.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            for (_, kind, j) in order {
                if kind == 0 {
                    b.text(&page_lines[j].1);
                    b.flush();
                } else {
                    let n = reads[j].scanned.doubts.len();
                    let mine = pick.get(offset[j]..offset[j] + n).unwrap_or(&[]);
                    reads[j].scanned.emit_into(&mut b, mine);
                }
            }
        }
        b.finish()
    };
    let read = scanned::settle(path, overrides, Format::Pdf, &doubts, &page, partial);
    let name = |s: &str| {
        let mut s = s.to_string();
        for (k, r) in reads.iter().enumerate() {
            s = s.replace(
                &format!("page {} cell (", k + 1),
                &format!("page {} picture {} cell (", r.page, r.number),
            );
        }
        s
    };
    Some(match read {
        Ok(mut r) => {
            for c in &mut r.report.cells {
                c.origin = c.origin.as_deref().map(name);
            }
            Ok(r)
        }
        Err(mut e) => {
            e.message = name(&e.message);
            Err(e)
        }
    })
}

//! A Word report (`.docx`, or a `.doc`, `.wps` or RTF read as one) whose tables are pictures: pasted from a spreadsheet or a web page
//! as images. Its paragraphs give the title, year and headings; each picture in its body that
//! holds a ruled table is read by OCR (`ocr/`) and put in the document where it stands. A cell
//! read so names its picture: `picture N cell (x,y,w,h) OCR conf NN`, N counting the body's
//! pictures from 1, the box in the picture's pixels.

use super::{Overrides, Reading, ReportError, ocr, office, scanned};
use std::path::Path;

/// Reads the Word document at `path` (`bytes`) with the tables its pictures hold, or `None`
/// when it is no Word document or no picture in it holds a ruled table.
pub(super) fn read(
    path: &Path,
    bytes: &[u8],
    overrides: &Overrides,
    partial: bool,
) -> Option<Result<Reading, ReportError>> {
    let fail = |message: String| ReportError {
        file: path.display().to_string(),
        line: None,
        message,
    };
    let (docx, format, pictures) = office::word_pictures(bytes)?;
    // Each picture holding a ruled table, read: its index among the body's pictures.
    let mut scans: Vec<(usize, ocr::Scanned)> = Vec::new();
    for (i, picture) in pictures.iter().enumerate() {
        if !ocr::is_image(picture) || !ocr::has_table(picture).unwrap_or(false) {
            continue;
        }
        match ocr::read_image_as(picture, i + 1) {
            Ok(s) => scans.push((i, s)),
            Err(e) => return Some(Err(fail(format!("picture {}: {e}", i + 1)))),
        }
    }
    if scans.is_empty() {
        return None;
    }
    // The doubtful cells of all the pictures, in order: picture k's are from offset[k].
    let mut doubts = Vec::new();
    let mut offset = Vec::new();
    for (_, s) in &scans {
        offset.push(doubts.len());
        doubts.extend(s.doubts.iter().cloned());
    }
    let page = |pick: &[usize]| {
        let read = office::read_docx_with(&docx, format, &mut |i, b| {
            if let Some(k) = scans.iter().position(|(j, _)| *j == i) {
                let n = scans[k].1.doubts.len();
                let mine = pick.get(offset[k]..offset[k] + n).unwrap_or(&[]);
                scans[k].1.emit_into(b, mine);
            }
        });
        read.expect("the document was read before").page
    };
    let read = scanned::settle(path, overrides, format, &doubts, &page, partial);
    let name = |s: &str| {
        let mut s = s.to_string();
        for (i, _) in &scans {
            s = s.replace(
                &format!("page {} cell (", i + 1),
                &format!("picture {} cell (", i + 1),
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

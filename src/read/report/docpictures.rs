//! A Word report (`.docx`, or a `.doc`, `.wps` or RTF read as one) whose tables are pictures: pasted from a spreadsheet or a web page
//! as images. Its paragraphs give the title, year and headings; each picture in its body that
//! holds a ruled table is read by OCR (`ocr/`) and put in the document where it stands. A cell
//! read so names its picture: `picture N cell (x,y,w,h) OCR conf NN`, N counting the body's
//! pictures from 1, the box in the picture's pixels.

use super::detect::Format;
use super::{Overrides, Reading, ReportError, ocr, office, scanned};
use std::path::Path;

/// Reads the Word document at `path` (`docx`, in `format` as published, with its body's
/// `pictures` as `office::word_pictures` gives them) with the tables its pictures hold, or
/// `None` when no picture in it holds a ruled table and every picture was looked at. `first`
/// is why the document's own text did not read: when no picture was read and some could not
/// be (cut short, of a kind not read, missing from the file), the refusal tells it, then them.
pub(super) fn read(
    path: &Path,
    docx: Vec<u8>,
    format: Format,
    pictures: Vec<Vec<u8>>,
    first: &ReportError,
    overrides: &Overrides,
    partial: bool,
) -> Option<Result<Reading, ReportError>> {
    let fail = |message: String| ReportError {
        file: path.display().to_string(),
        line: None,
        message,
    };
    // Each picture holding a ruled table, by its index among the body's pictures; and why
    // each picture that could not be looked at was not.
    let mut tables: Vec<(usize, String, Vec<u8>)> = Vec::new();
    let mut unread: Vec<String> = Vec::new();
    // A picture the body shows again (the same part, or the same bytes) is looked at and read
    // once, where it first stands.
    let mut seen = std::collections::HashSet::new();
    let firsts: Vec<usize> = (0..pictures.len())
        .filter(|&i| seen.insert(pictures[i].as_slice()))
        .collect();
    drop(seen);
    if firsts.len() > scanned::MAX_PICTURES {
        return Some(Err(ReportError {
            line: first.line,
            ..fail(crate::t!(
                "docpictures-too-many",
                first = first.message.as_str(),
                why = crate::t!(
                    "pictures-too-many",
                    n = firsts.len().to_string(),
                    max = scanned::MAX_PICTURES.to_string()
                )
            ))
        }));
    }
    let mut pictures: Vec<Option<Vec<u8>>> = pictures.into_iter().map(Some).collect();
    for i in firsts {
        let Some(p) = pictures[i].take() else {
            continue;
        };
        let why = if p.is_empty() {
            crate::t!("docpictures-missing")
        } else if !ocr::is_image(&p) {
            crate::t!("imgtables-not-an-image")
        } else {
            match ocr::has_table(&p) {
                Ok(true) => {
                    tables.push((i, format!("picture {}", i + 1), p));
                    continue;
                }
                Ok(false) => continue,
                Err(e) => e.to_string(),
            }
        };
        let n = (i + 1).to_string();
        unread.push(crate::t!("docpictures-why", n = n, why = why));
    }
    let scans = match scanned::Pictures::read(tables) {
        Ok(scans) => scans,
        Err(e) => return Some(Err(fail(e))),
    };
    if scans.is_empty() {
        return (!unread.is_empty()).then(|| {
            Err(ReportError {
                line: first.line,
                ..fail(crate::t!(
                    "docpictures-unread",
                    first = first.message.as_str(),
                    pictures = unread.join(&crate::t!("ocr-doubt-separator"))
                ))
            })
        });
    }
    let page = |pick: &[usize]| {
        let read = office::read_docx_with(&docx, format, &mut |i, b| scans.emit(i, b, pick));
        read.expect("the document was read before").page
    };
    Some(scans.settle(path, overrides, format, &page, partial))
}

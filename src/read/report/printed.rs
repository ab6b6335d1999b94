//! A Word report whose tables are metafiles (EMF, WMF): a range of an Excel sheet pasted into
//! the document as a picture, as many agencies keep their tables. A metafile is a drawing, not
//! pixels: each cell's text is a text record (with each character's advance) and the rules are
//! lines, so OCR has nothing to read in it. LibreOffice prints the document to PDF, drawing each
//! metafile with its text as text, and the PDF is read as a Word report printed to PDF is
//! (`read_pdf` in `mod.rs`): exactly, the numbers as they were typed. Each number's place
//! says so: `printed to PDF, line 97` (a line of that print's text).

use super::detect::Format;
use super::{Reading, ReportError, office};
use std::path::Path;

/// What each place of a number read from the print starts with.
pub const PRINTED: &str = "printed to PDF, ";

/// Reads the Word document at `path` (`docx`, published as `format`) whose body holds a
/// metafile of `kind` (`EMF`, `WMF`) by printing it to PDF and reading that (`read_pdf`).
/// `first` is why the document's own text did not read: a refusal tells it first, then what
/// the print said (the metafile may be a logo, and the tables Word's own).
pub(super) fn read(
    path: &Path,
    docx: &[u8],
    format: Format,
    kind: &str,
    first: &ReportError,
    read_pdf: &dyn Fn(&[u8]) -> Result<Reading, ReportError>,
) -> Result<Reading, ReportError> {
    let refuse = |message: String| ReportError {
        file: path.display().to_string(),
        line: first.line,
        message,
    };
    let pdf = office::to_pdf(docx).map_err(|e| {
        refuse(crate::t!(
            "printed-unconverted",
            first = first.message.as_str(),
            kind = kind,
            why = e.to_string()
        ))
    })?;
    match read_pdf(&pdf) {
        Ok(mut reading) => {
            reading.report.format = format.name().to_string();
            reading.detected.format = format;
            for cell in &mut reading.report.cells {
                cell.origin = cell.origin.as_deref().map(|o| format!("{PRINTED}{o}"));
            }
            Ok(reading)
        }
        Err(e) => Err(refuse(crate::t!(
            "printed-unread",
            first = first.message.as_str(),
            kind = kind,
            why = e.message
        ))),
    }
}

/// `text` with each decimal point or thousands comma printed apart from the digits after it
/// (`18651. 06`, `18, 651`) put back against them. A metafile gives each character's advance
/// in the font it names; where LibreOffice draws it in another (宋体 is seldom on a server),
/// a `.` or `,` narrower than its advance leaves a gap that pdftotext prints as a space. A
/// count never ends in `.`, so `digits. digits` in a print of tables is a decimal, and a comma
/// before three digits and no fourth a thousands separator.
pub fn joined(text: &str) -> String {
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for i in 1..b.len() {
        let split = b.get(i + 1) == Some(&b' ')
            && digit(i - 1)
            && digit(i + 2)
            && match b[i] {
                b'.' => true,
                b',' => (i + 2..i + 5).all(digit) && !digit(i + 5),
                _ => false,
            };
        if split {
            out.push_str(&text[from..=i]);
            from = i + 2;
        }
    }
    out.push_str(&text[from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::joined;

    #[test]
    fn decimals_printed_apart_are_joined_and_nothing_else() {
        assert_eq!(
            joined("行政事业性收费   18651. 06"),
            "行政事业性收费   18651.06"
        );
        assert_eq!(joined("18, 651. 06 万元"), "18,651.06 万元");
        assert_eq!(joined("0. 5 1. 25"), "0.5 1.25");
        // A list's numbering, counts side by side, a comma between counts, text: unchanged.
        for same in [
            "1. 属于国家秘密   4   0",
            "217   1   0",
            "12, 3456",
            "1,  2",
            "第二十条第（一）项. 3",
            "。 5",
            ". 5",
            "5.",
            "",
        ] {
            assert_eq!(joined(same), same);
        }
        // Never splits a multi-byte character: the bytes looked at are ASCII.
        assert_eq!(joined("５. ６ 7. 8"), "５. ６ 7.8");
    }
}

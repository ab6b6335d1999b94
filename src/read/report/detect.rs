//! Which format a file is, from its content: an extension is a hint that is often wrong
//! (`.htm` saved as text, `.txt` holding HTML, Markdown named `.txt`, a `.wps` that is a
//! `.doc` or a `.docx`). Word files and workbooks are told apart in `office/`.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Markdown,
    Pdf,
    /// A Word document's own XML (`.docx`, or a `.wps` that is one inside).
    Docx,
    /// Word 97–2003 binary (`.doc`, WPS `.wps`), converted to `.docx` by LibreOffice.
    Doc,
    /// Rich Text Format, converted to `.docx` by LibreOffice.
    Rtf,
    /// Workbooks: Excel 2007+ (`.xlsx`, a WPS `.et` of that kind), Excel 97 (`.xls`, `.et`),
    /// OpenDocument (`.ods`).
    Xlsx,
    Xls,
    Ods,
    /// A PDF with scanned pages (no text layer), read by OCR.
    Scan,
    /// An image of a page or a table (PNG, JPEG, TIFF, GIF, WebP, BMP), read by OCR.
    Image,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Markdown => "markdown",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Doc => "doc",
            Format::Rtf => "rtf",
            Format::Xlsx => "xlsx",
            Format::Xls => "xls",
            Format::Ods => "ods",
            Format::Scan => "scan",
            Format::Image => "image",
        }
    }

    /// A workbook, whose cells are all tables: no narrative, often no title.
    pub fn is_workbook(self) -> bool {
        matches!(self, Format::Xlsx | Format::Xls | Format::Ods)
    }
}

pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

/// Tells HTML, Markdown and text apart in decoded text.
pub fn text_format(text: &str) -> Format {
    let head: String = text
        .chars()
        .take(8192)
        .collect::<String>()
        .to_ascii_lowercase();
    let tags = [
        "<html",
        "<!doctype html",
        "<body",
        "<table",
        "<div",
        "<p>",
        "<p ",
        "<br",
        "<meta",
    ];
    if tags.iter().any(|t| head.contains(t)) || text.contains("<table") || text.contains("<TABLE") {
        return Format::Html;
    }
    if super::markdown::has_table(text) {
        return Format::Markdown;
    }
    Format::Text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides() {
        assert!(is_pdf(b"%PDF-1.7\n..."));
        assert_eq!(text_format("<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(
            text_format("标题\n| a | b |\n|---|---|\n| 1 | 2 |\n"),
            Format::Markdown
        );
        assert_eq!(text_format("规章\t0\t0\t0\n"), Format::Text);
    }
}

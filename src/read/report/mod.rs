//! Published reports (text, HTML, Markdown, PDF, Word, WPS, workbooks): find the three
//! tables and read every number, never guessing.
//!
//! Every format is reduced to one token stream (`token.rs`) by its own reader (`text.rs`,
//! `html.rs`, `markdown.rs`, `pdf.rs`; Word files and workbooks in `office/`, in the form
//! `page.rs` makes for HTML too); `table.rs` finds 表三's rows in that stream by their
//! labels (`labels.rs` when a typo hides them), `sections.rs` does 表二 and 表四, and
//! `cells.rs`, `split.rs` and `settle.rs` turn what is printed after each label into cells.
//!
//! What "never guessing" means here:
//! - a 表三 or 表四 number that cannot be read one way only fails the whole report, with the
//!   file, table, row, printed text and the candidate readings;
//! - cells run together are cut only where exactly one cutting meets the table's identities;
//! - 表二 has no identity: a 表二 row whose cells ran together past telling apart is left out
//!   with a warning (the rest of the report stands), never filled in;
//! - a table the report does not print (no 表二 or 表四 heading) is absent, with a warning;
//! - a subtotal line the template does not have (`（三）不予公开 …`, `小计 …`) is left out only
//!   when its numbers are its group's sums (`subtotal.rs`); otherwise the report fails;
//! - when an extractor moved 表三's labels away from its numbers, the numbers are taken in the
//!   template's order only if every identity of 表三 and 表四 then holds.
//! - in space-aligned text, a 表四 numeric line left short by blank cells, or a 表三 with no
//!   complete row, is placed under the columns of its own header words, only when each number
//!   stands under one heading alone and every identity holds, blanks as 0 (`aligned.rs`);
//! - when it printed some rows' labels after the rows below them (`pdftotext` without
//!   `-layout`), their bare runs of seven numbers take those rows only if the moved labels are
//!   there and every identity holds (`unlabeled.rs`); a 表四 scrambled past what its
//!   identities settle fails the report.

mod aligned;
mod cells;
mod datauri;
mod describe;
pub mod detect;
mod docpictures;
mod html;
mod imgtables;
mod index;
mod labels;
mod markdown;
mod nesting;
mod ocr;
mod office;
mod page;
mod partial;
mod pdf;
mod pdfpictures;
mod printed;
mod program;
mod requests;
mod scanned;
mod sections;
mod settle;
mod split;
mod subtotal;
pub mod table;
mod text;
mod title;
pub mod token;
mod unlabeled;
mod values;
mod vocab;

use crate::contract::{self, Template};
// The tests (super::*) name sections; the reading itself no longer does here.
#[cfg(test)]
use crate::contract::Section;
use crate::model::{Cell, Report};
pub use describe::describe;
use detect::Format;
use std::path::Path;

/// Recorded with every report read from a published file, so a reading can be traced to the
/// parser that made it.
pub const PARSER_VERSION: &str = "gov-db-report/1";

/// What the user may say about a report the title does not settle.
#[derive(Clone, Default)]
pub struct Overrides {
    pub agency: Option<String>,
    pub year: Option<i64>,
    /// Told as the pages of a scanned PDF are read by OCR: pages done, of how many.
    pub pages: Option<std::sync::Arc<dyn Fn(usize, usize) + Send + Sync>>,
}

impl std::fmt::Debug for Overrides {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Overrides")
            .field("agency", &self.agency)
            .field("year", &self.year)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{file}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct ReportError {
    pub file: String,
    /// The line of the file the problem is on, where it is on one (an encoding problem).
    pub line: Option<u64>,
    pub message: String,
}

/// What was found besides the numbers, for `import --dry-run`.
#[derive(Clone, Debug)]
pub struct Detected {
    pub format: Format,
    pub encoding: &'static str,
    /// The title line the agency and year were read from, if any.
    pub title: Option<String>,
    pub agency_from: &'static str,
    pub year_from: &'static str,
}

/// A report with everything learnt while reading it.
#[derive(Debug)]
pub struct Reading {
    pub report: Report,
    pub detected: Detected,
    pub tables: table::Tables,
    /// Counts quoted in the text (收到 … 件, 办结 … 件 …), for `gov-db check`.
    pub claims: Vec<crate::check::Claim>,
    /// The report's text, which places a new agency whose name alone is ambiguous (an
    /// address, 《福建省政府信息公开办法》); kept only while the report is imported.
    pub text: String,
}

impl Reading {
    /// Rows that were left out, and other things a reader of the import should know.
    pub fn warnings(&self) -> &[String] {
        &self.tables.warnings
    }
}

/// The largest published report read: a PDF (scanned pages and pictures make them large; the
/// text is what is read) and the other formats, whose reading takes memory in proportion
/// (about 50 times the text for a page of numbers). Real reports are a few hundred KB, the
/// largest PDFs a few MB.
pub const MAX_PDF: u64 = 64 << 20;
pub const MAX_TEXT: u64 = 8 << 20;

/// A published report's bytes, refused past [`MAX_PDF`], or past [`MAX_TEXT`] when it is not
/// a PDF, saying how large it is; never more than [`MAX_PDF`] + 1 bytes are read (a FIFO,
/// `/dev/zero`).
pub fn read_file(path: &Path) -> Result<Vec<u8>, ReportError> {
    let file = std::fs::File::open(path).map_err(|e| ReportError {
        file: path.display().to_string(),
        line: None,
        message: crate::t!("import-cannot-read", error = e.to_string()),
    })?;
    let size = file
        .metadata()
        .ok()
        .filter(std::fs::Metadata::is_file)
        .map(|m| m.len());
    read_from(path, file, size)
}

/// [`read_file`] from an input already open (`size` when it is a regular file): the same
/// bounds, for a FIFO that can be opened only once.
pub fn read_from(
    path: &Path,
    file: impl std::io::Read,
    size: Option<u64>,
) -> Result<Vec<u8>, ReportError> {
    use std::io::Read;
    let fail = |message: String| ReportError {
        file: path.display().to_string(),
        line: None,
        message,
    };
    let too_big = |read: u64| {
        let how = match size {
            Some(n) => format!("the file is {n} bytes ({:.1} MiB)", n as f64 / 1048576.0),
            None => format!("{read} bytes were read and it goes on"),
        };
        fail(format!(
            "{how}: a published report is read up to {} MiB as PDF or image and {} MiB as text, HTML or Markdown (real ones are a few MB at most)",
            MAX_PDF >> 20,
            MAX_TEXT >> 20
        ))
    };
    if size.is_some_and(|n| n > MAX_PDF) {
        return Err(too_big(0));
    }
    // Grown a step at a time, not doubled: 64 MiB read must not hold 128.
    let mut bytes = Vec::with_capacity(size.map_or(1 << 20, |n| n as usize + 1));
    let mut input = file.take(MAX_PDF + 1);
    let mut chunk = vec![0u8; 1 << 16];
    loop {
        let n = match input.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(fail(crate::t!("import-cannot-read", error = e.to_string())));
            }
        };
        if bytes.capacity() - bytes.len() < n {
            bytes.reserve_exact(bytes.len().clamp(1 << 20, 8 << 20));
        }
        bytes.extend_from_slice(&chunk[..n]);
    }
    let n = bytes.len() as u64;
    if n > MAX_PDF || (n > MAX_TEXT && !detect::is_pdf(&bytes) && !ocr::is_image(&bytes)) {
        return Err(too_big(n));
    }
    Ok(bytes)
}

/// Does this image hold a ruled table, as a report's table image does? (`Err` when it is not
/// an image that can be decoded.) Needs no Tesseract.
pub fn holds_table(bytes: &[u8]) -> Result<bool, String> {
    ocr::has_table(bytes).map_err(|e| e.to_string())
}

/// The picture files a web page (`bytes`, at `path`) names beside it by a relative `src`:
/// read with the page (its tables published as pictures), not as reports of their own.
pub fn pictures_beside(path: &Path, bytes: &[u8]) -> Vec<std::path::PathBuf> {
    imgtables::beside_files(path, bytes)
}

/// Reads one published report.
pub fn read_report(
    path: &Path,
    bytes: &[u8],
    overrides: &Overrides,
) -> Result<Report, ReportError> {
    read_report_detailed(path, bytes, overrides).map(|r| r.report)
}

/// Reads one published report, keeping what was detected and the tables as read.
pub fn read_report_detailed(
    path: &Path,
    bytes: &[u8],
    overrides: &Overrides,
) -> Result<Reading, ReportError> {
    read_with(path, bytes, overrides, false)
}

/// Reads what can be read of a published report, for a person to complete by hand: the full
/// reading when there is one; else every cell read for certain, with what could not be read
/// (and why, where, and what was printed there) in `tables.unread` (see `partial.rs`). Fails
/// only when the document cannot be decoded, or names no agency or year (`--agency` and
/// `--year` give them).
pub fn read_report_partial(
    path: &Path,
    bytes: &[u8],
    overrides: &Overrides,
) -> Result<Reading, ReportError> {
    read_report_detailed(path, bytes, overrides)
        .or_else(|_| read_with(path, bytes, overrides, true))
}

fn read_with(
    path: &Path,
    bytes: &[u8],
    overrides: &Overrides,
    partial: bool,
) -> Result<Reading, ReportError> {
    let fail = |message: String| ReportError {
        file: path.display().to_string(),
        line: None,
        message,
    };
    if office::is_office(bytes) {
        let read = office::read(bytes).map_err(|e| fail(e.to_string()))?;
        let full = read.page.lines.join("\n");
        let decoded = (
            read.format,
            read.encoding,
            read.page.tokens,
            read.page.lines,
            full,
        );
        let read = read_decoded(path, overrides, decoded, Some(read.tables), partial);
        // A Word report whose tables are pictures: read from them when its text has none.
        if let Err(first) = &read
            && let Some((docx, format, pictures)) = office::word_pictures(bytes)
        {
            // Metafiles (a range pasted from Excel as a picture) hold their text as text:
            // the document is read as LibreOffice prints it. Pixels are read by OCR.
            if let Some(kind) = pictures.iter().find_map(|p| office::vector_kind(p)) {
                let read_pdf = |pdf: &[u8]| read_pdf(path, pdf, overrides, partial, true);
                return printed::read(path, &docx, format, kind, first, &read_pdf);
            }
            if let Some(with_pictures) =
                docpictures::read(path, docx, format, pictures, first, overrides, partial)
            {
                return with_pictures;
            }
        }
        return read;
    }
    if ocr::is_image(bytes) {
        let scanned = ocr::read_image(bytes).map_err(|e| fail(e.to_string()))?;
        return scanned::read(path, overrides, Format::Image, &scanned, partial);
    }
    if detect::is_pdf(bytes) {
        return read_pdf(path, bytes, overrides, partial, false);
    }
    let decoded = {
        let (text, enc) = crate::read::encoding::decode(bytes).map_err(|e| ReportError {
            file: path.display().to_string(),
            line: e.line,
            message: e.message,
        })?;
        match detect::text_format(&text) {
            Format::Html => {
                // Tables published as pictures beside the page are read from them.
                if let Some(read) = imgtables::read(path, &text, overrides, partial) {
                    return read;
                }
                let page = html::read(&text).map_err(|e| fail(e.to_string()))?;
                let full = page.lines.join("\n");
                let decoded = (Format::Html, enc, page.tokens, page.lines, full);
                let reading = read_decoded(path, overrides, decoded, None, partial)
                    .map_err(|e| imgtables::missing(e, path, &text))?;
                // A page cut short (a download that stopped) may have lost a table: one
                // not found there is not a report that does not print it.
                let absent =
                    reading.tables.proactive.is_empty() || reading.tables.appeals.is_empty();
                if absent && !partial && html::cut_short(&text) {
                    return Err(fail(crate::t!("report-html-cut-short")));
                }
                return Ok(reading);
            }
            Format::Markdown => (
                Format::Markdown,
                enc,
                markdown::tokens(&text),
                markdown::lines(&text),
                text,
            ),
            _ => {
                let lines = text.lines().map(str::to_string).collect();
                (Format::Text, enc, text::tokens(&text), lines, text)
            }
        }
    };
    read_decoded(path, overrides, decoded, None, partial)
}

/// Does an agency's name start with a place on the map (or read as a central agency's)?
fn names_a_place(name: &str) -> bool {
    let parsed = crate::place::parse(crate::place::Index::bundled(), name);
    !parsed.candidates.is_empty() || parsed.kind == Some(crate::place::Kind::Central)
}

/// A document's text as read: format, encoding, tokens, lines and the whole text.
type Decoded = (Format, &'static str, Vec<token::Tok>, Vec<String>, String);

/// Reads a PDF: its text layer, laid out again from the words' boxes where that reads, its
/// scanned pages and its pictures of tables by OCR. `printed`: a Word document LibreOffice
/// printed to read its metafiles, whose decimals a substituted font may print apart
/// (`printed::joined`).
fn read_pdf(
    path: &Path,
    bytes: &[u8],
    overrides: &Overrides,
    partial: bool,
    printed: bool,
) -> Result<Reading, ReportError> {
    let fail = |message: String| ReportError {
        file: path.display().to_string(),
        line: None,
        message,
    };
    let printed_text = |text: String| {
        if printed {
            printed::joined(&text)
        } else {
            text
        }
    };
    let pdf_text = |text: String| {
        let text = printed_text(text);
        let lines = text.lines().map(str::to_string).collect();
        let decoded = (Format::Pdf, "UTF-8", text::tokens(&text), lines, text);
        read_decoded(path, overrides, decoded, None, partial)
    };
    // Scanned pages (no text layer) are read by OCR, and only they: a PDF whose text
    // layer reads (a blank page or a page of pictures besides) never goes through OCR.
    let text = printed_text(pdf::layout(bytes).map_err(fail)?);
    let pages: Vec<String> = pdf::pages(&text).into_iter().map(str::to_string).collect();
    let scanned = pages.iter().any(|p| ocr::is_blank(p));
    let first = match pdf::text_layer(text) {
        Ok(text) => pdf_text(text),
        Err(_) if scanned => Err(fail(String::new())),
        Err(e) => return Err(fail(e)),
    };
    if partial && !scanned {
        // Whichever extraction leaves less to fill in.
        return match (first, pdf::to_text_from_boxes(bytes).map(pdf_text)) {
            (Ok(a), Ok(Ok(b))) if b.tables.unread.len() < a.tables.unread.len() => Ok(b),
            (Err(_), Ok(Ok(b))) => Ok(b),
            (first, _) => first,
        };
    }
    if first.is_ok() {
        return first;
    }
    // A page with a text layer and a picture of a table (a report written in Word with
    // its tables pasted as pictures, then printed): its tables are read from the
    // pictures (`pdfpictures.rs`), the scanned pages with them, each picture alone.
    let with_pictures = || pdfpictures::read(path, bytes, &pages, overrides, partial);
    if scanned {
        // Scanned pages (each one picture covering the page) are read at 300 dpi, as a
        // scanner's are; pictures placed on a page, each alone.
        let placed = pdf::pictures(bytes).is_ok_and(|p| p.iter().any(|p| !p.covers));
        if placed && let Some(read) = with_pictures() {
            return read;
        }
        let tick = |done: usize, of: usize| {
            if let Some(tick) = &overrides.pages {
                tick(done, of)
            }
        };
        let scanned = ocr::read_pdf(bytes, &pages, &tick).map_err(|e| fail(e.to_string()))?;
        return scanned::read(path, overrides, Format::Scan, &scanned, partial);
    }
    // Laid out again from the words' boxes, a row with blank cells can be placed (see
    // pdf.rs); if that does not read either, the tables may be pictures; else the first
    // reading's problem is the one to tell.
    if let Ok(Ok(reading)) = pdf::to_text_from_boxes(bytes).map(pdf_text) {
        return Ok(reading);
    }
    with_pictures().unwrap_or(first)
}

/// Reads the report in a decoded document. `tables` is how many tables a Word document or
/// workbook holds, to say so when it has none.
fn read_decoded(
    path: &Path,
    overrides: &Overrides,
    (format, encoding, tokens, lines, full): Decoded,
    tables: Option<u32>,
    partial: bool,
) -> Result<Reading, ReportError> {
    let fail = |message: String| ReportError {
        file: path.display().to_string(),
        line: None,
        message,
    };
    let found = title::find(&lines);
    let period = title::period_year(&full);
    let (year, year_from) = match (overrides.year, period, found.year) {
        (Some(y), _, _) => (Some(y), "--year"),
        (None, Some(y), _) => (Some(y), "statistics period"),
        (None, None, Some(y)) => (Some(y), "title"),
        _ => (None, "not found"),
    };
    // A title read by OCR names the agency only when the name starts with a place (or is a
    // central agency's): Tesseract read a bold 晋江 as 工 at confidence 91, and 工市人民政府,
    // stored, would be an agency that does not exist.
    let unplaced = match (&overrides.agency, &found.agency) {
        (None, Some(a)) if matches!(format, Format::Scan | Format::Image) => {
            (!names_a_place(a)).then(|| a.clone())
        }
        _ => None,
    };
    let (agency, agency_from) = match (&overrides.agency, &found.agency) {
        (Some(a), _) => (Some(a.clone()), "--agency"),
        (None, Some(a)) if unplaced.is_none() => (Some(a.clone()), "title"),
        _ => (None, "not found"),
    };
    // The name an identity is known by, however it was printed or typed (normalise.rs).
    let agency = agency
        .map(|a| {
            crate::normalise::agency_name(&a).map_err(|e| {
                fail(format!(
                    "{e} (from the {agency_from}: {})",
                    crate::read::quote(&a)
                ))
            })
        })
        .transpose()?;
    // Lines of plain text and PDF are the tokens' lines; HTML's and Markdown's are not.
    let aligned: &[String] = match format {
        Format::Text | Format::Pdf => &lines,
        _ => &[],
    };
    let tables = if partial {
        // What stops even a partial reading leaves every cell to fill, with its message.
        table::read_lines_partial(&tokens, aligned, year).unwrap_or_else(|e| table::Tables {
            unread: vec![e],
            ..Default::default()
        })
    } else {
        table::read_lines(&tokens, aligned, year).map_err(|e| match tables {
            Some(0) if format.is_workbook() => {
                fail(crate::t!("report-workbook-no-tables", why = e.to_string()))
            }
            Some(0) => fail(crate::t!("report-document-no-tables", why = e.to_string())),
            _ => fail(e.to_string()),
        })?
    };
    if format.is_workbook() && (agency.is_none() || year.is_none()) {
        return Err(fail(match (&agency, year) {
            (None, None) => crate::t!("report-workbook-no-agency-no-year"),
            (None, _) => crate::t!("report-workbook-no-agency"),
            _ => crate::t!("report-workbook-no-year"),
        }));
    }
    let Some(agency) = agency else {
        return Err(fail(match unplaced {
            Some(read) => crate::t!("report-ocr-title-unplaced", agency = read),
            None => crate::t!("report-no-agency"),
        }));
    };
    let Some(year) = year else {
        return Err(fail(crate::t!("report-no-year")));
    };
    // A title and a statistics period naming two years: either may be last year's, copied
    // (the period was taken, and the report stored under a year its title denies).
    if let (None, Some(period), Some(title)) = (overrides.year, period, found.year)
        && period != title
    {
        return Err(fail(crate::t!(
            "report-years-disagree",
            title = title,
            period = period
        )));
    }
    let template = tables
        .template
        .unwrap_or_else(|| Template::expected_for_year(year));
    let mut unread_cells = Vec::new();
    let mut report = Report {
        agency,
        year,
        template,
        region_code: None,
        source: Some(path.display().to_string()),
        format: format.name().to_string(),
        cells: Vec::new(),
    };
    for row in tables
        .proactive
        .iter()
        .chain(&tables.requests)
        .chain(&tables.appeals)
    {
        for c in &row.cells {
            let collapsed = template == Template::T2021 && row.row.code == "other_processing";
            if !contract::cell_in_template(row.row, c.col, template) && !collapsed {
                let message = format!(
                    "{}/{} is not a cell of the {template} template",
                    row.row.code, c.col.code
                );
                if partial {
                    // Left out; the draft says why where the template's cells are missing.
                    unread_cells.push(message);
                    continue;
                }
                return Err(fail(message));
            }
            report.cells.push(Cell {
                row: row.row.id,
                col: c.col.id,
                value: c.value.clone(),
                origin: Some(c.origin.to_string()),
            });
        }
    }
    report.sort_cells();
    let mut tables = tables;
    tables.warnings.extend(unread_cells);
    let detected = Detected {
        format,
        encoding,
        title: found.line,
        agency_from,
        year_from,
    };
    Ok(Reading {
        report,
        detected,
        tables,
        claims: crate::check::narrative_claims(&full),
        text: full,
    })
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod hostile;
#[cfg(test)]
mod mutations;
#[cfg(test)]
mod proptests;
#[cfg(test)]
mod shape;

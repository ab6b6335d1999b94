//! Word documents, WPS files and workbooks, told apart by their content (an agency's `.wps`
//! may be a Word 97 file or a `.docx`, its `.et` an `.xls` or an `.xlsx`, and any of them may
//! carry the wrong extension), each put in the form the HTML reader gives the table reader
//! (`page.rs`), so that the table reader knows nothing of these formats:
//!
//! - `.docx` (and any file that is one inside): the document's own paragraphs and tables,
//!   read from its XML (`docx.rs`);
//! - `.doc` and `.wps` (Word 97–2003 binary) and RTF: converted to `.docx` by LibreOffice,
//!   when it is installed (`soffice.rs`), then read as one;
//! - `.xlsx`, `.xls`, `.ods` and WPS `.et`: each sheet's used range, through calamine
//!   (`sheet.rs`).
//!
//! What is read from a zip is capped at [`zipped::MAX_INFLATED`] decompressed bytes, so that
//! a small hostile file (a zip bomb, XML nested without end) fails fast in bounded memory.
//! calamine lays out `.xls` and `.ods` sheets whole as it opens them, which cannot be bounded
//! from outside: `biff.rs` and `ods.rs` measure what it would lay out first, and refuse a
//! workbook past a million cells or 32 MB of copied text.

mod biff;
mod docx;
mod ods;
mod sheet;
mod soffice;
mod zipped;

use super::detect::Format;
use super::page::{Builder, Page};

/// Why an office file could not be read, in words for the person importing it.
#[derive(Debug, thiserror::Error)]
pub enum OfficeError {
    #[error("not a readable zip archive ({0})")]
    Zip(#[from] zip::result::ZipError),
    /// These two said in the reader's language, as the table reader's own refusals are.
    #[error("{}", crate::t!("office-too-large", part = .part.as_str(), mb = (zipped::MAX_INFLATED >> 20).to_string()))]
    TooLarge { part: String },
    #[error("{}", crate::t!("office-too-deep", part = .part.as_str(), max = .max.to_string()))]
    TooDeep { part: String, max: usize },
    #[error("{part} is not well-formed XML: {message}")]
    Xml { part: String, message: String },
    #[error("the workbook cannot be read: {0}")]
    Workbook(String),
    #[error("{0}")]
    Refused(String),
}

/// A document read into the table reader's form.
pub struct Read {
    pub format: Format,
    pub encoding: &'static str,
    pub page: Page,
    /// How many tables (or sheets with cells) it holds: none is worth saying when the report's
    /// tables are not found.
    pub tables: u32,
}

/// What a file is inside, from its first bytes and (for a zip or a compound file) the names
/// of its parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Docx,
    /// Word 97–2003 binary (`.doc`, WPS `.wps`): through LibreOffice.
    Doc,
    Rtf,
    Xlsx,
    Xls,
    Ods,
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Is this a file for this module (a zip, a compound file, RTF)? Plain text, HTML and PDF
/// are not.
pub fn is_office(bytes: &[u8]) -> bool {
    bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(OLE_MAGIC) || bytes.starts_with(b"{\\rtf")
}

/// Reads a file [`is_office`] said is one.
pub fn read(bytes: &[u8]) -> Result<Read, OfficeError> {
    match kind(bytes)? {
        Kind::Docx => docx::read(bytes, Format::Docx),
        Kind::Doc => docx::read(&soffice::to_docx(bytes, "doc")?, Format::Doc),
        Kind::Rtf => docx::read(&soffice::to_docx(bytes, "rtf")?, Format::Rtf),
        Kind::Xlsx => sheet::read(bytes, sheet::Book::Xlsx),
        Kind::Xls => sheet::read(bytes, sheet::Book::Xls),
        Kind::Ods => sheet::read(bytes, sheet::Book::Ods),
    }
}

/// A Word document with pictures in its body: its bytes as a `.docx` (a `.doc`, `.wps` or
/// RTF converted by LibreOffice), its format, and each picture's bytes in order (empty where
/// its part is missing). None for a workbook, or a document without pictures: a Word report
/// may hold its tables as pictures.
pub fn word_pictures(bytes: &[u8]) -> Option<(Vec<u8>, Format, Vec<Vec<u8>>)> {
    let (docx, format) = match kind(bytes).ok()? {
        Kind::Docx => (bytes.to_vec(), Format::Docx),
        Kind::Doc => (soffice::to_docx(bytes, "doc").ok()?, Format::Doc),
        Kind::Rtf => (soffice::to_docx(bytes, "rtf").ok()?, Format::Rtf),
        _ => return None,
    };
    let pictures = docx::pictures(&docx).ok()?;
    (!pictures.is_empty()).then_some((docx, format, pictures))
}

/// A picture that is a metafile, a drawing rather than pixels: `EMF` (Enhanced Metafile, what
/// Word holds for a range pasted from Excel as a picture) or `WMF` (Windows Metafile, with or
/// without its placeable header), by its first bytes. Their text is text (a record a cell), so
/// OCR has nothing to read; LibreOffice prints them ([`to_pdf`]).
pub fn vector_kind(bytes: &[u8]) -> Option<&'static str> {
    let u16_at = |i: usize| {
        bytes
            .get(i..i + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
    };
    if bytes.starts_with(&[1, 0, 0, 0]) && bytes.get(40..44) == Some(b" EMF") {
        return Some("EMF");
    }
    let placeable = bytes.starts_with(&[0xD7, 0xCD, 0xC6, 0x9A]);
    // A WMF header: file type 1 (memory) or 2 (disk), header size 9 words, version 1 or 3.
    let at = if placeable { 22 } else { 0 };
    let header = matches!(u16_at(at), Some(1 | 2))
        && u16_at(at + 2) == Some(9)
        && matches!(u16_at(at + 4), Some(0x0100 | 0x0300));
    (placeable || header).then_some("WMF")
}

/// A Word document (a `.docx`'s bytes) printed to PDF by LibreOffice.
pub fn to_pdf(docx: &[u8]) -> Result<Vec<u8>, OfficeError> {
    soffice::to_pdf(docx, "docx")
}

/// Reads a `.docx` as [`read`] does, each picture of its body put in the page by `picture`
/// (its index among [`word_pictures`]) where it stands.
pub fn read_docx_with(
    docx: &[u8],
    format: Format,
    picture: &mut dyn FnMut(usize, &mut Builder),
) -> Result<Read, OfficeError> {
    docx::read_with(docx, format, picture)
}

fn kind(bytes: &[u8]) -> Result<Kind, OfficeError> {
    if bytes.starts_with(b"{\\rtf") {
        return Ok(Kind::Rtf);
    }
    if bytes.starts_with(OLE_MAGIC) {
        return compound_kind(bytes);
    }
    let mut zip = zipped::Archive::open(bytes)?;
    let main = zip.main_part()?;
    let under = |dir: &str| main.as_deref().is_some_and(|m| m.starts_with(dir));
    if under("word/") || (main.is_none() && zip.has("word/document.xml")) {
        return Ok(Kind::Docx);
    }
    if under("xl/") || (main.is_none() && zip.has("xl/workbook.xml")) {
        return Ok(Kind::Xlsx);
    }
    let mimetype = if zip.has("mimetype") {
        zip.small_part("mimetype")?
    } else {
        String::new()
    };
    let refuse = |what: &str| Err(OfficeError::Refused(what.to_string()));
    match mimetype.trim() {
        "application/vnd.oasis.opendocument.spreadsheet" => Ok(Kind::Ods),
        "application/vnd.oasis.opendocument.text" => refuse(
            "an OpenDocument text (.odt): gov-db reads Word files; save it as .docx and import that",
        ),
        _ if under("ppt/") => refuse("a PowerPoint presentation, not a report"),
        _ if zip.has("OFD.xml") => {
            refuse("an OFD document: gov-db does not read OFD; export it as PDF and import that")
        }
        _ => refuse(
            "a zip archive that is neither a Word document (.docx) nor a workbook (.xlsx, .ods)",
        ),
    }
}

/// A compound file (Word 97, Excel 97, WPS) by the streams its directory names.
fn compound_kind(bytes: &[u8]) -> Result<Kind, OfficeError> {
    let names = compound_streams(bytes);
    let has = |n: &str| names.iter().any(|s| s == n);
    if has("WordDocument") {
        Ok(Kind::Doc)
    } else if has("Workbook") || has("Book") {
        Ok(Kind::Xls)
    } else if has("EncryptedPackage") {
        Err(OfficeError::Refused(
            "a password-protected Office file: remove the password (save a copy without it) and import that".into(),
        ))
    } else if has("PowerPoint Document") {
        Err(OfficeError::Refused(
            "a PowerPoint presentation, not a report".into(),
        ))
    } else {
        Err(OfficeError::Refused(
            "a compound (OLE2) file that is neither a Word document nor an Excel workbook".into(),
        ))
    }
}

/// The names of the streams in a compound file's directory. Directory entries are 128 bytes,
/// aligned on 128 past the 512-byte header whatever the sector size, each a UTF-16 name, its
/// length in bytes (with the terminating NUL) and its type (2 for a stream): looking at each
/// aligned slot finds them without following the sector chains, and a slot that is not an
/// entry does not look like one.
fn compound_streams(bytes: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    for entry in bytes.get(512..).unwrap_or_default().chunks_exact(128) {
        let len = u16::from_le_bytes([entry[64], entry[65]]) as usize;
        if entry[66] != 2 || !(4..=64).contains(&len) || !len.is_multiple_of(2) {
            continue;
        }
        let units: Vec<u16> = entry[..len - 2]
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        if entry[len - 2..len] != [0, 0] || units.contains(&0) {
            continue;
        }
        if let Ok(name) = String::from_utf16(&units) {
            out.push(name);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metafiles_are_told_by_their_first_bytes() {
        let mut emf = vec![1, 0, 0, 0, 108, 0, 0, 0];
        emf.resize(40, 0);
        emf.extend_from_slice(b" EMF\x00\x00\x01\x00");
        assert_eq!(vector_kind(&emf), Some("EMF"));
        let placeable = [0xD7, 0xCD, 0xC6, 0x9A, 0, 0];
        assert_eq!(vector_kind(&placeable), Some("WMF"));
        let plain = [1, 0, 9, 0, 0, 3, 0x30, 0, 0, 0];
        assert_eq!(vector_kind(&plain), Some("WMF"));
        // A PNG, a JPEG, text, an EMF's first record without its signature, nothing.
        for other in [
            &b"\x89PNG\r\n\x1a\n"[..],
            &[0xFF, 0xD8, 0xFF, 0xE0],
            b"1,0,9,0",
            &emf[..40],
            &[1, 0, 9, 0, 0, 2],
            &[],
        ] {
            assert_eq!(vector_kind(other), None, "{other:?}");
        }
    }

    /// A compound file's directory slot naming a stream.
    fn slot(name: &str, kind: u8) -> Vec<u8> {
        let mut e = vec![0u8; 128];
        let units: Vec<u16> = name.encode_utf16().collect();
        for (i, u) in units.iter().enumerate() {
            e[2 * i..2 * i + 2].copy_from_slice(&u.to_le_bytes());
        }
        e[64..66].copy_from_slice(&(((units.len() + 1) * 2) as u16).to_le_bytes());
        e[66] = kind;
        e
    }

    fn compound(entries: &[(&str, u8)]) -> Vec<u8> {
        let mut b = OLE_MAGIC.to_vec();
        b.resize(512, 0);
        for (n, k) in entries {
            b.extend(slot(n, *k));
        }
        b
    }

    #[test]
    fn compound_files_are_told_by_their_streams() {
        let doc = compound(&[("Root Entry", 5), ("1Table", 2), ("WordDocument", 2)]);
        assert_eq!(kind(&doc).unwrap(), Kind::Doc);
        let xls = compound(&[("Root Entry", 5), ("Workbook", 2)]);
        assert_eq!(kind(&xls).unwrap(), Kind::Xls);
        // A storage (type 1) of that name is not the stream.
        let other = compound(&[("Root Entry", 5), ("WordDocument", 1)]);
        assert!(kind(&other).is_err());
        let locked = compound(&[("Root Entry", 5), ("EncryptedPackage", 2)]);
        assert!(kind(&locked).unwrap_err().to_string().contains("password"));
    }

    #[test]
    fn rtf_and_non_office_bytes() {
        assert_eq!(kind(b"{\\rtf1\\ansi ...}").unwrap(), Kind::Rtf);
        assert!(is_office(b"PK\x03\x04...."));
        assert!(!is_office(b"<html>"));
        assert!(!is_office(b"%PDF-1.7"));
    }
}

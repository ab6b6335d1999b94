//! A report read by OCR (`ocr/`): its doubtful cells settled by the tables' identities among
//! Tesseract's own readings of them, or the report refused naming each one. Pictures of
//! tables inside a document read otherwise (a web page, a Word document, a PDF's text layer)
//! are read, numbered and named here once for the three readers of them ([`Pictures`]).

use super::detect::Format;
use super::page::Builder;
use super::{Overrides, Reading, ReportError, ocr, page, read_decoded};
use std::path::Path;

/// At most this many combinations of the readings of doubtful cells are tried.
const MAX_COMBINATIONS: usize = 1024;

/// The most pictures of one document looked at for a table (each decoded and searched for
/// its rules): a report has its three tables, on a few pictures, beside some logos and seals.
/// A document asking for more is hostile or no report, and would take minutes a hundred.
pub const MAX_PICTURES: usize = 64;

/// The most pictures of one document read by OCR (several seconds each): a table split over
/// pages makes a picture a page, and a report's three tables are a few pages.
pub const MAX_TABLE_PICTURES: usize = 24;

/// Reads the report in a document read by OCR. Its doubtful cells (`ocr::Doubt`) are settled
/// by the tables' identities, never guessed: every combination of Tesseract's own readings of
/// them is read, and the report is taken only when exactly one combination reads with every
/// identity holding (`check::check_report` finds no error); each cell so settled records the
/// reading taken in its place. Otherwise the report is refused naming each doubtful cell: its
/// page and box, and what was read there with what confidence.
pub(super) fn read(
    path: &Path,
    overrides: &Overrides,
    format: Format,
    scanned: &ocr::Scanned,
    partial: bool,
) -> Result<Reading, ReportError> {
    let page = |pick: &[usize]| scanned.page(pick);
    let same = |place: &str| place.to_string();
    settle(
        path,
        overrides,
        format,
        &scanned.doubts,
        &page,
        &same,
        partial,
    )
}

/// [`read`] of a document whose page with each doubtful cell `k` of `doubts` read as its
/// alternative `pick[k]` is `page(pick)` (a web page with pictures of its tables, say), a
/// refusal naming each doubtful cell's place as `name` says (a picture's own name).
pub(super) fn settle(
    path: &Path,
    overrides: &Overrides,
    format: Format,
    doubts: &[ocr::Doubt],
    page: &dyn Fn(&[usize]) -> page::Page,
    name: &dyn Fn(&str) -> String,
    partial: bool,
) -> Result<Reading, ReportError> {
    let read = |pick: &[usize]| read_page(path, overrides, format, page(pick), partial);
    if doubts.is_empty() {
        return read(&[]);
    }
    let told = |doubts: &mut dyn Iterator<Item = &ocr::Doubt>| {
        doubts
            .map(|d| d.told(name))
            .collect::<Vec<_>>()
            .join(&crate::t!("ocr-doubt-separator"))
    };
    let refuse = |why: String| ReportError {
        file: path.display().to_string(),
        line: None,
        message: crate::t!("ocr-unsure", why = why, cells = told(&mut doubts.iter())),
    };
    let counts: Vec<usize> = doubts.iter().map(|d| d.alternatives.len()).collect();
    let unread = doubts.iter().filter(|d| d.alternatives.is_empty()).count();
    if unread > 0 {
        let cells = told(&mut doubts.iter().filter(|d| d.alternatives.is_empty()));
        return Err(ReportError {
            file: path.display().to_string(),
            line: None,
            message: crate::t!("ocr-no-number", n = unread, cells = cells),
        });
    }
    let holds = |r: &Reading, section: Option<crate::contract::Section>| {
        crate::check::check_report(&r.report).iter().all(|f| {
            f.severity != crate::check::Severity::Error
                || section.is_some_and(|s| f.section != Some(s))
        })
    };
    // The identities are each about one table: the doubtful cells of each table are settled
    // apart (the others' first readings standing meanwhile), and the whole checked at the end.
    // A doubtful cell the first reading places in no table makes one search of them all.
    let groups = match read(&vec![0; counts.len()]) {
        Ok(first) => by_section(&first, doubts),
        Err(_) => None,
    }
    .unwrap_or_else(|| vec![(None, (0..counts.len()).collect())]);
    let mut pick = vec![0; counts.len()];
    let mut unread = None;
    let mut read_once = false;
    for (section, cells) in &groups {
        let Some(n) = cells
            .iter()
            .try_fold(1usize, |n, &k| n.checked_mul(counts[k]))
            .filter(|&n| n <= MAX_COMBINATIONS)
        else {
            return Err(refuse(crate::t!(
                "ocr-why-too-many",
                max = MAX_COMBINATIONS
            )));
        };
        let mut fits = Vec::new();
        for i in 0..n {
            // The combination numbered i: a digit in mixed radix for each doubtful cell.
            let mut rest = i;
            let mut p = pick.clone();
            for &k in cells {
                p[k] = rest % counts[k];
                rest /= counts[k];
            }
            match read(&p) {
                Ok(r) if holds(&r, *section) => {
                    fits.push(p);
                    if fits.len() > 1 {
                        break;
                    }
                }
                Ok(_) => read_once = true,
                Err(e) => unread = unread.or(Some(e)),
            }
        }
        match fits.len() {
            1 => pick = fits.remove(0),
            // No combination makes the tables readable: that problem is the one to tell.
            0 if !read_once => {
                return Err(unread.unwrap_or_else(|| refuse(crate::t!("ocr-why-unread"))));
            }
            0 => return Err(refuse(crate::t!("ocr-why-none-fits"))),
            _ => return Err(refuse(crate::t!("ocr-why-several-fit"))),
        }
    }
    match read(&pick) {
        Ok(r) if holds(&r, None) => Ok(r),
        Ok(_) => Err(refuse(crate::t!("ocr-why-none-fits"))),
        Err(e) => Err(e),
    }
}

/// The doubtful cells grouped by the table (section) the reading `first` placed each in, by
/// its place; `None` when one is in no table's cells.
fn by_section(
    first: &Reading,
    doubts: &[ocr::Doubt],
) -> Option<Vec<(Option<crate::contract::Section>, Vec<usize>)>> {
    let mut groups: Vec<(Option<crate::contract::Section>, Vec<usize>)> = Vec::new();
    for (k, d) in doubts.iter().enumerate() {
        let place = format!("{} ", d.place);
        let cell = first
            .report
            .cells
            .iter()
            .find(|c| c.origin.as_deref().is_some_and(|o| o.starts_with(&place)))?;
        let section = crate::contract::row_by_id(cell.row)?.section;
        match groups.iter_mut().find(|(s, _)| *s == Some(section)) {
            Some((_, cells)) => cells.push(k),
            None => groups.push((Some(section), vec![k])),
        }
    }
    Some(groups)
}

/// Reads the report in a page read by OCR.
fn read_page(
    path: &Path,
    overrides: &Overrides,
    format: Format,
    page: page::Page,
    partial: bool,
) -> Result<Reading, ReportError> {
    let full = page.lines.join("\n");
    let decoded = (format, "OCR", page.tokens, page.lines, full);
    read_decoded(path, overrides, decoded, None, partial)
}

/// Pictures of tables read by OCR inside a document read otherwise (a web page, a Word
/// document, a PDF's text layer): each under its name (`<img src="t.png">`, `picture 3`,
/// `page 4 picture 1`), its doubtful cells numbered across them all, and every place of its
/// cells (in the reading, and in a refusal) named after it.
pub(super) struct Pictures {
    /// The caller's key for each picture (its place among the document's pictures), its
    /// name, and it as read.
    read: Vec<(usize, String, ocr::Scanned)>,
    /// Where each picture's doubtful cells start among `doubts`.
    offset: Vec<usize>,
    doubts: Vec<ocr::Doubt>,
}

impl Pictures {
    /// Reads each picture (the caller's key, its name, its bytes) by OCR, in order. An error
    /// names the picture: `NAME: why`. More than [`MAX_TABLE_PICTURES`] are refused before
    /// any is read.
    pub fn read(pictures: Vec<(usize, String, Vec<u8>)>) -> Result<Pictures, String> {
        if pictures.len() > MAX_TABLE_PICTURES {
            return Err(crate::t!(
                "pictures-too-many-tables",
                n = pictures.len().to_string(),
                max = MAX_TABLE_PICTURES.to_string()
            ));
        }
        let mut out = Pictures {
            read: Vec::new(),
            offset: Vec::new(),
            doubts: Vec::new(),
        };
        for (key, name, bytes) in pictures {
            // Its places are on "page k" (k counting these pictures from 1) until the
            // reading is settled (`by_section` finds the doubtful cells by them), then named.
            let k = out.read.len() + 1;
            let scanned = ocr::read_image_as(&bytes, k).map_err(|e| format!("{name}: {e}"))?;
            drop(bytes);
            out.offset.push(out.doubts.len());
            out.doubts.extend(scanned.doubts.iter().cloned());
            out.read.push((key, name, scanned));
        }
        Ok(out)
    }

    pub fn is_empty(&self) -> bool {
        self.read.is_empty()
    }

    /// The picture with this key put in the page being built where it stands, its doubtful
    /// cells read as `pick` (the whole document's choice) says; nothing for another key.
    pub fn emit(&self, key: usize, b: &mut Builder, pick: &[usize]) {
        if let Some(k) = self.read.iter().position(|(at, ..)| *at == key) {
            let n = self.read[k].2.doubts.len();
            let mine = pick.get(self.offset[k]..self.offset[k] + n).unwrap_or(&[]);
            self.read[k].2.emit_into(b, mine);
        }
    }

    /// The document whose page with the doubtful cells read as `pick` is `page(pick)`,
    /// settled as [`settle`] does, every place named after its picture.
    pub fn settle(
        &self,
        path: &Path,
        overrides: &Overrides,
        format: Format,
        page: &dyn Fn(&[usize]) -> page::Page,
        partial: bool,
    ) -> Result<Reading, ReportError> {
        let name = |s: &str| {
            rename(s, &|n| {
                self.read
                    .get(n.wrapping_sub(1))
                    .map(|(_, name, _)| name.as_str())
            })
        };
        match settle(path, overrides, format, &self.doubts, page, &name, partial) {
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
        }
    }
}

/// `text` with each place `page N cell (` that `name(N)` names said as `NAME cell (`, in one
/// pass (a name holding `page 2 cell (` is not renamed again).
fn rename<'a>(text: &str, name: &dyn Fn(usize) -> Option<&'a str>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("page ") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "page ".len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let named = after[digits..]
            .starts_with(" cell (")
            .then(|| after[..digits].parse().ok())
            .flatten()
            .and_then(name);
        match named {
            Some(n) => {
                out.push_str(n);
                rest = &after[digits..];
            }
            None => {
                out.push_str("page ");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::rename;

    #[test]
    fn places_are_renamed_once_each() {
        let names = ["<img src=\"page 2 cell (.png\">", "picture 7"];
        let name = |n: usize| names.get(n.wrapping_sub(1)).copied();
        assert_eq!(
            rename(
                "page 1 cell (1,2,3,4) OCR conf 9; page 2 cell (5,6,7,8); page 12 cell (0); \
                 page 2 line; page x cell (",
                &name
            ),
            "<img src=\"page 2 cell (.png\"> cell (1,2,3,4) OCR conf 9; picture 7 cell (5,6,7,8); \
             page 12 cell (0); page 2 line; page x cell ("
        );
    }
}

//! Scanned reports: PDF pages without a text layer, and images of pages or tables (`.png`,
//! `.jpg`, `.tif`), read by OCR into the form `page.rs` makes for HTML and Word, so that the
//! table reader knows nothing of OCR and finds, checks and refuses as it does for them.
//!
//! OCR guesses; the import may not. So the table's grid is found in the pixels (`grid.rs`),
//! a seal's ring over the page is found as a circle and lifted off it (`seal.rs`; a figure it
//! may hide part of is never sure), each cell's print is told from a scan's specks, rules'
//! remnants and stamps (`ink.rs`),
//! each number cell is read alone at several sizes (`digits.rs`) and taken only when those
//! readings are sure; a cell that is not sure keeps Tesseract's own readings of it as its
//! alternatives, for the table's identities to choose among (the report reader's `mod.rs`).
//! Every number keeps its place: `page P cell (x,y,w,h) OCR conf NN` (the box in pixels of
//! the page at 300 dpi, or of the image file as it is, after straightening).
//!
//! Pages are read side by side on every core (rayon), in groups that Tesseract reads with one
//! process per kind of reading (`group.rs`). `GOV_DB_OCR_TRACE` tells where the time goes
//! (`trace.rs`).

mod alone;
mod boxes;
mod digits;
mod grid;
mod group;
mod ink;
mod pixels;
mod seal;
mod tess;
mod trace;
mod words;

pub use pixels::MAX_PIXELS;

use super::page::{Builder, Page};
use super::token::{Origin, fold_char};
use image::GrayImage;
use rayon::prelude::*;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use words::{han, join};

#[derive(Debug, thiserror::Error)]
pub enum OcrError {
    /// A program OCR needs is not installed: what to install.
    #[error("{0}")]
    Missing(String),
    #[error("{0}")]
    Run(String),
    #[error("{}", unreadable(.0))]
    Image(String),
    /// More work than a report asks for (pages to read by OCR): refused before any is done.
    #[error("{0}")]
    TooMuch(String),
}

/// The most pages of one PDF read by OCR (seconds of CPU each): a scanned report is a few
/// dozen pages at most. A 64 MB PDF of thousands of blank pages would take hours.
pub const MAX_SCANNED_PAGES: usize = 100;

/// [`OcrError::Image`] said in the reader's language.
fn unreadable(why: &str) -> String {
    crate::t!("ocr-unreadable-image", why = why)
}

/// Is this an image file (PNG, JPEG, TIFF, GIF, WebP, BMP), by its first bytes? A BMP's
/// two-letter mark is told from text starting `BM` by its header's reserved bytes (zero).
pub fn is_image(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x89PNG")
        || bytes.starts_with(&[0xFF, 0xD8, 0xFF])
        || bytes.starts_with(b"II*\0")
        || bytes.starts_with(b"MM\0*")
        || bytes.starts_with(b"GIF87a")
        || bytes.starts_with(b"GIF89a")
        || (bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP"))
        || (bytes.starts_with(b"BM") && bytes.get(6..10) == Some(&[0, 0, 0, 0]))
}

/// Is this page of `pdftotext`'s output empty (a scanned page)?
pub fn is_blank(text: &str) -> bool {
    text.chars().filter(|c| !c.is_whitespace()).count() < 20
}

/// Told as pages are read: how many are done of how many.
pub type Tick<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// A number cell OCR is not sure of.
#[derive(Clone, Debug)]
pub struct Doubt {
    /// Where: `page P cell (x,y,w,h)`.
    pub place: String,
    /// What each reading said, with its confidence.
    pub said: String,
    /// The numbers Tesseract read there, best first, with their confidence.
    pub alternatives: Vec<(String, f64)>,
    origin: Origin,
}

impl Doubt {
    /// `PLACE: read SAID`, in the reader's language, its place named by `name` (a picture's
    /// own name for `page N`) and said in that language.
    pub fn told(&self, name: &dyn Fn(&str) -> String) -> String {
        let place = crate::i18n::origin(&name(&self.place));
        crate::t!("ocr-doubt", place = place, said = self.said.as_str())
    }
}

/// A scanned document as read: its pages, with the number cells not read for sure left open
/// among their alternatives.
#[derive(Debug)]
pub struct Scanned {
    pages: Vec<Items>,
    pub doubts: Vec<Doubt>,
}

impl Scanned {
    /// The document with each doubtful cell `k` read as its alternative `pick[k]`.
    pub fn page(&self, pick: &[usize]) -> Page {
        let mut b = Builder::new();
        self.emit_into(&mut b, pick);
        b.finish()
    }

    /// [`Scanned::page`], put in a page being built (a picture in a web page, in its place).
    pub fn emit_into(&self, b: &mut Builder, pick: &[usize]) {
        for items in &self.pages {
            self.emit(b, items, pick);
        }
    }

    fn emit(&self, b: &mut Builder, items: &Items, pick: &[usize]) {
        for (_, item) in items {
            match item {
                Item::Line(l) => {
                    b.text(l);
                    b.flush();
                }
                Item::Table(rows) => {
                    b.table();
                    for row in rows {
                        b.row();
                        for (x, text, origin) in row {
                            match text {
                                Text::Read(t) => b.cell(t, *origin, *x),
                                Text::Doubt(k) => {
                                    let d = &self.doubts[*k];
                                    let i = pick.get(*k).copied().unwrap_or(0);
                                    let (t, conf) = &d.alternatives[i];
                                    let Origin::Scan {
                                        page,
                                        x: cx,
                                        y,
                                        w,
                                        h,
                                        ..
                                    } = d.origin
                                    else {
                                        unreachable!("a scanned cell's place")
                                    };
                                    let origin = Origin::Scan {
                                        page,
                                        x: cx,
                                        y,
                                        w,
                                        h,
                                        conf: conf.clamp(0.0, 100.0) as u8,
                                        alt: (i + 1) as u8,
                                        alts: d.alternatives.len() as u8,
                                    };
                                    b.cell(t, origin, *x);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A PDF whose pages `texts` (pdftotext's, one per page) are blank where they were scanned:
/// the scanned pages read by OCR, the others taken as their text layer gives them.
pub fn read_pdf(bytes: &[u8], texts: &[String], tick: Tick<'_>) -> Result<Scanned, OcrError> {
    tess::check()?;
    let dir = tempfile::tempdir().map_err(|e| OcrError::Run(e.to_string()))?;
    let pdf = dir.path().join("report.pdf");
    std::fs::write(&pdf, bytes).map_err(|e| OcrError::Run(e.to_string()))?;
    let scanned: Vec<usize> = (1..=texts.len())
        .filter(|&p| is_blank(&texts[p - 1]))
        .collect();
    if scanned.len() > MAX_SCANNED_PAGES {
        return Err(OcrError::TooMuch(crate::t!(
            "ocr-too-many-pages",
            n = scanned.len().to_string(),
            max = MAX_SCANNED_PAGES.to_string()
        )));
    }
    tess::check_sizes(&pdf, &scanned)?;
    let mut read = read_pages(&scanned, dir.path(), tick, &|p, d| {
        tess::rasterise(&pdf, p, d)
    })?;
    trace::keep(dir.path());
    let mut pages = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        match read.pages.iter().position(|(p, _)| *p == i + 1) {
            Some(k) => pages.push(std::mem::take(&mut read.pages[k].1)),
            None => pages.push(
                text.lines()
                    .map(|l| (0, Item::Line(l.to_string())))
                    .collect(),
            ),
        }
    }
    Ok(Scanned {
        pages,
        doubts: read.doubts,
    })
}

/// An image file decoded in gray, a small one (a screenshot, a 150 dpi scan) enlarged twice:
/// Tesseract reads 10-point type best at about 300 dpi, and the rules' lengths are measured
/// at that scale. With how many times it was enlarged.
fn decode(bytes: &[u8]) -> Result<(GrayImage, u32), OcrError> {
    let img = pixels::gray(bytes)?;
    Ok(if img.width() < 1600 {
        (pixels::doubled(&img)?, 2)
    } else {
        (img, 1)
    })
}

/// Does this image hold a ruled table (the grid of at least two rows and two columns)? A
/// picture without one is no report. Needs no Tesseract.
pub fn has_table(bytes: &[u8]) -> Result<bool, OcrError> {
    let (img, _) = decode(bytes)?;
    let straight = straighten(&img);
    Ok(grid::tables(&straight)
        .iter()
        .any(|t| t.n_rows >= 2 && t.cells.iter().any(|c| c.col >= 1)))
}

/// An image of a page or of a table.
pub fn read_image(bytes: &[u8]) -> Result<Scanned, OcrError> {
    read_image_as(bytes, 1)
}

/// [`read_image`], its cells' places on page `page` (a web page's `page`th picture).
pub fn read_image_as(bytes: &[u8], page: usize) -> Result<Scanned, OcrError> {
    tess::check()?;
    let (img, enlarged) = decode(bytes)?;
    let dir = tempfile::tempdir().map_err(|e| OcrError::Run(e.to_string()))?;
    let one = std::sync::Mutex::new(Some(img));
    let read = read_pages(&[page], dir.path(), &|_, _| {}, &|_, _| {
        Ok(one.lock().expect("not poisoned").take().expect("read once"))
    })?;
    trace::keep(dir.path());
    let mut scanned = Scanned {
        pages: read.pages.into_iter().map(|(_, items)| items).collect(),
        doubts: read.doubts,
    };
    scanned.shrink_boxes(enlarged);
    Ok(scanned)
}

/// What a cell of a table holds: text read, or a doubtful number (an index into the doubts).
#[derive(Debug)]
enum Text {
    Read(String),
    Doubt(usize),
}

/// What a page holds, top to bottom.
#[derive(Debug)]
enum Item {
    Line(String),
    /// Rows of (grid column, text, place).
    Table(Vec<Vec<(u32, Text, Origin)>>),
}

type Items = Vec<(usize, Item)>;
/// A page as read: its items, and its doubtful cells (numbered within the page).
type PageRead = (Items, Vec<Doubt>);
type Raster<'a> = dyn Fn(usize, &Path) -> Result<GrayImage, OcrError> + Sync + 'a;

/// Pages as read, in page order, and the doubtful cells of them all (numbered across them).
struct Read {
    pages: Vec<(usize, Items)>,
    doubts: Vec<Doubt>,
}

/// Reads `pages` on every core (rayon), in groups (`group.rs`), telling `tick` as each is
/// done.
fn read_pages(
    pages: &[usize],
    dir: &Path,
    tick: Tick<'_>,
    raster: &Raster<'_>,
) -> Result<Read, OcrError> {
    let done = AtomicUsize::new(0);
    tick(0, pages.len());
    let size = group::size(pages.len(), rayon::current_num_threads());
    let groups: Vec<Result<Vec<PageRead>, OcrError>> = pages
        .par_chunks(size)
        .map(|g| {
            let r = group::read(g, dir, raster);
            let n = done.fetch_add(g.len(), Ordering::SeqCst) + g.len();
            tick(n, pages.len());
            r
        })
        .collect();
    let mut results = Vec::new();
    for g in groups {
        results.extend(g?);
    }
    let mut out = Read {
        pages: Vec::new(),
        doubts: Vec::new(),
    };
    for (&p, (mut items, doubts)) in pages.iter().zip(results) {
        // The page's doubts numbered after those of the pages before.
        let base = out.doubts.len();
        for (_, item) in &mut items {
            if let Item::Table(rows) = item {
                for (_, text, _) in rows.iter_mut().flatten() {
                    if let Text::Doubt(k) = text {
                        *k += base;
                    }
                }
            }
        }
        out.doubts.extend(doubts);
        out.pages.push((p, items));
    }
    Ok(out)
}

/// The page turned straight, when it is turned by a measurable angle.
fn straighten(img: &GrayImage) -> GrayImage {
    let angle = grid::skew(img);
    if angle.abs() >= 0.05 {
        grid::rotate(img, angle)
    } else {
        img.clone()
    }
}

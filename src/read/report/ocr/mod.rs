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
//! Pages are read side by side on every core (rayon), one Tesseract process at a time each.

mod alone;
mod boxes;
mod digits;
mod grid;
mod ink;
mod pixels;
mod seal;
mod tess;
mod words;

use super::page::{Builder, Page};
use super::token::{Origin, fold_char};
use image::GrayImage;
use rayon::prelude::*;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use words::{han, join, label, lines};

#[derive(Debug, thiserror::Error)]
pub enum OcrError {
    /// A program OCR needs is not installed: what to install.
    #[error("{0}")]
    Missing(String),
    #[error("{0}")]
    Run(String),
    #[error("not an image that can be read: {0}")]
    Image(String),
}

/// Is this an image file (PNG, JPEG, TIFF), by its first bytes?
pub fn is_image(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x89PNG")
        || bytes.starts_with(&[0xFF, 0xD8, 0xFF])
        || bytes.starts_with(b"II*\0")
        || bytes.starts_with(b"MM\0*")
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

impl std::fmt::Display for Doubt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: read {}", self.place, self.said)
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
    let mut read = read_pages(&scanned, dir.path(), tick, &|p, d| {
        tess::rasterise(&pdf, p, d)
    })?;
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
type Raster<'a> = dyn Fn(usize, &Path) -> Result<GrayImage, OcrError> + Sync + 'a;

/// Pages as read, in page order, and the doubtful cells of them all (numbered across them).
struct Read {
    pages: Vec<(usize, Items)>,
    doubts: Vec<Doubt>,
}

/// Reads `pages` on every core (rayon), telling `tick` as each is done.
fn read_pages(
    pages: &[usize],
    dir: &Path,
    tick: Tick<'_>,
    raster: &Raster<'_>,
) -> Result<Read, OcrError> {
    let done = AtomicUsize::new(0);
    tick(0, pages.len());
    let results: Vec<Result<(Items, Vec<Doubt>), OcrError>> = pages
        .par_iter()
        .map(|&p| {
            let r = raster(p, dir).and_then(|img| read_page(p, &img, dir));
            tick(done.fetch_add(1, Ordering::SeqCst) + 1, pages.len());
            r
        })
        .collect();
    let mut out = Read {
        pages: Vec::new(),
        doubts: Vec::new(),
    };
    for (&p, r) in pages.iter().zip(results) {
        let (mut items, doubts) = r?;
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

/// A number cell's images among those read as digits: the first, how many, why it is not
/// to be read (if so), and whether a seal's ring may hide part of its figure.
type DigitCell = (usize, usize, Option<&'static str>, bool);

/// One page: straightened, its tables' grids found, its words read with the rules erased,
/// and every cell that is not Chinese read again as digits alone, at several sizes.
fn read_page(page: usize, img: &GrayImage, dir: &Path) -> Result<(Items, Vec<Doubt>), OcrError> {
    let straight = straighten(img);
    let tables = grid::tables(&straight);
    // A seal's ring over the page, lifted off what is read (not off what the grid is found in).
    let rings = seal::rings(&straight);
    let erased = seal::lift(grid::erase_lines(&straight, None), &rings);
    let bare = seal::lift(grid::erase_lines(&straight, Some(grid::NO_STROKE)), &rings);
    let save = |img: &GrayImage, name: String| -> Result<std::path::PathBuf, OcrError> {
        let path = dir.join(name);
        img.save(&path).map_err(|e| OcrError::Run(e.to_string()))?;
        Ok(path)
    };
    let whole = save(&bare, format!("p{page}.pgm"))?;
    let words = tess::read(
        &[whole],
        dir,
        &format!("p{page}w"),
        &["-l", "chi_sim", "--psm", "11"],
    )?;
    let centre_in = |w: &tess::Word, x: usize, y: usize, cw: usize, ch: usize| {
        let (mx, my) = (w.x + w.w / 2, w.y + w.h / 2);
        mx >= x && mx < x + cw && my >= y && my < y + ch
    };
    // Each cell's words, and which cells are read again as digits (the first of their
    // images in the run, one per size).
    let mut digit_paths = Vec::new();
    let mut cell_words: Vec<Vec<Vec<&tess::Word>>> = Vec::new();
    let mut digit_of: Vec<Vec<Option<DigitCell>>> = Vec::new();
    // And which cells are read alone as Chinese too (`alone.rs`): their image in that run.
    let mut alone_paths = Vec::new();
    let mut alone_of: Vec<Vec<Option<usize>>> = Vec::new();
    for (t, table) in tables.iter().enumerate() {
        let mut ws = Vec::new();
        let mut ds = Vec::new();
        let mut als = Vec::new();
        for (c, cell) in table.cells.iter().enumerate() {
            let inside: Vec<&tess::Word> = words
                .iter()
                .filter(|w| centre_in(w, cell.x, cell.y, cell.w, cell.h))
                .collect();
            let han_chars = inside
                .iter()
                .flat_map(|w| w.text.chars())
                .filter(|&c| han(c))
                .count();
            // A cell of Chinese words is a label; any other is read as a number, at several
            // sizes (none when it has no ink). One Chinese character alone may be noise read
            // in a number cell (a 0 read as 人0): such a cell is read both ways.
            let chinese = han_chars >= 2;
            // A number cell's figure, found once: whether it has ink decides its reading alone.
            let figure = (!chinese).then(|| digits::figure(&erased, cell, &rings));
            let inked = !matches!(figure, Some(digits::Figure::Empty));
            if alone::wanted(&inside, chinese, inked) {
                als.push(Some(alone_paths.len()));
                alone_paths.push(save(
                    &alone::cut(&erased, cell),
                    format!("p{page}t{t}c{c}a.pgm"),
                )?);
            } else {
                als.push(None);
            }
            if let Some(figure) = figure {
                let (images, unreadable, sealed) = match figure {
                    digits::Figure::Empty => (Vec::new(), None, false),
                    digits::Figure::Unreadable(why) => (Vec::new(), Some(why), false),
                    digits::Figure::Images { images, sealed } => (images, None, sealed),
                };
                ds.push(Some((digit_paths.len(), images.len(), unreadable, sealed)));
                for (i, img) in images.iter().enumerate() {
                    digit_paths.push(save(img, format!("p{page}t{t}c{c}s{i}.pgm"))?);
                }
            } else {
                ds.push(None);
            }
            ws.push(inside);
        }
        cell_words.push(ws);
        digit_of.push(ds);
        alone_of.push(als);
    }
    // Every size read by each model: the readings of image i are at i, then at i plus the
    // number of images, and so on.
    // (The two models read side by side.)
    let read_with = |k: usize| {
        tess::read(
            &digit_paths,
            dir,
            &format!("p{page}d{k}"),
            &[
                "-l",
                digits::LANGS[k],
                "--oem",
                "1",
                "--psm",
                "7",
                "-c",
                "tessedit_char_whitelist=0123456789.",
            ],
        )
    };
    let ((eng, chi), alone_read) = rayon::join(
        || rayon::join(|| read_with(0), || read_with(1)),
        || tess::read(&alone_paths, dir, &format!("p{page}a"), &alone::ARGS),
    );
    let alone_read = alone_read?;
    // A cell's reading alone: its words.
    let alone_words = |t: usize, c: usize| -> Option<Vec<&tess::Word>> {
        let i = alone_of[t][c]?;
        Some(alone_read.iter().filter(|w| w.image == i + 1).collect())
    };
    let mut read: Vec<tess::Word> = eng?;
    read.extend(chi?.into_iter().map(|mut w| {
        w.image += digit_paths.len();
        w
    }));
    let n_images = digit_paths.len();
    let mut items: Items = Vec::new();
    let mut doubts = Vec::new();
    for (t, table) in tables.iter().enumerate() {
        let mut rows: Vec<Vec<(u32, Text, Origin)>> =
            (0..table.n_rows).map(|_| Vec::new()).collect();
        for (c, cell) in table.cells.iter().enumerate() {
            let inside = &cell_words[t][c];
            let read_alone = alone_words(t, c);
            let by_itself = read_alone.clone().and_then(alone::label);
            let alone_text = read_alone.and_then(alone::text);
            let origin = |conf: f64| Origin::Scan {
                page: page as u32,
                x: cell.x as u32,
                y: cell.y as u32,
                w: cell.w as u32,
                h: cell.h as u32,
                conf: conf.clamp(0.0, 100.0) as u8,
                alt: 0,
                alts: 0,
            };
            let (text, origin) = match digit_of[t][c] {
                None if inside.is_empty() => (Text::Read(String::new()), origin(100.0)),
                None => {
                    let (text, conf) = by_itself.clone().unwrap_or_else(|| {
                        let conf = inside.iter().map(|w| w.conf).sum::<f64>() / inside.len() as f64;
                        let text = lines(inside.clone()).iter().map(|(_, l)| join(l)).collect();
                        (text, conf)
                    });
                    (Text::Read(label(text)), origin(conf))
                }
                Some((_, _, Some(why), _)) => {
                    doubts.push(Doubt {
                        place: format!(
                            "page {page} cell ({},{},{},{})",
                            cell.x, cell.y, cell.w, cell.h
                        ),
                        said: why.into(),
                        alternatives: Vec::new(),
                        origin: origin(0.0),
                    });
                    (Text::Doubt(doubts.len() - 1), origin(0.0))
                }
                Some((first, sizes, None, sealed)) => {
                    let images = (0..digits::LANGS.len())
                        .flat_map(|k| (0..sizes).map(move |i| k * n_images + first + i));
                    let readings: Vec<(String, f64)> = images
                        .map(|i| {
                            let ws: Vec<&tess::Word> =
                                read.iter().filter(|w| w.image == i + 1).collect();
                            let text: String = ws.iter().map(|w| w.text.as_str()).collect();
                            let conf = ws.iter().map(|w| w.conf).fold(f64::MAX, f64::min);
                            (text, if ws.is_empty() { 0.0 } else { conf })
                        })
                        .collect();
                    let c: String = inside
                        .iter()
                        .flat_map(|w| w.text.chars())
                        .map(fold_char)
                        .filter(|c| !c.is_whitespace())
                        .collect();
                    let c_conf = inside.iter().map(|w| w.conf).fold(100.0, f64::min);
                    let chinese = (!c.is_empty()).then_some((c.as_str(), c_conf));
                    let units: Vec<&str> = [alone_text.as_ref().map(|(t, _)| t.as_str()), Some(&c)]
                        .into_iter()
                        .flatten()
                        .filter_map(alone::unit)
                        .collect();
                    let verdict = alone::with_unit(digits::decide(&readings, chinese), &units);
                    match seal::unsure(verdict, sealed) {
                        digits::Verdict::Sure(text, conf) => (Text::Read(text), origin(conf)),
                        // No number, and Chinese when read alone: a header printed one
                        // character a line.
                        digits::Verdict::Doubt { alternatives, .. }
                            if alternatives.is_empty() && by_itself.is_some() =>
                        {
                            let (text, conf) = by_itself.clone().expect("a label");
                            (Text::Read(text), origin(conf))
                        }
                        // Not a number: one Chinese character (其他's 他, read alone).
                        digits::Verdict::Doubt { alternatives, .. }
                            if alternatives.is_empty() && c.chars().any(han) =>
                        {
                            let conf =
                                inside.iter().map(|w| w.conf).sum::<f64>() / inside.len() as f64;
                            let text: String =
                                lines(inside.clone()).iter().map(|(_, l)| join(l)).collect();
                            (Text::Read(text), origin(conf))
                        }
                        digits::Verdict::Doubt { alternatives, said } => {
                            doubts.push(Doubt {
                                place: format!(
                                    "page {page} cell ({},{},{},{})",
                                    cell.x, cell.y, cell.w, cell.h
                                ),
                                said,
                                alternatives,
                                origin: origin(0.0),
                            });
                            (Text::Doubt(doubts.len() - 1), origin(0.0))
                        }
                    }
                }
            };
            rows[cell.row].push((cell.col as u32, text, origin));
        }
        items.push((table.top, Item::Table(rows)));
    }
    // Text outside the tables: the title, headings, the statistics period.
    let outside: Vec<&tess::Word> = words
        .iter()
        .filter(|w| {
            !tables
                .iter()
                .any(|t| centre_in(w, t.left, t.top, t.right - t.left, t.bottom - t.top))
        })
        .collect();
    for (top, l) in lines(outside) {
        items.push((top, Item::Line(words::sure_line(&l))));
    }
    items.sort_by_key(|(y, _)| *y);
    Ok((items, doubts))
}

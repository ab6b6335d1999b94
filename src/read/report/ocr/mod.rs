//! Scanned reports: PDF pages without a text layer, and images of pages or tables (`.png`,
//! `.jpg`, `.tif`), read by OCR into the form `page.rs` makes for HTML and Word, so that the
//! table reader knows nothing of OCR and finds, checks and refuses as it does for them.
//!
//! OCR guesses; the import may not. So the table's grid is found in the pixels (`grid.rs`),
//! each cell is read alone, a number twice (Tesseract's digits-only reading, and the Chinese
//! reading of the whole page), and a number is taken only when the digits-only reading is
//! confident and the other does not contradict it. Anything else refuses the report, naming
//! the page, the cell's box in pixels (at 300 dpi, after straightening), what each reading
//! said and how sure it was. Every number keeps its place: `page P cell (x,y,w,h) OCR conf NN`.
//!
//! Pages are read side by side, one thread and one Tesseract process at a time each, on as
//! many threads as there are cores.

mod grid;
mod tess;

use super::page::{Builder, Page};
use super::token::{Origin, fold_char};
use image::GrayImage;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The digits-only reading of a number is taken at this confidence or above (Tesseract's
/// word confidence, 0–100); below it the cell is doubtful.
const MIN_CONF: f64 = 80.0;
/// A cell with fewer dark pixels than this (inside its rules) is empty: specks of a scan's
/// noise are not a number.
const MIN_INK: usize = 25;

#[derive(Debug, thiserror::Error)]
pub enum OcrError {
    /// A program OCR needs is not installed: what to install.
    #[error("{0}")]
    Missing(String),
    #[error("{0}")]
    Run(String),
    /// Cells whose reading is not sure: each named with what was read.
    #[error("OCR could not read every number for sure: {}", .0.join("; "))]
    Doubtful(Vec<String>),
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

/// A PDF whose pages `texts` (pdftotext's, one per page) are blank where they were scanned:
/// the scanned pages read by OCR, the others taken as their text layer gives them.
pub fn read_pdf(bytes: &[u8], texts: &[String]) -> Result<Page, OcrError> {
    tess::check()?;
    let dir = tempfile::tempdir().map_err(|e| OcrError::Run(e.to_string()))?;
    let pdf = dir.path().join("report.pdf");
    std::fs::write(&pdf, bytes).map_err(|e| OcrError::Run(e.to_string()))?;
    let scanned: Vec<usize> = (1..=texts.len())
        .filter(|&p| is_blank(&texts[p - 1]))
        .collect();
    let read = read_pages(&scanned, dir.path(), &|p, d| tess::rasterise(&pdf, p, d))?;
    let mut b = Builder::new();
    for (i, text) in texts.iter().enumerate() {
        match read.iter().find(|(p, _)| *p == i + 1) {
            Some((_, items)) => emit(&mut b, items),
            None => {
                for line in text.lines() {
                    b.text(line);
                    b.flush();
                }
            }
        }
    }
    Ok(b.finish())
}

/// An image of a page or of a table. A small one (a screenshot, a 150 dpi scan) is enlarged
/// twice: Tesseract reads 10-point type best at about 300 dpi, and the rules' lengths are
/// measured at that scale.
pub fn read_image(bytes: &[u8]) -> Result<Page, OcrError> {
    tess::check()?;
    let img = image::load_from_memory(bytes)
        .map_err(|e| OcrError::Image(e.to_string()))?
        .to_luma8();
    let img = if img.width() < 1600 {
        image::imageops::resize(
            &img,
            img.width() * 2,
            img.height() * 2,
            image::imageops::FilterType::Triangle,
        )
    } else {
        img
    };
    let dir = tempfile::tempdir().map_err(|e| OcrError::Run(e.to_string()))?;
    let one = Mutex::new(Some(img));
    let read = read_pages(&[1], dir.path(), &|_, _| {
        Ok(one.lock().expect("not poisoned").take().expect("read once"))
    })?;
    let mut b = Builder::new();
    for (_, items) in &read {
        emit(&mut b, items);
    }
    Ok(b.finish())
}

/// What a page holds, top to bottom.
enum Item {
    Line(String),
    /// Rows of (grid column, text, place).
    Table(Vec<Vec<(u32, String, Origin)>>),
}

fn emit(b: &mut Builder, items: &[(usize, Item)]) {
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
                        b.cell(text, *origin, *x);
                    }
                }
            }
        }
    }
}

type Items = Vec<(usize, Item)>;
type Raster<'a> = dyn Fn(usize, &Path) -> Result<GrayImage, OcrError> + Sync + 'a;

/// Reads `pages` on every core: each thread takes the next page until none is left. The
/// doubtful cells of every page are told together.
fn read_pages(
    pages: &[usize],
    dir: &Path,
    raster: &Raster<'_>,
) -> Result<Vec<(usize, Items)>, OcrError> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(pages.len().max(1));
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, Result<Items, OcrError>)>> = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(&p) = pages.get(i) else { break };
                    let r = raster(p, dir).and_then(|img| read_page(p, &img, dir));
                    results.lock().expect("not poisoned").push((p, r));
                }
            });
        }
    });
    let mut results = results.into_inner().expect("not poisoned");
    results.sort_by_key(|(p, _)| *p);
    let mut out = Vec::new();
    let mut doubts = Vec::new();
    for (p, r) in results {
        match r {
            Ok(items) => out.push((p, items)),
            Err(OcrError::Doubtful(d)) => doubts.extend(d),
            Err(e) => return Err(e),
        }
    }
    if !doubts.is_empty() {
        return Err(OcrError::Doubtful(doubts));
    }
    Ok(out)
}

fn han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Words in reading order joined: no space between Chinese, one between Latin or digits.
fn join(words: &[&tess::Word]) -> String {
    let mut out = String::new();
    for w in words {
        let spaced = out
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            && w.text
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric());
        if spaced {
            out.push(' ');
        }
        out.push_str(&w.text);
    }
    out
}

/// Words grouped into lines (a word joins a line it overlaps by half its height), each line
/// left to right: the lines' top and words.
fn lines(mut words: Vec<&tess::Word>) -> Vec<(usize, Vec<&tess::Word>)> {
    words.sort_by_key(|w| w.y + w.h / 2);
    let mut out: Vec<(usize, usize, Vec<&tess::Word>)> = Vec::new();
    for w in words {
        match out.last_mut() {
            Some((top, bottom, line))
                if (w.y + w.h).min(*bottom) as isize - w.y.max(*top) as isize
                    >= (w.h.min(*bottom - *top) / 2) as isize =>
            {
                *top = (*top).min(w.y);
                *bottom = (*bottom).max(w.y + w.h);
                line.push(w);
            }
            _ => out.push((w.y, w.y + w.h, vec![w])),
        }
    }
    out.into_iter()
        .map(|(top, _, mut l)| {
            l.sort_by_key(|w| w.x);
            (top, l)
        })
        .collect()
}

/// One page: straightened, its tables' grids found, its words read with the rules erased,
/// and every cell that is not Chinese read again as digits alone.
fn read_page(page: usize, img: &GrayImage, dir: &Path) -> Result<Items, OcrError> {
    let angle = grid::skew(img);
    let straight = if angle.abs() >= 0.05 {
        grid::rotate(img, angle)
    } else {
        img.clone()
    };
    let tables = grid::tables(&straight);
    let erased = grid::erase_lines(&straight);
    let save = |img: &GrayImage, name: String| -> Result<std::path::PathBuf, OcrError> {
        let path = dir.join(name);
        img.save(&path).map_err(|e| OcrError::Run(e.to_string()))?;
        Ok(path)
    };
    let whole = save(&erased, format!("p{page}.pgm"))?;
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
    // Each cell's words, and which cells are read again as digits.
    let mut digit_paths = Vec::new();
    let mut cell_words: Vec<Vec<Vec<&tess::Word>>> = Vec::new();
    let mut digit_of: Vec<Vec<Option<usize>>> = Vec::new();
    for (t, table) in tables.iter().enumerate() {
        let mut ws = Vec::new();
        let mut ds = Vec::new();
        for (c, cell) in table.cells.iter().enumerate() {
            let inside: Vec<&tess::Word> = words
                .iter()
                .filter(|w| centre_in(w, cell.x, cell.y, cell.w, cell.h))
                .collect();
            let chinese = inside.iter().any(|w| w.text.chars().any(han));
            let crop = inner(&erased, cell);
            let ink = crop.as_raw().iter().filter(|&&v| v < 100).count();
            if !chinese && ink >= MIN_INK {
                ds.push(Some(digit_paths.len()));
                digit_paths.push(save(&crop, format!("p{page}t{t}c{c}.pgm"))?);
            } else {
                ds.push(None);
            }
            ws.push(inside);
        }
        cell_words.push(ws);
        digit_of.push(ds);
    }
    let digits = tess::read(
        &digit_paths,
        dir,
        &format!("p{page}d"),
        &[
            "-l",
            "eng",
            "--psm",
            "7",
            "-c",
            "tessedit_char_whitelist=0123456789.",
        ],
    )?;
    let mut items: Items = Vec::new();
    let mut doubts = Vec::new();
    for (t, table) in tables.iter().enumerate() {
        let mut rows: Vec<Vec<(u32, String, Origin)>> = vec![Vec::new(); table.n_rows];
        for (c, cell) in table.cells.iter().enumerate() {
            let inside = &cell_words[t][c];
            let origin = |conf: f64| Origin::Scan {
                page: page as u32,
                x: cell.x as u32,
                y: cell.y as u32,
                w: cell.w as u32,
                h: cell.h as u32,
                conf: conf.clamp(0.0, 100.0) as u8,
            };
            let place = format!(
                "page {page} cell ({},{},{},{})",
                cell.x, cell.y, cell.w, cell.h
            );
            let text = match digit_of[t][c] {
                None if inside.is_empty() => (String::new(), origin(100.0)),
                None => {
                    let conf = inside.iter().map(|w| w.conf).sum::<f64>() / inside.len() as f64;
                    let text: String = lines(inside.clone()).iter().map(|(_, l)| join(l)).collect();
                    (text, origin(conf))
                }
                Some(k) => {
                    let read: Vec<&tess::Word> =
                        digits.iter().filter(|w| w.image == k + 1).collect();
                    let d: String = read.iter().map(|w| w.text.as_str()).collect();
                    let conf = read.iter().map(|w| w.conf).fold(f64::MAX, f64::min);
                    let c: String = inside
                        .iter()
                        .flat_map(|w| w.text.chars())
                        .map(fold_char)
                        .filter(|c| !c.is_whitespace())
                        .collect();
                    let c_conf = inside.iter().map(|w| w.conf).fold(f64::MAX, f64::min);
                    let number = !d.is_empty()
                        && d.split('.').count() <= 2
                        && d.split('.')
                            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
                    // The Chinese reading of digits is the weaker (it reads 1 as ] and 0 as (0):
                    // it contradicts only when it is a number and as sure.
                    let c_number =
                        !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit() || ch == '.');
                    let contradicts = c_number && c != d && c_conf >= MIN_CONF;
                    if number && conf >= MIN_CONF && !contradicts {
                        (d, origin(conf))
                    } else {
                        let said = |s: &str, conf: f64| {
                            if s.is_empty() {
                                "nothing".to_string()
                            } else {
                                format!("“{s}” (conf {conf:.0})")
                            }
                        };
                        doubts.push(format!(
                            "{place}: the digits-only reading is {}, the Chinese reading {}",
                            said(&d, conf),
                            said(&c, c_conf)
                        ));
                        continue;
                    }
                }
            };
            rows[cell.row].push((cell.col as u32, text.0, text.1));
        }
        items.push((table.top, Item::Table(rows)));
    }
    if !doubts.is_empty() {
        return Err(OcrError::Doubtful(doubts));
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
        items.push((top, Item::Line(join(&l))));
    }
    items.sort_by_key(|(y, _)| *y);
    Ok(items)
}

/// A cell's ink (inside its rules), cut close, on a white margin: Tesseract reads a lone
/// digit in a wide empty cell as nothing, the same digit cut close as itself.
fn inner(img: &GrayImage, cell: &grid::Cell) -> GrayImage {
    const EDGE: usize = 6;
    const PAD: u32 = 16;
    let (x0, y0) = (cell.x + EDGE, cell.y + EDGE);
    let x1 = (cell.x + cell.w)
        .saturating_sub(EDGE)
        .min(img.width() as usize);
    let y1 = (cell.y + cell.h)
        .saturating_sub(EDGE)
        .min(img.height() as usize);
    let (mut bx0, mut by0, mut bx1, mut by1) = (usize::MAX, usize::MAX, 0, 0);
    for y in y0..y1 {
        for x in x0..x1 {
            if img.get_pixel(x as u32, y as u32).0[0] < 160 {
                (bx0, by0, bx1, by1) = (bx0.min(x), by0.min(y), bx1.max(x), by1.max(y));
            }
        }
    }
    if bx0 > bx1 {
        return GrayImage::from_pixel(2 * PAD, 2 * PAD, image::Luma([255]));
    }
    // A little of the cell around the ink: its faint edges are part of the digits.
    let (bx0, by0) = (bx0.saturating_sub(6).max(x0), by0.saturating_sub(6).max(y0));
    let (bx1, by1) = ((bx1 + 6).min(x1 - 1), (by1 + 6).min(y1 - 1));
    let (w, h) = ((bx1 + 1 - bx0) as u32, (by1 + 1 - by0) as u32);
    let cut = image::imageops::crop_imm(img, bx0 as u32, by0 as u32, w, h).to_image();
    // Enlarged twice: 10-point digits at 300 dpi are about 25 pixels high, below the height
    // Tesseract reads digits alone best at.
    let mut big =
        image::imageops::resize(&cut, w * 2, h * 2, image::imageops::FilterType::Triangle);
    // Black on white: Tesseract reads a faint lone 0 of a JPEG scan as nothing in gray, and
    // as 0 (conf 96) once thresholded.
    for p in big.pixels_mut() {
        p.0[0] = if p.0[0] < 180 { 0 } else { 255 };
    }
    let mut out = GrayImage::from_pixel(2 * w + 2 * PAD, 2 * h + 2 * PAD, image::Luma([255]));
    image::imageops::replace(&mut out, &big, PAD as i64, PAD as i64);
    out
}

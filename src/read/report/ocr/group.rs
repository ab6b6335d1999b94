//! Pages read together. Each page is straightened, its tables' grids found and its words read
//! with the rules erased; every cell that is not Chinese is read again as digits alone, at
//! several sizes, by each model, and label cells read alone (`alone.rs`). A Tesseract process
//! spends about 0.1 s of CPU loading its model before it reads anything, and reads each image
//! of the list it is given as if it were given alone (the words, boxes and confidences are
//! those of a run per image: `tests::a_group_reads_as_its_pages_alone`); so the pages of a
//! group are read with one process per kind of reading (the pages' words, digits by each
//! model, labels alone): 4 for the group, where a page alone takes 4.
//!
//! Measured (bench/ocr.sh, 1 core): the clean 3-page scan takes 9 Tesseract runs a page at a
//! time (its first page has no table), 4 as one group; 3.80 s of CPU a page, 4.01 a page at a
//! time. The LSTM's work is the same either way (it grows with the ink read,
//! not with the number of images: 400 cells read as one montage took the CPU of 400 images
//! in a list), so the saving is the models' loading and no more.

use super::tess::{self, Word};
use super::words::{self, han, join, label, lines};
use super::{
    Doubt, Item, Items, OcrError, PageRead, Raster, Text, alone, digits, grid, seal, straighten,
    trace,
};
use crate::read::report::token::{Origin, fold_char};
use image::GrayImage;
use std::path::{Path, PathBuf};

/// At most this many pages are read together: their erased images are held until their cells
/// are cut (8.7 MB a page at 300 dpi), and the progress bar moves a group at a time.
pub const MOST: usize = 4;

/// How many pages go in each group when `pages` are read on `threads` threads: one group a
/// thread at least, so that every core reads, and at most [`MOST`] pages a group.
pub fn size(pages: usize, threads: usize) -> usize {
    (pages / threads.max(1)).clamp(1, MOST)
}

/// The page's image for its words, as Tesseract reads it.
const WORDS: [&str; 4] = ["-l", "chi_sim", "--psm", "11"];

/// A page made ready to read: its tables, the page with its rules erased (for the cells), and
/// the page with only its long rules erased, saved for its words.
struct Ready {
    page: usize,
    tables: Vec<grid::Table>,
    /// A seal's rings over the page (`seal.rs`), lifted off `erased` and the page's words.
    rings: Vec<seal::Ring>,
    erased: GrayImage,
    whole: PathBuf,
}

/// A number cell's images among those read as digits: the first, how many, why it is not
/// to be read (if so), and whether a seal's ring may hide part of its figure.
type DigitCell = (usize, usize, Option<String>, bool);

fn save(dir: &Path, img: &GrayImage, name: String) -> Result<PathBuf, OcrError> {
    let path = dir.join(name);
    img.save(&path).map_err(|e| OcrError::Run(e.to_string()))?;
    Ok(path)
}

fn ready(page: usize, img: &GrayImage, dir: &Path) -> Result<Ready, OcrError> {
    let mut clock = trace::Clock::start();
    let straight = straighten(img);
    clock.step(page, "straightened");
    let tables = grid::tables(&straight);
    clock.step(page, "grid found");
    // A seal's ring over the page, lifted off what is read (not off what the grid is found in).
    let rings = seal::rings(&straight);
    clock.step(page, "seal rings found");
    let erased = seal::lift(grid::erase_lines(&straight, None), &rings);
    let bare = seal::lift(grid::erase_lines(&straight, Some(grid::NO_STROKE)), &rings);
    clock.step(page, "rules erased");
    let whole = save(dir, &bare, format!("p{page}.pgm"))?;
    clock.step(page, "page saved");
    Ok(Ready {
        page,
        tables,
        rings,
        erased,
        whole,
    })
}

/// Is the word's centre in this box?
fn centre_in(w: &Word, x: usize, y: usize, cw: usize, ch: usize) -> bool {
    let (mx, my) = (w.x + w.w / 2, w.y + w.h / 2);
    mx >= x && mx < x + cw && my >= y && my < y + ch
}

/// A page's cells as cut: each cell's words (indices into the page's words), which cells
/// are read again as digits (the first of their images in the group's run, one per size, and
/// whether a stamp crosses it), and which are read alone (their image in that run).
struct Cut {
    cell_words: Vec<Vec<Vec<usize>>>,
    digit_of: Vec<Vec<Option<DigitCell>>>,
    alone_of: Vec<Vec<Option<usize>>>,
}

fn cut(
    r: &Ready,
    words: &[&Word],
    dir: &Path,
    digit_paths: &mut Vec<PathBuf>,
    alone_paths: &mut Vec<PathBuf>,
) -> Result<Cut, OcrError> {
    let (page, erased) = (r.page, &r.erased);
    let mut out = Cut {
        cell_words: Vec::new(),
        digit_of: Vec::new(),
        alone_of: Vec::new(),
    };
    for (t, table) in r.tables.iter().enumerate() {
        let mut ws = Vec::new();
        let mut ds = Vec::new();
        let mut als = Vec::new();
        for (c, cell) in table.cells.iter().enumerate() {
            let at: Vec<usize> = (0..words.len())
                .filter(|&i| centre_in(words[i], cell.x, cell.y, cell.w, cell.h))
                .collect();
            let inside: Vec<&Word> = at.iter().map(|&i| words[i]).collect();
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
            let figure = (!chinese).then(|| digits::figure(erased, cell, &r.rings));
            let inked = !matches!(figure, Some(digits::Figure::Empty));
            if alone::wanted(&inside, chinese, inked) {
                als.push(Some(alone_paths.len()));
                alone_paths.push(save(
                    dir,
                    &alone::cut(erased, cell),
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
                    digit_paths.push(save(dir, img, format!("p{page}t{t}c{c}s{i}.pgm"))?);
                }
            } else {
                ds.push(None);
            }
            ws.push(at);
        }
        out.cell_words.push(ws);
        out.digit_of.push(ds);
        out.alone_of.push(als);
    }
    Ok(out)
}

/// The words of a run, by image (from 1): `by[i]` holds image `i + 1`'s, in the run's order.
fn by_image(words: &[Word], images: usize) -> Vec<Vec<&Word>> {
    let mut by: Vec<Vec<&Word>> = vec![Vec::new(); images];
    for w in words {
        if let Some(v) = w.image.checked_sub(1).and_then(|i| by.get_mut(i)) {
            v.push(w);
        }
    }
    by
}

/// A page's cells settled from their readings: `digits_read[i]` holds the words of digit
/// image `i` (each model's run after the other's: the second model's reading of image `i` is
/// at `i + n_images`), `alone_read[i]` those of image `i` read alone.
fn settle(
    r: &Ready,
    words: &[&Word],
    cut: &Cut,
    digits_read: &[Vec<&Word>],
    n_images: usize,
    alone_read: &[Vec<&Word>],
) -> PageRead {
    let page = r.page;
    // A cell's reading alone: its words.
    let alone_words = |t: usize, c: usize| -> Option<Vec<&Word>> {
        let i = cut.alone_of[t][c]?;
        Some(alone_read.get(i).cloned().unwrap_or_default())
    };
    let mut items: Items = Vec::new();
    let mut doubts = Vec::new();
    for (t, table) in r.tables.iter().enumerate() {
        let mut rows: Vec<Vec<(u32, Text, Origin)>> =
            (0..table.n_rows).map(|_| Vec::new()).collect();
        for (c, cell) in table.cells.iter().enumerate() {
            let inside: &Vec<&Word> = &cut.cell_words[t][c].iter().map(|&i| words[i]).collect();
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
            let (text, origin) = match &cut.digit_of[t][c] {
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
                        said: why.clone(),
                        alternatives: Vec::new(),
                        origin: origin(0.0),
                    });
                    (Text::Doubt(doubts.len() - 1), origin(0.0))
                }
                &Some((first, sizes, None, sealed)) => {
                    let images = (0..digits::LANGS.len())
                        .flat_map(|k| (0..sizes).map(move |i| k * n_images + first + i));
                    let readings: Vec<(String, f64)> = images
                        .map(|i| {
                            let ws: &[&Word] = digits_read.get(i).map_or(&[], |v| v.as_slice());
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
    let outside: Vec<&Word> = words
        .iter()
        .copied()
        .filter(|w| {
            !r.tables
                .iter()
                .any(|t| centre_in(w, t.left, t.top, t.right - t.left, t.bottom - t.top))
        })
        .collect();
    for (top, l) in lines(outside) {
        items.push((top, Item::Line(words::sure_line(&l))));
    }
    items.sort_by_key(|(y, _)| *y);
    (items, doubts)
}

/// Reads the pages of a group (made images by `raster`), one Tesseract process per kind of
/// reading for them all: each page's items and doubtful cells (numbered within the page).
pub fn read(group: &[usize], dir: &Path, raster: &Raster<'_>) -> Result<Vec<PageRead>, OcrError> {
    let Some(&first) = group.first() else {
        return Ok(Vec::new());
    };
    let mut ready_pages = Vec::new();
    for &p in group {
        let mut clock = trace::Clock::start();
        let img = raster(p, dir)?;
        clock.step(p, "made an image");
        ready_pages.push(ready(p, &img, dir)?);
    }
    // The pages' words, in one run: page k's are those of image k + 1.
    let whole: Vec<PathBuf> = ready_pages.iter().map(|r| r.whole.clone()).collect();
    let all = tess::read(&whole, dir, &format!("p{first}w"), &WORDS)?;
    for r in &ready_pages {
        let _ = std::fs::remove_file(&r.whole);
    }
    let page_words = by_image(&all, group.len());
    let mut clock = trace::Clock::start();
    let mut digit_paths = Vec::new();
    let mut alone_paths = Vec::new();
    let cuts: Vec<Cut> = ready_pages
        .iter()
        .zip(&page_words)
        .map(|(r, words)| cut(r, words, dir, &mut digit_paths, &mut alone_paths))
        .collect::<Result<_, _>>()?;
    clock.step(first, "cells cut and saved (the group's)");
    // Every size read by each model: the readings of image i are at i, then at i plus the
    // number of images. The two models and the labels read side by side.
    let read_with = |k: usize| {
        tess::read(
            &digit_paths,
            dir,
            &format!("p{first}d{k}"),
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
        || tess::read(&alone_paths, dir, &format!("p{first}a"), &alone::ARGS),
    );
    let alone_read = alone_read?;
    let n_images = digit_paths.len();
    let mut read: Vec<Word> = eng?;
    read.extend(chi?.into_iter().map(|mut w| {
        w.image += n_images;
        w
    }));
    clock.step(first, "cells read (the group's)");
    let digits_read = by_image(&read, 2 * n_images);
    let alone_read = by_image(&alone_read, alone_paths.len());
    let out = ready_pages
        .iter()
        .zip(&page_words)
        .zip(&cuts)
        .map(|((r, words), cut)| settle(r, words, cut, &digits_read, n_images, &alone_read))
        .collect();
    clock.step(first, "cells settled (the group's)");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_thread_has_a_group_of_at_most_most_pages() {
        assert_eq!(size(3, 1), 3);
        assert_eq!(size(3, 2), 1);
        assert_eq!(size(1, 8), 1);
        assert_eq!(size(40, 2), MOST);
        assert_eq!(size(6, 2), 3);
        assert_eq!(size(0, 0), 1);
    }

    #[test]
    fn words_by_image_keep_the_runs_order() {
        let w = |image: usize, text: &str| Word {
            image,
            x: 0,
            y: 0,
            w: 1,
            h: 1,
            conf: 90.0,
            text: text.into(),
        };
        let words = vec![w(2, "a"), w(1, "b"), w(2, "c"), w(5, "past")];
        let by = by_image(&words, 3);
        let texts: Vec<Vec<&str>> = by
            .iter()
            .map(|v| v.iter().map(|w| w.text.as_str()).collect())
            .collect();
        assert_eq!(texts, vec![vec!["b"], vec!["a", "c"], vec![]]);
    }

    /// The tilted scan's table pages (turned, speckled, stamped: doubtful cells among them)
    /// read as one group and each alone: every item, cell, confidence and doubt the same.
    #[test]
    fn a_group_reads_as_its_pages_alone() {
        if tess::check().is_err() {
            eprintln!("skipped: Tesseract with chi_sim is not installed; .ci/run installs it");
            return;
        }
        let pdf = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/scans/huaian-2024-scan-tilted.pdf");
        let raster = |p: usize, d: &Path| tess::rasterise(&pdf, p, d);
        let dir = tempfile::tempdir().expect("temp dir");
        let together = read(&[2, 3], dir.path(), &raster).expect("read");
        let dir = tempfile::tempdir().expect("temp dir");
        let alone: Vec<_> = (2..=3)
            .flat_map(|p| read(&[p], dir.path(), &raster).expect("read"))
            .collect();
        assert_eq!(together.len(), 2);
        assert!(
            together.iter().any(|(_, doubts)| !doubts.is_empty()),
            "the tilted scan has doubtful cells"
        );
        assert_eq!(format!("{together:#?}"), format!("{alone:#?}"));
    }
}

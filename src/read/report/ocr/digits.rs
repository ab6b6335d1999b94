//! A number cell read for sure, or named as doubtful with Tesseract's own readings of it.
//!
//! Tesseract's confidence in a lone digit of a 150 dpi scan swings with the size it is shown
//! at (a `0` read at 96 when 32 pixels high reads at 0, or as nothing, at 48), while what it
//! reads hardly does. So each cell's ink is cut close, enlarged (Lanczos) to several digit
//! heights, black on white and gray, on a white margin, and each is read
//! with the digits alone allowed, one text line (`--psm 7`, the LSTM engine). A reading is
//! sure when its best size is confident, it is what most sizes read, and no other number was
//! read with any confidence; else the cell is doubtful, and the readings Tesseract gave are its
//! alternatives, for the table's identities to choose among (`mod.rs` of the report reader).

use super::grid::Cell;
use super::ink;
use super::seal;
use image::GrayImage;
use image::imageops::FilterType;

/// How a cell is shown to Tesseract: the digits' height in pixels, and whether made black on
/// white (at the middle of Otsu's threshold and white: the thin strokes of a faint 0 stay)
/// or left gray.
pub const SIZES: [(u32, bool); 4] = [(24, true), (32, true), (20, false), (24, false)];
/// Each size is read by both of Tesseract's models at hand, English and Simplified Chinese
/// (digits alone allowed in both): they err on different cells.
pub const LANGS: [&str; 2] = ["eng", "chi_sim"];
/// A reading is confident at this word confidence (0–100) or above.
const SURE: f64 = 85.0;
/// A number read once, below this confidence, is noise, not one of a cell's alternatives.
const NOISE: f64 = 50.0;
/// A cell's ink is at most this light (its own threshold, Otsu's, may be lighter still on a
/// blank cell's paper): the thin strokes of a scan turned straight twice are about 160–210.
pub const LIGHTEST: u8 = 210;
/// A cell with fewer pixels of ink than this (inside its rules) is empty.
const MIN_INK: usize = 20;
/// Pixels left out at each side of a cell: what is left of its rules after erasing.
const EDGE: usize = 6;
/// White margin around the enlarged digits.
const PAD: u32 = 20;

/// What one cell's readings settle.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// The number, and the best confidence it was read with.
    Sure(String, f64),
    /// Not sure: the numbers read (best first, each with its best confidence), and what each
    /// reading said, for the refusal.
    Doubt {
        alternatives: Vec<(String, f64)>,
        said: String,
    },
}

/// The cell inside its rules: `(x0, y0, x1, y1)`, ends excluded.
fn interior(img: &GrayImage, cell: &Cell) -> (usize, usize, usize, usize) {
    let x1 = (cell.x + cell.w)
        .saturating_sub(EDGE)
        .min(img.width() as usize);
    let y1 = (cell.y + cell.h)
        .saturating_sub(EDGE)
        .min(img.height() as usize);
    ((cell.x + EDGE).min(x1), (cell.y + EDGE).min(y1), x1, y1)
}

/// Otsu's threshold of these gray values: the one that best splits them into two classes.
pub fn otsu(values: impl Iterator<Item = u8>) -> u8 {
    let mut hist = [0u64; 256];
    let mut n = 0u64;
    for v in values {
        hist[v as usize] += 1;
        n += 1;
    }
    if n == 0 {
        return 128;
    }
    let total: f64 = hist
        .iter()
        .enumerate()
        .map(|(i, &h)| i as f64 * h as f64)
        .sum();
    let (mut w0, mut sum0, mut best, mut at) = (0f64, 0f64, -1f64, 128u8);
    for (t, &h) in hist.iter().enumerate() {
        w0 += h as f64;
        sum0 += t as f64 * h as f64;
        let w1 = n as f64 - w0;
        if w0 == 0.0 || w1 == 0.0 {
            continue;
        }
        let (m0, m1) = (sum0 / w0, (total - sum0) / w1);
        let between = w0 * w1 * (m0 - m1) * (m0 - m1);
        if between > best {
            (best, at) = (between, t as u8);
        }
    }
    at
}

/// What a number cell holds, to be read.
pub enum Figure {
    /// Nothing printed.
    Empty,
    /// Not to be read, and why (after "read ", in the reader's language): a stamp crosses it
    /// and nothing printed stands clear of it, or a seal's ring may hide a figure or part of
    /// one.
    Unreadable(String),
    /// Its printed ink cut close, at each of [`SIZES`]; `sealed` when a seal's ring runs
    /// through or beside it and may hide part of it (what is read is then never sure).
    Images {
        images: Vec<GrayImage>,
        sealed: bool,
    },
}

/// The cell's printed ink (`ink.rs`) cut close, shown at each of [`SIZES`], on a white margin;
/// `img` is the page with the seals' `rings` lifted off (`seal.rs`).
pub fn figure(img: &GrayImage, cell: &Cell, rings: &[seal::Ring]) -> Figure {
    let (x0, y0, x1, y1) = interior(img, cell);
    let sealed = seal::crosses(rings, (x0, y0, x1, y1));
    let pixels = (y0..y1).flat_map(|y| (x0..x1).map(move |x| (x, y)));
    let t = otsu(pixels.map(|(x, y)| img.get_pixel(x as u32, y as u32).0[0])).min(LIGHTEST);
    let printed = match ink::printed(img, (x0, y0, x1, y1), t) {
        Some(p) if p.stamped => return Figure::Unreadable(crate::t!("ocr-stamped")),
        Some(p) => Some(p),
        // Nothing printed clear of the edge, yet ink in the cell: a figure set against a rule
        // (a web page's table printed without padding) is read with all the cell holds.
        None if has_ink(img, (x0, y0, x1, y1)) => whole(img, (x0, y0, x1, y1), t),
        None => None,
    };
    let Some(printed) = printed else {
        return if sealed {
            Figure::Unreadable(crate::t!("ocr-sealed-empty"))
        } else {
            Figure::Empty
        };
    };
    let ink = (
        x0 + printed.x0,
        y0 + printed.y0,
        x0 + printed.x1,
        y0 + printed.y1,
    );
    let sealed = sealed && seal::hides(rings, ink);
    match images(&printed, t) {
        Some(images) => Figure::Images { images, sealed },
        None => Figure::Unreadable(crate::t!("ocr-stamped")),
    }
}

/// Has this part of the page more ink than a scan's noise? Ink is dark with two dark
/// neighbours at least: a lone dark pixel is not, a stroke of a faint digit is.
fn has_ink(img: &GrayImage, (x0, y0, x1, y1): (usize, usize, usize, usize)) -> bool {
    let at = |x: usize, y: usize| img.get_pixel(x as u32, y as u32).0[0];
    let mut ink = 0;
    for y in (y0 + 1)..y1.saturating_sub(1) {
        for x in (x0 + 1)..x1.saturating_sub(1) {
            let core = at(x, y) < 160
                && [at(x - 1, y), at(x + 1, y), at(x, y - 1), at(x, y + 1)]
                    .iter()
                    .filter(|&&v| v < 190)
                    .count()
                    >= 2;
            ink += usize::from(core);
        }
    }
    ink >= MIN_INK
}

/// This part of the page as it is, its ink's box being the rows and columns with two dark
/// pixels at least.
fn whole(
    img: &GrayImage,
    (x0, y0, x1, y1): (usize, usize, usize, usize),
    t: u8,
) -> Option<ink::Printed> {
    let cut = image::imageops::crop_imm(
        img,
        x0 as u32,
        y0 as u32,
        (x1 - x0) as u32,
        (y1 - y0) as u32,
    )
    .to_image();
    let (mut cols, mut rows) = (vec![0u32; x1 - x0], vec![0u32; y1 - y0]);
    for (x, y, p) in cut.enumerate_pixels() {
        if p.0[0] <= t {
            cols[x as usize] += 1;
            rows[y as usize] += 1;
        }
    }
    let first = |v: &[u32]| v.iter().position(|&n| n >= 2);
    let last = |v: &[u32]| v.iter().rposition(|&n| n >= 2).map(|i| i + 1);
    Some(ink::Printed {
        x0: first(&cols)?,
        y0: first(&rows)?,
        x1: last(&cols)?,
        y1: last(&rows)?,
        img: cut,
        stamped: false,
    })
}

/// The printed ink at each of [`SIZES`]; `None` when an underline is all there is.
fn images(printed: &ink::Printed, t: u8) -> Option<Vec<GrayImage>> {
    // From here on, the cut with only what is printed in it.
    let img = &printed.img;
    let (x0, y0, x1, y1) = (0, 0, img.width() as usize, img.height() as usize);
    let (w, h) = (x1, y1);
    let ((mut bx0, mut bx1), (by0, mut by1)) =
        ((printed.x0, printed.x1 - 1), (printed.y0, printed.y1 - 1));
    let mut rows = vec![0u32; h];
    for (y, n) in rows.iter_mut().enumerate() {
        *n = (0..w)
            .filter(|&x| img.get_pixel(x as u32, y as u32).0[0] <= t)
            .count() as u32;
    }
    let span = |v: &[u32]| {
        let first = v.iter().position(|&n| n >= 1)?;
        let last = v.iter().rposition(|&n| n >= 1)?;
        Some((first, last))
    };
    // An underline (a web page's link style): a thin run of rows at the bottom, dark across
    // the ink's width, below a blank row. Left out, for Tesseract reads an underlined 7 as
    // nothing.
    let dark = |x: usize, y: usize| img.get_pixel(x as u32, y as u32).0[0] <= t;
    let width = bx1 + 1 - bx0;
    let full = |r: usize| (bx0..=bx1).filter(|&c| dark(x0 + c, y0 + r)).count() * 10 >= width * 7;
    let run = (0..=by1 - by0).take_while(|&k| full(by1 - k)).count();
    let mut bottom = y1;
    if run > 0 && run <= 6 && by1 - by0 > run + 1 && rows[by1 - run] == 0 {
        let top = by1 - run;
        bottom = y0 + top;
        let above = span(&rows[..top])?;
        by1 = above.1;
        let mut cols = vec![0u32; w];
        for y in by0..=by1 {
            for (c, n) in cols.iter_mut().enumerate() {
                *n += u32::from(dark(x0 + c, y0 + y));
            }
        }
        (bx0, bx1) = span(&cols)?;
    }
    const AROUND: usize = 4;
    let (cx0, cy0) = (
        x0 + bx0.saturating_sub(AROUND),
        y0 + by0.saturating_sub(AROUND),
    );
    let (cx1, cy1) = (
        (x0 + bx1 + AROUND + 1).min(x1),
        (y0 + by1 + AROUND + 1).min(bottom),
    );
    let cut = image::imageops::crop_imm(
        img,
        cx0 as u32,
        cy0 as u32,
        (cx1 - cx0) as u32,
        (cy1 - cy0) as u32,
    )
    .to_image();
    let ink_h = (by1 - by0 + 1) as f64;
    Some(
        SIZES
            .iter()
            .map(|&(target, binarise)| {
                let scale = target as f64 / ink_h;
                let nw = ((cut.width() as f64 * scale).round() as u32).max(1);
                let nh = ((cut.height() as f64 * scale).round() as u32).max(1);
                let mut big = image::imageops::resize(&cut, nw, nh, FilterType::Lanczos3);
                if binarise {
                    let t = ((otsu(big.as_raw().iter().copied()) as u32 + 255) / 2) as u8;
                    for p in big.pixels_mut() {
                        p.0[0] = if p.0[0] <= t { 0 } else { 255 };
                    }
                }
                let mut out = GrayImage::from_pixel(nw + 2 * PAD, nh + 2 * PAD, image::Luma([255]));
                image::imageops::replace(&mut out, &big, PAD as i64, PAD as i64);
                out
            })
            .collect(),
    )
}

/// Is this text a number as printed in a table (digits, at most one decimal point between)?
pub fn is_number(s: &str) -> bool {
    let mut parts = s.split('.');
    let ok =
        |p: Option<&str>| p.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    ok(parts.next()) && parts.next().is_none_or(|p| ok(Some(p))) && parts.next().is_none()
}

/// Is `short` what `long` reads with one or more of its figures left out (in order)?
fn figures_lost(short: &str, long: &str) -> bool {
    let mut rest = long.chars();
    short.len() < long.len() && short.chars().all(|c| rest.any(|l| l == c))
}

/// Settles a cell from its readings at each of [`SIZES`] (text and confidence; empty when
/// nothing was read) and the page's Chinese reading of it (folded, with its confidence).
pub fn decide(readings: &[(String, f64)], chinese: Option<(&str, f64)>) -> Verdict {
    // Each number read: its best confidence, how many sizes read it, and whether it counts
    // against another (the page's Chinese reading is the weaker: it reads 1 as ] and 0 as
    // (0), so it is a rival only when it is as sure as a sure reading).
    let mut best: Vec<(String, f64, usize, bool, f64)> = Vec::new();
    let mut note = |text: &str, conf: f64, count: usize, rival: bool| {
        if !is_number(text) {
            return;
        }
        match best.iter_mut().find(|b| b.0 == text) {
            Some(b) => {
                b.1 = b.1.max(conf);
                b.2 += count;
                b.3 |= rival;
                b.4 += conf;
            }
            None => best.push((text.to_string(), conf, count, rival, conf)),
        }
    };
    for (text, conf) in readings {
        note(text, *conf, 1, *conf >= SURE);
    }
    if let Some((text, conf)) = chinese {
        note(text, conf, 0, conf >= SURE);
    }
    // The number read most surely over all sizes first.
    best.sort_by(|a, b| b.4.total_cmp(&a.4).then(b.1.total_cmp(&a.1)));
    if let Some((text, conf, count, _, _)) = best.first() {
        // A rival: another number read surely, or by half as many readings. Not one size's
        // reading that is this number with a figure lost (Tesseract drops a glyph now and
        // then: a clean `54` read as `4` at one size, surely), when the page's own reading
        // says this number surely too.
        let page_agrees = chinese.is_some_and(|(t, c)| t == text && c >= SURE);
        let lost = |b: &str, n: usize| n == 1 && page_agrees && figures_lost(b, text);
        let rivals = best[1..]
            .iter()
            .any(|b| !lost(&b.0, b.2) && (b.3 || 2 * b.2 >= *count));
        if *conf >= SURE && *count >= 1 && 2 * count >= readings.len() && !rivals {
            return Verdict::Sure(text.clone(), *conf);
        }
    }
    if best.is_empty() && readings.is_empty() {
        // No ink, and nothing read there: an empty cell.
        return Verdict::Sure(String::new(), 100.0);
    }
    let mut said: Vec<String> = readings
        .iter()
        .zip(LANGS.iter().flat_map(|l| SIZES.iter().map(move |s| (l, s))))
        .map(|((text, conf), (lang, (h, binarised)))| {
            let how = if *binarised { "" } else { " gray" };
            let how = format!("{how} {lang}");
            let px = h.to_string();
            if text.is_empty() {
                crate::t!("ocr-said-nothing", px = px, how = how)
            } else {
                let conf = format!("{conf:.0}");
                crate::t!(
                    "ocr-said",
                    text = text.as_str(),
                    conf = conf,
                    px = px,
                    how = how
                )
            }
        })
        .collect();
    match chinese {
        Some((text, conf)) if !text.is_empty() => said.push(crate::t!(
            "ocr-said-in-page",
            text = text.to_string(),
            conf = format!("{conf:.0}")
        )),
        _ => said.push(crate::t!("ocr-said-nothing-in-page")),
    }
    Verdict::Doubt {
        alternatives: best
            .into_iter()
            .filter(|b| b.1 >= NOISE || b.2 >= 2)
            .map(|(t, c, ..)| (t, c))
            .collect(),
        said: said.join(&crate::t!("ocr-said-separator")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(v: &[(&str, f64)]) -> Vec<(String, f64)> {
        v.iter().map(|(t, c)| (t.to_string(), *c)).collect()
    }

    #[test]
    fn most_sizes_and_one_confident_reading_make_a_number_sure() {
        let v = r(&[("0", 96.0), ("0", 30.0), ("", 0.0), ("0", 12.0)]);
        assert_eq!(decide(&v, None), Verdict::Sure("0".into(), 96.0));
    }

    #[test]
    fn a_lone_confident_size_is_not_enough() {
        let v = r(&[("0", 96.0), ("", 0.0), ("", 0.0), ("", 0.0)]);
        assert!(matches!(decide(&v, None), Verdict::Doubt { .. }));
    }

    #[test]
    fn a_rival_read_surely_makes_a_cell_doubtful_with_both_as_alternatives() {
        // What the clean scan's 3 in 3001 … 3 1362 read as: 8 at the black-on-white sizes.
        let v = r(&[
            ("8", 86.0),
            ("8", 95.0),
            ("3", 80.0),
            ("3", 82.0),
            ("", 0.0),
            ("8", 93.0),
            ("3", 89.0),
            ("3", 95.0),
        ]);
        let Verdict::Doubt { alternatives, said } = decide(&v, None) else {
            panic!("doubtful")
        };
        assert_eq!(alternatives, vec![("3".into(), 95.0), ("8".into(), 95.0)]);
        assert!(said.contains("“8” (95) at 32 px eng"), "{said}");
        assert!(said.contains("nothing at 24 px chi_sim"), "{said}");
    }

    #[test]
    fn a_figure_lost_at_one_size_is_no_rival_when_the_page_agrees() {
        // What the clean 晋江 scan's `54` of 表二 read as: `4` at 20 px gray in chi_sim.
        let v = r(&[
            ("", 0.0),
            ("54", 96.0),
            ("54", 97.0),
            ("54", 97.0),
            ("54", 88.0),
            ("", 0.0),
            ("4", 95.0),
            ("54", 93.0),
        ]);
        assert_eq!(
            decide(&v, Some(("54", 92.0))),
            Verdict::Sure("54".into(), 97.0)
        );
        // Without the page's word for it, or when the page reads otherwise, still a rival.
        assert!(matches!(decide(&v, None), Verdict::Doubt { .. }));
        assert!(matches!(
            decide(&v, Some(("4", 92.0))),
            Verdict::Doubt { .. }
        ));
        // Nor is a different number, or one read at two sizes.
        let mut w = v.clone();
        w[6] = ("57".into(), 95.0);
        assert!(matches!(
            decide(&w, Some(("54", 92.0))),
            Verdict::Doubt { .. }
        ));
        w[6] = ("4".into(), 95.0);
        w[0] = ("4".into(), 90.0);
        assert!(matches!(
            decide(&w, Some(("54", 92.0))),
            Verdict::Doubt { .. }
        ));
        assert!(figures_lost("4", "54") && figures_lost("13", "123"));
        assert!(!figures_lost("45", "54") && !figures_lost("54", "54"));
    }

    #[test]
    fn a_rival_read_by_half_as_many_makes_a_cell_doubtful() {
        let v = r(&[("11", 78.0), ("11", 86.0), ("1", 43.0), ("", 0.0)]);
        assert!(matches!(decide(&v, None), Verdict::Doubt { .. }));
        let v = r(&[
            ("11", 78.0),
            ("11", 86.0),
            ("1", 43.0),
            ("11", 44.0),
            ("11", 60.0),
        ]);
        assert_eq!(decide(&v, None), Verdict::Sure("11".into(), 86.0));
    }

    #[test]
    fn noise_is_no_alternative() {
        let v = r(&[("0", 60.0), ("0", 70.0), ("8", 22.0), ("", 0.0)]);
        let Verdict::Doubt { alternatives, .. } = decide(&v, None) else {
            panic!("doubtful")
        };
        assert_eq!(alternatives, vec![("0".into(), 70.0)]);
    }

    #[test]
    fn the_page_reading_is_an_alternative_and_a_rival_only_when_sure() {
        let v = r(&[("1", 54.0), ("1", 48.0), ("", 0.0), ("1", 45.0)]);
        let Verdict::Doubt { alternatives, .. } = decide(&v, Some(("7", 70.0))) else {
            panic!("doubtful")
        };
        assert_eq!(alternatives, vec![("1".into(), 54.0), ("7".into(), 70.0)]);
        let v = r(&[("5", 95.0), ("5", 96.0), ("5", 90.0), ("5", 93.0)]);
        assert_eq!(
            decide(&v, Some(("3", 60.0))),
            Verdict::Sure("5".into(), 96.0)
        );
        assert!(matches!(
            decide(&v, Some(("3", 90.0))),
            Verdict::Doubt { .. }
        ));
    }

    #[test]
    fn no_ink_and_nothing_read_is_an_empty_cell() {
        assert_eq!(decide(&[], None), Verdict::Sure(String::new(), 100.0));
        let Verdict::Doubt { alternatives, .. } = decide(&[], Some(("1", 54.0))) else {
            panic!("doubtful")
        };
        assert_eq!(alternatives, vec![("1".into(), 54.0)]);
    }

    #[test]
    fn numbers_as_printed() {
        for ok in ["0", "3001", "12.5"] {
            assert!(is_number(ok), "{ok}");
        }
        for no in ["", ".", "1.", ".5", "1.2.3", "1a"] {
            assert!(!is_number(no), "{no}");
        }
    }

    #[test]
    fn otsu_splits_ink_from_paper() {
        let v = [20u8, 25, 30, 200, 210, 220, 230];
        let t = otsu(v.iter().copied());
        assert!((30..200).contains(&t), "{t}");
    }
}

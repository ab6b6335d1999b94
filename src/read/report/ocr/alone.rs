//! Label cells read alone. The page's own reading (one Tesseract run over the whole page,
//! sparse text) places words well enough to tell a label cell from a number cell, but in a
//! screenshot's small type it loses a lone 一 (`一、本年新收…` read as `、本年新收…`), runs
//! a wrapped header into noise (`总ES计`) and reads a header printed one character a line
//! (`总\n计`) as nothing at all. Each such cell cut out and read as one block of Chinese
//! reads as printed; its reading is taken when it holds Chinese words.

use super::digits;
use super::grid::Cell;
use super::tess::Word;
use image::GrayImage;

/// White margin around a cell cut out.
const PAD: u32 = 12;
/// Pixels left out at each side of a cell cut out.
const EDGE: usize = 3;
/// A cell read alone is taken as a label when it holds at least this many Chinese characters
/// read with this mean confidence (0–100): noise in a number cell reads as one or two
/// characters Tesseract is not sure of.
const MIN_HAN: usize = 2;
const MIN_CONF: f64 = 50.0;

/// How a cell read alone is read: Simplified Chinese, one block of text.
pub const ARGS: [&str; 4] = ["-l", "chi_sim", "--psm", "6"];

/// Is this cell read alone as well? A label cell (Chinese in the page's reading), a cell with
/// ink in which the page read no digit (a header printed one character a line), and a number
/// cell in which the page read Chinese too (a unit: `75394432.52元`).
/// `inked`: the cell holds ink (a number cell's figure is not empty).
pub fn wanted(inside: &[&Word], chinese: bool, inked: bool) -> bool {
    let chars = || inside.iter().flat_map(|w| w.text.chars());
    chinese || ((!chars().any(|c| c.is_ascii_digit()) || chars().any(super::han)) && inked)
}

/// The cell inside its rules, on a white margin; a header printed one character a line laid
/// out as one line (Tesseract reads a lone 总 above a lone 计 as noise, 总计 as printed).
pub fn cut(img: &GrayImage, cell: &Cell) -> GrayImage {
    // Inside the rules by half what the digits take (their rules are erased already): the
    // type of a cramped web table touches its rules, and a 6 cut at its left reads as 5.
    let x1 = (cell.x + cell.w)
        .saturating_sub(EDGE)
        .min(img.width() as usize);
    let y1 = (cell.y + cell.h)
        .saturating_sub(EDGE)
        .min(img.height() as usize);
    let (x0, y0) = ((cell.x + EDGE).min(x1), (cell.y + EDGE).min(y1));
    // Its specks whitened (`ink.rs`): a scan's specks read as strokes (`7.属于行政执法案卷` read
    // as `了属于人迷夫` on a page turned straight).
    let pixels = (y0..y1).flat_map(|y| (x0..x1).map(move |x| (x, y)));
    let t = digits::otsu(pixels.map(|(x, y)| img.get_pixel(x as u32, y as u32).0[0]))
        .min(digits::LIGHTEST);
    let inner = super::ink::despeckled(img, (x0, y0, x1, y1), t);
    let pieces: Vec<GrayImage> = match one_character_lines(&inner) {
        Some(lines) => lines
            .iter()
            .map(|&(y, h, x, w)| image::imageops::crop_imm(&inner, x, y, w, h).to_image())
            .collect(),
        None => vec![inner],
    };
    let width = pieces.iter().map(|p| p.width()).sum::<u32>();
    let height = pieces.iter().map(|p| p.height()).max().unwrap_or(0);
    let mut out = GrayImage::from_pixel(width + 2 * PAD, height + 2 * PAD, image::Luma([255]));
    let mut x = PAD;
    for p in &pieces {
        image::imageops::replace(&mut out, p, x as i64, PAD as i64);
        x += p.width();
    }
    out
}

/// The ink's lines in a cell, `(y, h, x, w)` each, when there are two or more and each is one
/// character (about as wide as it is high, and high enough to be one): a header printed down
/// a narrow column. Rows of ink less than [`GAP`] apart are one line (the strokes of 三).
fn one_character_lines(img: &GrayImage) -> Option<Vec<(u32, u32, u32, u32)>> {
    const GAP: u32 = 6;
    const MIN_HIGH: u32 = 12;
    let t = digits::otsu(img.as_raw().iter().copied()).min(160);
    let dark = |x: u32, y: u32| img.get_pixel(x, y).0[0] <= t;
    let inked: Vec<bool> = (0..img.height())
        .map(|y| (0..img.width()).filter(|&x| dark(x, y)).count() >= 2)
        .collect();
    let mut lines: Vec<(u32, u32)> = Vec::new();
    for (y, &ink) in inked.iter().enumerate() {
        let y = y as u32;
        if !ink {
            continue;
        }
        match lines.last_mut() {
            Some((_, end)) if y <= *end + GAP => *end = y,
            _ => lines.push((y, y)),
        }
    }
    if lines.len() < 2 {
        return None;
    }
    lines
        .iter()
        .map(|&(top, bottom)| {
            let h = bottom + 1 - top;
            let cols: Vec<u32> = (0..img.width())
                .filter(|&x| (top..=bottom).any(|y| dark(x, y)))
                .collect();
            let (left, right) = (*cols.first()?, *cols.last()?);
            let w = right + 1 - left;
            (h >= MIN_HIGH && w * 5 <= h * 8).then(|| {
                let (y, x) = (top.saturating_sub(2), left.saturating_sub(2));
                let h = (h + 4).min(img.height() - y);
                let w = (w + 4).min(img.width() - x);
                (y, h, x, w)
            })
        })
        .collect()
}

/// The text of a cell read alone: its words in Tesseract's reading order (line by line: a
/// word box that spans two lines would put a word of the second into the first were they
/// regrouped by place), and their mean confidence.
pub fn text(words: Vec<&Word>) -> Option<(String, f64)> {
    if words.is_empty() {
        return None;
    }
    let conf = words.iter().map(|w| w.conf).sum::<f64>() / words.len() as f64;
    Some((super::join(&words), conf))
}

/// The unit printed after the number in a reading of a number cell (`75394432.52元`): 元,
/// which scales the number to the contract's 万元, or 万元.
pub fn unit(text: &str) -> Option<&'static str> {
    let text: String = text
        .chars()
        .map(super::fold_char)
        .filter(|c| !c.is_whitespace())
        .collect();
    let digit_before = |rest: &str| rest.ends_with(|c: char| c.is_ascii_digit());
    if text.strip_suffix("万元").is_some_and(digit_before) {
        Some("万元")
    } else if text.strip_suffix('元').is_some_and(digit_before) {
        Some("元")
    } else {
        None
    }
}

/// A number cell's verdict with the unit its Chinese readings print after the number (each
/// reading's unit, or none): the digits-only readings cannot see it, and 元 changes the
/// number's scale. Readings that disagree on the unit leave the cell doubtful between them.
pub fn with_unit(verdict: digits::Verdict, units: &[&'static str]) -> digits::Verdict {
    use digits::Verdict;
    let Some(&first) = units.first() else {
        return verdict;
    };
    let mut distinct = vec![first];
    for u in units {
        if !distinct.contains(u) {
            distinct.push(u);
        }
    }
    match verdict {
        Verdict::Sure(text, conf) if distinct.len() == 1 => Verdict::Sure(text + first, conf),
        Verdict::Sure(text, conf) => Verdict::Doubt {
            alternatives: distinct
                .iter()
                .map(|u| (format!("{text}{u}"), conf))
                .collect(),
            said: crate::t!(
                "ocr-said-unit",
                text = text.as_str(),
                conf = format!("{conf:.0}"),
                units = distinct
                    .iter()
                    .map(|u| format!("“{u}”"))
                    .collect::<Vec<_>>()
                    .join(&crate::t!("ocr-said-unit-or"))
            ),
        },
        Verdict::Doubt { alternatives, said } => Verdict::Doubt {
            alternatives: alternatives
                .into_iter()
                .flat_map(|(t, c)| distinct.iter().map(move |u| (format!("{t}{u}"), c)))
                .collect(),
            said,
        },
    }
}

/// The text of a cell read alone, when it is a label: its lines joined, and the words' mean
/// confidence.
pub fn label(words: Vec<&Word>) -> Option<(String, f64)> {
    let han = words
        .iter()
        .flat_map(|w| w.text.chars())
        .filter(|&c| super::han(c))
        .count();
    if han < MIN_HAN {
        return None;
    }
    let (text, conf) = text(words)?;
    (conf >= MIN_CONF).then_some((text, conf))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(x: usize, y: usize, text: &str, conf: f64) -> Word {
        Word {
            image: 1,
            x,
            y,
            w: 20,
            h: 20,
            conf,
            text: text.into(),
        }
    }

    #[test]
    fn a_label_reads_in_tesseracts_order() {
        let (a, b) = (word(10, 10, "总", 93.0), word(40, 10, "计", 91.0));
        assert_eq!(label(vec![&a, &b]), Some(("总计".into(), 92.0)));
        let (a, b) = (word(10, 10, "一、本年", 93.0), word(10, 40, "新收", 91.0));
        assert_eq!(label(vec![&a, &b]), Some(("一、本年新收".into(), 92.0)));
    }

    #[test]
    fn a_unit_after_the_number_stays_with_it() {
        assert_eq!(unit("75394432.52元"), Some("元"));
        assert_eq!(unit("7539.44 万元"), Some("万元"));
        assert_eq!(unit("元"), None);
        assert_eq!(unit("单位：万元"), None);
        let sure = digits::Verdict::Sure("75394432.52".into(), 96.0);
        assert_eq!(
            with_unit(sure.clone(), &["元", "元"]),
            digits::Verdict::Sure("75394432.52元".into(), 96.0)
        );
        assert_eq!(with_unit(sure.clone(), &[]), sure);
        let digits::Verdict::Doubt { alternatives, said } = with_unit(sure, &["元", "万元"])
        else {
            panic!("doubtful")
        };
        assert_eq!(alternatives.len(), 2);
        assert!(said.contains("“元” and as “万元”"), "{said}");
    }

    #[test]
    fn characters_one_a_line_are_laid_out_as_one_line() {
        // Two 20×20 blocks of ink, one above the other, in a cell 40 wide.
        let mut img = GrayImage::from_pixel(40, 80, image::Luma([255]));
        for (x, y) in (10..30).flat_map(|x| (10..30).chain(45..65).map(move |y| (x, y))) {
            img.put_pixel(x, y, image::Luma([0]));
        }
        let lines = one_character_lines(&img).expect("two lines of one character");
        assert_eq!(lines.len(), 2);
        let cell = Cell {
            row: 0,
            col: 0,
            x: 0,
            y: 0,
            w: 40,
            h: 80,
        };
        let mut page = GrayImage::from_pixel(60, 100, image::Luma([255]));
        image::imageops::replace(&mut page, &img, 0, 0);
        let out = cut(&page, &cell);
        assert!(out.width() > out.height(), "{:?}", out.dimensions());
        // A line of three characters is not a column of characters.
        let mut wide = GrayImage::from_pixel(100, 80, image::Luma([255]));
        for (x, y) in (10..90).flat_map(|x| (10..30).chain(45..65).map(move |y| (x, y))) {
            wide.put_pixel(x, y, image::Luma([0]));
        }
        assert_eq!(one_character_lines(&wide), None);
    }

    #[test]
    fn noise_is_no_label() {
        let (a, b) = (word(10, 10, "人", 95.0), word(40, 10, "0", 90.0));
        assert_eq!(label(vec![&a, &b]), None);
        let (a, b) = (word(10, 10, "人", 30.0), word(40, 10, "口", 40.0));
        assert_eq!(label(vec![&a, &b]), None);
    }
}

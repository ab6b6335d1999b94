//! What is printed in a cell, told from what a scan adds to it. A scan's specks, what is left
//! of a rule after erasing (a rule turned straight is not quite straight, nor evenly dark) and
//! a seal's ring over the table are ink too; shown to Tesseract beside the digits they are read
//! as points or ones, or make the digits' box so large that the digits, enlarged to it, are too
//! small to read. So a cell's ink is taken apart into its connected pieces (8-connected, dark
//! at the cell's own threshold) and only what is printed is kept:
//! - a piece touching the cell's edge is a rule's remnant or a stamp running across the cell
//!   (printed figures stand clear of the rules);
//! - a piece small in both directions (a third of the tallest piece's height, or a few pixels)
//!   is a speck, unless it sits where a decimal point does: between two kept pieces, in the
//!   lower half of their line;
//! - everything else is printed (a digit, a stroke of a Chinese character).

use image::GrayImage;

/// A piece with fewer pixels than this is small whatever the cell holds.
const SPECK: usize = 20;
/// In ink running to a cell's edge, a figure's cores are this much lighter than its darkest
/// pixel at most: a seal's ink (red, about 65–95 in gray at its darkest) is not, the digits it
/// crosses are (about 5–20).
const CORE: u8 = 45;
/// Print set against a rule is this dark somewhere (a seal's ink is lighter).
const BLACK: u8 = 50;
/// A rule's remnant lies within this many pixels of the cell's edge.
const REMNANT: usize = 10;
/// Print is at least this dark somewhere: a cell with nothing darker holds no print.
const DARK: u8 = 160;
/// Steps from a figure's core that ink crossing it is taken as print: a stroke's lighter edge
/// and a thin stroke between dark ones.
const REACH: usize = 8;
/// Pixels around a dropped piece whitened with it: the gray fringe a scan leaves around ink.
const FRINGE: usize = 2;

/// A connected piece of ink: its box (ends excluded) and its pixels, inside the cut.
#[derive(Clone, Debug)]
struct Piece {
    x0: usize,
    y0: usize,
    x1: usize,
    y1: usize,
    pixels: Vec<(usize, usize)>,
}

impl Piece {
    fn w(&self) -> usize {
        self.x1 - self.x0
    }
    fn h(&self) -> usize {
        self.y1 - self.y0
    }
}

/// A cell's printed ink: the cut (the part of the page inside `x0..x1`, `y0..y1`) with all
/// else whitened, and the printed ink's box in the cut (ends excluded).
#[derive(Debug)]
pub struct Printed {
    pub img: GrayImage,
    pub x0: usize,
    pub y0: usize,
    pub x1: usize,
    pub y1: usize,
    /// Nothing printed was found, but ink other than specks and rules' remnants crosses the
    /// cell (a stamp), which may hide a figure: the cell cannot be read (the box is empty).
    pub stamped: bool,
}

/// The connected pieces of the pixels where `ink` is set, in a `w`×`h` cut.
fn pieces(ink: &[bool], w: usize, h: usize) -> Vec<Piece> {
    let mut seen = vec![false; w * h];
    let mut out = Vec::new();
    let mut stack = Vec::new();
    for start in 0..w * h {
        if seen[start] || !ink[start] {
            continue;
        }
        seen[start] = true;
        stack.push(start);
        let mut p = Piece {
            x0: usize::MAX,
            y0: usize::MAX,
            x1: 0,
            y1: 0,
            pixels: Vec::new(),
        };
        while let Some(i) = stack.pop() {
            let (x, y) = (i % w, i / w);
            p.x0 = p.x0.min(x);
            p.y0 = p.y0.min(y);
            p.x1 = p.x1.max(x + 1);
            p.y1 = p.y1.max(y + 1);
            p.pixels.push((x, y));
            for ny in y.saturating_sub(1)..(y + 2).min(h) {
                for nx in x.saturating_sub(1)..(x + 2).min(w) {
                    let j = ny * w + nx;
                    if !seen[j] && ink[j] {
                        seen[j] = true;
                        stack.push(j);
                    }
                }
            }
        }
        out.push(p);
    }
    out
}

/// The print in a cut's ink, and whether ink other than print, specks and rules' remnants lies
/// there (a stamp crossing the cell). A piece of ink (at or below `t`) clear of the cut's edge
/// is print, whole, when it is dark somewhere (at or below [`DARK`]). A piece running to the
/// edge is a rule's remnant, or a stamp's ring crossing the cell and perhaps a figure in it:
/// there the figure's cores (within [`CORE`] of the piece's darkest pixel; a seal's ink,
/// lighter than print, is not) clear of the edge are print, with the ink within [`REACH`]
/// steps of them.
fn print_ink(cut: &GrayImage, t: u8) -> (Vec<bool>, bool) {
    let (w, h) = (cut.width() as usize, cut.height() as usize);
    let raw = cut.as_raw();
    let inside = |p: &Piece| p.x0 > 0 && p.y0 > 0 && p.x1 < w && p.y1 < h;
    let ink: Vec<bool> = raw.iter().map(|&v| v <= t).collect();
    let remnant = |p: &Piece| {
        let off_edge = p
            .pixels
            .iter()
            .filter(|&&(x, y)| x.min(y).min(w - 1 - x).min(h - 1 - y) >= REMNANT)
            .count();
        off_edge < SPECK
    };
    let mut out = vec![false; w * h];
    let mut cores = vec![false; w * h];
    let mut foreign = false;
    for p in pieces(&ink, w, h) {
        let darkest = p
            .pixels
            .iter()
            .map(|&(x, y)| raw[y * w + x])
            .min()
            .unwrap_or(255);
        if darkest > DARK {
            continue;
        }
        // Clear of the edge; or reaching farther in than a rule's remnant, black as print is
        // and a seal is not (a figure set against a rule: a web page's table printed
        // without padding).
        if inside(&p) || (darkest <= BLACK && !remnant(&p)) {
            for &(x, y) in &p.pixels {
                out[y * w + x] = true;
            }
            continue;
        }
        // Ink farther from the edge than a rule's remnant reaches is a stamp's.
        foreign |= !remnant(&p);
        let core = darkest.saturating_add(CORE);
        for &(x, y) in &p.pixels {
            cores[y * w + x] = raw[y * w + x] <= core;
        }
    }
    let mut steps = vec![usize::MAX; w * h];
    let mut queue = std::collections::VecDeque::new();
    for c in pieces(&cores, w, h) {
        if inside(&c) {
            for &(x, y) in &c.pixels {
                steps[y * w + x] = 0;
                queue.push_back(y * w + x);
            }
        }
    }
    while let Some(i) = queue.pop_front() {
        out[i] = true;
        if steps[i] == REACH {
            continue;
        }
        let (x, y) = (i % w, i / w);
        for ny in y.saturating_sub(1)..(y + 2).min(h) {
            for nx in x.saturating_sub(1)..(x + 2).min(w) {
                let j = ny * w + nx;
                if steps[j] == usize::MAX && ink[j] {
                    steps[j] = steps[i] + 1;
                    queue.push_back(j);
                }
            }
        }
    }
    (out, foreign)
}

/// The part of `img` inside `x0..x1`, `y0..y1` with its specks whitened: pieces of ink (at or
/// below `t`) small in both directions and apart from every larger piece. For a label's words,
/// whose strokes may touch the rules and whose dots sit close to the rest of a character.
pub fn despeckled(
    img: &GrayImage,
    (x0, y0, x1, y1): (usize, usize, usize, usize),
    t: u8,
) -> GrayImage {
    let mut cut = image::imageops::crop_imm(
        img,
        x0 as u32,
        y0 as u32,
        (x1 - x0) as u32,
        (y1 - y0) as u32,
    )
    .to_image();
    let (w, h) = (x1 - x0, y1 - y0);
    let ink: Vec<bool> = cut.as_raw().iter().map(|&v| v <= t).collect();
    let all = pieces(&ink, w, h);
    let tallest = all.iter().map(Piece::h).max().unwrap_or(0);
    let small =
        |p: &Piece| p.pixels.len() < SPECK || (p.w() * 3 <= tallest && p.h() * 3 <= tallest);
    let near = (tallest / 6).max(2);
    let (specks, large): (Vec<&Piece>, Vec<&Piece>) = all.iter().partition(|p| small(p));
    for s in specks {
        let close = large.iter().any(|k| {
            s.x0 < k.x1 + near && k.x0 < s.x1 + near && s.y0 < k.y1 + near && k.y0 < s.y1 + near
        });
        if !close {
            for &(x, y) in &s.pixels {
                cut.put_pixel(x as u32, y as u32, image::Luma([255]));
            }
        }
    }
    cut
}

/// The printed ink of the part of `img` inside `x0..x1`, `y0..y1`, ink being at or below `t`;
/// `None` when nothing is printed there and no stamp crosses it.
pub fn printed(
    img: &GrayImage,
    (x0, y0, x1, y1): (usize, usize, usize, usize),
    t: u8,
) -> Option<Printed> {
    if x1 <= x0 + 2 || y1 <= y0 + 2 {
        return None;
    }
    let mut cut = image::imageops::crop_imm(
        img,
        x0 as u32,
        y0 as u32,
        (x1 - x0) as u32,
        (y1 - y0) as u32,
    )
    .to_image();
    let (w, h) = (x1 - x0, y1 - y0);
    let (ink, foreign) = print_ink(&cut, t);
    // The pieces of print; the rest of the ink is whitened below.
    let inner = pieces(&ink, w, h);
    let tallest = inner.iter().map(Piece::h).max().unwrap_or(0);
    let small =
        |p: &Piece| p.pixels.len() < SPECK || (p.w() * 3 <= tallest && p.h() * 3 <= tallest);
    let (specks, kept): (Vec<Piece>, Vec<Piece>) = inner.into_iter().partition(small);
    if kept.is_empty() {
        return foreign.then_some(Printed {
            img: cut,
            x0: 0,
            y0: 0,
            x1: 0,
            y1: 0,
            stamped: true,
        });
    }
    // The line the kept pieces stand on; a speck close to them is part of a figure (a faint
    // stroke broken), one between two of them low in the line is a decimal point.
    let top = kept.iter().map(|p| p.y0).min().unwrap_or(0);
    let bottom = kept.iter().map(|p| p.y1).max().unwrap_or(0);
    let near = (tallest / 6).max(2);
    let point = |s: &Piece| {
        let close = kept.iter().any(|k| {
            s.x0 < k.x1 + near && k.x0 < s.x1 + near && s.y0 < k.y1 + near && k.y0 < s.y1 + near
        });
        let low = 2 * s.y0 >= top + bottom && s.y1 <= bottom + 2;
        let left = kept.iter().any(|k| k.x1 <= s.x0 + 1);
        let right = kept.iter().any(|k| k.x0 + 1 >= s.x1);
        close || (low && left && right)
    };
    let (points, dropped): (Vec<Piece>, Vec<Piece>) = specks.into_iter().partition(point);
    let mut keep = vec![false; w * h];
    for p in kept.iter().chain(&points) {
        for &(x, y) in &p.pixels {
            keep[y * w + x] = true;
        }
    }
    // Whitened: the dropped pieces, ink without a core (a stamp), and their fringes.
    let raw = cut.as_raw().clone();
    let gone = dropped.iter().flat_map(|p| p.pixels.iter().copied()).chain(
        (0..w * h)
            .filter(|&i| raw[i] <= t && !ink[i])
            .map(|i| (i % w, i / w)),
    );
    for (x, y) in gone {
        for ny in y.saturating_sub(FRINGE)..(y + FRINGE + 1).min(h) {
            for nx in x.saturating_sub(FRINGE)..(x + FRINGE + 1).min(w) {
                if !keep[ny * w + nx] {
                    cut.put_pixel(nx as u32, ny as u32, image::Luma([255]));
                }
            }
        }
    }
    let (mut bx0, mut by0, mut bx1, mut by1) = (usize::MAX, usize::MAX, 0, 0);
    for p in kept.iter().chain(&points) {
        bx0 = bx0.min(p.x0);
        by0 = by0.min(p.y0);
        bx1 = bx1.max(p.x1);
        by1 = by1.max(p.y1);
    }
    Some(Printed {
        img: cut,
        x0: bx0,
        y0: by0,
        x1: bx1,
        y1: by1,
        stamped: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A white cut with dark boxes `(x0, y0, x1, y1)`.
    fn cut(w: u32, h: u32, boxes: &[(u32, u32, u32, u32)]) -> GrayImage {
        GrayImage::from_fn(w, h, |x, y| {
            let dark = boxes
                .iter()
                .any(|&(x0, y0, x1, y1)| (x0..x1).contains(&x) && (y0..y1).contains(&y));
            image::Luma([if dark { 20 } else { 240 }])
        })
    }

    #[test]
    fn specks_and_what_touches_the_edge_are_not_printed() {
        // Two digits (a 1 and a bar), a speck above them, a speck after them, a rule's
        // remnant along the left edge.
        let img = cut(
            120,
            80,
            &[
                (40, 25, 45, 55),
                (55, 25, 70, 55),
                (50, 8, 53, 11),
                (90, 50, 93, 53),
                (0, 0, 3, 80),
            ],
        );
        let p = printed(&img, (0, 0, 120, 80), 128).expect("printed");
        assert_eq!((p.x0, p.y0, p.x1, p.y1), (40, 25, 70, 55));
        for (x, y) in [(51, 9), (91, 51), (1, 40)] {
            assert_eq!(p.img.get_pixel(x, y).0[0], 255, "({x},{y})");
        }
        assert_eq!(p.img.get_pixel(42, 30).0[0], 20);
    }

    #[test]
    fn a_decimal_point_between_digits_is_kept() {
        let img = cut(
            120,
            80,
            &[(30, 25, 45, 55), (50, 50, 54, 54), (60, 25, 75, 55)],
        );
        let p = printed(&img, (0, 0, 120, 80), 128).expect("printed");
        assert_eq!(p.img.get_pixel(52, 52).0[0], 20);
        assert_eq!((p.x0, p.x1), (30, 75));
    }

    #[test]
    fn a_cell_of_specks_and_remnants_is_empty() {
        let img = cut(
            120,
            80,
            &[(50, 30, 53, 33), (117, 0, 120, 80), (0, 77, 120, 80)],
        );
        assert!(printed(&img, (0, 0, 120, 80), 128).is_none());
    }
}

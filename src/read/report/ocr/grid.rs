//! A scanned page's tables from their ruling lines: OCR engines read a table's cells in an
//! order of their own (or run them together), so the grid is found first, in the pixels, and
//! every cell is then read alone. The lines are long dark runs (text has none that long);
//! a sheet laid askew on the glass is turned straight first, by the angle that lines the dark
//! pixels up best; a merged cell is a missing line segment between neighbours.

use image::GrayImage;

/// Darker than this is ink.
const INK: u8 = 150;
/// Darker than this, in a line no more than three pixels thick, is a faint rule's ink: a thin
/// gray rule (Word's and LibreOffice's 0.5 pt, gray 128) scanned at 150 dpi and enlarged to
/// 300 falls between two rows of pixels, each about 155 and 178, and a JPEG's ringing lifts
/// it by 25 more around each rule it crosses. Paper is lighter; and a run must still be
/// [`MIN_LINE`] long.
const RULE: u8 = 190;
/// A line is at least this long, in pixels at 300 dpi: longer than any stroke of 10–16 pt type
/// (a 一 is about 60), shorter than the narrowest cell (about 90).
const MIN_LINE: usize = 80;
/// Thicker than this is a filled block (a shaded heading, a stamp), not a rule.
const MAX_THICK: usize = 14;
/// A rule at least this long is one whatever it meets (a table's frame, a full-width rule).
const LONG: usize = 400;
/// A run of ink this long is no stroke of a character (a 28-point character is about 117
/// pixels wide at 300 dpi): an underline or a rule, to be erased before words are read.
pub const NO_STROKE: usize = 120;
/// Line positions closer than this are one line.
const TOL: usize = 10;
/// Column rules running on this far past a table's last horizontal rule end a row left open
/// at a page break.
const OPEN_ROW: usize = 3 * TOL;

/// One cell of a table: its place in the grid and on the page.
#[derive(Clone, Debug)]
pub struct Cell {
    /// First grid row and column it covers (a merged cell covers more, from there).
    pub row: usize,
    pub col: usize,
    /// Its box on the (straightened) page, inside the rules.
    pub x: usize,
    pub y: usize,
    pub w: usize,
    pub h: usize,
}

#[derive(Clone, Debug)]
pub struct Table {
    /// Top and bottom of the table on the page.
    pub top: usize,
    pub bottom: usize,
    pub left: usize,
    pub right: usize,
    /// Grid rows (elementary, between two horizontal lines).
    pub n_rows: usize,
    pub cells: Vec<Cell>,
}

/// A run of ink along one axis: `along` from `a0` to `a1`, `across` from `c0` to `c1`.
#[derive(Clone, Copy, Debug)]
struct Seg {
    a0: usize,
    a1: usize,
    c0: usize,
    c1: usize,
}

impl Seg {
    fn mid(&self) -> usize {
        (self.c0 + self.c1) / 2
    }
}

/// The angle (degrees) the page is turned by, from how sharply its dark pixels (every other
/// one each way) fall into rows two pixels high when sheared by each candidate angle (rules
/// and text lines both line up at the right one); within ±3°, to a tenth of a degree.
pub fn skew(img: &GrayImage) -> f64 {
    let (w, h) = img.dimensions();
    let raw = img.as_raw();
    let mut dark = Vec::new();
    for y in (0..h as usize).step_by(2) {
        for x in (0..w as usize).step_by(2) {
            if raw[y * w as usize + x] < INK {
                dark.push((x as f64, y as f64));
            }
        }
    }
    let mut best = (0.0, f64::MIN);
    let mut hist = vec![0u32; h as usize * 2 + 1];
    for step in -30..=30 {
        let a = (step as f64 / 10.0).to_radians().tan();
        hist.iter_mut().for_each(|v| *v = 0);
        for &(x, y) in &dark {
            // Bins two pixels high, as the pixels are sampled: one pixel high, the unsheared
            // rows would fill every other bin and score twice what they hold, and a page
            // whose rules are too faint to count (its text alone lines up) read as straight.
            let yy = ((y - x * a) / 2.0).round() as isize + h as isize / 2;
            if let Some(v) = usize::try_from(yy).ok().and_then(|i| hist.get_mut(i)) {
                *v += 1;
            }
        }
        let score: f64 = hist.iter().map(|&v| (v as f64) * (v as f64)).sum();
        if score > best.1 {
            best = (step as f64 / 10.0, score);
        }
    }
    best.0
}

/// The page turned back by `degrees` about its centre (bilinear), white where nothing was.
pub fn rotate(img: &GrayImage, degrees: f64) -> GrayImage {
    let (w, h) = img.dimensions();
    let (s, c) = degrees.to_radians().sin_cos();
    let (cx, cy) = (w as f64 / 2.0, h as f64 / 2.0);
    let raw = img.as_raw();
    let at = |x: isize, y: isize| -> f64 {
        if x < 0 || y < 0 || x >= w as isize || y >= h as isize {
            255.0
        } else {
            raw[y as usize * w as usize + x as usize] as f64
        }
    };
    GrayImage::from_fn(w, h, |x, y| {
        let (dx, dy) = (x as f64 - cx, y as f64 - cy);
        // Where this pixel was before the page was turned by `degrees`.
        let sx = cx + dx * c - dy * s;
        let sy = cy + dx * s + dy * c;
        let (x0, y0) = (sx.floor(), sy.floor());
        let (fx, fy) = (sx - x0, sy - y0);
        let (x0, y0) = (x0 as isize, y0 as isize);
        let v = at(x0, y0) * (1.0 - fx) * (1.0 - fy)
            + at(x0 + 1, y0) * fx * (1.0 - fy)
            + at(x0, y0 + 1) * (1.0 - fx) * fy
            + at(x0 + 1, y0 + 1) * fx * fy;
        image::Luma([v.round().clamp(0.0, 255.0) as u8])
    })
}

/// Runs of ink at least [`MIN_LINE`] long along one axis (`horizontal`: along x), a gap of
/// two pixels bridged, grouped across neighbouring rows (or columns) into line segments.
fn segments(img: &GrayImage, horizontal: bool) -> Vec<Seg> {
    let (w, h) = (img.width() as usize, img.height() as usize);
    let raw = img.as_raw();
    let (n_across, n_along) = if horizontal { (h, w) } else { (w, h) };
    let at = |along: usize, across: usize| {
        let (x, y) = if horizontal {
            (along, across)
        } else {
            (across, along)
        };
        raw[y * w + x]
    };
    // Ink, or a faint line's gray with paper two pixels to either side across it (a dark
    // rule's edge, a blot's, a stroke's have ink there, and stay as they were).
    let light = |along: usize, across: Option<usize>| {
        across.is_none_or(|c| c >= n_across || at(along, c) >= RULE)
    };
    let ink = |along: usize, across: usize| {
        let v = at(along, across);
        v < INK
            || (v < RULE && light(along, across.checked_sub(2)) && light(along, Some(across + 2)))
    };
    let mut open: Vec<Seg> = Vec::new();
    let mut done: Vec<Seg> = Vec::new();
    for c in 0..n_across {
        let mut runs = Vec::new();
        let mut a = 0;
        while a < n_along {
            if !ink(a, c) {
                a += 1;
                continue;
            }
            let start = a;
            let mut end = a;
            while a < n_along {
                if ink(a, c) {
                    end = a;
                } else if a > end + 2 {
                    break;
                }
                a += 1;
            }
            if end + 1 - start >= MIN_LINE {
                runs.push((start, end));
            }
        }
        let mut next = Vec::new();
        for (a0, a1) in runs {
            let joins = open.iter().position(|s| {
                let overlap = a1.min(s.a1) as isize - a0.max(s.a0) as isize;
                overlap * 2 >= (a1 - a0).min(s.a1 - s.a0) as isize
            });
            match joins {
                Some(i) => {
                    let mut s = open.swap_remove(i);
                    s.a0 = s.a0.min(a0);
                    s.a1 = s.a1.max(a1);
                    s.c1 = c;
                    next.push(s);
                }
                None => next.push(Seg {
                    a0,
                    a1,
                    c0: c,
                    c1: c,
                }),
            }
        }
        // A segment not continued on this row or the one before is finished.
        for s in open.drain(..) {
            if s.c1 + 2 >= c {
                next.push(s);
            } else {
                done.push(s);
            }
        }
        open = next;
    }
    done.extend(open);
    done.retain(|s| s.c1 - s.c0 < MAX_THICK);
    done
}

/// The page with its tables' rules whitened, so that no rule is read as a 1 or a 一: the
/// rules (see [`joined`]), and with `longer`, every run of ink at least that long (a web
/// page's underlines, for the words). Not every run of [`MIN_LINE`]: the strokes of a large
/// bold title and a seal's ring crossing a figure are long thin runs of ink too, and whitening
/// them would take parts of the words and figures with them.
pub fn erase_lines(img: &GrayImage, longer: Option<usize>) -> GrayImage {
    let mut out = img.clone();
    let w = img.width() as usize;
    let h = img.height() as usize;
    let raw: &mut [u8] = &mut out;
    let (hs, vs) = (segments(img, true), segments(img, false));
    let (hs, vs) = match longer {
        None => (joined(&hs, &vs), joined(&vs, &hs)),
        Some(n) => {
            let (jh, jv) = (joined(&hs, &vs), joined(&vs, &hs));
            let long = |segs: Vec<Seg>, keep: Vec<Seg>| {
                let mut out: Vec<Seg> = segs.into_iter().filter(|s| s.a1 - s.a0 >= n).collect();
                out.extend(keep);
                out
            };
            (long(hs, jh), long(vs, jv))
        }
    };
    for (horizontal, segs) in [(true, hs), (false, vs)] {
        for s in segs {
            for c in s.c0.saturating_sub(2)..=(s.c1 + 2) {
                for a in s.a0..=s.a1 {
                    let (x, y) = if horizontal { (a, c) } else { (c, a) };
                    if x < w && y < h {
                        raw[y * w + x] = 255;
                    }
                }
            }
        }
    }
    out
}

fn find(parent: &mut [usize], i: usize) -> usize {
    let mut i = i;
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (a, b) = (find(parent, a), find(parent, b));
    if a != b {
        parent[a.max(b)] = a.min(b);
    }
}

/// Positions within [`TOL`] of each other, as one (their mean).
fn cluster(mut v: Vec<usize>) -> Vec<usize> {
    v.sort_unstable();
    let mut out: Vec<Vec<usize>> = Vec::new();
    for p in v {
        match out.last_mut() {
            Some(g) if p - g[g.len() - 1] <= TOL => g.push(p),
            _ => out.push(vec![p]),
        }
    }
    out.iter()
        .map(|g| g.iter().sum::<usize>() / g.len())
        .collect()
}

/// A table's rules run from rule to rule: a segment shorter than [`LONG`] counts only when
/// both its ends meet a rule across it, or one does and it crosses two more (a table's column
/// rules running on past its last row, left open at a page break). What else is dark, long and thin enough is not a rule:
/// a seal's ring (red, gray in a gray scan) has short straight-looking pieces where it runs
/// along an axis, which would split a row of cells in two.
fn joined(segs: &[Seg], across: &[Seg]) -> Vec<Seg> {
    let meets = |s: &Seg, end: usize| {
        across.iter().any(|a| {
            let reach = TOL + (a.c1 - a.c0) / 2 + (s.c1 - s.c0) / 2;
            a.mid().abs_diff(end) <= reach && s.mid() + reach >= a.a0 && s.mid() <= a.a1 + reach
        })
    };
    // Rules it crosses between its ends.
    let crosses = |s: &Seg| {
        across
            .iter()
            .filter(|a| {
                let reach = TOL + (a.c1 - a.c0) / 2 + (s.c1 - s.c0) / 2;
                a.mid() > s.a0 + reach
                    && a.mid() + reach < s.a1
                    && s.mid() + reach >= a.a0
                    && s.mid() <= a.a1 + reach
            })
            .count()
    };
    // No rule across lies beyond `end` (below it when `after`, else above) in its line.
    let open_past = |s: &Seg, end: usize, after: bool| {
        !across.iter().any(|a| {
            let reach = TOL + (a.c1 - a.c0) / 2 + (s.c1 - s.c0) / 2;
            let beyond = if after { a.mid() > end } else { a.mid() < end };
            beyond && s.mid() + reach >= a.a0 && s.mid() <= a.a1 + reach
        })
    };
    segs.iter()
        .filter(|s| {
            s.a1 - s.a0 >= LONG
                || (meets(s, s.a0) && meets(s, s.a1))
                // A column rule running on past a table's last row at a page break: one end
                // meets a rule, the other is past every rule it could meet.
                || (crosses(s) >= 2
                    && ((meets(s, s.a0) && open_past(s, s.a1, true))
                        || (meets(s, s.a1) && open_past(s, s.a0, false))))
        })
        .copied()
        .collect()
}

/// The tables of a straightened page, top to bottom: rules that cross or touch are one table.
pub fn tables(img: &GrayImage) -> Vec<Table> {
    let (hs, vs) = (segments(img, true), segments(img, false));
    let (hs, vs) = (joined(&hs, &vs), joined(&vs, &hs));
    let n = hs.len() + vs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for (i, h) in hs.iter().enumerate() {
        for (j, v) in vs.iter().enumerate() {
            let (x, y) = (v.mid(), h.mid());
            if x + TOL >= h.a0 && x <= h.a1 + TOL && y + TOL >= v.a0 && y <= v.a1 + TOL {
                union(&mut parent, i, hs.len() + j);
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<Seg>, Vec<Seg>)> = Default::default();
    for i in 0..n {
        let g = groups.entry(find(&mut parent, i)).or_default();
        if i < hs.len() {
            g.0.push(hs[i]);
        } else {
            g.1.push(vs[i - hs.len()]);
        }
    }
    let mut out: Vec<Table> = groups
        .into_values()
        .filter(|(h, v)| h.len() >= 2 && v.len() >= 2)
        .filter_map(|(h, v)| table(&h, &v))
        .collect();
    out.sort_by_key(|t| t.top);
    out
}

/// One table's cells from its horizontal and vertical rules.
fn table(hs: &[Seg], vs: &[Seg]) -> Option<Table> {
    let mut ys = cluster(hs.iter().map(Seg::mid).collect());
    let xs = cluster(vs.iter().map(Seg::mid).collect());
    // A table broken across pages: its row at the break has no rule at the page's end, and
    // the column rules run on past the last (or before the first) horizontal rule. Where they
    // end closes that row.
    if let (Some(&first), Some(&last)) = (ys.first(), ys.last()) {
        let top = vs.iter().map(|s| s.a0).min().unwrap_or(first);
        let bottom = vs.iter().map(|s| s.a1).max().unwrap_or(last);
        if bottom > last + OPEN_ROW {
            ys.push(bottom);
        }
        if top + OPEN_ROW < first {
            ys.insert(0, top);
        }
    }
    if ys.len() < 2 || xs.len() < 2 {
        return None;
    }
    let (nr, nc) = (ys.len() - 1, xs.len() - 1);
    // Is there a rule at `pos` (across) covering `from..to` (along) for the most part?
    let ruled = |segs: &[Seg], pos: usize, from: usize, to: usize| {
        let m = ((to - from) / 4).min(TOL * 2);
        segs.iter()
            .any(|s| s.mid().abs_diff(pos) <= TOL && s.a0 <= from + m && s.a1 + m >= to)
    };
    let id = |r: usize, c: usize| r * nc + c;
    let mut parent: Vec<usize> = (0..nr * nc).collect();
    for r in 0..nr {
        for c in 0..nc {
            if c + 1 < nc && !ruled(vs, xs[c + 1], ys[r], ys[r + 1]) {
                union(&mut parent, id(r, c), id(r, c + 1));
            }
            if r + 1 < nr && !ruled(hs, ys[r + 1], xs[c], xs[c + 1]) {
                union(&mut parent, id(r, c), id(r + 1, c));
            }
        }
    }
    let mut boxes: std::collections::BTreeMap<usize, (usize, usize, usize, usize)> =
        Default::default();
    for r in 0..nr {
        for c in 0..nc {
            let b = boxes
                .entry(find(&mut parent, id(r, c)))
                .or_insert((r, c, r, c));
            b.0 = b.0.min(r);
            b.1 = b.1.min(c);
            b.2 = b.2.max(r);
            b.3 = b.3.max(c);
        }
    }
    let mut cells: Vec<Cell> = boxes
        .into_values()
        .map(|(r0, c0, r1, c1)| Cell {
            row: r0,
            col: c0,
            x: xs[c0],
            y: ys[r0],
            w: xs[c1 + 1] - xs[c0],
            h: ys[r1 + 1] - ys[r0],
        })
        .collect();
    cells.sort_by_key(|c| (c.row, c.col));
    Some(Table {
        top: ys[0],
        bottom: ys[nr],
        left: xs[0],
        right: xs[nc],
        n_rows: nr,
        cells,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A white page with a 3×2 table whose top row is one merged cell, turned by `deg`.
    fn page(deg: f64) -> GrayImage {
        let mut img = GrayImage::from_pixel(1200, 900, image::Luma([255]));
        let mut line = |x0: u32, y0: u32, x1: u32, y1: u32| {
            for y in y0..=y1 {
                for x in x0..=x1 {
                    img.put_pixel(x, y, image::Luma([0]));
                }
            }
        };
        for y in [200, 300, 400, 500] {
            line(200, y, 1000, y + 2);
        }
        for x in [200, 1000] {
            line(x, 200, x + 2, 502);
        }
        line(600, 300, 602, 502);
        if deg == 0.0 { img } else { rotate(&img, -deg) }
    }

    /// Lines of short marks (the words of a page whose rules are too faint to be ink) turned
    /// by `deg`.
    fn words(deg: f64) -> GrayImage {
        let mut img = GrayImage::from_pixel(1600, 1200, image::Luma([255]));
        for y in (150..1050).step_by(48) {
            for x in (150..1450).step_by(40) {
                for yy in y..y + 20 {
                    for xx in x..x + 24 {
                        if (xx - x) % 8 < 3 || (yy - y) % 9 < 3 {
                            img.put_pixel(xx, yy, image::Luma([20]));
                        }
                    }
                }
            }
        }
        if deg == 0.0 { img } else { rotate(&img, -deg) }
    }

    #[test]
    fn faint_gray_rules_are_rules() {
        // A 0.5 pt gray rule scanned at 150 dpi, enlarged: lighter than ink, darker than paper.
        let mut img = page(0.0);
        img.pixels_mut()
            .filter(|p| p.0[0] == 0)
            .for_each(|p| p.0[0] = 175);
        let t = tables(&img);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].cells.len(), 5);
    }

    #[test]
    fn a_page_of_words_alone_is_turned_straight() {
        for deg in [1.2, -0.8, 0.0] {
            let found = skew(&words(deg));
            assert!((found - deg).abs() <= 0.15, "{deg}: {found}");
        }
    }

    #[test]
    fn a_row_left_open_at_a_page_break_is_closed_where_its_column_rules_end() {
        let mut img = page(0.0);
        // The column rules run on 150 pixels below the last horizontal rule.
        for y in 503..650 {
            for x in [200, 201, 202, 600, 601, 602, 1000, 1001, 1002] {
                img.put_pixel(x, y, image::Luma([0]));
            }
        }
        let t = tables(&img);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].n_rows, 4);
        let last: Vec<_> = t[0].cells.iter().filter(|c| c.row == 3).collect();
        assert_eq!(last.len(), 2);
        assert!(
            last[0].y.abs_diff(501) <= 2 && last[0].h.abs_diff(148) <= 3,
            "{last:?}"
        );
    }

    #[test]
    fn a_short_bar_meeting_no_rule_is_no_rule() {
        // A seal's ring runs along an axis for a hundred pixels or so where it crosses a row:
        // straight, thin and long enough for a rule, but it meets no rule at either end.
        let mut img = page(0.0);
        for y in 420..520 {
            for x in 800..806 {
                img.put_pixel(x, y, image::Luma([60]));
            }
        }
        let t = tables(&img);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].cells.len(), 5);
        // Nor is it erased, for it may cross a figure.
        let erased = erase_lines(&img, None);
        assert_eq!(erased.get_pixel(802, 470).0[0], 60);
        assert_eq!(erased.get_pixel(600, 300).0[0], 255);
    }

    #[test]
    fn a_grid_with_a_merged_cell_straight_and_turned() {
        for deg in [0.0, 1.5, -2.0] {
            let img = page(deg);
            let found = skew(&img);
            assert!((found - deg).abs() <= 0.15, "{deg}: {found}");
            let straight = rotate(&img, found);
            let t = tables(&straight);
            assert_eq!(t.len(), 1, "{deg}");
            let spans: Vec<_> = t[0]
                .cells
                .iter()
                .map(|c| (c.row, c.col, c.w / 300))
                .collect();
            assert_eq!(
                spans,
                [(0, 0, 2), (1, 0, 1), (1, 1, 1), (2, 0, 1), (2, 1, 1)],
                "{deg}"
            );
        }
    }
}

//! A seal's ring over a table, found as a circle and lifted off the page. The 公章 is stamped
//! over the end of a report, often over its last table's corner; its red ring scans as a
//! band of middling gray (about 60–140) that runs through the cells it crosses. Left on the
//! page it is one piece of ink with the figures it touches (`ink.rs` then cannot tell them
//! apart), and its strokes are read as digits.
//!
//! So the ring is found as what it is, a circle: the page's pixels of seal-like ink (middling
//! gray, away from print's black cores) are counted on a coarse grid, and every edge of that
//! map votes for the centres a ring through it could have (along its gradient, for each
//! radius in range: a Hough transform for circles that needs no angle loop); the best centres
//! are then checked at full scale, where a ring is a narrow band of radii, dense with such ink
//! and running most of the way round. The band is lifted (whitened) except where the ink is
//! black as print: a figure seen through the seal's ink stays.
//!
//! What the seal covered is not seen, and is not guessed: a cell the band runs through is read
//! only when its figure stands clear of the band, far enough that no digit of the same number
//! can lie under it (`hides`); otherwise, or when nothing is seen in it, the cell is doubtful.

use super::digits::Verdict;
use image::GrayImage;

/// A seal's ink in gray: red ink at about 60–140, its lighter edge up to here.
const RING_LO: u8 = 45;
const RING_HI: u8 = 170;
/// Print's cores are this dark (the gray beside them is print's edge), and a pixel this dark
/// in the band is print seen through the seal's ink.
const PRINT: u8 = 30;
/// A seal's ring radius in pixels at 300 dpi: 4 to 34 mm.
const R_MIN: usize = 48;
const R_MAX: usize = 300;
/// The coarse grid the votes are cast on, in pixels.
const STEP: usize = 4;
/// A ring's band is at most this wide (a filled disc or a shaded block is not a ring) and at
/// least this dense with seal-like ink at its densest radius...
const MAX_BAND: usize = 40;
const DENSE: f64 = 0.35;
/// ...and runs through this share of the sectors round its centre.
const ROUND: f64 = 0.7;
const SECTORS: usize = 72;
/// Centres tried, best voted first.
const TRIES: usize = 4;
/// The gray fringe a scan leaves around the band, lifted with it.
pub const FRINGE: usize = 3;

/// A seal's ring: its centre and the radii its band runs between, in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ring {
    pub cx: f64,
    pub cy: f64,
    pub r0: f64,
    pub r1: f64,
}

impl Ring {
    /// Does the band, with its fringe, pass through the box `x0..x1`, `y0..y1`?
    fn crosses(&self, (x0, y0, x1, y1): (usize, usize, usize, usize)) -> bool {
        if x1 <= x0 || y1 <= y0 {
            return false;
        }
        let (bx0, by0, bx1, by1) = (x0 as f64, y0 as f64, x1 as f64 - 1.0, y1 as f64 - 1.0);
        let nx = self.cx.clamp(bx0, bx1) - self.cx;
        let ny = self.cy.clamp(by0, by1) - self.cy;
        let near = nx.hypot(ny);
        let fx = (self.cx - bx0).abs().max((self.cx - bx1).abs());
        let fy = (self.cy - by0).abs().max((self.cy - by1).abs());
        let far = fx.hypot(fy);
        let f = FRINGE as f64;
        self.r0 - f <= far && self.r1 + f >= near
    }
}

/// Does any ring's band pass through the box `x0..x1`, `y0..y1`?
pub fn crosses(rings: &[Ring], bx: (usize, usize, usize, usize)) -> bool {
    rings.iter().any(|r| r.crosses(bx))
}

/// Could a ring hide part of the figure whose ink's box is `x0..x1`, `y0..y1`, or a digit of
/// its number? Yes when a band passes within a third of the figure's height of it along its
/// line (digits of one number stand closer than that), or touches it above or below.
pub fn hides(rings: &[Ring], (x0, y0, x1, y1): (usize, usize, usize, usize)) -> bool {
    let gap = ((y1 - y0) / 3).max(FRINGE);
    crosses(
        rings,
        (
            x0.saturating_sub(gap),
            y0.saturating_sub(FRINGE),
            x1 + gap,
            y1 + FRINGE,
        ),
    )
}

/// A number cell's verdict when a ring may hide part of its figure (`sealed`): never sure.
/// What Tesseract read of the part in view is kept as the cell's alternatives, for the
/// table's identities to choose among (or to refuse, naming the cell).
pub fn unsure(v: Verdict, sealed: bool) -> Verdict {
    if !sealed {
        return v;
    }
    let why = crate::t!("ocr-seal-why");
    match v {
        Verdict::Sure(text, conf) => Verdict::Doubt {
            said: crate::t!(
                "ocr-said-sealed",
                text = text.as_str(),
                conf = format!("{conf:.0}"),
                why = why
            ),
            alternatives: vec![(text, conf)],
        },
        Verdict::Doubt { alternatives, said } => Verdict::Doubt {
            alternatives,
            said: crate::t!("ocr-said-and", said = said, why = why),
        },
    }
}

/// The page with each ring's band (and fringe) whitened, but for ink black as print; in
/// place (a page is not copied for it).
pub fn lift(mut out: GrayImage, rings: &[Ring]) -> GrayImage {
    let (w, h) = (out.width() as i64, out.height() as i64);
    for r in rings {
        let (lo, hi) = (r.r0 - FRINGE as f64, r.r1 + FRINGE as f64);
        let (ya, yb) = (
            ((r.cy - hi).floor() as i64).max(0),
            ((r.cy + hi).ceil() as i64).min(h - 1),
        );
        let (xa, xb) = (
            ((r.cx - hi).floor() as i64).max(0),
            ((r.cx + hi).ceil() as i64).min(w - 1),
        );
        for y in ya..=yb {
            for x in xa..=xb {
                let d = (x as f64 - r.cx).hypot(y as f64 - r.cy);
                if d >= lo && d <= hi && out.get_pixel(x as u32, y as u32).0[0] > PRINT {
                    out.put_pixel(x as u32, y as u32, image::Luma([255]));
                }
            }
        }
    }
    out
}

/// Pixels of seal-like ink: middling gray, in a part of the page without print. The page is
/// taken in squares of [`STEP`] pixels; a square with a print's core in it or beside it is
/// print's (its gray is print's edge); in the others, the middling gray pixels are seal-like.
/// With each square's count of them.
fn seal_ink(img: &GrayImage) -> (Vec<bool>, Vec<f32>) {
    let (w, h) = (img.width() as usize, img.height() as usize);
    let (gw, gh) = (w / STEP, h / STEP);
    let raw = img.as_raw();
    let mut cores = vec![false; gw * gh];
    let mut count = vec![0f32; gw * gh];
    for y in 0..gh * STEP {
        let row = &raw[y * w..y * w + gw * STEP];
        for (x, &v) in row.iter().enumerate() {
            let g = (y / STEP) * gw + x / STEP;
            if v <= PRINT {
                cores[g] = true;
            } else if (RING_LO..=RING_HI).contains(&v) {
                count[g] += 1.0;
            }
        }
    }
    let mut clear = vec![false; gw * gh];
    for gy in 0..gh {
        for gx in 0..gw {
            clear[gy * gw + gx] = (gy.saturating_sub(1)..(gy + 2).min(gh))
                .all(|yy| (gx.saturating_sub(1)..(gx + 2).min(gw)).all(|xx| !cores[yy * gw + xx]));
            if !clear[gy * gw + gx] {
                count[gy * gw + gx] = 0.0;
            }
        }
    }
    (clear, count)
}

/// Is the pixel at `(x, y)` seal-like ink (`clear`: the squares without print), and in no
/// ring already found?
fn is_ink(img: &GrayImage, clear: &[bool], found: &[Ring], x: usize, y: usize) -> bool {
    let gw = img.width() as usize / STEP;
    let (gx, gy) = (x / STEP, y / STEP);
    if gx >= gw || gy >= img.height() as usize / STEP || !clear[gy * gw + gx] {
        return false;
    }
    let v = img.get_pixel(x as u32, y as u32).0[0];
    (RING_LO..=RING_HI).contains(&v)
        && found.iter().all(|r| {
            let d = (x as f64 - r.cx).hypot(y as f64 - r.cy);
            d < r.r0 - FRINGE as f64 || d > r.r1 + FRINGE as f64
        })
}

/// The seals' rings on a page (at about 300 dpi), none when it has none.
pub fn rings(img: &GrayImage) -> Vec<Ring> {
    let (w, h) = (img.width() as usize, img.height() as usize);
    if w < 2 * R_MIN || h < 2 * R_MIN {
        return Vec::new();
    }
    let (clear, map) = seal_ink(img);
    let (gw, gh) = (w / STEP, h / STEP);
    if map.iter().all(|&v| v == 0.0) {
        return Vec::new();
    }
    let map = smooth(&smooth(&map, gw, gh), gw, gh);
    // Each edge votes along its gradient, both ways, at every radius in range.
    let mut votes = vec![0u32; gw * gh];
    let (rmin, rmax) = (R_MIN / STEP, R_MAX / STEP);
    let at = |x: usize, y: usize| map[y * gw + x];
    for y in 1..gh - 1 {
        for x in 1..gw - 1 {
            let gx = at(x + 1, y - 1) + 2.0 * at(x + 1, y) + at(x + 1, y + 1)
                - at(x - 1, y - 1)
                - 2.0 * at(x - 1, y)
                - at(x - 1, y + 1);
            let gy = at(x - 1, y + 1) + 2.0 * at(x, y + 1) + at(x + 1, y + 1)
                - at(x - 1, y - 1)
                - 2.0 * at(x, y - 1)
                - at(x + 1, y - 1);
            let m = gx.hypot(gy);
            // A rise of a few pixels of seal-like ink a cell: an edge of a band.
            if m < 8.0 {
                continue;
            }
            let (ux, uy) = (f64::from(gx / m), f64::from(gy / m));
            for s in [-1.0, 1.0] {
                for r in rmin..=rmax {
                    let vx = x as f64 + s * r as f64 * ux;
                    let vy = y as f64 + s * r as f64 * uy;
                    if vx < 0.0 || vy < 0.0 {
                        break;
                    }
                    let (vx, vy) = (vx.round() as usize, vy.round() as usize);
                    if vx >= gw || vy >= gh {
                        break;
                    }
                    votes[vy * gw + vx] += 1;
                }
            }
        }
    }
    // The best-voted centres (3×3 sums), each apart from those before it.
    let sum = |x: usize, y: usize| -> u32 {
        let mut s = 0;
        for yy in y.saturating_sub(1)..(y + 2).min(gh) {
            for xx in x.saturating_sub(1)..(x + 2).min(gw) {
                s += votes[yy * gw + xx];
            }
        }
        s
    };
    let mut centres: Vec<(u32, usize, usize)> = Vec::new();
    let mut summed: Vec<(u32, usize, usize)> = (0..gh)
        .flat_map(|y| (0..gw).map(move |x| (x, y)))
        .filter(|&(x, y)| votes[y * gw + x] > 0)
        .map(|(x, y)| (sum(x, y), x, y))
        .collect();
    summed.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    // Fewer votes than a quarter of the smallest ring's edge cannot be a ring.
    let least = (std::f64::consts::PI * rmin as f64) as u32;
    for &(n, x, y) in &summed {
        if centres.len() == TRIES || n < least {
            break;
        }
        if centres.iter().all(|&(_, cx, cy)| {
            (cx.abs_diff(x).pow(2) + cy.abs_diff(y).pow(2)) as f64 > (rmin * rmin) as f64
        }) {
            centres.push((n, x, y));
        }
    }
    let mut out: Vec<Ring> = Vec::new();
    for (_, x, y) in centres {
        // A ring's ink is no other ring's.
        let found = at_centre(img, &clear, &out, x * STEP + STEP / 2, y * STEP + STEP / 2);
        out.extend(found);
    }
    out
}

/// 3×3 mean of a coarse map.
fn smooth(map: &[f32], w: usize, h: usize) -> Vec<f32> {
    let mut out = vec![0f32; w * h];
    for y in 0..h {
        for x in 0..w {
            let (mut s, mut n) = (0f32, 0f32);
            for yy in y.saturating_sub(1)..(y + 2).min(h) {
                for xx in x.saturating_sub(1)..(x + 2).min(w) {
                    s += map[yy * w + xx];
                    n += 1.0;
                }
            }
            out[y * w + x] = s / n;
        }
    }
    out
}

/// The rings round a voted centre `(x, y)`: the centre is refined within a coarse cell or two
/// (to the one whose densest band is densest), then every narrow band of radii dense with
/// seal-like ink and running most of the way round is a ring.
fn at_centre(img: &GrayImage, clear: &[bool], found: &[Ring], x: usize, y: usize) -> Vec<Ring> {
    let (w, h) = (img.width() as usize, img.height() as usize);
    // The seal-like ink within reach, as offsets from the voted centre.
    let reach = (R_MAX + 2 * STEP) as i64;
    let (x, y) = (x as i64, y as i64);
    let mut near: Vec<(i64, i64)> = Vec::new();
    for yy in (y - reach).max(0)..(y + reach + 1).min(h as i64) {
        for xx in (x - reach).max(0)..(x + reach + 1).min(w as i64) {
            if is_ink(img, clear, found, xx as usize, yy as usize) {
                let (dx, dy) = (xx - x, yy - y);
                if dx * dx + dy * dy <= reach * reach {
                    near.push((dx, dy));
                }
            }
        }
    }
    let profile = |ox: i64, oy: i64| -> Vec<f64> {
        let mut count = vec![0f64; R_MAX + 2 * STEP + 2];
        for &(dx, dy) in &near {
            let (ex, ey) = (dx - ox, dy - oy);
            let r = ((ex * ex + ey * ey) as f64).sqrt().round() as usize;
            if r < count.len() {
                count[r] += 1.0;
            }
        }
        count
            .iter()
            .enumerate()
            .map(|(r, &n)| n / (2.0 * std::f64::consts::PI * r.max(1) as f64))
            .collect()
    };
    // Coarsely (every other pixel within two squares), then finely round the best.
    let mut best = (f64::MIN, 0, 0);
    let span = 2 * STEP as i64;
    let mut tries: Vec<(i64, i64)> = (-span..=span)
        .step_by(2)
        .flat_map(|oy| (-span..=span).step_by(2).map(move |ox| (ox, oy)))
        .collect();
    for round in 0..2 {
        for &(ox, oy) in &tries {
            let p = profile(ox, oy);
            let top = p[R_MIN..=R_MAX].iter().copied().fold(0.0, f64::max);
            if top > best.0 {
                best = (top, ox, oy);
            }
        }
        if round == 0 {
            let (bx, by) = (best.1, best.2);
            tries = (-1..=1)
                .flat_map(|oy| (-1..=1).map(move |ox| (bx + ox, by + oy)))
                .collect();
        }
    }
    let (ox, oy) = (best.1, best.2);
    let (cx, cy) = ((x + ox) as f64, (y + oy) as f64);
    let p = profile(ox, oy);
    let mut out = Vec::new();
    let mut r = R_MIN;
    while r <= R_MAX {
        if p[r] < DENSE {
            r += 1;
            continue;
        }
        let start = r;
        while r + 1 < p.len() && p[r + 1] >= DENSE {
            r += 1;
        }
        let end = r;
        r += 1;
        // The band reaches out to where its ink thins to a third of its densest.
        let top = p[start..=end].iter().copied().fold(0.0, f64::max);
        let mut r0 = start;
        while r0 > 1 && p[r0 - 1] >= top / 3.0 {
            r0 -= 1;
        }
        let mut r1 = end;
        while r1 + 1 < p.len() && p[r1 + 1] >= top / 3.0 {
            r1 += 1;
        }
        if r1 - r0 > MAX_BAND {
            continue;
        }
        // Round: the band is dense with the ink in most sectors.
        let mut sectors = [0f64; SECTORS];
        let (lo, hi) = (r0 as f64 - 0.5, r1 as f64 + 0.5);
        for &(dx, dy) in &near {
            let (dx, dy) = ((dx - ox) as f64, (dy - oy) as f64);
            let d = dx.hypot(dy);
            if d >= lo && d < hi {
                let a = dy.atan2(dx) + std::f64::consts::PI;
                let s = (a / (2.0 * std::f64::consts::PI) * SECTORS as f64) as usize;
                sectors[s.min(SECTORS - 1)] += 1.0;
            }
        }
        let area = std::f64::consts::PI * (hi * hi - lo * lo) / SECTORS as f64;
        let dense = sectors.iter().filter(|&&n| n / area >= DENSE / 2.0).count();
        let round = dense as f64 / SECTORS as f64;
        if round >= ROUND {
            out.push(Ring {
                cx,
                cy,
                r0: r0 as f64,
                r1: r1 as f64 + 1.0,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 900 × 900 page at about 300 dpi: paper, black print (`boxes`, at 10), and a seal's
    /// ring of gray 95 (red scanned in gray) centred at (450, 430), radii 180 to 192 (found
    /// within 3 pixels: print cut out of its band moves the fit a little), drawn
    /// over the print as a stamp is (where it runs, the print under it is not seen).
    fn page(boxes: &[(u32, u32, u32, u32)], ring: bool) -> GrayImage {
        GrayImage::from_fn(900, 900, |x, y| {
            let d = (f64::from(x) - 450.0).hypot(f64::from(y) - 430.0);
            let v = if ring && (180.0..192.0).contains(&d) {
                95
            } else if boxes
                .iter()
                .any(|&(x0, y0, x1, y1)| (x0..x1).contains(&x) && (y0..y1).contains(&y))
            {
                10
            } else {
                245
            };
            image::Luma([v])
        })
    }

    /// A table's rules every 100 pixels and figures (bars 14 × 40) in its cells, some under
    /// the ring's path.
    fn table() -> Vec<(u32, u32, u32, u32)> {
        let mut b = Vec::new();
        for k in 1..9 {
            b.push((100, k * 100, 800, k * 100 + 3));
            b.push((k * 100, 100, k * 100 + 3, 800));
        }
        for cy in 1..8 {
            for cx in 1..8 {
                b.push((cx * 100 + 40, cy * 100 + 30, cx * 100 + 54, cy * 100 + 70));
            }
        }
        b
    }

    fn the_ring(found: &[Ring]) -> Ring {
        assert_eq!(found.len(), 1, "{found:?}");
        let r = found[0];
        assert!(
            (r.cx - 450.0).abs() <= 3.0 && (r.cy - 430.0).abs() <= 3.0,
            "{r:?}"
        );
        assert!(
            (r.r0 - 180.0).abs() <= 3.0 && (r.r1 - 192.0).abs() <= 3.0,
            "{r:?}"
        );
        r
    }

    #[test]
    fn a_seals_ring_alone_is_found_as_a_circle() {
        the_ring(&rings(&page(&[], true)));
    }

    #[test]
    fn a_ring_over_a_table_with_figures_is_found_and_lifted_leaving_the_print() {
        let img = page(&table(), true);
        let found = rings(&img);
        let ring = the_ring(&found);
        let lifted = lift(img.clone(), &found);
        // The ring's ink is gone; print clear of it, and a rule's black under the fringe, stay.
        for a in 0..72 {
            let t = f64::from(a) * std::f64::consts::TAU / 72.0;
            let (x, y) = (450.0 + 186.0 * t.cos(), 430.0 + 186.0 * t.sin());
            assert_eq!(lifted.get_pixel(x as u32, y as u32).0[0], 255, "({x},{y})");
        }
        assert_eq!(lifted.get_pixel(147, 150).0[0], 10);
        assert_eq!(lifted.get_pixel(101, 500).0[0], 10);
        // A figure the band runs beside may have a digit under it; one far from it has not.
        let near = (ring.cx as usize - 170, 420, ring.cx as usize - 160, 440);
        assert!(hides(&found, near));
        assert!(!hides(&found, (440, 420, 454, 460)));
        assert!(crosses(&found, (250, 400, 300, 460)));
        assert!(!crosses(&found, (400, 400, 500, 460)));
    }

    #[test]
    fn print_alone_has_no_ring() {
        // The table, and a printed black circle (an O, a logo's outline): print, no seal.
        let mut img = page(&table(), false);
        for (x, y, p) in img.enumerate_pixels_mut() {
            let d = (f64::from(x) - 450.0).hypot(f64::from(y) - 430.0);
            if (100.0..106.0).contains(&d) {
                p.0[0] = 5;
            }
        }
        assert_eq!(rings(&img), []);
        assert_eq!(rings(&page(&[], false)), []);
    }
}

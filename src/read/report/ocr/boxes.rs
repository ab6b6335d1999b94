//! Where a cell is, said in the pixels a person finds it at: an image file read enlarged has
//! its cells' boxes given back in the file's own pixels.

use super::{Item, Origin, Scanned};

impl Scanned {
    /// Each cell's box in the image file's own pixels, when it was read enlarged `k` times:
    /// the place a person finds it at in the file.
    pub(super) fn shrink_boxes(&mut self, k: u32) {
        if k == 1 {
            return;
        }
        let shrink = |o: &mut Origin| {
            if let Origin::Scan { x, y, w, h, .. } = o {
                (*w, *h) = ((*x + *w) / k - *x / k, (*y + *h) / k - *y / k);
                (*x, *y) = (*x / k, *y / k);
            }
        };
        for items in &mut self.pages {
            for (_, item) in items.iter_mut() {
                if let Item::Table(rows) = item {
                    rows.iter_mut().flatten().for_each(|(_, _, o)| shrink(o));
                }
            }
        }
        for d in &mut self.doubts {
            shrink(&mut d.origin);
            if let Origin::Scan {
                page, x, y, w, h, ..
            } = d.origin
            {
                d.place = format!("page {page} cell ({x},{y},{w},{h})");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Doubt, Text};
    use super::*;

    fn at(x: u32, y: u32, w: u32, h: u32) -> Origin {
        Origin::Scan {
            page: 1,
            x,
            y,
            w,
            h,
            conf: 90,
            alt: 0,
            alts: 0,
        }
    }

    #[test]
    fn boxes_of_an_image_read_at_twice_its_size_are_given_in_its_pixels() {
        let mut s = Scanned {
            pages: vec![vec![(
                0,
                Item::Table(vec![vec![(0, Text::Read("1".into()), at(101, 50, 40, 21))]]),
            )]],
            doubts: vec![Doubt {
                place: "page 1 cell (200,100,60,30)".into(),
                said: String::new(),
                alternatives: vec![("7".into(), 60.0)],
                origin: at(200, 100, 60, 30),
            }],
        };
        s.shrink_boxes(2);
        let Item::Table(rows) = &s.pages[0][0].1 else {
            panic!("a table")
        };
        assert_eq!(rows[0][0].2.to_string(), at(50, 25, 20, 10).to_string());
        assert_eq!(s.doubts[0].place, "page 1 cell (100,50,30,15)");
        let before = s.doubts[0].place.clone();
        s.shrink_boxes(1);
        assert_eq!(s.doubts[0].place, before);
    }
}

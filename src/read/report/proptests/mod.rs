//! Round trips: a known report rendered the ways reports are found (tab-separated,
//! space-aligned, HTML, Markdown, cells run together, labels moved away) reads back to the same
//! numbers, or (where the rendering loses what tells cells apart) not at all.

mod known;
mod render;

use super::tests::{cells, read_text};
use known::{known, known_2019};
use proptest::prelude::*;
use render::*;

#[test]
fn sparse_aligned_table_three_that_does_not_add_up_fails() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut k = known().new_tree(&mut runner).unwrap().current();
    sparse_requests(&mut k);
    let mut lines = k.lines();
    aligned_requests_header(&mut lines);
    let good = spaced(&lines, 8);
    read_text(&good).unwrap_or_else(|e| panic!("{e}\n{good}"));
    // One row's total no longer its 自然人: no reading, the row named.
    let i = lines
        .iter()
        .position(|l| l.label == "（一）予以公开")
        .unwrap();
    let v = lines[i].cells[6].clone().unwrap().parse::<i64>().unwrap();
    lines[i].cells[6] = Some((v + 1).to_string());
    let bad = spaced(&lines, 8);
    let e = read_text(&bad).expect_err("must fail");
    assert!(e.message.contains("表三, row “予以公开”"), "{e}");
    assert!(e.message.contains("do not add up to its total"), "{e}");
    // A 自然人 number moved right, between its heading and 商业企业's: under none, no reading.
    lines[i].cells[6] = Some(v.to_string());
    let mut text = String::new();
    for (n, l) in spaced(&lines, 8).lines().enumerate() {
        if n == i {
            let digits = v.to_string();
            let at = l.find(&format!(" {digits} ")).unwrap() + 1;
            let mut c: Vec<char> = l.chars().collect();
            let start = l[..at].chars().count();
            for k in 0..digits.len() {
                c[start + k] = ' ';
            }
            let end = start + digits.len() - 1 + 5;
            for (k, ch) in digits.chars().rev().enumerate() {
                c[end - k] = ch;
            }
            text.push_str(&c.into_iter().collect::<String>());
        } else {
            text.push_str(l);
        }
        text.push('\n');
    }
    let e = read_text(&text).expect_err("must fail");
    assert!(e.message.contains("表三"), "{e}");
    assert!(e.message.contains("stands under no column heading"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    /// A space-aligned 表三 filling only 自然人 and 总计, no row complete: every row placed
    /// under the header's columns and read back exactly, blanks as blanks.
    #[test]
    // Fields of 7 or more: in a field of 6, `社会公益组织` and `法律服务机构` print one space
    // apart, which reads as one heading (`结 果`), and the header is not placed by.
    fn sparse_aligned_table_three_is_placed_by_its_header(k in known(), gap in 7usize..11) {
        let mut k = k;
        sparse_requests(&mut k);
        let want = k.expected();
        let mut lines = k.lines();
        aligned_requests_header(&mut lines);
        let text = spaced(&lines, gap);
        let r = read_text(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&cells(&r.report), &want, "{}", text);
    }

    /// Space-aligned 表四 with cells left blank (no cases): its numbers are placed under its
    /// header's columns and read back exactly, blanks as blanks.
    #[test]
    fn aligned_table_four_with_blanks_is_placed_by_its_header(
        k in known(),
        masks in prop::collection::vec(prop::collection::vec(any::<bool>(), 5), 3),
        gap in 6usize..10,
    ) {
        // A 表四 printing no number at all is not this case (nothing to place).
        prop_assume!(masks.iter().any(|m| !m[4]));
        let mut k = k;
        for (g, mask) in masks.iter().enumerate() {
            let group = &mut k.appeals[g * 5..g * 5 + 5];
            if mask[4] {
                group.iter_mut().for_each(|c| *c = None);
            } else {
                for (c, blank) in group[..4].iter_mut().zip(mask) {
                    if *blank {
                        *c = None;
                    }
                }
                group[4] = Some(group[..4].iter().map(|c| c.unwrap_or(0)).sum());
            }
        }
        let want = k.expected();
        let mut lines = k.lines();
        aligned_appeals_header(&mut lines);
        let text = spaced(&lines, gap);
        let r = read_text(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&cells(&r.report), &want, "{}", text);
    }

    #[test]
    fn delimited_and_aligned_renderings_read_back(k in prop_oneof![known(), known_2019()], blanks in prop::collection::vec((0usize..25, 0usize..7), 0..6), gap in 6usize..10, marker in 0usize..3) {
        let mut k = k;
        // Blank some cells, never a total: a blank counts as nothing, so its row's total drops
        // by what it held.
        for (r, c) in blanks {
            let c = c % 6;
            if let Some(v) = k.requests[r][c].take() {
                k.requests[r][6] = k.requests[r][6].map(|t| t - v);
            }
        }
        let want = k.expected();
        let lines = k.lines();
        let blank = ["", "/", "—"][marker];
        for (what, text) in [("tabs", tabs(&lines, blank)), ("spaced", spaced(&lines, gap)), ("html", html(&lines, blank)), ("markdown", markdown_expanded(&lines, blank))] {
            let r = read_text(&text).map_err(|e| TestCaseError::fail(format!("{what}: {e}\n{text}")))?;
            prop_assert_eq!(&cells(&r.report), &want, "{}", what);
            prop_assert_eq!(r.report.agency.as_str(), "测试市人民政府");
        }
    }

    /// Narrow columns, some cells blank anywhere, read back right or not at all: never to
    /// other numbers.
    #[test]
    fn cramped_columns_read_right_or_fail(
        k in prop_oneof![known(), known_2019()],
        width in 2usize..6,
        blanks in prop::collection::vec((0usize..25, 0usize..7), 0..8),
    ) {
        let mut k = k;
        for (r, c) in blanks {
            k.requests[r][c] = None;
        }
        let want = k.expected();
        let text = cramped(&k.lines(), width);
        if let Ok(r) = read_text(&text) {
            for (key, v) in &cells(&r.report) {
                prop_assert_eq!(Some(v), want.get(key), "{}", text);
            }
        }
    }

    /// Labels wrapped anywhere, with their cells on the first or the last line, read back
    /// right or not at all.
    #[test]
    fn wrapped_labels_read_right_or_fail(k in prop_oneof![known(), known_2019()], cut in 2usize..12, first in any::<bool>()) {
        let want = k.expected();
        let text = wrapped(&k.lines(), cut, first);
        if let Ok(r) = read_text(&text) {
            for (key, v) in &cells(&r.report) {
                prop_assert_eq!(Some(v), want.get(key), "{}", text);
            }
        }
    }

    /// Cells run together read back right or not at all: never to other numbers.
    #[test]
    fn run_together_reads_right_or_fails(k in prop_oneof![known(), known_2019()]) {
        let want = k.expected();
        let text = run_together(&k.lines());
        if let Ok(r) = read_text(&text) {
            let got = cells(&r.report);
            for (key, v) in &got {
                prop_assert_eq!(Some(v), want.get(key), "{}", text);
            }
            // 表三 and 表四 are complete whenever the report reads.
            prop_assert_eq!(got.keys().filter(|k| k.0 >= 10).count(), want.keys().filter(|k| k.0 >= 10).count());
        }
    }
}
proptest! {
    #![proptest_config(ProptestConfig { cases: 16, .. ProptestConfig::default() })]

    /// Numbers in order, labels elsewhere: read by position only when every identity holds.
    #[test]
    fn labels_out_of_order_read_by_position_or_not_at_all(k in known(), bump in 0usize..25) {
        let text = labels_moved(&k.lines());
        let r = read_text(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&cells(&r.report), &k.expected());
        prop_assert!(r.warnings().iter().any(|w| w.contains("out of order")));
        // One number off and an identity fails: no reading.
        let mut k2 = k.clone();
        let v = k2.requests[bump][0].unwrap_or(0);
        k2.requests[bump][0] = Some(v + 1);
        prop_assert!(read_text(&labels_moved(&k2.lines())).is_err());
    }
}

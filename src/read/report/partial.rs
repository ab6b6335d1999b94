//! A partial reading of a report the reader refuses: every cell it can read for certain, and
//! for the rest where it looked and what was printed there, so that a person can complete the
//! report by hand (`gov-db import --dry-run FILE --draft OUT.csv`) and nothing is lost.
//!
//! It is the table reader itself (`table::read_lines_partial`), told to go on (`Index::partial`):
//! a 表三 row whose cells cannot be read, or rows whose digits the identities cannot settle,
//! are left out and listed in `Tables::unread` with the row's own message; so are the rows of
//! a group whose subtotal line does not check (its numbers may be theirs); 表四 read wrong is
//! left out whole. Nothing is guessed: a row left out has no cell at all, and the identities
//! that would have settled an ambiguous row with it are not taken to hold. What the full
//! reading refuses for any other reason (no 表三 found, a row not where the template puts it)
//! fails the partial reading too, and the draft then leaves every cell to fill, with that
//! message. These are the helpers the reader calls to leave a row out.

use super::cells::{Reading, Slot};
use super::index::Index;
use super::subtotal::Subtotal;
use super::token::{Origin, Tok};
use super::vocab::{TableError, err};
use crate::contract::{RowDef, Section};

/// A row's failure with the place its label is printed, for a person to find it.
pub(super) fn located(mut e: TableError, at: Origin) -> TableError {
    e.message = crate::t!(
        "read-at",
        message = e.message.as_str(),
        at = crate::i18n::origin(&at.to_string())
    );
    e
}

/// The stand-in for a row left out: blank cells, so that the other rows' identities leave
/// its columns unchecked (a blank never makes an identity fail).
pub(super) fn blank_row(n: usize, at: Origin) -> Vec<Slot> {
    vec![
        Slot {
            text: None,
            origin: at,
        };
        n
    ]
}

/// The table's identities did not settle the rows whose digits read more than one way
/// (`settle`'s failure `e`, which names them all): each of them is left out, so that the
/// rest can be read.
pub(super) fn unsettled(
    e: TableError,
    toks: &[Tok],
    ix: &Index,
    anchors: &[(&'static RowDef, usize, usize)],
    readings: &mut [Reading],
    unread: &mut Vec<TableError>,
) {
    for (reading, (row, p, _)) in readings.iter_mut().zip(anchors) {
        if !matches!(reading, Reading::Many(_)) {
            continue;
        }
        let at = toks[ix.tok(*p)].origin;
        unread.push(located(
            err(Section::Requests, Some(row), e.message.clone()),
            at,
        ));
        *reading = Reading::One(blank_row(7, at));
    }
}

/// A subtotal line that does not check (`subtotal::check`'s failure `e`): its numbers may
/// be a row's, misplaced, so no row of the groups it may add up is read for certain; each is
/// left out with the line's message (a row left out already keeps its own).
pub(super) fn unchecked_subtotal(
    e: TableError,
    sub: &Subtotal,
    toks: &[Tok],
    ix: &Index,
    anchors: &[(&'static RowDef, usize, usize)],
    unread: &mut Vec<TableError>,
) {
    let defs: Vec<&'static RowDef> = anchors.iter().map(|a| a.0).collect();
    for i in sub.groups.iter().flat_map(|g| g.members(&defs)) {
        let (row, p, _) = anchors[i];
        if unread.iter().any(|u| u.row.is_some_and(|r| r.id == row.id)) {
            continue;
        }
        unread.push(located(
            err(Section::Requests, Some(row), e.message.clone()),
            toks[ix.tok(p)].origin,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Overrides, read_report_detailed, read_report_partial};
    use std::path::Path;

    #[test]
    fn a_refused_report_reads_in_part_and_nothing_is_guessed() {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let text = std::fs::read_to_string(fixtures.join("reports/jinjiang-2024.txt")).unwrap();
        // One 表三 row's digits run together past reading (`6 0 0 0 0 0 6`).
        let row = "4.保护第三方合法权益\t6\t0\t0\t0\t0\t0\t6";
        let bytes = text
            .replacen(row, "4.保护第三方合法权益\t60\t0\t0\t0\t06", 1)
            .into_bytes();
        let (path, none) = (Path::new("j.txt"), Overrides::default());
        assert!(read_report_detailed(path, &bytes, &none).is_err());
        let reading = read_report_partial(path, &bytes, &none).unwrap();
        let unread: Vec<String> = reading
            .tables
            .unread
            .iter()
            .map(|e| e.to_string())
            .collect();
        assert_eq!(
            unread,
            [
                "表三, row “保护第三方合法权益” (withheld_third_party): expected 7 cells, found 5; printed: 60 0 0 0 06 (line 98)"
            ]
        );
        // Every cell read is the ground truth's; the row left out has no cell at all.
        let mut problems = crate::read::Problems::default();
        let mut truth = Vec::new();
        crate::read::csv::read_file(
            &fixtures.join("expected/jinjiang-2024.csv"),
            &mut problems,
            &mut |r| {
                truth.push(r);
                Ok(())
            },
        )
        .unwrap();
        let truth = truth.pop().unwrap();
        assert_eq!(reading.report.cells.len(), truth.cells.len() - 7);
        for c in &reading.report.cells {
            let t = truth
                .cells
                .iter()
                .find(|t| (t.row, t.col) == (c.row, c.col));
            assert_eq!(Some(&c.value), t.map(|t| &t.value), "{c:?}");
            assert_ne!(c.row, 17, "withheld_third_party is not read");
        }
        // A report that reads is read whole, as the full reading reads it.
        let whole = text.into_bytes();
        let reading = read_report_partial(path, &whole, &none).unwrap();
        assert!(reading.tables.unread.is_empty());
        assert_eq!(
            reading.report,
            read_report_detailed(path, &whole, &none).unwrap().report
        );
    }

    #[test]
    fn a_subtotal_line_that_does_not_check_leaves_its_group_unread() {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let text = std::fs::read_to_string(fixtures.join("reports/jinjiang-2024.txt")).unwrap();
        // A stray digit makes `(五) 不予处理 1` a subtotal line whose one number adds up nothing.
        let bytes = text
            .replacen("1.信访举报投诉类申请", "11.信访举报投诉类申请", 1)
            .into_bytes();
        let (path, none) = (Path::new("j.txt"), Overrides::default());
        let e = read_report_detailed(path, &bytes, &none).unwrap_err();
        assert!(e.message.contains("subtotal line “(五) 不予处理”"), "{e}");
        // Its numbers may be a row's: no row of its group is read for certain.
        let reading = read_report_partial(path, &bytes, &none).unwrap();
        let unread: Vec<&str> = reading
            .tables
            .unread
            .iter()
            .map(|e| e.row.unwrap().code)
            .collect();
        assert_eq!(
            unread,
            [
                "rejected_petition",
                "rejected_duplicate",
                "rejected_publication",
                "rejected_excessive",
                "rejected_confirmation"
            ]
        );
        assert!(reading.tables.unread[0].message.contains("(line 106)"));
        assert_eq!(reading.report.cells.len(), 200 - 5 * 7);
    }
}

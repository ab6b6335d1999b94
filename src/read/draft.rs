//! Drafts: a way in for the reports the reader refuses. A draft is the canonical CSV of what
//! could be read of a published report, with every cell of its template in the contract's
//! order, so that none is forgotten: a cell that could not be read is empty, and its `note`
//! says why, where and what was printed there. A person fills those in and imports the draft
//! with `--source` naming the report; [`complete`] then tells the cells the reader read (they
//! keep the place they were read) from those completed by hand.

use super::csv::NOT_READ;
use super::report::{self, Overrides, Reading};
use crate::contract::{self, ColDef, RowDef};
use crate::model::{Cell, Report};
use std::collections::HashMap;
use std::path::Path;

/// A draft's header: the canonical CSV's columns, then two that import accepts: the template
/// (so that a draft with few cells read still says which), and the note.
pub const DRAFT_HEADER: [&str; 8] = [
    "agency", "year", "section", "row", "column", "value", "template", "note",
];

/// What a draft holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DraftSummary {
    /// Cells of the draft: the template's, and any other the report printed.
    pub cells: usize,
    /// Of which left to fill.
    pub to_fill: usize,
}

/// Writes the draft of a (partial) reading: every cell of its template and every cell read,
/// in the contract's order; a cell not read is empty, its note [`NOT_READ`] and why.
pub fn write_draft(reading: &Reading, out: impl std::io::Write) -> csv::Result<DraftSummary> {
    let r = &reading.report;
    let read: HashMap<(u8, u8), &Cell> = r.cells.iter().map(|c| ((c.row, c.col), c)).collect();
    let mut cells: Vec<(&RowDef, &ColDef)> = contract::template_cells(r.template);
    // A cell read beyond the template's (a 2021 report that printed （六） as one line).
    for c in &r.cells {
        if !cells
            .iter()
            .any(|(rd, cd)| rd.id == c.row && cd.id == c.col)
            && let (Some(rd), Some(cd)) = (contract::row_by_id(c.row), contract::col_by_id(c.col))
        {
            cells.push((rd, cd));
        }
    }
    // Row and column ids follow the contract's order (section, row, column).
    cells.sort_by_key(|(rd, cd)| (rd.id, cd.id));
    let (year, template) = (r.year.to_string(), r.template.year().to_string());
    let mut w = csv::Writer::from_writer(out);
    w.write_record(DRAFT_HEADER)?;
    let mut to_fill = 0;
    for (rd, cd) in &cells {
        let (value, note) = match read.get(&(rd.id, cd.id)) {
            Some(c) => (c.value.to_string(), String::new()),
            None => {
                to_fill += 1;
                (
                    String::new(),
                    format!("{NOT_READ}{}", why_unread(reading, rd)),
                )
            }
        };
        w.write_record([
            r.agency.as_str(),
            &year,
            rd.section.code(),
            rd.code,
            cd.code,
            &value,
            &template,
            &note,
        ])?;
    }
    w.flush()?;
    Ok(DraftSummary {
        cells: cells.len(),
        to_fill,
    })
}

/// Why a cell of `row` was not read: the row's own failure, its table's, a warning about
/// either (表二's rows left out, a table not found), or why no table was read.
fn why_unread(reading: &Reading, row: &RowDef) -> String {
    let t = &reading.tables;
    let table = row.section.table_number();
    let failed = t
        .unread
        .iter()
        .find(|e| e.row.is_some_and(|r| r.id == row.id))
        .or_else(|| {
            t.unread
                .iter()
                .find(|e| e.row.is_none() && e.section == row.section)
        });
    if let Some(e) = failed {
        return e.to_string();
    }
    let label = format!("“{}”", row.label_zh);
    let warned = t
        .warnings
        .iter()
        .find(|w| w.starts_with(table) && w.contains(&label))
        .or_else(|| {
            t.warnings.iter().find(|w| {
                w.starts_with(&format!("{table} left out"))
                    || w.starts_with(&format!("{table} not found"))
            })
        });
    if let Some(w) = warned {
        return w.clone();
    }
    if t.requests.is_empty()
        && let Some(e) = t.unread.first()
    {
        return format!("the tables were not read: {e}");
    }
    format!(
        "{table}, row {label} ({}): not printed where the reader looked",
        row.code
    )
}

/// The origin of a cell that a person completed by hand, from the draft of `source`.
pub fn by_hand(source: &Path) -> String {
    format!("completed by hand (draft of {})", source.display())
}

/// Marks a report read from a completed draft of `source` (the published report, as `bytes`)
/// with where each cell came from: a cell the reader reads in `source` with the same value
/// keeps the place it was read (`line 98`); any other, empty in the draft or changed in it,
/// was completed by hand ([`by_hand`]). The report's source becomes `source`. Returns the
/// counts quoted in the report's text, for the checks, as an import of `source` stores them.
pub fn complete(report: &mut Report, source: &Path, bytes: &[u8]) -> Vec<crate::check::Claim> {
    // The draft's agency and year: the title of a report refused may not name them.
    let overrides = Overrides {
        agency: Some(report.agency.clone()),
        year: Some(report.year),
        ..Overrides::default()
    };
    let reading = report::read_report_partial(source, bytes, &overrides).ok();
    let read: HashMap<(u8, u8), &Cell> = reading
        .iter()
        .flat_map(|r| &r.report.cells)
        .map(|c| ((c.row, c.col), c))
        .collect();
    let hand = by_hand(source);
    for c in &mut report.cells {
        c.origin = match read.get(&(c.row, c.col)) {
            Some(x) if x.value == c.value && x.origin.is_some() => x.origin.clone(),
            _ => Some(hand.clone()),
        };
    }
    report.source = Some(source.display().to_string());
    reading.map(|r| r.claims).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Value;

    fn fixture(path: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(path)
    }

    /// 晋江 2024 with one 表三 row's digits run together past reading (`6 0 0 0 0 0 6`).
    fn scrambled() -> Vec<u8> {
        let text = std::fs::read_to_string(fixture("reports/jinjiang-2024.txt")).unwrap();
        let row = "4.保护第三方合法权益\t6\t0\t0\t0\t0\t0\t6";
        assert!(text.contains(row));
        text.replacen(row, "4.保护第三方合法权益\t60\t0\t0\t0\t06", 1)
            .into_bytes()
    }

    fn truth() -> Report {
        let mut problems = super::super::Problems::default();
        let mut out = Vec::new();
        super::super::csv::read_file(
            &fixture("expected/jinjiang-2024.csv"),
            &mut problems,
            &mut |r| {
                out.push(r);
                Ok(())
            },
        )
        .unwrap();
        out.pop().unwrap()
    }

    fn partial(bytes: &[u8]) -> Reading {
        report::read_report_partial(Path::new("j.txt"), bytes, &Overrides::default()).unwrap()
    }

    #[test]
    fn a_draft_lists_every_cell_of_the_template_in_the_contracts_order() {
        let reading = partial(&scrambled());
        let mut out = Vec::new();
        let summary = write_draft(&reading, &mut out).unwrap();
        assert_eq!(
            summary,
            DraftSummary {
                cells: 200,
                to_fill: 7
            }
        );
        let text = String::from_utf8(out).unwrap();
        let mut lines = text.lines();
        assert_eq!(
            lines.next(),
            Some("agency,year,section,row,column,value,template,note")
        );
        let truth = std::fs::read_to_string(fixture("expected/jinjiang-2024.csv")).unwrap();
        for (draft, truth) in lines.zip(truth.lines().skip(1)) {
            let d: Vec<&str> = draft.splitn(8, ',').collect();
            let t: Vec<&str> = truth.split(',').collect();
            assert_eq!(d[..5], t[..5], "{draft}");
            assert_eq!(d[6], "2021");
            if d[3] == "withheld_third_party" {
                assert_eq!(d[5], "");
                assert!(
                    d[7].starts_with("\"not read: 表三, row “保护第三方合法权益”"),
                    "{draft}"
                );
                assert!(d[7].contains("printed: 60 0 0 0 06 (line 98)"), "{draft}");
            } else {
                assert_eq!((d[5], d[7]), (t[5], ""), "{draft}");
            }
        }
    }

    #[test]
    fn a_report_without_its_tables_drafts_every_cell_to_fill() {
        let text = "晋江市人民政府 2024 年 政府信息公开工作年度报告\n本报告统计期限自2024年1月1日至12月31日。\n";
        let reading = partial(text.as_bytes());
        let mut out = Vec::new();
        let summary = write_draft(&reading, &mut out).unwrap();
        assert_eq!(
            summary,
            DraftSummary {
                cells: 200,
                to_fill: 200
            }
        );
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains(
            "晋江市人民政府,2024,requests,received_new,total,,2021,not read: 表三: no table 三 found"
        ), "{text}");
        assert!(text.contains(
            "晋江市人民政府,2024,proactive,rules,issued,,2021,not read: the tables were not read: 表三: no table 三 found"
        ), "{text}");
    }

    #[test]
    fn a_completed_cell_is_by_hand_and_a_read_one_keeps_its_place() {
        let bytes = scrambled();
        let mut report = truth();
        // A person also changed a number the reader read: that one is theirs too.
        let granted = report
            .cells
            .iter_mut()
            .find(|c| (c.row, c.col) == (12, 1))
            .unwrap();
        granted.value = Value::Int(92);
        let source = Path::new("reports/j.txt");
        complete(&mut report, source, &bytes);
        assert_eq!(report.source.as_deref(), Some("reports/j.txt"));
        let origin = |row: u8, col: u8| {
            let c = report
                .cells
                .iter()
                .find(|c| (c.row, c.col) == (row, col))
                .unwrap();
            c.origin.clone().unwrap()
        };
        let hand = "completed by hand (draft of reports/j.txt)";
        // withheld_third_party (17) was not read; granted (12) 自然人 was changed.
        for col in 1..=7 {
            assert_eq!(origin(17, col), hand);
        }
        assert_eq!(origin(12, 1), hand);
        assert_eq!(origin(12, 2), "line 93");
        assert_eq!(origin(10, 1), "line 91");
        let by_hand = report
            .cells
            .iter()
            .filter(|c| c.origin.as_deref() == Some(hand))
            .count();
        assert_eq!(by_hand, 8);
    }
}

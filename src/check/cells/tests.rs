//! The hint for a single wrong cell, tried on every count cell of the real reports' tables,
//! and the cells a finding is about.

use super::*;
use crate::check::check_report;
use crate::check::tests::fixture;
use crate::model::Value;

fn with(report: &Report, (r, c): (u8, u8), v: i64) -> Report {
    let mut out = report.clone();
    let cell = out
        .cells
        .iter_mut()
        .find(|x| x.row == r && x.col == c)
        .unwrap();
    cell.value = Value::Int(v);
    out
}

/// Every count cell of every table changed alone, up and down: each hint names that cell and
/// the value it had; in 表三, whose cells are terms of a row's and a column's identity, there
/// is one on every error the change made (where blank cells leave a rule open there may be
/// none); in 表二 and 表四 (no column identities) there is none.
#[test]
fn a_single_changed_cell_is_hinted_at_with_its_value() {
    for name in ["jinjiang-2024", "huaian-2024", "pingtan-2019"] {
        let truth = fixture(name);
        assert!(hints(&truth).is_empty(), "{name} as published adds up");
        let mut hinted = 0;
        for cell in &truth.cells {
            let Value::Int(v) = cell.value else { continue };
            for changed in [v + 3, v.saturating_sub(1)] {
                if changed == v || changed < 0 {
                    continue;
                }
                let draft = with(&truth, (cell.row, cell.col), changed);
                let found = hints(&draft);
                let place = format!("{name} cell {}/{} {v}→{changed}", cell.row, cell.col);
                for h in &found {
                    assert_eq!(h.cell, (cell.row, cell.col), "{place}: {h:?}");
                    assert_eq!((h.printed, h.would_be), (changed, v), "{place}");
                    assert!(h.text.contains(&format!("were {v} (printed: {changed})")));
                }
                let errors: Vec<_> = check_report(&draft)
                    .into_iter()
                    .filter(|f| f.severity == crate::check::Severity::Error)
                    .collect();
                let in_requests = (10..=35).contains(&cell.row);
                if in_requests && name == "jinjiang-2024" {
                    // No blank cells: the change breaks its row and its column, each hinted.
                    assert!(errors.len() >= 2, "{place}: {errors:?}");
                    for e in &errors {
                        assert!(
                            found.iter().any(|h| h.rule == e.rule
                                && h.row == e.row
                                && h.column == e.column),
                            "{place}: no hint on {e:?}"
                        );
                    }
                }
                if !in_requests {
                    assert!(found.is_empty(), "{place}: {found:?}");
                }
                hinted += found.len();
            }
        }
        assert!(hinted > 0, "{name}: no hint at all");
    }
}

/// Two cells changed by the same amount in different rows and columns: four cells could each
/// explain a row and a column, so no finding gets a hint naming a cell that was not changed.
#[test]
fn no_hint_where_two_cells_could_explain_a_finding() {
    let truth = fixture("jinjiang-2024");
    let v = |r: u8, c: u8| match truth
        .cells
        .iter()
        .find(|x| x.row == r && x.col == c)
        .unwrap()
        .value
    {
        Value::Int(v) => v,
        _ => panic!("a count"),
    };
    // （一）予以公开 自然人 and （二）部分公开 商业企业, both up by 2.
    let draft = with(&truth, (12, 1), v(12, 1) + 2);
    let draft = with(&draft, (13, 2), v(13, 2) + 2);
    for h in hints(&draft) {
        assert!([(12, 1), (13, 2)].contains(&h.cell), "{h:?}");
    }
}

/// The cells of a finding: every term of its identity, or the cells compared across years.
#[test]
fn a_finding_names_the_cells_of_its_identity() {
    let truth = fixture("jinjiang-2024");
    let row_total = finding_cells(
        &truth,
        "row-total",
        Some("requests"),
        Some("granted"),
        Some("total"),
    );
    assert_eq!(
        row_total.this_year,
        (1..=7).map(|c| (12, c)).collect::<Vec<_>>()
    );
    let intake = finding_cells(
        &truth,
        "intake-equals-outcome",
        Some("requests"),
        None,
        Some("natural_person"),
    );
    assert_eq!(intake.this_year, vec![(10, 1), (11, 1), (34, 1), (35, 1)]);
    let carry = finding_cells(
        &truth,
        "carry-over",
        Some("requests"),
        Some("carried_in"),
        Some("total"),
    );
    assert_eq!(
        (carry.this_year, carry.last_year),
        (vec![(11, 7)], vec![(35, 7)])
    );
    assert_eq!(
        finding_cells(&truth, "template-year", None, None, None),
        FindingCells::default()
    );
    assert_eq!(
        labels(
            Template::T2021,
            Some("requests"),
            Some("granted"),
            Some("natural_person")
        ),
        ["表三", "三、本年度办理结果（一）予以公开", "自然人"]
    );
}

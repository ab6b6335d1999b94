//! What `gov-db check FILE…` adds to a finding for the office that is about to publish the
//! report: the cells a finding is about (so that it can say where each was read), the labels
//! of its table, row and column as printed, and, where a single wrong cell would explain both
//! a row and a column that do not add up, the value that cell would need: a hint to look at
//! the source again, never a correction (the other cells may be the wrong ones).

use super::rules::{self, Identity, Term, col_label, row_label, table_label};
use super::{Grid, Sides, Slot, place, report_identities};
use crate::contract::{self, Section, Template};
use crate::model::Report;

/// The cells a finding is about: this year's report's, and for a cross-year rule last
/// year's, each as (row id, column id).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FindingCells {
    pub this_year: Vec<(u8, u8)>,
    pub last_year: Vec<(u8, u8)>,
}

/// The cells of a finding of `rule` about `section`/`row`/`column` (the contract's codes, as
/// the finding names them) in `report`: every term of the identity it is about, the cells
/// compared across the years, or the one cell it names. Empty for a finding about the whole
/// report, or one about several places at once.
pub fn finding_cells(
    report: &Report,
    rule: &str,
    section: Option<&str>,
    row: Option<&str>,
    column: Option<&str>,
) -> FindingCells {
    let section = section.and_then(section_by_code);
    let row_id = section.zip(row).and_then(|(s, r)| row_id(s, r));
    let col_id = section.zip(column).and_then(|(s, c)| col_id(s, c));
    let this = |cells: Vec<Term>| FindingCells {
        this_year: cells,
        last_year: Vec::new(),
    };
    match rule {
        "carry-over" => match col_id {
            Some(c) => FindingCells {
                this_year: vec![(rules::CARRIED_IN, c)],
                last_year: vec![(rules::CARRIED_OUT, c)],
            },
            None => FindingCells::default(),
        },
        "in-force" => match row_id {
            Some(r) => FindingCells {
                this_year: vec![
                    (r, rules::ISSUED),
                    (r, rules::REPEALED),
                    (r, rules::IN_FORCE),
                ],
                last_year: vec![(r, rules::IN_FORCE)],
            },
            None => FindingCells::default(),
        },
        "yoy-jump" => {
            let total = vec![(rules::RECEIVED_NEW, rules::REQUEST_TOTAL)];
            FindingCells {
                this_year: total.clone(),
                last_year: total,
            }
        }
        "appeals-without-requests" => this(vec![
            (rules::RECEIVED_NEW, rules::REQUEST_TOTAL),
            (rules::CARRIED_IN, rules::REQUEST_TOTAL),
            (rules::APPEAL_ROWS[0], rules::APPEAL_TOTAL),
            (rules::APPEAL_ROWS[1], rules::APPEAL_TOTAL),
            (rules::APPEAL_ROWS[2], rules::APPEAL_TOTAL),
        ]),
        _ => {
            let grid = Grid::new(report);
            let identity = report_identities(&grid)
                .iter()
                .find(|id| id.rule == rule && id.row == row_id && id.col == col_id);
            match (identity, row_id, col_id) {
                (Some(id), _, _) => this(id.left.iter().chain(&id.right).copied().collect()),
                (None, Some(r), Some(c)) => this(vec![(r, c)]),
                _ => FindingCells::default(),
            }
        }
    }
}

/// The table, row and column of a finding as the template prints them (表三, （一）予以公开,
/// 自然人); empty where the finding names none.
pub fn labels(
    template: Template,
    section: Option<&str>,
    row: Option<&str>,
    column: Option<&str>,
) -> [&'static str; 3] {
    let Some(section) = section.and_then(section_by_code) else {
        return ["", "", ""];
    };
    [
        table_label(section),
        row.and_then(|r| row_id(section, r))
            .map_or("", |r| row_label(r, template)),
        column
            .and_then(|c| col_id(section, c))
            .map_or("", col_label),
    ]
}

/// A value for one cell that would make the identities of its row and its column hold, said
/// on each of the findings it would answer (`rule`, `row`, `column` as the finding names
/// them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hint {
    pub rule: &'static str,
    pub row: Option<&'static str>,
    pub column: Option<&'static str>,
    /// The cell (row id, column id), as printed and as it would need to be.
    pub cell: (u8, u8),
    pub printed: i64,
    pub would_be: i64,
    pub text: String,
}

/// The hints for a report's own findings. A cell is hinted at when it is a term of an
/// identity of its row and of one of its column that both fail, and one value of it makes
/// every failing identity it is a term of hold while none that held or was open fails. A
/// failing identity that two such cells could each explain gets no hint: which one is wrong
/// is not determined.
pub fn hints(report: &Report) -> Vec<Hint> {
    let mut grid = Grid::new(report);
    let identities = report_identities(&grid);
    let failing: Vec<&Identity> = identities
        .iter()
        .filter(|id| Sides::of(&grid, id).fails(id))
        .collect();
    let terms = |id: &Identity| -> Vec<Term> { id.left.iter().chain(&id.right).copied().collect() };
    let is_row = |id: &Identity| terms(id).iter().all(|t| t.0 == id.left[0].0);
    let mut candidates: Vec<Term> = Vec::new();
    for row_id in failing.iter().filter(|id| is_row(id)) {
        for t in terms(row_id) {
            let in_failing_column = failing
                .iter()
                .any(|id| !is_row(id) && terms(id).contains(&t));
            if in_failing_column && !candidates.contains(&t) {
                candidates.push(t);
            }
        }
    }
    // (cell, printed, would be, the failing identities it answers)
    let mut found: Vec<(Term, i64, i64, Vec<usize>)> = Vec::new();
    for t in candidates {
        let Slot::Int(printed) = grid.get(t) else {
            continue;
        };
        let answers: Vec<usize> = (0..failing.len())
            .filter(|&i| terms(failing[i]).contains(&t))
            .collect();
        let first = failing[answers[0]];
        let sides = Sides::of(&grid, first);
        let would_be = if first.left.contains(&t) {
            printed.saturating_add(sides.right - sides.left)
        } else {
            printed.saturating_add(sides.left - sides.right)
        };
        if would_be < 0 || would_be == printed {
            continue;
        }
        let before: Vec<(&Identity, bool)> = identities
            .iter()
            .filter(|id| terms(id).contains(&t))
            .map(|id| (id, Sides::of(&grid, id).fails(id)))
            .collect();
        grid.set(t, would_be);
        let fits = before.iter().all(|(id, failed)| {
            let now = Sides::of(&grid, id);
            if *failed {
                now.holds(id)
            } else {
                !now.fails(id)
            }
        });
        grid.set(t, printed);
        if fits {
            found.push((t, printed, would_be, answers));
        }
    }
    let mut out = Vec::new();
    for (t, printed, would_be, answers) in &found {
        for &i in answers {
            if found.iter().filter(|f| f.3.contains(&i)).count() > 1 {
                continue;
            }
            let id = failing[i];
            out.push(Hint {
                rule: id.rule,
                row: id.row.and_then(contract::row_by_id).map(|r| r.code),
                column: id.col.and_then(contract::col_by_id).map(|c| c.code),
                cell: *t,
                printed: *printed,
                would_be: *would_be,
                text: crate::t!(in super::text_lang(), "check-hint",
                    place = place(&grid, id.section, Some(t.0), Some(t.1)),
                    would_be = *would_be,
                    printed = *printed
                ),
            });
        }
    }
    out
}

fn section_by_code(code: &str) -> Option<Section> {
    Section::ALL.into_iter().find(|s| s.code() == code)
}

fn row_id(section: Section, code: &str) -> Option<u8> {
    contract::row(section, code).map(|r| r.id)
}

fn col_id(section: Section, code: &str) -> Option<u8> {
    contract::col(section, code).map(|c| c.id)
}

#[cfg(test)]
mod tests;

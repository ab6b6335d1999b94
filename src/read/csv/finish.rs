//! A report's lines, once all read, into a [`Report`]: one value per cell (a cell given twice
//! must agree), its template (given, or told by its cells), and every cell in that template.

use super::Open;
use crate::contract::{self, Template};
use crate::model::{Cell, Report};
use crate::read::{Problem, Problems, quote};
use std::path::Path;

/// Turns a report's lines into a [`Report`]: one value per cell, a template, every cell in it.
pub(super) fn finish(mut o: Open, path: &Path, problems: &mut Problems) -> Option<Report> {
    if o.broken {
        return None;
    }
    o.cells.sort_by_key(|c| (c.0, c.1, c.3));
    let mut cells: Vec<Cell> = Vec::with_capacity(o.cells.len());
    let mut lines: Vec<u64> = Vec::with_capacity(o.cells.len());
    let mut ok = true;
    for (r, c, v, line) in o.cells {
        if let Some(prev) = cells.last()
            && prev.row == r
            && prev.col == c
        {
            if prev.value != v {
                let rd = contract::row_by_id(r).expect("valid id");
                let cd = contract::col_by_id(c).expect("valid id");
                problems.push(Problem::new(
                    path,
                    Some(line),
                    Some("value"),
                    format!(
                        "cell {}/{}/{} is given twice with different values: {} on line {} and {} here",
                        rd.section, rd.code, cd.code, quote(&prev.value.to_string()), lines.last().unwrap(), quote(&v.to_string())
                    ),
                ));
                ok = false;
            }
            continue;
        }
        cells.push(Cell {
            row: r,
            col: c,
            value: v,
            origin: None,
        });
        lines.push(line);
    }
    let template = match o.template {
        Some((t, _)) => t,
        None => match infer_template(&cells) {
            Ok(Some(t)) => t,
            Ok(None) => Template::expected_for_year(o.year),
            Err(msg) => {
                problems.push(Problem::new(
                    path,
                    Some(o.first_line),
                    None,
                    format!("{} {}: {msg}", o.agency, o.year),
                ));
                return None;
            }
        },
    };
    for (cell, line) in cells.iter().zip(&lines) {
        let rd = contract::row_by_id(cell.row).expect("valid id");
        let cd = contract::col_by_id(cell.col).expect("valid id");
        if !contract::cell_in_template(rd, cd, template) {
            problems.push(Problem::new(
                path,
                Some(*line),
                Some("row"),
                format!(
                    "{}/{} is not a cell of the {template} template",
                    rd.code, cd.code
                ),
            ));
            ok = false;
        }
    }
    if !ok {
        return None;
    }
    Some(Report {
        agency: o.agency,
        year: o.year,
        template,
        region_code: o.region_code,
        source: o.source.or_else(|| Some(path.display().to_string())),
        format: "csv".into(),
        cells,
    })
}

/// The template a report's cells belong to, when they tell: the 2021 template's （六） rows
/// and 表二 columns, or the 2019 template's.
pub fn infer_template(cells: &[Cell]) -> Result<Option<Template>, String> {
    let mut only_2019 = None;
    let mut only_2021 = None;
    for c in cells {
        let rd = contract::row_by_id(c.row).expect("valid id");
        let cd = contract::col_by_id(c.col).expect("valid id");
        let in19 = contract::cell_in_template(rd, cd, Template::T2019);
        let in21 = contract::cell_in_template(rd, cd, Template::T2021);
        if in19 && !in21 && rd.code != "other_processing" {
            only_2019.get_or_insert((rd.code, cd.code));
        }
        if in21 && !in19 {
            only_2021.get_or_insert((rd.code, cd.code));
        }
    }
    match (only_2019, only_2021) {
        (Some(a), Some(b)) => Err(format!(
            "mixes the 2019 template ({}/{}) and the 2021 template ({}/{})",
            a.0, a.1, b.0, b.1
        )),
        (Some(_), None) => Ok(Some(Template::T2019)),
        (None, Some(_)) => Ok(Some(Template::T2021)),
        (None, None) => Ok(None),
    }
}

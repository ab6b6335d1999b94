//! What `gov-db check FILE…` reads back from the database in memory it read the drafts into:
//! which reports it holds, and each one's cells with the place each was read (as `gov-db show`
//! gives them), so that a finding can say where its numbers were read.

use super::findings::{bare_report, cell};
use super::{Result, Store};
use crate::model::{Cell, Report};
use rusqlite::OptionalExtension;

/// A stored report with its cells and where each was read.
#[derive(Clone, Debug)]
pub struct StoredReport {
    pub id: i64,
    /// The agency identity's canonical name (`gov-db check`'s `agency`).
    pub agency: String,
    /// The report as stored: the name printed in it, its year, template and cells (every cell
    /// of its form, a cell it did not state as 0, as the rules see it), each cell with its
    /// place.
    pub report: Report,
}

/// A report's agency, year, template, shape, printed name and source.
type Facts = (String, i64, i64, i64, Option<String>, Option<String>);

impl Store {
    /// The reports the database holds: id, the agency identity's canonical name and year.
    pub fn report_index(&self) -> Result<Vec<(i64, String, i64)>> {
        let mut stmt = self.conn.prepare(
            "SELECT r.id, a.name, r.year FROM report r JOIN agency a ON a.id = r.agency_id
             ORDER BY r.id",
        )?;
        let index = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<Vec<(i64, String, i64)>>>()?;
        Ok(index)
    }

    /// The report stored as `id`, None when there is none.
    pub fn stored_report(&self, id: i64) -> Result<Option<StoredReport>> {
        let found: Option<Facts> = self
            .conn
            .query_row(
                "SELECT a.name, r.year, r.template, r.shape_id, n.name, r.source
                 FROM report r JOIN agency a ON a.id = r.agency_id
                 LEFT JOIN report_name n ON n.report_id = r.id
                 WHERE r.id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                    ))
                },
            )
            .optional()?;
        let Some((agency, year, template, shape, name, source)) = found else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare(
            "SELECT sc.row_id, sc.col_id, f.report_id IS NOT NULL, f.value, o.origin
             FROM shape_cell sc
             LEFT JOIN fact f ON f.report_id = ?1 AND f.row_id = sc.row_id AND f.col_id = sc.col_id
             LEFT JOIN fact_origin o
                    ON o.report_id = ?1 AND o.row_id = sc.row_id AND o.col_id = sc.col_id
             WHERE sc.shape_id = ?2
             ORDER BY sc.row_id, sc.col_id",
        )?;
        let cells = stmt
            .query_map([id, shape], |r| {
                let c = cell(r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
                Ok(Cell {
                    origin: r.get(4)?,
                    ..c
                })
            })?
            .collect::<rusqlite::Result<Vec<Cell>>>()?;
        let mut report = bare_report(year, template, cells);
        report.agency = name.unwrap_or_default();
        report.source = source;
        Ok(Some(StoredReport { id, agency, report }))
    }
}

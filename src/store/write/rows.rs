//! How a report becomes rows: its cells in `fact` (counts, sparse, in multi-row INSERTs),
//! `fact_money` and `fact_origin`, its totals in `report_summary`, its outcomes per applicant
//! column in `report_outcome`, its set of stated cells as a shared `shape`.

use super::{Importer, Prepared, Result};
use crate::contract::{self, Kind};
use crate::model::{Cell, Report, Value};
use rusqlite::params;

impl Importer<'_> {
    /// Every stated cell of a report in the database, as it stands (corrections applied).
    pub(super) fn stored_cells(&self, id: i64) -> Result<Vec<Cell>> {
        Ok(crate::store::history::current_cells(&self.tx, id, false)?)
    }

    pub(super) fn write_cells(&mut self, report_id: i64, report: &Report) -> rusqlite::Result<()> {
        // Counts go to `fact` in multi-row INSERTs: most of the cost of a row is the
        // statement's, not the B-tree's.
        let mut facts: Vec<(u8, u8, Option<i64>)> = Vec::with_capacity(report.cells.len());
        let mut money = self.tx.prepare_cached(
            "INSERT INTO fact_money (report_id, row_id, col_id, value) VALUES (?1, ?2, ?3, ?4)",
        )?;
        let mut origin = self.tx.prepare_cached(
            "INSERT INTO fact_origin (report_id, row_id, col_id, origin) VALUES (?1, ?2, ?3, ?4)",
        )?;
        let mut odd = Vec::new();
        for c in &report.cells {
            let is_money = contract::col_by_id(c.col).is_some_and(|d| d.kind == Kind::Money);
            match (&c.value, is_money) {
                (Value::Int(0), false) => {}
                (Value::Int(v), false) => facts.push((c.row, c.col, Some(*v))),
                (Value::Blank, false) => facts.push((c.row, c.col, None)),
                (Value::Blank, true) => {
                    money.execute(params![report_id, c.row, c.col, None::<String>])?;
                }
                (v, true) => {
                    money.execute(params![report_id, c.row, c.col, v.to_string()])?;
                }
                // The readers never produce this; store what was read rather than lose it.
                (Value::Money(s), false) => odd.push((c.row, c.col, s)),
            }
            if let Some(o) = &c.origin {
                origin.execute(params![report_id, c.row, c.col, o])?;
            }
        }
        let mut rest = facts.as_slice();
        while !rest.is_empty() {
            let n = FACT_BATCHES
                .iter()
                .copied()
                .find(|n| *n <= rest.len())
                .expect("batches end with 1");
            let (batch, tail) = rest.split_at(n);
            let mut stmt = self.tx.prepare_cached(fact_insert_sql(n))?;
            for (i, (row, col, value)) in batch.iter().enumerate() {
                stmt.raw_bind_parameter(4 * i + 1, report_id)?;
                stmt.raw_bind_parameter(4 * i + 2, row)?;
                stmt.raw_bind_parameter(4 * i + 3, col)?;
                stmt.raw_bind_parameter(4 * i + 4, value)?;
            }
            stmt.raw_execute()?;
            rest = tail;
        }
        for (row, col, s) in odd {
            self.tx
                .prepare_cached(
                    "INSERT INTO fact (report_id, row_id, col_id, value) VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![report_id, row, col, s])?;
        }
        Ok(())
    }

    pub(super) fn write_summary(
        &mut self,
        report_id: i64,
        prepared: &Prepared,
    ) -> rusqlite::Result<()> {
        let s = &prepared.summary;
        self.tx
            .prepare_cached(
                "INSERT INTO report_summary (report_id, received_new, carried_in,
                     total_processed, carried_out, granted, partly_granted, withheld,
                     unavailable, not_processed, other_processed, review_upheld,
                     review_corrected, review_other, review_pending, review_total,
                     litigation_upheld, litigation_corrected, litigation_other,
                     litigation_pending, litigation_total, year)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
                         ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
            )?
            .execute(rusqlite::params_from_iter(
                std::iter::once(Some(report_id))
                    .chain(s.iter().copied())
                    .chain(std::iter::once(Some(prepared.report.year))),
            ))?;
        Ok(())
    }

    /// 表三's outcomes per applicant column (migrations/V14), in one INSERT of as many rows
    /// as the report has columns (seven for a whole table).
    pub(super) fn write_outcomes(
        &mut self,
        report_id: i64,
        prepared: &Prepared,
    ) -> rusqlite::Result<()> {
        let rows = &prepared.outcomes;
        if rows.is_empty() {
            return Ok(());
        }
        let mut stmt = self.tx.prepare_cached(outcome_insert_sql(rows.len()))?;
        let mut i = 0;
        for (col, sums) in rows {
            for v in std::iter::once(Some(report_id))
                .chain(std::iter::once(Some(i64::from(*col))))
                .chain(sums.iter().copied())
            {
                i += 1;
                stmt.raw_bind_parameter(i, v)?;
            }
        }
        stmt.raw_execute()?;
        Ok(())
    }

    pub(super) fn shape_id(&mut self, report: &Report) -> rusqlite::Result<i64> {
        let cells: Vec<(u8, u8)> = report.cells.iter().map(|c| (c.row, c.col)).collect();
        if let Some(id) = self.shapes.get(&cells) {
            return Ok(*id);
        }
        let digest: String = cells.iter().map(|(r, c)| format!("{r}.{c};")).collect();
        let found: Option<i64> = self
            .tx
            .prepare_cached("SELECT id FROM shape WHERE digest = ?1")?
            .query_row([&digest], |r| r.get(0))
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })?;
        let id = match found {
            Some(id) => id,
            None => {
                self.tx
                    .prepare_cached("INSERT INTO shape (digest, cells) VALUES (?1, ?2)")?
                    .execute(params![digest, cells.len() as i64])?;
                let id = self.tx.last_insert_rowid();
                let mut stmt = self.tx.prepare_cached(
                    "INSERT INTO shape_cell (shape_id, row_id, col_id) VALUES (?1, ?2, ?3)",
                )?;
                for (r, c) in &cells {
                    stmt.execute(params![id, r, c])?;
                }
                id
            }
        };
        self.shapes.insert(cells, id);
        Ok(id)
    }
}

/// Sizes of the multi-row INSERTs into `fact`, largest first; a report's counts go in as few
/// statements as these make up.
const FACT_BATCHES: [usize; 7] = [64, 32, 16, 8, 4, 2, 1];

fn fact_insert_sql(n: usize) -> &'static str {
    static SQL: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let all = SQL.get_or_init(|| {
        FACT_BATCHES
            .iter()
            .map(|n| {
                let mut sql =
                    String::from("INSERT INTO fact (report_id, row_id, col_id, value) VALUES ");
                for i in 0..*n {
                    sql.push_str(if i == 0 { "(?,?,?,?)" } else { ",(?,?,?,?)" });
                }
                sql
            })
            .collect()
    });
    let i = FACT_BATCHES
        .iter()
        .position(|b| *b == n)
        .expect("a batch size");
    &all[i]
}

/// The INSERT into `report_outcome` of `n` rows (1–7).
fn outcome_insert_sql(n: usize) -> &'static str {
    static SQL: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let all = SQL.get_or_init(|| {
        (1..=7)
            .map(|n| {
                let mut sql = String::from(
                    "INSERT INTO report_outcome (report_id, col_id, received_new, processed,
                         granted, partly_granted, withheld, unavailable, not_processed, other)
                     VALUES ",
                );
                for i in 0..n {
                    sql.push_str(if i == 0 {
                        "(?,?,?,?,?,?,?,?,?,?)"
                    } else {
                        ",(?,?,?,?,?,?,?,?,?,?)"
                    });
                }
                sql
            })
            .collect()
    });
    &all[n - 1]
}

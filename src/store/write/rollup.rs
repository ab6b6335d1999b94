//! The per-year cell totals an import keeps in memory and adds to `year_cell_total` at each
//! file's end, so national breakdowns never scan `fact`.

use crate::contract::{self, Kind};
use crate::model::{Report, Value};
use rusqlite::{Transaction, params};

/// The per-year totals of `year_cell_total` (migration V4) for the reports put since the last
/// flush, indexed by year, row and column: what a national breakdown reads instead of
/// scanning `fact`. Replaced reports are taken out by the table's trigger on `report`.
#[derive(Default)]
pub(super) struct Rollup {
    /// [reports stating the cell, of which blank, sum of the values]
    cells: Vec<[i64; 3]>,
    touched: Vec<u32>,
}

const ROLLUP_ROWS: usize = 48;
const ROLLUP_COLS: usize = 32;

impl Rollup {
    pub(super) fn add(&mut self, report: &Report) {
        let Ok(y) = usize::try_from(report.year - 1990) else {
            return;
        };
        if y > 110 {
            return;
        }
        if self.cells.is_empty() {
            self.cells = vec![[0; 3]; 111 * ROLLUP_ROWS * ROLLUP_COLS];
        }
        for c in &report.cells {
            let (row, col) = (usize::from(c.row), usize::from(c.col));
            if row >= ROLLUP_ROWS || col >= ROLLUP_COLS {
                continue;
            }
            let (blank, value) = match c.value {
                Value::Int(v) => (0, v),
                Value::Blank => (1, 0),
                Value::Money(_) => continue,
            };
            if contract::col_by_id(c.col).is_some_and(|d| d.kind == Kind::Money) {
                continue;
            }
            let i = (y * ROLLUP_ROWS + row) * ROLLUP_COLS + col;
            let e = &mut self.cells[i];
            if e[0] == 0 {
                self.touched.push(i as u32);
            }
            e[0] += 1;
            e[1] += blank;
            e[2] += value;
        }
    }

    pub(super) fn flush(&mut self, tx: &Transaction<'_>) -> rusqlite::Result<()> {
        if self.touched.is_empty() {
            return Ok(());
        }
        let mut stmt = tx.prepare_cached(
            "INSERT INTO year_cell_total (year, row_id, col_id, reports, blanks, total)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (year, row_id, col_id) DO UPDATE SET
                 reports = reports + excluded.reports,
                 blanks = blanks + excluded.blanks,
                 total = total + excluded.total",
        )?;
        self.touched.sort_unstable();
        for &i in &self.touched {
            let i = i as usize;
            let [reports, blanks, total] = std::mem::take(&mut self.cells[i]);
            let year = (i / (ROLLUP_ROWS * ROLLUP_COLS)) as i64 + 1990;
            let row = (i / ROLLUP_COLS % ROLLUP_ROWS) as i64;
            let col = (i % ROLLUP_COLS) as i64;
            stmt.execute(params![year, row, col, reports, blanks, total])?;
        }
        self.touched.clear();
        Ok(())
    }

    pub(super) fn reset(&mut self) {
        for &i in &self.touched {
            self.cells[i as usize] = [0; 3];
        }
        self.touched.clear();
    }
}

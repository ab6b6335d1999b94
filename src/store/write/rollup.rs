//! The per-year cell totals an import keeps in memory and adds to `year_cell_total`, so
//! national breakdowns never scan `fact`.

use crate::contract::{self, Kind};
use crate::model::{Report, Value};
use rusqlite::{Transaction, params};

/// The per-year totals of `year_cell_total` (migration V4) for the reports put and not yet
/// in the table, indexed by year, row and column. Two layers: the current file's, undone
/// with it, and the kept files'. The kept layer goes to the table every [`FILES_PER_FLUSH`]
/// files and at the commit, not at every file's end: a flush is an UPSERT per cell a file
/// touched (about a thousand), which cost more than reading a one-report file. Replaced
/// reports are taken out by the table's trigger on `report`.
#[derive(Default)]
pub(super) struct Rollup {
    file: Cells,
    kept: Cells,
    files_kept: usize,
    /// The kept layer as it was before a flush made inside the current file (see
    /// [`Rollup::flush_all`]): that flush is undone if the file is, and the layer comes back.
    kept_before_flush: Option<Cells>,
}

/// How many kept files' totals are gathered before they go to the table.
const FILES_PER_FLUSH: usize = 256;

#[derive(Clone, Default)]
struct Cells {
    /// [reports stating the cell, of which blank, sum of the values]
    cells: Vec<[i64; 3]>,
    touched: Vec<u32>,
}

const ROLLUP_ROWS: usize = 48;
const ROLLUP_COLS: usize = 32;
const ROLLUP_YEARS: usize = 111;

impl Rollup {
    pub(super) fn add(&mut self, report: &Report) {
        let Ok(y) = usize::try_from(report.year - 1990) else {
            return;
        };
        if y >= ROLLUP_YEARS {
            return;
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
            self.file.add(i, [1, blank, value]);
        }
    }

    /// At a file's start, outside its SAVEPOINT: the kept layer goes to the table when
    /// enough files have gathered in it.
    pub(super) fn begin_file(&mut self, tx: &Transaction<'_>) -> rusqlite::Result<()> {
        self.kept_before_flush = None;
        if self.files_kept >= FILES_PER_FLUSH {
            self.kept.flush(tx)?;
            self.files_kept = 0;
        }
        Ok(())
    }

    /// The current file is kept: its totals join the kept layer.
    pub(super) fn keep_file(&mut self) {
        let file = std::mem::take(&mut self.file.touched);
        for i in file {
            let v = std::mem::take(&mut self.file.cells[i as usize]);
            self.kept.add(i as usize, v);
        }
        self.files_kept += 1;
        self.kept_before_flush = None;
    }

    /// The current file is undone (and with it whatever it wrote to the table).
    pub(super) fn undo_file(&mut self) {
        self.file.reset();
        if let Some(kept) = self.kept_before_flush.take() {
            self.kept = kept;
        }
    }

    /// Everything in memory goes to the table now: at the commit, and before deleting a
    /// report that may have been put earlier in this import, for the trigger on the DELETE
    /// to take it out.
    pub(super) fn flush_all(&mut self, tx: &Transaction<'_>) -> rusqlite::Result<()> {
        if !self.kept.touched.is_empty() && self.kept_before_flush.is_none() {
            self.kept_before_flush = Some(self.kept.clone());
        }
        self.kept.flush(tx)?;
        self.file.flush(tx)
    }
}

impl Cells {
    fn add(&mut self, i: usize, [reports, blanks, total]: [i64; 3]) {
        if self.cells.is_empty() {
            self.cells = vec![[0; 3]; ROLLUP_YEARS * ROLLUP_ROWS * ROLLUP_COLS];
        }
        let e = &mut self.cells[i];
        if e[0] == 0 {
            self.touched.push(i as u32);
        }
        e[0] += reports;
        e[1] += blanks;
        e[2] += total;
    }

    fn flush(&mut self, tx: &Transaction<'_>) -> rusqlite::Result<()> {
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

    fn reset(&mut self) {
        for &i in &self.touched {
            self.cells[i as usize] = [0; 3];
        }
        self.touched.clear();
    }
}

//! The per-year cell totals an import keeps in memory and adds to `year_cell_total`, and the
//! same per province and level for `region_cell_total`, so national and regional breakdowns
//! never scan `fact`.

use super::super::{Error, Result};
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
    /// The same per province and level (`region_cell_total`, migration V13), in the same two
    /// layers.
    file_regions: Regions,
    kept_regions: Regions,
    files_kept: usize,
    /// The kept layers as they were before a flush made inside the current file (see
    /// [`Rollup::flush_all`]): that flush is undone if the file is, and the layers come back.
    kept_before_flush: Option<(Cells, Regions)>,
}

/// Where a report's agency is counted in `region_cell_total`: its province (the first two
/// digits of its region code, '' without one) and level ('' when unknown), as the agencies
/// view has them (see migrations/V13__region_cell_total.sql).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) struct RegionKey {
    pub province: String,
    pub level: String,
}

impl RegionKey {
    /// The key of an agency's reports as the database has the agency now.
    pub(super) fn of(tx: &Transaction<'_>, agency_id: i64) -> rusqlite::Result<RegionKey> {
        tx.prepare_cached(
            "SELECT coalesce(substr(region_code, 1, 2), ''),
                    coalesce(level, CASE WHEN region_code GLOB '??0000' THEN 'provincial'
                                         WHEN region_code GLOB '????00' THEN 'prefecture'
                                         WHEN region_code IS NOT NULL THEN 'county' END, '')
             FROM agency WHERE id = ?1",
        )?
        .query_row([agency_id], |r| {
            Ok(RegionKey {
                province: r.get(0)?,
                level: r.get(1)?,
            })
        })
    }
}

/// Per (year, province, level): one block of row × column slots, as in [`Cells`] without the
/// year. Only the blocks an import touches exist (a few hundred at national scale).
#[derive(Clone, Default)]
struct Regions {
    blocks: std::collections::HashMap<(i64, RegionKey), Block>,
}

#[derive(Clone)]
struct Block {
    cells: Vec<[i64; 3]>,
    touched: Vec<u16>,
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
    /// Adds a report's cells to the current file's layer; refused (nothing added) when a sum
    /// of this import would pass what an i64 holds.
    pub(super) fn add(&mut self, report: &Report, region: &RegionKey) -> Result<()> {
        let Ok(y) = usize::try_from(report.year - 1990) else {
            return Ok(());
        };
        if y >= ROLLUP_YEARS {
            return Ok(());
        }
        let mut adds = Vec::with_capacity(report.cells.len());
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
            // Checked against both layers: the kept layer joins the file's at its end.
            let kept = self.kept.get(i);
            self.file
                .get(i)
                .checked_add([1, blank, value])
                .and_then(|sum| sum.checked_add(kept))
                .ok_or_else(|| overflow(i))?;
            adds.push((i, [1, blank, value]));
        }
        let key = (report.year, region.clone());
        let kept = self.kept_regions.blocks.get(&key);
        let block = self.file_regions.block(key);
        for &(i, v) in &adds {
            let j = i % (ROLLUP_ROWS * ROLLUP_COLS);
            block
                .get(j)
                .checked_add(v)
                .and_then(|sum| sum.checked_add(kept.map_or([0; 3], |k| k.get(j))))
                .ok_or_else(|| overflow(i))?;
        }
        for (i, v) in adds {
            self.file.add(i, v)?;
            block.add(i % (ROLLUP_ROWS * ROLLUP_COLS), v);
        }
        Ok(())
    }

    /// Whether any report's totals are still in memory only.
    pub(super) fn pending(&self) -> bool {
        !self.file.touched.is_empty() || !self.kept.touched.is_empty()
    }

    /// At a file's start, outside its SAVEPOINT: the kept layer goes to the table when
    /// enough files have gathered in it.
    pub(super) fn begin_file(&mut self, tx: &Transaction<'_>) -> Result<()> {
        self.kept_before_flush = None;
        if self.files_kept >= FILES_PER_FLUSH {
            self.kept.flush(tx)?;
            self.kept_regions.flush(tx)?;
            self.files_kept = 0;
        }
        Ok(())
    }

    /// The current file is kept: its totals join the kept layer.
    pub(super) fn keep_file(&mut self) -> Result<()> {
        let file = std::mem::take(&mut self.file.touched);
        for i in file {
            let v = std::mem::take(&mut self.file.cells[i as usize]);
            self.kept.add(i as usize, v)?;
        }
        for (key, mut block) in std::mem::take(&mut self.file_regions.blocks) {
            let kept = self.kept_regions.block(key);
            for j in std::mem::take(&mut block.touched) {
                kept.add(usize::from(j), block.cells[usize::from(j)]);
            }
        }
        self.files_kept += 1;
        self.kept_before_flush = None;
        Ok(())
    }

    /// The current file is undone (and with it whatever it wrote to the table).
    pub(super) fn undo_file(&mut self) {
        self.file.reset();
        self.file_regions.blocks.clear();
        if let Some((kept, kept_regions)) = self.kept_before_flush.take() {
            self.kept = kept;
            self.kept_regions = kept_regions;
        }
    }

    /// Everything in memory goes to the table now: at the commit, and before deleting a
    /// report that may have been put earlier in this import, for the trigger on the DELETE
    /// to take it out.
    pub(super) fn flush_all(&mut self, tx: &Transaction<'_>) -> Result<()> {
        if !self.kept.touched.is_empty() && self.kept_before_flush.is_none() {
            self.kept_before_flush = Some((self.kept.clone(), self.kept_regions.clone()));
        }
        self.kept.flush(tx)?;
        self.kept_regions.flush(tx)?;
        self.file.flush(tx)?;
        self.file_regions.flush(tx)
    }
}

/// [reports, blanks, total] of one cell, added with a check.
trait Sums: Sized {
    fn checked_add(self, other: Self) -> Option<Self>;
}

impl Sums for [i64; 3] {
    fn checked_add(self, o: [i64; 3]) -> Option<[i64; 3]> {
        Some([
            self[0].checked_add(o[0])?,
            self[1].checked_add(o[1])?,
            self[2].checked_add(o[2])?,
        ])
    }
}

/// The year, row and column of a slot of [`Cells`].
fn slot(i: usize) -> (i64, i64, i64) {
    let year = (i / (ROLLUP_ROWS * ROLLUP_COLS)) as i64 + 1990;
    let row = (i / ROLLUP_COLS % ROLLUP_ROWS) as i64;
    let col = (i % ROLLUP_COLS) as i64;
    (year, row, col)
}

/// The error for a total past i64 (it takes 9 million reports at the ceiling per cell).
fn overflow(i: usize) -> Error {
    let (year, row, col) = slot(i);
    let row = u8::try_from(row).ok().and_then(contract::row_by_id);
    let col = u8::try_from(col).ok().and_then(contract::col_by_id);
    Error::Value(format!(
        "the {year} total of {}/{} over every report would pass {}; refused rather than stored wrong",
        row.map_or("?", |r| r.code),
        col.map_or("?", |c| c.code),
        i64::MAX
    ))
}

impl Cells {
    fn get(&self, i: usize) -> [i64; 3] {
        self.cells.get(i).copied().unwrap_or_default()
    }

    fn add(&mut self, i: usize, v: [i64; 3]) -> Result<()> {
        if self.cells.is_empty() {
            self.cells = vec![[0; 3]; ROLLUP_YEARS * ROLLUP_ROWS * ROLLUP_COLS];
        }
        let e = &mut self.cells[i];
        let sum = e.checked_add(v).ok_or_else(|| overflow(i))?;
        if e[0] == 0 {
            self.touched.push(i as u32);
        }
        *e = sum;
        Ok(())
    }

    fn flush(&mut self, tx: &Transaction<'_>) -> Result<()> {
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
            let (year, row, col) = slot(i);
            // SQLite's + turns an integer past i64 into a REAL, which the STRICT table refuses.
            match stmt.execute(params![year, row, col, reports, blanks, total]) {
                Err(rusqlite::Error::SqliteFailure(e, _))
                    if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_DATATYPE =>
                {
                    return Err(overflow(i));
                }
                r => {
                    r?;
                }
            }
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

impl Regions {
    fn block(&mut self, key: (i64, RegionKey)) -> &mut Block {
        self.blocks.entry(key).or_insert_with(|| Block {
            cells: vec![[0; 3]; ROLLUP_ROWS * ROLLUP_COLS],
            touched: Vec::new(),
        })
    }

    /// Every block to `region_cell_total`, and the layer emptied.
    fn flush(&mut self, tx: &Transaction<'_>) -> Result<()> {
        if self.blocks.is_empty() {
            return Ok(());
        }
        let mut stmt = tx.prepare_cached(
            "INSERT INTO region_cell_total
                 (year, province, level, row_id, col_id, reports, blanks, total)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (year, province, level, row_id, col_id) DO UPDATE SET
                 reports = reports + excluded.reports,
                 blanks = blanks + excluded.blanks,
                 total = total + excluded.total",
        )?;
        let mut blocks: Vec<_> = std::mem::take(&mut self.blocks).into_iter().collect();
        blocks.sort_unstable_by(|a, b| {
            (a.0.0, &a.0.1.province, &a.0.1.level).cmp(&(b.0.0, &b.0.1.province, &b.0.1.level))
        });
        for ((year, key), mut block) in blocks {
            block.touched.sort_unstable();
            for &j in &block.touched {
                let [reports, blanks, total] = block.cells[usize::from(j)];
                let (row, col) = (usize::from(j) / ROLLUP_COLS, usize::from(j) % ROLLUP_COLS);
                let i = ((year - 1990) as usize * ROLLUP_ROWS + row) * ROLLUP_COLS + col;
                match stmt.execute(params![
                    year,
                    key.province,
                    key.level,
                    row as i64,
                    col as i64,
                    reports,
                    blanks,
                    total
                ]) {
                    Err(rusqlite::Error::SqliteFailure(e, _))
                        if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_DATATYPE =>
                    {
                        return Err(overflow(i));
                    }
                    r => {
                        r?;
                    }
                }
            }
        }
        Ok(())
    }
}

impl Block {
    fn get(&self, j: usize) -> [i64; 3] {
        self.cells[j]
    }

    /// Adds to a slot; the sum was checked by the caller.
    fn add(&mut self, j: usize, v: [i64; 3]) {
        let e = &mut self.cells[j];
        if e[0] == 0 {
            self.touched.push(j as u16);
        }
        *e = e.checked_add(v).expect("checked before it was added");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    #[test]
    fn a_sum_past_i64_is_refused_and_leaves_the_layer_as_it_was() {
        let mut cells = Cells::default();
        cells.add(5, [1, 0, i64::MAX - 1]).unwrap();
        let Err(Error::Value(why)) = cells.add(5, [1, 0, 2]) else {
            panic!("the sum wrapped")
        };
        assert!(why.contains("would pass 9223372036854775807"), "{why}");
        assert_eq!(cells.get(5), [1, 0, i64::MAX - 1]);
    }

    #[test]
    fn a_table_total_past_i64_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE year_cell_total (
                 year INTEGER NOT NULL, row_id INTEGER NOT NULL, col_id INTEGER NOT NULL,
                 reports INTEGER NOT NULL, blanks INTEGER NOT NULL, total INTEGER NOT NULL,
                 PRIMARY KEY (year, row_id, col_id)) STRICT, WITHOUT ROWID;",
        )
        .unwrap();
        let i = (34 * ROLLUP_ROWS + 10) * ROLLUP_COLS + 7;
        let (year, row, col) = slot(i);
        conn.execute(
            "INSERT INTO year_cell_total VALUES (?1, ?2, ?3, 1, 0, ?4)",
            params![year, row, col, i64::MAX - 3],
        )
        .unwrap();
        let tx = conn.transaction().unwrap();
        let mut cells = Cells::default();
        cells.add(i, [1, 0, 5]).unwrap();
        let Err(Error::Value(why)) = cells.flush(&tx) else {
            panic!("the table's total wrapped or the error is not named")
        };
        assert!(why.starts_with("the 2024 total of "), "{why}");
    }
}

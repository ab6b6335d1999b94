//! Writing reports: one transaction per import, so an import either lands whole or leaves
//! the database exactly as it was.

use super::{Error, Result, Store, now_utc};
use crate::check::Tally;
use crate::model::Report;
use rusqlite::{Transaction, params};
use std::collections::HashMap;

mod change;
pub(super) mod forms;
mod prepared;
#[cfg(test)]
mod proptests;
mod put;
mod rollup;
mod rows;
pub use prepared::Prepared;
use rollup::{RegionKey, Rollup};

mod tally;
pub use tally::{FileLine, FileTally, ImportSummary, Outcome};

/// The same agency-year given twice in one import with different numbers.
#[derive(Debug, thiserror::Error)]
#[error(
    "{agency} {year} is given twice with different numbers: in {first} and in {second} ({difference})"
)]
pub struct Conflict {
    pub agency: String,
    pub year: i64,
    pub first: String,
    pub second: String,
    /// The first cell that differs, with both values.
    pub difference: String,
}

/// Where a report being written comes from when it is not this import's reading: a stored
/// version put back (by an undo), or a corrected reading. Its facts are kept, not this
/// import's.
pub(in crate::store) struct Written<'s> {
    pub hash: &'s str,
    pub parser_version: &'s str,
    pub made_at: &'s str,
    pub run_id: Option<i64>,
}

/// An import in progress: every report put here lands at `commit`, or none does.
pub struct Importer<'a> {
    tx: Transaction<'a>,
    started_at: String,
    /// Agency names met lately → id; at most [`AGENCY_CACHE`] of them, so that memory does
    /// not grow with the number of agencies (a miss is one indexed lookup).
    agencies: HashMap<String, i64, IdHasher>,
    shapes: HashMap<Vec<(u8, u8)>, i64, IdHasher>,
    /// The region index that places new agencies, read from the database when the first
    /// agency needs placing (an import of known agencies never reads it).
    places: Option<crate::place::Index>,
    /// Agencies with this id or higher were created by this import (ids are handed out above
    /// the largest): none of their reports can be in the database from before.
    first_created: i64,
    /// The source of the last report put and its id in `import_source`.
    last_source: Option<(String, i64)>,
    /// Per-year totals of the reports put since the last flush (see [`Rollup`]).
    rollup: Rollup,
    /// Agency id → where its reports count in `region_cell_total`; forgotten when it is placed.
    region_keys: HashMap<i64, RegionKey, IdHasher>,
    /// Set when a write failed in a way that may have undone the transaction (a full disk):
    /// nothing more is written, so that no statement can run outside it.
    failed: Option<Fatal>,
    file_summary: ImportSummary,
    parser_version: String,
    pub summary: ImportSummary,
    checks: super::findings::CheckState,
    /// This import's row in `import_run`; None for a change made by hand (an undo, a
    /// deletion, a correction), which writes through the same code.
    run_id: Option<i64>,
    /// The id of the next new report: above every id a report or a version ever had, so that
    /// a new report never takes up the history of a deleted one.
    next_report_id: i64,
    /// What the current file's reports did.
    file: FileTally,
    /// Files logged in `import_file` so far.
    files_logged: i64,
}

impl Store {
    pub fn begin_import(&mut self, parser_version: &str) -> Result<Importer<'_>> {
        self.begin_import_noting_wait(parser_version, || {})
    }

    /// A transaction that writes reports as an import does, but is not one: an undo, a
    /// deletion, a correction. Nothing is recorded in `import_run`.
    pub(in crate::store) fn begin_change(&mut self) -> Result<Importer<'_>> {
        self.begin_writer(read_parser_version(), None::<fn()>, false)
    }

    /// [`Store::begin_import`], calling `waiting` once when another connection holds the
    /// write lock and the import is about to wait for it (up to the busy timeout).
    pub fn begin_import_noting_wait(
        &mut self,
        parser_version: &str,
        waiting: impl FnOnce(),
    ) -> Result<Importer<'_>> {
        self.begin_writer(parser_version, Some(waiting), true)
    }

    fn begin_writer(
        &mut self,
        parser_version: &str,
        waiting: Option<impl FnOnce()>,
        is_import: bool,
    ) -> Result<Importer<'_>> {
        // The importer, the checks and the identities use more statements than the default
        // cache holds; re-preparing them for every report would cost more than the writes.
        self.conn.set_prepared_statement_cache_capacity(128);
        // Half the page cache of other commands: as fast for a bulk load (measured at 200k
        // reports), and it keeps a national import's peak RSS well under 200 MB.
        self.conn
            .execute_batch("PRAGMA cache_size = -32768")
            .map_err(Error::from_sql)?;
        // Where statement journals go. Inside the file's SAVEPOINT, the sub-journal keeps
        // every page that existed when the file began and that the file changed; in memory
        // (temp_store = MEMORY), each statement that releases its journal walks it from the
        // start (SQLite's memjrnlTruncate follows its chunk list), so replacing N stored
        // reports in one file cost O(N²): 195 s of CPU for 10k. Spilled to a temporary file
        // (FILE, past 64 KiB) it stays linear, at the price of a write call per page
        // journaled: 3–5% of an import of new reports into an empty database, whose pages are
        // all new and never journaled for the SAVEPOINT. So: FILE where there are reports an
        // import may replace, MEMORY where there are none. Set before the transaction: SQLite
        // reads it when one begins.
        let has_reports: bool = self
            .conn
            .query_row("SELECT EXISTS (SELECT 1 FROM report)", [], |r| r.get(0))
            .map_err(Error::from_sql)?;
        self.conn
            .execute_batch(if has_reports {
                "PRAGMA temp_store = FILE"
            } else {
                "PRAGMA temp_store = MEMORY"
            })
            .map_err(Error::from_sql)?;
        // A testing aid: caps the database's size in pages, as a full disk would.
        if let Some(pages) = std::env::var("GOV_DB_MAX_PAGES")
            .ok()
            .and_then(|v| v.parse::<i64>().ok())
        {
            self.conn
                .pragma_update(None, "max_page_count", pages)
                .map_err(Error::from_sql)?;
        }
        // A first try without waiting tells whether another writer holds the lock; the
        // second waits for it as any command does.
        let immediate = rusqlite::TransactionBehavior::Immediate;
        self.conn.busy_timeout(std::time::Duration::ZERO)?;
        let first = Transaction::new_unchecked(&self.conn, immediate);
        self.conn.busy_timeout(super::BUSY_TIMEOUT)?;
        let tx = match first.map_err(Error::from_sql) {
            Ok(tx) => tx,
            Err(Error::Busy) => {
                if let Some(waiting) = waiting {
                    waiting();
                }
                Transaction::new_unchecked(&self.conn, immediate).map_err(Error::from_sql)?
            }
            Err(e) => return Err(e),
        };
        // Left empty by every import that committed; a guard against rows put by hand.
        tx.execute_batch("DELETE FROM import_seen; DELETE FROM import_source;")
            .map_err(Error::from_sql)?;
        // The reports this import writes (new, replaced, or the fuller of two forms), whose
        // findings make its tally once everything is written, are those whose current reading
        // is its run's (`report.run_id`): nothing else needs listing them.
        let first_created: i64 = tx
            .query_row("SELECT coalesce(max(id), 0) + 1 FROM agency", [], |r| {
                r.get(0)
            })
            .map_err(Error::from_sql)?;
        let started_at = now_utc();
        let next_report_id: i64 = tx
            .query_row(
                "SELECT max(coalesce((SELECT max(id) FROM report), 0),
                            coalesce((SELECT max(report_id) FROM report_version), 0)) + 1",
                [],
                |r| r.get(0),
            )
            .map_err(Error::from_sql)?;
        // The run's row is made now, for its versions and files to name it; the commit fills
        // in the rest (an import undone or rolled back takes it with it).
        let run_id = if is_import {
            tx.execute(
                "INSERT INTO import_run (started_at, finished_at, version, paths, new, replaced,
                                         unchanged, first_agency)
                 VALUES (?1, ?1, ?2, '', 0, 0, 0, ?3)",
                params![started_at, env!("CARGO_PKG_VERSION"), first_created],
            )
            .map_err(Error::from_sql)?;
            Some(tx.last_insert_rowid())
        } else {
            None
        };
        Ok(Importer {
            tx,
            started_at,
            agencies: HashMap::default(),
            shapes: HashMap::default(),
            places: None,
            first_created,
            last_source: None,
            rollup: Rollup::default(),
            region_keys: HashMap::default(),
            failed: None,
            file_summary: ImportSummary::default(),
            parser_version: parser_version.to_string(),
            summary: ImportSummary::default(),
            checks: Default::default(),
            run_id,
            next_report_id,
            file: FileTally::default(),
            files_logged: 0,
        })
    }
}

impl Importer<'_> {
    /// Stores one report, replacing the agency-year if it holds other numbers. Expects the
    /// report's cells sorted and valid for its template (the readers guarantee both).
    pub fn put(&mut self, report: &Prepared) -> Result<Outcome> {
        self.put_with_text(report, None)
    }

    /// As [`Importer::put`], with the report's text, which places a new agency whose name
    /// alone is ambiguous (鼓楼区: the text's 《福建省…》 settles it).
    pub fn put_with_text(&mut self, report: &Prepared, text: Option<&str>) -> Result<Outcome> {
        self.check_failed()?;
        if let Some(why) = &report.refusal {
            return Err(Error::Value(why.clone()));
        }
        let result = self.put_report(report, text);
        let outcome = self.note_failure(result)?;
        self.summary.add(&outcome);
        self.file.add(&report.report, &outcome);
        Ok(outcome)
    }

    /// This import's number in `import_run` (None for a change that is not an import).
    pub fn run_id(&self) -> Option<i64> {
        self.run_id
    }

    /// Whether an error has ended the import (a full disk, or SQLite undid the transaction):
    /// every later `put` fails the same way.
    pub fn has_failed(&self) -> bool {
        self.failed.is_some()
    }

    /// Refuses to go on after a fatal error.
    fn check_failed(&self) -> Result<()> {
        match self.failed {
            None => Ok(()),
            Some(Fatal::Full) => Err(Error::Full),
            Some(Fatal::RolledBack) => Err(Error::Sql(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_ABORT),
                Some("the import was undone after an earlier error; nothing was written".into()),
            ))),
        }
    }

    /// A full disk, or any error after which SQLite has undone the transaction, ends the
    /// import: nothing more may be written, least of all outside the transaction.
    fn note_failure<T>(&mut self, result: Result<T>) -> Result<T> {
        let e = match result {
            Ok(v) => return Ok(v),
            Err(Error::Sql(e)) => Error::from_sql(e),
            Err(e) => e,
        };
        if matches!(e, Error::Full) {
            self.failed = Some(Fatal::Full);
        } else if self.tx.is_autocommit() {
            self.failed = Some(Fatal::RolledBack);
        }
        Err(e)
    }

    /// Marks the start of one input file, which [`Importer::end_file`] keeps or undoes alone.
    pub fn begin_file(&mut self) -> Result<()> {
        self.check_failed()?;
        let flushed = self.rollup.begin_file(&self.tx);
        self.note_failure(flushed)?;
        self.tx.execute_batch("SAVEPOINT file")?;
        self.file_summary = self.summary.clone();
        self.file = FileTally::default();
        Ok(())
    }

    /// What the reports of the file just ended did (see [`Importer::end_file`]).
    pub fn file_tally(&self) -> &FileTally {
        &self.file
    }

    /// Records one file's line in `import_file`, for `gov-db import log`.
    pub fn log_file(&mut self, line: &FileLine) -> Result<()> {
        let Some(run) = self.run_id else {
            return Ok(());
        };
        self.check_failed()?;
        self.files_logged += 1;
        let result = self
            .tx
            .prepare_cached(
                "INSERT INTO import_file (run_id, seq, path, agency, year, format, reports,
                                          result, detail)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    run,
                    self.files_logged,
                    line.file,
                    line.agency,
                    line.year,
                    line.format,
                    line.reports as i64,
                    line.result,
                    line.detail
                ])
            })
            .map(|_| ())
            .map_err(Error::from);
        self.note_failure(result)
    }

    /// Keeps (`keep = true`) or undoes everything put since [`Importer::begin_file`].
    pub fn end_file(&mut self, keep: bool) -> Result<()> {
        self.check_failed()?;
        if keep {
            self.rollup.keep_file()?;
            let result = self.tx.execute_batch("RELEASE file").map_err(Error::from);
            return self.note_failure(result);
        }
        self.rollup.undo_file();
        self.tx.execute_batch("ROLLBACK TO file; RELEASE file")?;
        // Ids handed out inside the undone part no longer exist (nor its rows of
        // import_seen and import_source: the SAVEPOINT covered them).
        self.agencies.clear();
        self.region_keys.clear();
        self.last_source = None;
        self.shapes.clear();
        self.summary = self.file_summary.clone();
        self.checks.rollback_file();
        Ok(())
    }

    /// Under `strict`, a report with an error finding is refused: `put` returns
    /// [`Error::Refused`] and the caller undoes its file.
    pub fn set_strict(&mut self, strict: bool) {
        self.checks.strict = strict;
    }

    /// The findings of `gov-db check` that involve a report this import wrote, counted as
    /// they stand now that it has written everything (a cross-year finding against a
    /// neighbour that the import went on to replace is gone). Under `strict`, an error across
    /// years refuses the import: one report at a time cannot be judged against a neighbour a
    /// later report of the same import may replace.
    pub fn final_checks(&self) -> Result<Tally> {
        let run = self.run_id.unwrap_or(0);
        let (tally, cross_year_errors) = super::findings::import_tally(&self.tx, run)?;
        if self.checks.strict {
            super::findings::refuse_cross_year(&cross_year_errors)?;
        }
        Ok(tally)
    }

    /// Stores the counts quoted in the text of a report just put (see
    /// [`crate::check::narrative_claims`]) and checks them against its tables.
    pub fn put_narrative(&mut self, report: &Report, claims: &[crate::check::Claim]) -> Result<()> {
        let agency_id = self.agency_id(report, None)?;
        let id: i64 = self
            .tx
            .prepare_cached("SELECT id FROM report WHERE agency_id = ?1 AND year = ?2")?
            .query_row(params![agency_id, report.year], |r| r.get(0))?;
        super::findings::put_narrative(&self.tx, id, report, claims)?;
        Ok(())
    }

    /// Makes the import permanent and records it in `import_run`.
    pub fn commit(mut self, paths: &str) -> Result<ImportSummary> {
        self.check_failed()?;
        let flushed = self.rollup.flush_all(&self.tx).and_then(|_| {
            // Emptied before the commit, so that no import ever sees another's (see
            // migrations/V6__import_scratch.sql).
            self.tx
                .execute_batch("DELETE FROM import_seen; DELETE FROM import_source;")
                .map_err(Error::from)
        });
        self.note_failure(flushed)?;
        if let Some(run) = self.run_id {
            self.tx
                .execute(
                    "UPDATE import_run SET finished_at = ?2, paths = ?3, new = ?4, replaced = ?5,
                                           unchanged = ?6, kept = ?7,
                                           last_agency = (SELECT max(id) FROM agency)
                     WHERE id = ?1",
                    params![
                        run,
                        now_utc(),
                        paths,
                        self.summary.new as i64,
                        self.summary.replaced as i64,
                        self.summary.unchanged as i64,
                        self.summary.kept as i64
                    ],
                )
                .map_err(Error::from_sql)?;
        }
        self.tx.commit().map_err(Error::from_sql)?;
        Ok(self.summary)
    }

    /// Drops everything put so far (for `--dry-run`, or after an error).
    pub fn rollback(self) -> Result<ImportSummary> {
        self.tx.rollback()?;
        Ok(self.summary)
    }
}

/// The parser version a change made by hand records for the readings it writes anew (it
/// keeps each restored reading's own).
fn read_parser_version() -> &'static str {
    crate::read::report::PARSER_VERSION
}

/// The key of an agency-year in `import_seen` (and `report.filed_as`).
pub(in crate::store) fn key(agency_id: i64, year: i64) -> i64 {
    (agency_id << 16) | (year & 0xffff)
}

/// How many agency names the importer keeps in memory; past it, it forgets them all and
/// looks them up again (sorted input meets each agency in one run of lines).
const AGENCY_CACHE: usize = 16_384;

/// A hasher for the importer's maps: a multiply per word or byte, not SipHash. The keys are
/// ids, cell lists and agency names of the user's own files: nobody gains by making them
/// collide.
#[derive(Clone, Copy, Default)]
struct IdHash(u64);

impl std::hash::Hasher for IdHash {
    fn finish(&self) -> u64 {
        let z = self.0.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        z ^ (z >> 29)
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*b)).wrapping_mul(0x100_0000_01B3);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    }

    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }
}

type IdHasher = std::hash::BuildHasherDefault<IdHash>;

/// Why an import cannot go on.
#[derive(Clone, Copy, Debug)]
enum Fatal {
    Full,
    RolledBack,
}

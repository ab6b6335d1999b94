//! Writing reports: one transaction per import, so an import either lands whole or leaves
//! the database exactly as it was.

use super::identity::place;
use super::{Error, Result, Store, now_utc};
use crate::check::Tally;
use crate::model::Report;
use rusqlite::{OptionalExtension, Transaction, params};
use std::collections::HashMap;

mod forms;
mod prepared;
#[cfg(test)]
mod proptests;
mod rollup;
mod rows;
use forms::{Forms, compare_forms};
pub use prepared::Prepared;
use rollup::{RegionKey, Rollup};

/// What happened to one report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    New,
    Replaced,
    Unchanged,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportSummary {
    pub new: u64,
    pub replaced: u64,
    pub unchanged: u64,
}

impl ImportSummary {
    pub fn add(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::New => self.new += 1,
            Outcome::Replaced => self.replaced += 1,
            Outcome::Unchanged => self.unchanged += 1,
        }
    }

    pub fn total(&self) -> u64 {
        self.new + self.replaced + self.unchanged
    }
}

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
}

impl Store {
    pub fn begin_import(&mut self, parser_version: &str) -> Result<Importer<'_>> {
        self.begin_import_noting_wait(parser_version, || {})
    }

    /// [`Store::begin_import`], calling `waiting` once when another connection holds the
    /// write lock and the import is about to wait for it (up to the busy timeout).
    pub fn begin_import_noting_wait(
        &mut self,
        parser_version: &str,
        waiting: impl FnOnce(),
    ) -> Result<Importer<'_>> {
        // The importer, the checks and the identities use more statements than the default
        // cache holds; re-preparing them for every report would cost more than the writes.
        self.conn.set_prepared_statement_cache_capacity(128);
        // Half the page cache of other commands: as fast for a bulk load (measured at 200k
        // reports), and it keeps a national import's peak RSS well under 200 MB.
        self.conn
            .execute_batch("PRAGMA cache_size = -32768")
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
                waiting();
                Transaction::new_unchecked(&self.conn, immediate).map_err(Error::from_sql)?
            }
            Err(e) => return Err(e),
        };
        // Left empty by every import that committed; a guard against rows put by hand.
        tx.execute_batch("DELETE FROM import_seen; DELETE FROM import_source;")
            .map_err(Error::from_sql)?;
        // The reports this import writes (new, replaced, or the fuller of two forms), whose
        // findings make its tally once everything is written. A temporary table: private to
        // this connection, gone with it, and undone with a file's SAVEPOINT.
        tx.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS import_written (report_id INTEGER PRIMARY KEY);
             DELETE FROM temp.import_written;",
        )
        .map_err(Error::from_sql)?;
        let first_created: i64 = tx
            .query_row("SELECT coalesce(max(id), 0) + 1 FROM agency", [], |r| {
                r.get(0)
            })
            .map_err(Error::from_sql)?;
        Ok(Importer {
            tx,
            started_at: now_utc(),
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
        self.note_failure(result)
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

    fn put_report(&mut self, prepared: &Prepared, text: Option<&str>) -> Result<Outcome> {
        self.checks.skip();
        let report = &prepared.report;
        let agency_id = self.agency_id(report, text)?;
        let hash = &self.hash_of(prepared, agency_id)?;
        let source = report.source.as_deref().unwrap_or("-");
        let seen_key = key(agency_id, report.year);
        let source_id = self.source_id(source)?;
        let first_put = self
            .tx
            .prepare_cached(
                "INSERT INTO import_seen (key, source_id) VALUES (?1, ?2)
                 ON CONFLICT (key) DO NOTHING",
            )?
            .execute(params![seen_key, source_id])?
            == 1;
        if !first_put {
            let stored: Option<String> = self
                .tx
                .prepare_cached(
                    "SELECT content_hash FROM report WHERE agency_id = ?1 AND year = ?2",
                )?
                .query_row(params![agency_id, report.year], |r| r.get(0))
                .optional()?;
            if stored.as_deref() == Some(hash.as_str()) {
                self.summary.add(Outcome::Unchanged);
                return Ok(Outcome::Unchanged);
            }
            // Two forms of one report (its HTML and its text, say) that agree wherever both
            // state a cell are one report: keep the one that states more.
            let (stored_id, stored_cells) = self.stored_cells(agency_id, report.year)?;
            match compare_forms(&stored_cells, &report.cells) {
                Forms::Differ(difference) => {
                    return Err(Error::Conflict(Conflict {
                        agency: report.agency.clone(),
                        year: report.year,
                        first: self.first_source(seen_key)?,
                        second: source.to_string(),
                        difference,
                    }));
                }
                Forms::NewStatesLess => {
                    self.summary.add(Outcome::Unchanged);
                    return Ok(Outcome::Unchanged);
                }
                Forms::NewStatesMore => {
                    // The stored form's per-year totals may still be in memory: put them in
                    // the table first, for the trigger on the DELETE to take them out.
                    self.rollup.flush_all(&self.tx)?;
                    self.tx
                        .prepare_cached("DELETE FROM report WHERE id = ?1")?
                        .execute([stored_id])?;
                    self.write_new(prepared, agency_id, hash)?;
                    // Counted when its first form was put.
                    self.summary.add(Outcome::Unchanged);
                    return Ok(Outcome::Unchanged);
                }
            }
        }
        let existing: Option<(i64, String)> = if agency_id >= self.first_created {
            None
        } else {
            self.tx
                .prepare_cached(
                    "SELECT id, content_hash FROM report WHERE agency_id = ?1 AND year = ?2",
                )?
                .query_row(params![agency_id, report.year], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .map(Some)
                .or_else(|e| match e {
                    rusqlite::Error::QueryReturnedNoRows => Ok(None),
                    e => Err(e),
                })?
        };
        let outcome = match existing {
            Some((_, old)) if old == *hash => {
                self.summary.add(Outcome::Unchanged);
                return Ok(Outcome::Unchanged);
            }
            Some((id, _)) => {
                self.tx
                    .prepare_cached("DELETE FROM report WHERE id = ?1")?
                    .execute([id])?;
                Outcome::Replaced
            }
            None => Outcome::New,
        };
        self.write_new(prepared, agency_id, hash)?;
        self.summary.add(outcome);
        Ok(outcome)
    }

    /// Writes a report that is not in the database: the row, its cells, summary, per-year
    /// totals and findings.
    fn write_new(&mut self, prepared: &Prepared, agency_id: i64, hash: &str) -> Result<()> {
        let report = &prepared.report;
        let shape_id = self.shape_id(report)?;
        self.tx
            .prepare_cached(
                "INSERT INTO report (agency_id, year, template, shape_id, format, source,
                                     content_hash, parser_version, imported_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                agency_id,
                report.year,
                report.template.year(),
                shape_id,
                report.format,
                report.source,
                hash,
                self.parser_version,
                self.started_at,
            ])?;
        let report_id = self.tx.last_insert_rowid();
        self.tx
            .prepare_cached("INSERT INTO temp.import_written (report_id) VALUES (?1)")?
            .execute([report_id])?;
        super::identity::note_report_name(
            &self.tx,
            report_id,
            agency_id,
            &report.agency,
            report.year,
        )?;
        self.write_cells(report_id, report)?;
        self.write_summary(report_id, prepared)?;
        let region = match self.region_keys.get(&agency_id) {
            Some(k) => k.clone(),
            None => {
                let k = RegionKey::of(&self.tx, agency_id)?;
                if self.region_keys.len() >= AGENCY_CACHE {
                    self.region_keys.clear();
                }
                self.region_keys.insert(agency_id, k.clone());
                k
            }
        };
        self.rollup.add(report, &region)?;
        super::findings::after_put(
            &self.tx,
            &mut self.checks,
            report_id,
            agency_id,
            report,
            &prepared.findings,
        )?;
        self.checks.refuse()?;
        Ok(())
    }

    /// The report's hash as stored: without the region code it gives where that code is the
    /// agency's own (it says nothing the database does not know).
    fn hash_of(&self, prepared: &Prepared, agency_id: i64) -> rusqlite::Result<String> {
        let (Some(code), Some(without)) = (
            prepared.report.region_code.as_deref(),
            &prepared.hash_without_region,
        ) else {
            return Ok(prepared.hash.clone());
        };
        let own: Option<String> = self
            .tx
            .prepare_cached("SELECT region_code FROM agency WHERE id = ?1")?
            .query_row([agency_id], |r| r.get(0))?;
        Ok(if own.as_deref() == Some(code) {
            without.clone()
        } else {
            prepared.hash.clone()
        })
    }

    /// The identity of the agency a report names, created when unknown; a new agency, or
    /// one still without a place, is placed on the map (see [`crate::place`]).
    fn agency_id(&mut self, report: &Report, text: Option<&str>) -> Result<i64> {
        let name = report.agency.as_str();
        if let Some(id) = self.agencies.get(name) {
            return Ok(*id);
        }
        let given = report.region_code.as_deref();
        // Through the agency's names (aliases), so a renamed agency stays one identity.
        let found = super::identity::resolve_in(&self.tx, name)?;
        let evidence = text.is_some() || given.is_some();
        let wanted = match found {
            None => true,
            Some(id) => place::wants_place(&self.tx, id, evidence)?,
        };
        let placement = if wanted {
            if self.places.is_none() {
                self.places = Some(place::load_index(&self.tx)?);
            }
            let index = self.places.as_ref().expect("loaded above");
            let mut placement = crate::place::infer(index, name, text);
            if let Some(code) = given {
                placement = place::with_given_code(index, placement, code);
            }
            Some(placement)
        } else {
            None
        };
        let id = match found {
            Some(id) => id,
            None => {
                // A new agency is written with its place: one row, not a row and an update.
                let p = placement.as_ref().filter(|p| p.is_placed());
                self.tx
                    .prepare_cached(
                        "INSERT INTO agency (name, region_code, level) VALUES (?1, ?2, ?3)",
                    )?
                    .execute(params![
                        name,
                        p.and_then(|p| p.code.as_deref()).map(|c| &c[..6]),
                        p.and_then(|p| p.level)
                    ])?;
                self.tx.last_insert_rowid()
            }
        };
        if let Some(p) = &placement {
            // A known agency's reports put earlier in this import may count under its old
            // region in memory: to the table first, for the trigger on its new region to move.
            if found.is_some() && self.rollup.pending() {
                self.rollup.flush_all(&self.tx)?;
            }
            self.region_keys.remove(&id);
            place::write_place(&self.tx, id, p, report.year, found.is_some())?;
        }
        if self.agencies.len() >= AGENCY_CACHE {
            self.agencies.clear();
        }
        self.agencies.insert(name.to_string(), id);
        Ok(id)
    }

    /// The id of a source in `import_source`, added when it differs from the last one.
    fn source_id(&mut self, source: &str) -> rusqlite::Result<i64> {
        if let Some((last, id)) = &self.last_source
            && last == source
        {
            return Ok(*id);
        }
        self.tx
            .prepare_cached("INSERT INTO import_source (source) VALUES (?1)")?
            .execute([source])?;
        let id = self.tx.last_insert_rowid();
        self.last_source = Some((source.to_string(), id));
        Ok(id)
    }

    /// Where this import first put an agency-year.
    fn first_source(&self, seen_key: i64) -> rusqlite::Result<String> {
        self.tx
            .prepare_cached(
                "SELECT s.source FROM import_seen k
                 JOIN import_source s ON s.id = k.source_id WHERE k.key = ?1",
            )?
            .query_row([seen_key], |r| r.get(0))
    }

    /// Marks the start of one input file, which [`Importer::end_file`] keeps or undoes alone.
    pub fn begin_file(&mut self) -> Result<()> {
        self.check_failed()?;
        let flushed = self.rollup.begin_file(&self.tx);
        self.note_failure(flushed)?;
        self.tx.execute_batch("SAVEPOINT file")?;
        self.file_summary = self.summary.clone();
        Ok(())
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
        let (tally, cross_year_errors) = super::findings::import_tally(&self.tx)?;
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
        self.tx.execute(
            "INSERT INTO import_run (started_at, finished_at, version, paths, new, replaced, unchanged)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                self.started_at,
                now_utc(),
                env!("CARGO_PKG_VERSION"),
                paths,
                self.summary.new as i64,
                self.summary.replaced as i64,
                self.summary.unchanged as i64
            ],
        ).map_err(Error::from_sql)?;
        self.tx.commit().map_err(Error::from_sql)?;
        Ok(self.summary)
    }

    /// Drops everything put so far (for `--dry-run`, or after an error).
    pub fn rollback(self) -> Result<ImportSummary> {
        self.tx.rollback()?;
        Ok(self.summary)
    }
}

/// The key of an agency-year in `import_seen`.
fn key(agency_id: i64, year: i64) -> i64 {
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

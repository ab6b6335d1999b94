//! Writing reports: one transaction per import, so an import either lands whole or leaves
//! the database exactly as it was.

use super::{Error, Result, Store, now_utc};
use crate::contract::{self, Kind};
use crate::model::{Report, Value};
use rusqlite::{Transaction, params};
use std::collections::HashMap;

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
#[error("{agency} {year} is given twice with different numbers: in {first} and in {second}")]
pub struct Conflict {
    pub agency: String,
    pub year: i64,
    pub first: String,
    pub second: String,
}

/// An import in progress: every report put here lands at `commit`, or none does.
pub struct Importer<'a> {
    tx: Transaction<'a>,
    started_at: String,
    agencies: HashMap<String, i64>,
    shapes: HashMap<Vec<(u8, u8)>, i64>,
    /// Reports put in this import: (agency id, year) → (content hash, source).
    seen: HashMap<(i64, i64), (String, String)>,
    /// Keys put since the current file began, to forget if the file is rolled back.
    file_keys: Vec<(i64, i64)>,
    file_summary: ImportSummary,
    parser_version: String,
    pub summary: ImportSummary,
    checks: super::findings::CheckState,
}

impl Store {
    pub fn begin_import(&mut self, parser_version: &str) -> Result<Importer<'_>> {
        let tx = Transaction::new(&mut self.conn, rusqlite::TransactionBehavior::Immediate)
            .map_err(Error::from_sql)?;
        Ok(Importer {
            tx,
            started_at: now_utc(),
            agencies: HashMap::new(),
            shapes: HashMap::new(),
            seen: HashMap::new(),
            file_keys: Vec::new(),
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
    pub fn put(&mut self, report: &Report) -> Result<Outcome> {
        self.checks.skip();
        let agency_id = self.agency_id(&report.agency, report.region_code.as_deref())?;
        let hash = report.content_hash();
        let source = report.source.clone().unwrap_or_else(|| "-".into());
        if let Some((seen_hash, first)) = self.seen.get(&(agency_id, report.year)) {
            if *seen_hash == hash {
                self.summary.add(Outcome::Unchanged);
                return Ok(Outcome::Unchanged);
            }
            return Err(Error::Conflict(Conflict {
                agency: report.agency.clone(),
                year: report.year,
                first: first.clone(),
                second: source,
            }));
        }
        self.seen
            .insert((agency_id, report.year), (hash.clone(), source));
        self.file_keys.push((agency_id, report.year));
        let existing: Option<(i64, String)> = self
            .tx
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
            })?;
        let outcome = match existing {
            Some((_, old)) if old == hash => {
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
        self.write_cells(report_id, report)?;
        self.write_summary(report_id, report)?;
        super::findings::after_put(&self.tx, &mut self.checks, report_id, agency_id, report)?;
        self.checks.refuse()?;
        self.summary.add(outcome);
        Ok(outcome)
    }

    fn write_cells(&mut self, report_id: i64, report: &Report) -> rusqlite::Result<()> {
        let mut fact = self.tx.prepare_cached(
            "INSERT INTO fact (report_id, row_id, col_id, value) VALUES (?1, ?2, ?3, ?4)",
        )?;
        let mut money = self.tx.prepare_cached(
            "INSERT INTO fact_money (report_id, row_id, col_id, value) VALUES (?1, ?2, ?3, ?4)",
        )?;
        let mut origin = self.tx.prepare_cached(
            "INSERT INTO fact_origin (report_id, row_id, col_id, origin) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for c in &report.cells {
            let is_money = contract::col_by_id(c.col).is_some_and(|d| d.kind == Kind::Money);
            match (&c.value, is_money) {
                (Value::Int(0), false) => {}
                (Value::Int(v), false) => {
                    fact.execute(params![report_id, c.row, c.col, v])?;
                }
                (Value::Blank, false) => {
                    fact.execute(params![report_id, c.row, c.col, None::<i64>])?;
                }
                (Value::Blank, true) => {
                    money.execute(params![report_id, c.row, c.col, None::<String>])?;
                }
                (v, true) => {
                    money.execute(params![report_id, c.row, c.col, v.to_string()])?;
                }
                (Value::Money(s), false) => {
                    // The readers never produce this; store what was read rather than lose it.
                    fact.execute(params![report_id, c.row, c.col, s])?;
                }
            }
            if let Some(o) = &c.origin {
                origin.execute(params![report_id, c.row, c.col, o])?;
            }
        }
        Ok(())
    }

    fn write_summary(&mut self, report_id: i64, report: &Report) -> rusqlite::Result<()> {
        let s = crate::model::summary(report);
        self.tx
            .prepare_cached(
                "INSERT INTO report_summary VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,
                 ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
            )?
            .execute(rusqlite::params_from_iter(
                std::iter::once(Some(report_id)).chain(s.iter().copied()),
            ))?;
        Ok(())
    }

    fn agency_id(&mut self, name: &str, region_code: Option<&str>) -> rusqlite::Result<i64> {
        if let Some(id) = self.agencies.get(name) {
            return Ok(*id);
        }
        let found: Option<i64> = self
            .tx
            .prepare_cached("SELECT id FROM agency WHERE name = ?1")?
            .query_row([name], |r| r.get(0))
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })?;
        let id = match found {
            Some(id) => {
                if let Some(code) = region_code {
                    self.tx
                        .prepare_cached(
                            "UPDATE agency SET region_code = ?2 WHERE id = ?1 AND region_code IS NULL",
                        )?
                        .execute(params![id, code])?;
                }
                id
            }
            None => {
                self.tx
                    .prepare_cached("INSERT INTO agency (name, region_code) VALUES (?1, ?2)")?
                    .execute(params![name, region_code])?;
                self.tx.last_insert_rowid()
            }
        };
        self.agencies.insert(name.to_string(), id);
        Ok(id)
    }

    fn shape_id(&mut self, report: &Report) -> rusqlite::Result<i64> {
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

    /// Marks the start of one input file, which [`Importer::end_file`] keeps or undoes alone.
    pub fn begin_file(&mut self) -> Result<()> {
        self.tx.execute_batch("SAVEPOINT file")?;
        self.file_keys.clear();
        self.file_summary = self.summary.clone();
        self.checks.begin_file();
        Ok(())
    }

    /// Keeps (`keep = true`) or undoes everything put since [`Importer::begin_file`].
    pub fn end_file(&mut self, keep: bool) -> Result<()> {
        if keep {
            self.tx.execute_batch("RELEASE file")?;
            return Ok(());
        }
        self.tx.execute_batch("ROLLBACK TO file; RELEASE file")?;
        for key in self.file_keys.drain(..) {
            self.seen.remove(&key);
        }
        // Ids handed out inside the undone part no longer exist.
        self.agencies.clear();
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

    /// The findings of `gov-db check` about what this import wrote: counts, and every finding
    /// that involves the last report put (empty when it was unchanged).
    pub fn checks(&self) -> &super::findings::CheckState {
        &self.checks
    }

    /// Stores the counts quoted in the text of a report just put (see
    /// [`crate::check::narrative_claims`]) and checks them against its tables.
    pub fn put_narrative(&mut self, report: &Report, claims: &[crate::check::Claim]) -> Result<()> {
        let agency_id = self.agency_id(&report.agency, report.region_code.as_deref())?;
        let id: i64 = self
            .tx
            .prepare_cached("SELECT id FROM report WHERE agency_id = ?1 AND year = ?2")?
            .query_row(params![agency_id, report.year], |r| r.get(0))?;
        super::findings::put_narrative(&self.tx, &mut self.checks, id, report, claims)?;
        Ok(())
    }

    /// Makes the import permanent and records it in `import_run`.
    pub fn commit(self, paths: &str) -> Result<ImportSummary> {
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
        )?;
        self.tx.commit().map_err(Error::from_sql)?;
        Ok(self.summary)
    }

    /// Drops everything put so far (for `--dry-run`, or after an error).
    pub fn rollback(self) -> Result<ImportSummary> {
        self.tx.rollback()?;
        Ok(self.summary)
    }
}

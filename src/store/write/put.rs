//! Putting one report: new, the same again, a poorer or fuller form of the reading stored, or
//! its next version. A reading that is replaced is kept in `report_version` first (see
//! migrations/V11__history.sql); a new report's first version is its current cells alone, so
//! an import of new reports writes nothing more than before there was history.

use super::forms::{CellDiff, Forms, compare_forms};
use super::rollup::RegionKey;
use super::{Conflict, Importer, Outcome, Prepared, Written, key};
use crate::model::Report;
use crate::store::history::{self, Ended};
use crate::store::identity::place;
use crate::store::{Error, Result};
use rusqlite::{OptionalExtension, params};

impl Importer<'_> {
    pub(super) fn put_report(
        &mut self,
        prepared: &Prepared,
        text: Option<&str>,
    ) -> Result<Outcome> {
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
            return self.put_again(prepared, agency_id, seen_key, hash);
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
                .optional()?
        };
        match existing {
            None => {
                let id = self.next_report_id;
                self.next_report_id += 1;
                self.write_new(prepared, agency_id, id, 1, Fresh(hash))?;
                Ok(Outcome::New)
            }
            Some((_, old)) if old == *hash => Ok(Outcome::Unchanged),
            Some((id, _)) => self.replace(prepared, agency_id, id, hash),
        }
    }

    /// The agency-year was put earlier in this import (two forms of one report: its HTML and
    /// its text, say): the same numbers change nothing, a form that agrees with the first
    /// but states fewer cells is left aside, a fuller one takes the first one's place, and
    /// any other is a conflict.
    fn put_again(
        &mut self,
        prepared: &Prepared,
        agency_id: i64,
        seen_key: i64,
        hash: &str,
    ) -> Result<Outcome> {
        let report = &prepared.report;
        let (stored_id, stored_hash, version, run_id): (i64, String, i64, Option<i64>) = self
            .tx
            .prepare_cached(
                "SELECT id, content_hash, version, run_id FROM report
                 WHERE agency_id = ?1 AND year = ?2",
            )?
            .query_row(params![agency_id, report.year], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?;
        if stored_hash == hash {
            return Ok(Outcome::Unchanged);
        }
        let stored_cells = self.stored_cells(stored_id)?;
        let earlier = self.first_source(seen_key)?;
        match compare_forms(&stored_cells, &report.cells) {
            Forms::Differ(difference) => Err(Error::Conflict(Conflict {
                agency: report.agency.clone(),
                year: report.year,
                first: earlier,
                second: report.source.as_deref().unwrap_or("-").to_string(),
                difference,
            })),
            Forms::NewStatesLess => Ok(Outcome::Kept {
                stored: stored_cells.len(),
                read: report.cells.len(),
                earlier: Some(earlier),
            }),
            // The reading stored is not this import's (the first form found it unchanged):
            // it becomes a version like any other replaced.
            Forms::NewStatesMore if run_id != self.run_id => {
                self.replace(prepared, agency_id, stored_id, hash)
            }
            Forms::NewStatesMore => {
                // The first form's per-year totals may still be in memory: put them in the
                // table first, for the trigger on the DELETE to take them out.
                self.rollup.flush_all(&self.tx)?;
                self.tx
                    .prepare_cached("DELETE FROM report WHERE id = ?1")?
                    .execute([stored_id])?;
                self.write_new(prepared, agency_id, stored_id, version, Fresh(hash))?;
                Ok(Outcome::Fuller {
                    earlier,
                    more: report.cells.len() - stored_cells.len(),
                })
            }
        }
    }

    /// A reading of a report stored before this import: kept aside when it agrees with the
    /// stored one and states fewer cells (the fuller stays current), else the next version,
    /// the stored one kept in `report_version` with what changed.
    fn replace(
        &mut self,
        prepared: &Prepared,
        agency_id: i64,
        id: i64,
        hash: &str,
    ) -> Result<Outcome> {
        let report = &prepared.report;
        let stored = history::load_current(&self.tx, id)?;
        let printed = stored.reading.printed_cells();
        let diff = CellDiff::new(&printed, &report.cells);
        if diff.later_states_less() && stored.meta.template == report.template.year() {
            return Ok(Outcome::Kept {
                stored: printed.len(),
                read: report.cells.len(),
                earlier: None,
            });
        }
        // In English: the import's log keeps it.
        let change = history::describe_change(crate::i18n::Lang::En, &stored, report, &diff);
        let ended = Ended::Import(self.run_id);
        history::save_version(&self.tx, &stored, &ended, &self.started_at)?;
        self.tx
            .prepare_cached("DELETE FROM report WHERE id = ?1")?
            .execute([id])?;
        let version = stored.meta.version + 1;
        self.write_new(prepared, agency_id, id, version, Fresh(hash))?;
        let said = history::describe_change(crate::i18n::lang(), &stored, report, &diff);
        Ok(Outcome::Replaced {
            version,
            change,
            said,
        })
    }

    /// Writes a report that is not in the database, as `id` at `version`: the row, its cells,
    /// summary, per-year totals and findings. `written` is this import's reading with its
    /// hash as stored, or keeps the facts of a reading that is not this import's (a version
    /// put back, a correction).
    pub(in crate::store) fn write_new(
        &mut self,
        prepared: &Prepared,
        agency_id: i64,
        id: i64,
        version: i64,
        written: Reading<'_>,
    ) -> Result<()> {
        let report = &prepared.report;
        let shape_id = self.shape_id(report)?;
        let (hash, parser_version, made_at, run_id) = match written {
            Kept(w) => (w.hash, w.parser_version, w.made_at, w.run_id),
            Fresh(hash) => (
                hash,
                self.parser_version.as_str(),
                self.started_at.as_str(),
                self.run_id,
            ),
        };
        self.tx
            .prepare_cached(
                "INSERT INTO report (id, agency_id, year, template, shape_id, format, source,
                                     content_hash, parser_version, imported_at, version, run_id,
                                     filed_as)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?
            .execute(params![
                id,
                agency_id,
                report.year,
                report.template.year(),
                shape_id,
                report.format,
                report.source,
                hash,
                parser_version,
                made_at,
                version,
                run_id,
                key(agency_id, report.year),
            ])?;
        crate::store::identity::note_report_name(
            &self.tx,
            id,
            agency_id,
            &report.agency,
            report.year,
        )?;
        self.write_cells(id, report)?;
        self.write_summary(id, prepared)?;
        self.write_outcomes(id, prepared)?;
        let region = self.region_key(agency_id)?;
        self.rollup.add(report, &region)?;
        crate::store::findings::after_put(
            &self.tx,
            &mut self.checks,
            id,
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
    pub(super) fn agency_id(&mut self, report: &Report, text: Option<&str>) -> Result<i64> {
        let name = report.agency.as_str();
        if let Some(id) = self.agencies.get(name) {
            return Ok(*id);
        }
        let given = report.region_code.as_deref();
        // Through the agency's names (aliases), so a renamed agency stays one identity.
        let found = crate::store::identity::resolve_in(&self.tx, name)?;
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
        if self.agencies.len() >= super::AGENCY_CACHE {
            self.agencies.clear();
        }
        self.agencies.insert(name.to_string(), id);
        Ok(id)
    }

    /// Where an agency's reports count in `region_cell_total` (its province and level now).
    fn region_key(&mut self, agency_id: i64) -> rusqlite::Result<RegionKey> {
        if let Some(k) = self.region_keys.get(&agency_id) {
            return Ok(k.clone());
        }
        let k = RegionKey::of(&self.tx, agency_id)?;
        if self.region_keys.len() >= super::AGENCY_CACHE {
            self.region_keys.clear();
        }
        self.region_keys.insert(agency_id, k.clone());
        Ok(k)
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
}

/// The facts of a reading being written: this import's, with its hash as stored, or a
/// reading that is not this import's, whose own facts are kept.
pub(in crate::store) enum Reading<'s> {
    Fresh(&'s str),
    Kept(&'s Written<'s>),
}
use Reading::{Fresh, Kept};

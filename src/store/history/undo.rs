//! `gov-db import undo`: an import run reversed whole. The reports it brought are taken out,
//! the ones it replaced get back the version it superseded, and the agencies it created for
//! them go when nothing else holds on to them. Refused, naming the report and the change,
//! when a later change touched what the run wrote: a later import that replaced it, a
//! correction, a deletion, or an agency change that moved it.

use super::load_version;
use crate::store::write::{Written, key};
use crate::store::{Error, Result, Store, now_utc};
use rusqlite::{Connection, OptionalExtension, params};

fn refused(msg: impl Into<String>) -> Error {
    Error::History(msg.into())
}

/// A report whose current reading the run wrote.
struct RunReport {
    id: i64,
    version: i64,
    agency_id: i64,
    year: i64,
    filed_as: Option<i64>,
}

impl Store {
    /// Reverses import run `run` (the last one not undone when None). Returns what it did,
    /// in words.
    pub fn undo_import(&mut self, run: Option<i64>) -> Result<String> {
        let mut w = self.begin_change()?;
        let conn = w.conn();
        let run = match run {
            Some(r) => r,
            None => conn
                .query_row(
                    "SELECT max(id) FROM import_run WHERE undone_at IS NULL",
                    [],
                    |r| r.get::<_, Option<i64>>(0),
                )?
                .ok_or_else(|| refused(crate::t!("undo-nothing")))?,
        };
        let (paths, undone, first_agency, last_agency): (
            String,
            Option<String>,
            Option<i64>,
            Option<i64>,
        ) = conn
            .query_row(
                "SELECT paths, undone_at, first_agency, last_agency FROM import_run WHERE id = ?1",
                [run],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?
            .ok_or_else(|| refused(crate::t!("undo-no-run", run = run)))?;
        if let Some(at) = undone {
            return Err(refused(crate::t!("undo-already", run = run, at = at)));
        }
        if first_agency.is_none() {
            return Err(refused(crate::t!("undo-before-history", run = run)));
        }
        refuse_if_touched_since(conn, run)?;
        let written: Vec<RunReport> = conn
            .prepare(
                "SELECT id, version, agency_id, year, filed_as FROM report WHERE run_id = ?1
                 ORDER BY agency_id, year",
            )?
            .query_map([run], |r| {
                Ok(RunReport {
                    id: r.get(0)?,
                    version: r.get(1)?,
                    agency_id: r.get(2)?,
                    year: r.get(3)?,
                    filed_as: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        for r in &written {
            if r.filed_as != Some(key(r.agency_id, r.year)) {
                return Err(refused(format!(
                    "cannot undo import #{run}: {} {}, which it wrote, was moved by an agency change since; undo that first (gov-db agency log)",
                    agency_name(conn, r.agency_id)?,
                    r.year
                )));
            }
        }
        let (mut removed, mut restored) = (0, Vec::new());
        for r in &written {
            let previous = w
                .conn()
                .query_row(
                    "SELECT version FROM report_version
                     WHERE report_id = ?1 AND version = ?2 AND ended_run = ?3",
                    params![r.id, r.version - 1, run],
                    |row| row.get::<_, i64>(0),
                )
                .optional()?;
            w.remove(r.id)?;
            match previous {
                None => removed += 1,
                Some(v) => {
                    let stored = load_version(w.conn(), r.id, v)?.ok_or_else(|| {
                        refused(format!("version {v} of report {} is gone", r.id))
                    })?;
                    let written = Written {
                        hash: &stored.meta.hash,
                        parser_version: &stored.meta.parser_version,
                        made_at: &stored.meta.made_at,
                        run_id: stored.meta.run_id,
                    };
                    w.put_stored(&stored, r.agency_id, v, &written)?;
                    w.conn().execute(
                        "DELETE FROM report_version WHERE report_id = ?1 AND version = ?2",
                        params![r.id, v],
                    )?;
                    restored.push(crate::t!(
                        "undo-restored",
                        agency = agency_name(w.conn(), r.agency_id)?,
                        year = r.year,
                        version = v
                    ));
                }
            }
        }
        let agencies = match (first_agency, last_agency) {
            (Some(from), Some(to)) => remove_created_agencies(w.conn(), from, to)?,
            _ => 0,
        };
        w.conn().execute(
            "UPDATE import_run SET undone_at = ?2 WHERE id = ?1",
            params![run, now_utc()],
        )?;
        w.finish()?;
        let mut done = crate::t!(
            "undo-done",
            run = run,
            paths = paths,
            removed = removed,
            restored = restored.len()
        );
        if !restored.is_empty() {
            let lang = crate::i18n::lang();
            done.push_str(&crate::t!(
                "undo-restored-list",
                list = crate::store::write::forms::a_few_in(lang, &restored)
            ));
        }
        if agencies > 0 {
            done.push_str(&crate::t!("undo-agencies", agencies = agencies));
        }
        Ok(done)
    }
}

/// Refuses when a reading the run wrote was superseded since (by another import, a
/// correction, a deletion): undoing the run would lose or contradict that change.
fn refuse_if_touched_since(conn: &Connection, run: i64) -> Result<()> {
    let touched: Option<(i64, i64, i64, String, Option<i64>)> = conn
        .query_row(
            "SELECT agency_id, year, version, ended, ended_run FROM report_version
             WHERE run_id = ?1 ORDER BY ended_at LIMIT 1",
            [run],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let Some((agency, year, version, ended, ended_run)) = touched else {
        return Ok(());
    };
    let what = match (ended.as_str(), ended_run) {
        ("import", Some(later)) => crate::t!("undo-touched-import", later = later),
        ("correction", _) => crate::t!("undo-touched-correction"),
        ("deletion", _) => crate::t!("undo-touched-deletion"),
        _ => crate::t!("undo-touched-other"),
    };
    Err(refused(crate::t!(
        "undo-touched",
        run = run,
        version = version,
        agency = agency_name(conn, agency)?,
        year = year.to_string(),
        what = what
    )))
}

fn agency_name(conn: &Connection, id: i64) -> rusqlite::Result<String> {
    conn.query_row("SELECT name FROM agency WHERE id = ?1", [id], |r| r.get(0))
}

/// Takes out the agencies the run created (ids `from..=to`) that nothing holds on to any
/// more: no report, no version, no change of `gov-db agency`, no agency pointing at them.
fn remove_created_agencies(conn: &Connection, from: i64, to: i64) -> rusqlite::Result<usize> {
    let unused = "SELECT a.id FROM agency a WHERE a.id BETWEEN ?1 AND ?2
        AND NOT EXISTS (SELECT 1 FROM report r WHERE r.agency_id = a.id)
        AND NOT EXISTS (SELECT 1 FROM report_version v WHERE v.agency_id = a.id)
        AND NOT EXISTS (SELECT 1 FROM agency b WHERE b.parent_id = a.id OR b.merged_into = a.id)
        AND NOT EXISTS (SELECT 1 FROM agency_op_step s
                        WHERE (s.tbl IN ('agency', 'agency_place') AND s.key = a.id)
                           OR (s.tbl = 'agency_name' AND (s.before = a.id OR s.after = a.id)))";
    conn.execute(
        &format!("DELETE FROM agency_name WHERE agency_id IN ({unused})"),
        params![from, to],
    )?;
    conn.execute(
        &format!("DELETE FROM agency WHERE id IN ({unused})"),
        params![from, to],
    )
}

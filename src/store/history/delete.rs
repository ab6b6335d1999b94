//! `gov-db delete`: a report taken out of every view, its reading kept as a version marked
//! deleted, and `gov-db delete --undo` to bring it back as it was.

use super::{Ended, load_current, load_version, save_version};
use crate::store::write::Written;
use crate::store::{Error, Result, Store, now_utc};
use rusqlite::{OptionalExtension, params};

fn refused(msg: impl Into<String>) -> Error {
    Error::History(msg.into())
}

impl Store {
    /// Deletes the report of `agency` (a canonical name) for `year`, keeping its reading.
    pub fn delete_report(&mut self, agency: &str, year: i64) -> Result<String> {
        let mut w = self.begin_change()?;
        let id: i64 = w
            .conn()
            .query_row(
                "SELECT r.id FROM report r JOIN agency a ON a.id = r.agency_id
                 WHERE a.name = ?1 AND r.year = ?2",
                params![agency, year],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| refused(format!("{agency} has no report for {year}")))?;
        let stored = load_current(w.conn(), id)?;
        save_version(w.conn(), &stored, &Ended::Deletion, &now_utc())?;
        w.remove(id)?;
        w.finish()?;
        Ok(format!(
            "deleted {agency} {year} (version {} is kept in its history; gov-db delete --undo --agency {agency} --year {year} brings it back)",
            stored.meta.version
        ))
    }

    /// Brings back the report of `agency` (a canonical name) for `year` deleted last.
    pub fn undelete_report(&mut self, agency: &str, year: i64) -> Result<String> {
        let mut w = self.begin_change()?;
        let agency_id: i64 =
            w.conn()
                .query_row("SELECT id FROM agency WHERE name = ?1", [agency], |r| {
                    r.get(0)
                })?;
        let deleted: (i64, i64) = w
            .conn()
            .query_row(
                "SELECT report_id, version FROM report_version
                 WHERE ended = 'deletion' AND year = ?2
                   AND agency_id IN (SELECT id FROM agency WHERE id = ?1 OR merged_into = ?1)
                 ORDER BY ended_at DESC, report_id DESC LIMIT 1",
                params![agency_id, year],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| refused(format!("{agency} has no deleted report for {year}")))?;
        let now: Option<i64> = w
            .conn()
            .query_row(
                "SELECT id FROM report WHERE agency_id = ?1 AND year = ?2",
                params![agency_id, year],
                |r| r.get(0),
            )
            .optional()?;
        if now.is_some() {
            return Err(refused(format!(
                "{agency} has a report for {year} again (imported since the deletion): delete it first to bring the deleted one back"
            )));
        }
        let (id, version) = deleted;
        let stored = load_version(w.conn(), id, version)?
            .ok_or_else(|| refused(format!("version {version} of report {id} is gone")))?;
        let written = Written {
            hash: &stored.meta.hash,
            parser_version: &stored.meta.parser_version,
            made_at: &stored.meta.made_at,
            run_id: stored.meta.run_id,
        };
        w.put_stored(&stored, agency_id, version, &written)?;
        w.conn().execute(
            "DELETE FROM report_version WHERE report_id = ?1 AND version = ?2",
            params![id, version],
        )?;
        w.finish()?;
        Ok(format!(
            "brought back {agency} {year} (version {version}, as it was before the deletion)"
        ))
    }
}

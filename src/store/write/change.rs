//! The importer's writing for a change that is not an import: a stored reading put back (an
//! undo, a deletion taken back) or written anew (a correction), and a report taken out. The
//! same code as an import's, so that the cells, totals and findings come out the same.

use super::put::Reading::Kept;
use super::{Importer, Prepared, Written};
use crate::store::Result;
use crate::store::history::{self, Stored};
use rusqlite::Connection;

impl Importer<'_> {
    /// The transaction, for what a change reads and logs beside the reports.
    pub(in crate::store) fn conn(&self) -> &Connection {
        &self.tx
    }

    /// Takes report `id` out with everything that hangs on it (cells, totals, findings; the
    /// per-year totals through the trigger on `report`).
    pub(in crate::store) fn remove(&mut self, id: i64) -> Result<()> {
        // Per-year totals still in memory go to the table first, for the trigger to find.
        self.rollup.flush_all(&self.tx)?;
        self.tx
            .prepare_cached("DELETE FROM report WHERE id = ?1")?
            .execute([id])?;
        // The checks remember the last report written as the next one's previous year.
        self.checks.rollback_file();
        Ok(())
    }

    /// Writes a stored reading as report `stored.meta.report_id` of `agency_id` at `version`,
    /// with its corrections and the counts its text quoted; `written` says whose it is.
    pub(in crate::store) fn put_stored(
        &mut self,
        stored: &Stored,
        agency_id: i64,
        version: i64,
        written: &Written<'_>,
    ) -> Result<()> {
        let id = stored.meta.report_id;
        let prepared = Prepared::new(stored.report());
        self.write_new(&prepared, agency_id, id, version, Kept(written))?;
        history::write_corrections(&self.tx, id, &stored.reading.corrections)?;
        if !stored.reading.claims.is_empty() {
            crate::store::findings::put_narrative(
                &self.tx,
                id,
                &prepared.report,
                &stored.reading.claims,
            )?;
        }
        Ok(())
    }

    /// Commits a change that is not an import.
    pub(in crate::store) fn finish(self) -> Result<()> {
        self.commit("").map(|_| ())
    }
}

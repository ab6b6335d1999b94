//! Reading history back: a report's versions (`gov-db history`), any version's cells
//! (`gov-db show --version`), and the import runs with their files (`gov-db import log`).

use super::{Stored, corrections, load_current, load_version};
use crate::contract;
use crate::model::Value;
use crate::store::write::FileLine;
use crate::store::{Error, Result, Rows, SqlValue, Store};
use rusqlite::{OptionalExtension, params};

/// One version of a report, as `gov-db history` lists it.
#[derive(Clone, Debug)]
pub struct VersionEntry {
    /// None on the line of a deletion.
    pub version: Option<i64>,
    /// current, superseded, deleted (the reading deleted), or deletion.
    pub status: &'static str,
    pub at: String,
    /// `import #3`, `correction`.
    pub by: String,
    pub source: Option<String>,
    pub format: String,
    pub cells: i64,
    /// What this version changed against the one before it.
    pub change: String,
}

/// One import run, as `gov-db import log` lists them.
#[derive(Clone, Debug)]
pub struct RunEntry {
    pub id: i64,
    pub started_at: String,
    pub paths: String,
    pub new: i64,
    pub replaced: i64,
    pub unchanged: i64,
    pub kept: i64,
    pub files: i64,
    pub undone_at: Option<String>,
}

/// What made a version: `import #3`, or `correction` (its reason is in what it changed).
fn by(run_id: Option<i64>, reason: Option<&str>) -> String {
    match (run_id, reason) {
        (_, Some(_)) => crate::t!("history-by-correction"),
        (Some(run), None) => crate::t!("history-by-import", run = run),
        (None, None) => "-".to_string(),
    }
}

impl Store {
    /// The id of the report of an agency (canonical name) and year: the current one, else the
    /// one deleted last; None when there never was one.
    fn report_of(&self, agency: &str, year: i64) -> Result<Option<(i64, bool)>> {
        let current: Option<i64> = self
            .conn
            .query_row(
                "SELECT r.id FROM report r JOIN agency a ON a.id = r.agency_id
                 WHERE a.name = ?1 AND r.year = ?2",
                params![agency, year],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = current {
            return Ok(Some((id, true)));
        }
        Ok(self
            .conn
            .query_row(
                "SELECT v.report_id FROM report_version v JOIN agency a ON a.id = v.agency_id
                 WHERE v.ended = 'deletion' AND v.year = ?2
                   AND (a.name = ?1 OR a.merged_into = (SELECT id FROM agency WHERE name = ?1))
                 ORDER BY v.ended_at DESC, v.report_id DESC LIMIT 1",
                params![agency, year],
                |r| r.get(0),
            )
            .optional()?
            .map(|id| (id, false)))
    }

    /// Every version of the report of `agency` (a canonical name) for `year`, oldest first:
    /// the current one last, or a deleted report's readings.
    pub fn history(&self, agency: &str, year: i64) -> Result<Vec<VersionEntry>> {
        let Some((id, current)) = self.report_of(agency, year)? else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        let rows: Vec<(i64, String, i64, String)> = self
            .conn
            .prepare(
                "SELECT v.version, v.ended, s.cells, v.ended_at
                 FROM report_version v JOIN shape s ON s.id = v.shape_id
                 WHERE v.report_id = ?1 ORDER BY v.version",
            )?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut readings: Vec<(Stored, &'static str, i64)> = Vec::new();
        let mut deleted_at = None;
        for (version, ended, cells, ended_at) in rows {
            let stored = load_version(&self.conn, id, version)?.ok_or_else(|| {
                Error::History(format!("version {version} of report {id} is gone"))
            })?;
            let status = if ended == "deletion" {
                deleted_at = Some(ended_at);
                "deleted"
            } else {
                "superseded"
            };
            readings.push((stored, status, cells));
        }
        if current {
            let stored = load_current(&self.conn, id)?;
            let cells: i64 = self.conn.query_row(
                "SELECT cells FROM shape WHERE id = ?1",
                [stored.meta.shape_id],
                |r| r.get(0),
            )?;
            readings.push((stored, "current", cells));
        }
        for (i, (stored, status, cells)) in readings.iter().enumerate() {
            let m = &stored.meta;
            let change = match i.checked_sub(1).and_then(|p| readings.get(p)) {
                None => crate::t!("history-first-reading"),
                Some((prev, _, _)) => super::change_between(prev, stored),
            };
            out.push(VersionEntry {
                version: Some(m.version),
                status,
                at: m.made_at.clone(),
                by: by(m.run_id, m.reason.as_deref()),
                source: m.source.clone(),
                format: m.format.clone(),
                cells: *cells,
                change,
            });
        }
        if let Some(at) = deleted_at {
            out.push(VersionEntry {
                version: None,
                status: "deletion",
                at,
                by: "gov-db delete".into(),
                source: None,
                format: String::new(),
                cells: 0,
                change: crate::t!("history-deleted"),
            });
        }
        Ok(out)
    }

    /// One version of the report of `agency` (canonical) for `year` (None: the current one):
    /// its facts and its cells as `show` prints them, with `printed` and `reason` columns
    /// when it has corrected cells. None when there is no such version.
    pub fn show_version(
        &self,
        agency: &str,
        year: i64,
        version: Option<i64>,
    ) -> Result<Option<(Rows, Rows)>> {
        let Some((id, current)) = self.report_of(agency, year)? else {
            return Ok(None);
        };
        let now: Option<i64> = if current {
            Some(
                self.conn
                    .query_row("SELECT version FROM report WHERE id = ?1", [id], |r| {
                        r.get(0)
                    })?,
            )
        } else {
            None
        };
        let (stored, status) = match version {
            None if now.is_some() => (load_current(&self.conn, id)?, "current"),
            Some(v) if Some(v) == now => (load_current(&self.conn, id)?, "current"),
            None => return Ok(None),
            Some(v) => match load_version(&self.conn, id, v)? {
                Some(s) => (s, "superseded"),
                None => return Ok(None),
            },
        };
        Ok(Some((facts(agency, &stored, status), cells(&stored))))
    }

    /// The import runs, newest first.
    pub fn import_runs(&self) -> Result<Vec<RunEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT r.id, r.started_at, r.paths, r.new, r.replaced, r.unchanged, r.kept,
                    (SELECT count(*) FROM import_file f WHERE f.run_id = r.id), r.undone_at
             FROM import_run r ORDER BY r.id DESC",
        )?;
        let runs = stmt
            .query_map([], |r| {
                Ok(RunEntry {
                    id: r.get(0)?,
                    started_at: r.get(1)?,
                    paths: r.get(2)?,
                    new: r.get(3)?,
                    replaced: r.get(4)?,
                    unchanged: r.get(5)?,
                    kept: r.get(6)?,
                    files: r.get(7)?,
                    undone_at: r.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(runs)
    }

    /// The files of import run `run`, in the order it read them.
    pub fn import_files(&self, run: i64) -> Result<Vec<FileLine>> {
        let known: Option<i64> = self
            .conn
            .query_row("SELECT id FROM import_run WHERE id = ?1", [run], |r| {
                r.get(0)
            })
            .optional()?;
        if known.is_none() {
            return Err(Error::History(format!(
                "there is no import #{run} (gov-db import log lists them)"
            )));
        }
        let mut stmt = self.conn.prepare(
            "SELECT path, agency, year, format, reports, result, detail FROM import_file
             WHERE run_id = ?1 ORDER BY seq",
        )?;
        let files = stmt
            .query_map([run], |r| {
                Ok(FileLine {
                    file: r.get(0)?,
                    agency: r.get(1)?,
                    year: r.get(2)?,
                    format: r.get(3)?,
                    reports: r.get::<_, i64>(4)? as u64,
                    result: r.get(5)?,
                    detail: r.get(6)?,
                    said: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(files)
    }

    /// The corrected cells of the current reading of every report that has some.
    pub fn corrected_reports(&self) -> Result<Vec<i64>> {
        Ok(self
            .conn
            .prepare("SELECT DISTINCT report_id FROM cell_correction ORDER BY report_id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The corrections of report `id`'s current reading.
    pub fn corrections_of(&self, id: i64) -> Result<Vec<super::Correction>> {
        Ok(corrections(&self.conn, id)?)
    }
}

/// A version's own facts, in `show`'s table format.
fn facts(agency: &str, stored: &Stored, status: &str) -> Rows {
    let m = &stored.meta;
    let text = |s: &str| SqlValue::Text(s.to_string());
    let pairs: Vec<(&str, SqlValue)> = vec![
        ("agency", text(agency)),
        ("printed_name", text(&m.printed_name)),
        ("year", SqlValue::Int(m.year)),
        ("version", SqlValue::Int(m.version)),
        ("status", text(status)),
        ("template", SqlValue::Int(m.template)),
        ("format", text(&m.format)),
        ("source", m.source.as_deref().map_or(SqlValue::Null, text)),
        ("content_hash", text(&m.hash)),
        ("parser_version", text(&m.parser_version)),
        ("imported_at", text(&m.made_at)),
        ("made_by", text(&by(m.run_id, m.reason.as_deref()))),
    ];
    let (columns, row): (Vec<String>, Vec<SqlValue>) =
        pairs.into_iter().map(|(k, v)| (k.to_string(), v)).unzip();
    Rows {
        columns,
        rows: vec![row],
    }
}

/// A version's cells as `show` prints them (the contract's order is the ids' order).
fn cells(stored: &Stored) -> Rows {
    let corrections = &stored.reading.corrections;
    let mut columns: Vec<String> = [
        "section",
        "row",
        "row_label",
        "column",
        "column_label",
        "value",
        "origin",
    ]
    .map(String::from)
    .to_vec();
    if !corrections.is_empty() {
        columns.extend(["printed".to_string(), "reason".to_string()]);
    }
    let value = |v: &Value| match v {
        Value::Blank => SqlValue::Null,
        Value::Int(i) => SqlValue::Int(*i),
        Value::Money(s) => SqlValue::Decimal(s.clone()),
    };
    let rows = stored
        .reading
        .cells
        .iter()
        .map(|c| {
            let r = contract::row_by_id(c.row);
            let k = contract::col_by_id(c.col);
            let text = |s: Option<&str>| s.map_or(SqlValue::Null, |s| SqlValue::Text(s.into()));
            let mut row = vec![
                text(r.map(|r| r.section.code())),
                text(r.map(|r| r.code)),
                text(r.map(|r| r.label_zh)),
                text(k.map(|k| k.code)),
                text(k.map(|k| k.label_zh)),
                value(&c.value),
                text(c.origin.as_deref()),
            ];
            if !corrections.is_empty() {
                match corrections
                    .iter()
                    .find(|k| (k.row, k.col) == (c.row, c.col))
                {
                    Some(k) => {
                        row.push(SqlValue::Text(super::correct::printed_words(
                            k.printed.as_ref(),
                        )));
                        row.push(SqlValue::Text(k.reason.clone()));
                    }
                    None => row.extend([SqlValue::Null, SqlValue::Null]),
                }
            }
            row
        })
        .collect();
    Rows { columns, rows }
}

//! History: every reading of a report kept as a version, and the changes that can be taken
//! back (an import, a deletion) or made by a person (a correction).
//!
//! The current reading stays where the views read it; a reading that is superseded moves to
//! `report_version` with its cells in one blob ([`codec`]). Each change writes through the
//! importer's own code ([`crate::store::Importer`]), so that the cells, totals, per-year
//! totals and findings of a reading put back are exactly those of a reading imported.

mod codec;
mod correct;
mod delete;
mod list;
mod printed;
mod undo;

pub use codec::{Correction, Reading};
pub use correct::{CellEdit, Corrected};
pub use list::{RunEntry, VersionEntry};
pub(super) use printed::{merge_printed, printed_findings};

use super::write::forms::CellDiff;
use crate::contract::{self, Kind, Template};
use crate::model::{Cell, Report, Value};
use rusqlite::{Connection, OptionalExtension, params};

/// A reading's own facts: what the report row holds for the current one, what
/// `report_version` holds for a superseded one.
#[derive(Clone, Debug)]
pub struct Meta {
    pub report_id: i64,
    pub version: i64,
    pub agency_id: i64,
    pub year: i64,
    pub printed_name: String,
    pub template: i64,
    pub shape_id: i64,
    pub format: String,
    pub source: Option<String>,
    pub hash: String,
    pub parser_version: String,
    pub made_at: String,
    pub run_id: Option<i64>,
    /// Why a person made this reading (a correction).
    pub reason: Option<String>,
}

/// A reading with its facts.
#[derive(Clone, Debug)]
pub struct Stored {
    pub meta: Meta,
    pub reading: Reading,
}

impl Stored {
    /// The reading as a report, with its current values (corrections applied).
    pub fn report(&self) -> Report {
        Report {
            agency: self.meta.printed_name.clone(),
            year: self.meta.year,
            template: if self.meta.template == 2019 {
                Template::T2019
            } else {
                Template::T2021
            },
            region_code: None,
            source: self.meta.source.clone(),
            format: self.meta.format.clone(),
            cells: self.reading.cells.clone(),
        }
    }
}

/// What ended a reading's time as the current one.
#[derive(Clone, Debug)]
pub enum Ended {
    /// An import (its run) brought a reading that differs.
    Import(Option<i64>),
    Correction,
    Deletion,
}

/// Every stated cell of report `id` with its current value, in row and column order, and
/// where each was read when `origins` is asked for.
pub(super) fn current_cells(
    conn: &Connection,
    id: i64,
    origins: bool,
) -> rusqlite::Result<Vec<Cell>> {
    let mut stmt = conn.prepare_cached(
        "SELECT sc.row_id, sc.col_id, cd.kind = 'money', f.report_id IS NOT NULL, f.value,
                m.value, CASE WHEN ?2 THEN o.origin END
         FROM report r
         JOIN shape_cell sc ON sc.shape_id = r.shape_id
         JOIN col_dim cd ON cd.id = sc.col_id
         LEFT JOIN fact f ON f.report_id = r.id AND f.row_id = sc.row_id AND f.col_id = sc.col_id
         LEFT JOIN fact_money m ON m.report_id = r.id AND m.row_id = sc.row_id
                                AND m.col_id = sc.col_id
         LEFT JOIN fact_origin o ON ?2 AND o.report_id = r.id AND o.row_id = sc.row_id
                                 AND o.col_id = sc.col_id
         WHERE r.id = ?1
         ORDER BY sc.row_id, sc.col_id",
    )?;
    stmt.query_map(params![id, origins], |r| {
        let (row, col): (u8, u8) = (r.get(0)?, r.get(1)?);
        let (money, stored): (bool, bool) = (r.get(2)?, r.get(3)?);
        let value = match (money, stored, r.get::<_, Option<i64>>(4)?) {
            (true, _, _) => r
                .get::<_, Option<String>>(5)?
                .map_or(Value::Blank, Value::Money),
            (false, false, _) => Value::Int(0),
            (false, true, Some(v)) => Value::Int(v),
            (false, true, None) => Value::Blank,
        };
        Ok(Cell {
            row,
            col,
            value,
            origin: r.get(6)?,
        })
    })?
    .collect()
}

/// A value as `cell_correction` keeps it (NULL for blank), and back.
fn value_text(v: &Value) -> Option<String> {
    match v {
        Value::Blank => None,
        other => Some(other.to_string()),
    }
}

fn text_value(col: u8, text: Option<String>) -> Value {
    let money = contract::col_by_id(col).is_some_and(|d| d.kind == Kind::Money);
    match text {
        None => Value::Blank,
        Some(t) if money => Value::Money(t),
        Some(t) => t.parse().map_or(Value::Money(t), Value::Int),
    }
}

/// The current reading of report `id`, with where each cell was read, the counts its text
/// quoted and its corrections.
pub(super) fn load_current(conn: &Connection, id: i64) -> rusqlite::Result<Stored> {
    let mut meta = conn
        .prepare_cached(
            "SELECT r.version, r.agency_id, r.year, coalesce(n.name, a.name), r.template,
                    r.shape_id, r.format, r.source, r.content_hash, r.parser_version,
                    r.imported_at, r.run_id
             FROM report r JOIN agency a ON a.id = r.agency_id
             LEFT JOIN report_name n ON n.report_id = r.id
             WHERE r.id = ?1",
        )?
        .query_row([id], |r| {
            Ok(Meta {
                report_id: id,
                version: r.get(0)?,
                agency_id: r.get(1)?,
                year: r.get(2)?,
                printed_name: r.get(3)?,
                template: r.get(4)?,
                shape_id: r.get(5)?,
                format: r.get(6)?,
                source: r.get(7)?,
                hash: r.get(8)?,
                parser_version: r.get(9)?,
                made_at: r.get(10)?,
                run_id: r.get(11)?,
                reason: None,
            })
        })?;
    let cells = current_cells(conn, id, true)?;
    let claims = conn
        .prepare_cached(
            "SELECT kind, value, keyword, sentence FROM narrative_claim
             WHERE report_id = ?1 ORDER BY seq",
        )?
        .query_map([id], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .filter_map(|c| match c {
            Ok((kind, value, keyword, sentence)) => Some(Ok(crate::check::Claim {
                kind: crate::check::ClaimKind::parse(&kind)?,
                value,
                keyword,
                sentence,
            })),
            Err(e) => Some(Err(e)),
        })
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let corrections = corrections(conn, id)?;
    meta.reason = corrections
        .iter()
        .find(|c| c.version == meta.version)
        .map(|c| c.reason.clone());
    Ok(Stored {
        meta,
        reading: Reading {
            cells,
            claims,
            corrections,
        },
    })
}

/// The corrections of the current reading of report `id`, in row and column order.
pub(super) fn corrections(conn: &Connection, id: i64) -> rusqlite::Result<Vec<Correction>> {
    conn.prepare_cached(
        "SELECT row_id, col_id, printed_stated, printed, reason, version FROM cell_correction
         WHERE report_id = ?1 ORDER BY row_id, col_id",
    )?
    .query_map([id], |r| {
        let (row, col): (u8, u8) = (r.get(0)?, r.get(1)?);
        let stated: bool = r.get(2)?;
        Ok(Correction {
            row,
            col,
            printed: stated.then(|| text_value(col, r.get(3).ok().flatten())),
            reason: r.get(4)?,
            version: r.get(5)?,
        })
    })?
    .collect()
}

/// Writes the corrections of a reading just written as report `id`.
pub(super) fn write_corrections(
    conn: &Connection,
    id: i64,
    corrections: &[Correction],
) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO cell_correction (report_id, row_id, col_id, printed_stated, printed, reason,
                                      version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for c in corrections {
        stmt.execute(params![
            id,
            c.row,
            c.col,
            c.printed.is_some(),
            c.printed.as_ref().and_then(value_text),
            c.reason,
            c.version
        ])?;
    }
    Ok(())
}

/// Keeps a reading that is being superseded in `report_version`.
pub(super) fn save_version(
    conn: &Connection,
    stored: &Stored,
    ended: &Ended,
    ended_at: &str,
) -> rusqlite::Result<()> {
    let m = &stored.meta;
    let (ended, ended_run) = match ended {
        Ended::Import(run) => ("import", *run),
        Ended::Correction => ("correction", None),
        Ended::Deletion => ("deletion", None),
    };
    conn.prepare_cached(
        "INSERT INTO report_version (report_id, version, agency_id, year, printed_name, template,
                                     shape_id, format, source, content_hash, parser_version,
                                     made_at, run_id, reason, cells, ended, ended_run, ended_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18)",
    )?
    .execute(params![
        m.report_id,
        m.version,
        m.agency_id,
        m.year,
        m.printed_name,
        m.template,
        m.shape_id,
        m.format,
        m.source,
        m.hash,
        m.parser_version,
        m.made_at,
        m.run_id,
        m.reason,
        codec::encode(&stored.reading),
        ended,
        ended_run,
        ended_at
    ])?;
    Ok(())
}

/// A superseded reading of report `id`, or None when it has no such version stored.
pub(super) fn load_version(
    conn: &Connection,
    id: i64,
    version: i64,
) -> super::Result<Option<Stored>> {
    let found = conn
        .prepare_cached(
            "SELECT agency_id, year, printed_name, template, shape_id, format, source,
                    content_hash, parser_version, made_at, run_id, reason, cells
             FROM report_version WHERE report_id = ?1 AND version = ?2",
        )?
        .query_row(params![id, version], |r| {
            Ok((
                Meta {
                    report_id: id,
                    version,
                    agency_id: r.get(0)?,
                    year: r.get(1)?,
                    printed_name: r.get(2)?,
                    template: r.get(3)?,
                    shape_id: r.get(4)?,
                    format: r.get(5)?,
                    source: r.get(6)?,
                    hash: r.get(7)?,
                    parser_version: r.get(8)?,
                    made_at: r.get(9)?,
                    run_id: r.get(10)?,
                    reason: r.get(11)?,
                },
                r.get::<_, Vec<u8>>(12)?,
            ))
        })
        .optional()?;
    let Some((meta, blob)) = found else {
        return Ok(None);
    };
    let shape: Vec<(u8, u8)> = conn
        .prepare_cached(
            "SELECT row_id, col_id FROM shape_cell WHERE shape_id = ?1 ORDER BY row_id, col_id",
        )?
        .query_map([meta.shape_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let reading = codec::decode(&blob, &shape).map_err(|e| {
        super::Error::History(format!(
            "version {version} of report {id} cannot be read: {e}"
        ))
    })?;
    Ok(Some(Stored { meta, reading }))
}

/// What version `next` changed against `prev`, in words, as `gov-db history` shows it: a
/// correction's cells and reason, or what an import's reading changed.
pub(super) fn change_between(prev: &Stored, next: &Stored) -> String {
    let lang = crate::i18n::lang();
    let diff = CellDiff::new(&prev.reading.cells, &next.reading.cells);
    match &next.meta.reason {
        Some(reason) => crate::t!(
            "history-correction",
            cells = diff.describe_in(lang, true),
            reason = reason.as_str()
        ),
        None => describe_change(lang, prev, &next.report(), &diff),
    }
}

/// What a new reading changes against the stored one, in words: the cells (a few, then how
/// many more), and the template or printed name when they differ.
pub(super) fn describe_change(
    lang: crate::i18n::Lang,
    stored: &Stored,
    report: &Report,
    diff: &CellDiff<'_>,
) -> String {
    let mut parts = Vec::new();
    if stored.meta.template != report.template.year() {
        parts.push(crate::t!(in lang, "history-template",
            from = stored.meta.template,
            to = report.template.year()
        ));
    }
    if stored.meta.printed_name != report.agency {
        parts.push(crate::t!(in lang, "history-printed-name",
            from = stored.meta.printed_name.as_str(),
            to = report.agency.as_str()
        ));
    }
    if !diff.is_empty() {
        parts.push(diff.describe_in(lang, false));
    }
    if parts.is_empty() {
        parts.push(crate::t!(in lang, "history-same-cells"));
    }
    let n = stored.reading.corrections.len();
    if n > 0 {
        parts.push(crate::t!(in lang, "history-corrections-stay",
            n = n,
            version = stored.meta.version
        ));
    }
    parts.join(&crate::t!(in lang, "history-separator"))
}

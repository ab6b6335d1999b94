//! The `finding` table: `gov-db check`'s findings, written whenever a report is, so that they
//! never go stale, and read back by `gov-db check`.
//!
//! A report's own findings are written with it. Cross-year findings (a pair of consecutive
//! years of one agency) belong to the later year and name the earlier report in
//! `other_report_id`; both foreign keys cascade, so replacing either year drops them and
//! [`after_put`] writes them again for both neighbours of the report it is given.

use super::Result;
use crate::check::{self, Claim, ClaimKind, Finding, Severity, Tally};
use crate::contract::{self, Kind, Template};
use crate::model::{Cell, Report, Value};
use rusqlite::{Connection, OptionalExtension, params};

/// Bump when a rule changes: every database recomputes its findings on the next open.
pub const CHECKS_VERSION: &str = "1";

/// What the importer keeps for the checks between reports.
///
/// The import's tally is not kept here: a cross-year finding made when a report is written
/// may be undone by a later report of the same import (its neighbour, replaced), so the
/// tally is read from the `finding` table once everything is written ([`import_tally`]).
#[derive(Debug, Default)]
pub struct CheckState {
    /// Refuse reports with errors (`gov-db import --strict`).
    pub strict: bool,
    /// The error findings of the last report written about itself (under `strict`, they
    /// refuse it at once; its cross-year errors wait for the import's final state).
    own_errors: Vec<String>,
    /// The last report written, rows of [`check::CROSS_YEAR_ROWS`] only: the previous year
    /// of the next report in a file sorted by agency and year.
    cache: Option<(i64, i64, i64, Report)>,
}

impl CheckState {
    pub(super) fn rollback_file(&mut self) {
        self.cache = None;
        self.own_errors.clear();
    }

    /// Under `strict`, the last report's own error findings as one refusal.
    pub(super) fn refuse(&self) -> Result<()> {
        if !self.strict || self.own_errors.is_empty() {
            return Ok(());
        }
        Err(super::Error::Refused(error_list(&self.own_errors)))
    }

    pub(super) fn skip(&mut self) {
        self.own_errors.clear();
    }
}

/// `N errors: a; b; c; and K more`.
fn error_list(errors: &[String]) -> String {
    let n = errors.len();
    let mut text = format!("{n} error{}: ", if n == 1 { "" } else { "s" });
    text.push_str(&errors[..n.min(3)].join("; "));
    if n > 3 {
        text.push_str(&format!("; and {} more", n - 3));
    }
    text
}

/// Checks a report just written as `report_id` and stores the findings: its own, the pair
/// with last year, and the pair with next year (which belong to next year's report).
pub(super) fn after_put(
    conn: &Connection,
    state: &mut CheckState,
    report_id: i64,
    agency_id: i64,
    report: &Report,
    own: &[Finding],
) -> rusqlite::Result<()> {
    state.own_errors.clear();
    insert(conn, report_id, None, own)?;
    state.own_errors.extend(
        own.iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| f.message.clone()),
    );

    let cached = state
        .cache
        .as_ref()
        .filter(|c| c.0 == agency_id && c.1 + 1 == report.year)
        .map(|c| (c.2, &c.3));
    let loaded;
    let prev = match cached {
        Some(p) => Some(p),
        None => {
            loaded = neighbour(conn, agency_id, report.year - 1)?;
            loaded.as_ref().map(|(id, r)| (*id, r))
        }
    };
    if let Some((prev_id, prev)) = prev {
        let mut found = check::check_pair(prev, report);
        check::allow_reorganisation(&mut found, &prev.agency, &report.agency, prev.year);
        insert(conn, report_id, Some(prev_id), &found)?;
    }
    if let Some((next_id, next)) = neighbour(conn, agency_id, report.year + 1)? {
        let mut found = check::check_pair(report, &next);
        check::allow_reorganisation(&mut found, &report.agency, &next.agency, report.year);
        conn.prepare_cached("DELETE FROM finding WHERE report_id = ?1 AND other_report_id = ?2")?
            .execute(params![next_id, report_id])?;
        insert(conn, next_id, Some(report_id), &found)?;
    }
    state.cache = Some((agency_id, report.year, report_id, cross_year_part(report)));
    Ok(())
}

/// The findings that involve a report the import wrote (those whose current reading is its
/// run's, `run`), as they stand once it has written everything: the tally it prints, and
/// under `--strict` the cross-year errors that refuse it (`source: message`).
pub(super) fn import_tally(conn: &Connection, run: i64) -> rusqlite::Result<(Tally, Vec<String>)> {
    let mut tally = Tally::default();
    let mut cross_year_errors = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT f.severity, f.other_report_id IS NOT NULL,
                coalesce(CASE WHEN r.run_id = ?1 THEN r.source ELSE o.source END, '-'),
                f.message
         FROM finding f JOIN report r ON r.id = f.report_id
         LEFT JOIN report o ON o.id = f.other_report_id
         WHERE f.report_id IN (SELECT id FROM report WHERE run_id = ?1)
            OR f.other_report_id IN (SELECT id FROM report WHERE run_id = ?1)
         ORDER BY f.report_id, f.rowid",
    )?;
    let mut rows = stmt.query([run])?;
    while let Some(row) = rows.next()? {
        let severity: String = row.get(0)?;
        let severity = Severity::parse(&severity).unwrap_or(Severity::Info);
        tally.add(severity);
        if severity == Severity::Error && row.get::<_, bool>(1)? {
            let source: String = row.get(2)?;
            let message: String = row.get(3)?;
            cross_year_errors.push(format!("{source}: {message}"));
        }
    }
    Ok((tally, cross_year_errors))
}

/// Under `--strict`, the cross-year errors of an import as one refusal.
pub(super) fn refuse_cross_year(errors: &[String]) -> Result<()> {
    if errors.is_empty() {
        return Ok(());
    }
    Err(super::Error::Refused(format!(
        "under --strict, the reports as imported break identities across years: {}",
        error_list(errors)
    )))
}

/// Stores the counts quoted in a report's text and warns where they differ from its tables.
/// Replaces what an earlier call stored for the same report.
pub(super) fn put_narrative(
    conn: &Connection,
    report_id: i64,
    report: &Report,
    claims: &[Claim],
) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM narrative_claim WHERE report_id = ?1")?
        .execute([report_id])?;
    conn.prepare_cached("DELETE FROM finding WHERE report_id = ?1 AND rule = 'narrative'")?
        .execute([report_id])?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO narrative_claim (report_id, seq, kind, keyword, value, sentence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, c) in claims.iter().enumerate() {
        stmt.execute(params![
            report_id,
            i as i64,
            c.kind.code(),
            c.keyword,
            c.value,
            c.sentence
        ])?;
    }
    let found = check::narrative::check_claims(report, claims);
    insert(conn, report_id, None, &found)?;
    Ok(())
}

fn insert(
    conn: &Connection,
    report_id: i64,
    other: Option<i64>,
    found: &[Finding],
) -> rusqlite::Result<()> {
    if found.is_empty() {
        return Ok(());
    }
    let mut stmt = conn.prepare_cached(
        "INSERT INTO finding (report_id, other_report_id, severity, rule, section, row_code,
                              col_code, expected, actual, message)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for f in found {
        stmt.execute(params![
            report_id,
            other,
            f.severity.as_str(),
            f.rule,
            f.section.map(|s| s.code()),
            f.row,
            f.column,
            f.expected,
            f.actual,
            f.message
        ])?;
    }
    Ok(())
}

/// The rows a cross-year rule needs, copied out of a report.
fn cross_year_part(report: &Report) -> Report {
    Report {
        agency: report.agency.clone(),
        year: report.year,
        template: report.template,
        region_code: None,
        source: None,
        format: report.format.clone(),
        cells: report
            .cells
            .iter()
            .filter(|c| check::CROSS_YEAR_ROWS.contains(&c.row))
            .cloned()
            .map(|mut c| {
                c.origin = None;
                c
            })
            .collect(),
    }
}

/// The stored report of an agency-year, with the rows the cross-year rules need.
fn neighbour(
    conn: &Connection,
    agency_id: i64,
    year: i64,
) -> rusqlite::Result<Option<(i64, Report)>> {
    let found: Option<(i64, i64, Option<String>)> = conn
        .prepare_cached(
            "SELECT r.id, r.template, n.name FROM report r
             LEFT JOIN report_name n ON n.report_id = r.id
             WHERE r.agency_id = ?1 AND r.year = ?2",
        )?
        .query_row(params![agency_id, year], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let Some((id, template, name)) = found else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT sc.row_id, sc.col_id, f.report_id IS NOT NULL, f.value
         FROM report r
         JOIN shape_cell sc ON sc.shape_id = r.shape_id AND sc.row_id IN (1, 2, 10, 11, 35)
         LEFT JOIN fact f ON f.report_id = r.id AND f.row_id = sc.row_id AND f.col_id = sc.col_id
         WHERE r.id = ?1",
    )?;
    let cells = stmt
        .query_map([id], |r| {
            Ok(cell(r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<Vec<Cell>>>()?;
    let mut report = bare_report(year, template, cells);
    report.agency = name.unwrap_or_default();
    Ok(Some((id, report)))
}

pub(super) fn cell(row: u8, col: u8, has_fact: bool, value: Option<i64>) -> Cell {
    let is_money = contract::col_by_id(col).is_some_and(|d| d.kind == Kind::Money);
    let value = match (is_money, has_fact, value) {
        (true, _, _) => Value::Money(String::new()),
        (false, false, _) => Value::Int(0),
        (false, true, None) => Value::Blank,
        (false, true, Some(v)) => Value::Int(v),
    };
    Cell {
        row,
        col,
        value,
        origin: None,
    }
}

pub(super) fn bare_report(year: i64, template: i64, cells: Vec<Cell>) -> Report {
    Report {
        agency: String::new(),
        year,
        template: if template == 2019 {
            Template::T2019
        } else {
            Template::T2021
        },
        region_code: None,
        source: None,
        format: "csv".into(),
        cells,
    }
}

/// Which findings are stale: every one when the rules changed since they were written (or
/// the database predates them), else those of the agencies a moved report left stale (see
/// migrations/V7__finding_stale.sql). Cheap when all are current: two lookups.
#[derive(Debug)]
pub(super) struct Stale {
    rules_changed: bool,
    agencies: Vec<i64>,
}

/// What is stale, or None when every finding is current.
pub(super) fn stale(conn: &Connection) -> Result<Option<Stale>> {
    let current: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'checks_version'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let agencies: Vec<i64> = conn
        .prepare("SELECT agency_id FROM finding_stale ORDER BY agency_id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let rules_changed = current.as_deref() != Some(CHECKS_VERSION);
    Ok((rules_changed || !agencies.is_empty()).then_some(Stale {
        rules_changed,
        agencies,
    }))
}

impl Stale {
    /// How many reports have stale findings (what a command that cannot write says).
    pub(super) fn reports(&self, conn: &Connection) -> Result<i64> {
        let sql = if self.rules_changed {
            "SELECT count(*) FROM report"
        } else {
            "SELECT count(*) FROM report
             WHERE agency_id IN (SELECT agency_id FROM finding_stale)"
        };
        Ok(conn.query_row(sql, [], |r| r.get(0))?)
    }

    /// Recomputes the stale findings and marks them current, inside the caller's
    /// transaction, which holds the write lock (see `open::upgrade`).
    pub(super) fn refresh(&self, conn: &Connection) -> Result<()> {
        if self.rules_changed {
            refresh_all(conn)?;
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('checks_version', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [CHECKS_VERSION],
            )?;
        } else {
            for agency in &self.agencies {
                refresh_agency(conn, *agency)?;
            }
        }
        conn.execute("DELETE FROM finding_stale", [])?;
        Ok(())
    }
}

/// Deletes and recomputes every finding, reading every report back one at a time (agency by
/// agency, year by year), so memory stays bounded whatever the database's size.
pub(super) fn refresh_all(conn: &Connection) -> rusqlite::Result<Tally> {
    conn.execute("DELETE FROM finding", [])?;
    recheck(
        conn,
        "SELECT r.id, r.agency_id, r.year, r.template, r.shape_id, n.name FROM report r
         LEFT JOIN report_name n ON n.report_id = r.id
         ORDER BY r.agency_id, r.year",
        [],
    )
}

/// Deletes and recomputes the findings of one agency's reports (and of pairs with them).
fn refresh_agency(conn: &Connection, agency: i64) -> rusqlite::Result<Tally> {
    conn.execute(
        "DELETE FROM finding
         WHERE report_id IN (SELECT id FROM report WHERE agency_id = ?1)
            OR other_report_id IN (SELECT id FROM report WHERE agency_id = ?1)",
        [agency],
    )?;
    recheck(
        conn,
        "SELECT r.id, r.agency_id, r.year, r.template, r.shape_id, n.name FROM report r
         LEFT JOIN report_name n ON n.report_id = r.id
         WHERE r.agency_id = ?1
         ORDER BY r.year",
        [agency],
    )
}

/// Checks the reports `sql` selects with `params` (sorted by agency and year) and stores the
/// findings: each report's own, the pair with the year before, the narrative's.
fn recheck(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> rusqlite::Result<Tally> {
    let mut tally = Tally::default();
    // Streamed: the findings are written while the reports are still being read (SQLite
    // allows it on one connection), so memory stays bounded at any size.
    let mut select = conn.prepare(sql)?;
    let mut reports = select.query(params)?;
    let mut cells = conn.prepare(
        "SELECT sc.row_id, sc.col_id, f.report_id IS NOT NULL, f.value
         FROM shape_cell sc
         LEFT JOIN fact f ON f.report_id = ?1 AND f.row_id = sc.row_id AND f.col_id = sc.col_id
         WHERE sc.shape_id = ?2",
    )?;
    // (report id, agency id, report)
    let mut previous: Option<(i64, i64, Report)> = None;
    while let Some(row) = reports.next()? {
        let (id, agency, year, template, shape, name): (i64, i64, i64, i64, i64, Option<String>) =
            row.try_into()?;
        let list = cells
            .query_map(params![id, shape], |r| {
                Ok(cell(r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<Vec<Cell>>>()?;
        let mut report = bare_report(year, template, list);
        report.agency = name.unwrap_or_default();
        let own = check::check_report(&report);
        insert(conn, id, None, &own)?;
        own.iter().for_each(|f| tally.add(f.severity));
        if let Some((pid, pagency, prev)) = previous.as_ref()
            && *pagency == agency
            && prev.year + 1 == report.year
        {
            let mut found = check::check_pair(prev, &report);
            check::allow_reorganisation(&mut found, &prev.agency, &report.agency, prev.year);
            insert(conn, id, Some(*pid), &found)?;
            found.iter().for_each(|f| tally.add(f.severity));
        }
        let claims = stored_claims(conn, id)?;
        if !claims.is_empty() {
            let found = check::narrative::check_claims(&report, &claims);
            insert(conn, id, None, &found)?;
            found.iter().for_each(|f| tally.add(f.severity));
        }
        previous = Some((id, agency, report));
    }
    Ok(tally)
}

fn stored_claims(conn: &Connection, report_id: i64) -> rusqlite::Result<Vec<Claim>> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, value, keyword, sentence FROM narrative_claim WHERE report_id = ?1 ORDER BY seq",
    )?;
    let claims = stmt
        .query_map([report_id], |r| {
            let kind: String = r.get(0)?;
            Ok((kind, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<Vec<(String, i64, String, String)>>>()?;
    Ok(claims
        .into_iter()
        .filter_map(|(kind, value, keyword, sentence)| {
            Some(Claim {
                kind: ClaimKind::parse(&kind)?,
                value,
                keyword,
                sentence,
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use crate::check::{ClaimKind, narrative_claims};
    use crate::store::Store;

    fn jinjiang() -> crate::model::Report {
        let path = format!(
            "{}/tests/fixtures/expected/jinjiang-2024.csv",
            env!("CARGO_MANIFEST_DIR")
        );
        let mut problems = crate::read::Problems::default();
        let mut out = Vec::new();
        crate::read::csv::read_file(std::path::Path::new(&path), &mut problems, &mut |r| {
            out.push(r);
            Ok(())
        })
        .unwrap();
        assert!(problems.is_empty(), "{problems}");
        out.pop().unwrap()
    }

    fn count(store: &Store, sql: &str) -> i64 {
        store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn narrative_claims_are_stored_checked_and_survive_a_refresh() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        let report = jinjiang();
        let claims = narrative_claims("全市受理信息公开申请 224 件，依法办结 212 件。");
        assert_eq!(claims[1].kind, ClaimKind::Processed);
        let mut imp = store.begin_import("test").unwrap();
        imp.put(&crate::store::Prepared::new(report.clone()))
            .unwrap();
        imp.put_narrative(&report, &claims).unwrap();
        assert_eq!(imp.final_checks().unwrap().warnings, 1);
        imp.commit("test").unwrap();
        assert_eq!(count(&store, "SELECT count(*) FROM narrative_claim"), 2);
        let narrative = "SELECT count(*) FROM finding WHERE rule = 'narrative' AND actual = 212";
        assert_eq!(count(&store, narrative), 1);
        // Recomputing everything keeps the narrative findings.
        super::refresh_all(store.conn()).unwrap();
        assert_eq!(count(&store, narrative), 1);
        assert_eq!(count(&store, "SELECT count(*) FROM finding"), 1);
    }
}

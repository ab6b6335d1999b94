//! `gov-db check --as-printed`: the findings of each report a person corrected, computed on
//! the cells as printed, so that the record that a report was published with an error is
//! never lost. The stored findings are those of the current (corrected) cells.

use super::load_current;
use crate::check::{self, Finding};
use crate::model::Report;
use rusqlite::{Connection, OptionalExtension, params};

/// The report of an agency-year as printed: its printed cells when a person corrected it.
fn printed_report(
    conn: &Connection,
    agency_id: i64,
    year: i64,
) -> rusqlite::Result<Option<(Report, bool)>> {
    let id: Option<i64> = conn
        .query_row(
            "SELECT id FROM report WHERE agency_id = ?1 AND year = ?2",
            params![agency_id, year],
            |r| r.get(0),
        )
        .optional()?;
    let Some(id) = id else { return Ok(None) };
    let stored = load_current(conn, id)?;
    let corrected = !stored.reading.corrections.is_empty();
    let mut report = stored.report();
    report.cells = stored.reading.printed_cells();
    Ok(Some((report, corrected)))
}

/// The findings about each corrected report as printed: its own, the pair with the year
/// before (that one as printed too), the pair with the year after (when that one is not
/// corrected itself: then its own turn makes the pair), and the counts its text quoted; each
/// with the agency (id and canonical name) and the year it belongs to.
pub(in crate::store) fn printed_findings(conn: &Connection) -> rusqlite::Result<Vec<Printed>> {
    let corrected: Vec<(i64, i64, i64, String)> = conn
        .prepare(
            "SELECT r.id, r.agency_id, r.year, a.name FROM report r
             JOIN agency a ON a.id = r.agency_id
             WHERE r.id IN (SELECT report_id FROM cell_correction)
             ORDER BY a.name, r.year",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for (id, agency_id, year, name) in corrected {
        let Some((report, _)) = printed_report(conn, agency_id, year)? else {
            continue;
        };
        let stored = load_current(conn, id)?;
        let mut found = check::check_report(&report);
        if let Some((prev, _)) = printed_report(conn, agency_id, year - 1)? {
            let mut pair = check::check_pair(&prev, &report);
            check::allow_reorganisation(&mut pair, &prev.agency, &report.agency, prev.year);
            found.extend(pair);
        }
        found.extend(check::narrative::check_claims(
            &report,
            &stored.reading.claims,
        ));
        out.extend(found.into_iter().map(|f| Printed {
            agency_id,
            agency: name.clone(),
            year,
            finding: f,
        }));
        if let Some((next, next_corrected)) = printed_report(conn, agency_id, year + 1)?
            && !next_corrected
        {
            let mut pair = check::check_pair(&report, &next);
            check::allow_reorganisation(&mut pair, &report.agency, &next.agency, report.year);
            out.extend(pair.into_iter().map(|f| Printed {
                agency_id,
                agency: name.clone(),
                year: year + 1,
                finding: f,
            }));
        }
    }
    Ok(out)
}

/// A finding about a corrected report as printed.
pub(in crate::store) struct Printed {
    agency_id: i64,
    agency: String,
    year: i64,
    finding: Finding,
}

/// Adds the findings of the corrected reports as printed to the stored ones, each with its
/// id and its review's verdict, filtered and ordered as `findings` orders them: agency,
/// year, worst first.
pub(in crate::store) fn merge_printed(
    conn: &Connection,
    out: &mut crate::store::Rows,
    printed: Vec<Printed>,
    filter: &crate::store::FindingFilter,
    min: i64,
) -> rusqlite::Result<()> {
    use crate::store::{FindingKey, SqlValue};
    let rank = |s: &SqlValue| match s {
        SqlValue::Text(t) if t == "error" => 3,
        SqlValue::Text(t) if t == "warning" => 2,
        _ => 1,
    };
    let mut review = conn.prepare("SELECT status FROM review WHERE finding_key = ?1")?;
    for p in printed {
        let f = p.finding;
        if filter.agency.as_ref().is_some_and(|a| *a != p.agency)
            || filter.year.is_some_and(|y| y != p.year)
            || filter.rule.as_ref().is_some_and(|r| r != f.rule)
        {
            continue;
        }
        let key = FindingKey {
            agency_id: p.agency_id,
            year: p.year,
            rule: f.rule.to_string(),
            section: f.section.map(|s| s.code().to_string()),
            row: f.row.map(str::to_string),
            col: f.column.map(str::to_string),
            expected: f.expected,
            actual: f.actual,
        };
        let status: Option<String> = review.query_row([key.hash()], |r| r.get(0)).optional()?;
        if filter.unreviewed && status.is_some() {
            continue;
        }
        let text = |s: Option<String>| s.map_or(SqlValue::Null, SqlValue::Text);
        let int = |i: Option<i64>| i.map_or(SqlValue::Null, SqlValue::Int);
        let row = vec![
            SqlValue::Text(key.id()),
            SqlValue::Text(f.severity.as_str().into()),
            SqlValue::Text(key.rule),
            SqlValue::Text(p.agency),
            SqlValue::Int(p.year),
            text(key.section),
            text(key.row),
            text(key.col),
            int(f.expected),
            int(f.actual),
            text(status),
            SqlValue::Text(f.message),
        ];
        if rank(&row[1]) >= min {
            out.rows.push(row);
        }
    }
    let key = |r: &Vec<SqlValue>| {
        let name = match &r[3] {
            SqlValue::Text(t) => t.clone(),
            _ => String::new(),
        };
        let year = match r[4] {
            SqlValue::Int(y) => y,
            _ => 0,
        };
        (name, year, -rank(&r[1]))
    };
    // Stable: the stored findings keep their order within a report, the printed ones follow.
    out.rows.sort_by_cached_key(key);
    Ok(())
}

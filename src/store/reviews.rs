//! Reviews: a person's verdict on a finding of `gov-db check` (confirmed against the source,
//! explained by the agency, or our reading was wrong), and the findings listed with theirs.
//!
//! Finding rows are deleted and written again whenever a report is rewritten or rechecked, so
//! a review is keyed by what its finding is about, never by a row id (see
//! migrations/V9__review.sql), and a finding's `id` is a short hash of that key: the same
//! finding has the same id after every re-import of the same numbers, and a person can type it.
//! A review that no finding matches any more is stale, and [`Store::reviews`] says why.

use super::{Result, Rows, SqlValue, Store, now_utc};
use crate::check::Severity;
use rusqlite::{OptionalExtension, params};
use sha2::{Digest, Sha256};

/// Hex digits of the key's hash in a finding's id: 40 bits, so that even among a million
/// findings the chance that a given one shares its id with another is one in a million.
pub const ID_LEN: usize = 10;

/// The fewest hex digits `gov-db review` takes for an id: fewer would match by accident.
pub const MIN_ID_LEN: usize = 6;

/// What a finding is about: what a review is keyed by.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct FindingKey {
    pub agency_id: i64,
    pub year: i64,
    pub rule: String,
    pub section: Option<String>,
    pub row: Option<String>,
    pub col: Option<String>,
    pub expected: Option<i64>,
    pub actual: Option<i64>,
}

impl FindingKey {
    /// The SHA-256 of the key as JSON (an array, NULLs as `null`: no two keys write alike),
    /// in hex. Stable: the JSON of these types does not depend on gov-db's version.
    pub fn hash(&self) -> String {
        let json = serde_json::to_string(&(
            self.agency_id,
            self.year,
            &self.rule,
            &self.section,
            &self.row,
            &self.col,
            self.expected,
            self.actual,
        ))
        .expect("integers and strings serialise");
        Sha256::digest(json.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// The id `gov-db check` prints.
    pub fn id(&self) -> String {
        self.hash()[..ID_LEN].to_string()
    }
}

/// A person's verdict on a finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReviewStatus {
    /// Checked against the published report: the report has this error.
    Confirmed,
    /// The agency explained it (a reorganisation, a narrower scope, …).
    Explained,
    /// gov-db read the report wrong: the published report does not have this error.
    ReadingError,
}

impl ReviewStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStatus::Confirmed => "confirmed",
            ReviewStatus::Explained => "explained",
            ReviewStatus::ReadingError => "reading-error",
        }
    }
}

/// Which findings `gov-db check` lists.
#[derive(Clone, Debug, Default)]
pub struct FindingFilter {
    pub agency: Option<String>,
    pub year: Option<i64>,
    /// This severity and worse.
    pub min_severity: Option<Severity>,
    pub rule: Option<String>,
    /// Only the findings without a review.
    pub unreviewed: bool,
    /// Only the findings of these reports (by id).
    pub reports: Option<Vec<i64>>,
    /// Check reports a person corrected as they were printed (`check --as-printed`).
    pub as_printed: bool,
}

/// The columns of `gov-db check`'s output, in order.
pub const FINDING_COLUMNS: [&str; 12] = [
    "id", "severity", "rule", "agency", "year", "section", "row", "column", "expected", "actual",
    "review", "message",
];

/// A finding whose review matches its key exactly: same agency identity, year, rule, cell
/// and numbers (`IS`, since the cell's parts and the numbers may be NULL).
const REVIEW_OF_FINDING: &str = "v.agency_id = r.agency_id AND v.year = r.year
     AND v.rule = f.rule AND v.section IS f.section AND v.row_code IS f.row_code
     AND v.col_code IS f.col_code AND v.expected IS f.expected AND v.actual IS f.actual";

/// One finding found by its id, for `gov-db review`.
#[derive(Clone, Debug)]
pub struct FoundFinding {
    pub key: FindingKey,
    pub agency: String,
    pub severity: String,
    pub message: String,
}

impl FoundFinding {
    /// `error carry-over 晋江市人民政府 2025 requests/carried_in/natural_person (expected 3, actual 5)`
    pub fn describe(&self) -> String {
        let k = &self.key;
        let cell: Vec<&str> = [&k.section, &k.row, &k.col]
            .into_iter()
            .map(|p| p.as_deref().unwrap_or("-"))
            .collect();
        let number = |n: Option<i64>| n.map_or("-".to_string(), |n| n.to_string());
        crate::t!(
            "review-finding",
            severity = self.severity.as_str(),
            rule = k.rule.as_str(),
            agency = self.agency.as_str(),
            year = k.year,
            cell = cell.join("/"),
            expected = number(k.expected),
            actual = number(k.actual)
        )
    }
}

fn key_from_row(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<FindingKey> {
    Ok(FindingKey {
        agency_id: r.get(at)?,
        year: r.get(at + 1)?,
        rule: r.get(at + 2)?,
        section: r.get(at + 3)?,
        row: r.get(at + 4)?,
        col: r.get(at + 5)?,
        expected: r.get(at + 6)?,
        actual: r.get(at + 7)?,
    })
}

impl Store {
    /// The stored findings, worst first within each report, reports by agency and year, each
    /// with its id and its review's verdict (NULL when it has none).
    pub fn findings(&self, filter: &FindingFilter) -> Result<Rows> {
        let sql = format!(
            "SELECT r.agency_id, r.year, f.rule, f.section, f.row_code, f.col_code,
                    f.expected, f.actual, f.severity, a.name, v.status, f.message
             FROM finding f
             JOIN report r ON r.id = f.report_id
             JOIN agency a ON a.id = r.agency_id
             LEFT JOIN review v ON {REVIEW_OF_FINDING}
             WHERE (:agency IS NULL OR a.name = :agency)
               AND (:year IS NULL OR r.year = :year)
               AND (:rule IS NULL OR f.rule = :rule)
               AND CASE f.severity WHEN 'error' THEN 3 WHEN 'warning' THEN 2 ELSE 1 END >= :min
               AND (NOT :unreviewed OR v.id IS NULL)
               AND (:reports IS NULL OR r.id IN (SELECT value FROM json_each(:reports)))
               AND (NOT :printed
                    OR (f.report_id NOT IN (SELECT report_id FROM cell_correction)
                        AND coalesce(f.other_report_id NOT IN
                                         (SELECT report_id FROM cell_correction), 1)))
             ORDER BY a.name, r.year,
                      CASE f.severity WHEN 'error' THEN 3 WHEN 'warning' THEN 2 ELSE 1 END DESC,
                      f.id"
        );
        let min = match filter.min_severity.unwrap_or(Severity::Info) {
            Severity::Info => 1,
            Severity::Warning => 2,
            Severity::Error => 3,
        };
        let reports = filter
            .reports
            .as_ref()
            .map(|ids| serde_json::to_string(ids).expect("a list of ids is JSON"));
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(rusqlite::named_params! {
            ":agency": filter.agency,
            ":year": filter.year,
            ":rule": filter.rule,
            ":min": min,
            ":unreviewed": filter.unreviewed,
            ":reports": reports,
            ":printed": filter.as_printed,
        })?;
        let mut out = Rows {
            columns: FINDING_COLUMNS.iter().map(|c| c.to_string()).collect(),
            rows: Vec::new(),
        };
        let text = |v: Option<String>| v.map_or(SqlValue::Null, SqlValue::Text);
        let int = |v: Option<i64>| v.map_or(SqlValue::Null, SqlValue::Int);
        while let Some(r) = rows.next()? {
            let key = key_from_row(r, 0)?;
            out.rows.push(vec![
                SqlValue::Text(key.id()),
                SqlValue::Text(r.get(8)?),
                SqlValue::Text(key.rule.clone()),
                SqlValue::Text(r.get(9)?),
                SqlValue::Int(key.year),
                text(key.section.clone()),
                text(key.row.clone()),
                text(key.col.clone()),
                int(key.expected),
                int(key.actual),
                text(r.get(10)?),
                SqlValue::Text(r.get(11)?),
            ]);
        }
        drop(rows);
        if filter.as_printed {
            let printed = super::history::printed_findings(&self.conn)?;
            super::history::merge_printed(&self.conn, &mut out, printed, filter, min)?;
        }
        Ok(out)
    }

    /// The messages of the findings of `agency` (canonical name) and `year`, made again from
    /// the stored reports in the language of [`crate::check::in_language`], by finding id:
    /// the `finding` table keeps them in English.
    pub fn finding_messages(
        &self,
        agency: Option<&str>,
        year: Option<i64>,
    ) -> Result<std::collections::HashMap<String, String>> {
        Ok(super::findings::remade(&self.conn, agency, year)?)
    }

    /// How many reports the filter selects (for the summary line).
    pub fn count_reports(&self, agency: Option<&str>, year: Option<i64>) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM report r JOIN agency a ON a.id = r.agency_id
             WHERE (?1 IS NULL OR a.name = ?1) AND (?2 IS NULL OR r.year = ?2)",
            params![agency, year],
            |r| r.get(0),
        )?)
    }

    /// The findings whose id starts with `prefix` (lower-case hex), one per key: findings
    /// that agree in every part of the key are one finding to review. Hashes every finding:
    /// a fraction of a second at a million.
    pub fn findings_with_id(&self, prefix: &str) -> Result<Vec<FoundFinding>> {
        let mut stmt = self.conn.prepare(
            "SELECT r.agency_id, r.year, f.rule, f.section, f.row_code, f.col_code,
                    f.expected, f.actual, a.name, f.severity, f.message
             FROM finding f
             JOIN report r ON r.id = f.report_id
             JOIN agency a ON a.id = r.agency_id
             ORDER BY f.id",
        )?;
        let mut rows = stmt.query([])?;
        let mut found: Vec<FoundFinding> = Vec::new();
        while let Some(r) = rows.next()? {
            let key = key_from_row(r, 0)?;
            if key.hash().starts_with(prefix) && !found.iter().any(|f| f.key == key) {
                found.push(FoundFinding {
                    key,
                    agency: r.get(8)?,
                    severity: r.get(9)?,
                    message: r.get(10)?,
                });
            }
        }
        Ok(found)
    }

    /// Whether a review's id (its finding's, as it was) starts with `prefix`: for a finding
    /// that is gone, so that `gov-db review` can say its review is stale.
    pub fn has_review_with_id(&self, prefix: &str) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM review WHERE substr(finding_key, 1, ?2) = ?1)",
            params![prefix, prefix.len() as i64],
            |r| r.get(0),
        )?)
    }

    /// Records a verdict on a finding, replacing the one it had. Returns the verdict replaced.
    pub fn put_review(
        &self,
        finding: &FoundFinding,
        status: ReviewStatus,
        note: &str,
    ) -> Result<Option<String>> {
        let k = &finding.key;
        let hash = k.hash();
        let tx = self.conn.unchecked_transaction()?;
        let before: Option<String> = tx
            .query_row(
                "SELECT status FROM review WHERE finding_key = ?1",
                [&hash],
                |r| r.get(0),
            )
            .optional()?;
        tx.execute(
            "INSERT INTO review (finding_key, agency_id, year, rule, section, row_code, col_code,
                                 expected, actual, severity, message, status, note, reviewed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
             ON CONFLICT (finding_key) DO UPDATE SET
                 severity = excluded.severity, message = excluded.message,
                 status = excluded.status, note = excluded.note,
                 reviewed_at = excluded.reviewed_at",
            params![
                hash,
                k.agency_id,
                k.year,
                k.rule,
                k.section,
                k.row,
                k.col,
                k.expected,
                k.actual,
                finding.severity,
                finding.message,
                status.as_str(),
                note,
                now_utc()
            ],
        )?;
        tx.commit()?;
        Ok(before)
    }

    /// Every review (or only the stale ones), by agency and year, each with whether a finding
    /// still matches it and, when none does, why.
    pub fn reviews(&self, stale_only: bool) -> Result<Rows> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT v.agency_id, v.year, v.rule, v.section, v.row_code, v.col_code,
                    v.expected, v.actual, v.severity,
                    coalesce(a.name, '#' || v.agency_id), v.status, v.note, v.reviewed_at,
                    EXISTS (SELECT 1 FROM finding f JOIN report r ON r.id = f.report_id
                            WHERE {REVIEW_OF_FINDING}),
                    EXISTS (SELECT 1 FROM report r
                            WHERE r.agency_id = v.agency_id AND r.year = v.year)
             FROM review v
             LEFT JOIN agency a ON a.id = v.agency_id
             ORDER BY 10, v.year, v.id"
        ))?;
        // The finding now at the reviewed cell, if any: its numbers changed.
        let mut now = self.conn.prepare(
            "SELECT f.expected, f.actual FROM finding f JOIN report r ON r.id = f.report_id
             WHERE r.agency_id = ?1 AND r.year = ?2 AND f.rule = ?3 AND f.section IS ?4
               AND f.row_code IS ?5 AND f.col_code IS ?6
             ORDER BY f.id LIMIT 1",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Rows {
            columns: [
                "id",
                "severity",
                "rule",
                "agency",
                "year",
                "section",
                "row",
                "column",
                "expected",
                "actual",
                "status",
                "note",
                "reviewed_at",
                "stale",
                "why",
            ]
            .iter()
            .map(|c| c.to_string())
            .collect(),
            rows: Vec::new(),
        };
        let text = |v: Option<String>| v.map_or(SqlValue::Null, SqlValue::Text);
        let int = |v: Option<i64>| v.map_or(SqlValue::Null, SqlValue::Int);
        let number = |n: Option<i64>| n.map_or("blank".to_string(), |n| n.to_string());
        while let Some(r) = rows.next()? {
            let key = key_from_row(r, 0)?;
            let (current, has_report): (bool, bool) = (r.get(13)?, r.get(14)?);
            let why = if current {
                None
            } else if !has_report {
                Some(format!(
                    "the report is gone: no {} report of this agency",
                    key.year
                ))
            } else {
                let moved: Option<(Option<i64>, Option<i64>)> = now
                    .query_row(
                        params![
                            key.agency_id,
                            key.year,
                            key.rule,
                            key.section,
                            key.row,
                            key.col
                        ],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .optional()?;
                Some(match moved {
                    Some((e, a)) => format!(
                        "the numbers changed: the finding is now expected {}, actual {}",
                        number(e),
                        number(a)
                    ),
                    None => format!(
                        "the finding is gone: the report as it stands does not break {} here",
                        key.rule
                    ),
                })
            };
            if stale_only && why.is_none() {
                continue;
            }
            out.rows.push(vec![
                SqlValue::Text(key.id()),
                SqlValue::Text(r.get(8)?),
                SqlValue::Text(key.rule.clone()),
                SqlValue::Text(r.get(9)?),
                SqlValue::Int(key.year),
                text(key.section.clone()),
                text(key.row.clone()),
                text(key.col.clone()),
                int(key.expected),
                int(key.actual),
                SqlValue::Text(r.get(10)?),
                SqlValue::Text(r.get(11)?),
                SqlValue::Text(r.get(12)?),
                SqlValue::Text(if why.is_some() { "yes" } else { "no" }.into()),
                text(why),
            ]);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> FindingKey {
        FindingKey {
            agency_id: 1,
            year: 2025,
            rule: "carry-over".into(),
            section: Some("requests".into()),
            row: Some("carried_in".into()),
            col: Some("total".into()),
            expected: Some(3),
            actual: Some(5),
        }
    }

    #[test]
    fn an_id_is_a_stable_hash_of_the_key() {
        let k = key();
        assert_eq!(k.id().len(), ID_LEN);
        assert!(k.hash().starts_with(&k.id()));
        // Pinned (the id `gov-db check` printed for 晋江 2025's 总计 carry-over error): an id a
        // person wrote down must find its finding in any later gov-db.
        assert_eq!(k.id(), "e56fa2d2bc");
        let mut other = key();
        other.actual = Some(6);
        assert_ne!(other.id(), k.id());
        // A part left NULL is not the empty text.
        let mut blank = key();
        blank.col = None;
        let mut empty = key();
        empty.col = Some(String::new());
        assert_ne!(blank.hash(), empty.hash());
    }
}

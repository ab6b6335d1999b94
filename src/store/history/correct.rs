//! `gov-db correct`: a person's correction of cells the report printed wrong, made as the
//! report's next version. The printed reading stays in history, and each corrected cell keeps
//! what was printed and why (`cell_correction`), so that `show`, `export --full` and
//! `check --as-printed` can still tell the record as published.

use super::{Correction, Ended, load_current, save_version};
use crate::contract::{self, Kind, Section};
use crate::model::Value;
use crate::store::write::Written;
use crate::store::write::forms::{CellDiff, cell_name, shown};
use crate::store::{Error, Result, Store, now_utc};
use rusqlite::{OptionalExtension, params};

/// One cell to set: `requests.granted.total=12` (`section.row.column`, or `row.column`; a
/// value of `blank` or nothing leaves the cell blank).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellEdit {
    pub row: u8,
    pub col: u8,
    pub value: Value,
}

impl CellEdit {
    pub fn parse(text: &str) -> std::result::Result<CellEdit, String> {
        let (address, value) = text.split_once('=').ok_or_else(|| {
            format!("{text:?}: expected CELL=VALUE, e.g. requests.granted.total=12")
        })?;
        let parts: Vec<&str> = address.trim().split('.').collect();
        let (row, col) = match parts.as_slice() {
            [section, row, col] => {
                let s = Section::parse(section).ok_or_else(|| {
                    format!("{address:?}: no section {section:?} (proactive, requests, appeals)")
                })?;
                (contract::row(s, row), contract::col(s, col))
            }
            [row, col] => {
                let r = contract::ROWS.iter().find(|r| r.code == *row);
                (r, r.and_then(|r| contract::col(r.section, col)))
            }
            _ => (None, None),
        };
        let (Some(row), Some(col)) = (row, col) else {
            return Err(format!(
                "{address:?} is not a cell of the data contract (section.row.column, e.g. requests.granted.total)"
            ));
        };
        let v = value.trim();
        let value = if v.is_empty() || v == "blank" {
            Value::Blank
        } else if col.kind == Kind::Money {
            let decimal = v.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                && v.bytes().filter(|b| *b == b'.').count() <= 1
                && v.as_bytes()[0].is_ascii_digit()
                && !v.ends_with('.');
            if !decimal {
                return Err(format!(
                    "{text:?}: an amount is a decimal number such as 1002.3819"
                ));
            }
            Value::Money(v.to_string())
        } else {
            match v.parse::<i64>() {
                Ok(n) if n >= 0 || col.kind == Kind::Signed => Value::Int(n),
                _ => {
                    return Err(format!(
                        "{text:?}: a count is a whole number{} (or blank)",
                        if col.kind == Kind::Signed {
                            ""
                        } else {
                            " of 0 or more"
                        }
                    ));
                }
            }
        };
        Ok(CellEdit {
            row: row.id,
            col: col.id,
            value,
        })
    }
}

/// What a correction did.
#[derive(Clone, Debug)]
pub struct Corrected {
    pub version: i64,
    /// The cells changed, in words (`requests.granted.total 11 → 12`).
    pub change: String,
}

impl Store {
    /// Corrects cells of the report of `agency` (a canonical name) for `year`: its next
    /// version, the reading before it kept in history, each corrected cell with the value
    /// printed and `reason`.
    pub fn correct(
        &mut self,
        agency: &str,
        year: i64,
        edits: &[CellEdit],
        reason: &str,
    ) -> Result<Corrected> {
        let refused = |m: String| Error::History(m);
        let mut w = self.begin_change()?;
        let found: Option<(i64, i64)> = w
            .conn()
            .query_row(
                "SELECT r.id, r.agency_id FROM report r JOIN agency a ON a.id = r.agency_id
                 WHERE a.name = ?1 AND r.year = ?2",
                params![agency, year],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let (id, agency_id) =
            found.ok_or_else(|| refused(format!("{agency} has no report for {year}")))?;
        let stored = load_current(w.conn(), id)?;
        let template = stored.report().template;
        let printed = stored.reading.printed_cells();
        let version = stored.meta.version + 1;
        let mut next = stored.clone();
        for e in edits {
            let (row, col) = (
                contract::row_by_id(e.row).expect("parsed"),
                contract::col_by_id(e.col).expect("parsed"),
            );
            if !contract::cell_in_template(row, col, template) {
                return Err(refused(format!(
                    "{} is not a cell of the {} template that {agency} {year} follows",
                    cell_name(e.row, e.col),
                    template.year()
                )));
            }
            let cells = &mut next.reading.cells;
            match cells.binary_search_by_key(&(e.row, e.col), |c| (c.row, c.col)) {
                Ok(i) => cells[i].value = e.value.clone(),
                Err(i) => cells.insert(
                    i,
                    crate::model::Cell {
                        row: e.row,
                        col: e.col,
                        value: e.value.clone(),
                        origin: None,
                    },
                ),
            }
            let was = printed
                .iter()
                .find(|c| (c.row, c.col) == (e.row, e.col))
                .map(|c| c.value.clone());
            let corrections = &mut next.reading.corrections;
            corrections.retain(|c| (c.row, c.col) != (e.row, e.col));
            // Set back to what was printed, a cell is as printed again.
            if was.as_ref() != Some(&e.value) {
                corrections.push(Correction {
                    row: e.row,
                    col: e.col,
                    printed: was,
                    reason: reason.to_string(),
                    version,
                });
            }
        }
        next.reading.corrections.sort_by_key(|c| (c.row, c.col));
        let diff = CellDiff::new(&stored.reading.cells, &next.reading.cells);
        if diff.is_empty() {
            return Err(refused(format!(
                "{agency} {year} holds these values already: nothing to correct"
            )));
        }
        let change = crate::t!(
            "history-correction",
            cells = diff.describe_in(crate::i18n::lang(), true),
            reason = reason
        );
        let now = now_utc();
        save_version(w.conn(), &stored, &Ended::Correction, &now)?;
        w.remove(id)?;
        let written = Written {
            hash: &stored.meta.hash,
            parser_version: &stored.meta.parser_version,
            made_at: &now,
            run_id: None,
        };
        w.put_stored(&next, agency_id, version, &written)?;
        w.finish()?;
        Ok(Corrected { version, change })
    }
}

/// A corrected cell in words for `show`: `printed 11`, `printed blank`, `not printed`.
pub fn printed_words(printed: Option<&Value>) -> String {
    match printed {
        None => "not printed".to_string(),
        Some(v) => shown(v),
    }
}

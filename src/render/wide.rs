//! `export --wide`: one line per row of a report, its numbers side by side, for a spreadsheet
//! where the long form's one number per line is hard to read.
//!
//! The columns are every column code of the contract once, in the contract's order: 表三's
//! seven applicant columns, 表四's results (`total` is 总计 in both tables), then 表二's
//! columns. A line fills the columns of its section and leaves the others empty; a blank cell
//! is empty too. Beside each row code stands its label as the template prints it.

use super::record::{Number, Record};
use crate::contract::{self, Section};
use crate::layout;
use crate::store::SqlValue;

/// The value columns of a wide line: each column code of the contract once, in its order.
pub fn value_columns() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for section in [Section::Requests, Section::Appeals, Section::Proactive] {
        for c in contract::COLS.iter().filter(|c| c.section == section) {
            if !out.contains(&c.code) {
                out.push(c.code);
            }
        }
    }
    out
}

/// The header of a wide export: agency, year, section, row, row_label, the value columns, and
/// with `full` the canonical CSV's optional columns.
pub fn columns(full: bool) -> Vec<String> {
    let mut out: Vec<String> = ["agency", "year", "section", "row", "row_label"]
        .iter()
        .map(|c| c.to_string())
        .collect();
    out.extend(value_columns().iter().map(|c| c.to_string()));
    if full {
        out.extend(["region_code", "template", "source"].map(String::from));
    }
    out
}

/// Gathers the records of one report row into a line; the export gives a row's cells
/// together, so a line is done when the next record belongs to another row.
pub struct Lines {
    full: bool,
    slots: Vec<&'static str>,
    current: Option<(Record, Vec<SqlValue>)>,
}

impl Lines {
    pub fn new(full: bool) -> Lines {
        Lines {
            full,
            slots: value_columns(),
            current: None,
        }
    }

    /// Takes one record; gives back the line it finishes, if it starts another.
    pub fn push(&mut self, r: Record) -> Option<Vec<SqlValue>> {
        let done = match &self.current {
            Some((first, _)) if first.same_report(&r) && first.row.id == r.row.id => None,
            Some(_) => self.finish(),
            None => None,
        };
        let slot = self
            .slots
            .iter()
            .position(|c| *c == r.col.code)
            .expect("every column has a slot");
        let value = match &r.value {
            None => SqlValue::Null,
            Some(Number::Count(n)) => SqlValue::Int(*n),
            Some(Number::Money { text, .. }) => SqlValue::Decimal(text.clone()),
        };
        let (_, values) = self
            .current
            .get_or_insert_with(|| (r.clone(), vec![SqlValue::Null; self.slots.len()]));
        values[slot] = value;
        done
    }

    /// The line being gathered, if any.
    pub fn finish(&mut self) -> Option<Vec<SqlValue>> {
        let (r, values) = self.current.take()?;
        let text = |s: &str| SqlValue::Text(s.to_string());
        let mut line = vec![
            text(&r.agency),
            SqlValue::Int(r.year),
            text(r.row.section.code()),
            text(r.row.code),
            text(&layout::row_label(r.row)),
        ];
        line.extend(values);
        if self.full {
            let opt = |v: &Option<String>| v.as_deref().map_or(SqlValue::Null, text);
            line.push(opt(&r.region_code));
            line.push(
                r.template
                    .map_or(SqlValue::Null, |t| SqlValue::Int(t.year())),
            );
            line.push(opt(&r.source));
        }
        Some(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_once_applicants_first() {
        let cols = value_columns();
        assert_eq!(
            &cols[..7],
            [
                "natural_person",
                "commercial_enterprise",
                "research_institution",
                "social_welfare_org",
                "legal_service_org",
                "other_org",
                "total"
            ]
        );
        assert_eq!(&cols[7..11], ["upheld", "corrected", "other", "pending"]);
        assert_eq!(cols.iter().filter(|c| **c == "total").count(), 1);
        assert_eq!(cols.len(), 7 + 4 + 11);
    }
}

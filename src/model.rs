//! The in-memory form of one report, shared by every reader and the store: what a reader
//! produces after normalising to the contract's codes, and what the store writes.

use crate::contract::{self, Template};
use sha2::{Digest, Sha256};

/// A cell's content. A blank cell is not a zero.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Blank,
    Int(i64),
    /// A decimal amount, kept as printed (`1002.3819`).
    Money(String),
}

impl Value {
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(v) => Some(*v),
            _ => None,
        }
    }

    pub fn is_zero(&self) -> bool {
        matches!(self, Value::Int(0))
    }

    /// Why the value is past [`contract::MAX_VALUE`], if it is: a count of a trillion or
    /// more, or an amount whose whole part is.
    pub fn beyond_ceiling(&self) -> Option<String> {
        let max = contract::MAX_VALUE;
        match self {
            Value::Int(v) if v.unsigned_abs() > max.unsigned_abs() => Some(too_large(v)),
            Value::Money(s) => {
                let whole = s.split('.').next().unwrap_or("").trim_start_matches('0');
                (whole.len() > max.to_string().len()).then(|| {
                    format!(
                        "an amount of {} digits before the point is more than a cell may hold (below 10^12 万元; the state budget is about 3×10^9 万元)",
                        whole.len()
                    )
                })
            }
            _ => None,
        }
    }
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Blank => Ok(()),
            Value::Int(v) => write!(f, "{v}"),
            Value::Money(s) => f.write_str(s),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub row: u8,
    pub col: u8,
    pub value: Value,
    /// Where the number was read: `line 12`, `table 3 row 5 cell 2`.
    pub origin: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub agency: String,
    pub year: i64,
    pub template: Template,
    pub region_code: Option<String>,
    pub source: Option<String>,
    /// `csv`, `text`, `html`, `markdown`, `pdf`.
    pub format: String,
    pub cells: Vec<Cell>,
}

impl Report {
    /// Orders the cells by row and column id, the order the store writes them in.
    pub fn sort_cells(&mut self) {
        self.cells.sort_by_key(|c| (c.row, c.col));
    }

    pub fn get(&self, row: &str, col: &str) -> Option<&Value> {
        let r = contract::ROWS.iter().find(|r| r.code == row)?;
        let c = contract::COLS
            .iter()
            .find(|c| c.code == col && c.section == r.section)?;
        self.cells
            .iter()
            .find(|x| x.row == r.id && x.col == c.id)
            .map(|x| &x.value)
    }

    /// A digest of what the report says (agency, year, template, every cell), not of where it
    /// came from: the same numbers read from a report's HTML and its text hash the same.
    /// Expects sorted cells.
    pub fn content_hash(&self) -> String {
        self.hash_with_region(self.region_code.as_deref())
    }

    /// The digest as if the report gave no region code: the store uses it where the code
    /// given is the agency's own, so that a code exported with the report (`export --full`)
    /// and imported again changes nothing.
    pub fn content_hash_without_region(&self) -> String {
        self.hash_with_region(None)
    }

    fn hash_with_region(&self, region_code: Option<&str>) -> String {
        let mut h = Sha256::new();
        h.update(self.agency.as_bytes());
        h.update([0]);
        h.update(self.year.to_le_bytes());
        h.update([self.template.year() as u8]);
        h.update(region_code.unwrap_or("").as_bytes());
        h.update([0]);
        for c in &self.cells {
            h.update([c.row, c.col]);
            match &c.value {
                Value::Blank => h.update([0]),
                Value::Int(v) => {
                    h.update([1]);
                    h.update(v.to_le_bytes());
                }
                Value::Money(s) => {
                    h.update([2]);
                    h.update(s.as_bytes());
                    h.update([0]);
                }
            }
        }
        let digest = h.finalize();
        digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
    }
}

/// The per-report totals the store keeps beside the cells, in `report_summary`'s column
/// order: each is the 总计 column as printed, the sum of the six applicant columns where 总计
/// is blank, or None where the report does not state the row.
pub fn summary(report: &Report) -> [Option<i64>; 20] {
    use contract::Section;
    let mut by_row: std::collections::HashMap<u8, [Option<&Value>; 16]> =
        std::collections::HashMap::new();
    for c in &report.cells {
        by_row.entry(c.row).or_insert([None; 16])[usize::from(c.col % 16)] = Some(&c.value);
    }
    let requests_total = |code: &str| -> Option<i64> {
        let r = contract::row(Section::Requests, code)?;
        let cells = by_row.get(&r.id)?;
        if let Some(Value::Int(v)) = cells[7] {
            return Some(*v);
        }
        let parts: Vec<i64> = (1..=6)
            .filter_map(|i| cells[i].and_then(Value::as_int))
            .collect();
        checked_sum(&parts)
    };
    let group = |codes: &[&str]| -> Option<i64> {
        let parts: Vec<i64> = codes.iter().filter_map(|c| requests_total(c)).collect();
        checked_sum(&parts)
    };
    let group_of = |g: &str| -> Option<i64> {
        let codes: Vec<&str> = contract::ROWS
            .iter()
            .filter(|r| r.section == Section::Requests && r.group == g)
            .map(|r| r.code)
            .collect();
        group(&codes)
    };
    // 表四 columns: upheld 10, corrected 11, other 12, pending 13, total 14.
    let appeals = |codes: &[&str], col: u8| -> Option<i64> {
        let parts: Vec<i64> = codes
            .iter()
            .filter_map(|code| contract::row(Section::Appeals, code))
            .filter_map(|r| by_row.get(&r.id)?[usize::from(col % 16)]?.as_int())
            .collect();
        checked_sum(&parts)
    };
    let review = ["admin_review"];
    let litigation = ["litigation_direct", "litigation_after_review"];
    [
        requests_total("received_new"),
        requests_total("carried_in"),
        requests_total("total_processed"),
        requests_total("carried_out"),
        requests_total("granted"),
        requests_total("partly_granted"),
        group_of("withheld"),
        group_of("unavailable"),
        group_of("not_processed"),
        // A report may print the （六） line and its three rows both; count the rows then.
        group(&["other_no_correction", "other_unpaid_fee", "other_misc"])
            .or_else(|| group(&["other_processing"])),
        appeals(&review, 10),
        appeals(&review, 11),
        appeals(&review, 12),
        appeals(&review, 13),
        appeals(&review, 14),
        appeals(&litigation, 10),
        appeals(&litigation, 11),
        appeals(&litigation, 12),
        appeals(&litigation, 13),
        appeals(&litigation, 14),
    ]
}

/// A report's 表三 outcomes per applicant column (ids 1–7: 自然人 … 其他, 总计), as
/// `report_outcome` keeps them (migrations/V14): received_new, processed, granted,
/// partly_granted, withheld, unavailable, not_processed, other. Each is the sum of the
/// column's stated cells of that row or group, a blank adding nothing, None when none of them
/// has a number; `other` is 三（六）'s three rows, or its one line where none of the three has
/// a number. A column is listed, in id order, when the report states any 表三 cell in it.
pub fn outcomes(report: &Report) -> Vec<(u8, [Option<i64>; 8])> {
    // Slots 0–7 as returned, 8 the （六） line (row 33) until it is folded into 7.
    let mut by_col: [Option<[Option<i64>; 9]>; 8] = [None; 8];
    for c in &report.cells {
        if !(1..=7).contains(&c.col) || !(10..=35).contains(&c.row) {
            continue;
        }
        let sums = by_col[usize::from(c.col)].get_or_insert([None; 9]);
        let slot = match c.row {
            10 => 0,
            34 => 1,
            12 => 2,
            13 => 3,
            14..=21 => 4,
            22..=24 => 5,
            25..=29 => 6,
            30..=32 => 7,
            33 => 8,
            _ => continue,
        };
        if let Value::Int(v) = c.value {
            // At most eight cells of at most MAX_VALUE each: no sum comes near i64::MAX.
            sums[slot] = Some(sums[slot].unwrap_or(0).saturating_add(v));
        }
    }
    (1u8..=7)
        .filter_map(|col| {
            let s = by_col[usize::from(col)]?;
            let mut out = [None; 8];
            out.copy_from_slice(&s[..8]);
            out[7] = out[7].or(s[8]);
            Some((col, out))
        })
        .collect()
}

/// Why a count as printed is refused: past [`contract::MAX_VALUE`].
pub fn too_large(printed: impl std::fmt::Display) -> String {
    format!(
        "{printed} is more than a cell may hold (at most {}: no agency counts a trillion of anything in a year)",
        contract::MAX_VALUE
    )
}

/// The sum of stated parts; None when there are none, or (values past the ceiling only,
/// which the store refuses) when it would not fit.
fn checked_sum(parts: &[i64]) -> Option<i64> {
    if parts.is_empty() {
        return None;
    }
    parts.iter().try_fold(0i64, |a, b| a.checked_add(*b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(row: &str, col: &str, v: i64) -> Cell {
        let r = contract::ROWS.iter().find(|r| r.code == row).unwrap();
        let c = contract::COLS
            .iter()
            .find(|c| c.code == col && c.section == r.section)
            .unwrap();
        Cell {
            row: r.id,
            col: c.id,
            value: Value::Int(v),
            origin: None,
        }
    }

    #[test]
    fn other_processing_is_not_counted_twice() {
        let mut report = Report {
            agency: "A".into(),
            year: 2024,
            template: Template::T2021,
            region_code: None,
            source: None,
            format: "csv".into(),
            cells: vec![
                cell("other_processing", "total", 13),
                cell("other_no_correction", "total", 10),
                cell("other_misc", "total", 3),
            ],
        };
        report.sort_cells();
        assert_eq!(summary(&report)[9], Some(13));
        report.cells.retain(|c| c.row == 33);
        assert_eq!(summary(&report)[9], Some(13));
    }
    #[test]
    fn outcome_slots_follow_the_contract_groups() {
        // The row ids each slot of `outcomes` adds, against the contract's codes and groups.
        let requests = |id: u8| contract::row_by_id(id).unwrap();
        assert_eq!(requests(10).code, "received_new");
        assert_eq!(requests(34).code, "total_processed");
        assert_eq!(requests(12).code, "granted");
        assert_eq!(requests(13).code, "partly_granted");
        for (ids, group) in [
            (14..=21, "withheld"),
            (22..=24, "unavailable"),
            (25..=29, "not_processed"),
        ] {
            let in_group: Vec<u8> = contract::ROWS
                .iter()
                .filter(|r| r.group == group)
                .map(|r| r.id)
                .collect();
            assert_eq!(in_group, ids.collect::<Vec<u8>>(), "{group}");
        }
        assert_eq!(requests(33).code, "other_processing");
        let mut report = Report {
            agency: "A".into(),
            year: 2024,
            template: Template::T2021,
            region_code: None,
            source: None,
            format: "csv".into(),
            cells: vec![
                cell("other_processing", "natural_person", 4),
                cell("withheld_state_secret", "total", 2),
                cell("withheld_third_party", "total", 5),
                cell("granted", "total", 0),
                cell("other_processing", "total", 13),
                cell("other_misc", "total", 3),
            ],
        };
        report.cells.push(Cell {
            value: Value::Blank,
            ..cell("partly_granted", "total", 1)
        });
        report.sort_cells();
        let got = outcomes(&report);
        assert_eq!(
            got,
            vec![
                (1, [None, None, None, None, None, None, None, Some(4)]),
                (7, [None, None, Some(0), None, Some(7), None, None, Some(3)]),
            ]
        );
    }
}

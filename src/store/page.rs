//! What `gov-db page` reads about one agency: who it is (region, level, other names) and each
//! of its reports with every stated cell and the place it was read, typed for the page's
//! renderer. Findings, trends and peers come from what `check` and `query` already read.

use super::{Result, SqlValue, Store};
use rusqlite::named_params;

/// One agency as the agencies view has it (sql/agencies.sql).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageAgency {
    /// The identity's canonical name.
    pub name: String,
    /// Its other names (aliases).
    pub names: Vec<String>,
    pub region_code: Option<String>,
    /// The code's name in GB/T 2260.
    pub region: Option<String>,
    /// As set, else read off the code.
    pub level: Option<String>,
}

/// One report of the agency, with its cells.
#[derive(Clone, Debug, PartialEq)]
pub struct PageReport {
    pub year: i64,
    /// The name the report printed (an alias of the canonical name, or the name itself).
    pub printed_name: String,
    /// The template's year (2019, 2021) as stored.
    pub template: Option<i64>,
    pub format: Option<String>,
    pub source: Option<String>,
    pub content_hash: Option<String>,
    pub parser_version: Option<String>,
    /// Every stated cell, in the contract's order.
    pub cells: Vec<PageCell>,
}

/// One stated cell: its codes, its value (a count as an integer, an amount as the text
/// printed, Null for a blank) and where it was read (`line 84`, `table 2 row 4 cell 2`;
/// None for canonical CSV).
#[derive(Clone, Debug, PartialEq)]
pub struct PageCell {
    pub section: String,
    pub row: String,
    pub column: String,
    pub value: SqlValue,
    pub origin: Option<String>,
}

impl Store {
    /// The agency of this canonical name, None when there is none.
    pub fn page_agency(&self, agency: &str) -> Result<Option<PageAgency>> {
        let mut stmt = self.conn.prepare(
            "SELECT agency, names, region_code, region, level FROM agencies WHERE agency = ?1",
        )?;
        let mut rows = stmt.query([agency])?;
        let Some(r) = rows.next()? else {
            return Ok(None);
        };
        let names: Option<String> = r.get(1)?;
        Ok(Some(PageAgency {
            name: r.get(0)?,
            names: names
                .map(|n| n.split(" / ").map(str::to_string).collect())
                .unwrap_or_default(),
            region_code: r.get(2)?,
            region: r.get(3)?,
            level: r.get(4)?,
        }))
    }

    /// The agency's reports, newest first (only `year`'s when given), each with its cells.
    pub fn page_reports(&self, agency: &str, year: Option<i64>) -> Result<Vec<PageReport>> {
        let mut reports: Vec<PageReport> = self
            .conn
            .prepare(include_str!("sql/page-reports.sql"))?
            .query_map(named_params! {":agency": agency, ":year": year}, |r| {
                Ok(PageReport {
                    year: r.get(0)?,
                    printed_name: r.get(1)?,
                    template: r.get(2)?,
                    format: r.get(3)?,
                    source: r.get(4)?,
                    content_hash: r.get(5)?,
                    parser_version: r.get(6)?,
                    cells: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        for report in &mut reports {
            // The current version's cells, as `show` gives them (a corrected cell holds its
            // corrected value).
            let Some((_, cells)) = self.show_version(agency, report.year, None)? else {
                continue;
            };
            let at = |name: &str| cells.columns.iter().position(|c| c == name);
            let (Some(section), Some(row), Some(column), Some(value), Some(origin)) = (
                at("section"),
                at("row"),
                at("column"),
                at("value"),
                at("origin"),
            ) else {
                continue;
            };
            let text = |v: &SqlValue| match v {
                SqlValue::Text(t) | SqlValue::Decimal(t) => t.clone(),
                _ => String::new(),
            };
            report.cells = cells
                .rows
                .iter()
                .map(|r| PageCell {
                    section: text(&r[section]),
                    row: text(&r[row]),
                    column: text(&r[column]),
                    value: r[value].clone(),
                    origin: match &r[origin] {
                        SqlValue::Text(t) => Some(t.clone()),
                        _ => None,
                    },
                })
                .collect();
        }
        Ok(reports)
    }
}

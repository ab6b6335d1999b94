//! Regions (GB/T 2260 行政区划代码): the list loaded by `gov-db region import`, and what a
//! `--region` value stands for.

use super::super::{Error, Result, Store};
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::HashMap;

/// One region of GB/T 2260.
#[derive(Clone, Debug)]
pub struct Region {
    pub code: String,
    pub name: String,
    pub level: String,
    pub parent_code: Option<String>,
}

/// The region prefix a `--region` value stands for: digits as given (trailing zeros of a
/// 6-digit code dropped: 350500 → 3505), or a region's name looked up in `region`.
fn region_prefix(conn: &Connection, given: &str) -> Result<Option<String>> {
    let g = given.trim();
    if !g.is_empty() && g.chars().all(|c| c.is_ascii_digit()) {
        let mut p = g.to_string();
        if p.len() == 6 {
            while p.len() > 2 && p.ends_with("00") {
                p.truncate(p.len() - 2);
            }
        }
        return Ok(Some(p));
    }
    let code: Option<String> = conn
        .query_row(
            "SELECT code FROM region WHERE name = ?1 ORDER BY code LIMIT 1",
            [g],
            |r| r.get(0),
        )
        .optional()?;
    Ok(code.map(|c| {
        let mut p = c;
        while p.len() > 2 && p.ends_with("00") {
            p.truncate(p.len() - 2);
        }
        p
    }))
}

impl Store {
    pub fn region_prefix(&self, given: &str) -> Result<Option<String>> {
        region_prefix(&self.conn, given)
    }

    /// Replaces the region list (GB/T 2260 codes). Returns how many regions were loaded.
    pub fn import_regions(&mut self, regions: &[Region]) -> Result<usize> {
        let tx = self.conn.transaction().map_err(Error::from_sql)?;
        tx.execute("DELETE FROM region", [])?;
        {
            let mut stmt = tx.prepare(
                "INSERT INTO region (code, name, level, parent_code) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for r in regions {
                stmt.execute(params![r.code, r.name, r.level, r.parent_code])?;
            }
        }
        tx.commit().map_err(Error::from_sql)?;
        Ok(regions.len())
    }

    /// The regions whose code starts with `prefix` (all when None).
    pub fn regions(&self, prefix: Option<&str>) -> Result<Vec<Region>> {
        let mut stmt = self.conn.prepare(
            "SELECT code, name, level, parent_code FROM region
             WHERE ?1 IS NULL OR code LIKE ?1 || '%' ORDER BY code",
        )?;
        let rows = stmt.query_map([prefix], |r| {
            Ok(Region {
                code: r.get(0)?,
                name: r.get(1)?,
                level: r.get(2)?,
                parent_code: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Region code → name, for labels.
    pub fn region_names(&self) -> Result<HashMap<String, String>> {
        Ok(self
            .regions(None)?
            .into_iter()
            .map(|r| (r.code, r.name))
            .collect())
    }
}

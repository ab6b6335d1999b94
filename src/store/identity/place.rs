//! Agencies placed on the map by themselves: what an import infers about a new agency (its
//! region, level and parent government; see `crate::place`) written to `agency_place` with
//! the evidence, the agencies an inference left unplaced, and the regions a `--region` name
//! stands for.
//!
//! A person's word always wins: a row with `by_person = 1` is never replaced by an inference,
//! and an inference fills the agency's own columns only where they are empty.

use super::{Error, Result, Store, Value};
use crate::place::{self, Index, Kind, Placement};
use rusqlite::{Connection, OptionalExtension, params};

/// Reads the region index from the database's lists (they may be a newer list loaded by
/// `gov-db region import FILE`) with the bundled exceptions.
pub(in crate::store) fn load_index(conn: &Connection) -> rusqlite::Result<Index> {
    let list: Vec<place::lists::ListedRegion> = conn
        .prepare("SELECT code, name, level, parent_code FROM region")?
        .query_map([], |r| {
            Ok(place::lists::ListedRegion {
                code: r.get(0)?,
                name: r.get(1)?,
                level: r.get(2)?,
                parent_code: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let former: Vec<place::lists::Former> = conn
        .prepare(
            "SELECT code, name, level, parent_code, first_edition, last_edition, now_code, how
             FROM region_former",
        )?
        .query_map([], |r| {
            Ok(place::lists::Former {
                code: r.get(0)?,
                name: r.get(1)?,
                level: r.get(2)?,
                parent_code: r.get(3)?,
                first_edition: r.get(4)?,
                last_edition: r.get(5)?,
                now_code: r.get(6)?,
                how: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Index::new(list, &former, &place::lists::exceptions()))
}

/// Whether an import should infer where this agency is: it has no place yet, or only an
/// unplaced inference that the report's text (`with_text`) may settle. Never when a person
/// placed it, or its code is set.
pub(in crate::store) fn wants_place(
    conn: &Connection,
    agency_id: i64,
    with_text: bool,
) -> rusqlite::Result<bool> {
    let row: Option<(Option<String>, Option<i64>, Option<String>)> = conn
        .prepare_cached(
            "SELECT a.region_code, p.by_person, p.method
             FROM agency a LEFT JOIN agency_place p ON p.agency_id = a.id WHERE a.id = ?1",
        )?
        .query_row([agency_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    Ok(match row {
        None | Some((Some(_), _, _)) | Some((_, Some(1), _)) => false,
        Some((None, None, _)) => true,
        Some((None, _, method)) => {
            with_text && matches!(method.as_deref(), Some("ambiguous" | "no region"))
        }
    })
}

/// The CSV's own region_code for an agency: it stands, with the name's inference as evidence.
pub(in crate::store) fn with_given_code(index: &Index, mut p: Placement, code: &str) -> Placement {
    if p.code.as_deref() == Some(code) {
        return p;
    }
    let inferred = match &p.code {
        Some(c) => format!("the name alone says {c}"),
        None if p.candidates.is_empty() => "the name alone says nothing".into(),
        None => format!("the name alone may be {}", p.candidates.join(", ")),
    };
    p.evidence = vec![format!(
        "the report file gives region_code {code}; {inferred}"
    )];
    p.level = index
        .by_code(code)
        .map(|i| index.region(i).level.as_str())
        .or(p.level.filter(|l| *l != "central"));
    if p.kind == Some(Kind::Central) || p.kind.is_none() {
        p.kind = None;
        p.parent_code = None;
    } else if p.kind == Some(Kind::Department) && p.parent_code.is_some() {
        p.parent_code = Some(code.to_string());
    }
    p.code = Some(code.to_string());
    p.method = "report file";
    p.candidates.clear();
    p
}

/// Writes an inference about `agency_id` (never over a person's) and fills the agency's
/// region code and level where they are empty (`fill`: an agency just written with them
/// needs no filling), and its parent; a government placed links the departments of its
/// region that were waiting for it.
pub(in crate::store) fn write_place(
    conn: &Connection,
    agency_id: i64,
    p: &Placement,
    year: i64,
    fill: bool,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO agency_place
             (agency_id, code, level, parent_code, kind, method, candidates, evidence, by_person, year)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, ?9)
         ON CONFLICT (agency_id) DO UPDATE SET
             code = excluded.code, level = excluded.level, parent_code = excluded.parent_code,
             kind = excluded.kind, method = excluded.method, candidates = excluded.candidates,
             evidence = excluded.evidence, year = excluded.year
         WHERE by_person = 0",
    )?
    .execute(params![
        agency_id,
        p.code,
        p.level,
        p.parent_code,
        p.kind.map(Kind::as_str),
        p.method,
        (!p.candidates.is_empty()).then(|| p.candidates.join("; ")),
        p.evidence.join("; "),
        year
    ])?;
    if !p.is_placed() {
        return Ok(());
    }
    if fill {
        // The agency's own column keeps GB/T 2260's six digits: a township's county.
        let code6 = p.code.as_deref().map(|c| &c[..6]);
        conn.prepare_cached(
            "UPDATE agency SET region_code = coalesce(region_code, ?2),
                               level = coalesce(level, ?3)
             WHERE id = ?1",
        )?
        .execute(params![agency_id, code6, p.level])?;
    }
    match (p.kind, &p.parent_code, &p.code) {
        (Some(Kind::Department), Some(parent), _) => {
            if let Some(gov) = government_of(conn, parent)?
                && gov != agency_id
            {
                conn.prepare_cached(
                    "UPDATE agency SET parent_id = ?2 WHERE id = ?1 AND parent_id IS NULL",
                )?
                .execute(params![agency_id, gov])?;
            }
        }
        (Some(Kind::Government), _, Some(code))
            if government_of(conn, code)? == Some(agency_id) =>
        {
            conn.prepare_cached(
                "UPDATE agency SET parent_id = ?2
                 WHERE parent_id IS NULL AND id <> ?2 AND id IN (
                     SELECT agency_id FROM agency_place
                     WHERE parent_code = ?1 AND kind = 'department' AND by_person = 0)",
            )?
            .execute(params![code, agency_id])?;
        }
        _ => {}
    }
    Ok(())
}

/// The one agency placed as the government of `code`, if exactly one is.
fn government_of(conn: &Connection, code: &str) -> rusqlite::Result<Option<i64>> {
    let ids: Vec<i64> = conn
        .prepare_cached(
            "SELECT p.agency_id FROM agency_place p JOIN agency a ON a.id = p.agency_id
             WHERE p.code = ?1 AND p.kind = 'government' AND a.merged_into IS NULL LIMIT 2",
        )?
        .query_map([code], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(match ids.as_slice() {
        [one] => Some(*one),
        _ => None,
    })
}

/// Steps that record a person's placing of agency `id` (by `agency set` or `agency import`),
/// undone with the change like its other steps.
pub(super) fn person_steps(
    op: &mut super::steps::Op<'_>,
    id: i64,
    code: Option<&str>,
    level: Option<&str>,
) -> Result<()> {
    let exists: bool = op.tx.query_row(
        "SELECT count(*) > 0 FROM agency_place WHERE agency_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    if !exists {
        op.insert_place(id, true)?;
    }
    let key = Value::Integer(id);
    let text = |s: &str| Value::Text(s.to_string());
    op.set("agency_place", "by_person", key.clone(), Value::Integer(1))?;
    op.set("agency_place", "method", key.clone(), text("person"))?;
    op.set("agency_place", "candidates", key.clone(), Value::Null)?;
    op.set(
        "agency_place",
        "evidence",
        key.clone(),
        text("set by a person (gov-db agency set or agency import)"),
    )?;
    if let Some(c) = code {
        let v = if c.is_empty() { Value::Null } else { text(c) };
        op.set("agency_place", "code", key.clone(), v)?;
    }
    if let Some(l) = level {
        let v = if l.is_empty() { Value::Null } else { text(l) };
        op.set("agency_place", "level", key, v)?;
    }
    Ok(())
}

/// Steps that place a new agency of `agency import` listed without a region or level: the
/// inference from its name alone, logged like the rest of the change so that undoing the
/// import undoes it too.
pub(super) fn inferred_steps(
    op: &mut super::steps::Op<'_>,
    index: &Index,
    id: i64,
    name: &str,
) -> Result<()> {
    let p = place::infer(index, name, None);
    op.insert_place(id, false)?;
    let key = Value::Integer(id);
    let text = |s: Option<&str>| s.map_or(Value::Null, |s| Value::Text(s.to_string()));
    let candidates = (!p.candidates.is_empty()).then(|| p.candidates.join("; "));
    let evidence = p.evidence.join("; ");
    for (col, v) in [
        ("code", text(p.code.as_deref())),
        ("level", text(p.level)),
        ("parent_code", text(p.parent_code.as_deref())),
        ("kind", text(p.kind.map(Kind::as_str))),
        ("method", text(Some(p.method))),
        ("candidates", text(candidates.as_deref())),
        ("evidence", text(Some(&evidence))),
    ] {
        op.set("agency_place", col, key.clone(), v)?;
    }
    if !p.is_placed() {
        return Ok(());
    }
    let code6 = p.code.as_deref().map(|c| &c[..6]);
    op.set("agency", "region_code", key.clone(), text(code6))?;
    op.set("agency", "level", key.clone(), text(p.level))?;
    match (p.kind, &p.parent_code, &p.code) {
        (Some(Kind::Department), Some(parent), _) => {
            if let Some(gov) = government_of(op.tx, parent)?
                && gov != id
            {
                op.set("agency", "parent_id", key, Value::Integer(gov))?;
            }
        }
        (Some(Kind::Government), _, Some(code)) if government_of(op.tx, code)? == Some(id) => {
            let waiting: Vec<i64> = op
                .tx
                .prepare(
                    "SELECT a.id FROM agency a JOIN agency_place p ON p.agency_id = a.id
                     WHERE p.parent_code = ?1 AND p.kind = 'department' AND p.by_person = 0
                       AND a.parent_id IS NULL AND a.id <> ?2",
                )?
                .query_map(params![code, id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for w in waiting {
                op.set("agency", "parent_id", Value::Integer(w), Value::Integer(id))?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// An agency the inference could not place, with what it found.
#[derive(Clone, Debug)]
pub struct Unplaced {
    pub agency: String,
    pub method: String,
    pub candidates: Option<String>,
    pub evidence: String,
    pub years: String,
}

/// What a `--region` value stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegionArg {
    /// Codes starting with `prefix`; `took` says which region a name was taken as.
    Prefix {
        prefix: String,
        took: Option<String>,
    },
    /// A name of several regions: `350102 福建省福州市鼓楼区`, …
    Ambiguous(Vec<String>),
    Unknown,
}

impl Store {
    /// Agencies without a region, a level or a person's word: those an inference left
    /// unplaced (with the candidates and evidence) and those never inferred.
    pub fn unplaced(&self) -> Result<Vec<Unplaced>> {
        let mut stmt = self.conn.prepare(
            "SELECT a.name, coalesce(p.method, 'not inferred'), p.candidates,
                    coalesce(p.evidence, 'imported before gov-db placed agencies'),
                    (SELECT group_concat(y.year, ' ') FROM
                         (SELECT year FROM report WHERE agency_id = a.id ORDER BY year) y)
             FROM agency a LEFT JOIN agency_place p ON p.agency_id = a.id
             WHERE a.merged_into IS NULL AND a.region_code IS NULL AND a.level IS NULL
               AND coalesce(p.by_person, 0) = 0
             ORDER BY p.candidates IS NULL, a.name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Unplaced {
                agency: r.get(0)?,
                method: r.get(1)?,
                candidates: r.get(2)?,
                evidence: r.get(3)?,
                years: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// What a `--region` value stands for: digits are a code prefix (trailing zeros of a
    /// 6-digit code dropped: 350500 → 3505); a name is a region's, at any level, in full
    /// (泉州市), short (泉州), or as an older edition or the table of exceptions names it.
    pub fn resolve_region(&self, given: &str) -> Result<RegionArg> {
        let g = given.trim();
        if !g.is_empty() && g.chars().all(|c| c.is_ascii_digit()) {
            return Ok(RegionArg::Prefix {
                prefix: place::code_prefix(g).to_string(),
                took: None,
            });
        }
        if g.is_empty() {
            return Ok(RegionArg::Unknown);
        }
        let index = load_index(&self.conn).map_err(Error::from_sql)?;
        let found = index.lookup(g);
        match found.as_slice() {
            [] => Ok(RegionArg::Unknown),
            [one] => {
                let r = index.region(*one);
                let full = index.full_name(*one);
                if r.code.len() == 9 {
                    let county = &r.code[..6];
                    return Ok(RegionArg::Prefix {
                        prefix: place::code_prefix(county).to_string(),
                        took: Some(format!(
                            "{full} ({}), a township: agencies carry their county's code, so \
                             this selects {county}",
                            r.code
                        )),
                    });
                }
                let prefix = place::code_prefix(&r.code).to_string();
                Ok(RegionArg::Prefix {
                    took: Some(format!("{full} ({prefix})")),
                    prefix,
                })
            }
            many => Ok(RegionArg::Ambiguous(
                many.iter()
                    .map(|&i| format!("{} {}", index.region(i).code, index.full_name(i)))
                    .collect(),
            )),
        }
    }
}

//! Agency identity: the names an agency is known by, merging and splitting identities with
//! their reports, regions and levels, and the log that makes each change reversible.
//!
//! Every change runs in one transaction and writes its steps to `agency_op_step`; `undo`
//! replays them backwards after checking that nothing changed them since.

use super::{Error, Result, Store, now_utc};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

mod near;
pub(super) mod place;
mod regions;
mod steps;
mod suggest;
mod undo;
pub use place::{RegionArg, Unplaced};
pub use regions::Region;
use steps::{Op, merge_steps, move_name_steps, set_steps};
use suggest::suggest;

/// A change that `gov-db agency` cannot make, with the reason in words.
fn refused(msg: impl Into<String>) -> Error {
    Error::Agency(msg.into())
}

/// A name as a user typed it (`gov-db agency …`, `--agency`), as identities know it: the
/// readers' own normalisation (normalise.rs), so that a name typed finds the name imported.
fn typed(name: &str) -> Result<String> {
    crate::normalise::agency_name(name)
        .map_err(|e| refused(format!("{e}: {}", crate::read::quote(name))))
}

/// The attributes with a parent typed as a name (empty clears it, and stays empty).
fn typed_attrs(attrs: &AgencyAttrs) -> Result<AgencyAttrs> {
    Ok(AgencyAttrs {
        parent: match attrs.parent.as_deref() {
            Some(p) if !p.is_empty() => Some(typed(p)?),
            other => other.map(str::to_string),
        },
        ..attrs.clone()
    })
}

pub const LEVELS: &[&str] = &["central", "provincial", "prefecture", "county", "township"];

/// One identity as `gov-db agency list` shows it.
#[derive(Clone, Debug)]
pub struct AgencyInfo {
    pub id: i64,
    pub name: String,
    pub region_code: Option<String>,
    pub level: Option<String>,
    pub parent: Option<String>,
    pub aliases: Vec<String>,
    pub years: Vec<i64>,
}

/// A likely duplicate: `name` is probably `canonical` under another spelling.
#[derive(Clone, Debug)]
pub struct Suggestion {
    pub name: String,
    pub canonical: String,
    pub evidence: Vec<String>,
}

/// What a change did, for the command to print.
#[derive(Clone, Debug)]
pub struct OpDone {
    pub id: i64,
    pub summary: String,
}

/// An entry of the change log.
#[derive(Clone, Debug)]
pub struct OpEntry {
    pub id: i64,
    pub at: String,
    pub op: String,
    pub summary: String,
    pub undone_at: Option<String>,
}

/// Attributes to set on one agency; `None` leaves one as it is.
#[derive(Clone, Debug, Default)]
pub struct AgencyAttrs {
    pub region_code: Option<String>,
    pub level: Option<String>,
    pub parent: Option<String>,
}

/// The identity a name stands for: an alias, or the name of an identity.
pub(super) fn resolve_in(conn: &Connection, name: &str) -> rusqlite::Result<Option<i64>> {
    conn.prepare_cached(
        "SELECT agency_id FROM (
             SELECT agency_id, 0 AS pri FROM agency_name WHERE name = ?1
             UNION ALL
             SELECT coalesce(merged_into, id), 1 FROM agency WHERE name = ?1)
         ORDER BY pri LIMIT 1",
    )?
    .query_row([name], |r| r.get(0))
    .optional()
}

/// Records the name a report printed and widens that name's years to include the report's.
pub(super) fn note_report_name(
    tx: &Connection,
    report_id: i64,
    agency_id: i64,
    name: &str,
    year: i64,
) -> rusqlite::Result<()> {
    tx.prepare_cached("INSERT OR REPLACE INTO report_name (report_id, name) VALUES (?1, ?2)")?
        .execute(params![report_id, name])?;
    tx.prepare_cached(
        "INSERT INTO agency_name (name, agency_id, from_year, to_year) VALUES (?1, ?2, ?3, ?3)
         ON CONFLICT (name) DO UPDATE SET
             from_year = min(coalesce(from_year, excluded.from_year), excluded.from_year),
             to_year = max(coalesce(to_year, excluded.to_year), excluded.to_year)",
    )?
    .execute(params![name, agency_id, year])?;
    Ok(())
}

fn canonical_name(conn: &Connection, id: i64) -> Result<String> {
    Ok(conn.query_row("SELECT name FROM agency WHERE id = ?1", [id], |r| r.get(0))?)
}

impl Store {
    /// The identity a name (canonical or alias, as typed) stands for.
    pub fn resolve_agency(&self, name: &str) -> Result<Option<i64>> {
        let Ok(name) = typed(name) else {
            return Ok(None);
        };
        Ok(resolve_in(&self.conn, &name)?)
    }

    /// The canonical name of the identity `name` (as typed) stands for, if it is known.
    pub fn canonical(&self, name: &str) -> Result<Option<String>> {
        let Ok(name) = typed(name) else {
            return Ok(None);
        };
        match resolve_in(&self.conn, &name)? {
            Some(id) => Ok(Some(canonical_name(&self.conn, id)?)),
            None => Ok(None),
        }
    }

    /// Every identity with its names and the years it has reports for.
    pub fn agencies(&self, region: Option<&str>, level: Option<&str>) -> Result<Vec<AgencyInfo>> {
        let mut stmt = self.conn.prepare(
            "SELECT a.id, a.name, a.region_code, a.level, p.name,
                    (SELECT group_concat(n.name, char(31)) FROM
                         (SELECT name FROM agency_name WHERE agency_id = a.id AND name <> a.name
                          ORDER BY coalesce(from_year, 9999), name) n),
                    (SELECT group_concat(y.year, ',') FROM
                         (SELECT year FROM report WHERE agency_id = a.id ORDER BY year) y)
             FROM agency a LEFT JOIN agency p ON p.id = a.parent_id
             WHERE a.merged_into IS NULL
               AND (?1 IS NULL OR a.region_code LIKE ?1 || '%')
               AND (?2 IS NULL OR a.level = ?2)
             ORDER BY a.region_code IS NULL, a.region_code, a.name",
        )?;
        let rows = stmt.query_map(params![region, level], |r| {
            let aliases: Option<String> = r.get(5)?;
            let years: Option<String> = r.get(6)?;
            Ok(AgencyInfo {
                id: r.get(0)?,
                name: r.get(1)?,
                region_code: r.get(2)?,
                level: r.get(3)?,
                parent: r.get(4)?,
                aliases: aliases
                    .map(|s| s.split('\u{1f}').map(str::to_string).collect())
                    .unwrap_or_default(),
                years: years
                    .map(|s| s.split(',').filter_map(|y| y.parse().ok()).collect())
                    .unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Makes `name` a name of the identity `canonical` stands for. An unknown name becomes an
    /// alias (for the years given); a name that is an identity of its own is merged into it.
    pub fn alias(
        &mut self,
        name: &str,
        canonical: &str,
        from_year: Option<i64>,
        to_year: Option<i64>,
    ) -> Result<OpDone> {
        let (name, canonical) = (typed(name)?, typed(canonical)?);
        let (name, canonical) = (name.as_str(), canonical.as_str());
        for year in [from_year, to_year].into_iter().flatten() {
            if !(1990..=2100).contains(&year) {
                return Err(refused(format!(
                    "{year} is not a statistics year (1990–2100)"
                )));
            }
        }
        if let (Some(f), Some(t)) = (from_year, to_year)
            && f > t
        {
            return Err(refused(format!(
                "the first year, {f}, is after the last, {t}"
            )));
        }
        let tx = self.conn.transaction().map_err(Error::from_sql)?;
        let into =
            resolve_in(&tx, canonical)?.ok_or_else(|| refused(near::unknown(&tx, canonical)))?;
        let done = {
            let mut op = Op::begin(&tx, "alias")?;
            let into_name = canonical_name(&tx, into)?;
            match resolve_in(&tx, name)? {
                Some(from) if from == into => {
                    if from_year.is_none() && to_year.is_none() {
                        return Err(refused(format!(
                            "{name:?} is already a name of {into_name}"
                        )));
                    }
                }
                // The name of an agency: the agency joins (all its names and reports).
                Some(from) if canonical_name(&tx, from)? == name => {
                    merge_steps(&mut op, from, into)?;
                }
                // One other name of an agency: that name moves, with the reports printed
                // under it.
                Some(from) => move_name_steps(&mut op, name, from, into)?,
                None => op.new_name(name, into)?,
            }
            if from_year.is_some() || to_year.is_some() {
                // The name may have come with a merge: it is in agency_name either way.
                let has: bool = tx.query_row(
                    "SELECT count(*) > 0 FROM agency_name WHERE name = ?1",
                    [name],
                    |r| r.get(0),
                )?;
                if !has {
                    op.new_name(name, into)?;
                }
                let key = Value::Text(name.into());
                if let Some(y) = from_year {
                    op.set("agency_name", "from_year", key.clone(), Value::Integer(y))?;
                }
                if let Some(y) = to_year {
                    op.set("agency_name", "to_year", key, Value::Integer(y))?;
                }
            }
            op.finish(
                crate::t!(in crate::i18n::Lang::En, "agency-op-alias", name = name, canonical = into_name.as_str()),
                crate::t!("agency-op-alias", name = name, canonical = into_name.as_str()),
            )?
        };
        tx.commit().map_err(Error::from_sql)?;
        Ok(done)
    }

    /// Moves every report and name of the identity `from` stands for into the one `into`
    /// stands for. Refused when both have a report for the same year.
    pub fn merge(&mut self, from: &str, into: &str) -> Result<OpDone> {
        let (from, into) = (typed(from)?, typed(into)?);
        let (from, into) = (from.as_str(), into.as_str());
        let tx = self.conn.transaction().map_err(Error::from_sql)?;
        let f = resolve_in(&tx, from)?.ok_or_else(|| refused(near::unknown(&tx, from)))?;
        let i = resolve_in(&tx, into)?.ok_or_else(|| refused(near::unknown(&tx, into)))?;
        if f == i {
            return Err(refused(format!(
                "{from:?} and {into:?} are already one agency"
            )));
        }
        let done = {
            let mut op = Op::begin(&tx, "merge")?;
            merge_steps(&mut op, f, i)?;
            let (fname, iname) = (canonical_name(&tx, f)?, canonical_name(&tx, i)?);
            op.finish(
                crate::t!(in crate::i18n::Lang::En, "agency-op-merge", from = fname.as_str(), into = iname.as_str()),
                crate::t!("agency-op-merge", from = fname.as_str(), into = iname.as_str()),
            )?
        };
        tx.commit().map_err(Error::from_sql)?;
        Ok(done)
    }

    /// Moves names and/or years of an identity out into another identity, `into` (created
    /// when unknown; an identity merged into this one earlier gets its own reports back).
    /// Reports move when their printed name is one of `names` or their year one of `years`.
    pub fn split(
        &mut self,
        agency: &str,
        names: &[String],
        years: &[i64],
        into: Option<&str>,
    ) -> Result<OpDone> {
        let agency = typed(agency)?;
        let agency = agency.as_str();
        let names = &names
            .iter()
            .map(|n| typed(n))
            .collect::<Result<Vec<String>>>()?;
        let into = into.map(typed).transpose()?;
        let into = into.as_deref();
        let tx = self.conn.transaction().map_err(Error::from_sql)?;
        let src = resolve_in(&tx, agency)?.ok_or_else(|| refused(near::unknown(&tx, agency)))?;
        let src_name = canonical_name(&tx, src)?;
        for n in names {
            if resolve_in(&tx, n)? != Some(src) {
                return Err(refused(format!("{n:?} is not a name of {src_name}")));
            }
            if *n == src_name {
                return Err(refused(format!(
                    "{n:?} is the canonical name of the agency; split the other names out instead"
                )));
            }
        }
        let target_name = into
            .map(str::to_string)
            .or_else(|| names.first().cloned())
            .ok_or_else(|| refused("say which names (--name) or years (--year) to split out, and --into NAME when only years are given"))?;
        if target_name == src_name {
            return Err(refused(format!(
                "{target_name:?} is the agency being split"
            )));
        }
        let done = {
            let mut op = Op::begin(&tx, "split")?;
            // The target: a row merged into this identity earlier, a new identity, or refused
            // when the name belongs to another identity.
            let row: Option<(i64, Option<i64>)> = tx
                .query_row(
                    "SELECT id, merged_into FROM agency WHERE name = ?1",
                    [&target_name],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let target = match (row, resolve_in(&tx, &target_name)?) {
                (Some((id, Some(m))), _) if m == src => {
                    op.set("agency", "merged_into", Value::Integer(id), Value::Null)?;
                    id
                }
                (Some((id, None)), _) if id != src => {
                    return Err(refused(format!(
                        "{target_name:?} is another agency; split into a new name, then merge"
                    )));
                }
                (_, Some(owner)) if owner != src => {
                    return Err(refused(format!(
                        "{target_name:?} is a name of {}",
                        canonical_name(&tx, owner)?
                    )));
                }
                _ => op.new_agency(&target_name)?,
            };
            let mut moved_names: Vec<String> = names.to_vec();
            if !moved_names.contains(&target_name) {
                moved_names.push(target_name.clone());
            }
            for n in &moved_names {
                let key = Value::Text(n.clone());
                let exists: bool = tx.query_row(
                    "SELECT count(*) > 0 FROM agency_name WHERE name = ?1",
                    [n],
                    |r| r.get(0),
                )?;
                if exists {
                    op.set("agency_name", "agency_id", key, Value::Integer(target))?;
                } else {
                    op.new_name(n, target)?;
                }
            }
            let reports: Vec<(i64, i64)> = {
                let mut stmt = tx.prepare(
                    "SELECT r.id, r.year FROM report r LEFT JOIN report_name rn ON rn.report_id = r.id
                     WHERE r.agency_id = ?1
                       AND (rn.name IN (SELECT value FROM json_each(?2))
                            OR r.year IN (SELECT value FROM json_each(?3)))
                     ORDER BY r.year",
                )?;
                let names_json = serde_json::to_string(&moved_names).expect("strings");
                let years_json = serde_json::to_string(years).expect("ints");
                stmt.query_map(params![src, names_json, years_json], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
                .collect::<rusqlite::Result<_>>()?
            };
            let clash: Option<i64> = tx
                .query_row(
                    "SELECT year FROM report WHERE agency_id = ?1
                     AND year IN (SELECT value FROM json_each(?2)) LIMIT 1",
                    params![
                        target,
                        serde_json::to_string(&reports.iter().map(|r| r.1).collect::<Vec<_>>())
                            .expect("ints")
                    ],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(y) = clash {
                return Err(refused(format!(
                    "{target_name} already has a report for {y}"
                )));
            }
            for (id, _) in &reports {
                op.set(
                    "report",
                    "agency_id",
                    Value::Integer(*id),
                    Value::Integer(target),
                )?;
            }
            let ys: Vec<String> = reports.iter().map(|r| r.1.to_string()).collect();
            let split = |lang| {
                crate::t!(in lang, "agency-op-split",
                    names = moved_names.join(", "),
                    from = src_name.as_str(),
                    into = target_name.as_str(),
                    n = ys.len(),
                    years = ys.join(", "))
            };
            op.finish(split(crate::i18n::Lang::En), split(crate::i18n::lang()))?
        };
        tx.commit().map_err(Error::from_sql)?;
        Ok(done)
    }

    /// Sets the region code, level and parent of an identity.
    pub fn set_agency(&mut self, name: &str, attrs: &AgencyAttrs) -> Result<OpDone> {
        let (name, attrs) = (typed(name)?, typed_attrs(attrs)?);
        let (name, attrs) = (name.as_str(), &attrs);
        let tx = self.conn.transaction().map_err(Error::from_sql)?;
        let done = {
            let mut op = Op::begin(&tx, "set")?;
            let summary = set_steps(&mut op, name, attrs)?;
            op.finish(summary.clone(), summary)?
        };
        tx.commit().map_err(Error::from_sql)?;
        Ok(done)
    }

    /// Sets region, level and parent for many agencies in one change (from a CSV). Names not
    /// known yet are created, so that a list can be loaded before the reports.
    pub fn set_agencies(&mut self, rows: &[(String, AgencyAttrs)]) -> Result<OpDone> {
        let rows = &rows
            .iter()
            .map(|(name, attrs)| Ok((typed(name)?, typed_attrs(attrs)?)))
            .collect::<Result<Vec<_>>>()?;
        let tx = self.conn.transaction().map_err(Error::from_sql)?;
        let done = {
            let mut op = Op::begin(&tx, "import")?;
            let mut index = None;
            for (name, attrs) in rows {
                if resolve_in(&tx, name)?.is_none() {
                    let id = op.new_agency(name)?;
                    op.new_name(name, id)?;
                    // Listed without a region or level: placed by its name, as an import
                    // would place it.
                    if attrs.region_code.is_none() && attrs.level.is_none() {
                        if index.is_none() {
                            index = Some(place::load_index(&tx)?);
                        }
                        let index = index.as_ref().expect("loaded above");
                        place::inferred_steps(&mut op, index, id, name)?;
                    }
                }
            }
            for (name, attrs) in rows {
                if attrs.region_code.is_none() && attrs.level.is_none() && attrs.parent.is_none() {
                    continue;
                }
                set_steps(&mut op, name, attrs)?;
            }
            op.finish(
                crate::t!(in crate::i18n::Lang::En, "agency-op-import", n = rows.len()),
                crate::t!("agency-op-import", n = rows.len()),
            )?
        };
        tx.commit().map_err(Error::from_sql)?;
        Ok(done)
    }

    /// The change log, newest first.
    pub fn agency_log(&self) -> Result<Vec<OpEntry>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, at, op, summary, undone_at FROM agency_op ORDER BY id DESC")?;
        let rows = stmt.query_map([], |r| {
            Ok(OpEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                op: r.get(2)?,
                summary: r.get(3)?,
                undone_at: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Likely duplicates among the identities, with the evidence for each; nothing changes.
    pub fn suggest(&self) -> Result<Vec<Suggestion>> {
        let agencies = self.agencies(None, None)?;
        let index = place::load_index(&self.conn)?;
        Ok(suggest(&agencies, &index))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the command line refuses first is refused by the store too, before SQLite's
    /// CHECK constraints would answer.
    #[test]
    fn empty_names_and_impossible_years_are_refused_in_words() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        store
            .set_agencies(&[("甲局".to_string(), AgencyAttrs::default())])
            .unwrap();
        let refusal = |r: Result<OpDone>| match r {
            Err(Error::Agency(m)) => m,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            refusal(store.alias(" ", "甲局", None, None)),
            "the agency name is empty: \" \""
        );
        assert_eq!(
            refusal(store.alias("乙局", "甲局", Some(3000), None)),
            "3000 is not a statistics year (1990–2100)"
        );
        assert_eq!(
            refusal(store.alias("乙局", "甲局", Some(2024), Some(2019))),
            "the first year, 2024, is after the last, 2019"
        );
        assert_eq!(
            refusal(store.split("甲局", &[], &[2024], Some("  "))),
            "the agency name is empty: \"  \""
        );
    }
}

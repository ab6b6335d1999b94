//! The steps of one agency change (merge, rename, set), each written to `agency_op_step`
//! as it is done, so that `gov-db agency undo` can replay them backwards.

use super::*;

/// A change being recorded: applies each step and logs it.
pub(super) struct Op<'t> {
    pub(super) tx: &'t Transaction<'t>,
    id: i64,
    seq: i64,
}

impl<'t> Op<'t> {
    pub(super) fn begin(tx: &'t Transaction<'t>, op: &str) -> Result<Op<'t>> {
        tx.execute(
            "INSERT INTO agency_op (at, op, summary) VALUES (?1, ?2, '')",
            params![now_utc(), op],
        )?;
        Ok(Op {
            id: tx.last_insert_rowid(),
            tx,
            seq: 0,
        })
    }

    pub(super) fn log(
        &mut self,
        kind: &str,
        tbl: &str,
        col: Option<&str>,
        key: Value,
        before: Value,
        after: Value,
    ) -> Result<()> {
        self.seq += 1;
        self.tx.execute(
            "INSERT INTO agency_op_step (op_id, seq, kind, tbl, col, key, before, after)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![self.id, self.seq, kind, tbl, col, key, before, after],
        )?;
        Ok(())
    }

    /// Sets one column of one row, logging the value it had.
    /// Points `col` of every `tbl` row whose key `select` lists (given `from`) at `into`, one
    /// logged step a row.
    pub(super) fn repoint(
        &mut self,
        select: &str,
        tbl: &str,
        col: &str,
        from: i64,
        into: i64,
    ) -> Result<()> {
        let keys: Vec<Value> = self
            .tx
            .prepare(select)?
            .query_map([from], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for key in keys {
            self.set(tbl, col, key, Value::Integer(into))?;
        }
        Ok(())
    }

    pub(super) fn set(&mut self, tbl: &str, col: &str, key: Value, after: Value) -> Result<()> {
        let before: Value = self.tx.query_row(
            &format!("SELECT {col} FROM {tbl} WHERE {} = ?1", key_col(tbl)),
            [&key],
            |r| r.get(0),
        )?;
        if before == after {
            return Ok(());
        }
        self.tx.execute(
            &format!("UPDATE {tbl} SET {col} = ?2 WHERE {} = ?1", key_col(tbl)),
            params![key, after],
        )?;
        self.log("set", tbl, Some(col), key, before, after)
    }

    pub(super) fn new_agency(&mut self, name: &str) -> Result<i64> {
        not_blank(name)?;
        self.tx
            .execute("INSERT INTO agency (name) VALUES (?1)", [name])?;
        let id = self.tx.last_insert_rowid();
        self.log(
            "insert",
            "agency",
            None,
            Value::Integer(id),
            Value::Null,
            Value::Null,
        )?;
        Ok(id)
    }

    pub(super) fn new_name(&mut self, name: &str, agency_id: i64) -> Result<()> {
        not_blank(name)?;
        self.tx.execute(
            "INSERT INTO agency_name (name, agency_id) VALUES (?1, ?2)",
            params![name, agency_id],
        )?;
        self.log(
            "insert",
            "agency_name",
            None,
            Value::Text(name.into()),
            Value::Null,
            Value::Null,
        )
    }

    /// A place for agency `id`, a person's or an inference's, filled in by the steps that
    /// follow.
    pub(super) fn insert_place(&mut self, id: i64, by_person: bool) -> Result<()> {
        self.tx.execute(
            "INSERT INTO agency_place (agency_id, method, by_person) VALUES (?1, ?2, ?3)",
            params![id, if by_person { "person" } else { "name" }, by_person],
        )?;
        self.log(
            "insert",
            "agency_place",
            None,
            Value::Integer(id),
            Value::Null,
            Value::Null,
        )
    }

    /// Ends the change, its summary `stored` in the log (English, as the log has always been
    /// written) and `said` to the person who made it (in their language).
    pub(super) fn finish(self, stored: String, said: String) -> Result<OpDone> {
        self.tx.execute(
            "UPDATE agency_op SET summary = ?2 WHERE id = ?1",
            params![self.id, stored],
        )?;
        let summary = said;
        // Reports moved between identities: the trigger of migrations/V7 lists their
        // agencies, whose cross-year findings the next command rechecks.
        Ok(OpDone {
            id: self.id,
            summary,
        })
    }
}

/// An agency's name has something in it (the schema's CHECK, said before SQLite says it).
fn not_blank(name: &str) -> Result<()> {
    if name.trim().is_empty() {
        Err(refused("an agency's name cannot be empty"))
    } else {
        Ok(())
    }
}

/// The chain of parents from `id` back to itself (`[id, parent, …, id]`), if following
/// parents from it comes back to it.
fn parent_cycle(tx: &Transaction<'_>, id: i64) -> Result<Option<Vec<i64>>> {
    let mut chain = vec![id];
    let mut at = id;
    loop {
        let parent: Option<i64> =
            tx.query_row("SELECT parent_id FROM agency WHERE id = ?1", [at], |r| {
                r.get(0)
            })?;
        match parent {
            None => return Ok(None),
            Some(p) if p == id => {
                chain.push(p);
                return Ok(Some(chain));
            }
            // A cycle further up, not through `id`: not this change's doing.
            Some(p) if chain.contains(&p) => return Ok(None),
            Some(p) => {
                chain.push(p);
                at = p;
            }
        }
    }
}

/// Refuses a change after which following parents from `id` comes back to it, naming the
/// agencies around the cycle.
pub(super) fn refuse_parent_cycle(tx: &Transaction<'_>, id: i64) -> Result<()> {
    let Some(chain) = parent_cycle(tx, id)? else {
        return Ok(());
    };
    let names = chain
        .iter()
        .map(|a| canonical_name(tx, *a))
        .collect::<Result<Vec<_>>>()?;
    Err(refused(format!(
        "{} would be its own ancestor: {} (each belonging to the next); clear a parent first \
         (gov-db agency set NAME --parent '')",
        names[0],
        names.join(" → ")
    )))
}

pub(super) fn key_col(tbl: &str) -> &'static str {
    match tbl {
        "agency_name" => "name",
        "agency_place" => "agency_id",
        _ => "id",
    }
}

pub(super) fn merge_steps(op: &mut Op<'_>, from: i64, into: i64) -> Result<()> {
    let tx = op.tx;
    let clash: Vec<i64> = tx
        .prepare(
            "SELECT a.year FROM report a JOIN report b ON a.year = b.year
             WHERE a.agency_id = ?1 AND b.agency_id = ?2 ORDER BY a.year",
        )?
        .query_map(params![from, into], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if !clash.is_empty() {
        let ys: Vec<String> = clash.iter().map(i64::to_string).collect();
        return Err(refused(format!(
            "{} and {} both have a report for {}; one agency has one report a year, so they cannot be merged as they are",
            canonical_name(tx, from)?,
            canonical_name(tx, into)?,
            ys.join(", ")
        )));
    }
    op.repoint(
        "SELECT id FROM report WHERE agency_id = ?1 ORDER BY year",
        "report",
        "agency_id",
        from,
        into,
    )?;
    op.repoint(
        "SELECT name FROM agency_name WHERE agency_id = ?1 ORDER BY name",
        "agency_name",
        "agency_id",
        from,
        into,
    )?;
    // Agencies merged into `from` earlier now point at `into`.
    op.repoint(
        "SELECT id FROM agency WHERE merged_into = ?1",
        "agency",
        "merged_into",
        from,
        into,
    )?;
    // What `into` does not know yet (region code, level, parent), it takes from `from`.
    for col in ["region_code", "level", "parent_id"] {
        let (have, give): (Value, Value) = tx.query_row(
            &format!(
                "SELECT i.{col}, f.{col} FROM agency i, agency f WHERE i.id = ?1 AND f.id = ?2"
            ),
            params![into, from],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if have == Value::Null && give != Value::Null && give != Value::Integer(into) {
            op.set("agency", col, Value::Integer(into), give)?;
        }
    }
    // Agencies that belonged to `from` now belong to `into`.
    let children: Vec<i64> = tx
        .prepare("SELECT id FROM agency WHERE parent_id = ?1")?
        .query_map([from], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in children {
        if id != into {
            op.set(
                "agency",
                "parent_id",
                Value::Integer(id),
                Value::Integer(into),
            )?;
        }
    }
    op.set(
        "agency",
        "merged_into",
        Value::Integer(from),
        Value::Integer(into),
    )?;
    // `into` may have taken `from`'s parent, and `from`'s children: no agency may come to
    // belong to itself.
    refuse_parent_cycle(tx, into)
}

pub(super) fn move_name_steps(op: &mut Op<'_>, name: &str, from: i64, into: i64) -> Result<()> {
    let tx = op.tx;
    let reports: Vec<(i64, i64)> = tx
        .prepare(
            "SELECT r.id, r.year FROM report r JOIN report_name rn ON rn.report_id = r.id
             WHERE r.agency_id = ?1 AND rn.name = ?2 ORDER BY r.year",
        )?
        .query_map(params![from, name], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (_, year) in &reports {
        let clash: bool = tx.query_row(
            "SELECT count(*) > 0 FROM report WHERE agency_id = ?1 AND year = ?2",
            params![into, year],
            |r| r.get(0),
        )?;
        if clash {
            return Err(refused(format!(
                "{} already has a report for {year}, and so does {name}",
                canonical_name(tx, into)?
            )));
        }
    }
    for (id, _) in reports {
        op.set(
            "report",
            "agency_id",
            Value::Integer(id),
            Value::Integer(into),
        )?;
    }
    op.set(
        "agency_name",
        "agency_id",
        Value::Text(name.into()),
        Value::Integer(into),
    )?;
    // The agency row of that name, if one was merged away earlier, goes along.
    let row: Option<i64> = tx
        .query_row(
            "SELECT id FROM agency WHERE name = ?1 AND merged_into = ?2",
            params![name, from],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = row {
        op.set(
            "agency",
            "merged_into",
            Value::Integer(id),
            Value::Integer(into),
        )?;
    }
    Ok(())
}

pub(super) fn set_steps(op: &mut Op<'_>, name: &str, attrs: &AgencyAttrs) -> Result<String> {
    let tx = op.tx;
    let id = resolve_in(tx, name)?.ok_or_else(|| refused(super::near::unknown(tx, name)))?;
    let mut said = Vec::new();
    if let Some(code) = &attrs.region_code {
        if code.is_empty() {
            op.set("agency", "region_code", Value::Integer(id), Value::Null)?;
        } else {
            if !matches!(code.len(), 6 | 9) || !code.chars().all(|c| c.is_ascii_digit()) {
                return Err(refused(format!(
                    "{code:?} is not a 行政区划代码 (6 digits, e.g. 350582, or a township's 9)"
                )));
            }
            // The agency keeps GB/T 2260's six digits (a township's county); its place the
            // township's nine.
            op.set(
                "agency",
                "region_code",
                Value::Integer(id),
                Value::Text(code[..6].to_string()),
            )?;
        }
        said.push(format!("region {code}"));
    }
    if let Some(level) = &attrs.level {
        if level.is_empty() {
            op.set("agency", "level", Value::Integer(id), Value::Null)?;
        } else {
            if !LEVELS.contains(&level.as_str()) {
                return Err(refused(format!(
                    "{level:?} is not a level; use one of {}",
                    LEVELS.join(", ")
                )));
            }
            op.set(
                "agency",
                "level",
                Value::Integer(id),
                Value::Text(level.clone()),
            )?;
        }
        said.push(format!("level {level}"));
    }
    if let Some(parent) = &attrs.parent {
        if parent.is_empty() {
            op.set("agency", "parent_id", Value::Integer(id), Value::Null)?;
        } else {
            let p =
                resolve_in(tx, parent)?.ok_or_else(|| refused(super::near::unknown(tx, parent)))?;
            if p == id {
                return Err(refused(format!("{name:?} cannot be its own parent")));
            }
            op.set("agency", "parent_id", Value::Integer(id), Value::Integer(p))?;
            refuse_parent_cycle(tx, id)?;
        }
        said.push(format!("parent {parent}"));
    }
    if said.is_empty() {
        return Err(refused("say what to set: --region, --level or --parent"));
    }
    // A person's word on the region or level: no inference replaces it.
    if attrs.region_code.is_some() || attrs.level.is_some() {
        super::place::person_steps(op, id, attrs.region_code.as_deref(), attrs.level.as_deref())?;
    }
    Ok(format!("{}: {}", canonical_name(tx, id)?, said.join(", ")))
}

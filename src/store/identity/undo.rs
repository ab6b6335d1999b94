//! `gov-db agency undo`: a change replayed backwards, and the reports it routed since.
//!
//! A merge or an alias does more than its logged steps: while it stands, every import
//! resolves the names it moved to the identity it moved them to. Undoing only the steps would
//! leave those later reports where the change sent them, and the next import of the same file
//! would store the same agency-year a second time under the restored identity. So the undo
//! also moves every report printed under a name the change routed, to where the name leads
//! once the change is undone (a new identity of that name, as an import would make, where it
//! leads nowhere), or refuses naming the report that cannot move.

use super::{OpDone, refused};
use crate::store::{Error, Result, Store, now_utc};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Transaction, params};

use super::resolve_in;
use super::steps::key_col;

/// A logged step: kind, table, column, key, value before, value after.
type Step = (String, String, Option<String>, Value, Value, Value);

/// A name whose resolution the change set: the identity it led to while the change stood,
/// and the one it leads to once undone (None: no identity, only a name the change brought).
struct Route {
    name: String,
    routed_to: i64,
    restored: Option<i64>,
}

impl Store {
    /// Reverses a change (the latest one not yet undone, or `id`), provided no later change
    /// touched what it changed, with the reports imported since under a name it routed.
    pub fn undo(&mut self, id: Option<i64>) -> Result<OpDone> {
        let tx = self.conn.transaction().map_err(Error::from_sql)?;
        let id: i64 = match id {
            Some(id) => id,
            None => tx
                .query_row(
                    "SELECT max(id) FROM agency_op WHERE undone_at IS NULL",
                    [],
                    |r| r.get::<_, Option<i64>>(0),
                )?
                .ok_or_else(|| refused("there is no change to undo"))?,
        };
        let (summary, undone): (String, Option<String>) = tx
            .query_row(
                "SELECT summary, undone_at FROM agency_op WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| refused(format!("there is no change #{id}")))?;
        if undone.is_some() {
            return Err(refused(format!("change #{id} is already undone")));
        }
        let steps: Vec<Step> = tx
            .prepare(
                "SELECT kind, tbl, col, key, before, after FROM agency_op_step
                 WHERE op_id = ?1 ORDER BY seq DESC",
            )?
            .query_map([id], |r| r.try_into())?
            .collect::<rusqlite::Result<_>>()?;
        let routes = routes(&tx, &steps)?;
        let moved_by_the_change: Vec<i64> = steps
            .iter()
            .filter(|s| s.1 == "report")
            .filter_map(|s| match s.3 {
                Value::Integer(k) => Some(k),
                _ => None,
            })
            .collect();
        for step in steps {
            replay_backwards(&tx, id, step)?;
        }
        let followed = follow_routes(&tx, id, &routes, &moved_by_the_change)?;
        let now = now_utc();
        tx.execute(
            "UPDATE agency_op SET undone_at = ?2 WHERE id = ?1",
            params![id, now],
        )?;
        // Reports moved back: the trigger of migrations/V7 lists their agencies, whose
        // findings the next command rechecks.
        tx.commit().map_err(Error::from_sql)?;
        let mut summary = format!("undid #{id}: {summary}");
        if !followed.is_empty() {
            summary.push_str(&format!(
                "; {} report{} imported since under a name it routed moved with the name ({})",
                followed.len(),
                if followed.len() == 1 { "" } else { "s" },
                followed.join(", ")
            ));
        }
        Ok(OpDone { id, summary })
    }
}

/// The names whose resolution the steps changed, read before they are undone.
fn routes(tx: &Transaction<'_>, steps: &[Step]) -> Result<Vec<Route>> {
    let mut routes = Vec::new();
    for (kind, tbl, col, key, before, after) in steps {
        match (kind.as_str(), tbl.as_str(), col.as_deref(), key) {
            // A name moved from one identity to another.
            ("set", "agency_name", Some("agency_id"), Value::Text(name)) => {
                if let (Value::Integer(to), Value::Integer(from)) = (after, before) {
                    routes.push(Route {
                        name: name.clone(),
                        routed_to: *to,
                        restored: Some(*from),
                    });
                }
            }
            // A name the change brought (an alias of a name no report had printed yet).
            ("insert", "agency_name", _, Value::Text(name)) => {
                let to: Option<i64> = tx
                    .query_row(
                        "SELECT agency_id FROM agency_name WHERE name = ?1",
                        [name],
                        |r| r.get(0),
                    )
                    .optional()?;
                if let Some(to) = to {
                    routes.push(Route {
                        name: name.clone(),
                        routed_to: to,
                        restored: None,
                    });
                }
            }
            // An identity merged into another: its canonical name led there.
            ("set", "agency", Some("merged_into"), Value::Integer(agency)) => {
                if let Value::Integer(to) = after {
                    let name: String =
                        tx.query_row("SELECT name FROM agency WHERE id = ?1", [agency], |r| {
                            r.get(0)
                        })?;
                    let restored = match before {
                        Value::Integer(earlier) => *earlier,
                        _ => *agency,
                    };
                    routes.push(Route {
                        name,
                        routed_to: *to,
                        restored: Some(restored),
                    });
                }
            }
            _ => {}
        }
    }
    Ok(routes)
}

/// Undoes one logged step, refused when a later change touched the same row.
fn replay_backwards(tx: &Transaction<'_>, id: i64, step: Step) -> Result<()> {
    let (kind, tbl, col, key, before, after) = step;
    let kc = key_col(&tbl);
    if kind == "set" {
        let col = col.unwrap_or_default();
        let now: Option<Value> = tx
            .query_row(
                &format!("SELECT {col} FROM {tbl} WHERE {kc} = ?1"),
                [&key],
                |r| r.get(0),
            )
            .optional()?;
        if now.as_ref() != Some(&after) {
            return Err(refused(format!(
                "a later change touched what change #{id} did ({tbl} {}); undo that one first",
                describe(&key)
            )));
        }
        tx.execute(
            &format!("UPDATE {tbl} SET {col} = ?2 WHERE {kc} = ?1"),
            params![key, before],
        )?;
        return Ok(());
    }
    let n = tx
        .execute(&format!("DELETE FROM {tbl} WHERE {kc} = ?1"), [&key])
        .map_err(|e| {
            refused(format!(
                "cannot remove {tbl} {} that change #{id} made: it is in use ({e})",
                describe(&key)
            ))
        })?;
    if n == 0 {
        return Err(refused(format!(
            "{tbl} {} that change #{id} made is gone already",
            describe(&key)
        )));
    }
    Ok(())
}

/// A logged key as a person reads it: `7`, `"平潭综合实验区"`.
fn describe(key: &Value) -> String {
    match key {
        Value::Integer(n) => n.to_string(),
        Value::Real(x) => x.to_string(),
        Value::Text(t) => format!("{t:?}"),
        Value::Blob(_) => "(bytes)".into(),
        Value::Null => "(none)".into(),
    }
}

/// Moves the reports printed under each routed name, imported while the change stood, to
/// where the name leads now; refused when that identity has a report for the same year.
/// Returns `name year` of each report moved.
fn follow_routes(
    tx: &Transaction<'_>,
    id: i64,
    routes: &[Route],
    moved_by_the_change: &[i64],
) -> Result<Vec<String>> {
    let mut followed = Vec::new();
    for route in routes {
        let reports: Vec<(i64, i64)> = tx
            .prepare(
                "SELECT r.id, r.year FROM report r JOIN report_name rn ON rn.report_id = r.id
                 WHERE r.agency_id = ?1 AND rn.name = ?2 ORDER BY r.year",
            )?
            .query_map(params![route.routed_to, route.name], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .filter(|r| {
                r.as_ref()
                    .map_or(true, |(rid, _)| !moved_by_the_change.contains(rid))
            })
            .collect::<rusqlite::Result<_>>()?;
        // A name row a later import made (the change's own rows are restored already) still
        // leads where the change sent it.
        let stray: Option<i64> = tx
            .query_row(
                "SELECT agency_id FROM agency_name WHERE name = ?1",
                [&route.name],
                |r| r.get(0),
            )
            .optional()?;
        if reports.is_empty() && stray != Some(route.routed_to) {
            continue;
        }
        let target = match route.restored {
            Some(t) => t,
            None => match resolve_in(tx, &route.name)? {
                Some(t) if t != route.routed_to => t,
                _ => {
                    tx.execute("INSERT INTO agency (name) VALUES (?1)", [&route.name])?;
                    tx.last_insert_rowid()
                }
            },
        };
        for (report, year) in reports {
            let clash: Option<String> = tx
                .query_row(
                    "SELECT a.name FROM report r JOIN agency a ON a.id = r.agency_id
                     WHERE r.agency_id = ?1 AND r.year = ?2",
                    params![target, year],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(holder) = clash {
                return Err(refused(format!(
                    "cannot undo #{id}: the {year} report printed as {}, imported after it, would go back to {holder}, which has a report for {year} already; move one of them first (gov-db agency split)",
                    route.name
                )));
            }
            tx.execute(
                "UPDATE report SET agency_id = ?2 WHERE id = ?1",
                params![report, target],
            )?;
            followed.push(format!("{} {year}", route.name));
        }
        tx.execute(
            "INSERT INTO agency_name (name, agency_id) VALUES (?1, ?2)
             ON CONFLICT (name) DO UPDATE SET agency_id = excluded.agency_id",
            params![route.name, target],
        )?;
    }
    Ok(followed)
}

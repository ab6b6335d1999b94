//! The names close to one that names no agency, so that a slip in `--agency` (平潭 for
//! 平潭综合实验区, 沐阳 for 沭阳) is refused with the right name offered, rather than read as
//! "this agency has nothing" from an answer without rows.

use crate::store::Store;
use crate::suggest::{self, Closeness, Given};
use rusqlite::Connection;
use std::collections::HashMap;

/// One name per identity close to `given` (the closest of its names; its canonical name on a
/// tie), closest identities first. Every name is compared (400k names: 2.3 s in a debug
/// build), which is paid only when a name resolved to nothing, on the way to an error.
fn near_names(conn: &Connection, given: &str) -> rusqlite::Result<Vec<String>> {
    let g = Given::new(given);
    let mut best: HashMap<i64, (Closeness, bool, String)> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT coalesce(merged_into, id), name, merged_into IS NOT NULL FROM agency
         UNION ALL
         SELECT agency_id, name, 1 FROM agency_name",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let name = r.get_ref(1)?.as_str()?;
        let Some(k) = g.closeness(name) else { continue };
        let other_name: bool = r.get(2)?;
        let id: i64 = r.get(0)?;
        let better = best
            .get(&id)
            .is_none_or(|(bk, bo, _)| (k, other_name) < (*bk, *bo));
        if better {
            best.insert(id, (k, other_name, name.to_string()));
        }
    }
    let mut found: Vec<(Closeness, bool, String)> = best.into_values().collect();
    found.sort();
    Ok(found.into_iter().map(|(_, _, n)| n).collect())
}

/// "no agency is known as "X"", with the close names offered, or where to look for names
/// when none is close.
pub(super) fn unknown(conn: &Connection, name: &str) -> String {
    // The refusal matters more than the offer: a failing lookup leaves the offer out.
    let near = near_names(conn, name).unwrap_or_default();
    if near.is_empty() {
        crate::t!("agency-unknown", name = format!("{name:?}"))
    } else {
        crate::t!(
            "agency-unknown-near",
            name = format!("{name:?}"),
            suggestion = suggest::did_you_mean(&near)
        )
    }
}

impl Store {
    /// Why `name` selects nothing, offering the names close to it (did you mean …?).
    pub fn unknown_agency(&self, name: &str) -> String {
        unknown(&self.conn, name)
    }
}

//! The canned views of `sql/`: each file is one view, opened by a comment whose first line
//! says what it answers. A file may end with a `-- query` section, the parameterised SELECT
//! that `gov-db query` runs instead of the default filter over the view.

use super::{Error, Result};
use rusqlite::{Connection, OptionalExtension};
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/views.rs"));

#[derive(Debug)]
pub struct View {
    /// The name users type: the file stem (`resolution-rates`).
    pub name: &'static str,
    /// The SQL view it creates (`resolution_rates`).
    pub view: String,
    /// The first line of the header comment.
    pub summary: String,
    /// The whole header comment, without the comment markers.
    pub doc: String,
    pub create: &'static str,
    pub query: Option<&'static str>,
}

pub fn views() -> &'static [View] {
    static VIEWS: OnceLock<Vec<View>> = OnceLock::new();
    VIEWS.get_or_init(|| VIEW_FILES.iter().map(|(n, s)| parse(n, s)).collect())
}

pub fn view_by_name(name: &str) -> Option<&'static View> {
    let name = name.replace('_', "-");
    views().iter().find(|v| v.name == name)
}

fn parse(name: &'static str, text: &'static str) -> View {
    let doc_lines: Vec<&str> = text
        .lines()
        .take_while(|l| l.starts_with("--"))
        .map(|l| l.trim_start_matches("--").strip_prefix(' ').unwrap_or(""))
        .collect();
    let (create, query) = match text.find("\n-- query\n") {
        Some(i) => (&text[..i], Some(&text[i + "\n-- query\n".len()..])),
        None => (text, None),
    };
    View {
        name,
        view: name.replace('-', "_"),
        summary: doc_lines.first().copied().unwrap_or("").to_string(),
        doc: doc_lines.join("\n"),
        create,
        query,
    }
}

/// The digest of every view's SQL as this build has it: the database keeps the digest of the
/// views it holds (meta `views_digest`), so that a newer gov-db's views replace an older
/// one's and `sqlite3 gov.db` sees them too.
pub(super) fn digest() -> &'static str {
    static DIGEST: OnceLock<String> = OnceLock::new();
    DIGEST.get_or_init(|| {
        let mut h = Sha256::new();
        for v in views() {
            h.update(v.create.as_bytes());
        }
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    })
}

/// Whether the database holds this build's views.
pub(super) fn current(conn: &Connection) -> Result<bool> {
    let stored: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'views_digest'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(stored.as_deref() == Some(digest()))
}

/// Replaces every view of the database with this build's, and records their digest. Runs
/// inside the caller's transaction, which holds the write lock (see `open::upgrade`).
pub(super) fn install(conn: &Connection) -> Result<()> {
    let old: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'view'")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for name in old {
        conn.execute_batch(&format!("DROP VIEW IF EXISTS \"{name}\";"))?;
    }
    create_all(conn, |v| v.create.to_string())?;
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('views_digest', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [digest()],
    )?;
    Ok(())
}

/// This build's views as TEMP views of one connection, for a database it cannot write
/// whose views are another build's: they live in the connection's memory, shadow the
/// stored ones of the same name, and write nothing.
pub(super) fn install_temp(conn: &Connection) -> Result<()> {
    create_all(conn, |v| {
        v.create
            .replacen("\nCREATE VIEW ", "\nCREATE TEMP VIEW ", 1)
    })
}

/// Creates every view with the SQL `sql` makes of it; a view may build on another, so in as
/// many passes as the dependencies need.
fn create_all(conn: &Connection, sql: impl Fn(&View) -> String) -> Result<()> {
    let mut pending: Vec<&View> = views().iter().collect();
    while !pending.is_empty() {
        let mut failed = Vec::new();
        let mut last_error = None;
        for v in &pending {
            if let Err(e) = conn.execute_batch(&sql(v)) {
                last_error = Some((v.name, e));
                failed.push(*v);
            }
        }
        if failed.len() == pending.len() {
            let (view, e) = last_error.expect("a failure was recorded");
            return Err(Error::View {
                view: view.to_string(),
                message: e.to_string(),
            });
        }
        pending = failed;
    }
    Ok(())
}

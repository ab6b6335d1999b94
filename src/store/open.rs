//! Opening a database: what a file holds is read before anything is changed in it, and what
//! has to be written (the schema's migrations, this build's views, stale findings) is written
//! under SQLite's write lock, so that any number of gov-db processes may start on one
//! database at once, a new one included.
//!
//! A file is ours when it holds gov-db's schema history (refinery's) at a version this build
//! knows; an empty one (zero bytes, or SQLite without a single schema object) may become
//! ours, and only through a command that writes. Anything else, a database made by a newer
//! gov-db included, is refused before WAL mode or a migration could touch it.
//!
//! The work is done in one transaction begun with BEGIN IMMEDIATE: it waits for another
//! writer within the busy timeout (where a deferred transaction that read first would fail
//! at once with "database is locked"), and once it holds the lock it looks again, since the
//! process that held it may have done the same work. A command that only reads does that
//! work too when it can write the file; when it cannot (a read-only file, directory or file
//! system) it writes nothing: this build's views become TEMP views of its own connection,
//! stale findings are reported as stale, and only a schema too old to read is refused.

use super::{BUSY_TIMEOUT, Error, Result, findings, migrations, views};
use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};

/// What a file holds, read before anything is written to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Found {
    /// Zero bytes, or SQLite without a single schema object.
    Empty,
    /// gov-db's schema at this version, at most the newest this build knows.
    Ours(i64),
}

/// The newest schema version this build knows.
pub(super) fn known_version() -> i64 {
    migrations::runner()
        .get_migrations()
        .iter()
        .map(|m| i64::from(m.version()))
        .max()
        .unwrap_or(0)
}

/// Reads what the file holds, changing nothing: [`Error::Foreign`] for SQLite that is not
/// gov-db's (tables, views, anything, without gov-db's schema history),
/// [`Error::TooNew`] for a schema newer than this build's.
pub(super) fn classify(conn: &Connection, path: &Path) -> Result<Found> {
    let (objects, has_history): (i64, bool) = conn
        .query_row(
            "SELECT count(*),
                    coalesce(sum(type = 'table' AND name = 'refinery_schema_history'), 0) > 0
             FROM sqlite_master",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(|e| not_sqlite(e, path))?;
    if !has_history {
        return if objects == 0 {
            Ok(Found::Empty)
        } else {
            Err(Error::Foreign {
                path: path.to_path_buf(),
            })
        };
    }
    // Another program's refinery history names other migrations under the same versions.
    let applied: Vec<(i64, String)> = conn
        .prepare("SELECT version, name FROM refinery_schema_history ORDER BY version")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let runner = migrations::runner();
    let ours = runner.get_migrations();
    let foreign = applied.iter().any(|(version, name)| {
        ours.iter()
            .any(|m| i64::from(m.version()) == *version && m.name() != name)
    });
    if foreign {
        return Err(Error::Foreign {
            path: path.to_path_buf(),
        });
    }
    let found = applied.last().map_or(0, |(v, _)| *v);
    let known = known_version();
    if found > known {
        return Err(Error::TooNew {
            path: path.to_path_buf(),
            found,
            known,
        });
    }
    Ok(Found::Ours(found))
}

/// "file is not a database" names the file; other failures stay as they are.
fn not_sqlite(e: rusqlite::Error, path: &Path) -> Error {
    if e.sqlite_error_code() == Some(ErrorCode::NotADatabase) {
        Error::NotSqlite {
            path: path.to_path_buf(),
        }
    } else {
        Error::from_sql(e)
    }
}

/// Readies a connection that may write: refuses what is not ours, then WAL mode and the
/// settings, then whatever the database lacks, under the write lock. `take_over` lets an
/// empty file become a gov-db database (the commands that write); without it an empty file
/// is [`Error::Empty`].
pub(super) fn prepare_writer(conn: &mut Connection, path: &Path, take_over: bool) -> Result<()> {
    prepare(conn, path, take_over).map_err(|e| {
        if cannot_write(&e) {
            Error::CannotWrite {
                path: path.to_path_buf(),
            }
        } else {
            e
        }
    })
}

fn prepare(conn: &mut Connection, path: &Path, take_over: bool) -> Result<()> {
    let open_err = |source| Error::Open {
        path: path.to_path_buf(),
        source,
    };
    conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
    let mut found = classify(conn, path)?;
    if found == Found::Empty && !take_over {
        // Another gov-db may be making it this moment: wait for its write lock (taken and
        // given back, nothing written), then look again.
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)
            .map_err(Error::from_sql)?;
        found = classify(&tx, path)?;
        drop(tx);
        if found == Found::Empty {
            return Err(Error::Empty {
                path: path.to_path_buf(),
            });
        }
    }
    if conn.is_readonly(rusqlite::MAIN_DB)? {
        return Err(Error::CannotWrite {
            path: path.to_path_buf(),
        });
    }
    // Only now, the file being ours (or empty), is anything changed in it.
    let settings = |e| match Error::from_sql(e) {
        Error::Sql(source) => open_err(source),
        other => other,
    };
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .map_err(settings)?;
    if !mode.eq_ignore_ascii_case("wal") && !mode.eq_ignore_ascii_case("memory") {
        to_wal(conn).map_err(settings)?;
    }
    conn.execute_batch(
        "PRAGMA synchronous = NORMAL;
         PRAGMA foreign_keys = ON;
         PRAGMA cache_size = -65536;
         PRAGMA temp_store = MEMORY;",
    )
    .map_err(settings)?;
    // Without the query planner stability guarantee, SQLite 3.54 marks `col = ?` terms
    // for re-planning when a bound value moves in or out of 0..=1, and then re-prepares
    // such a statement every time rusqlite takes it from its cache (clearing the
    // bindings expires it): 8% of a national import went to parsing one SELECT again
    // and again. Plans here never depend on the values bound.
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )
    .map_err(open_err)?;
    if pending(conn, found)?.any() {
        upgrade(conn, path, take_over)?;
    }
    Ok(())
}

/// What a database lacks, as far as can be told without the lock.
#[derive(Debug, Default)]
struct Pending {
    migrate: bool,
    views: bool,
    findings: Option<findings::Stale>,
}

impl Pending {
    fn any(&self) -> bool {
        self.migrate || self.views || self.findings.is_some()
    }
}

fn pending(conn: &Connection, found: Found) -> Result<Pending> {
    match found {
        // Views and findings are read from the schema; a migration comes first.
        Found::Empty => Ok(Pending {
            migrate: true,
            ..Pending::default()
        }),
        Found::Ours(v) if v < known_version() => Ok(Pending {
            migrate: true,
            ..Pending::default()
        }),
        Found::Ours(_) => Ok(Pending {
            migrate: false,
            views: !views::current(conn)?,
            findings: findings::stale(conn)?,
        }),
    }
}

/// Migrates, installs the views and refreshes stale findings as needed, in one transaction
/// that holds the write lock, deciding each again once it holds it.
fn upgrade(conn: &mut Connection, path: &Path, take_over: bool) -> Result<()> {
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)
        .map_err(Error::from_sql)?;
    let found = classify(&tx, path)?;
    if found == Found::Empty && !take_over {
        return Err(Error::Empty {
            path: path.to_path_buf(),
        });
    }
    if found != Found::Ours(known_version()) {
        // The migration that loads the region lists reads them through this function.
        super::register_bundled(&tx).map_err(Error::from_sql)?;
        migrations::runner()
            .run(&mut Locked(&tx))
            .map_err(|source| Error::Migrate {
                path: path.to_path_buf(),
                source,
            })?;
    }
    if !views::current(&tx)? {
        views::install(&tx)?;
    }
    if let Some(stale) = findings::stale(&tx)? {
        stale.refresh(&tx)?;
    }
    tx.commit().map_err(Error::from_sql)?;
    Ok(())
}

/// A read-only connection ready for a command that only reads, and how many reports' findings
/// it found stale and could not refresh.
pub(super) fn reader(path: &Path) -> Result<(Connection, Option<i64>)> {
    let (conn, immutable) = read_only_connection(path)?;
    let mut found = classify(&conn, path)?;
    if pending(&conn, found)?.any() && !immutable {
        // Done here when the file can be written, as any command always did; left undone,
        // and said, when it cannot.
        if let Some(mut w) = writable(path)? {
            match prepare_writer(&mut w, path, false) {
                Ok(()) => {}
                Err(e) if cannot_write(&e) => {}
                Err(e) => return Err(e),
            }
        }
        found = classify(&conn, path)?;
    }
    let left = match found {
        Found::Empty => {
            return Err(Error::Empty {
                path: path.to_path_buf(),
            });
        }
        Found::Ours(v) if v < known_version() => {
            return Err(Error::NeedsUpgrade {
                path: path.to_path_buf(),
                found: v,
                known: known_version(),
            });
        }
        Found::Ours(_) => pending(&conn, found)?,
    };
    if left.views {
        views::install_temp(&conn)?;
    }
    let stale = match &left.findings {
        Some(s) => Some(s.reports(&conn)?),
        None => None,
    };
    Ok((conn, stale))
}

/// Opens `path` read-only, creating nothing ([`Error::Missing`] when there is no file).
/// Reading a WAL database needs its `-shm` file; in a directory where it cannot be created
/// (and with no `-wal` file, so that nothing can have changed the database since it was last
/// closed), the file is opened as immutable instead. True when it was.
fn read_only_connection(path: &Path) -> Result<(Connection, bool)> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let open_err = |source| Error::Open {
        path: path.to_path_buf(),
        source,
    };
    let conn = Connection::open_with_flags(path, flags).map_err(|source| {
        if path.exists() {
            open_err(source)
        } else {
            Error::Missing {
                path: path.to_path_buf(),
            }
        }
    })?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
    let first_read = conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()));
    match first_read {
        Err(e) if is_read_only_error(&e) && !sibling(path, "-wal").exists() => {
            let uri = format!("file:{}?immutable=1", uri_path(path));
            let conn = Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)
                .map_err(open_err)?;
            Ok((conn, true))
        }
        // Anything else shows again, with its meaning, when the file is classified.
        _ => Ok((conn, false)),
    }
}

/// A connection that may write `path` (never creating it), or None when the file cannot
/// be written (its mode, or a read-only file system).
fn writable(path: &Path) -> Result<Option<Connection>> {
    let flags = OpenFlags::default() - OpenFlags::SQLITE_OPEN_CREATE;
    match Connection::open_with_flags(path, flags) {
        Ok(c) if !c.is_readonly(rusqlite::MAIN_DB)? => Ok(Some(c)),
        Ok(_) => Ok(None),
        Err(e) if is_read_only_error(&e) => Ok(None),
        Err(source) => Err(Error::Open {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// SQLite's answers when a file, its directory or its file system cannot be written.
fn is_read_only_error(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied)
    )
}

fn cannot_write(e: &Error) -> bool {
    match e {
        Error::CannotWrite { .. } => true,
        Error::Sql(e) | Error::Open { source: e, .. } => is_read_only_error(e),
        Error::Migrate { source, .. } => std::error::Error::source(source)
            .and_then(|s| s.downcast_ref::<rusqlite::Error>())
            .is_some_and(is_read_only_error),
        _ => false,
    }
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// A path as the path of a `file:` URI: every byte but the unreserved ones and `/`
/// percent-encoded, so that `?`, `#` and `%` in a name stay part of it.
fn uri_path(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::new();
    for &b in path.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// refinery's runner on a connection whose transaction already holds the write lock: its
/// reads and migrations run inside that transaction (refinery's own driver would begin
/// transactions of its own, deferred ones, and between reading the history and applying a
/// migration another process could apply it: "table finding already exists").
struct Locked<'c>(&'c Connection);

impl refinery_core::traits::sync::Transaction for Locked<'_> {
    type Error = rusqlite::Error;

    fn execute<'a, T: Iterator<Item = &'a str>>(&mut self, queries: T) -> rusqlite::Result<usize> {
        let mut count = 0;
        for query in queries {
            self.0.execute_batch(query)?;
            count += 1;
        }
        Ok(count)
    }
}

impl refinery_core::traits::sync::Query<Vec<refinery::Migration>> for Locked<'_> {
    fn query(&mut self, query: &str) -> rusqlite::Result<Vec<refinery::Migration>> {
        let mut stmt = self.0.prepare(query)?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i32>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let mut applied = Vec::new();
        for row in rows {
            let (version, name, applied_on, checksum) = row?;
            // refinery compares version, name and checksum; the time is only kept. A
            // checksum that does not parse fails that comparison, as a diverging history.
            let applied_on = time::OffsetDateTime::parse(
                &applied_on,
                &time::format_description::well_known::Rfc3339,
            )
            .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
            applied.push(refinery::Migration::applied(
                version,
                name,
                applied_on,
                checksum.parse().unwrap_or(0),
            ));
        }
        Ok(applied)
    }
}

impl refinery::Migrate for Locked<'_> {}

/// Switches a new database to WAL mode. Several gov-db starting on one new file switch it at
/// once; the switch needs the file alone, and where SQLite sees that waiting could deadlock
/// (a connection holding a read lock while another wants the write lock) it answers
/// SQLITE_BUSY at once, without its busy handler: tried again within the busy timeout.
fn to_wal(conn: &Connection) -> rusqlite::Result<()> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        match conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(())) {
            Err(e)
                if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy)
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            other => return other,
        }
    }
}

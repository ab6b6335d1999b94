//! The only code that speaks SQL to the database: opening and migrating it, installing the
//! canned views, writing reports and reading them back.

mod findings;
mod history;
mod identity;
mod read;
mod views;
mod write;

pub use findings::{CHECKS_VERSION, CheckState, FINDING_COLUMNS, FindingFilter};
pub use history::{CellEdit, Corrected, RunEntry, VersionEntry};
pub use identity::{AgencyAttrs, AgencyInfo, LEVELS, OpDone, OpEntry, Region, Suggestion};
pub use read::{Changed, ExportFilter, QueryParams, RowSink, Rows, SqlValue};
pub use views::{View, view_by_name, views};
pub use write::{Conflict, FileLine, FileTally, ImportSummary, Importer, Outcome, Prepared};

use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

refinery::embed_migrations!("migrations");

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Only the commands that write create a database; the others say there is none.
    #[error("no database at {path}")]
    Missing { path: PathBuf },
    #[error("cannot open database {path}")]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error(
        "database {path} was made by a newer gov-db (schema version {found}, this build knows up to {known}); upgrade gov-db rather than risk damaging it"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("{path} is not a gov-db database (it has tables but no gov-db schema history)")]
    Foreign { path: PathBuf },
    #[error("cannot migrate database {path}")]
    Migrate {
        path: PathBuf,
        #[source]
        source: refinery::Error,
    },
    #[error(transparent)]
    Sql(#[from] rusqlite::Error),
    #[error("the database is busy: another gov-db is writing to it; try again when it is done")]
    Busy,
    #[error(
        "the disk is full (or the database reached its size limit): the import was undone and the database is as it was; free some space and try again"
    )]
    Full,
    #[error(transparent)]
    Conflict(#[from] Conflict),
    #[error("refused under --strict: {0}")]
    Refused(String),
    #[error("in view {view}: {message}")]
    View { view: String, message: String },
    /// A change to agencies that cannot be made as asked, with the reason.
    #[error("{0}")]
    Agency(String),
    /// A change to a report's history (an undo, a deletion, a correction) that cannot be
    /// made as asked, with the reason; or a stored version that cannot be read.
    #[error("{0}")]
    History(String),
}

impl Error {
    /// Maps SQLite's "busy" and "locked" answers to one clear error.
    pub fn from_sql(e: rusqlite::Error) -> Error {
        if let rusqlite::Error::SqliteFailure(f, _) = &e
            && matches!(
                f.code,
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
            )
        {
            return Error::Busy;
        }
        if let rusqlite::Error::SqliteFailure(f, _) = &e
            && f.code == rusqlite::ErrorCode::DiskFull
        {
            return Error::Full;
        }
        Error::Sql(e)
    }
}

impl Error {
    /// SQLite refused to write: the database was opened read-only (`gov-db sql` without
    /// --write) or its file cannot be written.
    pub fn is_read_only(&self) -> bool {
        matches!(self, Error::Sql(rusqlite::Error::SqliteFailure(f, _))
            if f.code == rusqlite::ErrorCode::ReadOnly)
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// An open, migrated gov-db database.
pub struct Store {
    conn: Connection,
}

/// How long a command waits for another writer before giving up.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

impl Store {
    /// Opens (creating if needed) and migrates the database at `path`, and installs the views:
    /// for the commands that write.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with(path, OpenFlags::default())
    }

    /// Opens and migrates the database at `path` only if it exists: [`Error::Missing`]
    /// otherwise, and nothing is created. SQLite itself refuses to create the file (no
    /// `SQLITE_OPEN_CREATE`), so a typo in a path never leaves an empty database behind.
    pub fn open_existing(path: &Path) -> Result<Store> {
        Store::open_with(path, OpenFlags::default() - OpenFlags::SQLITE_OPEN_CREATE)
    }

    /// An empty, migrated database in memory: what `import --dry-run` checks against when
    /// there is no database yet, so that a dry run creates nothing.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory().map_err(|source| Error::Open {
            path: PathBuf::from(":memory:"),
            source,
        })?;
        Store::prepare(conn, Path::new(":memory:"))
    }

    fn open_with(path: &Path, flags: OpenFlags) -> Result<Store> {
        let conn = Connection::open_with_flags(path, flags).map_err(|source| {
            if !flags.contains(OpenFlags::SQLITE_OPEN_CREATE) && !path.exists() {
                Error::Missing {
                    path: path.to_path_buf(),
                }
            } else {
                Error::Open {
                    path: path.to_path_buf(),
                    source,
                }
            }
        })?;
        Store::prepare(conn, path)
    }

    /// Settings, the schema guard, migrations, views and findings: every open goes through it.
    fn prepare(mut conn: Connection, path: &Path) -> Result<Store> {
        let open_err = |source| Error::Open {
            path: path.to_path_buf(),
            source,
        };
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = NORMAL;
             PRAGMA foreign_keys = ON;
             PRAGMA cache_size = -65536;
             PRAGMA temp_store = MEMORY;",
        )
        .map_err(|e| match Error::from_sql(e) {
            Error::Sql(source) => open_err(source),
            other => other,
        })?;
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
        guard_version(&conn, path)?;
        migrations::runner()
            .run(&mut conn)
            .map_err(|source| Error::Migrate {
                path: path.to_path_buf(),
                source,
            })?;
        views::install(&conn)?;
        findings::ensure_fresh(&mut conn)?;
        Ok(Store { conn })
    }

    /// Opens an existing database for reading only: [`Error::Missing`] when there is none,
    /// and nothing is created. An older database is migrated first (through a connection
    /// that may write), as any command always did: that changes its schema, not its data.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        drop(Store::open_existing(path)?);
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|source| Error::Open {
            path: path.to_path_buf(),
            source,
        })?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.execute_batch("PRAGMA query_only = ON;")?;
        Ok(Store { conn })
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// Refuses databases whose schema is newer than this build, and files that are SQLite but
/// not gov-db, before a migration could touch them.
fn guard_version(conn: &Connection, path: &Path) -> Result<()> {
    let has_history: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE name = 'refinery_schema_history'",
        [],
        |r| r.get(0),
    )?;
    let known = migrations::runner()
        .get_migrations()
        .iter()
        .map(|m| i64::from(m.version()))
        .max()
        .unwrap_or(0);
    if has_history {
        let found: i64 = conn.query_row(
            "SELECT coalesce(max(version), 0) FROM refinery_schema_history",
            [],
            |r| r.get(0),
        )?;
        if found > known {
            return Err(Error::TooNew {
                path: path.to_path_buf(),
                found,
                known,
            });
        }
    } else {
        let tables: i64 = conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
            [],
            |r| r.get(0),
        )?;
        if tables > 0 {
            return Err(Error::Foreign {
                path: path.to_path_buf(),
            });
        }
    }
    Ok(())
}

/// Seconds since the epoch as an ISO 8601 UTC timestamp, without pulling in a date crate.
pub fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil-from-days, Howard Hinnant's algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract;

    #[test]
    fn migration_seeds_match_the_contract() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).unwrap();
        let mut stmt = store
            .conn()
            .prepare(
                "SELECT id, section_id, code, label_zh, grp, templates FROM row_dim ORDER BY id",
            )
            .unwrap();
        let rows: Vec<(u8, u8, String, String, String, u8)> = stmt
            .query_map([], |r| r.try_into())
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(rows.len(), contract::ROWS.len());
        for (db, def) in rows.iter().zip(contract::ROWS) {
            assert_eq!(
                db,
                &(
                    def.id,
                    def.section.id(),
                    def.code.to_string(),
                    def.label_zh.to_string(),
                    def.group.to_string(),
                    def.templates.0
                )
            );
        }
        let mut stmt = store
            .conn()
            .prepare("SELECT id, section_id, code, label_zh FROM col_dim ORDER BY id")
            .unwrap();
        let cols: Vec<(u8, u8, String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(cols.len(), contract::COLS.len());
        for (db, def) in cols.iter().zip(contract::COLS) {
            assert_eq!(
                db,
                &(
                    def.id,
                    def.section.id(),
                    def.code.to_string(),
                    def.label_zh.to_string()
                )
            );
        }
    }

    #[test]
    fn only_open_creates_a_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        for opened in [Store::open_existing(&path), Store::open_read_only(&path)] {
            assert!(matches!(opened, Err(Error::Missing { path: p }) if p == path));
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        let memory = Store::open_in_memory().unwrap();
        let rows: i64 = memory
            .conn()
            .query_row("SELECT count(*) FROM row_dim", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, contract::ROWS.len() as i64);
        drop(Store::open(&path).unwrap());
        Store::open_read_only(&path).unwrap();
    }

    #[test]
    fn timestamps_are_iso() {
        let t = now_utc();
        assert_eq!(t.len(), 20, "{t}");
        assert!(t.starts_with("20"), "{t}");
    }
}

//! The only code that speaks SQL to the database: opening and migrating it, installing the
//! canned views, writing reports and reading them back.

mod drafts;
mod findings;
mod guard;
mod history;
mod identity;
mod open;
mod page;
mod read;
mod reviews;
mod views;
mod write;

pub use drafts::StoredReport;
pub use findings::{CHECKS_VERSION, CheckState};
pub use guard::Refusal;
pub use history::{CellEdit, Corrected, RunEntry, VersionEntry};
pub use identity::{
    AgencyAttrs, AgencyInfo, LEVELS, OpDone, OpEntry, Region, RegionArg, Suggestion, Unplaced,
};
pub use page::{PageAgency, PageCell, PageReport};
pub use read::{
    AgencyAttributes, Changed, ExportFields, ExportFilter, ExportLine, QueryParams, RowSink,
    RowValues, Rows, SchemaObject, SqlRef, SqlValue,
};
pub use reviews::{
    FINDING_COLUMNS, FindingFilter, FindingKey, FoundFinding, ID_LEN, MIN_ID_LEN, ReviewStatus,
};
pub use views::{View, view_by_name, views};
pub use write::{Conflict, FileLine, FileTally, ImportSummary, Importer, Outcome, Prepared};

use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

refinery::embed_migrations!("migrations");

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Only the commands that write create a database; the others say there is none.
    #[error("{}", crate::t!("store-missing", path = .path.display().to_string()))]
    Missing { path: PathBuf },
    /// An empty file, which only a command that writes makes a database of.
    #[error("{}", crate::t!("store-empty", path = .path.display().to_string()))]
    Empty { path: PathBuf },
    #[error("{}", crate::t!("store-open", path = .path.display().to_string()))]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{}", crate::t!("store-too-new", path = .path.display().to_string(), found = *.found, known = *.known))]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("{}", crate::t!("store-needs-upgrade", path = .path.display().to_string(), found = *.found, known = *.known))]
    NeedsUpgrade {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("{}", crate::t!("store-foreign", path = .path.display().to_string()))]
    Foreign { path: PathBuf },
    #[error("{}", crate::t!("store-not-sqlite", path = .path.display().to_string()))]
    NotSqlite { path: PathBuf },
    #[error("{}", crate::t!("store-cannot-write", path = .path.display().to_string()))]
    CannotWrite { path: PathBuf },
    #[error("{}", crate::t!("store-migrate", path = .path.display().to_string()))]
    Migrate {
        path: PathBuf,
        #[source]
        source: refinery::Error,
    },
    #[error(transparent)]
    Sql(rusqlite::Error),
    #[error("{}", crate::t!("store-busy"))]
    Busy,
    #[error("{}", crate::t!("store-full"))]
    Full,
    /// A statement SQLite's authorizer refused (see guard.rs).
    #[error("{0}")]
    NotAllowed(Refusal),
    #[error(transparent)]
    Conflict(#[from] Conflict),
    #[error("{}", crate::t!("store-refused", why = .0.as_str()))]
    Refused(String),
    #[error("{}", crate::t!("store-view", view = .view.as_str(), message = .message.as_str()))]
    View { view: String, message: String },
    /// A change to agencies that cannot be made as asked, with the reason.
    #[error("{0}")]
    Agency(String),
    /// A change to a report's history (an undo, a deletion, a correction) that cannot be
    /// made as asked, with the reason; or a stored version that cannot be read.
    #[error("{0}")]
    History(String),
    /// A value past the ceiling (the readers refuse them first), or a total the store keeps
    /// that would pass what a 64-bit integer holds: refused rather than stored wrong.
    #[error("{0}")]
    Value(String),
}

/// Every SQLite error that reaches the store's callers goes through [`Error::from_sql`], so
/// that "busy" and "full" read the same whatever the command.
impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        Error::from_sql(e)
    }
}

impl Error {
    /// Maps SQLite's "busy" and "locked" answers to one clear error, and a full disk (the
    /// database's, its `-shm` file's, or the temporary files' of a large sort) to another.
    pub fn from_sql(e: rusqlite::Error) -> Error {
        if let rusqlite::Error::SqliteFailure(f, _) = &e {
            match f.code {
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked => {
                    return Error::Busy;
                }
                rusqlite::ErrorCode::DiskFull => return Error::Full,
                // Growing the -shm file a WAL database is read through fails when the disk
                // is full: SQLite says "disk I/O error" (SQLITE_IOERR_SHMSIZE).
                _ if f.extended_code == rusqlite::ffi::SQLITE_IOERR_SHMSIZE => {
                    return Error::Full;
                }
                _ => {}
            }
        }
        Error::Sql(e)
    }

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
    /// The refusals of the connection's authorizer, when it has one (see guard.rs).
    refused: Option<guard::Last>,
    /// On a database this command cannot write: how many reports' findings are stale.
    stale_findings: Option<i64>,
}

/// How long a command waits for another writer before giving up.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

impl Store {
    /// Opens (creating if needed) and migrates the database at `path`, and installs the views:
    /// for the commands that write. An empty file becomes a gov-db database; any other that
    /// is not one is refused, unchanged.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with(path, OpenFlags::default())
    }

    /// Opens and migrates the database at `path` only if it exists: [`Error::Missing`]
    /// otherwise, and nothing is created. SQLite itself refuses to create the file (no
    /// `SQLITE_OPEN_CREATE`), so a typo in a path never leaves an empty database behind; nor
    /// is an empty file made one ([`Error::Empty`]).
    pub fn open_existing(path: &Path) -> Result<Store> {
        Store::open_with(path, OpenFlags::default() - OpenFlags::SQLITE_OPEN_CREATE)
    }

    /// [`Store::open`] for the statements of `gov-db sql --write` and `gov-db shell
    /// --write`: they may change anything but the journal mode (see guard.rs).
    pub fn open_for_statements(path: &Path) -> Result<Store> {
        let mut store = Store::open(path)?;
        store.refused = Some(guard::writable(&mut store.conn)?);
        Ok(store)
    }

    /// An empty, migrated database in memory: what `import --dry-run` checks against when
    /// there is no database yet, so that a dry run creates nothing.
    pub fn open_in_memory() -> Result<Store> {
        let path = Path::new(":memory:");
        let mut conn = Connection::open_in_memory().map_err(|source| Error::Open {
            path: path.to_path_buf(),
            source,
        })?;
        open::prepare_writer(&mut conn, path, true)?;
        Ok(Store::writer(conn))
    }

    fn open_with(path: &Path, flags: OpenFlags) -> Result<Store> {
        let mut conn = Connection::open_with_flags(path, flags).map_err(|source| {
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
        let create = flags.contains(OpenFlags::SQLITE_OPEN_CREATE);
        open::prepare_writer(&mut conn, path, create)?;
        Ok(Store::writer(conn))
    }

    fn writer(conn: Connection) -> Store {
        Store {
            conn,
            refused: None,
            stale_findings: None,
        }
    }

    /// Opens an existing database for reading only: [`Error::Missing`] when there is none,
    /// and nothing is created. What the database lacks (an older schema, this build's
    /// views, fresh findings) is written first when the file can be written, as any command
    /// always did; when it cannot, nothing is written: the views are this connection's own,
    /// stale findings are said to be stale ([`Store::stale_findings`]), and a schema too old
    /// to read is [`Error::NeedsUpgrade`]. The connection then refuses every statement that
    /// would write anything anywhere (see guard.rs).
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let (mut conn, stale_findings) = open::reader(path)?;
        conn.execute_batch("PRAGMA query_only = ON;")?;
        let refused = Some(guard::read_only(&mut conn)?);
        Ok(Store {
            conn,
            refused,
            stale_findings,
        })
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// How many reports' findings are stale, on a database this command could not write
    /// (they are refreshed by the next command that can).
    pub fn stale_findings(&self) -> Option<i64> {
        self.stale_findings
    }

    /// A failed statement's error, saying what the authorizer refused when it did.
    pub(crate) fn explain(&self, e: rusqlite::Error) -> Error {
        let refusal = self
            .refused
            .as_ref()
            .and_then(|last| last.lock().ok().and_then(|mut r| r.take()));
        match refusal {
            Some(r) => Error::NotAllowed(r),
            None => Error::from_sql(e),
        }
    }

    /// Forgets an earlier refusal, before a statement whose failure [`Store::explain`]s.
    pub(crate) fn forget_refusal(&self) {
        if let Some(last) = &self.refused
            && let Ok(mut r) = last.lock()
        {
            *r = None;
        }
    }
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

/// `gov_db_bundled(name)`: a region list compiled into gov-db, as JSON, for the migration
/// that loads it (migrations/V10__places.sql). Registered on the connection that migrates,
/// so that the migration's text stays small and constant.
pub(crate) fn register_bundled(conn: &Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function(
        "gov_db_bundled",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| Ok(crate::place::lists::json(&ctx.get::<String>(0)?)),
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

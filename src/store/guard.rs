//! Read-only means nothing is written anywhere. A command that only reads (and `gov-db sql`
//! or `gov-db shell` without --write) runs on a connection whose SQLite authorizer refuses,
//! as each statement is prepared, whatever would write: a change to any table (temporary
//! ones too), a schema change, ATTACH and DETACH (a VACUUM attaches its output, so a
//! `VACUUM INTO 'copy.db'` is refused before the file is made), a pragma other than the
//! read-only ones people use to look at a database, and `load_extension()`. The
//! `query_only` pragma alone would not do: a statement can switch it off
//! (`PRAGMA query_only = OFF`), while the authorizer refuses that pragma too and cannot be
//! reached from SQL.
//!
//! With --write, statements may change the database, but not its journal mode: gov-db keeps
//! WAL, which lets readers answer while an import writes (`PRAGMA journal_mode = DELETE`
//! failed with "disk I/O error" whenever another connection was open).

use rusqlite::Connection;
use rusqlite::hooks::{AuthAction, AuthContext, Authorization};
use std::sync::{Arc, Mutex};

/// What the authorizer refused, in words for the error message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A statement that would change the database, opened read-only.
    Write,
    /// ATTACH of this file (or VACUUM INTO it, which attaches it), opened read-only; a plain
    /// VACUUM attaches "".
    Attach(String),
    /// DETACH, opened read-only.
    Detach,
    /// A pragma that sets something, opened read-only.
    Pragma(String),
    /// A function that could load code doing anything.
    Function(String),
    /// A change of journal mode, with --write too.
    JournalMode(String),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Write => write!(f, "the statement would change the database"),
            Refusal::Attach(file) if file.is_empty() => {
                write!(f, "VACUUM rewrites the database")
            }
            Refusal::Attach(file) => {
                write!(f, "ATTACH and VACUUM INTO open or write the file {file:?}")
            }
            Refusal::Detach => write!(f, "DETACH changes the databases of the connection"),
            Refusal::Pragma(p) => write!(
                f,
                "PRAGMA {p} sets something; the pragmas that only read work, such as \
                 table_info, index_list or integrity_check"
            ),
            Refusal::Function(name) => write!(
                f,
                "{name}() is not allowed: it would load code that could read or write anything"
            ),
            Refusal::JournalMode(mode) => write!(
                f,
                "PRAGMA journal_mode = {mode} is refused: gov-db keeps its database in WAL \
                 mode, so that readers answer while another command writes"
            ),
        }
    }
}

impl Refusal {
    /// Refused whatever the opening (not only because it is read-only).
    pub fn always(&self) -> bool {
        matches!(self, Refusal::Function(_) | Refusal::JournalMode(_))
    }
}

/// The last refusal of a connection's authorizer, shared with the [`super::Store`] that
/// explains it.
pub(super) type Last = Arc<Mutex<Option<Refusal>>>;

/// Pragmas that only read and take an argument: the object (or the count of errors) asked
/// about.
const PRAGMAS_WITH_ARGUMENT: &[&str] = &[
    "table_info",
    "table_xinfo",
    "table_list",
    "index_info",
    "index_xinfo",
    "index_list",
    "foreign_key_list",
    "foreign_key_check",
    "integrity_check",
    "quick_check",
];

/// Pragmas that only read when given without a value (`PRAGMA user_version`; with one,
/// `PRAGMA user_version = 5`, they set it). `wal_checkpoint`, `optimize` and
/// `incremental_vacuum` write even without a value, and are not here.
const PRAGMAS_READ: &[&str] = &[
    "application_id",
    "auto_vacuum",
    "busy_timeout",
    "cache_size",
    "collation_list",
    "compile_options",
    "data_version",
    "database_list",
    "encoding",
    "foreign_keys",
    "freelist_count",
    "function_list",
    "journal_mode",
    "module_list",
    "page_count",
    "page_size",
    "pragma_list",
    "query_only",
    "schema_version",
    "synchronous",
    "temp_store",
    "user_version",
];

/// Functions refused on every opening. `load_extension()` is compiled into the bundled
/// SQLite (off unless enabled, and gov-db never enables it); the others are the sqlite3
/// shell's file functions, named in case a build ever has them.
const FUNCTIONS_REFUSED: &[&str] = &["load_extension", "writefile", "readfile", "edit"];

/// Refuses, on `conn`, everything that writes (see the module comment); records each
/// refusal in the returned slot.
pub(super) fn read_only(conn: &mut Connection) -> rusqlite::Result<Last> {
    install(conn, true)
}

/// Refuses, on `conn`, what even --write does not allow: a change of journal mode and
/// `load_extension()`.
pub(super) fn writable(conn: &mut Connection) -> rusqlite::Result<Last> {
    install(conn, false)
}

fn install(conn: &mut Connection, read_only: bool) -> rusqlite::Result<Last> {
    let last: Last = Arc::default();
    let slot = last.clone();
    conn.authorizer(Some(move |ctx: AuthContext<'_>| {
        match judge(&ctx.action, read_only) {
            None => Authorization::Allow,
            Some(refusal) => {
                if let Ok(mut s) = slot.lock() {
                    *s = Some(refusal);
                }
                Authorization::Deny
            }
        }
    }))?;
    Ok(last)
}

/// None to allow the action, or why it is refused.
fn judge(action: &AuthAction<'_>, read_only: bool) -> Option<Refusal> {
    use AuthAction as A;
    match action {
        A::Function { function_name } => FUNCTIONS_REFUSED
            .iter()
            .any(|f| f.eq_ignore_ascii_case(function_name))
            .then(|| Refusal::Function(function_name.to_lowercase())),
        A::Pragma {
            pragma_name,
            pragma_value: Some(value),
        } if pragma_name.eq_ignore_ascii_case("journal_mode")
            && !value.eq_ignore_ascii_case("wal") =>
        {
            Some(Refusal::JournalMode(value.to_string()))
        }
        _ if !read_only => None,
        A::Select | A::Read { .. } | A::Recursive => None,
        // BEGIN, COMMIT, SAVEPOINT…: a transaction of reads writes nothing.
        A::Transaction { .. } | A::Savepoint { .. } => None,
        A::Pragma {
            pragma_name,
            pragma_value,
        } => {
            let known = |list: &[&str]| list.iter().any(|p| p.eq_ignore_ascii_case(pragma_name));
            let reads =
                known(PRAGMAS_WITH_ARGUMENT) || (pragma_value.is_none() && known(PRAGMAS_READ));
            (!reads).then(|| {
                Refusal::Pragma(match pragma_value {
                    Some(v) => format!("{pragma_name} = {v}"),
                    None => pragma_name.to_string(),
                })
            })
        }
        A::Attach { filename } => Some(Refusal::Attach(filename.to_string())),
        A::Detach { .. } => Some(Refusal::Detach),
        // Every other action (INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, ANALYZE, REINDEX,
        // and any SQLite may add) changes something.
        _ => Some(Refusal::Write),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader() -> (Connection, Last) {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
        let last = read_only(&mut conn).unwrap();
        (conn, last)
    }

    #[test]
    fn reads_pass_and_writes_of_any_kind_are_refused() {
        let (conn, last) = reader();
        for sql in [
            "SELECT x FROM t",
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3) SELECT * FROM n",
            "PRAGMA table_info(t)",
            "PRAGMA index_list(t)",
            "PRAGMA integrity_check",
            "PRAGMA user_version",
            "PRAGMA journal_mode",
            "SELECT * FROM pragma_table_info('t')",
            "SELECT value FROM json_each('[1,2]')",
            "BEGIN",
        ] {
            conn.prepare(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
        }
        for (sql, refusal) in [
            ("INSERT INTO t VALUES (2)", Refusal::Write),
            ("UPDATE t SET x = 2", Refusal::Write),
            ("DELETE FROM t", Refusal::Write),
            ("CREATE TABLE u (y)", Refusal::Write),
            ("CREATE TEMP TABLE u (y)", Refusal::Write),
            ("DROP TABLE t", Refusal::Write),
            ("ANALYZE", Refusal::Write),
            (
                "PRAGMA query_only = OFF",
                Refusal::Pragma("query_only = OFF".into()),
            ),
            (
                "PRAGMA user_version = 5",
                Refusal::Pragma("user_version = 5".into()),
            ),
            (
                "PRAGMA wal_checkpoint",
                Refusal::Pragma("wal_checkpoint".into()),
            ),
            ("ATTACH 'x.db' AS x", Refusal::Attach("x.db".into())),
            (
                "SELECT load_extension('x')",
                Refusal::Function("load_extension".into()),
            ),
        ] {
            *last.lock().unwrap() = None;
            let err = conn.prepare(sql).map(|_| ()).unwrap_err();
            assert!(err.to_string().contains("not authorized"), "{sql}: {err}");
            assert_eq!(last.lock().unwrap().as_ref(), Some(&refusal), "{sql}");
        }
    }

    #[test]
    fn vacuum_into_is_refused_and_makes_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let (conn, last) = reader();
        let copy = dir.path().join("copy.db");
        let err = conn
            .execute_batch(&format!("VACUUM INTO '{}'", copy.display()))
            .unwrap_err();
        assert!(!copy.exists(), "{err}");
        assert!(matches!(*last.lock().unwrap(), Some(Refusal::Attach(_))));
    }

    #[test]
    fn with_write_only_the_journal_mode_and_extensions_are_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        let last = writable(&mut conn).unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1); PRAGMA user_version = 3; PRAGMA journal_mode = wal;")
            .unwrap();
        assert!(conn.prepare("PRAGMA journal_mode = DELETE").is_err());
        assert_eq!(
            *last.lock().unwrap(),
            Some(Refusal::JournalMode("DELETE".into()))
        );
        assert!(conn.prepare("SELECT load_extension('x')").is_err());
    }
}

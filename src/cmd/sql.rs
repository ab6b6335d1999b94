//! `gov-db sql`: one ad hoc SQL statement against the database, read-only unless asked. The
//! running of one statement is shared with `gov-db shell`.

use crate::error::Failure;
use crate::render::{self, Format};
use crate::store::{self, Store};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Run one SQL statement and print what it selects.
///
/// The database is plain SQLite: the tables (report, agency, fact, …) and the views of
/// `gov-db query --list` (with `-` written `_`) are all there. Read-only unless --write; a
/// statement that writes says on stderr how many rows it changed.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The SQL statement, e.g. 'SELECT * FROM resolution_rates WHERE year = 2024'.
    pub sql: String,
    /// Allow statements that change the database.
    #[arg(long)]
    pub write: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<ExitCode> {
    if !has_statement(&args.sql) {
        return Err(Failure::usage(crate::t!("sql-none")));
    }
    let store = if args.write {
        Store::open_for_statements(db)?
    } else {
        super::open_read_only(db)?
    };
    let mut out = std::io::stdout().lock();
    execute(&store, &args.sql, args.format, &mut out)
        .map_err(|e| refused_write(e, !args.write, &crate::t!("sql-read-only")))?;
    Ok(ExitCode::SUCCESS)
}

/// Runs one statement and prints what it selects; a statement that writes says on stderr how
/// many rows it changed (stderr, so that what it prints, RETURNING rows as CSV say, stays the
/// answer alone).
pub(super) fn execute(
    store: &Store,
    sql: &str,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let changed = if render::streams(format) {
        // Row by row: an answer of millions of rows never sits in memory.
        let mut printer = render::Streamer::new(format, out);
        let changed = store.each_sql_row(sql, &mut printer)??;
        printer.finish()?;
        changed
    } else {
        let (rows, changed) = store.sql_changing(sql)?;
        if !rows.columns.is_empty() {
            render::render(&rows, format, out)?;
        }
        changed
    };
    if let Some(n) = changed {
        eprintln!("{}", crate::t!("sql-changed", n = n));
    }
    Ok(())
}

/// A statement refused because the database was opened read-only (by SQLite's authorizer,
/// or SQLite's "attempt to write a readonly database") becomes what to do about it, and one
/// refused on any opening (a change of journal mode) says why: the command line was wrong
/// (exit 2).
pub(super) fn refused_write(e: anyhow::Error, read_only: bool, hint: &str) -> anyhow::Error {
    match e.downcast_ref::<store::Error>() {
        Some(store::Error::NotAllowed(r)) if r.always() || !read_only => {
            Failure::usage(r.to_string())
        }
        Some(store::Error::NotAllowed(store::Refusal::Write)) => Failure::usage(hint),
        Some(store::Error::NotAllowed(r)) => Failure::usage(format!("{hint} ({r})")),
        Some(s) if read_only && s.is_read_only() => Failure::usage(hint),
        _ => e,
    }
}

/// Whether `sql` holds a statement at all, not only blanks, `;` and comments (SQLite's answer
/// to nothing is "bad parameter or other API misuse").
pub(super) fn has_statement(sql: &str) -> bool {
    let mut rest = sql;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ';');
        if let Some(after) = rest.strip_prefix("--") {
            rest = after.split_once('\n').map_or("", |(_, r)| r);
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, r)| r);
        } else {
            return !rest.is_empty();
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn blanks_semicolons_and_comments_are_no_statement() {
        for sql in [
            "",
            "  ",
            ";",
            " ; ;\n",
            "-- nothing",
            "/* x */ ;",
            "-- a\n/* b */\n",
        ] {
            assert!(!super::has_statement(sql), "{sql:?}");
        }
        for sql in [
            "SELECT 1",
            "-- a\nSELECT 1",
            "/* x */ VACUUM",
            ";PRAGMA user_version",
        ] {
            assert!(super::has_statement(sql), "{sql:?}");
        }
    }
}

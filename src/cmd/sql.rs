//! `gov-db sql`: one ad hoc SQL statement against the database, read-only unless asked.

use crate::render::{self, Format};
use crate::store::Store;
use std::path::Path;
use std::process::ExitCode;

/// Run one SQL statement and print what it selects.
///
/// The database is plain SQLite: the tables (report, agency, fact, …) and the views of
/// `gov-db query --list` (with `-` written `_`) are all there. Read-only unless --write.
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
    let store = if args.write {
        Store::open(db)?
    } else {
        Store::open_read_only(db)?
    };
    let rows = store.sql(&args.sql)?;
    if !rows.columns.is_empty() {
        render::render(&rows, args.format, &mut std::io::stdout().lock())?;
    }
    Ok(ExitCode::SUCCESS)
}

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
        super::open_read_only(db)?
    };
    let mut out = std::io::stdout().lock();
    if render::streams(args.format) {
        // Row by row: an answer of millions of rows never sits in memory.
        let mut printer = render::Streamer::new(args.format, &mut out);
        store.each_sql_row(&args.sql, &mut printer)??;
        printer.finish()?;
        return Ok(ExitCode::SUCCESS);
    }
    let rows = store.sql(&args.sql)?;
    if !rows.columns.is_empty() {
        render::render(&rows, args.format, &mut out)?;
    }
    Ok(ExitCode::SUCCESS)
}

//! `gov-db delete`: a report taken out of every view without losing it, and `--undo` to
//! bring it back.

use crate::store::Store;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Delete one report, reversibly.
///
/// The report leaves every view, check and export; its reading is kept as a version marked
/// deleted (gov-db history shows it). `--undo` brings back the report deleted last for that
/// agency and year, as it was: refused when the agency-year has a report again.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The agency (any of its names).
    #[arg(long)]
    pub agency: String,
    /// The statistics year.
    #[arg(long)]
    pub year: i64,
    /// Bring the deleted report back instead.
    #[arg(long)]
    pub undo: bool,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<ExitCode> {
    let mut store = Store::open_existing(db).map_err(super::no_database)?;
    let agency = super::agency_named(&store, &args.agency)?;
    let done = if args.undo {
        store.undelete_report(&agency, args.year)
    } else {
        store.delete_report(&agency, args.year)
    }
    .map_err(super::import::refused)?;
    crate::error::unread_is_fine(writeln!(std::io::stdout().lock(), "{done}"))?;
    Ok(ExitCode::SUCCESS)
}

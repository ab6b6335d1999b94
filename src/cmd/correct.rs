//! `gov-db correct`: a person's correction of numbers a report printed wrong, made as its next
//! version; the printed reading stays in history and each corrected cell keeps what was
//! printed and why.

use crate::error::Failure;
use crate::store::{CellEdit, Store};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Correct cells of one report: `requests.granted.total=12 … --reason TEXT`.
///
/// Makes the report's next version with the cells given (section.row.column as in gov-db
/// export, or row.column; `blank` or nothing for a blank cell; setting a cell back to what
/// was printed takes its correction away). Views, check and export read the corrected
/// values; gov-db show gives each corrected cell with the value printed and the reason,
/// export --full marks it corrected, and check --as-printed checks the report as printed.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The agency (any of its names).
    #[arg(long)]
    pub agency: String,
    /// The statistics year.
    #[arg(long)]
    pub year: i64,
    /// The cells to set: CELL=VALUE, e.g. requests.granted.total=12.
    #[arg(required = true, value_name = "CELL=VALUE")]
    pub cells: Vec<String>,
    /// Why: kept with each corrected cell (the page that shows the right number, the
    /// identity the printed one breaks).
    #[arg(long)]
    pub reason: String,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<ExitCode> {
    let edits = args
        .cells
        .iter()
        .map(|c| CellEdit::parse(c))
        .collect::<Result<Vec<_>, _>>()
        .map_err(Failure::usage)?;
    if args.reason.trim().is_empty() {
        return Err(Failure::usage("say why with --reason TEXT"));
    }
    let mut store = Store::open_existing(db).map_err(super::no_database)?;
    let agency = super::agency_named(&store, &args.agency)?;
    let done = store
        .correct(&agency, args.year, &edits, args.reason.trim())
        .map_err(super::import::refused)?;
    crate::error::unread_is_fine(writeln!(
        std::io::stdout().lock(),
        "corrected {agency} {}: version {}: {}",
        args.year,
        done.version,
        done.change
    ))?;
    Ok(ExitCode::SUCCESS)
}

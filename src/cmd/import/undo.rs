//! `gov-db import undo`: an import run reversed whole, as `gov-db agency undo` reverses an
//! agency change.

use crate::error::Failure;
use crate::store::{self, Store};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Reverse an import (the last one not undone, or RUN).
///
/// The reports it brought are taken out, the ones it replaced get back the version it
/// replaced, and the agencies it created for them go. Refused, with the reason, when a later
/// change touched what it wrote: a later import that replaced a report (undo that one first),
/// a correction, a deletion, or an agency change that moved a report.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The import's number in gov-db import log (default: the last one not undone).
    pub run: Option<i64>,
}

/// A history change that cannot be made as asked is the user's to fix (exit 1).
pub fn refused(e: store::Error) -> anyhow::Error {
    match e {
        store::Error::History(m) => Failure::input(m),
        other => crate::cmd::no_database(other),
    }
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<ExitCode> {
    let mut store = Store::open_existing(db).map_err(crate::cmd::no_database)?;
    let done = store.undo_import(args.run).map_err(refused)?;
    let mut out = std::io::stdout().lock();
    crate::error::unread_is_fine(writeln!(out, "{done}"))?;
    Ok(ExitCode::SUCCESS)
}

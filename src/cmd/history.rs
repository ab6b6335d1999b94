//! `gov-db history`: every reading of one report, so that what it said before a new reading,
//! a correction or a deletion is never lost.

use crate::render::{self, Format};
use crate::store::{Rows, SqlValue};
use std::path::Path;
use std::process::ExitCode;

/// List the versions of one report: every reading imported, every correction, a deletion.
///
/// One line per version, oldest first: its number, whether it is current, superseded or
/// deleted (then a line for the deletion), when it was made, by what (import #N, or a
/// correction), its source and format, how many cells it states, and what it changed against
/// the version before it (a correction with its reason). `gov-db show --version N` prints any
/// version's cells.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The agency (any of its names).
    #[arg(long)]
    pub agency: String,
    /// The statistics year.
    #[arg(long)]
    pub year: i64,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<ExitCode> {
    let store = super::open_read_only(db)?;
    let agency = super::agency_named(&store, &args.agency)?;
    let versions = store.history(&agency, args.year)?;
    if versions.is_empty() {
        return Err(crate::error::Failure::input(format!(
            "{agency} has no report for {} and never had one",
            args.year
        )));
    }
    let text = |s: String| SqlValue::Text(s);
    let rows = Rows {
        columns: [
            "version", "status", "at", "by", "source", "format", "cells", "change",
        ]
        .map(String::from)
        .to_vec(),
        rows: versions
            .into_iter()
            .map(|v| {
                vec![
                    v.version.map_or(SqlValue::Null, SqlValue::Int),
                    text(v.status.to_string()),
                    text(v.at),
                    text(v.by),
                    v.source.map_or(SqlValue::Null, text),
                    text(v.format),
                    SqlValue::Int(v.cells),
                    text(v.change),
                ]
            })
            .collect(),
    };
    render::render(&rows, args.format, &mut std::io::stdout().lock())?;
    Ok(ExitCode::SUCCESS)
}

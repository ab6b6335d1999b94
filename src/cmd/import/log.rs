//! `gov-db import log`: the import runs, and what one of them did with each file, as the
//! import printed it; the per-file list's printing, shared with the import itself.

use crate::render::{self, Format};
use crate::store::{FileLine, Rows, SqlValue};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// List the import runs, or what run RUN did with each of its files.
///
/// Without RUN: every import with its number, time, paths, counts and files, newest first
/// (`undone_at` when gov-db import undo reversed it). With RUN: one line per file: agency, year,
/// format, how many reports and what happened (new; replaced, with the cells that changed;
/// unchanged; kept, when the fuller reading stored stayed current; refused, with the problem;
/// skipped, with why).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The import's number (gov-db import log lists them).
    pub run: Option<i64>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<ExitCode> {
    let store = crate::cmd::open_read_only(db)?;
    let mut out = std::io::stdout().lock();
    match args.run {
        Some(run) => {
            let files = store.import_files(run).map_err(super::undo::refused)?;
            print_files(&files, args.format, &mut out)?;
        }
        None => {
            let opt = |v: Option<String>| v.map_or(SqlValue::Null, SqlValue::Text);
            let rows = Rows {
                columns: [
                    "run",
                    "started_at",
                    "paths",
                    "new",
                    "replaced",
                    "unchanged",
                    "kept",
                    "files",
                    "undone_at",
                ]
                .map(String::from)
                .to_vec(),
                rows: store
                    .import_runs()?
                    .into_iter()
                    .map(|r| {
                        vec![
                            SqlValue::Int(r.id),
                            SqlValue::Text(r.started_at),
                            SqlValue::Text(r.paths),
                            SqlValue::Int(r.new),
                            SqlValue::Int(r.replaced),
                            SqlValue::Int(r.unchanged),
                            SqlValue::Int(r.kept),
                            SqlValue::Int(r.files),
                            opt(r.undone_at),
                        ]
                    })
                    .collect(),
            };
            render::render(&rows, args.format, &mut out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The per-file list: file, agency, year, format, reports, result, detail.
pub fn print_files(lines: &[FileLine], format: Format, out: &mut dyn Write) -> std::io::Result<()> {
    let opt = |v: &Option<String>| v.clone().map_or(SqlValue::Null, SqlValue::Text);
    let rows = Rows {
        columns: [
            "file", "agency", "year", "format", "reports", "result", "detail",
        ]
        .map(String::from)
        .to_vec(),
        rows: lines
            .iter()
            .map(|l| {
                vec![
                    SqlValue::Text(l.file.clone()),
                    opt(&l.agency),
                    l.year.map_or(SqlValue::Null, SqlValue::Int),
                    opt(&l.format),
                    SqlValue::Int(l.reports as i64),
                    SqlValue::Text(l.result.clone()),
                    SqlValue::Text(l.said.clone()),
                ]
            })
            .collect(),
    };
    render::render(&rows, format, out)
}

//! `gov-db datasette`: the metadata that makes the database a Datasette site people can
//! browse (see `crate::datasette`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Write a Datasette metadata file for the database: each view's title, description and
/// formulas (from its sql/ header), facets on year, region and level, Chinese labels for the
/// contract's codes, and canned queries with named parameters.
///
/// Serve the database with it: gov-db datasette -o metadata.json && datasette gov.db -m
/// metadata.json (Datasette is a Python program: pip install datasette).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write the metadata to this file instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<ExitCode> {
    let store = super::open_read_only(db)?;
    // Datasette names a database after its file, without the extension.
    let database = db
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "gov".into());
    let metadata = crate::datasette::metadata(&database, &store.schema_objects()?);
    let mut text = serde_json::to_string_pretty(&metadata)?;
    text.push('\n');
    match &args.output {
        Some(path) => std::fs::write(path, text)
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?,
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

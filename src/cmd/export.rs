//! `gov-db export`: the canonical long CSV of the data contract, so that import → export →
//! import gives back the same database.

use crate::store::ExportFilter;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Write reports as the canonical long CSV (one number per line).
///
/// Blank cells stay blank, amounts keep every printed digit, and only the cells a report
/// states are written.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format (only the canonical CSV for now).
    #[arg(long, value_enum, default_value = "csv")]
    pub format: ExportFormat,
    /// Only this statistics year.
    #[arg(long)]
    pub year: Option<i64>,
    /// Only this agency: any of its names selects all its reports (gov-db agency list).
    #[arg(long)]
    pub agency: Option<String>,
    /// Also write the optional columns region_code, template and source.
    #[arg(long)]
    pub full: bool,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum ExportFormat {
    Csv,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<ExitCode> {
    let store = super::open_read_only(db)?;
    let stdout = std::io::stdout();
    let mut w = csv::Writer::from_writer(std::io::BufWriter::with_capacity(1 << 16, stdout.lock()));
    let width = if args.full { 9 } else { 6 };
    let header = [
        "agency",
        "year",
        "section",
        "row",
        "column",
        "value",
        "region_code",
        "template",
        "source",
    ];
    w.write_record(&header[..width])
        .map_err(crate::render::csv_io)?;
    let agency = match args.agency {
        Some(a) => Some(store.canonical(&a)?.unwrap_or(a)),
        None => None,
    };
    let filter = ExportFilter {
        year: args.year,
        agency,
    };
    store.export(&filter, |fields| {
        w.write_record(fields[..width].iter().map(|f| f.as_deref().unwrap_or("")))
            .map_err(crate::render::csv_io)
    })??;
    w.flush()?;
    w.into_inner().map_err(|e| e.into_error())?.flush()?;
    Ok(ExitCode::SUCCESS)
}

//! `gov-db show`: one report's numbers with the place each was read, so that a reader can go
//! from any figure back to the page it came from.

use crate::error::Failure;
use crate::render::{self, Format};
use crate::store::SqlValue;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Print one report's tables, every number with where it was read.
///
/// Where a number came from: `line N` of a text or PDF extraction, `table T row R cell C` of a
/// web page; canonical CSV carries no place. A report completed by hand from a draft (`gov-db
/// import --source FILE DRAFT.csv`) gives each cell read in FILE its place there, and each cell
/// a person filled in `completed by hand (draft of FILE)`. The table format starts with the
/// report's source, format, template, content hash, parser version and version. A report a
/// person corrected (gov-db correct) has two more columns: the value printed and the reason
/// for each corrected cell. --version N shows any version gov-db history lists.
#[derive(Debug, clap::Args)]
// `--version N` is the report's version here, not gov-db's.
#[command(disable_version_flag = true)]
pub struct Args {
    /// The agency (any of its names).
    #[arg(long)]
    pub agency: String,
    /// The statistics year.
    #[arg(long)]
    pub year: i64,
    /// The version to show (gov-db history lists them; default: the current one).
    #[arg(long)]
    pub version: Option<i64>,
    /// Output format; CSV, JSON and Markdown carry the cells only.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<ExitCode> {
    let store = super::open_read_only(db)?;
    let agency = super::agency_named(&store, &args.agency)?;
    // Counts come as integers; an amount as a decimal that keeps its digits (a JSON number,
    // as `gov-db export` writes it).
    let Some((report, cells)) = store.show_version(&agency, args.year, args.version)? else {
        return Err(Failure::input(match args.version {
            None => crate::t!(
                "show-no-report",
                agency = agency.as_str(),
                year = args.year.to_string()
            ),
            Some(v) => crate::t!(
                "show-no-version",
                agency = agency.as_str(),
                year = args.year.to_string(),
                version = v
            ),
        }));
    };
    // Where each number was read, said in the reader's language (kept language-neutral).
    let mut cells = cells;
    if let Some(o) = cells.columns.iter().position(|c| c == "origin") {
        for row in &mut cells.rows {
            if let SqlValue::Text(t) = &row[o] {
                row[o] = SqlValue::Text(crate::i18n::origin(t));
            }
        }
    }
    let facts = report.rows.first().expect("one row of facts");
    let mut out = std::io::stdout().lock();
    if args.format == Format::Table {
        for (name, value) in report.columns.iter().zip(facts) {
            let text = match value {
                SqlValue::Null => "-".to_string(),
                SqlValue::Int(i) => i.to_string(),
                SqlValue::Real(f) => f.to_string(),
                SqlValue::Text(t) | SqlValue::Decimal(t) => t.clone(),
            };
            let name = crate::i18n::column_header(name, true);
            let pad = 15usize.saturating_sub(unicode_width::UnicodeWidthStr::width(name.as_str()));
            writeln!(out, "{name}:{} {text}", " ".repeat(pad.saturating_sub(1)))?;
        }
        writeln!(out)?;
    }
    render::render(&cells, args.format, &mut out)?;
    Ok(ExitCode::SUCCESS)
}

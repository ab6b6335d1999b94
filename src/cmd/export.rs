//! `gov-db export`: the canonical long CSV of the data contract, so that import → export →
//! import gives back the same database; the same records as JSON, a table or Markdown for
//! reading and for other programs, like every command that prints rows.

use crate::render::{self, Format};
use crate::store::{ExportFilter, RowSink, Rows, SqlValue};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Write reports as the canonical long CSV (one number per line).
///
/// Blank cells stay blank, amounts keep every printed digit, and only the cells a report
/// states are written. --format json gives the same records as objects keyed by the CSV's
/// columns, year and value as numbers (an amount with the digits printed).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format: the canonical CSV by default.
    #[arg(long, value_enum, default_value = "csv")]
    pub format: Format,
    /// Only this statistics year.
    #[arg(long)]
    pub year: Option<i64>,
    /// Only this agency: any of its names selects all its reports (gov-db agency list).
    #[arg(long)]
    pub agency: Option<String>,
    /// Also write the optional columns region_code, template, source and status (`printed`,
    /// or `corrected` for a value a person corrected with gov-db correct).
    #[arg(long)]
    pub full: bool,
}

const HEADER: [&str; 10] = [
    "agency",
    "year",
    "section",
    "row",
    "column",
    "value",
    "region_code",
    "template",
    "source",
    "status",
];

pub fn run(args: Args, db: &Path) -> anyhow::Result<ExitCode> {
    let store = super::open_read_only(db)?;
    // Before anything is printed: a name no agency has is refused, not answered with an
    // empty file.
    let width = if args.full { 10 } else { 6 };
    let agency = match &args.agency {
        Some(a) => Some(super::agency_named(&store, a)?),
        None => None,
    };
    let filter = ExportFilter {
        year: args.year,
        agency,
        status: args.full,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let columns: Vec<String> = HEADER[..width].iter().map(|c| c.to_string()).collect();
    match args.format {
        // The canonical CSV, written from the stored text as it is.
        Format::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record(&columns).map_err(render::csv_io)?;
            store.export(&filter, |fields| {
                w.write_record(fields[..width].iter().map(|f| f.as_deref().unwrap_or("")))
                    .map_err(render::csv_io)
            })??;
            w.flush()?;
        }
        Format::Json => {
            let mut printer = render::Streamer::new(Format::Json, &mut out);
            printer.header(&columns)?;
            store.export(&filter, |fields| printer.row(&typed(&fields[..width])))??;
            printer.finish()?;
        }
        Format::Table | Format::Markdown => {
            let mut rows = Rows {
                columns,
                rows: Vec::new(),
            };
            store.export(&filter, |fields| {
                rows.rows.push(typed(&fields[..width]));
                Ok(())
            })??;
            render::render(&rows, args.format, &mut out)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// One exported line as values: the year and the template's year are numbers; a value is a
/// whole number, or a decimal kept with the digits stored (an amount in 万元, `01.50` as
/// printed), or blank.
fn typed(fields: &[Option<String>]) -> Vec<SqlValue> {
    // An integer only where its text is the integer's own: `01` stays as printed.
    let int = |t: &str| t.parse::<i64>().ok().filter(|i| i.to_string() == t);
    fields
        .iter()
        .enumerate()
        .map(|(i, f)| match (HEADER[i], f.as_deref()) {
            (_, None) => SqlValue::Null,
            ("year" | "template" | "value", Some(t)) if int(t).is_some() => {
                SqlValue::Int(int(t).expect("checked"))
            }
            ("value", Some(t)) => SqlValue::Decimal(t.to_string()),
            (_, Some(t)) => SqlValue::Text(t.to_string()),
        })
        .collect()
}

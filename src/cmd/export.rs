//! `gov-db export`: the canonical long CSV of the data contract, so that import → export →
//! import gives back the same database; the same records as JSON, a table or Markdown for
//! reading and for other programs, like every command that prints rows; and the files people
//! take elsewhere: a workbook to read and print (xlsx), a typed columnar file for analysis
//! tools (parquet), and the CSV as Excel on a Chinese Windows reads it (--bom) or one line per
//! report row (--wide).

use crate::error::Failure;
use crate::render::record::Record;
use crate::render::{self, Format, wide, xlsx};
use crate::store::{self, ExportFields, ExportFilter, RowSink, Rows, SqlValue, Store};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Write reports as the canonical long CSV (one number per line), or as a workbook or parquet.
///
/// Blank cells stay blank, amounts keep every printed digit, and only the cells a report
/// states are written. --format json gives the same records as objects keyed by the CSV's
/// columns, year and value as numbers (an amount with the digits printed). xlsx and parquet
/// are binary: give -o FILE, or redirect standard output.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format [default: csv, or as the -o file's extension says: .xlsx, .parquet,
    /// .json, .md]. xlsx: a sheet per report laid out as the template prints it, the long form,
    /// and a comparison sheet for several reports. parquet: the long form, typed, with labels,
    /// region code and level.
    #[arg(long, value_enum)]
    pub format: Option<ExportFormat>,
    /// Write to FILE instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Only this statistics year.
    #[arg(long)]
    pub year: Option<i64>,
    /// Only this agency: any of its names selects all its reports (gov-db agency list).
    #[arg(long)]
    pub agency: Option<String>,
    /// Only agencies whose 行政区划代码 starts with this (3505 for 泉州市, 35 for 福建省), or the
    /// agencies of a region named as in `gov-db region list` (泉州市).
    #[arg(long)]
    pub region: Option<String>,
    /// Only agencies of this level (as set, else read off the region code; gov-db agency list).
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(store::LEVELS))]
    pub level: Option<String>,
    /// Also write the optional columns region_code, template, source (xlsx and parquet always
    /// carry these three) and status (`printed`, or `corrected` for a value a person corrected
    /// with gov-db correct).
    #[arg(long)]
    pub full: bool,
    /// Start the CSV with a UTF-8 byte order mark, so that Excel on a Chinese Windows reads it
    /// as UTF-8 (gov-db import reads it either way).
    #[arg(long)]
    pub bom: bool,
    /// One line per report row: agency, year, section, row, row_label, then every column code
    /// side by side (表三's seven applicant columns, 表四's results, 表二's columns), those of
    /// other sections empty. Not for import.
    #[arg(long)]
    pub wide: bool,
}

/// The formats of `export`: the row formats every command prints, and two binary files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// The canonical long CSV (RFC 4180, a header line).
    Csv,
    /// An array of objects keyed by the CSV's columns, typed.
    Json,
    /// Aligned columns for reading.
    Table,
    /// A GitHub-flavoured Markdown table.
    Markdown,
    /// An Excel workbook (binary).
    Xlsx,
    /// Apache Parquet (binary).
    Parquet,
}

impl ExportFormat {
    /// The format a file name asks for by its extension, when --format is not given.
    fn from_path(path: &Path) -> Option<ExportFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "csv" => ExportFormat::Csv,
            "json" => ExportFormat::Json,
            "md" | "markdown" => ExportFormat::Markdown,
            "xlsx" => ExportFormat::Xlsx,
            "parquet" | "pq" => ExportFormat::Parquet,
            _ => return None,
        })
    }

    fn binary(self) -> bool {
        matches!(self, ExportFormat::Xlsx | ExportFormat::Parquet)
    }

    fn rows(self) -> Option<Format> {
        match self {
            ExportFormat::Csv => Some(Format::Csv),
            ExportFormat::Json => Some(Format::Json),
            ExportFormat::Table => Some(Format::Table),
            ExportFormat::Markdown => Some(Format::Markdown),
            ExportFormat::Xlsx | ExportFormat::Parquet => None,
        }
    }
}

const HEADER: [&str; 9] = crate::contract::CSV_COLUMNS;

/// The columns of a row format: the canonical CSV's six, or with `--full` its nine and the
/// status of each value.
fn header(full: bool) -> Vec<&'static str> {
    match full {
        false => HEADER[..6].to_vec(),
        true => HEADER.iter().copied().chain(["status"]).collect(),
    }
}

/// The fields of an exported cell that a row format writes, in [`header`]'s order.
fn line<T>(fields: &[Option<T>; 11], full: bool) -> impl Iterator<Item = &Option<T>> {
    let (head, status) = match full {
        false => (&fields[..6], None),
        true => (&fields[..9], Some(&fields[10])),
    };
    head.iter().chain(status)
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<ExitCode> {
    let format = args
        .format
        .or_else(|| args.output.as_deref().and_then(ExportFormat::from_path))
        .unwrap_or(ExportFormat::Csv);
    // What the command line asks that cannot be done is refused before anything is opened.
    if args.bom && format != ExportFormat::Csv {
        return Err(Failure::usage(crate::t!("export-bom-csv")));
    }
    if args.wide && format.binary() {
        return Err(Failure::usage(crate::t!("export-wide-binary")));
    }
    if format.binary() && args.output.is_none() && std::io::stdout().is_terminal() {
        return Err(Failure::usage(format!(
            "{} is binary: give -o FILE (or redirect standard output)",
            if format == ExportFormat::Xlsx {
                "xlsx"
            } else {
                "parquet"
            }
        )));
    }
    let store = super::open_read_only(db)?;
    // Before anything is written: a name no agency has is refused, not answered with an
    // empty file.
    let filter = ExportFilter {
        year: args.year,
        agency: match &args.agency {
            Some(a) => Some(super::agency_named(&store, a)?),
            None => None,
        },
        region: match &args.region {
            Some(r) => Some(super::region_filter(&store, r)?),
            None => None,
        },
        level: args.level.clone(),
        status: args.full,
    };
    let mut sink = Sink::open(args.output.as_deref())?;
    let written = write(&store, &filter, &args, format, sink.writer());
    sink.close(written)?;
    Ok(ExitCode::SUCCESS)
}

fn write(
    store: &Store,
    filter: &ExportFilter,
    args: &Args,
    format: ExportFormat,
    out: &mut (dyn Write + Send),
) -> anyhow::Result<()> {
    let header = header(args.full);
    match (format.rows(), args.wide) {
        (Some(Format::Csv), false) => {
            if args.bom {
                out.write_all("\u{FEFF}".as_bytes())?;
            }
            // The canonical CSV, written from the stored text as it is.
            let mut w = csv::Writer::from_writer(&mut *out);
            w.write_record(&header).map_err(render::csv_io)?;
            store.export_lines(filter, |fields| {
                w.write_record(line(fields, args.full).map(|f| f.as_deref().unwrap_or("")))
                    .map_err(render::csv_io)
            })??;
            w.flush()?;
        }
        (Some(rows_format), false) => {
            let columns: Vec<String> = header.iter().map(|c| c.to_string()).collect();
            each_line(store, filter, rows_format, columns, out, |fields| {
                Ok(fields.map(|f| typed(&line(f, args.full).cloned().collect::<Vec<_>>())))
            })?;
        }
        (Some(rows_format), true) => {
            if args.bom {
                out.write_all("\u{FEFF}".as_bytes())?;
            }
            let mut lines = wide::Lines::new(args.full);
            let mut done = false;
            each_line(
                store,
                filter,
                rows_format,
                wide::columns(args.full),
                out,
                |fields| match fields {
                    Some(f) => Ok(lines.push(Record::from_fields(f)?)),
                    None if !done => {
                        done = true;
                        Ok(lines.finish())
                    }
                    None => Ok(None),
                },
            )?;
        }
        (None, _) if format == ExportFormat::Xlsx => {
            let mut records = Vec::new();
            store
                .export(filter, |fields| {
                    records.push(Record::from_fields(&fields).map_err(std::io::Error::other)?);
                    // Refused as soon as it cannot fit, not once all of it is in memory.
                    xlsx::fits(records.len()).map_err(std::io::Error::other)
                })?
                .map_err(unwrap_other)?;
            let several = render::record::reports(&records).len() > 1;
            let compare = match several {
                true => Some(store.export_compare(filter)?),
                false => None,
            };
            out.write_all(&xlsx::workbook(&records, compare.as_ref())?)?;
        }
        (None, _) => {
            let mut writer = render::parquet::Writer::new(&mut *out, store.money_scale()?)?;
            store
                .export(filter, |fields| {
                    let record = Record::from_fields(&fields).map_err(std::io::Error::other)?;
                    writer.push(record).map_err(std::io::Error::other)
                })?
                .map_err(unwrap_other)?;
            writer.finish()?;
        }
    }
    out.flush()?;
    Ok(())
}

/// An error of ours carried through the store's callback inside an I/O error, given back with
/// its exit code: a selection too long for a sheet is the command line's to change.
fn unwrap_other(e: std::io::Error) -> anyhow::Error {
    let too_long = e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<xlsx::Error>())
        .is_some_and(|x| matches!(x, xlsx::Error::TooLong { .. }));
    if too_long {
        return Failure::usage(e.to_string());
    }
    e.into()
}

/// Prints the lines `line` makes of each exported cell in a row format: as they come in CSV
/// and JSON, over every line in a table or Markdown. `line` is called once more with None at
/// the end, for a line it still holds.
fn each_line(
    store: &Store,
    filter: &ExportFilter,
    format: Format,
    columns: Vec<String>,
    out: &mut dyn Write,
    mut line: impl FnMut(Option<&ExportFields>) -> anyhow::Result<Option<Vec<SqlValue>>>,
) -> anyhow::Result<()> {
    let mut failed = None;
    let mut make = |fields: Option<&ExportFields>| match line(fields) {
        Ok(l) => Ok(l),
        Err(e) => {
            let message = e.to_string();
            failed = Some(e);
            Err(std::io::Error::other(message))
        }
    };
    let result = if render::streams(format) {
        let mut printer = render::Streamer::new(format, out);
        printer.header(&columns)?;
        let streamed = store.export(filter, |fields| match make(Some(&fields))? {
            Some(l) => printer.row(&l),
            None => Ok(()),
        })?;
        streamed
            .and_then(|()| match make(None)? {
                Some(l) => printer.row(&l),
                None => Ok(()),
            })
            .and_then(|()| printer.finish())
    } else {
        let mut rows = Rows {
            columns,
            rows: Vec::new(),
        };
        let collected = store.export(filter, |fields| {
            rows.rows.extend(make(Some(&fields))?);
            Ok(())
        })?;
        collected
            .and_then(|()| {
                rows.rows.extend(make(None)?);
                Ok(())
            })
            .and_then(|()| render::render(&rows, format, out))
    };
    match (result, failed) {
        (_, Some(e)) => Err(e),
        (r, None) => Ok(r?),
    }
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
        .map(
            |(i, f)| match (HEADER.get(i).copied().unwrap_or("status"), f.as_deref()) {
                (_, None) => SqlValue::Null,
                ("year" | "template" | "value", Some(t)) if int(t).is_some() => {
                    SqlValue::Int(int(t).expect("checked"))
                }
                ("value", Some(t)) => SqlValue::Decimal(t.to_string()),
                (_, Some(t)) => SqlValue::Text(t.to_string()),
            },
        )
        .collect()
}

/// Where the export goes: standard output, or a file written beside its final name and put in
/// place only once complete, so that a failed export leaves no half file (nor replaces a good
/// one) under the name asked for.
pub(super) enum Sink {
    /// Not locked: the parquet writer wants a writer it could send to another thread.
    Stdout(std::io::BufWriter<std::io::Stdout>),
    File {
        out: std::io::BufWriter<std::fs::File>,
        partial: PathBuf,
        path: PathBuf,
    },
}

impl Sink {
    pub(super) fn open(path: Option<&Path>) -> anyhow::Result<Sink> {
        let Some(path) = path else {
            let out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout());
            return Ok(Sink::Stdout(out));
        };
        let name = path
            .file_name()
            .ok_or_else(|| Failure::usage(format!("-o {}: not a file name", path.display())))?;
        let mut partial_name = std::ffi::OsString::from(".");
        partial_name.push(name);
        partial_name.push(".partial");
        let partial = path.with_file_name(partial_name);
        let file = std::fs::File::create(&partial)
            .map_err(|e| Failure::env(format!("cannot write {}: {e}", path.display())))?;
        Ok(Sink::File {
            out: std::io::BufWriter::with_capacity(1 << 16, file),
            partial,
            path: path.to_path_buf(),
        })
    }

    pub(super) fn writer(&mut self) -> &mut (dyn Write + Send) {
        match self {
            Sink::Stdout(out) => out,
            Sink::File { out, .. } => out,
        }
    }

    /// Puts a complete file in place, or takes away what a failed export wrote.
    pub(super) fn close(self, written: anyhow::Result<()>) -> anyhow::Result<()> {
        let Sink::File { out, partial, path } = self else {
            return written;
        };
        let finished = written.and_then(|()| {
            let file = out.into_inner().map_err(|e| e.into_error())?;
            file.sync_all()?;
            Ok(())
        });
        match finished {
            Ok(()) => std::fs::rename(&partial, &path)
                .map_err(|e| Failure::env(format!("cannot write {}: {e}", path.display()))),
            Err(e) => {
                let _ = std::fs::remove_file(&partial);
                Err(e)
            }
        }
    }
}

//! Rows to text: an aligned table for reading, CSV, JSON or Markdown for other programs.
//!
//! Every command that prints rows comes through here, so that a number looks the same in every
//! view and in ad hoc SQL: one rule, stated once (see [`fractional`] and [`cell_text`]).

pub mod page;
pub mod parquet;
pub mod record;
mod table;
mod text;
pub mod wide;
pub mod xlsx;

use crate::store::{RowSink, RowValues, Rows, SqlValue};
use std::io::{self, Write};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for reading; REAL values and rates with 4 decimals.
    #[default]
    Table,
    /// RFC 4180 CSV with a header line; full numbers.
    Csv,
    /// An array of objects keyed by column name, in column order; full numbers.
    Json,
    /// A GitHub-flavoured Markdown table; numbers as in the table.
    Markdown,
}

/// Whether a column holds a fraction, a percentage or an average by its name: a word (between
/// underscores) `rate`, `share`, `pct`, `pp` or `per` (`resolution_rate`, `share_granted`,
/// `requests_change_pct`, `findings_per_report`). Every value of such a column is a real
/// number, even where SQLite hands back an integer (a rate of exactly 1 or 0: a REAL generated
/// column, a difference of two such). Decided by the name alone so that rows can be printed
/// as they come, before the whole answer is seen.
pub fn fractional(column: &str) -> bool {
    column
        .split('_')
        .any(|w| matches!(w, "rate" | "share" | "pct" | "pp" | "per"))
}

/// How a number is written: rounded for reading (table, Markdown) or in full (CSV).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Digits {
    Rounded,
    /// Written by [`text::push_full`] since; kept as the reference it is tested against.
    #[cfg_attr(not(test), allow(dead_code))]
    Full,
}

/// One value as text. A REAL, and any number of a fractional column, is a real number: 4
/// decimals when rounded, else the shortest text that reads back as the same double, with its
/// point (`1.0`, as JSON writes it). An integer elsewhere is an integer; a decimal kept as
/// printed (money) is printed as it is.
fn cell_text(v: &SqlValue, fraction: bool, digits: Digits) -> String {
    match v {
        SqlValue::Null => String::new(),
        SqlValue::Int(i) if fraction => real_text(*i as f64, digits),
        SqlValue::Int(i) => i.to_string(),
        SqlValue::Real(f) => real_text(*f, digits),
        SqlValue::Text(t) | SqlValue::Decimal(t) => t.clone(),
    }
}

fn real_text(f: f64, digits: Digits) -> String {
    match digits {
        Digits::Rounded => {
            let s = format!("{f:.4}");
            if s == "-0.0000" { "0.0000".into() } else { s }
        }
        // serde_json's text (ryu): the shortest that reads back the same, `1.0` for 1.
        Digits::Full if f.is_finite() => serde_json::to_string(&f).expect("a float serialises"),
        Digits::Full => f.to_string(),
    }
}

/// Whether a value is a number (or nothing): a column of them is aligned right.
fn numeric(v: &SqlValue) -> bool {
    !matches!(v, SqlValue::Text(_))
}

/// Which columns are fractional (see [`fractional`]), in column order.
fn fractions(columns: &[String]) -> Vec<bool> {
    columns.iter().map(|c| fractional(c)).collect()
}

/// The header line as printed: the columns' codes, or their labels in this process's language
/// (see [`crate::i18n::column_headers`]).
fn headers(columns: &[String], format: Format) -> Vec<String> {
    let readable = matches!(format, Format::Table | Format::Markdown);
    columns
        .iter()
        .map(|c| crate::i18n::column_header(c, readable))
        .collect()
}

pub fn render(rows: &Rows, format: Format, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Table => table(rows, out),
        Format::Csv | Format::Json => streamed(rows, format, out),
        Format::Markdown => markdown(rows, out),
    }
}

fn table(rows: &Rows, out: &mut dyn Write) -> io::Result<()> {
    if rows.rows.is_empty() {
        return writeln!(out, "{}", crate::t!("no-rows"));
    }
    let fraction = fractions(&rows.columns);
    let headers = headers(&rows.columns, Format::Table);
    let numeric: Vec<bool> = (0..rows.columns.len())
        .map(|i| rows.rows.iter().all(|r| numeric(&r[i])))
        .collect();
    match table::print(rows, &headers, &fraction, &numeric, out) {
        Some(printed) => printed,
        None => tabled_table(rows, headers, &fraction, &numeric, out),
    }
}

/// The table as tabled lays it out: for answers with a cell of several lines or a tab, and
/// the reference the hand-printed table is tested against.
fn tabled_table(
    rows: &Rows,
    headers: Vec<String>,
    fraction: &[bool],
    numeric: &[bool],
    out: &mut dyn Write,
) -> io::Result<()> {
    use tabled::builder::Builder;
    use tabled::settings::{Alignment, Style, object::Columns};
    let mut b = Builder::default();
    b.push_record(headers);
    for r in &rows.rows {
        b.push_record(
            r.iter()
                .zip(fraction)
                .map(|(v, f)| cell_text(v, *f, Digits::Rounded)),
        );
    }
    let mut t = b.build();
    t.with(Style::sharp());
    for (i, numeric) in numeric.iter().enumerate() {
        if *numeric {
            t.modify(Columns::one(i), Alignment::right());
        }
    }
    writeln!(out, "{t}")
}

/// Keeps the I/O error inside a CSV error, so that a closed pipe is still seen as one.
pub fn csv_io(e: ::csv::Error) -> io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(io) => io,
        other => io::Error::other(format!("{other:?}")),
    }
}

fn streamed(rows: &Rows, format: Format, out: &mut dyn Write) -> io::Result<()> {
    let mut s = Streamer::new(format, out);
    s.header(&rows.columns)?;
    for r in &rows.rows {
        s.row(r)?;
    }
    s.finish()
}

/// Whether a format can be printed a row at a time (see [`Streamer`]).
pub fn streams(format: Format) -> bool {
    matches!(format, Format::Csv | Format::Json)
}

/// Prints rows one at a time as they come, in the formats that need no look at the whole
/// answer first (CSV and JSON; a table and Markdown align their columns over every row): a
/// large answer never sits in memory, and `| head` has its first lines at once. Each value is
/// written straight into the output (see [`text`]): no String is made for it.
pub struct Streamer<'w> {
    format: Format,
    out: Streaming<'w>,
    /// JSON: each column's line up to its value (`    "key": `), written once.
    keys: Vec<Vec<u8>>,
    fraction: Vec<bool>,
    rows: usize,
    /// The row being written (JSON) or a number's text (CSV), reused from row to row.
    buf: Vec<u8>,
}

enum Streaming<'w> {
    /// Before the header: nothing printed yet (nothing at all for a statement that selects
    /// nothing).
    Waiting(&'w mut dyn Write),
    Csv(Box<::csv::Writer<&'w mut dyn Write>>),
    Json(&'w mut dyn Write),
    Gone,
}

impl<'w> Streamer<'w> {
    pub fn new(format: Format, out: &'w mut dyn Write) -> Self {
        assert!(
            streams(format),
            "{format:?} aligns over every row; see render::streams"
        );
        Streamer {
            format,
            out: Streaming::Waiting(out),
            keys: Vec::new(),
            fraction: Vec::new(),
            rows: 0,
            buf: Vec::with_capacity(256),
        }
    }

    /// Ends the output (the closing bracket of JSON) and flushes it.
    pub fn finish(self) -> io::Result<()> {
        match self.out {
            Streaming::Csv(mut w) => w.flush(),
            Streaming::Json(out) => {
                if self.rows == 0 {
                    writeln!(out, "[]")
                } else {
                    writeln!(out, "\n]")
                }?;
                out.flush()
            }
            Streaming::Waiting(_) | Streaming::Gone => Ok(()),
        }
    }
}

impl RowSink for Streamer<'_> {
    /// The CSV header line; nothing yet for JSON.
    fn header(&mut self, columns: &[String]) -> io::Result<()> {
        // The keys of JSON are the headers a person asked for (--labels); which columns are
        // fractional is decided by their codes.
        self.keys = headers(columns, self.format)
            .iter()
            .map(|c| {
                let mut key = b"    ".to_vec();
                text::push_json_string(&mut key, c);
                key.extend_from_slice(b": ");
                key
            })
            .collect();
        self.fraction = fractions(columns);
        let Streaming::Waiting(out) = std::mem::replace(&mut self.out, Streaming::Gone) else {
            panic!("one header per answer");
        };
        self.out = if self.format == Format::Csv {
            let mut w = Box::new(::csv::Writer::from_writer(out));
            w.write_record(headers(columns, Format::Csv))
                .map_err(csv_io)?;
            Streaming::Csv(w)
        } else {
            Streaming::Json(out)
        };
        Ok(())
    }

    fn row(&mut self, row: &dyn RowValues) -> io::Result<()> {
        use crate::store::SqlRef;
        self.rows += 1;
        let n = row.len().min(self.fraction.len());
        match &mut self.out {
            Streaming::Csv(w) => {
                for (i, fraction) in self.fraction[..n].iter().enumerate() {
                    let written = match row.get(i) {
                        SqlRef::Text(t) => w.write_field(text::lossy(t).as_bytes()),
                        SqlRef::Decimal(t) => w.write_field(t),
                        v => {
                            self.buf.clear();
                            text::push_full(&mut self.buf, v, *fraction);
                            w.write_field(&self.buf)
                        }
                    };
                    written.map_err(csv_io)?;
                }
                w.write_record(None::<&[u8]>).map_err(csv_io)
            }
            Streaming::Json(out) => {
                let buf = &mut self.buf;
                buf.clear();
                buf.extend_from_slice(if self.rows == 1 { b"[\n" } else { b",\n" });
                if n == 0 {
                    buf.extend_from_slice(b"  {}");
                } else {
                    buf.extend_from_slice(b"  {\n");
                    for (i, (key, fraction)) in
                        self.keys.iter().zip(&self.fraction[..n]).enumerate()
                    {
                        buf.extend_from_slice(key);
                        text::push_json(buf, row.get(i), *fraction);
                        buf.extend_from_slice(if i + 1 == n { b"\n" } else { b",\n" });
                    }
                    buf.extend_from_slice(b"  }");
                }
                out.write_all(buf)
            }
            Streaming::Waiting(_) | Streaming::Gone => panic!("the header comes first"),
        }
    }
}

/// One row as a JSON object, keys in column order, laid out as serde_json's pretty printer
/// lays out an object inside an array (written by hand: serde_json's own map sorts its keys).
/// The reference the streamed JSON is tested against (it is written by [`text::push_json`]).
#[cfg(test)]
fn write_object(
    out: &mut dyn Write,
    columns: &[String],
    fraction: &[bool],
    row: &[SqlValue],
) -> io::Result<()> {
    if columns.is_empty() {
        return out.write_all(b"  {}");
    }
    out.write_all(b"  {\n")?;
    for (i, ((c, f), v)) in columns.iter().zip(fraction).zip(row).enumerate() {
        let key = serde_json::to_string(c)?;
        let value = json_text(v, *f);
        let end = if i + 1 == columns.len() { "\n" } else { ",\n" };
        write!(out, "    {key}: {value}{end}")?;
    }
    out.write_all(b"  }")
}

/// A value as JSON text: a REAL, and any number of a fractional column, is a float (`1.0`,
/// never `1`); an integer elsewhere is an integer; a decimal kept as printed is a JSON number
/// with the same digits. A non-finite float has no JSON form: null. The reference of
/// [`text::push_json`].
#[cfg(test)]
fn json_text(v: &SqlValue, fraction: bool) -> String {
    match v {
        SqlValue::Null => "null".into(),
        SqlValue::Int(i) if fraction => real_text(*i as f64, Digits::Full),
        SqlValue::Int(i) => i.to_string(),
        SqlValue::Real(f) if f.is_finite() => real_text(*f, Digits::Full),
        SqlValue::Real(_) => "null".into(),
        SqlValue::Text(t) => serde_json::to_string(t).expect("a string serialises"),
        SqlValue::Decimal(t) => decimal_json(t)
            .unwrap_or_else(|| serde_json::to_string(t).expect("a string serialises")),
    }
}

/// A decimal's text as a JSON number with the same digits, without what JSON's grammar
/// forbids (leading zeros: `01.50` is `1.50`; a point with no digit after it: `5.` is `5`);
/// None when the text is not a decimal number.
fn decimal_json(text: &str) -> Option<String> {
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) {
        return None;
    }
    let int = match int.trim_start_matches('0') {
        "" => "0",
        kept => kept,
    };
    Some(if frac.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac}")
    })
}

fn markdown(rows: &Rows, out: &mut dyn Write) -> io::Result<()> {
    markdown_head(rows, out)?;
    // Each row written into one reused buffer, its values straight from the row (no String
    // per value, as CSV, JSON and the table print theirs); the same text as
    // [`markdown_reference`].
    let fraction = fractions(&rows.columns);
    let mut line = Vec::new();
    let mut cell = Vec::new();
    for r in &rows.rows {
        line.clear();
        line.push(b'|');
        for (v, f) in r.iter().zip(&fraction) {
            cell.clear();
            text::push_rounded(&mut cell, v.as_ref(), *f);
            line.push(b' ');
            for &b in &cell {
                match b {
                    b'|' => line.extend_from_slice(b"\\|"),
                    b'\n' => line.push(b' '),
                    b => line.push(b),
                }
            }
            line.extend_from_slice(b" |");
        }
        if r.is_empty() {
            line.extend_from_slice(b"  |");
        }
        line.push(b'\n');
        out.write_all(&line)?;
    }
    Ok(())
}

/// A Markdown cell's text: a `|` escaped, a line break as a space.
fn markdown_escape(s: String) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The header line and the alignment line.
fn markdown_head(rows: &Rows, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "| {} |",
        headers(&rows.columns, Format::Markdown)
            .into_iter()
            .map(markdown_escape)
            .collect::<Vec<_>>()
            .join(" | ")
    )?;
    let aligns: Vec<&str> = (0..rows.columns.len())
        .map(|i| {
            let numeric = !rows.rows.is_empty() && rows.rows.iter().all(|r| numeric(&r[i]));
            if numeric { "---:" } else { "---" }
        })
        .collect();
    writeln!(out, "| {} |", aligns.join(" | "))
}

/// Markdown as it was written with a String per value: the reference [`markdown`] is tested
/// against.
#[cfg(test)]
fn markdown_reference(rows: &Rows, out: &mut dyn Write) -> io::Result<()> {
    markdown_head(rows, out)?;
    let fraction = fractions(&rows.columns);
    for r in &rows.rows {
        writeln!(
            out,
            "| {} |",
            r.iter()
                .zip(&fraction)
                .map(|(v, f)| markdown_escape(cell_text(v, *f, Digits::Rounded)))
                .collect::<Vec<_>>()
                .join(" | ")
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;

//! Rows to text: an aligned table for reading, CSV, JSON or Markdown for other programs.

use crate::store::{RowSink, Rows, SqlValue};
use std::io::{self, Write};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for reading; rates rounded to 4 decimals.
    #[default]
    Table,
    /// RFC 4180 CSV with a header line; raw numbers.
    Csv,
    /// An array of objects keyed by column name; raw numbers.
    Json,
    /// A GitHub-flavoured Markdown table.
    Markdown,
}

fn cell_text(v: &SqlValue, round: bool) -> String {
    match v {
        SqlValue::Null => String::new(),
        SqlValue::Int(i) => i.to_string(),
        SqlValue::Real(f) if round => {
            let s = format!("{f:.4}");
            if s == "-0.0000" { "0.0000".into() } else { s }
        }
        SqlValue::Real(f) => f.to_string(),
        SqlValue::Text(t) => t.clone(),
    }
}

pub fn render(rows: &Rows, format: Format, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Table => table(rows, out),
        Format::Csv | Format::Json => streamed(rows, format, out),
        Format::Markdown => markdown(rows, out),
    }
}

fn table(rows: &Rows, out: &mut dyn Write) -> io::Result<()> {
    use tabled::builder::Builder;
    use tabled::settings::{Alignment, Style, object::Columns};
    if rows.rows.is_empty() {
        return writeln!(out, "(no rows)");
    }
    let mut b = Builder::default();
    b.push_record(rows.columns.iter().cloned());
    for r in &rows.rows {
        b.push_record(r.iter().map(|v| cell_text(v, true)));
    }
    let mut t = b.build();
    t.with(Style::sharp());
    for (i, _) in rows.columns.iter().enumerate() {
        let numeric = rows
            .rows
            .iter()
            .all(|r| matches!(r[i], SqlValue::Int(_) | SqlValue::Real(_) | SqlValue::Null));
        if numeric {
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
/// large answer never sits in memory, and `| head` has its first lines at once.
pub struct Streamer<'w> {
    format: Format,
    out: Streaming<'w>,
    columns: Vec<String>,
    rows: usize,
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
            columns: Vec::new(),
            rows: 0,
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
        self.columns = columns.to_vec();
        let Streaming::Waiting(out) = std::mem::replace(&mut self.out, Streaming::Gone) else {
            panic!("one header per answer");
        };
        self.out = if self.format == Format::Csv {
            let mut w = Box::new(::csv::Writer::from_writer(out));
            w.write_record(columns).map_err(csv_io)?;
            Streaming::Csv(w)
        } else {
            Streaming::Json(out)
        };
        Ok(())
    }

    fn row(&mut self, row: &[SqlValue]) -> io::Result<()> {
        self.rows += 1;
        match &mut self.out {
            Streaming::Csv(w) => w
                .write_record(row.iter().map(|v| cell_text(v, false)))
                .map_err(csv_io),
            Streaming::Json(out) => {
                // As serde_json's pretty printer writes an array of objects, one at a time.
                let object: serde_json::Map<String, serde_json::Value> = self
                    .columns
                    .iter()
                    .zip(row)
                    .map(|(c, v)| (c.clone(), json_value(v)))
                    .collect();
                let text = serde_json::to_string_pretty(&object)?;
                out.write_all(if self.rows == 1 { b"[\n" } else { b",\n" })?;
                for (i, line) in text.lines().enumerate() {
                    if i > 0 {
                        out.write_all(b"\n")?;
                    }
                    write!(out, "  {line}")?;
                }
                Ok(())
            }
            Streaming::Waiting(_) | Streaming::Gone => panic!("the header comes first"),
        }
    }
}

fn json_value(v: &SqlValue) -> serde_json::Value {
    match v {
        SqlValue::Null => serde_json::Value::Null,
        SqlValue::Int(i) => (*i).into(),
        SqlValue::Real(f) => serde_json::Number::from_f64(*f)
            .map_or(serde_json::Value::Null, serde_json::Value::Number),
        SqlValue::Text(t) => t.clone().into(),
    }
}

fn markdown(rows: &Rows, out: &mut dyn Write) -> io::Result<()> {
    let esc = |s: String| s.replace('|', "\\|").replace('\n', " ");
    writeln!(
        out,
        "| {} |",
        rows.columns
            .iter()
            .map(|c| esc(c.clone()))
            .collect::<Vec<_>>()
            .join(" | ")
    )?;
    let aligns: Vec<&str> = (0..rows.columns.len())
        .map(|i| {
            let numeric = !rows.rows.is_empty()
                && rows
                    .rows
                    .iter()
                    .all(|r| matches!(r[i], SqlValue::Int(_) | SqlValue::Real(_) | SqlValue::Null));
            if numeric { "---:" } else { "---" }
        })
        .collect();
    writeln!(out, "| {} |", aligns.join(" | "))?;
    for r in &rows.rows {
        writeln!(
            out,
            "| {} |",
            r.iter()
                .map(|v| esc(cell_text(v, false)))
                .collect::<Vec<_>>()
                .join(" | ")
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Rows {
        Rows {
            columns: vec!["agency".into(), "rate".into(), "n".into()],
            rows: vec![vec![
                SqlValue::Text("晋江|市".into()),
                SqlValue::Real(0.98660714),
                SqlValue::Null,
            ]],
        }
    }

    fn text(format: Format) -> String {
        let mut out = Vec::new();
        render(&sample(), format, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Row by row, JSON comes out as serde_json's pretty printer writes the whole array.
    #[test]
    fn streamed_json_is_the_pretty_printed_array() {
        for n in [0, 1, 3] {
            let mut rows = sample();
            rows.rows = (0..n)
                .map(|i| {
                    vec![
                        SqlValue::Text(format!("a\"{i}")),
                        SqlValue::Real(0.5),
                        SqlValue::Int(i),
                    ]
                })
                .collect();
            let list: Vec<serde_json::Map<String, serde_json::Value>> = rows
                .rows
                .iter()
                .map(|r| {
                    rows.columns
                        .iter()
                        .cloned()
                        .zip(r.iter().map(json_value))
                        .collect()
                })
                .collect();
            let mut out = Vec::new();
            render(&rows, Format::Json, &mut out).unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string_pretty(&list).unwrap() + "\n"
            );
        }
    }

    #[test]
    fn formats() {
        assert!(text(Format::Table).contains("0.9866"));
        assert!(!text(Format::Table).contains("0.98660714"));
        assert_eq!(text(Format::Csv), "agency,rate,n\n晋江|市,0.98660714,\n");
        assert!(text(Format::Json).contains("\"rate\": 0.98660714"));
        assert!(text(Format::Json).contains("\"n\": null"));
        assert!(text(Format::Markdown).contains("| 晋江\\|市 | 0.98660714 |  |"));
    }
}

//! Rows to text: an aligned table for reading, CSV, JSON or Markdown for other programs.

use crate::store::{Rows, SqlValue};
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
        Format::Csv => csv(rows, out),
        Format::Json => json(rows, out),
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

fn csv(rows: &Rows, out: &mut dyn Write) -> io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(&rows.columns).map_err(csv_io)?;
    for r in &rows.rows {
        w.write_record(r.iter().map(|v| cell_text(v, false)))
            .map_err(csv_io)?;
    }
    w.flush()
}

/// Keeps the I/O error inside a CSV error, so that a closed pipe is still seen as one.
pub fn csv_io(e: ::csv::Error) -> io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(io) => io,
        other => io::Error::other(format!("{other:?}")),
    }
}

fn json(rows: &Rows, out: &mut dyn Write) -> io::Result<()> {
    let list: Vec<serde_json::Map<String, serde_json::Value>> = rows
        .rows
        .iter()
        .map(|r| {
            rows.columns
                .iter()
                .zip(r)
                .map(|(c, v)| {
                    let j = match v {
                        SqlValue::Null => serde_json::Value::Null,
                        SqlValue::Int(i) => (*i).into(),
                        SqlValue::Real(f) => serde_json::Number::from_f64(*f)
                            .map_or(serde_json::Value::Null, serde_json::Value::Number),
                        SqlValue::Text(t) => t.clone().into(),
                    };
                    (c.clone(), j)
                })
                .collect()
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &list)?;
    writeln!(out)
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

//! The aligned table, printed by hand where every cell is one line of printable text (every
//! answer gov-db's views give): the same bytes as tabled's `Style::sharp()` with numeric
//! columns aligned right, but with no String per cell (tabled makes several), so that a view
//! of hundreds of thousands of rows prints in a fraction of the time. Any other answer (a line
//! break or a tab in a cell) goes through tabled, which lays such cells out.

use super::text;
use crate::store::{RowValues, Rows};
use std::io::{self, Write};

/// Prints `rows` (at least one) as the table, or None (nothing written) when a cell or a
/// header is not one line of printable text.
pub(super) fn print(
    rows: &Rows,
    headers: &[String],
    fraction: &[bool],
    numeric: &[bool],
    out: &mut dyn Write,
) -> Option<io::Result<()>> {
    let n = headers.len();
    if n == 0 || rows.rows.iter().any(|r| r.len() != n) || !headers.iter().all(|h| text::plain(h)) {
        return None;
    }
    // Widths, and whether every text is plain, in one pass over the values.
    let mut widths: Vec<usize> = headers.iter().map(|h| text::width(h.as_bytes())).collect();
    let mut buf = Vec::with_capacity(64);
    for r in &rows.rows {
        for (i, w) in widths.iter_mut().enumerate() {
            buf.clear();
            text::push_rounded(&mut buf, r.get(i), fraction[i]);
            if !text::plain(&text::lossy(&buf)) {
                return None;
            }
            *w = (*w).max(text::width(&buf));
        }
    }
    Some(write(rows, headers, fraction, numeric, &widths, out))
}

fn write(
    rows: &Rows,
    headers: &[String],
    fraction: &[bool],
    numeric: &[bool],
    widths: &[usize],
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    let mut line = Vec::with_capacity(256);
    let rule = |line: &mut Vec<u8>, left: &str, mid: &str, right: &str| {
        line.clear();
        line.extend_from_slice(left.as_bytes());
        for (i, w) in widths.iter().enumerate() {
            if i > 0 {
                line.extend_from_slice(mid.as_bytes());
            }
            for _ in 0..w + 2 {
                line.extend_from_slice("─".as_bytes());
            }
        }
        line.extend_from_slice(right.as_bytes());
        line.push(b'\n');
    };
    // One cell: its text, padded to the column's width on the side its alignment leaves.
    let cell = |line: &mut Vec<u8>, value: &[u8], i: usize| {
        let pad = widths[i] - text::width(value);
        line.extend_from_slice(" ".as_bytes());
        if numeric[i] {
            line.extend(std::iter::repeat_n(b' ', pad));
            line.extend_from_slice(value);
        } else {
            line.extend_from_slice(value);
            line.extend(std::iter::repeat_n(b' ', pad));
        }
        line.extend_from_slice(" │".as_bytes());
    };
    rule(&mut line, "┌", "┬", "┐");
    line.extend_from_slice("│".as_bytes());
    for (i, h) in headers.iter().enumerate() {
        cell(&mut line, h.as_bytes(), i);
    }
    line.push(b'\n');
    out.write_all(&line)?;
    rule(&mut line, "├", "┼", "┤");
    out.write_all(&line)?;
    let mut value = Vec::with_capacity(64);
    for r in &rows.rows {
        line.clear();
        line.extend_from_slice("│".as_bytes());
        for (i, fraction) in fraction.iter().enumerate() {
            value.clear();
            text::push_rounded(&mut value, r.get(i), *fraction);
            cell(&mut line, &value, i);
        }
        line.push(b'\n');
        out.write_all(&line)?;
    }
    rule(&mut line, "└", "┴", "┘");
    out.write_all(&line)?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::super::{Format, render, tabled_table};
    use crate::store::{Rows, SqlValue};
    use proptest::prelude::*;

    fn tabled(rows: &Rows) -> String {
        let fraction = super::super::fractions(&rows.columns);
        let numeric: Vec<bool> = (0..rows.columns.len())
            .map(|i| rows.rows.iter().all(|r| super::super::numeric(&r[i])))
            .collect();
        let headers = super::super::headers(&rows.columns, Format::Table);
        let mut out = Vec::new();
        tabled_table(rows, headers, &fraction, &numeric, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn printed(rows: &Rows, format: Format) -> String {
        let mut out = Vec::new();
        render(rows, format, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Answers of a few columns (codes, fractional names, a label in Chinese, one with a
    /// quote) and rows of any values: a column of numbers only is aligned right.
    fn any_rows() -> impl Strategy<Value = Rows> {
        let names = prop_oneof![
            Just("agency"),
            Just("year"),
            Just("share_of_processed"),
            Just("resolution_rate"),
            Just("count"),
            Just("机关"),
            Just("a \"b\", c"),
        ];
        proptest::collection::vec(names, 1..6).prop_flat_map(|columns| {
            let n = columns.len();
            let value = prop_oneof![
                3 => super::super::text::tests::any_value(),
                1 => any::<i64>().prop_map(SqlValue::Int),
                1 => "[晋江市人民政府a-z ]{0,8}".prop_map(SqlValue::Text),
            ];
            let row = proptest::collection::vec(value, n);
            proptest::collection::vec(row, 1..8).prop_map(move |rows| Rows {
                columns: columns.iter().map(|c| c.to_string()).collect(),
                rows,
            })
        })
    }

    proptest! {
        /// The table printed by hand is tabled's, byte for byte (cells tabled must lay out
        /// itself, a line break or a tab, go to it).
        #[test]
        fn hand_printed_table_is_tabled(rows in any_rows()) {
            prop_assert_eq!(printed(&rows, Format::Table), tabled(&rows));
        }

        /// Numbers only: every such answer is printed by hand, and still tabled's.
        #[test]
        fn numbers_and_names(
            rows in proptest::collection::vec(
                (any::<i64>(), -1e9f64..1e9, "[晋江市人民政府（）a-z ]{0,10}"), 1..10),
        ) {
            let rows = Rows {
                columns: vec!["count".into(), "share".into(), "agency".into()],
                rows: rows
                    .into_iter()
                    .map(|(i, f, t)| vec![SqlValue::Int(i), SqlValue::Real(f), SqlValue::Text(t)])
                    .collect(),
            };
            let fraction = [false, true, false];
            let headers = super::super::headers(&rows.columns, Format::Table);
            let mut out = Vec::new();
            super::print(&rows, &headers, &fraction, &[true, true, false], &mut out)
                .expect("plain cells are printed by hand")
                .unwrap();
            prop_assert_eq!(String::from_utf8(out).unwrap(), tabled(&rows));
        }

        /// Markdown, each row written into one buffer, is what it was with a String per value
        /// (texts with `|` and line breaks included).
        #[test]
        fn markdown_is_the_reference(rows in any_rows()) {
            let mut reference = Vec::new();
            super::super::markdown_reference(&rows, &mut reference).unwrap();
            prop_assert_eq!(printed(&rows, Format::Markdown), String::from_utf8(reference).unwrap());
        }

        /// CSV and JSON, streamed value by value into the output, are what the renderer wrote
        /// before with a String per value (the reference functions kept in render/mod.rs).
        #[test]
        fn streamed_formats_are_the_reference(rows in any_rows()) {
            let fraction = super::super::fractions(&rows.columns);
            let mut csv = ::csv::Writer::from_writer(Vec::new());
            csv.write_record(super::super::headers(&rows.columns, Format::Csv)).unwrap();
            for r in &rows.rows {
                csv.write_record(r.iter().zip(&fraction).map(|(v, f)| {
                    super::super::cell_text(v, *f, super::super::Digits::Full)
                }))
                .unwrap();
            }
            let csv = String::from_utf8(csv.into_inner().unwrap()).unwrap();
            prop_assert_eq!(printed(&rows, Format::Csv), csv);

            let keys = super::super::headers(&rows.columns, Format::Json);
            let mut json = Vec::new();
            for (i, r) in rows.rows.iter().enumerate() {
                json.extend_from_slice(if i == 0 { b"[\n" } else { b",\n" });
                super::super::write_object(&mut json, &keys, &fraction, r).unwrap();
            }
            json.extend_from_slice(b"\n]\n");
            prop_assert_eq!(printed(&rows, Format::Json), String::from_utf8(json).unwrap());
        }
    }
}

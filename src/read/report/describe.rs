//! `import --dry-run` on a published report: what was detected (format, agency, year and where
//! each came from, template, title) and the tables as read, in the reader's language; the
//! rows and columns keep the contract's codes.

use super::{Reading, table};
use crate::contract::{self, Section};

/// The tables as read, one block per table, rows × columns with blanks shown, for
/// `import --dry-run`.
pub fn describe(reading: &Reading) -> String {
    use std::fmt::Write;
    let r = &reading.report;
    let d = &reading.detected;
    let mut s = String::new();
    // Where the agency or year came from, as the catalog's variant key.
    let from = |from: &str| match from {
        "--year" | "--agency" => "option",
        "statistics period" => "period",
        "title" => "title",
        _ => "none",
    };
    let _ = writeln!(
        s,
        "{}",
        crate::t!(
            "dry-run-format",
            format = d.format.name(),
            encoding = d.encoding.to_string()
        )
    );
    let _ = writeln!(
        s,
        "{}",
        crate::t!(
            "dry-run-agency",
            agency = r.agency.as_str(),
            from = from(d.agency_from),
            option = d.agency_from
        )
    );
    let _ = writeln!(
        s,
        "{}",
        crate::t!(
            "dry-run-year",
            year = r.year,
            from = from(d.year_from),
            option = d.year_from
        )
    );
    let _ = writeln!(
        s,
        "{}",
        crate::t!("dry-run-template", template = r.template.to_string())
    );
    if let Some(t) = &d.title {
        let _ = writeln!(s, "{}", crate::t!("dry-run-title", title = t.as_str()));
    }
    let t = &reading.tables;
    for (section, rows) in [
        (Section::Proactive, &t.proactive),
        (Section::Requests, &t.requests),
        (Section::Appeals, &t.appeals),
    ] {
        let _ = writeln!(
            s,
            "\n{}",
            crate::t!(
                "dry-run-section",
                code = section.code(),
                label = section.label_zh(),
                n = rows.len()
            )
        );
        // Columns in the order the rows print them; a cell a row lacks prints empty.
        let mut cols: Vec<&contract::ColDef> = Vec::new();
        for c in rows.iter().flat_map(|r| &r.cells) {
            if !cols.iter().any(|k| k.id == c.col.id) {
                cols.push(c.col);
            }
        }
        let text = |row: &table::RowRead, id: u8| -> String {
            match row.cells.iter().find(|c| c.col.id == id).map(|c| &c.value) {
                Some(crate::model::Value::Blank) => "·".into(),
                Some(v) => v.to_string(),
                None => String::new(),
            }
        };
        let widths: Vec<usize> = cols
            .iter()
            .map(|c| {
                rows.iter()
                    .map(|r| text(r, c.id).chars().count())
                    .chain([c.code.len()])
                    .max()
                    .unwrap_or(1)
            })
            .collect();
        let mut head = format!("  {:<28}", "");
        for (c, w) in cols.iter().zip(&widths) {
            let _ = write!(head, " {:>w$}", c.code, w = *w);
        }
        let _ = writeln!(s, "{}", head.trim_end());
        for row in rows.iter() {
            let mut line = format!("  {:<28}", row.row.code);
            for (c, w) in cols.iter().zip(&widths) {
                let _ = write!(line, " {:>w$}", text(row, c.id), w = *w);
            }
            let _ = writeln!(s, "{}", line.trim_end());
        }
    }
    for w in &t.warnings {
        let _ = writeln!(
            s,
            "{}",
            crate::t!("dry-run-warning", warning = w.to_string())
        );
    }
    for u in &t.unread {
        let _ = writeln!(s, "{}", crate::t!("dry-run-not-read", why = u.to_string()));
    }
    s
}

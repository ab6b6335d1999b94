//! The header of a canonical CSV file (which column is where), and the problems of a line
//! whose bytes could not be read, named by its header's columns.

use super::records::{Fault, LIMITS};
use crate::read::{Problem, Problems, quote};
use std::path::Path;

pub(super) const REQUIRED: [&str; 6] = ["agency", "year", "section", "row", "column", "value"];
/// `status` (printed or corrected, as `gov-db export --full` writes it) says how a value came
/// to be and is not read back.
const OPTIONAL: [&str; 5] = ["region_code", "template", "source", "status", "note"];

/// Where each column stands in this file's header.
pub(super) struct Layout {
    pub width: usize,
    pub region_code: Option<usize>,
    pub template: Option<usize>,
    pub source: Option<usize>,
    /// A person's note on the line, ignored but for [`super::NOT_READ`].
    pub note: Option<usize>,
    /// The columns' names, to name a field in a problem.
    pub names: Vec<String>,
}

impl Layout {
    pub(super) fn from_header(
        header: &csv::ByteRecord,
        path: &Path,
        problems: &mut Problems,
    ) -> Option<Layout> {
        let names: Vec<String> = header
            .iter()
            .map(|f| {
                String::from_utf8_lossy(f)
                    .trim()
                    .trim_start_matches('\u{feff}')
                    .to_ascii_lowercase()
            })
            .collect();
        let wrong = |msg: String| {
            Problem::new(
                path,
                Some(1),
                None,
                format!(
                    "{msg}; the header must start agency,year,section,row,column,value (optionally followed by region_code, template, source, status, note)"
                ),
            )
        };
        for (i, want) in REQUIRED.iter().enumerate() {
            match names.get(i) {
                Some(n) if n == want => {}
                Some(n) => {
                    problems.push(wrong(format!(
                        "header field {} is {}, expected {want:?}",
                        i + 1,
                        quote(n)
                    )));
                    return None;
                }
                None => {
                    problems.push(wrong(format!("the header has {} fields", names.len())));
                    return None;
                }
            }
        }
        let mut layout = Layout {
            width: names.len(),
            region_code: None,
            template: None,
            source: None,
            note: None,
            names: Vec::new(),
        };
        let mut status = None;
        for (i, n) in names.iter().enumerate().skip(REQUIRED.len()) {
            let slot = match n.as_str() {
                "region_code" => &mut layout.region_code,
                "template" => &mut layout.template,
                "source" => &mut layout.source,
                "note" => &mut layout.note,
                "status" => &mut status,
                other => {
                    problems.push(wrong(format!(
                        "unknown header field {} (known optional fields: {})",
                        quote(other),
                        OPTIONAL.join(", ")
                    )));
                    return None;
                }
            };
            if slot.replace(i).is_some() {
                problems.push(wrong(format!("header field {n:?} is given twice")));
                return None;
            }
        }
        layout.names = names;
        Some(layout)
    }
}

/// The line, column and message of a record's fault; `columns` names the fields (the header's,
/// empty while the header is read).
pub(super) fn fault(
    fault: &Fault,
    number: u64,
    columns: &[String],
) -> (u64, Option<String>, String) {
    let max = LIMITS.max_line;
    match fault {
        Fault::TooLong {
            length: Some(n),
            quoted: false,
        } => (
            number,
            None,
            format!("the line is {n} bytes long, past the {max} bytes a line of canonical CSV may have; it was skipped unread"),
        ),
        Fault::TooLong {
            length: Some(n),
            quoted: true,
        } => (
            number,
            None,
            format!("the record starting here (a quoted field over several lines) is {n} bytes long, past the {max} bytes a record of canonical CSV may have"),
        ),
        Fault::TooLong {
            length: None,
            quoted: false,
        } => (
            number,
            None,
            format!(
                "the line runs on past {} MiB without a line end (a line of canonical CSV has at most {max} bytes): this is not a CSV file, and the rest of it is not read",
                LIMITS.max_scan >> 20
            ),
        ),
        Fault::TooLong {
            length: None,
            quoted: true,
        } => (
            number,
            None,
            format!("a quoted field opened here runs on past {max} bytes (a quote left open?); the rest of the file is not read"),
        ),
        Fault::Encoding {
            line,
            offset,
            field,
            fault,
            enc,
            evidence,
        } => (
            *line,
            Some(
                columns
                    .get(*field)
                    .cloned()
                    .unwrap_or_else(|| format!("{}", field + 1)),
            ),
            fault.describe(*enc, evidence, *offset),
        ),
        Fault::Utf16 => (
            1,
            None,
            "the file is UTF-16 (it starts with a UTF-16 byte order mark): save it as CSV UTF-8 (or GBK) and import that".into(),
        ),
    }
}

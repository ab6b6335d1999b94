//! The canonical long CSV of the data contract: one number per line, grouped here into
//! reports. Streams: a file of any size is read in bounded memory, as long as each report's
//! lines stand near each other (a few hundred reports apart at most).

use super::{Problem, Problems, quote};
use crate::contract::{self, Kind, Template};
use crate::model::{Report, Value};
use crate::normalise::{self, NameError};
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::Path;

mod codes;
mod finish;
mod layout;
mod records;

pub use codes::parse_value;
use codes::{Codes, fast_value};
use finish::finish;
pub use finish::infer_template;
use layout::{Layout, REQUIRED};
pub use records::LIMITS;

/// How a draft (`gov-db import --dry-run FILE --draft OUT.csv`) marks, in its `note` column, a
/// cell the reader could not read. Such a cell left empty is refused: an empty value would
/// otherwise be taken for a cell the report left blank, and the number would be lost.
pub const NOT_READ: &str = "not read: ";

/// Reports kept open while their lines may still come; past this many the oldest are
/// finished, so memory stays bounded whatever the file's size.
const MAX_OPEN: usize = 256;

/// Reads a canonical CSV file, handing each complete report to `sink`. Problems are
/// gathered, not fatal, so that one pass reports them all; `sink` is not called for a report
/// with a problem.
pub fn read_file(
    path: &Path,
    problems: &mut Problems,
    sink: &mut dyn FnMut(Report) -> Result<(), Problem>,
) -> std::io::Result<()> {
    let file = std::fs::File::open(path)?;
    read(Box::new(file), path, problems, sink)
}

/// Reads canonical CSV from its bytes (UTF-8 or GBK: see records.rs).
pub fn read(
    input: Box<dyn std::io::Read + Send>,
    path: &Path,
    problems: &mut Problems,
    sink: &mut dyn FnMut(Report) -> Result<(), Problem>,
) -> std::io::Result<()> {
    let mut records = records::Records::new(input);
    let mut record = csv::ByteRecord::new();
    let problem =
        |line: u64, col: Option<&str>, msg: String| Problem::new(path, Some(line), col, msg);

    // The header.
    let header = match records.next_record(&mut record) {
        Ok(Some(records::Line {
            fault: Some(fault), ..
        })) => {
            let (line, column, message) = layout::fault(&fault, 1, &[]);
            problems.push(Problem::new(path, Some(line), column.as_deref(), message));
            return Ok(());
        }
        Ok(Some(_)) => record.clone(),
        Ok(None) => {
            problems.push(Problem::new(
                path,
                None,
                None,
                "the file is empty: expected a header line agency,year,section,row,column,value",
            ));
            return Ok(());
        }
        Err(e) => {
            problems.push(problem(
                1,
                None,
                crate::t!("import-cannot-read", error = e.to_string()),
            ));
            return Ok(());
        }
    };
    let Some(layout) = Layout::from_header(&header, path, problems) else {
        return Ok(());
    };

    let mut state = State::new(path);
    let mut lines = 0u64;
    loop {
        let line = match records.next_record(&mut record) {
            Ok(Some(records::Line {
                number,
                fault: Some(fault),
            })) => {
                lines += 1;
                let (line, column, message) = layout::fault(&fault, number, &layout.names);
                problems.push(Problem::new(path, Some(line), column.as_deref(), message));
                continue;
            }
            Ok(Some(line)) => line.number,
            Ok(None) => break,
            Err(e) => {
                problems.push(Problem::new(
                    path,
                    None,
                    None,
                    crate::t!("import-cannot-read", error = e.to_string()),
                ));
                break;
            }
        };
        lines += 1;
        if record.len() == 1
            && record
                .get(0)
                .is_some_and(|f| f.iter().all(u8::is_ascii_whitespace))
        {
            continue;
        }
        if record.len() < layout.width {
            problems.push(problem(
                line,
                None,
                crate::t!(
                    "csv-too-few-fields",
                    expected = layout.width,
                    found = record.len()
                ),
            ));
            continue;
        }
        if record.len() > layout.width {
            problems.push(problem(
                line,
                None,
                crate::t!(
                    "csv-too-many-fields",
                    expected = layout.width,
                    found = record.len()
                ),
            ));
            continue;
        }
        // Past the problems listed, the rest of the file is still read, to count what is
        // wrong with it ("50 of 199 shown"), but none of its reports is handed on: the file
        // will not be imported.
        if problems.is_full() {
            state.line(&record, line, &layout, problems, &mut |_| Ok(()));
        } else {
            state.line(&record, line, &layout, problems, sink);
        }
    }
    if lines == 0 && problems.is_empty() {
        problems.push(Problem::new(
            path,
            Some(1),
            None,
            crate::t!("csv-no-data-lines"),
        ));
    }
    state.finish_all(problems, sink);
    Ok(())
}

/// A report whose lines are still being read.
struct Open {
    agency: String,
    year: i64,
    first_line: u64,
    cells: Vec<(u8, u8, Value, u64)>,
    template: Option<(Template, u64)>,
    region_code: Option<String>,
    source: Option<String>,
    broken: bool,
}

struct State<'p> {
    path: &'p Path,
    /// Open reports other than the current one.
    open: HashMap<(String, i64), Open>,
    /// The report of the last line read, kept out of `open` so that the next line of the same
    /// report (nearly every line of a sorted file) reaches it without a lookup.
    cur: Option<Open>,
    /// The agency and year fields, as bytes, of the line that made `cur` current: a line with
    /// the same bytes belongs to `cur` without being decoded again.
    cur_agency: Vec<u8>,
    cur_year: Vec<u8>,
    /// The optional fields (region_code, template, source) of the last line of `cur` read
    /// without a problem, end to end, and where each ends; None when there is no such line.
    /// A line with the same bytes there says nothing new about its report.
    cur_optional: Option<(Vec<u8>, Vec<usize>)>,
    /// Keys of reports already finished, to catch a report whose lines are far apart.
    finished: HashSet<u64>,
    codes: Codes,
}

impl<'p> State<'p> {
    fn new(path: &'p Path) -> State<'p> {
        State {
            path,
            open: HashMap::new(),
            cur: None,
            cur_agency: Vec::new(),
            cur_year: Vec::new(),
            cur_optional: None,
            finished: HashSet::new(),
            codes: Codes::new(),
        }
    }

    /// The fast path: a line of the current report, in the contract's codes, with a plain
    /// value, is added without decoding or allocating (no problem is possible on it). Returns
    /// false to leave the line to the full path, which says what is wrong with it, if anything.
    fn fast_line(&mut self, rec: &csv::ByteRecord, line: u64, layout: &Layout) -> bool {
        let Some(open) = self.cur.as_mut() else {
            return false;
        };
        if rec[0] != *self.cur_agency || rec[1] != *self.cur_year {
            return false;
        }
        if layout.width > REQUIRED.len() {
            let Some((bytes, ends)) = &self.cur_optional else {
                return false;
            };
            let mut start = 0;
            for (i, end) in ends.iter().enumerate() {
                if rec[REQUIRED.len() + i] != bytes[start..*end] {
                    return false;
                }
                start = *end;
            }
        }
        // An empty value under a note may be a draft's cell left to fill: the full path says.
        if layout.note.is_some() && rec[5].is_empty() {
            return false;
        }
        let Some((r, c, kind)) = self.codes.fast_cell(&rec[2], &rec[3], &rec[4]) else {
            return false;
        };
        let Some(v) = fast_value(&rec[5], kind) else {
            return false;
        };
        open.cells.push((r, c, v, line));
        true
    }

    fn line(
        &mut self,
        rec: &csv::ByteRecord,
        line: u64,
        layout: &Layout,
        problems: &mut Problems,
        sink: &mut dyn FnMut(Report) -> Result<(), Problem>,
    ) {
        if self.fast_line(rec, line, layout) {
            return;
        }
        let path = self.path;
        // Every field read here (the fast path above reads only bytes equal to a line read
        // here, contract codes and digits): no control character but the tab, white space.
        let field = |i: usize, name: &str, problems: &mut Problems| -> Option<&str> {
            match std::str::from_utf8(&rec[i]) {
                Ok(s) => {
                    let control = s
                        .chars()
                        .enumerate()
                        .find(|(_, c)| c.is_control() && *c != '\t');
                    if let Some((at, c)) = control {
                        problems.push(Problem::new(
                            path,
                            Some(line),
                            Some(name),
                            format!(
                                "a control character U+{:04X} at character {} (an invisible byte; remove it)",
                                u32::from(c),
                                at + 1
                            ),
                        ));
                        return None;
                    }
                    Some(s.trim())
                }
                Err(_) => {
                    problems.push(Problem::new(
                        path,
                        Some(line),
                        Some(name),
                        "not valid UTF-8",
                    ));
                    None
                }
            }
        };
        let (Some(agency), Some(year), Some(section), Some(row), Some(column), Some(value)) = (
            field(0, "agency", problems),
            field(1, "year", problems),
            field(2, "section", problems),
            field(3, "row", problems),
            field(4, "column", problems),
            field(5, "value", problems),
        ) else {
            return;
        };
        let mut ok = true;
        let mut bad = |col: &str, msg: String, problems: &mut Problems| {
            problems.push(Problem::new(path, Some(line), Some(col), msg));
            ok = false;
        };
        // The name an identity is known by: the same name however it was typed (see
        // normalise.rs).
        let name = match normalise::agency_name(agency) {
            Ok(name) => name,
            Err(NameError::Empty) => {
                bad("agency", crate::t!("csv-empty-agency"), problems);
                String::new()
            }
            Err(e) => {
                bad("agency", e.to_string(), problems);
                String::new()
            }
        };
        let agency = name.as_str();
        let year_value = match year.parse::<i64>() {
            Ok(y) if (1990..=2100).contains(&y) => y,
            _ => {
                bad(
                    "year",
                    crate::t!("csv-not-a-year", text = quote(year)),
                    problems,
                );
                0
            }
        };
        let section_value = self.codes.section(section);
        if section_value.is_none() {
            bad(
                "section",
                crate::t!("csv-unknown-section", text = quote(section)),
                problems,
            );
        }
        let mut cell = None;
        if let Some(sec) = section_value {
            let r = self.codes.row(sec, row);
            let c = self.codes.col(sec, column);
            if r.is_none() {
                bad(
                    "row",
                    crate::t!(
                        "csv-unknown-row",
                        text = quote(row),
                        section = sec.to_string()
                    ),
                    problems,
                );
            }
            if c.is_none() {
                bad(
                    "column",
                    crate::t!(
                        "csv-unknown-column",
                        text = quote(column),
                        section = sec.to_string()
                    ),
                    problems,
                );
            }
            if let (Some(r), Some(c)) = (r, c) {
                cell = Some((r, c));
            }
        }
        let mut parsed = None;
        if let Some((_, c)) = cell {
            let kind = contract::col_by_id(c).map_or(Kind::Count, |d| d.kind);
            match parse_value(value, kind) {
                Ok(v) => parsed = Some(v),
                Err(msg) => bad("value", msg, problems),
            }
        }
        if parsed == Some(Value::Blank)
            && let Some(why) = layout
                .note
                .and_then(|i| field(i, "note", problems))
                .and_then(|n| n.strip_prefix(NOT_READ.trim_end()))
        {
            bad(
                "value",
                crate::t!("csv-left-to-fill", why = why.trim()),
                problems,
            );
        }
        let template = match layout.template.map(|i| field(i, "template", problems)) {
            Some(Some(t)) if !t.is_empty() => match Template::parse(t) {
                Some(t) => Some(t),
                None => {
                    bad(
                        "template",
                        crate::t!("csv-unknown-template", text = quote(t)),
                        problems,
                    );
                    None
                }
            },
            _ => None,
        };
        let region_code = match layout
            .region_code
            .map(|i| field(i, "region_code", problems))
        {
            Some(Some(code)) if !code.is_empty() => {
                if code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) {
                    Some(code.to_string())
                } else {
                    bad(
                        "region_code",
                        crate::t!("csv-bad-region-code", text = quote(code)),
                        problems,
                    );
                    None
                }
            }
            _ => None,
        };
        let source = match layout.source.map(|i| field(i, "source", problems)) {
            Some(Some(s)) if !s.is_empty() => Some(s.to_string()),
            _ => None,
        };

        if agency.is_empty() || year_value == 0 {
            return;
        }
        let same = self
            .cur
            .as_ref()
            .is_some_and(|o| o.agency == agency && o.year == year_value);
        if !same {
            if let Some(o) = self.cur.take() {
                self.open.insert((o.agency.clone(), o.year), o);
            }
            let key = (agency.to_string(), year_value);
            match self.open.remove(&key) {
                Some(o) => self.cur = Some(o),
                None => {
                    if self.finished.contains(&key_hash(agency, year_value)) {
                        problems.push(Problem::new(
                            path,
                            Some(line),
                            None,
                            format!("the lines of {agency} {year_value} are far apart in the file; sort it by agency and year"),
                        ));
                        return;
                    }
                    if self.open.len() >= MAX_OPEN {
                        self.finish_all(problems, sink);
                    }
                    self.cur = Some(Open {
                        agency: key.0,
                        year: year_value,
                        first_line: line,
                        cells: Vec::with_capacity(200),
                        template: None,
                        region_code: None,
                        source: None,
                        broken: false,
                    });
                }
            }
        }
        self.cur_agency.clear();
        self.cur_agency.extend_from_slice(&rec[0]);
        self.cur_year.clear();
        self.cur_year.extend_from_slice(&rec[1]);
        self.cur_optional = None;
        let open = self
            .cur
            .as_mut()
            .expect("the report was made current above");
        if !ok {
            open.broken = true;
            return;
        }
        if let Some(t) = template {
            match open.template {
                Some((prev, prev_line)) if prev != t => {
                    problems.push(Problem::new(
                        path,
                        Some(line),
                        Some("template"),
                        format!("template {t} contradicts template {prev} on line {prev_line}"),
                    ));
                    open.broken = true;
                }
                _ => open.template = Some((t, line)),
            }
        }
        if region_code.is_some() {
            open.region_code = region_code;
        }
        if source.is_some() {
            open.source = source;
        }
        let (r, c) = cell.expect("checked above");
        open.cells
            .push((r, c, parsed.expect("checked above"), line));
        if layout.width > REQUIRED.len() && !open.broken {
            let (bytes, ends) = self.cur_optional.get_or_insert_with(Default::default);
            bytes.clear();
            ends.clear();
            for field in rec.iter().skip(REQUIRED.len()) {
                bytes.extend_from_slice(field);
                ends.push(bytes.len());
            }
        }
    }

    fn finish_all(
        &mut self,
        problems: &mut Problems,
        sink: &mut dyn FnMut(Report) -> Result<(), Problem>,
    ) {
        let mut open: Vec<Open> = self.open.drain().map(|(_, o)| o).collect();
        open.extend(self.cur.take());
        self.cur_agency.clear();
        self.cur_year.clear();
        open.sort_by_key(|o| o.first_line);
        for o in open {
            self.finished.insert(key_hash(&o.agency, o.year));
            if let Some(report) = finish(o, self.path, problems)
                && let Err(p) = sink(report)
            {
                problems.push(p);
            }
        }
    }
}

fn key_hash(agency: &str, year: i64) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    agency.hash(&mut h);
    year.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

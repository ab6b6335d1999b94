//! The canonical long CSV of the data contract: one number per line, grouped here into
//! reports. Streams: a file of any size is read in bounded memory, as long as each report's
//! lines stand near each other (a few hundred reports apart at most).

use super::{Problem, Problems, encoding};
use crate::contract::{self, Kind, Template};
use crate::model::{Cell, Report, Value};
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::Path;

mod codes;
mod records;

pub use codes::parse_value;
use codes::{Codes, fast_value};

const REQUIRED: [&str; 6] = ["agency", "year", "section", "row", "column", "value"];
/// The optional columns `gov-db export --full` writes; `status` (printed or corrected) says
/// how a value came to be and is not read back.
const OPTIONAL: [&str; 4] = ["region_code", "template", "source", "status"];

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
    let (reader, _) = encoding::utf8_reader(file)?;
    read(reader, path, problems, sink)
}

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
            problems.push(problem(1, None, format!("cannot read: {e}")));
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
            Ok(Some(line)) => line,
            Ok(None) => break,
            Err(e) => {
                problems.push(Problem::new(path, None, None, format!("cannot read: {e}")));
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
                format!("expected {} fields, found {}", layout.width, record.len()),
            ));
            continue;
        }
        if record.len() > layout.width {
            problems.push(problem(
                line,
                None,
                format!(
                    "expected {} fields, found {} (quote a field that contains a comma)",
                    layout.width,
                    record.len()
                ),
            ));
            continue;
        }
        state.line(&record, line, &layout, problems, sink);
        if problems.is_full() {
            break;
        }
    }
    if lines == 0 && problems.is_empty() {
        problems.push(Problem::new(
            path,
            Some(1),
            None,
            "the file has a header but no data lines",
        ));
    }
    state.finish_all(problems, sink);
    Ok(())
}

/// Where each column stands in this file's header.
struct Layout {
    width: usize,
    region_code: Option<usize>,
    template: Option<usize>,
    source: Option<usize>,
}

impl Layout {
    fn from_header(
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
                    "{msg}; the header must start agency,year,section,row,column,value (optionally followed by region_code, template, source, status)"
                ),
            )
        };
        for (i, want) in REQUIRED.iter().enumerate() {
            match names.get(i) {
                Some(n) if n == want => {}
                Some(n) => {
                    problems.push(wrong(format!(
                        "header field {} is {n:?}, expected {want:?}",
                        i + 1
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
        };
        let mut status = None;
        for (i, n) in names.iter().enumerate().skip(REQUIRED.len()) {
            let slot = match n.as_str() {
                "region_code" => &mut layout.region_code,
                "template" => &mut layout.template,
                "source" => &mut layout.source,
                "status" => &mut status,
                other => {
                    problems.push(wrong(format!(
                        "unknown header field {other:?} (known optional fields: {})",
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
        Some(layout)
    }
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
        let field = |i: usize, name: &str, problems: &mut Problems| -> Option<&str> {
            match std::str::from_utf8(&rec[i]) {
                Ok(s) => Some(s.trim()),
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
        if agency.is_empty() {
            bad("agency", "the agency is empty".into(), problems);
        }
        let year_value = match year.parse::<i64>() {
            Ok(y) if (1990..=2100).contains(&y) => y,
            _ => {
                bad(
                    "year",
                    format!("{year:?} is not a year (expected a statistics year such as 2024)"),
                    problems,
                );
                0
            }
        };
        let section_value = self.codes.section(section);
        if section_value.is_none() {
            bad(
                "section",
                format!("unknown section {section:?} (expected proactive, requests or appeals)"),
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
                    format!(
                        "unknown row {row:?} in section {sec} (use a code of the data contract or the label as printed)"
                    ),
                    problems,
                );
            }
            if c.is_none() {
                bad(
                    "column",
                    format!("unknown column {column:?} in section {sec}"),
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
        let template = match layout.template.map(|i| field(i, "template", problems)) {
            Some(Some(t)) if !t.is_empty() => match Template::parse(t) {
                Some(t) => Some(t),
                None => {
                    bad(
                        "template",
                        format!("unknown template {t:?} (expected 2019 or 2021)"),
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
                        format!("{code:?} is not a 6-digit 行政区划代码"),
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

/// Turns a report's lines into a [`Report`]: one value per cell, a template, every cell in it.
fn finish(mut o: Open, path: &Path, problems: &mut Problems) -> Option<Report> {
    if o.broken {
        return None;
    }
    o.cells.sort_by_key(|c| (c.0, c.1, c.3));
    let mut cells: Vec<Cell> = Vec::with_capacity(o.cells.len());
    let mut lines: Vec<u64> = Vec::with_capacity(o.cells.len());
    let mut ok = true;
    for (r, c, v, line) in o.cells {
        if let Some(prev) = cells.last()
            && prev.row == r
            && prev.col == c
        {
            if prev.value != v {
                let rd = contract::row_by_id(r).expect("valid id");
                let cd = contract::col_by_id(c).expect("valid id");
                problems.push(Problem::new(
                    path,
                    Some(line),
                    Some("value"),
                    format!(
                        "cell {}/{}/{} is given twice with different values: {:?} on line {} and {:?} here",
                        rd.section, rd.code, cd.code, prev.value.to_string(), lines.last().unwrap(), v.to_string()
                    ),
                ));
                ok = false;
            }
            continue;
        }
        cells.push(Cell {
            row: r,
            col: c,
            value: v,
            origin: None,
        });
        lines.push(line);
    }
    let template = match o.template {
        Some((t, _)) => t,
        None => match infer_template(&cells) {
            Ok(Some(t)) => t,
            Ok(None) => Template::expected_for_year(o.year),
            Err(msg) => {
                problems.push(Problem::new(
                    path,
                    Some(o.first_line),
                    None,
                    format!("{} {}: {msg}", o.agency, o.year),
                ));
                return None;
            }
        },
    };
    for (cell, line) in cells.iter().zip(&lines) {
        let rd = contract::row_by_id(cell.row).expect("valid id");
        let cd = contract::col_by_id(cell.col).expect("valid id");
        if !contract::cell_in_template(rd, cd, template) {
            problems.push(Problem::new(
                path,
                Some(*line),
                Some("row"),
                format!(
                    "{}/{} is not a cell of the {template} template",
                    rd.code, cd.code
                ),
            ));
            ok = false;
        }
    }
    if !ok {
        return None;
    }
    Some(Report {
        agency: o.agency,
        year: o.year,
        template,
        region_code: o.region_code,
        source: o.source.or_else(|| Some(path.display().to_string())),
        format: "csv".into(),
        cells,
    })
}

/// The template a report's cells belong to, when they tell: the 2021 template's （六） rows
/// and 表二 columns, or the 2019 template's.
pub fn infer_template(cells: &[Cell]) -> Result<Option<Template>, String> {
    let mut only_2019 = None;
    let mut only_2021 = None;
    for c in cells {
        let rd = contract::row_by_id(c.row).expect("valid id");
        let cd = contract::col_by_id(c.col).expect("valid id");
        let in19 = contract::cell_in_template(rd, cd, Template::T2019);
        let in21 = contract::cell_in_template(rd, cd, Template::T2021);
        if in19 && !in21 && rd.code != "other_processing" {
            only_2019.get_or_insert((rd.code, cd.code));
        }
        if in21 && !in19 {
            only_2021.get_or_insert((rd.code, cd.code));
        }
    }
    match (only_2019, only_2021) {
        (Some(a), Some(b)) => Err(format!(
            "mixes the 2019 template ({}/{}) and the 2021 template ({}/{})",
            a.0, a.1, b.0, b.1
        )),
        (Some(_), None) => Ok(Some(Template::T2019)),
        (None, Some(_)) => Ok(Some(Template::T2021)),
        (None, None) => Ok(None),
    }
}

#[cfg(test)]
mod tests;

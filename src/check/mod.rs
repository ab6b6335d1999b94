//! `gov-db check`'s rules and their evaluation: the identities of data-contract.md over one
//! in-memory [`Report`], the cross-year identities over two consecutive years of one agency,
//! and plausibility warnings. The store runs them whenever a report is written
//! (`store/findings.rs`) and keeps their findings in the `finding` table.
//!
//! Blank cells: a blank may mean 0 or "not stated". An identity with blank (or missing)
//! terms holds if reading the blanks as 0 makes it hold; is an error if no non-negative value
//! of the blanks could make it hold (the stated parts already exceed the stated total); and
//! is otherwise *not assessable*, which is reported once per rule and report as `info`.

pub mod cells;
mod cross_year;
pub mod narrative;
pub mod rules;

use crate::contract::{Section, Template};
use crate::model::{Report, Value};
use rules::{Identity, Term, col_label, row_label, table_label};
use std::fmt::Write as _;

pub use cross_year::{allow_reorganisation, check_pair};
pub use narrative::{Claim, ClaimKind, narrative_claims};
pub use rules::{CROSS_YEAR_ROWS, RULES, Rule};

/// How bad a finding is. Ordered: `Info < Warning < Error`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A rule that could not be assessed, and why.
    Info,
    /// Implausible, or a soft identity: worth a look.
    Warning,
    /// An identity the report must satisfy does not hold.
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding about one report (the agency and year are the report's; a cross-year finding
/// belongs to the later year).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub rule: &'static str,
    pub section: Option<Section>,
    /// Contract row code, or None for a finding about a column, a table or the report.
    pub row: Option<&'static str>,
    /// Contract column code, or None for a finding about a row, a table or the report.
    pub column: Option<&'static str>,
    /// The number the rule expects (the sum of the parts, last year's figure …).
    pub expected: Option<i64>,
    /// The number printed.
    pub actual: Option<i64>,
    pub message: String,
}

impl Finding {
    fn new(rule: &'static str, severity: Severity, section: Option<Section>) -> Finding {
        Finding {
            severity,
            rule,
            section,
            row: None,
            column: None,
            expected: None,
            actual: None,
            message: String::new(),
        }
    }
}

/// A cell as the rules see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    /// Not stated by the report at all.
    Absent,
    /// Printed blank.
    Blank,
    Int(i64),
}

impl Slot {
    fn known(self) -> Option<i64> {
        match self {
            Slot::Int(v) => Some(v),
            _ => None,
        }
    }
}

impl std::fmt::Display for Slot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Slot::Absent => f.write_str("missing"),
            Slot::Blank => f.write_str("blank"),
            Slot::Int(v) => write!(f, "{v}"),
        }
    }
}

const ROWS: usize = 43;
const COLS: usize = 31;
const ABSENT: i64 = i64::MIN;
const BLANK: i64 = i64::MIN + 1;

/// A report's cells in a dense grid by row and column id, for constant-time lookups.
pub struct Grid {
    cells: Box<[[i64; COLS]; ROWS]>,
    template: Template,
}

impl Grid {
    pub fn new(report: &Report) -> Grid {
        let mut cells = Box::new([[ABSENT; COLS]; ROWS]);
        for c in &report.cells {
            let (r, k) = (usize::from(c.row), usize::from(c.col));
            if r < ROWS && k < COLS {
                cells[r][k] = match &c.value {
                    Value::Int(v) => *v,
                    // Money is never a term of a rule; keep it apart from counts.
                    Value::Blank | Value::Money(_) => BLANK,
                };
            }
        }
        Grid {
            cells,
            template: report.template,
        }
    }

    fn get(&self, (r, c): Term) -> Slot {
        match self.cells[usize::from(r)][usize::from(c)] {
            ABSENT => Slot::Absent,
            BLANK => Slot::Blank,
            v => Slot::Int(v),
        }
    }

    /// Puts a count in a cell (what a hint tries).
    fn set(&mut self, (r, c): Term, v: i64) {
        self.cells[usize::from(r)][usize::from(c)] = v;
    }

    fn row_stated(&self, r: u8) -> bool {
        self.cells[usize::from(r)].iter().any(|&v| v != ABSENT)
    }

    fn row_known(&self, r: u8) -> bool {
        self.cells[usize::from(r)]
            .iter()
            .any(|&v| v != ABSENT && v != BLANK)
    }

    /// A 表三 row's total: 总计 as printed, else the sum of the six applicant columns.
    fn request_total(&self, r: u8) -> Option<i64> {
        if let Some(v) = self.get((r, rules::REQUEST_TOTAL)).known() {
            return Some(v);
        }
        let parts: Vec<i64> = rules::REQUEST_PARTS
            .iter()
            .filter_map(|&c| self.get((r, c)).known())
            .collect();
        (!parts.is_empty()).then(|| parts.iter().sum())
    }

    fn appeals_total(&self, r: u8) -> Option<i64> {
        if let Some(v) = self.get((r, rules::APPEAL_TOTAL)).known() {
            return Some(v);
        }
        let parts: Vec<i64> = rules::APPEAL_PARTS
            .iter()
            .filter_map(|&c| self.get((r, c)).known())
            .collect();
        (!parts.is_empty()).then(|| parts.iter().sum())
    }
}

/// Every finding about one report on its own: identities 1–4, the （六） subtotal, the
/// template and the appeals without requests.
pub fn check_report(report: &Report) -> Vec<Finding> {
    let grid = Grid::new(report);
    let mut out = Vec::new();
    let mut pending: Vec<Open> = Vec::new();
    for id in report_identities(&grid) {
        evaluate(&grid, id, &mut out, &mut pending);
    }
    not_assessable(pending, &mut out);
    template_year(report, &mut out);
    appeals_without_requests(&grid, &mut out);
    out
}

/// The identities a report's form calls for: （六） as three rows, as one, or both (the one a
/// printed subtotal). Three rows left all blank beside a stated （六） line are not the form
/// the report uses.
fn report_identities(grid: &Grid) -> &'static [Identity] {
    let collapsed = grid.row_stated(rules::OTHER_PROCESSING);
    let split = rules::OTHER_SPLIT.iter().any(|&r| grid.row_known(r))
        || (!collapsed && rules::OTHER_SPLIT.iter().any(|&r| grid.row_stated(r)));
    let subtotal = split && collapsed;
    rules::identities(split, subtotal)
}

fn label(grid: &Grid, (r, c): Term, by_row: bool) -> &'static str {
    if by_row {
        row_label(r, grid.template)
    } else {
        col_label(c)
    }
}

fn place(grid: &Grid, section: Section, row: Option<u8>, col: Option<u8>) -> String {
    let mut s = table_label(section).to_string();
    if let Some(r) = row {
        let _ = write!(s, " row {}", row_label(r, grid.template));
    }
    if let Some(c) = col {
        let _ = write!(
            s,
            "{} column {}",
            if row.is_some() { "," } else { "" },
            col_label(c)
        );
    }
    s
}

/// Describes one side of an identity: `A + B = 1 + 2 = 3`, `A is 3`, or `NAME add up to 3`.
fn side(grid: &Grid, terms: &[Term], name: Option<&str>, sum: i64, by_row: bool) -> String {
    if let Some(n) = name {
        return format!("{n} add up to {sum}");
    }
    let slots: Vec<Slot> = terms.iter().map(|&t| grid.get(t)).collect();
    if terms.len() == 1 {
        return format!("{} is {}", label(grid, terms[0], by_row), slots[0]);
    }
    let labels: Vec<&str> = terms.iter().map(|&t| label(grid, t, by_row)).collect();
    let values: Vec<String> = slots.iter().map(Slot::to_string).collect();
    format!("{} = {} = {sum}", labels.join(" + "), values.join(" + "))
}

/// An identity's two sides as a grid holds them: each side's sum of the stated terms and how
/// many of its terms are blank or missing, and how many are missing.
struct Sides {
    left: i64,
    right: i64,
    left_unknown: usize,
    right_unknown: usize,
    absent: usize,
}

impl Sides {
    fn of(grid: &Grid, id: &Identity) -> Sides {
        let sum = |terms: &[Term]| -> (i64, usize, usize) {
            let mut s = 0i64;
            let mut unknown = 0;
            let mut absent = 0;
            for &t in terms {
                match grid.get(t) {
                    Slot::Int(v) => s = s.saturating_add(v),
                    Slot::Blank => unknown += 1,
                    Slot::Absent => {
                        unknown += 1;
                        absent += 1;
                    }
                }
            }
            (s, unknown, absent)
        };
        let (left, left_unknown, la) = sum(&id.left);
        let (right, right_unknown, ra) = sum(&id.right);
        Sides {
            left,
            right,
            left_unknown,
            right_unknown,
            absent: la + ra,
        }
    }

    /// Nothing to say: the report states none of the terms, or the sides agree.
    fn holds(&self, id: &Identity) -> bool {
        self.absent == id.left.len() + id.right.len() || self.left == self.right
    }

    /// Blank or missing cells on the smaller side may hold the difference.
    fn could_hold(&self) -> bool {
        (self.left < self.right && self.left_unknown > 0)
            || (self.left > self.right && self.right_unknown > 0)
    }

    /// The identity makes a finding of its rule's severity.
    fn fails(&self, id: &Identity) -> bool {
        !self.holds(id) && !self.could_hold()
    }
}

fn evaluate(grid: &Grid, id: &Identity, out: &mut Vec<Finding>, pending: &mut Vec<Open>) {
    let sides = Sides::of(grid, id);
    if sides.holds(id) {
        return;
    }
    let (ls, rs) = (sides.left, sides.right);
    // Terms of a column identity differ by row; those of a row identity by column.
    let by_row = id.left.iter().chain(&id.right).all(|t| t.1 == id.left[0].1);
    let blanks: Vec<Term> = id
        .left
        .iter()
        .chain(&id.right)
        .copied()
        .filter(|&t| grid.get(t).known().is_none())
        .collect();
    let could_hold = sides.could_hold();
    let where_ = place(grid, id.section, id.row, id.col);
    if could_hold {
        let names: Vec<String> = blanks
            .iter()
            .take(3)
            .map(|&t| format!("{} ({})", label(grid, t, by_row), grid.get(t)))
            .collect();
        let more = if blanks.len() > 3 {
            format!(" and {} more", blanks.len() - 3)
        } else {
            String::new()
        };
        pending.push(Open {
            rule: id.rule,
            section: id.section,
            row: id.row,
            col: id.col,
            text: format!(
                "{where_}: {ls} against {rs} with {}{more}",
                names.join(", ")
            ),
        });
        return;
    }
    let rule = rules::rule(id.rule).expect("identities name known rules");
    let mut f = Finding::new(id.rule, rule.severity, Some(id.section));
    f.row = id.row.and_then(crate::contract::row_by_id).map(|r| r.code);
    f.column = id.col.and_then(crate::contract::col_by_id).map(|c| c.code);
    f.expected = Some(ls);
    f.actual = Some(rs);
    let left = side(grid, &id.left, id.left_name.as_deref(), ls, by_row);
    let right = side(grid, &id.right, None, rs, by_row);
    f.message = format!("{where_}: {left}, but {right}");
    if !blanks.is_empty() {
        f.message.push_str(
            " (no value of the blank cells could make it hold: the side with them is already the larger)",
        );
    }
    out.push(f);
}

/// A place where blank or missing cells leave a rule open.
struct Open {
    rule: &'static str,
    section: Section,
    row: Option<u8>,
    col: Option<u8>,
    text: String,
}

/// One `info` finding per rule for the places where blank or missing cells leave it open;
/// it names the row and column when there is one place.
fn not_assessable(pending: Vec<Open>, out: &mut Vec<Finding>) {
    let mut i = 0;
    while i < pending.len() {
        let rule = pending[i].rule;
        let group: Vec<&Open> = pending[i..].iter().take_while(|p| p.rule == rule).collect();
        let n = group.len();
        let mut f = Finding::new(rule, Severity::Info, Some(group[0].section));
        if n == 1 {
            f.row = group[0]
                .row
                .and_then(crate::contract::row_by_id)
                .map(|r| r.code);
            f.column = group[0]
                .col
                .and_then(crate::contract::col_by_id)
                .map(|c| c.code);
        }
        let shown: Vec<&str> = group.iter().take(4).map(|p| p.text.as_str()).collect();
        f.message = format!(
            "not assessable at {n} place{}: a blank cell may be 0 or not stated, and the blank or missing cells may hold the difference: {}{}",
            if n == 1 { "" } else { "s" },
            shown.join("; "),
            if n > 4 {
                format!("; and {} more", n - 4)
            } else {
                String::new()
            }
        );
        out.push(f);
        i += n;
    }
}

fn template_year(report: &Report, out: &mut Vec<Finding>) {
    let expected = Template::expected_for_year(report.year);
    if report.template == expected {
        return;
    }
    let mut f = Finding::new("template-year", Severity::Warning, None);
    f.expected = Some(expected.year());
    f.actual = Some(report.template.year());
    let notice = |t: Template| match t {
        Template::T2019 => "国办公开办函〔2019〕60号",
        Template::T2021 => "国办公开办函〔2021〕30号",
    };
    f.message = format!(
        "the {year} report uses the {} template ({}), but reports of {year} use the {} template ({})",
        report.template,
        notice(report.template),
        expected,
        notice(expected),
        year = report.year
    );
    out.push(f);
}

fn appeals_without_requests(grid: &Grid, out: &mut Vec<Finding>) {
    // "No requests" only when the report says so: its 总计, or all six categories. Blank or
    // missing cells may hold requests.
    let stated = |r: u8| -> Option<i64> {
        if let Some(v) = grid.get((r, rules::REQUEST_TOTAL)).known() {
            return Some(v);
        }
        rules::REQUEST_PARTS
            .iter()
            .map(|&c| grid.get((r, c)).known())
            .sum()
    };
    let (Some(new), Some(carried)) = (stated(rules::RECEIVED_NEW), stated(rules::CARRIED_IN))
    else {
        return;
    };
    if new + carried != 0 {
        return;
    }
    let review = grid.appeals_total(40).unwrap_or(0);
    let litigation = grid.appeals_total(41).unwrap_or(0) + grid.appeals_total(42).unwrap_or(0);
    if review + litigation == 0 {
        return;
    }
    let mut f = Finding::new(
        "appeals-without-requests",
        Severity::Warning,
        Some(Section::Appeals),
    );
    f.expected = Some(0);
    f.actual = Some(review + litigation);
    f.message = format!(
        "表三 states no requests (一、本年新收政府信息公开申请数量 0, 二、上年结转政府信息公开申请数量 0), but 表四 states {review} 行政复议 and {litigation} 行政诉讼 cases"
    );
    out.push(f);
}

/// Counts of findings by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Tally {
    pub errors: u64,
    pub warnings: u64,
    pub infos: u64,
}

impl Tally {
    pub fn add(&mut self, s: Severity) {
        match s {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }
}

impl std::fmt::Display for Tally {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural = |n: u64, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        write!(
            f,
            "{}, {}, {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.infos, "note")
        )
    }
}

#[cfg(test)]
mod tests;

//! What an import did, report by report and file by file: the counts of its one-line summary
//! and the line of each file in the per-file list (`import_file`), so that a batch of
//! thousands of files can be worked through in a spreadsheet.

use crate::model::Report;

/// What happened to one report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    New,
    /// A reading that differs from the one stored became its next version; the one stored is
    /// kept in `report_version`.
    Replaced {
        version: i64,
        change: String,
    },
    Unchanged,
    /// The reading agrees with the one stored (or given earlier in this import, from
    /// `earlier`) wherever both state a cell, but states fewer: the fuller stays current.
    Kept {
        stored: usize,
        read: usize,
        earlier: Option<String>,
    },
    /// The fuller form of a reading given earlier in this import (from `earlier`), which it
    /// replaced; counted with that one.
    Fuller {
        earlier: String,
        more: usize,
    },
}

#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportSummary {
    pub new: u64,
    pub replaced: u64,
    pub unchanged: u64,
    /// Of the unchanged, the readings left aside for the fuller one stored.
    pub kept: u64,
}

impl ImportSummary {
    pub fn add(&mut self, outcome: &Outcome) {
        match outcome {
            Outcome::New => self.new += 1,
            Outcome::Replaced { .. } => self.replaced += 1,
            Outcome::Unchanged | Outcome::Fuller { .. } => self.unchanged += 1,
            Outcome::Kept { .. } => {
                self.unchanged += 1;
                self.kept += 1;
            }
        }
    }

    pub fn total(&self) -> u64 {
        self.new + self.replaced + self.unchanged
    }
}

/// The reports of one file, as they were put.
#[derive(Clone, Debug, Default)]
pub struct FileTally {
    pub summary: ImportSummary,
    /// The agency, year and format its reports share; None where they differ.
    pub agency: Option<String>,
    pub year: Option<i64>,
    pub format: Option<String>,
    /// The outcome of its last report (its only one, for a published report).
    pub last: Option<Outcome>,
    reports: u64,
}

impl FileTally {
    pub(super) fn add(&mut self, report: &Report, outcome: &Outcome) {
        let first = self.reports == 0;
        self.reports += 1;
        self.summary.add(outcome);
        same(first, &mut self.agency, &report.agency);
        same(first, &mut self.year, &report.year);
        same(first, &mut self.format, &report.format);
        self.last = Some(outcome.clone());
    }

    pub fn reports(&self) -> u64 {
        self.reports
    }

    /// The file's line: `result` (new, replaced, unchanged, kept, or mixed for a file whose
    /// reports fared differently) and the detail in words.
    pub fn line(&self, file: &str) -> FileLine {
        let s = &self.summary;
        let (result, detail) = match (&self.last, self.reports) {
            (Some(outcome), 1) => one(outcome),
            (_, 0) => ("unchanged", "no reports".to_string()),
            _ => {
                let counts = format!(
                    "{} reports: {} new, {} replaced, {} unchanged{}",
                    self.reports,
                    s.new,
                    s.replaced,
                    s.unchanged,
                    if s.kept > 0 {
                        format!(" ({} kept the fuller reading)", s.kept)
                    } else {
                        String::new()
                    }
                );
                let result = if s.new == self.reports {
                    "new"
                } else if s.replaced == self.reports {
                    "replaced"
                } else if s.unchanged == self.reports {
                    if s.kept == self.reports {
                        "kept"
                    } else {
                        "unchanged"
                    }
                } else {
                    "mixed"
                };
                (result, counts)
            }
        };
        FileLine {
            file: file.to_string(),
            agency: self.agency.clone(),
            year: self.year,
            format: self.format.clone(),
            reports: self.reports,
            result: result.to_string(),
            detail,
        }
    }
}

/// Keeps what every report of a file shares: the first report's, then None once one differs.
fn same<T: Clone + PartialEq>(first: bool, kept: &mut Option<T>, this: &T) {
    if first {
        *kept = Some(this.clone());
    } else if kept.as_ref() != Some(this) {
        *kept = None;
    }
}

/// The result and words of a file that held one report.
fn one(outcome: &Outcome) -> (&'static str, String) {
    match outcome {
        Outcome::New => ("new", "version 1".into()),
        Outcome::Replaced { version, change } => {
            ("replaced", format!("version {version}: {change}"))
        }
        Outcome::Unchanged => ("unchanged", "the same numbers as stored".into()),
        Outcome::Kept {
            stored,
            read,
            earlier,
        } => (
            "kept",
            format!(
                "kept the fuller reading {}: this one states {read} of its {stored} cells, all the same",
                match earlier {
                    Some(e) => format!("from {e}, earlier in this import"),
                    None => "stored".to_string(),
                }
            ),
        ),
        Outcome::Fuller { earlier, more } => (
            "replaced",
            format!(
                "the fuller form of the reading from {earlier}, earlier in this import: {more} more cell{}, the rest the same",
                if *more == 1 { "" } else { "s" }
            ),
        ),
    }
}

/// One line of the per-file list of an import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileLine {
    pub file: String,
    pub agency: Option<String>,
    pub year: Option<i64>,
    pub format: Option<String>,
    pub reports: u64,
    /// new, replaced, unchanged, kept, refused, skipped or mixed.
    pub result: String,
    pub detail: String,
}

impl FileLine {
    /// A file that was not imported: refused (with the problem) or skipped (with why).
    pub fn not_imported(file: &str, result: &str, detail: String) -> FileLine {
        FileLine {
            file: file.to_string(),
            agency: None,
            year: None,
            format: None,
            reports: 0,
            result: result.to_string(),
            detail,
        }
    }
}

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
        /// What it changed, in English as the import's log keeps it, and `said` in the
        /// reader's language.
        change: String,
        said: String,
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
        let lang = crate::i18n::lang();
        let (result, detail, said) = match (&self.last, self.reports) {
            (Some(outcome), 1) => one(outcome, lang),
            (_, 0) => (
                "unchanged",
                crate::t!(in crate::i18n::Lang::En, "file-no-reports"),
                crate::t!("file-no-reports"),
            ),
            _ => {
                let counts = |lang| {
                    crate::t!(in lang, "file-reports",
                        reports = self.reports,
                        new = s.new,
                        replaced = s.replaced,
                        unchanged = s.unchanged,
                        kept = s.kept
                    )
                };
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
                (result, counts(crate::i18n::Lang::En), counts(lang))
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
            said,
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

/// The result and words of a file that held one report: in English (the import's log) and
/// in `lang`.
fn one(outcome: &Outcome, lang: crate::i18n::Lang) -> (&'static str, String, String) {
    use crate::i18n::Lang;
    let both = |f: &dyn Fn(Lang) -> String| (f(Lang::En), f(lang));
    let (result, (en, said)) = match outcome {
        Outcome::New => (
            "new",
            both(&|l| crate::t!(in l, "file-version", version = 1)),
        ),
        Outcome::Replaced {
            version,
            change,
            said,
        } => (
            "replaced",
            (
                crate::t!(in Lang::En, "file-replaced", version = *version, change = change.as_str()),
                crate::t!(in lang, "file-replaced", version = *version, change = said.as_str()),
            ),
        ),
        Outcome::Unchanged => ("unchanged", both(&|l| crate::t!(in l, "file-unchanged"))),
        Outcome::Kept {
            stored,
            read,
            earlier,
        } => (
            "kept",
            both(&|l| match earlier {
                Some(e) => crate::t!(in l, "file-kept-earlier",
                    earlier = e.as_str(), read = *read, stored = *stored),
                None => crate::t!(in l, "file-kept-stored", read = *read, stored = *stored),
            }),
        ),
        Outcome::Fuller { earlier, more } => (
            "replaced",
            both(&|l| crate::t!(in l, "file-fuller", earlier = earlier.as_str(), more = *more)),
        ),
    };
    (result, en, said)
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
    /// In English, as the import's log keeps it.
    pub detail: String,
    /// The detail in the reader's language, as `import --list` prints it.
    pub said: String,
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
            said: detail.clone(),
            detail,
        }
    }
}

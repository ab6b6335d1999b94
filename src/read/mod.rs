//! Bytes in, reports out: the canonical long CSV and published reports, each normalised to
//! the contract's codes with the place every number came from.

pub mod csv;
pub mod draft;
pub mod encoding;
pub mod paths;
pub mod report;
pub mod source;

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in an input, located as an editor would: file, line (1-based, header = 1),
/// and the column or cell where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    pub line: Option<u64>,
    pub column: Option<String>,
    pub message: String,
}

impl Problem {
    pub fn new(
        file: &Path,
        line: Option<u64>,
        column: Option<&str>,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            file: file.to_path_buf(),
            line,
            column: column.map(str::to_string),
            message: bounded(message.into()),
        }
    }
}

/// A problem's message is cut past this many characters. Messages quote what was printed,
/// and a hostile file can print anything at any length; the error must stay readable.
pub const MAX_MESSAGE_CHARS: usize = 2_000;

fn bounded(message: String) -> String {
    match message.char_indices().nth(MAX_MESSAGE_CHARS) {
        None => message,
        Some((cut, _)) => {
            let all = message.chars().count();
            format!("{}… ({all} characters in all)", &message[..cut])
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(col) = &self.column {
            write!(f, ": column {col}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Every problem found in one pass over the inputs, up to [`MAX_PROBLEMS`].
#[derive(Debug, Default)]
pub struct Problems {
    pub list: Vec<Problem>,
    /// How many more were found past the cap.
    pub more: usize,
}

/// Past this many, listing more helps nobody: the file is the wrong kind, or badly broken.
pub const MAX_PROBLEMS: usize = 50;

impl Problems {
    pub fn push(&mut self, p: Problem) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(p);
        } else {
            self.more += 1;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn len(&self) -> usize {
        self.list.len() + self.more
    }

    pub fn is_full(&self) -> bool {
        self.list.len() >= MAX_PROBLEMS
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.list.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        if self.more > 0 {
            write!(f, "\n… and {} more problems", self.more)?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_message_is_cut() {
        let p = Problem::new(Path::new("f.txt"), None, None, "数".repeat(100_000));
        assert!(
            p.message.chars().count() < MAX_MESSAGE_CHARS + 40,
            "{}",
            p.message.len()
        );
        assert!(p.message.ends_with("(100000 characters in all)"));
        let short = Problem::new(Path::new("f.txt"), None, None, "短");
        assert_eq!(short.message, "短");
    }
}

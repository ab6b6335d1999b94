//! The form a document with real tables is given to the table reader in, whatever it was:
//! an HTML page, a Word document or a workbook. Text outside tables becomes lines (tokenized
//! as plain text, so headings and the title are found as there); each table row becomes
//! cells at their grid columns, with the place each was printed. One builder makes it for
//! every such format, so that the table reader cannot tell them apart.

use super::text;
use super::token::{Origin, Tok};

/// A document as the table reader takes it.
pub struct Page {
    pub tokens: Vec<Tok>,
    /// The document's text lines (title first), for finding the title and statistics period.
    pub lines: Vec<String>,
}

/// Builds a [`Page`] from text and table rows in document order.
#[derive(Default)]
pub struct Builder {
    tokens: Vec<Tok>,
    lines: Vec<String>,
    line: String,
    /// One counter for text lines and table rows: a physical row id.
    row: u32,
    tables: u32,
}

impl Builder {
    pub fn new() -> Builder {
        Builder::default()
    }

    /// A line that is searched for the title and period but has no tokens: a page's
    /// `<title>`, a workbook row (whose cells are tokens already).
    pub fn line_only(&mut self, line: &str) {
        self.lines.push(line.trim().to_string());
    }

    /// Text continuing the current line.
    pub fn text(&mut self, s: &str) {
        self.line.push_str(s);
    }

    /// Ends the current line: tokenized as a line of plain text (tabs delimit cells there).
    pub fn flush(&mut self) {
        if self.line.trim().is_empty() {
            self.line.clear();
            return;
        }
        let line = std::mem::take(&mut self.line);
        self.row += 1;
        let before = self.tokens.len();
        text::line_tokens(&line, self.lines.len() as u32 + 1, &mut self.tokens);
        // line_tokens numbers rows by line; keep them distinct from table rows.
        for t in &mut self.tokens[before..] {
            t.row = self.row;
        }
        self.lines.push(line);
    }

    /// Starts a table (ending the current line); its number, counted from 1.
    pub fn table(&mut self) -> u32 {
        self.flush();
        self.tables += 1;
        self.tables
    }

    /// Starts a table row (or a workbook row).
    pub fn row(&mut self) {
        self.row += 1;
    }

    /// One cell of the current row, at grid column `x`: empty is a pad, one number alone is
    /// that number.
    pub fn cell(&mut self, text: &str, origin: Origin, x: u32) {
        text::push_cell(text, origin, self.row, x, &mut self.tokens);
    }

    /// The last line ended so far: the heading above what comes next.
    pub fn last_line(&self) -> Option<&str> {
        self.lines.last().map(String::as_str)
    }

    pub fn finish(mut self) -> Page {
        self.flush();
        Page {
            tokens: self.tokens,
            lines: self.lines,
        }
    }
}

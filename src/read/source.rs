//! Opening an input once. Whether a file is canonical CSV or a published report is told from
//! its first bytes, which are then read again from memory, followed by the rest of the same
//! open file: a FIFO or `<(cat file.csv)` can be read only once, and opening it a second time
//! to look at its start lost those bytes or waited forever for a writer.

use std::fs::File;
use std::io::{Cursor, Read};
use std::path::Path;

/// How an input file is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Csv,
    Report,
}

/// How many of a file's first bytes tell its kind.
const HEAD: u64 = 512;

/// An open input whose first bytes have been read to tell its kind.
pub struct Source {
    pub kind: Kind,
    head: Vec<u8>,
    rest: File,
}

impl Source {
    /// Opens `path` and reads its first bytes (as many reads as a pipe needs) to tell its
    /// kind: canonical CSV when it starts with the CSV header, or is named `.csv` and is not
    /// a PDF; a published report otherwise.
    pub fn open(path: &Path) -> std::io::Result<Source> {
        let mut rest = File::open(path)?;
        let mut head = Vec::with_capacity(HEAD as usize);
        (&mut rest).take(HEAD).read_to_end(&mut head)?;
        Ok(Source {
            kind: kind(path, &head),
            head,
            rest,
        })
    }

    /// The whole file from its first byte.
    pub fn into_reader(self) -> impl Read + Send + 'static {
        Cursor::new(self.head).chain(self.rest)
    }

    /// The whole file in memory (a published report is read whole), within the size bounds
    /// of a published report (see [`crate::read::report::read_file`]).
    pub fn read_bounded(self, path: &Path) -> Result<Vec<u8>, crate::read::report::ReportError> {
        let size = self
            .rest
            .metadata()
            .ok()
            .filter(std::fs::Metadata::is_file)
            .map(|m| m.len());
        crate::read::report::read_from(path, self.into_reader(), size)
    }
}

/// The kind a file's name suggests, before it is opened (for planning what to show, never
/// for reading: [`Source::open`] tells the kind from the bytes).
pub fn kind_by_name(path: &Path) -> Kind {
    let csv = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if csv { Kind::Csv } else { Kind::Report }
}

fn kind(path: &Path, head: &[u8]) -> Kind {
    let head = head.strip_prefix(&[0xEF, 0xBB, 0xBF][..]).unwrap_or(head);
    let is_csv_header = head.len() >= 7 && head[..7].eq_ignore_ascii_case(b"agency,");
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if is_csv_header || (ext == "csv" && !head.starts_with(b"%PDF")) {
        Kind::Csv
    } else {
        Kind::Report
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_comes_from_the_first_bytes_then_the_name() {
        let p = Path::new;
        assert_eq!(kind(p("x.txt"), b"\xEF\xBB\xBFAgency,year"), Kind::Csv);
        assert_eq!(kind(p("x.csv"), "晋江市".as_bytes()), Kind::Csv);
        assert_eq!(kind(p("x.csv"), b"%PDF-1.7"), Kind::Report);
        assert_eq!(kind(p("x.html"), b"<html>"), Kind::Report);
        assert_eq!(kind(p("x"), b""), Kind::Report);
    }

    #[test]
    fn a_fifo_is_read_whole_from_one_opening() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("in.csv");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("no mkfifo here: skipped");
            return;
        }
        let text = format!(
            "agency,year,section,row,column,value\n{}",
            "晋江,2024\n".repeat(500)
        );
        // The writer writes in pieces smaller than the head, as a pipe may deliver them.
        let writer = {
            let (fifo, text) = (fifo.clone(), text.clone());
            std::thread::spawn(move || {
                use std::io::Write;
                let mut f = std::fs::OpenOptions::new().write(true).open(fifo).unwrap();
                for piece in text.as_bytes().chunks(100) {
                    f.write_all(piece).unwrap();
                    f.flush().unwrap();
                    std::thread::sleep(std::time::Duration::from_millis(1));
                }
            })
        };
        let source = Source::open(&fifo).unwrap();
        assert_eq!(source.kind, Kind::Csv);
        let mut got = String::new();
        source.into_reader().read_to_string(&mut got).unwrap();
        writer.join().unwrap();
        assert_eq!(got, text);
    }
}

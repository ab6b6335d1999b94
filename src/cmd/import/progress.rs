//! The import's progress bar, on stderr when it is a terminal. A folder of reports counts
//! files (done of all, the current file's name, files per second); one CSV file counts its
//! bytes, which give a true ETA. The bar once counted files against a total in bytes, and
//! showed `10h` for a 4-second import of 2,000 reports.

use crate::read::paths::Input;
use crate::read::source::{Kind, kind_by_name};
use indicatif::{ProgressBar, ProgressBarIter, ProgressDrawTarget, ProgressState, ProgressStyle};
use std::io::{IsTerminal, Read};
use std::path::Path;

/// What the bar counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Files done of the files to import: reports take a time of their own each, whatever
    /// their size (a PDF goes through pdftotext), so bytes would say little.
    Files,
    /// The bytes of the one CSV file read so far.
    Bytes,
}

/// The unit and length of the bar for these files (kind and size in bytes).
pub fn plan(files: &[(Kind, u64)]) -> (Unit, u64) {
    match files {
        [(Kind::Csv, bytes)] => (Unit::Bytes, *bytes),
        _ => (Unit::Files, files.len() as u64),
    }
}

pub struct Progress {
    bar: ProgressBar,
    unit: Unit,
}

impl Progress {
    /// The bar for an import of `files`: drawn on stderr when it is a terminal, else hidden.
    pub fn new(files: &[Input]) -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress {
                bar: ProgressBar::hidden(),
                unit: Unit::Files,
            };
        }
        let sized: Vec<(Kind, u64)> = files
            .iter()
            .map(|f| {
                let size = std::fs::metadata(f.path()).map_or(0, |m| m.len());
                (kind_by_name(f.path()), size)
            })
            .collect();
        Progress::drawn_on(&sized, ProgressDrawTarget::stderr())
    }

    /// The bar for files of these kinds and sizes, drawn on `target`.
    fn drawn_on(files: &[(Kind, u64)], target: ProgressDrawTarget) -> Progress {
        let (unit, len) = plan(files);
        let template = match unit {
            Unit::Files => crate::t!("progress-files"),
            Unit::Bytes => crate::t!("progress-bytes"),
        };
        let per_sec = crate::t!("progress-files-per-second");
        let style = ProgressStyle::with_template(&template)
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .with_key(
                "rate",
                move |s: &ProgressState, w: &mut dyn std::fmt::Write| {
                    // Whole files per second once there are several; tenths for slow PDFs.
                    let rate = s.per_sec();
                    let _ = if rate >= 10.0 {
                        write!(w, "{rate:.0} {per_sec}")
                    } else {
                        write!(w, "{rate:.1} {per_sec}")
                    };
                },
            );
        let bar = ProgressBar::with_draw_target(Some(len), target).with_style(style);
        Progress { bar, unit }
    }

    /// A file is about to be read: its name shows beside the bar.
    pub fn start(&self, path: &Path) {
        let name = path.file_name().unwrap_or(path.as_os_str());
        self.bar.set_message(name.to_string_lossy().into_owned());
    }

    /// The file's bytes, read through the bar when it counts bytes.
    pub fn read<R: Read>(&self, read: R) -> ProgressBarIter<R> {
        match self.unit {
            Unit::Bytes => self.bar.wrap_read(read),
            // The same type, counting on a bar nobody sees.
            Unit::Files => ProgressBar::hidden().wrap_read(read),
        }
    }

    /// Told as the pages of a scanned PDF are read by OCR (slow: seconds a page): the pages
    /// done beside the file's name.
    pub fn pages(&self) -> std::sync::Arc<dyn Fn(usize, usize) + Send + Sync> {
        let bar = self.bar.clone();
        let name = std::sync::Mutex::new(String::new());
        std::sync::Arc::new(move |done, of| {
            let mut name = name.lock().unwrap_or_else(|e| e.into_inner());
            let message = bar.message();
            if done == 0 || name.is_empty() {
                *name = message.split(": OCR page").next().unwrap_or("").to_string();
            }
            bar.set_message(format!("{name}: OCR page {done}/{of}"));
        })
    }

    /// A file is done (imported, refused or undone).
    pub fn done(&self) {
        match self.unit {
            Unit::Files => self.bar.inc(1),
            // All its bytes, even those its reader did not need (a refused file).
            Unit::Bytes => self.bar.set_position(self.bar.length().unwrap_or(0)),
        }
    }

    /// Prints on stderr without tearing the bar (a report's warnings).
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        self.bar.suspend(f)
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[test]
    fn a_folder_of_reports_counts_files() {
        let files = vec![(Kind::Report, 150_000); 2000];
        assert_eq!(plan(&files), (Unit::Files, 2000));
        let p = Progress::drawn_on(&files, ProgressDrawTarget::hidden());
        for i in 0..2000 {
            p.start(Path::new(&format!("report-{i}.pdf")));
            // A CSV among them moves nothing while read: it is one file.
            std::io::copy(&mut p.read(&[0u8; 4096][..]), &mut std::io::sink()).unwrap();
            p.done();
            assert_eq!(p.bar.position(), i + 1);
        }
        assert_eq!(p.bar.length(), Some(2000));
        // Several CSV files count files too.
        assert_eq!(
            plan(&[(Kind::Csv, 1 << 30), (Kind::Csv, 5)]),
            (Unit::Files, 2)
        );
    }

    #[test]
    fn one_csv_file_counts_bytes() {
        let bytes = vec![b'x'; 1_000_000];
        let files = [(Kind::Csv, bytes.len() as u64)];
        assert_eq!(plan(&files), (Unit::Bytes, 1_000_000));
        let p = Progress::drawn_on(&files, ProgressDrawTarget::hidden());
        p.start(Path::new("national.csv"));
        let mut read = p.read(&bytes[..]);
        std::io::copy(&mut (&mut read).take(250_000), &mut std::io::sink()).unwrap();
        assert_eq!(p.bar.position(), 250_000);
        std::io::copy(&mut read, &mut std::io::sink()).unwrap();
        p.done();
        assert_eq!(p.bar.position(), 1_000_000);
        assert_eq!(p.bar.length(), Some(1_000_000));
    }

    /// A terminal in memory: what the bar draws, line by line.
    #[derive(Clone, Debug, Default)]
    struct Screen(Arc<Mutex<Vec<String>>>);

    impl indicatif::TermLike for Screen {
        fn width(&self) -> u16 {
            120
        }
        fn move_cursor_up(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_down(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_right(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_left(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn write_line(&self, s: &str) -> std::io::Result<()> {
            self.0.lock().unwrap().push(s.to_string());
            Ok(())
        }
        fn write_str(&self, s: &str) -> std::io::Result<()> {
            self.write_line(s)
        }
        fn clear_line(&self) -> std::io::Result<()> {
            Ok(())
        }
        fn flush(&self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn the_bar_shows_files_the_current_file_and_the_rate() {
        let screen = Screen::default();
        let files = vec![(Kind::Report, 150_000); 2000];
        let target = ProgressDrawTarget::term_like(Box::new(screen.clone()));
        let p = Progress::drawn_on(&files, target);
        for i in 0..3 {
            p.start(Path::new(&format!("dir/report-{i}.pdf")));
            p.done();
        }
        p.bar.force_draw();
        let lines = screen.0.lock().unwrap();
        let last = lines
            .iter()
            .rev()
            .find(|l| l.contains("importing"))
            .expect("the bar was drawn");
        assert!(last.contains("importing 3/2000 files"), "{last:?}");
        assert!(last.contains("files/s"), "{last:?}");
        assert!(last.trim_end().ends_with("report-2.pdf"), "{last:?}");
        assert!(!last.contains("dir/"), "{last:?}");
    }
}

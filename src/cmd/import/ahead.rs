//! Reading on every core. The one writer stores file after file in the import's transaction;
//! the files after it are opened and, when they are published reports, read (extracted,
//! their tables read, prepared for storing) on a pool of threads meanwhile. The writer takes
//! each file's reading in file order, so what is stored, the problems and their order, the
//! warnings and a dry run's printout are those of reading one file after another. At most a
//! window of files is read ahead of the writer, so memory stays bounded whatever the number
//! of files: a file's bytes are held only while it is read, its reading until it is written.
//!
//! Canonical CSV files are only opened here: the writer reads each on a thread of its own as
//! it stores it (`import_csv`), which already keeps two cores busy.

use crate::read::report::{self, Overrides, ReportError};
use crate::read::source::{Kind, Source};
use crate::store::Prepared;
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, sync_channel};

/// A file as opened (and, for a published report, read) ahead of the writer.
pub enum Early {
    /// It could not be opened.
    Unopened(std::io::Error),
    /// A canonical CSV file, opened (a FIFO cannot be opened twice): the writer reads it.
    Csv(Source),
    /// A published report, read and prepared, or refused.
    Report(Result<Box<ReportRead>, ReportError>),
}

/// A published report read and prepared on any thread: everything the writer needs of it.
pub struct ReportRead {
    pub prepared: Prepared,
    /// The report's text, for placing a new agency.
    pub text: String,
    pub claims: Vec<crate::check::Claim>,
    /// Rows left out and other things the reading says, printed by the writer.
    pub warnings: Vec<String>,
    /// What a dry run prints of the reading (`report::describe`), when it prints it.
    pub described: Option<String>,
}

/// Opens `path` and, when it is a published report, reads it whole (at most
/// `report::MAX_PDF` bytes) and prepares it; `describe` keeps what a dry run prints of it.
pub fn open(path: &Path, overrides: &Overrides, describe: bool) -> Early {
    let source = match Source::open(path) {
        Ok(source) => source,
        Err(e) => return Early::Unopened(e),
    };
    match source.kind {
        Kind::Csv => Early::Csv(source),
        Kind::Report => Early::Report(read_report(path, source, overrides, describe).map(Box::new)),
    }
}

pub(super) fn read_report(
    path: &Path,
    source: Source,
    overrides: &Overrides,
    describe: bool,
) -> Result<ReportRead, ReportError> {
    let bytes = source.read_bounded(path)?;
    let mut reading = report::read_report_detailed(path, &bytes, overrides)?;
    drop(bytes);
    let described = describe.then(|| report::describe(&reading));
    let warnings = std::mem::take(&mut reading.tables.warnings);
    Ok(ReportRead {
        prepared: Prepared::new(reading.report),
        text: reading.text,
        claims: reading.claims,
        warnings,
        described,
    })
}

/// The number of threads reading when `--jobs` does not say: one per core this process may
/// run on (its CPU affinity, e.g. under `taskset`).
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// The files' early readings in file order, `window` of them read at once at most, on a pool
/// of `jobs` threads.
pub struct Ahead {
    pool: rayon::ThreadPool,
    /// The files not yet handed to the pool (`None`: nothing to open, a path that cannot
    /// be read), with what they are read with.
    todo: std::vec::IntoIter<Option<PathBuf>>,
    overrides: Overrides,
    describe: bool,
    /// The files handed to the pool and not yet taken by the writer, in file order: each
    /// gives its reading once read (or the panic of its reader).
    pending: VecDeque<Option<Receiver<std::thread::Result<Early>>>>,
    window: usize,
}

impl Ahead {
    /// Starts reading `paths` (`None` for a file not to open). `describe`: keep what a dry
    /// run prints of each report.
    pub fn new(
        paths: Vec<Option<PathBuf>>,
        overrides: &Overrides,
        describe: bool,
        jobs: usize,
    ) -> std::io::Result<Ahead> {
        let jobs = jobs.max(1);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .thread_name(|i| format!("gov-db-read-{i}"))
            // The main thread's size: the readers are tested on 2 MiB (`report/hostile.rs`).
            .stack_size(8 << 20)
            .build()
            .map_err(std::io::Error::other)?;
        let mut ahead = Ahead {
            pool,
            todo: paths.into_iter(),
            overrides: overrides.clone(),
            describe,
            pending: VecDeque::new(),
            // Enough that a slow file (a long PDF) does not leave the other threads idle,
            // few enough that readings waiting for the writer take little memory.
            window: 4 * jobs,
        };
        ahead.fill();
        Ok(ahead)
    }

    /// Hands files to the pool until `window` are pending.
    fn fill(&mut self) {
        while self.pending.len() < self.window {
            let Some(next) = self.todo.next() else {
                return;
            };
            let Some(path) = next else {
                self.pending.push_back(None);
                continue;
            };
            let (tx, rx) = sync_channel(1);
            let overrides = self.overrides.clone();
            let describe = self.describe;
            // Tasks spawned from outside the pool run in the order spawned: the writer's next
            // file is read first.
            self.pool.spawn(move || {
                let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    open(&path, &overrides, describe)
                }));
                // The writer stopped (a closed pipe): nobody wants this reading.
                let _ = tx.send(read);
            });
            self.pending.push_back(Some(rx));
        }
    }
}

impl Iterator for Ahead {
    /// The next file's early reading (`None` inside: a file not opened), waiting for it.
    type Item = Option<Early>;

    fn next(&mut self) -> Option<Option<Early>> {
        let next = self.pending.pop_front()?;
        self.fill();
        Some(next.map(|rx| {
            match rx.recv().expect("a reading task sends before it ends") {
                Ok(early) => early,
                // A reader's panic is the import's, as when it read on this thread.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }))
    }
}

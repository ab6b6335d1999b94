//! `gov-db import`: canonical CSV and published reports into the database, in one
//! transaction: all of it lands, or (on any problem) none of it.

use crate::error::Failure;
use crate::read::paths::Input;
use crate::read::source::{Kind, Source};
use crate::read::{self, Problem, Problems, encoding};
use crate::store::{ImportSummary, Importer, Prepared, Store};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Import canonical CSV files and published reports (text, HTML, Markdown, PDF).
///
/// PATHs may be files (read whatever their name, FIFOs too) or directories (searched
/// recursively for .csv, .txt, .html, .htm, .md and .pdf files, leaving out hidden ones and
/// the directory's notes: README, LICENSE, CHANGELOG or NOTICE with any extension, as
/// README.md, but not README_data.csv; links are followed, each file read once). CSV may be
/// UTF-8 (with or without BOM) or GBK/GB18030. Re-importing an agency-year replaces it;
/// importing the same numbers again changes nothing. Any problem, a path that cannot be read
/// among them, leaves the database exactly as it was.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or directories to import.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Read and validate everything, report what would change, write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Import the files that read cleanly and list the others, paths that cannot be read
    /// among them (exit code 1 if any failed).
    #[arg(long)]
    pub keep_going: bool,
    /// For published reports: the agency, when the title does not name it right.
    #[arg(long)]
    pub agency: Option<String>,
    /// For published reports: the statistics year, when the title does not state it.
    #[arg(long)]
    pub year: Option<i64>,
    /// Refuse reports that break an identity (an error of `gov-db check`): their file is a
    /// problem like a malformed one. Without it, such reports are stored (they are the public
    /// record) and counted in the summary.
    #[arg(long)]
    pub strict: bool,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<ExitCode> {
    let files = read::paths::expand(&args.paths);
    if files.is_empty() {
        return Err(Failure::input(format!(
            "no CSV or report files found in {}",
            args.paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    if files.iter().all(|f| matches!(f, Input::Unreadable { .. })) {
        // Nothing to read: said without opening (or creating) the database.
        return Err(unreadable_only(&files));
    }
    let mut store = Store::open(db)?;
    let mut importer = store.begin_import(read::report::PARSER_VERSION)?;
    importer.set_strict(args.strict);
    let progress = progress_bar(&files);
    let overrides = read::report::Overrides {
        agency: args.agency.clone(),
        year: args.year,
    };
    let mut all_problems = Problems::default();
    let mut failed_files: Vec<(PathBuf, String)> = Vec::new();
    for file in &files {
        let path = file.path();
        importer.begin_file()?;
        let mut problems = Problems::default();
        let result = match file {
            Input::Unreadable { error, .. } => {
                problems.push(Problem::new(path, None, None, error.to_string()));
                Ok(())
            }
            Input::File(_) => Source::open(path).and_then(|source| match source.kind {
                Kind::Csv => import_csv(path, source, &mut importer, &mut problems, &progress),
                Kind::Report => import_report(
                    path,
                    source,
                    &mut importer,
                    &mut problems,
                    &overrides,
                    args.dry_run,
                ),
            }),
        };
        if let Err(e) = result {
            problems.push(Problem::new(path, None, None, format!("cannot read: {e}")));
        }
        progress.inc(1);
        let ok = problems.is_empty();
        importer.end_file(ok || !args.keep_going)?;
        if !ok {
            failed_files.push((
                path.to_path_buf(),
                problems
                    .list
                    .first()
                    .map(|p| p.message.clone())
                    .unwrap_or_default(),
            ));
            for p in problems.list {
                all_problems.push(p);
            }
            all_problems.more += problems.more;
        }
    }
    progress.finish_and_clear();
    let paths = args
        .paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(" ");

    if !all_problems.is_empty() && !args.keep_going {
        importer.rollback()?;
        let n = all_problems.len();
        return Err(anyhow::Error::new(all_problems).context(format!(
            "{n} problem{} in {} of {} files; nothing was imported",
            if n == 1 { "" } else { "s" },
            failed_files.len(),
            files.len()
        )));
    }
    let checks = importer.checks().tally;
    let summary = if args.dry_run {
        importer.rollback()?
    } else {
        importer.commit(&paths)?
    };
    let verb = if args.dry_run {
        "would import"
    } else {
        "imported"
    };
    println!(
        "{}",
        describe(verb, &summary, files.len() - failed_files.len(), db)
    );
    println!("{}", super::check::import_line(&checks, args.dry_run));
    if !failed_files.is_empty() {
        eprintln!("{}", all_problems);
        eprintln!(
            "error: {} of {} files failed and were not imported: {}",
            failed_files.len(),
            files.len(),
            failed_files
                .iter()
                .map(|(p, _)| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
        return Ok(ExitCode::from(crate::error::EXIT_INPUT));
    }
    Ok(ExitCode::SUCCESS)
}

/// Every path given is unreadable: the same error as a failed import's, without one.
fn unreadable_only(files: &[Input]) -> anyhow::Error {
    let mut problems = Problems::default();
    for f in files {
        if let Input::Unreadable { path, error } = f {
            problems.push(Problem::new(path, None, None, error.to_string()));
        }
    }
    let n = problems.len();
    anyhow::Error::new(problems).context(format!(
        "{n} problem{} in {n} of {n} files; nothing was imported",
        if n == 1 { "" } else { "s" },
    ))
}

fn describe(verb: &str, s: &ImportSummary, files: usize, db: &Path) -> String {
    format!(
        "{verb} {} report{} from {files} file{} into {}: {} new, {} replaced, {} unchanged",
        s.total(),
        if s.total() == 1 { "" } else { "s" },
        if files == 1 { "" } else { "s" },
        db.display(),
        s.new,
        s.replaced,
        s.unchanged
    )
}

/// The CSV reading thread hands reports over in batches of this many (a hand-over per
/// report costs more in thread wake-ups than it saves), at most `READ_AHEAD` batches ahead.
const BATCH: usize = 32;
const READ_AHEAD: usize = 4;

/// Reads a CSV file on a thread of its own while this one writes what it reads: parsing and
/// building reports take about as long as SQLite takes to store them, so on two cores an
/// import takes about half as long. Problems keep their order: the reader's (with lines),
/// then the writer's.
fn import_csv(
    path: &Path,
    source: Source,
    importer: &mut Importer<'_>,
    problems: &mut Problems,
    progress: &ProgressBar,
) -> std::io::Result<()> {
    let (reader, _) = encoding::utf8_reader(progress.wrap_read(source.into_reader()))?;
    let (to_writer, from_reader) = std::sync::mpsc::sync_channel::<Vec<Prepared>>(READ_AHEAD);
    let mut put_problems = Problems::default();
    let (read, mut read_problems) = std::thread::scope(|scope| {
        let reading = scope.spawn(move || {
            let mut problems = Problems::default();
            let mut batch = Vec::with_capacity(BATCH);
            let mut writer_stopped = false;
            let read = read::csv::read(reader, path, &mut problems, &mut |report| {
                batch.push(Prepared::new(report));
                if batch.len() == BATCH && !writer_stopped {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    writer_stopped = to_writer.send(full).is_err();
                }
                if writer_stopped {
                    // The writer's own problem says why.
                    return Err(Problem::new(path, None, None, WRITER_STOPPED));
                }
                Ok(())
            });
            if !writer_stopped && !batch.is_empty() {
                // A writer that stopped has said why.
                let _ = to_writer.send(batch);
            }
            (read, problems)
        });
        'batches: for batch in from_reader {
            for prepared in batch {
                if let Err(e) = importer.put(&prepared) {
                    let report = &prepared.report;
                    put_problems.push(Problem::new(
                        path,
                        None,
                        None,
                        format!("{} {}: {e}", report.agency, report.year),
                    ));
                    if importer.has_failed() || put_problems.is_full() {
                        break 'batches;
                    }
                }
            }
        }
        reading.join().expect("the CSV reader does not panic")
    });
    read_problems.list.retain(|p| p.message != WRITER_STOPPED);
    for p in read_problems.list.into_iter().chain(put_problems.list) {
        problems.push(p);
    }
    problems.more += read_problems.more + put_problems.more;
    read
}

/// What the reading thread is told when the writer stopped taking reports.
const WRITER_STOPPED: &str = "the import stopped";

/// Reads a published report whole and puts it; under `--dry-run`, prints the tables as read
/// (from this one reading: a FIFO cannot be read again).
fn import_report(
    path: &Path,
    source: Source,
    importer: &mut Importer<'_>,
    problems: &mut Problems,
    overrides: &read::report::Overrides,
    dry_run: bool,
) -> std::io::Result<()> {
    let bytes = source.read_all()?;
    match read::report::read_report_detailed(path, &bytes, overrides) {
        Ok(reading) => {
            if dry_run {
                print_report_reading(path, &reading);
            }
            for w in reading.warnings() {
                eprintln!("warning: {}: {w}", path.display());
            }
            let prepared = Prepared::new(reading.report);
            let report = &prepared.report;
            let put = importer.put(&prepared);
            let put = put.and_then(|_| importer.put_narrative(report, &reading.claims));
            if let Err(e) = put {
                problems.push(Problem::new(
                    path,
                    None,
                    None,
                    format!("{} {}: {e}", report.agency, report.year),
                ));
            }
        }
        Err(e) => problems.push(Problem::new(path, None, None, e.message)),
    }
    Ok(())
}

fn progress_bar(files: &[Input]) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f.path()).ok())
        .map(|m| m.len())
        .sum();
    let bar = ProgressBar::new(bytes);
    bar.set_style(
        ProgressStyle::with_template("{spinner} importing {bytes}/{total_bytes} {wide_bar} {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

/// `--dry-run` on a published report: what was detected and the tables as read, rows ×
/// columns with blanks shown as `·`. (Owned by the report reader; kept apart from the rest.)
fn print_report_reading(path: &Path, reading: &read::report::Reading) {
    println!("== {}", path.display());
    println!("{}", read::report::describe(reading));
}

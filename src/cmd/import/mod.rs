//! `gov-db import`: canonical CSV and published reports into the database, in one
//! transaction: all of it lands, or (on any problem) none of it.

use crate::error::Failure;
use crate::read::paths::Input;
use crate::read::source::Source;
use crate::read::{self, Problem, Problems};
use crate::render::Format;
use crate::store::{self, FileLine, ImportSummary, Importer, Prepared, Store};
use ahead::Early;
pub(super) use progress::Progress;

mod ahead;
mod draft;
mod image;
mod log;
mod nothing;
mod progress;
mod undo;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
pub use undo::refused;

/// Import canonical CSV files and published reports (text, HTML, Markdown, PDF, Word, WPS,
/// Excel).
///
/// PATHs may be files (read whatever their name, FIFOs too) or directories (searched
/// recursively for .csv, .txt, .html, .htm, .md, .pdf, .docx, .doc, .wps, .rtf, .xlsx, .xls, .et
/// and .ods files, and .png, .jpg, .jpeg, .tif, .tiff, .gif, .webp and .bmp images holding a ruled table (others
/// are listed as skipped), leaving out hidden ones and the directory's notes: README, LICENSE,
/// CHANGELOG or NOTICE with any extension, as README.md, but not README_data.csv; links are
/// followed, each file read once; .doc, .wps and .rtf are converted by LibreOffice; scanned
/// PDF pages and images are read by OCR with Tesseract). CSV may
/// be UTF-8 (with or without BOM) or GBK/GB18030. Re-importing an agency-year with other
/// numbers makes its next version (the one before is kept: gov-db history); a reading that
/// agrees with the stored one but states fewer cells leaves the fuller one current; importing
/// the same numbers again changes nothing. Any problem, a path that cannot be read among them,
/// leaves the database exactly as it was.
///
/// What happened to each file is stored (gov-db import log) and printed, one line per file,
/// with --list, or on a terminal for up to 20 files. `gov-db import undo` reverses an import.
/// A file named `undo` or `log` is imported as `gov-db import ./undo`.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<Cmd>,
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
    #[arg(long, value_parser = crate::cmd::name_arg)]
    pub agency: Option<String>,
    /// For published reports: the statistics year, when the title does not state it.
    #[arg(long, value_parser = crate::cmd::year_arg)]
    pub year: Option<i64>,
    /// Refuse reports that break an identity (an error of `gov-db check`): their file is a
    /// problem like a malformed one. Without it, such reports are stored (they are the public
    /// record) and counted in the summary.
    #[arg(long)]
    pub strict: bool,
    /// With --dry-run and one published report: also write OUT.csv, the canonical CSV of
    /// everything that could be read, with every cell of the report's template in the
    /// contract's order. A cell that could not be read is left empty, with a note (column
    /// `note`) saying where the reader looked and what was printed there, for a person to fill
    /// in; a cell still empty under such a note is refused on import. Then import it with
    /// --source.
    #[arg(long, value_name = "OUT.csv", requires = "dry_run")]
    pub draft: Option<PathBuf>,
    /// For one CSV file completing a draft by hand: the published report it was drafted from.
    /// The report's source becomes FILE; `gov-db show` gives each cell the place it was read in
    /// FILE, or "completed by hand (draft of FILE)" for a cell that was not read there (or was
    /// changed).
    #[arg(long, value_name = "FILE", conflicts_with = "draft")]
    pub source: Option<PathBuf>,
    /// Threads reading published reports while the one writer stores them, in file order:
    /// what is imported and the problems (in their order) are the same whatever the number.
    /// Default: one per core.
    #[arg(long, short = 'j', value_name = "N", env = "GOV_DB_JOBS",
          value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Print the line of every file (agency, year, format, what happened), however many.
    #[arg(long)]
    pub list: bool,
    /// Format of the per-file list; with csv or json the list alone goes to standard output
    /// and the summary to standard error.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, clap::Subcommand)]
pub enum Cmd {
    Undo(undo::Args),
    Log(log::Args),
}

/// The per-file list is printed on a terminal for an import of at most this many files.
const LIST_ON_TERMINAL: usize = 20;

/// Whether the per-file list is printed: always with --list; else for a small import whose
/// output a person reads (a script that reads the summary line keeps reading one line, and
/// `gov-db import log` has the list for anyone).
fn prints_list(list: bool, files: usize, terminal: bool) -> bool {
    list || (terminal && files <= LIST_ON_TERMINAL)
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<ExitCode> {
    match args.command {
        Some(Cmd::Undo(a)) => return undo::run(a, db),
        Some(Cmd::Log(a)) => return log::run(a, db),
        None => {}
    }
    let (mut files, mut skipped) = read::paths::expand_noting_skipped(&args.paths);
    image::apart_from_pages(&mut files, &mut skipped);
    if files.is_empty() {
        return Err(Failure::input(nothing::no_files(&args.paths, &skipped)));
    }
    if files.iter().all(|f| matches!(f, Input::Unreadable { .. })) {
        // Nothing to read: said without opening (or creating) the database.
        return Err(nothing::unreadable_only(&files));
    }
    draft::check_args(args.draft.as_deref(), args.source.as_deref(), &files)?;
    let mut store = if args.dry_run {
        // A dry run with no database yet (no file, or an empty one) checks against an empty
        // one in memory: it writes nothing, not even the file.
        match Store::open_existing(db) {
            Err(store::Error::Missing { .. } | store::Error::Empty { .. }) => {
                Store::open_in_memory()?
            }
            opened => opened?,
        }
    } else {
        Store::open(db)?
    };
    // Another import holding the write lock would keep this one waiting (up to the busy
    // timeout) with nothing on the screen: say so once.
    let waiting = || {
        eprintln!(
            "{}",
            crate::t!("import-waiting", db = db.display().to_string())
        )
    };
    let mut importer = store.begin_import_noting_wait(read::report::PARSER_VERSION, waiting)?;
    importer.set_strict(args.strict);
    let progress = Progress::new(&files);
    let overrides = read::report::Overrides {
        agency: args.agency.clone(),
        year: args.year,
        pages: Some(progress.pages()),
    };
    let mut out = std::io::stdout().lock();
    let mut all_problems = Problems::default();
    let mut failed_files: Vec<(PathBuf, String)> = Vec::new();
    let listing = prints_list(
        args.list,
        files.len() + skipped.len(),
        std::io::stdout().is_terminal(),
    );
    // Kept only when printed: the stored log has them all.
    let mut lines: Vec<FileLine> = Vec::new();
    // The reading of a report is printed by a dry run (not again with --draft, whose
    // writing printed it).
    let print = args.dry_run && args.draft.is_none();
    // A draft reads its one file itself, before the import does: nothing is read ahead.
    let read_ahead = args.draft.is_none().then(|| {
        let paths = files.iter().map(|f| match f {
            Input::File(path) => Some(path.clone()),
            Input::Unreadable { .. } | Input::Image(_) => None,
        });
        let jobs = args.jobs.map_or_else(ahead::default_jobs, usize::from);
        ahead::Ahead::new(paths.collect(), &overrides, print, jobs)
    });
    let mut read_ahead = read_ahead.transpose()?;
    // Images met in a directory that hold no table: no report, and said so.
    let mut skipped_images: Vec<PathBuf> = Vec::new();
    for file in &files {
        let early = read_ahead.as_mut().and_then(|a| a.next()).flatten();
        let path = file.path();
        importer.begin_file()?;
        let mut problems = Problems::default();
        progress.start(path);
        if let Some(out_path) = &args.draft {
            // Without the page ticks: the bar is held while the draft is written, and a tick
            // from a scanned page read by OCR would wait for it for ever.
            let quiet = read::report::Overrides {
                pages: None,
                ..overrides.clone()
            };
            progress.suspend(|| draft::write(path, &quiet, out_path, &mut out))?;
        }
        let result = match file {
            Input::Unreadable { error, .. } => {
                problems.push(Problem::new(path, None, None, error.to_string()));
                Ok(())
            }
            Input::Image(_) => Source::open(path).and_then(|source| {
                image::import(
                    path,
                    source,
                    &mut importer,
                    &mut problems,
                    &overrides,
                    &progress,
                    print.then_some(&mut out as &mut dyn Write),
                    &mut skipped_images,
                )
            }),
            Input::File(_) => match early.unwrap_or_else(|| ahead::open(path, &overrides, print)) {
                Early::Unopened(e) => Err(e),
                Early::Csv(_) if let Some(report) = &args.source => {
                    draft::import_completed(path, report, &mut importer, &mut problems)
                }
                Early::Csv(source) => {
                    import_csv(path, source, &mut importer, &mut problems, &progress)
                }
                Early::Report(read) => write_report(
                    path,
                    read,
                    &mut importer,
                    &mut problems,
                    &progress,
                    print.then_some(&mut out as &mut dyn Write),
                ),
            },
        };
        if let Err(e) = result {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                // A dry run's reading went to a closed pipe: nothing is written, nobody reads on.
                return Err(e.into());
            }
            problems.push(Problem::new(
                path,
                None,
                None,
                crate::t!("import-cannot-read", error = e.to_string()),
            ));
        }
        progress.done();
        let ok = problems.is_empty();
        importer.end_file(ok || !args.keep_going)?;
        let line = if skipped_images.last().is_some_and(|s| s == path) {
            FileLine::not_imported(
                &path.display().to_string(),
                "skipped",
                image::without_table(crate::i18n::Lang::En),
            )
        } else {
            file_line(path, ok, &importer, &problems)
        };
        importer.log_file(&line)?;
        if listing {
            lines.push(line);
        }
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
    progress.finish();
    for (path, why) in &skipped {
        let line = FileLine::not_imported(&path.display().to_string(), "skipped", why.clone());
        importer.log_file(&line)?;
        if listing {
            lines.push(line);
        }
    }
    let paths = args
        .paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(" ");

    if !all_problems.is_empty() && !args.keep_going {
        importer.rollback()?;
        let n = all_problems.len();
        let shown = if all_problems.more > 0 {
            crate::t!("import-shown", shown = n - all_problems.more)
        } else {
            String::new()
        };
        return Err(anyhow::Error::new(all_problems).context(crate::t!(
            "import-problems",
            n = n,
            shown = shown,
            failed = failed_files.len(),
            files = files.len()
        )));
    }
    let checks = match importer.final_checks() {
        Ok(tally) => tally,
        Err(crate::store::Error::Refused(why)) => {
            importer.rollback()?;
            return Err(Failure::input(crate::t!("import-refused", why = why)));
        }
        Err(e) => return Err(e.into()),
    };
    let summary = if args.dry_run {
        importer.rollback()?
    } else {
        importer.commit(&paths)?
    };
    // The import is committed: a closed pipe loses these lines and nothing else (the failed
    // files still go to stderr, with exit code 1).
    let summary_lines = format!(
        "{}\n{}\n",
        describe(
            args.dry_run,
            &summary,
            files.len() - failed_files.len() - skipped_images.len(),
            db
        ),
        super::check::import_line(&checks, args.dry_run)
    );
    let printed = if listing {
        log::print_files(&lines, args.format, &mut out).and_then(|_| {
            if matches!(args.format, Format::Csv | Format::Json) {
                // The list alone on standard output, for a spreadsheet or a program.
                eprint!("{summary_lines}");
                Ok(())
            } else {
                write!(out, "{summary_lines}")
            }
        })
    } else {
        write!(out, "{summary_lines}")
    }
    .and_then(|_| out.flush());
    let printed = crate::error::unread_is_fine(printed);
    if !failed_files.is_empty() {
        eprintln!("{}", all_problems);
        eprintln!(
            "{}",
            crate::t!(
                "import-files-failed",
                failed = failed_files.len(),
                files = files.len(),
                paths = failed_files
                    .iter()
                    .map(|(p, _)| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        );
        printed?;
        return Ok(ExitCode::from(crate::error::EXIT_INPUT));
    }
    printed?;
    Ok(ExitCode::SUCCESS)
}

/// One file's line for the per-file list and `import log`: what its reports did, or why it
/// was refused (its first problem, with how many more).
fn file_line(path: &Path, ok: bool, importer: &Importer<'_>, problems: &Problems) -> FileLine {
    let shown = path.display().to_string();
    if ok {
        return importer.file_tally().line(&shown);
    }
    let first = problems.list.first().map_or(String::new(), |p| {
        let mut at = String::new();
        if let Some(line) = p.line {
            at.push_str(&format!("line {line}: "));
        }
        if let Some(column) = &p.column {
            at.push_str(&format!("column {column}: "));
        }
        format!("{at}{}", p.message)
    });
    let more = problems.len() - 1;
    let detail = if more > 0 {
        format!(
            "{first} (and {more} more problem{})",
            if more == 1 { "" } else { "s" }
        )
    } else {
        first
    };
    FileLine::not_imported(&shown, "refused", detail)
}

fn describe(dry_run: bool, s: &ImportSummary, files: usize, db: &Path) -> String {
    let db = db.display().to_string();
    let mut text = if dry_run {
        crate::t!(
            "import-summary-dry-run",
            reports = s.total(),
            files = files,
            db = db,
            new = s.new,
            replaced = s.replaced,
            unchanged = s.unchanged
        )
    } else {
        crate::t!(
            "import-summary",
            reports = s.total(),
            files = files,
            db = db,
            new = s.new,
            replaced = s.replaced,
            unchanged = s.unchanged
        )
    };
    if s.kept > 0 {
        text.push_str(&crate::t!("import-kept", kept = s.kept));
    }
    text
}

/// The CSV reading thread hands reports over in batches of this many (a hand-over per
/// report costs more in thread wake-ups than it saves), at most `READ_AHEAD` batches ahead.
const BATCH: usize = 32;
const READ_AHEAD: usize = 4;

/// Reads a CSV file on a thread of its own while this one writes what it reads: parsing and
/// building reports take about as long as SQLite takes to store them, so on two cores an
/// import takes about half as long. Problems keep their order: the reader's (with lines),
/// then the writer's.
pub(super) fn import_csv(
    path: &Path,
    source: Source,
    importer: &mut Importer<'_>,
    problems: &mut Problems,
    progress: &Progress,
) -> std::io::Result<()> {
    // Raw bytes: the CSV reader decides the encoding from the text and checks every line.
    let reader: Box<dyn Read + Send> = Box::new(progress.read(source.into_reader()));
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

/// Reads a published report whole on this thread and puts it; under `--dry-run`, prints the
/// tables as read to `print` (from this one reading: a FIFO cannot be read again).
pub(super) fn import_report(
    path: &Path,
    source: Source,
    importer: &mut Importer<'_>,
    problems: &mut Problems,
    overrides: &read::report::Overrides,
    progress: &Progress,
    print: Option<&mut dyn Write>,
) -> std::io::Result<()> {
    let read = ahead::read_report(path, source, overrides, print.is_some()).map(Box::new);
    write_report(path, read, importer, problems, progress, print)
}

/// Puts a published report read ahead (`ahead.rs`); under `--dry-run`, prints the tables as
/// read to `print`. A closed `print` ends the import (nobody reads on), which the caller tells
/// from a problem of the file.
fn write_report(
    path: &Path,
    read: Result<Box<ahead::ReportRead>, read::report::ReportError>,
    importer: &mut Importer<'_>,
    problems: &mut Problems,
    progress: &Progress,
    print: Option<&mut dyn Write>,
) -> std::io::Result<()> {
    match read {
        Ok(read) => {
            if let Some(out) = print {
                let described = read.described.as_deref().unwrap_or_default();
                progress.suspend(|| print_report_reading(path, described, out))?;
            }
            progress.suspend(|| {
                for w in &read.warnings {
                    eprintln!(
                        "{}",
                        crate::t!(
                            "import-warning",
                            path = path.display().to_string(),
                            warning = w.to_string()
                        )
                    );
                }
            });
            let report = &read.prepared.report;
            let put = importer.put_with_text(&read.prepared, Some(&read.text));
            let put = put.and_then(|_| importer.put_narrative(report, &read.claims));
            if let Err(e) = put {
                problems.push(Problem::new(
                    path,
                    None,
                    None,
                    format!("{} {}: {e}", report.agency, report.year),
                ));
            }
        }
        Err(e) => problems.push(Problem::new(path, e.line, None, e.message)),
    }
    Ok(())
}

/// `--dry-run` on a published report: what was detected and the tables as read, rows ×
/// columns with blanks shown as `·`. (Owned by the report reader; kept apart from the rest.)
fn print_report_reading(path: &Path, described: &str, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "== {}", path.display())?;
    writeln!(out, "{described}")
}

#[cfg(test)]
mod tests {
    use super::prints_list;

    #[test]
    fn the_list_is_printed_with_list_or_for_a_few_files_on_a_terminal() {
        assert!(prints_list(true, 5000, false));
        assert!(prints_list(false, 20, true));
        assert!(!prints_list(false, 21, true));
        // A script reading the summary line keeps reading one line.
        assert!(!prints_list(false, 1, false));
    }
}

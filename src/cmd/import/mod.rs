//! `gov-db import`: canonical CSV and published reports into the database, in one
//! transaction: all of it lands, or (on any problem) none of it.

use crate::error::Failure;
use crate::read::{self, Problem, Problems, encoding};
use crate::store::{self, ImportSummary, Importer, Prepared, Store};
use progress::Progress;

mod progress;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Import canonical CSV files and published reports (text, HTML, Markdown, PDF, Word, WPS,
/// Excel).
///
/// PATHs may be files or directories (searched recursively for .csv, .txt, .html, .htm, .md,
/// .pdf, .docx, .doc, .wps, .rtf, .xlsx, .xls, .et, .ods, .png, .jpg, .jpeg, .tif and .tiff
/// files; .doc, .wps and .rtf are converted by LibreOffice; scanned PDF pages and images are
/// read by OCR with Tesseract). CSV may be UTF-8 (with or without BOM) or GBK/GB18030. Re-importing an
/// agency-year replaces it; importing the same numbers again changes nothing. Any problem
/// leaves the database exactly as it was.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or directories to import.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Read and validate everything, report what would change, write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Import the files that read cleanly and list the others (exit code 1 if any failed).
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

/// How an input file is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Csv,
    Report,
}

/// Published reports, by the extensions they are found under when a directory is searched.
/// The content decides how each is read (a `.wps` may be a `.doc` or a `.docx` inside, an
/// `.et` an `.xls` or an `.xlsx`); one that cannot be read is a problem naming the file.
const REPORT_EXTENSIONS: [&str; 20] = [
    "txt", "text", "html", "htm", "md", "markdown", "pdf", // text, pages, PDF
    "docx", "doc", "wps", "rtf", // Word and WPS Writer
    "xlsx", "xls", "et", "ods", // Excel, WPS Spreadsheets, OpenDocument
    "png", "jpg", "jpeg", "tif", "tiff", // scans and screenshots, read by OCR
];

pub fn run(args: Args, db: &Path) -> anyhow::Result<ExitCode> {
    let files = collect_files(&args.paths)?;
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
    let mut store = if args.dry_run {
        // A dry run with no database yet checks against an empty one in memory: it writes
        // nothing, not even the file.
        match Store::open_existing(db) {
            Err(store::Error::Missing { .. }) => Store::open_in_memory()?,
            opened => opened?,
        }
    } else {
        Store::open(db)?
    };
    // Another import holding the write lock would keep this one waiting (up to the busy
    // timeout) with nothing on the screen: say so once.
    let waiting = || eprintln!("waiting for {}: another gov-db is writing…", db.display());
    let mut importer = store.begin_import_noting_wait(read::report::PARSER_VERSION, waiting)?;
    importer.set_strict(args.strict);
    let progress = Progress::new(&files);
    let overrides = read::report::Overrides {
        agency: args.agency.clone(),
        year: args.year,
    };
    let mut out = std::io::stdout().lock();
    let mut all_problems = Problems::default();
    let mut failed_files: Vec<(PathBuf, String)> = Vec::new();
    for (path, kind) in &files {
        importer.begin_file()?;
        let mut problems = Problems::default();
        progress.start(path);
        if args.dry_run && *kind == Kind::Report {
            // A closed pipe ends a dry run here: nothing is written, and nobody reads on.
            progress.suspend(|| print_report_reading(path, &overrides, &mut out))?;
        }
        let result = match kind {
            Kind::Csv => import_csv(path, &mut importer, &mut problems, &progress),
            Kind::Report => {
                import_report(path, &mut importer, &mut problems, &overrides, &progress)
            }
        };
        if let Err(e) = result {
            problems.push(Problem::new(path, None, None, format!("cannot read: {e}")));
        }
        progress.done();
        let ok = problems.is_empty();
        importer.end_file(ok || !args.keep_going)?;
        if !ok {
            failed_files.push((
                path.clone(),
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
    let checks = match importer.final_checks() {
        Ok(tally) => tally,
        Err(crate::store::Error::Refused(why)) => {
            importer.rollback()?;
            return Err(Failure::input(format!("{why}; nothing was imported")));
        }
        Err(e) => return Err(e.into()),
    };
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
    // The import is committed: a closed pipe loses these lines and nothing else (the failed
    // files still go to stderr, with exit code 1).
    let printed = writeln!(
        out,
        "{}",
        describe(verb, &summary, files.len() - failed_files.len(), db)
    )
    .and_then(|_| writeln!(out, "{}", super::check::import_line(&checks, args.dry_run)))
    .and_then(|_| out.flush());
    let printed = crate::error::unread_is_fine(printed);
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
        printed?;
        return Ok(ExitCode::from(crate::error::EXIT_INPUT));
    }
    printed?;
    Ok(ExitCode::SUCCESS)
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
    importer: &mut Importer<'_>,
    problems: &mut Problems,
    progress: &Progress,
) -> std::io::Result<()> {
    let file = std::fs::File::open(path)?;
    let (reader, _) = encoding::utf8_reader(progress.read(file))?;
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

fn import_report(
    path: &Path,
    importer: &mut Importer<'_>,
    problems: &mut Problems,
    overrides: &read::report::Overrides,
    progress: &Progress,
) -> std::io::Result<()> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?.read_to_end(&mut bytes)?;
    match read::report::read_report_detailed(path, &bytes, overrides) {
        Ok(reading) => {
            progress.suspend(|| {
                for w in reading.warnings() {
                    eprintln!("warning: {}: {w}", path.display());
                }
            });
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

/// Expands directories (sorted, recursively) and decides how each file is read: by its
/// first line when it is the canonical CSV header, else by its extension.
fn collect_files(paths: &[PathBuf]) -> anyhow::Result<Vec<(PathBuf, Kind)>> {
    let mut out = Vec::new();
    for p in paths {
        let meta =
            std::fs::metadata(p).map_err(|e| Failure::input(format!("{}: {e}", p.display())))?;
        if meta.is_dir() {
            walk(p, &mut out)?;
        } else {
            out.push((p.clone(), classify(p)?));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<(PathBuf, Kind)>) -> anyhow::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for p in entries {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') {
            continue;
        }
        if p.is_dir() {
            walk(&p, out)?;
            continue;
        }
        // A directory's own notes are not reports.
        let stem = name.split('.').next().unwrap_or("").to_ascii_uppercase();
        if matches!(stem.as_str(), "README" | "LICENSE" | "CHANGELOG" | "NOTICE") {
            continue;
        }
        let ext = p
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        if ext == "csv" || REPORT_EXTENSIONS.contains(&ext.as_str()) {
            out.push((p.clone(), classify(&p)?));
        }
    }
    Ok(())
}

fn classify(path: &Path) -> anyhow::Result<Kind> {
    let mut head = [0u8; 512];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
    let head = &head[..n];
    let head = head.strip_prefix(&[0xEF, 0xBB, 0xBF][..]).unwrap_or(head);
    let is_csv_header = head.len() >= 7 && head[..7].eq_ignore_ascii_case(b"agency,");
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    Ok(
        if is_csv_header || (ext == "csv" && !head.starts_with(b"%PDF")) {
            Kind::Csv
        } else {
            Kind::Report
        },
    )
}

/// `--dry-run` on a published report: what was detected and the tables as read, rows ×
/// columns with blanks shown as `·`. (Owned by the report reader; kept apart from the rest.)
fn print_report_reading(
    path: &Path,
    overrides: &read::report::Overrides,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let Ok(bytes) = std::fs::read(path) else {
        return Ok(());
    };
    if let Ok(reading) = read::report::read_report_detailed(path, &bytes, overrides) {
        writeln!(out, "== {}", path.display())?;
        writeln!(out, "{}", read::report::describe(&reading))?;
    }
    Ok(())
}

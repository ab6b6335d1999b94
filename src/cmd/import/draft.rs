//! `import --dry-run FILE --draft OUT.csv` and `import --source FILE OUT.csv`: a published
//! report the reader refuses goes in by way of a draft that a person completes, and the
//! database then says which of its cells were read and which were completed by hand.

use crate::error::Failure;
use crate::read::{self, Problem, Problems};
use crate::store::{Importer, Prepared};
use std::io::Write;
use std::path::Path;

use crate::read::paths::Input;
use crate::read::source::{Kind, Source};

/// `--draft` and `--source` each take one file of one kind: refused (exit 2) otherwise.
pub(super) fn check_args(
    draft: Option<&Path>,
    source: Option<&Path>,
    files: &[Input],
) -> anyhow::Result<()> {
    if draft.is_none() && source.is_none() {
        return Ok(());
    }
    // One regular file, whose kind its first bytes tell (drafts are not read from pipes).
    let kind = match files {
        [Input::File(path)] => Source::open(path).ok().map(|s| s.kind),
        _ => None,
    };
    if draft.is_some() && kind != Some(Kind::Report) {
        return Err(Failure::usage(crate::t!("draft-one-report")));
    }
    if let Some(source) = source {
        if kind != Some(Kind::Csv) {
            return Err(Failure::usage(crate::t!("draft-source-csv")));
        }
        if !source.is_file() {
            return Err(Failure::input(crate::t!(
                "draft-source-missing",
                path = source.display().to_string()
            )));
        }
    }
    Ok(())
}

/// Reads what can be read of a published report, writes its draft to `out_path`, prints the
/// reading as a dry run prints one (with what was not read), and says on stderr what the
/// draft holds. A report that cannot be decoded at all is a problem of its file.
pub(super) fn write(
    path: &Path,
    overrides: &read::report::Overrides,
    out_path: &Path,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let bytes = std::fs::read(path)?;
    let reading = match read::report::read_report_partial(path, &bytes, overrides) {
        Ok(r) => r,
        Err(e) => {
            return Err(Failure::input(crate::t!(
                "draft-not-written",
                file = e.file.to_string(),
                message = e.message.to_string()
            )));
        }
    };
    let file = std::fs::File::create(out_path).map_err(|e| {
        Failure::env(crate::t!(
            "draft-cannot-write",
            path = out_path.display().to_string(),
            error = e.to_string()
        ))
    })?;
    let summary = read::draft::write_draft(&reading, std::io::BufWriter::new(file))?;
    // The draft is what was asked for: a closed stdout (`| head`) loses the reading printed,
    // not the draft, nor what stderr says about it and the report.
    crate::error::unread_is_fine(
        writeln!(out, "== {}", path.display())
            .and_then(|_| writeln!(out, "{}", read::report::describe(&reading))),
    )?;
    let fill = if summary.to_fill == 0 {
        crate::t!("draft-all-read")
    } else {
        crate::t!(
            "draft-to-fill",
            n = summary.to_fill,
            note = read::csv::NOT_READ.trim_end(),
            report = path.display().to_string(),
            draft = out_path.display().to_string()
        )
    };
    eprintln!(
        "{}",
        crate::t!(
            "draft-written",
            report = path.display().to_string(),
            draft = out_path.display().to_string(),
            cells = summary.cells,
            fill = fill
        )
    );
    Ok(())
}

/// Imports one completed draft (canonical CSV of one report) as the report `source`: each
/// cell marked read (where) or completed by hand (see [`read::draft::complete`]), the
/// report's source `source`, and the counts its text quotes stored for the checks.
pub(super) fn import_completed(
    path: &Path,
    source: &Path,
    importer: &mut Importer<'_>,
    problems: &mut Problems,
) -> std::io::Result<()> {
    let mut reports = Vec::new();
    read::csv::read_file(path, problems, &mut |r| {
        reports.push(r);
        Ok(())
    })?;
    if !problems.is_empty() {
        return Ok(());
    }
    let mut report = match <[_; 1]>::try_from(reports) {
        Ok([one]) => one,
        Err(all) => {
            problems.push(Problem::new(
                path,
                None,
                None,
                format!(
                    "holds {} reports; a draft completes one (--source names the report it was drafted from)",
                    all.len()
                ),
            ));
            return Ok(());
        }
    };
    let bytes = std::fs::read(source)?;
    let claims = read::draft::complete(&mut report, source, &bytes);
    let prepared = Prepared::new(report);
    let report = &prepared.report;
    let put = importer
        .put(&prepared)
        .and_then(|_| importer.put_narrative(report, &claims));
    if let Err(e) = put {
        problems.push(Problem::new(
            path,
            None,
            None,
            format!("{} {}: {e}", report.agency, report.year),
        ));
    }
    Ok(())
}

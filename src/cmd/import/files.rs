//! Which files an import reads, and how: directories expanded (sorted, recursively), each
//! file read as canonical CSV or as a published report; the files left aside are named with
//! why, for the per-file list.

use crate::error::Failure;
use std::io::Read;
use std::path::{Path, PathBuf};

/// How an input file is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Csv,
    Report,
}

const REPORT_EXTENSIONS: [&str; 7] = ["txt", "text", "html", "htm", "md", "markdown", "pdf"];

/// A file found in a directory and left aside, with why.
pub type Skipped = (PathBuf, String);

/// The files to read, each with how.
pub type Files = Vec<(PathBuf, Kind)>;

/// Expands directories (sorted, recursively) and decides how each file is read: by its
/// first line when it is the canonical CSV header, else by its extension.
pub fn collect_files(paths: &[PathBuf]) -> anyhow::Result<(Files, Vec<Skipped>)> {
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for p in paths {
        let meta =
            std::fs::metadata(p).map_err(|e| Failure::input(format!("{}: {e}", p.display())))?;
        if meta.is_dir() {
            walk(p, &mut out, &mut skipped)?;
        } else {
            out.push((p.clone(), classify(p)?));
        }
    }
    Ok((out, skipped))
}

fn walk(
    dir: &Path,
    out: &mut Vec<(PathBuf, Kind)>,
    skipped: &mut Vec<Skipped>,
) -> anyhow::Result<()> {
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
            walk(&p, out, skipped)?;
            continue;
        }
        // A directory's own notes are not reports.
        let stem = name.split('.').next().unwrap_or("").to_ascii_uppercase();
        if matches!(stem.as_str(), "README" | "LICENSE" | "CHANGELOG" | "NOTICE") {
            skipped.push((p.clone(), format!("{stem}: a folder's own notes")));
            continue;
        }
        let ext = p
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        if ext == "csv" || REPORT_EXTENSIONS.contains(&ext.as_str()) {
            out.push((p.clone(), classify(&p)?));
        } else {
            skipped.push((
                p.clone(),
                if ext.is_empty() {
                    "not a report format (no extension)".to_string()
                } else {
                    format!("not a report format (.{ext})")
                },
            ));
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

//! An image met in a directory: a report's tables photographed or scanned (read by OCR), or
//! a picture that is no report (listed as skipped, never an error of the import).

use super::{Progress, ahead, write_report};
use crate::read::paths::{Input, Skipped};
use crate::read::source::Source;
use crate::read::{self, Problem, Problems};
use crate::store::Importer;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why an image met in a directory is not imported, in `lang` (the import's log keeps it in
/// English, stderr says it in the reader's language).
pub(super) fn without_table(lang: crate::i18n::Lang) -> String {
    crate::t!(in lang, "import-image-without-table")
}

/// The images met in directories that a web page among the files names beside it (a table
/// published as a picture): read with that page, so set aside as skipped, each with why.
pub(super) fn apart_from_pages(files: &mut Vec<Input>, skipped: &mut Vec<Skipped>) {
    let picture = |f: &Input| match f {
        Input::Image(_) => true,
        Input::File(p) => picture_name(p),
        Input::Unreadable { .. } => false,
    };
    if !files.iter().any(picture) {
        alone_from_pages(files);
        return;
    }
    let same = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let mut of_pages: Vec<(PathBuf, PathBuf)> = Vec::new();
    for f in files.iter() {
        let Input::File(page) = f else { continue };
        let html = page
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
        if let (true, Ok(bytes)) = (html, std::fs::read(page)) {
            for pic in read::report::pictures_beside(page, &bytes) {
                of_pages.push((same(&pic), page.clone()));
            }
        }
    }
    files.retain(|f| {
        let (Input::Image(img) | Input::File(img)) = f else {
            return true;
        };
        if !picture(f) {
            return true;
        }
        let img_same = same(img);
        match of_pages.iter().find(|(pic, _)| *pic == img_same) {
            Some((_, page)) => {
                // Said in the reader's language; the import's log keeps English.
                let of_page = |lang| {
                    crate::t!(in lang, "import-picture-of-page", page = page.display().to_string())
                };
                let line = crate::t!(
                    "import-skipped",
                    path = img.display().to_string(),
                    why = of_page(crate::i18n::lang())
                );
                eprintln!("{line}");
                skipped.push((img.clone(), of_page(crate::i18n::Lang::En)));
                false
            }
            None => true,
        }
    });
    alone_from_pages(files);
}

/// A picture of a kind OCR reads, by its name's ending.
fn picture_name(path: &Path) -> bool {
    crate::read::paths::is_image(path)
}

/// Web pages in a folder looked at for the pictures they name, at most: a folder of pictures
/// is not searched without end.
const PAGES_LOOKED_AT: usize = 200;

/// The pictures in the import that a web page beside them names, the page not being in the
/// import: a picture of one of its tables, not a report. Refused, saying which page to import
/// (it reads its pictures with it). A picture no page beside it names is read as it is (a
/// screenshot of a report's tables).
fn alone_from_pages(files: &mut [Input]) {
    let same = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    // Each folder's pages are read once: the pictures they name, with the page.
    let mut folders: std::collections::HashMap<PathBuf, Vec<(PathBuf, PathBuf)>> =
        std::collections::HashMap::new();
    for f in files.iter_mut() {
        let (Input::Image(pic) | Input::File(pic)) = &*f else {
            continue;
        };
        if !picture_name(pic) {
            continue;
        }
        let dir = match pic.parent() {
            Some(d) if d.as_os_str().is_empty() => PathBuf::from("."),
            Some(d) => d.to_path_buf(),
            None => continue,
        };
        let named = folders.entry(same(&dir)).or_insert_with(|| {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                return Vec::new();
            };
            let mut pages: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                        e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm")
                    })
                })
                .take(PAGES_LOOKED_AT)
                .collect();
            pages.sort();
            let mut named = Vec::new();
            for page in pages {
                if let Ok(bytes) = std::fs::read(&page) {
                    for p in read::report::pictures_beside(&page, &bytes) {
                        named.push((same(&p), page.clone()));
                    }
                }
            }
            named
        });
        let pic_same = same(pic);
        if let Some((_, page)) = named.iter().find(|(p, _)| *p == pic_same) {
            let why = crate::t!("import-picture-alone", page = page.display().to_string());
            *f = Input::Unreadable {
                path: pic.clone(),
                error: crate::read::paths::PathError::PictureOfPage(why),
            };
        }
    }
}

/// An image met in a directory: read as a report when it holds a ruled table, else listed
/// on stderr as skipped (a photograph in a folder of reports is no error).
#[allow(clippy::too_many_arguments)]
pub(super) fn import(
    path: &Path,
    source: Source,
    importer: &mut Importer<'_>,
    problems: &mut Problems,
    overrides: &read::report::Overrides,
    progress: &Progress,
    print: Option<&mut dyn Write>,
    skipped: &mut Vec<PathBuf>,
) -> std::io::Result<()> {
    let bytes = match source.read_bounded(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            problems.push(Problem::new(path, e.line, None, e.message));
            return Ok(());
        }
    };
    match read::report::holds_table(&bytes) {
        Ok(true) => {
            let read = ahead::read_bytes(path, &bytes, overrides, print.is_some()).map(Box::new);
            drop(bytes);
            write_report(path, read, importer, problems, progress, print)
        }
        Ok(false) => {
            let why = without_table(crate::i18n::lang());
            let line = crate::t!(
                "import-skipped",
                path = path.display().to_string(),
                why = why
            );
            progress.suspend(|| eprintln!("{line}"));
            skipped.push(path.to_path_buf());
            Ok(())
        }
        Err(e) => {
            problems.push(Problem::new(path, None, None, e));
            Ok(())
        }
    }
}

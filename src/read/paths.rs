//! Which files an import reads, from the paths it was given.
//!
//! A file given by name is read whatever its name or kind (a FIFO, `<(cat file.csv)`). A
//! directory is searched, sorted and depth first, for the report and CSV extensions, leaving
//! out hidden entries, a directory's own notes (`README`, `LICENSE`, `CHANGELOG`, `NOTICE`,
//! with or without an extension: `README.md`, `readme.txt`, but not `README_data.csv`), and
//! anything but regular files: a FIFO met in a directory would wait for a writer forever.
//! Images met there (`.png`, `.jpg`, `.tif`, `.gif`, `.webp`, `.bmp`) are told apart: a folder of reports may hold
//! pictures, and only an image holding a table is a report.
//!
//! Symbolic links are followed, but each directory is entered once and each file read once,
//! both known by device and inode: `x -> .` and `up -> ..` add nothing, and a file reached by
//! two paths, or given twice, is read under the first. A path that cannot be read (missing,
//! no permission) is listed with its error, as a file with a problem is, for the import to
//! report; the rest of the paths are still expanded.

use std::collections::HashSet;
use std::fs::Metadata;
use std::path::{Path, PathBuf};

/// The extensions of published reports; `.csv` is canonical CSV.
const REPORT_EXTENSIONS: [&str; 19] = [
    "txt", "text", "html", "htm", "md", "markdown", "pdf", // text, pages, PDF
    "shtml", "shtm", "xhtml", "jhtml", // pages as government sites name them
    "docx", "doc", "wps", "rtf", // Word and WPS Writer
    "xlsx", "xls", "et", "ods", // Excel, WPS Spreadsheets, OpenDocument
];

/// Images (scans, screenshots of a report's tables): a directory search takes them as
/// [`Input::Image`], read only when they hold a ruled table, for a folder of reports may hold
/// pictures too. The kinds OCR decodes (`ocr::is_image`), as sites and scanners name them.
const IMAGE_EXTENSIONS: [&str; 8] = ["png", "jpg", "jpeg", "tif", "tiff", "gif", "webp", "bmp"];

/// A directory's notes, by the name before the first dot (any case).
const NOTES: [&str; 4] = ["README", "LICENSE", "CHANGELOG", "NOTICE"];

/// One input of an import.
#[derive(Debug)]
pub enum Input {
    /// A file to read.
    File(PathBuf),
    /// An image met in a directory: read when it holds a report's table, else skipped (a
    /// photograph, a logo). An image given by name is a [`Input::File`].
    Image(PathBuf),
    /// A path given, or met in a directory, that cannot be read.
    Unreadable { path: PathBuf, error: PathError },
}

impl Input {
    pub fn path(&self) -> &Path {
        match self {
            Input::File(p) | Input::Image(p) | Input::Unreadable { path: p, .. } => p,
        }
    }
}

/// Why a path cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum PathError {
    #[error("cannot read: {0}")]
    Open(std::io::Error),
    #[error("cannot list the directory: {0}")]
    List(std::io::Error),
    /// A picture a web page beside it names, given without that page (already said in the
    /// reader's language).
    #[error("{0}")]
    PictureOfPage(String),
}

/// The inputs `paths` name, in order: each file once, directories expanded.
pub fn expand(paths: &[PathBuf]) -> Vec<Input> {
    expand_noting_skipped(paths).0
}

/// A regular file met in a directory and left aside (not hidden), with why: for the
/// per-file list of an import.
pub type Skipped = (PathBuf, String);

/// [`expand`], with the files a directory search left aside.
pub fn expand_noting_skipped(paths: &[PathBuf]) -> (Vec<Input>, Vec<Skipped>) {
    let mut walk = Walk::default();
    for p in paths {
        match std::fs::metadata(p) {
            Err(e) => walk.unreadable(p, PathError::Open(e)),
            Ok(meta) if meta.is_dir() => walk.directory(p, &meta),
            Ok(meta) => walk.file(p, &meta),
        }
    }
    (walk.out, walk.skipped)
}

/// Is this an image by its extension (any case)?
pub fn is_image(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    IMAGE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
}

/// Is this a file a directory search takes (by name: extension, not hidden, not a note)?
fn wanted_in_directory(path: &Path) -> bool {
    why_not_wanted(path).is_none()
}

/// Why a directory search leaves a file aside; None when it takes it. A hidden file is left
/// aside with an empty reason (it is not listed).
fn why_not_wanted(path: &Path) -> Option<String> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with('.') {
        return Some(String::new());
    }
    let stem = name.split('.').next().unwrap_or("").to_ascii_uppercase();
    if NOTES.contains(&stem.as_str()) {
        return Some(crate::t!("import-skip-notes", stem = stem));
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if ext == "csv" || REPORT_EXTENSIONS.contains(&ext.as_str()) || is_image(path) {
        return None;
    }
    Some(if ext.is_empty() {
        crate::t!("import-skip-no-extension")
    } else {
        crate::t!("import-skip-format", ext = ext)
    })
}

/// What a file or directory is, wherever it is reached from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Id {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg(not(unix))]
    Path(PathBuf),
}

#[cfg(unix)]
fn id(_path: &Path, meta: &Metadata) -> Id {
    use std::os::unix::fs::MetadataExt;
    Id::Inode(meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn id(path: &Path, _meta: &Metadata) -> Id {
    Id::Path(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
}

#[derive(Default)]
struct Walk {
    out: Vec<Input>,
    skipped: Vec<Skipped>,
    dirs: HashSet<Id>,
    files: HashSet<Id>,
}

impl Walk {
    fn unreadable(&mut self, path: &Path, error: PathError) {
        self.out.push(Input::Unreadable {
            path: path.to_path_buf(),
            error,
        });
    }

    fn file(&mut self, path: &Path, meta: &Metadata) {
        if self.files.insert(id(path, meta)) {
            self.out.push(Input::File(path.to_path_buf()));
        }
    }

    fn image(&mut self, path: &Path, meta: &Metadata) {
        if self.files.insert(id(path, meta)) {
            self.out.push(Input::Image(path.to_path_buf()));
        }
    }

    /// Searches `root`, depth first in name order, without recursion: a stack of the
    /// entries left in each directory entered.
    fn directory(&mut self, root: &Path, meta: &Metadata) {
        if !self.dirs.insert(id(root, meta)) {
            return;
        }
        let mut stack: Vec<std::vec::IntoIter<PathBuf>> = Vec::new();
        stack.extend(self.list(root).map(Vec::into_iter));
        while let Some(entries) = stack.last_mut() {
            let Some(p) = entries.next() else {
                stack.pop();
                continue;
            };
            let hidden = p
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            if hidden {
                continue;
            }
            let meta = match std::fs::metadata(&p) {
                Ok(meta) => meta,
                // A link to nothing, say: worth telling only if it would have been read.
                Err(e) => {
                    if wanted_in_directory(&p) {
                        self.unreadable(&p, PathError::Open(e));
                    }
                    continue;
                }
            };
            if meta.is_dir() {
                if self.dirs.insert(id(&p, &meta)) {
                    stack.extend(self.list(&p).map(Vec::into_iter));
                }
            } else if meta.is_file() {
                match why_not_wanted(&p) {
                    None if is_image(&p) => self.image(&p, &meta),
                    None => self.file(&p, &meta),
                    Some(why) if !why.is_empty() => self.skipped.push((p, why)),
                    Some(_) => {}
                }
            }
        }
    }

    /// A directory's entries in name order, or `None` (and the directory listed as
    /// unreadable) when it cannot be listed.
    fn list(&mut self, dir: &Path) -> Option<Vec<PathBuf>> {
        let listed: std::io::Result<Vec<PathBuf>> = std::fs::read_dir(dir)
            .and_then(|entries| entries.map(|e| e.map(|e| e.path())).collect());
        match listed {
            Ok(mut entries) => {
                entries.sort();
                Some(entries)
            }
            Err(e) => {
                self.unreadable(dir, PathError::List(e));
                None
            }
        }
    }
}

#[cfg(test)]
mod tests;

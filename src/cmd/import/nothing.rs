//! An import with nothing to read: no file found (said with what a folder search left aside
//! and why), or every path given unreadable (said without opening the database).

use crate::read::paths::Input;
use crate::read::{self, Problem, Problems};
use std::path::PathBuf;

/// How many of the files a folder search left aside the "nothing to import" error names.
const ASIDE_NAMED: usize = 10;

/// Nothing to import: said with what was left aside and why, so that a folder of pages saved
/// under a name gov-db does not take (or of the wrong files) is not a mystery.
pub(super) fn no_files(paths: &[PathBuf], skipped: &[read::paths::Skipped]) -> String {
    let paths = paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let mut message = crate::t!("import-no-files", paths = paths);
    let named = skipped.iter().filter(|(_, why)| !why.is_empty());
    for (path, why) in named.clone().take(ASIDE_NAMED) {
        message.push_str("\n  ");
        message.push_str(&crate::t!(
            "import-no-files-aside",
            path = path.display().to_string(),
            why = why.clone()
        ));
    }
    let more = named.count().saturating_sub(ASIDE_NAMED);
    if more > 0 {
        message.push_str("\n  ");
        message.push_str(&crate::t!("import-no-files-more", n = more));
    }
    message
}

/// Every path given is unreadable: the same error as a failed import's, without one.
pub(super) fn unreadable_only(files: &[Input]) -> anyhow::Error {
    let mut problems = Problems::default();
    for f in files {
        if let Input::Unreadable { path, error } = f {
            problems.push(Problem::new(path, None, None, error.to_string()));
        }
    }
    let n = problems.len();
    anyhow::Error::new(problems).context(crate::t!(
        "import-problems",
        n = n,
        shown = "",
        failed = n,
        files = n
    ))
}

//! What the OCR tests share (scans, screenshots, pictures in pages, Word and PDF files):
//! whether Tesseract is here, and the one shape most of them have: import a file, compare
//! every stored number with the ground truth, and check each was read by OCR with its place.

use crate::harness::{Env, records};
use std::path::Path;
use std::process::Command;

/// Is Tesseract installed? Said when not: the test that needs it passes without checking.
pub fn tesseract() -> bool {
    let found = Command::new("tesseract").arg("--version").output().is_ok();
    if !found {
        eprintln!("skipped: Tesseract is not installed; .ci/run installs it");
    }
    found
}

/// Imports `file` (with `args` before it: `--agency`, `--year` where the file does not give
/// them) and checks every stored number against `truth`, and that each was read by OCR: its
/// place starts with `place` (`page `, `<img src="`, `picture `) and gives its cell's box and
/// Tesseract's confidence (blank cells too: where each was seen blank). The environment, for
/// more checks; `None` when Tesseract is not installed.
pub fn reads_to(file: &Path, args: &[&str], truth: &[Vec<String>], place: &str) -> Option<Env> {
    if !tesseract() {
        return None;
    }
    let env = Env::new();
    let mut all: Vec<&std::ffi::OsStr> = vec!["import".as_ref()];
    all.extend(args.iter().map(std::ffi::OsStr::new));
    all.push(file.as_os_str());
    env.run(all).success();
    let got = records(&env.run(["export"]).success().stdout());
    assert_eq!(got, truth, "{}", file.display());
    let sql = "SELECT origin FROM fact_origin";
    let origins = records(&env.run(["sql", sql, "--format", "csv"]).success().stdout());
    assert_eq!(origins.len(), truth.len(), "{}", file.display());
    for o in &origins {
        assert!(
            o[0].starts_with(place) && o[0].contains(" cell (") && o[0].contains("OCR conf"),
            "{}: {o:?}",
            file.display()
        );
    }
    Some(env)
}

/// The ground truth in a CSV file, as records.
pub fn truth(path: &Path) -> Vec<Vec<String>> {
    records(&std::fs::read_to_string(path).expect("ground truth"))
}

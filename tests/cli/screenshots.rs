//! `gov-db import` on table screenshots of the real web reports (headless Chromium, cut to
//! the tables and stitched, tests/fixtures/scans/make.py) and on a printed web report scanned
//! back: each reads to its report's ground truth, every number with its page, pixel box and
//! OCR confidence. What they exercise that the 淮安 scan does not: small antialiased type
//! touching thin 1-pixel rules, headers printed one character a line, a unit printed in a
//! number cell (`75394432.52元`), cells on a gray ground, and a table broken across pages.

use crate::harness::{fixture, repo};
use crate::ocrread;
use std::path::{Path, PathBuf};

fn scan(name: &str) -> PathBuf {
    fixture("scans").join(name)
}

/// Imports `file` as the agency's report of `year` and checks every stored number against
/// `truth`, each read by OCR with its page, box and confidence.
fn reads_to(file: &Path, agency: &str, year: &str, truth: &Path) {
    let args = ["--agency", agency, "--year", year];
    ocrread::reads_to(file, &args, &ocrread::truth(truth), "page ");
}

/// 2019 template; 表二's procurement cell prints its unit (`75394432.52元`), which the
/// digits-only readings cannot see: the cell's Chinese reading keeps it, so the amount is
/// scaled to 万元 as the page's own text is; 表四's 总计 headers are printed one character a
/// line.
#[test]
fn the_2019_web_report_screenshot_reads_to_the_ground_truth() {
    reads_to(
        &scan("pingtan-2019-screenshot.png"),
        "平潭综合实验区",
        "2019",
        &repo().join("data/pingtan-2019.csv"),
    );
}

/// A Word export with fixed narrow columns: type touches the rules (`6.属于四类过程` runs into
/// its cell's right rule, a `2` into its left).
#[test]
fn the_2022_web_report_screenshot_reads_to_the_ground_truth() {
    reads_to(
        &scan("pingtan-2022-screenshot.png"),
        "平潭综合实验区",
        "2022",
        &repo().join("data/pingtan-2022.csv"),
    );
}

#[test]
fn the_2024_web_report_screenshot_reads_to_the_ground_truth() {
    reads_to(
        &scan("pingtan-2024-screenshot.png"),
        "平潭综合实验区",
        "2024",
        &fixture("readings/pingtan-2024.csv"),
    );
}

/// In colour, cells on a light gray ground, most of 表三's cells blank.
#[test]
fn the_shuyang_web_report_screenshot_reads_to_the_ground_truth() {
    reads_to(
        &scan("shuyang-fgj-2023-screenshot.png"),
        "沭阳县发展和改革局",
        "2023",
        &fixture("readings/shuyang-fgj-2023.csv"),
    );
}

/// The web report printed to PDF by Chromium, rasterised at 150 dpi in gray, JPEG: 表三 is
/// broken across pages 2 and 3, its row （六）1. left open at the foot of page 2 (no rule under
/// it) and ending on page 3.
#[test]
fn a_printed_web_report_scanned_reads_to_the_ground_truth() {
    reads_to(
        &scan("pingtan-2024-printed-scan.pdf"),
        "平潭综合实验区",
        "2024",
        &fixture("readings/pingtan-2024.csv"),
    );
}

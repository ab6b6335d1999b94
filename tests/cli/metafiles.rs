//! `gov-db import` on a Word report whose tables are metafiles (EMF): ranges of an Excel sheet
//! pasted as pictures (tests/fixtures/pictures/vector.py, from the real 平潭 2024 web report).
//! A metafile is a drawing with its text as text, which OCR cannot read: the document is read
//! as LibreOffice prints it to PDF, exactly. Before, its pictures were passed over as no
//! pictures at all, and the report refused as one without tables (`表三 … not found`).

use crate::bounded::refused_with;
use crate::harness::{Env, fixture, records, repo};
use crate::ocrread;
use std::process::Command;
use std::time::Duration;

fn file(ext: &str) -> std::path::PathBuf {
    fixture("pictures").join(format!("pingtan-2024-word-emf.{ext}"))
}

fn libreoffice() -> bool {
    let found = Command::new("soffice").arg("--version").output().is_ok();
    if !found {
        eprintln!("skipped: LibreOffice is not installed; .ci/run installs it");
    }
    found
}

#[test]
fn a_word_report_with_its_tables_as_emf_pictures_reads_to_the_ground_truth() {
    reads_to_the_ground_truth("docx");
}

/// …and saved as Word 97 by LibreOffice, the metafiles kept.
#[test]
fn a_word_97_report_with_its_tables_as_emf_pictures_reads_to_the_ground_truth() {
    reads_to_the_ground_truth("doc");
}

/// Every number of the ground truth, with no `--agency`: the title and year from the
/// document's paragraphs, each number from the print's text, its place `printed to PDF, line
/// N`; stored in the format published, and shown in Chinese as printed.
fn reads_to_the_ground_truth(ext: &str) {
    if !libreoffice() {
        return;
    }
    let env = Env::new();
    env.run(["import".as_ref(), file(ext).as_os_str()])
        .success();
    let truth = ocrread::truth(&fixture("readings/pingtan-2024.csv"));
    assert_eq!(records(&env.run(["export"]).success().stdout()), truth);
    let sql = "SELECT origin FROM fact_origin";
    let origins = records(&env.run(["sql", sql, "--format", "csv"]).success().stdout());
    assert_eq!(origins.len(), truth.len());
    for o in &origins {
        let line = o[0].strip_prefix("printed to PDF, line ");
        assert!(line.is_some_and(|n| n.parse::<u32>().is_ok()), "{o:?}");
    }
    let format = "SELECT DISTINCT format FROM report";
    let formats = records(
        &env.run(["sql", format, "--format", "csv"])
            .success()
            .stdout(),
    );
    assert_eq!(formats, [[ext]]);
    // The amount, printed `18651. 06` where LibreOffice's font is narrower than the metafile's.
    env.run(["export", "--agency", "平潭综合实验区"])
        .success()
        .stdout_has("fees,amount_10k_yuan,18651.06");
    env.run_in(
        "zh_CN.UTF-8",
        ["show", "--agency", "平潭综合实验区", "--year", "2024"],
    )
    .success()
    .stdout_has("打印为 PDF 后第");
}

/// Without LibreOffice the report is refused saying what its pictures are and what to
/// install, exit 1, in bounded time; nothing stored.
#[test]
fn a_word_report_with_emf_tables_without_libreoffice_says_what_to_install() {
    let env = Env::new();
    env.run(["import".as_ref(), repo().join("data").as_os_str()])
        .success();
    // A PATH where no LibreOffice is found.
    let empty = env.path("empty");
    std::fs::create_dir_all(&empty).unwrap();
    refused_with(
        &env,
        ["import".as_ref(), file("docx").as_os_str()],
        &[("PATH", empty.as_os_str())],
        Duration::from_secs(60),
        &[
            "pingtan-2024-word-emf.docx",
            "EMF pictures",
            "LibreOffice is not installed",
            "apt-get install libreoffice-writer-nogui",
            "save the document as PDF",
        ],
    );
}

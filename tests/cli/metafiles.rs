//! `gov-db import` on a Word report whose tables are metafiles (EMF): ranges of an Excel sheet
//! pasted as pictures (tests/fixtures/pictures/vector.py, from the real 平潭 2024 web report).
//! A metafile is a drawing with its text as text, which OCR cannot read: the document is read
//! as LibreOffice prints it to PDF, exactly. Before, its pictures were passed over as no
//! pictures at all, and the report refused as one without tables (`表三 … not found`).

use crate::bounded::refused_with;
use crate::harness::{Env, fixture, records, repo};
use crate::ocrread;
use crate::zips::{unzip_all, zip_parts};
use std::process::Command;
use std::time::Duration;

fn file(name: &str) -> std::path::PathBuf {
    fixture("pictures").join(name)
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
    reads_to_the_ground_truth("pingtan-2024-word-emf.docx", "docx");
}

/// …and saved as Word 97 by LibreOffice, the metafiles kept.
#[test]
fn a_word_97_report_with_its_tables_as_emf_pictures_reads_to_the_ground_truth() {
    reads_to_the_ground_truth("pingtan-2024-word-emf.doc", "doc");
}

/// …and with its tables as Windows Metafiles, their text in GBK, as Word 2003 kept them.
#[test]
fn a_word_report_with_its_tables_as_wmf_pictures_reads_to_the_ground_truth() {
    reads_to_the_ground_truth("pingtan-2024-word-wmf.docx", "docx");
}

/// Every number of the ground truth, with no `--agency`: the title and year from the
/// document's paragraphs, each number from the print's text, its place `printed to PDF, line
/// N`; stored in the format published, and shown in Chinese as printed.
fn reads_to_the_ground_truth(name: &str, format: &str) {
    if !libreoffice() {
        return;
    }
    let env = Env::new();
    env.run(["import".as_ref(), file(name).as_os_str()])
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
    let formats = "SELECT DISTINCT format FROM report";
    let formats = records(
        &env.run(["sql", formats, "--format", "csv"])
            .success()
            .stdout(),
    );
    assert_eq!(formats, [[format]]);
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
        [
            "import".as_ref(),
            file("pingtan-2024-word-emf.docx").as_os_str(),
        ],
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

/// A metafile that is no table (a logo) in a Word report whose own table is broken: the
/// refusal tells the document's own problem first, then the print's (or that LibreOffice is
/// missing); nothing stored.
#[test]
fn a_word_report_with_an_emf_logo_is_refused_for_its_own_table_first() {
    let env = Env::new();
    let src = std::fs::read(fixture("office/shuyang-fgj-2023.docx")).unwrap();
    // An EMF of nothing: its header, then its end.
    let mut logo = Vec::new();
    for v in [
        1u32,
        88,
        0,
        0,
        99,
        49,
        0,
        0,
        2646,
        1323,
        0x464D_4520,
        0x10000,
        108,
        2,
    ] {
        logo.extend(v.to_le_bytes());
    }
    logo.extend([1u8, 0, 0, 0]); // handles, reserved
    for v in [0u32, 0, 0, 1920, 1080, 508, 286, 14, 20, 0, 16, 20] {
        logo.extend(v.to_le_bytes());
    }
    let mut parts = unzip_all(&src);
    for (name, bytes) in &mut parts {
        let mut text = String::from_utf8(bytes.clone()).unwrap_or_default();
        if name == "word/document.xml" {
            // 本年新收's first figure, 26, printed `2 6`; the logo at the end.
            let at = text.find("本年新收").unwrap();
            let cell = at + text[at..].find(">26<").unwrap();
            text.replace_range(cell..cell + 4, ">2 6<");
            let logo = "<w:p><w:r><w:drawing><a:blip xmlns:a=\"a\" r:embed=\"rIdLogo\"/>\
                        </w:drawing></w:r></w:p></w:body>";
            *bytes = text.replace("</w:body>", logo).into_bytes();
        } else if name == "word/_rels/document.xml.rels" {
            let rel = "<Relationship Id=\"rIdLogo\" Type=\"http://schemas.openxmlformats.org/\
                       officeDocument/2006/relationships/image\" Target=\"media/logo.emf\"/>\
                       </Relationships>";
            *bytes = text.replace("</Relationships>", rel).into_bytes();
        }
    }
    parts.push(("word/media/logo.emf".to_string(), logo));
    let path = env.write("logo.docx", zip_parts(&parts));
    let run = env.run(["import".as_ref(), path.as_os_str()]);
    run.failure(1);
    let own = "logo.docx: 表三, row “本年新收政府信息公开申请数量” (received_new): expected 7 cells, \
               found 3; printed: 2 6 26; it holds EMF pictures";
    assert!(run.stderr().contains(own), "{}", run.stderr());
    assert_eq!(env.run(["export"]).success().stdout().lines().count(), 1);
}

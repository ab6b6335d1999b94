//! `gov-db import` on a PDF with a text layer whose tables are pictures: a Word report with
//! its tables pasted as pictures, printed to PDF (tests/fixtures/pictures/make.py, from the
//! real 平潭 2024 web report). The title and year come from the text layer, the tables from
//! the pictures by OCR, each number with its page, picture and pixel box. Before, the text
//! layer alone was read and the report refused: `表三 … row not found`.

use crate::harness::{Env, fixture, records};
use crate::ocrread;
use crate::zips::{unzip_all, zip_parts};
use std::process::Command;

#[test]
fn a_word_report_with_its_tables_as_pictures_printed_to_pdf_reads_to_the_ground_truth() {
    // 表二 on page 3, 表三 on page 4, 表四 on page 5: each its page's one picture.
    reads_to_the_ground_truth(
        "pdf",
        &[
            "page 3 picture 1 ",
            "page 4 picture 1 ",
            "page 5 picture 1 ",
        ],
    );
}

/// The same report as the Word file itself: its paragraphs read from the document's XML, its
/// tables from the pictures in its body (`word/media/`), each number naming its picture.
#[test]
fn a_word_report_with_its_tables_as_pictures_reads_to_the_ground_truth() {
    word_report_reads_to_the_ground_truth("docx");
}

/// …and saved as Word 97, read through LibreOffice's conversion.
#[test]
fn a_word_97_report_with_its_tables_as_pictures_reads_to_the_ground_truth() {
    if Command::new("soffice").arg("--version").output().is_err() {
        eprintln!("skipped: LibreOffice is not installed; .ci/run installs it");
        return;
    }
    word_report_reads_to_the_ground_truth("doc");
}

fn word_report_reads_to_the_ground_truth(ext: &str) {
    reads_to_the_ground_truth(ext, &["picture 1 ", "picture 2 ", "picture 3 "]);
}

/// Imports the fixture `pingtan-2024-word-pictures.EXT` with no `--agency` and checks every
/// number against the ground truth, and where the numbers were read: `places`, each the
/// start of a stored place up to ` cell (`.
fn reads_to_the_ground_truth(ext: &str, places: &[&str]) {
    let file = fixture("pictures").join(format!("pingtan-2024-word-pictures.{ext}"));
    let truth = ocrread::truth(&fixture("readings/pingtan-2024.csv"));
    // Each place starts with its page or picture: `places` gives them, distinct.
    let Some(env) = ocrread::reads_to(&file, &[], &truth, "") else {
        return;
    };
    let origins = records(
        &env.run([
            "sql",
            "SELECT DISTINCT substr(origin, 1, instr(origin, ' cell (')) FROM fact_origin ORDER BY 1",
            "--format",
            "csv",
        ])
        .success()
        .stdout(),
    );
    let places: Vec<Vec<String>> = places.iter().map(|p| vec![p.to_string()]).collect();
    assert_eq!(origins, places, "{ext}");
}

/// A Word file whose only pictures are no tables (a logo) fails as one without tables does,
/// and the database is as it was.
#[test]
fn a_word_report_whose_pictures_hold_no_table_is_refused_plainly() {
    let env = Env::new();
    let src = std::fs::read(fixture("pictures").join("pingtan-2024-word-pictures.docx")).unwrap();
    // The same document with each table picture replaced by a blank one of the same kind.
    let blank = {
        let mut png = Vec::new();
        image::GrayImage::from_pixel(200, 80, image::Luma([255]))
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        png
    };
    let mut parts = unzip_all(&src);
    for (name, bytes) in &mut parts {
        if name.starts_with("word/media/") {
            *bytes = blank.clone();
        }
    }
    let path = env.write("blank.docx", zip_parts(&parts));
    env.run(["import".as_ref(), path.as_os_str()])
        .failure(1)
        .stderr_has("no table");
    assert_eq!(env.run(["export"]).success().stdout().lines().count(), 1);
}

/// A Word file whose pictures could not be read (one cut short, one of a kind not read, one
/// missing from the file) is refused for its text's problem, then each picture with why: they
/// may be where the tables are. Nothing stored.
#[test]
fn a_word_report_whose_pictures_cannot_be_read_says_which_and_why() {
    let env = Env::new();
    let src = std::fs::read(fixture("pictures").join("pingtan-2024-word-pictures.docx")).unwrap();
    let mut parts = unzip_all(&src);
    parts.retain(|(name, _)| name != "word/media/image3.png");
    for (name, bytes) in &mut parts {
        match name.as_str() {
            "word/media/image1.png" => bytes.truncate(200),
            "word/media/image2.png" => {
                *bytes = b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>".to_vec()
            }
            _ => {}
        }
    }
    let path = env.write("unread.docx", zip_parts(&parts));
    env.run(["import".as_ref(), path.as_os_str()])
        .failure(1)
        .stderr_has("unread.docx: 表三")
        .stderr_has("of its pictures, which may hold the tables, these could not be read:")
        .stderr_has("picture 1: not an image that can be read")
        .stderr_has("picture 2: not a PNG, JPEG, TIFF, GIF, WebP or BMP picture")
        .stderr_has("picture 3: its part is missing from the document");
    env.run_in("zh_CN.UTF-8", ["import".as_ref(), path.as_os_str()])
        .failure(1)
        .stderr_has("；该文档中根本没有表格；文档中可能含表格的图片有以下无法读取：")
        .stderr_has("第 3 张图片：文档中缺少其内容");
    assert_eq!(env.run(["export"]).success().stdout().lines().count(), 1);
}

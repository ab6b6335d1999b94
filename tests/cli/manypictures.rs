//! Documents asking for more picture work than a report needs, in bounded time and memory:
//! each picture is decoded and searched for a table's rules (a tenth of a second or more), and
//! each table read by OCR (seconds). A page naming one picture a thousand times had it looked
//! at a thousand times (minutes); now each picture is looked at once. Past 64 distinct
//! pictures a web page is read as HTML alone (and says so if that fails), a Word report is
//! refused; past 24 pictures of tables, or 100 scanned pages, the report is refused before
//! any is read. Nothing is stored.

use crate::bounded::refused;
use crate::harness::{Env, fixture, repo};
use crate::pagesize::blank_pdf;
use crate::zips::{unzip_all, zip_parts};
use std::time::Duration;

/// A database holding the bundled reports, to see it unchanged.
fn env() -> Env {
    let env = Env::new();
    env.run(["import".as_ref(), repo().join("data").as_os_str()])
        .success();
    env
}

/// A white PNG of `w` × `h` pixels, its bytes made distinct by `mark` (a text chunk).
fn white_png(w: u32, h: u32, mark: u32) -> Vec<u8> {
    let mut png = Vec::new();
    image::GrayImage::from_pixel(w, h, image::Luma([255]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    marked(png, mark)
}

/// A PNG with a tEXt chunk holding `mark` before its end: the same picture, other bytes.
fn marked(mut png: Vec<u8>, mark: u32) -> Vec<u8> {
    let data = format!("gov-db\0{mark}").into_bytes();
    let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
    let typed: Vec<u8> = b"tEXt".iter().chain(&data).copied().collect();
    chunk.extend(&typed);
    chunk.extend(crate::zips::crc32(&typed).to_be_bytes());
    let end = png.len() - 12; // IEND: length, type, CRC
    png.splice(end..end, chunk);
    png
}

const PAGE_TITLE: &str = "<p>晋江市人民政府2024年政府信息公开工作年度报告</p>\
                          <p>三、收到和处理政府信息公开申请情况</p>";

#[test]
fn a_page_naming_one_picture_a_thousand_times_looks_at_it_once() {
    let env = env();
    let dir = env.path("page");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("blank.png"), white_png(2000, 2000, 0)).unwrap();
    let page = format!("{PAGE_TITLE}{}", "<img src=\"blank.png\">".repeat(1000));
    let page = env.write("page/report.html", page);
    refused(
        &env,
        ["import".as_ref(), page.as_os_str()],
        Duration::from_secs(30),
        &["report.html: 表三"],
    );
}

#[test]
fn a_page_with_more_pictures_than_are_looked_at_is_read_as_html_and_says_so() {
    let env = env();
    let dir = env.path("page");
    std::fs::create_dir(&dir).unwrap();
    let mut page = PAGE_TITLE.to_string();
    for i in 0..100 {
        std::fs::write(dir.join(format!("p{i}.png")), white_png(20, 20, i)).unwrap();
        page.push_str(&format!("<img src=\"p{i}.png\"><img src=\"gone{i}.png\">"));
    }
    let page = env.write("page/report.html", page);
    refused(
        &env,
        ["import".as_ref(), page.as_os_str()],
        Duration::from_secs(30),
        &[
            "report.html: 表三",
            "its 100 pictures were not looked at for tables: more than the 64 gov-db looks at in one page",
            "the page shows <img src=\"gone0.png\"> where a table may be",
        ],
    );
}

/// The Word report with its pictures replaced: `pictures(n)` gives picture n's bytes.
fn word_with_pictures(
    env: &Env,
    count: u32,
    picture: &dyn Fn(u32) -> Vec<u8>,
) -> std::path::PathBuf {
    let src = std::fs::read(fixture("pictures").join("pingtan-2024-word-pictures.docx")).unwrap();
    let mut parts = unzip_all(&src);
    for (name, bytes) in &mut parts {
        let text = String::from_utf8(bytes.clone()).unwrap_or_default();
        if name == "word/document.xml" {
            // `count` pictures of its own at the end of the body.
            let mut extra = String::new();
            for n in 0..count {
                extra.push_str(&format!(
                    "<w:p><w:r><w:drawing><a:blip xmlns:a=\"a\" r:embed=\"rIdMany{n}\"/>\
                     </w:drawing></w:r></w:p>"
                ));
            }
            *bytes = text
                .replace("</w:body>", &format!("{extra}</w:body>"))
                .into_bytes();
        } else if name == "word/_rels/document.xml.rels" {
            let mut rels = String::new();
            for n in 0..count {
                rels.push_str(&format!(
                    "<Relationship Id=\"rIdMany{n}\" Type=\"http://schemas.openxmlformats.org/\
                     officeDocument/2006/relationships/image\" Target=\"media/many{n}.png\"/>"
                ));
            }
            *bytes = text
                .replace("</Relationships>", &format!("{rels}</Relationships>"))
                .into_bytes();
        } else if name.starts_with("word/media/") {
            // The report's own table pictures: blank, so that only the added ones count.
            *bytes = white_png(40, 40, 9999);
        }
    }
    parts.extend((0..count).map(|n| (format!("word/media/many{n}.png"), picture(n))));
    env.write("many.docx", zip_parts(&parts))
}

#[test]
fn a_word_report_with_more_pictures_than_are_looked_at_is_refused() {
    let env = env();
    let file = word_with_pictures(&env, 100, &|n| white_png(20, 20, n));
    refused(
        &env,
        ["import".as_ref(), file.as_os_str()],
        Duration::from_secs(30),
        &[
            "many.docx: 表三",
            // The report's three blank pictures are one picture; 100 more.
            "it holds 101 pictures that may be tables, past the 64 gov-db looks at in one report",
        ],
    );
}

#[test]
fn a_word_report_with_more_pictures_of_tables_than_are_read_is_refused_before_ocr() {
    let env = env();
    let table = std::fs::read(fixture("scans/pingtan-2024-img/table4.png")).unwrap();
    let file = word_with_pictures(&env, 25, &|n| marked(table.clone(), n));
    refused(
        &env,
        ["import".as_ref(), file.as_os_str()],
        Duration::from_secs(60),
        &[
            "many.docx: 25 of its pictures hold ruled tables, past the 24 gov-db reads by OCR in one report",
        ],
    );
}

#[test]
fn more_scanned_pages_than_are_read_are_refused_before_any_is_made_an_image() {
    if !crate::ocrread::tesseract() {
        return;
    }
    let env = env();
    let file = env.write("pages.pdf", blank_pdf(&[(595, 842); 101]));
    refused(
        &env,
        ["import".as_ref(), file.as_os_str()],
        Duration::from_secs(30),
        &[
            "pages.pdf: 101 of its pages have no text layer, past the 100 gov-db reads by OCR in one report",
        ],
    );
}

//! Hostile Word, Excel and OpenDocument files, made here from the real ones (nothing large is
//! committed): zip bombs, parts nested a hundred thousand deep, sheets of a million cells or
//! spread over 16,384 columns, `.xls` records declaring 16 million cells, repeated `.ods`
//! cells covering a whole sheet, truncated zips, damaged compound files. Each import is run
//! under the bounds of `bounded.rs` (128 MiB of data, a deadline) and must be refused: exit 1,
//! the file and the reason named, the database as it was.

use crate::bounded::refused;
use crate::harness::{Env, fixture, repo};
use crate::zips::{bomb, crc32, deflate_stored, rezip, unzip_all, zip_of, zip_raw, zip_raw_owned};
use std::time::Duration;

/// A debug build takes a second or two for most, up to 25 s for the sheet of a million cells
/// (over 30 s on a machine shared by several builds); the defects took gigabytes, or aborted.
const LIMIT: Duration = Duration::from_secs(120);

fn imported() -> Env {
    let env = Env::new();
    env.run(["import".as_ref(), repo().join("data").as_os_str()])
        .success();
    env
}

fn office(name: &str) -> Vec<u8> {
    std::fs::read(fixture("office").join(name)).unwrap()
}

/// Writes `bytes` as `name`, checks the file is small, and imports it: refused saying `says`.
#[track_caller]
fn refuses(env: &Env, name: &str, bytes: Vec<u8>, says: &str) {
    assert!(bytes.len() < 4 << 20, "{name} is {} bytes", bytes.len());
    let file = env.write(name, bytes);
    refused(
        env,
        ["import".as_ref(), file.as_os_str()],
        LIMIT,
        &[name, says],
    );
}

/// A `.docx` whose body is `body`.
fn docx(body: &str) -> Vec<u8> {
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document \
         xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    zip_of(&[("word/document.xml", xml.as_bytes())])
}

/// The real 晋江 workbook with its first sheet's rows replaced by `rows`, under a declared
/// dimension of the whole sheet.
fn xlsx_with(rows: &str) -> Vec<u8> {
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
         <dimension ref=\"A1:XFD1048576\"/><sheetData>{rows}</sheetData></worksheet>"
    );
    rezip(
        &office("jinjiang-2024.xlsx"),
        "xl/worksheets/sheet1.xml",
        xml.as_bytes(),
    )
}

/// A spreadsheet column's letters: 0 is A, 16383 is XFD.
fn column(mut c: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap()
}

#[test]
fn zip_bombs_and_deep_parts_are_refused() {
    let env = imported();
    let gib2 = 2u64 << 30;
    // document.xml inflates to 2 GiB and says so.
    refuses(
        &env,
        "bomb.docx",
        zip_raw(&[("word/document.xml", bomb(gib2), gib2)]),
        "inflates to more than 64 MB",
    );
    // … and says it is 100 bytes: the read stops there whatever the stream holds.
    refuses(
        &env,
        "lying-bomb.docx",
        zip_raw(&[("word/document.xml", bomb(gib2), 100)]),
        "larger than its declared uncompressed size",
    );
    // A sheet of a workbook, read by calamine: inflated within the cap first.
    let book = office("jinjiang-2024.xlsx");
    let mut raw: Vec<(String, Vec<u8>, u64, u32)> = unzip_all(&book)
        .into_iter()
        .filter(|(n, _)| n != "xl/worksheets/sheet2.xml")
        .map(|(n, b)| (n, deflate_stored(&b), b.len() as u64, crc32(&b)))
        .collect();
    raw.push(("xl/worksheets/sheet2.xml".into(), bomb(gib2), gib2, 0));
    refuses(
        &env,
        "bomb.xlsx",
        zip_raw_owned(raw),
        "inflates to more than 64 MB",
    );
    // Tables nested in tables a hundred thousand deep, in 1 kB.
    refuses(
        &env,
        "deep.docx",
        docx(&"<w:tbl><w:tr><w:tc>".repeat(100_000)),
        "nests elements more than 1000 deep",
    );
    // A sheet's cell nested a hundred thousand deep: calamine reads past it; no tables.
    refuses(
        &env,
        "deep.xlsx",
        xlsx_with(&format!(
            "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is>{}</is></c></row>",
            "<r><t>".repeat(100_000)
        )),
        "deep.xlsx: ",
    );
}

#[test]
fn sheets_of_millions_of_cells_are_refused() {
    let env = imported();
    // A million cells (1,000 rows of 1,000), a few hundred kilobytes zipped.
    let mut rows = String::new();
    for r in 1..=1_000 {
        rows.push_str(&format!("<row r=\"{r}\">"));
        for c in 0..1_000 {
            rows.push_str(&format!("<c r=\"{}{r}\"><v>1</v></c>", column(c)));
        }
        rows.push_str("</row>");
    }
    refuses(
        &env,
        "million.xlsx",
        xlsx_with(&rows),
        "holds more than 200000 cells",
    );
    // The whole declared dimension used: 300 rows with a cell in column A and in XFD.
    let rows: String = (1..=300)
        .map(|r| {
            format!("<row r=\"{r}\"><c r=\"A{r}\"><v>1</v></c><c r=\"XFD{r}\"><v>1</v></c></row>")
        })
        .collect();
    refuses(
        &env,
        "spread.xlsx",
        xlsx_with(&rows),
        "uses 300 rows by 16384 columns",
    );
    // One shared string of 30,000 characters shown by 200,000 cells: 18 GB of copies (gov-db
    // 0.1 aborted on a failed allocation past 1 GB).
    let book = office("pingtan-2024.xlsx");
    let strings = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"1\" uniqueCount=\"1\"><si><t>{}</t></si></sst>",
        "报".repeat(30_000)
    );
    let book = rezip(&book, "xl/sharedStrings.xml", strings.as_bytes());
    let rows: String = (1..=200)
        .map(|r| {
            let cells: String = (0..1_000)
                .map(|c| format!("<c r=\"{}{r}\" t=\"s\"><v>0</v></c>", column(c)))
                .collect();
            format!("<row r=\"{r}\">{cells}</row>")
        })
        .collect();
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>{rows}</sheetData></worksheet>"
    );
    refuses(
        &env,
        "copies.xlsx",
        rezip(&book, "xl/worksheets/sheet1.xml", xml.as_bytes()),
        "more than 32 MB of text",
    );
}

/// The real 晋江 `.xls` with `patch` applied to its bytes.
fn xls_patched(patch: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let mut b = office("jinjiang-2024.xls");
    patch(&mut b);
    b
}

fn find(b: &[u8], pat: &[u8]) -> usize {
    b.windows(pat.len())
        .position(|w| w == pat)
        .expect("pattern")
}

#[test]
fn excel_97_records_declaring_millions_of_cells_are_refused() {
    let env = imported();
    // The first sheet's DIMENSIONS record (type 0x0200, 14 bytes) made 65,536 rows × 256
    // columns: calamine reserved room for 16 million cells (670 MB) as it opened the file.
    refuses(
        &env,
        "declared.xls",
        xls_patched(|b| {
            let at = find(b, &[0x00, 0x02, 0x0E, 0x00]) + 4;
            b[at + 4..at + 8].copy_from_slice(&65_536u32.to_le_bytes());
            b[at + 10..at + 12].copy_from_slice(&256u16.to_le_bytes());
        }),
        "declares a used range of 65536 rows × 256 columns",
    );
    // One cell (a LABELSST record) moved to row 65,536, column 256: the sheet's range from A1
    // to there is 16 million cells (gov-db 0.1 aborted on a failed allocation past 1 GB).
    refuses(
        &env,
        "far.xls",
        xls_patched(|b| {
            let at = find(b, &[0xFD, 0x00, 0x0A, 0x00]) + 4;
            b[at..at + 2].copy_from_slice(&65_535u16.to_le_bytes());
            b[at + 2..at + 4].copy_from_slice(&255u16.to_le_bytes());
        }),
        "would lay out more than 1000000 cells",
    );
    // The Workbook stream's directory entry claiming 2 GB.
    refuses(
        &env,
        "claims.xls",
        xls_patched(|b| {
            let at = find(
                b,
                "Workbook"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes)
                    .collect::<Vec<_>>()
                    .as_slice(),
            );
            b[at + 120..at + 124].copy_from_slice(&0x7FFF_0000u32.to_le_bytes());
        }),
        "claims.xls: ",
    );
    // Truncated to its first half.
    let half = office("jinjiang-2024.xls");
    refuses(
        &env,
        "half.xls",
        half[..half.len() / 2].to_vec(),
        "half.xls: ",
    );
    // 100 MB: refused by its size, unread.
    let file = env.path("huge.xls");
    let f = std::fs::File::create(&file).unwrap();
    use std::io::Write;
    (&f).write_all(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        .unwrap();
    f.set_len(100 << 20).unwrap();
    refused(
        &env,
        ["import".as_ref(), file.as_os_str()],
        LIMIT,
        &["huge.xls", "the file is 104857600 bytes"],
    );
}

const MANIFEST: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest \
    xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\
    <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
    <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>";

/// An OpenDocument spreadsheet of one sheet whose `content.xml` body is `table`.
fn ods(table: &str) -> Vec<u8> {
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content \
         xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
         <office:body><office:spreadsheet><table:table table:name=\"表\">{table}</table:table>\
         </office:spreadsheet></office:body></office:document-content>"
    );
    zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet".as_slice(),
        ),
        ("META-INF/manifest.xml", MANIFEST.as_bytes()),
        ("content.xml", content.as_bytes()),
    ])
}

#[test]
fn repeated_opendocument_cells_covering_a_sheet_are_refused() {
    let env = imported();
    // 2,000 rows, each one number repeated over 16,384 columns, in 1.6 kB: gov-db 0.1 aborted
    // on a failed allocation past 1 GB (calamine collects each row's cells, then the range).
    let row = "<table:table-row><table:table-cell table:number-columns-repeated=\"16384\" \
               office:value-type=\"float\" office:value=\"1\"/></table:table-row>";
    refuses(
        &env,
        "rows.ods",
        ods(&row.repeat(2_000)),
        "would be laid out as more than 1000000 cells",
    );
    // One number repeated over 16,384 columns and 1,048,576 rows (calamine stops at its cap
    // of 100 million cells, gigabytes): refused before.
    refuses(
        &env,
        "repeated.ods",
        ods("<table:table-row table:number-rows-repeated=\"1048576\">\
             <table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"float\" office:value=\"1\"/>\
             </table:table-row>"),
        "would be laid out as more than 1000000 cells",
    );
    // Text of 10,000 characters repeated over 16,384 columns and 10 rows: 490 MB of copies
    // (gov-db 0.1 aborted past 1 GB).
    refuses(
        &env,
        "copies.ods",
        ods(&format!(
            "<table:table-row table:number-rows-repeated=\"10\">\
             <table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"string\">\
             <text:p>{}</text:p></table:table-cell></table:table-row>",
            "报".repeat(10_000)
        )),
        "more than 32 MB of text",
    );
}

#[test]
fn truncated_zips_are_refused() {
    let env = imported();
    for name in [
        "pingtan-2024.docx",
        "jinjiang-2024.xlsx",
        "shuyang-fgj-2023.ods",
    ] {
        let whole = office(name);
        refuses(
            &env,
            &format!("cut-{name}"),
            whole[..whole.len() * 2 / 3].to_vec(),
            "not a readable zip archive",
        );
    }
}

/// A zip bomb, a part nested past the bound and a sheet past the cell cap, refused in the
/// reader's language under `--lang zh`, as the table reader's refusals are.
#[test]
fn the_refusals_are_said_in_chinese_under_zh() {
    let env = imported();
    let gib2 = 2u64 << 30;
    let zh = |name: &str, bytes: Vec<u8>, says: &str| {
        let file = env.write(name, bytes);
        refused(
            &env,
            [
                "--lang".as_ref(),
                "zh".as_ref(),
                "import".as_ref(),
                file.as_os_str(),
            ],
            LIMIT,
            &[name, says],
        );
    };
    zh(
        "bomb.docx",
        zip_raw(&[("word/document.xml", bomb(gib2), gib2)]),
        "word/document.xml 解压后超过 64 MB：未读取（压缩炸弹，或不是报告）",
    );
    zh(
        "deep.docx",
        docx(&"<w:tbl><w:tr><w:tc>".repeat(100_000)),
        "的元素嵌套超过 1000 层（表中套表，或是恶意文件）：未读取",
    );
    // 201 rows of 1,000 cells: past the cap of 200,000.
    let mut rows = String::new();
    for r in 1..=201 {
        rows.push_str(&format!("<row r=\"{r}\">"));
        for c in 0..1_000 {
            rows.push_str(&format!("<c r=\"{}{r}\"><v>1</v></c>", column(c)));
        }
        rows.push_str("</row>");
    }
    zh(
        "cells.xlsx",
        xlsx_with(&rows),
        "的单元格超过 200000 个：不是报告的表格",
    );
}

//! PDF with a text layer, through poppler's `pdftotext -layout`: it keeps a table row on one
//! line with its cells spaced out, which the text reader then handles like any
//! space-aligned text. A PDF whose pages (some or all) have no text layer is read by OCR (`ocr/`).
//!
//! `-layout` pads each line by the widths of its own characters, so the numbers of a row shift
//! with the width of its label: where a row leaves cells blank, its numbers cannot be placed
//! under their headings. For such a report the text is laid out again from each word's box
//! (`pdftotext -bbox-layout`): every word at the column its x position gives, on one scale for
//! the whole page, so a number stands under the heading it is printed under.

use std::process::Command;

/// `pdftotext -layout`'s text of the whole PDF, pages ended by form feeds.
pub fn layout(bytes: &[u8]) -> Result<String, String> {
    pdftotext(bytes, "-layout", super::MAX_TEXT)
}

/// The text of each page in [`layout`]'s text (a scanned page's is blank).
pub fn pages(text: &str) -> Vec<&str> {
    let mut pages: Vec<&str> = text.split('\u{c}').collect();
    // The text ends with a form feed: what follows the last one is no page.
    if pages.len() > 1 && pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// [`layout`]'s text when it has a text layer to read.
pub fn text_layer(text: String) -> Result<String, String> {
    if text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{c}')
        .count()
        < 20
    {
        return Err("the PDF has no text layer (a scan?)".into());
    }
    Ok(text)
}

/// The PDF's text laid out again from its words' boxes (see the module's comment).
pub fn to_text_from_boxes(bytes: &[u8]) -> Result<String, String> {
    relayout(&word_boxes(bytes)?)
}

/// `pdftotext -bbox-layout`: XHTML with a box for every word.
pub(super) fn word_boxes(bytes: &[u8]) -> Result<String, String> {
    // Each word with its box: about 13 times the text (the huaian fixture: 140 KB for 11 KB).
    pdftotext(bytes, "-bbox-layout", 4 * super::MAX_TEXT)
}

/// One word of `pdftotext -bbox-layout`.
struct Word {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    text: String,
}

/// Text from the XHTML of `pdftotext -bbox-layout`: per page, the words in rows (a word joins
/// a row it overlaps by half its height), each at the character column its x position gives.
/// Columns count characters, a CJK one included, as the text reader measures `-layout` text
/// (aligned.rs), so one column is the width of a CJK character of the page's small type:
/// header words then span what they cover on the page, and a number, narrower per character,
/// is centred where it is printed. Words that touch (running text) follow on. Fails where a
/// number would have to be pushed toward the next column to fit.
pub fn relayout(xhtml: &str) -> Result<String, String> {
    let doc = scraper::Html::parse_document(xhtml);
    let page_sel = scraper::Selector::parse("page").expect("a valid selector");
    let word_sel = scraper::Selector::parse("word").expect("a valid selector");
    let attr = |e: &scraper::ElementRef<'_>, name: &str| -> Option<f64> {
        e.value().attr(name)?.parse().ok()
    };
    let cjk =
        |c: char| ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c);
    let mut out = String::new();
    for page in doc.select(&page_sel) {
        let mut words: Vec<Word> = page
            .select(&word_sel)
            .filter_map(|w| {
                let text: String = w.text().collect::<String>().trim().to_string();
                Some(Word {
                    x0: attr(&w, "xmin")?,
                    y0: attr(&w, "ymin")?,
                    x1: attr(&w, "xmax")?,
                    y1: attr(&w, "ymax")?,
                    text,
                })
            })
            .filter(|w| !w.text.is_empty() && w.x1 > w.x0 && w.y1 > w.y0)
            .collect();
        let mut units: Vec<f64> = words
            .iter()
            .filter(|w| w.text.chars().all(cjk))
            .map(|w| (w.x1 - w.x0) / w.text.chars().count() as f64)
            .collect();
        if units.is_empty() {
            continue;
        }
        // The lower quartile: a table's small type, not the larger type of the text around
        // it, sets the scale, so that a header word spans the columns it covers.
        units.sort_by(f64::total_cmp);
        let unit = units[units.len() / 4].max(0.1);
        words.sort_by(|a, b| (a.y0 + a.y1).total_cmp(&(b.y0 + b.y1)));
        let mut rows: Vec<Vec<Word>> = Vec::new();
        for w in words {
            let joins = rows.last().is_some_and(|row: &Vec<Word>| {
                let (top, bottom) = row
                    .iter()
                    .fold((f64::MAX, f64::MIN), |(t, b), r| (t.min(r.y0), b.max(r.y1)));
                let overlap = w.y1.min(bottom) - w.y0.max(top);
                overlap >= 0.5 * (w.y1 - w.y0).min(bottom - top)
            });
            match rows.last_mut() {
                Some(row) if joins => row.push(w),
                _ => rows.push(vec![w]),
            }
        }
        for mut row in rows {
            row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let mut line = String::new();
            let mut at = 0usize;
            let mut prev_x1 = f64::MIN;
            for w in row {
                let chars = w.text.chars().count();
                // Running text (a number inside a sentence): words that touch follow on.
                if w.x0 - prev_x1 < unit / 2.0 {
                    line.push_str(&w.text);
                    at += chars;
                    prev_x1 = w.x1;
                    continue;
                }
                prev_x1 = w.x1;
                let number = w
                    .text
                    .chars()
                    .all(|c| c.is_ascii_digit() || ",.-".contains(c));
                let want = if number {
                    ((w.x0 + w.x1) / 2.0 / unit - chars as f64 / 2.0)
                        .round()
                        .max(0.0) as usize
                } else {
                    (w.x0 / unit).round() as usize
                };
                let col = if at == 0 { want } else { want.max(at + 1) };
                if number && col > want + 1 {
                    return Err(format!("{} cannot stand where it is printed", w.text));
                }
                line.extend(std::iter::repeat_n(' ', col - at));
                line.push_str(&w.text);
                at = col + chars;
            }
            out.push_str(&line);
            out.push('\n');
        }
        out.push('\u{c}');
        out.push('\n');
    }
    Ok(out)
}

/// Runs one of poppler's programs under the time limit (`program.rs`), `stdin` given, at most
/// `limit` bytes of output kept; a poppler not installed says how to install it.
fn poppler(
    name: &str,
    cmd: &mut Command,
    stdin: Option<Vec<u8>>,
    limit: u64,
) -> Result<super::program::Output, String> {
    use super::program::{self, ProgramError};
    program::run(
        name,
        cmd,
        stdin,
        limit,
        program::timeout(program::DEFAULT_TIMEOUT),
    )
    .map_err(|e| match e {
        ProgramError::NotFound { .. } => crate::t!("pdf-install"),
        ProgramError::Spawn { source, .. } => {
            crate::t!("pdf-cannot-run", error = source.to_string())
        }
        e => e.to_string(),
    })
}

/// What `pdftotext` writes to stdout with the given option, the PDF on its stdin, up to
/// `limit` bytes: past that, or past the time limit (`program.rs`), pdftotext is stopped and
/// the PDF refused.
fn pdftotext(bytes: &[u8], option: &str, limit: u64) -> Result<String, String> {
    let out = poppler(
        "pdftotext",
        Command::new("pdftotext").args([option, "-enc", "UTF-8", "-", "-"]),
        Some(bytes.to_vec()),
        limit,
    )?;
    if out.over_limit {
        return Err(format!(
            "pdftotext {option} gives more than {} MiB of text for this PDF (a report's is a few hundred KB); it was stopped there",
            limit >> 20
        ));
    }
    if !out.status.success() {
        let msg = String::from_utf8_lossy(&out.stderr);
        return Err(format!(
            "pdftotext could not read the PDF: {}",
            crate::read::quote(msg.trim())
        ));
    }
    // UTF-8 as asked; anything else is refused rather than read with replacement characters.
    String::from_utf8(out.stdout).map_err(|e| {
        format!(
            "pdftotext's text is not valid UTF-8 (at byte {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// The text layer's lines of each page, each with its top as a fraction of the page's height
/// (from `pdftotext -bbox-layout`'s XHTML): where a page's tables are pictures, the lines are
/// put among the tables read from them by their height on the page.
pub fn page_lines(xhtml: &str) -> Vec<Vec<(f64, String)>> {
    let doc = scraper::Html::parse_document(xhtml);
    let page_sel = scraper::Selector::parse("page").expect("a valid selector");
    let line_sel = scraper::Selector::parse("line").expect("a valid selector");
    let word_sel = scraper::Selector::parse("word").expect("a valid selector");
    let attr = |e: &scraper::ElementRef<'_>, name: &str| -> Option<f64> {
        e.value().attr(name)?.parse().ok()
    };
    doc.select(&page_sel)
        .map(|page| {
            let height = attr(&page, "height").filter(|h| *h > 0.0).unwrap_or(1.0);
            page.select(&line_sel)
                .filter_map(|line| {
                    let words: Vec<String> = line
                        .select(&word_sel)
                        .map(|w| w.text().collect::<String>().trim().to_string())
                        .filter(|w| !w.is_empty())
                        .collect();
                    let top = attr(&line, "ymin")?;
                    (!words.is_empty()).then(|| (top / height, words.join(" ")))
                })
                .collect()
        })
        .collect()
}

/// A picture placed at least this share of its page's width and of its height may be a table:
/// a logo, an icon, a seal or a rule is smaller.
const TABLE_PICTURE_SHARE: (f64, f64) = (0.3, 0.06);

/// A picture in a PDF, as `pdftohtml -xml` extracts it: its page (from 1), its top as a
/// fraction of the page's height, and its file's bytes (PNG or JPEG, the picture's own pixels).
pub struct Picture {
    pub page: usize,
    pub top: f64,
    /// It covers the page (a scanned page is one picture).
    pub covers: bool,
    pub bytes: Vec<u8>,
}

/// Why a PDF's pictures are not taken out.
#[derive(Debug)]
pub enum PicturesError {
    /// A picture past the bound, said in full: refused before any was taken out.
    TooLarge(String),
    /// They could not be listed or taken out (poppler missing, a PDF it cannot read): the
    /// text layer's problem is the one told.
    Other,
}

impl From<String> for PicturesError {
    fn from(_: String) -> Self {
        PicturesError::Other
    }
}

/// Refuses a PDF holding a picture of more than [`MAX_PIXELS`](super::ocr::MAX_PIXELS)
/// pixels, from `pdfimages -list`'s table of them (their sizes as the PDF declares them).
fn check_picture_sizes(file: &std::path::Path) -> Result<(), PicturesError> {
    let out = poppler(
        "pdfimages",
        Command::new("pdfimages").arg("-list").arg(file),
        None,
        super::MAX_TEXT,
    )?;
    if !out.status.success() {
        return Err(PicturesError::Other);
    }
    let list = String::from_utf8_lossy(&out.stdout);
    match too_large(&list, super::ocr::MAX_PIXELS) {
        Some((page, number, w, h)) => Err(PicturesError::TooLarge(crate::t!(
            "pdf-picture-too-large",
            page = page.to_string(),
            number = number.to_string(),
            width = w.to_string(),
            height = h.to_string(),
            million = (super::ocr::MAX_PIXELS / 1_000_000).to_string()
        ))),
        None => Ok(()),
    }
}

/// The first picture in `pdfimages -list`'s table past `max` pixels: its page, its number
/// among the page's pictures (from 1), its width and height.
fn too_large(list: &str, max: u64) -> Option<(usize, usize, u64, u64)> {
    let mut counted: Vec<(usize, usize)> = Vec::new();
    for line in list.lines() {
        // `   1     0 image    1024   768  rgb  3  8  jpeg  no  9  0  72  72  100K  4.4%`
        let f: Vec<&str> = line.split_whitespace().collect();
        let (Some(page), Some(w), Some(h)) = (
            f.first().and_then(|v| v.parse::<usize>().ok()),
            f.get(3).and_then(|v| v.parse::<u64>().ok()),
            f.get(4).and_then(|v| v.parse::<u64>().ok()),
        ) else {
            continue;
        };
        let number = match counted.iter_mut().find(|(p, _)| *p == page) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                counted.push((page, 1));
                1
            }
        };
        if w.saturating_mul(h) > max {
            return Some((page, number, w, h));
        }
    }
    None
}

/// A picture placed over at least this share of its page's width and height covers it.
const PAGE_SHARE: f64 = 0.9;

/// The pictures of the PDF placed large enough to be a table (poppler's `pdftohtml -xml`,
/// which writes each at its own resolution and says where it stands): a report written in
/// Word with its tables pasted as pictures, then printed, has a text layer that lacks them.
///
/// `pdftohtml` writes every picture it takes out, whatever its size: each picture's size is
/// asked of `pdfimages -list` first (read from the PDF's dictionaries, nothing decoded), and a
/// PDF holding one past [`MAX_PIXELS`](super::ocr::MAX_PIXELS) is refused
/// ([`PicturesError::TooLarge`]) before any is written.
pub fn pictures(bytes: &[u8]) -> Result<Vec<Picture>, PicturesError> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let file = dir.path().join("report.pdf");
    std::fs::write(&file, bytes).map_err(|e| e.to_string())?;
    check_picture_sizes(&file)?;
    let out = poppler(
        "pdftohtml",
        Command::new("pdftohtml")
            .args(["-xml", "-q", "-nodrm", "-zoom", "1"])
            .arg(&file)
            .arg(dir.path().join("out")),
        None,
        super::MAX_TEXT,
    )?;
    if !out.status.success() {
        return Err(PicturesError::Other);
    }
    let xml = std::fs::read_to_string(dir.path().join("out.xml")).map_err(|e| e.to_string())?;
    let mut found = Vec::new();
    for (page, top, covers, src) in large_pictures(&xml) {
        // Only a file pdftohtml wrote in the folder: never a path the PDF could name.
        let name = std::path::Path::new(&src)
            .file_name()
            .map(|n| dir.path().join(n));
        if let Some(bytes) = name.and_then(|f| std::fs::read(f).ok()) {
            found.push(Picture {
                page,
                top,
                covers,
                bytes,
            });
        }
    }
    Ok(found)
}

/// (page, top as a fraction of the page, whether it covers the page, file) of each picture in
/// `pdftohtml -xml`'s XML placed at least [`TABLE_PICTURE_SHARE`] of its page.
fn large_pictures(xml: &str) -> Vec<(usize, f64, bool, String)> {
    let doc = scraper::Html::parse_document(xml);
    let page_sel = scraper::Selector::parse("page").expect("a valid selector");
    // An HTML parser reads `<image>` as `<img>`, as the HTML standard says.
    let image_sel = scraper::Selector::parse("img, image").expect("a valid selector");
    let attr = |e: &scraper::ElementRef<'_>, name: &str| -> Option<f64> {
        e.value().attr(name)?.parse().ok()
    };
    let mut out = Vec::new();
    for page in doc.select(&page_sel) {
        let (Some(number), Some(width), Some(height)) = (
            page.value()
                .attr("number")
                .and_then(|n| n.parse::<usize>().ok()),
            attr(&page, "width").filter(|w| *w > 0.0),
            attr(&page, "height").filter(|h| *h > 0.0),
        ) else {
            continue;
        };
        for image in page.select(&image_sel) {
            let (Some(top), Some(w), Some(h), Some(src)) = (
                attr(&image, "top"),
                attr(&image, "width"),
                attr(&image, "height"),
                image.value().attr("src"),
            ) else {
                continue;
            };
            if w >= TABLE_PICTURE_SHARE.0 * width && h >= TABLE_PICTURE_SHARE.1 * height {
                let covers = w >= PAGE_SHARE * width && h >= PAGE_SHARE * height;
                out.push((number, top / height, covers, src.to_string()));
            }
        }
    }
    out
}

#[cfg(test)]
mod picture_tests {
    use super::*;

    #[test]
    fn large_pictures_are_told_from_logos_and_rules() {
        // pdftohtml's account of a Word report with its tables as pictures (pingtan 2024).
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE pdf2xml SYSTEM "pdf2xml.dtd">
<pdf2xml producer="poppler" version="24.02.0">
<page number="1" position="absolute" top="0" left="0" height="792" width="612">
<image top="20" left="20" width="40" height="40" src="out-1_1.png"/>
<image top="700" left="72" width="468" height="3" src="out-1_2.png"/>
<text top="72" left="100" width="400" height="18" font="0">平潭综合实验区2024年度政府信息公开工作年度报告</text>
</page>
<page number="3" position="absolute" top="0" left="0" height="792" width="612">
<image top="72" left="99" width="252" height="464" src="out-3_1.png"/>
</page>
<page number="5" position="absolute" top="0" left="0" height="792" width="612">
<image top="396" left="99" width="432" height="133" src="out-5_1.png"/>
</page>
<page number="6" position="absolute" top="0" left="0" height="792" width="612">
<image top="0" left="0" width="612" height="792" src="out-6_1.jpg"/>
</page>
</pdf2xml>"#;
        assert_eq!(
            large_pictures(xml),
            vec![
                (3, 72.0 / 792.0, false, "out-3_1.png".to_string()),
                (5, 0.5, false, "out-5_1.png".to_string()),
                (6, 0.0, true, "out-6_1.jpg".to_string())
            ]
        );
        assert!(large_pictures("").is_empty());
    }

    #[test]
    fn a_picture_past_the_bound_is_found_in_pdfimages_list() {
        let list = "page   num  type   width height color comp bpc  enc interp  object ID x-ppi y-ppi size ratio
--------------------------------------------------------------------------------------------
   1     0 image     800   600  gray    1   8  jpeg   no        10  0   300   300 25.3K 5.4%
   2     1 image     800   600  gray    1   8  jpeg   no        11  0   300   300 25.3K 5.4%
   2     2 smask    8000  6001  gray    1   8  image  no        12  0   300   300 25.3K 5.4%
";
        assert_eq!(too_large(list, 48_000_000), Some((2, 2, 8000, 6001)));
        assert_eq!(too_large(list, 48_008_000), None);
    }

    #[test]
    fn lines_keep_their_height_on_the_page() {
        let xhtml = r#"<html><body><doc>
<page width="600" height="800"><flow><block>
<line xMin="1" yMin="80" xMax="9" yMax="90"><word xMin="1" yMin="80" xMax="5" yMax="90">三、收到和处理</word><word xMin="5" yMin="80" xMax="9" yMax="90">申请情况</word></line>
<line xMin="1" yMin="400" xMax="9" yMax="410"><word xMin="1" yMin="400" xMax="9" yMax="410"> </word></line>
</block></flow></page>
<page width="600" height="0"><flow><block>
<line xMin="1" yMin="5" xMax="9" yMax="9"><word xMin="1" yMin="5" xMax="9" yMax="9">四</word></line>
</block></flow></page>
</doc></body></html>"#;
        let pages = page_lines(xhtml);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0], vec![(0.1, "三、收到和处理 申请情况".to_string())]);
        assert_eq!(pages[1], vec![(5.0, "四".to_string())]);
    }
}

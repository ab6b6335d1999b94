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

/// What `pdftotext` writes to stdout with the given option, the PDF on its stdin, up to
/// `limit` bytes: past that, or past the time limit (`program.rs`), pdftotext is stopped and
/// the PDF refused.
fn pdftotext(bytes: &[u8], option: &str, limit: u64) -> Result<String, String> {
    use super::program::{self, ProgramError};
    let out = program::run(
        "pdftotext",
        Command::new("pdftotext").args([option, "-enc", "UTF-8", "-", "-"]),
        Some(bytes.to_vec()),
        limit,
        program::timeout(program::DEFAULT_TIMEOUT),
    )
    .map_err(|e| match e {
        ProgramError::NotFound { .. } => crate::t!("pdf-install"),
        ProgramError::Spawn { source, .. } => {
            crate::t!("pdf-cannot-run", error = source.to_string())
        }
        e => e.to_string(),
    })?;
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

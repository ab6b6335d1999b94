//! A web page whose tables are pictures (`<img src="表三.png">`, as many sites publish them):
//! each picture that sits beside the page on disk (a relative `src`) and holds a ruled table
//! is read by OCR (`ocr/`) and put in the page where its `<img>` stands; the rest of the page
//! (title, year, headings) is read from the HTML. A cell read so names its picture:
//! `<img src="表三.png"> cell (x,y,w,h) OCR conf NN`. A picture the page names by a relative
//! path that is not there is told, with the heading it stands under, when the page does not
//! read: a table published as a picture is read from the file beside the page or not at all.
//! One that is there but does not decode (cut short, or an error page saved under its name)
//! refuses the page, named the same way: it may be a table, and is never left out unsaid.
//! A picture the page holds in itself (`<img src="data:image/png;base64,…">`, `datauri.rs`)
//! is read as one beside it is, named by its number among the page's pictures and its kind:
//! `picture 2 <img src="data:image/png;base64,…"> cell (x,y,w,h) OCR conf NN`.

use super::detect::Format;
use super::{Overrides, Reading, ReportError, datauri, html, ocr, scanned};
use std::path::{Path, PathBuf};

/// A picture of the page: its `src`, the line above it, the file it names beside the page
/// (none for a URL, a site's absolute path or a `data:` URI), and its number among the
/// page's pictures (from 1).
struct Picture {
    src: String,
    heading: Option<String>,
    file: Option<PathBuf>,
    number: usize,
}

impl Picture {
    /// ` (under “HEADING”)`, the line above it, said in the reader's language; empty when
    /// none.
    fn under(&self) -> String {
        self.heading
            .as_ref()
            .map(|h| crate::t!("imgtables-under", heading = h.as_str()))
            .unwrap_or_default()
    }

    /// Is it held in the page itself (a `data:` URI)?
    fn is_data(&self) -> bool {
        datauri::is_data(&self.src)
    }

    /// How it is named: `<img src="表三.png">`, or for one the page holds, its number among
    /// the page's pictures and its kind (`picture 2 <img src="data:image/png;base64,…">`).
    fn name(&self) -> String {
        if self.is_data() {
            let short = datauri::short(&self.src);
            format!("picture {} <img src=\"{short}\">", self.number)
        } else {
            format!("<img src=\"{}\">", self.src)
        }
    }
}

/// The places in `pics` of its pictures named for the first time: a page naming one picture
/// a thousand times has it looked at, read and told once, where it first stands.
fn distinct(pics: &[Picture]) -> Vec<usize> {
    let mut seen = std::collections::HashSet::new();
    (0..pics.len())
        .filter(|&i| seen.insert(pics[i].src.as_str()))
        .collect()
}

/// The places of the pictures to look at for a table: each held in the page, or beside it
/// on disk, once.
fn to_look_at(pics: &[Picture]) -> Vec<usize> {
    distinct(pics)
        .into_iter()
        .filter(|&i| pics[i].is_data() || pics[i].file.as_ref().is_some_and(|f| f.is_file()))
        .collect()
}

/// The most notes a page's refusal carries about its pictures, the rest counted.
const MAX_NOTES: usize = 8;

/// The page's pictures, in document order.
fn pictures(page: &Path, text: &str) -> Vec<Picture> {
    let mut out = Vec::new();
    let _ = html::read_with(text, &mut |src, b| {
        out.push(Picture {
            src: src.to_string(),
            heading: b.last_line().map(str::to_string),
            file: beside(page, src),
            number: out.len() + 1,
        })
    });
    out
}

/// The file a relative `src` names, from the page's folder: none for a URL (`https:`,
/// `data:`), a site's absolute path (`/images/logo.png`) or an empty one.
fn beside(page: &Path, src: &str) -> Option<PathBuf> {
    let src = src.split(['?', '#']).next()?.trim();
    if src.is_empty() || src.starts_with(['/', '\\']) || src.contains(':') {
        return None;
    }
    // Percent-encoded bytes (`%E8%A1%A8.png`) decoded; a name is UTF-8.
    let bytes = datauri::percent_decoded(src);
    let name = String::from_utf8(bytes).ok()?;
    Some(page.parent().unwrap_or(Path::new("")).join(name))
}

/// Does the page name a picture by a relative path, or hold one (a `data:` URI)? A quick
/// look at its `<img>` tags, so that a page without one (most: their pictures are the
/// site's, by absolute path) is not parsed twice.
fn any_relative_picture(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.match_indices("<img").any(|(at, _)| {
        let end = lower[at..].find('>').map_or(text.len(), |e| at + e);
        html::attr_text(&text[at + 1..end], "src").is_some_and(|src| {
            datauri::is_data(&src) || beside(Path::new("page.html"), &src).is_some()
        })
    })
}

/// The files a web page's relative pictures name (see [`super::pictures_beside`]).
pub(super) fn beside_files(path: &Path, bytes: &[u8]) -> Vec<PathBuf> {
    let Ok((text, _)) = crate::read::encoding::decode(bytes) else {
        return Vec::new();
    };
    if super::detect::text_format(&text) != Format::Html || !any_relative_picture(&text) {
        return Vec::new();
    }
    pictures(path, &text)
        .into_iter()
        .filter_map(|p| p.file)
        .collect()
}

/// Reads the web page at `path` (decoded: `text`) with its tables' pictures, or `None` when
/// it has no picture of a table beside it or in it (it is read as HTML alone).
pub(super) fn read(
    path: &Path,
    text: &str,
    overrides: &Overrides,
    partial: bool,
) -> Option<Result<Reading, ReportError>> {
    if !any_relative_picture(text) {
        return None;
    }
    let fail = |message: String| ReportError {
        file: path.display().to_string(),
        line: None,
        message,
    };
    let pics = pictures(path, text);
    // Past the bound the page is read as HTML alone; if it does not read, `missing` says
    // that its pictures were not looked at.
    let looked = to_look_at(&pics);
    if looked.len() > scanned::MAX_PICTURES {
        return None;
    }
    // Each picture on disk holding a ruled table, read by OCR, by its place among the page's
    // pictures. Every picture is looked at before any is read: one that cannot be decoded
    // refuses the page at once.
    let mut tables: Vec<(usize, Vec<u8>)> = Vec::new();
    for i in looked {
        let p = &pics[i];
        // A picture the page holds, decoded within the bound a picture file has; one beside
        // it read within the bounds of an image file given by name. One not there is told
        // when the page does not read (`missing`).
        let (bytes, said_image) = if p.is_data() {
            match datauri::bytes(&p.src, super::MAX_PDF) {
                // A lazy-loading page's placeholder (`data:image/gif;base64,`): no picture.
                Ok(bytes) if bytes.is_empty() => continue,
                Ok(bytes) => (bytes, datauri::declares_readable_image(&p.src)),
                Err(why) => return Some(Err(fail(undecoded(p, None, &why)))),
            }
        } else {
            let Some(file) = p.file.as_ref().filter(|f| f.is_file()) else {
                continue;
            };
            match super::read_file(file) {
                Ok(bytes) => (bytes, readable_name(file)),
                Err(e) => return Some(Err(fail(undecoded(p, Some(file), &e.message)))),
            }
        };
        let file = p.file.as_deref();
        // A picture of a kind gov-db reads that does not decode (cut short, or a page saved
        // under its name) may be a table: the page is not read without it.
        match ocr::is_image(&bytes).then(|| ocr::has_table(&bytes)) {
            Some(Ok(true)) => tables.push((i, bytes)),
            Some(Ok(false)) => {}
            Some(Err(ocr::OcrError::Image(why))) => {
                return Some(Err(fail(undecoded(p, file, &why))));
            }
            Some(Err(e)) => return Some(Err(fail(undecoded(p, file, &e.to_string())))),
            None if said_image => {
                let why = crate::t!("imgtables-not-an-image");
                return Some(Err(fail(undecoded(p, file, &why))));
            }
            None => {}
        }
    }
    let named = tables
        .into_iter()
        .map(|(i, bytes)| (i, pics[i].name(), bytes))
        .collect();
    let scans = match scanned::Pictures::read(named) {
        Ok(scans) => scans,
        Err(e) => return Some(Err(fail(e))),
    };
    if scans.is_empty() {
        return None;
    }
    let page = |pick: &[usize]| {
        let mut seen = 0;
        let read = html::read_with(text, &mut |_, b| {
            scans.emit(seen, b, pick);
            seen += 1;
        });
        read.expect("the page was read before")
    };
    let read = scans.settle(path, overrides, Format::Html, &page, partial);
    Some(read.map_err(|e| missing(e, path, text)))
}

/// Is this a picture's name of a kind gov-db reads (PNG, JPEG, TIFF, GIF, WebP, BMP)?
fn readable_name(file: &Path) -> bool {
    crate::read::paths::is_image(file)
}

/// Does the file start as an image gov-db reads (whatever its name)?
fn starts_as_image(file: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 16];
    let n = std::fs::File::open(file)
        .and_then(|f| f.take(16).read(&mut head))
        .unwrap_or(0);
    ocr::is_image(&head[..n])
}

/// A picture of the page that cannot be decoded: its `src`, the heading it stands under,
/// its file (none for one the page holds) and why.
fn undecoded(p: &Picture, file: Option<&Path>, why: &str) -> String {
    let Some(file) = file else {
        let src = p.name();
        return match p.heading.as_deref() {
            Some(heading) => crate::t!(
                "imgtables-held-undecoded-under",
                src = src,
                heading = heading,
                why = why
            ),
            None => crate::t!("imgtables-held-undecoded", src = src, why = why),
        };
    };
    let (src, file) = (p.src.as_str(), file.display().to_string());
    match p.heading.as_deref() {
        Some(heading) => crate::t!(
            "imgtables-undecoded-under",
            src = src,
            heading = heading,
            file = file,
            why = why
        ),
        None => crate::t!("imgtables-undecoded", src = src, file = file, why = why),
    }
}

/// A page's problem with the pictures it names beside it that are not there, each with the
/// heading above it: the table it stands for.
pub(super) fn missing(mut e: ReportError, path: &Path, text: &str) -> ReportError {
    if !any_relative_picture(text) {
        return e;
    }
    let pics = pictures(path, text);
    let looked = to_look_at(&pics).len();
    if looked > scanned::MAX_PICTURES {
        e.message.push_str(&crate::t!(
            "imgtables-not-looked-at",
            n = looked.to_string(),
            max = scanned::MAX_PICTURES.to_string()
        ));
    }
    let mut notes = Vec::new();
    for i in distinct(&pics) {
        let p = &pics[i];
        // One the page holds, of a kind gov-db does not read (an SVG): named, it may be the
        // table the page lacks. (One of a kind it reads refused the page as it was read.)
        if p.is_data() {
            if !datauri::declares_readable_image(&p.src) {
                let under = p.under();
                notes.push(crate::t!(
                    "imgtables-held-unread-kind",
                    src = p.name(),
                    under = under,
                    kinds = crate::t!("imgtables-not-an-image")
                ));
            }
            continue;
        }
        let Some(file) = p.file.as_ref() else {
            continue;
        };
        if file.is_file() {
            // There, but of a kind gov-db does not read (an SVG, a Windows metafile): it may
            // be the table the page lacks, and is named.
            if !readable_name(file) && !starts_as_image(file) {
                let under = p.under();
                notes.push(crate::t!(
                    "imgtables-unread-kind",
                    src = p.src.as_str(),
                    under = under,
                    file = file.display().to_string(),
                    kinds = crate::t!("imgtables-not-an-image")
                ));
            }
            continue;
        }
        notes.push(crate::t!(
            "imgtables-absent",
            src = p.src.as_str(),
            under = p.under(),
            file = file.display().to_string()
        ));
    }
    let more = notes.len().saturating_sub(MAX_NOTES);
    notes.truncate(MAX_NOTES);
    e.message.push_str(&notes.concat());
    if more > 0 {
        e.message
            .push_str(&crate::t!("imgtables-more", n = more.to_string()));
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_relative_src_names_a_file_beside_the_page() {
        let page = Path::new("/r/2024/report.html");
        assert_eq!(
            beside(page, "table3.png?v=2"),
            Some(PathBuf::from("/r/2024/table3.png"))
        );
        assert_eq!(
            beside(page, "img/%E8%A1%A8%E4%B8%89.png"),
            Some(PathBuf::from("/r/2024/img/表三.png"))
        );
        for away in [
            "/images/logo.png",
            "https://x.cn/a.png",
            "data:image/png;base64,AA",
            "",
        ] {
            assert_eq!(beside(page, away), None, "{away}");
        }
    }

    #[test]
    fn only_a_page_naming_a_picture_by_a_relative_path_is_looked_at_twice() {
        assert!(!any_relative_picture(
            r#"<p>x</p><IMG SRC="/images/logo.png"><img src='https://a.cn/b.png'>"#
        ));
        assert!(any_relative_picture(
            r#"<p>x</p><img alt="" src="表二.png" />"#
        ));
        assert!(!any_relative_picture("<p>no pictures</p>"));
    }
}

//! A web page whose tables are pictures (`<img src="表三.png">`, as many sites publish them):
//! each picture that sits beside the page on disk (a relative `src`) and holds a ruled table
//! is read by OCR (`ocr/`) and put in the page where its `<img>` stands; the rest of the page
//! (title, year, headings) is read from the HTML. A cell read so names its picture:
//! `<img src="表三.png"> cell (x,y,w,h) OCR conf NN`. A picture the page names by a relative
//! path that is not there is told, with the heading it stands under, when the page does not
//! read: a table published as a picture is read from the file beside the page or not at all.
//! One that is there but does not decode (cut short, or an error page saved under its name)
//! refuses the page, named the same way: it may be a table, and is never left out unsaid.

use super::detect::Format;
use super::{Overrides, Reading, ReportError, html, ocr, scanned};
use std::path::{Path, PathBuf};

/// A picture of the page: its `src`, the line above it, and the file it names beside the
/// page (none for a URL or a site's absolute path).
struct Picture {
    src: String,
    heading: Option<String>,
    file: Option<PathBuf>,
}

/// The page's pictures, in document order.
fn pictures(page: &Path, text: &str) -> Vec<Picture> {
    let mut out = Vec::new();
    let _ = html::read_with(text, &mut |src, b| {
        out.push(Picture {
            src: src.to_string(),
            heading: b.last_line().map(str::to_string),
            file: beside(page, src),
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
    let b = src.as_bytes();
    let mut bytes = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (
            b[i],
            b.get(i + 1).and_then(|&c| hex(c)),
            b.get(i + 2).and_then(|&c| hex(c)),
        ) {
            (b'%', Some(h), Some(l)) => {
                bytes.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, ..) => {
                bytes.push(c);
                i += 1;
            }
        }
    }
    let name = String::from_utf8(bytes).ok()?;
    Some(page.parent().unwrap_or(Path::new("")).join(name))
}

/// Does the page name a picture by a relative path? A quick look at its `<img>` tags, so
/// that a page without one (most: their pictures are the site's, by absolute path) is not
/// parsed twice.
fn any_relative_picture(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.match_indices("<img").any(|(at, _)| {
        let end = lower[at..].find('>').map_or(text.len(), |e| at + e);
        html::attr_text(&text[at + 1..end], "src")
            .is_some_and(|src| beside(Path::new("page.html"), &src).is_some())
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
/// it has no picture of a table beside it (it is read as HTML alone).
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
    // Each picture on disk holding a ruled table, read by OCR: its place among the pictures
    // (its cells' places are on "page" place + 1, named after the reading). Every picture is
    // looked at before any is read: one that cannot be decoded refuses the page at once.
    let mut tables: Vec<(usize, Vec<u8>)> = Vec::new();
    for (i, p) in pics.iter().enumerate() {
        // A picture not there is told when the page does not read (`missing`); one there is
        // read within the bounds of an image file given by name.
        let Some(file) = p.file.as_ref().filter(|f| f.is_file()) else {
            continue;
        };
        let bytes = match super::read_file(file) {
            Ok(bytes) => bytes,
            Err(e) => return Some(Err(fail(undecoded(p, file, &e.message)))),
        };
        // A picture of a kind gov-db reads that does not decode (cut short, or a page saved
        // under its name) may be a table: the page is not read without it.
        match ocr::is_image(&bytes).then(|| ocr::has_table(&bytes)) {
            Some(Ok(true)) => tables.push((i, bytes)),
            Some(Ok(false)) => {}
            Some(Err(ocr::OcrError::Image(why))) => {
                return Some(Err(fail(undecoded(p, file, &why))));
            }
            Some(Err(e)) => return Some(Err(fail(undecoded(p, file, &e.to_string())))),
            None if readable_name(file) => {
                let why = crate::t!("imgtables-not-an-image");
                return Some(Err(fail(undecoded(p, file, &why))));
            }
            None => {}
        }
    }
    let mut scans: Vec<(usize, ocr::Scanned)> = Vec::new();
    for (i, bytes) in tables {
        match ocr::read_image_as(&bytes, i + 1) {
            Ok(s) => scans.push((i, s)),
            Err(e) => {
                let src = &pics[i].src;
                return Some(Err(fail(format!("<img src=\"{src}\">: {e}"))));
            }
        }
    }
    if scans.is_empty() {
        return None;
    }
    // The doubtful cells of all the pictures, in order: picture k's are from offset[k].
    let mut doubts = Vec::new();
    let mut offset = Vec::new();
    for (_, s) in &scans {
        offset.push(doubts.len());
        doubts.extend(s.doubts.iter().cloned());
    }
    let page = |pick: &[usize]| {
        let mut seen = 0;
        let read = html::read_with(text, &mut |_, b| {
            if let Some(k) = scans.iter().position(|(i, _)| *i == seen) {
                let n = scans[k].1.doubts.len();
                let mine = pick.get(offset[k]..offset[k] + n).unwrap_or(&[]);
                scans[k].1.emit_into(b, mine);
            }
            seen += 1;
        });
        read.expect("the page was read before")
    };
    let read = scanned::settle(path, overrides, Format::Html, &doubts, &page, partial);
    let name = |s: &str| {
        let mut s = s.to_string();
        for (i, _) in &scans {
            let src = &pics[*i].src;
            s = s.replace(
                &format!("page {} cell (", i + 1),
                &format!("<img src=\"{src}\"> cell ("),
            );
        }
        s
    };
    Some(match read {
        Ok(mut r) => {
            for c in &mut r.report.cells {
                c.origin = c.origin.as_deref().map(name);
            }
            Ok(r)
        }
        Err(mut e) => {
            e.message = name(&e.message);
            Err(missing(e, path, text))
        }
    })
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

/// A picture beside the page that cannot be decoded: its `src`, the heading it stands under,
/// its file and why.
fn undecoded(p: &Picture, file: &Path, why: &str) -> String {
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
    for p in pictures(path, text) {
        let Some(file) = p.file else {
            continue;
        };
        if file.is_file() {
            // There, but of a kind gov-db does not read (an SVG, a Windows metafile): it may
            // be the table the page lacks, and is named.
            if !readable_name(&file) && !starts_as_image(&file) {
                let under = p
                    .heading
                    .map(|h| crate::t!("imgtables-under", heading = h))
                    .unwrap_or_default();
                e.message.push_str(&crate::t!(
                    "imgtables-unread-kind",
                    src = p.src,
                    under = under,
                    file = file.display().to_string(),
                    kinds = crate::t!("imgtables-not-an-image")
                ));
            }
            continue;
        }
        e.message.push_str(&format!(
            "; the page shows <img src=\"{}\"> where a table may be{}, but {} is not there (a \
             table published as a picture is read from the file beside the page)",
            p.src,
            p.heading
                .map(|h| format!(" (under “{h}”)"))
                .unwrap_or_default(),
            file.display()
        ));
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

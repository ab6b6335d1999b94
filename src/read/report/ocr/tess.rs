//! The programs OCR runs on: poppler's `pdftoppm` to make a page an image, Tesseract to read
//! images. Tesseract reads many images in one process when given a file listing them, so the
//! cells of a page are read in one run per kind (numbers, labels), not one process per cell;
//! its TSV output numbers the images it read (`page_num`), which maps each word back.
//!
//! A PDF page's size is asked of poppler's `pdfinfo` before `pdftoppm` makes it an image: a
//! page of 200 × 200 inches (the largest a PDF may declare) is 3.6 GB of pixels at 300 dpi,
//! written to disk before its size could be seen in the image; such a page is refused first.

use super::OcrError;
use crate::read::report::program::{self, ProgramError};
use image::GrayImage;
use std::path::{Path, PathBuf};
use std::process::Command;

/// At most this much of a program's stdout is kept: Tesseract's TSV for a page's cells takes
/// a few hundred KB, its list of languages a few hundred bytes; pdftoppm writes to a file.
const MAX_OUTPUT: u64 = 64 << 20;

/// Runs an OCR program under the time limit (`program.rs`); `missing` is what to install.
fn run(name: &str, cmd: &mut Command, missing: &str) -> Result<program::Output, OcrError> {
    match program::run(
        name,
        cmd,
        None,
        MAX_OUTPUT,
        program::timeout(program::DEFAULT_TIMEOUT),
    ) {
        Ok(out) if out.over_limit => Err(OcrError::Run(format!(
            "{name} wrote more than {} MiB: stopped",
            MAX_OUTPUT >> 20
        ))),
        Ok(out) => Ok(out),
        Err(ProgramError::NotFound { .. }) => Err(OcrError::Missing(missing.into())),
        Err(e) => Err(OcrError::Run(e.to_string())),
    }
}

const TESSERACT: &str = "reading a scanned report needs Tesseract 5 with its Simplified Chinese \
    data, which is not installed; install it (Debian/Ubuntu: apt-get install tesseract-ocr \
    tesseract-ocr-chi-sim; Fedora: dnf install tesseract tesseract-langpack-chi_sim; macOS: \
    brew install tesseract tesseract-lang)";
const CHI_SIM: &str = "Tesseract has no Simplified Chinese data (chi_sim); install it \
    (Debian/Ubuntu: apt-get install tesseract-ocr-chi-sim; Fedora: dnf install \
    tesseract-langpack-chi_sim; macOS: brew install tesseract-lang)";
const PDFTOPPM: &str = "reading a scanned PDF needs poppler's pdftoppm, which is not \
    installed; install it (Debian/Ubuntu: apt-get install poppler-utils; Fedora: dnf install \
    poppler-utils; macOS: brew install poppler)";

/// One word Tesseract read: which image of the run (from 1), its box and confidence (0–100).
#[derive(Clone, Debug)]
pub struct Word {
    pub image: usize,
    pub x: usize,
    pub y: usize,
    pub w: usize,
    pub h: usize,
    pub conf: f64,
    pub text: String,
}

/// The resolution pages are made images at.
pub const DPI: f64 = 300.0;

/// Refuses the first of `pages` (each from 1) of the PDF at `pdf` whose MediaBox (what
/// `pdftoppm` makes an image of) is past [`MAX_PIXELS`](super::pixels::MAX_PIXELS) at
/// [`DPI`], before any is made an image.
pub fn check_sizes(pdf: &Path, pages: &[usize]) -> Result<(), OcrError> {
    let (Some(&first), Some(&last)) = (pages.iter().min(), pages.iter().max()) else {
        return Ok(());
    };
    let out = run(
        "pdfinfo",
        Command::new("pdfinfo")
            .args(["-box", "-f", &first.to_string(), "-l", &last.to_string()])
            .arg(pdf),
        PDFTOPPM,
    )?;
    if !out.status.success() {
        return Err(OcrError::Run(format!(
            "pdfinfo could not read the PDF's pages: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    for (page, w, h) in media_boxes(&String::from_utf8_lossy(&out.stdout)) {
        if !pages.contains(&page) {
            continue;
        }
        let px = |pt: f64| (pt * DPI / 72.0).ceil();
        let (pw, ph) = (px(w), px(h));
        if pw * ph > super::pixels::MAX_PIXELS as f64 {
            return Err(OcrError::Image(crate::t!(
                "ocr-page-too-large",
                page = page.to_string(),
                wpt = format!("{w:.0}"),
                hpt = format!("{h:.0}"),
                width = format!("{pw:.0}"),
                height = format!("{ph:.0}"),
                dpi = format!("{DPI:.0}"),
                million = (super::pixels::MAX_PIXELS / 1_000_000).to_string()
            )));
        }
    }
    Ok(())
}

/// Each page's MediaBox width and height in points, from `pdfinfo -box -f F -l L`
/// (`Page    1 MediaBox:      0.00     0.00   595.20   842.40`).
fn media_boxes(info: &str) -> Vec<(usize, f64, f64)> {
    info.lines()
        .filter_map(|l| {
            let rest = l.strip_prefix("Page")?;
            let (page, rest) = rest.trim_start().split_once(' ')?;
            let corners: Vec<f64> = rest
                .trim_start()
                .strip_prefix("MediaBox:")?
                .split_whitespace()
                .map(str::parse)
                .collect::<Result<_, _>>()
                .ok()?;
            let [x0, y0, x1, y1] = corners[..] else {
                return None;
            };
            Some((page.parse().ok()?, (x1 - x0).abs(), (y1 - y0).abs()))
        })
        .collect()
}

/// Page `page` (from 1) of the PDF at `pdf`, rasterised at 300 dpi in gray.
pub fn rasterise(pdf: &Path, page: usize, dir: &Path) -> Result<GrayImage, OcrError> {
    let out = dir.join(format!("page{page}"));
    let p = page.to_string();
    let status = run(
        "pdftoppm",
        Command::new("pdftoppm")
            .args(["-r", "300", "-gray", "-f", &p, "-l", &p, "-singlefile"])
            .arg(pdf)
            .arg(&out),
        PDFTOPPM,
    )?;
    if !status.status.success() {
        return Err(OcrError::Run(format!(
            "pdftoppm could not make page {page} an image: {}",
            String::from_utf8_lossy(&status.stderr).trim()
        )));
    }
    let file = out.with_extension("pgm");
    let img = super::pixels::gray_file(&file, page);
    let _ = std::fs::remove_file(file);
    img
}

/// Is Tesseract there, with its Chinese data? Asked once, before any page is read, so that
/// the error says what to install rather than what failed.
pub fn check() -> Result<(), OcrError> {
    let out = run(
        "tesseract",
        Command::new("tesseract").arg("--list-langs"),
        TESSERACT,
    )?;
    let langs = String::from_utf8_lossy(&out.stdout);
    if !langs.lines().any(|l| l.trim() == "chi_sim") {
        return Err(OcrError::Missing(CHI_SIM.into()));
    }
    Ok(())
}

/// Reads the images at `paths` in one Tesseract process: their words, by image.
pub fn read(
    paths: &[PathBuf],
    dir: &Path,
    name: &str,
    args: &[&str],
) -> Result<Vec<Word>, OcrError> {
    if paths.is_empty() {
        return Ok(Vec::new());
    }
    let input = if paths.len() == 1 {
        paths[0].clone()
    } else {
        let list = dir.join(format!("{name}.txt"));
        let text: String = paths.iter().map(|p| format!("{}\n", p.display())).collect();
        std::fs::write(&list, text).map_err(|e| OcrError::Run(e.to_string()))?;
        list
    };
    let started = std::time::Instant::now();
    let out = run(
        "tesseract",
        Command::new("tesseract")
            .arg(&input)
            .arg("stdout")
            .args(args)
            .arg("tsv")
            // One core per process: pages are read side by side, one thread each.
            .env("OMP_THREAD_LIMIT", "1"),
        TESSERACT,
    )?;
    if !out.status.success() {
        return Err(OcrError::Run(format!(
            "tesseract failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    super::trace::run(
        &format!("tesseract {name} {}", args.join(" ")),
        paths.len(),
        started,
    );
    Ok(parse_tsv(&String::from_utf8_lossy(&out.stdout)))
}

/// The words (level 5 rows with text) of Tesseract's TSV output.
fn parse_tsv(tsv: &str) -> Vec<Word> {
    let mut out = Vec::new();
    for line in tsv.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 12 || f[0] != "5" || f[11].trim().is_empty() {
            continue;
        }
        let n = |i: usize| f[i].parse::<usize>().unwrap_or(0);
        out.push(Word {
            image: n(1),
            x: n(6),
            y: n(7),
            w: n(8),
            h: n(9),
            conf: f[10].parse().unwrap_or(0.0),
            text: f[11].trim().to_string(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_boxes_by_page() {
        let info = "Page    1 size:  14400 x 14400 pts\n\
                    Page    1 MediaBox:      0.00     0.00 14400.00 14400.00\n\
                    Page    1 CropBox:       0.00     0.00   595.20   842.40\n\
                    Page   12 MediaBox:     10.00    20.00   610.00   862.00\n\
                    Page   13 MediaBox:     broken\n";
        assert_eq!(
            media_boxes(info),
            vec![(1, 14400.0, 14400.0), (12, 600.0, 842.0)]
        );
    }

    #[test]
    fn tsv_words_by_image() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                   1\t1\t0\t0\t0\t0\t0\t0\t100\t50\t-1\t\n\
                   5\t1\t1\t1\t1\t1\t10\t12\t30\t20\t96.5\t3001\n\
                   5\t2\t1\t1\t1\t1\t11\t13\t31\t21\t41.0\t53\n";
        let w = parse_tsv(tsv);
        assert_eq!(w.len(), 2);
        assert_eq!((w[1].image, w[1].text.as_str(), w[1].conf), (2, "53", 41.0));
    }
}

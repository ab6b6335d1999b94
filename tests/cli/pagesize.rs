//! A scanned PDF page is made an image by pdftoppm at 300 dpi; a PDF may declare a page of
//! 200 × 200 inches (60,000 pixels a side, 3.6 GB written to disk). Its size is asked of
//! pdfinfo first and such a page refused, naming it, before any page is made an image.
//! Likewise a picture on a page with a text layer, which pdftohtml takes out at its own size:
//! its size is asked of pdfimages first, and a picture too large refused before any is.

use crate::harness::{Env, records};
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

/// A PDF of pages with these MediaBoxes (width, height in points) and nothing on them: no
/// text layer, so each is a page to read by OCR.
pub fn blank_pdf(boxes: &[(u32, u32)]) -> Vec<u8> {
    let n = boxes.len();
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 3 + 2 * i)).collect();
    let mut objs = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")),
    ];
    for (i, (w, h)) in boxes.iter().enumerate() {
        objs.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w} {h}] /Resources << >> /Contents {} 0 R >>",
            4 + 2 * i
        ));
        objs.push("<< /Length 0 >>\nstream\n\nendstream".to_string());
    }
    pdf_of(&objs)
}

/// An A4 page with a line of text (a text layer) and, below it, a picture of `w` × `h` gray
/// pixels placed over most of the page. Its pixels are not there (the stream is empty):
/// pdfimages lists the size the PDF declares, and pdftohtml would write that many.
fn text_and_picture_pdf(w: u32, h: u32) -> Vec<u8> {
    let text = "Annual report on government information disclosure, 2024";
    let content = format!("BT /F1 12 Tf 72 800 Td ({text}) Tj ET q 500 0 0 700 50 60 cm /Im1 Do Q");
    let objs =
        vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> \
         /XObject << /Im1 6 0 R >> >> /Contents 4 0 R >>"
            .to_string(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
        format!(
            "<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceGray \
             /BitsPerComponent 8 /Length 0 >>\nstream\n\nendstream"
        ),
    ];
    pdf_of(&objs)
}

/// A PDF of these objects (numbered from 1, the first the catalog), with its xref table.
fn pdf_of(objs: &[String]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .bytes(),
    );
    out
}

/// A folder with the real pdftotext, pdfinfo and tesseract, and a pdftoppm that only leaves
/// a mark that it ran; `None` when one of them is not installed.
fn programs(env: &Env) -> Option<(PathBuf, PathBuf)> {
    programs_faking(env, &["pdftotext", "pdfinfo", "tesseract"], "pdftoppm")
}

/// A folder with the real `tools`, and a `fake` that only leaves a mark that it ran (and
/// fails); `None` when one of the tools is not installed.
fn programs_faking(env: &Env, tools: &[&str], fake: &str) -> Option<(PathBuf, PathBuf)> {
    let bin = env.path("bin");
    std::fs::create_dir_all(&bin).expect("bin dir");
    for &tool in tools {
        let Some(found) = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
            .map(|d| d.join(tool))
            .find(|p| p.is_file())
        else {
            eprintln!("skipped: {tool} is not installed; .ci/run installs it");
            return None;
        };
        std::os::unix::fs::symlink(found, bin.join(tool)).expect("link");
    }
    let marker = env.path(&format!("{fake}.ran"));
    let fake = bin.join(fake);
    std::fs::write(
        &fake,
        // A redirection, not `touch`: PATH holds this folder alone.
        format!("#!/bin/sh\n: > '{}'\nexit 1\n", marker.display()),
    )
    .expect("fake pdftoppm");
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    Some((bin, marker))
}

#[test]
fn a_giant_page_is_refused_before_any_page_is_made_an_image() {
    let env = Env::new();
    let Some((bin, marker)) = programs(&env) else {
        return;
    };
    // An A4 page, then one of 200 × 200 inches.
    let pdf = env.write("giant.pdf", blank_pdf(&[(595, 842), (14400, 14400)]));
    let out = env
        .run_with_path(&bin, ["import".as_ref(), pdf.as_os_str()])
        .output;
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("giant.pdf"), "{err}");
    assert!(
        err.contains(
            "page 2 is 14400 × 14400 pt, 60000 × 60000 pixels at 300 dpi, past the 48 million"
        ),
        "{err}"
    );
    assert!(err.contains("refused before it was made an image"), "{err}");
    assert!(!marker.exists(), "pdftoppm ran");
    let n = env.run(["sql", "SELECT count(*) FROM report", "--format", "csv"]);
    assert_eq!(records(&n.stdout()), [["0"]]);
}

/// A page within the bound (A2, 35 million pixels at 300 dpi) goes on to pdftoppm.
#[test]
fn a_page_within_the_bound_is_made_an_image() {
    let env = Env::new();
    let Some((bin, marker)) = programs(&env) else {
        return;
    };
    let pdf = env.write("a2.pdf", blank_pdf(&[(1191, 1684)]));
    let out = env
        .run_with_path(&bin, ["import".as_ref(), pdf.as_os_str()])
        .output;
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("pdftoppm could not make page 1 an image"),
        "{err}"
    );
    assert!(marker.exists(), "pdftoppm did not run");
}

/// A PDF with a text layer and a picture declared 20,000 × 20,000 pixels (400 million): the
/// text does not read as a report, so its pictures are looked at for tables; the picture is
/// refused, naming its page and size, before pdftohtml (which would write it whole to the
/// temporary folder) runs. Was: pdftohtml wrote it, and the 48 million check came after.
#[test]
fn a_giant_picture_is_refused_before_any_picture_is_taken_out() {
    let env = Env::new();
    let tools = ["pdftotext", "pdfinfo", "pdfimages", "tesseract"];
    let Some((bin, marker)) = programs_faking(&env, &tools, "pdftohtml") else {
        return;
    };
    let pdf = env.write("giant-picture.pdf", text_and_picture_pdf(20_000, 20_000));
    let import = |lang: &str| {
        let args = [
            "--lang".as_ref(),
            lang.as_ref(),
            "import".as_ref(),
            pdf.as_os_str(),
        ];
        env.run_with_path(&bin, args).output
    };
    let out = import("en");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("giant-picture.pdf"), "{err}");
    assert!(
        err.contains(
            "page 1 picture 1 is 20000 × 20000 pixels, past the 48 million a page scanned at 300 \
             dpi or a screenshot of a report's tables has: refused before it was taken out of the PDF"
        ),
        "{err}"
    );
    assert!(!marker.exists(), "pdftohtml ran");
    let out = import("zh");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("第 1 页第 1 张图片为 20000 × 20000 像素"),
        "{err}"
    );
    let n = env.run(["sql", "SELECT count(*) FROM report", "--format", "csv"]);
    assert_eq!(records(&n.stdout()), [["0"]]);
}

/// A picture within the bound (6,000 × 8,000) goes on to pdftohtml.
#[test]
fn a_picture_within_the_bound_is_taken_out() {
    let env = Env::new();
    let tools = ["pdftotext", "pdfinfo", "pdfimages", "tesseract"];
    let Some((bin, marker)) = programs_faking(&env, &tools, "pdftohtml") else {
        return;
    };
    let pdf = env.write("picture.pdf", text_and_picture_pdf(6_000, 8_000));
    let out = env
        .run_with_path(&bin, ["import".as_ref(), pdf.as_os_str()])
        .output;
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("taken out of the PDF"), "{err}");
    assert!(marker.exists(), "pdftohtml did not run");
}

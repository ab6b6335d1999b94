//! A scanned PDF page is made an image by pdftoppm at 300 dpi; a PDF may declare a page of
//! 200 × 200 inches (60,000 pixels a side, 3.6 GB written to disk). Its size is asked of
//! pdfinfo first and such a page refused, naming it, before any page is made an image.

use crate::harness::{Env, records};
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::process::Command;

/// A PDF of pages with these MediaBoxes (width, height in points) and nothing on them: no
/// text layer, so each is a page to read by OCR.
fn blank_pdf(boxes: &[(u32, u32)]) -> Vec<u8> {
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
    let bin = env.path("bin");
    std::fs::create_dir_all(&bin).expect("bin dir");
    for tool in ["pdftotext", "pdfinfo", "tesseract"] {
        let Some(found) = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
            .map(|d| d.join(tool))
            .find(|p| p.is_file())
        else {
            eprintln!("skipped: {tool} is not installed; .ci/run installs it");
            return None;
        };
        std::os::unix::fs::symlink(found, bin.join(tool)).expect("link");
    }
    let marker = env.path("pdftoppm.ran");
    let fake = bin.join("pdftoppm");
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
    let out = Command::new(assert_cmd::cargo::cargo_bin("gov-db"))
        .arg("--db")
        .arg(env.db())
        .arg("import")
        .arg(&pdf)
        .env("PATH", &bin)
        .output()
        .expect("gov-db runs");
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
    let out = Command::new(assert_cmd::cargo::cargo_bin("gov-db"))
        .arg("--db")
        .arg(env.db())
        .arg("import")
        .arg(&pdf)
        .env("PATH", &bin)
        .output()
        .expect("gov-db runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("pdftoppm could not make page 1 an image"),
        "{err}"
    );
    assert!(marker.exists(), "pdftoppm did not run");
}

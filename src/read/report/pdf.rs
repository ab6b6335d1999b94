//! PDF with a text layer, through poppler's `pdftotext -layout`: it keeps a table row on one
//! line with its cells spaced out, which the text reader then handles like any
//! space-aligned text. No OCR: a scanned PDF has no text to read and says so.

use std::io::Write;
use std::process::{Command, Stdio};

const INSTALL: &str = "reading PDF needs poppler's pdftotext, which is not installed; install it \
    (Debian/Ubuntu: apt-get install poppler-utils; Fedora: dnf install poppler-utils; macOS: brew install poppler) \
    or convert the PDF to text yourself with `pdftotext -layout report.pdf` and import the .txt";

/// The PDF's text, laid out as on the page.
pub fn to_text(bytes: &[u8]) -> Result<String, String> {
    let mut child = match Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(INSTALL.into()),
        Err(e) => return Err(format!("cannot run pdftotext: {e}")),
    };
    // Feed stdin from a thread: pdftotext may write output before it has read all its input.
    let mut stdin = child.stdin.take().ok_or("cannot write to pdftotext")?;
    let data = bytes.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&data);
    });
    let out = child
        .wait_with_output()
        .map_err(|e| format!("pdftotext failed: {e}"))?;
    let _ = writer.join();
    if !out.status.success() {
        let msg = String::from_utf8_lossy(&out.stderr);
        return Err(format!("pdftotext could not read the PDF: {}", msg.trim()));
    }
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    if text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{c}')
        .count()
        < 20
    {
        return Err(
            "the PDF has no text layer (a scan?); gov-db does not OCR: convert it to text first"
                .into(),
        );
    }
    Ok(text)
}

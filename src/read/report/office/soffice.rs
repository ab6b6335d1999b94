//! Word 97–2003 binary files (`.doc`, and WPS `.wps`, which is the same format) and RTF,
//! through LibreOffice: `soffice --headless --convert-to docx` makes a `.docx`, whose own
//! tables `docx.rs` reads. The binary format is a file system of its own with text runs in
//! pieces; LibreOffice has read it for decades, and nothing in Rust reads its tables.
//!
//! Each conversion has a private LibreOffice profile in a temporary folder (removed after),
//! so that imports running side by side, or a LibreOffice the user has open, do not hand the
//! work to one another, and a time limit (`program.rs`): the whole process group is killed
//! past it.

use super::OfficeError;
use crate::read::report::program::{self, ProgramError};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// How long one conversion may take; `GOV_DB_PROGRAM_TIMEOUT` (seconds, for every program)
/// or `GOV_DB_SOFFICE_TIMEOUT` (for LibreOffice alone) changes it. A report converts in a few
/// seconds, most of them LibreOffice starting with a fresh profile.
const TIMEOUT: Duration = program::DEFAULT_TIMEOUT;

/// LibreOffice's program, by the names it is installed under.
const PROGRAMS: &[&str] = &[
    "soffice",
    "libreoffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
];

/// The file converted to a `.docx`'s bytes. `ext` names the input as LibreOffice expects it
/// (`doc`, `rtf`); it tells the format by the content anyway.
pub fn to_docx(bytes: &[u8], ext: &str) -> Result<Vec<u8>, OfficeError> {
    let missing = || crate::t!("soffice-install");
    convert(bytes, ext, "docx:MS Word 2007 XML", "docx", missing)
}

/// The Word document (`ext`: `docx`, `doc`, `rtf`) printed to PDF, as Writer prints it: its
/// metafile pictures (EMF, WMF) drawn with their text as text.
pub fn to_pdf(bytes: &[u8], ext: &str) -> Result<Vec<u8>, OfficeError> {
    let missing = || crate::t!("soffice-install-printed");
    convert(bytes, ext, "pdf:writer_pdf_Export", "pdf", missing)
}

/// The file (`report.EXT`) converted by LibreOffice's `filter` to `report.OUT`'s bytes;
/// `missing` says what to install when LibreOffice is not found.
fn convert(
    bytes: &[u8],
    ext: &str,
    filter: &str,
    out_ext: &str,
    missing: fn() -> String,
) -> Result<Vec<u8>, OfficeError> {
    let fail = |m: String| OfficeError::Refused(m);
    let dir = tempfile::Builder::new()
        .prefix("gov-db-soffice-")
        .tempdir()
        .map_err(|e| {
            fail(format!(
                "cannot make a temporary folder for LibreOffice: {e}"
            ))
        })?;
    let input = dir.path().join(format!("report.{ext}"));
    let out = dir.path().join("out");
    std::fs::write(&input, bytes).map_err(|e| {
        fail(format!(
            "cannot write a temporary copy for LibreOffice: {e}"
        ))
    })?;
    let profile = file_url(&dir.path().join("profile"));
    // The old name of the limit, for LibreOffice alone, is still honoured.
    let timeout = std::env::var("GOV_DB_SOFFICE_TIMEOUT")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .map_or_else(|| program::timeout(TIMEOUT), Duration::from_secs);
    let mut ran = None;
    for name in PROGRAMS {
        let mut cmd = Command::new(name);
        cmd.arg(format!("-env:UserInstallation={profile}"))
            .args(["--headless", "--norestore", "--nolockcheck"])
            .args(["--convert-to", filter, "--outdir"])
            .arg(&out)
            .arg(&input);
        match program::run("LibreOffice (soffice)", &mut cmd, None, 1 << 20, timeout) {
            Err(ProgramError::NotFound { .. }) => continue,
            Err(ProgramError::TimedOut { program, secs }) => {
                return Err(fail(format!(
                    "{program} took longer than {secs} s to convert the file and was stopped (set {}=SECONDS to allow longer)",
                    program::TIMEOUT_VAR
                )));
            }
            Err(e) => return Err(fail(e.to_string())),
            Ok(o) => {
                ran = Some(o);
                break;
            }
        }
    }
    let Some(ran) = ran else {
        return Err(fail(missing()));
    };
    let converted = out.join(format!("report.{out_ext}"));
    match std::fs::read(&converted) {
        Ok(made) if ran.status.success() => Ok(made),
        _ => {
            let said = format!(
                "{}\n{}",
                String::from_utf8_lossy(&ran.stdout),
                String::from_utf8_lossy(&ran.stderr)
            );
            let said: Vec<&str> = said
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.contains("javaldx"))
                .collect();
            Err(fail(format!(
                "LibreOffice could not convert the file ({}){}",
                ran.status,
                if said.is_empty() {
                    String::new()
                } else {
                    format!(": {}", said.join("; "))
                }
            )))
        }
    }
}

/// A path as a `file://` URL, as `-env:UserInstallation` takes it (spaces and other bytes
/// percent-encoded).
fn file_url(path: &Path) -> String {
    let abs: PathBuf = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut url = String::from("file://");
    let text = abs.to_string_lossy().replace('\\', "/");
    if !text.starts_with('/') {
        url.push('/');
    }
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~:".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_urls_are_encoded() {
        assert_eq!(
            file_url(Path::new("/tmp/a b/profile")),
            "file:///tmp/a%20b/profile"
        );
    }
}

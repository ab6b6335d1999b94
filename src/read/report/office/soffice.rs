//! Word 97–2003 binary files (`.doc`, and WPS `.wps`, which is the same format) and RTF,
//! through LibreOffice: `soffice --headless --convert-to docx` makes a `.docx`, whose own
//! tables `docx.rs` reads. The binary format is a file system of its own with text runs in
//! pieces; LibreOffice has read it for decades, and nothing in Rust reads its tables.
//!
//! Each conversion has a private LibreOffice profile in a temporary folder (removed after),
//! so that imports running side by side, or a LibreOffice the user has open, do not hand the
//! work to one another, and a time limit: the whole process group is killed past it.

use super::OfficeError;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long one conversion may take; `GOV_DB_SOFFICE_TIMEOUT` (seconds) changes it. A report
/// converts in a few seconds, most of them LibreOffice starting with a fresh profile.
const TIMEOUT: Duration = Duration::from_secs(120);

/// LibreOffice's program, by the names it is installed under.
const PROGRAMS: &[&str] = &[
    "soffice",
    "libreoffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
];

/// The file converted to a `.docx`'s bytes. `ext` names the input as LibreOffice expects it
/// (`doc`, `rtf`); it tells the format by the content anyway.
pub fn to_docx(bytes: &[u8], ext: &str) -> Result<Vec<u8>, OfficeError> {
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
    let log = dir.path().join("soffice.log");
    let profile = file_url(&dir.path().join("profile"));
    let timeout = std::env::var("GOV_DB_SOFFICE_TIMEOUT")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .map_or(TIMEOUT, Duration::from_secs);
    let mut child = None;
    for program in PROGRAMS {
        let log_file = std::fs::File::create(&log)
            .map_err(|e| fail(format!("cannot write LibreOffice's log: {e}")))?;
        let err_file = log_file
            .try_clone()
            .map_err(|e| fail(format!("cannot write LibreOffice's log: {e}")))?;
        let mut cmd = Command::new(program);
        cmd.arg(format!("-env:UserInstallation={profile}"))
            .args(["--headless", "--norestore", "--nolockcheck"])
            .args(["--convert-to", "docx:MS Word 2007 XML", "--outdir"])
            .arg(&out)
            .arg(&input)
            .stdin(Stdio::null())
            .stdout(log_file)
            .stderr(err_file);
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
        match cmd.spawn() {
            Ok(c) => {
                child = Some(c);
                break;
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(fail(format!("cannot run LibreOffice ({program}): {e}"))),
        }
    }
    let Some(mut child) = child else {
        return Err(fail(crate::t!("soffice-install")));
    };
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > timeout => {
                kill_group(&mut child);
                return Err(fail(format!(
                    "LibreOffice did not convert the file in {} s (set GOV_DB_SOFFICE_TIMEOUT to allow longer)",
                    timeout.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(fail(format!("LibreOffice failed: {e}"))),
        }
    };
    let converted = out.join("report.docx");
    match std::fs::read(&converted) {
        Ok(docx) if status.success() => Ok(docx),
        _ => {
            let said = std::fs::read_to_string(&log).unwrap_or_default();
            let said: Vec<&str> = said
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.contains("javaldx"))
                .collect();
            Err(fail(format!(
                "LibreOffice could not convert the file ({status}){}",
                if said.is_empty() {
                    String::new()
                } else {
                    format!(": {}", said.join("; "))
                }
            )))
        }
    }
}

/// Kills LibreOffice and what it started (`soffice` is a script that starts `oosplash`, which
/// starts `soffice.bin`): the process group made for it.
fn kill_group(child: &mut std::process::Child) {
    #[cfg(unix)]
    {
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", child.id())])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
    let _ = child.kill();
    let _ = child.wait();
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

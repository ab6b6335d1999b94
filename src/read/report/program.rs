//! The external programs a report is read with (poppler's `pdftotext` and `pdftoppm`,
//! Tesseract, LibreOffice), each run under one time limit: a hostile or damaged file can make
//! any of them run forever, and an import must end. Each runs in a process group of its own,
//! and the whole group is killed when the limit passes (`soffice` is a script that starts
//! `oosplash`, which starts `soffice.bin`; a shell wrapper starts its program as a child):
//! killing the first process alone would leave the others running, holding the pipes open.
//!
//! The limit is [`DEFAULT_TIMEOUT`], or `GOV_DB_PROGRAM_TIMEOUT` seconds.

use std::io::{Read, Write};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long one run of a program may take. A report's PDF is read by pdftotext in well under
/// a second, a scanned page by Tesseract in a few seconds, a `.doc` converted by LibreOffice
/// in a few seconds (most of them its start with a fresh profile): two minutes leaves room for
/// a busy machine and large files, and ends a stuck program.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(120);

/// The variable that sets the limit, in seconds.
pub const TIMEOUT_VAR: &str = "GOV_DB_PROGRAM_TIMEOUT";

/// At most this much of what a program writes to stderr is kept (the rest is read and
/// dropped, so that the program never blocks on a full pipe).
const STDERR_KEPT: u64 = 64 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum ProgramError {
    /// The program is not installed (not found on PATH).
    #[error("{program} is not installed")]
    NotFound { program: String },
    #[error("cannot run {program}: {source}")]
    Spawn {
        program: String,
        source: std::io::Error,
    },
    /// Said in the reader's language (`program-timed-out`).
    #[error("{}", timed_out(.program, *.secs))]
    TimedOut { program: String, secs: u64 },
    #[error("{program} failed: {source}")]
    Io {
        program: String,
        source: std::io::Error,
    },
}

fn timed_out(program: &str, secs: u64) -> String {
    crate::t!(
        "program-timed-out",
        program = program,
        secs = secs.to_string(),
        var = TIMEOUT_VAR
    )
}

/// What a finished run gave.
pub struct Output {
    pub status: ExitStatus,
    pub stdout: Vec<u8>,
    /// The first [`STDERR_KEPT`] bytes of stderr.
    pub stderr: Vec<u8>,
    /// Stdout went past the limit the caller gave: the program was stopped there, and
    /// `stdout` holds the limit and one byte more.
    pub over_limit: bool,
}

/// The time limit: `GOV_DB_PROGRAM_TIMEOUT` seconds when it is set to a number, else
/// `default`.
pub fn timeout(default: Duration) -> Duration {
    std::env::var(TIMEOUT_VAR)
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .map_or(default, Duration::from_secs)
}

/// Runs `cmd` (named `program` in errors) with `input` on its stdin (or none), keeping up to
/// `stdout_limit` bytes of its stdout and stopping it past that, and killing it with its
/// process group once `limit` has passed.
pub fn run(
    program: &str,
    cmd: &mut Command,
    input: Option<Vec<u8>>,
    stdout_limit: u64,
    limit: Duration,
) -> Result<Output, ProgramError> {
    cmd.stdin(if input.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(cmd, 0);
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(ProgramError::NotFound {
                program: program.to_string(),
            });
        }
        Err(source) => {
            return Err(ProgramError::Spawn {
                program: program.to_string(),
                source,
            });
        }
    };
    let io = |source: std::io::Error| ProgramError::Io {
        program: program.to_string(),
        source,
    };
    // Stdin is fed from a thread: a program may write output before it has read its input.
    if let (Some(data), Some(mut stdin)) = (input, child.stdin.take()) {
        std::thread::spawn(move || {
            let _ = stdin.write_all(&data);
        });
    }
    let (out_tx, out_rx) = mpsc::channel();
    let mut stdout = child.stdout.take().expect("stdout is piped");
    std::thread::spawn(move || {
        let mut kept = Vec::new();
        let read = (&mut stdout)
            .take(stdout_limit + 1)
            .read_to_end(&mut kept)
            .map(|_| kept);
        let _ = out_tx.send(read);
    });
    let (err_tx, err_rx) = mpsc::channel();
    let mut stderr = child.stderr.take().expect("stderr is piped");
    std::thread::spawn(move || {
        let mut kept = Vec::new();
        let _ = (&mut stderr).take(STDERR_KEPT).read_to_end(&mut kept);
        let _ = std::io::copy(&mut stderr, &mut std::io::sink());
        let _ = err_tx.send(Ok(kept));
    });
    let started = Instant::now();
    let mut stdout = None;
    let status = loop {
        // Waiting on the output wakes as soon as the program closes it (it ends): no run is
        // made slower by polling.
        if stdout.is_none() {
            match out_rx.recv_timeout(Duration::from_millis(20)) {
                Ok(read) => {
                    let read = read.map_err(|e| {
                        kill_group(&mut child);
                        io(e)
                    })?;
                    if read.len() as u64 > stdout_limit {
                        kill_group(&mut child);
                        return Ok(Output {
                            status: child.wait().map_err(io)?,
                            stdout: read,
                            stderr: Vec::new(),
                            over_limit: true,
                        });
                    }
                    stdout = Some(read);
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => stdout = Some(Vec::new()),
            }
        } else {
            std::thread::sleep(Duration::from_millis(1));
        }
        if let Some(status) = child.try_wait().map_err(io)? {
            break status;
        }
        if started.elapsed() > limit {
            kill_group(&mut child);
            return Err(ProgramError::TimedOut {
                program: program.to_string(),
                secs: limit.as_secs(),
            });
        }
    };
    // The program has ended; what it started may still hold the pipes open: wait a moment
    // for them, then stop the group.
    let mut wait = |rx: &mpsc::Receiver<_>| match rx.recv_timeout(Duration::from_secs(2)) {
        Ok(v) => Some(v),
        Err(_) => {
            kill_group(&mut child);
            rx.recv_timeout(Duration::from_secs(2)).ok()
        }
    };
    let stdout = match stdout {
        Some(s) => s,
        None => wait(&out_rx)
            .unwrap_or_else(|| Ok(Vec::new()))
            .map_err(io)?,
    };
    let stderr = wait(&err_rx).and_then(Result::ok).unwrap_or_default();
    Ok(Output {
        status,
        over_limit: stdout.len() as u64 > stdout_limit,
        stdout,
        stderr,
    })
}

/// Kills the program and everything in its process group, and reaps it.
fn kill_group(child: &mut Child) {
    #[cfg(unix)]
    if let Some(pid) = rustix::process::Pid::from_raw(child.id() as i32) {
        let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
    }
    let _ = child.kill();
    let _ = child.wait();
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_program_past_its_limit_is_killed_with_what_it_started() {
        let started = Instant::now();
        // The shell's child `sleep` holds stdout open: only killing the group ends the read.
        let e = run(
            "sleeper",
            Command::new("sh").args(["-c", "sleep 30; echo done"]),
            None,
            1 << 20,
            Duration::from_millis(300),
        )
        .err()
        .expect("stopped");
        assert!(matches!(e, ProgramError::TimedOut { .. }), "{e}");
        assert!(e.to_string().starts_with("sleeper took longer than 0 s"));
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn output_input_and_limits() {
        let out = run(
            "cat",
            &mut Command::new("cat"),
            Some(b"hello".to_vec()),
            1 << 20,
            Duration::from_secs(20),
        )
        .unwrap();
        assert_eq!(
            (out.stdout.as_slice(), out.over_limit),
            (&b"hello"[..], false)
        );
        assert!(out.status.success());
        let out = run(
            "yes",
            &mut Command::new("yes"),
            None,
            1000,
            Duration::from_secs(20),
        )
        .unwrap();
        assert!(out.over_limit && out.stdout.len() == 1001);
        assert!(matches!(
            run(
                "none",
                &mut Command::new("/nonexistent/program"),
                None,
                10,
                Duration::from_secs(1)
            ),
            Err(ProgramError::NotFound { .. })
        ));
    }
}

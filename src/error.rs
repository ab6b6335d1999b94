//! The one error type at the edge: every failure prints its whole cause chain and maps to an
//! exit code. A closed pipe (`gov-db query … | head`) is not a failure.

use std::process::ExitCode;

/// The data given was wrong (bad CSV, unreadable report, identities broken under `--strict`,
/// a value or a total past what the store holds).
pub const EXIT_INPUT: u8 = 1;
/// The command line was wrong (clap exits with 2 itself).
pub const EXIT_USAGE: u8 = 2;
/// The database or the file system failed (cannot open, busy, disk full, newer schema).
pub const EXIT_ENV: u8 = 3;

/// An error that says which exit code it deserves.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    pub fn input(message: impl Into<String>) -> anyhow::Error {
        Failure {
            code: EXIT_INPUT,
            message: message.into(),
        }
        .into()
    }

    pub fn env(message: impl Into<String>) -> anyhow::Error {
        Failure {
            code: EXIT_ENV,
            message: message.into(),
        }
        .into()
    }

    pub fn usage(message: impl Into<String>) -> anyhow::Error {
        Failure {
            code: EXIT_USAGE,
            message: message.into(),
        }
        .into()
    }
}

pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<csv::Error>().is_some_and(|ce| {
                matches!(ce.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe)
            })
    })
}

/// For what a command prints once its work is done (an import's summary after the commit): a
/// closed pipe means nobody reads it, which is no reason to skip what follows or to fail.
pub fn unread_is_fine(printed: std::io::Result<()>) -> std::io::Result<()> {
    match printed {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

pub fn report(e: &anyhow::Error) -> ExitCode {
    if is_broken_pipe(e) {
        return ExitCode::SUCCESS;
    }
    eprintln!("{}", crate::t!("error-prefix", message = e.to_string()));
    for cause in e.chain().skip(1) {
        // A list of problems reads best one per line, without a "caused by" on each.
        let list = cause.downcast_ref::<crate::read::Problems>().is_some();
        for (i, line) in cause.to_string().lines().enumerate() {
            if i == 0 && !list {
                eprintln!("  {}", crate::t!("error-caused-by", cause = line));
            } else {
                eprintln!("  {line}");
            }
        }
    }
    let code = if let Some(f) = e.downcast_ref::<Failure>() {
        f.code
    } else if e.downcast_ref::<crate::read::Problems>().is_some()
        || matches!(
            e.downcast_ref::<crate::store::Error>(),
            Some(crate::store::Error::Value(_))
        )
    {
        EXIT_INPUT
    } else {
        EXIT_ENV
    };
    ExitCode::from(code)
}

//! gov-db: turns China's government information disclosure annual reports
//! (政府信息公开工作年度报告) into a SQLite database to query, check and compare.
//!
//! This file only chooses the language, parses the command line, dispatches, and maps errors
//! to exit codes.

use clap::{CommandFactory, FromArgMatches};
use gov_db::{cmd, error, i18n};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = i18n::choose(&args);
    let command = i18n::help::localize(cmd::Cli::command(), lang);
    let cli = match command
        .try_get_matches_from(args)
        .and_then(|m| cmd::Cli::from_arg_matches(&m))
    {
        Ok(cli) => cli,
        Err(e) => i18n::clap_error::exit(e),
    };
    match cmd::run(cli) {
        Ok(code) => code,
        Err(e) => error::report(&e),
    }
}

//! gov-db: turns China's government information disclosure annual reports
//! (政府信息公开工作年度报告) into a SQLite database to query, check and compare.
//!
//! This file only parses the command line, dispatches, and maps errors to exit codes.

use clap::Parser;
use gov_db::{cmd, error};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cmd::Cli::parse();
    match cmd::run(cli) {
        Ok(code) => code,
        Err(e) => error::report(&e),
    }
}

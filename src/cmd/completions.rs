//! `gov-db completions`: shell completion scripts, generated from the command definitions.

use clap::CommandFactory;
use std::io::Write;
use std::process::ExitCode;

/// Print a completion script for your shell.
///
/// For example: `gov-db completions bash > ~/.local/share/bash-completion/completions/gov-db`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell to write completions for.
    pub shell: clap_complete::Shell,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut cmd = super::Cli::command();
    // Into memory first: clap_complete panics when its writer fails (a closed pipe), and a
    // write of ours fails into an error that the edge takes for success.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "gov-db", &mut script);
    std::io::stdout().write_all(&script)?;
    Ok(ExitCode::SUCCESS)
}

//! `gov-db completions`: shell completion scripts, generated from the command definitions.

use clap::CommandFactory;
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
    clap_complete::generate(args.shell, &mut cmd, "gov-db", &mut std::io::stdout());
    Ok(ExitCode::SUCCESS)
}

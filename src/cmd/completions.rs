//! `gov-db completions`: shell completion scripts, generated from the command definitions,
//! with the names only the running code knows (views, rules) added as values.

use crate::check::RULES;
use crate::store;
use clap::CommandFactory;
use clap::builder::PossibleValuesParser;
use std::io::Write;
use std::process::ExitCode;

/// The name the scripts complete, as installed.
const BIN: &str = "gov-db";

/// Print a completion script for your shell.
///
/// For example: `gov-db completions bash > ~/.local/share/bash-completion/completions/gov-db`.
/// Besides subcommands and options, `gov-db query NAME` completes the view names and
/// `gov-db check --rule ID` the rule names.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell to write completions for.
    pub shell: clap_complete::Shell,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    // The view and rule names become possible values for the scripts only: parsing keeps
    // them free text, so that a wrong one is answered with the close names (and views may
    // be written with `_`).
    let views: Vec<&'static str> = store::views().iter().map(|v| v.name).collect();
    let rules: Vec<&'static str> = RULES.iter().map(|r| r.id).collect();
    let mut cmd = super::Cli::command()
        .mut_subcommand("query", |q| {
            q.mut_arg("name", |a| a.value_parser(PossibleValuesParser::new(views)))
        })
        .mut_subcommand("check", |c| {
            c.mut_arg("rule", |a| a.value_parser(PossibleValuesParser::new(rules)))
        });
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, BIN, &mut script);
    if args.shell == clap_complete::Shell::Bash {
        script = bash_states_fixed(&String::from_utf8(script)?).into_bytes();
    }
    std::io::stdout().lock().write_all(&script)?;
    Ok(ExitCode::SUCCESS)
}

/// clap_complete's bash script names the state of `gov-db query` `gov__db__subcmd__query`
/// where it walks the words typed, but labels that state's case `gov__subcmd__db__subcmd__query`
/// (it turns the binary name's `-` into its subcommand separator there), so that no
/// subcommand of a hyphenated binary completes anything (an open clap_complete bug). The
/// labels are renamed to the states; with a clap_complete that has it fixed, nothing matches
/// and the script is left as it is.
fn bash_states_fixed(script: &str) -> String {
    let state = BIN.replace('-', "__");
    let mangled = BIN.replace('-', "__subcmd__");
    script.replace(
        &format!("{mangled}__subcmd__"),
        &format!("{state}__subcmd__"),
    )
}

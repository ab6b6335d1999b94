//! The subcommands: one module each, with an `Args` struct whose doc comments are the help
//! text and one `run` function.

pub mod agency;
pub mod check;
pub mod completions;
pub mod correct;
pub mod delete;
pub mod export;
pub mod history;
pub mod import;
pub mod query;
pub mod region;
pub mod shell;
pub mod show;
pub mod sql;

use crate::error::Failure;
use crate::store::{self, Store};
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Query, check and compare China's government information disclosure annual reports
/// (政府信息公开工作年度报告).
///
/// Import canonical CSV or published reports into a SQLite database, then ask it questions
/// with canned views (`gov-db query --list`) or plain SQL.
#[derive(Debug, Parser)]
#[command(
    name = "gov-db",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    /// The database file. Commands that write create it (and migrate it) on first use; the
    /// others need it to exist.
    #[arg(
        long,
        global = true,
        env = "GOV_DB",
        default_value = "gov.db",
        value_name = "PATH"
    )]
    pub db: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Import(import::Args),
    Export(export::Args),
    Query(query::Args),
    Show(show::Args),
    Agency(agency::Args),
    Region(region::Args),
    Sql(sql::Args),
    Shell(shell::Args),
    Completions(completions::Args),
    Check(check::Args),
    History(history::Args),
    Delete(delete::Args),
    Correct(correct::Args),
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Import(a) => import::run(a, &cli.db),
        Command::Export(a) => export::run(a, &cli.db),
        Command::Query(a) => query::run(a, &cli.db),
        Command::Show(a) => show::run(a, &cli.db),
        Command::Agency(c) => agency::run(c, &cli.db),
        Command::Region(c) => region::run(c, &cli.db),
        Command::Sql(a) => sql::run(a, &cli.db),
        Command::Shell(a) => shell::run(a, &cli.db),
        Command::Completions(a) => completions::run(a),
        Command::Check(a) => check::run(a, &cli.db),
        Command::History(a) => history::run(a, &cli.db),
        Command::Delete(a) => delete::run(a, &cli.db),
        Command::Correct(a) => correct::run(a, &cli.db),
    }
}

/// The canonical name an `--agency` value stands for. A name no agency has is wrong input
/// (exit 1, as `show` and `gov-db agency` always refused it) and the close names are offered:
/// an answer without rows would read as "this agency has nothing" for what is a typo.
pub fn agency_named(store: &Store, given: &str) -> anyhow::Result<String> {
    match store.canonical(given)? {
        Some(c) => Ok(c),
        None => Err(Failure::input(store.unknown_agency(given))),
    }
}

/// `no view named "X"; did you mean Y?` for a name from a fixed list (views, rules): the
/// close names when there are some, else every name, and where each is explained.
pub fn unknown_name(what: &str, given: &str, known: &[&str], see: &str) -> String {
    let near = crate::suggest::close(given, known.iter().copied());
    if near.is_empty() {
        format!(
            "no {what} named {given:?}; the {what}s are: {} ({see})",
            known.join(", ")
        )
    } else {
        format!(
            "no {what} named {given:?}; {} ({see})",
            crate::suggest::did_you_mean(&near)
        )
    }
}

/// Opens the database for a command that only reads. A database that is not there is an
/// error naming the path rather than an empty one created to answer `(no rows)`: a typo in
/// `--db` would otherwise answer nothing and leave a stray file.
pub fn open_read_only(db: &Path) -> anyhow::Result<Store> {
    Store::open_read_only(db).map_err(no_database)
}

/// [`store::Error::Missing`] with what to do about it, in the command line's terms.
pub fn no_database(e: store::Error) -> anyhow::Error {
    match e {
        store::Error::Missing { path } => Failure::env(format!(
            "no database at {} (gov-db import creates one; --db or GOV_DB names another)",
            path.display()
        )),
        other => other.into(),
    }
}

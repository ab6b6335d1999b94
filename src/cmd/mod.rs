//! The subcommands: one module each, with an `Args` struct whose doc comments are the help
//! text and one `run` function.

pub mod agency;
pub mod check;
pub mod completions;
pub mod correct;
pub mod datasette;
pub mod delete;
pub mod export;
pub mod history;
pub mod import;
pub mod page;
pub mod query;
pub mod region;
pub mod review;
pub mod shell;
pub mod show;
pub mod sql;

use crate::error::Failure;
use crate::store::{self, RegionArg, Store};
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
    Page(page::Args),
    Agency(agency::Args),
    Region(region::Args),
    Sql(sql::Args),
    Shell(shell::Args),
    Completions(completions::Args),
    Datasette(datasette::Args),
    Check(check::Args),
    History(history::Args),
    Delete(delete::Args),
    Correct(correct::Args),
    Review(review::Args),
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Import(a) => import::run(a, &cli.db),
        Command::Export(a) => export::run(a, &cli.db),
        Command::Query(a) => query::run(a, &cli.db),
        Command::Show(a) => show::run(a, &cli.db),
        Command::Page(a) => page::run(a, &cli.db),
        Command::Agency(c) => agency::run(c, &cli.db),
        Command::Region(c) => region::run(c, &cli.db),
        Command::Sql(a) => sql::run(a, &cli.db),
        Command::Shell(a) => shell::run(a, &cli.db),
        Command::Completions(a) => completions::run(a),
        Command::Datasette(a) => datasette::run(a, &cli.db),
        Command::Check(a) => check::run(a, &cli.db),
        Command::History(a) => history::run(a, &cli.db),
        Command::Delete(a) => delete::run(a, &cli.db),
        Command::Correct(a) => correct::run(a, &cli.db),
        Command::Review(a) => review::run(a, &cli.db),
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

/// The years a report can be for (the schema's CHECK): a year given on the command line for
/// something written is refused outside them by clap (exit 2), before SQLite would answer
/// "CHECK constraint failed".
pub const YEARS: std::ops::RangeInclusive<i64> = 1990..=2100;

/// A statistics year on the command line, for a value that is written.
pub fn year_arg(given: &str) -> Result<i64, String> {
    let year: i64 = given
        .trim()
        .parse()
        .map_err(|_| format!("{given:?} is not a year"))?;
    if YEARS.contains(&year) {
        Ok(year)
    } else {
        Err(format!(
            "{year} is not a statistics year ({}–{})",
            YEARS.start(),
            YEARS.end()
        ))
    }
}

/// A name on the command line that is written (an agency's): not empty, not only blanks.
pub fn name_arg(given: &str) -> Result<String, String> {
    if given.trim().is_empty() {
        Err("a name cannot be empty".into())
    } else {
        Ok(given.to_string())
    }
}

/// The code prefix a `--region` value stands for: a code prefix as given, or a region named
/// at any level (福建省, 福建, 泉州市, 泉州, 晋江), which is said on stderr so that a person sees
/// which region was taken. A name of several regions lists them (exit 2), as does a name of
/// none.
pub fn region_filter(store: &Store, given: &str) -> anyhow::Result<String> {
    match store.resolve_region(given)? {
        RegionArg::Prefix { prefix, took } => {
            if let Some(took) = took {
                eprintln!("--region {given}: {took}");
            }
            Ok(prefix)
        }
        RegionArg::Ambiguous(list) => Err(Failure::usage(format!(
            "--region {given:?} is the name of {} regions: {}; give its code or a longer name",
            list.len(),
            list.join(", ")
        ))),
        RegionArg::Unknown => Err(Failure::usage(format!(
            "--region {given:?} is neither a code prefix nor a region's name \
             (gov-db region list names them)"
        ))),
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
        store::Error::Empty { path } => Failure::env(format!(
            "{} is empty: there is no gov-db database in it yet (gov-db import creates one; \
             --db or GOV_DB names another)",
            path.display()
        )),
        other => other.into(),
    }
}

/// On a database this command cannot write, findings left stale by a change of agencies (or
/// of the rules) are not refreshed: what reads them says so on stderr.
pub fn note_stale_findings(store: &Store, db: &Path) {
    if let Some(n) = store.stale_findings() {
        eprintln!(
            "note: the findings of {n} report{} are stale (agencies or rules changed since they \
             were checked) and will be refreshed by the next gov-db command that can write to {}",
            if n == 1 { "" } else { "s" },
            db.display()
        );
    }
}

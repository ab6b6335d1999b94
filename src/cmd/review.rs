//! `gov-db review`: a person's verdict on a finding of `gov-db check`, so that what is left to
//! look at (`gov-db check --unreviewed`) shrinks as the work is done, and errors confirmed
//! against the source count apart from those nobody looked at (`gov-db query quality`).

use crate::error::Failure;
use crate::render::{self, Format};
use crate::store::{MIN_ID_LEN, ReviewStatus, Store};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Record a verdict on a finding of `gov-db check`, or list the verdicts.
///
/// FINDING is the id `gov-db check` prints (its first 6 or more digits are enough when no
/// other finding's id starts with them). The verdict is one of: confirmed (checked against the
/// published report: the agency's report has this error), explained (the agency explained
/// it), reading-error (gov-db read the report wrong). Reviewing a finding again replaces its
/// verdict.
///
/// A review belongs to what its finding is about: the agency, year, rule, cell and the two
/// numbers. It stays through re-imports of the same numbers; when one of those numbers
/// changes, or the finding goes away, the review is stale: `--list` says so, and why, and
/// `gov-db check --unreviewed` lists the finding again.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The finding's id, as `gov-db check` prints it.
    #[arg(required_unless_present = "list", conflicts_with = "list")]
    pub finding: Option<String>,
    /// The verdict.
    #[arg(long, value_enum, required_unless_present = "list")]
    pub status: Option<ReviewStatus>,
    /// Why: what was compared with what, what the agency said.
    #[arg(long, required_unless_present = "list")]
    pub note: Option<String>,
    /// List the reviews, each with whether it is stale and why.
    #[arg(long, conflicts_with_all = ["status", "note"])]
    pub list: bool,
    /// With --list: only the stale reviews.
    #[arg(long, requires = "list")]
    pub stale: bool,
    /// Output format of --list.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    if args.list {
        let store = super::open_read_only(db)?;
        let rows = store.reviews(args.stale)?;
        render::render(&rows, args.format, &mut out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let (Some(given), Some(status), Some(note)) = (&args.finding, args.status, &args.note) else {
        unreachable!("clap requires FINDING, --status and --note without --list");
    };
    let note = note.trim();
    if note.is_empty() {
        return Err(Failure::usage(crate::t!("review-empty-note")));
    }
    let id = given.trim().to_ascii_lowercase();
    if id.len() < MIN_ID_LEN || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Failure::usage(format!(
            "{given:?} is not a finding's id: give the id gov-db check prints (at least {MIN_ID_LEN} of its hex digits)"
        )));
    }
    // Writes, but only to a database that has findings: it creates none.
    let store = Store::open_existing(db).map_err(super::no_database)?;
    let found = store.findings_with_id(&id)?;
    let finding = match found.as_slice() {
        [one] => one,
        [] if store.has_review_with_id(&id)? => {
            return Err(Failure::input(format!(
                "no finding has the id {id} now: the finding it named is gone or its numbers changed, and its review is stale (gov-db review --list --stale says why)"
            )));
        }
        [] => {
            return Err(Failure::input(format!(
                "no finding has the id {id} (gov-db check lists the findings with their ids)"
            )));
        }
        many => {
            let list: Vec<String> = many
                .iter()
                .map(|f| format!("  {} {}", f.key.id(), f.describe()))
                .collect();
            return Err(Failure::input(format!(
                "{} findings have an id starting with {id}; give more of it:\n{}",
                many.len(),
                list.join("\n")
            )));
        }
    };
    let before = store.put_review(finding, status, note)?;
    let was = match before {
        Some(b) if b != status.as_str() => format!(" (was {b})"),
        Some(_) => " (again)".to_string(),
        None => String::new(),
    };
    writeln!(
        out,
        "{}: {} {}{was}",
        status.as_str(),
        finding.key.id(),
        finding.describe()
    )?;
    Ok(ExitCode::SUCCESS)
}

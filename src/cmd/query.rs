//! `gov-db query`: the canned views of `sql/`, filtered by year and agency.

use crate::error::Failure;
use crate::render::{self, Format};
use crate::store::{self, QueryParams, Store};
use std::path::Path;
use std::process::ExitCode;

/// Run a canned view: rates, outcomes, refusal reasons, trends, rankings, appeals.
///
/// `gov-db query --list` names each view with what it answers; the formulas are in the
/// header comment of each file under sql/ and in the README.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The view to run, e.g. resolution-rates.
    #[arg(required_unless_present = "list")]
    pub name: Option<String>,
    /// List the views with one line on what each answers.
    #[arg(long)]
    pub list: bool,
    /// Only this statistics year (same as --from Y --to Y).
    #[arg(long, conflicts_with_all = ["from", "to"])]
    pub year: Option<i64>,
    /// From this statistics year on.
    #[arg(long)]
    pub from: Option<i64>,
    /// Up to this statistics year.
    #[arg(long)]
    pub to: Option<i64>,
    /// Only this agency (full name as printed).
    #[arg(long)]
    pub agency: Option<String>,
    /// For ranking: the metric to rank by (resolution_rate, disclosure_rate, requests,
    /// withheld_rate, correction_rate).
    #[arg(long, default_value = "disclosure_rate")]
    pub metric: String,
    /// For ranking: leave out agencies with fewer requests (received_new + carried_in).
    #[arg(long, default_value_t = 10)]
    pub min_requests: i64,
    /// Print at most this many rows.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    if args.list {
        let rows = store::Rows {
            columns: vec!["view".into(), "answers".into()],
            rows: store::views()
                .iter()
                .map(|v| {
                    vec![
                        store::SqlValue::Text(v.name.into()),
                        store::SqlValue::Text(v.summary.clone()),
                    ]
                })
                .collect(),
        };
        render::render(&rows, args.format, &mut out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let name = args.name.expect("clap requires a name without --list");
    let Some(view) = store::view_by_name(&name) else {
        let known: Vec<&str> = store::views().iter().map(|v| v.name).collect();
        return Err(Failure::usage(format!(
            "no view named {name:?}; the views are: {}",
            known.join(", ")
        )));
    };
    let store = Store::open_read_only(db)?;
    let params = QueryParams {
        from: args.year.or(args.from),
        to: args.year.or(args.to),
        agency: args.agency,
        metric: Some(args.metric),
        min_requests: Some(args.min_requests),
    };
    let mut rows = store.run_view(view, &params)?;
    if let Some(limit) = args.limit {
        rows.rows.truncate(limit);
    }
    render::render(&rows, args.format, &mut out)?;
    Ok(ExitCode::SUCCESS)
}

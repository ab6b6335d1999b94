//! `gov-db query`: the canned views of `sql/`, filtered by year and agency.

use crate::error::Failure;
use crate::render::{self, Format};
use crate::store::{self, QueryParams};
use crate::{analysis, chart, peers};
use std::path::Path;
use std::process::ExitCode;

/// The metrics the `ranking` view computes (its `metric` column); a test keeps this list and
/// sql/ranking.sql in step.
pub const RANKING_METRICS: [&str; 5] = [
    "requests",
    "resolution_rate",
    "disclosure_rate",
    "withheld_rate",
    "correction_rate",
];

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
    /// Only this agency: any of its names (gov-db agency list); repeat for several
    /// (compare --agency A --agency B).
    #[arg(long)]
    pub agency: Vec<String>,
    /// Only agencies whose 行政区划代码 starts with this (3505 for 泉州市, 35 for 福建省), or
    /// in the region of this name at any level, full or short (福建省, 福建, 泉州, 晋江); the
    /// region a name is taken as is said on stderr, and a name of several regions lists them.
    #[arg(long)]
    pub region: Option<String>,
    /// Only agencies of this level.
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(store::LEVELS))]
    pub level: Option<String>,
    /// Draw the answer in the terminal instead of a table (trend, compare, ranking).
    #[arg(long)]
    pub chart: bool,
    /// Also write the chart as SVG to this file (trend, compare, ranking).
    #[arg(long, value_name = "FILE")]
    pub svg: Option<std::path::PathBuf>,
    /// For ranking: the metric to rank by (formulas in sql/ranking.sql).
    #[arg(long, default_value = "disclosure_rate",
          value_parser = clap::builder::PossibleValuesParser::new(RANKING_METRICS))]
    pub metric: String,
    /// For ranking: leave out agencies with fewer requests (received_new + carried_in).
    #[arg(long, default_value_t = 10)]
    pub min_requests: i64,
    /// For compare and ranking: each agency's percentile among its peers (the agencies of the
    /// year with the same level, province, or both: level,province), and the group's P25, P50
    /// and P75 (definitions in sql/compare.sql).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "BY")]
    pub peers: Vec<peers::By>,
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
                        store::SqlValue::Text(crate::i18n::view_summary(v.name, &v.summary)),
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
        return Err(Failure::usage(super::unknown_name("view", &name, &known)));
    };
    if (args.chart || args.svg.is_some()) && !matches!(view.name, "trend" | "compare" | "ranking") {
        return Err(Failure::usage(format!(
            "--chart and --svg draw trend, compare and ranking, not {}",
            view.name
        )));
    }
    if !args.peers.is_empty() && !matches!(view.name, "compare" | "ranking") {
        return Err(Failure::usage(format!(
            "--peers is for compare and ranking, not {}",
            view.name
        )));
    }
    // A view with its own query takes only the filters it names: say so rather than ignore one.
    if let Some(q) = view.query {
        let asked = [
            ("--agency", args.agency.len() == 1, ":agency"),
            (
                "--agency more than once",
                args.agency.len() > 1,
                ":agencies",
            ),
            ("--region", args.region.is_some(), ":region"),
            ("--level", args.level.is_some(), ":level"),
        ];
        for (flag, given, param) in asked {
            if given && !q.contains(param) {
                return Err(Failure::usage(format!(
                    "{} does not take {flag}",
                    view.name
                )));
            }
        }
    }
    let store = super::open_read_only(db)?;
    if view.name == "quality" {
        super::note_stale_findings(&store, db);
    }
    // Names go through the identity: any name of an agency selects its canonical name.
    let agencies = args
        .agency
        .iter()
        .map(|a| super::agency_named(&store, a))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let region = match &args.region {
        Some(r) => Some(super::region_filter(&store, r)?),
        None => None,
    };
    let params = QueryParams {
        from: args.year.or(args.from),
        to: args.year.or(args.to),
        agency: (agencies.len() == 1).then(|| agencies[0].clone()),
        agencies: (agencies.len() > 1)
            .then(|| serde_json::to_string(&agencies).expect("strings serialise")),
        region,
        level: args.level,
        metric: Some(args.metric),
        min_requests: Some(args.min_requests),
        // Views whose rows are worked on below need all of them; the rest stop early.
        limit: match view.name {
            "coverage" | "trend" | "compare" => None,
            _ => args.limit.map(|n| i64::try_from(n).unwrap_or(i64::MAX)),
        },
    };
    // Rows go out as SQLite makes them where nothing below needs them all.
    let worked_on = matches!(view.name, "coverage" | "trend" | "compare") || !args.peers.is_empty();
    if render::streams(args.format) && !worked_on && !args.chart && args.svg.is_none() {
        // Buffered as export's output is: stdout alone writes at every line's end.
        let mut buffered = std::io::BufWriter::with_capacity(1 << 16, &mut out);
        let mut printer = render::Streamer::new(args.format, &mut buffered);
        store.each_view_row(view, &params, &mut printer)??;
        printer.finish()?;
        drop(buffered);
        return Ok(ExitCode::SUCCESS);
    }
    let mut rows = store.run_view(view, &params)?;
    match view.name {
        "coverage" => rows = analysis::coverage_grid(&rows, &store.region_names()?),
        "trend" => analysis::add_cagr(&mut rows),
        "compare" => {
            let national = QueryParams {
                from: params.from,
                to: params.to,
                level: params.level.clone(),
                ..QueryParams::default()
            };
            // Without --agency or --region the rows are every agency of the years (and level)
            // asked: the medians and peer groups are drawn from them, not read again.
            let every_agency =
                params.agency.is_none() && params.agencies.is_none() && params.region.is_none();
            let all = crate::t!("peer-scope-all");
            let medians = match every_agency {
                true => analysis::median_rows(&rows, &rows, &all),
                false => {
                    let peers = store.compare_median_rows(&national)?;
                    analysis::median_rows(&rows, &peers, &all)
                }
            };
            rows.rows.extend(medians);
            if let Some(r) = &params.region {
                let regional = QueryParams {
                    region: Some(r.clone()),
                    ..national
                };
                let scope = crate::t!("peer-scope-region", region = r.as_str());
                let medians = store.compare_median_rows(&regional)?;
                analysis::append_medians(&mut rows, &medians, &scope);
            }
            if !args.peers.is_empty() {
                let attributes = store.agency_attributes()?;
                if every_agency && params.level.is_none() {
                    peers::add_to_compare_from_itself(&mut rows, &attributes, &args.peers);
                } else {
                    // Only the groups of the agencies shown: their levels and provinces.
                    let (levels, provinces) = peers::wanted(&rows, &attributes, &args.peers);
                    let years = QueryParams {
                        from: params.from,
                        to: params.to,
                        ..QueryParams::default()
                    };
                    let none = |l: &Option<Vec<String>>| l.as_ref().is_some_and(Vec::is_empty);
                    let all = match none(&levels) || none(&provinces) {
                        true => store::Rows {
                            columns: rows.columns.clone(),
                            rows: Vec::new(),
                        },
                        false => store.compare_peer_rows(
                            &years,
                            levels.as_deref(),
                            provinces.as_deref(),
                        )?,
                    };
                    peers::add_to_compare(&mut rows, &all, &attributes, &args.peers);
                }
            }
        }
        "ranking" if !args.peers.is_empty() => {
            let all = QueryParams {
                from: params.from,
                to: params.to,
                metric: params.metric.clone(),
                min_requests: params.min_requests,
                ..QueryParams::default()
            };
            let all = store.run_view(view, &all)?;
            peers::add_to_ranking(&mut rows, &all, &store.agency_attributes()?, &args.peers);
        }
        _ => {}
    }
    if let Some(limit) = args.limit {
        rows.rows.truncate(limit);
    }
    let chart = (args.chart || args.svg.is_some())
        .then(|| chart::for_view(view.name, &rows))
        .flatten();
    if let (Some(path), Some(c)) = (&args.svg, &chart) {
        std::fs::write(path, chart::svg(c)).map_err(|e| {
            Failure::input(crate::t!(
                "cannot-write",
                path = path.display().to_string(),
                error = e.to_string()
            ))
        })?;
        eprintln!("{}", crate::t!("wrote", path = path.display().to_string()));
    }
    match (&chart, args.chart) {
        (Some(c), true) => {
            use std::io::Write;
            write!(out, "{}", chart::terminal(c, chart::terminal_width()))?;
        }
        _ => render::render(&rows, args.format, &mut out)?,
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_ranking_metric_is_in_the_view() {
        let view = crate::store::view_by_name("ranking").expect("the ranking view exists");
        for metric in super::RANKING_METRICS {
            assert!(view.create.contains(&format!("'{metric}'")), "{metric}");
        }
        let arms = view.create.matches("UNION ALL").count() + 1;
        assert_eq!(arms, super::RANKING_METRICS.len());
        let query = view.query.expect("ranking has its own query");
        for metric in super::RANKING_METRICS {
            assert!(query.contains(&format!(":metric = '{metric}'")), "{metric}");
        }
        assert_eq!(
            query.matches("UNION ALL").count() + 1,
            super::RANKING_METRICS.len()
        );
    }
}

//! `gov-db page`: one agency on one self-contained HTML page, for a person to read or send on:
//! what `show`, `check`, `query trend` and `query compare --peers` say about it, together.

use crate::error::Failure;
use crate::peers::{self, By};
use crate::render::page::{Finding, Page, YearPeers, html};
use crate::store::{FindingFilter, QueryParams, view_by_name};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Write one agency's reports as a self-contained HTML page.
///
/// For each year (newest first): 表二, 表三 and 表四 laid out as the template prints them, with
/// the Chinese labels; every number with where it was read (source file, and the line or the
/// web page's table, row and cell, as `gov-db show` gives it) when pointed at; the findings of
/// `gov-db check` marked on the cells they are about, with rule, message and numbers, and
/// listed under each table. Then the trend charts, and the agency beside its peers (the
/// agencies of its level nationally and in its province): its percentile and the groups' P25,
/// P50 and P75 of each figure of `query compare`. CSS and the SVG charts are inside the file;
/// nothing is fetched, and there is no script.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The agency (any of its names).
    #[arg(long)]
    pub agency: String,
    /// Only this statistics year's report (and its peers).
    #[arg(long)]
    pub year: Option<i64>,
    /// Write the page to FILE (standard output when not given, or `-`).
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<ExitCode> {
    let store = super::open_read_only(db)?;
    super::note_stale_findings(&store, db);
    let name = super::agency_named(&store, &args.agency)?;
    let agency = store
        .page_agency(&name)?
        .ok_or_else(|| Failure::input(store.unknown_agency(&args.agency)))?;
    let reports = store.page_reports(&name, args.year)?;
    if reports.is_empty() {
        return Err(Failure::input(match args.year {
            Some(y) => format!(
                "{name} has no report for {y} (gov-db query coverage shows the years it has)"
            ),
            None => format!("{name} has no report (gov-db agency list shows the years of each)"),
        }));
    }
    let findings = Finding::from_rows(&store.findings(&FindingFilter {
        agency: Some(name.clone()),
        year: args.year,
        ..FindingFilter::default()
    })?);
    let years: Vec<i64> = reports.iter().map(|r| r.year).collect();
    let (first, last) = (years.iter().min().copied(), years.iter().max().copied());
    let view = |n: &str| view_by_name(n).unwrap_or_else(|| panic!("the view {n} exists"));
    let mut trend = store.run_view(
        view("trend"),
        &QueryParams {
            agency: Some(name.clone()),
            from: first,
            to: last,
            ..QueryParams::default()
        },
    )?;
    crate::analysis::add_cagr(&mut trend);
    let trend = crate::chart::for_view("trend", &trend);
    // Peers are drawn from every agency's reports of the same years.
    let all = store.run_view(
        view("compare"),
        &QueryParams {
            from: first,
            to: last,
            ..QueryParams::default()
        },
    )?;
    let attributes = store.agency_attributes()?;
    let peers = years
        .iter()
        .map(|&year| YearPeers {
            year,
            national: peers::standing(&all, &attributes, &[By::Level], &name, year),
            provincial: peers::standing(&all, &attributes, &[By::Level, By::Province], &name, year),
        })
        .collect();
    let stale_note = store.stale_findings().map(|n| {
        format!(
            "The findings of {n} report(s) in the database are stale (agencies or rules changed \
             since they were checked); a gov-db command that can write to it refreshes them."
        )
    });
    let page = Page {
        agency,
        reports,
        findings,
        trend,
        peers,
        stale_note,
    };
    let text = html(&page);
    let output = args.output.filter(|p| p.as_os_str() != "-");
    let mut sink = super::export::Sink::open(output.as_deref())?;
    let written = (|| -> anyhow::Result<()> {
        let out = sink.writer();
        out.write_all(text.as_bytes())?;
        out.flush()?;
        Ok(())
    })();
    sink.close(written)?;
    Ok(ExitCode::SUCCESS)
}

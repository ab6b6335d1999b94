//! `gov-db check`: the identities every report must satisfy, cross-year consistency and
//! plausibility, as findings with the cells they are about.

use crate::check::{RULES, Severity};
use crate::error::Failure;
use crate::render::{self, Format};
use crate::store::{FindingFilter, Rows, SqlValue};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod draft;

/// Find arithmetic errors and implausible figures in the imported reports.
///
/// Errors: an identity of the data contract does not hold (表三 一+二 = 三（七）+四 per column;
/// 总计 = the six applicant columns per row; （七）总计 = the outcome rows per column; 表四 per
/// row; a printed （六） subtotal; this year's 上年结转 = last year's 结转下年度). Warnings:
/// 现行有效件数 against last year's, a template that does not fit the year, new requests
/// jumping beyond 10× (with 50 or more), review or litigation cases without any request,
/// counts in the text that differ from the tables. Info: a rule left open by blank cells (a
/// blank may be 0 or "not stated", so it never makes an error on its own).
///
/// Each finding names the agency, year, section, row and column (the data contract's codes;
/// row or column is empty when the finding is about a whole column, row, table or report),
/// the expected and printed numbers, and quotes the labels as printed. Findings are computed
/// on import and kept in the `finding` table; `gov-db query quality` ranks agencies by them.
///
/// Each finding has an `id` (a hash of its agency, year, rule, cell and numbers: the same
/// after re-imports of the same numbers) and its `review`: the verdict `gov-db review ID`
/// recorded, empty when it has none. Exit code 1 when any error is listed, 0 otherwise.
///
/// With FILEs: a draft before it is published, without a database. The files (any format
/// `gov-db import` reads, the canonical CSV and a workbook as `gov-db export --format xlsx`
/// writes it included) are read into a database in memory and checked as an import would
/// check them; nothing is written anywhere (--db is not opened). `--previous` adds last
/// year's published report for the rules across years. Each finding also names its table,
/// row and column as printed (`table`, `row_label`, `column_label`), where its numbers were
/// read (`read_at`: `line N`, `table T row R cell C`, `sheet S row R cell C`; nothing for CSV)
/// and, when one cell alone would make both its row and its column add up, the value it
/// would need (`hint`: a hint to check the source, not a correction). No `id` or `review`:
/// those belong to a database.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Reports to check instead of the database: drafts, or any report gov-db reads.
    #[arg(value_name = "FILE", conflicts_with_all = ["unreviewed", "list_rules"])]
    pub files: Vec<PathBuf>,
    /// With FILEs: last year's published report, for carry-over, in-force and yoy-jump.
    #[arg(long, value_name = "FILE", requires = "files")]
    pub previous: Vec<PathBuf>,
    /// Only this agency: any of its names (gov-db agency list). With FILEs: the agency of a
    /// report whose title does not name it right, as `gov-db import --agency`.
    #[arg(long)]
    pub agency: Option<String>,
    /// Only this statistics year. With FILEs: the year of a draft whose title does not state
    /// it, as `gov-db import --year`.
    #[arg(long)]
    pub year: Option<i64>,
    /// Only findings of this severity or worse (error > warning > info).
    #[arg(long, value_enum, default_value_t = Severity::Info)]
    pub severity: Severity,
    /// Only this rule (e.g. carry-over; --list-rules names them).
    #[arg(long)]
    pub rule: Option<String>,
    /// Check the reports a person corrected (gov-db correct) as they were printed, not as
    /// corrected: the record that a report was published with an error is kept.
    #[arg(long)]
    pub as_printed: bool,
    /// Only the findings nobody has reviewed yet (gov-db review), or whose review went stale
    /// because a number they are about changed.
    #[arg(long)]
    pub unreviewed: bool,
    /// List the rules with their severity and what they state, and exit.
    #[arg(long)]
    pub list_rules: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    if args.list_rules {
        let rows = Rows {
            columns: vec![
                "rule".into(),
                "severity".into(),
                "identity".into(),
                "states".into(),
            ],
            rows: RULES
                .iter()
                .map(|r| {
                    vec![
                        SqlValue::Text(r.id.into()),
                        SqlValue::Text(r.severity.as_str().into()),
                        r.identity
                            .map_or(SqlValue::Null, |i| SqlValue::Int(i.into())),
                        SqlValue::Text(crate::i18n::message(&format!("rule-{}", r.id), None)),
                    ]
                })
                .collect(),
        };
        render::render(&rows, args.format, &mut out)?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(rule) = &args.rule
        && !RULES.iter().any(|r| r.id == rule)
    {
        let known: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        return Err(Failure::usage(super::unknown_name("rule", rule, &known)));
    }
    if !args.files.is_empty() {
        return draft::run(args);
    }
    let store = super::open_read_only(db)?;
    super::note_stale_findings(&store, db);
    // Any name of an agency selects its identity's canonical name.
    let agency = match &args.agency {
        Some(a) => Some(super::agency_named(&store, a)?),
        None => None,
    };
    let filter = FindingFilter {
        agency: agency.clone(),
        year: args.year,
        min_severity: Some(args.severity),
        rule: args.rule.clone(),
        as_printed: args.as_printed,
        unreviewed: args.unreviewed,
        reports: None,
    };
    // The findings as printed (`--as-printed`) are made now, not stored: in the language
    // of the messages straight away. The stored ones are English, said again below.
    let mut rows = crate::check::in_language(crate::i18n::lang(), || store.findings(&filter))?;
    localize_messages(&store, &filter, &mut rows)?;
    let reports = store.count_reports(agency.as_deref(), args.year)?;
    render::render(&rows, args.format, &mut out)?;
    let mut tally = crate::check::Tally::default();
    let severity = rows.columns.iter().position(|c| c == "severity");
    for r in &rows.rows {
        if let Some(SqlValue::Text(s)) = severity.and_then(|i| r.get(i))
            && let Some(sev) = Severity::parse(s)
        {
            tally.add(sev);
        }
    }
    eprintln!(
        "{}",
        crate::t!(
            "check-summary",
            reports = reports,
            tally = tally.to_string()
        )
    );
    Ok(if tally.errors > 0 {
        ExitCode::from(crate::error::EXIT_INPUT)
    } else {
        ExitCode::SUCCESS
    })
}

/// The line `gov-db import` prints about the findings of what it wrote (or, under
/// `--dry-run`, would have written: then nothing is stored for `gov-db check` to list).
pub fn import_line(tally: &crate::check::Tally, dry_run: bool) -> String {
    let tally_text = tally.to_string();
    match (tally.errors + tally.warnings > 0, dry_run) {
        (false, false) => crate::t!("import-checks", tally = tally_text),
        (false, true) => crate::t!("import-checks-dry-run", tally = tally_text),
        (true, false) => crate::t!("import-checks-hint", tally = tally_text),
        (true, true) => crate::t!("import-checks-dry-run-hint", tally = tally_text),
    }
}

/// The findings' messages in the language of the messages: the `finding` table keeps them in
/// English, so in another they are made again from the stored reports.
pub(super) fn localize_messages(
    store: &crate::store::Store,
    filter: &FindingFilter,
    rows: &mut Rows,
) -> anyhow::Result<()> {
    let lang = crate::i18n::lang();
    if lang == crate::i18n::Lang::En || rows.rows.is_empty() {
        return Ok(());
    }
    let (Some(id), Some(message)) = (
        rows.columns.iter().position(|c| c == "id"),
        rows.columns.iter().position(|c| c == "message"),
    ) else {
        return Ok(());
    };
    let messages = crate::check::in_language(lang, || {
        store.finding_messages(filter.agency.as_deref(), filter.year)
    })?;
    for row in &mut rows.rows {
        if let SqlValue::Text(key) = &row[id]
            && let Some(text) = messages.get(key)
        {
            row[message] = SqlValue::Text(text.clone());
        }
    }
    Ok(())
}

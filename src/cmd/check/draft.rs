//! `gov-db check FILE…`: the check a 政务公开 office runs on its draft before publishing,
//! without a database. The drafts (and `--previous`, last year's published report) are read
//! as `gov-db import` reads them into an empty database in memory, with the same migrations
//! and the same code that stores findings on import, so that the findings are those an
//! import followed by `gov-db check` would list; nothing is written anywhere. Each finding
//! also says, in the office's terms, which table, row and column as printed, where each of
//! its numbers was read, and, for a single cell that would make both its row and its column
//! add up, which value that would be (a hint, never a correction).

use super::Args;
use crate::check::{Severity, Tally, cells};
use crate::cmd::import::{Progress, import_csv, import_report};
use crate::error::Failure;
use crate::read::paths::Input;
use crate::read::report::{Overrides, PARSER_VERSION};
use crate::read::source::{Kind, Source};
use crate::read::{self, Problem, Problems};
use crate::render;
use crate::store::{FindingFilter, Rows, SqlValue, Store, StoredReport};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::process::ExitCode;

/// The columns of the findings about drafts, in order: `gov-db check`'s (less the id and the
/// review, which belong to a database), then the labels as printed, where the numbers were
/// read and the hint.
pub const DRAFT_COLUMNS: [&str; 15] = [
    "severity",
    "rule",
    "agency",
    "year",
    "section",
    "row",
    "column",
    "table",
    "row_label",
    "column_label",
    "expected",
    "actual",
    "read_at",
    "hint",
    "message",
];

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut store = Store::open_in_memory()?;
    // Last year's reports first, in an import of their own: the drafts' cross-year rules
    // then find them as they find a stored neighbour.
    let mut previous: HashSet<i64> = HashSet::new();
    if !args.previous.is_empty() {
        let overrides = Overrides {
            agency: args.agency.clone(),
            year: None,
            ..Overrides::default()
        };
        read_into(&mut store, &args.previous, &overrides, "--previous ")?;
        previous = store.report_index()?.into_iter().map(|r| r.0).collect();
    }
    let overrides = Overrides {
        agency: args.agency.clone(),
        year: args.year,
        ..Overrides::default()
    };
    let (files, replaced) = read_into(&mut store, &args.files, &overrides, "")?;
    if replaced {
        return Err(Failure::usage(crate::t!("draft-check-same-as-previous")));
    }
    let index = store.report_index()?;
    let (last_year, drafts): (Vec<_>, Vec<_>) =
        index.into_iter().partition(|r| previous.contains(&r.0));
    let draft_years: HashSet<(&str, i64)> = drafts.iter().map(|r| (r.1.as_str(), r.2)).collect();
    let named = |r: &(i64, String, i64)| format!("{} {}", r.1, r.2);
    let unmatched: Vec<String> = last_year
        .iter()
        .filter(|r| !draft_years.contains(&(r.1.as_str(), r.2 + 1)))
        .map(named)
        .collect();
    if !unmatched.is_empty() {
        return Err(Failure::usage(crate::t!(
            "draft-check-unmatched-previous",
            reports = unmatched.join(", ")
        )));
    }
    let filter = FindingFilter {
        min_severity: Some(args.severity),
        rule: args.rule.clone(),
        reports: Some(drafts.iter().map(|r| r.0).collect()),
        ..FindingFilter::default()
    };
    let mut found = store.findings(&filter)?;
    super::localize_messages(&store, &filter, &mut found)?;
    let rows = explain(&store, &found)?;
    render::render(&rows, args.format, &mut std::io::stdout().lock())?;
    let mut tally = Tally::default();
    let severity = rows.columns.iter().position(|c| c == "severity");
    for r in &rows.rows {
        if let Some(SqlValue::Text(s)) = severity.and_then(|i| r.get(i))
            && let Some(sev) = Severity::parse(s)
        {
            tally.add(sev);
        }
    }
    let against: Vec<String> = last_year.iter().map(named).collect();
    let against = if against.is_empty() {
        String::new()
    } else {
        crate::t!("draft-check-against", reports = against.join(", "))
    };
    eprintln!(
        "{}",
        crate::t!(
            "draft-check-summary",
            reports = drafts.len(),
            files = files,
            against = against,
            tally = tally.to_string()
        )
    );
    Ok(if tally.errors > 0 {
        ExitCode::from(crate::error::EXIT_INPUT)
    } else {
        ExitCode::SUCCESS
    })
}

/// Reads `paths` into `store` in one import, as `gov-db import` does; any problem fails the
/// check, listing them all. The number of files read, and whether a report replaced (or
/// repeated) one stored before.
fn read_into(
    store: &mut Store,
    paths: &[PathBuf],
    overrides: &Overrides,
    what: &str,
) -> anyhow::Result<(usize, bool)> {
    let files = read::paths::expand(paths);
    if files.is_empty() {
        return Err(Failure::input(crate::t!(
            "import-no-files",
            paths = format!(
                "{what}{}",
                paths
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        )));
    }
    let mut importer = store.begin_import(PARSER_VERSION)?;
    let progress = Progress::new(&files);
    let mut all = Problems::default();
    let mut failed = 0;
    for file in &files {
        let path = file.path();
        let mut problems = Problems::default();
        progress.start(path);
        let result = match file {
            Input::Unreadable { error, .. } => {
                problems.push(Problem::new(path, None, None, error.to_string()));
                Ok(())
            }
            // An image met in a directory is read as any report: a draft holds no photographs.
            Input::File(_) | Input::Image(_) => {
                Source::open(path).and_then(|source| match source.kind {
                    Kind::Csv => import_csv(path, source, &mut importer, &mut problems, &progress),
                    Kind::Report => import_report(
                        path,
                        source,
                        &mut importer,
                        &mut problems,
                        overrides,
                        &progress,
                        None,
                    ),
                })
            }
        };
        if let Err(e) = result {
            problems.push(Problem::new(
                path,
                None,
                None,
                crate::t!("import-cannot-read", error = e.to_string()),
            ));
        }
        progress.done();
        if !problems.is_empty() {
            failed += 1;
            all.more += problems.more;
            for p in problems.list {
                all.push(p);
            }
        }
    }
    progress.finish();
    if !all.is_empty() {
        let n = all.len();
        return Err(anyhow::Error::new(all).context(crate::t!(
            "draft-check-problems",
            n = n,
            what = what,
            failed = failed,
            files = files.len()
        )));
    }
    let summary = importer.commit("")?;
    Ok((files.len(), summary.replaced + summary.unchanged > 0))
}

/// A report read back, with the hints for its findings.
type Explained = (StoredReport, Vec<cells::Hint>);

/// The findings as `gov-db check` lists them, in the office's terms: the labels as printed,
/// where each number was read, and the hint for a single cell. Only the reports findings are
/// about (and the year before each) are read back.
fn explain(store: &Store, found: &Rows) -> anyhow::Result<Rows> {
    let col = |name: &str| {
        found
            .columns
            .iter()
            .position(|c| c == name)
            .expect("check lists this column")
    };
    fn text(v: &SqlValue) -> Option<&str> {
        match v {
            SqlValue::Text(t) => Some(t.as_str()),
            _ => None,
        }
    }
    let ids: HashMap<(String, i64), i64> = store
        .report_index()?
        .into_iter()
        .map(|(id, agency, year)| ((agency, year), id))
        .collect();
    // (agency, year) → the report and its hints, read once.
    let mut read: HashMap<(String, i64), Option<Explained>> = HashMap::new();
    let mut load = |agency: &str, year: i64| -> anyhow::Result<()> {
        if let std::collections::hash_map::Entry::Vacant(e) = read.entry((agency.to_string(), year))
        {
            let stored = match ids.get(e.key()) {
                Some(&id) => store.stored_report(id)?,
                None => None,
            };
            e.insert(stored.map(|r| {
                let lang = crate::i18n::lang();
                let hints = crate::check::in_language(lang, || cells::hints(&r.report));
                (r, hints)
            }));
        }
        Ok(())
    };
    for f in &found.rows {
        if let (Some(agency), SqlValue::Int(year)) = (text(&f[col("agency")]), &f[col("year")]) {
            load(agency, *year)?;
            load(agency, *year - 1)?;
        }
    }
    let mut rows = Vec::new();
    for f in &found.rows {
        let agency = text(&f[col("agency")]).unwrap_or_default().to_string();
        let year = match f[col("year")] {
            SqlValue::Int(y) => y,
            _ => 0,
        };
        let rule = text(&f[col("rule")]).unwrap_or_default();
        let (section, row, column) = (
            text(&f[col("section")]),
            text(&f[col("row")]),
            text(&f[col("column")]),
        );
        let (mut labels, mut read_at, mut hint) = (["", "", ""], String::new(), None);
        if let Some(Some((this, hints))) = read.get(&(agency.clone(), year)) {
            let report = &this.report;
            labels = cells::labels(report.template, section, row, column);
            let which = cells::finding_cells(report, rule, section, row, column);
            read_at = places(origins(report, &which.this_year));
            if let Some(Some((last, _))) = read.get(&(agency.clone(), year - 1))
                && !which.last_year.is_empty()
            {
                let there = places(origins(&last.report, &which.last_year));
                if !there.is_empty() {
                    if !read_at.is_empty() {
                        read_at.push_str("; ");
                    }
                    read_at.push_str(&format!("the {} report: {there}", year - 1));
                }
            }
            read_at = crate::i18n::origin(&read_at);
            hint = hints
                .iter()
                .find(|h| h.rule == rule && h.row == row && h.column == column)
                .map(|h| h.text.clone());
        }
        let opt = |s: &str| {
            if s.is_empty() {
                SqlValue::Null
            } else {
                SqlValue::Text(s.to_string())
            }
        };
        rows.push(vec![
            f[col("severity")].clone(),
            f[col("rule")].clone(),
            f[col("agency")].clone(),
            f[col("year")].clone(),
            f[col("section")].clone(),
            f[col("row")].clone(),
            f[col("column")].clone(),
            opt(labels[0]),
            opt(labels[1]),
            opt(labels[2]),
            f[col("expected")].clone(),
            f[col("actual")].clone(),
            opt(&read_at),
            hint.map_or(SqlValue::Null, SqlValue::Text),
            f[col("message")].clone(),
        ]);
    }
    Ok(Rows {
        columns: DRAFT_COLUMNS.iter().map(|c| c.to_string()).collect(),
        rows,
    })
}

/// Where each of `cells` was read in `report`, those read from a place.
fn origins<'r>(report: &'r crate::model::Report, cells: &[(u8, u8)]) -> Vec<&'r str> {
    cells
        .iter()
        .filter_map(|&(r, c)| {
            report
                .cells
                .iter()
                .find(|x| x.row == r && x.col == c)
                .and_then(|x| x.origin.as_deref())
        })
        .collect()
}

/// Places as a person reads them: `line 91`, `lines 91–92, 115–116`, `table 2 row 4 cells
/// 2–8`, `table 2 rows 4–5, 28–29 cell 2`, `sheet 1 row 9 cell 4`.
pub fn places(origins: Vec<&str>) -> String {
    let mut lines: Vec<u64> = Vec::new();
    // (table or sheet, its number) → (row, cell)
    let mut grids: BTreeMap<(String, u64), Vec<(u64, u64)>> = BTreeMap::new();
    let mut other: Vec<String> = Vec::new();
    for o in origins {
        let w: Vec<&str> = o.split_whitespace().collect();
        let n = |i: usize| w.get(i).and_then(|s| s.parse::<u64>().ok());
        match w.as_slice() {
            ["line", _] if n(1).is_some() => lines.push(n(1).unwrap_or_default()),
            [kind, _, "row", _, "cell", _]
                if n(1).is_some() && n(3).is_some() && n(5).is_some() =>
            {
                grids
                    .entry((kind.to_string(), n(1).unwrap_or_default()))
                    .or_default()
                    .push((n(3).unwrap_or_default(), n(5).unwrap_or_default()));
            }
            _ if !other.iter().any(|x| x == o) => other.push(o.to_string()),
            _ => {}
        }
    }
    let mut out: Vec<String> = Vec::new();
    if !lines.is_empty() {
        lines.sort_unstable();
        lines.dedup();
        let word = if lines.len() == 1 { "line" } else { "lines" };
        out.push(format!("{word} {}", ranges(&lines)));
    }
    for ((kind, number), mut at) in grids {
        at.sort_unstable();
        at.dedup();
        let (rows, cells): (Vec<u64>, Vec<u64>) = at.iter().copied().unzip();
        let plural = |v: &[u64], w: &str| {
            let mut v = v.to_vec();
            v.dedup();
            v.sort_unstable();
            v.dedup();
            format!("{w}{} {}", if v.len() == 1 { "" } else { "s" }, ranges(&v))
        };
        if rows.iter().all(|&r| r == rows[0]) {
            out.push(format!(
                "{kind} {number} row {} {}",
                rows[0],
                plural(&cells, "cell")
            ));
        } else if cells.iter().all(|&c| c == cells[0]) {
            out.push(format!(
                "{kind} {number} {} cell {}",
                plural(&rows, "row"),
                cells[0]
            ));
        } else {
            let each: Vec<String> = at
                .iter()
                .map(|(r, c)| format!("row {r} cell {c}"))
                .collect();
            out.push(format!("{kind} {number} {}", each.join(", ")));
        }
    }
    out.extend(other);
    out.join("; ")
}

/// `91–92, 115–116` for sorted, distinct numbers.
fn ranges(v: &[u64]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < v.len() {
        let mut j = i;
        while j + 1 < v.len() && v[j + 1] == v[j] + 1 {
            j += 1;
        }
        out.push(if j == i {
            v[i].to_string()
        } else {
            format!("{}–{}", v[i], v[j])
        });
        i = j + 1;
    }
    out.join(", ")
}

#[cfg(test)]
mod tests {
    use super::places;

    #[test]
    fn places_read_as_ranges() {
        assert_eq!(places(vec!["line 91"]), "line 91");
        assert_eq!(
            places(vec![
                "line 92", "line 91", "line 116", "line 115", "line 91"
            ]),
            "lines 91–92, 115–116"
        );
        assert_eq!(
            places(
                (2..=8)
                    .map(|c| format!("table 2 row 4 cell {c}"))
                    .collect::<Vec<_>>()
                    .iter()
                    .map(String::as_str)
                    .collect()
            ),
            "table 2 row 4 cells 2–8"
        );
        assert_eq!(
            places(vec![
                "table 2 row 5 cell 2",
                "table 2 row 4 cell 2",
                "table 2 row 28 cell 2"
            ]),
            "table 2 rows 4–5, 28 cell 2"
        );
        assert_eq!(
            places(vec![
                "sheet 1 row 9 cell 4",
                "sheet 1 row 10 cell 5",
                "line 3"
            ]),
            "line 3; sheet 1 row 9 cell 4, row 10 cell 5"
        );
        assert_eq!(places(vec![]), "");
    }
}

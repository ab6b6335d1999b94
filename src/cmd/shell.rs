//! `gov-db shell`: an interactive SQL shell with history, multi-line statements and the
//! dot-commands people know from sqlite3.

use crate::render::{self, Format};
use crate::store::{self, Store};
use rustyline::error::ReadlineError;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Open an interactive SQL shell on the database.
///
/// End a statement with `;`. Dot-commands: .tables, .schema [NAME], .views, .mode FORMAT,
/// .help, .quit. History is kept in ~/.gov_db_history.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format to start with (.mode changes it).
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Allow statements that change the database.
    #[arg(long)]
    pub write: bool,
}

const HELP: &str = "\
.tables          list tables and views
.schema [NAME]   show the CREATE statement of NAME (or of everything)
.views           list the canned views with what they answer
.mode FORMAT     table, csv, json or markdown
.help            this text
.quit            leave (Ctrl-D works too)
Statements end with ';' and may span lines.";

pub fn run(args: Args, db: &Path) -> anyhow::Result<ExitCode> {
    let store = if args.write {
        Store::open(db)?
    } else {
        super::open_read_only(db)?
    };
    let mut editor = rustyline::DefaultEditor::new()?;
    let history = std::env::var_os("HOME").map(|h| Path::new(&h).join(".gov_db_history"));
    if let Some(h) = &history {
        let _ = editor.load_history(h);
    }
    let mut format = args.format;
    let mut buffer = String::new();
    let mut out = std::io::stdout();
    writeln!(
        out,
        "gov-db {} shell on {}; .help for help",
        env!("CARGO_PKG_VERSION"),
        db.display()
    )?;
    loop {
        let prompt = if buffer.is_empty() {
            "gov-db> "
        } else {
            "   ...> "
        };
        let line = match editor.readline(prompt) {
            Ok(l) => l,
            Err(ReadlineError::Interrupted) => {
                buffer.clear();
                continue;
            }
            Err(ReadlineError::Eof) => break,
            Err(e) => return Err(e.into()),
        };
        let trimmed = line.trim();
        if buffer.is_empty() && trimmed.starts_with('.') {
            let _ = editor.add_history_entry(trimmed);
            match dot_command(trimmed, &store, &mut format, &mut out) {
                Ok(true) => break,
                Ok(false) => {}
                // Nobody reads on: leave quietly, as after a statement.
                Err(e) if crate::error::is_broken_pipe(&e) => return Err(e),
                Err(e) => eprintln!("error: {e:#}"),
            }
            continue;
        }
        if trimmed.is_empty() && buffer.is_empty() {
            continue;
        }
        buffer.push_str(&line);
        buffer.push('\n');
        if !buffer.trim_end().ends_with(';') {
            continue;
        }
        let sql = std::mem::take(&mut buffer);
        let _ = editor.add_history_entry(sql.trim());
        match store.sql(sql.trim()) {
            Ok(rows) if !rows.columns.is_empty() => render::render(&rows, format, &mut out)?,
            Ok(_) => {}
            Err(e) => eprintln!("error: {e}"),
        }
    }
    if let Some(h) = &history {
        let _ = editor.save_history(h);
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs one dot-command; true means leave.
fn dot_command(
    line: &str,
    store: &Store,
    format: &mut Format,
    out: &mut dyn Write,
) -> anyhow::Result<bool> {
    let mut words = line.split_whitespace();
    let cmd = words.next().unwrap_or("");
    let arg = words.next();
    match cmd {
        ".quit" | ".exit" | ".q" => return Ok(true),
        ".help" => writeln!(out, "{HELP}")?,
        ".tables" => {
            let rows = store.sql("SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY type, name")?;
            render::render(&rows, *format, out)?;
        }
        ".schema" => {
            let rows = match arg {
                Some(name) => {
                    store.sql_with("SELECT sql FROM sqlite_master WHERE name = ?1", name)?
                }
                None => store.sql(
                    "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type DESC, name",
                )?,
            };
            for r in rows.rows {
                if let Some(store::SqlValue::Text(s)) = r.first() {
                    writeln!(out, "{s};")?;
                }
            }
        }
        ".views" => {
            for v in store::views() {
                writeln!(out, "{:<24} {}", v.view, v.summary)?;
            }
        }
        ".mode" => match arg.and_then(|a| <Format as clap::ValueEnum>::from_str(a, true).ok()) {
            Some(f) => *format = f,
            None => writeln!(out, "usage: .mode table|csv|json|markdown")?,
        },
        other => writeln!(out, "unknown command {other}; .help lists them")?,
    }
    Ok(false)
}

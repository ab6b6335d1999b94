//! `gov-db shell`: an interactive SQL shell with history, multi-line statements and the
//! dot-commands people know from sqlite3. Its input may also be a script (`gov-db shell <
//! file.sql`): then it prints only the answers and fails (exit 1) when a statement failed, so
//! that a script's failure is not taken for success.

use crate::error::EXIT_INPUT;
use crate::render::{self, Format};
use crate::store::{self, Store};
use rustyline::error::ReadlineError;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

/// Open an interactive SQL shell on the database.
///
/// End a statement with `;` (the last one of a script may go without). Dot-commands:
/// .tables, .schema [NAME], .views, .mode FORMAT, .help, .quit (`help`, `exit` and `quit`
/// work without the dot). History is kept in ~/.gov_db_history. With a script on standard
/// input, the exit code is 1 when a statement failed.
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
.help            this text (help works too)
.quit            leave (exit, quit and Ctrl-D work too)
Statements end with ';' and may span lines.";

pub fn run(args: Args, db: &Path) -> anyhow::Result<ExitCode> {
    let store = if args.write {
        Store::open_for_statements(db)?
    } else {
        super::open_read_only(db)?
    };
    // A script is read as sqlite3 reads one: no banner and no history, and a failure shows in
    // the exit code.
    let interactive = std::io::stdin().is_terminal();
    let mut editor = rustyline::DefaultEditor::new()?;
    let history = std::env::var_os("HOME")
        .filter(|_| interactive)
        .map(|h| Path::new(&h).join(".gov_db_history"));
    if let Some(h) = &history {
        let _ = editor.load_history(h);
    }
    let mut shell = Shell {
        store,
        format: args.format,
        write: args.write,
        out: std::io::stdout(),
        failed: false,
    };
    if interactive {
        writeln!(
            shell.out,
            "gov-db {} shell on {}; .help for help",
            env!("CARGO_PKG_VERSION"),
            db.display()
        )?;
    }
    let mut buffer = String::new();
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
        if buffer.is_empty() {
            // help, exit and quit as people type them in other shells.
            let command = bare_command(trimmed).unwrap_or(trimmed);
            if command.starts_with('.') {
                let _ = editor.add_history_entry(trimmed);
                if shell.dot_command(command)? {
                    break;
                }
                continue;
            }
            if trimmed.is_empty() {
                continue;
            }
        }
        buffer.push_str(&line);
        buffer.push('\n');
        if !buffer.trim_end().ends_with(';') {
            continue;
        }
        let sql = std::mem::take(&mut buffer);
        let _ = editor.add_history_entry(sql.trim());
        shell.statement(sql.trim())?;
    }
    // The input ended inside a statement (a script's last line without ';', or Ctrl-D after
    // one): it is run, not dropped.
    if !buffer.trim().is_empty() {
        let _ = editor.add_history_entry(buffer.trim());
        shell.statement(buffer.trim())?;
    }
    if let Some(h) = &history {
        let _ = editor.save_history(h);
    }
    Ok(if shell.failed && !interactive {
        ExitCode::from(EXIT_INPUT)
    } else {
        ExitCode::SUCCESS
    })
}

/// The dot-command a bare `help`, `exit` or `quit` (with or without `;`) stands for.
fn bare_command(line: &str) -> Option<&'static str> {
    let word = line.trim_end_matches(';').trim_end();
    if word.eq_ignore_ascii_case("help") {
        Some(".help")
    } else if word.eq_ignore_ascii_case("exit") || word.eq_ignore_ascii_case("quit") {
        Some(".quit")
    } else {
        None
    }
}

/// What a session holds between lines.
struct Shell {
    store: Store,
    format: Format,
    write: bool,
    out: std::io::Stdout,
    /// A statement or dot-command failed: a script exits 1.
    failed: bool,
}

impl Shell {
    /// Runs one statement; its failure is said and remembered, and the session goes on. Only
    /// a failing standard output ends it.
    fn statement(&mut self, sql: &str) -> anyhow::Result<()> {
        // A stray ';' is nothing to run, as in sqlite3.
        if !super::sql::has_statement(sql) {
            return Ok(());
        }
        match super::sql::execute(&self.store, sql, self.format, &mut self.out) {
            Ok(()) => Ok(()),
            Err(e) if crate::error::is_broken_pipe(&e) => Err(e),
            Err(e) => {
                let e = super::sql::refused_write(e, !self.write, &crate::t!("shell-read-only"));
                eprintln!("{}", crate::t!("error-prefix", message = e.to_string()));
                self.failed = true;
                Ok(())
            }
        }
    }

    /// Runs one dot-command; true means leave. A failure is said and remembered.
    fn dot_command(&mut self, line: &str) -> anyhow::Result<bool> {
        match dot_command(line, &self.store, &mut self.format, &mut self.out) {
            Ok(leave) => Ok(leave),
            Err(e) if crate::error::is_broken_pipe(&e) => Err(e),
            Err(e) => {
                eprintln!("{}", crate::t!("error-prefix", message = format!("{e:#}")));
                self.failed = true;
                Ok(false)
            }
        }
    }
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
            None => anyhow::bail!("usage: .mode table|csv|json|markdown"),
        },
        other => anyhow::bail!("unknown command {other}; .help lists them"),
    }
    Ok(false)
}

//! Help text in Chinese: the English stays in the `Args` doc comments (clap derive reads it);
//! in Chinese the built `Command` tree is walked and each command's about and each argument's
//! help replaced from `locales/zh/help.ftl`, by an id derived from where it is:
//!
//! - a command: `cmd` (gov-db itself), `cmd-import`, `cmd-agency-rename`;
//! - an argument: `arg-import--dry_run` (command path, `--`, clap's id), a global one
//!   `arg--db` wherever it is propagated, clap's own `arg-help` and `arg-version`;
//! - a value of an enumerated argument: `pv-table`, `pv-reading-error`.
//!
//! A message's first paragraph is the short help (`-h`), the whole the long one (`--help`).
//! A test (`i18n::tests`) walks the same tree and fails on any command, argument or value
//! without its Chinese entry, and on any entry that names nothing.

use super::{Lang, message_in};
use clap::Command;

/// Every id the help of `cmd` (built) looks up, with the English text it replaces.
pub fn ids(cmd: &Command) -> Vec<(String, String)> {
    let mut out = Vec::new();
    walk_ids(cmd, &[], &mut out);
    out
}

fn command_id(path: &[&str]) -> String {
    if path.is_empty() {
        "cmd".into()
    } else {
        format!("cmd-{}", path.join("-"))
    }
}

fn arg_id(path: &[&str], arg: &clap::Arg) -> String {
    let id = arg.get_id().as_str();
    let clap_own = matches!(
        arg.get_action(),
        clap::ArgAction::Help
            | clap::ArgAction::HelpShort
            | clap::ArgAction::HelpLong
            | clap::ArgAction::Version
    );
    if clap_own {
        format!("arg-{id}")
    } else if arg.is_global_set() {
        format!("arg--{id}")
    } else {
        format!("arg-{}--{id}", path.join("-"))
    }
}

fn english(s: Option<&clap::builder::StyledStr>) -> String {
    s.map(|s| s.to_string()).unwrap_or_default()
}

fn walk_ids(cmd: &Command, path: &[&str], out: &mut Vec<(String, String)>) {
    out.push((
        command_id(path),
        english(cmd.get_long_about().or(cmd.get_about())),
    ));
    for arg in cmd.get_arguments() {
        if arg.is_hide_set() {
            continue;
        }
        out.push((
            arg_id(path, arg),
            english(arg.get_long_help().or(arg.get_help())),
        ));
        for pv in arg.get_possible_values() {
            if pv.is_hide_set() {
                continue;
            }
            if let Some(help) = pv.get_help() {
                out.push((format!("pv-{}", pv.get_name()), help.to_string()));
            }
        }
    }
    for sub in cmd.get_subcommands() {
        if sub.get_name() == "help" {
            out.push(("cmd-help".into(), english(sub.get_about())));
            continue;
        }
        let mut p = path.to_vec();
        p.push(sub.get_name());
        walk_ids(sub, &p, out);
    }
}

/// The short help of a text: its first paragraph.
fn short(text: &str) -> String {
    text.split("\n\n")
        .next()
        .unwrap_or(text)
        .trim_end()
        .to_string()
}

/// Sets about and help from the catalog of `lang` (English: as derived, untouched).
pub fn localize(mut cmd: Command, lang: Lang) -> Command {
    if lang == Lang::En {
        return cmd;
    }
    cmd.build();
    walk_set(cmd, &[], lang)
}

fn text(lang: Lang, id: &str) -> Option<String> {
    super::has(lang, id).then(|| message_in(lang, id, None))
}

fn walk_set(mut cmd: Command, path: &[&str], lang: Lang) -> Command {
    let usage = message_in(lang, "help-usage", None);
    cmd = cmd
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{usage} {{usage}}\n\n{{all-args}}{{after-help}}"
        ))
        .subcommand_help_heading(message_in(lang, "help-commands", None))
        // clap wraps at spaces only, which Chinese lacks between words: it does not wrap
        // here, and the help is wrapped by display width as it is printed (super::wrap).
        .term_width(0);
    if let Some(about) = text(lang, &command_id(path)) {
        cmd = if short(&about) != about {
            cmd.about(short(&about)).long_about(about)
        } else {
            cmd.about(about).long_about(None::<&str>)
        };
    }
    let ids: Vec<clap::Id> = cmd.get_arguments().map(|a| a.get_id().clone()).collect();
    for id in ids {
        cmd = cmd.mut_arg(id, |arg| localize_arg(arg, path, lang));
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let mut p: Vec<&str> = path.to_vec();
        p.push(&name);
        cmd = cmd.mut_subcommand(&name, |sub| {
            if name == "help" {
                match text(lang, "cmd-help") {
                    Some(about) => sub.about(about),
                    None => sub,
                }
            } else {
                walk_set(sub, &p, lang)
            }
        });
    }
    cmd
}

/// One argument: its heading, its help, and what clap appends in English (the values it
/// takes, its default, its variable), said in `lang` instead.
fn localize_arg(mut arg: clap::Arg, path: &[&str], lang: Lang) -> clap::Arg {
    let heading = if arg.is_positional() {
        "help-arguments"
    } else {
        "help-options"
    };
    if arg.get_help_heading().is_none() {
        arg = arg.help_heading(message_in(lang, heading, None));
    }
    let Some(help) = text(lang, &arg_id(path, &arg)) else {
        return arg;
    };
    let mut short_help = short(&help);
    let mut long = help.clone();
    let mut notes = Vec::new();
    let values: Vec<clap::builder::PossibleValue> = arg
        .get_possible_values()
        .into_iter()
        .filter(|pv| !pv.is_hide_set())
        .collect();
    if !values.is_empty() && !arg.is_hide_possible_values_set() {
        arg = arg.hide_possible_values(true);
        let names: Vec<&str> = values.iter().map(|pv| pv.get_name()).collect();
        let listed = message_in(lang, "help-values", None);
        notes.push(format!("{listed}{}", names.join(", ")));
        if values.iter().any(|pv| pv.get_help().is_some()) {
            let lines: Vec<String> = values
                .iter()
                .map(|pv| {
                    let name = pv.get_name();
                    match text(lang, &format!("pv-{name}")) {
                        Some(h) => format!("  - {name}: {h}"),
                        None => format!("  - {name}: {}", english(pv.get_help())),
                    }
                })
                .collect();
            long = format!("{long}\n\n{listed}\n{}", lines.join("\n"));
        }
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty()
        && !arg.is_hide_default_value_set()
        && arg.get_num_args().is_none_or(|n| n.takes_values())
    {
        arg = arg.hide_default_value(true);
        notes.push(format!(
            "{}{}",
            message_in(lang, "help-default", None),
            defaults.join(", ")
        ));
    }
    if let Some(env) = arg.get_env().map(|e| e.to_string_lossy().into_owned())
        && !arg.is_hide_env_set()
    {
        arg = arg.hide_env(true);
        notes.push(format!("{}{env}", message_in(lang, "help-env", None)));
    }
    if !notes.is_empty() {
        let notes = format!(" [{}]", notes.join("] ["));
        short_help.push_str(&notes);
        if short(&long) != long {
            long.push_str(&format!(
                "\n\n[{}]",
                notes.trim().trim_start_matches('[').trim_end_matches(']')
            ));
        } else {
            long.push_str(&notes);
        }
    }
    if short(&long) != long {
        arg.help(short_help).long_help(long)
    } else {
        arg.help(short_help).long_help(None::<&str>)
    }
}

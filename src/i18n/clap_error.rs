//! clap's own errors (an unknown flag, a missing or invalid value) said in Chinese: clap writes
//! them in English only, so under Chinese the error is rendered here from its kind
//! ([`clap::error::ErrorKind`]) and its context (the argument, the value, the suggestions, the
//! usage), each sentence a message of the catalog (`clap-…`). English keeps clap's own text.

use super::{Lang, message_in};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use fluent_bundle::{FluentArgs, FluentValue};

fn msg(lang: Lang, id: &str, args: &[(&str, String)]) -> String {
    let mut fa = FluentArgs::new();
    for (k, v) in args {
        fa.set(*k, FluentValue::from(v.clone()));
    }
    message_in(lang, id, Some(&fa))
}

fn string(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::Number(n) => Some(n.to_string()),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        _ => None,
    }
}

fn strings(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        _ => Vec::new(),
    }
}

fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("'{n}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What clap's error `e` says, in `lang`; None for what is not an error in need of words (help
/// and version, which are printed as they are), and for a kind this does not know.
pub fn render(e: &clap::Error, lang: Lang) -> Option<String> {
    let arg = string(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = string(e, ContextKind::InvalidValue).unwrap_or_default();
    let mut text = match e.kind() {
        ErrorKind::UnknownArgument => msg(lang, "clap-unknown-argument", &[("arg", arg)]),
        ErrorKind::InvalidValue if value.is_empty() => {
            msg(lang, "clap-missing-value", &[("arg", arg)])
        }
        ErrorKind::InvalidValue => {
            let mut t = msg(
                lang,
                "clap-invalid-value",
                &[("arg", arg), ("value", value)],
            );
            let valid = strings(e, ContextKind::ValidValue);
            if !valid.is_empty() {
                let values = valid.join(", ");
                t.push_str(&format!(
                    "\n  {}",
                    msg(lang, "clap-possible-values", &[("values", values)])
                ));
            }
            t
        }
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(e)
                .map(|s| s.to_string())
                .unwrap_or_default();
            msg(
                lang,
                "clap-value-validation",
                &[("arg", arg), ("value", value), ("reason", reason)],
            )
        }
        ErrorKind::InvalidSubcommand => {
            let name = string(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            msg(lang, "clap-invalid-subcommand", &[("name", name)])
        }
        ErrorKind::MissingRequiredArgument => {
            let mut t = msg(lang, "clap-missing-required", &[]);
            for a in strings(e, ContextKind::InvalidArg) {
                t.push_str(&format!("\n  {a}"));
            }
            t
        }
        ErrorKind::MissingSubcommand => {
            let name = string(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            let mut t = msg(lang, "clap-missing-subcommand", &[("name", name)]);
            let valid = strings(e, ContextKind::ValidSubcommand);
            if !valid.is_empty() {
                let names = valid.join(", ");
                t.push_str(&format!(
                    "\n  {}",
                    msg(lang, "clap-subcommands", &[("names", names)])
                ));
            }
            t
        }
        ErrorKind::ArgumentConflict => {
            let prior = strings(e, ContextKind::PriorArg);
            if prior.len() == 1 && prior[0] == arg {
                msg(lang, "clap-conflict-repeated", &[("arg", arg)])
            } else {
                let other = if prior.is_empty() {
                    msg(lang, "clap-conflict-others", &[])
                } else {
                    quoted(&prior)
                };
                msg(lang, "clap-conflict", &[("arg", arg), ("other", other)])
            }
        }
        ErrorKind::TooManyValues => msg(
            lang,
            "clap-too-many-values",
            &[("arg", arg), ("value", value)],
        ),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            let n = string(e, ContextKind::ActualNumValues).unwrap_or_default();
            let expected = string(e, ContextKind::MinValues)
                .or_else(|| string(e, ContextKind::ExpectedNumValues))
                .unwrap_or_default();
            msg(
                lang,
                "clap-number-of-values",
                &[("arg", arg), ("n", n), ("expected", expected)],
            )
        }
        ErrorKind::NoEquals => msg(lang, "clap-no-equals", &[("arg", arg)]),
        ErrorKind::InvalidUtf8 => msg(lang, "clap-invalid-utf8", &[]),
        _ => return None,
    };
    let mut tips = Vec::new();
    for (kind, what) in [
        (ContextKind::SuggestedSubcommand, "subcommand"),
        (ContextKind::SuggestedArg, "argument"),
        (ContextKind::SuggestedValue, "value"),
    ] {
        let names = strings(e, kind);
        if !names.is_empty() {
            let names = quoted(&names);
            tips.push(msg(
                lang,
                "clap-tip-similar",
                &[("kind", what.to_string()), ("names", names)],
            ));
        }
    }
    // clap's free-text tips ("to pass '-x' as a value, use '-- -x'"), said again here.
    if matches!(e.kind(), ErrorKind::UnknownArgument)
        && let Some(ContextValue::StyledStrs(s)) = e.get(ContextKind::Suggested)
        && s.iter()
            .any(|s| s.to_string().contains("' as a value, use '-- "))
    {
        let arg = string(e, ContextKind::InvalidArg).unwrap_or_default();
        tips.push(msg(lang, "clap-tip-as-value", &[("arg", arg)]));
    }
    if !tips.is_empty() {
        text.push('\n');
        for tip in tips {
            text.push_str(&format!("\n  {tip}"));
        }
    }
    let prefix = msg(lang, "error-prefix", &[("message", text)]);
    let mut out = prefix;
    if let Some(usage) = string(e, ContextKind::Usage) {
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
        let title = message_in(lang, "help-usage", None);
        let gap = if title.ends_with(':') { " " } else { "" };
        out.push_str(&format!("\n\n{title}{gap}{usage}"));
    }
    out.push_str("\n\n");
    out.push_str(&msg(lang, "clap-try-help", &[("flag", "--help".into())]));
    out.push('\n');
    Some(out)
}

/// Ends the process as clap would for `e`: help and version printed as they are, an error in
/// this process's language on stderr with clap's exit code (2).
pub fn exit(e: clap::Error) -> ! {
    let lang = super::lang();
    if lang != Lang::En {
        if matches!(
            e.kind(),
            ErrorKind::DisplayHelp | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        ) {
            print_help(&e);
            std::process::exit(e.exit_code());
        }
        if let Some(text) = render(&e, lang) {
            eprint!("{text}");
            std::process::exit(e.exit_code());
        }
    }
    e.exit()
}

/// Help in Chinese, wrapped by display width ([`super::wrap`]); in colour on a terminal, as
/// clap prints it.
fn print_help(e: &clap::Error) {
    use std::io::{IsTerminal, Write};
    let styled = e.render();
    let coloured = if e.use_stderr() {
        std::io::stderr().is_terminal()
    } else {
        std::io::stdout().is_terminal()
    } && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let text = if coloured {
        styled.ansi().to_string()
    } else {
        styled.to_string()
    };
    let text = super::wrap::wrap(&text, super::wrap::term_width());
    // A closed pipe (`gov-db --help | head`) is no failure.
    let _ = if e.use_stderr() {
        std::io::stderr().lock().write_all(text.as_bytes())
    } else {
        std::io::stdout().lock().write_all(text.as_bytes())
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{Arg, Command};

    fn cmd() -> Command {
        Command::new("gov-db")
            .arg(
                Arg::new("format")
                    .long("format")
                    .value_parser(["table", "csv"]),
            )
            .arg(Arg::new("year").long("year"))
    }

    fn zh(args: &[&str]) -> String {
        let e = cmd().try_get_matches_from(args).unwrap_err();
        render(&e, Lang::Zh).expect("an error with words")
    }

    #[test]
    fn an_unknown_flag_is_said_in_chinese_with_its_near_name() {
        let text = zh(&["gov-db", "--formt", "csv"]);
        assert!(text.starts_with("错误：意外的参数 '--formt'"), "{text}");
        assert!(text.contains("'--format'"), "{text}");
        assert!(text.contains("用法："), "{text}");
        assert!(
            !text.contains("Usage") && !text.contains("error:"),
            "{text}"
        );
    }

    #[test]
    fn a_missing_and_an_invalid_value_are_said_in_chinese() {
        let missing = zh(&["gov-db", "--year"]);
        assert!(missing.contains("'--year <year>' 需要一个值"), "{missing}");
        let invalid = zh(&["gov-db", "--format", "xml"]);
        assert!(
            invalid.contains("'xml'") && invalid.contains("table, csv"),
            "{invalid}"
        );
        assert!(!invalid.contains("possible values"), "{invalid}");
    }

    #[test]
    fn help_is_not_an_error_to_render() {
        let e = cmd()
            .try_get_matches_from(["gov-db", "--help"])
            .unwrap_err();
        assert!(render(&e, Lang::Zh).is_none());
    }
}

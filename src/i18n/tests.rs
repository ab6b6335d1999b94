//! The catalogs against each other and against the code: a message in one language and not
//! the other, a `t!` of an id no catalog has, a command or argument without its Chinese help.

use super::*;
use clap::CommandFactory;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The messages of a catalog (`id = …` at the start of a line), each with the variables it
/// places (`{ $name }`), which both languages must take alike.
fn messages(catalog: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in catalog.lines() {
        let starts_entry = line.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
        if starts_entry && let Some((id, _)) = line.split_once('=') {
            let id = id.trim().to_string();
            out.entry(id.clone()).or_default();
            current = Some(id);
        } else if line.starts_with('#') || line.is_empty() && current.is_none() {
            continue;
        }
        if let Some(id) = &current {
            let vars = out.get_mut(id).expect("entered above");
            let mut rest = line;
            while let Some(i) = rest.find('$') {
                rest = &rest[i + 1..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                    .collect();
                vars.insert(name);
            }
        }
    }
    out
}

#[test]
fn both_languages_have_the_same_messages_with_the_same_variables() {
    let en = messages(EN_MESSAGES);
    let zh = messages(ZH_MESSAGES);
    let only_en: Vec<&String> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
    let only_zh: Vec<&String> = zh.keys().filter(|k| !en.contains_key(*k)).collect();
    assert!(
        only_en.is_empty() && only_zh.is_empty(),
        "only in English: {only_en:?}; only in Chinese: {only_zh:?}"
    );
    for (id, vars) in &en {
        assert_eq!(
            vars, &zh[id],
            "the variables of {id} differ between en and zh"
        );
    }
}

#[test]
fn every_message_renders_in_both_languages_without_errors() {
    for (id, vars) in messages(EN_MESSAGES) {
        let mut args = FluentArgs::new();
        for v in &vars {
            args.set(v.clone(), FluentValue::from(2));
        }
        for lang in [Lang::En, Lang::Zh] {
            let b = bundle(lang);
            let m = b
                .get_message(&id)
                .unwrap_or_else(|| panic!("{id} in {lang:?}"));
            let mut errors = Vec::new();
            let text = b.format_pattern(m.value().expect("a value"), Some(&args), &mut errors);
            assert!(errors.is_empty(), "{id} in {lang:?}: {errors:?}");
            assert!(
                !text.contains(['\u{2068}', '\u{2069}']),
                "{id} in {lang:?} has isolation marks: {text:?}"
            );
        }
    }
}

use fluent_bundle::FluentValue;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The ids the code asks for by name with the `t!` macro in src/ (this file aside).
fn ids_in_code() -> BTreeMap<String, String> {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut out = BTreeMap::new();
    for file in files {
        if file.ends_with("i18n/tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        {
            let opener = "t!(";
            for (i, _) in text.match_indices(opener) {
                // `format!(` and `print!(` end the same way.
                let before = text[..i].chars().next_back();
                if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                    continue;
                }
                // `t!(` and the id on the next line, as rustfmt may break a long call;
                // `t!(in LANG, "id"`.
                let mut rest = text[i + opener.len()..].trim_start();
                if let Some(after) = rest.strip_prefix("in ") {
                    let Some((_, after)) = after.split_once(',') else {
                        continue;
                    };
                    rest = after.trim_start();
                }
                let Some(rest) = rest.strip_prefix('"') else {
                    continue;
                };
                let id: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect();
                if !id.is_empty() {
                    out.insert(id, file.display().to_string());
                }
            }
        }
    }
    out
}

#[test]
fn every_id_the_code_uses_is_in_the_catalogs() {
    let en = messages(EN_MESSAGES);
    let used = ids_in_code();
    assert!(used.len() >= 2, "{used:?}");
    let missing: Vec<_> = used
        .iter()
        .filter(|(id, _)| !en.contains_key(*id))
        .collect();
    assert!(
        missing.is_empty(),
        "used in code, missing from the catalogs: {missing:?}"
    );
}

#[test]
fn every_command_argument_and_value_has_its_chinese_help() {
    let mut cmd = crate::cmd::Cli::command();
    cmd.build();
    let ids = help::ids(&cmd);
    assert!(ids.len() > 50, "{}", ids.len());
    let missing: Vec<String> = ids
        .iter()
        .filter(|(id, _)| !has(Lang::Zh, id))
        .map(|(id, en)| format!("{id} = {}", en.replace('\n', "\n    ")))
        .collect();
    assert!(
        missing.is_empty(),
        "{} without Chinese help in locales/zh/help.ftl:\n{}",
        missing.len(),
        missing.join("\n")
    );
    let known: BTreeSet<&str> = ids.iter().map(|(id, _)| id.as_str()).collect();
    let stale: Vec<String> = messages(ZH_HELP)
        .into_keys()
        .filter(|id| {
            !id.starts_with("help-") && !id.starts_with("view-") && !known.contains(id.as_str())
        })
        .collect();
    assert!(
        stale.is_empty(),
        "help for no command or argument: {stale:?}"
    );
}

#[test]
fn chinese_help_replaces_the_english_of_every_command() {
    let cmd = help::localize(crate::cmd::Cli::command(), Lang::Zh);
    let mut seen = 0;
    let mut stack = vec![cmd];
    while let Some(mut c) = stack.pop() {
        let about = c.get_about().map(|s| s.to_string()).unwrap_or_default();
        assert!(
            about
                .chars()
                .any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)),
            "{}: {about}",
            c.get_name()
        );
        seen += 1;
        if c.get_name() != "help" {
            stack.extend(c.get_subcommands_mut().map(std::mem::take));
        }
    }
    assert!(seen > 12, "{seen}");
}

#[test]
fn the_language_comes_from_the_flag_then_gov_db_lang_then_the_locale() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |k: &str| {
            pairs
                .iter()
                .find(|(key, _)| *key == k)
                .map(|(_, v)| v.to_string())
        }
    };
    assert_eq!(from_env(env(&[])), Lang::En);
    assert_eq!(from_env(env(&[("LANG", "C")])), Lang::En);
    assert_eq!(from_env(env(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
    assert_eq!(from_env(env(&[("LANG", "zh_TW.UTF-8")])), Lang::Zh);
    assert_eq!(
        from_env(env(&[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "C")])),
        Lang::En
    );
    assert_eq!(
        from_env(env(&[("LANG", "C"), ("LC_MESSAGES", "zh_CN.UTF-8")])),
        Lang::Zh
    );
    // An empty LC_ALL is unset: the next one decides.
    assert_eq!(
        from_env(env(&[("LC_ALL", ""), ("LANG", "zh_CN.UTF-8")])),
        Lang::Zh
    );
    assert_eq!(
        from_env(env(&[("LC_ALL", "zh_CN.UTF-8"), ("GOV_DB_LANG", "en")])),
        Lang::En
    );
    assert_eq!(from_env(env(&[("GOV_DB_LANG", "zh")])), Lang::Zh);

    let args = |a: &[&str]| a.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
    assert_eq!(
        from_args(&args(&["gov-db", "--lang", "zh", "query"])),
        Some(Lang::Zh)
    );
    assert_eq!(
        from_args(&args(&["gov-db", "query", "--lang=en"])),
        Some(Lang::En)
    );
    assert_eq!(from_args(&args(&["gov-db", "query"])), None);
    assert_eq!(
        from_args(&args(&["gov-db", "sql", "--", "--lang", "zh"])),
        None
    );
}

#[test]
fn a_variable_is_placed_without_isolation_marks() {
    let mut args = FluentArgs::new();
    args.set("message", FluentValue::from("x"));
    assert_eq!(message_in(Lang::Zh, "error-prefix", Some(&args)), "错误：x");
    assert_eq!(
        message_in(Lang::En, "error-prefix", Some(&args)),
        "error: x"
    );
}

/// Every column of every canned view reads as a label in Chinese (and has its English label
/// for `--labels`), and the findings' columns too.
#[test]
fn every_column_of_the_views_and_findings_has_its_label() {
    let store = crate::store::Store::open_in_memory().unwrap();
    let objects = store.schema_objects().unwrap();
    let mut missing = Vec::new();
    let mut seen = 0;
    for view in crate::store::views() {
        let object = objects
            .iter()
            .find(|o| o.name == view.view)
            .unwrap_or_else(|| panic!("view {} in the schema", view.view));
        for column in &object.columns {
            seen += 1;
            for lang in [Lang::En, Lang::Zh] {
                if column_label(lang, column).is_none() {
                    missing.push(format!("{lang:?} {}.{column}", view.name));
                }
            }
        }
    }
    for column in crate::store::FINDING_COLUMNS {
        if column_label(Lang::Zh, column).is_none() {
            missing.push(format!("finding.{column}"));
        }
    }
    assert!(seen > 100, "{seen}");
    assert!(missing.is_empty(), "columns without a label: {missing:?}");
}

/// The English of `--list-rules` is what the rules themselves say.
#[test]
fn the_rules_state_in_english_what_the_catalog_says() {
    for rule in crate::check::RULES {
        let id = format!("rule-{}", rule.id);
        assert_eq!(message_in(Lang::En, &id, None), rule.states, "{id}");
        assert!(has(Lang::Zh, &id), "{id}");
    }
}

/// Ids the code builds at run time (not by `t!`) are in the catalogs.
#[test]
fn the_ids_made_at_run_time_are_in_the_catalogs() {
    for id in ["check-side-applicant-columns", "check-side-outcome-rows"] {
        assert!(has(Lang::En, id) && has(Lang::Zh, id), "{id}");
    }
}

/// `gov-db query --list` in Chinese: every view says what it answers, and no entry names a
/// view that is not there.
#[test]
fn every_view_has_its_chinese_summary() {
    let names: BTreeSet<String> = crate::store::views()
        .iter()
        .map(|v| format!("view-{}", v.name))
        .collect();
    let entries: BTreeSet<String> = messages(ZH_HELP)
        .into_keys()
        .filter(|id| id.starts_with("view-"))
        .collect();
    assert_eq!(names, entries);
}

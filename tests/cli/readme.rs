//! README.md runs as a test, so that what it promises cannot drift from what gov-db does.
//!
//! Its Chinese section (between the markers [`ZH_START`] and [`ZH_END`]) runs apart, under
//! `LANG=zh_CN.UTF-8` and in a directory of its own, so its examples start from no database;
//! the rest runs under `LANG=C`.
//!
//! trycmd (the clap maintainers' runner for literate CLI examples) runs every `$ gov-db …` line
//! of the README's `console` blocks in order, in one fresh directory holding a copy of the
//! repository's `data/`, `docs/examples/` and `tests/fixtures/reports/`, and compares what each
//! prints (stdout and stderr together) and its exit status (`? N` after the command) with the
//! README. Blocks marked `sh` (the quick start's build line, the benchmarks, whose output
//! depends on the machine) are not run. `TRYCMD=overwrite cargo test readme` writes the output
//! back into README.md: read the diff before committing it.

use crate::harness::repo;
use std::path::Path;

/// The folders of the repository that the README's examples read, copied into the directory
/// they run in (relative paths as in a clone).
const EXAMPLE_INPUTS: &[&str] = &["data", "docs/examples", "tests/fixtures/reports"];

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// The commands of the README's runnable blocks (`console`, or a fence without a language, as
/// trycmd reads them).
pub(crate) fn readme_commands(readme: &str) -> Vec<String> {
    let mut commands = Vec::new();
    let mut in_runnable = false;
    let mut in_other = false;
    for line in readme.lines() {
        if let Some(info) = line.strip_prefix("```") {
            if in_runnable || in_other {
                in_runnable = false;
                in_other = false;
            } else if info.trim().is_empty() || info.trim() == "console" {
                in_runnable = true;
            } else {
                in_other = true;
            }
        } else if in_runnable && let Some(command) = line.strip_prefix("$ ") {
            commands.push(command.to_string());
        }
    }
    commands
}

/// The lines that open and close the README's Chinese section.
const ZH_START: &str = "<!-- 中文：示例在 LANG=zh_CN.UTF-8 下运行 -->\n";
const ZH_END: &str = "<!-- /中文 -->\n";

/// The README without its Chinese section (the markers left, with nothing between), and the
/// section.
pub(crate) fn split_readme(text: &str) -> (String, String) {
    let start = text
        .find(ZH_START)
        .expect("the README has its Chinese section")
        + ZH_START.len();
    let end = start
        + text[start..]
            .find(ZH_END)
            .expect("the Chinese section ends");
    (
        format!("{}{}", &text[..start], &text[end..]),
        text[start..end].to_string(),
    )
}

/// Runs the `console` blocks of `text` (named `name`.md in a fresh directory) under `locale`,
/// and gives back the file, rewritten when `TRYCMD=overwrite`.
pub(crate) fn run_examples(name: &str, text: &str, locale: &str) -> String {
    // trycmd skips, without failing, a command whose program it does not know: every example
    // must be gov-db itself, so that none is silently left out.
    for command in readme_commands(text) {
        assert!(
            command.starts_with("gov-db "),
            "README example is not a gov-db command, and trycmd would skip it: {command}"
        );
    }
    let root = repo();
    let work = tempfile::tempdir().unwrap();
    let readme = work.path().join(format!("{name}.md"));
    std::fs::write(&readme, text).unwrap();
    for dir in EXAMPLE_INPUTS {
        copy_dir(
            &root.join(dir),
            &work.path().join(format!("{name}.in")).join(dir),
        );
    }
    // An (empty) NAME.out makes trycmd run the commands in a fresh copy of NAME.in.
    std::fs::create_dir(work.path().join(format!("{name}.out"))).unwrap();
    let home = work.path().join("home");
    std::fs::create_dir(&home).unwrap();

    trycmd::TestCases::new()
        .case(&readme)
        .env("GOV_DB", "gov.db")
        .env("HOME", home.to_string_lossy())
        .env("LANG", locale)
        .env("LC_ALL", locale)
        .env("LC_MESSAGES", locale)
        .env("GOV_DB_LANG", "")
        .run();
    std::fs::read_to_string(&readme).unwrap()
}

#[test]
fn readme_examples_print_what_the_readme_shows() {
    let readme_text = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let (english, chinese) = split_readme(&readme_text);
    assert!(readme_commands(&english).len() >= 20);
    assert!(readme_commands(&chinese).len() >= 5, "{chinese}");
    let english = run_examples("README", &english, "C");
    let chinese = run_examples("README.zh", &chinese, "zh_CN.UTF-8");

    if std::env::var_os("TRYCMD").is_some_and(|m| m == "overwrite") {
        let at = english.find(ZH_START).unwrap() + ZH_START.len();
        let whole = format!("{}{chinese}{}", &english[..at], &english[at..]);
        std::fs::write(repo().join("README.md"), whole).unwrap();
    }
}

#[test]
fn the_chinese_section_is_cut_out_and_put_back() {
    let text = format!("a\n{ZH_START}b\n{ZH_END}c\n");
    let (en, zh) = split_readme(&text);
    assert_eq!(en, format!("a\n{ZH_START}{ZH_END}c\n"));
    assert_eq!(zh, "b\n");
}

#[test]
fn readme_commands_are_read_from_runnable_blocks_only() {
    let text = "```console\n$ gov-db a\nout\n```\n```sh\n$ cargo b\n```\n```\n$ gov-db c\n```\n";
    assert_eq!(readme_commands(text), vec!["gov-db a", "gov-db c"]);
}

/// Every canned view is in the README's table of views and formulas.
#[test]
fn readme_documents_every_view() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let env = crate::harness::Env::new();
    let list = env
        .run(["query", "--list", "--format", "csv"])
        .success()
        .stdout();
    let views: Vec<&str> = list
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert!(views.len() >= 17, "{views:?}");
    for view in views {
        assert!(
            readme.contains(&format!("| `{view}` |")),
            "the README's table of views lacks {view}"
        );
    }
}

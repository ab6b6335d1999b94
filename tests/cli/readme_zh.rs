//! Every example of the README, run again under `LANG=zh_CN.UTF-8`: the README stays in
//! English, and what each of its commands prints in Chinese is kept in `tests/readme-zh.md`,
//! the same `console` blocks in the same order with the Chinese output, run by trycmd as the
//! README is (a fresh directory, the same inputs, the commands in order).
//!
//! The blocks' commands must be the README's, block by block: when an example is added or
//! changed, the test fails until `TRYCMD=overwrite cargo test --test cli readme` rewrites the
//! file (a block whose commands still match keeps its text and wildcards; a new one starts from
//! the README's English and takes the Chinese output). Read the diff before committing it.
//!
//! And no English may be left in that output: beyond codes (`carried_in`, `carry-over`),
//! paths, numbers, flags and proper names (SQLite, CSV), every ASCII word printed is one the
//! example's own command typed or one of [`NOT_ENGLISH`]. A message left untranslated fails
//! here with the word and the line it is on.

use crate::harness::repo;
use crate::readme::{readme_commands, run_examples, split_readme};

/// Where the Chinese outputs of the README's examples are kept.
const ZH_EXAMPLES: &str = "tests/readme-zh.md";

const HEADER: &str = "\
# README 示例（中文输出）

README.md 英文部分的每个示例在 `LANG=zh_CN.UTF-8` 下的输出，由 `tests/cli/readme_zh.rs` 运行核对；
用 `TRYCMD=overwrite cargo test --test cli readme` 重新生成后审阅差异。

";

/// The runnable blocks of a Markdown text (`console`, or a fence without a language, as trycmd
/// reads them), each from its opening fence to its closing one, inclusive.
fn console_blocks(text: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    let mut in_other = false;
    for line in text.lines() {
        if let Some(info) = line.strip_prefix("```") {
            if let Some(mut block) = current.take() {
                block.push_str(line);
                block.push('\n');
                blocks.push(block);
            } else if in_other {
                in_other = false;
            } else if info.trim().is_empty() || info.trim() == "console" {
                current = Some(format!("{line}\n"));
            } else {
                in_other = true;
            }
        } else if let Some(block) = current.as_mut() {
            block.push_str(line);
            block.push('\n');
        }
    }
    blocks
}

/// The Chinese examples file for the README's `blocks`: each block as `old` holds it when its
/// commands are the same, else the README's (whose English output trycmd then overwrites).
fn rebuild(blocks: &[String], old: &[String]) -> String {
    let mut out = HEADER.to_string();
    for (i, block) in blocks.iter().enumerate() {
        let kept = old
            .get(i)
            .filter(|o| readme_commands(o) == readme_commands(block));
        out.push_str(kept.unwrap_or(block));
        out.push('\n');
    }
    out
}

/// ASCII words a Chinese output may print besides the data contract's codes (read from
/// docs/data-contract.md): the keys of CSV and JSON (which scripts depend on), the codes of
/// severities and rules, and proper names. Codes with `_`, paths, numbers and flags need none.
const NOT_ENGLISH: &[&str] = &[
    // Keys of CSV and JSON columns.
    "id",
    "severity",
    "rule",
    "expected",
    "actual",
    "review",
    "message",
    "origin",
    "status",
    "stale",
    "why",
    "hint",
    "table",
    // Severities and rules, as stored and filtered on (`--severity error`).
    "error",
    "warning",
    "carry-over",
    "row-total",
    "intake-equals-outcome",
    "outcome-sum",
    "appeals-total",
    "in-force",
    "group-subtotal",
    "template-year",
    "yoy-jump",
    "appeals-without-requests",
    "narrative",
    // Formats.
    "csv",
    // Statuses of a report's versions (history) and results of a file (import --list), and
    // a review's `stale`, as stored and as scripts filter on them.
    "current",
    "superseded",
    "deleted",
    "deletion",
    "new",
    "replaced",
    "unchanged",
    "kept",
    "refused",
    "skipped",
    "mixed",
    "yes",
    "no",
];

/// Examples whose output is what the database stores, printed as stored (a command starting
/// with one of these): `gov-db sql` prints the findings' messages, kept in English.
const STORED_TEXT: &[&str] = &["gov-db sql \"SELECT"];

/// The stable codes of the data contract (`code` in docs/data-contract.md).
fn contract_codes() -> Vec<String> {
    let text = std::fs::read_to_string(repo().join("docs/data-contract.md")).unwrap();
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|code| code.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .map(str::to_string)
        .collect()
}

/// The English words in the output lines of `blocks` (each with its line), beyond what
/// the block's commands typed and [`NOT_ENGLISH`].
fn english_words(blocks: &[String], codes: &[String]) -> Vec<(String, String)> {
    let mut found = Vec::new();
    // What the examples type (agency names, notes, reasons) may come back in any of them.
    let commands: String = blocks
        .iter()
        .flat_map(|b| readme_commands(b))
        .collect::<Vec<_>>()
        .join(" ");
    let typed: Vec<&str> = commands
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .collect();
    for block in blocks {
        let mut stored = false;
        for line in block.lines() {
            if let Some(command) = line.strip_prefix("$ ") {
                stored = STORED_TEXT.iter().any(|s| command.starts_with(s));
            }
            if stored || line.starts_with("```") || line.starts_with("$ ") || line.starts_with("? ")
            {
                continue;
            }
            for word in line.split(|c: char| {
                !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | '\\'))
            }) {
                let flag = word.starts_with('-');
                let word = word.trim_matches(|c| c == '.' || c == '-');
                let code_or_path = flag
                    || word.is_empty()
                    || word.contains(|c: char| c.is_ascii_digit() || "_./\\".contains(c));
                if code_or_path
                    || word.len() < 2
                    || typed.contains(&word)
                    || NOT_ENGLISH.contains(&word)
                    || codes.iter().any(|c| c == word)
                {
                    continue;
                }
                found.push((word.to_string(), line.to_string()));
            }
        }
    }
    found
}

/// `text` with each time printed (`2026-12-04T21:15:34Z`) made a wildcard, as the README
/// writes them: the times of imports and reviews differ from run to run.
fn without_times(text: &str) -> String {
    let shape = "dddd-dd-ddTdd:dd:ddZ";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let time = rest.len() >= shape.len()
            && rest.is_char_boundary(shape.len())
            && rest[..shape.len()]
                .chars()
                .zip(shape.chars())
                .all(|(c, s)| if s == 'd' { c.is_ascii_digit() } else { c == s });
        if time {
            out.push_str("[..]");
            rest = &rest[shape.len()..];
        } else {
            let c = rest.chars().next().expect("not empty");
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

#[test]
fn times_become_wildcards() {
    assert_eq!(
        without_times("│ 2026-12-04T21:15:34Z │ 导入 2024-01-01"),
        "│ [..] │ 导入 2024-01-01"
    );
}

#[test]
fn readme_examples_print_chinese_under_a_chinese_locale() {
    let readme_text = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let (english, _) = split_readme(&readme_text);
    let blocks = console_blocks(&english);
    let path = repo().join(ZH_EXAMPLES);
    let saved = std::fs::read_to_string(&path).unwrap_or_default();
    let overwrite = std::env::var_os("TRYCMD").is_some_and(|m| m == "overwrite");
    let saved_blocks = console_blocks(&saved);
    let commands = |bs: &[String]| bs.iter().map(|b| readme_commands(b)).collect::<Vec<_>>();
    let text = if overwrite {
        rebuild(&blocks, &saved_blocks)
    } else {
        assert_eq!(
            commands(&saved_blocks),
            commands(&blocks),
            "{ZH_EXAMPLES} does not run the README's examples: regenerate it with \
             TRYCMD=overwrite cargo test --test cli readme, and review the diff"
        );
        saved
    };
    let ran = run_examples("README.zh-all", &text, "zh_CN.UTF-8");
    if overwrite {
        std::fs::write(&path, without_times(&ran)).unwrap();
    }
    let english = english_words(&console_blocks(&ran), &contract_codes());
    assert!(
        english.is_empty(),
        "English printed under LANG=zh_CN.UTF-8 by the README's examples:\n{}",
        english
            .iter()
            .map(|(w, l)| format!("{w:>16}  {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn blocks_are_cut_from_runnable_fences_only() {
    let text = "```console\n$ gov-db a\nout\n```\n```sh\n$ x\n```\n```\n$ gov-db c\n```\n";
    assert_eq!(
        console_blocks(text),
        vec![
            "```console\n$ gov-db a\nout\n```\n",
            "```\n$ gov-db c\n```\n"
        ]
    );
}

#[test]
fn english_words_skip_codes_paths_numbers_and_what_was_typed() {
    let block = "```console\n$ gov-db query ranking\n? 1\nranking carried_in a.csv 2024 \
                 --db 错误 untranslated\n```\n"
        .to_string();
    let words: Vec<String> = english_words(&[block], &["carried_in".into()])
        .into_iter()
        .map(|(w, _)| w)
        .collect();
    assert_eq!(words, vec!["untranslated"]);
}

#[test]
fn a_changed_block_is_taken_from_the_readme_and_a_kept_one_keeps_its_output() {
    let readme = vec![
        "```console\n$ gov-db a\nEN\n```\n".to_string(),
        "```console\n$ gov-db b\nEN\n```\n".to_string(),
    ];
    let old = vec![
        "```console\n$ gov-db a\n中文\n```\n".to_string(),
        "```console\n$ gov-db c\n中文\n```\n".to_string(),
    ];
    let text = rebuild(&readme, &old);
    assert!(text.contains("$ gov-db a\n中文"), "{text}");
    assert!(text.contains("$ gov-db b\nEN"), "{text}");
}

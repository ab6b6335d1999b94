//! Hostile published reports: text and pages made to make the reader slow or deep. Each is
//! read on a thread of its own with a time limit (a debug build is ten times slower than a
//! release one; the limits allow for that and a busy machine) and must fail with its file
//! named and an error of bounded size. The command-line tests (`tests/cli/hostile.rs`) run
//! the same inputs through the binary under a memory limit too.

use super::{Overrides, ReportError, read_report};
use proptest::prelude::*;
use std::path::Path;
use std::time::{Duration, Instant};

/// Reads `bytes` as `name` on another thread; panics past `limit`.
fn read_within(name: &str, bytes: Vec<u8>, limit: Duration) -> Result<(), ReportError> {
    let (tx, rx) = std::sync::mpsc::channel();
    let path = Path::new(name).to_path_buf();
    let started = Instant::now();
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let _ = tx.send(read_report(&path, &bytes, &Overrides::default()).map(|_| ()));
        })
        .unwrap();
    match rx.recv_timeout(limit) {
        Ok(r) => {
            eprintln!("{name}: {:?}", started.elapsed());
            r
        }
        Err(_) => panic!("{name} was not read within {limit:?}"),
    }
}

/// The read fails, naming the file, in a message of bounded size.
#[track_caller]
fn refused(name: &str, bytes: Vec<u8>, limit: Duration) -> String {
    let e = read_within(name, bytes, limit).expect_err("a hostile file is refused");
    assert_eq!(e.file, name);
    assert!(
        e.message.len() < 4_000,
        "{} bytes of error",
        e.message.len()
    );
    e.message
}

const TITLE: &str = "晋江市人民政府2024年政府信息公开工作年度报告\n";

#[test]
fn the_first_rows_words_printed_thousands_of_times() {
    // Each place the words are printed was tried as 表三's start, each reading on to the end,
    // with a fuzzy search over the rest at each row: 5,000 copies took over 100 s (release).
    let row = "一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1\n";
    let text = format!("{TITLE}{}", row.repeat(5_000));
    let m = refused("many.txt", text.into_bytes(), Duration::from_secs(20));
    assert!(m.contains("more than 16 times"), "{m}");
    // The same words on one line.
    let text = format!("{TITLE}{}", "本年新收 1 ".repeat(5_000));
    refused("one-line.txt", text.into_bytes(), Duration::from_secs(20));
}

#[test]
fn a_real_table_after_the_words_printed_thousands_of_times() {
    let real = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports/jinjiang-2024.txt"),
    )
    .unwrap();
    let text = format!("{}{real}", "本年新收政府信息公开申请\n".repeat(3_000));
    refused("before.txt", text.into_bytes(), Duration::from_secs(20));
    // Printed after the tables, they change nothing.
    let text = format!("{real}{}", "本年新收政府信息公开申请\n".repeat(3_000));
    read_within("after.txt", text.into_bytes(), Duration::from_secs(20)).unwrap();
}

#[test]
fn a_hundred_thousand_numbers_in_table_four() {
    // Each number's row was looked for among all the numbers before it: 39 s (release).
    let real = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports/jinjiang-2024.txt"),
    )
    .unwrap();
    let at = real.find("四、政府信息公开行政复议").unwrap();
    let (head, tail) = real.split_at(at);
    let text = format!(
        "{head}{}\n{}{tail}",
        &tail[..tail.find('\n').unwrap()],
        "1\n".repeat(100_000)
    );
    let m = refused("appeals.txt", text.into_bytes(), Duration::from_secs(20));
    assert!(m.contains("more"), "{m}");
}

#[test]
fn tables_nested_ten_thousand_deep() {
    // The tree was walked by recursion: the stack overflowed (SIGABRT, no file named).
    let page = format!(
        "<html><body>{}</body></html>",
        "<table><tr><td>".repeat(10_000)
    );
    let m = refused("nested.html", page.into_bytes(), Duration::from_secs(5));
    assert!(m.contains("nested more than 200 deep"), "{m}");
}

#[test]
fn divs_nested_two_hundred_thousand_deep() {
    // The parser's time grows with the square of the depth: minutes, then a stack overflow.
    let page = format!("{}x", "<div>".repeat(200_000));
    refused("divs.html", page.into_bytes(), Duration::from_secs(5));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    /// Pages nested to any depth, of any of the elements that nest: read or refused at once,
    /// refused exactly when nested past the limit (each level here is one element deeper).
    #[test]
    fn nesting_of_any_depth_reads_or_is_refused_quickly(
        depth in 0usize..3_000,
        open in prop::sample::select(vec!["<div>", "<table><tr><td>", "<ul><li>", "<blockquote>", "<x-y>", "<svg><g>"]),
    ) {
        let page = format!("<p>{TITLE}</p>{}1", open.repeat(depth));
        let levels = depth * if open.starts_with("<svg") { 2 } else { 1 };
        let read = read_within("deep.html", page.into_bytes(), Duration::from_secs(5));
        let refused = read.is_err_and(|e| e.message.contains("nested more than 200 deep"));
        prop_assert_eq!(refused, levels > 200, "{} levels", levels);
    }
}

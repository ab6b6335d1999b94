//! Reports read per second on one core: every fixture report that is text or HTML, read
//! again and again in-process (no database), median of several rounds.
//!
//! `cargo run --release --example report_speed [-- DIR]` (DIR defaults to
//! tests/fixtures/reports).

use gov_db::read::report::{Overrides, read_report};
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports")
        });
    let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("fixture directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("txt" | "html" | "htm" | "md")
            )
        })
        .map(|p| {
            let b = std::fs::read(&p).expect("read");
            (p, b)
        })
        .collect();
    files.sort();
    let overrides = Overrides::default();
    for (path, bytes) in &files {
        let t = Instant::now();
        let n = 50;
        for _ in 0..n {
            read_report(path, bytes, &overrides).expect("fixture reads");
        }
        let per = t.elapsed().as_secs_f64() / n as f64;
        println!(
            "{:>8.0} reports/s  {:>7.2} ms  {}",
            1.0 / per,
            per * 1e3,
            path.file_name().unwrap().to_string_lossy()
        );
    }
    let mut rounds = Vec::new();
    for _ in 0..7 {
        let t = Instant::now();
        let mut n = 0;
        for _ in 0..20 {
            for (path, bytes) in &files {
                read_report(path, bytes, &overrides).expect("fixture reads");
                n += 1;
            }
        }
        rounds.push(n as f64 / t.elapsed().as_secs_f64());
    }
    rounds.sort_by(f64::total_cmp);
    println!(
        "median over 7 rounds of the {} text/HTML fixtures: {:.0} reports/s",
        files.len(),
        rounds[3]
    );
}

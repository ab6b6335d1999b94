//! Writes synthetic national-scale data in the canonical long CSV to stdout (or --out FILE).
//!
//!     cargo run --release --example gen -- --agencies 2000 --years 5 > bench.csv
//!
//! Deterministic: the same arguments (and --seed, default 1) give the same bytes. See
//! bench/synth.rs for what the data looks like.

#[path = "synth.rs"]
mod synth;

use std::io::Write;

fn main() {
    let mut agencies = 2000u64;
    let mut years = 5u64;
    let mut seed = 1u64;
    let mut out: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .unwrap_or_else(|| fail(&format!("{name} needs a value")))
        };
        match a.as_str() {
            "--agencies" => agencies = number(&value("--agencies")),
            "--years" => years = number(&value("--years")),
            "--seed" => seed = number(&value("--seed")),
            "--out" => out = Some(value("--out")),
            "-h" | "--help" => {
                println!("usage: gen [--agencies N] [--years Y] [--seed S] [--out FILE]");
                return;
            }
            other => fail(&format!("unknown argument {other:?}")),
        }
    }
    if years == 0 || years > 35 {
        fail("--years must be between 1 and 35");
    }
    let sink: Box<dyn Write> = match &out {
        Some(p) => {
            Box::new(std::fs::File::create(p).unwrap_or_else(|e| fail(&format!("{p}: {e}"))))
        }
        None => Box::new(std::io::stdout().lock()),
    };
    let mut w = std::io::BufWriter::with_capacity(1 << 20, sink);
    let lines = synth::generate(agencies, years, seed, &mut w).and_then(|n| w.flush().map(|_| n));
    match lines {
        Ok(n) => eprintln!(
            "gen: {} reports ({agencies} agencies x {years} years), {n} lines",
            agencies * years
        ),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => fail(&e.to_string()),
    }
}

fn number(s: &str) -> u64 {
    s.parse()
        .unwrap_or_else(|_| fail(&format!("{s:?} is not a number")))
}

fn fail(msg: &str) -> ! {
    eprintln!("gen: {msg}");
    std::process::exit(2)
}

//! The one integration-test binary: each module drives the real `gov-db` binary through the
//! shared harness.

mod harness;
/// The synthetic national data of the benchmark, for tests that need many reports.
#[path = "../../bench/synth.rs"]
mod synth;

mod agency;
mod check;
mod core;
mod datasette;
mod export;
mod faults;
mod formats;
mod habits;
mod integrity;
mod office;
mod opening;
mod pipes;
mod progress;
mod readme;
mod reports;
mod roundtrip;
mod scans;
mod standalone;
mod unseen;
mod views;
mod zips;

//! The one integration-test binary: each module drives the real `gov-db` binary through the
//! shared harness.

mod harness;
/// The synthetic national data of the benchmark, for tests that need many reports.
#[path = "../../bench/synth.rs"]
mod synth;

mod agency;
/// Running gov-db under time and memory bounds, for hostile inputs.
mod bounded;
mod bounds;
mod ceilings;
mod check;
mod core;
mod encoding;
mod faults;
mod names;
mod readme;
mod reports;
mod roundtrip;
mod standalone;
mod unseen;
mod views;

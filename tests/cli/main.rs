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
mod check_real;
mod concurrency;
mod containers;
mod core;
mod core_views;
mod datasette;
mod draft;
mod draftcheck;
mod encoding;
mod export;
mod faults;
mod formats;
mod full_disk;
mod guard;
mod habits;
mod history;
mod hostile;
mod imgkinds;
mod imgtables;
mod integrity;
mod lang;
mod lang_edges;
mod manypictures;
mod metafiles;
mod mixed;
mod mutants;
mod names;
mod ocrread;
mod office;
mod opening;
mod page;
#[cfg(unix)]
mod pagesize;
mod parallel;
mod peers;
mod pictures;
mod pipes;
mod places;
#[cfg(unix)]
mod programs;
mod progress;
mod readme;
mod readme_zh;
mod readonly;
mod reports;
mod review;
mod rollups;
mod roundtrip;
mod scans;
mod screenshots;
mod sheets;
mod standalone;
mod unseen;
mod views;
mod zips;

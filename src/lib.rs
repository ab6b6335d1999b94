//! gov-db as a library: the layers the binary is made of, in data-flow order. Exposed so
//! that benchmarks, fuzzers and tests can drive each layer directly.

// `println!` panics when standard output is a closed pipe (`gov-db … | head`): output goes
// through `writeln!` into a writer, whose error the edge takes for success (error::report).
#![warn(clippy::print_stdout)]

pub mod analysis;
pub mod chart;
pub mod check;
pub mod cmd;
pub mod contract;
pub mod datasette;
pub mod error;
pub mod i18n;
pub mod layout;
pub mod model;
pub mod normalise;
pub mod peers;
pub mod place;
pub mod read;
pub mod render;
pub mod store;
pub mod suggest;

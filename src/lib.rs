//! gov-db as a library: the layers the binary is made of, in data-flow order. Exposed so
//! that benchmarks, fuzzers and tests can drive each layer directly.

pub mod analysis;
pub mod chart;
pub mod check;
pub mod cmd;
pub mod contract;
pub mod error;
pub mod model;
pub mod normalise;
pub mod read;
pub mod render;
pub mod store;

//! The one integration-test binary: each module drives the real `gov-db` binary through the
//! shared harness.

mod harness;

mod agency;
mod check;
mod core;
mod faults;
mod reports;
mod roundtrip;
mod unseen;
mod views;

//! The integration tests: one binary (fast to link), one module per area.

mod access;
mod backup;
mod cli;
mod clients;
mod crash;
mod fuzz_regressions;
mod hostile;
mod http;
mod limits;
mod load;
mod pipeline;
mod remote;
mod rest;
mod seed_facts;
mod sparql;
mod synthetic;
mod util;
mod w3c;

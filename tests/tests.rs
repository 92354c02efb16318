//! The integration tests: one binary (fast to link), one module per area.

mod cli;
mod clients;
mod http;
mod pipeline;
mod rest;
mod seed_facts;
mod sparql;
mod util;
mod w3c;

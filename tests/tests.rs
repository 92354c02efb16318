//! The integration tests: one binary (fast to link), one module per area.

mod cli;
mod http;
mod pipeline;
mod rest;
mod seed_facts;
mod util;

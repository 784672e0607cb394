//! End-to-end tests through the `cchc` binary. One test binary: every module below shares one build.

mod common;
mod criteria;
mod directory;
mod inspection;
mod inspection_findings;
mod readme;
mod reports;
mod rounds;
mod selfreport;
mod store;
mod upgrade;

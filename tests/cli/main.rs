//! End-to-end tests through the `cchc` binary. One test binary: every module below shares one build.

mod catalogue;
mod common;
mod criteria;
mod directory;
mod inspection;
mod inspection_findings;
mod next_year;
mod readme;
mod reliability_backup;
mod reliability_concurrency;
mod reliability_corpus;
mod reliability_crash;
mod reliability_fixtures;
mod reliability_fuzz;
mod reliability_injection;
mod reliability_sql;
mod reports;
mod rounds;
mod scale;
mod schedule;
mod selfreport;
mod store;
mod upgrade;

//! Plain types and rules of the inspection programme: no SQL, no I/O.

pub mod assessment;
pub mod calendar;
pub mod catalogue;
pub mod catalogue_diff;
pub mod catalogue_parse;
pub mod catalogue_toml;
pub mod clarification;
pub mod classification;
pub mod code;
pub mod collate;
pub mod date;
pub mod directory;
pub mod evidence;
pub mod finding;
pub mod number;
pub mod review;
pub mod round;
pub mod sample;
pub mod schedule;
pub mod score;
pub mod scoring;
pub mod selfreport;
pub mod sources;
pub mod suggest;
pub mod text;
pub mod year_basis;

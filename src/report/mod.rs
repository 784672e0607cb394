//! Reports: view models built from the store's rows (`model`, `build`), a format-neutral `document`, and one
//! writer per output format (`write`).

pub mod build;
pub mod document;
pub mod model;
pub mod paper;
pub mod ready;
pub mod write;

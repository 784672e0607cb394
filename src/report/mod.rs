//! Reports: view models built from the store, a format-neutral document, and one writer per format.

pub mod document;
pub mod write;

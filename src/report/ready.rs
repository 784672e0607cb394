//! A report ready to print: its view model, written as JSON or laid out as a document for every other format.
//! Both are made only when asked for: a national year report runs to tens of megabytes.

use std::io::Write;
use std::rc::Rc;

use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;

use crate::report::build::doc::Frame;
use crate::report::document::Document;
use crate::report::model::settings::ReportSettings;

/// How a report's view model is laid out as a document.
pub enum Layout<M> {
    /// From the model, borrowed.
    Borrowed(fn(&M, &Frame) -> Document),
    /// From the model itself, each part let go once laid out: a national year report lists tens of thousands of
    /// findings and officials, which would otherwise be held twice, as views and as table cells.
    Owned(fn(M, &Frame) -> Document),
}

pub struct Ready {
    report: Box<dyn Printable>,
    /// File name without extension, for the demo.
    pub stem: String,
}

impl Ready {
    /// `model` may be shared with the caller (the demo keeps the year report's for its summary); when it is not,
    /// an `Owned` layout takes it.
    pub fn new<M: Serialize + Clone + 'static>(
        model: Rc<M>,
        settings: ReportSettings,
        date: Option<NaiveDate>,
        layout: Layout<M>,
        stem: String,
    ) -> Self {
        Ready { report: Box::new(Model { model, settings, date, layout }), stem }
    }

    /// The letterhead settings the document is laid out with.
    pub fn settings(&self) -> &ReportSettings {
        self.report.settings()
    }

    /// The view model as JSON.
    pub fn write_json(&self, out: &mut dyn Write) -> Result<()> {
        self.report.write_json(out)
    }

    /// The document, the model kept (to be printed in several formats).
    pub fn document(&self) -> Document {
        self.report.document()
    }

    /// The document, the model let go.
    pub fn into_document(self) -> Document {
        self.report.into_document()
    }
}

trait Printable {
    fn settings(&self) -> &ReportSettings;
    fn write_json(&self, out: &mut dyn Write) -> Result<()>;
    fn document(&self) -> Document;
    fn into_document(self: Box<Self>) -> Document;
}

struct Model<M> {
    model: Rc<M>,
    settings: ReportSettings,
    /// The signing date printed on the date line; `None` leaves it blank.
    date: Option<NaiveDate>,
    layout: Layout<M>,
}

impl<M: Serialize + Clone> Printable for Model<M> {
    fn settings(&self) -> &ReportSettings {
        &self.settings
    }

    fn write_json(&self, out: &mut dyn Write) -> Result<()> {
        // As an io::Error: a closed pipe (`| head`) must be recognised as one, which serde_json's error hides.
        serde_json::to_writer_pretty(&mut *out, &*self.model).map_err(std::io::Error::from)?;
        Ok(out.write_all(b"\n")?)
    }

    fn document(&self) -> Document {
        let frame = Frame { settings: &self.settings, date: self.date };
        match self.layout {
            Layout::Borrowed(layout) => layout(&self.model, &frame),
            Layout::Owned(layout) => layout((*self.model).clone(), &frame),
        }
    }

    fn into_document(self: Box<Self>) -> Document {
        let Model { model, settings, date, layout } = *self;
        let frame = Frame { settings: &settings, date };
        match (layout, Rc::try_unwrap(model)) {
            (Layout::Owned(layout), Ok(model)) => layout(model, &frame),
            (Layout::Owned(layout), Err(shared)) => layout((*shared).clone(), &frame),
            (Layout::Borrowed(layout), Ok(model)) => layout(&model, &frame),
            (Layout::Borrowed(layout), Err(shared)) => layout(&shared, &frame),
        }
    }
}

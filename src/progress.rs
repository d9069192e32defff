//! One progress report for every long operation: export, verify and merge of
//! `.wwk` files, anonymous tables, spreadsheet imports, the PDF report and the
//! demo data. The callback gets a [`Progress`] (a Dutch stage, how far, and the
//! file when there is one) and returns `false` to cancel: the operation then
//! stops with its `cancelled` error and keeps nothing.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Progress {
    /// What is being done, in Dutch ("Gesprekken", "Samenvoegen in de opslag").
    pub stage: String,
    pub done: u64,
    pub total: u64,
    /// The file being handled, when there is one.
    pub file: Option<String>,
}

impl Progress {
    pub fn new(stage: &str, done: u64, total: u64) -> Progress {
        Progress {
            stage: stage.to_string(),
            done,
            total,
            file: None,
        }
    }

    pub fn in_file(mut self, file: Option<&str>) -> Progress {
        self.file = file.map(str::to_string);
        self
    }
}

/// The callback of a long operation; `false` cancels it.
pub type ProgressFn<'a> = &'a mut dyn FnMut(&Progress) -> bool;

/// The callback asked to stop; every operation turns this into its own
/// `cancelled` error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

/// Sends `p`; `Err(Cancelled)` when the callback asks to stop.
pub fn send(progress: &mut dyn FnMut(&Progress) -> bool, p: Progress) -> Result<(), Cancelled> {
    if progress(&p) {
        Ok(())
    } else {
        Err(Cancelled)
    }
}

/// A callback that ignores progress and never cancels.
pub fn ignore(_: &Progress) -> bool {
    true
}

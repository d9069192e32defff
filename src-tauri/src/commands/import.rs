//! Voorzieningencheck import from a CSV or XLSX file: saved mappings, dry run
//! ("Voorbeeld"), import with or without the bad rows.

use super::{progress, send};
use crate::error::AppResult;
use crate::state::AppState;
use serde::{Deserialize, Serialize};
use std::path::Path;
use tauri::ipc::Channel;
use tauri::State;
use wijkwaardenkaart::ingest::{self as import, ImportReport, ImportRequest, Mapping};
use wijkwaardenkaart::progress::Progress;

/// What the import screen sends: the file is named by its path.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
pub struct CheckImportInput {
    pub path: String,
    /// Source whose saved mapping to use (empty: "standaard", or detected).
    pub source: Option<String>,
    /// XLSX sheet (default: the first).
    pub sheet: Option<String>,
    pub dry_run: bool,
    pub skip_invalid: bool,
}

/// The core's report plus its Dutch lines, as the CLI prints them.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct CheckImportResult {
    pub report: ImportReport,
    pub lines: Vec<String>,
}

/// An empty field means "not given".
fn blank(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

pub fn run_import(
    state: &AppState,
    input: &CheckImportInput,
    report: impl Fn(&Progress),
) -> AppResult<CheckImportResult> {
    let path = Path::new(input.path.trim());
    let req = ImportRequest {
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        source: blank(&input.source),
        mapping: None,
        sheet: blank(&input.sheet),
        dry_run: input.dry_run,
        skip_invalid: input.skip_invalid,
    };
    let mut cb = progress(state, &report);
    state.with_store(|s| {
        let report = import::import_file(s, path, &req, &mut cb)?;
        Ok(CheckImportResult {
            lines: report.lines(),
            report,
        })
    })
}

#[tauri::command(async)]
pub fn import_checks_file(
    state: State<'_, AppState>,
    input: CheckImportInput,
    on_progress: Channel<Progress>,
) -> AppResult<CheckImportResult> {
    run_import(&state, &input, send(&on_progress))
}

/// The mappings saved per source by earlier imports.
#[tauri::command(async)]
pub fn import_mappings(state: State<'_, AppState>) -> AppResult<Vec<Mapping>> {
    state.with_store(|s| Ok(import::saved_mappings(s)?))
}

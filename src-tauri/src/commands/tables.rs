//! "Exporteer tabel": anonymous tables (CSV or XLSX) with progress.

use super::{progress, send};
use crate::error::AppResult;
use crate::state::AppState;
use std::path::PathBuf;
use tauri::ipc::Channel;
use tauri::State;
use wijkwaardenkaart::progress::Progress;
use wijkwaardenkaart::tables::{self, TableRequest, TableSummary};

/// Builds the table, writes it to `path` (atomically) and audits the export.
pub fn run_export(
    state: &AppState,
    request: &TableRequest,
    path: &str,
    report: impl Fn(&Progress),
) -> AppResult<TableSummary> {
    let path = PathBuf::from(path.trim());
    let mut cb = progress(state, &report);
    state.with_store(|s| Ok(tables::export(s, request, &path, &mut cb)?))
}

#[tauri::command(async)]
pub fn export_table(
    state: State<'_, AppState>,
    request: TableRequest,
    path: String,
    on_progress: Channel<Progress>,
) -> AppResult<TableSummary> {
    run_export(&state, &request, &path, send(&on_progress))
}

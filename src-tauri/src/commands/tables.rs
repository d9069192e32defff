//! "Exporteer tabel": anonymous tables (CSV or XLSX) with progress.

use crate::error::AppResult;
use crate::state::AppState;
use std::path::PathBuf;
use tauri::ipc::Channel;
use tauri::State;
use wijkwaardenkaart::exchange::tables::{self, Progress, TableRequest, TableSummary};

/// Builds the table, writes it to `path` (atomically) and audits the export.
pub fn run_export(
    state: &AppState,
    request: &TableRequest,
    path: &str,
    report: impl Fn(Progress),
) -> AppResult<TableSummary> {
    let path = PathBuf::from(path.trim());
    state.with_store(|s| Ok(tables::export(s, request, &path, &mut |p| report(p))?))
}

#[tauri::command(async)]
pub fn export_table(
    state: State<'_, AppState>,
    request: TableRequest,
    path: String,
    on_progress: Channel<Progress>,
) -> AppResult<TableSummary> {
    run_export(&state, &request, &path, |p| {
        let _ = on_progress.send(p);
    })
}

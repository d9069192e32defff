//! "Wijkprofiel maken": the anonymous area profile as PDF, written where the
//! worker chose, with progress; and opening a file the app wrote.

use super::send;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use chrono::NaiveDate;
use std::path::PathBuf;
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;
use wijkwaardenkaart::progress::Progress;
use wijkwaardenkaart::report::{self, ReportRequest, ReportWritten};

/// Builds the profile of `area` (BU…, WK… or GM0268) for the period and
/// writes it to `out`.
pub fn make(
    state: &AppState,
    area: &str,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    compare: bool,
    out: PathBuf,
    report: impl Fn(&Progress),
) -> AppResult<ReportWritten> {
    let mut req = ReportRequest::for_area(area);
    req.from = from;
    req.to = to;
    req.compare = compare;
    let mut cb = super::progress(state, &report);
    let written = state.with_store(|s| Ok(report::write_report(s, &req, None, &out, &mut cb)?))?;
    state.remember_written(&written.out);
    Ok(written)
}

#[tauri::command(async)]
pub fn make_report(
    state: State<'_, AppState>,
    area: String,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    compare: bool,
    out: String,
    on_progress: Channel<Progress>,
) -> AppResult<ReportWritten> {
    make(
        &state,
        &area,
        from,
        to,
        compare,
        PathBuf::from(out),
        send(&on_progress),
    )
}

/// Opens a file this app wrote in this session with the desktop's default
/// program. Other paths are refused: the webview cannot launch arbitrary files.
#[tauri::command]
pub fn open_written<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
) -> AppResult<()> {
    let path = PathBuf::from(path);
    if !state.was_written(&path) {
        return Err(AppError::new(
            "not_allowed",
            "Alleen bestanden die de app zelf net heeft gemaakt, kunnen hier worden geopend.",
        ));
    }
    app.opener()
        .open_path(path.to_string_lossy(), None::<&str>)
        .map_err(|e| {
            AppError::new(
                "open_failed",
                format!("Het bestand kon niet worden geopend: {e}. Open het zelf via de bestandsbeheerder."),
            )
        })
}

//! "Jaarverantwoording": the year report (shown in the app, written as PDF)
//! and the targets per programme and year it compares against.

use super::send;
use crate::error::AppResult;
use crate::state::AppState;
use std::path::PathBuf;
use tauri::ipc::Channel;
use tauri::State;
use wijkwaardenkaart::domain::programme::{ProgrammeTarget, TargetInput};
use wijkwaardenkaart::profile::{self, YearReport, YearRequest};
use wijkwaardenkaart::progress::Progress;
use wijkwaardenkaart::report::{self, ReportWritten};

fn request(year: i32, programme: Option<String>) -> YearRequest {
    YearRequest {
        year,
        programme: programme.filter(|p| !p.trim().is_empty()),
        policy: Default::default(),
        generated_at: None,
    }
}

/// The year report as the screen shows it (the same model the PDF prints).
#[tauri::command(async)]
pub fn year_report(
    state: State<'_, AppState>,
    year: i32,
    programme: Option<String>,
) -> AppResult<YearReport> {
    state.with_store(|s| Ok(profile::build_year(s, &request(year, programme))?))
}

/// Writes the year report to `out` (PDF).
pub fn make(
    state: &AppState,
    year: i32,
    programme: Option<String>,
    out: PathBuf,
    report: impl Fn(&Progress),
) -> AppResult<ReportWritten> {
    let req = request(year, programme);
    let mut cb = super::progress(state, &report);
    let written = state.with_store(|s| Ok(report::write_year_report(s, &req, &out, &mut cb)?))?;
    state.remember_written(&written.out);
    Ok(written)
}

#[tauri::command(async)]
pub fn make_year_report(
    state: State<'_, AppState>,
    year: i32,
    programme: Option<String>,
    out: String,
    on_progress: Channel<Progress>,
) -> AppResult<ReportWritten> {
    make(
        &state,
        year,
        programme,
        PathBuf::from(out),
        send(&on_progress),
    )
}

#[tauri::command(async)]
pub fn programme_targets(
    state: State<'_, AppState>,
    year: Option<i32>,
) -> AppResult<Vec<ProgrammeTarget>> {
    state.with_store(|s| Ok(s.programme_targets(year)?))
}

#[tauri::command(async)]
pub fn set_programme_target(
    state: State<'_, AppState>,
    input: TargetInput,
) -> AppResult<ProgrammeTarget> {
    state.with_store(|s| Ok(s.set_programme_target(&input)?))
}

/// Programme names in use (by campaigns or targets), for the pickers.
#[tauri::command(async)]
pub fn programmes(state: State<'_, AppState>) -> AppResult<Vec<String>> {
    state.with_store(|s| Ok(s.programmes()?))
}

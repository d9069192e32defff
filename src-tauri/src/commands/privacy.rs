//! Retention (setting, purge, purge at start) and "Gegevens van een bewoner"
//! (AVG access and erasure). All logic and auditing are in the core.

use crate::error::AppResult;
use crate::state::AppState;
use serde::Serialize;
use std::path::Path;
use tauri::State;
use wijkwaardenkaart::privacy::resident::{self, EraseReport, ResidentData, ResidentMatch};
use wijkwaardenkaart::privacy::retention::{self, PurgeReport, PurgeRequest, RetentionPeriod};

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct RetentionSetting {
    pub period: RetentionPeriod,
    /// As typed: `18m`, `2y`, `540d`.
    pub text: String,
    /// Dutch: "18 maanden".
    pub label: String,
}

/// A purge's counts and the core's Dutch notice.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct PurgeResult {
    pub report: PurgeReport,
    /// Nothing was (or would be) purged.
    pub empty: bool,
    pub notice: String,
}

impl From<PurgeReport> for PurgeResult {
    fn from(report: PurgeReport) -> Self {
        PurgeResult {
            empty: report.is_empty(),
            notice: report.notice(),
            report,
        }
    }
}

fn setting(period: RetentionPeriod) -> RetentionSetting {
    RetentionSetting {
        text: period.to_string(),
        label: period.label(),
        period,
    }
}

#[tauri::command(async)]
pub fn retention_setting(state: State<'_, AppState>) -> AppResult<RetentionSetting> {
    state.with_store(|s| Ok(setting(retention::retention_period(s.conn())?)))
}

/// Sets the period from text such as `18m`, `2 jaar` or `540d` (validated by the core).
#[tauri::command(async)]
pub fn set_retention(state: State<'_, AppState>, period: String) -> AppResult<RetentionSetting> {
    let period: RetentionPeriod = period.parse()?;
    state.with_store(|s| {
        retention::set_retention_period(s, period)?;
        Ok(setting(retention::retention_period(s.conn())?))
    })
}

/// "Nu opschonen": with `dry_run` only counts what would go.
#[tauri::command(async)]
pub fn purge_now(state: State<'_, AppState>, dry_run: bool) -> AppResult<PurgeResult> {
    let req = PurgeRequest {
        dry_run,
        ..PurgeRequest::default()
    };
    state.with_store(|s| Ok(retention::purge(s, &req)?.into()))
}

/// Run by the UI right after unlocking; it shows the notice unless `empty`.
#[tauri::command(async)]
pub fn purge_at_start(state: State<'_, AppState>) -> AppResult<PurgeResult> {
    state.with_store(|s| Ok(retention::purge_at_start(s)?.into()))
}

#[tauri::command(async)]
pub fn find_residents(
    state: State<'_, AppState>,
    query: String,
    limit: u32,
) -> AppResult<Vec<ResidentMatch>> {
    state.with_store(|s| Ok(resident::find_residents(s, &query, limit)?))
}

#[tauri::command(async)]
pub fn resident_data(state: State<'_, AppState>, household_id: String) -> AppResult<ResidentData> {
    state.with_store(|s| Ok(resident::resident_data(s, &household_id)?))
}

#[tauri::command(async)]
pub fn export_resident(
    state: State<'_, AppState>,
    household_id: String,
    path: String,
) -> AppResult<ResidentData> {
    let path = Path::new(path.trim());
    state.with_store(|s| Ok(resident::export_resident(s, &household_id, path)?))
}

#[tauri::command(async)]
pub fn erase_resident(state: State<'_, AppState>, household_id: String) -> AppResult<EraseReport> {
    state.with_store(|s| Ok(resident::erase_resident(s, &household_id)?))
}

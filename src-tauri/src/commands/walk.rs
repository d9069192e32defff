//! Looplijst: the walk list of a campaign and recording door outcomes.

use crate::error::AppResult;
use crate::state::AppState;
use tauri::State;
use wijkwaardenkaart::domain::visit::{Visit, VisitInput, WalkEntry};

#[tauri::command(async)]
pub fn walk_list(state: State<'_, AppState>, campaign_id: String) -> AppResult<Vec<WalkEntry>> {
    state.with_store(|s| Ok(s.walk_list(&campaign_id)?))
}

#[tauri::command(async)]
pub fn record_visit(state: State<'_, AppState>, input: VisitInput) -> AppResult<Visit> {
    state.with_store(|s| Ok(s.record_visit(&input)?))
}

#[tauri::command(async)]
pub fn delete_visit(state: State<'_, AppState>, id: String) -> AppResult<()> {
    state.with_store(|s| Ok(s.delete_visit(&id)?))
}

//! Catalogues for forms (codes, regulations, areas) and the editable values catalogue.

use crate::error::AppResult;
use crate::state::AppState;
use tauri::State;
use wijkwaardenkaart::domain::catalogs::Catalogs;
use wijkwaardenkaart::domain::stats::Counts;
use wijkwaardenkaart::domain::values::Value;

#[tauri::command(async)]
pub fn catalogs(state: State<'_, AppState>) -> AppResult<Catalogs> {
    state.with_store(|s| Ok(s.catalogs()?))
}

#[tauri::command(async)]
pub fn values(state: State<'_, AppState>, include_retired: bool) -> AppResult<Vec<Value>> {
    state.with_store(|s| Ok(s.values(include_retired)?))
}

#[tauri::command(async)]
pub fn add_value(
    state: State<'_, AppState>,
    label: String,
    description: String,
) -> AppResult<Value> {
    state.with_store(|s| Ok(s.add_value(&label, &description)?))
}

#[tauri::command(async)]
pub fn rename_value(state: State<'_, AppState>, id: String, label: String) -> AppResult<Value> {
    state.with_store(|s| Ok(s.rename_value(&id, &label)?))
}

#[tauri::command(async)]
pub fn retire_value(state: State<'_, AppState>, id: String, retired: bool) -> AppResult<Value> {
    state.with_store(|s| Ok(s.retire_value(&id, retired)?))
}

#[tauri::command(async)]
pub fn counts(state: State<'_, AppState>) -> AppResult<Counts> {
    state.with_store(|s| Ok(s.counts()?))
}

//! Zoeken: full-text search over stories and quotes, and the index catching
//! up after a merge (one step per call, so other commands get their turn).

use crate::error::AppResult;
use crate::state::AppState;
use tauri::State;
use wijkwaardenkaart::domain::search::SearchHit;
use wijkwaardenkaart::domain::search_index::SearchIndexState;

#[tauri::command(async)]
pub fn search(state: State<'_, AppState>, query: String, limit: u32) -> AppResult<Vec<SearchHit>> {
    state.with_store(|s| Ok(s.search(&query, limit)?))
}

#[tauri::command(async)]
pub fn search_index_state(state: State<'_, AppState>) -> AppResult<SearchIndexState> {
    state.with_store(|s| Ok(s.search_index_state()?))
}

#[tauri::command(async)]
pub fn index_search_step(state: State<'_, AppState>) -> AppResult<SearchIndexState> {
    state.with_store(|s| Ok(s.index_search_step()?))
}

//! Zoeken: full-text search over stories and quotes.

use crate::error::AppResult;
use crate::state::AppState;
use tauri::State;
use wijkwaardenkaart::domain::search::SearchHit;

#[tauri::command(async)]
pub fn search(state: State<'_, AppState>, query: String, limit: u32) -> AppResult<Vec<SearchHit>> {
    state.with_store(|s| Ok(s.search(&query, limit)?))
}

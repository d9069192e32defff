//! Gesprek: conversations, their autosaved drafts and the household they belong to.

use crate::error::AppResult;
use crate::state::AppState;
use tauri::State;
use wijkwaardenkaart::domain::conversation::{Conversation, ConversationInput};
use wijkwaardenkaart::domain::draft::Draft;
use wijkwaardenkaart::domain::household::Household;

/// Saves the conversation and, in the same call, removes its draft.
#[tauri::command(async)]
pub fn save_conversation(
    state: State<'_, AppState>,
    input: ConversationInput,
    draft_key: Option<String>,
) -> AppResult<Conversation> {
    state.with_store(|s| {
        let c = s.save_conversation(&input)?;
        if let Some(k) = draft_key {
            s.discard_draft(&k)?;
        }
        Ok(c)
    })
}

#[tauri::command(async)]
pub fn get_conversation(state: State<'_, AppState>, id: String) -> AppResult<Conversation> {
    state.with_store(|s| Ok(s.conversation(&id)?))
}

#[tauri::command(async)]
pub fn get_household(state: State<'_, AppState>, id: String) -> AppResult<Household> {
    state.with_store(|s| Ok(s.household(&id)?))
}

#[tauri::command(async)]
pub fn save_draft(state: State<'_, AppState>, key: String, body: String) -> AppResult<Draft> {
    state.with_store(|s| Ok(s.save_draft(&key, &body)?))
}

#[tauri::command(async)]
pub fn get_draft(state: State<'_, AppState>, key: String) -> AppResult<Option<Draft>> {
    state.with_store(|s| Ok(s.draft(&key)?))
}

#[tauri::command(async)]
pub fn list_drafts(state: State<'_, AppState>) -> AppResult<Vec<Draft>> {
    state.with_store(|s| Ok(s.drafts()?))
}

#[tauri::command(async)]
pub fn discard_draft(state: State<'_, AppState>, key: String) -> AppResult<()> {
    state.with_store(|s| Ok(s.discard_draft(&key)?))
}

/// Households whose address starts with what was typed ("Lankforst 12").
#[tauri::command(async)]
pub fn find_households(
    state: State<'_, AppState>,
    query: String,
    limit: u32,
) -> AppResult<Vec<Household>> {
    state.with_store(|s| Ok(s.find_households(&query, limit)?))
}

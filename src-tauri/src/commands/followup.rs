//! Opvolging: open follow-ups and referrals.

use crate::error::AppResult;
use crate::state::AppState;
use tauri::State;
use wijkwaardenkaart::domain::followup::FollowUp;
use wijkwaardenkaart::domain::referral::Referral;

#[tauri::command(async)]
pub fn open_follow_ups(state: State<'_, AppState>, limit: u32) -> AppResult<Vec<FollowUp>> {
    state.with_store(|s| Ok(s.open_follow_ups(limit)?))
}

#[tauri::command(async)]
pub fn set_follow_up_done(state: State<'_, AppState>, id: String, done: bool) -> AppResult<()> {
    state.with_store(|s| Ok(s.set_follow_up_done(&id, done)?))
}

#[tauri::command(async)]
pub fn open_referrals(state: State<'_, AppState>, limit: u32) -> AppResult<Vec<Referral>> {
    state.with_store(|s| Ok(s.open_referrals(limit)?))
}

//! Voorzieningencheck: quick screen, saving and reopening a check, the
//! steps of its trajectory, referrals and participation.

use crate::error::AppResult;
use crate::state::AppState;
use tauri::State;
use wijkwaardenkaart::catalog::ScreenInput;
use wijkwaardenkaart::domain::check::{Check, CheckInput, CheckSummary, ScreenResult};
use wijkwaardenkaart::domain::check_action::{CheckAction, CheckActionInput};
use wijkwaardenkaart::domain::check_step::{CheckStep, CheckStepInput};
use wijkwaardenkaart::domain::collective::{CollectiveAction, CollectiveActionInput};
use wijkwaardenkaart::domain::participation::{
    Participation, ParticipationInput, ParticipationStepInput,
};
use wijkwaardenkaart::domain::pending::PendingApplication;
use wijkwaardenkaart::domain::referral::{Referral, ReferralInput};

#[tauri::command(async)]
pub fn quick_screen(
    state: State<'_, AppState>,
    input: ScreenInput,
) -> AppResult<Vec<ScreenResult>> {
    state.with_store(|s| Ok(s.screen(&input)?))
}

#[tauri::command(async)]
pub fn save_check(state: State<'_, AppState>, input: CheckInput) -> AppResult<Check> {
    state.with_store(|s| Ok(s.save_check(&input)?))
}

#[tauri::command(async)]
pub fn get_check(state: State<'_, AppState>, id: String) -> AppResult<Check> {
    state.with_store(|s| Ok(s.check(&id)?))
}

#[tauri::command(async)]
pub fn household_checks(
    state: State<'_, AppState>,
    household_id: String,
) -> AppResult<Vec<CheckSummary>> {
    state.with_store(|s| Ok(s.household_checks(&household_id)?))
}

#[tauri::command(async)]
pub fn record_check_step(
    state: State<'_, AppState>,
    input: CheckStepInput,
) -> AppResult<CheckStep> {
    state.with_store(|s| Ok(s.record_check_step(&input)?))
}

#[tauri::command(async)]
pub fn record_check_action(
    state: State<'_, AppState>,
    input: CheckActionInput,
) -> AppResult<Vec<CheckAction>> {
    state.with_store(|s| Ok(s.record_check_action(&input)?))
}

#[tauri::command(async)]
pub fn save_collective_action(
    state: State<'_, AppState>,
    input: CollectiveActionInput,
) -> AppResult<CollectiveAction> {
    state.with_store(|s| Ok(s.save_collective_action(&input)?))
}

#[tauri::command(async)]
pub fn collective_actions(
    state: State<'_, AppState>,
    area: String,
) -> AppResult<Vec<CollectiveAction>> {
    state.with_store(|s| Ok(s.collective_actions(&area)?))
}

#[tauri::command(async)]
pub fn pending_applications(
    state: State<'_, AppState>,
    limit: u32,
) -> AppResult<Vec<PendingApplication>> {
    state.with_store(|s| Ok(s.pending_applications(limit)?))
}

#[tauri::command(async)]
pub fn pending_weeks(state: State<'_, AppState>) -> AppResult<u32> {
    state.with_store(|s| Ok(s.pending_weeks()?))
}

#[tauri::command(async)]
pub fn set_pending_weeks(state: State<'_, AppState>, weeks: u32) -> AppResult<u32> {
    state.with_store(|s| Ok(s.set_pending_weeks(weeks)?))
}

#[tauri::command(async)]
pub fn create_referral(state: State<'_, AppState>, input: ReferralInput) -> AppResult<Referral> {
    state.with_store(|s| Ok(s.create_referral(&input)?))
}

#[tauri::command(async)]
pub fn record_participation(
    state: State<'_, AppState>,
    input: ParticipationInput,
) -> AppResult<Participation> {
    state.with_store(|s| Ok(s.record_participation(&input)?))
}

#[tauri::command(async)]
pub fn record_participation_step(
    state: State<'_, AppState>,
    input: ParticipationStepInput,
) -> AppResult<Participation> {
    state.with_store(|s| Ok(s.record_participation_step(&input)?))
}

#[tauri::command(async)]
pub fn open_participation(state: State<'_, AppState>, limit: u32) -> AppResult<Vec<Participation>> {
    state.with_store(|s| Ok(s.open_participation(limit)?))
}

#[tauri::command(async)]
pub fn household_participation(
    state: State<'_, AppState>,
    household_id: String,
) -> AppResult<Vec<Participation>> {
    state.with_store(|s| Ok(s.household_participation(&household_id)?))
}

#[tauri::command(async)]
pub fn set_referral_status(
    state: State<'_, AppState>,
    id: String,
    status: String,
    on: String,
) -> AppResult<Referral> {
    state.with_store(|s| Ok(s.set_referral_status(&id, &status, &on)?))
}

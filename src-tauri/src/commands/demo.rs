//! Long jobs: demo data generation with progress and cancel.

use crate::error::AppResult;
use crate::state::AppState;
use std::sync::atomic::Ordering;
use tauri::ipc::Channel;
use tauri::State;
use wijkwaardenkaart::demo::{self, DemoOptions, DemoSummary};
use wijkwaardenkaart::progress::Progress;

/// Fills the store with the synthetic dataset. Cancelling keeps nothing.
pub fn run_demo(
    state: &AppState,
    households: u32,
    seed: u64,
    report: impl Fn(&Progress),
) -> AppResult<DemoSummary> {
    let mut cb = super::progress(state, &report);
    state.with_store(|s| {
        Ok(demo::generate(
            s,
            DemoOptions { households, seed },
            &mut cb,
        )?)
    })
}

#[tauri::command(async)]
pub fn generate_demo(
    state: State<'_, AppState>,
    households: u32,
    seed: u64,
    on_progress: Channel<Progress>,
) -> AppResult<DemoSummary> {
    run_demo(&state, households, seed, super::send(&on_progress))
}

#[tauri::command]
pub fn cancel_job(state: State<'_, AppState>) {
    state.cancel.store(true, Ordering::SeqCst);
}

//! Long jobs: demo data generation with progress and cancel.

use crate::error::AppResult;
use crate::state::AppState;
use serde::Serialize;
use std::sync::atomic::Ordering;
use tauri::ipc::Channel;
use tauri::State;
use wijkwaardenkaart::demo::{self, DemoOptions, DemoSummary};

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct JobProgress {
    pub done: u32,
    pub total: u32,
}

/// Fills the store with the synthetic dataset. Cancelling keeps nothing.
pub fn run_demo(
    state: &AppState,
    households: u32,
    seed: u64,
    report: impl Fn(JobProgress),
) -> AppResult<DemoSummary> {
    state.cancel.store(false, Ordering::SeqCst);
    state.with_store(|s| {
        Ok(demo::generate(
            s,
            DemoOptions { households, seed },
            &mut |done, total| {
                report(JobProgress { done, total });
                !state.cancel.load(Ordering::SeqCst)
            },
        )?)
    })
}

#[tauri::command(async)]
pub fn generate_demo(
    state: State<'_, AppState>,
    households: u32,
    seed: u64,
    on_progress: Channel<JobProgress>,
) -> AppResult<DemoSummary> {
    run_demo(&state, households, seed, |p| {
        let _ = on_progress.send(p);
    })
}

#[tauri::command]
pub fn cancel_job(state: State<'_, AppState>) {
    state.cancel.store(true, Ordering::SeqCst);
}

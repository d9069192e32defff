//! Tauri commands: thin adapters from IPC onto the core. One file per domain;
//! no logic here beyond locking the store and converting errors.

pub mod campaign;
pub mod catalog;
pub mod check;
pub mod conversation;
pub mod demo;
pub mod exchange;
pub mod followup;
pub mod import;
pub mod map;
pub mod privacy;
pub mod report;
pub mod search;
pub mod session;
pub mod tables;
pub mod walk;
pub mod year;

use crate::state::AppState;
use std::sync::atomic::Ordering;
use tauri::ipc::Channel;
use wijkwaardenkaart::progress::Progress;

/// The progress callback of every long job: forwards to `report` and stops
/// the job (which then keeps nothing) once `cancel_job` was called.
pub(crate) fn progress<'a>(
    state: &'a AppState,
    report: &'a impl Fn(&Progress),
) -> impl FnMut(&Progress) -> bool + 'a {
    state.cancel.store(false, Ordering::SeqCst);
    move |p| {
        report(p);
        !state.cancel.load(Ordering::SeqCst)
    }
}

/// Forwards progress to the UI over an IPC channel.
pub(crate) fn send(channel: &Channel<Progress>) -> impl Fn(&Progress) + '_ {
    move |p| {
        let _ = channel.send(p.clone());
    }
}

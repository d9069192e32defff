//! What the app keeps between commands: where the store lives, the unlocked
//! store itself (behind a mutex) and the cancel flag of a running long job.

use crate::error::{AppError, AppResult};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::Mutex;
use wijkwaardenkaart::Store;

pub struct AppState {
    pub db_path: PathBuf,
    store: Mutex<Option<Store>>,
    /// Set by `cancel_job`; long jobs poll it through their progress callback.
    pub cancel: AtomicBool,
    /// Files the app wrote in this session (reports, tables, exports): the only
    /// ones `open_written` may hand to the desktop.
    written: Mutex<HashSet<PathBuf>>,
}

impl AppState {
    pub fn new(db_path: PathBuf) -> AppState {
        AppState {
            db_path,
            store: Mutex::new(None),
            cancel: AtomicBool::new(false),
            written: Mutex::new(HashSet::new()),
        }
    }

    /// Runs `f` on the unlocked store; `locked` when there is none.
    pub fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> AppResult<T>) -> AppResult<T> {
        let mut guard = self.lock_slot();
        let store = guard.as_mut().ok_or_else(AppError::locked)?;
        f(store)
    }

    pub fn is_unlocked(&self) -> bool {
        self.lock_slot().is_some()
    }

    pub fn set_store(&self, store: Option<Store>) {
        *self.lock_slot() = store;
    }

    pub fn remember_written(&self, path: &Path) {
        self.written
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(path.to_path_buf());
    }

    pub fn was_written(&self, path: &Path) -> bool {
        self.written
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .contains(path)
    }

    fn lock_slot(&self) -> std::sync::MutexGuard<'_, Option<Store>> {
        // A panic in one command must not lock the worker out of their data.
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }
}

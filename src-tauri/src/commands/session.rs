//! First start, unlock, lock, passphrase change and the worker profile.

use crate::error::AppResult;
use crate::state::AppState;
use serde::Serialize;
use tauri::State;
use wijkwaardenkaart::store::{Profile, Strength, SCHEMA_VERSION};
use wijkwaardenkaart::Store;

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct AppStatus {
    /// A store file exists at `db_path` (otherwise: first start).
    pub store_exists: bool,
    pub unlocked: bool,
    pub db_path: String,
    pub version: String,
    pub schema_version: i32,
}

#[tauri::command(async)]
pub fn app_status(state: State<'_, AppState>) -> AppResult<AppStatus> {
    Ok(AppStatus {
        store_exists: state.db_path.is_file(),
        unlocked: state.is_unlocked(),
        db_path: state.db_path.display().to_string(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        schema_version: SCHEMA_VERSION as i32,
    })
}

/// Page cache of the app's store connection (KiB). The screens read small
/// parts of the store; bulk operations (tables, purge) raise it while they run.
const APP_PAGE_CACHE_KIB: u32 = 16 * 1024;

#[tauri::command(async)]
pub fn create_store(
    state: State<'_, AppState>,
    passphrase: String,
    profile: Profile,
) -> AppResult<Profile> {
    let store = Store::create(&state.db_path, &passphrase, &profile)?;
    store.set_page_cache(APP_PAGE_CACHE_KIB)?;
    let p = store.profile().clone();
    state.set_store(Some(store));
    Ok(p)
}

#[tauri::command(async)]
pub fn unlock(state: State<'_, AppState>, passphrase: String) -> AppResult<Profile> {
    let store = Store::open(&state.db_path, &passphrase)?;
    store.set_page_cache(APP_PAGE_CACHE_KIB)?;
    let p = store.profile().clone();
    state.set_store(Some(store));
    Ok(p)
}

#[tauri::command(async)]
pub fn lock(state: State<'_, AppState>) -> AppResult<()> {
    state.set_store(None);
    Ok(())
}

#[tauri::command(async)]
pub fn change_passphrase(state: State<'_, AppState>, old: String, new: String) -> AppResult<()> {
    state.with_store(|s| Ok(s.change_passphrase(&old, &new)?))
}

#[tauri::command(async)]
pub fn get_profile(state: State<'_, AppState>) -> AppResult<Profile> {
    state.with_store(|s| Ok(s.profile().clone()))
}

#[tauri::command(async)]
pub fn set_profile(state: State<'_, AppState>, profile: Profile) -> AppResult<Profile> {
    state.with_store(|s| {
        s.set_profile(profile)?;
        Ok(s.profile().clone())
    })
}

/// A strength hint while the worker types a new passphrase (advice only).
#[tauri::command]
pub fn passphrase_strength(passphrase: String) -> Strength {
    wijkwaardenkaart::store::passphrase_strength(&passphrase)
}

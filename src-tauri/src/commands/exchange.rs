//! Uitwisselen: encrypted export, verify and merge of `.wwk` files, conflict
//! review and saved keys. Adapters onto `wijkwaardenkaart::exchange`; long jobs
//! report progress over a channel and stop on `cancel_job` (nothing is kept).

use super::{progress, send};
use crate::error::AppResult;
use crate::state::AppState;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use tauri::ipc::Channel;
use tauri::State;
use wijkwaardenkaart::exchange::{
    self, keyring, ConflictView, ExportOptions, ExportReceipt, Keep, MergeOptions, MergeReceipt,
    Protection, SavedKey, Scope, Source, Unlock, VerifyReport,
};
use wijkwaardenkaart::progress::Progress;

/// How an export is protected, as chosen in the dialog.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum ProtectionInput {
    /// Public keys (`age1…`) of the chosen saved keys.
    Recipients {
        keys: Vec<String>,
    },
    Passphrase {
        passphrase: String,
    },
}

/// How offered files are opened: an identity file or the export passphrase.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum UnlockInput {
    Identity { path: String },
    Passphrase { passphrase: String },
}

impl From<ProtectionInput> for Protection {
    fn from(p: ProtectionInput) -> Protection {
        match p {
            ProtectionInput::Recipients { keys } => Protection::Recipients(keys),
            ProtectionInput::Passphrase { passphrase } => Protection::Passphrase(passphrase),
        }
    }
}

impl From<UnlockInput> for Unlock {
    fn from(u: UnlockInput) -> Unlock {
        match u {
            UnlockInput::Identity { path } => Unlock::IdentityFile(PathBuf::from(path)),
            UnlockInput::Passphrase { passphrase } => Unlock::Passphrase(passphrase),
        }
    }
}

fn sources(paths: &[String]) -> Vec<Source> {
    paths
        .iter()
        .map(|p| Source::Path(PathBuf::from(p)))
        .collect()
}

pub fn run_export(
    state: &AppState,
    path: &str,
    scope: Scope,
    protection: ProtectionInput,
    report: impl Fn(&Progress),
) -> AppResult<ExportReceipt> {
    let opts = ExportOptions {
        scope,
        protection: protection.into(),
    };
    let mut cb = progress(state, &report);
    state.with_store(|s| Ok(exchange::export(s, Path::new(path), &opts, &mut cb)?))
}

pub fn run_verify(
    state: &AppState,
    paths: &[String],
    unlock: UnlockInput,
    report: impl Fn(&Progress),
) -> AppResult<VerifyReport> {
    let mut cb = progress(state, &report);
    state.with_store(|s| {
        Ok(exchange::verify(
            s,
            &sources(paths),
            &unlock.into(),
            &mut cb,
        )?)
    })
}

pub fn run_merge(
    state: &AppState,
    paths: &[String],
    unlock: UnlockInput,
    dry_run: bool,
    report: impl Fn(&Progress),
) -> AppResult<MergeReceipt> {
    let mut cb = progress(state, &report);
    let opts = MergeOptions { dry_run };
    state.with_store(|s| {
        Ok(exchange::merge(
            s,
            &sources(paths),
            &unlock.into(),
            &opts,
            &mut cb,
        )?)
    })
}

#[tauri::command(async)]
pub fn export_file(
    state: State<'_, AppState>,
    path: String,
    scope: Scope,
    protection: ProtectionInput,
    on_progress: Channel<Progress>,
) -> AppResult<ExportReceipt> {
    run_export(&state, &path, scope, protection, send(&on_progress))
}

#[tauri::command(async)]
pub fn verify_files(
    state: State<'_, AppState>,
    paths: Vec<String>,
    unlock: UnlockInput,
    on_progress: Channel<Progress>,
) -> AppResult<VerifyReport> {
    run_verify(&state, &paths, unlock, send(&on_progress))
}

#[tauri::command(async)]
pub fn merge_files(
    state: State<'_, AppState>,
    paths: Vec<String>,
    unlock: UnlockInput,
    dry_run: bool,
    on_progress: Channel<Progress>,
) -> AppResult<MergeReceipt> {
    run_merge(&state, &paths, unlock, dry_run, send(&on_progress))
}

#[tauri::command(async)]
pub fn exchange_conflicts(state: State<'_, AppState>, all: bool) -> AppResult<Vec<ConflictView>> {
    state.with_store(|s| Ok(exchange::conflicts(s, all)?))
}

#[tauri::command(async)]
pub fn resolve_conflict(
    state: State<'_, AppState>,
    id: i64,
    keep: Keep,
) -> AppResult<ConflictView> {
    state.with_store(|s| Ok(exchange::resolve_conflict(s, id, keep)?))
}

#[tauri::command(async)]
pub fn exchange_keys(state: State<'_, AppState>) -> AppResult<Vec<SavedKey>> {
    state.with_store(|s| Ok(keyring::list_keys(s)?))
}

#[tauri::command(async)]
pub fn generate_key(
    state: State<'_, AppState>,
    label: String,
    path: String,
) -> AppResult<SavedKey> {
    state.with_store(|s| Ok(keyring::generate_own_key(s, &label, Path::new(&path))?))
}

#[tauri::command(async)]
pub fn add_own_identity(
    state: State<'_, AppState>,
    label: String,
    path: String,
) -> AppResult<SavedKey> {
    state.with_store(|s| Ok(keyring::add_own_identity(s, &label, Path::new(&path))?))
}

#[tauri::command(async)]
pub fn add_coordinator_key(
    state: State<'_, AppState>,
    label: String,
    public_key: String,
) -> AppResult<SavedKey> {
    state.with_store(|s| Ok(keyring::add_coordinator_key(s, &label, &public_key)?))
}

#[tauri::command(async)]
pub fn import_key_file(
    state: State<'_, AppState>,
    label: String,
    path: String,
) -> AppResult<Vec<SavedKey>> {
    state.with_store(|s| {
        Ok(keyring::add_coordinator_key_from_identity(
            s,
            &label,
            Path::new(&path),
        )?)
    })
}

#[tauri::command(async)]
pub fn remove_key(state: State<'_, AppState>, id: i64) -> AppResult<SavedKey> {
    state.with_store(|s| Ok(keyring::remove_key(s, id)?))
}

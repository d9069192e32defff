//! One module per `wwk` command; shared helpers for passphrases and opening the store.

pub mod campaign;
pub mod catalog;
pub mod check;
pub mod collective;
pub mod complex;
pub mod conflicts;
pub mod demo;
pub mod export;
pub mod field;
pub mod import_checks;
pub mod init;
pub mod keygen;
pub mod merge;
pub mod participation;
pub mod passwd;
pub mod purge;
pub mod report;
pub mod resident;
pub mod retention;
pub mod search;
pub mod stats;
pub mod table;
pub mod verify;

use crate::output::CliError;
use std::path::Path;
use wijkwaardenkaart::Store;

/// Reads a secret from `env` or, when stdin is a terminal, from a prompt.
pub fn secret(env: &str, prompt: &str) -> Result<String, CliError> {
    match std::env::var(env) {
        Ok(v) => return Ok(v),
        Err(std::env::VarError::NotUnicode(_)) => {
            return Err(CliError::invalid(
                "passphrase_not_utf8",
                format!("${env} bevat tekens die geen tekst (UTF-8) zijn; gebruik een wachtwoord van gewone tekens"),
            ))
        }
        Err(std::env::VarError::NotPresent) => {}
    }
    if !std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        return Err(CliError::usage(format!(
            "geen wachtwoord: zet {env} of start wwk in een terminal"
        )));
    }
    rpassword::prompt_password(prompt)
        .map_err(|e| CliError::usage(format!("wachtwoord lezen mislukt: {e}")))
}

/// Opens the store with the passphrase from `WWK_PASSPHRASE` or a prompt.
pub fn open(db: &Path) -> Result<Store, CliError> {
    if db.is_dir() {
        return Err(wijkwaardenkaart::StoreError::IsDirectory(db.to_path_buf()).into());
    }
    if !db.exists() {
        return Err(wijkwaardenkaart::StoreError::NotFound(db.to_path_buf()).into());
    }
    let pass = secret("WWK_PASSPHRASE", "Wachtwoord: ")?;
    Ok(Store::open(db, &pass)?)
}

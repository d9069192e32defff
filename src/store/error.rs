//! Errors of the store, with messages a worker can act on (Dutch).

use crate::error::ErrorCode;

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("Het wachtwoord is onjuist. Controleer het wachtwoord en probeer het opnieuw.")]
    WrongPassphrase,
    #[error("Het wachtwoord is te kort: gebruik minstens {0} tekens.")]
    WeakPassphrase(usize),
    #[error("Geen opslag gevonden op {0}. Maak eerst een opslag aan met `wwk init`.")]
    NotFound(PathBuf),
    #[error("{0} is een map; geef het pad van het opslagbestand zelf (bijvoorbeeld …/wijkwaardenkaart.db).")]
    IsDirectory(PathBuf),
    #[error("Op {0} staat al een bestand; kies een andere plek of open de bestaande opslag.")]
    AlreadyExists(PathBuf),
    #[error("{0} is geen Wijkwaardenkaart-opslag.")]
    NotAStore(PathBuf),
    #[error(
        "Deze opslag is gemaakt met een nieuwere versie van Wijkwaardenkaart (schema {found}, \
         deze versie kent t/m {supported}). Installeer de nieuwste versie."
    )]
    NewerSchema { found: i64, supported: i64 },
    #[error("Werkersprofiel onvolledig: {0}")]
    InvalidProfile(String),
    #[error("Bestand {0} kon niet worden gelezen of geschreven: {why}", why = crate::util::reason::io(.1))]
    Io(PathBuf, #[source] std::io::Error),
    #[error("Bijwerken van de opslag mislukt: {0}")]
    Migration(String),
    #[error("Catalogus: {0}")]
    Catalog(#[from] crate::catalog::CatalogError),
    #[error("De opslag is in gebruik door een ander programma (bijvoorbeeld de app); probeer het opnieuw.")]
    Busy(#[source] rusqlite::Error),
    #[error("De opslag is alleen-lezen (geen schrijfrechten op het bestand of de schijf): bekijken kan, wijzigen niet. Kopieer de opslag naar een map waar u mag schrijven.")]
    ReadOnly(#[source] rusqlite::Error),
    #[error("Deze alleen-lezen opslag moet eerst worden bijgewerkt naar schema {to} (nu {from}); open hem eenmaal met schrijfrechten.")]
    ReadOnlyOutdated { from: i64, to: i64 },
    #[error("De opslag kon deze bewerking niet uitvoeren; probeer het opnieuw. Blijft dit gebeuren, maak dan een export en neem contact op met de coördinator.")]
    Sqlite(#[source] rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    /// A store another program holds (the app and the CLI at once) is named
    /// as such; SQLite's own English words stay in the detail.
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                StoreError::Busy(e)
            }
            Some(rusqlite::ErrorCode::ReadOnly) => StoreError::ReadOnly(e),
            _ => StoreError::Sqlite(e),
        }
    }
}

impl ErrorCode for StoreError {
    fn code(&self) -> &'static str {
        match self {
            StoreError::WrongPassphrase => "wrong_passphrase",
            StoreError::WeakPassphrase(_) => "weak_passphrase",
            StoreError::NotFound(_) => "store_not_found",
            StoreError::AlreadyExists(_) => "store_exists",
            StoreError::IsDirectory(_) => "store_is_directory",
            StoreError::NotAStore(_) => "not_a_store",
            StoreError::NewerSchema { .. } => "newer_schema",
            StoreError::InvalidProfile(_) => "invalid_profile",
            StoreError::Io(..) => "io",
            StoreError::Migration(_) => "migration",
            StoreError::Catalog(e) => e.code(),
            StoreError::Busy(_) => "store_busy",
            StoreError::ReadOnly(_) => "store_read_only",
            StoreError::ReadOnlyOutdated { .. } => "store_read_only_outdated",
            StoreError::Sqlite(_) => "database",
        }
    }

    /// A passphrase, profile or path the caller chose; everything else is the
    /// store or the machine.
    fn is_invalid_input(&self) -> bool {
        matches!(
            self,
            StoreError::WeakPassphrase(_)
                | StoreError::InvalidProfile(_)
                | StoreError::AlreadyExists(_)
                | StoreError::IsDirectory(_)
        )
    }

    fn detail(&self) -> Option<String> {
        match self {
            StoreError::Busy(e) | StoreError::ReadOnly(e) | StoreError::Sqlite(e) => {
                Some(sqlite_detail(e))
            }
            StoreError::Io(_, e) => Some(e.to_string()),
            StoreError::Catalog(e) => e.detail(),
            _ => None,
        }
    }
}

/// SQLite's message with its extended result code, for support.
pub(crate) fn sqlite_detail(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(f, _) => format!("{e} (SQLite {})", f.extended_code),
        _ => e.to_string(),
    }
}

impl StoreError {
    /// True when the store itself cannot be opened (CLI exit code 3).
    pub fn is_open_failure(&self) -> bool {
        matches!(
            self,
            StoreError::WrongPassphrase
                | StoreError::NotFound(_)
                | StoreError::NotAStore(_)
                | StoreError::NewerSchema { .. }
                | StoreError::Migration(_)
                | StoreError::ReadOnlyOutdated { .. }
        )
    }
}

//! Domain errors: what was wrong with the input, in Dutch.

#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    #[error("{what} niet gevonden ({id})")]
    NotFound { what: &'static str, id: String },
    #[error("onbekende {what}: \"{code}\"")]
    UnknownCode { what: &'static str, code: String },
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error(transparent)]
    Catalog(#[from] crate::catalog::CatalogError),
    #[error("Databasefout: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl DomainError {
    pub fn code(&self) -> &'static str {
        match self {
            DomainError::NotFound { .. } => "not_found",
            DomainError::UnknownCode { .. } => "unknown_code",
            DomainError::Invalid(_) => "invalid",
            DomainError::Store(e) => e.code(),
            DomainError::Catalog(_) => "catalog",
            DomainError::Sqlite(_) => "database",
        }
    }

    /// True for errors caused by the caller's input (CLI exit code 2).
    pub fn is_invalid_input(&self) -> bool {
        matches!(
            self,
            DomainError::NotFound { .. }
                | DomainError::UnknownCode { .. }
                | DomainError::Invalid(_)
                | DomainError::Catalog(_)
        )
    }
}

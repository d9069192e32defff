//! Domain errors: what was wrong with the input, in Dutch.

use crate::error::ErrorCode;

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
}

impl ErrorCode for DomainError {
    fn code(&self) -> &'static str {
        match self {
            DomainError::NotFound { .. } => "not_found",
            DomainError::UnknownCode { .. } => "unknown_code",
            DomainError::Invalid(_) => "invalid",
            DomainError::Store(e) => e.code(),
            DomainError::Catalog(e) => e.code(),
        }
    }

    fn is_invalid_input(&self) -> bool {
        match self {
            DomainError::Store(e) => e.is_invalid_input(),
            _ => true,
        }
    }

    fn detail(&self) -> Option<String> {
        match self {
            DomainError::Store(e) => e.detail(),
            DomainError::Catalog(e) => e.detail(),
            _ => None,
        }
    }
}

impl From<rusqlite::Error> for DomainError {
    fn from(e: rusqlite::Error) -> Self {
        DomainError::Store(e.into())
    }
}

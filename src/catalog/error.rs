//! Catalogue errors: which catalogue, and what is wrong with it (Dutch).

#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("catalogus \"{catalog}\" is geen geldige JSON: {reason}")]
    Malformed { catalog: String, reason: String },
    #[error("catalogus \"{catalog}\" klopt niet: {reason}")]
    Invalid { catalog: String, reason: String },
    #[error("onbekend soort catalogus \"{0}\" (verwacht: values, regulations of codes)")]
    UnknownKind(String),
    #[error("catalogusbestand {0}")]
    File(String),
    #[error("catalogusbestand {0} kon niet worden gelezen: {1}")]
    Io(String, #[source] std::io::Error),
    #[error("catalogus opslaan mislukt: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl CatalogError {
    pub(crate) fn invalid(catalog: &str, reason: impl Into<String>) -> Self {
        CatalogError::Invalid {
            catalog: catalog.to_string(),
            reason: reason.into(),
        }
    }

    pub(crate) fn malformed(catalog: &str, e: serde_json::Error) -> Self {
        CatalogError::Malformed {
            catalog: catalog.to_string(),
            reason: e.to_string(),
        }
    }
}

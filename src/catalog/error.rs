//! Catalogue errors: which catalogue, and what is wrong with it (Dutch).

#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("catalogus \"{catalog}\" is geen geldige JSON: {reason}")]
    Malformed {
        catalog: String,
        reason: String,
        detail: String,
    },
    #[error("catalogus \"{catalog}\" klopt niet: {reason}")]
    Invalid { catalog: String, reason: String },
    #[error("onbekend soort catalogus \"{0}\" (verwacht: values, regulations of codes)")]
    UnknownKind(String),
    #[error("catalogusbestand {0}")]
    File(String),
    #[error("catalogusbestand {0} kon niet worden gelezen: {why}", why = crate::util::reason::io(.1))]
    Io(String, #[source] std::io::Error),
    #[error("catalogus opslaan mislukt: {0}")]
    Store(Box<crate::store::StoreError>),
}

impl From<rusqlite::Error> for CatalogError {
    fn from(e: rusqlite::Error) -> Self {
        CatalogError::Store(Box::new(e.into()))
    }
}

impl crate::error::ErrorCode for CatalogError {
    fn code(&self) -> &'static str {
        match self {
            CatalogError::Malformed { .. } => "catalog_malformed",
            CatalogError::Invalid { .. } => "catalog_invalid",
            CatalogError::UnknownKind(_) => "catalog_unknown_kind",
            CatalogError::File(_) => "catalog_file",
            CatalogError::Io(..) => "catalog_unreadable",
            CatalogError::Store(e) => e.code(),
        }
    }

    fn is_invalid_input(&self) -> bool {
        match self {
            CatalogError::Store(e) => e.is_invalid_input(),
            _ => true,
        }
    }

    fn detail(&self) -> Option<String> {
        match self {
            CatalogError::Malformed { detail, .. } => Some(detail.clone()),
            CatalogError::Io(_, e) => Some(e.to_string()),
            CatalogError::Store(e) => e.detail(),
            _ => None,
        }
    }
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
            reason: crate::util::reason::json_at(&e),
            detail: e.to_string(),
        }
    }
}

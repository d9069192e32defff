//! The values catalogue: what residents may name as valuable in their neighbourhood.

use super::{check_slug, check_unique, CatalogError};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValuesCatalog {
    pub catalog: String,
    pub version: String,
    pub language: String,
    pub values: Vec<ValueEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ValueEntry {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub bevorderend: Vec<String>,
    #[serde(default)]
    pub belemmerend: Vec<String>,
}

impl ValuesCatalog {
    pub fn parse(json: &str) -> Result<ValuesCatalog, CatalogError> {
        let c: ValuesCatalog =
            serde_json::from_str(json).map_err(|e| CatalogError::malformed("values", e))?;
        c.validate()?;
        Ok(c)
    }

    pub fn validate(&self) -> Result<(), CatalogError> {
        if self.catalog != "values" {
            return Err(CatalogError::invalid(
                "values",
                "veld \"catalog\" moet \"values\" zijn",
            ));
        }
        if self.version.trim().is_empty() {
            return Err(CatalogError::invalid("values", "versie ontbreekt"));
        }
        if self.values.is_empty() {
            return Err(CatalogError::invalid("values", "geen waarden"));
        }
        for v in &self.values {
            check_slug("values", &v.id)?;
            if v.label.trim().is_empty() || v.label.chars().count() > 80 {
                return Err(CatalogError::invalid(
                    "values",
                    format!("waarde \"{}\" heeft geen geldig label", v.id),
                ));
            }
        }
        check_unique("values", self.values.iter().map(|v| v.id.as_str()))?;
        check_unique("values", self.values.iter().map(|v| v.label.as_str()))
    }
}

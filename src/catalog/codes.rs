//! Door outcome codes, referral targets and statuses, voorzieningencheck statuses.

use super::{check_slug, check_unique, CatalogError};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodesCatalog {
    pub catalog: String,
    pub version: String,
    pub outcomes: Vec<OutcomeDef>,
    pub referral_targets: Vec<ReferralTargetDef>,
    pub referral_statuses: Vec<ReferralStatusDef>,
    pub check_statuses: Vec<CheckStatusDef>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeDef {
    pub code: String,
    pub label: String,
    pub key: String,
    /// The door counts as approached (benaderd).
    pub approached: bool,
    /// A resident was actually spoken to (bereikt).
    pub reached: bool,
    /// No further attempts are needed at this door.
    pub r#final: bool,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferralTargetDef {
    pub code: String,
    pub label: String,
    #[serde(default)]
    pub description: String,
    /// No longer offered for new referrals; kept so that referrals made
    /// before (on any laptop) keep their organisation and still merge.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub retired: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferralStatusDef {
    pub code: String,
    pub label: String,
    pub closed: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckStatusDef {
    pub code: String,
    pub label: String,
    pub counts_as: String,
}

const COUNTS_AS: &[&str] = &[
    "receiving",
    "non_take_up",
    "applied",
    "granted",
    "rejected",
    "not_applicable",
    "unknown",
];

impl CodesCatalog {
    pub fn parse(json: &str) -> Result<CodesCatalog, CatalogError> {
        let c: CodesCatalog =
            serde_json::from_str(json).map_err(|e| CatalogError::malformed("codes", e))?;
        c.validate()?;
        Ok(c)
    }

    pub fn validate(&self) -> Result<(), CatalogError> {
        if self.catalog != "codes" {
            return Err(CatalogError::invalid(
                "codes",
                "veld \"catalog\" moet \"codes\" zijn",
            ));
        }
        if self.version.trim().is_empty() {
            return Err(CatalogError::invalid("codes", "versie ontbreekt"));
        }
        if self.outcomes.is_empty()
            || self.referral_targets.is_empty()
            || self.referral_statuses.is_empty()
        {
            return Err(CatalogError::invalid(
                "codes",
                "uitkomsten, doorverwijsadressen en statussen zijn verplicht",
            ));
        }
        for o in &self.outcomes {
            check_slug("codes", &o.code)?;
            if o.key.chars().count() != 1 {
                return Err(CatalogError::invalid(
                    "codes",
                    format!("sneltoets van \"{}\" moet één teken zijn", o.code),
                ));
            }
            if o.reached && !o.approached {
                return Err(CatalogError::invalid(
                    "codes",
                    format!("\"{}\" is bereikt maar niet benaderd", o.code),
                ));
            }
        }
        check_unique("codes", self.outcomes.iter().map(|o| o.code.as_str()))?;
        check_unique("codes", self.outcomes.iter().map(|o| o.key.as_str()))?;
        for t in &self.referral_targets {
            check_slug("codes", &t.code)?;
        }
        if self.referral_targets.iter().all(|t| t.retired) {
            return Err(CatalogError::invalid(
                "codes",
                "er moet minstens één doorverwijsadres in gebruik zijn",
            ));
        }
        check_unique(
            "codes",
            self.referral_targets.iter().map(|o| o.code.as_str()),
        )?;
        for s in &self.referral_statuses {
            check_slug("codes", &s.code)?;
        }
        check_unique(
            "codes",
            self.referral_statuses.iter().map(|o| o.code.as_str()),
        )?;
        for s in &self.check_statuses {
            check_slug("codes", &s.code)?;
            if !COUNTS_AS.contains(&s.counts_as.as_str()) {
                return Err(CatalogError::invalid(
                    "codes",
                    format!("onbekende counts_as \"{}\"", s.counts_as),
                ));
            }
        }
        check_unique("codes", self.check_statuses.iter().map(|o| o.code.as_str()))
    }
}

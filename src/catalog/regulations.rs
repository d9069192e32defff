//! Regulations per year, the quick-screen rules and yearly estimates.
//!
//! The quick screen gives an *indication* ("mogelijk recht"), never a decision:
//! it only says whether a household's rough profile fits a regulation's hints.

use super::{check_slug, check_unique, CatalogError};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegulationsCatalog {
    pub catalog: String,
    pub version: String,
    pub year: i32,
    pub disclaimer: String,
    pub screen_inputs: ScreenInputs,
    pub regulations: Vec<Regulation>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ScreenInputs {
    pub household_types: Vec<HouseholdTypeDef>,
    pub age_groups: Vec<OptionDef>,
    pub income_bands: Vec<IncomeBandDef>,
    pub rent_bands: Vec<RentBandDef>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct HouseholdTypeDef {
    pub id: String,
    pub label: String,
    pub adults: u32,
    pub partner: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct OptionDef {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct IncomeBandDef {
    pub id: String,
    pub label: String,
    /// Upper bound in % of the social minimum; `None` for the open top band.
    pub max_pct: Option<u32>,
    #[serde(default)]
    pub unknown: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct RentBandDef {
    pub id: String,
    pub label: String,
    pub rent: bool,
    #[serde(default)]
    pub unknown: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Regulation {
    pub id: String,
    pub name: String,
    pub level: String,
    pub provider: String,
    pub description: String,
    pub screen: ScreenRule,
    pub estimate: Estimate,
    #[serde(default)]
    pub figures: Vec<Figure>,
    #[serde(default)]
    pub screen_note: String,
}

/// Hints for the quick screen; every condition present must hold.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct ScreenRule {
    /// Income must be in a band whose upper bound is at most this % of the social minimum.
    #[serde(default)]
    pub max_income_pct: Option<u32>,
    #[serde(default)]
    pub household_types: Option<Vec<String>>,
    #[serde(default)]
    pub age_groups: Option<Vec<String>>,
    #[serde(default)]
    pub rent_bands: Option<Vec<String>>,
    #[serde(default)]
    pub requires_children: bool,
}

/// Yearly estimate in whole euros; unknown parts are `None` and said so in `note`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Estimate {
    #[serde(default)]
    pub single_eur: Option<i64>,
    #[serde(default)]
    pub partner_eur: Option<i64>,
    #[serde(default)]
    pub per_adult_eur: Option<i64>,
    #[serde(default)]
    pub per_child_eur: Option<i64>,
    pub note: String,
    pub source: String,
    pub year: i32,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    pub label: String,
    pub value: String,
    pub source: String,
    pub year: i32,
}

/// The answers of a quick screen, as ids from `ScreenInputs`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScreenInput {
    pub household_type: String,
    pub age_group: String,
    pub income_band: String,
    pub rent_band: String,
    /// Children under 18 in the household.
    pub children: u32,
}

impl RegulationsCatalog {
    pub fn parse(json: &str) -> Result<RegulationsCatalog, CatalogError> {
        let c: RegulationsCatalog =
            serde_json::from_str(json).map_err(|e| CatalogError::malformed("regulations", e))?;
        c.validate()?;
        Ok(c)
    }

    pub fn validate(&self) -> Result<(), CatalogError> {
        let bad = |r: String| CatalogError::invalid("regulations", r);
        if self.catalog != "regulations" {
            return Err(bad("veld \"catalog\" moet \"regulations\" zijn".into()));
        }
        if self.version.trim().is_empty() || !(2000..=2100).contains(&self.year) {
            return Err(bad("versie of jaar ontbreekt of is ongeldig".into()));
        }
        let si = &self.screen_inputs;
        check_unique(
            "regulations",
            si.household_types.iter().map(|o| o.id.as_str()),
        )?;
        check_unique("regulations", si.age_groups.iter().map(|o| o.id.as_str()))?;
        check_unique("regulations", si.income_bands.iter().map(|o| o.id.as_str()))?;
        check_unique("regulations", si.rent_bands.iter().map(|o| o.id.as_str()))?;
        if self.regulations.is_empty() {
            return Err(bad("de catalogus bevat geen regelingen".into()));
        }
        check_unique(
            "regulations",
            self.regulations.iter().map(|o| o.id.as_str()),
        )?;
        for r in &self.regulations {
            check_slug("regulations", &r.id)?;
            if !["rijk", "gemeente", "fonds"].contains(&r.level.as_str()) {
                return Err(bad(format!(
                    "{}: niveau moet rijk, gemeente of fonds zijn",
                    r.id
                )));
            }
            if r.name.trim().is_empty() {
                return Err(bad(format!("{}: naam ontbreekt", r.id)));
            }
            let e = &r.estimate;
            let amounts = [
                e.single_eur,
                e.partner_eur,
                e.per_adult_eur,
                e.per_child_eur,
            ];
            if amounts.iter().flatten().any(|a| !(0..=100_000).contains(a)) {
                return Err(bad(format!("{}: bedrag buiten bereik", r.id)));
            }
            if e.source.trim().is_empty() || e.note.trim().is_empty() {
                return Err(bad(format!(
                    "{}: schatting zonder bron of toelichting",
                    r.id
                )));
            }
            for f in &r.figures {
                if f.source.trim().is_empty() {
                    return Err(bad(format!("{}: cijfer \"{}\" zonder bron", r.id, f.label)));
                }
            }
            let check_refs = |list: &Option<Vec<String>>, known: Vec<&str>, what: &str| {
                for id in list.iter().flatten() {
                    if !known.contains(&id.as_str()) {
                        return Err(bad(format!("{}: onbekende {what} \"{id}\"", r.id)));
                    }
                }
                Ok(())
            };
            check_refs(
                &r.screen.household_types,
                si.household_types.iter().map(|o| o.id.as_str()).collect(),
                "huishoudsamenstelling",
            )?;
            check_refs(
                &r.screen.age_groups,
                si.age_groups.iter().map(|o| o.id.as_str()).collect(),
                "leeftijdsgroep",
            )?;
            check_refs(
                &r.screen.rent_bands,
                si.rent_bands.iter().map(|o| o.id.as_str()).collect(),
                "woonsituatie",
            )?;
        }
        Ok(())
    }

    pub fn regulation(&self, id: &str) -> Option<&Regulation> {
        self.regulations.iter().find(|r| r.id == id)
    }

    /// Checks that every answer of a quick screen is a known option.
    pub fn check_input(&self, input: &ScreenInput) -> Result<(), String> {
        let si = &self.screen_inputs;
        if !si
            .household_types
            .iter()
            .any(|o| o.id == input.household_type)
        {
            return Err(format!(
                "onbekende huishoudsamenstelling \"{}\"",
                input.household_type
            ));
        }
        if !si.age_groups.iter().any(|o| o.id == input.age_group) {
            return Err(format!("onbekende leeftijdsgroep \"{}\"", input.age_group));
        }
        if !si.income_bands.iter().any(|o| o.id == input.income_band) {
            return Err(format!(
                "onbekende inkomensklasse \"{}\"",
                input.income_band
            ));
        }
        if !si.rent_bands.iter().any(|o| o.id == input.rent_band) {
            return Err(format!("onbekende woonsituatie \"{}\"", input.rent_band));
        }
        if input.children > 20 {
            return Err("aantal kinderen is onwaarschijnlijk hoog".into());
        }
        Ok(())
    }

    /// Quick-screen outcome: does this household's profile fit the regulation's hints?
    /// Unknown answers never produce a "mogelijk recht".
    pub fn screen(&self, reg: &Regulation, input: &ScreenInput) -> bool {
        let rule = &reg.screen;
        if let Some(max) = rule.max_income_pct {
            let band = self
                .screen_inputs
                .income_bands
                .iter()
                .find(|b| b.id == input.income_band);
            match band {
                Some(b) if !b.unknown => match b.max_pct {
                    Some(upper) if upper <= max => {}
                    _ => return false,
                },
                _ => return false,
            }
        }
        let allowed = |list: &Option<Vec<String>>, v: &str| {
            list.as_ref().is_none_or(|l| l.iter().any(|x| x == v))
        };
        if !allowed(&rule.household_types, &input.household_type)
            || !allowed(&rule.age_groups, &input.age_group)
            || !allowed(&rule.rent_bands, &input.rent_band)
        {
            return false;
        }
        !(rule.requires_children && input.children == 0)
    }

    /// Estimated yearly amount in euros for this household, or `None` when the
    /// catalogue has no figure for it.
    pub fn estimate(&self, reg: &Regulation, input: &ScreenInput) -> Option<i64> {
        let e = &reg.estimate;
        let hh = self
            .screen_inputs
            .household_types
            .iter()
            .find(|h| h.id == input.household_type);
        let (adults, partner) = hh
            .map(|h| (h.adults as i64, h.partner))
            .unwrap_or((1, false));
        let base = if partner {
            e.partner_eur.or(e.single_eur)
        } else {
            e.single_eur
        };
        let parts = [
            base,
            e.per_adult_eur.map(|a| a * adults),
            e.per_child_eur.map(|c| c * input.children as i64),
        ];
        if parts.iter().all(Option::is_none) {
            return None;
        }
        Some(parts.iter().flatten().sum())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> RegulationsCatalog {
        RegulationsCatalog::parse(crate::catalog::defaults::REGULATIONS).unwrap()
    }

    fn input(hh: &str, income: &str, rent: &str, children: u32) -> ScreenInput {
        ScreenInput {
            household_type: hh.into(),
            age_group: "21_aow".into(),
            income_band: income.into(),
            rent_band: rent.into(),
            children,
        }
    }

    #[test]
    fn low_income_family_renting_gets_family_indications() {
        let c = catalog();
        let i = input("paar_met_kinderen", "100_120", "huur_tot_grens", 2);
        let possible: Vec<&str> = c
            .regulations
            .iter()
            .filter(|r| c.screen(r, &i))
            .map(|r| r.id.as_str())
            .collect();
        for id in [
            "zorgtoeslag",
            "huurtoeslag",
            "kindgebonden_budget",
            "leergeld",
            "meedoen_regeling",
        ] {
            assert!(possible.contains(&id), "{id} missing from {possible:?}");
        }
        assert!(!possible.contains(&"aio"), "AIO is for AOW age only");
        assert_eq!(c.estimate(c.regulation("leergeld").unwrap(), &i), Some(900));
        assert_eq!(
            c.estimate(c.regulation("meedoen_regeling").unwrap(), &i),
            Some(300)
        );
        assert_eq!(
            c.estimate(c.regulation("zorgtoeslag").unwrap(), &i),
            Some(2952)
        );
        assert_eq!(c.estimate(c.regulation("huurtoeslag").unwrap(), &i), None);
    }

    #[test]
    fn high_or_unknown_income_gives_no_income_tested_indication() {
        let c = catalog();
        for band in ["boven_200", "onbekend"] {
            let i = input("alleenstaand", band, "huur_tot_grens", 0);
            assert!(
                !c.screen(c.regulation("zorgtoeslag").unwrap(), &i),
                "{band}"
            );
        }
    }

    #[test]
    fn owners_get_no_huurtoeslag_indication() {
        let c = catalog();
        let i = input("alleenstaand", "tot_100", "koop", 0);
        assert!(!c.screen(c.regulation("huurtoeslag").unwrap(), &i));
        assert!(c.screen(c.regulation("bijzondere_bijstand").unwrap(), &i));
    }
}

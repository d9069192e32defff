//! Read-only views of the catalogues as stored (codes, regulations, areas), in
//! the shape screens and forms need: labels, shortcuts and options in order.

use super::DomainError;
use crate::catalog::{nijmegen, regulations_in_store, AreaKind, ScreenInputs};
use crate::store::Store;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OutcomeCode {
    pub code: String,
    pub label: String,
    /// One-key shortcut on the walk list.
    pub shortcut: String,
    pub approached: bool,
    pub reached: bool,
    pub is_final: bool,
    pub description: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CodeLabel {
    pub code: String,
    pub label: String,
    pub description: String,
    /// For statuses: no further action expected.
    pub closed: bool,
    /// For check statuses: how the status is counted (`non_take_up`, …).
    pub counts_as: String,
    /// For referral targets: no longer offered for new referrals (older
    /// referrals keep it).
    pub retired: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RegulationInfo {
    pub id: String,
    pub name: String,
    /// `rijk`, `gemeente` or `fonds`.
    pub level: String,
    pub provider: String,
    pub description: String,
    pub estimate_note: String,
    pub source: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AreaInfo {
    pub code: String,
    pub name: String,
    /// `stadsdeel` or `wijk`.
    pub kind: String,
    pub parent_code: Option<String>,
}

/// One option of a fixed list: its code and Dutch label.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Choice {
    pub code: String,
    pub label: String,
}

/// The options of a check step (see `check_step`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StepOptions {
    pub helpers: Vec<Choice>,
    pub periods: Vec<Choice>,
    pub rejection_reasons: Vec<Choice>,
    pub not_applied_reasons: Vec<Choice>,
    /// Other work in a check (debts, budget plan, benefit, FEW handover).
    pub actions: Vec<Choice>,
    /// Where a benefit was applied for.
    pub agencies: Vec<Choice>,
}

/// A fixed list of (code, label) as choices.
fn choices(l: &[(&str, &str)]) -> Vec<Choice> {
    l.iter()
        .map(|(code, label)| Choice {
            code: code.to_string(),
            label: label.to_string(),
        })
        .collect()
}

impl StepOptions {
    pub fn new() -> StepOptions {
        use super::check_action::{AGENCIES, KINDS};
        use super::check_step::{HELPERS, NOT_APPLIED_REASONS, PERIODS, REJECTION_REASONS};
        let list = choices;
        StepOptions {
            helpers: list(HELPERS),
            periods: list(PERIODS),
            rejection_reasons: list(REJECTION_REASONS),
            not_applied_reasons: list(NOT_APPLIED_REASONS),
            actions: list(KINDS),
            agencies: list(AGENCIES),
        }
    }
}

impl Default for StepOptions {
    fn default() -> Self {
        Self::new()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Catalogs {
    pub outcomes: Vec<OutcomeCode>,
    pub referral_targets: Vec<CodeLabel>,
    pub referral_statuses: Vec<CodeLabel>,
    pub check_statuses: Vec<CodeLabel>,
    /// Who helped, periods and reasons for the steps of a check.
    pub check_steps: StepOptions,
    /// Kinds of participation (Meedoen) and their statuses, in order.
    pub participation_kinds: Vec<Choice>,
    pub participation_statuses: Vec<Choice>,
    /// Statuses and partners of a collective action.
    pub collective_statuses: Vec<Choice>,
    pub collective_partners: Vec<Choice>,
    pub regulations_year: i32,
    pub regulations: Vec<RegulationInfo>,
    pub screen_inputs: ScreenInputs,
    /// "Indications, not decisions" text of the regulations catalogue.
    pub disclaimer: String,
    pub areas: Vec<AreaInfo>,
    /// Attribution that must accompany every map.
    pub map_attribution: String,
}

impl Store {
    /// Codes, regulations (newest year) and areas, as loaded in this store.
    pub fn catalogs(&self) -> Result<Catalogs, DomainError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT code, label, shortcut, approached, reached, final, description FROM outcome_code ORDER BY sort",
        )?;
        let outcomes = stmt
            .query_map([], |r| {
                Ok(OutcomeCode {
                    code: r.get(0)?,
                    label: r.get(1)?,
                    shortcut: r.get(2)?,
                    approached: r.get(3)?,
                    reached: r.get(4)?,
                    is_final: r.get(5)?,
                    description: r.get(6)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let labels = |sql: &str| -> Result<Vec<CodeLabel>, DomainError> {
            let mut stmt = conn.prepare(sql)?;
            let rows = stmt.query_map([], |r| {
                Ok(CodeLabel {
                    code: r.get(0)?,
                    label: r.get(1)?,
                    description: r.get(2)?,
                    closed: r.get(3)?,
                    counts_as: r.get(4)?,
                    retired: r.get(5)?,
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        };
        let referral_targets =
            labels("SELECT code, label, description, 0, '', retired FROM referral_target ORDER BY retired, sort")?;
        let referral_statuses =
            labels("SELECT code, label, '', closed, '', 0 FROM referral_status ORDER BY sort")?;
        let check_statuses =
            labels("SELECT code, label, '', 0, counts_as, 0 FROM check_status ORDER BY sort")?;
        let regs = regulations_in_store(conn)?;
        let regulations = regs
            .regulations
            .iter()
            .map(|r| RegulationInfo {
                id: r.id.clone(),
                name: r.name.clone(),
                level: r.level.clone(),
                provider: r.provider.clone(),
                description: r.description.clone(),
                estimate_note: r.estimate.note.clone(),
                source: format!("{} ({})", r.estimate.source, r.estimate.year),
            })
            .collect();
        let map = nijmegen();
        let areas = map
            .areas
            .iter()
            .map(|a| AreaInfo {
                code: a.code.clone(),
                name: a.name.clone(),
                kind: match a.kind {
                    AreaKind::Stadsdeel => "stadsdeel",
                    AreaKind::Wijk => "wijk",
                }
                .to_string(),
                parent_code: a.parent_code.clone(),
            })
            .collect();
        Ok(Catalogs {
            outcomes,
            referral_targets,
            referral_statuses,
            check_statuses,
            check_steps: StepOptions::new(),
            participation_kinds: choices(super::participation::KINDS),
            participation_statuses: choices(super::participation::STATUSES),
            collective_statuses: choices(super::collective::STATUSES),
            collective_partners: choices(super::collective::PARTNERS),
            regulations_year: regs.year,
            regulations,
            screen_inputs: regs.screen_inputs.clone(),
            disclaimer: regs.disclaimer.clone(),
            areas,
            map_attribution: map.attribution.clone(),
        })
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn catalogs_list_codes_regulations_and_the_44_wijken() {
        let (_dir, s) = crate::testutil::temp_store();
        let c = s.catalogs().unwrap();
        let gesprek = c.outcomes.iter().find(|o| o.code == "gesprek").unwrap();
        assert_eq!(gesprek.shortcut, "g");
        assert!(gesprek.reached && gesprek.is_final);
        assert!(c.referral_targets.iter().any(|t| t.code == "few"));
        assert!(c.referral_statuses.iter().any(|t| t.closed));
        assert!(c
            .check_statuses
            .iter()
            .any(|t| t.counts_as == "non_take_up"));
        assert_eq!(c.regulations_year, 2026);
        for level in ["rijk", "gemeente", "fonds"] {
            assert!(c.regulations.iter().any(|r| r.level == level), "{level}");
        }
        assert_eq!(c.areas.iter().filter(|a| a.kind == "wijk").count(), 44);
        assert!(c.map_attribution.contains("CC BY"));
        assert!(!c.disclaimer.is_empty());
    }
}

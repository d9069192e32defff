//! The map's cells: per wijk, the figures the Kaart colours wijken by, taken
//! from that wijk's own profile. The map shows exactly what the wijk's
//! dashboard and PDF show, with the same suppression.

use super::model::{Amount, ReportModel, Section};
use super::{build_each, ProfileError};
use crate::catalog::nijmegen;
use crate::privacy::{Cell, SuppressionPolicy};
use crate::store::Store;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How often a value was named in a wijk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ValueShare {
    pub id: String,
    /// Conversations naming the value.
    pub named: Cell,
    /// Share of the wijk's conversations, when publishable.
    pub named_pct: Option<f64>,
}

/// One wijk on the map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MapCells {
    pub code: String,
    pub name: String,
    pub approached: Cell,
    pub reached: Cell,
    /// Reached as % of approached.
    pub reached_pct: Option<f64>,
    pub conversations: Cell,
    /// Empty when the wijk has too few conversations to show values.
    pub values: Vec<ValueShare>,
    /// Households with a voorzieningencheck (the latest check counts).
    pub checks: Cell,
    /// Estimated yearly value of possible non-take-up per checked household
    /// (whole euros): the profile's published total over its published number
    /// of households, when both are shown and the base is large enough.
    pub potential_per_household: Option<i64>,
}

/// The map cells of one wijk's profile.
pub fn map_cells(m: &ReportModel) -> MapCells {
    let k = &m.key_figures;
    let values = match &m.values {
        Section::Shown(v) => v
            .rows
            .iter()
            .map(|r| ValueShare {
                id: r.id.clone(),
                named: r.named,
                named_pct: r.named_pct,
            })
            .collect(),
        Section::TooFew(_) => Vec::new(),
    };
    let potential_per_household = match (&m.checks, k.checks) {
        (Section::Shown(c), Cell::Value(base)) if base >= m.policy.min_base_for_pct as u64 => {
            match c.total_potential {
                Amount::Eur(eur) => Some((eur as f64 / base as f64).round() as i64),
                Amount::Hidden | Amount::Unknown => None,
            }
        }
        _ => None,
    };
    MapCells {
        code: m.area_code.clone(),
        name: m.area_name.clone(),
        approached: k.approached,
        reached: k.reached,
        reached_pct: k.reached_pct,
        conversations: k.conversations,
        values,
        checks: k.checks,
        potential_per_household,
    }
}

impl MapCells {
    /// A wijk without any data in the period.
    fn empty(code: &str, policy: &SuppressionPolicy) -> MapCells {
        let zero = policy.cell(0);
        MapCells {
            code: code.to_string(),
            name: nijmegen()
                .get(code)
                .map(|a| a.name.clone())
                .unwrap_or_default(),
            approached: zero,
            reached: zero,
            reached_pct: None,
            conversations: zero,
            values: Vec::new(),
            checks: zero,
            potential_per_household: None,
        }
    }
}

/// The cells of every wijk of Nijmegen over an optional period, from one
/// pass of the store.
pub fn map(
    store: &Store,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    policy: &SuppressionPolicy,
) -> Result<Vec<MapCells>, ProfileError> {
    let wijken: Vec<String> = nijmegen().wijken().map(|w| w.code.clone()).collect();
    let models = build_each(store, &wijken, from, to, policy, None)?;
    wijken
        .iter()
        .zip(models)
        .map(|(code, m)| match m {
            Ok(m) => Ok(map_cells(&m)),
            Err(ProfileError::EmptyPeriod { .. }) => Ok(MapCells::empty(code, policy)),
            Err(e) => Err(e),
        })
        .collect()
}

//! Every aggregate that leaves the store: the anonymous area profile as one
//! plain model, [`ReportModel`], with small numbers already suppressed.
//!
//! The PDF (`report`), the app's wijkdashboard, the map's per-wijk cells
//! ([`map_cells`]), the area table (`tables`) and `wwk report --out X.json`
//! all read this model; none of them counts anything itself. Definitions that
//! hold everywhere are in ARCHITECTURE.md ("Profile").
//!
//! [`build`] resolves the request ([`scope`]: area code → wijken, name,
//! campaign, period), reads raw counts per wijk in a handful of queries
//! ([`query`]), adds the wijken of the area up and assembles the model
//! ([`assemble`], pure and unit-tested). [`build_each`] does the same for many
//! areas over one pass of the store.

use crate::error::ErrorCode;

mod accountability;
mod assemble;
mod cells;
pub mod model;
mod query;
mod scope;
mod yields;

pub use cells::{map, map_cells, MapCells, ValueShare};
pub use model::{Level, Period, ReportModel};

#[cfg(test)]
use crate::catalog::CITY;
use crate::privacy::{PrivacyError, SuppressionPolicy};
use crate::store::Store;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `meta` key of the organisation printed on the cover.
const ORGANISATION_KEY: &str = "report.organisation";
const DEFAULT_ORGANISATION: &str = "Bindkracht10";

#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    #[error("onbekend gebied \"{0}\": gebruik een wijkcode (BU0268…), stadsdeelcode (WK0268…) of GM0268 voor heel Nijmegen")]
    UnknownArea(String),
    #[error("ronde niet gevonden ({0})")]
    UnknownCampaign(String),
    #[error(
        "ronde \"{campaign}\" loopt niet in {area}; kies een van de wijken van de ronde: {wijken}"
    )]
    CampaignOutsideArea {
        campaign: String,
        area: String,
        wijken: String,
    },
    #[error("de einddatum ({to}) ligt voor de begindatum ({from})")]
    PeriodReversed { from: NaiveDate, to: NaiveDate },
    #[error("geen gegevens voor {area} in de periode {period}: er zijn geen bezoeken, gesprekken of voorzieningenchecks")]
    EmptyPeriod { area: String, period: String },
    #[error(transparent)]
    Privacy(#[from] PrivacyError),
    #[error(transparent)]
    Domain(#[from] crate::DomainError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

impl From<rusqlite::Error> for ProfileError {
    fn from(e: rusqlite::Error) -> Self {
        ProfileError::Store(e.into())
    }
}

impl ErrorCode for ProfileError {
    fn code(&self) -> &'static str {
        match self {
            ProfileError::UnknownArea(_) => "unknown_area",
            ProfileError::UnknownCampaign(_) => "unknown_campaign",
            ProfileError::CampaignOutsideArea { .. } => "campaign_outside_area",
            ProfileError::PeriodReversed { .. } => "period_reversed",
            ProfileError::EmptyPeriod { .. } => "empty_period",
            ProfileError::Privacy(e) => e.code(),
            ProfileError::Domain(e) => e.code(),
            ProfileError::Store(e) => e.code(),
        }
    }

    fn is_invalid_input(&self) -> bool {
        match self {
            ProfileError::Domain(e) => e.is_invalid_input(),
            ProfileError::Store(_) => false,
            _ => true,
        }
    }
}

/// What to profile. Serialisable so the app can send it as is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReportRequest {
    /// BU0268…, WK0268… or GM0268.
    pub area: String,
    /// Profile one campaign (its wijk must be in `area`).
    #[serde(default)]
    pub campaign: Option<String>,
    /// Defaults to the first day with data (or the campaign's start).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub from: Option<NaiveDate>,
    /// Defaults to the last day with data (or the campaign's end).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub to: Option<NaiveDate>,
    /// Compare with the previous period of the same length.
    #[serde(default)]
    pub compare: bool,
    #[serde(default)]
    pub policy: SuppressionPolicy,
    /// RFC 3339 time printed as "generated on"; `None` means now. Fixed in tests
    /// so the same input gives the same bytes.
    #[serde(default)]
    pub generated_at: Option<String>,
}

impl ReportRequest {
    pub fn for_area(area: &str) -> ReportRequest {
        ReportRequest {
            area: area.to_string(),
            campaign: None,
            from: None,
            to: None,
            compare: false,
            policy: SuppressionPolicy::default(),
            generated_at: None,
        }
    }
}

/// Builds the profile of one area from the store.
pub fn build(store: &Store, req: &ReportRequest) -> Result<ReportModel, ProfileError> {
    req.policy.validate()?;
    let conn = store.conn();
    let scope = scope::resolve(conn, req)?;
    // A stadsdeel or the city reads much of the store: with the app's small
    // page cache every page read again would be decrypted again.
    let _cache = (scope.wijken.len() > 1)
        .then(|| crate::store::BulkCache::raise(conn))
        .transpose()?;
    let raw = query::load(conn, &scope.query())?.total();
    if raw.is_empty() {
        return Err(scope.empty());
    }
    let previous = if req.compare {
        let mut prev = scope.query();
        prev.period = scope.period.previous();
        Some((prev.period, query::load(conn, &prev)?.total()))
    } else {
        None
    };
    let labels = assemble::Labels::load(conn)?;
    let ctx = scope.context(store, req)?;
    Ok(assemble::assemble(&ctx, &labels, &raw, previous.as_ref()))
}

/// The period a profile of `req` covers (the asked one, completed from the
/// data), without counting anything.
pub fn period(store: &Store, req: &ReportRequest) -> Result<Period, ProfileError> {
    req.policy.validate()?;
    Ok(scope::resolve(store.conn(), req)?.period)
}

/// The profiles of many areas (wijken, stadsdelen or the city) over one period
/// and one pass of the store, in the order asked. An area without any data in
/// the period is `Err(EmptyPeriod)`, as [`build`] would say. Without a period,
/// each area's own data range is used, as [`build`] would.
pub fn build_each(
    store: &Store,
    areas: &[String],
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    policy: &SuppressionPolicy,
    generated_at: Option<&str>,
) -> Result<Vec<Result<ReportModel, ProfileError>>, ProfileError> {
    policy.validate()?;
    let conn = store.conn();
    let reqs: Vec<ReportRequest> = areas
        .iter()
        .map(|a| ReportRequest {
            from,
            to,
            policy: *policy,
            generated_at: generated_at.map(str::to_string),
            ..ReportRequest::for_area(a)
        })
        .collect();
    // An area without any data has no default period: it is empty.
    let scopes: Vec<Result<scope::Resolved, ProfileError>> =
        reqs.iter().map(|r| scope::resolve(conn, r)).collect();
    let _cache = crate::store::BulkCache::raise(conn)?;
    // One load per distinct period over the union of the wijken.
    let mut loaded: BTreeMap<(NaiveDate, NaiveDate), query::PerWijk> = BTreeMap::new();
    let periods: Vec<(NaiveDate, NaiveDate)> = scopes
        .iter()
        .flatten()
        .map(|s| (s.period.from, s.period.to))
        .collect();
    for key in periods {
        if loaded.contains_key(&key) {
            continue;
        }
        let mut wijken: Vec<String> = scopes
            .iter()
            .flatten()
            .filter(|o| (o.period.from, o.period.to) == key)
            .flat_map(|o| o.wijken.iter().cloned())
            .collect();
        wijken.sort();
        wijken.dedup();
        let q = query::Scope {
            wijken,
            campaign: None,
            period: Period {
                from: key.0,
                to: key.1,
            },
        };
        loaded.insert(key, query::load(conn, &q)?);
    }
    let labels = assemble::Labels::load(conn)?;
    let mut out = Vec::with_capacity(scopes.len());
    for (s, r) in scopes.into_iter().zip(&reqs) {
        let s = match s {
            Ok(s) => s,
            Err(e @ ProfileError::EmptyPeriod { .. }) => {
                out.push(Err(e));
                continue;
            }
            Err(e) => return Err(e),
        };
        let raw = loaded[&(s.period.from, s.period.to)].sum_of(&s.wijken);
        if raw.is_empty() {
            out.push(Err(s.empty()));
            continue;
        }
        let ctx = s.context(store, r)?;
        out.push(Ok(assemble::assemble(&ctx, &labels, &raw, None)));
    }
    Ok(out)
}

/// The organisation printed on the cover (default Bindkracht10).
pub fn organisation(store: &Store) -> Result<String, ProfileError> {
    Ok(store
        .meta_get(ORGANISATION_KEY)?
        .unwrap_or_else(|| DEFAULT_ORGANISATION.to_string()))
}

pub fn set_organisation(store: &Store, name: &str) -> Result<(), ProfileError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(crate::DomainError::Invalid(
            "de naam van de organisatie moet 1 tot 100 tekens lang zijn".into(),
        )
        .into());
    }
    Ok(store.meta_set(ORGANISATION_KEY, Some(name))?)
}

/// Writes the model as JSON for other tools: a published cell is a number, a
/// withheld one the string "< k" or "x" (see [`crate::privacy::Cell`]).
pub fn to_json(model: &ReportModel) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(model).expect("the model serialises");
    out.push(b'\n');
    out
}

#[cfg(test)]
mod equality_tests;
#[cfg(test)]
mod privacy_tests;
#[cfg(test)]
mod tests;

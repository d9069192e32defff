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
mod ordered;
mod query;
mod raw;
mod scope;
pub mod year;
mod yields;

pub use cells::{map, map_cells, MapCells, ValueShare};
pub use model::{Level, Period, ReportModel};
pub use year::{build_year, YearReport, YearRequest};

#[cfg(test)]
use crate::catalog::CITY;
use crate::privacy::{PrivacyError, SuppressionPolicy};
use crate::store::Store;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

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
    #[error("geen rondes van programma \"{0}\"; geef een ronde dit programma (wwk campaign edit --programme) of kies een ander programma")]
    UnknownProgramme(String),
    #[error("ronde \"{campaign}\" hoort niet bij programma \"{programme}\"")]
    CampaignOutsideProgramme { campaign: String, programme: String },
    #[error("complex niet gevonden ({0}); zie wwk complex list")]
    UnknownComplex(String),
    #[error("complex \"{complex}\" ligt niet in {area}")]
    ComplexOutsideArea { complex: String, area: String },
    #[error(
        "complex \"{complex}\" heeft {households} huishoudens, minder dan {k}: zo klein wordt het \
         niet apart getoond (het valt onder de wijk)"
    )]
    ComplexTooSmall {
        complex: String,
        households: u64,
        k: u32,
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
            ProfileError::UnknownProgramme(_) => "unknown_programme",
            ProfileError::CampaignOutsideProgramme { .. } => "campaign_outside_programme",
            ProfileError::UnknownComplex(_) => "unknown_complex",
            ProfileError::ComplexOutsideArea { .. } => "complex_outside_area",
            ProfileError::ComplexTooSmall { .. } => "complex_too_small",
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

    fn detail(&self) -> Option<String> {
        match self {
            ProfileError::Privacy(e) => e.detail(),
            ProfileError::Domain(e) => e.detail(),
            ProfileError::Store(e) => e.detail(),
            _ => None,
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
    /// Profile the campaigns of one programme ("In de wijk"): only what was
    /// recorded in them.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub programme: Option<String>,
    /// Profile one complex (its wijk must be in `area`): only its households.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub complex: Option<String>,
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
            programme: None,
            complex: None,
            from: None,
            to: None,
            compare: false,
            policy: SuppressionPolicy::default(),
            generated_at: None,
        }
    }
}

/// The raw counts of a scope. A scope read by scanning whole tables
/// ([`query::Access::Scan`]) reads every wijk, as that costs the same, and
/// keeps the counts until the store changes; while they are kept, any scope
/// with the same period and campaign (the city after the map, a stadsdeel
/// after the city) is a sum of kept wijken.
fn load(store: &Store, scope: &query::Scope) -> Result<Arc<raw::PerWijk>, ProfileError> {
    let conn = store.conn();
    let key = format!(
        "profile:{}:{}:{}:{}",
        scope.period.from,
        scope.period.to,
        query::campaigns_json(scope.campaigns.as_deref()).unwrap_or_default(),
        scope.complex.as_deref().unwrap_or("")
    );
    if let Some(kept) = store.memo().get::<raw::PerWijk>(conn, &key)? {
        return Ok(kept);
    }
    match query::access_for(scope) {
        query::Access::Lookup => Ok(Arc::new(query::load(conn, scope, query::Access::Lookup)?)),
        query::Access::Scan => {
            let all = query::Scope {
                wijken: crate::catalog::nijmegen()
                    .wijken()
                    .map(|w| w.code.clone())
                    .collect(),
                ..scope.clone()
            };
            store.memo().get_or(conn, &key, || {
                query::load(conn, &all, query::Access::Scan).map_err(ProfileError::from)
            })
        }
    }
}

/// Builds the profile of one area from the store.
pub fn build(store: &Store, req: &ReportRequest) -> Result<ReportModel, ProfileError> {
    req.policy.validate()?;
    let conn = store.conn();
    let mut scope = scope::resolve(conn, req)?;
    let raw = load(store, &scope.query())?.sum_of(&scope.wijken);
    scope.settle(raw.data_range())?;
    if raw.is_empty() {
        return Err(scope.empty());
    }
    let previous = if req.compare {
        let mut prev = scope.query();
        prev.period = scope.period.previous();
        Some((prev.period, load(store, &prev)?.sum_of(&prev.wijken)))
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
    let mut scope = scope::resolve(store.conn(), req)?;
    scope.settle_from_store(store.conn())?;
    Ok(scope.period)
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
    // Open ends are loaded as far as the data goes and settled per area.
    let scopes: Vec<Result<scope::Resolved, ProfileError>> =
        reqs.iter().map(|r| scope::resolve(conn, r)).collect();
    // One load per distinct period over the union of the wijken.
    let mut loaded: BTreeMap<(NaiveDate, NaiveDate), Arc<raw::PerWijk>> = BTreeMap::new();
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
            campaigns: None,
            complex: None,
            period: Period {
                from: key.0,
                to: key.1,
            },
        };
        loaded.insert(key, load(store, &q)?);
    }
    let labels = assemble::Labels::load(conn)?;
    let mut out = Vec::with_capacity(scopes.len());
    for (s, r) in scopes.into_iter().zip(&reqs) {
        let mut s = s?;
        let raw = loaded[&(s.period.from, s.period.to)].sum_of(&s.wijken);
        // An area without any data has no default period: it is empty.
        if let Err(e) = s.settle(raw.data_range()) {
            out.push(Err(e));
            continue;
        }
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
mod access_tests;
#[cfg(test)]
mod equality_tests;
#[cfg(test)]
mod privacy_tests;
#[cfg(test)]
mod tests;

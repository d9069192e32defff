//! The collective area profile ("wijkprofiel"): an anonymous PDF per campaign,
//! wijk, stadsdeel or the whole city, for any period.
//!
//! [`build`] reads aggregates from the store ([`query`]) and turns them into a
//! [`ReportModel`] with small numbers suppressed ([`assemble`], pure and
//! unit-tested). [`render_pdf`] turns a model into PDF bytes ([`pdf`]); it never
//! touches the store. The cover logo is a setting in the store's `meta` table
//! ([`logo_path`], [`set_logo_path`]).

mod assemble;
pub mod model;
pub mod pdf;
mod query;
mod write;
mod yields;

pub use model::{Level, Period, ReportModel};
pub use pdf::{render_pdf, RenderOptions, RenderProgress};
pub use write::{write_report, ReportWritten};

use crate::catalog::{nijmegen, AreaKind};
use crate::privacy::{PrivacyError, SuppressionPolicy};
use crate::store::Store;
use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The code for the whole city.
pub const CITY: &str = "GM0268";

/// `meta` keys of the report settings.
const LOGO_KEY: &str = "report.logo_path";
const ORGANISATION_KEY: &str = "report.organisation";
const DEFAULT_ORGANISATION: &str = "Bindkracht10";

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
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
    BadPeriod { from: NaiveDate, to: NaiveDate },
    #[error("geen gegevens voor {area} in de periode {period}: er zijn geen bezoeken, gesprekken of voorzieningenchecks")]
    EmptyPeriod { area: String, period: String },
    #[error("het logo kon niet worden gelezen ({path}): {reason}")]
    Logo { path: PathBuf, reason: String },
    #[error("het PDF-bestand kon niet worden gemaakt: {0}")]
    Render(String),
    #[error(transparent)]
    Privacy(#[from] PrivacyError),
    #[error(transparent)]
    Domain(#[from] crate::DomainError),
    #[error("het PDF-bestand kon niet worden opgeslagen in {path}: {reason}")]
    Write { path: PathBuf, reason: String },
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error("Databasefout: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl ReportError {
    pub fn code(&self) -> &'static str {
        match self {
            ReportError::UnknownArea(_) => "unknown_area",
            ReportError::UnknownCampaign(_) => "unknown_campaign",
            ReportError::CampaignOutsideArea { .. } => "campaign_outside_area",
            ReportError::BadPeriod { .. } => "bad_period",
            ReportError::EmptyPeriod { .. } => "empty_period",
            ReportError::Logo { .. } => "logo",
            ReportError::Render(_) => "render",
            ReportError::Write { .. } => "write",
            ReportError::Store(e) => e.code(),
            ReportError::Privacy(e) => e.code(),
            ReportError::Domain(e) => e.code(),
            ReportError::Sqlite(_) => "database",
        }
    }

    /// True for errors caused by the caller's input (CLI exit code 2).
    pub fn is_invalid_input(&self) -> bool {
        match self {
            ReportError::Domain(e) => e.is_invalid_input(),
            ReportError::Render(_) | ReportError::Sqlite(_) | ReportError::Store(_) => false,
            _ => true,
        }
    }
}

/// What to report on. Serialisable so the app can send it as is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportRequest {
    /// BU0268…, WK0268… or GM0268.
    pub area: String,
    /// Report on one campaign (its wijk must be `area`).
    #[serde(default)]
    pub campaign: Option<String>,
    /// Defaults to the first day with data (or the campaign's start).
    #[serde(default)]
    pub from: Option<NaiveDate>,
    /// Defaults to the last day with data (or the campaign's end).
    #[serde(default)]
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

/// Builds the report model from the store.
pub fn build(store: &Store, req: &ReportRequest) -> Result<ReportModel, ReportError> {
    req.policy.validate()?;
    let conn = store.conn();
    let map = nijmegen();
    let area_code = req.area.trim().to_uppercase();
    let wijken_in_area = map
        .wijk_codes_in(&area_code)
        .ok_or_else(|| ReportError::UnknownArea(req.area.clone()))?;
    let (mut level, area_name, parent_name) = if area_code == CITY {
        (Level::City, "Nijmegen".to_string(), None)
    } else {
        let a = map.get(&area_code).expect("known code");
        match a.kind {
            AreaKind::Wijk => (
                Level::Wijk,
                a.name.clone(),
                a.parent_code
                    .as_deref()
                    .and_then(|p| map.get(p))
                    .map(|p| p.name.clone()),
            ),
            AreaKind::Stadsdeel => (Level::Stadsdeel, a.name.clone(), None),
        }
    };
    let mut wijken = wijken_in_area.clone();
    let mut campaign_name = None;
    let mut default_period = None;
    if let Some(id) = &req.campaign {
        let c = crate::domain::campaign::get(conn, id).map_err(|e| match e {
            crate::DomainError::NotFound { .. } => ReportError::UnknownCampaign(id.clone()),
            other => other.into(),
        })?;
        let inside: Vec<String> = c
            .areas
            .iter()
            .filter(|w| wijken_in_area.contains(w))
            .cloned()
            .collect();
        if inside.is_empty() {
            return Err(ReportError::CampaignOutsideArea {
                campaign: c.name.clone(),
                area: area_code.clone(),
                wijken: c.areas.join(", "),
            });
        }
        wijken = inside;
        level = Level::Campaign;
        campaign_name = Some(c.name.clone());
        default_period = Some(Period {
            from: crate::domain::parse_date("begindatum", &c.period_start)?,
            to: crate::domain::parse_date("einddatum", &c.period_end)?,
        });
    }
    let range = query::data_range(conn, &wijken, req.campaign.as_deref())?;
    let fallback = default_period.or(range);
    let period = match (req.from, req.to, fallback) {
        (Some(from), Some(to), _) => Period { from, to },
        (Some(from), None, Some(f)) => Period {
            from,
            to: f.to.max(from),
        },
        (None, Some(to), Some(f)) => Period {
            from: f.from.min(to),
            to,
        },
        (Some(from), None, None) => Period { from, to: from },
        (None, Some(to), None) => Period { from: to, to },
        (None, None, Some(f)) => f,
        (None, None, None) => {
            return Err(ReportError::EmptyPeriod {
                area: format!("{area_name} ({area_code})"),
                period: "(geen)".into(),
            })
        }
    };
    if period.to < period.from {
        return Err(ReportError::BadPeriod {
            from: period.from,
            to: period.to,
        });
    }
    let scope = query::Scope {
        wijken: wijken.clone(),
        campaign: req.campaign.clone(),
        period,
    };
    let raw = query::load(conn, &scope)?;
    if raw.is_empty() {
        return Err(ReportError::EmptyPeriod {
            area: format!("{area_name} ({area_code})"),
            period: period.label(),
        });
    }
    let previous = if req.compare {
        let prev = query::Scope {
            period: period.previous(),
            ..scope.clone()
        };
        Some((prev.period, query::load(conn, &prev)?))
    } else {
        None
    };
    let labels = assemble::Labels::load(conn)?;
    let generated_at = req
        .generated_at
        .clone()
        .unwrap_or_else(crate::util::now_rfc3339);
    let ctx = assemble::Context {
        level,
        area_code,
        area_name,
        parent_name,
        campaign_name,
        period,
        wijken,
        organisation: organisation(store)?,
        team: store.profile().team.clone(),
        generated_at,
        policy: req.policy,
    };
    Ok(assemble::assemble(&ctx, &labels, &raw, previous.as_ref()))
}

/// Builds the model and renders it: what the CLI and the app call.
pub fn generate(
    store: &Store,
    req: &ReportRequest,
    opts: &RenderOptions,
    progress: &mut dyn FnMut(RenderProgress),
) -> Result<(ReportModel, Vec<u8>), ReportError> {
    progress(RenderProgress::new(0, "Gegevens verzamelen"));
    let model = build(store, req)?;
    let bytes = render_pdf(&model, opts, progress)?;
    Ok((model, bytes))
}

fn meta_get(store: &Store, key: &str) -> Result<Option<String>, ReportError> {
    Ok(store
        .conn()
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

fn meta_set(store: &Store, key: &str, value: Option<&str>) -> Result<(), ReportError> {
    match value {
        Some(v) => store.conn().execute(
            "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, v),
        )?,
        None => store
            .conn()
            .execute("DELETE FROM meta WHERE key = ?1", [key])?,
    };
    Ok(())
}

/// The configured cover logo (PNG or JPEG), if any.
pub fn logo_path(store: &Store) -> Result<Option<PathBuf>, ReportError> {
    Ok(meta_get(store, LOGO_KEY)?.map(PathBuf::from))
}

/// Sets or clears the cover logo. The file must be a readable PNG or JPEG.
pub fn set_logo_path(store: &Store, path: Option<&Path>) -> Result<(), ReportError> {
    if let Some(p) = path {
        pdf::load_logo(p)?;
    }
    let s = path.map(|p| p.to_string_lossy().into_owned());
    meta_set(store, LOGO_KEY, s.as_deref())
}

/// The organisation printed on the cover (default Bindkracht10).
pub fn organisation(store: &Store) -> Result<String, ReportError> {
    Ok(meta_get(store, ORGANISATION_KEY)?.unwrap_or_else(|| DEFAULT_ORGANISATION.to_string()))
}

pub fn set_organisation(store: &Store, name: &str) -> Result<(), ReportError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(crate::DomainError::Invalid(
            "de naam van de organisatie moet 1 tot 100 tekens lang zijn".into(),
        )
        .into());
    }
    meta_set(store, ORGANISATION_KEY, Some(name))
}

#[cfg(test)]
mod tests;

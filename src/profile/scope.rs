//! What a profile covers: an area code resolved to its wijken and name, an
//! optional campaign (which narrows the wijken and gives a default period),
//! and the period, completed from the data where the request leaves it open.

use super::model::{Level, Period};
use super::{assemble, query, ProfileError, ReportRequest};
use crate::catalog::{nijmegen, AreaKind, CITY};
use crate::store::Store;
use rusqlite::Connection;

/// A request resolved against the map and the store.
#[derive(Debug, Clone)]
pub(super) struct Resolved {
    pub level: Level,
    pub area_code: String,
    pub area_name: String,
    pub parent_name: Option<String>,
    pub wijken: Vec<String>,
    pub campaign: Option<String>,
    pub campaign_name: Option<String>,
    pub period: Period,
}

pub(super) fn resolve(conn: &Connection, req: &ReportRequest) -> Result<Resolved, ProfileError> {
    let map = nijmegen();
    let area_code = req.area.trim().to_uppercase();
    let wijken_in_area = map
        .wijk_codes_in(&area_code)
        .ok_or_else(|| ProfileError::UnknownArea(req.area.clone()))?;
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
            crate::DomainError::NotFound { .. } => ProfileError::UnknownCampaign(id.clone()),
            other => other.into(),
        })?;
        let inside: Vec<String> = c
            .areas
            .iter()
            .filter(|w| wijken_in_area.contains(w))
            .cloned()
            .collect();
        if inside.is_empty() {
            return Err(ProfileError::CampaignOutsideArea {
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
    let fallback = match default_period {
        Some(p) => Some(p),
        None => query::data_range(conn, &wijken, req.campaign.as_deref())?,
    };
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
            return Err(ProfileError::EmptyPeriod {
                area: format!("{area_name} ({area_code})"),
                period: "(geen)".into(),
            })
        }
    };
    if period.to < period.from {
        return Err(ProfileError::PeriodReversed {
            from: period.from,
            to: period.to,
        });
    }
    Ok(Resolved {
        level,
        area_code,
        area_name,
        parent_name,
        wijken,
        campaign: req.campaign.clone(),
        campaign_name,
        period,
    })
}

impl Resolved {
    pub fn query(&self) -> query::Scope {
        query::Scope {
            wijken: self.wijken.clone(),
            campaign: self.campaign.clone(),
            period: self.period,
        }
    }

    pub fn empty(&self) -> ProfileError {
        ProfileError::EmptyPeriod {
            area: format!("{} ({})", self.area_name, self.area_code),
            period: self.period.label(),
        }
    }

    pub fn context(
        &self,
        store: &Store,
        req: &ReportRequest,
    ) -> Result<assemble::Context, ProfileError> {
        Ok(assemble::Context {
            level: self.level,
            area_code: self.area_code.clone(),
            area_name: self.area_name.clone(),
            parent_name: self.parent_name.clone(),
            campaign_name: self.campaign_name.clone(),
            period: self.period,
            wijken: self.wijken.clone(),
            organisation: super::organisation(store)?,
            team: store.profile().team.clone(),
            generated_at: req
                .generated_at
                .clone()
                .unwrap_or_else(crate::util::now_rfc3339),
            policy: req.policy,
        })
    }
}

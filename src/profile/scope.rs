//! What a profile covers: an area code resolved to its wijken and name, an
//! optional campaign (which narrows the wijken and gives a default period),
//! and the period, completed from the data where the request leaves it open.

use super::model::{Level, Period};
use super::{assemble, query, ProfileError, ReportRequest};
use crate::catalog::{nijmegen, AreaKind, CITY};
use crate::store::Store;
use chrono::NaiveDate;
use rusqlite::Connection;

/// A request resolved against the map and the store.
#[derive(Debug, Clone)]
pub(super) struct Resolved {
    pub level: Level,
    pub area_code: String,
    pub area_name: String,
    pub parent_name: Option<String>,
    pub wijken: Vec<String>,
    /// One campaign, or those of a programme (`None`: every record).
    pub campaigns: Option<Vec<String>>,
    pub campaign_name: Option<String>,
    pub complex: Option<String>,
    /// The period; an open end (`open_from`/`open_to`) is the load window
    /// until [`Resolved::settle`] closes it.
    pub period: Period,
    pub open_from: bool,
    pub open_to: bool,
}

pub(super) fn resolve(conn: &Connection, req: &ReportRequest) -> Result<Resolved, ProfileError> {
    let map = nijmegen();
    let mut area_code = req.area.trim().to_uppercase();
    let wijken_in_area = map
        .wijk_codes_in(&area_code)
        .ok_or_else(|| ProfileError::UnknownArea(req.area.clone()))?;
    let (mut level, mut area_name, mut parent_name) = if area_code == CITY {
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
    let mut campaigns = req.campaign.clone().map(|c| vec![c]);
    if let Some(p) = &req.programme {
        let of = crate::domain::programme::campaigns_of(conn, p)?;
        if of.is_empty() {
            return Err(ProfileError::UnknownProgramme(p.trim().to_string()));
        }
        campaigns = Some(match campaigns {
            Some(one) if !of.contains(&one[0]) => {
                return Err(ProfileError::CampaignOutsideProgramme {
                    campaign: campaign_name.unwrap_or_default(),
                    programme: p.trim().to_string(),
                })
            }
            Some(one) => one,
            None => of,
        });
    }
    let mut complex = None;
    if let Some(id) = &req.complex {
        let c = crate::domain::complex::get(conn, id).map_err(|e| match e {
            crate::DomainError::NotFound { .. } => ProfileError::UnknownComplex(id.clone()),
            other => other.into(),
        })?;
        if !wijken.contains(&c.wijk_code) {
            return Err(ProfileError::ComplexOutsideArea {
                complex: c.name,
                area: format!("{area_name} ({area_code})"),
            });
        }
        // A complex is a small area: below k households it is not shown on
        // its own (its households still count in the wijk).
        if c.households < u64::from(req.policy.k) {
            return Err(ProfileError::ComplexTooSmall {
                complex: c.name,
                households: c.households,
                k: req.policy.k,
            });
        }
        level = Level::Complex;
        parent_name = map.get(&c.wijk_code).map(|w| w.name.clone());
        area_name = c.name.clone();
        area_code = c.wijk_code.clone();
        wijken = vec![c.wijk_code.clone()];
        complex = Some(c.id);
    }
    // An open end is loaded as far as the data goes and settled from what the
    // load found ([`Resolved::settle`]): no separate pass over the store.
    let (from, to) = match (req.from, req.to, default_period) {
        (None, None, Some(p)) => (Some(p.from), Some(p.to)),
        (Some(from), None, Some(p)) => (Some(from), Some(p.to.max(from))),
        (None, Some(to), Some(p)) => (Some(p.from.min(to)), Some(to)),
        (from, to, _) => (from, to),
    };
    if let (Some(from), Some(to)) = (from, to) {
        if to < from {
            return Err(ProfileError::PeriodReversed { from, to });
        }
    }
    let period = Period {
        from: from.unwrap_or(OPEN_FROM),
        to: to.unwrap_or(OPEN_TO),
    };
    Ok(Resolved {
        level,
        area_code,
        area_name,
        parent_name,
        wijken,
        campaigns,
        campaign_name,
        complex,
        period,
        open_from: from.is_none(),
        open_to: to.is_none(),
    })
}

/// The load window of an open end: before and after any day in the store.
const OPEN_FROM: NaiveDate = NaiveDate::from_ymd_opt(1, 1, 1).expect("valid date");
const OPEN_TO: NaiveDate = NaiveDate::from_ymd_opt(9999, 12, 31).expect("valid date");

impl Resolved {
    /// Closes open ends from the data found in the scope: both open is the
    /// first to the last day with data; one open end reaches the data on that
    /// side, or the given day when there is none. With no data and no end
    /// given there is no period: [`ProfileError::EmptyPeriod`].
    pub fn settle(&mut self, range: Option<Period>) -> Result<(), ProfileError> {
        let Period { from, to } = self.period;
        self.period = match (self.open_from, self.open_to, range) {
            (false, false, _) => return Ok(()),
            (true, true, Some(r)) => r,
            (true, true, None) => {
                return Err(ProfileError::EmptyPeriod {
                    area: format!("{} ({})", self.area_name, self.area_code),
                    period: "(geen)".into(),
                })
            }
            (false, true, r) => Period {
                from,
                to: r.map_or(from, |r| r.to.max(from)),
            },
            (true, false, r) => Period {
                from: r.map_or(to, |r| r.from.min(to)),
                to,
            },
        };
        self.open_from = false;
        self.open_to = false;
        Ok(())
    }

    /// Settles open ends from the store's days without counting anything.
    pub fn settle_from_store(&mut self, conn: &Connection) -> Result<(), ProfileError> {
        if self.open_from || self.open_to {
            let range = query::data_range(
                conn,
                &self.wijken,
                self.campaigns.as_deref(),
                self.complex.as_deref(),
            )?;
            self.settle(range)?;
        }
        Ok(())
    }

    pub fn query(&self) -> query::Scope {
        query::Scope {
            wijken: self.wijken.clone(),
            campaigns: self.campaigns.clone(),
            period: self.period,
            complex: self.complex.clone(),
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

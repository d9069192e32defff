//! Campaigns (rondes / "In de wijk"-inzetten): name, areas, period, team, goal,
//! and the addresses on their walk list.

use super::address::Address;
use super::household::{self, AddressInput};
use super::{parse_date, require_live, text, DomainError};
use crate::store::{Stamp, Store};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CampaignInput {
    /// Set to update an existing campaign.
    #[serde(default)]
    pub id: Option<String>,
    pub name: String,
    #[serde(default)]
    pub team: String,
    #[serde(default)]
    pub goal: u32,
    /// `YYYY-MM-DD`
    pub period_start: String,
    /// `YYYY-MM-DD`
    pub period_end: String,
    /// Wijk codes (BU…) the campaign covers.
    pub areas: Vec<String>,
    #[serde(default)]
    pub complex_id: Option<String>,
    /// Target band for "% in gesprek" (reached / approached).
    #[serde(default)]
    pub reach_band: ReachBand,
    /// The programme the campaign counts for in the year report ("In de
    /// wijk"); empty for none.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub programme: Option<String>,
}

/// A target band for the share of approached households spoken to; the
/// funder's default is 50–60 %.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReachBand {
    pub min_pct: u8,
    pub max_pct: u8,
}

impl Default for ReachBand {
    fn default() -> Self {
        ReachBand {
            min_pct: 50,
            max_pct: 60,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Campaign {
    pub id: String,
    pub name: String,
    pub team: String,
    pub goal: u32,
    pub period_start: String,
    pub period_end: String,
    pub areas: Vec<String>,
    pub complex_id: Option<String>,
    pub reach_band: ReachBand,
    pub programme: Option<String>,
    pub updated_at: String,
}

/// Progress on the walk list: households on it, approached, reached, follow-ups.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CampaignProgress {
    pub households: u32,
    pub approached: u32,
    pub reached: u32,
    pub follow_ups: u32,
    pub goal: u32,
}

/// A campaign with its progress, as the Rondes screen lists it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CampaignSummary {
    pub campaign: Campaign,
    pub progress: CampaignProgress,
}

/// One page of the campaign list (newest period first). Progress is computed
/// only for the campaigns on the page: at city scale there are hundreds of
/// campaigns and each one's progress is a pass over its walk list.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CampaignPage {
    /// Live campaigns in the store.
    pub total: u32,
    /// Position of the first item in the whole list.
    pub offset: u32,
    pub items: Vec<CampaignSummary>,
}

/// Most campaigns on one page.
pub const MAX_PAGE: u32 = 100;

pub fn save(
    conn: &Connection,
    stamp: &Stamp,
    input: &CampaignInput,
) -> Result<String, DomainError> {
    let name = text("naam", &input.name, 200)?;
    if name.is_empty() {
        return Err(DomainError::Invalid("geef de ronde een naam".into()));
    }
    let team = text("team", &input.team, 100)?;
    let start = parse_date("begindatum", &input.period_start)?;
    let end = parse_date("einddatum", &input.period_end)?;
    if end < start {
        return Err(DomainError::Invalid(
            "de einddatum ligt voor de begindatum".into(),
        ));
    }
    if input.areas.is_empty() {
        return Err(DomainError::Invalid("kies minstens één wijk".into()));
    }
    for a in &input.areas {
        super::require_wijk(conn, a)?;
    }
    if let Some(c) = &input.complex_id {
        let complex = super::complex::get(conn, c)?;
        if !input.areas.contains(&complex.wijk_code) {
            return Err(DomainError::Invalid(format!(
                "het complex \"{}\" ligt niet in de wijk van de ronde",
                complex.name
            )));
        }
    }
    let band = input.reach_band;
    if band.min_pct > band.max_pct || band.max_pct > 100 {
        return Err(DomainError::Invalid(format!(
            "doel % in gesprek: {}–{} % is geen geldige band (van 0 tot 100, ondergrens niet boven bovengrens)",
            band.min_pct, band.max_pct
        )));
    }
    let programme = super::programme::name(input.programme.as_deref())?;
    let areas = serde_json::to_string(&input.areas).expect("strings serialise");
    match &input.id {
        None => {
            conn.execute(
                "INSERT INTO campaign(id, created_at, updated_at, device_id, author, name, team, goal, period_start, period_end,
                   complex_id, areas, reach_min_pct, reach_max_pct, programme)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                params![stamp.id, stamp.created_at, stamp.hlc, stamp.device_id, stamp.author, name, team, input.goal,
                    start.to_string(), end.to_string(), input.complex_id, areas, band.min_pct, band.max_pct, programme],
            )?;
            Ok(stamp.id.clone())
        }
        Some(id) => {
            require_live(conn, "campaign", "ronde", id)?;
            conn.execute(
                "UPDATE campaign SET updated_at = ?2, device_id = ?3, author = ?4, name = ?5, team = ?6, goal = ?7,
                   period_start = ?8, period_end = ?9, complex_id = ?10, areas = ?11, reach_min_pct = ?12,
                   reach_max_pct = ?13, programme = ?14 WHERE id = ?1",
                params![id, stamp.hlc, stamp.device_id, stamp.author, name, team, input.goal, start.to_string(),
                    end.to_string(), input.complex_id, areas, band.min_pct, band.max_pct, programme],
            )?;
            Ok(id.clone())
        }
    }
}

/// Puts households on the campaign's walk list (creating them if needed);
/// addresses already on the list are skipped. Returns how many were added.
/// When the campaign targets a complex, its households belong to it (a
/// household already in another complex keeps that one).
pub fn add_addresses(
    conn: &Connection,
    stamp: &mut dyn FnMut() -> Stamp,
    campaign_id: &str,
    wijk_code: &str,
    postcode: Option<&str>,
    addresses: &[Address],
) -> Result<u32, DomainError> {
    require_live(conn, "campaign", "ronde", campaign_id)?;
    let complex: Option<String> = conn
        .query_row(
            "SELECT c.complex_id FROM campaign c JOIN complex x ON x.id = c.complex_id
             WHERE c.id = ?1 AND x.wijk_code = ?2 AND x.deleted = 0",
            [campaign_id, wijk_code],
            |r| r.get(0),
        )
        .optional()?;
    let mut added = 0;
    for a in addresses {
        let s = stamp();
        let hh = household::find_or_create(
            conn,
            &s,
            &AddressInput {
                wijk_code: wijk_code.to_string(),
                complex_id: complex.clone(),
                street: Some(a.street.clone()),
                number: Some(a.number),
                addition: a.addition.clone(),
                postcode: postcode.map(str::to_string),
            },
        )?;
        if let Some(cx) = &complex {
            let s = stamp();
            conn.prepare_cached(
                "UPDATE household SET complex_id = ?2, updated_at = ?3, device_id = ?4, author = ?5
                 WHERE id = ?1 AND complex_id IS NULL",
            )?
            .execute(params![hh, cx, s.hlc, s.device_id, s.author])?;
        }
        let on_list: Option<i64> = conn
            .prepare_cached("SELECT 1 FROM campaign_address WHERE campaign_id = ?1 AND household_id = ?2 AND deleted = 0")?
            .query_row([campaign_id, &hh], |r| r.get(0))
            .optional()?;
        if on_list.is_none() {
            let s = stamp();
            conn.prepare_cached(
                "INSERT INTO campaign_address(id, created_at, updated_at, device_id, author, campaign_id, household_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![s.id, s.created_at, s.hlc, s.device_id, s.author, campaign_id, hh])?;
            added += 1;
        }
    }
    Ok(added)
}

/// Puts every household of the campaign's complex on its walk list (those
/// already on it are skipped). Returns how many were added.
pub fn add_complex_addresses(
    conn: &Connection,
    stamp: &mut dyn FnMut() -> Stamp,
    campaign_id: &str,
) -> Result<u32, DomainError> {
    require_live(conn, "campaign", "ronde", campaign_id)?;
    let complex: Option<String> = conn.query_row(
        "SELECT complex_id FROM campaign WHERE id = ?1",
        [campaign_id],
        |r| r.get(0),
    )?;
    let Some(complex) = complex else {
        return Err(DomainError::Invalid(
            "deze ronde heeft geen complex; kies er een bij Bewerken".into(),
        ));
    };
    let households: Vec<String> = conn
        .prepare(
            "SELECT h.id FROM household h WHERE h.complex_id = ?1 AND h.deleted = 0
               AND NOT EXISTS (SELECT 1 FROM campaign_address ca
                               WHERE ca.campaign_id = ?2 AND ca.household_id = h.id AND ca.deleted = 0)
             ORDER BY h.street, h.number, h.addition",
        )?
        .query_map([&complex, campaign_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    if households.is_empty() && super::complex::get(conn, &complex)?.households == 0 {
        return Err(DomainError::Invalid(
            "het complex heeft nog geen adressen; wijs ze eerst toe (postcode en huisnummers)"
                .into(),
        ));
    }
    for hh in &households {
        let s = stamp();
        conn.prepare_cached(
            "INSERT INTO campaign_address(id, created_at, updated_at, device_id, author, campaign_id, household_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![s.id, s.created_at, s.hlc, s.device_id, s.author, campaign_id, hh])?;
    }
    Ok(households.len() as u32)
}

const COLUMNS: &str =
    "id, name, team, goal, period_start, period_end, areas, complex_id, updated_at, reach_min_pct, reach_max_pct, programme";

fn from_row(r: &Row) -> rusqlite::Result<Campaign> {
    let areas: String = r.get(6)?;
    Ok(Campaign {
        id: r.get(0)?,
        name: r.get(1)?,
        team: r.get(2)?,
        goal: r.get(3)?,
        period_start: r.get(4)?,
        period_end: r.get(5)?,
        areas: serde_json::from_str(&areas).unwrap_or_default(),
        complex_id: r.get(7)?,
        updated_at: r.get(8)?,
        reach_band: match (r.get::<_, Option<u8>>(9)?, r.get::<_, Option<u8>>(10)?) {
            (Some(min_pct), Some(max_pct)) => ReachBand { min_pct, max_pct },
            _ => ReachBand::default(),
        },
        programme: r.get(11)?,
    })
}

pub fn get(conn: &Connection, id: &str) -> Result<Campaign, DomainError> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM campaign WHERE id = ?1 AND deleted = 0"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| DomainError::NotFound {
        what: "ronde",
        id: id.to_string(),
    })
}

pub fn progress(conn: &Connection, id: &str) -> Result<CampaignProgress, DomainError> {
    let c = get(conn, id)?;
    let (households, approached, reached): (u32, u32, u32) = conn.query_row(
        "SELECT count(*),
                count(*) FILTER (WHERE EXISTS (SELECT 1 FROM visit v JOIN outcome_code o ON o.code = v.outcome
                    WHERE v.household_id = ca.household_id AND v.campaign_id = ca.campaign_id AND v.deleted = 0 AND o.approached = 1)),
                count(*) FILTER (WHERE EXISTS (SELECT 1 FROM visit v JOIN outcome_code o ON o.code = v.outcome
                    WHERE v.household_id = ca.household_id AND v.campaign_id = ca.campaign_id AND v.deleted = 0 AND o.reached = 1))
         FROM campaign_address ca WHERE ca.campaign_id = ?1 AND ca.deleted = 0",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let follow_ups: u32 = conn.query_row(
        // Households, as everywhere (a conversation without one counts as one).
        "SELECT count(DISTINCT coalesce(household_id, id)) FROM conversation
         WHERE campaign_id = ?1 AND deleted = 0 AND follow_up_wanted = 1",
        [id],
        |r| r.get(0),
    )?;
    Ok(CampaignProgress {
        households,
        approached,
        reached,
        follow_ups,
        goal: c.goal,
    })
}

impl Store {
    pub fn save_campaign(&mut self, input: &CampaignInput) -> Result<Campaign, DomainError> {
        let id = self.write(|tx, st| save(tx, &st.stamp(), input))?;
        get(self.conn(), &id)
    }

    pub fn campaign(&self, id: &str) -> Result<Campaign, DomainError> {
        get(self.conn(), id)
    }

    pub fn campaigns(&self) -> Result<Vec<Campaign>, DomainError> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {COLUMNS} FROM campaign WHERE deleted = 0 ORDER BY period_start DESC, name, id"
        ))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn campaign_progress(&self, id: &str) -> Result<CampaignProgress, DomainError> {
        progress(self.conn(), id)
    }

    /// A page of `limit` campaigns (at most [`MAX_PAGE`]) with their progress,
    /// starting at `offset`; with `focus`, the page that holds that campaign
    /// instead (for instance one just created).
    pub fn campaign_page(
        &self,
        offset: u32,
        limit: u32,
        focus: Option<&str>,
    ) -> Result<CampaignPage, DomainError> {
        let conn = self.conn();
        let limit = limit.clamp(1, MAX_PAGE);
        let total: u32 =
            conn.query_row("SELECT count(*) FROM campaign WHERE deleted = 0", [], |r| {
                r.get(0)
            })?;
        let mut offset = offset.min(total.saturating_sub(1) / limit * limit);
        if let Some(id) = focus {
            let c = get(conn, id)?;
            let before: u32 = conn.query_row(
                "SELECT count(*) FROM campaign WHERE deleted = 0 AND (period_start > ?1
                   OR (period_start = ?1 AND (name < ?2 OR (name = ?2 AND id < ?3))))",
                params![c.period_start, c.name, c.id],
                |r| r.get(0),
            )?;
            offset = before / limit * limit;
        }
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS} FROM campaign WHERE deleted = 0
             ORDER BY period_start DESC, name, id LIMIT ?1 OFFSET ?2"
        ))?;
        let page = stmt
            .query_map([limit, offset], from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        let items = page
            .into_iter()
            .map(|campaign| {
                let progress = progress(conn, &campaign.id)?;
                Ok(CampaignSummary { campaign, progress })
            })
            .collect::<Result<_, DomainError>>()?;
        Ok(CampaignPage {
            total,
            offset,
            items,
        })
    }

    /// Adds a typed address range ("Meijhorst 1-120 even") to a campaign's walk list.
    /// See [`add_complex_addresses`].
    pub fn add_complex_addresses(&mut self, campaign_id: &str) -> Result<u32, DomainError> {
        self.write(|tx, st| add_complex_addresses(tx, &mut || st.stamp(), campaign_id))
    }

    pub fn add_address_range(
        &mut self,
        campaign_id: &str,
        wijk_code: &str,
        range: &str,
        postcode: Option<&str>,
    ) -> Result<u32, DomainError> {
        let addresses = super::address::parse_range(range)?;
        self.write(|tx, st| {
            add_addresses(
                tx,
                &mut || st.stamp(),
                campaign_id,
                wijk_code,
                postcode,
                &addresses,
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str, start: &str) -> CampaignInput {
        CampaignInput {
            id: None,
            name: name.into(),
            team: String::new(),
            goal: 10,
            period_start: start.into(),
            period_end: "2026-12-31".into(),
            areas: vec!["BU02680733".into()],
            complex_id: None,
            reach_band: Default::default(),
            programme: None,
        }
    }

    #[test]
    fn campaign_pages_list_newest_first_and_find_a_focused_campaign() {
        let (_dir, mut s) = crate::testutil::temp_store();
        let mut ids = Vec::new();
        for month in 1..=7 {
            let c = s
                .save_campaign(&input(
                    &format!("Ronde {month}"),
                    &format!("2026-{month:02}-01"),
                ))
                .unwrap();
            ids.push(c.id);
        }
        s.add_address_range(&ids[0], "BU02680733", "Meijhorst 1-9 oneven", None)
            .unwrap();

        let first = s.campaign_page(0, 3, None).unwrap();
        assert_eq!(first.total, 7);
        assert_eq!(first.offset, 0);
        let names: Vec<_> = first
            .items
            .iter()
            .map(|i| i.campaign.name.as_str())
            .collect();
        assert_eq!(names, ["Ronde 7", "Ronde 6", "Ronde 5"]);

        // The oldest campaign is on the last page, with its own progress.
        let page = s.campaign_page(0, 3, Some(&ids[0])).unwrap();
        assert_eq!(page.offset, 6);
        assert_eq!(page.items.len(), 1);
        assert_eq!(page.items[0].campaign.id, ids[0]);
        assert_eq!(page.items[0].progress.households, 5);

        // An offset past the end shows the last page; the limit is bounded.
        assert_eq!(s.campaign_page(50, 3, None).unwrap().offset, 6);
        assert_eq!(s.campaign_page(0, 0, None).unwrap().items.len(), 1);
        assert_eq!(s.campaign_page(0, 10_000, None).unwrap().items.len(), 7);
        assert!(matches!(
            s.campaign_page(0, 3, Some("geen-ronde")),
            Err(DomainError::NotFound { .. })
        ));
    }
}

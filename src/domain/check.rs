//! The voorzieningencheck: per household and date, a quick screen and a status
//! per regulation, with estimated yearly yields. Outcomes are indications only.

use super::check_action::{actions, CheckAction};
use super::check_step::{steps, CheckStep};
use super::{parse_date, require_live, require_wijk, DomainError};
use crate::catalog::{regulations_in_store, ScreenInput};
use crate::store::{Stamp, Store};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheckItemInput {
    pub regulation_id: String,
    /// Status code from the codes catalogue (e.g. `mogelijk_recht`).
    pub status: String,
    /// Overrides the catalogue estimate (whole euros per year).
    #[serde(default)]
    pub estimated_yearly_eur: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheckInput {
    #[serde(default)]
    pub id: Option<String>,
    pub household_id: String,
    #[serde(default)]
    pub conversation_id: Option<String>,
    /// `YYYY-MM-DD`
    pub checked_on: String,
    pub screen: ScreenInput,
    pub items: Vec<CheckItemInput>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheckItem {
    pub regulation_id: String,
    /// The current status: the latest step, or else the status found at the check.
    pub status: String,
    /// Date of the latest step (`None`: the status is the one found at the check).
    pub status_on: Option<String>,
    /// The status found at the check itself.
    pub checked_status: String,
    /// The quick screen indicates a possible entitlement ("mogelijk recht").
    pub screen_possible: bool,
    /// The catalogue's estimate ("schatting"), never added to granted amounts.
    pub estimated_yearly_eur: Option<i64>,
    /// The real granted amount as € per year, when the current status is granted.
    pub granted_yearly_eur: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Check {
    pub id: String,
    pub household_id: String,
    pub conversation_id: Option<String>,
    pub wijk_code: String,
    pub checked_on: String,
    pub screen: ScreenInput,
    pub catalog_year: i32,
    pub items: Vec<CheckItem>,
    /// Every step after the check, oldest first.
    pub steps: Vec<CheckStep>,
    /// Debts, budget plan, benefit application, handover to the FEW.
    pub actions: Vec<CheckAction>,
}

/// A household's check, for reopening it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheckSummary {
    pub id: String,
    pub checked_on: String,
    /// Date of the latest step, or the check's own date.
    pub last_step_on: String,
    /// Items whose current status is an application without a decision.
    pub pending: u32,
}

/// One line of a quick screen: the indication and estimate for a regulation.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScreenResult {
    pub regulation_id: String,
    pub name: String,
    pub level: String,
    pub possible: bool,
    pub estimated_yearly_eur: Option<i64>,
    pub estimate_note: String,
    pub source: String,
}

/// Runs the quick screen against the store's regulations catalogue.
pub fn screen(conn: &Connection, input: &ScreenInput) -> Result<Vec<ScreenResult>, DomainError> {
    let cat = regulations_in_store(conn)?;
    cat.check_input(input).map_err(DomainError::Invalid)?;
    Ok(cat
        .regulations
        .iter()
        .map(|r| ScreenResult {
            regulation_id: r.id.clone(),
            name: r.name.clone(),
            level: r.level.clone(),
            possible: cat.screen(r, input),
            estimated_yearly_eur: cat.estimate(r, input),
            estimate_note: r.estimate.note.clone(),
            source: format!("{} ({})", r.estimate.source, r.estimate.year),
        })
        .collect())
}

/// Statuses whose yield counts (the household gets, or may get, the money).
fn status_has_yield(conn: &Connection, status: &str) -> Result<bool, DomainError> {
    let counts_as: Option<String> = conn
        .prepare_cached("SELECT counts_as FROM check_status WHERE code = ?1")?
        .query_row([status], |r| r.get(0))
        .optional()?;
    match counts_as {
        None => Err(DomainError::UnknownCode {
            what: "status",
            code: status.to_string(),
        }),
        Some(c) => Ok(matches!(c.as_str(), "non_take_up" | "applied" | "granted")),
    }
}

pub fn save(conn: &Connection, stamp: &Stamp, input: &CheckInput) -> Result<String, DomainError> {
    require_live(conn, "household", "huishouden", &input.household_id)?;
    if let Some(c) = &input.conversation_id {
        require_live(conn, "conversation", "gesprek", c)?;
    }
    let wijk: String = conn.query_row(
        "SELECT wijk_code FROM household WHERE id = ?1",
        [&input.household_id],
        |r| r.get(0),
    )?;
    require_wijk(conn, &wijk)?;
    let checked_on = parse_date("datum check", &input.checked_on)?.to_string();
    let cat = regulations_in_store(conn)?;
    cat.check_input(&input.screen)
        .map_err(DomainError::Invalid)?;
    let mut seen = std::collections::HashSet::new();
    let mut items = Vec::new();
    for it in &input.items {
        let reg = cat
            .regulation(&it.regulation_id)
            .ok_or_else(|| DomainError::UnknownCode {
                what: "regeling",
                code: it.regulation_id.clone(),
            })?;
        if !seen.insert(&it.regulation_id) {
            return Err(DomainError::Invalid(format!(
                "regeling \"{}\" staat twee keer in de check",
                reg.name
            )));
        }
        if let Some(e) = it.estimated_yearly_eur {
            if !(0..=100_000).contains(&e) {
                return Err(DomainError::Invalid(format!(
                    "{}: bedrag {e} is onwaarschijnlijk",
                    reg.name
                )));
            }
        }
        let estimate = if status_has_yield(conn, &it.status)? {
            it.estimated_yearly_eur
                .or_else(|| cat.estimate(reg, &input.screen))
        } else {
            None
        };
        items.push((it, cat.screen(reg, &input.screen), estimate));
    }
    let s = &input.screen;
    let id = match &input.id {
        None => {
            conn.prepare_cached(
                "INSERT INTO benefit_check(id, created_at, updated_at, device_id, author, household_id, conversation_id,
                   wijk_code, checked_on, household_type, age_group, income_band, rent_band, children, catalog_year)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )?
            .execute(params![stamp.id, stamp.created_at, stamp.hlc, stamp.device_id, stamp.author, input.household_id,
                input.conversation_id, wijk, checked_on, s.household_type, s.age_group, s.income_band, s.rent_band,
                s.children, cat.year])?;
            stamp.id.clone()
        }
        Some(id) => {
            require_live(conn, "benefit_check", "voorzieningencheck", id)?;
            conn.prepare_cached(
                "UPDATE benefit_check SET updated_at = ?2, device_id = ?3, author = ?4, household_id = ?5, conversation_id = ?6,
                   wijk_code = ?7, checked_on = ?8, household_type = ?9, age_group = ?10, income_band = ?11, rent_band = ?12,
                   children = ?13, catalog_year = ?14 WHERE id = ?1",
            )?
            .execute(params![id, stamp.hlc, stamp.device_id, stamp.author, input.household_id, input.conversation_id,
                wijk, checked_on, s.household_type, s.age_group, s.income_band, s.rent_band, s.children, cat.year])?;
            conn.prepare_cached("DELETE FROM check_item WHERE check_id = ?1")?
                .execute([id])?;
            id.clone()
        }
    };
    let mut stmt = conn.prepare_cached(
        "INSERT INTO check_item(check_id, regulation_id, status, screen_possible, estimated_yearly_eur) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (it, possible, estimate) in items {
        stmt.execute(params![id, it.regulation_id, it.status, possible, estimate])?;
    }
    super::household::touch(conn, &input.household_id, &checked_on)?;
    Ok(id)
}

pub fn get(conn: &Connection, id: &str) -> Result<Check, DomainError> {
    let mut c = conn
        .query_row(
            "SELECT id, household_id, conversation_id, wijk_code, checked_on, household_type, age_group, income_band,
                    rent_band, children, catalog_year FROM benefit_check WHERE id = ?1 AND deleted = 0",
            [id],
            |r| {
                Ok(Check {
                    id: r.get(0)?,
                    household_id: r.get(1)?,
                    conversation_id: r.get(2)?,
                    wijk_code: r.get(3)?,
                    checked_on: r.get(4)?,
                    screen: ScreenInput {
                        household_type: r.get(5)?,
                        age_group: r.get(6)?,
                        income_band: r.get(7)?,
                        rent_band: r.get(8)?,
                        children: r.get(9)?,
                    },
                    catalog_year: r.get(10)?,
                    items: vec![],
                    steps: vec![],
                    actions: vec![],
                })
            },
        )
        .optional()?
        .ok_or_else(|| DomainError::NotFound { what: "voorzieningencheck", id: id.to_string() })?;
    let mut stmt = conn.prepare_cached(
        "SELECT n.regulation_id, n.status, n.screen_possible, n.estimated_yearly_eur, n.status_on, i.status,
                n.granted_yearly_eur
         FROM check_item_now n JOIN check_item i ON i.check_id = n.check_id AND i.regulation_id = n.regulation_id
         JOIN regulation r ON r.id = n.regulation_id WHERE n.check_id = ?1 ORDER BY r.sort",
    )?;
    c.items = stmt
        .query_map([id], |r| {
            Ok(CheckItem {
                regulation_id: r.get(0)?,
                status: r.get(1)?,
                screen_possible: r.get(2)?,
                estimated_yearly_eur: r.get(3)?,
                status_on: r.get(4)?,
                checked_status: r.get(5)?,
                granted_yearly_eur: r.get(6)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    c.steps = steps(conn, id)?;
    c.actions = actions(conn, id)?;
    Ok(c)
}

pub fn household_checks(
    conn: &Connection,
    household_id: &str,
) -> Result<Vec<CheckSummary>, DomainError> {
    require_live(conn, "household", "huishouden", household_id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT b.id, b.checked_on,
                max(b.checked_on, coalesce((SELECT max(step_on) FROM check_step s
                                            WHERE s.check_id = b.id AND s.deleted = 0), '')),
                (SELECT count(*) FROM check_item_now n JOIN check_status st ON st.code = n.status
                 WHERE n.check_id = b.id AND st.counts_as = 'applied')
         FROM benefit_check b WHERE b.household_id = ?1 AND b.deleted = 0
         ORDER BY b.checked_on DESC, b.id DESC",
    )?;
    let rows = stmt.query_map([household_id], |r| {
        Ok(CheckSummary {
            id: r.get(0)?,
            checked_on: r.get(1)?,
            last_step_on: r.get(2)?,
            pending: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

impl Store {
    pub fn save_check(&mut self, input: &CheckInput) -> Result<Check, DomainError> {
        let id = self.write(|tx, st| save(tx, &st.stamp(), input))?;
        get(self.conn(), &id)
    }

    pub fn check(&self, id: &str) -> Result<Check, DomainError> {
        get(self.conn(), id)
    }

    /// A household's checks, newest first, to reopen one.
    pub fn household_checks(&self, household_id: &str) -> Result<Vec<CheckSummary>, DomainError> {
        household_checks(self.conn(), household_id)
    }

    pub fn screen(&self, input: &ScreenInput) -> Result<Vec<ScreenResult>, DomainError> {
        screen(self.conn(), input)
    }
}

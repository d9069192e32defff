//! Referrals to FEW, Buurtteam, Stip, Voedselbank, Leergeld, Sociaal Wijkteam and
//! others, with their status over time.

use super::{parse_date, require_live, require_wijk, text, DomainError};
use crate::store::{Stamp, Store};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReferralInput {
    #[serde(default)]
    pub household_id: Option<String>,
    #[serde(default)]
    pub conversation_id: Option<String>,
    pub wijk_code: String,
    /// Target code from the codes catalogue (e.g. `few`).
    pub target: String,
    #[serde(default = "default_status")]
    pub status: String,
    /// `YYYY-MM-DD`
    pub proposed_on: String,
    #[serde(default)]
    pub due_on: Option<String>,
    #[serde(default)]
    pub note: String,
}

fn default_status() -> String {
    "voorgesteld".into()
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Referral {
    pub id: String,
    pub household_id: Option<String>,
    pub conversation_id: Option<String>,
    pub wijk_code: String,
    pub target: String,
    pub status: String,
    pub proposed_on: String,
    pub status_on: String,
    pub due_on: Option<String>,
    pub note: String,
}

fn require_code(
    conn: &Connection,
    table: &str,
    what: &'static str,
    code: &str,
) -> Result<(), DomainError> {
    let found: Option<i64> = conn
        .prepare_cached(&format!("SELECT 1 FROM {table} WHERE code = ?1"))?
        .query_row([code], |r| r.get(0))
        .optional()?;
    found.map(|_| ()).ok_or_else(|| DomainError::UnknownCode {
        what,
        code: code.to_string(),
    })
}

pub fn create(
    conn: &Connection,
    stamp: &Stamp,
    input: &ReferralInput,
) -> Result<String, DomainError> {
    require_wijk(conn, &input.wijk_code)?;
    if let Some(h) = &input.household_id {
        require_live(conn, "household", "huishouden", h)?;
    }
    if let Some(c) = &input.conversation_id {
        require_live(conn, "conversation", "gesprek", c)?;
    }
    require_code(conn, "referral_target", "doorverwijzing", &input.target)?;
    let retired: Option<String> = conn
        .prepare_cached("SELECT label FROM referral_target WHERE code = ?1 AND retired = 1")?
        .query_row([&input.target], |r| r.get(0))
        .optional()?;
    if let Some(label) = retired {
        return Err(DomainError::Invalid(format!(
            "naar \"{label}\" wordt niet meer doorverwezen; kies een van de organisaties in de lijst \
             (of \"Andere organisatie\" en noem haar in de notitie)"
        )));
    }
    require_code(conn, "referral_status", "status", &input.status)?;
    let proposed = parse_date("datum", &input.proposed_on)?.to_string();
    let due = input
        .due_on
        .as_deref()
        .map(|d| parse_date("opvolgdatum", d))
        .transpose()?
        .map(|d| d.to_string());
    let note = text("notitie", &input.note, 2000)?;
    conn.prepare_cached(
        "INSERT INTO referral(id, created_at, updated_at, device_id, author, household_id, conversation_id, wijk_code,
           target, status, proposed_on, status_on, due_on, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12, ?13)",
    )?
    .execute(params![stamp.id, stamp.created_at, stamp.hlc, stamp.device_id, stamp.author, input.household_id,
        input.conversation_id, input.wijk_code, input.target, input.status, proposed, due, note])?;
    if let Some(h) = &input.household_id {
        super::household::touch(conn, h, &proposed)?;
    }
    Ok(stamp.id.clone())
}

pub fn set_status(
    conn: &Connection,
    stamp: &Stamp,
    id: &str,
    status: &str,
    on: &str,
) -> Result<(), DomainError> {
    require_live(conn, "referral", "doorverwijzing", id)?;
    require_code(conn, "referral_status", "status", status)?;
    let on = parse_date("datum", on)?.to_string();
    conn.execute(
        "UPDATE referral SET status = ?2, status_on = ?3, updated_at = ?4, device_id = ?5, author = ?6 WHERE id = ?1",
        params![id, status, on, stamp.hlc, stamp.device_id, stamp.author],
    )?;
    Ok(())
}

const COLUMNS: &str =
    "id, household_id, conversation_id, wijk_code, target, status, proposed_on, status_on, due_on, note";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Referral> {
    Ok(Referral {
        id: r.get(0)?,
        household_id: r.get(1)?,
        conversation_id: r.get(2)?,
        wijk_code: r.get(3)?,
        target: r.get(4)?,
        status: r.get(5)?,
        proposed_on: r.get(6)?,
        status_on: r.get(7)?,
        due_on: r.get(8)?,
        note: r.get(9)?,
    })
}

pub fn get(conn: &Connection, id: &str) -> Result<Referral, DomainError> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM referral WHERE id = ?1 AND deleted = 0"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| DomainError::NotFound {
        what: "doorverwijzing",
        id: id.to_string(),
    })
}

impl Store {
    pub fn create_referral(&mut self, input: &ReferralInput) -> Result<Referral, DomainError> {
        let id = self.write(|tx, st| create(tx, &st.stamp(), input))?;
        get(self.conn(), &id)
    }

    pub fn set_referral_status(
        &mut self,
        id: &str,
        status: &str,
        on: &str,
    ) -> Result<Referral, DomainError> {
        self.write(|tx, st| set_status(tx, &st.stamp(), id, status, on))?;
        get(self.conn(), id)
    }

    /// Referrals that are not closed yet, oldest first.
    /// Open referrals, the first to follow up first; at most `limit`.
    pub fn open_referrals(&self, limit: u32) -> Result<Vec<Referral>, DomainError> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {COLUMNS} FROM referral WHERE deleted = 0
             AND status IN (SELECT code FROM referral_status WHERE closed = 0)
             ORDER BY coalesce(due_on, proposed_on), id LIMIT ?1"
        ))?;
        let rows = stmt.query_map([limit], from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

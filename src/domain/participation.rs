//! Participation: a resident who wants to take part in activities or to
//! volunteer, recorded from the conversation or the household's check screen
//! (IPC `record_participation`) and by `wwk participation add`. The profile's
//! "Meedoen" section counts these records.

use super::{parse_date, require_live, require_wijk, text, DomainError};
use crate::store::{Stamp, Store};
use rusqlite::params;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ParticipationInput {
    #[serde(default)]
    pub household_id: Option<String>,
    #[serde(default)]
    pub conversation_id: Option<String>,
    /// Defaults to the household's wijk.
    #[serde(default)]
    pub wijk_code: String,
    /// `activiteiten` or `vrijwilligerswerk`.
    pub kind: String,
    #[serde(default)]
    pub topic: String,
    /// `YYYY-MM-DD`
    pub signalled_on: String,
}

pub const KINDS: &[&str] = &["activiteiten", "vrijwilligerswerk"];

/// A recorded participation.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Participation {
    pub id: String,
    pub household_id: Option<String>,
    pub conversation_id: Option<String>,
    pub wijk_code: String,
    pub kind: String,
    pub topic: String,
    pub signalled_on: String,
}

pub fn record(
    conn: &rusqlite::Connection,
    stamp: &Stamp,
    input: &ParticipationInput,
) -> Result<String, DomainError> {
    if !KINDS.contains(&input.kind.as_str()) {
        return Err(DomainError::UnknownCode {
            what: "soort deelname",
            code: input.kind.clone(),
        });
    }
    if let Some(h) = &input.household_id {
        require_live(conn, "household", "huishouden", h)?;
    }
    let wijk = match (&input.household_id, input.wijk_code.trim()) {
        (Some(h), "") => {
            conn.query_row("SELECT wijk_code FROM household WHERE id = ?1", [h], |r| {
                r.get::<_, String>(0)
            })?
        }
        (None, "") => {
            return Err(DomainError::Invalid(
                "kies een huishouden of een wijk voor de deelname".into(),
            ))
        }
        (_, w) => w.to_string(),
    };
    require_wijk(conn, &wijk)?;
    if let Some(c) = &input.conversation_id {
        require_live(conn, "conversation", "gesprek", c)?;
    }
    let on = parse_date("datum", &input.signalled_on)?.to_string();
    let topic = text("onderwerp", &input.topic, 200)?;
    conn.prepare_cached(
        "INSERT INTO participation(id, created_at, updated_at, device_id, author, household_id, conversation_id, wijk_code,
           kind, topic, signalled_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![stamp.id, stamp.created_at, stamp.hlc, stamp.device_id, stamp.author, input.household_id,
        input.conversation_id, wijk, input.kind, topic, on])?;
    Ok(stamp.id.clone())
}

fn get(conn: &rusqlite::Connection, id: &str) -> Result<Participation, DomainError> {
    Ok(conn.query_row(
        &format!("SELECT {COLUMNS} FROM participation WHERE id = ?1"),
        [id],
        from_row,
    )?)
}

const COLUMNS: &str = "id, household_id, conversation_id, wijk_code, kind, topic, signalled_on";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Participation> {
    Ok(Participation {
        id: r.get(0)?,
        household_id: r.get(1)?,
        conversation_id: r.get(2)?,
        wijk_code: r.get(3)?,
        kind: r.get(4)?,
        topic: r.get(5)?,
        signalled_on: r.get(6)?,
    })
}

impl Store {
    pub fn record_participation(
        &mut self,
        input: &ParticipationInput,
    ) -> Result<Participation, DomainError> {
        let id = self.write(|tx, st| record(tx, &st.stamp(), input))?;
        get(self.conn(), &id)
    }

    /// A household's participation, newest first.
    pub fn household_participation(
        &self,
        household_id: &str,
    ) -> Result<Vec<Participation>, DomainError> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {COLUMNS} FROM participation WHERE household_id = ?1 AND deleted = 0
             ORDER BY signalled_on DESC, id DESC"
        ))?;
        let rows = stmt.query_map([household_id], from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

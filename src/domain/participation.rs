//! Participation signals: residents interested in activities or volunteering.

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
    pub wijk_code: String,
    /// `activiteiten` or `vrijwilligerswerk`.
    pub kind: String,
    #[serde(default)]
    pub topic: String,
    /// `YYYY-MM-DD`
    pub signalled_on: String,
}

pub const KINDS: &[&str] = &["activiteiten", "vrijwilligerswerk"];

pub fn record(
    conn: &rusqlite::Connection,
    stamp: &Stamp,
    input: &ParticipationInput,
) -> Result<String, DomainError> {
    require_wijk(conn, &input.wijk_code)?;
    if !KINDS.contains(&input.kind.as_str()) {
        return Err(DomainError::UnknownCode {
            what: "soort deelname",
            code: input.kind.clone(),
        });
    }
    if let Some(h) = &input.household_id {
        require_live(conn, "household", "huishouden", h)?;
    }
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
        input.conversation_id, input.wijk_code, input.kind, topic, on])?;
    Ok(stamp.id.clone())
}

impl Store {
    pub fn record_participation(
        &mut self,
        input: &ParticipationInput,
    ) -> Result<String, DomainError> {
        self.write(|tx, st| record(tx, &st.stamp(), input))
    }
}

//! Participation: a resident who wants to take part — in activities, as a
//! volunteer, in work or training, in a residents' initiative, or in language
//! or digital skills — recorded from the conversation or the household's check
//! screen (IPC `record_participation`) and by `wwk participation add`, then
//! followed through dated steps (interesse → in contact gebracht → doet mee →
//! gestopt; IPC `record_participation_step`, `wwk participation step`), from
//! Opvolging too. Steps are stamped records of their own, like check steps;
//! the current status is the view `participation_now`. The profile's
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
    /// A code of [`KINDS`].
    pub kind: String,
    #[serde(default)]
    pub topic: String,
    /// `YYYY-MM-DD`
    pub signalled_on: String,
}

/// Kinds of participation, with their Dutch labels.
pub const KINDS: &[(&str, &str)] = &[
    ("activiteiten", "Activiteit in de wijk"),
    ("vrijwilligerswerk", "Vrijwilligerswerk"),
    ("werk_opleiding", "Werk of opleiding"),
    ("bewonersinitiatief", "Bewonersinitiatief"),
    ("taal_digitaal", "Taal of digitale vaardigheden"),
];

/// Statuses in order, with their Dutch labels; a new participation is `interesse`.
pub const STATUSES: &[(&str, &str)] = &[
    ("interesse", "Interesse"),
    ("in_contact", "In contact gebracht"),
    ("doet_mee", "Doet mee"),
    ("gestopt", "Gestopt"),
];

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ParticipationStepInput {
    pub participation_id: String,
    /// A code of [`STATUSES`].
    pub status: String,
    /// `YYYY-MM-DD`, not before the participation was signalled.
    pub step_on: String,
}

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
    /// The current status (the latest step, else `interesse`) and since when.
    pub status: String,
    pub status_on: String,
}

pub fn record(
    conn: &rusqlite::Connection,
    stamp: &Stamp,
    input: &ParticipationInput,
) -> Result<String, DomainError> {
    if !KINDS.iter().any(|(k, _)| *k == input.kind) {
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

pub fn record_step(
    conn: &rusqlite::Connection,
    stamp: &Stamp,
    input: &ParticipationStepInput,
) -> Result<String, DomainError> {
    require_live(conn, "participation", "deelname", &input.participation_id)?;
    if !STATUSES.iter().any(|(s, _)| *s == input.status) {
        return Err(DomainError::UnknownCode {
            what: "status deelname",
            code: input.status.clone(),
        });
    }
    let (wijk, signalled_on): (String, String) = conn.query_row(
        "SELECT wijk_code, signalled_on FROM participation WHERE id = ?1",
        [&input.participation_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let on = parse_date("datum", &input.step_on)?.to_string();
    if on < signalled_on {
        return Err(DomainError::Invalid(format!(
            "de datum {on} ligt vóór de aanmelding van {signalled_on}"
        )));
    }
    conn.prepare_cached(
        "INSERT INTO participation_step(id, created_at, updated_at, device_id, author, participation_id, wijk_code,
           status, step_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![stamp.id, stamp.created_at, stamp.hlc, stamp.device_id, stamp.author,
        input.participation_id, wijk, input.status, on])?;
    Ok(stamp.id.clone())
}

fn get(conn: &rusqlite::Connection, id: &str) -> Result<Participation, DomainError> {
    Ok(conn.query_row(
        &format!("SELECT {COLUMNS} FROM participation_now WHERE id = ?1"),
        [id],
        from_row,
    )?)
}

const COLUMNS: &str =
    "id, household_id, conversation_id, wijk_code, kind, topic, signalled_on, status, status_on";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Participation> {
    Ok(Participation {
        id: r.get(0)?,
        household_id: r.get(1)?,
        conversation_id: r.get(2)?,
        wijk_code: r.get(3)?,
        kind: r.get(4)?,
        topic: r.get(5)?,
        signalled_on: r.get(6)?,
        status: r.get(7)?,
        status_on: r.get(8)?,
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

    /// Records the next status of a participation and returns it as it is now.
    pub fn record_participation_step(
        &mut self,
        input: &ParticipationStepInput,
    ) -> Result<Participation, DomainError> {
        self.write(|tx, st| record_step(tx, &st.stamp(), input))?;
        get(self.conn(), &input.participation_id)
    }

    /// Participation still to follow up (interesse or in contact gebracht),
    /// longest waiting first, with the address for Opvolging.
    pub fn open_participation(&self, limit: u32) -> Result<Vec<Participation>, DomainError> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {COLUMNS} FROM participation_now WHERE deleted = 0 AND status IN ('interesse', 'in_contact')
             ORDER BY status_on, id LIMIT ?1"
        ))?;
        let rows = stmt.query_map([limit], from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A household's participation, newest first.
    pub fn household_participation(
        &self,
        household_id: &str,
    ) -> Result<Vec<Participation>, DomainError> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {COLUMNS} FROM participation_now WHERE household_id = ?1 AND deleted = 0
             ORDER BY signalled_on DESC, id DESC"
        ))?;
        let rows = stmt.query_map([household_id], from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_exchange_format_accepts_exactly_the_kinds_and_statuses() {
        let words = |table: &str, col: &str| {
            let spec = crate::exchange::spec::table(table).unwrap();
            match spec.cols[spec.col(col).unwrap()].kind {
                crate::exchange::spec::Kind::OneOf(w) => w.to_vec(),
                k => panic!("{col}: {k:?}"),
            }
        };
        let codes = |l: &[(&'static str, &str)]| l.iter().map(|(c, _)| *c).collect::<Vec<_>>();
        assert_eq!(words("participation", "kind"), codes(super::KINDS));
        assert_eq!(
            words("participation_step", "status"),
            codes(super::STATUSES)
        );
    }
}

//! Door visits (attempts) and the walk list built from them.

use super::{require_live, text, DomainError};
use crate::store::{Stamp, Store};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VisitInput {
    pub household_id: String,
    #[serde(default)]
    pub campaign_id: Option<String>,
    /// Outcome code from the codes catalogue (e.g. `niet_thuis`, `gesprek`).
    pub outcome: String,
    #[serde(default)]
    pub note: String,
    /// RFC 3339; defaults to now.
    #[serde(default)]
    pub visited_at: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Visit {
    pub id: String,
    pub household_id: String,
    pub campaign_id: Option<String>,
    pub outcome: String,
    pub note: String,
    pub visited_at: String,
    pub author: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WalkEntry {
    pub household_id: String,
    pub street: String,
    pub number: Option<u32>,
    pub addition: Option<String>,
    /// Earlier attempts, oldest first.
    pub attempts: Vec<Visit>,
    /// No further attempt needed (a final outcome was recorded).
    pub done: bool,
}

pub fn record(conn: &Connection, stamp: &Stamp, input: &VisitInput) -> Result<String, DomainError> {
    require_live(conn, "household", "huishouden", &input.household_id)?;
    if let Some(c) = &input.campaign_id {
        require_live(conn, "campaign", "ronde", c)?;
    }
    let known: Option<i64> = conn
        .prepare_cached("SELECT 1 FROM outcome_code WHERE code = ?1")?
        .query_row([&input.outcome], |r| r.get(0))
        .optional()?;
    if known.is_none() {
        return Err(DomainError::UnknownCode {
            what: "uitkomst",
            code: input.outcome.clone(),
        });
    }
    let note = text("notitie", &input.note, 2000)?;
    let at = match &input.visited_at {
        Some(t) => chrono::DateTime::parse_from_rfc3339(t)
            .map_err(|_| DomainError::Invalid(format!("tijdstip \"{t}\" is ongeldig")))?
            .with_timezone(&chrono::Utc)
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        None => stamp.created_at.clone(),
    };
    conn.prepare_cached(
        "INSERT INTO visit(id, created_at, updated_at, device_id, author, household_id, campaign_id, visited_at, outcome, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![stamp.id, stamp.created_at, stamp.hlc, stamp.device_id, stamp.author, input.household_id,
        input.campaign_id, at, input.outcome, note])?;
    super::household::touch(conn, &input.household_id, &at[..10])?;
    Ok(stamp.id.clone())
}

fn visit_from_row(r: &rusqlite::Row) -> rusqlite::Result<Visit> {
    Ok(Visit {
        id: r.get(0)?,
        household_id: r.get(1)?,
        campaign_id: r.get(2)?,
        outcome: r.get(3)?,
        note: r.get(4)?,
        visited_at: r.get(5)?,
        author: r.get(6)?,
    })
}

pub fn walk_list(conn: &Connection, campaign_id: &str) -> Result<Vec<WalkEntry>, DomainError> {
    require_live(conn, "campaign", "ronde", campaign_id)?;
    let mut stmt = conn.prepare(
        "SELECT h.id, coalesce(h.street, ''), h.number, h.addition FROM campaign_address ca
         JOIN household h ON h.id = ca.household_id
         WHERE ca.campaign_id = ?1 AND ca.deleted = 0 AND h.deleted = 0
         ORDER BY h.street, h.number, h.addition",
    )?;
    let mut entries: Vec<WalkEntry> = stmt
        .query_map([campaign_id], |r| {
            Ok(WalkEntry {
                household_id: r.get(0)?,
                street: r.get(1)?,
                number: r.get(2)?,
                addition: r.get(3)?,
                attempts: vec![],
                done: false,
            })
        })?
        .collect::<Result<_, _>>()?;
    let index: std::collections::HashMap<String, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.household_id.clone(), i))
        .collect();
    let mut stmt = conn.prepare(
        "SELECT v.id, v.household_id, v.campaign_id, v.outcome, v.note, v.visited_at, v.author, o.final FROM visit v
         JOIN outcome_code o ON o.code = v.outcome
         WHERE v.campaign_id = ?1 AND v.deleted = 0 ORDER BY v.visited_at, v.id",
    )?;
    let mut rows = stmt.query([campaign_id])?;
    while let Some(r) = rows.next()? {
        let v = visit_from_row(r)?;
        let is_final: bool = r.get(7)?;
        if let Some(&i) = index.get(&v.household_id) {
            entries[i].done |= is_final;
            entries[i].attempts.push(v);
        }
    }
    Ok(entries)
}

impl Store {
    pub fn record_visit(&mut self, input: &VisitInput) -> Result<Visit, DomainError> {
        let id = self.write(|tx, st| record(tx, &st.stamp(), input))?;
        Ok(self.conn().query_row(
            "SELECT id, household_id, campaign_id, outcome, note, visited_at, author FROM visit WHERE id = ?1",
            [id],
            visit_from_row,
        )?)
    }

    /// Marks a visit as deleted (a mistaken click at the door).
    pub fn delete_visit(&mut self, id: &str) -> Result<(), DomainError> {
        self.write(|tx, st| {
            require_live(tx, "visit", "bezoek", id)?;
            let s = st.stamp();
            tx.execute(
                "UPDATE visit SET deleted = 1, updated_at = ?2, device_id = ?3, author = ?4 WHERE id = ?1",
                params![id, s.hlc, s.device_id, s.author],
            )?;
            Ok(())
        })
    }

    pub fn walk_list(&self, campaign_id: &str) -> Result<Vec<WalkEntry>, DomainError> {
        walk_list(self.conn(), campaign_id)
    }
}

//! Complexes and streets below a wijk, defined by users (e.g. a flat or a hofje)
//! so campaigns can target part of a wijk.

use super::{require_wijk, text, DomainError};
use crate::store::{Stamp, Store};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Complex {
    pub id: String,
    pub wijk_code: String,
    pub name: String,
}

pub fn create(
    conn: &Connection,
    stamp: &Stamp,
    wijk_code: &str,
    name: &str,
) -> Result<String, DomainError> {
    require_wijk(conn, wijk_code)?;
    let name = text("naam", name, 200)?;
    if name.is_empty() {
        return Err(DomainError::Invalid("geef het complex een naam".into()));
    }
    let exists: i64 = conn.query_row(
        "SELECT count(*) FROM complex WHERE wijk_code = ?1 AND lower(name) = lower(?2) AND deleted = 0",
        params![wijk_code, name],
        |r| r.get(0),
    )?;
    if exists > 0 {
        return Err(DomainError::Invalid(format!(
            "het complex \"{name}\" bestaat al in deze wijk"
        )));
    }
    conn.execute(
        "INSERT INTO complex(id, created_at, updated_at, device_id, author, wijk_code, name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![stamp.id, stamp.created_at, stamp.hlc, stamp.device_id, stamp.author, wijk_code, name],
    )?;
    Ok(stamp.id.clone())
}

impl Store {
    pub fn create_complex(&mut self, wijk_code: &str, name: &str) -> Result<Complex, DomainError> {
        let id = self.write(|tx, st| create(tx, &st.stamp(), wijk_code, name))?;
        Ok(Complex {
            id,
            wijk_code: wijk_code.to_string(),
            name: name.trim().to_string(),
        })
    }

    /// Complexes in a wijk (or everywhere with `None`), by name.
    pub fn complexes(&self, wijk_code: Option<&str>) -> Result<Vec<Complex>, DomainError> {
        let mut stmt = self.conn().prepare(
            "SELECT id, wijk_code, name FROM complex WHERE deleted = 0 AND (?1 IS NULL OR wijk_code = ?1) ORDER BY name",
        )?;
        let rows = stmt.query_map([wijk_code], |r| {
            Ok(Complex {
                id: r.get(0)?,
                wijk_code: r.get(1)?,
                name: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

//! The values catalogue as users edit it: add, rename and retire values without
//! breaking conversations already tagged with them.

use super::{text, DomainError};
use crate::store::Store;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Value {
    pub id: String,
    pub label: String,
    pub description: String,
    pub bevorderend: Vec<String>,
    pub belemmerend: Vec<String>,
    pub builtin: bool,
    pub retired: bool,
}

impl Store {
    /// All values, in catalogue order; retired ones only when asked.
    pub fn values(&self, include_retired: bool) -> Result<Vec<Value>, DomainError> {
        let mut stmt = self.conn().prepare(
            "SELECT id, label, description, bevorderend, belemmerend, builtin, retired FROM value_catalog
             WHERE ?1 OR retired = 0 ORDER BY sort, label",
        )?;
        let rows = stmt.query_map([include_retired], |r| {
            let bev: String = r.get(3)?;
            let bel: String = r.get(4)?;
            Ok(Value {
                id: r.get(0)?,
                label: r.get(1)?,
                description: r.get(2)?,
                bevorderend: serde_json::from_str(&bev).unwrap_or_default(),
                belemmerend: serde_json::from_str(&bel).unwrap_or_default(),
                builtin: r.get(5)?,
                retired: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Adds a value. Its id is unique across devices, so merged files agree.
    pub fn add_value(&mut self, label: &str, description: &str) -> Result<Value, DomainError> {
        let label = text("naam van de waarde", label, 80)?;
        if label.is_empty() {
            return Err(DomainError::Invalid("geef de waarde een naam".into()));
        }
        let description = text("omschrijving", description, 500)?;
        let id = self.write(|tx, st| {
            let clash: Option<String> = tx
                .query_row("SELECT id FROM value_catalog WHERE lower(label) = lower(?1)", [&label], |r| r.get(0))
                .optional()?;
            if clash.is_some() {
                return Err(DomainError::Invalid(format!("de waarde \"{label}\" bestaat al")));
            }
            let s = st.stamp();
            let id = format!("u_{}", s.id.replace('-', ""));
            tx.execute(
                "INSERT INTO value_catalog(id, label, description, builtin, sort, updated_at, device_id)
                 VALUES (?1, ?2, ?3, 0, 1000, ?4, ?5)",
                params![id, label, description, s.hlc, s.device_id],
            )?;
            Ok(id)
        })?;
        self.value(&id)
    }

    pub fn value(&self, id: &str) -> Result<Value, DomainError> {
        self.values(true)?
            .into_iter()
            .find(|v| v.id == id)
            .ok_or_else(|| DomainError::NotFound {
                what: "waarde",
                id: id.to_string(),
            })
    }

    /// Renames a value; existing tags keep pointing at it.
    pub fn rename_value(&mut self, id: &str, label: &str) -> Result<Value, DomainError> {
        let label = text("naam van de waarde", label, 80)?;
        if label.is_empty() {
            return Err(DomainError::Invalid("geef de waarde een naam".into()));
        }
        self.value(id)?;
        self.write(|tx, st| {
            let clash: Option<String> = tx
                .query_row("SELECT id FROM value_catalog WHERE lower(label) = lower(?1) AND id <> ?2", [&label, id], |r| {
                    r.get(0)
                })
                .optional()?;
            if clash.is_some() {
                return Err(DomainError::Invalid(format!("de waarde \"{label}\" bestaat al")));
            }
            let s = st.stamp();
            tx.execute(
                "UPDATE value_catalog SET label = ?2, updated_at = ?3, device_id = ?4 WHERE id = ?1",
                params![id, label, s.hlc, s.device_id],
            )?;
            Ok(())
        })?;
        self.value(id)
    }

    /// Retires (or restores) a value: it is no longer offered, but old tags stay valid.
    pub fn retire_value(&mut self, id: &str, retired: bool) -> Result<Value, DomainError> {
        self.value(id)?;
        self.write(|tx, st| {
            let s = st.stamp();
            tx.execute(
                "UPDATE value_catalog SET retired = ?2, updated_at = ?3, device_id = ?4 WHERE id = ?1",
                params![id, retired, s.hlc, s.device_id],
            )?;
            Ok(())
        })?;
        self.value(id)
    }
}

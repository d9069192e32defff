//! The domain: what outreach workers record and what teams count.
//!
//! Each submodule owns one kind of record: its types, its rules (validated in
//! Dutch) and its rows in the store. Writes take a [`Stamp`](crate::store::Stamp)
//! so the same code serves the app, the CLI, merges and the demo generator.

pub mod address;
pub mod areamap;
pub mod campaign;
pub mod catalogs;
pub mod check;
pub mod check_action;
pub mod check_step;
pub mod collective;
pub mod complex;
pub mod conversation;
pub mod draft;
mod error;
pub mod followup;
pub mod household;
pub mod participation;
pub mod pending;
pub mod programme;
pub mod referral;
pub mod search;
pub mod search_index;
mod search_rank;
pub mod stats;
pub mod values;
pub mod visit;

pub use error::DomainError;

use chrono::NaiveDate;
use rusqlite::Connection;

/// Parses a `YYYY-MM-DD` date, with a Dutch error naming the field.
pub fn parse_date(field: &str, s: &str) -> Result<NaiveDate, DomainError> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| DomainError::Invalid(format!("{field}: \"{s}\" is geen datum (JJJJ-MM-DD)")))
}

/// Fails unless `code` is a known wijk (CBS buurt) code.
pub(crate) fn require_wijk(conn: &Connection, code: &str) -> Result<(), DomainError> {
    let kind: Option<String> = rusqlite::OptionalExtension::optional(conn.query_row(
        "SELECT kind FROM area WHERE code = ?1",
        [code],
        |r| r.get(0),
    ))?;
    match kind.as_deref() {
        Some("wijk") => Ok(()),
        Some(_) => Err(DomainError::Invalid(format!(
            "{code} is een stadsdeel; kies een wijk (BU-code)"
        ))),
        None => Err(DomainError::UnknownCode {
            what: "wijk",
            code: code.to_string(),
        }),
    }
}

/// Fails unless a live (not deleted) record with this id exists in `table`.
pub(crate) fn require_live(
    conn: &Connection,
    table: &'static str,
    what: &'static str,
    id: &str,
) -> Result<(), DomainError> {
    let sql = format!("SELECT 1 FROM {table} WHERE id = ?1 AND deleted = 0");
    let found: Option<i64> =
        rusqlite::OptionalExtension::optional(conn.query_row(&sql, [id], |r| r.get(0)))?;
    found.map(|_| ()).ok_or_else(|| DomainError::NotFound {
        what,
        id: id.to_string(),
    })
}

/// Trims and bounds a free-text field.
pub(crate) fn text(field: &str, s: &str, max: usize) -> Result<String, DomainError> {
    let t = s.trim();
    if t.chars().count() > max {
        return Err(DomainError::Invalid(format!(
            "{field} is te lang (max. {max} tekens)"
        )));
    }
    Ok(t.to_string())
}

/// Like [`text`], but `None` for an empty value.
pub(crate) fn opt_text(
    field: &str,
    s: Option<&str>,
    max: usize,
) -> Result<Option<String>, DomainError> {
    match s {
        None => Ok(None),
        Some(v) => {
            let t = text(field, v, max)?;
            Ok(if t.is_empty() { None } else { Some(t) })
        }
    }
}

impl crate::store::Store {
    /// Runs one write in a transaction: stamps come from this installation's
    /// clock, which is persisted with the write. Nothing is kept on error.
    pub fn write<T>(
        &mut self,
        f: impl FnOnce(&Connection, &crate::store::Stamper) -> Result<T, DomainError>,
    ) -> Result<T, DomainError> {
        let stamper = self.stamper();
        let tx = self.conn_mut().transaction()?;
        let out = f(&tx, &stamper)?;
        stamper.persist(&tx)?;
        tx.commit()?;
        Ok(out)
    }
}
